"""A blind guesser: what a learner who never read the course scores on each quiz with test-wise strategies.

  python bench/guess.py [ROOT]          a Markdown table per quiz and across the bank
  python bench/guess.py [ROOT] --json   the same figures as JSON

Every figure is an exact expected score, not a sample: where a strategy cannot tell two options
apart it picks either with equal chance, and the expected score counts each. A strategy with no rule
for a question type answers that question at random (its chance score), so every strategy is scored
on every marked question. Scoring is the quiz's own: a question scores only when fully right, and the
score is the share of marked questions (reflections are not marked). Choices are read in YAML order,
as paper sheets, answer keys and LMS exports show them (the site shuffles only with `shuffle: true`);
ordering items and matching answers in the shuffled order that the site and paper sheets show.

Targets (issue 17): no quiz reaches its pass mark by any strategy, and across the bank no strategy beats
chance by more than 10 percentage points. It is a measurement, not a test.
"""
from __future__ import annotations

import argparse
import itertools
import json
import math
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from course.lint_words import absolutes, content_words, hedges, overlap, plain, specifics, years  # noqa: E402
from course.render import stable_shuffle  # noqa: E402

MARKED = ("single", "multiple", "true_false", "ordering", "matching")
TARGET_GAIN = 10.0  # percentage points over chance, across the bank
MAX_PERMUTE = 8     # matching by shared words tries every pairing up to this many pairs


# -- exact probabilities ----------------------------------------------------------------------------
def chance(q, quiz=None) -> float:
    """Uniform random answering over the answers the question accepts."""
    if q.type == "single":
        return 1 / len(q.choices)
    if q.type == "multiple":
        return 1 / (2 ** len(q.choices) - 1)  # any non-empty set of ticks
    if q.type == "true_false":
        return 0.5
    if q.type == "ordering":
        return 1 / math.factorial(len(q.items))
    if q.type == "matching":
        return 1 / math.factorial(len(q.pairs))  # each answer used once
    return 0.0


def keys(q) -> set[int]:
    return {j for j, c in enumerate(q.choices) if c.correct}


def top(scores: list[float], m: int, key: set[int]) -> float:
    """Probability that picking the m options with the highest scores, ties broken at random, picks
    exactly the keyed set."""
    if not 0 < m <= len(scores):
        return 0.0
    cut = sorted(scores, reverse=True)[m - 1]
    above = {j for j, s in enumerate(scores) if s > cut}
    level = {j for j, s in enumerate(scores) if s == cut}
    if len(key) != m or not above <= key <= above | level:
        return 0.0
    return 1 / math.comb(len(level), m - len(above))


def half(q) -> int:
    """How many options a guesser ticks in a multiple-choice question: the larger half."""
    return math.ceil(len(q.choices) / 2)


def by_score(score: Callable[[str, int, object], float], multiple: bool = True):
    """A choice strategy from a score per option: the top option (single choice) or the top half
    (multiple choice)."""
    def single(q, quiz):
        return top([score(c.text, j, q) for j, c in enumerate(q.choices)], 1, keys(q))

    def many(q, quiz):
        return top([score(c.text, j, q) for j, c in enumerate(q.choices)], half(q), keys(q))
    return {"single": single, **({"multiple": many} if multiple else {})}


def shown_order(q, quiz) -> list[int]:
    """The order in which the site and paper sheets show ordering items or matching answers."""
    return stable_shuffle(q.items if q.type == "ordering" else q.pairs, quiz.id + q.id)


def ordering_as_shown(q, quiz) -> float:
    return 1.0 if shown_order(q, quiz) == list(range(len(q.items))) else 0.0


def ordering_reversed(q, quiz) -> float:
    return 1.0 if shown_order(q, quiz)[::-1] == list(range(len(q.items))) else 0.0


def matching_as_shown(q, quiz) -> float:
    """Left i gets the i-th answer as listed."""
    return 1.0 if shown_order(q, quiz) == list(range(len(q.pairs))) else 0.0


def matching_reversed(q, quiz) -> float:
    return 1.0 if shown_order(q, quiz)[::-1] == list(range(len(q.pairs))) else 0.0


