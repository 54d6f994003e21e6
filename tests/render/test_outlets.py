"""compare-outlets from a hand-made report (invented text): omissions, disagreements, framing."""

from __future__ import annotations

from typing import Any

import pytest

from newsprism.errors import NewsprismError
from newsprism.render.outlets import compare_outlets, comparison_dict, comparison_text


def claim(cid: str, sources: list[str], status: str = "single_source") -> dict[str, Any]:
    spans = [{"article_id": s, "start": 0, "end": 5} for s in sources]
    return {"id": cid, "text": f"claim {cid}", "status": status, "sources": sources,
            "evidence": spans, "voices": len(sources)}  # fmt: skip


def frame(source: str, actor: str, sentences: int, tone: float) -> dict[str, Any]:
    return {"source": source, "actor": actor, "actor_name": actor.title(), "sentences": sentences,
            "tone": tone, "quotes": 1, "voice": 0.5, "hedging": 0.0, "loaded": 0.25}  # fmt: skip


REPORT: dict[str, Any] = {
    "articles": [
        {"id": "p1", "source": "Lantern Post", "text": "xxxxxxxx"},
        {"id": "p2", "source": "Lantern Post", "text": "xxxxxxxx"},
        {"id": "c1", "source": "Corvale Courier", "text": "xxxxxxxx"},
        {"id": "w1", "source": "Wire", "text": "xxxxxxxx"},
    ],
    "stories": [
        {
            "id": "s1",
            "title": "Talks",
            "article_ids": ["p1", "p2", "c1", "w1"],
            "claims": [
                claim("both", ["p1", "c1"], "corroborated"),
                claim("post", ["p2"]),
                claim("post12", ["p1", "w1"], "corroborated"),
                claim("courier", ["c1"], "contradicted"),
                claim("wire", ["w1"]),
                claim("twelve", ["p2"], "contradicted"),
            ],
            "disagreements": [
                {
                    "slot": "number",
                    "sides": [
                        {
                            "claim": "courier",
                            "text": "claim courier",
                            "value": "10",
                            "sources": ["c1"],
                        },
                        {
                            "claim": "twelve",
                            "text": "claim twelve",
                            "value": "12",
                            "sources": ["p2"],
                        },
                    ],
                },
                {
                    "slot": "date",
                    "sides": [
                        {
                            "claim": "wire",
                            "text": "claim wire",
                            "value": "2025-01-02",
                            "sources": ["w1"],
                        },
                        {
                            "claim": "post",
                            "text": "claim post",
                            "value": "2025-01-01",
                            "sources": ["p2"],
                        },
                    ],
                },
            ],  # fmt: skip
            "framing": [
                frame("Lantern Post", "arnesia", 4, 0.5),
                frame("Corvale Courier", "arnesia", 2, -0.25),
                frame("Corvale Courier", "belmora", 9, 0.0),
                frame("Wire", "zed", 20, 0.1),
            ],
        }
    ],
}


def test_what_each_reports_that_the_other_omits() -> None:
    c = compare_outlets(REPORT, "s1", "Lantern Post", "Corvale Courier")
    assert (c.a_articles, c.b_articles) == (2, 1)
    assert [x.id for x in c.only_a] == ["twelve", "post12", "post"]  # contested, backed, alone
    assert [x.id for x in c.only_b] == ["courier"]
    assert c.only_a[1].outlets == ("Lantern Post", "Wire")


def test_disagreements_are_oriented_a_then_b() -> None:
    c = compare_outlets(REPORT, "s1", "Lantern Post", "Corvale Courier")
    (d,) = c.disagreements  # the date one is Wire against the Post, not the Courier
    assert (d.slot, d.a.id, d.a_value, d.b.id, d.b_value) == (
        "number",
        "twelve",
        "12",
        "courier",
        "10",
    )


def test_framing_lists_actors_by_attention_with_gaps_for_the_unnamed() -> None:
    c = compare_outlets(REPORT, "s1", "Lantern Post", "Corvale Courier")
    assert [f.actor for f in c.framing] == ["belmora", "arnesia"]  # 9 sentences, then 4 + 2
    assert c.framing[0].a is None and c.framing[0].b is not None
    assert c.framing[1].a is not None and c.framing[1].a["tone"] == 0.5
    text = comparison_text(c, limit=1)
    assert "Lantern Post reports, Corvale Courier does not (3 claims)" in text
    assert "… 2 more (--limit 0 shows all)" in text and "(does not name it)" in text
    assert "Arnesia" not in text  # the limit holds for actors too
    assert comparison_dict(c)["disagreements"][0]["b_value"] == "10"


def test_an_outlet_outside_the_story_or_twice_the_same_is_refused() -> None:
    with pytest.raises(NewsprismError, match="two different outlets"):
        compare_outlets(REPORT, "s1", "Wire", "Wire")
    with pytest.raises(NewsprismError, match="'Daily Planet' has no article in story s1"):
        compare_outlets(REPORT, "s1", "Wire", "Daily Planet")
