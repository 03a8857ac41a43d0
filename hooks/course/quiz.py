"""Quizzes: the model, and the rules an author's YAML must follow."""
from __future__ import annotations

from dataclasses import dataclass, field

from .problems import Report
from .schema import Checker, Field, check_id, item_name
from .yamlsource import Source

TYPES = ("single", "multiple", "true_false", "ordering", "matching", "reflection")
TYPE_LABELS = {
    "single": "Single choice",
    "multiple": "Multiple choice",
    "true_false": "True or false",
    "ordering": "Put in order",
    "matching": "Matching",
    "reflection": "Reflection",
}
SCORED = {"single", "multiple", "true_false", "ordering", "matching"}


def _percent(value):
    if not 0 <= value <= 100:
        return (f"expected a pass mark between 0 and 100 but found {value}.",
                "write the pass mark as a percentage, e.g. pass_mark: 70.")
    return None


QUIZ_FIELDS = [
    Field("id", str, required=True, check=check_id, doc="a stable id", example="module-01"),
    Field("title", str, required=True, doc="the quiz title"),
    Field("description", str, doc="an introduction in Markdown"),
    Field("outcomes", list, required=True, doc="the learning outcomes the quiz checks"),
    Field("pass_mark", int, default=70, check=_percent, doc="percentage to pass", example="70"),
    Field("mode", str, default="check", choices=("check", "assessment")),
    Field("shuffle", bool, default=False),
    Field("show_answers", str, default="after_attempt", choices=("after_attempt", "after_submit")),
    Field("questions", list, required=True, doc="the questions"),
    Field("lint", dict, doc="quiz-level item-quality rules to silence, each with its reason (see lint.py)"),
]
OUTCOME_FIELDS = [
    Field("id", str, required=True, check=check_id, example="o1"),
    Field("text", str, required=True, doc="the outcome, starting with a verb"),
]
COMMON = [
    Field("id", str, required=True, check=check_id, doc="a stable id within the quiz", example="coalition"),
    Field("type", str, required=True, choices=TYPES),
    Field("outcome", str, required=True, doc="the id of the outcome this question checks", example="o1"),
    Field("prompt", str, required=True, doc="the question text"),
    Field("explanation", str, doc="shown after answering"),
    Field("lint", dict, doc="item-quality rules to silence on this question, each with its reason (see lint.py)"),
]
BY_TYPE = {
    "single": [Field("choices", list, required=True, doc="the choices")],
    "multiple": [Field("choices", list, required=True, doc="the choices")],
    "true_false": [
        Field("answer", bool, required=True, doc="true or false", example="false"),
        Field("feedback_true", str),
        Field("feedback_false", str),
    ],
    "ordering": [Field("items", list, required=True, doc="the items in the correct order")],
    "matching": [Field("pairs", list, required=True, doc="the pairs, each with left and right")],
    "reflection": [Field("model_answer", str, required=True, doc="a model answer in Markdown")],
}
CHOICE_FIELDS = [
    Field("text", str, required=True, doc="the choice text"),
    Field("correct", bool, default=False),
    Field("feedback", str, doc="feedback shown when this choice is picked"),
]
PAIR_FIELDS = [
    Field("left", str, required=True, doc="the item to match"),
    Field("right", str, required=True, doc="its match"),
]


@dataclass
class Choice:
    text: str
    correct: bool = False
    feedback: str | None = None


@dataclass
class Question:
    id: str
    type: str
    outcome: str
    prompt: str
    explanation: str | None = None
    choices: list[Choice] = field(default_factory=list)
    answer: bool | None = None
    feedback_true: str | None = None
    feedback_false: str | None = None
    items: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    model_answer: str | None = None
    line: int | None = None
    lint: dict | None = None  # {"ignore": {rule id: reason}}, read by lint.py

    @property
    def scored(self) -> bool:
        return self.type in SCORED

    @property
    def label(self) -> str:
        return TYPE_LABELS[self.type]


