"""The course as one model, without MkDocs: its content, every page and URL, and every check.

``Course`` loads and validates the author files of every kind, plans the site (the Markdown pages,
the folders mounted into it, the pages the engine generates), and checks what ties them together:
markers on pages, links and anchors in author text, page paths that collide. ``python -m course
check`` and the MkDocs build both go through it, so they find the same problems. The build's glue
(``mkdocs_glue.py``) only translates MkDocs events into calls on it.
"""
from __future__ import annotations

import difflib
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, pages as pages_mod
from .anchors import anchors
from .kinds import KINDS
from .learner import page_kind
from .library import Library, check_links, load_library
from .markers import find_markers, near_misses, strip_code
from .problems import Problem, Report
from .textfields import TextRenderer, read_glossary
from .urls import url_for
from .yamlsource import path_text

# Folders at the project's top that the engine brings into the site: source folder -> URL prefix.
MOUNTS = {"case_studies": "case-studies"}


@dataclass
class Page:
    """One page of the site, as planned."""

    uri: str  # as MkDocs sees it: 'practice/quizzes/module-01.md'
    url: str
    file: str  # what an author edits to change it: 'docs/x.md', 'case_studies/x/index.md', 'quizzes/x.yml'
    generated: bool = False
    in_nav: bool = False
    text: str = ""  # its Markdown (known for authors' pages from the start, generated ones once written)

    @property
    def meta(self) -> dict:
        return frontmatter.read(self.text)


