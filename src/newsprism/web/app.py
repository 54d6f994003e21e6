"""The app factory: `create_app(settings, token)` gives the FastAPI application that
`newsprism serve` runs under uvicorn.

Input: the settings (the store is `settings.db`) and an optional access token. Output: the
app with its routes (`routes.py`), its templates (Jinja2, autoescaping everything) and its
static files: htmx (vendored), the app's script and styles, and the report's own styles and
script, served from `newsprism.render` so a story looks and behaves the same in the web app
and in `report.html`.

Each request opens its own store connection (SQLite connections stay in their thread);
one sentence encoder is loaded on the first question and shared after.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from importlib import resources
from typing import TYPE_CHECKING, Generic, TypeVar

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.responses import Response

from newsprism import __version__
from newsprism.ask import StoryIndex
from newsprism.pipeline import load_story_index
from newsprism.render.page_parts import SCRIPT, STYLE
from newsprism.settings import Settings
from newsprism.store import Store
from newsprism.web.guard import guard
from newsprism.web.jobs import Jobs
from newsprism.web.routes import router

if TYPE_CHECKING:
    from newsprism.embedding import Encoder

KEPT_PAGES = 8  # rendered story pages kept (a 150-article story's is about 12 MB)
KEPT_INDEXES = 4  # loaded question-answering indexes kept


class Shared:
    """What the routes share: settings, templates, runs, the sentence encoder loaded on
    first use, and the most recently used story pages and question-answering indexes (a
    150-article story's page takes over a second to render and its index a second to
    load; both are kept while the stored report or index they were made from is
    unchanged, which the routes check by a digest on every request)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        folder = resources.files("newsprism.web") / "templates"
        self.templates = Environment(
            loader=FileSystemLoader(str(folder)), autoescape=True, auto_reload=False
        )
        self.jobs = Jobs(settings)
        self._encoder: Encoder | None = None
        self._lock = threading.Lock()
        self._pages = Recent[tuple[str, str]](KEPT_PAGES)
        self._indexes = Recent["StoryIndex"](KEPT_INDEXES)

    def encoder(self) -> Encoder:
        with self._lock:
            if self._encoder is None:
                from newsprism.embedding import Encoder

                self._encoder = Encoder(self.settings.embedding_model)
            return self._encoder

    def story_page(
        self, story_id: str, data: str, make: Callable[[], tuple[str, str]]
    ) -> tuple[str, str]:
        """The story's title and rendered page body: `make()` unless the same stored report
        (`data`) was rendered before."""
        digest = hashlib.blake2b(data.encode(), digest_size=16).digest()
        return self._pages.get(story_id, digest, make)

    def story_index(self, store: Store, story_id: str) -> StoryIndex:
        """`pipeline.load_story_index`, kept while the stored index is unchanged."""
        data = store.get_story_index(story_id)
        if data is None:  # a prefix of an id, or no index: the library says which
            return load_story_index(store, story_id)
        digest = hashlib.blake2b(data, digest_size=16).digest()
        return self._indexes.get(story_id, digest, lambda: load_story_index(store, story_id))


T = TypeVar("T")


class Recent(Generic[T]):
    """The last few values made, each under a key and the digest of what it was made
    from; a changed digest makes it again."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, tuple[bytes, T]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, digest: bytes, make: Callable[[], T]) -> T:
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] == digest:
                self._items.move_to_end(key)
                return found[1]
        value = make()  # outside the lock: two first requests may both make it
        with self._lock:
            self._items[key] = (digest, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


def create_app(settings: Settings, token: str | None = None) -> FastAPI:
    """The web app over the store `settings.db`; every route needs `token` when given."""
    app = FastAPI(title="newsprism", version=__version__, docs_url=None, redoc_url=None)
    app.state.shared = Shared(settings)
    app.middleware("http")(guard(token))

    @app.get("/static/report.css", include_in_schema=False)
    def report_css() -> Response:
        return Response(STYLE, media_type="text/css", headers=_CACHE)

    @app.get("/static/report.js", include_in_schema=False)
    def report_js() -> Response:
        return Response(SCRIPT, media_type="text/javascript", headers=_CACHE)

    app.include_router(router)
    static = resources.files("newsprism.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app


_CACHE = {"Cache-Control": "max-age=3600"}
