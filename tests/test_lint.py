"""The quiz linter (hooks/course/lint.py) and the blind-guesser benchmark (bench/guess.py).

Every rule fires on a flawed item and stays silent on the mended one (the examples on the authoring
page are the test items), thresholds at their boundary, silencing with and without a reason, stale
suppressions, quiz and bank patterns, the command line's exit codes, and exact expected scores of the
guesser's strategies on a small quiz worked out by hand.
"""
from __future__ import annotations

import math
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from helpers import expected_for

from course import lint, lint_words
from course.__main__ import main
from course.kinds import KINDS
from course.library import load_library, read_file
from course.problems import Report
from course.quiz import parse
from course.yamlsource import load

HERE = Path(__file__).parent
ROOT = HERE.parent
BAD = sorted((HERE / "bad_lint").glob("*.yml"))
sys.path.insert(0, str(ROOT / "bench"))
import guess  # noqa: E402

HEAD = "id: t\ntitle: T\noutcomes:\n" + "".join(f"  - {{id: o{i}, text: Explain it.}}\n" for i in range(1, 6))


# -- helpers ----------------------------------------------------------------------------------------
def quiz_of(questions: list[dict], **top):
    """A parsed quiz (and its source) from question mappings."""
    data = {"id": "t", "title": "T", "outcomes": [{"id": "o1", "text": "Explain it."}], **top, "questions": questions}
    source = load(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200), "quizzes/t.yml")
    report = Report()
    quiz = parse(source, report)
    assert not report.errors, [str(p) for p in report.errors]
    return quiz, source


def single(key: str, *distractors: str, at: int = 0, prompt: str = "Which of these is right?", id: str = "q", **extra):
    choices = [{"text": d} for d in distractors]
    choices.insert(at, {"text": key, "correct": True})
    return {"id": id, "type": "single", "outcome": "o1", "prompt": prompt, "choices": choices,
            "explanation": "Because it is.", **extra}


def multiple(keys: list[str], distractors: list[str], id: str = "m", prompt: str = "Which apply?", **extra):
    choices = [{"text": k, "correct": True} for k in keys] + [{"text": d} for d in distractors]
    return {"id": id, "type": "multiple", "outcome": "o1", "prompt": prompt, "choices": choices,
            "explanation": "Because they do.", **extra}


def tf(answer: bool, prompt: str = "The partners met in the spring.", id: str = "t", **extra):
    return {"id": id, "type": "true_false", "outcome": "o1", "prompt": prompt, "answer": answer,
            "explanation": "So it was.", **extra}


def rules_fired(questions, **top) -> list[str]:
    quiz, source = quiz_of(questions, **top)
    return [lint.rule_of(p) for p in lint.lint_quiz(quiz, source)]


def texts(questions, **top) -> list[str]:
    quiz, source = quiz_of(questions, **top)
    return [str(p) for p in lint.lint_quiz(quiz, source)]


def example_quiz(example: str):
    source = load(HEAD + "questions:\n" + textwrap.indent(example, "  ") + "\n", "quizzes/t.yml")
    report = Report()
    quiz = parse(source, report)
    assert not report.errors, [str(p) for p in report.errors]
    return quiz


def lint_file(path: Path) -> list[str]:
    report = Report()
    quiz, source = read_file(path, HERE, KINDS["quiz"], report)
    assert not report.problems, [str(p) for p in report.problems]
    return [f"{p.severity}: {p}" for p in lint.lint_quiz(quiz, source)]


def write_bank(root: Path, quizzes: dict[str, list[dict]]) -> Path:
    (root / "quizzes").mkdir(parents=True, exist_ok=True)
    for qid, questions in quizzes.items():
        data = {"id": qid, "title": qid, "outcomes": [{"id": "o1", "text": "Explain it."}], "questions": questions}
        (root / "quizzes" / f"{qid}.yml").write_text(yaml.safe_dump(data, sort_keys=False, width=200))
    return root


# Distractors and keys of even length and no cues, for building items that trip one rule only.
PLAIN = ["Planning shared by the partners", "Regular contact between leaders", "Data shared across the services"]
assert len({len(t) for t in PLAIN}) == 1


