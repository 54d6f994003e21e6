"""The records of the time tagger: the public `TimeExpression` and the rules' working records.

Input: nothing; every other module of `annotate.time` builds these.
Output: `TimeExpression` (what `find_times` returns), `Resolved` (a TIMEX3 reading before it is
placed on a span), `Candidate` (a span a rule proposes, with a deferred reading), and one
constructor per TIMEX3 type so the rules spell out only what varies.
Known limits: `Resolved.chainable` is a tagger concern carried on the reading; the public record
does not show it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from newsprism.model import DateKind, DateValue

TimeGranularity = Literal[
    "day",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
    "time",
    "duration",
    "set",
    "ref",
]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpression:
    """One time expression: characters `[start, end)` of the text and their TIMEX3 reading.

    `range_start`/`range_end` are ISO values bounding the period an anchored expression covers
    ("the past three months", "since January 20"); `mod` is the TIMEX3 modifier (START, MID,
    END, APPROX, MORE_THAN, LESS_THAN, EQUAL_OR_MORE, EQUAL_OR_LESS).
    """

    start: int
    end: int
    text: str
    value: str
    granularity: TimeGranularity
    type: TimexType
    kind: DateKind
    range_start: str | None = None
    range_end: str | None = None
    mod: str | None = None

    def as_date_value(self) -> DateValue | None:
        """The calendar value as the shared `DateValue` record, when it is one it can hold."""
        if self.granularity in ("day", "month", "season", "year", "decade") and not (
            self.value.startswith("X")
        ):
            return DateValue(value=self.value, granularity=self.granularity, kind=self.kind)
        return None


# --- candidates and their resolution --------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolved:
    value: str
    granularity: TimeGranularity
    type: TimexType
    kind: DateKind
    mod: str | None = None
    range_start: str | None = None
    range_end: str | None = None
    # False for values counted from an earlier mention, which must not become the reference
    # in turn ("a year earlier" twice is not two years earlier).
    chainable: bool = True


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rank: int  # breaks ties between overlapping candidates of equal length: lower wins
    resolve: Callable[[], Resolved | None]


def const(resolved: Resolved) -> Callable[[], Resolved | None]:
    """A resolution that needs no context."""
    return lambda: resolved


def resolved_date(
    value: str,
    granularity: TimeGranularity,
    kind: DateKind,
    mod: str | None = None,
    *,
    range_start: str | None = None,
    range_end: str | None = None,
    chainable: bool = True,
) -> Resolved:
    """A DATE reading ("2025-05-15", "2022-Q3", "PRESENT_REF", "2025-W20-WE")."""
    return Resolved(
        value=value,
        granularity=granularity,
        type="DATE",
        kind=kind,
        mod=mod,
        range_start=range_start,
        range_end=range_end,
        chainable=chainable,
    )


def resolved_time(value: str) -> Resolved:
    """A time of day ("2025-05-15T14:00", "2025-05-15TNI"): always counted from some day."""
    return Resolved(value=value, granularity="time", type="TIME", kind="relative")


def resolved_duration(
    value: str,
    kind: DateKind = "explicit",
    mod: str | None = None,
    *,
    range_start: str | None = None,
    range_end: str | None = None,
) -> Resolved:
    """A DURATION ("P3M"); the range, when given, is the stretch it covers next to the anchor."""
    return Resolved(
        value=value,
        granularity="duration",
        type="DURATION",
        kind=kind,
        mod=mod,
        range_start=range_start,
        range_end=range_end,
    )


def resolved_set(value: str) -> Resolved:
    """A SET, a recurring time ("P1D" for "daily", "XXXX-WXX-1" for "every Monday")."""
    return Resolved(value=value, granularity="set", type="SET", kind="explicit")
