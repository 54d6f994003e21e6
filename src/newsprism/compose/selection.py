"""Choosing a brief's sentences: round-robin over outlets, no near-duplicates, no span used
twice, and every sentence through the citation checker.

`Selection` holds what the section writers (`sections.py`) draw from and what they have used;
`pick` takes the best units of each outlet in turn, skipping a unit whose span is used or
whose vector is within `DUPLICATE` cosine of one already chosen; `sentence` makes a
`CitedSentence` and keeps it only when the citation checker (`citations.py`) accepts it (the
rejections are counted, so a frame or trim that fails shows up).
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
from newsprism.model import Article, CitedSentence, Span, Story, TimelineEntry

T = TypeVar("T")
DUPLICATE = 0.82
_UNNAMED = re.compile(r"^[\w.-]*\d[\w.-]*$")  # a file stem standing in for an unknown outlet


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
    used: list[Span] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    chosen_rows: list[int] = field(default_factory=list)

    def overlaps_used(self, span: Span) -> bool:
        return any(
            u.article_id == span.article_id and u.start < span.end and span.start < u.end
            for u in self.used
        )

    def near_chosen(self, row: int) -> bool:
        if not self.chosen_rows:
            return False
        return float(np.max(self.vectors[self.chosen_rows] @ self.vectors[row])) >= DUPLICATE

    def pick(self, units: Iterable[Unit], score: Callable[[Unit], float], k: int) -> list[Unit]:
        """Up to k units, round-robin over outlets by score, no near-duplicates."""
        by_outlet: dict[str, list[Unit]] = defaultdict(list)
        for u in sorted(units, key=lambda u: -score(u)):
            by_outlet[u.source].append(u)
        outlets = sorted(by_outlet, key=lambda o: -score(by_outlet[o][0]))
        out: list[Unit] = []
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

    def take(self, u: Unit) -> None:
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


def frame_names(story: Story, articles: Sequence[Article]) -> dict[str, set[str]]:
    """Per article: the names a frame may use — its outlet and the entities it mentions."""
    names: dict[str, set[str]] = {a.id: {a.source} for a in articles}
    for e in story.entities:
        for m in e.mentions:
            names.setdefault(m.article_id, set()).update((e.name, *e.aliases))
    return names
