"""Words in quiz texts, as a test-wise reader sees them: the visible text without Markdown, content
words, absolute and hedging words, years, specific details, and how alike two options are.

Shared by the item-quality linter (``lint.py``) and the blind-guesser benchmark (``bench/guess.py``),
so that both mean the same thing by "an absolute word" or "a word of the stem".
"""
from __future__ import annotations

import difflib
import re

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|[*_`])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|\d+(?:[.,]\d+)*%?")
_YEAR = re.compile(r"(?<![\d£$.,])(1[89]\d\d|20\d\d)(?![\d%])")

# Function words and the boilerplate of questions: they say nothing about the subject.
STOP = frozenset("""
a about above across after again against all also although among an and another any are around as at
be because been before being below best between both but by can could did do does doing done during each
either else even ever every few for from further had has have having he her here hers herself him himself
his how however i if in into is it its itself just least less let like made make makes many may me might
more most much must my myself neither no nor not of off on once one only onto or other others our ours
ourselves out over own per rather same she should since so some such than that the their theirs them
themselves then there these they this those though through thus to too under until up upon us very via
was we were what whatever when where whether which while who whom whose why will with within without would
yet you your yours yourself
according answer apply choose describe describes following true false statement statements option options
question questions reply says said best closest match matches example examples these those
""".split())

# Specific determiners (Haladyna, Downing & Rodriguez 2002, guideline 28a): words that make a
# statement absolute, so that a test-wise reader takes it to be wrong.
ABSOLUTES = frozenset("""
always never none nothing nobody noone every everyone everything everybody only entirely completely totally
absolutely invariably guarantee guarantees guaranteed certainly cannot impossible solely exclusively wholly
exactly
""".split())
_ABSOLUTE_PHRASES = (re.compile(r"\bno one\b", re.I), re.compile(r"\ball\b(?! (?:of the above|that apply|the above))", re.I),
                     re.compile(r"\bmust\b", re.I), re.compile(r"\bcan(?:'|’)t\b", re.I))
_NOT_ONLY = re.compile(r"\bnot only\b", re.I)

# Qualifiers: words that hedge a statement, so that a test-wise reader takes it to be right
# (the NBME guide's "vague terms" such as usually and often).
HEDGES = frozenset("""
usually often sometimes may might could generally typically tend tends tended tending likely probably
perhaps possibly mostly partly largely mainly frequently occasionally rarely seldom some most
""".split())


def plain(text: str | None) -> str:
    """The text a reader sees: link text without the address, no emphasis or code marks, one line."""
    text = _LINK.sub(r"\1", text or "")
    text = _MARKS.sub("", text)
    return " ".join(text.split())


def words(text: str | None) -> list[str]:
    """Lower-case words and numbers of the visible text, apostrophes made plain."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(plain(text))]


def stem(word: str) -> str:
    """A crude stem, enough to match "integrated" with "integration" and "trusts" with "trust"."""
    w = word.lower().replace("'s", "")
    for suffix, keep in (("ations", ""), ("ation", ""), ("ities", ""), ("ity", ""), ("ies", "y"), ("ing", ""),
                         ("ed", ""), ("es", ""), ("ly", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: len(w) - len(suffix)] + keep
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def content_words(text: str | None) -> set[str]:
    """Stems of the words that carry meaning: three letters or more, not function words; numbers kept."""
    out = set()
    for w in words(text):
        if w[0].isdigit():
            out.add(w)
        elif len(w) >= 3 and w not in STOP:
            out.add(stem(w))
    return out


def absolutes(text: str | None) -> list[str]:
    """The absolute words in a text ("all of the above", "all that apply" and "not only" do not count)."""
    visible = _NOT_ONLY.sub(" ", plain(text))
    found = [w for w in words(visible) if w in ABSOLUTES]
    for pattern in _ABSOLUTE_PHRASES:
        found += [m.group(0).lower() for m in pattern.finditer(visible)]
    return found


def hedges(text: str | None) -> list[str]:
    """The qualifying words in a text ("most" as in "the most likely" counts: it is how options hedge)."""
    return [w for w in words(text) if w in HEDGES]


def years(text: str | None) -> list[int]:
    """Years written in the text (1800 to 2099), in the order they appear."""
    return [int(y) for y in _YEAR.findall(plain(text))]


def specifics(text: str | None) -> int:
    """How many specific details a text carries: numbers, and capitalised words after the first
    (names of people, places, bodies and documents; acronyms). Single capital letters do not count."""
    tokens = _WORD.findall(plain(text))
    count = sum(1 for t in tokens if t[0].isdigit())
    count += sum(1 for t in tokens[1:] if t[0].isupper() and len(t) > 1)  # not "I", nor option letters
    return count


def overlap(a: str | None, b: str | None) -> float:
    """Share of content words two texts have in common (Jaccard: shared ÷ either), 0 to 1."""
    wa, wb = content_words(a), content_words(b)
    return len(wa & wb) / len(wa | wb) if wa | wb else 0.0


def likeness(a: str | None, b: str | None) -> float:
    """How alike two texts read, letter by letter, ignoring case and Markdown (difflib's ratio), 0 to 1."""
    return difflib.SequenceMatcher(None, plain(a).lower(), plain(b).lower(), autojunk=False).ratio()
