"""The records every stage shares.

Records are frozen, slotted, keyword-only dataclasses; collections are tuples. Provenance is the
spine: a `Span` is a half-open character range in one `Article.text`, and every derived record
carries the spans it rests on. Ids are content hashes, so a re-run over the same input gives the
same ids and storage writes are idempotent upserts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

Granularity = Literal["day", "month", "season", "year", "decade"]
DateKind = Literal["explicit", "relative", "inferred"]

GRANULARITIES: tuple[str, ...] = ("day", "month", "season", "year", "decade")


def content_id(*parts: str, length: int = 16) -> str:
    """A stable id: the first `length` hex digits of SHA-256 over the parts."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\x1f")  # unit separator, so ("ab", "c") != ("a", "bc")
    return digest.hexdigest()[:length]


_WS = re.compile(r"\s+")


def word_set(words: str) -> frozenset[str]:
    """A lexicon written as one whitespace-separated string, as a set of its words."""
    return frozenset(words.split())


def normalise_for_hash(text: str) -> str:
    """Text as compared for exact-duplicate detection: NFKC, case-folded, whitespace folded."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """Characters `[start, end)` of the text of article `article_id`."""

    article_id: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"invalid span offsets {self.start}..{self.end}")

    def as_dict(self) -> dict[str, object]:
        return {"article_id": self.article_id, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True, kw_only=True)
class DateValue:
    """A calendar value as an ISO string at a granularity: `2025-05-15`, `2022-03`, `2022`."""

    value: str
    granularity: Granularity
    kind: DateKind

    def __post_init__(self) -> None:
        if self.granularity not in GRANULARITIES:
            raise ValueError(f"unknown granularity {self.granularity!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article as ingested: clean text plus what is known about where it came from.

    `text` is the body that every span points into; the title is kept apart from it.
    """

    id: str
    text: str
    source: str
    url: str | None = None
    title: str | None = None
    published: DateValue | None = None
    published_evidence: tuple[Span, ...] = ()
    language: str | None = None
    analysed: bool = True
    skip_reason: str | None = None
    author: str | None = None
    input: str = ""
    duplicate_of: str | None = None
    similarity: float | None = None

    @property
    def published_inferred(self) -> bool:
        return self.published is not None and self.published.kind != "explicit"

    def span(self, start: int, end: int) -> Span:
        """A span into this article's text; offsets outside the text are rejected."""
        if not (0 <= start <= end <= len(self.text)):
            raise ValueError(
                f"span {start}..{end} falls outside article {self.id} ({len(self.text)} chars)"
            )
        return Span(article_id=self.id, start=start, end=end)

    def cite(self, span: Span) -> str:
        if span.article_id != self.id:
            raise ValueError(f"span belongs to article {span.article_id}, not {self.id}")
        return self.text[span.start : span.end]


def article_id(text: str, url: str | None) -> str:
    """Stable article id from its normalised text and its URL (when it has one)."""
    return content_id(normalise_for_hash(text), url or "")


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """A group of articles that tell the same story. Later stages fill the analysis fields."""

    id: str
    article_ids: tuple[str, ...]
    title: str | None = None
    entities: tuple[Entity, ...] = ()
    times: tuple[TimeMention, ...] = ()
    merged_from: tuple[str, ...] = ()  # stories found to be this one and folded into it
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    positions: tuple[Position, ...] = ()
    claims: tuple[Claim, ...] = ()
    framing: tuple[Framing, ...] = ()
    coverage: tuple[Coverage, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    brief: Brief | None = None


def story_id(article_ids: tuple[str, ...]) -> str:
    return content_id("story", *sorted(article_ids))


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """An input that could not be read, with the reason and what the user can do about it."""

    input: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestSummary:
    """What one ingest run did, for the end-of-run summary and the report."""

    read: int = 0
    new: int = 0
    already_stored: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    not_analysed: int = 0
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)


