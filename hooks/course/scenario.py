"""Branching scenarios ("you are the system leader: what do you do?"): the model, and the rules an
author's YAML must follow (see the "Scenario YAML" section of the content spec).

Structural rules (keys, types, ids, endings) are checked per node; links between nodes,
conditions and effects once every node and variable is known; the map itself (reachability,
endings reachable from everywhere) in ``scenario_paths``. Every problem of a file is reported.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property

from . import conditions, scenario_paths
from .problems import Report
from .schema import Checker, Field, check_id
from .yamlsource import Source

VAR_RE = re.compile(r"^[a-z][a-z0-9_]*$")
RATINGS = ("good", "mixed", "poor")

SCENARIO_FIELDS = [
    Field("id", str, required=True, check=check_id, doc="a stable id", example="london-stroke-units"),
    Field("title", str, required=True, doc="the scenario title"),
    Field("summary", str, doc="the situation, in Markdown"),
    Field("role", str, doc="who the learner is, in Markdown"),
    Field("estimated_minutes", int, doc="minutes to play", example="10"),
    Field("variables", dict, default={}, doc="the state variables"),
    Field("start", str, required=True, doc="the id of the first node", example="briefing"),
    Field("nodes", list, required=True, doc="the nodes"),
]
VARIABLE_FIELDS = [
    Field("label", str, required=True, doc="the name learners see"),
    Field("start", int, required=True, doc="the starting value", example="2"),
    Field("min", int, required=True, doc="the lowest value", example="0"),
    Field("max", int, required=True, doc="the highest value", example="5"),
]
NODE_FIELDS = [
    Field("id", str, required=True, check=check_id, doc="a stable id", example="briefing"),
    Field("title", str, required=True, doc="a short heading"),
    Field("text", str, doc="what is happening now, in Markdown"),  # required unless an ending
    Field("text_if", list, default=[], doc="extra text shown only when a condition holds"),
    Field("choices", list, default=[], doc="the choices"),
    Field("ending", dict, doc="the ending, with its debrief"),
]
TEXT_IF_FIELDS = [
    Field("if", str, required=True, doc="a condition", example="trust >= 3"),
    Field("text", str, required=True, doc="the extra text, in Markdown"),
]
CHOICE_FIELDS = [
    Field("text", str, required=True, doc="what the learner does"),
    Field("goto", str, required=True, doc="the id of the node it leads to", example="next-node"),
    Field("note", str, doc="what happens next and why"),
    Field("effects", dict, default={}, doc="changes to variables", example="{trust: 1}"),
    Field("if", str, doc="a condition", example="trust >= 2"),
]
ENDING_FIELDS = [
    Field("rating", str, choices=RATINGS),
    Field("debrief", str, required=True, doc="what happened, why, and what the real case did"),
    Field("ideas", list, default=[], doc="leadership ideas, each with text and link"),
]
IDEA_FIELDS = [
    Field("text", str, required=True, doc="the idea"),
    Field("link", str, doc="a page under docs/", example="modules/06-five-factors.md"),
]


@dataclass
class Variable:
    name: str
    label: str
    start: int
    min: int
    max: int


@dataclass
class TextIf:
    condition: conditions.Condition
    text: str


@dataclass
class Choice:
    text: str
    goto: str
    note: str | None = None
    effects: dict[str, int] = field(default_factory=dict)
    condition: conditions.Condition | None = None


@dataclass
class Idea:
    text: str
    link: str | None = None

    @property
    def markdown(self) -> str:
        return f"[{self.text}]({self.link})" if self.link else self.text


@dataclass
class Ending:
    debrief: str
    rating: str | None = None
    ideas: list[Idea] = field(default_factory=list)


@dataclass
class Node:
    id: str
    title: str
    text: str
    text_if: list[TextIf] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    ending: Ending | None = None


@dataclass
class Scenario:
    id: str
    title: str
    start: str
    nodes: list[Node]
    variables: list[Variable] = field(default_factory=list)
    summary: str | None = None
    role: str | None = None
    estimated_minutes: int | None = None
    file: str = ""

    @cached_property
    def by_id(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}

    @property
    def endings(self) -> list[Node]:
        return [n for n in self.nodes if n.ending]

    @property
    def labels(self) -> dict[str, str]:
        return {v.name: v.label for v in self.variables}

    def condition_text(self, cond: conditions.Condition | None) -> str:
        return cond.text(self.labels) if cond else ""

    def effect_text(self, choice: Choice) -> str:
        """'Trust among partners +1, Clinical support -1'."""
        return ", ".join(f"{self.labels.get(k, k)} {v:+d}" for k, v in choice.effects.items())

    @cached_property
    def paths(self) -> scenario_paths.PathSummary:
        return scenario_paths.enumerate_paths(self)

    def texts(self):
        """Every Markdown field with its path, for link checks."""
        yield ("summary",), self.summary
        yield ("role",), self.role
        for i, n in enumerate(self.nodes):
            base = ("nodes", i)
            yield base + ("text",), n.text
            for k, t in enumerate(n.text_if):
                yield base + ("text_if", k, "text"), t.text
            for j, c in enumerate(n.choices):
                yield base + ("choices", j, "text"), c.text
                yield base + ("choices", j, "note"), c.note
            if n.ending:
                yield base + ("ending", "debrief"), n.ending.debrief
                for k, idea in enumerate(n.ending.ideas):
                    yield base + ("ending", "ideas", k, "link" if idea.link else "text"), idea.markdown


def did_you_mean(word: str, options, otherwise: str) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? Otherwise {otherwise}" if close else otherwise


class _Parser:
    """One scenario file: collects problems in ``ck``; ``variables`` and ``ids`` are filled first."""

    def __init__(self, ck: Checker):
        self.ck = ck
        self.variables: dict[str, Variable] = {}
        self.used: set[str] = set()
        self.ids: dict[str, int] = {}  # node id -> index in nodes
        self.declared: set = set()  # every name under variables:, valid or not
        self.bad_ids: set = set()  # node ids already reported as invalid

    # -- variables ---------------------------------------------------------------------------
    def variable(self, name, raw) -> Variable | None:
        path = ("variables", name)
        if not isinstance(name, str) or not VAR_RE.match(name):
            self.ck.problem(path, f"'{name}' is not a valid variable name: use lowercase letters, digits and underscores, starting with a letter.",
                            f"rename it, e.g. '{re.sub(r'[^a-z0-9]+', '_', str(name).lower()).strip('_') or 'score'}'.")
            return None
        v = self.ck.mapping(raw, path, VARIABLE_FIELDS, f"variable '{name}'")
        if not v or len(v) < len(VARIABLE_FIELDS):
            return None
        if v["min"] > v["max"]:
            self.ck.problem(path, f"variable '{name}': min {v['min']} is greater than max {v['max']}.",
                            "swap min and max.")
            return None
        if not v["min"] <= v["start"] <= v["max"]:
            self.ck.problem(path + ("start",), f"variable '{name}': start {v['start']} is outside its range {v['min']} to {v['max']}.",
                            "set start between min and max, or widen the range.")
        return Variable(name, v["label"], v["start"], v["min"], v["max"])

    # -- nodes -------------------------------------------------------------------------------
    def node(self, raw, i: int):
        """First pass: the node's own keys. Returns (node, raw choices) or None."""
        path = ("nodes", i)
        name = f"node {i + 1}"
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            name = f"node '{raw['id']}'"
        n = self.ck.mapping(raw, path, NODE_FIELDS, name)
        if not n or "id" not in n:
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                self.bad_ids.add(raw["id"])
            return None
        nid = n["id"]
        if nid in self.ids:
            self.ck.problem(path + ("id",), f"duplicate node id '{nid}' (first used in nodes[{self.ids[nid]}]).",
                            "give each node its own id; choices and saved progress find nodes by id.")
            return None
        self.ids[nid] = i
        ending = None
        if "ending" in raw:  # `ending:` with nothing after it still means "this is an ending"
            ending = self.ending(raw["ending"] if raw["ending"] is not None else {}, path + ("ending",), nid)
        choices = n.get("choices") or []
        if ending is not None and choices:
            self.ck.problem(path + ("choices",), f"node '{nid}' is an ending but also has choices.",
                            "remove its choices, or remove 'ending:' to make it an ordinary node.")
            choices = []
        elif "ending" not in raw and not choices and "choices" in n:
            self.ck.problem(path, f"node '{nid}' has no choices and is not an ending.",
                            "add choices (each with text and goto), or make it an ending with 'ending:' and a debrief.")
        if "ending" not in raw and raw.get("text") is None:
            self.ck.problem(path, f"missing required key 'text' in node '{nid}'.",
                            "add 'text:' (what is happening now, in Markdown); only endings may leave it out.")
        node = Node(nid, n.get("title", ""), n.get("text") or "", ending=ending or None)
        return node, n.get("text_if") or [], choices

    def ending(self, raw, path, nid) -> Ending | bool:
        e = self.ck.mapping(raw, path, ENDING_FIELDS, f"the ending of node '{nid}'")
        if not e or "debrief" not in e:
            return False
        ideas = []
        for k, item in enumerate(self.ck.list_of(e["ideas"], path + ("ideas",), "ideas")):
            idea = self.ck.mapping(item, path + ("ideas", k), IDEA_FIELDS, f"idea {k + 1} of node '{nid}'")
            if idea and "text" in idea:
                ideas.append(Idea(idea["text"], idea.get("link")))
        return Ending(e["debrief"], e.get("rating"), ideas)

    # -- second pass: links, conditions, effects ---------------------------------------------
    def text_ifs(self, node: Node, raws, path):
        for k, raw in enumerate(self.ck.list_of(raws, path, "text_if entries")):
            t = self.ck.mapping(raw, path + (k,), TEXT_IF_FIELDS, f"text_if {k + 1} of node '{node.id}'")
            if t and "if" in t and "text" in t:
                cond = self.condition(t["if"], path + (k, "if"), f"node '{node.id}': text_if {k + 1}")
                if cond:
                    node.text_if.append(TextIf(cond, t["text"]))

    def choices(self, node: Node, raws, path):
        for j, raw in enumerate(self.ck.list_of(raws, path, "choices")):
            where = f"node '{node.id}': choice {j + 1}"
            c = self.ck.mapping(raw, path + (j,), CHOICE_FIELDS, f"choice {j + 1} of node '{node.id}'")
            if not c or "goto" not in c or "text" not in c:
                continue
            if c["goto"] not in self.ids and c["goto"] not in self.bad_ids:
                self.ck.problem(path + (j, "goto"), f"{where} goes to '{c['goto']}', which is not a node.",
                                did_you_mean(c["goto"], self.ids, f"use the id of a node under 'nodes:', or add a node with id '{c['goto']}'."))
            cond = self.condition(c["if"], path + (j, "if"), where) if c.get("if") is not None else None
            effects = self.effects(c.get("effects") or {}, path + (j, "effects"), where)
            node.choices.append(Choice(c["text"], c["goto"], c.get("note"), effects, cond))

    def effects(self, raw: dict, path, where) -> dict[str, int]:
        out = {}
        for name, delta in raw.items():
            self.used.add(name)
            if name in self.declared and name not in self.variables:
                continue  # the variable's own problem is reported
            if name not in self.variables:
                self.ck.problem(path + (name,), f"{where} changes '{name}', which is not a declared variable.",
                                did_you_mean(str(name), self.variables, "declare it under 'variables:' (label, start, min, max)."))
            elif not isinstance(delta, int) or isinstance(delta, bool):
                self.ck.problem(path + (name,), f"{where} changes '{name}' by {delta!r}, which is not a whole number.",
                                f"write a whole number, e.g. {name}: 1 or {name}: -1.")
            else:
                out[name] = delta
        return out

    def condition(self, source: str, path, where) -> conditions.Condition | None:
        cond, bad = conditions.parse(source)
        if cond is None:
            self.used.update(re.findall(r"[A-Za-z_]\w*", source))  # no knock-on "never used" warning
            part = f" (the part '{bad}')" if bad != source.strip() else ""
            self.ck.problem(path, f"{where}: the condition '{source}' is not understood{part}.",
                            conditions.SYNTAX_HELP)
            return None
        ok = True
        for name in cond.names:
            self.used.add(name)
            var = self.variables.get(name)
            if var is None and name in self.declared:
                ok = False  # the variable's own problem is reported
                continue
            if var is None:
                ok = False
                self.ck.problem(path, f"{where}: the condition '{source}' uses '{name}', which is not a declared variable.",
                                did_you_mean(name, self.variables, "declare it under 'variables:' (label, start, min, max)."))
                continue
            mine = [c for c in cond.clauses if c[0] == name]
            if not conditions.possible(mine, var.min, var.max):
                ok = False
                wanted = " and ".join(f"{n} {op} {num}" for n, op, num in mine)
                self.ck.problem(path, f"{where} can never be shown: no value of '{name}' from {var.min} to {var.max} "
                                f"meets '{wanted}'.",
                                f"change the number, or widen the range of '{name}' under 'variables:'.")
        return cond if ok else None


