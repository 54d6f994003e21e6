"""The quality gate: fast runs of the benchmarks on fixed samples, each figure against its floor.

What it does: runs each benchmark script of bench/ in a child process on a fixed, seeded or
first-N sample of its data set (the options each run passes are in `RUNS`), reads the JSON
object every script prints on its last line, takes the figures named in `RUNS` out of it, and
compares each with its floor in bench/floors.json. It prints a table (figure, floor, value,
margin) and one JSON line, and exits 1 when any figure is below its floor, missing (its run
failed, timed out or printed no such field) or has no floor; 2 when the data is not there.

Floors (bench/floors.json): figure name → {"floor", "noise", "note"}. A floor is the figure
measured when it was set minus `noise`, the run-to-run variation allowed for (0 for figures
that come out the same on every run: rules, spaCy, fixed samples). Raise a floor when a figure
improves (the table marks a figure more than `noise` above its floor); lower one only with a
reason in the commit message.

Inputs: DATA (`--eval`, default ../shared/eval beside the repository) and the example corpus
(`--corpus`, default ../shared/corpus/istanbul-talks) for the ask gold. When the data folder is
missing the gate says so and fails: a gate that skipped would pass without measuring anything.
Children run with this repository's src/ first on PYTHONPATH (so the figures are this tree's),
one thread each (OMP_NUM_THREADS=1: figures that depend on float sums do not move with the
thread count), PYTHONHASHSEED=0, and fresh stores in a temporary folder, so nothing cached by
earlier runs is reused (only bench/.cache's sentence vectors of the story sets, keyed by the
texts and the encoder). `--jobs` runs that many benchmarks at once (default 2: each is
single-threaded). Each run's full output is kept in bench/_work/gate/<run>.log.

Limits: the samples are small (see each floor's note), so a figure can move a little when
behaviour changes elsewhere; the gate catches drops, it does not replace the full benchmarks
recorded in bench/RESULTS.md.

Usage: python bench/gate.py [--eval DIR] [--corpus DIR] [--only timex,quotes] [--jobs 2]
       [--floors bench/floors.json] [--timeout 900]
The last line of stdout is one JSON object: {"gate": "pass"|"fail", "figures": {...}, ...}.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
FLOORS = BENCH / "floors.json"
LOGS = BENCH / "_work" / "gate"
DEFAULT_EVAL = REPO.parent / "shared" / "eval"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "istanbul-talks"
EXIT_DROP, EXIT_NO_DATA = 1, 2


@dataclass(frozen=True, slots=True, kw_only=True)
class Run:
    """One benchmark script run: its arguments ({eval}, {corpus}, {work}, {repo} are filled in)
    and the figures it yields, each as a path of keys into its last-line JSON."""

    name: str
    script: str
    args: tuple[str, ...]
    data: str  # the folder it reads, as one of its arguments ("{eval}/tempeval3")
    figures: Mapping[str, tuple[str, ...]]


# Longest first (as timed on a loaded 2-core machine), so that two workers finish about together.
RUNS: tuple[Run, ...] = (
    Run(
        name="framing",
        script="framing.py",
        args=("{eval}/basil", "--years", "2014-2015"),
        data="{eval}/basil",
        figures={
            "framing.tone_spearman": ("a_tone_vs_feeling", "overall", "spearman"),
            "framing.lexical_f1": ("c_lexical", "loaded_flag", "f1"),
        },
    ),
    Run(
        name="timeline",
        script="timeline.py",
        args=(
            "{eval}/timeline17",
            "--topics",
            "MJ",
            "--sample",
            "40",
            "--no-cache",
            "--db",
            "{work}/timeline17.db",
        ),
        data="{eval}/timeline17",
        figures={
            "timeline.date_f1": ("mean", "newsprism", "date"),
            "timeline.ar1": ("mean", "newsprism", "align_1"),
        },
    ),
    Run(
        name="brief",
        script="brief.py",
        args=("{eval}/neus-allsides", "--limit", "20", "--show", "0", "--work", "{work}/brief"),
        data="{eval}/neus-allsides",
        figures={
            "brief.context_rouge1": ("mean", "newsprism_context", "rouge_1"),
            "brief.brief_rouge1": ("mean", "newsprism_brief", "rouge_1"),
            "brief.brief_rouge2": ("mean", "newsprism_brief", "rouge_2"),
            "brief.citation_check": ("newsprism", "check_share"),
        },
    ),
    Run(
        name="ask",
        script="ask.py",
        args=(
            "{corpus}",
            "{repo}/examples/harbour-talks",
            "--skip-timeline17",
            "--skip-latency",
            "--corpora-db",
            "{work}/ask-corpora.db",
        ),
        data="{corpus}",
        figures={
            "ask.accuracy": ("gold", "all", "accuracy"),
            "ask.refusal_precision": ("gold", "all", "refusal_precision"),
            "ask.refusal_recall": ("gold", "all", "refusal_recall"),
            "ask.citation_validity": ("gold", "citations", "validity"),
        },
    ),
    Run(
        name="entities",
        script="entities.py",
        args=("--corpus", "all"),
        data="{repo}/../shared/corpus/istanbul-talks",
        figures={
            "entities.istanbul_pairwise_f1": ("istanbul", "pairwise_f1"),
            "entities.istanbul_mention_recall": ("istanbul", "mention_recall"),
            "entities.harbour_pairwise_f1": ("harbour", "pairwise_f1"),
            "entities.harbour_mention_recall": ("harbour", "mention_recall"),
        },
    ),
    Run(
        name="quotes",
        script="quotes.py",
        args=("{eval}/polnear", "--limit", "30", "--systems", "newsprism"),
        data="{eval}/polnear",
        figures={
            "quotes.attribution_f1": ("systems", "newsprism", "attribution", "f1"),
            "quotes.attribution_full_f1": ("systems", "newsprism", "attribution_full", "f1"),
        },
    ),
    Run(
        name="stance",
        script="stance.py",
        args=("{eval}/fnc1", "--sample", "30"),
        data="{eval}/fnc1",
        figures={
            "stance.fnc_score": ("module_constants_held_out", "fnc_score"),
            "stance.macro_f1": ("module_constants_held_out", "macro_f1"),
        },
    ),
    Run(
        name="events",
        script="events.py",
        args=("{eval}/plover-gsr", "--systems", "newsprism"),
        data="{eval}/plover-gsr",
        figures={
            "events.gsr_type_accuracy": ("systems", "newsprism", "gsr", "accuracy_at_1"),
            "events.gsr_macro_f1": ("systems", "newsprism", "gsr", "macro_f1"),
            "events.gsr_actor": ("systems", "newsprism", "gsr", "actor"),
        },
    ),
    Run(
        name="stories",
        script="stories.py",
        args=(
            "{eval}",
            "--sets",
            "ecbplus-subtopic,googlenews-ts",
            "--no-bertopic",
            "--limit",
            "400",
        ),
        data="{eval}/ecbplus",
        figures={
            "stories.ecbplus_events_b3_f1": ("ecbplus-subtopic", "newsprism", "b3_f1"),
            "stories.googlenews_b3_f1": ("googlenews-ts", "newsprism", "b3_f1"),
            "stories.googlenews_nmi": ("googlenews-ts", "newsprism", "nmi"),
        },
    ),
    Run(
        name="extraction",
        script="extraction.py",
        args=("{eval}/article-extraction", "--no-systems", "--worst", "0"),
        data="{eval}/article-extraction",
        figures={"extraction.f1": ("f1",)},
    ),
    Run(
        name="timex",
        script="timex.py",
        args=("{eval}/tempeval3", "--split", "dev"),
        data="{eval}/tempeval3",
        figures={
            "timex.strict_f1": ("dev", "strict_f1"),
            "timex.relaxed_f1": ("dev", "relaxed_f1"),
            "timex.value_f1": ("dev", "value_f1"),
        },
    ),
)


# --- the comparison (pure) --------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Floor:
    """A figure's floor, the run-to-run noise allowed for when it was set, and what it is."""

    floor: float
    noise: float
    note: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    """One figure against its floor. `ok` is false when the figure is below its floor, was not
    measured, or has no floor; `why` says which. `raise_to` is set when the figure is more than
    the floor's noise above it (a floor to raise)."""

    figure: str
    floor: float | None
    value: float | None
    ok: bool
    why: str
    raise_to: float | None = None


