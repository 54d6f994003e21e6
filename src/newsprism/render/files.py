"""Writing an output file so that it appears whole or not at all.

Input: a path and its bytes or text. Output: the file, created aside under a hidden name in
the same folder and renamed over `path`, so a reader never sees half a file and a crash
leaves the old one. The file gets the permissions any program's new file gets (0666 less the
umask, usually 0644): `tempfile.mkstemp` would make it 0600, unreadable to the rest of a team.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_file(path: Path, data: bytes | str) -> None:
    """Write `data` (text as UTF-8) to `path` atomically, with the umask's permissions."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the kernel applies umask
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
