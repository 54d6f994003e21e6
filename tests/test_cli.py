"""The `newsprism` command end to end: exit codes, help, bad inputs, the report contract."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprism.cli import main
from support import assert_valid_report, run_cli

GOOD = (
    "Delegations from Valdoria and Marenne met in Geneva on Tuesday, 9 September 2025, for the first "
    "direct talks in four years. The Swiss hosts said both sides agreed to exchange forty detainees."
)


def test_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    for command in main.commands:
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output, command


def test_usage_errors_exit_2_and_unreadable_inputs_exit_1(tmp_path: Path) -> None:
    assert run_cli("analyze", "--out", str(tmp_path)).returncode == 2
    result = run_cli(
        "analyze",
        str(tmp_path / "nothing-here"),
        "--out",
        str(tmp_path / "o"),
        "--db",
        str(tmp_path / "db"),
    )
    assert result.returncode == 1
    assert "nothing-here: no such file" in result.stderr


def test_bad_inputs_are_reported_and_never_stop_the_batch(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD)
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (corpus / "empty.txt").write_text("")
    (corpus / "picture.html").write_bytes(b"\x89PNG\r\n\x1a\n....")
    (corpus / "broken.html").write_text(  # unclosed tags and a stray </div>: read leniently
        "<html><body><div><article><p>"
        + GOOD.replace("Swiss", "<b>Swiss")
        + "</div><p>The talks ran six hours."
    )
    (corpus / "script-only.html").write_text("<html><body><script>render()</script></body></html>")
    (corpus / "empty-feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>E</title></channel></rss>'
    )
    (corpus / "latin1.txt").write_bytes(
        "Les délégations de Valdoria et de Marenne se sont réunies à Genève mardi.".encode("cp1252")
    )
    huge = corpus / "huge.txt"
    with huge.open("wb") as handle:  # 200 MB without writing 200 MB: a sparse file
        handle.truncate(200 * 1024 * 1024)
    out, db = tmp_path / "out", tmp_path / "store.db"
    result = run_cli(
        "analyze", str(corpus), "http://127.0.0.1:9/refused", "--out", str(out), "--db", str(db)
    )
    assert result.returncode == 0, result.stderr
    skipped = {
        Path(line.split(":")[0].split()[-1]).name: line
        for line in result.stderr.splitlines()
        if line.strip().startswith("skipped")
    }
    assert "binary file" in skipped["binary.txt"]
    assert "is empty" in skipped["empty.txt"]
    assert "PNG" in skipped["picture.html"]
    assert "no entries" in skipped["empty-feed.xml"]
    assert "over the limit" in skipped["huge.txt"] and "max_bytes" in skipped["huge.txt"]
    assert "no article text" in skipped["script-only.html"]
    assert any("refused" in k or "127.0.0.1" in line for k, line in skipped.items())
    report = json.loads((out / "report.json").read_text())
    assert_valid_report(report)
    by_input = {Path(a["input"]).name: a for a in report["articles"]}
    assert set(by_input) == {"good.txt", "latin1.txt", "broken.html"}
    assert "six hours" in by_input["broken.html"]["text"]
    assert "délégations" in by_input["latin1.txt"]["text"]
    assert by_input["latin1.txt"]["language"] == "fr" and not by_input["latin1.txt"]["analysed"]
    assert by_input["good.txt"]["published"] == "2025-09-09"
    assert by_input["good.txt"]["published_inferred"] is True
    assert len(report["run"]["skipped"]) == 7


def test_rerun_gives_the_same_ids_and_reads_nothing_again(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD)
    (corpus / "b.md").write_text(
        "# Talks End\n\nThe talks in Geneva ended on Friday without a deal, officials said.\n"
    )
    db = str(tmp_path / "s.db")
    first = run_cli(
        "analyze", str(corpus), "--out", str(tmp_path / "o1"), "--db", db, "--format", "json"
    )
    second = run_cli(
        "analyze", str(corpus), "--out", str(tmp_path / "o2"), "--db", db, "--format", "json"
    )
    assert "2 new" in first.stderr and "2 already stored" in second.stderr
    one, two = (json.loads((tmp_path / o / "report.json").read_text()) for o in ("o1", "o2"))
    assert one["articles"] == two["articles"]
    assert one["stories"][0]["id"] == two["stories"][0]["id"]
    assert two["run"]["read"] == 0  # served from the input cache, nothing re-read
    assert not (tmp_path / "o1" / "brief.md").exists()
    # `brief` writes the stored stories again without analysing anything
    again = run_cli("brief", "--db", db, "--out", str(tmp_path / "o3"))
    assert again.returncode == 0, again.stderr
    three = json.loads((tmp_path / "o3" / "report.json").read_text())
    (story,) = three["stories"]  # the largest story of the last analyze: the report's first
    assert story == two["stories"][0]
    assert {a["id"] for a in three["articles"]} == set(story["article_ids"])
    assert (tmp_path / "o3" / "brief.md").exists() and (tmp_path / "o3" / "report.html").exists()
    missing = run_cli("brief", "--db", db, "--story", "0000", "--out", str(tmp_path / "o4"))
    assert missing.returncode == 1 and "no story in" in missing.stderr
    assert "'0000'" in missing.stderr and story["id"] in missing.stderr  # the stories to pick


def test_articles_lists_the_store(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    db = str(tmp_path / "s.db")
    assert run_cli("ingest", str(tmp_path / "a.txt"), "--db", db).returncode == 0
    listed = run_cli("articles", "--db", db, "--json")
    (row,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert row["source"] == "a" and row["published"] == "2025-09-09"
    assert run_cli("articles", "--db", str(tmp_path / "none.db")).returncode == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("stop", "exit_code"), [(signal.SIGKILL, -signal.SIGKILL), (signal.SIGINT, 130)]
)
def test_a_stopped_run_leaves_a_consistent_store_and_a_rerun_completes(
    tmp_path: Path, stop: signal.Signals, exit_code: int
) -> None:
    corpus = tmp_path / "many"
    corpus.mkdir()
    total = 600
    for i in range(total):
        (corpus / f"{i:04d}.txt").write_text(
            f"Report {i} from the harbour. "
            + " ".join(f"Sentence {i}-{j} about ship {i * 7 + j}." for j in range(30))
        )
    (tmp_path / "newsprism.toml").write_text("[newsprism]\nbatch_articles = 40\noffline = true\n")
    db = tmp_path / "s.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "newsprism", "ingest", str(corpus), "--db", str(db)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # a test run started in the background (`make test &`) ignores SIGINT, and a child
        # inherits that; Ctrl-C is what this test is about, so the child gets it back
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        committed = 0
        while process.poll() is None and committed < 80:  # wait for two committed batches
            if db.exists():
                try:
                    with sqlite3.connect(db) as conn:
                        committed = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:
                    pass
        assert process.poll() is None, (
            "the run finished before it could be killed; make the corpus bigger"
        )
        process.send_signal(stop)  # SIGKILL: a crash; SIGINT: Ctrl-C
        assert process.wait(timeout=60) == exit_code
    finally:
        process.kill()
        process.wait()
    from newsprism.store import Store

    with Store(db) as store:
        assert store.integrity_problems() == []
        stored = store.count_articles()
        assert stored % 40 == 0 and 0 < stored < total  # whole batches only
    result = run_cli("ingest", str(corpus), "--db", str(db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{total - stored} new, {stored} already stored" in result.stderr
    with Store(db) as store:
        assert store.count_articles() == total
        assert store.integrity_problems() == []
    os.remove(tmp_path / "newsprism.toml")


def test_inputs_that_once_stopped_the_run_are_skipped_and_the_good_ones_analysed(
    tmp_path: Path,
) -> None:
    import gzip

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD)
    (corpus / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    packed = gzip.compress(GOOD.encode() * 20)
    (corpus / "broken.txt.gz").write_bytes(packed[:20] + bytes(b ^ 0x5A for b in packed[20:28]))
    (corpus / "lone.jsonl").write_text(
        '{"text": "Geneva talks \\ud800 resumed on Wednesday, the Swiss hosts said.", '
        '"title": "\\udc00", "source": "Wire"}\n'
    )
    (corpus / "refs.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Bay</title><item>'
        "<title>Talks &#99999999999; go on</title><description>Marenne and Valdoria "
        "&#1114112; met again &#xD800; in Geneva on Thursday.</description></item></channel></rss>"
    )
    (corpus / "charset.html").write_text(
        '<html><head><meta charset="undefined"><title>Swap</title></head><body><article><p>'
        "The detainee exchange agreed in Geneva will take place next week, officials said."
        "</p></article></body></html>"
    )
    (corpus / "nested.html").write_bytes(b"<div>" * 130_000 + b"<p>x</p>" + b"</div>" * 130_000)
    (corpus / "line.txt").write_text("The minister said the talks went well today. " * 45_000)
    out = tmp_path / "out"
    result = run_cli("analyze", str(corpus), "--out", str(out), "--db", str(tmp_path / "s.db"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads((out / "report.json").read_text())
    assert_valid_report(report)
    read = {Path(a["input"].split(":")[0].split("#")[0]).name for a in report["articles"]}
    assert read == {"good.txt", "lone.jsonl", "refs.rss", "charset.html"}
    skipped = {Path(s["input"]).name: s["reason"] for s in report["run"]["skipped"]}
    assert set(skipped) == {"deep.json", "broken.txt.gz", "nested.html", "line.txt"}
    good = next(a for a in report["articles"] if a["input"].endswith("good.txt"))
    (story,) = [s for s in report["stories"] if good["id"] in s["article_ids"]]
    assert story["brief"]["sections"][0]["sentences"]  # analysed in full
    brief = (out / "brief.md").read_text()
    assert "deep.json" in brief and "levels deep" in brief


def test_ingest_exits_1_when_every_input_was_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "deep.json").write_bytes(b"[" * 1000 + b"]" * 1000)
    result = run_cli(
        "ingest",
        str(tmp_path / "empty.txt"),
        str(tmp_path / "deep.json"),
        "--db",
        str(tmp_path / "s.db"),
    )
    assert result.returncode == 1
    assert "0 articles" in result.stderr and "2 inputs skipped" in result.stderr
    assert "error: no article could be read from the inputs" in result.stderr


def test_articles_dated_only_by_a_year_are_analysed(tmp_path: Path) -> None:
    """Undated articles whose text names only a year get that year as their date (ECB+ pages
    are like this); the suggested "What happened on …?" questions must not fail on it."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "A bridge over the Vistula in Tarnow collapsed in 2007, killing four people.\n\n"
        "Rescuers searched the river all night, the mayor of Tarnow said.\n"
    )
    (corpus / "b.txt").write_text(
        "Four people died when a bridge in Tarnow collapsed in 2007, the mayor said.\n\n"
        "The bridge fell on 12 March 2007 during the morning rush, and rescuers worked "
        "through the night.\n"
    )
    db = str(tmp_path / "s.db")
    done = run_cli("analyze", str(corpus), "--out", str(tmp_path / "o"), "--db", db)
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert sorted(a["published"] for a in report["articles"]) == ["2007", "2007-03-12"]
    assert report["stories"], "the two reports make a story"
