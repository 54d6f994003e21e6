"""What each time expression dates, read off the dependency parse.

    anchors = time_anchors(pieces, times, published)

Input: an article parsed as (offset, doc) pieces, its time expressions as (start, end, value,
granularity) and its publication day (or None).
Output: one `TimeAnchor` per time expression that falls inside the parse, in text order.

An event's date is the time expression that modifies its own predicate, not one that sits
elsewhere in the sentence. From the expression's head word, up the parse:
- attached to a verb ("met on Thursday", "met Thursday", "Thursday saw clashes"): `predicate`;
- the object of a preposition on an event noun that is the verb's subject or object, or on
  the noun of a "during/at/in" phrase of the verb ("the talks in 2022 ended", "during the
  funeral on April 26 they met"): `argument`;
- a pre-modifier of the verb's subject ("the 15 May negotiations were held"): `argument`;
- a pre-modifier of any other noun ("the 2016 election", "the April 17 meeting", "the Mirage
  2000"), a number after a name ("Resolution 1973"), or a preposition phrase on any other
  noun ("the outbreak of the war in February 2022"): `nominal`;
- attached to a verb that itself describes a noun ("a Bible given by his mother in 1955",
  "who invaded in 2022"), to a since/until/before/after clause, or the end of a range
  ("between 2004 and 2008", "from Monday"): `embedded`;
- no verb to attach to (a heading, a dateline): `none`;
- one end of a range ("March 31-April 4", "on Tuesday and Wednesday"): `range`, whatever it
  attaches to, since neither end is the date of an event that spans both.

The verb's tense comes from its tag and auxiliaries (will/shall/'ll, "would" and "going to" are
future; a present tense or progressive speaks of what is scheduled; a past tag, "had" or a past
auxiliary is past; "has/have" with a participle is `perfect`, which in English takes no time of
its own, so a day on it dates something else: "has invited them to his office on Friday" dates
the visit). A bare weekday ("on Thursday") is placed again by that tense: the next such day
from the publication day for a future or present verb ("when it meets on Thursday"), the last
one up to it for a past verb ("said on Monday"), and a perfect one is left as the annotate
stage placed it; the annotate stage had only nearby words to go on.

Limits: the parse of the small spaCy model is wrong now and then, most often for a preposition
phrase that could hang on the verb or on its object ("hosted the talks in March"); such a
date is read as `argument` when the noun is the verb's object, which is right for event nouns
and wrong for others.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsprism.extract.parse import doc_text
from newsprism.model import TimeAnchor, TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["RANGE_JOIN", "time_anchors", "verb_tense"]

VERBS = frozenset({"VERB", "AUX"})
NOUNS = frozenset({"NOUN", "PROPN", "PRON"})
PRE_MODIFIERS = frozenset({"compound", "amod", "nummod", "poss", "nmod", "quantmod", "appos"})
ADVERBIAL = frozenset({"npadvmod", "tmod", "advmod", "obl", "nsubj", "nsubjpass", "dobj", "attr"})
# prepositions whose phrase on a verb's noun places the verb at the noun's time
SAME_TIME = frozenset({"during", "at", "in", "on", "amid", "throughout"})
# clauses and phrases that bound or precede the main event rather than date it
BOUNDING = frozenset(
    {"since", "until", "till", "before", "after", "following", "once", "from", "between"}
)
# nouns that are a point in time themselves: a date "of" one of them is placed where the
# noun is (singular only: "the weeks of the year" is a stretch, not a point)
TIME_NOUNS = frozenset(
    [
        "night",
        "morning",
        "afternoon",
        "evening",
        "day",
        "weekend",
        "end",
        "start",
        "beginning",
        "middle",
        "eve",
        "dawn",
    ]
)
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
FUTURE_HEADS = frozenset(
    {"scheduled", "expected", "due", "set", "slated", "plan", "intend", "going", "poised"}
)
PAST_AUX = frozenset({"was", "were", "did", "had", "'d"})
# "has invited them on Friday": a present perfect takes no time of its own in English, so a
# day on it is the time of something else (the meeting they are invited to)
PERFECT_AUX = frozenset({"has", "have", "'s", "'ve"})
# what joins the two ends of a range: "between 2004 and 2008", "March 31-April 4", "from
# Monday to Wednesday", "attacks Tuesday and Wednesday"
RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|/|to|and|or|through|thru|until|till|into)\s*$", re.I)
_WEEKDAY = re.compile(
    r"^(?:(?:early|late)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
_WEEKDAY_NUMBER = {
    name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
}


def time_anchors(
    pieces: Sequence[tuple[int, Doc]], times: Sequence[TimeRef], published: dt.date | None
) -> tuple[TimeAnchor, ...]:
    """One anchor per time expression inside the parse (see the module docstring)."""
    out: list[TimeAnchor] = []
    texts: list[tuple[int, str]] = []  # each anchor's piece: (offset, text)
    for start, end, value, granularity in sorted(times):
        for offset, doc in pieces:
            if not (offset <= start and end <= offset + len(doc_text(doc))):
                continue
            span = doc.char_span(start - offset, end - offset, alignment_mode="expand")
            if span is None or not len(span):
                break
            role, verb = _attachment(span.root, {t.i for t in span})
            tense = verb_tense(verb) if verb is not None else ""
            text = doc_text(doc)[start - offset : end - offset]
            placed = _weekday(text, value, tense, published)
            out.append(
                TimeAnchor(
                    time=(start, end),
                    value=placed or value,
                    granularity=granularity,
                    role=role,
                    predicate=(offset + verb.idx, offset + verb.idx + len(verb))
                    if verb is not None
                    else None,
                    tense=tense,
                    clause=_clause(verb, offset) if verb is not None else None,
                )
            )
            texts.append((offset, doc.text))
            break
    return tuple(_ranges(out, texts))


def _ranges(anchors: list[TimeAnchor], texts: list[tuple[int, str]]) -> list[TimeAnchor]:
    """Both ends of a range ("March 31-April 4", "on Tuesday and Wednesday", "from Monday to
    Wednesday", "in the coming year or two") get the role `range`: neither dates an event."""
    ends: set[int] = set()
    for k in range(len(anchors) - 1):
        (a, b), (offset, text) = (anchors[k], anchors[k + 1]), texts[k]
        between = text[a.time[1] - offset : b.time[0] - offset]
        if texts[k + 1][0] == offset and a.time[1] <= b.time[0] and RANGE_JOIN.match(between):
            ends |= {k, k + 1}
    for k, (a, (offset, text)) in enumerate(zip(anchors, texts, strict=True)):
        if re.match(r"\s+or\s+(?:two|three|\d+)\b", text[a.time[1] - offset :]):
            ends.add(k)
    return [dataclasses.replace(a, role="range") if k in ends else a for k, a in enumerate(anchors)]


def _attachment(root: Token, own: set[int]) -> tuple[str, Token | None]:
    """(role, verb) of a time expression whose head word is `root`."""
    t = root
    # "March and April 2022", "Monday, May 5": the second date hangs on the first
    while t.dep_ in ("conj", "appos") and t.head is not t and t.head.pos_ in NOUNS | {"NUM"}:
        t = t.head
    if t.dep_ == "ROOT" or t.head is t:
        return "none", None
    head = t.head
    if t.dep_ == "pobj":
        prep, governor = head, head.head
        if prep.lower_ in BOUNDING:
            return "embedded", governor if governor.pos_ in VERBS else None
        if prep.lower_ == "of" and governor.pos_ in NOUNS:
            # "on the night of 25 June 2009"; not a stretch ("the remaining weeks of the year")
            if governor.lower_ in TIME_NOUNS and not any(
                c.dep_ == "amod" for c in governor.children
            ):
                return _attachment(governor, {governor.i})
            return "nominal", None  # "in honour of May 9", "the events of 2014"
        if governor.dep_ == "prep" and governor.head is not governor:  # "until after May"
            governor = governor.head
        if governor.pos_ in VERBS:
            return _clause_role("predicate", governor)
        if governor.pos_ in ("ADJ", "ADV") and governor.head.pos_ in VERBS:
            if governor.dep_ in ("acomp", "advmod", "xcomp"):  # "was ready in May", "earlier in"
                return _clause_role("predicate", governor.head)
            return "embedded", governor.head
        if governor.pos_ in NOUNS:
            return _noun_role(governor)
        return "nominal", None
    if t.dep_ in PRE_MODIFIERS and head.pos_ == "PROPN" and t.i > head.i and t.like_num:
        return "nominal", None  # a number after a name is part of it: "Resolution 1973"
    if t.dep_ in PRE_MODIFIERS and head.pos_ in NOUNS | {"NUM"}:
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ in VERBS:
            # "the 15 May negotiations were held": the subject's own time is the verb's
            return _clause_role("argument", head.head)
        return "nominal", None
    if head.pos_ in VERBS and (t.dep_ in ADVERBIAL or t.dep_ in ("prep", "dep", "conj")):
        return _clause_role("predicate", head)
    if head.pos_ in ("ADJ", "ADV") and head.head.pos_ in VERBS:
        return _clause_role("predicate", head.head)
    return "nominal", None


def _clause(verb: Token, offset: int) -> tuple[int, int]:
    """The verb's own clause: its subtree without a leading marker ("since", "when", "who")."""
    toks = sorted(verb.subtree, key=lambda t: t.i)
    while len(toks) > 1 and (toks[0].dep_ == "mark" or toks[0].is_punct):
        toks.pop(0)
    return offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1])


