"""Benchmark: entity resolution (how newsprism merges entity mentions into canonical entities).

What it measures: on a corpus with hand-written gold (`tests/gold/<corpus>.json`), whether the
mentions newsprism finds (`report.json` → stories[*].entities[*].mentions) are grouped into the
same canonical entities as the gold says: name variants, spellings, capitals and institutions
standing for states. The whole report is scored at once, all stories together; a system cluster
is one (story id, entity id).

How it scores (our own code):
1. Gold label of each system mention. Its surface text (articles[i].text[start:end]) is
   normalised: NFKC, whitespace collapsed, a trailing possessive ('s or ’s) and a leading "the "
   dropped, casefolded. If the mention overlaps the place in its article where a gold context
   names its mention, the label is that context's `refers_to`:
   - istanbul-style `contexts` [{file, text, mention, refers_to}]: the mention is `mention`, as
     it stands inside the occurrence of the snippet `text` in that article;
   - harbour-style `metonyms` [{file, text, refers_to}]: the mention is the longest name or alias
     of the `refers_to` entity found inside the snippet ("Korvan wants the Ostravan navy gone"
     → "Korvan", not the longer "Ostravan navy"), else the longest of any gold entity;
   - harbour-style `places_not_metonyms` [{file, text}]: the mention is the longest name or alias
     of a kind "place" entity inside the snippet, and refers_to is that place.
   Snippets are found verbatim, whitespace runs matching any whitespace; a context whose snippet
   or mention cannot be found is listed and ignored. Otherwise the normalised form is looked up
   among the normalised names and aliases of the gold entities: one entity → that label; several
   (e.g. "Korvan", the capital and an alias of the state) → "ambiguous"; none → "unmatched".
   Ambiguous and unmatched mentions are counted (and unmatched ones listed) but left out of 2-4.
2. Merge scores over the labelled mentions. Pairwise precision: of the pairs the system puts in
   one cluster, the share with the same gold label; pairwise recall: of the pairs with the same
   gold label, the share the system puts in one cluster. B-cubed precision and recall are the
   per-mention averages of |cluster ∩ label| / |cluster| and |cluster ∩ label| / |label|. F1 is
   the harmonic mean. Wrong merges: clusters holding mentions of 2+ gold entities; split
   entities: gold entities whose mentions lie in 2+ clusters.
3. Mention recall: every name and alias of every gold entity is looked for in each analysed
   article's text (case-sensitive as written in gold, on word boundaries; a form that begins
   with "the " also matches "The "; a preceding "the " is allowed and not part of the span).
   Forms with no capital letter ("the harbour", "the kingdom") are generic descriptions and are
   skipped. Occurrences are taken leftmost-longest without overlap across all entities, so
   "Swiss envoy Lukas Brenner" is one occurrence, not three. An occurrence counts as found when
   any system mention (of any entity) overlaps it.
4. Kind accuracy: for each cluster with labelled mentions, its majority gold label (ties broken
   by name) must have the cluster's `kind`. Gold person / state / organisation / group / place
   must match exactly ("organization" is read as "organisation"); any other gold kind
   ("agreement", "other") matches any system kind outside those five.

A metric whose denominator is zero is null. The analyze run (subprocess, `--today 2026-01-01`)
is timed as a whole; `--report` scores an existing report.json instead.

Usage: python bench/entities.py [--corpus istanbul|harbour|all | --input DIR | --report PATH]
                                [--gold PATH]
The last line of stdout is one JSON object with the metrics ({"istanbul": …, "harbour": …} for
--corpus all).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

REPO = Path(__file__).resolve().parents[1]
CORPORA: dict[str, tuple[Path, Path]] = {
    "istanbul": (
        REPO.parent / "shared" / "corpus" / "istanbul-talks",
        REPO / "tests" / "gold" / "istanbul-talks.json",
    ),
    "harbour": (
        REPO / "examples" / "harbour-talks",
        REPO / "tests" / "gold" / "harbour-talks.json",
    ),
}
TODAY = "2026-01-01"
MAIN_KINDS = frozenset({"person", "state", "organisation", "group", "place"})
KIND_SPELLINGS = {"organization": "organisation"}
SHOW_UNMATCHED = 20

Status = Literal["labelled", "ambiguous", "unmatched"]
ClusterId = tuple[str, str]  # (story id, entity id)
Key = tuple[str, int]  # (file base name, record index)

_POSSESSIVE_RE = re.compile(r"['’]s$")
_SPACE_RE = re.compile(r"\s+")


# --- keys and normalisation -----------------------------------------------------------------


def normalise(surface: str) -> str:
    """NFKC, whitespace collapsed, trailing 's / ’s and leading "the " dropped, casefolded."""
    text = _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", surface)).strip()
    text = _POSSESSIVE_RE.sub("", text).casefold()
    if text.startswith("the "):
        text = text[4:]
    return text.strip()


