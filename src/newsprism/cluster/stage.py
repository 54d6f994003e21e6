"""The cluster stage over the store: new articles join stored stories or found new ones.

Only articles that belong to no story yet are clustered; the stories they may join are the
stored ones active around their dates (`Store.active_stories`), so the cost of a batch depends
on the batch and the stories of its days, not on how many articles the store holds. Vectors are
stored with the model that made them, so a re-run never loads the model. Copies (duplicates
from ingest) are not clustered: they are shown in their original's story and counted once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsprism.annotate.gazetteer import Gazetteer
from newsprism.cluster.embed import Encoder, Vector, lead_text
from newsprism.cluster.keys import make_item
from newsprism.cluster.online import Clusterer, ClusterParams, StoryState
from newsprism.cluster.title import story_title
from newsprism.model import Article
from newsprism.settings import Settings
from newsprism.store import Store, StoryRow

TITLE_MEMBERS_FIRST = 50
TITLE_MEMBERS_LATEST = 150


@dataclass(frozen=True, slots=True, kw_only=True)
class Clustering:
    story_of: dict[str, str]  # article id (copies included) -> story id
    merges: tuple[tuple[str, str], ...]  # (absorbed, survivor) in this run
    created: tuple[str, ...]
    changed: tuple[str, ...]


def params_of(settings: Settings) -> ClusterParams:
    return ClusterParams(
        threshold=settings.story_threshold,
        merge_threshold=settings.story_merge_threshold,
        window_days=settings.story_window_days,
    )


def article_day(article: Article) -> int | None:
    published = article.published
    if published is None or published.granularity != "day":
        return None
    return dt.date.fromisoformat(published.value).toordinal()


def cluster_articles(
    articles: Sequence[Article],
    settings: Settings,
    store: Store,
    gazetteer: Gazetteer,
    vectors: Mapping[str, Vector] | None = None,
) -> Clustering:
    """Assign the articles that belong to no story yet; `vectors` may supply their embeddings
    (made by the configured model; benchmarks use this), else stored or computed ones are used."""
    originals = [a for a in articles if a.analysed and not a.duplicate_of]
    known = store.story_of([a.id for a in originals])
    todo = [a for a in originals if a.id not in known]
    merges: tuple[tuple[str, str], ...] = ()
    created: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    if todo:
        params = params_of(settings)
        encoder = Encoder(settings.embedding_model)
        given = vectors or {}
        found = store.get_vectors([a.id for a in todo if a.id not in given], encoder.id)
        found.update({a.id: given[a.id] for a in todo if a.id in given})
        missing = [a for a in todo if a.id not in found]
        if missing:  # a re-run over stored vectors never loads the model
            fresh = encoder.encode([lead_text(a.title, a.text) for a in missing])
            found.update({a.id: fresh[i] for i, a in enumerate(missing)})
        items = [
            make_item(a.id, a.title, a.text, article_day(a), found[a.id], gazetteer) for a in todo
        ]
        days = [i.day for i in items if i.day is not None]
        if days and len(days) == len(items):
            rows = store.active_stories(min(days), max(days), params.window_days)
        else:
            rows = store.active_stories(None, None, params.window_days)
        titles = {r.id: r.title for r in rows}  # also: which stories were stored before
        df, total = store.key_df(
            {k for i in items for k in i.keys} | {k for r in rows for k in r.keys}
        )
        clusterer = Clusterer(
            [_state(r) for r in rows],
            df=df,
            total=total,
            params=params,
            dimensions=len(items[0].vector),
        )
        outcome = clusterer.add(items)
        merges, created, changed = outcome.merges, outcome.created, outcome.changed
        # absorbed stories that were stored keep their row, marked merged_into; ones founded
        # and absorbed within this batch were never seen and are not written
        dirty = set(created) | set(changed) | {a for a, _ in merges if a in titles}
        states = [clusterer.story(s) for s in sorted(dirty)]
        moved = dict(outcome.assigned)  # new members, and the members of absorbed stories
        for _, survivor in merges:
            final = clusterer.story(survivor)
            while final.merged_into is not None:
                final = clusterer.story(final.merged_into)
            moved.update(dict.fromkeys(final.members, final.id))
        members = sorted(moved.items())
        store.put_clustering(
            [(i.id, encoder.id, i.vector, sorted(i.keys), i.day) for i in items],
            [_row(s, titles.get(s.id)) for s in states],
            members,
        )
        _retitle(store, [s for s in states if s.merged_into is None], found, encoder.id)
    copies = {a.id: a.duplicate_of for a in articles if a.duplicate_of and a.analysed}
    story_of = store.story_of([a.id for a in originals])
    of_originals = store.story_of(sorted(set(copies.values())))
    story_of.update({c: of_originals[o] for c, o in copies.items() if o in of_originals})
    return Clustering(story_of=story_of, merges=merges, created=created, changed=changed)


def _retitle(
    store: Store, states: Sequence[StoryState], vectors: Mapping[str, Vector], model: str
) -> None:
    for state in states:
        # a long-running story is titled from its first and latest members, so the cost of a
        # batch does not grow with the size of the stories it touches
        shown = (
            state.members[:TITLE_MEMBERS_FIRST]
            + state.members[TITLE_MEMBERS_FIRST:][-TITLE_MEMBERS_LATEST:]
        )
        members = store.get_articles(shown)
        have = {m: vectors[m] for m in shown if m in vectors}
        missing = [m for m in shown if m not in have]
        if missing:
            have.update(store.get_vectors(missing, model))
        store.set_story_title(state.id, story_title(members, have))


def _state(row: StoryRow) -> StoryState:
    return StoryState(
        id=row.id,
        founder=row.founder,
        members=list(row.article_ids),
        vector_sum=row.vector_sum.copy(),
        keys=Counter(row.keys),
        first_day=row.first_day,
        last_day=row.last_day,
        merged_from=list(row.merged_from),
    )


def _row(state: StoryState, title: str | None) -> StoryRow:
    return StoryRow(
        id=state.id,
        title=title,
        founder=state.founder,
        article_ids=tuple(state.members),
        vector_sum=state.vector_sum,
        keys=dict(state.keys),
        first_day=state.first_day,
        last_day=state.last_day,
        merged_into=state.merged_into,
        merged_from=tuple(state.merged_from),
    )
