"""Rules for periods counted from the anchor or from the last date the text mentioned.

Covers "for the year", "the end of the month", "this week", "the past year", "the following
month", "earlier this week", "later that day", "the weekend", "the next day", "the day before".
Input: a `Scan` of the text. Output: `Candidate` spans whose readings count from the anchor
("this", "last", "next") or from `Scan.reference_day` ("that", "the following", "the same").
Known limits: narrative reference time is simply the last date mentioned within a window;
"the past decade" is a ten-year DURATION, not the previous decade.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from newsprism.annotate.time.calendar import (
    duration_value,
    iso_day,
    iso_week,
    period_value,
    shift_by_unit,
)
from newsprism.annotate.time.context import Scan
from newsprism.annotate.time.records import (
    Candidate,
    Resolved,
    const,
    resolved_date,
    resolved_duration,
    resolved_time,
)
from newsprism.annotate.time.vocabulary import EDGE_OF, PARTS_OF_DAY, compile_pattern, mod_of

_THE_YEAR = compile_pattern(
    r"(?:for|in|during|through|throughout|of|over)\s+(?P<span>the\s+(?:(?P<adj>full|current"
    r"|latest|entire|whole|same|new)\s+)?(?:(?P<fiscal>fiscal)\s+)?year)(?![a-z'’-]|['’]s)"
)


def rule_the_year(scan: Scan) -> Iterator[Candidate]:
    """ "for the year", "in the fiscal year": in a report, the year it reports on."""
    for m in _THE_YEAR.finditer(scan.text):
        after = scan.text[m.end() : m.end() + 12]
        if re.match(r"\s*(?:ended|ending|to\s+date)\b", after):
            # "the year ended March 31" is a twelve-month period, not a calendar year.
            yield Candidate(
                m.start("span"),
                m.end(),
                3,
                const(resolved_duration("P1Y")),
            )
            continue
        if re.match(r"\s+(?:before|after|\d|two|nineteen)", after):
            continue  # "the year before" counts from an event; "the year 2000" is a year
        offset = -1 if (m["adj"] or "").lower() == "latest" else 0

        def resolve(offset: int = offset) -> Resolved | None:
            if scan.anchor is None:
                return None
            return resolved_date(f"{scan.anchor.year + offset}", "year", "relative")

        yield Candidate(m.start("span"), m.end(), 3, resolve)


_PERIOD_EDGE = compile_pattern(
    r"(?:the\s+(?P<pos>end|beginning|start|middle|close)\s+of\s+the\s+(?P<u>year|month|week)"
    r"|(?P<ye>year[- ]end|year['’]s\s+end))(?![a-z])"
)


def rule_period_edges(scan: Scan) -> Iterator[Candidate]:
    """ "the end of the month", "year-end": the current period, at its start or end."""
    for m in _PERIOD_EDGE.finditer(scan.text):
        unit = "year" if m["ye"] else m["u"].lower()
        mod = "END" if m["ye"] else mod_of(m["pos"])
        since = scan.prev_word(m.start()) == "since"

        def resolve(
            unit: str = unit, mod: str | None = mod, since: bool = since
        ) -> Resolved | None:
            if scan.anchor is None:
                return None
            value, granularity = period_value(scan.anchor, unit, -1 if since else 0)
            return resolved_date(value, granularity, "relative", mod)

        yield Candidate(m.start(), m.end(), 2, resolve)


_RELATIVE_PERIOD = compile_pattern(
    rf"(?:(?P<mod>early|earlier|late|later|mid|mid-|{EDGE_OF}"
    r"|the\s+rest\s+of|the\s+remainder\s+of)\s*)?"
    r"(?P<rel>this|last|next|the\s+past|the\s+last|the\s+coming|the\s+next|the\s+current"
    r"|the\s+previous|the\s+prior|the\s+following|the\s+same|that|past|previous)\s+"
    r"(?P<u>week(?:end)?|month|year|decade|century)(?![a-z-]|['’](?!s\b))"
)


def rule_relative_periods(scan: Scan) -> Iterator[Candidate]:
    for m in _RELATIVE_PERIOD.finditer(scan.text):
        rel = " ".join(m["rel"].lower().split())
        unit = m["u"].lower()
        after = scan.text[m.end() : m.end() + 20]
        if re.match(r"\s*(?:or\s+so\s+)?(?:ago|earlier|before|later)\b", after):
            continue
        if rel in ("that", "the same", "the following", "the previous", "the prior"):
            anchored_to_reference = True
        else:
            anchored_to_reference = False
        if rel == "that" and unit == "weekend":
            continue
        if m["u"][0].isupper():
            continue  # "This Week", a programme
        delta = {
            "this": 0,
            "the current": 0,
            "the same": 0,
            "that": 0,
            "last": -1,
            "past": -1,
            "previous": -1,
            "the past": -1,
            "the last": -1,
            "the previous": -1,
            "the prior": -1,
            "next": 1,
            "the next": 1,
            "the coming": 1,
            "the following": 1,
        }[rel]
        mod = mod_of(m["mod"])
        if unit == "weekend" and rel == "this" and scan.anchor and scan.anchor.weekday() >= 5:
            delta = 0

        def resolve(
            unit: str = unit,
            delta: int = delta,
            mod: str | None = mod,
            ref: bool = anchored_to_reference,
            rel: str = rel,
            s: int = m.start(),
        ) -> Resolved | None:
            if ref:
                found = scan.reference_day(s)
                if found is None:
                    return None
                day = found[0]
            else:
                if scan.anchor is None:
                    return None
                day = scan.anchor
            value, granularity = period_value(day, unit, delta)
            range_start = range_end = None
            if rel in ("the past", "the last") and scan.anchor is not None and not ref:
                # "the past year" reaches back from the anchor: the period before it, as a range;
                # "the past decade" is a span of ten years, not the 2010s.
                range_end = scan.anchor.isoformat()
                start = shift_by_unit(scan.anchor, -1, unit.removesuffix("end"))
                range_start = start.isoformat() if start else None
                if unit in ("decade", "century"):
                    return resolved_duration(
                        duration_value(1, unit),
                        "relative",
                        range_start=range_start,
                        range_end=range_end,
                    )
            return resolved_date(
                value,
                granularity,
                "relative",
                mod,
                range_start=range_start,
                range_end=range_end,
            )

        yield Candidate(m.start(), m.end(), 2, resolve)


_IN_THE_PERIOD = compile_pattern(
    r"(?P<mod>earlier|later|early|late)\s+(?:in\s+)?(?:the|that)\s+(?P<u>week|month|year|day)"
    r"(?![a-z'’-])"
)


def rule_earlier_in_the_period(scan: Scan) -> Iterator[Candidate]:
    for m in _IN_THE_PERIOD.finditer(scan.text):
        unit = m["u"].lower()
        mod = mod_of(m["mod"])
        that = " that " in f" {m.group(0).lower()} "

        def resolve(
            unit: str = unit, mod: str | None = mod, that: bool = that, s: int = m.start()
        ) -> Resolved | None:
            # "earlier that day" counts from the day last mentioned, "later this week" from now.
            if that:
                found = scan.reference_day(s)
                day = found[0] if found else None
            else:
                day = scan.anchor
            if day is None:
                return None
            if unit == "day":
                return resolved_date(iso_day(day), "day", "relative", mod)
            value, granularity = period_value(day, unit, 0)
            return resolved_date(value, granularity, "relative", mod)

        yield Candidate(m.start(), m.end(), 2, resolve)


_WEEKEND = compile_pattern(r"(?P<the>the|this|last|next)\s+weekend(?![a-z])")


def rule_weekend(scan: Scan) -> Iterator[Candidate]:
    for m in _WEEKEND.finditer(scan.text):
        rel = m["the"].lower()
        if rel == "the" and scan.prev_word(m.start()) not in (
            "over",
            "during",
            "on",
            "at",
            "for",
            "this",
        ):
            continue

        def resolve(rel: str = rel, s: int = m.start(), e: int = m.end()) -> Resolved | None:
            anchor = scan.anchor
            if anchor is None:
                return None
            if rel == "last":
                day = anchor - dt.timedelta(days=anchor.weekday() + 2)
            elif rel == "next":
                day = anchor + dt.timedelta(days=7)
            elif rel == "the" and scan.tense(s, e) == "past" and anchor.weekday() < 5:
                day = anchor - dt.timedelta(days=anchor.weekday() + 2)
            else:
                day = anchor
            return resolved_date(iso_week(day) + "-WE", "week", "relative")

        yield Candidate(m.start(), m.end(), 1, resolve)


_REFERENCE_DAY = compile_pattern(
    r"(?:the\s+(?P<rel>next|following|previous|prior|same)\s+(?P<u>day|morning|afternoon|evening"
    r"|night)|(?P<that>that|the\s+same)\s+(?P<u2>day|morning|afternoon|evening|night)"
    r"|the\s+day\s+(?P<ba>before|after)(?=\s*[,.;:!?)]))(?![a-z])"
)


def rule_reference_days(scan: Scan) -> Iterator[Candidate]:
    for m in _REFERENCE_DAY.finditer(scan.text):
        if m["rel"]:
            delta = {"next": 1, "following": 1, "previous": -1, "prior": -1, "same": 0}[
                m["rel"].lower()
            ]
            unit = m["u"].lower()
        elif m["that"]:
            delta, unit = 0, m["u2"].lower()
        else:
            delta, unit = (-1 if m["ba"].lower() == "before" else 1), "day"
        part = PARTS_OF_DAY.get(unit)

        def resolve(
            delta: int = delta, part: str | None = part, s: int = m.start()
        ) -> Resolved | None:
            found = scan.reference_day(s)
            if found is None:
                return None
            day, granularity = found
            if granularity not in ("day", "time"):
                return None
            value = iso_day(day + dt.timedelta(days=delta))
            if part:
                return resolved_time(f"{value}T{part}")
            return resolved_date(value, "day", "relative")

        yield Candidate(m.start(), m.end(), 2, resolve)
