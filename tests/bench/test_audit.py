"""The judged audit (bench/audit.py) on tiny invented reports: item keys, stable sampling,
verdict merging, the Wilson interval and the gold recall. No news text, no pipeline run."""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from support import load_bench

audit = load_bench("audit")

TEXT_A = (
    "The mayor of Tarnholt opened the new ferry pier on Monday. "
    '"This pier is for everyone," said Mayor Ada Quist. '
    "The pier cost 12 million crowns. Officials said 300 people came."
)
TEXT_B = "Tarnholt's pier cost 14 million crowns, the council said. It opened on Monday."


def span(text: str, article: str, fragment: str) -> dict[str, Any]:
    at = text.index(fragment)
    return {"article_id": article, "start": at, "end": at + len(fragment)}


def report(speaker: str = "Ada Quist", quote_confidence: float | None = None) -> dict[str, Any]:
    """An invented report: one story with one item of each kind."""
    quote: dict[str, Any] = {
        "speaker_name": speaker,
        "speaker_text": "Mayor Ada Quist",
        "text": "This pier is for everyone,",
        "content": [span(TEXT_A, "a", "This pier is for everyone,")],
        "speaker_span": span(TEXT_A, "a", "Mayor Ada Quist"),
    }
    if quote_confidence is not None:
        quote["confidence"] = quote_confidence
    cost_a = span(TEXT_A, "a", "The pier cost 12 million crowns")
    cost_b = span(TEXT_B, "b", "Tarnholt's pier cost 14 million crowns, the council said")
    opened_a = span(TEXT_A, "a", "The mayor of Tarnholt opened the new ferry pier on Monday")
    opened_b = span(TEXT_B, "b", "It opened on Monday")
    return {
        "articles": [
            {
                "id": "a",
                "text": TEXT_A,
                "source": "Tarnholt Post",
                "published": "2026-03-03",
                "title": "Pier opens",
                "input": "x/000_post.txt",
                "published_inferred": False,
            },
            {
                "id": "b",
                "text": TEXT_B,
                "source": "Coast Radio",
                "published": "2026-03-03",
                "title": None,
                "input": "x/001_radio.txt",
                "published_inferred": True,
            },
        ],
        "stories": [
            {
                "id": "s1",
                "quotes": [quote],
                "claims": [
                    {
                        "id": "c1",
                        "text": "The pier cost 12 million crowns",
                        "status": "contradicted",
                        "sources": ["a"],
                        "voices": 1,
                        "evidence": [cost_a],
                        "conflicts": [
                            {"claim": "c2", "slot": "number", "value": "12", "other_value": "14"}
                        ],
                    },
                    {
                        "id": "c2",
                        "text": "Tarnholt's pier cost 14 million crowns",
                        "status": "contradicted",
                        "sources": ["b"],
                        "voices": 1,
                        "evidence": [cost_b],
                        "conflicts": [
                            {"claim": "c1", "slot": "number", "value": "14", "other_value": "12"}
                        ],
                    },
                    {
                        "id": "c3",
                        "text": "The pier opened on Monday",
                        "status": "corroborated",
                        "sources": ["a", "b"],
                        "voices": 2,
                        "evidence": [opened_a, opened_b],
                        "conflicts": [],
                    },
                ],
                "timeline": [
                    {
                        "date": "2026-03-02",
                        "granularity": "day",
                        "text": "The pier opened",
                        "evidence": [opened_a],
                    }
                ],
                "positions": [
                    {
                        "actor_name": "Ada Quist",
                        "kind": "offer",
                        "stance": "a pier for everyone",
                        "evidence": [quote["content"][0]],
                        "stance_spans": [],
                    }
                ],
                "brief": {
                    "sections": [
                        {
                            "key": "stakeholders",
                            "title": "Key Stakeholders & Perspectives",
                            "sentences": [
                                {
                                    "text": "The pier cost 12 million crowns.",
                                    "frame": "Tarnholt Post reports: ",
                                    "citations": [cost_a],
                                }
                            ],
                        },
                        {
                            "key": "context",
                            "title": "Introduction & Context",
                            "sentences": [
                                {
                                    "text": "It opened on Monday.",
                                    "frame": "",
                                    "citations": [opened_b],
                                }
                            ],
                        },
                    ]
                },
                "answers": [
                    {
                        "question": "How much did the pier cost?",
                        "refused": False,
                        "value": "12 million crowns",
                        "sentences": [
                            {"text": "The pier cost 12 million crowns.", "citations": [cost_a]}
                        ],
                    },
                    {"question": "Who paid?", "refused": True, "value": None, "sentences": []},
                ],
            }
        ],
    }


