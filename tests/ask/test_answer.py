"""Answers on the hand-built story: the value first, verbatim cited sentences (every one
accepted by the citation checker), merged outlets, both sides of a dispute, refusals."""

from __future__ import annotations

from typing import Any

import pytest

from newsprism.ask import StoryIndex, answer_question, answer_text
from newsprism.citations import check_sentence
from newsprism.model import Answer
from newsprism.render.contract import answer_dict


def ask(index: StoryIndex, encoder: Any, question: str) -> Answer:
    return answer_question(question, index, encoder, follow_ups=False)


@pytest.fixture
def texts(story: tuple) -> tuple[dict[str, str], dict[str, set[str]]]:  # type: ignore[type-arg]
    _, articles, _ = story
    return {a.id: a.text for a in articles}, {a.id: {a.source} for a in articles}


def assert_cited(answer: Answer, texts: tuple[dict[str, str], dict[str, set[str]]]) -> None:
    assert answer.sentences
    for s in answer.sentences:
        assert check_sentence(s, *texts) == []
        body = s.text[len(s.frame) :]
        first = s.citations[0]
        assert texts[0][first.article_id][first.start : first.end] == body  # verbatim
        assert s.sources == tuple(dict.fromkeys(c.article_id for c in s.citations))


def test_when_gives_the_date_first(index: StoryIndex, encoder: Any, texts: Any) -> None:
    answer = ask(index, encoder, "When did the talks open?")
    assert not answer.refused
    assert (answer.value, answer.value_kind) == ("2025-09-09", "date")
    assert "opened on Tuesday" in answer.sentences[0].text
    assert_cited(answer, texts)


def test_agreeing_outlets_are_merged_with_a_frame(
    index: StoryIndex, encoder: Any, texts: Any
) -> None:
    answer = ask(index, encoder, "When did the talks open?")
    first = answer.sentences[0]
    assert {c.article_id for c in first.citations} == {"a-herald", "a-dispatch"}
    assert first.frame in (
        "Harbour Herald and Global Dispatch report: ",
        "Global Dispatch and Harbour Herald report: ",
    )
    assert_cited(answer, texts)


def test_how_many_shows_both_sides(index: StoryIndex, encoder: Any, texts: Any) -> None:
    answer = ask(index, encoder, "How many detainees will be exchanged?")
    assert answer.disagreement and answer.value == "46 detainees"
    sides = [s.text for s in answer.sentences]
    assert any("46 detainees" in t for t in sides) and any("40 detainees" in t for t in sides)
    assert all(
        s.kind == "disagreement" and s.frame.endswith(("report: ", "reports: "))
        for s in answer.sentences
    )
    assert_cited(answer, texts)


def test_who_takes_the_actor_not_the_voice(index: StoryIndex, encoder: Any, texts: Any) -> None:
    answer = ask(index, encoder, "Who chaired the talks?")
    assert answer.value == "Lukas Brenner" and answer.value_kind == "name"
    answer = ask(index, encoder, "Who will carry out the exchange?")
    # "According to the UN envoy, Helena Sorvik, …": she is the source, the Red Cross the actor
    assert answer.value == "International Committee of the Red Cross"
    assert_cited(answer, texts)


def test_where_and_how_much(index: StoryIndex, encoder: Any) -> None:
    assert ask(index, encoder, "Where did the talks open?").value == "Geneva"
    money = ask(index, encoder, "How much has the blockade cost?")
    assert money.value == "about 1.2 billion euros" and money.value_kind == "number"


def test_a_position_question_finds_the_position(index: StoryIndex, encoder: Any) -> None:
    answer = ask(index, encoder, "What does Marek demand?")
    assert answer.sentences[0].text == "President Ilse Marek said the blockade must end."


def test_what_happened_on_a_day(index: StoryIndex, encoder: Any, texts: Any) -> None:
    answer = ask(index, encoder, "What happened on 10 September 2025?")
    # the day is the question's own; a value repeating it would answer nothing
    assert answer.value is None and answer.value_kind is None
    assert answer.sentences[0].text == "The ceasefire took effect at midnight on Wednesday."
    assert_cited(answer, texts)
    assert ask(index, encoder, "What happened on 1 January 2020?").refused


@pytest.mark.parametrize(
    "question",
    [
        "What is the population of Valdoria?",  # never stated
        "How many warships does the Ostravan navy have?",  # no such count
        "What did Marek tell the National Assembly on Monday?",  # only announced
        "Has the exchange taken place?",  # only ever "will"
        "How large is the sanctions package in dollars?",
    ],
)
def test_refusals_offer_the_closest_passages(
    index: StoryIndex, encoder: Any, texts: Any, question: str
) -> None:
    answer = ask(index, encoder, question)
    assert answer.refused and answer.value is None
    assert 1 <= len(answer.sentences) <= 3
    assert_cited(answer, texts)


