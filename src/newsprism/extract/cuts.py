"""Whether reported content was cut from its own clause by a misparse (issue 17).

Reported speech takes the complement clause of a speech verb as the parse gives it. On long
sentences with commas and dash parentheses the small parser at times hangs the clause's own
verb outside it ("said it believed that the choice of design, the cement used -- which … --
and the failure to test, were key mistakes": "were" attached to "said"), so the content shown
is a subject without its predicate, or a predicate without its subject ("believes life at the
park is just wizard" read with "life" as the object gives "is just wizard"). Either changes
what the words mean; `quotes` then doubts the quote ("cut", "fragment") so a reader does not
see it.

Limits: the checks read the parse and the punctuation only; a clause whose cut leaves a
complete sentence of its own ("there was little evidence oil prices rose -- …") is not seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsprism.model import Range

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["DASHES", "FINITE_TAGS", "predicate_after", "subjectless"]

FINITE_TAGS = frozenset(["VBD", "VBZ", "VBP", "MD"])
# dashes that open and close a parenthesis inside a sentence ("prices -- the range … -- were")
DASHES = frozenset(["--", "—", "–", "-"])


def predicate_after(doc: Doc, start: int, end: int, sentence_end: int) -> bool:
    """Whether reported content `start, end` was cut from its own clause: it ends inside a
    dash parenthesis it opened ("that the choice, the seal -- which failed -- and …" cut at
    the closing dash), or the sentence goes on (past commas and one dash parenthesis) with a
    finite verb that has no subject of its own before it ("that the choice of design, the
    cement used, were key mistakes" read as "that the choice …"): either way the content
    means something else than the clause."""
    after = [t for t in doc if end <= t.idx < sentence_end]
    opened = sum(1 for t in doc if start <= t.idx < end and t.text in DASHES and t.dep_ == "punct")
    k = 0
    while k < len(after) and after[k].text == ",":
        k += 1
    if k < len(after) and after[k].text in DASHES and opened % 2:
        return True
    if k < len(after) and after[k].text in DASHES:
        close = next((j for j in range(k + 1, len(after)) if after[j].text in DASHES), None)
        if close is None:
            return False
        k = close + 1
        while k < len(after) and after[k].text == ",":
            k += 1
    if k >= len(after):
        return False
    verb = after[k]
    return (
        verb.pos_ in ("VERB", "AUX")
        and verb.tag_ in FINITE_TAGS
        and verb.lower_
        not in (
            "said",
            "says",
            "added",
        )
    )


def subjectless(token: Token, parts: Sequence[Range]) -> bool:
    """Whether a token is the top of reported content (its head outside it) and a finite verb
    with no subject: "believes life at the park is just wizard" parsed with "life" as the
    object gives "is just wizard", whose subject is not in the words shown. Only content that
    opens on that verb (adverbs aside): "Amidst a scare -- later declared … -- the industry is
    losing millions" parsed with "declared" on top still holds its whole clause."""
    if any(a <= token.head.idx < b for a, b in parts) and token.head is not token:
        return False
    if token.pos_ not in ("VERB", "AUX") or token.tag_ not in FINITE_TAGS:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in token.children):
        return False
    start = parts[0][0]
    opening = [
        t for t in token.doc if start <= t.idx < token.idx and t.pos_ not in ("ADV", "PUNCT")
    ]
    return not opening
