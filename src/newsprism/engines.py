"""Where the per-article map runs: this machine's worker processes, or a Dask cluster.

    with article_executor(settings) as executor:      # None: run in this process
        for chunk, done in map_articles(jobs, ..., executor): ...

`local` (the default): `settings.workers` processes (0: one per core), none when that is one.
`dask`: the cluster at `settings.scheduler` (tcp://host:8786), else a `LocalCluster` on this
machine with one single-threaded worker process per core. Either way only the per-article map
(one spaCy pass: annotation and extraction) runs there; its results come back to this process,
which is the store's one writer, and the per-story reduce (compare, compose, ask) runs here.
Workers of a real cluster need newsprism and its models installed in the same versions
(README: "Running on a Dask cluster"). Dask is an optional extra: `pip install
newsprism[dask]`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import Any

from newsprism.articlemap import article_pool, default_workers
from newsprism.errors import MissingDependencyError, NewsprismError
from newsprism.settings import Settings

DASK_PACKAGE = "newsprism[dask]"
# A local Dask cluster of worker processes; tests set False for a cluster of threads in this
# process (starts in about a second; the CPU budget then does not apply, see `budget`).
LOCAL_CLUSTER_PROCESSES = True


def worker_count(settings: Settings) -> int:
    """The processes the per-article map uses: the setting, or one per core for 0."""
    return settings.workers or default_workers()


@contextmanager
def article_executor(settings: Settings) -> Iterator[Executor | None]:
    """The executor for `articlemap.map_articles` that `settings.engine` names (None: run in
    this process)."""
    if settings.engine == "dask":
        with _dask_executor(settings, LOCAL_CLUSTER_PROCESSES) as executor:
            yield executor
        return
    with article_pool(worker_count(settings)) as pool:
        yield pool


@contextmanager
def _dask_executor(settings: Settings, processes: bool) -> Iterator[Executor]:
    try:  # an optional extra, typed loosely: its constructors are untyped
        distributed: Any = importlib.import_module("distributed")
    except ImportError as exc:
        raise MissingDependencyError(DASK_PACKAGE, "--engine dask") from exc
    Client, LocalCluster = distributed.Client, distributed.LocalCluster  # noqa: N806
    if settings.scheduler:
        try:
            client = Client(settings.scheduler, timeout=30)
        except OSError as exc:
            raise NewsprismError(
                f"cannot reach the Dask scheduler at {settings.scheduler} ({exc}); start one "
                "(`dask scheduler`) or leave out --scheduler for a local cluster"
            ) from exc
        with client:
            yield client.get_executor()
        return
    workers = worker_count(settings)
    # distributed's nanny starts each worker process with OMP/MKL/OpenBLAS at one thread, and
    # each has one task thread: N workers keep N cores busy
    with (
        LocalCluster(
            n_workers=workers if processes else 1,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client.get_executor()
