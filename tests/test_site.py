"""The whole built course: every page in Chromium (no console errors, no request leaving
127.0.0.1, zero axe violations), LinkChecker, and the structure every module and case must have."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_axe

pytestmark = pytest.mark.browser


def all_pages(site_dir: Path) -> list[str]:
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.startswith(("labs/lite/", "assets/", "downloads/")):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def test_strict_build_produced_every_section(site_dir):
    for page in ["index.html", "modules/index.html", "case-studies/index.html", "practice/quizzes/index.html",
                 "practice/scenarios/index.html", "tutors/index.html", "organisations/index.html", "about/index.html"]:
        assert (site_dir / page).is_file(), page


def test_every_page_is_accessible_and_private(browser, site, site_dir):
    """Each page: no console error, no request off loopback, axe 0 violations (WCAG A/AA)."""
    from conftest import Guard
    failures = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    guard = Guard(page)
    pages = all_pages(site_dir)
    assert len(pages) > 40
    for rel in pages:
        guard.errors.clear()
        page.goto(site + rel, wait_until="load")
        violations = run_axe(page)
        if violations or guard.errors:
            failures.append(f"{rel}: {violations} {guard.errors}")
    context.close()
    assert not guard.external, "requests left the site: " + ", ".join(sorted(set(guard.external))[:10])
    assert not failures, "\n".join(failures)


def test_linkchecker_finds_no_broken_links_or_anchors(site):
    linkchecker = Path(sys.executable).parent / "linkchecker"
    result = subprocess.run(
        [str(linkchecker), "--config", str(ROOT / "tests" / "linkcheckerrc"), "--no-status", site],
        capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\b0 errors found", result.stdout), result.stdout[-2000:]


def test_every_internal_link_and_anchor_resolves(site_dir):
    import sitecheck
    problems = sitecheck.check(site_dir)
    assert not problems, "\n".join(problems[:40])


MODULES = sorted((ROOT / "docs" / "modules").glob("[0-9][0-9]-*.md"))
CASES = sorted(p for p in (ROOT / "case_studies").glob("*/index.md"))


@pytest.mark.parametrize("path", MODULES, ids=[p.stem for p in MODULES])
def test_module_page_has_every_part(site_dir, path):
    """Outcomes, activities with model answers, reflection, quiz, sources: a missing part fails."""
    number = path.stem[:2]
    html = (site_dir / "modules" / path.stem / "index.html").read_text()
    assert 'id="learning-outcomes"' in html
    outcomes = re.search(r'id="learning-outcomes".*?<ul>(.*?)</ul>', html, re.S).group(1)
    assert 3 <= outcomes.count("<li>") <= 5
    assert html.count('class="admonition activity"') >= 2
    assert html.count('class="answer"') >= html.count('class="admonition activity"') - 0
    assert 'class="admonition reflection"' in html and 'data-cr-key=' in html
    assert 'class="admonition example"' in html  # an "in practice" example
    assert f'data-cq-quiz="module-{number}"' in html
    assert 'id="sources"' in html and 'id="related"' in html
    text = path.read_text()
    assert re.search(r"^reading_time:\s*\d+", text, re.M), "front matter needs reading_time"


@pytest.mark.parametrize("path", CASES, ids=[p.parent.name for p in CASES])
def test_case_study_page_has_every_part(site_dir, path):
    slug = path.parent.name
    html = (site_dir / "case-studies" / slug / "index.html").read_text()
    assert 'class="admonition info"' in html and "At a glance" in html
    for anchor in ["the-challenge", "what-leaders-did", "what-changed", "what-did-not-go-to-plan",
                   "the-leadership", "the-five-factors", "the-four-domains", "voices", "a-critical-perspective",
                   "discussion-questions", "sources"]:
        assert f'id="{anchor}"' in html, f"{slug} lacks the section #{anchor}"
    assert "data-cs-scenario=" in html, f"{slug} places no scenario"
    assert f'data-cq-quiz="case-{slug}"' in html
    assert 'class="admonition reflection"' in html
    assert "Notes for facilitators" in html


def test_search_finds_the_prose_but_never_quiz_answers_or_scenario_branches(site_dir):
    """Interactive pieces are put in after search indexing: a learner searching the course finds
    modules and cases, and no search result gives away an answer, its feedback or a branch."""
    import html as htmllib
    import json

    sys.path.insert(0, str(ROOT / "hooks"))
    from course.library import load_library

    index = json.loads((site_dir / "search" / "search_index.json").read_text())
    text = htmllib.unescape(" ".join(d["title"] + " " + d["text"] for d in index["docs"]))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
    assert "Five factors for leading together" in text and "Surfacing and resolving conflict" in text
    lib = load_library(ROOT)
    secrets = [c.feedback for q in lib.all("quiz") for qu in q.questions for c in qu.choices if c.feedback]
    secrets += [node.text for s in lib.all("scenario") for node in s.nodes if node.id != s.start]
    plain = [re.sub(r"\s+", " ", t).strip()[:60] for t in secrets if re.fullmatch(r"[\w ,.'’-]{60,}.*", re.sub(r"\s+", " ", t).strip(), re.S)]
    assert len(plain) > 100
    prose = re.sub(r"\s+", " ", " ".join(p.read_text() for folder in ("docs", "case_studies") for p in (ROOT / folder).rglob("*.md")))
    found = [t for t in plain if t in text and t not in prose]  # a module may say what a feedback says
    assert not found, f"{len(found)} answer or branch texts are in the search index, e.g. {found[:3]}"


def test_every_script_waits_for_the_page_to_be_parsed(site_dir):
    """Material's bundle and the course's scripts are all deferred (overrides/main.html), so no script
    holds up the first paint of the text. A Material upgrade that changes its script tag fails here."""
    for page in ["index.html", "modules/06-five-factors/index.html", "practice/scenarios/london-stroke-units/index.html"]:
        html = (site_dir / page).read_text()
        scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
        assert any("assets/javascripts/bundle." in s for s in scripts), page
        assert scripts and all(" defer" in s for s in scripts), [s for s in scripts if " defer" not in s]


def test_every_page_has_exactly_one_main_heading(site_dir):
    """One <h1> a page: Material adds the page title as <h1> unless the content has one, so content
    put in after Material's template (the interactive pieces) must never carry its own <h1>."""
    wrong = {}
    for page in all_pages(site_dir):
        html = (site_dir / (page + "index.html" if page == "" or page.endswith("/") else page)).read_text()
        count = len(re.findall(r"<h1\b", html))
        if count != 1:
            wrong[page] = count
    assert not wrong, wrong


