"""`newsprism watch`: poll sources in rounds, take in only what is new, grow the stories it touches.

Input: sources (feed URLs, OPML files or URLs, folders, single files), the settings and the
store. Output: one `RoundResult` per round; the store keeps each source's state, the entries
taken in, the rounds, and a new version of every story a round changed (`changes.py` reads
them). Each round:
 1. list the sources: an OPML list gives its feeds (a fetched list is itself asked for
    conditionally, and its last known feeds stand in while it fails or has not changed);
 2. leave out a source that is backing off after an error (its error stays on record);
 3. ask each feed conditionally (If-None-Match / If-Modified-Since): a 304, or the same bytes
    as last time, costs no more work; requests to one host are `fetch_host_interval` apart;
 4. read only the entries not taken in before (by guid, else link, and a digest of what they
    say, so an edited entry is read again); a folder gives its new or changed files;
 5. ingest them and analyse the stories they touch with `pipeline.analyze_ingested`, the very
    steps `analyze` runs after its own ingest;
 6. record, in one transaction, each touched story's new version with what changed since its
    previous one, the sources' new state, and the entries taken in.
A story that an earlier `analyze` stored gets, with its first version, a version 0: the report
`analyze` left, so that its first version lists only what the watch brought.
A source that fails (HTTP error, timeout, unreadable feed) is reported in one line, is left
alone for `watch_backoff` seconds, doubling with each failure in a row up to
`watch_backoff_max`, and the round goes on. Nothing of a failed feed is marked as taken in, so
its entries are read when it recovers. A crash between steps 5 and 6 loses nothing: the next
round reads the same entries again, finds their articles stored, and records the versions.
Known limits: pages linked from summary-only entries are fetched without the host pacing; a
new story's first version lists all of it as new; the clock is
injectable (tests and benchmarks use their own), the default is the system's.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from newsprism.changes import StoryChanges, article_label, diff_reports
from newsprism.errors import BadInputError, NewsprismError
from newsprism.ingest import Document, ingest_documents
from newsprism.ingest.fetch import Fetched, fetch_url
from newsprism.ingest.readers import iter_files, read_document
from newsprism.model import IngestSummary, Skipped
from newsprism.pipeline import Analysis, analyze_ingested
from newsprism.runlock import run_lock
from newsprism.settings import Settings
from newsprism.store import Store, StoryVersion, WatchSource


class Clock(Protocol):
    """Seconds since the epoch, and a way to wait; tests pass one they move by hand."""

    def now(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(max(0.0, seconds))


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceOutcome:
    """How one source fared in a round. `status`: taken (new entries or files read),
    not-modified (HTTP 304), unchanged (the same bytes), listed (an OPML list read),
    waiting (backing off after an error), error."""

    name: str
    status: str
    entries: int = 0
    error: str | None = None
    retry_at: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RoundResult:
    """What one watch round did: its number and times, the HTTP requests it sent, each
    source's outcome, what it read (None when nothing new), and the stories it gave a new
    version with what changed in each."""

    round: int
    started: float
    finished: float
    requests: int  # HTTP requests for feeds and lists (not pages linked from entries)
    outcomes: tuple[SourceOutcome, ...]
    summary: IngestSummary | None  # None when nothing new was read
    changed: tuple[StoryChanges, ...]  # the stories this round gave a new version

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


def parse_interval(text: str) -> float:
    """Seconds of '90s', '15m', '2h', '1h30m' or a plain number of seconds."""
    raw = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", raw):
        seconds = float(raw)
    else:
        parts = re.findall(r"(\d+(?:\.\d+)?)\s*([hms])", raw)
        if not parts or "".join(f"{n}{u}" for n, u in parts) != re.sub(r"\s+", "", raw):
            raise NewsprismError(f"--every {text!r}: give a duration such as 90s, 15m, 2h or 1h30m")
        seconds = sum(float(n) * {"h": 3600, "m": 60, "s": 1}[u] for n, u in parts)
    if seconds <= 0:
        raise NewsprismError(f"--every {text!r}: the interval must be longer than 0")
    return seconds


def check_sources(sources: Sequence[str]) -> None:
    """Refuse, before any round, a source that is neither an http(s) URL nor an existing file
    or folder: one message naming each and the fix."""
    bad = [s for s in sources if not _is_url(s) and not Path(s).exists()]
    if bad:
        raise BadInputError(
            ", ".join(bad),
            "no such file or folder, and not an http(s) URL",
            "give feed URLs, OPML files or URLs, or folders",
        )


def watch(
    sources: Sequence[str],
    settings: Settings,
    store: Store,
    *,
    every: float,
    once: bool = False,
    clock: Clock | None = None,
    stop: Callable[[], bool] = lambda: False,
    on_round: Callable[[RoundResult], None] = lambda result: None,
) -> int:
    """Run rounds `every` seconds apart (one when `once`) until `stop()` says so; a round
    that has begun always finishes. Gives the number of rounds run."""
    clock = clock or SystemClock()
    rounds = 0
    while True:
        started = clock.now()
        on_round(run_round(sources, settings, store, clock=clock))
        rounds += 1
        if once or stop():
            return rounds
        while not stop() and (left := started + every - clock.now()) > 0:
            clock.sleep(min(1.0, left))  # short naps, so a stop request is seen soon
        if stop():
            return rounds


def run_round(
    sources: Sequence[str], settings: Settings, store: Store, *, clock: Clock | None = None
) -> RoundResult:
    """One round over the sources (the numbered steps of the module docstring), holding the
    store's run lock (`runlock`): no other writing run interleaves with it."""
    with run_lock(store.path):
        return _run_round(sources, settings, store, clock or SystemClock())


