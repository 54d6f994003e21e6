"""What `newsprism watch` keeps: each watched source's fetch state (validators, failures and
back-off), the feed entries and folder files already taken in, the rounds, and each story's
versions (its report after a round that changed it, compressed, and what changed); one round's
outcome is written in one transaction."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.errors import StoreError
from newsprism.store.connection import Connection


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


class WatchTables(Connection):
    """The `watch_sources`, `watch_entries`, `watch_rounds` and `story_versions` tables."""

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
        where, params = "WHERE round > ?", [str(after)]
        if story_id is not None:
            where += " AND story_id = ?"
            params.append(story_id)
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
