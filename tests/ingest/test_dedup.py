from newsprism.ingest.dedup import Shingler, band_keys, from_bytes, similarity, to_bytes

BASE = (
    "The delegations of Valdoria and Marenne met in Geneva on Tuesday for the first direct talks "
    "in four years. Officials said both sides agreed to exchange forty detainees within a week. "
    "The Swiss foreign ministry hosted the meeting at a lakeside villa and said further rounds "
    "would follow if the ceasefire held along the harbour line. Neither president attended. "
    "Observers described the atmosphere as tense but businesslike, and the talks ran for six hours."
)


def test_syndicated_copy_is_similar_and_unrelated_text_is_not() -> None:
    shingler = Shingler()
    copy = "GENEVA (Wire) - Talks opened quietly. " + BASE.replace("six hours", "nearly six hours")
    other = (
        "A strike closed the port of Rotterdam for a second day as dock workers demanded "
        "higher pay, and shipping companies diverted vessels to Antwerp and Hamburg."
    )
    a, b, c = (shingler.signature(t) for t in (BASE, copy, other))
    assert similarity(a, b) >= 0.6
    assert similarity(a, c) <= 0.1
    assert set(band_keys(a)) & set(band_keys(b))


def test_signatures_are_deterministic_and_round_trip() -> None:
    first = Shingler().signature(BASE)
    second = Shingler().signature(BASE)
    assert (first == second).all()
    assert (from_bytes(to_bytes(first)) == first).all()


def test_very_short_texts_get_a_signature() -> None:
    assert len(Shingler().signature("Short text")) == 64
    assert len(Shingler().signature("")) == 64
