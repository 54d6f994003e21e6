"""Fuzz tests: generated hostile inputs for every reader, read by `ingest` (fixed seed, a small
budget for CI; bench/fuzz.py runs the same strategies over 10,000 inputs and more).

The property: reading never raises, whatever the bytes; what is stored is valid Unicode; an
input that is not used is named in a skipped line with its reason; and no skipped line is an
unexpected error caught by the boundary (those mean a reader has a bug to fix).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_inputs import READERS, Input
from newsprism.ingest import ingest
from newsprism.settings import Settings
from newsprism.store import Store

SETTINGS = Settings(offline=True, today="2025-10-01")
UNEXPECTED = "please report this"
_counter = itertools.count()


def read_one(folder: Path, store: Store, item: Input) -> None:
    name, data = item
    path = folder / f"{next(_counter)}-{name}"
    path.write_bytes(data)
    result = ingest([str(path)], SETTINGS, store)  # must not raise
    for article in result.articles:
        article.text.encode("utf-8")  # valid Unicode: no lone surrogate got through
        (article.title or "").encode("utf-8")
        article.source.encode("utf-8")
        assert article.text.strip()
    for skipped in result.summary.skipped:
        # the input, a record in it, or a feed URL it lists (refused: the run is offline)
        assert skipped.input.startswith((str(path), "http://", "https://")), skipped
        assert skipped.reason and UNEXPECTED not in skipped.reason, skipped
    # nothing vanishes without a word: read, skipped, or counted as a copy of a stored text
    assert result.articles or result.summary.skipped or result.summary.exact_duplicates


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    with Store(tmp_path_factory.mktemp("fuzz") / "fuzz.db") as s:
        yield s


@pytest.mark.parametrize("reader", sorted(READERS))
def test_no_generated_input_breaks_a_reader(
    reader: str, store: Store, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp(reader)

    @settings(
        max_examples=50,
        derandomize=True,  # a fixed seed: CI sees the same inputs every run
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(item=READERS[reader])
    def check(item: Input) -> None:
        read_one(folder, store, item)

    check()
