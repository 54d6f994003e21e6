"""The six sections of the brief, each written from the units and records a `Selection` holds.

Each writer takes the selection (and the core event's day or the latest publication day where
it needs one) and gives its `CitedSentence`s, marking what it used; see `brief.py` for what
each section chooses and in which order they choose.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from newsprism.citations import check_sentence
from newsprism.compose.selection import Selection, round_robin
from newsprism.compose.timeline import GRANULARITY_RANK, date_range
from newsprism.compose.units import LONG_WORDS, MIN_WORDS, Unit
from newsprism.model import (
    CitedSentence,
    Claim,
    Position,
    Quote,
    Span,
    TimelineEntry,
    word_set,
)

LEAD_SENTENCES = 3
LEAD_WEIGHT = 0.06  # news puts the core event first: each later sentence scores this less
OPENING_CHARS = 40  # a sentence is about an actor named this close to its start
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


def context(sel: Selection, core: str | None) -> list[CitedSentence]:
    def score(u: Unit) -> float:
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
        for u in sel.units
        if (u.rank < LEAD_SENTENCES or (core and core in u.dates)) and not u.quoted
    ]
    chosen = sel.pick(pool, score, min(CONTEXT_SIZE, max(3, len(sel.sources()))))
    chosen.sort(key=lambda u: (not (core and core in u.dates), -score(u)))
    return [s for u in chosen if (s := sel.sentence([u.span()], u.text))]


def background(sel: Selection, core: str | None) -> list[CitedSentence]:
    if core:
        cutoff = date_range(core, "day")[0].toordinal() - 7
        entries = [
            e for e in sel.timeline if date_range(e.date, e.granularity)[1].toordinal() < cutoff
        ]
    else:
        entries = [e for e in sel.timeline if e.background]
    out: list[tuple[TimelineEntry, CitedSentence]] = []
    by_outlet: dict[str, list[TimelineEntry]] = defaultdict(list)
    # the most-reported first, and of those the most precisely dated
    for e in sorted(entries, key=lambda e: (-len(e.sources), -GRANULARITY_RANK[e.granularity])):
        by_outlet[sel.outlet(e.sources[0])].append(e)
    while len(out) < BACKGROUND_SIZE and any(by_outlet.values()):
        for queue in by_outlet.values():
            while queue:
                e = queue.pop(0)
                if sel.overlaps_used(e.evidence[0]):
                    continue
                spans = _supporting(sel, e.evidence, e.text)
                s = sel.sentence(spans, e.text, kind="date")
                if s:
                    sel.used.append(e.evidence[0])
                    out.append((e, s))
                    break
            if len(out) >= BACKGROUND_SIZE:
                break
    out.sort(key=lambda p: (date_range(p[0].date, p[0].granularity)[0], p[0].granularity))
    return [s for _, s in out]


def _supporting(sel: Selection, evidence: Sequence[Span], text: str) -> list[Span]:
    """The first span, and any other that supports the same text on its own."""
    spans = [evidence[0]]
    for other in evidence[1:]:
        probe = CitedSentence(text=text, citations=(other,))
        if not check_sentence(probe, {other.article_id: sel.articles[other.article_id].text}):
            spans.append(other)
    return spans


def stakeholders(sel: Selection) -> list[CitedSentence]:
    by_actor: dict[str, list[Position]] = defaultdict(list)
    for p in sel.story.positions:
        by_actor[p.actor].append(p)
    entity = {e.id: e for e in sel.story.entities}
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
        intro = _introduction(sel, actor, name)
        if intro:
            lines.append(intro)
        ranked = sorted(by_actor[actor], key=lambda p: (-len(p.sources), KIND_ORDER.get(p.kind, 9)))
        for p in round_robin(ranked, key=lambda p: p.sources[0]):
            if len(lines) >= PER_ACTOR:
                break
            s = _position_sentence(sel, p, name)
            if s:
                lines.append(s)
        quote = _quote_of(sel, actor)
        if quote:
            lines.append(quote)
        out += lines
    return out


def _introduction(sel: Selection, actor: str, name: str) -> CitedSentence | None:
    mentions = _opening_mentions(sel, actor)
    opening = [
        u
        for u in sel.units
        if actor in u.entities
        and any((u.article, k) in mentions for k in range(u.start, u.start + 3))
        and not u.kinds & {"forecast", "question"}
    ]
    for u in sorted(opening, key=lambda u: -u.centrality):
        if sel.overlaps_used(u.span()):
            continue
        s = sel.sentence([u.span()], u.text, frame=f"{name}: ", kind="fact")
        if s:
            sel.take(u)
            return s
    return None


def _position_sentence(sel: Selection, p: Position, name: str) -> CitedSentence | None:
    """The sentence that states the position when it is about the actor (the actor is
    named in its opening words) and not too long; else the stance clause itself, labelled
    with the kind of position it is ("Ukraine (demand): …")."""
    opening = _opening_mentions(sel, p.actor)
    for sentence_span in p.evidence:
        if sel.overlaps_used(sentence_span):
            continue
        article = sel.articles[sentence_span.article_id]
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
        s = sel.sentence(
            [span, sentence_span] if span != sentence_span else [span],
            text,
            frame=frame,
            kind="attributed",
        )
        if s:
            sel.used.append(sentence_span)
            return s
    return None


def _opening_mentions(sel: Selection, actor: str) -> set[tuple[str, int]]:
    """(article, start) of every mention of the actor."""
    return {
        (m.article_id, m.start) for e in sel.story.entities if e.id == actor for m in e.mentions
    }


def _quote_of(sel: Selection, actor: str) -> CitedSentence | None:
    for q in sorted(sel.story.quotes, key=lambda q: (-len(q.sources), -len(q.text))):
        if q.speaker == actor and q.direct and len(q.text.split()) >= MIN_WORDS:
            s = _quote_sentence(sel, q)
            if s:
                return s
    return None


def _quote_sentence(sel: Selection, q: Quote) -> CitedSentence | None:
    if any(sel.overlaps_used(s) for s in q.content[:1]):
        return None
    entity = {e.id: e.name for e in sel.story.entities}
    speaker = entity.get(q.speaker or "") or q.speaker_text
    if not speaker or speaker.casefold() in {"he", "she", "they", "it", "we", "i"}:
        return None
    cue = q.cue.strip()
    article = q.content[0].article_id
    content = [s for s in q.content if s.article_id == article]
    evidence = [s for s in q.evidence if s.article_id == article][:1]
    said = " … ".join(sel.articles[article].text[s.start : s.end] for s in content)
    if cue.lower() == "according to":
        frame = f"According to {speaker}: "
    else:
        verb = cue if cue.lower() in SPEECH_VERBS else "said"
        frame = f"{speaker} {verb}: "
    body = f"“{said}”" if q.direct else said
    s = sel.sentence([*content, *evidence], body, frame=frame, kind="quote")
    if s:
        sel.used.extend(content)
    return s


def analysis(sel: Selection) -> list[CitedSentence]:
    pool = [
        u
        for u in sel.units
        if "opinion" in u.kinds and not u.attributed | u.quoted and "question" not in u.kinds
    ]
    chosen = sel.pick(pool, lambda u: u.centrality, ANALYSIS_SIZE)
    out = _clauses(sel, chosen, "opinion", "According to {}: ", "", "attributed")
    return out + _disagreements(sel)


def _clauses(
    sel: Selection, units: Sequence[Unit], kind: str, named: str, unnamed: str, written: str
) -> list[CitedSentence]:
    """The clause of `kind` of each unit, framed with its outlet's name when it has one."""
    out = []
    for u in units:
        found = u.only(kind, sel.articles[u.article].text)
        label = sel.attribution(u.article)
        frame = named.format(label) if label else unnamed
        s = found and sel.sentence([found[0]], found[1], frame=frame, kind=written)
        if s:
            out.append(s)
    return out


