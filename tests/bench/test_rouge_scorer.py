"""bench/rouge.py: tokens, the Porter stemmer, ROUGE-N/L and the timeline metrics, on invented
text with hand-computed expected values."""

from __future__ import annotations

import datetime as dt

import pytest

from support import load_bench

rouge = load_bench("rouge")

D1, D2, D3, D4 = (dt.date(2010, 4, day) for day in (20, 21, 22, 23))


def close(got: tuple[float, ...], want: tuple[float, ...]) -> bool:
    return all(g == pytest.approx(w) for g, w in zip(got, want, strict=True))


# --- tokens and stemming ----------------------------------------------------------------------


def test_ptb_and_raw_text_give_the_same_tokens() -> None:
    ptb = "The company 's shares fell 7 % -LRB- # 53m -RRB- ; they do n't say `` no '' ."
    raw = "The company's shares fell 7% (#53m); they don't say “no”."
    assert rouge.tokens(ptb) == rouge.tokens(raw)
    assert rouge.tokens(ptb, stem=False) == [
        "the", "company", "s", "shares", "fell", "7", "53m", "they", "don", "t", "say", "no",
    ]  # fmt: skip
    assert "lrb" not in rouge.tokens(ptb)


def test_tokens_lowercase_fold_accents_and_stem_only_long_words() -> None:
    assert rouge.tokens("Café RUNNING runs ran") == ["cafe", "run", "run", "ran"]
    assert rouge.tokens("Café RUNNING runs", stem=False) == ["cafe", "running", "runs"]
    assert rouge.tokens("was has") == ["was", "has"]  # three letters: not stemmed


def test_stop_words_are_dropped_only_on_request_and_bigrams_span_them() -> None:
    assert rouge.tokens("the oil and the gas", stem=False) == ["the", "oil", "and", "the", "gas"]
    assert rouge.tokens("the oil and the gas", stopwords=True) == ["oil", "gas"]
    # "oil gas" is a bigram of the stop-word-free stream
    assert rouge.rouge_n("oil and gas", "oil gas", 2, stopwords=True) == (1.0, 1.0, 1.0)
    assert rouge.rouge_n("oil and gas", "oil gas", 2) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("caresses", "caress"), ("ponies", "poni"), ("agreed", "agre"), ("feed", "feed"),
        ("hopping", "hop"), ("falling", "fall"), ("filing", "file"), ("happy", "happi"),
        ("relational", "relat"), ("conditional", "condit"), ("vietnamization", "vietnam"),
        ("hopefulness", "hope"), ("sensibiliti", "sensibl"), ("electrical", "electr"),
        ("adoption", "adopt"), ("replacement", "replac"), ("generalizations", "gener"),
        ("oscillators", "oscil"), ("controll", "control"), ("cease", "ceas"), ("rate", "rate"),
    ],
)  # fmt: skip
def test_porter_stems(word: str, stem: str) -> None:
    assert rouge.porter_stem(word) == stem


# --- ROUGE-N and ROUGE-L ----------------------------------------------------------------------


def test_rouge_n_counts_by_hand() -> None:
    assert rouge.rouge_n("rig sank", "rig sank", 1) == (1.0, 1.0, 1.0)
    # unigrams: the, cat match of 3 and 3; bigrams: "the cat" of 2 and 2
    assert close(rouge.rouge_n("the cat sat", "the cat ran", 1, stem=False), (2 / 3, 2 / 3, 2 / 3))
    assert close(rouge.rouge_n("the cat sat", "the cat ran", 2, stem=False), (0.5, 0.5, 0.5))
    assert rouge.rouge_n("rig sank", "senate hearing", 1) == (0.0, 0.0, 0.0)
    assert rouge.rouge_n("", "senate hearing", 1) == (0.0, 0.0, 0.0)


def test_rouge_n_clips_repeated_ngrams() -> None:
    # "oil" three times in the candidate, once in the reference: one match
    p, r, f = rouge.rouge_n("oil oil oil", "oil well", 1)
    assert (p, r) == (pytest.approx(1 / 3), pytest.approx(1 / 2))
    assert f == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_rouge_l_uses_the_longest_common_subsequence() -> None:
    # a c d (or a b d) is the LCS: 3 of 4 tokens each way
    assert close(rouge.rouge_l("a b c d", "a c b d", stem=False), (0.75, 0.75, 0.75))
    assert close(rouge.rouge_l("a b", "a x y b", stem=False), (1.0, 0.5, 2 / 3))


# --- timeline metrics -------------------------------------------------------------------------