# Floats read back from JSON: a figure equal to its floor must not fail on the last bit.
_EPSILON = 1e-9


def compare(
    figures: Mapping[str, float | str | None], floors: Mapping[str, Floor]
) -> tuple[Verdict, ...]:
    """Each figure measured (name → value, or a string saying why there is none) and each
    floor, judged: below the floor, not measured, not a number, or without a floor all fail.
    Sorted by figure name. Pure: no I/O."""
    verdicts = []
    for name in sorted(set(figures) | set(floors)):
        floor = floors.get(name)
        value = figures.get(name, "not measured by any run of the gate")
        bound = floor.floor if floor else None
        if isinstance(value, str) or value is None:
            why = value or "not measured"
            verdicts.append(Verdict(figure=name, floor=bound, value=None, ok=False, why=why))
            continue
        if isinstance(value, bool) or not math.isfinite(value):
            why = f"not a finite number: {value!r}"
            verdicts.append(Verdict(figure=name, floor=bound, value=None, ok=False, why=why))
            continue
        if floor is None:
            why = "no floor in floors.json: add one"
            verdicts.append(Verdict(figure=name, floor=None, value=value, ok=False, why=why))
            continue
        if value < floor.floor - _EPSILON:
            why = f"below its floor by {floor.floor - value:.4g}"
            verdicts.append(Verdict(figure=name, floor=bound, value=value, ok=False, why=why))
            continue
        raise_to = value - floor.noise if value > floor.floor + floor.noise + _EPSILON else None
        verdicts.append(
            Verdict(figure=name, floor=bound, value=value, ok=True, why="", raise_to=raise_to)
        )
    return tuple(verdicts)


