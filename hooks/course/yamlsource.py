"""Read author YAML keeping the line of every value, so problems can point at it.

``load(text)`` returns a ``Source``: the plain data (dicts, lists, scalars) plus ``line(path)``,
where a path is a tuple of keys and indexes such as ``("questions", 2, "choices")``.
Duplicate keys, which PyYAML silently overwrites, are reported as problems.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple
FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def path_text(path: Path) -> str:
    """``("questions", 2, "choices")`` -> ``questions[2].choices``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass
class Source:
    file: str
    data: Any = None
    lines: dict = field(default_factory=dict)
    key_lines: dict = field(default_factory=dict)
    duplicates: list = field(default_factory=list)  # (path, line) of repeated keys
    syntax_error: tuple | None = None  # (line, message)

    def line(self, path: Path) -> int | None:
        """Line of the value at ``path``, or of the nearest parent that has one."""
        path = tuple(path)
        while True:
            if path in self.key_lines:
                return self.key_lines[path]
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]


class _Builder(yaml.constructor.SafeConstructor):
    pass


def load(text: str, file: str) -> Source:
    src = Source(file=file)
    try:
        try:  # libyaml is fast; PyYAML's own parser words its errors as our messages expect
            node = yaml.compose(text, Loader=FAST)
        except yaml.MarkedYAMLError:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        msg = exc.problem or str(exc)
        if exc.context:
            msg = f"{exc.context}, {msg}"
        src.syntax_error = (line, msg)
        return src
    if node is None:
        src.data = None
        return src
    builder = _Builder()
    try:
        src.data = _build(node, (), src, builder)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        src.syntax_error = (mark.line + 1 if mark else None, exc.problem or str(exc))
    return src


def _build(node, path, src: Source, builder) -> Any:
    src.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        builder.flatten_mapping(node)
        out: dict = {}
        for key_node, value_node in node.value:
            key = builder.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                key = str(key)
            child = path + (key,)
            if key in out:
                src.duplicates.append((child, key_node.start_mark.line + 1))
            src.key_lines.setdefault(child, key_node.start_mark.line + 1)
            out[key] = _build(value_node, child, src, builder)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), src, builder) for i, item in enumerate(node.value)]
    return builder.construct_object(node, deep=True)
