"""The extractive brief: six sections written from the sources' own sentences and clauses.

    sections = compose_sections(story, articles, annotations, extractions, timeline, encoder)

Input: a story after the compare stage (entities, quotes, events, positions, claims), its
articles, annotations and extractions, and its merged timeline. Output: `BriefSection`s in the
contract's order, each sentence a `CitedSentence` whose text after its frame is a verbatim
slice of the span it cites (its first letter may be capitalised).

How each section is chosen:
- Units are the sentences of the story's original articles, with a heading run into the
  sentence or a leading connective ("However, ") trimmed off, and a sentence over
  `LONG_WORDS` words cut to its main claim clause. Each unit knows its outlet, the kinds of
  the claims in it (fact / opinion / forecast), its time values and the entities it names.
- Centrality is the cosine of a unit's vector to the mean vector of all units. Selection is
  round-robin over outlets (best remaining unit of each outlet in turn), skipping a unit too
  close to one already chosen (`DUPLICATE` cosine) or already used in another section, so a
  section draws on every outlet that has something to say on it, not only the longest.
- Introduction & Context (chosen first): lead sentences (each article's first
  `LEAD_SENTENCES`, the earlier the better) and sentences dated to the core event's day (the
  most-reported day of the timeline near the publication dates), favouring ones that name
  several actors, facts over opinions and forecasts, and narration over reported speech;
  sentences holding a direct quotation are left to the stakeholders and voices.
- Background & History: timeline entries before the core event's week, the most-reported of
  each outlet, in date order.
- Key Stakeholders & Perspectives: per actor with positions (most-reported first), a sentence
  that introduces it (its name opens the sentence), its positions in the sentences that state
  them, and one direct quote of its own. The frame is the actor's name.
- Analysis & Implications: the outlets' own assessments (opinion claims, no speaker),
  attributed to the outlet ("According to X: "), then each contradiction found by the
  compare stage as two sentences, one per side.
- Looking Ahead: timeline entries after the latest publication day ("Coming up: "), then the
  outlets' forecast claims, marked "Forecast (X): ".
- Voices: direct quotes (then reported speech) of distinct named speakers, "Speaker said: “…”".
A section with nothing to say gets a one-line `note` instead of padding.

Known limits: selection is lexical-semantic, not a reading of the story: a central sentence
can still be a side remark, and an outlet's analysis is recognised by its claim kinds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from newsprism.citations import check_sentence
from newsprism.cluster.embed import Encoder, Vectors, encode_stored
from newsprism.compare.claims import embedding_text
from newsprism.compose.timeline import GRANULARITY_RANK, date_range
from newsprism.model import (
    Annotation,
    Article,
    BriefSection,
    CitedSentence,
    Claim,
    Position,
    Quote,
    Span,
    Story,
    TimelineEntry,
    word_set,
)

if TYPE_CHECKING:
    from newsprism.extract import ArticleExtraction
    from newsprism.extract.claims import FoundClaim
    from newsprism.store import Store

T = TypeVar("T")
SECTIONS: tuple[tuple[str, str], ...] = (
    ("context", "Introduction & Context"),
    ("background", "Background & History"),
    ("stakeholders", "Key Stakeholders & Perspectives"),
    ("analysis", "Analysis & Implications"),
    ("outlook", "Looking Ahead"),
    ("perspectives", "Voices"),
)
EMPTY_NOTES = {
    "context": "The sources give no statement of the core event.",
    "background": "The sources date nothing before the story's own days.",
    "stakeholders": "The sources attribute no demands, offers or refusals to a named actor.",
    "analysis": "The outlets offer no assessments of their own, and no contradictions were found.",
    "outlook": "The sources make no forecasts.",
    "perspectives": "The sources quote no named speaker.",
}
LEAD_SENTENCES = 3
LEAD_WEIGHT = 0.06  # news puts the core event first: each later sentence scores this less
LONG_WORDS = 45
MIN_WORDS = 6
OPENING_CHARS = 40  # a sentence is about an actor named this close to its start
DUPLICATE = 0.82
CONTEXT_SIZE = 5
BACKGROUND_SIZE = 6
ACTORS = 7
PER_ACTOR = 3  # an introduction and two positions, then one quote of its own
ANALYSIS_SIZE = 5
DISAGREEMENTS = 3
OUTLOOK_SIZE = 5
VOICES = 6
ACTOR_KINDS = frozenset({"person", "state", "organisation", "group"})
DEMANDS = ("demand", "condition")
OFFERS = ("offer", "accepts", "commitment", "supports")
RED_LINES = ("rejects", "threat")
KIND_ORDER = {k: i for i, k in enumerate((*DEMANDS, *RED_LINES, *OFFERS))}
# cues that read well before a colon; any other ("called it") is rendered as "said"
SPEECH_VERBS = word_set(
    """said says added warned stated wrote insisted argued noted declared announced
    suggested explained stressed urged replied promised vowed admitted claimed"""
)
_LEADING = re.compile(
    r"^(?:however|but|yet|meanwhile|still|moreover|furthermore|indeed|instead|in addition|"
    r"at the same time|in the end|for instance|for example|in contrast|thus|so|and)\s*,?\s+",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[\s\-–—•*·]+")
_UNNAMED = re.compile(r"^[\w.-]*\d[\w.-]*$")  # a file stem standing in for an unknown outlet


@dataclass(slots=True)
class _Unit:
    article: str
    source: str
    start: int
    end: int
    text: str
    rank: int  # the sentence's place in its article
    kinds: set[str] = field(default_factory=set)
    attributed: bool = False  # a claim in it is reported speech
    quoted: bool = False  # it holds a direct quotation the extract stage attributed
    hedged: bool = False
    dates: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    centrality: float = 0.0
    row: int = 0
    embedded: tuple[str, ...] = ()  # what the compare stage embedded of its claims
    parts: tuple[tuple[int, int, str], ...] = ()  # its claims: start, end, kind

    def span(self) -> Span:
        return Span(article_id=self.article, start=self.start, end=self.end)

    def only(self, kind: str, text: str) -> tuple[Span, str] | None:
        """The unit when all its claims are of `kind`, else its longest claim of that kind
        (a forecast clause of a sentence that also narrates), None when that is too short."""
        if all(k == kind for _, _, k in self.parts):
            return self.span(), self.text
        mine = [(a, b) for a, b, k in self.parts if k == kind]
        if not mine:
            return None
        a, b = max(mine, key=lambda r: r[1] - r[0])
        if len(text[a:b].split()) < MIN_WORDS:
            return None
        return Span(article_id=self.article, start=a, end=b), text[a:b]


@dataclass(slots=True)
class _Composer:
    story: Story
    articles: dict[str, Article]
    units: list[_Unit]
    vectors: Vectors
    timeline: Sequence[TimelineEntry]
    names: dict[str, set[str]]
    used: list[Span] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    chosen_rows: list[int] = field(default_factory=list)

    # --- shared machinery -------------------------------------------------------------

    def overlaps_used(self, span: Span) -> bool:
        return any(
            u.article_id == span.article_id and u.start < span.end and span.start < u.end
            for u in self.used
        )

    def near_chosen(self, row: int) -> bool:
        if not self.chosen_rows:
            return False
        return float(np.max(self.vectors[self.chosen_rows] @ self.vectors[row])) >= DUPLICATE

    def pick(self, units: Iterable[_Unit], score: Callable[[_Unit], float], k: int) -> list[_Unit]:
        """Up to k units, round-robin over outlets by score, no near-duplicates."""
        by_outlet: dict[str, list[_Unit]] = defaultdict(list)
        for u in sorted(units, key=lambda u: -score(u)):
            by_outlet[u.source].append(u)
        outlets = sorted(by_outlet, key=lambda o: -score(by_outlet[o][0]))
        out: list[_Unit] = []
        while len(out) < k and any(by_outlet.values()):
            for outlet in outlets:
                queue = by_outlet[outlet]
                while queue:
                    u = queue.pop(0)
                    if self.overlaps_used(u.span()) or self.near_chosen(u.row):
                        continue
                    self.take(u)
                    out.append(u)
                    break
                if len(out) >= k:
                    break
        return out

    def take(self, u: _Unit) -> None:
        self.used.append(u.span())
        self.chosen_rows.append(u.row)

    def sentence(
        self, spans: Sequence[Span], body: str, frame: str = "", kind: str = "fact"
    ) -> CitedSentence | None:
        """A cited sentence, or None when the checker would not accept it."""
        body = body.strip().rstrip(",;:–—-").rstrip()  # a clause cut before its comma
        if not frame:
            body = body[:1].upper() + body[1:]
        sentence = CitedSentence(
            text=frame + body,
            citations=tuple(spans),
            frame=frame,
            kind=kind,
            sources=tuple(dict.fromkeys(s.article_id for s in spans)),
        )
        texts = {s.article_id: self.articles[s.article_id].text for s in spans}
        problems = check_sentence(sentence, texts, self.names)
        if problems:  # left out, and counted, so a frame or trim that fails shows up
            self.rejected.append(f"{'; '.join(problems)} — {sentence.text[:80]!r}")
            return None
        return sentence

    def outlet(self, article_id: str) -> str:
        return self.articles[article_id].source

    def attribution(self, article_id: str) -> str:
        """How a frame names an outlet: its name, or nothing when the name is a file stem."""
        name = self.outlet(article_id)
        return "" if _UNNAMED.match(name) else name

    # --- sections ---------------------------------------------------------------------

    def context(self, core: str | None) -> list[CitedSentence]:
        def score(u: _Unit) -> float:
            return (
                u.centrality
                + (0.15 if core and core in u.dates else 0.0)
                + 0.05 * min(len(u.entities), 3)
                - (0.25 if u.kinds & {"forecast", "opinion", "question"} else 0.0)
                - (0.1 if u.hedged else 0.0)
                - (0.05 if u.attributed else 0.0)
                - LEAD_WEIGHT * u.rank
            )

        pool = [
            u
            for u in self.units
            if (u.rank < LEAD_SENTENCES or (core and core in u.dates)) and not u.quoted
        ]
        chosen = self.pick(pool, score, min(CONTEXT_SIZE, max(3, len(self.sources()))))
        chosen.sort(key=lambda u: (not (core and core in u.dates), -score(u)))
        return [s for u in chosen if (s := self.sentence([u.span()], u.text))]

    def background(self, core: str | None) -> list[CitedSentence]:
        if core:
            cutoff = date_range(core, "day")[0].toordinal() - 7
            entries = [
                e
                for e in self.timeline
                if date_range(e.date, e.granularity)[1].toordinal() < cutoff
            ]
        else:
            entries = [e for e in self.timeline if e.background]
        out: list[tuple[TimelineEntry, CitedSentence]] = []
        by_outlet: dict[str, list[TimelineEntry]] = defaultdict(list)
        # the most-reported first, and of those the most precisely dated
        for e in sorted(entries, key=lambda e: (-len(e.sources), -GRANULARITY_RANK[e.granularity])):
            by_outlet[self.outlet(e.sources[0])].append(e)
        while len(out) < BACKGROUND_SIZE and any(by_outlet.values()):
            for queue in by_outlet.values():
                while queue:
                    e = queue.pop(0)
                    if self.overlaps_used(e.evidence[0]):
                        continue
                    spans = self.supporting(e.evidence, e.text)
                    s = self.sentence(spans, e.text, kind="date")
                    if s:
                        self.used.append(e.evidence[0])
                        out.append((e, s))
                        break
                if len(out) >= BACKGROUND_SIZE:
                    break
        out.sort(key=lambda p: (date_range(p[0].date, p[0].granularity)[0], p[0].granularity))
        return [s for _, s in out]

    def supporting(self, evidence: Sequence[Span], text: str) -> list[Span]:
        """The first span, and any other that supports the same text on its own."""
        spans = [evidence[0]]
        for other in evidence[1:]:
            probe = CitedSentence(text=text, citations=(other,))
            if not check_sentence(probe, {other.article_id: self.articles[other.article_id].text}):
                spans.append(other)
        return spans

    def stakeholders(self) -> list[CitedSentence]:
        by_actor: dict[str, list[Position]] = defaultdict(list)
        for p in self.story.positions:
            by_actor[p.actor].append(p)
        entity = {e.id: e for e in self.story.entities}
        actors = sorted(
            (a for a in by_actor if a in entity and entity[a].kind in ACTOR_KINDS),
            key=lambda a: (
                -len({s for p in by_actor[a] for s in p.sources}),
                -len(entity[a].mentions),
            ),
        )[:ACTORS]
        out: list[CitedSentence] = []
        for actor in actors:
            name = entity[actor].name
            lines: list[CitedSentence] = []
            intro = self.introduction(actor, name)
            if intro:
                lines.append(intro)
            ranked = sorted(
                by_actor[actor], key=lambda p: (-len(p.sources), KIND_ORDER.get(p.kind, 9))
            )
            for p in _round_robin(ranked, key=lambda p: p.sources[0]):
                if len(lines) >= PER_ACTOR:
                    break
                s = self.position_sentence(p, name)
                if s:
                    lines.append(s)
            quote = self.quote_of(actor)
            if quote:
                lines.append(quote)
            out += lines
        return out

    def introduction(self, actor: str, name: str) -> CitedSentence | None:
        mentions = self.opening_mentions(actor)
        opening = [
            u
            for u in self.units
            if actor in u.entities
            and any((u.article, k) in mentions for k in range(u.start, u.start + 3))
            and not u.kinds & {"forecast", "question"}
        ]
        for u in sorted(opening, key=lambda u: -u.centrality):
            if self.overlaps_used(u.span()):
                continue
            s = self.sentence([u.span()], u.text, frame=f"{name}: ", kind="fact")
            if s:
                self.take(u)
                return s
        return None

    def position_sentence(self, p: Position, name: str) -> CitedSentence | None:
        """The sentence that states the position when it is about the actor (the actor is
        named in its opening words) and not too long; else the stance clause itself, labelled
        with the kind of position it is ("Ukraine (demand): …")."""
        opening = self.opening_mentions(p.actor)
        for sentence_span in p.evidence:
            if self.overlaps_used(sentence_span):
                continue
            article = self.articles[sentence_span.article_id]
            text = article.text[sentence_span.start : sentence_span.end].strip()
            about = any(
                (sentence_span.article_id, k) in opening
                for k in range(sentence_span.start, sentence_span.start + OPENING_CHARS)
            )
            if about and MIN_WORDS <= len(text.split()) <= LONG_WORDS:
                span, frame = sentence_span, f"{name}: "
            else:
                own = [s for s in p.stance_spans if s.article_id == sentence_span.article_id]
                if not own:
                    continue
                span, frame = own[0], f"{name} ({p.kind}): "
                text = article.text[span.start : span.end].strip()
                if len(text.split()) < 4:
                    continue
            s = self.sentence(
                [span, sentence_span] if span != sentence_span else [span],
                text,
                frame=frame,
                kind="attributed",
            )
            if s:
                self.used.append(sentence_span)
                return s
        return None

    def opening_mentions(self, actor: str) -> set[tuple[str, int]]:
        """(article, start) of every mention of the actor."""
        return {
            (m.article_id, m.start)
            for e in self.story.entities
            if e.id == actor
            for m in e.mentions
        }

    def quote_of(self, actor: str) -> CitedSentence | None:
        for q in sorted(self.story.quotes, key=lambda q: (-len(q.sources), -len(q.text))):
            if q.speaker == actor and q.direct and len(q.text.split()) >= MIN_WORDS:
                s = self.quote_sentence(q)
                if s:
                    return s
        return None

    def quote_sentence(self, q: Quote) -> CitedSentence | None:
        if any(self.overlaps_used(s) for s in q.content[:1]):
            return None
        entity = {e.id: e.name for e in self.story.entities}
        speaker = entity.get(q.speaker or "") or q.speaker_text
        if not speaker or speaker.casefold() in {"he", "she", "they", "it", "we", "i"}:
            return None
        cue = q.cue.strip()
        article = q.content[0].article_id
        content = [s for s in q.content if s.article_id == article]
        evidence = [s for s in q.evidence if s.article_id == article][:1]
        said = " … ".join(self.articles[article].text[s.start : s.end] for s in content)
        if cue.lower() == "according to":
            frame = f"According to {speaker}: "
        else:
            verb = cue if cue.lower() in SPEECH_VERBS else "said"
            frame = f"{speaker} {verb}: "
        body = f"“{said}”" if q.direct else said
        s = self.sentence([*content, *evidence], body, frame=frame, kind="quote")
        if s:
            self.used.extend(content)
        return s

    def analysis(self) -> list[CitedSentence]:
        pool = [
            u
            for u in self.units
            if "opinion" in u.kinds and not u.attributed | u.quoted and "question" not in u.kinds
        ]
        chosen = self.pick(pool, lambda u: u.centrality, ANALYSIS_SIZE)
        out = self.clauses(chosen, "opinion", "According to {}: ", "", "attributed")
        return out + self.disagreements()

    def clauses(
        self, units: Sequence[_Unit], kind: str, named: str, unnamed: str, written: str
    ) -> list[CitedSentence]:
        """The clause of `kind` of each unit, framed with its outlet's name when it has one."""
        out = []
        for u in units:
            found = u.only(kind, self.articles[u.article].text)
            label = self.attribution(u.article)
            frame = named.format(label) if label else unnamed
            s = found and self.sentence([found[0]], found[1], frame=frame, kind=written)
            if s:
                out.append(s)
        return out

    def disagreements(self) -> list[CitedSentence]:
        """Each contradicted claim once, then the claims that contradict it."""
        by_id = {c.id: c for c in self.story.claims}
        out: list[CitedSentence] = []
        written: set[str] = set()
        groups = 0
        for c in self.story.claims:
            others = [by_id[i] for i in c.conflicts_with if i in by_id and i not in written]
            if not others or c.id in written or groups >= DISAGREEMENTS:
                continue
            first = self.side(c, "{who} reports: ", "One outlet reports: ")
            rest = [
                s
                for o in others
                if (s := self.side(o, "By contrast, {who} reports: ", "Another outlet reports: "))
            ]
            if first and rest:
                out += [first, *rest]
                written |= {c.id, *(o.id for o in others)}
                groups += 1
        return out

    def side(self, claim: Claim, named: str, unnamed: str) -> CitedSentence | None:
        span = claim.evidence[0]
        label = self.attribution(span.article_id)
        frame = named.format(who=label) if label else unnamed
        text = self.articles[span.article_id].text[span.start : span.end]
        return self.sentence([span], text, frame=frame, kind="disagreement")

    def outlook(self, last_day: str | None) -> list[CitedSentence]:
        """What is scheduled after the latest publication day (from the timeline, in date
        order), then the outlets' forecasts."""
        out: list[CitedSentence] = []
        if last_day:
            after = date_range(last_day, "day")[1]
            ahead = [e for e in self.timeline if date_range(e.date, e.granularity)[0] > after]
            # the dates most outlets mention first, and on each date its best-sourced entry
            outlets: dict[str, set[str]] = defaultdict(set)
            for e in ahead:
                outlets[e.date] |= {self.outlet(a) for a in e.sources}
            ahead.sort(key=lambda e: (-len(outlets[e.date]), -len(e.sources)))
            dates: set[str] = set()
            for e in ahead:
                if len(out) >= OUTLOOK_SIZE // 2:
                    break
                if e.date in dates or self.overlaps_used(e.evidence[0]):
                    continue
                s = self.sentence(
                    self.supporting(e.evidence, e.text), e.text, "Coming up: ", "date"
                )
                if s:
                    self.used.append(e.evidence[0])
                    dates.add(e.date)
                    out.append(s)
        pool = [u for u in self.units if "forecast" in u.kinds and not u.attributed | u.quoted]
        size = OUTLOOK_SIZE - len(out)
        chosen = self.pick(pool, lambda u: u.centrality - (0.05 if u.hedged else 0.0), size)
        return out + self.clauses(chosen, "forecast", "Forecast ({}): ", "Forecast: ", "forecast")

    def voices(self) -> list[CitedSentence]:
        entity = {e.id: e for e in self.story.entities}
        quotes = [
            q
            for q in self.story.quotes
            if len(q.text.split()) >= MIN_WORDS
            and (q.speaker in entity or (q.speaker_text and q.speaker_text[:1].isupper()))
        ]
        quotes.sort(key=lambda q: (not q.direct, -len(q.sources), -min(len(q.text.split()), 30)))
        out: list[CitedSentence] = []
        speakers: set[str] = set()
        outlets_used: dict[str, int] = defaultdict(int)
        for q in sorted(quotes, key=lambda q: outlets_used[self.outlet(q.sources[0])]):
            if len(out) >= VOICES:
                break
            who = q.speaker or q.speaker_text.casefold()
            if who in speakers:
                continue
            s = self.quote_sentence(q)
            if s:
                speakers.add(who)
                outlets_used[self.outlet(q.sources[0])] += 1
                out.append(s)
        return out

    def sources(self) -> set[str]:
        return {u.source for u in self.units}