EntityKind = Literal["person", "state", "organisation", "group", "place", "other"]
ENTITY_KINDS: tuple[str, ...] = ("person", "state", "organisation", "group", "place", "other")


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A name in an article: its span, surface text and what the annotator saw in it.

    `label` is the NER label (PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, LAW) or the gazetteer's
    reading (STATE, DEMONYM, CAPITAL, SEAT, ORGANISATION, GROUP, PLACE) or ROLE for a title
    description ("the Russian president"). `cue` is "place" or "actor" where the words around
    a capital or seat of government say which it is. `role` is (owner, title) for a person
    named with a title ("Russian President Vladimir Putin") or a ROLE description; `gazetteer`
    names the gazetteer entry the text matched, when it matched one.
    """

    span: Span
    text: str
    label: str
    cue: str = ""
    role: tuple[str, str] | None = None
    gazetteer: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeMention:
    """A time expression of an article with its TIMEX3 reading (see `annotate.time`)."""

    span: Span
    text: str
    value: str
    granularity: str
    type: str
    kind: DateKind
    range_start: str | None = None
    range_end: str | None = None
    mod: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Annotation:
    """What the annotate stage found in one article: sentences, names and time expressions."""

    article_id: str
    sentences: tuple[Span, ...]
    mentions: tuple[Mention, ...]
    times: tuple[TimeMention, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """One real-world actor or place of a story, with every mention that refers to it."""

    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...]
    mentions: tuple[Span, ...]


Mode = Literal["asserted", "negated", "hypothetical", "future"]
MODES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "future")


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """Words attributed to a speaker: quoted verbatim (`direct`) or the clause a speech verb
    introduces. `content` holds the quoted parts (several when the attribution splits the
    quotation); the same words quoted by several outlets are one quote with several
    `content`/`evidence` spans. `speaker` is the entity id when the speaker resolves to one.
    `confidence` says how sure the speaker is right (`extract.quotes.speaker_confidence`); a
    reader sees the quote only at or above `confidence.FLOORS.quote_speaker`."""

    id: str
    speaker: str | None
    speaker_text: str
    cue: str
    text: str
    direct: bool
    content: tuple[Span, ...]
    evidence: tuple[Span, ...]
    speaker_span: Span | None = None
    cue_span: Span | None = None
    sources: tuple[str, ...] = ()
    confidence: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Who did what to whom: a PLOVER event type, actor and target entity ids (when the words
    resolve to one) and their text, the mode, a date from a time expression of the sentence,
    and the evidence (sentence, trigger)."""

    id: str
    type: str
    actor: str | None
    target: str | None
    actor_text: str | None
    target_text: str | None
    trigger: str
    mode: Mode
    date: str | None
    granularity: str | None
    evidence: tuple[Span, ...]
    date_evidence: tuple[Span, ...] = ()
    confidence: float | None = None  # that type, actor and date are right (extract.events)


@dataclass(frozen=True, slots=True, kw_only=True)
class Position:
    """What one stakeholder wants, offers, rejects or threatens, in the words of the sources:
    `stance` is a verbatim clause (its spans in `stance_spans`), `kind` says which; statements
    of it by several outlets are one position with all their evidence (the sentences).
    `confidence` says how sure actor, kind and stance are right (`extract.positions`); a reader
    sees the position only at or above `confidence.FLOORS.position`."""

    id: str
    actor: str
    kind: str
    stance: str
    evidence: tuple[Span, ...]
    stance_spans: tuple[Span, ...]
    sources: tuple[str, ...]
    confidence: float = 1.0


