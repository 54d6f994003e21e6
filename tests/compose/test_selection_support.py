"""`Selection.support` / `unconfirmed_year` read each article's words once (issue 19): the
sets must be those of the other outlets' texts joined, as they were read before."""

from __future__ import annotations

import numpy as np

from newsprism.compose.selection import _YEAR, Selection, _stems
from newsprism.model import Article, Story

TEXTS = {
    "a": ("Herald", "Negotiators met in Geneva in 2023 and agreed a ceasefire."),
    "b": ("Courier", "The ceasefire, agreed in Geneva, held through 2024; talks resume."),
    "c": ("Courier", "Delegations from Russia met again on Thursday."),
    "d": ("Gazette", "Observers doubted the negotiations would last beyond 2025."),
}


def _selection() -> Selection:
    articles = {i: Article(id=i, source=src, text=text) for i, (src, text) in TEXTS.items()}
    return Selection(
        story=Story(id="s", article_ids=tuple(articles)),
        articles=articles,
        units=[],
        vectors=np.zeros((0, 3), dtype=np.float32),
        timeline=(),
        names={},
    )


def test_other_outlets_words_are_those_of_their_joined_texts() -> None:
    selection = _selection()
    for source in ("Herald", "Courier", "Gazette"):
        joined = " ".join(text for src, text in TEXTS.values() if src != source)
        found = selection._other_outlets(source)
        assert found == (_stems(joined), set(_YEAR.findall(joined)))
