"""Write every LMS export under the built site (called from ``on_post_build``).

For each quiz: ``downloads/quizzes/<id>/<id>-moodle.xml``, ``<id>.gift.txt``, ``<id>-qti21.zip``,
``<id>-scorm12.zip``; and ``downloads/course-scorm12.zip`` with every quiz. What a format keeps
only approximately is written as a note inside the file and logged at INFO (never WARNING:
warnings fail ``mkdocs build --strict``).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

from . import gift, moodle, qti, scorm
from .base import Exporter
from .grading import moodle_version as moodle_version_of
from .links import COURSE_SCORM, FORMATS, site_path

BUILDERS = {"moodle": moodle.export, "gift": gift.export, "qti": qti.export, "scorm": scorm.export}
NAMES = {key: label for key, _, label, _ in FORMATS}


def write_all(library, site_dir: Path, pages: dict[str, str], glossary: dict[str, str] | None = None,
              site_url: str | None = "", course_title: str = "Course",
              log: logging.Logger | None = None, moodle_version=None) -> list[Path]:
    """Write the exports of every quiz in ``library``; return the files written."""
    log = log or logging.getLogger("mkdocs.plugins.course.exports")
    quizzes = sorted(library.all("quiz"), key=lambda q: q.id)
    if not quizzes:
        return []
    version = moodle_version_of(moodle_version)
    ex = Exporter(pages, glossary, site_url, course_title, version)
    written: list[Path] = []
    common = _inputs_digest(pages, glossary, site_url, course_title, version)
    keys = []
    for quiz in quizzes:
        # An unchanged quiz is not exported again: its files come from a cache keyed by everything
        # that can change them (the quiz file, the export code and templates, links, glossary, URL).
        keys.append(_quiz_key(library.root, quiz, common))
        cache = Path(library.root) / ".cache" / "exports" / keys[-1]
        notes: dict[str, list[str]] = _from_cache(cache, quiz.id, site_dir, written)
        if notes is None:
            notes = {}  # note -> the formats it applies to
            for key, build in BUILDERS.items():
                result = build(quiz, ex)
                path = site_dir / site_path(quiz.id, key)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(result.data)
                written.append(path)
                for note in result.notes:
                    notes.setdefault(note, []).append(NAMES[key])
            _to_cache(cache, quiz.id, site_dir, notes)
        for note, formats in notes.items():
            log.info("LMS export of quiz '%s' (%s), %s: %s", quiz.id, quiz.file, " and ".join(formats), note)
    # The course package holds every quiz: it is rebuilt when any of them changes.
    path = site_dir / COURSE_SCORM
    cache = Path(library.root) / ".cache" / "exports" / ("course-" + hashlib.sha256("".join(keys).encode()).hexdigest()[:24])
    if not _link_from(cache / path.name, path):
        course = scorm.export_course(quizzes, ex, course_title)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(course.data)
        _store(cache, {path.name: path})
    written.append(path)
    log.info("LMS exports: wrote %d files for %d quiz%s under downloads/ (%s).", len(written), len(quizzes),
             "" if len(quizzes) == 1 else "zes",
             "links to site pages are absolute" if ex.site_url else "site_url is not set, so links to site pages are kept as text only")
    return written


CODE = [Path(__file__).parent, Path(__file__).parent.parent / "templates"]


def _inputs_digest(pages, glossary, site_url, course_title, version) -> str:
    h = hashlib.sha256(json.dumps([sorted(pages.items()), sorted((glossary or {}).items()), site_url, course_title,
                                   version]).encode())
    for folder in CODE:
        for f in sorted(folder.rglob("*")):
            if f.is_file() and f.suffix in (".py", ".html", ".xml", ".txt", ".js", ".css", ".md"):
                h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()


def _quiz_key(root, quiz, common: str) -> str:
    source = (Path(root) / quiz.file).read_bytes()
    return hashlib.sha256(common.encode() + source).hexdigest()[:24]


def _from_cache(cache: Path, quiz_id: str, site_dir: Path, written: list[Path]):
    if not (cache / "notes.json").is_file():
        return None
    for key in BUILDERS:
        target = site_dir / site_path(quiz_id, key)
        _link_from(cache / target.name, target)
        written.append(target)
    return json.loads((cache / "notes.json").read_text())


def _link_from(cached: Path, target: Path) -> bool:
    """Put the cached file at ``target`` (a hard link, or a copy across file systems)."""
    if not cached.is_file():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:
        shutil.copy2(cached, target)
    return True


def _to_cache(cache: Path, quiz_id: str, site_dir: Path, notes: dict) -> None:
    files = {Path(site_path(quiz_id, key)).name: site_dir / site_path(quiz_id, key) for key in BUILDERS}
    _store(cache, files, {"notes.json": json.dumps(notes)})


def _store(cache: Path, files: dict[str, Path], texts: dict[str, str] | None = None) -> None:
    """Fill ``cache`` in a temporary folder renamed at the end, so a cache entry is whole or absent."""
    tmp = cache.with_name(cache.name + f".tmp{os.getpid()}")
    try:
        tmp.mkdir(parents=True, exist_ok=True)
        for name, source in files.items():
            shutil.copy2(source, tmp / name)
        for name, text in (texts or {}).items():
            (tmp / name).write_text(text)
        tmp.rename(cache)
    except OSError:  # a read-only or shared cache only costs speed (a rebuild next time)
        shutil.rmtree(tmp, ignore_errors=True)
