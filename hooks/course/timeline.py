"""Timelines: dated events from a case or from the system's history, each with its source.

An author writes ``timelines/<id>.yml`` and places it with ``<!-- timeline: id -->``. It is drawn at
build time as a list of real text (a time axis made with CSS, gaps between events in proportion to
the time between them), so it needs no script and reads the same to a screen reader, in print and
on a phone.

Dates are written ``2010``, ``2010-02`` or ``2010-02-14`` (quoted or not); events are listed in date
order, and every event names its source.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .problems import Report
from .schema import Checker, Field, check_id, item_name
from .yamlsource import Source

DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MIN_EVENTS = 2

TIMELINE_FIELDS = [
    Field("id", str, required=True, check=check_id, doc="a stable id", example="london-stroke"),
    Field("title", str, required=True, doc="the timeline's title"),
    Field("description", str, doc="what it shows, in Markdown (read before the events)"),
    Field("events", list, required=True, doc="the events, in date order"),
]
EVENT_FIELDS = [
    Field("date", str, required=True, doc="when: 2010, 2010-02 or 2010-02-14", example="2010-02"),
    Field("title", str, required=True, doc="what happened, in a few words"),
    Field("text", str, doc="more about it, in Markdown"),
    Field("source", str, required=True, doc="where this comes from, in Markdown", example="Davie and Rudd, JNNP 2011"),
    Field("label", str, doc="the date as shown, when it is not exact (e.g. 'Winter 2014-15')"),
]


@dataclass(frozen=True)
class When:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        """For <time datetime=...>: '2010', '2010-02' or '2010-02-14'."""
        return "-".join([f"{self.year:04d}"] + [f"{v:02d}" for v in (self.month, self.day) if v])

    @property
    def text(self) -> str:
        """'2010', 'February 2010', '14 February 2010'."""
        if self.month is None:
            return str(self.year)
        return " ".join(([str(self.day)] if self.day else []) + [MONTHS[self.month - 1], str(self.year)])

    @property
    def sort_key(self) -> tuple:
        return (self.year, self.month or 0, self.day or 0)

    def before(self, other: "When") -> bool:
        """Earlier than ``other``, at the precision both have: '2017' is not before 'June 2017'."""
        depth = min(len([v for v in (self.month, self.day) if v]), len([v for v in (other.month, other.day) if v]))
        return self.sort_key[: depth + 1] < other.sort_key[: depth + 1]

    @property
    def months(self) -> float:
        """Months since year 0, at the start of the period: for the gaps between events."""
        return self.year * 12 + (self.month or 1) - 1 + ((self.day or 1) - 1) / 31


@dataclass
class Event:
    when: When
    title: str
    source: str
    text: str | None = None
    label: str | None = None
    gap: int = 0  # 0 to 4: how much time passed since the event before (drawn as space)

    @property
    def shown(self) -> str:
        return self.label or self.when.text


@dataclass
class Timeline:
    id: str
    title: str
    events: list[Event] = field(default_factory=list)
    description: str | None = None
    file: str = ""

    @property
    def span(self) -> str:
        first, last = self.events[0].when.year, self.events[-1].when.year
        return str(first) if first == last else f"{first} to {last}"

    def texts(self):
        """Every Markdown field with its path, for link checks."""
        yield ("description",), self.description
        for i, e in enumerate(self.events):
            yield ("events", i, "text"), e.text
            yield ("events", i, "source"), e.source


def parse_date(value) -> When | None:
    """A date as authors write it: 2010 (a number), '2010-02', 2010-02-14 (YAML makes it a date)."""
    if isinstance(value, dt.date):
        return When(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    m = DATE.match(value.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2) and int(m.group(2)), m.group(3) and int(m.group(3))
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return When(year, month or None, day or None)


def parse(source: Source, report: Report) -> Timeline | None:
    """Check a loaded YAML source; add every problem to ``report``; return the timeline if valid."""
    ck = Checker(source, report)
    before = len(report.errors)
    data = source.data
    if isinstance(data, dict) and isinstance(data.get("events"), list):  # dates may be numbers or dates:
        data = dict(data, events=[_date_as_text(e) for e in data["events"]])  # checked below, not as text
    top = ck.mapping(data, (), TIMELINE_FIELDS, "the timeline")
    if top is None:
        return None
    events: list[Event] = []
    previous: tuple[int, When] | None = None
    for i, raw in enumerate(ck.list_of(top["events"], ("events",), "events", MIN_EVENTS)
                            if top.get("events") is not None else []):
        path = ("events", i)
        e = ck.mapping(raw, path, EVENT_FIELDS, item_name("event", i, raw))
        if not e or "date" not in e:
            continue
        when = parse_date(source.data["events"][i].get("date"))
        if when is None:
            ck.problem(path + ("date",), f"event {i + 1}: '{e['date']}' is not a date.",
                       "write the year (2010), the year and month (2010-02) or the full date (2010-02-14); for a time "
                       "that is not a date, write the nearest date and show your words with label: 'Spring 2010'.",
                       rule="timeline/date")
            continue
        if previous and when.before(previous[1]):
            ck.problem(path + ("date",), f"event {i + 1} ({when.text}) comes before event {previous[0] + 1} "
                       f"({previous[1].text}), which is listed above it.",
                       "list the events in date order, earliest first.", rule="timeline/order")
        previous = (i, when)
        if "title" in e and "source" in e:
            events.append(Event(when, e["title"], e["source"], e.get("text"), e.get("label")))
    if len(report.errors) > before:
        return None
    _gaps(events)
    return Timeline(id=top["id"], title=top["title"], events=events, description=top.get("description"),
                    file=source.file)


def _date_as_text(event):
    if isinstance(event, dict) and isinstance(event.get("date"), (int, dt.date)) and not isinstance(event.get("date"), bool):
        return dict(event, date=str(event["date"]))
    return event


def _gaps(events: list[Event]) -> None:
    """Space between events in proportion to the time between them, in five steps (0 to 4)."""
    deltas = [b.when.months - a.when.months for a, b in zip(events, events[1:])]
    largest = max(deltas, default=0)
    for event, delta in zip(events[1:], deltas):
        event.gap = 0 if largest <= 0 else min(4, round(4 * delta / largest))
