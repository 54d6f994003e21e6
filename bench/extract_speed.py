"""Benchmark: throughput of the extract stage (quotes, events, stances, then positions).

What it measures: articles and words per second of `newsprism.extract.extract_articles` (the
spaCy parse with the parser, plus the quote, event and stance rules) and of `extract_story`
(entity resolution, quote merging, positions) over all articles as one story, on real news
text. The parse is timed apart from the rules, so the cost the rules add on top of spaCy reads
as a ratio that depends less on the machine.

Data: the .txt files of a folder, each one article (default: PolNeAR's dev texts under
../shared/eval/polnear/dev/text, 84 US campaign articles), repeated `--repeat` times (default:
enough for 50,000 words). Annotations come from the annotate stage first (untimed; the stage
reads them from the store in the pipeline).

How it times: pipelines load and one untimed warm-up runs first; then three runs (`--runs`) of
(a) `parse_texts` alone and (b) the whole `extract_articles`, alternating, each timed with
`time.perf_counter`, and (c) `extract_story` once per run; medians are reported. Peak memory is
the process's ru_maxrss at the end.

Usage: python bench/extract_speed.py [DATA_DIR] [--repeat N] [--runs 3]
The last line of stdout is one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from newsprism.annotate import annotate, resolve_entities
from newsprism.extract import extract_articles, extract_story
from newsprism.extract.parse import load_parser, parse_texts
from newsprism.gazetteer import load_gazetteer
from newsprism.model import Article, Story, content_id
from newsprism.nlp import load_pipeline

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear"
MIN_WORDS = 50_000


def read_articles(data_dir: Path, repeat: int | None) -> list[Article]:
    folder = data_dir / "dev" / "text" if (data_dir / "dev" / "text").is_dir() else data_dir
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    texts = [t for t in texts if t.strip()]
    if not texts:
        raise SystemExit(f"{folder}: no .txt files")
    words = sum(len(t.split()) for t in texts)
    copies = repeat or max(1, -(-MIN_WORDS // max(words, 1)))
    return [
        Article(id=content_id(t, str(k)), text=t, source=f"doc{i}")
        for k in range(copies)
        for i, t in enumerate(texts)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--repeat", type=int)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        parser.error(f"{args.data_dir} is not a folder")
    articles = read_articles(args.data_dir, args.repeat)
    words = sum(len(a.text.split()) for a in articles)
    gazetteer = load_gazetteer()
    annotations = annotate(articles, nlp=load_pipeline(), gazetteer=gazetteer)
    story = Story(
        id="bench",
        article_ids=tuple(a.id for a in articles),
        entities=resolve_entities(annotations, articles, gazetteer),
    )
    nlp = load_parser()
    extract_articles(articles[:3], annotations, nlp=nlp)  # warm-up
    parse_s, extract_s, story_s = [], [], []
    found = []
    for _ in range(args.runs):
        gc.collect()
        t0 = time.perf_counter()
        parse_texts([a.text for a in articles], nlp)
        parse_s.append(time.perf_counter() - t0)
        gc.collect()
        t0 = time.perf_counter()
        found = extract_articles(articles, annotations, nlp=nlp)
        extract_s.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        result = extract_story(story, articles, found)
        story_s.append(time.perf_counter() - t0)
    parse_m, extract_m, story_m = (statistics.median(x) for x in (parse_s, extract_s, story_s))
    metrics = {
        "data": str(args.data_dir),
        "articles": len(articles),
        "words": words,
        "parse_seconds": round(parse_m, 3),
        "extract_articles_seconds": round(extract_m, 3),
        "extract_story_seconds": round(story_m, 3),
        "articles_per_s": round(len(articles) / (extract_m + story_m), 1),
        "words_per_s": round(words / (extract_m + story_m)),
        "rules_over_parse": round((extract_m - parse_m) / parse_m, 3),
        "quotes": sum(len(f.quotes) for f in found),
        "events": sum(len(f.events) for f in found),
        "positions": len(result.positions),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(
        f"extract stage on {len(articles)} articles ({words:,} words): "
        f"{metrics['articles_per_s']} articles/s, {metrics['words_per_s']:,} words/s; "
        f"parse {parse_m:.2f} s, parse + rules {extract_m:.2f} s "
        f"(rules add {100 * metrics['rules_over_parse']:.0f} % to the parse), "
        f"story step {story_m:.2f} s; peak {metrics['peak_rss_mb']} MB"
    )
    print("published: none (no published throughput for this task; spaCy's own figures are for its")
    print("pipelines on other hardware)")
    print(json.dumps(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
