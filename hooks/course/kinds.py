"""What each kind of interactive content is, declared once.

A kind is a folder of author files (``quizzes/*.yml``), a parser that turns one file into a model
(collecting problems), a page marker (``<!-- quiz: id -->``), a widget template, and the pages the
engine generates for it: a catalogue, one page per item, tutor pages, LMS exports. Everything else
(loading, checking markers and links, planning URLs, generating pages, the learner's manifest)
reads these records, so a new kind is one model module plus one record here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import assessment, figure, labs, quiz, scenario, scenario_map, timeline


@dataclass(frozen=True)
class TutorPages:
    """Tutor pages of a kind: an index, and one page per item (``context`` adds to its template)."""

    folder: str  # "tutors/scenarios"
    index: str  # template of the index page
    page: str  # template of one item's page
    context: Callable[[object], dict]  # item -> extra context for its page
    parts: tuple = ()  # (name, template): HTML fragments rendered with that context, given to the page

    def index_uri(self) -> str:
        return f"{self.folder}/index.md"

    def item_uri(self, item_id: str) -> str:
        return f"{self.folder}/{item_id}.md"


@dataclass(frozen=True)
class Kind:
    name: str  # "quiz"; also the page marker: <!-- quiz: ID -->
    folder: str  # "quizzes": one author file per item
    label: str  # how learners and authors read it: "quiz", "self-assessment"
    plural: str  # "quizzes"
    parse: Callable  # (Source, Report) -> model or None; or, with ``load``, unused
    catalogue: str | None = None  # "practice/quizzes": catalogue page and one page per item
    widget: str | None = None  # template of the interactive piece placed by the marker
    widget_var: str = "item"  # the name the widget template gives the item
    count: Callable[[object], int] = lambda item: 0  # things in an item, for the catalogue's total
    tutor: TutorPages | None = None
    exports: bool = False  # LMS exports (Moodle XML, GIFT, QTI, SCORM) of every item
    manifest: Callable[[object], dict] | None = None  # the learner's progress: extra fields per item
    pattern: str = "*.y*ml"  # the author files in ``folder``
    load: Callable | None = None  # (path, rel, report) -> model, for files that are not YAML
    placed: bool = True  # warn when an item is not placed on any page
    searchable: bool = False  # its text goes into the search index (a figure), not kept out of it (a quiz's answers)

    def index_uri(self) -> str:
        return f"{self.catalogue}/index.md"

    def item_uri(self, item_id: str) -> str:
        return f"{self.catalogue}/{item_id}.md"

    @property
    def catalogue_template(self) -> str:
        return f"{self.name}_catalogue.md"

    @property
    def page_template(self) -> str:
        return f"{self.name}_page.md"


KINDS: dict[str, Kind] = {k.name: k for k in [
    Kind("quiz", "quizzes", "quiz", "quizzes", quiz.parse, catalogue="practice/quizzes", widget="quiz.html",
         widget_var="quiz", count=lambda q: len(q.questions), exports=True,
         manifest=lambda q: {"pass": q.pass_mark, "scored": q.scored_count}),
    Kind("scenario", "scenarios", "scenario", "scenarios", scenario.parse, catalogue="practice/scenarios",
         widget="scenario.html", count=lambda s: len(s.nodes),
         tutor=TutorPages("tutors/scenarios", "scenario_tutors.md", "scenario_tutor.md",
                          lambda s: {"map": scenario_map.layout(s), "paths": s.paths},
                          parts=(("svg", "scenario_map.html"),)),
         manifest=lambda s: {"endings": [n.id for n in s.endings]}),
    Kind("assessment", "assessments", "self-assessment", "self-assessments", assessment.parse,
         catalogue="practice/self-assessment", widget="assessment.html", count=lambda a: len(a.items),
         manifest=lambda a: {}),
    Kind("timeline", "timelines", "timeline", "timelines", timeline.parse, widget="timeline.html",
         count=lambda t: len(t.events), searchable=True),
    Kind("figure", "figures", "figure", "figures", figure.parse, widget="figure.html", searchable=True),
    Kind("lab", labs.SOURCE, "lab", "labs", None, pattern="*.ipynb", load=labs.load, placed=False),
]}
