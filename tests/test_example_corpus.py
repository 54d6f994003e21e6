"""End to end on the real example corpus beside the checkout (skipped where it is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import ISTANBUL, assert_valid_report, run_cli

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
