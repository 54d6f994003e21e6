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

import threading
from importlib import resources
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.responses import Response

from newsprism import __version__
from newsprism.render.page_parts import SCRIPT, STYLE
from newsprism.settings import Settings
from newsprism.web.guard import guard
from newsprism.web.jobs import Jobs
from newsprism.web.routes import router

if TYPE_CHECKING:
    from newsprism.cluster.embed import Encoder


class Shared:
    """What the routes share: settings, templates, runs, and the sentence encoder loaded
    on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        folder = resources.files("newsprism.web") / "templates"
        self.templates = Environment(
            loader=FileSystemLoader(str(folder)), autoescape=True, auto_reload=False
        )
        self.jobs = Jobs(settings)
        self._encoder: Encoder | None = None
        self._lock = threading.Lock()

    def encoder(self) -> Encoder:
        with self._lock:
            if self._encoder is None:
                from newsprism.cluster.embed import Encoder

                self._encoder = Encoder(self.settings.embedding_model)
            return self._encoder


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
