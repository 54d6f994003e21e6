"""Benchmark: story clustering (newsprism's `cluster_documents`) against BERTopic, on gold clusters.

What it measures: how well articles are grouped into stories, and how fast, for newsprism's
clustering and for BERTopic run side by side in the same process on the same embeddings, on
three sets of real news with gold story clusters (all read at run time from DATA_DIR, the
`shared/eval` folder beside the repository):
- timeline17: Timeline17 input articles, `<topic>_<outlet>/InputDocs/<YYYY-MM-DD>/<n>.htm.txt`.
  Gold = the topic (the folder name before the first `_`): folders of one topic from different
  outlets are one story. Day = the date folder. The text is PTB-tokenised and is detokenised
  lightly (`detokenize`: `` and '' become ", -LRB- ( and the like become brackets, and
  punctuation, 's, n't, 're ... are joined to the word before). No titles. Empty files are
  skipped and counted.
- ecbplus-topic / ecbplus-subtopic: ECB+ `ECB+/<topic>/<topic>_<n>ecb(plus).xml`. The text is
  rebuilt from the `<token>` elements, one line per `sentence`, detokenised as above. The ECB+
  half of the corpus opens each document with the page URL and often a dateline; sentences that
  are URLs are dropped everywhere, and datelines among the first three sentences (`is_dateline`:
  short lines of dates, times and words such as Posted, Updated, PM, GMT, with at most two other
  words such as a place) are dropped too, so that the two halves do not differ by boilerplate
  that the original ECB half lacks. The title is the first of the first two remaining sentences
  that looks like a headline (at most 25 tokens, not ending in . ! ? or a closing quote); it is
  taken out of the text (a document that is a headline alone keeps an empty text). No days.
  Gold = the topic number (ecbplus-topic), or topic plus "ecb"/"ecbplus" (ecbplus-subtopic;
  each sub-topic is one event, and the two of a topic are similar events).
- googlenews-ts: GoogleNews-TS, JSON lines {"text", "cluster"}: short lower-cased, stop-word-free
  title+snippet texts; gold = cluster. No days, no titles.
- basil: BASIL `articles/<year>/<triplet>_<n>.json`, one event told by three outlets (Fox News,
  New York Times, HuffPost); title = "title", text = the body paragraphs' sentences, one
  paragraph a line; day = "date"; gold = "triplet-uuid". Events of the same years lie close in
  topic (several are about the same politicians), so this is a test that one event's differently
  worded reports stay together while the other events stay apart.
Each loader reads whatever part of the set is present (the shared copies are development parts).

Embeddings (shared by both systems, computed once): `Encoder().encode(lead_text(title, text))`,
unit rows. They are cached per corpus under bench/.cache/ (a .npy, plus a .json with the
encoding time recorded when it was made), keyed by the corpus, a hash of the documents' ids and
lead texts, and the encoder's id. The embedding speed (docs/s, after one untimed warm-up call
that loads the model) is reported apart from the systems; from the cache it is the recorded one.

Order: each set is presented to both systems in one fixed shuffled order (seed 0), so that no
system profits from files sorted by topic; `--limit N` keeps the first N documents of that order.

Systems:
- newsprism: `cluster_documents(docs, vectors)` → one label per document. The vectors are
  given, so its time is everything it does besides embedding (including whatever it reads from
  the texts, such as entity keys). One untimed warm-up call on the first 50 documents.
- BERTopic (0.17.4; `pip install -e .[bench]`): `BERTopic(umap_model=UMAP(n_neighbors=15,
  n_components=5, min_dist=0.0, metric="cosine", random_state=42)).fit_transform(texts,
  embeddings=vectors)`; everything else is BERTopic's default, among it HDBSCAN with
  min_cluster_size=10 and c-TF-IDF topic words. The UMAP settings are BERTopic's own defaults
  except the fixed random_state (for reproducible runs; UMAP then runs on one thread). `texts`
  are the same lead texts that were embedded (BERTopic uses them only for topic words).
  With embeddings given and no embedding-based representation model, BERTopic never loads a
  sentence-transformer; HF_HUB_OFFLINE=1 is set anyway. BERTopic's outliers (topic -1) are
  scored as singletons (each its own cluster); the outlier share is reported. One untimed
  warm-up fit first, because numba compiles UMAP's and NNDescent's functions on first use
  (on GoogleNews-TS that made the first fit 50-90 s against 11 s for the next): on the first
  300 documents, or on the first 4,096 when the set has at least that many (from 4,096 points
  UMAP switches from exact neighbours to NNDescent, whose functions a small fit never compiles).
  When BERTopic is not installed, its rows are skipped with a note.
Seconds are wall-clock of the call alone; the JSON gives the machine's 1-minute load average
before each set (and when the embeddings were made), since other work on the machine slows them.
Peak MB is the rise of the process's peak resident set during the call: freed heap pages are
first handed back (gc, then glibc's malloc_trim), the peak (VmHWM) is reset through
/proc/self/clear_refs, and the rise is VmHWM after the call minus VmRSS before it. So it counts
native allocations (numba, C extensions) too, but not the input vectors, which exist before the
call. Where /proc cannot be used it is tracemalloc's peak instead (Python and numpy allocations
only, and tracing slows the call). The JSON says which ("peak_mb_method").

How it scores (our own code, `score`; labels are compared as strings):
1. B-cubed: per document, precision = |its predicted cluster ∩ its gold cluster| / |predicted
   cluster| and recall = the same / |gold cluster|; P and R are the averages over documents and
   F1 their harmonic mean.
2. NMI: mutual information of the two labellings over the arithmetic mean of their entropies
   (as scikit-learn's default `normalized_mutual_info_score`; 1.0 when both have one cluster).
3. ACC: the share of documents on the diagonal of the best one-to-one mapping of predicted to
   gold clusters (Hungarian algorithm on the contingency table); unmatched clusters count wrong.
   This is the accuracy the published GoogleNews-TS figures use.
4. Counts: predicted clusters, predicted singletons, gold clusters.
Metrics are percentages in the table and the JSON (two decimals in the JSON).

Published figures printed beside googlenews-ts are those of the data set's README, with its
caveat (they come "from memory — verify"); no published story-clustering figures exist for the
Timeline17 and ECB+ groupings used here.

Usage: python bench/stories.py [DATA_DIR] [--sets timeline17,ecbplus-topic,ecbplus-subtopic,
                               googlenews-ts,basil] [--no-bertopic] [--limit N] [--embed-only]
The last line of stdout is one JSON object: {"<set>": {"newsprism": {...}, "bertopic": {...},
"embedding": {...}, ...}, ...}.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import gc
import hashlib
import json
import os
import re
import sys
import time
import tracemalloc
import warnings
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix

if TYPE_CHECKING:
    from newsprism.cluster import Document

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
CACHE_DIR = REPO / "bench" / ".cache"
SETS: dict[str, str] = {  # set name → corpus it is read from (the embeddings' cache key)
    "timeline17": "timeline17",
    "ecbplus-topic": "ecbplus",
    "ecbplus-subtopic": "ecbplus",
    "googlenews-ts": "googlenews-ts",
    "basil": "basil",
}
SHUFFLE_SEED = 0
NEWSPRISM_WARMUP_DOCS = 50
BERTOPIC_WARMUP_DOCS = 300
UMAP_APPROXIMATE_FROM = 4096  # UMAP finds neighbours exactly below this many points, else NNDescent

# From googlenews-ts/README.md ("Published numbers"), which says of them: "values from memory,
# not re-checked here — verify before quoting." Percent, GoogleNews-TS.
PUBLISHED: dict[str, dict[str, float | str]] = {
    "SCCL (Zhang et al. 2021)": {"acc": 82.5, "nmi": 93.9},
    "GSDMM (Yin & Wang 2014)": {"nmi": "87-88"},
}
PUBLISHED_CAVEAT = (
    "published: GoogleNews-TS figures as the data README gives them, 'values from memory, not "
    "re-checked here — verify before quoting'"
)

Labels = Sequence[str] | Sequence[int]
ClusterFn = Callable[..., list[str]]


# --- reading the sets ------------------------------------------------------------------------


_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_OPENERS = {"(", "[", "{", "$", "#"}
_ATTACH_LEFT = re.compile(
    r"(?:[,.;:!?%)\]}]|\.\.\.|'s|'S|n't|N'T|'re|'RE|'ve|'VE|'ll|'LL|'d|'D|'m|'M)"
)
_SPLIT_CLITIC = re.compile(r"(?<=\w) ?([’']) (s|t|re|ve|ll|d|m)\b")


def detokenize(line: str) -> str:
    """One line of PTB-style tokens (space-separated) as ordinary text, lightly.

    `` and '' become straight double quotes, opening on the word after and closing on the word
    before (a straight " token opens and closes in turn); -LRB- and its kin become brackets;
    punctuation and clitics ('s, n't, 're, 've, 'll, 'd, 'm) join the word before, and so does
    a clitic split around its apostrophe ("country ’ s" → "country’s"); opening brackets, $ and
    # join the word after.
    """
    out: list[str] = []
    glue_next = False
    straight_quotes = 0
    for raw in line.split():
        token = _BRACKETS.get(raw, raw)
        if token == '"':  # a straight quote token: opening and closing alternate
            token = "``" if straight_quotes % 2 == 0 else "''"
            straight_quotes += 1
        if token == "``":
            out.append(" " + '"' if out and not glue_next else '"')
            glue_next = True
            continue
        if token == "''":
            out.append('"')
            glue_next = False
            continue
        if out and not glue_next and not _ATTACH_LEFT.fullmatch(token):
            out.append(" ")
        out.append(token)
        glue_next = token in _OPENERS
    return _SPLIT_CLITIC.sub(r"\1\2", "".join(out))


@dataclass(slots=True)
class LoadedSet:
    name: str
    docs: list[Document]
    gold: list[str]
    notes: list[str] = field(default_factory=list)


def read_timeline17(folder: Path) -> LoadedSet:
    from newsprism.cluster import Document

    docs: list[Document] = []
    gold: list[str] = []
    empty = 0
    topics = sorted(p for p in folder.iterdir() if p.is_dir() and (p / "InputDocs").is_dir())
    for topic_dir in topics:
        topic = topic_dir.name.split("_", 1)[0]
        for day_dir in sorted((topic_dir / "InputDocs").iterdir()):
            day = dt.date.fromisoformat(day_dir.name).toordinal()
            for path in sorted(day_dir.glob("*.txt")):
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
                text = "\n".join(d for d in (detokenize(line) for line in lines) if d)
                if not text.strip():
                    empty += 1
                    continue
                doc_id = f"timeline17/{topic_dir.name}/{day_dir.name}/{path.name}"
                docs.append(Document(id=doc_id, text=text, day=day))
                gold.append(topic)
    notes = [f"{empty} empty files skipped", f"{len(topics)} topic/outlet folders"]
    return LoadedSet("timeline17", docs, gold, notes)


_ECB_NAME = re.compile(r"(\d+)_(\d+)(ecb|ecbplus)\.xml")
_URL = re.compile(r"^(?:https?\s*:|www\s*\.)", re.IGNORECASE)
_CALENDAR = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|"
    r"fri|sat|sun|january|february|march|april|june|july|august|september|october|november|"
    r"december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?",
    re.IGNORECASE,
)
_DATE_WORDS = {
    *("posted", "updated", "published", "modified", "created", "edited", "originally", "story"),
    *("first", "last", "time", "on", "at", "am", "pm", "a", "p", "m", "hrs", "uk"),
    *("gmt", "bst", "est", "edt", "cst", "cdt", "pst", "pdt", "et", "pt", "cet", "cest", "utc"),
    *("ist", "aest", "akdt", "hkt", "mst", "mdt"),
}
_DATE_TOKEN = re.compile(r"[\W_]+|\d+(?:st|nd|rd|th|am|pm)?|gmt[+-]\d+", re.IGNORECASE)
_CLOCK_OR_NUMERIC_DATE = re.compile(r"\d : \d\d|\d+ / \d+ / \d+")
_FINAL = re.compile(r"(?:[.!?]|[.!?] (?:''|'|\"))$")


def _ecb_sentences(path: Path) -> list[list[str]]:
    sentences: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for token in ET.parse(path).getroot().iter("token"):
        number = int(token.get("number") or token.get("t_id") or 0)
        word = (token.text or "").strip()
        if word:
            sentences[int(token.get("sentence") or 0)].append((number, word))
    return [[word for _, word in sorted(sentences[key])] for key in sorted(sentences)]


def is_dateline(tokens: Sequence[str]) -> bool:
    """A line that gives the date or time of publication: at most 20 tokens with a number, all
    of them numbers, punctuation, month or weekday names or words such as Posted, at, PM, GMT,
    except at most two others (a place, an agency) when it names a month or a weekday or holds
    a clock time or a numeric date."""
    if len(tokens) > 20 or not any(t.isdigit() for t in tokens):
        return False
    other = [
        t
        for t in tokens
        if not (
            _CALENDAR.fullmatch(t)
            or t.lower().rstrip(".") in _DATE_WORDS
            or _DATE_TOKEN.fullmatch(t)
        )
    ]
    if not other:
        return True
    anchored = any(_CALENDAR.fullmatch(t) for t in tokens) or _CLOCK_OR_NUMERIC_DATE.search(
        " ".join(tokens)
    )
    return len(other) <= 2 and bool(anchored)


def ecb_title_and_text(sentences: Sequence[Sequence[str]]) -> tuple[str | None, str, int]:
    """Title (or None), body text and the number of datelines dropped, as the docstring says."""
    kept = [list(s) for s in sentences if s and not _URL.match(" ".join(s))]
    datelines = 0
    lines: list[list[str]] = []
    for i, sentence in enumerate(kept):
        if i < 3 and is_dateline(sentence):
            datelines += 1
            continue
        lines.append(sentence)
    title = None
    for i, sentence in enumerate(lines[:2]):
        if len(sentence) <= 25 and not _FINAL.search(" ".join(sentence)):
            title = detokenize(" ".join(sentence))
            del lines[i]
            break
    return title, "\n".join(detokenize(" ".join(s)) for s in lines), datelines


def read_ecbplus(folder: Path, level: str) -> LoadedSet:
    from newsprism.cluster import Document

    docs: list[Document] = []
    gold: list[str] = []
    titled = datelines = 0
    topics: set[int] = set()
    paths = [p for p in (folder / "ECB+").glob("*/*.xml") if _ECB_NAME.fullmatch(p.name)]

    def order(path: Path) -> tuple[int, str, int]:
        match = _ECB_NAME.fullmatch(path.name)
        assert match is not None
        return int(match[1]), match[3], int(match[2])

    for path in sorted(paths, key=order):
        topic, part, _ = order(path)
        title, text, dropped = ecb_title_and_text(_ecb_sentences(path))
        titled += title is not None
        topics.add(topic)
        datelines += dropped
        docs.append(Document(id=f"ecbplus/{path.stem}", text=text, title=title))
        gold.append(str(topic) if level == "topic" else f"{topic}{part}")
    notes = [
        f"{titled} of {len(docs)} documents have a title",
        f"{datelines} datelines dropped",
        f"{sum(not d.text for d in docs)} are a headline alone",
        f"{len(topics)} topics",
    ]
    return LoadedSet(f"ecbplus-{level}", docs, gold, notes)


def read_googlenews(folder: Path) -> LoadedSet:
    from newsprism.cluster import Document

    docs: list[Document] = []
    gold: list[str] = []
    with (folder / "TS").open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if not line.strip():
                continue
            record = json.loads(line)
            docs.append(Document(id=f"googlenews-ts/{number}", text=str(record["text"])))
            gold.append(str(record["cluster"]))
    return LoadedSet("googlenews-ts", docs, gold)


def read_basil(folder: Path) -> LoadedSet:
    from newsprism.cluster import Document

    docs: list[Document] = []
    gold: list[str] = []
    paths = sorted((folder / "articles").glob("*/*.json"))
    for path in paths:
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(p) for p in record.get("body-paragraphs", [])]
        day = dt.date.fromisoformat(record["date"]).toordinal() if record.get("date") else None
        docs.append(
            Document(
                id=f"basil/{path.parent.name}/{path.stem}",
                text="\n".join(p for p in paragraphs if p.strip()),
                title=record.get("title") or None,
                day=day,
            )
        )
        gold.append(str(record["triplet-uuid"]))
    years = sorted({p.parent.name for p in paths})
    notes = [f"{len(set(gold))} events, years {years[0]}-{years[-1]}" if years else "empty"]
    return LoadedSet("basil", docs, gold, notes)


def read_set(name: str, data_dir: Path) -> LoadedSet:
    """A set by name (see SETS), from DATA_DIR (the shared/eval folder), with loading notes."""
    if name == "timeline17":
        return read_timeline17(data_dir / "timeline17")
    if name in ("ecbplus-topic", "ecbplus-subtopic"):
        return read_ecbplus(data_dir / "ecbplus", name.split("-", 1)[1])
    if name == "googlenews-ts":
        return read_googlenews(data_dir / "googlenews-ts")
    if name == "basil":
        return read_basil(data_dir / "basil")
    raise ValueError(f"unknown set {name!r}; known: {', '.join(SETS)}")


def load_set(name: str, data_dir: Path) -> tuple[list[Document], list[str]]:
    """The documents of a set (file order) and their gold story labels, in parallel."""
    loaded = read_set(name, Path(data_dir))
    return loaded.docs, loaded.gold


# --- scoring --------------------------------------------------------------------------------


def _contingency(pred: Labels, gold: Labels) -> tuple[Any, npt.NDArray[np.int64], Any]:
    """Sparse (predicted × gold) counts, plus the integer codes of both labellings."""
    if len(pred) != len(gold):
        raise ValueError(f"{len(pred)} predicted labels for {len(gold)} gold labels")
    _, p = np.unique(np.asarray([str(x) for x in pred]), return_inverse=True)
    _, g = np.unique(np.asarray([str(x) for x in gold]), return_inverse=True)
    ones = np.ones(len(p), dtype=np.int64)
    table = coo_matrix((ones, (p, g)), shape=(p.max() + 1, g.max() + 1)).tocsr()
    table.sum_duplicates()
    return table, p, g


def _entropy(sizes: npt.NDArray[np.float64], n: float) -> float:
    share = sizes[sizes > 0] / n
    return float(-(share * np.log(share)).sum())


def score(pred: Labels, gold: Labels) -> dict[str, float | int]:
    """B-cubed P/R/F1, NMI (arithmetic), ACC (Hungarian) as fractions, and cluster counts."""
    n = len(gold)
    if n == 0:
        raise ValueError("nothing to score")
    table, _, _ = _contingency(pred, gold)
    pred_sizes = np.asarray(table.sum(axis=1)).ravel().astype(np.float64)
    gold_sizes = np.asarray(table.sum(axis=0)).ravel().astype(np.float64)
    cells = table.tocoo()
    counts = cells.data.astype(np.float64)
    rows, cols = cells.row, cells.col

    precision = float((counts**2 / pred_sizes[rows]).sum() / n)
    recall = float((counts**2 / gold_sizes[cols]).sum() / n)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    k_pred, k_gold = len(pred_sizes), len(gold_sizes)
    if k_pred == k_gold == 1:
        nmi = 1.0
    else:
        mi = float((counts / n * np.log(counts * n / (pred_sizes[rows] * gold_sizes[cols]))).sum())
        mi = max(mi, 0.0)
        mean_entropy = (_entropy(pred_sizes, n) + _entropy(gold_sizes, n)) / 2
        nmi = 0.0 if mi == 0.0 else mi / max(mean_entropy, float(np.finfo(np.float64).eps))

    matched_rows, matched_cols = linear_sum_assignment(table.toarray(), maximize=True)
    acc = float(table[matched_rows, matched_cols].sum() / n)

    return {
        "b3_p": precision,
        "b3_r": recall,
        "b3_f1": f1,
        "nmi": nmi,
        "acc": acc,
        "clusters": k_pred,
        "singletons": int((pred_sizes == 1).sum()),
        "gold_clusters": k_gold,
        "docs": n,
    }


# --- embeddings -----------------------------------------------------------------------------


@dataclass(slots=True)
class Embedded:
    vectors: npt.NDArray[np.float32]
    info: dict[str, Any]


def _digest(corpus: str, encoder_id: str, ids: Sequence[str], texts: Sequence[str]) -> str:
    h = hashlib.sha256(f"{corpus}\x1d{encoder_id}\x1d".encode())
    for doc_id, text in zip(ids, texts, strict=True):
        h.update(f"{doc_id}\x1f{text}\x1e".encode())
    return h.hexdigest()[:16]


def embed(
    corpus: str, docs: Sequence[Document], cache_dir: Path = CACHE_DIR, *, compute: bool = True
) -> Embedded | None:
    """Lead-text embeddings of `docs`, from the cache when it has them (see the docstring);
    None when they are not cached and `compute` is false."""
    from newsprism.embedding import Encoder, lead_text

    encoder = Encoder()
    texts = [lead_text(d.title, d.text) for d in docs]
    key = _digest(corpus, encoder.id, [d.id for d in docs], texts)
    npy = cache_dir / f"{corpus}-{key}.npy"
    meta = npy.with_suffix(".json")
    if npy.is_file() and meta.is_file():
        info = json.loads(meta.read_text())
        vectors = np.load(npy)
        if vectors.shape[0] == len(docs):
            return Embedded(vectors, {**info, "cached": True, "cache_file": str(npy)})
    if not compute:
        return None
    encoder.encode(["warm-up: loads the model"])
    started = time.perf_counter()
    vectors = encoder.encode(texts)
    seconds = time.perf_counter() - started
    info = {
        "corpus": corpus,
        "docs": len(docs),
        "encoder": encoder.id,
        "seconds": round(seconds, 2),
        "docs_per_s": round(len(docs) / seconds, 1) if seconds else None,
        "cpus": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "made": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(npy, vectors)
    meta.write_text(json.dumps(info, indent=1) + "\n")
    return Embedded(vectors, {**info, "cached": False, "cache_file": str(npy)})


def shuffled_order(n: int, limit: int | None = None) -> npt.NDArray[np.int64]:
    """The fixed presentation order (seed 0), cut to `limit` documents when given."""
    order = np.random.default_rng(SHUFFLE_SEED).permutation(n)
    return order[:limit] if limit is not None else order


# --- running the systems --------------------------------------------------------------------


def _status_kb(name: str) -> int:
    match = re.search(rf"^{name}:\s+(\d+)", Path("/proc/self/status").read_text(), re.MULTILINE)
    if match is None:
        raise OSError(f"no {name} in /proc/self/status")
    return int(match[1])


def _release_free_memory() -> None:
    """Hand freed heap pages back to the system (glibc), so that memory freed by earlier work
    cannot hide a call's allocations from the peak resident set."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to hand back
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def measured(call: Callable[[], Any]) -> tuple[Any, float, float, str]:
    """The call's result, its wall-clock seconds, its peak memory rise in MB and how that was
    measured (see the docstring)."""
    gc.collect()
    _release_free_memory()
    try:
        Path("/proc/self/clear_refs").write_text("5")
        before = _status_kb("VmRSS")
        method = "vmhwm"
    except OSError:
        tracemalloc.start()
        method = "tracemalloc"
    started = time.perf_counter()
    try:
        result = call()
        seconds = time.perf_counter() - started
    finally:
        if method == "tracemalloc":
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
    peak_mb = (_status_kb("VmHWM") - before) / 1024 if method == "vmhwm" else peak / 2**20
    return result, seconds, peak_mb, method


def run_newsprism(
    docs: Sequence[Document], vectors: npt.NDArray[np.float32], cluster_fn: ClusterFn
) -> tuple[list[str], dict[str, Any]]:
    cluster_fn(docs[:NEWSPRISM_WARMUP_DOCS], vectors[:NEWSPRISM_WARMUP_DOCS])
    labels, seconds, peak_mb, method = measured(lambda: cluster_fn(docs, vectors))
    labels = [str(x) for x in labels]
    if len(labels) != len(docs):
        raise ValueError(f"cluster_documents gave {len(labels)} labels for {len(docs)} documents")
    return labels, {"seconds": seconds, "peak_mb": peak_mb, "peak_mb_method": method}


def _bertopic() -> Any:
    """The BERTopic class and UMAP, or None when BERTopic is not installed."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from bertopic import BERTopic
        from umap import UMAP
    except ImportError:
        return None
    return BERTopic, UMAP


def bertopic_fit(classes: Any, texts: Sequence[str], vectors: npt.NDArray[np.float32]) -> Any:
    bertopic_class, umap_class = classes
    umap_model = umap_class(
        n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=42
    )
    model = bertopic_class(umap_model=umap_model)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # UMAP: "n_jobs value 1 overridden ... random_state"
        topics, _ = model.fit_transform(list(texts), embeddings=vectors)
    return topics


def run_bertopic(
    classes: Any, texts: Sequence[str], vectors: npt.NDArray[np.float32]
) -> tuple[list[str], dict[str, Any]]:
    n = len(texts)
    warm = min(BERTOPIC_WARMUP_DOCS, n) if n < UMAP_APPROXIMATE_FROM else UMAP_APPROXIMATE_FROM
    if warm > 20:
        bertopic_fit(classes, texts[:warm], vectors[:warm])
    topics, seconds, peak_mb, method = measured(lambda: bertopic_fit(classes, texts, vectors))
    topics = [int(t) for t in topics]
    labels = [f"outlier-{i}" if t == -1 else f"topic-{t}" for i, t in enumerate(topics)]
    outliers = sum(t == -1 for t in topics)
    extra = {
        "seconds": seconds,
        "peak_mb": peak_mb,
        "peak_mb_method": method,
        "topics": len({t for t in topics if t != -1}),
        "outlier_share": 100.0 * outliers / len(topics) if topics else 0.0,
    }
    return labels, extra


# --- reporting ------------------------------------------------------------------------------


def row(metrics: dict[str, float | int], extra: dict[str, Any], docs: int) -> dict[str, Any]:
    """One system's JSON entry: metrics in percent, counts, time, memory."""
    out: dict[str, Any] = {
        key: round(100 * float(metrics[key]), 2) for key in ("b3_p", "b3_r", "b3_f1", "nmi", "acc")
    }
    out.update(clusters=metrics["clusters"], singletons=metrics["singletons"])
    seconds = float(extra["seconds"])
    out["seconds"] = round(seconds, 3)
    out["docs_per_s"] = round(docs / seconds, 1) if seconds else None
    out["peak_mb"] = round(float(extra["peak_mb"]), 1)
    out["peak_mb_method"] = extra["peak_mb_method"]
    for key in ("topics", "outlier_share"):
        if key in extra:
            out[key] = round(extra[key], 2) if isinstance(extra[key], float) else extra[key]
    return out


HEADER = (
    f"{'system':12}{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}{'NMI':>7}{'ACC':>7}"
    f"{'clusters':>10}{'single':>8}{'seconds':>9}{'docs/s':>9}{'peak MB':>9}"
)


def format_row(system: str, r: dict[str, Any]) -> str:
    docs_per_s = f"{r['docs_per_s']:9,.0f}" if r["docs_per_s"] else f"{'-':>9}"
    return (
        f"{system:12}{r['b3_p']:7.1f}{r['b3_r']:7.1f}{r['b3_f1']:7.1f}{r['nmi']:7.1f}"
        f"{r['acc']:7.1f}{r['clusters']:10,}{r['singletons']:8,}{r['seconds']:9.2f}"
        f"{docs_per_s}{r['peak_mb']:9.1f}"
    )


def print_published() -> None:
    for system, figures in PUBLISHED.items():
        shown = ", ".join(f"{k.upper()} {v}" for k, v in figures.items())
        print(f"{'':2}published {system}: {shown}  (from memory — verify)")


# --- main -----------------------------------------------------------------------------------


def set_vectors(
    corpus: str, docs: Sequence[Document], order: npt.NDArray[np.int64], limited: bool
) -> tuple[npt.NDArray[np.float32], dict[str, Any]]:
    """The embeddings of `docs` in `order`: rows of the whole corpus's embeddings when cached
    (or, without --limit, computed), else only the chosen documents' (cached under their own
    key)."""
    whole = embed(corpus, docs, compute=not limited)
    if whole is not None:
        return np.ascontiguousarray(whole.vectors[order]), whole.info
    part = embed(corpus, [docs[i] for i in order])
    assert part is not None
    return part.vectors, part.info


def main(argv: Sequence[str] | None = None, cluster_fn: ClusterFn | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated set names")
    parser.add_argument("--no-bertopic", action="store_true", help="skip the BERTopic rows")
    parser.add_argument("--limit", type=int, help="first N documents per set (fixed shuffle)")
    parser.add_argument(
        "--embed-only", action="store_true", help="compute and cache the embeddings, then stop"
    )
    args = parser.parse_args(argv)
    names = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = [s for s in names if s not in SETS]
    if unknown:
        parser.error(f"unknown set(s) {', '.join(unknown)}; known: {', '.join(SETS)}")
    if not args.data_dir.is_dir():
        parser.error(f"{args.data_dir} is not a folder; pass the shared/eval folder as DATA_DIR")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")

    from newsprism.errors import NewsprismError

    loaded = {name: read_set(name, args.data_dir) for name in names}
    if args.embed_only:
        done: dict[str, dict[str, Any]] = {}
        for name in names:
            corpus = SETS[name]
            if corpus in done:
                continue
            try:
                emb = embed(corpus, loaded[name].docs)
            except NewsprismError as exc:
                sys.exit(f"cannot embed: {exc}")
            assert emb is not None
            done[corpus] = emb.info
            origin = "cache" if emb.info["cached"] else "computed"
            print(
                f"{corpus}: {emb.info['docs']:,} docs, {emb.info['docs_per_s']} docs/s when made "
                f"({origin}: {emb.info['cache_file']})",
                flush=True,
            )
        print(json.dumps(done))
        return 0

    if cluster_fn is None:
        from newsprism.cluster import cluster_documents

        cluster_fn = cluster_documents
    bertopic = None
    if not args.no_bertopic:
        bertopic = _bertopic()
        if bertopic is None:
            print("BERTopic is not installed (pip install -e '.[bench]'); its rows are skipped")

    from newsprism.embedding import lead_text

    results: dict[str, Any] = {}
    for name in names:
        data = loaded[name]
        order = shuffled_order(len(data.docs), args.limit)
        docs = [data.docs[i] for i in order]
        gold = [data.gold[i] for i in order]
        try:
            vectors, info = set_vectors(SETS[name], data.docs, order, args.limit is not None)
        except NewsprismError as exc:
            sys.exit(f"cannot embed: {exc}")
        entry: dict[str, Any] = {"docs": len(docs), "gold_clusters": len(set(gold))}
        entry["load_avg_1m"] = round(os.getloadavg()[0], 2)  # other work slows the timings
        print(f"\n## {name}: {len(docs):,} documents, {len(set(gold))} gold clusters")
        if data.notes:
            print("   " + "; ".join(data.notes))
        print(
            f"   embeddings ({info['docs']:,} docs of {info['corpus']}): {info['docs_per_s']} "
            f"docs/s ({info['seconds']} s)"
            + (f", loaded from cache (timing recorded {info['made']})" if info["cached"] else "")
        )
        print(HEADER)
        try:
            labels, extra = run_newsprism(docs, vectors, cluster_fn)
        except NotImplementedError:
            print(f"{'newsprism':12}cluster_documents is not implemented yet (skipped)")
            entry["newsprism"] = None
        else:
            entry["newsprism"] = row(score(labels, gold), extra, len(docs))
            print(format_row("newsprism", entry["newsprism"]))
        if bertopic is not None:
            texts = [lead_text(d.title, d.text) for d in docs]
            labels, extra = run_bertopic(bertopic, texts, vectors)
            entry["bertopic"] = row(score(labels, gold), extra, len(docs))
            print(format_row("BERTopic", entry["bertopic"]))
            print(
                f"   BERTopic: {entry['bertopic']['topics']} topics, "
                f"{entry['bertopic']['outlier_share']:.1f}% outliers (scored as singletons)"
            )
        else:
            entry["bertopic"] = None
        if name == "googlenews-ts":
            print_published()
            entry["published"] = PUBLISHED
            entry["published_note"] = PUBLISHED_CAVEAT
        entry["embedding"] = {k: v for k, v in info.items() if k != "cache_file"}
        entry["notes"] = data.notes
        if args.limit is not None:
            entry["limit"] = args.limit
        results[name] = entry
    print("\nB3/NMI/ACC in percent; seconds = the clustering call alone (embeddings given)")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
