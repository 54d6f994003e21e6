"""Benchmark: claim stance on FNC-1 (does an article body agree with, disagree with, discuss,
or not address a headline claim).

Data: `competition_test_stances.csv` and `competition_test_bodies.csv` of FNC-1, read at run
time from DATA_DIR (`shared/eval/fnc1` beside the repository); nothing from them is copied
here. The folder has no training split.

Protocol (so no number is measured on pairs that chose it):
1. Pairs are split by a stable hash of their Body ID into a tuning half and a held-out half.
2. On the tuning half only: the relatedness thresholds (best sentence cosine, content-word
   overlap) are chosen by grid search for relatedness accuracy; the three-way logistic
   regression of `newsprism.compare.stance` (agree / disagree / discuss over its FEATURES) is
   fitted on the gold-related tuning pairs, with its class weighting and L2 strength chosen by
   5-fold cross-validation grouped by body inside the tuning half (objective: FNC score +
   100 x macro-F1).
3. The held-out half is the main number; the full set (half of it seen in tuning) is printed
   for reference, and so are the module's built-in constants (which should equal step 2's
   fit: they were pasted from `--print-constants`).
A caveat the body split cannot remove: FNC-1 pairs each headline with several bodies, so most
claims (Emergent rumours) have bodies in both halves. The features are generic cue counts, not
words of the claims, but a second protocol is printed too: "claim-disjoint" groups bodies that
share a gold-related headline (connected components, about 110 claims) and splits by a hash of
the group, so no claim of the evaluated half was seen in fitting. It is closer to the
competition's setting (its test claims were new) and gives lower numbers.

Metrics: the official FNC-1 score (0.25 for related/unrelated right, +0.75 for the right
agree/disagree/discuss on a related pair; as % of the maximum), per-class F1, macro-F1 over
the four classes (what Hanselowski et al. 2018 argue for), relatedness accuracy, the
confusion matrix (rows gold). Floors with the same scorer: every pair "unrelated"; and the
tuned relatedness split with every related pair called "discuss" -- it shows how much of the
FNC score the relatedness split alone earns (most of it: the score weights "discuss", the
commonest related class, heavily). Published numbers are those of the eval README, which says
they are from memory; the published systems trained on the 49,972-pair FNC-1 training set and
were scored on the whole competition set, so they are context, not a like-for-like comparison.

Speed: pairs per second of `StanceModel.features` over all pairs, with the embedding time
(each distinct headline and body sentence once) shown apart.

Usage: python bench/stance.py [DATA_DIR] [--limit N] [--sample N] [--print-constants]
  --sample N: only the pairs of N bodies drawn with a fixed seed (the quality gate's fast run:
  few bodies means few body sentences to embed; the halves still split by body).
The last line of stdout is one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsprism.compare.stance import (
    RELATED_STANCES,
    STANCES,
    Decision,
    Features,
    StanceModel,
    TextEncoder,
    Vectors,
)

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "fnc1"
PUBLISHED = {  # from ../shared/eval/fnc1/README.md, marked there as values from memory
    "FNC score %": {
        "official baseline": 75.2,
        "Talos / SOLAT in the SWEN (1st)": 82.02,
        "Athene (2nd)": 81.97,
        "UCLMR (3rd)": 81.72,
    },
    "macro-F1": {"Talos": 0.58, "Athene": 0.60, "UCLMR": 0.58, "stackLSTM": 0.61},
}
RELATED_GRID = {
    "similarity": (0.36, 0.38, 0.4, 0.42, 0.44, 0.46, 0.48, 0.5),
    "overlap": (0.4, 0.5, 0.6, 0.7, 0.8, 1.01),
}
CLASS_POWER_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)  # class weight = (n / (3 n_class)) ** power
L2_GRID = (0.001, 0.01, 0.1)
FOLDS = 5

Matrix = npt.NDArray[np.float64]


# --- scoring ---------------------------------------------------------------------------------


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> float:
    """The official FNC-1 score as a percentage of the best possible."""
    got = best = 0.0
    for g, p in zip(gold, pred, strict=True):
        best += 0.25 + (0.75 if g != "unrelated" else 0.0)
        if (g == "unrelated") == (p == "unrelated"):
            got += 0.25
            if g != "unrelated" and g == p:
                got += 0.75
    return 100.0 * got / best if best else 0.0


def class_f1(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    out = {}
    for label in STANCES:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p != label)
        out[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def metrics(gold: Sequence[str], pred: Sequence[str]) -> dict[str, object]:
    f1 = class_f1(gold, pred)
    related_ok = sum(
        (g == "unrelated") == (p == "unrelated") for g, p in zip(gold, pred, strict=True)
    )
    return {
        "pairs": len(gold),
        "fnc_score": round(fnc_score(gold, pred), 2),
        "macro_f1": round(sum(f1.values()) / len(f1), 4),
        "f1": {k: round(v, 4) for k, v in f1.items()},
        "relatedness_accuracy": round(100.0 * related_ok / max(len(gold), 1), 2),
        "confusion": {
            g: {
                p: sum(1 for a, b in zip(gold, pred, strict=True) if a == g and b == p)
                for p in STANCES
            }
            for g in STANCES
        },
    }


def objective(gold: Sequence[str], pred: Sequence[str]) -> float:
    """What model selection maximises: FNC score and macro-F1, both in points."""
    f1 = class_f1(gold, pred)
    return fnc_score(gold, pred) + 100.0 * sum(f1.values()) / len(f1)


# --- data and splits -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Pair:
    headline: str
    body_id: str
    stance: str


def read(data_dir: Path) -> tuple[list[Pair], dict[str, str]]:
    with open(data_dir / "competition_test_bodies.csv", encoding="utf-8", newline="") as fh:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(fh)}
    with open(data_dir / "competition_test_stances.csv", encoding="utf-8", newline="") as fh:
        pairs = [
            Pair(headline=row["Headline"], body_id=row["Body ID"], stance=row["Stance"])
            for row in csv.DictReader(fh)
        ]
    return pairs, bodies


def half_of(key: str) -> str:
    """ "tune" or "held-out", by a stable hash of a Body ID (or a claim group's name)."""
    return "tune" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "held-out"


def claim_groups(pairs: Sequence[Pair]) -> dict[str, str]:
    """Body ID -> a name of its claim: bodies joined by a headline they are both related to
    (union-find over gold-related pairs). Bodies with no related pair are their own group."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        root("body:" + p.body_id)
        if p.stance != "unrelated":
            parent[root("headline:" + p.headline)] = root("body:" + p.body_id)
    return {p.body_id: root("body:" + p.body_id) for p in pairs}


def folds_of(keys: Sequence[str], n: int = FOLDS) -> list[int]:
    """A stable fold number per row, by a hash of its group key (not the half's hash bits)."""
    return [hashlib.sha256(f"fold:{k}".encode()).digest()[1] % n for k in keys]


# --- fitting ---------------------------------------------------------------------------------


def fit_softmax(
    x: Matrix, y: Sequence[int], classes: int, *, weights: Matrix | None = None, l2: float = 0.01
) -> Matrix:
    """Multinomial logistic regression by Newton's method: rows are classes, the last column
    the bias. Minimises the weighted mean log-loss + l2/2 * |W|^2 (bias not penalised)."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    onehot = np.zeros((n, classes))
    onehot[np.arange(n), np.asarray(y)] = 1.0
    sw = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    sw = sw / sw.sum()
    penalty = np.full(d + 1, l2)
    penalty[-1] = 1e-8  # keeps the Hessian invertible; the softmax ignores a common bias shift
    w = np.zeros((classes, d + 1))
    for _ in range(50):
        z = xb @ w.T
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = ((p - onehot) * sw[:, None]).T @ xb + w * penalty
        hess = np.zeros((classes, d + 1, classes, d + 1))
        for k, m in itertools.product(range(classes), repeat=2):
            r = sw * p[:, k] * ((k == m) - p[:, m])
            hess[k, :, m, :] = (xb * r[:, None]).T @ xb
        size = classes * (d + 1)
        hess = hess.reshape(size, size) + np.diag(np.tile(penalty, classes))
        step = np.linalg.solve(hess, grad.reshape(-1)).reshape(classes, d + 1)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit_decision(
    feats: Sequence[Features],
    gold: Sequence[str],
    *,
    related: tuple[float, float],
    power: float,
    l2: float,
) -> Decision:
    """Standardise the FEATURES and fit the three-way model on the gold-related pairs."""
    rows = [i for i, g in enumerate(gold) if g != "unrelated"]
    x = np.array([feats[i].values for i in rows], dtype=np.float64)
    y = [RELATED_STANCES.index(gold[i]) for i in rows]  # type: ignore[arg-type]
    counts = np.bincount(y, minlength=len(RELATED_STANCES)).astype(np.float64)
    per_class = (len(y) / (len(RELATED_STANCES) * np.maximum(counts, 1.0))) ** power
    means = x.mean(axis=0)
    scales = np.where(x.std(axis=0) > 1e-9, x.std(axis=0), 1.0)
    w = fit_softmax((x - means) / scales, y, len(RELATED_STANCES), weights=per_class[y], l2=l2)
    return Decision(
        related_similarity=related[0],
        related_overlap=related[1],
        means=tuple(float(v) for v in means),
        scales=tuple(float(v) for v in scales),
        weights=tuple(tuple(float(v) for v in row) for row in w),
    )


def tune_relatedness(feats: Sequence[Features], gold: Sequence[str]) -> tuple[float, float]:
    def accuracy(sim: float, overlap: float) -> int:
        return sum(
            (f["similarity"] >= sim or f["overlap"] >= overlap) == (g != "unrelated")
            for f, g in zip(feats, gold, strict=True)
        )

    grid = itertools.product(RELATED_GRID["similarity"], RELATED_GRID["overlap"])
    return max(grid, key=lambda t: accuracy(*t))


def tune(
    feats: Sequence[Features], gold: Sequence[str], groups: Sequence[str]
) -> tuple[Decision, dict[str, float]]:
    """Everything chosen on one half: relatedness thresholds, then class weighting and L2 by
    grouped cross-validation, then the final fit on the whole half."""
    related = tune_relatedness(feats, gold)
    fold = folds_of(groups)
    best: tuple[float, float, float] = (-1.0, 0.0, 0.0)
    for power, l2 in itertools.product(CLASS_POWER_GRID, L2_GRID):
        pred = [""] * len(gold)
        for k in range(FOLDS):
            train = [i for i in range(len(gold)) if fold[i] != k]
            model = fit_decision(
                [feats[i] for i in train],
                [gold[i] for i in train],
                related=related,
                power=power,
                l2=l2,
            )
            for i in range(len(gold)):
                if fold[i] == k:
                    pred[i] = model.label(feats[i])
        score = objective(gold, pred)
        if score > best[0]:
            best = (score, power, l2)
    _, power, l2 = best
    decision = fit_decision(feats, gold, related=related, power=power, l2=l2)
    chosen = {
        "related_similarity": related[0],
        "related_overlap": related[1],
        "class_weight_power": power,
        "l2": l2,
        "cv_objective": round(best[0], 2),
    }
    return decision, chosen


# --- running ---------------------------------------------------------------------------------


class TimedEncoder:
    """Wraps the encoder to time the embedding apart from the cue counting."""

    def __init__(self, encoder: TextEncoder) -> None:
        self.encoder = encoder
        self.seconds = 0.0
        self.texts = 0

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> Vectors:
        start = time.perf_counter()
        out = self.encoder.encode(texts, batch_size)
        self.seconds += time.perf_counter() - start
        self.texts += len(texts)
        return out


def constants_snippet(decision: Decision) -> str:
    """The fitted decision as the constants of `newsprism.compare.stance`, numbers packed
    into lines of at most 100 characters (between `fmt: off` and `fmt: on`)."""

    def packed(name: str, values: Sequence[float], indent: str) -> list[str]:
        lines, line = [f"{indent}{name}("], f"{indent}    "
        for v in values:
            item = f"{v:.6g}, "
            if len(line) + len(item.rstrip()) > 100:
                lines.append(line.rstrip())
                line = f"{indent}    "
            line += item
        lines.append(line.rstrip())
        lines.append(f"{indent}){',' if indent else ''}")
        return lines

    return "\n".join(
        [
            f"RELATED_SIMILARITY = {decision.related_similarity}",
            f"RELATED_OVERLAP = {decision.related_overlap}",
            "# fmt: off",
            *packed("MEANS: tuple[float, ...] = ", decision.means, ""),
            *packed("SCALES: tuple[float, ...] = ", decision.scales, ""),
            "WEIGHTS: tuple[tuple[float, ...], ...] = (",
            *(line for w in decision.weights for line in packed("", w, "    ")),
            ")",
            "# fmt: on",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pairs")
    parser.add_argument("--sample", type=int, default=0, help="only the pairs of N bodies (seed 0)")
    parser.add_argument(
        "--print-constants",
        action="store_true",
        help="also print the tuned decision as newsprism.compare.stance constants",
    )
    args = parser.parse_args(argv)
    pairs, bodies = read(args.data_dir)
    if args.sample:
        ids = sorted({p.body_id for p in pairs})
        kept = set(random.Random(0).sample(ids, min(args.sample, len(ids))))
        pairs = [p for p in pairs if p.body_id in kept]
    if args.limit:
        pairs = pairs[: args.limit]

    # 1. Features of every pair (each headline and body sentence embedded once), timed.
    from newsprism.embedding import Encoder

    encoder = TimedEncoder(Encoder())
    model = StanceModel(encoder)
    start = time.perf_counter()
    feats = model.features([(p.headline, bodies[p.body_id]) for p in pairs])
    seconds = time.perf_counter() - start
    gold = [p.stance for p in pairs]

    # 2. Tune on one half, measure on the other.
    tune_rows = [i for i, p in enumerate(pairs) if half_of(p.body_id) == "tune"]
    held_rows = [i for i, p in enumerate(pairs) if half_of(p.body_id) == "held-out"]

    def pick(rows: Sequence[int], values: Sequence[str]) -> list[str]:
        return [values[i] for i in rows]

    start = time.perf_counter()
    decision, chosen = tune(
        [feats[i] for i in tune_rows], pick(tune_rows, gold), [pairs[i].body_id for i in tune_rows]
    )
    tune_seconds = time.perf_counter() - start
    pred = [decision.label(f) for f in feats]
    builtin = [model.decision.label(f) for f in feats]
    discuss_floor = ["unrelated" if p == "unrelated" else "discuss" for p in pred]
    held_gold = pick(held_rows, gold)

    # 3. The claim-disjoint check: refit with the chosen settings on one half of the claims.
    group = claim_groups(pairs)
    claim_tune = [i for i, p in enumerate(pairs) if half_of(group[p.body_id]) == "tune"]
    claim_held = [i for i, p in enumerate(pairs) if half_of(group[p.body_id]) == "held-out"]
    claim_decision = fit_decision(
        [feats[i] for i in claim_tune],
        pick(claim_tune, gold),
        related=tune_relatedness([feats[i] for i in claim_tune], pick(claim_tune, gold)),
        power=chosen["class_weight_power"],
        l2=chosen["l2"],
    )
    claim_pred = [claim_decision.label(feats[i]) for i in claim_held]

    results: dict[str, dict[str, object]] = {
        "held_out": metrics(held_gold, pick(held_rows, pred)),
        "full": metrics(gold, pred),
        "module_constants_held_out": metrics(held_gold, pick(held_rows, builtin)),
        "claim_disjoint_held_out": metrics(pick(claim_held, gold), claim_pred),
        "floor_relatedness_then_discuss_held_out": metrics(
            held_gold, pick(held_rows, discuss_floor)
        ),
        "floor_all_unrelated_held_out": metrics(held_gold, ["unrelated"] * len(held_rows)),
        "floor_relatedness_then_discuss_full": metrics(gold, discuss_floor),
        "floor_all_unrelated_full": metrics(gold, ["unrelated"] * len(gold)),
    }
    summary = {
        **results,
        "tuned": chosen,
        "module_constants_agree_with_fit": round(
            sum(a == b for a, b in zip(pred, builtin, strict=True)) / max(len(pred), 1), 4
        ),
        "published": PUBLISHED,
        "pairs_total": len(pairs),
        "pairs_per_s": round(len(pairs) / seconds, 1),
        "features_seconds": round(seconds, 1),
        "embedding_seconds": round(encoder.seconds, 1),
        "texts_embedded": encoder.texts,
        "tuning_seconds": round(tune_seconds, 1),
    }

    # 4. The printout.
    print(
        f"FNC-1 competition set: {len(pairs)} pairs over {len(bodies)} bodies; "
        f"tuning half {len(tune_rows)} pairs, held-out half {len(held_rows)} (split by body)"
    )
    head = f"{'':44} {'FNC %':>6} {'macroF1':>7} {'rel.acc':>7} "
    print(head + " ".join(f"{s:>9}" for s in STANCES))
    rows = (
        ("newsprism, held-out half (main number)", "held_out"),
        ("newsprism, full set (half seen in tuning)", "full"),
        ("newsprism, module constants, held-out", "module_constants_held_out"),
        ("newsprism, claim-disjoint half (stricter)", "claim_disjoint_held_out"),
        ("floor: relatedness + 'discuss', held-out", "floor_relatedness_then_discuss_held_out"),
        ("floor: relatedness + 'discuss', full", "floor_relatedness_then_discuss_full"),
        ("floor: all 'unrelated', held-out", "floor_all_unrelated_held_out"),
        ("floor: all 'unrelated', full", "floor_all_unrelated_full"),
    )
    for name, key in rows:
        m = results[key]
        f1 = m["f1"]
        assert isinstance(f1, dict)
        print(
            f"{name:44} {m['fnc_score']:>6} {m['macro_f1']:>7} {m['relatedness_accuracy']:>7} "
            + " ".join(f"{f1[s]:>9.3f}" for s in STANCES)
        )
    print(
        "The relatedness split plus 'discuss' for every related pair already earns most of the\n"
        "FNC score (0.25 per pair for relatedness, and 'discuss' is the commonest related\n"
        "class); the stance model's contribution shows in agree/disagree F1 and macro-F1."
    )
    print(
        "published (whole competition set, trained on the FNC-1 training split; from the eval "
        "README, values from memory there):"
    )
    for metric, systems in PUBLISHED.items():
        print(f"  {metric}: " + ", ".join(f"{k} {v}" for k, v in systems.items()))
    print("confusion, held-out half (rows gold, columns predicted):")
    confusion = results["held_out"]["confusion"]
    assert isinstance(confusion, dict)
    print(f"  {'':10}" + "".join(f"{s:>10}" for s in STANCES))
    for g in STANCES:
        print(f"  {g:10}" + "".join(f"{confusion[g][p]:>10}" for p in STANCES))
    print(f"tuned on the tuning half: {chosen}")
    if summary["module_constants_agree_with_fit"] != 1.0:
        print(
            "note: the module's constants differ from this fit on "
            f"{100 * (1 - summary['module_constants_agree_with_fit']):.2f} % of the pairs "
            "(paste --print-constants into newsprism/compare/stance.py)"
        )
    print(
        f"speed: {summary['pairs_per_s']} pairs/s ({summary['features_seconds']} s for "
        f"{len(pairs)} pairs, of which {summary['embedding_seconds']} s embedding "
        f"{encoder.texts} distinct texts); tuning {summary['tuning_seconds']} s"
    )
    if args.print_constants:
        print(constants_snippet(decision))
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
