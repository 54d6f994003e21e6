"""The word readers of the time tagger: numbers, month names, unit words and modifiers."""

from __future__ import annotations

import pytest

from newsprism.annotate.time.vocabulary import (
    compile_pattern,
    folded,
    mod_of,
    month_number,
    parse_number,
    unit_key,
)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("three", 3.0),
        ("Twenty-five", 25.0),
        ("a dozen", 12.0),
        ("two and a half", 2.5),
        ("3 1/2", 3.5),
        ("1,200", 1200.0),
        ("a", 1.0),
        ("half an", 0.5),
        ("a couple of", 2.0),
        ("several", None),
        ("a few", None),
    ],
)
def test_parse_number(phrase: str, expected: float | None) -> None:
    assert parse_number(phrase) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [("May", 5), ("Sept.", 9), ("Dec", 12), ("may", None), ("Mayor", None), ("", None)],
)
def test_month_number_needs_a_capitalised_month(token: str, expected: int | None) -> None:
    assert month_number(token) == expected


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("Weeks", "week"), ("centuries", "century"), ("hrs", "hr"), ("days", "day"), ("year", "year")],
)
def test_unit_key(unit: str, expected: str) -> None:
    assert unit_key(unit) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("early", "START"),
        ("the  beginning of", "START"),
        ("Late", "END"),
        ("the end of", "END"),
        ("mid-", "MID"),
        ("more than", "MORE_THAN"),
        ("about", "APPROX"),
        ("at most", "EQUAL_OR_LESS"),
        ("whatever", None),
        (None, None),
    ],
)
def test_mod_of(word: str | None, expected: str | None) -> None:
    assert mod_of(word) == expected


def test_folded_lowers_and_collapses_spaces() -> None:
    assert folded("This \n Past") == "this past"
    assert folded(None) is None


def test_compiled_patterns_start_at_a_word_boundary() -> None:
    pattern = compile_pattern("now")
    assert pattern.search("I know") is None
    match = pattern.search("right NOW")
    assert match is not None and match.span() == (6, 9)
    day = compile_pattern(r"\d+-day")
    assert day.search("a 1,000-day plan") is None  # not "000-day"
