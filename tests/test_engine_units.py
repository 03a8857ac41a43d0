"""Unit tests for the engine's small modules: YAML source lines, field checks, text rendering,
page helpers and the MkDocs glue's pure functions."""
from pathlib import Path

from course import yamlsource
from course.markers import find_markers, strip_code
from course.pagehtml import _closing_div, slug
from course.problems import Problem, Report
from course.render import stable_shuffle
from course.schema import Checker, Field, check_id
from course.textfields import TextRenderer, read_glossary
from course.urls import rel_link, relative_root, relative_url, url_for

ROOT = Path(__file__).resolve().parent.parent


def test_yaml_source_keeps_lines_and_reports_duplicates():
    src = yamlsource.load("a: 1\nb:\n  - x\n  - y: 2\na: 3\n", "f.yml")
    assert src.data == {"a": 3, "b": ["x", {"y": 2}]}
    assert src.line(("b", 1, "y")) == 4 and src.line(("b", 0)) == 3 and src.line(("b", 9)) == 2
    assert src.duplicates == [(("a",), 5)]
    assert yamlsource.path_text(("questions", 2, "choices")) == "questions[2].choices"


def test_yaml_syntax_error_has_a_line():
    src = yamlsource.load("a: [1, 2\nb: 3\n", "f.yml")
    assert src.syntax_error[0] == 2 and src.data is None


def test_checker_reports_unknown_missing_and_wrong_type_together():
    src = yamlsource.load("nam: x\ncount: many\n", "f.yml")
    report = Report()
    out = Checker(src, report).mapping(src.data, (), [Field("name", str, required=True), Field("count", int, default=1)], "the thing")
    assert [str(p) for p in report.problems] == [
        "f.yml, line 1 (nam): unknown key 'nam' in the thing; did you mean 'name'? Fix: rename it to 'name'.",
        "f.yml, line 1: missing required key 'name' in the thing. Fix: add 'name:' (text).",
        "f.yml, line 2 (count): expected a whole number for 'count' but found the text 'many'. Fix: write 'count' as a whole number.",
    ]
    assert out == {}


def test_ids():
    assert check_id("module-01") is None
    assert check_id("Module 1")[1] == "rename it, e.g. 'module-1'."


def test_problem_text_without_line_or_path():
    assert str(Problem("a.yml", None, "", "empty.", "write it.")) == "a.yml: empty. Fix: write it."


def test_text_renderer_escapes_html_and_resolves_links():
    r = TextRenderer({"modules/01-a.md": "modules/01-a/", "index.md": ""}, {"ICS": "integrated care system"})
    html = r.render("An ICS <b onclick=x>bold</b> [m1](modules/01-a.md#top) [home](index.md)", "practice/quizzes/q/")
    assert '<abbr title="integrated care system">ICS</abbr>' in html
    assert "&lt;b onclick=x&gt;" in html and "<b" not in html
    assert 'href="../../../modules/01-a/#top"' in html and 'href="../../../"' in html
    assert r.check("[x](vbscript:foo) [y](//evil.example/)") == [
        "link 'vbscript:foo' uses the unsafe scheme 'vbscript:'", "link '//evil.example/' has no scheme"]
    assert r.render("*one*", inline=True) == "<em>one</em>"
    assert 'rel="noopener"' in r.render("[ext](https://example.org)")


def test_a_text_is_converted_once_and_its_links_follow_the_page_showing_it():
    r = TextRenderer({"modules/01-a.md": "modules/01-a/"}, {})
    text = "See [module 1](modules/01-a.md#why)."
    assert 'href="modules/01-a/#why"' in r.render(text, "")
    assert 'href="../01-a/#why"' in r.render(text, "modules/02-b/")
    assert 'href="../../../modules/01-a/#why"' in r.render(text, "practice/quizzes/q/", inline=True)
    assert len(r._cache) == 1
    # The placeholder characters used for those links cannot be smuggled in by an author.
    assert "\ue000" not in r.render("a \ue000modules/x/\ue001 *b*") and "\ue001" not in r.render("a \ue001 c")


