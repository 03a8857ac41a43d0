"""Moodle XML: a question category for the quiz, then one question per quiz question.

Type mapping (Moodle core question types, so Totara and older Moodles import it too):

- single -> multichoice, ``single`` true: the right choice 100, the others 0, each choice's feedback.
- multiple -> multichoice, ``single`` false: each right choice 100/k (k right choices; the values
  Moodle accepts, e.g. 33.33333), each wrong choice -100. Moodle floors a question at 0, so ticking
  any wrong choice scores 0 and all right choices score 100, as on the site; leaving out a right
  choice earns partial credit in Moodle where the site gives none.
- true_false -> truefalse, with feedback_true / feedback_false on the two answers.
- ordering -> ordering (Moodle's own type, in core from Moodle 4.4) when the exports are for Moodle
  4.4 or later (``extra.course.moodle_version``): all or nothing, as on the site, with the three
  feedbacks the type needs to import. Otherwise -> matching: older Moodles and Totara have the
  ordering type only as an add-on, so each item is matched to its position ("Position 1", ...), the
  question text says so, and an XML comment notes it.
- matching -> matching (left side as HTML sub-questions, right side as plain-text answers).
  Moodle gives partial credit for each right match or position; the site scores these all or nothing.
- reflection -> essay, marked out of 0 (the site does not mark reflections), the model answer as
  ``graderinfo`` (for markers) and as general feedback (shown to learners after the attempt, as on
  the site). It is not put in ``responsetemplate``: that pre-fills the learner's answer box.

The explanation becomes each question's general feedback. Text is Markdown rendered to HTML,
then escaped as XML text (Moodle decodes it).
"""
from __future__ import annotations

from .base import Export, Exporter, qlabel
from .grading import ORDERING_FEEDBACK, ORDERING_HINT, ordering_note, percent, share

def export(quiz, ex: Exporter) -> Export:
    notes: list[str] = []
    questions = []
    for n, q in enumerate(quiz.questions, 1):
        item = {
            "id": q.id, "name": qlabel(quiz, n, q), "idnumber": f"{quiz.id}:{q.id}",
            "text": ex.html(q.prompt), "general": ex.html(q.explanation), "grade": 1, "notes": [],
        }
        if q.type in ("single", "multiple"):
            right = sum(c.correct for c in q.choices)
            each, exact = share(right) if q.type == "multiple" else (100, True)
            if not exact:
                item["notes"].append(f"question '{q.id}': {right} right choices; Moodle only accepts certain "
                                     f"fractions, so each right choice is worth {percent(each)}% (nearest to "
                                     f"{percent(100 / right)}%).")
            item.update(type="multichoice", single=q.type == "single", answers=[
                {"fraction": percent(each) if c.correct else ("0" if q.type == "single" else "-100"),
                 "text": ex.html(c.text, inline=True), "feedback": ex.html(c.feedback)}
                for c in q.choices])
        elif q.type == "true_false":
            item.update(type="truefalse", answers=[
                {"fraction": "100" if q.answer else "0", "text": "true", "feedback": ex.html(q.feedback_true)},
                {"fraction": "0" if q.answer else "100", "text": "false", "feedback": ex.html(q.feedback_false)},
            ])
        elif q.type == "ordering" and ex.native_ordering:
            item.update(type="ordering", order_items=[ex.html(it, inline=True) for it in q.items],
                        feedback={k: ex.html(v) for k, v in ORDERING_FEEDBACK.items()})
        elif q.type == "ordering":
            item["notes"].append(ordering_note(q))
            item.update(type="matching", text=item["text"] + ex.html(ORDERING_HINT),
                        pairs=[{"left": ex.html(it, inline=True), "right": f"Position {i}"}
                               for i, it in enumerate(q.items, 1)])
        elif q.type == "matching":
            item.update(type="matching", pairs=[{"left": ex.html(left, inline=True), "right": ex.plain(right)}
                                                for left, right in q.pairs])
        elif q.type == "reflection":
            item.update(type="essay", grade=0, model=ex.html(q.model_answer), model_label=ex.html("**Model answer:**"))
        notes += item["notes"]
        questions.append(item)
    xml = ex.render("moodle.xml", quiz=quiz, description=ex.html(quiz.description),
                    category=quiz.title.replace("/", "//"), questions=questions)
    return Export(xml.encode("utf-8"), notes)