def record_key(input_name: str) -> Key:
    """(file, record index) of a report article's input: 'x.xml#1', 'x.json[1]', 'x.jsonl:2'."""
    match = re.fullmatch(r"(.+?)(?:#(\d+)|\[(\d+)\]|:(\d+))?", Path(input_name).name)
    if not match:
        return Path(input_name).name, 0
    file, feed_item, list_item, line = match.groups()
    return file, int(feed_item or list_item or 0) if not line else int(line) - 1


def gold_key(file: str) -> Key:
    """(file, record index) of a gold 'file' field: 'name' or 'name#N'."""
    name, _, record = file.partition("#")
    return name, int(record or 0)


# --- gold -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """A gold statement that `mention`, inside `snippet` in article `key`, means `refers_to`."""

    key: Key
    snippet: str
    mention: str
    refers_to: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Gold:
    kinds: dict[str, str]  # entity name -> kind
    forms: dict[str, tuple[str, ...]]  # entity name -> name and aliases as written
    by_form: dict[str, frozenset[str]]  # normalised form -> entity names
    contexts: tuple[Context, ...]
    problems: tuple[str, ...]  # contexts that could not be used, and why


def _word_spans(form: str, text: str) -> list[tuple[int, int]]:
    """Occurrences of `form` in `text` on word boundaries (case-sensitive)."""
    pattern = re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)")
    return [m.span() for m in pattern.finditer(text)]


def _longest_form(forms: Iterable[tuple[str, str]], snippet: str) -> tuple[str, str] | None:
    """The longest (form, entity) whose form occurs in `snippet`; earliest first on ties."""
    best: tuple[int, int, str, str] | None = None
    for form, entity in forms:
        spans = _word_spans(form, snippet)
        if spans and (best is None or (-len(form), spans[0][0]) < (best[0], best[1])):
            best = (-len(form), spans[0][0], form, entity)
    return None if best is None else (best[2], best[3])


