"""Item quality: a linter for quizzes.

Each rule finds a cue that lets a learner who never read the course pick the right answer (the
longest option, the key always listed first, "false" for every statement ...), or a flaw that the
item-writing guidance warns about. Findings are warnings (``mkdocs build --strict`` and
``./dev check`` fail on them), each with a stable rule id, the file, line and path, and a fix.

An author silences a rule for one question (or, for quiz-level rules, for the quiz) with a reason::

    lint:
      ignore:
        lint/longest-key: "The qualification is what the question tests."

Entry points: ``lint_quiz(quiz, source)`` for one quiz; ``lint_library(library)`` for every quiz,
with the quiz-level rules also checked across the whole bank; ``cli(root)`` for
``python -m course lint ROOT``. Every rule's documentation sits next to its check:
``rules_markdown()`` turns it into the list on the authoring page.

Positions are YAML positions: the site may shuffle the choices, but paper sheets, answer keys and
LMS exports keep the order of the file.
"""
from __future__ import annotations

import difflib
import re
import textwrap
from dataclasses import dataclass
from math import comb
from pathlib import Path
from typing import Callable, Iterable

from .lint_words import absolutes, content_words, hedges, likeness, plain, specifics, stem, words, years
from .problems import Problem
from .yamlsource import Source, path_text

# -- thresholds (each rule's doc says why it sits where it does) ------------------------------------
LONGER_BY = 0.25        # longest-key: the key at least 25 % longer than the longest distractor ...
LONGER_CHARS = 15       # ... and at least 15 characters (about three words) longer
PATTERN_MIN = 3         # quiz-level patterns: at least 3 questions show it ...
                        # ... and more than half of the quiz's questions of that type
TF_LOPSIDED = 2         # true-false-balance: more lopsided than 2 to 1
BANK_MIN = 10           # bank-level patterns: at least 10 questions of the type in the bank ...
BANK_MARGIN = 0.10      # ... and the cue pays more than 10 percentage points over chance
NEAR_ALIKE = 0.85       # near-duplicate: 85 % of the letters the same (difflib ratio)
ECHO_WORDS = 2          # stem-echo: 2 or more words of the question only the key repeats
SPECIFIC_KEY = 2        # specific-key: the key carries 2 or more names or numbers, no distractor any
REASON_WORDS = 3        # a reason for silencing: at least 3 words ...
REASON_CHARS = 15       # ... and 15 characters

CHOICE_TYPES = ("single", "multiple")
SCORED_TYPES = ("single", "multiple", "true_false", "ordering", "matching")
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


# -- the registry -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rule:
    id: str
    scope: str                  # "question", "quiz" (also checked across the bank) or "suppression"
    applies: tuple[str, ...]    # question types
    title: str                  # what it catches, as a heading
    catches: str                # what it catches, in a sentence or two
    threshold: str              # when it fires, and why there
    why: str                    # why it matters, and the guidance it follows
    bad: str = ""               # a flawed item (YAML)
    good: str = ""              # the same item mended
    reason: str = ""            # an example of a reason that justifies silencing it
    check: Callable | None = None
    bank: Callable | None = None


RULES: dict[str, Rule] = {}


def rule(id: str, scope: str, applies: tuple, title: str, catches: str, threshold: str, why: str,
         bad: str = "", good: str = "", reason: str = ""):
    """Register a check with its documentation (the text of the authoring page)."""
    def register(fn):
        RULES[id] = Rule(id, scope, applies, title, " ".join(catches.split()), " ".join(threshold.split()),
                         " ".join(why.split()), textwrap.dedent(bad).strip("\n"), textwrap.dedent(good).strip("\n"),
                         reason, fn)
        return fn
    return register


def bank_check(id: str):
    """Attach the bank-wide version of a quiz-level rule."""
    def attach(fn):
        r = RULES[id]
        RULES[id] = Rule(**{**r.__dict__, "bank": fn})
        return fn
    return attach


@dataclass
class Finding:
    rule: str
    path: tuple
    message: str
    fix: str
    question: int | None = None  # the question whose lint: key silences it; None: the quiz's
    topic: str = ""              # quiz-level rules: which pattern (a quiz and a bank finding on one topic merge)


def make_problem(rule_id: str, file: str, line: int | None, path: str, message: str, fix: str) -> Problem:
    """The one place a finding becomes a Problem. When Problem gains a ``rule`` field (the rule
    registry in rules.py), this line becomes:
    ``return Problem(file, line, path, message, fix, severity="warning", rule=rule_id)``"""
    return Problem(file, line, path, f"{rule_id}: {message}", fix, severity="warning")


# -- small helpers ----------------------------------------------------------------------------------
def _keys(q) -> list[int]:
    return [j for j, c in enumerate(q.choices) if c.correct]


def _distractors(q) -> list[int]:
    return [j for j, c in enumerate(q.choices) if not c.correct]


def _choice_list(indexes: Iterable[int]) -> str:
    names = [str(j + 1) for j in indexes]
    return f"choice {names[0]}" if len(names) == 1 else "choices " + ", ".join(names[:-1]) + " and " + names[-1]


def _quoted(items: Iterable[str]) -> str:
    return ", ".join(f"'{w}'" for w in dict.fromkeys(items))


def _ordinal(i: int) -> str:
    return ORDINALS[i] if i < len(ORDINALS) else f"{i + 1}th"


def _markedly_longer(a: float, b: float) -> bool:
    return a >= b * (1 + LONGER_BY) and a - b >= LONGER_CHARS


def _range(values: list[int]) -> str:
    lo, hi = min(values), max(values)
    return f"{lo}" if lo == hi else f"{lo}-{hi}"


# -- question rules ---------------------------------------------------------------------------------
@rule("lint/longest-key", "question", CHOICE_TYPES,
      "The keyed answer is markedly longer than every distractor",
      catches="""A single-choice key that is much longer than every other option; in a multiple-choice
      question, keyed options that are on average much longer than the distractors.""",
      threshold=f"""The key is at least {int(LONGER_BY * 100)} % longer than the longest distractor and at least
      {LONGER_CHARS} characters (about three words) longer; for multiple choice, the same between the average
      lengths. Smaller differences are hard to see when options wrap over two lines, and a few words' difference
      between short options is noise; a key that is only slightly longer, but in most questions, is caught by
      lint/length-pattern. Length is counted on the text a learner sees (no Markdown).""",
      why="""Writers qualify and complete the right answer and leave the wrong ones bare, so "pick the longest"
      is the best-known guessing strategy. Haladyna, Downing and Rodriguez (2002) ask for choices of about equal
      length (guideline 24); the NBME item-writing guide lists a long correct answer among the cues that reward
      test-wiseness.""",
      bad="""
      - id: definition
        type: single
        outcome: o1
        prompt: Which of these people is doing system leadership in the sense Timmins 2015 used?
        choices:
          - text: A council manager persuading three general practices, the local hospital and a housing association to adopt a shared approach to preventing falls
            correct: true
          - text: A chief executive restructuring her own trust
          - text: A ward manager changing her team's rota
      """,
      good="""
      - id: definition
        type: single
        outcome: o1
        prompt: Which of these people is doing system leadership in the sense Timmins 2015 used?
        choices:
          - text: A council manager persuading practices she does not manage to share a falls service
            correct: true
          - text: A chief executive restructuring the directorates inside her own trust
          - text: A ward manager introducing a new rota for the nurses she manages
      """,
      reason="The key must quote the whole definition; the distractors are as long as they can honestly be.")
