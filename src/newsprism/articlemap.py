"""The per-article map: each article's annotation and extraction from ONE spaCy pass, in this
process, a pool of worker processes, or any `concurrent.futures.Executor` (a Dask cluster's).

    with article_pool(workers=2) as pool:                        # or a Dask client's executor
        for chunk, done in map_articles(jobs, gazetteer_file, cpu_seconds, pool):
            ...                      # done.results: one per job of chunk; None if it failed

Before this module the annotate stage ran spaCy without the parser (sentences from the
statistical splitter `senter`, tags, entities) and the extract stage ran the whole pipeline
again with the parser. Here each text goes through the full pipeline once; the annotation
takes tags and entities from that Doc (the tagger and the entity recogniser do not read the
parse, so they are the same), and its sentences from the `senter` component's prediction over
the same Doc, decoded as spaCy's `SentenceRecognizer.set_annotations` does, so annotations
and extractions are identical to the two-pass way (`tests/test_articlemap.py` checks it).

Work is cut into chunks of `CHUNK` articles, the same chunks whatever the number of workers,
so spaCy sees the same batches and one worker and many give identical results. Workers load
the pipeline once each (cached per process) and run with one BLAS/torch thread, so N workers
keep N cores busy, not N × threads. Each chunk runs under the annotate CPU budget (twice the
per-article budget per article: two stages' worth); a chunk that fails or overruns comes back
as None and the pipeline's stages redo its articles one at a time with their usual messages.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsprism.annotate import annotations_of
from newsprism.budget import cpu_budget
from newsprism.extract import extract_parsed
from newsprism.extract.parse import load_parser, parse_texts
from newsprism.gazetteer import Gazetteer, load_gazetteer
from newsprism.model import Annotation, Article, ArticleExtraction

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

CHUNK = 16  # articles per task: big enough to batch spaCy well, small enough to spread
BATCH = 16  # spaCy pieces per batch, as `annotate` and `parse_texts` use


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleJob:
    """An article to read, and its stored annotation when it has one (the extraction is then
    made from that one, as the extract stage would)."""

    article: Article
    annotation: Annotation | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleResult:
    """One article's annotation and extraction."""

    annotation: Annotation
    extraction: ArticleExtraction


@dataclass(frozen=True, slots=True, kw_only=True)
class ChunkResult:
    """A chunk's results in job order (None when the chunk failed) and the CPU seconds the
    process that ran it spent on it."""

    results: tuple[ArticleResult, ...] | None
    cpu_s: float
    pid: int  # the process that ran it: CPU spent elsewhere is added to the run's profile


