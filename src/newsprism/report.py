"""The report as typed records: what `analyze` hands to the renderers, the citation checker
and the store, in the shape of the `report.json` contract (`../shared/DESIGN.md`).

Input: the per-stage outputs (articles, stories after every stage, the ingest summary);
`build_report` assembles them. Output: a frozen `Report` whose records mirror the contract
field for field and in the same order, so `render/contract.py` turns it into `report.json` and
back without losing or reordering anything. Values a stage did not produce are empty tuples or
None, never invented. Limits: numbers are kept as the stages made them (framing shares rounded
to 4 places here, once); a report read back from JSON keeps the JSON's values as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsprism.model import (
    Answer,
    Article,
    Brief,
    CitedSentence,
    Conflict,
    Coverage,
    IngestSummary,
    Skipped,
    Span,
    Story,
    TimelineEntry,
    WriterOutcome,
)

SCHEMA = "newsprism.report/1"


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleEntry:
    """One article as the report lists it (the text every span points into)."""

    id: str
    source: str
    url: str | None
    title: str | None
    published: str | None
    published_granularity: str | None
    published_inferred: bool
    published_evidence: tuple[Span, ...]
    language: str | None
    analysed: bool
    skip_reason: str | None
    author: str | None
    input: str
    text: str
    duplicate_of: str | None
    duplicate_similarity: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DaySpan:
    """First and last publication day of a story's independent articles."""

    first: str | None
    last: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityEntry:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: tuple[Span, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeEntry:
    """A time expression; `range` is `start/end` when it names a range."""

    span: Span
    text: str
    value: str
    granularity: str
    kind: str
    type: str
    range: str | None
    mod: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteEntry:
    """A quote; `parts` are the cited texts of its `content` spans."""

    id: str
    speaker: str | None
    speaker_name: str | None
    speaker_text: str
    cue: str
    text: str
    parts: tuple[str, ...]
    direct: bool
    content: tuple[Span, ...]
    evidence: tuple[Span, ...]
    speaker_span: Span | None
    cue_span: Span | None
    sources: tuple[str, ...]
    # None only in a report written before confidences existed (then omitted, as it was)
    confidence: float | None = field(default=None, metadata={"omit_none": True})


@dataclass(frozen=True, slots=True, kw_only=True)
class EventEntry:
    id: str
    type: str
    actor: str | None
    target: str | None
    actor_text: str | None
    target_text: str | None
    trigger: str
    date: str | None
    granularity: str | None
    mode: str
    evidence: tuple[Span, ...]
    date_evidence: tuple[Span, ...]
    # that type, actor and date are right (FLOORS.event); absent in reports made before it
    confidence: float | None = field(default=None, metadata={"omit_none": True})


@dataclass(frozen=True, slots=True, kw_only=True)
class PositionEntry:
    id: str
    actor: str
    actor_name: str | None
    kind: str
    stance: str
    evidence: tuple[Span, ...]
    stance_spans: tuple[Span, ...]
    sources: tuple[str, ...]
    # None only in a report written before confidences existed (then omitted, as it was)
    confidence: float | None = field(default=None, metadata={"omit_none": True})


# A claim's conflict and an outlet's coverage appear in the report as the compare stage made
# them: the records themselves, not copies with the same fields.
ConflictEntry = Conflict


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimEntry:
    id: str
    text: str
    kind: str
    status: str
    sources: tuple[str, ...]
    voices: int
    evidence: tuple[Span, ...]
    conflicts_with: tuple[str, ...]
    conflicts: tuple[ConflictEntry, ...]
    attributed_to: str | None
    hedged: bool
    # absent from reports written before claim confidences (they round-trip unchanged)
    confidence: float | None = field(default=None, metadata={"omit_none": True})
    shown_status: str | None = field(default=None, metadata={"omit_none": True})

    @property
    def reader_status(self) -> str:
        """The status the brief, the tables and the disagreements present (see `Claim`)."""
        return self.shown_status or self.status


@dataclass(frozen=True, slots=True, kw_only=True)
class FramingEntry:
    source: str
    actor: str | None
    actor_name: str | None
    articles: tuple[str, ...]
    sentences: int
    tone: float
    quotes: int
    voice: float
    hedging: float
    loaded: float
    evidence: tuple[Span, ...]


CoverageEntry = Coverage


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineConflictEntry:
    date: str
    granularity: str
    sources: tuple[str, ...]
    outlets: tuple[str, ...]
    evidence: tuple[Span, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineItem:
    """A timeline entry; `outlets` are the outlets of its `sources` (article ids)."""

    id: str
    date: str
    granularity: str
    text: str
    sources: tuple[str, ...]
    outlets: tuple[str, ...]
    evidence: tuple[Span, ...]
    background: bool
    conflicts: tuple[TimelineConflictEntry, ...]
    events: tuple[str, ...]
    # that the date is the statement's own (FLOORS.timeline); absent in older reports
    confidence: float | None = field(default=None, metadata={"omit_none": True})


@dataclass(frozen=True, slots=True, kw_only=True)
class SentenceEntry:
    """A cited sentence of the brief or of an answer."""

    text: str
    citations: tuple[Span, ...]
    frame: str
    kind: str
    sources: tuple[str, ...]
    # "extractive" or "llm:<model>" (the optional LLM writer's) in every report newsprism
    # writes; None only for a report written before the field existed, which reads back as it is
    writer: str | None = field(default=None, metadata={"omit_none": True})

    def cited(self) -> CitedSentence:
        return CitedSentence(
            text=self.text,
            citations=self.citations,
            frame=self.frame,
            kind=self.kind,
            sources=self.sources,
            writer=self.writer or "extractive",
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionEntry:
    key: str
    title: str
    sentences: tuple[SentenceEntry, ...]
    note: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefCheck:
    """The citation check as composing ran it: every kept sentence passed; `rejected` counts
    the candidates it turned away (`rejected_examples`: the first ten problems)."""

    sentences: int
    passed: int
    problems: tuple[str, ...]
    rejected: int
    rejected_examples: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class WriterEntry:
    """What the optional LLM writer did for a brief or an answer (`model.WriterOutcome`):
    sentences generated, kept and rejected (by rule, with the first ten problems), sections
    that kept their extractive sentences, passages withheld as instructions to a model,
    whether the reply came from the cache, and the one-line error when it gave nothing."""

    writer: str
    generated: int
    kept: int
    rejected: int
    rejected_by: dict[str, int]
    rejected_examples: tuple[str, ...]
    fallback_sections: tuple[str, ...]
    withheld_passages: int
    cached: bool
    error: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefReport:
    """The brief; a story with no brief has no sections and neither `generator` nor `check`
    (the contract then writes `{"sections": []}` only)."""

    sections: tuple[SectionEntry, ...]
    generator: str | None = field(default=None, metadata={"omit_none": True})
    check: BriefCheck | None = field(default=None, metadata={"omit_none": True})
    llm: WriterEntry | None = field(default=None, metadata={"omit_none": True})


@dataclass(frozen=True, slots=True, kw_only=True)
class AnswerEntry:
    question: str
    refused: bool
    value: str | None
    value_kind: str | None
    disagreement: bool
    sentences: tuple[SentenceEntry, ...]
    follow_ups: tuple[str, ...]
    story_id: str | None
    # absent from reports written before answers had one, and on a plain refusal
    confidence: float | None = field(default=None, metadata={"omit_none": True})
    llm: WriterEntry | None = field(default=None, metadata={"omit_none": True})


@dataclass(frozen=True, slots=True, kw_only=True)
class MatrixEntry:
    actor: str
    actor_name: str | None
    demands: tuple[str, ...]
    offers: tuple[str, ...]
    red_lines: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class DisagreementSide:
    claim: str
    text: str
    value: str
    sources: tuple[str, ...]
    outlets: tuple[str, ...]
    evidence: tuple[Span, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Disagreement:
    """A pair of contradicting claims, once: the slot and both sides."""

    slot: str
    sides: tuple[DisagreementSide, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryReport:
    """Everything the report says about one story, in the contract's field order."""

    id: str
    title: str | None
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    independent_sources: tuple[str, ...]
    size: int
    singleton: bool
    published: DaySpan
    merged_from: tuple[str, ...]
    entities: tuple[EntityEntry, ...]
    times: tuple[TimeEntry, ...]
    timeline: tuple[TimelineItem, ...]
    events: tuple[EventEntry, ...]
    quotes: tuple[QuoteEntry, ...]
    positions: tuple[PositionEntry, ...]
    claims: tuple[ClaimEntry, ...]
    framing: tuple[FramingEntry, ...]
    questions: tuple[str, ...]
    coverage: tuple[CoverageEntry, ...]
    brief: BriefReport
    answers: tuple[AnswerEntry, ...]
    matrix: tuple[MatrixEntry, ...]
    disagreements: tuple[Disagreement, ...]


# The report's run summary is the ingest summary itself (all zero for a report read back from
# the store): one record, not a copy of it with the same fields.
SkippedInput = Skipped
RunSummary = IngestSummary


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    schema: str
    articles: tuple[ArticleEntry, ...]
    stories: tuple[StoryReport, ...]
    run: RunSummary


# ---------------------------------------------------------------- assembly from stage outputs


def article_entry(article: Article) -> ArticleEntry:
    published = article.published
    return ArticleEntry(
        id=article.id,
        source=article.source,
        url=article.url,
        title=article.title,
        published=published.value if published else None,
        published_granularity=published.granularity if published else None,
        published_inferred=article.published_inferred,
        published_evidence=tuple(article.published_evidence),
        language=article.language,
        analysed=article.analysed,
        skip_reason=article.skip_reason,
        author=article.author,
        input=article.input,
        text=article.text,
        duplicate_of=article.duplicate_of,
        duplicate_similarity=article.similarity,
    )


def story_report(story: Story, articles: Mapping[str, Article]) -> StoryReport:
    """One story after every stage, as the report shows it; `articles` by id must hold its
    members (members missing from it are left out of the counts)."""
    members = [articles[i] for i in story.article_ids if i in articles]
    independent = [a for a in members if not a.duplicate_of]
    days = sorted(a.published.value for a in independent if a.published)
    names = {e.id: e.name for e in story.entities}
    source_of = {i: a.source for i, a in articles.items()}
    questions = story.brief.questions if story.brief else ()
    return StoryReport(
        id=story.id,
        title=story.title,
        article_ids=tuple(story.article_ids),
        sources=tuple(sorted({a.source for a in members})),
        independent_sources=tuple(sorted({a.source for a in independent})),
        size=len(independent),
        singleton=len(independent) == 1,
        published=DaySpan(first=days[0] if days else None, last=days[-1] if days else None),
        merged_from=tuple(story.merged_from),
        entities=tuple(
            EntityEntry(
                id=e.id, name=e.name, kind=e.kind, aliases=tuple(e.aliases), mentions=e.mentions
            )
            for e in story.entities
        ),
        times=tuple(
            TimeEntry(
                span=t.span,
                text=t.text,
                value=t.value,
                granularity=t.granularity,
                kind=t.kind,
                type=t.type,
                range=f"{t.range_start}/{t.range_end}" if t.range_start and t.range_end else None,
                mod=t.mod,
            )
            for t in story.times
        ),
        timeline=tuple(_timeline_item(e, source_of) for e in story.timeline),
        events=tuple(
            EventEntry(
                id=e.id,
                type=e.type,
                actor=e.actor,
                target=e.target,
                actor_text=e.actor_text,
                target_text=e.target_text,
                trigger=e.trigger,
                date=e.date,
                granularity=e.granularity,
                mode=e.mode,
                evidence=e.evidence,
                date_evidence=e.date_evidence,
                confidence=e.confidence,
            )
            for e in story.events
        ),
        quotes=tuple(
            QuoteEntry(
                id=q.id,
                speaker=q.speaker,
                speaker_name=names.get(q.speaker) if q.speaker else None,
                speaker_text=q.speaker_text,
                cue=q.cue,
                text=q.text,
                parts=tuple(
                    articles[s.article_id].cite(s) for s in q.content if s.article_id in articles
                ),
                direct=q.direct,
                content=q.content,
                evidence=q.evidence,
                speaker_span=q.speaker_span,
                cue_span=q.cue_span,
                sources=tuple(q.sources),
                confidence=q.confidence,
            )
            for q in story.quotes
        ),
        positions=tuple(
            PositionEntry(
                id=p.id,
                actor=p.actor,
                actor_name=names.get(p.actor),
                kind=p.kind,
                stance=p.stance,
                evidence=p.evidence,
                stance_spans=p.stance_spans,
                sources=tuple(p.sources),
                confidence=p.confidence,
            )
            for p in story.positions
        ),
        claims=tuple(
            ClaimEntry(
                id=c.id,
                text=c.text,
                kind=c.kind,
                status=c.status,
                sources=tuple(c.sources),
                voices=c.voices,
                evidence=c.evidence,
                conflicts_with=tuple(c.conflicts_with),
                conflicts=tuple(c.conflicts),
                attributed_to=c.attributed_to,
                hedged=c.hedged,
                confidence=c.confidence,
                shown_status=c.reader_status,
            )
            for c in story.claims
        ),
        framing=tuple(
            FramingEntry(
                source=f.source,
                actor=f.actor,
                actor_name=names.get(f.actor) if f.actor else None,
                articles=tuple(f.articles),
                sentences=f.sentences,
                tone=round(f.tone, 4),
                quotes=f.quotes,
                voice=round(f.voice, 4),
                hedging=round(f.hedging, 4),
                loaded=round(f.loaded, 4),
                evidence=f.evidence,
            )
            for f in story.framing
        ),
        questions=tuple(a.question for a in questions),
        coverage=tuple(story.coverage),
        brief=_brief(story.brief),
        answers=tuple(answer_entry(a) for a in questions),
        matrix=tuple(
            MatrixEntry(
                actor=row.actor,
                actor_name=names.get(row.actor),
                demands=tuple(row.demands),
                offers=tuple(row.offers),
                red_lines=tuple(row.red_lines),
            )
            for row in (story.brief.matrix if story.brief else ())
        ),
        disagreements=_disagreements(story, source_of),
    )


def _sentence(s: CitedSentence) -> SentenceEntry:
    return SentenceEntry(
        text=s.text,
        citations=s.citations,
        frame=s.frame,
        kind=s.kind,
        sources=tuple(s.sources),
        writer=s.writer,
    )


def _writer(outcome: WriterOutcome | None) -> WriterEntry | None:
    if outcome is None:
        return None
    return WriterEntry(
        writer=outcome.writer,
        generated=outcome.generated,
        kept=outcome.kept,
        rejected=len(outcome.rejected),
        rejected_by=dict(outcome.rejected_by),
        rejected_examples=tuple(outcome.rejected[:10]),
        fallback_sections=tuple(outcome.fallback),
        withheld_passages=outcome.withheld,
        cached=outcome.cached,
        error=outcome.error,
    )


def _brief(brief: Brief | None) -> BriefReport:
    if brief is None:
        return BriefReport(sections=())
    count = sum(len(section.sentences) for section in brief.sections)
    return BriefReport(
        sections=tuple(
            SectionEntry(
                key=section.key,
                title=section.title,
                sentences=tuple(_sentence(s) for s in section.sentences),
                note=section.note,
            )
            for section in brief.sections
        ),
        generator=brief.generator,
        # composing keeps only sentences that pass (and counts the candidates it turned
        # away); write_report checks the whole report again
        check=BriefCheck(
            sentences=count,
            passed=count,
            problems=(),
            rejected=len(brief.rejected),
            rejected_examples=tuple(brief.rejected[:10]),
        ),
        llm=_writer(brief.llm),
    )


def answer_entry(answer: Answer) -> AnswerEntry:
    return AnswerEntry(
        question=answer.question,
        refused=answer.refused,
        value=answer.value,
        value_kind=answer.value_kind,
        disagreement=answer.disagreement,
        sentences=tuple(_sentence(s) for s in answer.sentences),
        follow_ups=tuple(answer.follow_ups),
        story_id=answer.story_id,
        confidence=answer.confidence,
        llm=_writer(answer.llm),
    )


def _outlets(article_ids: Sequence[str], source_of: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(source_of.get(s, s) for s in article_ids))


def _timeline_item(e: TimelineEntry, source_of: Mapping[str, str]) -> TimelineItem:
    return TimelineItem(
        id=e.id,
        date=e.date,
        granularity=e.granularity,
        text=e.text,
        sources=tuple(e.sources),
        outlets=_outlets(e.sources, source_of),
        evidence=e.evidence,
        background=e.background,
        conflicts=tuple(
            TimelineConflictEntry(
                date=c.date,
                granularity=c.granularity,
                sources=tuple(c.sources),
                outlets=_outlets(c.sources, source_of),
                evidence=c.evidence,
            )
            for c in e.conflicts
        ),
        events=tuple(e.events),
        confidence=e.confidence,
    )


def _disagreements(story: Story, source_of: Mapping[str, str]) -> tuple[Disagreement, ...]:
    """Each pair of contradicting claims once: the slot and both sides with their outlets;
    only pairs whose claims are both shown to a reader as contradicted (`Claim.reader_status`:
    a contradiction under `FLOORS.contradiction` stays in the claims' `conflicts`)."""
    by_id = {c.id: c for c in story.claims if c.reader_status == "contradicted"}
    out = []
    for c in by_id.values():
        for f in c.conflicts:
            other = by_id.get(f.claim)
            if other is None or c.id > other.id:
                continue
            sides = tuple(
                DisagreementSide(
                    claim=claim.id,
                    text=claim.text,
                    value=value,
                    sources=tuple(claim.sources),
                    outlets=_outlets(claim.sources, source_of),
                    evidence=claim.evidence,
                )
                for claim, value in ((c, f.value), (other, f.other_value))
            )
            out.append(Disagreement(slot=f.slot, sides=sides))
    return tuple(out)


def build_report(
    articles: Sequence[Article], stories: Sequence[Story], summary: IngestSummary
) -> Report:
    """The report of one run from its stages' outputs."""
    by_id = {a.id: a for a in articles}
    return Report(
        schema=SCHEMA,
        articles=tuple(article_entry(a) for a in articles),
        stories=tuple(story_report(s, by_id) for s in stories),
        run=summary,
    )
