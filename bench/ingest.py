"""Benchmark: ingest throughput and peak memory as the corpus grows (newsprism's `ingest`).

What it measures: articles per second, milliseconds per article and peak resident memory of one
`ingest()` call (reading, cleaning, metadata, exact and near-duplicate detection, dating and
storing) over synthetic corpora of 1k, 10k and 100k articles, so one can see whether the cost per
article stays flat as the corpus grows; then the cost of adding 100 new articles to each finished
store (the incremental case, which must not grow with the store either). It also scores the
duplicate detection against what was planted: recall of the syndicated copies, flags that were not
planted (false positives), and exact duplicates dropped.

How the corpus is built (at run time, into a temporary folder that is deleted afterwards unless
`--keep`; no eval text is ever written into the repository):
- the sentences of the Timeline17 articles (`DATA_DIR/<topic>_<outlet>/InputDocs/<date>/*.txt`,
  PTB-tokenised, one sentence a line) are detokenised and kept when 6 to 60 tokens long;
- each synthetic article has 8 to 30 sentences: most, in their original order, from one source
  article (at most half of that article, so two synthetic articles rarely overlap by chance), the
  rest from other articles of the same topic; 1 to 3 sentences a paragraph; the outlet and date of
  its source article (10% carry no date, so dates are inferred); a title from its first sentence;
- ~5% are syndicated copies of an earlier article, published by another outlet within the next
  2,000 records: the lead paragraphs shuffled under a dateline, a few sentences dropped, a few
  words edited, with lighter edits (up to six tries) until its true Jaccard similarity of word
  5-shingles with its original is at least 0.7 (measured exactly while generating; the rare copy
  that stays below keeps its best try; min and median are reported);
- ~1% are exact duplicates of an earlier article under another URL;
- 10% get page residue lines ("Read more.", "Share this article", ...) appended;
- records go to JSON Lines files of ~500 records, and 10% of them to `.txt` files with front
  matter, so both readers are exercised.

How it times: the parent process runs, for each size, one subprocess that generates the corpus
and then a fresh subprocess that measures, so peak memory (`ru_maxrss`, read right after the
timed call) belongs to that size alone and the generator's memory is not counted. The measuring
process first ingests 20 articles into an in-memory store (untimed warm-up: imports, the language
model, regexes), then times only the `ingest()` call with `time.perf_counter` on a fresh SQLite
file with `Settings(db=..., offline=True, today="2026-01-01")`. Time spent in Python's cyclic
garbage collector during the call is reported too, and (from 10k on) the milliseconds per
article in each tenth of the run, from the `progress` callback, to show whether articles that go
into an already big store cost more within one run. The incremental batch (94 new articles, 5
syndicated copies of stored ones, 1 exact duplicate of a stored one) is then ingested through a
newly opened `Store` on the same file and timed the same way.

Usage: python bench/ingest.py [DATA_DIR] [--sizes 1000,10000,100000] [--seed 0] [--keep]
       [--work DIR] [--profile]
`--profile` runs the timed call under cProfile and prints the top 25 functions by cumulative
time to stderr (the timings are then inflated by the profiler). The last line of stdout is one
JSON object with all metrics.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO.parent / "shared/eval/timeline17"
DEFAULT_WORK_DIR = REPO / "bench/_work"
DEFAULT_SIZES = (1_000, 10_000, 100_000)
TODAY = "2026-01-01"

SENTENCES_PER_ARTICLE = (8, 30)
MAIN_SOURCE_SHARE = (0.6, 0.85)  # share of an article's sentences taken from its source article
MIN_SOURCE_SENTENCES = 8  # a source article needs this many usable sentences
SENTENCE_TOKENS = (6, 60)
SYNDICATED_SHARE = 0.05
EXACT_SHARE = 0.01
TXT_SHARE = 0.10
RESIDUE_SHARE = 0.10
UNDATED_SHARE = 0.10
RECORDS_PER_FILE = 500
SYNDICATION_WINDOW = 2_000  # a copy appears within this many records after its original
MIN_COPY_JACCARD = 0.7
INCREMENTAL_NEW, INCREMENTAL_COPIES, INCREMENTAL_EXACT = 94, 5, 1
WARMUP_RECORDS = 20
PROFILE_TOP = 25
SHINGLE_WORDS = 5  # as newsprism.ingest.dedup, for the exact Jaccard of planted copies

RESIDUE_LINES = (
    "Read more.",
    "Share this article",
    "Advertisement",
    "Read more: Full coverage of this story",
    "Share on Facebook",
)
OUTLETS = {  # folder suffix -> (outlet name, domain)
    "bbc": ("BBC News", "bbc.co.uk"),
    "guardian": ("The Guardian", "theguardian.com"),
    "reuters": ("Reuters", "reuters.com"),
    "washingtonpost": ("The Washington Post", "washingtonpost.com"),
    "cnn": ("CNN", "cnn.com"),
    "foxnews": ("Fox News", "foxnews.com"),
}
SYNDICATORS = (  # invented outlets that republish copies
    ("Harbour Herald", "harbourherald.example"),
    ("Valley Courier", "valleycourier.example"),
    ("Metro Wire Daily", "metrowire.example"),
    ("The Northern Ledger", "northernledger.example"),
    ("Coastline Times", "coastlinetimes.example"),
)
DATELINES = ("LONDON", "WASHINGTON", "NEW YORK", "CAIRO", "TRIPOLI", "GENEVA", "HOUSTON")
WORD_SWAPS = {"said": "says", "says": "said", "told": "informed", "but": "however", "big": "large"}

_WORD = re.compile(r"\w+")
_SLUG = re.compile(r"[^a-z0-9]+")


# --- source sentences -----------------------------------------------------------------------

_TOKEN_MAP = {
    "``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]",
    "-LCB-": "{", "-RCB-": "}", "--": "\u2014",
}  # fmt: skip
_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", "%", "''", "-RRB-", "-RSB-", "-RCB-", "..."}
_NO_SPACE_AFTER = {"``", "-LRB-", "-LSB-", "-LCB-", "$", "#"}
_CLITICS = {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "'"}


def detokenize(line: str) -> str:
    """Plain text of a PTB-tokenised sentence: `He said `` no . ''` -> `He said "no."`."""
    out: list[str] = []
    glue = True  # no space before the next token
    for token in line.split():
        if not glue and token not in _NO_SPACE_BEFORE and token.lower() not in _CLITICS:
            out.append(" ")
        out.append(_TOKEN_MAP.get(token, token))
        glue = token in _NO_SPACE_AFTER
    return "".join(out)


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceDoc:
    topic: str
    outlet: str  # folder suffix, a key of OUTLETS
    date: dt.date
    sentences: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Pool:
    docs: tuple[SourceDoc, ...]  # source articles with enough sentences to lead an article
    topic_sentences: dict[str, tuple[str, ...]]  # every usable sentence of each topic


def load_pool(data_dir: Path) -> Pool:
    """Usable sentences of every Timeline17 article under `data_dir`."""
    docs: list[SourceDoc] = []
    by_topic: dict[str, list[str]] = {}
    for path in sorted(data_dir.glob("*_*/InputDocs/*/*.txt")):
        folder = path.parents[2].name
        topic, _, outlet = folder.partition("_")
        if outlet not in OUTLETS:
            continue
        try:
            date = dt.date.fromisoformat(path.parent.name)
        except ValueError:
            continue
        sentences = []
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            tokens = line.split()
            if SENTENCE_TOKENS[0] <= len(tokens) <= SENTENCE_TOKENS[1] and any(
                c.islower() for c in line
            ):
                sentences.append(detokenize(line))
        by_topic.setdefault(topic, []).extend(sentences)
        if len(sentences) >= MIN_SOURCE_SENTENCES:
            docs.append(
                SourceDoc(topic=topic, outlet=outlet, date=date, sentences=tuple(sentences))
            )
    if not docs:
        raise SystemExit(f"{data_dir}: no Timeline17 articles found (<topic>_<outlet>/InputDocs/)")
    return Pool(docs=tuple(docs), topic_sentences={k: tuple(v) for k, v in by_topic.items()})


# --- synthetic articles ---------------------------------------------------------------------


@dataclass(slots=True, kw_only=True)
class Synth:
    """One synthetic article as it will be written to the corpus."""

    url: str
    title: str
    source: str
    published: str | None
    paragraphs: list[list[str]]  # sentences of each paragraph
    residue: str = ""  # page residue appended after the body

    @property
    def body(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs)

    @property
    def text(self) -> str:
        return self.body + self.residue

    def record(self) -> dict[str, str]:
        data = {"text": self.text, "title": self.title, "url": self.url, "source": self.source}
        if self.published:
            data["published"] = self.published
        return data

    def front_matter_file(self) -> str:
        meta = [f"title: {self.title}", f"source: {self.source}", f"url: {self.url}"]
        if self.published:
            meta.append(f"published: {self.published}")
        return "---\n" + "\n".join(meta) + "\n---\n\n" + self.text + "\n"


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


class Generator:
    """Synthetic articles drawn from the pool; every URL it makes is unique."""

    def __init__(self, pool: Pool, rng: random.Random) -> None:
        self.pool = pool
        self.rng = rng
        self.serial = 0

    def _url(self, domain: str, date: dt.date, title: str) -> str:
        self.serial += 1
        slug = _SLUG.sub("-", title.lower()).strip("-")[:60]
        return f"https://www.{domain}/{date:%Y/%m/%d}/{slug}-{self.serial}"

    def _residue(self) -> str:
        if self.rng.random() >= RESIDUE_SHARE:
            return ""
        lines = self.rng.sample(RESIDUE_LINES, self.rng.randint(1, 2))
        return "".join("\n\n" + line for line in lines)

    def _paragraphs(self, sentences: Sequence[str]) -> list[list[str]]:
        paragraphs: list[list[str]] = []
        i = 0
        while i < len(sentences):
            size = self.rng.choices((1, 2, 3), weights=(3, 5, 2))[0]
            paragraphs.append(list(sentences[i : i + size]))
            i += size
        return paragraphs

    def original(self) -> Synth:
        rng = self.rng
        doc = rng.choice(self.pool.docs)
        wanted = rng.randint(*SENTENCES_PER_ARTICLE)
        from_main = min(round(wanted * rng.uniform(*MAIN_SOURCE_SHARE)), len(doc.sentences) // 2)
        from_main = max(from_main, min(4, len(doc.sentences)))
        picked = sorted(rng.sample(range(len(doc.sentences)), from_main))
        sentences = [doc.sentences[i] for i in picked]
        others = self.pool.topic_sentences[doc.topic]
        for _ in range(wanted - from_main):  # the lead stays from the main source article
            sentences.insert(rng.randint(2, len(sentences)), rng.choice(others))
        words = sentences[0].split()[: rng.randint(6, 11)]
        title = " ".join(words).rstrip(".,;:!?\"'") or "Untitled"
        title = title[0].upper() + title[1:]
        outlet, domain = OUTLETS[doc.outlet]
        date = doc.date + dt.timedelta(days=rng.randint(0, 1))
        undated = rng.random() < UNDATED_SHARE
        return Synth(
            url=self._url(domain, date, title),
            title=title,
            source=outlet,
            published=None if undated else date.isoformat(),
            paragraphs=self._paragraphs(sentences),
            residue=self._residue(),
        )

    def syndicated(self, original: Synth) -> tuple[Synth, float]:
        """A republished copy: lead reworked, some sentences dropped, some words edited."""
        rng = self.rng
        outlet, domain = rng.choice(SYNDICATORS)
        dateline = f"{rng.choice(DATELINES)} ({outlet}) \u2014 "
        best: tuple[list[list[str]], float] | None = None
        for attempt in range(6):
            strength = 1.0 / (attempt + 1)
            paragraphs = [list(p) for p in original.paragraphs]
            lead = paragraphs[0] + (paragraphs.pop(1) if len(paragraphs) > 2 else [])
            rng.shuffle(lead)
            lead[0] = dateline + lead[0]
            paragraphs[0] = lead
            total = sum(len(p) for p in paragraphs)
            for _ in range(round(rng.randint(1, max(1, total // 8)) * strength)):
                body = [p for p in paragraphs[1:] if len(p) > 1]
                if body:
                    victim = rng.choice(body)
                    victim.pop(rng.randrange(len(victim)))
            for _ in range(max(1, round(rng.randint(1, max(1, total // 5)) * strength))):
                paragraph = rng.choice(paragraphs)
                index = rng.randrange(len(paragraph))
                paragraph[index] = self._edit(paragraph[index])
            score = jaccard(original.body, "\n\n".join(" ".join(p) for p in paragraphs))
            if best is None or score > best[1]:
                best = (paragraphs, score)
            if score >= MIN_COPY_JACCARD:
                break
        assert best is not None
        published = original.published
        if published:
            published = (dt.date.fromisoformat(published) + dt.timedelta(days=1)).isoformat()
        date = dt.date.fromisoformat(published) if published else dt.date(2011, 1, 1)
        copy = Synth(
            url=self._url(domain, date, original.title),
            title=original.title,
            source=outlet,
            published=published,
            paragraphs=best[0],
            residue=self._residue(),
        )
        return copy, best[1]

    def _edit(self, sentence: str) -> str:
        words = sentence.split()
        if len(words) < 6:
            return sentence
        for _ in range(2):
            i = self.rng.randrange(1, len(words) - 1)
            choice = self.rng.random()
            if words[i].lower() in WORD_SWAPS:
                words[i] = WORD_SWAPS[words[i].lower()]
            elif choice < 0.5:
                del words[i]
            else:
                words[i], words[i + 1] = words[i + 1], words[i]
        return " ".join(words)

    def exact(self, original: Synth) -> Synth:
        """The same article under another URL (a mirror with tracking parameters)."""
        self.serial += 1
        url = original.url.replace("https://www.", "https://amp.", 1)
        return Synth(
            url=f"{url}?utm_source=feed&n={self.serial}",
            title=original.title,
            source=original.source,
            published=original.published,
            paragraphs=original.paragraphs,
            residue=original.residue,
        )


@dataclass(slots=True, kw_only=True)
class Truth:
    """What was planted in one corpus, by URL."""

    records: int = 0
    syndicated: list[tuple[str, str, float]] = field(default_factory=list)  # copy, original, J
    exact: list[tuple[str, str]] = field(default_factory=list)  # duplicate, original
    residue_records: int = 0
    txt_files: int = 0
    jsonl_files: int = 0


def build_corpus(size: int, gen: Generator) -> tuple[list[Synth], Truth]:
    """`size` records in input order: originals, and copies a little after their originals."""
    rng = gen.rng
    copies = round(size * SYNDICATED_SHARE)
    exact = round(size * EXACT_SHARE)
    originals = [gen.original() for _ in range(size - copies - exact)]
    keyed: list[tuple[float, Synth]] = [(float(i), s) for i, s in enumerate(originals)]
    truth = Truth(records=size)
    for kind, count in (("copy", copies), ("exact", exact)):
        for _ in range(count):
            index = rng.randrange(len(originals))
            original = originals[index]
            if kind == "copy":
                planted, score = gen.syndicated(original)
                truth.syndicated.append((planted.url, original.url, round(score, 4)))
            else:
                planted = gen.exact(original)
                truth.exact.append((planted.url, original.url))
            keyed.append((index + rng.uniform(0.5, SYNDICATION_WINDOW), planted))
    keyed.sort(key=lambda pair: pair[0])
    return [s for _, s in keyed], truth


def write_corpus(folder: Path, records: Sequence[Synth], truth: Truth, rng: random.Random) -> None:
    """JSON Lines files of ~RECORDS_PER_FILE records, with a share of `.txt` files beside them."""
    folder.mkdir(parents=True)
    for start in range(0, len(records), RECORDS_PER_FILE):
        batch = f"batch-{start // RECORDS_PER_FILE:05d}"
        lines = []
        for offset, synth in enumerate(records[start : start + RECORDS_PER_FILE]):
            truth.residue_records += bool(synth.residue)
            if rng.random() < TXT_SHARE:
                path = folder / batch / f"{start + offset:07d}.txt"
                path.parent.mkdir(exist_ok=True)
                path.write_text(synth.front_matter_file(), encoding="utf-8")
                truth.txt_files += 1
            else:
                lines.append(json.dumps(synth.record(), ensure_ascii=False))
        if lines:
            (folder / f"{batch}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            truth.jsonl_files += 1


def generate(data_dir: Path, size: int, out: Path, seed: int) -> None:
    """Child process: write main/, incremental/, warmup/ and truth.json under `out`."""
    started = time.perf_counter()
    rng = random.Random(seed * 1_000_003 + size)
    gen = Generator(load_pool(data_dir), rng)
    records, truth = build_corpus(size, gen)
    write_corpus(out / "main", records, truth, rng)

    stored = [r for r in records if not r.url.startswith("https://amp.")]
    incremental = [gen.original() for _ in range(INCREMENTAL_NEW)]
    inc_truth = Truth(records=INCREMENTAL_NEW + INCREMENTAL_COPIES + INCREMENTAL_EXACT)
    originals = [r for r in stored if r.source not in {name for name, _ in SYNDICATORS}]
    for original in rng.sample(originals, INCREMENTAL_COPIES):
        copy, score = gen.syndicated(original)
        inc_truth.syndicated.append((copy.url, original.url, round(score, 4)))
        incremental.insert(rng.randrange(len(incremental) + 1), copy)
    for original in rng.sample(originals, INCREMENTAL_EXACT):
        duplicate = gen.exact(original)
        inc_truth.exact.append((duplicate.url, original.url))
        incremental.insert(rng.randrange(len(incremental) + 1), duplicate)
    write_corpus(out / "incremental", incremental, inc_truth, rng)
    write_corpus(out / "warmup", [gen.original() for _ in range(WARMUP_RECORDS)], Truth(), rng)

    data = {
        "main": _truth_json(truth),
        "incremental": _truth_json(inc_truth),
        "generate_s": round(time.perf_counter() - started, 2),
        "source_articles": len(gen.pool.docs),
        "source_sentences": sum(len(v) for v in gen.pool.topic_sentences.values()),
    }
    (out / "truth.json").write_text(json.dumps(data), encoding="utf-8")


def _truth_json(truth: Truth) -> dict[str, Any]:
    return {
        "records": truth.records,
        "syndicated": truth.syndicated,
        "exact": truth.exact,
        "residue_records": truth.residue_records,
        "txt_files": truth.txt_files,
        "jsonl_files": truth.jsonl_files,
    }


# --- measuring ------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class GcTimer:
    """Seconds spent in the cyclic garbage collector while installed."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start

    def __enter__(self) -> GcTimer:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class DupScore:
    planted: int
    found: int
    flagged: int
    false_positives: int
    false_positives_true_overlap: int  # unplanted flags whose texts really share >= threshold
    false_positive_examples: list[dict[str, Any]]
    exact_planted: int
    exact_dropped: int  # planted pairs of which only one article was kept
    exact_counted: int
    missed_jaccard: list[float]


