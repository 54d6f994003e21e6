"""Issue 17's answer error patterns, one test each, on small invented flu stories: the value
given first must answer the question's type and polarity, and the wrong value must not appear;
a suggested question must be one the story's own content supports."""

from __future__ import annotations

from typing import Any

from flu_story import (
    MINISTERS,
    OUTBREAK,
    OUTBREAK_2,
    TRAVELLERS,
    TRAVELLERS_AND_DEAD,
    SynonymEncoder,
    WordEncoder,
    flu_index,
)
from newsprism.ask import StoryIndex, answer_question, index_story, suggest_questions


def test_a_count_of_other_people_does_not_answer_how_many_died() -> None:
    index = flu_index([("Wire", OUTBREAK), ("Post", OUTBREAK_2)])
    answer = answer_question("How many died in Mexico?", index, WordEncoder())
    assert not answer.refused and answer.value is not None and answer.value.startswith("20")
    assert "three" not in answer.value


def test_the_count_in_the_clause_that_says_died_answers() -> None:
    index = flu_index([("Wire", TRAVELLERS_AND_DEAD)])
    answer = answer_question("How many people have died in Mexico?", index, WordEncoder())
    assert answer.value is not None and answer.value.startswith("20")
    assert "three" not in answer.value


def test_no_count_of_the_dead_is_a_refusal_not_the_travellers() -> None:
    index = flu_index([("Wire", TRAVELLERS)])
    for question in ("How many died in Mexico?", "How many people have died in Mexico?"):
        answer = answer_question(question, index, WordEncoder())
        assert answer.refused and answer.value is None, question


def test_a_negated_mention_is_not_a_country_with_cases() -> None:
    index = flu_index([("Wire", OUTBREAK), ("Post", OUTBREAK_2)])
    for question in ("Which countries have cases?", "Which countries have confirmed cases?"):
        answer = answer_question(question, index, WordEncoder())
        assert answer.value in ("United States", "Canada"), question
        assert answer.value != "United Kingdom"
        assert "no confirmed cases in the UK" not in answer.sentences[0].text


def test_a_country_question_is_answered_by_a_country_only() -> None:
    index = flu_index([("Wire", "The Health Protection Agency has confirmed cases of swine flu.")])
    answer = answer_question("Which countries have confirmed cases?", index, WordEncoder())
    assert answer.value != "Health Protection Agency"


def test_a_flu_story_is_not_asked_who_mediated_a_meeting() -> None:
    index = flu_index(
        [("Wire", MINISTERS), ("Post", OUTBREAK), ("Daily", MINISTERS)], encoder=SynonymEncoder()
    )
    suggested = suggest_questions(index, limit=20)
    assert suggested  # the story still has questions to offer
    assert not any("mediat" in q for q in suggested)


def test_talks_an_envoy_chaired_still_suggest_who_mediated(story: Any) -> None:
    s, articles, annotations = story  # the Geneva talks: "Swiss envoy Lukas Brenner chaired …"
    index = index_story(s, articles, annotations, SynonymEncoder(), None)
    assert "Who mediated the talks?" in suggest_questions(index, limit=20)


def test_every_suggested_answer_is_confident(index: StoryIndex) -> None:
    for question in suggest_questions(index, limit=20):
        answer = answer_question(question, index, WordEncoder())
        assert not answer.refused and answer.confidence is not None
        assert answer.confidence >= 0.6, question


def test_an_answer_under_the_confidence_floor_is_a_refusal_that_keeps_it(
    index: StoryIndex, monkeypatch: Any
) -> None:
    import newsprism.ask.answer as answering
    from newsprism.confidence import Floors

    asked = answer_question("Who mediated the talks?", index, WordEncoder(), follow_ups=False)
    assert not asked.refused and asked.value == "Lukas Brenner"
    assert asked.confidence is not None and 0.5 <= asked.confidence < 0.99
    # a floor above this answer's confidence: the value is withheld, the passages are shown
    monkeypatch.setattr(answering, "FLOORS", Floors(answer=asked.confidence + 0.01))
    withheld = answer_question("Who mediated the talks?", index, WordEncoder(), follow_ups=False)
    assert withheld.refused and withheld.value is None
    assert withheld.confidence == asked.confidence
    assert withheld.sentences  # the closest passages, as for any refusal


def test_an_age_is_not_a_count_and_two_places_are_no_disagreement() -> None:
    index = flu_index(
        [
            ("Wire", "Specimens were taken from nine students in the United States."),
            ("Post", "In Spain, the victim was a 22-year-old student who had been to Mexico."),
            ("Daily", "Canada said ten students who had returned from Mexico were infected."),
        ]
    )
    answer = answer_question("How many students?", index, WordEncoder())
    assert answer.value is not None and "22" not in answer.value
    assert not any("22-year-old" in s.text for s in answer.sentences)
    assert not answer.disagreement  # nine in the United States, ten in Canada: both can hold
