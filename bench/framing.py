"""Benchmark: per-outlet framing measures on BASIL (the same event told by Fox News, the New
York Times and HuffPost, with annotated bias spans and article-level feelings).

What it measures, over the triplets of the years given (default 2010-2015):
a) Tone against the annotation: each article's `author_feeling_<entity>` (neg / neu / pos)
   against newsprism's tone for that outlet and entity (`measure_framing` after the real
   annotate and extract stages, each triplet one story): mean tone per annotated feeling, and
   the accuracy of the tone's sign (|tone| < 0.05 reads neutral) with the majority floor.
b) Lean: the difference in tone toward politicians of each party between Fox and HuffPost in
   the same triplet (Democrats should fare worse at Fox, Republicans at HuffPost): the share of
   comparisons with the expected sign (chance 50 %), and outlet means of every measure.
c) Lexical bias: at sentence level, newsprism's loaded-language flag (a sentence with a loaded
   word) against sentences holding a BASIL lexical-bias span: precision, recall, F1, with the
   all-sentences floor and the random floor at the base rate.
d) Informational bias: hedges per sentence in sentences with an informational-bias span
   against the others (a sign of whether hedging says anything about it).

BASIL's annotators mark bias from reading; newsprism's measures are word-list rates, so this is
a development benchmark of what they can and cannot see. Fan et al. (2019) report baselines
for lexical- and informational-bias detection, not transcribed in the eval README; none are
printed here.

Usage: python bench/framing.py [DATA_DIR] [--years 2010-2015]
The last line of stdout is one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from statistics import mean

from newsprism.compare.framing import hedges, loaded_words, measure_framing
from newsprism.extract import extract_story
from newsprism.model import (
    Article,
    DateValue,
    Story,
    article_id,
    content_id,
    normalise_for_hash,
    story_id,
)
from newsprism.pipeline import annotate_story, extract_stage
from newsprism.settings import Settings
from newsprism.store import Store

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "basil"


def _names(text: str) -> list[str]:
    return text.split()


OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}
# Party of politicians BASIL's 2010-2015 events name most (public record), by surname.
DEMOCRATS = frozenset(
    _names(
        "obama clinton pelosi reid biden holder kerry sebelius emanuel weiner cuomo sanders "
        "schumer durbin warren"
    )
)
REPUBLICANS = frozenset(
    _names(
        "romney boehner mcconnell cruz ryan christie palin trump bush rubio perry akin cantor "
        "santorum gingrich paul walker issa cain huckabee bachmann jindal graham mccain"
    )
)
NEUTRAL = 0.05


def read_triplets(data_dir: Path, years: Sequence[int]) -> dict[str, list[tuple[dict, dict]]]:
    triplets: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
    for year in years:
        for path in sorted((data_dir / "articles" / str(year)).glob("*.json")):
            article = json.loads(path.read_text(encoding="utf-8"))
            ann_path = data_dir / "annotations" / str(year) / f"{path.stem}_ann.json"
            ann = json.loads(ann_path.read_text(encoding="utf-8")) if ann_path.exists() else {}
            triplets[article["triplet-uuid"]].append((article, ann))
    return triplets


def to_article(raw: dict) -> Article:
    text = "\n".join(" ".join(p) for p in raw["body-paragraphs"])
    source = OUTLETS.get(raw["source"].lower(), raw["source"])
    return Article(
        id=article_id(text, raw.get("url")),
        text=text,
        source=source,
        url=raw.get("url"),
        title=raw.get("title"),
        published=DateValue(value=raw["date"], granularity="day", kind="explicit"),
        language="en",
    )


def feeling_of(ann: dict) -> dict[str, str]:
    """{entity name as BASIL writes it (spaces): neg|neu|pos} from the article-level labels."""
    level = ann.get("article-level-annotations", {})
    return {
        k.removeprefix("author_feeling_").replace("_", " "): v
        for k, v in level.items()
        if k.startswith("author_feeling_")
        and k != "author_feeling_main_event"
        and v in ("neg", "neu", "pos")
    }


def party(name: str) -> str | None:
    last = name.split()[-1].lower() if name.split() else ""
    return "D" if last in DEMOCRATS else "R" if last in REPUBLICANS else None


def prf(gold: Sequence[bool], pred: Sequence[bool]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--years", default="2010-2015")
    args = parser.parse_args(argv)
    first, _, last = args.years.partition("-")
    years = list(range(int(first), int(last or first) + 1))
    triplets = read_triplets(args.data_dir, years)
    settings = Settings()
    t0 = time.perf_counter()
    tone_pairs: list[tuple[str, float]] = []  # (annotated feeling, our tone)
    lean: list[tuple[str, float]] = []  # (party, tone at Fox - tone at HuffPost)
    by_outlet: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    lex_gold: list[bool] = []
    lex_pred: list[bool] = []
    inf_hedges: dict[bool, list[int]] = {True: [], False: []}
    n_articles = 0
    with Store(":memory:") as store:
        for _, members in sorted(triplets.items()):
            articles = [to_article(raw) for raw, _ in members]
            store.put_articles(
                [(a, content_id(normalise_for_hash(a.text)), b"", ()) for a in articles]
            )
            n_articles += len(articles)
            story = Story(
                id=story_id(tuple(a.id for a in articles)),
                article_ids=tuple(a.id for a in articles),
            )
            full, story, anns = annotate_story(story, articles, settings, store)
            found = extract_stage(full, anns, store)
            story = extract_story(story, full, found)
            framing = measure_framing(story, full, anns)
            names = {e.id: e.name for e in story.entities}
            tone_at: dict[tuple[str, str], float] = {}
            for f in framing:
                tone_at[(f.source, names[f.actor].lower())] = f.tone
                by_outlet[f.source]["tone"].append(f.tone)
                by_outlet[f.source]["hedging"].append(f.hedging)
                by_outlet[f.source]["loaded"].append(f.loaded)
                by_outlet[f.source]["voice"].append(f.voice)
            for (raw, ann), article in zip(members, articles, strict=True):
                for name, feeling in feeling_of(ann).items():
                    last_name = name.split()[-1].lower()
                    match = [
                        t
                        for (src, ent), t in tone_at.items()
                        if src == article.source and last_name in ent.split()
                    ]
                    if match:
                        tone_pairs.append((feeling, match[0]))
                spans = ann.get("phrase-level-annotations", [])
                for paragraph in raw["body-paragraphs"]:
                    for sentence in paragraph:
                        has = [s for s in spans if s.get("txt") and s["txt"] in sentence]
                        lex_gold.append(any(s.get("bias") == "lex" for s in has))
                        lex_pred.append(bool(loaded_words(sentence)))
                        inf_hedges[any(s.get("bias") == "inf" for s in has)].append(
                            hedges(sentence)
                        )
            fox = {ent: t for (src, ent), t in tone_at.items() if src == "Fox News"}
            hpo = {ent: t for (src, ent), t in tone_at.items() if src == "HuffPost"}
            for ent in fox.keys() & hpo.keys():
                side = party(ent)
                if side:
                    lean.append((side, fox[ent] - hpo[ent]))
    elapsed = time.perf_counter() - t0
    by_feeling = {
        k: round(mean(t for f, t in tone_pairs if f == k), 4)
        for k in ("neg", "neu", "pos")
        if any(f == k for f, _ in tone_pairs)
    }

    def sign(t: float) -> str:
        return "neu" if abs(t) < NEUTRAL else "pos" if t > 0 else "neg"

    sign_acc = mean(sign(t) == f for f, t in tone_pairs) if tone_pairs else 0.0
    majority = max(("neg", "neu", "pos"), key=lambda k: sum(f == k for f, _ in tone_pairs))
    majority_acc = mean(f == majority for f, _ in tone_pairs) if tone_pairs else 0.0
    expected = [d < 0 if p == "D" else d > 0 for p, d in lean if d != 0]
    base = mean(lex_gold) if lex_gold else 0.0
    rng = random.Random(0)
    random_pred = [rng.random() < base for _ in lex_gold]
    result = {
        "triplets": len(triplets),
        "articles": n_articles,
        "tone_vs_annotated_feeling": {
            "pairs": len(tone_pairs),
            "mean_tone_by_feeling": by_feeling,
            "sign_accuracy": round(100 * sign_acc, 1),
            "majority_floor": round(100 * majority_acc, 1),
            "majority_label": majority,
        },
        "lean_fox_minus_huffpost": {
            "comparisons": len(expected),
            "expected_sign_share": round(100 * mean(expected), 1) if expected else None,
            "chance": 50.0,
            "mean_diff_democrats": round(mean(d for p, d in lean if p == "D"), 4)
            if any(p == "D" for p, _ in lean)
            else None,
            "mean_diff_republicans": round(mean(d for p, d in lean if p == "R"), 4)
            if any(p == "R" for p, _ in lean)
            else None,
        },
        "outlet_means": {
            src: {k: round(mean(v), 4) for k, v in m.items()} for src, m in by_outlet.items()
        },
        "lexical_bias_sentences": {
            "sentences": len(lex_gold),
            "base_rate": round(base, 4),
            "loaded_flag": prf(lex_gold, lex_pred),
            "floor_all_positive": prf(lex_gold, [True] * len(lex_gold)),
            "floor_random": prf(lex_gold, random_pred),
        },
        "hedges_per_sentence": {
            "with_informational_bias": round(mean(inf_hedges[True]), 4)
            if inf_hedges[True]
            else None,
            "without": round(mean(inf_hedges[False]), 4) if inf_hedges[False] else None,
        },
        "seconds": round(elapsed, 1),
        "articles_per_s": round(n_articles / elapsed, 2),
    }
    t = result["tone_vs_annotated_feeling"]
    print(f"BASIL {years[0]}-{years[-1]}: {len(triplets)} triplets, {n_articles} articles")
    print(f"a) tone vs annotated author feeling ({t['pairs']} article-entity pairs)")
    print(f"   mean tone by feeling: {t['mean_tone_by_feeling']}")
    print(
        f"   sign accuracy {t['sign_accuracy']} % (majority '{majority}' {t['majority_floor']} %)"
    )
    ln = result["lean_fox_minus_huffpost"]
    print(
        f"b) Fox minus HuffPost tone: expected sign in {ln['expected_sign_share']} % of "
        f"{ln['comparisons']} (chance 50); Democrats {ln['mean_diff_democrats']}, "
        f"Republicans {ln['mean_diff_republicans']}"
    )
    for src, m in sorted(result["outlet_means"].items()):
        print(f"   {src:16} " + "  ".join(f"{k} {v:+.3f}" for k, v in m.items()))
    lx = result["lexical_bias_sentences"]
    print(f"c) lexical-bias sentences (base rate {lx['base_rate']}, n={lx['sentences']}):")
    for name in ("loaded_flag", "floor_all_positive", "floor_random"):
        print(f"   {name:20} {lx[name]}")
    print(f"d) hedges per sentence, informational bias vs not: {result['hedges_per_sentence']}")
    print("   Fan et al. (2019) baselines: not transcribed in the eval README; none printed.")
    print(f"{result['articles_per_s']} articles/s ({result['seconds']} s, annotate+extract incl.)")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
