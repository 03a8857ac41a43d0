"""Self-assessments in a real browser (Chromium): rate by keyboard and clicks, the radar chart and
its table, next steps for the weakest dimension, saved results compared over time, JSON and CSV
export, reload, print, no JavaScript, and axe."""
import csv
import io
import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
A = "#assessment-mini-check"
S = "#assessment-mini-spectrum"
KEY = "minisite:v1:assessment:mini-check"


def open_page(page, minisite, clear=True):
    page.goto(minisite + "assessment/")
    if clear:
        page.evaluate("localStorage.clear()")
        page.reload()
    expect(page.locator(f"{A} [data-ca-save]")).to_be_visible()


def item(page, item_id, root=A):
    return page.locator(f'{root} [data-ca-item="{item_id}"]')


def rate_first_time(page):
    """aim 2 and challenge 2 by clicks; truths 1 and meet 3 by keyboard (Space, then arrows)."""
    item(page, "aim").get_by_label(re.compile("Fair: Some agree")).check()
    item(page, "truths").locator("input").first.focus()
    page.keyboard.press("Space")
    item(page, "meet").locator("input").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    item(page, "challenge").get_by_text("Partly safe").click()


def table_rows(page, root=A):
    return [[c.strip() for c in row] for row in page.locator(f"{root} [data-ca-table] tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))")]


def polygon(page, cls):
    points = page.locator(f"{A} [data-ca-chart] polygon.{cls}").get_attribute("points")
    return [tuple(float(v) for v in p.split(",")) for p in points.split()]


def close(a, b):
    return all(abs(x - y) < 0.05 for p, q in zip(a, b) for x, y in zip(p, q)) and len(a) == len(b)


def test_rate_by_keyboard_and_clicks_then_see_radar_table_and_next_steps(page, minisite, guard):
    open_page(page, minisite)
    results = page.locator(f"{A} [data-ca-results]")
    expect(results).to_be_hidden()
    expect(page.locator(f"{A} [data-ca-nojs]")).to_be_hidden()
    rate_first_time(page)
    expect(item(page, "meet").get_by_label(re.compile("Good: Weekly"))).to_be_checked()
    expect(item(page, "truths").get_by_label(re.compile("Weak: Never"))).to_be_checked()
    expect(results).to_be_visible()
    # Radar: three axes; radius = 100 * (score - min + 1) / points, first axis pointing up.
    svg = page.locator(f"{A} [data-ca-chart] svg[role=img]")
    expect(svg).to_be_visible()
    assert "table below" in svg.get_attribute("aria-label")
    expect(svg.locator("text")).to_have_count(3)
    assert close(polygon(page, "ca-now"), [(0, -50), (86.60, 50), (-57.74, 33.33)])
    expect(page.locator(f"{A} [data-ca-chart] polygon.ca-first")).to_have_count(0)
    # The text equivalent: a table of the same figures.
    expect(page.locator(f"{A} [data-ca-table] caption")).to_contain_text("Your scores")
    assert table_rows(page) == [["Shared purpose", "1.5"], ["Personal contact", "3"], ["Conflict", "2"]]
    # show_weakest: 1, so only the weakest dimension's next steps, with a working link.
    weak = page.locator(f"{A} [data-ca-weak]")
    expect(weak).to_contain_text("Shared purpose: 1.5 of 3")
    expect(weak).to_contain_text("Purpose steps.")
    expect(weak).not_to_contain_text("Conflict steps.")
    assert weak.get_by_role("link", name="the anchor").get_attribute("href") == "../other/#an-anchor"
    # Changing a rating redraws at once: conflict drops to 1, and becomes the weakest.
    item(page, "challenge").get_by_label(re.compile("Weak: Not safe")).check()
    expect(weak).to_contain_text("Conflict: 1 of 3")
    expect(weak).to_contain_text("Conflict steps.")
    expect(weak).not_to_contain_text("Purpose steps.")


