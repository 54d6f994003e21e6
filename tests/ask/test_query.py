"""Reading questions: the kind of answer wanted, the story's names and dates in them."""

from __future__ import annotations

import pytest

from newsprism.ask import StoryIndex
from newsprism.ask.query import DateConstraint, parse_question
from newsprism.ask.terms import stem


@pytest.mark.parametrize(
    "question, kind",
    [
        ("When did the talks open?", "when"),
        ("Since when has the port been blockaded?", "when"),
        ("What date was the agreement signed?", "when"),
        ("How long did the talks last?", "how_long"),
        ("Who chaired the talks?", "who"),
        ("Which country hosted the talks?", "who"),
        ("How many detainees will be exchanged?", "how_many"),
        ("What is the population of Valdoria?", "how_many"),
        ("How much has the blockade cost?", "how_many"),
        ("Where were the talks held?", "where"),
        ("In which city did the delegations meet?", "where"),
        ("Why did the talks stall?", "why"),
        ("Did Marek attend the signing?", "yes_no"),
        ("What happened on 11 September 2025?", "happened"),
        ("What does Marek demand?", "what"),
    ],
)
def test_kinds(index: StoryIndex, question: str, kind: str) -> None:
    assert parse_question(question, index).kind == kind


def names(index: StoryIndex, question: str) -> list[str]:
    return [index.entities[i].name for i in parse_question(question, index).entities]


def test_entities_through_aliases_demonyms_and_titles(index: StoryIndex) -> None:
    assert names(index, "What do Ostravan officials want?") == ["Ostrava-Marenne"]
    assert names(index, "Did Korvan agree?") == ["Valdoria"]
    query = parse_question("What does President Marek demand?", index)
    assert [index.entities[i].name for i in query.entities] == ["Ilse Marek"]
    assert "president" not in query.terms  # the title goes with the name
    assert names(index, "What did the Red Cross say?") == [
        "International Committee of the Red Cross"
    ]


def test_unknown_names_stay_terms(index: StoryIndex) -> None:
    query = parse_question("What did China say?", index)
    assert query.entities == ()
    assert "china" in query.terms


def test_short_acronyms_only_in_capitals(index: StoryIndex) -> None:
    assert names(index, "What did the UN envoy say?") == ["United Nations"]
    assert names(index, "Tell un me") == []


@pytest.mark.parametrize(
    "question, value",
    [
        ("What happened on 15 May?", "2025-05-15"),  # year-less: the story's year
        ("What happened on May 15, 2024?", "2024-05-15"),
        ("What happened on 2025-09-11?", "2025-09-11"),
        ("What happened in March 2021?", "2021-03"),
        ("What happened in 2022?", "2022"),
        ("What happened in September?", "2025-09"),
    ],
)
def test_dates(index: StoryIndex, question: str, value: str) -> None:
    assert parse_question(question, index).dates == (DateConstraint(value=value),)


def test_weekdays_and_may_the_verb(index: StoryIndex) -> None:
    assert parse_question("What did Marek say on Monday?", index).dates == (
        DateConstraint(weekday=0),
    )
    assert parse_question("Who may sign the deal?", index).dates == ()
    assert DateConstraint(weekday=0).matches("2025-09-15")
    assert not DateConstraint(weekday=0).matches("2025-09-16")
    assert DateConstraint(value="2025-09").matches("2025-09-11")
    assert not DateConstraint(value="2025-09-11").matches("2025-09-12")


def test_counted_nouns_and_money(index: StoryIndex) -> None:
    q = parse_question("How many prisoners of war will be exchanged?", index)
    assert q.nouns[0] == stem("prisoners") and not q.money
    q = parse_question("How large is the sanctions package in euros?", index)
    assert q.nouns == ("euro",) and q.money
    q = parse_question("How much has the blockade cost?", index)
    assert q.nouns == () and q.money


def test_past_and_roles(index: StoryIndex) -> None:
    assert parse_question("Did the exchange happen?", index).past
    assert parse_question("Has the exchange taken place?", index).past
    assert parse_question("When was the agreement signed?", index).past
    assert not parse_question("When will the exchange take place?", index).past
    q = parse_question("What does Marek demand?", index)
    assert "demand" in q.roles and q.terms == ()  # the verb names the position, not a topic
    assert parse_question("What did Marek tell the assembly?", index).roles == ("quote",)
    assert set(parse_question("What is Valdoria's red line?", index).roles) >= {"condition"}