def _disagreements(sel: Selection) -> list[CitedSentence]:
    """Each contradicted claim once, then the claims that contradict it; only contradictions
    sure enough to show a reader (`Claim.reader_status`)."""
    by_id = {c.id: c for c in sel.story.claims if c.reader_status == "contradicted"}
    out: list[CitedSentence] = []
    written: set[str] = set()
    groups = 0
    for c in by_id.values():
        others = [by_id[i] for i in c.conflicts_with if i in by_id and i not in written]
        if not others or c.id in written or groups >= DISAGREEMENTS:
            continue
        first = _side(sel, c, "{who} reports: ", "One outlet reports: ")
        rest = [
            s
            for o in others
            if (s := _side(sel, o, "By contrast, {who} reports: ", "Another outlet reports: "))
        ]
        if first and rest:
            out += [first, *rest]
            written |= {c.id, *(o.id for o in others)}
            groups += 1
    return out


def _side(sel: Selection, claim: Claim, named: str, unnamed: str) -> CitedSentence | None:
    span = claim.evidence[0]
    label = sel.attribution(span.article_id)
    frame = named.format(who=label) if label else unnamed
    text = sel.articles[span.article_id].text[span.start : span.end]
    return sel.sentence([span], text, frame=frame, kind="disagreement")


def outlook(sel: Selection, last_day: str | None) -> list[CitedSentence]:
    """What is scheduled after the latest publication day (from the timeline, in date
    order), then the outlets' forecasts."""
    out: list[CitedSentence] = []
    if last_day:
        after = date_range(last_day, "day")[1]
        ahead = [e for e in sel.timeline if date_range(e.date, e.granularity)[0] > after]
        # the dates most outlets mention first, and on each date its best-sourced entry
        outlets: dict[str, set[str]] = defaultdict(set)
        for e in ahead:
            outlets[e.date] |= {sel.outlet(a) for a in e.sources}
        ahead.sort(key=lambda e: (-len(outlets[e.date]), -len(e.sources)))
        dates: set[str] = set()
        for e in ahead:
            if len(out) >= OUTLOOK_SIZE // 2:
                break
            if e.date in dates or sel.overlaps_used(e.evidence[0]):
                continue
            s = sel.sentence(_supporting(sel, e.evidence, e.text), e.text, "Coming up: ", "date")
            if s:
                sel.used.append(e.evidence[0])
                dates.add(e.date)
                out.append(s)
    pool = [u for u in sel.units if "forecast" in u.kinds and not u.attributed | u.quoted]
    size = OUTLOOK_SIZE - len(out)
    chosen = sel.pick(pool, lambda u: u.centrality - (0.05 if u.hedged else 0.0), size)
    return out + _clauses(sel, chosen, "forecast", "Forecast ({}): ", "Forecast: ", "forecast")


def voices(sel: Selection) -> list[CitedSentence]:
    entity = {e.id: e for e in sel.story.entities}
    quotes = [
        q
        for q in sel.story.quotes
        if len(q.text.split()) >= MIN_WORDS
        and (q.speaker in entity or (q.speaker_text and q.speaker_text[:1].isupper()))
    ]
    quotes.sort(key=lambda q: (not q.direct, -len(q.sources), -min(len(q.text.split()), 30)))
    out: list[CitedSentence] = []
    speakers: set[str] = set()
    outlets_used: dict[str, int] = defaultdict(int)
    for q in sorted(quotes, key=lambda q: outlets_used[sel.outlet(q.sources[0])]):
        if len(out) >= VOICES:
            break
        who = q.speaker or q.speaker_text.casefold()
        if who in speakers:
            continue
        s = _quote_sentence(sel, q)
        if s:
            speakers.add(who)
            outlets_used[sel.outlet(q.sources[0])] += 1
            out.append(s)
    return out
