"""Forked article workers inherit the spaCy pipeline the parent loaded (issue 19): each worker
would otherwise import spaCy and load the pipeline itself, about 1.5 CPU-s apiece."""

from __future__ import annotations

import multiprocessing

import pytest

from newsprism.articlemap import article_pool
from newsprism.extract.parse import load_parser


def pipelines_loaded() -> int:
    """In a worker: how many pipelines its `load_parser` cache held before any task ran."""
    return load_parser.cache_info().currsize


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="forked workers only")
def test_forked_workers_start_with_the_pipeline_loaded() -> None:
    with article_pool(2) as pool:
        assert pool is not None
        assert pool.submit(pipelines_loaded).result() == 1
        # the inherited pipeline is the one a worker would load: it parses as the parent's does
        parsed = pool.submit(_tags, "Valdoria demands a ceasefire.").result()
    assert parsed == _tags("Valdoria demands a ceasefire.")


def _tags(text: str) -> list[tuple[str, str, str, int]]:
    return [(t.text, t.tag_, t.dep_, t.head.i) for t in load_parser()(text)]
