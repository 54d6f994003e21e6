"""Candidate sentences of a brief ("units"): the story's original sentences, trimmed, with
what selection reads of each, and their vectors.

Input: the story (entities, direct quotes), its articles, annotations and extractions. Output:
`Unit`s in article and sentence order. A heading run into a sentence, a bullet or a leading
connective ("However, ") is trimmed off (the composer capitalises what is left); a unit knows
whether it reads as a whole sentence (`prose.is_whole`: a capital start, a closing stop, no
opening pronoun, at least `MIN_WORDS` words) and which entity it names first. A sentence over
`LONG_WORDS` words (except an article's first sentence of up to `LEAD_WORDS`, which only the
introduction may use: `Unit.long_lead`), one under `MIN_WORDS`, a question or a lead-in ending
in a colon is no candidate: the brief never cuts a sentence to a clause, which is where
fragments came from.
Known limits: a heading is recognised by its capitalised words only.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from newsprism.compose.prose import MIN_WORDS, is_whole
from newsprism.embedding import Encoder, Vectors, encode_stored
from newsprism.model import Annotation, Article, Span, Story, embedding_text, word_set

if TYPE_CHECKING:
    from newsprism.embedding import VectorCache
    from newsprism.model import ArticleExtraction, FoundClaim

LONG_WORDS = 45
# an article's first sentence (its lead) may run longer: journalists write it to be read alone,
# and the introduction that leaves a long lead out loses the story's own summary
LEAD_WORDS = 70
OPENING_CHARS = 40  # a sentence is about the entity it names this close to its start
_LEADING = re.compile(
    r"^(?:however|but|yet|meanwhile|still|moreover|furthermore|indeed|instead|in addition|"
    r"at the same time|in the end|for instance|for example|in contrast|thus|so|and|that said|"
    r"nevertheless|nonetheless|consequently|unfortunately|as a result|in short|overall|now)\s*,\s*|"
    r"^(?:however|but|yet|meanwhile|and|so)\s+",
    re.IGNORECASE,
)
_SUBORDINATORS = word_set(
    "as if when while since because after before though although once unless where whether "
    "in on at for with by from to"
)
_STOP_BEFORE = re.compile(r"[.!?][\"'”’)\]]*\s*$")
# a wire dateline before the first sentence: a place in capitals, an optional date and agency,
# then a dash
_DATELINE = re.compile(r"[A-Z][A-Z' .-]{2,40}(?:,[^—–\n]{1,40}?)?\s+[—–-]\s+(?=[A-Z\"“])")
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
    quoted_share: float = 0.0  # the share of its characters inside such quotations
    hedged: bool = False
    dates: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    centrality: float = 0.0
    row: int = 0
    embedded: tuple[str, ...] = ()  # what the compare stage embedded of its claims
    parts: tuple[tuple[int, int, str], ...] = ()  # its claims: start, end, kind

    whole: bool = False  # reads as a whole sentence once its first letter is capitalised
    long_lead: bool = False  # a whole article-opening sentence over LONG_WORDS (the intro's)
    opener: str | None = None  # the entity it names first, when that is in its opening words
    speaker: str | None = None  # who a speech verb in it attributes words to (entity id)
    unstopped: bool = False  # it ends its article without a stop

    def span(self) -> Span:
        return Span(article_id=self.article, start=self.start, end=self.end)

    def sentence_text(self) -> str:
        """The unit as the brief writes it: its first letter a capital (a trimmed connective
        leaves "the talks resumed …"), and a stop where its article ends without one."""
        return self.text[:1].upper() + self.text[1:] + ("." if self.unstopped else "")


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
    said: dict[str, list[tuple[Span, str]]] = defaultdict(list)
    for q in story.quotes:
        for ev in q.evidence:
            if q.speaker:
                said[ev.article_id].append((ev, q.speaker))
    out: list[Unit] = []
    for ann in annotations:
        article = articles.get(ann.article_id)
        if article is None or article.id not in members or article.duplicate_of:
            continue
        claims = claims_of.get(article.id, ())
        # a sentence the sentencer ran across a paragraph break after a stop is two sentences:
        # each part is a candidate ("…leave.”\nBefore the blockade began in March 2021, …")
        parts = [
            (rank, a, b)
            for rank, sentence in enumerate(ann.sentences)
            for a, b in paragraph_parts(article.text, sentence.start, sentence.end)
        ]
        for rank, part_start, part_end in parts:
            inside = [c for c in claims if part_start <= c.span[0] and c.span[1] <= part_end]
            start, end = trim_sentence(article.text, part_start, part_end, inside)
            text = article.text[start:end]
            if len(text.split()) < MIN_WORDS or text.rstrip().endswith(("?", ":")):
                continue
            # a sentence cut at its head (a connective, a heading) may start lowercase; one
            # that was split mid-sentence by the sentencer starts lowercase and stays a fragment
            cut = start > part_start and not article.text[part_start:start].isspace()
            shown = text[:1].upper() + text[1:] if cut else text
            # a lead whose article ends without a stop ("… the federal government") is a
            # whole sentence all the same: the brief writes it with its stop
            unstopped = end >= len(article.text.rstrip()) and not _STOP_BEFORE.search(text)
            if unstopped:
                shown += "."
            named = sorted((a, e) for a, b, e in mentions.get(article.id, ()) if start <= a < end)
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
                    quoted_share=_share_inside(start, end, quoted.get(article.id, ())),
                    hedged=any(c.hedged for c in inside),
                    dates={
                        t.value.split("T")[0]
                        for t in ann.times
                        if start <= t.span.start and t.span.end <= end
                    },
                    entities={
                        e for a, b, e in mentions.get(article.id, ()) if start <= a and b <= end
                    },
                    whole=is_whole(shown) and len(text.split()) <= LONG_WORDS,
                    long_lead=rank == 0
                    and LONG_WORDS < len(text.split()) <= LEAD_WORDS
                    and is_whole(shown),
                    unstopped=unstopped,
                    opener=named[0][1] if named and named[0][0] - start < OPENING_CHARS else None,
                    speaker=next(
                        (
                            who
                            for ev, who in said.get(article.id, ())
                            if ev.start < end and start < ev.end
                        ),
                        None,
                    ),
                )
            )
    return out


def _share_inside(start: int, end: int, spans: Sequence[Span]) -> float:
    """The share of the characters of [start, end) that lie inside one of the spans (spans
    may overlap each other: each character counts once)."""
    inside: set[int] = set()
    for s in spans:
        inside.update(range(max(s.start, start), min(s.end, end)))
    return len(inside) / (end - start) if end > start else 0.0


def paragraph_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence `text[start:end]` cut at each line break that follows a stop or a colon:
    the parts a sentencer that missed a paragraph break ran together (one part when there is
    none); a part ending in a colon ("UPDATE:", "… said in a statement:") is then no
    candidate."""
    out, begin = [], start
    for k in range(start, end):
        if text[k] == "\n" and (
            _STOP_BEFORE.search(text, begin, k) or text[begin:k].rstrip().endswith(":")
        ):
            if text[begin:k].strip():
                out.append((begin, k))
            begin = k + 1
    if text[begin:end].strip():
        out.append((begin, end))
    return out or [(start, end)]


def trim_sentence(text: str, start: int, end: int, claims: Sequence[FoundClaim]) -> tuple[int, int]:
    """Cut bullets, a heading run into the sentence and a leading connective (paragraph
    breaks the sentencer missed are cut before, by `paragraph_parts`)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # a heading on its own line before the sentence ("Key Stakeholders & Perspectives\n- …")
    line = text.rfind("\n", start, end)
    if line > start and _looks_like_heading(text[start:line]) and "\n" not in text[start:line]:
        start = line + 1
    m = _BULLET.match(text, start, end)
    if m and m.end() > start:
        start = m.end()
    m = _DATELINE.match(text, start, end)  # "GENEVA, Sept 11 (Continental Wire) - "
    if m:
        start = m.end()
    first = min((c.span[0] for c in claims), default=start)
    gap = text[start:first]
    # a heading run into a sentence is followed by the sentence's capital ("Background &
    # History The war began …"); "As previous episodes …" is no heading
    if start < first < end and text[first].isupper() and _looks_like_heading(gap):
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
    if words[0].casefold() in _SUBORDINATORS:  # "As Russia pressed on, …" opens a clause
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