def _longest_key(q):
    lens = [len(plain(c.text)) for c in q.choices]
    keys, ds = _keys(q), _distractors(q)
    if not keys or not ds:
        return
    fix = (f"shorten the {'key' if q.type == 'single' else 'keyed options'} (move detail into feedback or the "
           "explanation) or give the distractors the same care and detail, so that length does not point to the answer.")
    if q.type == "single":
        k, others = lens[keys[0]], [lens[j] for j in ds]
        if _markedly_longer(k, max(others)):
            yield ("choices",), (f"the keyed answer is the longest option ({k} characters; the "
                                 f"other{'s' if len(others) > 1 else ''} {_range(others)})."), fix
    else:
        mk, md = sum(lens[j] for j in keys) / len(keys), sum(lens[j] for j in ds) / len(ds)
        if _markedly_longer(mk, md):
            yield ("choices",), (f"the keyed options are markedly longer than the distractors (on average "
                                 f"{mk:.0f} characters; the distractors {md:.0f})."), fix


_ABOVE = re.compile(r"\b(?:all|none|neither|any|both|either)\s+(?:of\s+)?(?:the\s+)?"
                    r"(?:above|these|those|previous|preceding|options|answers|choices)\b|\ball the above\b", re.I)


@rule("lint/all-of-the-above", "question", CHOICE_TYPES,
      '"All of the above" or "none of the above" as an option',
      catches="""An option such as "All of the above", "None of these" or "Neither of the above".""",
      threshold="""Any option that names the other options as a group. A plausible distractor that names a real
      alternative nearly always does the job better.""",
      why="""A learner who sees two options that are right can pick "all of the above" without knowing the
      third; "none of the above" shows that a learner can reject wrong answers, not that they know the right
      one. With shuffling on, "the above" stops making sense. Haladyna, Downing and Rodriguez (2002) advise
      avoiding "all of the above" and using "none of the above" carefully (guidelines 25 and 26); the NBME
      guide advises against both.""",
      bad="""
      - id: start
        type: single
        outcome: o1
        prompt: Where did the leaders interviewed say system change usually starts?
        choices:
          - text: With a coalition of the willing
            correct: true
          - text: With a formal merger of organisations
          - text: None of the above
      """,
      good="""
      - id: start
        type: single
        outcome: o1
        prompt: Where did the leaders interviewed say system change usually starts?
        choices:
          - text: With a coalition of the willing
            correct: true
          - text: With a formal merger of organisations
          - text: With a national directive
      """,
      reason="A printed exercise on spotting weak distractors: the option is the example being discussed.")
def _all_of_the_above(q):
    for j, c in enumerate(q.choices):
        m = _ABOVE.search(plain(c.text))
        if m:
            yield ("choices", j, "text"), f"choice {j + 1} is '{plain(c.text)}'.", (
                "replace it with a plausible distractor that names a real alternative; if several options are "
                "right, use type: multiple.")


_COMBINED = re.compile(r"^\s*(?:both|only|options?|answers?|choices?)?\s*\(?[a-f1-6]\)?"
                       r"(?:\s*(?:,|and|&|or|\+)\s*\(?[a-f1-6]\)?)+\s*(?:only|together)?\s*\.?\s*$", re.I)


@rule("lint/combined-options", "question", CHOICE_TYPES,
      'An option that combines others ("Both A and B")',
      catches="""An option made only of references to other options, such as "Both A and B", "A and C" or
      "1, 2 and 3".""",
      threshold="""Any option whose whole text is option letters or numbers joined by "and", "or" or commas.""",
      why="""Letters depend on an order that shuffling and LMS exports change, and combined options let a
      learner who knows one part deduce the rest: this is the "complex multiple-choice" (type K) format that
      Haladyna, Downing and Rodriguez (2002) advise against. If several options can be right, the multiple-choice
      type asks exactly that.""",
      bad="""
      - id: pressures
        type: single
        outcome: o3
        prompt: Which pressures pushed health and care towards system leadership?
        choices:
          - text: The need to integrate care
          - text: Money
          - text: Both A and B
            correct: true
      """,
      good="""
      - id: pressures
        type: multiple
        outcome: o3
        prompt: Which pressures pushed health and care towards system leadership? Choose all that apply.
        choices:
          - text: The need to integrate care
            correct: true
          - text: Money
            correct: true
          - text: A new legal duty to join an integrated care system
      """,
      reason="")
def _combined_options(q):
    for j, c in enumerate(q.choices):
        if _COMBINED.match(plain(c.text)):
            yield ("choices", j, "text"), f"choice {j + 1} ('{plain(c.text)}') only combines other options.", (
                "use type: multiple and let learners tick each right option, or write a distractor of its own.")


@rule("lint/stem-echo", "question", CHOICE_TYPES,
      "Only the key repeats the question's words",
      catches="""A keyed option that repeats words of the question which no distractor uses (a "clang"
      association).""",
      threshold=f"""At least {ECHO_WORDS} content words of the question (not "which", "the" and the like;
      "integrated" matches "integration") appear in the key and in no distractor, and the key shares more of
      the question's words than any distractor. One shared word is usually the subject of the question itself.""",
      why="""A learner who matches words between the question and the options finds the key without knowing
      anything. Haladyna, Downing and Rodriguez (2002) list clang associations among the clues to avoid
      (guideline 28b); the NBME guide calls them word repeats.""",
      bad="""
      - id: shared-leadership
        type: single
        outcome: o2
        prompt: What did the King's Fund's 2011 report say about leadership across systems of care?
        choices:
          - text: That leadership should be shared across systems of care
            correct: true
          - text: That the NHS needed more charismatic chief executives
          - text: That national targets should be tightened
      """,
      good="""
      - id: shared-leadership
        type: single
        outcome: o2
        prompt: What did the King's Fund's 2011 report call for?
        choices:
          - text: Leaders who share the work across systems of care
            correct: true
          - text: More charismatic chief executives to turn round institutions
          - text: Tighter national targets for each organisation
      """,
      reason="The repeated term is the technical name learners must recognise; the distractors use rival terms.")
def _stem_echo(q):
    stem = content_words(q.prompt)
    ds = _distractors(q)
    if not ds or not stem:
        return
    echo_d = [content_words(q.choices[j].text) & stem for j in ds]
    used = set().union(*echo_d)
    most = max(len(e) for e in echo_d)
    for j in _keys(q):
        echo = content_words(q.choices[j].text) & stem
        only = echo - used
        if len(only) >= ECHO_WORDS and len(echo) > most:
            words = sorted(w for w in _surface(q.choices[j].text) if _stem_of(w) in only)
            yield ("choices", j, "text"), (f"the keyed answer repeats words of the question that no other option "
                                           f"uses ({_quoted(words) or _quoted(sorted(only))})."), (
                "reword the key, or let the distractors use those words too, so that matching words with the "
                "question does not find the answer.")


def _surface(text):
    return [w for w in words(text) if len(w) >= 3]


def _stem_of(word):
    return word if word[0].isdigit() else stem(word)


@rule("lint/absolute-words", "question", CHOICE_TYPES + ("true_false",),
      "Absolute words only in the wrong answers",
      catches="""Words such as always, never, only, all, none, every, must, cannot or exactly in the distractors
      but not in the key; in a true/false question, a false statement made false by such a word.""",
      threshold="""Choice questions: at least two distractors (or the only one) contain an absolute word and no
      keyed option does. One absolute distractor among three still leaves the guesser two or more plausible
      options; two take a four-option question from one chance in four to one in two. True/false: the answer is
      false and the statement contains an absolute word. "All that apply", "all of the above" and "not only"
      do not count.""",
      why="""Test-wise learners know that sweeping statements are usually wrong, and rule them out. Haladyna,
      Downing and Rodriguez (2002) name specific determiners such as always, never, completely and absolutely
      among the clues to avoid (guideline 28a); the NBME guide lists absolute terms among the cues that
      reward test-wiseness.""",
      bad="""
      - id: ics-powers
        type: single
        outcome: o4
        prompt: According to SCIE 2018, what legal powers did integrated care systems have over trusts?
        choices:
          - text: They depended on the organisations choosing to work together
            correct: true
          - text: They could always direct a trust's spending
          - text: They replaced every trust board as the accountable body
      """,
      good="""
      - id: ics-powers
        type: single
        outcome: o4
        prompt: According to SCIE 2018, what legal powers did integrated care systems have over trusts?
        choices:
          - text: They depended on the organisations choosing to work together
            correct: true
          - text: They could direct a trust's spending through a control total
          - text: They were accountable in law for the trusts' services
      """,
      reason="The distractors quote, word for word, the sweeping claims the module asks learners to reject.")