def parse(source: Source, report: Report) -> Scenario | None:
    """Check a loaded YAML source; add every problem to ``report``; return the scenario if valid."""
    ck = Checker(source, report)
    before = len(report.errors)
    top = ck.mapping(source.data, (), SCENARIO_FIELDS, "the scenario")
    if top is None:
        return None
    p = _Parser(ck)
    p.declared = set(top.get("variables") or {})
    for name, raw in (top.get("variables") or {}).items():
        var = p.variable(name, raw)
        if var:
            p.variables[name] = var
    first = [(i, p.node(raw, i)) for i, raw in
             enumerate(ck.list_of(top["nodes"], ("nodes",), "nodes", 1) if top.get("nodes") is not None else [])]
    nodes = []
    for i, found in first:
        if found:
            node, text_if, choices = found
            p.text_ifs(node, text_if, ("nodes", i, "text_if"))
            p.choices(node, choices, ("nodes", i, "choices"))
            nodes.append(node)
    intact = len(report.errors) == before  # unreachable nodes only mean something on an intact map
    if top.get("start") and top["start"] not in p.ids:
        ck.problem(("start",), f"the start node '{top['start']}' is not a node.",
                   did_you_mean(top["start"], p.ids, "use the id of a node listed under 'nodes:'."))
    for name, var in p.variables.items():
        if name not in p.used:
            ck.problem(("variables", name), f"variable '{name}' is declared but never used in a condition or effect.",
                       "use it in an 'if:' or 'effects:', or remove it.", severity="warning")
    if top.get("start") in p.ids:
        scenario_paths.check_graph(ck, nodes, top["start"], p.ids, report_unreachable=intact)
    if len(report.errors) > before:
        return None
    return Scenario(
        id=top["id"], title=top["title"], start=top["start"], nodes=nodes, variables=list(p.variables.values()),
        summary=top.get("summary"), role=top.get("role"), estimated_minutes=top.get("estimated_minutes"),
        file=source.file,
    )
