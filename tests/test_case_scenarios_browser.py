"""Every shipped scenario (the four case studies and module 6's budget conflict) played to every
ending by clicking, on the real site. The route to each ending is worked out from the YAML with the
scenario's own state rules (effects clamped, conditions honoured), then clicked in Chromium."""
from collections import deque

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from course.conditions import holds
from course.library import load_library

pytestmark = pytest.mark.browser
LIBRARY = load_library(ROOT, kinds=["scenario"])
SCENARIOS = sorted(LIBRARY.all("scenario"), key=lambda s: s.id)


def routes(scenario) -> dict[str, list[int]]:
    """For each ending, the shortest list of visible-choice indexes that reaches it."""
    nodes = {n.id: n for n in scenario.nodes}
    start_state = tuple(v.start for v in scenario.variables)
    names = [v.name for v in scenario.variables]
    bounds = {v.name: (v.min, v.max) for v in scenario.variables}
    found: dict[str, list[int]] = {}
    queue = deque([(scenario.start, start_state, [])])
    seen = {(scenario.start, start_state)}
    while queue:
        node_id, state, path = queue.popleft()
        node = nodes[node_id]
        if node.ending:
            found.setdefault(node_id, path)
            continue
        values = dict(zip(names, state))
        visible = [c for c in node.choices if holds(c.condition, values)] or node.choices
        for k, choice in enumerate(visible):
            nxt = dict(values)
            for name, delta in choice.effects.items():
                lo, hi = bounds[name]
                nxt[name] = max(lo, min(hi, nxt[name] + delta))
            key = (choice.goto, tuple(nxt[n] for n in names))
            if key not in seen:
                seen.add(key)
                queue.append((choice.goto, key[1], path + [k]))
    return found


def test_the_course_ships_five_scenarios_each_with_at_least_three_endings():
    assert [s.id for s in SCENARIOS] == ["budget-conflict", "canterbury-one-system", "frimley-frailty",
                                         "london-stroke-units", "millom-community"]
    for s in SCENARIOS:
        assert len([n for n in s.nodes if n.ending]) >= 3, s.id
        assert len(s.nodes) >= 10, s.id


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_every_ending_is_reached_by_clicking(page, site, guard, scenario):
    endings = [n for n in scenario.nodes if n.ending]
    plan = routes(scenario)
    assert set(plan) == {n.id for n in endings}, "some endings cannot be reached with the state rules"
    root = page.locator(f"#scenario-{scenario.id}")
    page.goto(site + f"practice/scenarios/{scenario.id}/")
    page.evaluate("localStorage.clear()")
    page.reload()
    for ending in endings:
        root.locator("[data-cs-restart]").click()
        for k in plan[ending.id]:
            current = root.locator("[data-cs-node]:not([hidden])")
            current.locator("li.cs-choice:not([hidden]) .cs-go").nth(k).click()
        current = root.locator("[data-cs-node]:not([hidden])")
        expect(current).to_have_attribute("data-cs-node", ending.id)
        expect(current.locator(".cs-debrief")).to_be_visible()
        expect(current.locator("[data-cs-replay] > li")).to_have_count(len(plan[ending.id]))
    expect(root.locator("[data-cs-node]:not([hidden]) [data-cs-found]")).to_have_text(
        f"You have reached {len(endings)} of {len(endings)} endings.")
