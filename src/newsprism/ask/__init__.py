"""Grounded questions and answers over a stored story, with span citations.

    index = index_story(story, articles, annotations, encoder, cache)   # stored by the pipeline
    answer = answer_question("When did the talks open?", index, encoder)

Answers come from the story's articles only: the sentences or clauses that answer, verbatim,
merged across outlets that agree and set side by side where they disagree, each citing its
spans; the specific date, name, number or place first for when / who / how-many / where
questions; "the sources don't say" with the closest passages when nothing answers. The
modules, each importing only those before it: `terms.py` (words and stems), `index.py` (what
is stored), `query.py` (reading the question), `retrieve.py` (candidate passages and their
scores), `answer.py` (composing the answer or the refusal), `questions.py` (suggested and
follow-up questions) and `llm.py` (the optional LLM writer: the answer in a model's words, each
sentence checked against its citations); this package puts them together. Answering a stored story
(`newsprism.pipeline.ask`) reads its index from the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from newsprism.ask.answer import answer_query, answer_text, question_vector
from newsprism.ask.index import (
    StoryIndex,
    Vectors,
    build_index,
    dump_index,
    index_key,
    load_index,
)
from newsprism.ask.query import parse_question
from newsprism.ask.questions import candidate_pool, follow_up_questions, suggest_questions
from newsprism.model import Annotation, Answer, Article, Story, TimeAnchor

if TYPE_CHECKING:
    from newsprism.embedding import Encoder, VectorCache

__all__ = [
    "StoryIndex",
    "answer_question",
    "answer_text",
    "dump_index",
    "index_key",
    "index_story",
    "load_index",
    "suggest_questions",
    "suggested_answers",
]

SUGGESTED = 6  # suggested questions answered when an index is built (the report shows them)


def index_story(
    story: Story,
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    encoder: Encoder | None,
    cache: VectorCache | None = None,
    *,
    anchored: Mapping[str, Sequence[TimeAnchor]] | None = None,
) -> StoryIndex:
    """The story's index (`index.build_index`) with its pool of questions that it answers
    (`questions.candidate_pool`), their vectors, and the answers to the first `SUGGESTED` of
    them (follow-ups included), kept with the index so that they are worked out once per
    version of the story. Text vectors are read from and put into `cache`; `anchored` (article
    id -> the extract stage's time anchors) tells what each date dates; storing the index
    itself, under `index_key`, is the pipeline's job."""
    index = build_index(
        story,
        articles,
        annotations,
        encoder,
        cache,
        key=index_key(story, articles, annotations, encoder, anchored),
        anchored=anchored,
    )
    questions = tuple(candidate_pool(index, encoder))
    index = replace(
        index, questions=questions, question_vectors=_question_vectors(questions, index, encoder)
    )
    answers = tuple(answer_question(q, index, encoder) for q in questions[:SUGGESTED])
    return replace(index, answers=answers)


def suggested_answers(
    index: StoryIndex, encoder: Encoder | None, limit: int = SUGGESTED
) -> list[Answer]:
    """The answers (with follow-ups) to the story's first `limit` suggested questions: those
    stored with the index when it was built (`index_story`), so a re-run over an unchanged
    story answers nothing and encodes nothing; worked out here only for questions past them."""
    questions = suggest_questions(index, limit=limit)
    stored = {a.question: a for a in index.answers}
    return [stored.get(q) or answer_question(q, index, encoder) for q in questions]


def _question_vectors(
    questions: Sequence[str], index: StoryIndex, encoder: Encoder | None
) -> Vectors | None:
    if encoder is None or index.vectors is None or not questions:
        return None
    vectors: Vectors = encoder.encode([" ".join(q.split()) for q in questions])
    return vectors


def answer_question(
    question: str,
    index: StoryIndex,
    encoder: Encoder | None = None,
    *,
    follow_ups: bool = True,
) -> Answer:
    """What the story's sources say to `question` (see `answer.py`), with follow-up questions
    from the index's pool that it also answers."""
    query = parse_question(question, index)
    vector = question_vector(query.text, index, encoder)
    answer = answer_query(query, index, vector)
    if follow_ups:
        found = follow_up_questions(answer, query, index, encoder)
        answer = replace(answer, follow_ups=tuple(found))
    return answer
