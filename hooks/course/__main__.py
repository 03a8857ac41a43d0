"""Command line: ``python -m course check [ROOT]`` validates every quiz and scenario without MkDocs;
``python -m course lint [ROOT]`` checks the item quality of every quiz (lint.py).

Exit status: 0 when clean, 1 when there are errors, 2 when only warnings were found.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import scenario_paths
from .library import check_links, load_library
from .lint import lint_library
from .pages import CATALOGUES, url_for
from .textfields import TextRenderer, read_glossary

MOUNTS = {"case_studies": "case-studies"}


def site_pages(root: Path, library) -> dict[str, str]:
    pages = {}
    docs = root / "docs"
    for path in docs.rglob("*.md") if docs.is_dir() else []:
        uri = path.relative_to(docs).as_posix()
        pages[uri] = url_for(uri)
    for folder, prefix in MOUNTS.items():
        for path in (root / folder).rglob("*.md") if (root / folder).is_dir() else []:
            uri = f"{prefix}/{path.relative_to(root / folder).as_posix()}"
            pages[uri] = url_for(uri)
    for kind, folder in CATALOGUES.items():
        pages[f"{folder}/index.md"] = url_for(f"{folder}/index.md")
        for item in library.all(kind):
            pages[f"{folder}/{item.id}.md"] = url_for(f"{folder}/{item.id}.md")
    return pages


def check(root: Path) -> int:
    library = load_library(root)
    abbr = root / "includes" / "abbreviations.md"
    glossary = read_glossary(abbr.read_text(encoding="utf-8")) if abbr.exists() else {}
    check_links(library, TextRenderer(site_pages(root, library), glossary))
    for p in lint_library(library):
        library.report.add(p)
    for p in library.report.problems:
        print(f"{p.severity.upper()}: {p}")
    for s in library.all("scenario"):  # paths from start to each ending (conditions ignored)
        print("\n".join(scenario_paths.summary_lines(s)))
    counts = {kind: len(items) for kind, items in library.items.items()}
    summary = ", ".join(f"{n} {kind}{'zes' if kind == 'quiz' and n != 1 else '' if kind == 'quiz' else 's' if n != 1 else ''}" for kind, n in counts.items())
    print(f"Checked {summary}: {len(library.report.errors)} errors, {len(library.report.warnings)} warnings.")
    if library.report.errors:
        return 1
    return 2 if library.report.warnings else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="validate quizzes and scenarios")
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