@dataclass
class Course:
    root: Path
    directory_urls: bool = True
    kinds: dict = field(default_factory=lambda: dict(KINDS))
    docs_dir: Path | None = None
    report: Report = field(default_factory=Report)
    library: Library | None = None
    pages: dict[str, Page] = field(default_factory=dict)
    # (kind, id) -> [(page uri, page title)] of the pages that place the item
    usage: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)

    def __post_init__(self):
        self.root = Path(self.root)
        self.docs_dir = Path(self.docs_dir) if self.docs_dir else self.root / "docs"
        abbr = self.root / "includes" / "abbreviations.md"
        self.glossary = read_glossary(abbr.read_text(encoding="utf-8")) if abbr.exists() else {}
        self._anchors: dict[str, set[str]] = {}

    # -- 1. content ---------------------------------------------------------------------------
    def load(self) -> Library:
        self.library = load_library(self.root, self.kinds)
        self.report = self.library.report
        return self.library

    # -- 2. pages -----------------------------------------------------------------------------
    def authors_pages(self) -> dict[str, Page]:
        """Markdown pages found on disk: docs/ and the mounted folders (what MkDocs will find)."""
        found = {}
        for path in _markdown(self.docs_dir):
            uri = path.relative_to(self.docs_dir).as_posix()
            found[uri] = self._page(uri, path, self._display(path))
        for folder, prefix in MOUNTS.items():
            for path in _markdown(self.root / folder):
                uri = f"{prefix}/{path.relative_to(self.root / folder).as_posix()}"
                found[uri] = self._page(uri, path, self._display(path))
        return found

    def plan(self, authors: dict[str, Page] | None = None) -> dict[str, Page]:
        """Every page of the site: the authors' (found on disk unless given) and the generated ones.
        A generated page whose path is already taken is a problem, never a silent replacement."""
        authors = dict(self.authors_pages() if authors is None else authors)
        while True:
            self.pages, taken_by = dict(authors), {}
            for planned in pages_mod.planned(self.library, self.kinds):
                taken = self.pages.get(planned.uri)
                if taken is None:
                    self.pages[planned.uri] = Page(planned.uri, url_for(planned.uri, self.directory_urls),
                                                   planned.owner, generated=True, in_nav=planned.in_nav)
                    continue
                self.report.add(self._collision(planned, taken))
                if planned.item:  # that item is left out (no pages, no knock-on problems)
                    taken_by[planned.item] = planned.owner
            if not taken_by:
                return self.pages
            for (kind, item_id), file in taken_by.items():
                self.library.items[kind].pop(item_id, None)
                self.library.sources.pop((kind, item_id), None)
                self.library.failed[(kind, item_id)] = file

    def urls(self) -> dict[str, str]:
        return {uri: p.url for uri, p in self.pages.items()}

    def text_renderer(self) -> TextRenderer:
        return TextRenderer(self.urls(), self.glossary)

    def _page(self, uri: str, path: Path, display: str) -> Page:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):  # MkDocs reports unreadable pages itself
            text = ""
        return Page(uri, url_for(uri, self.directory_urls), display, text=text)

    def _display(self, path: Path) -> str:
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def _collision(self, planned, taken: Page) -> Problem:
        kind = next((k for k in self.kinds.values() if k.catalogue and planned.uri.startswith(k.catalogue + "/")), None)
        what = f"the page {planned.uri}"
        if taken.generated:
            item_id = posixpath.splitext(posixpath.basename(planned.uri))[0]
            return Problem(planned.owner, 1, "id",
                           f"the id '{item_id}' would publish {what}, which is already {taken.file}'s page.",
                           f"choose another id for this {kind.label if kind else 'item'} ('index' and the ids of "
                           "other pages are taken).", rule="page/path-taken")
        return Problem(taken.file, 1, "", f"this page is at {planned.uri}, where the engine puts a page made "
                       f"from {planned.owner}.", "move or rename this page: the engine's pages keep their addresses.",
                       rule="page/path-taken")

    # -- 3. markers ---------------------------------------------------------------------------
    def scan_markers(self) -> None:
        """Which authors' pages place which items; every marker problem, with file and line."""
        names = list(self.kinds)
        self.usage = {}
        for uri, page in sorted(self.pages.items()):
            if page.generated:
                continue
            text = strip_code(page.text)
            for kind, item_id, line in find_markers(text, names):
                self._marker(page, kind, item_id, line)
            for miss in near_misses(text, names):
                self.report.add(Problem(page.file, miss.line, "", f"'{miss.written}' is not a marker, so it shows nothing.",
                                        f"write it as {miss.meant} (lowercase, one word, then a colon).",
                                        severity="warning", rule="page/marker-near-miss"))
        for kind in self.kinds.values():
            if not kind.placed:
                continue
            for item in self.library.all(kind.name):
                if (kind.name, item.id) not in self.usage:
                    self.report.add(Problem(item.file, 1, "id", f"{kind.name} '{item.id}' is not placed on any page.",
                                            f"add <!-- {kind.name}: {item.id} --> to the page that should show it, or "
                                            "delete the file.", severity="warning", rule="page/not-placed"))

    def _marker(self, page: Page, kind: str, item_id: str, line: int) -> None:
        k = self.kinds[kind]
        if not item_id:
            self.report.add(Problem(page.file, line, "", f"the {kind} marker names no {kind}.",
                                    f"write it as <!-- {kind}: ID -->.", rule="page/marker-empty"))
            return
        item_id = item_id.removesuffix(".ipynb") if k.load else item_id
        if (kind, item_id) in self.library.failed:
            return  # its own file's errors are reported; no knock-on error here
        if self.library.get(kind, item_id) is None:
            known = sorted(self.library.items.get(kind, {}))
            close = difflib.get_close_matches(item_id, known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? Otherwise use" if close else "use"
            self.report.add(Problem(page.file, line, "", f"the page places {kind} '{item_id}', but no {kind} has that id.",
                                    f"{hint} one of: {', '.join(known) or '(none yet)'}; or add "
                                    f"{k.folder}/{item_id}{'.ipynb' if k.load else '.yml'}.", rule="page/marker-unknown"))
            return
        self.usage.setdefault((kind, item_id), []).append((page.uri, frontmatter.title(page.text, page.uri)))

    # -- 4. links in author text --------------------------------------------------------------
    def check_links(self, text: TextRenderer) -> None:
        """Every link in every text field: a safe scheme, a page that exists, an anchor it has."""
        lib = self.library
        check_links(lib, text)
        for (kind, item_id), source in lib.sources.items():
            for p, value in getattr(lib.items[kind][item_id], "texts", lambda: [])():
                for target, fragment in text.site_links(value):
                    if fragment and fragment not in self.anchors(target):
                        close = difflib.get_close_matches(fragment, sorted(self.anchors(target)), n=1, cutoff=0.6)
                        lib.report.add(Problem(
                            source.file, source.line(p), path_text(p),
                            f"the link to '{target}#{fragment}' names a section that page does not have.",
                            (f"did you mean '#{close[0]}'? Otherwise use" if close else "use")
                            + f" the anchor of a heading in {self.pages[target].file} (its text in lowercase, "
                            "with hyphens for spaces), or link to the page without one.", rule="link/anchor"))

    def anchors(self, uri: str) -> set[str]:
        if uri not in self._anchors:
            self._anchors[uri] = anchors(self.pages[uri].text) if uri in self.pages else set()
        return self._anchors[uri]

    # -- everything, for `python -m course check` ---------------------------------------------
    def check(self, renderer_factory=None) -> Report:
        """Load, plan, scan markers, generate the engine's pages and check every link: the build's
        checks, without building."""
        self.load()
        self.plan()
        self.scan_markers()
        text = self.text_renderer()
        if renderer_factory is not None:
            self.write_generated(renderer_factory(text))
        self.check_links(text)
        return self.report

    def write_generated(self, renderer, site_url: str = "", moodle_version=None) -> list[tuple[str, str]]:
        """Write the generated pages' Markdown (kept on each planned page) and return them."""
        maker = pages_mod.PageMaker(self.library, self.kinds, renderer, self.usage, self.directory_urls, site_url,
                                    moodle_version)
        out = []
        for uri, markdown in maker.generate():
            if uri in self.pages and self.pages[uri].generated:
                self.pages[uri].text = markdown
                self._anchors.pop(uri, None)
            out.append((uri, markdown))
        return out

    def learner_pages(self, nav=None) -> list[tuple[str, str, dict]]:
        """(uri, url, front matter) of the pages a learner can mark as done, in reading order: the
        order of ``nav`` (mkdocs.yml's), then any pages it leaves out, by path."""
        order = {uri: n for n, uri in enumerate(nav_pages(nav or []))}
        found = [(uri, p.url, p.meta) for uri, p in self.pages.items() if not p.generated and page_kind(uri, p.meta)]
        return sorted(found, key=lambda row: (order.get(row[0], len(order)), row[0]))


def nav_pages(nav) -> list[str]:
    """The pages of a MkDocs ``nav`` (nested lists of 'page.md' and {'Title': ...}), in order."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, dict):
        return [uri for value in nav.values() for uri in nav_pages(value)]
    if isinstance(nav, list):
        return [uri for entry in nav for uri in nav_pages(entry)]
    return []


def _markdown(folder: Path) -> list[Path]:
    """Markdown files under ``folder``, as MkDocs finds them (no hidden files or folders)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.md")
                  if not any(part.startswith(".") for part in p.relative_to(folder).parts))


def site_urls(root: Path, library: Library | None = None, directory_urls: bool = True) -> dict[str, str]:
    """Every page of the course at ``root`` and its URL (for exports and tools that do not build)."""
    course = Course(root, directory_urls=directory_urls)
    if library is None:
        course.load()
    else:
        course.library = library
    course.plan()
    return course.urls()
