"""Stance cues and the FNC-1 scorer on sentences written for the test (no model)."""

from __future__ import annotations

from newsprism.compare.stance import (
    Features,
    decide,
    hedging_rate,
    refuting_cues,
    sentence_relation,
    split_sentences,
)
from support import load_bench

bench = load_bench("stance")


def test_refuting_and_hedging_cues() -> None:
    assert refuting_cues("The ministry denied the report, calling it a hoax.") == 2
    assert refuting_cues("There is no evidence the port was mined.") >= 2
    assert refuting_cues("The port reopened on Friday.") == 0
    assert hedging_rate("The port reportedly reopened, sources claim.") > 0.2
    assert hedging_rate("The port reopened on Friday.") == 0


def test_sentence_relation() -> None:
    a = "The navy lifted the blockade of Lysa harbour on Friday."
    assert (
        sentence_relation(a, "The blockade of Lysa harbour was lifted by the navy on Friday.", 0.9)
        == "agree"
    )
    assert (
        sentence_relation(a, "Officials denied that the blockade of Lysa harbour was lifted.", 0.8)
        == "disagree"
    )
    assert (
        sentence_relation(a, "The navy did not lift the blockade of Lysa harbour.", 0.85)
        == "disagree"
    )
    assert (
        sentence_relation(a, "The navy reportedly lifted the Lysa blockade, sources claim.", 0.8)
        == "discuss"
    )
    assert sentence_relation(a, "Grain prices rose in Chicago.", 0.1) == "unrelated"


def test_decide_follows_its_thresholds() -> None:
    base = dict(similarity=0.8, overlap=0.8, refuting=0, hedging=0.0, best=0)
    assert decide(Features(**base)) == "agree"
    assert decide(Features(**{**base, "refuting": 3})) == "disagree"
    assert decide(Features(**{**base, "hedging": 0.3})) == "discuss"
    assert decide(Features(**{**base, "similarity": 0.1, "overlap": 0.0})) == "unrelated"


def test_split_sentences() -> None:
    text = 'He said it was fake. "It never happened," she said.\nA new paragraph.'
    assert split_sentences(text) == [
        "He said it was fake.",
        '"It never happened," she said.',
        "A new paragraph.",
    ]


def test_fnc_score_weights_relatedness_and_the_related_label() -> None:
    gold = ["agree", "discuss", "unrelated", "disagree"]
    assert bench.fnc_score(gold, gold) == 100.0
    # max = 1 + 1 + 0.25 + 1 = 3.25; all "unrelated" earns only the unrelated pair's 0.25
    assert abs(bench.fnc_score(gold, ["unrelated"] * 4) - 100 * 0.25 / 3.25) < 1e-9
    # related/unrelated right everywhere, labels wrong: 4 x 0.25
    assert (
        abs(bench.fnc_score(gold, ["discuss", "agree", "unrelated", "agree"]) - 100 / 3.25) < 1e-9
    )
    f1 = bench.class_f1(gold, ["agree", "agree", "unrelated", "disagree"])
    assert f1["agree"] == 2 / 3 and f1["discuss"] == 0.0 and f1["unrelated"] == 1.0


def test_halves_are_stable_and_split_by_body() -> None:
    halves = {bench.half_of(str(i)) for i in range(50)}
    assert halves == {"tune", "held-out"}
    assert bench.half_of("17") == bench.half_of("17")
