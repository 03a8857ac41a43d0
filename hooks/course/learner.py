"""Learner tools: the course manifest (what a learner can complete) and the HTML the hook adds for
progress, journal, data and record-of-learning pages, and "mark as done" on modules and cases."""
from __future__ import annotations

import json
import re

FRONT = re.compile(r"\A---\s*\n(.*?)\n---", re.S)
MODULE = re.compile(r"^modules/(\d\d)-[^/]+\.md$")
CASE = re.compile(r"^case-studies/([^/]+)/index\.md$")
TOOL = re.compile(r"<!--\s*course:\s*(progress|journal|data|record|assign|assignment)\s*-->")


def front_matter(text: str) -> dict:
    import yaml
    m = FRONT.match(text)
    if not m:
        return {}
    try:
        data = yaml.safe_load(m.group(1))
    except Exception:  # MkDocs reports bad front matter itself
        return {}
    return data if isinstance(data, dict) else {}


def page_kind(src_uri: str) -> tuple[str, str] | None:
    """('module', 'module-01') for a module page, ('case', 'case-london-stroke') for a case."""
    if m := MODULE.match(src_uri):
        return "module", f"module-{m.group(1)}"
    if m := CASE.match(src_uri):
        return "case", f"case-{m.group(1)}"
    return None


def manifest(files, library, url_for) -> dict:
    """Everything a learner can do, with site-relative URLs (course.js prefixes the site root)."""
    items = []
    for f in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        kind = page_kind(f.src_uri)
        if not kind:
            continue
        meta = front_matter(f.content_string)
        quiz = library.get("quiz", kind[1])
        items.append({
            "kind": kind[0], "id": kind[1], "title": str(meta.get("title") or f.src_uri), "url": f.url,
            "minutes": int(meta.get("reading_time") or 0), "quiz": quiz.id if quiz else None,
        })
    for q in sorted(library.all("quiz"), key=lambda q: q.id):
        items.append({"kind": "quiz", "id": q.id, "title": q.title, "url": url_for(f"practice/quizzes/{q.id}.md"),
                      "pass": q.pass_mark, "scored": q.scored_count})
    for s in sorted(library.all("scenario"), key=lambda s: s.id):
        endings = [n.id for n in s.nodes if getattr(n, "ending", None)]
        items.append({"kind": "scenario", "id": s.id, "title": s.title, "url": url_for(f"practice/scenarios/{s.id}.md"),
                      "endings": endings})
    for a in sorted(library.all("assessment"), key=lambda a: a.id) if "assessment" in library.items else []:
        items.append({"kind": "assessment", "id": a.id, "title": a.title, "url": url_for(f"practice/self-assessment/{a.id}.md")})
    return {"version": 1, "items": items}


def manifest_json(data: dict) -> str:
    """JSON safe inside a <script type="application/json"> element."""
    return json.dumps(data, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