def _run_round(
    sources: Sequence[str], settings: Settings, store: Store, clock: Clock
) -> RoundResult:
    started = clock.now()
    round_id = store.start_watch_round(started)
    poll = _Poll(settings, store, clock, round_id)
    # Steps 1-4: list, fetch and choose what is new.
    for url, origin in poll.expand(sources):
        poll.visit_feed(url, origin)
    # Step 5: ingest what is new, then the analysis `analyze` runs.
    summary: IngestSummary | None = None
    analysis: Analysis | None = None
    if poll.documents:
        ingested = ingest_documents([d for d, _ in poll.documents], settings, store)
        summary = ingested.summary
        poll.settle(summary.skipped)
        if ingested.articles:
            analysis = analyze_ingested(ingested, settings, store, poll.remember_report)
            summary = analysis.summary
    # Step 6: versions of the stories that changed, and the sources' state, together.
    versions, changed = _versions(analysis, store, round_id, poll.earlier_reports)
    finished = clock.now()
    outcomes = tuple(poll.outcomes)
    record = {
        "requests": poll.requests,
        "sources": len(outcomes),
        **{s: sum(1 for o in outcomes if o.status == s) for s in _STATUSES},
        "new_articles": summary.new if summary else 0,
        "stories_changed": len(changed),
    }
    store.finish_watch_round(
        round_id, finished, record, list(poll.state.values()), poll.taken, versions
    )
    return RoundResult(
        round=round_id,
        started=started,
        finished=finished,
        requests=poll.requests,
        outcomes=outcomes,
        summary=summary,
        changed=tuple(changed),
    )


_STATUSES = ("taken", "not-modified", "unchanged", "listed", "waiting", "error")


@dataclass(slots=True)
class _Pending:
    """A document read this round, with what to record once ingest has read it."""

    source: WatchSource  # the source's state if the document reads well
    before: WatchSource | None = None  # its state before this round's answer, should it not
    entries: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    fetched: bool = True  # a fetched feed (backs off on failure) or a local file


