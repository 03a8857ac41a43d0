"""Synthetic course projects for the scaling benchmark: N quizzes and N scenarios built from the
test fixtures, each placed on its own page. factor=1 matches the real course's counts."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "minisite"
QUIZZES, SCENARIOS = 14, 5  # the real course's numbers


def make_project(dest: Path, factor: int) -> Path:
    shutil.rmtree(dest, ignore_errors=True)
    for sub in ("docs", "quizzes", "scenarios", "includes"):
        (dest / sub).mkdir(parents=True)
    shutil.copy(MINI / "includes" / "abbreviations.md", dest / "includes")
    quiz = (MINI / "quizzes" / "all-types.yml").read_text()
    scenario = (MINI / "scenarios" / "mini-choice.yml").read_text()
    pages = []
    for i in range(QUIZZES * factor):
        qid = f"quiz-{i:04d}"
        (dest / "quizzes" / f"{qid}.yml").write_text(quiz.replace("id: all-types", f"id: {qid}", 1))
        pages.append((f"q{i:04d}.md", f"# Quiz page {i}\n\nSee [the other page](other.md#an-anchor).\n\n<!-- quiz: {qid} -->\n"))
    for i in range(SCENARIOS * factor):
        sid = f"scenario-{i:04d}"
        (dest / "scenarios" / f"{sid}.yml").write_text(scenario.replace("id: mini-choice", f"id: {sid}", 1))
        pages.append((f"s{i:04d}.md", f"# Scenario page {i}\n\n<!-- scenario: {sid} -->\n"))
    pages.append(("index.md", "# Synthetic course\n\nThe NHS in a synthetic course.\n"))
    pages.append(("other.md", "# Other page\n\n## An anchor\n\nText.\n"))
    for name, text in pages:
        (dest / "docs" / name).write_text(text)
    (dest / "mkdocs.yml").write_text(f"""site_name: Synthetic course x{factor}
theme:
  name: material
  font: false
hooks:
  - {ROOT / 'hooks' / 'course_hooks.py'}
markdown_extensions: [abbr, admonition, attr_list, md_in_html, pymdownx.details, pymdownx.superfences]
extra:
  course:
    labs: false
""")
    return dest
