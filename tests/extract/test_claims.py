"""Atomic claims on invented sentences: clause splitting, kinds, slots."""

from __future__ import annotations

import datetime as dt

from newsprism.extract.claims import claims_in_text, month_interval
from newsprism.extract.parse import parse_texts
from newsprism.model import FoundClaim

PUBLISHED = dt.date(2025, 9, 13)


def claims(
    text: str,
    names: list[tuple[int, int, str]] | None = None,
    times: list[tuple[int, int, str, str]] | None = None,
) -> list[tuple[str, FoundClaim]]:
    (pieces,) = parse_texts([text])
    found = claims_in_text(text, pieces, names or [], times or [], PUBLISHED)
    return [(text[c.span[0] : c.span[1]], c) for c in found]


def name(text: str, word: str, label: str = "PERSON") -> tuple[int, int, str]:
    start = text.index(word)
    return start, start + len(word), label


def test_conjoined_clauses_with_their_own_subjects_are_separate_claims() -> None:
    text = "Valdoria released the sailors on Friday, and Ostrava-Marenne freed the fishermen."
    texts = [t for t, _ in claims(text)]
    assert "Ostrava-Marenne freed the fishermen" in texts
    assert any(t.startswith("Valdoria released the sailors on Friday") for t in texts)


def test_reported_speech_is_the_content_clause_attributed_to_the_speaker() -> None:
    text = "Marek said that the navy had withdrawn its ships from the harbour."
    ((clause, claim),) = claims(text, [name(text, "Marek")])
    assert clause == "the navy had withdrawn its ships from the harbour"
    assert claim.attribution == (0, 5)
    assert claim.hedged


def test_relative_clause_on_a_name_is_a_claim_about_that_name() -> None:
    text = "Prime Minister Tomas Renaud, who flew to Geneva on Thursday, signed the deal."
    found = claims(text, [name(text, "Tomas Renaud")])
    rel = [c for t, c in found if t.startswith("who flew")]
    assert rel and rel[0].subject == (15, 27) and rel[0].lemma == "fly"


def test_negation_and_counts() -> None:
    text = "Renaud did not travel to Geneva. The two sides agreed to exchange 46 detainees."
    found = dict(claims(text))
    assert found["Renaud did not travel to Geneva"].negated
    exchange = next(c for t, c in found.items() if "46" in t)
    assert (46.0, "detainee") in {n[:2] for n in exchange.numbers}
    assert not exchange.negated


def test_kinds_keep_opinions_forecasts_and_questions_apart_from_facts() -> None:
    kinds = {
        t: c.kind
        for text in (
            "The navy lifted the blockade of the harbour on Friday.",
            "The delegations will meet again in Geneva next month.",
            "The government should release the sailors at once.",
            "Will the ceasefire hold through the winter months?",
        )
        for t, c in claims(text)
    }
    assert sorted(kinds.values()) == ["fact", "forecast", "opinion", "question"]


def test_headings_and_residue_are_not_claims() -> None:
    assert claims("Related Sources:") == []
    assert claims("Looking Ahead") == []


def test_first_since_gives_the_months_of_the_previous_time() -> None:
    text = "The talks were the first direct talks between the two governments since March 2019."
    at = text.index("March 2019")
    ((_, c),) = claims(text, times=[(at, at + 10, "2019-03", "month")])
    assert c.since == ("2019-03", "2019-03", "talks")


def test_first_in_n_years_counts_back_from_publication() -> None:
    text = "It was the first direct meeting of the two governments in four years."
    ((_, c),) = claims(text)
    assert c.since == ("2020-09", "2022-09", "talks")  # 3 to 5 years before Sept 2025
    text = "For the first time in nearly two years, the two sides held talks in Geneva."
    ((_, c),) = claims(text)
    assert c.since == ("2023-09", "2024-03", "talks")


def test_a_first_of_something_else_has_no_since() -> None:
    text = "It was the first concrete gain since the blockade began in March 2021."
    at = text.index("March 2021")
    ((_, c),) = claims(text, times=[(at, at + 10, "2021-03", "month")])
    assert c.since is not None and c.since[2] == "gain"


def test_month_interval() -> None:
    assert month_interval("2022", "year") == ("2022-01", "2022-12")
    assert month_interval("2019-SP", "season") == ("2019-03", "2019-05")
    assert month_interval("2025-05-15", "day") == ("2025-05", "2025-05")
    assert month_interval("P4Y", "duration") is None


def test_json_round_trip() -> None:
    text = "Renaud did not travel to Geneva on Thursday with 26 sailors."
    for _, c in claims(text):
        assert FoundClaim.from_json(c.as_json()) == c
