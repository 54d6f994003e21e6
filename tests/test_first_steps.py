"""A new user's first ten minutes, end to end: the README's quickstart run as written in a fresh
folder, then what comes next — one store default, one way of naming a story, messages and
exit codes, `export` round trips, outlet views.

The quickstart's commands are read from README.md (its "Quickstart" section), not copied here.
Its `make demo` runs the command the Makefile's demo recipe runs (`make -n demo` prints it)
without the recipe's install step: the interpreter running the tests is the installed
newsprism. In the fresh folder, as in a clone without ../shared beside it, the demo reads
examples/harbour-talks, the small invented corpus shipped in the repository, so the whole
module takes about half a minute.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsprism.errors import MissingDependencyError
from newsprism.render.tables import COLUMNS, read_table, write_tables
from support import REPO, run_cli

pytestmark = pytest.mark.slow

SUFFIX = {"csv": "csv", "parquet": "parquet", "jsonl": "jsonl"}


def quickstart_blocks() -> list[tuple[str, str]]:
    """The fenced blocks of the README's Quickstart section, as (language, text)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Quickstart\n(.*?)(?=^## )", readme, re.S | re.M)
    assert section, "README.md has no '## Quickstart' section"
    return re.findall(r"^```(\w+)\n(.*?)^```", section.group(1), re.S | re.M)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _run_quickstart_line(line: str, cwd: Path) -> subprocess.CompletedProcess[str] | None:
    words = shlex.split(line, comments=True)
    if not words:
        return None
    if words[:2] == ["make", "demo"]:
        recipe = subprocess.run(
            ["make", "-n", *words[1:]], cwd=cwd, capture_output=True, text=True, check=True
        ).stdout
        analyze = [r for r in recipe.splitlines() if "newsprism analyze" in r]
        assert analyze, f"`make -n demo` runs no `newsprism analyze`:\n{recipe}"
        words = shlex.split(analyze[-1])
    if words[0] in ("source", "."):
        return None  # activating .venv: the test's interpreter plays its part
    if words[0] in ("xdg-open", "open"):
        assert (cwd / words[1]).is_file(), f"{line}: {words[1]} was not written"
        return None
    assert words[0].endswith("newsprism"), f"the quickstart runs {line!r}, unknown to this test"
    return run_cli(*words[1:], cwd=cwd)


