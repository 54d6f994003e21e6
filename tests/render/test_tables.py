"""The export tables from a hand-made report (invented text): columns, cells, files."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from newsprism.render.tables import COLUMNS, read_table, table_rows, write_tables
from support import REPO

TEXT = "Arnesia and Belmora agreed to free 12 fishermen. Belmora denied it."


def report() -> dict[str, Any]:
    span = {"article_id": "a1", "start": 0, "end": 47}
    claim = {
        "id": "c1",
        "text": TEXT[0:47],
        "status": "corroborated",
        "sources": ["a1", "a2"],
        "evidence": [span, {"article_id": "a2", "start": 0, "end": 47}],
        "conflicts_with": [],
        "kind": "fact",
        "voices": 2,
        "attributed_to": None,
        "hedged": False,
    }
    later = dict(claim, id="c2", confidence=0.75, sources=["a2"], evidence=claim["evidence"][1:])
    return {
        "schema": "newsprism.report/1",
        "articles": [
            {"id": "a1", "source": "Lantern Post", "text": TEXT, "title": "Deal; at last"},
            {"id": "a2", "source": "Corvale Courier", "text": TEXT, "title": None},
        ],
        "stories": [
            {"id": "s1", "title": "Deal", "article_ids": ["a1", "a2"], "claims": [claim, later]}
        ],
    }


def test_the_readme_documents_every_column() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for table, columns in COLUMNS.items():
        line = re.search(rf"^- `{table}`: (.+)$", readme, re.M)
        assert line, f"README lists no columns for {table}"
        assert re.findall(r"`([^`]+)`", line.group(1)) == [name for name, _ in columns]


def test_rows_follow_the_report_and_carry_a_confidence_once_it_has_one() -> None:
    rows = table_rows(report(), "claims")
    assert [r["id"] for r in rows] == ["c1", "c2"]
    assert rows[0]["outlets"] == ["Lantern Post", "Corvale Courier"]
    assert (rows[0]["article_id"], rows[0]["start"], rows[0]["end"]) == ("a1", 0, 47)
    assert rows[0]["evidence"] == ["a1:0-47", "a2:0-47"]
    assert rows[0]["confidence"] is None and rows[1]["confidence"] == 0.75
    assert table_rows(report(), "quotes") == []  # a story without quotes: no rows, no error


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_files_read_back_with_their_types(tmp_path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    written = write_tables(report(), tmp_path, ["claims", "articles", "quotes"], fmt)
    assert [(p.name, n) for p, n in written] == [
        (f"claims.{fmt}", 2),
        (f"articles.{fmt}", 2),
        (f"quotes.{fmt}", 0),
    ]
    assert read_table(tmp_path / f"claims.{fmt}", "claims") == table_rows(report(), "claims")
    assert read_table(tmp_path / f"articles.{fmt}", "articles") == table_rows(report(), "articles")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p, _ in written)
    mask = os.umask(0)
    os.umask(mask)
    for path, _ in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


def test_csv_joins_lists_and_leaves_missing_values_empty(tmp_path: Path) -> None:
    write_tables(report(), tmp_path, ["claims"], "csv")
    header, first, _ = (tmp_path / "claims.csv").read_text().splitlines()
    assert header.split(",") == [name for name, _ in COLUMNS["claims"]]
    assert ",a1;a2,Lantern Post;Corvale Courier,a1,0,47,a1:0-47;a2:0-47,,,false" in first
