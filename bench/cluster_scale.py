"""Benchmark: how story clustering scales — articles/s and peak memory for 1k, 10k and 100k
articles, and the time to add 100 articles to a store that already holds 100k.

Data. There is no 100k-article gold stream on this machine, so the stream is built from real
articles: the local dev parts of GoogleNews-TS, Timeline17 and ECB+ (about 14,600 texts with
their cached all-MiniLM-L6-v2 lead embeddings, made by `bench/stories.py`). The pool is repeated
as often as needed; every repetition of a gold story becomes a story of its own, placed at a
random start day within two years (articles spread over its first five days), and every copy
of an article gets its vector jittered (Gaussian noise, about 0.95 cosine to the original) so no
two vectors are equal. Entity keys come from the real texts. The stream is sorted by day and fed
in batches of `--batch` articles, as a feed reader would. B-cubed F1 against the repeated gold
stories is printed as a sanity check, not as a quality figure (`bench/stories.py` is that).

What is timed:
- `memory`: the in-memory clusterer (`cluster_documents`' engine) over the whole stream, given
  the vectors: articles/s and peak RSS of a fresh process per size (ru_maxrss).
- `store`: the pipeline's cluster stage (`cluster_articles`) over an SQLite store, batch by
  batch, vectors given (so no model runs): articles/s over the whole build, the seconds per batch
  early and late (flat means the cost does not grow with the store), then the seconds to add
  `--add` new articles dated after the stream to the full store, and peak RSS.
- Embedding is the stage's dominant cost for new articles and is linear in their number; it is
  measured once on `--embed-sample` real lead texts and reported apart (articles/s).

Usage: python bench/cluster_scale.py [DATA_DIR] [--sizes 1000,10000,100000] [--add 100]
                                     [--batch 1000] [--store-sizes 100000] [--embed-sample 256]
The last line of stdout is one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

import stories  # noqa: E402  (the benchmark next door: loaders, cached embeddings, scorer)
from newsprism.cluster.keys import entity_keys  # noqa: E402
from newsprism.cluster.online import Clusterer, Item  # noqa: E402
from newsprism.gazetteer import load_gazetteer  # noqa: E402

POOL_SETS = ("googlenews-ts", "timeline17", "ecbplus-subtopic")
SPAN_DAYS = 730
START = dt.date(2024, 1, 1).toordinal()
JITTER = 0.0168  # per-dimension sigma: 1 / sqrt(1 + 384 sigma^2) ~ 0.95 cosine


def pool(data_dir: Path) -> tuple[list[Any], np.ndarray, list[str]]:
    docs, vectors, gold = [], [], []
    for name in POOL_SETS:
        set_docs, set_gold = stories.load_set(name, data_dir)
        emb = stories.embed(stories.SETS[name], set_docs)
        assert emb is not None
        docs += set_docs
        vectors.append(emb.vectors)
        gold += [f"{name}:{g}" for g in set_gold]
    return docs, np.concatenate(vectors), gold


def stream(size: int, data_dir: Path, seed: int = 0) -> tuple[list[dict[str, Any]], np.ndarray]:
    """`size` articles: (id, pool index, day, gold), sorted by day, and their vectors."""
    docs, vectors, gold = pool(data_dir)
    rng = np.random.default_rng(seed)
    rows: list[dict[str, Any]] = []
    starts: dict[tuple[str, int], int] = {}
    copy = 0
    while len(rows) < size:
        for i in rng.permutation(len(docs)):
            story = (gold[i], copy)
            if story not in starts:
                starts[story] = START + int(rng.integers(0, SPAN_DAYS))
            day = starts[story] + int(rng.integers(0, 5))
            rows.append(
                {"id": f"{copy}-{docs[i].id}", "pool": int(i), "day": day, "gold": str(story)}
            )
            if len(rows) == size:
                break
        copy += 1
    rows.sort(key=lambda r: (r["day"], r["id"]))
    noise = rng.normal(0.0, JITTER, (size, vectors.shape[1])).astype(np.float32)
    out = (
        vectors[[r["pool"] for r in rows]]
        + noise
        * np.array([0.0 if r["id"].startswith("0-") else 1.0 for r in rows], dtype=np.float32)[
            :, None
        ]
    )
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    for r in rows:
        r["doc"] = docs[r["pool"]]
    return rows, out


def run_memory(size: int, data_dir: Path, batch: int) -> dict[str, Any]:
    rows, vectors = stream(size, data_dir)
    gazetteer = load_gazetteer()
    items = [
        Item(
            id=r["id"],
            vector=vectors[i],
            keys=frozenset(entity_keys(r["doc"].title, r["doc"].text, gazetteer)),
            day=r["day"],
        )
        for i, r in enumerate(rows)
    ]
    clusterer = Clusterer()
    assigned: dict[str, str] = {}
    started = time.perf_counter()
    for first in range(0, size, batch):
        assigned.update(clusterer.add(items[first : first + batch]).assigned)
    seconds = time.perf_counter() - started
    metrics = stories.score([assigned[r["id"]] for r in rows], [r["gold"] for r in rows])
    return {
        "articles": size,
        "seconds": round(seconds, 2),
        "articles_per_s": round(size / seconds, 1),
        "stories": int(metrics["clusters"]),
        "b3_f1_vs_repeated_gold": round(float(metrics["b3_f1"]), 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def run_store(size: int, data_dir: Path, batch: int, add: int) -> dict[str, Any]:
    from newsprism.ingest.dedup import Shingler, band_keys, to_bytes
    from newsprism.model import Article, DateValue
    from newsprism.pipeline import cluster_articles
    from newsprism.settings import Settings
    from newsprism.store import Store

    rows, vectors = stream(size + add, data_dir)
    last = [r for r in rows if r["day"] == rows[-1]["day"]]
    extra = last[:add] if len(last) >= add else rows[-add:]
    extra_ids = {r["id"] for r in extra}
    body = [r for r in rows if r["id"] not in extra_ids]
    vec = {r["id"]: vectors[i] for i, r in enumerate(rows)}
    gazetteer = load_gazetteer()
    shingler = Shingler()

    def article(r: dict[str, Any]) -> Article:
        day = dt.date.fromordinal(r["day"]).isoformat()
        return Article(
            id=r["id"],
            text=r["doc"].text,
            title=r["doc"].title,
            source="bench",
            published=DateValue(value=day, granularity="day", kind="explicit"),
        )

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(db=str(Path(tmp) / "s.db"), offline=True)
        per_batch: list[float] = []
        with Store(settings.db) as store:
            started = time.perf_counter()
            for first in range(0, len(body), batch):
                chunk = [article(r) for r in body[first : first + batch]]
                sig = [shingler.signature(a.text) for a in chunk]
                store.put_articles(
                    [
                        (a, "h" + a.id, to_bytes(s), band_keys(s))
                        for a, s in zip(chunk, sig, strict=True)
                    ]
                )
                t = time.perf_counter()
                cluster_articles(chunk, settings, store, gazetteer, vectors=vec)
                per_batch.append(time.perf_counter() - t)
            build = time.perf_counter() - started
            new = [article(r) for r in extra]
            sig = [shingler.signature(a.text) for a in new]
            store.put_articles(
                [(a, "h" + a.id, to_bytes(s), band_keys(s)) for a, s in zip(new, sig, strict=True)]
            )
            t = time.perf_counter()
            result = cluster_articles(new, settings, store, gazetteer, vectors=vec)
            add_seconds = time.perf_counter() - t
            joined = sum(1 for r in extra if result.story_of.get(r["id"]) not in result.created)
            stored_stories = len(store.stories())
        db_mb = Path(settings.db).stat().st_size / 2**20
    tenth = max(1, len(per_batch) // 10)
    return {
        "articles": len(body),
        "batch": batch,
        "cluster_seconds": round(sum(per_batch), 2),
        "articles_per_s_clustering": round(len(body) / sum(per_batch), 1),
        "articles_per_s_with_writes": round(len(body) / build, 1),
        "first_batches_s": round(float(np.mean(per_batch[:tenth])), 3),
        "last_batches_s": round(float(np.mean(per_batch[-tenth:])), 3),
        "stories": stored_stories,
        "add": len(extra),
        "add_seconds": round(add_seconds, 3),
        "added_that_joined_a_story": joined,
        "store_mb": round(db_mb, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def run_embedding(sample: int, data_dir: Path) -> dict[str, Any]:
    from newsprism.embedding import Encoder, lead_text

    docs, _ = stories.load_set("timeline17", data_dir)
    texts = [lead_text(d.title, d.text) for d in docs[:sample]]
    encoder = Encoder()
    encoder.encode(texts[:4])
    started = time.perf_counter()
    encoder.encode(texts)
    seconds = time.perf_counter() - started
    return {
        "texts": len(texts),
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(texts) / seconds, 1),
    }


def child(kind: str, size: int, args: argparse.Namespace) -> dict[str, Any]:
    """Run one measurement in a fresh process, so its peak memory is its own."""
    cmd = [
        sys.executable,
        __file__,
        str(args.data_dir),
        "--one",
        f"{kind}:{size}",
        "--batch",
        str(args.batch),
        "--add",
        str(args.add),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind}:{size} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=stories.DEFAULT_DATA_DIR)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--store-sizes", default="100000")
    parser.add_argument("--add", type=int, default=100)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--embed-sample", type=int, default=256)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        kind, size = args.one.split(":")
        if kind == "memory":
            out = run_memory(int(size), args.data_dir, args.batch)
        elif kind == "store":
            out = run_store(int(size), args.data_dir, args.batch, args.add)
        else:
            out = run_embedding(int(size), args.data_dir)
        print(json.dumps(out))
        return 0
    results: dict[str, Any] = {"memory": {}, "store": {}}
    header = ("in-memory", "articles", "art/s", "stories", "peak MB", "B3 F1*")
    print("{:<10} {:>9} {:>9} {:>8} {:>8} {:>7}".format(*header))
    for size in [int(s) for s in args.sizes.split(",") if s]:
        r = child("memory", size, args)
        results["memory"][str(size)] = r
        cells = ("", size, r["articles_per_s"], r["stories"], r["peak_rss_mb"])
        line = "{:<10} {:>9} {:>9} {:>8} {:>8}".format(*cells)
        print(f"{line} {r['b3_f1_vs_repeated_gold']:>7}", flush=True)
    for size in [int(s) for s in args.store_sizes.split(",") if s]:
        r = child("store", size, args)
        results["store"][str(size)] = r
        print(
            f"store {size}: {r['articles_per_s_clustering']} art/s clustering "
            f"({r['articles_per_s_with_writes']} with article writes), batch of {r['batch']}: "
            f"{r['first_batches_s']} s early, {r['last_batches_s']} s late; "
            f"add {r['add']} to the full store: {r['add_seconds']} s; peak {r['peak_rss_mb']} MB; "
            f"store {r['store_mb']} MB",
            flush=True,
        )
    if args.embed_sample:
        r = child("embed", args.embed_sample, args)
        results["embedding"] = r
        print(
            f"embedding (title+lead, 128 word pieces): {r['articles_per_s']} articles/s", flush=True
        )
    print("* B3 F1 against the repeated gold stories: a sanity check only")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
