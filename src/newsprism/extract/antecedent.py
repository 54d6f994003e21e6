"""Whether a pronoun actor's name stands near it: in its own sentence before it or in the
sentence before (positions trust a "he / she / it / they" actor only then).

Input: the article text, the evidence sentence's span, where the pronoun stands and the resolved
name. Output: a bool. Limits: sentences are cut at ". " / "? " / "! " / a line break; a name
matches by any of its capitalised words of three letters or more."""

from __future__ import annotations

import re

from newsprism.model import Span

__all__ = ["antecedent_near", "pronoun"]

SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘'(]?[A-Z])|\n\s*")


def pronoun(text: str | None) -> bool:
    words = (text or "").lower().split()
    return len(words) == 1 and words[0] in ("he", "she", "it", "they")


def antecedent_near(name: str, text: str, sentence: Span, at: int) -> bool:
    """Whether a name of the resolved actor stands before the pronoun in its own sentence or in
    the sentence before it (`at` is where the pronoun stands); farther back, "he" may be anyone
    the article named since. Limits: sentences are cut at ". " / "? " / "! " / a line break
    before the evidence sentence; a name is matched by any of its capitalised words of three
    letters or more ("Obama" for "Barack Obama")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", name) if len(w) >= 3 and w[0].isupper()]
    if not words:
        return False
    before = text[max(0, sentence.start - 600) : sentence.start].rstrip()
    cuts = [m.end() for m in SENTENCE_END.finditer(before[:-1])]
    previous = before[cuts[-1] :] if cuts else before
    until = at if sentence.start <= at <= sentence.end else sentence.end
    window = previous + " " + text[sentence.start : until]
    return any(re.search(rf"\b{re.escape(w)}\b", window) for w in words)
