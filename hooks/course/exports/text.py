"""Author text (Markdown in YAML) for LMS exports: HTML, QTI-safe XHTML or plain text.

Links to site pages cannot stay relative once a quiz leaves the site: in an export they become
absolute (``site_url`` + the page's URL) when the site has a ``site_url``, and are otherwise
dropped, keeping their text. Links to http(s) and mailto addresses are kept as they are.
"""
from __future__ import annotations

import html as htmllib
import posixpath
import re
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html
from markdown.treeprocessors import Treeprocessor

from ..textfields import TextRenderer

DROP = "#course-export-drop-link"  # marker href: the link is unwrapped to its text


class _Unlink(Treeprocessor):
    """Replace ``<a href=DROP>`` by its content (runs after the course link resolver)."""

    def run(self, root):
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "a" and child.get("href") == DROP:
                    _unwrap(parent, child)
        return root


def _unwrap(parent, child):
    """Put ``child``'s text and children in its place (ElementTree and lxml alike)."""
    index = list(parent).index(child)
    prev = parent[index - 1] if index else None
    text = child.text or ""
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    kids = list(child)
    for offset, kid in enumerate(kids):
        parent.insert(index + offset, kid)
    tail = child.tail or ""
    parent.remove(child)
    if tail:
        if kids:
            kids[-1].tail = (kids[-1].tail or "") + tail
        elif prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


class ExportText(TextRenderer):
    """A ``TextRenderer`` whose links to site pages are absolute, or dropped when there is no site_url."""

    def __init__(self, pages: dict[str, str], glossary: dict[str, str] | None = None, site_url: str | None = ""):
        super().__init__(pages, glossary)
        self.site_url = (site_url or "").strip()
        if self.site_url and not self.site_url.endswith("/"):
            self.site_url += "/"
        self.md.treeprocessors.register(_Unlink(self.md), "course_export_unlink", 0.5)

    def resolve(self, href: str) -> str:
        resolved = super().resolve(href)  # records unsafe or unknown links, as on the site
        parts = urlsplit(href)
        if parts.scheme and resolved != "#":
            return resolved  # an http(s) or mailto address: kept as it is
        if resolved == "#" or not parts.path or not self.site_url:
            return DROP  # unsafe, unknown, same-page anchor, or no site_url: keep the text only
        page = self.pages[posixpath.normpath(parts.path.lstrip("/"))]
        return urljoin(self.site_url, page) + (f"#{parts.fragment}" if parts.fragment else "")

    def html(self, text: str | None, inline: bool = False) -> str:
        return self.render(text, "", inline=inline)

    def plain(self, text: str | None) -> str:
        """Plain text: blocks on their own lines, list items with '- ', kept links as 'text (URL)'."""
        return to_plain(self.render(text, ""))

    def qti(self, text: str | None, inline: bool = False) -> str:
        """XHTML in the QTI 2.1 namespace, using only the elements and attributes QTI allows."""
        return to_qti(self.render(text, "", inline=inline))


# --- HTML to plain text -----------------------------------------------------------------------
BLOCKS = {"p", "div", "li", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
          "blockquote", "pre", "hr", "dl", "dt", "dd"}


def to_plain(fragment: str) -> str:
    if not fragment.strip():
        return ""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    lines: list[str] = []
    current: list[str] = []

    def flush():
        text = re.sub(r"\s+", " ", "".join(current)).strip()
        if text:
            lines.append(text)
        current.clear()

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in BLOCKS:
            flush()
        if tag == "li":
            current.append("- ")
        if tag == "br":
            flush()
        if el.text and tag not in ("script", "style"):
            current.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if tag == "a" and el.get("href", "").startswith(("http://", "https://", "mailto:")):
            href = el.get("href")
            label = el.text_content().strip()
            if href.removeprefix("mailto:") != label and href != label:
                current.append(f" ({href})")
        if tag in ("td", "th"):
            current.append(" ")
        if tag in BLOCKS:
            flush()

    walk(root)
    flush()
    return "\n".join(lines)


# --- HTML to QTI XHTML ------------------------------------------------------------------------
# Element -> attributes kept. Anything else is unwrapped to its content; other attributes dropped.
QTI_ELEMENTS = {
    "p": (), "br": (), "hr": (), "div": (), "span": (), "em": (), "strong": (), "b": (), "i": (),
    "code": (), "pre": (), "kbd": (), "samp": (), "var": (), "sub": (), "sup": (), "q": (), "cite": (),
    "dfn": (), "small": (), "big": (), "tt": (), "blockquote": (), "address": (),
    "ul": (), "ol": (), "li": (), "dl": (), "dt": (), "dd": (),
    "h1": (), "h2": (), "h3": (), "h4": (), "h5": (), "h6": (),
    "table": ("summary",), "caption": (), "thead": (), "tbody": (), "tfoot": (), "tr": (),
    "th": ("rowspan", "colspan", "scope"), "td": ("rowspan", "colspan", "scope"),
    "a": ("href",), "img": ("src", "alt", "width", "height"),
}


def to_qti(fragment: str) -> str:
    """Elements are built without a namespace, so once placed in a QTI document they take its
    default namespace. Text and attributes are escaped by lxml."""
    if not fragment.strip():
        return ""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    out = etree.Element("div")
    _copy_qti(root, out)
    return htmllib.escape(out.text or "", quote=False) + "".join(
        etree.tostring(child, encoding="unicode") for child in out)


def _copy_qti(src, dest):
    dest.text = (dest.text or "") + (src.text or "")
    for child in src:
        tag = child.tag if isinstance(child.tag, str) else None
        keep = tag in QTI_ELEMENTS and not (tag == "a" and not child.get("href")) \
            and not (tag == "img" and not child.get("src"))
        if keep:
            el = etree.SubElement(dest, tag)
            for name in QTI_ELEMENTS[tag]:
                if child.get(name) is not None:
                    el.set(name, child.get(name))
            if tag == "img" and el.get("alt") is None:
                el.set("alt", "")
            _copy_qti(child, el)
            el.tail = child.tail
        else:  # unwrap (abbr, unknown elements): keep the text and allowed descendants
            holder = etree.Element("holder")
            _copy_qti(child, holder)
            _append_text(dest, holder.text)
            for kid in list(holder):
                dest.append(kid)
            _append_text(dest, child.tail)


def _append_text(el, text):
    if not text:
        return
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text
