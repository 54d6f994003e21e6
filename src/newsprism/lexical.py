"""Lexical overlap of short statements: their content terms, weighted by how rare they are
among a story's statements, and the weighted overlap of two such bags.

Used by compare (do two claims share their rarer wording?) and compose (is a candidate
timeline entry the same event in other words?). Known limits: the stemming is a crude suffix
cut, English only; synonyms share nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words(
    """a an the and or but if of to in on at by for with from as into about over after before
    since than that this these those it its is are was were be been being has have had do does
    did will would can could may might should must shall not no so such there their they them
    he she his her we our you your i who whom which what when where while also very more most
    other others some any all both each few one two only own same just then now"""
)
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def terms(text: str) -> list[str]:
    """Content words of a statement, crudely stemmed ("talks" -> "talk", "signed" -> "sign")."""
    out = []
    for w in _WORD.findall(text.lower()):
        if w in STOPWORDS or len(w) < 2:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if len(w) > len(suffix) + 3 and w.endswith(suffix):
                w = w[: -len(suffix)]
                break
        out.append(w)
    return out


def term_weights(texts: Sequence[str]) -> list[dict[str, float]]:
    """Each text's terms weighted by inverse frequency among the story's statements, so the
    story's own topic words ("Istanbul", "talks") count for little."""
    bags = [set(terms(t)) for t in texts]
    df = Counter(w for bag in bags for w in bag)
    n = len(bags)
    return [{w: float(np.log((n + 1) / (df[w] + 0.5))) for w in bag} for bag in bags]


def lexical(a: dict[str, float], b: dict[str, float]) -> float:
    """Weighted overlap coefficient of two term bags (0..1)."""
    if not a or not b:
        return 0.0
    shared = sum(min(a[w], b[w]) for w in a.keys() & b.keys())
    return shared / min(sum(a.values()), sum(b.values()))