def test_save_twice_compare_export_and_reload(page, minisite, guard):
    open_page(page, minisite)
    status = page.locator(f"{A} [data-ca-status]")
    item(page, "aim").get_by_label(re.compile("Fair: Some agree")).check()
    page.get_by_role("button", name="Save this result").first.click()
    expect(status).to_have_text("Choose a level for every item first (3 left).")
    rate_first_time(page)
    page.get_by_role("button", name="Save this result").first.click()
    expect(status).to_have_text("Saved. You have 1 saved result.")
    history = page.locator(f"{A} [data-ca-history]")
    expect(history).to_contain_text("Saved results: 1, first ")
    expect(history).to_contain_text("Save again later to compare")
    # A later check: hard truths now faced sometimes (3), meetings rarer (1).
    item(page, "truths").get_by_label(re.compile("Good: Always")).check()
    item(page, "meet").get_by_label(re.compile("Weak: Rarely")).check()
    page.get_by_role("button", name="Save this result").first.click()
    expect(status).to_have_text("Saved. You have 2 saved results.")

    def check_comparison():
        heads = page.locator(f"{A} [data-ca-table] thead th").all_inner_texts()
        assert heads[0] == "Dimension" and heads[1] == "Now (1 to 3)"
        assert heads[2].startswith("First saved, ") and heads[3].startswith("Latest saved, ") and heads[4] == "Change"
        assert table_rows(page) == [["Shared purpose", "2.5", "1.5", "2.5", "+1"],
                                    ["Personal contact", "1", "3", "1", "-2"],
                                    ["Conflict", "2", "2", "2", "0"]]
        # First (dashed) and now overlaid on one radar, with a key naming both.
        assert close(polygon(page, "ca-first"), [(0, -50), (86.60, 50), (-57.74, 33.33)])
        assert close(polygon(page, "ca-now"), [(0, -83.33), (28.87, 16.67), (-57.74, 33.33)])
        expect(page.locator(f"{A} .ca-key")).to_contain_text("First saved, ")
        expect(history).to_contain_text(re.compile(r"Saved results: 2, first .+, latest "))

    check_comparison()

    with page.expect_download() as info:
        page.locator(A).get_by_role("button", name="Download results (JSON)").click()
    download = info.value
    assert download.suggested_filename == "mini-check-results.json"
    data = json.loads(open(download.path(), encoding="utf-8").read())
    assert data["assessment_id"] == "mini-check" and data["type"] == "rating" and data["scale"] == {"min": 1, "max": 3}
    assert [r["scores"] for r in data["results"]] == [{"aim": 2, "truths": 1, "meet": 3, "challenge": 2},
                                                     {"aim": 2, "truths": 3, "meet": 1, "challenge": 2}]
    assert data["results"][1]["dimensions"] == {"purpose": 2.5, "contact": 1, "conflict": 2}
    taken = [r["taken_at"] for r in data["results"]]
    assert all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", t) for t in taken) and taken[0] <= taken[1]

    with page.expect_download() as info:
        page.locator(A).get_by_role("button", name="Download results (CSV)").click()
    download = info.value
    assert download.suggested_filename == "mini-check-results.csv"
    rows = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8", newline="").read())))
    assert rows[0] == ["assessment_id", "taken_at", "dimension", "item", "score"]
    assert len(rows) == 1 + 2 * 4
    assert rows[1] == ["mini-check", taken[0], "purpose", "aim", "2"]
    assert rows[-1] == ["mini-check", taken[1], "conflict", "challenge", "2"]
    assert [r[3] for r in rows[5:]] == ["aim", "truths", "meet", "challenge"]

    page.reload()
    expect(item(page, "truths").get_by_label(re.compile("Good: Always"))).to_be_checked()
    check_comparison()
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}'))")
    assert len(saved["results"]) == 2 and saved["current"] == {"aim": 2, "truths": 3, "meet": 1, "challenge": 2}


def test_clear_and_delete_saved_results(page, minisite, guard):
    open_page(page, minisite)
    rate_first_time(page)
    page.get_by_role("button", name="Save this result").first.click()
    page.locator(A).get_by_role("button", name="Clear my choices").click()
    expect(page.locator(f"{A} input:checked")).to_have_count(0)
    expect(page.locator(f"{A} [data-ca-history]")).to_contain_text("Saved results: 1")
    page.once("dialog", lambda d: d.accept())
    page.locator(A).get_by_role("button", name="Delete saved results").click()
    expect(page.locator(f"{A} [data-ca-results]")).to_be_hidden()
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}')).results") == []


