"""Which analysis items the brief may use: one small gate per kind of item.

    if trusted_position(position, unit): ...          # Key Stakeholders
    if trusted_contradiction(a, a_unit, b, b_unit, cosine): ...  # Analysis: a disagreement
    if trusted_quote(quote, unit): ...                 # Voices
    if trusted_timeline_entry(entry, unit, text): ...  # Background & History, Looking Ahead
    if trusted_corroboration(claim, unit, other, cosine, overlap): ...  # one fact, two outlets

Input: the item as the extract / compare / compose stages made it, and the candidate sentence
(`units.Unit`) the brief would write for it (None when the item's evidence is no whole
candidate sentence). Output: whether a reader may be shown it. Each gate asks what a strict
fact-checker would ask of the brief sentence the item becomes: is it a whole sentence, does it
say what the item says, and is the item read right (the actor is the one holding the stance,
the speaker is named where the words are, the date belongs to the event, both sides of a
disagreement speak of the same point). Anything that fails stays in `report.json` (the
matrix, the claims table, the timeline) but not in the brief: saying less beats saying
something wrong.

Merge note (issue 17): the extract and compare stages are getting a `confidence` per item
(`newsprism.confidence`). Each gate below has one marked line where
`shown(item.confidence, FLOORS.<kind>)` joins its checks; until those fields exist the gates
use these structural checks alone.

Limits: the checks are structural (sentence boundaries, mention offsets, claim kinds), not a
parse: an actor named first in its sentence is taken for the subject, and a date mention not
introduced by "since", "until", "like" or the like is taken for the event's own date.
"""

from __future__ import annotations

import re

from newsprism.compose.units import Unit
from newsprism.confidence import FLOORS, shown
from newsprism.model import Claim, Position, Quote, TimelineEntry

__all__ = [
    "trusted_contradiction",
    "trusted_corroboration",
    "trusted_position",
    "trusted_quote",
    "trusted_timeline_entry",
]

# an opening that makes the first name in the sentence something other than its subject
# ("Unlike the US and European countries, which have pushed for …, Turkey has …")
_SUBORDINATE_OPENING = re.compile(
    r"^(?:unlike|like|despite|although|though|while|whereas|if|as with|apart from|except|"
    r"rather than|instead of|when|after|before|as|since|once|until|because)\b",
    re.IGNORECASE,
)
# a denial or a report of someone else's view is no stance of the actor's own
_DENIAL = re.compile(r"\b(?:denie[sd]|deny|denying|rejected claims|dismissed reports)\b", re.I)
# words that make a date mention a side mention rather than the time of the sentence's event
_SIDE_DATE = re.compile(
    r"\b(?:since|until|till|like|resembling|than|as in|back to|dating from|from)\s+"
    r"(?:[\w’']+\s+){0,6}$",
    re.IGNORECASE,
)
# a sentence that foresees or guesses ("seems to be set to take place") states no fact that a
# fact could contradict
_SPECULATIVE = re.compile(
    r"\b(?:seems?|appears?|set to|will|would|might|may|could|expected to|likely|unlikely)\b"
)  # case-sensitive: "15 May" is a date
SAME_POINT = 0.55  # cosine of two sides of a disagreement: below it they are about other things
SAME_MEANING = 0.72  # cosine of two outlets' sentences that state the same fact
SAME_WORDS = 0.55  # … and the share of content words they must share


def trusted_position(position: Position, unit: Unit | None) -> bool:
    """A position may be shown when its sentence is a whole candidate sentence that names the
    actor first (as its subject, not after "Unlike …" or inside someone else's clause), no one
    else is reported as saying it, it is no denial, and its stance clause lies inside it."""
    if unit is None or not unit.whole or unit.opener != position.actor:
        return False
    if _SUBORDINATE_OPENING.match(unit.text) or _DENIAL.search(unit.text):
        return False
    if unit.speaker not in (None, position.actor):  # "A source said that Moscow insisted …"
        return False
    if not any(
        s.article_id == unit.article and unit.start <= s.start and s.end <= unit.end
        for s in position.stance_spans
    ):
        return False
    if not shown(position.confidence, FLOORS.position):
        return False
    return len(position.stance.split()) >= 3


