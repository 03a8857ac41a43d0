"""The JupyterLite labs: the notebooks in ``labs/`` built into ``<site>/labs/lite/``, to run offline.

Called from ``mkdocs_glue`` (no MkDocs import here: errors are :class:`LabsError`, which the glue
turns into a one-line ``PluginError``).

- :func:`page_html` fills the lab markers on pages. ``<!-- lab: NAME -->`` becomes an "open this lab"
  link (or, with ``extra.course.labs: false``, a note that the lab is not in this copy);
  ``<!-- labs-only -->...<!-- /labs-only -->`` is kept only when the labs are built and
  ``<!-- no-labs -->...<!-- /no-labs -->`` only when they are not. Keep headings out of these blocks
  (the table of contents is made before this step).
- :func:`post_build` runs ``jupyter lite build`` from the setup cache (``labs_setup``: Pyodide, the
  kernel's wheels, ``comm``), never the network, and copies the result into the site. The output is
  cached in ``.cache/labs/build-<hash>/``, keyed by the notebooks, the versions and this file, so an
  unchanged lab is not rebuilt.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from . import labs_setup

log = logging.getLogger("mkdocs.plugins.course")

SOURCE = "labs"                 # notebooks folder at the repository top
OUTPUT = "labs/lite"            # where the JupyterLite app goes in the site
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
BUILD_FORMAT = 1                # bump to invalidate every cached build
KEEP_BUILDS = 3                 # cached builds kept in .cache/labs/
STAMP = ".course-labs-build"    # written into the copied output: which build it is

_LAB = r"<!--\s*lab\s*:\s*([^\s>]*)\s*-->"
# A marker on a line of its own is a raw HTML block; one typed inside a paragraph is wrapped in <p>.
LAB_MARKER = re.compile(rf"<p>\s*{_LAB}\s*</p>|{_LAB}")
BLOCK = re.compile(r"<!--\s*(labs-only|no-labs)\s*-->(.*?)<!--\s*/\1\s*-->", re.S)
ANY_MARKER = re.compile(r"<!--\s*(?:lab\s*:|labs-only|no-labs)")


class LabsError(Exception):
    """The labs cannot be built; the message says what to do."""


def enabled(settings: dict) -> bool:
    value = settings.get("labs", True)
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "no", "off", "0", "")
    return bool(value)


@dataclass
class Lab:
    """A notebook in labs/, placed on a page with ``<!-- lab: ID -->``."""

    id: str
    title: str
    file: str

    def texts(self):
        return []  # no author text of its own to check


def load(path: Path, rel: str, report) -> Lab:
    """The lab kind's loader (``kinds.py``): a notebook's id is its file name; whether it is a valid
    notebook is checked when the labs are built."""
    return Lab(path.stem, notebook_title(path), rel)


def notebooks(root: Path) -> dict[str, Path]:
    """name (file stem) -> path, for every notebook in labs/."""
    folder = root / SOURCE
    return {p.stem: p for p in sorted(folder.glob("*.ipynb"))} if folder.is_dir() else {}


def notebook_title(path: Path) -> str:
    """The first Markdown heading of a notebook, else its file name."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "markdown":
                text = "".join(cell.get("source", []))
                m = re.search(r"^#+\s+(.+?)\s*$", text, re.M)
                if m:
                    return re.sub(r"[*_`]", "", m.group(1))
    except (OSError, ValueError, AttributeError):
        pass
    return path.stem.replace("-", " ").capitalize()


def lab_url(root_url: str, name: str) -> str:
    """Relative URL that opens a notebook in the JupyterLite Notebook app."""
    return f"{root_url}{OUTPUT}/notebooks/index.html?path={name}.ipynb"


# -- pages -----------------------------------------------------------------------------------
def page_html(html: str, root_url: str, settings: dict, root: Path, renderer, page_name: str = "") -> str:
    """Fill lab markers. ``root_url`` is the page's relative path to the site root ('../../');
    ``renderer`` is the build's ``Renderer``."""
    if "<!--" not in html or not ANY_MARKER.search(html):
        return html
    on = enabled(settings)

    def block(m):
        keep = (m.group(1) == "labs-only") == on
        return m.group(2) if keep else ""

    html = BLOCK.sub(block, html)
    available = notebooks(root)

    def marker(m):
        name = (m.group(1) or m.group(2)).removesuffix(".ipynb")
        if name not in available:
            log.warning(f"{page_name}: the lab marker names '{name}', but labs/{name}.ipynb does not exist "
                        f"(labs: {', '.join(available) or 'none'}).")
            return ""
        return renderer.render("lab_link.html", name=name, title=notebook_title(available[name]), included=on,
                               href=lab_url(root_url, name), download=f"{root_url}{OUTPUT}/files/{name}.ipynb")

    return LAB_MARKER.sub(marker, html)


# -- build -----------------------------------------------------------------------------------
def build_key(root: Path, manifest: dict) -> str:
    h = hashlib.sha256()
    h.update(f"format {BUILD_FORMAT}\n".encode())
    h.update(Path(__file__).read_bytes())
    h.update(json.dumps(manifest, sort_keys=True).encode())
    for dist in ("jupyterlite-core", "jupyterlite-pyodide-kernel"):
        h.update(f"{dist} {metadata.version(dist)}\n".encode())
    for path in source_files(root):
        h.update(f"\n{path.relative_to(root).as_posix()}\n".encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:20]


