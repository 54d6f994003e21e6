"""One writing run per store at a time: `analyze` and the `ingest` command hold a lock on it.

    with run_lock("news.db"):
        ...  # read inputs, cluster, analyse, store

Input: the store's path. Output: nothing; or, when another process holds the lock, a
`StoreError` that names the store, the process holding it (its pid and when it started) and
what to do. The lock is an advisory `flock` on `<store>.lock` beside the store: the operating
system releases it when the holding process ends, however it ends, so a crashed run never
leaves a stale lock behind; the file itself stays (it is empty but for the holder's note).

Why: SQLite keeps each transaction whole, but a run is many transactions (articles, then
stories, then each story's annotations, extractions and report) that read what earlier ones
wrote. Two runs interleaving on one store each cluster against a state the other is changing,
and each overwrites the other's story reports. Refusing the second run is clear and safe;
reading commands (`articles`, `stories`, `brief`, `ask`) take no lock and run alongside.

Known limits: held per process and re-entrant within it (`analyze` holds it across its own
`ingest`); not held in a thread-safe way across threads of one process; where `fcntl` is
missing (Windows) no lock is taken; an in-memory store (`:memory:`) needs none.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsprism.errors import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_held: dict[str, int] = {}  # lock path -> how many nested holds this process has


def lock_path(store_path: str) -> Path:
    """The file whose lock stands for the store at `store_path`."""
    return Path(str(store_path) + ".lock")


@contextmanager
def run_lock(store_path: str) -> Iterator[None]:
    """Hold the store's run lock for the block, or raise `StoreError` at once if another
    process holds it."""
    if fcntl is None or store_path == ":memory:" or not store_path:
        yield
        return
    path = lock_path(store_path)
    key = str(path.resolve())
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            raise StoreError(
                f"{store_path}: another newsprism run is writing to this store ({holder}); "
                "wait for it to finish, or give this run another --db"
            ) from None
        started = dt.datetime.now().isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {started}".encode(), 0)
        _held[key] = 1
        try:
            yield
        finally:
            _held.pop(key, None)
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
