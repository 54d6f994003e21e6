"""The web app's ask takes the same LLM path as `ask --llm` when the settings name an endpoint
(a fake OpenAI-compatible server on 127.0.0.1 that answers with the first passage it is given)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from fake_llm import FakeLLM, Reply, passages, prompt_of
from web_support import web_settings


def _first_passage(request: dict[str, Any]) -> Reply:
    given = passages(prompt_of(request))
    first = min(given)
    return Reply(content=json.dumps({"sentences": [{"text": given[first], "passages": [first]}]}))


def test_the_web_ask_uses_the_llm_writer(web_db: Path) -> None:
    from fastapi.testclient import TestClient

    from newsprism.web.app import create_app

    with FakeLLM(_first_passage) as fake:
        settings = replace(web_settings(web_db), llm=fake.url, llm_model="fake-7b", llm_retries=0)
        with TestClient(create_app(settings)) as client:
            answer = client.get(
                "/ask",
                params={"q": "Who mediated the talks?"},
                headers={"Accept": "application/json"},
            ).json()
    assert len(fake.requests) == 1
    assert [s["writer"] for s in answer["sentences"]] == ["llm:fake-7b"]
    assert answer["llm"]["kept"] == 1 and answer["llm"]["error"] is None
