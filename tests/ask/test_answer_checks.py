"""Issue 17's answer error patterns, one test each, on small invented flu stories: the value
given first must answer the question's type and polarity, and the wrong value must not appear."""

from __future__ import annotations

from flu_story import OUTBREAK, OUTBREAK_2, TRAVELLERS, WordEncoder, flu_index
from newsprism.ask import answer_question


def test_a_count_of_other_people_does_not_answer_how_many_died() -> None:
    index = flu_index([("Wire", OUTBREAK), ("Post", OUTBREAK_2)])
    answer = answer_question("How many died in Mexico?", index, WordEncoder())
    assert not answer.refused and answer.value is not None and answer.value.startswith("20")
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
