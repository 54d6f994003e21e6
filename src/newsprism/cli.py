"""The `newsprism` command: a thin face over `newsprism.pipeline` and the store.

Exit codes: 0 ok, 1 a newsprism error (bad config, unreadable store, nothing usable read),
2 a usage error, 130 interrupted.
"""

from __future__ import annotations

import datetime as dt
import json
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from newsprism import __version__
from newsprism.ask import answer_text
from newsprism.changes import KINDS, changes_since, changes_text, resolve_since
from newsprism.citations import check_report, count_sentences
from newsprism.errors import MissingDependencyError, NewsprismError
from newsprism.ingest import ingest
from newsprism.lookup import (
    DEFAULT_DB,
    StoryName,
    analyze_hint,
    default_story,
    find_story,
    pick_outlet,
    pick_story,
)
from newsprism.model import IngestSummary
from newsprism.pipeline import analyze, ask, stored_report, write_report, write_report_files
from newsprism.render import tables
from newsprism.render.contract import ReportFormatError, answer_dict, from_json, to_json
from newsprism.render.outlets import compare_outlets, comparison_dict, comparison_text
from newsprism.runlock import run_lock
from newsprism.settings import FORMATS, Settings, load_settings
from newsprism.stagetimes import stage, stage_times
from newsprism.store import Store
from newsprism.watch import RoundResult, check_sources, parse_interval, watch

LOCALHOST = "127.0.0.1"
STORY_HELP = "Story: its id, a unique start of the id, or words of its title"


