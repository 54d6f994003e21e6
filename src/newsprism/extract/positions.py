"""Stakeholder positions: what each actor demands, offers, rejects, threatens or holds as a
condition, gathered across all articles of a story.

Where a position comes from:
- Events whose verb states a stance (see `events.py`): REQUEST ("demanding recognition of its
  annexations", "insists on an unconditional ceasefire") -> demand; REJECT -> rejects;
  THREATEN -> threat; SUPPORT -> supports; AGREE by offer/propose/promise/pledge -> offer,
  by accept/agree -> accepts; any future event after "ready/willing/prepared to" -> offer
  ("Turkey was ready to “provide all possible assistance …”"). The stance is what the verb
  governs to its right, verbatim; a stance that starts with a pronoun ("rejected it") is
  left out, since what it stands for is elsewhere.
  Negated and hypothetical events are not positions ("did not demand", "if X demanded").
- Quotes (direct or reported) whose words carry a stance marker: "red line",
  "precondition", "unless", "only if", "will not" -> condition; "must", "demand", "insist" ->
  demand; "ready to", "willing to", "prepared to" -> offer; "resolved/determined/committed
  to" -> commitment; "refuse", "reject" -> rejects.
  The stance is the quoted words.
- Nouns of stance owned by an actor, with content: "the U.S. proposal for a 30-day
  ceasefire" -> offer, "Russia's demands for …" -> demand, "threat of …" -> threat. The
  stance is the noun phrase.
Only actors that resolve to a story entity get positions; a position needs at least two
content words ("rejected it" says nothing on its own).

De-duplication across outlets: positions of one actor and kind whose content words overlap
(overlap coefficient of crude word stems >= 0.6: "an unconditional ceasefire" and "an
unconditional and lasting ceasefire") are one position; its stance is the shortest statement
of at least four words, its evidence all the sentences, its sources all the articles.
Positions are ordered by how many outlets state them, then by first appearance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsprism.model import Event, Position, Quote, Span, content_id

EVENT_KINDS = {
    "REQUEST": "demand",
    "REJECT": "rejects",
    "THREATEN": "threat",
    "SUPPORT": "supports",
}
OFFER_VERBS = frozenset(
    [
        "offer",
        "offered",
        "offers",
        "offering",
        "propose",
        "proposed",
        "proposes",
        "proposing",
        "promise",
        "promised",
        "promises",
        "pledge",
        "pledged",
        "pledges",
    ]
)
ACCEPT_VERBS = frozenset(["accept", "accepted", "accepts", "agree", "agreed", "agrees"])
QUOTE_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\bred lines?\b|\bprecondition|\bconditions?\b|\bunless\b|\bonly if\b|"
            r"\bwill not\b|\bwon[’']t\b",
            re.I,
        ),
        "condition",
    ),
    (re.compile(r"\bmust\b|\bdemand|\binsist|\bhave to\b", re.I), "demand"),
    (re.compile(r"\bready to\b|\bwilling to\b|\bprepared to\b", re.I), "offer"),
    (re.compile(r"\b(?:resolved|determined|committed) to\b", re.I), "commitment"),
    (re.compile(r"\brefus|\breject", re.I), "rejects"),
)
READY = re.compile(r"\b(?:ready|willing|prepared|offered|offering)\s+to\s*[“\"]?\s*$", re.I)
PRONOUN_OBJECTS = frozenset(["it", "this", "that", "them", "these", "those", "him", "her"])
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "from",
        "at",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "our",
        "we",
        "they",
        "he",
        "she",
        "you",
        "i",
        "not",
        "no",
        "any",
        "all",
        "some",
        "into",
        "over",
        "than",
        "then",
        "there",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "also",
        "only",
        "just",
        "very",
        "more",
        "most",
        "such",
        "so",
        "up",
        "out",
        "about",
        "against",
    ]
)
_WORD = re.compile(r"[^\W\d_][\w’'-]*|\d[\d,.]*", re.UNICODE)
MERGE_OVERLAP = 0.6


@dataclass
class _Group:
    actor: str
    kind: str
    stems: list[set[str]]
    members: list[tuple[str, Span, tuple[Span, ...]]] = field(default_factory=list)


def stems(text: str) -> set[str]:
    """Content-word stems: lower-cased words outside `STOP`, cut to five letters."""
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in STOP}


def build_positions(
    events: Sequence[Event],
    quotes: Sequence[Quote],
    texts: dict[str, str],
    stances: dict[str, Span],
    named: Sequence[tuple[str, str, Span, Span]] = (),
) -> tuple[Position, ...]:
    """Positions of a story. `stances` maps an event id to the span of what its verb governs
    (the demand, the offer); `named` holds (actor, kind, span, sentence) of stances named by
    an owned noun ("the U.S. proposal for a 30-day ceasefire")."""
    candidates: list[tuple[str, str, Span, tuple[Span, ...]]] = [
        (actor, kind, span, (sentence,)) for actor, kind, span, sentence in named
    ]
    for e in events:
        if e.actor is None or e.mode in ("negated", "hypothetical") or e.id not in stances:
            continue
        kind = EVENT_KINDS.get(e.type)
        if e.type == "AGREE":
            verb = e.trigger.lower()
            kind = "offer" if verb in OFFER_VERBS else "accepts" if verb in ACCEPT_VERBS else None
        if kind is None and e.mode == "future":
            sentence, trigger = e.evidence[0], e.evidence[1]
            lead = texts[sentence.article_id][
                max(sentence.start, trigger.start - 40) : trigger.start
            ]
            if READY.search(lead):
                kind = "offer"
        if kind is None:
            continue
        stance = stances[e.id]
        if kind == "offer" and e.type != "AGREE":  # "ready to provide …": the act itself
            stance = Span(article_id=stance.article_id, start=e.evidence[1].start, end=stance.end)
        first = _WORD.match(texts[stance.article_id], stance.start)
        if first and first.group().lower() in PRONOUN_OBJECTS:
            continue  # "rejected it": the stance is elsewhere
        candidates.append((e.actor, kind, stance, e.evidence[:1]))
    for q in quotes:
        if q.speaker is None:
            continue
        kind = next((k for pattern, k in QUOTE_MARKERS if pattern.search(q.text)), None)
        if kind:
            for content, sentence in zip(q.content, q.evidence, strict=False):
                candidates.append((q.speaker, kind, content, (sentence,)))
    groups: list[_Group] = []
    for actor, kind, span, evidence in candidates:
        text = texts[span.article_id][span.start : span.end]
        words = stems(text)
        if len(words) < 2:
            continue
        group = next(
            (
                g
                for g in groups
                if g.actor == actor
                and g.kind == kind
                and any(_overlap(m, words) >= MERGE_OVERLAP for m in g.stems)
            ),
            None,
        )
        if group is None:
            group = _Group(actor=actor, kind=kind, stems=[])
            groups.append(group)
        group.stems.append(words)
        group.members.append((text, span, evidence))
    out = []
    for g in groups:
        full = [m for m in g.members if len(m[0].split()) >= 4] or g.members
        statement = min(full, key=lambda m: (len(m[0]), m[1].article_id, m[1].start))[0]
        evidence = tuple(dict.fromkeys(s for m in g.members for s in m[2]))
        spans = tuple(dict.fromkeys(m[1] for m in g.members))
        sources = tuple(dict.fromkeys(m[1].article_id for m in g.members))
        origin = g.members[0][1]
        out.append(
            Position(
                id=content_id("position", g.actor, g.kind, origin.article_id, str(origin.start)),
                actor=g.actor,
                kind=g.kind,
                stance=statement,
                evidence=evidence,
                stance_spans=spans,
                sources=sources,
            )
        )
    order = {id(p): i for i, p in enumerate(out)}
    out.sort(key=lambda p: (-len(p.sources), order[id(p)]))
    return tuple(out)


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
