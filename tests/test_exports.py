"""LMS exports (Moodle XML, GIFT, QTI 2.1, SCORM 1.2) of every quiz: valid, complete and faithful.

Validated offline: QTI 2.1 and SCORM 1.2 against the official XSDs in ../shared/schemas (the
tests that need them skip if that folder is absent), GIFT with the third-party parser gift-pegjs
(tests/js/parse_gift.cjs), suspend data with the SCO's own code (tests/js/suspend_data.cjs).
"""
from __future__ import annotations

import dataclasses
import io
import json
import logging
import posixpath
import shutil
import subprocess
import zipfile
from pathlib import Path

import lxml.etree as ET
import pytest

from conftest import MINISITE, ROOT
from course.course import site_urls as site_pages
from course.exports import gift, grading, links, moodle, qti, scorm
from course.exports.base import Exporter, quiz_version
from course.exports.build import write_all
from course.exports.text import to_plain
from course.library import load_library
from course.quiz import Choice, Question, Quiz

SCHEMAS = ROOT.parent / "shared" / "schemas"
QTI_XSD = SCHEMAS / "qti21" / "qtiv2p1" / "imsqti_v2p1.xsd"
SCORM_DIR = SCHEMAS / "scorm12"
NODE = shutil.which("node")
QTI_NS = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP12 = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
SITE_URL = "https://example.org/course/"


def _load(root: Path):
    lib = load_library(root, kinds=["quiz"])
    assert not lib.report.errors, lib.report.errors
    return lib, site_pages(root, lib)


MINI_LIB, MINI_PAGES = _load(MINISITE)
REAL_LIB, REAL_PAGES = _load(ROOT)
QUIZZES = [(MINI_LIB, MINI_PAGES, q) for q in MINI_LIB.all("quiz")] + \
          [(REAL_LIB, REAL_PAGES, q) for q in sorted(REAL_LIB.all("quiz"), key=lambda q: q.id)]
IDS = [q.id for _, _, q in QUIZZES]
ALL_TYPES = MINI_LIB.get("quiz", "all-types")
_EXPORTERS: dict[int, Exporter] = {}


def exporter(pages) -> Exporter:
    if id(pages) not in _EXPORTERS:
        _EXPORTERS[id(pages)] = Exporter(pages)
    return _EXPORTERS[id(pages)]


@pytest.fixture(params=range(len(QUIZZES)), ids=IDS)
def case(request):
    _, pages, quiz = QUIZZES[request.param]
    return quiz, exporter(pages)


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.testzip() is None
        return {name: zf.read(name) for name in zf.namelist()}


# --- schemas --------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def qti_schema():
    if not QTI_XSD.exists():
        pytest.skip(f"QTI 2.1 XSD not found at {QTI_XSD} (../shared/schemas is not checked out)")
    return ET.XMLSchema(ET.parse(str(QTI_XSD)))


@pytest.fixture(scope="session")
def scorm_schema():
    """SCORM 1.2: adlcp_rootv1p2.xsd imports imscp_rootv1p1p2.xsd, so both namespaces are checked."""
    if not (SCORM_DIR / "adlcp_rootv1p2.xsd").exists():
        pytest.skip(f"SCORM 1.2 XSDs not found in {SCORM_DIR} (../shared/schemas is not checked out)")
    return ET.XMLSchema(ET.parse(str(SCORM_DIR / "adlcp_rootv1p2.xsd")))


@pytest.fixture(scope="session")
def scorm_schema_xs():
    """The same with xmlschema, entry point imscp_rootv1p1p2.xsd plus adlcp (see shared/schemas/README)."""
    if not (SCORM_DIR / "imscp_rootv1p1p2.xsd").exists():
        pytest.skip(f"SCORM 1.2 XSDs not found in {SCORM_DIR} (../shared/schemas is not checked out)")
    import xmlschema
    xml_xsd = str((SCHEMAS / "qti21" / "w3" / "xml.xsd").resolve())
    return xmlschema.XMLSchema11(
        str((SCORM_DIR / "imscp_rootv1p1p2.xsd").resolve()),
        locations=[("http://www.adlnet.org/xsd/adlcp_rootv1p2", str((SCORM_DIR / "adlcp_rootv1p2.xsd").resolve()))],
        uri_mapper=lambda uri: xml_xsd if uri.endswith("/ims_xml.xsd") else uri,
        allow="local")


