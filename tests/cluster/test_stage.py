"""The cluster stage as a pure function over hand-made vectors and candidate stories: what it
reads of each article, which stored stories a batch is offered, and what it gives the
pipeline to write (vectors, changed story rows, memberships, which members title a story).
Then the pipeline's step over a store: written back, joined by a later batch, idempotent."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np
import numpy.typing as npt

from newsprism.cluster.online import ClusterParams, Item, StoryState, new_story_id
from newsprism.cluster.stage import (
    TITLE_MEMBERS_FIRST,
    TITLE_MEMBERS_LATEST,
    article_day,
    batch_items,
    batch_keys,
    cluster_batch,
    day_range,
    title_members,
)
from newsprism.gazetteer import load_gazetteer
from newsprism.model import Article, DateValue, StoryRow
from newsprism.pipeline import cluster_articles
from newsprism.settings import Settings
from newsprism.store import Store

DIM = 8
PARAMS = ClusterParams(threshold=0.6, merge_threshold=0.85, window_days=7)
DAY = dt.date(2025, 9, 11).toordinal()


def unit(*weights: float) -> npt.NDArray[np.float32]:
    v = np.zeros(DIM, dtype=np.float32)
    v[: len(weights)] = weights
    out: npt.NDArray[np.float32] = v / np.linalg.norm(v)
    return out


def item(name: str, vector: npt.NDArray[np.float32], day: int | None = DAY) -> Item:
    return Item(id=name, vector=vector, keys=frozenset({"n:geneva"}), day=day)


def stored_story(founder: str, vector: npt.NDArray[np.float32], day: int = DAY) -> StoryRow:
    return StoryRow(
        id=new_story_id(founder),
        title="Talks in Geneva",
        founder=founder,
        article_ids=(founder,),
        vector_sum=vector.astype(np.float64),
        keys={"n:geneva": 1},
        first_day=day,
        last_day=day,
    )


def article(key: str, text: str, day: str | None = "2025-09-11") -> Article:
    published = DateValue(value=day, granularity="day", kind="explicit") if day else None
    return Article(id=key, text=text, source="Herald", title=None, published=published)


def test_what_the_clusterer_reads_of_an_article() -> None:
    gazetteer = load_gazetteer()
    a = article("a", "Officials from France met Tomas Renaud in Geneva on Thursday.")
    (it,) = batch_items([a], {"a": unit(1)}, gazetteer)
    assert it.id == "a" and it.day == DAY and np.allclose(it.vector, unit(1))
    assert "n:renaud" in it.keys
    assert article_day(article("m", "x", None)) is None
    month = Article(
        id="m",
        text="x",
        source="S",
        published=DateValue(value="2025-09", granularity="month", kind="explicit"),
    )
    assert article_day(month) is None  # only a day places an article in the window


def test_the_batch_is_offered_stories_around_its_days_or_all_when_one_is_undated() -> None:
    assert day_range([item("a", unit(1), DAY + 2), item("b", unit(1), DAY)]) == (DAY, DAY + 2)
    assert day_range([item("a", unit(1)), item("b", unit(1), None)]) == (None, None)
    row = stored_story("old", unit(1))
    assert batch_keys([item("a", unit(1))], [row]) == {"n:geneva"}


def test_a_new_batch_founds_stories_and_says_what_to_write() -> None:
    items = [item("a", unit(1, 0.1)), item("b", unit(1, 0.2)), item("c", unit(0, 0, 1))]
    batch = cluster_batch(items, [], ({}, 0), PARAMS, "model-x")
    assert [v[0] for v in batch.vectors] == ["a", "b", "c"]
    assert all(v[1] == "model-x" for v in batch.vectors)
    story = new_story_id("a")
    assert dict(batch.members) == {"a": story, "b": story, "c": new_story_id("c")}
    assert sorted(batch.created) == sorted({story, new_story_id("c")})
    rows = {r.id: r for r in batch.stories}
    assert rows[story].article_ids == ("a", "b") and rows[story].title is None
    assert dict(batch.titled)[story] == ("a", "b")
    assert batch.merges == () and batch.changed == ()


def test_a_later_article_joins_the_stored_story_that_keeps_its_title() -> None:
    row = stored_story("old", unit(1, 0.1))
    batch = cluster_batch([item("new", unit(1, 0.15))], [row], ({"n:geneva": 1}, 1), PARAMS, "m")
    assert dict(batch.members) == {"new": row.id}
    assert batch.changed == (row.id,) and batch.created == ()
    (written,) = batch.stories
    assert written.article_ids == ("old", "new") and written.title == "Talks in Geneva"
    assert dict(batch.titled) == {row.id: ("old", "new")}


def test_a_story_outside_the_window_is_not_joined() -> None:
    row = stored_story("old", unit(1, 0.1), day=DAY - 30)
    batch = cluster_batch([item("new", unit(1, 0.1))], [row], ({}, 1), PARAMS, "m")
    assert dict(batch.members) == {"new": new_story_id("new")}
    assert [r.id for r in batch.stories] == [new_story_id("new")]  # the old row is untouched


def test_a_long_story_is_titled_from_its_first_and_latest_members() -> None:
    members = [f"m{i}" for i in range(TITLE_MEMBERS_FIRST + TITLE_MEMBERS_LATEST + 100)]
    state = StoryState(
        id="s", founder="m0", members=members, vector_sum=np.zeros(DIM), keys=Counter()
    )
    shown = title_members(state)
    assert len(shown) == TITLE_MEMBERS_FIRST + TITLE_MEMBERS_LATEST
    assert shown[0] == "m0" and shown[-1] == members[-1]
    assert members[TITLE_MEMBERS_FIRST] not in shown


def test_the_pipeline_step_writes_the_batch_and_a_rerun_changes_nothing(
    store: Store, settings: Settings
) -> None:
    gazetteer = load_gazetteer()
    first = [
        article("a", "Talks opened in Geneva between the two delegations on Thursday."),
        article("b", "The delegations opened talks in Geneva on Thursday morning."),
    ]
    vectors = {"a": unit(1, 0.1), "b": unit(1, 0.2), "c": unit(1, 0.15), "d": unit(0, 1)}
    store.put_articles([(a, a.id, b"", ()) for a in first])  # what ingest leaves
    done = cluster_articles(first, settings, store, gazetteer, vectors=vectors)
    story = new_story_id("a")
    assert done.story_of == {"a": story, "b": story} and done.created == (story,)
    assert store.get_stories([story])[0].title  # titled from its members
    later = [
        article("c", "Geneva talks went on for a second day.", "2025-09-12"),
        article("d", "A storm closed the northern harbour.", "2025-09-12"),
    ]
    store.put_articles([(a, a.id, b"", ()) for a in later])
    grown = cluster_articles(later, settings, store, gazetteer, vectors=vectors)
    assert grown.story_of["c"] == story and grown.changed == (story,)
    assert grown.story_of["d"] == new_story_id("d")
    assert store.get_stories([story])[0].article_ids == ("a", "b", "c")
    again = cluster_articles([*first, *later], settings, store, gazetteer, vectors=vectors)
    assert again.created == again.changed == again.merges == ()  # all already clustered
    assert again.story_of == {**done.story_of, **grown.story_of}
