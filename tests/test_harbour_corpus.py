"""End to end on the invented corpus in every input format, against its hand-written gold."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from newsprism.confidence import FLOORS
from support import EXAMPLE, REPO, assert_valid_report, load_bench, run_cli

GOLD = json.loads((REPO / "tests" / "gold" / "harbour-talks.json").read_text())


def _record_key(input_name: str) -> tuple[str, int]:
    """(file, record index) of a report article's input: 'x.xml#1', 'x.json[1]', 'x.jsonl:2'."""
    match = re.fullmatch(r"(.+?)(?:#(\d+)|\[(\d+)\]|:(\d+))?", Path(input_name).name)
    assert match, input_name
    file, feed_item, list_item, line = match.groups()
    return file, int(feed_item or list_item or 0) if not line else int(line) - 1


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("harbour")
    result = run_cli(
        "analyze",
        str(EXAMPLE),
        "--out",
        str(out),
        "--db",
        str(out / "s.db"),
        "--today",
        "2026-01-01",
    )
    assert result.returncode == 0, result.stderr
    return json.loads((out / "report.json").read_text())


@pytest.fixture(scope="module")
def by_gold_key(report: dict[str, Any]) -> dict[tuple[str, int], dict[str, Any]]:
    return {_record_key(a["input"]): a for a in report["articles"]}


def _gold_key(entry: dict[str, Any]) -> tuple[str, int]:
    return entry["file"], entry["record"]


def _original(name: str) -> tuple[str, int]:
    file, _, record = name.partition("#")
    return file, int(record or 0)


def test_contract_holds(report: dict[str, Any]) -> None:
    assert_valid_report(report)
    assert report["run"]["skipped"] == []


def test_every_record_of_every_format_is_read_with_its_metadata(
    report: dict[str, Any], by_gold_key: dict[tuple[str, int], dict[str, Any]]
) -> None:
    kept = [g for g in GOLD["articles"] if not g["exact_duplicate_of_file"]]
    assert len(report["articles"]) == len(kept)
    assert report["run"]["exact_duplicates"] == len(GOLD["articles"]) - len(kept)
    for gold in kept:
        article = by_gold_key[_gold_key(gold)]
        assert article["source"] == gold["outlet"], gold["file"]
        assert (article["title"] or None) == (gold["title"] or None), gold["file"]
        assert article["language"] == gold["language"], gold["file"]
        assert article["analysed"] == (gold["language"] == "en"), gold["file"]
        assert article["published_inferred"] == gold["published_inferred"], gold["file"]
        if gold[
            "published_inferred"
        ]:  # the text says "yesterday, Thursday 11 September": a day's slack
            delta = dt.date.fromisoformat(article["published"]) - dt.date.fromisoformat(
                gold["published"]
            )
            assert abs(delta.days) <= 1, gold["file"]
        else:
            assert article["published"] == gold["published"], gold["file"]


def test_residue_is_removed_and_comments_and_scripts_are_not_text(
    by_gold_key: dict[tuple[str, int], dict[str, Any]],
) -> None:
    for gold in GOLD["articles"]:
        if gold["exact_duplicate_of_file"]:
            continue
        text = by_gold_key[_gold_key(gold)]["text"]
        lines = {line.strip() for line in text.split("\n")}
        for residue in gold["residue_lines"]:
            assert residue not in lines, (gold["file"], residue)
        for needle in gold.get("text_must_contain", []):
            assert needle in text, (gold["file"], needle)
        for needle in gold.get("text_must_not_contain", []):
            assert needle not in text, (gold["file"], needle)


def test_the_syndicated_copy_is_one_voice(
    report: dict[str, Any], by_gold_key: dict[tuple[str, int], dict[str, Any]]
) -> None:
    copies = [
        g for g in GOLD["articles"] if g["duplicate_of_file"] and not g["exact_duplicate_of_file"]
    ]
    assert copies
    for gold in copies:
        copy = by_gold_key[_gold_key(gold)]
        original = by_gold_key[_original(gold["duplicate_of_file"])]
        assert copy["duplicate_of"] == original["id"]
    flagged = [a for a in report["articles"] if a["duplicate_of"]]
    assert len(flagged) == len(copies)  # and nothing else is taken for a copy


