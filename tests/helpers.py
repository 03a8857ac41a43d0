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


def problems_for(path, kind: str, pages: dict) -> list[str]:
    """Every problem (as 'severity: text') that loading one YAML file of ``kind`` reports, links included."""
    from pathlib import Path

    from course.kinds import KINDS
    from course.library import Library, check_links, read_file
    from course.problems import Report
    from course.textfields import TextRenderer
    here = Path(__file__).parent
    report = Report()
    model, source = read_file(path, here, KINDS[kind], report)
    if model is not None:
        lib = Library(root=here, report=report)
        lib.items[kind] = {model.id: model}
        lib.sources[(kind, model.id)] = source
        check_links(lib, TextRenderer(pages))
    return [f"{p.severity}: {p}" for p in report.problems]


def expected_for(path) -> list[str]:
    """The '# expect severity: text' lines at the end of a bad-input file."""
    return [line[len("# expect "):].rstrip("\n") for line in path.read_text().splitlines(True)
            if line.startswith("# expect ")]


def assert_every_problem_names_file_line_and_fix(paths, problems_for) -> None:
    """Each problem of each bad-input file starts with that file's path, has a line (unless the file
    is empty) and says how to fix it."""
    for path in paths:
        for text in problems_for(path):
            assert text.split(": ", 1)[1].startswith(f"{path.parent.name}/{path.name}")
            assert " Fix: " in text
            if path.name != "empty.yml":
                assert ", line " in text
