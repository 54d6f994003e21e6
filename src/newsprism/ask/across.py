"""Asking without naming a story: the stored story whose sources answer best.

Input: a question, the store and the stories to consider (`catalog.rank_for_question`
picks the few whose titles and entity names share the question's words). Output: the
`Answer` from the story whose best passage scores highest, with `story_id` naming it, so a
reader always sees which story answered. Each candidate's stored index is read once; only
the chosen story's answer computes follow-up questions.

Limits: the candidates are chosen by words, so a question that names nothing in any story's
title or entities is tried against the most recently analysed story only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from newsprism.ask.answer import answer_question, question_vector, scored_answer
from newsprism.ask.query import parse_question
from newsprism.errors import NewsprismError
from newsprism.model import Answer

if TYPE_CHECKING:
    from newsprism.ask.index import StoryIndex
    from newsprism.cluster.embed import Encoder
    from newsprism.store import Store


def ask_across(
    question: str,
    store: Store,
    story_ids: Sequence[str],
    encoder: Encoder | None = None,
    load: Callable[[Store, str], StoryIndex] | None = None,
) -> Answer:
    """Answer `question` from whichever of `story_ids` (stored, analysed stories, best
    guesses first) answers it best; a refusal from the first when none does. `load` reads
    a story's index (default `ask.load_story_index`; a caller that keeps loaded indexes
    passes its own)."""
    from newsprism.ask import load_story_index

    load = load or load_story_index
    if not story_ids:
        raise NewsprismError(
            f"{store.path} holds no analysed story to ask about; "
            f"run `newsprism analyze INPUT --db {store.path}` first"
        )
    best = None
    for story_id in story_ids:
        index = load(store, story_id)
        query = parse_question(question, index)
        _, score = scored_answer(query, index, question_vector(query.text, index, encoder))
        if best is None or score > best[0]:
            best = (score, index)
    assert best is not None
    return answer_question(question, best[1], encoder)
