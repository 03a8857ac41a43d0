"""Write every LMS export under the built site (called from ``on_post_build``).

For each quiz: ``downloads/quizzes/<id>/<id>-moodle.xml``, ``<id>.gift.txt``, ``<id>-qti21.zip``,
``<id>-scorm12.zip``; and ``downloads/course-scorm12.zip`` with every quiz. What a format keeps
only approximately is written as a note inside the file and logged at INFO (never WARNING:
warnings fail ``mkdocs build --strict``).
"""
from __future__ import annotations

import logging
from pathlib import Path

from . import gift, moodle, qti, scorm
from .base import Exporter
from .links import COURSE_SCORM, FORMATS, site_path

BUILDERS = {"moodle": moodle.export, "gift": gift.export, "qti": qti.export, "scorm": scorm.export}
NAMES = {key: label for key, _, label, _ in FORMATS}


def write_all(library, site_dir: Path, pages: dict[str, str], glossary: dict[str, str] | None = None,
              site_url: str | None = "", course_title: str = "Course",
              log: logging.Logger | None = None) -> list[Path]:
    """Write the exports of every quiz in ``library``; return the files written."""
    log = log or logging.getLogger("mkdocs.plugins.course.exports")
    quizzes = sorted(library.all("quiz"), key=lambda q: q.id)
    if not quizzes:
        return []
    ex = Exporter(pages, glossary, site_url, course_title)
    written: list[Path] = []
    for quiz in quizzes:
        notes: dict[str, list[str]] = {}  # note -> the formats it applies to
        for key, build in BUILDERS.items():
            result = build(quiz, ex)
            path = site_dir / site_path(quiz.id, key)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(result.data)
            written.append(path)
            for note in result.notes:
                notes.setdefault(note, []).append(NAMES[key])
        for note, formats in notes.items():
            log.info("LMS export of quiz '%s' (%s), %s: %s", quiz.id, quiz.file, " and ".join(formats), note)
    course = scorm.export_course(quizzes, ex, course_title)
    path = site_dir / COURSE_SCORM
    path.write_bytes(course.data)
    written.append(path)
    log.info("LMS exports: wrote %d files for %d quiz%s under downloads/ (%s).", len(written), len(quizzes),
             "" if len(quizzes) == 1 else "zes",
             "links to site pages are absolute" if ex.site_url else "site_url is not set, so links to site pages are kept as text only")
    return written
