"""Benchmark: the optional LLM writer through any OpenAI-compatible endpoint — how many of the
sentences a model writes for the brief and for answers survive verification, and why the rest
do not.

What it measures: the corpus is analysed with `--llm URL --llm-model NAME` (one request per
story for the brief), then each story's suggested questions are asked through the same
endpoint (one request per answered question; refusals are never sent). For the brief and for
the answers: sentences generated, kept, rejected, the rejections by rule (citation, number,
date, name, negation, attribution, quotation, support, frame), sections or answers that kept
their extractive sentences, the share of requests served from the cache, and the wall time.
Every report sentence then goes through `newsprism check` again (it must be 0 problems).
There is no published figure to stand beside: no other system verifies each sentence against
the exact spans it cites. Run it twice to see the cache (the second run makes no call).

Data (CORPUS, default ../shared/corpus/istanbul-talks, else examples/harbour-talks): any input
`newsprism analyze` reads. The store is bench/_work/llm-<model>.db, kept between runs (that is
where the cache lives); `--fresh` starts it again.

With no endpoint (no --llm), it says so, prints a JSON line with "measured": false and exits 0;
when the endpoint does not answer, the same, with the one-line reason.

Usage: python bench/llm.py [CORPUS] --llm http://127.0.0.1:11434/v1 --llm-model llama3.1
       [--timeout 120] [--fresh]
The last line of stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / "_work"
CORPORA = (
    REPO.parent / "shared" / "corpus" / "istanbul-talks",
    REPO / "examples" / "harbour-talks",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", help="inputs to analyse (a folder, file or glob)")
    parser.add_argument("--llm", help="base URL of an OpenAI-compatible API")
    parser.add_argument("--llm-model", help="model name the endpoint serves")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    parser.add_argument("--fresh", action="store_true", help="start with an empty store (cache)")
    args = parser.parse_args()
    corpus = Path(args.corpus) if args.corpus else next(c for c in CORPORA if c.exists())
    if not args.llm or not args.llm_model:
        print("no endpoint given (--llm URL --llm-model NAME): nothing to measure")
        print(json.dumps({"benchmark": "llm", "measured": False, "reason": "no endpoint given"}))
        return 0

    from newsprism.citations import check_report
    from newsprism.pipeline import analyze, ask
    from newsprism.settings import load_settings
    from newsprism.store import Store

    WORK.mkdir(parents=True, exist_ok=True)
    db = WORK / f"llm-{''.join(c if c.isalnum() else '-' for c in args.llm_model)}.db"
    if args.fresh:
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            path.unlink(missing_ok=True)
    settings = load_settings(
        None,
        db=str(db),
        offline=True,
        today="2026-12-03",
        llm=args.llm,
        llm_model=args.llm_model,
        llm_timeout=args.timeout,
    )
    started = time.perf_counter()
    with Store(db) as store:
        analysis = analyze([str(corpus)], settings, store)
        brief_time = time.perf_counter() - started
        report = analysis.report()
        problems = check_report(report)
        briefs = [s.brief.llm for s in analysis.stories if s.brief and s.brief.llm]
        error = next((o.error for o in briefs if o.error), None)
        if error and not any(o.generated for o in briefs):
            print(f"the endpoint gave nothing usable: {error}")
            print(
                json.dumps(
                    {
                        "benchmark": "llm",
                        "measured": False,
                        "endpoint": args.llm,
                        "model": args.llm_model,
                        "reason": error,
                    }
                )
            )
            return 0
        asked = time.perf_counter()
        answers = []
        for story in analysis.stories:
            for question in story.brief.questions if story.brief else ():
                answer = ask(question.question, store, settings, story.id)
                if answer.llm is not None:
                    answers.append(answer.llm)
        ask_time = time.perf_counter() - asked
    result = {
        "benchmark": "llm",
        "measured": True,
        "endpoint": args.llm,
        "model": args.llm_model,
        "corpus": str(corpus),
        "stories": len(analysis.stories),
        "brief": _totals(briefs, "sections"),
        "ask": _totals(answers, "answers"),
        "brief_seconds": round(brief_time, 1),
        "ask_seconds": round(ask_time, 1),
        "check_problems": len(problems),
    }
    for name in ("brief", "ask"):
        t = result[name]
        print(
            f"{name}: {t['generated']} sentences generated, {t['kept']} kept "
            f"({t['kept_share']:.0%}), {t['rejected']} rejected {t['rejected_by']}; "
            f"{t['fallback']} {t['unit']} kept their extractive sentences; "
            f"{t['cached']}/{t['requests']} replies from the cache"
        )
        for example in t["examples"][:5]:
            print(f"  rejected: {example}")
    print(f"newsprism check: {len(problems)} problems")
    print(json.dumps(result, ensure_ascii=False))
    return 0


def _totals(outcomes: list[Any], unit: str) -> dict[str, Any]:
    generated = sum(o.generated for o in outcomes)
    kept = sum(o.kept for o in outcomes)
    by_rule: Counter[str] = Counter()
    for o in outcomes:
        by_rule.update(dict(o.rejected_by))
    return {
        "unit": unit,
        "requests": len(outcomes),
        "errors": sum(1 for o in outcomes if o.error),
        "generated": generated,
        "kept": kept,
        "kept_share": kept / generated if generated else 0.0,
        "rejected": sum(len(o.rejected) for o in outcomes),
        "rejected_by": dict(sorted(by_rule.items(), key=lambda kv: -kv[1])),
        "fallback": sum(len(o.fallback) for o in outcomes),
        "cached": sum(1 for o in outcomes if o.cached),
        "withheld_passages": sum(o.withheld for o in outcomes),
        "examples": [r for o in outcomes for r in o.rejected][:10],
    }


if __name__ == "__main__":
    sys.exit(main())