def _absolute_words(q):
    if q.type == "true_false":
        found = absolutes(q.prompt)
        if q.answer is False and found:
            yield ("prompt",), (f"the statement is false and contains an absolute word ({_quoted(found)}); "
                                f"test-wise learners answer 'false' to sweeping statements."), (
                "make the statement false by its content rather than by an absolute word, or write true "
                "statements with such words too.")
        return
    keys, ds = _keys(q), _distractors(q)
    if not ds or any(absolutes(q.choices[j].text) for j in keys):
        return
    hits = [(j, absolutes(q.choices[j].text)) for j in ds]
    hits = [(j, found) for j, found in hits if found]
    if len(hits) >= min(2, len(ds)):
        listed = "; ".join(f"choice {j + 1}: {_quoted(found)}" for j, found in hits)
        yield ("choices",), (f"absolute words appear only in distractors ({listed}); test-wise learners rule "
                             f"those out."), (
            "reword the distractors without always, never, only, all and the like (make them wrong by their "
            "content), or use such words in the key too, where they are accurate.")


@rule("lint/hedged-key", "question", CHOICE_TYPES,
      "Only the key is hedged",
      catches="""A key qualified with words such as usually, often, may, might, some or likely, when no
      distractor is qualified.""",
      threshold="""Single choice: the key contains a qualifying word and none of at least two distractors
      does. Multiple choice: every keyed option is qualified and no distractor is.""",
      why="""Careful writers qualify the right answer because it has to be defensible, and leave the wrong ones
      flat; learners learn that the cautious option is the right one. This is the NBME guide's point about
      vague terms and the "conspicuous correct choice" of Haladyna, Downing and Rodriguez (2002, guideline
      28d).""",
      bad="""
      - id: quiet-board
        type: single
        outcome: o2
        prompt: A board goes quiet when a partner raises a problem. What does this suggest?
        choices:
          - text: Trust may be lower than it looks
            correct: true
          - text: The partnership is working well
          - text: The problem is not important
      """,
      good="""
      - id: quiet-board
        type: single
        outcome: o2
        prompt: A board goes quiet when a partner raises a problem. What does this most probably suggest?
        choices:
          - text: Trust is lower than it looks
            correct: true
          - text: The partnership is working well
          - text: The problem is not important
      """,
      reason="The sources only support the hedged claim; the distractors are plain statements that the sources reject.")
def _hedged_key(q):
    keys, ds = _keys(q), _distractors(q)
    if len(ds) < (2 if q.type == "single" else 1) or any(hedges(q.choices[j].text) for j in ds):
        return
    found = [hedges(q.choices[j].text) for j in keys]
    if keys and all(found):
        words = [w for f in found for w in f]
        yield ("choices", keys[0], "text"), (
            f"only the keyed {'answer is' if len(keys) == 1 else 'options are'} hedged ({_quoted(words)}); "
            f"test-wise learners pick the qualified option."), (
            "qualify a distractor as well, or state the key plainly, so that caution does not mark it.")


@rule("lint/specific-key", "question", CHOICE_TYPES,
      "Only the key is specific",
      catches="""A key that carries names, figures or dates when the distractors carry none.""",
      threshold=f"""Single choice: the key has at least {SPECIFIC_KEY} specific details (numbers, or capitalised
      names after the first word) and none of at least two distractors has any. Multiple choice: every keyed
      option has at least one and no distractor has any.""",
      why="""An option that sounds researched stands out among vague ones. The NBME guide lists a correct answer
      that is "more specific" than the others among the cues that reward test-wiseness; Haladyna, Downing and
      Rodriguez (2002) ask for choices homogeneous in content (guideline 23).""",
      bad="""
      - id: forward-view
        type: single
        outcome: o1
        prompt: Which policy moved the NHS from competition towards collaboration?
        choices:
          - text: The Five Year Forward View (2014)
            correct: true
          - text: A new set of targets
          - text: Stronger competition rules
      """,
      good="""
      - id: forward-view
        type: single
        outcome: o1
        prompt: Which policy moved the NHS from competition towards collaboration?
        choices:
          - text: The Five Year Forward View (2014)
            correct: true
          - text: The Griffiths inquiry into NHS management
          - text: The King's Fund's "no more heroes" report (2011)
      """,
      reason="The question asks for a named document; every distractor is a description learners might confuse with it.")
def _specific_key(q):
    keys, ds = _keys(q), _distractors(q)
    if len(ds) < 2 or any(specifics(q.choices[j].text) for j in ds):
        return
    counts = [specifics(q.choices[j].text) for j in keys]
    need = SPECIFIC_KEY if q.type == "single" else 1
    if keys and all(c >= need for c in counts):
        yield ("choices", keys[0], "text"), (
            f"only the keyed {'answer carries' if len(keys) == 1 else 'options carry'} specific details (names or "
            f"numbers: {', '.join(map(str, counts))}); the distractors have none."), (
            "give the distractors details of the same kind (other names, figures or dates from the course), or "
            "make the key as general as they are.")


@rule("lint/near-duplicate", "question", CHOICE_TYPES + ("ordering", "matching"),
      "Two options read almost alike",
      catches="""Two choices, two ordering items, or two sides of matching pairs that differ by a word or a
      few letters.""",
      threshold=f"""The two texts are at least {int(NEAR_ALIKE * 100)} % the same letter by letter (difflib's
      ratio, ignoring case and Markdown). Parallel options that share a short opening ("As proof that ...")
      score well below that.""",
      why="""Near-twins clue the answer: if one is the key, the twin points to it (the NBME guide's "convergence"
      cue), and if both are wrong, learners rule out both. Haladyna, Downing and Rodriguez (2002) ask for
      choices that do not overlap (guideline 22) and warn against pairs of options that clue the key
      (guideline 28e).""",
      bad="""
      - id: evidence
        type: single
        outcome: o3
        prompt: What did Timmins 2015 say about the evidence on integrated care?
        choices:
          - text: Evidence for better outcomes was mounting; savings rested on belief
            correct: true
          - text: Strong evidence showed savings within the first year
          - text: Strong evidence showed savings within the first two years
          - text: There was no evidence of benefit to patients
      """,
      good="""
      - id: evidence
        type: single
        outcome: o3
        prompt: What did Timmins 2015 say about the evidence on integrated care?
        choices:
          - text: Evidence for better outcomes was mounting; savings rested on belief
            correct: true
          - text: Strong evidence showed savings within the first year
          - text: The evidence applied to Canterbury and to nowhere else in the NHS
          - text: There was no evidence of benefit to patients
      """,
      reason="The two items are the two halves of a distinction the module teaches; learners must tell them apart.")
def _near_duplicate(q):
    if q.type in CHOICE_TYPES:
        groups = [("choices", [c.text for c in q.choices], "choices", ("text",))]
    elif q.type == "ordering":
        groups = [("items", q.items, "items", ())]
    else:
        groups = [("pairs", [p[0] for p in q.pairs], "the left sides of pairs", ("left",)),
                  ("pairs", [p[1] for p in q.pairs], "the right sides of pairs", ("right",))]
    for key, texts, label, tail in groups:
        for b in range(len(texts)):
            for a in range(b):
                ratio = likeness(texts[a], texts[b])
                if ratio >= NEAR_ALIKE:
                    yield (key, b) + tail, (f"{label} {a + 1} and {b + 1} read almost alike ({ratio:.0%} the same "
                                            f"letters)."), (
                        "make them differ in substance: a near-twin of the key points to it, and two near-twin "
                        "distractors can both be ruled out.")
                    break