def test_french_article_is_stored_but_not_in_the_story(report: dict[str, Any]) -> None:
    (french,) = [a for a in report["articles"] if a["language"] == "fr"]
    assert not french["analysed"] and "not analysed" in french["skip_reason"]
    assert all(french["id"] not in s["article_ids"] for s in report["stories"])


def _entity_surfaces(report: dict[str, Any]) -> dict[str, tuple[str, set[str]]]:
    texts = {a["id"]: a["text"] for a in report["articles"]}
    found = {}
    for story in report["stories"]:
        for entity in story["entities"]:
            surfaces = {texts[s["article_id"]][s["start"] : s["end"]] for s in entity["mentions"]}
            found[entity["name"]] = (entity["kind"], surfaces)
    return found


def test_entities_resolve_variants_metonyms_and_demonyms(report: dict[str, Any]) -> None:
    entities = _entity_surfaces(report)
    kind, marek = next(v for v in entities.values() if "Marek" in v[1])
    assert kind == "person" and {"Marek", "Mareck", "Ilse Marék"} <= marek
    kind, valdoria = entities["Valdoria"]
    assert (
        kind == "state" and {"Valdoria", "Valdorian", "Korvan", "Republic of Valdoria"} <= valdoria
    )
    kind, ostrava = next(v for n, v in entities.items() if "Ostrava" in n)
    assert kind == "state" and {"Ostravan", "Saint-Aubel"} <= ostrava
    assert {"EU", "Brussels"} <= entities["European Union"][1]
    assert {"Bern", "Swiss"} <= entities["Switzerland"][1]
    assert entities["Korvan"][0] == "place"  # "Port officials in Korvan"


def test_entity_merges_score_against_gold(report: dict[str, Any]) -> None:
    bench = load_bench("entities")
    scores = bench.score(report, GOLD).metrics()
    assert scores["pairwise_precision"] == 1.0  # no wrong merge (measured, bench/RESULTS.md)
    assert scores["pairwise_recall"] >= 0.95


def test_the_two_designed_stories_and_nothing_else(report: dict[str, Any]) -> None:
    by_id = {a["id"]: a for a in report["articles"]}
    found = {
        frozenset(_record_key(by_id[i]["input"]) for i in story["article_ids"])
        for story in report["stories"]
    }
    present = {_record_key(a["input"]) for a in report["articles"]}  # exact copies are dropped
    gold = {
        frozenset(_original(name) for name in GOLD["stories"][key]) & present
        for key in ("harbour", "strike")
    }
    assert found == gold
    sizes = sorted(s["size"] for s in report["stories"])
    assert sizes == [2, 8]  # copies are shown in their story but count once


def _norm_quote(text: str) -> str:
    return " ".join(re.sub(r"[“”\"]", " ", text).split()).strip(" ,.")


def test_quotes_match_the_gold_speakers_and_are_verbatim(report: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in report["articles"]}
    found = []
    for story in report["stories"]:
        for quote in story["quotes"]:
            spans = quote["content"]
            assert quote["parts"] == [texts[s["article_id"]][s["start"] : s["end"]] for s in spans]
            found += [(_norm_quote(p), quote["speaker_name"]) for p in quote["parts"]]
    gold = [
        (_norm_quote(p), q["speaker"])
        for q in GOLD["quotes"]
        for p in q.get("parts") or [q["text"]]
    ]
    right = [g for g in gold if any(g[0] in f[0] and f[1] == g[1] for f in found)]
    # 43 of the 48 gold quote parts on 2026-11-23; the misses are listed in bench/RESULTS.md
    assert len(right) >= 40, sorted(set(gold) - set(right))
    wrong_speaker = [g for g in gold if any(g[0] in f[0] and f[1] != g[1] for f in found)]
    assert len(wrong_speaker) <= 2, wrong_speaker
    # the syndicated wire copy is one voice: its quotes are not listed again
    assert len({f for f in found}) == len(found)


