"""The time tagger's records: one constructor per TIMEX3 type and the shared DateValue view."""

from __future__ import annotations

from newsprism.annotate.time import TimeExpression
from newsprism.annotate.time.records import (
    Resolved,
    resolved_date,
    resolved_duration,
    resolved_set,
    resolved_time,
)
from newsprism.model import DateValue


def test_each_constructor_sets_its_timex_type() -> None:
    assert resolved_time("2025-05-15TNI") == Resolved(
        value="2025-05-15TNI", granularity="time", type="TIME", kind="relative"
    )
    assert resolved_set("P1D") == Resolved(
        value="P1D", granularity="set", type="SET", kind="explicit"
    )
    assert resolved_duration("P3M", "relative", range_start="2025-02-16") == Resolved(
        value="P3M",
        granularity="duration",
        type="DURATION",
        kind="relative",
        range_start="2025-02-16",
    )
    assert resolved_date("2025-W20-WE", "week", "relative").type == "DATE"


def expression(value: str, granularity: str) -> TimeExpression:
    return TimeExpression(
        start=0,
        end=3,
        text="May",
        value=value,
        granularity=granularity,  # type: ignore[arg-type]
        type="DATE",
        kind="inferred",
    )


def test_as_date_value_only_for_calendar_granularities_with_a_known_year() -> None:
    assert expression("2025-05", "month").as_date_value() == DateValue(
        value="2025-05", granularity="month", kind="inferred"
    )
    assert expression("XXXX-05", "month").as_date_value() is None
    assert expression("2025-W20", "week").as_date_value() is None
