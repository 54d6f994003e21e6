"""`newsprism watch` against a local feed server: three rounds (everything new, nothing new,
one new entry), versions and `changes`, feeds that fail and recover, folders, the loop."""

from __future__ import annotations

import dataclasses
import json
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import newsprism.watch as watch_module
from newsprism.changes import changes_since, resolve_since
from newsprism.cli import main
from newsprism.errors import NewsprismError
from newsprism.pipeline import analyze
from newsprism.settings import Settings
from newsprism.store import Store
from newsprism.watch import RoundResult, parse_interval, run_round, watch
from watch_feeds import (
    DISPATCH_FOLLOW_UP,
    DISPATCH_STRIKE,
    HERALD_EXCHANGE,
    WIRE_EXCHANGE,
    Entry,
    FeedSite,
    rss,
    serve,
)

START = 1_790_000_000.0  # 2026-09-21 14:13:20 UTC: the fake clock's first reading


class FakeClock:
    """A clock that moves only when told to or when something sleeps on it."""

    def __init__(self, now: float = START) -> None:
        self.t = now
        self.slept: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += seconds


class Spy:
    """Counts the calls of a function it wraps."""

    def __init__(self, function: Any) -> None:
        self.function = function
        self.calls = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.function(*args, **kwargs)


def local_settings(db: Path, **changes: Any) -> Settings:
    base = Settings(
        db=str(db),
        allow_private=True,
        follow_feed_links=False,
        today="2025-10-01",
        fetch_timeout=5.0,
        fetch_host_interval=5.0,
        watch_backoff=60.0,
        watch_backoff_max=3600.0,
    )
    return dataclasses.replace(base, **changes)


@dataclasses.dataclass
class Scenario:
    """The three rounds of the main scenario and what they left in the store."""

    db: Path
    site: FeedSite
    clock: FakeClock
    rounds: list[RoundResult]
    ingest_calls: list[int]  # calls of ingest_documents after each round
    analyze_calls: list[int]
    versions_before: list[tuple[str, int, str | None]]  # story versions after round 2
    sources: list[str]


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    """Round 1 reads three feeds (two reports of one event, one unrelated story); round 2
    finds nothing changed (every feed answers 304); round 3 finds one new entry in one feed,
    a follow-up of the event from a third outlet."""
    db = tmp_path_factory.mktemp("watch") / "news.db"
    site = FeedSite()
    site.feeds["/herald.xml"] = rss("Harbour Herald", [HERALD_EXCHANGE])
    site.feeds["/wire.xml"] = rss("Continental Wire", [WIRE_EXCHANGE])
    site.validator["/wire.xml"] = "last-modified"  # this one is asked with If-Modified-Since
    site.feeds["/dispatch.xml"] = rss("Lysa Dispatch", [DISPATCH_STRIKE])
    clock = FakeClock()
    settings = local_settings(db)
    ingest_spy = Spy(watch_module.ingest_documents)
    analyze_spy = Spy(watch_module.analyze_ingested)
    rounds, ingest_calls, analyze_calls = [], [], []
    with serve(site), pytest.MonkeyPatch.context() as patch, Store(db) as store:
        patch.setattr(watch_module, "ingest_documents", ingest_spy)
        patch.setattr(watch_module, "analyze_ingested", analyze_spy)
        sources = [site.url(p) for p in ("/herald.xml", "/wire.xml", "/dispatch.xml")]
        versions_before: list[tuple[str, int, str | None]] = []
        for number in (1, 2, 3):
            if number == 3:
                site.feeds["/dispatch.xml"] = rss(
                    "Lysa Dispatch", [DISPATCH_FOLLOW_UP, DISPATCH_STRIKE]
                )
            rounds.append(run_round(sources, settings, store, clock=clock))
            ingest_calls.append(ingest_spy.calls)
            analyze_calls.append(analyze_spy.calls)
            if number == 2:
                versions_before = store.story_versions()
            clock.t += 900  # a quarter of an hour between rounds
        yield Scenario(
            db=db,
            site=site,
            clock=clock,
            rounds=rounds,
            ingest_calls=ingest_calls,
            analyze_calls=analyze_calls,
            versions_before=versions_before,
            sources=sources,
        )


def _story_of(store: Store, article_id: str) -> str:
    return store.story_of([article_id])[article_id]


def _by_url(store: Store) -> dict[str, str]:
    return {str(a.url): a.id for a in store.articles()}


