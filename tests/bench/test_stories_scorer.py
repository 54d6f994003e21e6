"""The story-clustering benchmark's scorer and text rebuilding, on small hand-made cases."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from support import load_bench

stories = load_bench("stories")

GOLD = ["a", "a", "a", "b", "b", "c"]


def tokens(line: str) -> list[str]:
    return line.split()


def test_bcubed_textbook_example() -> None:
    # predicted clusters {0,1} and {2,3,4,5}; gold a={0,1,2}, b={3,4}, c={5}
    # precision per item: 1, 1, 1/4, 2/4, 2/4, 1/4 → 3.5/6 = 7/12
    # recall per item:  2/3, 2/3, 1/3, 1, 1, 1     → (14/3)/6 = 7/9
    # F1 = 2·(7/12)(7/9) / (7/12 + 7/9) = 2/3
    m = stories.score([1, 1, 2, 2, 2, 2], GOLD)
    assert m["b3_p"] == pytest.approx(7 / 12)
    assert m["b3_r"] == pytest.approx(7 / 9)
    assert m["b3_f1"] == pytest.approx(2 / 3)
    assert (m["clusters"], m["singletons"], m["gold_clusters"], m["docs"]) == (2, 0, 3, 6)
    # best one-to-one mapping: 1→a (2 docs), 2→b (2 docs); c is left unmatched
    assert m["acc"] == pytest.approx(4 / 6)


def test_perfect_clustering_under_other_names() -> None:
    m = stories.score(["x", "x", "x", "y", "y", "z"], GOLD)
    for key in ("b3_p", "b3_r", "b3_f1", "nmi", "acc"):
        assert m[key] == pytest.approx(1.0)
    assert m["singletons"] == 1


def test_everything_in_one_cluster() -> None:
    m = stories.score(["all"] * 6, GOLD)
    assert m["b3_p"] == pytest.approx((3 * 3 + 2 * 2 + 1 * 1) / 36)  # Σ|class|² / N²
    assert m["b3_r"] == pytest.approx(1.0)
    assert m["b3_f1"] == pytest.approx(2 * (7 / 18) / (7 / 18 + 1))
    assert m["nmi"] == 0.0  # one predicted cluster carries no information
    assert m["acc"] == pytest.approx(3 / 6)  # the one cluster maps to the largest class
    assert (m["clusters"], m["singletons"]) == (1, 0)


def test_every_document_alone() -> None:
    m = stories.score(list(range(6)), GOLD)
    assert m["b3_p"] == pytest.approx(1.0)
    assert m["b3_r"] == pytest.approx((3 * (1 / 3) + 2 * (1 / 2) + 1) / 6)
    assert m["acc"] == pytest.approx(3 / 6)  # one document per gold class
    assert (m["clusters"], m["singletons"]) == (6, 6)


def test_one_cluster_each_side_is_perfect() -> None:
    m = stories.score([7, 7, 7], ["g", "g", "g"])
    assert m["nmi"] == 1.0 and m["acc"] == 1.0 and m["b3_f1"] == 1.0


def test_acc_finds_the_permutation() -> None:
    gold = [0, 0, 1, 1, 2, 2]
    assert stories.score([2, 2, 0, 0, 1, 1], gold)["acc"] == pytest.approx(1.0)
    # 1→0 (2 docs), 0→1 (2 of its 3), 2→2 (1 doc): 5 of 6
    assert stories.score([1, 1, 0, 0, 0, 2], gold)["acc"] == pytest.approx(5 / 6)


def test_nmi_independent_labellings_is_zero() -> None:
    assert stories.score([0, 1, 0, 1], ["a", "a", "b", "b"])["nmi"] == pytest.approx(0.0)


def test_nmi_by_hand() -> None:
    # gold {0,1},{2,3}; predicted {0,1,2},{3}: MI = 1.5·ln 2 − ¾·ln 3, H(gold) = ln 2,
    # H(pred) = ln 4 − ¾·ln 3
    mi = 1.5 * np.log(2) - 0.75 * np.log(3)
    mean_h = (np.log(2) + np.log(4) - 0.75 * np.log(3)) / 2
    assert stories.score([0, 0, 0, 1], [0, 0, 1, 1])["nmi"] == pytest.approx(mi / mean_h)


@pytest.mark.skipif(importlib.util.find_spec("sklearn") is None, reason="needs scikit-learn")
def test_nmi_matches_scikit_learn() -> None:
    from sklearn.metrics import normalized_mutual_info_score

    rng = np.random.default_rng(7)
    for n, k_gold, k_pred in [(50, 3, 5), (200, 10, 4), (300, 20, 60), (40, 40, 1)]:
        gold = rng.integers(0, k_gold, n)
        pred = np.where(rng.random(n) < 0.6, gold, rng.integers(0, k_pred, n))
        ours = stories.score(pred.tolist(), gold.tolist())["nmi"]
        assert ours == pytest.approx(normalized_mutual_info_score(gold, pred), abs=1e-10)


def test_labels_compare_as_strings_and_lengths_must_agree() -> None:
    assert stories.score([1, 1, 2], ["1", "1", "2"])["acc"] == pytest.approx(1.0)
    with pytest.raises(ValueError):
        stories.score([1, 2], GOLD)


def test_detokenize_ptb_line() -> None:
    line = (
        "`` We wo n't sell , '' the mayor 's aide said -LRB- twice -RRB- ; "
        "it costs $ 5 million , or 10 % more ... You 're sure ?"
    )
    assert stories.detokenize(line) == (
        "\"We won't sell,\" the mayor's aide said (twice); "
        "it costs $5 million, or 10% more... You're sure?"
    )


def test_detokenize_straight_quotes_and_split_apostrophes() -> None:
    line = 'the council ’ s vote , " a first , " she said " today "'
    assert stories.detokenize(line) == 'the council’s vote, "a first," she said "today"'


def test_ecb_title_url_and_dateline() -> None:
    sentences = [
        tokens("http : / / www . example . org / news / 1"),
        tokens("Posted : May 3 , 2013 11 : 06 PM"),
        tokens("Harbour board sacks its chair"),
        tokens("The board voted on Tuesday , officials said ."),
    ]
    title, text, datelines = stories.ecb_title_and_text(sentences)
    assert title == "Harbour board sacks its chair"
    assert text == "The board voted on Tuesday, officials said."
    assert datelines == 1


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted : Apr 02 , 2009 11 : 06 PM CEST", True),
        ("Thursday , March 4 , 2027", True),
        ("12 / 23 / 12 06 : 03 PM ET", True),
        ("Harbourtown , Nov 11 -", True),  # a place and a date
        ("The mill burned down on March 4 , 2027 .", False),
        ("Mayor wins 2027 vote", False),  # a year alone does not make a dateline
        ("Ellen Example to host 2027 Awards", False),
    ],
)
def test_is_dateline(line: str, expected: bool) -> None:
    assert stories.is_dateline(tokens(line)) is expected


def test_ecb_no_title_when_the_first_line_is_a_sentence() -> None:
    sentences = [
        tokens("A fire destroyed the old mill on Friday ."),
        tokens("No one was hurt ."),
    ]
    title, text, datelines = stories.ecb_title_and_text(sentences)
    assert title is None
    assert text == "A fire destroyed the old mill on Friday.\nNo one was hurt."
    assert datelines == 0


def test_shuffled_order_is_fixed_and_limit_is_a_prefix() -> None:
    full = stories.shuffled_order(100)
    assert sorted(full.tolist()) == list(range(100))
    assert full.tolist() == stories.shuffled_order(100).tolist()
    assert stories.shuffled_order(100, 10).tolist() == full[:10].tolist()
