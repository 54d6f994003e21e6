"""How sure a position's actor is: the doubts that lower a position's confidence when the
event's actor may not be the one who holds the stance — a pronoun resolved to an antecedent, an
office-holder resolved to the place that modifies the title ("the Idaho congressman"), a
country named by its executive office ("the White House"), a name made of page furniture, an
act whose subject the parse borrows from a reported clause or from the main clause across a
relative clause.

Input: an `Event` with the kinds and names of the story's entities, or a parsed spaCy token.
Output: a confidence drop (float) or a bool. Limits: English; word lists; as good as the small
model's parse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from newsprism.model import Event

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["PRONOUN_ACTOR", "actor_doubt", "borrowed_subject", "nearer_clause_subject"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# he / she / they / I / we as a reported clause's subject: the reporter speaking of itself
OWN_VOICE = frozenset(["he", "she", "they", "i", "we"])

# office-holders who speak for a district, a party or themselves, not for the place named
# before them ("the Idaho congressman", "a Texas senator")
REGIONAL_ROLES = _words(
    """congressman congresswoman senator governor mayor lawmaker legislator representative
    sheriff attorney judge candidate republican democrat member delegate councilman
    councilwoman councillor assemblyman host editor anchor columnist commentator reporter
    correspondent contributor writer analyst"""
)

INSTITUTION_HEADS = _words(
    """government delegation ministry military army administration leadership team side
    embassy navy parliament cabinet presidency forces troops officials leaders authorities
    diplomats negotiators regime"""
)

PEOPLE = re.compile(r"^(?:the\s+)?(?:[A-Z][a-z]+(?:ans|ians|is))$")

BROKEN_NAME = re.compile(r"[\\/()|]|\d|\bDownload\b")
# a government's executive office, not the country: "the White House called on Congress to
# act" is the administration's demand, and the country as actor makes it read as a foreign one
EXECUTIVE_OFFICE = re.compile(
    r"\b(?:White House|Downing Street|Elys[eé]e|Pentagon|State Department)\b", re.I
)

PRONOUN_ACTOR = 0.1  # subtracted when the actor is a pronoun resolved to an antecedent
REGIONAL_PLACE = 0.45  # subtracted for "the Idaho congressman" resolved to Idaho


def nearer_clause_subject(verb: Token) -> bool:
    """Whether a trailing ", calling for …" participle comes right after a relative clause with
    a subject of its own ("the League met …, where protesters have been demonstrating for
    weeks, calling for more freedoms"): the parse hangs it on the main verb, but the nearer
    subject (the protesters) is as likely the one who calls."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.i < 2 or verb.nbor(-1).text != ",":
        return False
    for t in verb.doc[verb.head.i + 1 : verb.i - 1]:
        if t.dep_ == "relcl" and max(x.i for x in t.subtree) == verb.i - 2:
            own = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if own is not None and own.tag_ not in ("WDT", "WP"):
                return True
    return False


def borrowed_subject(verb: Token) -> bool:
    """Whether the verb is conjoined, without a subject of its own, to the verb of a reported
    clause ("countries who agreed that Hadid was a violator and backed his removal"): the parse
    gives it the reported clause's subject (Hadid), but the act is as likely the reporters'."""
    if verb.dep_ != "conj" or verb.head.dep_ != "ccomp":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    reported = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    # "Ban told the Assembly that he welcomed the decision and urged …": a he / she / they
    # subject of the reported clause is the reporter, so either reading gives the same actor
    return reported is not None and reported.lower_ not in OWN_VOICE


def actor_doubt(e: Event, kinds: Mapping[str, str], names: Mapping[str, str]) -> float:
    """How much less sure the actor is: a pronoun resolved to an antecedent, or a regional
    office-holder resolved to the place that modifies it."""
    words = (e.actor_text or "").lower().replace("’", "'").split()
    doubt = 0.0
    if words and words[0] in ("he", "she", "his", "her"):
        doubt += PRONOUN_ACTOR
    elif words and words[0] in ("they", "it", "its", "their", "we"):
        doubt += 2 * PRONOUN_ACTOR  # a plural or neuter antecedent is the least sure
    kind = kinds.get(e.actor or "", "person")
    if words and words[0] in ("my", "our", "your"):
        doubt += REGIONAL_PLACE  # "My GP refuses to …": a reader's or speaker's own, unnamed
    if BROKEN_NAME.search(names.get(e.actor or "", "")):
        doubt += REGIONAL_PLACE  # "Dave Martin\/AP BP": a name made of page furniture
    regional = kind != "person" and bool(REGIONAL_ROLES & set(words))
    # "Americans reject …": the people of a country, not its state
    regional = regional or kind == "state" and bool(PEOPLE.match(e.actor_text or ""))
    regional = regional or kind == "state" and bool(EXECUTIVE_OFFICE.search(e.actor_text or ""))
    if regional or _named_by_modifier(e.actor_text or "", kind):
        doubt += REGIONAL_PLACE
    return doubt


def _named_by_modifier(actor_text: str, kind: str) -> bool:
    """Whether the actor phrase is headed by a common noun that the resolved name only
    modifies: "the IRS official", "House conservatives" (an institution for one of its people),
    "Cornyn's Democratic counterpart, Sen. Menendez" (a person for another person). Phrases
    headed by the institution itself ("Russian forces", "the Ukrainian delegation") and role
    mentions of a person ("the Russian president" for Putin) are not."""
    head_phrase = re.split(r",| of | in | from | for | at | who | which | that ", actor_text)[0]
    words = head_phrase.replace("’", "'").split()
    if not words or words[0].lower() in ("he", "she", "they", "it", "we", "i"):
        return False
    head = words[-1].strip(".;:")
    if not head[:1].islower() or head.lower() in INSTITUTION_HEADS:
        return False
    possessive = any(w.endswith("'s") or w == "s" for w in words[:-1])
    plural = head.endswith("s") and len(words) > 1  # "Tim's doctors", "Obama's aides"
    return kind != "person" or possessive or plural
