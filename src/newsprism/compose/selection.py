"""Choosing a brief's sentences: round-robin over outlets, no near-duplicates, no span used
twice, a word budget per section, and every sentence through the citation checker.

`Selection` holds what the section writers (`sections.py`) draw from and what they have used;
`pick` takes the best units of each outlet in turn, skipping a unit whose span is used or
whose vector is within `DUPLICATE` cosine of one already chosen, or that would overrun the
words the section has left; `sentence` makes a `CitedSentence` and keeps it only when the
citation checker (`citations.py`) accepts it (the rejections are counted, so a frame that
fails shows up). Outlets are named in frames by their label (`outlet_labels`: "Source A" for
an outlet known only by its file stem), never by a file hash.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from newsprism.citations import check_sentence
from newsprism.compose.units import Unit
from newsprism.embedding import Vectors
from newsprism.model import Article, CitedSentence, Span, Story, TimelineEntry, word_set
from newsprism.outlet_labels import outlet_labels

T = TypeVar("T")
DUPLICATE = 0.82
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")  # a year
_WORD = re.compile(r"[^\W\d_]{3,}")
_COMMON = word_set(
    """the and for with from that this these those was were are has have had will would could
    its their his her they them than then into about over after before since while also not
    been being which who whom what when where more most other some such only very just both"""
)


def _stems(text: str) -> set[str]:
    """Content words of a text, case-folded, cut to their first five letters (a crude stem:
    "negotiations" meets "negotiate", "Russian" meets "Russia")."""
    return {w.casefold()[:5] for w in _WORD.findall(text) if w.casefold() not in _COMMON}


@dataclass(slots=True)
class Selection:
    """What the sections draw from (the story, its articles and units with their vectors, the
    timeline, the names a frame may use) and what they have used so far: a sentence serves
    one section only."""

    story: Story
    articles: dict[str, Article]
    units: list[Unit]
    vectors: Vectors
    timeline: Sequence[TimelineEntry]
    names: dict[str, set[str]]
    labels: dict[str, str] = field(default_factory=dict)
    used: list[Span] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    chosen_rows: list[int] = field(default_factory=list)
    words_left: int = 10**6  # the current section's budget, set by the brief for each section
    _others: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)
    _words: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)  # per article

    def unit_at(self, span: Span) -> Unit | None:
        """The candidate sentence a span lies in: the one holding most of it, when that is
        at least half the span (a dateline or heading trimmed off the sentence is outside
        it); None when there is none."""
        best, most = None, 0
        for u in self.units:
            if u.article == span.article_id:
                shared = min(u.end, span.end) - max(u.start, span.start)
                if shared > most:
                    best, most = u, shared
        return best if best is not None and 2 * most >= span.end - span.start else None

    def support(self, u: Unit) -> float:
        """How much of a sentence the story's other outlets also write: the share of its
        content words found in their texts (1.0 when the story has one outlet)."""
        others = self._other_outlets(u.source)
        if others is None:
            return 1.0
        mine = _stems(u.text)
        return len(mine & others[0]) / len(mine) if mine else 0.0

    def unconfirmed_year(self, u: Unit) -> bool:
        """Whether the sentence names a year no other outlet of the story writes (a detail
        only one outlet gives, such as "in 2023–2024", that no one else confirms)."""
        others = self._other_outlets(u.source)
        return others is not None and any(y not in others[1] for y in _YEAR.findall(u.text))

    def _other_outlets(self, source: str) -> tuple[set[str], set[str]] | None:
        """(content-word stems, years) of the other outlets' texts; None with one outlet."""
        if len({a.source for a in self.articles.values()}) < 2:
            return None
        if source not in self._others:
            # the union of each article's own, read once per article: the same sets as the
            # joined text's (words and years never cross the joining space), without reading
            # every text once per outlet of the story
            stems: set[str] = set()
            years: set[str] = set()
            for a in self.articles.values():
                if a.source != source:
                    own = self._article_words(a)
                    stems |= own[0]
                    years |= own[1]
            self._others[source] = (stems, years)
        return self._others[source]

    def _article_words(self, a: Article) -> tuple[set[str], set[str]]:
        if a.id not in self._words:
            self._words[a.id] = (_stems(a.text), set(_YEAR.findall(a.text)))
        return self._words[a.id]

    def overlap(self, a: Unit, b: Unit) -> float:
        """The share of the shorter sentence's content words the other one also writes."""
        mine, theirs = _stems(a.text), _stems(b.text)
        return len(mine & theirs) / min(len(mine), len(theirs)) if mine and theirs else 0.0

    def similarity(self, a: Unit, b: Unit) -> float:
        return float(self.vectors[a.row] @ self.vectors[b.row])

    def fits(self, text: str) -> bool:
        """Whether a sentence of this text fits in the words the section has left."""
        return len(text.split()) <= self.words_left

    def spend(self, sentence: CitedSentence) -> None:
        self.words_left -= len(sentence.text.split())

    def overlaps_used(self, span: Span) -> bool:
        return any(
            u.article_id == span.article_id and u.start < span.end and span.start < u.end
            for u in self.used
        )

    def near_chosen(self, row: int, threshold: float = DUPLICATE) -> bool:
        if not self.chosen_rows:
            return False
        return float(np.max(self.vectors[self.chosen_rows] @ self.vectors[row])) >= threshold

    def pick(
        self, units: Iterable[Unit], score: Callable[[Unit], float], k: int, frame_words: int = 0
    ) -> list[Unit]:
        """Up to k units, round-robin over outlets by score, no near-duplicates, within the
        words the section has left (each unit counted with `frame_words` more)."""
        by_outlet: dict[str, list[Unit]] = defaultdict(list)
        for u in sorted(units, key=lambda u: -score(u)):
            by_outlet[u.source].append(u)
        outlets = sorted(by_outlet, key=lambda o: -score(by_outlet[o][0]))
        out: list[Unit] = []
        planned = 0
        while len(out) < k and any(by_outlet.values()):
            for outlet in outlets:
                queue = by_outlet[outlet]
                while queue:
                    u = queue.pop(0)
                    if self.overlaps_used(u.span()) or self.near_chosen(u.row):
                        continue
                    words = len(u.text.split()) + frame_words
                    if planned + words > self.words_left:
                        continue
                    self.take(u)
                    planned += words
                    out.append(u)
                    break
                if len(out) >= k:
                    break
        return out

    def take(self, u: Unit) -> None:
        self.used.append(u.span())
        self.chosen_rows.append(u.row)

    def sentence(
        self, spans: Sequence[Span], body: str, frame: str = "", kind: str = "fact"
    ) -> CitedSentence | None:
        """A cited sentence, or None when the checker would not accept it."""
        body = body.strip()
        body = body[:1].upper() + body[1:]  # a sentence whose leading connective was trimmed
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

    def label(self, article_id: str) -> str:
        """How prose names an article's outlet: its name, or "Source A" for a file stem."""
        return self.labels.get(article_id) or self.outlet(article_id)

    def sources(self) -> set[str]:
        return {u.source for u in self.units}


def round_robin(items: Sequence[T], key: Callable[[T], str]) -> list[T]:
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


def story_labels(story: Story, articles: Sequence[Article]) -> dict[str, str]:
    """Per article of the story, its outlet's label in prose (see `outlet_labels`)."""
    source = {a.id: a.source for a in articles}
    return outlet_labels((i, source[i]) for i in story.article_ids if i in source)


def frame_names(story: Story, articles: Sequence[Article]) -> dict[str, set[str]]:
    """Per article: the names a frame may use — its outlet, the outlet's label and the
    entities it mentions."""
    names: dict[str, set[str]] = {a.id: {a.source} for a in articles}
    for article_id, label in story_labels(story, articles).items():
        names[article_id].add(label)
    for e in story.entities:
        for m in e.mentions:
            names.setdefault(m.article_id, set()).update((e.name, *e.aliases))
    return names
