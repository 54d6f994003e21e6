"""Rules for calendar dates written with a month or in digits.

Covers "2025-05-15", "5/15/2025", "May 15", "15 May 2025", "Thursday, May 15", "May 2022",
"March of next year", a month alone ("in March", "last May"), the days of "15-17 May" and the
first month of "March and April 2022".
Input: a `Scan` of the text. Output: `Candidate` spans with deferred readings; year-less dates
take their year from `Scan.pick_year` when they are read.
Known limits: numeric dates are read month first (US order) unless that is impossible; a bare
month name counts only when capitalised and cued ("May" and "March" are also words); a bare
abbreviation ("Jan") never does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import partial

from newsprism.annotate.time.calendar import iso_day, iso_month
from newsprism.annotate.time.context import Scan
from newsprism.annotate.time.records import Candidate, Resolved, const, resolved_date
from newsprism.annotate.time.vocabulary import (
    DAY,
    EDGE_OF,
    MONTH,
    WEEKDAY,
    YEAR,
    YEAR_OFFSETS,
    compile_pattern,
    mod_of,
    month_number,
    word_set,
)
from newsprism.model import DateKind

_ISO_DATE = re.compile(r"(?<![\d-])(?P<y>1\d{3}|20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])")
_MONTH_DAY = compile_pattern(
    rf"(?:(?P<wd>{WEEKDAY}),?\s+(?:the\s+)?)?(?P<m>{MONTH})\s+(?P<d>{DAY})"
    rf"(?:,?\s+(?P<y>{YEAR}))?"
)
_DAY_MONTH = compile_pattern(
    # "the" belongs to "the 15th of May", not to "the 15 May negotiations".
    rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+(?=\d+(?:st|nd|rd|th)))?(?P<d>{DAY})(?:\s+of)?\s+"
    rf"(?P<m>{MONTH})"
    rf"(?:,?\s+(?P<y>{YEAR}))?"
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?![\d/])"
)


def day_value(
    scan: Scan, year: int | None, month: int, day: int, start: int, end: int
) -> Resolved | None:
    """The day `day` of `month`; without a year, the one `Scan.pick_year` chooses for the clause
    at [start, end), or an XXXX placeholder when there is no anchor."""
    kind: DateKind = "explicit"
    if year is None:
        picked = scan.pick_year(month, day, start, end)
        if picked is None:
            try:
                dt.date(2000, month, day)
            except ValueError:
                return None
            return resolved_date(f"XXXX-{month:02d}-{day:02d}", "day", "relative")
        year, kind = picked
    try:
        return resolved_date(iso_day(dt.date(year, month, day)), "day", kind)
    except ValueError:
        return None


def _written_day(year: int, month: int, day: int) -> Resolved | None:
    """A day written out in full ("2025-05-15", "5/15/2025"), if the calendar has it."""
    try:
        return resolved_date(dt.date(year, month, day).isoformat(), "day", "explicit")
    except ValueError:
        return None


def rule_iso_dates(scan: Scan) -> Iterator[Candidate]:
    for m in _ISO_DATE.finditer(scan.text):
        year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
        yield Candidate(m.start(), m.end(), 0, partial(_written_day, year, month, day))


def rule_numeric_dates(scan: Scan) -> Iterator[Candidate]:
    # m/d/yyyy is the US press's order; d/m/yyyy is taken only where m/d is impossible.
    for m in _NUMERIC_DATE.finditer(scan.text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
        month, day = (a, b) if a <= 12 else (b, a)
        yield Candidate(m.start(), m.end(), 1, partial(_written_day, year, month, day))


def _calendar_day_candidates(scan: Scan, pattern: re.Pattern[str]) -> Iterator[Candidate]:
    for m in pattern.finditer(scan.text):
        month = month_number(m["m"])
        if month is None:
            continue
        day = int(re.sub(r"\D", "", m["d"]))
        year = int(m["y"]) if m["y"] else None
        start, end = m.start(), m.end()
        # "May 5%" or "5 May million" is a number after all.
        if re.match(
            r"\s*(?:%|percent|per\s+cent|million|billion|times)", scan.text[end : end + 12]
        ):
            continue

        def resolve(
            year: int | None = year,
            month: int = month,
            day: int = day,
            s: int = start,
            e: int = end,
        ) -> Resolved | None:
            return day_value(scan, year, month, day, s, e)

        yield Candidate(start, end, 0, resolve)


def rule_month_day(scan: Scan) -> Iterator[Candidate]:
    yield from _calendar_day_candidates(scan, _MONTH_DAY)


def rule_day_month(scan: Scan) -> Iterator[Candidate]:
    yield from _calendar_day_candidates(scan, _DAY_MONTH)


_DAY_RANGE_BEFORE_MONTH = compile_pattern(
    rf"(?P<d1>{DAY})\s*(?:[-–—]|and|to|or)\s*(?P<d2>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})"
    rf"(?:,?\s+(?P<y>{YEAR}))?"
)
_DAY_RANGE_AFTER_MONTH = compile_pattern(
    rf"(?P<m>{MONTH})\s+(?P<d1>{DAY})\s*(?:[-–—]|and|to|or)\s*(?P<d2>{DAY})"
    rf"(?:,?\s+(?P<y>{YEAR}))?"
)


def rule_day_ranges(scan: Scan) -> Iterator[Candidate]:
    """The bare day of "15-17 May" / "May 15-17": an expression of its own."""
    for pattern, first in ((_DAY_RANGE_BEFORE_MONTH, True), (_DAY_RANGE_AFTER_MONTH, False)):
        for m in pattern.finditer(scan.text):
            month = month_number(m["m"])
            if month is None:
                continue
            year = int(m["y"]) if m["y"] else None
            group = "d1" if first else "d2"
            day = int(re.sub(r"\D", "", m[group]))
            start, end = m.start(group), m.end(group)
            if not first and m["y"]:
                end = m.end("y")

            def resolve(
                year: int | None = year,
                month: int = month,
                day: int = day,
                s: int = m.start(),
                e: int = m.end(),
            ) -> Resolved | None:
                return day_value(scan, year, month, day, s, e)

            yield Candidate(start, end, 0, resolve)


# What may stand before a month's name ("early May", "the end of March").
_MONTH_MOD = rf"(?:(?P<mod>early|late|mid|mid-|{EDGE_OF})\s*)?"
_MONTH_YEAR = compile_pattern(rf"{_MONTH_MOD}(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})")


def rule_month_year(scan: Scan) -> Iterator[Candidate]:
    for m in _MONTH_YEAR.finditer(scan.text):
        month = month_number(m["m"])
        if month is None:
            continue
        value = iso_month(int(m["y"]), month)
        mod = mod_of(m["mod"])
        yield Candidate(
            m.start(), m.end(), 0, const(resolved_date(value, "month", "explicit", mod))
        )


_MONTH_RELATIVE_YEAR = compile_pattern(
    rf"(?P<m>{MONTH})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year(?![a-z'’])"
)


def rule_month_relative_year(scan: Scan) -> Iterator[Candidate]:
    for m in _MONTH_RELATIVE_YEAR.finditer(scan.text):
        month = month_number(m["m"])
        if month is None:
            continue
        offset = YEAR_OFFSETS[m["rel"].lower()]

        def resolve(month: int = month, offset: int = offset) -> Resolved | None:
            if scan.anchor is None:
                return None
            return resolved_date(iso_month(scan.anchor.year + offset, month), "month", "relative")

        yield Candidate(m.start(), m.end(), 0, resolve)


_MONTH_ALONE = compile_pattern(
    rf"{_MONTH_MOD}(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<m>{MONTH})(?!\.?\s*\d)"
)
# Words after which a capitalised month name is a month, even "May" or "March".
_MONTH_CUES = word_set(
    "in since by until till from through throughout to of during before after between and or "
    "early late mid last next this past coming end beginning start middle on into for around as"
)


def rule_month_alone(scan: Scan) -> Iterator[Candidate]:
    for m in _MONTH_ALONE.finditer(scan.text):
        month = month_number(m["m"])
        if month is None or not m["m"][0].isupper():
            continue
        token = m["m"].rstrip(".")
        start, end = m.start(), m.end()
        if m["mod"] is None and m["rel"] is None:
            # Abbreviations alone ("Jan", "Mar.") are too often something else.
            if len(token) <= 4 and token.lower() not in ("june", "july", "may"):
                continue
            prev = scan.prev_word(start)
            after = scan.text[end : end + 3]
            cued = prev in _MONTH_CUES or after.startswith(("'s", "’s"))
            if not cued and not scan.in_entity(start, end):
                # Without a cue, only months that are not also common words or names.
                if month in (3, 4, 5, 8) or re.match(r"\s+[A-Z][a-z]", after):
                    continue
                if prev == "" and month in (6, 7):
                    continue
        rel = m["rel"].lower() if m["rel"] else None
        mod = mod_of(m["mod"])

        def resolve(
            month: int = month,
            rel: str | None = rel,
            mod: str | None = mod,
            s: int = start,
            e: int = end,
        ) -> Resolved | None:
            anchor = scan.anchor
            if anchor is None:
                return resolved_date(f"XXXX-{month:02d}", "month", "relative", mod)
            if rel in ("last", "past"):
                year = anchor.year if month < anchor.month else anchor.year - 1
                return resolved_date(iso_month(year, month), "month", "relative", mod)
            if rel in ("next", "coming"):
                year = anchor.year if month > anchor.month else anchor.year + 1
                return resolved_date(iso_month(year, month), "month", "relative", mod)
            if rel == "this":
                return resolved_date(iso_month(anchor.year, month), "month", "relative", mod)
            picked = scan.pick_year(month, None, s, e)
            if picked is None:
                return None
            return resolved_date(iso_month(picked[0], month), "month", picked[1], mod)

        yield Candidate(start, end, 3, resolve)


_COORDINATED_MONTHS = compile_pattern(
    rf"(?P<m1>{MONTH})\s*(?:and|or|to|through|until|till|into|[-–—])\s*(?P<m2>{MONTH}),?\s+"
    rf"(?:of\s+)?(?P<y>{YEAR})"
)


def rule_coordinated_months(scan: Scan) -> Iterator[Candidate]:
    """ "March and April 2022": the first month borrows the year of the second."""
    for m in _COORDINATED_MONTHS.finditer(scan.text):
        first, second = month_number(m["m1"]), month_number(m["m2"])
        if first is None or second is None:
            continue
        year = int(m["y"])
        if first > second:  # "December and January 2023": December of the year before
            year -= 1
        value = iso_month(year, first)
        yield Candidate(
            m.start("m1"), m.end("m1"), 0, const(resolved_date(value, "month", "explicit"))
        )
