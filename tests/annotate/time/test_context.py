"""What the time rules read around a match: tense, year choice, sentences, the last date named."""

from __future__ import annotations

import datetime as dt

from newsprism.annotate.time import find_times
from newsprism.annotate.time.context import Scan
from newsprism.annotate.time.records import resolved_date

ANCHOR = dt.date(2025, 5, 16)


def scan_of(text: str, anchor: dt.date | None = ANCHOR) -> Scan:
    return Scan(text, anchor, ())


def tense_at(text: str, phrase: str) -> str | None:
    start = text.index(phrase)
    return scan_of(text).tense(start, start + len(phrase))


def test_tense_from_the_nearest_auxiliary_or_past_form() -> None:
    assert tense_at("The talks will resume on Friday.", "Friday") == "future"
    assert tense_at("The talks resumed on Friday.", "Friday") == "past"
    assert tense_at("The talks are on Friday.", "Friday") is None


def test_tense_reads_past_a_participle_after_be() -> None:
    # "held" after "be" says nothing; "will" before it does.
    assert tense_at("The vote will be held on Friday.", "Friday") == "future"


def test_tense_of_scheduled_for_is_the_future() -> None:
    assert tense_at("A summit is scheduled for June.", "June") == "future"


def test_later_after_a_unit_is_narrative_time_not_the_future() -> None:
    assert tense_at("Two hours later on Friday police arrived.", "Friday") == "past"


def test_pick_year_takes_the_nearest_year_without_tense() -> None:
    text = "A meeting on December 1 is possible."
    start = text.index("December 1")
    # 1 December 2024 is 166 days back, 1 December 2025 is 199 days ahead.
    assert scan_of(text).pick_year(12, 1, start, start + 10) == (2024, "inferred")


def test_pick_year_follows_a_future_clause() -> None:
    text = "The summit will open on December 1."
    start = text.index("December 1")
    assert scan_of(text).pick_year(12, 1, start, start + 10) == (2025, "inferred")


def test_pick_year_needs_an_anchor() -> None:
    assert scan_of("On 15 May.", None).pick_year(5, 15, 3, 9) is None


def test_sentences_and_words_around_a_position() -> None:
    scan = scan_of("First one. Then the Second one!\nThird")
    assert scan.sentence_start(15) == 11
    assert scan.sentence_end(15) == 32
    assert scan.words_before(27, 2) == ["the", "second"]
    assert scan.words_after(11, 2) == ["then", "the"]
    assert scan.prev_word(0) == ""


def test_entity_spans_are_only_dates_and_times() -> None:
    scan = Scan("in May 2014", ANCHOR, ((3, 11, "DATE"), (0, 2, "ORG")))
    assert scan.in_entity(3, 6)
    assert not scan.in_entity(0, 2)


def test_reference_day_is_the_last_date_named_within_the_window() -> None:
    scan = scan_of("x" * 1000)
    assert scan.reference_day(50) == (ANCHOR, "day")
    scan.remember(resolved_date("2025-03-10", "day", "explicit"), 10)
    assert scan.reference_day(50) == (dt.date(2025, 3, 10), "day")
    assert scan.reference_day(500) == (ANCHOR, "day")  # 490 characters on: out of reach


def test_values_counted_from_a_mention_do_not_become_the_reference() -> None:
    scan = scan_of("x" * 100)
    scan.remember(resolved_date("2024", "year", "relative", chainable=False), 10)
    assert scan.reference is None


def test_a_named_quarter_is_remembered() -> None:
    scan = scan_of("x" * 100)
    scan.remember(resolved_date("2025-Q3", "quarter", "explicit"), 10)
    assert scan.last_quarter == (2025, 3)


def test_since_adds_a_range_up_to_the_anchor() -> None:
    text = "Prices rose since 2020."
    start = text.index("2020")
    resolved = scan_of(text).add_since_range(start, resolved_date("2020", "year", "explicit"))
    assert (resolved.range_start, resolved.range_end) == ("2020", "2025-05-16")
    year = resolved_date("2020", "year", "explicit")
    plain = scan_of("Prices rose in 2020.").add_since_range(15, year)
    assert (plain.range_start, plain.range_end) == (None, None)


def test_a_year_less_date_borrows_the_year_of_the_coordinated_date_after_it() -> None:
    """The word-start lookbehind made this match fail everywhere (the date's own last letter
    stands just behind where it is tried), so "15 May" took the anchor's year."""
    scan = Scan("between 15 May and 2 June 2023", dt.date(2025, 5, 16), ())
    assert scan.borrowed_year(len("between 15 May")) == 2023
    found = find_times("Prices rose between 15 May and 2 June 2023.", dt.date(2025, 5, 16))
    assert [(t.text, t.value) for t in found] == [
        ("15 May", "2023-05-15"),
        ("2 June 2023", "2023-06-02"),
    ]
    found = find_times("They met on May 3 or May 4, 2020, in Minsk.", dt.date(2025, 5, 16))
    assert found[0].value == "2020-05-03" and found[0].value != "2025-05-03"


def test_a_joining_word_must_be_whole_to_lend_a_year() -> None:
    scan = Scan("on 15 May today 2023", dt.date(2025, 5, 16), ())
    assert scan.borrowed_year(len("on 15 May")) is None
