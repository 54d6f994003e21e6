"""Where a stance's words end (issue 17, positions).

A stance is the words of what an actor wants, offers or refuses. The parse's predicate often
runs on past them: a trailing "saying …" or participle clause says how or what followed, ",
although …" starts another stance, ", which would have …" is the writer's comment. And a quoted
refusal split by its attribution ("“We will not sign,” Marek said, “unless the blockade is
lifted”") states its condition in the quotation's other part. These functions find those ends
on the text alone; `positions` calls them.

Limits: surface patterns over the sentence text; a trail without a comma or a participle the
patterns do not list is kept.
"""

from __future__ import annotations

import re

__all__ = ["PARTICIPLE_TRAIL", "TRAIL", "UNLESS", "split_condition", "trails_cut"]

UNLESS = re.compile(r"\bunless\b|\bonly if\b", re.I)
# a participle or "while" clause after the stance says how, not what is wanted
TRAIL = re.compile(
    r",?\s+(?:saying|claiming|arguing|adding|noting|pinning|describing|calling|citing|"
    r"accusing|insisting|warning|according|while|even as|even though|so that|so as to)\b"
    # ", although he calls for …" is another stance of the actor's; ", which would have helped
    # rice farmers" is the writer's comment on the stance, not what the actor wants
    r"|,\s+(?:although|though)\b|,\s+which\s+(?:would|could|might)\b",
    re.I,
)
# any participle after a comma says what followed ("refused to testify, generating criticism
# from …"), not what is refused; "including", "pending" … introduce part of the stance
PARTICIPLE_TRAIL = re.compile(
    r",\s+(?!including\b|regarding\b|concerning\b|during\b|pending\b|according\b)"
    r"[a-z]+ing\s+(?=[a-z])"
)


def trails_cut(text: str, start: int, end: int) -> int:
    """Where the stance text[start:end] ends once a trailing "saying …", ", although …",
    ", which would have …" or participle clause is cut off (`TRAIL`, `PARTICIPLE_TRAIL`)."""
    for trail in (TRAIL, PARTICIPLE_TRAIL):
        cut = trail.search(text, start, end)
        if cut is not None and cut.start() > start:
            end = cut.start()
    return end


_QUOTE_CLOSE = re.compile(r"[”\"]")


def split_condition(sentence: str, after: int) -> tuple[int, int] | None:
    """The range of what an "unless" / "only if" after `after` in the sentence asks for, up to
    the end of its quotation part, without trailing punctuation; None when there is none or it
    is under three words."""
    m = UNLESS.search(sentence, after)
    if m is None:
        return None
    start = len(sentence) - len(sentence[m.end() :].lstrip())  # the first word after it
    close = _QUOTE_CLOSE.search(sentence, start)
    end = close.start() if close is not None else len(sentence)
    end = start + len(sentence[start:end].rstrip(" .,;:!?"))
    return (start, end) if len(sentence[start:end].split()) >= 3 else None