def test_round_one_takes_every_entry_and_versions_every_story(scenario: Scenario) -> None:
    first = scenario.rounds[0]
    assert [o.status for o in first.outcomes] == ["taken"] * 3
    assert first.summary is not None and (first.summary.read, first.summary.new) == (3, 3)
    assert first.requests == 3
    with Store(scenario.db) as store:
        ids = _by_url(store)
        exchange = _story_of(store, ids[HERALD_EXCHANGE.link])
        assert _story_of(store, ids[WIRE_EXCHANGE.link]) == exchange
        strike = _story_of(store, ids[DISPATCH_STRIKE.link])
        assert strike != exchange
    assert sorted((s, r) for s, r, _t in scenario.versions_before) == sorted(
        [(exchange, 1), (strike, 1)]
    )
    assert all(c.new_story for c in first.changed)


def test_round_two_gets_304_everywhere_and_does_no_work(scenario: Scenario) -> None:
    second = scenario.rounds[1]
    assert [o.status for o in second.outcomes] == ["not-modified"] * 3
    assert second.summary is None and second.changed == ()
    assert scenario.ingest_calls[1] == scenario.ingest_calls[0] == 1  # nothing read
    assert scenario.analyze_calls[1] == scenario.analyze_calls[0] == 1  # nothing analysed
    asked = [r for r in scenario.site.requests[3:6]]
    assert sorted(r.status for r in asked) == [304, 304, 304]
    by_path = {r.path: r for r in asked}
    assert by_path["/herald.xml"].if_none_match  # the ETag of round one's answer
    assert by_path["/wire.xml"].if_modified_since == "Thu, 25 Sep 2025 18:00:00 GMT"


def test_requests_to_one_host_are_spaced_by_the_host_interval(scenario: Scenario) -> None:
    # three feeds on 127.0.0.1 per round: two waits of 5 s each round, none between rounds
    assert scenario.clock.slept == [5.0, 5.0] * 3


def test_round_three_ingests_only_the_new_entry_and_the_story_keeps_its_id(
    scenario: Scenario,
) -> None:
    third = scenario.rounds[2]
    status = {o.name.rsplit("/", 1)[1]: o.status for o in third.outcomes}
    assert status == {
        "herald.xml": "not-modified",
        "wire.xml": "not-modified",
        "dispatch.xml": "taken",
    }
    assert third.summary is not None
    assert (third.summary.read, third.summary.new, third.summary.already_stored) == (1, 1, 0)
    with Store(scenario.db) as store:
        ids = _by_url(store)
        exchange = _story_of(store, ids[HERALD_EXCHANGE.link])
        assert _story_of(store, ids[DISPATCH_FOLLOW_UP.link]) == exchange
        (row,) = store.get_stories([exchange])
        assert set(row.article_ids) == {
            ids[HERALD_EXCHANGE.link],
            ids[WIRE_EXCHANGE.link],
            ids[DISPATCH_FOLLOW_UP.link],
        }
        # only the grown story has a version of round 3; the unrelated one does not
        assert [(s, r) for s, r, _t in store.story_versions(after=2)] == [(exchange, 3)]
    assert [c.story_id for c in third.changed] == [exchange]


def test_changes_reports_exactly_the_new_article_and_what_it_brought(scenario: Scenario) -> None:
    with Store(scenario.db) as store:
        new_id = _by_url(store)[DISPATCH_FOLLOW_UP.link]
        new_text = store.get_articles([new_id])[0].text
        (story,) = changes_since(store, resolve_since(store, "last"))
        assert story.version == 3 and story.since == 1 and not story.new_story
        assert [c.id for c in story.of("article")] == [new_id]
        assert "Freed fishermen reach Lysa" in story.of("article")[0].text
        items = [c for c in story.items if c.kind not in ("article", "title")]
        assert story.of("claim") and story.of("timeline")
        for item in items:  # every item is one the new article brought
            assert new_id in item.sources or any(s.article_id == new_id for s in item.citations)
        for item in items:  # and every citation resolves inside its article's text
            for span in item.citations:
                (article,) = store.get_articles([span.article_id])
                assert 0 <= span.start < span.end <= len(article.text)
        new_claims = [c for c in story.of("claim") if c.change == "new"]
        assert new_claims and all(c.text in new_text for c in new_claims)
        lift = [c for c in story.of("timeline") if "lift the blockade" in c.text]
        assert lift and all(c.detail in ("2025-09-26", "2025-10-01") for c in lift)
        # the claims the first round already had, and did not change, are not repeated
        first = changes_since(store, 0, story.story_id)[0]
        unchanged = {c.text for c in first.of("claim")} - {c.text for c in story.of("claim")}
        assert any("Twenty Valdorian fishermen" in text for text in unchanged)
        # the version recorded by the round says the same as `changes` computes
        stored = store.story_version(story.story_id)
        assert stored is not None and json.loads(stored.changes) == story.as_dict()


