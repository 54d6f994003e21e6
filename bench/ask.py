"""Benchmark: grounded question answering (`newsprism.ask`) — hand gold, Timeline17, latency.

What it measures:
1. Hand gold (tests/gold/ask-questions.json, 67 questions on the invented corpus
   examples/harbour-talks and the five real Istanbul articles, 16 of them unanswerable from the
   sources). Each corpus goes through the pipeline (ingest, cluster, annotate, extract, compare;
   stored in bench/_work/ask-corpora.db so a re-run parses nothing), the story the questions are
   about (the largest) is indexed with `pipeline.story_index`, and every question is answered with
   follow-ups. Scores:
   - answer accuracy on the answerable questions: right when the answer does not refuse, its
     value matches the gold `value` (a date: the answer's ISO value starts with it; a number:
     the answer's value holds that number) or `value_any` (the value contains one of the
     strings), and every gold keyword ("a|b": either) is in the value or the answer sentences;
   - refusals: precision and recall of `refused` against the unanswerable questions;
   - citation validity: the share of answer sentences (refusals' closest passages included) that
     `newsprism.citations.check_sentence` accepts; it must be 100 %;
   - disagreements: of the questions marked `disagreement`, how many answers show both sides;
   - follow-ups: how many each answer offers, and the share that are answered (not refused)
     when asked in turn.
   Each figure is given per `split` of the gold file: dev (looked at while thresholds were
   tuned), test (held out, first looked at once early on) and late (written after tuning).
2. Timeline17 (DATA_DIR/timeline17, the journalists' dated timelines of news-tls): for every
   entry of every local gold timeline, "What happened on <day month year>?" is asked over an
   index of its topic's articles (all outlet folders of the topic pooled, as the timeline
   benchmark does), and the answer's sentences are scored against the entry's sentences with
   ROUGE-1 F1 (bench/rouge.py; Porter stems, stop words removed as tilse runs it, and kept).
   To keep annotation and embedding affordable on two cores the index holds only the articles
   published on a gold date or within `--window` days after it (default 1); the story's
   entities are not resolved (a date question does not use them), and extraction and
   comparison are not run (no clause passages: sentences only). Annotations are reused from
   the timeline benchmark's store (bench/_work/timeline17.db) where it holds them, else made
   here; everything is kept in bench/_work/ask-t17.db. Beside it, a floor: the first
   `len(answer)` lines of the first article published on that day (lowest file number), or the
   day after when none is.
3. Latency: cold (a new Python process: import, open the store, load the index and the model,
   answer one question; the median of three) and warm (everything loaded; the median over the
   gold questions, follow-ups included), on the Istanbul story and on a 100-article Timeline17
   story; and index build time per 1,000 articles (`pipeline.story_index` on a Timeline17 story of
   `--build-articles` articles, with an empty vector store so every sentence is embedded, and
   again with the vectors stored, as on a re-run).
4. Story latency (issue 19): warm answers with follow-ups on one story of `--latency-articles`
   (150) real articles of `--latency-topic` (H1N1; the first by publication date, outlets
   pooled, annotated and entity-resolved as `analyze` does, in bench/_work/ask-latency.db):
   median and max over "What happened on <day>?" for eight of its days, six questions of the
   topic and six suggested ones; and a re-run of analyze's ask step on the unchanged story
   (stored index and stored suggested answers): seconds and texts encoded (0 expected).

Usage: python bench/ask.py [ISTANBUL_DIR] [HARBOUR_DIR] [TIMELINE17_DIR] [--split dev|test|late]
       [--topics MJ,H1N1] [--window 1] [--skip-timeline17] [--skip-latency] [--skip-build]
       [--latency-topic H1N1] [--latency-articles 150] [--verbose]
  --skip-latency also skips the cold-start timing of the hand-gold part; with --skip-timeline17
  and a fresh --corpora-db it is the quality gate's fast run (the hand gold only, from scratch).
The last line of stdout is one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import rouge  # noqa: E402  (bench/rouge.py, beside this file)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_ISTANBUL = SHARED / "corpus" / "istanbul-talks"
DEFAULT_HARBOUR = REPO / "examples" / "harbour-talks"
DEFAULT_T17 = SHARED / "eval" / "timeline17"
GOLD = REPO / "tests" / "gold" / "ask-questions.json"
WORK = REPO / "bench" / "_work"
TODAY = {"istanbul-talks": "2025-06-01", "harbour-talks": "2025-09-20"}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip


# --- scoring the hand gold -------------------------------------------------------------------


def value_number(text: str) -> float | None:
    """The first number a value states ("1,000 POWs" -> 1000, "1.2 billion" -> 1.2e9,
    "thirty countries" -> 30)."""
    low = text.lower()
    m = _NUMBER.search(low)
    if m:
        value = float(m.group(0).replace(",", ""))
        for word, scale in (("thousand", 1e3), ("million", 1e6), ("billion", 1e9)):
            if re.search(rf"\b{word}\b", low[m.end() : m.end() + 12]):
                value *= scale
        return value
    for word, value in _NUMBER_WORDS.items():
        if re.search(rf"\b{word}\b", low):
            return float(value)
    return None


def gold_number(text: str) -> float | None:
    return value_number(text)


def is_correct(gold: Mapping[str, Any], answer: Mapping[str, Any]) -> bool:
    """The scoring rule of the module docstring, for an answerable gold question."""
    if answer["refused"]:
        return False
    value = answer.get("value") or ""
    said = " ".join([value, *(s["text"] for s in answer["sentences"])]).casefold()
    if "value" in gold:
        want = str(gold["value"])
        asks_when = str(gold["q"]).lower().startswith(("when", "since when"))
        if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", want) or (
            asks_when and re.fullmatch(r"\d{4}", want)
        ):
            if not value.startswith(want):
                return False
        else:
            expected, got = gold_number(want), value_number(value)
            if expected is None or got is None or abs(expected - got) > 1e-6 * max(expected, 1):
                return False
    if "value_any" in gold and not any(v.casefold() in value.casefold() for v in gold["value_any"]):
        return False
    return all(
        any(option.casefold() in said for option in keyword.split("|"))
        for keyword in gold.get("keywords", ())
    )


def score_gold(
    golds: Sequence[Mapping[str, Any]], answers: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    answerable = [g for g in golds if g.get("answerable", True)]
    unanswerable = [g for g in golds if not g.get("answerable", True)]
    right = [g["id"] for g in answerable if is_correct(g, answers[g["id"]])]
    refused = [g["id"] for g in golds if answers[g["id"]]["refused"]]
    true_refusals = [g["id"] for g in unanswerable if answers[g["id"]]["refused"]]
    disputed = [g for g in golds if g.get("disagreement")]
    shown = [g["id"] for g in disputed if answers[g["id"]]["disagreement"]]
    return {
        "questions": len(golds),
        "answerable": len(answerable),
        "correct": len(right),
        "accuracy": _ratio(len(right), len(answerable)),
        "unanswerable": len(unanswerable),
        "refused": len(refused),
        "refusal_precision": _ratio(len(true_refusals), len(refused)),
        "refusal_recall": _ratio(len(true_refusals), len(unanswerable)),
        "disagreements_marked": len(disputed),
        "disagreements_shown": len(shown),
        "wrong": sorted({g["id"] for g in answerable} - set(right)),
        "missed_refusals": sorted({g["id"] for g in unanswerable} - set(true_refusals)),
    }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


# --- building the two hand-gold stories ------------------------------------------------------


def corpus_story(folder: Path, today: str, db: Path) -> tuple[Any, ...]:
    """The largest story of a corpus, through the pipeline, with its articles and annotations."""
    from newsprism.compare import compare_story
    from newsprism.embedding import Encoder
    from newsprism.pipeline import analyze, annotate_story, extract_stage
    from newsprism.settings import load_settings
    from newsprism.store import Store

    settings = load_settings(offline=True, today=today)
    store = Store(db)
    analysis = analyze([str(folder)], settings, store)
    story = max(analysis.stories, key=lambda s: (len(s.article_ids), s.id))
    bare = dataclasses.replace(
        story, entities=(), times=(), quotes=(), events=(), positions=(), claims=(), framing=()
    )
    articles, story, annotations = annotate_story(bare, list(analysis.articles), settings, store)
    found = extract_stage(articles, annotations, store)
    from newsprism.extract import extract_story

    story = extract_story(story, articles, found)
    encoder = Encoder(settings.embedding_model)
    story = compare_story(story, articles, annotations, found, encoder, store)
    return story, articles, annotations, encoder, store, settings


def check_answers(answers: Sequence[Any], articles: Sequence[Any]) -> tuple[int, int, list[str]]:
    """(sentences, accepted by the citation checker, problems)."""
    from newsprism.citations import check_sentence

    texts = {a.id: a.text for a in articles}
    names: dict[str, set[str]] = {a.id: {a.source} for a in articles}
    total = passed = 0
    problems = []
    for answer in answers:
        for s in answer.sentences:
            total += 1
            found = check_sentence(s, texts, names)
            if found:
                problems.append(f"{answer.question!r}: {'; '.join(found)} — {s.text[:70]!r}")
            else:
                passed += 1
    return total, passed, problems


def run_gold(args: argparse.Namespace, golds: list[dict[str, Any]]) -> dict[str, Any]:
    from newsprism.ask import answer_question
    from newsprism.pipeline import story_index
    from newsprism.render.contract import answer_dict

    WORK.mkdir(parents=True, exist_ok=True)
    answers: dict[str, dict[str, Any]] = {}
    records: list[Any] = []
    follow = {"offered": 0, "answered": 0, "answers": 0}
    latency: dict[str, Any] = {}
    for corpus, folder in (("istanbul-talks", args.istanbul), ("harbour-talks", args.harbour)):
        mine = [g for g in golds if g["corpus"] == corpus]
        if not mine:
            continue
        story, articles, annotations, encoder, store, _ = corpus_story(
            folder, TODAY[corpus], args.corpora_db
        )
        index = story_index(story, articles, annotations, encoder, store)
        print(
            f"{corpus}: story {story.id}, {len(story.article_ids)} articles, {index.size} passages"
        )
        times = []
        for g in mine:
            t = time.perf_counter()
            answer = answer_question(g["q"], index, encoder)
            times.append(time.perf_counter() - t)
            answers[g["id"]] = answer_dict(answer)
            records.append((answer, articles))
            follow["answers"] += 1
            follow["offered"] += len(answer.follow_ups)
            for q in answer.follow_ups:
                follow["answered"] += not answer_question(
                    q, index, encoder, follow_ups=False
                ).refused
            if args.verbose:
                _show(
                    g,
                    answers[g["id"]],
                    is_correct(g, answers[g["id"]]) if g.get("answerable", True) else None,
                )
        latency[f"warm_ms_{corpus}"] = round(1000 * statistics.median(times), 1)
        if corpus == "istanbul-talks" and not args.skip_latency:
            latency["cold_istanbul"] = cold_latency(args.corpora_db, story.id, mine[0]["q"])
        store.close()
    total = passed = 0
    problems: list[str] = []
    for answer, articles in records:
        t, p, found = check_answers([answer], articles)
        total, passed, problems = total + t, passed + p, problems + found
    out: dict[str, Any] = {}
    for split in ("dev", "test", "late", "all"):
        part = [g for g in golds if split in ("all", g["split"]) and g["id"] in answers]
        if part:
            out[split] = score_gold(part, answers)
    out["citations"] = {
        "sentences": total,
        "valid": passed,
        "validity": _ratio(passed, total),
        "problems": problems[:10],
    }
    out["follow_ups"] = {
        "per_answer": round(follow["offered"] / max(follow["answers"], 1), 2),
        "answered_share": _ratio(follow["answered"], follow["offered"]),
    }
    out["latency"] = latency
    return out


def _show(gold: Mapping[str, Any], answer: Mapping[str, Any], correct: bool | None) -> None:
    mark = {True: "ok ", False: "BAD", None: "ok " if answer["refused"] else "BAD"}[correct]
    want = gold.get("answer") or "(refuse)"
    print(f"  {mark} {gold['id']} {gold['q']}\n      gold: {want}")
    got = "REFUSED" if answer["refused"] else f"value={answer['value']!r}"
    print(f"      got: {got} disagreement={answer['disagreement']}")
    for s in answer["sentences"]:
        print(f"        > {s['text'][:150]}")


def cold_latency(db: Path, story_id: str, question: str, runs: int = 3) -> dict[str, float]:
    """Seconds for a new process to import newsprism, load the story's index and the model,
    and answer with follow-ups (the median of `runs`), with the parts of it."""
    code = (
        "import json, sys, time\n"
        "t0 = time.perf_counter()\n"
        "from newsprism.ask import answer_question\n"
        "from newsprism.pipeline import load_story_index\n"
        "from newsprism.embedding import Encoder\n"
        "from newsprism.store import Store\n"
        "t1 = time.perf_counter()\n"
        "with Store(sys.argv[1]) as store:\n"
        "    index = load_story_index(store, sys.argv[2])\n"
        "t2 = time.perf_counter()\n"
        "encoder = Encoder()\n"
        "encoder.encode(['x'])\n"
        "t3 = time.perf_counter()\n"
        "answer_question(sys.argv[3], index, encoder)\n"
        "t4 = time.perf_counter()\n"
        "print(json.dumps({'import': t1 - t0, 'load_index': t2 - t1, 'load_model': t3 - t2,"
        " 'answer': t4 - t3}))\n"
    )
    totals, parts = [], []
    for _ in range(runs):
        t = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code, str(db), story_id, question],
            check=True,
            timeout=300,
            capture_output=True,
            text=True,
        )
        totals.append(time.perf_counter() - t)
        parts.append(json.loads(done.stdout.strip().splitlines()[-1]))
    middle = sorted(range(runs), key=lambda i: totals[i])[runs // 2]
    return {"total_s": round(totals[middle], 2)} | {
        f"{k}_s": round(v, 2) for k, v in parts[middle].items()
    }


# --- Timeline17 ------------------------------------------------------------------------------


def t17_articles(data_dir: Path, topic: str) -> list[Any]:
    """The topic's articles, as bench/timeline.py makes them (same ids, so its stored
    annotations are found): detokenised text, outlet = the folder name after "_"."""
    from timeline import read_docs, topic_articles  # bench/timeline.py

    docs, _ = read_docs(data_dir, topic)
    return topic_articles(docs)


def t17_annotations(articles: Sequence[Any], store: Any, shared: Path | None) -> list[Any]:
    """Annotations of the articles: from our store, else copied from the timeline benchmark's
    store, else made here (spaCy) and stored; the key is the pipeline's own (annotator,
    spaCy pipeline, gazetteer, publication date)."""
    from newsprism.annotate import ANNOTATOR_VERSION, annotate
    from newsprism.gazetteer import load_gazetteer
    from newsprism.model import content_id, normalise_for_hash
    from newsprism.nlp import pipeline_id
    from newsprism.store import Store

    gazetteer = load_gazetteer(None)
    producer = content_id(ANNOTATOR_VERSION, pipeline_id(), gazetteer.fingerprint)
    keys = {a.id: content_id(producer, a.published.value) for a in articles}
    store.put_articles([(a, content_id(normalise_for_hash(a.text)), b"", ()) for a in articles])
    found = store.get_annotations(keys)
    missing = {i: k for i, k in keys.items() if i not in found}
    if missing and shared is not None and shared.exists():
        with Store(shared) as other:
            copied = other.get_annotations(missing)
        if copied:
            store.put_annotations([(ann, keys[i]) for i, ann in copied.items()])
            found.update(copied)
    todo = [a for a in articles if a.id not in found]
    failed = 0
    for first in range(0, len(todo), 50):
        chunk = todo[first : first + 50]
        try:
            fresh = list(annotate(chunk, gazetteer=gazetteer))
        except ValueError:  # the annotator fails on a few texts: annotate one by one, skip those
            fresh = []
            for article in chunk:
                try:
                    fresh += annotate([article], gazetteer=gazetteer)
                except ValueError as exc:
                    failed += 1
                    print(f"   annotate failed on {article.input}: {exc}", flush=True)
        store.put_annotations([(ann, keys[ann.article_id]) for ann in fresh])
        found.update({ann.article_id: ann for ann in fresh})
        print(f"   annotated {first + len(chunk)}/{len(todo)}", flush=True)
    if failed:
        print(f"   {failed} articles left out (the annotator raised on them)")
    return [found[a.id] for a in articles if a.id in found]


def t17_index(articles: Sequence[Any], annotations: Sequence[Any], encoder: Any, store: Any) -> Any:
    from newsprism.model import Story, story_id
    from newsprism.pipeline import story_index

    ids = tuple(a.id for a in articles)
    return story_index(
        Story(id=story_id(ids), article_ids=ids), articles, annotations, encoder, store
    )


def spoken(day: Any) -> str:
    return f"{day.day} {day:%B} {day.year}"


def floor_answer(articles: Sequence[Any], day: Any, lines: int) -> str:
    """The first `lines` lines of the day's first article (lowest file number), or the next
    day's when the day has none."""
    import datetime as dt

    for d in (day, day + dt.timedelta(days=1)):
        same = [a for a in articles if a.published.value == d.isoformat()]
        if same:
            first = min(same, key=lambda a: (_number(a.input), a.input))
            return "\n".join(first.text.splitlines()[: max(lines, 1)])
    return ""


