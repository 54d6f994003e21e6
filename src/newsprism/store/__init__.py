"""SQLite persistence of every record, by stable id: `Store`, one class over table groups.

One file (`--db`, default `./newsprism.db`), WAL mode, numbered migrations tracked in
`PRAGMA user_version`. Writes are upserts inside one transaction per batch, so a crash or Ctrl-C
leaves either the whole batch or none of it, and re-running over the same input writes nothing
new. Known limits: one writer at a time (SQLite's rule); readers never block.

The table groups, one module each: `articles` (articles, near-duplicate bands, the input
cache), `analyses` (annotations, extractions), `vectors` (article and text vectors),
`stories` (clustering state), `reports` (story reports and question-answering indexes),
`watching` (`newsprism watch`: sources, entries taken in, rounds, story versions);
`schema` holds the migrations and `connection` the file, transactions and chunked queries.
Only the faces (`newsprism.pipeline`, `newsprism.cli`, `newsprism.watch`) and `newsprism.changes`
use the store; stages never import it.
"""

from __future__ import annotations

from newsprism.store.analyses import AnalysisTables, annotation_from_json, annotation_to_json
from newsprism.store.articles import ArticleTables
from newsprism.store.reports import ReportTables
from newsprism.store.schema import MIGRATIONS
from newsprism.store.stories import STORY_KEYS_KEPT, StoryTables
from newsprism.store.vectors import VectorTables
from newsprism.store.watching import StoryVersion, WatchSource, WatchTables

__all__ = [
    "MIGRATIONS",
    "STORY_KEYS_KEPT",
    "Store",
    "StoryVersion",
    "WatchSource",
    "annotation_from_json",
    "annotation_to_json",
]


class Store(ArticleTables, AnalysisTables, VectorTables, StoryTables, ReportTables, WatchTables):
    """The SQLite file (`path`, or ":memory:"). Use as a context manager, or call `close()`."""
