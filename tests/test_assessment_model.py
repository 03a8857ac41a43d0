"""Self-assessment model and validation: every rule, with the exact message an author sees."""
from pathlib import Path

import pytest

import helpers
from helpers import expected_for

from course.kinds import KINDS
from course.library import load_library, read_file
from course.problems import ContentError, Report
from course.render import Renderer
from course.textfields import TextRenderer

HERE = Path(__file__).parent
ROOT = HERE.parent
BAD = sorted((HERE / "bad_assessments").glob("*.yml"))
PAGES = {"modules/06-five-factors.md": "modules/06-five-factors/"}
MINI = HERE / "fixtures" / "minisite"


def problems_for(path: Path) -> list[str]:
    return helpers.problems_for(path, "assessment", PAGES)


def test_the_kind_is_registered():
    assert KINDS["assessment"].folder == "assessments"


def test_there_are_at_least_8_bad_assessments():
    assert len(BAD) >= 8


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_assessment_reports_exactly_the_expected_problems(path):
    expected = expected_for(path)
    assert expected, f"{path.name} has no '# expect' lines"
    assert problems_for(path) == expected


def test_every_problem_names_file_line_and_fix():
    helpers.assert_every_problem_names_file_line_and_fix(BAD, problems_for)


def test_all_problems_of_a_file_are_reported_together():
    assert len(problems_for(HERE / "bad_assessments" / "wrong-types.yml")) == 5
    report = Report()
    read_file(HERE / "bad_assessments" / "levels-count.yml", HERE, KINDS["assessment"], report)
    text = str(ContentError(report.errors))
    assert text.splitlines()[0] == "4 problems in course content:"
    assert all(line.startswith("  - bad_assessments/levels-count.yml, line ") for line in text.splitlines()[1:])


# The rules one by one, with the exact text (the bad files cover them together as well).
RULES = [
    ("unknown key, did you mean", "unknown-key-typo.yml",
     "error: bad_assessments/unknown-key-typo.yml, line 8 (dimensions[0].next_step): unknown key 'next_step' in "
     "dimension 1 ('one'); did you mean 'next_steps'? Fix: rename it to 'next_steps'."),
    ("missing field", "missing-required.yml",
     "error: bad_assessments/missing-required.yml, line 1: missing required key 'type' in the self-assessment. "
     "Fix: add 'type:' (rating or spectrum), e.g. type: rating."),
    ("wrong type", "wrong-types.yml",
     "error: bad_assessments/wrong-types.yml, line 10 (dimensions[0].items): expected a list for 'items' but found "
     "the text 'A statement'. Fix: write 'items' as a list."),
    ("duplicate item id", "duplicate-ids.yml",
     "error: bad_assessments/duplicate-ids.yml, line 19 (dimensions[1].items[0].id): duplicate item id 'a' (first "
     "used in dimensions[0].items[0]). Fix: give each item its own id; ids are how saved results find their item."),
    ("scale bounds", "scale-bounds.yml",
     "error: bad_assessments/scale-bounds.yml, line 7 (scale.max): expected a scale of 3 to 10 points but found 12 "
     "(min 1, max 12). Fix: set max between 3 and 10, e.g. max: 5."),
    ("scale start", "scale-start.yml",
     "error: bad_assessments/scale-start.yml, line 5 (scale.min): expected the scale to start at 0 or 1 but found 2. "
     "Fix: write min: 1 (or min: 0)."),
    ("descriptors match the scale", "levels-count.yml",
     "error: bad_assessments/levels-count.yml, line 15 (dimensions[0].items[0].levels): expected 4 levels (one "
     "descriptor for each point from 1 to 4) but found 3. Fix: write one descriptor per point of the scale, lowest first."),
    ("labels match the scale", "levels-count.yml",
     "error: bad_assessments/levels-count.yml, line 7 (scale.labels): expected 4 labels (one for each point from 1 "
     "to 4) but found 5. Fix: write one short label per point, lowest first."),
    ("unsafe link", "unsafe-link.yml",
     "error: bad_assessments/unsafe-link.yml, line 9 (dimensions[0].next_steps): link 'javascript:alert(1)' uses the "
     "unsafe scheme 'javascript:'. Fix: link to a page by its path under docs/, e.g. "
     "modules/06-five-factors.md#anchor, or use an https:// address."),
    ("broken link", "unsafe-link.yml",
     "error: bad_assessments/unsafe-link.yml, line 16 (dimensions[1].next_steps): link 'modules/99-missing.md' points "
     "to a page that does not exist ('modules/99-missing.md'). Fix: link to a page by its path under docs/, e.g. "
     "modules/06-five-factors.md#anchor, or use an https:// address."),
    ("contrast sides differ", "spectrum-problems.yml",
     "error: bad_assessments/spectrum-problems.yml, line 8 (items[0].to): the two sides of the contrast are the same "
     "('hierarchical'). Fix: write the 'from' and 'to' sides as different descriptions."),
    ("radar needs three dimensions", "too-few-dimensions.yml",
     "error: bad_assessments/too-few-dimensions.yml, line 5 (dimensions): expected at least 3 dimensions but found 2. "
     "Fix: add dimensions (at least 3)."),
]


@pytest.mark.parametrize("rule,name,message", RULES, ids=[r[0] for r in RULES])
def test_each_rule_has_its_exact_message(rule, name, message):
    assert message in problems_for(HERE / "bad_assessments" / name)


