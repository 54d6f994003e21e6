"""The merged timeline on hand-built articles: one entry per event across outlets, the finer
date kept, "since" bounds left out, and differently dated reports of one event shown as a
conflict with both sides."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.compose.timeline import build_timeline, calendar_value, date_range
from newsprism.model import Annotation, Article, DateValue, Span, Story, TimeMention
from support import WordEncoder


def _article(key: str, source: str, text: str, day: str = "2025-09-12") -> Article:
    return Article(
        id=key,
        text=text,
        source=source,
        published=DateValue(value=day, granularity="day", kind="explicit"),
    )


def _annotation(article: Article, *dated: tuple[str, str, str]) -> Annotation:
    """Sentences split at ". "; each (words, value, granularity) a time mention of them."""
    sentences, start = [], 0
    for piece in article.text.split(". "):
        end = start + len(piece) + (1 if start + len(piece) < len(article.text) else 0)
        sentences.append(Span(article_id=article.id, start=start, end=min(end, len(article.text))))
        start += len(piece) + 2
    times = []
    for words, value, granularity in dated:
        at = article.text.index(words)
        times.append(
            TimeMention(
                span=article.span(at, at + len(words)),
                text=words,
                value=value,
                granularity=granularity,
                type="DATE",
                kind="explicit",
            )
        )
    return Annotation(
        article_id=article.id, sentences=tuple(sentences), mentions=(), times=tuple(times)
    )


def _timeline(*pairs: tuple[Article, Annotation]) -> tuple:
    articles = [a for a, _ in pairs]
    story = Story(id="s", article_ids=tuple(a.id for a in articles))
    return build_timeline(story, articles, [n for _, n in pairs], WordEncoder())


def test_one_event_from_two_outlets_is_one_entry_in_date_order() -> None:
    a = _article(
        "a",
        "Herald",
        "The delegations signed the detainee agreement on 11 September in Geneva. The war began in March 2021 with a blockade of the harbour",
    )
    b = _article(
        "b", "Wire", "The two delegations signed the detainee agreement in Geneva on 11 September"
    )
    timeline = _timeline(
        (
            a,
            _annotation(
                a, ("11 September", "2025-09-11", "day"), ("March 2021", "2021-03", "month")
            ),
        ),
        (b, _annotation(b, ("11 September", "2025-09-11", "day"))),
    )
    assert [(e.date, e.granularity) for e in timeline] == [
        ("2021-03", "month"),
        ("2025-09-11", "day"),
    ]
    blockade, signing = timeline
    assert signing.sources == ("a", "b") or signing.sources == ("b", "a")
    assert blockade.background and not signing.background
    texts = {a.id: a.text, b.id: b.text}
    for entry in timeline:  # the text is the words of its first evidence span
        first = entry.evidence[0]
        assert texts[first.article_id][first.start : first.end] == entry.text


def test_a_since_bound_dates_no_event() -> None:
    a = _article(
        "a",
        "Herald",
        "It was the first direct meeting of the two governments since March 2019 in any city",
    )
    timeline = _timeline((a, _annotation(a, ("March 2019", "2019-03", "month"))))
    assert timeline == ()


def test_a_coarse_date_folds_into_the_same_event_dated_finer() -> None:
    a = _article("a", "Herald", "The blockade of the harbour of Lysa began in March 2021")
    b = _article("b", "Wire", "The blockade of the harbour of Lysa began on 14 March 2021")
    timeline = _timeline(
        (a, _annotation(a, ("March 2021", "2021-03", "month"))),
        (b, _annotation(b, ("14 March 2021", "2021-03-14", "day"))),
    )
    assert len(timeline) == 1
    assert (timeline[0].date, timeline[0].granularity) == ("2021-03-14", "day")
    assert set(timeline[0].sources) == {"a", "b"}


def test_one_event_dated_differently_is_a_conflict_led_by_the_majority() -> None:
    text = "Valdoria and Ostrava-Marenne signed the agreement to exchange detainees in Geneva on {}"
    a = _article("a", "Herald", text.format("11 September"))
    b = _article("b", "Courier", text.format("11 September"))
    c = _article("c", "Dispatch", text.format("10 September"))
    timeline = _timeline(
        (a, _annotation(a, ("11 September", "2025-09-11", "day"))),
        (b, _annotation(b, ("11 September", "2025-09-11", "day"))),
        (c, _annotation(c, ("10 September", "2025-09-10", "day"))),
    )
    (entry,) = timeline
    assert entry.date == "2025-09-11" and set(entry.sources) == {"a", "b"}
    (other,) = entry.conflicts
    assert other.date == "2025-09-10" and other.sources == ("c",)
    assert other.evidence[0].article_id == "c"


def test_one_outlet_giving_two_dates_is_two_events_not_a_conflict() -> None:
    a = _article(
        "a",
        "Herald",
        "The delegations met in Geneva on 9 September. The delegations met in Geneva on 11 September",
    )
    timeline = _timeline(
        (
            a,
            _annotation(
                a, ("9 September", "2025-09-09", "day"), ("11 September", "2025-09-11", "day")
            ),
        )
    )
    assert [e.date for e in timeline] == ["2025-09-09", "2025-09-11"]
    assert all(not e.conflicts for e in timeline)


@pytest.mark.parametrize(
    ("value", "granularity", "first", "last"),
    [
        ("2025-05-15", "day", "2025-05-15", "2025-05-15"),
        ("2024-02", "month", "2024-02-01", "2024-02-29"),
        ("2022-SP", "season", "2022-03-01", "2022-05-31"),
        ("2021-WI", "season", "2021-12-01", "2022-02-28"),
        ("2022", "year", "2022-01-01", "2022-12-31"),
        ("201", "decade", "2010-01-01", "2019-12-31"),
    ],
)
def test_date_ranges(value: str, granularity: str, first: str, last: str) -> None:
    assert date_range(value, granularity) == (
        dt.date.fromisoformat(first),
        dt.date.fromisoformat(last),
    )


def test_only_calendar_dates_date_events() -> None:
    def mention(value: str, kind: str = "DATE", **extra: str) -> TimeMention:
        return TimeMention(
            span=Span(article_id="a", start=0, end=1),
            text="x",
            value=value,
            granularity="day",
            type=kind,
            kind="explicit",
            **extra,
        )

    assert calendar_value(mention("2025-05-15T14:00", "TIME")) == ("2025-05-15", "day")
    assert calendar_value(mention("2022-SP")) == ("2022-SP", "season")
    assert calendar_value(mention("P3D", "DURATION")) is None
    assert calendar_value(mention("XXXX-05-15")) is None  # the year is left open
    assert (
        calendar_value(mention("2025-01-20", range_start="2025-01-20", range_end="2025-05-15"))
        is None
    )
