"""Benchmark: newsprism's brief on the NeuS AllSides roundups, against a neutral reference.

What it measures: for each event (three outlets' headline and lead about one story), how close
the brief newsprism composes comes to the AllSides editors' neutral roundup, by ROUGE-1, ROUGE-2
and ROUGE-L F1 (bench/rouge.py: stemmed, stop words kept, clipped counts; ROUGE-L over the whole
text as one sequence), for the brief's "context" section and for the whole brief (every section's
sentences in order); and whether every brief sentence passes the citation checker
(`newsprism.citations.check_sentence`, with each article's outlet and the story entities it
mentions as the names a frame may use) — it must be 100 %; failures are printed.

Data (DATA_DIR, default ../shared/eval/neus-allsides; the files may sit in a sub-folder):
`<split>.source` / `<split>.target`, line-aligned; a source line is three segments
`TITLE=> … ARTICLE=> …` joined by ` [SEP] ` (left, centre and right outlets in random order; the
file does not say which is which), a target line is the neutral roundup in the same form. The
reference is the target with its TITLE=> / ARTICLE=> markers removed (title and text).
Default split: val (307 events); `--limit N` takes the first N.

Systems:
- newsprism: each event becomes three front-matter .txt files under bench/_work/neus-<split>/
  <n>/ (source "outlet 1/2/3" in the file's order, title = the segment's TITLE, text = its
  ARTICLE; published = 2021-01-04 for all — the data has no dates, so relative expressions
  such as "Friday" resolve against that made-up day), run through `newsprism.pipeline.analyze`
  with `load_settings(offline=True, today=…)` and a Store per event (bench/_work/neus-<split>/
  <n>.db: one shared store would let the incremental clustering join different events). The
  brief is the story with most articles (when the three snippets do not cluster into one story,
  that is counted and printed).
- lead-1 floor: the first sentence of each outlet's ARTICLE text, concatenated in file order.
- longest-snippet floor: the longest of the three ARTICLE texts.
Published figures for NeuS (Lee et al., NAACL 2022) are not transcribed in the data README, so
none are printed; only the floors stand beside newsprism.

Usage: python bench/brief.py [DATA_DIR] [--split val] [--limit N] [--work DIR]
  --work DIR: where the per-event stores go instead of bench/_work/ (a fresh folder gives a
  run that reuses nothing: the quality gate's fast run).
The last line of stdout is one JSON object with the metrics; per-event scores and brief texts
go to <work>/brief-<split>-per-event.json (default work folder: bench/_work/).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import rouge  # noqa: E402  (bench/rouge.py, beside this file)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO.parent / "shared" / "eval" / "neus-allsides"
WORK = REPO / "bench" / "_work"
PUBLISHED_DAY = "2021-01-04"
SYSTEMS = ("newsprism_context", "newsprism_brief", "lead1", "longest")
MEASURES = ("rouge_1", "rouge_2", "rouge_l")
_SEGMENT = re.compile(r"^\s*TITLE=>\s*(.*?)\s*ARTICLE=>\s*(.*?)\s*$", re.DOTALL)
# a sentence ends at . ! ? (and closing quotes or brackets) before a space and a capital,
# a digit or an opening quote
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"“‘'(]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Snippet:
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    number: int
    snippets: tuple[Snippet, ...]
    reference: str


# --- reading ----------------------------------------------------------------------------------


def parse_segment(segment: str) -> Snippet:
    """`TITLE=> headline. ARTICLE=> text` → its title and text (a segment without the markers
    is all text)."""
    m = _SEGMENT.match(segment)
    if m is None:
        return Snippet(title="", text=segment.strip())
    return Snippet(title=m.group(1).strip(), text=m.group(2).strip())


def parse_source(line: str) -> tuple[Snippet, ...]:
    return tuple(parse_segment(s) for s in line.split("[SEP]") if s.strip())


def reference_text(line: str) -> str:
    """The target with its markers removed: title, then text."""
    s = parse_segment(line)
    return f"{s.title} {s.text}".strip()


def find_split(data_dir: Path, split: str) -> tuple[Path, Path]:
    for folder in (data_dir, *sorted(p for p in data_dir.iterdir() if p.is_dir())):
        source, target = folder / f"{split}.source", folder / f"{split}.target"
        if source.is_file() and target.is_file():
            return source, target
    raise SystemExit(f"{data_dir}: no {split}.source / {split}.target in it or its sub-folders")


def read_events(data_dir: Path, split: str, limit: int | None = None) -> list[Event]:
    source, target = find_split(data_dir, split)
    sources = source.read_text(encoding="utf-8").splitlines()
    targets = target.read_text(encoding="utf-8").splitlines()
    if len(sources) != len(targets):
        raise SystemExit(f"{source}: {len(sources)} lines but {target}: {len(targets)}")
    events = [
        Event(number=i, snippets=parse_source(s), reference=reference_text(t))
        for i, (s, t) in enumerate(zip(sources, targets, strict=True))
    ]
    return events[:limit] if limit else events


# --- floors -----------------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def lead1(event: Event) -> str:
    return " ".join(sentences(s.text)[0] for s in event.snippets if sentences(s.text))


def longest(event: Event) -> str:
    return max((s.text for s in event.snippets), key=len, default="")


# --- scoring ----------------------------------------------------------------------------------


def scores(candidate: str, reference: str) -> dict[str, float]:
    """ROUGE-1/2/L F1 (rounded to 4 decimals)."""
    return {
        "rouge_1": round(rouge.rouge_n(candidate, reference, 1)[2], 4),
        "rouge_2": round(rouge.rouge_n(candidate, reference, 2)[2], 4),
        "rouge_l": round(rouge.rouge_l(candidate, reference)[2], 4),
    }


def mean(rows: Sequence[Mapping[str, float]]) -> dict[str, float]:
    return {k: round(sum(r[k] for r in rows) / len(rows), 4) for k in MEASURES} if rows else {}


# --- newsprism --------------------------------------------------------------------------------


def front_matter_file(outlet: str, snippet: Snippet) -> str:
    title = snippet.title.replace("\n", " ")
    return (
        f"---\nsource: {outlet}\npublished: {PUBLISHED_DAY}\ntitle: {json.dumps(title)}\n"
        f"language: en\n---\n{snippet.text}\n"
    )


def write_event(event: Event, folder: Path) -> Path:
    """The event's three snippets as front-matter .txt files in `folder`/<n>/."""
    out = folder / f"{event.number:04d}"
    out.mkdir(parents=True, exist_ok=True)
    for k, snippet in enumerate(event.snippets, 1):
        path = out / f"outlet-{k}.txt"
        text = front_matter_file(f"outlet {k}", snippet)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    return out


