"""Shared fixtures: an in-memory store, settings that never touch the network, and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.settings import Settings
from newsprism.store import Store


@pytest.fixture
def store() -> Store:
    with Store(":memory:") as s:
        yield s


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db=str(tmp_path / "test.db"), offline=True, today="2026-01-01")