# -- the registry and its documentation -------------------------------------------------------------
def test_every_rule_has_a_stable_id_and_full_documentation():
    assert len(lint.RULES) >= 16
    for r in lint.RULES.values():
        assert r.id.startswith("lint/") and r.id == r.id.lower() and " " not in r.id
        assert r.scope in ("question", "quiz", "suppression")
        for text in (r.title, r.catches, r.threshold, r.why, r.bad, r.good):
            assert text.strip(), f"{r.id} lacks documentation"
        if r.scope != "suppression":
            assert r.check is not None and set(r.applies) <= set(lint.SCORED_TYPES)
        if r.scope == "quiz":
            assert r.bank is not None, f"{r.id} is a quiz-level rule without a bank-wide check"


def example_findings(example: str, whole_quiz: bool = False) -> set[str]:
    """The rules that fire on a documentation example (judged alone, stale ignores included); the
    examples are short and carry no explanation, so lint/no-explanation is left out."""
    if whole_quiz:
        source = load(example, "quizzes/t.yml")
        report = Report()
        quiz = parse(source, report)
        assert not report.problems, [str(p) for p in report.problems]
    else:
        quiz = example_quiz(example)
        source = load(HEAD + "questions:\n" + textwrap.indent(example, "  ") + "\n", "quizzes/t.yml")
    return {lint.rule_of(p) for p in lint.lint_quiz(quiz, source, bank=[])} - {"lint/no-explanation"}


ALL_RULES = list(lint.RULES.values())


@pytest.mark.parametrize("r", ALL_RULES, ids=[r.id for r in ALL_RULES])
def test_each_rule_fires_on_its_flawed_example_and_not_on_the_mended_one(r):
    bad, good = example_findings(r.bad), example_findings(r.good)
    if r.id == "lint/no-explanation":
        quiz = example_quiz(r.bad)
        assert [f.rule for f in lint.question_findings(quiz)] == [r.id]
        assert lint.question_findings(example_quiz(r.good)) == []
        return
    assert r.id in bad
    # The mended example shows good practice: it trips no rule at all.
    assert good == set()
    if r.reason:  # the silenced example on the page silences exactly this rule, with nothing else to say
        assert example_findings(lint.silenced_example(r), whole_quiz=r.scope == "quiz") == set()


def test_the_authoring_page_lists_every_rule_as_generated_from_the_registry():
    page = (ROOT / lint.DOC_PAGE).read_text(encoding="utf-8")
    block = lint.doc_block(page)
    assert block is not None, "the authoring page lacks the lint-rules markers"
    assert block == lint.rules_markdown(), ("the rule list on the authoring page is out of date: run "
                                            "PYTHONPATH=hooks .venv/bin/python -m course lint --update-doc")
    for r in lint.RULES.values():
        assert f"#### `{r.id}`" in page


def test_problems_are_warnings_in_house_style_with_the_rule_id():
    [problem] = lint.lint_quiz(*quiz_of([single("A much longer keyed answer than the others", "Short one", "Brief one")]))
    assert problem.severity == "warning"
    assert str(problem) == (
        "quizzes/t.yml, line 11 (questions[0].choices): lint/longest-key: the keyed answer is the longest option "
        "(42 characters; the others 9). Fix: shorten the key (move detail into feedback or the explanation) or give "
        "the distractors the same care and detail, so that length does not point to the answer.")


# -- the flawed items of tests/bad_lint/, message by message ------------------------------------------
def test_there_are_bad_lint_files():
    assert len(BAD) >= 7


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_lint_file_reports_exactly_the_expected_warnings(path):
    expected = expected_for(path)
    assert expected, f"{path.name} has no '# expect' lines"
    assert lint_file(path) == expected


def test_every_lint_warning_names_file_line_rule_and_fix():
    for path in BAD:
        for text in lint_file(path):
            assert text.startswith(f"warning: bad_lint/{path.name}, line ")
            assert ": lint/" in text and " Fix: " in text


# -- thresholds at their boundary ---------------------------------------------------------------------
def test_longest_key_needs_25_percent_and_15_characters():
    d = "x" * 60
    assert "lint/longest-key" in rules_fired([single("k" * 75, d, "y" * 60)])       # 25 % and 15 characters longer
    assert "lint/longest-key" not in rules_fired([single("k" * 74, d, "y" * 60)])   # 23 %
    assert "lint/longest-key" in rules_fired([single("k" * 35, "x" * 20, "y" * 20)])      # 75 %, 15 characters
    assert "lint/longest-key" not in rules_fired([single("k" * 34, "x" * 20, "y" * 20)])  # 70 %, but 14 characters


