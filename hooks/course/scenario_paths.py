"""The map of a scenario as a graph: build-time checks and path counts.

- ``check_graph``: nodes that cannot be reached from the start (warnings) and reachable nodes
  from which no ending can be reached (errors). Conditions are ignored here: a choice counts as
  a way out whatever the state.
- ``enumerate_paths``: every path from the start to an ending, also ignoring conditions and
  effects (so it counts routes on the map, some of which a given state may close). A path may
  revisit a node at most once (each node at most twice on a path), and counting stops at
  ``LIMIT`` paths (then the summary says "at least"). Length = number of decisions taken.
"""
from __future__ import annotations

import sys
from collections import deque
from dataclasses import dataclass, field

LIMIT = 10_000
MAX_VISITS = 2  # a node may be revisited once per path
STEP_BUDGET = 500_000  # node visits explored before giving up (also reported as "at least")


def _closure(seeds, edges: dict[str, list[str]]) -> set[str]:
    seen, queue = set(seeds), deque(seeds)
    while queue:
        for nxt in edges.get(queue.popleft(), []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _names(ids: list[str]) -> str:
    quoted = [f"'{i}'" for i in ids]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def check_graph(ck, nodes, start: str, index: dict[str, int], report_unreachable: bool = True) -> None:
    """Report unreachable nodes (warnings) and reachable nodes that can never finish (one error)."""
    forward = {n.id: [c.goto for c in n.choices if c.goto in index] for n in nodes}
    backward: dict[str, list[str]] = {}
    for src, targets in forward.items():
        for t in targets:
            backward.setdefault(t, []).append(src)
    # A node "can finish" if it is an ending, or its problem is reported already (no choices, a
    # broken goto): counting those as ways out avoids knock-on errors.
    exits = [n.id for n in nodes if not n.choices or any(c.goto not in index for c in n.choices)]
    finishing = _closure(exits, backward)
    reachable = _closure([start], forward)
    trapped = [n.id for n in nodes if n.id in reachable and n.id not in finishing]
    if trapped:
        one = len(trapped) == 1
        ck.problem(("nodes", index[trapped[0]]),
                   f"no ending can be reached from node{'' if one else 's'} {_names(trapped)}: "
                   + ("its choices only lead back to itself" if one else "their choices only lead to each other")
                   + ", so a learner who gets there can never finish.",
                   "give one of them a choice that leads towards an ending.")
    if report_unreachable:
        for n in nodes:
            if n.id not in reachable:
                ck.problem(("nodes", index[n.id]), f"node '{n.id}' cannot be reached from the start node '{start}'.",
                           f"add a choice that goes to it (goto: {n.id}), or remove the node.", severity="warning")


@dataclass
class EndingPaths:
    count: int = 0
    shortest: int | None = None
    longest: int | None = None
    example: list[str] = field(default_factory=list)  # node ids of one shortest path

    def add(self, trail: list[str]) -> None:
        length = len(trail) - 1
        self.count += 1
        if self.shortest is None or length < self.shortest:
            self.shortest, self.example = length, list(trail)
        self.longest = length if self.longest is None else max(self.longest, length)


@dataclass
class PathSummary:
    total: EndingPaths
    endings: dict[str, EndingPaths]  # ending id -> its paths, in file order
    complete: bool = True  # False when a limit stopped the count

    @property
    def count_text(self) -> str:
        n = self.total.count
        return f"{'at least ' if not self.complete else ''}{n} path{'s' if n != 1 else ''}"


def enumerate_paths(scenario, limit: int = LIMIT) -> PathSummary:
    by_id = scenario.by_id
    summary = PathSummary(EndingPaths(), {n.id: EndingPaths() for n in scenario.endings})
    visits = {scenario.start: 1}
    trail = [scenario.start]
    steps = 0

    def walk(node_id: str) -> bool:  # False: stop everything
        nonlocal steps
        steps += 1
        node = by_id[node_id]
        if node.ending:
            summary.total.add(trail)
            summary.endings[node_id].add(trail)
            return summary.total.count < limit
        if steps > STEP_BUDGET:
            return False
        for c in node.choices:
            if visits.get(c.goto, 0) >= MAX_VISITS:
                continue
            visits[c.goto] = visits.get(c.goto, 0) + 1
            trail.append(c.goto)
            go_on = walk(c.goto)
            trail.pop()
            visits[c.goto] -= 1
            if not go_on:
                return False
        return True

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 4 * len(by_id) + 100))
    try:
        summary.complete = walk(scenario.start)
    finally:
        sys.setrecursionlimit(old)
    return summary


def summary_lines(scenario) -> list[str]:
    """Plain-text path report, e.g. for a command-line check."""
    s = scenario.paths
    lines = [f"{scenario.id}: {s.count_text} from '{scenario.start}' to an ending; "
             f"shortest {s.total.shortest}, longest {s.total.longest} decisions"]
    for eid, e in s.endings.items():
        lines.append(f"  {eid}: {e.count} path{'s' if e.count != 1 else ''}, shortest {e.shortest}, longest {e.longest}")
    return lines