@pytest.fixture(scope="module")
def quickstart(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A fresh folder holding what a clone holds that the quickstart reads, with every
    quickstart command run in it, in order; gives the folder and each command's result."""
    home = tmp_path_factory.mktemp("clone")
    shutil.copytree(REPO / "examples", home / "examples")
    for name in ("Makefile", "pyproject.toml", "README.md"):
        shutil.copy(REPO / name, home / name)
    ran: list[tuple[str, subprocess.CompletedProcess[str] | None, str | None]] = []
    blocks = quickstart_blocks()
    for number, (language, text) in enumerate(blocks):
        if language != "sh":
            continue
        following = blocks[number + 1] if number + 1 < len(blocks) else ("", "")
        lines = [line for line in text.splitlines() if line.strip()]
        for i, line in enumerate(lines):
            shown = following[1] if following[0] == "text" and i == len(lines) - 1 else None
            ran.append((line, _run_quickstart_line(line, home), shown))
    return {"home": home, "ran": ran}


def test_the_readme_quickstart_runs_as_written(quickstart: dict[str, Any]) -> None:
    ran = quickstart["ran"]
    commands = [line for line, result, _ in ran if result is not None]
    assert any("newsprism analyze" in " ".join(r.args) for _, r, _ in ran if r is not None)
    assert any(line.split("#")[0].strip().endswith('?"') for line in commands), "no ask"
    for line, result, _ in ran:
        if result is not None:
            assert result.returncode == 0, f"{line}\n{result.stderr}"
    home = quickstart["home"]
    for name in ("report.json", "brief.md", "report.html"):
        assert (home / "out" / name).is_file()
    assert (home / "newsprism.db").is_file()  # the default store every command reads


def test_the_readme_shows_the_real_output_of_its_ask(quickstart: dict[str, Any]) -> None:
    shown = [(line, r, text) for line, r, text in quickstart["ran"] if text is not None]
    assert shown, "the quickstart shows no output after a command"
    for line, result, text in shown:
        assert result is not None
        printed = (result.stderr + result.stdout).strip()
        assert printed == text.strip(), f"README output of {line!r} differs from the real one"


def test_report_and_export_files_have_the_usual_permissions(quickstart: dict[str, Any]) -> None:
    home = quickstart["home"]
    result = run_cli("export", "--what", "claims", "--out", "perm", cwd=home)
    assert result.returncode == 0, result.stderr
    expected = 0o666 & ~_umask()
    for path in [*(home / "out").iterdir(), home / "perm" / "claims.csv"]:
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def test_a_story_is_named_the_same_way_in_every_command(quickstart: dict[str, Any]) -> None:
    home = quickstart["home"]
    report = json.loads((home / "out" / "report.json").read_text())
    strike = next(s for s in report["stories"] if "dockworkers" in s["title"])
    by_title = run_cli(
        "brief", "--story", "dockworkers", "--out", "b", "--format", "json", cwd=home
    )
    assert by_title.returncode == 0, by_title.stderr
    written = json.loads((home / "b" / "report.json").read_text())
    assert [s["id"] for s in written["stories"]] == [strike["id"]]
    by_prefix = run_cli("ask", "Who is on strike?", "--story", strike["id"][:5], "--json", cwd=home)
    assert by_prefix.returncode == 0, by_prefix.stderr
    assert json.loads(by_prefix.stdout)["story_id"] == strike["id"]
    exported = run_cli(
        "export", "--story", "Rotterdam", "--what", "articles", "--out", "e", cwd=home
    )
    assert exported.returncode == 0, exported.stderr
    assert {r["story_id"] for r in read_table(home / "e" / "articles.csv", "articles")} == {
        strike["id"]
    }
    wrong = run_cli("brief", "--story", "zebra", "--out", "b", cwd=home)
    assert wrong.returncode == 1
    for story in report["stories"]:  # every analysed story is listed, with its title
        assert f"{story['id']}  {' '.join(story['title'].split())}" in wrong.stderr


def test_without_story_commands_say_which_story_they_use(quickstart: dict[str, Any]) -> None:
    home = quickstart["home"]
    report = json.loads((home / "out" / "report.json").read_text())
    largest = report["stories"][0]
    result = run_cli("ask", "When did the talks open?", "--json", cwd=home)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["story_id"] == largest["id"]
    assert f"story {largest['id']}" in result.stderr and "--story" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_export_reads_back_as_the_report(quickstart: dict[str, Any], fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    home = quickstart["home"]
    report = json.loads((home / "out" / "report.json").read_text())
    out = home / f"tables-{fmt}"
    result = run_cli(
        "export", "--report", "out/report.json", "--format", fmt, "--out", str(out), cwd=home
    )
    assert result.returncode == 0, result.stderr
    rows = {t: read_table(out / f"{t}.{SUFFIX[fmt]}", t) for t in COLUMNS}
    for table, table_rows in rows.items():
        for row in table_rows:
            assert list(row) == [name for name, _ in COLUMNS[table]], table
    articles = {a["id"]: a for a in report["articles"]}

    def cited(row: dict[str, Any]) -> str:
        return str(articles[row["article_id"]]["text"][row["start"] : row["end"]])

    def spans(items: list[dict[str, Any]]) -> list[str]:
        return [f"{s['article_id']}:{s['start']}-{s['end']}" for s in items]

    def records(key: str) -> list[tuple[str, dict[str, Any]]]:
        return [(s["id"], item) for s in report["stories"] for item in s[key]]

    claims = records("claims")
    assert len(rows["claims"]) == len(claims) > 0
    for row, (story_id, claim) in zip(rows["claims"], claims, strict=True):
        assert (row["story_id"], row["id"], row["status"]) == (
            story_id,
            claim["id"],
            claim["status"],
        )
        assert row["text"] == claim["text"] == cited(row)
        assert row["article_ids"] == claim["sources"]
        assert row["outlets"] == list(
            dict.fromkeys(articles[i]["source"] for i in claim["sources"])
        )
        assert row["evidence"] == spans(claim["evidence"])
        assert row["conflicts_with"] == claim["conflicts_with"]
        assert row["confidence"] == claim.get("confidence")  # none in the report yet
    quotes = records("quotes")
    assert len(rows["quotes"]) == len(quotes) > 0
    for row, (_, quote) in zip(rows["quotes"], quotes, strict=True):
        assert (row["id"], row["text"], row["direct"]) == (
            quote["id"],
            quote["text"],
            quote["direct"],
        )
        assert cited(row) == quote["parts"][0]
        assert row["evidence"] == spans(quote["evidence"])
    positions = records("positions")
    assert len(rows["positions"]) == len(positions)
    for row, (_, position) in zip(rows["positions"], positions, strict=True):
        assert (row["id"], row["actor"], row["stance"]) == (
            position["id"],
            position["actor"],
            position["stance"],
        )
        assert cited(row).strip()
        assert row["article_ids"] == position["sources"]
    timeline = records("timeline")
    assert len(rows["timeline"]) == len(timeline) > 0
    for row, (_, entry) in zip(rows["timeline"], timeline, strict=True):
        assert (row["date"], row["granularity"]) == (entry["date"], entry["granularity"])
        assert row["text"] == entry["text"] == cited(row)
        assert row["conflicting_dates"] == [c["date"] for c in entry["conflicts"]]
    events = records("events")
    assert len(rows["events"]) == len(events) > 0
    for row, (_, event) in zip(rows["events"], events, strict=True):
        assert (row["id"], row["type"], row["mode"], row["date"]) == (
            event["id"],
            event["type"],
            event["mode"],
            event["date"],
        )
        assert row["evidence"] == spans(event["evidence"])
    assert [(r["id"], r["outlet"], r["text"]) for r in rows["articles"]] == [
        (a["id"], a["source"], a["text"]) for a in report["articles"]
    ]


def test_parquet_without_pyarrow_names_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    report = {"articles": [], "stories": []}
    with pytest.raises(MissingDependencyError, match=r'pip install "newsprism\[parquet\]"'):
        write_tables(report, tmp_path / "t", ["claims"], "parquet")
    assert not (tmp_path / "t").exists()  # nothing half-written


def test_unknown_tables_and_formats_are_usage_errors(quickstart: dict[str, Any]) -> None:
    home = quickstart["home"]
    bad_table = run_cli("export", "--what", "claims,bogus", "--out", "x", cwd=home)
    assert bad_table.returncode == 2 and "bogus" in bad_table.stderr
    assert "claims, quotes, positions, timeline, events, articles" in bad_table.stderr
    bad_format = run_cli("export", "--format", "xlsx", "--out", "x", cwd=home)
    assert bad_format.returncode == 2 and "xlsx" in bad_format.stderr
    both = run_cli(
        "export", "--db", "newsprism.db", "--report", "out/report.json", "--out", "x", cwd=home
    )
    assert both.returncode == 2 and "give --db or --report, not both" in both.stderr
    assert not (home / "x").exists()


def test_stories_of_one_outlet_list_its_articles(quickstart: dict[str, Any]) -> None:
    home = quickstart["home"]
    report = json.loads((home / "out" / "report.json").read_text())
    herald = {a["id"] for a in report["articles"] if a["source"] == "Harbour Herald"}
    result = run_cli("stories", "--outlet", "harbour herald", "--json", cwd=home)
    assert result.returncode == 0, result.stderr
    listed = [json.loads(line) for line in result.stdout.splitlines()]
    assert listed and all(r["outlet"] == "Harbour Herald" for r in listed)
    assert {i for r in listed for i in r["outlet_articles"]} == herald
    text = run_cli("stories", "--outlet", "Harbour Herald", cwd=home)
    assert all(i in text.stdout for i in herald)
    unknown = run_cli("stories", "--outlet", "Daily Planet", cwd=home)
    assert unknown.returncode == 1
    assert (
        "no outlet named 'Daily Planet'" in unknown.stderr and "Global Dispatch" in unknown.stderr
    )


def test_compare_outlets_reads_the_reports_comparison(quickstart: dict[str, Any]) -> None:
    home = quickstart["home"]
    report = json.loads((home / "out" / "report.json").read_text())
    story = report["stories"][0]
    outlet = {a["id"]: a["source"] for a in report["articles"]}
    a, b = "Harbour Herald", "Global Dispatch"
    result = run_cli("compare-outlets", "herald", "global", "--json", cwd=home)
    assert result.returncode == 0, result.stderr
    got = json.loads(result.stdout)
    assert (got["a"], got["b"], got["story_id"]) == (a, b, story["id"])
    said = {c["id"]: {outlet[i] for i in c["sources"]} for c in story["claims"]}
    assert {c["id"] for c in got["only_a"]} == {i for i, o in said.items() if a in o and b not in o}
    assert {c["id"] for c in got["only_b"]} == {i for i, o in said.items() if b in o and a not in o}
    assert got["only_a"] and got["only_b"]
    for side, name in (("only_a", a), ("only_b", b)):  # each line cites that outlet's words
        for claim in got[side]:
            assert outlet[claim["evidence"]["article_id"]] == name
    slots = {(d["slot"], d["a_value"], d["b_value"]) for d in got["disagreements"]}
    assert ("number", "46 detainee", "40 detainee") in slots  # the swap's disputed count
    framing = {(f["source"], f["actor"]): f for f in story["framing"]}
    assert got["framing"]
    for row in got["framing"]:
        for key, name in (("a", a), ("b", b)):
            if row[key] is not None:
                assert row[key]["tone"] == framing[(name, row["actor"])]["tone"]
    text = run_cli("compare-outlets", "Harbour Herald", "Global Dispatch", cwd=home)
    assert "Harbour Herald reports, Global Dispatch does not" in text.stdout
    assert "Where they disagree" in text.stdout and "How each frames" in text.stdout
    same = run_cli("compare-outlets", "herald", "Harbour Herald", cwd=home)
    assert same.returncode == 1 and "two different outlets" in same.stderr


def test_messages_in_a_folder_without_a_store(tmp_path: Path) -> None:
    no_store = run_cli("ask", "When did the talks open?", cwd=tmp_path)
    assert no_store.returncode == 1
    assert "no store newsprism.db" in no_store.stderr
    assert "newsprism analyze INPUT" in no_store.stderr and "ingest" not in no_store.stderr
    empty = run_cli("ask", "  ", cwd=tmp_path)
    assert empty.returncode == 2 and "QUESTION is empty" in empty.stderr
    for command in (["analyze", "x.txt", "--out", "o"], ["brief", "--out", "o"]):
        result = run_cli(*command, "--format", "md,csv", cwd=tmp_path)
        assert result.returncode == 2, command
        assert "unknown format(s) csv" in result.stderr and "json, md, html" in result.stderr
        assert "newsprism.toml" not in result.stderr  # there is no such file here
    bad_date = run_cli("ingest", "x.txt", "--date", "11/09/2025", cwd=tmp_path)
    assert bad_date.returncode == 1 and "date must be YYYY-MM-DD" in bad_date.stderr
    assert "newsprism.toml" not in bad_date.stderr
    (tmp_path / "newsprism.toml").write_text('[newsprism]\nformats = ["md", "pdf"]\n')
    from_file = run_cli("ingest", "x.txt", cwd=tmp_path)
    assert from_file.returncode == 1 and "newsprism.toml: unknown format(s)" in from_file.stderr


def test_stories_on_a_store_without_stories_says_so(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Delegations from Valdoria and Marenne met in Geneva on Tuesday for direct talks."
    )
    ingested = run_cli("ingest", "a.txt", "--date", "2025-09-09", cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stderr
    result = run_cli("stories", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""
    assert "newsprism.db holds no story yet; run `newsprism analyze INPUT`" in result.stderr
    asked = run_cli("ask", "Who met?", cwd=tmp_path)
    assert asked.returncode == 1 and "no analysed story here yet" in asked.stderr