def items(rep: dict[str, Any]) -> dict[str, Any]:
    return {i.kind: i for i in audit.report_items(rep, "invented")}


def test_one_item_of_each_kind_and_brief_only_from_the_two_sections() -> None:
    found = list(audit.report_items(report(), "invented"))
    assert sorted(i.kind for i in found) == sorted(audit.KINDS)  # contradiction pair counted once
    (brief,) = [i for i in found if i.kind == "brief"]
    assert brief.claims["frame"] == "Tarnholt Post reports: "
    (pair,) = [i for i in found if i.kind == "contradicted"]
    assert (pair.claims["value_a"], pair.claims["value_b"]) == ("12", "14")
    assert pair.labels == ("side A", "side B")


def test_key_is_stable_and_changes_with_a_judged_field() -> None:
    first, again = items(report()), items(report())
    assert {k: i.key for k, i in first.items()} == {k: i.key for k, i in again.items()}
    other = items(report(speaker="Ben Ostby"))
    assert other["quote"].key != first["quote"].key  # a different speaker is a new item
    assert other["timeline"].key == first["timeline"].key  # nothing else moved


def test_key_follows_article_content_not_its_id() -> None:
    rep = report()
    renamed = json.loads(json.dumps(rep).replace('"a"', '"zz"'))
    assert items(renamed)["quote"].key == items(rep)["quote"].key
    edited = report()
    edited["articles"][0]["text"] = TEXT_A + " Later paragraph."
    assert items(edited)["quote"].key != items(rep)["quote"].key


def test_key_ignores_span_order() -> None:
    h = hashlib.sha256(b"x").hexdigest()
    spans = [(h, 0, 5), (h, 10, 20)]
    claims = {"claim": "x"}
    assert audit.item_key("corroborated", spans, claims) == audit.item_key(
        "corroborated", spans[::-1], claims
    )


def test_items_under_their_floor_are_not_shown() -> None:
    assert items(report(quote_confidence=0.1))["quote"].shown is False
    assert items(report(quote_confidence=0.9))["quote"].shown is True
    assert items(report())["quote"].shown is True  # no confidence field: shown, as before
    assert items(report())["brief"].shown is True  # no floor for brief sentences


def test_choice_is_seeded_and_mostly_stable_when_keys_come_and_go() -> None:
    keys = [f"k{i:03}" for i in range(200)]
    picked = audit.choose(keys, 17, 45)
    assert picked == audit.choose(reversed(keys), 17, 45)
    assert len(picked) == 45 and len(set(picked)) == 45
    assert picked != audit.choose(keys, 18, 45)
    # ten items vanish and ten new ones appear: a picked item that survives leaves the sample
    # only to make room for a new item that ranks above it
    changed = keys[10:] + [f"new{i}" for i in range(10)]
    again = audit.choose(changed, 17, 45)
    survivors = {k for k in picked if k in changed}
    entered = {k for k in again if k.startswith("new")}
    assert len(survivors - set(again)) <= len(entered)
    assert len(survivors & set(again)) >= 45 - 10 - len(entered)


