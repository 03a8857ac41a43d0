"""The map of a scenario for its tutor page, laid out at build time for inline SVG (no JavaScript,
no CDN); ``templates/scenario_map.html`` draws it and ``scenario_tutor.md`` adds its text equivalent
and the path counts from ``scenario_paths``.

Layout: nodes in rows by their distance (fewest choices) from the start; nodes that cannot be
reached go in a last row. Forward arrows go straight down; arrows along a row or back up are
dashed curves through the gaps between rows.
"""
from __future__ import annotations

import textwrap
from collections import deque
from dataclasses import dataclass


BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 180, 58, 28, 54, 16
CHARS_PER_LINE = 25


@dataclass
class Box:
    id: str
    lines: list[str]
    kind: str  # start | node | ending-good | ending-mixed | ending-poor | ending-none
    x: int
    y: int


def layers(scenario) -> list[list[str]]:
    depth = {scenario.start: 0}
    queue = deque([scenario.start])
    while queue:
        nid = queue.popleft()
        for c in scenario.by_id[nid].choices:
            if c.goto not in depth:
                depth[c.goto] = depth[nid] + 1
                queue.append(c.goto)
    rows: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for n in scenario.nodes:  # file order within a row
        if n.id in depth:
            rows[depth[n.id]].append(n.id)
    lost = [n.id for n in scenario.nodes if n.id not in depth]
    return rows + ([lost] if lost else [])


def _kind(scenario, node) -> str:
    if node.ending:
        return f"ending-{node.ending.rating or 'none'}"
    return "start" if node.id == scenario.start else "node"


def _label(scenario, node) -> list[str]:
    lines = textwrap.wrap(node.title, CHARS_PER_LINE)[:2]
    if len(textwrap.wrap(node.title, CHARS_PER_LINE)) > 2:
        lines[-1] = lines[-1][: CHARS_PER_LINE - 1] + "…"
    if node.ending:
        tag = f"Ending: {node.ending.rating}" if node.ending.rating else "Ending"
    else:
        tag = "Start" if node.id == scenario.start else node.id
    return lines + [tag]


def layout(scenario) -> dict:
    rows = layers(scenario)
    widest = max(len(r) for r in rows)
    width = 2 * MARGIN + widest * BOX_W + (widest - 1) * GAP_X
    boxes: dict[str, Box] = {}
    for r, row in enumerate(rows):
        row_w = len(row) * BOX_W + (len(row) - 1) * GAP_X
        left = MARGIN + ((widest * BOX_W + (widest - 1) * GAP_X) - row_w) // 2
        for k, nid in enumerate(row):
            node = scenario.by_id[nid]
            boxes[nid] = Box(nid, _label(scenario, node), _kind(scenario, node),
                             left + k * (BOX_W + GAP_X), MARGIN + r * (BOX_H + GAP_Y))
    return {"boxes": list(boxes.values()), "edges": _edges(scenario, boxes),
            "width": width, "height": 2 * MARGIN + len(rows) * BOX_H + (len(rows) - 1) * GAP_Y,
            "box_w": BOX_W, "box_h": BOX_H}


def _edges(scenario, boxes: dict[str, Box]) -> list[dict]:
    out, seen = [], set()
    for n in scenario.nodes:
        for c in n.choices:
            if (n.id, c.goto) in seen or c.goto not in boxes:
                continue
            seen.add((n.id, c.goto))
            a, b = boxes[n.id], boxes[c.goto]
            ax, bx = a.x + BOX_W // 2, b.x + BOX_W // 2
            if b.y > a.y:  # down to a later row
                d = f"M{ax},{a.y + BOX_H} L{bx},{b.y - 3}"
            elif b.y == a.y:  # along the row: an arc through the gap above
                d = f"M{ax + 20},{a.y} C{ax + 20},{a.y - 34} {bx + 20},{b.y - 34} {bx + 20},{b.y - 3}"
            else:  # back up to an earlier row: a curve from the top of one to the bottom of the other
                d = (f"M{ax + 20},{a.y} C{ax + 20},{a.y - 40} {bx + 20},{b.y + BOX_H + 40} "
                     f"{bx + 20},{b.y + BOX_H + 3}")
            out.append({"d": d, "back": b.y <= a.y, "title": f"{n.title} → {scenario.by_id[c.goto].title}"})
    return out
