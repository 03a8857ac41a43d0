"""The pages the engine adds to the site, planned from the kinds (``kinds.py``) and written as Markdown
from templates: each kind's catalogue and one page per item, its tutor pages, the printable packs
and the LMS exports page.

``planned`` lists every page with the file an author would edit to change it, before anything is
rendered (so links to them can be checked); ``generate`` writes them.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from . import packs
from .exports import links as exports_links
from .exports.grading import moodle_version, native_ordering
from .urls import page_link, url_for


@dataclass(frozen=True)
class Planned:
    uri: str  # 'practice/quizzes/module-01.md'
    owner: str  # what makes it: 'quizzes/module-01.yml', or 'the quiz catalogue'
    in_nav: bool = False  # catalogues go in the navigation; item and tutor pages are reached by links
    item: tuple[str, str] | None = None  # (kind, id) of the item it shows, if it is an item's page


def planned(library, kinds) -> list[Planned]:
    out: list[Planned] = []
    for kind in kinds.values():
        if not kind.catalogue:
            continue
        items = sorted(library.all(kind.name), key=lambda i: i.id)
        out.append(Planned(kind.index_uri(), f"the {kind.label} catalogue", in_nav=True))
        out += [Planned(kind.item_uri(i.id), i.file, item=(kind.name, i.id)) for i in items]
        if kind.tutor:
            out.append(Planned(kind.tutor.index_uri(), f"the {kind.label} tutor pages", in_nav=True))
            out += [Planned(kind.tutor.item_uri(i.id), i.file, item=(kind.name, i.id)) for i in items]
    if library.all("quiz"):
        out.append(Planned(exports_links.EXPORTS_PAGE, "the LMS exports page", in_nav=True))
    return out + [Planned(uri, owner, in_nav=uri == packs.INDEX, item=item) for uri, owner, item in packs.planned(library)]


class PageMaker:
    """Writes the planned pages. ``usage`` maps (kind, id) to the pages that place the item, each as
    (source path, title)."""

    def __init__(self, library, kinds, renderer, usage: dict, directory_urls: bool = True, site_url: str = "",
                 moodle_version: str | None = None):
        self.library, self.kinds, self.renderer = library, kinds, renderer
        self.usage = usage
        self.directory_urls = directory_urls
        self.site_url = site_url or ""
        self.moodle_version = moodle_version

    def url(self, uri: str) -> str:
        return url_for(uri, self.directory_urls)

    def used_on(self, kind: str, item_id: str, from_uri: str) -> list[dict]:
        return [{"link": page_link(from_uri, uri), "title": title} for uri, title in self.usage.get((kind, item_id), [])]

    def generate(self):
        """Yield (src_uri, markdown) for every planned page."""
        r = self.renderer
        for kind in self.kinds.values():
            if not kind.catalogue:
                continue
            items = sorted(self.library.all(kind.name), key=lambda i: i.id)
            index = kind.index_uri()
            rows = [{"item": i, "link": page_link(index, kind.item_uri(i.id)), "used": self.used_on(kind.name, i.id, index)}
                    for i in items]
            yield index, r.render(kind.catalogue_template, self.url(index), items=rows,
                                  total=sum(kind.count(i) for i in items), **self.tutor_links(kind, index))
            for i in items:
                uri = kind.item_uri(i.id)
                yield uri, r.render(kind.page_template, self.url(uri), item=i, used=self.used_on(kind.name, i.id, uri),
                                    catalogue=page_link(uri, index), **self.tutor_links(kind, uri, i.id),
                                    **self.export_links(kind, uri, i.id))
            if kind.tutor:
                yield from self.tutor_pages(kind, items)
        if self.library.all("quiz"):  # the LMS exports page (files written by exports.build in on_post_build)
            yield exports_links.EXPORTS_PAGE, self.exports_page()
        yield from packs.generate(self.library, r, self.directory_urls)

    def tutor_pages(self, kind, items):
        t, r = kind.tutor, self.renderer
        index = t.index_uri()
        rows = [{"item": i, "link": page_link(index, t.item_uri(i.id)), "play": page_link(index, kind.item_uri(i.id))}
                for i in items]
        yield index, r.render(t.index, self.url(index), items=rows)
        for i in items:
            uri = t.item_uri(i.id)
            context = dict(item=i, **t.context(i))
            parts = {name: Markup(r.render(template, self.url(uri), **context)) for name, template in t.parts}
            yield uri, r.render(t.page, self.url(uri), **context, **parts,
                                play=page_link(uri, kind.item_uri(i.id)), index=page_link(uri, index))

    def export_links(self, kind, from_uri: str, item_id: str) -> dict:
        """An item page's LMS downloads (raw HTML links, relative to the page's URL)."""
        if not kind.exports:
            return {}
        return {"downloads": exports_links.download_links(item_id, self.url(from_uri)),
                "exports_guide": page_link(from_uri, exports_links.EXPORTS_PAGE)}

    def exports_page(self) -> str:
        uri = exports_links.EXPORTS_PAGE
        page_url = self.url(uri)
        quiz = self.kinds["quiz"]
        rows = [{"quiz": q, "link": page_link(uri, quiz.item_uri(q.id)),
                 "downloads": exports_links.download_links(q.id, page_url)}
                for q in sorted(self.library.all("quiz"), key=lambda q: q.id)]
        return self.renderer.render("tutors_exports.md", page_url, rows=rows, site_url=self.site_url,
                                    course_package=exports_links.course_package_link(page_url),
                                    native_ordering=native_ordering(moodle_version(self.moodle_version)),
                                    moodle_version=str(self.moodle_version or ""))

    def tutor_links(self, kind, from_uri: str, item_id: str | None = None) -> dict:
        """Links from a generated page to its kind's tutor pages (none for kinds without them)."""
        if not kind.tutor:
            return {}
        links = {"tutor_index": page_link(from_uri, kind.tutor.index_uri())}
        if item_id:
            links["tutor"] = page_link(from_uri, kind.tutor.item_uri(item_id))
        return links


def embed(renderer, kind, item, page_url: str, standalone: bool) -> str:
    """The interactive piece a marker places: a level-3 heading in a page, level 2 on its own page."""
    return renderer.render(kind.widget, page_url, **{kind.widget_var: item}, standalone=standalone,
                           h=2 if standalone else 3)