def test_positions_and_events_of_the_main_parties(report: dict[str, Any]) -> None:
    story = max(report["stories"], key=lambda s: len(s["article_ids"]))
    positions = {(p["actor_name"], p["kind"]): p for p in story["positions"]}
    threat = positions[("European Union", "threat")]
    assert "sanctions" in threat["stance"] and len(threat["sources"]) >= 2
    # "“We will not sign a final settlement,” Marek said, “unless the blockade of Lysa is
    # lifted in full.”": the condition shown is what she asks for, not the flat "will not sign"
    assert "blockade of Lysa is lifted" in positions[("Ilse Marek", "condition")]["stance"]
    assert "navy withdraw" in positions[("Valdoria", "demand")]["stance"]
    names = {e["id"]: e["name"] for e in story["entities"]}
    agree = [
        e
        for e in story["events"]
        if e["type"] == "AGREE"
        and names.get(e["actor"]) == "Valdoria"
        and names.get(e["target"]) == "Kingdom of Ostrava-Marenne"
    ]
    assert agree and agree[0]["date"] == "2025-09-11"
    modes = {(e["trigger"], e["mode"]) for e in story["events"]}
    assert ("sign", "negated") in modes  # "We will not sign a final settlement"


# --- comparison across outlets --------------------------------------------------------------


def _main_story(report: dict[str, Any]) -> dict[str, Any]:
    return max(report["stories"], key=lambda s: len(s["article_ids"]))


def _ids(files: list[str], by_gold_key: dict[tuple[str, int], dict[str, Any]]) -> set[str]:
    return {by_gold_key[_original(f)]["id"] for f in files if _original(f) in by_gold_key}


def test_claim_statuses_agree_with_their_evidence(report: dict[str, Any]) -> None:
    for story in report["stories"]:
        ids = {c["id"] for c in story["claims"]}
        for c in story["claims"]:
            assert set(c["conflicts_with"]) <= ids and c["id"] not in c["conflicts_with"]
            assert (c["status"] == "contradicted") == bool(c["conflicts_with"])
            if c["status"] != "contradicted":
                assert (c["status"] == "corroborated") == (c["voices"] >= 2)
            assert c["voices"] <= len(c["sources"])
            assert c["text"] in {
                a["text"][s["start"] : s["end"]]
                for a in report["articles"]
                for s in c["evidence"]
                if a["id"] == s["article_id"]
            }


def test_every_gold_contradiction_is_found_with_its_slot(
    report: dict[str, Any], by_gold_key: dict[tuple[str, int], dict[str, Any]]
) -> None:
    claims = {c["id"]: c for c in _main_story(report)["claims"]}
    found = []  # (slot, sources of one side, sources of the other)
    for c in claims.values():
        for f in c["conflicts"]:
            found.append((f["slot"], set(c["sources"]), set(claims[f["claim"]]["sources"])))
    expected_slot = {
        "detainee count": "number",
        "date the detainee agreement was signed": "date",
        "time since the last direct talks": "elapsed",
        "whether Tomas Renaud attended the signing in Geneva": "negation",
    }
    for gold in GOLD["claims"]["contradicted"]:
        values = {json.dumps(side["value"]) for side in gold["sides"]}
        assert len(values) > 1
        sides = [(_ids([s["file"]], by_gold_key), json.dumps(s["value"])) for s in gold["sides"]]
        slot = expected_slot[gold["slot"]]

        def disagree(a: set[str], b: set[str], sides: list = sides) -> bool:
            va = {v for ids, v in sides if ids & a}
            vb = {v for ids, v in sides if ids & b}
            return bool(va and vb and not va & vb)

        assert any(s == slot and disagree(a, b) for s, a, b in found), gold["slot"]


def _holding(report: dict[str, Any], article_id: str, snippet: str) -> list[dict[str, Any]]:
    """Claims of the main story whose evidence in that article overlaps the snippet (the
    audit's own matching, `bench/audit.py holding`)."""
    claims = _main_story(report)["claims"]
    return list(load_bench("audit").holding(report, claims, article_id, snippet))


def test_corroborated_gold_claims_are_backed_by_several_voices(
    report: dict[str, Any], by_gold_key: dict[tuple[str, int], dict[str, Any]]
) -> None:
    hits = []
    for gold in GOLD["claims"]["corroborated"]:
        backed: set[str] = set()
        for ev in gold["evidence"]:
            for article in _ids([ev["file"]], by_gold_key):
                for c in _holding(report, article, ev["text"]):
                    if c["voices"] >= 2:
                        backed |= set(c["sources"]) & _ids(gold["files"], by_gold_key)
        hits.append(len(backed) >= 2)
    # measured 9 of 9 (2026-12-03: Marek's speech, "will address" / "is due to speak" to the
    # National Assembly on Monday, joins as one dated event worded apart); 7 before
    assert sum(hits) >= 8, hits


