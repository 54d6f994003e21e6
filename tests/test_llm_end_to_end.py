"""`newsprism analyze --llm` end to end on the invented corpus (slow: the real pipeline), with a
fake OpenAI-compatible server on 127.0.0.1 that rewrites nothing (it returns the draft's passages
as its sentences): the report passes the contract and the check with the model's sentences in
it, a re-run makes no call, and an endpoint that is down ends with the extractive brief and one
line on stderr."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from fake_llm import FakeLLM, Reply, passages, prompt_of
from support import EXAMPLE, assert_valid_report, run_cli

pytestmark = pytest.mark.slow


def _echo(request: dict[str, Any]) -> Reply:
    """Each section of the draft as its passages, word for word, each citing itself."""
    prompt = [m["content"] for m in request["messages"] if m["role"] == "user"][0]
    given = passages(prompt_of(request))
    sections: dict[str, list[dict[str, Any]]] = {}
    for m in re.finditer(r"^- (\w+): (P\d+(?:, P\d+)*)$", prompt, re.MULTILINE):
        numbers = [int(n[1:]) for n in m.group(2).split(", ")]
        sections[m.group(1)] = [{"text": given[n], "passages": [n]} for n in numbers]
    return Reply(content=json.dumps({"sections": sections}))


def _writers(report: dict[str, Any]) -> set[str]:
    return {
        s["writer"]
        for story in report["stories"]
        for section in story["brief"]["sections"]
        for s in section["sentences"]
    }


def test_analyze_with_an_endpoint_and_without_one(tmp_path: Path) -> None:
    config = tmp_path / "newsprism.toml"
    config.write_text("[newsprism]\nllm_retries = 1\nllm_backoff = 0.01\nllm_timeout = 10\n")
    db = str(tmp_path / "news.db")
    common = ["--db", db, "--config", str(config), "--today", "2026-01-01", "--format", "json"]
    with FakeLLM(_echo) as fake:
        flags = ["--llm", fake.url, "--llm-model", "echo"]
        first = run_cli("analyze", str(EXAMPLE), "--out", str(tmp_path / "a"), *common, *flags)
        assert first.returncode == 0, first.stderr
        calls = len(fake.requests)
        again = run_cli("analyze", str(EXAMPLE), "--out", str(tmp_path / "b"), *common, *flags)
        assert again.returncode == 0, again.stderr
        assert len(fake.requests) == calls  # every reply came from the store
        url = fake.url
    report = json.loads((tmp_path / "a" / "report.json").read_text())
    assert_valid_report(report)
    assert calls == len(report["stories"]) and "llm:" not in first.stderr
    assert "llm:echo" in _writers(report)
    main = max(report["stories"], key=lambda s: len(s["article_ids"]))
    assert main["brief"]["llm"]["kept"] > 0 and main["brief"]["generator"] == "llm:echo"
    rerun = json.loads((tmp_path / "b" / "report.json").read_text())
    for story, same in zip(report["stories"], rerun["stories"], strict=True):
        assert same["brief"]["sections"] == story["brief"]["sections"]
        assert same["brief"]["llm"]["cached"] and not story["brief"]["llm"]["cached"]
    check = run_cli("check", str(tmp_path / "a" / "report.json"))
    assert check.returncode == 0, check.stdout

    down = run_cli(
        "analyze",
        str(EXAMPLE),
        "--out",
        str(tmp_path / "c"),
        *common,
        "--llm",
        url,
        "--llm-model",
        "other",
    )
    assert down.returncode == 0, down.stderr
    lines = [line for line in down.stderr.splitlines() if line.startswith("llm:")]
    assert len(lines) == 1 and "cannot connect" in lines[0], down.stderr
    assert lines[0].endswith("the brief is extractive")
    extractive = json.loads((tmp_path / "c" / "report.json").read_text())
    assert_valid_report(extractive)
    assert _writers(extractive) == {"extractive"}
