"""Benchmark: main-text extraction from news HTML (newsprism's reader, `extract_html`).

What it measures: how much of each page's article body newsprism's HTML reader recovers, on the
Zyte/Scrapinghub article-extraction benchmark (gzipped news pages plus a hand-made `articleBody`
for each), and how fast it reads them.

How it scores (our own code, written from the description of the upstream `evaluate.py`, and
checked against it: on upstream's full 181-page ground truth it reproduces the published F1,
precision, recall and accuracy of all 13 shipped outputs to the third decimal):
1. Both texts are split into `\\w+` tokens; each becomes a multiset of 4-token shingles (a text
   shorter than four tokens is one shingle of all its tokens).
2. Per page, shingles in both are true positives, shingles only in the prediction false
   positives, shingles only in the ground truth false negatives (counted with multiplicity).
3. Per page, precision = TP / (TP + FP) and recall = TP / (TP + FN). These ratios are averaged
   over pages, so every page weighs the same whatever its length (the same as dividing each
   page's counts by TP + FP + FN first); a page with an empty prediction has no precision and is
   left out of that mean (but scores recall 0). F1 is the harmonic mean of the two averages.
   "Accuracy" is the share of pages whose token sequence equals the ground truth exactly.
4. The spread (±) is the standard deviation over 1,000 bootstrap resamples of the pages.

A page where the reader finds no text (`BadInputError`) counts as an empty prediction. Speed is
pages per second of `extract_html` calls only (gunzip and decoding are not timed), after one
untimed warm-up call. The shipped outputs of published systems (`output/*.json`) are scored by the
same code on the same pages, next to the figures the upstream README publishes.

Usage: python bench/extraction.py [DATA_DIR] [--limit N] [--no-systems]
The last line of stdout is one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsprism.errors import BadInputError
from newsprism.ingest.html import extract_html

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared/eval/article-extraction"
SHINGLE_SIZE = 4
BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 0

# F1 from the upstream README ("latest evaluation" and earlier runs), keyed by the name of the
# shipped output file where there is one. Measured on the full set of PUBLISHED_PAGES pages.
PUBLISHED_F1: dict[str, float] = {
    "trafilatura": 0.958,
    "newspaper4k": 0.949,
    "readability": 0.922,
    "go_trafilatura": 0.960,
    "readability_js": 0.947,
    "goose3": 0.896,
    "justext": 0.804,
    "html-text": 0.665,
    "news_please": 0.948,
    "AutoExtract": 0.970,
    "Diffbot": 0.951,
}
# Shipped output files whose published figure is listed under another name.
PUBLISHED_ALIAS: dict[str, str] = {"newspaper": "newspaper4k"}
# The three figures the JSON line always carries.
HEADLINE_PUBLISHED = ("trafilatura", "newspaper4k", "readability")
PUBLISHED_PAGES = 181

_TOKEN_RE = re.compile(r"\w+")
Floats = npt.NDArray[np.float64]


# --- scorer ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class PageScore:
    """One page's shingle counts against its ground truth."""

    tp: int
    fp: int
    fn: int
    exact: bool

    @property
    def precision(self) -> float | None:
        """Share of predicted shingles that are right; None when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """Share of true shingles that were found; None when the ground truth is empty."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float:
        if not self.tp + self.fp + self.fn:  # both texts empty: a perfect answer
            return 1.0
        return float(_f1(np.array(self.precision or 0.0), np.array(self.recall or 0.0)))


@dataclass(frozen=True, slots=True, kw_only=True)
class Metrics:
    pages: int
    f1: float
    precision: float
    recall: float
    accuracy: float
    f1_std: float
    precision_std: float
    recall_std: float
    accuracy_std: float


