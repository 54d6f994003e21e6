"""Calendar arithmetic and TIMEX3 value writing for the time rules.

Input: `datetime.date` values, unit words ("week", "decades") and amounts.
Output: ISO/TIMEX3 value strings ("2025-05-15", "2025-W20", "2025-Q2", "2022-SP", "199",
"P1Y6M") and shifted dates; `start_day` reads a DATE value back to the day it starts on.
Known limits: Gregorian calendar only; months are shifted by calendar month with the day clipped
to the month's end ("a month before 31 March" is 28 or 29 February); halves of a unit are written
in the next smaller unit (ISO 8601 has no fractional parts here); moveable holidays are the
Western/US ones `holiday_date` lists.
"""

from __future__ import annotations

import datetime as dt
import re

from newsprism.annotate.time.records import TimeGranularity
from newsprism.annotate.time.vocabulary import (
    FIXED_HOLIDAYS,
    SEASON_START_MONTH,
    UNIT_FACTOR,
    UNITS,
    unit_key,
)


def iso_day(day: dt.date) -> str:
    return day.isoformat()


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def shift_day_months(day: dt.date, delta: int) -> dt.date:
    year, month = shift_months(day.year, day.month, delta)
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    return dt.date(year, month, 28)


def season_of(day: dt.date) -> tuple[int, str]:
    """The season `day` falls in, as (year it is named by, code)."""
    if day.month == 12:
        return day.year, "WI"
    if day.month <= 2:
        return day.year - 1, "WI"
    return day.year, ("SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA")[day.month - 3]


def season_bounds(year: int, code: str) -> tuple[dt.date, dt.date]:
    start = dt.date(year, SEASON_START_MONTH[code], 1)
    end_year, end_month = shift_months(year, SEASON_START_MONTH[code], 3)
    return start, dt.date(end_year, end_month, 1) - dt.timedelta(days=1)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The `nth` `weekday` of a month; `nth` = -1 is the last one."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    next_year, next_month = shift_months(year, month, 1)
    last = dt.date(next_year, next_month, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def holiday_date(name: str, year: int) -> dt.date | None:
    key = name.lower().replace("’", "'")
    if key in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[key]
        return dt.date(year, month, day)
    if key in ("easter", "easter sunday"):
        return _easter(year)
    if key == "good friday":
        return _easter(year) - dt.timedelta(days=2)
    if key == "easter monday":
        return _easter(year) + dt.timedelta(days=1)
    if key in ("thanksgiving", "thanksgiving day"):
        return _nth_weekday(year, 11, 3, 4)
    if key == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    if key == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    return None


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: "P3M", "PT2H", "P1Y6M", "PXY" for an unknown number of years."""
    key = unit_key(unit)
    letter, is_time, _ = UNITS[key]
    prefix = "PT" if is_time else "P"
    if amount is None:
        return prefix + "X" + ("DE" if key == "decade" else "CE" if "centur" in key else letter)
    amount *= UNIT_FACTOR.get(key, 1)
    whole = int(amount)
    fraction = amount - whole
    if fraction < 1e-9:
        return f"{prefix}{whole}{letter}"
    # Halves are written in the next smaller unit, as ISO 8601 has no fractional parts here.
    smaller = {
        "Y": ("M", 12, False),
        "Q": ("M", 3, False),
        "M": ("D", 30, False) if not is_time else ("S", 60, True),
        "W": ("D", 7, False),
        "D": ("H", 24, True),
        "H": ("M", 60, True),
        "S": ("S", 1, True),
    }[letter]
    small_letter, factor, small_is_time = smaller
    small = round(fraction * factor)
    head = f"{whole}{letter}" if whole else ""
    if small_is_time and not is_time:
        return f"P{head}T{small}{small_letter}"
    return f"{prefix}{head}{small}{small_letter}"


def period_value(day: dt.date, unit: str, delta: int) -> tuple[str, TimeGranularity]:
    if unit == "week":
        return iso_week(day + dt.timedelta(weeks=delta)), "week"
    if unit == "weekend":
        shifted = day + dt.timedelta(weeks=delta)
        return iso_week(shifted) + "-WE", "week"
    if unit == "month":
        year, month = shift_months(day.year, day.month, delta)
        return iso_month(year, month), "month"
    if unit == "year":
        return f"{day.year + delta:04d}", "year"
    if unit == "decade":
        return f"{day.year // 10 + delta:03d}", "decade"
    return f"{day.year // 100 + delta:02d}", "century"


def shift_by_unit(day: dt.date, amount: int, unit: str) -> dt.date | None:
    """The day `amount` units from `day`; None past the calendar ("125,000 years ago")."""
    key = unit_key(unit)
    amount *= UNIT_FACTOR.get(key, 1)
    letter = UNITS[key][0]
    try:
        if key in ("day",):
            return day + dt.timedelta(days=amount)
        if key in ("week", "fortnight"):
            return day + dt.timedelta(weeks=amount)
        if letter == "M" and not UNITS[key][1]:
            return shift_day_months(day, amount)
        if letter == "Q":
            return shift_day_months(day, 3 * amount)
        if letter == "Y":
            return shift_day_months(day, 12 * amount)
    except (ValueError, OverflowError):
        return None
    return day


def value_at(day: dt.date, granularity: TimeGranularity) -> str:
    if granularity == "week":
        return iso_week(day)
    if granularity == "month":
        return iso_month(day.year, day.month)
    if granularity == "quarter":
        return f"{day.year}-Q{quarter_of(day)}"
    if granularity == "season":
        year, code = season_of(day)
        return f"{year}-{code}"
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    return iso_day(day)


def start_day(value: str) -> dt.date | None:
    """The first day of the period a DATE value names, for reference-time arithmetic."""
    match = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4])|-W(\d\d)|-(SP|SU|FA|WI))?", value)
    if not match or value.startswith("P"):
        return None
    year = int(match.group(1))
    try:
        if match.group(3):
            return dt.date(year, int(match.group(2)), int(match.group(3)))
        if match.group(2):
            return dt.date(year, int(match.group(2)), 1)
        if match.group(4):
            return dt.date(year, 3 * int(match.group(4)) - 2, 1)
        if match.group(5):
            return dt.date.fromisocalendar(year, int(match.group(5)), 1)
        if match.group(6):
            return dt.date(year, SEASON_START_MONTH[match.group(6)], 1)
        return dt.date(year, 1, 1)
    except ValueError:
        return None