def test_plain_texts_take_a_short_cut_that_gives_exactly_markdowns_html():
    from course.library import load_library
    from course.textfields import PLAIN
    glossary = read_glossary((ROOT / "includes" / "abbreviations.md").read_text())
    r = TextRenderer({}, glossary)
    tricky = ["- a list", "+ b", "* c", "> quote", "1. one", "12) twelve", "    code", "---", "a *b*", "a _b_",
              "a `b`", "a \\* b", "A&E and A&amp;E", "a <b>", "# h", "a | b", "[x](y)", "a  \n b", "x\ny",
              "Trailing space ", "\tTab", "NHS and NHS England, ICS/ICB; CCGs (ICSs) 'quoted' \"double\" 50% £3!",
              "The ICS’s plan — 2019–2024?", "ICS", "1.5 million", "3 to 4"]
    lib = load_library(ROOT)
    texts = {str(t) for (kind, i) in lib.sources for _, t in lib.items[kind][i].texts() if t}
    fast = [t for t in texts | set(tricky) if PLAIN.fullmatch(t)]
    assert len(fast) > len(texts) / 2  # most course texts are plain
    for t in texts | set(tricky):
        assert r._convert(t) == r._markdown(t.replace("<", "&lt;")), t
    assert not any(PLAIN.fullmatch(t) for t in tricky[:20])


def test_relative_urls():
    assert relative_url("modules/06/", "") == "modules/06/"
    assert relative_url("modules/06/", "modules/01/") == "../06/"
    assert relative_url("", "a/b/") == "../../"
    assert relative_root("modules/01-a/") == "../../" and relative_root("") == "./"


def test_glossary_snippet_parses_and_covers_the_glossary_page():
    abbr = read_glossary((ROOT / "includes" / "abbreviations.md").read_text())
    assert len(abbr) >= 20 and abbr["ICS"].lower().startswith("integrated care system")
    glossary = (ROOT / "docs" / "glossary.md").read_text()
    missing = [a for a in abbr if a not in glossary]
    assert not missing, f"acronyms with a tooltip but no glossary entry: {missing}"


def test_markers_and_code_stripping():
    md = "x\n<!-- quiz: a -->\n```\n<!-- quiz: example -->\n```\nuse `<!-- scenario: b -->`\n<!-- scenario: c -->\n"
    assert find_markers(strip_code(md), ["quiz", "scenario"]) == [("quiz", "a", 2), ("scenario", "c", 7)]


def test_page_helpers():
    assert url_for("practice/quizzes/index.md") == "practice/quizzes/"
    assert url_for("practice/quizzes/m.md") == "practice/quizzes/m/"
    assert url_for("a/b.md", directory_urls=False) == "a/b.html"
    assert rel_link("practice/quizzes/index.md", "modules/01-a.md") == "../../modules/01-a.md"
    assert slug("Your <em>own</em> system!") == "your-own-system"
    html = '<div class="x"><div>in</div></div><p>after</p>'
    assert html[_closing_div(html, 0):].startswith("</div><p>")


def test_stable_shuffle_is_stable_and_never_the_answer():
    for n in range(2, 7):
        order = stable_shuffle(list(range(n)), f"seed{n}")
        assert order == stable_shuffle(list(range(n)), f"seed{n}")
        assert sorted(order) == list(range(n)) and order != list(range(n))
    for n in range(3, 7):  # nor the exact reverse, whatever the seed
        assert all(stable_shuffle(list(range(n)), f"s{k}") != list(range(n))[::-1] for k in range(300))


def test_quiz_authoring_page_documents_every_field_and_type():
    from course import quiz
    doc = (ROOT / "docs" / "organisations" / "authoring-quizzes.md").read_text()
    fields = [f.name for f in quiz.QUIZ_FIELDS + quiz.OUTCOME_FIELDS + quiz.COMMON + quiz.CHOICE_FIELDS + quiz.PAIR_FIELDS]
    fields += [f.name for fs in quiz.BY_TYPE.values() for f in fs]
    missing = sorted({f for f in fields if f"`{f}`" not in doc and f"{f}:" not in doc})
    assert not missing, f"fields not documented: {missing}"
    for t in quiz.TYPES:
        assert f"type: {t}" in doc, f"no example of type {t}"