@dataclass
class Quiz:
    id: str
    title: str
    outcomes: list[tuple[str, str]]
    questions: list[Question]
    description: str | None = None
    pass_mark: int = 70
    mode: str = "check"
    shuffle: bool = False
    show_answers: str = "after_attempt"
    file: str = ""
    lint: dict | None = None  # {"ignore": {rule id: reason}}, read by lint.py

    @property
    def scored_count(self) -> int:
        return sum(q.scored for q in self.questions)

    def texts(self):
        """Every Markdown field with its path, for link checks."""
        yield ("description",), self.description
        for i, q in enumerate(self.questions):
            base = ("questions", i)
            yield base + ("prompt",), q.prompt
            yield base + ("explanation",), q.explanation
            yield base + ("model_answer",), q.model_answer
            yield base + ("feedback_true",), q.feedback_true
            yield base + ("feedback_false",), q.feedback_false
            for j, c in enumerate(q.choices):
                yield base + ("choices", j, "text"), c.text
                yield base + ("choices", j, "feedback"), c.feedback
            for j, item in enumerate(q.items):
                yield base + ("items", j), item
            for j, (left, right) in enumerate(q.pairs):
                yield base + ("pairs", j, "left"), left
                yield base + ("pairs", j, "right"), right


def parse(source: Source, report: Report) -> Quiz | None:
    """Check a loaded YAML source; add every problem to ``report``; return the quiz if valid."""
    ck = Checker(source, report)
    before = len(report.errors)
    top = ck.mapping(source.data, (), QUIZ_FIELDS, "the quiz")
    if top is None:
        return None
    outcomes = []
    seen_outcomes: dict[str, int] = {}
    for i, raw in enumerate(ck.list_of(top.get("outcomes") or [], ("outcomes",), "outcomes", 1)
                            if top.get("outcomes") is not None else []):
        o = ck.mapping(raw, ("outcomes", i), OUTCOME_FIELDS, f"outcome {i + 1}")
        if not o or "id" not in o or "text" not in o:
            continue
        if o["id"] in seen_outcomes:
            ck.problem(("outcomes", i, "id"), f"duplicate outcome id '{o['id']}' (first used in outcomes[{seen_outcomes[o['id']]}]).",
                       "give each outcome its own id.")
            continue
        seen_outcomes[o["id"]] = i
        outcomes.append((o["id"], o["text"]))

    questions: list[Question] = []
    seen_q: dict[str, int] = {}
    raw_questions = top.get("questions")
    for i, raw in enumerate(ck.list_of(raw_questions, ("questions",), "questions", 1)
                            if raw_questions is not None else []):
        q = _question(ck, raw, ("questions", i), set(seen_outcomes), outcomes_given=top.get("outcomes") is not None)
        if q is None:
            continue
        if q.id in seen_q:
            ck.problem(("questions", i, "id"),
                       f"duplicate question id '{q.id}' (first used in questions[{seen_q[q.id]}]).",
                       "give each question its own id; ids are how saved answers find their question.")
            continue
        seen_q[q.id] = i
        questions.append(q)

    used = {q.outcome for q in questions}
    for oid, idx in seen_outcomes.items():
        if oid not in used and questions:
            ck.problem(("outcomes", idx), f"outcome '{oid}' is not checked by any question.",
                       f"tie a question to it with 'outcome: {oid}', or remove it.", severity="warning")

    if len(report.errors) > before:
        return None
    return Quiz(
        id=top["id"], title=top["title"], description=top.get("description"), outcomes=outcomes,
        questions=questions, pass_mark=top["pass_mark"], mode=top["mode"], shuffle=top["shuffle"],
        show_answers=top["show_answers"], file=source.file, lint=top.get("lint"),
    )


