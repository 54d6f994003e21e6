"""The time tagger on hand-written sentences, checked against hand-made gold values.

No spaCy and no benchmark data: the tagger is rules and tables only. Most cases are anchored to
16 May 2025 (a Friday), the day after the Istanbul talks of Thursday 15 May 2025.
"""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism.annotate.time import TimeExpression, find_times
from newsprism.model import DateValue

ANCHOR = dt.date(2025, 5, 16)  # a Friday


def times(text: str, anchor: dt.date | None = ANCHOR, **kwargs: object) -> list[TimeExpression]:
    found = list(find_times(text, anchor, **kwargs))  # type: ignore[arg-type]
    for expr in found:
        assert expr.text == text[expr.start : expr.end]
    return found


def only(text: str, anchor: dt.date | None = ANCHOR) -> TimeExpression:
    found = times(text, anchor)
    assert len(found) == 1, [(e.text, e.value) for e in found]
    return found[0]


def pairs(text: str, anchor: dt.date | None = ANCHOR) -> list[tuple[str, str]]:
    return [(e.text, e.value) for e in times(text, anchor)]


# --- the Istanbul talks (anchor: the day after Thursday 15 May 2025) -------------------------


def test_day_month_without_year_takes_the_anchor_year() -> None:
    expr = only("Delegations met in Istanbul on 15 May in a meeting brokered by Turkey.")
    assert (expr.text, expr.value, expr.granularity, expr.kind) == (
        "15 May",
        "2025-05-15",
        "day",
        "inferred",
    )


def test_month_day_without_year_is_the_nearest_past_date() -> None:
    expr = only("The campaign began on February 12 with a phone call.")
    assert (expr.text, expr.value, expr.kind) == ("February 12", "2025-02-12", "inferred")


def test_coordinated_months_share_the_year() -> None:
    found = times("Direct talks in March and April 2022 ended without a deal.")
    assert [(e.text, e.value, e.granularity, e.kind) for e in found] == [
        ("March", "2022-03", "month", "explicit"),
        ("April 2022", "2022-04", "month", "explicit"),
    ]


def test_season_with_year() -> None:
    expr = only("The sides last met in Istanbul in spring 2022, no one forgets.")
    assert (expr.text, expr.value, expr.granularity, expr.kind) == (
        "spring 2022",
        "2022-SP",
        "season",
        "explicit",
    )


def test_on_thursday_is_the_day_before_a_friday_anchor() -> None:
    expr = only("On Thursday, a delegation from Kyiv arrived in Istanbul.")
    assert (expr.text, expr.value, expr.kind) == ("Thursday", "2025-05-15", "relative")


def test_the_past_three_months_is_a_range_ending_at_the_anchor() -> None:
    expr = only("Talks over the past three months aimed at a ceasefire.")
    assert expr.text == "the past three months"
    assert (expr.type, expr.value, expr.granularity) == ("DURATION", "P3M", "duration")
    assert (expr.range_start, expr.range_end) == ("2025-02-16", "2025-05-16")


def test_since_a_date_opens_a_range_up_to_the_anchor() -> None:
    expr = only("Given his approach since January 20, this is no surprise.")
    assert (expr.text, expr.value) == ("January 20", "2025-01-20")
    assert (expr.range_start, expr.range_end) == ("2025-01-20", "2025-05-16")


def test_year_modifying_a_noun() -> None:
    expr = only("Sanctions imposed against Russia since the 2014 annexation of Crimea.")
    assert (expr.text, expr.value, expr.granularity, expr.kind) == (
        "2014",
        "2014",
        "year",
        "explicit",
    )


def test_date_inside_a_noun_phrase() -> None:
    expr = only("It became clear after the April 17 meeting in Paris.")
    assert (expr.text, expr.value) == ("April 17", "2025-04-17")


def test_since_month_and_year() -> None:
    expr = only("The first direct negotiations since March 2022 opened in Istanbul.")
    assert (expr.text, expr.value, expr.granularity) == ("March 2022", "2022-03", "month")
    assert expr.range_start == "2022-03"


# --- full dates, months, years ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The talks were held on 15 May 2025 in Istanbul.", "15 May 2025"),
        ("The talks were held on May 15, 2025 in Istanbul.", "May 15, 2025"),
        ("The talks were held on Thursday, May 15, 2025.", "Thursday, May 15, 2025"),
        ("The filing is dated 2025-05-15.", "2025-05-15"),
        ("The talks were held on Thursday 15 May 2025.", "Thursday 15 May 2025"),
    ],
)
def test_full_dates_in_every_common_order(text: str, span: str) -> None:
    expr = only(text)
    assert (expr.text, expr.value, expr.kind, expr.type) == (span, "2025-05-15", "explicit", "DATE")


def test_ordinal_day_of_month() -> None:
    expr = only("Talks resumed on the 15th of May.")
    assert (expr.text, expr.value) == ("the 15th of May", "2025-05-15")


def test_month_and_year() -> None:
    assert pairs("The war began in February 2022.") == [("February 2022", "2022-02")]
    assert pairs("Talks stalled in Jan. 1998.") == [("Jan. 1998", "1998-01")]


