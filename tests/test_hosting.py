"""Organisations: sub-path hosting with branding, the offline edition over file://, safe publishing."""
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import ROOT, Guard, Server, build, temp_config
from helpers import answer_quiz_correctly

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SUB = "learning/leadership/"


@pytest.fixture(scope="module")
def branded_build(tmp_path_factory):
    """The course built with custom branding under /learning/leadership/: (URL, folder)."""
    base = tmp_path_factory.mktemp("host")
    server = Server(base)
    text = f"""INHERIT: mkdocs.yml
site_name: Anytown leadership academy
site_url: {server.url}{SUB}
extra:
  course:
    organisation: Anytown NHS Trust
    logo: assets/brand/example-logo.svg
    primary_colour: "#7c2855"
    accent_colour: "#005eb8"
    footer_text: Run by the Anytown organisational development team
    contact_email: learning@anytown.example
    storage_namespace: anytown-leadership
    labs: false
"""
    with temp_config("branded", text) as config:
        result = build(config, base / SUB)
    assert result.returncode == 0, result.stdout + result.stderr
    yield server.url + SUB, base / SUB
    server.close()


@pytest.fixture(scope="module")
def branded(branded_build):
    return branded_build[0]


@pytest.fixture(scope="module")
def branded_dir(branded_build):
    return branded_build[1]


def test_branding_appears_and_everything_resolves_under_the_sub_path(branded, page):
    guard = Guard(page)
    page.goto(branded)
    expect(page.locator(".md-header__topic").first).to_contain_text("Anytown leadership academy")
    logo = page.locator(".md-header__button.md-logo img")
    expect(logo).to_have_attribute("src", "assets/brand/example-logo.svg")
    assert page.evaluate("document.querySelector('.md-header__button.md-logo img').naturalWidth") > 0
    header_bg = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header_bg == "rgb(124, 40, 85)"
    expect(page.locator(".md-copyright")).to_contain_text("Anytown NHS Trust")
    expect(page.locator(".md-copyright")).to_contain_text("Run by the Anytown organisational development team")
    assert page.locator('meta[name="course-storage"]').get_attribute("content") == "anytown-leadership"
    page.goto(branded + "organisations/accessibility/")
    expect(page.locator("[data-course-contact] a")).to_have_attribute("href", "mailto:learning@anytown.example")
    # A quiz saves under the organisation's namespace.
    page.goto(branded + "modules/01-what-is-system-leadership/")
    answer_quiz_correctly(page, "module-01")
    assert page.evaluate("Object.keys(localStorage).some(k => k.startsWith('anytown-leadership:v1:quiz:module-01'))")
    for path in ["", "modules/06-five-factors/", "case-studies/london-stroke/", "practice/quizzes/", "learner/progress/"]:
        page.goto(branded + path)
    guard.check()
    outside = [u for u in guard.requests if not urlsplit(u).path.startswith("/" + SUB) and urlsplit(u).scheme.startswith("http")]
    assert not outside, outside[:10]


def test_every_link_and_asset_resolves_under_the_sub_path(branded_dir):
    import sitecheck
    problems = sitecheck.check(branded_dir, base="/" + SUB)
    assert not problems, "\n".join(problems[:40])


def csp_from_hosting_page() -> str:
    import re
    doc = (ROOT / "docs" / "organisations" / "hosting.md").read_text()
    return re.search(r'add_header Content-Security-Policy "([^"]+)"', doc).group(1)


def test_documented_security_headers_cause_no_violations(site_dir, browser):
    server = Server(site_dir, headers={"Content-Security-Policy": csp_from_hosting_page(),
                                       "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})
    ctx = browser.new_context()
    page = ctx.new_page()
    guard = Guard(page)
    try:
        for path in ["", "modules/06-five-factors/", "practice/quizzes/module-06/", "practice/scenarios/london-stroke-units/",
                     "practice/self-assessment/five-factors/", "learner/progress/", "tutors/assign/"]:
            page.goto(server.url + path)
            page.wait_for_load_state("networkidle")
        page.goto(server.url + "modules/06-five-factors/")
        answer_quiz_correctly(page, "module-06")
        expect(page.locator("#quiz-module-06 [data-cq-score]")).to_contain_text("You passed")
        guard.check()
    finally:
        ctx.close()
        server.close()


def test_bad_branding_is_a_clear_error(tmp_path):
    text = """INHERIT: mkdocs.yml
extra:
  course:
    primary_colour: "red; } body { display: none"
    logo: assets/brand/missing.svg
    labs: false
"""
    with temp_config("badbrand", text) as config:
        result = build(config, tmp_path / "out")
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    assert "2 problems in the branding settings:" in out
    assert "mkdocs.yml (extra.course.primary_colour): expected a CSS colour such as '#005eb8'" in out
    assert "mkdocs.yml (extra.course.logo): the logo file 'assets/brand/missing.svg' is not in docs/." in out


def test_offline_edition_works_from_file_urls(tmp_path, browser):
    dest = tmp_path / "offline"
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "site.py"), "offline", str(dest)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "offline.zip").stat().st_size > 100_000
    ctx = browser.new_context()
    page = ctx.new_page()
    guard = Guard(page)
    page.goto((dest / "index.html").as_uri())
    page.get_by_role("link", name="Module 1: What system leadership is, and why now").first.click()
    assert page.url.startswith("file://") and page.url.endswith(".html")
    answer_quiz_correctly(page, "module-01")
    expect(page.locator("#quiz-module-01 [data-cq-score]")).to_contain_text("You passed")
    page.reload()
    expect(page.locator("#quiz-module-01 [data-cq-score]")).to_contain_text("You passed")
    page.goto((dest / "learner" / "progress.html").as_uri())
    expect(page.locator("[data-cp-table]")).to_contain_text("Best 100%")
    # Search works from the files too (Material's worker runs through the site-served shim).
    page.goto((dest / "index.html").as_uri())
    page.locator(".md-search__input").click()
    results = page.locator(".md-search-result__item")
    for _ in range(20):  # Material searches on key presses; if its worker is not ready yet, type again
        page.locator(".md-search__input").fill("")
        page.keyboard.type("Carnall", delay=30)
        page.wait_for_timeout(500)
        if results.count():
            break
    expect(results.first).to_be_visible()
    assert not [u for u in guard.requests if not u.startswith(("file:", "data:", "blob:", "about:"))]
    assert not guard.errors, guard.errors
    ctx.close()


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + p.read_bytes())
    return h.hexdigest()


def test_publish_swaps_only_a_passing_build(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git", ".cache", "labs", "__pycache__"))
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text().replace("labs: true", "labs: false"))
    dest = tmp_path / "www" / "course"
    publish = [sys.executable, str(project / "tools" / "site.py"), "publish", str(dest)]
    ok = subprocess.run(publish, capture_output=True, text=True, cwd=project)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    before = digest(dest)
    (project / "quizzes" / "broken.yml").write_text("id: broken\ntitle: Broken\nquestions: [\n")
    bad = subprocess.run(publish, capture_output=True, text=True, cwd=project)
    assert bad.returncode == 1
    assert "quizzes/broken.yml, line 4: this is not valid YAML" in bad.stderr
    assert "nothing was published" in bad.stderr and "Traceback" not in bad.stderr
    assert digest(dest) == before
    assert sorted(p.name for p in dest.parent.iterdir()) == ["course"]
