"""SQLite persistence of every record, by stable id.

One file (`--db`, default `./newsprism.db`), WAL mode, numbered migrations tracked in
`PRAGMA user_version`. Writes are upserts inside one transaction per batch, so a crash or Ctrl-C
leaves either the whole batch or none of it, and re-running over the same input writes nothing
new. Known limits: one writer at a time (SQLite's rule); readers never block.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism.errors import StoreError
from newsprism.model import Annotation, Article, DateValue, Mention, Span, TimeMention

# Each migration moves the schema one version up; never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    # 1: articles, their near-duplicate signatures and LSH bands, the input cache, stories.
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        text_hash TEXT NOT NULL,
        text TEXT NOT NULL,
        source TEXT NOT NULL,
        url TEXT,
        title TEXT,
        published TEXT,
        published_granularity TEXT,
        published_kind TEXT,
        published_evidence TEXT NOT NULL DEFAULT '[]',
        language TEXT,
        analysed INTEGER NOT NULL,
        skip_reason TEXT,
        author TEXT,
        input TEXT NOT NULL,
        duplicate_of TEXT REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
        similarity REAL,
        signature BLOB NOT NULL,
        seq INTEGER NOT NULL
    );
    CREATE INDEX articles_text_hash ON articles(text_hash);
    CREATE TABLE lsh_bands (
        band INTEGER NOT NULL,
        key TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (band, key, article_id)
    ) WITHOUT ROWID;
    CREATE TABLE inputs (
        key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        article_ids TEXT NOT NULL
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT,
        article_ids TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}'
    );
    """,
    # 2: the next batch's sequence number and the stored order come from an index, not a scan.
    """
    CREATE INDEX articles_seq ON articles(seq);
    """,
    # 3: annotations (sentences, mentions, times) per article, keyed by what produced them.
    """
    CREATE TABLE annotations (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        data TEXT NOT NULL
    );
    """,
    # 4: story clustering — article vectors and entity keys, story membership, the running
    # state of each story (vector sum, key counts, date range) and merges; key frequencies.
    """
    CREATE TABLE article_vectors (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        model TEXT NOT NULL,
        vector BLOB NOT NULL,
        keys TEXT NOT NULL,
        day INTEGER
    );
    CREATE TABLE story_members (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL
    );
    CREATE INDEX story_members_story ON story_members(story_id);
    CREATE TABLE key_df (key TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    ALTER TABLE stories ADD COLUMN founder TEXT;
    ALTER TABLE stories ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN first_day INTEGER;
    ALTER TABLE stories ADD COLUMN last_day INTEGER;
    ALTER TABLE stories ADD COLUMN vector_sum BLOB;
    ALTER TABLE stories ADD COLUMN keys TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE stories ADD COLUMN merged_into TEXT;
    ALTER TABLE stories ADD COLUMN merged_from TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE stories ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
    DELETE FROM stories;
    CREATE INDEX stories_days ON stories(last_day, first_day);
    """,
    # 5: extractions (quotes and events as character ranges) per article, keyed by what
    # produced them, so a re-run never parses again.
    """
    CREATE TABLE extractions (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        data TEXT NOT NULL
    );
    """,
    # 6: sentence vectors of claims, keyed by a hash of the text and the model, so a re-run
    # over stored articles does not embed again.
    """
    CREATE TABLE text_vectors (
        key TEXT PRIMARY KEY,
        vector BLOB NOT NULL
    ) WITHOUT ROWID;
    """,
    # 7: what `analyze` made of each story: its report (JSON, the contract's story object) and
    # its question-answering index, each keyed by what produced it, so `ask` and `brief` read
    # a stored story without running the pipeline again.
    """
    CREATE TABLE story_reports (
        story_id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE story_indexes (
        story_id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        data BLOB NOT NULL
    );
    """,
    # 8: `newsprism watch` — each watched source's fetch state (validators, failures and
    # back-off), the feed entries and folder files already taken in, the rounds, and each
    # story's versions (its report after a round that changed it, and what changed).
    """
    CREATE TABLE watch_sources (
        name TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        origin TEXT,
        etag TEXT,
        last_modified TEXT,
        body_hash TEXT,
        children TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'new',
        error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        last_attempt REAL,
        last_success REAL,
        retry_at REAL,
        entries INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE watch_entries (
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        digest TEXT NOT NULL,
        stamp TEXT,
        round INTEGER NOT NULL,
        PRIMARY KEY (source, key)
    ) WITHOUT ROWID;
    CREATE TABLE watch_rounds (
        id INTEGER PRIMARY KEY,
        started REAL NOT NULL,
        finished REAL,
        summary TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE story_versions (
        story_id TEXT NOT NULL,
        round INTEGER NOT NULL,
        title TEXT,
        report BLOB NOT NULL,
        changes TEXT NOT NULL,
        PRIMARY KEY (story_id, round)
    ) WITHOUT ROWID;
    CREATE INDEX story_versions_round ON story_versions(round);
    """,
)

