"""Events on invented sentences: PLOVER types, actors, targets and modes."""

from __future__ import annotations

import pytest

from newsprism.extract.events import code_texts, events_in_text
from newsprism.extract.parse import parse_texts
from newsprism.model import FoundEvent


def coded(text: str) -> list[tuple[str, str | None, str | None, str]]:
    (events,) = code_texts([text])
    return [(e["type"], e["actor_text"], e["target_text"], e["mode"]) for e in events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Valdoria accused Ostrava-Marenne of strangling its economy.", "ACCUSE"),
        ("The European Union imposed sanctions on Valdoria.", "SANCTION"),
        ("Ostrava-Marenne rejected the proposal on Monday.", "REJECT"),
        ("Valdorian troops attacked the port of Lysa.", "ASSAULT"),
        ("The talks yielded an agreement on a prisoner exchange.", "AGREE"),
        ("Valdoria sent troops to the border.", "MOBILIZE"),
        ("Switzerland sent humanitarian aid to Lysa.", "AID"),
        ("The navy pulled out of the harbour.", "RETREAT"),
        ("Marek urged Renaud to lift the blockade.", "REQUEST"),
        ("Thousands protested in Korvan.", "PROTEST"),
        ("Police arrested two journalists.", "COERCE"),
        ("Switzerland praised both delegations.", "SUPPORT"),
    ],
)
def test_types(text: str, expected: str) -> None:
    assert coded(text)[0][0] == expected


def test_reciprocal_actors_split_into_actor_and_target() -> None:
    assert coded("Valdoria and Ostrava-Marenne agreed to resume talks.")[0] == (
        "AGREE",
        "Valdoria",
        "Ostrava-Marenne",
        "asserted",
    )


@pytest.mark.parametrize(
    ("text", "kind", "mode"),
    [
        ("Marek did not attend the talks.", "CONSULT", "negated"),
        ("Renaud refused to attend the talks.", "CONSULT", "negated"),
        (
            "Marek offered to travel to Geneva if Renaud attended the talks.",
            "CONSULT",
            "hypothetical",
        ),
        ("Valdoria will attend the talks next week.", "CONSULT", "future"),
        ("Valdoria said it would attend the talks.", "CONSULT", "future"),
        ("Ostrava-Marenne is not prepared to discuss concessions.", "CONSULT", "negated"),
    ],
)
def test_modes(text: str, kind: str, mode: str) -> None:
    events = [e for e in coded(text) if e[0] == kind]
    assert events and events[-1][3] == mode, coded(text)


def test_a_conditional_sanction_in_reported_speech_is_a_threat_by_the_speaker() -> None:
    text = (
        "The leaders of France and Germany stated that if Marek did not accept a ceasefire, "
        "Europe would impose additional sanctions on Valdoria."
    )
    found = coded(text)
    threat = next(e for e in found if e[0] == "THREATEN")
    assert threat[1].startswith("The leaders of France")
    sanction = next(e for e in found if e[0] == "SANCTION")
    assert sanction[3] == "hypothetical"


def test_words_inside_quotation_marks_are_not_narrated_events() -> None:
    assert coded("Marek described “attack and retreat” tactics at length.") == []


def test_date_comes_from_the_sentence_and_survives_json() -> None:
    text = "Valdoria and Ostrava-Marenne agreed on Thursday to exchange detainees."
    (pieces,) = parse_texts([text])
    at = text.index("Thursday")
    times = [(at - 3, at + 8, "2025-09-11", "day")]
    events = events_in_text(text, pieces, times=times)
    agree = next(e for e in events if e.type == "AGREE")
    assert agree.date == ("2025-09-11", "day")
    assert text[agree.scope[0] : agree.scope[1]] == "to exchange detainees"
    assert FoundEvent.from_json(agree.as_json()) == agree


def test_every_rule_codes_one_of_the_sixteen_plover_types() -> None:
    from newsprism.extract.events import LEXICON, OBJECT_RULES, PARTICLE_RULES, TYPES

    coded = set(LEXICON.values()) | set(PARTICLE_RULES.values())
    coded |= {kind for rules in OBJECT_RULES.values() for _, kind in rules}
    assert len(TYPES) == 16 and coded <= set(TYPES)
