"""The LLM endpoint's settings, key and missing client: clear messages, nothing configured by
default."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from newsprism.errors import ConfigError, MissingDependencyError
from newsprism.llm import Endpoint, LLMUnavailable, endpoint_from_settings, request_json
from newsprism.settings import Settings, load_settings, make_settings


def test_no_endpoint_unless_one_is_set() -> None:
    assert endpoint_from_settings(Settings()) is None


def test_the_key_comes_from_settings_then_the_environment() -> None:
    settings = make_settings({"llm": "http://127.0.0.1:11434/v1", "llm_model": "llama3.1"})
    env = {"OPENAI_API_KEY": "sk-openai", "NEWSPRISM_LLM_KEY": "sk-newsprism"}
    endpoint = endpoint_from_settings(settings, env)
    assert endpoint is not None and endpoint.key == "sk-newsprism"
    assert endpoint.writer == "llm:llama3.1"
    assert endpoint_from_settings(settings, {"OPENAI_API_KEY": "sk-openai"}).key == "sk-openai"  # type: ignore[union-attr]
    assert endpoint_from_settings(settings, {}).key is None  # type: ignore[union-attr]
    own = make_settings({"llm": "http://h/v1", "llm_model": "m", "llm_key": "sk-file"})
    assert endpoint_from_settings(own, env).key == "sk-file"  # type: ignore[union-attr]


def test_settings_from_the_toml_file(tmp_path: Any) -> None:
    path = tmp_path / "newsprism.toml"
    path.write_text(
        '[newsprism]\nllm = "http://127.0.0.1:8080/v1"\nllm_model = "qwen2.5"\nllm_timeout = 30\n'
    )
    settings = load_settings(path)
    assert (settings.llm, settings.llm_model, settings.llm_timeout) == (
        "http://127.0.0.1:8080/v1",
        "qwen2.5",
        30,
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"llm": "http://127.0.0.1:11434/v1"}, "llm_model is not"),
        ({"llm": "127.0.0.1:11434", "llm_model": "m"}, "base URL"),
        ({"llm": "http://h/v1", "llm_model": "m", "llm_timeout": 0}, "llm_timeout"),
    ],
)
def test_bad_llm_settings_name_the_fix(values: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        make_settings(values)


def test_a_missing_client_names_the_install_command(monkeypatch: Any) -> None:
    monkeypatch.setitem(sys.modules, "openai", None)  # import openai raises ImportError
    endpoint = Endpoint(url="http://127.0.0.1:9/v1", model="m")
    with pytest.raises(MissingDependencyError, match=r"pip install \"newsprism\[llm\]\""):
        request_json(endpoint, [{"role": "user", "content": "hi"}], {"type": "object"}, "x")
    # a run with --llm stops before any work, not after its analysis
    settings = make_settings({"llm": "http://127.0.0.1:9/v1", "llm_model": "m"})
    with pytest.raises(MissingDependencyError, match="the LLM writer"):
        endpoint_from_settings(settings)


def test_a_cached_reply_is_used_without_a_call() -> None:
    class Cache:
        def __init__(self) -> None:
            self.rows: dict[str, str] = {}

        def get_llm_response(self, key: str) -> str | None:
            return self.rows.get(key)

        def put_llm_response(self, key: str, model: str, data: str) -> None:
            self.rows[key] = data

    cache = Cache()
    endpoint = Endpoint(url="http://127.0.0.1:9/v1", model="m", timeout=0.2, retries=0)
    messages = [{"role": "user", "content": "hi"}]
    with pytest.raises(LLMUnavailable, match="cannot connect"):
        request_json(endpoint, messages, {"type": "object"}, "x", cache)
    assert cache.rows == {}  # a failure is not cached
    from newsprism.llm import request_key

    cache.rows[request_key("m", messages, {"type": "object"})] = '{"ok": true}'
    assert request_json(endpoint, messages, {"type": "object"}, "x", cache) == ({"ok": True}, True)