def _input_options(command: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--db", help="SQLite store [default: newsprism.db]."),
        click.option(
            "--config",
            type=click.Path(dir_okay=False),
            help="Settings file [default: ./newsprism.toml if present].",
        ),
        click.option(
            "--date",
            help="Publication date YYYY-MM-DD for every article (overrides what is found).",
        ),
        click.option(
            "--today", help="Latest date an inferred date may take, YYYY-MM-DD [default: today]."
        ),
        click.option(
            "--max-bytes", type=int, help="Refuse inputs larger than this [default: 20000000]."
        ),
        click.option(
            "--allow-private",
            is_flag=True,
            default=None,
            help="Allow URLs on loopback and private networks.",
        ),
        click.option(
            "--offline", is_flag=True, default=None, help="Never fetch anything from the network."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _report_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option(
        "--format",
        "formats",
        default=",".join(FORMATS),
        show_default=True,
        callback=_check_formats,
        help="Comma-separated: json, md, html.",
    )(command)
    return click.option(
        "--out",
        required=True,
        type=click.Path(file_okay=False),
        help="Folder for the report files.",
    )(command)


def _llm_options(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option(
        "--llm-model", help="Model the --llm endpoint serves (llama3.1, qwen2.5:7b, …)."
    )(command)
    return click.option(
        "--llm",
        metavar="URL",
        help="OpenAI-compatible API that writes in its own words, every sentence checked "
        "against its citations (Ollama: http://127.0.0.1:11434/v1). Key: $NEWSPRISM_LLM_KEY.",
    )(command)


def _check_formats(ctx: click.Context, param: click.Parameter, value: str) -> str:
    del ctx, param
    wanted = [f.strip() for f in value.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        hint = " (tables as CSV: `newsprism export --format csv`)" if "csv" in bad else ""
        raise click.BadParameter(
            f"unknown format(s) {', '.join(bad) or '(none given)'}; choose from "
            f"{', '.join(FORMATS)}{hint}"
        )
    return ",".join(wanted)


def _settings(**values: Any) -> Settings:
    config = values.pop("config", None)
    return load_settings(config, **values)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsprism")
def main() -> None:
    """newsprism: one story, many outlets — cross-source analysis with cited sources.

    \b
    Example:
      newsprism analyze articles/ https://example.org/feed.xml --out out/
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@_report_options
@_input_options
@_llm_options
@click.option(
    "--brief-words",
    type=int,
    help="Most words of each story's brief, six sections together [default: 600].",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    help="Processes for the per-article stages (spaCy); 0: one per core [default: 0].",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    help="Run the per-article stages here (local) or on a Dask cluster [default: local].",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler for --engine dask (tcp://host:8786) [default: a local cluster].",
)
@click.option(
    "--profile",
    is_flag=True,
    help="Print wall and CPU seconds per stage at the end (to stderr).",
)
def analyze_command(
    inputs: tuple[str, ...], out: str, formats: str, profile: bool, **options: Any
) -> None:
    """Read INPUTS (files, folders, globs, URLs, feeds) and write the report to --out.

    \b
    Example:
      newsprism analyze ../shared/corpus/istanbul-talks --out out/
      newsprism analyze 'news/*.html' feeds.opml --out out/ --format json
      newsprism analyze articles/ --out out/ --brief-words 400
      newsprism analyze articles/ --out out/ --llm http://127.0.0.1:11434/v1 --llm-model llama3.1
      newsprism analyze articles/ --out out/ --profile
      newsprism analyze articles/ --out out/ --engine dask --scheduler tcp://host:8786
    """
    settings = _settings(formats=formats, **options)
    with _store(settings) as store:
        analysis = analyze(inputs, settings, store, progress=_progress())
    _print_summary(analysis.summary, len(analysis.articles))
    for notice in analysis.notices:
        click.echo(notice, err=True)
    if not analysis.articles:
        raise NewsprismError(
            "no article could be read from the inputs (see the skipped list above)"
        )
    with stage("render"):
        written = write_report(analysis, out, settings.formats)
    for path in written:
        click.echo(f"wrote {path}")
    if profile:
        _print_profile()


def _print_profile() -> None:
    """The run's stage times, one line each (`embed` is the encoder's time inside the
    stages above it, not extra)."""
    for t in stage_times():
        click.echo(
            f"profile {t.stage:<10} wall {t.wall_s:8.2f} s  cpu {t.cpu_s:8.2f} s"
            f"  ({t.calls} calls)",
            err=True,
        )


analyze_command.name = "analyze"


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@_input_options
def ingest_command(inputs: tuple[str, ...], **options: Any) -> None:
    """Read INPUTS into the store without writing a report.

    \b
    Example:
      newsprism ingest articles/ --db news.db
    """
    settings = _settings(**options)
    with _store(settings) as store, run_lock(store.path):
        result = ingest(inputs, settings, store, progress=_progress())
    _print_summary(result.summary, len(result.articles))
    if not result.articles:  # every input was skipped: as for analyze, that is a failure
        raise NewsprismError(
            "no article could be read from the inputs (see the skipped list above)"
        )


@main.command()
@click.option("--db", help="SQLite store [default: newsprism.db].")
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON object per line instead of a table."
)
def articles(db: str | None, as_json: bool) -> None:
    """List the articles in the store.

    \b
    Example:
      newsprism articles --db news.db --json
    """
    settings = _settings(db=db)
    with _store(settings, create=False) as store:
        for a in store.articles():
            if as_json:
                click.echo(
                    json.dumps(
                        {
                            "id": a.id,
                            "source": a.source,
                            "title": a.title,
                            "url": a.url,
                            "published": a.published.value if a.published else None,
                            "published_inferred": a.published_inferred,
                            "language": a.language,
                            "analysed": a.analysed,
                            "duplicate_of": a.duplicate_of,
                            "chars": len(a.text),
                        },
                        ensure_ascii=False,
                    )
                )
            else:
                published = (
                    a.published.value + ("~" if a.published_inferred else "")
                    if a.published
                    else "-"
                )
                flags = ("copy " if a.duplicate_of else "") + (
                    "" if a.analysed else f"[{a.language}] "
                )
                label = " ".join((a.title or a.text[:70]).split())[:70]
                click.echo(f"{a.id}  {published:<11} {a.source[:28]:<28} {flags}{label}")


@main.command()
@click.option("--db", help="SQLite store [default: newsprism.db].")
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON object per line instead of a table."
)
@click.option("--min-size", type=int, default=1, show_default=True, help="Hide smaller stories.")
@click.option("--merged", is_flag=True, help="Also list stories merged into another.")
@click.option(
    "--outlet",
    help="Only stories this outlet covers, each with that outlet's articles (name or part).",
)
def stories(db: str | None, as_json: bool, min_size: int, merged: bool, outlet: str | None) -> None:
    """List the stories in the store: size, outlets, date span and title, newest first.

    Size counts independent articles (copies of one article count once). With --outlet,
    only the stories that outlet covers, each followed by that outlet's articles.

    \b
    Example:
      newsprism stories --db news.db --min-size 2
      newsprism stories --outlet "Harbour Herald"
    """
    settings = _settings(db=db)
    with _store(settings, create=False) as store:
        rows = store.stories(include_merged=merged)
        if not rows:
            click.echo(
                f"{settings.db} holds no story yet; run {analyze_hint(settings.db)} to make some",
                err=True,
            )
            return
        copies = store.copies_of([m for r in rows for m in r.article_ids])
        listed = []
        for row in rows:
            ids = [i for m in row.article_ids for i in (m, *copies.get(m, ()))]
            listed.append((row, store.get_articles(ids)))
        chosen = None
        if outlet is not None:
            known = {a.source for _, members in listed for a in members}
            chosen = pick_outlet(known, outlet, f"in {settings.db}")
        shown = 0
        for row, everyone in listed:
            if row.size < min_size and not row.merged_into:
                continue
            own = [a for a in everyone if a.source == chosen]
            if chosen is not None and not own:
                continue
            shown += 1
            members = [a for a in everyone if a.id in set(row.article_ids)]
            outlets = sorted({a.source for a in members})
            days = sorted(a.published.value for a in members if a.published)
            span = (days[0], days[-1]) if days else (None, None)
            if as_json:
                record = {
                    "id": row.id,
                    "size": row.size,
                    "outlets": outlets,
                    "first": span[0],
                    "last": span[1],
                    "title": row.title,
                    "article_ids": list(row.article_ids),
                    "merged_from": list(row.merged_from),
                    "merged_into": row.merged_into,
                }
                if chosen is not None:
                    record["outlet"] = chosen
                    record["outlet_articles"] = [a.id for a in own]
                click.echo(json.dumps(record, ensure_ascii=False))
                continue
            dates = span[0] or "-"
            if span[1] and span[1] != span[0]:
                dates += f"..{span[1][5:]}"
            where = ", ".join(outlets[:3]) + (f" +{len(outlets) - 3}" if len(outlets) > 3 else "")
            note = f" (merged into {row.merged_into})" if row.merged_into else ""
            title = " ".join((row.title or "").split())[:80]
            click.echo(f"{row.id}  {row.size:>4}  {dates:<16} {where[:40]:<40} {title}{note}")
            for a in own:
                day = a.published.value if a.published else "-"
                label = " ".join((a.title or a.text[:70]).split())[:70]
                click.echo(f"    {a.id}  {day:<11} {label}")
        if not shown:
            why = f"covered by {chosen}" if chosen else ""
            if min_size > 1:
                why += f"{' and ' if why else ''}of {min_size} or more articles"
            click.echo(f"no story {why} in {settings.db}", err=True)


@main.command()
@click.option("--db", help="SQLite store [default: newsprism.db].")
@click.option(
    "--story",
    "stories",
    multiple=True,
    help=f"{STORY_HELP} (repeatable) [default: the largest story of the last analyze].",
)
@_report_options
def brief(db: str | None, stories: tuple[str, ...], out: str, formats: str) -> None:
    """Write the report of stories already analysed into the store, without analysing again.

    \b
    Example:
      newsprism brief --out story/ --format md,html
      newsprism brief --db news.db --story 872a --story "dockworkers strike" --out stories/
    """
    settings = _settings(db=db, formats=formats)
    with _store(settings, create=False) as store:
        report = stored_report(store, _story_ids(store, settings.db, stories))
    for path in write_report_files(report, out, settings.formats):
        click.echo(f"wrote {path}")


@main.command("ask")
@click.argument("question")
@click.option(
    "--story",
    "story_id",
    help=f"{STORY_HELP} [default: every stored story; the one that answers best is named].",
)
@click.option("--db", help="SQLite store [default: newsprism.db].")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object.")
@_llm_options
def ask_command(
    question: str,
    story_id: str | None,
    db: str | None,
    as_json: bool,
    llm: str | None,
    llm_model: str | None,
) -> None:
    """Answer a question from a stored story's articles only, citing them.

    A date, name, number or place comes first, then the answer sentences with their outlets
    in brackets, then follow-up questions the sources can answer. When the sources do not
    answer, or answer too weakly to be sure, it says so and shows the closest passages.
    Without --story every stored story is tried and the answer comes from the one whose
    sources answer best, named on the first line. `analyze --db FILE` stores what this reads.

    \b
    Example:
      newsprism ask "When did the talks open?"
      newsprism ask "How many detainees will be exchanged?" --story 3f2a --json
      newsprism ask "Who is on strike?" --story "dockworkers" --db news.db
      newsprism ask "Who mediated?" --llm http://127.0.0.1:11434/v1 --llm-model llama3.1
    """
    if not question.strip():
        raise click.UsageError(
            'QUESTION is empty; ask something, e.g. newsprism ask "When did the talks open?"'
        )
    settings = _settings(db=db, llm=llm, llm_model=llm_model)
    with _store(settings, create=False) as store:
        if story_id is None:
            default_story(store, settings.db)  # nothing analysed yet: its message, and the fix
        chosen = _story_ids(store, settings.db, (story_id,)) if story_id is not None else [None]
        answer = ask(question, store, settings, chosen[0])
        if story_id is None and answer.story_id:  # said on stderr, as the other commands do
            try:
                title = find_story(store, answer.story_id, settings.db).title
            except NewsprismError:  # an index stored without a report yet: no title to give
                title = "untitled"
            click.echo(
                f"story {answer.story_id}: {title[:70]} (its sources answer best of the "
                "stored stories; --story picks one)",
                err=True,
            )
        if answer.llm and answer.llm.error:
            click.echo(f"llm: {answer.llm.error}; the answer is extractive", err=True)
        if as_json:
            click.echo(json.dumps(answer_dict(answer), ensure_ascii=False))
            return
        cited = dict.fromkeys(c.article_id for s in answer.sentences for c in s.citations)
        outlets = {a.id: a.source for a in store.get_articles(list(cited))}
        click.echo(answer_text(answer, outlets))


@main.command()
@click.argument("report", type=click.Path(dir_okay=False))
def check(report: str) -> None:
    """Check every citation of a report.json: each must resolve to its article's text, and
    the cited text must state what the sentence says (words, names, numbers, dates).

    Exits 0 when every brief sentence, answer and timeline entry passes, 1 otherwise.

    \b
    Example:
      newsprism check out/report.json
    """
    records = from_json(_read_report(report))  # _read_report checked it converts
    problems = check_report(records)
    total = count_sentences(records)
    entries = sum(len(s.timeline) for s in records.stories)
    for problem in problems:
        click.echo(problem)
    click.echo(
        f"{total} sentences and {entries} timeline entries checked; {len(problems)} problems",
        err=True,
    )
    if problems:
        raise NewsprismError(f"{report}: {len(problems)} citations fail the check")


@main.command("watch")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--every", default="15m", show_default=True, help="Time between rounds: 90s, 15m, 2h."
)
@click.option("--once", is_flag=True, help="Run one round and exit (for cron and tests).")
@_input_options
def watch_command(sources: tuple[str, ...], every: str, once: bool, **options: Any) -> None:
    """Poll SOURCES (feed URLs, OPML files or URLs, folders) in rounds, take in only new
    entries and files, and grow the stories they touch; each changed story gets a new
    version (see `newsprism changes`). Ctrl-C finishes the current round, then stops.

    \b
    Example:
      newsprism watch feeds.opml https://example.org/rss --db news.db --every 30m
      newsprism watch clippings/ --db news.db --once
    """
    interval = parse_interval(every)
    check_sources(sources)
    settings = _settings(**options)
    stopping: list[bool] = []

    def on_interrupt(signum: int, frame: object) -> None:
        if stopping:
            raise KeyboardInterrupt
        stopping.append(True)
        click.echo("stopping after this round (Ctrl-C again to stop at once)", err=True)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        with _store(settings) as store:
            watch(
                sources,
                settings,
                store,
                every=interval,
                once=once,
                stop=lambda: bool(stopping),
                on_round=_print_round,
            )
    finally:
        signal.signal(signal.SIGINT, previous)


def _print_round(result: RoundResult) -> None:
    for outcome in result.outcomes:
        if outcome.status == "error":
            retry = f"; next try after {_clock_text(outcome.retry_at)}" if outcome.retry_at else ""
            click.echo(f"  failed {outcome.name}: {outcome.error}{retry}", err=True)
    if result.summary is not None:
        for skipped in result.summary.skipped:
            click.echo(f"  skipped {skipped.input}: {skipped.reason}", err=True)
    new = result.summary.new if result.summary else 0
    click.echo(
        f"round {result.round} ({_clock_text(result.finished)}): {len(result.outcomes)} sources, "
        f"{result.requests} requests ({result.count('not-modified')} not modified), "
        f"{result.count('taken')} with new entries, {result.count('error')} failed, "
        f"{result.count('waiting')} backing off; {new} new articles; "
        f"{len(result.changed)} stories changed",
        err=True,
    )
    for story in result.changed:
        counts = ", ".join(f"{len(story.of(kind))} {kind}" for kind in KINDS if story.of(kind))
        click.echo(f"  {story.story_id} v{story.version}: {counts} — {story.title or ''}")


def _clock_text(moment: float | None) -> str:
    if moment is None:
        return "-"
    return dt.datetime.fromtimestamp(moment, dt.UTC).strftime("%Y-%m-%d %H:%M:%SZ")


@main.command("changes")
@click.option("--db", help="SQLite store [default: newsprism.db].")
@click.option(
    "--since",
    default="last",
    show_default=True,
    help="A round (version) number, a date YYYY-MM-DD, or 'last' (the previous round).",
)
@click.option("--story", help="Only this story: an id, a unique prefix of one, or title words.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story.")
def changes_command(db: str | None, since: str, story: str | None, as_json: bool) -> None:
    """What changed in the watched stories: new articles, new or changed claims, new
    contradictions, timeline entries and positions, new titles — each cited.

    \b
    Example:
      newsprism changes --db news.db
      newsprism changes --db news.db --since 2026-12-01 --story 3f2a --json
    """
    settings = _settings(db=db)
    with _store(settings, create=False) as store:
        baseline = resolve_since(store, since)
        found = changes_since(store, baseline, story)
        if as_json:
            for item in found:
                click.echo(json.dumps(item.as_dict(), ensure_ascii=False))
            return
        if not found:
            click.echo(f"no story changed after round {baseline}", err=True)
            return
        cited = {c.article_id for s in found for i in s.items for c in i.citations}
        outlets = {a.id: a.source for a in store.get_articles(sorted(cited))}
        click.echo(changes_text(found, outlets))


@main.command("feeds")
@click.option("--db", help="SQLite store [default: newsprism.db].")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source.")
def feeds_command(db: str | None, as_json: bool) -> None:
    """List the watched sources: kind, last fetch, status, entries taken in, and the error
    of a failing one with when it is tried again.

    \b
    Example:
      newsprism feeds --db news.db
    """
    settings = _settings(db=db)
    with _store(settings, create=False) as store:
        if not as_json:
            click.echo(f"{'status':<12} {'last fetch':<20} {'taken':>5}  source")
        for w in store.watch_sources():
            if as_json:
                record = {
                    "name": w.name,
                    "kind": w.kind,
                    "origin": w.origin,
                    "status": w.status,
                    "error": w.error,
                    "failures": w.failures,
                    "last_attempt": _clock_text(w.last_attempt),
                    "last_success": _clock_text(w.last_success),
                    "retry_at": _clock_text(w.retry_at) if w.retry_at else None,
                    "entries": w.entries,
                    "etag": w.etag,
                    "last_modified": w.last_modified,
                }
                click.echo(json.dumps(record, ensure_ascii=False))
                continue
            line = f"{w.status:<12} {_clock_text(w.last_attempt):<20} {w.entries:>5}  {w.name}"
            if w.error:
                retry = f" (next try after {_clock_text(w.retry_at)})" if w.retry_at else ""
                line += f"\n{'':<12} error: {w.error}{retry}"
            click.echo(line)


@main.command()
@click.option("--db", help="SQLite store [default: newsprism.db].")
@click.option("--config", type=click.Path(dir_okay=False), help="Settings file.")
@click.option(
    "--host",
    default=LOCALHOST,
    show_default=True,
    help="Address to listen on; another than 127.0.0.1 lets other machines in.",
)
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--token",
    envvar="NEWSPRISM_TOKEN",
    help="Access token every request must carry (or set NEWSPRISM_TOKEN).",
)
def serve(db: str | None, config: str | None, host: str, port: int, token: str | None) -> None:
    """Serve the stored stories in a browser: the story list, each story with its cited
    brief, questions across everything stored, and adding sources.

    Needs the web extra: pip install "newsprism[web]".

    \b
    Example:
      newsprism serve --db news.db
      NEWSPRISM_TOKEN=s3cret newsprism serve --db news.db --host 0.0.0.0 --port 8080
    """
    try:
        import uvicorn

        from newsprism.web.app import create_app
    except ImportError as exc:
        raise MissingDependencyError(exc.name or "fastapi", "newsprism serve", extra="web") from exc
    settings = _settings(db=db, config=config)
    if host != LOCALHOST:
        click.echo(
            f"warning: listening on {host}, so other machines can reach this server"
            + ("" if token else "; anyone who can reach it can read and add to the store")
            + " (add --token to require an access token)",
            err=True,
        )
    click.echo(f"newsprism: serving {settings.db} on http://{host}:{port}/", err=True)
    uvicorn.run(create_app(settings, token=token), host=host, port=port, log_level="warning")


@main.command("export")
@click.option("--db", help="SQLite store [default: newsprism.db].")
@click.option(
    "--story",
    "stories",
    multiple=True,
    help=f"{STORY_HELP} (repeatable) [default: the largest story of the last analyze; with "
    "--report, every story in it].",
)
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False),
    help="Export from this report.json instead of the store.",
)
@click.option(
    "--what",
    default=",".join(tables.TABLES),
    show_default=True,
    callback=lambda ctx, param, value: _check_tables(value),
    help="Comma-separated tables.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(tables.FORMATS),
    default="csv",
    show_default=True,
    help='File format; parquet needs `pip install "newsprism[parquet]"`.',
)
@click.option(
    "--out", required=True, type=click.Path(file_okay=False), help="Folder for the table files."
)
def export_command(
    db: str | None,
    stories: tuple[str, ...],
    report_file: str | None,
    what: str,
    fmt: str,
    out: str,
) -> None:
    """Write claims, quotes, positions, timeline, events and articles as tables, one file per
    table (OUT/claims.csv, ...), with the columns the README documents.

    \b
    Example:
      newsprism export --out tables/
      newsprism export --story 872a --what claims,quotes --format parquet --out tables/
      newsprism export --report out/report.json --format jsonl --out tables/
    """
    report = _report(db, stories, report_file)
    for path, rows in tables.write_tables(report, out, what.split(","), fmt):
        click.echo(f"wrote {path} ({rows} rows)")


@main.command("compare-outlets")
@click.argument("outlet_a")
@click.argument("outlet_b")
@click.option(
    "--story", "story_ref", help=f"{STORY_HELP} [default: the largest story of the last analyze]."
)
@click.option("--db", help="SQLite store [default: newsprism.db].")
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False),
    help="Compare in this report.json instead of the store.",
)
@click.option(
    "--limit",
    type=int,
    default=10,
    show_default=True,
    help="Claims per side and actors shown; 0: all.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as one JSON object.")
def compare_outlets_command(
    outlet_a: str,
    outlet_b: str,
    story_ref: str | None,
    db: str | None,
    report_file: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Compare two outlets' coverage of one story: what each reports that the other does not,
    where they contradict each other, and how each frames the actors they name most.

    OUTLET_A and OUTLET_B are outlet names (case ignored) or parts only one outlet has.

    \b
    Example:
      newsprism compare-outlets "Harbour Herald" "Global Dispatch"
      newsprism compare-outlets herald courier --story 872a --json
    """
    refs = (story_ref,) if story_ref is not None else ()
    report = _report(db, refs, report_file)
    story = report["stories"][0]
    where = f"in story {story['id']}"
    outlet = {a["id"]: a["source"] for a in report["articles"]}
    known = {outlet[i] for i in story["article_ids"] if i in outlet}
    a, b = (pick_outlet(known, name, where) for name in (outlet_a, outlet_b))
    comparison = compare_outlets(report, story["id"], a, b)
    if as_json:
        click.echo(json.dumps(comparison_dict(comparison), ensure_ascii=False))
    else:
        click.echo(comparison_text(comparison, limit))


def _check_tables(value: str) -> str:
    try:
        return ",".join(tables.iter_tables(value))
    except NewsprismError as exc:
        raise click.BadParameter(str(exc), param_hint="--what") from exc


def _report(db: str | None, refs: Sequence[str], report_file: str | None) -> dict[str, Any]:
    """The report to read: the stories `refs` names (or the default ones) from the store, or
    from a report.json file when one is given."""
    if report_file is None:
        settings = _settings(db=db)
        with _store(settings, create=False) as store:
            return dict(to_json(stored_report(store, _story_ids(store, settings.db, refs))))
    if db is not None:
        raise click.UsageError("give --db or --report, not both")
    data = _read_report(report_file)
    names = [StoryName(id=s["id"], title=s.get("title") or "(untitled)") for s in data["stories"]]
    if not names:
        raise NewsprismError(f"{report_file}: the report holds no story")
    if not refs:
        return data
    wanted = {pick_story(names, ref, f"in {report_file}").id for ref in refs}
    chosen = [s for s in data["stories"] if s["id"] in wanted]
    members = {i for s in chosen for i in s["article_ids"]}
    articles = [a for a in data["articles"] if a["id"] in members]
    return {**data, "stories": chosen, "articles": articles}


def _story_ids(store: Store, db: str, refs: Sequence[str]) -> list[str]:
    """The ids of the stories the user named, or of the default story (said on stderr, so a
    user knows which story the output is about)."""
    if refs:
        return list(dict.fromkeys(find_story(store, ref, db).id for ref in refs))
    chosen = default_story(store, db)
    click.echo(
        f"story {chosen.id}: {chosen.title[:70]} (the latest analysed; --story picks another)",
        err=True,
    )
    return [chosen.id]


def _read_report(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NewsprismError(f"{path}: not a readable report.json ({exc})") from exc
    if not isinstance(data, dict) or "articles" not in data or "stories" not in data:
        raise NewsprismError(f"{path}: not a newsprism report (no articles and stories)")
    try:
        from_json(data)  # every field the contract requires, of its type
    except ReportFormatError as exc:
        raise NewsprismError(f"{path}: not a newsprism report ({exc})") from exc
    return data


def _store(settings: Settings, *, create: bool = True) -> Store:
    if not create and settings.db != ":memory:" and not Path(settings.db).exists():
        where = f"{settings.db} (in {Path.cwd()})" if settings.db == DEFAULT_DB else settings.db
        raise NewsprismError(
            f"no store {where} yet; run {analyze_hint(settings.db)} to read articles into it "
            "and analyse them, or pass --db FILE of an existing store"
        )
    return Store(settings.db)


def _progress() -> Callable[[str], None] | None:
    if not sys.stderr.isatty():
        return None
    count = 0

    def report(name: str) -> None:
        nonlocal count
        count += 1
        click.echo(f"\r\033[K[{count}] {name[-70:]}", err=True, nl=False)

    return report


def _print_summary(summary: IngestSummary, kept: int) -> None:
    if sys.stderr.isatty():
        click.echo("\r\033[K", err=True, nl=False)
    click.echo(
        f"{kept} articles ({summary.new} new, {summary.already_stored} already stored); "
        f"{summary.exact_duplicates} exact duplicates dropped; "
        f"{summary.near_duplicates} near-duplicates marked; "
        f"{summary.not_analysed} not analysed (language or length); "
        f"{len(summary.skipped)} inputs skipped",
        err=True,
    )
    for skipped in summary.skipped:
        click.echo(f"  skipped {skipped.input}: {skipped.reason}", err=True)


def run() -> None:
    """Entry point with newsprism's exit codes."""
    try:
        main.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("interrupted; what was stored so far is kept, re-run to continue", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("interrupted; what was stored so far is kept, re-run to continue", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except NewsprismError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
