"""Figures: models, maps and charts, authored as data and drawn by the engine at build time.

An author writes ``figures/<id>.yml`` and places it with ``<!-- figure: id -->``. Every figure is
real text (selectable, searchable, read by screen readers), right in light and dark, stacks on a
phone and prints; one that is drawn as a picture (a cycle, bars) also gives its content as a list or
table. Types:

- ``cycle``: a few ideas that work together, around a centre (SVG), with each idea's text below.
- ``grid``: cards in a grid, each with an optional ``tag`` (a stance, a domain): models, stakeholder maps.
- ``contrasts``: pairs "from X to Y".
- ``nested``: boxes inside boxes (a structure: a system, its places and neighbourhoods).
- ``bars``: numbers compared side by side, one bar per source (``series``) in each group
  (``groups``); a value a source does not report is written ``null`` and drawn as "not reported".

Every figure names its ``source``; a bar chart names each series' source.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .problems import Report
from .schema import Checker, Field, check_id, item_name
from .yamlsource import Source

TYPES = ("cycle", "grid", "contrasts", "nested", "bars")
COMMON = [
    Field("id", str, required=True, check=check_id, doc="a stable id", example="five-factors"),
    Field("type", str, required=True, choices=TYPES, doc="how it is drawn", example="cycle"),
    Field("title", str, required=True, doc="the figure's title"),
    Field("description", str, required=True, doc="what it shows, in one or two sentences (Markdown)"),
    Field("source", str, required=True, doc="where it comes from, in Markdown", example="The King's Fund 2017"),
]
BY_TYPE = {
    "cycle": [Field("centre", str, doc="the words in the middle"), Field("items", list, required=True, doc="the ideas")],
    "grid": [Field("columns", int, default=2, doc="cards per row on a wide screen", example="2"),
             Field("items", list, required=True, doc="the cards")],
    "contrasts": [Field("from_label", str, default="From"), Field("to_label", str, default="To"),
                  Field("items", list, required=True, doc="the pairs, each with from and to")],
    "nested": [Field("items", list, required=True, doc="the boxes, each with its own items inside")],
    "bars": [Field("unit", str, required=True, doc="what the numbers count", example="%"),
             Field("series", list, required=True, doc="who reports the numbers, each with label and source"),
             Field("groups", list, required=True, doc="what is compared, each with label and values")],
}
ITEM_FIELDS = [
    Field("title", str, required=True, doc="a few words"),
    Field("text", str, doc="more, in Markdown"),
    Field("tag", str, doc="a label on the card (grid), e.g. 'Supportive'"),
]
NESTED_FIELDS = ITEM_FIELDS[:2] + [Field("items", list, default=[], doc="boxes inside this one")]
CONTRAST_FIELDS = [Field("from", str, required=True), Field("to", str, required=True)]
SERIES_FIELDS = [Field("label", str, required=True, doc="the source's short name"),
                 Field("source", str, required=True, doc="the full reference, in Markdown")]
GROUP_FIELDS = [Field("label", str, required=True, doc="what is measured"),
                Field("values", list, required=True, doc="one number per series (null: not reported)"),
                Field("note", str, doc="a caveat, in Markdown")]
MAX_DEPTH = 3


@dataclass
class Item:
    title: str
    text: str | None = None
    tag: str | None = None
    items: list["Item"] = field(default_factory=list)


@dataclass
class Series:
    label: str
    source: str


@dataclass
class Group:
    label: str
    values: list[float | None]
    note: str | None = None


@dataclass
class Figure:
    id: str
    type: str
    title: str
    description: str
    source: str
    items: list[Item] = field(default_factory=list)
    centre: str | None = None
    columns: int = 2
    from_label: str = "From"
    to_label: str = "To"
    unit: str = ""
    series: list[Series] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    file: str = ""

    def texts(self):
        yield ("description",), self.description
        yield ("source",), self.source
        for i, it in enumerate(self.items):
            yield from _item_texts(it, ("items", i))
        for i, s in enumerate(self.series):
            yield ("series", i, "source"), s.source
        for i, g in enumerate(self.groups):
            yield ("groups", i, "note"), g.note

    # -- drawing helpers for the templates --------------------------------------------------
    @property
    def largest(self) -> float:
        return max((v for g in self.groups for v in g.values if v is not None), default=0) or 1

    def width(self, value: float | None) -> int:
        """A bar's length in percent of the longest (at least 1, so a small value still shows)."""
        return 0 if value is None else max(1, round(100 * value / self.largest))

    def number(self, value: float | None) -> str:
        if value is None:
            return "not reported"
        text = f"{value:,.1f}".rstrip("0").rstrip(".")
        return f"{text}{self.unit}" if self.unit in ("%",) else f"{text} {self.unit}"

    def ring(self, size: int = 360) -> list[dict]:
        """Where each idea of a cycle sits: a circle of circles, the first at the top."""
        n, r, c = len(self.items), size * 0.36, size / 2
        return [{"x": round(c + r * math.sin(2 * math.pi * k / n), 1), "y": round(c - r * math.cos(2 * math.pi * k / n), 1),
                 "item": it, "lines": _wrap(it.title, 14)} for k, it in enumerate(self.items)]


