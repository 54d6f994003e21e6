"""Benchmark: newsprism's merged timeline on Timeline17, against the SDF-TLS outputs and a floor.

What it measures: how close a timeline built by `newsprism.compose.timeline.build_timeline` comes
to the journalists' gold timelines of Timeline17 (TLS), with the standard metrics (Martschat &
Markert 2017, as the tilse package runs them in the news-tls evaluation; our own implementation
in bench/rouge.py): date F1, concat ROUGE-1/2 F1, agreement ROUGE-1/2 F1 and align+ m:1
ROUGE-1/2 F1 (the "AR-1"/"AR-2" of Gholipour Ghalandari & Ifrim 2020), per gold timeline and
averaged over the timelines (macro).

Data (DATA_DIR, default ../shared/eval/timeline17): `<Topic>_<outlet>/InputDocs/<YYYY-MM-DD>/
<n>.htm.txt` (PTB-tokenised articles, the folder is the publication day) and
`<Topic>_<outlet>/timelines/<name>.txt` (gold, tilse format). The local copy has 5 of the 9
topics (bpoil, Finan, H1N1, LibyaWar, MJ) and 11 of the 19 gold timelines, so means are over
those 11 and are not comparable like for like with published means over 19.

Protocol (news-tls, as we know it): a topic's articles are pooled over its outlet folders (the
BP oil spill's BBC, Guardian, Reuters and Washington Post articles are one collection); each of
the topic's gold timelines is one test case. For each, the system timeline gets the gold's
number of dates `l` and `k` = the gold's mean sentences per date, rounded (at least 1), and may
only use dates from the gold's first to its last date.

Systems:
- newsprism: the topic's articles (text detokenised lightly as bench/compare_speed.py does; empty
  files skipped; outlet = the folder name after `_`; published = the day folder) are stored in
  bench/_work/timeline17.db and annotated with the pipeline's stored-annotation step, 25 at a
  time (stored, so a second run reads them back; an article the annotator raises on is left out
  and listed). One Story holds all of them; `--resolve` also resolves its entities with
  `newsprism.pipeline.annotate_story` — off by default, because `build_timeline` does not read
  entities and resolution over a ~1M-word topic takes tens of minutes. Then
  `build_timeline(story, articles, annotations, encoder, cache=store, max_entries=None)` (no
  extractions unless `--extract`; no cap on entries, since a topic runs for months). The entries
  are cached under bench/_work/ keyed by the articles and the source of compose/timeline.py.
  Selection (`select_entries`): only day-granularity entries inside the gold's date range; a
  date's salience is the number of distinct source articles over its entries, then the number
  of evidence spans; the `l` most salient dates are kept (ties: the earlier date), and on each
  date the texts of its `k` entries with most sources (then most evidence).
- SDF-TLS (La Quatra et al., SIGIR 2021), best date-selection (`TL17_bestds`) and best
  summarisation (`TL17_bestsumm`) configurations: their shipped timelines from
  `_baseline_outputs_sdf_tls/`, scored as they are, matched to the local gold timelines by topic
  and timeline name (`TL17_bestds_bpoil_rbpoil.txt` → bpoil_reuters/timelines/rbpoil.txt).
- floor (`floor_timeline`): the `l` publication days inside the gold's range with most articles
  (ties: the earlier day), each with the first `k` lines (about a sentence each) of the day's
  first article (lowest file number; the data has no publication times).

Published figures printed beside the means: DATEWISE on T17 (Gholipour Ghalandari & Ifrim 2020):
AR-1 F1 0.120, AR-2 F1 0.035, date F1 0.544 — over all 19 timelines, and transcribed from memory
in the data README (it says to verify them against the paper); no paper is on this machine.

Usage: python bench/timeline.py [DATA_DIR] [--topics bpoil,MJ] [--prepare] [--extract] [--sample N]
  --prepare: store and annotate the articles only (no compose stage needed), then stop.
  --sample N: N articles of each topic, drawn with a fixed seed (the quality gate's fast run;
  the floor gets the same articles, the SDF-TLS outputs stay whole).
The last line of stdout is one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import rouge  # noqa: E402  (bench/rouge.py, beside this file)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO.parent / "shared" / "eval" / "timeline17"
WORK = REPO / "bench" / "_work"
SDF = {"sdf_bestds": "TL17_bestds", "sdf_bestsumm": "TL17_bestsumm"}
SYSTEMS = ("newsprism", "sdf_bestds", "sdf_bestsumm", "floor")
METRIC_KEYS = ("date", "concat_1", "concat_2", "agreement_1", "agreement_2", "align_1", "align_2")
PUBLISHED = {
    "system": "DATEWISE (Gholipour Ghalandari & Ifrim 2020), T17, 19 timelines",
    "align_1": 0.120,
    "align_2": 0.035,
    "date": 0.544,
    "note": "transcribed from memory in the data README (verify against the paper's Table 3)",
}
_DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RULE = re.compile(r"^-{3,}$")

Timeline = dict[dt.date, list[str]]


@dataclass(frozen=True, slots=True)
class Gold:
    topic: str  # "bpoil"
    folder: str  # "bpoil_bbc"
    name: str  # "bbc" (the timeline file's stem)
    timeline: Timeline

    @property
    def key(self) -> str:
        return f"{self.folder}/{self.name}"


# --- reading ----------------------------------------------------------------------------------


def parse_timeline(text: str) -> Timeline:
    """A tilse-format timeline: a date line, its sentences one per line, a line of dashes. A date
    given twice keeps only its last block, as tilse's reader (and news-tls's dict of its
    timelines.jsonl) does, so that the budgets and scores match theirs; two local gold files
    repeat dates (H1N1_bbc and bpoil_guardian, two dates each)."""
    timeline: Timeline = {}
    day: dt.date | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _RULE.match(line):
            continue
        if _DATE_LINE.match(line):
            day = dt.date.fromisoformat(line)
            timeline[day] = []
        elif day is not None:
            timeline[day].append(line)
    return dict(sorted(timeline.items()))


def read_gold(data_dir: Path, topics: Sequence[str] | None = None) -> list[Gold]:
    golds = []
    for folder in sorted(p for p in data_dir.iterdir() if p.is_dir() and "_" in p.name):
        topic = folder.name.split("_", 1)[0]
        if folder.name.startswith("_") or (topics and topic not in topics):
            continue
        for path in sorted((folder / "timelines").glob("*.txt")):
            timeline = parse_timeline(path.read_text(encoding="utf-8", errors="replace"))
            golds.append(Gold(topic, folder.name, path.stem, timeline))
    return golds


def match_sdf(filename: str, prefix: str, golds: Sequence[Gold]) -> Gold | None:
    """The gold timeline an SDF-TLS output file is for: `<prefix>_<topic>_<timeline>.txt`, topic
    a lower-case prefix of our topic folder's ("libya" → LibyaWar), timeline our gold file's stem
    or its part before the first dot ("bbc" → bbc.co.uk)."""
    stem = Path(filename).stem
    if not stem.startswith(prefix + "_"):
        return None
    topic, _, name = stem[len(prefix) + 1 :].partition("_")
    for gold in golds:
        if gold.topic.lower().startswith(topic.lower()) and name in (
            gold.name,
            gold.name.split(".")[0],
        ):
            return gold
    return None


def read_sdf(data_dir: Path, golds: Sequence[Gold]) -> dict[str, dict[str, Timeline]]:
    """system → gold key → its timeline, for the local gold timelines."""
    out: dict[str, dict[str, Timeline]] = {}
    for system, prefix in SDF.items():
        out[system] = {}
        for path in sorted((data_dir / "_baseline_outputs_sdf_tls" / prefix).glob("*.txt")):
            gold = match_sdf(path.name, prefix, golds)
            if gold is not None:
                out[system][gold.key] = parse_timeline(path.read_text(encoding="utf-8"))
    return out


@dataclass(frozen=True, slots=True)
class Doc:
    path: str  # "bpoil_bbc/2010-04-29/1825.htm.txt"
    outlet: str
    day: dt.date
    number: int
    text: str


def read_docs(data_dir: Path, topic: str) -> tuple[list[Doc], int]:
    """The topic's articles over all its outlet folders, detokenised, and the number of empty
    files skipped."""
    from compare_speed import detokenize  # bench/compare_speed.py

    docs, empty = [], 0
    for folder in sorted(data_dir.glob(f"{topic}_*")):
        outlet = folder.name.split("_", 1)[1]
        for path in sorted((folder / "InputDocs").glob("*/*.txt")):
            text = detokenize(path.read_text(encoding="utf-8", errors="replace"))
            if not text.strip():
                empty += 1
                continue
            number = int(re.match(r"\d+", path.name).group()) if path.name[0].isdigit() else 0  # type: ignore[union-attr]
            docs.append(
                Doc(
                    path=f"{folder.name}/{path.parent.name}/{path.name}",
                    outlet=outlet,
                    day=dt.date.fromisoformat(path.parent.name),
                    number=number,
                    text=text,
                )
            )
    return docs, empty


def sample_docs(docs: Sequence[Doc], n: int, seed: int = 0) -> list[Doc]:
    """`n` of `docs` drawn with a fixed seed, in their original order (all when n >= len)."""
    if n >= len(docs):
        return list(docs)
    chosen = set(random.Random(seed).sample(range(len(docs)), n))
    return [d for i, d in enumerate(docs) if i in chosen]


# --- budgets and selection --------------------------------------------------------------------


def budget(gold: Timeline) -> tuple[int, int, dt.date, dt.date]:
    """(l dates, k sentences per date, first date, last date) of a gold timeline."""
    days = sorted(gold)
    k = max(1, round(sum(len(s) for s in gold.values()) / len(days)))
    return len(days), k, days[0], days[-1]


def select_entries(
    entries: Sequence[Any], n_dates: int, k: int, start: dt.date, end: dt.date
) -> Timeline:
    """The `n_dates` most salient days among day-granularity entries in [start, end], each with the
    texts of its `k` best-sourced entries. Salience of a day = distinct source articles over its
    entries, then evidence spans; ties go to the earlier day. Entries under the timeline's
    confidence floor are not read: the benchmark scores the timeline a reader is shown."""
    by_day: dict[dt.date, list[Any]] = defaultdict(list)
    for e in entries:
        if e.granularity != "day" or not _shown(e):
            continue  # only what a reader is shown: day entries at or above FLOORS.timeline
        day = dt.date.fromisoformat(e.date[:10])
        if start <= day <= end:
            by_day[day].append(e)

    def salience(day: dt.date) -> tuple[int, int, int]:
        items = by_day[day]
        sources = {s for e in items for s in e.sources}
        return -len(sources), -sum(len(e.evidence) for e in items), day.toordinal()

    chosen = sorted(by_day, key=salience)[:n_dates]
    out: Timeline = {}
    for day in sorted(chosen):
        best = sorted(by_day[day], key=lambda e: (-len(e.sources), -len(e.evidence)))[:k]
        out[day] = [e.text for e in best]
    return out


def _shown(entry: Any) -> bool:
    from newsprism.confidence import FLOORS, shown

    return shown(getattr(entry, "confidence", None), FLOORS.timeline)


def floor_timeline(
    docs: Sequence[Doc], n_dates: int, k: int, start: dt.date, end: dt.date
) -> Timeline:
    """The `n_dates` days in [start, end] with most articles, each with the first `k` lines of the
    day's first article (lowest file number)."""
    counts = Counter(d.day for d in docs if start <= d.day <= end)
    chosen = sorted(counts, key=lambda day: (-counts[day], day.toordinal()))[:n_dates]
    out: Timeline = {}
    for day in sorted(chosen):
        first = min((d for d in docs if d.day == day), key=lambda d: (d.number, d.path))
        out[day] = [line for line in first.text.splitlines() if line.strip()][:k]
    return out


