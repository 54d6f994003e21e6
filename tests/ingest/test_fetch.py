"""The fetcher against a server on 127.0.0.1 (allowed only with allow_private)."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsprism.errors import BadInputError
from newsprism.ingest.fetch import check_url, fetch_url
from newsprism.settings import Settings

PAGE = (
    b"<html><head><title>T</title></head><body><article><p>"
    + b"Talks opened. " * 40
    + b"</p></article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        routes = {
            "/article": (200, "text/html; charset=utf-8", PAGE),
            "/image": (200, "image/png", b"\x89PNG...."),
            "/big": (200, "text/html", b"x" * 5000),
            "/missing": (404, "text/html", b"no"),
        }
        if self.path.startswith("/loop"):
            n = int(self.path.removeprefix("/loop") or 0)
            self.send_response(302)
            self.send_header("Location", f"/loop{n + 1}")
            self.end_headers()
            return
        if self.path == "/to-article":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        status, ctype, body = routes.get(self.path, (404, "text/plain", b""))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if self.path != "/big":  # the big page hides its size: the cap must hold while reading
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


LOCAL = Settings(allow_private=True, fetch_timeout=5.0, max_bytes=2000, max_redirects=3)


def test_fetches_an_article_and_follows_a_redirect(server: str) -> None:
    fetched = fetch_url(f"{server}/to-article", LOCAL)
    assert fetched.url == f"{server}/article"
    assert fetched.content_type == "text/html"
    assert fetched.charset == "utf-8"
    assert fetched.body == PAGE


def test_loopback_is_refused_without_allow_private(server: str) -> None:
    with pytest.raises(BadInputError, match="non-public address"):
        fetch_url(f"{server}/article", dataclasses.replace(LOCAL, allow_private=False))


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/x",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/",
        "http://192.168.1.1/",
    ],
)
def test_private_and_link_local_addresses_are_refused(url: str) -> None:
    with pytest.raises(BadInputError, match="non-public"):
        check_url(url, Settings())


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)"]
)
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(BadInputError, match="not http"):
        check_url(url, Settings())


def test_redirect_limit(server: str) -> None:
    with pytest.raises(BadInputError, match="more than 3 redirects"):
        fetch_url(f"{server}/loop0", LOCAL)


def test_size_cap_holds_without_content_length(server: str) -> None:
    with pytest.raises(BadInputError, match="over the limit"):
        fetch_url(f"{server}/big", LOCAL)


def test_wrong_content_type_and_http_errors(server: str) -> None:
    with pytest.raises(BadInputError, match="image/png"):
        fetch_url(f"{server}/image", LOCAL)
    with pytest.raises(BadInputError, match="HTTP 404"):
        fetch_url(f"{server}/missing", LOCAL)


def test_refused_connection_is_a_bad_input() -> None:
    with pytest.raises(BadInputError, match="could not be fetched"):
        fetch_url("http://127.0.0.1:9/x", LOCAL)  # the discard port: nothing listens


def test_offline_never_fetches(server: str) -> None:
    with pytest.raises(BadInputError, match="offline"):
        fetch_url(f"{server}/article", dataclasses.replace(LOCAL, offline=True))
