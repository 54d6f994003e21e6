"""`newsprism serve`: its options, the warning for a non-local address, and the message
when the web extra is missing. uvicorn itself is replaced by a recorder here (the browser
tests run the real server)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsprism.cli import main


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_serves_on_localhost_by_default(runs: list[dict[str, Any]], tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 0, result.output
    assert runs[0]["host"] == "127.0.0.1" and runs[0]["port"] == 8000
    assert "warning" not in result.output
    assert "http://127.0.0.1:8000/" in result.output


def test_another_address_warns(runs: list[dict[str, Any]], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["serve", "--db", str(tmp_path / "n.db"), "--host", "0.0.0.0", "--port", "9000"]
    )
    assert result.exit_code == 0
    assert runs[0]["host"] == "0.0.0.0" and runs[0]["port"] == 9000
    assert "warning: listening on 0.0.0.0" in result.output and "--token" in result.output


def test_token_from_the_environment(
    runs: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    monkeypatch.setenv("NEWSPRISM_TOKEN", "from-env")
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "n.db")])
    assert result.exit_code == 0
    with TestClient(runs[0]["app"]) as client:
        assert client.get("/healthz").status_code == 401
        auth = {"Authorization": "Bearer from-env"}
        assert client.get("/healthz", headers=auth).json() == {"status": "ok", "stories": 0}


def test_missing_web_extra_names_the_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # makes `import uvicorn` fail
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "n.db")])
    assert result.exit_code != 0
    assert 'pip install "newsprism[web]"' in str(result.exception)
