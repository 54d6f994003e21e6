from pathlib import Path

import pytest

from newsprism.errors import StoreError
from newsprism.ingest.dedup import Shingler, band_keys, to_bytes
from newsprism.model import Article, DateValue, Span
from newsprism.store import MIGRATIONS, Store


def _row(article: Article) -> tuple[Article, str, bytes, list[tuple[int, str]]]:
    signature = Shingler().signature(article.text)
    return article, "hash-" + article.id, to_bytes(signature), band_keys(signature)


ARTICLE = Article(
    id="a1",
    text="Talks opened in Geneva on 10 September.",
    source="Herald",
    published=DateValue(value="2025-09-10", granularity="day", kind="inferred"),
    published_evidence=(Span(article_id="a1", start=26, end=38),),
    language="en",
)


def test_migrations_set_the_schema_version(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.schema_version == len(MIGRATIONS)
    with Store(tmp_path / "s.db") as store:  # opening again migrates nothing
        assert store.schema_version == len(MIGRATIONS)


def test_articles_round_trip_and_upserts_are_idempotent(store: Store) -> None:
    store.put_articles([_row(ARTICLE)], [("key", "input.txt", ["a1"])])
    store.put_articles([_row(ARTICLE)], [("key", "input.txt", ["a1"])])
    assert store.count_articles() == 1
    assert store.get_article("a1") == ARTICLE
    assert store.cached_input("key") == ["a1"]
    assert store.find_text_hash("hash-a1") == "a1"
    assert store.integrity_problems() == []


def test_a_failing_batch_leaves_nothing_behind(store: Store) -> None:
    bad = Article(id="a2", text="Other text.", source="Wire", duplicate_of="missing")
    with pytest.raises(StoreError):
        store.put_articles([_row(ARTICLE), _row(bad)])  # the foreign key fails at commit
    assert store.count_articles() == 0


def test_band_candidates_find_a_copy(store: Store) -> None:
    store.put_articles([_row(ARTICLE)])
    copy = Article(id="a3", text=ARTICLE.text, source="Wire")
    assert "a1" in store.band_candidates(_row(copy)[3])


def test_a_file_that_is_not_sqlite_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database " * 200)
    with pytest.raises(StoreError, match="pass another --db"):
        Store(path)
    assert path.read_text().startswith("these are my notes")  # nothing overwritten


def _story(story_id: str, members: tuple[str, ...], first: int | None, last: int | None, **kw):  # type: ignore[no-untyped-def]
    import numpy as np

    from newsprism.model import StoryRow

    return StoryRow(
        id=story_id,
        title=None,
        founder=members[0] if members else story_id,
        article_ids=members,
        vector_sum=np.ones(4),
        keys={"g:Valdoria": len(members)},
        first_day=first,
        last_day=last,
        **kw,
    )


def test_clustering_state_round_trips_and_key_counts_grow_once_per_article(store: Store) -> None:
    import numpy as np

    arts = [Article(id=f"a{i}", text=f"text number {i} " * 5, source="s") for i in range(3)]
    store.put_articles([_row(a) for a in arts])
    vec = np.ones(4, np.float32) / 2
    for _ in range(2):  # writing the same vectors again counts nothing twice
        store.put_clustering(
            [
                ("a0", "m1", vec, ["g:Valdoria", "n:marek"], 100),
                ("a1", "m1", vec, ["g:Valdoria"], 120),
            ],
            [_story("s1", ("a0",), 100, 100), _story("s2", ("a1",), 120, 120)],
            [("a0", "s1"), ("a1", "s2")],
        )
    df, total = store.key_df(["g:Valdoria", "n:marek", "n:none"])
    assert (df, total) == ({"g:Valdoria": 2, "n:marek": 1}, 2)
    assert set(store.get_vectors(["a0", "a1", "a2"], "m1")) == {"a0", "a1"}
    assert store.get_vectors(["a0"], "another model") == {}
    assert store.story_of(["a0", "a1", "a2"]) == {"a0": "s1", "a1": "s2"}
    # only stories whose dates, widened by the window, meet the batch's dates are loaded
    assert [s.id for s in store.active_stories(105, 106, 7)] == ["s1"]
    assert {s.id for s in store.active_stories(None, None, 7)} == {"s1", "s2"}
    store.put_clustering(
        [],
        [
            _story("s1", ("a0", "a1"), 100, 120, merged_from=("s2",)),
            _story("s2", (), 120, 120, merged_into="s1"),
        ],
        [("a1", "s1")],
    )
    (s1,) = store.get_stories(["s1"])
    assert s1.article_ids == ("a0", "a1") and s1.merged_from == ("s2",)
    assert [s.id for s in store.stories()] == ["s1"]
    assert {s.id: s.merged_into for s in store.stories(include_merged=True)} == {
        "s1": None,
        "s2": "s1",
    }
