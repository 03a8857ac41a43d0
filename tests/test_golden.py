"""Golden files: YAML in, expected output out. Each question type's HTML; the mini-site's scenario
and self-assessments as placed on a page; every page the engine generates for the mini-site
(catalogues, item pages, tutor pages, printable packs, the exports page) and the HTML of its packs;
its quiz as Moodle XML and GIFT.

Run with UPDATE_GOLDEN=1 to rewrite the expected files after an intended change, then review the diff.
"""
import difflib
import functools
import os
from pathlib import Path

import pytest

from conftest import MINISITE
from course import packs
from course.course import Course
from course.pages import embed

from course.kinds import KINDS
from course.library import read_file
from course.problems import Report
from course.render import Renderer
from course.textfields import TextRenderer

HERE = Path(__file__).parent
CASES = sorted((HERE / "golden" / "quiz").glob("*.yml"))
PAGES = {"modules/06-five-factors.md": "modules/06-five-factors/"}


def render(path: Path) -> str:
    report = Report()
    quiz, _ = read_file(path, HERE, KINDS["quiz"], report)
    assert not report.errors, report.errors
    renderer = Renderer(TextRenderer(PAGES, {"NHS": "National Health Service"}))
    return renderer.quiz(quiz, page_url="practice/", heading=3) + "\n"


def matches_golden(text: str, expected_file: Path) -> None:
    if os.environ.get("UPDATE_GOLDEN") or not expected_file.exists():
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(text)
        if not os.environ.get("UPDATE_GOLDEN"):
            pytest.fail(f"wrote a new golden file {expected_file.name}: review it and run again")
    expected = expected_file.read_text()
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), "expected", "actual"))
        pytest.fail(f"{expected_file.relative_to(HERE)} differs from its golden file:\n{diff}")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_quiz_html_matches_golden(path):
    matches_golden(render(path), path.with_suffix(".html"))


# -- figures and timelines ----------------------------------------------------------------------
FIGURES = sorted((HERE / "golden" / "figure").glob("*.yml")) + sorted((HERE / "golden" / "timeline").glob("*.yml"))


@pytest.mark.parametrize("path", FIGURES, ids=[f"{p.parent.name}-{p.stem}" for p in FIGURES])
def test_figure_and_timeline_html_matches_golden(path):
    kind = KINDS[path.parent.name]
    report = Report()
    item, _ = read_file(path, HERE, kind, report)
    assert not report.problems, report.problems
    renderer = Renderer(TextRenderer(PAGES, {"NHS": "National Health Service"}))
    matches_golden(embed(renderer, kind, item, "modules/06-five-factors/", standalone=False) + "\n", path.with_suffix(".html"))


def test_there_is_a_golden_file_for_every_figure_type():
    from course.figure import TYPES
    assert {p.stem for p in (HERE / "golden" / "figure").glob("*.yml")} == set(TYPES)


# -- the mini-site: widgets, generated pages, packs and exports ------------------------------------
MINI_GOLDEN = HERE / "golden" / "minisite"


@functools.lru_cache(maxsize=1)
def minisite():
    """The mini-site's course model with its generated pages written, and its renderer."""
    course = Course(MINISITE)
    course.check(renderer_factory=lambda text: Renderer(text))
    assert not course.report.problems, course.report.problems
    renderer = Renderer(course.text_renderer())
    return course, renderer, dict(course.write_generated(renderer))


def generated_pages():
    return sorted(minisite()[2])


@pytest.mark.parametrize("uri", generated_pages())
def test_every_generated_page_matches_golden(uri):
    matches_golden(minisite()[2][uri], MINI_GOLDEN / "pages" / uri)


@pytest.mark.parametrize("kind", ["scenario", "assessment"])
def test_scenario_and_self_assessment_widgets_match_golden(kind):
    course, renderer, _ = minisite()
    items = sorted(course.library.all(kind), key=lambda i: i.id)
    assert items
    for item in items:
        for standalone in (False, True):
            html = embed(renderer, course.kinds[kind], item, "practice/", standalone=standalone) + "\n"
            matches_golden(html, MINI_GOLDEN / "widgets" / f"{kind}-{item.id}{'-standalone' if standalone else ''}.html")


def test_printable_packs_match_golden():
    course, renderer, _ = minisite()
    for pack, item_id in [("quiz-sheet", "all-types"), ("quiz-key", "all-types"), ("scenario-paper", "mini-choice")]:
        html = packs.render(course.library, renderer, pack, item_id, f"tutors/packs/{pack}/") + "\n"
        matches_golden(html, MINI_GOLDEN / "packs" / f"{pack}-{item_id}.html")


@pytest.mark.parametrize("fmt", ["moodle", "gift"])
def test_moodle_xml_and_gift_exports_match_golden(fmt):
    from course.exports import gift, moodle
    from course.exports.base import Exporter
    course, _, _ = minisite()
    ex = Exporter(course.urls(), course.glossary, "https://course.example/", "Mini course")
    quiz = course.library.get("quiz", "all-types")
    out = {"moodle": moodle, "gift": gift}[fmt].export(quiz, ex).data.decode("utf-8")
    matches_golden(out, MINI_GOLDEN / "exports" / ("all-types-moodle.xml" if fmt == "moodle" else "all-types.gift.txt"))


def test_there_is_a_golden_file_for_every_question_type():
    from course.quiz import TYPES
    assert {p.stem for p in CASES} == set(TYPES)


def test_author_html_is_shown_as_text_never_run():
    html = render(HERE / "golden" / "quiz" / "single.yml")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="../modules/06-five-factors/#x"' in html
