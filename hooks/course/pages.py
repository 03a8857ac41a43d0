"""Pages the engine adds to the site (catalogues, one page per quiz or scenario) and the HTML it
puts into pages (embedded quizzes and scenarios, reflection boxes)."""
from __future__ import annotations

import html as htmllib
import posixpath
import re
from pathlib import PurePosixPath

from . import scenario_map
from .exports import links as exports_links

ADMONITION = re.compile(r'<div class="admonition reflection">\s*<p class="admonition-title">(.*?)</p>', re.S)
TAG = re.compile(r"<[^>]+>")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", htmllib.unescape(TAG.sub("", text)).lower()).strip("-") or "entry"


def url_for(uri: str, directory_urls: bool = True) -> str:
    path = PurePosixPath(uri)
    if not directory_urls:
        return str(path.with_suffix(".html"))
    if path.stem == "index":
        parent = str(path.parent)
        return "" if parent == "." else parent + "/"
    return str(path.with_suffix("")) + "/"


def rel_link(from_uri: str, to_uri: str) -> str:
    """A relative .md link between two source paths, for generated Markdown."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


# The pages each kind gets: catalogue and one page per item.
CATALOGUES = {"quiz": "practice/quizzes", "scenario": "practice/scenarios", "assessment": "practice/self-assessment"}
# Kinds with tutor pages too (a generator of (uri, markdown)), and where those pages live.
TUTOR_PAGES = {"scenario": (scenario_map.TUTORS, scenario_map.tutor_pages)}


class PageMaker:
    def __init__(self, build):
        self.build = build
        self.directory_urls = build.config["use_directory_urls"]

    def item_uri(self, kind: str, item_id: str) -> str:
        return f"{CATALOGUES[kind]}/{item_id}.md"

    def planned_urls(self, library=None) -> dict[str, str]:
        uris = [f"{c}/index.md" for c in CATALOGUES.values()]
        if library is not None:
            for kind in CATALOGUES:
                uris += [self.item_uri(kind, i.id) for i in library.all(kind)]
            for kind, (folder, _) in TUTOR_PAGES.items():
                uris += [f"{folder}/index.md"] + [f"{folder}/{i.id}.md" for i in library.all(kind)]
        return {u: url_for(u, self.directory_urls) for u in uris}

    def used_on(self, kind: str, item_id: str, from_uri: str):
        out = []
        for f in self.build.usage.get((kind, item_id), []):
            title = f.page.title if getattr(f, "page", None) and f.page.title else None
            out.append({"link": rel_link(from_uri, f.src_uri), "title": title or self._title_of(f)})
        return out

    def _title_of(self, f) -> str:
        m = re.search(r"^title:\s*(.+)$", f.content_string, re.M) or re.search(r"^#\s+(.+)$", f.content_string, re.M)
        return m.group(1).strip().strip("\"'") if m else f.src_uri

    def generate(self):
        """Yield (src_uri, markdown) for every generated page."""
        lib = self.build.library
        r = self.build.renderer
        for kind, folder in CATALOGUES.items():
            if kind not in lib.items:
                continue
            items = sorted(lib.all(kind), key=lambda i: i.id)
            index_uri = f"{folder}/index.md"
            rows = [{"item": i, "link": rel_link(index_uri, self.item_uri(kind, i.id)),
                     "used": self.used_on(kind, i.id, index_uri)} for i in items]
            total = sum(len(getattr(i, "questions", None) or getattr(i, "nodes", None) or []) for i in items)
            yield index_uri, r.render(f"{kind}_catalogue.md", items=rows, total=total,
                                      **self.tutor_links(kind, index_uri))
            for i in items:
                uri = self.item_uri(kind, i.id)
                yield uri, r.render(f"{kind}_page.md", item=i, used=self.used_on(kind, i.id, uri),
                                    catalogue=rel_link(uri, index_uri), **self.tutor_links(kind, uri, i.id),
                                    **self.export_links(kind, uri, i.id))
            if kind in TUTOR_PAGES:
                yield from TUTOR_PAGES[kind][1](self)
        if lib.all("quiz"):  # the LMS exports page (files written by exports.build in on_post_build)
            yield exports_links.EXPORTS_PAGE, self.exports_page(lib)

    def export_links(self, kind: str, from_uri: str, item_id: str) -> dict:
        """A quiz page's LMS downloads (raw HTML links, relative to the page's URL)."""
        if kind != "quiz":
            return {}
        return {"downloads": exports_links.download_links(item_id, url_for(from_uri, self.directory_urls)),
                "exports_guide": rel_link(from_uri, exports_links.EXPORTS_PAGE)}

    def exports_page(self, lib) -> str:
        uri = exports_links.EXPORTS_PAGE
        page_url = url_for(uri, self.directory_urls)
        rows = [{"quiz": q, "link": rel_link(uri, self.item_uri("quiz", q.id)),
                 "downloads": exports_links.download_links(q.id, page_url)}
                for q in sorted(lib.all("quiz"), key=lambda q: q.id)]
        return self.build.renderer.render("tutors_exports.md", rows=rows, site_url=self.build.config.get("site_url") or "",
                                          course_package=exports_links.course_package_link(page_url))

    def tutor_links(self, kind: str, from_uri: str, item_id: str | None = None) -> dict:
        """Links from a generated page to its kind's tutor pages (none for kinds without them)."""
        if kind not in TUTOR_PAGES:
            return {}
        folder = TUTOR_PAGES[kind][0]
        links = {"tutor_index": rel_link(from_uri, f"{folder}/index.md")}
        if item_id:
            links["tutor"] = rel_link(from_uri, f"{folder}/{item_id}.md")
        return links

    def in_nav(self, uri: str) -> bool:
        """Catalogues go in the navigation; item and tutor pages are reached by links."""
        return uri.endswith("/index.md") and not any(uri.startswith(f + "/") for f, _ in TUTOR_PAGES.values())

    def embed(self, kind: str, item, page_url: str, standalone: bool) -> str:
        r = self.build.renderer
        if kind == "quiz":
            return r.quiz(item, page_url, heading=2 if standalone else 3, standalone=standalone)
        return r.render(f"{kind}.html", page_url, item=item, standalone=standalone,
                        h=2 if standalone else 3)

    def reflections(self, html: str, page, place) -> str:
        """Give each ``!!! reflection`` block a journal text box (revealed by course.js);
        ``place`` turns the box's HTML into what goes in the page."""
        seen: set[str] = set()
        out, pos = [], 0
        for m in ADMONITION.finditer(html):
            end = _closing_div(html, m.start())
            key = f"{page.file.src_uri.rsplit('.', 1)[0]}#{slug(m.group(1))}"
            n = 2
            base = key
            while key in seen:
                key, n = f"{base}-{n}", n + 1
            seen.add(key)
            box = self.build.renderer.render(
                "reflection.html", key=key, dom_id="reflect-" + slug(key),
                title=htmllib.unescape(TAG.sub("", m.group(1))), page_title=page.title or "",
            )
            out.append(html[pos:end])
            out.append(place(box))
            pos = end
        out.append(html[pos:])
        return "".join(out)


def _closing_div(html: str, start: int) -> int:
    """Index of the ``</div>`` that closes the div opening at ``start``."""
    depth = 0
    for m in re.finditer(r"<div\b|</div>", html[start:]):
        depth += 1 if m.group(0) == "<div" else -1
        if depth == 0:
            return start + m.start()
    return len(html)