def test_single_source_gold_claims_have_one_voice(
    report: dict[str, Any], by_gold_key: dict[tuple[str, int], dict[str, Any]]
) -> None:
    alone = []
    for gold in GOLD["claims"]["single_source"]:
        ev = gold["evidence"][0]
        ids = _ids([ev["file"]], by_gold_key)
        holding = [c for i in ids for c in _holding(report, i, ev["text"])]
        assert holding, gold["text"]
        assert _ids(gold["files"], by_gold_key) <= {s for c in holding for s in c["sources"]}
        alone.append(all(c["voices"] == 1 for c in holding))
    # measured 10 of 12. Misses: the seizure of the grain freighters sits in a "when" clause of
    # a sentence whose main claim (the blockade since March 2021) five outlets back; "the 26
    # sailors include the Sainte-Claire's crew" joins "Valdoria will release 26 sailors"
    # because a shared count lowers the bar for the same claim
    assert sum(alone) >= 10, alone


def test_coverage_names_each_outlets_exclusives(report: dict[str, Any]) -> None:
    story = _main_story(report)
    claims = {c["id"]: c for c in story["claims"]}
    sources = {a["id"]: a["source"] for a in report["articles"]}
    for cover in story["coverage"]:
        for cid in cover["exclusive"]:
            assert {sources[s] for s in claims[cid]["sources"]} == {cover["source"]}
        for cid in cover["omitted"]:
            assert cover["source"] not in {sources[s] for s in claims[cid]["sources"]}
    blue = next(c for c in story["coverage"] if c["source"] == "Blue Water Report")
    assert any("insurance premiums" in claims[c]["text"] for c in blue["exclusive"])


# --- compose: timeline, brief, positions matrix --------------------------------------------

SECTION_KEYS = ["context", "background", "stakeholders", "analysis", "outlook", "perspectives"]


def _section(story: dict[str, Any], key: str) -> list[dict[str, Any]]:
    (section,) = [s for s in story["brief"]["sections"] if s["key"] == key]
    return list(section["sentences"])


def _cited_outlets(report: dict[str, Any], sentences: list[dict[str, Any]]) -> set[str]:
    sources = {a["id"]: a["source"] for a in report["articles"]}
    return {sources[c["article_id"]] for s in sentences for c in s["citations"]}


def test_the_brief_has_six_sections_and_draws_on_every_outlet(report: dict[str, Any]) -> None:
    story = _main_story(report)
    assert [s["key"] for s in story["brief"]["sections"]] == SECTION_KEYS
    everything = [s for sec in story["brief"]["sections"] for s in sec["sentences"]]
    assert _cited_outlets(report, everything) == set(story["independent_sources"])
    # the introduction alone draws on four outlets, not only the longest article
    assert len(_cited_outlets(report, _section(story, "context"))) >= 4


def test_composing_turns_away_almost_no_candidate_sentence(report: dict[str, Any]) -> None:
    # a frame or a trim the checker refuses would silently empty a section; it is counted
    check = _main_story(report)["brief"]["check"]
    assert check["passed"] == check["sentences"] >= 15  # 600 words: fewer, whole sentences
    assert check["rejected"] <= 2, check["rejected_examples"]


def test_the_timeline_shows_the_signing_date_as_a_conflict(report: dict[str, Any]) -> None:
    story = _main_story(report)
    sources = {a["id"]: a["source"] for a in report["articles"]}
    dates = [e["date"] for e in story["timeline"]]
    assert dates == sorted(dates, key=lambda d: (d[:4], d))  # chronological
    signing = [
        e
        for e in story["timeline"]
        if e["date"] == "2025-09-11" and any(c["date"] == "2025-09-10" for c in e["conflicts"])
    ]
    assert signing, "11 September against Global Dispatch's 10 September"
    (other,) = [c for c in signing[0]["conflicts"] if c["date"] == "2025-09-10"]
    assert {sources[s] for s in other["sources"]} == {"Global Dispatch"}
    assert len({sources[s] for s in signing[0]["sources"]}) >= 3