def test_context_marks_the_cited_span_with_sentences_around() -> None:
    rec = audit.item_record(items(report())["quote"], {a["id"]: a for a in report()["articles"]})
    (source,) = rec["sources"]  # speaker and quote spans sit close: one passage
    assert "⟦This pier is for everyone,⟧" in source["context"]
    assert "⟦Mayor Ada Quist⟧" in source["context"]
    assert source["context"].startswith("The mayor of Tarnholt")


def verdict(key: str, v: str, date: str, judge: str = "j1") -> dict[str, Any]:
    return {"key": key, "kind": "quote", "verdict": v, "reason": "ok", "judge": judge, "date": date}


def test_merge_keeps_the_newest_and_refuses_unknown_keys_and_bad_verdicts() -> None:
    old = {"k1": verdict("k1", "correct", "2026-12-01")}
    merged, notes = audit.merge_verdicts(old, [verdict("k1", "wrong", "2026-12-03", "j2")], {"k1"})
    assert merged["k1"]["verdict"] == "wrong" and len(notes) == 1
    merged, _ = audit.merge_verdicts(old, [verdict("k1", "wrong", "2026-11-01", "j2")], {"k1"})
    assert merged["k1"]["verdict"] == "correct"
    with pytest.raises(audit.AuditError, match="not a sampled item"):
        audit.merge_verdicts({}, [verdict("k9", "correct", "2026-12-03")], {"k1"})
    with pytest.raises(audit.AuditError, match="correct"):
        audit.merge_verdicts({}, [verdict("k1", "maybe", "2026-12-03")], {"k1"})


def test_wilson_interval_and_precision_table() -> None:
    lo, hi = audit.wilson(9, 10)
    assert lo == pytest.approx(0.5958, abs=1e-3) and hi == pytest.approx(0.9821, abs=1e-3)
    assert audit.wilson(0, 0) == (0.0, 1.0)
    judged = {"k1": verdict("k1", "correct", "d"), "k2": verdict("k2", "wrong", "d")}
    table = audit.precision_table({"quote": ["k1", "k2", "k3"], "answer": []}, judged)
    assert table["quote"] | {"ci95": None} == {
        "sampled": 3,
        "judged": 2,
        "correct": 1,
        "precision": 0.5,
        "ci95": None,
        "unjudged": 1,
    }
    assert table["answer"]["precision"] is None


def test_gold_recall_counts_found_and_missed_claims() -> None:
    gold = {
        "claims": {
            "corroborated": [
                {
                    "evidence": [
                        {"file": "000", "text": "opened the new ferry pier"},
                        {"file": "001", "text": "It opened on Monday"},
                    ]
                },
                {"evidence": [{"file": "001", "text": "the council said"}]},
            ],
            "contradicted": [
                {
                    "sides": [
                        {"file": "000", "text": "The pier cost 12", "value": 12},
                        {"file": "001", "text": "pier cost 14", "value": 14},
                    ]
                }
            ],
        }
    }
    assert audit.gold_recall(report(), gold) == {"corroborated": [1, 2], "contradicted": [1, 1]}


def test_sample_writes_items_and_leaves_out_judged_ones(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "report.json").write_text(json.dumps(report()))
    judgements = tmp_path / "judgements.jsonl"
    args = argparse.Namespace(work=tmp_path, judgements=judgements, per_kind=45, seed=17, tag="t")
    counts = audit.sample(args)
    assert counts["quote"] == {"total": 1, "shown": 1, "sampled": 1, "already_judged": 0}
    rows = [json.loads(x) for x in (tmp_path / "items-t.jsonl").read_text().splitlines()]
    quote_key = next(r["key"] for r in rows if r["kind"] == "quote")
    judgements.write_text(json.dumps(verdict(quote_key, "correct", "2026-12-03")) + "\n")
    counts = audit.sample(args)
    assert counts["quote"]["already_judged"] == 1
    md = (tmp_path / "items-t.md").read_text()
    assert quote_key not in md and "1 sampled items already judged" in md
    scored = audit.score(argparse.Namespace(work=tmp_path, judgements=judgements, tag="t"))
    assert scored["precision"]["quote"]["precision"] == 1.0
