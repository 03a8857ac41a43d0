"""Self-assessment tools: the model, and the rules an author's YAML must follow.

Two types share one model. ``rating``: statements grouped in dimensions, each statement rated on a
scale whose every point has a descriptor. ``spectrum``: contrasts "from X to Y", on each of which
learners place themselves; every contrast is its own dimension. A dimension (or contrast) may carry
``next_steps``, shown for the weakest ones.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .problems import Report
from .schema import Checker, Field, check_id, item_name
from .yamlsource import Source, path_text

TYPES = ("rating", "spectrum")
MIN_POINTS, MAX_POINTS = 3, 10


def _weakest(value):
    if not 1 <= value <= 3:
        return (f"expected show_weakest between 1 and 3 but found {value}.",
                "write show_weakest: 1, 2 or 3 (how many of the weakest dimensions get next steps).")
    return None


def _start(value):
    if value not in (0, 1):
        return (f"expected the scale to start at 0 or 1 but found {value}.",
                "write min: 1 (or min: 0).")
    return None


ASSESSMENT_FIELDS = [
    Field("id", str, required=True, check=check_id, doc="a stable id", example="five-factors"),
    Field("title", str, required=True, doc="the title of the tool"),
    Field("type", str, required=True, choices=TYPES, doc="rating or spectrum", example="rating"),
    Field("description", str, doc="an introduction in Markdown"),
    Field("source", str, doc="where the ideas come from, in Markdown"),
    Field("scale", dict, doc="the scale", example="{min: 1, max: 5}"),
    Field("show_weakest", int, default=2, check=_weakest, example="2"),
]
BY_TYPE = {
    "rating": [Field("dimensions", list, required=True, doc="the dimensions, each with its items")],
    "spectrum": [Field("items", list, required=True, doc="the contrasts, each with from and to")],
}
SCALE_FIELDS = [
    Field("min", int, default=1, check=_start, example="1"),
    Field("max", int, default=5, example="5"),
    Field("labels", list, doc="one short label per point, lowest first"),
]
DIMENSION_FIELDS = [
    Field("id", str, required=True, check=check_id, doc="a stable id within the tool", example="shared-purpose"),
    Field("title", str, required=True, doc="the dimension's name"),
    Field("description", str, doc="a short explanation in Markdown"),
    Field("next_steps", str, doc="suggestions in Markdown, shown when this dimension is among the weakest"),
    Field("items", list, required=True, doc="the statements to rate"),
]
RATING_ITEM_FIELDS = [
    Field("id", str, required=True, check=check_id, doc="a stable id within the tool", example="agreed-aim"),
    Field("text", str, required=True, doc="the statement to rate"),
    Field("levels", list, required=True, doc="one descriptor per point of the scale, lowest first"),
]
SPECTRUM_ITEM_FIELDS = [
    Field("id", str, required=True, check=check_id, doc="a stable id within the tool", example="hierarchy"),
    Field("from", str, required=True, doc="the side learners move away from"),
    Field("to", str, required=True, doc="the side learners move towards"),
    Field("next_steps", str, doc="suggestions in Markdown, shown when this contrast is among the weakest"),
]


@dataclass
class Item:
    id: str
    text: str = ""  # rating: the statement
    levels: list[str] = field(default_factory=list)  # rating: a descriptor per point
    start: str = ""  # spectrum: the "from" side
    end: str = ""  # spectrum: the "to" side


@dataclass
class Dimension:
    id: str
    title: str
    items: list[Item]
    description: str | None = None
    next_steps: str | None = None


@dataclass
class Assessment:
    id: str
    title: str
    type: str
    dimensions: list[Dimension]
    description: str | None = None
    source: str | None = None
    min: int = 1
    max: int = 5
    labels: list[str] = field(default_factory=list)
    show_weakest: int = 2
    file: str = ""

    @property
    def points(self) -> list[int]:
        return list(range(self.min, self.max + 1))

    @property
    def items(self) -> list[Item]:
        return [i for d in self.dimensions for i in d.items]

    def label(self, value: int) -> str:
        return self.labels[value - self.min] if self.labels else ""

    def texts(self):
        """Every Markdown field with its path in the YAML, for link checks."""
        yield ("description",), self.description
        yield ("source",), self.source
        for j, label in enumerate(self.labels):
            yield ("scale", "labels", j), label
        if self.type == "spectrum":
            for i, d in enumerate(self.dimensions):
                item = d.items[0]
                yield ("items", i, "from"), item.start
                yield ("items", i, "to"), item.end
                yield ("items", i, "next_steps"), d.next_steps
            return
        for i, d in enumerate(self.dimensions):
            base = ("dimensions", i)
            yield base + ("description",), d.description
            yield base + ("next_steps",), d.next_steps
            for j, item in enumerate(d.items):
                yield base + ("items", j, "text"), item.text
                for k, level in enumerate(item.levels):
                    yield base + ("items", j, "levels", k), level


def parse(source: Source, report: Report) -> Assessment | None:
    """Check a loaded YAML source; add every problem to ``report``; return the tool if valid."""
    ck = Checker(source, report)
    before = len(report.errors)
    raw = source.data
    atype = raw.get("type") if isinstance(raw, dict) else None
    if isinstance(raw, dict) and atype not in TYPES:
        # Unknown type: do not also report its type-specific keys as unknown.
        extra = {f.name for fs in BY_TYPE.values() for f in fs}
        raw = {k: v for k, v in raw.items() if k not in extra}
    top = ck.mapping(raw, (), ASSESSMENT_FIELDS + BY_TYPE.get(atype, []), "the self-assessment")
    if top is None:
        return None
    if "scale" not in top:  # given, but not a mapping: already reported
        lo, hi, labels = None, None, []
    elif top["scale"] is None:
        lo, hi, labels = 1, 5, []
    else:
        lo, hi, labels = _scale(ck, top["scale"])
    points = hi - lo + 1 if lo is not None and hi is not None else None
    seen_items: dict[str, str] = {}
    dimensions: list[Dimension] = []
    if atype == "rating" and top.get("dimensions") is not None:
        dimensions = _dimensions(ck, top["dimensions"], points, lo, hi, seen_items)
    elif atype == "spectrum" and top.get("items") is not None:
        dimensions = _contrasts(ck, top["items"], seen_items)
    if dimensions and not any(d.next_steps for d in dimensions):
        where = "dimensions" if atype == "rating" else "items"
        ck.problem((where,), f"no {'dimension' if atype == 'rating' else 'contrast'} has next_steps, "
                   "so learners get no suggestions for their weakest areas.",
                   "add 'next_steps:' (Markdown with links to module sections) to each one.",
                   severity="warning")
    if len(report.errors) > before or atype not in TYPES:
        return None
    return Assessment(
        id=top["id"], title=top["title"], type=atype, dimensions=dimensions,
        description=top.get("description"), source=top.get("source"), min=lo, max=hi,
        labels=labels, show_weakest=top["show_weakest"], file=source.file,
    )


def _scale(ck: Checker, raw):
    """Return (min, max, labels); min and max are None when the scale is unusable."""
    v = ck.mapping(raw, ("scale",), SCALE_FIELDS, "the scale")
    if v is None or "min" not in v or "max" not in v:
        return None, None, []
    lo, hi = v["min"], v["max"]
    points = hi - lo + 1
    if not MIN_POINTS <= points <= MAX_POINTS:
        ck.problem(("scale", "max"),
                   f"expected a scale of {MIN_POINTS} to {MAX_POINTS} points but found {points} (min {lo}, max {hi}).",
                   f"set max between {lo + MIN_POINTS - 1} and {lo + MAX_POINTS - 1}, e.g. max: {lo + 4}.")
        return None, None, []
    labels: list[str] = []
    if v.get("labels") is not None:
        labels = ck.distinct_texts(v["labels"], ("scale", "labels"), "label", "labels")
        if len(v["labels"]) != points:
            ck.problem(("scale", "labels"),
                       f"expected {points} labels (one for each point from {lo} to {hi}) but found {len(v['labels'])}.",
                       "write one short label per point, lowest first.")
    return lo, hi, labels


def _item_id(ck: Checker, item_id: str, path, seen: dict[str, str]) -> bool:
    where = path_text(path)
    if item_id in seen:
        ck.problem(path + ("id",), f"duplicate item id '{item_id}' (first used in {seen[item_id]}).",
                   "give each item its own id; ids are how saved results find their item.")
        return False
    seen[item_id] = where
    return True


def _dimensions(ck: Checker, raw, points, lo, hi, seen_items) -> list[Dimension]:
    out: list[Dimension] = []
    seen: dict[str, int] = {}
    for i, rd in enumerate(ck.list_of(raw, ("dimensions",), "dimensions", 3)):
        path = ("dimensions", i)
        name = item_name("dimension", i, rd)
        d = ck.mapping(rd, path, DIMENSION_FIELDS, name)
        if d is None:
            continue
        if "id" in d and d["id"] in seen:
            ck.problem(path + ("id",), f"duplicate dimension id '{d['id']}' (first used in dimensions[{seen[d['id']]}]).",
                       "give each dimension its own id; ids are how saved results find their dimension.")
        elif "id" in d:
            seen[d["id"]] = i
        items: list[Item] = []
        for j, ri in enumerate(ck.list_of(d["items"], path + ("items",), "items", 1) if d.get("items") is not None else []):
            ipath = path + ("items", j)
            iname = item_name("item", j, ri)
            v = ck.mapping(ri, ipath, RATING_ITEM_FIELDS, iname)
            if v is None:
                continue
            levels: list[str] = []
            if v.get("levels") is not None:
                levels = ck.distinct_texts(v["levels"], ipath + ("levels",), "level", "levels")
                if points is not None and len(v["levels"]) != points:
                    ck.problem(ipath + ("levels",),
                               f"expected {points} levels (one descriptor for each point from {lo} to {hi}) "
                               f"but found {len(v['levels'])}.",
                               "write one descriptor per point of the scale, lowest first.")
            if "id" in v and _item_id(ck, v["id"], ipath, seen_items):
                items.append(Item(id=v["id"], text=v.get("text", ""), levels=levels))
        if "id" in d and "title" in d:
            out.append(Dimension(id=d["id"], title=d["title"], items=items,
                                 description=d.get("description"), next_steps=d.get("next_steps")))
    return out


def _contrasts(ck: Checker, raw, seen_items) -> list[Dimension]:
    out: list[Dimension] = []
    for i, ri in enumerate(ck.list_of(raw, ("items",), "items", 3)):
        path = ("items", i)
        name = item_name("item", i, ri)
        v = ck.mapping(ri, path, SPECTRUM_ITEM_FIELDS, name)
        if v is None:
            continue
        if "from" in v and "to" in v and v["from"].strip().lower() == v["to"].strip().lower():
            ck.problem(path + ("to",), f"the two sides of the contrast are the same ('{v['to']}').",
                       "write the 'from' and 'to' sides as different descriptions.")
        if "id" in v and _item_id(ck, v["id"], path, seen_items) and "from" in v and "to" in v:
            item = Item(id=v["id"], start=v["from"], end=v["to"])
            out.append(Dimension(id=v["id"], title=f"{v['from']} to {v['to']}", items=[item],
                                 next_steps=v.get("next_steps")))
    return out
