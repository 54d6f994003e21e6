"""`ask` over the store: the stored index of a story (by id, id prefix, or the latest), and a
message naming the fix when there is none."""

from __future__ import annotations

from typing import Any

import pytest

from newsprism.errors import NewsprismError
from newsprism.pipeline import ask, load_story_index, story_index
from newsprism.settings import Settings
from newsprism.store import Store


def test_no_index_names_the_fix(store: Store, settings: Settings) -> None:
    with pytest.raises(NewsprismError, match=r"newsprism analyze .* --db"):
        ask("When did the talks open?", store, settings)
    with pytest.raises(NewsprismError, match="no question-answering index"):
        ask("When did the talks open?", store, settings, story_id="nope")


def test_ask_reads_the_stored_index(
    store: Store, settings: Settings, story: Any, encoder: Any
) -> None:
    s, articles, annotations = story
    story_index(s, articles, annotations, encoder, store)
    store.put_story_report(s.id, "k", "{}")  # what analyze writes beside the index
    # the stand-in encoder is not the installed model: ask answers by BM25 alone, loading nothing
    answer = ask("When did the talks open?", store, settings)
    assert answer.story_id == s.id and answer.value == "2025-09-09"
    assert ask("When did the talks open?", store, settings, story_id=s.id[:5]).value == "2025-09-09"
    assert answer.follow_ups


def test_damaged_index_is_reported(store: Store) -> None:
    store.put_story_index("s1", "k", b"garbage")
    with pytest.raises(NewsprismError, match="cannot be read"):
        load_story_index(store, "s1")
