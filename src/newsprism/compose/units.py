"""Candidate sentences of a brief ("units"): the story's original sentences, trimmed, with
what selection reads of each, and their vectors.

Input: the story (entities, direct quotes), its articles, annotations and extractions. Output:
`Unit`s in article and sentence order. A heading run into a sentence, a bullet or a leading
connective ("However, ") is trimmed off; a sentence over `LONG_WORDS` words is cut to its main
claim clause; one under `MIN_WORDS` words, or a question or a lead-in ending in a colon, is no
candidate. Known limits: a heading is recognised by its capitalised words only.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from newsprism.embedding import Encoder, Vectors, encode_stored
from newsprism.model import Annotation, Article, Span, Story, embedding_text

if TYPE_CHECKING:
    from newsprism.embedding import VectorCache
    from newsprism.model import ArticleExtraction, FoundClaim

LONG_WORDS = 45
MIN_WORDS = 6
_LEADING = re.compile(
    r"^(?:however|but|yet|meanwhile|still|moreover|furthermore|indeed|instead|in addition|"
    r"at the same time|in the end|for instance|for example|in contrast|thus|so|and)\s*,?\s+",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[\s\-–—•*·]+")


@dataclass(slots=True)
class Unit:
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


def find_units(
    story: Story,
    articles: Mapping[str, Article],
    annotations: Sequence[Annotation],
    extractions: Sequence[ArticleExtraction],
) -> list[Unit]:
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
    out: list[Unit] = []
    for ann in annotations:
        article = articles.get(ann.article_id)
        if article is None or article.id not in members or article.duplicate_of:
            continue
        claims = claims_of.get(article.id, ())
        for rank, sentence in enumerate(ann.sentences):
            inside = [
                c for c in claims if sentence.start <= c.span[0] and c.span[1] <= sentence.end
            ]
            start, end = trim_sentence(article.text, sentence.start, sentence.end, inside)
            text = article.text[start:end]
            if len(text.split()) < MIN_WORDS or text.rstrip().endswith(("?", ":")):
                continue
            if len(text.split()) > LONG_WORDS and inside:
                main = max(inside, key=lambda c: c.span[1] - c.span[0])
                start, end = main.span
                text = article.text[start:end]
            out.append(
                Unit(
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


def trim_sentence(text: str, start: int, end: int, claims: Sequence[FoundClaim]) -> tuple[int, int]:
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


def unit_vectors(units: Sequence[Unit], encoder: Encoder, cache: VectorCache | None) -> Vectors:
    """A unit's vector is the mean of its claims' vectors, which the compare stage embedded
    and stored under the same texts, so composing embeds almost nothing new; a unit without
    claims is embedded on its own."""
    texts = [t for u in units for t in (u.embedded or (u.text,))]
    found = encode_stored(encoder, list(dict.fromkeys(texts)), cache)
    row = {t: found[k] for k, t in enumerate(dict.fromkeys(texts))}
    out = np.zeros((len(units), found.shape[1] if len(found) else 0), dtype=np.float32)
    for k, u in enumerate(units):
        v = np.mean([row[t] for t in (u.embedded or (u.text,))], axis=0)
        out[k] = v / (np.linalg.norm(v) or 1.0)
    return out