def pick(data: Any, path: Sequence[str]) -> float | str:
    """The number at `path` in a benchmark's JSON, or a string saying where the path ends."""
    at = data
    for i, key in enumerate(path):
        if not isinstance(at, dict) or key not in at:
            return f"no {'.'.join(path[: i + 1])} in the benchmark's JSON"
        at = at[key]
    if isinstance(at, bool) or not isinstance(at, int | float):
        return f"{'.'.join(path)} is {at!r}, not a number"
    return float(at)


def read_floors(path: Path) -> dict[str, Floor]:
    """floors.json as records; a malformed entry is an error naming it."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"{path}: cannot read the floors ({exc}); restore it from git") from None
    floors = {}
    for name, entry in raw.items():
        if name.startswith("_"):
            continue  # comments
        try:
            floors[name] = Floor(
                floor=float(entry["floor"]), noise=float(entry["noise"]), note=str(entry["note"])
            )
        except (TypeError, KeyError, ValueError) as exc:
            raise SystemExit(
                f"{path}: entry {name!r} needs numbers 'floor' and 'noise' and a 'note' ({exc})"
            ) from None
    return floors


# --- running the benchmarks -------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    run: str
    seconds: float
    figures: dict[str, float | str]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO / "src"), str(BENCH), env.get("PYTHONPATH", "")) if p
    )
    env.update(
        OMP_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        OPENBLAS_NUM_THREADS="1",
        TOKENIZERS_PARALLELISM="false",
        PYTHONHASHSEED="0",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    return env


def run_one(run: Run, places: Mapping[str, str], timeout: float) -> Outcome:
    """Run one benchmark and read its figures; a failure becomes a reason in place of each."""
    args = [a.format(**places) for a in run.args]
    command = [sys.executable, str(BENCH / run.script), *args]
    LOGS.mkdir(parents=True, exist_ok=True)
    log = LOGS / f"{run.name}.log"
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            cwd=REPO,
            env=child_env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        seconds = time.perf_counter() - started
        log.write_text(f"$ {' '.join(command)}\n{_text(exc.stdout)}\n{_text(exc.stderr)}")
        why = f"{run.name} timed out after {timeout:.0f} s (log: {log})"
        return Outcome(run=run.name, seconds=seconds, figures=dict.fromkeys(run.figures, why))
    seconds = time.perf_counter() - started
    log.write_text(f"$ {' '.join(command)}\n{done.stdout}\n--- stderr\n{done.stderr}")
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["(no output)"])[-1][:200]
        why = f"{run.name} exited {done.returncode}: {tail} (log: {log})"
        return Outcome(run=run.name, seconds=seconds, figures=dict.fromkeys(run.figures, why))
    try:
        data = json.loads(lines[-1])
    except ValueError:
        why = f"{run.name}: its last line is not JSON (log: {log})"
        return Outcome(run=run.name, seconds=seconds, figures=dict.fromkeys(run.figures, why))
    figures = {name: pick(data, path) for name, path in run.figures.items()}
    return Outcome(run=run.name, seconds=seconds, figures=figures)


def _text(out: str | bytes | None) -> str:
    if isinstance(out, bytes):
        return out.decode("utf-8", "replace")
    return out or ""


# --- printing and main ------------------------------------------------------------------------


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.4f}"


def print_table(verdicts: Sequence[Verdict], outcomes: Sequence[Outcome]) -> None:
    print(f"\n{'figure':32}{'floor':>10}{'value':>10}{'margin':>10}  verdict")
    for v in verdicts:
        margin = (
            f"{v.value - v.floor:+10.4f}" if v.value is not None and v.floor is not None else ""
        )
        verdict = "ok" if v.ok else f"FAIL: {v.why}"
        if v.raise_to is not None:
            verdict += f" (improved: raise the floor to {v.raise_to:.4f})"
        print(f"{v.figure:32}{_num(v.floor):>10}{_num(v.value):>10}{margin:>10}  {verdict}")
    print("\nseconds per run: " + ", ".join(f"{o.run} {o.seconds:.0f}" for o in outcomes))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared/eval folder")
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="istanbul-talks, for the ask gold"
    )
    parser.add_argument("--floors", type=Path, default=FLOORS)
    parser.add_argument("--only", help="comma-separated runs: " + ",".join(r.name for r in RUNS))
    parser.add_argument("--jobs", type=int, default=2, help="benchmarks run at once")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per benchmark")
    args = parser.parse_args(argv)
    runs = list(RUNS)
    if args.only:
        wanted = {n.strip() for n in args.only.split(",") if n.strip()}
        unknown = wanted - {r.name for r in RUNS}
        if unknown:
            parser.error(f"unknown run(s) {sorted(unknown)}; choose from {[r.name for r in RUNS]}")
        runs = [r for r in RUNS if r.name in wanted]
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    floors = read_floors(args.floors)

    if not args.eval.is_dir():
        print(
            f"QUALITY GATE FAILED: the benchmark data folder {args.eval} is missing. The gate "
            "measures every figure on it and cannot pass without it; put the shared eval folder "
            "beside the repository (CI has it at ../shared/eval) or pass --eval DIR.",
            file=sys.stderr,
        )
        print(json.dumps({"gate": "fail", "error": f"no data folder {args.eval}"}))
        return EXIT_NO_DATA

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsprism-gate-") as work:
        places = {
            "eval": str(args.eval.resolve()),
            "corpus": str(args.corpus.resolve()),
            "work": work,
            "repo": str(REPO),
        }
        ready, outcomes = [], []
        for run in runs:
            data = Path(run.data.format(**places))
            if data.is_dir():
                ready.append(run)
                continue
            why = f"{run.name}: its data folder {data} is missing"
            outcomes.append(
                Outcome(run=run.name, seconds=0.0, figures=dict.fromkeys(run.figures, why))
            )
        print(f"quality gate: {len(ready)} benchmark run(s), up to {args.jobs} at once", flush=True)
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            for outcome in pool.map(lambda r: run_one(r, places, args.timeout), ready):
                print(f"   {outcome.run}: {outcome.seconds:.0f} s", flush=True)
                outcomes.append(outcome)
    figures = {name: value for o in outcomes for name, value in o.figures.items()}
    if args.only:
        floors = {name: f for name, f in floors.items() if name in figures}
    verdicts = compare(figures, floors)
    print_table(verdicts, outcomes)
    failed = [v.figure for v in verdicts if not v.ok]
    seconds = time.perf_counter() - started
    print(
        f"\nquality gate {'FAILED' if failed else 'passed'}: {len(verdicts)} figures, "
        f"{len(failed)} failing, {seconds:.0f} s"
    )
    print(
        json.dumps(
            {
                "gate": "fail" if failed else "pass",
                "failed": failed,
                "figures": {v.figure: v.value for v in verdicts},
                "reasons": {v.figure: v.why for v in verdicts if not v.ok},
                "raise": {v.figure: round(v.raise_to, 4) for v in verdicts if v.raise_to},
                "seconds": round(seconds, 1),
                "run_seconds": {o.run: round(o.seconds, 1) for o in outcomes},
            }
        )
    )
    return EXIT_DROP if failed else 0


if __name__ == "__main__":
    sys.exit(main())
