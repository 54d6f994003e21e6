"""Calendar arithmetic and TIMEX3 value writing of the time tagger, on hand-picked dates."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.annotate.time.calendar import (
    duration_value,
    holiday_date,
    iso_week,
    period_value,
    season_bounds,
    shift_by_unit,
    start_day,
    value_at,
)

FRIDAY = dt.date(2025, 5, 16)  # ISO week 20 of 2025


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("Easter", 2025, dt.date(2025, 4, 20)),
        ("Good Friday", 2024, dt.date(2024, 3, 29)),
        ("Easter Monday", 2024, dt.date(2024, 4, 1)),
        ("Thanksgiving", 2025, dt.date(2025, 11, 27)),  # fourth Thursday of November
        ("Labor Day", 2025, dt.date(2025, 9, 1)),  # first Monday of September
        ("Memorial Day", 2025, dt.date(2025, 5, 26)),  # last Monday of May
        ("New Year’s Day", 2026, dt.date(2026, 1, 1)),  # a typographic apostrophe
        ("Christmas Eve", 2025, dt.date(2025, 12, 24)),
        ("Arbor Day", 2025, None),
    ],
)
def test_holiday_dates(name: str, year: int, expected: dt.date | None) -> None:
    assert holiday_date(name, year) == expected


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (3, "months", "P3M"),
        (2, "hours", "PT2H"),
        (2, "decades", "P20Y"),
        (1, "fortnight", "P2W"),
        (1.5, "years", "P1Y6M"),
        (0.5, "day", "PT12H"),
        (1.5, "days", "P1DT12H"),
        (2.5, "hours", "PT2H30M"),
        (None, "years", "PXY"),
        (None, "minutes", "PTXM"),
        (None, "decades", "PXDE"),
        (None, "centuries", "PXCE"),
    ],
)
def test_duration_values(amount: float | None, unit: str, expected: str) -> None:
    assert duration_value(amount, unit) == expected


def test_shifting_by_months_clips_to_the_end_of_the_month() -> None:
    assert shift_by_unit(dt.date(2025, 3, 31), -1, "month") == dt.date(2025, 2, 28)
    assert shift_by_unit(dt.date(2024, 2, 29), 1, "year") == dt.date(2025, 2, 28)


def test_shifting_by_weeks_decades_and_quarters() -> None:
    assert shift_by_unit(FRIDAY, -2, "weeks") == dt.date(2025, 5, 2)
    assert shift_by_unit(FRIDAY, 1, "decade") == dt.date(2035, 5, 16)
    assert shift_by_unit(FRIDAY, -1, "quarter") == dt.date(2025, 2, 16)


def test_shifting_past_the_calendar_gives_none() -> None:
    assert shift_by_unit(FRIDAY, -125_000, "years") is None


@pytest.mark.parametrize(
    ("granularity", "expected"),
    [
        ("day", "2025-05-16"),
        ("week", "2025-W20"),
        ("month", "2025-05"),
        ("quarter", "2025-Q2"),
        ("season", "2025-SP"),
        ("year", "2025"),
        ("decade", "202"),
        ("century", "20"),
    ],
)
def test_value_at_each_granularity(granularity: str, expected: str) -> None:
    assert value_at(FRIDAY, granularity) == expected  # type: ignore[arg-type]


def test_january_is_in_the_winter_named_by_the_year_before() -> None:
    assert value_at(dt.date(2025, 1, 10), "season") == "2024-WI"
    assert season_bounds(2024, "WI") == (dt.date(2024, 12, 1), dt.date(2025, 2, 28))


def test_iso_week_of_a_late_december_day_belongs_to_the_next_year() -> None:
    assert iso_week(dt.date(2024, 12, 30)) == "2025-W01"


@pytest.mark.parametrize(
    ("unit", "delta", "expected"),
    [
        ("week", 1, ("2025-W21", "week")),
        ("weekend", 0, ("2025-W20-WE", "week")),
        ("month", -1, ("2025-04", "month")),
        ("year", -1, ("2024", "year")),
        ("decade", -1, ("201", "decade")),
        ("century", 0, ("20", "century")),
    ],
)
def test_period_values(unit: str, delta: int, expected: tuple[str, str]) -> None:
    assert period_value(FRIDAY, unit, delta) == expected


def test_period_value_of_the_month_before_january() -> None:
    assert period_value(dt.date(2025, 1, 10), "month", -1) == ("2024-12", "month")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-15", dt.date(2025, 5, 15)),
        ("2025-05", dt.date(2025, 5, 1)),
        ("2025-Q3", dt.date(2025, 7, 1)),
        ("2025-W20", dt.date(2025, 5, 12)),
        ("2022-SU", dt.date(2022, 6, 1)),
        ("2025", dt.date(2025, 1, 1)),
        ("2025-02-30", None),  # no such day
        ("199", None),  # a decade has no first day here
        ("P3M", None),
        ("PRESENT_REF", None),
    ],
)
def test_start_day_of_a_value(value: str, expected: dt.date | None) -> None:
    assert start_day(value) == expected