def test_follow_ups_are_answerable_and_new(index: StoryIndex, encoder: Any) -> None:
    answer = answer_question("When did the talks open?", index, encoder)
    assert 3 <= len(answer.follow_ups) <= 5
    assert "When did the talks open?" not in answer.follow_ups
    for question in answer.follow_ups:
        assert not ask(index, encoder, question).refused


def test_without_an_encoder_bm25_alone(index: StoryIndex) -> None:
    answer = answer_question("When did the talks open?", index, None)
    assert answer.value == "2025-09-09"
    assert answer_question("What is the population of Valdoria?", index, None).refused


def test_answer_dict_has_the_contract_shape(index: StoryIndex, encoder: Any) -> None:
    d = answer_dict(answer_question("How many detainees will be exchanged?", index, encoder))
    assert set(d) == {
        "question",
        "refused",
        "value",
        "value_kind",
        "disagreement",
        "sentences",
        "follow_ups",
        "story_id",
        "confidence",
    }
    assert d["story_id"] == "story-1" and d["disagreement"] is True
    assert 0.5 <= d["confidence"] <= 1 and round(d["confidence"], 3) == d["confidence"]
    sentence = d["sentences"][0]
    assert set(sentence) == {"text", "citations", "frame", "kind", "sources", "writer"}
    assert set(sentence["citations"][0]) == {"article_id", "start", "end"}


def test_answer_text_puts_the_value_first(index: StoryIndex, encoder: Any) -> None:
    outlets = {"a-herald": "Harbour Herald", "a-dispatch": "Global Dispatch", "a-today": "VT"}
    text = answer_text(
        answer_question("How many detainees will be exchanged?", index, encoder), outlets
    )
    lines = text.splitlines()
    assert lines[0] == "46 detainees" and lines[1] == "The sources disagree:"
    assert "[Global Dispatch]" in text and "Follow-up questions:" in text
    refused = answer_text(ask(index, encoder, "What is the population of Valdoria?"), outlets)
    assert refused.startswith("The sources don't say.\nClosest passages:\n  ")


def test_a_name_the_sources_never_use_is_refused(index: StoryIndex, encoder: Any) -> None:
    answer = ask(index, encoder, "What did China say about the talks?")
    assert answer.refused and answer.sentences  # the closest passages are still offered


def test_when_will_takes_no_past_date(index: StoryIndex, encoder: Any) -> None:
    # published 11-12 September: "Monday" (15 September) is ahead, "Tuesday" (9th) behind
    answer = ask(index, encoder, "When will Marek speak to the National Assembly?")
    assert answer.value == "2025-09-15"
    assert ask(index, encoder, "When did the talks open?").value == "2025-09-09"


def test_values_in_harder_sentences(tiny: Any, encoder: Any) -> None:
    index = tiny(
        "Before the blockade began in 2024, Valdoria sent about a quarter of its trade "
        "through the port. "
        "The blockade has lasted since 2024, when Ostrava-Marenne seized two freighters. "
        "The talks were hosted by Switzerland and co-chaired by the UN in Geneva. "
        "Helena Sorvik, the UN envoy, spoke to Lukas Brenner on Tuesday.",
        encoder,
    )
    share = ask(index, encoder, "How much of its trade did Valdoria send through the port?")
    assert share.value == "about a quarter of its trade"  # the source's hedge kept
    # "since 2024" bounds an interval, but here it is also when the seizure happened
    assert ask(index, encoder, "When did Ostrava-Marenne seize the freighters?").value == "2024"
    # the name next to the verb, not the first in kind order
    assert ask(index, encoder, "Who hosted the talks?").value == "Switzerland"
    who = ask(index, encoder, "Who is Helena Sorvik?")
    assert who.value is None and "UN envoy" in who.sentences[0].text


def test_an_empty_story_refuses(tiny: Any, encoder: Any) -> None:
    index = tiny("Nothing.", encoder)  # one word: no passage survives
    answer = answer_question("When did the talks open?", index, encoder)
    assert answer.refused and answer.sentences == () and answer.follow_ups == ()


def test_what_someone_said_needs_their_words(index: StoryIndex, encoder: Any) -> None:
    said = ask(index, encoder, "What did Marek say?")
    assert not said.refused and "the blockade must end" in said.sentences[0].text
    # the Red Cross is named, never quoted: nothing it said can be given
    assert ask(index, encoder, "What did the Red Cross say about the exchange?").refused
