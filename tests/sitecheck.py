"""A fast static check of a built site: every internal link, script, stylesheet and image points
to a file that exists, every #anchor exists on its target page, and nothing points outside the
site's base path (for sub-path hosting). LinkChecker covers links over HTTP; this covers anchors."""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SKIP_TREES = ("labs/lite/",)  # JupyterLite's own app bundle (its links are its own business)
ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        attr = ATTRS.get(tag)
        if attr and a.get(attr):
            self.refs.append((tag, a[attr]))


def parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8", errors="replace"))
    return p


def target_file(site: Path, url_path: str) -> Path | None:
    f = site / url_path.lstrip("/")
    if url_path.endswith("/") or f.is_dir():
        f = f / "index.html"
    return f if f.is_file() else None


def check(site: Path, base: str = "/") -> list[str]:
    """Problems as 'page: what is wrong' lines. ``base`` is the URL path the site is served under."""
    site = site.resolve()
    pages = {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")
             if not p.relative_to(site).as_posix().startswith(SKIP_TREES)}
    parsed = {rel: parse(p) for rel, p in pages.items()}
    problems = []
    for rel, page in parsed.items():
        page_url = base + rel
        for tag, ref in page.refs:
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https", "mailto", "data", "blob", "javascript") or parts.netloc:
                if parts.scheme == "javascript":
                    problems.append(f"{rel}: javascript: link {ref}")
                continue
            if not parts.path:  # '#anchor' on this page
                if parts.fragment and parts.fragment not in page.ids and not parts.fragment.startswith("__"):
                    problems.append(f"{rel}: missing anchor #{parts.fragment}")
                continue
            absolute = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), unquote(parts.path)))
            if parts.path.endswith("/"):
                absolute += "/"
            if not (absolute + "/").startswith(base):
                problems.append(f"{rel}: {tag} {ref} leaves the base path {base}")
                continue
            inside = absolute[len(base):]
            if inside.startswith(SKIP_TREES):
                continue
            f = target_file(site, inside)
            if f is None:
                problems.append(f"{rel}: {tag} {ref} -> /{inside} does not exist")
                continue
            if parts.fragment and f.suffix == ".html":
                target = parsed.get(f.relative_to(site).as_posix())
                if target is not None and parts.fragment not in target.ids:
                    problems.append(f"{rel}: {ref} -> missing anchor #{parts.fragment}")
    return problems
