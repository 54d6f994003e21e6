"""The per-article map (issue 19): one spaCy pass gives the same annotations and extractions
as the two passes it replaces; worker processes and a Dask cluster give the same report as
one process."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from newsprism import articlemap, engines
from newsprism.annotate import annotate
from newsprism.articlemap import ArticleJob, article_pool, chunked, map_articles, read_one_pass
from newsprism.extract import extract_articles
from newsprism.gazetteer import load_gazetteer
from newsprism.model import Article, DateValue, article_id
from newsprism.pipeline import analyze, write_report
from newsprism.settings import make_settings
from newsprism.store import Store
from support import EXAMPLE

TEXTS = (
    'The foreign minister said on Monday that talks in Geneva would resume. "We are ready to '
    'sign," he told reporters. Russia and Ukraine exchanged 390 prisoners on 23 May 2025.\n\n'
    "Officials in Kyiv denied the report. The ceasefire, agreed in March, did not hold; "
    "shelling resumed near Kharkiv, the governor said.",
    "Harbour workers went on strike in Rotterdam. Union leader Anna de Vries said the port "
    "authority had refused to meet them. Talks are expected next week, according to Reuters. "
    "Dr. Smith, a U.S. analyst, said: 'It won't end soon.'\nA second paragraph follows here.",
    "Prices rose 3.2% in April. The central bank will meet on June 5 to decide on rates, its "
    "governor said in an interview.",
)


def _articles() -> list[Article]:
    return [
        Article(
            id=article_id(text, f"https://example.org/{i}"),
            text=text,
            source=f"outlet{i}",
            published=DateValue(value="2025-05-24", granularity="day", kind="explicit"),
            language="en",
        )
        for i, text in enumerate(TEXTS)
    ]


def test_one_pass_gives_what_annotate_and_extract_give() -> None:
    articles = _articles()
    gazetteer = load_gazetteer()
    annotations = annotate(articles, gazetteer=gazetteer)
    extractions = extract_articles(articles, annotations)
    results = read_one_pass([ArticleJob(article=a) for a in articles], gazetteer)
    assert [r.annotation for r in results] == list(annotations)
    assert [r.extraction for r in results] == extractions
    assert all(r.annotation.sentences for r in results)  # not vacuous: there is something
    assert any(r.extraction.quotes for r in results)


def test_a_stored_annotation_is_what_the_extraction_reads() -> None:
    articles = _articles()[:1]
    gazetteer = load_gazetteer()
    stored = dataclasses.replace(annotate(articles, gazetteer=gazetteer)[0], mentions=())
    (result,) = read_one_pass([ArticleJob(article=articles[0], annotation=stored)], gazetteer)
    assert result.extraction == extract_articles(articles, [stored])[0]
    assert result.extraction != extract_articles(articles, annotate(articles))[0]


def test_a_pool_of_workers_gives_the_same_results_in_the_same_order() -> None:
    jobs = [ArticleJob(article=a) for a in _articles()]
    alone = list(map_articles(jobs, None, 60.0))
    with article_pool(2) as pool:
        assert pool is not None
        pooled = list(map_articles(jobs, None, 60.0, pool))
    assert [r.results for _, r in pooled] == [r.results for _, r in alone]
    assert {r.pid for _, r in pooled} != {r.pid for _, r in alone}  # it did run elsewhere


def test_chunks_are_the_same_whatever_runs_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(articlemap, "CHUNK", 2)
    jobs = [ArticleJob(article=a) for a in _articles()]
    assert [len(c) for c in chunked(jobs)] == [2, 1]


def _report(tmp_path: Path, name: str, **values: object) -> str:
    settings = make_settings({"db": str(tmp_path / f"{name}.db"), "today": "2026-01-01", **values})
    with Store(settings.db) as store:
        analysis = analyze([str(EXAMPLE)], settings, store)
    write_report(analysis, tmp_path / name, ("json",))
    return (tmp_path / name / "report.json").read_text()


def test_workers_and_dask_give_the_report_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")  # the [dask] extra; `make install` puts it there
    monkeypatch.setattr(articlemap, "CHUNK", 3)  # several chunks from the 11 articles
    monkeypatch.setattr(engines, "LOCAL_CLUSTER_PROCESSES", False)  # threads: starts fast
    one = _report(tmp_path, "one", workers=1)
    two = _report(tmp_path, "two", workers=2)
    dask = _report(tmp_path, "dask", engine="dask", workers=2)
    assert two == one
    assert dask == one
    report = json.loads(one)
    assert len(report["stories"]) >= 2
    assert sum(len(s["article_ids"]) for s in report["stories"]) >= 9
