"""Printable packs for tutors: a learner sheet and an answer key per quiz, and a paper version of
each scenario. Each is a generated page holding a pack marker, which ``render`` fills in when the
page is built (a pack is the whole page, with its own <h1>)."""
from __future__ import annotations

import re

from .render import stable_shuffle
from .urls import page_link, url_for

PACK = re.compile(r"<!--\s*pack:\s*(quiz-sheet|quiz-key|scenario-paper)\s+([a-z0-9-]+)\s*-->")
FOLDER = "tutors/packs"
INDEX = f"{FOLDER}/index.md"


def sheet_uri(quiz_id: str) -> str:
    return f"{FOLDER}/quiz-{quiz_id}-sheet.md"


def key_uri(quiz_id: str) -> str:
    return f"{FOLDER}/quiz-{quiz_id}-key.md"


def paper_uri(scenario_id: str) -> str:
    return f"{FOLDER}/scenario-{scenario_id}.md"


def planned(library) -> list[tuple[str, str, tuple | None]]:
    """(src_uri, the file it is made from, (kind, id) of its item) of every pack page and the index."""
    out = []
    for q in sorted(library.all("quiz"), key=lambda q: q.id):
        out += [(sheet_uri(q.id), q.file, ("quiz", q.id)), (key_uri(q.id), q.file, ("quiz", q.id))]
    out += [(paper_uri(s.id), s.file, ("scenario", s.id)) for s in sorted(library.all("scenario"), key=lambda s: s.id)]
    return out + [(INDEX, "the packs index", None)]


def generate(library, renderer, directory_urls: bool = True):
    """Yield (src_uri, markdown) for every printable pack and the packs index."""
    quizzes = sorted(library.all("quiz"), key=lambda q: q.id)
    scenarios = sorted(library.all("scenario"), key=lambda s: s.id)
    for q in quizzes:
        yield sheet_uri(q.id), _page(renderer, f"{q.title}: learner sheet", f"Printable questions for the quiz {q.title}.",
                                     "quiz-sheet", q.id)
        yield key_uri(q.id), _page(renderer, f"{q.title}: answer key",
                                   f"Answers, feedback and explanations for the quiz {q.title}.", "quiz-key", q.id)
    for s in scenarios:
        yield paper_uri(s.id), _page(renderer, f"{s.title}: paper version",
                                     f"A printable, numbered version of the scenario {s.title}.", "scenario-paper", s.id)
    yield INDEX, renderer.render("packs_index.md", url_for(INDEX, directory_urls),
                                 quizzes=[{"title": q.title, "sheet": page_link(INDEX, sheet_uri(q.id)),
                                           "key": page_link(INDEX, key_uri(q.id))} for q in quizzes],
                                 scenarios=[{"title": s.title, "paper": page_link(INDEX, paper_uri(s.id))} for s in scenarios])


def _page(renderer, title: str, description: str, pack: str, item_id: str) -> str:
    return renderer.render("pack_page.md", title=title, description=description, pack=pack, id=item_id)


def render(library, renderer, kind: str, item_id: str, page_url: str) -> str | None:
    """The HTML of one pack, for the page at ``page_url``."""
    if kind.startswith("quiz"):
        quiz = library.get("quiz", item_id)
        return quiz and renderer.render("quiz_print.html", page_url, quiz=quiz, key=kind == "quiz-key")
    scenario = library.get("scenario", item_id)
    if scenario is None:
        return None
    return renderer.render("scenario_paper.html", page_url, item=scenario, numbers=paper_numbers(scenario))


def paper_numbers(scenario) -> dict[str, int]:
    """Section numbers for the paper version: start is 1, the rest in a stable shuffled order so
    that reading straight through does not give the story away."""
    ids = [n.id for n in scenario.nodes]
    start = scenario.start
    rest = [i for i in ids if i != start]
    order = stable_shuffle(rest, scenario.id) if len(rest) > 1 else list(range(len(rest)))
    numbers = {start: 1}
    for n, idx in enumerate(order, start=2):
        numbers[rest[idx]] = n
    return numbers
