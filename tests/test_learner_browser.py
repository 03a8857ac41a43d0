"""Learner tools on the real course: mark as done, progress, journal, record, data export/import,
storage faults, content edits, assignment links. Everything stays in the browser."""
import json
import re

import pytest
from playwright.sync_api import expect

from helpers import answer_quiz_correctly

pytestmark = pytest.mark.browser
M1 = "modules/01-what-is-system-leadership/"


@pytest.fixture
def fresh(page, site):
    page.goto(site)
    page.evaluate("localStorage.clear()")
    return page


def snapshot(page):
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('syslead:')).map(k => [k, localStorage.getItem(k)]))")


def test_mark_done_plus_quiz_pass_completes_a_module(fresh, site, guard):
    page = fresh
    page.goto(site + M1)
    page.get_by_role("button", name="Mark this module as done").click()
    expect(page.locator("[data-cp-done-status]")).to_contain_text("You marked this as done on")
    expect(page.locator(".md-nav--primary .md-nav__link:has(.cp-tick)")).to_have_count(1)
    assert page.locator('.md-nav__link[href^="#"] .cp-tick').count() == 0  # table-of-contents links are not pages
    page.goto(site + "learner/progress/")
    row = page.locator("tr", has_text="What system leadership is")
    expect(row.first).to_contain_text("Marked as done; quiz not passed yet")
    page.goto(site + M1)
    answer_quiz_correctly(page, "module-01")
    expect(page.locator("#quiz-module-01 [data-cq-score]")).to_contain_text("You passed")
    page.goto(site + "learner/progress/")
    expect(page.locator("tr", has_text="What system leadership is").first).to_contain_text("Done")
    expect(page.locator("[data-cp-continue] a")).to_be_visible()
    page.goto(site + "learner/record/")
    expect(page.locator("[data-cp-recordbody]")).to_contain_text("What system leadership is")
    expect(page.locator("[data-cp-recordbody]")).to_contain_text("Module")


def test_reflections_save_as_you_type_and_fill_the_journal(fresh, site, guard):
    page = fresh
    page.goto(site + M1)
    box = page.locator("[data-cr-key] textarea").first
    box.fill("Our partnership needs a shared aim.\n\nStart with the council.")
    expect(page.locator(".cr-status").first).to_have_text("Saved in this browser.")
    page.reload()
    expect(page.locator("[data-cr-key] textarea").first).to_have_value("Our partnership needs a shared aim.\n\nStart with the council.")
    page.goto(site + "learner/journal/")
    expect(page.locator("[data-cp-entries]")).to_contain_text("Our partnership needs a shared aim.")
    expect(page.locator("[data-cp-entries] .cp-date").first).to_contain_text("Last changed")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download as Markdown").click()
    text = open(dl.value.path()).read()
    assert text.startswith("# My reflection journal") and "Start with the council." in text


def test_back_and_forward_keep_state(fresh, site, guard):
    page = fresh
    page.goto(site + M1)
    quiz = page.locator("#quiz-module-01")
    expect(quiz.locator("[data-cq-submit]")).to_be_visible()  # mounted
    # By value, not position: this quiz shuffles its choices.
    quiz.locator("[data-cq-q]").first.locator('input[value="0"]').check()
    page.goto(site + "learner/progress/")
    page.go_back()
    expect(page.locator("#quiz-module-01 [data-cq-q]").first.locator('input[value="0"]')).to_be_checked()
    page.go_forward()
    expect(page.locator("[data-cp-summary]")).to_contain_text("You have completed")