def _item_texts(it: Item, path):
    yield path + ("text",), it.text
    for j, child in enumerate(it.items):
        yield from _item_texts(child, path + ("items", j))


def _wrap(text: str, width: int) -> list[str]:
    words, lines = text.split(), [""]
    for w in words:
        if lines[-1] and len(lines[-1]) + 1 + len(w) > width:
            lines.append(w)
        else:
            lines[-1] = (lines[-1] + " " + w).strip()
    return lines[:4]


def parse(source: Source, report: Report) -> Figure | None:
    """Check a loaded YAML source; add every problem to ``report``; return the figure if valid."""
    ck = Checker(source, report)
    before = len(report.errors)
    raw = source.data
    ftype = raw.get("type") if isinstance(raw, dict) else None
    ftype = ftype if isinstance(ftype, str) else None
    if isinstance(raw, dict) and ftype not in TYPES:  # do not also report its type's own keys as unknown
        extra = {f.name for fs in BY_TYPE.values() for f in fs}
        raw = {k: v for k, v in raw.items() if k not in extra}
    top = ck.mapping(raw, (), COMMON + BY_TYPE.get(ftype, []), "the figure")
    if top is None or ftype not in TYPES:
        return None
    fig = Figure(id=top.get("id", ""), type=ftype, title=top.get("title", ""), description=top.get("description", ""),
                 source=top.get("source", ""), file=source.file)
    if ftype == "bars":
        _bars(ck, top, fig)
    elif top.get("items") is not None:
        fig.items = _items(ck, top["items"], ("items",), ftype, 1)
        if ftype == "cycle" and not 3 <= len(top["items"]) <= 8:
            ck.problem(("items",), f"a cycle holds 3 to 8 ideas but this one has {len(top['items'])}.",
                       "use a grid for more ideas, or a contrasts figure for pairs.", rule="figure/cycle-size")
    fig.centre, fig.columns = top.get("centre"), top.get("columns") or 2
    fig.from_label, fig.to_label = top.get("from_label") or "From", top.get("to_label") or "To"
    if ftype == "grid" and not 1 <= fig.columns <= 4:
        ck.problem(("columns",), f"expected 1 to 4 columns but found {fig.columns}.",
                   "write columns: 2 (or 1, 3, 4): cards per row on a wide screen.", rule="figure/columns")
    if len(report.errors) > before:
        return None
    return fig


def _items(ck: Checker, raw, path, ftype: str, depth: int) -> list[Item]:
    out = []
    fields = CONTRAST_FIELDS if ftype == "contrasts" else NESTED_FIELDS if ftype == "nested" else ITEM_FIELDS
    for i, r in enumerate(ck.list_of(raw, path, "items", 1 if depth > 1 else 2)):
        v = ck.mapping(r, path + (i,), fields, item_name("item", i, r))
        if not v:
            continue
        if ftype == "contrasts":
            if "from" in v and "to" in v:
                out.append(Item(title=v["from"], text=v["to"]))
            continue
        children = []
        if ftype == "nested" and v.get("items"):
            if depth >= MAX_DEPTH:
                ck.problem(path + (i, "items"), f"boxes can sit {MAX_DEPTH} deep at most; this goes deeper.",
                           "fold the innermost boxes into their parent's text.", rule="figure/depth")
            else:
                children = _items(ck, v["items"], path + (i, "items"), ftype, depth + 1)
        if "title" in v:
            out.append(Item(v["title"], v.get("text"), v.get("tag"), children))
    return out


def _bars(ck: Checker, top: dict, fig: Figure) -> None:
    fig.unit = top.get("unit") or ""
    for i, r in enumerate(ck.list_of(top.get("series") or [], ("series",), "series", 1)):
        v = ck.mapping(r, ("series", i), SERIES_FIELDS, f"series {i + 1}")
        if v and "label" in v and "source" in v:
            fig.series.append(Series(v["label"], v["source"]))
    for i, r in enumerate(ck.list_of(top.get("groups") or [], ("groups",), "groups", 1)):
        v = ck.mapping(r, ("groups", i), GROUP_FIELDS, f"group {i + 1}")
        if not v or "values" not in v or "label" not in v:
            continue
        values = v["values"]
        if len(values) != len(top.get("series") or []):
            n = len(top.get("series") or [])
            ck.problem(("groups", i, "values"), f"group {i + 1} has {len(values)} value{'' if len(values) == 1 else 's'} "
                       f"but there {'is' if n == 1 else 'are'} {n} series.", "give one value per series, in the order of 'series:' "
                       "(write null for a source that does not report it).", rule="figure/values")
            continue
        bad = [j for j, x in enumerate(values) if x is not None and (isinstance(x, bool) or not isinstance(x, (int, float)) or x < 0)]
        for j in bad:
            ck.problem(("groups", i, "values", j), f"value {j + 1} of group {i + 1} is not a number of 0 or more.",
                       "write a number such as 12 or 3.5, or null when the source does not report it.", rule="figure/values")
        if not bad:
            fig.groups.append(Group(v["label"], [None if x is None else float(x) for x in values], v.get("note")))
    if fig.groups and all(x is None for g in fig.groups for x in g.values):
        ck.problem(("groups",), "no group has a number: there is nothing to draw.",
                   "give at least one value.", rule="figure/values")