def test_quiz_authoring_examples_are_valid_quizzes():
    import re
    import textwrap
    import yaml
    from course import quiz, yamlsource
    doc = (ROOT / "docs" / "organisations" / "authoring-quizzes.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", doc, re.S)
    assert len(blocks) >= 7
    for block in blocks:
        block = textwrap.dedent(block)  # examples inside content tabs are indented
        if not block.startswith("id:"):  # one question: wrap it in a quiz
            q = yaml.safe_load(block)[0]
            block = yaml.safe_dump({"id": "doc-example", "title": "Example", "outcomes": [{"id": q["outcome"], "text": "An outcome."}],
                                    "questions": [q]})
        report = Report()
        model = quiz.parse(yamlsource.load(block, "doc.yml"), report)
        assert model is not None and not report.problems, [str(p) for p in report.problems]


def test_scenario_authoring_page_documents_every_field_and_its_example_is_valid():
    import re
    from course import scenario, yamlsource
    doc = (ROOT / "docs" / "organisations" / "authoring-scenarios.md").read_text()
    fields = [f.name for group in (scenario.SCENARIO_FIELDS, scenario.VARIABLE_FIELDS, scenario.NODE_FIELDS,
                                   scenario.TEXT_IF_FIELDS, scenario.CHOICE_FIELDS, scenario.ENDING_FIELDS,
                                   scenario.IDEA_FIELDS) for f in group]
    missing = sorted({f for f in fields if f"`{f}`" not in doc})
    assert not missing, f"fields not documented: {missing}"
    example = [b for b in re.findall(r"```yaml\n(.*?)```", doc, re.S) if b.startswith("id:")][0]
    report = Report()
    model = scenario.parse(yamlsource.load(example, "doc.yml"), report)
    assert model is not None and not report.problems, [str(p) for p in report.problems]


def test_code_fences_after_text_without_a_blank_line_are_still_stripped():
    md = "Intro\n\n```markdown\n# Title\n<!-- quiz: example -->\n```\nText right after.\n\n```yaml\nid: x\n```\n<!-- quiz: real -->\n"
    assert find_markers(strip_code(md), ["quiz"]) == [("quiz", "real", 12)]


def test_every_page_has_valid_front_matter_with_title_and_description():
    """MkDocs silently ignores front matter that is not valid YAML (losing title, description and
    reading time), so check it here."""
    import re
    import yaml
    pages = list((ROOT / "docs").rglob("*.md")) + list((ROOT / "case_studies").rglob("*.md"))
    problems = []
    for p in pages:
        m = re.match(r"\A---\s*\n(.*?)\n---", p.read_text(), re.S)
        try:
            meta = yaml.safe_load(m.group(1)) if m else None
        except yaml.YAMLError as e:
            problems.append(f"{p.relative_to(ROOT)}: {str(e).splitlines()[0]}")
            continue
        if not isinstance(meta, dict) or not meta.get("title") or not meta.get("description"):
            problems.append(f"{p.relative_to(ROOT)}: front matter needs a title and a description")
    assert len(pages) > 40 and not problems, problems


def test_figures_authoring_page_documents_every_field_and_its_examples_are_valid():
    import re
    from course import figure, timeline, yamlsource
    doc = (ROOT / "docs" / "organisations" / "authoring-figures.md").read_text()
    fields = {f.name for group in [timeline.TIMELINE_FIELDS, timeline.EVENT_FIELDS, figure.COMMON, figure.ITEM_FIELDS,
                                   figure.CONTRAST_FIELDS, figure.SERIES_FIELDS, figure.GROUP_FIELDS,
                                   *figure.BY_TYPE.values()] for f in group}
    missing = sorted(f for f in fields if f"`{f}`" not in doc)
    assert not missing, f"fields not documented: {missing}"
    assert all(f"`{t}`" in doc for t in figure.TYPES)
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", doc, re.S)]
    assert len(blocks) == 3
    for block in blocks:
        parse = figure.parse if "\ntype:" in block else timeline.parse
        report = Report()
        assert parse(yamlsource.load(block, "doc.yml"), report) is not None and not report.problems, report.problems
