"""The SQLite connection under every table group: opening (WAL mode, foreign keys, migrations),
transactions, and chunked `IN` queries.

A write inside `transaction()` happens whole or not at all; a crash or Ctrl-C leaves either
the whole batch or none of it. Known limits: one writer at a time (SQLite's rule); readers
never block.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

from newsprism.errors import StoreError
from newsprism.store.schema import MIGRATIONS

CHUNK = 500  # values per `IN (...)` query: SQLite limits the number of parameters


class Connection:
    """An open store file and what every table group needs of it."""

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

    def __enter__(self) -> Self:
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

    def _in(self, select: str, column: str, values: Sequence[str], tail: str = "") -> Iterator[Any]:
        """Rows of `select ... WHERE column IN values`, asked in chunks (SQLite's parameter
        limit); `tail` (an ORDER BY) applies within each chunk."""
        for chunk in _chunks(values):
            marks = ",".join("?" * len(chunk))
            yield from self._db.execute(f"{select} WHERE {column} IN ({marks}) {tail}", chunk)

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


def _chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[list[str]]:
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i : i + size]
