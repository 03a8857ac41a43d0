"""The course model (course.Course): markers, page paths, links and anchors, and that
``python -m course check`` and the MkDocs build report exactly the same problems.

Builds here are of small copies of the fixture mini-site, in process where a test needs MkDocs'
own behaviour (a second ``on_config``, as ``mkdocs serve`` does) and as a subprocess otherwise.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINISITE, ROOT, build
import sitecheck
from course.anchors import anchors
from course.course import Course
from course.markers import near_misses
from course.render import Renderer

HERE = Path(__file__).resolve().parent
HOOKS = ROOT / "hooks" / "course_hooks.py"


def copy_minisite(tmp_path: Path, name: str = "site") -> Path:
    """A copy of the mini-site that builds from anywhere (its hook path made absolute)."""
    dest = tmp_path / name
    shutil.copytree(MINISITE, dest)
    cfg = dest / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("../../../hooks/course_hooks.py", str(HOOKS)))
    return dest


def check_problems(root: Path) -> list[str]:
    """What `python -m course check` prints as problems, one line each."""
    out = subprocess.run([sys.executable, "-m", "course", "check", str(root)], capture_output=True, text=True,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"})
    assert "Traceback" not in out.stderr, out.stderr
    return sorted(line for line in out.stdout.splitlines() if line.startswith(("ERROR: ", "WARNING: ")))


def build_problems(root: Path, tmp_path: Path) -> list[str]:
    """The same problems as the build reports them (MkDocs' WARNING lines and the error list)."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
                             "-d", str(tmp_path / f"out-{root.name}")], capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    text = result.stdout + result.stderr
    assert "Traceback" not in text, text
    problems = [f"WARNING: {m}" for m in re.findall(r"^WARNING\s+-\s+(.*)$", text, re.M)
                if not m.startswith("Aborted with")]
    problems += [f"ERROR: {m}" for m in re.findall(r"^\s+- (.*)$", text, re.M)]
    return sorted(problems)


def place(root: Path, page: str, text: str) -> None:
    path = root / "docs" / page
    path.write_text(path.read_text() + "\n" + text + "\n")


# -- markers -----------------------------------------------------------------------------------
def test_marker_rules_each_give_their_problem_with_file_and_line(tmp_path):
    root = copy_minisite(tmp_path)
    before = len((root / "docs" / "other.md").read_text().splitlines())
    place(root, "other.md", "<!-- quiz: no-such-quiz -->\n\n<!-- scenario: -->\n\n<!-- Quiz: all-types -->\n\n"
                            "<!-- scenarios: mini-choice -->\n\n<!-- quiz all-types -->\n\n`<!-- quiz: in-code -->`")
    (root / "quizzes" / "unplaced.yml").write_text(
        (root / "quizzes" / "all-types.yml").read_text().replace("id: all-types", "id: unplaced", 1))
    problems = check_problems(root)
    page = (root / "docs" / "other.md").read_text().splitlines()
    want = {f"docs/other.md, line {n}" for n, line in enumerate(page, 1) if line.startswith("<!--") and n > before}
    lines = {p.split(": ", 1)[1].split(":", 1)[0] for p in problems if "docs/other.md" in p}
    assert len(want) == 5 and lines == want, problems
    text = "\n".join(problems)
    assert "the page places quiz 'no-such-quiz', but no quiz has that id. Fix: use one of: all-types, unplaced" in text
    assert "the scenario marker names no scenario. Fix: write it as <!-- scenario: ID -->." in text
    assert "'<!-- Quiz: all-types -->' is not a marker, so it shows nothing. Fix: write it as <!-- quiz: all-types -->" in text
    assert "write it as <!-- scenario: mini-choice -->" in text
    assert "'<!-- quiz all-types -->' is not a marker" in text
    assert "WARNING: quizzes/unplaced.yml, line 1 (id): quiz 'unplaced' is not placed on any page." in text
    assert "in-code" not in text


def test_a_marker_for_an_item_whose_file_is_broken_gives_no_knock_on_problem(tmp_path):
    root = copy_minisite(tmp_path)
    (root / "quizzes" / "broken.yml").write_text("id: broken\ntitle: [unclosed\n")
    place(root, "other.md", "<!-- quiz: broken -->")
    problems = check_problems(root)
    assert [p for p in problems if "broken" in p] == [p for p in problems if p.startswith("ERROR: quizzes/broken.yml")]
    assert len(problems) == 1


def test_near_misses_leave_ordinary_comments_alone():
    names = ["quiz", "scenario", "assessment", "lab"]
    text = "<!-- TODO: check this -->\n<!-- labs-only -->\n<!-- Course notes: tutors -->\n<!-- quiz: a -->\n<!-- lab:x -->"
    assert near_misses(text, names) == []
    assert [m.meant for m in near_misses("<!-- Lab: demand -->\n<!-- course: progres -->", names)] == \
        ["<!-- lab: demand -->", "<!-- course: progress -->"]


# -- page paths ---------------------------------------------------------------------------------
def test_an_item_id_that_takes_a_pages_path_is_an_error_not_a_silent_replacement(tmp_path):
    root = copy_minisite(tmp_path)
    (root / "quizzes" / "index.yml").write_text(
        (root / "quizzes" / "all-types.yml").read_text().replace("id: all-types", "id: index", 1))
    (root / "docs" / "practice" / "scenarios").mkdir(parents=True)
    (root / "docs" / "practice" / "scenarios" / "mini-choice.md").write_text("# Mine\n")
    assert check_problems(root) == [
        "ERROR: docs/practice/scenarios/mini-choice.md, line 1: this page is at practice/scenarios/mini-choice.md, "
        "where the engine puts a page made from scenarios/mini-choice.yml. Fix: move or rename this page: the "
        "engine's pages keep their addresses.",
        "ERROR: quizzes/index.yml, line 1 (id): the id 'index' would publish the page practice/quizzes/index.md, which "
        "is already the quiz catalogue's page. Fix: choose another id for this quiz ('index' and the ids of other "
        "pages are taken).",
    ]  # and nothing more: the items left out give no knock-on problems