def ordering_by_years(q, quiz) -> float:
    """Sort the items that carry a year by it (latest first if the question says so); put the others
    anywhere at random."""
    n = len(q.items)
    dated = [(i, years(item)[0]) for i, item in enumerate(q.items) if years(item)]
    if not dated:
        return chance(q)
    latest_first = any(w in plain(q.prompt).lower() for w in ("latest first", "most recent first", "newest first"))
    ys = [y for _, y in dated]  # in the right order, since items are listed in the right order
    if ys != sorted(ys, reverse=latest_first):
        return 0.0
    ties = math.prod(math.factorial(ys.count(y)) for y in set(ys))
    return math.factorial(len(dated)) / math.factorial(n) / ties


def matching_by_words(q, quiz) -> float:
    """Pair sides so that they share as many words as possible in all; any of the best pairings at random."""
    n = len(q.pairs)
    if n > MAX_PERMUTE:
        return chance(q)
    lefts = [content_words(left) for left, _ in q.pairs]
    rights = [content_words(right) for _, right in q.pairs]
    shared = [[len(lw & rw) for rw in rights] for lw in lefts]
    best, count, right_is_best = -1, 0, False
    for perm in itertools.permutations(range(n)):
        total = sum(shared[i][perm[i]] for i in range(n))
        if total > best:
            best, count, right_is_best = total, 1, perm == tuple(range(n))
        elif total == best:
            count += 1
            right_is_best = right_is_best or perm == tuple(range(n))
    return 1 / count if right_is_best else 0.0


def true_false_by_qualifiers(q, quiz) -> float:
    """Absolute statements are false, hedged ones true; neither or both: a coin toss."""
    a, h = bool(absolutes(q.prompt)), bool(hedges(q.prompt))
    if a == h:
        return 0.5
    guess = h  # hedged -> true, absolute -> false
    return 1.0 if guess == q.answer else 0.0


def _stem_shared(text, j, q) -> float:
    return len(content_words(text) & content_words(q.prompt))


def _qualified(text, j, q) -> float:
    return len(hedges(text)) - len(absolutes(text))


def _centrality(text, j, q) -> float:
    others = [c.text for i, c in enumerate(q.choices) if i != j]
    return statistics.mean(overlap(text, o) for o in others) if others else 0.0


def _middle(text, j, q) -> float:
    lens = [len(plain(c.text)) for c in q.choices]
    return -abs(len(plain(text)) - statistics.median(lens))


# -- the strategies ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Strategy:
    id: str
    name: str
    does: str
    rules: dict  # question type -> fn(q, quiz) -> probability of scoring; other types: chance


LENGTH = lambda text, j, q: len(plain(text))  # noqa: E731
STRATEGIES = [
    Strategy("chance", "Chance", "answers every question at random", {}),
    Strategy("longest", "Longest option", "the longest option; in multiple choice the longer half",
             by_score(LENGTH)),
    Strategy("shortest", "Shortest option", "the shortest option; in multiple choice the shorter half",
             by_score(lambda text, j, q: -LENGTH(text, j, q))),
    Strategy("middle", "Middle length", "the option of middling length (single choice)",
             by_score(_middle, multiple=False)),
    Strategy("first", "First listed", "the first option (the first half); ordering and matching as shown",
             {**by_score(lambda text, j, q: -j), "ordering": ordering_as_shown, "matching": matching_as_shown}),
    Strategy("last", "Last listed", "the last option (the last half); ordering and matching in reverse",
             {**by_score(lambda text, j, q: j), "ordering": ordering_reversed, "matching": matching_reversed}),
    Strategy("stem-words", "Words of the question", "the option sharing most words with the question; "
             "matching: pair sides that share words", {**by_score(_stem_shared), "matching": matching_by_words}),
    Strategy("qualified", "Qualified option", "the most hedged, least absolute option; true/false: absolute "
             "statements false, hedged ones true", {**by_score(_qualified), "true_false": true_false_by_qualifiers}),
    Strategy("always-false", 'Always "false"', 'answers "false" to every statement',
             {"true_false": lambda q, quiz: 1.0 if q.answer is False else 0.0}),
    Strategy("always-true", 'Always "true"', 'answers "true" to every statement',
             {"true_false": lambda q, quiz: 1.0 if q.answer is True else 0.0}),
    Strategy("specific", "Most specific", "the option with the most names and numbers",
             by_score(lambda text, j, q: specifics(text))),
    Strategy("odd-one-out", "Odd one out", "the option least like the others (single choice)",
             by_score(lambda text, j, q: -_centrality(text, j, q), multiple=False)),
    Strategy("convergent", "Most like the others", "the option sharing most with the others (single choice)",
             by_score(_centrality, multiple=False)),
    Strategy("years", "Sort by years", "ordering: sort the items by the years they mention",
             {"ordering": ordering_by_years}),
    Strategy("mix", "Test-wise mix", "longest option (longer half), qualifiers on true/false, years on "
             "ordering, shared words on matching",
             {**by_score(LENGTH), "true_false": true_false_by_qualifiers, "ordering": ordering_by_years,
              "matching": matching_by_words}),
]


