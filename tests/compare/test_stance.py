"""Stance cues, the sentence-pair rules, the body model and the FNC-1 scorer.

Every sentence here is written for the test; nothing is read from ../shared and the embedding
model is not loaded (the body model runs on a bag-of-words stand-in encoder)."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.compare.stance import (
    FEATURES,
    Decision,
    Features,
    StanceModel,
    hedges,
    negated,
    refutes,
    refuting_cues,
    sentence_relation,
    split_sentences,
)
from support import WordEncoder, load_bench

bench = load_bench("stance")


# --- cues ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The ministry denied the report, calling it a hoax.",
        "There is no evidence the port was mined.",
        "Fact-checkers debunked the photo of the flooded runway.",
        "That account is not true, the mayor's office said.",
        "The agency rejected the report as baseless.",
    ],
)
def test_refuting_cues_fire(text: str) -> None:
    assert refutes(text)


@pytest.mark.parametrize(
    "text",
    [
        "The port reopened on Friday after a week of repairs.",
        "Protesters staged a march to the parliament.",
        "The city lies on the eastern bank of the river.",
    ],
)
def test_plain_statements_do_not_refute(text: str) -> None:
    assert not refutes(text)


def test_refuting_cues_count_words_and_phrases() -> None:
    assert refuting_cues("Officials denied it; the video was fake.") == 2
    assert refuting_cues("There is no evidence, and the story is not true.") == 3


def test_hedging_and_negation() -> None:
    assert hedges("The port has reportedly reopened.")
    assert hedges("According to local media, the port reopened.")
    assert hedges("The port may reopen next week.")
    assert not hedges("The port reopened on Friday.")
    assert negated("The minister did not travel to Oslo.")
    assert negated("The minister didn't travel to Oslo.")
    assert not negated("The minister travelled to Oslo.")


# --- aligned sentences -----------------------------------------------------------------------

CLAIM = "The navy lifted the blockade of Lysa harbour on Friday."


def test_paraphrase_agrees() -> None:
    b = "On Friday the navy ended its blockade of Lysa harbour."
    assert sentence_relation(CLAIM, b, 0.88) == "agree"


def test_denial_disagrees() -> None:
    b = "Officials denied that the blockade of Lysa harbour was lifted."
    assert sentence_relation(CLAIM, b, 0.8) == "disagree"


def test_negation_mismatch_disagrees() -> None:
    assert sentence_relation(CLAIM, "The navy did not lift the Lysa blockade on Friday.", 0.85) == (
        "disagree"
    )
    assert (
        sentence_relation(
            "The minister did not travel to Oslo.", "The minister travelled to Oslo.", 0.9
        )
        == "disagree"
    )


def test_opposite_words_disagree_only_when_one_sided() -> None:
    assert sentence_relation("Grain exports rose in May.", "Grain exports fell in May.", 0.9) == (
        "disagree"
    )
    both = "Grain exports rose while imports fell in May."
    assert sentence_relation(both, "In May exports rose and imports fell.", 0.9) == "agree"


def test_hedged_report_discusses() -> None:
    b = "The navy has reportedly lifted the Lysa blockade, according to unnamed sources."
    assert sentence_relation(CLAIM, b, 0.8) == "discuss"
    # hedged on both sides is no change of stance
    a = "The navy may lift the blockade of Lysa harbour on Friday."
    assert sentence_relation(a, "The navy could lift the Lysa blockade on Friday.", 0.9) == "agree"


def test_unrelated_sentence() -> None:
    assert sentence_relation(CLAIM, "Grain prices rose in Chicago.", 0.1) == "unrelated"
    # low cosine but the same content words still counts as related
    b = "Lysa harbour blockade lifted by navy Friday, officials deny."
    assert sentence_relation(CLAIM, b, 0.2) == "disagree"


# --- bodies ----------------------------------------------------------------------------------


def test_split_sentences_gives_ranges_into_the_text() -> None:
    text = 'He said it was fake. "It never happened," she said.\nA new paragraph.  ok'
    ranges = split_sentences(text)
    assert [text[s:e] for s, e in ranges] == [
        "He said it was fake.",
        '"It never happened," she said.',
        "A new paragraph.  ok",
    ]


BODY_DENIAL = (
    "Rumours spread on Monday that the Lysa harbour was closed to shipping. "
    "Port officials denied the report and called it a hoax. "
    "There is no evidence that the harbour was ever closed, they said. "
    "Ships kept arriving all week."
)
BODY_OTHER = "The football club signed a new goalkeeper. He arrives from Porto next month."


def test_stance_model_names_the_closest_sentence() -> None:
    model = StanceModel(WordEncoder())
    claim = "Lysa harbour closed to shipping"
    result = model.stance(claim, BODY_DENIAL)
    assert BODY_DENIAL[result.start : result.end] == (
        "Rumours spread on Monday that the Lysa harbour was closed to shipping."
    )
    assert result.sentence == 0
    assert result.relatedness > 0.5
    assert result.label == "disagree"
    assert model.stance(claim, BODY_OTHER).label == "unrelated"


def test_batched_stances_embed_each_text_once() -> None:
    encoder = WordEncoder()
    model = StanceModel(encoder)
    claims = ("Lysa harbour closed to shipping", "A new goalkeeper joins the club")
    pairs = [(c, b) for c in claims for b in (BODY_DENIAL, BODY_OTHER)] * 2
    results = model.stances(pairs)
    assert len(results) == len(pairs)
    assert len(encoder.seen) == len(set(encoder.seen)) == 2 + 4 + 2
    assert results[0] == model.stance(*pairs[0])


def test_decision_follows_its_thresholds_and_weights() -> None:
    n = len(FEATURES)
    values = [0.0] * n
    values[FEATURES.index("similarity")] = 0.8
    f = Features(values=tuple(values), best=0, best_range=(0, 5))
    bias_only = [[0.0] * n + [b] for b in (0.0, 1.0, 0.5)]  # disagree has the largest bias
    decision = Decision(weights=tuple(tuple(row) for row in bias_only), means=(0.0,) * n)
    assert decision.label(f) == "disagree"
    assert Decision(related_similarity=0.9, related_overlap=0.9).label(f) == "unrelated"


# --- the FNC-1 benchmark's scorer and fitting ------------------------------------------------


def test_fnc_score_weights_relatedness_and_the_related_label() -> None:
    gold = ["agree", "discuss", "unrelated", "disagree"]
    assert bench.fnc_score(gold, gold) == 100.0
    # max = 1 + 1 + 0.25 + 1 = 3.25; all "unrelated" earns only the unrelated pair's 0.25
    assert bench.fnc_score(gold, ["unrelated"] * 4) == pytest.approx(100 * 0.25 / 3.25)
    # related/unrelated right everywhere, every related label wrong: 4 x 0.25
    wrong = ["discuss", "agree", "unrelated", "agree"]
    assert bench.fnc_score(gold, wrong) == pytest.approx(100 / 3.25)
    # one related pair called unrelated loses its whole 1.0; an unrelated one called
    # "discuss" loses its 0.25
    assert bench.fnc_score(gold, ["agree", "unrelated", "discuss", "disagree"]) == pytest.approx(
        100 * 2 / 3.25
    )


def test_class_f1_and_confusion() -> None:
    gold = ["agree", "agree", "discuss", "unrelated", "disagree"]
    pred = ["agree", "discuss", "discuss", "unrelated", "agree"]
    f1 = bench.class_f1(gold, pred)
    assert f1["agree"] == pytest.approx(0.5)  # tp 1, fp 1, fn 1
    assert f1["discuss"] == pytest.approx(2 / 3)  # tp 1, fp 1
    assert f1["disagree"] == 0.0 and f1["unrelated"] == 1.0
    m = bench.metrics(gold, pred)
    assert m["confusion"]["agree"]["discuss"] == 1
    assert m["confusion"]["disagree"]["agree"] == 1
    assert m["relatedness_accuracy"] == 100.0
    assert m["macro_f1"] == pytest.approx((0.5 + 2 / 3 + 0 + 1) / 4, abs=1e-4)


def test_halves_are_stable_and_claim_groups_join_bodies_by_headline() -> None:
    halves = [bench.half_of(str(i)) for i in range(60)]
    assert set(halves) == {"tune", "held-out"}
    assert halves == [bench.half_of(str(i)) for i in range(60)]
    pairs = [
        bench.Pair(headline="Port closed", body_id="1", stance="agree"),
        bench.Pair(headline="Port closed", body_id="2", stance="discuss"),
        bench.Pair(headline="Port closed", body_id="3", stance="unrelated"),
        bench.Pair(headline="Goalkeeper signed", body_id="3", stance="agree"),
    ]
    group = bench.claim_groups(pairs)
    assert group["1"] == group["2"] != group["3"]


def test_fit_softmax_separates_three_clusters() -> None:
    rng = np.random.default_rng(0)
    centres = np.array([[2.0, 0.0], [-2.0, 0.0], [0.0, 2.5]])
    y = np.repeat([0, 1, 2], 40)
    x = centres[y] + rng.normal(scale=0.5, size=(120, 2))
    w = bench.fit_softmax(x, list(y), 3, l2=0.01)
    pred = np.argmax(np.hstack([x, np.ones((120, 1))]) @ w.T, axis=1)
    assert (pred == y).mean() > 0.95


def test_module_constants_fit_the_features_and_round_trip_through_the_snippet() -> None:
    from newsprism.compare import stance

    assert len(stance.MEANS) == len(stance.SCALES) == len(FEATURES)
    assert [len(row) for row in stance.WEIGHTS] == [len(FEATURES) + 1] * 3
    snippet = bench.constants_snippet(stance.DEFAULT_DECISION)
    assert max(len(line) for line in snippet.splitlines()) <= 100
    names: dict[str, object] = {}
    exec(snippet, names)
    assert names["WEIGHTS"] == stance.WEIGHTS
    assert names["MEANS"] == stance.MEANS
    assert names["RELATED_SIMILARITY"] == stance.RELATED_SIMILARITY
