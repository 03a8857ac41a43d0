"""Golden files: YAML in, expected HTML out, for each question type (and later, scenarios).

Run with UPDATE_GOLDEN=1 to rewrite the expected files after an intended change, then review the diff.
"""
import difflib
import os
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_quiz_html_matches_golden(path):
    expected_file = path.with_suffix(".html")
    html = render(path)
    if os.environ.get("UPDATE_GOLDEN") or not expected_file.exists():
        expected_file.write_text(html)
        if not os.environ.get("UPDATE_GOLDEN"):
            pytest.fail(f"wrote a new golden file {expected_file.name}: review it and run again")
    expected = expected_file.read_text()
    if html != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), html.splitlines(True), "expected", "actual"))
        pytest.fail(f"{path.name} renders differently from its golden file:\n{diff}")


def test_there_is_a_golden_file_for_every_question_type():
    from course.quiz import TYPES
    assert {p.stem for p in CASES} == set(TYPES)


def test_author_html_is_shown_as_text_never_run():
    html = render(HERE / "golden" / "quiz" / "single.yml")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="../modules/06-five-factors/#x"' in html
