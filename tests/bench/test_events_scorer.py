"""The event benchmark's mappings, readers, scorers and baselines, on invented records.

All text here is invented; nothing is read from ../shared and newsprism's coder is not loaded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import load_bench

bench = load_bench("events")


def ev(kind: str, actor: str | None = None, target: str | None = None) -> dict:
    return {"type": kind, "actor_text": actor, "target_text": target, "mode": "asserted"}


# --- mappings --------------------------------------------------------------------------------


def test_gsr_type_names_map_to_current_plover() -> None:
    assert bench.gsr_to_plover("DEMAND") == "REQUEST"
    assert bench.gsr_to_plover("DISAPPROVE") == "ACCUSE"
    assert bench.gsr_to_plover("INVESTIGATE") == "ACCUSE"
    assert bench.gsr_to_plover("FIGHT") == "ASSAULT"
    assert bench.gsr_to_plover("AGREE") == "AGREE"
    assert set(bench.GSR_TO_PLOVER.values()) <= set(bench.PLOVER_TYPES)


@pytest.mark.parametrize(
    ("code", "plover", "kind"),
    [
        ("051", "SUPPORT", "event"),
        ("057", "COOPERATE", "event"),
        ("064", "COOPERATE", "event"),
        ("087", "RETREAT", "event"),
        ("081", "CONCEDE", "event"),
        ("023", "REQUEST", "event"),
        ("190", "ASSAULT", "event"),
        ("1717", "COERCE", "event"),  # a made-up tail maps by its root
        ("174K", "COERCE", "event"),
        ("010", None, "statement"),
        ("036", None, "intent"),
        ("903", None, "unmapped"),
        ("345", None, "unmapped"),
        ("", None, "unmapped"),
    ],
)
def test_cameo_codes_map_by_root(code: str, plover: str | None, kind: str) -> None:
    assert bench.map_cameo(code) == (plover, kind)
    assert bench.cameo_to_plover(code) == plover


def test_every_cameo_root_maps_into_the_ontology() -> None:
    for root in range(1, 21):
        plover = bench.cameo_to_plover(f"{root:02d}0")
        assert plover is None or plover in bench.PLOVER_TYPES
    assert bench.cameo_to_plover("010") is None and bench.cameo_to_plover("030") is None


# --- GSR -------------------------------------------------------------------------------------

GSR_JSON = [
    {"id": "X-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "header"},
    {
        "id": "X-DEMAND-0001",
        "event": "DEMAND",
        "text": "Valdorian  farmers demanded that Ostrava reopen the river port.",
        "source": [{"actorText": "Valdorian farmers", "code": "VAL"}],
        "target": [{"actorText": "Ostrava", "code": "OST"}],
        "textInfo": {"markup": "(SRC: Valdorian farmers) (EVT: demanded) ..."},
    },
    {
        "id": "X-AGREE-0001",
        "event": "AGREE",
        "text": "Valdoria and Ostrava agreed to share the river.",
        "source": [{"actorText": "Valdoria", "code": "VAL"}, {"actorText": "Ostrava"}],
        "target": "",
        "textInfo": {"markup": "(SRC/TAR: Valdoria) and (SRC/TAR: Ostrava) (EVT: agreed) ..."},
    },
    {
        "id": "X-FIGHT-0001",
        "event": "FIGHT",
        "text": "Rebels shelled the harbour of Lysa overnight.",
        "source": None,
        "target": "naval",
        "textInfo": "(EVT: shelled) the harbour",
    },
    {"id": "X-BROKEN-0001", "event": "AGREE"},
]


def gsr_records() -> list:
    records, _ = bench.parse_gsr(GSR_JSON)
    return records


def test_parse_gsr_maps_types_and_handles_quirks(tmp_path: Path) -> None:
    (tmp_path / bench.GSR_FILE).write_text(json.dumps(GSR_JSON), encoding="utf-8")
    records, stats = bench.load_gsr(tmp_path)
    assert [r.type for r in records] == ["REQUEST", "AGREE", "ASSAULT"]
    assert [r.gsr_type for r in records] == ["DEMAND", "AGREE", "FIGHT"]
    assert records[0].text == "Valdorian farmers demanded that Ostrava reopen the river port."
    assert records[0].sources == ["Valdorian farmers"] and records[0].targets == ["Ostrava"]
    assert records[1].reciprocal and records[1].targets == []
    assert records[2].sources == [] and records[2].targets == []  # bare string is no actor
    assert stats["skipped_document"] == 1
    assert stats["skipped_no_text_or_event"] == 1
    assert stats["target_bare_string"] == 1
    assert stats["textinfo_not_object"] == 1


def test_text_matches_on_content_words_or_containment() -> None:
    assert bench.text_matches("the Valdorian farmers' union", ["Valdorian farmers"])
    assert bench.text_matches("Farmers", ["Valdorian farmers"])
    assert bench.text_matches("Ostrava", ["Valdoria", "Ostrava"])
    assert not bench.text_matches("the union of the port", ["Valdorian farmers"])
    assert not bench.text_matches(None, ["Valdorian farmers"])
    assert not bench.text_matches("", ["Valdorian farmers"])


def test_right_type_and_overlapping_actor_scores_one() -> None:
    records = gsr_records()[:1]
    m = bench.score_gsr(records, [[ev("REQUEST", "Valdorian farmers", "Ostrava")]])
    assert m["accuracy_at_1"] == 1.0
    assert m["recall_any"] == 1.0
    assert m["coverage"] == 1.0
    assert m["actor"] == m["target"] == m["both"] == m["e2e"] == 1.0
    assert m["macro_f1"] == 1.0


def test_no_prediction_scores_zero() -> None:
    records = gsr_records()[:1]
    m = bench.score_gsr(records, [[]])
    assert m["accuracy_at_1"] == 0.0
    assert m["recall_any"] == 0.0
    assert m["coverage"] == 0.0
    assert m["macro_f1"] == 0.0
    assert m["type_found"] == 0 and m["actor"] == 0.0
    with pytest.raises(ValueError):
        bench.score_gsr(records, [])


def test_gsr_second_event_counts_for_recall_not_accuracy() -> None:
    records = gsr_records()
    preds = [
        [ev("ACCUSE", "farmers"), ev("REQUEST", "farmers", "the port")],  # wrong target
        [ev("AGREE", "Valdoria", "Ostrava")],  # reciprocal: naming the partner is right
        [ev("ASSAULT", "rebels", "Lysa")],  # no gold source: a predicted actor is wrong
    ]
    m = bench.score_gsr(records, preds)
    assert m["accuracy_at_1"] == pytest.approx(2 / 3)
    assert m["recall_any"] == 1.0
    assert m["type_found"] == 3
    assert m["actor"] == pytest.approx(2 / 3)
    assert m["target"] == pytest.approx(1 / 3)
    assert m["both"] == pytest.approx(1 / 3)
    # first-event labels: ACCUSE, AGREE, ASSAULT against REQUEST, AGREE, ASSAULT
    assert m["per_type_f1"] == {"AGREE": 1.0, "ASSAULT": 1.0, "REQUEST": 0.0}
    assert m["macro_f1"] == pytest.approx(2 / 3)


def test_missing_target_is_right_only_when_none_predicted() -> None:
    records = gsr_records()
    none_target = bench.score_gsr(records[2:], [[ev("ASSAULT", None, None)]])
    assert none_target["actor"] == 1.0 and none_target["target"] == 1.0
    some_target = bench.score_gsr(records[2:], [[ev("ASSAULT", None, "the harbour")]])
    assert some_target["target"] == 0.0
    recip = bench.score_gsr(records[1:2], [[ev("AGREE", "Valdoria", None)]])
    assert recip["target"] == 1.0


# --- PETRARCH2 -------------------------------------------------------------------------------

PETR_XML = """<Validation>
<!-- invented test records -->
<Sentences>
<Sentence date="20000101" id="T-01" category="DEMO" sentence="true">
<EventCoding sourcecode="VAL" targetcode="OST" eventcode="042"></EventCoding>
<EventCoding sourcecode="VAL" targetcode="OSTMIL" eventcode="190"></EventCoding>
<Text>
Valdoria visited Ostrava
and then shelled the Ostravan army.
</Text>
<Parse>(ROOT (S (NP (NNP Valdoria))))</Parse>
</Sentence>
<Sentence date="20000101" id="T-02" category="DEMO" sentence="true">
<EventCoding sourcecode="VAL" targetcode="OST" eventcode="036"></EventCoding>
<Text>Valdoria wants to meet Ostrava one day.</Text>
</Sentence>
<Sentence date="20000101" id="T-03" category="DEMO" sentence="false">
<EventCoding noevents="True"></EventCoding>
<Text>The weather in Valdoria was mild.</Text>
</Sentence>
<Sentence date="20000101" id="T-04" category="ERROR" sentence="true">
<EventCoding error="storydiscard"></EventCoding>
<Text>A typhoon struck Valdoria.</Text>
</Sentence>
<Sentence date="20000101" id="T-05" category="SYNSET" sentence="true">
<EventCoding sourcecode="VAL" targetcode="OST" eventcode="903"></EventCoding>
<Text>Valdoria abandoned cultural ties with Ostrava.</Text>
</Sentence>
<Sentence date="20000101" id="T-01" category="DEMO" sentence="true">
<Text>Nothing is coded here.</Text>
</Sentence>
</Sentences>
</Validation>
"""

ACTORS = """<!-- invented actors -->
<!-- a comment
over two lines -->
VALDORIA_ [VAL]  # exact word
+VALDORIAN
OSTRAV [OST]
LYSA_HARBOUR_
\t[LYS]
COUNCIL OF TWO [VAL/OST]
<! -- a malformed comment line -->
"""

AGENTS = """!PERSON! = MAN, WOMAN
ARMY {} [~MIL]
MINISTER [~GOV]
CHARITY [NGO~]
WATCH!PERSON! [~SPY]
"""


def test_parse_petrarch_statuses_and_quirks() -> None:
    sentences, stats = bench.parse_petrarch(PETR_XML)
    assert [s.status for s in sentences] == ["events", "none", "none", "error", "unmapped", "none"]
    first = sentences[0]
    assert first.text == "Valdoria visited Ostrava and then shelled the Ostravan army."
    assert first.types == ["CONSULT", "ASSAULT"]
    assert first.codings[1].target == "OSTMIL"
    assert sentences[1].codings[0].kind == "intent"
    assert stats["duplicate_id"] == 1
    assert stats["sentence_attr_false"] == 1
    assert stats["noevents_coding"] == 1
    assert stats["error_storydiscard"] == 1
    assert stats["coding_unmapped"] == 1
    assert stats["no_eventcoding"] == 1


def test_codebook_names_synonyms_stems_and_agents() -> None:
    book = bench.CodeBook.from_texts(ACTORS, AGENTS)
    assert book.codes("Valdoria") == {"VAL"}
    assert book.codes("the Valdorian minister") == {"VALGOV"}
    assert book.codes("Valdorias") == frozenset()  # VALDORIA_ must end at a word boundary
    assert book.codes("the Ostravan army") == {"OSTMIL"}  # OSTRAV is a stem
    assert book.codes("Ostravan armies") == {"OST"}  # ARMY {} has no plural
    assert book.codes("ministers") == {"---GOV"}
    assert book.codes("a Valdorian charity") == {"NGOVAL"}
    assert book.codes("Lysa  harbour") == {"LYS"}
    assert book.codes("the council of two") == {"VAL", "OST"}  # compound code
    assert book.codes("a watchman") == frozenset()  # !MACRO! entries are skipped
    assert book.codes(None) == frozenset()
    assert bench.code_match({"OSTMIL"}, "OST") == (False, True)
    assert bench.code_match({"OSTMIL"}, "OSTMIL") == (True, True)
    assert bench.code_match(set(), "OST") == (False, False)


def test_score_petrarch_recall_precision_false_alarms_and_actors() -> None:
    sentences, _ = bench.parse_petrarch(PETR_XML)
    book = bench.CodeBook.from_texts(ACTORS, AGENTS)
    preds = [
        [ev("CONSULT", "Valdoria", "Ostrava"), ev("PROTEST", "Valdoria")],
        [ev("CONSULT", "Valdoria", "Ostrava")],  # intent only: a false alarm
        [],
        [ev("ASSAULT")],  # error sentence: not scored
        [ev("REJECT")],  # unmapped sentence: not scored
        [],
    ]
    m = bench.score_petrarch(sentences, preds, book)
    assert m["event_sentences"] == 1
    assert m["gold_codings"] == 2
    assert m["accuracy_at_1"] == 1.0
    assert m["recall"] == 0.5  # CONSULT found, ASSAULT missed
    assert m["precision"] == pytest.approx(1 / 3)  # CONSULT right; PROTEST and the alarm wrong
    assert m["f1"] == pytest.approx(0.4)
    assert m["coverage"] == 1.0
    assert m["no_event_sentences"] == 3
    assert m["no_event_false_alarm"] == pytest.approx(1 / 3)
    assert m["no_event_predicted_events"] == 1
    assert m["intent_sentences"] == 1 and m["intent_false_alarm"] == 1.0
    assert m["type_found"] == 1
    assert m["source_full"] == 1.0 and m["target_full"] == 1.0
    # CONSULT: p 1/2 r 1; ASSAULT: p 0 r 0 -> macro (2/3 + 0) / 2
    assert m["macro_f1"] == pytest.approx(1 / 3)


def test_score_petrarch_country_prefix_match() -> None:
    sentences, _ = bench.parse_petrarch(PETR_XML)
    book = bench.CodeBook.from_texts(ACTORS, AGENTS)
    preds = [[ev("ASSAULT", "the Valdorian minister", "Ostrava")]] + [[] for _ in sentences[1:]]
    m = bench.score_petrarch(sentences, preds, book)
    assert m["recall"] == 0.5 and m["precision"] == 1.0
    assert m["source_full"] == 0.0 and m["source_country"] == 1.0  # VALGOV against VAL
    assert m["target_full"] == 0.0 and m["target_country"] == 1.0  # OST against OSTMIL
    with pytest.raises(ValueError):
        bench.score_petrarch(sentences, [])


# --- baselines -------------------------------------------------------------------------------


def test_inflections_cover_regular_and_irregular_forms() -> None:
    assert {"ban", "bans", "banned", "banning"} <= bench.inflections("ban")
    assert {"seize", "seized", "seizing"} <= bench.inflections("seize")
    assert {"deny", "denies", "denied"} <= bench.inflections("deny")
    assert {"withdrew", "withdrawn"} <= bench.inflections("withdraw")
    assert set(bench.LEXICON) == set(bench.PLOVER_TYPES)


def test_lexicon_takes_the_first_table_word() -> None:
    texts = [
        "The two ministers met in Lysa and later signed a pact.",
        "Valdorian gunboats shelled the coast.",
        "Ostrava banned imports of Valdorian cheese.",
        "The bank opened a branch.",  # no table word ("bank" is not a form of "ban")
    ]
    out = bench.lexicon(texts)
    assert [[e["type"] for e in events] for events in out] == [
        ["CONSULT"],
        ["ASSAULT"],
        ["SANCTION"],
        [],
    ]
    assert out[0][0]["trigger"] == "met" and out[0][0]["actor_text"] is None


def test_majority_gives_one_label_to_every_text() -> None:
    out = bench.majority("AGREE")(["one", "two"])
    assert [[e["type"] for e in events] for events in out] == [["AGREE"], ["AGREE"]]