def _number(path: str) -> int:
    m = re.match(r"(\d+)", Path(path).name)
    return int(m.group(1)) if m else 0


def run_timeline17(args: argparse.Namespace) -> dict[str, Any]:
    from newsprism.ask import answer_question
    from newsprism.embedding import Encoder
    from newsprism.store import Store
    from timeline import read_gold  # bench/timeline.py

    golds = read_gold(args.timeline17, args.topics.split(",") if args.topics else None)
    encoder = Encoder()
    per_topic: dict[str, Any] = {}
    f1s, f1s_stop, floors, floors_stop = [], [], [], []
    refused = entries = 0
    times = []
    with Store(WORK / "ask-t17.db") as store:
        topics = sorted({g.topic for g in golds}, key=lambda t: t.lower())
        for topic in topics:
            mine = [g for g in golds if g.topic == topic]
            days = {d for g in mine for d in g.timeline}
            everything = t17_articles(args.timeline17, topic)
            articles = [
                a for a in everything if any(0 <= (_day(a) - d).days <= args.window for d in days)
            ]
            print(
                f"## {topic}: {len(articles)} of {len(everything)} articles "
                f"(published on a gold date or up to {args.window} day(s) after)",
                flush=True,
            )
            t = time.perf_counter()
            annotations = t17_annotations(articles, store, args.timeline17_store)
            t_ann = time.perf_counter() - t
            annotated = {ann.article_id for ann in annotations}
            articles = [a for a in articles if a.id in annotated]
            t = time.perf_counter()
            index = t17_index(articles, annotations, encoder, store)
            t_index = time.perf_counter() - t
            print(
                f"   {index.size} passages; annotations {t_ann:.0f} s, index {t_index:.0f} s",
                flush=True,
            )
            scores, scores_stop, floor, floor_stop, topic_refused = [], [], [], [], 0
            for gold in mine:
                for day, sentences in gold.timeline.items():
                    reference = " ".join(sentences)
                    t = time.perf_counter()
                    answer = answer_question(
                        f"What happened on {spoken(day)}?", index, encoder, follow_ups=False
                    )
                    times.append(time.perf_counter() - t)
                    entries += 1
                    text = (
                        ""
                        if answer.refused
                        else " ".join(s.text[len(s.frame) :] for s in answer.sentences)
                    )
                    topic_refused += answer.refused
                    scores.append(rouge.rouge_n(text, reference, 1)[2])
                    scores_stop.append(rouge.rouge_n(text, reference, 1, stopwords=True)[2])
                    lines = max(len(answer.sentences), 1)
                    base = floor_answer(articles, day, lines)
                    floor.append(rouge.rouge_n(base, reference, 1)[2])
                    floor_stop.append(rouge.rouge_n(base, reference, 1, stopwords=True)[2])
            refused += topic_refused
            f1s += scores
            f1s_stop += scores_stop
            floors += floor
            floors_stop += floor_stop
            per_topic[topic] = {
                "entries": len(scores),
                "articles": len(articles),
                "passages": index.size,
                "rouge1_f1": _mean(scores),
                "rouge1_f1_nostop": _mean(scores_stop),
                "floor_rouge1_f1": _mean(floor),
                "floor_rouge1_f1_nostop": _mean(floor_stop),
                "refused": topic_refused,
            }
            print(
                f"   {len(scores)} entries: ROUGE-1 F1 {_mean(scores)} (stop words removed "
                f"{_mean(scores_stop)}); floor {_mean(floor)} ({_mean(floor_stop)}); "
                f"refused {topic_refused}",
                flush=True,
            )
    return {
        "entries": entries,
        "rouge1_f1": _mean(f1s),
        "rouge1_f1_nostop": _mean(f1s_stop),
        "floor_rouge1_f1": _mean(floors),
        "floor_rouge1_f1_nostop": _mean(floors_stop),
        "refused": refused,
        "warm_ms_median": round(1000 * statistics.median(times), 1) if times else None,
        "window_days": args.window,
        "topics": per_topic,
    }