# --- newsprism --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """What the selection reads of a `TimelineEntry` (also what the cache keeps)."""

    date: str
    granularity: str
    text: str
    sources: tuple[str, ...]
    evidence: tuple[tuple[str, int, int], ...]
    background: bool = False
    confidence: float | None = None


def topic_articles(docs: Sequence[Doc]) -> list[Any]:
    """The topic's documents as articles (the ask benchmark makes the same ones, so the
    annotations stored here are found there)."""
    from newsprism.model import Article, DateValue, article_id

    return [
        Article(
            id=article_id(d.text, d.path),
            text=d.text,
            source=d.outlet,
            published=DateValue(value=d.day.isoformat(), granularity="day", kind="explicit"),
            language="en",
            input=d.path,
        )
        for d in docs
    ]


def annotate_topic(
    docs: Sequence[Doc], store: Any, *, resolve: bool = False, chunk: int = 25
) -> tuple[list[Any], Any, list[Any], dict[str, Any]]:
    """Store the articles and annotate them chunk by chunk with the pipeline's stored-annotation
    step (each chunk is stored, so an interrupted run keeps its work). A chunk that raises is
    redone article by article, and an article that still raises is left out (and listed).
    With `resolve`, `annotate_story` then resolves the whole topic as one story; without, the
    story carries only its article ids — `build_timeline` reads annotations, not entities, so
    the timeline is the same, and resolution over a topic of ~1M words takes many minutes."""
    from newsprism.gazetteer import load_gazetteer
    from newsprism.model import Story, content_id, normalise_for_hash, story_id
    from newsprism.pipeline import _annotations, annotate_story
    from newsprism.settings import Settings

    settings = Settings()
    gazetteer = load_gazetteer(settings.gazetteer)
    articles = topic_articles(docs)
    store.put_articles([(a, content_id(normalise_for_hash(a.text)), b"", ()) for a in articles])
    t0 = time.perf_counter()
    failed: list[dict[str, str]] = []
    for i in range(0, len(articles), chunk):
        part = articles[i : i + chunk]
        try:
            _annotations(part, gazetteer, store)
        except Exception:  # one bad article must not sink the topic
            for a in part:
                try:
                    _annotations([a], gazetteer, store)
                except Exception as exc:
                    failed.append({"input": a.input, "error": f"{type(exc).__name__}: {exc}"})
                    print(f"   annotate failed on {a.input}: {failed[-1]['error']}", flush=True)
        if (i // chunk) % 4 == 3 or i + chunk >= len(articles):
            done = min(i + chunk, len(articles))
            print(
                f"   annotated {done}/{len(articles)}, {time.perf_counter() - t0:.0f} s", flush=True
            )
    annotate_s = time.perf_counter() - t0
    bad = {f["input"] for f in failed}
    articles = [a for a in articles if a.input not in bad]
    ids = tuple(a.id for a in articles)
    story = Story(id=story_id(ids), article_ids=ids)
    t0 = time.perf_counter()
    if resolve:
        articles, story, annotations = annotate_story(story, articles, settings, store, gazetteer)
    else:
        annotations = _annotations(articles, gazetteer, store)
    info: dict[str, Any] = {
        "annotate_s": round(annotate_s, 1),
        ("resolve_s" if resolve else "load_s"): round(time.perf_counter() - t0, 1),
        "annotate_failed": failed,
    }
    return articles, story, annotations, info


def _compose_fingerprint() -> str:
    path = REPO / "src" / "newsprism" / "compose" / "timeline.py"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else "none"


def newsprism_entries(
    docs: Sequence[Doc], store: Any, topic: str, extract: bool, use_cache: bool, resolve: bool
) -> tuple[list[Entry], dict[str, Any]]:
    articles_key = hashlib.sha256("\n".join(d.path for d in docs).encode()).hexdigest()[:16]
    key = (
        f"{topic}-{articles_key}-{_compose_fingerprint()}-{'x' if extract else 'a'}{'r' * resolve}"
    )
    cache = WORK / f"timeline17-entries-{key}.json"
    if use_cache and cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        entries = [
            Entry(
                **{
                    **e,
                    "sources": tuple(e["sources"]),
                    "evidence": tuple(map(tuple, e["evidence"])),
                }
            )
            for e in data["entries"]
        ]
        return entries, {**data["info"], "cached": True}

    from newsprism.compose.timeline import build_timeline
    from newsprism.embedding import Encoder
    from newsprism.settings import Settings

    articles, story, annotations, info = annotate_topic(docs, store, resolve=resolve)
    extractions = None
    if extract:
        from newsprism.pipeline import extract_stage

        t0 = time.perf_counter()
        extractions = extract_stage(articles, annotations, store)
        info["extract_s"] = round(time.perf_counter() - t0, 1)
    encoder = Encoder(Settings().embedding_model)
    t0 = time.perf_counter()
    built = build_timeline(
        story, articles, annotations, encoder, extractions, cache=store, max_entries=None
    )
    info["build_timeline_s"] = round(time.perf_counter() - t0, 1)
    entries = [
        Entry(
            date=e.date,
            granularity=e.granularity,
            text=e.text,
            sources=tuple(e.sources),
            evidence=tuple((s.article_id, s.start, s.end) for s in e.evidence),
            background=e.background,
            confidence=e.confidence,
        )
        for e in built
    ]
    info["entries"] = len(entries)
    info["entries_shown"] = sum(1 for e in entries if _shown(e))
    info["granularity"] = dict(Counter(e.granularity for e in entries))
    WORK.mkdir(parents=True, exist_ok=True)
    cache.write_text(
        json.dumps(
            {"info": info, "entries": [_entry_json(e) for e in entries]}, ensure_ascii=False
        ),
        encoding="utf-8",
    )
    return entries, {**info, "cached": False}


def _entry_json(e: Entry) -> dict[str, Any]:
    return {
        "date": e.date,
        "granularity": e.granularity,
        "text": e.text,
        "sources": list(e.sources),
        "evidence": [list(s) for s in e.evidence],
        "confidence": e.confidence,
        "background": e.background,
    }


# --- scoring and printing ---------------------------------------------------------------------


def score(system: Mapping[dt.date, Sequence[str]], gold: Timeline) -> dict[str, float]:
    """F1 of every metric (rounded to 4 decimals)."""
    return {k: round(v[2], 4) for k, v in rouge.timeline_scores(system, gold).items()}


def mean(rows: Sequence[Mapping[str, float]]) -> dict[str, float]:
    return {k: round(sum(r[k] for r in rows) / len(rows), 4) for k in METRIC_KEYS} if rows else {}


HEADER = (
    f"{'system':14}{'date F1':>9}{'concat R1':>11}{'concat R2':>11}{'agree R1':>10}"
    f"{'agree R2':>10}{'align R1':>10}{'align R2':>10}"
)


def format_row(name: str, m: Mapping[str, float]) -> str:
    cells = "".join(
        f"{m[k]:>{w}.3f}" if k in m else f"{'—':>{w}}"
        for k, w in zip(METRIC_KEYS, (9, 11, 11, 10, 10, 10, 10), strict=True)
    )
    return f"{name:14}{cells}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--topics", help="comma-separated topic prefixes (default: all present)")
    parser.add_argument("--db", type=Path, default=WORK / "timeline17.db")
    parser.add_argument("--prepare", action="store_true", help="store and annotate, then stop")
    parser.add_argument("--extract", action="store_true", help="pass extractions to the builder")
    parser.add_argument(
        "--resolve", action="store_true", help="resolve entities over each topic (slow)"
    )
    parser.add_argument("--no-newsprism", action="store_true", help="score the baselines only")
    parser.add_argument("--no-cache", action="store_true", help="rebuild the timelines")
    parser.add_argument("--sample", type=int, help="N articles per topic (fixed seed)")
    args = parser.parse_args(argv)
    if args.sample is not None and args.sample < 1:
        parser.error("--sample must be at least 1")
    if not args.data_dir.is_dir():
        parser.error(f"{args.data_dir} is not a folder; pass the timeline17 folder as DATA_DIR")
    chosen = [t.strip() for t in args.topics.split(",")] if args.topics else None
    golds = read_gold(args.data_dir, chosen)
    if not golds:
        parser.error(f"no gold timelines for topics {chosen} under {args.data_dir}")
    topics = list(dict.fromkeys(g.topic for g in golds))
    sdf = read_sdf(args.data_dir, golds)
    print(f"{len(golds)} gold timelines in {len(topics)} topics: {', '.join(topics)}")
    for system, found in sdf.items():
        missing = [g.key for g in golds if g.key not in found]
        print(f"   {system}: {len(found)} matched" + (f"; none for {missing}" if missing else ""))

    run_newsprism = not args.no_newsprism
    compose_ready = (REPO / "src" / "newsprism" / "compose" / "timeline.py").exists()
    if run_newsprism and not args.prepare and not compose_ready:
        print("newsprism.compose.timeline is not there yet: its rows are skipped")
        run_newsprism = False

    store = None
    if run_newsprism or args.prepare:
        from newsprism.store import Store

        store = Store(args.db)
    per_timeline: dict[str, dict[str, Any]] = {}
    topic_info: dict[str, Any] = {}
    started = time.perf_counter()
    try:
        for topic in topics:
            docs, empty = read_docs(args.data_dir, topic)
            if args.sample:
                docs = sample_docs(docs, args.sample)
            print(f"\n## {topic}: {len(docs)} articles ({empty} empty files skipped)", flush=True)
            entries: list[Entry] | None = None
            if args.prepare:
                *_, info = annotate_topic(docs, store, resolve=args.resolve)
                topic_info[topic] = {"articles": len(docs), **info}
                print(f"   prepared: {info}")
                continue
            if run_newsprism:
                t0 = time.perf_counter()
                try:
                    entries, info = newsprism_entries(
                        docs, store, topic, args.extract, not args.no_cache, args.resolve
                    )
                except ImportError as exc:
                    print(f"   build_timeline cannot be imported ({exc}); newsprism skipped")
                    info = {"error": str(exc)}
                info["seconds"] = round(time.perf_counter() - t0, 1)
                topic_info[topic] = {"articles": len(docs), "empty": empty, **info}
                print(f"   newsprism: {info}")
            for gold in (g for g in golds if g.topic == topic):
                n_dates, k, start, end = budget(gold.timeline)
                row: dict[str, Any] = {"dates": n_dates, "k": k, "range": [str(start), str(end)]}
                if entries is not None:
                    made = select_entries(entries, n_dates, k, start, end)
                    row["newsprism"] = score(made, gold.timeline)
                    row["newsprism_dates"] = len(made)
                for system in SDF:
                    if gold.key in sdf[system]:
                        row[system] = score(sdf[system][gold.key], gold.timeline)
                row["floor"] = score(floor_timeline(docs, n_dates, k, start, end), gold.timeline)
                per_timeline[gold.key] = row
                print(
                    f"\n   {gold.key}: {n_dates} dates, {k} sentence(s) per date, {start} – {end}"
                )
                print("   " + HEADER)
                for system in SYSTEMS:
                    if system in row:
                        print("   " + format_row(system, row[system]))
    finally:
        if store is not None:
            store.close()
    if args.prepare:
        print(json.dumps({"prepared": topic_info}))
        return 0

    means = {
        s: mean([r[s] for r in per_timeline.values() if s in r])
        for s in SYSTEMS
        if any(s in r for r in per_timeline.values())
    }
    counts = {s: sum(s in r for r in per_timeline.values()) for s in means}
    print(f"\n## mean over {len(per_timeline)} gold timelines (F1)")
    print(HEADER)
    for system, m in means.items():
        print(format_row(f"{system} ({counts[system]})", m))
    published = {k: PUBLISHED[k] for k in ("date", "align_1", "align_2")}
    print(format_row("DATEWISE pub.", published) + "   (19 timelines; from memory — verify)")
    print(f"elapsed {time.perf_counter() - started:.0f} s")
    print(
        json.dumps(
            {
                "timelines": per_timeline,
                "mean": means,
                "counts": counts,
                "published": PUBLISHED,
                "topics": topic_info,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
