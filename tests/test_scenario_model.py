"""Scenario model: loading, every validation rule (exact messages), path counts, the tutor map,
and the HTML without JavaScript. Runs without MkDocs or a browser."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from course import conditions, scenario_map, scenario_paths
from course.kinds import KINDS
from course.library import check_links, load_library, read_file
from course.problems import Report
from course.render import Renderer
from course.scenario import parse
from course.textfields import TextRenderer
from course.yamlsource import load

HERE = Path(__file__).parent
BAD = HERE / "bad_scenarios"
MINI = HERE / "fixtures" / "minisite"
FILE = "scenarios/t.yml"

VALID = """\
id: t
title: Test
variables:
  trust: {label: Trust among partners, start: 1, min: 0, max: 3}
start: a
nodes:
  - id: a
    title: Start here
    text: Start.
    text_if:
      - if: "trust >= 2"
        text: Warm.
    choices:
      - text: Go on
        goto: b
        note: Why.
        effects: {trust: 1}
      - text: Only if trusted
        goto: end
        if: "trust >= 2"
  - id: b
    title: Middle
    text: Middle.
    choices:
      - text: Finish
        goto: end
  - id: end
    title: End
    ending:
      rating: good
      debrief: Done.
      ideas:
        - text: Shared purpose
          link: modules/06-five-factors.md#shared-purpose