def _day(article: Any) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(article.published.value)


def _mean(values: Sequence[float]) -> float | None:
    return round(statistics.fmean(values), 4) if values else None


def run_build_speed(args: argparse.Namespace) -> dict[str, Any]:
    """Index build time on a Timeline17 story, per 1,000 articles; and warm latency on a
    100-article story."""
    from newsprism.ask import answer_question
    from newsprism.ask.index import build_index, dump_index
    from newsprism.ask.questions import candidate_pool
    from newsprism.embedding import Encoder
    from newsprism.model import Story, story_id
    from newsprism.pipeline import story_index
    from newsprism.store import Store

    encoder = Encoder()
    encoder.encode(["warm up"])
    topic = "bpoil"
    with Store(WORK / "ask-t17.db") as store:
        everything = t17_articles(args.timeline17, topic)
        articles = everything[: args.build_articles]
        annotations = t17_annotations(articles, store, args.timeline17_store)
        ids = tuple(a.id for a in articles)
        story = Story(id=story_id(ids), article_ids=ids)
        with Store(":memory:") as empty:
            t = time.perf_counter()
            index = story_index(story, articles, annotations, encoder, empty)
            cold = time.perf_counter() - t
            t = time.perf_counter()
            story_index(story, articles, annotations, encoder, empty)
            load = time.perf_counter() - t
            t = time.perf_counter()  # the same steps again, the sentence vectors now stored
            rebuilt = build_index(story, articles, annotations, encoder, empty)
            dump_index(
                dataclasses.replace(rebuilt, questions=tuple(candidate_pool(rebuilt, encoder)))
            )
            warm = time.perf_counter() - t
        words = sum(len(a.text.split()) for a in articles)
        hundred = articles[:100]
        small = t17_index(hundred, annotations[:100], encoder, store)
        questions = [f"What happened on {spoken(_day(a))}?" for a in hundred[::10]]
        questions += [
            "Who is responsible for the spill?",
            "How many barrels of oil leaked?",
            "When did the rig explode?",
            "Where did the explosion happen?",
        ]
        times = []
        for q in questions:
            t = time.perf_counter()
            answer_question(q, small, encoder)
            times.append(time.perf_counter() - t)
    scale = 1000 / len(articles)
    return {
        "articles": len(articles),
        "words": words,
        "passages": index.size,
        "build_s_per_1000_articles_embedding": round(cold * scale, 1),
        "build_s_per_1000_articles_vectors_stored": round(warm * scale, 1),
        "load_stored_index_s": round(load, 2),
        "warm_ms_100_articles_median": round(1000 * statistics.median(times), 1),
        "warm_ms_100_articles_max": round(1000 * max(times), 1),
        "passages_100_articles": small.size,
    }


