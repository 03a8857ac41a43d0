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

SAFE_SCHEMES = {"http", "https", "mailto"}
ABBR_LINE = re.compile(r"^\*\[([^\]]+)\]:\s*(.+?)\s*$")


def read_glossary(text: str) -> dict[str, str]:
    """Parse ``*[CCG]: Clinical commissioning group`` lines into a dict."""
    out = {}
    for line in text.splitlines():
        m = ABBR_LINE.match(line.strip())
        if m:
            out[m.group(1)] = m.group(2)
    return out


def relative_url(target: str, base: str) -> str:
    """URL of ``target`` relative to the directory URL ``base`` (both site-relative, '/'-joined)."""
    base_dir = base if base.endswith("/") or base == "" else posixpath.dirname(base) + "/"
    rel = posixpath.relpath("/" + target, "/" + base_dir)
    if (target == "" or target.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return rel


class LinkError(Exception):
    pass


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
    (``modules/01-x/``). ``page_url`` is the URL of the page that will show the text.
    """

    def __init__(self, pages: dict[str, str], glossary: dict[str, str] | None = None):
        self.pages = pages
        self.page_url = ""
        self.link_errors: list[str] = []
        self._cache: dict[tuple, tuple[str, tuple]] = {}
        self.md = markdown.Markdown(
            extensions=["abbr", "sane_lists", "tables", _LinkExtension(self)],
            extension_configs={"abbr": {"glossary": dict(glossary or {})}},
        )

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
        url = relative_url(self.pages[path], self.page_url)
        return url + (f"#{parts.fragment}" if parts.fragment else "")

    def render(self, text: str | None, page_url: str = "", inline: bool = False) -> str:
        """Render ``text``; link problems are appended to ``self.link_errors``.

        Results are cached: the same field is shown on several pages (module, quiz page, packs,
        exports), and only a text with a link depends on the page it is shown on."""
        if not text:
            return ""
        key = (text, inline, page_url if "](" in text or "]:" in text else "")
        hit = self._cache.get(key)
        if hit is not None:
            self.link_errors.extend(hit[1])
            return hit[0]
        before = len(self.link_errors)
        html = self._convert(text, page_url, inline)
        self._cache[key] = (html, tuple(self.link_errors[before:]))
        return html

    def _convert(self, text: str, page_url: str, inline: bool) -> str:
        self.page_url = page_url
        safe = str(text).replace("<", "&lt;")  # no raw HTML: tags show as text
        self.md.reset()
        html = self.md.convert(safe)
        if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return html

    def check(self, text: str | None) -> list[str]:
        """Render once to find link problems; return their descriptions."""
        self.link_errors = []
        self.render(text)
        errors, self.link_errors = self.link_errors, []
        return errors
