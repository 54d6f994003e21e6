"""Fetching cannot be held open or made endless: a server sending one byte a second, feed
lists that list themselves or lists without end, many feeds on one host (local servers only)."""

from __future__ import annotations

import dataclasses
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsprism.errors import BadInputError
from newsprism.ingest import ingest
from newsprism.ingest.crawl import Crawl, url_key
from newsprism.ingest.fetch import Fetched, fetch_url
from newsprism.settings import Settings
from newsprism.store import Store


class _Trickle:
    """A server that answers every connection one byte a second, for as long as the client
    listens, and counts the bytes it managed to send."""

    def __init__(self, head: bytes, body: bytes) -> None:
        self.head, self.body = head, body
        self.sent = 0
        self.done = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        conn, _ = self._listener.accept()
        with conn:
            conn.recv(65536)  # the request
            try:
                if self.head:
                    conn.sendall(self.head)
                for byte in self.body:
                    conn.sendall(bytes([byte]))
                    self.sent += 1
                    time.sleep(1.0)  # the server's pace, not the test's measure
            except OSError:
                pass  # the client hung up: what we want to see
            finally:
                self.done.set()
                self._listener.close()


SLOW = Settings(allow_private=True, fetch_timeout=2.0, max_bytes=10_000)


def test_a_body_sent_one_byte_a_second_cannot_hold_the_fetch_past_its_deadline() -> None:
    # 60 bytes at a byte a second: the old reader waited for 64 KB pieces and took 65 s.
    server = _Trickle(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", b"x" * 60)
    with pytest.raises(BadInputError, match="no complete answer within 2 s"):
        fetch_url(f"http://127.0.0.1:{server.port}/slow", SLOW)
    assert server.done.wait(20)
    # The deadline is 2 s, so the client stopped listening after about 2 bytes (a write or
    # two after the hang-up may still succeed); nowhere near the 60 the body holds.
    assert server.sent <= 6


def test_headers_sent_one_byte_a_second_cannot_hold_the_fetch_either() -> None:
    head = b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"y" * 60 + b"\r\n\r\n"
    server = _Trickle(b"", head)
    with pytest.raises(BadInputError, match="no complete answer within 2 s"):
        fetch_url(f"http://127.0.0.1:{server.port}/slow-head", SLOW)
    assert server.done.wait(20)
    assert server.sent <= 6


# --- feed lists -----------------------------------------------------------------------------

ARTICLE = (
    b"<html><head><title>Swap</title></head><body><article><p>Swap. "
    + b"Valdoria and Ostrava-Marenne agreed to exchange 46 detainees, officials said. " * 12
    + b"</p></article></body></html>"
)


def _opml(*urls: str) -> bytes:
    outlines = "".join(f'<outline type="rss" xmlUrl="{u}"/>' for u in urls)
    return f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>'.encode()


def _feed(base: str, n: int) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>{base}/page/{n}-{i}</link>"
        f"<description>Short summary {n} {i}.</description></item>"
        for i in range(3)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire {n}</title>{items}</channel></rss>'.encode()


class _Lists(BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        type(self).hits.append(self.path)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/self.opml":  # lists itself, and one feed
            body, ctype = _opml(f"{base}/self.opml", f"{base}/feed/0"), "text/x-opml"
        elif self.path.startswith("/deeper/"):  # each list names a new, deeper list
            n = int(self.path.rsplit("/", 1)[1].split(".")[0])
            body, ctype = _opml(f"{base}/deeper/{n + 1}.opml", f"{base}/feed/{n}"), "text/x-opml"
        elif self.path == "/wide.opml":  # fifty feeds on one host
            body, ctype = _opml(*(f"{base}/feed/{n}" for n in range(50))), "text/x-opml"
        elif self.path.startswith("/feed/"):
            body, ctype = _feed(base, int(self.path.rsplit("/", 1)[1])), "application/rss+xml"
        elif self.path.startswith("/page/"):
            body, ctype = ARTICLE.replace(b"Swap", self.path.encode()), "text/html"
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def lists() -> Iterator[tuple[str, list[str]]]:
    _Lists.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Lists)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Lists.hits
    httpd.shutdown()


LOCAL = Settings(
    allow_private=True, fetch_timeout=10.0, fetch_host_interval=0.0, today="2025-10-01"
)


def _run(tmp_path: Path, inputs: list[str], settings: Settings = LOCAL):
    with Store(tmp_path / "s.db") as store:
        return ingest(inputs, settings, store)


def test_a_feed_list_that_lists_itself_is_fetched_once(
    tmp_path: Path, lists: tuple[str, list[str]]
) -> None:
    base, hits = lists
    result = _run(tmp_path, [f"{base}/self.opml"])
    assert hits.count("/self.opml") == 1
    assert hits.count("/feed/0") == 1
    assert len(result.articles) == 3  # the feed's three linked pages
    [again] = [s for s in result.summary.skipped if s.input == f"{base}/self.opml"]
    assert "already fetched" in again.reason


def test_lists_of_ever_deeper_lists_end_at_max_feed_depth(
    tmp_path: Path, lists: tuple[str, list[str]]
) -> None:
    base, hits = lists
    result = _run(tmp_path, [f"{base}/deeper/0.opml"], dataclasses.replace(LOCAL, max_feed_depth=3))
    lists_fetched = [h for h in hits if h.startswith("/deeper/")]
    assert lists_fetched == ["/deeper/0.opml", "/deeper/1.opml", "/deeper/2.opml", "/deeper/3.opml"]
    too_deep = [s for s in result.summary.skipped if "over max_feed_depth (3)" in s.reason]
    assert {s.input for s in too_deep} >= {f"{base}/deeper/4.opml", f"{base}/feed/3"}
    assert len(hits) < 20


def test_a_run_makes_at_most_max_fetches(tmp_path: Path, lists: tuple[str, list[str]]) -> None:
    base, hits = lists
    settings = dataclasses.replace(LOCAL, max_fetches=10)
    result = _run(tmp_path, [f"{base}/wide.opml"], settings)
    assert len(hits) == 10
    over = [s for s in result.summary.skipped if "made 10 fetches, its limit" in s.reason]
    assert len(over) >= 40  # the feeds (and their pages) past the limit, each named
    assert all(s.input.startswith(base) for s in over)


def test_requests_to_one_host_are_paced() -> None:
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    def fetch(url: str, settings: Settings) -> Fetched:
        now[0] += 0.25  # each request takes a quarter of a second
        return Fetched(url=url, content_type="text/html", charset=None, body=b"")

    crawl = Crawl(
        dataclasses.replace(LOCAL, fetch_host_interval=1.0),
        fetch=fetch,
        clock=lambda: now[0],
        sleep=sleep,
    )
    for path in ("a", "b", "c"):
        crawl.fetch(f"https://one.example/{path}", depth=1)
    crawl.fetch("https://other.example/a", depth=1)  # another host: no wait
    assert waits == [0.75, 0.75]
    with pytest.raises(BadInputError, match="already fetched"):
        crawl.fetch("HTTPS://ONE.example/a#part", depth=1)


def test_url_key_folds_what_does_not_name_another_page() -> None:
    assert url_key("HTTP://Example.ORG/a?b=1#c") == "http://example.org/a?b=1"
    assert url_key("https://example.org") == "https://example.org/"
    assert url_key("https://example.org/A") != url_key("https://example.org/a")
