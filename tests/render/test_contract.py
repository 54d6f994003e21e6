"""The report contract: report.json -> records -> report.json is byte-identical, on both
corpora's baseline reports and on a hand-built report; a malformed document is refused with
the path of the field."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import handmade_report
from newsprism.render.contract import (
    ReportFormatError,
    from_json,
    story_from_json,
    story_to_json,
    to_json,
)

BASELINES = Path("/work/baseline")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("corpus", ["istanbul", "harbour"])
def test_baseline_report_round_trips_byte_identical(corpus: str) -> None:
    path = BASELINES / corpus / "report.json"
    if not path.exists():
        pytest.skip(f"{path}: no baseline report on this machine")
    text = path.read_text(encoding="utf-8")
    assert _dump(to_json(from_json(json.loads(text)))) == text


def test_hand_built_report_round_trips() -> None:
    report = handmade_report.report()
    data = to_json(report)
    assert from_json(json.loads(_dump(data))) == report
    assert list(data) == ["schema", "articles", "stories", "run"]
    assert data["run"]["skipped"] == [{"input": "b.txt", "reason": "empty"}]
    assert data["stories"][0]["timeline"][0]["evidence"] == [
        {"article_id": "a", "start": 0, "end": len(handmade_report.FIRST)}
    ]


def test_a_story_round_trips_as_the_store_keeps_it() -> None:
    story = handmade_report.story()
    assert story_from_json(json.loads(json.dumps(story_to_json(story)))) == story


def test_a_story_without_brief_writes_sections_only() -> None:
    story = handmade_report.story()
    bare = type(story.brief)(sections=())
    data = story_to_json(replace(story, brief=bare))
    assert data["brief"] == {"sections": []}
    assert story_from_json(data).brief == bare


def test_a_missing_field_is_named() -> None:
    data = to_json(handmade_report.report())
    del data["stories"][0]["brief"]["sections"][0]["sentences"][0]["frame"]
    with pytest.raises(ReportFormatError, match=r"stories\[0\]\.brief\.sections\[0\]"):
        from_json(data)
