"""Articles: their text and metadata, near-duplicate signatures and LSH bands, and the input
cache (which inputs, by content hash, gave which articles, and what of them was skipped)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newsprism.errors import StoreError
from newsprism.model import Article, DateValue, Skipped, Span
from newsprism.store.connection import Connection


class ArticleTables(Connection):
    """The `articles`, `lsh_bands` and `inputs` tables."""

    def put_articles(
        self,
        articles: Sequence[tuple[Article, str, bytes, Sequence[tuple[int, str]]]],
        inputs: Iterable[
            tuple[str, str, Sequence[str]] | tuple[str, str, Sequence[str], Sequence[Skipped]]
        ] = (),
    ) -> None:
        """Upsert (article, text hash, signature, band keys) rows and input-cache entries
        (key, input name, article ids[, what of the input was skipped])."""
        try:
            with self.transaction() as db:
                seq = int(db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0])
                for article, text_hash, signature, bands in articles:
                    seq += 1
                    db.execute(
                        """INSERT INTO articles VALUES
                           (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                           ON CONFLICT(id) DO UPDATE SET
                             source=excluded.source, url=excluded.url, title=excluded.title,
                             published=excluded.published,
                             published_granularity=excluded.published_granularity,
                             published_kind=excluded.published_kind,
                             published_evidence=excluded.published_evidence,
                             language=excluded.language, analysed=excluded.analysed,
                             skip_reason=excluded.skip_reason, author=excluded.author""",
                        _article_row(article, text_hash, signature, seq),
                    )
                    db.executemany(
                        "INSERT OR IGNORE INTO lsh_bands VALUES (?,?,?)",
                        [(band, key, article.id) for band, key in bands],
                    )
                db.executemany(
                    "INSERT OR REPLACE INTO inputs VALUES (?,?,?,?)",
                    [
                        (entry[0], entry[1], json.dumps(list(entry[2])), _skips_json(entry[3:]))
                        for entry in inputs
                    ],
                )
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: could not write articles ({exc})") from exc

    def get_article(self, article_id: str) -> Article | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM articles WHERE id=?", (article_id,)
        ).fetchone()
        return _article_from_row(row) if row else None

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        found = {a.id: a for a in self._select(f"WHERE id IN ({','.join('?' * len(ids))})", ids)}
        return [found[i] for i in ids if i in found]

    def articles(self) -> Iterator[Article]:
        yield from self._select("ORDER BY seq", ())

    def count_articles(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def _select(self, where: str, params: Sequence[Any]) -> Iterator[Article]:
        for row in self._db.execute(f"SELECT {_COLUMNS} FROM articles {where}", tuple(params)):
            yield _article_from_row(row)

    def find_text_hash(self, text_hash: str) -> str | None:
        row = self._db.execute(
            "SELECT id FROM articles WHERE text_hash=? ORDER BY seq LIMIT 1", (text_hash,)
        ).fetchone()
        return str(row[0]) if row else None

    def band_candidates(self, bands: Sequence[tuple[int, str]]) -> dict[str, bytes]:
        """{article id: signature} of stored articles sharing any band key."""
        if not bands:
            return {}
        clause = " OR ".join("(b.band=? AND b.key=?)" for _ in bands)
        params = [value for pair in bands for value in pair]
        rows = self._db.execute(
            f"""SELECT DISTINCT a.id, a.signature FROM lsh_bands b
                JOIN articles a ON a.id = b.article_id WHERE {clause}""",
            params,
        )
        return {str(r[0]): bytes(r[1]) for r in rows}

    def duplicate_root(self, article_id: str) -> str:
        row = self._db.execute(
            "SELECT duplicate_of FROM articles WHERE id=?", (article_id,)
        ).fetchone()
        return str(row[0]) if row and row[0] else article_id

    def copies_of(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """{original id: ids of its stored duplicates}."""
        found: dict[str, list[str]] = {}
        rows = self._in(
            "SELECT id, duplicate_of FROM articles", "duplicate_of", ids, "ORDER BY seq"
        )
        for copy, original in rows:
            found.setdefault(str(original), []).append(str(copy))
        return found

    def cached_input(self, key: str) -> list[str] | None:
        row = self._db.execute("SELECT article_ids FROM inputs WHERE key=?", (key,)).fetchone()
        return list(json.loads(row[0])) if row else None

    def cached_input_skips(self, key: str) -> list[Skipped]:
        """What of a cached input was skipped when it was read, and why."""
        row = self._db.execute("SELECT skipped FROM inputs WHERE key=?", (key,)).fetchone()
        if not row:
            return []
        return [Skipped(input=s["input"], reason=s["reason"]) for s in json.loads(row[0])]


_COLUMNS = (
    "id, text, source, url, title, published, published_granularity, published_kind, "
    "published_evidence, language, analysed, skip_reason, author, input, duplicate_of, similarity"
)


def _skips_json(rest: Sequence[Sequence[Skipped]]) -> str:
    skips = rest[0] if rest else ()
    return json.dumps([{"input": s.input, "reason": s.reason} for s in skips], ensure_ascii=False)


def _article_row(article: Article, text_hash: str, signature: bytes, seq: int) -> tuple[Any, ...]:
    published = article.published
    return (
        article.id,
        text_hash,
        article.text,
        article.source,
        article.url,
        article.title,
        published.value if published else None,
        published.granularity if published else None,
        published.kind if published else None,
        json.dumps([[s.article_id, s.start, s.end] for s in article.published_evidence]),
        article.language,
        int(article.analysed),
        article.skip_reason,
        article.author,
        article.input,
        article.duplicate_of,
        article.similarity,
        signature,
        seq,
    )


def _article_from_row(row: Sequence[Any]) -> Article:
    (
        id_,
        text,
        source,
        url,
        title,
        pub,
        gran,
        kind,
        evidence,
        language,
        analysed,
        skip_reason,
        author,
        input_,
        duplicate_of,
        similarity,
    ) = row
    return Article(
        id=id_,
        text=text,
        source=source,
        url=url,
        title=title,
        published=DateValue(value=pub, granularity=gran, kind=kind) if pub else None,
        published_evidence=tuple(
            Span(article_id=a, start=s, end=e) for a, s, e in json.loads(evidence)
        ),
        language=language,
        analysed=bool(analysed),
        skip_reason=skip_reason,
        author=author,
        input=input_,
        duplicate_of=duplicate_of,
        similarity=similarity,
    )
