"""Benchmark: throughput of the whole annotate stage as a ratio to raw spaCy NER on the same text.

What it measures: words per second of newsprism's annotate stage, in the same process and on the
same articles as a baseline of raw spaCy entity recognition, and the ratio of their times, so the
cost of everything newsprism adds on top of NER (the tagger and sentence splitter, mention
finding with the gazetteer, time expressions, story-level entity resolution) reads as one number
that depends far less on the machine than words per second do:
- baseline (NER): `list(ner.pipe(texts, batch_size=16))` with `load_pipeline(ner_only=True)`
  (token-to-vector layer and entity recogniser only);
- annotate stage: `annotate(articles, nlp=full, gazetteer=gaz)` with `load_pipeline()` (the full
  annotate pipeline), then `resolve_entities(annotations, articles, gaz)` over all articles as
  one story. `resolve_seconds` is that resolve call alone (it is part of `annotate_seconds`).

Data: a folder of .txt files, each file's text one article (default: the istanbul-talks corpus
under ../shared/corpus), or with `--tempeval` the TEXT of the TimeML documents under
../shared/eval/tempeval3 (every split present), read with bench/timex.py's reader. Each article is
`Article(id=content_id(text), text=text, source=file name)`; a file whose text repeats an earlier
file's (TempEval-3 has one such pair) is kept, with the id `content_id(text, file name)`. The
corpus is repeated `--repeat N` times (default: as many times as it takes to reach at least
50,000 words); copy k > 0 appends `str(k)` to those id parts, the text is the same.

How it times: both pipelines and the gazetteer are loaded first, then one untimed warm-up of
both measurements runs on the first few articles. Then NER and the annotate stage run
alternately (NER first), three times each (`--runs`; `gc.collect()` before each, results dropped
after), each timed with `time.perf_counter`; the median of each is reported, and `ratio` is
median annotate seconds / median NER seconds. Words are whitespace-separated
(`len(text.split())`) summed over all articles, repeats included. Peak memory is the process's
`ru_maxrss` at the end, so it covers both pipelines and the biggest of the runs.

Usage: python bench/annotate.py [DATA_DIR] [--tempeval] [--repeat N] [--runs 3]
The last line of stdout is one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import math
import os
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import spacy

from newsprism.annotate import annotate, resolve_entities
from newsprism.gazetteer import load_gazetteer
from newsprism.model import Article, content_id
from newsprism.nlp import load_pipeline

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO.parent / "shared" / "corpus" / "istanbul-talks"
TEMPEVAL_DIR = REPO.parent / "shared" / "eval" / "tempeval3"
MIN_WORDS = 50_000
RUNS = 3
BATCH_SIZE = 16
WARMUP_ARTICLES = 4


# --- reading --------------------------------------------------------------------------------


def _timex_module() -> ModuleType:
    """bench/timex.py as a module (bench is not a package), for its TimeML reader."""
    spec = importlib.util.spec_from_file_location(
        "bench_timex", Path(__file__).with_name("timex.py")
    )
    if spec is None or spec.loader is None:
        raise SystemExit("cannot load bench/timex.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def read_texts(data_dir: Path) -> list[tuple[str, str]]:
    """(file name, text) of each .txt file in the folder, in name order."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(data_dir.glob("*.txt"))]


def read_tempeval(data_dir: Path) -> list[tuple[str, str]]:
    """(file name, TEXT with tags stripped) of the TimeML documents of every split present."""
    timex = _timex_module()
    texts: list[tuple[str, str]] = []
    for split, folders in timex.SPLITS.items():
        if any((data_dir / folder).is_dir() for folder in folders):
            texts.extend((d.name, d.text) for d in timex.read_split(data_dir, split))
    return texts


def build_articles(texts: Sequence[tuple[str, str]], repeat: int) -> tuple[list[Article], int]:
    """The articles, `repeat` copies of the corpus, and how many files repeat an earlier text."""
    seen: set[str] = set()
    same_text: set[int] = set()
    for i, (_, text) in enumerate(texts):
        if text in seen:
            same_text.add(i)
        seen.add(text)
    articles: list[Article] = []
    for k in range(repeat):
        for i, (name, text) in enumerate(texts):
            parts = [text, *([name] if i in same_text else []), *([str(k)] if k else [])]
            articles.append(Article(id=content_id(*parts), text=text, source=name))
    if len({a.id for a in articles}) != len(articles):
        raise SystemExit("article ids collide")
    return articles, len(same_text)


# --- timing ---------------------------------------------------------------------------------


def _timed_ner(ner: Any, texts: Sequence[str]) -> float:
    gc.collect()
    started = time.perf_counter()
    docs = list(ner.pipe(texts, batch_size=BATCH_SIZE))
    seconds = time.perf_counter() - started
    del docs
    return seconds


def _timed_annotate(full: Any, gazetteer: Any, articles: Sequence[Article]) -> tuple[float, float]:
    """(seconds of annotate + resolve, seconds of resolve alone)."""
    gc.collect()
    started = time.perf_counter()
    annotations = annotate(articles, nlp=full, gazetteer=gazetteer)
    resolve_started = time.perf_counter()
    entities = resolve_entities(annotations, articles, gazetteer)
    ended = time.perf_counter()
    del annotations, entities
    return ended - started, ended - resolve_started


