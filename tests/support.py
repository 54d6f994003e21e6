"""Helpers shared by the end-to-end tests."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import numpy as np
import numpy.typing as npt

from newsprism.citations import check_report
from newsprism.confidence import FLOORS, shown
from newsprism.model import Article, DateValue, Story, article_id, story_id
from newsprism.pipeline import annotate_story, extract_story_stage
from newsprism.render import schema
from newsprism.render.contract import from_json
from newsprism.settings import Settings
from newsprism.store import Store

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "harbour-talks"
SHARED = REPO.parent / "shared"
ISTANBUL = SHARED / "corpus" / "istanbul-talks"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsprism", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def assert_valid_report(report: dict[str, Any]) -> None:
    """The contract: schema-valid, every span resolves inside its article's text, and every
    brief sentence, answer and timeline entry passes the citation checker."""
    jsonschema.validate(report, schema())
    assert check_report(from_json(report)) == []
    texts = {a["id"]: a["text"] for a in report["articles"]}
    spans = [s for a in report["articles"] for s in a["published_evidence"]]
    for story in report["stories"]:
        assert set(story["article_ids"]) <= set(texts)
        for name in ("entities", "events", "quotes", "positions", "claims", "framing", "timeline"):
            for item in story[name]:
                spans += item.get("evidence", []) + item.get("mentions", [])
        spans += [t["span"] for t in story["times"]]
    for span in spans:
        assert span["article_id"] in texts
        assert 0 <= span["start"] < span["end"] <= len(texts[span["article_id"]])


def shown_positions(story: Story) -> list[tuple[str, str, str]]:
    """(actor name, kind, stance) of the positions a reader is shown (at the position floor)."""
    names = {e.id: e.name for e in story.entities}
    return [
        (names.get(p.actor, p.actor), p.kind, p.stance)
        for p in story.positions
        if shown(p.confidence, FLOORS.position)
    ]


def analysed(text: str, store: Store, settings: Settings) -> Story:
    """One article of `text` (published 2025-05-15, titled "Talks") as a story through
    annotate and extract, as the pipeline runs them: for tests of what extract finds."""
    article = Article(
        id=article_id(text, None),
        text=text,
        source="example.org",
        url=None,
        title="Talks",
        published=DateValue(value="2025-05-15", granularity="day", kind="explicit"),
        language="en",
    )
    store.put_articles([(article, article.id, b"", ())])
    story = Story(id=story_id((article.id,)), article_ids=(article.id,))
    full, story, anns = annotate_story(story, [article], settings, store)
    return extract_story_stage(story, full, anns, store)


def load_bench(name: str) -> ModuleType:
    """The script bench/NAME.py as a module, so tests can call its pure scoring functions."""
    module_name = f"bench_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


class WordEncoder:
    """A stand-in for the sentence model: bag-of-words vectors hashed into 384 dimensions,
    unit length, so texts that share words are close. Counts what it embeds."""

    id = "test-words"

    def __init__(self, words: Callable[[str], Iterable[str]] | None = None) -> None:
        self.seen: list[str] = []
        self.words = words or (lambda text: re.findall(r"\w+", text.lower()))

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> npt.NDArray[np.float32]:
        self.seen.extend(texts)
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in enumerate(texts):
            for w in self.words(text):
                out[row, int.from_bytes(hashlib.sha256(w.encode()).digest()[:2], "big") % 384] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-9)
