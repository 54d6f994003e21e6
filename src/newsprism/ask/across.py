"""Asking without naming a story: the story whose sources answer best.

Input: a question and the indexes of the stories to consider, likeliest first (the web app
picks a few with `catalog.rank_for_question` and loads their stored indexes lazily, so an
index is read only when it is tried). Output: the `Answer` from the story whose best passage
scores highest, with `story_id` naming it, so a reader always sees which story answered;
only the chosen story's answer computes follow-up questions.

Limits: every candidate is scored in full, so the cost grows with the number of candidates;
a question whose story is not among them is answered from the best of the others (or
refused).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsprism.ask import answer_question  # the package puts the modules together
from newsprism.ask.answer import question_vector, scored_answer
from newsprism.ask.index import StoryIndex
from newsprism.ask.query import parse_question
from newsprism.model import Answer

if TYPE_CHECKING:
    from newsprism.embedding import Encoder


def answer_across(
    question: str, indexes: Iterable[StoryIndex], encoder: Encoder | None = None
) -> Answer | None:
    """The answer to `question` from whichever of `indexes` answers it best (a refusal from
    the first when none does); None when there is no index at all."""
    best: tuple[float, StoryIndex] | None = None
    for index in indexes:
        query = parse_question(question, index)
        _, score = scored_answer(query, index, question_vector(query.text, index, encoder))
        if best is None or score > best[0]:
            best = (score, index)
    return None if best is None else answer_question(question, best[1], encoder)