def measure(articles: Sequence[Article], runs: int) -> dict[str, Any]:
    ner = load_pipeline(ner_only=True)
    full = load_pipeline()
    gazetteer = load_gazetteer()
    texts = [a.text for a in articles]
    # untimed warm-up of both measurements on a small slice
    _timed_ner(ner, texts[:WARMUP_ARTICLES])
    _timed_annotate(full, gazetteer, articles[:WARMUP_ARTICLES])
    ner_times: list[float] = []
    stage_times: list[float] = []
    resolve_times: list[float] = []
    for run in range(runs):
        ner_times.append(_timed_ner(ner, texts))
        stage, resolve = _timed_annotate(full, gazetteer, articles)
        stage_times.append(stage)
        resolve_times.append(resolve)
        print(
            f"run {run + 1}/{runs}: NER {ner_times[-1]:.2f} s, annotate stage {stage:.2f} s"
            f" (resolve {resolve:.2f} s)"
        )
    return {
        "ner": ner,
        "full": full,
        "ner_times": ner_times,
        "stage_times": stage_times,
        "resolve_times": resolve_times,
    }


def _pipeline_name(nlp: Any) -> str:
    return f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}"


# --- running --------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "data_dir",
        nargs="?",
        type=Path,
        help=f"folder of .txt files (default {DEFAULT_DATA_DIR}); with --tempeval the "
        f"tempeval3 folder (default {TEMPEVAL_DIR})",
    )
    parser.add_argument(
        "--tempeval", action="store_true", help="use the TEXT of the TempEval-3 TimeML documents"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        help=f"copies of the corpus (default: enough for at least {MIN_WORDS:,} words)",
    )
    parser.add_argument("--runs", type=int, default=RUNS, help="timed runs of each (median)")
    args = parser.parse_args(argv)
    data_dir: Path = args.data_dir or (TEMPEVAL_DIR if args.tempeval else DEFAULT_DATA_DIR)
    if not data_dir.is_dir():
        parser.error(f"{data_dir} is not a folder")
    if args.repeat is not None and args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    texts = read_tempeval(data_dir) if args.tempeval else read_texts(data_dir)
    if not texts:
        parser.error(f"{data_dir}: no {'TimeML documents' if args.tempeval else '.txt files'}")
    corpus_words = sum(len(text.split()) for _, text in texts)
    repeat = args.repeat or max(1, math.ceil(MIN_WORDS / max(corpus_words, 1)))
    articles, same_text = build_articles(texts, repeat)
    words = sum(len(a.text.split()) for a in articles)
    print(
        f"## annotate stage vs raw NER: {data_dir} ({len(texts)} documents, {corpus_words:,}"
        f" words) × {repeat} = {len(articles)} articles, {words:,} words"
    )

    if same_text:
        print(f"({same_text} file(s) repeat an earlier file's text; kept, ids made distinct)")
    m = measure(articles, args.runs)
    ner_seconds = statistics.median(m["ner_times"])
    stage_seconds = statistics.median(m["stage_times"])
    resolve_seconds = statistics.median(m["resolve_times"])
    ner_wps = words / ner_seconds if ner_seconds else 0.0
    stage_wps = words / stage_seconds if stage_seconds else 0.0
    ratio = stage_seconds / ner_seconds if ner_seconds else 0.0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    full, ner = m["full"], m["ner"]

    print(f"\n{f'median of {args.runs} runs':40}{'seconds':>10}{'words/s':>12}")
    print(f"{'raw NER (' + ', '.join(ner.pipe_names) + ')':40}{ner_seconds:10.2f}{ner_wps:12,.0f}")
    print(f"{'annotate + resolve':40}{stage_seconds:10.2f}{stage_wps:12,.0f}")
    print(f"{'  of which resolve':40}{resolve_seconds:10.2f}")
    print(f"ratio annotate / NER: {ratio:.2f}×")
    print(
        f"pipeline {_pipeline_name(full)} {full.meta.get('version')} (spaCy {spacy.__version__});"
        f" full: {', '.join(full.pipe_names)}"
    )
    print(f"peak RSS {peak_mb:,.0f} MB, {os.cpu_count()} CPUs")

    result = {
        "benchmark": "annotate",
        "data": "tempeval3" if args.tempeval else data_dir.name,
        "documents": len(texts),
        "same_text_documents": same_text,
        "repeat": repeat,
        "articles": len(articles),
        "words": words,
        "runs": args.runs,
        "ner_seconds": round(ner_seconds, 3),
        "annotate_seconds": round(stage_seconds, 3),
        "resolve_seconds": round(resolve_seconds, 3),
        "ner_words_per_s": round(ner_wps),
        "annotate_words_per_s": round(stage_wps),
        "ratio": round(ratio, 3),
        "ner_seconds_all": [round(s, 3) for s in m["ner_times"]],
        "annotate_seconds_all": [round(s, 3) for s in m["stage_times"]],
        "peak_rss_mb": round(peak_mb, 1),
        "pipeline": _pipeline_name(full),
        "pipeline_version": full.meta.get("version"),
        "spacy_version": spacy.__version__,
        "ner_pipes": list(ner.pipe_names),
        "annotate_pipes": list(full.pipe_names),
        "cpu_count": os.cpu_count(),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
