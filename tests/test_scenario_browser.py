"""Scenarios in a real browser (Chromium): every ending by clicking, state and conditions, back,
restart, reload, edited scenarios, no JavaScript, path replay and download, accessibility."""
import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
S = "#scenario-mini-choice"
KEY = "minisite:v1:scenario:mini-choice"
GOOD = ["Meet the partners one by one", "Ask clinicians to lead the case for change",
        "Agree the case together", "Commit together for the long term"]
MIXED = ["Meet the partners one by one", "Set up a programme board", "Wait for consensus", "Settle for a compromise"]
POOR = ["Write the plan alone", "Publish the plan"]


def open_scenario(page, minisite, clear=True):
    page.goto(minisite + "scenario/")
    if clear:
        page.evaluate("localStorage.clear()")
        page.reload()
    expect(page.locator(f"{S} [data-cs-restart]")).to_be_visible()


def choose(page, text):
    page.locator(S).get_by_role("button", name=text, exact=True).click()


def current(page):
    return page.locator(f"{S} [data-cs-node]:not([hidden])")


def state(page):
    return page.locator(f"{S} .cs-var-value").all_inner_texts()


def test_every_ending_can_be_reached_by_clicking(page, minisite, guard):
    open_scenario(page, minisite)
    for path, title, rating in ((GOOD, "A change that lasts", "Good outcome"),
                                (MIXED, "A compromise", "Mixed outcome"),
                                (POOR, "Stalled", "Poor outcome")):
        for text in path:
            choose(page, text)
        heading = current(page).locator(".cs-node-title")
        expect(heading).to_contain_text(title)
        expect(heading).to_contain_text(rating)
        expect(current(page).locator(".cs-debrief")).to_be_visible()
        expect(current(page).locator("[data-cs-replay] > li")).to_have_count(len(path))
        page.get_by_role("button", name="Restart").click()
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}'))")
    assert sorted(saved["endings"]) == ["ending-good", "ending-mixed", "ending-poor"]
    for text in POOR:
        choose(page, text)
    expect(current(page).locator("[data-cs-found]")).to_have_text("You have reached 3 of 3 endings.")


def test_effects_change_the_state_and_are_clamped(page, minisite, guard):
    open_scenario(page, minisite)
    assert state(page) == ["1 of 3", "0 of 3"]
    choose(page, "Meet the partners one by one")
    assert state(page) == ["2 of 3", "0 of 3"]
    expect(current(page).locator(".cs-result")).to_contain_text("Changes: Trust among partners +1")
    choose(page, "Ask clinicians to lead the case for change")
    choose(page, "Hurry to a decision")
    assert state(page) == ["1 of 3", "2 of 3"]
    choose(page, "Wait for consensus")  # support +2 from 2: clamped to the maximum, 3
    assert state(page) == ["1 of 3", "3 of 3"]
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}')).vars") == {"trust": 1, "support": 3}
    assert page.locator(f"{S} [data-cs-var='support'] meter").evaluate("m => m.value") == 3


def test_conditioned_choice_and_text_appear_only_when_their_condition_holds(page, minisite, guard):
    open_scenario(page, minisite)
    commit = page.locator(S).get_by_role("button", name="Commit together for the long term")
    warm = page.locator(f"{S} [data-cs-node='meet'] .cs-if")
    # trust 0 then 1: no warm welcome, and no way to commit at the end
    choose(page, "Write the plan alone")
    choose(page, "Go back and meet the partners")
    expect(warm).to_be_hidden()
    choose(page, "Ask clinicians to lead the case for change")
    choose(page, "Agree the case together")
    expect(current(page).locator(".cs-node-title")).to_have_text("The moment of decision")
    expect(commit).to_be_hidden()
    expect(page.locator(S).get_by_role("button", name="Settle for a compromise")).to_be_visible()
    # trust 2 and support 2: both appear
    page.get_by_role("button", name="Restart").click()
    choose(page, "Meet the partners one by one")
    expect(warm).to_be_visible()
    expect(warm).to_contain_text("The partners greet you warmly.")
    expect(warm.locator(".cs-cond")).to_be_hidden()  # the "Only if" wording is for readers without JavaScript
    choose(page, "Ask clinicians to lead the case for change")
    choose(page, "Agree the case together")
    expect(commit).to_be_visible()


