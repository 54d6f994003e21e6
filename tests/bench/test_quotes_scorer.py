"""The PolNeAR quote benchmark's brat reader, matcher, scorer and quotation-mark baseline.

All text here is invented; nothing is read from ../shared and no model is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import load_bench

quotes = load_bench("quotes")
A = quotes.Attribution

TEXT = (
    "The mayor said the bridge would open in May.\n"
    "“We are ready for the crowds,” the harbour master told reporters.\n"
    "The budget, it seems, is already spent."
)


def at(sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return start, start + len(sub)


def brat() -> str:
    src1, cue1, con1 = at("The mayor"), at("said"), at("the bridge would open in May.")
    con2a, con2b = at("“We are ready"), at(" for the crowds,”")
    src2, cue2 = at("the harbour master"), at("told")
    con3a, con3b = at("The budget,"), at(" is already spent.")
    cue3 = at("it seems")

    def t(n: str, kind: str, *spans: tuple[int, int]) -> str:
        offsets = ";".join(f"{s} {e}" for s, e in spans)
        return f"{n}\t{kind} {offsets}\t{' '.join(TEXT[s:e] for s, e in spans)}"

    return "\n".join(
        [
            t("T1", "Source", src1),
            t("T2", "Cue", cue1),
            t("T3", "Content", con1),
            t("T4", "Attribution", cue1),
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            t("T5", "Content", con2a, con2b),  # discontinuous
            t("T6", "Source", src2),
            t("T7", "Cue", cue2),
            t("T8", "Attribution", cue2),
            "E2\tAttribution:T8 Cue:T7 Source:T6 Content:T5",
            t("T9", "Content", con3a, con3b),
            t("T10", "Cue", cue3),
            t("T11", "Attribution-no-source", cue3),
            "E3\tAttribution-no-source:T11 Content:T9 Cue:T10",
            "#1\tAnnotatorNotes T9\tis 'it seems' a cue?",
            "T12\tDiscuss 0 3\tThe",
            "E4\tAttribution-no-source:T12 ",  # no content: dropped
        ]
    )


def gold_doc() -> quotes.Document:
    atts, _ = quotes.read_ann(brat(), TEXT)
    return quotes.Document("invented", TEXT, atts)


def test_read_ann_roles_discontinuous_and_no_source() -> None:
    atts, stats = quotes.read_ann(brat(), TEXT)
    assert len(atts) == 3
    assert atts[0] == A(
        source=(at("The mayor"),), cue=(at("said"),), content=(at("the bridge would open in May."),)
    )
    assert atts[1].content == (at("“We are ready"), at(" for the crowds,”"))
    assert atts[1].source == (at("the harbour master"),)
    assert atts[2].source == ()
    assert atts[2].cue == (at("it seems"),)
    assert stats["no_source"] == 1
    assert stats["no_content"] == 1
    assert stats["note_lines"] == 1
    assert stats["offset_mismatch"] == 0


def test_read_ann_flags_offset_mismatch_and_numbered_roles() -> None:
    ann = "T1\tContent 0 3\tXyz\nT2\tContent 4 9\tmayor\nT3\tCue 10 14\tsaid\nE1\tAttribution:T3 Content:T1 Content2:T2 Cue:T3"
    atts, stats = quotes.read_ann(ann, TEXT)
    assert stats["offset_mismatch"] == 1
    assert atts[0].content == ((0, 3), (4, 9))


def test_load_split_uses_first_annotator_file(tmp_path: Path) -> None:
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "paper_2016-01-01_story.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "text" / "paper_2016-01-02_unannotated.txt").write_text(
        "x", encoding="utf-8"
    )
    ann_dir = tmp_path / "dev" / "attributions"
    (ann_dir / "paper_2016-01-01_story_bbbb.ann").write_text("", encoding="utf-8")
    (ann_dir / "paper_2016-01-01_story_aaaa.ann").write_text(brat(), encoding="utf-8")
    docs = quotes.load_split(tmp_path, "dev")
    assert [d.id for d in docs] == ["paper_2016-01-01_story"]
    assert docs[0].annotator == "aaaa"
    assert len(docs[0].attributions) == 3
    assert docs[0].stats["annotator_files"] == 2
    with pytest.raises(ValueError):
        quotes.load_split(tmp_path, "test")


def test_perfect_prediction_scores_one() -> None:
    gold = gold_doc()
    m = quotes.score([list(gold.attributions)], [gold])
    for role in ("source", "cue", "content"):
        assert m[role]["exact"]["f1"] == 1.0
        assert m[role]["partial"]["f1"] == 1.0
        assert m[role]["dice"] == 1.0
    assert m["attribution"]["f1"] == 1.0
    assert m["attribution_full"]["f1"] == 1.0
    assert m["direct"] == {"gold": 1, "recall": 1.0, "full_recall": 1.0}
    assert m["indirect"]["gold"] == 2


def test_one_missed_attribution() -> None:
    gold = gold_doc()
    m = quotes.score([gold.attributions[:2]], [gold])
    assert m["attribution"] == pytest.approx({"p": 1.0, "r": 2 / 3, "f1": 0.8})
    assert m["content"]["exact"]["r"] == pytest.approx(2 / 3)
    # the missed one had a cue but no source
    assert m["cue"]["partial"]["r"] == pytest.approx(2 / 3)
    assert m["source"]["partial"]["r"] == 1.0
    assert m["indirect"]["recall"] == 0.5


def test_partial_overlap_counts_partial_not_exact() -> None:
    gold = quotes.Document("g", TEXT, [gold_doc().attributions[0]])
    # content: "would open in May." against "the bridge would open in May." -> 5 of 8 tokens
    # source: "mayor" against "The mayor"; cue exact, content quoted marks trimmed
    pred = A(source=(at("mayor"),), cue=(at("said"),), content=(at("would open in May."),))
    m = quotes.score([[pred]], [gold])
    assert m["content"]["exact"]["f1"] == 0.0
    assert m["content"]["partial"]["f1"] == 1.0
    assert m["content"]["dice"] == pytest.approx(2 * 5 / (5 + 7))
    assert m["source"]["exact"]["f1"] == 0.0
    assert m["source"]["partial"]["f1"] == 1.0
    assert m["source"]["dice"] == pytest.approx(2 * 1 / (1 + 2))
    assert m["cue"]["exact"]["f1"] == 1.0
    assert m["attribution_full"]["f1"] == 1.0


def test_matching_is_one_to_one_and_greedy_by_overlap() -> None:
    gold = quotes.Document("g", TEXT, [gold_doc().attributions[0]])
    small = A(content=(at("May."),))
    big = A(content=(at("bridge would open in May"),))
    m = quotes.score([[small, big]], [gold])
    assert m["attribution"] == pytest.approx({"p": 0.5, "r": 1.0, "f1": 2 / 3})
    pairs = quotes.match([small, big], gold.attributions, quotes._Tokens(TEXT))
    assert pairs == [(1, 0)]


def test_exact_ignores_quotation_marks_and_whitespace_gaps() -> None:
    gold = gold_doc()
    quoted = gold.attributions[1]
    bare = A(source=quoted.source, cue=quoted.cue, content=(at("We are ready for the crowds,"),))
    m = quotes.score([[bare]], [quotes.Document("g", TEXT, [quoted])])
    assert m["content"]["exact"]["f1"] == 1.0


def test_no_predictions_and_no_gold() -> None:
    gold = gold_doc()
    m = quotes.score([[]], [gold])
    assert m["attribution"]["f1"] == 0.0
    empty = quotes.score([[]], [quotes.Document("e", TEXT, [])])
    assert empty["attribution"] == {"p": 0.0, "r": 0.0, "f1": 0.0}
    with pytest.raises(ValueError):
        quotes.score([], [gold])


def test_baseline_finds_quotations_of_three_words() -> None:
    text = 'He said “no way,” then added: “We will build it by spring.” Critics called it "a very bad idea" today.'
    found = quotes.baseline(text)
    assert [text[s:e] for a in found for s, e in a.content] == [
        "“We will build it by spring.”",
        '"a very bad idea"',
    ]
    assert all(a.source == () and a.cue == () for a in found)
    gold = quotes.Document("b", TEXT, gold_doc().attributions)
    m = quotes.score([quotes.baseline(TEXT)], [gold])
    assert m["direct"]["recall"] == 1.0
    assert m["indirect"]["recall"] == 0.0