# -- links and anchors ---------------------------------------------------------------------------
def test_anchors_of_links_in_author_text_are_checked(tmp_path):
    root = copy_minisite(tmp_path)
    quiz = root / "quizzes" / "all-types.yml"
    text = quiz.read_text()
    first = re.search(r"^(\s+)prompt: (.*)$", text, re.M)
    assert first
    indent = first.group(1)
    text = text.replace(first.group(0), f"{indent}prompt: 'See [this](other.md#no-such-section) and [that](other.md#{sorted(anchors((root / 'docs' / 'other.md').read_text()))[0]}).'", 1)
    quiz.write_text(text)
    problems = [p for p in check_problems(root) if "no-such-section" in p]
    assert len(problems) == 1, problems
    assert "the link to 'other.md#no-such-section' names a section that page does not have." in problems[0]
    assert "Fix: use the anchor of a heading in docs/other.md" in problems[0]


def test_the_anchor_reader_agrees_with_every_built_page_of_the_course(site_dir):
    """anchors() reads headings from the Markdown; every id it predicts is in the built page."""
    course = Course(ROOT)
    course.load()
    course.plan()
    course.scan_markers()
    course.write_generated(Renderer(course.text_renderer()))
    missing = {}
    for uri, page in course.pages.items():
        html = site_dir / (page.url + "index.html" if page.url.endswith("/") or page.url == "" else page.url)
        if not html.is_file():
            continue
        built = sitecheck.parse(html).ids
        wrong = anchors(page.text) - built
        if wrong:
            missing[uri] = sorted(wrong)
    assert missing == {}
    assert len(anchors((ROOT / "docs" / "modules" / "06-five-factors.md").read_text())) > 10


# -- the build and check agree --------------------------------------------------------------------
@pytest.mark.parametrize("folder", ["bad_quizzes", "bad_scenarios", "bad_assessments"])
def test_check_and_the_build_report_the_same_problems_for_every_bad_input_file(tmp_path, folder):
    root = copy_minisite(tmp_path, folder)
    target = {"bad_quizzes": "quizzes", "bad_scenarios": "scenarios", "bad_assessments": "assessments"}[folder]
    for path in sorted((HERE / folder).glob("*.yml")):
        if path.name != "expected.yml":
            shutil.copy(path, root / target / path.name)
    from_check = check_problems(root)
    assert len(from_check) > len(list((HERE / folder).glob("*.yml"))) // 2
    assert build_problems(root, tmp_path) == from_check


def test_check_exit_codes(tmp_path):
    root = copy_minisite(tmp_path)
    run = lambda: subprocess.run([sys.executable, "-m", "course", "check", str(root)], capture_output=True,  # noqa: E731
                                 text=True, env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"})
    clean = run()
    assert clean.returncode == 0, clean.stdout
    assert "0 errors, 0 warnings" in clean.stdout
    place(root, "other.md", "<!-- Quiz: all-types -->")
    assert run().returncode == 2
    place(root, "other.md", "<!-- quiz: missing -->")
    assert run().returncode == 1


# -- MkDocs: a second on_config, and pages without directory URLs -----------------------------------
def test_a_rebuild_in_the_same_process_starts_afresh(tmp_path):
    """`mkdocs serve` keeps the hook module and calls on_config again on every rebuild: nothing of the
    last build may leak into the next (a quiz removed is gone; a new title shows)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    root = copy_minisite(tmp_path)
    extra = root / "quizzes" / "extra.yml"
    extra.write_text((root / "quizzes" / "all-types.yml").read_text().replace("id: all-types", "id: extra", 1))
    place(root, "other.md", "<!-- quiz: extra -->")

    def build_once():
        cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
        cfg.plugins.on_startup(command="serve", dirty=False)
        mkdocs_build(cfg)

    build_once()
    assert (tmp_path / "out" / "practice" / "quizzes" / "extra" / "index.html").is_file()
    extra.unlink()
    other = root / "docs" / "other.md"
    other.write_text(other.read_text().replace("<!-- quiz: extra -->", ""))
    quiz = root / "quizzes" / "all-types.yml"
    quiz.write_text(re.sub(r"^title: .*$", "title: Renamed quiz", quiz.read_text(), count=1, flags=re.M))
    build_once()
    catalogue = (tmp_path / "out" / "practice" / "quizzes" / "index.html").read_text()
    assert "Renamed quiz" in catalogue and "extra" not in catalogue
    assert not (tmp_path / "out" / "practice" / "quizzes" / "extra").exists()


def test_the_site_builds_and_links_without_directory_urls(tmp_path):
    root = copy_minisite(tmp_path)
    cfg = root / "mkdocs.yml"
    cfg.write_text(cfg.read_text() + "\nuse_directory_urls: false\n")
    out = tmp_path / "flat"
    result = build(cfg, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "practice" / "quizzes" / "all-types.html").is_file()
    assert (out / "tutors" / "scenarios" / "mini-choice.html").is_file()
    assert sitecheck.check(out) == []
    page = (out / "practice" / "quizzes" / "all-types.html").read_text()
    assert 'href="../../downloads/quizzes/all-types/all-types-moodle.xml"' in page
    assert '<meta name="course-root" content="../../">' in page
