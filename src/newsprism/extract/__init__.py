"""Extraction: attributed quotes, PLOVER events and stakeholder positions of a story.

    found = extract_articles(articles, annotations)        # per article, parse-dependent, cached
    story = extract_story(story, articles, found)          # entities resolved, positions merged

`extract_articles` parses each article once (spaCy with its parser) and finds quotes
(`quotes.py`) and events (`events.py`) as character ranges, with the name mentions their
speakers, actors and targets resolve through. It depends only on the article and its
annotation, so the pipeline stores it and a re-run never parses again. `extract_story` maps
those mentions to the story's entities, merges the same quotation reported by several outlets
into one quote, and gathers positions across articles (`positions.py`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from newsprism.extract.anchors import time_anchors
from newsprism.extract.claims import claims_in_text
from newsprism.extract.events import event_confidence, events_in_text, stances_in_text
from newsprism.extract.parse import load_parser, parse_texts
from newsprism.extract.positions import build_positions
from newsprism.extract.quotes import phrase_head, quotes_in_text, speaker_confidence
from newsprism.gazetteer import load_gazetteer
from newsprism.model import (
    Annotation,
    Article,
    ArticleExtraction,
    EntityIndex,
    Event,
    FoundEvent,
    FoundQuote,
    Quote,
    Span,
    Story,
    anchor_of,
    content_id,
    fixes_time,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "EXTRACTOR_VERSION",
    "extract_articles",
    "extract_parsed",
    "extract_story",
]

# Bump when extraction output changes, so stored extractions are recomputed.
# 4: time anchors; 5: claims carry their own event's slots; 6-8: doubts; 9: a state's people
EXTRACTOR_VERSION = "9"


def extract_articles(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    nlp: Language | None = None,
) -> list[ArticleExtraction]:
    """Quotes and events of each article (in the order given), from its text and annotation."""
    if not articles:
        return []
    return extract_parsed(
        articles, annotations, parse_texts([a.text for a in articles], nlp or load_parser())
    )


def extract_parsed(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    parsed: Sequence[list[tuple[int, Doc]]],
) -> list[ArticleExtraction]:
    """`extract_articles` over texts already parsed: `parsed[i]` holds article i's
    (offset, parsed piece) pairs as `parse.parse_texts` gives them."""
    by_id = {ann.article_id: ann for ann in annotations}
    out = []
    for article, pieces in zip(articles, parsed, strict=True):
        ann = by_id.get(article.id)
        mentions = [(m.span.start, m.span.end, m.label) for m in ann.mentions] if ann else []
        times = [
            (t.span.start, t.span.end, t.value, t.granularity)
            for t in (ann.times if ann else ())
            if fixes_time(t) and t.type in ("DATE", "TIME") and not t.value.startswith("P")
        ]
        anchors = time_anchors(pieces, times, anchor_of(article))
        out.append(
            ArticleExtraction(
                article_id=article.id,
                quotes=tuple(quotes_in_text(article.text, pieces, mentions)),
                events=tuple(
                    events_in_text(
                        article.text, pieces, mentions, times, anchor_of(article), anchors
                    )
                ),
                stances=tuple(stances_in_text(pieces, mentions)),
                claims=tuple(
                    claims_in_text(article.text, pieces, mentions, times, anchor_of(article))
                ),
                anchors=anchors,
            )
        )
    return out


def extract_story(
    story: Story, articles: Sequence[Article], found: Sequence[ArticleExtraction]
) -> Story:
    """The story with quotes, events and positions, its mentions resolved to its entities."""
    by_id = {a.id: a for a in articles}
    entities = EntityIndex(story)
    quotes: dict[tuple[str, str], Quote] = {}
    events: list[Event] = []
    stances: dict[str, Span] = {}
    named: list[tuple[str, str, Span, Span]] = []  # actor, kind, stance, sentence
    kinds: dict[str, str] = {e.id: e.kind for e in story.entities}
    for extraction in found:
        article = by_id[extraction.article_id]
        for q in extraction.quotes:
            quote = _quote(article, q, entities, kinds)
            key = (quote.speaker or quote.speaker_text.lower(), _norm(quote.text))
            if quote.direct and key in quotes:
                old = quotes[key]
                quotes[key] = replace(
                    old,
                    content=old.content + quote.content,
                    evidence=old.evidence + quote.evidence,
                    sources=old.sources + quote.sources,
                    confidence=max(old.confidence, quote.confidence),
                )
            else:
                quotes[key if quote.direct else (quote.id, "")] = quote
        for fe in extraction.events:
            event = _event(article, fe, entities)
            events.append(event)
            if fe.scope:
                stances[event.id] = article.span(*fe.scope)
        for st in extraction.stances:
            actor = entities.of(article.id, st.actor_ref)
            if actor:
                named.append((actor, st.kind, article.span(*st.span), article.span(*st.sentence)))
    texts = {a.id: a.text for a in articles}
    quote_list = tuple(quotes.values())
    names = {e.id: e.name for e in story.entities}
    positions = build_positions(events, quote_list, texts, stances, named, kinds, names=names)
    return replace(story, quotes=quote_list, events=tuple(events), positions=positions)


def _text(text: str, r: tuple[int, int] | None) -> str:
    return text[r[0] : r[1]] if r else ""


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def _quote(article: Article, q: FoundQuote, entities: EntityIndex, kinds: dict[str, str]) -> Quote:
    text = article.text
    parts = [text[a:b] for a, b in q.content]
    speaker_text = text[q.speaker[0] : q.speaker[1]] if q.speaker else ""
    speaker = entities.of(article.id, q.ref, speaker_text)
    if speaker is not None and kinds.get(speaker) == "state" and _people_of(speaker_text):
        # "American officials said": some of the state's people, not the state; shown as the
        # phrase itself, which a reader can check, rather than as "United States"
        speaker = None
    # a cue outside the quote's own sentences: the speaker was carried over from before
    continued = q.cue is not None and not any(a <= q.cue[0] < b for a, b in q.sentence)
    return Quote(
        id=content_id("quote", article.id, *(f"{a}:{b}" for a, b in q.content)),
        speaker=speaker,
        speaker_text=speaker_text,
        cue=text[q.cue[0] : q.cue[1]] if q.cue else "",
        text=" … ".join(parts),
        direct=q.direct,
        content=tuple(article.span(a, b) for a, b in q.content),
        evidence=tuple(article.span(a, b) for a, b in q.sentence),
        speaker_span=article.span(*q.speaker) if q.speaker else None,
        cue_span=article.span(*q.cue) if q.cue else None,
        sources=(article.id,),
        confidence=speaker_confidence(
            speaker_text,
            " ".join(parts),
            direct=q.direct,
            resolved=speaker is not None,
            continued=continued,
            kind=kinds.get(speaker) if speaker else None,
            doubts=q.doubts
            + (("cut",) if _swallows_cue(q) else ())
            + (("seat",) if kinds.get(speaker or "") == "state" and _seat(speaker_text) else ()),
        ),
    )


def _seat(speaker_text: str) -> bool:
    """Whether a speaker phrase is a seat of government ("The White House", "the Kremlin"),
    which resolves to its state: the state is then shown as the speaker of words the seat's
    office said ("United States" for the White House's statement), which a reader cannot
    check. The built-in gazetteer only (a user's extra seats are not seen here)."""
    return any(kind == "SEAT" for _, kind in load_gazetteer().lookup(speaker_text.strip()))


# heads that do stand for the state itself ("the Russian government said", "the country said")
_STATE_HEADS = frozenset(
    ["government", "state", "country", "nation", "republic", "kingdom", "federation"]
)


def _people_of(speaker_text: str) -> bool:
    """Whether a speaker phrase names people or a body of a state by a common noun after its
    name or demonym ("American officials", "Algerian diplomats", "U.S. forces"), not the
    state itself ("Russia", "the United States", "the Russian government"): its words are
    then theirs, and the state shown as speaker is wrong (issue-17 audit). Input: the phrase
    as written; limits: the head is the last word before "of"/"for"/a comma, and a lowercase
    head is taken for a common noun."""
    head = phrase_head(speaker_text.split())
    return head[:1].islower() and head.isalpha() and head.lower() not in _STATE_HEADS


def _swallows_cue(q: FoundQuote) -> bool:
    """Whether a quote's content holds its own cue ("… on Tuesday, according to the agency."):
    its words then include the attribution, which is the narrator's."""
    return q.cue is not None and any(a <= q.cue[0] < b for a, b in q.content)


def _event(article: Article, e: FoundEvent, entities: EntityIndex) -> Event:
    text = article.text
    actor = entities.of(article.id, e.actor_ref, _text(text, e.actor))
    return Event(
        id=content_id("event", article.id, e.type, str(e.trigger[0]), str(e.trigger[1])),
        type=e.type,
        actor=actor,
        target=entities.of(article.id, e.target_ref, _text(text, e.target)),
        actor_text=text[e.actor[0] : e.actor[1]] if e.actor else None,
        target_text=text[e.target[0] : e.target[1]] if e.target else None,
        trigger=text[e.trigger[0] : e.trigger[1]],
        mode=e.mode,  # type: ignore[arg-type]
        date=e.date[0] if e.date else None,
        granularity=e.date[1] if e.date else None,
        evidence=(article.span(*e.sentence), article.span(*e.trigger)),
        date_evidence=(article.span(*e.date_span),) if e.date_span else (),
        confidence=event_confidence(text, e, actor),
    )
