"""Timelines and figures: two kinds added by a model module and a record in kinds.py each, their
rules with the exact messages an author sees, and how they are drawn."""
from pathlib import Path

import pytest

import helpers
from helpers import expected_for

from course.kinds import KINDS
from course.timeline import When, parse_date

HERE = Path(__file__).parent
BAD = {kind: sorted((HERE / folder).glob("*.yml")) for kind, folder in
       [("timeline", "bad_timelines"), ("figure", "bad_figures")]}
CASES = [(kind, p) for kind, paths in BAD.items() for p in paths]


@pytest.mark.parametrize("kind,path", CASES, ids=[f"{k}-{p.stem}" for k, p in CASES])
def test_bad_timeline_or_figure_reports_exactly_the_expected_problems(kind, path):
    expected = expected_for(path)
    assert expected, f"{path.name} has no '# expect' lines"
    assert helpers.problems_for(path, kind, {}) == expected


@pytest.mark.parametrize("kind", ["timeline", "figure"])
def test_every_problem_names_file_line_and_fix(kind):
    helpers.assert_every_problem_names_file_line_and_fix(BAD[kind], lambda p: helpers.problems_for(p, kind, {}))


def test_dates_as_authors_write_them():
    import datetime as dt
    assert parse_date(2010) == When(2010)
    assert parse_date("2010-02") == When(2010, 2)
    assert parse_date(dt.date(2010, 2, 14)) == When(2010, 2, 14)
    assert parse_date("2010-02-30") is None and parse_date("Spring 2010") is None and parse_date(True) is None
    assert [When(2010).text, When(2010, 2).text, When(2010, 2, 14).text] == ["2010", "February 2010", "14 February 2010"]
    assert When(2010, 2, 14).iso == "2010-02-14" and When(2010, 2).iso == "2010-02"


def test_gaps_grow_with_the_time_between_events(tmp_path):
    from course.problems import Report
    from course.timeline import parse
    from course.yamlsource import load
    text = ("id: t\ntitle: T\nevents:\n" + "".join(f"  - date: {d}\n    title: E{d}\n    source: S\n"
                                                   for d in ["2000", "2001", "2002", "2010"]))
    t = parse(load(text, "t.yml"), Report())
    assert [e.gap for e in t.events] == [0, 0, 0, 4] and t.span == "2000 to 2010"


def test_figures_and_timelines_are_kinds_with_a_marker_and_no_pages_of_their_own():
    for name in ("timeline", "figure"):
        kind = KINDS[name]
        assert kind.widget and kind.searchable and not kind.catalogue


def test_figures_and_timelines_show_without_javascript_and_are_found_by_search(minisite_dir):
    import json
    html = (minisite_dir / "other" / "index.html").read_text()
    for fid in ["timeline-sample", "figure-cycle", "figure-grid", "figure-contrasts", "figure-nested", "figure-bars"]:
        assert f'id="{fid}"' in html
    index = json.loads((minisite_dir / "search" / "search_index.json").read_text())
    text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("other/"))
    assert "Frequent personal contact" in text and "December 2006" in text


def test_order_is_judged_at_the_precision_both_dates_have():
    assert When(2008).before(When(2010, 2))
    assert not When(2017).before(When(2017, 6)) and not When(2017, 6).before(When(2017))
    assert When(2017, 5).before(When(2017, 6)) and not When(2017, 6, 2).before(When(2017, 6))