@rule("lint/no-explanation", "question", SCORED_TYPES,
      "A question without an explanation",
      catches="""A marked question with no explanation.""",
      threshold="""Every marked question (all types but reflection, which has its model answer).""",
      why="""The explanation is where a quiz teaches: learners see it after answering, and tutors' answer keys
      print it. Feedback that says only "correct" or "incorrect" tells a learner who guessed nothing. The
      course's authoring guidance asks for one on every question.""",
      bad="""
      - id: authority
        type: true_false
        outcome: o1
        prompt: System leaders usually manage the people whose work they need to change.
        answer: false
      """,
      good="""
      - id: authority
        type: true_false
        outcome: o1
        prompt: System leaders usually manage the people whose work they need to change.
        answer: false
        explanation: The interviews define system leadership as change beyond your own authority.
      """,
      reason="")
def _no_explanation(q):
    if not (q.explanation or "").strip():
        yield (), f"question '{q.id}' has no explanation.", (
            "add 'explanation:' saying why the answer is right; learners see it after answering and the answer "
            "keys print it.")


_ENDS_WITH_ARTICLE = re.compile(r"\b(a|an)\s*[:…]?\s*$", re.I)
_CONSONANT_VOWELS = ("uni", "use", "usu", "uti", "ure", "eu", "ewe", "one", "once")
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")


def _vowel_sound(word: str) -> bool:
    if len(word) > 1 and word.isupper():  # an acronym is read letter by letter: "an NHS trust"
        return word[0] in "AEFHILMNORSX"
    w = word.lower()
    if w.startswith(_SILENT_H):
        return True
    if w.startswith(_CONSONANT_VOWELS):
        return False
    return w[:1] in tuple("aeiou")


@rule("lint/grammar-cue", "question", CHOICE_TYPES,
      "The question's grammar fits only the key",
      catches="""A question that ends with "a" or "an", so that the options complete it, when the article fits
      the key but not some distractors.""",
      threshold="""The question ends with "a" or "an"; the key's first word fits that article and at least one
      distractor's does not (judged by sound: "an hour", "a unit", "an NHS body").""",
      why="""A learner who notices that "an" cannot go before a distractor rules it out. Haladyna, Downing and
      Rodriguez (2002) list grammatical inconsistencies among the clues to avoid (guideline 28c); the NBME
      guide calls them grammatical cues.""",
      bad="""
      - id: coalition
        type: single
        outcome: o1
        prompt: The leaders interviewed said system change usually starts with an
        choices:
          - text: informal coalition of the willing
            correct: true
          - text: merger of organisations
          - text: national directive
      """,
      good="""
      - id: coalition
        type: single
        outcome: o1
        prompt: Where did the leaders interviewed say system change usually starts?
        choices:
          - text: With an informal coalition of the willing
            correct: true
          - text: With a merger of organisations
          - text: With a national directive
      """,
      reason="")
def _grammar_cue(q):
    m = _ENDS_WITH_ARTICLE.search(plain(q.prompt))
    if not m:
        return
    want_vowel = m.group(1).lower() == "an"
    fits = {}
    for j, c in enumerate(q.choices):
        first = (plain(c.text).split() or [""])[0].strip("\"'“‘(")
        fits[j] = bool(first) and _vowel_sound(first) == want_vowel
    wrong = [j for j in _distractors(q) if not fits[j]]
    if wrong and all(fits[j] for j in _keys(q)):
        yield ("prompt",), (f"the question ends with '{m.group(1)}', which fits the keyed answer but not "
                            f"{_choice_list(wrong)}."), (
            "end the question before the article and start each option with its own 'a' or 'an', or reword so "
            "that every option fits.")


_NEGATIVE = re.compile(r"\b(not|except|least|never|false|incorrect|untrue|cannot|[a-z]+n['’]t)\b", re.I)


def _lead_in(prompt: str) -> str:
    """The sentence that asks the question: the last one with a question mark, else the last one."""
    text = " ".join((prompt or "").split())
    parts = [p for p in re.split(r"(?<=[.?!:])\s+", text) if p.strip()]
    asking = [p for p in parts if "?" in p]
    return (asking or parts or [""])[-1]


@rule("lint/negative-stem", "question", CHOICE_TYPES,
      "A negative question without emphasis",
      catches="""A question that asks which option is not, except, least or false, without setting the negative
      word in capitals or bold.""",
      threshold="""The sentence that asks the question (the last one with a question mark) contains not, except,
      least, never, false, incorrect, untrue, cannot or a "n't" word, and that word is neither in capitals nor in
      bold or italics. A negative in the scenario before the question does not count.""",
      why="""Learners who read quickly miss the negative and answer the opposite question, so the item measures
      reading speed, not understanding. Haladyna, Downing and Rodriguez (2002) advise wording the stem
      positively and, where a negative is needed, capitalising and emboldening it (guideline 17); the NBME
      guide advises against negatively phrased lead-ins.""",
      bad="""
      - id: pressures
        type: single
        outcome: o3
        prompt: Which of these did Timmins 2015 not identify as a pressure towards system leadership?
        choices:
          - text: A new legal duty to join an integrated care system
            correct: true
          - text: The need to integrate primary, community and hospital care
          - text: Money, after years of little growth in NHS funding
      """,
      good="""
      - id: pressures
        type: single
        outcome: o3
        prompt: Which of these did Timmins 2015 **NOT** identify as a pressure towards system leadership?
        choices:
          - text: A new legal duty to join an integrated care system
            correct: true
          - text: The need to integrate primary, community and hospital care
          - text: Money, after years of little growth in NHS funding
      """,
      reason="")
def _negative_stem(q):
    lead = _lead_in(q.prompt)
    for m in _NEGATIVE.finditer(lead):
        word = m.group(0)
        before, after = lead[:m.start()], lead[m.end():]
        emphasised = word.isupper() or before.endswith(("*", "_")) and after.startswith(("*", "_"))
        if not emphasised:
            yield ("prompt",), (f"the question asks a negative ('{word}') without marking it; learners who read "
                                f"quickly answer the opposite question."), (
                f"ask positively if you can; if the negative is the point, write it as **{word.upper()}**.")
            return


@rule("lint/dated-order", "question", ("ordering",),
      "The items' own dates give the order away",
      catches="""An ordering question whose items carry years that, read alone, put the items in order.""",
      threshold="""All items but at most one contain a year, and those years run in the right order (earliest
      first, or latest first). Items that share a year leave the guesser a small choice, which still beats
      chance by far.""",
      why="""The learner sorts numbers instead of recalling a sequence: the item tests reading, not knowledge.
      Haladyna, Downing and Rodriguez (2002) ask writers to avoid giving clues to the right answer (guideline
      28); the dates belong in the explanation.""",
      bad="""
      - id: timeline
        type: ordering
        outcome: o2
        prompt: Put these milestones in the order they happened, earliest first.
        items:
          - The King's Fund's "no more heroes" report (2011)
          - The Five Year Forward View (2014)
          - Timmins publishes The practice of system leadership (2015)
      """,
      good="""
      - id: timeline
        type: ordering
        outcome: o2
        prompt: Put these milestones in the order they happened, earliest first.
        items:
          - The King's Fund's "no more heroes" report
          - The Five Year Forward View
          - Timmins publishes The practice of system leadership
        explanation: The report came in 2011, the Forward View in 2014 and Timmins's report in 2015.
      """,
      reason="The task is to read a timeline: learners are meant to use the dates.")
def _dated_order(q):
    dated = [(i, years(item)) for i, item in enumerate(q.items)]
    dated = [(i, ys[0]) for i, ys in dated if ys]
    n = len(q.items)
    if n < 3 or len(dated) < n - 1:
        return
    ys = [y for _, y in dated]
    if ys == sorted(ys) or ys == sorted(ys, reverse=True):
        yield ("items",), (f"{len(dated)} of the {n} items carry a year, and the years alone put them in the "
                           f"right order."), (
            "take the years out of the items (give them in the explanation), or ask for an order the years do "
            "not reveal.")


