"""`diff_reports`: items matched across versions by their evidence spans, not their ids."""

from __future__ import annotations

import copy
from typing import Any

from newsprism.changes import diff_reports


def span(article: str, start: int, end: int) -> dict[str, Any]:
    return {"article_id": article, "start": start, "end": end}


def claim(cid: str, text: str, status: str, spans: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": cid,
        "text": text,
        "status": status,
        "sources": list(dict.fromkeys(s["article_id"] for s in spans)),
        "evidence": spans,
    }


def side(cid: str, text: str, value: str, spans: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "claim": cid,
        "text": text,
        "value": value,
        "sources": [s["article_id"] for s in spans],
        "evidence": spans,
    }


OLD: dict[str, Any] = {
    "id": "s1",
    "title": "Talks open in Geneva",
    "article_ids": ["a", "b"],
    "claims": [
        claim(
            "c1", "Talks opened on Tuesday", "corroborated", [span("a", 0, 23), span("b", 5, 30)]
        ),
        claim("c2", "46 detainees will be exchanged", "single_source", [span("a", 40, 70)]),
    ],
    "disagreements": [],
    "timeline": [
        {
            "id": "t1",
            "date": "2025-09-09",
            "text": "Talks opened",
            "sources": ["a"],
            "evidence": [span("a", 0, 12)],
        }
    ],
    "positions": [
        {
            "id": "p1",
            "actor": "e1",
            "actor_name": "Valdoria",
            "kind": "demand",
            "stance": "the blockade must end",
            "sources": ["a"],
            "stance_spans": [span("a", 80, 101)],
        }
    ],
}


def grown() -> dict[str, Any]:
    """OLD after article c arrived: c1 unchanged but re-identified, c2 corroborated by c, a
    new claim from c contradicting c2's count, a new timeline entry, p1 now also in c."""
    new = copy.deepcopy(OLD)
    new["article_ids"] = ["a", "b", "c"]
    new["claims"][0]["id"] = "c1-rehashed"  # same spans: the same claim
    new["claims"][1] = claim(
        "c2x",
        "46 detainees will be exchanged",
        "corroborated",
        [span("a", 40, 70), span("c", 10, 40)],
    )
    new["claims"].append(
        claim("c3", "40 detainees will be exchanged", "contradicted", [span("c", 50, 80)])
    )
    new["disagreements"] = [
        {
            "slot": "number",
            "sides": [
                side("c2x", "46 detainees will be exchanged", "46", [span("a", 40, 70)]),
                side("c3", "40 detainees will be exchanged", "40", [span("c", 50, 80)]),
            ],
        }
    ]
    new["timeline"].append(
        {
            "id": "t2",
            "date": "2025-09-11",
            "text": "The deal was signed",
            "sources": ["c"],
            "evidence": [span("c", 90, 109)],
        }
    )
    new["positions"][0]["sources"] = ["a", "c"]
    new["positions"][0]["stance_spans"].append(span("c", 120, 141))
    return new


def test_only_what_the_new_article_brought_is_reported() -> None:
    items = diff_reports(OLD, grown(), {"c": "Wire: Deal signed"})
    seen = [(i.kind, i.change, i.id) for i in items]
    assert seen == [
        ("article", "new", "c"),
        ("claim", "changed", "c2x"),
        ("claim", "new", "c3"),
        ("contradiction", "new", "c2x|c3"),
        ("timeline", "new", "t2"),
        ("position", "changed", "p1"),
    ]
    by_id = {i.id: i for i in items}
    assert by_id["c"].text == "Wire: Deal signed"
    assert by_id["c2x"].detail == "single_source → corroborated; +1 source"
    assert by_id["c2x"].sources == ("c",)
    assert by_id["c2x|c3"].detail == "number: 46 against 40"
    assert [s.article_id for s in by_id["c2x|c3"].citations] == ["a", "c"]
    assert by_id["p1"].detail == "+1 source"


def test_the_same_report_has_no_changes_and_no_old_report_makes_everything_new() -> None:
    assert diff_reports(OLD, copy.deepcopy(OLD)) == ()
    everything = diff_reports(None, OLD)
    assert [(i.kind, i.change) for i in everything] == [
        ("article", "new"),
        ("article", "new"),
        ("claim", "new"),
        ("claim", "new"),
        ("timeline", "new"),
        ("position", "new"),
    ]


def test_a_known_contradiction_is_not_new_again_and_titles_and_kinds_are_changes() -> None:
    before = grown()
    after = copy.deepcopy(before)
    after["title"] = "Deal signed in Geneva"
    after["positions"][0]["kind"] = "rejects"
    after["disagreements"][0]["sides"].reverse()  # same pair, other order
    items = diff_reports(before, after)
    assert [(i.kind, i.change) for i in items] == [("position", "changed"), ("title", "changed")]
    assert items[0].detail == "Valdoria: demand → rejects"
    assert items[1].text == "Deal signed in Geneva"
    assert items[1].detail == "was: Talks open in Geneva"