def test_changes_since_a_round_a_date_and_a_story(scenario: Scenario) -> None:
    with Store(scenario.db) as store:
        assert resolve_since(store, "last") == 2
        assert resolve_since(store, "1") == 1
        assert resolve_since(store, "2026-09-01") == 0  # before the first round
        assert resolve_since(store, "2026-09-22") == 3  # after all three
        everything = changes_since(store, 0)
        assert len(everything) == 2 and all(c.new_story for c in everything)
        grown = [c for c in everything if len(c.of("article")) == 3]
        assert len(grown) == 1
        prefix = grown[0].story_id[:6]
        assert [c.story_id for c in changes_since(store, 0, prefix)] == [grown[0].story_id]
        assert changes_since(store, 3) == []
        with pytest.raises(NewsprismError, match="only 3 rounds"):
            resolve_since(store, "9")
        with pytest.raises(NewsprismError, match="not a round number"):
            resolve_since(store, "yesterday")
        # title words name a story as they do for every other --story
        dock = [c.story_id for c in everything if "dockworkers" in (c.title or "").lower()]
        assert len(dock) == 1
        assert [c.story_id for c in changes_since(store, 0, "Dockworkers STRIKE")] == dock
        with pytest.raises(NewsprismError, match="no story with versions in .* 'zzzz'"):
            changes_since(store, 0, "zzzz")


def test_web_app_marks_what_is_new_since_the_last_visit(scenario: Scenario) -> None:
    """The story list and the story page mark what the watch rounds after the visitor's last
    visit brought, from the same versions `newsprism changes` reads; a first visit marks
    nothing and remembers the newest round."""
    from fastapi.testclient import TestClient

    from newsprism.web.app import create_app

    with Store(scenario.db) as store:
        grown = changes_since(store, 2)
        everything = changes_since(store, 0)
    assert len(grown) == 1 and len(grown[0].of("article")) == 1
    exchange = grown[0].story_id
    other = next(c.story_id for c in everything if c.story_id != exchange)
    app = create_app(Settings(db=str(scenario.db), offline=True))

    with TestClient(app) as first:
        page = first.get("/")
        assert page.status_code == 200 and "new-badge" not in page.text
        seen = next(name for name in first.cookies if name.startswith("np_seen_"))
        assert first.cookies[seen] == "3"  # the newest finished round
        assert 'id="new"' not in first.get(f"/stories/{exchange}").text

    # a visitor whose last visit came after round 2 sees round 3's follow-up article
    with TestClient(app, cookies={seen: "2"}) as back:
        for _ in range(2):  # the marks stay while the visit lasts (the session cookie)
            page = back.get("/").text
            assert page.count('class="new-badge"') == 1
            assert f'href="/stories/{exchange}#new"' in page and "1 new article" in page
            assert f'href="/stories/{other}#new"' not in page
        story = back.get(f"/stories/{exchange}").text
        new = story[story.index('id="new"') : story.index("</section>", story.index('id="new"'))]
        assert "Freed fishermen reach Lysa" in new  # the new article, by its title
        assert f"/stories/{exchange}/articles/" in new and "Lysa Dispatch" in new  # cited
        assert 'id="new"' not in back.get(f"/stories/{other}").text

    with TestClient(app, cookies={seen: "3"}) as current:
        assert "new-badge" not in current.get("/").text
        # asking for a round by hand works without cookies
        assert "1 new article" in current.get("/?new_since=2").text


