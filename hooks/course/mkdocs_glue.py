"""The bridge between MkDocs events and the course engine (the only module that imports MkDocs).

Each MkDocs event becomes calls on the engine's own objects: ``Course`` (content, pages, checks),
``PageMaker`` (generated pages), ``PageHTML`` (what goes into each page). Nothing here decides what
the course is; it translates.
"""
from __future__ import annotations

import functools
import logging
import os
import re
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from . import branding, labs, offline
from .course import MOUNTS, Course, Page
from .kinds import KINDS
from .learner import manifest, manifest_json, page_kind
from .pagehtml import Page as PageInfo, PageHTML, put_widgets
from .problems import ContentError
from .render import Renderer
from .urls import relative_root, url_for

log = logging.getLogger("mkdocs.plugins.course")

ENGINE = Path(__file__).parent
ASSETS = ENGINE / "assets"
# Folders whose changes rebuild the site under `mkdocs serve`: the authors' and the engine's own.
WATCH = [*MOUNTS, "includes", *(kind.folder for kind in KINDS.values())]
ENGINE_WATCH = [ENGINE / "templates", ASSETS]
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


def minify(path: Path) -> str:
    import rcssmin
    import rjsmin
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".js":
        return rjsmin.jsmin(text)
    return rcssmin.cssmin(text) if path.suffix == ".css" else text


class CourseBuild:
    """State for one build. A new one is made on every ``on_config`` (``mkdocs serve`` rebuilds)."""

    def __init__(self, config):
        self.config = config
        # The project root holds docs/, quizzes/, scenarios/...: the folder above docs_dir, so a
        # config that INHERITs mkdocs.yml from elsewhere (tests, sub-path builds) finds the content.
        self.root = Path(config["docs_dir"]).resolve().parent
        self.settings = dict(config["extra"].get("course") or {})
        self.namespace = str(self.settings.get("storage_namespace") or "syslead")
        self.engine_off = os.environ.get("COURSE_ENGINE") == "off"  # bench/: the engine's share of a build
        self.offline = False
        self.course = Course(self.root, directory_urls=config["use_directory_urls"], docs_dir=config["docs_dir"])
        self.renderer: Renderer | None = None
        self.html: PageHTML | None = None
        self._widgets: dict[str, list[str]] = {}  # page -> its interactive pieces, until page_output
        self._tag_cache: dict[tuple, str] = {}

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
        for folder in [self.root / f for f in WATCH] + ENGINE_WATCH:
            if folder.is_dir() and str(folder) not in cfg["watch"]:
                cfg["watch"].append(str(folder))
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

        course = self.course
        course.load()
        course.plan({f.src_uri: self._page(f) for f in files.documentation_pages()})
        course.scan_markers()
        text = course.text_renderer()
        self.renderer = Renderer(text, cache=self.root / ".cache" / "templates",
                                 directory_urls=self.config["use_directory_urls"])
        generated = course.write_generated(self.renderer, self.config.get("site_url") or "",
                                           self.settings.get("moodle_version"))
        course.check_links(text)
        self._raise_or_warn()
        data = manifest_json(manifest(course.learner_pages(self.config["nav"]), course.library, course.kinds,
                                      lambda uri: url_for(uri, self.config["use_directory_urls"])))
        self.html = PageHTML(course.library, course.kinds, self.renderer, settings=self.settings, root=self.root,
                             contact=branding.contact_html(self.settings), manifest_json=data)
        for uri, content in generated:
            level = InclusionLevel.INCLUDED if course.pages[uri].in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(self.config, uri, content=content, inclusion=level))
        return files

    def _page(self, f: File) -> Page:
        try:
            text = f.content_string
        except Exception:  # unreadable pages are MkDocs' to report
            text = ""
        try:
            display = Path(f.abs_src_path).resolve().relative_to(self.root).as_posix()
        except (ValueError, TypeError):
            display = f.src_uri
        return Page(f.src_uri, f.url, display, text=text)

    def _raise_or_warn(self):
        report = self.course.report
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
        if self.html is None or self.engine_off:  # bench/: the same pages, markers left unrendered
            return html
        info = PageInfo(page.file.src_uri, page.url, page.title or "", page.meta.get("course_item"),
                        page_kind(page.file.src_uri, page.meta))
        html = self.html.process(html, info)
        self._widgets[page.file.src_uri] = info.widgets
        return html

    # -- on_post_page ------------------------------------------------------------------------
    def page_output(self, output: str, page) -> str:
        """Put in the page's interactive pieces; tell course.js the storage namespace and where the
        site root is (for links it makes)."""
        output = put_widgets(output, self._widgets.pop(page.file.src_uri, []))
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
        """Files written next to the built site (labs, LMS exports)."""
        if self.engine_off:
            return
        try:
            labs.post_build(self.root, Path(self.config["site_dir"]), self.settings)
        except labs.LabsError as e:
            raise PluginError(f"Labs: {e}") from None
        if self.course.library is not None:  # LMS exports of every quiz: downloads/ (see exports/build.py)
            from .exports.build import write_all as write_exports  # lxml and the exporters, only now

            write_exports(self.course.library, Path(self.config["site_dir"]), self.renderer.text.pages,
                          self.course.glossary, self.config.get("site_url"), self.config["site_name"], log,
                          moodle_version=self.settings.get("moodle_version"))
