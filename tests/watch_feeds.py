"""A local feed server for the watch tests and benchmark, and invented feed entries.

The server (127.0.0.1, standard library, its own thread) serves RSS bodies by path with an
ETag or a Last-Modified header, answers conditional requests with 304, and can be told to fail
a path: with HTTP 500, by answering too slowly, or with malformed XML. It logs every request.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Thu, 25 Sep 2025 18:00:00 GMT"


@dataclass
class Request:
    path: str
    if_none_match: str | None
    if_modified_since: str | None
    status: int


@dataclass
class FeedSite:
    """What the server serves: {path: RSS bytes}; `validator` per path is 'etag' or
    'last-modified'; `failing` per path is '500', 'slow' or 'malformed'."""

    feeds: dict[str, bytes] = field(default_factory=dict)
    validator: dict[str, str] = field(default_factory=dict)
    failing: dict[str, str] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    slow_seconds: float = 1.0
    base: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


def _handler(site: FeedSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            request = Request(self.path, inm, ims, 0)
            with site.lock:  # logged before answering, so a client never outruns the log
                site.requests.append(request)
            self._answer(request)

        def _answer(self, request: Request) -> None:
            inm, ims = request.if_none_match, request.if_modified_since
            failing = site.failing.get(self.path)
            body = site.feeds.get(self.path)
            if failing == "500" or body is None:
                request.status = 500 if failing == "500" else 404
                self.send_response(request.status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if failing == "slow":
                time.sleep(site.slow_seconds)
            if failing == "malformed":
                body = body[: len(body) // 3]  # cut mid-element: not well-formed XML
            headers = {"Content-Type": "application/rss+xml; charset=utf-8"}
            if site.validator.get(self.path, "etag") == "etag":
                headers["ETag"] = _etag(body)
                unchanged = inm == headers["ETag"]
            else:
                headers["Last-Modified"] = LAST_MODIFIED
                unchanged = ims == LAST_MODIFIED
            if unchanged and not failing:
                request.status = 304
                self.send_response(304)
                for name, value in headers.items():
                    if name != "Content-Type":
                        self.send_header(name, value)
                self.end_headers()
                return
            request.status = 200
            self.send_response(200)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client gave up waiting (the timeout case)
                self.wfile.write(body)

    return Handler


@contextmanager
def serve(site: FeedSite) -> Iterator[FeedSite]:
    """Run the server for `site` on a free port of 127.0.0.1 while the block runs."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    site.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield site
    finally:
        httpd.shutdown()
        httpd.server_close()


@dataclass(frozen=True)
class Entry:
    guid: str
    title: str
    published: str  # RFC 822
    text: str
    link: str


def rss(outlet: str, entries: list[Entry]) -> bytes:
    """An RSS 2.0 feed of `outlet` whose items carry their whole text."""
    items = "".join(
        f"<item><guid>{escape(e.guid)}</guid><title>{escape(e.title)}</title>"
        f"<link>{escape(e.link)}</link><pubDate>{e.published}</pubDate>"
        f"<description>{escape(''.join(f'<p>{p}</p>' for p in e.text.split(chr(10))))}"
        "</description></item>"
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(outlet)}</title><link>https://example.org/</link>"
        f"<description>{escape(outlet)} news</description>{items}</channel></rss>"
    ).encode()


# --- an invented story: the detainee exchange at the Mirova bridge ------------------------

HERALD_EXCHANGE = Entry(
    guid="herald-2025-09-25-exchange",
    title="Valdoria and Ostrava-Marenne exchange 46 detainees at the Mirova bridge",
    published="Thu, 25 Sep 2025 17:00:00 GMT",
    link="https://harbourherald.example/2025/09/25/mirova-exchange",
    text=(
        "MIROVA — Valdoria and Ostrava-Marenne exchanged 46 detainees at the Mirova bridge on "
        "Thursday, two weeks after the agreement signed in Geneva.\n"
        "The 26 Ostravan sailors crossed the bridge first, followed by 20 Valdorian fishermen, "
        "under the supervision of the International Committee of the Red Cross.\n"
        '"Today families are whole again," said Lukas Brenner, the Swiss envoy who brokered '
        "the deal.\n"
        "President Ilse Marek said Valdoria would keep the ceasefire around the port of Lysa, "
        "but she demanded an end to the Ostravan blockade of the harbour.\n"
        "Foreign Minister Elise Vautrin of Ostrava-Marenne said the kingdom would study every "
        "proposal before the next round of talks, which opens in Geneva on 14 October."
    ),
)

WIRE_EXCHANGE = Entry(
    guid="https://continentalwire.example/world/mirova-bridge-swap",
    title="Detainee swap completed at Mirova bridge under Red Cross watch",
    published="Thu, 25 Sep 2025 19:30:00 GMT",
    link="https://continentalwire.example/world/mirova-bridge-swap",
    text=(
        "MIROVA, Sept 25 — Valdoria and Ostrava-Marenne completed the exchange of 46 detainees "
        "at the Mirova bridge on Thursday, the International Committee of the Red Cross said.\n"
        "Twenty Valdorian fishermen walked east across the bridge while 26 Ostravan sailors "
        "walked west, Red Cross officials said.\n"
        "Swiss envoy Lukas Brenner, who mediated the Geneva agreement, watched from the "
        "Valdorian bank.\n"
        "The swap is the first step agreed in Geneva on 11 September. Valdoria and "
        "Ostrava-Marenne are due to resume talks in Geneva on 14 October, diplomats said.\n"
        "President Ilse Marek has said Valdoria will not sign a final settlement while the "
        "blockade of Lysa lasts."
    ),
)

DISPATCH_FOLLOW_UP = Entry(
    guid="lysa-dispatch-2025-09-26-homecoming",
    title="Freed fishermen reach Lysa a day after the Mirova bridge exchange",
    published="Fri, 26 Sep 2025 12:00:00 GMT",
    link="https://lysadispatch.example/2025/09/26/lysa-homecoming",
    text=(
        "LYSA — The Valdorian fishermen freed at the Mirova bridge reached the port of Lysa on "
        "Friday, a day after the exchange between Valdoria and Ostrava-Marenne.\n"
        "Valdoria and Ostrava-Marenne exchanged 44 detainees at the Mirova bridge on "
        "Thursday, the Red Cross said in a statement on Friday.\n"
        "Hundreds of relatives waited on the quay as the bus from Mirova arrived shortly after "
        "nine in the morning.\n"
        "Ostrava-Marenne will lift the blockade of Lysa harbour on 1 October, Foreign Minister "
        "Elise Vautrin announced on Friday.\n"
        '"The sea is open again for our fishermen," said Vesna Kral, the harbour master of '
        "Lysa."
    ),
)

DISPATCH_STRIKE = Entry(
    guid="lysa-dispatch-rotterdam-strike",
    title="Rotterdam dockworkers end 48-hour strike over automated cranes",
    published="Wed, 24 Sep 2025 08:00:00 GMT",
    link="https://lysadispatch.example/rotterdam-strike-ends",
    text=(
        "ROTTERDAM — About 4,000 dockworkers at the Port of Rotterdam returned to work on "
        "Wednesday after a 48-hour strike over plans to automate cranes at two terminals.\n"
        "The Harbour Workers' Federation said talks with North Sea Container Terminals would "
        "resume next week.\n"
        '"Nobody is against new machines," said Joris van Dam, a spokesman for the federation.\n'
        "The port authority said 23 large vessels had waited at anchor during the strike, and "
        "that others had been diverted to Antwerp and Hamburg.\n"
        "The company says that no one will be forced out by the new cranes."
    ),
)