def test_changes_and_feeds_commands(scenario: Scenario) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["changes", "--db", str(scenario.db)])
    assert result.exit_code == 0, result.output
    assert "Lysa Dispatch: Freed fishermen reach Lysa" in result.output
    assert "version 3 (since version 1)" in result.output
    as_json = runner.invoke(main, ["changes", "--db", str(scenario.db), "--json", "--since", "0"])
    lines = [json.loads(line) for line in as_json.output.splitlines()]
    assert len(lines) == 2 and {len(x["articles"]) for x in lines} == {1, 3}
    feeds = runner.invoke(main, ["feeds", "--db", str(scenario.db)])
    assert feeds.exit_code == 0
    for source in scenario.sources:
        assert source in feeds.output
    rows = [
        json.loads(x)
        for x in runner.invoke(
            main, ["feeds", "--db", str(scenario.db), "--json"]
        ).output.splitlines()
    ]
    assert {r["status"] for r in rows} == {"not-modified", "ok"}
    assert all(r["error"] is None and r["entries"] >= 1 for r in rows)


# --- feeds that fail and recover --------------------------------------------------------------


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        ("500", "HTTP 500"),
        ("slow", "no complete answer within 0.3 s"),
        ("malformed", "not a readable RSS/Atom feed"),
    ],
)
def test_a_failing_feed_backs_off_keeps_its_reason_and_recovers(
    tmp_path: Path, failure: str, reason: str
) -> None:
    site = FeedSite(slow_seconds=1.5)
    site.feeds["/good.xml"] = rss("Lysa Dispatch", [DISPATCH_STRIKE])
    site.feeds["/bad.xml"] = rss("Continental Wire", [WIRE_EXCHANGE])
    site.failing["/bad.xml"] = failure
    clock = FakeClock()
    settings = local_settings(tmp_path / "news.db", fetch_timeout=0.3, fetch_host_interval=0.0)
    with serve(site), Store(settings.db) as store:
        good, bad = site.url("/good.xml"), site.url("/bad.xml")

        def state() -> Any:
            return {w.name: w for w in store.watch_sources()}[bad]

        first = run_round([good, bad], settings, store, clock=clock)
        outcome = {o.name: o for o in first.outcomes}
        assert outcome[good].status == "taken"  # the round went on
        assert outcome[bad].status == "error" and reason in str(outcome[bad].error)
        assert state().failures == 1 and reason in str(state().error)
        assert state().retry_at == START + 60
        assert store.count_articles() == 1

        clock.t = START + 10  # backing off: not asked at all
        asked = len(site.requests)  # (a slow answer of round one was logged when asked)
        second = run_round([good, bad], settings, store, clock=clock)
        assert {o.name: o.status for o in second.outcomes}[bad] == "waiting"
        assert [r.path for r in site.requests[asked:]] == ["/good.xml"]  # not /bad.xml

        clock.t = START + 70  # tried again, fails again: the wait doubles
        third = run_round([good, bad], settings, store, clock=clock)
        assert {o.name: o.status for o in third.outcomes}[bad] == "error"
        assert state().failures == 2 and state().retry_at == START + 70 + 120

        del site.failing["/bad.xml"]  # the feed recovers
        clock.t = START + 200
        fourth = run_round([good, bad], settings, store, clock=clock)
        assert {o.name: o.status for o in fourth.outcomes}[bad] == "taken"
        assert state().status == "ok" and state().error is None and state().failures == 0
        assert store.count_articles() == 2
        assert WIRE_EXCHANGE.link in {a.url for a in store.articles()}


def test_a_feed_failing_between_rounds_prints_one_line_and_the_round_goes_on(
    tmp_path: Path,
) -> None:
    site = FeedSite()
    site.feeds["/good.xml"] = rss("Lysa Dispatch", [DISPATCH_STRIKE])
    site.feeds["/bad.xml"] = rss("Continental Wire", [WIRE_EXCHANGE])
    with serve(site):
        args = ["watch", site.url("/good.xml"), site.url("/bad.xml"), "--once", "--allow-private"]
        args += ["--db", str(tmp_path / "news.db"), "--today", "2025-10-01"]
        runner = CliRunner()
        assert runner.invoke(main, args).exit_code == 0
        site.failing["/bad.xml"] = "500"
        site.feeds["/good.xml"] = rss("Lysa Dispatch", [DISPATCH_FOLLOW_UP, DISPATCH_STRIKE])
        result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    failed = [line for line in result.output.splitlines() if line.startswith("  failed ")]
    assert len(failed) == 1 and "/bad.xml: the server answered HTTP 500" in failed[0]
    assert "1 new articles" in result.output


# --- folders, the loop, arguments --------------------------------------------------------------


