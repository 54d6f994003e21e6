"""Benchmark: story clustering's event-separation constants chosen by cross-validation over topics.

What it measures: ECB+ sub-topic (event) B-cubed F1 of `cluster_documents` when its constants
are chosen on other topics than the ones scored, beside the in-sample figure of the shipped
constants. Each ECB+ topic holds two events of one kind (two earthquakes in Iran, two office
shootings), so the figure says how well two same-type events are kept apart while one event's
reports stay together.

How: the documents (read and embedded exactly as `bench/stories.py` does, from its vector cache,
in its fixed shuffled order) are clustered once per point of a grid over `entity_weight` and
`entity_margin` (the bare thresholds stay at their defaults, which texts without names use, and
`merge_entity_margin` at 0, since a raised merge bar keeps a later report from bridging two
stored stories of one event in the example corpus). B-cubed is an average over documents of per-
document precision and recall, so each run gives every document its two values. Leave-one-topic-
out: for each of the topics, the grid point with the best B-cubed F1 over the *other* topics'
documents is chosen, and the held-out topic's documents take their values from that point's run;
the headline F1 is that of the pooled held-out values. (The runs cluster all topics together, so
a held-out document still competes with the others' stories; only the choice of constants never
sees its topic's gold.) The in-sample figure is the shipped defaults' F1 on all documents; the
best grid point in-sample is printed too. BASIL triplets (60 events × 3 outlets) are scored at
every grid point as a check that the chosen points do not split one event's reports.

Usage: python bench/stories_cv.py [DATA_DIR] [--limit N]
The last line of stdout is one JSON object: {"loto": {...}, "in_sample": {...}, "grid": [...]}.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stories import DEFAULT_DATA_DIR, SETS, read_set, set_vectors, shuffled_order  # noqa: E402

ENTITY_WEIGHTS = (0.25, 0.4, 0.55, 0.7)
ENTITY_MARGINS = (0.0, 0.05, 0.1, 0.15)
MERGE_MARGINS = (0.0,)  # fixed: a raised merge bar breaks the example corpus's bridging

Floats = npt.NDArray[np.float64]


def per_document(pred: Sequence[str], gold: Sequence[str]) -> tuple[Floats, Floats]:
    """Each document's B-cubed precision and recall."""
    in_pred, in_gold, both = Counter(pred), Counter(gold), Counter(zip(pred, gold, strict=True))
    p = np.array([both[(a, b)] / in_pred[a] for a, b in zip(pred, gold, strict=True)])
    r = np.array([both[(a, b)] / in_gold[b] for a, b in zip(pred, gold, strict=True)])
    return p, r


def f1(p: Floats, r: Floats) -> float:
    precision, recall = float(p.mean()), float(r.mean())
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--limit", type=int, help="first N ECB+ documents of the fixed shuffle")
    args = parser.parse_args(argv)

    from newsprism.cluster import ClusterParams, cluster_documents
    from newsprism.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    sets: dict[str, tuple[list[Any], list[str], npt.NDArray[np.float32]]] = {}
    for name, limit in (("ecbplus-subtopic", args.limit), ("basil", None)):
        data = read_set(name, args.data_dir)
        order = shuffled_order(len(data.docs), limit)
        vectors, _ = set_vectors(SETS[name], data.docs, order, limit is not None)
        sets[name] = ([data.docs[i] for i in order], [data.gold[i] for i in order], vectors)
    docs, gold, vectors = sets["ecbplus-subtopic"]
    topics = np.array(["".join(c for c in g if c.isdigit()) for g in gold])

    def run(params: ClusterParams, name: str) -> tuple[Floats, Floats]:
        d, g, v = sets[name]
        return per_document(cluster_documents(d, v, params=params, gazetteer=gazetteer), g)

    grid: list[dict[str, Any]] = []
    values: list[tuple[Floats, Floats]] = []
    started = time.perf_counter()
    for weight, margin, merge_margin in itertools.product(
        ENTITY_WEIGHTS, ENTITY_MARGINS, MERGE_MARGINS
    ):
        params = ClusterParams(
            entity_weight=weight, entity_margin=margin, merge_entity_margin=merge_margin
        )
        p, r = run(params, "ecbplus-subtopic")
        bp, br = run(params, "basil")
        values.append((p, r))
        point = {
            "entity_weight": weight,
            "entity_margin": margin,
            "merge_entity_margin": merge_margin,
            "ecb_b3_f1": round(100 * f1(p, r), 2),
            "ecb_b3_p": round(100 * float(p.mean()), 2),
            "ecb_b3_r": round(100 * float(r.mean()), 2),
            "basil_b3_f1": round(100 * f1(bp, br), 2),
        }
        grid.append(point)
        print(json.dumps(point), flush=True)

    held_p, held_r = np.zeros(len(docs)), np.zeros(len(docs))
    chosen: Counter[int] = Counter()
    for topic in sorted(set(topics)):
        test = topics == topic
        train = ~test
        best = max(range(len(grid)), key=lambda i: f1(values[i][0][train], values[i][1][train]))
        chosen[best] += 1
        held_p[test], held_r[test] = values[best][0][test], values[best][1][test]
    shipped_p, shipped_r = run(ClusterParams(), "ecbplus-subtopic")
    basil_p, basil_r = run(ClusterParams(), "basil")
    best_in = max(grid, key=lambda g: g["ecb_b3_f1"])
    result = {
        "loto": {
            "b3_f1": round(100 * f1(held_p, held_r), 2),
            "b3_p": round(100 * float(held_p.mean()), 2),
            "b3_r": round(100 * float(held_r.mean()), 2),
            "topics": len(set(topics)),
            "chosen": [{**grid[i], "folds": n} for i, n in chosen.most_common()],
        },
        "in_sample": {
            "defaults_b3_f1": round(100 * f1(shipped_p, shipped_r), 2),
            "defaults_b3_p": round(100 * float(shipped_p.mean()), 2),
            "defaults_b3_r": round(100 * float(shipped_r.mean()), 2),
            "defaults_basil_b3_f1": round(100 * f1(basil_p, basil_r), 2),
            "best_grid_point": best_in,
        },
        "docs": len(docs),
        "seconds": round(time.perf_counter() - started, 1),
        "grid": grid,
    }
    print(
        f"LOTO B3 F1 {result['loto']['b3_f1']} (P {result['loto']['b3_p']}, R "
        f"{result['loto']['b3_r']}) over {result['loto']['topics']} topics; in-sample with the "
        f"defaults {result['in_sample']['defaults_b3_f1']}; BASIL "
        f"{result['in_sample']['defaults_basil_b3_f1']}"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
