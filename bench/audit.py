"""Judged precision audit (issue 17): analyse development corpora, sample what a reader sees,
and score the sample against verdicts written by blind judges.

What it measures: the precision (correct ÷ judged) of each kind of analysis item a reader sees,
judged item by item by the strict rules in `bench/audit/README.md`, with a Wilson 95 % interval;
beside it, how many items of each kind the reports hold (all, and shown to a reader), so that a
gain in precision bought by hiding items shows as a loss in count; and the story-level recall of
the hand-written claim gold the repository already has (tests/gold/*.json).

Commands (data folders are arguments; defaults are the `shared` folder beside the repository):
- `build [--work DIR] [--basil DIR] [--timeline17 DIR] [--istanbul DIR] [--harbour DIR]
  [--t17-topics H1N1,bpoil,LibyaWar,MJ] [--t17-per-topic 20] [--t17-seed 17]
  [--t17-windows TOPIC:FIRST:LAST,...] [--t17-window-size 24] [--only CORPUS,...] [--workers N]`
  writes each corpus's input (BASIL 2010–2015 articles as JSON Lines; a seeded choice of
  Timeline17 articles per topic, detokenised, as JSON Lines with the date folder as the
  publication date and the folder's outlet as source; per window, up to `window-size` articles
  of a topic published on those days, taken in turn from each outlet, so that several outlets'
  reports of the same days' counts meet) and runs `newsprism analyze` on it into
  `<work>/<corpus>/` (store `store.db`, `report.json`, ...), with `--today 2026-12-03` so a run
  is reproducible. A corpus is skipped when its stamp (a hash of the code under src/newsprism,
  of its input files and of the command) equals the stamp of its last finished run. `--only`
  builds just the named corpora; up to `--workers` analyses run at once (default and most: the
  core count), the largest first.
- `sample [--work DIR] [--per-kind 45] [--seed 17] [--tag NAME] [--fresh]` reads every report,
  lists the items of each kind, keeps those a reader sees (`confidence.shown` where the item
  has a confidence), and picks per kind the first `per-kind` keys in the order of
  sha256(f"{seed}:{key}"); with `--fresh`, among the keys not in the judgements file (the
  sample for a final score, on items the floors were not set on). Writes
  `<work>/sample-<tag>.json` (the keys and the counts), `<work>/items-<tag>.jsonl` (every
  sampled item with its source text and confidence) and `<work>/items-<tag>.md` (the sampled
  items not yet in the judgements file, for the judges).
- `calibrate [ITEMS.jsonl ...] [--target 0.90] [--step 0.05] [--min-n 20]` joins judged items
  (the items files, default `<work>/items-*.jsonl`, with their confidence) with the judgements
  by key and prints per kind, for candidate floors (a grid and every judged confidence), the
  judged precision and n of the items at or above the floor, and the lowest floor reaching the
  target by the Wilson 95 % lower bound and by the point estimate (with at least `min-n`
  items). This is how the floors in `newsprism.confidence` are set; the judged sample holds
  only items shown when it was drawn, so it can say where to raise a floor, not how far one can
  be lowered.
- `add-verdicts FILE...` merges judge files (JSON Lines, one verdict a line) into the committed
  `bench/audit/judgements.jsonl`; keys must be keys of some sampled item in `<work>`.
- `score [--work DIR] [--tag NAME]` prints the table and, on its last line, one JSON object.

Item key: sha256 over (kind, the sorted (sha256 of the cited article's text, start, end) of every
span the item cites, a digest of the fields a judge judges), first 20 hex digits. An unchanged
item keeps its key, and so its verdict, across runs and code changes; an item whose speaker,
value, date, text or citations change gets a new key and must be judged again.

Limits: the judged sample is small (≈45 a kind), so an interval is ±0.1 or so; Timeline17 is
sampled (not all articles), so its stories are thinner than the full topics'. A floor set by
`calibrate` and scored on the same items is optimistic: score on a `--fresh` sample.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_WORK = REPO / "bench" / "_work" / "audit"
JUDGEMENTS = REPO / "bench" / "audit" / "judgements.jsonl"
TODAY = "2026-12-03"  # --today of every analysis, so a rebuild gives the same report
KINDS = (
    "quote",
    "corroborated",
    "contradicted",
    "timeline",
    "position",
    "brief",
    "answer",
)
FLOOR_OF = {  # kind → the confidence.FLOORS field that decides whether a reader sees it
    "quote": "quote_speaker",
    "corroborated": "claim_status",
    "contradicted": "contradiction",
    "timeline": "timeline",
    "position": "position",
    "answer": "answer",
}
BRIEF_SECTIONS = ("stakeholders", "analysis")
CONTEXT_SENTENCES = 2  # sentences of context shown each side of a cited passage
CONTEXT_CHARS = 700  # at most this many characters of context each side
VERDICTS = ("correct", "wrong")
# Timeline17 days on which several outlets reported the same counts (tolls, cases, barrels):
# where real cross-outlet contradictions are likely (issue 17 needs 40 judged contradictions)
DEFAULT_WINDOWS = ",".join(
    (
        "H1N1:2009-04-27:2009-04-29",
        "bpoil:2010-04-29:2010-05-03",
        "LibyaWar:2011-02-21:2011-02-25",
        "bpoil:2010-05-26:2010-05-28",
        "LibyaWar:2011-03-01:2011-03-03",
    )
)


class AuditError(Exception):
    """A bad input to the audit (a folder, a judge file); the message names it and the fix."""


# --- build -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Corpus:
    """One corpus to analyse: its name (the work sub-folder) and the input path given to analyze."""

    name: str
    input: Path
    note: str


def _basil_corpus(folder: Path, inputs: Path) -> Corpus:
    """BASIL articles of 2010–2015 (all three outlets of every triplet) as one JSON Lines file."""
    rows = []
    for year in range(2010, 2016):
        for path in sorted((folder / "articles" / str(year)).glob("*.json")):
            d = json.loads(path.read_text(encoding="utf-8"))
            paragraphs = [
                " ".join(p) if isinstance(p, list) else str(p) for p in d["body-paragraphs"]
            ]
            rows.append(
                {
                    "title": (d.get("title") or "").strip(),
                    "text": "\n\n".join(p for p in paragraphs if p.strip()),
                    "source": d.get("source"),
                    "published": d.get("date"),
                    "url": d.get("url"),
                }
            )
    if not rows:
        raise AuditError(f"{folder}: no BASIL articles under articles/2010..2015; pass --basil DIR")
    out = inputs / "basil.jsonl"
    _write_jsonl(out, rows)
    return Corpus(name="basil", input=out, note=f"{len(rows)} BASIL articles 2010-2015")


def _timeline17_corpora(
    folder: Path, inputs: Path, topics: Sequence[str], per_topic: int, seed: int
) -> list[Corpus]:
    """Per topic, a seeded choice of `per_topic` non-empty articles over all its outlets."""
    corpora = []
    for topic in topics:
        files = sorted(
            p
            for d in sorted(folder.glob(f"{topic}_*/InputDocs"))
            for p in d.glob("*/*.txt")
            if p.stat().st_size > 0
        )
        if not files:
            raise AuditError(
                f"{folder}: no Timeline17 files for topic {topic!r}; check --t17-topics"
            )
        chosen = sorted(random.Random(f"{seed}:{topic}").sample(files, min(per_topic, len(files))))
        rows = _t17_rows(chosen)
        out = inputs / f"t17-{topic}.jsonl"
        _write_jsonl(out, rows)
        corpora.append(
            Corpus(
                name=f"t17-{topic}",
                input=out,
                note=f"{len(rows)} of {len(files)} Timeline17 {topic} articles (seed {seed})",
            )
        )
    return corpora


@dataclass(frozen=True, slots=True, kw_only=True)
class Window:
    """A Timeline17 topic over a few days (first..last, inclusive, as YYYY-MM-DD folder names):
    the days on which several outlets reported the same counts, where real contradictions are
    likely."""

    topic: str
    first: str
    last: str

    @property
    def name(self) -> str:
        return f"t17w-{self.topic}-{self.first.replace('-', '')}"


def parse_windows(spec: str) -> list[Window]:
    """`TOPIC:FIRST:LAST[,...]` → windows; an empty spec gives none."""
    windows = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        fields = part.split(":")
        if len(fields) != 3 or not all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in fields[1:]):
            raise AuditError(
                f"--t17-windows: {part!r} is not TOPIC:YYYY-MM-DD:YYYY-MM-DD "
                "(e.g. H1N1:2009-04-27:2009-04-29)"
            )
        if fields[1] > fields[2]:
            raise AuditError(f"--t17-windows: {part!r} ends before it starts; swap the dates")
        windows.append(Window(topic=fields[0], first=fields[1], last=fields[2]))
    return windows


def window_choice(folder: Path, window: Window, size: int, seed: int) -> list[Path]:
    """Non-empty articles of the window's topic published first..last, `size` at most, taken in
    turn from each outlet (each outlet's files in a seeded order), so that every outlet that
    reported those days is in the corpus with as many articles as the others allow."""
    per_outlet = []
    for outlet_dir in sorted(folder.glob(f"{window.topic}_*")):
        files = sorted(
            p
            for day in sorted((outlet_dir / "InputDocs").glob("*"))
            if day.is_dir() and window.first <= day.name <= window.last
            for p in day.glob("*.txt")
            if p.stat().st_size > 0
        )
        random.Random(f"{seed}:{window.name}:{outlet_dir.name}").shuffle(files)
        if files:
            per_outlet.append(files)
    chosen: list[Path] = []
    turn = 0
    while len(chosen) < size and any(turn < len(f) for f in per_outlet):
        chosen += [f[turn] for f in per_outlet if turn < len(f)][: size - len(chosen)]
        turn += 1
    return sorted(chosen)


def _t17_rows(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Timeline17 files as JSON Lines rows: detokenised text, the folder's outlet as source, the
    date folder as publication date."""
    sys.path.insert(0, str(REPO / "bench"))
    from stories import detokenize  # the Timeline17 detokeniser the stories benchmark uses

    rows = []
    for path in paths:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        text = "\n".join(t for t in (detokenize(line) for line in lines) if t)
        outlet = path.parents[2].name.split("_", 1)[1]
        rows.append({"text": text, "source": outlet, "published": path.parent.name})
    return rows


def _window_corpora(
    folder: Path, inputs: Path, windows: Sequence[Window], size: int, seed: int
) -> list[Corpus]:
    corpora = []
    for window in windows:
        chosen = window_choice(folder, window, size, seed)
        if not chosen:
            raise AuditError(
                f"{folder}: no Timeline17 {window.topic} articles from {window.first} to "
                f"{window.last}; check --t17-windows"
            )
        out = inputs / f"{window.name}.jsonl"
        _write_jsonl(out, _t17_rows(chosen))
        outlets = sorted({p.parents[2].name.split("_", 1)[1] for p in chosen})
        corpora.append(
            Corpus(
                name=window.name,
                input=out,
                note=f"{len(chosen)} Timeline17 {window.topic} articles {window.first}.."
                f"{window.last} from {', '.join(outlets)} (seed {seed})",
            )
        )
    return corpora


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    tmp.replace(path)


def _files_digest(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(str(path.name).encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _stamp(corpus: Corpus, command: Sequence[str]) -> str:
    """Hash of the code under src/newsprism, the corpus's input files and the command."""
    code = [
        p
        for p in (REPO / "src" / "newsprism").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    inputs = (
        [corpus.input]
        if corpus.input.is_file()
        else [p for p in corpus.input.rglob("*") if p.is_file()]
    )
    return hashlib.sha256(
        "\n".join([_files_digest(code), _files_digest(inputs), *command[1:]]).encode()
    ).hexdigest()


def corpus_names(args: argparse.Namespace) -> list[str]:
    """The names of every corpus `build` knows, in build order."""
    return [
        "basil",
        *(f"t17-{t}" for t in filter(None, args.t17_topics.split(","))),
        *(w.name for w in parse_windows(args.t17_windows)),
        "istanbul",
        "harbour",
    ]


def selected(args: argparse.Namespace) -> list[str]:
    """The corpora `--only` names (all when it is not given), checked against the known ones."""
    known = corpus_names(args)
    if not args.only:
        return known
    wanted = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise AuditError(f"--only: no corpus {', '.join(unknown)}; known: {', '.join(known)}")
    return [n for n in known if n in wanted]


def plan(args: argparse.Namespace, names: Sequence[str]) -> list[Corpus]:
    """Write the inputs of the named corpora (only those) and return them in build order."""
    inputs: Path = args.work / "inputs"
    needs = {
        "--basil": (args.basil, "basil" in names),
        "--timeline17": (args.timeline17, any(n.startswith("t17") for n in names)),
        "--istanbul": (args.istanbul, "istanbul" in names),
        "--harbour": (args.harbour, "harbour" in names),
    }
    for label, (path, needed) in needs.items():
        if needed and not path.is_dir():
            raise AuditError(f"{path}: not a folder; pass {label} DIR")
    corpora: list[Corpus] = []
    if "basil" in names:
        corpora.append(_basil_corpus(args.basil, inputs))
    topics = [t for t in args.t17_topics.split(",") if f"t17-{t}" in names]
    corpora += _timeline17_corpora(
        args.timeline17, inputs, topics, args.t17_per_topic, args.t17_seed
    )
    windows = [w for w in parse_windows(args.t17_windows) if w.name in names]
    corpora += _window_corpora(
        args.timeline17, inputs, windows, args.t17_window_size, args.t17_seed
    )
    if "istanbul" in names:
        corpora.append(Corpus(name="istanbul", input=args.istanbul, note="the example corpus"))
    if "harbour" in names:
        corpora.append(Corpus(name="harbour", input=args.harbour, note="the invented corpus"))
    return corpora


def analyse(corpus: Corpus, work: Path) -> dict[str, Any]:
    """Run `newsprism analyze` on one corpus into `<work>/<name>/`, unless its stamp is the
    stamp of its last finished run. Returns its figures; raises AuditError when analyze fails."""
    out = work / corpus.name
    command = [
        sys.executable,
        "-m",
        "newsprism",
        "analyze",
        str(corpus.input),
        "--out",
        str(out),
        "--db",
        str(out / "store.db"),
        "--today",
        TODAY,
    ]
    stamp = _stamp(corpus, command)
    stamp_file = out / "stamp"
    if stamp_file.is_file() and stamp_file.read_text() == stamp and (out / "report.json").is_file():
        print(f"{corpus.name}: unchanged, kept ({corpus.note})", flush=True)
        return {"seconds": 0.0, "cached": True, "note": corpus.note}
    out.mkdir(parents=True, exist_ok=True)
    for stale in ("stamp", "store.db", "store.db-wal", "store.db-shm", "report.json"):
        (out / stale).unlink(missing_ok=True)
    # one thread per analysis: parallel corpora, not threads inside one, share the cores
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "OMP_NUM_THREADS": "1"}
    t0 = time.monotonic()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.monotonic() - t0
    (out / "analyze.log").write_text(done.stdout + done.stderr, encoding="utf-8")
    if done.returncode != 0:
        raise AuditError(
            f"{corpus.name}: analyze failed ({done.returncode}); see {out / 'analyze.log'}"
        )
    stamp_file.write_text(stamp)
    print(f"{corpus.name}: analysed in {seconds:.0f} s ({corpus.note})", flush=True)
    return {"seconds": round(seconds, 1), "cached": False, "note": corpus.note}


def build(args: argparse.Namespace) -> dict[str, Any]:
    """Write the chosen corpora's inputs and analyse them (unless a stamp is unchanged), up to
    `--workers` analyses at once (never more than the machine's cores)."""
    corpora = plan(args, selected(args))
    workers = max(1, min(args.workers, os.cpu_count() or 1, len(corpora)))
    started = time.monotonic()
    figures: dict[str, Any] = {}
    failures: list[str] = []
    # the biggest corpus first, so that the small ones fill the other workers meanwhile
    order = sorted(corpora, key=lambda c: -(c.input.stat().st_size if c.input.is_file() else 0))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        running = {pool.submit(analyse, c, args.work): c for c in order}
        for future in as_completed(running):
            try:
                figures[running[future].name] = future.result()
            except AuditError as e:  # one failed corpus does not stop the others
                failures.append(str(e))
    if failures:
        raise AuditError("; ".join(failures))
    figures = {c.name: figures[c.name] for c in corpora}
    figures["workers"] = workers
    figures["total_seconds"] = round(time.monotonic() - started, 1)
    return figures


# --- items -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One analysis item as a reader sees it: what it claims, what it cites, and its key."""

    kind: str
    corpus: str
    story: str
    claims: dict[str, Any]  # exactly the fields a judge judges
    spans: tuple[tuple[str, int, int], ...]  # (article id, start, end) of every cited span
    labels: tuple[str, ...]  # per span, what it is to the judge ("quote", "side A", ...)
    confidence: float | None
    shown: bool
    key: str


def _digest(value: Any) -> str:
    return hashlib.sha256(
        json.dumps(value, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


def item_key(kind: str, spans: Sequence[tuple[str, int, int]], claims: dict[str, Any]) -> str:
    """The item's key from its kind, its cited spans (by article content hash) and its fields.

    `spans` holds (content hash of the article's text, start, end); their order does not matter.
    """
    return _digest([kind, sorted(list(s) for s in spans), _digest(claims)])[:20]


def _is_shown(kind: str, confidence: float | None) -> bool:
    from newsprism.confidence import FLOORS, shown

    field = FLOOR_OF.get(kind)
    return True if field is None else shown(confidence, getattr(FLOORS, field))


def _spans(
    label: str, records: Iterable[dict[str, Any] | None]
) -> list[tuple[str, tuple[str, int, int]]]:
    return [(label, (r["article_id"], int(r["start"]), int(r["end"]))) for r in records if r]


def report_items(report: dict[str, Any], corpus: str) -> Iterator[Item]:
    """Every item of the seven kinds in one report (shown or not)."""
    hashes = {a["id"]: hashlib.sha256(a["text"].encode()).hexdigest() for a in report["articles"]}
    outlet_of = {a["id"]: a.get("source") or a["id"] for a in report["articles"]}

    def make(
        kind: str,
        story: str,
        claims: dict[str, Any],
        spans: list[tuple[str, tuple[str, int, int]]],
        confidence: float | None,
    ) -> Item:
        keyed = [(hashes[a], s, e) for _, (a, s, e) in spans]
        return Item(
            kind=kind,
            corpus=corpus,
            story=story,
            claims=claims,
            spans=tuple(span for _, span in spans),
            labels=tuple(lb for lb, _ in spans),
            confidence=confidence,
            shown=_is_shown(kind, confidence),
            key=item_key(kind, keyed, claims),
        )

    for story in report["stories"]:
        sid = story["id"]
        for q in story.get("quotes", []):
            speaker = q.get("speaker_name") or q.get("speaker_text")
            yield make(
                "quote",
                sid,
                {"speaker": speaker, "quote": q["text"]},
                [*_spans("quote", q["content"]), *_spans("speaker", [q.get("speaker_span")])],
                q.get("confidence"),
            )
        claims = {c["id"]: c for c in story.get("claims", [])}
        for c in claims.values():
            if c["status"] == "corroborated":
                yield make(
                    "corroborated",
                    sid,
                    # distinct outlets, as a reader counts them (sources are articles: one
                    # outlet's two articles are one outlet)
                    {
                        "claim": c["text"],
                        "outlets": len({outlet_of.get(a, a) for a in c["sources"]}),
                    },
                    _spans("grouped sentence", c["evidence"]),
                    c.get("confidence"),
                )
        pairs: set[tuple[str, str, str]] = set()
        for c in claims.values():
            if c["status"] != "contradicted":
                continue
            for f in c.get("conflicts", []):
                other = claims.get(f["claim"])
                if other is None:
                    continue
                a, b = sorted((c["id"], other["id"]))
                if (a, b, f["slot"]) in pairs:
                    continue
                pairs.add((a, b, f["slot"]))
                first, second = (c, other) if c["id"] == a else (other, c)
                value, other_value = (
                    (f["value"], f["other_value"])
                    if c["id"] == a
                    else (f["other_value"], f["value"])
                )
                confs = [
                    x
                    for x in (f.get("confidence"), c.get("confidence"), other.get("confidence"))
                    if x is not None
                ]
                yield make(
                    "contradicted",
                    sid,
                    {
                        "slot": f["slot"],
                        "side_a": first["text"],
                        "value_a": value,
                        "side_b": second["text"],
                        "value_b": other_value,
                    },
                    [*_spans("side A", first["evidence"]), *_spans("side B", second["evidence"])],
                    min(confs) if confs else None,
                )
        for t in story.get("timeline", []):
            yield make(
                "timeline",
                sid,
                {"date": t["date"], "granularity": t.get("granularity"), "statement": t["text"]},
                _spans("statement", t["evidence"]),
                t.get("confidence"),
            )
        for p in story.get("positions", []):
            yield make(
                "position",
                sid,
                {
                    "actor": p.get("actor_name") or p.get("actor"),
                    "kind": p["kind"],
                    "stance": p["stance"],
                },
                _spans("stance", p.get("stance_spans") or p["evidence"]),
                p.get("confidence"),
            )
        for section in story.get("brief", {}).get("sections", []):
            if section["key"] not in BRIEF_SECTIONS:
                continue
            for s in section["sentences"]:
                yield make(
                    "brief",
                    sid,
                    {
                        "section": section["title"],
                        "frame": s.get("frame", ""),
                        "sentence": s["text"],
                    },
                    _spans("cited", s["citations"]),
                    s.get("confidence"),
                )
        for a in story.get("answers", []):
            if a.get("refused") or not a.get("sentences"):
                continue
            first = a["sentences"][0]
            yield make(
                "answer",
                sid,
                {
                    "question": a["question"],
                    "value": a.get("value"),
                    "first_sentence": first["text"],
                },
                _spans("answer", first["citations"]),
                a.get("confidence"),
            )


def load_reports(work: Path) -> list[tuple[str, dict[str, Any]]]:
    reports = sorted(work.glob("*/report.json"))
    if not reports:
        raise AuditError(f"{work}: no */report.json; run `python bench/audit.py build` first")
    return [(p.parent.name, json.loads(p.read_text(encoding="utf-8"))) for p in reports]


# --- source text for the judges --------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s)|\n")


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """From CONTEXT_SENTENCES sentences before the passage to as many after (bounded)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    before = [e for e in ends if e <= start]
    after = [e for e in ends if e > end]  # ends of the sentences after the cited one
    lo = before[-(CONTEXT_SENTENCES + 1)] if len(before) > CONTEXT_SENTENCES else 0
    hi = after[CONTEXT_SENTENCES] if len(after) > CONTEXT_SENTENCES else len(text)
    return max(lo, start - CONTEXT_CHARS), min(hi, end + CONTEXT_CHARS)


def _context(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The text from the window before the first span to the window after the last, with every
    cited span in ⟦ ⟧ (overlapping spans are marked as one)."""
    lo, hi = _window(text, min(s for s, _ in spans), max(e for _, e in spans))
    marked: list[list[int]] = []
    for s, e in sorted(spans):
        if marked and s <= marked[-1][1]:
            marked[-1][1] = max(marked[-1][1], e)
        else:
            marked.append([s, e])
    out, at = ["…" if lo > 0 else ""], lo
    for s, e in marked:
        out += [text[at:s], "⟦", text[s:e], "⟧"]
        at = e
    out += [text[at:hi], "…" if hi < len(text) else ""]
    return " ".join("".join(out).split())


def _groups(
    spans: Sequence[tuple[str, int, int]], labels: Sequence[str], text_of: dict[str, str]
) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """Spans grouped per label and article, a group per run of spans whose windows touch, in
    citing order."""
    groups: list[tuple[str, str, list[tuple[int, int]]]] = []
    for label, (aid, start, end) in zip(labels, spans, strict=True):
        for g_label, g_aid, g_spans in groups:
            if g_aid != aid or (g_label != label and label.startswith("side")):
                continue
            lo, hi = _window(text_of[aid], min(s for s, _ in g_spans), max(e for _, e in g_spans))
            if start <= hi and end >= lo:
                g_spans.append((start, end))
                break
        else:
            groups.append((label, aid, [(start, end)]))
    return groups


def item_record(item: Item, articles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The item as written for the judges: key, fields, and the cited spans with context
    (spans close together in one article shown in one passage)."""
    sources = []
    text_of = {aid: articles[aid]["text"] for aid, _, _ in item.spans}
    for label, aid, spans in _groups(item.spans, item.labels, text_of):
        a = articles[aid]
        sources.append(
            {
                "role": label,
                "outlet": a.get("source"),
                "title": a.get("title"),
                "published": a.get("published"),
                "published_inferred": a.get("published_inferred"),
                "cited": [a["text"][s:e] for s, e in spans],
                "context": _context(a["text"], spans),
            }
        )
    return {
        "key": item.key,
        "kind": item.kind,
        "corpus": item.corpus,
        "story": item.story,
        "claims": item.claims,
        "confidence": item.confidence,
        "sources": sources,
    }


def _markdown(records: Sequence[dict[str, Any]], tag: str, carried: int) -> str:
    lines = [
        f"# Audit items to judge ({tag})",
        "",
        f"{len(records)} items; {carried} sampled items already judged were left out. Judge each "
        "by the rules of bench/audit/README.md for its kind, from the source text below only. "
        "⟦ ⟧ marks the cited passage. Write one JSON line per item (see the README).",
        "",
    ]
    for r in records:
        lines += [f"## {r['kind']} · key `{r['key']}` · {r['corpus']}", ""]
        lines += [f"- **{k}**: {json.dumps(v, ensure_ascii=False)}" for k, v in r["claims"].items()]
        lines.append("")
        for i, s in enumerate(r["sources"], 1):
            date = s["published"] or "unknown"
            if s["published_inferred"]:
                date += " (inferred from the text)"
            lines.append(
                f"{i}. {s['role']} — *{s['outlet']}*, published {date}"
                + (f", “{s['title']}”" if s["title"] else "")
                + ":"
            )
            lines.append(f"   > {s['context']}")
        lines.append("")
    return "\n".join(lines)


# --- sample ----------------------------------------------------------------------------------


def choose(keys: Iterable[str], seed: int, n: int) -> list[str]:
    """The first n distinct keys in the order of sha256(f"{seed}:{key}"): a seeded random
    choice in which a key, once chosen, stays chosen as long as it exists and fewer than n
    keys of lower hash appear."""
    order = sorted(set(keys), key=lambda k: hashlib.sha256(f"{seed}:{k}".encode()).hexdigest())
    return order[:n]


def read_judgements(path: Path = JUDGEMENTS) -> dict[str, dict[str, Any]]:
    if not path.is_file():
        return {}
    out = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                v = json.loads(line)
            except json.JSONDecodeError as e:
                raise AuditError(f"{path}:{n}: not JSON ({e}); fix or remove the line") from e
            out[v["key"]] = v
    return out


def sample(args: argparse.Namespace) -> dict[str, Any]:
    items: dict[str, list[Item]] = {k: [] for k in KINDS}
    articles: dict[str, dict[str, Any]] = {}
    for corpus, report in load_reports(args.work):
        articles.update({a["id"]: a for a in report["articles"]})
        for item in report_items(report, corpus):
            items[item.kind].append(item)
    judged = read_judgements(args.judgements)
    counts: dict[str, Any] = {}
    chosen: list[Item] = []
    for kind in KINDS:
        shown = {i.key: i for i in items[kind] if i.shown}
        # --fresh: a sample none of whose items were judged before, for a final score that the
        # floors (set on the judged items by `calibrate`) were not fitted to
        pool = [k for k in shown if not (args.fresh and k in judged)]
        picked = choose(pool, args.seed, args.per_kind)
        chosen += [shown[k] for k in picked]
        counts[kind] = {
            "total": len(items[kind]),
            "shown": len(shown),
            "left_out_as_judged": len(shown) - len(pool),
            "sampled": len(picked),
            "already_judged": sum(k in judged for k in picked),
        }
    records = [item_record(i, articles) for i in chosen]
    work: Path = args.work
    _write_jsonl(work / f"items-{args.tag}.jsonl", records)
    to_judge = [r for r in records if r["key"] not in judged]
    (work / f"items-{args.tag}.md").write_text(
        _markdown(to_judge, args.tag, len(records) - len(to_judge)), encoding="utf-8"
    )
    (work / f"sample-{args.tag}.json").write_text(
        json.dumps(
            {
                "tag": args.tag,
                "seed": args.seed,
                "per_kind": args.per_kind,
                "fresh": args.fresh,
                "counts": counts,
                "keys": {k: [i.key for i in chosen if i.kind == k] for k in KINDS},
            },
            indent=1,
        ),
        "utf-8",
    )
    for kind in KINDS:
        c = counts[kind]
        print(
            f"{kind:13} total {c['total']:5}  shown {c['shown']:5}  sampled {c['sampled']:3}  "
            f"already judged {c['already_judged']:3}"
            + (f"  left out as judged {c['left_out_as_judged']:3}" if args.fresh else "")
        )
    print(
        f"wrote {work / f'items-{args.tag}.md'} ({len(to_judge)} to judge) and "
        f"{work / f'items-{args.tag}.jsonl'}"
    )
    return counts


# --- verdicts --------------------------------------------------------------------------------


def merge_verdicts(
    existing: dict[str, dict[str, Any]], new: Sequence[dict[str, Any]], known: set[str]
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Existing verdicts with the new ones merged in: a key judged twice keeps the verdict of
    the later date (a tie: the one merged last). Returns the merged verdicts and notes."""
    notes = []
    merged = dict(existing)
    for v in new:
        missing = {"key", "kind", "verdict", "reason", "judge", "date"} - v.keys()
        if missing:
            raise AuditError(f"verdict {v!r} lacks {sorted(missing)}; see bench/audit/README.md")
        if v["verdict"] not in VERDICTS:
            raise AuditError(f"verdict of {v['key']} is {v['verdict']!r}; write one of {VERDICTS}")
        if v["key"] not in known:
            raise AuditError(
                f"key {v['key']} is not a sampled item; check the key against items-*.jsonl"
            )
        old = merged.get(v["key"])
        if old is not None:
            keep = v if str(v["date"]) >= str(old["date"]) else old
            notes.append(
                f"{v['key']}: judged twice ({old['judge']} {old['date']}: {old['verdict']}; "
                f"{v['judge']} {v['date']}: {v['verdict']}); kept {keep['judge']} {keep['date']}"
            )
            v = keep
        merged[v["key"]] = {k: v[k] for k in ("key", "kind", "verdict", "reason", "judge", "date")}
    return merged, notes


def add_verdicts(args: argparse.Namespace) -> dict[str, Any]:
    known: set[str] = set()
    for path in args.work.glob("items-*.jsonl"):
        known |= {json.loads(line)["key"] for line in path.read_text("utf-8").splitlines() if line}
    new = []
    for file in args.files:
        for n, line in enumerate(Path(file).read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    new.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise AuditError(
                        f"{file}:{n}: not JSON ({e}); one verdict object a line"
                    ) from e
    merged, notes = merge_verdicts(read_judgements(args.judgements), new, known)
    for note in notes:
        print(note)
    args.judgements.parent.mkdir(parents=True, exist_ok=True)
    _write_jsonl(args.judgements, sorted(merged.values(), key=lambda v: (v["kind"], v["key"])))
    print(f"{len(new)} verdicts read; {args.judgements} holds {len(merged)}")
    return {"read": len(new), "held": len(merged)}


# --- score -----------------------------------------------------------------------------------


def wilson(correct: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval of a proportion (0, 1 when n is 0)."""
    if n == 0:
        return 0.0, 1.0
    p = correct / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def precision_table(
    keys: dict[str, list[str]], judged: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Per kind: sampled, judged, correct, precision and its Wilson interval, unjudged."""
    out = {}
    for kind, ks in keys.items():
        verdicts = [judged[k]["verdict"] for k in ks if k in judged]
        correct = verdicts.count("correct")
        lo, hi = wilson(correct, len(verdicts))
        out[kind] = {
            "sampled": len(ks),
            "judged": len(verdicts),
            "correct": correct,
            "precision": round(correct / len(verdicts), 3) if verdicts else None,
            "ci95": [round(lo, 3), round(hi, 3)],
            "unjudged": len(ks) - len(verdicts),
        }
    return out


_RECORD = re.compile(r"(.+?)(?:#(\d+)|\[(\d+)\]|:(\d+))?")


def _gold_names(report: dict[str, Any]) -> dict[str, str]:
    """Gold file names (`000`, `wire.jsonl#1`, `courier-renaud.txt`) → article id."""
    names: dict[str, str] = {}
    for a in report["articles"]:
        m = _RECORD.fullmatch(Path(a["input"]).name)
        assert m is not None
        file, feed, item, line = m.groups()
        record = int(feed or item or 0) if not line else int(line) - 1
        names.setdefault(file[:3], a["id"])
        names[f"{file}#{record}"] = a["id"]
        if record == 0:
            names[file] = a["id"]
    return names


def holding(
    report: dict[str, Any], claims: Iterable[dict[str, Any]], article: str, snippet: str
) -> list[dict[str, Any]]:
    """Those of `claims` whose evidence in that article overlaps the snippet (found in the
    article's text; gold evidence may leave out an apposition, so failing the whole snippet its
    first 24 characters are looked for). The harbour corpus test counts its gold this way too."""
    text = next(a["text"] for a in report["articles"] if a["id"] == article)
    at = text.find(snippet)
    if at < 0:
        snippet = snippet[:24]
        at = text.find(snippet)
    if at < 0:
        return []
    return [
        c
        for c in claims
        if any(
            e["article_id"] == article and e["start"] < at + len(snippet) and at < e["end"]
            for e in c["evidence"]
        )
    ]


def _holding(
    report: dict[str, Any], article: str, snippet: str, kind: str = "corroborated"
) -> list[dict[str, Any]]:
    """Claims (any story) shown to a reader at the floor of `kind` (corroborated or
    contradicted) whose evidence in that article overlaps the snippet."""
    shown = (
        c for s in report["stories"] for c in s["claims"] if _is_shown(kind, c.get("confidence"))
    )
    return holding(report, shown, article, snippet)


def gold_recall(report: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Story-level recall of the gold's corroborated and contradicted claims.

    Corroborated: found when shown claims with two or more voices that hold the gold's evidence
    back it from two or more of its files (as tests/test_*_corpus.py count it). That union is
    lenient: two groups, each holding one file's snippet and backed by other files for another
    fact, count. `corroborated_one_group` is the strict count: one shown claim holds the gold's
    snippets of two or more files. Contradicted:
    found when a shown claim holding one side conflicts with a claim holding a side of another
    value.
    """
    names = _gold_names(report)
    claims = {c["id"]: c for s in report["stories"] for c in s["claims"]}
    corroborated, one_group = [], []
    for g in gold["claims"]["corroborated"]:
        files = {names[f] for f in g.get("files", []) if f in names} or set(names.values())
        backing: set[str] = set()
        held: dict[str, set[str]] = {}  # claim id -> gold files whose snippet it holds
        for ev in g["evidence"]:
            for c in _holding(report, names[ev["file"]], ev["text"]):
                if c["voices"] >= 2:
                    backing |= set(c["sources"]) & files
                    held.setdefault(c["id"], set()).add(ev["file"])
        corroborated.append(len(backing) >= 2)
        one_group.append(any(len(f) >= 2 for f in held.values()))
    contradicted = []
    for g in gold["claims"]["contradicted"]:
        holders = [
            (c["id"], json.dumps(side["value"]))
            for side in g["sides"]
            for c in _holding(report, names[side["file"]], side["text"], "contradicted")
        ]
        found = False
        for cid, value in holders:
            for f in claims[cid].get("conflicts", []):
                if any(o == f["claim"] and v != value for o, v in holders):
                    found = True
        contradicted.append(found)
    return {
        "corroborated": [sum(corroborated), len(corroborated)],
        "corroborated_one_group": [sum(one_group), len(one_group)],
        "contradicted": [sum(contradicted), len(contradicted)],
    }


def score(args: argparse.Namespace) -> dict[str, Any]:
    sample_file = args.work / f"sample-{args.tag}.json"
    if not sample_file.is_file():
        raise AuditError(
            f"{sample_file}: no sample; run `python bench/audit.py sample --tag {args.tag}`"
        )
    drawn = json.loads(sample_file.read_text("utf-8"))
    table = precision_table(drawn["keys"], read_judgements(args.judgements))
    for kind, row in table.items():
        row.update(
            {"total": drawn["counts"][kind]["total"], "shown": drawn["counts"][kind]["shown"]}
        )
        p = "  -  " if row["precision"] is None else f"{row['precision']:.3f}"
        print(
            f"{kind:13} judged {row['judged']:3}  correct {row['correct']:3}  precision {p} "
            f"[{row['ci95'][0]:.2f}, {row['ci95'][1]:.2f}]  unjudged {row['unjudged']:3}  "
            f"items {row['total']:5} (shown {row['shown']})"
        )
    recall = {}
    for corpus, gold_file in (
        ("istanbul", "istanbul-talks.json"),
        ("harbour", "harbour-talks.json"),
    ):
        report_file = args.work / corpus / "report.json"
        if report_file.is_file():
            gold = json.loads((REPO / "tests" / "gold" / gold_file).read_text("utf-8"))
            recall[corpus] = gold_recall(json.loads(report_file.read_text("utf-8")), gold)
            print(f"gold recall {corpus}: {recall[corpus]}")
    return {"tag": args.tag, "precision": table, "gold_recall": recall}


# --- calibrate -------------------------------------------------------------------------------


def judged_confidences(
    item_files: Sequence[Path], judged: dict[str, dict[str, Any]]
) -> tuple[dict[str, list[tuple[float, bool]]], dict[str, int]]:
    """Per kind, (confidence, correct) of every judged item that carries a confidence, from
    items-*.jsonl files joined with the verdicts by key (a key in several files: the
    confidence of the file given last). Also per kind how many judged items had none."""
    confidence: dict[str, tuple[str, float | None]] = {}
    for path in item_files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                raise AuditError(f"{path}:{n}: not JSON ({e}); pass an items-*.jsonl") from e
            if not {"key", "kind", "confidence"} <= r.keys():
                raise AuditError(
                    f"{path}:{n}: no key/kind/confidence; pass an items-*.jsonl written by sample"
                )
            confidence[r["key"]] = (r["kind"], r["confidence"])
    pairs: dict[str, list[tuple[float, bool]]] = {k: [] for k in KINDS}
    without: dict[str, int] = dict.fromkeys(KINDS, 0)
    for key, (kind, c) in confidence.items():
        verdict = judged.get(key)
        if verdict is None:
            continue
        if c is None:
            without[kind] = without.get(kind, 0) + 1
        else:
            pairs.setdefault(kind, []).append((float(c), verdict["verdict"] == "correct"))
    return pairs, without


def floor_table(
    pairs: Sequence[tuple[float, bool]], floors: Sequence[float]
) -> list[dict[str, Any]]:
    """Per candidate floor: n judged items at or above it, correct, precision, Wilson lower
    bound. Floors that keep the same items as a lower one are left out (the lowest stands for
    them), and so are floors that keep none."""
    rows: list[dict[str, Any]] = []
    for floor in sorted(set(floors)):
        kept = [ok for c, ok in pairs if c >= floor]
        if not kept or (rows and rows[-1]["n"] == len(kept)):
            continue
        correct = sum(kept)
        lo, hi = wilson(correct, len(kept))
        rows.append(
            {
                "floor": floor,
                "n": len(kept),
                "correct": correct,
                "precision": round(correct / len(kept), 3) if kept else None,
                "wilson_low": round(lo, 3),
            }
        )
    return rows


def lowest_floor(rows: Sequence[dict[str, Any]], field: str, target: float, min_n: int) -> Any:
    """The lowest floor whose `field` (precision or wilson_low) reaches target with at least
    min_n judged items at or above it; None when no floor does."""
    for row in rows:
        if row["n"] >= min_n and row[field] is not None and row[field] >= target:
            return row["floor"]
    return None


def calibrate(args: argparse.Namespace) -> dict[str, Any]:
    """For each kind, judged precision above candidate floors, and the lowest floor that
    reaches the target by the Wilson lower bound and by the point estimate."""
    from newsprism.confidence import FLOORS

    files = [Path(f) for f in args.items] or sorted(args.work.glob("items-*.jsonl"))
    if not files:
        raise AuditError(f"{args.work}: no items-*.jsonl; pass the items files to calibrate on")
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise AuditError(
            f"{', '.join(missing)}: no such file; pass items-*.jsonl written by sample"
        )
    if not 0 < args.step <= 1:
        raise AuditError(f"--step {args.step}: give a spacing in (0, 1], e.g. 0.05")
    pairs, without = judged_confidences(files, read_judgements(args.judgements))
    grid = [round(x * args.step, 6) for x in range(int(round(1 / args.step)) + 1)]
    out: dict[str, Any] = {}
    for kind in KINDS:
        field = FLOOR_OF.get(kind)
        current = getattr(FLOORS, field) if field else None
        floors = grid + [c for c, _ in pairs[kind]] + ([current] if current is not None else [])
        rows = floor_table(pairs[kind], floors)
        by_wilson = lowest_floor(rows, "wilson_low", args.target, 1)
        by_point = lowest_floor(rows, "precision", args.target, args.min_n)
        out[kind] = {
            "judged_with_confidence": len(pairs[kind]),
            "judged_without_confidence": without.get(kind, 0),
            "current_floor": current,
            "lowest_floor_wilson_low": by_wilson,
            "lowest_floor_point": by_point,
            "rows": rows,
        }
        print(
            f"{kind}: {len(pairs[kind])} judged items with a confidence "
            f"({without.get(kind, 0)} without); floor now {current}"
        )
        now = floor_table(pairs[kind], [current]) if current is not None else []
        out[kind]["at_current_floor"] = now[0] if now else None
        for r in rows:
            print(
                f"  floor {r['floor']:.3f}  n {r['n']:3}  correct {r['correct']:3}  "
                f"precision {r['precision']:.3f}  Wilson low {r['wilson_low']:.3f}"
            )
        if now:
            print(
                f"  at the floor now ({current}): n {now[0]['n']}, precision "
                f"{now[0]['precision']:.3f}, Wilson low {now[0]['wilson_low']:.3f}"
            )
        print(
            f"  lowest floor reaching {args.target}: by the Wilson lower bound {by_wilson}; "
            f"by the point estimate (n >= {args.min_n}) {by_point}"
        )
    return {"target": args.target, "items": [str(f) for f in files], "kinds": out}


# --- command line ----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="work folder")
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="analyse the corpora")
    b.add_argument("--basil", type=Path, default=SHARED / "eval" / "basil")
    b.add_argument("--timeline17", type=Path, default=SHARED / "eval" / "timeline17")
    b.add_argument("--istanbul", type=Path, default=SHARED / "corpus" / "istanbul-talks")
    b.add_argument("--harbour", type=Path, default=REPO / "examples" / "harbour-talks")
    b.add_argument("--t17-topics", default="H1N1,bpoil,LibyaWar,MJ")
    b.add_argument("--t17-per-topic", type=int, default=20)
    b.add_argument("--t17-seed", type=int, default=17)
    b.add_argument(
        "--t17-windows",
        default=DEFAULT_WINDOWS,
        help="TOPIC:FIRST:LAST[,...]: Timeline17 topics over a few days, all outlets ('' for none)",
    )
    b.add_argument("--t17-window-size", type=int, default=24)
    b.add_argument("--only", default="", help="CORPUS[,...]: build only these corpora")
    b.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="analyses at once (default and most: the core count)",
    )
    s = sub.add_parser("sample", help="draw the sample and write the items for the judges")
    s.add_argument("--per-kind", type=int, default=45)
    s.add_argument("--seed", type=int, default=17)
    s.add_argument("--tag", default="latest")
    s.add_argument(
        "--fresh",
        action="store_true",
        help="leave out items already in the judgements file (a sample for the final score)",
    )
    v = sub.add_parser("add-verdicts", help="merge judge files into the judgements file")
    v.add_argument("files", nargs="+")
    c = sub.add_parser("score", help="precision per kind, counts and gold recall")
    c.add_argument("--tag", default="latest")
    k = sub.add_parser("calibrate", help="judged precision above candidate confidence floors")
    k.add_argument("items", nargs="*", help="items-*.jsonl files (default: those in --work)")
    k.add_argument("--target", type=float, default=0.90)
    k.add_argument("--step", type=float, default=0.05, help="spacing of the grid of floors")
    k.add_argument("--min-n", type=int, default=20, help="fewest items for the point estimate")
    args = parser.parse_args(argv)
    commands = {
        "build": build,
        "sample": sample,
        "add-verdicts": add_verdicts,
        "score": score,
        "calibrate": calibrate,
    }
    try:
        result = commands[args.command](args)
    except AuditError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(json.dumps({"command": args.command, **result} if isinstance(result, dict) else result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
