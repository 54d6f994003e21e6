"""Benchmark: is each brief a readable one? Words, fragments, repeats and unresolved openings per
brief, story by story, on a mixed development corpus (issue 24).

What it measures: for each story, the brief newsprism writes (default settings, offline) and,
per brief, its words (the budget is `--brief-words`, 600 by default), sentences, fragments (a
body that does not start as a sentence, has no closing stop, is under six words or leaves a
quotation open: `newsprism.compose.prose.sentence_faults`), sentences opening on an unresolved
pronoun ("It", "This", "He" …), sentences repeated within the brief, empty sections, sentences
the citation checker rejects (must be 0), articles cited out of the story's articles, and
whether any prose shows a file-name hash. The properties the brief must hold on every story:
words ≤ budget, 0 fragments, 0 unresolved openings, 0 repeats, 0 check failures, 0 hashes.

Data (read at run time from DATA_DIR, `../shared/eval` beside the repository; nothing is copied
into the repository):
- BASIL (`basil/articles/<year>/<triplet>_<n>.json`, one event told by Fox News, the New York
  Times and HuffPost): the first `--triplets` triplets of each year 2010–2015 (file order), each
  triplet one story: its three articles become front-matter .txt files (source = the outlet,
  published = the article's `date`, title, text = the body paragraphs).
- Timeline17 (`timeline17/<topic>/InputDocs/<date>/<file>.txt`, one outlet's articles on a
  long-running topic): for each of `--topics`, the articles of the first `--days` publication
  days that have at least three articles (at most `--per-day` each), as files of outlet
  "<topic> <n>" (each article its own outlet: the topic folders are one outlet each, and a
  brief with one voice says little), published on their folder's date. All stories the run
  forms are measured.
Each corpus runs through `newsprism.pipeline.analyze` with its own store under --work.

`--src DIR` measures another newsprism tree (e.g. `/work/main/src`, the code before this
change) with the same counting rules (`prose.py` of this repository, loaded by path).

Usage: python bench/brief_quality.py [DATA_DIR] [--triplets 3] [--topics H1N1_bbc,…]
       [--days 1] [--per-day 5] [--brief-words 600] [--work DIR] [--src DIR]
The last line of stdout is one JSON object: totals, per-corpus means and the per-story rows.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO.parent / "shared" / "eval"
WORK = REPO / "bench" / "_work" / "brief-quality"
YEARS = ("2010", "2011", "2012", "2013", "2014", "2015")
TOPICS = ("H1N1_bbc", "LibyaWar_cnn", "MJ_bbc", "bpoil_guardian")
_HASH = re.compile(r"\b[0-9a-f]{12,}\b|\b\d{3}_[0-9a-f]{8,}")
_TOKENISED = re.compile(r" ([,.;:!?')])")


def front_matter(source: str, published: str, title: str, text: str) -> str:
    return (
        f"---\nsource: {json.dumps(source)}\npublished: {published}\n"
        f"title: {json.dumps(title)}\nlanguage: en\n---\n{text.strip()}\n"
    )


def write_basil(data: Path, folder: Path, per_year: int) -> list[tuple[str, Path]]:
    """One folder of three front-matter files per triplet: (name, folder)."""
    out = []
    for year in YEARS:
        files = sorted((data / "basil" / "articles" / year).glob("*.json"))
        triplets = sorted({f.name.rsplit("_", 1)[0] for f in files})[:per_year]
        for triplet in triplets:
            target = folder / f"basil-{year}-{triplet[:8]}"
            target.mkdir(parents=True, exist_ok=True)
            for f in sorted(files):
                if not f.name.startswith(triplet):
                    continue
                doc = json.loads(f.read_text(encoding="utf-8"))
                paragraphs = doc.get("body-paragraphs") or []
                text = "\n".join(" ".join(p) for p in paragraphs)
                body = front_matter(
                    doc["source"].lower(), doc["date"][:10], doc.get("title") or "", text
                )
                (target / f"{f.stem}.txt").write_text(body, encoding="utf-8")
            out.append((target.name, target))
    return out


def write_timeline17(
    data: Path, folder: Path, topics: Sequence[str], days: int, per_day: int
) -> list[tuple[str, Path]]:
    """One folder per topic with the articles of its first busy days: (name, folder)."""
    out = []
    for topic in topics:
        docs = data / "timeline17" / topic / "InputDocs"
        if not docs.is_dir():
            print(f"   {docs}: not there, skipped")
            continue
        target = folder / f"t17-{topic}"
        target.mkdir(parents=True, exist_ok=True)
        busy = [d for d in sorted(docs.iterdir()) if len(list(d.glob("*.txt"))) >= 3][:days]
        n = 0
        for day in busy:
            for f in sorted(day.glob("*.txt"))[:per_day]:
                n += 1
                # the files are tokenised ("said , "): rejoin what a reader would see
                text = _TOKENISED.sub(r"\1", f.read_text(encoding="utf-8", errors="replace"))
                text = text.replace("`` ", "“").replace(" ''", "”")
                body = front_matter(f"{topic} {n}", day.name, "", text)
                (target / f"{day.name}-{f.stem.replace('.', '-')}.txt").write_text(
                    body, encoding="utf-8"
                )
        out.append((target.name, target))
    return out


def measure(name: str, folder: Path, work: Path, settings: Any) -> list[dict[str, Any]]:
    """Per story of the corpus: the brief's counts."""
    from newsprism.citations import check_sentence
    from newsprism.compose.selection import frame_names
    from newsprism.pipeline import analyze
    from newsprism.store import Store

    db = work / f"{name}.db"
    db.unlink(missing_ok=True)
    with Store(db) as store:
        analysis = analyze([str(folder)], settings, store)
    texts = {a.id: a.text for a in analysis.articles}
    rows = []
    for story in analysis.stories:
        if story.brief is None or len(story.article_ids) < 2:
            continue
        faults = _prose().brief_faults(story.brief.sections)
        names = frame_names(story, analysis.articles)  # outlets, their labels, entities
        sentences = [s for sec in story.brief.sections for s in sec.sentences]
        rows.append(
            {
                "corpus": name,
                "story": story.id,
                "articles": len(story.article_ids),
                "words": faults.words,
                "sentences": faults.sentences,
                "fragments": faults.fragments,
                "unresolved_openings": faults.unresolved_openings,
                "repeats": faults.repeats,
                "empty_sections": faults.empty_sections,
                "cited_articles": faults.cited_articles,
                "check_failures": sum(1 for s in sentences if check_sentence(s, texts, names)),
                "hashes": sum(1 for s in sentences if _HASH.search(s.text)),
            }
        )
    return rows


