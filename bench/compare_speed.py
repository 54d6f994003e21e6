"""Benchmark: throughput of the compare stage at 10, 100 and 1,000 articles per story.

What it measures: the time of `newsprism.compare.compare_story` (claims with their entities,
sentence vectors, neighbour search, conflicts, groups, voices, framing, coverage) on stories of
growing size, cold (no stored claim vectors: the embedding is part of the time) and warm (the
vectors come from the store, as on a re-run), with the number of claim statements and of
candidate pairs the neighbour search keeps. The pairs grow with n·k, not n², which is what
keeps the stage from exploding; the matrix product behind the search is blocked.

Data: Timeline17's BP oil spill topic (`bpoil_*`: BBC, Guardian, Reuters, Washington Post;
about 1,175 articles from 2010), read from `InputDocs/<date>/<n>.htm.txt` (default folder
../shared/eval/timeline17; any folder of that layout works, `--topic` picks the prefix).
Articles are taken in date order, alternating outlets, so each size is a realistic story.
Annotation and extraction run first, untimed, into a store under /tmp (reused across runs
with `--db`); they are the annotate and extract stages' cost, measured by their own benchmarks.

Usage: python bench/compare_speed.py [DATA_DIR] [--topic bpoil] [--sizes 10,100,1000]
The last line of stdout is one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from newsprism.compare import compare_story, embed_statements, statements_of
from newsprism.compare.claims import neighbours
from newsprism.embedding import Encoder
from newsprism.extract import extract_story
from newsprism.model import (
    Article,
    DateValue,
    Story,
    article_id,
    content_id,
    normalise_for_hash,
    story_id,
)
from newsprism.pipeline import annotate_story, extract_stage
from newsprism.settings import Settings
from newsprism.store import Store

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "timeline17"


def detokenize(text: str) -> str:
    """Timeline17 text is PTB-tokenised; undo the marks that change how it parses."""
    text = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("``", '"').replace("''", '"')
    text = re.sub(r" ([,.;:!?%)]|'s|n't|'re|'ll|'ve|'d)", r"\1", text)
    text = re.sub(r"([($]) ", r"\1", text)
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def read_topic(data_dir: Path, topic: str) -> list[Article]:
    per_outlet: list[list[Article]] = []
    for folder in sorted(data_dir.glob(f"{topic}_*")):
        outlet = folder.name.split("_", 1)[1]
        articles = []
        for path in sorted((folder / "InputDocs").glob("*/*.txt")):
            text = detokenize(path.read_text(encoding="utf-8", errors="replace"))
            if len(text.split()) < 50:
                continue
            day = path.parent.name
            articles.append(
                Article(
                    id=article_id(text, f"{folder.name}/{path.parent.name}/{path.name}"),
                    text=text,
                    source=outlet,
                    published=DateValue(value=day, granularity="day", kind="explicit"),
                    language="en",
                )
            )
        per_outlet.append(articles)
    if not per_outlet:
        raise SystemExit(f"{data_dir}: no {topic}_* folders")
    mixed = []  # alternate outlets, each in date order
    for k in range(max(len(a) for a in per_outlet)):
        mixed += [a[k] for a in per_outlet if k < len(a)]
    return mixed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--topic", default="bpoil")
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--db", default="/tmp/newsprism-compare-speed.db")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    articles = read_topic(args.data_dir, args.topic)[: max(sizes)]
    settings = Settings()
    print(f"{len(articles)} articles of {args.topic}_*; preparing (annotate + extract) …")
    with Store(args.db) as store:
        # stored, so that annotations and extractions (keyed to articles) can be stored too
        store.put_articles([(a, content_id(normalise_for_hash(a.text)), b"", ()) for a in articles])
        t0 = time.perf_counter()
        whole = Story(
            id=story_id(tuple(a.id for a in articles)), article_ids=tuple(a.id for a in articles)
        )
        all_articles, _, annotations = annotate_story(whole, list(articles), settings, store)
        found = extract_stage(all_articles, annotations, store)
        print(f"prepared in {time.perf_counter() - t0:.0f} s")
        encoder = Encoder(settings.embedding_model)
        encoder.encode(["warm up"])
        rows = []
        for n in sizes:
            subset = all_articles[:n]
            ids = {a.id for a in subset}
            anns = [a for a in annotations if a.article_id in ids]
            story = Story(id=story_id(tuple(ids)), article_ids=tuple(a.id for a in subset))
            subset, story, anns = annotate_story(story, list(subset), settings, store)
            extractions = [x for x in found if x.article_id in ids]
            story = extract_story(story, subset, extractions)
            statements = statements_of(story, subset, extractions)
            with Store(":memory:") as cold_store:
                t = time.perf_counter()
                compared = compare_story(story, subset, anns, extractions, encoder, cold_store)
                cold = time.perf_counter() - t
                t = time.perf_counter()
                compare_story(story, subset, anns, extractions, encoder, cold_store)
                warm = time.perf_counter() - t
                vectors = embed_statements(statements, subset, encoder, cold_store)
            t = time.perf_counter()
            pairs = neighbours(vectors)
            search = time.perf_counter() - t
            statuses = {
                s: sum(c.status == s for c in compared.claims)
                for s in ("corroborated", "single_source", "contradicted")
            }
            row = {
                "articles": n,
                "statements": len(statements),
                "candidate_pairs": len(pairs),
                "pairs_per_statement": round(len(pairs) / max(len(statements), 1), 2),
                "cold_s": round(cold, 2),
                "warm_s": round(warm, 2),
                "neighbour_search_s": round(search, 3),
                "claims": len(compared.claims),
                **statuses,
                "framing_records": len(compared.framing),
            }
            rows.append(row)
            print(
                f"{n:>5} articles  {len(statements):>6} statements  {len(pairs):>7} pairs  "
                f"cold {cold:7.2f} s  warm {warm:6.2f} s  search {search:6.3f} s  "
                f"claims {len(compared.claims)} ({statuses})"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB (whole process, spaCy and the model included)")
    print(json.dumps({"sizes": rows, "peak_mb": round(peak)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