def compose_sections(
    story: Story,
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    extractions: Sequence[ArticleExtraction],
    timeline: Sequence[TimelineEntry],
    encoder: Encoder,
    store: Store | None = None,
) -> tuple[tuple[BriefSection, ...], tuple[str, ...]]:
    """The brief's six sections (see the module docstring), and the problems of the
    candidate sentences the citation checker turned away."""
    by_id = {a.id: a for a in articles}
    units = find_units(story, by_id, annotations, extractions)
    vectors = unit_vectors(units, encoder, store)
    if len(units):
        centre = vectors.mean(axis=0)
        centre /= np.linalg.norm(centre) or 1.0
        for row, u in enumerate(units):
            u.row = row
            u.centrality = float(vectors[row] @ centre)
    composer = _Composer(
        story=story,
        articles=by_id,
        units=units,
        vectors=vectors,
        timeline=timeline,
        names=frame_names(story, articles),
    )
    core = core_day(timeline, articles, story)
    # The introduction chooses first (the leads are its material), then the sections that
    # draw on the timeline, on positions and on quotes; a sentence serves one section only.
    written = {
        "context": composer.context(core),
        "background": composer.background(core),
        "stakeholders": composer.stakeholders(),
        "perspectives": composer.voices(),
        "outlook": composer.outlook(last_day(articles, story)),
        "analysis": composer.analysis(),
    }
    sections = tuple(
        BriefSection(
            key=key,
            title=title,
            sentences=tuple(written[key]),
            note=None if written[key] else EMPTY_NOTES[key],
        )
        for key, title in SECTIONS
    )
    return sections, tuple(composer.rejected)