def _question(ck: Checker, raw, path, outcome_ids: set, outcomes_given: bool) -> Question | None:
    qtype = raw.get("type") if isinstance(raw, dict) else None
    fields = COMMON + BY_TYPE.get(qtype, [])
    if isinstance(raw, dict) and qtype not in TYPES:
        # Unknown type: do not also report its type-specific keys as unknown.
        extra = {f.name for fs in BY_TYPE.values() for f in fs}
        raw = {k: v for k, v in raw.items() if k not in extra}
    name = item_name("question", path[1], raw)
    q = ck.mapping(raw, path, fields, name)
    if q is None or qtype not in TYPES:
        return None
    errors_before = len(ck.report.errors)
    if q.get("outcome") and outcomes_given and q["outcome"] not in outcome_ids:
        ck.problem(path + ("outcome",), f"outcome '{q['outcome']}' is not one of the quiz's outcomes"
                   f" ({', '.join(sorted(outcome_ids)) or 'none declared'}).",
                   "use the id of an outcome listed under 'outcomes:', or add it there.")
    question = Question(
        id=q.get("id", ""), type=qtype, outcome=q.get("outcome", ""), prompt=q.get("prompt", ""),
        explanation=q.get("explanation"), line=ck.source.line(path), lint=q.get("lint"),
    )
    if qtype in ("single", "multiple") and q.get("choices") is not None:
        question.choices = _choices(ck, q["choices"], path + ("choices",), qtype)
    elif qtype == "true_false":
        question.answer = q.get("answer")
        question.feedback_true = q.get("feedback_true")
        question.feedback_false = q.get("feedback_false")
    elif qtype == "ordering" and q.get("items") is not None:
        question.items = ck.distinct_texts(ck.list_of(q["items"], path + ("items",), "items", 2),
                                           path + ("items",), "item", "items of an ordering question")
    elif qtype == "matching" and q.get("pairs") is not None:
        question.pairs = _pairs(ck, q["pairs"], path + ("pairs",))
    elif qtype == "reflection":
        question.model_answer = q.get("model_answer")
    if len(ck.report.errors) > errors_before or not q.get("id"):
        return None
    return question


def _choices(ck: Checker, raw, path, qtype) -> list[Choice]:
    out = []
    items = ck.list_of(raw, path, "choices", 2)
    seen = {}
    for j, c in enumerate(items):
        v = ck.mapping(c, path + (j,), CHOICE_FIELDS, f"choice {j + 1}")
        if not v or "text" not in v:
            continue
        key = v["text"].strip().lower()
        if key in seen:
            ck.problem(path + (j, "text"), f"choice {j + 1} repeats choice {seen[key] + 1} ('{v['text']}').",
                       "make every choice different.")
        seen[key] = j
        out.append(Choice(text=v["text"], correct=v["correct"], feedback=v.get("feedback")))
    correct = sum(c.correct for c in out)
    if len(out) == len(items) and len(items) >= 2:
        if qtype == "single" and correct != 1:
            ck.problem(path, f"expected exactly one choice marked correct, found {correct}.",
                       "add 'correct: true' to the right answer." if correct == 0 else
                       "keep 'correct: true' on one choice only, or use type: multiple.")
        if qtype == "multiple" and correct == 0:
            ck.problem(path, "expected at least one choice marked correct, found 0.",
                       "add 'correct: true' to each right answer.")
    return out


def _pairs(ck: Checker, raw, path) -> list[tuple[str, str]]:
    out = []
    items = ck.list_of(raw, path, "pairs", 2)
    lefts, rights = {}, {}
    for j, p in enumerate(items):
        v = ck.mapping(p, path + (j,), PAIR_FIELDS, f"pair {j + 1}")
        if not v or "left" not in v or "right" not in v:
            continue
        for side, seen in (("left", lefts), ("right", rights)):
            key = v[side].strip().lower()
            if key in seen:
                ck.problem(path + (j, side), f"pair {j + 1} repeats the {side} side of pair {seen[key] + 1} ('{v[side]}').",
                           f"make every {side} side different, so each item has exactly one match.")
            seen[key] = j
        out.append((v["left"], v["right"]))
    return out
