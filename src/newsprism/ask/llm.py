"""The optional LLM answer: the extractive answer's passages and the next best ones, written up
by a model in its own words, every sentence verified against what it cites.

    sources, withheld = answer_sources(question, answer, index, encoder)
    answer = write_answer(question, answer, sources, texts, endpoint, cache)

Input: a question, its extractive `Answer` (from `answer.answer_question`), the story index,
the articles' texts and an `llm.Endpoint`. Output: the answer with its sentences written by the
model (`writer` = `llm:<model>`) when at least one survives the citation checker, else the
extractive sentences; `answer.llm` says what was generated, kept and rejected, or the one line
saying why the endpoint gave nothing usable. The value, the disagreement flag and the follow-up
questions stay the extractive answer's (they were checked against the passages already).

A refusal stays a refusal: the model is not asked when retrieval found nothing that answers,
so it cannot answer from its own knowledge.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from newsprism.ask.answer import question_vector
from newsprism.ask.index import StoryIndex
from newsprism.ask.query import parse_question
from newsprism.ask.retrieve import rank_passages
from newsprism.llm import (
    RULES,
    SENTENCES_SCHEMA,
    Endpoint,
    LLMUnavailable,
    ResponseCache,
    Source,
    number_sources,
    request_json,
    sources_block,
    verify_written,
    written_sentences,
)
from newsprism.model import Answer, Span, WriterOutcome

if TYPE_CHECKING:
    from newsprism.embedding import Encoder

EXTRA_PASSAGES = 8  # ranked passages given beside the ones the extractive answer cites
ANSWER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"sentences": SENTENCES_SCHEMA},
    "required": ["sentences"],
    "additionalProperties": False,
}


def answer_sources(
    question: str,
    answer: Answer,
    index: StoryIndex,
    texts: Mapping[str, str],
    encoder: Encoder | None = None,
) -> tuple[tuple[Source, ...], tuple[str, ...]]:
    """The numbered passages for the model: the spans the extractive answer cites, then the
    best ranked other passages (`texts`: article id -> text); and the texts withheld as
    instructions to a model."""
    about = {p.article_id: (p.outlet, p.published) for p in index.passages}
    query = parse_question(question, index)
    ranked = rank_passages(query, index, question_vector(query.text, index, encoder))
    spans: list[Span] = [c for s in answer.sentences for c in s.citations]
    spans += [s.passage.span for s in ranked[:EXTRA_PASSAGES]]
    candidates = [
        (span, texts[span.article_id][span.start : span.end], *about[span.article_id])
        for span in spans
        if span.article_id in texts and span.article_id in about
    ]
    return number_sources(candidates)


def write_answer(
    question: str,
    answer: Answer,
    sources: Sequence[Source],
    texts: Mapping[str, str],
    endpoint: Endpoint,
    cache: ResponseCache | None = None,
    *,
    withheld: int = 0,
) -> Answer:
    """The answer in the model's words where they survive verification (see the module
    docstring); a refusal, or an answer with no passages, is returned as it is."""
    if answer.refused or not sources:
        return answer
    outcome = WriterOutcome(writer=endpoint.writer, withheld=withheld)
    messages = [
        {"role": "system", "content": RULES},
        {
            "role": "user",
            "content": (
                f"Question: {' '.join(question.split())}\n"
                "Answer it from the passages below only, in 1 to 3 sentences, the specific "
                "date, name, number or place first. When outlets disagree, give both sides, "
                "each with its outlet. When the passages do not answer it, reply with no "
                "sentences.\n"
                f"{sources_block(sources)}\n"
                'Reply as JSON: {"sentences": [{"text": "...", "passages": [2]}]}'
            ),
        },
    ]
    try:
        data, cached = request_json(endpoint, messages, ANSWER_SCHEMA, "answer", cache)
        items = data.get("sentences") if isinstance(data, dict) else None
        written = written_sentences(items, "sentences", endpoint)
    except LLMUnavailable as exc:
        return replace(answer, llm=replace(outcome, error=str(exc)))
    verified = verify_written(written, sources, texts, writer=endpoint.writer)
    outcome = replace(
        outcome,
        generated=len(written),
        kept=len(verified.kept),
        rejected=verified.rejected,
        rejected_by=tuple(sorted(Counter(verified.kinds).items())),
        fallback=() if verified.kept else ("answer",),
        cached=cached,
    )
    if not verified.kept:
        return replace(answer, llm=outcome)
    return replace(answer, sentences=verified.kept, llm=outcome)
