"""A small report built by hand from records, for the contract, checker and renderer tests:
one article, one story with a one-sentence brief, one answer and one timeline entry; and
`bare_story`, a story with nothing extracted, for tests that fill in only the parts they need."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from newsprism.model import Span
from newsprism.report import (
    SCHEMA,
    AnswerEntry,
    ArticleEntry,
    BriefCheck,
    BriefReport,
    DaySpan,
    Report,
    RunSummary,
    SectionEntry,
    SentenceEntry,
    SkippedInput,
    StoryReport,
    TimelineItem,
)

FIRST = "Valdoria and Kesh agreed on 11 September to exchange 46 detainees"
TEXT = FIRST + ". The exchange is set for October."


def article(text: str = TEXT) -> ArticleEntry:
    return ArticleEntry(
        id="a",
        source="Harbour Herald",
        url="https://example.org/a",
        title="Talks end",
        published="2025-09-11",
        published_granularity="day",
        published_inferred=False,
        published_evidence=(),
        language="en",
        analysed=True,
        skip_reason=None,
        author=None,
        input="a.txt",
        text=text,
        duplicate_of=None,
        duplicate_similarity=None,
    )


def sentence(text: str = FIRST, frame: str = "") -> SentenceEntry:
    return SentenceEntry(
        text=text,
        citations=(Span(article_id="a", start=0, end=len(FIRST)),),
        frame=frame,
        kind="fact",
        sources=("a",),
    )


def story(brief_sentences: tuple[SentenceEntry, ...] = (sentence(),)) -> StoryReport:
    span = Span(article_id="a", start=0, end=len(FIRST))
    return StoryReport(
        id="s",
        title="Valdoria–Kesh talks",
        article_ids=("a",),
        sources=("Harbour Herald",),
        independent_sources=("Harbour Herald",),
        size=1,
        singleton=True,
        published=DaySpan(first="2025-09-11", last="2025-09-11"),
        merged_from=(),
        entities=(),
        times=(),
        timeline=(
            TimelineItem(
                id="t1",
                date="2025-09-11",
                granularity="day",
                text=FIRST,
                sources=("a",),
                outlets=("Harbour Herald",),
                evidence=(span,),
                background=False,
                conflicts=(),
                events=(),
            ),
        ),
        events=(),
        quotes=(),
        positions=(),
        claims=(),
        framing=(),
        questions=("What was agreed?",),
        coverage=(),
        brief=BriefReport(
            sections=(
                SectionEntry(key="context", title="Context", sentences=brief_sentences, note=None),
            ),
            generator="extractive",
            check=BriefCheck(
                sentences=len(brief_sentences),
                passed=len(brief_sentences),
                problems=(),
                rejected=0,
                rejected_examples=(),
            ),
        ),
        answers=(
            AnswerEntry(
                question="What was agreed?",
                refused=False,
                value=None,
                value_kind=None,
                disagreement=False,
                sentences=(sentence(),),
                follow_ups=(),
                story_id="s",
            ),
        ),
        matrix=(),
        disagreements=(),
    )


def bare_story(**fields: Any) -> StoryReport:
    """A story of articles `a1`, `a2` (two outlets) with no brief and nothing extracted;
    `fields` replace any of its fields."""
    base = StoryReport(
        id="s0",
        title="A story",
        article_ids=("a1", "a2"),
        sources=("Bay Courier", "Harbour Herald"),
        independent_sources=("Bay Courier", "Harbour Herald"),
        size=2,
        singleton=False,
        published=DaySpan(first=None, last=None),
        merged_from=(),
        entities=(),
        times=(),
        timeline=(),
        events=(),
        quotes=(),
        positions=(),
        claims=(),
        framing=(),
        questions=(),
        coverage=(),
        brief=BriefReport(sections=()),
        answers=(),
        matrix=(),
        disagreements=(),
    )
    return replace(base, **fields)


def report(stories: tuple[StoryReport, ...] = (story(),)) -> Report:
    return Report(
        schema=SCHEMA,
        articles=(article(),),
        stories=stories,
        run=RunSummary(read=1, new=1, skipped=(SkippedInput(input="b.txt", reason="empty"),)),
    )
