"""The stored index: verbatim passages with their offsets, names, dates and numbers; stored
under a key of what it was built from, loaded instead of rebuilt."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from newsprism.ask import (
    StoryIndex,
    answer_question,
    index_story,
    load_index,
    suggested_answers,
)
from newsprism.ask.index import INDEX_VERSION, dump_index, entity_term, index_key
from newsprism.ask.terms import stem
from newsprism.pipeline import story_index
from newsprism.store import Store


def test_passages_are_verbatim_slices(index: StoryIndex, story: tuple) -> None:  # type: ignore[type-arg]
    _, articles, _ = story
    texts = {a.id: a.text for a in articles}
    assert index.passages
    for p in index.passages:
        assert texts[p.article_id][p.start : p.end] == p.text
        assert p.text == p.text.strip()
        assert "\n" not in p.text


def test_headings_and_residue_are_cut_off(index: StoryIndex) -> None:
    texts = [p.text for p in index.passages]
    assert "Talks in Geneva" not in " ".join(texts)  # the heading glued to the first sentence
    assert texts[0].startswith("Valdoria and Ostrava-Marenne agreed")
    assert not any("Share this" in t for t in texts)


def test_outlets_order_and_clauses(index: StoryIndex) -> None:
    first = index.passages[0]
    assert first.outlet == "Harbour Herald" and first.order == 0 and first.kind == "sentence"
    clauses = [p for p in index.passages if p.kind == "clause"]
    assert {p.text for p in clauses} == {
        "Valdoria and Ostrava-Marenne agreed on Thursday to exchange 46 detainees",
        "Valdoria and Ostrava-Marenne will exchange 40 detainees",
    }
    for c in clauses:
        home = index.passages[c.sentence]
        assert home.kind == "sentence" and home.start <= c.start and c.end <= home.end
        assert c.id in index.clauses[home.id]


def test_names_dates_numbers(index: StoryIndex) -> None:
    by_text = {p.text: p for p in index.passages if p.kind == "sentence"}
    swiss = by_text["Swiss envoy Lukas Brenner chaired the talks."]
    named = {index.entities[m.entity].name for m in swiss.names}
    assert named == {"Switzerland", "Lukas Brenner"}
    assert (
        entity_term(next(i for i, e in enumerate(index.entities) if e.name == "Lukas Brenner"))
        in swiss.terms
    )
    assert "lukas" not in swiss.terms  # a name counts once, as its entity
    opened = by_text["The talks opened on Tuesday in Geneva, hosted by Switzerland."]
    assert [d.value for d in opened.dates] == ["2025-09-09"]
    cost = by_text[
        "Port officials put the cost of the blockade at about 1.2 billion euros in 2024."
    ]
    (number,) = cost.numbers  # the year is a date, not a count
    assert number.value == 1.2e9 and number.money and number.text == "1.2 billion"
    detainees = by_text["Valdorian negotiators agreed to exchange 46 detainees."]
    assert detainees.numbers[0].value == 46 and stem("detainees") in detainees.numbers[0].after


def test_forecasts_and_negation(index: StoryIndex) -> None:
    by_text = {p.text: p for p in index.passages if p.kind == "sentence"}
    assert by_text["Marek is due to speak to the National Assembly on Monday."].forecast
    assert by_text["The Red Cross will oversee the exchange within two weeks."].forecast
    assert not by_text["The ceasefire took effect at midnight on Wednesday."].forecast


def test_conflicts_and_roles(index: StoryIndex) -> None:
    forty_six = next(p for p in index.passages if p.kind == "clause" and "46" in p.text)
    forty = next(p for p in index.passages if p.kind == "clause" and "40" in p.text)
    assert [(c.passage, c.slot) for c in forty_six.conflicts] == [(forty.id, "number")]
    home = index.passages[forty_six.sentence]
    assert forty.id in {c.passage for c in home.conflicts}  # the sentence carries its clause's
    marek = next(i for i, e in enumerate(index.entities) if e.name == "Ilse Marek")
    demand = next(p for p in index.passages if p.text.startswith("President Ilse Marek said"))
    assert f"demand:{marek}" in demand.roles


def test_dump_and_load_round_trip(index: StoryIndex) -> None:
    again = load_index(dump_index(index))
    assert again.passages == index.passages
    assert again.entities == index.entities and again.questions == index.questions
    assert index.vectors is not None and again.vectors is not None
    assert np.allclose(again.vectors, index.vectors, atol=2e-3)  # stored as float16
    assert again.question_vectors is not None and index.question_vectors is not None
    assert again.question_vectors.shape == index.question_vectors.shape
    assert dict(again.df) == dict(index.df)


def test_load_rejects_other_bytes() -> None:
    for data in (b"", b"not an index", b"NPASKIX1\x05\x00\x00\x00abcde"):
        with pytest.raises(ValueError):
            load_index(data)


def test_stored_index_is_loaded_not_rebuilt(store: Store, story: tuple, encoder: Any) -> None:  # type: ignore[type-arg]
    story, articles, annotations = story
    first = story_index(story, articles, annotations, encoder, store)
    embedded = len(encoder.seen)
    assert embedded > 0
    assert store.get_story_index(story.id, first.key) is not None
    again = story_index(story, articles, annotations, encoder, store)
    assert len(encoder.seen) == embedded  # nothing embedded: the stored index was loaded
    assert again.passages == first.passages


def test_a_rerun_of_an_unchanged_story_asks_nothing_again(
    store: Store,
    story: tuple,  # type: ignore[type-arg]
    encoder: Any,
) -> None:
    story, articles, annotations = story
    first = story_index(story, articles, annotations, encoder, store)
    answers = suggested_answers(first, encoder, 6)
    assert answers and [a.question for a in answers] == list(first.questions[:6])
    assert any(a.follow_ups for a in answers) and all(a.confidence for a in answers)
    built = len(encoder.seen)
    again = story_index(story, articles, annotations, encoder, store)
    assert suggested_answers(again, encoder, 6) == answers  # read back, equal field by field
    assert len(encoder.seen) == built  # no question or passage encoded: nothing asked again
    # the stored answers are those the index gives when asked afresh
    assert [answer_question(a.question, again, encoder) for a in answers] == answers


def test_key_follows_what_the_index_is_built_from(story: tuple, encoder: Any) -> None:  # type: ignore[type-arg]
    story, articles, annotations = story
    key = index_key(story, articles, annotations, encoder)
    assert key == index_key(story, articles, annotations, encoder)
    renamed = [dataclasses.replace(articles[0], source="Other Herald"), *articles[1:]]
    assert index_key(story, renamed, annotations, encoder) != key
    fewer = dataclasses.replace(story, claims=story.claims[:1])
    assert index_key(fewer, articles, annotations, encoder) != key
    assert index_key(story, articles, annotations, None) != key


def test_without_an_encoder(story: tuple) -> None:  # type: ignore[type-arg]
    s, articles, annotations = story
    index = index_story(s, articles, annotations, None, None)
    assert index.vectors is None and index.encoder_id is None
    assert index.passages and index.questions


def test_damaged_json_is_a_value_error(index: StoryIndex) -> None:
    import json
    import struct
    import zlib

    head = {"version": INDEX_VERSION, "passages": [[0]]}  # the right version, nothing else
    packed = zlib.compress(json.dumps(head).encode())
    with pytest.raises(ValueError, match="damaged"):
        load_index(b"NPASKIX1" + struct.pack("<I", len(packed)) + packed)