def test_longest_key_for_multiple_choice_compares_averages():
    assert "lint/longest-key" in rules_fired([multiple(["k" * 70, "j" * 80], ["x" * 60, "y" * 60])])    # 75 vs 60
    assert "lint/longest-key" not in rules_fired([multiple(["k" * 70, "j" * 78], ["x" * 60, "y" * 60])])  # 74 vs 60


def test_all_and_none_of_the_above_and_combined_options():
    for option in ("All of the above", "None of these", "neither of the above", "All the above."):
        assert "lint/all-of-the-above" in rules_fired([single(*PLAIN, option)]), option
    for option in ("Both A and B", "A and C", "1, 2 and 3", "b or c"):
        assert "lint/combined-options" in rules_fired([single(*PLAIN, option)]), option
    assert rules_fired([single("A and B partnership boards met", *PLAIN[1:])]) == []


def test_stem_echo_needs_two_words_only_the_key_repeats():
    prompt = "What did the partnership board decide about budgets?"
    assert "lint/stem-echo" in rules_fired([single("The board pooled budgets", "They asked for money", "Each decided alone",
                                                   prompt=prompt)])
    assert "lint/stem-echo" not in rules_fired([single("The board pooled money", "They asked for money", "Each decided alone",
                                                       prompt=prompt)])  # one word only
    assert "lint/stem-echo" not in rules_fired([single("The board pooled budgets", "The board asked for money",
                                                       "Each decided alone", prompt=prompt)])  # a distractor has 'board'


def test_absolute_words_need_two_distractors_and_none_in_the_key():
    key, plain_d = "Goodwill between the members", "A budget held in common"
    assert "lint/absolute-words" in rules_fired([single(key, "It could always overrule", "Every member obeyed it", plain_d)])
    assert "lint/absolute-words" not in rules_fired([single(key, "It could always overrule", "Members obeyed it", plain_d)])
    assert "lint/absolute-words" not in rules_fired([single("Only goodwill between members", "It could always overrule",
                                                            "Every member obeyed it", plain_d)])
    # Phrases that are not absolute claims.
    assert lint_words.absolutes("Not only money but also staff") == []
    assert lint_words.absolutes("Choose all that apply.") == []
    assert lint_words.absolutes("No one expected it, and it cannot last") == ["cannot", "no one"]


def test_absolute_words_in_true_false_only_for_false_statements():
    assert "lint/absolute-words" in rules_fired([tf(False, "Every partner saved money.")])
    assert "lint/absolute-words" not in rules_fired([tf(True, "Every partner signed the plan.")])
    assert "lint/absolute-words" not in rules_fired([tf(False, "The partners saved money.")])


def test_hedged_key_only_when_no_distractor_hedges():
    assert "lint/hedged-key" in rules_fired([single("Trust may be low", "The board is content", "The issue is minor")])
    assert "lint/hedged-key" not in rules_fired([single("Trust may be low", "The board is often content", "The issue is minor")])
    assert "lint/hedged-key" in rules_fired([multiple(["Trust may be low", "Staff often leave"], ["The board is content"])])
    assert "lint/hedged-key" not in rules_fired([multiple(["Trust may be low", "Staff leave"], ["The board is content"])])


def test_specific_key_needs_two_details_and_none_elsewhere():
    assert "lint/specific-key" in rules_fired([single("The plan of 2014 by NHS England", *PLAIN[:2])])
    assert "lint/specific-key" not in rules_fired([single("The plan of 2014", "A plan agreed by partners", "A plan of the board")])
    assert "lint/specific-key" not in rules_fired([single("The plan of 2014 by NHS England", "The plan of 2010",
                                                          "A plan of the board")])


def test_near_duplicate_at_85_percent_alike():
    fired = lambda a, b: "lint/near-duplicate" in rules_fired([single("Data shared across services", a, b)])  # noqa: E731
    assert lint_words.likeness("x" * 17 + "abc", "x" * 17 + "def") == pytest.approx(0.85)
    assert fired("x" * 17 + "abc", "x" * 17 + "def")
    assert not fired("x" * 16 + "abc", "x" * 16 + "def")  # 84 %


def test_no_explanation_on_marked_questions_only():
    quiz = [single(*PLAIN, explanation=""), {"id": "r", "type": "reflection", "outcome": "o1", "prompt": "Why?",
                                             "model_answer": "Because."}]
    assert rules_fired(quiz) == ["lint/no-explanation"]


