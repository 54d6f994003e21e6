"""End-to-end time of `newsprism analyze` on a corpus folder, cold and warm.

    .venv/bin/python bench/analyze_speed.py [FOLDER] [--runs N]

Cold: a new process and an empty store, so everything is done (ingest, annotate with spaCy,
extract, embed, compare, compose, render). Warm: the same command again on the same store, so
annotations, extractions and vectors are read back and only comparison, composition and
rendering run (plus the process's start and the model loads it still needs). Each is the
median of `--runs` runs, measured around the whole CLI process, as a user sees it.
Also reports peak memory (max RSS of the child) and whether the report passed the citation
check. Default folder: ../shared/corpus/istanbul-talks. No published figure exists.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "corpus" / "istanbul-talks"


def run(folder: Path, out: Path, db: Path) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsprism",
            "analyze",
            str(folder),
            "--out",
            str(out),
            "--db",
            str(db),
            "--offline",
        ],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"analyze failed ({done.returncode}):\n{done.stderr}")
    return elapsed, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cold, warm = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.runs):
            db = Path(tmp) / f"cold-{k}.db"
            cold.append(run(args.folder, Path(tmp) / f"out-{k}", db)[0])
            warm.append(run(args.folder, Path(tmp) / f"out-{k}", db)[0])
        report = json.loads((Path(tmp) / "out-0" / "report.json").read_text())
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    sys.path.insert(0, str(REPO / "src"))
    from newsprism.citations import check_report, count_sentences
    from newsprism.render.contract import from_json

    records = from_json(report)
    problems = check_report(records)
    words = sum(len(a["text"].split()) for a in report["articles"])
    result = {
        "folder": str(args.folder),
        "articles": len(report["articles"]),
        "words": words,
        "cold_s": round(statistics.median(cold), 2),
        "warm_s": round(statistics.median(warm), 2),
        "cold_runs": [round(x, 2) for x in cold],
        "warm_runs": [round(x, 2) for x in warm],
        "peak_rss_mb": round(peak_mb),
        "brief_sentences": count_sentences(records),
        "check_problems": len(problems),
    }
    print(
        f"{result['articles']} articles, {words} words: cold {result['cold_s']} s, "
        f"warm {result['warm_s']} s (median of {args.runs}); peak RSS {result['peak_rss_mb']} MB; "
        f"{result['brief_sentences']} cited sentences, {len(problems)} fail the check"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
