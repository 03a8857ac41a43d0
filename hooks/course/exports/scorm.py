"""SCORM 1.2 packages: one per quiz, and one for the whole course (one SCO per quiz).

Each SCO is a self-contained HTML page: the site's own quiz template (templates/quiz.html, via
``course.render.Renderer``), ``course.css`` and two small files, ``sco.css`` (the theme values
the site's CSS expects) and ``sco.js`` (marking and the SCORM 1.2 runtime: see its header). No
request leaves the package. In an LMS every quiz runs like an assessment: the learner answers
everything, submits, then sees the answers and feedback (per-question checking would let a
learner see answers before the graded submission).

Scores reported: cmi.core.score.raw 0-100 (the percentage of scored questions right, min 0, max
100), cmi.core.lesson_status passed or failed against the quiz's pass mark (also written as
``adlcp:masteryscore``), or completed for a quiz with nothing to mark. Reflections are saved
and reported as unmarked "fill-in" interactions.

cmi.suspend_data holds the answers as compact ASCII JSON, always under 4,096 characters: choice
answers take a few characters each (see ``suspend_budget``), and sco.js shortens reflection text
to fit. The XSD files are not shipped in the packages (their licences do not allow it clearly);
LMSs do not need them.
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from markupsafe import Markup

from .base import STATIC, Export, Exporter, make_zip, ncname, quiz_version

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SHARED = "shared/"
LIMIT = 4096  # SCORM 1.2 cmi.suspend_data is CMIString4096
MAX = LIMIT - 96  # what sco.js allows itself (its MAX)


def shared_files() -> dict[str, bytes]:
    return {
        SHARED + "course.css": (ASSETS / "course.css").read_bytes(),
        SHARED + "sco.css": (STATIC / "sco.css").read_bytes(),
        SHARED + "sco.js": (STATIC / "sco.js").read_bytes(),
    }


def suspend_budget(quiz) -> int:
    """The longest cmi.suspend_data sco.js can write for ``quiz`` without free text (reflections)."""
    answers = []
    for q in quiz.questions:
        if q.type in ("single", "multiple"):
            picks = range(len(q.choices)) if q.type == "multiple" else [len(q.choices) - 1]
            answers.append(".".join(str(i) for i in picks))
        elif q.type == "true_false":
            answers.append("f")
        elif q.type == "ordering":
            answers.append(".".join(str(i) for i in range(len(q.items))))
        elif q.type == "matching":
            answers.append(".".join(str(i) for i in range(len(q.pairs))))
        else:
            answers.append("")
    return len(json.dumps([quiz_version(quiz), 1] + answers, separators=(",", ":")))


def sco_page(quiz, ex: Exporter, base: str) -> str:
    """The HTML page of one SCO; ``base`` is the relative URL of the shared files."""
    as_assessment = dataclasses.replace(quiz, mode="assessment")
    quiz_html = ex.renderer.quiz(as_assessment, "", heading=1, standalone=True)
    return ex.render("scorm_sco.html", quiz=quiz, base=base, version=quiz_version(quiz),
                     quiz_html=Markup(quiz_html))


def _sco(quiz, href: str) -> dict:
    return {"ident": ncname(quiz.id), "title": quiz.title, "href": href,
            "mastery": quiz.pass_mark if quiz.scored_count else None}


def _notes(quiz) -> list[str]:
    budget = suspend_budget(quiz)
    if budget > MAX:
        return [f"the answers to '{quiz.id}' need {budget} characters of SCORM suspend data, more than "
                f"the {MAX} allowed: the package records the score but cannot save unfinished answers."]
    return []


def _manifest(ex: Exporter, identifier: str, title: str, scos: list[dict], shared: list[str]) -> str:
    return ex.render("scorm_manifest.xml", identifier=identifier, org=identifier + "-ORG", title=title,
                     scos=scos, shared=shared, shared_id=identifier + "-SHARED")


def export(quiz, ex: Exporter) -> Export:
    shared = shared_files()
    files: dict[str, bytes | str] = {
        "imsmanifest.xml": _manifest(ex, ncname(quiz.id, "SCORM-"), quiz.title, [_sco(quiz, "index.html")], list(shared)),
        "index.html": sco_page(quiz, ex, SHARED),
    }
    files.update(shared)
    return Export(make_zip(files), _notes(quiz))


def export_course(quizzes: list, ex: Exporter, title: str, identifier: str = "course") -> Export:
    """One package, one SCO per quiz (each tracked on its own by the LMS), sharing the same files."""
    shared = shared_files()
    scos = [_sco(q, f"quizzes/{q.id}/index.html") for q in quizzes]
    files: dict[str, bytes | str] = {
        "imsmanifest.xml": _manifest(ex, ncname(identifier, "SCORM-"), title, scos, list(shared)),
    }
    notes: list[str] = []
    for quiz, sco in zip(quizzes, scos):
        files[sco["href"]] = sco_page(quiz, ex, "../../" + SHARED)
        notes += _notes(quiz)
    files.update(shared)
    return Export(make_zip(files), notes)
