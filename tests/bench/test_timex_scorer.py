"""The TimeML reader and scorer of bench/timex.py, on a small hand-made document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from newsprism.annotate.time import TimeExpression
from support import load_bench

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22,
2013</TIMEX3></DCT>
<TEXT>The vote came <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3>, \
<EVENT eid="e1">about</EVENT> <TIMEX3 tid="t2" type="DURATION" value="P1M">a month</TIMEX3> \
early, in <TIMEX3 tid="t3" type="DATE" value="2013-W11">the last week</TIMEX3>.</TEXT>
</TimeML>
"""


bench = load_bench("timex")


def _expr(text: str, start: int, end: int, value: str, type_: str = "DATE") -> TimeExpression:
    return TimeExpression(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        granularity="day",
        type=type_,  # type: ignore[arg-type]
        kind="relative",
    )


def test_read_tml_strips_tags_and_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "x.tml"
    path.write_text(TML, encoding="utf-8")
    doc = bench.read_tml(path)
    assert doc.anchor == dt.date(2013, 3, 22)
    assert doc.text == "The vote came Thursday, about a month early, in the last week."
    assert [(doc.text[g.start : g.end], g.value, g.type) for g in doc.gold] == [
        ("Thursday", "2013-03-21", "DATE"),
        ("a month", "P1M", "DURATION"),
        ("the last week", "2013-W11", "DATE"),
    ]


def test_scores_strict_relaxed_value_and_type(tmp_path: Path) -> None:
    path = tmp_path / "x.tml"
    path.write_text(TML, encoding="utf-8")
    doc = bench.read_tml(path)
    text = doc.text
    thursday = text.index("Thursday")
    month = text.index("about a month")
    week = text.index("last week")
    predicted = [
        _expr(text, thursday, thursday + len("Thursday"), "2013-03-21"),  # exact, right value
        _expr(text, month, month + len("about a month"), "P1M", "DURATION"),  # overlap only
        _expr(text, week, week + len("last week"), "2013-W12"),  # overlap, wrong value
        _expr(text, 0, 3, "PRESENT_REF"),  # no gold at all
    ]
    tally = bench.score_document(text, doc.gold, predicted)
    assert (tally.gold, tally.predicted) == (3, 4)
    assert (tally.strict, tally.relaxed, tally.value, tally.type) == (1, 3, 2, 3)
    metrics = bench.metrics(tally)
    assert metrics["strict_f1"] == round(100 * 2 * 1 / 7, 1)
    assert metrics["relaxed_f1"] == round(100 * 2 * 3 / 7, 1)
    assert metrics["value_f1"] == round(100 * 2 * 2 / 7, 1)


def test_equivalent_timex_spellings() -> None:
    assert bench.canonical_value("2000-W8") == bench.canonical_value("2000-W08")
    assert bench.canonical_value("199X") == "199"
    assert bench.canonical_value("1998-XX") == "1998-XX"