class _Poll:
    """One round's fetching and choosing: the sources' state as it will be stored, the
    documents to ingest, the entries they take in, and each source's outcome."""

    def __init__(self, settings: Settings, store: Store, clock: Clock, round_id: int) -> None:
        self.settings = settings
        self.store = store
        self.clock = clock
        self.round_id = round_id
        self.state: dict[str, WatchSource] = {}  # only sources visited this round
        self.known = {w.name: w for w in store.watch_sources()}
        self.documents: list[tuple[Document, _Pending]] = []
        self.taken: list[tuple[str, str, str, str | None]] = []
        self.outcomes: list[SourceOutcome] = []
        self.requests = 0
        self.last_request: dict[str, float] = {}  # host -> clock time of its last request
        self.earlier_reports: dict[str, str] = {}  # story id -> report `analyze` left

    # --- step 1: sources ------------------------------------------------------------------

    def expand(self, sources: Sequence[str]) -> list[tuple[str, str | None]]:
        """(feed URL, the list that named it) of every feed still to fetch, interleaved by
        host so that pacing one host does not hold up the others. Folders, files and lists
        are visited here: OPML files are read, and a URL not known to be a feed is fetched
        (a list gives its feeds; a feed is taken as it is, with no second request)."""
        found: dict[str, tuple[str, str | None]] = {}
        for source in sources:
            path = Path(source)
            if _is_url(source):
                known = self.known.get(source)
                if known is not None and known.kind == "feed":
                    found.setdefault(source, (source, None))
                    continue
                for url in self.visit_url(source):
                    found.setdefault(url, (url, source))
            elif path.is_dir():
                self.visit_files(source, "folder", path, list(iter_files(path)))
            elif path.is_file():
                urls = self.visit_list_file(source)
                if urls is None:
                    self.visit_files(source, "file", path.parent, [path])
                for url in urls or ():
                    found.setdefault(url, (url, source))
            else:
                self._outcome(source, "error", error="no such file or folder any more")
        return _interleave_hosts([item for item in found.values() if item[0] not in self.state])

    def visit_list_file(self, name: str) -> list[str] | None:
        """The feeds of a local OPML file (None: the file is not an OPML list)."""
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            self._outcome(name, "error", error=f"cannot be read ({exc.strerror})")
            return []
        if not _looks_like_opml(data, name):
            return None
        try:
            urls = read_document(data, name, suffix=".opml")[2]
        except BadInputError as exc:
            self._outcome(name, "error", error=_reason(exc))
            return []
        known = self.known.get(name) or WatchSource(name=name, kind="opml")
        self.state[name] = self._ok(dataclasses.replace(known, children=tuple(urls)), "ok")
        self._outcome(name, "listed", entries=len(urls))
        return urls

    def visit_url(self, url: str) -> list[str]:
        """The feeds of an OPML list at `url`, asked for conditionally (its last known feeds
        while it fails or has not changed); a URL that turns out to be a feed is taken as a
        feed here and gives none."""
        source = self.known.get(url) or WatchSource(name=url, kind="feed")
        if self._waiting(source):
            return list(source.children)
        fetched = self._fetch(source)
        if fetched is None:
            return list(source.children)
        if fetched.status == 304 or _hash(fetched.body) == source.body_hash:
            status = "not-modified" if fetched.status == 304 else "unchanged"
            self.state[url] = self._ok(source, status)
            self._outcome(url, "listed", entries=len(source.children))
            return list(source.children)
        if not _looks_like_opml(fetched.body, url):
            self._take_feed(source, fetched)
            return []
        try:
            urls = read_document(fetched.body, url, suffix=".opml")[2]
        except BadInputError as exc:
            self._fail(source, _reason(exc))
            return list(source.children)
        listed = dataclasses.replace(
            _with_validators(source, fetched), kind="opml", children=tuple(urls)
        )
        self.state[url] = self._ok(listed, "ok")
        self._outcome(url, "listed", entries=len(urls))
        return urls

    # --- steps 2-4: feeds and files -------------------------------------------------------

    def visit_feed(self, url: str, origin: str | None) -> None:
        source = self.known.get(url) or WatchSource(name=url, kind="feed")
        source = dataclasses.replace(source, kind="feed", origin=origin)
        if self._waiting(source):
            return
        fetched = self._fetch(source)
        if fetched is not None:
            self._take_feed(source, fetched)

    def _take_feed(self, source: WatchSource, fetched: Fetched) -> None:
        """A feed's answer: nothing to do for a 304 or the same bytes; otherwise a document
        whose entries are read only when they were not taken in before."""
        url = source.name
        if fetched.status == 304:
            self.state[url] = self._ok(source, "not-modified")
            self._outcome(url, "not-modified")
            return
        previous = self.known.get(url)
        answered = dataclasses.replace(_with_validators(source, fetched), kind="feed")
        if previous is not None and previous.body_hash == answered.body_hash:
            self.state[url] = self._ok(answered, "unchanged")
            self._outcome(url, "unchanged")
            return
        # the validators of an answer that turns out unreadable are not kept: a 304 to them
        # would hide the feed's recovery
        pending = _Pending(source=answered, before=source)
        document = Document(
            name=url,
            data=fetched.body,
            url=fetched.url,
            content_type=fetched.content_type,
            charset=fetched.charset,
            keep_entry=self._keeper(url, pending),
        )
        self.documents.append((document, pending))

    def visit_files(self, name: str, kind: str, root: Path, files: Sequence[Path]) -> None:
        """New or changed files of a folder (or one file): a file whose size and mtime are
        as before is not read; one whose bytes are as before is not ingested."""
        known = self.known.get(name) or WatchSource(name=name, kind=kind)
        seen = self.store.watch_entries(name)
        taken = 0
        for path in files:
            key = str(path.relative_to(root))
            try:
                stat = path.stat()
                stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
                if key in seen and seen[key][1] == stamp:
                    continue
                if stat.st_size > self.settings.max_bytes:
                    self._outcome(
                        str(path),
                        "error",
                        error=f"{stat.st_size:,} bytes, over the limit of "
                        f"{self.settings.max_bytes:,} (raise max_bytes)",
                    )
                    continue
                data = path.read_bytes()
            except OSError as exc:
                self._outcome(str(path), "error", error=f"cannot be read ({exc.strerror})")
                continue
            digest = _hash(data)
            if key in seen and seen[key][0] == digest:
                self.taken.append((name, key, digest, stamp))  # touched, not changed
                continue
            pending = _Pending(source=known, fetched=False)
            pending.entries.append((name, key, digest, stamp))
            document = Document(
                name=str(path),
                data=data,
                path=path,
                root=root,
                keep_entry=self._keeper(str(path), pending),
            )
            self.documents.append((document, pending))
            taken += 1 if key not in seen else 0
        self.state[name] = dataclasses.replace(
            self._ok(known, "ok"), kind=kind, entries=len(seen) + taken
        )
        self._outcome(name, "taken" if taken else "unchanged", entries=taken)

    def settle(self, skipped: Sequence[Skipped]) -> None:
        """After ingest: a document ingest could not read at all is a failure of its source;
        the others' entries count as taken in."""
        failed = {s.input: s.reason for s in skipped}
        for document, pending in self.documents:
            reason = failed.get(document.name)
            fresh = [e for e in pending.entries if e[0] == document.name]
            if pending.fetched:
                if reason is not None:
                    self._fail(pending.before or pending.source, reason)
                    continue
                self.taken += pending.entries
                source = dataclasses.replace(
                    pending.source, entries=pending.source.entries + len(fresh)
                )
                self.state[document.name] = self._ok(source, "ok")
                self._outcome(document.name, "taken", entries=len(fresh))
            else:  # a local file: recorded even when unreadable, so it waits for a change
                self.taken += pending.entries
                if reason is not None:
                    self._outcome(document.name, "error", error=reason)

    def remember_report(self, story_id: str) -> None:
        """Keep the report an earlier `analyze` stored for a story the watch has no version
        of yet: the baseline of its first version, so that only what this round brought
        shows as new."""
        if self.store.story_version(story_id) is None:
            report = self.store.get_story_report(story_id)
            if report is not None:
                self.earlier_reports[story_id] = report

    # --- shared -----------------------------------------------------------------------------

    def _keeper(self, name: str, pending: _Pending) -> Callable[[str, str], bool]:
        seen = self.store.watch_entries(name)
        chosen: set[str] = set()

        def keep(key: str, digest: str) -> bool:
            if (key in seen and seen[key][0] == digest) or key in chosen:
                return False
            chosen.add(key)
            pending.entries.append((name, key, digest, None))
            return True

        return keep

    def _waiting(self, source: WatchSource) -> bool:
        if source.retry_at is None or source.retry_at <= self.clock.now():
            return False
        self.state[source.name] = source
        self._outcome(source.name, "waiting", error=source.error, retry_at=source.retry_at)
        return True

    def _fetch(self, source: WatchSource) -> Fetched | None:
        """The source's answer to a conditional request (status 304 or 200), or None when
        it failed (recorded, with its back-off). Waits first when its host was asked for
        less than `fetch_host_interval` ago."""
        host = urlsplit(source.name).hostname or ""
        last = self.last_request.get(host)
        if last is not None:
            wait = last + self.settings.fetch_host_interval - self.clock.now()
            if wait > 0:
                self.clock.sleep(wait)
        self.last_request[host] = self.clock.now()
        self.requests += 1
        try:
            return fetch_url(
                source.name, self.settings, etag=source.etag, last_modified=source.last_modified
            )
        except BadInputError as exc:
            self._fail(source, _reason(exc))
            return None

    def _ok(self, source: WatchSource, status: str) -> WatchSource:
        now = self.clock.now()
        return dataclasses.replace(
            source,
            status=status,
            error=None,
            failures=0,
            retry_at=None,
            last_attempt=now,
            last_success=now,
        )

    def _fail(self, source: WatchSource, reason: str) -> None:
        now = self.clock.now()
        failures = source.failures + 1
        delay = min(
            self.settings.watch_backoff * 2 ** (failures - 1), self.settings.watch_backoff_max
        )
        self.state[source.name] = dataclasses.replace(
            source,
            status="error",
            error=reason,
            failures=failures,
            last_attempt=now,
            retry_at=now + delay,
        )
        self._outcome(source.name, "error", error=reason, retry_at=now + delay)

    def _outcome(self, name: str, status: str, **details: object) -> None:
        self.outcomes.append(SourceOutcome(name=name, status=status, **details))  # type: ignore[arg-type]