def default_workers() -> int:
    """The cores this process may use (the affinity mask where the system has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def read_one_pass(
    jobs: Sequence[ArticleJob], gazetteer: Gazetteer, batch_size: int = BATCH
) -> tuple[ArticleResult, ...]:
    """Annotation and extraction of each job's article from one parse (see the module
    docstring). Input: articles (with their stored annotations where known). Output: one
    result per job, in order. Limits: loads the full spaCy pipeline (cached per process)."""
    nlp = load_parser()
    senter: Any = nlp.get_pipe("senter")  # disabled in the pipeline, still loaded
    articles = [j.article for j in jobs]
    parsed = parse_texts([a.text for a in articles], nlp, batch_size)
    flat = [(i, off, doc) for i, pieces in enumerate(parsed) for off, doc in pieces]
    sentences: list[list[SpacySpan]] = []
    for lo in range(0, len(flat), batch_size):
        docs = [doc for _, _, doc in flat[lo : lo + batch_size]]
        for doc, tags in zip(docs, senter.predict(docs), strict=True):
            sentences.append(_senter_sentences(doc, [int(t) for t in tags]))
    annotations = annotations_of(
        articles,
        ((i, off, doc, sents) for (i, off, doc), sents in zip(flat, sentences, strict=True)),
        gazetteer,
    )
    used = [j.annotation or fresh for j, fresh in zip(jobs, annotations, strict=True)]
    extractions = extract_parsed(articles, used, parsed)
    return tuple(
        ArticleResult(annotation=a, extraction=x)
        for a, x in zip(annotations, extractions, strict=True)
    )


def _senter_sentences(doc: Doc, tags: Sequence[int]) -> list[SpacySpan]:
    """The sentences `senter` would give `doc` were it the only sentence setter: a token whose
    tag is 1 ("S") starts one, and the first token always does (as `Doc.sents` reads them)."""
    if len(doc) == 0:
        return []
    starts = [0] + [j for j in range(1, len(doc)) if tags[j] == 1]
    ends = [*starts[1:], len(doc)]
    return [doc[s:e] for s, e in zip(starts, ends, strict=True)]


@functools.cache
def _gazetteer(path: str | None) -> Gazetteer:
    return load_gazetteer(path)


def read_chunk(
    jobs: Sequence[ArticleJob], gazetteer_file: str | None, cpu_seconds: float
) -> ChunkResult:
    """A worker's task: `read_one_pass` over one chunk under the CPU budget. Any failure
    gives `results=None` (the caller redoes those articles stage by stage, where one bad
    article is named and left out)."""
    start = time.process_time()
    try:
        with cpu_budget(
            2 * cpu_seconds * len(jobs), "a batch", "the annotate stage", "annotate_cpu_seconds"
        ):
            results: tuple[ArticleResult, ...] | None = read_one_pass(
                jobs, _gazetteer(gazetteer_file)
            )
    except KeyboardInterrupt:
        raise
    except Exception:  # noqa: BLE001 - the stages redo these articles one by one
        results = None
    return ChunkResult(results=results, cpu_s=time.process_time() - start, pid=os.getpid())


def one_thread_each() -> None:
    """Worker initialiser: one BLAS/OpenMP/torch thread per worker process, so a pool of N
    workers uses N cores rather than N times each library's own thread count."""
    os.environ["OMP_NUM_THREADS"] = "1"
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # without threadpoolctl the libraries keep their defaults
        pass
    import sys

    if "torch" in sys.modules:  # only if the parent had loaded it; workers do not need it
        sys.modules["torch"].set_num_threads(1)


def chunked(jobs: Sequence[ArticleJob], size: int = 0) -> list[tuple[ArticleJob, ...]]:
    """The jobs cut into consecutive chunks of `size` (default `CHUNK`; the last may be
    shorter)."""
    size = size or CHUNK
    return [tuple(jobs[lo : lo + size]) for lo in range(0, len(jobs), size)]


@contextmanager
def article_pool(workers: int) -> Iterator[Executor | None]:
    """A pool of `workers` processes for `map_articles` (None for one worker: run here),
    each with one thread per library (`one_thread_each`), shut down on leaving."""
    if workers <= 1:
        yield None
        return
    if multiprocessing.get_start_method() == "fork":
        # forked workers inherit the pipeline loaded here (this process parses the positions'
        # sentences with it later anyway) instead of each importing spaCy and loading its own:
        # about 1.5 CPU-s per worker (issue 19); the same pipeline, so the same results
        load_parser()
    with ProcessPoolExecutor(max_workers=workers, initializer=one_thread_each) as pool:
        yield pool


def map_articles(
    jobs: Sequence[ArticleJob],
    gazetteer_file: str | None,
    cpu_seconds: float,
    executor: Executor | None = None,
) -> Iterator[tuple[tuple[ArticleJob, ...], ChunkResult]]:
    """`read_chunk` over the jobs' chunks (`chunked`), each chunk with its result, in chunk
    order: on `executor` when given (`article_pool`'s, or a Dask client's), else here.
    Input: the jobs, the gazetteer file the settings name, the annotate CPU budget per
    article. Output: yielded as they complete in order, so the caller can store each chunk
    and let it go (memory follows the chunks in flight, not the corpus)."""
    chunks = chunked(jobs)
    if executor is None:
        for c in chunks:
            yield c, read_chunk(c, gazetteer_file, cpu_seconds)
        return
    futures = [executor.submit(read_chunk, c, gazetteer_file, cpu_seconds) for c in chunks]
    for c, future in zip(chunks, futures, strict=True):
        yield c, future.result()
