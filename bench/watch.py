"""Benchmark: `newsprism watch` rounds over 200 local feeds — nothing new, then 50 new articles.

What it measures: the wall time of `newsprism.watch.run_round` and the HTTP requests it sends
(counted by the server) for
 1. a first round over FEEDS feeds that each carry PER_FEED entries (all new: everything is
    ingested and analysed; reported, not the point);
 2. a round in which no feed changed: every feed is asked conditionally and answers 304, so
    nothing is read, ingested or analysed;
 3. a round in which NEW feeds each gained one new entry (NEW new articles): only those are
    read, ingested and analysed with the stories they join (the time of ingest and of the
    analysis is given apart, with the stories analysed and their members: a story that gains
    an article is analysed again whole, as `analyze` does);
 4. a round with nothing new again.
The feeds are served by a standard-library server on 127.0.0.1 started here (the same one the
tests use), with ETags. All feeds are on one host, so the per-host pacing
(`fetch_host_interval`, 1 s by default) would make a round wait about one second per feed; the
benchmark's clock records those waits without sleeping them and reports them apart
(`paced_wait_s`), so the times are the work itself.

Data: Timeline17's BP oil spill topic (`bpoil_*`, BBC, Guardian, Reuters, Washington Post),
read from `InputDocs/<date>/<n>.htm.txt` (default folder ../shared/eval/timeline17), in date
order alternating outlets; the first FEEDS x PER_FEED articles fill the feeds, the next NEW are
the new entries. Nothing is copied into the repository: the texts are served from memory.

Usage: python bench/watch.py [DATA_DIR] [--feeds 200] [--new 50] [--per-feed 1]
The last line of stdout is one JSON object with the metrics. No published figure exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "eval" / "timeline17"
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests"))

from timeline import read_docs  # noqa: E402  (bench/timeline.py, beside this file)
from watch_feeds import Entry, FeedSite, rss, serve  # noqa: E402  (tests/watch_feeds.py)


class UnsleptClock:
    """The system clock, plus the pacing waits it was asked for but did not sleep."""

    def __init__(self) -> None:
        self.waited = 0.0

    def now(self) -> float:
        return time.time() + self.waited

    def sleep(self, seconds: float) -> None:
        self.waited += max(0.0, seconds)


def entries(docs: Sequence[Any]) -> list[Entry]:
    out = []
    for doc in docs:
        first = " ".join(doc.text.split()[:12])
        day = dt.datetime.combine(doc.day, dt.time(12), tzinfo=dt.UTC)
        out.append(
            Entry(
                guid=doc.path,
                title=first,
                published=email.utils.format_datetime(day),
                text=doc.text,
                link=f"https://{doc.outlet}.example/{doc.path}",
            )
        )
    return out


def interleave(docs: Sequence[Any]) -> list[Any]:
    """Date order, alternating outlets within a day."""
    by_day: dict[Any, dict[str, list[Any]]] = {}
    for doc in sorted(docs, key=lambda d: (d.day, d.outlet, d.number)):
        by_day.setdefault(doc.day, {}).setdefault(doc.outlet, []).append(doc)
    out = []
    for day in sorted(by_day):
        queues = list(by_day[day].values())
        while any(queues):
            for queue in queues:
                if queue:
                    out.append(queue.pop(0))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--topic", default="bpoil")
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--new", type=int, default=50)
    parser.add_argument("--per-feed", type=int, default=1)
    args = parser.parse_args(argv)

    import newsprism.watch as watch_module
    from newsprism.settings import Settings
    from newsprism.store import Store
    from newsprism.watch import RoundResult, run_round

    spent = {"ingest": 0.0, "analysis": 0.0, "stories": 0, "members": 0}

    def timed(name: str, function: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            out = function(*args, **kwargs)
            spent[name] += time.perf_counter() - start
            if name == "analysis":
                spent["stories"] += len(out.stories)
                spent["members"] += sum(len(s.article_ids) for s in out.stories)
            return out

        return run

    # time the two steps of a round that do the work, as the round calls them
    watch_module.ingest_documents = timed("ingest", watch_module.ingest_documents)
    watch_module.analyze_ingested = timed("analysis", watch_module.analyze_ingested)

    docs, _empty = read_docs(args.data, args.topic)
    docs = interleave(docs)
    need = args.feeds * args.per_feed + args.new
    if len(docs) < need:
        raise SystemExit(f"{args.data}: {len(docs)} articles of {args.topic}, {need} needed")
    feed_entries = entries(docs[: args.feeds * args.per_feed])
    new_entries = entries(docs[args.feeds * args.per_feed : need])
    outlets = [d.outlet for d in docs]

    site = FeedSite()
    paths = [f"/feed{i:03d}.xml" for i in range(args.feeds)]
    held: list[list[Entry]] = [[] for _ in paths]
    for k, entry in enumerate(feed_entries):
        held[k % args.feeds].append(entry)
    for i, path in enumerate(paths):
        site.feeds[path] = rss(f"{outlets[i % len(outlets)]}", held[i])

    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp, serve(site):
        db = Path(tmp) / "watch.db"
        settings = Settings(
            db=str(db),
            allow_private=True,
            follow_feed_links=False,
            today="2010-12-31",
            fetch_timeout=30.0,
        )
        sources = [site.url(p) for p in paths]
        with Store(db) as store:

            def one_round(name: str) -> RoundResult:
                clock = UnsleptClock()
                spent.update(ingest=0.0, analysis=0.0, stories=0, members=0)
                asked = len(site.requests)
                start = time.perf_counter()
                result = run_round(sources, settings, store, clock=clock)
                seconds = time.perf_counter() - start
                answers = [r.status for r in site.requests[asked:]]
                row = {
                    "round": name,
                    "seconds": round(seconds, 3),
                    "requests": len(answers),
                    "answered_304": answers.count(304),
                    "answered_200": answers.count(200),
                    "feeds_with_new_entries": result.count("taken"),
                    "articles_read": result.summary.read if result.summary else 0,
                    "new_articles": result.summary.new if result.summary else 0,
                    "ingest_s": round(spent["ingest"], 3),
                    "analysis_s": round(spent["analysis"], 3),
                    "stories_analysed": spent["stories"],
                    "articles_in_them": spent["members"],
                    "stories_changed": len(result.changed),
                    "paced_wait_s": round(clock.waited, 1),
                }
                results.append(row)
                print(json.dumps(row), flush=True)
                return result

            one_round("first (all new)")
            one_round("no changes")
            for k, entry in enumerate(new_entries):  # one new entry in each of NEW feeds
                i = (k * max(1, args.feeds // max(1, args.new))) % args.feeds
                held[i].insert(0, entry)
                site.feeds[paths[i]] = rss(f"{outlets[i % len(outlets)]}", held[i])
            one_round(f"{args.new} new articles")
            one_round("no changes again")
            articles = store.count_articles()

    summary = {
        "benchmark": "watch",
        "data": str(args.data),
        "topic": args.topic,
        "feeds": args.feeds,
        "per_feed": args.per_feed,
        "new": args.new,
        "articles_stored": articles,
        "rounds": results,
        "no_change_round_s": results[1]["seconds"],
        "no_change_requests": results[1]["requests"],
        "new_round_s": results[2]["seconds"],
        "new_round_requests": results[2]["requests"],
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