def probability(strategy: Strategy, q, quiz) -> float:
    return strategy.rules.get(q.type, chance)(q, quiz)


def pattern_learner(quizzes) -> Strategy:
    """For each question type, whichever strategy above scores best on that type across the bank: a
    learner who has noticed the bank's habits (the answers are shown after a first attempt)."""
    chosen = {}
    for qtype in MARKED:
        pairs = [(q, quiz) for quiz in quizzes for q in quiz.questions if q.type == qtype]
        if not pairs:
            continue
        best = max(STRATEGIES, key=lambda s: sum(probability(s, q, quiz) for q, quiz in pairs))
        chosen[qtype] = best
    does = "per question type, the strategy that does best on the bank: " + "; ".join(
        f"{TYPE_WORDS[t]}: {s.name.lower()}" for t, s in chosen.items())
    return Strategy("learner", "Pattern learner", does, {t: s.rules.get(t, chance) for t, s in chosen.items()
                                                         if s.id != "chance"})


TYPE_WORDS = {"single": "single choice", "multiple": "multiple choice", "true_false": "true/false",
              "ordering": "ordering", "matching": "matching"}


# -- scoring ----------------------------------------------------------------------------------------
def pass_chance(probs: list[float], pass_mark: int) -> float:
    """Probability of reaching the pass mark, each question right with its own probability (the quiz
    rounds the percentage as the site does: half up)."""
    dist = [1.0]
    for p in probs:
        nxt = [0.0] * (len(dist) + 1)
        for k, w in enumerate(dist):
            nxt[k] += w * (1 - p)
            nxt[k + 1] += w * p
        dist = nxt
    n = len(probs)
    return sum(w for k, w in enumerate(dist) if math.floor(100 * k / n + 0.5) >= pass_mark) if n else 0.0


def measure(quizzes) -> dict:
    strategies = STRATEGIES + [pattern_learner(quizzes)]
    out = {"quizzes": [], "bank": {}, "strategies": {s.id: {"name": s.name, "does": s.does,
                                                          "applies": sorted(s.rules)} for s in strategies}}
    pooled = {s.id: [] for s in strategies}
    covered = {s.id: [] for s in strategies}
    for quiz in sorted(quizzes, key=lambda z: z.id):
        marked = [q for q in quiz.questions if q.type in MARKED]
        if not marked:
            continue
        row = {"id": quiz.id, "pass_mark": quiz.pass_mark, "marked": len(marked), "scores": {}, "pass_chance": {}}
        for s in strategies:
            probs = [probability(s, q, quiz) for q in marked]
            pooled[s.id] += probs
            covered[s.id] += [(p, chance(q)) for p, q in zip(probs, marked) if q.type in s.rules]
            row["scores"][s.id] = round(100 * sum(probs) / len(probs), 1)
            row["pass_chance"][s.id] = round(100 * pass_chance(probs, quiz.pass_mark), 1)
        best = max((s.id for s in strategies), key=lambda sid: row["scores"][sid])
        row["best"] = best
        row["reaches"] = [sid for sid in row["scores"] if row["scores"][sid] >= quiz.pass_mark]
        out["quizzes"].append(row)
    base = pooled["chance"]
    n = len(base)
    for s in strategies:
        score = 100 * sum(pooled[s.id]) / n if n else 0.0
        on = covered[s.id]
        out["bank"][s.id] = {
            "score": round(score, 1),
            "gain": round(score - 100 * sum(base) / n, 1) if n else 0.0,
            "questions_applied": len(on),
            "gain_where_applied": round(100 * sum(p - c for p, c in on) / len(on), 1) if on else None,
        }
    out["marked_questions"] = n
    out["quizzes_reaching_pass"] = sum(bool(r["reaches"]) for r in out["quizzes"])
    worst = max((sid for sid in out["bank"] if sid != "chance"), key=lambda sid: out["bank"][sid]["gain"])
    out["largest_gain"] = {"strategy": worst, **out["bank"][worst]}
    return out


