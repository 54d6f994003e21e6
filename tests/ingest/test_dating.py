import datetime as dt

from newsprism.ingest.dating import (
    DatingInput,
    find_date_mentions,
    infer_publication_dates,
    parse_declared_date,
)
from newsprism.model import DateValue

TODAY = dt.date(2026, 1, 1)


def test_declared_dates_in_common_formats() -> None:
    assert parse_declared_date("2025-05-16T08:30:00Z") == DateValue(
        value="2025-05-16", granularity="day", kind="explicit"
    )
    assert parse_declared_date("Fri, 16 May 2025 08:30:00 +0000").value == "2025-05-16"  # type: ignore[union-attr]
    assert parse_declared_date("16 May 2025").value == "2025-05-16"  # type: ignore[union-attr]
    assert parse_declared_date("2025-05").granularity == "month"  # type: ignore[union-attr]
    assert parse_declared_date("not a date") is None
    assert parse_declared_date("") is None


def test_mentions_skip_modal_may_and_numbers_that_are_not_years() -> None:
    text = "Talks may resume. 2000 troops moved. On 15 May 2025 they met; since March 2022 nothing."
    found = [(text[m.start : m.end], m.year, m.month, m.day) for m in find_date_mentions(text)]
    assert ("15 May 2025", 2025, 5, 15) in found
    assert ("March 2022", 2022, 3, None) in found
    assert all(f[0] not in ("may", "2000") for f in found)


def test_future_context_is_flagged() -> None:
    text = "The summit will be held on 20 June. It began on 15 May."
    flags = {text[m.start : m.end]: m.future for m in find_date_mentions(text)}
    assert flags == {"20 June": True, "15 May": False}


def test_related_articles_share_the_latest_dated_lower_bound() -> None:
    names = "Valdoria Marenne Geneva Marek Renaud Switzerland"
    items = [
        DatingInput(
            id="a",
            text=f"{names}. The talks opened on 10 September after the 2021 blockade.",
            published=None,
        ),
        DatingInput(
            id="b",
            text=f"{names}. A ceasefire was agreed on August 30. Trade resumed.",
            published=None,
        ),
        DatingInput(
            id="c",
            text="A strike in Rotterdam closed the port. Workers want pay rises.",
            published=None,
        ),
    ]
    found = infer_publication_dates(items, TODAY)
    assert found["a"].value == DateValue(value="2021-09-10", granularity="day", kind="inferred")
    assert (
        found["b"].value.value == "2021-09-10"
    )  # its own bound (30 Aug) is earlier than its relative's
    assert "c" not in found  # nothing in its text dates it, and it is not related to the others
    assert found["a"].evidence == (
        ("a", items[0].text.index("10 September"), items[0].text.index("10 September") + 12),
    )


def test_declared_dates_of_related_articles_anchor_the_year() -> None:
    names = "Valdoria Marenne Geneva Marek Renaud Switzerland"
    items = [
        DatingInput(id="a", text=f"{names}. Talks opened on 10 September.", published=None),
        DatingInput(
            id="b",
            text=f"{names}. Talks opened.",
            published=DateValue(value="2025-09-11", granularity="day", kind="explicit"),
        ),
    ]
    found = infer_publication_dates(items, TODAY)
    assert found["a"].value.value == "2025-09-11"
    assert "b" not in found


def test_no_date_is_invented_beyond_today() -> None:
    items = [
        DatingInput(
            id="a",
            text="The war began in February 2022. Talks on 15 December 2026.",
            published=None,
        )
    ]
    found = infer_publication_dates(items, TODAY)
    assert found["a"].value.value == "2022-02"