def test_back_and_restart_move_focus_and_undo_the_state(page, minisite, guard):
    open_scenario(page, minisite)
    back = page.get_by_role("button", name="Back one step")
    expect(back).to_be_disabled()
    choose(page, "Meet the partners one by one")
    assert page.evaluate("document.activeElement.id") == "mini-choice-meet-title"
    expect(page.locator(f"{S} [data-cs-live]")).to_have_text(
        "You chose: Meet the partners one by one. Now: Meeting the partners.")
    choose(page, "Set up a programme board")
    assert state(page) == ["2 of 3", "1 of 3"]
    back.click()
    expect(current(page).locator(".cs-node-title")).to_have_text("Meeting the partners")
    assert state(page) == ["2 of 3", "0 of 3"]
    assert page.evaluate("document.activeElement.id") == "mini-choice-meet-title"
    page.get_by_role("button", name="Restart").click()
    expect(current(page).locator(".cs-node-title")).to_have_text("Where do you start?")
    assert state(page) == ["1 of 3", "0 of 3"]
    expect(back).to_be_disabled()
    expect(page.locator(f"{S} .cs-result")).to_have_count(0)


def test_keyboard_only_play(page, minisite, guard):
    open_scenario(page, minisite)
    page.locator(S).get_by_role("button", name="Write the plan alone").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "mini-choice-plan-title"
    page.keyboard.press("Tab")  # from the heading to the first choice
    assert page.evaluate("document.activeElement.textContent.trim()") == "Publish the plan"
    page.keyboard.press("Enter")
    expect(current(page).locator(".cs-node-title")).to_contain_text("Stalled")


def test_reload_resumes_at_the_same_node_with_the_same_state(page, minisite, guard):
    open_scenario(page, minisite)
    choose(page, "Meet the partners one by one")
    choose(page, "Ask clinicians to lead the case for change")
    page.reload()
    expect(current(page).locator(".cs-node-title")).to_have_text("The clinicians' case")
    assert state(page) == ["2 of 3", "2 of 3"]
    expect(current(page).locator(".cs-result")).to_contain_text("You chose: Ask clinicians to lead the case for change")
    expect(page.locator(f"{S} [data-cs-msg]")).to_be_hidden()
    saved = page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}'))")
    assert saved["node"] == "clinicians" and saved["path"] == [{"n": "briefing", "c": 0}, {"n": "meet", "c": 0}]


@pytest.mark.parametrize("saved", [
    {"node": "gone", "path": [{"n": "briefing", "c": 0}]},
    {"node": "meet", "path": [{"n": "vanished", "c": 0}]},
    {"node": "meet", "path": [{"n": "briefing", "c": 7}]},
])
def test_saved_progress_for_an_edited_scenario_restarts_with_a_message(page, minisite, guard, saved):
    open_scenario(page, minisite)
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(saved))})")
    page.reload()
    expect(page.locator(f"{S} [data-cs-msg]")).to_have_text(
        "This scenario has changed since you last played it, so it starts again from the beginning.")
    expect(current(page).locator(".cs-node-title")).to_have_text("Where do you start?")
    assert state(page) == ["1 of 3", "0 of 3"]
    choose(page, "Write the plan alone")
    expect(page.locator(f"{S} [data-cs-msg]")).to_be_hidden()
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{KEY}')).node") == "plan"


def test_without_javascript_links_lead_to_an_ending(browser, minisite):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(minisite + "scenario/")
    scenario = page.locator(S)
    expect(scenario.get_by_text("(only if Trust among partners is at least 2 and Clinical support is at least 2)")).to_be_visible()
    expect(scenario.get_by_text("Trust among partners: starts at 1 (from 0 to 3).")).to_be_visible()
    scenario.get_by_role("link", name="Write the plan alone").click()
    assert page.url.endswith("#mini-choice-plan")
    plan = page.locator("#mini-choice-plan")
    plan.locator("details.cs-note").first.locator("summary").click()
    expect(plan.locator(".cs-why").first).to_have_text("The plan meets a wall of protest.")
    plan.get_by_role("link", name="Publish the plan").click()
    assert page.url.endswith("#mini-choice-ending-poor")
    expect(page.locator("#mini-choice-ending-poor .cs-debrief")).to_contain_text("Without partners, the plan stalls.")
    expect(page.locator("#mini-choice-ending-poor").get_by_role("link", name="Play again from the start")).to_be_visible()
    expect(page.locator(f"{S} [data-cs-controls]")).to_be_hidden()
    ctx.close()


