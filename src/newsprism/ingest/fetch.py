"""Fetch a URL safely: http(s) only, public addresses only, bounded in time, size and redirects.

Input: a URL and the settings. Output: `Fetched` (final URL, content type, charset, bytes).
Every address a host name resolves to is checked before connecting, and the connection is made
to the checked address itself, so a name that re-resolves to 127.0.0.1 between check and connect
(DNS rebinding) gets nowhere. Loopback, private, link-local, multicast and reserved addresses are
refused unless `allow_private` is set (the tests use a local server that way).

`fetch_timeout` is a wall-clock deadline for the whole fetch (name lookup, connection, every
redirect, headers and body): a watchdog shuts the socket when it passes, so a server that
sends one byte a second cannot hold a fetch open, however small its pieces.
Known limits: no cookies, no JavaScript, no HTTP proxies; one request at a time. A name
lookup that outlives the deadline is abandoned, not cancelled (its thread ends on its own).
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from newsprism.errors import BadInputError
from newsprism.settings import Settings

ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "application/json",
    "application/x-ndjson",
    "application/jsonl",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "text/x-opml",
    "application/octet-stream",  # many servers send feeds so; the content is sniffed later
)
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    url: str
    content_type: str
    charset: str | None
    body: bytes
    status: int = 200  # 304: not modified since the validators sent (the body is empty)
    etag: str | None = None
    last_modified: str | None = None


def fetch_url(
    url: str, settings: Settings, *, etag: str | None = None, last_modified: str | None = None
) -> Fetched:
    """GET `url` and follow redirects, refusing anything unsafe with a `BadInputError`.
    With `etag` / `last_modified` (validators of an earlier answer) the request is
    conditional, and an unchanged resource comes back as status 304 with no body."""
    if settings.offline:
        raise BadInputError(url, "not fetched because newsprism runs offline", "drop --offline")
    current = url
    deadline = time.monotonic() + settings.fetch_timeout
    for _hop in range(settings.max_redirects + 1):
        conditional = {"If-None-Match": etag, "If-Modified-Since": last_modified}
        status, headers, body = _get(current, url, settings, deadline, conditional)
        if status in (301, 302, 303, 307, 308):
            location = headers.get("Location")
            if not location:
                raise BadInputError(url, f"redirect {status} without a Location header")
            current = urljoin(current, location)
            continue
        if status >= 400:
            raise BadInputError(
                url, f"the server answered HTTP {status}", "check the URL in a browser"
            )
        validators = {"etag": headers.get("ETag"), "last_modified": headers.get("Last-Modified")}
        if status == 304:
            return Fetched(
                url=current,
                content_type="",
                charset=None,
                body=b"",
                status=304,
                etag=validators["etag"],
                last_modified=validators["last_modified"],
            )
        content_type, charset = _content_type(headers)
        if content_type and not content_type.startswith(ACCEPTED_TYPES):
            raise BadInputError(
                url,
                f"content type {content_type} is not an article or feed",
                "give newsprism HTML, text, JSON or RSS/Atom",
            )
        return Fetched(
            url=current,
            content_type=content_type,
            charset=charset,
            body=body,
            etag=validators["etag"],
            last_modified=validators["last_modified"],
        )
    raise BadInputError(url, f"more than {settings.max_redirects} redirects", "use the final URL")


def check_url(
    url: str, settings: Settings, *, original: str | None = None, deadline: float | None = None
) -> tuple[str, int, str]:
    """(host, port, ip to connect to) for `url`, or `BadInputError` when it is not allowed.
    The name lookup gives up at `deadline` (a `time.monotonic()` value; default: one
    `fetch_timeout` from now)."""
    if deadline is None:
        deadline = time.monotonic() + settings.fetch_timeout
    name = original or url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BadInputError(
            name, f"scheme {parts.scheme or '(none)'}: is not http(s)", "use an http(s) URL"
        )
    host = parts.hostname
    if not host:
        raise BadInputError(name, "the URL has no host name", "check the URL")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise BadInputError(name, "the URL has an invalid port", "check the URL") from exc
    try:
        resolved = _resolve(host, port, deadline)
    except (OSError, UnicodeError) as exc:
        raise BadInputError(
            name, f"host {host} could not be resolved ({exc})", "check the URL"
        ) from exc
    addresses = sorted(set(resolved))
    if not settings.allow_private:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global or ip.is_multicast:
                raise BadInputError(
                    name,
                    f"host {host} resolves to the non-public address {address}",
                    "newsprism only fetches public web addresses; pass --allow-private "
                    "for a server on your own network",
                )
    return host, port, addresses[0]


def _resolve(host: str, port: int, deadline: float) -> list[str]:
    """The addresses `host` resolves to, giving up at `deadline`: the system resolver has its
    own, longer timeouts, so it runs in a daemon thread that is abandoned when it is late."""
    addresses: list[str] = []
    errors: list[BaseException] = []

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            addresses.extend(str(info[4][0]) for info in infos)
        except (OSError, UnicodeError) as exc:
            errors.append(exc)

    thread = threading.Thread(target=lookup, name=f"resolve {host}", daemon=True)
    thread.start()
    thread.join(max(0.0, deadline - time.monotonic()))
    if errors:
        raise errors[0]
    if thread.is_alive():
        raise TimeoutError("the name lookup did not answer in time")
    return addresses


class _Watchdog:
    """Shuts a connection's socket at a deadline, from another thread, so that a read blocked
    on a slow sender returns at once. `expired` says whether it had to."""

    def __init__(self, deadline: float) -> None:
        self.expired = False
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._socket = sock
            if self.expired:
                self._shut()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._shut()

    def _shut(self) -> None:
        if self._socket is not None:
            # already closed or never connected: nothing left to stop
            with contextlib.suppress(OSError):
                self._socket.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to an address checked beforehand, whatever the host name resolves to now."""

    def __init__(self, host: str, port: int, ip: str, timeout: float, watchdog: _Watchdog) -> None:
        super().__init__(host, port, timeout=timeout)
        self._ip = ip
        self._watchdog = watchdog

    def connect(self) -> None:
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)
        self._watchdog.watch(self.sock)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, ip: str, timeout: float, watchdog: _Watchdog) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._ip = ip
        self._watchdog = watchdog

    def connect(self) -> None:
        raw = socket.create_connection((self._ip, self.port), self.timeout)
        self._watchdog.watch(raw)  # the TLS handshake is bounded by the deadline too
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


