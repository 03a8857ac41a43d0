"""GIFT: Moodle's one-line-per-question text format, as plain text.

Text fields are Markdown rendered to plain text (GIFT's default ``[moodle]`` format would read
Markdown marks and HTML literally). Paragraphs and list items are kept as ``\\n`` escapes, so every
question sits on one line; ``~ = # { } :`` and ``\\`` are escaped with a backslash.

Type mapping, as for Moodle XML (see moodle.py): single -> ``{=right ~wrong}``; multiple ->
``{~%50%right ~%-100%wrong}``; true_false -> ``{TRUE#feedback if wrong#feedback if right}``;
ordering -> Moodle's ordering type (``{>N ALL VERTICAL ALL_OR_NOTHING SHOW`` then one item a line) for
Moodle 4.4 and later (``extra.course.moodle_version``), else matching with positions; the ordering
type reads its items as they are, so an item with ``{``, ``}``, ``#`` or ``\\`` falls back to matching
(with a note); matching -> ``{=left -> right}``;
reflection -> essay ``{}`` with the model answer as general feedback (GIFT has no grader info).
The explanation is the general feedback (``####``). Per-choice feedback is kept; matching and
ordering have none in GIFT.
"""
from __future__ import annotations

import re

from .base import Export, Exporter, qlabel
from .grading import ordering_note, percent, share

SPECIAL = re.compile(r"([~=#{}:\\])")
NATIVE_ITEM = re.compile(r"[^{}#\\\n]+")  # what the ordering type reads as it is, one item a line


def escape(text: str | None) -> str:
    """Escape GIFT's control characters; line breaks become the ``\\n`` escape."""
    text = SPECIAL.sub(r"\\\1", text or "")
    return "\\n".join(line.strip() for line in text.splitlines() if line.strip())


def comment(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def export(quiz, ex: Exporter) -> Export:
    notes: list[str] = []
    questions = []
    for n, q in enumerate(quiz.questions, 1):
        item = {"kind": q.type, "name": qlabel(quiz, n, q), "text": ex.plain(q.prompt),
                "general": ex.plain(q.explanation), "notes": []}
        if q.type in ("single", "multiple"):
            right = sum(c.correct for c in q.choices)
            each, exact = share(right) if q.type == "multiple" else (100, True)
            if not exact:
                item["notes"].append(f"question '{q.id}': each of its {right} right choices is worth "
                                     f"{percent(each)}%, the nearest fraction Moodle accepts.")
            item["answers"] = [{"correct": c.correct, "weight": percent(each) if c.correct else "-100",
                                "text": ex.plain(c.text), "feedback": ex.plain(c.feedback)} for c in q.choices]
        elif q.type == "true_false":
            right, wrong = (q.feedback_true, q.feedback_false) if q.answer else (q.feedback_false, q.feedback_true)
            item.update(answer="TRUE" if q.answer else "FALSE", right=ex.plain(right), wrong=ex.plain(wrong))
        elif q.type == "ordering" and ex.native_ordering and all(NATIVE_ITEM.fullmatch(ex.plain(it)) for it in q.items):
            item.update(kind="native_ordering", order_items=[ex.plain(it) for it in q.items])
        elif q.type in ("ordering", "matching"):
            if q.type == "ordering" and ex.native_ordering:
                item["notes"].append(f"question '{q.id}' is written as a matching question: one of its items holds "
                                     "a character ({, }, # or \\) that Moodle's ordering type cannot read in GIFT. "
                                     "Moodle XML keeps it as an ordering question.")
            if q.type == "ordering":
                item["notes"].append(ordering_note(q))
                item["text"] += "\n" + ex.plain("Match each item to its position in the order: position 1 comes first.")
                pairs = [(ex.plain(it), f"Position {i}") for i, it in enumerate(q.items, 1)]
            else:
                pairs = [(ex.plain(left), ex.plain(right)) for left, right in q.pairs]
            if any("->" in left for left, _ in pairs):
                item["notes"].append(f"question '{q.id}': '->' in an item is written as '→' (GIFT splits pairs on '->').")
            item["pairs"] = [(left.replace("->", "→"), right) for left, right in pairs]
        elif q.type == "reflection":
            model = ex.plain(q.model_answer)
            item["general"] = "\n".join(t for t in ("Model answer: " + model, item["general"]) if t.strip())
        notes += item["notes"]
        questions.append(item)
    ex.env.filters.update(FILTERS)
    text = ex.render("quiz.gift.txt", quiz=quiz, questions=questions, category=quiz.title.replace("/", "//"),
                     description=comment(ex.plain(quiz.description)))
    return Export(text.encode("utf-8"), notes)


FILTERS = {"gift": escape, "gift_comment": comment}  # what quiz.gift.txt uses
