"""The stages in order, as one call: `analyze(inputs, settings, store)`; the only place (with
`cli.py`) that reads or writes the store.

The CLI and any other face call this; each stage is a plain function over immutable records.
`analyze` runs, as numbered steps: 1 ingest, 2 cluster (articles into same-event stories,
incrementally over the stored ones), 3 read the touched stories and their members, then per
story 4 annotate (entities resolved across the story, time expressions), 5 extract (quotes,
events, positions, atomic claims), 6 compare (claim groups across outlets, framing,
coverage), 7 compose (the merged timeline, the cited brief and the positions matrix), 8 ask
(the story's question-answering index, and the suggested questions with their answers), 9
keep the story's report. Every cache lookup is here: stored annotations, extractions, article
vectors and question-answering indexes are read before a stage runs and its output is written
after. Two narrow protocols let a stage touch stored data without importing the store: the
stages that embed texts get it as their `VectorCache`, and ingest, which streams, reads and
writes articles through `ArticleStore`. `write_report` runs the citation checker over the
whole report and refuses to write one that fails it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from newsprism.annotate import (
    ANNOTATOR_VERSION,
    annotate,
    find_time_mentions,
    resolve_entities,
)
from newsprism.articlemap import CHUNK, ArticleJob, map_articles
from newsprism.ask import (
    StoryIndex,
    answer_question,
    dump_index,
    index_key,
    index_story,
    load_index,
    suggested_answers,
)
from newsprism.ask.across import answer_across
from newsprism.ask.llm import answer_sources, write_answer
from newsprism.budget import BudgetExceeded, cpu_budget
from newsprism.catalog import rank_for_question, story_summaries
from newsprism.citations import check_report
from newsprism.cluster.stage import (
    Clustering,
    batch_items,
    batch_keys,
    cluster_batch,
    day_range,
    params_of,
)
from newsprism.cluster.title import story_title
from newsprism.compare import compare_story
from newsprism.compose import compose_story, with_questions
from newsprism.compose.llm import write_brief
from newsprism.embedding import Encoder, Vector, lead_text
from newsprism.engines import article_executor
from newsprism.errors import NewsprismError
from newsprism.extract import EXTRACTOR_VERSION, extract_articles, extract_story
from newsprism.gazetteer import Gazetteer, load_gazetteer
from newsprism.ingest import IngestResult, Progress, ingest
from newsprism.llm import endpoint_from_settings
from newsprism.model import (
    Annotation,
    Answer,
    Article,
    ArticleExtraction,
    DateValue,
    IngestSummary,
    Skipped,
    Story,
    content_id,
    fixes_time,
)
from newsprism.nlp import pipeline_id
from newsprism.render import render_html, render_markdown
from newsprism.render.contract import EMPTY_RUN, story_from_json, story_to_json, to_json
from newsprism.render.files import write_file
from newsprism.report import SCHEMA, Report, article_entry, build_report, story_report
from newsprism.runlock import run_lock
from newsprism.settings import Settings
from newsprism.stagetimes import add_cpu, reset_stage_times, stage
from newsprism.store import Store

SUGGESTED_QUESTIONS = 6
READ_WINDOW = 512  # articles whose stored annotations are looked up at once in step 3b
OUTPUT_FILES = {"json": "report.json", "md": "brief.md", "html": "report.html"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    """What one `analyze` run made: the articles it read or reused, the stories they belong to
    (each fully analysed), and the ingest summary with every skipped input."""

    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    summary: IngestSummary
    notices: tuple[str, ...] = ()  # one line each, for the end of the run (the LLM writer's)

    def report(self) -> Report:
        return build_report(self.articles, self.stories, self.summary)


def analyze(
    inputs: Sequence[str], settings: Settings, store: Store, progress: Progress | None = None
) -> Analysis:
    """Ingest the inputs, cluster their articles into stories (joining stored stories where
    they continue one), and analyse every story that this run's articles belong to, with all
    its members, stored ones included. Holds the store's run lock (see `runlock`)."""
    with run_lock(store.path):
        return _analyze(inputs, settings, store, progress)


def _analyze(
    inputs: Sequence[str], settings: Settings, store: Store, progress: Progress | None
) -> Analysis:
    endpoint_from_settings(settings)  # a missing LLM client stops the run before any work
    reset_stage_times()  # `analyze --profile` shows this run's stages
    # 1. ingest: read, clean, de-duplicate, date and store the inputs' articles
    with stage("ingest"):
        ingested = ingest(inputs, settings, store, progress)
    return analyze_ingested(ingested, settings, store, progress=progress)


