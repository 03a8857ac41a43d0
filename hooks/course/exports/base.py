"""What every export format shares: the text renderer, the Jinja environment, notes, zip files."""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..render import TEMPLATES, Renderer, stable_shuffle
from .grading import native_ordering
from .text import ExportText

GENERATOR = "system-leadership-course"
ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed, so the same quiz gives byte-identical packages


@dataclass
class Export:
    """One file's content, and notes on what the format could not keep exactly (logged at INFO)."""

    data: bytes
    notes: list[str] = field(default_factory=list)


def xml_comment(text: str) -> str:
    """Text safe inside <!-- -->: no '--', no trailing '-'."""
    text = re.sub(r"-{2,}", lambda m: "- " * len(m.group(0)), str(text)).rstrip("- ")
    return Markup(text)  # nothing else needs escaping inside a comment


def ncname(text: str, prefix: str = "") -> str:
    """An XML NCName / xs:ID from a course id (ids may start with a digit)."""
    out = prefix + re.sub(r"[^A-Za-z0-9_.-]", "-", text)
    return out if re.match(r"[A-Za-z_]", out) else "id-" + out


def quiz_version(quiz) -> str:
    """A short fingerprint of a quiz's structure: saved answers from another version are ignored."""
    parts = [quiz.id] + [f"{q.id}:{q.type}:{len(q.choices) or len(q.items) or len(q.pairs)}" for q in quiz.questions]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:8]


def make_zip(files: dict[str, bytes | str]) -> bytes:
    """A deterministic zip: fixed dates, files in the order given, deflated."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, content.encode("utf-8") if isinstance(content, str) else content)
    return buf.getvalue()


class Exporter:
    """Renders exports of quizzes. ``pages`` and ``glossary`` are the site's, as for the pages."""

    def __init__(self, pages: dict[str, str], glossary: dict[str, str] | None = None, site_url: str | None = "",
                 course_title: str = "Course", moodle_version: tuple[int, int] | None = None):
        self.text = ExportText(pages, glossary, site_url)
        # The Moodle the exports are for (extra.course.moodle_version): from 4.4, ordering questions
        # are written as Moodle's own ordering type; before it, or when unset, as matching questions.
        self.native_ordering = native_ordering(moodle_version)
        self.site_url = self.text.site_url
        self.course_title = course_title
        self.env = Environment(
            loader=FileSystemLoader(str(TEMPLATES / "exports")),
            autoescape=select_autoescape(["xml", "html"], default_for_string=True, default=False),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["xml_comment"] = xml_comment
        self.env.filters["qti"] = lambda s, inline=False: Markup(self.text.qti(s, inline=inline))
        self.env.globals["stable_shuffle"] = stable_shuffle
        # The site's own quiz template, for the SCORM page; links resolved as for every export.
        self.renderer = Renderer(self.text)

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(generator=GENERATOR, **context)

    # Text fields in each output form.
    def html(self, text, inline: bool = False) -> str:
        return self.text.html(text, inline=inline)

    def plain(self, text) -> str:
        return self.text.plain(text)


def qlabel(quiz, index: int, q) -> str:
    """A question's name in a question bank: quiz id, number and the start of the prompt."""
    return f"{quiz.id} Q{index:02d} {q.id}"


STATIC = Path(__file__).parent / "static"