# --- QTI 2.1 --------------------------------------------------------------------------------
INTERACTION = {"single": "choiceInteraction", "multiple": "choiceInteraction", "true_false": "choiceInteraction",
               "ordering": "orderInteraction", "matching": "matchInteraction", "reflection": "extendedTextInteraction"}


def test_qti_package_validates_against_the_official_xsd(case, qti_schema):
    quiz, ex = case
    files = unzip(qti.export(quiz, ex).data)
    manifest = ET.fromstring(files["imsmanifest.xml"])  # well-formed
    ns = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
    resources = manifest.findall(f"{ns}resources/{ns}resource")
    hrefs = {r.get("href"): r.get("type") for r in resources}
    assert sorted(hrefs) == sorted(n for n in files if n != "imsmanifest.xml"), "manifest lists every file"
    assert list(hrefs.values()).count("imsqti_test_xmlv2p1") == 1
    items = [n for n, t in hrefs.items() if t == "imsqti_item_xmlv2p1"]
    assert len(items) == len(quiz.questions)
    for name, data in files.items():
        if name == "imsmanifest.xml":
            continue
        doc = ET.fromstring(data)
        assert qti_schema.validate(doc), f"{quiz.id} {name}: {qti_schema.error_log}"
    test = ET.fromstring(next(files[n] for n, t in hrefs.items() if t == "imsqti_test_xmlv2p1"))
    refs = [r.get("href") for r in test.iter(f"{QTI_NS}assessmentItemRef")]
    assert refs == [f"items/{q.id}.xml" for q in quiz.questions]
    for q in quiz.questions:
        item = ET.fromstring(files[f"items/{q.id}.xml"])
        assert item.find(f".//{QTI_NS}{INTERACTION[q.type]}") is not None, (q.id, q.type)
        correct = [v.text for v in item.findall(f"{QTI_NS}responseDeclaration/{QTI_NS}correctResponse/{QTI_NS}value")]
        if q.type in ("single", "multiple"):
            assert correct == [f"C{i}" for i, c in enumerate(q.choices, 1) if c.correct]
        elif q.type == "true_false":
            assert correct == ["TRUE" if q.answer else "FALSE"]
        elif q.type == "ordering":
            assert correct == [f"I{i}" for i in range(1, len(q.items) + 1)]
        elif q.type == "matching":
            assert correct == [f"L{i} R{i}" for i in range(1, len(q.pairs) + 1)]
        else:
            assert correct == [] and item.find(f".//{QTI_NS}rubricBlock") is not None
        rp = item.find(f"{QTI_NS}responseProcessing")
        if q.scored:
            assert rp.get("template") == "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"


def test_qti_feedback_and_order_for_all_types():
    files = unzip(qti.export(ALL_TYPES, exporter(MINI_PAGES)).data)
    single = ET.fromstring(files["items/single.xml"])
    feedback = {f.get("identifier"): "".join(f.itertext()) for f in single.iter(f"{QTI_NS}modalFeedback")}
    assert feedback == {"GENERAL": "Shared purpose means an aim all partners own.",
                        "FB_C1": "Right: partners agree the aim.", "FB_C2": "Not quite: those pull apart.",
                        "FB_C3": "No: that is imposed from outside."}
    order = ET.fromstring(files["items/order.xml"])
    shown = ["".join(c.itertext()) for c in order.iter(f"{QTI_NS}simpleChoice")]
    assert sorted(shown) == ["First", "Second", "Third"] and shown != ["First", "Second", "Third"]
    reflect = ET.fromstring(files["items/reflect.xml"])
    assert reflect.find(f"{QTI_NS}outcomeDeclaration[@identifier='SCORE']") is None  # not marked
    assert "no single organisation" in "".join(reflect.find(f".//{QTI_NS}rubricBlock").itertext())