def _round_robin(items: Sequence[T], key: Callable[[T], str]) -> list[T]:
    """Items reordered so each key's best comes before any key's second best."""
    queues: dict[str, list[T]] = defaultdict(list)
    for item in items:
        queues[key(item)].append(item)
    out: list[T] = []
    while any(queues.values()):
        for queue in queues.values():
            if queue:
                out.append(queue.pop(0))
    return out


def unit_vectors(units: Sequence[_Unit], encoder: Encoder, store: Store | None) -> Vectors:
    """A unit's vector is the mean of its claims' vectors, which the compare stage embedded
    and stored under the same texts, so composing embeds almost nothing new; a unit without
    claims is embedded on its own."""
    texts = [t for u in units for t in (u.embedded or (u.text,))]
    found = encode_stored(encoder, list(dict.fromkeys(texts)), store)
    row = {t: found[k] for k, t in enumerate(dict.fromkeys(texts))}
    out = np.zeros((len(units), found.shape[1] if len(found) else 0), dtype=np.float32)
    for k, u in enumerate(units):
        v = np.mean([row[t] for t in (u.embedded or (u.text,))], axis=0)
        out[k] = v / (np.linalg.norm(v) or 1.0)
    return out


def frame_names(story: Story, articles: Sequence[Article]) -> dict[str, set[str]]:
    """Per article: the names a frame may use — its outlet and the entities it mentions."""
    names: dict[str, set[str]] = {a.id: {a.source} for a in articles}
    for e in story.entities:
        for m in e.mentions:
            names.setdefault(m.article_id, set()).update((e.name, *e.aliases))
    return names


