"""Two runs on one store: the second is refused with a clear message while the first writes,
and runs once it is done (two real processes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.errors import StoreError
from newsprism.runlock import run_lock

SRC = str(Path(__file__).resolve().parents[1] / "src")
ENV = {**os.environ, "PYTHONPATH": SRC, "OMP_NUM_THREADS": "1"}
HOLDER = """
import sys
from newsprism.runlock import run_lock
with run_lock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.readline()  # hold the lock until the test says so
"""
ARTICLE = "---\nsource: Wire\ntitle: Talks\n---\nThe talks opened on Monday in Corvale.\n"


def _newsprism(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsprism", *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
    )


def test_a_second_run_on_a_store_in_use_is_refused_clearly_then_runs(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    (tmp_path / "a.txt").write_text(ARTICLE)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, db],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        refused = _newsprism("ingest", str(tmp_path / "a.txt"), "--db", db, "--offline")
        assert refused.returncode == 1
        assert f"{db}: another newsprism run is writing to this store (pid {holder.pid}" in (
            refused.stderr
        )
        assert "wait for it to finish, or give this run another --db" in refused.stderr
        out = str(tmp_path / "out")
        analyzing = _newsprism("analyze", str(tmp_path / "a.txt"), "--db", db, "--out", out)
        assert analyzing.returncode == 1
        assert "another newsprism run is writing to this store" in analyzing.stderr
        assert not (tmp_path / "out").exists()
        # reading commands do not wait for the lock
        assert _newsprism("articles", "--db", db).returncode == 0
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=60)
    done = _newsprism("ingest", str(tmp_path / "a.txt"), "--db", db, "--offline")
    assert done.returncode == 0, done.stderr
    assert "1 articles (1 new" in done.stderr


def test_the_lock_is_reentrant_in_one_process_and_released_after(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    with run_lock(db), run_lock(db):  # analyze holds it across its own ingest
        pass
    with run_lock(db):  # released: taken again at once
        pass
    assert run_lock(":memory:") is not None


def test_a_lock_held_elsewhere_is_a_store_error(tmp_path: Path) -> None:
    import fcntl

    db = str(tmp_path / "news.db")
    with open(db + ".lock", "w") as other:  # another open file description: another holder
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(StoreError, match="another newsprism run"), run_lock(db):
            pass
