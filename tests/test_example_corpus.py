"""End to end on the real example corpus beside the checkout (skipped where it is absent)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from newsprism.compose.prose import sentence_faults
from support import ISTANBUL, assert_valid_report, load_bench, run_cli

pytestmark = pytest.mark.skipif(not ISTANBUL.is_dir(), reason=f"{ISTANBUL} is not present")

RESIDUE = ("Ask me anything", "Explore related questions", "Short link:", "Related Sources:")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("istanbul")
    result = run_cli("analyze", str(ISTANBUL), "--out", str(out), "--db", str(out / "s.db"))
    assert result.returncode == 0, result.stderr
    assert {p.name for p in out.iterdir()} >= {"report.json", "brief.md", "report.html"}
    return json.loads((out / "report.json").read_text())


def test_five_articles_one_story_valid_contract(report: dict) -> None:
    assert len(report["articles"]) == 5
    assert_valid_report(report)
    (story,) = report["stories"]
    assert len(story["article_ids"]) == 5


def test_text_is_free_of_page_residue(report: dict) -> None:
    for article in report["articles"]:
        for line in article["text"].split("\n"):
            assert line.strip() not in RESIDUE, (article["input"], line)
        assert not article["text"].rstrip().endswith(("Read more.", "Short link:"))


def test_inferred_dates_fall_in_mid_may_2025(report: dict) -> None:
    for article in report["articles"]:
        assert article["published_inferred"] is True
        assert "2025-05-10" <= article["published"] <= "2025-05-20", article["input"]
        assert article["published_evidence"], "an inferred date names the text it rests on"


def test_titles_only_where_the_text_has_one(report: dict) -> None:
    titles = {Path(a["input"]).name[:3]: a["title"] for a in report["articles"]}
    assert titles["003"] == (
        "Istanbul Talks: A New Chapter in the Turbulent Quest for Peace Between Ukraine and Russia"
    )
    assert titles["001"] is None  # "Introduction & Context" is a section heading, not a title
    assert titles["000"] is None and titles["002"] is None and titles["004"] is None


GOLD_PATH = Path(__file__).resolve().parent / "gold" / "istanbul-talks.json"


def _surfaces(report: dict, entity: dict) -> set[str]:
    texts = {a["id"]: a["text"] for a in report["articles"]}
    return {texts[s["article_id"]][s["start"] : s["end"]] for s in entity["mentions"]}


def _entity(report: dict, name: str) -> dict:
    (story,) = report["stories"]
    (found,) = [e for e in story["entities"] if e["name"] == name]
    return found


def test_one_entity_per_actor_across_all_five_articles(report: dict) -> None:
    zelensky = _entity(report, "Volodymyr Zelensky")
    assert zelensky["kind"] == "person"
    assert {"Zelensky", "Zelenskiy", "Zelenskyy", "Volodymyr Zelenskyy"} <= _surfaces(
        report, zelensky
    )
    russia = _entity(report, "Russia")
    assert russia["kind"] == "state"
    assert {"Russia", "Moscow", "Kremlin", "Russian"} <= _surfaces(report, russia)
    assert {"Ukraine", "Kyiv", "Ukrainian negotiators"} <= _surfaces(
        report, _entity(report, "Ukraine")
    )
    assert {"U.S.", "US", "Washington", "White House"} <= _surfaces(
        report, _entity(report, "United States")
    )
    assert {"Turkey", "Ankara", "Turkish"} <= _surfaces(report, _entity(report, "Turkey"))
    erdogan = _entity(report, "Recep Tayyip Erdoğan")
    assert {"Erdoğan", "Erdogan"} <= _surfaces(report, erdogan)
    putin = _entity(report, "Vladimir Putin")
    assert {"Putin", "Russian leader"} <= _surfaces(report, putin)
    trump = _entity(report, "Donald Trump")
    assert trump["kind"] == "person" and "American president" in _surfaces(report, trump)
    # The city where it is a place ("the Kyiv suburbs", "the commemoration in Moscow").
    assert _entity(report, "Kyiv")["kind"] == "place"
    assert _entity(report, "Moscow")["kind"] == "place"


def test_people_and_states_never_share_an_entity(report: dict) -> None:
    (story,) = report["stories"]
    people = {"Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "Recep Tayyip Erdoğan"}
    states = {"Russia", "Ukraine", "United States", "Turkey"}
    for entity in story["entities"]:
        surfaces = _surfaces(report, entity)
        assert not (surfaces & people and surfaces & states), entity["name"]


def test_merge_scores_against_hand_annotated_gold(report: dict) -> None:
    bench = load_bench("entities")
    scores = bench.score(report, json.loads(GOLD_PATH.read_text())).metrics()
    # Measured 0.98 / 0.99 (bench/RESULTS.md); these guard against regressions.
    assert scores["pairwise_precision"] >= 0.97
    assert scores["pairwise_recall"] >= 0.97
    assert scores["mention_recall"] >= 0.95


def test_every_time_expression_normalised_as_in_the_gold(report: dict) -> None:
    gold = json.loads(GOLD_PATH.read_text())
    articles = {Path(a["input"]).name: a for a in report["articles"]}
    (story,) = report["stories"]
    assert all(a["published"] == "2025-05-15" for a in report["articles"])  # the gold's anchor
    wrong = []
    for expected in gold["times"]:
        if expected.get("event_anchored") and expected["granularity"] != "duration":
            continue  # "the eve of the talks": dated by an event, not normalised (documented)
        article = articles[expected["file"]]
        at = article["text"].find(expected.get("context") or expected["text"])
        start = article["text"].find(expected["text"], at)
        found = [
            t
            for t in story["times"]
            if t["span"]["article_id"] == article["id"]
            and t["span"]["start"] < start + len(expected["text"])
            and start < t["span"]["end"]
        ]
        if not found or found[0]["value"] != expected["value"]:
            wrong.append((expected["file"][:3], expected["text"], expected["value"], found[:1]))
    assert wrong == []
    for not_time in gold["not_times"]:
        article = articles[not_time["file"]]
        start = article["text"].find(not_time["text"])
        assert not [
            t
            for t in story["times"]
            if t["span"]["article_id"] == article["id"]
            and t["span"]["start"] == start
            and t["granularity"] != "duration"
        ], not_time


# Gold read off the five articles by hand (2026-11-23): every attributed direct quote and its
# speaker, and the scare quotes that are nobody's words.
DIRECT_QUOTES = {
    "informative, frank and very useful": "Vladimir Putin",
    "we have agreed with the President of the United States": "Vladimir Putin",
    "provide all possible assistance in organising and conducting negotiations": (
        "Recep Tayyip Erdoğan"
    ),
    "unconstructive and impossible": None,  # "A Ukrainian source familiar with the talks"
    "that should never have happened": "Donald Trump",  # "as he wrote on his Truth Social"
}
SCARE_QUOTES = (
    "40 waves",
    "bridge",
    "nyet",
    "hide and seek",
    "mind games",
    "Istanbul Plus",
    "Brownian diplomacy",
    "denazification",
)


def test_direct_quotes_have_their_speakers_and_scare_quotes_are_not_quotes(report: dict) -> None:
    (story,) = report["stories"]
    direct = [q for q in story["quotes"] if q["direct"]]
    for words, speaker in DIRECT_QUOTES.items():
        match = [q for q in direct if words in q["text"]]
        assert match, words
        assert match[0]["speaker"] is not None or speaker is None
        assert match[0]["speaker_name"] == speaker, (words, match[0]["speaker_text"])
    source = next(q for q in direct if "unconstructive" in q["text"])
    assert source["speaker_text"] == "A Ukrainian source familiar with the talks"
    for words in SCARE_QUOTES:
        assert not any(words in q["text"] for q in direct), words
    assert len(direct) == len(DIRECT_QUOTES)


def _positions(story: dict, actor: str, kind: str) -> str:
    return " || ".join(
        p["stance"] for p in story["positions"] if p["actor_name"] == actor and p["kind"] == kind
    )


def test_main_demands_roles_and_threats_are_positions(report: dict) -> None:
    (story,) = report["stories"]
    russia = _positions(story, "Russia", "demand")
    assert "recognition of its annexations" in russia
    assert "Kyiv pull its forces out" in russia
    assert "unconditional and lasting ceasefire" in _positions(story, "Ukraine", "demand")
    assert "territorial concessions" in _positions(story, "Ukraine", "rejects")
    turkey = " ".join(
        p["stance"]
        for p in story["positions"]
        if p["actor_name"] in ("Turkey", "Recep Tayyip Erdoğan")
    )
    assert "mediation role" in turkey and "platform for bridging differences" in turkey
    # an owned stance noun shows what it names ("a 30-day ceasefire"), not "the U.S. proposal for"
    assert "30-day ceasefire" in _positions(story, "United States", "offer")
    assert "ease economic sanctions" in _positions(story, "Donald Trump", "offer")
    assert "Europe would impose additional sanctions" in _positions(story, "Germany", "threat")


def test_the_prisoner_exchange_is_an_agree_event(report: dict) -> None:
    (story,) = report["stories"]
    texts = {a["id"]: a["text"] for a in report["articles"]}
    agree = [e for e in story["events"] if e["type"] == "AGREE" and e["mode"] == "asserted"]
    sentences = [
        texts[e["evidence"][0]["article_id"]][e["evidence"][0]["start"] : e["evidence"][0]["end"]]
        for e in agree
    ]
    assert any("prisoner-of-war exchange" in s for s in sentences)


# --- comparison across outlets (gold read by hand: tests/gold/istanbul-talks.json) ----------

CLAIMS_GOLD = json.loads(
    (Path(__file__).parent / "gold" / "istanbul-talks.json").read_text(encoding="utf-8")
)["claims"]


def _file_ids(report: dict) -> dict[str, str]:
    """{"000": article id, …} by the three-digit prefix of each input file."""
    return {Path(a["input"]).name[:3]: a["id"] for a in report["articles"]}


def _holding(report: dict, file: str, snippet: str) -> list[dict]:
    """The claims whose evidence in that file overlaps the snippet."""
    (story,) = report["stories"]
    article = _file_ids(report)[file]
    text = next(a["text"] for a in report["articles"] if a["id"] == article)
    at = text.index(snippet)
    return [
        c
        for c in story["claims"]
        for s in c["evidence"]
        if s["article_id"] == article and s["start"] < at + len(snippet) and at < s["end"]
    ]


def test_the_elapsed_time_contradiction_is_found(report: dict) -> None:
    (gold,) = [g for g in CLAIMS_GOLD["contradicted"] if g["kind"] == "arithmetic"]
    (nearly_two_years, since_2022, since_march_2022) = gold["sides"]
    claims = {c["id"]: c for c in report["stories"][0]["claims"]}
    ids = _file_ids(report)
    for side in _holding(report, nearly_two_years["file"], nearly_two_years["text"]):
        elapsed = [f for f in side["conflicts"] if f["slot"] == "elapsed"]
        others = {s for f in elapsed for s in claims[f["claim"]]["sources"]}
        if {ids["000"], ids["002"]} <= others:
            break
    else:
        raise AssertionError("'nearly two years' is not set against 'since (March) 2022'")
    assert since_2022["value"] != nearly_two_years["value"] != since_march_2022["value"]


def test_facts_several_outlets_back_are_corroborated(report: dict) -> None:
    ids = _file_ids(report)
    found = []
    for gold in CLAIMS_GOLD["corroborated"]:
        backing = set()
        for ev in gold["evidence"]:
            for c in _holding(report, ev["file"], ev["text"]):
                if c["voices"] >= 2:
                    backing |= {f for f, i in ids.items() if i in c["sources"]}
        found.append(len(backing) >= 2)
    # measured 2 of 11 (Russia's demand for recognition, shown since the same act of the same
    # agent counts for more; the sanctions ultimatum, grouped but under the floor): these
    # analysis pieces paraphrase freely, and the sentence model plus shared wording rarely
    # clears the bar for the same fact in different words (see the note). Before claims
    # needed the same predicate and compatible participants this counted 5, three of them
    # through one group that joined four different facts ("Putin sent a delegation", "Trump
    # had offered to travel", "Putin responded with an offer", "Putin publicly invited"):
    # right by this test's measure, wrong as a corroboration.
    assert sum(found) >= 2, found


def test_facts_only_one_outlet_reports_are_single_source(report: dict) -> None:
    for gold in CLAIMS_GOLD["single_source"]:
        (ev,) = gold["evidence"]
        holding = _holding(report, ev["file"], ev["text"])
        assert holding, gold["text"]
        assert all(c["voices"] == 1 for c in holding), gold["text"]


def test_every_claim_cites_verbatim_text_and_keeps_its_kind(report: dict) -> None:
    (story,) = report["stories"]
    texts = {a["id"]: a["text"] for a in report["articles"]}
    kinds = {c["kind"] for c in story["claims"]}
    assert {"fact", "opinion", "forecast"} <= kinds
    for c in story["claims"]:
        first = c["evidence"][0]
        assert texts[first["article_id"]][first["start"] : first["end"]] == c["text"]
    assert not any("Ask me anything" in c["text"] for c in story["claims"])


# --- compose: the brief and the timeline (read side by side with the articles) -------------


def _sections(report: dict) -> dict[str, list[dict]]:
    (story,) = report["stories"]
    return {s["key"]: s["sentences"] for s in story["brief"]["sections"]}


def test_the_brief_has_six_sections_and_cites_at_least_four_articles(report: dict) -> None:
    sections = _sections(report)
    assert list(sections) == [
        "context",
        "background",
        "stakeholders",
        "analysis",
        "outlook",
        "perspectives",
    ]
    assert all(sections.values()), "every section has something to say on this story"
    cited = {c["article_id"] for ss in sections.values() for s in ss for c in s["citations"]}
    assert len(cited) >= 4
    assert len({c["article_id"] for s in sections["context"] for c in s["citations"]}) >= 3


def test_the_brief_is_short_whole_and_never_repeats_itself(report: dict) -> None:
    sentences = [s for ss in _sections(report).values() for s in ss]
    bodies = [s["text"][len(s["frame"]) :] for s in sentences]
    assert sum(len(s["text"].split()) for s in sentences) <= 600  # the default --brief-words
    assert all(s["citations"] for s in sentences)
    assert [b for b in bodies if sentence_faults(b)] == []  # no fragment, no opening "it"
    flat = [" ".join(b.casefold().split()) for b in bodies]
    assert len(flat) == len(set(flat))
    for s in sentences:  # outlets known only by a file name are "Source A" … in the prose
        assert not re.search(r"\d{3}_[0-9a-f]{8,}", s["text"]), s["text"]


BRIEF_GOLD = json.loads(
    (Path(__file__).parent / "gold" / "istanbul-brief-facts.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("fact", BRIEF_GOLD["supported"], ids=lambda f: f["fact"][:40])
def test_what_001_states_and_the_others_support_is_in_the_brief(report: dict, fact: dict) -> None:
    texts = [s["text"] for ss in _sections(report).values() for s in ss]
    assert any(
        all(w in t for w in fact["all"])
        and (not fact.get("any") or any(w in t for w in fact["any"]))
        for t in texts
    ), fact["fact"]


@pytest.mark.parametrize("claim", BRIEF_GOLD["unsupported"], ids=lambda c: c["claim"][:40])
def test_what_only_001_claims_is_not_in_the_brief(report: dict, claim: dict) -> None:
    for s in (s for ss in _sections(report).values() for s in ss):
        if s["kind"] == claim.get("unless_kind"):
            continue
        assert not any(w in s["text"] for w in claim["absent"]), (claim["claim"], s["text"])


def test_a_disagreement_names_the_point_and_both_outlets(report: dict) -> None:
    analysis = _sections(report)["analysis"]
    sides = [s for s in analysis if s["kind"] == "disagreement"]
    assert len(sides) >= 2 and sides[0]["frame"].startswith("Outlets differ on ")
    assert len({s["sources"][0] for s in sides[:2]}) == 2  # one side from each outlet
    assert all(
        re.match(r"^(Outlets differ on [^.]+\. )?Source [A-E]: $", s["frame"]) for s in sides
    )


def test_the_context_says_who_met_where_and_when(report: dict) -> None:
    context = " ".join(s["text"] for s in _sections(report)["context"])
    assert "Istanbul" in context and "Ukraine" in context and "Russia" in context
    assert "15 May" in context or "Thursday" in context


def test_the_timeline_runs_from_the_war_to_the_talks(report: dict) -> None:
    (story,) = report["stories"]
    timeline = story["timeline"]
    war = [e for e in timeline if e["date"] == "2022-02" and "war" in e["text"]]
    assert war and all(e["background"] for e in war)
    talks = [e for e in timeline if e["date"] == "2025-05-15"]
    assert len({s for e in talks for s in e["sources"]}) >= 2
    background = " ".join(s["text"] for s in _sections(report)["background"])
    assert "February 2022" in background


def test_stakeholders_state_each_sides_demands(report: dict) -> None:
    stakeholders = _sections(report)["stakeholders"]
    text = " ".join(s["text"] for s in stakeholders)
    assert "Initially, Russia demanded" in text or "Russia is demanding" in text
    assert "Ukraine" in text and "unconditional" in text  # Ukraine's ceasefire demand
    # a bare actor name only before the actor's own words; before the outlet's narration about
    # the actor, the actor as topic and the outlet as who speaks (issue 24)
    assert "Russia: Initially, Russia demanded" not in text

    # each line is the actor's own sentence: the actor (or, for a state, its capital) named
    # in its opening words, spelt with or without accents
    def plain(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii())

    capitals = {"Russia": ("Russia", "Moscow", "Kremlin"), "Ukraine": ("Ukraine", "Kyiv")}

    def actor_of(frame: str) -> str:
        topic = re.match(r"On (.+?), [^,]+ writes: $", frame)
        return topic.group(1) if topic else frame[:-2]

    for s in stakeholders:
        actor = actor_of(s["frame"])
        opening = plain(s["text"][len(s["frame"]) :][:60])
        names = capitals.get(actor, (actor.split()[-1],))
        assert any(plain(n) in opening for n in names), s["text"]
    assert len({actor_of(s["frame"]) for s in stakeholders}) <= 6  # at most six actors
    assert any(actor_of(s["frame"]) == "Vladimir Putin" for s in stakeholders)


def test_forecasts_are_their_outlets_and_the_voices_name_their_speakers(report: dict) -> None:
    sections = _sections(report)
    outlook = sections["outlook"]
    # an outlet's own forecast is led by its label; a named speaker's is the sentence that
    # names the speaker, with no frame
    assert outlook and all(
        re.match(r"^Source [A-E] expects: ", s["text"])
        or (s["frame"] == "" and " said" in s["text"])
        for s in outlook
    )
    assert any(s["text"].startswith("Source ") for s in outlook)
    # the talks happened: no forecast that they "might happen on Friday" looks ahead
    assert not any("Friday" in s["text"] for s in outlook)
    voices = sections["perspectives"]
    assert len(voices) >= 2 and all(s["kind"] == "quote" and s["frame"] == "" for s in voices)
    assert any("Erdoğan said" in s["text"] for s in voices)  # the sentence names who speaks


def test_the_check_command_passes_the_written_report(tmp_path: Path, report: dict) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report))
    result = run_cli("check", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problems" in result.stderr
    report["stories"][0]["brief"]["sections"][0]["sentences"][0]["text"] += " in 1999"
    path.write_text(json.dumps(report))
    failed = run_cli("check", str(path))
    assert failed.returncode == 1 and "1999" in failed.stdout