def last_day(articles: Sequence[Article], story: Story) -> str | None:
    """The latest publication day of the story's articles."""
    members = set(story.article_ids)
    days = [
        a.published.value
        for a in articles
        if a.id in members and a.published and a.published.granularity == "day"
    ]
    return max(days, default=None)


def core_day(
    timeline: Sequence[TimelineEntry], articles: Sequence[Article], story: Story
) -> str | None:
    """The day of the core event: the most-reported day of the timeline within a week of the
    story's publication dates (the latest such day on a tie)."""
    members = set(story.article_ids)
    days = sorted(
        date_range(a.published.value, "day")[0]
        for a in articles
        if a.id in members and a.published and a.published.granularity == "day"
    )
    counts: dict[str, set[str]] = defaultdict(set)
    for e in timeline:
        if e.granularity != "day":
            continue
        day = date_range(e.date, "day")[0]
        if days and not (days[0].toordinal() - 7 <= day.toordinal() <= days[-1].toordinal() + 1):
            continue
        counts[e.date] |= set(e.sources)
    if not counts:
        return None
    return max(counts, key=lambda d: (len(counts[d]), d))


def find_units(
    story: Story,
    articles: Mapping[str, Article],
    annotations: Sequence[Annotation],
    extractions: Sequence[ArticleExtraction],
) -> list[_Unit]:
    """The story's candidate sentences with what selection reads (see the module docstring)."""
    members = set(story.article_ids)
    claims_of = {x.article_id: x.claims for x in extractions}
    mentions: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for e in story.entities:
        for m in e.mentions:
            mentions[m.article_id].append((m.start, m.end, e.id))
    quoted: dict[str, list[Span]] = defaultdict(list)
    for q in story.quotes:
        for s in q.content if q.direct else ():  # reported speech is narration's to use
            quoted[s.article_id].append(s)
    out: list[_Unit] = []
    for ann in annotations:
        article = articles.get(ann.article_id)
        if article is None or article.id not in members or article.duplicate_of:
            continue
        claims = claims_of.get(article.id, ())
        for rank, sentence in enumerate(ann.sentences):
            inside = [
                c for c in claims if sentence.start <= c.span[0] and c.span[1] <= sentence.end
            ]
            start, end = _trim(article.text, sentence.start, sentence.end, inside)
            text = article.text[start:end]
            if len(text.split()) < MIN_WORDS or text.rstrip().endswith(("?", ":")):
                continue
            if len(text.split()) > LONG_WORDS and inside:
                main = max(inside, key=lambda c: c.span[1] - c.span[0])
                start, end = main.span
                text = article.text[start:end]
            out.append(
                _Unit(
                    article=article.id,
                    source=article.source,
                    start=start,
                    end=end,
                    text=text,
                    rank=rank,
                    kinds={c.kind for c in inside},
                    parts=tuple((c.span[0], c.span[1], c.kind) for c in inside),
                    embedded=tuple(embedding_text(article.text, c) for c in inside),
                    attributed=any(c.attribution for c in inside),
                    quoted=any(q.start < end and start < q.end for q in quoted.get(article.id, ())),
                    hedged=any(c.hedged for c in inside),
                    dates={
                        t.value.split("T")[0]
                        for t in ann.times
                        if start <= t.span.start and t.span.end <= end
                    },
                    entities={
                        e for a, b, e in mentions.get(article.id, ()) if start <= a and b <= end
                    },
                )
            )
    return out


def _trim(text: str, start: int, end: int, claims: Sequence[FoundClaim]) -> tuple[int, int]:
    """Cut bullets, a heading run into the sentence and a leading connective."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    m = _BULLET.match(text, start, end)
    if m and m.end() > start:
        start = m.end()
    first = min((c.span[0] for c in claims), default=start)
    gap = text[start:first]
    if start < first and _looks_like_heading(gap):
        start = first
    m = _LEADING.match(text[start:end])
    if m:
        start += m.end()
    return start, end


def _looks_like_heading(gap: str) -> bool:
    """Whether text before a sentence's first claim is a heading ("Background & History")."""
    words = gap.split()
    if not 0 < len(words) <= 6 or gap.rstrip().endswith(","):
        return False
    return all(w[:1].isupper() or w in {"&", "and", "of", "the"} for w in words)
