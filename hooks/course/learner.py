"""The learner's side of the course: which pages can be marked as done (modules and case studies),
and the manifest of everything a learner can complete, which the progress, record and assignment
pages read in the browser."""
from __future__ import annotations

import json
import re

MODULE = re.compile(r"^modules/(?!index\.md$)([^/]+)\.md$")
LEGACY = re.compile(r"^(\d\d)-")
CASE = re.compile(r"^case-studies/([^/]+)/index\.md$")


def page_kind(src_uri: str, meta: dict | None = None) -> tuple[str, str] | None:
    """('module', 'module-01') for a module page, ('case', 'case-london-stroke') for a case study.

    A page's id is what its saved progress is kept under: front matter ``id`` when given, else
    ``module-NN`` for ``modules/NN-name.md`` (the course's first modules), ``module-NAME`` for
    ``modules/NAME.md`` and ``case-NAME`` for ``case-studies/NAME/index.md``.
    """
    meta = meta or {}
    if m := MODULE.match(src_uri):
        legacy = LEGACY.match(m.group(1))
        return "module", str(meta.get("id") or (f"module-{legacy.group(1)}" if legacy else f"module-{m.group(1)}"))
    if m := CASE.match(src_uri):
        return "case", str(meta.get("id") or f"case-{m.group(1)}")
    return None


def manifest(pages, library, kinds, url_for) -> dict:
    """Everything a learner can do, with site-relative URLs (course.js prefixes the site root).

    ``pages`` is [(src_uri, url, front matter)] of the site's Markdown pages in reading order.
    """
    items = []
    for uri, url, meta in pages:
        kind = page_kind(uri, meta)
        if not kind:
            continue
        quiz = library.get("quiz", kind[1])
        items.append({
            "kind": kind[0], "id": kind[1], "title": str(meta.get("title") or uri), "url": url,
            "minutes": int(meta.get("reading_time") or 0), "quiz": quiz.id if quiz else None,
        })
    for kind in kinds.values():
        if kind.manifest is None:
            continue
        for item in sorted(library.all(kind.name), key=lambda i: i.id):
            items.append({"kind": kind.name, "id": item.id, "title": item.title, "url": url_for(kind.item_uri(item.id)),
                          **kind.manifest(item)})
    return {"version": 1, "items": items}


def manifest_json(data: dict) -> str:
    """JSON safe inside a <script type="application/json"> element."""
    return json.dumps(data, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