def load_gold(gold: Mapping[str, Any]) -> Gold:
    """Index the gold entities and turn contexts / metonyms / places_not_metonyms into Contexts."""
    kinds: dict[str, str] = {}
    forms: dict[str, tuple[str, ...]] = {}
    by_form: dict[str, set[str]] = defaultdict(set)
    for entity in gold.get("entities", []):
        name = entity["name"]
        kinds[name] = entity.get("kind", "other")
        entity_forms = tuple(dict.fromkeys([name, *entity.get("aliases", [])]))
        forms[name] = entity_forms
        for form in entity_forms:
            if normalise(form):
                by_form[normalise(form)].add(name)

    def named(names: Iterable[str]) -> list[tuple[str, str]]:
        return [(form, name) for name in names for form in forms.get(name, ())]

    contexts: list[Context] = []
    problems: list[str] = []
    for item in gold.get("contexts", []):
        contexts.append(
            Context(
                key=gold_key(item["file"]),
                snippet=item["text"],
                mention=item["mention"],
                refers_to=item["refers_to"],
            )
        )
    for item in gold.get("metonyms", []):
        found = _longest_form(named([item["refers_to"]]), item["text"]) or _longest_form(
            named(forms), item["text"]
        )
        if found is None:
            problems.append(f"metonym {item['file']} {item['text']!r}: no gold name inside")
            continue
        contexts.append(
            Context(
                key=gold_key(item["file"]),
                snippet=item["text"],
                mention=found[0],
                refers_to=item["refers_to"],
            )
        )
    places = [name for name, kind in kinds.items() if kind == "place"]
    for item in gold.get("places_not_metonyms", []):
        found = _longest_form(named(places), item["text"])
        if found is None:
            problems.append(f"place {item['file']} {item['text']!r}: no gold place inside")
            continue
        contexts.append(
            Context(
                key=gold_key(item["file"]),
                snippet=item["text"],
                mention=found[0],
                refers_to=found[1],
            )
        )
    for context in contexts:
        if context.refers_to not in kinds:
            problems.append(
                f"context {context.snippet!r}: refers_to {context.refers_to!r} is no gold entity"
            )
    return Gold(
        kinds=kinds,
        forms=forms,
        by_form={form: frozenset(names) for form, names in by_form.items()},
        contexts=tuple(contexts),
        problems=tuple(problems),
    )


def locate_context(context: Context, text: str) -> list[tuple[int, int]]:
    """Spans of the context's mention inside each occurrence of its snippet in `text`."""
    snippet_re = re.compile(r"\s+".join(re.escape(part) for part in context.snippet.split()))
    spans: list[tuple[int, int]] = []
    for occurrence in snippet_re.finditer(text):
        inside = text[occurrence.start() : occurrence.end()]
        found = _word_spans(context.mention, inside)
        if not found:
            at = inside.find(context.mention)
            found = [(at, at + len(context.mention))] if at >= 0 else []
        if found:
            start, end = found[0]
            spans.append((occurrence.start() + start, occurrence.start() + end))
    return spans


# --- labelling system mentions --------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Cluster:
    id: ClusterId
    name: str
    kind: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    article_id: str
    start: int
    end: int
    text: str
    cluster: ClusterId
    status: Status
    label: str | None  # gold entity name, for status "labelled"
    by_context: bool = False


def article_keys(report: Mapping[str, Any]) -> dict[str, Key]:
    return {a["id"]: record_key(a.get("input") or a["id"]) for a in report.get("articles", [])}


def clusters_of(report: Mapping[str, Any]) -> dict[ClusterId, Cluster]:
    return {
        (story["id"], entity["id"]): Cluster(
            id=(story["id"], entity["id"]), name=entity["name"], kind=entity["kind"]
        )
        for story in report.get("stories", [])
        for entity in story.get("entities", [])
    }


def context_spans(
    report: Mapping[str, Any], gold: Gold
) -> tuple[dict[str, list[tuple[int, int, str]]], list[str]]:
    """(start, end, refers_to) per article id, and the contexts that were not found."""
    by_key: dict[Key, list[Mapping[str, Any]]] = defaultdict(list)
    for article in report.get("articles", []):
        by_key[record_key(article.get("input") or article["id"])].append(article)
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    missing: list[str] = []
    for context in gold.contexts:
        articles = by_key.get(context.key, [])
        if not articles:
            continue  # the article is not in the report (e.g. an exact duplicate, not stored)
        found = False
        for article in articles:
            for start, end in locate_context(context, article["text"]):
                spans[article["id"]].append((start, end, context.refers_to))
                found = True
        if not found:
            missing.append(
                f"{context.key[0]}#{context.key[1]}: {context.snippet!r} / {context.mention!r}"
            )
    return spans, missing


