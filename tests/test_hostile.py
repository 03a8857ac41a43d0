"""Author text is never markup, anywhere it lands.

A copy of the mini-site in which every free-text string of every kind (quiz, scenario,
self-assessment, lab, branding settings) carries markup, both quote characters, '&' and
'</script>', is built strictly; every page is opened in Chromium with its details opened and its
buttons clicked; nothing runs and the text shows literally. Every LMS export still parses.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import MINISITE, ROOT, Server, build
from helpers import answer_quiz_correctly

pytestmark = pytest.mark.browser

# Runs if it is ever parsed as HTML (an attribute or a tag), as JavaScript in a script element, or
# as a Markdown link or attribute list; shows as itself when it is text.
PAYLOAD = ('<img src=x onerror="window.__xss=1"> & "double" \'single\' </script><script>window.__xss=2</script>'
           ' [a link](https://example.org/x) {: onclick="window.__xss=4" } *not emphasis*')
# (A javascript: link in a Markdown field is refused at build time: see the unsafe-link bad-input files.)
VISIBLE = '<img src=x onerror="window.__xss=1">'
# Keys whose values are not free text: ids, references, choices from a list, conditions, numbers.
STRUCTURAL = {"id", "type", "goto", "if", "outcome", "start", "mode", "show_answers", "rating", "link", "min", "max",
              "pass_mark", "shuffle", "correct", "answer", "estimated_minutes", "show_weakest", "effects"}
HOOKS = ROOT / "hooks" / "course_hooks.py"


def hostile(value, key=None):
    """Every free-text string in a YAML document, with the payload added."""
    if isinstance(value, dict):
        return {k: (v if k in STRUCTURAL else hostile(v, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [hostile(v, key) for v in value]
    if isinstance(value, str) and key not in STRUCTURAL:
        return f"{value} {PAYLOAD}"
    return value


def notebook(title: str) -> dict:
    return {"cells": [{"cell_type": "markdown", "metadata": {}, "source": [f"# {title}\n"]}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "site"
    shutil.copytree(MINISITE, root)
    for path in list(root.glob("quizzes/*.yml")) + list(root.glob("scenarios/*.yml")) + list(root.glob("assessments/*.yml")):
        data = yaml.safe_load(path.read_text())
        if "variables" in data:  # variable names are identifiers; their labels are text
            data["variables"] = {name: {**v, "label": f"{v['label']} {PAYLOAD}"} for name, v in data["variables"].items()}
        path.write_text(yaml.safe_dump(hostile({k: v for k, v in data.items() if k != "variables"}) |
                                       ({"variables": data["variables"]} if "variables" in data else {}),
                                       sort_keys=False, allow_unicode=True))
    (root / "labs").mkdir()
    (root / "labs" / "hostile.ipynb").write_text(json.dumps(notebook(f"A lab {PAYLOAD}")))
    cfg = root / "mkdocs.yml"
    config = yaml.safe_load(cfg.read_text().replace("../../../hooks/course_hooks.py", str(HOOKS)))
    config["hooks"] = [str(HOOKS)]
    config["theme"]["custom_dir"] = str(ROOT / "overrides")  # the course's own footer shows the branding
    config["extra"]["course"].update(organisation=f"Anytown {PAYLOAD}", footer_text=f"Footer {PAYLOAD}")
    cfg.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    tools = root / "docs" / "learner"
    tools.mkdir()
    for tool in ("progress", "journal", "data", "record", "assign", "assignment"):
        (tools / f"{tool}.md").write_text(f"# {tool.title()}\n\n<!-- course: {tool} -->\n")
    other = root / "docs" / "other.md"
    other.write_text(other.read_text() + "\n\n<!-- lab: hostile -->\n")
    out = root.parent / "built"
    result = build(cfg, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return root, out


def test_every_page_shows_author_markup_as_text_and_runs_none_of_it(hostile_site, page):
    root, out = hostile_site
    server = Server(out)
    try:
        pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html")
                       if "labs/lite" not in p.as_posix() and "assets" not in p.as_posix())
        assert len(pages) >= 20, pages
        for rel in pages:
            page.goto(server.url + rel)
            page.wait_for_load_state("load")
            page.evaluate("""() => { for (const d of document.querySelectorAll('details')) d.open = true;
                                     for (const d of document.querySelectorAll('[hidden]')) d.hidden = false; }""")
            for button in page.locator("main button:visible").all()[:40]:
                try:
                    button.click(timeout=500)
                except Exception:
                    pass
            assert page.evaluate("window.__xss") is None, f"{rel}: author text ran as code"
            assert page.locator("main img[src='x'], main [onclick]").count() == 0, rel
            assert page.locator("a[href^='javascript:']").count() == 0, rel
        # with progress saved, the learner's pages show the titles as text; a tutor's assignment link
        # (its title and message come from the link, which anyone can write) runs nothing either
        page.goto(server.url)
        page.evaluate("localStorage.clear()")  # the walk above finished the quiz: start afresh
        page.reload()
        answer_quiz_correctly(page, "all-types")
        expect(page.locator("[data-cq-score]")).to_contain_text("You scored")
        from urllib.parse import quote
        for rel in ["learner/record/", "learner/progress/",
                    f"learner/assignment/?quiz=all-types&scenario=mini-choice&title={quote(PAYLOAD)}&msg={quote(PAYLOAD)}"]:
            page.goto(server.url + rel)
            expect(page.locator("article")).to_contain_text(VISIBLE)
            assert page.evaluate("window.__xss") is None, f"{rel}: author text ran as code"
            assert page.locator("main img[src='x'], main [onclick]").count() == 0, rel
        # the text shows literally where an author wrote it
        page.goto(server.url + "practice/quizzes/all-types/")
        heading = page.locator("h1").inner_text()
        assert VISIBLE in heading and "[a link](https://example.org/x)" in heading and "*not emphasis*" in heading
        assert VISIBLE in page.title()
        assert VISIBLE in page.locator("meta[name=description]").get_attribute("content")
        assert VISIBLE in page.locator(".md-copyright").inner_text()
        page.goto(server.url + "tutors/scenarios/mini-choice/")
        assert "<img src=x" in page.locator(".cs-map svg").text_content()
    finally:
        server.close()


def test_the_search_index_holds_author_markup_as_text(hostile_site):
    _, out = hostile_site
    index = json.loads((out / "search" / "search_index.json").read_text())
    for doc in index["docs"]:
        assert "<img" not in doc["title"] and "<script" not in doc["title"], doc["title"]


def test_every_export_of_a_hostile_quiz_still_parses(hostile_site):
    import lxml.etree as ET
    _, out = hostile_site
    folder = out / "downloads" / "quizzes" / "all-types"
    ET.fromstring((folder / "all-types-moodle.xml").read_bytes())
    gift = subprocess.run(["node", str(ROOT / "tests" / "js" / "parse_gift.cjs"), str(folder / "all-types.gift.txt")],
                          capture_output=True, text=True)
    assert gift.returncode == 0, gift.stderr
    for package in ("all-types-qti21.zip", "all-types-scorm12.zip"):
        with zipfile.ZipFile(folder / package) as z:
            for name in z.namelist():
                if name.endswith(".xml"):
                    ET.fromstring(z.read(name))
                if name.endswith(".html"):  # the SCORM runtime page: the payload is text, never an element
                    import lxml.html
                    doc = lxml.html.fromstring(z.read(name))
                    assert not doc.xpath("//*[@onerror or @onclick]"), name
                    assert not [s for s in doc.xpath("//script") if "__xss" in (s.text or "")], name
                    assert VISIBLE in doc.text_content()
