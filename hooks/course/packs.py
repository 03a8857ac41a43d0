"""Printable packs for tutors: a learner sheet and an answer key per quiz, and a paper version of
each scenario. Pages are generated as Markdown holding a marker; the HTML comes from templates."""
from __future__ import annotations

import json
import re

from .pages import rel_link

PACK = re.compile(r"<!--\s*pack:\s*(quiz-sheet|quiz-key|scenario-paper)\s+([a-z0-9-]+)\s*-->")
FOLDER = "tutors/packs"


def page(title: str, description: str, body: str) -> str:
    return (f"---\ntitle: {json.dumps(title)}\ndescription: {json.dumps(description)}\n"
            f"hide:\n  - navigation\n  - toc\nsearch:\n  exclude: true\n---\n\n{body}\n")


def generate(build):
    """Yield (src_uri, markdown) for every printable pack and the packs index."""
    lib = build.library
    index = f"{FOLDER}/index.md"
    lines = ["---", "title: Printable packs", "description: Learner sheets, answer keys and paper scenarios, ready to print on A4.",
             "---", "", "# Printable packs", "",
             "Every quiz has a learner sheet (questions only) and an answer key (answers, feedback and "
             "explanations). Every scenario has a paper version with numbered sections. Open one and "
             "print it: the print layout fits A4 and leaves out the site's menus.", "",
             "| Quiz | Learner sheet | Answer key |", "|---|---|---|"]
    for q in sorted(lib.all("quiz"), key=lambda q: q.id):
        sheet, key = f"{FOLDER}/quiz-{q.id}-sheet.md", f"{FOLDER}/quiz-{q.id}-key.md"
        esc = q.title.replace("|", "\\|").replace("<", "&lt;")
        lines.append(f"| {esc} | [Sheet]({rel_link(index, sheet)}) | [Answer key]({rel_link(index, key)}) |")
        yield sheet, page(f"{q.title}: learner sheet", f"Printable questions for the quiz {q.title}.",
                          f"<!-- pack: quiz-sheet {q.id} -->")
        yield key, page(f"{q.title}: answer key", f"Answers, feedback and explanations for the quiz {q.title}.",
                        f"<!-- pack: quiz-key {q.id} -->")
    scenarios = sorted(lib.all("scenario"), key=lambda s: s.id)
    if scenarios:
        lines += ["", "| Scenario | Paper version |", "|---|---|"]
    for s in scenarios:
        paper = f"{FOLDER}/scenario-{s.id}.md"
        esc = s.title.replace("|", "\\|").replace("<", "&lt;")
        lines.append(f"| {esc} | [Paper version]({rel_link(index, paper)}) |")
        yield paper, page(f"{s.title}: paper version", f"A printable, numbered version of the scenario {s.title}.",
                          f"<!-- pack: scenario-paper {s.id} -->")
    lines += ["", "## Sources", "", "The packs are generated from the same files as the quizzes and scenarios on the site."]
    yield index, "\n".join(lines) + "\n"


def render(build, kind: str, item_id: str, page_url: str) -> str | None:
    lib = build.library
    if kind.startswith("quiz"):
        quiz = lib.get("quiz", item_id)
        return quiz and build.renderer.render("quiz_print.html", page_url, quiz=quiz, key=kind == "quiz-key")
    scenario = lib.get("scenario", item_id)
    if scenario is None:
        return None
    numbers = paper_numbers(scenario)
    return build.renderer.render("scenario_paper.html", page_url, item=scenario, numbers=numbers)


def paper_numbers(scenario) -> dict[str, int]:
    """Section numbers for the paper version: start is 1, the rest in a stable shuffled order so
    that reading straight through does not give the story away."""
    from .render import stable_shuffle
    ids = [n.id for n in scenario.nodes]
    start = scenario.start
    rest = [i for i in ids if i != start]
    order = stable_shuffle(rest, scenario.id) if len(rest) > 1 else list(range(len(rest)))
    numbers = {start: 1}
    for n, idx in enumerate(order, start=2):
        numbers[rest[idx]] = n
    return numbers
