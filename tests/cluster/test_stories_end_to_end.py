"""Stories end to end, through the command line and the store: mixed folders split into the
stories they hold, stories grow under a stable id as articles arrive, two stories that turn
out to be one merge and the report says so, and `newsprism stories` lists them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from support import EXAMPLE, ISTANBUL, run_cli


def analyze(
    db: Path, out: Path, *inputs: str | Path, extra: tuple[str, ...] = ()
) -> dict[str, Any]:
    result = run_cli(
        "analyze",
        *map(str, inputs),
        "--out",
        str(out),
        "--db",
        str(db),
        "--today",
        "2026-01-01",
        "--format",
        "json",
        *extra,
    )
    assert result.returncode == 0, result.stderr
    return json.loads((out / "report.json").read_text())


def sources(report: dict[str, Any], story: dict[str, Any]) -> set[str]:
    by_id = {a["id"]: a for a in report["articles"]}
    return {Path(by_id[i]["input"]).name for i in story["article_ids"]}


def copy(tmp: Path, name: str, *files: str) -> Path:
    folder = tmp / name
    folder.mkdir()
    for f in files:
        shutil.copy(EXAMPLE / f, folder / f)
    return folder


@pytest.mark.slow
def test_stories_grow_under_a_stable_id_as_articles_arrive(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    first = copy(tmp_path, "first", "herald-geneva-talks.md", "courier-renaud.txt")
    one = analyze(db, tmp_path / "o1", first)
    (harbour,) = one["stories"]
    assert harbour["size"] == 2 and harbour["merged_from"] == []

    later = copy(
        tmp_path, "later", "valdoria-today.txt", "sources.toml", "herald-rotterdam-strike.txt"
    )
    two = analyze(db, tmp_path / "o2", later)
    by_id = {s["id"]: s for s in two["stories"]}
    assert harbour["id"] in by_id, "the story keeps its id when it grows"
    grown = by_id.pop(harbour["id"])
    assert grown["size"] == 3
    assert sources(two, grown) == {
        "herald-geneva-talks.md",
        "courier-renaud.txt",
        "valdoria-today.txt",
    }
    (strike,) = by_id.values()
    assert sources(two, strike) == {"herald-rotterdam-strike.txt"} and strike["singleton"]

    again = analyze(db, tmp_path / "o3", later)
    assert [s["id"] for s in again["stories"]] == [s["id"] for s in two["stories"]]

    listing = run_cli("stories", "--db", str(db), "--json")
    assert listing.returncode == 0, listing.stderr
    rows = [json.loads(line) for line in listing.stdout.splitlines()]
    assert {(r["id"], r["size"]) for r in rows} == {(harbour["id"], 3), (strike["id"], 1)}
    table = run_cli("stories", "--db", str(db), "--min-size", "2")
    assert table.stdout.count("\n") == 1 and harbour["id"] in table.stdout
    assert "Harbour Herald" in table.stdout and "2025-09-1" in table.stdout


@pytest.mark.slow
def test_two_stories_bridged_by_a_later_article_merge_and_the_report_says_so(
    tmp_path: Path,
) -> None:
    db = tmp_path / "s.db"
    a = copy(tmp_path, "a", "herald-geneva-talks.md")
    b = copy(tmp_path, "b", "courier-renaud.txt")
    c = copy(tmp_path, "c", "valdoria-today.txt")
    (early,) = analyze(db, tmp_path / "o1", a, extra=("--date", "2025-09-01"))["stories"]
    (late,) = analyze(db, tmp_path / "o2", b, extra=("--date", "2025-09-15"))["stories"]
    assert early["id"] != late["id"], "14 days apart: beyond the 7-day window, two stories"
    (merged,) = analyze(db, tmp_path / "o3", c, extra=("--date", "2025-09-08"))["stories"]
    assert merged["size"] == 3
    survivor, absorbed = (early, late) if merged["id"] == early["id"] else (late, early)
    assert merged["id"] == survivor["id"] and merged["merged_from"] == [absorbed["id"]]
    listing = run_cli("stories", "--db", str(db), "--json", "--merged")
    rows = {r["id"]: r for r in map(json.loads, listing.stdout.splitlines())}
    assert rows[absorbed["id"]]["merged_into"] == survivor["id"]
    assert rows[absorbed["id"]]["size"] == 0


@pytest.mark.slow
@pytest.mark.skipif(not ISTANBUL.is_dir(), reason="../shared/corpus/istanbul-talks is absent")
def test_a_mixed_run_writes_one_story_per_event(tmp_path: Path) -> None:
    report = analyze(tmp_path / "s.db", tmp_path / "o", EXAMPLE, ISTANBUL)
    found = sorted((sorted(sources(report, s)) for s in report["stories"]), key=len)
    istanbul = sorted(p.name for p in ISTANBUL.iterdir() if p.is_file())
    assert found[0] == ["global-dispatch.xml#1", "herald-rotterdam-strike.txt"]
    assert sorted(found[1]) == istanbul
    assert "herald-geneva-talks.md" in found[2] and "gazette-leman.txt" not in found[2]
    assert len(found) == 3
