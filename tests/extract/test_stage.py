"""The extract stage in the pipeline: extractions are stored, and a re-run does not parse."""

from __future__ import annotations

import pytest

from newsprism import pipeline
from newsprism.settings import Settings
from newsprism.store import Store
from support import EXAMPLE


def test_stored_extractions_are_reused_and_give_the_same_story(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = [str(EXAMPLE / "herald-geneva-talks.md"), str(EXAMPLE / "courier-renaud.txt")]
    first = pipeline.analyze(inputs, settings, store)
    (story,) = first.stories
    assert story.quotes and story.events and story.positions
    stored = store._db.execute("SELECT count(*) FROM extractions").fetchone()[0]
    assert stored == 2

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("a re-run parsed again")

    monkeypatch.setattr(pipeline, "extract_articles", no_parsing)
    again = pipeline.analyze(inputs, settings, store)
    assert again.stories == first.stories