REFERENCE = {D1: ["Rig explodes in gulf."], D3: ["Senate hearing begins."]}


def test_identical_timelines_score_one_everywhere() -> None:
    scores = rouge.timeline_scores(REFERENCE, REFERENCE)
    assert set(scores) == {
        "date", "concat_1", "concat_2", "agreement_1", "agreement_2", "align_1", "align_2",
    }  # fmt: skip
    for name, value in scores.items():
        assert close(value, (1.0, 1.0, 1.0)), name


def test_disjoint_timelines_score_zero() -> None:
    system = {D2: ["Pelicans coated with crude."], D4: ["Shares tumble sharply."]}
    for name, value in rouge.timeline_scores(system, REFERENCE).items():
        assert value == (0.0, 0.0, 0.0), name


def test_a_date_one_day_off_gets_half_weight_under_alignment() -> None:
    system = {D2: ["Rig explodes in gulf."]}
    reference = {D1: ["Rig explodes in gulf."]}
    assert close(rouge.concat_rouge(system, reference, 1), (1.0, 1.0, 1.0))
    assert rouge.agreement_rouge(system, reference, 1) == (0.0, 0.0, 0.0)
    assert close(rouge.align_rouge(system, reference, 1), (0.5, 0.5, 0.5))
    assert close(rouge.align_rouge(system, reference, 2), (0.5, 0.5, 0.5))
    assert rouge.date_prf(system, reference) == (0.0, 0.0, 0.0)


def test_alignment_prefers_matching_content_over_the_nearer_date() -> None:
    # D3's text matches D1's exactly: cost (1 - 1/3)·0 = 0, against (1 - 1/2)·1 for D4
    system = {D3: ["rig explodes gulf"]}
    reference = {D1: ["rig explodes gulf"], D4: ["senate hearing begins"]}
    to_ref, to_sys = rouge.alignment(system, reference)
    assert to_ref == {D3: D1}
    assert to_sys == {D1: D3, D4: D3}
    # precision: 3 matches · 1/3 over 3 system unigrams; recall: the same over 6 reference ones
    p, r, f = rouge.align_rouge(system, reference, 1)
    assert (p, r) == (pytest.approx(1 / 3), pytest.approx(1 / 6))
    assert f == pytest.approx(2 * (1 / 3) * (1 / 6) / (1 / 3 + 1 / 6))


def test_alignment_is_many_to_one() -> None:
    # both system dates align to D1 (same day: cost 0; one day off with the same words: cost 0)
    system = {D1: ["rig explodes"], D2: ["rig explodes"]}
    reference = {D1: ["rig explodes"]}
    to_ref, to_sys = rouge.alignment(system, reference)
    assert to_ref == {D1: D1, D2: D1}
    assert to_sys == {D1: D1}  # the tie goes to the nearer date
    # precision: (2·1 + 2·½) / 4 system unigrams; recall: 2 / 2
    assert close(rouge.align_rouge(system, reference, 1), (0.75, 1.0, 2 * 0.75 / 1.75))


def test_agreement_counts_matches_only_on_shared_dates() -> None:
    system = {D1: ["explosion pipeline"], D2: ["senate"]}
    reference = {D1: ["explosion coast"], D3: ["senate"]}
    # one match (explosion on D1) of 3 system and 3 reference unigrams; "senate" is on other days
    assert close(rouge.agreement_rouge(system, reference, 1), (1 / 3, 1 / 3, 1 / 3))
    assert close(rouge.concat_rouge(system, reference, 1), (2 / 3, 2 / 3, 2 / 3))


def test_concat_joins_dates_in_order_so_bigrams_cross_dates() -> None:
    system = {D2: ["hearing"], D1: ["senate"]}
    reference = {D1: ["senate hearing"]}
    assert close(rouge.concat_rouge(system, reference, 2), (1.0, 1.0, 1.0))


def test_date_prf() -> None:
    assert close(rouge.date_prf([D1, D2, D3], [D1, D4]), (1 / 3, 1 / 2, 0.4))
    assert rouge.date_prf([], [D1]) == (0.0, 0.0, 0.0)


def test_empty_system_timeline_scores_zero() -> None:
    for name, value in rouge.timeline_scores({}, REFERENCE).items():
        assert value == (0.0, 0.0, 0.0), name


def test_non_ascii_punctuation_separates_words() -> None:
    assert rouge.tokens("candidate—and (I–Vt.) “quoted”", stem=False) == [
        "candidate", "and", "i", "vt", "quoted",
    ]  # fmt: skip