def test_grammar_cue_judges_articles_by_sound():
    assert lint._vowel_sound("hour") and lint._vowel_sound("NHS") and lint._vowel_sound("informal")
    assert not lint._vowel_sound("unit") and not lint._vowel_sound("one") and not lint._vowel_sound("BMA")
    assert "lint/grammar-cue" in rules_fired([single("hour-long meeting", "meeting of boards", "plan", prompt="They held an")])
    assert "lint/grammar-cue" not in rules_fired([single("hour-long meeting", "agreed plan", "inquiry", prompt="They held an")])


def test_negative_stem_only_in_the_question_sentence_and_only_unmarked():
    assert "lint/negative-stem" in rules_fired([single(*PLAIN, prompt="Which of these did they not share?")])
    assert "lint/negative-stem" in rules_fired([single(*PLAIN, prompt="Which of these wasn't shared?")])
    assert "lint/negative-stem" not in rules_fired([single(*PLAIN, prompt="Which of these did they **NOT** share?")])
    assert "lint/negative-stem" not in rules_fired([single(*PLAIN, prompt="They did not merge. What did they share?")])


def ordering(items, id="o"):
    return {"id": id, "type": "ordering", "outcome": "o1", "prompt": "Put them in order.", "items": items,
            "explanation": "That is the order."}


def test_dated_order_needs_all_items_but_one_dated_in_order():
    assert "lint/dated-order" in rules_fired([ordering(["Plan agreed", "Review (2011)", "Launch (2014)", "Units open (2016)"])])
    assert "lint/dated-order" in rules_fired([ordering(["Units open (2016)", "Launch (2014)", "Review (2011)"])])  # latest first
    assert "lint/dated-order" not in rules_fired([ordering(["Plan agreed", "Review", "Launch (2014)", "Units open (2016)"])])
    assert "lint/dated-order" not in rules_fired([ordering(["Review (2011)", "Units open (2016)", "Launch (2014)"])])


def matching(pairs, id="x"):
    return {"id": id, "type": "matching", "outcome": "o1", "prompt": "Match them.", "explanation": "So they match.",
            "pairs": [{"left": a, "right": b} for a, b in pairs]}


def test_matching_cue_needs_all_pairs_but_two_given_away():
    five = [("Shared vision", "Partners agree a vision"), ("Personal contact", "Leaders keep in contact"),
            ("Long term", "Staying together for a decade"), ("Candour", "Naming problems early"),
            ("Leadership", "Stepping back when needed")]
    assert "lint/matching-cue" not in rules_fired([matching(five)])  # 2 of 5 given away: 3 left to guess
    five[2] = ("Long term", "Staying together for the long haul")
    assert "lint/matching-cue" in rules_fired([matching(five)])  # 3 of 5


# -- quiz-level patterns ----------------------------------------------------------------------------
def test_key_position_needs_three_questions_and_more_than_half():
    three_of_five = [single(*PLAIN, id=f"s{i}", at=0 if i < 3 else 1) for i in range(5)]
    assert "lint/key-position" in rules_fired(three_of_five)
    three_of_six = [single(*PLAIN, id=f"s{i}", at=0 if i < 3 else 1 + i % 2) for i in range(6)]
    assert "lint/key-position" not in rules_fired(three_of_six)
    two_of_two = [single(*PLAIN, id=f"s{i}") for i in range(2)]
    assert "lint/key-position" not in rules_fired(two_of_two)


def test_key_position_for_multiple_choice_keys_grouped_at_one_end():
    grouped = [multiple(["Regular contact", "Shared data"], ["A merger", "New targets"], id=f"m{i}") for i in range(2)]
    assert texts(grouped)[0].endswith(
        "lint/key-position: both multiple-choice questions list their keyed options before every distractor. "
        "Fix: mix the keyed options in among the distractors; paper sheets and LMS exports keep the order of the "
        "file even when the site shuffles.")
    mixed = grouped[:1] + [{**grouped[1], "choices": [grouped[1]["choices"][i] for i in (2, 0, 3, 1)]}]
    assert "lint/key-position" not in rules_fired(mixed)


def test_length_pattern_catches_keys_slightly_longer_in_most_questions():
    questions = [single("Shared data across services", "Planning between partners", "Regular leader contact", id=f"s{i}",
                        at=i % 3) for i in range(3)]
    assert rules_fired(questions) == ["lint/length-pattern"]  # no single key is markedly longer
    questions[2] = single("Shared data", "Planning between partners", "Regular leader contact", id="s2", at=2)
    assert rules_fired(questions) == []