def _noun_role(noun: Token) -> tuple[str, Token | None]:
    """A date in a preposition phrase on a noun dates the verb when the noun is the verb's
    subject or object ("the talks in 2022 ended", "hosted the talks in March") or the noun of
    a same-time phrase of the verb ("during the funeral on April 26, they met")."""
    verb = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and verb.pos_ in VERBS:
        return _clause_role("argument", verb)
    if (
        noun.dep_ == "pobj"
        and verb.dep_ == "prep"
        and verb.head.pos_ in VERBS
        and verb.lower_ in SAME_TIME
    ):
        return _clause_role("argument", verb.head)
    return "nominal", None


def _clause_role(role: str, verb: Token) -> tuple[str, Token | None]:
    """The role stays unless the verb describes a noun (its own clause, or one it hangs
    from, modifies a noun: "who refused to testify at a hearing Wednesday", "her speech,
    set for March 3") or bounds the main event."""
    t, steps = verb, 0
    while t.head is not t and steps < 12:
        if t.dep_ in ("acl", "relcl", "amod"):
            return "embedded", verb
        t, steps = t.head, steps + 1
    if (
        verb.tag_ == "VBN"
        and verb.dep_ not in ("ROOT", "conj", "ccomp", "xcomp")
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children)
    ):
        return "embedded", verb  # a bare participle describes a noun: "the speech, set for"
    if verb.dep_ in ("advcl", "pcomp") and (
        any(c.dep_ == "mark" and c.lower_ in BOUNDING for c in verb.children)
        or verb.dep_ == "pcomp"
        and verb.head.lower_ in BOUNDING
    ):
        return "embedded", verb
    return role, verb