def score_duplicates(
    articles: Sequence[Any],
    truth: dict[str, Any],
    exact_counted: int,
    threshold: float,
    stored: dict[str, Any] | None = None,
) -> DupScore:
    """Planted copies found (same duplicate root as their original) and unplanted flags.

    `articles` are this run's; `stored` maps URL to articles of an earlier run (incremental).
    Of an exact pair either record may be the one kept (a `.txt` file is read before the
    JSON Lines file of its batch), so a URL is looked up through its exact duplicates too.
    """
    by_url = dict(stored or {})
    by_url.update({a.url: a for a in articles})
    by_id = {a.id: a for a in by_url.values()}
    group: dict[str, str] = {}  # URL -> URL of the original it was planted from
    aliases: dict[str, list[str]] = {}  # original URL -> it and its exact duplicates
    for copy, original, *_ in truth["syndicated"] + truth["exact"]:
        group[copy] = group[original] = original
    for duplicate, original in truth["exact"]:
        aliases.setdefault(original, [original]).append(duplicate)

    def find(url: str) -> Any:
        for alias in aliases.get(group.get(url, url), [url]):
            if alias in by_url:
                return by_url[alias]
        return by_url.get(url)

    def root(article: Any) -> str:
        return str(article.duplicate_of or article.id)

    members: dict[str, list[Any]] = {}
    for url, gid in group.items():
        if url in by_url:
            members.setdefault(gid, []).append(by_url[url])
    clusters: dict[str, list[Any]] = {}
    for article in by_url.values():
        clusters.setdefault(root(article), []).append(article)

    found, missed = 0, []
    for copy, original, score in truth["syndicated"]:
        a, b = find(copy), find(original)
        if a is not None and b is not None and root(a) == root(b):
            found += 1
        else:
            missed.append(score)
    flagged = [a for a in articles if a.duplicate_of]
    false_positives = [
        a
        for a in flagged
        if not any(
            m.id != a.id and root(m) == root(a) for m in members.get(group.get(a.url, ""), [])
        )
    ]
    examples = []
    for a in false_positives:
        others = [m for m in clusters.get(root(a), []) if m.id != a.id]
        best = max((jaccard(a.text, m.text) for m in others), default=0.0)
        examples.append(
            {
                "url": a.url,
                "root_url": by_id[root(a)].url if root(a) in by_id else None,
                "similarity": a.similarity,
                "true_jaccard": round(best, 3),
            }
        )
    return DupScore(
        planted=len(truth["syndicated"]),
        found=found,
        flagged=len(flagged),
        false_positives=len(false_positives),
        false_positives_true_overlap=sum(1 for e in examples if e["true_jaccard"] >= threshold),
        false_positive_examples=examples[:20],
        exact_planted=len(truth["exact"]),
        exact_dropped=sum(1 for d, o in truth["exact"] if not (d in by_url and o in by_url)),
        exact_counted=exact_counted,
        missed_jaccard=sorted(missed),
    )


