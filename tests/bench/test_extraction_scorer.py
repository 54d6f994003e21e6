"""The shingle scorer of bench/extraction.py, on small hand-made texts (no benchmark data)."""

from __future__ import annotations

import pytest

from support import load_bench

bench = load_bench("extraction")


def test_identical_text_scores_one() -> None:
    text = "The council voted on Tuesday to close the old bridge for repairs."
    score = bench.score_page(text, text)
    assert (score.precision, score.recall, score.f1, score.exact) == (1.0, 1.0, 1.0, True)


def test_punctuation_and_spacing_are_ignored_but_case_is_not() -> None:
    assert bench.score_page("Hello,   world!", "Hello world").exact
    assert bench.score_page("hello world", "Hello world").f1 == 0.0


def test_disjoint_text_scores_zero() -> None:
    score = bench.score_page("alpha beta gamma delta epsilon", "one two three four five")
    assert (score.tp, score.fp, score.fn) == (0, 2, 2)
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)


def test_extra_trailing_word_costs_precision_only() -> None:
    # truth shingles: abcd, bcde; prediction adds cdef -> TP 2, FP 1, FN 0.
    score = bench.score_page("a b c d e f", "a b c d e")
    assert (score.tp, score.fp, score.fn) == (2, 1, 0)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == 1.0
    assert score.f1 == pytest.approx(0.8)
    assert not score.exact


def test_repeated_shingles_count_with_multiplicity() -> None:
    # Prediction says "a b c d" twice, the truth once: the second copy is a false positive,
    # and so are the three shingles across the seam (b c d a, c d a b, d a b c).
    score = bench.score_page("a b c d. a b c d", "a b c d")
    assert (score.tp, score.fp, score.fn) == (1, 4, 0)


def test_text_shorter_than_a_shingle_is_one_shingle() -> None:
    assert bench.shingles(["a", "b"]) == {("a", "b"): 1}
    assert bench.shingles([]) == {}


def test_pages_weigh_the_same_whatever_their_length() -> None:
    long_truth = " ".join(f"w{i}" for i in range(1000))
    perfect_long = bench.score_page(long_truth, long_truth)
    half_short = bench.score_page("x a b c d", "a b c d e")  # TP 1, FP 1, FN 1
    metrics = bench.aggregate([perfect_long, half_short], bootstrap_samples=50)
    assert metrics.precision == pytest.approx(0.75)
    assert metrics.recall == pytest.approx(0.75)
    assert metrics.f1 == pytest.approx(0.75)
    assert metrics.accuracy == pytest.approx(0.5)


def test_empty_prediction_counts_in_recall_not_precision() -> None:
    perfect = bench.score_page("a b c d e", "a b c d e")
    empty = bench.score_page("", "a b c d e")
    metrics = bench.aggregate([perfect, empty], bootstrap_samples=50)
    assert metrics.precision == 1.0
    assert metrics.recall == pytest.approx(0.5)
    assert metrics.f1 == pytest.approx(2 / 3)


def test_bootstrap_spread_is_zero_for_identical_pages_and_reproducible() -> None:
    same = [bench.score_page("a b c d e f", "a b c d e")] * 5
    assert bench.aggregate(same).f1_std == pytest.approx(0.0)
    mixed = [bench.score_page("a b c d e", "a b c d e"), bench.score_page("x y z w", "a b c d")]
    assert bench.aggregate(mixed * 3).f1_std == bench.aggregate(mixed * 3).f1_std > 0
