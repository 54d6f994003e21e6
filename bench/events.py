"""Benchmark: who-did-what-to-whom event coding (PLOVER types, actor, target) on PLOVER's gold.

What it measures, on two sets under DATA_DIR (default ../shared/eval/plover-gsr):

1. `PLOVER_GSR_CAMEO.txt` -- the PLOVER gold standard records (GSR v0.5b1, 322 English
   sentences, one coded event each). GSR type names are mapped to the 16-type ontology newsprism
   codes (PLOVER/POLECAT 2023): DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE,
   FIGHT -> ASSAULT; the others are the same. For each record:
   - type accuracy@1: the first event newsprism gives for the sentence (events come most
     central first) has the gold type; a sentence with no event counts wrong;
   - type recall@any: the gold type is among the sentence's events;
   - macro-F1 over types of the first event's type (no event = the label NONE);
   - coverage: sentences with at least one event;
   - actor / target match, on the records whose first event has the gold type: the predicted
     actor text shares a content word with a gold source `actorText` (case-folded, either way
     round); a record without a gold target is right when no target is predicted.
2. `petrarch2_unittest/text/PETR.UnitTest.records.xml` -- PETRARCH2's own unit-test sentences
   with the codings PETRARCH2 is expected to give (CAMEO codes, invented countries: Arnor,
   Gondor, ...). The CAMEO root maps to PLOVER by our approximation of the PLOVER README's table:
   01 public statement and 03 intent to cooperate -> no event; 02 and 10 -> REQUEST; 04 CONSULT;
   05 COOPERATE (051 praise -> SUPPORT); 06 COOPERATE; 07 AID; 08 CONCEDE (087 de-escalate ->
   RETREAT); 09 and 11 -> ACCUSE; 12 REJECT; 13 THREATEN; 14 PROTEST; 15 MOBILIZE; 16 SANCTION;
   17 COERCE; 18, 19, 20 -> ASSAULT. Scored per sentence as sets of types: precision (predicted
   types some expected coding has), recall (expected codings whose type was predicted), F1;
   sentences whose expected codings all map to no event count predictions as false positives.
   Actor codes there are PETRARCH dictionary codes for invented names, so actors are not scored
   on this part (a smoke test of type coding only, as its README advises).

Systems, on the same sentences: `newsprism` (`newsprism.extract.events.code_texts`),
`majority` (every sentence gets the most common gold type; a floor), and `lexicon` (the first
word whose lower-cased form starts with a verb stem of a small hand-written table; a floor that
shows what a keyword coder gets).

No published system scores exist for these files (the GSR is a reference set; POLECAT's
classifier figures are on data that is not public), so the table prints none.

Usage: python bench/events.py [DATA_DIR] [--systems newsprism,majority,lexicon]
The last line of stdout is one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "plover-gsr"
GSR_TO_PLOVER = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
CAMEO_ROOT = {
    "01": None,
    "02": "REQUEST",
    "03": None,
    "04": "CONSULT",
    "05": "COOPERATE",
    "06": "COOPERATE",
    "07": "AID",
    "08": "CONCEDE",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "20": "ASSAULT",
}
LEXICON = {
    "AGREE": "agree sign accept offer promis",
    "CONSULT": "meet visit talk negotiat host",
    "SUPPORT": "support prais endors welcom back",
    "CONCEDE": "releas free eas lift conced",
    "COOPERATE": "cooperat collaborat coordinat",
    "AID": "aid donat provid sent send gave",
    "RETREAT": "withdr retreat pull evacuat",
    "REQUEST": "demand urg call ask appeal",
    "ACCUSE": "accus blam critic condemn investigat",
    "REJECT": "reject refus deni declin",
    "THREATEN": "threat warn",
    "PROTEST": "protest demonstrat rall march strik",
    "SANCTION": "sanction ban expel sever suspend",
    "MOBILIZE": "mobiliz deploy mass",
    "COERCE": "arrest detain seiz deport",
    "ASSAULT": "attack kill bomb shell fire",
}
STOP = frozenset(
    ["the", "a", "an", "of", "and", "in", "on", "to", "for", "its", "his", "her", "their"]
)

Coder = Callable[[list[str]], list[list[dict[str, Any]]]]


def cameo_to_plover(code: str) -> str | None:
    code = code.strip()
    if code.startswith("051"):
        return "SUPPORT"
    if code.startswith("087"):
        return "RETREAT"
    return CAMEO_ROOT.get(code[:2])


def actor_texts(actors: Any) -> list[str]:
    """Gold actors are lists of {actorText, code}; a few records give a bare string."""
    if isinstance(actors, str):
        return [actors] if actors.strip() else []
    return [a.get("actorText", "") if isinstance(a, dict) else str(a) for a in actors or []]


def load_gsr(data_dir: Path) -> list[dict[str, Any]]:
    records = json.loads((data_dir / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    out = []
    for r in records:
        if r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        out.append(
            {
                "text": " ".join(r["text"].split()),
                "type": GSR_TO_PLOVER.get(r["event"], r["event"]),
                "sources": actor_texts(r.get("source")),
                "targets": actor_texts(r.get("target")),
            }
        )
    return out


def load_petrarch(data_dir: Path) -> list[dict[str, Any]]:
    path = data_dir / "petrarch2_unittest" / "text" / "PETR.UnitTest.records.xml"
    if not path.is_file():
        return []
    root = ET.parse(path).getroot()
    out = []
    for sentence in root.iter("Sentence"):
        text = sentence.findtext("Text") or ""
        codes = [c.get("eventcode", "") for c in sentence.iter("EventCoding")]
        types = {cameo_to_plover(c) for c in codes if c and not c.startswith("-")}
        out.append({"text": " ".join(text.split()), "types": sorted(t for t in types if t)})
    return out


def words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"\w+", (text or "").casefold()) if w not in STOP}


def actor_match(predicted: str | None, gold: Sequence[str]) -> bool:
    if not gold:
        return predicted is None
    return bool(predicted) and any(words(predicted) & words(g) for g in gold)


def score_gsr(records: list[dict[str, Any]], coded: list[list[dict[str, Any]]]) -> dict[str, Any]:
    n = len(records)
    first = [c[0] if c else None for c in coded]
    right = [f is not None and f["type"] == r["type"] for f, r in zip(first, records, strict=True)]
    anyhit = sum(r["type"] in {e["type"] for e in c} for r, c in zip(records, coded, strict=True))
    labels = sorted({r["type"] for r in records} | {f["type"] for f in first if f})
    f1s = []
    for label in labels:
        tp = sum(ok and r["type"] == label for ok, r in zip(right, records, strict=True))
        pred = sum(1 for f in first if f and f["type"] == label)
        gold = sum(1 for r in records if r["type"] == label)
        p = tp / pred if pred else 0.0
        rr = tp / gold if gold else 0.0
        f1s.append(2 * p * rr / (p + rr) if p + rr else 0.0)
    typed = [(f, r) for f, r, ok in zip(first, records, right, strict=True) if ok]
    actors = sum(actor_match(f.get("actor_text"), r["sources"]) for f, r in typed)
    targets = sum(actor_match(f.get("target_text"), r["targets"]) for f, r in typed)
    return {
        "records": n,
        "accuracy_at_1": round(sum(right) / n, 4),
        "recall_any": round(anyhit / n, 4),
        "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
        "coverage": round(sum(1 for c in coded if c) / n, 4),
        "actor_match": round(actors / len(typed), 4) if typed else 0.0,
        "target_match": round(targets / len(typed), 4) if typed else 0.0,
    }


def score_petrarch(
    records: list[dict[str, Any]], coded: list[list[dict[str, Any]]]
) -> dict[str, Any]:
    tp_p = n_pred = tp_r = n_gold = 0
    for r, c in zip(records, coded, strict=True):
        predicted = {e["type"] for e in c}
        expected = set(r["types"])
        n_pred += len(predicted)
        tp_p += len(predicted & expected)
        n_gold += len(expected)
        tp_r += len(expected & predicted)
    p = tp_p / n_pred if n_pred else 0.0
    rr = tp_r / n_gold if n_gold else 0.0
    return {
        "sentences": len(records),
        "expected_types": n_gold,
        "precision": round(p, 4),
        "recall": round(rr, 4),
        "f1": round(2 * p * rr / (p + rr), 4) if p + rr else 0.0,
    }


def majority_coder(label: str) -> Coder:
    return lambda texts: [[{"type": label, "actor_text": None, "target_text": None}] for _ in texts]


def lexicon_coder(texts: list[str]) -> list[list[dict[str, Any]]]:
    table = [(stem, kind) for kind, stems in LEXICON.items() for stem in stems.split()]
    out = []
    for text in texts:
        found = []
        for word in re.findall(r"[a-z]+", text.lower()):
            kind = next((k for stem, k in table if word.startswith(stem)), None)
            if kind:
                found.append({"type": kind, "actor_text": None, "target_text": None})
                break
        out.append(found)
    return out


def newsprism_coder() -> Coder | None:
    try:
        from newsprism.extract.events import code_texts
    except ImportError:
        return None
    code_texts(["Warm-up: Valdoria met Ostrava."])
    return code_texts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--systems", default="newsprism,majority,lexicon")
    args = parser.parse_args(argv)
    if not (args.data_dir / "PLOVER_GSR_CAMEO.txt").is_file():
        parser.error(f"{args.data_dir}: no PLOVER_GSR_CAMEO.txt")
    gsr = load_gsr(args.data_dir)
    petr = load_petrarch(args.data_dir)
    counts = Counter(r["type"] for r in gsr)
    print(f"GSR: {len(gsr)} records; types (mapped): {dict(counts.most_common())}")
    print(
        f"PETRARCH2 unit tests: {len(petr)} sentences, "
        f"{sum(len(r['types']) for r in petr)} expected event types after CAMEO->PLOVER"
    )
    systems: dict[str, Coder] = {}
    for name in args.systems.split(","):
        if name == "newsprism":
            coder = newsprism_coder()
            if coder is None:
                print("newsprism: newsprism.extract.events is not importable — row skipped")
                continue
            systems[name] = coder
        elif name == "majority":
            systems[name] = majority_coder(counts.most_common(1)[0][0])
        elif name == "lexicon":
            systems[name] = lexicon_coder
    results: dict[str, Any] = {}
    print(
        f"\n{'system':10} {'acc@1':>6} {'any':>6} {'macroF1':>8} {'cover':>6} "
        f"{'actor':>6} {'target':>6} | PETR P / R / F1 | sent/s"
    )
    for name, coder in systems.items():
        t0 = time.perf_counter()
        coded_gsr = coder([r["text"] for r in gsr])
        coded_petr = coder([r["text"] for r in petr]) if petr else []
        seconds = time.perf_counter() - t0
        g = score_gsr(gsr, coded_gsr)
        p = score_petrarch(petr, coded_petr) if petr else {}
        rate = (len(gsr) + len(petr)) / seconds if seconds else 0.0
        results[name] = {"gsr": g, "petrarch": p, "sentences_per_s": round(rate, 1)}
        print(
            f"{name:10} {100 * g['accuracy_at_1']:6.1f} {100 * g['recall_any']:6.1f} "
            f"{100 * g['macro_f1']:8.1f} {100 * g['coverage']:6.1f} {100 * g['actor_match']:6.1f} "
            f"{100 * g['target_match']:6.1f} | {100 * p.get('precision', 0):.1f} / "
            f"{100 * p.get('recall', 0):.1f} / {100 * p.get('f1', 0):.1f} | {rate:,.0f}"
        )
    print("\npublished: none for these files (GSR is a reference set; the PETRARCH2 part scores")
    print("against PETRARCH2's own expected codings, mapped from CAMEO to PLOVER by root code)")
    print(
        json.dumps({"gsr_records": len(gsr), "petrarch_sentences": len(petr), "systems": results})
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