# errors that mean a bug in a per-story stage; a NewsprismError (bad settings, an input the
# user must fix) or an OSError (disk, store) still stops the run
STORY_BUGS = (ValueError, TypeError, KeyError, IndexError, AttributeError, ZeroDivisionError)


def analyze_ingested(
    ingested: IngestResult,
    settings: Settings,
    store: Store,
    before_report: Callable[[str], None] | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """`analyze` from its step 2 on, for articles read another way (`newsprism watch` reads
    only the new entries of the feeds it polls): the stories they touch, analysed.
    `before_report(story id)` is called just before step 9 replaces a story's stored report
    (the watch keeps the old one as the baseline of the story's first version)."""
    endpoint = endpoint_from_settings(settings)  # the optional LLM writer; None without --llm
    articles = list(ingested.articles)
    gazetteer = load_gazetteer(settings.gazetteer)
    # 2. cluster: the new articles join stored stories or found new ones (written back)
    with stage("cluster"):
        clustering = cluster_articles(articles, settings, store, gazetteer)
    # 3. the stories this run touched, each with all its members and their copies
    order: dict[str, None] = {}
    for a in articles:
        if a.id in clustering.story_of:
            order.setdefault(clustering.story_of[a.id])
    rows = store.get_stories(list(order))
    copies = store.copies_of([m for r in rows for m in r.article_ids])
    members = {  # each member followed by its copies
        r.id: tuple(i for m in r.article_ids for i in (m, *copies.get(m, ()))) for r in rows
    }
    have = {a.id for a in articles}
    wanted = dict.fromkeys(i for ids in members.values() for i in ids if i not in have)
    articles += store.get_articles(list(wanted))
    # 3b. one spaCy pass per member still without a stored annotation or extraction, on the
    # engine's workers; steps 4 and 5 then read both back from the store
    read_each_article(list(members.values()), articles, settings, store, gazetteer)
    stories: list[Story] = []
    encoder: Encoder | None = None
    failed: list[Skipped] = []  # articles a stage raised on: reported, left out, run goes on
    notices: list[str] = []
    ordered = sorted(rows, key=lambda r: (-r.size, r.first_day or 0, r.id))
    for number, row in enumerate(ordered, start=1):
        if progress is not None:  # the stages below take most of a run's time
            progress(f"analysing story {number} of {len(ordered)}: {row.title or row.id}")
        try:
            story = Story(
                id=row.id, article_ids=members[row.id], title=row.title, merged_from=row.merged_from
            )
            # 4. annotate (stored annotations reused), date undated members, resolve entities
            with stage("annotate"):
                articles, story, annotations = annotate_story(
                    story, articles, settings, store, gazetteer, failed
                )
            # 5. extract (stored extractions reused): quotes, events, positions, claims
            with stage("extract"):
                found = extract_stage(
                    articles, annotations, store, failed, settings.annotate_cpu_seconds
                )
                story = extract_story(story, articles, found)
            # 6. compare and 7. compose; their sentence vectors are kept in the store
            encoder = encoder or Encoder(settings.embedding_model, threads=settings.encoder_threads)
            with stage("compare"):
                story = compare_story(story, articles, annotations, found, encoder, store)
            with stage("compose"):
                story = compose_story(
                    story, articles, annotations, found, encoder, store, settings.brief_words
                )
            # 8. ask: the story's index (stored) and the suggested questions, answered
            with stage("ask"):
                index = story_index(story, articles, annotations, encoder, store)
                # (answered when the index was built, and stored with it: an unchanged story
                # re-asks nothing)
                story = with_questions(
                    story, suggested_answers(index, encoder, SUGGESTED_QUESTIONS)
                )
            # 8b. the optional LLM writer rewrites the brief (replies cached in the store); the
            # extractive brief stays where it fails
            if endpoint is not None:
                story = write_brief(story, articles, endpoint, store)
                outcome = story.brief.llm if story.brief else None
                if outcome and outcome.error:
                    notices.append(f"llm: {outcome.error}; the brief is extractive")
                    endpoint = None  # one failure is enough: later stories are not kept waiting
        except STORY_BUGS as e:
            # one story's failure (a bug in a stage, not bad input: that is caught per article)
            # must not stop the others; it is named, left out of this run's report and tried
            # again by the next run, and the stored data is untouched
            notices.append(
                f"story {row.id} ({row.title or 'untitled'}) left out of this run: "
                f"{type(e).__name__}: {e}; please report this as a bug"
            )
            continue
        stories.append(story)
    # 9. keep each story's report, so `brief` and `ask` read it without a re-run; the largest
    # story last, because commands given no story use the one written last
    for story in reversed(stories):
        if before_report is not None:
            before_report(story.id)
        with stage("store"):
            _store_report(story, articles, store)
    summary = dataclasses.replace(
        ingested.summary, skipped=ingested.summary.skipped + tuple(failed)
    )
    return Analysis(
        articles=tuple(articles), stories=tuple(stories), summary=summary, notices=tuple(notices)
    )


def cluster_articles(
    articles: Sequence[Article],
    settings: Settings,
    store: Store,
    gazetteer: Gazetteer,
    vectors: Mapping[str, Vector] | None = None,
) -> Clustering:
    """Assign the articles that belong to no story yet (`cluster.stage`) and write the
    result; `vectors` may supply their embeddings (made by the configured model; benchmarks
    use this), else stored or computed ones are used. Gives every analysed article's story."""
    originals = [a for a in articles if a.analysed and not a.duplicate_of]
    known = store.story_of([a.id for a in originals])
    todo = [a for a in originals if a.id not in known]
    merges: tuple[tuple[str, str], ...] = ()
    created: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    if todo:
        # a. vectors: given, stored, or embedded (a re-run over stored ones never loads the model)
        encoder = Encoder(settings.embedding_model, threads=settings.encoder_threads)
        given = vectors or {}
        found = store.get_vectors([a.id for a in todo if a.id not in given], encoder.id)
        found.update({a.id: given[a.id] for a in todo if a.id in given})
        missing = [a for a in todo if a.id not in found]
        if missing:
            fresh = encoder.encode([lead_text(a.title, a.text) for a in missing])
            found.update({a.id: fresh[i] for i, a in enumerate(missing)})
        # b. the candidate stories: stored ones active around the batch's days
        items = batch_items(todo, found, gazetteer)
        params = params_of(settings)
        first, last = day_range(items)
        candidates = store.active_stories(first, last, params.window_days)
        key_df = store.key_df(batch_keys(items, candidates))
        # c. cluster, and write the batch in one transaction
        batch = cluster_batch(items, candidates, key_df, params, encoder.id)
        merges, created, changed = batch.merges, batch.created, batch.changed
        store.put_clustering(batch.vectors, batch.stories, batch.members)
        # d. title each live story it changed, from its first and latest members
        for story_id, shown in batch.titled:
            have = {m: found[m] for m in shown if m in found}
            unseen = [m for m in shown if m not in have]
            if unseen:
                have.update(store.get_vectors(unseen, encoder.id))
            store.set_story_title(story_id, story_title(store.get_articles(list(shown)), have))
    copies = {a.id: a.duplicate_of for a in articles if a.duplicate_of and a.analysed}
    story_of = store.story_of([a.id for a in originals])
    of_originals = store.story_of(sorted(set(copies.values())))
    story_of.update({c: of_originals[o] for c, o in copies.items() if o in of_originals})
    return Clustering(story_of=story_of, merges=merges, created=created, changed=changed)


def read_each_article(
    stories: Sequence[Sequence[str]],
    articles: Sequence[Article],
    settings: Settings,
    store: Store,
    gazetteer: Gazetteer,
) -> None:
    """Annotate and extract, in one spaCy pass each (`articlemap`), the stories' analysed
    original members that lack a stored annotation or extraction, and store both, a chunk at
    a time as results arrive. Runs on `settings.engine` (`engines`): worker processes or a
    Dask cluster; this process is the one writer. Each member is dated from its story first
    (`_date_from_story`), as step 4 does, so the stored annotations are the ones step 4
    looks for. A chunk that fails is not stored: steps 4 and 5 redo its articles one by one
    and name the one that fails."""
    by_id = {a.id: a for a in articles}
    todo: list[Article] = []
    for ids in stories:
        in_story = [by_id[i] for i in dict.fromkeys(ids) if i in by_id]
        members = {a.id for a in in_story if a.analysed}
        todo += [
            a for a in _date_from_story(in_story, members) if a.id in members and not a.duplicate_of
        ]
    with contextlib.ExitStack() as engine:  # the workers start when a window needs them
        executors: list[Executor | None] = []
        for window in range(0, len(todo), READ_WINDOW):  # bounded lookups on a large corpus
            _read_window(
                todo[window : window + READ_WINDOW], settings, store, gazetteer, engine, executors
            )


def _read_window(
    part: Sequence[Article],
    settings: Settings,
    store: Store,
    gazetteer: Gazetteer,
    engine: contextlib.ExitStack,
    executors: list[Executor | None],
) -> None:
    """`read_each_article` over one window of articles; the executor, once started, is
    kept in `executors` for the next windows (None: run here, for work of one chunk)."""
    keys = _annotation_keys(part, gazetteer)
    known = store.get_annotations(keys)
    done = store.get_extractions({i: _extraction_key(ann) for i, ann in known.items()})
    jobs = [ArticleJob(article=a, annotation=known.get(a.id)) for a in part if a.id not in done]
    if not jobs:
        return
    with stage("parse"):
        if not executors and (len(jobs) > CHUNK or settings.engine != "local"):
            executors.append(engine.enter_context(article_executor(settings)))
        executor = executors[0] if executors else None
        chunks = map_articles(jobs, settings.gazetteer, settings.annotate_cpu_seconds, executor)
        for chunk, result in chunks:
            if result.pid != os.getpid():  # a worker's CPU time, for `--profile`
                add_cpu("parse", result.cpu_s)
            if result.results is None:
                continue
            pairs = list(zip(chunk, result.results, strict=True))
            store.put_annotations(
                [(r.annotation, keys[j.article.id]) for j, r in pairs if j.annotation is None]
            )
            store.put_extractions(
                [
                    (
                        j.article.id,
                        _extraction_key(j.annotation or r.annotation),
                        r.extraction.to_json(),
                    )
                    for j, r in pairs
                ]
            )


def story_index(
    story: Story,
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    encoder: Encoder | None,
    store: Store,
) -> StoryIndex:
    """The story's question-answering index: the stored one when it was made from the same
    inputs (`ask.index_key`), else built and stored. The extract stage's time anchors (read
    back from the store) tell the index what each date dates."""
    stored_x = store.get_extractions({ann.article_id: _extraction_key(ann) for ann in annotations})
    anchored = {i: ArticleExtraction.from_json(i, data).anchors for i, data in stored_x.items()}
    key = index_key(story, articles, annotations, encoder, anchored)
    stored = store.get_story_index(story.id, key)
    if stored is not None:
        try:
            return load_index(stored)
        except ValueError:
            pass  # an unreadable blob is rebuilt below
    index = index_story(story, articles, annotations, encoder, store, anchored=anchored)
    store.put_story_index(story.id, key, dump_index(index))
    return index


def _store_report(story: Story, articles: Sequence[Article], store: Store) -> None:
    """Keep what the run made of the story, so later commands read it without a re-run."""
    by_id = {a.id: a for a in articles}
    data = json.dumps(story_to_json(story_report(story, by_id)), ensure_ascii=False)
    store.put_story_report(story.id, content_id(*story.article_ids), data)


def annotate_story(
    story: Story,
    articles: list[Article],
    settings: Settings,
    store: Store,
    gazetteer: Gazetteer | None = None,
    failed: list[Skipped] | None = None,
) -> tuple[list[Article], Story, list[Annotation]]:
    """Annotate the story's articles (stored annotations are reused), date the undated ones
    from their story, and resolve the story's entities. Copies of an article are one voice and
    are not annotated again. Gives the articles, the story and the originals' annotations;
    an article the annotator raises on is left out and listed in `failed`."""
    gazetteer = gazetteer or load_gazetteer(settings.gazetteer)
    in_story = set(story.article_ids)
    members = {a.id for a in articles if a.id in in_story and a.analysed}
    articles = _date_from_story(articles, members)
    originals = [a for a in articles if a.id in members and not a.duplicate_of]
    annotations = _annotations(originals, gazetteer, store, failed, settings.annotate_cpu_seconds)
    times = tuple(t for ann in annotations for t in ann.times if fixes_time(t))
    entities = resolve_entities(annotations, originals, gazetteer)
    return articles, dataclasses.replace(story, entities=entities, times=times), annotations


def extract_story_stage(
    story: Story, articles: list[Article], annotations: list[Annotation], store: Store
) -> Story:
    """Quotes, events and positions of the story (see `extract_stage`)."""
    return extract_story(story, articles, extract_stage(articles, annotations, store))


def extract_stage(
    articles: list[Article],
    annotations: list[Annotation],
    store: Store,
    failed: list[Skipped] | None = None,
    cpu_seconds: float = 0.0,
) -> list[ArticleExtraction]:
    """Each annotated article's quotes, events, stances and claims, in annotation order; each
    is stored under a key of what produced it (extractor, pipeline, annotation), so re-runs
    do not parse. An article the extractor raises on is listed in `failed` and has an empty
    extraction (not stored, so a later version tries again)."""
    by_id = {a.id: a for a in articles}
    originals = [by_id[ann.article_id] for ann in annotations]
    keys = {ann.article_id: _extraction_key(ann) for ann in annotations}
    stored = store.get_extractions(keys)
    found = {i: ArticleExtraction.from_json(i, data) for i, data in stored.items()}
    missing = [a for a in originals if a.id not in found]
    if missing:
        fresh = _each_alone_on_failure(
            missing,
            lambda part: extract_articles(part, annotations),
            "extract",
            failed,
            cpu_seconds,
        )
        store.put_extractions([(x.article_id, keys[x.article_id], x.to_json()) for x in fresh])
        found.update({x.article_id: x for x in fresh})
    empty = ArticleExtraction(article_id="", quotes=(), events=())
    return [found.get(a.id) or dataclasses.replace(empty, article_id=a.id) for a in originals]


T = TypeVar("T")


def _each_alone_on_failure(
    articles: Sequence[Article],
    run: Callable[[Sequence[Article]], Sequence[T]],
    stage: str,
    failed: list[Skipped] | None,
    cpu_seconds: float = 0.0,
) -> list[T]:
    """`run` over the articles at once; if it raises, over each alone, so one article a stage
    cannot handle is reported and left out instead of stopping the batch. Nothing of a failed
    article is stored, so a later version retries it. With `cpu_seconds`, the batch may use
    that much CPU time per article and each article alone that much (`budget.py`); an article
    that uses more alone is left out with a message naming it and the setting."""
    try:
        with cpu_budget(
            cpu_seconds * len(articles), "the batch", f"the {stage} stage", "annotate_cpu_seconds"
        ):
            return list(run(articles))
    except KeyboardInterrupt:
        raise
    except NewsprismError as exc:
        if not isinstance(exc, BudgetExceeded):
            raise
    except Exception:  # noqa: BLE001 - each article alone below finds the one
        pass
    out: list[T] = []
    for article in articles:
        name = article.input or article.id
        try:
            with cpu_budget(cpu_seconds, name, f"the {stage} stage", "annotate_cpu_seconds"):
                out += run([article])
        except BudgetExceeded as exc:
            if failed is not None:
                failed.append(
                    Skipped(
                        input=name,
                        reason=f"{exc.problem}; it is stored but left out of the analysis "
                        f"({exc.fix})",
                    )
                )
        except (KeyboardInterrupt, NewsprismError):
            raise
        except Exception as exc:  # noqa: BLE001
            if failed is not None:
                failed.append(
                    Skipped(
                        input=name,
                        reason=f"the {stage} stage failed on it ({type(exc).__name__}: "
                        f"{exc}); it is stored but left out of the analysis — please "
                        "report this with the article",
                    )
                )
    return out


def _extraction_key(ann: Annotation) -> str:
    """The store key of an article's extraction: what made it and what it read."""
    return content_id(content_id(EXTRACTOR_VERSION, pipeline_id()), _annotation_digest(ann))


def _annotation_keys(articles: Sequence[Article], gazetteer: Gazetteer) -> dict[str, str]:
    """The store keys of the articles' annotations: what made them and the date they
    were read against."""
    producer = content_id(ANNOTATOR_VERSION, pipeline_id(), gazetteer.fingerprint)
    return {a.id: content_id(producer, a.published.value if a.published else "") for a in articles}


def _annotation_digest(ann: Annotation) -> str:
    """What of an annotation extraction reads: its mentions and time values."""
    return content_id(
        *(f"{m.span.start}:{m.span.end}:{m.label}" for m in ann.mentions),
        *(f"{t.span.start}:{t.span.end}:{t.value}:{t.granularity}" for t in ann.times),
    )


def _annotations(
    articles: Sequence[Article],
    gazetteer: Gazetteer,
    store: Store,
    failed: list[Skipped] | None = None,
    cpu_seconds: float = 0.0,
) -> list[Annotation]:
    keys = _annotation_keys(articles, gazetteer)
    stored = store.get_annotations(keys)
    missing = [a for a in articles if a.id not in stored]
    fresh = {}
    if missing:  # a re-run over stored articles never loads the spaCy pipeline
        done = _each_alone_on_failure(
            missing,
            lambda part: annotate(part, gazetteer=gazetteer),
            "annotate",
            failed,
            cpu_seconds,
        )
        fresh = {ann.article_id: ann for ann in done}
    if fresh:
        store.put_annotations([(ann, keys[i]) for i, ann in fresh.items()])
    return [found for a in articles if (found := stored.get(a.id) or fresh.get(a.id))]


def _date_from_story(articles: list[Article], members: set[str]) -> list[Article]:
    """Articles of one story are published close together: an article whose date was only
    inferred, in a story with articles that declare theirs, takes the median declared date,
    unless it mentions a later day itself. Its evidence is then its own latest dated mention."""
    declared = sorted(
        dt.date.fromisoformat(a.published.value)
        for a in articles
        if a.id in members
        and a.published
        and a.published.kind == "explicit"
        and a.published.granularity == "day"
    )
    if not declared:
        return articles
    median = declared[(len(declared) - 1) // 2]
    out = []
    for article in articles:
        published = article.published
        if article.id in members and (published is None or published.kind == "inferred"):
            probe = dataclasses.replace(
                article,
                published=DateValue(value=median.isoformat(), granularity="day", kind="inferred"),
            )
            own = [
                t
                for t in find_time_mentions(probe)
                if t.granularity == "day" and t.kind == "explicit"
            ]
            later = [t for t in own if dt.date.fromisoformat(t.value) > median]
            day = max((dt.date.fromisoformat(t.value) for t in later), default=median)
            evidence = tuple(t.span for t in own if t.value == day.isoformat())
            article = dataclasses.replace(
                article,
                published=DateValue(value=day.isoformat(), granularity="day", kind="inferred"),
                published_evidence=evidence or article.published_evidence,
            )
        out.append(article)
    return out


def stored_report(store: Store, story_ids: Sequence[str] = ()) -> Report:
    """The report of stories as the last `analyze` left them in the store (the most recently
    analysed story when none is named), without running any stage again."""
    ids = list(story_ids) or store.reported_stories()[:1]
    if not ids:
        raise NewsprismError(f"{store.path}: no analysed story here; run `newsprism analyze` first")
    stories = []
    for story_id in ids:
        data = store.get_story_report(story_id)
        if data is None:
            known = ", ".join(store.reported_stories()[:5]) or "none"
            raise NewsprismError(
                f"{store.path}: no analysed story {story_id} (analysed stories: {known})"
            )
        stories.append(story_from_json(json.loads(data), f"{store.path}: story {story_id}"))
    wanted = list(dict.fromkeys(i for story in stories for i in story.article_ids))
    articles = tuple(article_entry(a) for a in store.get_articles(wanted))
    return Report(schema=SCHEMA, articles=articles, stories=tuple(stories), run=EMPTY_RUN)


def ask(question: str, store: Store, settings: Settings, story_id: str | None = None) -> Answer:
    """Answer `question` from a stored story's index: the story `story_id` (a full id or a
    unique prefix), else the stored story whose sources answer it best (`ask.across`, as the
    web app asks; the answer's `story_id` names it)."""
    encoder = Encoder(settings.embedding_model, threads=settings.encoder_threads)  # lazy model
    if story_id:
        index = load_story_index(store, story_id)
        answer = answer_question(question, index, encoder)
    else:
        found = answer_across(question, _indexes_for(question, store), encoder)
        if found is None:
            raise NewsprismError(
                f"{store.path} holds no analysed story to ask about; "
                f"run `newsprism analyze INPUT --db {store.path}` first"
            )
        answer = found
        index = load_story_index(store, found.story_id)
    return llm_answer(question, answer, index, encoder, store, settings)


def _indexes_for(question: str, store: Store) -> Iterator[StoryIndex]:
    """The stored indexes of every analysed story, likeliest first for `question`
    (`catalog.rank_for_question`), each read only when it is tried; stories with an index but
    no report yet come last. Every story is tried, so the cost grows with the store (about a
    millisecond per small story's index, 0.4 s for one of 8,000 passages)."""
    ranked = [s.id for s in rank_for_question(story_summaries(store), question, limit=10**9)]
    ids = [*ranked, *(s.id for s in store.stories())]  # merged-away stories are left out
    for sid in dict.fromkeys(ids):
        data = store.get_story_index(sid)
        if data is not None:
            yield _load(data, store, f"run `newsprism analyze INPUT --db {store.path}` first")


def llm_answer(
    question: str,
    answer: Answer,
    index: StoryIndex,
    encoder: Encoder | None,
    store: Store,
    settings: Settings,
) -> Answer:
    """`answer` in the words of the optional LLM writer (`ask/llm.py`) when `settings.llm`
    names an endpoint and the answer is no refusal: its sentences where they survive the
    citation check, else the extractive ones (`answer.llm` says why). `ask` and the web app's
    ask both come through here; replies are cached in the store."""
    endpoint = endpoint_from_settings(settings)
    if endpoint is None or answer.refused:
        return answer
    ids = list(dict.fromkeys(p.article_id for p in index.passages))
    texts = {a.id: a.text for a in store.get_articles(ids)}
    sources, withheld = answer_sources(question, answer, index, texts, encoder)
    return write_answer(question, answer, sources, texts, endpoint, store, withheld=len(withheld))


def load_story_index(store: Store, story_id: str | None = None) -> StoryIndex:
    """The stored index of a story; a `NewsprismError` that names the fix when there is none."""
    fix = f"run `newsprism analyze INPUT --db {store.path}` first"
    if story_id:
        wanted = _resolve(store, story_id)
        data = store.get_story_index(wanted)
        if data is None:
            raise NewsprismError(
                f"story {story_id} has no question-answering index in {store.path}; {fix}"
                " (`newsprism stories --db FILE` lists the stored stories)"
            )
        return _load(data, store, fix)
    for sid in [*store.reported_stories(), *(s.id for s in store.stories())]:
        data = store.get_story_index(sid)
        if data is not None:
            return _load(data, store, fix)
    raise NewsprismError(f"{store.path} holds no analysed story to ask about; {fix}")


def _resolve(store: Store, story_id: str) -> str:
    if store.get_story_index(story_id) is not None:
        return story_id
    ids = {*store.reported_stories(), *(s.id for s in store.stories(include_merged=True))}
    matches = sorted(i for i in ids if i.startswith(story_id))
    if len(matches) > 1:
        raise NewsprismError(
            f"story id {story_id!r} matches {len(matches)} stories ({', '.join(matches[:4])}…); "
            "give more of it"
        )
    return matches[0] if matches else story_id


def _load(data: bytes, store: Store, fix: str) -> StoryIndex:
    try:
        return load_index(data)
    except ValueError as exc:
        raise NewsprismError(
            f"{store.path}: the stored question-answering index cannot be read ({exc}); "
            f"{fix.replace('run', 're-run')}"
        ) from exc


def write_report(analysis: Analysis, out_dir: str | Path, formats: Sequence[str]) -> list[Path]:
    """Write the report files; each appears whole or not at all (written aside, then renamed)."""
    return write_report_files(analysis.report(), out_dir, formats)


def write_report_files(report: Report, out_dir: str | Path, formats: Sequence[str]) -> list[Path]:
    """Write a report's files after the citation check; nothing is written when it fails."""
    problems = check_report(report)
    if problems:  # never write a brief whose citations do not hold
        listed = "\n  ".join(problems[:10])
        raise NewsprismError(
            f"the report fails the citation check ({len(problems)} problems); nothing was "
            f"written to {out_dir}:\n  {listed}"
        )
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NewsprismError(f"{out}: cannot create the output folder ({exc.strerror})") from exc
    renderers = {
        "json": lambda: json.dumps(to_json(report), ensure_ascii=False, indent=1) + "\n",
        "md": lambda: render_markdown(report),
        "html": lambda: render_html(report),
    }
    written = []
    for fmt in formats:
        path = out / OUTPUT_FILES[fmt]
        write_file(path, renderers[fmt]())  # whole or nothing, 0644 under the usual umask
        written.append(path)
    return written
