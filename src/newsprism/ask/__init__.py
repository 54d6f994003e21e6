"""Grounded questions and answers over a stored story, with span citations.

    index = index_story(story, articles, annotations, encoder, store)   # built once, stored
    answer = answer_question("When did the talks open?", index, encoder)
    answer = ask("Who mediated?", store, settings)                       # the stored index

Answers come from the story's articles only: the sentences or clauses that answer, verbatim,
merged across outlets that agree and set side by side where they disagree, each citing its
spans; the specific date, name, number or place first for when / who / how-many / where
questions; "the sources don't say" with the closest passages when nothing answers. See
`index.py` (what is stored), `query.py` (reading the question), `answer.py` (retrieval and
composition), `questions.py` (suggested and follow-up questions) and `llm.py` (the optional
LLM writer: the answer in a model's words, each sentence checked against its citations).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsprism.ask.answer import answer_question, answer_text
from newsprism.ask.index import StoryIndex, index_story, load_index
from newsprism.ask.questions import suggest_questions
from newsprism.errors import NewsprismError
from newsprism.llm import endpoint_from_settings
from newsprism.model import Answer
from newsprism.render.contract import answer_dict

if TYPE_CHECKING:
    from newsprism.settings import Settings
    from newsprism.store import Store

__all__ = [
    "StoryIndex",
    "answer_dict",
    "answer_question",
    "answer_text",
    "ask",
    "index_story",
    "load_index",
    "load_story_index",
    "suggest_questions",
]


def ask(question: str, store: Store, settings: Settings, story_id: str | None = None) -> Answer:
    """Answer `question` from a stored story's index: the story `story_id` (a full id or a
    unique prefix), else the most recently reported story that has an index."""
    index = load_story_index(store, story_id)
    encoder = None
    if index.encoder_id is not None:
        from newsprism.cluster.embed import Encoder

        candidate = Encoder(settings.embedding_model)
        if candidate.id == index.encoder_id:
            encoder = candidate  # another model's vectors cannot be compared: BM25 alone
    answer = answer_question(question, index, encoder)
    endpoint = endpoint_from_settings(settings)
    if endpoint is not None and not answer.refused:  # the optional LLM writer (`ask/llm.py`)
        from newsprism.ask.llm import answer_sources, write_answer

        ids = list(dict.fromkeys(p.article_id for p in index.passages))
        texts = {a.id: a.text for a in store.get_articles(ids)}
        sources, withheld = answer_sources(question, answer, index, texts, encoder)
        answer = write_answer(
            question, answer, sources, texts, endpoint, store, withheld=len(withheld)
        )
    return answer


def load_story_index(store: Store, story_id: str | None = None) -> StoryIndex:
    """The stored index of a story; a `NewsprismError` that names the fix when there is none."""
    fix = f"run `newsprism analyze INPUT --db {store.path}` first"
    if story_id:
        wanted = _resolve(store, story_id)
        data = store.get_story_index(wanted)
        if data is None:
            raise NewsprismError(
                f"story {story_id} has no question-answering index in {store.path}; {fix}"
                " (`newsprism stories --db FILE` lists the stored stories)"
            )
        return _load(data, store, fix)
    for sid in [*store.reported_stories(), *(s.id for s in store.stories())]:
        data = store.get_story_index(sid)
        if data is not None:
            return _load(data, store, fix)
    raise NewsprismError(f"{store.path} holds no analysed story to ask about; {fix}")


def _resolve(store: Store, story_id: str) -> str:
    if store.get_story_index(story_id) is not None:
        return story_id
    ids = {*store.reported_stories(), *(s.id for s in store.stories(include_merged=True))}
    matches = sorted(i for i in ids if i.startswith(story_id))
    if len(matches) > 1:
        raise NewsprismError(
            f"story id {story_id!r} matches {len(matches)} stories ({', '.join(matches[:4])}…); "
            "give more of it"
        )
    return matches[0] if matches else story_id


def _load(data: bytes, store: Store, fix: str) -> StoryIndex:
    try:
        return load_index(data)
    except ValueError as exc:
        raise NewsprismError(
            f"{store.path}: the stored question-answering index cannot be read ({exc}); "
            f"{fix.replace('run', 're-run')}"
        ) from exc
