"""Benchmark: per-outlet framing of a story's actors on BASIL (one event told by Fox News, the
New York Times and HuffPost, with article-level feelings and phrase-level bias spans).

A development benchmark: the measures' window, threshold and word lists were chosen while
looking at these numbers (there is no held-out part: only the 2010-2015 triplets are present).

Data (read at run time from DATA_DIR, `shared/eval/basil` beside the repository; nothing from it
is copied here): `articles/<year>/<triplet>_<n>.json` (`source` fox/nyt/hpo in any case, `date`,
`body-paragraphs` as lists of sentences) and `annotations/<year>/<triplet>_<n>_ann.json`:
`article-level-annotations` (`author_feeling_<Entity_Name>`: neg/neu/pos, `relative_stance`:
left/liberal/center/right/conservative) and `phrase-level-annotations` (`bias`: lex/inf, `id`
"p<k>": the span lies in sentence k of the body, counted over all paragraphs; `start`/`end`:
offsets inside that sentence; spans of the title, id "title", are not in the body: skipped).

Each triplet is one story through the real stages: `Article`s built from the JSON (text = the
paragraphs, sentences joined by a space, paragraphs by a newline; source = the lower-cased
outlet), `annotate_story`, `extract_story_stage` (in-memory store, default settings), then
`measure_framing`. Time and articles/s include annotate and extract.

a) Tone against the annotators: each article's `author_feeling_<entity>` is paired with our
   tone for that outlet and the story entity its name matches (shared name words, ignoring
   "administration", "officials", "campaign"...). Spearman correlation (feeling coded -1/0/1;
   floor 0, with a 95 % bootstrap interval over pairs), ROC AUC of low tone for "neg" and of
   high tone for "pos" (chance 0.5), sign accuracy (|tone| < 0.05 reads "neu") against always
   saying the majority label; overall and per outlet.
b) Lean (Fox right, NYT centre, HuffPost left): politicians' party by surname (`DEMOCRATS`,
   `REPUBLICANS`: public record, written here) and party groups ("Republicans"). Fox minus
   HuffPost tone toward the same politician should be below 0 for Democrats and above 0 for
   Republicans (share with the expected sign, chance 50 %); each outlet's mean tone toward
   Republicans minus Democrats (expected Fox > NYT > HuffPost); its Spearman correlation with
   the article's annotated `relative_stance`. An outlet classifier: nearest centroid over the
   outlet's measures centred within the triplet (mean tone, hedging and loaded rates weighted
   by sentences, Republican minus Democrat voice and tone), leave-one-triplet-out; chance 1/3,
   and the same procedure with the outlet labels shuffled within each triplet (200 times).
c) Lexical bias: at sentence level (BASIL's own sentences), the loaded-language flag (a
   sentence with a loaded word, `loaded_words`) against sentences holding a "lex" span:
   precision, recall, F1; floors: every sentence positive, and random at the base rate
   (expected P = R = F1 = base rate). Also: only sentences naming a story actor (what framing
   reads), and without the words of our lists that also occur in a 40-span sample of BASIL's
   lexical spans read while writing the lists (`SEEN`), to show how much that sample helped.
d) Informational bias ("inf": what facts are told, not how): hedge flag and negative-tone flag
   (sentence tone <= -0.05) against sentences holding an "inf" span, with the same floors, and
   ROC AUC of hedges per sentence and of low tone (chance 0.5).

Published numbers: Fan et al. (2019) report baselines for lexical- and informational-bias
detection, but the eval README does not transcribe their values, so none are printed here.

Usage: python bench/framing.py [DATA_DIR] [--years 2010-2015]
The last line of stdout is one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Any

import numpy as np

from newsprism.compare.framing import (
    ACTOR_KINDS,
    hedges,
    loaded_words,
    measure_framing,
    tone_of,
    verb_forms,
)
from newsprism.model import (
    Article,
    DateValue,
    Entity,
    Framing,
    Story,
    article_id,
    content_id,
    normalise_for_hash,
    story_id,
)
from newsprism.pipeline import annotate_story, extract_story_stage
from newsprism.settings import Settings
from newsprism.store import Store

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "basil"
OUTLETS = ("fox", "nyt", "hpo")
NEUTRAL = 0.05
FEELING = {"neg": -1, "neu": 0, "pos": 1}
STANCE = {"left": -1, "liberal": -1, "center": 0, "right": 1, "conservative": 1}
# Party of politicians BASIL's 2010-2015 events name (public record), by surname, and groups.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DEMOCRATS = _words(
    "obama clinton pelosi reid biden holder kerry sebelius emanuel weiner cuomo sanders schumer "
    "durbin warren democrats dems"
)
REPUBLICANS = _words(
    "romney boehner mcconnell cruz ryan christie palin trump bush rubio perry akin cantor "
    "santorum gingrich paul walker issa cain huckabee bachmann jindal graham mccain republicans "
    "gop"
)
# Words of BASIL entity names that say which part of an actor, not which actor.
GENERIC = _words("the of administration officials official lawmakers campaign")
# List words that also occur in the 40 lexical-bias spans read while writing the lists.
SEEN_BASES = _words(
    "forcefully clearly aggressively complain rebuff swipe hail vow demagogue scoff"
)
SEEN = frozenset(f for w in SEEN_BASES for f in (verb_forms(w) | {w}))
_TOKEN = re.compile(r"[a-z][a-z'’.-]*")


@dataclass
class Sentence:
    """One BASIL sentence: its outlet, our text offsets, and the bias spans it holds."""

    source: str
    text: str
    lex: bool
    inf: bool
    names_actor: bool = False


@dataclass
class Tally:
    feeling: list[tuple[str, str, float]] = field(default_factory=list)  # outlet, gold, tone
    fox_minus_hpo: list[tuple[str, float]] = field(default_factory=list)  # party, difference
    r_minus_d: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    stance: list[tuple[int, float]] = field(default_factory=list)  # annotated, R - D tone
    features: list[tuple[str, str, list[float]]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    outlet_means: dict[str, dict[str, list[float]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    title_spans: int = 0


# -- reading BASIL ---------------------------------------------------------------------------


def read_triplets(data_dir: Path, years: Iterable[int]) -> dict[str, list[tuple[dict, dict]]]:
    triplets: dict[str, list[tuple[dict, dict]]] = defaultdict(list)
    for year in years:
        for path in sorted((data_dir / "articles" / str(year)).glob("*.json")):
            raw = json.loads(path.read_text(encoding="utf-8"))
            ann_path = data_dir / "annotations" / str(year) / f"{path.stem}_ann.json"
            ann = json.loads(ann_path.read_text(encoding="utf-8")) if ann_path.exists() else {}
            triplets[raw["triplet-uuid"]].append((raw, ann))
    return triplets


def to_article(raw: dict) -> tuple[Article, list[tuple[int, int]]]:
    """The article and the offsets of each BASIL sentence in its text."""
    offsets, parts, at = [], [], 0
    for p, paragraph in enumerate(raw["body-paragraphs"]):
        if p:
            at += 1  # the newline between paragraphs
        for s, sentence in enumerate(paragraph):
            if s:
                at += 1  # the space between sentences
            offsets.append((at, at + len(sentence)))
            at += len(sentence)
        parts.append(" ".join(paragraph))
    text = "\n".join(parts)
    article = Article(
        id=article_id(text, raw.get("url")),
        text=text,
        source=raw["source"].lower(),
        url=raw.get("url"),
        title=raw.get("title"),
        published=DateValue(value=raw["date"], granularity="day", kind="explicit"),
        language="en",
    )
    return article, offsets


def _tokens(name: str) -> set[str]:
    words = {re.sub(r"(?:['’]s|s)$", "", w) for w in _TOKEN.findall(name.lower())}
    return words - GENERIC - {""}


def match_entity(name: str, entities: Sequence[Entity]) -> Entity | None:
    """The story actor sharing most name words with a BASIL entity name (most mentioned on
    ties), or None."""
    wanted = _tokens(name.replace("_", " "))
    best: tuple[int, int, str] | None = None
    found = None
    for e in entities:
        shared = len(wanted & _tokens(" ".join((e.name, *e.aliases))))
        key = (shared, len(e.mentions), e.id)
        if shared and (best is None or key > best):
            best, found = key, e
    return found


def party(entity: Entity) -> str | None:
    last = entity.name.split()[-1].lower() if entity.name.split() else ""
    return "D" if last in DEMOCRATS else "R" if last in REPUBLICANS else None


# -- scores (numpy only) ---------------------------------------------------------------------


def prf(gold: Sequence[bool], pred: Sequence[bool]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def floors(gold: Sequence[bool]) -> dict[str, Any]:
    base = mean(gold) if gold else 0.0
    return {
        "base_rate": round(base, 4),
        "all_positive": prf(gold, [True] * len(gold)),
        "random_at_base_rate": {
            "precision": round(base, 3),
            "recall": round(base, 3),
            "f1": round(base, 3),
        },
    }


def _ranks(x: Sequence[float]) -> np.ndarray:
    a = np.asarray(x, dtype=float)
    order = a.argsort(kind="mergesort")
    ranks = np.empty(len(a))
    ranks[order] = np.arange(len(a), dtype=float)
    for value in np.unique(a):  # ties share their mean rank
        tie = a == value
        ranks[tie] = ranks[tie].mean()
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float | None:
    if len(x) < 3:
        return None
    rx, ry = _ranks(x), _ranks(y)
    if rx.std() == 0 or ry.std() == 0:
        return None
    return round(float(np.corrcoef(rx, ry)[0, 1]), 3)


def spearman_ci(x: Sequence[float], y: Sequence[float], n: int = 1000) -> list[float] | None:
    if len(x) < 10:
        return None
    rng = np.random.default_rng(0)
    xa, ya = np.asarray(x), np.asarray(y)
    values = []
    for _ in range(n):
        pick = rng.integers(0, len(xa), len(xa))
        r = spearman(xa[pick].tolist(), ya[pick].tolist())
        if r is not None:
            values.append(r)
    if not values:  # every resample constant (a small sample, e.g. one year): no interval
        return None
    return [
        round(float(np.percentile(values, 2.5)), 3),
        round(float(np.percentile(values, 97.5)), 3),
    ]


def auc(positive: Sequence[bool], score: Sequence[float]) -> float | None:
    """ROC AUC (Mann-Whitney, ties count half)."""
    n_pos = sum(positive)
    n_neg = len(positive) - n_pos
    if not n_pos or not n_neg:
        return None
    r = _ranks(score)
    rank_sum = float(r[np.asarray(positive, dtype=bool)].sum()) + n_pos  # 1-based
    return round((rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg), 3)


def classify(features: list[tuple[str, str, list[float]]], shuffles: int = 0) -> dict[str, Any]:
    """Leave-one-triplet-out nearest centroid over standardised, triplet-centred features.

    With `shuffles`, also the same procedure's accuracy with the outlet labels shuffled within
    each triplet (mean, 5th and 95th percentile over the shuffles): the empirical chance floor.
    """
    if not features:
        return {"accuracy": None}
    groups = np.array([g for g, _, _ in features])
    labels = np.array([o for _, o, _ in features])
    x = np.array([f for _, _, f in features], dtype=float)
    for g in np.unique(groups):
        x[groups == g] -= x[groups == g].mean(axis=0)
    x /= x.std(axis=0) + 1e-9

    def accuracy(labels: np.ndarray) -> float:
        right = 0
        for g in np.unique(groups):
            train = groups != g
            centroids = {o: x[train & (labels == o)].mean(axis=0) for o in OUTLETS}
            for row, label in zip(x[~train], labels[~train], strict=True):
                guess = min(OUTLETS, key=lambda o: float(((row - centroids[o]) ** 2).sum()))
                right += guess == label
        return 100 * right / len(labels)

    out: dict[str, Any] = {"accuracy": round(accuracy(labels), 1), "chance": 33.3}
    if shuffles:
        rng = np.random.default_rng(0)
        floor = []
        for _ in range(shuffles):
            shuffled = labels.copy()
            for g in np.unique(groups):
                shuffled[groups == g] = rng.permutation(labels[groups == g])
            floor.append(accuracy(shuffled))
        out["shuffled_floor"] = round(float(np.mean(floor)), 1)
        out["shuffled_p05"] = round(float(np.percentile(floor, 5)), 1)
        out["shuffled_p95"] = round(float(np.percentile(floor, 95)), 1)
    out["n"] = len(labels)
    return out


# -- one triplet -----------------------------------------------------------------------------


def _weighted(fs: Sequence[Framing], attr: str) -> float:
    total = sum(f.sentences for f in fs)
    return sum(getattr(f, attr) * f.sentences for f in fs) / total if total else 0.0


def score_triplet(
    members: list[tuple[dict, dict]], store: Store, settings: Settings, tally: Tally, key: str
) -> int:
    built = [to_article(raw) for raw, _ in members]
    articles = [a for a, _ in built]
    store.put_articles([(a, content_id(normalise_for_hash(a.text)), b"", ()) for a in articles])
    story = Story(
        id=story_id(tuple(a.id for a in articles)), article_ids=tuple(a.id for a in articles)
    )
    full, story, anns = annotate_story(story, articles, settings, store)
    story = extract_story_stage(story, full, anns, store)
    framing = measure_framing(story, full, anns)

    actors = [e for e in story.entities if e.kind in ACTOR_KINDS]
    by_id = {e.id: e for e in actors}
    tone = {(f.source, f.actor): f.tone for f in framing}
    per_outlet: dict[str, list[Framing]] = defaultdict(list)
    for f in framing:
        per_outlet[f.source].append(f)
        for attr in ("tone", "hedging", "loaded", "voice"):
            tally.outlet_means[f.source][attr].append(getattr(f, attr))

    for (_, ann), (article, offsets) in zip(members, built, strict=True):
        level = ann.get("article-level-annotations", {})
        # a) the annotators' feeling toward an entity against our tone
        for name, gold in sorted(level.items()):
            if not name.startswith("author_feeling_") or name == "author_feeling_main_event":
                continue
            entity = match_entity(name.removeprefix("author_feeling_"), actors)
            if gold in FEELING and entity and (article.source, entity.id) in tone:
                tally.feeling.append((article.source, gold, tone[(article.source, entity.id)]))
        # b) tone toward each party's politicians, and the measures the classifier reads
        fs = per_outlet.get(article.source, [])
        side = {p: [f for f in fs if party(by_id[f.actor]) == p] for p in ("D", "R")}
        if side["D"] and side["R"]:
            gap = mean(f.tone for f in side["R"]) - mean(f.tone for f in side["D"])
            tally.r_minus_d[article.source].append(gap)
            if level.get("relative_stance") in STANCE:
                tally.stance.append((STANCE[level["relative_stance"]], gap))
        voice_gap = sum(f.voice for f in side["R"]) - sum(f.voice for f in side["D"])
        tone_gap = (mean(f.tone for f in side["R"]) if side["R"] else 0.0) - (
            mean(f.tone for f in side["D"]) if side["D"] else 0.0
        )
        measures = [_weighted(fs, "tone"), _weighted(fs, "hedging"), _weighted(fs, "loaded")]
        tally.features.append((key, article.source, [*measures, voice_gap, tone_gap]))
        # c, d) BASIL's sentences and the bias spans they hold
        lex: set[int] = set()
        inf: set[int] = set()
        for span in ann.get("phrase-level-annotations", []):
            index = str(span.get("id", ""))[1:]
            if not index.isdigit():
                tally.title_spans += 1
                continue
            (lex if span.get("bias") == "lex" else inf).add(int(index))
        starts = sorted(m.start for e in actors for m in e.mentions if m.article_id == article.id)
        for i, (start, end) in enumerate(offsets):
            named = any(start <= s < end for s in starts)
            tally.sentences.append(
                Sentence(article.source, article.text[start:end], i in lex, i in inf, named)
            )
    for e in actors:
        p = party(e)
        if p and ("fox", e.id) in tone and ("hpo", e.id) in tone:
            tally.fox_minus_hpo.append((p, tone[("fox", e.id)] - tone[("hpo", e.id)]))
    return len(articles)


# -- report ----------------------------------------------------------------------------------


def feeling_scores(pairs: Sequence[tuple[str, str, float]]) -> dict[str, Any]:
    if not pairs:
        return {"pairs": 0}
    gold = [g for _, g, _ in pairs]
    tones = [t for _, _, t in pairs]
    counts = Counter(gold)
    majority = max(sorted(counts), key=lambda k: counts[k])

    def sign(t: float) -> str:
        return "neu" if abs(t) < NEUTRAL else "pos" if t > 0 else "neg"

    coded = [float(FEELING[g]) for g in gold]
    return {
        "pairs": len(pairs),
        "labels": dict(sorted(counts.items())),
        "mean_tone": {
            k: round(mean(t for g, t in zip(gold, tones, strict=True) if g == k), 3)
            for k in FEELING
            if counts[k]
        },
        "spearman": spearman(coded, tones),
        "spearman_ci95": spearman_ci(coded, tones),
        "auc_neg": auc([g == "neg" for g in gold], [-t for t in tones]),
        "auc_pos": auc([g == "pos" for g in gold], tones),
        "sign_accuracy": round(
            100 * mean(sign(t) == g for g, t in zip(gold, tones, strict=True)), 1
        ),
        "majority_floor": round(100 * counts[majority] / len(gold), 1),
    }


def report(tally: Tally, n_triplets: int, n_articles: int, seconds: float) -> dict[str, Any]:
    sents = tally.sentences
    lex = [s.lex for s in sents]
    inf = [s.inf for s in sents]
    loaded = [loaded_words(s.text) for s in sents]
    hedged = [hedges(s.text) for s in sents]
    tones = [tone_of(s.text) for s in sents]
    named = [i for i, s in enumerate(sents) if s.names_actor]
    diffs = tally.fox_minus_hpo
    expected = [d < 0 if p == "D" else d > 0 for p, d in diffs if d != 0]
    features = tally.features
    return {
        "triplets": n_triplets,
        "articles": n_articles,
        "a_tone_vs_feeling": {
            "overall": feeling_scores(tally.feeling),
            **{o: feeling_scores([p for p in tally.feeling if p[0] == o]) for o in OUTLETS},
        },
        "b_lean": {
            "fox_minus_hpo_expected_sign": {
                "share": round(100 * mean(expected), 1) if expected else None,
                "chance": 50.0,
                "comparisons": len(expected),
                "mean_democrats": _mean([d for p, d in diffs if p == "D"]),
                "mean_republicans": _mean([d for p, d in diffs if p == "R"]),
            },
            "r_minus_d_tone": {o: _mean(tally.r_minus_d[o]) for o in OUTLETS},
            "r_minus_d_articles": {o: len(tally.r_minus_d[o]) for o in OUTLETS},
            "stance_spearman": spearman(
                [float(a) for a, _ in tally.stance], [b for _, b in tally.stance]
            ),
            "stance_pairs": len(tally.stance),
            "classifier_all": classify(features, shuffles=200),
            "classifier_single": {
                name: classify([(g, o, [f[i]]) for g, o, f in features]).get("accuracy")
                for i, name in enumerate(("tone", "hedging", "loaded", "voice_r_d", "tone_r_d"))
            },
            "outlet_means": {
                o: {k: _mean(v) for k, v in sorted(tally.outlet_means[o].items())} for o in OUTLETS
            },
        },
        "c_lexical": {
            "sentences": len(sents),
            "positives": sum(lex),
            "loaded_flag": prf(lex, [bool(w) for w in loaded]),
            **floors(lex),
            "loaded_flag_without_seen": prf(lex, [any(w not in SEEN for w in ws) for ws in loaded]),
            "naming_actor": {
                "sentences": len(named),
                "loaded_flag": prf([lex[i] for i in named], [bool(loaded[i]) for i in named]),
                **floors([lex[i] for i in named]),
            },
            "auc_loaded_count": auc(lex, [float(len(w)) for w in loaded]),
            "title_spans_skipped": tally.title_spans,
        },
        "d_informational": {
            "positives": sum(inf),
            "hedge_flag": prf(inf, [h > 0 for h in hedged]),
            "negative_tone_flag": prf(inf, [t <= -NEUTRAL for t in tones]),
            **floors(inf),
            "auc_hedges": auc(inf, [float(h) for h in hedged]),
            "auc_low_tone": auc(inf, [-t for t in tones]),
            "auc_abs_tone": auc(inf, [abs(t) for t in tones]),
            "hedges_per_sentence": {
                "inf": _mean([h for h, g in zip(hedged, inf, strict=True) if g]),
                "other": _mean([h for h, g in zip(hedged, inf, strict=True) if not g]),
            },
        },
        "seconds": round(seconds, 1),
        "articles_per_s": round(n_articles / seconds, 2) if seconds else None,
        "published": "Fan et al. (2019) baselines: values not transcribed in the eval README",
    }


def _mean(values: Sequence[float]) -> float | None:
    return round(mean(values), 4) if values else None


def print_table(result: dict[str, Any], years: Sequence[int]) -> None:
    print(
        f"BASIL {years[0]}-{years[-1]}: {result['triplets']} triplets, "
        f"{result['articles']} articles (development benchmark)"
    )
    print("\na) tone toward an entity vs the annotators' author_feeling (floor)")
    print(
        f"   {'':8} {'pairs':>5} {'spearman':>9} {'95% CI':>15} {'AUC neg':>8} {'AUC pos':>8}"
        f" {'sign acc':>9} {'majority':>9}"
    )
    a = result["a_tone_vs_feeling"]
    for name in ("overall", *OUTLETS):
        s = a[name]
        if not s.get("pairs"):
            continue
        ci = s["spearman_ci95"]
        print(
            f"   {name:8} {s['pairs']:>5} {s['spearman']!s:>9} {ci!s:>15} {s['auc_neg']!s:>8}"
            f" {s['auc_pos']!s:>8} {s['sign_accuracy']:>8}% {s['majority_floor']:>8}%"
        )
    print(f"   floors: spearman 0, AUC 0.5; mean tone by feeling {a['overall'].get('mean_tone')}")
    b = result["b_lean"]
    fh = b["fox_minus_hpo_expected_sign"]
    print("\nb) lean (Fox right, NYT centre, HuffPost left)")
    print(
        f"   Fox - HuffPost tone toward the same politician has the expected sign: "
        f"{fh['share']} % of {fh['comparisons']} (chance 50); mean for Democrats "
        f"{fh['mean_democrats']}, Republicans {fh['mean_republicans']}"
    )
    print(
        f"   tone toward Republicans - Democrats (expected fox > nyt > hpo): "
        f"{b['r_minus_d_tone']} over {b['r_minus_d_articles']} articles"
    )
    print(
        f"   vs annotated relative_stance: spearman {b['stance_spearman']} "
        f"({b['stance_pairs']} articles; floor 0)"
    )
    c = b["classifier_all"]
    print(
        f"   outlet from its measures (leave-one-triplet-out): {c['accuracy']} % of {c['n']} "
        f"(chance {c['chance']} %, labels shuffled within triplets {c['shuffled_floor']} %, "
        f"5-95th percentile {c['shuffled_p05']}-{c['shuffled_p95']} %); single measures "
        f"{b['classifier_single']}"
    )
    for o in OUTLETS:
        print(
            f"   {o:4} means over (outlet, actor): "
            + "  ".join(f"{k} {v:+.3f}" for k, v in b["outlet_means"][o].items() if v is not None)
        )
    lx = result["c_lexical"]
    print(
        f"\nc) sentences holding a lexical-bias span ({lx['positives']} of {lx['sentences']}, "
        f"base rate {lx['base_rate']})"
    )
    print(f"   {'':34} {'P':>6} {'R':>6} {'F1':>6}")
    rows = [
        ("loaded flag", lx["loaded_flag"]),
        ("  without words seen in a sample", lx["loaded_flag_without_seen"]),
        ("floor: all sentences", lx["all_positive"]),
        ("floor: random at base rate", lx["random_at_base_rate"]),
        (
            f"sentences naming an actor (base {lx['naming_actor']['base_rate']})",
            lx["naming_actor"]["loaded_flag"],
        ),
        ("  floor: all of them", lx["naming_actor"]["all_positive"]),
    ]
    for name, s in rows:
        print(f"   {name:34} {s['precision']:>6} {s['recall']:>6} {s['f1']:>6}")
    print(f"   AUC of the loaded-word count {lx['auc_loaded_count']} (chance 0.5)")
    d = result["d_informational"]
    print(
        f"\nd) sentences holding an informational-bias span ({d['positives']}, base rate "
        f"{d['base_rate']})"
    )
    rows = [
        ("hedge flag", d["hedge_flag"]),
        ("negative-tone flag", d["negative_tone_flag"]),
        ("floor: all sentences", d["all_positive"]),
        ("floor: random at base rate", d["random_at_base_rate"]),
    ]
    for name, s in rows:
        print(f"   {name:34} {s['precision']:>6} {s['recall']:>6} {s['f1']:>6}")
    print(
        f"   AUC hedges {d['auc_hedges']}, low tone {d['auc_low_tone']}, |tone| "
        f"{d['auc_abs_tone']} (chance 0.5); hedges/sentence {d['hedges_per_sentence']}"
    )
    print(f"\npublished: {result['published']}; none printed.")
    print(
        f"time: {result['seconds']} s, {result['articles_per_s']} articles/s "
        "(annotate + extract + framing)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--years", default="2010-2015", help="a year or a range: 2010-2015")
    args = parser.parse_args(argv)
    first, _, last = args.years.partition("-")
    years = list(range(int(first), int(last or first) + 1))
    triplets = read_triplets(args.data_dir, years)
    if not triplets:
        print(f"{args.data_dir}: no BASIL articles for {args.years}", file=sys.stderr)
        return 1
    settings = Settings()
    tally = Tally()
    n_articles = 0
    t0 = time.perf_counter()
    with Store(":memory:") as store:
        for key, members in sorted(triplets.items()):
            n_articles += score_triplet(members, store, settings, tally, key)
    seconds = time.perf_counter() - t0
    result = report(tally, len(triplets), n_articles, seconds)
    print_table(result, years)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