def tokenize(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def shingles(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of `size`-token windows; a shorter, non-empty text is a single shingle."""
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def score_page(prediction: str, truth: str) -> PageScore:
    predicted_tokens, true_tokens = tokenize(prediction), tokenize(truth)
    predicted, true = shingles(predicted_tokens), shingles(true_tokens)
    return PageScore(
        tp=sum((predicted & true).values()),
        fp=sum((predicted - true).values()),
        fn=sum((true - predicted).values()),
        exact=predicted_tokens == true_tokens,
    )


def _f1(precision: Floats, recall: Floats) -> Floats:
    """Harmonic mean, element-wise; 0 where both are 0."""
    total = precision + recall
    return np.divide(2 * precision * recall, total, out=np.zeros_like(total), where=total > 0)


def _nan_means(values: Floats) -> Floats:
    """Row means of `values` skipping NaN cells (0 for a row that has none)."""
    defined = ~np.isnan(values)
    counts = defined.sum(axis=-1)
    sums = np.where(defined, values, 0.0).sum(axis=-1)
    means: Floats = np.divide(sums, counts, out=np.zeros(counts.shape), where=counts > 0)
    return means


def aggregate(
    scores: Sequence[PageScore],
    *,
    bootstrap_samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> Metrics:
    """Per-page precision and recall averaged over pages, F1 of the two, bootstrap spreads."""
    if not scores:
        raise ValueError("no pages to score")
    precision = np.array([np.nan if s.precision is None else s.precision for s in scores])
    recall = np.array([np.nan if s.recall is None else s.recall for s in scores])
    exact = np.array([s.exact for s in scores], dtype=float)

    def metrics_of(rows: npt.NDArray[np.intp]) -> tuple[Floats, Floats, Floats, Floats]:
        # An empty prediction has no precision and an empty ground truth no recall (NaN):
        # those pages are left out of that mean, as upstream does.
        p, r = _nan_means(precision[rows]), _nan_means(recall[rows])
        return _f1(p, r), p, r, exact[rows].mean(axis=-1)

    f1, p, r, accuracy = metrics_of(np.arange(len(scores)))
    rng = np.random.default_rng(seed)
    resamples = rng.integers(0, len(scores), size=(bootstrap_samples, len(scores)))
    f1_std, p_std, r_std, accuracy_std = (v.std(ddof=1) for v in metrics_of(resamples))
    return Metrics(
        pages=len(scores),
        f1=float(f1),
        precision=float(p),
        recall=float(r),
        accuracy=float(accuracy),
        f1_std=float(f1_std),
        precision_std=float(p_std),
        recall_std=float(r_std),
        accuracy_std=float(accuracy_std),
    )


# --- data -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    key: str
    url: str | None
    truth: str
    html_path: Path


def load_pages(data_dir: Path, limit: int | None = None) -> list[Page]:
    """Ground-truth pages that have an HTML file, in key order."""
    truth_path = data_dir / "ground-truth.json"
    if not truth_path.is_file():
        raise SystemExit(f"{truth_path}: not found (DATA_DIR must hold ground-truth.json, html/)")
    ground_truth: dict[str, dict[str, str]] = json.loads(truth_path.read_text(encoding="utf-8"))
    pages: list[Page] = []
    missing = 0
    for key in sorted(ground_truth):
        html_path = data_dir / "html" / f"{key}.html.gz"
        if not html_path.is_file():
            missing += 1
            continue
        item = ground_truth[key]
        pages.append(
            Page(key=key, url=item.get("url"), truth=item["articleBody"], html_path=html_path)
        )
    if missing:
        print(f"note: {missing} ground-truth keys have no html/ file; skipped", file=sys.stderr)
    return pages[:limit] if limit is not None else pages


def read_html(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def load_system_outputs(data_dir: Path) -> dict[str, dict[str, str]]:
    """`articleBody` per key for each `output/<system>.json`, unwrapping {"version","output"}."""
    systems: dict[str, dict[str, str]] = {}
    for path in sorted((data_dir / "output").glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        items = raw["output"] if isinstance(raw.get("output"), dict) else raw
        systems[path.stem] = {
            key: item.get("articleBody") or "" for key, item in items.items() if item
        }
    return systems


# --- runs -----------------------------------------------------------------------------------


def run_newsprism(pages: Sequence[Page]) -> tuple[list[str], float, int]:
    """Predictions, seconds spent inside `extract_html`, and how many pages gave no text."""
    documents = [read_html(page.html_path) for page in pages]
    if documents:  # untimed warm-up: the first call imports trafilatura and lxml
        _extract(documents[0], pages[0])
    predictions: list[str] = []
    seconds, empty = 0.0, 0
    for page, html in zip(pages, documents, strict=True):
        start = time.perf_counter()
        text = _extract(html, page)
        seconds += time.perf_counter() - start
        predictions.append(text)
        empty += not text
    return predictions, seconds, empty


def _extract(html: str, page: Page) -> str:
    try:
        return extract_html(html, url=page.url, name=page.key).text
    except BadInputError:
        return ""


def score_system(predictions: Mapping[str, str], pages: Sequence[Page]) -> Metrics:
    return aggregate([score_page(predictions.get(p.key, ""), p.truth) for p in pages])


def published_f1(system: str) -> float | None:
    return PUBLISHED_F1.get(PUBLISHED_ALIAS.get(system, system))


# --- report ---------------------------------------------------------------------------------


def _row(name: str, metrics: Metrics, published: float | None, speed: str = "") -> str:
    f1 = f"{metrics.f1:.3f} ± {metrics.f1_std:.3f}"
    reference = f"{published:.3f}" if published is not None else "-"
    return (
        f"{name:<24} {f1:>15} {metrics.precision:>6.3f} {metrics.recall:>6.3f} "
        f"{metrics.accuracy:>6.3f} {reference:>9} {speed:>8}"
    ).rstrip()


def print_report(
    newsprism: Metrics,
    pages_per_s: float,
    empty: int,
    systems: Mapping[str, Metrics],
    worst: Sequence[tuple[Page, PageScore]],
) -> None:
    header = (
        f"{'system':<24} {'F1':>15} {'P':>6} {'R':>6} {'acc':>6} {'published':>9} {'pages/s':>8}"
    )
    print(f"Article extraction, {newsprism.pages} pages (4-gram shingle F1 over per-page P and R)")
    print(header)
    print("-" * len(header))
    print(_row("newsprism extract_html", newsprism, None, f"{pages_per_s:.1f}"))
    print(
        f"{'':<24} (± F1 bootstrap std; P ± {newsprism.precision_std:.3f}, "
        f"R ± {newsprism.recall_std:.3f}, acc ± {newsprism.accuracy_std:.3f}; "
        f"{empty} pages gave no text)"
    )
    if systems:
        print("shipped outputs, same scorer, same pages:")
        for name, metrics in sorted(systems.items(), key=lambda item: -item[1].f1):
            print(_row(f"  {name}", metrics, published_f1(name)))
    print(
        f"published (upstream README, {PUBLISHED_PAGES} pages): "
        + ", ".join(f"{name} {PUBLISHED_F1[name]:.3f}" for name in HEADLINE_PUBLISHED)
    )
    if worst:
        print(f"newsprism's {len(worst)} worst pages (per-page F1, P, R):")
        for page, score in worst:
            precision, recall = score.precision or 0.0, score.recall or 0.0
            print(
                f"  {score.f1:.3f} {precision:.3f} {recall:.3f}  {page.key[:12]}  {page.url or ''}"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument(
        "--systems",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also score the shipped output/*.json with the same scorer (default: on)",
    )
    parser.add_argument("--worst", type=int, default=10, help="list the N worst pages")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")

    pages = load_pages(args.data_dir, args.limit)
    if not pages:
        raise SystemExit(f"{args.data_dir}: no pages to score")
    predictions, seconds, empty = run_newsprism(pages)
    page_scores = [
        score_page(pred, page.truth) for pred, page in zip(predictions, pages, strict=True)
    ]
    newsprism = aggregate(page_scores)
    pages_per_s = len(pages) / seconds if seconds else float("inf")
    systems = (
        {
            name: score_system(output, pages)
            for name, output in load_system_outputs(args.data_dir).items()
        }
        if args.systems
        else {}
    )
    worst = sorted(zip(pages, page_scores, strict=True), key=lambda item: item[1].f1)[: args.worst]
    print_report(newsprism, pages_per_s, empty, systems, worst)

    result = {
        "benchmark": "extraction",
        "pages": newsprism.pages,
        "f1": round(newsprism.f1, 4),
        "f1_std": round(newsprism.f1_std, 4),
        "precision": round(newsprism.precision, 4),
        "recall": round(newsprism.recall, 4),
        "accuracy": round(newsprism.accuracy, 4),
        "empty_pages": empty,
        "pages_per_s": round(pages_per_s, 2),
        "published": {name: PUBLISHED_F1[name] for name in HEADLINE_PUBLISHED},
        "published_pages": PUBLISHED_PAGES,
        "same_scorer": {name: round(m.f1, 4) for name, m in systems.items()},
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