def test_spectrum_profile_places_each_contrast(page, minisite, guard):
    open_page(page, minisite)
    for item_id, value in (("hier", "2"), ("short", "4"), ("self", "1")):
        item(page, item_id, S).locator(f'input[value="{value}"]').check()
    marks = page.locator(f"{S} .ca-profile .ca-mark.ca-now")
    expect(marks).to_have_count(3)
    assert marks.evaluate_all("ms => ms.map(m => m.style.left)") == ["25%", "75%", "0%"]
    assert table_rows(page, S) == [["Hierarchical → Horizontal", "2"], ["Short-term → Long-term", "4"],
                                   ["Self-centred → Altruistic", "1"]]
    weak = page.locator(f"{S} [data-ca-weak]")
    expect(weak.locator(".ca-wname")).to_have_text(["Self-centred → Altruistic: 1 of 5", "Hierarchical → Horizontal: 2 of 5"])
    expect(weak).to_contain_text("Hierarchy steps.")
    expect(weak).not_to_contain_text("Long-term steps.")
    # The two tools on one page keep separate results.
    assert page.evaluate("localStorage.getItem('minisite:v1:assessment:mini-check')") is None


def test_print_shows_the_profile_not_the_buttons(page, minisite, guard):
    open_page(page, minisite)
    rate_first_time(page)
    page.emulate_media(media="print")
    expect(page.locator(f"{A} [data-ca-results]")).to_be_visible()
    expect(page.locator(f"{A} [data-ca-chart] svg")).to_be_visible()
    expect(page.locator(f"{A} .ca-dims")).to_be_hidden()
    expect(page.locator(f"{A} .ca-actions")).to_be_hidden()
    expect(page.locator(f"{A} .ca-tools")).to_be_hidden()
    # A tool not yet used prints as a blank paper form.
    expect(page.locator(f"{S} .ca-dims")).to_be_visible()


def test_without_javascript_the_form_and_next_steps_are_there(browser, minisite):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(minisite + "assessment/")
    expect(item(page, "aim").get_by_label(re.compile("Everyone agrees"))).to_be_visible()
    expect(page.locator(f"{A} [data-ca-nojs]")).to_be_visible()
    expect(page.locator(f"{A} [data-ca-save]")).to_be_hidden()
    expect(page.locator(f"{A} [data-ca-results]")).to_be_hidden()
    steps = page.locator(f"{A} details.ca-steps").first
    steps.locator("summary").click()
    expect(steps).to_contain_text("Purpose steps.")
    expect(page.locator(f"{S} details.ca-steps").first.locator("summary")).to_have_text("Next steps: moving towards “Horizontal”")
    ctx.close()


def test_storage_blocked_still_draws_the_profile_and_says_so(browser, minisite):
    ctx = browser.new_context()
    ctx.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError'); }});")
    page = ctx.new_page()
    page.goto(minisite + "assessment/")
    expect(page.locator(f"{A} [data-course-note]")).to_contain_text("will not be kept")
    rate_first_time(page)
    expect(page.locator(f"{A} [data-ca-weak]")).to_contain_text("Purpose steps.")
    page.get_by_role("button", name="Save this result").first.click()
    expect(page.locator(f"{A} [data-ca-status]")).to_contain_text("will not be kept")
    ctx.close()


def test_axe_on_assessment_page_with_a_comparison(page, minisite, axe, guard):
    open_page(page, minisite)
    rate_first_time(page)
    page.get_by_role("button", name="Save this result").first.click()
    item(page, "meet").get_by_label(re.compile("Weak: Rarely")).check()
    page.get_by_role("button", name="Save this result").first.click()
    for item_id in ("hier", "short", "self"):
        item(page, item_id, S).locator('input[value="3"]').check()
    expect(page.locator(f"{A} [data-ca-chart] polygon.ca-first")).to_have_count(1)
    assert axe(page) == []


def test_phone_width_has_no_horizontal_scroll(browser, minisite):
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    page = ctx.new_page()
    page.goto(minisite + "assessment/")
    rate_first_time(page)
    for item_id in ("hier", "short", "self"):
        item(page, item_id, S).locator('input[value="5"]').check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    ctx.close()
