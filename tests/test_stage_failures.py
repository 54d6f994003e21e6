"""One article a stage cannot handle is reported and left out; the batch goes on."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from newsprism import articlemap, pipeline
from newsprism.model import Article
from newsprism.settings import Settings
from newsprism.store import Store

GOOD = (
    "Delegations from Valdoria and Marenne met in Geneva on Tuesday, 9 September 2025, for the "
    "first direct talks in four years. The Swiss hosts said both sides agreed to exchange forty "
    "detainees."
)
ALSO = (
    "Valdoria and Marenne met in Geneva on 9 September 2025 for direct talks. Both sides agreed "
    "to exchange forty detainees, the Swiss hosts said. BOOM"
)


@pytest.mark.parametrize("stage", ["annotate", "extract_articles"])
def test_an_article_a_stage_raises_on_is_reported_and_the_run_goes_on(
    stage: str, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = getattr(pipeline, stage)

    def fragile(articles: Sequence[Article], *args: Any, **kwargs: Any) -> Any:
        if any("BOOM" in a.text for a in articles):
            raise ValueError("year -491 is out of range")
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(pipeline, stage, fragile)
    # the one-pass map (annotate and extract together) meets the same article first; its
    # chunk fails and the stages redo the articles one by one, naming the one that fails
    monkeypatch.setattr(articlemap, "read_one_pass", _as_map(articlemap.read_one_pass))
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "bad.txt").write_text(ALSO)
    with Store(tmp_path / "s.db") as store:
        analysis = pipeline.analyze([str(tmp_path)], settings, store)
    stage_name = "annotate" if stage == "annotate" else "extract"
    (skipped,) = analysis.summary.skipped
    assert skipped.input.endswith("bad.txt")
    assert f"the {stage_name} stage failed on it (ValueError: year -491" in skipped.reason
    # the other article is analysed in full
    (story,) = [s for s in analysis.stories if any("good" in i for i in _inputs(analysis, s))]
    assert story.brief is not None and story.brief.sections[0].sentences
    assert any(q.text for q in story.quotes) or story.claims


def _as_map(real: Any, *, endless: bool = False) -> Any:
    """`articlemap.read_one_pass` failing (or never ending) on the BOOM article, as the
    patched stage does."""

    def read(jobs: Sequence[articlemap.ArticleJob], *args: Any) -> Any:
        if any("BOOM" in j.article.text for j in jobs):
            while endless:
                sum(range(1000))
            raise ValueError("year -491 is out of range")
        return real(jobs, *args)

    return read


def _inputs(analysis: pipeline.Analysis, story: Any) -> list[str]:
    by_id = {a.id: a.input for a in analysis.articles}
    return [by_id[i] for i in story.article_ids]


@pytest.mark.parametrize("stage", ["annotate", "extract_articles"])
def test_an_article_over_its_cpu_budget_is_left_out_with_the_setting_named(
    stage: str, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsprism.budget import budgets_enforced
    from newsprism.nlp import load_pipeline

    if not budgets_enforced():
        pytest.skip("needs SIGPROF (Unix)")
    load_pipeline()  # loading the model is not the article's cost
    real = getattr(pipeline, stage)

    def endless(articles: Sequence[Article], *args: Any, **kwargs: Any) -> Any:
        if any("BOOM" in a.text for a in articles):
            while True:  # a stage that never finishes on this article
                sum(range(1000))
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(pipeline, stage, endless)
    monkeypatch.setattr(
        articlemap, "read_one_pass", _as_map(articlemap.read_one_pass, endless=True)
    )
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "bad.txt").write_text(ALSO)
    budgeted = dataclasses.replace(settings, annotate_cpu_seconds=1.0)
    with Store(tmp_path / "s.db") as store:
        analysis = pipeline.analyze([str(tmp_path)], budgeted, store)
    stage_name = "annotate" if stage == "annotate" else "extract"
    (skipped,) = analysis.summary.skipped
    assert skipped.input.endswith("bad.txt")
    assert f"the {stage_name} stage took more than 1 s of CPU time" in skipped.reason
    assert "left out of the analysis" in skipped.reason and "annotate_cpu_seconds" in skipped.reason
    (story,) = [s for s in analysis.stories if any("good" in i for i in _inputs(analysis, s))]
    assert story.brief is not None and story.brief.sections[0].sentences


OTHER = (
    "A storm closed the port of Lysa on Friday, 12 September 2025, harbour officials said. "
    "Ferries to the islands were cancelled until Sunday."
)


def test_a_story_a_stage_raises_on_is_named_and_the_other_stories_are_reported(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.compose_story

    def fragile(story: Any, *args: Any, **kwargs: Any) -> Any:
        if any("storm" in a.text for a in args[0] if a.id in story.article_ids):
            raise TypeError("'<' not supported between instances of 'str' and 'NoneType'")
        return real(story, *args, **kwargs)

    monkeypatch.setattr(pipeline, "compose_story", fragile)
    (tmp_path / "talks.txt").write_text(GOOD)
    (tmp_path / "storm.txt").write_text(OTHER)
    with Store(tmp_path / "s.db") as store:
        analysis = pipeline.analyze([str(tmp_path)], settings, store)
        stored = set(store.reported_stories())
    (notice,) = [n for n in analysis.notices if "left out of this run" in n]
    assert "TypeError" in notice and "please report this as a bug" in notice
    inputs = [i for s in analysis.stories for i in _inputs(analysis, s)]
    assert any(i.endswith("talks.txt") for i in inputs)  # the other story is analysed
    assert not any(i.endswith("storm.txt") for i in inputs)
    assert stored == {s.id for s in analysis.stories}
