"""What the engine does to each page's HTML once Markdown has made it (MkDocs' on_page_content).

One pass over the page's markers puts in the interactive pieces (quizzes, scenarios,
self-assessments, learner tools), the figures (timelines), the printable packs and the labs; then reflection boxes go after
each ``!!! reflection``, task-list checkboxes get a name, and modules and case studies get "mark as
done". Interactive pieces are handed back separately as *widgets* and go into the page after the
search plugin has indexed it, so search finds the prose and the figures, never quiz answers,
feedback or branches.
"""
from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field

from . import labs, packs
from .markers import TOOLS
from .pages import embed
from .urls import relative_root

ADMONITION = re.compile(r'<div class="admonition reflection">\s*<p class="admonition-title">(.*?)</p>', re.S)
TAG = re.compile(r"<[^>]+>")
TASK = re.compile(r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")(.*?</label>)(.*?)(?=</li>|<ul|<ol)', re.S)
CONTACT = re.compile(r"(<span data-course-contact>)(?:[^<]*)(</span>)")
WIDGET = re.compile(r"<!--course-widget (\d+)-->")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", htmllib.unescape(TAG.sub("", text)).lower()).strip("-") or "entry"


def task_label(m: re.Match) -> str:
    """Give a task-list checkbox an accessible name: the text of its item (WCAG 4.1.2)."""
    text = re.sub(r"\s+", " ", htmllib.unescape(TAG.sub("", m.group(3)))).strip()[:120]
    return f'{m.group(1)} aria-label="{htmllib.escape(text)}"{m.group(2)}{m.group(3)}'


@dataclass
class Page:
    """What the engine needs to know of the page it is working on."""

    src_uri: str  # 'modules/01-x.md'
    url: str  # 'modules/01-x/'
    title: str = ""
    standalone: str | None = None  # 'quiz:module-01' on an item's own page (front matter course_item)
    kind: tuple[str, str] | None = None  # ('module', 'module-01') for a page that can be marked as done
    widgets: list[str] = field(default_factory=list)

    def widget(self, fragment: str) -> str:
        self.widgets.append(fragment)
        return f"<!--course-widget {len(self.widgets) - 1}-->"


class PageHTML:
    """Fills one page's markers; built once per build with everything the pages share."""

    def __init__(self, library, kinds, renderer, *, settings: dict, root, contact: str, manifest_json: str):
        self.library, self.kinds, self.renderer = library, kinds, renderer
        self.settings, self.root, self.contact, self.manifest_json = settings, root, contact, manifest_json
        names = [k.name for k in kinds.values() if k.widget]
        self.markers = re.compile(
            r"<!--\s*(?:(?P<kind>" + "|".join(names) + r")\s*:\s*(?P<id>[^\s>]*)"
            r"|pack:\s*(?P<pack>quiz-sheet|quiz-key|scenario-paper)\s+(?P<pid>[a-z0-9-]+)"
            r"|course:\s*(?P<tool>" + "|".join(TOOLS) + r"))\s*-->")

    def process(self, html: str, page: Page) -> str:
        if "<!--" in html:
            html = self.markers.sub(lambda m: self._marker(m, page), html)
            html = labs.page_html(html, relative_root(page.url), self.settings, self.root, self.renderer, page.src_uri)
        html = self.reflections(html, page)
        html = TASK.sub(task_label, html)
        if self.contact:
            html = CONTACT.sub(lambda m: m.group(1) + self.contact + m.group(2), html)
        if page.kind:
            html += page.widget(self.renderer.render("done.html", page.url, kind=page.kind[0], id=page.kind[1],
                                                     title=page.title))
        return html

    def _marker(self, m: re.Match, page: Page) -> str:
        if m.group("kind"):
            kind, item_id = m.group("kind"), m.group("id")
            item = self.library.get(kind, item_id)
            if item is None:
                return m.group(0)  # reported when the pages were checked
            html = embed(self.renderer, self.kinds[kind], item, page.url, standalone=page.standalone == f"{kind}:{item_id}")
            return html if self.kinds[kind].searchable else page.widget(html)
        if m.group("pack"):  # a pack is the whole page (left out of search by its page settings): in now
            return packs.render(self.library, self.renderer, m.group("pack"), m.group("pid"), page.url) or m.group(0)
        return page.widget(self.renderer.render(f"learner_{m.group('tool')}.html", page.url, manifest=self.manifest_json))

    def reflections(self, html: str, page: Page) -> str:
        """Give each ``!!! reflection`` block a journal text box (revealed by course.js)."""
        seen: set[str] = set()
        out, pos = [], 0
        for m in ADMONITION.finditer(html):
            end = _closing_div(html, m.start())
            base = key = f"{page.src_uri.rsplit('.', 1)[0]}#{slug(m.group(1))}"
            n = 2
            while key in seen:
                key, n = f"{base}-{n}", n + 1
            seen.add(key)
            box = self.renderer.render("reflection.html", page.url, key=key, dom_id="reflect-" + slug(key),
                                       title=htmllib.unescape(TAG.sub("", m.group(1))), page_title=page.title)
            out += [html[pos:end], page.widget(box)]
            pos = end
        out.append(html[pos:])
        return "".join(out)


def put_widgets(output: str, widgets: list[str]) -> str:
    """The page's interactive pieces, into the finished page (after search has indexed it)."""
    return WIDGET.sub(lambda m: widgets[int(m.group(1))], output) if widgets else output


def _closing_div(html: str, start: int) -> int:
    """Index of the ``</div>`` that closes the div opening at ``start``."""
    depth = 0
    for m in re.finditer(r"<div\b|</div>", html[start:]):
        depth += 1 if m.group(0) == "<div" else -1
        if depth == 0:
            return start + m.start()
    return len(html)