def _given_away(pairs) -> list[tuple[int, list[str]]]:
    """Pairs whose right side is the one right side sharing the most words with their left side."""
    rights = [content_words(r) for _, r in pairs]
    out = []
    for i, (left, right) in enumerate(pairs):
        lw = content_words(left)
        shared = [len(lw & r) for r in rights]
        top = max(shared)
        if top and shared[i] == top and shared.count(top) == 1:
            words = sorted(w for w in _surface(right) if _stem_of(w) in lw & rights[i])
            out.append((i, words))
    return out


@rule("lint/matching-cue", "question", ("matching",),
      "Matching pairs share words",
      catches="""Matching questions in which pairing sides by the words they share gets most pairs right.""",
      threshold="""Word-matching alone pairs all but at most two of the items (and at least two): the rest then
      leave the guesser at most two ways to finish.""",
      why="""A learner who pairs "community" with "community" needs no knowledge of either. This is the clang
      association of Haladyna, Downing and Rodriguez (2002, guideline 28b) and the NBME guide's word repeats,
      in matching form.""",
      bad="""
      - id: factors
        type: matching
        outcome: o2
        prompt: Match each factor to an example.
        pairs:
          - left: A shared vision
            right: Partners agree a shared vision for older people's care
          - left: Frequent personal contact
            right: Leaders keep in frequent contact between meetings
          - left: Committing for the long term
            right: A partnership keeps going through a change of chief executive
      """,
      good="""
      - id: factors
        type: matching
        outcome: o2
        prompt: Match each factor to an example.
        pairs:
          - left: A shared vision
            right: Partners agree what good care for older people looks like
          - left: Frequent personal contact
            right: Leaders phone each other between board meetings
          - left: Committing for the long term
            right: A partnership keeps going through a change of chief executive
      """,
      reason="The right-hand sides are the terms' official definitions, which repeat the terms by design.")
def _matching_cue(q):
    given = _given_away(q.pairs)
    n = len(q.pairs)
    if len(given) >= max(2, n - 2):
        listed = "; ".join(f"pair {i + 1} shares {_quoted(words)}" for i, words in given)
        yield ("pairs",), (f"pairing sides by shared words alone gets {len(given)} of the {n} pairs right "
                           f"({listed})."), (
            "reword the right-hand sides so that none repeats a word of its own left-hand side, or let the "
            "repeated words appear in other right-hand sides too.")


# -- quiz rules (each is also checked across the bank) ----------------------------------------------
def _singles(quizzes) -> list:
    return [q for quiz in quizzes for q in quiz.questions if q.type == "single" and len(q.choices) >= 2]


def _multiples(quizzes) -> list:
    return [q for quiz in quizzes for q in quiz.questions
            if q.type == "multiple" and 0 < len(_keys(q)) < len(q.choices)]


def _grouped(q) -> str:
    """'top' when a multiple-choice question lists all its keys before every distractor, 'bottom' after."""
    keys, n = _keys(q), len(q.choices)
    if keys == list(range(len(keys))):
        return "top"
    if keys == list(range(n - len(keys), n)):
        return "bottom"
    return ""


def _grouped_chance(q) -> float:
    """The chance that random placement lists all the keys first (the same for last)."""
    return 1 / comb(len(q.choices), len(_keys(q)))


def _pattern(count: int, total: int) -> bool:
    return count >= PATTERN_MIN and count * 2 > total


def _in_bank(share: float, chance: float) -> bool:
    return share > chance + BANK_MARGIN


POSITION_FIX = ("move the keys so that each position holds about the same share of them (with four options, "
                "first, second, third and fourth about equally often); paper sheets, answer keys and LMS exports "
                "keep the order of the file even when the site shuffles.")
GROUPED_FIX = ("mix the keyed options in among the distractors; paper sheets and LMS exports keep the order of the "
               "file even when the site shuffles.")


@rule("lint/key-position", "quiz", CHOICE_TYPES,
      "The key is in the same place in most questions",
      catches="""Single-choice keys at the same position (say first) in most questions; multiple-choice questions
      that all list their keys before (or after) every distractor.""",
      threshold=f"""In a quiz: one position holds the key in at least {PATTERN_MIN} single-choice questions and in
      more than half of them; or at least two multiple-choice questions, all of them with their keys grouped at
      the same end. Across the bank (at least {BANK_MIN} questions of the type): a position holds the key more
      than {int(BANK_MARGIN * 100)} percentage points more often than random placement would, and each quiz
      that leans that way is named. Positions are YAML positions: the site shuffles only if `shuffle: true`,
      and paper sheets, answer keys and LMS exports always use the file's order.""",
      why="""Writers tend to put the answer they thought of first at the top, and learners notice. Haladyna,
      Downing and Rodriguez (2002) ask for the key's location to vary (guideline 20), so that each position
      holds it about equally often.""",
      bad="""
      - id: coalition
        type: single
        outcome: o1
        prompt: Where did the leaders interviewed say system change usually starts?
        choices:
          - text: With a coalition of the willing
            correct: true
          - text: With a formal merger of organisations
          - text: With a national directive from the centre
      - id: legal-powers
        type: single
        outcome: o4
        prompt: In 2018, what legal powers did an integrated care system have over a trust?
        choices:
          - text: None beyond what its members agreed
            correct: true
          - text: It could direct the trust's spending
          - text: It could replace the trust's board
      - id: savings
        type: single
        outcome: o3
        prompt: What did Timmins 2015 say about integrated care saving money?
        choices:
          - text: It was a hope resting on belief
            correct: true
          - text: It was proven within the first year
          - text: It was proven for Canterbury alone
      """,
      good="""
      - id: coalition
        type: single
        outcome: o1
        prompt: Where did the leaders interviewed say system change usually starts?
        choices:
          - text: With a formal merger of organisations
          - text: With a coalition of the willing
            correct: true
          - text: With a national directive from the centre
      - id: legal-powers
        type: single
        outcome: o4
        prompt: In 2018, what legal powers did an integrated care system have over a trust?
        choices:
          - text: It could direct the trust's spending
          - text: It could replace the trust's board
          - text: None beyond what its members agreed
            correct: true
      - id: savings
        type: single
        outcome: o3
        prompt: What did Timmins 2015 say about integrated care saving money?
        choices:
          - text: It was a hope resting on belief
            correct: true
          - text: It was proven within the first year
          - text: It was proven for Canterbury alone
      """,
      reason="The options are in chronological order, which matters more here than varying the key's place.")
def _key_position(quiz):
    singles = _singles([quiz])
    if singles:
        counts: dict[int, int] = {}
        for q in singles:
            counts[_keys(q)[0]] = counts.get(_keys(q)[0], 0) + 1
        pos, count = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
        if _pattern(count, len(singles)):
            chance = sum(1 / len(q.choices) for q in singles if len(q.choices) > pos) / len(singles)
            yield "single", (f"the keyed answer is listed {_ordinal(pos)} in {count} of the {len(singles)} "
                             f"single-choice questions (random placement: {chance:.0%})."), POSITION_FIX
    multiples = _multiples([quiz])
    ends = {_grouped(q) for q in multiples}
    if len(multiples) >= 2 and len(ends) == 1 and "" not in ends:
        end = ends.pop()
        yield "multiple", (f"{'both' if len(multiples) == 2 else f'all {len(multiples)}'} multiple-choice questions list their keyed options "
                           f"{'before' if end == 'top' else 'after'} every distractor."), GROUPED_FIX


