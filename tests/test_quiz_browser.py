"""Quizzes in a real browser (Chromium): answer each type right and wrong, keyboard use, reload,
storage faults and no JavaScript."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
Q = "#quiz-all-types"


def q(page, qid):
    return page.locator(f"{Q}-{qid}")


def open_quiz(page, minisite, clear=True):
    page.goto(minisite)
    if clear:
        page.evaluate("localStorage.clear()")
        page.reload()
    expect(page.locator(f"{Q} [data-cq-submit]")).to_be_visible()


def test_single_choice_right_and_wrong(page, minisite, guard):
    open_quiz(page, minisite)
    single = q(page, "single")
    single.get_by_label("Each organisation's own targets").check()
    single.get_by_role("button", name="Check answer").click()
    fb = single.locator("[data-cq-feedback]")
    expect(fb).to_contain_text("Not quite.")
    expect(fb).to_contain_text("Not quite: those pull apart.")
    # after_attempt: the answer is revealed and the question locked
    expect(single.locator("details[data-cq-solution]")).to_be_visible()
    expect(single.get_by_label("One agreed aim across organisations")).to_be_disabled()
    page.get_by_role("button", name="Finish and see my score").click()
    expect(page.locator(f"{Q} [data-cq-score]")).to_contain_text("You scored 0 out of 5 (0%)")
    page.get_by_role("button", name="Try again").click()
    single.get_by_label("One agreed aim across organisations").check()
    single.get_by_role("button", name="Check answer").click()
    expect(fb).to_contain_text("Correct.")
    expect(fb).to_contain_text("Right: partners agree the aim.")


def test_multiple_and_true_false(page, minisite, guard):
    open_quiz(page, minisite)
    multi = q(page, "multiple")
    multi.get_by_label("Frequent personal contact").check()
    multi.get_by_role("button", name="Check answer").click()
    expect(multi.locator("[data-cq-feedback]")).to_contain_text("Not quite.")
    tf = q(page, "tf")
    tf.get_by_label("False").check()
    tf.get_by_role("button", name="Check answer").click()
    expect(tf.locator("[data-cq-feedback]")).to_contain_text("Correct.")
    expect(tf.locator("[data-cq-feedback]")).to_contain_text("Right.")


def test_ordering_and_matching_by_keyboard_only(page, minisite, guard):
    open_quiz(page, minisite)
    order = q(page, "order")
    items = lambda: order.locator(".cq-item").all_inner_texts()  # noqa: E731
    start = items()
    assert sorted(start) == ["First", "Second", "Third"] and start != ["First", "Second", "Third"]
    # Keyboard only: focus a Move button and press Enter until the order is right.
    for _ in range(6):
        current = items()
        if current == ["First", "Second", "Third"]:
            break
        target = {"First": 0, "Second": 1, "Third": 2}
        i = next(i for i, t in enumerate(current) if target[t] != i)
        wanted = [t for t in current if target[t] == i][0]
        btn = order.locator("li", has_text=wanted).get_by_role("button", name=re.compile("^Move up"))
        btn.focus()
        page.keyboard.press("Enter")
    assert items() == ["First", "Second", "Third"]
    expect(order.locator("[data-cq-feedback]")).to_contain_text("Moved to position")
    order.get_by_role("button", name="Check answer").focus()
    page.keyboard.press("Enter")
    expect(order.locator("[data-cq-feedback]")).to_contain_text("Correct.")

    match = q(page, "match")
    for left, right in (("A", "One"), ("B", "Two"), ("C", "Three")):
        sel = match.get_by_label(left, exact=True)
        sel.focus()
        sel.select_option(label=right)  # a native select: keyboard-operable
    match.get_by_role("button", name="Check answer").focus()
    page.keyboard.press("Enter")
    expect(match.locator("[data-cq-feedback]")).to_contain_text("Correct.")


def test_reflection_compare_and_rate(page, minisite, guard):
    open_quiz(page, minisite)
    r = q(page, "reflect")
    r.get_by_label(re.compile("Your answer")).fill("No one organisation can do it alone.")
    r.get_by_role("button", name="Compare with the model answer").click()
    expect(r.locator(".cq-model")).to_be_visible()
    r.get_by_label("Partly").check()
    page.reload()
    r = q(page, "reflect")
    expect(r.get_by_label(re.compile("Your answer"))).to_have_value("No one organisation can do it alone.")
    expect(r.get_by_label("Partly")).to_be_checked()


def test_full_score_persists_across_reload(page, minisite, guard):
    open_quiz(page, minisite)
    q(page, "single").get_by_label("One agreed aim across organisations").check()
    q(page, "multiple").get_by_label("Frequent personal contact").check()
    q(page, "multiple").get_by_label("Committing for the long term").check()
    q(page, "tf").get_by_label("False").check()
    for left, right in (("A", "One"), ("B", "Two"), ("C", "Three")):
        q(page, "match").get_by_label(left, exact=True).select_option(label=right)
    page.get_by_role("button", name="Finish and see my score").click()
    score = page.locator(f"{Q} [data-cq-score]")
    expect(score).to_contain_text(re.compile(r"You scored [45] out of 5"))
    page.reload()
    expect(score).to_contain_text(re.compile(r"You scored [45] out of 5"))
    saved = page.evaluate("JSON.parse(localStorage.getItem('minisite:v1:quiz:all-types'))")
    assert saved["attempts"] == 1 and saved["submitted"] is True and saved["best"] >= 80
    assert saved["answers"]["tf"] == "false"


def test_storage_blocked_still_works_and_says_so(browser, minisite):
    ctx = browser.new_context()
    ctx.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError'); }});")
    page = ctx.new_page()
    page.goto(minisite)
    note = page.locator(f"{Q} [data-cq-note]")
    expect(note).to_contain_text("will not be kept")
    q(page, "tf").get_by_label("False").check()
    q(page, "tf").get_by_role("button", name="Check answer").click()
    expect(q(page, "tf").locator("[data-cq-feedback]")).to_contain_text("Correct.")
    ctx.close()


def test_corrupt_storage_is_set_aside(page, minisite, guard):
    page.goto(minisite)
    page.evaluate("localStorage.setItem('minisite:v1:quiz:all-types', '{not json')")
    page.reload()
    expect(page.locator(f"{Q} [data-cq-note]")).to_contain_text("could not be read")
    assert page.evaluate("localStorage.getItem('minisite:v1:quiz:all-types:unreadable')") == "{not json"


def test_quota_full_is_reported(browser, minisite):
    ctx = browser.new_context()
    ctx.add_init_script("Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };")
    page = ctx.new_page()
    page.goto(minisite)
    q(page, "tf").get_by_label("False").check()
    expect(page.locator(f"{Q} [data-cq-note]")).to_contain_text("storage for this site is full")
    ctx.close()


def test_without_javascript_questions_and_answers_are_reachable(browser, minisite):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(minisite)
    expect(q(page, "single").get_by_label("One agreed aim across organisations")).to_be_visible()
    expect(page.locator(f"{Q} [data-cq-check]").first).to_be_hidden()
    details = q(page, "order").locator("details[data-cq-solution]")
    details.locator("summary").click()
    expect(details).to_contain_text("The right order:")
    expect(details.locator("li").first).to_have_text("First")
    ctx.close()


def test_axe_on_quiz_page(page, minisite, axe, guard):
    open_quiz(page, minisite)
    q(page, "tf").get_by_label("True").check()
    q(page, "tf").get_by_role("button", name="Check answer").click()
    assert axe(page) == []


def test_phone_width_has_no_horizontal_scroll(browser, minisite):
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    page = ctx.new_page()
    page.goto(minisite)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    ctx.close()


def test_older_saved_formats_are_migrated_forward_and_kept(browser, minisite):
    """The migration path: an entry saved in an older format is carried into the current one."""
    ctx = browser.new_context()
    ctx.add_init_script("""window.__courseMigrations = {0: function (kind, id, v) {
        return kind === 'quiz' ? {v: 1, attempts: v.tries, answers: {}, checked: {}, best: v.top} : null; }};""")
    page = ctx.new_page()
    page.goto(minisite)
    page.evaluate("localStorage.clear(); localStorage.setItem('minisite:v0:quiz:all-types', JSON.stringify({tries: 3, top: 80}))")
    page.reload()
    saved = page.evaluate("JSON.parse(localStorage.getItem('minisite:v1:quiz:all-types'))")
    assert saved["attempts"] == 3 and saved["best"] == 80
    assert page.evaluate("localStorage.getItem('minisite:v0:quiz:all-types')") is not None
    ctx.close()


def test_an_answer_given_before_the_script_runs_is_kept(page, minisite):
    """On a slow device a learner may tick an answer before course.js has run: it must be saved."""
    page.goto(minisite)
    page.evaluate("localStorage.clear()")
    held = []
    page.route("**/assets/course/course.js", lambda route: held.append(route))
    page.goto(minisite, wait_until="commit")
    q(page, "tf").get_by_label("False").check()
    page.wait_for_function("() => true")
    while not held:
        page.wait_for_timeout(50)
    held[0].continue_()
    expect(page.locator(f"{Q} [data-cq-submit]")).to_be_visible()
    page.wait_for_function("() => localStorage.getItem('minisite:v1:quiz:all-types') !== null")
    saved = page.evaluate("JSON.parse(localStorage.getItem('minisite:v1:quiz:all-types'))")
    assert saved["answers"]["tf"] == "false"