ClaimKind = Literal["fact", "opinion", "forecast", "question"]
ClaimStatus = Literal["corroborated", "single_source", "contradicted"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Conflict:
    """Why two claim groups contradict: the slot they disagree on (`date`, `number`, `elapsed`,
    `actor`, `negation`) and each side's value as its text states or implies it."""

    claim: str
    slot: str
    value: str
    other_value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One statement made by one or more articles of a story: a claim group. `text` is the
    clearest member statement (verbatim; its span is `evidence[0]`); `evidence` holds one span
    per member statement. `voices` counts independent outlets (syndicated copies and
    near-verbatim rewrites are one voice). `kind` keeps opinions, forecasts and questions apart
    from facts; `attributed_to` is the entity id of whoever the articles say made the claim."""

    id: str
    text: str
    kind: ClaimKind
    status: ClaimStatus
    sources: tuple[str, ...]
    voices: int
    evidence: tuple[Span, ...]
    conflicts: tuple[Conflict, ...] = ()
    attributed_to: str | None = None
    hedged: bool = False
    # how sure `status` is (see `compare.claims`), and the status a reader is shown: `status`
    # when its confidence reaches its floor (`FLOORS.contradiction` for contradicted,
    # `FLOORS.claim_status` else), else the safe status (corroborated
    # when that is sure enough, else single_source); None on records made before confidences
    confidence: float | None = None
    shown_status: ClaimStatus | None = None

    @property
    def conflicts_with(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.claim for c in self.conflicts))

    @property
    def reader_status(self) -> ClaimStatus:
        """The status the brief, the tables and the disagreements present."""
        return self.shown_status or self.status


@dataclass(frozen=True, slots=True, kw_only=True)
class Framing:
    """How one outlet presents one actor, in measures comparable across the story's outlets:
    `sentences` naming the actor, their mean `tone` (-1..1), the share of the outlet's quotes
    the actor speaks (`voice`), and hedges and loaded words per sentence naming the actor.
    `evidence` holds the sentences that pull the tone furthest each way."""

    source: str
    actor: str
    articles: tuple[str, ...]
    sentences: int
    tone: float
    quotes: int
    voice: float
    hedging: float
    loaded: float
    evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Coverage:
    """What one outlet covers that the story's other outlets do not (`exclusive`: claim ids
    only it states) and what it leaves out that two or more other voices state (`omitted`)."""

    source: str
    articles: tuple[str, ...]
    claims: int
    exclusive: tuple[str, ...]
    omitted: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class CitedSentence:
    """A sentence newsprism writes, with the source spans it rests on.

    `text` is `frame` followed by words taken from the cited spans: the frame is connective
    wording the composer adds ("According to Reuters, ", "Forecast: ") that states no fact of
    its own, and any name in it is the speaker or outlet of a cited span. `kind` says what
    the sentence is: `fact`, `attributed` (an outlet's or speaker's view), `forecast`,
    `quote`, `disagreement` or `date`. `sources` are the article ids of the citations.
    `writer` says who wrote it: `extractive` (the composer, the source's own words) or
    `llm:<model>` (the optional LLM writer, its words verified against the citations)."""

    text: str
    citations: tuple[Span, ...]
    frame: str = ""
    kind: str = "fact"
    sources: tuple[str, ...] = ()
    writer: str = "extractive"


@dataclass(frozen=True, slots=True, kw_only=True)
class DateAlternative:
    """A date some outlets give for a timeline event that others date differently."""

    date: str
    granularity: str
    sources: tuple[str, ...]
    evidence: tuple[Span, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    """One dated event of a story's merged timeline: a verbatim statement of it (`text`, the
    words at `evidence[0]`), every article that reports it, and the dates other outlets give
    for the same event when they disagree (`conflicts`). `background` marks events well
    before the story's own days (earlier talks, the war's start)."""

    id: str
    date: str
    granularity: str
    text: str
    sources: tuple[str, ...]
    evidence: tuple[Span, ...]
    background: bool = False
    conflicts: tuple[DateAlternative, ...] = ()
    events: tuple[str, ...] = ()
    confidence: float | None = None  # that the date is the statement's own (compose.timeline)


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefSection:
    """One section of the brief; `note` says in one line why a section is empty."""

    key: str
    title: str
    sentences: tuple[CitedSentence, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MatrixRow:
    """One actor of the positions matrix: the ids of its positions by column."""

    actor: str
    demands: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    red_lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Answer:
    """What the sources say to a question. `value` is the specific date, name, number or
    place asked for, when the answer gives one (`value_kind` says which); `sentences` are the
    answer's cited sentences, or, when `refused`, the closest things the sources do say.
    `disagreement` is true when outlets answer differently and both sides are shown;
    `follow_ups` are further questions the sources can answer. `confidence` (0–1, 3 decimals)
    is how sure the ask stage is that the answer's value (or first sentence) answers the
    question; below `confidence.FLOORS.answer` the answer is a refusal that keeps the
    withheld answer's confidence (no value is asserted); None for any other refusal."""

    question: str
    refused: bool
    sentences: tuple[CitedSentence, ...]
    value: str | None = None
    value_kind: str | None = None
    disagreement: bool = False
    follow_ups: tuple[str, ...] = ()
    story_id: str | None = None
    confidence: float | None = None
    llm: WriterOutcome | None = None  # what the optional LLM writer did, when one was asked


@dataclass(frozen=True, slots=True, kw_only=True)
class Brief:
    """The composed brief of a story: sections in the contract's order, the positions
    matrix, suggested questions with their answers, and why candidate sentences were left
    out (`rejected`: the checker's problems with each)."""

    sections: tuple[BriefSection, ...]
    matrix: tuple[MatrixRow, ...] = ()
    questions: tuple[Answer, ...] = ()
    generator: str = "extractive"
    rejected: tuple[str, ...] = ()  # candidate sentences the citation checker turned away
    llm: WriterOutcome | None = None  # what the optional LLM writer did, when one was asked