def test_qti_schema_check_is_real(qti_schema):
    """The validation above would catch a broken item."""
    files = unzip(qti.export(ALL_TYPES, exporter(MINI_PAGES)).data)
    doc = ET.fromstring(files["items/single.xml"])
    doc.find(f".//{QTI_NS}choiceInteraction").set("maxChoices", "many")
    assert not qti_schema.validate(doc)


# --- SCORM 1.2 ------------------------------------------------------------------------------
def _check_scorm(files: dict[str, bytes], scorm_schema, scorm_schema_xs):
    manifest = ET.fromstring(files["imsmanifest.xml"])
    assert scorm_schema.validate(manifest), scorm_schema.error_log
    errors = list(scorm_schema_xs.iter_errors(files["imsmanifest.xml"].decode()))
    assert not errors, errors
    listed = {f.get("href") for f in manifest.iter(f"{CP12}file")}
    assert listed == set(files) - {"imsmanifest.xml"}, "the manifest lists exactly the files in the zip"
    scos = [r for r in manifest.iter(f"{CP12}resource") if r.get(f"{ADLCP}scormtype") == "sco"]
    for sco in scos:
        page = files[sco.get("href")].decode()
        assert "http://" not in page.split("<main", 1)[0] and "https://" not in page.split("<main", 1)[0]
        assert '<script src="http' not in page and "<link rel=\"stylesheet\" href=\"http" not in page
        base = posixpath.dirname(sco.get("href"))
        for ref in ("course.css", "sco.css", "sco.js"):
            assert posixpath.normpath(posixpath.join(base, f"{'../../' if base else ''}shared/{ref}")) in files
    return manifest, scos


def test_scorm_package_validates_against_scorm12_xsds(case, scorm_schema, scorm_schema_xs):
    quiz, ex = case
    files = unzip(scorm.export(quiz, ex).data)
    manifest, scos = _check_scorm(files, scorm_schema, scorm_schema_xs)
    assert [s.get("href") for s in scos] == ["index.html"]
    mastery = [m.text for m in manifest.iter(f"{ADLCP}masteryscore")]
    assert mastery == ([str(quiz.pass_mark)] if quiz.scored_count else [])
    page = files["index.html"].decode()
    assert f'data-cq-quiz="{quiz.id}"' in page and page.count('class="cq-q"') == len(quiz.questions)
    assert f'data-sco-version="{quiz_version(quiz)}"' in page


def test_course_scorm_package_has_one_sco_per_quiz(scorm_schema, scorm_schema_xs):
    quizzes = sorted(REAL_LIB.all("quiz"), key=lambda q: q.id)
    files = unzip(scorm.export_course(quizzes, exporter(REAL_PAGES), "System leadership").data)
    manifest, scos = _check_scorm(files, scorm_schema, scorm_schema_xs)
    assert [s.get("href") for s in scos] == [f"quizzes/{q.id}/index.html" for q in quizzes]
    titles = [t.text for t in manifest.iter(f"{CP12}title")]
    assert titles == ["System leadership"] + [q.title for q in quizzes]


