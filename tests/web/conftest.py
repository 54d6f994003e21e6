"""Fixtures of the web tests: one store built from the invented corpus plus an article
whose title, outlet and text carry script payloads (analysed once per session), the app over
it, and a copy of the store for tests that add to it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import EXAMPLE
from web_support import web_settings, xss_article


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The analysed store (closed, so it can be copied)."""
    from newsprism.pipeline import analyze
    from newsprism.store import Store

    root = tmp_path_factory.mktemp("web")
    corpus = root / "corpus"
    shutil.copytree(EXAMPLE, corpus)
    (corpus / "lindenport-post.md").write_text(xss_article(), encoding="utf-8")
    db = root / "web.db"
    with Store(db) as store:
        analysis = analyze([str(corpus)], web_settings(db), store)
    assert len(analysis.stories) >= 3
    return db


@pytest.fixture
def db_copy(web_db: Path, tmp_path: Path) -> Path:
    """A copy of the analysed store that a test may add to."""
    target = tmp_path / "copy.db"
    shutil.copyfile(web_db, target)
    return target


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from newsprism.web.app import create_app

    with TestClient(create_app(web_settings(web_db))) as c:
        yield c