@bank_check("lint/key-position")
def _key_position_bank(quizzes):
    out: dict[str, list] = {}
    singles = _singles(quizzes)
    if len(singles) >= BANK_MIN:
        most = max(len(q.choices) for q in singles)
        for pos in range(most):
            share = sum(_keys(q)[0] == pos for q in singles) / len(singles)
            chance = sum(1 / len(q.choices) for q in singles if len(q.choices) > pos) / len(singles)
            if not _in_bank(share, chance):
                continue
            for quiz in quizzes:
                mine = _singles([quiz])
                hits = sum(_keys(q)[0] == pos for q in mine)
                mine_chance = sum(1 / len(q.choices) for q in mine if len(q.choices) > pos)
                if mine and _in_bank(hits / len(mine), mine_chance / len(mine)):
                    out.setdefault(quiz.id, []).append(("single", (
                        f"across the bank the keyed answer is listed {_ordinal(pos)} in {share:.0%} of the "
                        f"{len(singles)} single-choice questions (random placement: {chance:.0%}); in this quiz "
                        f"{hits} of {len(mine)}."), POSITION_FIX))
    multiples = _multiples(quizzes)
    if len(multiples) >= BANK_MIN:
        chance = sum(_grouped_chance(q) for q in multiples) / len(multiples)
        for end in ("top", "bottom"):
            share = sum(_grouped(q) == end for q in multiples) / len(multiples)
            if not _in_bank(share, chance):
                continue
            for quiz in quizzes:
                mine = _multiples([quiz])
                hits = sum(_grouped(q) == end for q in mine)
                mine_chance = sum(_grouped_chance(q) for q in mine)
                if mine and _in_bank(hits / len(mine), mine_chance / len(mine)):
                    out.setdefault(quiz.id, []).append(("multiple", (
                        f"across the bank {share:.0%} of the {len(multiples)} multiple-choice questions list "
                        f"their keyed options {'before' if end == 'top' else 'after'} every distractor (random "
                        f"placement: {chance:.0%}); in this quiz {hits} of {len(mine)}."), GROUPED_FIX))
    return out


def _length_rank(q) -> str:
    """'longest' or 'shortest' when the key is strictly the longest or shortest option."""
    lens = [len(plain(c.text)) for c in q.choices]
    k = lens[_keys(q)[0]]
    others = [n for j, n in enumerate(lens) if j != _keys(q)[0]]
    return "longest" if k > max(others) else "shortest" if k < min(others) else ""


LENGTH_FIX = ("vary it: in some questions make a distractor the longest option, in others the key the shortest, so "
              "that length says nothing about the answer.")


@rule("lint/length-pattern", "quiz", ("single",),
      "The key is the longest (or shortest) option in most questions",
      catches="""Single-choice keys that are the longest option, or the shortest, in most questions, even when
      no single one is markedly longer.""",
      threshold=f"""In a quiz: the key is strictly the longest (or strictly the shortest) option in at least
      {PATTERN_MIN} single-choice questions and in more than half of them (with four options, chance makes it
      the longest in one question in four). Across the bank (at least {BANK_MIN} single-choice questions): the
      key is the longest (or shortest) more than {int(BANK_MARGIN * 100)} percentage points more often than
      chance, and each quiz that leans that way is named.""",
      why="""A guesser who always picks the longest option needs no knowledge if the key is usually the longest:
      lint/longest-key catches the glaring cases, this rule the habit. Haladyna, Downing and Rodriguez (2002)
      ask for choices of about equal length (guideline 24).""",
      bad="""
      - id: coalition
        type: single
        outcome: o1
        prompt: Where did the leaders interviewed say system change usually starts?
        choices:
          - text: With a formal merger of the trusts
          - text: With a coalition of willing partners
            correct: true
          - text: With a directive from the centre
      - id: legal-powers
        type: single
        outcome: o4
        prompt: In 2018, what legal powers did an integrated care system have over a trust?
        choices:
          - text: It could direct the trust's spending
          - text: It could replace the trust's board
          - text: None beyond what its members agreed to
            correct: true
      - id: savings
        type: single
        outcome: o3
        prompt: What did Timmins 2015 say about integrated care saving money?
        choices:
          - text: A hope that rested on belief, not evidence
            correct: true
          - text: It was proven within the first year
          - text: It was proven for Canterbury alone
      """,
      good="""
      - id: coalition
        type: single
        outcome: o1
        prompt: Where did the leaders interviewed say system change usually starts?
        choices:
          - text: With a formal merger of the trusts
          - text: With willing partners
            correct: true
          - text: With a directive from the centre
      - id: legal-powers
        type: single
        outcome: o4
        prompt: In 2018, what legal powers did an integrated care system have over a trust?
        choices:
          - text: It could direct the trust's spending
          - text: It could replace the trust's board
          - text: None beyond what its members agreed to
            correct: true
      - id: savings
        type: single
        outcome: o3
        prompt: What did Timmins 2015 say about integrated care saving money?
        choices:
          - text: A hope resting on belief
            correct: true
          - text: It was proven within the first year
          - text: It was proven for Canterbury alone
      """,
      reason="Every key quotes a definition; the distractors are as long as they can honestly be.")
def _length_pattern(quiz):
    singles = _singles([quiz])
    for rank in ("longest", "shortest"):
        count = sum(_length_rank(q) == rank for q in singles)
        if _pattern(count, len(singles)):
            chance = sum(1 / len(q.choices) for q in singles) / len(singles)
            yield rank, (f"the keyed answer is the {rank} option in {count} of the {len(singles)} single-choice "
                         f"questions (chance: {chance:.0%})."), LENGTH_FIX


@bank_check("lint/length-pattern")
def _length_pattern_bank(quizzes):
    out: dict[str, list] = {}
    singles = _singles(quizzes)
    if len(singles) < BANK_MIN:
        return out
    chance = sum(1 / len(q.choices) for q in singles) / len(singles)
    for rank in ("longest", "shortest"):
        share = sum(_length_rank(q) == rank for q in singles) / len(singles)
        if not _in_bank(share, chance):
            continue
        for quiz in quizzes:
            mine = _singles([quiz])
            hits = sum(_length_rank(q) == rank for q in mine)
            if mine and _in_bank(hits / len(mine), sum(1 / len(q.choices) for q in mine) / len(mine)):
                out.setdefault(quiz.id, []).append((rank, (
                    f"across the bank the keyed answer is the {rank} option in {share:.0%} of the {len(singles)} "
                    f"single-choice questions (chance: {chance:.0%}); in this quiz {hits} of {len(mine)}."),
                    LENGTH_FIX))
    return out


def _tf_fix(majority: bool) -> str:
    other = "true" if not majority else "false"
    return (f"rewrite some statements so that they are {other} (a true statement tests the same point as well as "
            f"a false one); aim for a roughly even split.")


@rule("lint/true-false-balance", "quiz", ("true_false",),
      "True/false answers are mostly the same",
      catches="""Quizzes, or a bank, in which most true/false answers are false (or most are true).""",
      threshold=f"""In a quiz: at least 3 true/false questions and a split more lopsided than {TF_LOPSIDED} to 1
      (3-0, 3-1, 4-1; not 4-2). Across the bank (at least {BANK_MIN} true/false questions): one answer more than
      {int(BANK_MARGIN * 100)} percentage points above half, and each quiz whose own statements lean the same way
      is named.""",
      why="""Writers find false statements easier to write (take a true one and twist it), so "always answer
      false" becomes a strategy. A true/false question is a two-option question, and the guidance to vary where
      the key falls (Haladyna, Downing and Rodriguez 2002, guideline 20) applies to it: the answer should be
      true about as often as false.""",
      bad="""
      - id: no-more-heroes
        type: true_false
        outcome: o2
        prompt: The King's Fund's 2011 "no more heroes" report called for more charismatic chief executives.
        answer: false
      - id: legal-basis
        type: true_false
        outcome: o4
        prompt: In 2018, integrated care systems had powers in law over the trusts in them.
        answer: false
      - id: savings
        type: true_false
        outcome: o3
        prompt: Timmins 2015 found strong evidence that integrated care saves money within a year.
        answer: false
      """,
      good="""
      - id: no-more-heroes
        type: true_false
        outcome: o2
        prompt: The King's Fund's 2011 "no more heroes" report called for leadership that is shared, distributed and adaptive.
        answer: true
      - id: legal-basis
        type: true_false
        outcome: o4
        prompt: In 2018, integrated care systems depended on their organisations choosing to work together.
        answer: true
      - id: savings
        type: true_false
        outcome: o3
        prompt: Timmins 2015 found strong evidence that integrated care saves money within a year.
        answer: false
      """,
      reason="The quiz has only corrective statements of myths the module debunks; the bank as a whole is balanced.")
