"""Positions merge across outlets by actor, kind and shared content words."""

from __future__ import annotations

from newsprism.extract.positions import build_positions, stems
from newsprism.model import Event, Span


def event(
    eid: str, article: str, text: str, stance: str, kind: str = "REQUEST", mode: str = "asserted"
) -> tuple[Event, Span]:
    start = text.index(stance)
    verb = text.split()[1]  # "Valdoria demands …": the trigger is the second word
    at = text.index(verb)
    sentence = Span(article_id=article, start=0, end=len(text))
    return (
        Event(
            id=eid,
            type=kind,
            actor="valdoria",
            target=None,
            actor_text="Valdoria",
            target_text=None,
            trigger=verb,
            mode=mode,  # type: ignore[arg-type]
            date=None,
            granularity=None,
            evidence=(sentence, Span(article_id=article, start=at, end=at + len(verb))),
        ),
        Span(article_id=article, start=start, end=start + len(stance)),
    )


def test_the_same_demand_from_three_outlets_is_one_position_with_three_sources() -> None:
    texts = {
        "a": "Valdoria demands an unconditional ceasefire.",
        "b": "Valdoria insists on an unconditional and lasting ceasefire.",
        "c": "Valdoria demanded an unconditional ceasefire around the port.",
        "d": "Valdoria demands the removal of the navy from Lysa.",
    }
    pairs = [
        event("1", "a", texts["a"], "an unconditional ceasefire"),
        event("2", "b", texts["b"], "an unconditional and lasting ceasefire"),
        event("3", "c", texts["c"], "an unconditional ceasefire around the port"),
        event("4", "d", texts["d"], "the removal of the navy from Lysa"),
        event("5", "d", texts["d"], "the removal of the navy", mode="hypothetical"),
    ]
    positions = build_positions([e for e, _ in pairs], [], texts, {e.id: s for e, s in pairs})
    assert [(p.kind, p.sources) for p in positions] == [
        ("demand", ("a", "b", "c")),
        ("demand", ("d",)),
    ]
    assert positions[0].stance == "an unconditional and lasting ceasefire"  # shortest of 4+ words
    assert positions[1].stance == "the removal of the navy from Lysa"


def test_stems_drop_function_words() -> None:
    assert stems("the removal of the batteries") == {"remov", "batte"}