def test_day_range_gives_two_days() -> None:
    assert pairs("Talks on 15-17 May 2025 failed.") == [
        ("15", "2025-05-15"),
        ("17 May 2025", "2025-05-17"),
    ]


def test_year_range_gives_two_years() -> None:
    assert pairs("Momentum shifted in 2023–2024 when forces advanced.") == [
        ("2023", "2023"),
        ("2024", "2024"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Some 1,500 soldiers were sent.",
        "Officials said 2014 troops had crossed the border.",
        "Kopp, 44, of St. Albans, was charged.",
        "The company paid $2014 in fees.",
        "Flight 2014 landed safely.",
        "He scored 12 points in the first half and 10 in the second.",
        "For the first time, a second round of talks is planned.",
    ],
)
def test_numbers_and_ordinals_that_are_not_dates(text: str) -> None:
    assert times(text) == []


# --- "may", "now", durations: what is not a date ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A showy summit may produce short-lived truces.",
        "May I ask a question?",
        "The political solution may be far off.",
    ],
)
def test_may_the_modal_is_never_a_month(text: str) -> None:
    assert times(text) == []


def test_may_the_month_in_date_context() -> None:
    assert pairs("The offensive began in May.") == [("May", "2025-05")]
    assert pairs("A three-day truce around May 9 was ignored.")[-1] == ("May 9", "2025-05-09")


def test_now_is_a_reference_to_the_present_not_a_date() -> None:
    expr = only("Now the central question is who will sign.")
    assert (expr.value, expr.granularity) == ("PRESENT_REF", "ref")
    assert expr.as_date_value() is None


def test_two_hours_is_a_duration_not_a_date() -> None:
    expr = only("The meeting lasted less than two hours.")
    assert (expr.type, expr.value, expr.granularity) == ("DURATION", "PT2H", "duration")
    assert expr.mod == "LESS_THAN"
    assert expr.as_date_value() is None


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Discussions lasted three months.", "three months", "P3M"),
        ("He was held for two hours.", "two hours", "PT2H"),
        ("They proposed a 30-day ceasefire.", "30-day", "P30D"),
        ("Leave within 24 hours, they said.", "24 hours", "PT24H"),
        ("They withdrew within twenty-four hours.", "twenty-four hours", "PT24H"),
        ("The visit took a week.", "a week", "P1W"),
        ("Talks went on for several days.", "several days", "PXD"),
        ("The flight took 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
    ],
)
def test_durations(text: str, span: str, value: str) -> None:
    expr = only(text)
    assert (expr.text, expr.value, expr.type) == (span, value, "DURATION")


def test_ages_are_not_durations() -> None:
    assert times("A 44-year-old activist was named.") == []
    assert times("The suspect is 44 years old.") == []


# --- relative expressions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "granularity"),
    [
        ("Today, I'm here to tell you.", "Today", "2025-05-16", "day"),
        ("He arrived yesterday.", "yesterday", "2025-05-15", "day"),
        ("They leave tomorrow.", "tomorrow", "2025-05-17", "day"),
        ("The envoy visited last week.", "last week", "2025-W19", "week"),
        ("Talks resume next month.", "next month", "2025-06", "month"),
        ("Growth slowed this year.", "this year", "2025", "year"),
        ("The rebels attacked two days ago.", "two days ago", "2025-05-14", "day"),
        ("The war began three years ago.", "three years ago", "2022", "year"),
        ("Prices rose last year.", "last year", "2024", "year"),
        ("The truce was agreed earlier this month.", "earlier this month", "2025-05", "month"),
        ("The plan failed last summer.", "last summer", "2024-SU", "season"),
        ("He will travel this summer.", "this summer", "2025-SU", "season"),
    ],
)
def test_relative_expressions(text: str, span: str, value: str, granularity: str) -> None:
    expr = only(text)
    assert (expr.text, expr.value, expr.granularity, expr.kind) == (
        span,
        value,
        granularity,
        "relative",
    )


def test_earlier_this_month_says_it_is_the_start() -> None:
    assert only("The truce was agreed earlier this month.").mod == "START"


def test_decades() -> None:
    assert pairs("Relations thawed in the 1990s.") == [("the 1990s", "199")]
    assert pairs("Relations thawed in the '90s.") == [("the '90s", "199")]
    assert pairs("Prices peaked in the early 1980s.") == [("the early 1980s", "198")]


# --- year-less dates and weekdays: which year, which week ------------------------------------


def test_year_less_date_in_a_past_clause_is_in_the_past() -> None:
    assert pairs("The envoy met him on December 20.") == [("December 20", "2024-12-20")]


def test_year_less_date_in_a_future_clause_is_in_the_future() -> None:
    assert pairs("The leaders will meet on June 2.") == [("June 2", "2025-06-02")]
    assert pairs("The vote is scheduled for March 3.") == [("March 3", "2026-03-03")]


