"""IMS QTI 2.1 content package: one ``assessmentItem`` per question, an ``assessmentTest`` and
``imsmanifest.xml`` (IMS Content Packaging 1.1), zipped.

Type mapping:

- single, true_false -> ``choiceInteraction`` (maxChoices 1); multiple -> ``choiceInteraction``
  (maxChoices 0, i.e. any number), cardinality multiple.
- ordering -> ``orderInteraction`` (cardinality ordered); the items are written shuffled as on the
  site, and ``shuffle="true"`` asks the player to shuffle them again.
- matching -> ``matchInteraction`` with two ``simpleMatchSet`` (directedPair, each side used once).
- reflection -> ``extendedTextInteraction``, not scored; the model answer is a
  ``rubricBlock view="scorer"`` (for markers) and a ``modalFeedback`` shown after answering.

Scored items are all or nothing, like the site: the ``match_correct`` standard template. The
``responseProcessing`` names that template and also spells its rules out, with rules that set
FEEDBACK for ``modalFeedback``: the explanation (GENERAL) and each picked choice's feedback. A
player that uses the named template instead scores the same, without the feedback.

Text is Markdown rendered to HTML, then reduced to the XHTML QTI allows (see text.to_qti).
"""
from __future__ import annotations

import io
import zipfile

from .base import Export, Exporter, make_zip, ncname, qlabel
from ..render import stable_shuffle


def _item(quiz, n: int, q, ex: Exporter) -> dict:
    item = {
        "identifier": ncname(f"{quiz.id}-{q.id}"), "title": qlabel(quiz, n, q), "kind": q.type,
        "prompt": ex.text.qti(q.prompt), "scored": q.scored, "feedback": [],
        "href": f"items/{ncname(q.id)}.xml",
    }
    if q.explanation:
        item["feedback"].append({"id": "GENERAL", "title": "Why", "html": ex.text.qti(q.explanation)})
    if q.type in ("single", "multiple", "true_false"):
        if q.type == "true_false":
            choices = [
                {"id": "TRUE", "html": "True", "correct": q.answer is True, "fb": ex.text.qti(q.feedback_true)},
                {"id": "FALSE", "html": "False", "correct": q.answer is False, "fb": ex.text.qti(q.feedback_false)},
            ]
        else:
            choices = [{"id": f"C{i}", "html": ex.text.qti(c.text, inline=True), "correct": c.correct,
                        "fb": ex.text.qti(c.feedback)} for i, c in enumerate(q.choices, 1)]
        for c in choices:
            c["fb_id"] = f"FB_{c['id']}" if c["fb"] else None
            if c["fb"]:
                item["feedback"].append({"id": c["fb_id"], "title": "Feedback", "html": c["fb"]})
        item.update(interaction="choice", cardinality="multiple" if q.type == "multiple" else "single",
                    base_type="identifier", max_choices=0 if q.type == "multiple" else 1,
                    shuffle=quiz.shuffle and q.type != "true_false", choices=choices,
                    correct=[c["id"] for c in choices if c["correct"]])
    elif q.type == "ordering":
        items = [{"id": f"I{i}", "html": ex.text.qti(text, inline=True)} for i, text in enumerate(q.items, 1)]
        item.update(interaction="order", cardinality="ordered", base_type="identifier",
                    choices=[items[i] for i in stable_shuffle(q.items, quiz.id + q.id)],
                    correct=[it["id"] for it in items])
    elif q.type == "matching":
        left = [{"id": f"L{i}", "html": ex.text.qti(a, inline=True)} for i, (a, _) in enumerate(q.pairs, 1)]
        right = [{"id": f"R{i}", "html": ex.text.qti(b, inline=True)} for i, (_, b) in enumerate(q.pairs, 1)]
        item.update(interaction="match", cardinality="multiple", base_type="directedPair", left=left,
                    right=[right[i] for i in stable_shuffle(q.pairs, quiz.id + q.id)],
                    correct=[f"L{i} R{i}" for i in range(1, len(q.pairs) + 1)])
    elif q.type == "reflection":
        model = ex.text.qti(q.model_answer)
        item.update(interaction="text", cardinality="single", base_type="string", correct=[], model=model)
        item["feedback"].insert(0, {"id": "MODEL", "title": "Model answer", "html": model})
    return item


def export(quiz, ex: Exporter) -> Export:
    items = [_item(quiz, n, q, ex) for n, q in enumerate(quiz.questions, 1)]
    files: dict[str, str] = {}
    test_href = f"{ncname(quiz.id)}-test.xml"
    files["imsmanifest.xml"] = ex.render("qti_manifest.xml", quiz=quiz, items=items, test_href=test_href,
                                         manifest_id=ncname(quiz.id, "MANIFEST-"), test_id=ncname(quiz.id, "RES-TEST-"))
    files[test_href] = ex.render("qti_test.xml", quiz=quiz, items=items, test_id=ncname(quiz.id, "TEST-"),
                                 scored=quiz.scored_count, pass_fraction=quiz.pass_mark / 100,
                                 description=ex.text.qti(quiz.description))
    for item in items:
        files[item["href"]] = ex.render("qti_item.xml", item=item)
    return Export(make_zip(files), [])


def item_files(data: bytes) -> dict[str, bytes]:
    """Every file of a QTI package (for tests and tools)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}
