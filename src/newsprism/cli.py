"""The `newsprism` command: a thin face over `newsprism.pipeline` and the store.

Exit codes: 0 ok, 1 a newsprism error (bad config, unreadable store, nothing usable read),
2 a usage error, 130 interrupted.
"""

from __future__ import annotations

import datetime as dt
import json
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from newsprism import __version__
from newsprism.ask import answer_text
from newsprism.changes import KINDS, changes_since, changes_text, resolve_since
from newsprism.citations import check_report, count_sentences
from newsprism.errors import MissingDependencyError, NewsprismError
from newsprism.ingest import ingest
from newsprism.model import IngestSummary
from newsprism.pipeline import analyze, ask, stored_report, write_report, write_report_files
from newsprism.render.contract import ReportFormatError, answer_dict, from_json
from newsprism.settings import FORMATS, Settings, load_settings
from newsprism.store import Store
from newsprism.watch import RoundResult, check_sources, parse_interval, watch

LOCALHOST = "127.0.0.1"


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
        help="Comma-separated: json, md, html.",
    )(command)
    return click.option(
        "--out",
        required=True,
        type=click.Path(file_okay=False),
        help="Folder for the report files.",
    )(command)


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
def analyze_command(inputs: tuple[str, ...], out: str, formats: str, **options: Any) -> None:
    """Read INPUTS (files, folders, globs, URLs, feeds) and write the report to --out.

    \b
    Example:
      newsprism analyze ../shared/corpus/istanbul-talks --out out/
      newsprism analyze 'news/*.html' feeds.opml --out out/ --format json
    """
    settings = _settings(formats=formats, **options)
    with _store(settings) as store:
        analysis = analyze(inputs, settings, store, progress=_progress())
    _print_summary(analysis.summary, len(analysis.articles))
    if not analysis.articles:
        raise NewsprismError(
            "no article could be read from the inputs (see the skipped list above)"
        )
    for path in write_report(analysis, out, settings.formats):
        click.echo(f"wrote {path}")


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
    with _store(settings) as store:
        result = ingest(inputs, settings, store, progress=_progress())
    _print_summary(result.summary, len(result.articles))


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
def stories(db: str | None, as_json: bool, min_size: int, merged: bool) -> None:
    """List the stories in the store: size, outlets, date span and title, newest first.

    Size counts independent articles (copies of one article count once).

    \b
    Example:
      newsprism stories --db news.db --min-size 2
    """
    settings = _settings(db=db)
    with _store(settings, create=False) as store:
        for row in store.stories(include_merged=merged):
            if row.size < min_size and not row.merged_into:
                continue
            members = store.get_articles(list(row.article_ids))
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
                click.echo(json.dumps(record, ensure_ascii=False))
                continue
            dates = span[0] or "-"
            if span[1] and span[1] != span[0]:
                dates += f"..{span[1][5:]}"
            where = ", ".join(outlets[:3]) + (f" +{len(outlets) - 3}" if len(outlets) > 3 else "")
            note = f" (merged into {row.merged_into})" if row.merged_into else ""
            title = " ".join((row.title or "").split())[:80]
            click.echo(f"{row.id}  {row.size:>4}  {dates:<16} {where[:40]:<40} {title}{note}")


@main.command()
@click.option("--db", help="SQLite store [default: newsprism.db].")
@click.option(
    "--story", "stories", multiple=True, help="Story id (repeatable) [default: the last analysed]."
)
@_report_options
def brief(db: str | None, stories: tuple[str, ...], out: str, formats: str) -> None:
    """Write the report of stories already analysed into the store, without analysing again.

    \b
    Example:
      newsprism brief --db news.db --out today/ --format md,html
      newsprism brief --db news.db --story 872a68452f030d96 --out story/
    """
    settings = _settings(db=db, formats=formats)
    with _store(settings, create=False) as store:
        report = stored_report(store, stories)
    for path in write_report_files(report, out, settings.formats):
        click.echo(f"wrote {path}")


@main.command("ask")
@click.argument("question")
@click.option(
    "--story",
    "story_id",
    help="Story id, or a unique prefix of one [default: the story analysed last].",
)
@click.option("--db", help="SQLite store [default: newsprism.db].")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object.")
def ask_command(question: str, story_id: str | None, db: str | None, as_json: bool) -> None:
    """Answer a question from a stored story's articles only, citing them.

    A date, name, number or place comes first, then the answer sentences with their outlets
    in brackets, then follow-up questions the sources can answer. When the sources do not
    answer, it says so and shows the closest passages. `analyze --db FILE` stores what this
    reads.

    \b
    Example:
      newsprism ask "When did the talks open?" --db news.db
      newsprism ask "How many detainees will be exchanged?" --story 3f2a --json
    """
    settings = _settings(db=db)
    with _store(settings, create=False) as store:
        answer = ask(question, store, settings, story_id)
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
    try:
        data = json.loads(Path(report).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NewsprismError(f"{report}: not a readable report.json ({exc})") from exc
    if not isinstance(data, dict) or "articles" not in data or "stories" not in data:
        raise NewsprismError(f"{report}: not a newsprism report (no articles and stories)")
    try:
        records = from_json(data)
    except ReportFormatError as exc:
        raise NewsprismError(f"{report}: not a newsprism report ({exc})") from exc
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
@click.option("--story", help="Only this story (an id or a unique prefix).")
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


def _store(settings: Settings, *, create: bool = True) -> Store:
    if not create and settings.db != ":memory:" and not Path(settings.db).exists():
        raise NewsprismError(
            f"{settings.db}: no store here yet; run `newsprism ingest` or pass --db"
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
        f"{summary.not_analysed} not analysed (language); {len(summary.skipped)} inputs skipped",
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