def measure(work: Path, profile: bool) -> dict[str, Any]:
    """Child process: time ingest() over work/main, then over work/incremental."""
    import cProfile
    import pstats

    from newsprism.ingest import ingest
    from newsprism.settings import Settings
    from newsprism.store import Store

    truth = json.loads((work / "truth.json").read_text(encoding="utf-8"))
    with Store(":memory:") as scratch:  # warm-up: imports, language model, regexes
        started = time.perf_counter()
        ingest([str(work / "warmup")], Settings(db=":memory:", offline=True, today=TODAY), scratch)
        warmup_s = time.perf_counter() - started
    rss_before = peak_rss_mb()

    db = work / "bench.db"
    settings = Settings(db=str(db), offline=True, today=TODAY)
    profiler = cProfile.Profile() if profile else None
    with Store(db) as store, GcTimer() as gc_timer:
        if profiler:
            profiler.enable()
        marks: list[tuple[float, str]] = []  # (time, input) after each input is read
        started = time.perf_counter()
        result = ingest(
            [str(work / "main")],
            settings,
            store,
            progress=lambda name: marks.append((time.perf_counter(), name)),
        )
        seconds = time.perf_counter() - started
        if profiler:
            profiler.disable()
    rss_peak = peak_rss_mb()
    if profiler:
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(PROFILE_TOP)

    by_tenth = cost_by_tenth(marks, started, started + seconds, settings.batch_articles)
    summary = result.summary
    threshold = settings.near_duplicate_threshold
    main = score_duplicates(result.articles, truth["main"], summary.exact_duplicates, threshold)
    residue = set(RESIDUE_LINES)
    residue_left = sum(
        1 for a in result.articles if any(line.strip() in residue for line in a.text.split("\n"))
    )
    stored = {a.url: a for a in result.articles if a.url}
    db_mb = sum(p.stat().st_size for p in work.glob("bench.db*")) / 2**20

    with Store(db) as store, GcTimer() as inc_gc:
        started = time.perf_counter()
        inc = ingest([str(work / "incremental")], settings, store)
        inc_seconds = time.perf_counter() - started
        stored_after = store.count_articles()
    incremental = score_duplicates(
        inc.articles, truth["incremental"], inc.summary.exact_duplicates, threshold, stored
    )
    records = truth["main"]["records"]
    inc_records = truth["incremental"]["records"]
    copy_scores = [score for *_, score in truth["main"]["syndicated"]]
    return {
        "size": records,
        "records": records,
        "read": summary.read,
        "stored": summary.new,
        "skipped": len(summary.skipped),
        "txt_files": truth["main"]["txt_files"],
        "jsonl_files": truth["main"]["jsonl_files"],
        "seconds": round(seconds, 3),
        "articles_per_s": round(records / seconds, 1),
        "ms_per_article": round(1000 * seconds / records, 3),
        "gc_seconds": round(gc_timer.seconds, 3),
        "ms_per_article_by_tenth": by_tenth,
        "peak_rss_mb": round(rss_peak, 1),
        "rss_before_mb": round(rss_before, 1),
        "db_mb": round(db_mb, 1),
        "warmup_s": round(warmup_s, 3),
        "generate_s": truth["generate_s"],
        "near_dup": _dup_json(main),
        "planted_copy_jaccard": {
            "min": round(min(copy_scores), 3) if copy_scores else None,
            "median": round(statistics.median(copy_scores), 3) if copy_scores else None,
        },
        "residue_records": truth["main"]["residue_records"],
        "residue_lines_left": residue_left,
        "incremental": {
            "store_articles": len(stored),
            "records": inc_records,
            "stored_after": stored_after,
            "seconds": round(inc_seconds, 4),
            "ms_per_article": round(1000 * inc_seconds / inc_records, 3),
            "gc_seconds": round(inc_gc.seconds, 4),
            "near_dup": _dup_json(incremental),
        },
        "profiled": profile,
    }