def _get(
    url: str,
    original: str,
    settings: Settings,
    deadline: float,
    conditional: dict[str, str | None] | None = None,
) -> tuple[int, Message, bytes]:
    host, port, ip = check_url(url, settings, original=original, deadline=deadline)
    parts = urlsplit(url)
    remaining = max(0.1, deadline - time.monotonic())
    watchdog = _Watchdog(deadline)
    conn: http.client.HTTPConnection
    if parts.scheme == "https":
        conn = _PinnedHTTPSConnection(host, port, ip, timeout=remaining, watchdog=watchdog)
    else:
        conn = _PinnedHTTPConnection(host, port, ip, timeout=remaining, watchdog=watchdog)
    late = BadInputError(
        original, f"no complete answer within {settings.fetch_timeout:g} s", "try later"
    )
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        conn.request(
            "GET",
            path,
            headers={
                "User-Agent": settings.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/xml,application/rss+xml,"
                "application/atom+xml,application/json,text/plain;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "identity",
                **{k: v for k, v in (conditional or {}).items() if v},
            },
        )
        response = conn.getresponse()
        if watchdog.expired:
            raise late
        headers = response.msg
        if response.status in (301, 302, 303, 304, 307, 308) or response.status >= 400:
            return response.status, headers, b""
        declared = headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > settings.max_bytes:
            raise BadInputError(
                original,
                f"the page is {int(declared):,} bytes, over the limit of {settings.max_bytes:,}",
                "raise max_bytes in newsprism.toml or --max-bytes if it really is one article",
            )
        chunks: list[bytes] = []
        size = 0
        while True:
            if watchdog.expired or time.monotonic() > deadline:
                raise late
            chunk = response.read1(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > settings.max_bytes:
                raise BadInputError(
                    original,
                    f"the page is over the limit of {settings.max_bytes:,} bytes",
                    "raise max_bytes in newsprism.toml or --max-bytes if it really is one article",
                )
            chunks.append(chunk)
        if watchdog.expired:  # the socket was shut mid-body: what came is not the whole page
            raise late
        return response.status, headers, b"".join(chunks)
    except (OSError, http.client.HTTPException) as exc:
        if watchdog.expired:
            raise late from exc
        raise BadInputError(
            original,
            f"could not be fetched ({type(exc).__name__}: {exc})",
            "check the URL and your connection",
        ) from exc
    finally:
        watchdog.cancel()
        conn.close()


def _content_type(headers: Message) -> tuple[str, str | None]:
    raw = headers.get("Content-Type", "")
    if not raw:
        return "", None
    msg = Message()
    msg["Content-Type"] = raw
    charset = msg.get_param("charset")
    return msg.get_content_type().lower(), str(charset) if isinstance(charset, str) else None
