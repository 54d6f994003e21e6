"""Whether reported content was cut from its own clause by a misparse (issue 17).

Reported speech takes the complement clause of a speech verb as the parse gives it. On long
sentences with commas and dash parentheses the small parser at times hangs the clause's own
verb outside it ("said it believed that the choice of design, the cement used -- which … --
and the failure to test, were key mistakes": "were" attached to "said"), so the content shown
is a subject without its predicate, or a predicate without its subject ("believes life at the
park is just wizard" read with "life" as the object gives "is just wizard"). Either changes
what the words mean; `quotes` then doubts the quote ("cut", "fragment") so a reader does not
see it.

Two more cuts read the text alone: content that begins or ends inside a word ("is co" of "is
co-operating"), and the writer's aside between a pair of dashes inside reported content ("tar
balls -- later declared not to have come from the spill -- "), which is cut out of it.

Limits: the checks read the parse and the punctuation only; a clause whose cut leaves a
complete sentence of its own ("there was little evidence oil prices rose -- …") is not seen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsprism.extract.parse import trim
from newsprism.model import Range

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "ASIDE",
    "DASHES",
    "FINITE_TAGS",
    "mid_word",
    "predicate_after",
    "subjectless",
    "without_asides",
]

FINITE_TAGS = frozenset(["VBD", "VBZ", "VBP", "MD"])
# dashes that open and close a parenthesis inside a sentence ("prices -- the range … -- were")
DASHES = frozenset(["--", "—", "–", "-"])
# an aside set off by a pair of spaced dashes inside a clause
ASIDE = re.compile(r"\s(?:--|\u2014|\u2013)\s(?:(?!--|\u2014|\u2013).)+?\s(?:--|\u2014|\u2013)\s")


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


def without_asides(text: str, part: Range) -> list[Range]:
    """A reported clause's range in pieces around the asides set off by a pair of dashes
    inside it ("Amidst a scare involving tar balls -- later declared not to have come from the
    spill -- the industry is losing millions"): an aside in reported speech is the writer's
    gloss ("which BP acknowledged contributed …", "later declared …"), not what the speaker
    is reported to say. Limits: only a closed pair of spaced dashes ("--", "—", "–") counts;
    an aside that runs to the clause's end is kept."""
    start, end = part
    out: list[Range] = []
    for m in ASIDE.finditer(text, start, end):
        left = trim(text, start, m.start())
        if left[1] > left[0]:
            out.append(left)
        start = m.end()
    right = trim(text, start, end)
    if right[1] > right[0]:
        out.append(right)
    return out if len(out) > 1 else [part]


def mid_word(text: str, start: int, end: int) -> bool:
    """Whether a content range begins or ends inside a word: a letter or digit right beside
    it, or a hyphen joining it to the next word ("is co" of "is co-operating")."""
    before = text[start - 1] if start > 0 else " "
    after = text[end : end + 2]
    return (
        before.isalnum()
        or after[:1].isalnum()
        or (after[:1] in ("-", "\u2010", "\u2011") and after[1:2].isalpha())
    )