STORY_KEYS_KEPT = 200  # a story remembers its most-named entity keys, not every one


class Store:
    """The SQLite file. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | Path = "newsprism.db") -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: cannot open the store ({exc}); "
                "is it a newsprism database? pass another --db to start a new one"
            ) from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: written by a newer newsprism (schema {version}); upgrade newsprism"
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction():
                for statement in script.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All writes inside happen together or not at all."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
            self._db.execute("COMMIT")  # deferred foreign keys are checked here and may fail
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    # --- articles -------------------------------------------------------------------------

    def put_articles(
        self,
        articles: Sequence[tuple[Article, str, bytes, Sequence[tuple[int, str]]]],
        inputs: Iterable[tuple[str, str, Sequence[str]]] = (),
    ) -> None:
        """Upsert (article, text hash, signature, band keys) rows and input-cache entries."""
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
                    "INSERT OR REPLACE INTO inputs VALUES (?,?,?)",
                    [(key, name, json.dumps(list(ids))) for key, name, ids in inputs],
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

    # --- input cache ----------------------------------------------------------------------

    def cached_input(self, key: str) -> list[str] | None:
        row = self._db.execute("SELECT article_ids FROM inputs WHERE key=?", (key,)).fetchone()
        return list(json.loads(row[0])) if row else None

    # --- annotations ----------------------------------------------------------------------

    def get_annotations(self, keys: dict[str, str]) -> dict[str, Annotation]:
        """Stored annotations of the articles in `keys` (article id -> producer key) whose
        producer key still matches; the others must be recomputed."""
        found: dict[str, Annotation] = {}
        ids = list(keys)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self._db.execute(
                f"SELECT article_id, key, data FROM annotations WHERE article_id IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            )
            for article_id, key, data in rows:
                if keys.get(article_id) == key:
                    found[article_id] = annotation_from_json(article_id, data)
        return found

    def put_annotations(self, items: Sequence[tuple[Annotation, str]]) -> None:
        try:
            with self.transaction() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO annotations VALUES (?,?,?)",
                    [(a.article_id, key, annotation_to_json(a)) for a, key in items],
                )
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: could not write annotations ({exc})") from exc

    # --- extractions ----------------------------------------------------------------------

    def get_extractions(self, keys: dict[str, str]) -> dict[str, str]:
        """Stored extraction JSON of the articles in `keys` (article id -> producer key)
        whose producer key still matches."""
        found: dict[str, str] = {}
        select = "SELECT article_id, key, data FROM extractions"
        for article_id, key, data in self._in(select, "article_id", list(keys)):
            if keys.get(article_id) == key:
                found[article_id] = data
        return found

    def put_extractions(self, items: Sequence[tuple[str, str, str]]) -> None:
        """(article id, producer key, JSON) rows, written in one transaction."""
        try:
            with self.transaction() as db:
                db.executemany("INSERT OR REPLACE INTO extractions VALUES (?,?,?)", items)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: could not write extractions ({exc})") from exc

    def get_text_vectors(self, keys: Sequence[str]) -> dict[str, npt.NDArray[np.float32]]:
        """Stored text vectors by key (a hash of the model and the text)."""
        rows = self._in("SELECT key, vector FROM text_vectors", "key", keys)
        return {str(k): np.frombuffer(blob, dtype=np.float32).copy() for k, blob in rows}

    def put_text_vectors(self, items: Sequence[tuple[str, npt.NDArray[np.float32]]]) -> None:
        try:
            with self.transaction() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO text_vectors VALUES (?,?)",
                    [(k, v.astype(np.float32).tobytes()) for k, v in items],
                )
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: could not write text vectors ({exc})") from exc

    # --- story reports and question-answering indexes -----------------------------------

    def put_story_report(self, story_id: str, key: str, data: str) -> None:
        """The story's report object (JSON) as `analyze` made it from inputs named by `key`."""
        self._put_story_blob("story_reports", story_id, key, data)

    def get_story_report(self, story_id: str, key: str | None = None) -> str | None:
        """The stored report JSON of a story (only if made under `key`, when given)."""
        found = self._get_story_blob("story_reports", story_id, key)
        return str(found) if found is not None else None

    def put_story_index(self, story_id: str, key: str, data: bytes) -> None:
        """The story's question-answering index (opaque bytes of `newsprism.ask`)."""
        self._put_story_blob("story_indexes", story_id, key, data)

    def get_story_index(self, story_id: str, key: str | None = None) -> bytes | None:
        found = self._get_story_blob("story_indexes", story_id, key)
        return bytes(found) if found is not None else None

    def reported_stories(self) -> list[str]:
        """Ids of the stories that have a stored report, the most recently written first."""
        rows = self._db.execute("SELECT story_id FROM story_reports ORDER BY rowid DESC")
        return [str(r[0]) for r in rows]

    def _put_story_blob(self, table: str, story_id: str, key: str, data: str | bytes) -> None:
        try:
            with self.transaction() as db:
                # delete first, so that the rowid order says which story was written last
                db.execute(f"DELETE FROM {table} WHERE story_id = ?", (story_id,))
                db.execute(f"INSERT INTO {table} VALUES (?,?,?)", (story_id, key, data))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: could not write {table} ({exc})") from exc

    def _get_story_blob(self, table: str, story_id: str, key: str | None) -> Any:
        row = self._db.execute(
            f"SELECT key, data FROM {table} WHERE story_id = ?", (story_id,)
        ).fetchone()
        if row is None or (key is not None and row[0] != key):
            return None
        return row[1]

    # --- stories ------------------------------------------------------------------------

    def get_vectors(self, ids: Sequence[str], model: str) -> dict[str, npt.NDArray[np.float32]]:
        """Stored vectors of these articles made by `model`."""
        rows = self._in("SELECT article_id, model, vector FROM article_vectors", "article_id", ids)
        return {
            str(article_id): np.frombuffer(blob, dtype=np.float32).copy()
            for article_id, made_by, blob in rows
            if made_by == model
        }

    def story_of(self, ids: Sequence[str]) -> dict[str, str]:
        """{article id: story id} for the articles that belong to a story."""
        rows = self._in("SELECT article_id, story_id FROM story_members", "article_id", ids)
        return {str(a): str(s) for a, s in rows}

    def key_df(self, keys: Iterable[str]) -> tuple[dict[str, int], int]:
        """Document frequency of each key among clustered articles, and their number."""
        rows = self._in("SELECT key, df FROM key_df", "key", sorted(set(keys)))
        df = {str(k): int(n) for k, n in rows}
        total = int(self._db.execute("SELECT COUNT(*) FROM article_vectors").fetchone()[0])
        return df, total

    def active_stories(
        self, first_day: int | None, last_day: int | None, window: int
    ) -> list[StoryRow]:
        """Live stories that an article dated within [first_day, last_day] may join: those
        whose date range, widened by `window` days, meets it, and undated ones. With no dates,
        every live story."""
        where = "merged_into IS NULL"
        params: list[Any] = []
        if first_day is not None and last_day is not None:
            where += " AND (last_day IS NULL OR (last_day >= ? AND first_day <= ?))"
            params = [first_day - window, last_day + window]
        rows = self._db.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE {where}", params)
        return [_story_from_row(r) for r in rows]

    def put_clustering(
        self,
        vectors: Sequence[tuple[str, str, npt.NDArray[np.float32], Sequence[str], int | None]],
        stories: Sequence[StoryRow],
        members: Sequence[tuple[str, str]],
    ) -> None:
        """One clustering batch at once: new article vectors (id, model, vector, keys, day),
        the stories it changed (whole rows) and the new or moved memberships."""
        try:
            with self.transaction() as db:
                seq = int(db.execute("SELECT COALESCE(MAX(seq), 0) FROM stories").fetchone()[0])
                new_keys: dict[str, int] = {}
                ids = [v[0] for v in vectors]
                stored = {
                    str(r[0])
                    for r in self._in("SELECT article_id FROM article_vectors", "article_id", ids)
                }
                for article_id, model, vector, keys, day in vectors:
                    fresh = article_id not in stored
                    stored.add(article_id)
                    db.execute(
                        "INSERT OR REPLACE INTO article_vectors VALUES (?,?,?,?,?)",
                        (
                            article_id,
                            model,
                            np.asarray(vector, np.float32).tobytes(),
                            json.dumps(sorted(keys)),
                            day,
                        ),
                    )
                    if fresh:
                        for key in set(keys):
                            new_keys[key] = new_keys.get(key, 0) + 1
                db.executemany(
                    "INSERT INTO key_df VALUES (?,?) "
                    "ON CONFLICT(key) DO UPDATE SET df = df + excluded.df",
                    sorted(new_keys.items()),
                )
                for story in stories:
                    seq += 1
                    db.execute(_STORY_UPSERT, _story_row(story, seq))
                db.executemany("INSERT OR REPLACE INTO story_members VALUES (?,?)", members)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: could not write stories ({exc})") from exc

    def set_story_title(self, story_id: str, title: str | None) -> None:
        try:
            with self.transaction() as db:
                db.execute("UPDATE stories SET title=? WHERE id=?", (title, story_id))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: could not write story {story_id} ({exc})") from exc

    def get_stories(self, ids: Sequence[str]) -> list[StoryRow]:
        rows = self._in(f"SELECT {_STORY_COLUMNS} FROM stories", "id", ids)
        found = {r.id: r for r in map(_story_from_row, rows)}
        return [found[i] for i in ids if i in found]

    def stories(self, *, include_merged: bool = False) -> list[StoryRow]:
        """Every story, newest activity first (merged-away ones only when asked)."""
        where = "" if include_merged else "WHERE merged_into IS NULL"
        rows = self._db.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories {where} "
            "ORDER BY last_day IS NULL, last_day DESC, size DESC, id"
        )
        return [_story_from_row(r) for r in rows]

    def copies_of(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """{original id: ids of its stored duplicates}."""
        found: dict[str, list[str]] = {}
        rows = self._in(
            "SELECT id, duplicate_of FROM articles", "duplicate_of", ids, "ORDER BY seq"
        )
        for copy, original in rows:
            found.setdefault(str(original), []).append(str(copy))
        return found

    def _in(self, select: str, column: str, values: Sequence[str], tail: str = "") -> Iterator[Any]:
        """Rows of `select ... WHERE column IN values`, asked in chunks (SQLite's parameter
        limit); `tail` (an ORDER BY) applies within each chunk."""
        for chunk in _chunks(values):
            marks = ",".join("?" * len(chunk))
            yield from self._db.execute(f"{select} WHERE {column} IN ({marks}) {tail}", chunk)

    # --- watch: sources, entries taken in, rounds, story versions ------------------------

    def start_watch_round(self, started: float) -> int:
        """A new round's number (rounds count up from 1 and are never reused)."""
        try:
            with self.transaction() as db:
                cursor = db.execute("INSERT INTO watch_rounds (started) VALUES (?)", (started,))
                return int(cursor.lastrowid or 0)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: could not start a watch round ({exc})") from exc

    def finish_watch_round(
        self,
        round_id: int,
        finished: float,
        summary: dict[str, Any],
        sources: Sequence[WatchSource],
        entries: Sequence[tuple[str, str, str, str | None]],
        versions: Sequence[StoryVersion],
    ) -> None:
        """What a round learnt, in one transaction: the sources' new state, the entries and
        files taken in (source, key, digest, stamp), and the story versions it made."""
        try:
            with self.transaction() as db:
                db.executemany(
                    f"INSERT OR REPLACE INTO watch_sources ({_WATCH_COLUMNS}) "
                    f"VALUES ({','.join('?' * 14)})",
                    [_watch_source_row(w) for w in sources],
                )
                db.executemany(
                    "INSERT OR REPLACE INTO watch_entries VALUES (?,?,?,?,?)",
                    [(src, key, digest, stamp, round_id) for src, key, digest, stamp in entries],
                )
                db.executemany(
                    "INSERT OR REPLACE INTO story_versions VALUES (?,?,?,?,?)",
                    [
                        (v.story_id, v.round, v.title, zlib.compress(v.report.encode()), v.changes)
                        for v in versions
                    ],
                )
                db.execute(
                    "UPDATE watch_rounds SET finished=?, summary=? WHERE id=?",
                    (finished, json.dumps(summary, ensure_ascii=False), round_id),
                )
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: could not record watch round {round_id} ({exc})"
            ) from exc

    def watch_sources(self, names: Sequence[str] | None = None) -> list[WatchSource]:
        """Stored state of the named watched sources (every one when None), by name."""
        select = f"SELECT {_WATCH_COLUMNS} FROM watch_sources"
        rows = (
            self._db.execute(f"{select} ORDER BY name")
            if names is None
            else self._in(select, "name", list(names))
        )
        return [_watch_source_from_row(r) for r in rows]

    def watch_entries(self, source: str) -> dict[str, tuple[str, str | None]]:
        """{key: (digest, stamp)} of the entries or files of `source` already taken in."""
        rows = self._db.execute(
            "SELECT key, digest, stamp FROM watch_entries WHERE source=?", (source,)
        )
        return {str(k): (str(d), s) for k, d, s in rows}

    def watch_rounds(self) -> list[tuple[int, float, float | None, dict[str, Any]]]:
        """(round, started, finished or None, summary) of every round, oldest first."""
        rows = self._db.execute(
            "SELECT id, started, finished, summary FROM watch_rounds ORDER BY id"
        )
        return [(int(i), float(s), f, dict(json.loads(m))) for i, s, f, m in rows]

    def story_versions(
        self, *, story_id: str | None = None, after: int = 0
    ) -> list[tuple[str, int, str | None]]:
        """(story id, round, title) of the versions made after round `after`, in round order."""
        where, params = "WHERE round > ?", [after]
        if story_id is not None:
            where += " AND story_id = ?"
            params.append(story_id)  # type: ignore[arg-type]
        rows = self._db.execute(
            f"SELECT story_id, round, title FROM story_versions {where} ORDER BY round, story_id",
            params,
        )
        return [(str(s), int(r), t) for s, r, t in rows]

    def story_version(self, story_id: str, at_most: int | None = None) -> StoryVersion | None:
        """The story's latest version made in round `at_most` or before (the latest of all
        when None); None when it has none."""
        row = self._db.execute(
            "SELECT story_id, round, title, report, changes FROM story_versions "
            "WHERE story_id = ? AND round <= ? ORDER BY round DESC LIMIT 1",
            (story_id, at_most if at_most is not None else 2**62),
        ).fetchone()
        if row is None:
            return None
        return StoryVersion(
            story_id=str(row[0]),
            round=int(row[1]),
            title=row[2],
            report=zlib.decompress(row[3]).decode(),
            changes=str(row[4]),
        )

    def integrity_problems(self) -> list[str]:
        """What `PRAGMA integrity_check` and the foreign keys report; empty when all is well."""
        problems = [str(r[0]) for r in self._db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [
            f"dangling reference {tuple(r)}" for r in self._db.execute("PRAGMA foreign_key_check")
        ]
        missing = self._db.execute(
            "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM lsh_bands b WHERE b.article_id = a.id)"
        ).fetchone()[0]
        if missing:
            problems.append(f"{missing} articles without near-duplicate bands")
        return problems


_COLUMNS = (
    "id, text, source, url, title, published, published_granularity, published_kind, "
    "published_evidence, language, analysed, skip_reason, author, input, duplicate_of, similarity"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryRow:
    """A story as stored: members (originals only), running vector sum, key counts, days."""

    id: str
    title: str | None
    founder: str
    article_ids: tuple[str, ...]
    vector_sum: npt.NDArray[np.float64]
    keys: dict[str, int]
    first_day: int | None
    last_day: int | None
    merged_into: str | None = None
    merged_from: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.article_ids)


@dataclass(frozen=True, slots=True, kw_only=True)
class WatchSource:
    """A watched source as stored: how to ask for it next time and how the last try went.
    `kind` is feed, opml or folder; `children` are an OPML list's feeds; times are seconds
    since the epoch; `status` is new, ok, not-modified, unchanged or error."""

    name: str
    kind: str
    origin: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    children: tuple[str, ...] = ()
    status: str = "new"
    error: str | None = None
    failures: int = 0
    last_attempt: float | None = None
    last_success: float | None = None
    retry_at: float | None = None
    entries: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryVersion:
    """A story after the watch round that changed it: its report (the contract's story
    object, JSON) and what changed since its previous version (JSON of `newsprism.changes`)."""

    story_id: str
    round: int
    title: str | None
    report: str
    changes: str


_WATCH_COLUMNS = (
    "name, kind, origin, etag, last_modified, body_hash, children, status, error, failures, "
    "last_attempt, last_success, retry_at, entries"
)


def _watch_source_row(w: WatchSource) -> tuple[Any, ...]:
    return (
        w.name,
        w.kind,
        w.origin,
        w.etag,
        w.last_modified,
        w.body_hash,
        json.dumps(list(w.children)),
        w.status,
        w.error,
        w.failures,
        w.last_attempt,
        w.last_success,
        w.retry_at,
        w.entries,
    )


def _watch_source_from_row(row: Sequence[Any]) -> WatchSource:
    return WatchSource(
        name=str(row[0]),
        kind=str(row[1]),
        origin=row[2],
        etag=row[3],
        last_modified=row[4],
        body_hash=row[5],
        children=tuple(json.loads(row[6])),
        status=str(row[7]),
        error=row[8],
        failures=int(row[9]),
        last_attempt=row[10],
        last_success=row[11],
        retry_at=row[12],
        entries=int(row[13]),
    )


_STORY_COLUMNS = (
    "id, title, founder, article_ids, vector_sum, keys, first_day, last_day, merged_into, "
    "merged_from, size, seq"
)
_STORY_UPSERT = (
    f"INSERT OR REPLACE INTO stories ({_STORY_COLUMNS}) "
    f"VALUES ({','.join('?' * len(_STORY_COLUMNS.split(',')))})"
)


def _story_row(story: StoryRow, seq: int) -> tuple[Any, ...]:
    top = sorted(story.keys.items(), key=lambda kv: (-kv[1], kv[0]))[:STORY_KEYS_KEPT]
    return (
        story.id,
        story.title,
        story.founder,
        json.dumps(list(story.article_ids)),
        np.asarray(story.vector_sum, np.float64).tobytes(),
        json.dumps(dict(top)),
        story.first_day,
        story.last_day,
        story.merged_into,
        json.dumps(list(story.merged_from)),
        story.size,
        seq,
    )


def _story_from_row(row: Sequence[Any]) -> StoryRow:
    return StoryRow(
        id=str(row[0]),
        title=row[1],
        founder=str(row[2]),
        article_ids=tuple(json.loads(row[3])),
        vector_sum=np.frombuffer(row[4], dtype=np.float64).copy(),
        keys=dict(json.loads(row[5])),
        first_day=row[6],
        last_day=row[7],
        merged_into=row[8],
        merged_from=tuple(json.loads(row[9])),
    )


def _chunks(items: Sequence[str], size: int = 500) -> Iterator[list[str]]:
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i : i + size]


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


