"""The cluster stage over stored stories: a batch of new articles joins stories or founds new ones.

Input: the batch's articles that belong to no story yet, one `lead_text` vector per article,
the gazetteer, the candidate stories (`StoryRow`: the stored ones active around the batch's
days, which the pipeline reads from the store), and the document frequency of the entity keys
involved. Output: a `ClusterBatch`, everything the pipeline writes back: the articles' vectors
and keys, the stories the batch changed (whole rows), the new or moved memberships, and which
members title each live story. The cost of a batch depends on the batch and the stories of its
days, not on how many articles are stored. Copies (duplicates from ingest) are not clustered:
they are shown in their original's story and counted once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsprism.cluster.furniture import is_furniture
from newsprism.cluster.keys import make_item
from newsprism.cluster.online import Clusterer, ClusterParams, Item, StoryState
from newsprism.embedding import Vector
from newsprism.gazetteer import Gazetteer
from newsprism.model import Article, StoryRow
from newsprism.settings import Settings

TITLE_MEMBERS_FIRST = 50
TITLE_MEMBERS_LATEST = 150

# (article id, model id, vector, entity keys, day): one stored article vector
ArticleVector = tuple[str, str, Vector, Sequence[str], int | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class Clustering:
    """Where the run's articles ended up."""

    story_of: dict[str, str]  # article id (copies included) -> story id
    merges: tuple[tuple[str, str], ...]  # (absorbed, survivor) in this run
    created: tuple[str, ...]
    changed: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterBatch:
    """What clustering one batch changed, for the pipeline to write in one transaction."""

    vectors: tuple[ArticleVector, ...]
    stories: tuple[StoryRow, ...]  # changed, created and absorbed stories, whole
    members: tuple[tuple[str, str], ...]  # (article id, story id), new or moved
    titled: tuple[tuple[str, tuple[str, ...]], ...]  # (live story id, members its title reads)
    merges: tuple[tuple[str, str], ...]
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


def batch_items(
    articles: Sequence[Article], vectors: Mapping[str, Vector], gazetteer: Gazetteer
) -> list[Item]:
    """What the clusterer reads of each article: its vector, entity keys and day. Page
    furniture (`furniture.is_furniture`: a cookie notice, a menu, a comment thread that arrived
    as an article) is left out, so it founds no story and joins none."""
    return [
        make_item(a.id, a.title, a.text, article_day(a), vectors[a.id], gazetteer)
        for a in articles
        if not is_furniture(a.title, a.text)
    ]


def day_range(items: Sequence[Item]) -> tuple[int | None, int | None]:
    """The first and last day of the batch; (None, None) when any article is undated, so that
    every live story is a candidate."""
    days = [i.day for i in items if i.day is not None]
    if days and len(days) == len(items):
        return min(days), max(days)
    return None, None


def batch_keys(items: Sequence[Item], candidates: Iterable[StoryRow]) -> set[str]:
    """The entity keys whose document frequency clustering the batch reads."""
    return {k for i in items for k in i.keys} | {k for r in candidates for k in r.keys}


def cluster_batch(
    items: Sequence[Item],
    candidates: Sequence[StoryRow],
    key_df: tuple[dict[str, int], int],
    params: ClusterParams,
    model: str,
) -> ClusterBatch:
    """Assign the batch's items to the candidate stories or to new ones (`online.Clusterer`),
    and say what to write: absorbed stories that were stored keep their row, marked
    merged_into; ones founded and absorbed within this batch were never seen and are not
    written. `model` names the encoder that made the vectors."""
    if not items:  # every article of the batch was furniture: nothing changes
        return ClusterBatch(
            vectors=(), stories=(), members=(), titled=(), merges=(), created=(), changed=()
        )
    df, total = key_df
    titles = {r.id: r.title for r in candidates}  # also: which stories were stored before
    clusterer = Clusterer(
        [_state(r) for r in candidates],
        df=df,
        total=total,
        params=params,
        dimensions=len(items[0].vector),
    )
    outcome = clusterer.add(items)
    dirty = (
        set(outcome.created) | set(outcome.changed) | {a for a, _ in outcome.merges if a in titles}
    )
    states = [clusterer.story(s) for s in sorted(dirty)]
    moved = dict(outcome.assigned)  # new members, and the members of absorbed stories
    for _, survivor in outcome.merges:
        final = clusterer.story(survivor)
        while final.merged_into is not None:
            final = clusterer.story(final.merged_into)
        moved.update(dict.fromkeys(final.members, final.id))
    return ClusterBatch(
        vectors=tuple((i.id, model, i.vector, sorted(i.keys), i.day) for i in items),
        stories=tuple(_row(s, titles.get(s.id)) for s in states),
        members=tuple(sorted(moved.items())),
        titled=tuple((s.id, title_members(s)) for s in states if s.merged_into is None),
        merges=outcome.merges,
        created=outcome.created,
        changed=outcome.changed,
    )


def title_members(state: StoryState) -> tuple[str, ...]:
    """The members a story's title is made from: a long-running story is titled from its
    first and latest members, so the cost of a batch does not grow with the size of the
    stories it touches."""
    return tuple(
        state.members[:TITLE_MEMBERS_FIRST]
        + state.members[TITLE_MEMBERS_FIRST:][-TITLE_MEMBERS_LATEST:]
    )


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
