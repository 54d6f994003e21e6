"""The event benchmark's mappings and scorer, on invented records."""

from __future__ import annotations

from support import load_bench

bench = load_bench("events")


def test_cameo_roots_map_to_plover() -> None:
    assert bench.cameo_to_plover("051") == "SUPPORT"
    assert bench.cameo_to_plover("057") == "COOPERATE"
    assert bench.cameo_to_plover("087") == "RETREAT"
    assert bench.cameo_to_plover("190") == "ASSAULT"
    assert bench.cameo_to_plover("010") is None
    assert bench.GSR_TO_PLOVER["DEMAND"] == "REQUEST"


def test_gsr_scoring_counts_type_and_actor_matches() -> None:
    records = [
        {"text": "a", "type": "REQUEST", "sources": ["Valdoria"], "targets": []},
        {"text": "b", "type": "ASSAULT", "sources": ["Ostravan navy"], "targets": ["Lysa"]},
        {"text": "c", "type": "AGREE", "sources": ["Valdoria"], "targets": []},
    ]
    coded = [
        [{"type": "REQUEST", "actor_text": "the Valdoria government", "target_text": None}],
        [
            {"type": "ACCUSE", "actor_text": None, "target_text": None},
            {"type": "ASSAULT", "actor_text": "navy", "target_text": "Lysa harbour"},
        ],
        [],
    ]
    scores = bench.score_gsr(records, coded)
    assert scores["accuracy_at_1"] == round(1 / 3, 4)
    assert scores["recall_any"] == round(2 / 3, 4)
    assert scores["coverage"] == round(2 / 3, 4)
    assert scores["actor_match"] == 1.0 and scores["target_match"] == 1.0


def test_petrarch_scoring_is_over_type_sets() -> None:
    records = [{"text": "a", "types": ["CONSULT"]}, {"text": "b", "types": []}]
    coded = [[{"type": "CONSULT"}, {"type": "AGREE"}], [{"type": "ASSAULT"}]]
    scores = bench.score_petrarch(records, coded)
    assert scores["precision"] == round(1 / 3, 4)
    assert scores["recall"] == 1.0
