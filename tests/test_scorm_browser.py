"""The SCORM 1.2 package in a real browser, under a real SCORM 1.2 runtime (scorm-again).

A host page plays the LMS: it loads node_modules/scorm-again/dist/scorm12.min.js, sets
``window.API = new Scorm12API({autocommit: false})`` and shows the unzipped SCO in an iframe. The
tests answer the quiz by clicking, submit, and check what the LMS received. scorm-again reports
any call the SCO gets wrong as a console error, which fails the test (see conftest.Guard).
"""
from __future__ import annotations

import io
import re
import shutil
import zipfile
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from conftest import MINISITE, ROOT, Server
from course.course import site_urls as site_pages
from course.exports import scorm
from course.exports.base import Exporter
from course.library import load_library

pytestmark = pytest.mark.browser
SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"

HOST = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Test LMS</title>
<link rel="icon" href="data:,">
<script src="scorm12.min.js"></script>
<script>
  window.API = new Scorm12API({autocommit: false});
  window.lmsCalls = [];
  ["LMSInitialize", "LMSSetValue", "LMSCommit", "LMSFinish"].forEach(function (name) {
    var real = window.API[name].bind(window.API);
    window.API[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      var result = real.apply(null, args);
      window.lmsCalls.push({name: name, args: args, result: String(result)});
      return result;
    };
  });
  var saved = new URLSearchParams(location.search).get("suspend");
  if (saved) window.API.loadFromJSON({suspend_data: saved});
