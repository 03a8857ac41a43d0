"""The same 10 questions as a page built by this engine and by the mkdocs-quiz plugin (throwaway
builds under bench/.work; mkdocs-quiz is installed there, never into the course)."""
from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
VERSION = "1.7.1"


def delink(value):
    """Links to course pages would point nowhere in a throwaway project: keep their text only."""
    if isinstance(value, str):
        return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", value)
    if isinstance(value, list):
        return [delink(v) for v in value]
    if isinstance(value, dict):
        return {k: delink(v) for k, v in value.items()}
    return value


def ten_questions() -> list[dict]:
    quiz = yaml.safe_load((ROOT / "quizzes" / "module-06.yml").read_text())
    qs = [delink(q) for q in quiz["questions"] if q["type"] in ("single", "multiple")]
    out = []
    while len(out) < 10:
        out += qs
    return out[:10]


def page_bytes(site: Path, html_path: Path) -> int:
    """gzip size of the page's HTML plus every local script and stylesheet it loads."""
    html = html_path.read_text()
    total = len(gzip.compress(html.encode(), 9))
    for ref in set(re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)):
        f = (html_path.parent / ref).resolve()
        if f.is_file() and site in f.parents:
            total += len(gzip.compress(f.read_bytes(), 9))
    return total


def build(project: Path, env: dict) -> Path:
    site = project / "site"
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project,
                       capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    if r.returncode != 0:
        raise SystemExit(r.stdout + r.stderr)
    return site


def build_both(work: Path) -> dict:
    qs = ten_questions()
    # This engine
    ours = work / "cmp-ours"
    shutil.rmtree(ours, ignore_errors=True)
    (ours / "docs").mkdir(parents=True)
    (ours / "quizzes").mkdir()
    quiz = {"id": "ten", "title": "Ten questions", "outcomes": [{"id": "o1", "text": "Check."}],
            "questions": [{**q, "id": f"q{i}", "outcome": "o1"} for i, q in enumerate(qs)]}
    (ours / "quizzes" / "ten.yml").write_text(yaml.safe_dump(quiz, sort_keys=False))
    (ours / "docs" / "index.md").write_text("# Ten questions\n\n<!-- quiz: ten -->\n")
    (ours / "mkdocs.yml").write_text(f"site_name: Ours\ntheme: {{name: material, font: false}}\n"
                                     f"hooks: [{ROOT / 'hooks' / 'course_hooks.py'}]\nextra: {{course: {{labs: false}}}}\n")
    site = build(ours, {})
    ours_size = page_bytes(site, site / "index.html")
    # mkdocs-quiz
    target = work / "mkdocs-quiz-pkg"
    if not (target / "mkdocs_quiz").is_dir():
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--target", str(target), f"mkdocs-quiz=={VERSION}"],
                       check=True, capture_output=True)
    theirs = work / "cmp-theirs"
    shutil.rmtree(theirs, ignore_errors=True)
    (theirs / "docs").mkdir(parents=True)
    blocks = []
    flat = lambda text: re.sub(r"\s+", " ", text or "").strip()  # noqa: E731
    for q in qs:
        lines = ["<quiz>", flat(q["prompt"])]
        for c in q["choices"]:
            mark = "x" if c.get("correct") else " "
            lines.append(f"- [{mark}] {flat(c['text'])}")
        lines += ["", flat(q.get("explanation")), "</quiz>", ""]
        blocks.append("\n".join(lines))
    (theirs / "docs" / "index.md").write_text("# Ten questions\n\n" + "\n".join(blocks))
    (theirs / "mkdocs.yml").write_text("site_name: Theirs\ntheme: {name: material, font: false}\nplugins: [mkdocs_quiz]\n")
    site = build(theirs, {"PYTHONPATH": str(target)})
    theirs_size = page_bytes(site, site / "index.html")
    return {"ours_gzip": ours_size, "theirs_gzip": theirs_size, "mkdocs_quiz_version": VERSION,
            "note": "single and multiple choice only: mkdocs-quiz has no ordering, matching or reflection"}
