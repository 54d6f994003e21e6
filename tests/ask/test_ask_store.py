"""`ask` over the store: the stored index of a story (by id, id prefix, or the latest), and a
message naming the fix when there is none."""

from __future__ import annotations

import json
from typing import Any

import pytest

from flu_story import OUTBREAK, OUTBREAK_2, flu_parts
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
    store.put_story_report(s.id, "k", json.dumps({"id": s.id}))  # what analyze writes too
    # the stand-in encoder is not the installed model: ask answers by BM25 alone, loading nothing
    answer = ask("When did the talks open?", store, settings)
    assert answer.story_id == s.id and answer.value == "2025-09-09"
    assert ask("When did the talks open?", store, settings, story_id=s.id[:5]).value == "2025-09-09"
    assert answer.follow_ups


def test_damaged_index_is_reported(store: Store) -> None:
    store.put_story_index("s1", "k", b"garbage")
    with pytest.raises(NewsprismError, match="cannot be read"):
        load_story_index(store, "s1")


def test_without_a_story_the_question_goes_to_the_story_that_answers_it(
    store: Store, settings: Settings, story: Any, encoder: Any
) -> None:
    geneva, articles, annotations = story
    flu, flu_articles, flu_annotations = flu_parts([("Wire", OUTBREAK), ("Post", OUTBREAK_2)])
    story_index(geneva, articles, annotations, encoder, store)
    story_index(flu, flu_articles, flu_annotations, encoder, store)
    # the Geneva story is the one written last: asking used to fall back on it silently
    store.put_story_report(flu.id, "k", json.dumps({"id": flu.id, "title": flu.title}))
    store.put_story_report(geneva.id, "k", json.dumps({"id": geneva.id, "title": geneva.title}))
    died = ask("How many died in Mexico?", store, settings)
    assert died.story_id == flu.id and died.value is not None and died.value.startswith("20")
    opened = ask("When did the talks open?", store, settings)
    assert opened.story_id == geneva.id and opened.value == "2025-09-09"
    # named, the story is used even when another would answer better
    assert ask("How many died in Mexico?", store, settings, story_id=geneva.id).refused