STORY_QUESTIONS = (  # asked of the latency story besides "What happened on <day>?"
    "How many people have died in Mexico?",
    "Which countries have confirmed cases?",
    "When did the WHO raise its pandemic alert?",
    "Who is the director general of the WHO?",
    "Where was the first case confirmed?",
    "What did Margaret Chan say?",
)


def run_story_latency(args: argparse.Namespace) -> dict[str, Any]:
    """Issue 19's check: warm answer latency, follow-ups included, on one story of
    `--latency-articles` real articles (the first of a Timeline17 topic by publication date,
    outlets pooled; annotated and entity-resolved as `analyze` does, no extract / compare);
    and what re-running the ask step of `analyze` on the unchanged story costs (the stored
    index loaded, its stored suggested answers used: texts encoded, seconds)."""
    from newsprism.ask import answer_question, suggested_answers
    from newsprism.embedding import Encoder
    from newsprism.model import Story, content_id, normalise_for_hash, story_id
    from newsprism.pipeline import SUGGESTED_QUESTIONS, annotate_story, story_index
    from newsprism.settings import load_settings
    from newsprism.store import Store

    topic = args.latency_topic
    everything = sorted(
        t17_articles(args.timeline17, topic),
        key=lambda a: (a.published.value if a.published else "", a.id),
    )
    articles = everything[: args.latency_articles]
    settings = load_settings(offline=True)
    encoder = Encoder(settings.embedding_model)
    encoder.encode(["warm up"])
    with Store(WORK / "ask-latency.db") as store:
        store.put_articles([(a, content_id(normalise_for_hash(a.text)), b"", ()) for a in articles])
        ids = tuple(a.id for a in articles)
        story = Story(id=story_id(ids), article_ids=ids)
        t = time.perf_counter()
        articles, story, annotations = annotate_story(story, list(articles), settings, store)
        annotate_s = time.perf_counter() - t
        t = time.perf_counter()
        index = story_index(story, articles, annotations, encoder, store)
        build_s = time.perf_counter() - t
        # a re-run of analyze's step 8 on the unchanged story: load, then the stored answers
        counted: list[int] = []
        original = encoder.encode

        def counting(texts: Sequence[str], batch_size: int = 32) -> Any:
            counted.append(len(texts))
            return original(texts, batch_size)

        encoder.encode = counting  # type: ignore[method-assign]
        t, c = time.perf_counter(), time.process_time()
        again = story_index(story, articles, annotations, encoder, store)
        answers = suggested_answers(again, encoder, SUGGESTED_QUESTIONS)
        rerun_s, rerun_cpu = time.perf_counter() - t, time.process_time() - c
        rerun_encoded = sum(counted)
        encoder.encode = original  # type: ignore[method-assign]
        days = sorted({_day(a) for a in articles if a.published})
        questions = [f"What happened on {spoken(d)}?" for d in days[:: max(len(days) // 8, 1)]]
        questions += list(STORY_QUESTIONS) + list(index.questions[:6])
        times, cpu = [], []
        for q in questions:
            t, c = time.perf_counter(), time.process_time()
            answer = answer_question(q, again, encoder)  # follow-ups included
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            if args.verbose:
                got = "REFUSED" if answer.refused else f"{answer.value!r} ({answer.confidence})"
                print(f"   {1000 * times[-1]:6.1f} ms  {q} -> {got}")
    return {
        "topic": topic,
        "articles": len(articles),
        "passages": index.size,
        "annotate_s": round(annotate_s, 1),
        "build_s": round(build_s, 1),
        "questions": len(questions),
        "warm_ms_median": round(1000 * statistics.median(times), 1),
        "warm_ms_max": round(1000 * max(times), 1),
        # CPU time of this process: what an answer costs on a machine not shared with others
        "warm_cpu_ms_median": round(1000 * statistics.median(cpu), 1),
        "warm_cpu_ms_max": round(1000 * max(cpu), 1),
        "rerun_ask_step_s": round(rerun_s, 3),
        "rerun_ask_step_cpu_s": round(rerun_cpu, 3),
        "rerun_texts_encoded": rerun_encoded,
        "suggested": len(answers),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("istanbul", nargs="?", type=Path, default=DEFAULT_ISTANBUL)
    parser.add_argument("harbour", nargs="?", type=Path, default=DEFAULT_HARBOUR)
    parser.add_argument("timeline17", nargs="?", type=Path, default=DEFAULT_T17)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument(
        "--split", choices=("dev", "test", "late"), help="only this part of the gold"
    )
    parser.add_argument("--topics", help="Timeline17 topics, comma-separated (default: all)")
    parser.add_argument("--window", type=int, default=1)
    parser.add_argument("--timeline17-store", type=Path, default=WORK / "timeline17.db")
    parser.add_argument("--corpora-db", type=Path, default=WORK / "ask-corpora.db")
    parser.add_argument("--build-articles", type=int, default=200)
    parser.add_argument("--skip-gold", action="store_true")
    parser.add_argument("--skip-timeline17", action="store_true")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument(
        "--skip-build", action="store_true", help="skip the bpoil index build timing"
    )
    parser.add_argument("--latency-topic", default="H1N1")
    parser.add_argument("--latency-articles", type=int, default=150)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {}
    if not args.skip_gold:
        golds = json.loads(args.gold.read_text(encoding="utf-8"))["questions"]
        if args.split:
            golds = [g for g in golds if g["split"] == args.split]
        result["gold"] = run_gold(args, golds)
        for split in ("dev", "test", "late", "all"):
            if split in result["gold"]:
                r = result["gold"][split]
                print(
                    f"{split:>4}: accuracy {r['correct']}/{r['answerable']} = {r['accuracy']}; "
                    f"refusals P {r['refusal_precision']} R {r['refusal_recall']} "
                    f"({r['refused']} refused, {r['unanswerable']} unanswerable); "
                    f"disagreements shown {r['disagreements_shown']}/"
                    f"{r['disagreements_marked']}; wrong {r['wrong']}, "
                    f"missed refusals {r['missed_refusals']}"
                )
        c = result["gold"]["citations"]
        print(f"citations: {c['valid']}/{c['sentences']} valid ({c['validity']})")
        for p in c["problems"]:
            print(f"   {p}")
        print(f"follow-ups: {result['gold']['follow_ups']}; latency {result['gold']['latency']}")
    if not args.skip_timeline17 and args.timeline17.exists():
        result["timeline17"] = run_timeline17(args)
        t = result["timeline17"]
        print(
            f"Timeline17: {t['entries']} entries, ROUGE-1 F1 {t['rouge1_f1']} "
            f"(stop words removed {t['rouge1_f1_nostop']}); floor {t['floor_rouge1_f1']} "
            f"({t['floor_rouge1_f1_nostop']}); refused {t['refused']}"
        )
    if not args.skip_latency and not args.skip_build and args.timeline17.exists():
        result["build"] = run_build_speed(args)
        print(f"index build: {result['build']}")
    if not args.skip_latency and args.timeline17.exists():
        result["story_latency"] = run_story_latency(args)
        print(f"story latency: {result['story_latency']}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
