"""Small, composable field declarations for author YAML (in the spirit of mkdocs.config options).

A ``Field`` says what a key holds; ``check_mapping`` reports unknown keys (with a "did you mean"),
missing required keys and wrong types, all at once, and returns the valid values with defaults.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable

from .problems import Problem, Report
from .yamlsource import Source, path_text

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping (key: value lines)",
}


def describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{short}'"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


@dataclass(frozen=True)
class Field:
    name: str
    kind: type = str
    required: bool = False
    default: Any = None
    choices: tuple | None = None
    doc: str = ""
    check: Callable[[Any], str | None] | None = None  # returns an error text or None
    example: str = ""


class Checker:
    """Collects problems about one YAML source."""

    def __init__(self, source: Source, report: Report | None = None):
        self.source = source
        self.report = report if report is not None else Report()

    def problem(self, path, message: str, fix: str = "", severity: str = "error", line=None, rule: str = ""):
        self.report.add(
            Problem(
                file=self.source.file,
                line=line if line is not None else self.source.line(path),
                path=path_text(path),
                message=message,
                fix=fix,
                severity=severity,
                rule=rule,
            )
        )

    def is_type(self, value, kind) -> bool:
        if kind is int:
            return isinstance(value, int) and not isinstance(value, bool)
        if kind is str:
            return isinstance(value, str)
        return isinstance(value, kind)

    def mapping(self, data: Any, path: tuple, fields: list[Field], what: str) -> dict | None:
        """Check a mapping against its fields; return {name: value} with defaults, or None."""
        if not isinstance(data, dict):
            self.problem(
                path,
                f"expected {what} as {TYPE_NAMES[dict]} but found {describe(data)}.",
                f"write {what} as 'key: value' lines.",
            )
            return None
        known = {f.name: f for f in fields}
        out: dict = {}
        for key in data:
            if key not in known:
                close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
                if close:
                    self.problem(path + (key,), f"unknown key '{key}' in {what}; did you mean '{close[0]}'?",
                                 f"rename it to '{close[0]}'.")
                else:
                    self.problem(path + (key,), f"unknown key '{key}' in {what}.",
                                 f"remove it; allowed keys: {', '.join(known)}.")
        for f in fields:
            if f.name not in data or data[f.name] is None:
                if f.required:
                    example = f", e.g. {f.name}: {f.example}" if f.example else ""
                    self.problem(path, f"missing required key '{f.name}' in {what}.",
                                 f"add '{f.name}:' ({f.doc or TYPE_NAMES[f.kind]}){example}.")
                else:
                    out[f.name] = f.default
                continue
            value = data[f.name]
            if f.kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
                value = str(value)  # a number where text is expected is harmless
            if not self.is_type(value, f.kind):
                self.problem(
                    path + (f.name,),
                    f"expected {TYPE_NAMES[f.kind]} for '{f.name}' but found {describe(value)}.",
                    f"write '{f.name}' as {TYPE_NAMES[f.kind]}"
                    + (f", e.g. {f.name}: {f.example}" if f.example else "")
                    + ".",
                )
                continue
            if f.kind is str and not value.strip() and f.required:
                self.problem(path + (f.name,), f"'{f.name}' is empty.", f"write the {f.doc or f.name}.")
                continue
            if f.choices is not None and value not in f.choices:
                self.problem(
                    path + (f.name,),
                    f"expected one of {', '.join(map(str, f.choices))} for '{f.name}' but found {describe(value)}.",
                    f"use one of: {', '.join(map(str, f.choices))}.",
                )
                continue
            if f.check:
                err = f.check(value)
                if err:
                    self.problem(path + (f.name,), err[0], err[1])
                    continue
            out[f.name] = value
        return out

    def distinct_texts(self, raw: list, path: tuple, one: str, many: str) -> list[str]:
        """A list of distinct, non-empty texts (ordering items, scale labels...); numbers count as text."""
        out: list[str] = []
        seen: dict[str, int] = {}
        for j, item in enumerate(raw):
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                self.problem(path + (j,), f"{one} {j + 1} is empty or not text.",
                             f"write every one of the {many} as text, or remove the empty line.")
                continue
            key = item.strip().lower()
            if key in seen:
                self.problem(path + (j,), f"{one} {j + 1} repeats {one} {seen[key] + 1} ('{item}').",
                             f"make every one of the {many} different.")
                continue
            seen[key] = j
            out.append(item)
        return out

    def list_of(self, data: Any, path: tuple, what: str, min_len: int = 0) -> list:
        if not isinstance(data, list):
            self.problem(path, f"expected {what} as a list but found {describe(data)}.",
                         "write each item on its own line starting with '- '.")
            return []
        if len(data) < min_len:
            self.problem(path, f"expected at least {min_len} {what} but found {len(data)}.",
                         f"add {what} (at least {min_len}).")
        return data


def item_name(label: str, index: int, raw) -> str:
    """How problems name the ``index``-th item of a list: "question 2 ('quiet-board')", or
    "question 2" when the item has no id to show."""
    has_id = isinstance(raw, dict) and isinstance(raw.get("id"), str)
    return f"{label} {index + 1}" + (f" ('{raw['id']}')" if has_id else "")


def check_id(value: str):
    if not ID_RE.match(value):
        return (
            f"'{value}' is not a valid id: use lowercase letters, digits and single hyphens.",
            f"rename it, e.g. '{re.sub(r'[^a-z0-9]+', '-', value.lower()).strip('-') or 'my-id'}'.",
        )
    return None
