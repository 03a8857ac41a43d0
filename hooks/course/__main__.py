"""Command line: ``python -m course check [ROOT]`` runs every check the build runs on the course's
content (quizzes, scenarios, self-assessments, labs, the markers on pages, links and anchors in
author text, page paths), without building the site; ``python -m course lint [ROOT]`` checks the
item quality of every quiz (lint.py).

Exit status: 0 when clean, 1 when there are errors, 2 when only warnings were found.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import scenario_paths
from .course import Course
from .render import Renderer


def check(root: Path) -> int:
    course = Course(root)
    report = course.check(renderer_factory=Renderer)
    for p in report.problems:
        print(f"{p.severity.upper()}: {p}")
    for s in course.library.all("scenario"):  # paths from start to each ending (conditions ignored)
        print("\n".join(scenario_paths.summary_lines(s)))
    counts = ", ".join(f"{len(course.library.all(k.name))} {k.label if len(course.library.all(k.name)) == 1 else k.plural}"
                       for k in course.kinds.values())
    print(f"Checked {counts} and {sum(not p.generated for p in course.pages.values())} pages: "
          f"{len(report.errors)} errors, {len(report.warnings)} warnings.")
    if report.errors:
        return 1
    return 2 if report.warnings else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="check the course's content and pages without building the site")
    c.add_argument("root", nargs="?", default=".", type=Path)
    lint = sub.add_parser("lint", help="check the item quality of every quiz in ROOT/quizzes (warnings)")
    lint.add_argument("root", nargs="?", default=".", type=Path)
    lint.add_argument("--rules", action="store_true", help="print the rules as Markdown")
    lint.add_argument("--update-doc", action="store_true", help="rewrite the rule list in ROOT/" + "docs/organisations/authoring-quizzes.md")
    args = parser.parse_args(argv)
    if args.command == "lint":
        from .lint import cli
        return cli(args.root.resolve(), rules=args.rules, update_doc=args.update_doc)
    return check(args.root.resolve())


if __name__ == "__main__":
    sys.exit(main())
