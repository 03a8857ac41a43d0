"""All interactive content of a course: read every author file of each kind, check it, index it by id.

Which kinds there are, and how each is read, comes from ``kinds.KINDS``: this module knows no
particular kind.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .kinds import KINDS
from .problems import Problem, Report
from .textfields import TextRenderer
from .yamlsource import Source, load, path_text


@dataclass
class Library:
    root: Path
    items: dict[str, dict[str, object]] = field(default_factory=dict)  # kind -> id -> model
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)
    failed: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, file stem) -> file
    report: Report = field(default_factory=Report)

    def get(self, kind: str, item_id: str):
        return self.items.get(kind, {}).get(item_id)

    def all(self, kind: str) -> list:
        return list(self.items.get(kind, {}).values())


def read_file(path: Path, root: Path, kind, report: Report):
    rel = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        report.add(Problem(rel, None, "", f"the file is not UTF-8 text ({exc.reason} at byte {exc.start}).",
                           "save the file as UTF-8."))
        return None, None
    source = load(text, rel)
    if source.syntax_error:
        line, msg = source.syntax_error
        report.add(Problem(rel, line, "", f"this is not valid YAML: {msg}.",
                           "check the indentation and that text containing ': ' or starting with a quote is quoted."))
        return None, source
    for path_, line in source.duplicates:
        report.add(Problem(rel, line, path_text(path_), f"the key '{path_[-1]}' appears twice; YAML would keep only the last.",
                           "remove or rename one of them."))
    if source.data is None:
        report.add(Problem(rel, None, "", "the file is empty.", f"write the {kind.name}, or delete the file."))
        return None, source
    model = kind.parse(source, report)
    return model, source


def load_library(root: Path, kinds=None) -> Library:
    """Read every author file of each kind's folder under ``root``; collect all problems.
    ``kinds``: a {name: Kind} mapping, or some kind names; all kinds when not given."""
    if kinds is None or not isinstance(kinds, dict):
        kinds = {name: KINDS[name] for name in (kinds or KINDS)}
    lib = Library(root=root)
    for name, kind in kinds.items():
        folder = root / kind.folder
        found: dict[str, str] = {}
        lib.items[name] = {}
        for path in sorted(folder.glob(kind.pattern)) if folder.is_dir() else []:
            rel = path.relative_to(root).as_posix()
            if kind.load:
                model, source = kind.load(path, rel, lib.report), Source(file=rel)
            else:
                model, source = read_file(path, root, kind, lib.report)
            if model is None:
                lib.failed[(name, path.stem)] = rel
                continue
            if model.id in found:
                lib.report.add(Problem(rel, source.line(("id",)), "id",
                                       f"duplicate {name} id '{model.id}': {found[model.id]} already uses it.",
                                       f"give this {name} its own id (ids are how pages and saved progress find it)."))
                continue
            found[model.id] = rel
            lib.items[name][model.id] = model
            lib.sources[(name, model.id)] = source
    return lib


def check_links(lib: Library, renderer: TextRenderer) -> None:
    """Render every text field once to find unsafe links and links to pages that do not exist."""
    for (kind, item_id), source in lib.sources.items():
        model = lib.items[kind][item_id]
        for p, text in getattr(model, "texts", lambda: [])():
            for err in renderer.check(text):
                lib.report.add(Problem(source.file, source.line(p), path_text(p), err + ".",
                                       "link to a page by its path under docs/, e.g. "
                                       "modules/06-five-factors.md#anchor, or use an https:// address."))