@dataclass(frozen=True, slots=True, kw_only=True)
class WriterOutcome:
    """What the optional LLM writer did for one brief or answer: sentences it wrote, kept
    and rejected (`rejected`: the checker's problems with each; `rejected_by`: how many per
    rule), the sections that kept their extractive sentences (`fallback`), whether the reply
    came from the cache, and `error`, the one line saying why nothing it wrote is used."""

    writer: str
    generated: int = 0
    kept: int = 0
    rejected: tuple[str, ...] = ()
    rejected_by: tuple[tuple[str, int], ...] = ()
    fallback: tuple[str, ...] = ()
    withheld: int = 0  # passages not given to the model: they read as instructions to it
    cached: bool = False
    error: str | None = None


def anchor_of(article: Article) -> dt.date | None:
    """The day relative expressions count from: the publication date, when known to the day."""
    if article.published is None or article.published.granularity != "day":
        return None
    return dt.date.fromisoformat(article.published.value)


def fixes_time(t: TimeMention) -> bool:
    """Whether a time mention pins a value: not a reference ("now") and not a value the text
    leaves open (an X in it, as for a weekday in an undated article)."""
    return t.granularity != "ref" and not t.value.startswith("X")


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryRow:
    """A story as stored: members (originals only), running vector sum, key counts, days."""

    id: str
    title: str | None
    founder: str
    article_ids: tuple[str, ...]
    vector_sum: npt.NDArray[np.float64]
    keys: dict[str, int]
    first_day: int | None
    last_day: int | None
    merged_into: str | None = None
    merged_from: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.article_ids)


# --- extraction records: what the extract stage finds in one article, read by compare and
# compose. Ranges are character ranges of the article text (the article id is the record's key).

Range = tuple[int, int]  # a half-open character range of a text
TimeRef = tuple[int, int, str, str]  # a time expression: start, end, value, granularity
Number = tuple[float, str, int, int]  # value, counted noun (lemma), start, end
Count = tuple[str, str, str, float, int, int]  # predicate lemma, mode, unit, value, start, end

ACTOR_KINDS = frozenset({"person", "state", "organisation", "group", "place"})


@dataclass(frozen=True, slots=True)
class FoundQuote:
    """A quote of one article; every range is a character range of the article text."""

    content: tuple[Range, ...]
    speaker: Range | None
    cue: Range | None
    direct: bool
    sentence: tuple[Range, ...]
    ref: Range | None = None
    hint: Range | None = None  # for a pronoun speaker: its antecedent's phrase
    # why the speaker may not be the one whose words these are (`extract.quotes.DOUBTS`)
    doubts: tuple[str, ...] = ()

    def as_json(self) -> list[Any]:
        return [
            [list(r) for r in self.content],
            list(self.speaker) if self.speaker else None,
            list(self.cue) if self.cue else None,
            self.direct,
            [list(r) for r in self.sentence],
            list(self.ref) if self.ref else None,
            list(self.doubts),
        ]  # the hint is only needed until the ref is found

    @staticmethod
    def from_json(data: Sequence[Any]) -> FoundQuote:
        def rng(x: Any) -> Range | None:
            return (int(x[0]), int(x[1])) if x else None

        return FoundQuote(
            content=tuple((int(a), int(b)) for a, b in data[0]),
            speaker=rng(data[1]),
            cue=rng(data[2]),
            direct=bool(data[3]),
            sentence=tuple((int(a), int(b)) for a, b in data[4]),
            ref=rng(data[5]),
            doubts=tuple(str(d) for d in data[6]) if len(data) > 6 else (),
        )


@dataclass(frozen=True, slots=True)
class FoundEvent:
    """An event of one article; ranges are character ranges of the article text."""

    type: str
    trigger: Range
    actor: Range | None
    target: Range | None
    mode: str
    sentence: Range
    actor_ref: Range | None = None
    target_ref: Range | None = None
    date: tuple[str, str] | None = None  # (value, granularity)
    date_span: Range | None = None
    scope: Range | None = None  # what the verb governs to its right: the demand, the offer

    def as_json(self) -> list[Any]:
        return [
            self.type,
            list(self.trigger),
            _j(self.actor),
            _j(self.target),
            self.mode,
            list(self.sentence),
            _j(self.actor_ref),
            _j(self.target_ref),
            list(self.date) if self.date else None,
            _j(self.date_span),
            _j(self.scope),
        ]

    @staticmethod
    def from_json(data: Sequence[Any]) -> FoundEvent:
        return FoundEvent(
            type=data[0],
            trigger=_r(data[1]) or (0, 0),
            actor=_r(data[2]),
            target=_r(data[3]),
            mode=data[4],
            sentence=_r(data[5]) or (0, 0),
            actor_ref=_r(data[6]),
            target_ref=_r(data[7]),
            date=(data[8][0], data[8][1]) if data[8] else None,
            date_span=_r(data[9]),
            scope=_r(data[10]) if len(data) > 10 else None,
        )