def story_names(story: Any, articles: Iterable[Any]) -> dict[str, set[str]]:
    """Per article id: its outlet, the outlet's label in prose and the names of the story
    entities it mentions (what `check_report` allows in a frame)."""
    from newsprism.outlet_labels import outlet_labels

    articles = list(articles)
    names: dict[str, set[str]] = {a.id: {a.source} for a in articles}
    members = set(story.article_ids)
    for article_id, label in outlet_labels(
        (a.id, a.source) for a in articles if a.id in members
    ).items():
        names[article_id].add(label)
    for entity in story.entities:
        for span in entity.mentions:
            names.setdefault(span.article_id, set()).update([entity.name, *entity.aliases])
    return names


def run_event(event: Event, folder: Path, settings: Any) -> dict[str, Any]:
    from newsprism.citations import check_sentence
    from newsprism.pipeline import analyze
    from newsprism.store import Store

    inputs = write_event(event, folder)
    db = folder / f"{event.number:04d}.db"
    with Store(db) as store:
        analysis = analyze([str(inputs)], settings, store)
    stories = sorted(analysis.stories, key=lambda s: -len(s.article_ids))
    if not stories:
        return {"stories": 0, "context": "", "brief": "", "sentences": 0, "failures": []}
    story = stories[0]
    articles = [a for a in analysis.articles if a.id in set(story.article_ids)]
    texts = {a.id: a.text for a in analysis.articles}
    names = story_names(story, analysis.articles)
    sections = story.brief.sections if story.brief else ()
    context = [s for sec in sections if sec.key == "context" for s in sec.sentences]
    every = [(sec.key, s) for sec in sections for s in sec.sentences]
    failures = []
    for key, sentence in every:
        problems = check_sentence(sentence, texts, names)
        if problems:
            failures.append({"section": key, "text": sentence.text, "problems": problems})
    return {
        "stories": len(analysis.stories),
        "story_articles": len(articles),
        "context": " ".join(s.text for s in context),
        "brief": " ".join(s.text for _, s in every),
        "sections": {sec.key: len(sec.sentences) for sec in sections},
        "notes": {sec.key: sec.note for sec in sections if sec.note},
        "sentences": len(every),
        "failures": failures,
    }


def compose_ready() -> bool:
    return (REPO / "src" / "newsprism" / "compose" / "__init__.py").exists()


HEADER = f"{'system':22}{'R-1 F1':>8}{'R-2 F1':>8}{'R-L F1':>8}{'words':>8}"


