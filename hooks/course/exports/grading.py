"""How marks and approximations are written in Moodle's formats (Moodle XML and GIFT share them)."""
from __future__ import annotations

# The grade fractions Moodle accepts (question_bank::fraction_options_full), in percent.
MOODLE_FRACTIONS = [100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                    16.66667, 14.28571, 12.5, 11.11111, 10, 5, 0]
ORDERING_HINT = "*Match each item to its position in the order: position 1 comes first.*"


def ordering_note(q) -> str:
    return (f"question '{q.id}' (put in order) is exported as a matching question, each item matched to "
            "its position: there is no ordering question type in this format.")


def percent(value: float) -> str:
    """A percentage as Moodle writes it: at most 7 significant digits, no trailing zeros."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return text or "0"


def share(k: int) -> tuple[float, bool]:
    """The fraction for each of k right choices: 100/k if Moodle accepts it, else the nearest it does."""
    exact = 100 / k
    nearest = min(MOODLE_FRACTIONS, key=lambda f: abs(f - exact))
    return nearest, abs(nearest - exact) < 1e-4


NATIVE_ORDERING = (4, 4)  # Moodle 4.4 ships the ordering question type (qtype_ordering) in core
# The three feedbacks Moodle's ordering type needs to import (without them the import fails).
ORDERING_FEEDBACK = {
    "correct": "Your order is right.",
    "partially": "Your order is partly right.",
    "incorrect": "Your order is not right yet.",
}


def moodle_version(value) -> tuple[int, int] | None:
    """'4.4' or 4.4 or '4.5.1' -> (4, 4); None when not set."""
    if value in (None, ""):
        return None
    major, _, rest = str(value).partition(".")
    return int(major), int(rest.split(".")[0] or 0)


def native_ordering(version: tuple[int, int] | None) -> bool:
    return version is not None and version >= NATIVE_ORDERING
