"""Fuzz benchmark: generated hostile inputs for every reader, each read by `ingest` alone.

    .venv/bin/python bench/fuzz.py [--inputs 10000] [--seed 18] [--annotate-every 25] [--out DIR]

No data folder: the inputs are generated with the hypothesis strategies in
tests/fuzz_inputs.py (text, Markdown, HTML, JSON, JSON Lines, RSS/Atom, OPML, gzip, mutated
and raw bytes; deep nesting, lone surrogates, bad character references, bogus charsets,
megabyte lines, broken compression), from a fixed seed, so a run is repeatable. Each input is
written to a file and read by `ingest` into one store, offline, with the default settings.
Every `--annotate-every`-th article read is also annotated (the spaCy pipeline, time
expressions) under the per-article CPU budget.

Counted: inputs tried; crashes (an exception escaped `ingest` or the annotator: the run would
have stopped); boundary catches (an unexpected exception inside a reader, turned into a
skipped line by the boundary: no crash, but a reader bug); hangs (an input that took more than
10 s of wall time); the slowest input. Inputs that crash or hang are saved under --out for
reproduction. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the strategies live with the fuzz tests

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fuzz_inputs import READERS, Input  # noqa: E402
from newsprism.annotate import annotate  # noqa: E402
from newsprism.budget import BudgetExceeded, cpu_budget  # noqa: E402
from newsprism.ingest import ingest  # noqa: E402
from newsprism.settings import Settings  # noqa: E402
from newsprism.store import Store  # noqa: E402

HANG_SECONDS = 10.0
WATCHDOG_SECONDS = 120  # an input still running after this is stopped and counted as a hang
UNEXPECTED = "please report this"


class _Stopped(BaseException):
    """Raised by the watchdog; a BaseException so no reader's boundary swallows it."""


def _on_alarm(signum: int, frame: object) -> None:
    raise _Stopped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--annotate-every", type=int, default=25)
    parser.add_argument("--out", default=None, help="folder for inputs that crash or hang")
    args = parser.parse_args()

    config = Settings(offline=True, today="2025-10-01")
    saved = Path(args.out) if args.out else None
    tally: Counter[str] = Counter()
    formats: Counter[str] = Counter()
    crashes: list[dict[str, Any]] = []
    catches: Counter[str] = Counter()
    hangs: list[dict[str, Any]] = []
    slowest: dict[str, Any] = {"seconds": 0.0}
    signal.signal(signal.SIGALRM, _on_alarm)
    started = time.perf_counter()

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "fuzz.db") as store:
        folder = Path(tmp)

        def keep(kind: str, item: Input, detail: str) -> None:
            if saved is not None:
                saved.mkdir(parents=True, exist_ok=True)
                (saved / f"{kind}-{tally['tried']}-{item[0]}").write_bytes(item[1])
            print(f"{kind}: input {tally['tried']} ({item[0]}, {len(item[1]):,} bytes): {detail}")

        @seed(args.seed)
        @settings(
            max_examples=args.inputs,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(
            st.sampled_from(sorted(READERS)).flatmap(lambda k: st.tuples(st.just(k), READERS[k]))
        )
        def fuzz(case: tuple[str, Input]) -> None:
            reader, item = case
            tally["tried"] += 1
            formats[reader] += 1
            path = folder / f"{tally['tried']}-{item[0]}"
            path.write_bytes(item[1])
            t0 = time.perf_counter()
            signal.alarm(WATCHDOG_SECONDS)
            try:
                result = ingest([str(path)], config, store)
            except _Stopped:
                result = None
                keep("hang", item, f"stopped after {WATCHDOG_SECONDS} s")
            except Exception as exc:  # noqa: BLE001 - what the benchmark counts
                result = None
                crashes.append({"reader": reader, "error": f"{type(exc).__name__}: {exc}"[:300]})
                keep("crash", item, crashes[-1]["error"])
            finally:
                signal.alarm(0)
            seconds = time.perf_counter() - t0
            path.unlink()
            if seconds > HANG_SECONDS:
                hangs.append(
                    {"reader": reader, "bytes": len(item[1]), "seconds": round(seconds, 1)}
                )
                keep("slow", item, f"{seconds:.1f} s")
            if seconds > slowest["seconds"]:
                slowest.update(reader=reader, name=item[0], bytes=len(item[1]), seconds=seconds)
            if result is None:
                return
            tally["articles"] += len(result.articles)
            tally["skipped_lines"] += len(result.summary.skipped)
            tally["exact_duplicates"] += result.summary.exact_duplicates
            for skipped in result.summary.skipped:
                if UNEXPECTED in skipped.reason:
                    catches[skipped.reason.split(";")[0][:160]] += 1
            for article in result.articles:
                if not article.analysed or args.annotate_every <= 0:
                    continue
                tally["analysable"] += 1
                if tally["analysable"] % args.annotate_every:
                    continue
                t1 = time.perf_counter()
                try:
                    with cpu_budget(
                        config.annotate_cpu_seconds,
                        article.input,
                        "annotating",
                        "annotate_cpu_seconds",
                    ):
                        annotate([article])
                    tally["annotated"] += 1
                except BudgetExceeded:
                    tally["annotate_over_budget"] += 1
                except Exception as exc:  # noqa: BLE001
                    crashes.append(
                        {
                            "reader": f"annotate<{reader}>",
                            "error": f"{type(exc).__name__}: {exc}"[:300],
                        }
                    )
                    keep("crash", item, "annotate: " + crashes[-1]["error"])
                spent = time.perf_counter() - t1
                tally["annotate_seconds_max"] = max(
                    tally["annotate_seconds_max"], int(spent * 1000)
                )
            if tally["tried"] % 500 == 0:
                elapsed = time.perf_counter() - started
                print(
                    f"{tally['tried']} inputs, {len(crashes)} crashes, {len(hangs)} over "
                    f"{HANG_SECONDS:g} s, {elapsed:.0f} s",
                    flush=True,
                )

        fuzz()

    elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "inputs_tried": tally["tried"],
                "crashes": len(crashes),
                "crash_examples": crashes[:5],
                "boundary_catches": sum(catches.values()),
                "boundary_catch_kinds": dict(catches.most_common(5)),
                "hangs_over_10s": len(hangs),
                "hang_examples": hangs[:5],
                "slowest": {
                    k: round(v, 2) if isinstance(v, float) else v for k, v in slowest.items()
                },
                "articles_read": tally["articles"],
                "skipped_lines": tally["skipped_lines"],
                "exact_duplicates": tally["exact_duplicates"],
                "annotated": tally["annotated"],
                "annotate_over_budget": tally["annotate_over_budget"],
                "annotate_slowest_s": tally["annotate_seconds_max"] / 1000,
                "per_reader": dict(sorted(formats.items())),
                "seed": args.seed,
                "seconds": round(elapsed, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
