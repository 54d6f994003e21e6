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
    assert audit.gold_recall(report(), gold) == {
        "corroborated": [1, 2],
        "corroborated_one_group": [1, 2],
        "contradicted": [1, 1],
    }


def test_gold_recall_one_group_needs_one_claim_holding_two_files() -> None:
    """Two claims, each holding one file's snippet and each backed by both outlets, count for
    the lenient union but not for the strict one-group figure."""
    rep = report()
    for claim in rep["stories"][0]["claims"][:2]:
        claim.update(status="corroborated", sources=["a", "b"], voices=2, confidence=0.95)
    gold = {
        "claims": {
            "corroborated": [
                {
                    "evidence": [
                        {"file": "000", "text": "The pier cost 12"},
                        {"file": "001", "text": "pier cost 14"},
                    ]
                }
            ],
            "contradicted": [],
        }
    }
    found = audit.gold_recall(rep, gold)
    assert found["corroborated"] == [1, 1]
    assert found["corroborated_one_group"] == [0, 1]


def test_sample_writes_items_and_leaves_out_judged_ones(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "report.json").write_text(json.dumps(report()))
    judgements = tmp_path / "judgements.jsonl"
    args = argparse.Namespace(
        work=tmp_path, judgements=judgements, per_kind=45, seed=17, tag="t", fresh=False
    )
    counts = audit.sample(args)
    assert counts["quote"] == {
        "total": 1,
        "shown": 1,
        "left_out_as_judged": 0,
        "sampled": 1,
        "already_judged": 0,
    }
    rows = [json.loads(x) for x in (tmp_path / "items-t.jsonl").read_text().splitlines()]
    quote_key = next(r["key"] for r in rows if r["kind"] == "quote")
    judgements.write_text(json.dumps(verdict(quote_key, "correct", "2026-12-03")) + "\n")
    counts = audit.sample(args)
    assert counts["quote"]["already_judged"] == 1
    md = (tmp_path / "items-t.md").read_text()
    assert quote_key not in md and "1 sampled items already judged" in md
    scored = audit.score(argparse.Namespace(work=tmp_path, judgements=judgements, tag="t"))
    assert scored["precision"]["quote"]["precision"] == 1.0

    fresh = audit.sample(argparse.Namespace(**{**vars(args), "fresh": True, "tag": "f"}))
    assert fresh["quote"] | {"total": 0} == {
        "total": 0,
        "shown": 1,
        "left_out_as_judged": 1,
        "sampled": 0,
        "already_judged": 0,
    }
    assert fresh["timeline"]["sampled"] == 1  # kinds with no judged item are sampled as before
    rows = [json.loads(x) for x in (tmp_path / "items-f.jsonl").read_text().splitlines()]
    assert quote_key not in {r["key"] for r in rows}
    assert json.loads((tmp_path / "sample-f.json").read_text())["fresh"] is True


# --- Timeline17 windows, --only, parallel build --------------------------------------------


def t17_folder(root: Path) -> Path:
    """An invented Timeline17 layout: topic Pier, outlets post (5 files on 03-02, 2 on 03-09)
    and radio (1 file on 03-02, 1 empty file on 03-03)."""
    for outlet, day, n in (("post", "2026-03-02", 5), ("post", "2026-03-09", 2)):
        for i in range(n):
            f = root / f"Pier_{outlet}" / "InputDocs" / day / f"{i}.htm.txt"
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(f"The pier opened `` today '' , {outlet} item {i} .\n")
    radio = root / "Pier_radio" / "InputDocs"
    (radio / "2026-03-02").mkdir(parents=True)
    (radio / "2026-03-02" / "0.htm.txt").write_text("The pier cost 14 million .\n")
    (radio / "2026-03-03").mkdir(parents=True)
    (radio / "2026-03-03" / "0.htm.txt").write_text("")
    return root


def test_windows_parse_and_refuse_bad_specs() -> None:
    (w,) = audit.parse_windows("Pier:2026-03-01:2026-03-03")
    assert (w.topic, w.first, w.last, w.name) == (
        "Pier",
        "2026-03-01",
        "2026-03-03",
        "t17w-Pier-20260301",
    )
    assert audit.parse_windows("") == []
    with pytest.raises(audit.AuditError, match="TOPIC:YYYY-MM-DD:YYYY-MM-DD"):
        audit.parse_windows("Pier:2026-03-01")
    with pytest.raises(audit.AuditError, match="ends before it starts"):
        audit.parse_windows("Pier:2026-03-03:2026-03-01")