def label_mentions(report: Mapping[str, Any], gold: Gold) -> list[Mention]:
    """Every system mention with its gold label (or ambiguous / unmatched)."""
    texts = {a["id"]: a["text"] for a in report.get("articles", [])}
    contexts, _ = context_spans(report, gold)
    mentions: list[Mention] = []
    for story in report.get("stories", []):
        for entity in story.get("entities", []):
            for span in entity.get("mentions", []):
                article_id, start, end = span["article_id"], span["start"], span["end"]
                text = texts.get(article_id, "")[start:end]
                decided = [
                    refers_to
                    for c_start, c_end, refers_to in contexts.get(article_id, [])
                    if c_start < end and start < c_end
                ]
                status: Status
                label: str | None = None
                if decided:
                    status, label = "labelled", decided[0]
                else:
                    names = gold.by_form.get(normalise(text), frozenset())
                    if len(names) == 1:
                        status, label = "labelled", next(iter(names))
                    else:
                        status = "ambiguous" if names else "unmatched"
                mentions.append(
                    Mention(
                        article_id=article_id,
                        start=start,
                        end=end,
                        text=text,
                        cluster=(story["id"], entity["id"]),
                        status=status,
                        label=label,
                        by_context=bool(decided),
                    )
                )
    return mentions


# --- scores ---------------------------------------------------------------------------------


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(mentions: Sequence[Mention]) -> tuple[float | None, float | None]:
    """Pairwise merge precision and recall over labelled mentions."""
    labelled = [m for m in mentions if m.status == "labelled"]
    system = sum(_pairs(n) for n in Counter(m.cluster for m in labelled).values())
    gold = sum(_pairs(n) for n in Counter(m.label for m in labelled).values())
    both = sum(_pairs(n) for n in Counter((m.cluster, m.label) for m in labelled).values())
    return _ratio(both, system), _ratio(both, gold)


def b_cubed(mentions: Sequence[Mention]) -> tuple[float | None, float | None]:
    """B-cubed precision and recall (per-mention averages) over labelled mentions."""
    labelled = [m for m in mentions if m.status == "labelled"]
    if not labelled:
        return None, None
    clusters = Counter(m.cluster for m in labelled)
    labels = Counter(m.label for m in labelled)
    both = Counter((m.cluster, m.label) for m in labelled)
    precision = sum(both[m.cluster, m.label] / clusters[m.cluster] for m in labelled)
    recall = sum(both[m.cluster, m.label] / labels[m.label] for m in labelled)
    return precision / len(labelled), recall / len(labelled)


def _cluster_name(cluster: ClusterId, clusters: Mapping[ClusterId, Cluster]) -> str:
    return clusters[cluster].name if cluster in clusters else cluster[1]