SHIFTS = """window.__shifts = [];
new PerformanceObserver(l => { for (const e of l.getEntries()) window.__shifts.push(e.value); })
  .observe({type: 'layout-shift', buffered: true});"""


def test_light_and_dark_follow_the_system_until_the_learner_switches(browser, site):
    """overrides/partials/palette*.html stand in for Material's palette component, which restyled whole
    pages twice on every load. Colours are set while only the header exists; the switch works by
    mouse and keyboard and is remembered; nothing on the page moves; without JavaScript it is hidden."""
    from playwright.sync_api import expect
    scheme = "document.body.dataset.mdColorScheme"
    saved = "Object.keys(localStorage).filter(k => k.endsWith('.__palette')).length"
    for system, first, other in [("light", "default", "slate"), ("dark", "slate", "default")]:
        ctx = browser.new_context(color_scheme=system, viewport={"width": 412, "height": 823})
        page = ctx.new_page()
        page.add_init_script(SHIFTS)
        page.goto(site + "modules/06-five-factors/", wait_until="networkidle")
        assert page.evaluate(scheme) == first
        assert page.locator("[data-md-component=palette]").count() == 0  # Material's component is not mounted
        assert page.evaluate(saved) == 0  # nothing stored until the learner chooses
        assert page.evaluate("window.__shifts") == []
        switch = page.locator("[data-course-palette] label:visible")
        expect(switch).to_have_count(1)
        expect(switch).to_have_attribute("title", f"Switch to {'dark' if first == 'default' else 'light'} mode")
        switch.click()
        assert page.evaluate(scheme) == other
        assert page.locator('meta[name="color-scheme"]').get_attribute("content") == ("dark" if other == "slate" else "light")
        expect(page.locator("body")).not_to_have_attribute("data-md-color-switching", "")
        page.reload(wait_until="networkidle")
        assert page.evaluate(scheme) == other and page.evaluate(saved) == 1
        page.locator("[data-course-palette] input:checked").focus()
        page.keyboard.press("Enter")
        assert page.evaluate(scheme) == first
        ctx.close()
    # Storage blocked (private browsing, strict settings): the switch still works, without errors.
    ctx = browser.new_context()
    ctx.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('no', 'SecurityError'); }});")
    page = ctx.new_page()
    page.goto(site + "modules/06-five-factors/")
    errors = []
    page.on("pageerror", lambda e: errors.append(e.message))
    page.locator("[data-course-palette] label:visible").click()
    assert page.evaluate(scheme) == "slate" and errors == []
    ctx.close()
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(site + "modules/06-five-factors/")
    expect(page.locator("[data-course-palette]")).to_be_hidden()
    ctx.close()