def test_year_less_date_without_tense_is_the_nearest() -> None:
    # 20 May is four days ahead; 20 May 2024 is a year back.
    assert pairs("Deadline: May 20.") == [("May 20", "2025-05-20")]


def test_weekday_in_a_past_clause_is_the_last_such_day() -> None:
    assert pairs("The ministers met on Monday.") == [("Monday", "2025-05-12")]


def test_weekday_in_a_future_clause_is_the_next_such_day() -> None:
    assert pairs("The ministers will meet again on Monday.") == [("Monday", "2025-05-19")]
    assert pairs("A vote is expected to take place on Wednesday.") == [("Wednesday", "2025-05-21")]


def test_participle_after_be_is_no_past_tense() -> None:
    # "held" after "be" says nothing; "will" decides.
    assert pairs("Officials said the next round will be held on Tuesday.")[-1] == (
        "Tuesday",
        "2025-05-20",
    )


def test_last_and_next_weekday() -> None:
    assert pairs("They spoke last Friday.") == [("last Friday", "2025-05-09")]
    assert pairs("They speak next Friday.") == [("next Friday", "2025-05-23")]


def test_weekday_part_of_day_is_a_time() -> None:
    expr = only("Explosions were heard Thursday night.")
    assert (expr.text, expr.value, expr.type) == ("Thursday night", "2025-05-15TNI", "TIME")


# --- times of day -----------------------------------------------------------------------------


def test_clock_times() -> None:
    expr = only("The delegations met at 10am in Dolmabahce palace.")
    assert (expr.text, expr.value, expr.type, expr.granularity) == (
        "10am",
        "2025-05-16T10:00",
        "TIME",
        "time",
    )
    assert pairs("The talks ended at 3:30 p.m. Thursday.") == [
        ("3:30 p.m. Thursday", "2025-05-15T15:30")
    ]


# --- references, sets, quarters, holidays ----------------------------------------------------


def test_references_to_past_and_future() -> None:
    assert pairs("The rebels recently regrouped.") == [("recently", "PAST_REF")]
    assert pairs("Talks may resume in the future.") == [("the future", "FUTURE_REF")]


def test_sets() -> None:
    expr = only("Protesters rally almost daily.")
    assert (expr.type, expr.value) == ("SET", "P1D")
    assert pairs("Convoys leave every Friday.") == [("every Friday", "XXXX-WXX-5")]
    assert times("The company raised its quarterly dividend.") == []


def test_quarters_in_an_earnings_report() -> None:
    anchor = dt.date(1989, 10, 27)
    found = pairs(
        "Net income rose 5% in the third quarter. Sales were $1 billion, up from "
        "$900 million a year ago.",
        anchor,
    )
    assert found == [("the third quarter", "1989-Q3"), ("a year ago", "1988-Q3")]


def test_holiday_takes_the_nearest_year() -> None:
    assert pairs("Fighting paused over Christmas.") == [("Christmas", "2024-12-25")]


# --- anchors and entities ---------------------------------------------------------------------


def test_without_anchor_year_less_dates_keep_placeholders_and_deictics_are_dropped() -> None:
    found = times("On 15 May, the day after Thursday, they left; yesterday they spoke.", None)
    assert [(e.text, e.value) for e in found] == [
        ("15 May", "XXXX-05-15"),
        ("Thursday", "XXXX-WXX-4"),
    ]
    assert all(e.as_date_value() is None for e in found)


def test_explicit_dates_need_no_anchor() -> None:
    assert pairs("The war began in February 2022.", None) == [("February 2022", "2022-02")]


def test_entity_spans_let_a_weak_candidate_through() -> None:
    text = "Talks resumed May, officials said."
    assert times(text) == []
    start = text.index("May")
    found = find_times(text, ANCHOR, entities=[(start, start + 3, "DATE")])
    assert [(e.text, e.value) for e in found] == [("May", "2025-05")]


def test_entity_spans_of_other_labels_change_nothing() -> None:
    text = "Talks resumed May, officials said."
    start = text.index("May")
    assert find_times(text, ANCHOR, entities=[(start, start + 3, "PERSON")]) == ()


def test_as_date_value_for_calendar_expressions() -> None:
    expr = only("Direct talks resumed in March 2022.")
    assert expr.as_date_value() == DateValue(value="2022-03", granularity="month", kind="explicit")


def test_a_lower_case_month_name_after_each_is_the_verb_not_a_set() -> None:
    # Timeline17 LibyaWar_cnn: "each may come to the forefront again" raised KeyError: 'may'
    assert pairs("The zealots have had their turn, and each may come to the forefront again.") == []
    assert pairs("The fair opens every May.") == [("every May", "XXXX-05")]


def test_years_ago_past_the_calendar_are_no_date() -> None:
    # Timeline17 H1N1_bbc: "2,500 years ago" and "125,000 years ago" raised ValueError
    assert pairs("Sea levels were higher during the last interglacial, 125,000 years ago.") == []
    assert pairs("The city was founded 2,500 years ago.") == []
    assert pairs("The city was founded 25 years ago.") == [("25 years ago", "2000")]
