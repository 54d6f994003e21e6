"""The scoring rule of bench/ask.py on hand-made answers."""

from __future__ import annotations

from typing import Any

from support import load_bench

bench = load_bench("ask")


def answer(value: str | None, *texts: str, refused: bool = False) -> dict[str, Any]:
    return {"refused": refused, "value": value, "sentences": [{"text": t} for t in texts]}


def test_value_numbers() -> None:
    assert bench.value_number("1,000 POWs") == 1000
    assert bench.value_number("about 1.2 billion euros") == 1.2e9
    assert bench.value_number("thirty countries") == 30
    assert bench.value_number("Geneva") is None


def test_dates_numbers_names_keywords() -> None:
    when = {"q": "When did the talks open?", "value": "2025-09", "keywords": []}
    assert bench.is_correct(when, answer("2025-09-09", "x"))
    assert not bench.is_correct(when, answer("2025-10-01", "x"))
    assert not bench.is_correct(when, answer("2025-09-09", "x", refused=True))
    count = {"q": "How many POWs?", "value": "1000", "keywords": []}  # a number, not a year
    assert bench.is_correct(count, answer("1,000 POWs", "x"))
    assert not bench.is_correct(count, answer("100 POWs", "x"))
    who = {"q": "Who?", "value_any": ["Brenner", "Swiss"], "keywords": ["talk|chair"]}
    assert bench.is_correct(who, answer("Lukas Brenner", "He chaired the talks."))
    assert not bench.is_correct(who, answer("Lukas Brenner", "He spoke."))
    assert not bench.is_correct(who, answer("Helena Sorvik", "She chaired the talks."))


def test_refusal_scores() -> None:
    golds = [
        {"id": "a", "q": "Q?", "keywords": ["x"]},
        {"id": "b", "q": "Q?", "answerable": False},
        {"id": "c", "q": "Q?", "answerable": False},
    ]
    answers = {
        "a": answer(None, "x marks"),
        "b": answer(None, "closest", refused=True),
        "c": answer(None, "an answer"),
    }
    r = bench.score_gold(golds, answers)
    assert (r["correct"], r["refusal_precision"], r["refusal_recall"]) == (1, 1.0, 0.5)
    assert r["missed_refusals"] == ["c"]
