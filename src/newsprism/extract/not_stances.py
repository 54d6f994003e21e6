"""Acts that look like stances but are not, and the word lists that tell them: a defence of
one's own conduct or of a person ("defended his decision", "defended Ms. Rice"), refusing to
comment or to give details ("refused to speculate"), a candidacy ("ready to fight for the
people"), an own policy offered, a request only vowed, sustaining ("supports an industry") and
endangering ("threatened the grip of …"). Input: a parsed token (spaCy); output: a bool, or
the word lists for `positions.py`. Limits: word lists, English only."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "OWN_POLICY_NOUNS",
    "PLEDGE_VERBS",
    "SUSTAINED_NOUNS",
    "THREATENED_ACTS",
    "declines_comment",
    "declines_credit",
    "defends_self_or_person",
    "self_presentation",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# what is "offered" or "proposed" when it is the actor's own policy, not something given to a
# counterpart ("Romney has offered a Medicare proposal", "proposed a budget")
OWN_POLICY_NOUNS = _words(
    "proposal plan bill budget agenda blueprint framework package legislation platform"
)
# what a place or a trade "supports" when it sustains it ("supports a seafood industry", "supports
# 40,000 jobs"), not a policy backed
SUSTAINED_NOUNS = _words(
    """industry economy job jobs population family families life wildlife species habitat
    ecosystem community tourism fishery fisheries livelihood livelihoods weight load"""
)
# "vowed to seek", "plans to call for": the request is the actor's own promise or plan
PLEDGE_VERBS = _words("vow promise pledge plan intend aim hope expect want")
# what an actor threatens when it threatens to act ("threatened sanctions", "a veto"); other
# objects are endangered, not threatened by a stance ("threatening the grip of autocrats")
THREATENED_ACTS = _words(
    """sanction sanctions action actions strike strikes retaliation veto boycott lawsuit suit
    war force reprisal reprisals consequence consequences measure measures tariff tariffs
    punishment walkout resignation impeachment shutdown filibuster embargo attack attacks
    invasion expulsion closure ban fine fines penalty penalties arrest arrests prosecution
    withdrawal blockade escalation response countermeasure countermeasures violence legal"""
)
OWN_POSSESSIVES = frozenset(["his", "her", "their", "its", "my", "our"])
# what someone did or said, defended against criticism: a defence of conduct, not a policy backed
CONDUCT_NOUNS = _words(
    """decision record action comment remark criticism statement handling response conduct
    behavior behaviour culture performance word vote choice role actions photo photograph
    cover image picture article ad advertisement headline column coverage"""
)
# refusing to say something is declining to comment, not refusing what others want; "discuss"
# and the like only when what is not discussed is no proposal ("refused to discuss it", not
# "refuses to discuss any territorial concessions")
COMMENT_ACTS = _words("comment speculate elaborate say")
TALK_ACTS = _words("discuss answer respond confirm specify address")
GENERIC_TOPICS = _words("matter issue detail details case question subject topic report it them")
# "refused to provide details", "refused to offer a view on whether …": withholding what one knows
# or thinks is declining to comment too, not refusing what others want
GIVING_ACTS = _words("provide give offer disclose reveal release share")
WITHHELD_NOUNS = _words(
    """detail details information specifics view views opinion explanation reason reasons
    comment comments account evidence name names figure figures estimate timetable timeline"""
)


def declines_comment(act: Token) -> bool:
    """Whether "refused to <act>" declines to comment: speculate / comment / elaborate, or
    discuss / answer … with nothing or only a generic topic as object, or provide / offer …
    details, a view, an explanation."""
    lemma = act.lemma_.lower()
    if lemma in COMMENT_ACTS:
        return True
    if lemma in GIVING_ACTS:
        return any(c.dep_ == "dobj" and c.lemma_.lower() in WITHHELD_NOUNS for c in act.children)
    if lemma not in TALK_ACTS:
        return False
    obj = next((c for c in act.children if c.dep_ in ("dobj", "prep")), None)
    return obj is None or obj.lemma_.lower() in GENERIC_TOPICS or obj.pos_ == "PRON"


# "refused to take credit", "declined to accept the blame": what the actor disclaims is a
# statement about the actor's own part, a denial in substance, not a refusal of what others want
CREDIT_ACTS = _words("take claim accept assume")
CREDIT_NOUNS = _words("credit blame responsibility")
# "ready to fight for the people", "prepared to serve": a candidate presenting himself (an own
# plan), not something offered to a counterpart; "ready to work with Kyiv" names one and stays
# "willing to try now to see whether …" is the actor's own attempt, not something given either
SELF_EFFORT_ACTS = _words("fight serve lead run win compete campaign govern try attempt")


def declines_credit(act: Token) -> bool:
    """Whether "refused to <act>" disclaims credit or blame ("take credit", "accept the
    blame"): a denial of one's own part, no stance."""
    if act.lemma_.lower() not in CREDIT_ACTS:
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in CREDIT_NOUNS for c in act.children)


def self_presentation(act: Token) -> bool:
    """Whether "ready to <act>" presents the actor ("ready to fight for the people", "ready
    to lead") rather than offering a counterpart something: no "with" partner, no object."""
    if act.lemma_.lower() not in SELF_EFFORT_ACTS:
        return False
    return not any(
        c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ == "with" for c in act.children
    )


def defends_self_or_person(obj: Token) -> bool:
    """Whether what is defended is the actor's own act or words ("his decision to sign the
    bill", "his criticism of …") or a person ("Ms. Rice"): a defence, not the backing of a
    policy; "defended the programs as essential" stays a stance."""
    if obj.pos_ in ("PROPN", "PRON") or obj.ent_type_ == "PERSON":
        return True
    if obj.lemma_.lower() in CONDUCT_NOUNS:
        return True  # "defended the oil giant's safety culture", "defended the handling of …"
    return any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in obj.children)