def _true_false_balance(quiz):
    answers = [q.answer for q in quiz.questions if q.type == "true_false"]
    if len(answers) < 3:
        return
    falses = answers.count(False)
    majority = falses < len(answers) - falses
    big, small = max(falses, len(answers) - falses), min(falses, len(answers) - falses)
    if big > TF_LOPSIDED * small:
        yield "tf", (f"{big} of the {len(answers)} true/false answers are {'true' if majority else 'false'}."), _tf_fix(majority)


@bank_check("lint/true-false-balance")
def _true_false_bank(quizzes):
    out: dict[str, list] = {}
    answers = [q.answer for quiz in quizzes for q in quiz.questions if q.type == "true_false"]
    if len(answers) < BANK_MIN:
        return out
    for value in (False, True):
        share = answers.count(value) / len(answers)
        if not _in_bank(share, 0.5):
            continue
        word = "true" if value else "false"
        for quiz in quizzes:
            mine = [q.answer for q in quiz.questions if q.type == "true_false"]
            if mine and _in_bank(mine.count(value) / len(mine), 0.5):
                out.setdefault(quiz.id, []).append(("tf", (
                    f"across the bank {answers.count(value)} of the {len(answers)} true/false answers are {word}; "
                    f"in this quiz {mine.count(value)} of {len(mine)}."), _tf_fix(value)))
    return out


# -- suppressions -----------------------------------------------------------------------------------
rule("lint/bad-suppression", "suppression", (),
     "A silenced rule without a proper reason",
     catches="""A `lint:` key that cannot be applied: an unknown key or rule id, a question-level rule silenced
     on the quiz (or the other way round), or a reason that is missing or too short.""",
     threshold=f"""A reason needs at least {REASON_WORDS} words and {REASON_CHARS} characters, and cannot be a
     placeholder such as "ok" or "todo". An ignore that fails this check silences nothing.""",
     why="""A silenced warning is a decision someone else will review; the reason is what makes it reviewable.
     A typo in a rule id would otherwise silence nothing without saying so.""",
     bad="""
     - id: definition
       type: single
       outcome: o1
       prompt: Which of these people is doing system leadership in the sense Timmins 2015 used?
       lint:
         ignore:
           lint/longest-key: ok
       choices:
         - text: A council manager persuading three general practices, the local hospital and a housing association to adopt a shared approach to preventing falls
           correct: true
         - text: A chief executive restructuring her own trust
         - text: A ward manager changing her team's rota
     """,
     good="""
     - id: definition
       type: single
       outcome: o1
       prompt: Which of these people is doing system leadership in the sense Timmins 2015 used?
       lint:
         ignore:
           lint/longest-key: "The key must quote the whole definition; the distractors are as long as they can be."
       choices:
         - text: A council manager persuading three general practices, the local hospital and a housing association to adopt a shared approach to preventing falls
           correct: true
         - text: A chief executive restructuring her own trust
         - text: A ward manager changing her team's rota
     """)(lambda *a: ())
rule("lint/stale-suppression", "suppression", (),
     "A silenced rule that no longer fires",
     catches="""An ignore for a rule that does not fire where it stands (the item has been mended).""",
     threshold="""Any valid ignore whose rule finds nothing to silence. (A quiz-level ignore is only judged
     across the bank, as `lint_library` and `python -m course lint` do.)""",
     why="""Stale ignores pile up and hide the next real problem: once an item is mended, the silence should
     go.""",
     bad="""
     - id: definition
       type: single
       outcome: o1
       prompt: Which of these people is doing system leadership in the sense Timmins 2015 used?
       lint:
         ignore:
           lint/longest-key: "The key must quote the whole definition."  # the key was shortened since
       choices:
         - text: A council manager persuading practices she does not manage to share a falls service
           correct: true
         - text: A chief executive restructuring the directorates inside her own trust
         - text: A ward manager introducing a new rota for the nurses she manages
     """,
     good="""
     - id: definition
       type: single
       outcome: o1
       prompt: Which of these people is doing system leadership in the sense Timmins 2015 used?
       choices:
         - text: A council manager persuading practices she does not manage to share a falls service
           correct: true
         - text: A chief executive restructuring the directorates inside her own trust
         - text: A ward manager introducing a new rota for the nurses she manages
     """)(lambda *a: ())

PLACEHOLDERS = {"todo", "tbd", "n/a", "na", "none", "reason", "ok", "okay", "fine", "ignore", "because", "wip",
                "yes", "no", "intentional", "deliberate", "false positive", "not relevant", "see above", "as intended"}


def _reason_problem(reason) -> str | None:
    if not isinstance(reason, str) or not reason.strip():
        return "has no reason"
    text = reason.strip()
    if (len(re.findall(r"[A-Za-z]+", text)) < REASON_WORDS or len(text) < REASON_CHARS
            or text.lower().rstrip(".!") in PLACEHOLDERS):
        return f"gives a reason ('{text}') too short to tell a reviewer why"
    return None


def _read_ignores(raw, base: tuple, scope: str) -> tuple[dict[str, str], list[Finding]]:
    """Valid ignores {rule id: reason} of one lint: key, and findings about the invalid ones."""
    ok: dict[str, str] = {}
    bad: list[Finding] = []
    if not raw:
        return ok, bad
    question = base[1] if scope == "question" else None
    where = "question" if scope == "question" else "quiz"

    def complain(path, message, fix):
        bad.append(Finding("lint/bad-suppression", base + path, message, fix, question))

    for key in raw:
        if key != "ignore":
            complain(("lint", key), f"unknown key '{key}' under lint.", "write the rules to silence under 'ignore:'.")
    ignore = raw.get("ignore")
    if ignore is None:
        return ok, bad
    if not isinstance(ignore, dict):
        complain(("lint", "ignore"), "expected 'ignore' as rule ids with their reasons (key: value lines).",
                 'write e.g. ignore: {lint/longest-key: "why the length is needed"}.')
        return ok, bad
    silenceable = sorted(r.id for r in RULES.values() if r.scope != "suppression")
    for rid, reason in ignore.items():
        path = ("lint", "ignore", rid)
        r = RULES.get(str(rid))
        if r is None or r.scope == "suppression":
            close = difflib.get_close_matches(str(rid), silenceable, n=1, cutoff=0.6)
            complain(path, f"'{rid}' is not a rule that can be silenced" + (f"; did you mean '{close[0]}'?" if close else "."),
                     f"use one of: {', '.join(silenceable)}.")
            continue
        if r.scope != scope:
            complain(path, f"{rid} is checked {'over the whole quiz' if r.scope == 'quiz' else 'on each question'}, so "
                           f"it cannot be silenced on the {where}.",
                     "move the ignore to the quiz's own lint: key." if r.scope == "quiz"
                     else "move the ignore to the question it fires on.")
            continue
        wrong = _reason_problem(reason)
        if wrong:
            complain(path, f"the ignore for {rid} {wrong}, so it silences nothing.",
                     f'say why the item is right as it is, e.g. {rid}: "{(r.reason or "what the rule misses here").rstrip(".")}".')
            continue
        ok[str(rid)] = reason
    return ok, bad


# -- running the rules ------------------------------------------------------------------------------
def question_findings(quiz) -> list[Finding]:
    out = []
    for i, q in enumerate(quiz.questions):
        for r in RULES.values():
            if r.scope == "question" and q.type in r.applies:
                for path, message, fix in r.check(q):
                    out.append(Finding(r.id, ("questions", i) + path, message, fix, i))
    return out


def quiz_findings(quiz) -> list[Finding]:
    return [Finding(r.id, ("questions",), message, fix, None, topic)
            for r in RULES.values() if r.scope == "quiz"
            for topic, message, fix in r.check(quiz)]


