"""Throughput of a cold `newsprism analyze` on real articles, against bare spaCy NER.

    python bench/throughput.py [DATA_DIR] [--sizes 100,500,2000] [--add 50] [-- ANALYZE_ARGS]

Data: Timeline17 (default ../shared/eval/timeline17; any folder of its layout,
`<topic>_<outlet>/InputDocs/<YYYY-MM-DD>/<n>.htm.txt`). The articles are taken in a fixed
pseudo-random order (by a hash of their path), so every size mixes topics, outlets and days
the way a feed reader's day does, and the smaller sets are prefixes of the larger ones. Each
set is written as one JSON Lines file (text, outlet, date) under a temporary folder; nothing
is copied into the repository.

For each size N, each in its own fresh process:
- **spaCy NER**: the same installed small English pipeline with only its entity recogniser
  (`nlp.load_pipeline(ner_only=True)`) over the same texts, in the same paragraph pieces;
- **cold**: `newsprism analyze` on an empty store;
- **warm**: the same command again on that store (nothing new: every stage reads back);
- **add**: `--add` more articles into the store of N, and the same articles into an empty
  store; the ratio says how much an existing store slows an increment.

CPU time is the process's user + system time including its children (`os.wait4`, so worker
processes count), not wall time: the machine's two cores are shared with other jobs, so
wall time says more about the neighbours than about newsprism. Wall time is given too.
Peak memory is the largest resident set of the process or any child. Per-stage times come
from `analyze --profile` where the installed newsprism has it. Arguments after `--` are passed
to every `newsprism analyze` (for instance `-- --workers 1`).

The last line of stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO.parent / "shared" / "eval" / "timeline17"
MIN_WORDS = 50

NER_SCRIPT = """
import json, sys, time
from newsprism.nlp import chunks, load_pipeline
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
start = time.process_time()
nlp = load_pipeline(ner_only=True)
loaded = time.process_time()
pieces = [p for t in texts for _, p in chunks(t)]
entities = sum(len(doc.ents) for doc in nlp.pipe(pieces, batch_size=16))
print(json.dumps({"load_cpu_s": loaded - start, "pipe_cpu_s": time.process_time() - loaded,
                  "entities": entities}))
"""


def detokenize(text: str) -> str:
    """Timeline17 text is PTB-tokenised; undo the marks that change how it parses."""
    text = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("``", '"').replace("''", '"')
    text = re.sub(r" ([,.;:!?%)]|'s|n't|'re|'ll|'ve|'d)", r"\1", text)
    text = re.sub(r"([($]) ", r"\1", text)
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def read_articles(data_dir: Path) -> list[dict[str, str]]:
    """Every article of the folder with at least MIN_WORDS words, in hash-of-path order."""
    rows = []
    for path in data_dir.glob("*_*/InputDocs/*/*.txt"):
        rel = path.relative_to(data_dir).as_posix()
        text = detokenize(path.read_text(encoding="utf-8", errors="replace"))
        if len(text.split()) < MIN_WORDS:
            continue
        outlet = rel.split("/", 1)[0].split("_", 1)[1]
        rows.append(
            {
                "key": hashlib.sha1(rel.encode()).hexdigest(),
                "url": f"https://timeline17.example/{rel}",
                "source": outlet,
                "published": path.parent.name,
                "text": text,
            }
        )
    if not rows:
        raise SystemExit(f"{data_dir}: no Timeline17 articles (<topic>_<outlet>/InputDocs/...)")
    rows.sort(key=lambda r: r["key"])
    return rows


def write_jsonl(rows: Sequence[dict[str, str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            out = {k: r[k] for k in ("url", "source", "published", "text")}
            f.write(json.dumps(out, ensure_ascii=False) + "\n")
    return path


def measured(command: Sequence[str], env: dict[str, str]) -> dict[str, Any]:
    """Run a command; its wall time, CPU time (self + children) and peak RSS, and its output."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024),
        "stdout": stdout,
        "stderr": stderr,
    }


def stage_times(stderr: str) -> dict[str, dict[str, float]]:
    """The `--profile` table of an analyze run: stage -> wall and CPU seconds."""
    stages: dict[str, dict[str, float]] = {}
    for line in stderr.splitlines():
        m = re.match(r"\s*profile\s+(\S+)\s+wall\s+([\d.]+)\s*s\s+cpu\s+([\d.]+)\s*s", line)
        if m:
            stages[m.group(1)] = {"wall_s": float(m.group(2)), "cpu_s": float(m.group(3))}
    return stages


