"""Quiz model and validation: every rule, with the exact message an author sees."""
from pathlib import Path

import pytest

import helpers
from helpers import expected_for

from course.kinds import KINDS
from course.library import load_library, read_file
from course.problems import ContentError, Report

HERE = Path(__file__).parent
BAD = sorted((HERE / "bad_quizzes").glob("*.yml"))
PAGES = {"modules/06-five-factors.md": "modules/06-five-factors/"}


def problems_for(path: Path) -> list[str]:
    return helpers.problems_for(path, "quiz", PAGES)


def test_there_are_at_least_15_bad_quizzes():
    assert len(BAD) >= 15


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_quiz_reports_exactly_the_expected_problems(path):
    expected = expected_for(path)
    assert expected, f"{path.name} has no '# expect' lines"
    assert problems_for(path) == expected


def test_every_problem_names_file_line_and_fix():
    helpers.assert_every_problem_names_file_line_and_fix(BAD, problems_for)


def test_all_problems_of_a_file_are_reported_together():
    # wrong-types.yml has three independent mistakes: all three are reported in one go.
    assert len(problems_for(HERE / "bad_quizzes" / "wrong-types.yml")) == 3


def test_content_error_lists_every_problem_on_its_own_line():
    report = Report()
    read_file(HERE / "bad_quizzes" / "wrong-types.yml", HERE, KINDS["quiz"], report)
    text = str(ContentError(report.errors))
    assert text.splitlines()[0] == "3 problems in course content:"
    assert all(line.startswith("  - bad_quizzes/wrong-types.yml, line ") for line in text.splitlines()[1:])


def test_valid_quiz_model():
    lib = load_library(HERE / "fixtures" / "minisite", kinds=["quiz"])
    assert not lib.report.errors, lib.report.errors
    quiz = lib.get("quiz", "all-types")
    assert [q.type for q in quiz.questions] == ["single", "multiple", "true_false", "ordering", "matching", "reflection"]
    assert quiz.pass_mark == 60 and quiz.mode == "check" and quiz.show_answers == "after_attempt"
    assert quiz.scored_count == 5
    single = quiz.questions[0]
    assert [c.correct for c in single.choices] == [True, False, False]
    assert single.choices[1].feedback == "Not quite: those pull apart."
    assert quiz.questions[4].pairs[2] == ("C", "Three")
    assert quiz.outcomes[0] == ("o1", "Recognise each question type.")


def test_duplicate_quiz_ids_across_files(tmp_path):
    (tmp_path / "quizzes").mkdir()
    text = (HERE / "fixtures" / "minisite" / "quizzes" / "all-types.yml").read_text()
    (tmp_path / "quizzes" / "a.yml").write_text(text)
    (tmp_path / "quizzes" / "b.yml").write_text(text)
    lib = load_library(tmp_path, kinds=["quiz"])
    assert [str(p) for p in lib.report.errors] == [
        "quizzes/b.yml, line 1 (id): duplicate quiz id 'all-types': quizzes/a.yml already uses it. "
        "Fix: give this quiz its own id (ids are how pages and saved progress find it)."
    ]
