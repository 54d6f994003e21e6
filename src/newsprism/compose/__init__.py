"""Composition: what a reader reads — the merged timeline, the six-section brief, the
positions matrix and the suggested questions, every sentence cited.

    story = compose_story(story, articles, annotations, extractions, encoder, cache)
    story = with_questions(story, questions)            # answers from the ask stage

Input: a story after the compare stage, with its articles, annotations and extractions.
Output: the story with `timeline` (`timeline.py`) and `brief` (`brief.py`: sections; the
positions matrix here). Every brief sentence passes the citation checker
(`newsprism.citations`) when it is written; one that would not is left out, never weakened.
With an LLM endpoint configured, `llm.write_brief` rewrites the sections in a model's words
afterwards, under the same checker.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from newsprism.citations import check_report, check_sentence
from newsprism.compose.brief import BRIEF_WORDS, SECTIONS, compose_sections
from newsprism.compose.sections import DEMANDS, OFFERS, RED_LINES
from newsprism.compose.timeline import build_timeline, reader_timeline
from newsprism.confidence import FLOORS, shown
from newsprism.model import Answer, Article, Brief, MatrixRow, Position, Story

if TYPE_CHECKING:
    from newsprism.embedding import Encoder, VectorCache
    from newsprism.model import Annotation, ArticleExtraction

__all__ = [
    "SECTIONS",
    "build_timeline",
    "check_report",
    "check_sentence",
    "compose_story",
    "positions_matrix",
    "reader_timeline",
    "with_questions",
]


def compose_story(
    story: Story,
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    extractions: Sequence[ArticleExtraction],
    encoder: Encoder,
    cache: VectorCache | None = None,
    words: int = BRIEF_WORDS,
) -> Story:
    """The story with its merged timeline and its brief (sections in at most `words` words,
    and the positions matrix)."""
    timeline = build_timeline(story, articles, annotations, encoder, extractions, cache)
    story = replace(story, timeline=timeline)
    # a reader sees only the positions sure enough (confidence.FLOORS.position); the rest
    # stay on the story, and in report.json, with their confidence
    shown_positions = tuple(p for p in story.positions if shown(p.confidence, FLOORS.position))
    sections, rejected = compose_sections(
        replace(story, positions=shown_positions),
        articles,
        annotations,
        extractions,
        reader_timeline(timeline),
        encoder,
        cache,
        words,
    )
    brief = Brief(sections=sections, matrix=positions_matrix(shown_positions), rejected=rejected)
    return replace(story, brief=brief)


def positions_matrix(positions: Sequence[Position]) -> tuple[MatrixRow, ...]:
    """Actors × (demands, offers, red lines): position ids per cell, the actors whose
    positions most articles state first."""
    cells: dict[str, dict[str, list[Position]]] = defaultdict(lambda: defaultdict(list))
    for p in positions:
        column = (
            "demands"
            if p.kind in DEMANDS
            else "offers"
            if p.kind in OFFERS and p.kind != "supports"  # backing something is not offering it
            else "red_lines"
            if p.kind in RED_LINES
            else None
        )
        stance = " ".join(p.stance.casefold().split())
        if column and all(
            " ".join(q.stance.casefold().split()) != stance for q in cells[p.actor][column]
        ):
            cells[p.actor][column].append(p)  # one stance once per cell ("demand", "condition")

    def weight(actor: str) -> int:
        return len({s for ps in cells[actor].values() for p in ps for s in p.sources})

    return tuple(
        MatrixRow(
            actor=actor,
            demands=tuple(p.id for p in cells[actor]["demands"]),
            offers=tuple(p.id for p in cells[actor]["offers"]),
            red_lines=tuple(p.id for p in cells[actor]["red_lines"]),
        )
        for actor in sorted(cells, key=lambda a: (-weight(a), a))
    )


def with_questions(story: Story, questions: Sequence[Answer]) -> Story:
    """The story with suggested questions (and their answers) on its brief."""
    brief = story.brief or Brief(sections=())
    return replace(story, brief=replace(brief, questions=tuple(questions)))
