"""Stories as clustering keeps them: membership, running state (vector sum, key counts, date
range), merges, and the document frequency of entity keys; one clustering batch is written in
one transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from newsprism.errors import StoreError
from newsprism.model import StoryRow
from newsprism.store.connection import Connection

STORY_KEYS_KEPT = 200  # a story remembers its most-named entity keys, not every one


class StoryTables(Connection):
    """The `stories`, `story_members` and `key_df` tables (and `article_vectors` writes)."""

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