def bank_findings(quizzes) -> dict[str, list[Finding]]:
    """Findings of the quiz-level rules across the whole bank, by quiz id."""
    out: dict[str, list[Finding]] = {}
    for r in RULES.values():
        if r.bank is None:
            continue
        for quiz_id, hits in r.bank(quizzes).items():
            out.setdefault(quiz_id, []).extend(Finding(r.id, ("questions",), m, f, None, t) for t, m, f in hits)
    return out


def lint_quiz(quiz, source: Source, bank: list[Finding] | None = None) -> list[Problem]:
    """Every finding about one quiz, silenced findings left out, as warnings in file order.

    ``bank`` holds the bank-wide findings for this quiz (``lint_library`` passes them). Without it,
    a quiz-level ignore is not judged stale: the bank might be what it silences."""
    found = question_findings(quiz) + quiz_findings(quiz)
    seen_topics = {(f.rule, f.topic) for f in found if f.question is None}
    found += [f for f in bank or [] if (f.rule, f.topic) not in seen_topics]
    ignores: dict[int | None, dict[str, str]] = {}
    meta: list[Finding] = []
    ignores[None], bad = _read_ignores(getattr(quiz, "lint", None), (), "quiz")
    meta += bad
    for i, q in enumerate(quiz.questions):
        ignores[i], bad = _read_ignores(getattr(q, "lint", None), ("questions", i), "question")
        meta += bad
    used: set[tuple] = set()
    kept = []
    for f in found:
        if f.rule in ignores.get(f.question, {}):
            used.add((f.question, f.rule))
        else:
            kept.append(f)
    for where, rules in ignores.items():
        for rid in rules:
            if (where, rid) in used or (where is None and bank is None and RULES[rid].bank is not None):
                continue
            base = ("questions", where) if where is not None else ()
            meta.append(Finding("lint/stale-suppression", base + ("lint", "ignore", rid),
                                f"{rid} is silenced here but no longer fires.", "remove the ignore.", where))
    problems = [make_problem(f.rule, source.file, source.line(f.path), path_text(f.path), f.message, f.fix)
                for f in kept + meta]
    return sorted(problems, key=lambda p: (p.line or 0, p.path, p.message))


def lint_library(library) -> list[Problem]:
    """Every finding about every quiz of a library, the quiz-level rules also checked across the bank."""
    quizzes = library.all("quiz")
    bank = bank_findings(quizzes)
    out = []
    for quiz in quizzes:
        out += lint_quiz(quiz, library.sources[("quiz", quiz.id)], bank.get(quiz.id, []))
    return out


def rule_of(problem: Problem) -> str:
    """The rule id of a lint problem (from its message until Problem carries it)."""
    return getattr(problem, "rule", None) or problem.message.split(":", 1)[0]


# -- the command line -------------------------------------------------------------------------------
SILENCE_HINT = ('Silence a finding with a reason on the question (quiz-level rules: on the quiz): '
                'lint: {ignore: {RULE-ID: "why the item is right as it is"}}. '
                'Every rule: docs/organisations/authoring-quizzes.md, "Item quality: what the linter checks".')


def cli(root: Path, rules: bool = False, update_doc: bool = False) -> int:
    """``python -m course lint ROOT``: print every finding; 0 when clean, 2 on warnings, 1 on errors."""
    if rules:
        print(rules_markdown())
        return 0
    if update_doc:
        return write_doc(root / DOC_PAGE)
    from .library import load_library
    library = load_library(root, kinds=["quiz"])
    problems = library.report.errors + lint_library(library)
    for p in problems:
        print(f"{p.severity.upper()}: {p}")
    counts: dict[str, int] = {}
    for p in problems:
        if p.severity == "warning":
            counts[rule_of(p)] = counts.get(rule_of(p), 0) + 1
    n = len(library.all("quiz"))
    errors = len(library.report.errors)
    by_rule = "; ".join(f"{rid} {c}" for rid, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    print(f"Linted {n} quiz{'zes' if n != 1 else ''} in {root / 'quizzes'}: {errors} errors, "
          f"{sum(counts.values())} warnings" + (f" ({by_rule})." if by_rule else "."))
    if counts:
        print(SILENCE_HINT)
    if errors:
        return 1
    return 2 if counts else 0


# -- documentation ----------------------------------------------------------------------------------
DOC_PAGE = Path("docs") / "organisations" / "authoring-quizzes.md"
DOC_START = "<!-- lint-rules: generated by `python -m course lint --update-doc`; edit the rules in hooks/course/lint.py -->"
DOC_END = "<!-- /lint-rules -->"
TYPE_NAMES = {"single": "single-choice", "multiple": "multiple-choice", "true_false": "true/false",
              "ordering": "ordering", "matching": "matching"}


def rules_markdown() -> str:
    """The rule list of the authoring page, made from the registry."""
    lines = []
    for r in RULES.values():
        lines += [f"#### `{r.id}`: {r.title[0].lower() + r.title[1:]}", ""]
        if r.scope == "suppression":
            where = "Checked on every `lint:` key. It cannot itself be silenced."
        else:
            names = [TYPE_NAMES[t] for t in r.applies]
            kinds = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            where = (f"Applies to {kinds} questions; checked on each question." if r.scope == "question" else
                     f"Applies to {kinds} questions; checked over each quiz and across the whole bank.")
        lines += [f"*{where}*", "", f"**What it catches.** {r.catches}", "", f"**When it fires.** {r.threshold}", "",
                  f"**Why it matters.** {r.why}", ""]
        tabs = [("Flawed", r.bad), ("Mended", r.good)]
        if r.reason:
            tabs.append((f"Silenced on the {'question' if r.scope == 'question' else 'quiz'}", silenced_example(r)))
        for label, body in tabs:
            if body:
                lines += [f'=== "{label}"', "", "    ```yaml"] + [f"    {ln}" if ln else "" for ln in body.splitlines()] + ["    ```", ""]
        if r.scope != "suppression" and not r.reason:
            lines += ["There is rarely a good reason to silence this rule; if there is one, give it as above.", ""]
    return "\n".join(lines).rstrip() + "\n"


def silenced_example(r: Rule) -> str:
    """The flawed example with the rule silenced: on its first question, or (quiz-level rules) on a
    quiz holding the example's questions."""
    ignore = f'lint:\n  ignore:\n    {r.id}: "{r.reason}"'
    if r.scope == "question":
        lines = r.bad.splitlines()
        at = next(i for i, ln in enumerate(lines) if re.match(r"\s*prompt:", ln))
        indent = re.match(r"\s*", lines[at]).group(0)
        return "\n".join(lines[:at + 1] + [indent + ln for ln in ignore.splitlines()] + lines[at + 1:])
    outcomes = sorted(set(re.findall(r"^\s*outcome: (\S+)", r.bad, re.M)))
    head = ["id: my-quiz", "title: My quiz", "outcomes:"]
    head += [f"  - id: {o}\n    text: The outcome {o} of the quiz." for o in outcomes]
    return "\n".join(head + ignore.splitlines() + ["questions:"] + ["  " + ln if ln else "" for ln in r.bad.splitlines()])


def doc_block(text: str) -> str | None:
    """The generated rule list inside the authoring page, or None when the markers are missing."""
    start, end = text.find(DOC_START), text.find(DOC_END)
    if start == -1 or end == -1:
        return None
    return text[start + len(DOC_START):end].strip("\n") + "\n"


def write_doc(page: Path) -> int:
    text = page.read_text(encoding="utf-8")
    start, end = text.find(DOC_START), text.find(DOC_END)
    if start == -1 or end == -1:
        print(f"{page}: the markers {DOC_START} and {DOC_END} are missing.")
        return 1
    page.write_text(text[:start + len(DOC_START)] + "\n\n" + rules_markdown() + "\n" + text[end:], encoding="utf-8")
    print(f"Wrote the {len(RULES)} rules into {page}.")
    return 0