def test_export_clear_import_round_trip_restores_exactly(fresh, site, guard):
    page = fresh
    page.goto(site + M1)
    page.get_by_role("button", name="Mark this module as done").click()
    page.locator("[data-cr-key] textarea").first.fill("Round trip text")
    expect(page.locator(".cr-status").first).to_have_text("Saved in this browser.")
    # An entry for content that no longer exists must survive too.
    page.evaluate("localStorage.setItem('syslead:v1:quiz:removed-quiz', JSON.stringify({v:1, attempts:2, best:50}))")
    before = snapshot(page)
    page.goto(site + "learner/data/")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download my data").click()
    exported = json.load(open(dl.value.path()))
    assert exported["format"] == "system-leadership-course-data" and exported["version"] == 1
    assert any(e["id"] == "removed-quiz" for e in exported["entries"])
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete all my data").click()
    expect(page.locator("[data-cp-status]")).to_contain_text("has been deleted")
    assert snapshot(page) == {}
    page.set_input_files("#cp-import-file", dl.value.path())
    expect(page.locator("[data-cp-status]")).to_contain_text("Loaded")
    after = snapshot(page)
    # 'meta:last' is rewritten by visiting pages; compare the learner's own data exactly.
    strip = lambda s: {k: v for k, v in s.items() if not k.endswith("meta:last")}  # noqa: E731
    assert strip(after) == strip(before)


@pytest.mark.parametrize("content,message", [
    ("{not json", "not valid JSON"),
    ('{"format": "another-tool", "entries": []}', "not downloaded from this course"),
    ('{"format": "system-leadership-course-data", "version": 1, "namespace": "othercourse", "entries": []}', "different course"),
    ('{"format": "system-leadership-course-data", "version": 1, "namespace": "syslead", "entries": [{"kind": "Bad Kind", "id": 1}]}', "damaged"),
])
def test_bad_or_foreign_import_is_refused_and_changes_nothing(fresh, site, tmp_path, content, message, guard):
    page = fresh
    page.goto(site + M1)
    page.get_by_role("button", name="Mark this module as done").click()
    before = snapshot(page)
    f = tmp_path / "data.json"
    f.write_text(content)
    page.goto(site + "learner/data/")
    page.set_input_files("#cp-import-file", str(f))
    expect(page.locator("[data-cp-status]")).to_contain_text(message)
    expect(page.locator("[data-cp-status]")).to_contain_text("Nothing was changed")
    assert {k: v for k, v in snapshot(page).items() if "meta:last" not in k} == {k: v for k, v in before.items() if "meta:last" not in k}


def test_imported_markup_is_shown_as_text_never_run(fresh, site, tmp_path, guard):
    page = fresh
    evil = '<img src=x onerror="window.__xss=1">'
    data = {"format": "system-leadership-course-data", "version": 1, "namespace": "syslead", "entries": [
        {"kind": "journal", "id": "modules/01-what-is-system-leadership#x", "value": {
            "v": 1, "text": evil, "title": evil, "page": evil, "url": "javascript:window.__xss=2", "updated": "2026-01-01T00:00:00Z"}}]}
    f = tmp_path / "evil.json"
    f.write_text(json.dumps(data))
    page.goto(site + "learner/data/")
    page.set_input_files("#cp-import-file", str(f))
    expect(page.locator("[data-cp-status]")).to_contain_text("Loaded 1")
    page.goto(site + "learner/journal/")
    expect(page.locator("[data-cp-entries] .cp-text")).to_have_text(evil)
    assert page.locator("[data-cp-entries] img").count() == 0
    page.locator("[data-cp-entries] h3 a").click(no_wait_after=True) if page.locator("[data-cp-entries] h3 a").count() else None
    assert page.evaluate("window.__xss") is None


