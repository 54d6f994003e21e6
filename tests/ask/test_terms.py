"""Stems, stop words and synonyms: the same word in a question and a passage must meet."""

from __future__ import annotations

import pytest

from newsprism.ask.terms import content_stems, stem, synonyms, tokens


@pytest.mark.parametrize(
    "words",
    [
        ("mediated", "mediation", "mediator", "mediators", "mediate"),
        ("held", "hold", "holds", "holding"),
        ("agreed", "agrees", "agreement", "agreements", "agree"),
        ("insurers", "insurer", "insurance"),
        ("offer", "offered", "offers"),
        ("talks", "talk"),
        ("detainees", "detainee"),
        ("negotiators", "negotiations", "negotiate"),
        ("delivered", "deliver"),
        ("countries", "country"),
    ],
)
def test_forms_of_a_word_share_a_stem(words: tuple[str, ...]) -> None:
    assert len({stem(w) for w in words}) == 1


@pytest.mark.parametrize("a, b", [("water", "wat"), ("order", "ord"), ("need", "ne")])
def test_short_words_are_not_cut_to_nothing(a: str, b: str) -> None:
    assert stem(a) != b


def test_tokens_split_hyphens_and_apostrophes() -> None:
    assert tokens("A thirty-day truce, Russia’s offer") == [
        "a",
        "thirty",
        "day",
        "truce",
        "russia",
        "s",
        "offer",
    ]


def test_content_stems_drop_function_and_frame_words() -> None:
    assert content_stems("What happened when the talks took place in Geneva?") == ["talk", "geneva"]


def test_synonyms_are_symmetric_and_exclude_the_word() -> None:
    mediate = stem("mediated")
    assert stem("brokered") in synonyms(mediate)
    assert mediate in synonyms(stem("brokered"))
    assert mediate not in synonyms(mediate)
    assert synonyms("zzz") == frozenset()