def cost_by_tenth(
    marks: Sequence[tuple[float, str]], start: float, end: float, batch: int
) -> list[float]:
    """Milliseconds per article in each tenth of the run's records, in input order.

    A batch is cleaned, de-duplicated and stored when it fills up, so its cost lands on the
    input that filled it; the final batch is stored after the last input, at `end`. Rising
    values mean that later articles (going into a bigger store) cost more. Empty when a tenth
    would hold fewer than two batches (too coarse to say anything).
    """
    counts = [_records_in(Path(name)) for _, name in marks]
    total = sum(counts)
    if total < 20 * batch:
        return []
    tenths: list[float] = []
    done, last_time, last_done = 0, start, 0
    for index, ((when, _), count) in enumerate(zip(marks, counts, strict=True)):
        done += count
        final = index == len(marks) - 1
        if done * 10 >= total * (len(tenths) + 1) or final:
            when = end if final else when
            tenths.append(round(1000 * (when - last_time) / max(1, done - last_done), 3))
            last_time, last_done = when, done
    return tenths


def _records_in(path: Path) -> int:
    if path.suffix == ".jsonl":
        with path.open("rb") as lines:
            return sum(1 for line in lines if line.strip())
    return 1


def _dup_json(score: DupScore) -> dict[str, Any]:
    return {
        "planted": score.planted,
        "found": score.found,
        "recall": round(score.found / score.planted, 4) if score.planted else None,
        "flagged": score.flagged,
        "false_positives": score.false_positives,
        "false_positives_true_overlap": score.false_positives_true_overlap,
        "precision": round(1 - score.false_positives / score.flagged, 4) if score.flagged else None,
        "missed_jaccard": score.missed_jaccard,
        "false_positive_examples": score.false_positive_examples,
        "exact_planted": score.exact_planted,
        "exact_dropped": score.exact_dropped,
        "exact_counted": score.exact_counted,
    }


