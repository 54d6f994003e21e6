"""The entity-resolution scorer of bench/entities.py, on a tiny hand-made report (no newsprism run)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from support import load_bench

bench = load_bench("entities")

TEXT_A = "Korvan insists on a deal. Marek met Renaud in Korvan."
TEXT_B = "Marek's envoy and the EU spoke. Valdoria agreed with Renaud."

GOLD: dict[str, Any] = {
    "entities": [
        {"name": "Ilse Marek", "kind": "person", "aliases": ["Marek"]},
        {"name": "Tomas Renaud", "kind": "person", "aliases": ["Renaud", "the prime minister"]},
        {"name": "Republic of Valdoria", "kind": "state", "aliases": ["Valdoria", "Korvan"]},
        {"name": "Korvan", "kind": "place", "aliases": []},
        {"name": "European Union", "kind": "organisation", "aliases": ["EU"]},
        {"name": "Lysa Accord", "kind": "agreement", "aliases": []},
    ],
    "contexts": [
        {
            "file": "a.txt",
            "text": "Korvan insists on",
            "mention": "Korvan",
            "refers_to": "Republic of Valdoria",
        },
    ],
}


def _span(article_id: str, text: str, surface: str, nth: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return {"article_id": article_id, "start": start, "end": start + len(surface)}


def _a(surface: str, nth: int = 0) -> dict[str, Any]:
    return _span("A", TEXT_A, surface, nth)


def _b(surface: str) -> dict[str, Any]:
    return _span("B", TEXT_B, surface)


def _entity(entity_id: str, kind: str, *mentions: dict[str, Any]) -> dict[str, Any]:
    return {"id": entity_id, "name": entity_id, "kind": kind, "aliases": [], "mentions": mentions}


def _report(*entities: dict[str, Any]) -> dict[str, Any]:
    return {
        "articles": [
            {"id": "A", "input": "corpus/a.txt", "text": TEXT_A, "analysed": True},
            {"id": "B", "input": "corpus/wire.jsonl:1", "text": TEXT_B, "analysed": True},
        ],
        "stories": [{"id": "S", "article_ids": ["A", "B"], "entities": list(entities)}],
    }


MAREK = _entity("Marek", "person", _a("Marek"), _b("Marek's"))
RENAUD = _entity("Renaud", "person", _a("Renaud"), _b("Renaud"))
VALDORIA = _entity("Valdoria", "state", _a("Korvan"), _b("Valdoria"))
KORVAN_PLACE = _entity("Korvan", "place", _a("Korvan", nth=1))
EU = _entity("EU", "organisation", _b("EU"))


def test_normalise_and_record_keys() -> None:
    assert bench.normalise("  The  Marek’s ") == "marek"
    assert bench.normalise("Ilse\nMarek's") == "ilse marek"
    assert bench.normalise("ＥＵ") == "eu"  # NFKC
    assert bench.record_key("x/wire.jsonl:1") == ("wire.jsonl", 0)
    assert bench.record_key("x/feed.json[2]") == ("feed.json", 2)
    assert bench.record_key("x/feed.xml#1") == ("feed.xml", 1)
    assert bench.record_key("x/a.txt") == ("a.txt", 0)
    assert bench.gold_key("wire.jsonl#0") == ("wire.jsonl", 0)


def test_perfect_clustering() -> None:
    result = bench.score(_report(MAREK, RENAUD, VALDORIA, KORVAN_PLACE, EU), GOLD)
    m = result.metrics()
    assert (m["mentions"], m["labelled"], m["ambiguous"], m["unmatched"]) == (8, 7, 1, 0)
    assert (m["pairwise_precision"], m["pairwise_recall"], m["pairwise_f1"]) == (1.0, 1.0, 1.0)
    assert (m["b3_precision"], m["b3_recall"], m["b3_f1"]) == (1.0, 1.0, 1.0)
    # Capitalised gold forms in the texts: Korvan x2, Marek, Renaud (A); Marek, EU, Valdoria,
    # Renaud (B) -- all overlapped by a system mention.
    assert (m["mention_recall_found"], m["mention_recall_total"]) == (8, 8)
    assert m["mention_recall"] == 1.0
    assert (m["kind_accuracy"], m["kind_clusters"]) == (1.0, 4)
    assert (m["wrong_merges"], m["split_entities"]) == (0, 0)
    assert m["seconds"] is None


def test_wrong_merge_costs_precision_not_recall() -> None:
    merged = _entity("Marek", "person", _a("Marek"), _b("Marek's"), _a("Renaud"), _b("Renaud"))
    result = bench.score(_report(merged, VALDORIA, EU), GOLD)
    m = result.metrics()
    # System pairs: C(4,2) + 1 = 7, of which 1 + 1 + 1 = 3 share a label; gold pairs 3.
    assert m["pairwise_precision"] == pytest.approx(round(3 / 7, 4))
    assert m["pairwise_recall"] == 1.0
    assert m["pairwise_f1"] == pytest.approx(round(2 * (3 / 7) / (1 + 3 / 7), 4))
    # B-cubed precision: four mentions at 2/4, three at 1 -> 5/7.
    assert m["b3_precision"] == pytest.approx(round(5 / 7, 4))
    assert m["b3_recall"] == 1.0
    assert m["wrong_merges"] == 1
    assert result.wrong_merges == [
        {"cluster": "Marek", "story": "S", "gold": {"Ilse Marek": 2, "Tomas Renaud": 2}}
    ]
    assert m["split_entities"] == 0
    assert m["kind_accuracy"] == 1.0  # the tie goes to "Ilse Marek", a person


def test_split_costs_recall_not_precision() -> None:
    marek_a = _entity("Marek", "person", _a("Marek"))
    marek_b = _entity("Marek's envoy", "person", _b("Marek's"))
    result = bench.score(_report(marek_a, marek_b, RENAUD, VALDORIA, EU), GOLD)
    m = result.metrics()
    # System pairs 2, both right; gold pairs 3.
    assert m["pairwise_precision"] == 1.0
    assert m["pairwise_recall"] == pytest.approx(round(2 / 3, 4))
    assert m["b3_precision"] == 1.0
    assert m["b3_recall"] == pytest.approx(round(6 / 7, 4))  # two mentions at 1/2, five at 1
    assert (m["wrong_merges"], m["split_entities"]) == (0, 1)
    assert result.split_entities == [
        {
            "entity": "Ilse Marek",
            "clusters": [
                {"name": "Marek", "story": "S", "mentions": 1},
                {"name": "Marek's envoy", "story": "S", "mentions": 1},
            ],
        }
    ]


def test_ambiguous_mention_decided_by_a_context() -> None:
    result = bench.score(_report(VALDORIA, KORVAN_PLACE), GOLD)
    by_span = {(x.article_id, x.start): x for x in result.mentions}
    first, second = _a("Korvan"), _a("Korvan", nth=1)
    decided = by_span["A", first["start"]]
    assert (decided.status, decided.label, decided.by_context) == (
        "labelled",
        "Republic of Valdoria",
        True,
    )
    undecided = by_span["A", second["start"]]
    assert (undecided.status, undecided.label) == ("ambiguous", None)
    m = result.metrics()
    assert (m["labelled"], m["ambiguous"]) == (2, 1)
    # Without the context both "Korvan" mentions are ambiguous.
    no_context = bench.score(_report(VALDORIA, KORVAN_PLACE), {**GOLD, "contexts": []})
    assert no_context.metrics()["ambiguous"] == 2


def test_harbour_style_metonyms_and_places() -> None:
    gold = {
        "entities": [
            *GOLD["entities"],
            {"name": "Korvan navy", "kind": "organisation", "aliases": []},
        ],
        "metonyms": [
            {"file": "a.txt", "text": "Korvan insists on", "refers_to": "Republic of Valdoria"},
            {
                "file": "x.md",
                "text": "Korvan wants the Korvan navy gone",
                "refers_to": "Republic of Valdoria",
            },
        ],
        "places_not_metonyms": [{"file": "a.txt", "text": "met Renaud in Korvan"}],
    }
    loaded = bench.load_gold(gold)
    assert [(c.mention, c.refers_to) for c in loaded.contexts] == [
        ("Korvan", "Republic of Valdoria"),
        ("Korvan", "Republic of Valdoria"),  # the refers_to entity's own alias, not the longer name
        ("Korvan", "Korvan"),
    ]
    result = bench.score(_report(VALDORIA, KORVAN_PLACE), gold)
    labels = sorted((x.start, x.label) for x in result.mentions if x.text == "Korvan")
    assert labels == [(0, "Republic of Valdoria"), (TEXT_A.rindex("Korvan"), "Korvan")]
    assert result.metrics()["ambiguous"] == 0
    assert result.metrics()["kind_accuracy"] == 1.0


def test_unmatched_mention_is_counted_and_left_out_of_the_scores() -> None:
    spurious = _entity("deal", "other", _a("deal"))
    result = bench.score(_report(MAREK, RENAUD, VALDORIA, EU, spurious), GOLD)
    m = result.metrics()
    assert (m["mentions"], m["labelled"], m["unmatched"]) == (8, 7, 1)
    assert [x.text for x in result.mentions if x.status == "unmatched"] == ["deal"]
    assert (m["pairwise_precision"], m["pairwise_recall"], m["b3_f1"]) == (1.0, 1.0, 1.0)
    assert m["kind_clusters"] == 4  # the spurious cluster has no gold entity to check against
    # The second "Korvan" is in no system cluster here.
    assert (m["mention_recall_found"], m["mention_recall_total"]) == (7, 8)


def test_wrong_kind_and_other_kinds() -> None:
    wrong = copy.deepcopy(EU)
    wrong["kind"] = "person"
    m = bench.score(_report(MAREK, RENAUD, VALDORIA, wrong), GOLD).metrics()
    assert m["kind_accuracy"] == 0.75
    assert bench.kind_matches("organization", "organisation")
    assert bench.kind_matches("other", "agreement")
    assert bench.kind_matches("event", "other")
    assert not bench.kind_matches("place", "agreement")


def test_report_without_entities_scores_nothing_without_crashing() -> None:
    m = bench.score(_report(), GOLD).metrics(seconds=1.234)
    assert (m["mentions"], m["labelled"], m["ambiguous"], m["unmatched"]) == (0, 0, 0, 0)
    for key in ("pairwise_precision", "pairwise_recall", "pairwise_f1", "b3_f1", "kind_accuracy"):
        assert m[key] is None
    assert (m["mention_recall"], m["mention_recall_total"]) == (0.0, 8)
    assert (m["wrong_merges"], m["split_entities"], m["seconds"]) == (0, 0, 1.23)
