"""Author-facing problems: every issue in a file is collected, then reported together.

A problem reads like:
``quizzes/module-01.yml, line 14 (questions[2].choices): expected exactly one choice marked
correct, found 0. Fix: add 'correct: true' to the right answer.``
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    path: str
    message: str
    fix: str = ""
    severity: str = "error"  # "error" fails the build; "warning" fails `mkdocs build --strict`
    rule: str = ""  # a stable id, e.g. "page/marker-unknown"

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f", line {self.line}"
        if self.path:
            where += f" ({self.path})"
        text = f"{where}: {self.message}"
        if self.fix:
            text += f" Fix: {self.fix}"
        return text


@dataclass
class Report:
    """Problems collected while reading one or more files."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        if problem not in self.problems:
            self.problems.append(problem)

    def extend(self, other: "Report") -> None:
        for p in other.problems:
            self.add(p)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def __bool__(self) -> bool:  # true when anything was found
        return bool(self.problems)


class ContentError(Exception):
    """Raised with every error found; str() lists them one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in course content:"
        super().__init__("\n".join([head] + [f"  - {p}" for p in self.problems]))
