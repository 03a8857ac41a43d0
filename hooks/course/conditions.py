"""Scenario conditions: ``NAME OP NUMBER`` clauses joined by `` and ``, e.g. ``trust >= 2 and cash < 3``.

Parsing, the plain-English text shown when JavaScript is off, and a decision whether a condition
can ever be true given each variable's declared [min, max] range (over whole numbers).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CLAUSE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(>=|<=|==|!=|>|<)\s*(-?\d+)\s*$")
AND = re.compile(r"\s+and\s+")
WORDS = {">=": "is at least", "<=": "is at most", ">": "is more than", "<": "is less than",
         "==": "is exactly", "!=": "is not"}
SYNTAX_HELP = ("write NAME OP NUMBER, e.g. 'trust >= 3', and join several with ' and '; "
               "OP is one of >=, <=, >, <, ==, !=.")


@dataclass(frozen=True)
class Condition:
    source: str
    clauses: tuple  # ((name, op, number), ...)

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(c[0] for c in self.clauses))

    def text(self, labels: dict[str, str]) -> str:
        """'Trust among partners is at least 2 and Cash is less than 3'."""
        return " and ".join(f"{labels.get(n, n)} {WORDS[op]} {num}" for n, op, num in self.clauses)


def parse(source: str) -> tuple[Condition | None, str | None]:
    """Return (condition, None), or (None, the clause that is not understood)."""
    clauses = []
    for part in AND.split(source.strip()):
        m = CLAUSE.match(part)
        if not m:
            return None, part.strip()
        clauses.append((m.group(1), m.group(2), int(m.group(3))))
    return Condition(source.strip(), tuple(clauses)), None


def possible(clauses, low: int, high: int) -> bool:
    """Can one whole number in [low, high] meet every clause (all about the same variable)?"""
    excluded = set()
    for _, op, n in clauses:
        if op in (">=", "=="):
            low = max(low, n)
        if op in ("<=", "=="):
            high = min(high, n)
        if op == ">":
            low = max(low, n + 1)
        if op == "<":
            high = min(high, n - 1)
        if op == "!=":
            excluded.add(n)
    return any(v not in excluded for v in range(low, min(high, low + len(excluded)) + 1))


def holds(cond: Condition | None, values: dict[str, int]) -> bool:
    """Evaluate a condition against a state (used by tests and path checks)."""
    if cond is None:
        return True
    ops = {">=": int.__ge__, "<=": int.__le__, ">": int.__gt__, "<": int.__lt__,
           "==": int.__eq__, "!=": int.__ne__}
    return all(ops[op](values[n], num) for n, op, num in cond.clauses)
