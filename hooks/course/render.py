"""Turn models into HTML with the Jinja templates in ``templates/``.

Text fields go through ``TextRenderer`` (Markdown, no raw HTML) and are marked safe; everything
else is autoescaped by Jinja.
"""
from __future__ import annotations

import hashlib
import json
import random
import re
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup

from .textfields import TextRenderer
from .urls import relative_url, url_for

TEMPLATES = Path(__file__).parent / "templates"


def stable_shuffle(items: list, seed: str) -> list:
    """A shuffle that is the same on every build, never the identity for 2+ items and never the exact
    reverse for 3+ (either would give an ordering question away to a learner who answers "as shown"
    or "the other way round")."""
    n = len(items)
    order, plain = list(range(n)), list(range(n))
    give_away = [plain] + ([plain[::-1]] if n >= 3 else [])
    rng = random.Random(hashlib.sha256(seed.encode()).hexdigest())
    for _ in range(20):
        rng.shuffle(order)
        if order not in give_away or n < 2:
            return order
    return plain[1:] + plain[:1] if n >= 2 else order  # a rotation: neither as given nor reversed


MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|])")
MD_LINE_START = re.compile(r"^([#+-]|\d+(?=[.)]))")


def md_text(text) -> Markup:
    """Author text as Markdown that shows exactly that text: no HTML, no emphasis, links, code,
    attribute lists or table cells, and one line (so nothing can start a block)."""
    text = re.sub(r"\s*[\r\n]+\s*", " ", str(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = MD_SPECIAL.sub(r"\\\1", text)
    m = MD_LINE_START.match(text)  # a heading, list or numbered list marker at the start
    if m:
        text = "\\" + text if not m.group(1)[0].isdigit() else m.group(1) + "\\" + text[m.end():]
    return Markup(text)


def front_matter_text(text) -> Markup:
    """A page setting (title, description) as a YAML string. MkDocs and Material print page settings
    into the page as they are (<title>, the header, the navigation, the description meta tag, the search
    index), so the text is HTML-escaped here, once."""
    text = re.sub(r"\s*[\r\n]+\s*", " ", str(text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return Markup(json.dumps(text))


@pass_context
def finalize(context, value):
    """Every value a Markdown template prints is author text shown as text, unless it is marked safe
    (Markup: rendered text fields, links the engine made) or is a number."""
    if context.name and context.name.endswith(".md") and isinstance(value, str) and not isinstance(value, Markup):
        return md_text(value)
    return value


class TemplateCache(FileSystemBytecodeCache):
    """Compiled templates kept between builds (Jinja checks each template's source and version).
    A folder that cannot be written only costs speed."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_cache(folder: Path | None):
    try:
        return TemplateCache(folder) if folder else None
    except OSError:
        return None


class Renderer:
    """Renders templates for one build. Each ``render`` call names the page it renders for
    (``page_url``), which links in text fields are made relative to: nothing is kept between calls."""

    def __init__(self, text: TextRenderer, cache: Path | None = None, directory_urls: bool = True):
        self.text = text
        self.directory_urls = directory_urls
        self.env = Environment(
            loader=FileSystemLoader(str(TEMPLATES)),
            bytecode_cache=template_cache(cache),
            autoescape=select_autoescape(["html", "md"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=finalize,
        )
        self.env.globals["stable_shuffle"] = stable_shuffle
        self.env.filters["fromjson"] = json.loads
        self.env.filters["fm"] = front_matter_text
        self.env.filters["md"] = pass_context(lambda ctx, s: Markup(self.text.render(s, ctx["page_url"])))
        self.env.filters["mdi"] = pass_context(lambda ctx, s: Markup(self.text.render(s, ctx["page_url"], inline=True)))
        # A page's source path ('learner/progress.md') as a URL relative to the page being rendered.
        self.env.filters["page_url"] = pass_context(
            lambda ctx, uri: relative_url(url_for(uri, self.directory_urls), ctx["page_url"]))

    def render(self, template: str, page_url: str = "", **context) -> str:
        out = self.env.get_template(template).render(page_url=page_url, **context)
        if template.endswith(".md"):  # Markdown needs its blank lines (paragraphs, tables, HTML blocks)
            return re.sub(r"\n(?:[ \t]*\n)+", "\n\n", out).strip() + "\n"
        return "\n".join(line for line in out.splitlines() if line.strip())

    def quiz(self, quiz, page_url: str = "", heading: int = 3, standalone: bool = False, **extra) -> str:
        return self.render("quiz.html", page_url, quiz=quiz, h=heading, standalone=standalone, **extra)
