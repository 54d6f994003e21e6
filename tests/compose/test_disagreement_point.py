"""The point two outlets disagree on is said in words a reader can resolve, not "it"."""

from newsprism.compose.sections import _point


def test_an_elapsed_time_names_the_event_it_counts_from() -> None:
    a = "Geneva hosted the first direct round of harbour talks since March 2022 on Monday."
    b = "For the first time in nearly two years, the two sides met in Geneva."
    point = _point("elapsed", a, b)
    assert point == "how long it had been since the last direct round of harbour talks"
    assert " it last" not in point


def test_an_elapsed_time_without_a_named_event_has_no_unresolved_pronoun() -> None:
    a = "For the first time in nearly two years, the two sides met."
    b = "It was the first meeting in four years, officials said."
    assert _point("elapsed", a, b) == "how long it had been since the last meeting"
    assert _point("elapsed", "They met again.", "They met once more.") == (
        "how long it had been since the last such event"
    )


def test_other_slots_keep_their_plain_names() -> None:
    assert _point("number", "46 were held.", "40 were held.") == "the figures"
    assert _point("negation", "He flew.", "He did not travel.") == "whether it happened"
