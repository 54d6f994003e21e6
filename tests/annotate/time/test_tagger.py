"""The tagger's own steps: which rules run, how overlapping candidates are settled."""

from __future__ import annotations

import datetime as dt
import inspect

from newsprism.annotate.time import (
    dates,
    days,
    durations,
    find_times,
    periods,
    references,
    relative,
    years,
)
from newsprism.annotate.time.records import Candidate, const, resolved_date
from newsprism.annotate.time.tagger import RULES, _settle_overlaps


def candidate(start: int, end: int, rank: int, value: str) -> Candidate:
    return Candidate(start, end, rank, const(resolved_date(value, "day", "explicit")))


def test_every_rule_of_every_family_runs_once() -> None:
    written = {
        func
        for module in (dates, years, periods, days, relative, durations, references)
        for name, func in inspect.getmembers(module, inspect.isfunction)
        if name.startswith("rule_") and func.__module__ == module.__name__
    }
    assert len(RULES) == len(set(RULES)) == 35
    assert set(RULES) == written


def test_the_longest_candidate_wins_an_overlap() -> None:
    kept = _settle_overlaps([candidate(0, 5, 0, "short"), candidate(0, 9, 5, "long")])
    assert [c.resolve() for c in kept] == [resolved_date("long", "day", "explicit")]


def test_of_equal_lengths_the_lower_rank_wins_and_order_breaks_a_full_tie() -> None:
    kept = _settle_overlaps(
        [candidate(2, 6, 3, "ranked 3"), candidate(2, 6, 1, "first"), candidate(2, 6, 1, "second")]
    )
    assert [c.resolve() for c in kept] == [resolved_date("first", "day", "explicit")]


def test_kept_candidates_come_in_text_order_and_empty_ones_are_dropped() -> None:
    kept = _settle_overlaps(
        [candidate(10, 12, 0, "b"), candidate(0, 3, 0, "a"), candidate(5, 5, 0, "")]
    )
    assert [(c.start, c.end) for c in kept] == [(0, 3), (10, 12)]


def test_a_reading_that_fails_leaves_the_span_untagged() -> None:
    # "yesterday" is proposed either way; without an anchor its reading fails and it is dropped.
    assert find_times("It rained yesterday.", None) == ()
    assert [e.value for e in find_times("It rained yesterday.", dt.date(2025, 5, 16))] == [
        "2025-05-15"
    ]
