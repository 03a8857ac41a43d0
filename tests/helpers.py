"""Browser helpers shared by tests: answer a quiz through its real controls."""


def answer_quiz_correctly(page, quiz_id: str) -> None:
    """Select every right answer with clicks, selects and Move buttons; reflections get text."""
    from playwright.sync_api import expect
    quiz = page.locator(f"#quiz-{quiz_id}")
    expect(quiz.locator("[data-cq-submit]")).to_be_visible()  # the page has loaded and course.js has mounted it
    for q in quiz.locator("[data-cq-q]").all():
        kind = q.get_attribute("data-cq-type")
        if kind in ("single", "true_false"):
            q.locator(f'input[value="{q.get_attribute("data-cq-answer")}"]').check()
        elif kind == "multiple":
            for v in q.get_attribute("data-cq-answer").split(","):
                q.locator(f'input[value="{v}"]').check()
        elif kind == "matching":
            for sel in q.locator("select").all():
                sel.select_option(value=sel.get_attribute("data-cq-answer"))
        elif kind == "ordering":
            for _ in range(40):  # bubble the items into place with the Move up buttons
                keys = [int(k) for k in q.locator("[data-cq-order] > li").evaluate_all("els => els.map(e => e.dataset.cqKey)")]
                wrong = next((i for i in range(1, len(keys)) if keys[i] < keys[i - 1]), None)
                if wrong is None:
                    break
                q.locator("[data-cq-order] > li").nth(wrong).locator("[data-cq-move='-1']").click()
        elif kind == "reflection":
            q.locator("textarea").fill("My answer.")
    quiz.locator("[data-cq-submit]").click()