def _article(title: str, body: str) -> str:
    return f"---\nsource: Harbour Herald\npublished: 2025-09-25\ntitle: {title}\n---\n{body}\n"


def test_a_folder_gives_its_new_and_changed_files_only(tmp_path: Path) -> None:
    folder = tmp_path / "clippings"
    folder.mkdir()
    (folder / "strike.txt").write_text(_article(DISPATCH_STRIKE.title, DISPATCH_STRIKE.text))
    settings = local_settings(tmp_path / "news.db", offline=True)
    clock = FakeClock()
    with Store(settings.db) as store:
        first = run_round([str(folder)], settings, store, clock=clock)
        assert first.summary is not None and first.summary.new == 1
        second = run_round([str(folder)], settings, store, clock=clock)
        assert second.summary is None and second.outcomes[0].status == "unchanged"
        (folder / "exchange.txt").write_text(_article(HERALD_EXCHANGE.title, HERALD_EXCHANGE.text))
        third = run_round([str(folder)], settings, store, clock=clock)
        assert third.summary is not None and (third.summary.read, third.summary.new) == (1, 1)
        assert third.outcomes[0].entries == 1
        assert store.count_articles() == 2
        assert [w.entries for w in store.watch_sources()] == [2]


def test_the_loop_waits_between_rounds_and_stops_when_asked(tmp_path: Path) -> None:
    folder = tmp_path / "empty-for-now"
    folder.mkdir()
    settings = local_settings(tmp_path / "news.db", offline=True)
    clock = FakeClock()
    seen: list[RoundResult] = []
    with Store(settings.db) as store:
        ran = watch(
            [str(folder)],
            settings,
            store,
            every=900,
            clock=clock,
            stop=lambda: len(seen) >= 3,
            on_round=seen.append,
        )
    assert ran == 3 and [r.round for r in seen] == [1, 2, 3]
    assert [r.started - START for r in seen] == [0, 900, 1800]


def test_interval_and_source_arguments() -> None:
    assert [parse_interval(t) for t in ("90s", "15m", "2h", "1h30m", "45")] == [
        90,
        900,
        7200,
        5400,
        45,
    ]
    for bad in ("soon", "15x", "0m", "m15"):
        with pytest.raises(NewsprismError, match="--every"):
            parse_interval(bad)
    result = CliRunner().invoke(main, ["watch", "no/such/folder", "--once"])
    assert result.exit_code != 0


FRENCH = Entry(
    guid="gazette-echange",
    title="Échange de détenus au pont de Mirova",
    published="Thu, 25 Sep 2025 18:00:00 GMT",
    link="https://gazette.example/echange",
    text=(
        "La Valdorie et Ostrava-Marenne ont échangé jeudi 46 détenus au pont de Mirova, sous "
        "l'égide du Comité international de la Croix-Rouge. Les marins ostraviens ont traversé "
        "le pont les premiers, suivis des pêcheurs valdoriens. Les délégations se retrouveront "
        "à Genève le 14 octobre pour la prochaine série de pourparlers."
    ),
)