def test_true_false_balance_more_lopsided_than_two_to_one():
    def fired(*answers):
        return "lint/true-false-balance" in rules_fired([tf(a, id=f"t{i}") for i, a in enumerate(answers)])
    assert fired(False, False, False)
    assert fired(True, False, False, False)
    assert fired(True, True, True)
    assert not fired(True, False, False)
    assert not fired(True, True, False, False, False, False)  # 4 to 2
    assert not fired(False, False)  # fewer than 3


def test_bank_patterns_name_each_quiz_that_leans_the_same_way(tmp_path):
    # 12 quizzes of one single-choice question (key first) and one true/false statement (false):
    # no quiz shows a pattern alone, the bank does.
    bank = {f"q{i:02d}": [single(*PLAIN, id="s"), tf(False, id="t")] for i in range(12)}
    bank["q11"] = [single(*PLAIN, id="s", at=2), tf(True, id="t")]
    lib = load_library(write_bank(tmp_path, bank), kinds=["quiz"])
    found = [str(p) for p in lint.lint_library(lib)]
    first = [t for t in found if t.startswith("quizzes/q00.yml")]
    assert first == [
        "quizzes/q00.yml, line 6 (questions): lint/key-position: across the bank the keyed answer is listed first in "
        "92% of the 12 single-choice questions (random placement: 33%); in this quiz 1 of 1. Fix: " + lint.POSITION_FIX,
        "quizzes/q00.yml, line 6 (questions): lint/true-false-balance: across the bank 11 of the 12 true/false answers "
        "are false; in this quiz 1 of 1. Fix: rewrite some statements so that they are true (a true statement tests "
        "the same point as well as a false one); aim for a roughly even split."]
    assert not [t for t in found if t.startswith("quizzes/q11.yml")]  # it leans the other way
    assert len(found) == 22
    # Alone, a quiz shows no pattern.
    assert lint.lint_quiz(lib.get("quiz", "q00"), lib.sources[("quiz", "q00")]) == []


def test_bank_patterns_stay_silent_on_a_balanced_bank(tmp_path):
    bank = {f"q{i:02d}": [single(*PLAIN, id="s", at=i % 3), tf(i % 2 == 0, id="t")] for i in range(12)}
    lib = load_library(write_bank(tmp_path, bank), kinds=["quiz"])
    assert lint.lint_library(lib) == []


def test_bank_patterns_need_ten_questions(tmp_path):
    bank = {f"q{i}": [single(*PLAIN, id="s"), tf(False, id="t")] for i in range(9)}
    lib = load_library(write_bank(tmp_path, bank), kinds=["quiz"])
    assert lint.lint_library(lib) == []


# -- silencing -------------------------------------------------------------------------------------
LONG = single("With a coalition of partners who are willing to move first", "With a formal merger", "With a directive")


def test_a_reason_silences_one_rule_on_one_question():
    reason = {"ignore": {"lint/longest-key": "The key states the whole definition."}}
    assert rules_fired([LONG]) == ["lint/longest-key"]
    assert rules_fired([{**LONG, "lint": reason}]) == []
    other = {**LONG, "id": "other"}
    assert rules_fired([{**LONG, "lint": reason}, other]) == ["lint/longest-key"]  # the other question still warns


@pytest.mark.parametrize("reason", [None, "", "ok", "todo", "Deliberate.", "Key is fine", "Intentional"])
def test_an_ignore_without_a_real_reason_silences_nothing(reason):
    fired = rules_fired([{**LONG, "lint": {"ignore": {"lint/longest-key": reason}}}])
    assert sorted(fired) == ["lint/bad-suppression", "lint/longest-key"]


def test_the_shortest_reason_accepted():
    assert rules_fired([{**LONG, "lint": {"ignore": {"lint/longest-key": "Dates are content"}}}]) == []  # 3 words, 17 letters


def test_a_stale_ignore_is_reported():
    quiz = [{**single(*PLAIN), "lint": {"ignore": {"lint/longest-key": "The key states the whole definition."}}}]
    assert texts(quiz) == [
        "quizzes/t.yml, line 19 (questions[0].lint.ignore.lint/longest-key): lint/stale-suppression: lint/longest-key "
        "is silenced here but no longer fires. Fix: remove the ignore."]


