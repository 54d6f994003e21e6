"""End to end on the invented corpus with the real pipeline and the embedded model (slow):
index the Geneva story, answer questions of the hand gold, check every citation."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from newsprism.citations import check_sentence
from newsprism.pipeline import ask, story_index
from newsprism.settings import load_settings
from newsprism.store import Store
from support import EXAMPLE

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def geneva(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from newsprism.compare import compare_story
    from newsprism.embedding import Encoder
    from newsprism.extract import extract_story
    from newsprism.pipeline import analyze, annotate_story, extract_stage

    db = tmp_path_factory.mktemp("ask") / "s.db"
    settings = load_settings(offline=True, today="2025-09-20", db=str(db))
    store = Store(db)
    analysis = analyze([str(EXAMPLE)], settings, store)
    story = max(analysis.stories, key=lambda s: len(s.article_ids))
    story = dataclasses.replace(story, entities=(), claims=(), positions=(), quotes=())
    articles, story, annotations = annotate_story(story, list(analysis.articles), settings, store)
    found = extract_stage(articles, annotations, store)
    story = extract_story(story, articles, found)
    encoder = Encoder(settings.embedding_model)
    story = compare_story(story, articles, annotations, found, encoder, store)
    index = story_index(story, articles, annotations, encoder, store)
    store.put_story_report(story.id, "test", json.dumps({"id": story.id}))
    return {"store": store, "settings": settings, "articles": articles, "index": index}


def test_gold_questions(geneva: dict[str, Any]) -> None:
    store, settings = geneva["store"], geneva["settings"]
    texts = {a.id: a.text for a in geneva["articles"]}
    names = {a.id: {a.source} for a in geneva["articles"]}
    opened = ask("When did the talks open?", store, settings)
    assert opened.value == "2025-09-09"
    detainees = ask("How many detainees will be exchanged?", store, settings)
    assert detainees.disagreement and detainees.value == "46 detainees"
    assert any("40 detainees" in s.text for s in detainees.sentences)
    assert any("Global Dispatch" in s.frame for s in detainees.sentences)
    assert ask("What is the population of Lysa?", store, settings).refused
    assert ask("Has the detainee exchange taken place?", store, settings).refused
    for answer in (opened, detainees):
        assert 3 <= len(answer.follow_ups) <= 5
        for s in answer.sentences:
            assert check_sentence(s, texts, names) == []


def test_a_rerun_loads_the_stored_index(geneva: dict[str, Any]) -> None:
    index = geneva["index"]
    stored = geneva["store"].get_story_index(index.story_id, index.key)
    assert stored is not None and len(stored) > 1000
