"""The stages in order, as one call: `analyze(inputs, settings, store)`.

The CLI and any other face call this; each stage is a plain function over immutable records.
Stages that exist today: ingest, then one story of the run's analysed articles (the cluster
stage will split mixed inputs into stories), then render. Story fields that later stages fill
are written as empty lists, never invented.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.ingest import Progress, ingest
from newsprism.model import Article, IngestSummary, Story, story_id
from newsprism.render import render_html, render_markdown, report_dict
from newsprism.settings import Settings
from newsprism.store import Store

OUTPUT_FILES = {"json": "report.json", "md": "brief.md", "html": "report.html"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    summary: IngestSummary

    def report(self) -> dict[str, Any]:
        return report_dict(self.articles, self.stories, self.summary)


def analyze(
    inputs: Sequence[str], settings: Settings, store: Store, progress: Progress | None = None
) -> Analysis:
    ingested = ingest(inputs, settings, store, progress)
    analysed = tuple(a.id for a in ingested.articles if a.analysed)
    stories: tuple[Story, ...] = ()
    if analysed:
        story = Story(id=story_id(analysed), article_ids=analysed)
        store.put_story(story.id, story.title, story.article_ids, {})
        stories = (story,)
    return Analysis(articles=ingested.articles, stories=stories, summary=ingested.summary)


def write_report(analysis: Analysis, out_dir: str | Path, formats: Sequence[str]) -> list[Path]:
    """Write the report files; each appears whole or not at all (written aside, then renamed)."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NewsprismError(f"{out}: cannot create the output folder ({exc.strerror})") from exc
    report = analysis.report()
    renderers = {
        "json": lambda: json.dumps(report, ensure_ascii=False, indent=1) + "\n",
        "md": lambda: render_markdown(report),
        "html": lambda: render_html(report),
    }
    written = []
    for fmt in formats:
        path = out / OUTPUT_FILES[fmt]
        _write_atomically(path, renderers[fmt]())
        written.append(path)
    return written


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