def test_quiz_level_rules_are_silenced_on_the_quiz():
    questions = [tf(False, id=f"t{i}") for i in range(3)]
    reason = {"ignore": {"lint/true-false-balance": "Each statement is a myth the module corrects."}}
    assert rules_fired(questions) == ["lint/true-false-balance"]
    assert rules_fired(questions, lint=reason) == []
    # On a question, a quiz-level rule cannot be silenced.
    assert sorted(rules_fired([{**questions[0], "lint": reason}] + questions[1:])) == [
        "lint/bad-suppression", "lint/true-false-balance"]


def test_a_quiz_level_ignore_alone_is_judged_stale_only_with_the_bank(tmp_path):
    reason = {"ignore": {"lint/key-position": "The options follow the order of the module."}}
    quiz, source = quiz_of([single(*PLAIN)], lint=reason)
    assert lint.lint_quiz(quiz, source) == []  # might silence a bank finding: not judged alone
    assert [lint.rule_of(p) for p in lint.lint_quiz(quiz, source, bank=[])] == ["lint/stale-suppression"]


def test_the_lint_key_must_be_a_mapping():
    data = {"id": "t", "title": "T", "outcomes": [{"id": "o1", "text": "Explain it."}], "questions": [{**LONG, "lint": "off"}]}
    report = Report()
    assert parse(load(yaml.safe_dump(data, sort_keys=False), "quizzes/t.yml"), report) is None
    assert [str(p) for p in report.errors] == [
        "quizzes/t.yml, line 17 (questions[0].lint): expected a mapping (key: value lines) for 'lint' but found the "
        "text 'off'. Fix: write 'lint' as a mapping (key: value lines)."]