def load(root: Path):
    from course.library import load_library
    lib = load_library(root, kinds=["quiz"])
    if lib.report.errors:
        raise SystemExit("\n".join(str(p) for p in lib.report.errors))
    return lib.all("quiz")


# -- reporting --------------------------------------------------------------------------------------
def markdown(r: dict) -> str:
    ids = list(r["strategies"])
    head = ["Quiz", "Pass mark"] + [r["strategies"][sid]["name"] for sid in ids] + ["Best strategy (chance of passing)", "Pass mark reached by"]
    lines = ["Expected score (%) of a learner who never read the course, per quiz and strategy.", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in r["quizzes"]:
        best = row["best"]
        cells = [row["id"], f"{row['pass_mark']} %"] + [f"{row['scores'][sid]:.1f}" for sid in ids]
        cells += [f"{r['strategies'][best]['name']}: {row['scores'][best]:.1f} % ({row['pass_chance'][best]:.0f} % chance of passing)",
                  ", ".join(r["strategies"][sid]["name"] for sid in row["reaches"]) or "none"]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"Across the bank ({r['marked_questions']} marked questions in {len(r['quizzes'])} quizzes):", "",
              "| Strategy | What it picks | Bank score | Gain over chance | Questions it has a rule for | Gain on those |",
              "|---|---|---|---|---|---|"]
    for sid in ids:
        b, s = r["bank"][sid], r["strategies"][sid]
        where = "-" if b["gain_where_applied"] is None or sid == "chance" else f"{b['gain_where_applied']:+.1f} points"
        lines.append(f"| {s['name']} | {s['does']} | {b['score']:.1f} % | {b['gain']:+.1f} points | "
                     f"{b['questions_applied'] if sid != 'chance' else r['marked_questions']} | {where} |")
    big = r["largest_gain"]
    lines += ["", f"Targets: no quiz reaches its pass mark by any strategy (today {r['quizzes_reaching_pass']} of "
              f"{len(r['quizzes'])} do); no strategy more than {TARGET_GAIN:.0f} points above chance across the bank "
              f"(today {r['strategies'][big['strategy']]['name'].lower()}: {big['gain']:+.1f} points)."]
    return "\n".join(lines)


def readme_rows(r: dict) -> list[str]:
    """Rows for the Performance table of the README (bench/run.py adds them)."""
    n = len(r["quizzes"])
    reach = [row for row in r["quizzes"] if row["reaches"]]
    best_scores = [row["scores"][row["best"]] for row in r["quizzes"]]
    gains = sorted(((sid, b["gain"]) for sid, b in r["bank"].items() if sid != "chance"), key=lambda kv: -kv[1])
    named = ", ".join(f"{r['strategies'][sid]['name'].lower()} {g:+.1f}" for sid, g in gains)
    big = r["largest_gain"]
    chance_scores = [row["scores"]["chance"] for row in r["quizzes"]]
    return [
        f"| Blind guesser (`bench/guess.py`): quizzes whose pass mark some test-wise strategy reaches, by expected "
        f"score (best strategy's score per quiz; chance alone) | {len(reach)} of {n} "
        f"({min(best_scores):.0f}–{max(best_scores):.0f} %; chance {min(chance_scores):.0f}–{max(chance_scores):.0f} %) | 0 of {n} |",
        f"| Blind guesser: largest gain over chance across the bank ({r['marked_questions']} marked questions) | "
        f"{big['gain']:+.1f} points ({r['strategies'][big['strategy']]['name'].lower()}) | ≤ {TARGET_GAIN:.0f} points |",
        f"| Blind guesser: gain over chance across the bank, every strategy (points) | {named} | ≤ {TARGET_GAIN:.0f} each |",
    ]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", default=str(ROOT), type=Path, help="the course folder (reads ROOT/quizzes)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    result = measure(load(args.root.resolve()))
    print(json.dumps(result, indent=1) if args.json else markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
