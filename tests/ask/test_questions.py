"""Suggested questions: built from the story, each answered by its sources."""

from __future__ import annotations

from typing import Any

from newsprism.ask import StoryIndex, answer_question, suggest_questions
from newsprism.ask.answer import VALUE_KINDS
from newsprism.ask.query import parse_question


def test_suggestions_are_answered(index: StoryIndex, encoder: Any) -> None:
    questions = suggest_questions(index)
    assert 3 <= len(questions) <= 6 and len(set(questions)) == len(questions)
    for q in questions:
        answer = answer_question(q, index, encoder, follow_ups=False)
        assert not answer.refused, q
        if parse_question(q, index).kind in VALUE_KINDS:
            assert answer.value is not None, q


def test_suggestions_come_from_the_story(index: StoryIndex) -> None:
    questions = suggest_questions(index, limit=20)
    assert "What does Ilse Marek demand?" in questions  # the stored position
    assert "How many detainees?" in questions  # the count the outlets dispute
    assert any(q.startswith("What happened on ") for q in questions)
    assert len(suggest_questions(index, limit=2)) == 2


def test_suggestions_without_a_stored_pool(index: StoryIndex) -> None:
    import dataclasses

    bare = dataclasses.replace(index, questions=(), question_vectors=None)
    assert suggest_questions(bare)  # built on the spot, BM25 alone