"""


def check(text: str):
    """(scenario or None, [problem strings], [warning strings])."""
    report = Report()
    model = parse(load(textwrap.dedent(text), FILE), report)
    return model, [str(p) for p in report.errors], [str(p) for p in report.warnings]


def errors(text: str) -> list[str]:
    return check(text)[1]


def replace(old: str, new: str, base: str = VALID) -> str:
    assert old in base, old
    return base.replace(old, new, 1)


# ---- loading ------------------------------------------------------------------------------
def test_valid_scenario_loads_with_its_model():
    s, errs, warns = check(VALID)
    assert errs == [] and warns == []
    assert (s.id, s.title, s.start, s.file) == ("t", "Test", "a", FILE)
    assert [n.id for n in s.nodes] == ["a", "b", "end"]
    assert [n.id for n in s.endings] == ["end"]
    a = s.by_id["a"]
    assert a.choices[0].effects == {"trust": 1}
    assert s.effect_text(a.choices[0]) == "Trust among partners +1"
    assert s.condition_text(a.choices[1].condition) == "Trust among partners is at least 2"
    assert s.condition_text(a.text_if[0].condition) == "Trust among partners is at least 2"
    assert s.by_id["end"].ending.ideas[0].markdown == "[Shared purpose](modules/06-five-factors.md#shared-purpose)"


def test_texts_yields_every_markdown_field_with_its_path():
    s, _, _ = check(VALID)
    paths = {p: t for p, t in s.texts() if t}
    assert paths == {
        ("nodes", 0, "text"): "Start.",
        ("nodes", 0, "text_if", 0, "text"): "Warm.",
        ("nodes", 0, "choices", 0, "text"): "Go on",
        ("nodes", 0, "choices", 0, "note"): "Why.",
        ("nodes", 0, "choices", 1, "text"): "Only if trusted",
        ("nodes", 1, "text"): "Middle.",
        ("nodes", 1, "choices", 0, "text"): "Finish",
        ("nodes", 2, "ending", "debrief"): "Done.",
        ("nodes", 2, "ending", "ideas", 0, "link"): "[Shared purpose](modules/06-five-factors.md#shared-purpose)",
    }


def test_ending_may_leave_out_text_but_other_nodes_may_not():
    assert errors(replace("    text: Middle.\n", "")) == [
        "scenarios/t.yml, line 21 (nodes[1]): missing required key 'text' in node 'b'. "
        "Fix: add 'text:' (what is happening now, in Markdown); only endings may leave it out."]


def test_registered_kind_and_library_loading(tmp_path):
    assert KINDS["scenario"].folder == "scenarios"
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "t.yml").write_text(VALID)
    (tmp_path / "scenarios" / "copy.yml").write_text(VALID)
    lib = load_library(tmp_path, ["scenario"])
    assert [s.id for s in lib.all("scenario")] == ["t"]
    assert [str(p) for p in lib.report.problems] == [
        "scenarios/t.yml, line 1 (id): duplicate scenario id 't': scenarios/copy.yml already uses it. "
        "Fix: give this scenario its own id (ids are how pages and saved progress find it)."]


def test_links_in_scenario_text_are_checked():
    text = replace("link: modules/06-five-factors.md#shared-purpose", "link: modules/nope.md")
    text = replace("note: Why.", "note: See [here](javascript:alert(1)).", text)
    (tmp := Report())
    s = parse(load(text, FILE), tmp)
    lib = type("Lib", (), {})()
    lib.sources, lib.items, lib.report = {("scenario", "t"): load(text, FILE)}, {"scenario": {"t": s}}, Report()
    check_links(lib, TextRenderer({"modules/06-five-factors.md": "modules/06-five-factors/"}))
    fix = ("Fix: link to a page by its path under docs/, e.g. modules/06-five-factors.md#anchor, "
           "or use an https:// address.")
    assert [str(p) for p in lib.report.problems] == [
        f"scenarios/t.yml, line 16 (nodes[0].choices[0].note): link 'javascript:alert(1)' uses the unsafe scheme 'javascript:'. {fix}",
        f"scenarios/t.yml, line 34 (nodes[2].ending.ideas[0].link): link 'modules/nope.md' points to a page that does not exist ('modules/nope.md'). {fix}",
    ]


# ---- every rule, exact messages -----------------------------------------------------------
def test_invalid_yaml():
    report = Report()
    path = BAD / "01-invalid-yaml.yml"
    assert read_file(path, HERE, KINDS["scenario"], report)[0] is None
    assert [str(p) for p in report.problems] == [
        "bad_scenarios/01-invalid-yaml.yml, line 5: this is not valid YAML: while scanning a quoted scalar, "
        "found unexpected end of stream. Fix: check the indentation and that text containing ': ' or "
        "starting with a quote is quoted."]


def test_unknown_keys_with_did_you_mean():
    text = replace("    choices:\n      - text: Finish", "    choises:\n      - text: Finish")
    text = replace("        note: Why.", "        note: Why.\n        efects: {trust: 1}", text)
    assert errors(text) == [
        "scenarios/t.yml, line 25 (nodes[1].choises): unknown key 'choises' in node 'b'; did you mean 'choices'? "
        "Fix: rename it to 'choices'.",
        "scenarios/t.yml, line 22 (nodes[1]): node 'b' has no choices and is not an ending. "
        "Fix: add choices (each with text and goto), or make it an ending with 'ending:' and a debrief.",
        "scenarios/t.yml, line 17 (nodes[0].choices[0].efects): unknown key 'efects' in choice 1 of node 'a'; "
        "did you mean 'effects'? Fix: rename it to 'effects'.",
    ]


def test_missing_start():
    assert errors(replace("start: a\n", "")) == [
        "scenarios/t.yml, line 1: missing required key 'start' in the scenario. "
        "Fix: add 'start:' (the id of the first node), e.g. start: briefing."]


def test_start_is_not_a_node():
    assert errors(replace("start: a\n", "start: b2\n")) == [
        "scenarios/t.yml, line 5 (start): the start node 'b2' is not a node. "
        "Fix: did you mean 'b'? Otherwise use the id of a node listed under 'nodes:'."]


def test_choice_goes_to_a_missing_node():
    assert errors(replace("goto: b\n", "goto: nowhere\n")) == [
        "scenarios/t.yml, line 15 (nodes[0].choices[0].goto): node 'a': choice 1 goes to 'nowhere', which is "
        "not a node. Fix: use the id of a node under 'nodes:', or add a node with id 'nowhere'."]


def test_duplicate_node_ids():
    assert errors(replace("  - id: b\n", "  - id: a\n")) == [
        "scenarios/t.yml, line 21 (nodes[1].id): duplicate node id 'a' (first used in nodes[0]). "
        "Fix: give each node its own id; choices and saved progress find nodes by id.",
        "scenarios/t.yml, line 15 (nodes[0].choices[0].goto): node 'a': choice 1 goes to 'b', which is not a node. "
        "Fix: use the id of a node under 'nodes:', or add a node with id 'b'."]


def test_node_with_no_choices_that_is_not_an_ending():
    assert errors(replace("    choices:\n      - text: Finish\n        goto: end\n", "")) == [
        "scenarios/t.yml, line 21 (nodes[1]): node 'b' has no choices and is not an ending. "
        "Fix: add choices (each with text and goto), or make it an ending with 'ending:' and a debrief."]


@pytest.mark.parametrize("ending", ["    ending:\n      rating: good\n", "    ending:\n"])
def test_ending_without_a_debrief(ending):
    text = VALID[: VALID.index("    ending:")] + ending
    assert errors(text) == [
        "scenarios/t.yml, line 29 (nodes[2].ending): missing required key 'debrief' in the ending of node 'end'. "
        "Fix: add 'debrief:' (what happened, why, and what the real case did)."]


def test_ending_with_choices_and_a_bad_rating():
    text = replace("      rating: good\n", "      rating: great\n")
    text = replace("    ending:\n", "    choices:\n      - text: Again\n        goto: a\n    ending:\n", text)
    assert errors(text) == [
        "scenarios/t.yml, line 33 (nodes[2].ending.rating): expected one of good, mixed, poor for 'rating' "
        "but found the text 'great'. Fix: use one of: good, mixed, poor.",
        "scenarios/t.yml, line 29 (nodes[2].choices): node 'end' is an ending but also has choices. "
        "Fix: remove its choices, or remove 'ending:' to make it an ordinary node."]


def test_variables_used_but_never_declared():
    text = replace('if: "trust >= 2"\n        text: Warm.', 'if: "trsut >= 2"\n        text: Warm.')
    text = replace("effects: {trust: 1}", "effects: {trust: 1, money: 2}", text)
    assert errors(text) == [
        "scenarios/t.yml, line 11 (nodes[0].text_if[0].if): node 'a': text_if 1: the condition 'trsut >= 2' uses "
        "'trsut', which is not a declared variable. Fix: did you mean 'trust'? Otherwise declare it under "
        "'variables:' (label, start, min, max).",
        "scenarios/t.yml, line 17 (nodes[0].choices[0].effects.money): node 'a': choice 1 changes 'money', which "
        "is not a declared variable. Fix: declare it under 'variables:' (label, start, min, max)."]


@pytest.mark.parametrize("cond, wanted", [
    ("trust >= 4", "trust >= 4"),
    ("trust < 0", "trust < 0"),
    ("trust > 1 and trust < 2", "trust > 1 and trust < 2"),
    ("trust == 5", "trust == 5"),
    ("trust != 0 and trust != 1 and trust != 2 and trust != 3", "trust != 0 and trust != 1 and trust != 2 and trust != 3"),
])
def test_conditions_that_can_never_be_met(cond, wanted):
    assert errors(replace('if: "trust >= 2"\n  - id: b', f'if: "{cond}"\n  - id: b')) == [
        f"scenarios/t.yml, line 20 (nodes[0].choices[1].if): node 'a': choice 2 can never be shown: no value of "
        f"'trust' from 0 to 3 meets '{wanted}'. Fix: change the number, or widen the range of 'trust' under "
        "'variables:'."]


@pytest.mark.parametrize("cond", ["trust >= 0", "trust <= 3 and trust != 1", "trust == 3", "trust > 2", "trust != 0"])
def test_conditions_that_can_be_met_pass(cond):
    assert errors(replace('if: "trust >= 2"\n  - id: b', f'if: "{cond}"\n  - id: b')) == []


@pytest.mark.parametrize("cond, part", [
    ("trust >= high", ""), ("trust >= 1 && trust < 3", ""), ("trust >= 1 and or trust < 3", " (the part 'or trust < 3')"),
    ("trust => 2", ""), ("trust >= 1.5", ""),
])
def test_malformed_conditions(cond, part):
    assert errors(replace('if: "trust >= 2"\n  - id: b', f'if: "{cond}"\n  - id: b')) == [
        f"scenarios/t.yml, line 20 (nodes[0].choices[1].if): node 'a': choice 2: the condition '{cond}' is not "
        f"understood{part}. Fix: write NAME OP NUMBER, e.g. 'trust >= 3', and join several with ' and '; "
        "OP is one of >=, <=, >, <, ==, !=."]


def test_effects_on_undeclared_variables_and_non_numbers():
    assert errors(replace("effects: {trust: 1}", "effects: {trsut: 1, trust: lots}")) == [
        "scenarios/t.yml, line 17 (nodes[0].choices[0].effects.trsut): node 'a': choice 1 changes 'trsut', which "
        "is not a declared variable. Fix: did you mean 'trust'? Otherwise declare it under 'variables:' "
        "(label, start, min, max).",
        "scenarios/t.yml, line 17 (nodes[0].choices[0].effects.trust): node 'a': choice 1 changes 'trust' by "
        "'lots', which is not a whole number. Fix: write a whole number, e.g. trust: 1 or trust: -1."]


@pytest.mark.parametrize("var, message", [
    ("{label: Trust among partners, start: 4, min: 0, max: 3}",
     "line 4 (variables.trust.start): variable 'trust': start 4 is outside its range 0 to 3. "
     "Fix: set start between min and max, or widen the range."),
    ("{label: Trust among partners, start: -1, min: 0, max: 3}",
     "line 4 (variables.trust.start): variable 'trust': start -1 is outside its range 0 to 3. "
     "Fix: set start between min and max, or widen the range."),
    ("{label: Trust among partners, start: 1, min: 3, max: 0}",
     "line 4 (variables.trust): variable 'trust': min 3 is greater than max 0. Fix: swap min and max."),
    ("{label: Trust among partners, start: 1, min: 0}",
     "line 4 (variables.trust): missing required key 'max' in variable 'trust'. "
     "Fix: add 'max:' (the highest value), e.g. max: 5."),
])
def test_variable_ranges(var, message):
    assert errors(replace("{label: Trust among partners, start: 1, min: 0, max: 3}", var)) == [f"scenarios/t.yml, {message}"]


def test_invalid_variable_name_is_reported_once():
    text = VALID.replace("trust", "Trust-Level")
    assert errors(text) == [
        "scenarios/t.yml, line 4 (variables.Trust-Level): 'Trust-Level' is not a valid variable name: use "
        "lowercase letters, digits and underscores, starting with a letter. Fix: rename it, e.g. 'trust_level'.",
        "scenarios/t.yml, line 11 (nodes[0].text_if[0].if): node 'a': text_if 1: the condition 'Trust-Level >= 2' "
        "is not understood. Fix: write NAME OP NUMBER, e.g. 'trust >= 3', and join several with ' and '; "
        "OP is one of >=, <=, >, <, ==, !=.",
        "scenarios/t.yml, line 20 (nodes[0].choices[1].if): node 'a': choice 2: the condition 'Trust-Level >= 2' "
        "is not understood. Fix: write NAME OP NUMBER, e.g. 'trust >= 3', and join several with ' and '; "
        "OP is one of >=, <=, >, <, ==, !=."]


def test_cycle_with_no_way_to_an_ending():
    text = replace("      - text: Finish\n        goto: end\n", "      - text: Loop\n        goto: b\n")
    text = replace('        goto: end\n        if: "trust >= 2"', '        goto: end\n        if: "trust >= 2"', text)
    assert errors(text) == [
        "scenarios/t.yml, line 21 (nodes[1]): no ending can be reached from node 'b': its choices only lead back "
        "to itself, so a learner who gets there can never finish. Fix: give one of them a choice that leads "
        "towards an ending."]


def test_unreachable_nodes_and_unused_variables_are_warnings():
    text = replace("effects: {trust: 1}", "effects: {}")
    text = replace('      - if: "trust >= 2"\n        text: Warm.\n', "", text)
    text = replace('        if: "trust >= 2"\n', "", text)
    text = replace("goto: b\n", "goto: end\n", text)
    model, errs, warns = check(text)
    assert model is not None and errs == []
    assert warns == [
        "scenarios/t.yml, line 4 (variables.trust): variable 'trust' is declared but never used in a condition "
        "or effect. Fix: use it in an 'if:' or 'effects:', or remove it.",
        "scenarios/t.yml, line 18 (nodes[1]): node 'b' cannot be reached from the start node 'a'. "
        "Fix: add a choice that goes to it (goto: b), or remove the node."]


def test_all_problems_of_a_file_at_once():
    text = replace("start: a\n", "start: zz\n")
    text = replace("goto: b\n", "goto: nowhere\n", text)
    text = replace("effects: {trust: 1}", "effects: {cash: 1}", text)
    assert len(errors(text)) == 3


# ---- the broken files in tests/bad_scenarios ----------------------------------------------
EXPECTED = yaml.safe_load((BAD / "expected.yml").read_text(encoding="utf-8"))


def test_every_bad_scenario_has_expectations():
    files = sorted(p.name for p in BAD.glob("*.yml") if p.name != "expected.yml")
    assert len(files) >= 15
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_scenario(name):
    report = Report()
    model, _ = read_file(BAD / name, HERE, KINDS["scenario"], report)
    found = [("warning: " if p.severity == "warning" else "") + str(p) for p in report.problems]
    assert found == EXPECTED[name]


# ---- conditions ---------------------------------------------------------------------------
def test_condition_parsing_text_and_evaluation():
    cond, bad = conditions.parse("trust >= 2 and cash != 0")
    assert bad is None and cond.clauses == (("trust", ">=", 2), ("cash", "!=", 0))
    assert cond.text({"trust": "Trust"}) == "Trust is at least 2 and cash is not 0"
    assert conditions.holds(cond, {"trust": 2, "cash": 1})
    assert not conditions.holds(cond, {"trust": 2, "cash": 0})
    assert conditions.parse("a > 1 and")[0] is None


# ---- paths ---------------------------------------------------------------------------------
GRAPH = """\
id: g
title: Graph
start: s
nodes:
  - {id: s, title: S, text: s, choices: [{text: to a, goto: a}, {text: to b, goto: b}]}
  - {id: a, title: A, text: a, choices: [{text: end 1, goto: e1}, {text: to b, goto: b}]}
  - {id: b, title: B, text: b, choices: [{text: end 2, goto: e2}, {text: to a, goto: a}]}
  - {id: e1, title: E1, ending: {debrief: one}}
  - {id: e2, title: E2, ending: {debrief: two}}
