"""`write_report` runs the citation checker and refuses to write a report that fails it."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.errors import NewsprismError
from newsprism.model import (
    Article,
    Brief,
    BriefSection,
    CitedSentence,
    IngestSummary,
    Span,
    Story,
)
from newsprism.pipeline import Analysis, write_report

TEXT = "The delegations agreed on Thursday to exchange 46 detainees."


def _analysis(sentence_text: str) -> Analysis:
    article = Article(id="a1", text=TEXT, source="Harbour Herald")
    sentence = CitedSentence(
        text=sentence_text, citations=(Span(article_id="a1", start=0, end=len(TEXT)),)
    )
    brief = Brief(
        sections=(
            BriefSection(key="context", title="Introduction & Context", sentences=(sentence,)),
        )
    )
    story = Story(id="s1", article_ids=("a1",), brief=brief)
    return Analysis(articles=(article,), stories=(story,), summary=IngestSummary(read=1))


def test_a_supported_brief_is_written(tmp_path: Path) -> None:
    written = write_report(_analysis(TEXT), tmp_path / "out", ["json", "md", "html"])
    assert {p.name for p in written} == {"report.json", "brief.md", "report.html"}
    assert "46 detainees" in (tmp_path / "out" / "brief.md").read_text()


def test_a_brief_its_citations_do_not_support_is_refused_and_nothing_written(
    tmp_path: Path,
) -> None:
    with pytest.raises(NewsprismError, match="citation check") as caught:
        write_report(_analysis(TEXT.replace("46", "64")), tmp_path / "out", ["json", "md"])
    assert "64" in str(caught.value)
    assert not (tmp_path / "out").exists()
