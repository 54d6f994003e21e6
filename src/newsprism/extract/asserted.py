"""Whether a parsed predicate is asserted by its actor: not inside what someone denies, hopes,
fears or reports ("rejected reports that X refused"), not under a condition ("if", "unless",
an unreal "if she were"), and not a participle that only describes a noun.

Input: spaCy tokens of a parsed sentence (the positions extractor's parse). Output: booleans.
Limits: English, and as good as the small model's dependency parse.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# what is rejected or dismissed when the verb denies a statement rather than refusing an act
CLAIM_NOUNS = _words(
    """report claim allegation assertion accusation charge suggestion notion idea criticism
    critique characterization characterisation comparison speculation rumor rumour story
    account premise view argument assessment description interpretation narrative theory
    conclusion finding statement remark comment label question"""
)
# verbs after which an act is reported, hoped or feared, not performed
NOT_ASSERTING = _words(
    """deny hope fear worry expect predict wonder doubt think believe suspect speculate imagine
    rumor rumour"""
)


def adjectival_participle(verb: Token) -> bool:
    """Whether a relative-clause "that proposed X" is really "that [proposed X] will be …":
    right after X comes a verb group with no subject of its own, so "proposed" only modifies X
    and the "that" opens a complement clause (a parse the small model gets wrong)."""
    if verb.dep_ != "relcl" or verb.tag_ not in ("VBD", "VBN"):
        return False
    after = max(t.i for t in verb.subtree) + 1
    if after >= len(verb.doc) or verb.doc[after].tag_ != "MD":
        return False
    group = verb.doc[after].head
    return group.i > after and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in group.children
    )


def has_if(verb: Token) -> bool:
    return any(
        c.dep_ == "advcl"
        and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
        for c in verb.children
    )


def not_asserted(verb: Token) -> bool:
    """Whether the act is inside what someone denies, reports, hopes or fears ("rejected
    reports that Obama refused …", "he hopes questions won't be …")."""
    child, steps = verb, 0
    while child.head is not child and steps < 6:
        head = child.head
        lemma = head.lemma_.lower()
        if lemma in NOT_ASSERTING and child.dep_ in ("ccomp", "xcomp"):
            return True
        if head.pos_ == "NOUN" and lemma in CLAIM_NOUNS and child.dep_ in ("acl", "ccomp", "relcl"):
            return True
        if marked(child, ("if", "unless", "whether")):
            return True
        child, steps = head, steps + 1
    return False


def counterfactual(verb: Token) -> bool:
    """Whether the predicate hangs on an unreal condition ("if she were president, she would
    not …", "if we had known, …"): what the actor would do in another world, not a stance."""
    for c in verb.children:
        if c.dep_ == "advcl" and marked(c, ("if",)):
            if c.lower_ == "were" or any(g.lower_ == "were" for g in c.children):
                return True
            if any(g.dep_ == "aux" and g.lower_ in ("had", "'d") for g in c.children):
                return True
    return False


def marked(verb: Token, words: Sequence[str]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in words for c in verb.children)