def _j(r: Range | None) -> list[int] | None:
    return list(r) if r else None


def _r(x: Any) -> Range | None:
    return (int(x[0]), int(x[1])) if x else None


@dataclass(frozen=True, slots=True)
class FoundStance:
    """A stance named by a noun with its owner: "the U.S. proposal for a 30-day ceasefire",
    "Russia's demands for …". `span` is the noun phrase; `actor_ref` the owner's mention."""

    kind: str
    actor_ref: Range
    span: Range
    sentence: Range

    def as_json(self) -> list[Any]:
        return [self.kind, list(self.actor_ref), list(self.span), list(self.sentence)]

    @staticmethod
    def from_json(data: Sequence[Any]) -> FoundStance:
        return FoundStance(
            kind=data[0],
            actor_ref=_r(data[1]) or (0, 0),
            span=_r(data[2]) or (0, 0),
            sentence=_r(data[3]) or (0, 0),
        )


@dataclass(frozen=True, slots=True)
class FoundClaim:
    """One claim of one article; ranges are character ranges of the article text."""

    span: Range
    sentence: Range
    kind: str
    hedged: bool
    negated: bool
    lemma: str
    subject: Range | None = None  # the name mention the clause is about, when it has one
    attribution: Range | None = None  # the speaker's name mention, for reported claims
    numbers: tuple[Number, ...] = ()
    dates: tuple[TimeRef, ...] = ()
    since: tuple[str, str, str] | None = None  # months (first, last) of the previous time,
    # and what it is the first of ("talks")
    acts: tuple[str, ...] = ()  # lemmas of the clause's verbs and event nouns
    # the events of the clause with their own slots, the only values a contradiction compares:
    # each count with the predicate it is an argument of, that predicate's mode ("fact", or
    # "forecast" for a plan, promise or prediction: "agreed to exchange 46 detainees") and the
    # place it is counted in ("case in new york"); a count inside "including eight in …" is
    # left out. Each date with the predicate it modifies and its mode ("a deal signed on 10
    # September" -> sign; "snippets that became public on Friday" -> become).
    counts: tuple[Count, ...] = ()
    dated: tuple[tuple[str, str, str], ...] = ()  # (predicate lemma, mode, date value)

    def as_json(self) -> list[Any]:
        return [
            list(self.span),
            list(self.sentence),
            self.kind,
            int(self.hedged),
            int(self.negated),
            self.lemma,
            list(self.subject) if self.subject else None,
            list(self.attribution) if self.attribution else None,
            [list(n) for n in self.numbers],
            [list(d) for d in self.dates],
            list(self.since) if self.since else None,
            list(self.acts),
            [list(n) for n in self.counts],
            [list(d) for d in self.dated],
        ]

    @staticmethod
    def from_json(data: Sequence[Any]) -> FoundClaim:
        def r(x: Any) -> Range | None:
            return (int(x[0]), int(x[1])) if x else None

        return FoundClaim(
            span=r(data[0]) or (0, 0),
            sentence=r(data[1]) or (0, 0),
            kind=str(data[2]),
            hedged=bool(data[3]),
            negated=bool(data[4]),
            lemma=str(data[5]),
            subject=r(data[6]),
            attribution=r(data[7]),
            numbers=tuple((float(n[0]), str(n[1]), int(n[2]), int(n[3])) for n in data[8]),
            dates=tuple((int(d[0]), int(d[1]), str(d[2]), str(d[3])) for d in data[9]),
            since=(str(data[10][0]), str(data[10][1]), str(data[10][2])) if data[10] else None,
            acts=tuple(str(a) for a in data[11]),
            counts=tuple(
                (str(n[0]), str(n[1]), str(n[2]), float(n[3]), int(n[4]), int(n[5]))
                for n in (data[12] if len(data) > 12 else ())
            ),
            dated=tuple(
                (str(d[0]), str(d[1]), str(d[2])) for d in (data[13] if len(data) > 13 else ())
            ),
        )


