"""`ask --llm`: the answer in a model's words through the same verification as the brief, the
extractive answer kept when nothing it writes survives or the endpoint fails, refusals never
sent to the model."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from fake_llm import FakeLLM, Reply, cite, prompt_of, sentences_json
from newsprism.cli import main
from newsprism.ingest.dedup import Shingler, band_keys, to_bytes
from newsprism.model import Article
from newsprism.pipeline import ask, story_index
from newsprism.settings import Settings
from newsprism.store import Store

QUESTION = "When did the talks open?"


def _stored(store: Store, story: Any, encoder: Any) -> None:
    s, articles, annotations = story
    rows = []
    for a in articles:
        signature = Shingler().signature(a.text)
        rows.append((a, "hash-" + a.id, to_bytes(signature), band_keys(signature)))
    store.put_articles(rows)
    story_index(s, articles, annotations, encoder, store)
    store.put_story_report(s.id, "k", json.dumps({"id": s.id}))


def _settings(settings: Settings, fake_url: str, **kw: Any) -> Settings:
    values = {"llm": fake_url, "llm_model": "fake-7b", "llm_timeout": 5.0, "llm_retries": 0}
    return replace(settings, **{**values, **kw})


def _answering(text: str, needle: str) -> Any:
    def reply(request: dict[str, Any]) -> Reply:
        prompt = prompt_of(request)
        return Reply(
            content=json.dumps({"sentences": [{"text": text, "passages": cite(prompt, needle)}]})
        )

    return reply


def test_a_supported_answer_is_the_models(
    store: Store, settings: Settings, story: Any, encoder: Any
) -> None:
    _stored(store, story, encoder)
    extractive = ask(QUESTION, store, settings)
    text = "The talks opened in Geneva on Tuesday, hosted by Switzerland."
    with FakeLLM(_answering(text, "talks opened on Tuesday")) as fake:
        answer = ask(QUESTION, store, _settings(settings, fake.url))
        again = ask(QUESTION, store, _settings(settings, fake.url))
        assert len(fake.requests) == 1  # the second asking read the cached reply
    assert [s.text for s in answer.sentences] == [text]
    assert answer.sentences[0].writer == "llm:fake-7b"
    assert answer.value == extractive.value == "2025-09-09"  # the value stays the checked one
    assert answer.follow_ups == extractive.follow_ups
    assert answer.llm is not None and (answer.llm.generated, answer.llm.kept) == (1, 1)
    assert again.llm is not None and again.llm.cached and again.sentences == answer.sentences
    prompt = prompt_of(fake.requests[0])
    assert QUESTION in prompt and "hosted by Switzerland" in prompt


def test_an_unsupported_answer_leaves_the_extractive_one(
    store: Store, settings: Settings, story: Any, encoder: Any
) -> None:
    _stored(store, story, encoder)
    extractive = ask(QUESTION, store, settings)
    with FakeLLM(_answering("The talks opened in Geneva on Monday.", "talks opened")) as fake:
        answer = ask(QUESTION, store, _settings(settings, fake.url))
    assert answer.sentences == extractive.sentences
    assert all(s.writer == "extractive" for s in answer.sentences)
    assert answer.llm is not None and dict(answer.llm.rejected_by) == {"date": 1}
    assert answer.llm.fallback == ("answer",)


def test_a_refusal_is_never_sent_to_the_model(
    store: Store, settings: Settings, story: Any, encoder: Any
) -> None:
    _stored(store, story, encoder)
    with FakeLLM(lambda request: Reply(content=sentences_json(prompt_of(request), {}))) as fake:
        answer = ask("What did China say about the talks?", store, _settings(settings, fake.url))
    assert answer.refused and fake.requests == [] and answer.llm is None


def test_the_command_says_in_one_line_that_the_endpoint_failed(
    tmp_path: Path, story: Any, encoder: Any, monkeypatch: Any
) -> None:
    db = tmp_path / "news.db"
    with Store(db) as store:
        _stored(store, story, encoder)
    # the retry settings from newsprism.toml, the endpoint from the flags
    (tmp_path / "newsprism.toml").write_text("[newsprism]\nllm_retries = 2\nllm_backoff = 0.01\n")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    plain = runner.invoke(main, ["ask", QUESTION, "--db", str(db)], standalone_mode=False)
    with FakeLLM(lambda request: Reply(status=500, content="out of memory")) as fake:
        result = runner.invoke(
            main,
            ["ask", QUESTION, "--db", str(db), "--llm", fake.url, "--llm-model", "fake-7b"],
            standalone_mode=False,
        )
    assert result.exception is None, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("llm:")]
    assert len(lines) == 1 and "HTTP 500: out of memory (3 tries)" in lines[0]
    assert len(fake.requests) == 3
    assert lines[0].endswith("the answer is extractive")
    assert result.stdout == plain.stdout


def test_articles_of_the_answer_are_read_from_the_store(
    store: Store, settings: Settings, story: Any, encoder: Any
) -> None:
    """The passages given are the stored articles' words at the cited offsets."""
    _stored(store, story, encoder)
    with FakeLLM(_answering("The talks opened on Tuesday in Geneva.", "talks opened")) as fake:
        ask(QUESTION, store, _settings(settings, fake.url))
    prompt = prompt_of(fake.requests[0])
    articles: list[Article] = story[1]
    texts = [a.text for a in articles]
    given = [line.split(") ", 1)[1] for line in prompt.splitlines() if line.startswith("[P")]
    assert given and all(any(g in t for t in texts) for g in given)