@pytest.mark.skipif(not NODE, reason="node is not installed")
def test_suspend_data_stays_under_4096_for_the_largest_quiz_answered_in_full():
    quizzes = [q for _, _, q in QUIZZES]
    for quiz in quizzes:
        assert scorm.suspend_budget(quiz) < scorm.MAX, quiz.id
    largest = max(quizzes, key=lambda q: (scorm.suspend_budget(q), len(q.questions)))
    text = 'A long reflection with "quotes", \\ backslashes, newlines\nand non-ASCII: é, ü, 😀. ' * 200
    cases = []
    for reflection in (text, "Short answer."):
        answers, types = [], []
        for q in largest.questions:
            types.append(q.type)
            answers.append({"single": str(len(q.choices) - 1), "multiple": ".".join(str(i) for i in range(len(q.choices))),
                            "true_false": "f", "ordering": ".".join(str(i) for i in range(len(q.items)))[::-1],
                            "matching": ".".join(str(i) for i in range(len(q.pairs))),
                            "reflection": reflection}[q.type])
        cases.append({"version": quiz_version(largest), "submitted": True, "types": types, "answers": answers})
    result = subprocess.run([NODE, str(ROOT / "tests" / "js" / "suspend_data.cjs")], input=json.dumps(cases),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    long, short = json.loads(result.stdout)
    for out, case_ in ((long, cases[0]), (short, cases[1])):
        assert out["length"] < 4096 and out["limit"] == 4096
        assert out["data"].isascii()
        decoded = out["decoded"]["answers"]
        for kind, sent, got in zip(case_["types"], case_["answers"], decoded):
            assert (got == sent if kind != "reflection" else sent.startswith(got)), (kind, sent, got)
    assert short["decoded"]["answers"] == cases[1]["answers"]  # nothing cut when it fits
    assert any(len(a) > 100 for k, a in zip(cases[0]["types"], long["decoded"]["answers"]) if k == "reflection")


# --- Moodle XML -----------------------------------------------------------------------------
MOODLE_TYPE = {"single": "multichoice", "multiple": "multichoice", "true_false": "truefalse",
               "ordering": "matching", "matching": "matching", "reflection": "essay"}


def test_moodle_xml_questions_types_and_fractions(case):
    quiz, ex = case
    doc = ET.fromstring(moodle.export(quiz, ex).data)
    questions = [q for q in doc.findall("question") if q.get("type") != "category"]
    assert len(doc.findall("question[@type='category']")) == 1
    assert len(questions) == len(quiz.questions)
    for q, el in zip(quiz.questions, questions):
        assert el.get("type") == MOODLE_TYPE[q.type], q.id
        assert el.findtext("idnumber") == f"{quiz.id}:{q.id}"
        fractions = [float(a.get("fraction")) for a in el.findall("answer")]
        if q.type == "single":
            assert el.findtext("single") == "true"
            assert fractions == [100.0 if c.correct else 0.0 for c in q.choices]
        elif q.type == "multiple":
            assert el.findtext("single") == "false"
            right = [f for f, c in zip(fractions, q.choices) if c.correct]
            assert sum(right) == pytest.approx(100, abs=0.001)
            assert all(f == -100 for f, c in zip(fractions, q.choices) if not c.correct)
        elif q.type == "true_false":
            assert dict(zip([a.findtext("text") for a in el.findall("answer")], fractions)) == \
                {"true": 100.0 if q.answer else 0.0, "false": 0.0 if q.answer else 100.0}
        elif q.type == "matching":
            subs = el.findall("subquestion")
            assert [s.findtext("answer/text") for s in subs] == [ex.plain(r) for _, r in q.pairs]
        elif q.type == "ordering":
            assert [s.findtext("answer/text") for s in el.findall("subquestion")] == \
                [f"Position {i}" for i in range(1, len(q.items) + 1)]
        elif q.type == "reflection":
            assert el.findtext("defaultgrade") == "0"
            assert ex.html(q.model_answer) in el.findtext("graderinfo/text")
            assert not el.findtext("responsetemplate/text")
        if q.explanation:
            assert ex.html(q.explanation) in el.findtext("generalfeedback/text")


def test_moodle_xml_keeps_feedback_and_notes_the_ordering_approximation():
    raw = moodle.export(ALL_TYPES, exporter(MINI_PAGES))
    text = raw.data.decode()
    doc = ET.fromstring(raw.data)
    single = doc.find("question[idnumber='all-types:single']")
    assert [a.findtext("feedback/text") for a in single.findall("answer")] == [
        "<p>Right: partners agree the aim.</p>", "<p>Not quite: those pull apart.</p>",
        "<p>No: that is imposed from outside.</p>"]
    comments = [c.text for c in doc.iter(ET.Comment)]
    assert any("'order'" in c and "matching" in c for c in comments)
    assert raw.notes and "'order'" in raw.notes[0]
    assert "<em>shared</em>" in single.findtext("questiontext/text")  # Markdown rendered to HTML
    assert "&lt;p&gt;" in text  # ...and escaped as XML text


def test_moodle_fraction_for_many_right_choices_is_one_moodle_accepts():
    assert grading.share(3) == (33.33333, True) and grading.percent(100 / 3) == "33.33333"
    assert grading.share(7)[1] is True
    each, exact = grading.share(11)
    assert not exact and each in grading.MOODLE_FRACTIONS


# --- GIFT -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def gift_parsed(tmp_path_factory):
    if not NODE:
        pytest.skip("node is not installed")
    folder = tmp_path_factory.mktemp("gift")
    paths = {}
    for lib_, pages, quiz in QUIZZES:
        path = folder / f"{quiz.id}.gift.txt"
        path.write_bytes(gift.export(quiz, exporter(pages)).data)
        paths[quiz.id] = str(path)
    result = subprocess.run([NODE, str(ROOT / "tests" / "js" / "parse_gift.cjs"), *paths.values()],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    out = json.loads(result.stdout)
    return {qid: out[p] for qid, p in paths.items()}


def pegjs_plain(text: str) -> str:
    """gift-pegjs 1.0.2 leaves escapes in a matching pair's right side (its PlainText rule) as
    placeholders; Moodle's importer decodes them. Decode them the way gift-pegjs does elsewhere."""
    for code, char in (("&&092;", "\\"), ("&&058;", ":"), ("&&035;", "#"), ("&&061;", "="),
                       ("&&123;", "{"), ("&&125;", "}"), ("&&126;", "~"), ("&&010", "\n")):
        text = text.replace(code, char)
    return text


GIFT_TYPE = {"single": "MC", "multiple": "MC", "true_false": "TF", "ordering": "Matching",
             "matching": "Matching", "reflection": "Essay"}


def test_gift_parses_with_gift_pegjs_into_the_same_questions_and_answers(case, gift_parsed):
    quiz, ex = case
    parsed = gift_parsed[quiz.id]
    assert parsed[0] == {"type": "Category", "title": f"$course$/top/{quiz.title}"}
    questions = parsed[1:]
    assert len(questions) == len(quiz.questions)
    for q, g in zip(quiz.questions, questions):
        assert g["type"] == GIFT_TYPE[q.type], q.id
        assert g["title"] == f"{quiz.id} Q{quiz.questions.index(q) + 1:02d} {q.id}"
        assert g["stem"]["text"].startswith(ex.plain(q.prompt))
        if q.type == "single":
            assert [c["isCorrect"] for c in g["choices"]] == [c.correct for c in q.choices]
            assert [c["text"]["text"] for c in g["choices"]] == [ex.plain(c.text) for c in q.choices]
            assert [(c["feedback"] or {}).get("text", "") for c in g["choices"]] == [ex.plain(c.feedback) for c in q.choices]
        elif q.type == "multiple":
            right = [c["text"]["text"] for c in g["choices"] if c["weight"] > 0]
            assert right == [ex.plain(c.text) for c in q.choices if c.correct]
            assert sum(c["weight"] for c in g["choices"] if c["weight"] > 0) == pytest.approx(100, abs=0.001)
        elif q.type == "true_false":
            assert g["isTrue"] is q.answer
        elif q.type == "matching":
            assert [(m["subquestion"]["text"], pegjs_plain(m["subanswer"])) for m in g["matchPairs"]] == \
                [(ex.plain(a), ex.plain(b)) for a, b in q.pairs]
        elif q.type == "ordering":
            assert [(m["subquestion"]["text"], m["subanswer"]) for m in g["matchPairs"]] == \
                [(ex.plain(it), f"Position {i}") for i, it in enumerate(q.items, 1)]
        elif q.type == "reflection":
            assert g["globalFeedback"]["text"].startswith("Model answer: " + ex.plain(q.model_answer))
        if q.explanation and q.type != "reflection":
            assert g["globalFeedback"]["text"] == ex.plain(q.explanation)


@pytest.mark.skipif(not NODE, reason="node is not installed")
def test_gift_escapes_every_special_character(tmp_path):
    nasty = r"Costs {a} = b: ~50% of #1 \ more"
    quiz = Quiz(id="nasty", title="Escapes: {all} ~ = #", outcomes=[("o1", "x")], questions=[
        Question(id="q1", type="single", outcome="o1", prompt=nasty, explanation="Why: " + nasty,
                 choices=[Choice(text="Right = " + nasty, correct=True, feedback="Yes: #1"),
                          Choice(text="Wrong ~ {x}", feedback="No: ~")]),
        Question(id="q2", type="matching", outcome="o1", prompt="Pairs: {}",
                 pairs=[("a = b", "c: d"), ("e # f", "g ~ h")]),
    ])
    path = tmp_path / "nasty.gift.txt"
    path.write_bytes(gift.export(quiz, exporter(MINI_PAGES)).data)
    result = subprocess.run([NODE, str(ROOT / "tests" / "js" / "parse_gift.cjs"), str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    q1, q2 = json.loads(result.stdout)[str(path)][1:]
    assert q1["stem"]["text"] == nasty
    assert [c["text"]["text"] for c in q1["choices"]] == ["Right = " + nasty, "Wrong ~ {x}"]
    assert [c["feedback"]["text"] for c in q1["choices"]] == ["Yes: #1", "No: ~"]
    assert q1["globalFeedback"]["text"] == "Why: " + nasty
    assert [(m["subquestion"]["text"], pegjs_plain(m["subanswer"])) for m in q2["matchPairs"]] == \
        [("a = b", "c: d"), ("e # f", "g ~ h")]


def test_gift_is_plain_text_one_line_per_question():
    text = gift.export(ALL_TYPES, exporter(MINI_PAGES)).data.decode()
    assert "<" not in text and "*shared*" not in text and "shared purpose?" in text
    blocks = [b for b in text.split("\n\n") if b.strip() and not b.startswith("//")]
    assert all(len([ln for ln in b.splitlines() if not ln.startswith("//")]) == 1 for b in blocks[1:])
    assert "// Note: question 'order'" in text


# --- Text and links -------------------------------------------------------------------------
def test_links_to_site_pages_are_absolute_with_site_url_or_dropped_to_text():
    with_url = Exporter(MINI_PAGES, site_url=SITE_URL.rstrip("/"))
    without = Exporter(MINI_PAGES)
    desc = ALL_TYPES.description
    assert with_url.html(desc) == ('<p>A quiz with one question of each type. See <a href="https://example.org/course/other/'
                                   '#an-anchor" rel="noopener">the other page</a>.</p>')
    assert without.html(desc) == "<p>A quiz with one question of each type. See the other page.</p>"
    assert with_url.plain(desc) == "A quiz with one question of each type. See the other page (https://example.org/course/other/#an-anchor)."
    assert without.plain(desc) == "A quiz with one question of each type. See the other page."
    assert with_url.text.qti(desc).startswith('<p>A quiz with one question of each type. See <a href="https://example.org/course/other/#an-anchor">')
    assert without.html("[elsewhere](https://nhs.uk) and [here](#top)") == \
        '<p><a href="https://nhs.uk" rel="noopener">elsewhere</a> and here</p>'
    manifest = unzip(scorm.export(ALL_TYPES, with_url).data)["index.html"].decode()
    assert 'href="https://example.org/course/other/#an-anchor"' in manifest


def test_author_html_stays_text_in_every_format(qti_schema):
    quiz = dataclasses.replace(ALL_TYPES, questions=[dataclasses.replace(
        ALL_TYPES.questions[0], prompt="Is <script>alert(1)</script> & <b>bold</b> **safe**?")])
    ex = exporter(MINI_PAGES)
    m = ET.fromstring(moodle.export(quiz, ex).data)
    assert m.find("question[@type='multichoice']/questiontext/text").text == \
        "<p>Is &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; <strong>safe</strong>?</p>"
    item = unzip(qti.export(quiz, ex).data)["items/single.xml"]
    assert qti_schema.validate(ET.fromstring(item))
    assert b"&lt;script&gt;" in item and b"<script" not in item
    page = unzip(scorm.export(quiz, ex).data)["index.html"].decode()
    assert "&lt;script&gt;alert(1)" in page and "<script>alert" not in page
    assert "Is <script>alert(1)</script> & <b>bold</b> safe?" in gift.export(quiz, ex).data.decode().replace("\\", "")


def test_qti_text_keeps_only_what_qti_allows():
    ex = Exporter({}, {"NHS": "National Health Service"})
    out = ex.text.qti("The NHS\n\n| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert "<abbr" not in out and "The NHS" in out and "style=" not in out and "<td>1</td>" in out
    assert to_plain("<ul><li>One</li><li>Two <em>b</em></li></ul><p>End</p>") == "- One\n- Two b\nEnd"


# --- Files in the site and links to them ----------------------------------------------------
def test_write_all_writes_every_file_and_logs_notes_at_info(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    written = write_all(MINI_LIB, tmp_path, MINI_PAGES, course_title="Mini course",
                        log=logging.getLogger("mkdocs.plugins.course.exports"))
    expected = [tmp_path / links.site_path("all-types", key) for key, *_ in links.FORMATS] + [tmp_path / links.COURSE_SCORM]
    assert sorted(written) == sorted(expected) and all(p.stat().st_size > 0 for p in expected)
    assert [p.relative_to(tmp_path).as_posix() for p in expected[:4]] == [
        "downloads/quizzes/all-types/all-types-moodle.xml", "downloads/quizzes/all-types/all-types.gift.txt",
        "downloads/quizzes/all-types/all-types-qti21.zip", "downloads/quizzes/all-types/all-types-scorm12.zip"]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("'order'" in r.getMessage() and r.levelno == logging.INFO for r in caplog.records)
    again = tmp_path / "again"
    write_all(MINI_LIB, again, MINI_PAGES, course_title="Mini course")
    assert all((again / p.relative_to(tmp_path)).read_bytes() == p.read_bytes() for p in expected), "reproducible"


@pytest.mark.parametrize("page_url", ["practice/quizzes/all-types/", "practice/quizzes/all-types.html",
                                      "tutors/exports/", "tutors/exports.html"])
def test_download_links_are_relative_to_the_page(page_url):
    for d in links.download_links("all-types", page_url):
        base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
        assert not d["href"].startswith("/")
        assert posixpath.normpath(posixpath.join("/sub/path/", base, d["href"])) == \
            "/sub/path/" + links.site_path("all-types", d["key"])


def test_built_minisite_links_each_quiz_page_to_its_downloads(minisite_dir):
    import re
    for page in ("practice/quizzes/all-types/index.html", "tutors/exports/index.html"):
        html = (minisite_dir / page).read_text()
        hrefs = re.findall(r'href="([^"]*downloads/[^"]+)"', html)
        assert len(hrefs) >= 4, page
        for href in hrefs:
            assert (minisite_dir / posixpath.dirname(page) / href).resolve().is_file(), href
    assert "For tutors: download this quiz" in (minisite_dir / "practice/quizzes/all-types/index.html").read_text()


# -- Moodle's own ordering type, for Moodle 4.4 and later (extra.course.moodle_version) ------------
def _ordering_question(xml: bytes):
    root = ET.fromstring(xml)
    return [q for q in root.findall("question") if q.findtext("idnumber") == "all-types:order"][0]


@pytest.mark.parametrize("version", [None, "4.3", 4.1])
def test_before_moodle_4_4_ordering_is_exported_as_matching(version):
    ex = Exporter(MINI_PAGES, moodle_version=grading.moodle_version(version))
    q = _ordering_question(moodle.export(ALL_TYPES, ex).data)
    assert q.get("type") == "matching"
    gift_text = gift.export(ALL_TYPES, ex).data.decode()
    assert "=First -> Position 1" in gift_text and "{>" not in gift_text


@pytest.mark.parametrize("version", ["4.4", 4.5, "5.0"])
def test_from_moodle_4_4_ordering_is_moodles_own_ordering_question(version):
    ex = Exporter(MINI_PAGES, moodle_version=grading.moodle_version(version))
    result = moodle.export(ALL_TYPES, ex)
    q = _ordering_question(result.data)
    assert q.get("type") == "ordering"
    # what Moodle's ordering type reads on import; without the three feedbacks the import fails
    assert [q.findtext(k) for k in ("layouttype", "selecttype", "selectcount", "gradingtype", "showgrading")] == \
        ["VERTICAL", "ALL", "3", "ALL_OR_NOTHING", "SHOW"]
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        assert q.find(tag).get("format") == "html" and q.find(tag).findtext("text").strip()
    assert q.find("shownumcorrect") is not None
    assert [a.findtext("text") for a in q.findall("answer")] == ["First", "Second", "Third"]  # the right order
    assert not any("ordering" in n for n in result.notes)
    gift_text = gift.export(ALL_TYPES, ex).data.decode()
    block = gift_text[gift_text.index("::all-types Q04 order::"):]
    block = block[:block.index("}") + 1]
    assert block.splitlines() == ["::all-types Q04 order::Put these in order. {>3 ALL VERTICAL ALL_OR_NOTHING SHOW",
                                  "First", "Second", "Third", " ####First, second, third. }"], block


def test_an_ordering_item_gift_cannot_carry_keeps_the_matching_form_there_with_a_note():
    import copy
    quiz = copy.deepcopy(ALL_TYPES)
    order = next(q for q in quiz.questions if q.type == "ordering")
    order.items[0] = "First {draft}"
    ex = Exporter(MINI_PAGES, moodle_version=(4, 5))
    result = gift.export(quiz, ex)
    assert "=First \\{draft\\} -> Position 1" in result.data.decode()
    assert any("one of its items holds a character" in n for n in result.notes)
    assert _ordering_question(moodle.export(quiz, ex).data).get("type") == "ordering"


def test_the_moodle_version_setting_is_checked():
    from course import branding
    assert branding.check({"moodle_version": "4.5"}, MINISITE / "docs") == []
    problems = branding.check({"moodle_version": "latest"}, MINISITE / "docs")
    assert problems == ["mkdocs.yml (extra.course.moodle_version): expected a Moodle version such as 4.5 but found "
                        "'latest'. Fix: write the version of the Moodle your tutors import into, e.g. "
                        "moodle_version: \"4.5\", or leave it empty for exports every Moodle and Totara imports."]


def test_a_reflection_cut_to_fit_suspend_data_never_splits_a_character():
    """Cut at every length, a reflection of emoji never leaves half a character behind."""
    cases = [{"version": "v", "submitted": False, "types": ["reflection"], "answers": ["😀" * 3000]}]
    result = subprocess.run([NODE, str(ROOT / "tests" / "js" / "suspend_data.cjs")], input=json.dumps(cases),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    (out,) = json.loads(result.stdout)
    got = out["decoded"]["answers"][0]
    assert out["length"] < 4096 and got and set(got) == {"😀"}