def source_files(root: Path) -> list[Path]:
    folder = root / SOURCE
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def check_sources(root: Path):
    folder = root / SOURCE
    if not folder.is_dir() or not notebooks(root):
        raise LabsError(f"no notebooks in {SOURCE}/: add one, or set extra.course.labs: false in mkdocs.yml.")
    for path in notebooks(root).values():
        try:
            nb = json.loads(path.read_text(encoding="utf-8"))
            assert isinstance(nb.get("cells"), list) and nb.get("nbformat") == 4
        except (ValueError, AssertionError, AttributeError):
            raise LabsError(f"{path.relative_to(root)} is not a valid Jupyter notebook (nbformat 4 JSON).")


def require_setup() -> dict:
    manifest = labs_setup.read_manifest()
    if not labs_setup.is_current(manifest):
        raise LabsError(
            "the labs need files that setup downloads, and they are missing or out of date "
            f"({labs_setup.shown(labs_setup.MANIFEST)}). Run ./dev serve or ./dev test "
            "(they set everything up), or .venv/bin/python hooks/course/labs_setup.py; "
            "or set extra.course.labs: false in mkdocs.yml to build without the labs.")
    return manifest


def lite_build(root: Path, out: Path, work: Path):
    """Run ``jupyter lite build`` in a staging lite dir made from the setup cache (no network)."""
    cache = labs_setup.CACHE
    stage = work / "lite-dir"
    shutil.copytree(cache / "pyodide", stage / "static" / "pyodide")
    shutil.copytree(cache / "pypi", stage / "pypi")
    (stage / "jupyter-lite.json").write_text(json.dumps({
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {"litePluginSettings": {KERNEL_PLUGIN: {"disablePyPIFallback": True}}},
    }, indent=1), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTERLITE_")}
    cmd = [sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(stage),
           "--contents", str(root / SOURCE), "--output-dir", str(out), "--no-sourcemaps"]
    result = subprocess.run(cmd, cwd=stage, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        tail = (result.stdout + result.stderr).strip().splitlines()[-25:]
        raise LabsError("jupyter lite build failed:\n" + "\n".join(tail))
    check_output(out)
    add_favicon_links(out)


def check_output(out: Path):
    """The built app must load Pyodide from the site and never fall back to PyPI."""
    config = json.loads((out / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel = config["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]
    problems = []
    if kernel.get("pyodideUrl") != "./static/pyodide/pyodide.mjs":
        problems.append(f"pyodideUrl is {kernel.get('pyodideUrl')!r}, not the vendored copy")
    if kernel.get("disablePyPIFallback") is not True:
        problems.append("disablePyPIFallback is not true")
    for name in labs_setup.CORE_FILES + (labs_setup.LOCK,):
        if not (out / "static" / "pyodide" / name).is_file():
            problems.append(f"static/pyodide/{name} is missing")
    if problems:
        raise LabsError("the built labs would not run offline: " + "; ".join(problems))


def add_favicon_links(out: Path):
    """Each app page sets its icon by script; declare it in the HTML so browsers do not ask for /favicon.ico."""
    for page in out.glob("*/index.html"):
        if not (page.parent / "favicon.ico").is_file():
            continue
        text = page.read_text(encoding="utf-8")
        if 'rel="icon"' not in text and "</title>" in text:
            text = text.replace("</title>", '</title>\n    <link rel="icon" href="./favicon.ico">', 1)
            page.write_text(text, encoding="utf-8")


def cached_build(root: Path) -> tuple[Path, str, bool]:
    """The built app for the current notebooks: (folder, key, rebuilt?)."""
    manifest = require_setup()
    check_sources(root)
    cache = labs_setup.CACHE
    key = build_key(root, manifest)
    final = cache / f"build-{key}"
    if (final / STAMP).is_file():
        os.utime(final)
        return final, key, False
    work = Path(tempfile.mkdtemp(prefix="work-", dir=cache))
    try:
        out = work / "out"
        lite_build(root, out, work)
        (out / STAMP).write_text(key + "\n", encoding="utf-8")
        shutil.rmtree(final, ignore_errors=True)
        try:
            out.rename(final)
        except OSError:  # a concurrent build finished first with the same key: use that one
            if not (final / STAMP).is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    prune(cache, keep=final)
    return final, key, True


def prune(cache: Path, keep: Path):
    builds = sorted((p for p in cache.glob("build-*") if p != keep), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in builds[KEEP_BUILDS - 1:]:
        shutil.rmtree(old, ignore_errors=True)
    for stale in cache.glob("work-*"):  # left by an interrupted build more than an hour ago
        if time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)


def post_build(root: Path, site_dir: Path, settings: dict) -> None:
    target = site_dir / OUTPUT
    if not enabled(settings):
        shutil.rmtree(target, ignore_errors=True)  # left by an earlier dirty build
        return
    start = time.monotonic()
    built, key, rebuilt = cached_build(root)
    stamp = target / STAMP
    if not (stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == key):
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(built, target, copy_function=_link_or_copy)
    log.info(f"Labs: {'built' if rebuilt else 'reused cached build'} {built.name} "
             f"in {time.monotonic() - start:.1f} s")


def _link_or_copy(src, dst):
    """Hard-link a cached file into the site (instant, no extra space); copy across file systems.
    Safe because neither MkDocs nor the labs ever write into a built file in place."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
