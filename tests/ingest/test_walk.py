"""Folder walks and globs end, whatever links the tree holds, and find each file once."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest

from newsprism.ingest import expand_inputs
from newsprism.ingest.walk import folder_files, glob_files


@pytest.fixture()
def looped(tmp_path: Path) -> Path:
    """dir/a.txt, dir/sub/b.txt, dir/sub/.hidden/c.txt, dir/.d.txt, and links back up:
    dir/self -> .., dir/sub/up -> .., dir/sub/twin -> ../sub."""
    root = tmp_path / "dir"
    (root / "sub" / ".hidden").mkdir(parents=True)
    (root / "a.txt").write_text("a")
    (root / ".d.txt").write_text("d")
    (root / "sub" / "b.txt").write_text("b")
    (root / "sub" / ".hidden" / "c.txt").write_text("c")
    os.symlink("..", root / "self")
    os.symlink("..", root / "sub" / "up")
    os.symlink("../sub", root / "sub" / "twin")
    return root


def test_a_recursive_glob_through_a_link_loop_ends_and_finds_each_file_once(
    looped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(looped.parent)
    assert glob_files("dir/**/*.txt") == [Path("dir/a.txt"), Path("dir/sub/b.txt")]
    assert glob_files(str(looped) + "/**/*.txt") == [looped / "a.txt", looped / "sub/b.txt"]


def test_a_folder_walk_through_a_link_loop_ends(looped: Path) -> None:
    assert list(folder_files(looped)) == [looped / "a.txt", looped / "sub/b.txt"]


def test_glob_agrees_with_the_standard_glob_where_there_is_no_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("x/a.txt", "x/b.md", "x/y/c.txt", "x/y/z/d.txt", "x/.h/e.txt", "x/y/.f.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    os.symlink("y", tmp_path / "x" / "link")  # a link to a folder inside: walked as x/y only
    monkeypatch.chdir(tmp_path)
    for pattern in ("x/*.txt", "x/**/*.txt", "x/*/*.txt", "x/y/*", "x/**", "x/?.md", "x/[ab].*"):
        ours = [str(p) for p in glob_files(pattern)]
        theirs = sorted(p for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
        # the standard glob walks the linked folder twice, under both names; ours once
        theirs = [p for p in theirs if "/link/" not in p]
        assert ours == theirs, pattern


def test_a_link_to_a_folder_outside_the_tree_is_followed(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "o.txt").write_text("o")
    (tmp_path / "tree").mkdir()
    os.symlink(tmp_path / "outside", tmp_path / "tree" / "elsewhere")
    os.symlink(tmp_path / "outside", tmp_path / "tree" / "elsewhere-again")
    assert list(folder_files(tmp_path / "tree")) == [tmp_path / "tree/elsewhere/o.txt"]


def test_inputs_name_a_looped_folder_and_glob_and_both_end(looped: Path) -> None:
    sources = list(expand_inputs([str(looped), str(looped) + "/**/*.txt"]))
    names = [Path(getattr(s, "name", "")).name for s in sources]
    assert names == ["a.txt", "b.txt", "a.txt", "b.txt"]