def embedding_text(text: str, found: FoundClaim) -> str:
    """What gets embedded: the statement, with its subject's name in front of a relative clause
    ("who flew to Geneva" -> "Tomas Renaud: who flew to Geneva")."""
    subject_text = text[found.subject[0] : found.subject[1]] if found.subject else ""
    body = _WS.sub(" ", text[found.span[0] : found.span[1]]).strip()
    if subject_text and subject_text not in body:
        return f"{subject_text}: {body}"
    return body


@dataclass(frozen=True, slots=True)
class TimeAnchor:
    """What one time expression dates, read off the dependency parse (`extract.anchors`).

    `role`: "predicate" (it modifies a verb of the clause: "met on Thursday"), "argument" (it
    modifies the event noun that is the verb's subject or object: "the talks in 2022 ended"),
    "embedded" (it dates a description inside a noun phrase or a since/until clause: "a Bible
    given by his mother in 1955"), "nominal" (it names or classifies a noun: "the 2016
    election", "the Mirage 2000"), "range" (one end of a range: "March 31-April 4"), or "none"
    (no verb: a heading, a dateline). `predicate` is the verb it dates; `value` is the TIMEX3
    value, a weekday re-placed by that verb's tense.
    """

    time: Range
    value: str
    granularity: str
    role: str
    predicate: Range | None = None
    tense: str = ""  # past | present | future | "" (the predicate's, from the parse)
    clause: Range | None = None  # the predicate's own clause (its subtree, without its marker)

    def as_json(self) -> list[Any]:
        return [
            list(self.time),
            self.value,
            self.granularity,
            self.role,
            _j(self.predicate),
            self.tense,
            _j(self.clause),
        ]

    @staticmethod
    def from_json(data: Sequence[Any]) -> TimeAnchor:
        return TimeAnchor(
            time=_r(data[0]) or (0, 0),
            value=str(data[1]),
            granularity=str(data[2]),
            role=str(data[3]),
            predicate=_r(data[4]),
            tense=str(data[5]),
            clause=_r(data[6]) if len(data) > 6 else None,
        )


@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    article_id: str
    quotes: tuple[FoundQuote, ...]
    events: tuple[FoundEvent, ...]
    stances: tuple[FoundStance, ...] = ()
    claims: tuple[FoundClaim, ...] = ()
    anchors: tuple[TimeAnchor, ...] = ()  # what each time expression dates

    def to_json(self) -> str:
        return json.dumps(
            {
                "q": [q.as_json() for q in self.quotes],
                "e": [e.as_json() for e in self.events],
                "s": [s.as_json() for s in self.stances],
                "c": [c.as_json() for c in self.claims],
                "t": [t.as_json() for t in self.anchors],
            },
            separators=(",", ":"),
        )

    @staticmethod
    def from_json(article_id: str, data: str) -> ArticleExtraction:
        raw = json.loads(data)
        return ArticleExtraction(
            article_id=article_id,
            quotes=tuple(FoundQuote.from_json(q) for q in raw["q"]),
            events=tuple(FoundEvent.from_json(e) for e in raw["e"]),
            stances=tuple(FoundStance.from_json(s) for s in raw.get("s", ())),
            claims=tuple(FoundClaim.from_json(c) for c in raw.get("c", ())),
            anchors=tuple(TimeAnchor.from_json(t) for t in raw.get("t", ())),
        )


class EntityIndex:
    """Which story entity a name mention belongs to."""

    def __init__(self, story: Story) -> None:
        self.exact: dict[tuple[str, int, int], str] = {}
        self.spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        # names as written, for a speaker or actor the recogniser missed ("Renaud said")
        self.names: dict[str, str | None] = {}
        for e in story.entities:
            if e.kind not in ACTOR_KINDS:
                continue
            for m in e.mentions:
                self.exact[(m.article_id, m.start, m.end)] = e.id
                self.spans[m.article_id].append((m.start, m.end, e.id))
            forms = {e.name, *e.aliases}
            if e.kind == "person":
                forms |= {f.split()[-1] for f in forms if f.split()}
            for form in forms:
                key = form.casefold()
                self.names[key] = None if self.names.get(key, e.id) != e.id else e.id

    def of(self, article_id: str, ref: tuple[int, int] | None, text: str = "") -> str | None:
        if ref is None:
            words = text.split()
            if 0 < len(words) <= 3 and all(w[:1].isupper() for w in words):
                return self.names.get(text.casefold())
            return None
        found = self.exact.get((article_id, *ref))
        if found:
            return found
        for start, end, entity in self.spans.get(article_id, ()):
            if start < ref[1] and ref[0] < end:
                return entity
        return None
