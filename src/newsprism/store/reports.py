"""What `analyze` made of each story, kept so `brief` and `ask` need no re-run: the story's
report (JSON, the contract's story object) and its question-answering index (bytes), each
under a key of what produced it."""

from __future__ import annotations

import sqlite3
from typing import Any

from newsprism.errors import StoreError
from newsprism.store.connection import Connection


class ReportTables(Connection):
    """The `story_reports` and `story_indexes` tables."""

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