def _prose() -> Any:
    """This repository's counting rules (`compose/prose.py`), whichever tree is measured."""
    import importlib.util

    if "brief_prose" not in sys.modules:
        path = REPO / "src" / "newsprism" / "compose" / "prose.py"
        spec = importlib.util.spec_from_file_location("brief_prose", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["brief_prose"] = module
        spec.loader.exec_module(module)
    return sys.modules["brief_prose"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--triplets", type=int, default=3, help="BASIL triplets per year")
    parser.add_argument("--topics", default=",".join(TOPICS))
    parser.add_argument("--days", type=int, default=1)
    parser.add_argument("--per-day", type=int, default=5)
    parser.add_argument("--brief-words", type=int, default=600)
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--src", type=Path, default=REPO / "src", help="newsprism tree to measure")
    args = parser.parse_args(argv)
    if not (args.data_dir / "basil").is_dir():
        parser.error(f"{args.data_dir}: no basil/ in it; pass the shared eval folder")
    sys.path.insert(0, str(args.src))
    from newsprism.settings import Settings, load_settings

    known = {f for f in Settings.__dataclass_fields__}  # an older tree has no brief_words
    extra = {"brief_words": args.brief_words} if "brief_words" in known else {}
    settings = load_settings(offline=True, **extra)
    args.work.mkdir(parents=True, exist_ok=True)
    corpora = write_basil(args.data_dir, args.work / "inputs", args.triplets)
    topics = [t for t in args.topics.split(",") if t]
    corpora += write_timeline17(
        args.data_dir, args.work / "inputs", topics, args.days, args.per_day
    )
    t0 = time.perf_counter()
    rows: list[dict[str, Any]] = []
    for name, folder in corpora:
        got = measure(name, folder, args.work, settings)
        rows += got
        for r in got:
            print(
                f"{name:28} {r['articles']:>2} art {r['words']:>4} words {r['sentences']:>3} sent "
                f"frag {r['fragments']} open {r['unresolved_openings']} rep {r['repeats']} "
                f"empty {r['empty_sections']} cited {r['cited_articles']}/{r['articles']} "
                f"check {r['check_failures']} hash {r['hashes']}",
                flush=True,
            )
    keys = ("fragments", "unresolved_openings", "repeats", "check_failures", "hashes")
    totals = {k: sum(r[k] for r in rows) for k in (*keys, "sentences", "words")}
    over = sum(1 for r in rows if r["words"] > args.brief_words)
    summary = {
        "stories": len(rows),
        "brief_words": args.brief_words,
        "totals": totals,
        "briefs_over_budget": over,
        "max_words": max((r["words"] for r in rows), default=0),
        "mean_words": round(sum(r["words"] for r in rows) / len(rows), 1) if rows else 0,
        "mean_sentences": round(totals["sentences"] / len(rows), 1) if rows else 0,
        "mean_empty_sections": round(sum(r["empty_sections"] for r in rows) / len(rows), 2)
        if rows
        else 0,
        "share_articles_cited": round(
            sum(r["cited_articles"] for r in rows) / sum(r["articles"] for r in rows), 3
        )
        if rows
        else 0,
        "seconds": round(time.perf_counter() - t0, 1),
        "rows": rows,
    }
    print(
        f"{len(rows)} stories: {totals['fragments']} fragments, {totals['unresolved_openings']} "
        f"unresolved openings, {totals['repeats']} repeats, {totals['check_failures']} check "
        f"failures, {totals['hashes']} hashes; {over} briefs over {args.brief_words} words"
    )
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
