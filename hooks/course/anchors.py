"""The anchors a Markdown page will have once built: its headings' ids as the ``toc`` extension
makes them (``## Shared purpose`` -> ``#shared-purpose``), ``{#id}`` attributes and ``id="..."`` in
raw HTML. Read from the source, so ``python -m course check`` and the build agree without rendering
a page; a test compares the result with the ids of every built page.
"""
from __future__ import annotations

import html
import re
import unicodedata

from .markers import FENCE

HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+(.+?)[ \t]*$", re.M)
ATTRS = re.compile(r"[ \t]*\{:?([^}]*)\}[ \t]*$")
ATTR_ID = re.compile(r"(?:^|\s)#([\w:.-]+)")
HTML_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid=["']([^"']+)["']""")
MD_ID = re.compile(r"\{[^}\n]*?(?<![\w&])#([\w:.-]+)[^}\n]*\}")
INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links: their text
    (re.compile(r"\[([^\]]*)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<[^>]+>"), ""),  # tags
    (re.compile(r"`([^`]*)`"), r"\1"),  # code spans
    (re.compile(r"(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!])"), r"\1"),  # escapes
]


def slugify(value: str, separator: str = "-") -> str:
    """The ``toc`` extension's default slugify."""
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[{}\s]+".format(separator), separator, value)


def heading_text(raw: str) -> str:
    raw = re.sub(r"[ \t]+#+$", "", raw)  # closing hashes
    for pattern, repl in INLINE:
        raw = pattern.sub(repl, raw)
    return html.unescape(raw)


def anchors(markdown: str) -> set[str]:
    """Every anchor the page will have."""
    text = FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)  # code blocks have no headings
    ids: set[str] = set(MD_ID.findall(text))  # ids already taken before headings get theirs
    for m in HEADING.finditer(text):
        raw = m.group(2)
        attrs = ATTRS.search(raw)
        if attrs and ATTR_ID.search(attrs.group(1)):
            ids.add(ATTR_ID.search(attrs.group(1)).group(1))
            continue
        if attrs:
            raw = raw[: attrs.start()]
        base = slugify(heading_text(raw))
        slug, n = base, 0
        while slug in ids or not slug:
            n += 1
            slug = f"{base}_{n}"
        ids.add(slug)
    return ids | set(HTML_ID.findall(text))