def annotation_to_json(annotation: Annotation) -> str:
    """Compact JSON of an annotation; spans are stored as offsets (the article id is the key)."""
    return json.dumps(
        {
            "s": [[s.start, s.end] for s in annotation.sentences],
            "m": [
                [
                    m.span.start,
                    m.span.end,
                    m.text,
                    m.label,
                    m.cue,
                    list(m.role) if m.role else None,
                    m.gazetteer,
                ]
                for m in annotation.mentions
            ],
            "t": [
                [
                    t.span.start,
                    t.span.end,
                    t.text,
                    t.value,
                    t.granularity,
                    t.type,
                    t.kind,
                    t.range_start,
                    t.range_end,
                    t.mod,
                ]
                for t in annotation.times
            ],
        },
        ensure_ascii=False,
    )


def annotation_from_json(article_id: str, data: str) -> Annotation:
    raw = json.loads(data)

    def span(start: int, end: int) -> Span:
        return Span(article_id=article_id, start=start, end=end)

    return Annotation(
        article_id=article_id,
        sentences=tuple(span(a, b) for a, b in raw["s"]),
        mentions=tuple(
            Mention(
                span=span(a, b),
                text=text,
                label=label,
                cue=cue,
                role=(role[0], role[1]) if role else None,
                gazetteer=gaz,
            )
            for a, b, text, label, cue, role, gaz in raw["m"]
        ),
        times=tuple(
            TimeMention(
                span=span(a, b),
                text=text,
                value=value,
                granularity=gran,
                type=typ,
                kind=kind,
                range_start=rs,
                range_end=re_,
                mod=mod,
            )
            for a, b, text, value, gran, typ, kind, rs, re_, mod in raw["t"]
        ),
    )