def test_storage_faults_on_learner_pages(browser, site):
    # Blocked storage: pages work and say so.
    ctx = browser.new_context()
    ctx.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('no', 'SecurityError'); }});")
    page = ctx.new_page()
    errors = []  # errors from the course's own scripts (Material's own palette code also throws here)
    page.on("pageerror", lambda e: errors.append(e.stack) if "assets/course/" in (e.stack or "") else None)
    for path in ["learner/progress/", "learner/journal/", "learner/record/", M1]:
        page.goto(site + path)
    page.goto(site + "learner/progress/")
    expect(page.locator("[data-course-note]")).to_contain_text("will not be kept")
    page.goto(site + M1)
    page.get_by_role("button", name="Mark this module as done").click()
    expect(page.locator("[data-cq-note]").first).to_contain_text("will not be kept")
    assert not errors
    ctx.close()
    # Corrupt JSON: set aside, learner told, the other entries untouched.
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(site)
    page.evaluate("""localStorage.setItem('syslead:v1:done:module-01', '{broken');
                     localStorage.setItem('syslead:v1:done:module-02', JSON.stringify({done: true, at: '2026-01-01T00:00:00Z', url: '/x'}));""")
    page.goto(site + "learner/progress/")
    expect(page.locator("[data-course-note]")).to_contain_text("could not be read")
    assert page.evaluate("localStorage.getItem('syslead:v1:done:module-01:unreadable')") == "{broken"
    assert json.loads(page.evaluate("localStorage.getItem('syslead:v1:done:module-02')"))["done"] is True
    ctx.close()
    # Quota exceeded: the learner is told; nothing saved before is lost.
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(site)
    page.evaluate("localStorage.setItem('syslead:v1:journal:keep', JSON.stringify({text: 'kept'}))")
    page.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };")
    page.goto(site + M1)
    page.locator("[data-cr-key] textarea").first.fill("will not fit")
    expect(page.locator(".cr-status").first).to_contain_text("storage for this site is full")
    assert json.loads(page.evaluate("localStorage.getItem('syslead:v1:journal:keep')"))["text"] == "kept"
    ctx.close()


def test_assignment_link_round_trip_and_hostile_parameters(fresh, site, guard):
    page = fresh
    page.goto(site + "tutors/assign/")
    page.get_by_label(re.compile("What system leadership is")).first.check()
    page.get_by_label("Title (optional").fill("Week 1 <b>homework</b>")
    page.get_by_label("Due date (optional)").fill("2026-12-01")
    url = page.locator("[data-cp-url]").input_value()
    assert "quiz=module-01" in url and "due=2026-12-01" in url
    page.goto(url)
    body = page.locator("[data-cp-abody]")
    expect(body.locator("h2")).to_have_text("Week 1 <b>homework</b>")
    expect(body).to_contain_text("Due by 1 December 2026")
    expect(body).to_contain_text("You have completed 0 of 1.")
    body.get_by_role("link").first.click()
    answer_quiz_correctly(page, "module-01")
    page.goto(url)
    expect(page.locator("[data-cp-abody]")).to_contain_text("You have completed 1 of 1.")
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download my summary (JSON)").click()
    summary = json.load(open(dl.value.path()))
    assert summary["completed"] == 1 and summary["items"][0]["id"] == "module-01"
    hostile = (site + 'learner/assignment/?title=<script>window.__xss=1</script>&msg=<img src=x onerror="window.__xss=2">'
               '&due="><svg onload=window.__xss=3>&quiz=<b>x</b>&quiz=module-02')
    page.goto(hostile)
    expect(page.locator("[data-cp-abody] h2")).to_have_text("<script>window.__xss=1</script>")
    expect(page.locator("[data-cp-abody] .cp-msg")).to_have_text('<img src=x onerror="window.__xss=2">')
    expect(page.locator("[data-cp-abody]")).to_contain_text("1 item in this link is not part of this course")
    assert page.locator("[data-cp-abody] img, [data-cp-abody] svg, [data-cp-abody] script").count() == 0
    assert page.evaluate("window.__xss") is None
    assert page.locator(".cp-due").count() == 0


@pytest.mark.parametrize("path", ["learner/progress/", "learner/journal/", "learner/record/", "learner/data/", "tutors/assign/",
                                  "learner/assignment/?quiz=module-01&title=Week+1"])
def test_learner_pages_have_no_axe_violations_with_data(fresh, site, path, axe, guard):
    page = fresh
    page.goto(site + M1)
    page.get_by_role("button", name="Mark this module as done").click()
    page.locator("[data-cr-key] textarea").first.fill("An entry")
    expect(page.locator(".cr-status").first).to_have_text("Saved in this browser.")
    page.goto(site + path)
    assert axe(page) == []
