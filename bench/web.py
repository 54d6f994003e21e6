"""Page load times of the web app (`newsprism serve`) for a large story.

The story: the first N articles (default 150) of one Timeline17 topic (DATA_DIR, default
../shared/eval/timeline17; `--topic`, default bpoil), outlets alternating, read from there
and never copied. They are stored with `newsprism.ingest` and analysed as ONE story through
the pipeline's stages (annotate, extract, compare, compose, the ask index and suggested
questions — what `analyze` runs per story), and the story's report is stored the way
`analyze` stores it. Clustering is left out on purpose: it would split a months-long topic
into several stories, and the page of one large story is what is measured. The store is
kept in bench/_work/ and reused.

Then uvicorn serves the app on 127.0.0.1 and the script times, over HTTP from the same
machine, the story page (first load, then the median of --repeat loads: "warm"), an article
page, the story list, and a question asked within the story and across all stories. The
times are the full request (server work and transfer of the body), not the browser's
layout of the page.

Usage: python bench/web.py [DATA_DIR] [--topic bpoil] [--articles 150] [--repeat 20]
Prints one JSON object on its last line.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_speed import read_topic  # noqa: E402  (bench/compare_speed.py, beside this file)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO.parent / "shared" / "eval" / "timeline17"
WORK = REPO / "bench" / "_work"
QUESTION = "What did BP say about the oil spill?"


def build_story(data_dir: Path, topic: str, n: int, db: Path) -> tuple[str, int]:
    """Store the topic's first `n` articles and analyse them as one story; gives its id and
    its number of articles. Reuses the stored report when the store already has it."""
    from newsprism.ask import answer_question, suggest_questions
    from newsprism.compare import compare_story
    from newsprism.compose import compose_story, with_questions
    from newsprism.embedding import Encoder
    from newsprism.extract import extract_story
    from newsprism.ingest import ingest
    from newsprism.model import Story, content_id
    from newsprism.pipeline import (
        SUGGESTED_QUESTIONS,
        _store_report,
        annotate_story,
        extract_stage,
        story_index,
    )
    from newsprism.settings import load_settings
    from newsprism.store import Store

    articles = read_topic(data_dir, topic)[:n]
    settings = load_settings(offline=True, db=str(db), today="2026-01-01")
    with Store(db) as store, tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{topic}.jsonl"
        source.write_text(
            "".join(
                json.dumps(
                    {
                        "text": a.text,
                        "source": a.source,
                        "published": a.published.value if a.published else None,
                        "title": a.text.split("\n", 1)[0][:120],
                        "url": f"https://timeline17.example/{topic}/{a.id}",
                    }
                )
                + "\n"
                for a in articles
            ),
            encoding="utf-8",
        )
        stored = list(ingest([str(source)], settings, store).articles)
        ids = tuple(a.id for a in stored)
        story_id = content_id("bench-web", *ids)[:16]
        if store.get_story_report(story_id) is not None:
            return story_id, len(ids)
        started = time.perf_counter()
        story = Story(id=story_id, article_ids=ids, title=f"Timeline17 {topic}: {n} articles")
        stored, story, annotations = annotate_story(story, stored, settings, store)
        found = extract_stage(stored, annotations, store)
        story = extract_story(story, stored, found)
        encoder = Encoder(settings.embedding_model)
        story = compare_story(story, stored, annotations, found, encoder, store)
        story = compose_story(story, stored, annotations, found, encoder, store)
        index = story_index(story, stored, annotations, encoder, store)
        questions = suggest_questions(index, limit=SUGGESTED_QUESTIONS)
        story = with_questions(story, [answer_question(q, index, encoder) for q in questions])
        _store_report(story, stored, store)
        print(f"analysed {len(ids)} articles as one story in {time.perf_counter() - started:.0f} s")
    return story_id, len(ids)


def fetch(url: str, accept: str = "text/html") -> tuple[float, int]:
    """Seconds for a whole GET (headers and body), and the body's size in bytes."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept})) as r:
            body = r.read()
    except urllib.error.HTTPError as exc:
        raise SystemExit(f"{url}: HTTP {exc.code}") from exc
    return time.perf_counter() - started, len(body)


def timed(url: str, repeat: int, accept: str = "text/html") -> dict[str, Any]:
    first, size = fetch(url, accept)
    warm = [fetch(url, accept)[0] for _ in range(repeat)]
    return {
        "first_s": round(first, 3),
        "warm_median_s": round(statistics.median(warm), 3),
        "warm_max_s": round(max(warm), 3),
        "bytes": size,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--topic", default="bpoil")
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--db", type=Path, default=WORK / "web-timeline17.db")
    args = parser.parse_args(argv)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    story_id, n = build_story(args.data_dir, args.topic, args.articles, args.db)

    import uvicorn

    from newsprism.pipeline import stored_report
    from newsprism.settings import load_settings
    from newsprism.store import Store
    from newsprism.web.app import create_app

    with Store(args.db) as store:
        article_id = stored_report(store, [story_id]).stories[0].article_ids[0]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(load_settings(offline=True, db=str(args.db)))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    ask = urllib.parse.urlencode({"q": QUESTION})
    try:
        results = {
            "story_page": timed(f"{base}/stories/{story_id}", args.repeat),
            "article_page": timed(f"{base}/stories/{story_id}/articles/{article_id}", args.repeat),
            "story_list": timed(f"{base}/", args.repeat),
            "ask_in_story": timed(f"{base}/ask?{ask}&story={story_id}", args.repeat),
            "ask_across": timed(f"{base}/ask?{ask}", args.repeat),
        }
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    for name, r in results.items():
        print(
            f"{name:<13} first {r['first_s']:6.3f} s   warm median {r['warm_median_s']:6.3f} s  "
            f"(max {r['warm_max_s']:.3f})   {r['bytes'] / 1024:7.0f} KiB"
        )
    print(json.dumps({"topic": args.topic, "articles": n, "story": story_id, **results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