def wrong_merges(
    mentions: Sequence[Mention], clusters: Mapping[ClusterId, Cluster]
) -> list[dict[str, Any]]:
    """Clusters whose labelled mentions belong to two or more gold entities."""
    labels: dict[ClusterId, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.status == "labelled" and m.label is not None:
            labels[m.cluster][m.label] += 1
    return [
        {
            "cluster": _cluster_name(cluster, clusters),
            "story": cluster[0],
            "gold": dict(counts.most_common()),
        }
        for cluster, counts in labels.items()
        if len(counts) > 1
    ]


def split_entities(
    mentions: Sequence[Mention], clusters: Mapping[ClusterId, Cluster]
) -> list[dict[str, Any]]:
    """Gold entities whose labelled mentions lie in two or more system clusters."""
    by_label: dict[str, Counter[ClusterId]] = defaultdict(Counter)
    for m in mentions:
        if m.status == "labelled" and m.label is not None:
            by_label[m.label][m.cluster] += 1
    return [
        {
            "entity": label,
            "clusters": [
                {"name": _cluster_name(cluster, clusters), "story": cluster[0], "mentions": n}
                for cluster, n in counts.most_common()
            ],
        }
        for label, counts in sorted(by_label.items())
        if len(counts) > 1
    ]


def gold_occurrences(text: str, gold: Gold) -> list[tuple[int, int]]:
    """Leftmost-longest, non-overlapping occurrences of capitalised gold names and aliases."""
    spans: set[tuple[int, int]] = set()
    for entity_forms in gold.forms.values():
        for form in entity_forms:
            if not any(c.isupper() for c in form):
                continue  # a generic lower-case description
            variants = {form}
            if form.startswith("the "):
                variants.add("The " + form[4:])
            for variant in variants:
                spans.update(_word_spans(variant, text))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def mention_recall(report: Mapping[str, Any], gold: Gold) -> tuple[int, int, list[str]]:
    """(found, total, up to a few missed occurrences as 'file: text') over analysed articles."""
    in_stories = {i for s in report.get("stories", []) for i in s.get("article_ids", [])}
    system: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for story in report.get("stories", []):
        for entity in story.get("entities", []):
            for span in entity.get("mentions", []):
                system[span["article_id"]].append((span["start"], span["end"]))
    found = total = 0
    missed: list[str] = []
    for article in report.get("articles", []):
        if article.get("analysed") is False or (in_stories and article["id"] not in in_stories):
            continue
        text = article["text"]
        for start, end in gold_occurrences(text, gold):
            total += 1
            if any(s < end and start < e for s, e in system.get(article["id"], [])):
                found += 1
            else:
                key = record_key(article.get("input") or article["id"])
                missed.append(f"{key[0]}#{key[1]}: {text[start:end]}")
    return found, total, missed


def kind_matches(system_kind: str, gold_kind: str) -> bool:
    system_kind = system_kind.casefold()
    system_kind = KIND_SPELLINGS.get(system_kind, system_kind)
    gold_kind = KIND_SPELLINGS.get(gold_kind.casefold(), gold_kind.casefold())
    if gold_kind in MAIN_KINDS:
        return system_kind == gold_kind
    return system_kind not in MAIN_KINDS


@dataclass(frozen=True, slots=True, kw_only=True)
class KindCheck:
    cluster: Cluster
    entity: str  # the cluster's majority gold label
    gold_kind: str
    ok: bool


def kind_checks(
    mentions: Sequence[Mention], clusters: Mapping[ClusterId, Cluster], gold: Gold
) -> list[KindCheck]:
    """The kind of each cluster that has labelled mentions against its majority gold entity."""
    labels: dict[ClusterId, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        if m.status == "labelled" and m.label is not None:
            labels[m.cluster][m.label] += 1
    checks: list[KindCheck] = []
    for cluster_id, counts in labels.items():
        majority = min(counts, key=lambda label: (-counts[label], label))
        if majority not in gold.kinds or cluster_id not in clusters:
            continue
        cluster, gold_kind = clusters[cluster_id], gold.kinds[majority]
        checks.append(
            KindCheck(
                cluster=cluster,
                entity=majority,
                gold_kind=gold_kind,
                ok=kind_matches(cluster.kind, gold_kind),
            )
        )
    return checks


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    mentions: list[Mention]
    clusters: dict[ClusterId, Cluster]
    pairwise_precision: float | None
    pairwise_recall: float | None
    b3_precision: float | None
    b3_recall: float | None
    wrong_merges: list[dict[str, Any]]
    split_entities: list[dict[str, Any]]
    recall_found: int
    recall_total: int
    recall_missed: list[str]
    kinds: list[KindCheck]
    gold_problems: list[str] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(m.status == status for m in self.mentions)

    @property
    def kind_accuracy(self) -> float | None:
        return _ratio(sum(check.ok for check in self.kinds), len(self.kinds))

    @property
    def mention_recall(self) -> float | None:
        return _ratio(self.recall_found, self.recall_total)

    def metrics(self, seconds: float | None = None) -> dict[str, Any]:
        def r(value: float | None) -> float | None:
            return None if value is None else round(value, 4)

        return {
            "mentions": len(self.mentions),
            "labelled": self.count("labelled"),
            "ambiguous": self.count("ambiguous"),
            "unmatched": self.count("unmatched"),
            "clusters": len(self.clusters),
            "pairwise_precision": r(self.pairwise_precision),
            "pairwise_recall": r(self.pairwise_recall),
            "pairwise_f1": r(f1(self.pairwise_precision, self.pairwise_recall)),
            "b3_precision": r(self.b3_precision),
            "b3_recall": r(self.b3_recall),
            "b3_f1": r(f1(self.b3_precision, self.b3_recall)),
            "mention_recall": r(self.mention_recall),
            "mention_recall_found": self.recall_found,
            "mention_recall_total": self.recall_total,
            "kind_accuracy": r(self.kind_accuracy),
            "kind_clusters": len(self.kinds),
            "wrong_merges": len(self.wrong_merges),
            "split_entities": len(self.split_entities),
            "seconds": None if seconds is None else round(seconds, 2),
        }


def score(report: Mapping[str, Any], gold_data: Mapping[str, Any]) -> Score:
    """Score a loaded report.json against a loaded gold file."""
    gold = load_gold(gold_data)
    clusters = clusters_of(report)
    mentions = label_mentions(report, gold)
    _, missing_contexts = context_spans(report, gold)
    pairwise_p, pairwise_r = pairwise(mentions)
    b3_p, b3_r = b_cubed(mentions)
    found, total, missed = mention_recall(report, gold)
    return Score(
        mentions=mentions,
        clusters=clusters,
        pairwise_precision=pairwise_p,
        pairwise_recall=pairwise_r,
        b3_precision=b3_p,
        b3_recall=b3_r,
        wrong_merges=wrong_merges(mentions, clusters),
        split_entities=split_entities(mentions, clusters),
        recall_found=found,
        recall_total=total,
        recall_missed=missed,
        kinds=kind_checks(mentions, clusters, gold),
        gold_problems=[*gold.problems, *(f"context not found: {m}" for m in missing_contexts)],
    )


# --- runs -----------------------------------------------------------------------------------


def run_newsprism(input_dir: Path) -> tuple[dict[str, Any], float]:
    """Run `newsprism analyze` on `input_dir` in a scratch folder; the report and seconds taken."""
    with tempfile.TemporaryDirectory(prefix="bench-entities-") as tmp:
        out = Path(tmp)
        command = [
            sys.executable,
            "-m",
            "newsprism",
            "analyze",
            str(input_dir),
            "--out",
            str(out),
            "--db",
            str(out / "s.db"),
            "--today",
            TODAY,
        ]
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            sys.stderr.write(result.stderr)
            raise SystemExit(f"newsprism analyze {input_dir} failed (exit {result.returncode})")
        report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return report, seconds


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def print_report(title: str, result: Score, seconds: float | None) -> None:
    m = result.metrics(seconds)
    print(f"## {title}")
    if seconds is not None:
        print(f"newsprism analyze: {seconds:.1f} s")
    print(
        f"system mentions {m['mentions']} in {m['clusters']} clusters: labelled {m['labelled']}"
        f" ({sum(x.by_context for x in result.mentions)} by a gold context), ambiguous"
        f" {m['ambiguous']}, unmatched {m['unmatched']}"
    )
    print(
        f"pairwise  P {_fmt(m['pairwise_precision'])}  R {_fmt(m['pairwise_recall'])}"
        f"  F1 {_fmt(m['pairwise_f1'])}"
    )
    print(f"B-cubed   P {_fmt(m['b3_precision'])}  R {_fmt(m['b3_recall'])}  F1 {_fmt(m['b3_f1'])}")
    print(
        f"mention recall {_fmt(m['mention_recall'])} ({m['mention_recall_found']}/"
        f"{m['mention_recall_total']} gold name occurrences overlapped by a system mention)"
    )
    print(f"kind accuracy {_fmt(m['kind_accuracy'])} over {m['kind_clusters']} clusters")
    for check in result.kinds:
        if not check.ok:
            print(
                f"  {check.cluster.name!r} is {check.cluster.kind!r};"
                f" gold {check.entity!r} is {check.gold_kind!r}"
            )
    print(f"wrong merges: {len(result.wrong_merges)}")
    for merge in result.wrong_merges:
        gold = ", ".join(f"{name} ×{n}" for name, n in merge["gold"].items())
        print(f"  {merge['cluster']!r}: {gold}")
    print(f"split entities: {len(result.split_entities)}")
    for split in result.split_entities:
        names = ", ".join(f"{c['name']!r} ×{c['mentions']}" for c in split["clusters"])
        print(f"  {split['entity']}: {names}")
    ambiguous = Counter(normalise(x.text) for x in result.mentions if x.status == "ambiguous")
    if ambiguous:
        print("ambiguous forms: " + ", ".join(f"{f} ×{n}" for f, n in ambiguous.most_common()))
    unmatched = [x for x in result.mentions if x.status == "unmatched"]
    if unmatched:
        print(f"unmatched system mentions (first {min(len(unmatched), SHOW_UNMATCHED)}):")
        for x in unmatched[:SHOW_UNMATCHED]:
            name = _cluster_name(x.cluster, result.clusters)
            print(f"  {x.text!r} in cluster {name!r}")
    if result.recall_missed:
        shown = result.recall_missed[:SHOW_UNMATCHED]
        print(f"gold occurrences with no system mention (first {len(shown)}):")
        for line in shown:
            print(f"  {line}")
    for problem in result.gold_problems:
        print(f"note: {problem}")


def run_one(
    title: str, gold_path: Path, *, input_dir: Path | None, report_path: Path | None
) -> dict[str, Any]:
    gold_data = json.loads(gold_path.read_text(encoding="utf-8"))
    seconds: float | None = None
    if report_path is not None:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    else:
        assert input_dir is not None
        report, seconds = run_newsprism(input_dir)
    result = score(report, gold_data)
    print_report(title, result, seconds)
    return result.metrics(seconds)


@dataclass(frozen=True, slots=True, kw_only=True)
class Run:
    name: str
    gold: Path
    source: Path  # the folder to analyse, or the report.json to read
    is_report: bool


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        choices=[*CORPORA, "all"],
        help="a known corpus with its gold (default: istanbul unless --input/--report is given)",
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--input", type=Path, help="folder to run `newsprism analyze` on")
    source.add_argument("--report", type=Path, help="score this report.json instead of running")
    parser.add_argument("--gold", type=Path, help="gold JSON (default: the istanbul gold)")
    args = parser.parse_args(argv)
    if args.corpus and (args.input or args.report or args.gold):
        parser.error("--corpus picks input and gold itself; leave out --input/--report/--gold")

    if args.corpus:
        names = list(CORPORA) if args.corpus == "all" else [args.corpus]
        runs = [
            Run(name=name, gold=CORPORA[name][1], source=CORPORA[name][0], is_report=False)
            for name in names
        ]
    else:
        path: Path = args.report or args.input or CORPORA["istanbul"][0]
        gold: Path = args.gold or CORPORA["istanbul"][1]
        runs = [Run(name=path.name, gold=gold, source=path, is_report=args.report is not None)]
    for run in runs:
        if not run.gold.is_file() and args.corpus != "all":
            parser.error(f"{run.gold}: gold file not found")
        if run.is_report and not run.source.is_file():
            parser.error(f"{run.source}: report not found")
        if not run.is_report and not run.source.is_dir():
            parser.error(f"{run.source}: input folder not found")

    results: dict[str, dict[str, Any] | None] = {}
    for run in runs:
        if not run.gold.is_file():  # --corpus all: score what has gold
            print(f"## {run.name}: {run.gold} not found (skipped)\n")
            results[run.name] = None
            continue
        title = f"{run.name}: {run.source} against {run.gold.name}"
        results[run.name] = run_one(
            title,
            run.gold,
            input_dir=None if run.is_report else run.source,
            report_path=run.source if run.is_report else None,
        )
        print()
    if args.corpus == "all":
        print(json.dumps(results))
    else:
        print(json.dumps({"benchmark": "entities", **(results[runs[0].name] or {})}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