def verb_tense(verb: Token) -> str:
    """past | perfect | present | future | "" for a verb, from its tag and auxiliaries
    ("perfect": has/have + participle, "has invited")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_.replace("\u2019", "'") for a in auxes}  # "He\u2019ll", a curly "'ll"
    if lowers & FUTURE_AUX or any(a.lower_ == "going" for a in auxes):
        return "future"
    governor = verb.head.lemma_.lower()
    if verb.dep_ == "xcomp" and (
        governor in FUTURE_HEADS
        or verb.head.lower_ in FUTURE_HEADS  # "scheduled", whose lemma is "schedule"
        or governor == "be"
        and verb.head.lower_ in ("is", "are", "am")
    ):
        return "future"  # "is scheduled to meet", "is to meet"
    if verb.tag_ == "VBN" and lowers & PERFECT_AUX and not lowers & PAST_AUX:
        return "perfect"
    if lowers & PAST_AUX or lowers & PERFECT_AUX or verb.tag_ == "VBD":
        return "past"
    if any(a.tag_ in ("VBZ", "VBP") for a in auxes) or verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VBN" and verb.dep_ in ("ROOT", "ccomp", "conj"):
        return "past"
    return ""


def _weekday(text: str, value: str, tense: str, published: dt.date | None) -> str | None:
    """The day a bare weekday names, placed by the verb's tense; None to keep the value."""
    if published is None or tense in ("", "perfect") or not _WEEKDAY.match(text.strip()):
        return None
    name = next(w for w in text.lower().split() if w.endswith("day"))
    weekday = _WEEKDAY_NUMBER[name[:3]]
    if tense == "past":
        day = published - dt.timedelta(days=(published.weekday() - weekday) % 7)
    else:
        day = published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    return day.isoformat() + value[10:] if len(value) >= 10 and value[4] == "-" else None
