"""The fetching of one run: each URL once, a bounded number of links away, a bounded total,
and a pause between requests to one host.

Input: URLs with their distance from the inputs (a URL given on the command line is 0, a feed
an OPML list names is one further, a page a feed entry links to one further again), and the
settings. Output: `Fetched` pages, or `BadInputError` saying which bound stopped the fetch and
the setting that moves it.

Why: an OPML list may list itself, or list lists that list more lists; a feed may link the
same page from many entries. Without these bounds a run can fetch without end, and against
someone else's server that is an attack. The bounds, all per run:
- a URL (scheme and host case-folded, fragment dropped) is fetched at most once, and a
  redirect's final URL counts as fetched too;
- nothing more than `max_feed_depth` links away from an input is fetched;
- at most `max_fetches` fetches in all;
- at least `fetch_host_interval` seconds between the starts of two requests to one host.
Known limits: the pause is per host name, not per address or per site (`a.example` and
`b.example` are paced apart); redirect hops within one fetch are not paced.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from newsprism.errors import BadInputError
from newsprism.ingest.fetch import Fetched, fetch_url
from newsprism.settings import Settings


def url_key(url: str) -> str:
    """The form of `url` under which it counts as seen."""
    parts = urlsplit(url.strip())
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )


class Crawl:
    """One run's fetches (see the module docstring for the bounds it keeps)."""

    def __init__(
        self,
        settings: Settings,
        *,
        fetch: Callable[[str, Settings], Fetched] = fetch_url,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.fetches = 0
        self._fetch = fetch
        self._clock = clock
        self._sleep = sleep
        self._seen: set[str] = set()
        self._last_start: dict[str, float] = {}

    def fetch(self, url: str, depth: int) -> Fetched:
        """Fetch `url`, found `depth` links away from the inputs, within the run's bounds."""
        s = self.settings
        if depth > s.max_feed_depth:
            raise BadInputError(
                url,
                f"not fetched: it is {depth} links away from the inputs, over max_feed_depth "
                f"({s.max_feed_depth})",
                "give the feed itself as an input, or raise max_feed_depth",
            )
        key = url_key(url)
        if key in self._seen:
            raise BadInputError(
                url,
                "not fetched again: this run already fetched it (a feed list that lists "
                "itself, or a link named twice)",
            )
        if self.fetches >= s.max_fetches:
            raise BadInputError(
                url,
                f"not fetched: this run already made {s.max_fetches} fetches, its limit",
                "raise max_fetches, or split the feed list",
            )
        self._seen.add(key)
        self.fetches += 1
        self._pace(urlsplit(url).hostname or "")
        fetched = self._fetch(url, s)
        self._seen.add(url_key(fetched.url))
        return fetched

    def _pace(self, host: str) -> None:
        last = self._last_start.get(host)
        if last is not None and self.settings.fetch_host_interval > 0:
            wait = last + self.settings.fetch_host_interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_start[host] = self._clock()
