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
