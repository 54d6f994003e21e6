"""A second report built by hand from records (invented text): two outlets' articles on the
Lantern Bay talks and one story with every part filled in (a brief with an empty section and
shared lead-ins, a timeline with a background entry and a dating conflict, positions and their
matrix, corroborated, contradicted and single-source claims, a disagreement, answered and
refused questions, framing, coverage and a quote), for the page renderer's tests. The
builders below make single records with the fields a test does not care about left empty."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import handmade_report
from newsprism.model import Span
from newsprism.report import (
    SCHEMA,
    AnswerEntry,
    ArticleEntry,
    BriefCheck,
    BriefReport,
    ClaimEntry,
    ConflictEntry,
    CoverageEntry,
    DaySpan,
    Disagreement,
    DisagreementSide,
    FramingEntry,
    MatrixEntry,
    PositionEntry,
    QuoteEntry,
    Report,
    RunSummary,
    SectionEntry,
    SentenceEntry,
    StoryReport,
    TimelineConflictEntry,
    TimelineItem,
)

HERALD = (
    "The Lantern Bay talks opened on Monday in Corvale. "
    "Delegates from Arnesia and Belmora agreed to free 12 fishermen. "
    "Arnesia demands the reopening of the northern channel. "
    "Belmora will not accept foreign patrols in its waters."
)
COURIER = (
    "Officials said the fishermen would be freed within a week. "
    "The talks opened on Tuesday, according to Belmoran officials. "
    "Earlier rounds in 2019 broke down over fishing quotas. "
    "Belmora offered to share radar data with Arnesia."
)


def span(article_id: str, text: str, words: str) -> Span:
    start = text.index(words)
    return Span(article_id=article_id, start=start, end=start + len(words))


def article(aid: str, source: str, text: str, title: str | None = None) -> ArticleEntry:
    return ArticleEntry(
        id=aid,
        source=source,
        url=f"https://{aid}.example/story",
        title=title,
        published="2025-03-04",
        published_granularity="day",
        published_inferred=False,
        published_evidence=(),
        language="en",
        analysed=True,
        skip_reason=None,
        author=None,
        input=f"{aid}.txt",
        text=text,
        duplicate_of=None,
        duplicate_similarity=None,
    )


def sentence(
    text: str, citations: list[Span], frame: str = "", kind: str = "fact"
) -> SentenceEntry:
    sources = tuple(dict.fromkeys(c.article_id for c in citations))
    return SentenceEntry(
        text=frame + text, citations=tuple(citations), frame=frame, kind=kind, sources=sources
    )


def section_of(
    key: str, title: str, *sentences: SentenceEntry, note: str | None = None
) -> SectionEntry:
    return SectionEntry(key=key, title=title, sentences=sentences, note=note)


def story(**fields: Any) -> StoryReport:
    """The story of the Herald's and the Courier's articles; `fields` replace its fields."""
    base = handmade_report.bare_story(
        id="st1",
        title="Lantern Bay talks",
        article_ids=("h1", "c1"),
        sources=("Bay Courier", "Harbour Herald"),
        independent_sources=("Bay Courier", "Harbour Herald"),
        size=2,
        published=DaySpan(first="2025-03-03", last="2025-03-04"),
    )
    return replace(base, **fields)


def report(*stories: StoryReport, extra: tuple[ArticleEntry, ...] = ()) -> Report:
    articles = (
        article("h1", "Harbour Herald", HERALD, "Talks open in Corvale"),
        article("c1", "Bay Courier", COURIER),
        *extra,
    )
    return Report(schema=SCHEMA, articles=articles, stories=stories, run=RunSummary())


def claim(
    cid: str, text: str, status: str, evidence: list[Span], *conflicts: ConflictEntry
) -> ClaimEntry:
    sources = tuple(dict.fromkeys(e.article_id for e in evidence))
    return ClaimEntry(
        id=cid,
        text=text,
        kind="fact",
        status=status,
        sources=sources,
        voices=len(sources),
        evidence=tuple(evidence),
        conflicts_with=tuple(c.claim for c in conflicts),
        conflicts=conflicts,
        attributed_to=None,
        hedged=False,
    )


def position(pid: str, actor: str, name: str, kind: str, stance: str, where: Span) -> PositionEntry:
    return PositionEntry(
        id=pid,
        actor=actor,
        actor_name=name,
        kind=kind,
        stance=stance,
        evidence=(where,),
        stance_spans=(where,),
        sources=(where.article_id,),
    )


def quote(speaker_name: str, cue: str, text: str, direct: bool, content: Span) -> QuoteEntry:
    return QuoteEntry(
        id="q1",
        speaker=None,
        speaker_name=speaker_name,
        speaker_text=speaker_name,
        cue=cue,
        text=text,
        parts=(),
        direct=direct,
        content=(content,),
        evidence=(content,),
        speaker_span=None,
        cue_span=None,
        sources=(content.article_id,),
    )


def framing(source: str, sentences: int, tone: float, quotes: int, voice: float) -> FramingEntry:
    return FramingEntry(
        source=source,
        actor="e1",
        actor_name="Arnesia",
        articles=(),
        sentences=sentences,
        tone=tone,
        quotes=quotes,
        voice=voice,
        hedging=0.0,
        loaded=0.0,
        evidence=(),
    )


def answer(question: str, sentences: list[SentenceEntry], **fields: Any) -> AnswerEntry:
    base = AnswerEntry(
        question=question,
        refused=False,
        value=None,
        value_kind=None,
        disagreement=False,
        sentences=tuple(sentences),
        follow_ups=(),
        story_id="st1",
    )
    return replace(base, **fields)


def full_story() -> StoryReport:
    opened_mon = span("h1", HERALD, "The Lantern Bay talks opened on Monday in Corvale")
    opened_tue = span("c1", COURIER, "The talks opened on Tuesday")
    freed = span("h1", HERALD, "agreed to free 12 fishermen")
    week = span("c1", COURIER, "the fishermen would be freed within a week")
    earlier = span("c1", COURIER, "Earlier rounds in 2019 broke down over fishing quotas")
    demand = span("h1", HERALD, "the reopening of the northern channel")
    refuse = span("h1", HERALD, "will not accept foreign patrols in its waters")
    offer = span("c1", COURIER, "to share radar data with Arnesia")
    radar = span("c1", COURIER, "Belmora offered to share radar data with Arnesia")
    monday, tuesday = (
        "The Lantern Bay talks opened on Monday in Corvale",
        "The talks opened on Tuesday",
    )
    return story(
        brief=BriefReport(
            sections=(
                section_of(
                    "context",
                    "Introduction & Context",
                    sentence(monday, [opened_mon]),
                    sentence("agreed to free 12 fishermen", [freed, week]),
                ),
                section_of(
                    "background",
                    "Background & History",
                    note="No outlet gives any history of the dispute.",
                ),
                section_of(
                    "stakeholders",
                    "Key Stakeholders & Perspectives",
                    sentence("the reopening of the northern channel", [demand], "Arnesia: "),
                    sentence("Earlier rounds in 2019 broke down", [earlier], "Arnesia: "),
                ),
            ),
            generator="extractive",
            check=BriefCheck(sentences=4, passed=4, problems=(), rejected=0, rejected_examples=()),
        ),
        timeline=(
            TimelineItem(
                id="t2",
                date="2025-03-03",
                granularity="day",
                text=monday,
                sources=("h1",),
                outlets=("Harbour Herald",),
                evidence=(opened_mon,),
                background=False,
                conflicts=(
                    TimelineConflictEntry(
                        date="2025-03-04",
                        granularity="day",
                        sources=("c1",),
                        outlets=("Bay Courier",),
                        evidence=(opened_tue,),
                    ),
                ),
                events=(),
            ),
            TimelineItem(
                id="t1",
                date="2019",
                granularity="year",
                text="Earlier rounds in 2019 broke down over fishing quotas",
                sources=("c1",),
                outlets=("Bay Courier",),
                evidence=(earlier,),
                background=True,
                conflicts=(),
                events=(),
            ),
        ),
        positions=(
            position(
                "p1", "e1", "Arnesia", "demand", "the reopening of the northern channel", demand
            ),
            position("p2", "e2", "Belmora", "rejects", "foreign patrols in its waters", refuse),
            position("p3", "e2", "Belmora", "offer", "to share radar data with Arnesia", offer),
        ),
        matrix=(
            MatrixEntry(actor="e1", actor_name="Arnesia", demands=("p1",), offers=(), red_lines=()),
            MatrixEntry(
                actor="e2", actor_name="Belmora", demands=(), offers=("p3",), red_lines=("p2",)
            ),
        ),
        claims=(
            claim("k1", "agreed to free 12 fishermen", "corroborated", [freed, week]),
            claim(
                "k2",
                monday,
                "contradicted",
                [opened_mon],
                ConflictEntry(
                    claim="k3", slot="date", value="2025-03-03", other_value="2025-03-04"
                ),
            ),
            claim(
                "k3",
                tuesday,
                "contradicted",
                [opened_tue],
                ConflictEntry(
                    claim="k2", slot="date", value="2025-03-04", other_value="2025-03-03"
                ),
            ),
            claim(
                "k4", "Belmora offered to share radar data with Arnesia", "single_source", [radar]
            ),
        ),
        disagreements=(
            Disagreement(
                slot="date",
                sides=(
                    DisagreementSide(
                        claim="k2",
                        text=monday,
                        value="2025-03-03",
                        sources=("h1",),
                        outlets=("Harbour Herald",),
                        evidence=(opened_mon,),
                    ),
                    DisagreementSide(
                        claim="k3",
                        text=tuesday,
                        value="2025-03-04",
                        sources=("c1",),
                        outlets=("Bay Courier",),
                        evidence=(opened_tue,),
                    ),
                ),
            ),
        ),
        questions=("When did the talks open?", "How many ships sank?"),
        answers=(
            answer(
                "When did the talks open?",
                [
                    sentence(monday, [opened_mon]),
                    sentence(tuesday, [opened_tue], "Bay Courier: "),
                ],
                value="2025-03-03",
                value_kind="date",
                disagreement=True,
                follow_ups=("How many ships sank?",),
            ),
            answer(
                "How many ships sank?",
                [sentence("agreed to free 12 fishermen", [freed])],
                refused=True,
                value_kind="number",
            ),
        ),
        framing=(
            framing("Harbour Herald", sentences=3, tone=0.4, quotes=1, voice=0.5),
            framing("Bay Courier", sentences=1, tone=-0.6, quotes=0, voice=0.0),
        ),
        coverage=(
            CoverageEntry(
                source="Harbour Herald", articles=("h1",), claims=2, exclusive=("k2",), omitted=()
            ),
        ),
        quotes=(
            quote("Officials", "said", "the fishermen would be freed within a week", False, week),
        ),
    )