def trusted_contradiction(
    a: Claim, a_unit: Unit | None, b: Claim, b_unit: Unit | None, similarity: float
) -> bool:
    """Two sides may be shown as a disagreement when each is a whole candidate sentence from a
    different outlet, both state facts unhedged (a forecast or a "seems to" does not
    contradict a fact, except on the number of one and the same deal, `SAME_MEANING` close),
    the compare stage found the slot they differ on, and the two sentences are about the same
    point (`similarity`, the cosine of their vectors, at least `SAME_POINT`)."""
    if a_unit is None or b_unit is None or not (a_unit.whole and b_unit.whole):
        return False
    if a_unit.source == b_unit.source or "question" in a_unit.kinds | b_unit.kinds:
        return False
    slots = {c.slot for c in a.conflicts if c.claim == b.id}
    # a number stated for the same deal ("will exchange 40" against "agreed to exchange 46")
    # is a disagreement even in the future tense; a date, an elapsed time or whether it
    # happened is not, when one side only foresees or guesses
    if "number" not in slots or similarity < SAME_MEANING:
        if a.kind != "fact" or b.kind != "fact":
            return False
        if a_unit.kinds & {"forecast"} or b_unit.kinds & {"forecast"}:
            return False
        if _SPECULATIVE.search(a_unit.text) or _SPECULATIVE.search(b_unit.text):
            return False
    # both statuses sure enough to show a reader (the claim's confidence over its floor)
    if a.reader_status != "contradicted" or b.reader_status != "contradicted":
        return False
    return any(c.claim == b.id for c in a.conflicts) and similarity >= SAME_POINT


def trusted_quote(quote: Quote, unit: Unit | None) -> bool:
    """A quote may be shown as a voice when its sentence is a whole candidate sentence, the
    speaker is a named entity whose name is written in that sentence (so the sentence itself
    says who speaks), and the quoted words lie inside it."""
    if unit is None or not unit.whole or quote.speaker is None:
        return False
    if quote.speaker not in unit.entities or unit.speaker != quote.speaker:
        return False
    if not any(
        s.article_id == unit.article and unit.start <= s.start and s.end <= unit.end
        for s in quote.content
    ):
        return False
    if not shown(quote.confidence, FLOORS.quote_speaker):
        return False  # a speaker the quote finder is not sure of is no voice to show
    return len(quote.text.split()) >= 4


def trusted_timeline_entry(entry: TimelineEntry, unit: Unit | None, text: str) -> bool:
    """A timeline entry may be shown when its sentence is a whole candidate sentence stating a
    fact (not a forecast), and the time expression its date comes from is the sentence's own,
    not a side mention ("since February 2022", "the one present in 2022")."""
    if unit is None or not unit.whole or unit.kinds & {"forecast", "question", "opinion"}:
        return False
    if entry.date.split("T")[0] not in unit.dates and not any(
        d.startswith(entry.date) for d in unit.dates
    ):
        return False
    before = text[max(unit.start, 0) : unit.end]
    mention = _first_year_or_month(before, entry.date)
    if not shown(entry.confidence, FLOORS.timeline):
        return False
    return mention is not None and not _SIDE_DATE.search(before[:mention])


def trusted_corroboration(
    claim: Claim | None, unit: Unit, member: Unit, similarity: float, overlap: float
) -> bool:
    """Another outlet's sentence (`member`) may be cited beside the one the brief writes
    (`unit`) as stating the same fact when both are whole sentences, close in meaning
    (`similarity` ≥ `SAME_MEANING`) and in words (`overlap`, the share of the shorter one's
    content words the other writes, ≥ `SAME_WORDS`), with the same numbers and dates (a
    group joining "since 2002" with "since 2003" is no corroboration); when the compare stage
    grouped them (`claim`), that group must be a corroborated fact."""
    if claim is not None and (claim.status != "corroborated" or claim.kind != "fact"):
        return False
    if not (unit.whole and member.whole) or unit.source == member.source:
        return False
    if similarity < SAME_MEANING or overlap < SAME_WORDS:
        return False
    same_numbers = set(re.findall(r"\d+", unit.text)) == set(re.findall(r"\d+", member.text))
    if claim is not None and claim.reader_status != "corroborated":
        return False  # the group's corroboration is under its confidence floor
    return same_numbers and unit.dates == member.dates


_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _first_year_or_month(text: str, date: str) -> int | None:
    """Where the sentence writes the date's year, month name or weekday/relative day first
    (an offset into `text`), None when it writes none of them."""
    year = date[:4]
    found = [m.start() for m in re.finditer(re.escape(year), text)]
    if len(date) >= 7 and date[5:7].isdigit():
        month = _MONTHS[int(date[5:7]) - 1]
        found += [m.start() for m in re.finditer(rf"\b{month}\b", text, re.IGNORECASE)]
    if not found:  # a relative date ("on Thursday", "last week"): no side mention to find
        days = re.search(
            r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
            r"last|next|this)\b",
            text,
            re.IGNORECASE,
        )
        return days.start() if days else None
    return min(found)