</script>
</head>
<body>
<main><h1>Test LMS</h1>
<iframe id="sco" title="Quiz" src="sco/index.html" style="width: 100%; height: 2400px; border: 0"></iframe>
</main>
</body>
</html>
"""


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    if not SCORM_AGAIN.exists():
        pytest.skip("scorm-again is not installed (run npm install)")
    folder = tmp_path_factory.mktemp("lms")
    lib = load_library(MINISITE, kinds=["quiz"])
    data = scorm.export(lib.get("quiz", "all-types"), Exporter(site_pages(MINISITE, lib))).data
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        zf.extractall(folder / "sco")
    shutil.copy(SCORM_AGAIN, folder / "scorm12.min.js")
    (folder / "host.html").write_text(HOST, encoding="utf-8")
    server = Server(folder)
    yield server.url + "host.html"
    server.close()


def open_sco(page, url):
    page.goto(url)
    frame = page.frame_locator("#sco")
    expect(frame.locator("[data-cq-submit]")).to_be_visible()
    page.wait_for_function("window.lmsCalls.some(c => c.name === 'LMSInitialize')")
    return frame


def calls(page) -> list[dict]:
    return page.evaluate("window.lmsCalls")


def last_set(page) -> dict[str, str]:
    out = {}
    for c in calls(page):
        if c["name"] == "LMSSetValue":
            assert c["result"] == "true", c
            out[c["args"][0]] = c["args"][1]
    return out


def put_in_order(frame, wanted):
    order = frame.locator("#quiz-all-types-order")
    for _ in range(10):
        current = order.locator(".cq-item").all_inner_texts()
        if current == wanted:
            return
        i = next(i for i, t in enumerate(current) if t != wanted[i])
        order.locator("li", has_text=wanted[i]).get_by_role("button", name=re.compile("^Move up")).click()
    assert order.locator(".cq-item").all_inner_texts() == wanted


def answer_all(frame, right: bool):
    q = lambda qid: frame.locator(f"#quiz-all-types-{qid}")  # noqa: E731
    q("single").get_by_label("One agreed aim across organisations" if right else "A regulator's checklist").check()
    q("multiple").get_by_label("Frequent personal contact").check()
    q("multiple").get_by_label("Committing for the long term" if right else "Winning every argument").check()
    q("tf").get_by_label("False" if right else "True").check()
    put_in_order(frame, ["First", "Second", "Third"] if right else ["Third", "Second", "First"])
    for i, (letter, number) in enumerate([("A", "One"), ("B", "Two"), ("C", "Three")]):
        select = q("match").locator(f"#quiz-all-types-match-m{i}")
        select.select_option(label=number if right else ["Two", "Three", "One"][i])
    q("reflect").locator("textarea").fill("Because no organisation can do it alone: " + "é" * 50)


def submit(page, frame):
    frame.get_by_role("button", name="Submit answers").click()
    page.wait_for_function("window.lmsCalls.some(c => c.name === 'LMSFinish')")


def test_full_score_run_reports_passed_to_the_lms(page, lms, guard):
    frame = open_sco(page, lms)
    answer_all(frame, right=True)
    submit(page, frame)
    expect(frame.locator("[data-cq-score]")).to_contain_text("You scored 5 out of 5 (100%)")
    values = last_set(page)
    assert values["cmi.core.score.raw"] == "100"
    assert values["cmi.core.score.min"] == "0" and values["cmi.core.score.max"] == "100"
    assert values["cmi.core.lesson_status"] == "passed"
    assert len(values["cmi.suspend_data"]) < 4096
    assert values["cmi.core.exit"] == ""
    assert re.fullmatch(r"\d{4}:\d\d:\d\d", values["cmi.core.session_time"])
    # The interactions: one per question, all right, the reflection unmarked.
    results = [values[f"cmi.interactions.{i}.result"] for i in range(6)]
    assert results == ["correct"] * 5 + ["neutral"]
    assert [values[f"cmi.interactions.{i}.type"] for i in range(6)] == \
        ["choice", "choice", "true-false", "sequencing", "matching", "fill-in"]
    assert values["cmi.interactions.4.student_response"] == values["cmi.interactions.4.correct_responses.0.pattern"]
    names = [c["name"] for c in calls(page)]
    assert names[0] == "LMSInitialize" and names[-2:] == ["LMSCommit", "LMSFinish"]
    assert names.count("LMSFinish") == 1 and all(c["result"] == "true" for c in calls(page))
    # What the LMS holds (scorm-again's data model), not only what was sent.
    held = page.evaluate("({raw: API.cmi.core.score.raw, status: API.cmi.core.lesson_status, suspend: API.cmi.suspend_data})")
    assert held["raw"] == "100" and held["status"] == "passed" and len(held["suspend"]) < 4096
    expect(frame.locator("[data-sco-status]")).to_contain_text("Your result has been sent")
    expect(frame.locator("#quiz-all-types-single details[data-cq-solution]")).to_be_visible()


def test_wrong_run_reports_failed(page, lms, guard):
    frame = open_sco(page, lms)
    answer_all(frame, right=False)
    submit(page, frame)
    values = last_set(page)
    assert values["cmi.core.score.raw"] == "0"
    assert values["cmi.core.lesson_status"] == "failed"
    assert len(values["cmi.suspend_data"]) < 4096
    assert [values[f"cmi.interactions.{i}.result"] for i in range(5)] == ["wrong"] * 5
    assert "LMSFinish" in [c["name"] for c in calls(page)]
    expect(frame.locator("#quiz-all-types-single [data-cq-feedback]")).to_contain_text("No: that is imposed from outside.")


def test_partial_run_scores_and_unfinished_answers_resume(page, lms, guard):
    frame = open_sco(page, lms)
    assert last_set(page)["cmi.core.lesson_status"] == "incomplete"
    frame.locator("#quiz-all-types-single").get_by_label("One agreed aim across organisations").check()
    frame.locator("#quiz-all-types-tf").get_by_label("False").check()
    frame.locator("#quiz-all-types-reflect textarea").fill("Saved for later")
    saved = last_set(page)["cmi.suspend_data"]
    assert len(saved) < 4096
    # Leaving: the answers are kept for next time (exit "suspend") and the session is finished.
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.lmsCalls.some(c => c.name === 'LMSFinish')")
    assert last_set(page)["cmi.core.exit"] == "suspend"
    # A new session with that suspend data restores the answers.
    frame = open_sco(page, lms + "?suspend=" + quote(saved))
    expect(frame.locator("#quiz-all-types-single").get_by_label("One agreed aim across organisations")).to_be_checked()
    expect(frame.locator("#quiz-all-types-tf").get_by_label("False")).to_be_checked()
    expect(frame.locator("#quiz-all-types-reflect textarea")).to_have_value("Saved for later")
    submit(page, frame)
    values = last_set(page)
    assert values["cmi.core.score.raw"] == "40" and values["cmi.core.lesson_status"] == "failed"  # 2 of 5, pass 60%


def test_sco_without_an_lms_still_works_and_is_accessible(page, lms, guard, axe):
    page.goto(lms.replace("host.html", "sco/index.html"))
    expect(page.locator("[data-cq-note]")).to_contain_text("No learning management system was found")
    assert axe(page) == []
    page.locator("#quiz-all-types-tf").get_by_label("False").check()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.locator("[data-cq-score]")).to_contain_text("You scored 1 out of 5 (20%)")
    expect(page.get_by_role("button", name="Try again")).to_be_visible()
    assert axe(page) == []
