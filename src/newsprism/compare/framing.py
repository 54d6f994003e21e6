"""How each outlet frames each actor of a story, in measures comparable across outlets.

Input: the story (entities with their mention spans, quotes with speakers and sources), its
articles and their annotations (sentence spans). Output: one `Framing` per (outlet, actor) for
actors an outlet names at least once.

- `sentences`: the outlet's sentences naming the actor (copies marked at ingest are skipped:
  one voice).
- `tone`: mean VADER compound score (-1..1) of the words around each mention (the clause-sized
  window of `WINDOW` words either side, inside its sentence), so a sentence that praises one
  side and blames the other does not give both the same tone.
- `quotes` / `voice`: quotes the actor speaks in that outlet, and their share of all the
  outlet's quotes (who gets a voice).
- `hedging`: hedge cues ("reportedly", "allegedly", "may") per sentence naming the actor.
- `loaded`: strongly valenced words (|VADER valence| >= `LOADED_VALENCE`) plus a short list of
  politically loaded terms, per sentence naming the actor.
- `evidence`: the sentences with the highest and the lowest tone.

Known limits: VADER is a general-purpose lexicon; it reads the words near a name, not who the
sentiment is about ("X condemned the attack" reads negative for X); irony and quoted speech
count like the outlet's own words; rates over few sentences are noisy.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from newsprism.model import Annotation, Article, Framing, Span, Story

ACTOR_KINDS = frozenset({"person", "state", "organisation", "group"})
WINDOW = 8  # words either side of a mention that its tone is read from
LOADED_VALENCE = 2.5  # VADER valence (-4..4) at which a word counts as loaded


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


HEDGES = _set(
    "reportedly allegedly apparently purportedly supposedly possibly perhaps probably likely "
    "may might could appears appeared seems seemed suggests suggested unconfirmed rumoured "
    "rumored claimed claims believed unclear unverified"
)
LOADED_TERMS = _set(
    "regime puppet terrorist terrorists thug thugs propaganda aggression aggressor invaders "
    "occupiers radical radicals extremist extremists scheme tyrant dictator crony cronies "
    "slaughter massacre illegal illegitimate sham stunt grab hysteria"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@functools.cache
def _analyzer() -> Any:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as exc:  # pragma: no cover - declared dependency
        from newsprism.errors import MissingDependencyError

        raise MissingDependencyError("vaderSentiment==3.3.2", "framing (tone)") from exc
    return SentimentIntensityAnalyzer()


def tone_of(text: str) -> float:
    """VADER compound score of a passage, -1 (negative) to 1 (positive)."""
    return float(_analyzer().polarity_scores(text)["compound"])


def loaded_words(text: str) -> list[str]:
    lexicon: dict[str, float] = _analyzer().lexicon
    return [
        w
        for w in (m.group().lower() for m in _WORD.finditer(text))
        if w in LOADED_TERMS or abs(lexicon.get(w, 0.0)) >= LOADED_VALENCE
    ]


def hedges(text: str) -> int:
    return sum(1 for m in _WORD.finditer(text) if m.group().lower() in HEDGES)


def _window(text: str, sentence: Span, mention: Span) -> str:
    """The words around a mention, inside its sentence."""
    before = text[sentence.start : mention.start].split()[-WINDOW:]
    after = text[mention.end : sentence.end].split()[:WINDOW]
    return " ".join([*before, text[mention.start : mention.end], *after])


def measure_framing(
    story: Story, articles: Sequence[Article], annotations: Sequence[Annotation]
) -> tuple[Framing, ...]:
    """One record per (outlet, actor) the outlet names; see the module docstring."""
    members = set(story.article_ids)
    originals = {a.id: a for a in articles if a.id in members and not a.duplicate_of}
    sentences = {
        ann.article_id: ann.sentences for ann in annotations if ann.article_id in originals
    }
    outlet_articles: dict[str, list[str]] = defaultdict(list)
    for a in originals.values():
        outlet_articles[a.source].append(a.id)
    quotes_in: dict[str, int] = defaultdict(int)
    quotes_by: dict[tuple[str, str], int] = defaultdict(int)
    for q in story.quotes:
        for outlet in {originals[s].source for s in q.sources if s in originals}:
            quotes_in[outlet] += 1
            if q.speaker:
                quotes_by[(outlet, q.speaker)] += 1
    out = []
    for entity in story.entities:
        if entity.kind not in ACTOR_KINDS:
            continue
        seen: dict[str, dict[tuple[str, int], list[float]]] = defaultdict(dict)
        for m in entity.mentions:
            article = originals.get(m.article_id)
            if article is None:
                continue
            sent = next(
                (s for s in sentences.get(m.article_id, ()) if s.start <= m.start < s.end), None
            )
            if sent is None:
                continue
            windows = seen[article.source].setdefault((m.article_id, sent.start), [])
            windows.append(tone_of(_window(article.text, sent, m)))
        for outlet, by_sentence in seen.items():
            tones = []
            hedge_count = loaded_count = 0
            ranked: list[tuple[float, Span]] = []
            for (article_id, start), window_tones in by_sentence.items():
                article = originals[article_id]
                sent = next(s for s in sentences[article_id] if s.start == start)
                text = article.cite(sent)
                tone = sum(window_tones) / len(window_tones)
                tones.append(tone)
                hedge_count += hedges(text)
                loaded_count += len(loaded_words(text))
                ranked.append((tone, sent))
            ranked.sort(key=lambda r: (r[0], r[1].article_id, r[1].start))
            n = len(tones)
            evidence = [ranked[-1][1]] if ranked[-1][0] > 0 else []
            if ranked[0][0] < 0:
                evidence.append(ranked[0][1])
            said = quotes_by.get((outlet, entity.id), 0)
            out.append(
                Framing(
                    source=outlet,
                    actor=entity.id,
                    articles=tuple(sorted({a for a, _ in by_sentence})),
                    sentences=n,
                    tone=round(sum(tones) / n, 4),
                    quotes=said,
                    voice=round(said / quotes_in[outlet], 4) if quotes_in.get(outlet) else 0.0,
                    hedging=round(hedge_count / n, 4),
                    loaded=round(loaded_count / n, 4),
                    evidence=tuple(evidence),
                )
            )
    return tuple(sorted(out, key=lambda f: (f.actor, f.source)))
