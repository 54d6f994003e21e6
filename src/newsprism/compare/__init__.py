"""Comparison across outlets: claim groups (corroborated, single-source, contradicted), the
independence of sources, and per-outlet framing of the story's actors.

    story = compare_story(story, articles, annotations, extractions, encoder, cache)

Claims come from the extract stage (atomic claims per article, stored); this stage embeds them
(vectors stored by text hash, so a re-run embeds nothing), groups them across outlets
(`claims.py`), measures how each outlet frames each actor (`framing.py`), and says what each
outlet alone reports and what it leaves out that others state (`Coverage`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from newsprism.compare.claims import Statement, group_claims
from newsprism.compare.framing import measure_framing
from newsprism.embedding import encode_stored
from newsprism.model import (
    Annotation,
    Article,
    ArticleExtraction,
    Claim,
    Coverage,
    EntityIndex,
    Story,
    embedding_text,
)

if TYPE_CHECKING:
    from newsprism.embedding import Encoder, VectorCache, Vectors

__all__ = ["compare_story", "statements_of", "coverage_of"]


def statements_of(
    story: Story, articles: Sequence[Article], extractions: Sequence[ArticleExtraction]
) -> list[Statement]:
    """Each extracted claim with the story entities it names, its subject and its speaker."""
    by_id = {a.id: a for a in articles}
    index = EntityIndex(story)
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for e in story.entities:
        for m in e.mentions:
            spans[m.article_id].append((m.start, m.end, e.id))
    out = []
    for x in extractions:
        article = by_id[x.article_id]
        for c in x.claims:
            lo, hi = c.span
            named = frozenset(
                eid for ms, me, eid in spans.get(article.id, ()) if lo <= ms and me <= hi
            )
            subject = None
            if c.subject:
                subject = index.of(article.id, c.subject) or index.of(
                    article.id, None, article.text[c.subject[0] : c.subject[1]]
                )
            out.append(
                Statement(
                    article=article.id,
                    found=c,
                    text=article.text[lo:hi],
                    entities=named | ({subject} if subject else set()),
                    subject=subject,
                    speaker=index.of(article.id, c.attribution) if c.attribution else None,
                )
            )
    return out


def embed_statements(
    statements: Sequence[Statement],
    articles: Sequence[Article],
    encoder: Encoder,
    cache: VectorCache | None = None,
) -> Vectors:
    """One unit vector per statement; stored vectors are reused and new ones stored."""
    by_id = {a.id: a for a in articles}
    texts = [embedding_text(by_id[s.article].text, s.found) for s in statements]
    return encode_stored(encoder, texts, cache)


def coverage_of(claims: Sequence[Claim], articles: Sequence[Article]) -> tuple[Coverage, ...]:
    """Per outlet: the claims only it states, and the facts two or more other voices state
    that it leaves out."""
    originals = [a for a in articles if not a.duplicate_of and a.analysed]
    outlets: dict[str, list[str]] = defaultdict(list)
    for a in originals:
        outlets[a.source].append(a.id)
    source_of = {a.id: a.source for a in articles}
    outlets_of = {c.id: {source_of.get(s) for s in c.sources} for c in claims}
    backed = [c for c in claims if c.kind == "fact" and c.voices >= 2]
    out = []
    for outlet, ids in sorted(outlets.items()):
        mine = [c for c in claims if outlet in outlets_of[c.id]]
        omitted = [
            c.id for c in backed if outlet not in outlets_of[c.id] and len(outlets_of[c.id]) >= 2
        ]
        out.append(
            Coverage(
                source=outlet,
                articles=tuple(ids),
                claims=len(mine),
                exclusive=tuple(c.id for c in mine if outlets_of[c.id] == {outlet}),
                omitted=tuple(omitted),
            )
        )
    return tuple(out)


def compare_story(
    story: Story,
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    extractions: Sequence[ArticleExtraction],
    encoder: Encoder,
    cache: VectorCache | None = None,
) -> Story:
    """The story with `claims`, `framing` and `coverage` filled."""
    members = set(story.article_ids)
    in_story = [a for a in articles if a.id in members]
    statements = statements_of(story, in_story, extractions)
    vectors = embed_statements(statements, in_story, encoder, cache)
    claims = group_claims(in_story, statements, vectors)
    framing = measure_framing(story, in_story, annotations)
    return replace(story, claims=claims, framing=framing, coverage=coverage_of(claims, in_story))