def analyze(
    inputs: Path, out: Path, db: Path, extra: Sequence[str], env: dict[str, str], profile: bool
) -> dict[str, Any]:
    command = [sys.executable, "-m", "newsprism", "analyze", str(inputs), "--out", str(out)]
    command += ["--db", str(db), "--offline", "--format", "json", *extra]
    run = measured([*command, *(["--profile"] if profile else [])], env)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    run["articles_in_report"] = len(report["articles"])
    run["stories"] = len(report["stories"])
    run["stages"] = stage_times(run["stderr"])
    del run["stdout"], run["stderr"]
    return run


def has_profile(env: dict[str, str]) -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "newsprism", "analyze", "--help"],
        capture_output=True,
        text=True,
        env=env,
    )
    return "--profile" in done.stdout


def per_cpu(n: int, run: dict[str, Any]) -> float:
    return round(n / run["cpu_s"], 3) if run["cpu_s"] else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1 :]
        argv = argv[: argv.index("--")]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--sizes", default="100,500,2000")
    parser.add_argument("--add", type=int, default=50, help="articles added to the store of N")
    parser.add_argument("--no-warm", action="store_true", help="skip the warm re-run")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = read_articles(args.data_dir)
    if max(sizes) + args.add > len(rows):
        raise SystemExit(f"{args.data_dir}: {len(rows)} articles, need {max(sizes) + args.add}")
    env = dict(os.environ)
    profile = has_profile(env)
    results = []
    with tempfile.TemporaryDirectory(prefix="np-throughput-") as tmp:
        work = Path(tmp)
        for n in sizes:
            texts = write_jsonl(rows[:n], work / f"articles-{n}.jsonl")
            words = sum(len(r["text"].split()) for r in rows[:n])
            ner = measured([sys.executable, "-c", NER_SCRIPT, str(texts)], env)
            ner_detail = json.loads(ner.pop("stdout").strip().splitlines()[-1])
            del ner["stderr"]
            db = work / f"store-{n}.db"
            cold = analyze(texts, work / f"out-{n}", db, extra, env, profile)
            warm = None
            if not args.no_warm:
                warm = analyze(texts, work / f"out-{n}-warm", db, extra, env, profile)
            added = None
            if args.add:
                more = write_jsonl(rows[n : n + args.add], work / f"add-{n}.jsonl")
                onto = analyze(more, work / f"out-{n}-add", db, extra, env, profile)
                empty = analyze(
                    more, work / f"out-{n}-add0", work / f"e-{n}.db", extra, env, profile
                )
                added = {
                    "onto_store_of_n": onto,
                    "onto_empty_store": empty,
                    "cpu_ratio": round(onto["cpu_s"] / empty["cpu_s"], 2),
                }
            row = {
                "articles": n,
                "words": words,
                "spacy_ner": {**ner, **ner_detail, "articles_per_cpu_s": per_cpu(n, ner)},
                "cold": {
                    **cold,
                    "articles_per_cpu_s": per_cpu(n, cold),
                    "articles_per_wall_s": round(n / cold["wall_s"], 3),
                },
                "ratio_to_spacy_ner": round(per_cpu(n, cold) / per_cpu(n, ner), 3),
                "warm": warm,
                "add": added,
            }
            results.append(row)
            print(
                f"{n} articles ({words} words): newsprism {row['cold']['articles_per_cpu_s']} "
                f"art/CPU-s ({cold['cpu_s']} CPU-s, {cold['wall_s']} s wall, "
                f"{cold['peak_rss_mb']} MB), spaCy NER {row['spacy_ner']['articles_per_cpu_s']} "
                f"art/CPU-s; ratio {row['ratio_to_spacy_ner']}; warm "
                f"{warm['cpu_s'] if warm else '-'} CPU-s; add {args.add}: "
                f"{added['cpu_ratio'] if added else '-'}× an empty store",
                flush=True,
            )
            for stage, t in cold["stages"].items():
                print(f"  {stage:<12} cpu {t['cpu_s']:>8.1f} s  wall {t['wall_s']:>8.1f} s")
            print(json.dumps({"size": row}), flush=True)  # kept if a larger size is stopped
    print(json.dumps({"data_dir": str(args.data_dir), "extra_args": extra, "sizes": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