# -- the command line ------------------------------------------------------------------------------
def test_cli_exit_codes_and_output(tmp_path, capsys):
    clean = write_bank(tmp_path / "clean", {"c": [single(*PLAIN)]})
    assert main(["lint", str(clean)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"Linted 1 quiz in {clean / 'quizzes'}: 0 errors, 0 warnings."

    flawed = write_bank(tmp_path / "flawed", {"f": [LONG]})
    assert main(["lint", str(flawed)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("WARNING: quizzes/f.yml, line 11 (questions[0].choices): lint/longest-key: the keyed answer")
    assert out[1] == f"Linted 1 quiz in {flawed / 'quizzes'}: 0 errors, 1 warnings (lint/longest-key 1)."
    assert out[2] == lint.SILENCE_HINT

    broken = tmp_path / "broken"
    (broken / "quizzes").mkdir(parents=True)
    (broken / "quizzes" / "b.yml").write_text("id: b\ntitle: [unclosed\n")
    assert main(["lint", str(broken)]) == 1
    assert capsys.readouterr().out.startswith("ERROR: quizzes/b.yml, line ")


def test_cli_reads_only_the_root_it_is_given(tmp_path, capsys):
    root = write_bank(tmp_path, {"only-this": [single(*PLAIN)]})
    (tmp_path / "docs").mkdir()
    assert main(["lint", str(root)]) == 0
    assert "Linted 1 quiz in" in capsys.readouterr().out


def test_the_lint_command_prints_lint_warnings(tmp_path, capsys):
    root = write_bank(tmp_path, {"f": [LONG]})
    assert main(["lint", str(root)]) == 2
    out = capsys.readouterr().out
    assert "WARNING: quizzes/f.yml, line 11 (questions[0].choices): lint/longest-key: the keyed answer is the " \
           "longest option (58 characters; the others 16-20)." in out


def test_cli_prints_the_rules_as_markdown(capsys):
    assert main(["lint", "--rules"]) == 0
    assert capsys.readouterr().out.strip() == lint.rules_markdown().strip()


# -- the blind guesser -----------------------------------------------------------------------------
def guesser_quiz():
    """A quiz worked out by hand (key positions and lengths chosen so that each strategy's expected
    score can be counted on paper)."""
    return quiz_of([
        # single, key second and longest; lengths 5, 26, 10
        single("A much longer keyed answer", "Short", "Medium one", at=1, id="s1"),
        # single, the key ties with a distractor for the longest (10 letters each)
        single("Keyed text", "Other text", "Brief", id="s2"),
        # multiple, 4 options, the two keys the two longest and listed first
        multiple(["The first long keyed one", "A second long keyed one"], ["Short", "Brief"], id="m1"),
        tf(False, id="t1"),
        ordering(["Plan agreed (2001)", "Review (2005)", "Units open (2010)"], id="o1"),
        ordering(["Plan agreed", "Review (2005)", "Units open (2010)"], id="o2"),
        matching([("North", "Coast"), ("South", "Hills"), ("East", "Fens")], id="x1"),
    ], pass_mark=50)[0]


def strategy(sid):
    return next(s for s in guess.STRATEGIES if s.id == sid)


def p(sid, qid, quiz):
    return guess.probability(strategy(sid), next(q for q in quiz.questions if q.id == qid), quiz)


def test_guesser_chance_per_type():
    quiz = guesser_quiz()
    assert [p("chance", q, quiz) for q in ("s1", "m1", "t1", "o1", "x1")] == [1 / 3, 1 / 15, 0.5, 1 / 6, 1 / 6]


def test_guesser_length_strategies():
    quiz = guesser_quiz()
    assert (p("longest", "s1", quiz), p("shortest", "s1", quiz), p("middle", "s1", quiz)) == (1.0, 0.0, 0.0)
    assert p("longest", "s2", quiz) == 0.5  # a tie of two: either with equal chance
    assert p("longest", "m1", quiz) == 1.0  # the longer half is the two keys
    assert p("shortest", "m1", quiz) == 0.0
    assert p("longest", "t1", quiz) == 0.5  # no rule for true/false: chance


def test_guesser_position_strategies_read_the_file_order():
    quiz = guesser_quiz()
    assert (p("first", "s1", quiz), p("last", "s1", quiz), p("first", "s2", quiz)) == (0.0, 0.0, 1.0)
    assert p("first", "m1", quiz) == 1.0 and p("last", "m1", quiz) == 0.0
    # Ordering as shown is never right: the site never shows the items in order.
    assert p("first", "o1", quiz) == 0.0


def test_guesser_true_false_and_years():
    quiz = guesser_quiz()
    assert (p("always-false", "t1", quiz), p("always-true", "t1", quiz)) == (1.0, 0.0)
    assert p("years", "o1", quiz) == 1.0
    assert p("years", "o2", quiz) == pytest.approx(1 / 3)  # 2 dated items in order, the third at random: 2!/3!
    assert p("years", "s1", quiz) == pytest.approx(1 / 3)   # no rule for single choice: chance


def test_guesser_matching_by_words_without_shared_words_is_chance():
    quiz = guesser_quiz()
    assert p("stem-words", "x1", quiz) == pytest.approx(1 / 6)


def test_guesser_quiz_scores_and_chance_of_passing():
    r = guess.measure([guesser_quiz()])
    row = r["quizzes"][0]
    assert row["marked"] == 7
    chance = (1 / 3 + 1 / 3 + 1 / 15 + 0.5 + 1 / 6 + 1 / 6 + 1 / 6) / 7
    assert row["scores"]["chance"] == round(100 * chance, 1)
    longest = (1 + 0.5 + 1 + 0.5 + 1 / 6 + 1 / 6 + 1 / 6) / 7
    assert row["scores"]["longest"] == round(100 * longest, 1)
    assert guess.pass_chance([1.0, 0.5], 50) == 1.0
    assert guess.pass_chance([1.0, 0.5], 100) == 0.5
    assert guess.pass_chance([1.0, 1.0, 0.0], 67) == 1.0  # 66.7 % rounds to 67, as on the site
    assert r["bank"]["chance"]["gain"] == 0.0
    assert r["bank"]["longest"]["gain"] == round(100 * (longest - chance), 1)


def test_guesser_pattern_learner_takes_the_best_strategy_per_type():
    learner = guess.pattern_learner([guesser_quiz()])
    quiz = guesser_quiz()
    assert guess.probability(learner, quiz.questions[3], quiz) == 1.0   # true/false: always "false"
    assert guess.probability(learner, quiz.questions[4], quiz) == 1.0   # ordering: sort by years


def test_guesser_top_m_with_ties_is_exact():
    assert guess.top([3, 3, 1], 1, {0}) == 0.5
    assert guess.top([3, 2, 2, 1], 2, {0, 1}) == 0.5
    assert guess.top([3, 2, 2, 1], 2, {1, 2}) == 0.0
    assert guess.top([1, 1, 1, 1], 2, {0, 3}) == pytest.approx(1 / math.comb(4, 2))
