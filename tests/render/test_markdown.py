"""brief.md from small hand-built report records: exact fragments of each part."""

from __future__ import annotations

from dataclasses import replace

import handmade_report
from newsprism.model import Span
from newsprism.render.markdown import render_markdown
from newsprism.report import ClaimEntry, Disagreement, DisagreementSide, MatrixEntry, PositionEntry

FIRST = handmade_report.FIRST


def test_heading_brief_and_footnote() -> None:
    text = render_markdown(handmade_report.report())
    assert text.startswith("# newsprism brief\n\n## Valdoria–Kesh talks\n\n")
    assert (
        "Story `s`: 1 articles (1 independent) from 1 outlets, 2025-09-11.\n\n"
        "### Context\n\n" + FIRST + "[^1]\n\n"
    ) in text
    assert f"[^1]: **Harbour Herald**, “Talks end” (2025-09-11): “{FIRST}”" in text


def test_timeline_questions_articles_and_skipped() -> None:
    text = render_markdown(handmade_report.report())
    assert f"| 2025-09-11 | {FIRST}[^1] | Harbour Herald |" in text
    assert f"**What was agreed?**\n\n- {FIRST}[^1]\n" in text
    # the title links to the article's URL (http(s) only: see test_markdown_payloads.py)
    assert "| Harbour Herald | [Talks end](<https://example.org/a>) | 2025-09-11 | en | — |" in text
    assert text.endswith("## Skipped inputs\n\n- b.txt: empty\n")


def test_an_empty_section_shows_its_note() -> None:
    story = handmade_report.story(brief_sentences=())
    section = replace(story.brief.sections[0], note="No background in the sources.")
    story = replace(story, brief=replace(story.brief, sections=(section,)))
    text = render_markdown(handmade_report.report(stories=(story,)))
    assert "### Context\n\n*No background in the sources.*\n\n" in text


def test_positions_and_disagreements() -> None:
    span = Span(article_id="a", start=0, end=8)
    position = PositionEntry(
        id="p1",
        actor="e1",
        actor_name="Valdoria",
        kind="demand",
        stance="exchange | detainees",
        evidence=(span,),
        stance_spans=(span,),
        sources=("a",),
    )
    claim = ClaimEntry(
        id="c1",
        text="46 detainees",
        kind="fact",
        status="contradicted",
        sources=("a",),
        voices=1,
        evidence=(span,),
        conflicts_with=(),
        conflicts=(),
        attributed_to=None,
        hedged=False,
    )
    side = DisagreementSide(
        claim="c1", text="46 detainees", value="46", sources=("a",), outlets=(), evidence=(span,)
    )
    story = replace(
        handmade_report.story(),
        positions=(position,),
        matrix=(
            MatrixEntry(
                actor="e1", actor_name="Valdoria", demands=("p1",), offers=(), red_lines=()
            ),
        ),
        claims=(claim,),
        disagreements=(Disagreement(slot="number", sides=(side, replace(side, value="64"))),),
    )
    text = render_markdown(handmade_report.report(stories=(story,)))
    # the pipe inside the stance is escaped so the table keeps its columns
    assert "| Valdoria | “exchange \\| detainees” (Harbour Herald)[^2] | — | — |" in text
    assert (
        "- **number**: Harbour Herald — “46 detainees” (46)[^2] · "
        "Harbour Herald — “46 detainees” (64)[^2]"
    ) in text
    assert "0 further claims come from one outlet only (see report.json)." in text


def test_the_brief_and_its_sources_lead_and_the_details_follow_apart() -> None:
    text = render_markdown(handmade_report.report())
    brief_notes = text.index("#### Sources of the brief")
    rule = text.index("\n---\n", brief_notes)
    assert text.index("### Context") < brief_notes < rule < text.index("### Timeline")
    assert "### Details: Valdoria–Kesh talks" in text[rule:]
    # the brief's own passage is noted with the brief, not after the details
    assert "[^1]: **Harbour Herald**" in text[brief_notes:rule]


def test_an_outlet_known_by_its_file_name_is_a_label_with_the_file_name_noted() -> None:
    stem = "001_6c89766725f97774"
    article = replace(handmade_report.article(), source=stem)
    story = replace(handmade_report.story(), sources=(stem,), independent_sources=(stem,))
    report = replace(handmade_report.report(stories=(story,)), articles=(article,))
    text = render_markdown(report)
    brief = text[: text.index("#### Sources of the brief")]
    assert stem not in brief
    assert f"[^1]: **Source A** (`{stem}`), “Talks end”" in text
    assert f"| Source A ({stem}) | [Talks end]" in text  # the articles table keeps the file


def test_stakeholders_are_one_line_per_actor() -> None:
    first = handmade_report.sentence(text="Valdoria: " + FIRST, frame="Valdoria: ")
    second = replace(
        handmade_report.sentence(
            text="Valdoria: The exchange is set for October.", frame="Valdoria: "
        ),
        citations=(Span(article_id="a", start=len(FIRST) + 2, end=len(handmade_report.TEXT)),),
    )
    story = handmade_report.story(brief_sentences=(first, second))
    section = replace(story.brief.sections[0], key="stakeholders", title="Key Stakeholders")
    story = replace(story, brief=replace(story.brief, sections=(section,)))
    text = render_markdown(handmade_report.report(stories=(story,)))
    assert f"- **Valdoria**: {FIRST}[^1] The exchange is set for October.[^2]\n" in text
