"""Render author text fields (Markdown in YAML) safely, with site links resolved.

- Raw HTML is not allowed in YAML text: every ``<`` is escaped first, so ``<script>`` or
  ``<img onerror=...>`` shows as text and never runs.
- Links may be absolute (http, https, mailto) or paths to pages relative to ``docs/``
  (``modules/06-five-factors.md#committing-for-the-long-term``); the latter are rewritten to the
  URL relative to the page that shows them. Other schemes (``javascript:``) and unknown pages are
  problems reported at load time with the file and line.
- Acronyms get the same tooltips as pages, from the site's abbreviation snippet.
"""
from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.extensions import Extension

from .urls import relative_url

SAFE_SCHEMES = {"http", "https", "mailto"}
ABBR_LINE = re.compile(r"^\*\[([^\]]+)\]:\s*(.+?)\s*$")
# A link to a site page, as converted: its site URL between two private-use characters.
LINK_START, LINK_END = "\ue000", "\ue001"
SITE_LINK = re.compile(LINK_START + "([^" + LINK_END + "]*)" + LINK_END)
# A one-line text with nothing Markdown or HTML would act on: no emphasis, links, code, escapes,
# entities, tags, headings, tables or line breaks, and no list, quote or code-block start. Most
# text fields (answer choices, feedback) are like this; Markdown would only wrap them in <p>.
PLAIN = re.compile(r"(?![-+*>\s]|\d+[.)]\s)[^\x00-\x1f*_\[\]`\\#&<>|\ue000\ue001]+(?<=\S)")


def read_glossary(text: str) -> dict[str, str]:
    """Parse ``*[CCG]: Clinical commissioning group`` lines into a dict."""
    out = {}
    for line in text.splitlines():
        m = ABBR_LINE.match(line.strip())
        if m:
            out[m.group(1)] = m.group(2)
    return out


class _Links(Treeprocessor):
    def __init__(self, md, owner):
        super().__init__(md)
        self.owner = owner

    def run(self, root):
        for el in root.iter():
            attr = "href" if el.tag == "a" else "src" if el.tag == "img" else None
            if not attr or el.get(attr) is None:
                continue
            el.set(attr, self.owner.resolve(el.get(attr)))
            if el.tag == "a" and urlsplit(el.get(attr)).scheme in ("http", "https"):
                el.set("rel", "noopener")
        return root


class _LinkExtension(Extension):
    def __init__(self, owner):
        super().__init__()
        self.owner = owner

    def extendMarkdown(self, md):
        md.treeprocessors.register(_Links(md, self.owner), "course_links", 1)


class TextRenderer:
    """Markdown for YAML fields.

    ``pages`` maps each docs-relative source path (``modules/01-x.md``) to its site URL
    (``modules/01-x/``). ``render``'s ``page_url`` is the URL of the page that will show the text.
    """

    def __init__(self, pages: dict[str, str], glossary: dict[str, str] | None = None):
        self.pages = pages
        self.link_errors: list[str] = []
        self.links: list[tuple[str, str]] = []  # (page, anchor) of each site link converted
        self._cache: dict[str, tuple[str, tuple, tuple]] = {}
        self.md = markdown.Markdown(
            extensions=["abbr", "sane_lists", "tables", _LinkExtension(self)],
            extension_configs={"abbr": {"glossary": dict(glossary or {})}},
        )
        # The acronyms, matched as Markdown's abbr extension matches them (for plain texts).
        self._glossary = dict(glossary or {})
        self._abbr_html: dict[str, str] = {}
        keys = sorted(self._glossary, key=len, reverse=True)
        self._abbr_re = re.compile("\\b(?:" + "|".join(map(re.escape, keys)) + ")\\b") if keys else None

    def resolve(self, href: str) -> str:
        parts = urlsplit(href)
        if parts.scheme:
            if parts.scheme.lower() not in SAFE_SCHEMES:
                self.link_errors.append(
                    f"link '{href}' uses the unsafe scheme '{parts.scheme}:'"
                )
                return "#"
            return href
        if parts.netloc or href.startswith("//"):
            self.link_errors.append(f"link '{href}' has no scheme")
            return "#"
        if not parts.path:
            return href  # '#anchor' on the same page
        path = posixpath.normpath(parts.path.lstrip("/"))
        if path not in self.pages:
            self.link_errors.append(f"link '{href}' points to a page that does not exist ('{path}')")
            return "#"
        self.links.append((path, parts.fragment))
        # The URL depends on the page that shows the text: a placeholder, filled in by ``render``,
        # so that each text is converted once however many pages show it.
        return LINK_START + self.pages[path] + LINK_END + (f"#{parts.fragment}" if parts.fragment else "")

    def render(self, text: str | None, page_url: str = "", inline: bool = False) -> str:
        """Render ``text``; link problems are appended to ``self.link_errors``.

        Each text is converted once: the same field is shown on several pages (module, quiz page,
        packs, exports), and only its links to site pages depend on the page showing it."""
        if not text:
            return ""
        html, errors, _ = self._converted(text)
        self.link_errors.extend(errors)
        if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        if LINK_START in html:
            html = SITE_LINK.sub(lambda m: relative_url(m.group(1), page_url), html)
        return html

    def _converted(self, text: str) -> tuple[str, tuple, tuple]:
        """(html, link problems, site links) of a text, converted once."""
        hit = self._cache.get(text)
        if hit is None:
            errors, links = len(self.link_errors), len(self.links)
            html = self._convert(text)
            hit = (html, tuple(self.link_errors[errors:]), tuple(self.links[links:]))
            del self.link_errors[errors:], self.links[links:]
            self._cache[text] = hit
        return hit

    def site_links(self, text: str | None) -> tuple[tuple[str, str], ...]:
        """(page, anchor) of every link to a site page in ``text`` (anchor '' when it has none)."""
        return self._converted(text)[2] if text else ()

    def _convert(self, text: str) -> str:
        text = str(text)
        if PLAIN.fullmatch(text):  # the same HTML as Markdown's, about 30 times faster
            return "<p>" + (self._abbr_re.sub(self._abbr, text) if self._abbr_re else text) + "</p>"
        # No raw HTML: tags show as text. The placeholder characters cannot come from the author.
        return self._markdown(text.replace("<", "&lt;").replace(LINK_START, "").replace(LINK_END, ""))

    def _abbr(self, m: re.Match) -> str:
        """An acronym exactly as Markdown's abbr extension writes it (converted once, when first met)."""
        key = m.group(0)
        if key not in self._abbr_html:
            self._abbr_html[key] = self._markdown(key)[3:-4] if self._glossary[key] else key
        return self._abbr_html[key]

    def _markdown(self, text: str) -> str:
        self.md.reset()
        return self.md.convert(text)

    def check(self, text: str | None) -> list[str]:
        """Render once to find link problems; return their descriptions."""
        self.link_errors = []
        self.render(text)
        errors, self.link_errors = self.link_errors, []
        return errors
