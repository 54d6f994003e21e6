"""How sure newsprism is of an analysis item, and the floor below which a reader does not see it.

Every analysis item that can be wrong in a way a reader would act on (a quote's speaker, an
event, a position, a claim's status, a timeline entry, an answer's value) carries a
`confidence` in [0, 1]: an estimate, from the evidence the stage had, that the item is right
as a strict fact-checker would judge it against its cited source text. The estimate is
calibrated on the judged audit (`bench/audit.py`): each kind's floor below is the lowest
confidence at which the audited precision of the items shown stays at or above 0.90.

Items under their floor are still written to `report.json`, with their confidence, so nothing
is hidden from a tool or an auditor; the brief, the matrix, the disagreements, the timeline a
reader sees and `ask` use only items at or above it (`shown`).

Limits: a confidence is a score from rules and model similarities, not a probability fitted on
large data; a floor holds for news like the audited corpora, not for every genre.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FLOORS", "Floors", "shown"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Floors:
    """The lowest confidence shown to a reader, per kind of item (set on the judged audit)."""

    quote_speaker: float = 0.5  # self-review of BASIL quotes, bench/RESULTS.md (issue 17)
    event: float = 0.6  # hides events with no actor or an unresolved pronoun; weak (RESULTS)
    position: float = 0.7  # self-review of BASIL positions, bench/RESULTS.md (issue 17)
    # corroborated: blind audit 2026-12-03 (sample `final`, 45 judged): 0.919 of the 37 at or
    # over 0.7, 0.867 of all 45 at the old 0.6 (bench/RESULTS.md)
    claim_status: float = 0.7
    contradiction: float = 0.6  # the same audit: all 6 contradicted pairs right at 0.6
    timeline: float = 0.6  # self-review, BASIL/Istanbul/Timeline17 (bench/RESULTS.md)
    answer: float = 0.5


FLOORS = Floors()


def shown(confidence: float | None, floor: float) -> bool:
    """Whether an item with this confidence is shown to a reader; an item from an older report
    with no confidence (None) is shown, as it was when that report was written."""
    return confidence is None or confidence >= floor
