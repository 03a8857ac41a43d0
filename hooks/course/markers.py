"""Page markers: the HTML comments authors write in Markdown to place interactive pieces.

- ``<!-- quiz: ID -->``, ``<!-- scenario: ID -->``, ``<!-- assessment: ID -->``, ``<!-- lab: NAME -->``:
  one per kind (``kinds.KINDS``), placing an item by its id.
- ``<!-- course: progress -->`` and the other learner tools (``TOOLS``).

A comment that looks like a marker but is not one (``<!-- Quiz: id -->``, ``<!-- scenarios: id -->``,
``<!-- quiz module-01 -->``) is a near miss, reported with the marker it probably meant. Examples
inside code blocks and code spans are not markers.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

TOOLS = ("progress", "journal", "data", "record", "assign", "assignment")
TOOL = re.compile(r"<!--\s*course:\s*(" + "|".join(TOOLS) + r")\s*-->")
# Any comment shaped like a marker: a name, then ':' or a space, then a value.
SHAPED = re.compile(r"<!--\s*([A-Za-z][\w-]*)\s*(:|\s)\s*([^\s>]*)\s*-->")
FENCE = re.compile(r"^([ \t]*)(```|~~~).*?^\1\2", re.S | re.M)
CODE_SPAN = re.compile(r"`[^`\n]*`")


def item_marker(names) -> re.Pattern:
    """The marker of every kind in ``names``: group 1 is the kind, group 2 the id."""
    return re.compile(r"<!--\s*(" + "|".join(map(re.escape, names)) + r")\s*:\s*([^\s>]*)\s*-->")


def strip_code(markdown: str) -> str:
    """Blank out code blocks and spans (keeping line numbers) so examples are not taken as markers."""
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))  # noqa: E731
    return CODE_SPAN.sub(blank, FENCE.sub(blank, markdown))


def line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def find_markers(text: str, names) -> list[tuple[str, str, int]]:
    """Markers of the kinds in ``names`` in Markdown or HTML: (kind, id, line)."""
    return [(m.group(1), m.group(2), line_of(text, m.start())) for m in item_marker(names).finditer(text)]


@dataclass(frozen=True)
class NearMiss:
    line: int
    written: str  # the comment as written
    meant: str  # the marker it probably meant


def near_misses(text: str, names) -> list[NearMiss]:
    """Comments that look like a marker of a kind in ``names`` (or ``course:``) but are not one."""
    names = list(names)
    known = names + ["course"]
    out = []
    for m in SHAPED.finditer(text):
        name, sep, value = m.group(1), m.group(2), m.group(3)
        if name in known and sep == ":":
            if name == "course" and value not in TOOLS:
                close = difflib.get_close_matches(value, TOOLS, n=1, cutoff=0.6)
                if close:
                    out.append(NearMiss(line_of(text, m.start()), m.group(0), f"<!-- course: {close[0]} -->"))
            continue  # a real marker (its id is checked elsewhere)
        low = name.lower()
        guess = next((k for k in known if low in (k, k + "s", k + "zes", k + "es")), None)
        if guess is None:
            close = difflib.get_close_matches(low, known, n=1, cutoff=0.75)
            guess = close[0] if close else None
        if guess is None or (guess == name and sep == ":"):
            continue
        if guess == "course" and value not in TOOLS:
            continue  # "<!-- Course notes: ... -->" is an ordinary comment
        out.append(NearMiss(line_of(text, m.start()), m.group(0), f"<!-- {guess}: {value or 'ID'} -->"))
    return out
