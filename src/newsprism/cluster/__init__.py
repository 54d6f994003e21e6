"""The cluster stage: articles → same-event stories, incrementally.

`stage.cluster_batch` clusters a batch against candidate stories the pipeline reads from the
store (`pipeline.cluster_articles` does the reading and writing); `cluster_documents` runs
the same algorithm on a list of documents in memory, for benchmarks and experiments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsprism.cluster.furniture import is_furniture
from newsprism.cluster.keys import entity_keys, make_item
from newsprism.cluster.online import Clusterer, ClusterParams, Item, Outcome, StoryState
from newsprism.embedding import Encoder, Vectors, lead_text
from newsprism.gazetteer import Gazetteer, load_gazetteer

FURNITURE = "furniture:"  # the label cluster_documents gives a page-furniture document

__all__ = [
    "FURNITURE",
    "ClusterParams",
    "Clusterer",
    "Document",
    "Item",
    "Outcome",
    "StoryState",
    "cluster_documents",
    "entity_keys",
    "is_furniture",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """What clustering looks at: an id, a title if any, the text, the publication day as a
    proleptic Gregorian ordinal (`date.toordinal()`), or None when unknown."""

    id: str
    text: str
    title: str | None = None
    day: int | None = None


def cluster_documents(
    docs: Sequence[Document],
    vectors: Vectors | None = None,
    *,
    encoder: Encoder | None = None,
    params: ClusterParams | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[str]:
    """One story id per document, in input order, clustering them as one batch into an empty
    set of stories. `vectors` (rows of `lead_text` embeddings, unit length) are computed when
    not given. A document that is page furniture (`is_furniture`) joins no story: its label is
    `FURNITURE` + its id, one of its own, which is no story id."""
    if vectors is None:
        vectors = (encoder or Encoder()).encode([lead_text(d.title, d.text) for d in docs])
    gazetteer = gazetteer or load_gazetteer()
    items = [
        make_item(d.id, d.title, d.text, d.day, np.asarray(vectors[i], np.float32), gazetteer)
        for i, d in enumerate(docs)
        if not is_furniture(d.title, d.text)
    ]
    outcome = Clusterer(params=params, dimensions=vectors.shape[1]).add(items)
    return [outcome.assigned.get(d.id, FURNITURE + d.id) for d in docs]
