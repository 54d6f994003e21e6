"""Who published an article and in what language.

Input: a draft's declared metadata, its URL and its input name. Output: an outlet name and a
language code. The outlet comes from, in order: what the input declares (front matter, a JSON
field, the `sources.toml` sidecar), the page's site name, the URL's domain, and last the file
name. Known limits: a syndicating site's domain names the syndicator, not the wire agency.
"""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsprism.errors import BadInputError

SIDECAR = "sources.toml"


def outlet_name(
    *, declared: str | None, site_name: str | None, url: str | None, input_name: str
) -> str:
    for candidate in (declared, site_name):
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    if url:
        host = (urlsplit(url).hostname or "").lower()
        if host:
            return host.removeprefix("www.")
    stem = re.split(r"[#\[:]", Path(input_name).name, maxsplit=1)[0]
    for suffix in (".gz",):
        stem = stem.removesuffix(suffix)
    return Path(stem).stem or input_name


@functools.lru_cache(maxsize=256)
def read_sidecar(folder: Path) -> dict[str, dict[str, Any]]:
    """`sources.toml` of a folder: {"defaults": {...}, "files": {name: {...}}} (may be empty).

    ```toml
    [defaults]            # every file in this folder and below
    source = "Harbour Herald"
    [files."talks.txt"]   # one file; wins over defaults and over the file's own metadata
    source = "Valdoria Today"
    published = "2025-09-10"
    ```
    """
    path = folder / SIDECAR
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BadInputError(
            str(path), f"is not valid TOML ({exc})", "fix or remove the sidecar"
        ) from exc
    return {
        "defaults": dict(data.get("defaults") or {}),
        "files": {str(k): dict(v) for k, v in (data.get("files") or {}).items()},
    }


def sidecar_metadata(path: Path, root: Path) -> dict[str, Any]:
    """Metadata for `path` from the sidecars of its folder and of every folder up to `root`."""
    folders = [path.parent]
    while folders[-1] != root and root in folders[-1].parents:
        folders.append(folders[-1].parent)
    merged: dict[str, Any] = {}
    for folder in reversed(folders):  # nearer sidecars override farther ones
        sidecar = read_sidecar(folder)
        merged.update(sidecar.get("defaults", {}))
        merged.update(sidecar.get("files", {}).get(path.relative_to(folder).as_posix(), {}))
    return {k: str(v) for k, v in merged.items()}


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    import py3langid.langid as langid

    return langid.LanguageIdentifier.from_modelpath(
        langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
    )


MIN_LANGUAGE_CHARS = 40
MIN_LANGUAGE_CONFIDENCE = 0.8


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence) of the text, or (None, 0) when it is too short to tell."""
    if len(text) < MIN_LANGUAGE_CHARS:
        return None, 0.0
    code, probability = _identifier().classify(text[:4000])
    return str(code), float(probability)


def normalise_language(value: str | None) -> str | None:
    """`en-GB`, `EN`, `en_US` -> `en`."""
    if not value:
        return None
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None