# --- the parent process ---------------------------------------------------------------------


def run_size(
    data_dir: Path, size: int, work_root: Path, seed: int, profile: bool
) -> dict[str, Any]:
    """Generate, then measure in a fresh process; the corpus is left in place (caller deletes)."""
    work = work_root / f"size-{size}"
    if work.exists():
        shutil.rmtree(work)
    me = [sys.executable, str(Path(__file__).resolve())]
    log(f"[{size:,}] generating the corpus ...")
    subprocess.run(
        [*me, str(data_dir), "--_generate", str(size), "--_work", str(work), "--seed", str(seed)],
        check=True,
    )
    log(f"[{size:,}] ingesting ...")
    child = subprocess.run(
        [*me, "--_measure", "--_work", str(work), *(["--profile"] if profile else [])],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    result: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    log(
        f"[{size:,}] {result['seconds']:.1f} s, {result['articles_per_s']:,.0f} articles/s, "
        f"peak RSS {result['peak_rss_mb']:,.0f} MB"
    )
    return result


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def print_table(results: Sequence[dict[str, Any]]) -> None:
    base = results[0]["ms_per_article"]
    header = (
        f"{'articles':>9} {'seconds':>8} {'art/s':>7} {'ms/art':>7} {'x first':>7} "
        f"{'gc s':>6} {'RSS MB':>7} {'near-dup found':>15} {'recall':>6} {'FP':>4} "
        f"{'exact dropped':>13} {'+100 ms/art':>11}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        nd = r["near_dup"]
        recall = f"{nd['recall']:.3f}" if nd["recall"] is not None else "-"
        print(
            f"{r['records']:>9,} {r['seconds']:>8.2f} {r['articles_per_s']:>7,.0f} "
            f"{r['ms_per_article']:>7.2f} {r['ms_per_article'] / base:>7.2f} "
            f"{r['gc_seconds']:>6.2f} {r['peak_rss_mb']:>7,.0f} "
            f"{nd['found']:>6,} / {nd['planted']:<6,} {recall:>6} {nd['false_positives']:>4} "
            f"{nd['exact_dropped']:>5,} / {nd['exact_planted']:<5,} "
            f"{r['incremental']['ms_per_article']:>11.2f}"
        )
    print(
        "x first: ms/article relative to the smallest size (flat = 1.0); "
        "+100: ms per article when adding 100 records (94 new, 5 copies, 1 exact) to that store."
    )
    for r in results:
        nd, inc = r["near_dup"], r["incremental"]["near_dup"]
        print(
            f"{r['records']:>9,}: flagged {nd['flagged']:,} (precision vs planted "
            f"{nd['precision']}; {nd['false_positives_true_overlap']} of {nd['false_positives']} "
            f"unplanted flags truly share >= threshold); planted copy Jaccard min "
            f"{r['planted_copy_jaccard']['min']} median {r['planted_copy_jaccard']['median']}; "
            f"missed copies' Jaccard {nd['missed_jaccard'][:8]}; residue lines left "
            f"{r['residue_lines_left']} of {r['residue_records']} records with residue; "
            f"incremental copies found {inc['found']}/{inc['planted']}, exact dropped "
            f"{inc['exact_dropped']}/{inc['exact_planted']}; skipped {r['skipped']}"
        )
    for r in [r for r in results if r["ms_per_article_by_tenth"]]:
        tenths = " ".join(f"{v:.2f}" for v in r["ms_per_article_by_tenth"])
        print(f"{r['records']:>9,}: ms/article by tenth of the run (store growing): {tenths}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora and DBs")
    parser.add_argument("--work", type=Path, help=f"where corpora go (default: {DEFAULT_WORK_DIR})")
    parser.add_argument("--profile", action="store_true", help="cProfile the timed call")
    parser.add_argument("--_generate", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--_measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--_work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args._generate:
        generate(args.data_dir, args._generate, args._work, args.seed)
        return 0
    if args._measure:
        print(json.dumps(measure(args._work, args.profile)))
        return 0

    if not args.data_dir.is_dir():
        parser.error(f"{args.data_dir}: no such folder (pass the Timeline17 folder as DATA_DIR)")
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        work_root = Path(tempfile.mkdtemp(prefix="ingest-", dir=args.work))
    else:
        DEFAULT_WORK_DIR.mkdir(parents=True, exist_ok=True)
        work_root = Path(tempfile.mkdtemp(prefix="ingest-", dir=DEFAULT_WORK_DIR))
    results = []
    try:
        for size in sizes:
            results.append(run_size(args.data_dir, size, work_root, args.seed, args.profile))
            if not args.keep:
                shutil.rmtree(work_root / f"size-{size}")
    finally:
        if not args.keep:
            shutil.rmtree(work_root, ignore_errors=True)
        else:
            log(f"corpora and stores kept in {work_root}")
    print_table(results)
    costs = [r["ms_per_article"] for r in results]
    inc_costs = [r["incremental"]["ms_per_article"] for r in results]
    print(
        json.dumps(
            {
                "bench": "ingest",
                "data_dir": str(args.data_dir),
                "seed": args.seed,
                "sizes": results,
                "cost_growth": round(max(costs) / min(costs), 3),
                "incremental_cost_growth": round(max(inc_costs) / min(inc_costs), 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
