"""A page's front matter (the YAML between ``---`` lines at the top of a Markdown page), read the
way MkDocs reads it. MkDocs reports front matter it cannot parse; here such a page has none."""
from __future__ import annotations

import re

import yaml

FRONT = re.compile(r"\A-{3}[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:-{3}|\.{3})[ \t]*$", re.S | re.M)
HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)


def read(text: str) -> dict:
    m = FRONT.match(text)
    if not m:
        return {}
    try:
        data = yaml.load(m.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def title(text: str, fallback: str) -> str:
    """The page's title as MkDocs works it out: front matter ``title``, else the first ``# heading``."""
    meta = read(text)
    if meta.get("title"):
        return str(meta["title"])
    m = HEADING.search(text[FRONT.match(text).end():] if FRONT.match(text) else text)
    return m.group(1).strip() if m else fallback
