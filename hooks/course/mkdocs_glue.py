"""The bridge between MkDocs events and the course engine (the only module that imports MkDocs).

Kept apart so the rest of the package runs without MkDocs (tests, ``python -m course check``).
"""
from __future__ import annotations

import functools
import html as htmllib
import logging
import os
import re
from itertools import chain
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from . import branding, labs, offline, packs
from .learner import TOOL, manifest, manifest_json, page_kind
from .library import Library, check_links, find_markers, load_library
from .pages import PageMaker, url_for
from .problems import ContentError, Problem
from .render import Renderer
from .textfields import TextRenderer, read_glossary

log = logging.getLogger("mkdocs.plugins.course")

# External folders the hooks bring into the site: source folder -> URL prefix.
MOUNTS = {"case_studies": "case-studies"}
WATCH = ["case_studies", "quizzes", "scenarios", "assessments", "includes", "labs"]
ASSETS = Path(__file__).parent / "assets"
# Set by bench/run.py only, to measure the engine's share of the build time.
ENGINE_OFF = os.environ.get("COURSE_ENGINE") == "off"
ASSET_CSS = "assets/course/course.css"
# Browser code on every page: course.js (storage, the component registry, quizzes, reflections,
# "mark as done" and the navigation ticks). The others load only on pages that use them.
ASSET_JS = ["assets/course/course.js"]
# Loaded only on pages that contain the component (found by its data attribute in the HTML).
ON_DEMAND = [
    ("data-cs-scenario", "assets/course/scenario.js"),
    ("data-ca-assessment", "assets/course/assess.js"),
    (re.compile(r"data-cp-(progress|journal|data|record|assign|assignment)\b"), "assets/course/learner-pages.js"),
]
TASK = re.compile(r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")(.*?</label>)(.*?)(?=</li>|<ul|<ol)', re.S)
WIDGET = re.compile(r"<!--course-widget (\d+)-->")
CONTACT = re.compile(r"(<span data-course-contact>)(?:[^<]*)(</span>)")
FENCE = re.compile(r"^([ \t]*)(```|~~~).*?^\1\2", re.S | re.M)
CODE_SPAN = re.compile(r"`[^`\n]*`")


def task_label(m: re.Match) -> str:
    """Give a task-list checkbox an accessible name: the text of its item (WCAG 4.1.2)."""
    text = re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", "", m.group(3)))).strip()[:120]
    return f'{m.group(1)} aria-label="{htmllib.escape(text)}"{m.group(2)}{m.group(3)}'


def minify(path: Path) -> str:
    import rcssmin
    import rjsmin
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".js":
        return rjsmin.jsmin(text)
    return rcssmin.cssmin(text) if path.suffix == ".css" else text


def relative_root(page_url: str) -> str:
    """'modules/01-x/' -> '../../'; '' -> './'."""
    depth = page_url.count("/") if page_url.endswith("/") else page_url.count("/")
    return "../" * depth or "./"


def strip_code(markdown: str) -> str:
    """Blank out code blocks and spans (keeping line numbers) so examples are not taken as markers."""
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731
    return CODE_SPAN.sub(blank, FENCE.sub(blank, markdown))


class CourseBuild:
    """State for one build. A new one is made on every ``on_config`` (``mkdocs serve`` rebuilds)."""

    def __init__(self, config):
        self.config = config
        # The project root holds docs/, quizzes/, scenarios/...: the folder above docs_dir, so a
        # config that INHERITs mkdocs.yml from elsewhere (tests, sub-path builds) finds the content.
        self.root = Path(config["docs_dir"]).resolve().parent
        self.settings = dict(config["extra"].get("course") or {})
        self.namespace = str(self.settings.get("storage_namespace") or "syslead")
        self.contact = branding.contact_html(self.settings)
        self.offline = False
        self.library: Library | None = None
        self.usage: dict[tuple[str, str], list[File]] = {}
        self.renderer: Renderer | None = None
        self.pages: PageMaker | None = None
        self.manifest: dict = {"version": 1, "items": []}
        self._widgets: dict[str, list[str]] = {}  # page -> its rendered pieces, until page_output
        self._tag_cache: dict[tuple, str] = {}
        glossary_file = self.root / "includes" / "abbreviations.md"
        self.glossary = read_glossary(glossary_file.read_text(encoding="utf-8")) if glossary_file.exists() else {}

    # -- on_config ---------------------------------------------------------------------------
    def configure(self):
        cfg = self.config
        problems = branding.check(self.settings, Path(cfg["docs_dir"]))
        if problems:
            raise PluginError(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the branding settings:\n"
                              + "\n".join(f"  - {p}" for p in problems))
        branding.apply(cfg, self.settings)
        self.offline = offline.is_offline(cfg)
        if self.offline:
            offline.use_local_shim(cfg)
        for folder in WATCH:
            if (self.root / folder).is_dir() and str(self.root / folder) not in cfg["watch"]:
                cfg["watch"].append(str(self.root / folder))
        # The engine's own browser code and styles, served from the site itself.
        if ASSET_CSS not in cfg["extra_css"]:
            cfg["extra_css"].append(ASSET_CSS)
        present = [str(s) for s in cfg["extra_javascript"]]
        for js in ASSET_JS:  # deferred: never blocks the first paint; deferred scripts keep their order
            if js not in present:
                script = ExtraScriptValue(js)
                script.defer = True
                cfg["extra_javascript"].append(script)
        snippets = cfg["mdx_configs"].setdefault("pymdownx.snippets", {})
        snippets["base_path"] = [str(self.root)]
        snippets.setdefault("check_paths", True)
        return cfg

    # -- on_files ----------------------------------------------------------------------------
    def add_files(self, files: Files) -> Files:
        for folder, prefix in MOUNTS.items():
            base = self.root / folder
            for path in sorted(base.rglob("*")) if base.is_dir() else []:
                if path.is_dir() or path.name.startswith(".") or path.suffix in (".yml", ".yaml"):
                    continue
                uri = f"{prefix}/{path.relative_to(base).as_posix()}"
                files.append(File.generated(self.config, uri, abs_src_path=str(path)))
        for path in sorted(ASSETS.iterdir()):  # served minified; the sources stay readable
            files.append(File.generated(self.config, f"assets/course/{path.name}", content=minify(path)))
        if self.offline:
            try:
                shim = offline.shim_source(self.root)
            except OSError:
                raise PluginError("The offline edition needs the npm package iframe-worker. "
                                  "Fix: run ./dev offline (it installs the npm tools first).")
            files.append(File.generated(self.config, offline.SHIM_URI, content=shim))
        self.library = load_library(self.root)
        self.pages = PageMaker(self)
        doc_pages = {f.src_uri: f.url for f in files.documentation_pages()}
        doc_pages.update(self.pages.planned_urls(self.library))
        text = TextRenderer(doc_pages, self.glossary)
        self.renderer = Renderer(text, cache=self.root / ".cache" / "templates")
        self.renderer.directory_urls = self.config["use_directory_urls"]
        check_links(self.library, text)
        self._scan_markers(files)
        self._raise_or_warn()
        self.manifest = manifest(files, self.library, lambda uri: url_for(uri, self.config["use_directory_urls"]))
        for uri, content in chain(self.pages.generate(), packs.generate(self)):
            level = InclusionLevel.INCLUDED if self.pages.in_nav(uri) else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(self.config, uri, content=content, inclusion=level))
        return files

    def _scan_markers(self, files: Files):
        for f in files.documentation_pages():
            try:
                source = f.content_string
            except Exception:  # unreadable pages are MkDocs' to report
                continue
            for kind, item_id, line in find_markers(strip_code(source)):
                rel = self._display_path(f)
                if not item_id:
                    self.library.report.add(Problem(rel, line, "", f"the {kind} marker names no {kind}.",
                                                    f"write it as <!-- {kind}: ID -->."))
                elif (kind, item_id) in self.library.failed:
                    continue  # its own file's errors are reported; do not add a knock-on error here
                elif self.library.get(kind, item_id) is None:
                    known = sorted(self.library.items.get(kind, {}))
                    self.library.report.add(Problem(
                        rel, line, "", f"the page places {kind} '{item_id}', but no {kind} has that id.",
                        f"use one of: {', '.join(known) or '(none yet)'}; or add {self._folder(kind)}/{item_id}.yml."))
                else:
                    self.usage.setdefault((kind, item_id), []).append(f)
        for kind in ("quiz", "scenario", "assessment"):
            for item in self.library.all(kind):
                if (kind, item.id) not in self.usage:
                    self.library.report.add(Problem(
                        item.file, 1, "id", f"{kind} '{item.id}' is not placed on any page.",
                        f"add <!-- {kind}: {item.id} --> to the page that should show it, or delete the file.",
                        severity="warning"))

    def _folder(self, kind):
        from .library import KINDS
        return KINDS[kind].folder if kind in KINDS else kind

    def _display_path(self, f: File) -> str:
        try:
            return Path(f.abs_src_path).resolve().relative_to(self.root).as_posix()
        except (ValueError, TypeError):
            return f.src_uri

    def _raise_or_warn(self):
        report = self.library.report
        for w in report.warnings:
            log.warning(str(w))
        if report.errors:
            raise PluginError(str(ContentError(report.errors)))

    # -- on_env ------------------------------------------------------------------------------
    def theme_env(self, env):
        """The theme's Jinja environment: a ``jsmin`` filter for the course's inline scripts in overrides/."""
        import rjsmin
        env.filters["jsmin"] = functools.lru_cache(maxsize=8)(rjsmin.jsmin)  # the same script on every page
        return env

    # -- on_page_content ---------------------------------------------------------------------
    def page_html(self, html: str, page) -> str:
        if self.library is None or ENGINE_OFF:  # bench/: the same pages, markers left unrendered
            return html
        url = page.url
        standalone = page.meta.get("course_item")
        # Interactive pieces go into the page after the search plugin has indexed it (page_output):
        # search finds the prose, never quiz answers, feedback or scenario branches.
        store = self._widgets[page.file.src_uri] = []

        def widget(fragment: str) -> str:
            store.append(fragment)
            return f"<!--course-widget {len(store) - 1}-->"

        def replace(m):
            kind, item_id = m.group(1), m.group(2)
            item = self.library.get(kind, item_id)
            if item is None:
                return m.group(0)
            return widget(self.pages.embed(kind, item, url, standalone=(standalone == f"{kind}:{item_id}")))

        from .library import MARKER
        html = MARKER.sub(replace, html)
        # A printable pack is the whole page (with its own <h1>) and is left out of search by its
        # page settings, so it goes in now.
        html = packs.PACK.sub(lambda m: packs.render(self, m.group(1), m.group(2), url) or m.group(0), html)
        html = self.pages.reflections(html, page, widget)
        html = labs.page_html(html, relative_root(url), self.settings, self.root, self.renderer, page.file.src_uri)
        html = TASK.sub(task_label, html)
        if self.contact:
            html = CONTACT.sub(lambda m: m.group(1) + self.contact + m.group(2), html)
        html = TOOL.sub(lambda m: widget(self.renderer.render(
            f"learner_{m.group(1)}.html", url, manifest=manifest_json(self.manifest))), html)
        kind = page_kind(page.file.src_uri)
        if kind:
            html += widget(self.renderer.render("done.html", url, kind=kind[0], id=kind[1], title=page.title or ""))
        return html

    # -- on_post_page ------------------------------------------------------------------------
    def page_output(self, output: str, page) -> str:
        """Put in the page's interactive pieces; tell course.js the storage namespace and where the
        site root is (for links it makes)."""
        widgets = self._widgets.pop(page.file.src_uri, None)
        if widgets:
            output = WIDGET.sub(lambda m: widgets[int(m.group(1))], output)
        root = relative_root(page.url)
        scripts = tuple(src for marker, src in ON_DEMAND
                        if (marker.search(output) if isinstance(marker, re.Pattern) else marker in output))
        if scripts:
            output = output.replace("</body>", self._tags("scripts", root, scripts) + "</body>", 1)
        return output.replace("</head>", self._tags("head", root) + "</head>", 1)

    def _tags(self, part: str, root: str, scripts: tuple = ()) -> str:
        """page_tags.html, rendered once for each depth of page and set of scripts."""
        key = (part, root, scripts)
        if key not in self._tag_cache:
            self._tag_cache[key] = self.renderer.render("page_tags.html", part=part, root=root, scripts=scripts,
                                                        namespace=self.namespace)
        return self._tag_cache[key]

    # -- on_post_build -----------------------------------------------------------------------
    def post_build(self):
        """Files written next to the built site (LMS exports and the like) go here."""
        if ENGINE_OFF:
            return
        try:
            labs.post_build(self.root, Path(self.config["site_dir"]), self.settings)
        except labs.LabsError as e:
            raise PluginError(f"Labs: {e}") from None
        if self.library is not None:  # LMS exports of every quiz: downloads/ (see exports/build.py)
            from .exports.build import write_all as write_exports  # lxml and the exporters, only now

            write_exports(self.library, Path(self.config["site_dir"]), self.renderer.text.pages, self.glossary,
                          self.config.get("site_url"), self.config["site_name"], log)