def test_valid_rating_model():
    lib = load_library(MINI, kinds=["assessment"])
    assert not lib.report.problems, lib.report.problems
    a = lib.get("assessment", "mini-check")
    assert a.type == "rating" and (a.min, a.max, a.points) == (1, 3, [1, 2, 3])
    assert a.labels == ["Weak", "Fair", "Good"] and a.label(2) == "Fair" and a.show_weakest == 1
    assert [d.id for d in a.dimensions] == ["purpose", "contact", "conflict"]
    assert [i.id for i in a.items] == ["aim", "truths", "meet", "challenge"]
    assert a.dimensions[0].items[0].levels == ["Nobody agrees", "Some agree", "Everyone agrees"]
    assert a.dimensions[0].next_steps.startswith("Purpose steps.")


def test_valid_spectrum_model_has_one_dimension_per_contrast():
    a = load_library(MINI, kinds=["assessment"]).get("assessment", "mini-spectrum")
    assert a.type == "spectrum" and (a.min, a.max, a.labels, a.show_weakest) == (1, 5, [], 2)
    assert [(d.id, d.items[0].start, d.items[0].end) for d in a.dimensions] == [
        ("hier", "Hierarchical", "Horizontal"), ("short", "Short-term", "Long-term"), ("self", "Self-centred", "Altruistic")]
    assert a.dimensions[2].next_steps is None


def test_duplicate_assessment_ids_across_files(tmp_path):
    (tmp_path / "assessments").mkdir()
    text = (MINI / "assessments" / "mini-check.yml").read_text()
    (tmp_path / "assessments" / "a.yml").write_text(text)
    (tmp_path / "assessments" / "b.yml").write_text(text)
    lib = load_library(tmp_path, kinds=["assessment"])
    assert [str(p) for p in lib.report.errors] == [
        "assessments/b.yml, line 2 (id): duplicate assessment id 'mini-check': assessments/a.yml already uses it. "
        "Fix: give this assessment its own id (ids are how pages and saved progress find it)."
    ]


def render(item_id: str, standalone: bool = False) -> str:
    lib = load_library(MINI, kinds=["assessment"])
    renderer = Renderer(TextRenderer({"other.md": "other/", "index.md": ""}, {"NHS": "National Health Service"}))
    return renderer.render("assessment.html", "assessment/", item=lib.get("assessment", item_id),
                           standalone=standalone, h=2 if standalone else 3)


def test_rating_html_is_a_complete_form_without_javascript():
    html = render("mini-check")
    assert 'data-ca-assessment="mini-check"' in html and 'data-ca-min="1" data-ca-max="3"' in html
    assert html.count('type="radio"') == 4 * 3
    assert html.count("<fieldset") == 4 and html.count("<legend>") == 4
    assert "<strong>2 Fair:</strong> Some agree" in html
    assert '<details class="ca-steps">' in html and 'href="../other/#an-anchor"' in html
    assert '<h3 class="ca-title"' in html and '<h4 class="ca-dim-title">Shared purpose</h4>' in html
    # The interactive parts start hidden: a page without JavaScript shows only the form and the text.
    assert '<div class="ca-results" data-ca-results hidden>' in html
    assert '<div class="ca-actions" data-ca-js hidden>' in html


def test_spectrum_html_names_both_sides():
    html = render("mini-spectrum", standalone=True)
    assert '<h2 class="ca-title"' in html and 'data-ca-type="spectrum"' in html
    assert 'data-ca-from="Hierarchical" data-ca-to="Horizontal"' in html
    assert html.count('type="radio"') == 3 * 5
    assert "Next steps: moving towards “Horizontal”" in html
    assert html.count("<details") == 2  # the third contrast has no next steps


def test_course_content_is_valid_and_matches_the_module_pages():
    lib = load_library(ROOT, kinds=["assessment"])
    assert not lib.report.problems, lib.report.problems
    five = lib.get("assessment", "five-factors")
    assert [d.title for d in five.dimensions] == [
        "Shared purpose and vision", "Frequent personal contact", "Surfacing and resolving conflict",
        "Behaving altruistically", "Committing for the long term"]
    assert all(2 <= len(d.items) <= 3 and d.next_steps for d in five.dimensions)
    for d, anchor in zip(five.dimensions, ["shared-purpose-and-vision", "frequent-personal-contact",
                                           "surfacing-and-resolving-conflict", "behaving-altruistically",
                                           "committing-for-the-long-term"]):
        assert f"modules/06-five-factors.md#{anchor}" in d.next_steps
    # The twelve contrasts are exactly the pairs in module 7's table, in order.
    page = (ROOT / "docs" / "modules" / "07-leading-in-integrated-care-systems.md").read_text()
    rows = [line.split("|")[2:4] for line in page.splitlines() if line.startswith("| ") and line.split("|")[1].strip().isdigit()]
    contrasts = lib.get("assessment", "leadership-contrasts")
    assert [(d.items[0].start, d.items[0].end) for d in contrasts.dimensions] == [(a.strip(), b.strip()) for a, b in rows]
    assert len(rows) == 12
    steps = " ".join(d.next_steps for d in contrasts.dimensions)
    assert "#the-twelve-contrasts" in steps and "#the-four-domains" in steps