def test_window_choice_takes_outlets_in_turn_within_the_days(tmp_path: Path) -> None:
    folder = t17_folder(tmp_path)
    window = audit.Window(topic="Pier", first="2026-03-01", last="2026-03-03")
    chosen = audit.window_choice(folder, window, 3, 17)
    outlets = sorted(p.parents[2].name for p in chosen)
    assert outlets == ["Pier_post", "Pier_post", "Pier_radio"]  # radio's one file, post fills
    assert all(p.parent.name == "2026-03-02" for p in chosen)  # not 03-09; not the empty file
    assert chosen == audit.window_choice(folder, window, 3, 17)  # seeded
    assert len(audit.window_choice(folder, window, 50, 17)) == 6  # all there is
    other_seed = {p.name for p in audit.window_choice(folder, window, 3, 18)}
    everything = {p.name for p in audit.window_choice(folder, window, 50, 17)}
    assert other_seed <= everything
    (corpus,) = audit._window_corpora(folder, tmp_path / "in", [window], 3, 17)
    rows = [json.loads(x) for x in corpus.input.read_text().splitlines()]
    assert {r["source"] for r in rows} == {"post", "radio"}
    assert {r["published"] for r in rows} == {"2026-03-02"}
    assert any('"today"' in r["text"] for r in rows)  # detokenised
    with pytest.raises(audit.AuditError, match="no Timeline17 Pier articles"):
        audit._window_corpora(
            folder, tmp_path / "in", audit.parse_windows("Pier:2027-01-01:2027-01-02"), 3, 17
        )


def build_args(tmp_path: Path, **over: Any) -> argparse.Namespace:
    istanbul, harbour = tmp_path / "istanbul", tmp_path / "harbour"
    istanbul.mkdir(exist_ok=True)
    harbour.mkdir(exist_ok=True)
    (harbour / "a.txt").write_text("x")
    base: dict[str, Any] = {
        "work": tmp_path / "work",
        "basil": tmp_path / "no-basil",
        "timeline17": t17_folder(tmp_path / "t17")
        if not (tmp_path / "t17").exists()
        else tmp_path / "t17",
        "istanbul": istanbul,
        "harbour": harbour,
        "t17_topics": "Pier",
        "t17_per_topic": 2,
        "t17_seed": 17,
        "t17_windows": "Pier:2026-03-01:2026-03-03",
        "t17_window_size": 4,
        "only": "",
        "workers": 8,
    }
    return argparse.Namespace(**{**base, **over})