"""


def test_path_enumeration_on_a_small_graph():
    s, errs, _ = check(GRAPH)
    assert errs == []
    p = s.paths
    # s-a-e1, s-a-b-e2, s-a-b-a-e1, s-a-b-a-b-e2 and the same four starting s-b: a and b may each
    # appear twice on a path, never three times.
    assert (p.total.count, p.total.shortest, p.total.longest, p.complete) == (8, 2, 5, True)
    assert {k: (e.count, e.shortest, e.longest) for k, e in p.endings.items()} == {"e1": (4, 2, 5), "e2": (4, 2, 5)}
    assert p.endings["e1"].example == ["s", "a", "e1"]
    assert p.count_text == "8 paths"
    assert scenario_paths.summary_lines(s) == [
        "g: 8 paths from 's' to an ending; shortest 2, longest 5 decisions",
        "  e1: 4 paths, shortest 2, longest 5", "  e2: 4 paths, shortest 2, longest 5"]


def test_path_enumeration_counts_each_choice_and_stops_at_the_limit():
    s, _, _ = check(GRAPH.replace("[{text: end 1, goto: e1}", "[{text: end 1, goto: e1}, {text: also end 1, goto: e1}"))
    assert s.paths.total.count == 12
    capped = scenario_paths.enumerate_paths(s, limit=5)
    assert (capped.total.count, capped.complete, capped.count_text) == (5, False, "at least 5 paths")


def test_path_counts_of_the_fixture_scenario():
    lib = load_library(MINI, ["scenario"])
    s = lib.get("scenario", "mini-choice")
    assert lib.report.problems == []
    assert (s.paths.total.count, s.paths.total.shortest, s.paths.total.longest) == (17, 2, 6)
    assert {k: e.count for k, e in s.paths.endings.items()} == {"ending-good": 6, "ending-mixed": 6, "ending-poor": 5}


# ---- tutor map and HTML --------------------------------------------------------------------
def test_map_layers_by_distance_from_start():
    s, _, _ = check(VALID)
    assert scenario_map.layers(s) == [["a"], ["b", "end"]]
    m = scenario_map.layout(s)
    assert [b.kind for b in m["boxes"]] == ["start", "node", "ending-good"]
    assert len(m["edges"]) == 3


def test_map_puts_unreachable_nodes_in_a_last_row():
    s, _, _ = check(GRAPH.replace("  - {id: e2", "  - {id: lost, title: L, text: l, choices: [{text: x, goto: e1}]}\n  - {id: e2"))
    assert scenario_map.layers(s)[-1] == ["lost"]


def render(text: str) -> str:
    s, errs, _ = check(text)
    assert errs == []
    pages = {"modules/06-five-factors.md": "modules/06-five-factors/"}
    return Renderer(TextRenderer(pages)).render("scenario.html", "practice/scenarios/t/", item=s, standalone=True, h=2)


def test_html_without_javascript_is_a_set_of_linked_sections():
    html = render(VALID)
    assert 'id="t-a"' in html and 'id="t-end"' in html
    assert '<a class="cs-go" href="#t-b">Go on</a>' in html
    assert "(only if Trust among partners is at least 2)" in html
    assert "Only if Trust among partners is at least 2:" in html
    assert "Changes: Trust among partners +1" in html
    assert 'tabindex="-1"' in html
    assert 'href="../../../modules/06-five-factors/#shared-purpose"' in html


def test_author_html_is_never_raw():
    html = render(replace("text: Go on", "text: Go <script>alert(1)</script> on"))
    assert "<script>" not in html and "&lt;script&gt;" in html