def test_path_replay_print_and_download_at_an_ending(page, minisite, guard):
    open_scenario(page, minisite)
    for text in GOOD:
        choose(page, text)
    replay = current(page).locator("[data-cs-replay] > li")
    expect(replay).to_have_count(4)
    expect(replay.nth(0)).to_contain_text("Where do you start?")
    expect(replay.nth(0)).to_contain_text("You chose: Meet the partners one by one")
    expect(replay.nth(0)).to_contain_text("Meeting people builds trust.")
    expect(replay.nth(0)).to_contain_text("Not taken: Write the plan alone")
    expect(replay.nth(3)).to_contain_text("Not taken: Settle for a compromise")
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Print my path").click()
    assert page.evaluate("window.__printed") is True
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my path").click()
    download = info.value
    assert download.suggested_filename == "mini-choice-my-path.md"
    text = open(download.path(), encoding="utf-8").read()
    assert text.startswith("# A choice for the test\n\n## Your path\n\n1. Where do you start?\n")
    assert "   You chose: Meet the partners one by one\n" in text
    assert "   Not taken: Write the plan alone\n" in text
    assert "## Ending: Good outcome: A change that lasts" in text
    assert "You built trust and let clinicians lead." in text


def test_tools_only_at_an_ending(page, minisite, guard):
    open_scenario(page, minisite)
    expect(page.get_by_role("button", name="Download my path")).to_be_hidden()
    choose(page, "Write the plan alone")
    expect(page.get_by_role("button", name="Download my path")).to_be_hidden()
    choose(page, "Publish the plan")
    expect(page.get_by_role("button", name="Download my path")).to_be_visible()


def test_axe_on_the_scenario_page(page, minisite, axe, guard):
    open_scenario(page, minisite)
    assert axe(page) == []
    for text in GOOD:
        choose(page, text)
    assert axe(page) == []


def test_axe_on_the_scenario_pages_generated_for_it(page, minisite, axe, guard):
    for path in ("practice/scenarios/mini-choice/", "practice/scenarios/", "tutors/scenarios/mini-choice/",
                 "tutors/scenarios/"):
        page.goto(minisite + path)
        assert axe(page) == [], path
    page.goto(minisite + "tutors/scenarios/mini-choice/")
    expect(page.locator(".cs-map svg[role=img]")).to_be_visible()
    expect(page.locator(".cs-outline > li")).to_have_count(9)


def test_axe_without_javascript(browser, minisite, axe):
    """The link-based version: the site's scripts are blocked (axe itself is injected inline)."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.route("**/*.js", lambda route: route.abort())
    page.goto(minisite + "scenario/")
    expect(page.locator(f"{S} .cs-how")).to_be_visible()
    assert axe(page) == []
    ctx.close()


def test_before_the_script_runs_only_the_first_step_shows_and_links_still_work(browser, minisite):
    """With JavaScript on, course.css hides every step but the first until scenario.js takes over (no
    flash of all the branches). If the script never arrives, following a choice still shows its step."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.route("**/scenario.js", lambda route: route.abort())
    page.goto(minisite + "scenario/")
    expect(page.locator("html")).to_have_class(re.compile(r"\bjs\b"))  # set by Material's script (and in <head> by the course's theme)
    steps = page.locator(f"{S} [data-cs-node]")
    assert steps.count() > 3
    expect(page.locator(f"{S} [data-cs-node]:visible")).to_have_count(1)
    expect(page.locator(f"{S} [data-cs-node]:visible")).to_have_attribute("data-cs-node", "briefing")
    page.locator(S).get_by_role("link", name="Write the plan alone").click()
    expect(page.locator("#mini-choice-plan")).to_be_visible()
    page.locator("#mini-choice-plan").get_by_role("link", name="Publish the plan").click()
    expect(page.locator("#mini-choice-ending-poor .cs-debrief")).to_contain_text("Without partners, the plan stalls.")
    ctx.close()
