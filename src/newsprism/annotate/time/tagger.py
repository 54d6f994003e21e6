"""The time tagger: every rule proposes spans, overlaps are settled, the rest read in order.

Input: a text, its anchor date (or `None`) and optional (start, end, label) entity spans.
Output: `TimeExpression` records in text order.
Known limits: overlaps are settled by length and rule rank only, never by what the readings
say; a candidate whose reading fails (an impossible date, no anchor for "yesterday") leaves its
span untagged rather than giving it to a shorter rival.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence

from newsprism.annotate.time import dates, days, durations, periods, references, relative, years
from newsprism.annotate.time.context import Scan
from newsprism.annotate.time.records import Candidate, TimeExpression

Rule = Callable[[Scan], Iterator[Candidate]]

# Every rule, in the order its candidates are proposed. The order is part of the behaviour:
# of two overlapping candidates with the same length, rank and start, the earlier rule's wins.
RULES: tuple[Rule, ...] = (
    dates.rule_iso_dates,
    dates.rule_numeric_dates,
    dates.rule_month_day,
    dates.rule_day_month,
    dates.rule_day_ranges,
    dates.rule_month_year,
    dates.rule_month_relative_year,
    dates.rule_month_alone,
    dates.rule_coordinated_months,
    years.rule_years,
    years.rule_years_with_modifier,
    years.rule_decades,
    years.rule_centuries,
    periods.rule_seasons,
    periods.rule_ordinal_quarters,
    periods.rule_deictic_quarters,
    periods.rule_halves,
    days.rule_deictic_days,
    days.rule_last_night,
    days.rule_weekdays,
    days.rule_holidays,
    days.rule_clock_times,
    relative.rule_the_year,
    relative.rule_period_edges,
    years.rule_spelled_years,
    relative.rule_relative_periods,
    relative.rule_earlier_in_the_period,
    relative.rule_weekend,
    relative.rule_reference_days,
    durations.rule_ago,
    durations.rule_durations,
    durations.rule_adjectival_durations,
    durations.rule_vague_plurals,
    references.rule_sets,
    references.rule_references,
)


def find_times(
    text: str,
    anchor: dt.date | None,
    *,
    entities: Sequence[tuple[int, int, str]] = (),
) -> tuple[TimeExpression, ...]:
    """The time expressions of `text`, normalised relative to `anchor`, in text order.

    `entities` are optional (start, end, label) spans from an NER model; DATE and TIME spans
    let rules accept candidates whose context alone would be too weak.
    """
    scan = Scan(text, anchor, entities)
    candidates = [cand for rule in RULES for cand in rule(scan)]
    kept = _settle_overlaps(candidates)
    found: list[TimeExpression] = []
    for cand in kept:
        resolved = cand.resolve()
        if resolved is None:
            continue
        resolved = scan.add_since_range(cand.start, resolved)
        found.append(
            TimeExpression(
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                value=resolved.value,
                granularity=resolved.granularity,
                type=resolved.type,
                kind=resolved.kind,
                range_start=resolved.range_start,
                range_end=resolved.range_end,
                mod=resolved.mod,
            )
        )
        scan.remember(resolved, cand.end)
    return tuple(found)


def _settle_overlaps(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that do not overlap a longer (or, as long, better-ranked) one, in text
    order; empty spans are dropped."""
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        if cand.end <= cand.start:
            continue
        if all(cand.end <= k.start or k.end <= cand.start for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start)