@pytest.mark.slow
def test_ctrl_c_during_a_round_finishes_it_then_stops(tmp_path: Path) -> None:
    site = FeedSite(slow_seconds=2.0)
    site.feeds["/slow.xml"] = rss("Gazette", [FRENCH])  # French: stored, not analysed
    site.failing["/slow.xml"] = "slow"
    db = tmp_path / "news.db"
    with serve(site):
        process = subprocess.Popen(
            [sys.executable, "-m", "newsprism", "watch", site.url("/slow.xml"), "--every", "1h"]
            + ["--allow-private", "--db", str(db), "--today", "2025-10-01"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # a test run in the background ignores SIGINT and a child inherits that
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        try:
            for _ in range(600):  # until the round is waiting for the slow answer
                if site.requests or process.poll() is not None:
                    break
                threading.Event().wait(0.05)
            assert site.requests, "the watch never asked for the feed"
            process.send_signal(signal.SIGINT)
            _out, err = process.communicate(timeout=120)
        finally:
            process.kill()
    assert process.returncode == 0, err
    assert "stopping after this round" in err and "round 1" in err
    with Store(db) as store:
        ((number, _started, finished, summary),) = store.watch_rounds()
        assert finished is not None and summary["new_articles"] == 1
        assert store.count_articles() == 1
        assert store.integrity_problems() == []


def _french(n: int) -> Entry:
    return dataclasses.replace(
        FRENCH,
        guid=f"gazette-{n}",
        link=f"https://gazette.example/{n}",
        text=f"{FRENCH.text} ({n})",
    )


def _opml(urls: list[str]) -> bytes:
    outlines = "".join(f'<outline type="rss" text="f" xmlUrl="{u}"/>' for u in urls)
    return f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>'.encode()


def test_an_opml_list_file_or_url_gives_its_feeds_and_is_asked_conditionally(
    tmp_path: Path,
) -> None:
    site = FeedSite()
    site.feeds["/one.xml"] = rss("Gazette", [_french(1)])
    site.feeds["/two.xml"] = rss("Gazette", [_french(2)])
    settings = local_settings(tmp_path / "news.db", fetch_host_interval=0.0)
    clock = FakeClock()
    with serve(site), Store(settings.db) as store:
        feeds = [site.url("/one.xml"), site.url("/two.xml")]
        site.feeds["/list.opml"] = _opml(feeds)
        listed = tmp_path / "feeds.opml"
        listed.write_bytes(_opml(feeds[:1]))
        first = run_round([site.url("/list.opml"), str(listed)], settings, store, clock=clock)
        status = {o.name: (o.status, o.entries) for o in first.outcomes}
        assert status[site.url("/list.opml")] == ("listed", 2)
        assert status[str(listed)] == ("listed", 1)
        assert status[feeds[0]] == status[feeds[1]] == ("taken", 1)
        assert first.requests == 3  # the list and each feed once, though listed twice
        second = run_round([site.url("/list.opml"), str(listed)], settings, store, clock=clock)
        assert {o.name: o.status for o in second.outcomes} == {
            site.url("/list.opml"): "listed",
            str(listed): "listed",
            feeds[0]: "not-modified",
            feeds[1]: "not-modified",
        }
        assert [r.status for r in site.requests[3:]] == [304, 304, 304]
        kinds = {w.name: (w.kind, w.origin) for w in store.watch_sources()}
        assert kinds[site.url("/list.opml")] == ("opml", None)
        assert kinds[feeds[1]] == ("feed", site.url("/list.opml"))


def test_records_appended_to_a_json_lines_file_are_read_alone(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    wire = folder / "wire.jsonl"
    record = {"source": "Gazette", "published": "2025-09-25", "title": FRENCH.title}
    wire.write_text(json.dumps({**record, "text": _french(1).text}) + "\n")
    settings = local_settings(tmp_path / "news.db", offline=True)
    with Store(settings.db) as store:
        first = run_round([str(folder)], settings, store, clock=FakeClock())
        assert first.summary is not None and first.summary.read == 1
        with wire.open("a") as handle:
            handle.write(json.dumps({**record, "text": _french(2).text}) + "\n")
        second = run_round([str(folder)], settings, store, clock=FakeClock())
        assert second.summary is not None
        assert (second.summary.read, second.summary.new, second.summary.already_stored) == (1, 1, 0)
        assert store.count_articles() == 2


def test_a_story_analyze_stored_before_the_watch_shows_only_what_the_watch_brought(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "clippings"
    folder.mkdir()
    herald = folder / "herald.txt"
    herald.write_text(_article(HERALD_EXCHANGE.title, HERALD_EXCHANGE.text))
    settings = local_settings(tmp_path / "news.db", offline=True)
    with Store(settings.db) as store:
        (story,) = analyze([str(herald)], settings, store).stories
        wire = _article(WIRE_EXCHANGE.title, WIRE_EXCHANGE.text).replace(
            "Harbour Herald", "Continental Wire"
        )
        (folder / "wire.txt").write_text(wire)
        first = run_round([str(folder)], settings, store, clock=FakeClock())
        assert first.summary is not None
        assert (first.summary.new, first.summary.already_stored) == (1, 1)
        (changed,) = changes_since(store, resolve_since(store, "last"))
        assert changed.story_id == story.id and not changed.new_story and changed.since == 0
        assert [c.text for c in changed.of("article")] == [
            f"Continental Wire: {WIRE_EXCHANGE.title} (2025-09-25)"
        ]
        old = {c.text for c in story.claims}
        assert all(c.text not in old for c in changed.of("claim") if c.change == "new")
        assert [r for _s, r, _t in store.story_versions()] == [1]  # version 0 is a baseline
