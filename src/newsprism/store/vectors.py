"""Vectors kept between runs: each clustered article's lead vector (with the model that made
it), and sentence vectors of texts by a hash of the model and the text (the `VectorCache`
of `newsprism.embedding`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newsprism.errors import StoreError
from newsprism.store.connection import Connection


class VectorTables(Connection):
    """The `article_vectors` (read here; written with a clustering batch) and `text_vectors`
    tables."""

    def get_vectors(self, ids: Sequence[str], model: str) -> dict[str, npt.NDArray[np.float32]]:
        """Stored vectors of these articles made by `model`."""
        rows = self._in("SELECT article_id, model, vector FROM article_vectors", "article_id", ids)
        return {
            str(article_id): np.frombuffer(blob, dtype=np.float32).copy()
            for article_id, made_by, blob in rows
            if made_by == model
        }

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
