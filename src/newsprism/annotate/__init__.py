"""Annotation: sentences, entity mentions and time expressions of each article, all as spans,
and the story-level resolution of mentions to canonical actors.

    annotations = annotate(articles)                          # one Annotation per article
    entities = resolve_entities(annotations, articles, load_gazetteer())

`annotate` runs the embedded spaCy pipeline (tagger, sentence splitter, entity recogniser) over
the articles in batches, long texts in paragraph-aligned pieces, so memory stays flat.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from newsprism.annotate.mentions import find_mentions
from newsprism.annotate.resolve import resolve_entities
from newsprism.annotate.time import find_times
from newsprism.gazetteer import Gazetteer, load_gazetteer
from newsprism.model import Annotation, Article, Mention, Span, TimeMention, anchor_of
from newsprism.nlp import chunks, load_pipeline

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

__all__ = [
    "annotate",
    "find_time_mentions",
    "resolve_entities",
]

# Bump when annotation output changes, so stored annotations are recomputed.
ANNOTATOR_VERSION = "1"
TIME_LABELS = frozenset({"DATE", "TIME"})


def find_time_mentions(
    article: Article, entities: Sequence[tuple[int, int, str]] = ()
) -> tuple[TimeMention, ...]:
    """The article's time expressions as spans, normalised against its publication date."""
    found = []
    for t in find_times(article.text, anchor_of(article), entities=entities):
        found.append(
            TimeMention(
                span=article.span(t.start, t.end),
                text=t.text,
                value=t.value,
                granularity=t.granularity,
                type=t.type,
                kind=t.kind,
                range_start=t.range_start,
                range_end=t.range_end,
                mod=t.mod,
            )
        )
    return tuple(found)


def annotate(
    articles: Sequence[Article],
    *,
    nlp: Language | None = None,
    gazetteer: Gazetteer | None = None,
    batch_size: int = 16,
) -> tuple[Annotation, ...]:
    """Sentences, mentions and time expressions of each article, in the order given."""
    nlp = nlp or load_pipeline()
    gazetteer = gazetteer or load_gazetteer()
    pieces = [
        (i, offset, piece) for i, a in enumerate(articles) for offset, piece in chunks(a.text)
    ]
    docs = nlp.pipe(
        ((piece, (i, offset)) for i, offset, piece in pieces), as_tuples=True, batch_size=batch_size
    )
    return annotations_of(
        articles, ((i, offset, doc, doc.sents) for doc, (i, offset) in docs), gazetteer
    )


def annotations_of(
    articles: Sequence[Article],
    pieces: Iterable[tuple[int, int, Doc, Iterable[SpacySpan]]],
    gazetteer: Gazetteer,
) -> tuple[Annotation, ...]:
    """The annotations of `articles` from their spaCy pieces: (article index, offset of the
    piece in its text, the piece's Doc with tags and entities, its sentences). `annotate`
    gives the Doc's own sentences; the one-pass reader (`articlemap`) gives the sentence
    splitter's over a parsed Doc, so both make the same annotation."""
    sentences: list[list[Span]] = [[] for _ in articles]
    mentions: list[list[Mention]] = [[] for _ in articles]
    dates: list[list[tuple[int, int, str]]] = [[] for _ in articles]
    for i, offset, doc, sents in pieces:
        article = articles[i]
        for sent in sents:
            text = sent.text
            start = sent.start_char + len(text) - len(text.lstrip())
            end = sent.end_char - (len(text) - len(text.rstrip()))
            if end > start:
                sentences[i].append(article.span(offset + start, offset + end))
        for m in find_mentions(doc, article.id, gazetteer):
            span = article.span(m.span.start + offset, m.span.end + offset)
            mentions[i].append(dataclasses.replace(m, span=span))
        dates[i] += [
            (e.start_char + offset, e.end_char + offset, e.label_)
            for e in doc.ents
            if e.label_ in TIME_LABELS
        ]
    return tuple(
        Annotation(
            article_id=a.id,
            sentences=tuple(sentences[i]),
            mentions=tuple(mentions[i]),
            times=find_time_mentions(a, dates[i]),
        )
        for i, a in enumerate(articles)
    )