def format_row(name: str, m: Mapping[str, float], words: float) -> str:
    return f"{name:22}" + "".join(f"{m[k]:>8.3f}" for k in MEASURES) + f"{words:>8.0f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--split", default="val")
    parser.add_argument("--limit", type=int, help="first N events")
    parser.add_argument("--no-newsprism", action="store_true", help="score the floors only")
    parser.add_argument("--show", type=int, default=3, help="print this many examples")
    parser.add_argument(
        "--work", type=Path, default=WORK, help=f"stores and per-event file (default: {WORK})"
    )
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        parser.error(f"{args.data_dir} is not a folder; pass the neus-allsides folder as DATA_DIR")
    events = read_events(args.data_dir, args.split, args.limit)
    odd = [e.number for e in events if len(e.snippets) != 3]
    print(f"{len(events)} events of {args.split}" + (f"; not three snippets: {odd}" if odd else ""))

    rows: dict[str, list[dict[str, float]]] = {s: [] for s in SYSTEMS}
    words: dict[str, list[int]] = {s: [] for s in SYSTEMS}
    for e in events:
        for name, text in (("lead1", lead1(e)), ("longest", longest(e))):
            rows[name].append(scores(text, e.reference))
            words[name].append(len(rouge.tokens(text, stem=False)))

    run_newsprism = not args.no_newsprism
    if run_newsprism and not compose_ready():
        print("newsprism.compose is not there yet: the newsprism rows are skipped")
        run_newsprism = False
    info: dict[str, Any] = {}
    failures: list[dict[str, Any]] = []
    texts: dict[str, list[str]] = {"newsprism_context": [], "newsprism_brief": []}
    if run_newsprism:
        from newsprism.settings import load_settings

        settings = load_settings(offline=True, today=PUBLISHED_DAY)
        folder = args.work / f"neus-{args.split}"
        split_events, sentence_count, empty_context = [], 0, []
        filled: dict[str, int] = {}
        t0 = time.perf_counter()
        for i, e in enumerate(events):
            got = run_event(e, folder, settings)
            if got.get("story_articles", 0) < len(e.snippets):
                split_events.append(e.number)
            if not got["context"]:
                empty_context.append(e.number)
                print(f"   event {e.number}: empty context ({got.get('notes', {}).get('context')})")
            for key, n in got.get("sections", {}).items():
                filled[key] = filled.get(key, 0) + (n > 0)
            sentence_count += got["sentences"]
            failures += [{"event": e.number, **f} for f in got["failures"]]
            for name, text in (
                ("newsprism_context", got["context"]),
                ("newsprism_brief", got["brief"]),
            ):
                rows[name].append(scores(text, e.reference))
                words[name].append(len(rouge.tokens(text, stem=False)))
                texts[name].append(text)
            if i < args.show:
                print(f"\n-- event {e.number}: reference: {e.reference}")
                print(f"   context: {got['context'] or '(empty)'}")
                print(f"   sections: {got.get('sections')}; notes: {got.get('notes')}")
            if (i + 1) % 25 == 0:
                print(
                    f"   {i + 1}/{len(events)} events, {time.perf_counter() - t0:.0f} s", flush=True
                )
        seconds = time.perf_counter() - t0
        passed = sentence_count - len(failures)
        info = {
            "seconds": round(seconds, 1),
            "s_per_event": round(seconds / max(len(events), 1), 2),
            "sentences": sentence_count,
            "passed": passed,
            "check_share": round(passed / sentence_count, 4) if sentence_count else None,
            "not_one_story": split_events,
            "empty_context": empty_context,
            "events_with_section": filled,
        }

    print(f"\n## ROUGE F1 against the neutral roundup, mean over {len(events)} events")
    print(HEADER)
    means = {}
    for name in SYSTEMS:
        if rows[name]:
            means[name] = mean(rows[name])
            avg_words = sum(words[name]) / len(words[name])
            means[name]["words"] = round(avg_words, 1)
            print(format_row(name, means[name], avg_words))
    if info and info["not_one_story"]:
        # the same systems on the events whose three snippets made one story
        apart = {events.index(e) for e in events if e.number in set(info["not_one_story"])}
        kept = [i for i in range(len(events)) if i not in apart]
        print(f"-- the {len(kept)} events whose three snippets are one story:")
        means["one_story"] = {}
        for name in SYSTEMS:
            if rows[name]:
                m = mean([rows[name][i] for i in kept])
                means["one_story"][name] = m
                print(format_row("  " + name, m, sum(words[name][i] for i in kept) / len(kept)))
    ref_words = sum(len(rouge.tokens(e.reference, stem=False)) for e in events) / len(events)
    print(f"{'reference':22}{'':24}{ref_words:>8.0f}")
    print("published NeuS figures: not transcribed in the data README (none printed)")
    if info:
        share = info["check_share"]
        print(
            f"\ncitation check: {info['passed']}/{info['sentences']} brief sentences pass"
            + (f" ({100 * share:.1f} %)" if share is not None else "")
        )
        for f in failures[:20]:
            print(
                f"   event {f['event']} {f['section']}: {f['text']!r}: {'; '.join(f['problems'])}"
            )
        print(f"events with a non-empty section: {info['events_with_section']}")
        print(
            f"events whose three snippets are not one story: {len(info['not_one_story'])}; "
            f"empty context section: {len(info['empty_context'])}; "
            f"{info['seconds']:.0f} s ({info['s_per_event']} s/event)"
        )
    details = args.work / f"brief-{args.split}-per-event.json"
    args.work.mkdir(parents=True, exist_ok=True)
    details.write_text(
        json.dumps(
            {"events": [e.number for e in events], "scores": rows, "texts": texts},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    print(
        json.dumps(
            {
                "split": args.split,
                "events": len(events),
                "mean": means,
                "reference_words": round(ref_words, 1),
                "newsprism": info,
                "check_failures": failures,
                "per_event_file": str(details),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