def _versions(
    analysis: Analysis | None, store: Store, round_id: int, earlier: dict[str, str]
) -> tuple[list[StoryVersion], list[StoryChanges]]:
    """A new version of each analysed story whose report differs from its latest version in
    what `changes` reports (articles, claims, contradictions, timeline, positions, title).
    A story with no version yet is compared with the report an earlier `analyze` left
    (`earlier`), which is then kept as its version 0."""
    if analysis is None:
        return [], []
    labels = {a.id: article_label(a) for a in analysis.articles}
    versions, changed = [], []
    for story in analysis.stories:
        report = store.get_story_report(story.id)
        if report is None:
            continue
        latest = store.story_version(story.id)
        if latest is None and story.id in earlier:
            latest = StoryVersion(
                story_id=story.id, round=0, title=None, report=earlier[story.id], changes="{}"
            )
        old = json.loads(latest.report) if latest is not None else None
        items = diff_reports(old, json.loads(report), labels)
        if not items:
            continue
        if latest is not None and latest.round == 0:
            versions.append(latest)
        changes = StoryChanges(
            story_id=story.id,
            title=story.title,
            since=latest.round if latest is not None else 0,
            new_story=latest is None,
            version=round_id,
            items=items,
        )
        versions.append(
            StoryVersion(
                story_id=story.id,
                round=round_id,
                title=story.title,
                report=report,
                changes=json.dumps(changes.as_dict(), ensure_ascii=False),
            )
        )
        changed.append(changes)
    return versions, changed


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _with_validators(source: WatchSource, fetched: Fetched) -> WatchSource:
    """The source with what to ask its next request with and to compare its next body with."""
    return dataclasses.replace(
        source,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        body_hash=_hash(fetched.body),
    )


def _is_url(text: str) -> bool:
    return re.match(r"^https?://", text.strip(), re.IGNORECASE) is not None


def _looks_like_opml(data: bytes, name: str) -> bool:
    return name.lower().endswith(".opml") or b"<opml" in data[:2048].lower()


def _interleave_hosts(items: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Round-robin over hosts, keeping each host's order."""
    queues: dict[str, list[tuple[str, str | None]]] = {}
    for item in items:
        queues.setdefault(urlsplit(item[0]).hostname or "", []).append(item)
    out = []
    while queues:
        for host in list(queues):
            out.append(queues[host].pop(0))
            if not queues[host]:
                del queues[host]
    return out


def _reason(exc: BadInputError) -> str:
    return f"{exc.problem} ({exc.fix})" if exc.fix else exc.problem
