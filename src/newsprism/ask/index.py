"""The question-answering index of one story, built once and stored.

Input: the story (entities, claims, positions, quotes as the compare stage left them), its
articles and their annotations, an encoder and a vector cache. Output: a `StoryIndex` that holds
everything answering needs, so `ask` runs without the pipeline and without spaCy:

- passages: every sentence of every analysed original article (split at line breaks, so a
  heading glued to a sentence is its own piece, and page residue of under three words dropped,
  as are captions, bylines and reader comments that `newsprism.furniture` recognises),
  and every claim clause of the compare stage that is shorter than its sentence; each with its
  verbatim text, article id, offsets, outlet, position in the article, its stemmed terms, the
  story entities it names, its time expressions (TIMEX3 values from the annotations, and what
  the parse says each dates, `extract.anchors`, when the extract stage stored it), the
  numbers it states with the words around them, whether it looks ahead ("will", "is due to")
  or negates, the positions and quotes it is evidence for, and the clauses that the compare
  stage found contradicting it;
- BM25 statistics (document frequencies over the passages) and one sentence vector per passage
  (all-MiniLM-L6-v2; vectors come from the vector cache, the store's text vectors, when the
  compare stage or an earlier build embedded the same text, so a re-run embeds nothing);
- the story's entities with their aliases (question words are matched to them);
- a pool of candidate questions that the index answers (suggestions and follow-ups), and the
  answers to the first of them (what the report shows), so an unchanged story is not asked
  again.

`index_key` names what an index is built from (the articles, their annotations, the story's
analysis, the encoder, and the version and source of this package); the pipeline stores the
index under it and loads it instead of building while the key stays the same. Known limits:
clause passages exist only where the extract stage split a sentence into claims; numbers are
found by a pattern, not a parser.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from newsprism.ask.terms import content_stems, stem, tokens
from newsprism.confidence import FLOORS, shown
from newsprism.embedding import encode_stored, text_key
from newsprism.furniture import furniture, inside
from newsprism.model import (
    Annotation,
    Answer,
    Article,
    CitedSentence,
    Span,
    Story,
    TimeAnchor,
    TimeMention,
    content_id,
    word_set,
)

if TYPE_CHECKING:
    from newsprism.embedding import Encoder, VectorCache

INDEX_VERSION = "ask-index-4"  # 3: suggested answers stored with the index; 4: date roles
DIMENSIONS = 384  # all-MiniLM-L6-v2's vector width, when nothing is stored to read it from
_MAGIC = b"NPASKIX1"

Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    """A time expression inside a passage (offsets into the article text)."""

    start: int
    end: int
    text: str
    value: str
    granularity: str
    type: str
    mod: str | None = None
    # what the expression dates, from the parse (`extract.anchors`): "predicate" / "argument"
    # (the time of the clause's own event), "embedded" / "nominal" / "none" (a side mention,
    # a name, a dateline); "" when the index was built without the parse
    role: str = ""
    tense: str = ""  # the dated verb's tense: past | present | future | ""
    verb: str = ""  # the dated verb as written ("said", "met"), "" when none or no parse


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberMention:
    """A number a passage states: its value, its words as printed, and the stems of up to three
    words after it and two before it (what it counts: "46 detainees", "population of 80,000");
    fractions ("a quarter", "half") and percentages count too."""

    start: int
    end: int
    text: str
    value: float
    after: tuple[str, ...]
    before: tuple[str, ...]
    money: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class NamedMention:
    """A mention of a story entity inside a passage."""

    entity: int  # index into StoryIndex.entities
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Conflict:
    """Another passage that the compare stage found contradicting this one, and on what."""

    passage: int
    slot: str
    value: str
    other_value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Passage:
    """A sentence or clause of one article, with what answering looks at."""

    id: int
    article_id: str
    start: int
    end: int
    text: str
    outlet: str
    kind: str  # "sentence" | "clause"
    sentence: int  # the id of the sentence passage it belongs to (its own id for a sentence)
    published: str | None  # the article's publication date (ISO), when known
    order: int  # the sentence's position in its article (0 = the first)
    terms: tuple[str, ...]
    names: tuple[NamedMention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    numbers: tuple[NumberMention, ...] = ()
    forecast: bool = False
    negated: bool = False
    roles: tuple[str, ...] = ()  # "demand:<entity index>", "quote:<entity index>", …
    conflicts: tuple[Conflict, ...] = ()

    @property
    def span(self) -> Span:
        return Span(article_id=self.article_id, start=self.start, end=self.end)

    @property
    def entities(self) -> frozenset[int]:
        return frozenset(n.entity for n in self.names)


@dataclass(frozen=True, slots=True, kw_only=True)
class IndexedEntity:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: int


@dataclass(frozen=True, slots=True, kw_only=True, eq=False, weakref_slot=True)
class StoryIndex:
    """Everything `answer_question` needs about one story. `vectors` has one unit row per
    passage (None when built without an encoder); `postings` maps a term to (passage, count)
    pairs; `questions` are candidate questions this index answers, most salient first."""

    story_id: str
    key: str
    title: str | None
    encoder_id: str | None
    passages: tuple[Passage, ...]
    entities: tuple[IndexedEntity, ...]
    days: tuple[str, ...]  # publication dates of the articles (ISO), sorted
    vectors: Vectors | None
    questions: tuple[str, ...] = ()
    question_vectors: Vectors | None = None  # one row per question, when vectors exist
    answers: tuple[Answer, ...] = ()  # the first suggested questions, answered at build time
    df: Mapping[str, int] = field(default_factory=dict)
    postings: Mapping[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    clauses: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    mean_length: float = 1.0
    by_order: Mapping[tuple[str, int], int] = field(default_factory=dict)
    article_entities: Mapping[str, frozenset[int]] = field(default_factory=dict)
    dated: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # "2025", "2025-09", …
    roled: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # "demand", "quote", …

    @property
    def size(self) -> int:
        return len(self.passages)


def entity_term(index: int) -> str:
    """The BM25 term that stands for a story entity, whatever name a passage uses for it."""
    return f"@{index}"


# --- building -------------------------------------------------------------------------------


@cache
def code_version() -> str:
    """The index format's version and a digest of this package's source: an index (and its
    pool of verified questions) made by other code is rebuilt, not reused."""
    folder = Path(__file__).resolve().parent
    sources = sorted(folder.glob("*.py"))
    return content_id(INDEX_VERSION, *(p.read_text(encoding="utf-8") for p in sources))


def index_key(
    story: Story,
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    encoder: Encoder | None,
    anchored: Mapping[str, Sequence[TimeAnchor]] | None = None,
) -> str:
    """A hash of everything the index is built from (`anchored`: the time anchors it reads)."""
    by_id = {a.id: a for a in articles}
    parts = [code_version(), encoder.id if encoder else "-", story.id, story.title or ""]
    for ann in annotations:
        a = by_id.get(ann.article_id)
        if a is None:
            continue
        parts.append(f"{a.id}|{a.source}|{a.published.value if a.published else ''}")
        parts.append(",".join(f"{s.start}:{s.end}" for s in ann.sentences))
        parts.append(",".join(f"{t.span.start}:{t.span.end}:{t.value}" for t in ann.times))
        if anchored and ann.article_id in anchored:
            parts.append(
                ",".join(
                    f"{a.time[0]}:{a.value}:{a.role}:{a.tense}" for a in anchored[ann.article_id]
                )
            )
    for e in story.entities:
        parts.append(f"{e.id}|{e.name}|{e.kind}|{'|'.join(e.aliases)}|")
        parts.append(",".join(f"{m.article_id}:{m.start}" for m in e.mentions))
    for c in story.claims:
        parts.append(
            f"{c.id}|{c.kind}|" + ",".join(f"{s.article_id}:{s.start}" for s in c.evidence)
        )
        parts.append(",".join(f"{k.claim}:{k.slot}" for k in c.conflicts))
    for p in story.positions:
        parts.append(f"{p.id}|{p.actor}|{p.kind}|" + ",".join(f"{s.start}" for s in p.evidence))
        parts.append(f"{getattr(p, 'confidence', None)}")
    for q in story.quotes:
        parts.append(f"{q.id}|{q.speaker}|" + ",".join(f"{s.start}" for s in q.evidence))
        parts.append(f"{getattr(q, 'confidence', None)}")
    return content_id(*parts)


_FORECAST = re.compile(
    r"\b(?:will|won['’]t|shall|(?:is|are|was|were) (?:due|expected|set|scheduled|to be|poised)"
    r"|going to|plans? to|intends? to|should be|is to be|are to be)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor)\b|n['’]t\b", re.I)
_HEADING_END = (".", "!", "?", '"', "”", "’", "'", ")", ":", ";")

_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "dozens": 24,
    "hundreds": 200,
    "thousands": 2000,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
_FRACTIONS = {
    "half": 0.5,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "two thirds": 2 / 3,
    "two-thirds": 2 / 3,
    "a quarter": 0.25,
    "one quarter": 0.25,
    "three quarters": 0.75,
    "three-quarters": 0.75,
}
_NUMBER = re.compile(
    r"(?P<cur>[$€£])?\s?(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn)\b|\s?(?P<pct>%|per ?cent\b))?"
    r"|\b(?P<frac>" + "|".join(sorted(_FRACTIONS, key=len, reverse=True)) + r")\b"
    r"|\b(?P<word>" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"
    r"(?:[\s-](?P<wscale>thousand|million|billion))?",
    re.IGNORECASE,
)
_MONEY_WORDS = frozenset(stem(w) for w in word_set("euro euros dollar dollars pound pounds"))


def build_index(
    story: Story,
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    encoder: Encoder | None,
    cache: VectorCache | None,
    *,
    key: str = "",
    anchored: Mapping[str, Sequence[TimeAnchor]] | None = None,
) -> StoryIndex:
    """A fresh index (no lookup of a stored index; text vectors are reused from the cache).
    `anchored` (article id -> the parse's `TimeAnchor`s, from the extract stage) tells each
    time expression's role and tense and gives a weekday's value as its verb's tense places
    it; without it dates carry no role."""
    by_id = {a.id: a for a in articles}
    anchor_at = {(aid, *a.time): a for aid, found in (anchored or {}).items() for a in found}
    entities = tuple(
        IndexedEntity(
            id=e.id, name=e.name, kind=e.kind, aliases=e.aliases, mentions=len(e.mentions)
        )
        for e in story.entities
    )
    entity_of = {e.id: i for i, e in enumerate(story.entities)}
    mentions: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for i, e in enumerate(story.entities):
        for m in e.mentions:
            mentions[m.article_id].append((m.start, m.end, i))
    roles: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    # positions and quote speakers under their confidence floors are not what a reader sees,
    # so no answer (and no suggested question) rests on them; records without a confidence
    # (made before stages gave one) count as shown
    for p in story.positions:
        if p.actor in entity_of and shown(getattr(p, "confidence", None), FLOORS.position):
            for s in (*p.evidence, *p.stance_spans):
                roles[s.article_id].append((s.start, s.end, f"{p.kind}:{entity_of[p.actor]}"))
    for q in story.quotes:
        if q.speaker in entity_of and shown(getattr(q, "confidence", None), FLOORS.quote_speaker):
            # the speaker's words are the quote's content; its evidence may run on into the
            # next sentence ("… changing." / "Cowan said Patrick offered him the job"), whose
            # words are not the speaker's
            for s in q.content or q.evidence:
                roles[s.article_id].append((s.start, s.end, f"quote:{entity_of[q.speaker]}"))

    drafts: list[dict[str, Any]] = []
    where: dict[tuple[str, int, int], int] = {}
    sentence_at: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    days = []
    zones: dict[str, tuple[tuple[int, int], ...]] = {}
    for ann in annotations:
        article = by_id.get(ann.article_id)
        if article is None or not article.analysed or article.duplicate_of:
            continue
        if article.published:
            days.append(article.published.value[:10])
        order = 0
        zones[article.id] = _with_comments(furniture(article.text), article.text)
        for sentence in ann.sentences:
            for start, end in _pieces(article.text, sentence.start, sentence.end):
                if _within(zones[article.id], start, end):
                    continue  # a caption, byline or reader comment is not the outlet's report
                n = len(drafts)
                drafts.append(
                    {
                        "a": article,
                        "start": start,
                        "end": end,
                        "kind": "sentence",
                        "sentence": n,
                        "order": order,
                        "forecast": None,
                    }
                )
                where[(article.id, start, end)] = n
                sentence_at[article.id].append((start, end, n))
                order += 1
    clause_of_claim: dict[str, list[int]] = defaultdict(list)
    for claim in story.claims:
        for s in claim.evidence:
            article = by_id.get(s.article_id)
            if article is None or s.article_id not in sentence_at:
                continue
            start, end = _trim(article.text, s.start, s.end)
            home = next(
                (n for a, b, n in sentence_at[s.article_id] if a <= start and end <= b), None
            )
            if home is None or len(tokens(article.text[start:end])) < 3:
                continue
            if (s.article_id, start, end) in where:
                n = where[(s.article_id, start, end)]
            else:
                n = len(drafts)
                drafts.append(
                    {
                        "a": article,
                        "start": start,
                        "end": end,
                        "kind": "clause",
                        "sentence": home,
                        "order": drafts[home]["order"],
                        "forecast": None,
                    }
                )
                where[(s.article_id, start, end)] = n
            if drafts[n]["kind"] == "clause":
                drafts[n]["forecast"] = claim.kind == "forecast"
            clause_of_claim[claim.id].append(n)
    conflicts: dict[int, list[Conflict]] = defaultdict(list)
    for claim in story.claims:
        for k in claim.conflicts:
            for mine in clause_of_claim.get(claim.id, ()):
                for theirs in clause_of_claim.get(k.claim, ()):
                    conflict = Conflict(
                        passage=theirs, slot=k.slot, value=k.value, other_value=k.other_value
                    )
                    conflicts[mine].append(conflict)
                    home = drafts[mine]["sentence"]
                    if home != mine:
                        conflicts[home].append(conflict)

    times_of = {ann.article_id: ann.times for ann in annotations}
    stated = {
        d["sentence"]: True for d in drafts if d["kind"] == "clause" and d["forecast"] is False
    }
    passages = []
    for n, d in enumerate(drafts):
        article, start, end = d["a"], d["start"], d["end"]
        text = article.text[start:end]
        names = tuple(
            NamedMention(entity=i, start=a, end=b)
            for a, b, i in sorted(mentions.get(article.id, ()))
            if start <= a and b <= end
        )
        dates = tuple(
            _date_mention(t, anchor_at.get((article.id, t.span.start, t.span.end)), article.text)
            for t in times_of.get(article.id, ())
            if start <= t.span.start
            and t.span.end <= end
            # a dateline's or stamp's date inside a sentence dates the page, not an event
            and not inside(zones.get(article.id, ()), t.span.start, t.span.end)
        )
        terms = content_stems(_unnamed(text, start, names))
        terms += [entity_term(m.entity) for m in names]
        forecast = d["forecast"] if d["forecast"] is not None else bool(_FORECAST.search(text))
        if d["kind"] == "sentence" and forecast and stated.get(n):
            forecast = False  # a clause of it states a fact (the future is in another clause)
        passages.append(
            Passage(
                id=n,
                article_id=article.id,
                start=start,
                end=end,
                text=text,
                outlet=article.source,
                published=article.published.value[:10] if article.published else None,
                kind=d["kind"],
                sentence=d["sentence"],
                order=d["order"],
                terms=tuple(terms),
                names=names,
                dates=dates,
                numbers=_numbers(text, start, dates),
                forecast=forecast,
                negated=bool(_NEGATION.search(text)),
                roles=tuple(
                    sorted({r for a, b, r in roles.get(article.id, ()) if a < end and b > start})
                ),
                conflicts=tuple(dict.fromkeys(conflicts.get(n, ()))),
            )
        )
    vectors = _vectors(passages, encoder, cache) if encoder is not None else None
    return assemble(
        story_id=story.id,
        key=key,
        title=story.title,
        encoder_id=encoder.id if encoder else None,
        passages=tuple(passages),
        entities=entities,
        days=tuple(sorted(days)),
        vectors=vectors,
    )


def assemble(
    *,
    story_id: str,
    key: str,
    title: str | None,
    encoder_id: str | None,
    passages: tuple[Passage, ...],
    entities: tuple[IndexedEntity, ...],
    days: tuple[str, ...],
    vectors: Vectors | None,
    questions: tuple[str, ...] = (),
    question_vectors: Vectors | None = None,
    answers: tuple[Answer, ...] = (),
) -> StoryIndex:
    """An index with its derived tables (document frequencies, postings, clauses) filled."""
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for p in passages:
        counts: dict[str, int] = {}
        for t in p.terms:
            counts[t] = counts.get(t, 0) + 1
        for t, c in counts.items():
            postings[t].append((p.id, c))
    clauses: dict[int, list[int]] = defaultdict(list)
    for p in passages:
        if p.kind == "clause":
            clauses[p.sentence].append(p.id)
    mean = sum(len(p.terms) for p in passages) / max(len(passages), 1)
    by_order = {(p.article_id, p.order): p.id for p in passages if p.kind == "sentence"}
    named: dict[str, set[int]] = defaultdict(set)
    dated: dict[str, dict[int, None]] = defaultdict(dict)
    roled: dict[str, dict[int, None]] = defaultdict(dict)
    for p in passages:
        named[p.article_id] |= p.entities
        for d in p.dates:
            if d.value[:1].isdigit():
                for prefix in {d.value[:4], d.value[:7], d.value[:10]}:
                    dated[prefix][p.id] = None
        for role in p.roles:
            roled[role.partition(":")[0]][p.id] = None
    return StoryIndex(
        story_id=story_id,
        key=key,
        title=title,
        encoder_id=encoder_id,
        passages=passages,
        entities=entities,
        days=days,
        vectors=vectors,
        questions=questions,
        question_vectors=question_vectors,
        answers=answers,
        df={t: len(v) for t, v in postings.items()},
        postings={t: tuple(v) for t, v in postings.items()},
        clauses={k: tuple(v) for k, v in clauses.items()},
        mean_length=max(mean, 1.0),
        by_order=by_order,
        article_entities={k: frozenset(v) for k, v in named.items()},
        dated={k: tuple(v) for k, v in dated.items()},
        roled={k: tuple(v) for k, v in roled.items()},
    )


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence span cut at line breaks and trimmed; headings and residue lines (under three
    words, or a short line with no closing punctuation) are left out, and so is a dateline or
    photo credit in front of the sentence."""
    out = []
    offset = start
    for line in text[start:end].split("\n"):
        a, b = _trim(text, offset, offset + len(line))
        a = _without_lead_residue(text, a, b)
        offset += len(line) + 1
        words = len(tokens(text[a:b]))
        if words < 3 or (words < 7 and not text[a:b].endswith(_HEADING_END)):
            continue
        out.append((a, b))
    return out


_LEAD_RESIDUE = (
    # "NEW YORK | Mon Apr 27, 2009 11:34 pm BST NEW YORK (Reuters) - ", "GENEVA, Sept 11 (Wire) - "
    re.compile(
        r"^[^a-z|]{0,40}(?:[A-Z][a-z]{2,4}\.? \d{1,2}\s*)?(?:\|[^(]{0,60})?"
        r"\([^)]{2,40}\)\s*[-—–]+\s+"
    ),
    # "GENEVA — ", "SAINT-AUBEL — "
    re.compile(r"^[A-Z][A-Z .'/-]{1,30}\s+[-—–]{1,2}\s+"),
    # "Photograph: Mike Clarke/AFP/Getty Images "
    re.compile(r"^Photograph:\s+(?:\S+\s+){0,6}\S*(?:Images|AFP|AP|Reuters|PA)\s+"),
)


def _without_lead_residue(text: str, start: int, end: int) -> int:
    """Where a sentence starts once a dateline or photo credit before it is left out."""
    for pattern in _LEAD_RESIDUE:
        m = pattern.match(text, start, end)
        if m and len(tokens(text[m.end() : end])) >= 3:
            return m.end()
    return start


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _unnamed(text: str, offset: int, names: Sequence[NamedMention]) -> str:
    """The text with entity mentions blanked, so a name counts once, as its entity term."""
    chars = list(text)
    for m in names:
        for i in range(m.start - offset, m.end - offset):
            chars[i] = " "
    return "".join(chars)


# a stamped reader comment as a news site prints it: "At 4:15 pm on 11 Jun 2009, JamesJester
# wrote:" or "April 8, 2011 at 12:05 pm | Reply"; two of them mark a comment section, which
# runs to the end of the page
_COMMENT_LEAD = re.compile(
    r"\bAt \d{1,2}[:.]\d{2}\s*[ap]\.?m\.? on \d{1,2} [A-Z][a-z]{2,8} \d{4}, [^\n:,]{1,60} wrote:"
    r"|\b[A-Z][a-z]{2,8} \d{1,2}, \d{4} at \d{1,2}:\d{2}\s*[ap]m \| Reply\b"
)


def _with_comments(zones: tuple[tuple[int, int], ...], text: str) -> tuple[tuple[int, int], ...]:
    """`zones` and, when the text holds two or more stamped reader comments, everything from
    the first of them on (the ask index's own reading: what readers wrote is not the outlet's
    report, and answers cite the outlet)."""
    stamps = list(_COMMENT_LEAD.finditer(text))
    if len(stamps) < 2:
        return zones
    first = stamps[0].start()
    line = text.rfind("\n", 0, first) + 1
    start = line if first - line <= 60 else first  # the commenter's name before the stamp
    return tuple(sorted([*zones, (start, len(text))]))


def _within(zones: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies wholly inside one of the sorted, merged `zones`."""
    return any(a <= start and end <= b for a, b in zones)


def _date_mention(t: TimeMention, anchor: TimeAnchor | None, text: str) -> DateMention:
    """A passage's time expression, with what the parse says it dates when there is a parse
    (a weekday then takes the value its verb's tense gives it: "said on Monday" the Monday
    before publication, "meets on Thursday" the one after)."""
    return DateMention(
        start=t.span.start,
        end=t.span.end,
        text=t.text,
        value=anchor.value if anchor is not None else t.value,
        granularity=t.granularity,
        type=t.type,
        mod=t.mod,
        role=anchor.role if anchor is not None else "",
        tense=anchor.tense if anchor is not None else "",
        verb=text[anchor.predicate[0] : anchor.predicate[1]]
        if anchor is not None and anchor.predicate is not None
        else "",
    )


def _numbers(text: str, offset: int, dates: Sequence[DateMention]) -> tuple[NumberMention, ...]:
    taken = [(d.start - offset, d.end - offset) for d in dates]
    out = []
    for m in _NUMBER.finditer(text):
        a, b = m.span()
        while a < b and text[a].isspace():
            a += 1
        if any(x < b and a < y for x, y in taken):
            continue  # part of a date or duration
        if m.group("num"):
            raw = m.group("num").replace(",", "")
            value = float(raw)
            scale = m.group("scale")
            if scale:
                value *= _SCALES[scale.lower()]
            elif 1900 <= value <= 2100 and "." not in raw and "," not in m.group("num"):
                continue  # a year the time tagger did not take
        elif m.group("frac"):
            value = _FRACTIONS[m.group("frac").lower()]
        else:
            value = float(_NUMBER_WORDS[m.group("word").lower()])
            if m.group("wscale"):
                value *= _SCALES[m.group("wscale").lower()]
        # what it counts: "46 detainees", "a quarter of Valdoria's foreign trade"
        after = tuple(stem(w) for w in tokens(text[b : b + 80]) if w != "s")[:4]
        before = tuple(stem(w) for w in tokens(text[max(0, a - 40) : a])[-2:])
        money = bool(m.group("cur")) or any(w in _MONEY_WORDS for w in after[:2])
        out.append(
            NumberMention(
                start=offset + a,
                end=offset + b,
                text=text[a:b],
                value=value,
                after=after,
                before=before,
                money=money,
            )
        )
    return tuple(out)


def _vectors(passages: Sequence[Passage], encoder: Encoder, cache: VectorCache | None) -> Vectors:
    """One unit vector per passage, embedding as little as possible: a vector already in the
    cache under the passage's text is reused (a re-run embeds nothing); a sentence with a
    clause nearly as long as itself takes the clause's stored vector (the compare stage
    embedded the claim), and such a clause shares its sentence's vector otherwise; shorter
    clauses are embedded on their own."""
    text = {p.id: " ".join(p.text.split()) for p in passages}
    long_clause: dict[int, int] = {}  # sentence -> its clause nearly as long as itself
    short = []
    for p in passages:
        if p.kind == "clause":
            home = passages[p.sentence]
            if len(p.terms) >= 0.75 * max(len(home.terms), 1):
                long_clause.setdefault(home.id, p.id)
            else:
                short.append(p.id)
    stored: dict[str, Vectors] = {}
    if cache is not None:
        keys = [text_key(encoder, t) for t in text.values()]
        stored = cache.get_text_vectors(list(dict.fromkeys(keys)))
    width = next(iter(stored.values())).shape[0] if stored else DIMENSIONS
    out = np.zeros((len(passages), width), dtype=np.float32)
    todo: list[int] = []
    for p in passages:
        if p.kind != "sentence":
            continue
        own = stored.get(text_key(encoder, text[p.id]))
        if own is None and p.id in long_clause:
            own = stored.get(text_key(encoder, text[long_clause[p.id]]))
        if own is not None:
            out[p.id] = own
        else:
            todo.append(p.id)
    todo += [i for i in short if text_key(encoder, text[i]) not in stored]
    for i in short:
        found = stored.get(text_key(encoder, text[i]))
        if found is not None:
            out[i] = found
    if todo:
        out[todo] = encode_stored(encoder, [text[i] for i in todo], cache)
    for p in passages:
        if p.kind == "clause" and p.id not in short:
            found = stored.get(text_key(encoder, text[p.id]))
            out[p.id] = found if found is not None else out[p.sentence]
    return out


# --- storing --------------------------------------------------------------------------------


def dump_index(index: StoryIndex) -> bytes:
    """The index as bytes: a magic tag, compressed JSON, then the vectors as float16."""
    vocab: dict[str, int] = {}
    article_no: dict[str, int] = {}
    articles: list[list[str | None]] = []
    rows = []
    for p in index.passages:
        if p.article_id not in article_no:
            article_no[p.article_id] = len(articles)
            articles.append([p.article_id, p.outlet, p.published])
        rows.append(
            [
                article_no[p.article_id],
                p.start,
                p.end,
                p.text,
                p.kind == "clause",
                p.sentence,
                p.order,
                [vocab.setdefault(t, len(vocab)) for t in p.terms],
                [[m.entity, m.start, m.end] for m in p.names],
                [
                    [
                        d.start,
                        d.end,
                        d.text,
                        d.value,
                        d.granularity,
                        d.type,
                        d.mod,
                        d.role,
                        d.tense,
                        d.verb,
                    ]
                    for d in p.dates
                ],
                [
                    [n.start, n.end, n.text, n.value, list(n.after), list(n.before), n.money]
                    for n in p.numbers
                ],
                int(p.forecast) | int(p.negated) << 1,
                list(p.roles),
                [[c.passage, c.slot, c.value, c.other_value] for c in p.conflicts],
            ]
        )
    head = {
        "version": INDEX_VERSION,
        "story_id": index.story_id,
        "key": index.key,
        "title": index.title,
        "encoder_id": index.encoder_id,
        "days": list(index.days),
        "questions": list(index.questions),
        "answers": [_answer_row(a) for a in index.answers],
        "entities": [[e.id, e.name, e.kind, list(e.aliases), e.mentions] for e in index.entities],
        "articles": articles,
        "vocab": list(vocab),
        "passages": rows,
        "vectors": index.vectors is not None,
        "question_vectors": index.question_vectors is not None,
    }
    packed = zlib.compress(json.dumps(head, ensure_ascii=False).encode("utf-8"), 6)
    body = b""
    if index.vectors is not None:
        body = index.vectors.astype(np.float16).tobytes()
    if index.question_vectors is not None:
        body += index.question_vectors.astype(np.float16).tobytes()
    return _MAGIC + struct.pack("<I", len(packed)) + packed + body


def load_index(data: bytes) -> StoryIndex:
    """An index from `dump_index` bytes; ValueError when they are not one of this version."""
    if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + 4:
        raise ValueError("not a newsprism ask index")
    (length,) = struct.unpack_from("<I", data, len(_MAGIC))
    first = len(_MAGIC) + 4
    try:
        head = json.loads(zlib.decompress(data[first : first + length]).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"damaged ask index ({exc})") from exc
    if not isinstance(head, dict) or head.get("version") != INDEX_VERSION:
        found = head.get("version") if isinstance(head, dict) else None
        raise ValueError(f"ask index of version {found}, not {INDEX_VERSION}")
    try:
        return _from_head(head, data, first + length)
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise ValueError(f"damaged ask index ({exc!r})") from exc


def _from_head(head: dict[str, Any], data: bytes, offset: int) -> StoryIndex:
    vocab = head["vocab"]
    articles = head["articles"]
    passages = []
    for n, row in enumerate(head["passages"]):
        art, start, end, text, clause, sentence, order, terms, names, dates, numbers = row[:11]
        flags, roles, conflicts = row[11:]
        passages.append(
            Passage(
                id=n,
                article_id=articles[art][0],
                start=start,
                end=end,
                text=text,
                outlet=articles[art][1],
                published=articles[art][2],
                kind="clause" if clause else "sentence",
                sentence=sentence,
                order=order,
                terms=tuple(vocab[t] for t in terms),
                names=tuple(NamedMention(entity=e, start=a, end=b) for e, a, b in names),
                dates=tuple(
                    DateMention(
                        start=a,
                        end=b,
                        text=t,
                        value=v,
                        granularity=g,
                        type=y,
                        mod=m,
                        role=r,
                        tense=x,
                        verb=w,
                    )
                    for a, b, t, v, g, y, m, r, x, w in dates
                ),
                numbers=tuple(
                    NumberMention(
                        start=a, end=b, text=t, value=v, after=tuple(f), before=tuple(p), money=mo
                    )
                    for a, b, t, v, f, p, mo in numbers
                ),
                forecast=bool(flags & 1),
                negated=bool(flags & 2),
                roles=tuple(roles),
                conflicts=tuple(
                    Conflict(passage=c, slot=s, value=v, other_value=o) for c, s, v, o in conflicts
                ),
            )
        )
    vectors = question_vectors = None
    raw = np.frombuffer(data, dtype=np.float16, offset=offset)
    rows = len(passages) * int(bool(head["vectors"]))
    asked = len(head["questions"]) * int(bool(head.get("question_vectors")))
    if rows + asked:
        width = raw.size // (rows + asked)
        if width * (rows + asked) != raw.size:
            raise ValueError("damaged ask index (vector block of the wrong size)")
        block = raw.astype(np.float32).reshape(rows + asked, width)
        vectors = block[:rows] if rows else None
        question_vectors = block[rows:] if asked else None
    return assemble(
        story_id=head["story_id"],
        key=head["key"],
        title=head["title"],
        encoder_id=head["encoder_id"],
        passages=tuple(passages),
        entities=tuple(
            IndexedEntity(id=i, name=nm, kind=k, aliases=tuple(al), mentions=c)
            for i, nm, k, al, c in head["entities"]
        ),
        days=tuple(head["days"]),
        vectors=vectors,
        questions=tuple(head["questions"]),
        question_vectors=question_vectors,
        answers=tuple(_answer_from_row(r) for r in head["answers"]),
    )


def _answer_row(a: Answer) -> list[Any]:
    """A stored answer as a JSON row (the extractive answer: the LLM writer's is never kept)."""
    sentences = [
        [
            s.text,
            [[c.article_id, c.start, c.end] for c in s.citations],
            s.frame,
            s.kind,
            list(s.sources),
            s.writer,
        ]
        for s in a.sentences
    ]
    return [
        a.question,
        a.refused,
        sentences,
        a.value,
        a.value_kind,
        a.disagreement,
        list(a.follow_ups),
        a.story_id,
        a.confidence,
    ]


def _answer_from_row(row: list[Any]) -> Answer:
    question, refused, sentences, value, value_kind, disagreement, follow_ups, story, conf = row
    return Answer(
        question=question,
        refused=bool(refused),
        sentences=tuple(
            CitedSentence(
                text=text,
                citations=tuple(Span(article_id=a, start=b, end=c) for a, b, c in spans),
                frame=frame,
                kind=kind,
                sources=tuple(sources),
                writer=writer,
            )
            for text, spans, frame, kind, sources, writer in sentences
        ),
        value=value,
        value_kind=value_kind,
        disagreement=bool(disagreement),
        follow_ups=tuple(follow_ups),
        story_id=story,
        confidence=conf,
    )
