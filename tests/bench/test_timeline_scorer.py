"""The compose benchmarks' readers and selection (bench/timeline.py and bench/brief.py), on
invented files: tilse-format parsing, SDF-TLS file matching, budgets, newsprism's date
selection, the floors, and the NeuS line format. Nothing is read from ../shared and newsprism's
pipeline is not run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from support import load_bench

timeline = load_bench("timeline")
brief = load_bench("brief")

D = dt.date


def entry(day: str, text: str, sources: tuple[str, ...], granularity: str = "day") -> object:
    evidence = tuple((s, 0, 5) for s in sources)
    return timeline.Entry(
        date=day, granularity=granularity, text=text, sources=sources, evidence=evidence
    )


# --- timeline: reading ------------------------------------------------------------------------

TILSE = """2010-05-02
Harbour crane collapses onto a ferry .
Two crew are hurt .
--------------------------------
2010-05-01
Port strike begins `` at dawn '' .
--------------------------------
2010-05-02
Unions call off the strike .
--------------------------------
"""


def test_parse_timeline_sorts_dates_and_keeps_the_last_block_of_a_repeated_date() -> None:
    got = timeline.parse_timeline(TILSE)
    assert list(got) == [D(2010, 5, 1), D(2010, 5, 2)]
    assert got[D(2010, 5, 2)] == ["Unions call off the strike ."]  # as tilse reads it
    assert got[D(2010, 5, 1)] == ["Port strike begins `` at dawn '' ."]


def _layout(root: Path) -> None:
    for folder, name in (
        ("Harbour_herald", "herald"),
        ("Harbour_wire", "rwire"),
        ("Quake_post", "post.example.org"),
    ):
        (root / folder / "timelines").mkdir(parents=True)
        (root / folder / "timelines" / f"{name}.txt").write_text(TILSE, encoding="utf-8")
    (root / "_baseline_outputs_sdf_tls").mkdir()


def test_read_gold_and_match_sdf_file_names(tmp_path: Path) -> None:
    _layout(tmp_path)
    golds = timeline.read_gold(tmp_path)
    assert [g.key for g in golds] == [
        "Harbour_herald/herald",
        "Harbour_wire/rwire",
        "Quake_post/post.example.org",
    ]
    assert [g.key for g in timeline.read_gold(tmp_path, ["Quake"])] == [
        "Quake_post/post.example.org"
    ]
    match = timeline.match_sdf
    assert match("TL17_bestds_harbour_rwire.txt", "TL17_bestds", golds).key == "Harbour_wire/rwire"
    assert match("TL17_bestds_harb_herald.txt", "TL17_bestds", golds).key == "Harbour_herald/herald"
    # the part before the first dot of the gold name is enough
    assert match("TL17_bestsumm_quake_post.txt", "TL17_bestsumm", golds).key == (
        "Quake_post/post.example.org"
    )
    assert match("TL17_bestds_syria_tl1.txt", "TL17_bestds", golds) is None
    assert match("TL17_bestsumm_harbour_rwire.txt", "TL17_bestds", golds) is None


def test_budget_is_dates_and_rounded_mean_sentences() -> None:
    gold = timeline.parse_timeline(TILSE)  # 2 dates, 2 sentences
    assert timeline.budget(gold) == (2, 1, D(2010, 5, 1), D(2010, 5, 2))
    three = {D(2010, 5, 1): ["a", "b", "c"], D(2010, 5, 2): ["d"]}
    assert timeline.budget(three) == (2, 2, D(2010, 5, 1), D(2010, 5, 2))
    one = {D(2010, 1, 1): ["a"], D(2010, 1, 9): ["b"], D(2010, 1, 5): ["c"]}
    assert timeline.budget(one) == (3, 1, D(2010, 1, 1), D(2010, 1, 9))


# --- timeline: selection ----------------------------------------------------------------------


def test_select_entries_ranks_days_by_distinct_sources_within_the_range() -> None:
    entries = [
        entry("2010-05-01", "strike begins", ("a1", "a2")),
        entry("2010-05-01", "ferries wait", ("a2", "a3")),  # day total: 3 sources
        entry("2010-05-02", "crane collapses", ("a1", "a4")),  # 2 sources
        entry("2010-05-03", "talks resume", ("a5",)),  # 1 source
        entry("2010-05", "a month of unrest", ("a1", "a2", "a3", "a4"), "month"),
        entry("2010-06-30", "outside the range", ("a1", "a2", "a3", "a4", "a5")),
    ]
    got = timeline.select_entries(entries, 2, 1, D(2010, 5, 1), D(2010, 5, 31))
    assert got == {D(2010, 5, 1): ["strike begins"], D(2010, 5, 2): ["crane collapses"]}
    # two entries a day, best-sourced first; the tie on sources goes to the one listed first
    got = timeline.select_entries(entries, 1, 2, D(2010, 5, 1), D(2010, 5, 31))
    assert got == {D(2010, 5, 1): ["strike begins", "ferries wait"]}


def test_select_entries_breaks_ties_by_evidence_then_the_earlier_day() -> None:
    a = timeline.Entry(
        date="2010-05-04", granularity="day", text="x", sources=("a1",), evidence=(("a1", 0, 1),)
    )
    b = timeline.Entry(
        date="2010-05-02",
        granularity="day",
        text="y",
        sources=("a1",),
        evidence=(("a1", 0, 1), ("a1", 4, 6)),
    )
    c = timeline.Entry(
        date="2010-05-01", granularity="day", text="z", sources=("a1",), evidence=(("a1", 0, 1),)
    )
    got = timeline.select_entries([a, b, c], 2, 1, D(2010, 5, 1), D(2010, 5, 31))
    assert got == {D(2010, 5, 1): ["z"], D(2010, 5, 2): ["y"]}


def test_floor_takes_the_busiest_days_and_the_first_article_lead() -> None:
    def doc(day: dt.date, number: int, text: str) -> object:
        return timeline.Doc(
            path=f"T_x/{day}/{number}.htm.txt", outlet="x", day=day, number=number, text=text
        )

    docs = [
        doc(D(2010, 5, 1), 7, "Later file.\nSecond line."),
        doc(D(2010, 5, 1), 3, "Strike begins.\nFerries wait.\nThird."),
        doc(D(2010, 5, 2), 1, "Crane falls."),
        doc(D(2010, 5, 3), 2, "Talks."),
        doc(D(2010, 5, 3), 4, "More talks."),
        doc(D(2010, 7, 1), 5, "Out of range."),
        doc(D(2010, 7, 1), 6, "Out of range too."),
        doc(D(2010, 7, 1), 8, "Out of range again."),
    ]
    got = timeline.floor_timeline(docs, 2, 2, D(2010, 5, 1), D(2010, 5, 31))
    assert got == {D(2010, 5, 1): ["Strike begins.", "Ferries wait."], D(2010, 5, 3): ["Talks."]}


def test_score_gives_f1_of_every_metric() -> None:
    gold = timeline.parse_timeline(TILSE)
    got = timeline.score(gold, gold)
    assert set(got) == set(timeline.METRIC_KEYS)
    assert all(v == 1.0 for v in got.values())
    assert timeline.mean([got, {k: 0.0 for k in got}])["align_1"] == 0.5


# --- brief: the NeuS format and the floors ----------------------------------------------------

LINE = (
    "TITLE=> Port strike halts ferries. ARTICLE=> Dock workers walked out on Monday. "
    'Ferries stayed in port. [SEP] TITLE=> Ferries idle. ARTICLE=> "We will not move," the '
    "union said. Talks are planned. [SEP] TITLE=> Strike. ARTICLE=> A short one."
)


def test_parse_source_splits_three_snippets() -> None:
    snippets = brief.parse_source(LINE)
    assert [s.title for s in snippets] == ["Port strike halts ferries.", "Ferries idle.", "Strike."]
    assert snippets[0].text == "Dock workers walked out on Monday. Ferries stayed in port."
    assert brief.reference_text("TITLE=> Ferries Halted. ARTICLE=> A strike stops them.") == (
        "Ferries Halted. A strike stops them."
    )
    assert brief.parse_segment("no markers here").text == "no markers here"


def test_floors() -> None:
    event = brief.Event(number=0, snippets=brief.parse_source(LINE), reference="")
    assert brief.lead1(event) == (
        'Dock workers walked out on Monday. "We will not move," the union said. A short one.'
    )
    assert brief.longest(event) == "Dock workers walked out on Monday. Ferries stayed in port."
    assert brief.sentences("Mr. Smith came. He left at 5. Done") == [
        "Mr.",
        "Smith came.",
        "He left at 5.",
        "Done",
    ]  # the splitter is crude on abbreviations


def test_event_files_carry_outlet_date_and_title(tmp_path: Path) -> None:
    event = brief.Event(number=12, snippets=brief.parse_source(LINE), reference="")
    folder = brief.write_event(event, tmp_path)
    assert folder.name == "0012"
    assert sorted(p.name for p in folder.iterdir()) == [
        "outlet-1.txt",
        "outlet-2.txt",
        "outlet-3.txt",
    ]
    text = (folder / "outlet-2.txt").read_text(encoding="utf-8")
    assert text.startswith('---\nsource: outlet 2\npublished: 2021-01-04\ntitle: "Ferries idle."\n')
    assert text.endswith('---\n"We will not move," the union said. Talks are planned.\n')
