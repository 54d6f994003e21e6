"""Folder walks and glob patterns that never enter a folder twice.

Input: a folder, or a glob pattern (`*`, `?`, `[…]` within one name, `**` for any number of
folders). Output: the files found, in a stable order (names sorted at each level, depth first:
the order of sorting the paths).

Why not `glob.glob(..., recursive=True)` or `Path.rglob`: both follow a link to a folder every
time they meet it, so a link back up the tree (`self -> ..`) makes them walk without end,
growing memory as they go. Here every folder is entered once, known by its device and inode:
a link to a folder inside the tree is passed over (the folder is walked under its own path),
and a link to a folder outside it is followed once. A file reached by two paths is given once.
As with `glob`, `*`, `?` and `[…]` do not match a name that starts with a dot unless the
pattern's name does, and `**` does not enter hidden folders.
Known limits: folders that cannot be read are passed over silently.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator
from pathlib import Path

_MAGIC = re.compile(r"[*?\[]")


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def walk_files(folder: Path, max_depth: int | None = None) -> Iterator[tuple[Path, int]]:
    """(file, depth below `folder`) for every file below `folder`, each folder entered once;
    `max_depth` 0 gives only the folder's own files."""
    start = _identity(str(folder))
    if start is None:
        return
    inside = _folders_without_links(folder, max_depth)
    given: set[tuple[int, int]] = set()
    yield from _walk(folder, 0, max_depth, {start}, inside, given)


def _folders_without_links(folder: Path, max_depth: int | None) -> set[tuple[int, int]]:
    """Identities of the folders below `folder` reached without following a link."""
    found: set[tuple[int, int]] = set()
    stack = [(str(folder), 0)]
    while stack:
        path, depth = stack.pop()
        if max_depth is not None and depth >= max_depth:
            continue
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        info = entry.stat(follow_symlinks=False)
                        if (info.st_dev, info.st_ino) not in found:
                            found.add((info.st_dev, info.st_ino))
                            stack.append((entry.path, depth + 1))
        except OSError:
            continue
    return found


def _walk(
    folder: Path,
    depth: int,
    max_depth: int | None,
    entered: set[tuple[int, int]],
    inside: set[tuple[int, int]],
    given: set[tuple[int, int]],
) -> Iterator[tuple[Path, int]]:
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError:
        return
    for name in names:
        path = folder / name
        identity = _identity(str(path))
        if identity is None:
            continue  # a broken link, or gone since the listing
        if path.is_dir():
            if identity in entered or (max_depth is not None and depth >= max_depth):
                continue
            if path.is_symlink() and identity in inside:
                continue  # walked under its own path
            entered.add(identity)
            yield from _walk(path, depth + 1, max_depth, entered, inside, given)
        elif path.is_file() and identity not in given:
            given.add(identity)
            yield path, depth


def folder_files(folder: Path) -> Iterator[Path]:
    """Every file below `folder` whose path below it has no hidden part (see `walk_files`)."""
    for path, _depth in walk_files(folder):
        if not any(part.startswith(".") for part in path.relative_to(folder).parts):
            yield path


def glob_files(pattern: str) -> list[Path]:
    """The files `pattern` matches (as `glob.glob(pattern, recursive=True)` gives them, less
    folders, and ending however the folder tree loops)."""
    parts = pattern.split("/")
    literal = 0
    while literal < len(parts) - 1 and not _MAGIC.search(parts[literal]):
        literal += 1
    base_parts, rest = parts[:literal], parts[literal:]
    if pattern.startswith("/"):
        base = Path("/" + "/".join(base_parts[1:]))
    else:
        base = Path("/".join(base_parts)) if base_parts else Path(".")
    if not _MAGIC.search(rest[-1]) and len(rest) == 1:
        candidate = base / rest[0]
        return [candidate] if candidate.is_file() else []
    recursive = "**" in rest
    depth_limit = None if recursive else len(rest) - 1
    found = []
    for path, _depth in walk_files(base, depth_limit):
        relative = path.relative_to(base).parts
        if _matches(rest, list(relative)):
            found.append(path if base_parts else Path(*relative))
    return sorted(found)


def _matches(pattern: list[str], names: list[str]) -> bool:
    """Whether the names of a relative path match the pattern's parts, `**` spanning folders."""
    if not pattern:
        return not names
    head = pattern[0]
    if head == "**":
        # zero folders, or one more (not a hidden one) and still inside the `**`
        if _matches(pattern[1:], names):
            return True
        return bool(names) and not names[0].startswith(".") and _matches(pattern, names[1:])
    if not names:
        return False
    name = names[0]
    if name.startswith(".") and not head.startswith("."):
        return False
    return fnmatch.fnmatchcase(name, head) and _matches(pattern[1:], names[1:])