def test_the_timeline_reaches_back_to_the_accord_and_the_blockade(report: dict[str, Any]) -> None:
    story = _main_story(report)
    # the accord (signed "six years ago": 2019) and the blockade (March 2021), each dated by
    # its own verb; "since the collapse of the 2019 accord" dates no event of its sentence
    assert all(s["kind"] == "date" for s in _section(story, "background"))
    old = [e for e in story["timeline"] if e["background"]]
    shown = [e for e in old if e["confidence"] >= FLOORS.timeline]
    assert {e["date"][:4] for e in shown} >= {"2019", "2021"}


def test_background_reaches_back_to_the_blockade(report: dict[str, Any]) -> None:
    # the blockade's sentence follows a quote's paragraph with no break the sentencer saw
    # ("… leave.”\nBefore the blockade began in March 2021, …"): it is a candidate of its own
    background = " ".join(s["text"] for s in _section(_main_story(report), "background"))
    assert "March 2021" in background


def test_the_analysis_shows_both_sides_of_each_contradiction(report: dict[str, Any]) -> None:
    story = _main_story(report)
    sides = [s for s in _section(story, "analysis") if s["kind"] == "disagreement"]
    text = " ".join(s["text"] for s in sides)
    assert "46 detainees" in text and "40 detainees" in text
    assert "did not travel" in text and "flew to Geneva" in text
    assert sides[0]["frame"].startswith("Outlets differ on ")  # the point at issue, named
    assert {d["slot"] for d in story["disagreements"]} >= {"number", "date", "negation", "elapsed"}


def test_looking_ahead_has_the_second_round_and_marks_forecasts(report: dict[str, Any]) -> None:
    story = _main_story(report)
    outlook = _section(story, "outlook")
    # the second round: its one statement dated by its own verb ("said they would return to
    # Geneva on 14 October") is in the brief, and a sentence serves one section; the others
    # give 14 October only to a noun ("a date for a second round on 14 October") or a
    # relative clause. A plan is not an event on the dated timeline (the audit's rule), so
    # the 14 October entry stays in report.json under the timeline's floor
    brief = " ".join(s["text"] for k in ("context", "outlook") for s in _section(story, k))
    assert "14 October" in brief
    second = [e for e in story["timeline"] if e["date"] == "2025-10-14"]
    assert second and all(e["confidence"] < FLOORS.timeline for e in second)
    assert all(s["kind"] == "forecast" for s in outlook)
    # who foresees it: the outlet, by name, or a named speaker in the sentence itself (no
    # frame; the citation checker holds the speaker to the cited words)
    assert all(
        s["text"].startswith(s["frame"]) and (" expects: " in s["frame"] or s["frame"] == "")
        for s in outlook
    )


def test_stakeholders_and_voices_attribute_to_named_people(report: dict[str, Any]) -> None:
    story = _main_story(report)
    stakeholders = " ".join(s["text"] for s in _section(story, "stakeholders"))
    for actor in ("Valdoria", "European Union"):
        assert f"{actor}: " in stakeholders, actor
    # dismissing criticism is no demand, offer or refusal: not a stakeholder line (issue 17)
    assert "dismissed the criticism" not in stakeholders
    voices = _section(story, "perspectives")
    assert len(voices) >= 4 and all(s["kind"] == "quote" for s in voices)
    # each voice is the source's own sentence, which names its speaker: nothing in front
    assert all(s["frame"] == "" for s in voices)
    said = " ".join(s["text"] for s in voices)
    assert "Marek" in said and "Renaud" in said


def test_the_positions_matrix_puts_each_stance_in_its_column(report: dict[str, Any]) -> None:
    story = _main_story(report)
    positions = {p["id"]: p for p in story["positions"]}
    names = {row["actor_name"] for row in story["matrix"]}
    assert {"Valdoria", "Ilse Marek", "European Union"} <= names
    for row in story["matrix"]:
        for column, kinds in (
            ("demands", {"demand", "condition"}),
            ("offers", {"offer", "accepts", "commitment", "supports"}),
            ("red_lines", {"rejects", "threat"}),
        ):
            assert all(positions[i]["kind"] in kinds for i in row[column])
            assert all(positions[i]["actor"] == row["actor"] for i in row[column])
    eu = next(row for row in story["matrix"] if row["actor_name"] == "European Union")
    assert any("sanctions" in positions[i]["stance"] for i in eu["red_lines"])