def test_only_names_known_corpora_and_builds_just_those(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = build_args(tmp_path)
    assert audit.corpus_names(args) == [
        "basil",
        "t17-Pier",
        "t17w-Pier-20260301",
        "istanbul",
        "harbour",
    ]
    with pytest.raises(audit.AuditError, match="no corpus nope; known: basil"):
        audit.selected(build_args(tmp_path, only="harbour,nope"))
    ran: list[str] = []

    def fake(corpus: Any, work: Path) -> dict[str, Any]:
        ran.append(corpus.name)
        return {"seconds": 0.0, "cached": False, "note": corpus.note}

    monkeypatch.setattr(audit, "analyse", fake)
    # BASIL's folder is missing, but --only leaves BASIL out, so it is not needed
    figures = audit.build(build_args(tmp_path, only="t17w-Pier-20260301,harbour"))
    assert sorted(ran) == ["harbour", "t17w-Pier-20260301"]
    assert list(figures)[:2] == ["t17w-Pier-20260301", "harbour"]  # build order
    assert 1 <= figures["workers"] <= 2  # never more than the corpora (nor the cores)
    assert (tmp_path / "work" / "inputs" / "t17w-Pier-20260301.jsonl").is_file()
    assert not (tmp_path / "work" / "inputs" / "t17-Pier.jsonl").exists()
    with pytest.raises(audit.AuditError, match="pass --basil DIR"):
        audit.build(build_args(tmp_path, only="basil"))


def test_one_failed_corpus_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[str] = []

    def fake(corpus: Any, work: Path) -> dict[str, Any]:
        ran.append(corpus.name)
        if corpus.name == "istanbul":
            raise audit.AuditError("istanbul: analyze failed (1); see its log")
        return {"seconds": 0.0, "cached": False, "note": ""}

    monkeypatch.setattr(audit, "analyse", fake)
    with pytest.raises(audit.AuditError, match="istanbul: analyze failed"):
        audit.build(build_args(tmp_path, only="istanbul,harbour", workers=1))
    assert sorted(ran) == ["harbour", "istanbul"]


def test_an_unchanged_corpus_is_not_analysed_again(tmp_path: Path) -> None:
    corpus = audit.Corpus(name="harbour", input=build_args(tmp_path).harbour, note="")
    work = tmp_path / "work"
    out = work / "harbour"
    out.mkdir(parents=True)
    command = [
        "python", "-m", "newsprism", "analyze", str(corpus.input), "--out", str(out),
        "--db", str(out / "store.db"), "--today", audit.TODAY,
    ]  # fmt: skip
    (out / "stamp").write_text(audit._stamp(corpus, command))
    (out / "report.json").write_text("{}")
    assert audit.analyse(corpus, work)["cached"] is True


# --- calibrate --------------------------------------------------------------------------


def write_items(path: Path, rows: list[tuple[str, str, float | None]]) -> Path:
    path.write_text(
        "".join(json.dumps({"key": k, "kind": kind, "confidence": c}) + "\n" for k, kind, c in rows)
    )
    return path


def test_calibrate_finds_the_lowest_floor_by_wilson_and_by_point(tmp_path: Path) -> None:
    # positions: 30 sure items all right, 10 unsure items all wrong; quotes: 60 sure, all right
    rows = [(f"p{i}", "position", 0.9) for i in range(30)]
    rows += [(f"w{i}", "position", 0.3) for i in range(10)]
    rows += [(f"q{i}", "quote", 0.95) for i in range(60)] + [("n0", "quote", None)]
    items = write_items(tmp_path / "items-x.jsonl", rows)
    judgements = tmp_path / "judgements.jsonl"
    verdicts = [
        verdict(k, "wrong" if k.startswith("w") else "correct", "2026-12-03") for k, _, _ in rows
    ]
    judgements.write_text("".join(json.dumps(v) + "\n" for v in verdicts))
    args = argparse.Namespace(
        work=tmp_path, judgements=judgements, items=[str(items)], target=0.9, step=0.05, min_n=20
    )
    out = audit.calibrate(args)["kinds"]
    position = out["position"]
    assert position["rows"][0] == {
        "floor": 0.0,
        "n": 40,
        "correct": 30,
        "precision": 0.75,
        "wilson_low": pytest.approx(0.598, abs=1e-3),
    }
    assert [r["n"] for r in position["rows"]] == [40, 30]  # floors keeping the same items: one row
    assert position["rows"][1]["floor"] == 0.35  # the first floor above the unsure items
    assert position["lowest_floor_point"] == 0.35
    assert position["lowest_floor_wilson_low"] is None  # 30 of 30: Wilson low 0.886 < 0.90
    from newsprism.confidence import FLOORS  # the floor now, whatever it is set to

    kept_now = sum(
        c is not None and c >= FLOORS.position for k, kind, c in rows if kind == "position"
    )
    assert position["at_current_floor"]["n"] == kept_now
    quote = out["quote"]
    assert quote["lowest_floor_wilson_low"] == 0.0  # 60 of 60 reach 0.90 even by Wilson
    assert quote["judged_without_confidence"] == 1
    assert out["contradicted"]["rows"] == [] and out["contradicted"]["lowest_floor_point"] is None
    # the point estimate needs min_n items
    few = audit.calibrate(argparse.Namespace(**{**vars(args), "min_n": 31}))["kinds"]
    assert few["position"]["lowest_floor_point"] is None
    with pytest.raises(audit.AuditError, match="no such file"):
        audit.calibrate(argparse.Namespace(**{**vars(args), "items": [str(tmp_path / "no")]}))
    with pytest.raises(audit.AuditError, match="--step 0"):
        audit.calibrate(argparse.Namespace(**{**vars(args), "step": 0}))


def test_calibrate_uses_the_confidence_of_the_file_given_last(tmp_path: Path) -> None:
    old = write_items(tmp_path / "items-before.jsonl", [("k1", "timeline", None)])
    new = write_items(tmp_path / "items-after.jsonl", [("k1", "timeline", 0.8)])
    judged = {"k1": verdict("k1", "correct", "d")}
    pairs, without = audit.judged_confidences([old, new], judged)
    assert pairs["timeline"] == [(0.8, True)] and without["timeline"] == 0
    pairs, without = audit.judged_confidences([new, old], judged)
    assert pairs["timeline"] == [] and without["timeline"] == 1
    bad = tmp_path / "items-bad.jsonl"
    bad.write_text('{"key": "k1"}\n')
    with pytest.raises(audit.AuditError, match="no key/kind/confidence"):
        audit.judged_confidences([bad], judged)


def test_a_corroborated_item_counts_outlets_not_articles() -> None:
    rep = report()
    rep["articles"][1]["source"] = "Tarnholt Post"  # both articles from one outlet
    assert items(report())["corroborated"].claims["outlets"] == 2
    assert items(rep)["corroborated"].claims["outlets"] == 1
