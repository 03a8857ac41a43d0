"""The JupyterLite labs: each notebook runs in Chromium from the built site, offline, with every
request on 127.0.0.1; the Labs page is accessible; a build with the labs off links to nothing missing."""
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import AXE, ROOT, Guard, Server, build

pytestmark = pytest.mark.browser

# notebook -> text every run must print, and the <title> of the SVG chart it must draw
LABS = {
    "bending-the-demand-curve": (["Carry on as before: the system runs out of beds in",
                                  "Shift care into the community: the system"],
                                 "Acute beds needed each year (illustrative model)"),
    "quality-versus-access": (["Specialist units at", "Patients within 30 minutes:", "Below minimum"],
                              "specialist units on an invented map"),
    "cohort-self-assessment": (["sample-cohort.csv: 8 result(s)", "Loaded 8 result(s) from 1 file(s).",
                                "Weakest on average: Surfacing and resolving conflict"],
                               "Five factors: group average of 8 result(s)"),
}
PYODIDE_START = 120_000   # ms: first start loads ~15 MB of Python from the site
RUN_ALL = 120_000


def test_notebooks_are_clean_and_marked_illustrative():
    for name in LABS:
        nb = json.loads((ROOT / "labs" / f"{name}.ipynb").read_text(encoding="utf-8"))
        assert nb["nbformat"] == 4 and nb["metadata"]["kernelspec"]["name"] == "python"
        first = "".join(nb["cells"][0]["source"])
        assert "ILLUSTRATIVE MODEL" in first, f"{name}: the first cell must say it is an illustrative model"
        assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code"), f"{name}: clear outputs"
        code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        assert not re.search(r"^\s*(import|from)\s+(numpy|pandas|matplotlib)", code, re.M), name
    assert (ROOT / "labs" / "sample-cohort.csv").read_text().startswith("# INVENTED SAMPLE DATA")


