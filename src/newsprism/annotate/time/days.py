"""Rules for days named by their distance from today, weekdays, holidays and clock times.

Covers "yesterday", "tomorrow morning", "last night", "Thursday", "next Friday", "Thursday the
15th", "Christmas", "Easter week", "9 a.m. EST Tuesday", "14:30", "noon", "six o'clock".
Input: a `Scan` of the text. Output: `Candidate` spans whose readings need the anchor (deictic
days, weekdays) or the day the passage is about (clock times without a day).
Known limits: a weekday without "last/next" is placed by the clause tense, which nearby words
decide; holidays are a fixed Western/US list; time zones are matched but not converted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import partial

from newsprism.annotate.time.calendar import (
    holiday_date,
    iso_day,
    iso_week,
    shift_months,
    start_day,
)
from newsprism.annotate.time.context import TENSE_REACH_DAYS, Scan
from newsprism.annotate.time.dates import day_value
from newsprism.annotate.time.records import Candidate, Resolved, resolved_date, resolved_time
from newsprism.annotate.time.vocabulary import (
    DAY,
    DAY_OFFSETS,
    MONTH,
    NUMBER_WORD,
    PARTS_OF_DAY,
    TZ,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    compile_pattern,
    folded,
    mod_of,
    month_number,
    parse_number,
)
from newsprism.model import DateKind

_DEICTIC_DAY = compile_pattern(
    r"(?:(?P<mod>early|late|later|earlier)\s+)?(?P<w>the\s+day\s+before\s+yesterday"
    r"|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight)(?![a-z])"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
)


def rule_deictic_days(scan: Scan) -> Iterator[Candidate]:
    for m in _DEICTIC_DAY.finditer(scan.text):
        word = " ".join(m["w"].lower().split())
        offset = DAY_OFFSETS[word]
        part = PARTS_OF_DAY.get(m["part"].lower()) if m["part"] else None
        if word == "tonight":
            part = "NI"
        mod = mod_of(m["mod"])
        start = m.start()
        # "today's" figure is still today; "today" used for "nowadays" cannot be told apart.

        def resolve(
            offset: int = offset, part: str | None = part, mod: str | None = mod
        ) -> Resolved | None:
            if scan.anchor is None:
                return None
            day = iso_day(scan.anchor + dt.timedelta(days=offset))
            if part:
                return resolved_time(f"{day}T{part}")
            return resolved_date(day, "day", "relative", mod)

        yield Candidate(start, m.end(), 1, resolve)


_LAST_NIGHT = compile_pattern(
    r"(?P<rel>last|this)\s+(?P<part>night|morning|afternoon|evening)(?![a-z])"
)


def rule_last_night(scan: Scan) -> Iterator[Candidate]:
    for m in _LAST_NIGHT.finditer(scan.text):
        part = PARTS_OF_DAY[m["part"].lower()]
        offset = -1 if m["rel"].lower() == "last" else 0

        def resolve(part: str = part, offset: int = offset) -> Resolved | None:
            if scan.anchor is None:
                return None
            day = iso_day(scan.anchor + dt.timedelta(days=offset))
            return resolved_time(f"{day}T{part}")

        yield Candidate(m.start(), m.end(), 1, resolve)


_WEEKDAY_EXPR = compile_pattern(
    r"(?:(?P<mod>early|late)\s+)?(?:(?P<rel>last|next|this|this\s+past|this\s+coming|past|coming)"
    rf"\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<part>morning|afternoon|evening|night))?"
    r"(?:,?\s+(?P<the>the\s+)?(?P<d>(?:[12]\d|3[01]|0?[1-9]))(?:st|nd|rd|th)(?![\w%]))?"
)


def _weekday_date(
    scan: Scan, weekday: int, rel: str | None, start: int, end: int
) -> dt.date | None:
    anchor = scan.anchor
    if anchor is None:
        return None
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if rel in ("last", "past", "this past"):
        return anchor - dt.timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming"):
        return anchor + dt.timedelta(days=ahead or 7)
    if rel == "this":
        return anchor + dt.timedelta(days=weekday - anchor.weekday())
    if scan.tense(start, end) == "future":
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def rule_weekdays(scan: Scan) -> Iterator[Candidate]:
    for m in _WEEKDAY_EXPR.finditer(scan.text):
        if not m["wd"][0].isupper():
            continue
        weekday = WEEKDAYS[m["wd"].lower()]
        rel = folded(m["rel"])
        part = PARTS_OF_DAY.get(m["part"].lower()) if m["part"] else None
        mod = mod_of(m["mod"])
        end = m.end()
        day_of_month = int(m["d"]) if m["d"] else None

        def resolve(
            weekday: int = weekday,
            rel: str | None = rel,
            part: str | None = part,
            mod: str | None = mod,
            dom: int | None = day_of_month,
            s: int = m.start(),
            e: int = end,
        ) -> Resolved | None:
            day = _weekday_date(scan, weekday, rel, s, e)
            if dom is not None and scan.anchor is not None:
                # "Thursday the 15th": the nearest month with that weekday on that day.
                day = _weekday_on_day(scan.anchor, weekday, dom) or day
            if day is None:
                value = f"XXXX-WXX-{weekday + 1}"
                return resolved_date(value + (f"T{part}" if part else ""), "day", "relative", mod)
            if part:
                return resolved_time(f"{iso_day(day)}T{part}")
            return resolved_date(iso_day(day), "day", "relative", mod)

        yield Candidate(m.start(), end, 1, resolve)


def _weekday_on_day(anchor: dt.date, weekday: int, day: int) -> dt.date | None:
    best: dt.date | None = None
    for delta in range(-6, 7):
        year, month = shift_months(anchor.year, anchor.month, delta)
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday and (
            best is None or abs((candidate - anchor).days) < abs((best - anchor).days)
        ):
            best = candidate
    return best


_HOLIDAY = compile_pattern(
    r"(?:(?P<rel>last|next|this)\s+)?(?P<h>New\s+Year['’]s\s+(?:Day|Eve)|Valentine['’]s\s+Day"
    r"|Christmas\s+(?:Day|Eve)|Christmas|Boxing\s+Day|Halloween"
    r"|Bastille\s+Day|Victory\s+Day|May\s+Day|Veterans\s+Day|Armistice\s+Day|Easter\s+Sunday"
    r"|Easter\s+Monday|Easter|Good\s+Friday|Thanksgiving(?:\s+Day)?|Labor\s+Day|Memorial\s+Day)"
    rf"(?![a-z])(?:,?\s+(?P<y>{YEAR}))?"
)


def rule_holidays(scan: Scan) -> Iterator[Candidate]:
    for m in _HOLIDAY.finditer(scan.text):
        name = " ".join(m["h"].split())
        if not name[0].isupper():
            continue
        # "Easter week": the (ISO, Monday-to-Sunday) week that ends on Easter Sunday.
        week = re.match(r"\s+week(?![a-z])", scan.text[m.end() :])
        rel = m["rel"].lower() if m["rel"] else None
        year = int(m["y"]) if m["y"] else None
        end = m.end() + (week.end() if week and not year else 0)

        def resolve(
            name: str = name,
            rel: str | None = rel,
            year: int | None = year,
            as_week: bool = bool(week and not year),
            s: int = m.start(),
            e: int = end,
        ) -> Resolved | None:
            kind: DateKind = "explicit"
            if year is None:
                anchor = scan.anchor
                if anchor is None:
                    return None
                options = [
                    d
                    for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                    if (d := holiday_date(name, y)) is not None
                ]
                if rel == "last":
                    options = [d for d in options if d < anchor]
                    day = max(options)
                elif rel == "next":
                    options = [d for d in options if d > anchor]
                    day = min(options)
                else:
                    # As for other year-less dates: the tense's side when it is within reach.
                    tense = scan.tense(s, e)
                    side = [
                        d
                        for d in options
                        if (tense == "past" and d <= anchor) or (tense == "future" and d >= anchor)
                    ]
                    side = [d for d in side if (anchor - d).days <= TENSE_REACH_DAYS]
                    pool = side or options
                    day = min(pool, key=lambda d: (abs((d - anchor).days), d > anchor))
                kind = "relative" if rel else "inferred"
            else:
                found = holiday_date(name, year)
                if found is None:
                    return None
                day = found
            if as_week:
                return resolved_date(iso_week(day), "week", kind)
            return resolved_date(iso_day(day), "day", kind)

        yield Candidate(m.start(), end, 1, resolve)


# A day named right after a clock time belongs to it: "9 a.m. EST Tuesday", "noon Saturday",
# "5 p.m. EST, Nov. 6".
_CLOCK_DAY = (
    r"(?:,?\s+(?:on\s+)?(?P<dw>today|yesterday|tomorrow|tonight|"
    + WEEKDAY
    + rf"|(?P<dm>{MONTH})\s+(?P<dd>{DAY})|(?P<dd2>{DAY})\s+(?P<dm2>{MONTH})))?"
)
_CLOCK = compile_pattern(
    r"(?<![\d.:])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am|pm)"
    rf"(?![a-z])(?:\s+(?P<tz>{TZ}))?" + _CLOCK_DAY
)
_CLOCK_24 = compile_pattern(
    r"\b(?:at|by|around|about|before|after|until|from|till)\s+(?P<h>[01]?\d|2[0-3])"
    rf":(?P<min>[0-5]\d)(?![\d:.]\d)(?:\s*(?:hours|hrs|h)\b)?(?:\s+(?P<tz>{TZ}))?" + _CLOCK_DAY
)
_CLOCK_WORDS = compile_pattern(
    r"(?:(?P<w>noon|midday|midnight)(?![a-z])|(?P<h>\d{1,2}|" + NUMBER_WORD + r")\s+"
    r"(?:o['’]clock|in\s+the\s+(?P<part>morning|afternoon|evening)))" + _CLOCK_DAY
)


def _time_value(scan: Scan, hour: int, minute: int, m: re.Match[str]) -> Resolved | None:
    """A clock time on the day named with it, else on the day the passage is about."""
    day: dt.date | None = None
    if m["dm"] or m["dm2"]:
        month = month_number(m["dm"] or m["dm2"])
        if month is not None:
            day_number = int(re.sub(r"\D", "", m["dd"] or m["dd2"]))
            found = day_value(scan, None, month, day_number, m.start(), m.end())
            day = start_day(found.value) if found else None
    elif m["dw"]:
        word = m["dw"].lower()
        if word in WEEKDAYS:
            day = _weekday_date(scan, WEEKDAYS[word], None, m.start(), m.end())
        elif scan.anchor is not None:
            day = scan.anchor + dt.timedelta(days=DAY_OFFSETS[word])
    else:
        # "was shot at 10 p.m.": the day the text was just talking about, if it named one.
        found_day = scan.reference_day(m.start(), window=200)
        day = found_day[0] if found_day and found_day[1] in ("day", "time") else scan.anchor
    clock = f"T{hour:02d}:{minute:02d}"
    if day is None:
        return resolved_time(clock)
    return resolved_time(iso_day(day) + clock)


def rule_clock_times(scan: Scan) -> Iterator[Candidate]:
    for m in _CLOCK.finditer(scan.text):
        hour = int(m["h"])
        if hour > 12 or hour == 0:
            continue
        minute = int(m["min"]) if m["min"] else 0
        if m["ap"].lower().startswith("p") and hour != 12:
            hour += 12
        elif m["ap"].lower().startswith("a") and hour == 12:
            hour = 0
        if (
            m["ap"].lower() == "am"
            and scan.text[m.start("ap") - 1 : m.start("ap")] == " "
            and not m["min"]
            and scan.prev_word(m.start()) not in ("at", "by", "from", "until")
        ):
            continue  # "I am": "am" after a bare number needs a clock-like context
        yield Candidate(m.start(), m.end(), 0, partial(_time_value, scan, hour, minute, m))
    for m in _CLOCK_24.finditer(scan.text):
        hour, minute = int(m["h"]), int(m["min"])
        yield Candidate(m.start("h"), m.end(), 1, partial(_time_value, scan, hour, minute, m))
    for m in _CLOCK_WORDS.finditer(scan.text):
        if m["w"]:
            if m["w"][0].isupper() and not scan.text[: m.start()].rstrip().endswith((".", "\n")):
                continue  # "High Noon"
            hour = {"noon": 12, "midday": 12, "midnight": 0}[m["w"].lower()]
        else:
            number = parse_number(m["h"])
            if number is None or not 1 <= number <= 12 or not number.is_integer():
                continue
            hour = int(number)
            if m["part"] and m["part"].lower() in ("afternoon", "evening") and hour != 12:
                hour += 12
        yield Candidate(m.start(), m.end(), 1, partial(_time_value, scan, hour, 0, m))
