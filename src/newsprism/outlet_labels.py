"""What a reader calls an outlet: its name, or a short stable label when the input gave none.

    labels = outlet_labels([(article.id, article.source) for article in story_articles])
    labels["b37916949b6ab0fb"]  # "Source B" when the outlet is the file stem 001_6c89…

Input: (article id, outlet) pairs, the outlet as ingest gave it (a name from the front matter,
the feed or the page, or the file stem when the input had none). Output: per article id the
label prose may show. A real outlet name is its own label; an outlet that is only a file stem
(a run of letters and digits with a digit and no space, such as `001_6c89766725f97774`) gets
"Source A", "Source B", … in the order of the stems, so the same set of articles always gets
the same labels and no file hash appears in the brief. The file name itself stays in the
sources list, where a reader looks it up.

The composer (frames), the citation checker (the names a frame may use) and the renderers all
call this one function over the same story's articles, so they agree on every label.

Limits: past 26 unnamed outlets the labels go on "Source AA", "Source AB", …; a real outlet
name made only of a file-like token with a digit ("t3n") is taken for a stem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = ["is_unnamed", "outlet_labels"]

_STEM = re.compile(r"^[\w.-]*\d[\w.-]*$")  # a file stem standing in for an unknown outlet


def is_unnamed(outlet: str) -> bool:
    """Whether an outlet string is a file stem standing in for a missing outlet name."""
    return bool(_STEM.match(outlet))


def outlet_labels(articles: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Per article id, the outlet label prose shows (see the module docstring)."""
    pairs = list(articles)
    stems = sorted({outlet for _, outlet in pairs if is_unnamed(outlet)})
    letter = {stem: f"Source {_letters(k)}" for k, stem in enumerate(stems)}
    return {article_id: letter.get(outlet, outlet) for article_id, outlet in pairs}


def labels_by_outlet(labels: Mapping[str, str], outlets: Mapping[str, str]) -> dict[str, str]:
    """Per outlet string, its label (from per-article labels and per-article outlets)."""
    return {outlets[a]: label for a, label in labels.items() if a in outlets}


def _letters(k: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        out = chr(ord("A") + r) + out
    return out