def test_missing_setup_is_a_clear_error_and_markers_follow_the_setting(tmp_path, monkeypatch):
    from course import labs, labs_setup
    monkeypatch.setattr(labs_setup, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(labs_setup, "MANIFEST", tmp_path / "cache" / "setup.json")
    with pytest.raises(labs.LabsError, match=r"Run ./dev serve or ./dev test"):
        labs.post_build(ROOT, tmp_path / "site", {"labs": True})
    labs.post_build(ROOT, tmp_path / "site", {"labs": False})  # labs off: no setup needed
    html = "<!-- labs-only -->ON<!-- /labs-only --><!-- no-labs -->OFF<!-- /no-labs -->\n<!-- lab: quality-versus-access -->"
    from course.render import Renderer
    from course.textfields import TextRenderer
    renderer = Renderer(TextRenderer({}, {}))
    on = labs.page_html(html, "../", {"labs": True}, ROOT, renderer)
    off = labs.page_html(html, "../", {"labs": False}, ROOT, renderer)
    assert "ON" in on and "OFF" not in on and 'href="../labs/lite/notebooks/index.html?path=quality-versus-access.ipynb"' in on
    assert "OFF" in off and "ON" not in off and "labs/lite" not in off and "not included in this copy" in off


def test_built_labs_are_vendored_and_never_fall_back_to_the_network(site_dir):
    lite = site_dir / "labs" / "lite"
    config = json.loads((lite / "jupyter-lite.json").read_text())
    kernel = config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert kernel["disablePyPIFallback"] is True
    lock = json.loads((lite / "static" / "pyodide" / "pyodide-lock.json").read_text())
    for key in ("micropip", "ipython", "jedi", "traitlets", "parso"):
        assert (lite / "static" / "pyodide" / lock["packages"][key]["file_name"]).is_file(), key
    assert list((lite / "pypi").glob("comm-*.whl"))
    for name in LABS:
        assert (lite / "files" / f"{name}.ipynb").is_file()


def test_labs_page_links_resolve_and_it_is_accessible(page, site, site_dir):
    guard = Guard(page)
    page.goto(site + "labs/", wait_until="load")
    links = page.eval_on_selector_all(".course-lab a", "els => els.map(a => a.getAttribute('href'))")
    assert len(links) == 2 * len(LABS)
    for href in links:
        path = (site_dir / "labs" / href.split("?")[0]).resolve()
        assert path.is_file(), href
    assert page.get_by_text("nothing is sent anywhere").count() == 1
    assert page.get_by_text("not included in this copy").count() == 0
    # The page's own content (the site's header and navigation are checked on every page by test_site).
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run('.md-content', {runOnly: {type: 'tag', values:
        ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22a','wcag22aa']}, resultTypes: ['violations']}))
        .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '))""")
    assert violations == []
    guard.check()


@pytest.fixture(scope="module")
def lab_context(browser):
    """One browser context for the notebooks. It also records requests made by JupyterLite's service
    worker, which a page-level listener (Guard) does not see."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.off_site = []

    def record(request):
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob", "about", "file") and parts.hostname != "127.0.0.1":
            context.off_site.append(request.url)

    context.on("request", record)
    yield context
    context.close()


@pytest.mark.parametrize("name", list(LABS))
def test_notebook_runs_offline_in_the_browser(lab_context, site, name):
    expected_text, chart_title = LABS[name]
    page = lab_context.new_page()
    guard = Guard(page)
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{site}labs/lite/notebooks/index.html?path={name}.ipynb")
    page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=PYODIDE_START)
    page.locator(".jp-Notebook").first.click()
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.locator("li[data-command='runmenu:run-all']").click()
    # Every code cell gets an execution count ([1], [2] ...) once it has run.
    page.wait_for_function(
        """() => { const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
                   return p.length > 0 && p.every(e => /\\[\\d+\\]/.test(e.textContent)); }""",
        timeout=PYODIDE_START + RUN_ALL)
    # textContent, not innerText: JupyterLab skips rendering cells scrolled out of view.
    outputs = "\n".join(page.locator(".jp-OutputArea-output").all_text_contents())
    assert "Traceback" not in outputs and "Error" not in outputs, outputs[-3000:]
    for text in expected_text:
        assert text in outputs, f"{name}: expected {text!r} in the output:\n{outputs[-3000:]}"
    # JupyterLab shows SVG output as an <img> with a data: URL; read the chart's <title> from it.
    charts = page.eval_on_selector_all(
        ".jp-OutputArea-output img[src^='data:image/svg+xml'], .jp-OutputArea-output svg",
        "els => els.map(e => e.tagName !== 'IMG' ? e.outerHTML : e.src.includes(';base64,') ? atob(e.src.split(',')[1])"
        " : decodeURIComponent(e.src.split(',')[1] || ''))")
    assert any(f"{chart_title}</title>" in c or (chart_title in c and "<title" in c) for c in charts), \
        f"{name}: no SVG chart titled {chart_title!r} among {len(charts)} chart(s)"
    page.close()
    assert not guard.external, "requests left 127.0.0.1:\n" + "\n".join(guard.external)
    assert not lab_context.off_site, "requests left 127.0.0.1:\n" + "\n".join(lab_context.off_site)
    assert not failed, "failed requests:\n" + "\n".join(failed)
    assert not guard.errors, "console errors:\n" + "\n".join(guard.errors)


def test_build_without_labs_links_to_nothing_missing(tmp_path):
    """extra.course.labs: false builds no lab files, says so on the Labs page, and links to nothing missing.

    LinkChecker starts from the pages the labs setting changes (the Labs page and the two case pages
    that point to it) and checks every link on them, anchors included; every other page is scanned
    for links into labs/lite/. (test_site runs LinkChecker over the whole site with the labs built;
    a full run over this build as well would take about seven minutes.)
    """
    config = tmp_path / "no-labs.yml"
    config.write_text(f"""INHERIT: {ROOT / 'mkdocs.yml'}
docs_dir: {ROOT / 'docs'}
theme:
  name: material
  custom_dir: {ROOT / 'overrides'}
hooks:
  - {ROOT / 'hooks' / 'course_hooks.py'}
extra:
  course:
    labs: false
""")
    dest = tmp_path / "site"
    result = build(config, dest)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (dest / "labs" / "lite").exists()
    labs_page = (dest / "labs" / "index.html").read_text(encoding="utf-8")
    assert "The labs are not included in this copy" in labs_page
    assert labs_page.count("this lab is not included in this copy of the course") == len(LABS)
    assert "nothing is sent anywhere" not in labs_page
    pointing = [str(p.relative_to(dest)) for p in dest.rglob("*.html") if "labs/lite" in p.read_text(encoding="utf-8")]
    assert not pointing, f"pages link into the missing labs/lite/: {pointing}"
    server = Server(dest)
    try:
        linkchecker = Path(sys.executable).parent / "linkchecker"
        starts = [server.url + path for path in ("labs/", "case-studies/canterbury/", "case-studies/london-stroke/")]
        checked = subprocess.run([str(linkchecker), "--config", str(ROOT / "tests" / "linkcheckerrc"), "--no-status",
                                  "--recursion-level=1", *starts], capture_output=True, text=True, timeout=600)
    finally:
        server.close()
    assert checked.returncode == 0, checked.stdout[-4000:] + checked.stderr[-2000:]
    assert re.search(r"\b0 errors found", checked.stdout), checked.stdout[-2000:]
