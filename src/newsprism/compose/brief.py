"""The extractive brief: six sections written from the sources' own sentences and clauses.

    sections = compose_sections(story, articles, annotations, extractions, timeline, encoder)

Input: a story after the compare stage (entities, quotes, events, positions, claims), its
articles, annotations and extractions, and its merged timeline. Output: `BriefSection`s in the
contract's order, each sentence a `CitedSentence` whose text after its frame is a verbatim
slice of the span it cites (its first letter may be capitalised).

How each section is chosen:
- Units are the sentences of the story's original articles, with a heading run into the
  sentence or a leading connective ("However, ") trimmed off, and a sentence over
  `LONG_WORDS` words cut to its main claim clause. Each unit knows its outlet, the kinds of
  the claims in it (fact / opinion / forecast), its time values and the entities it names.
- Centrality is the cosine of a unit's vector to the mean vector of all units. Selection is
  round-robin over outlets (best remaining unit of each outlet in turn), skipping a unit too
  close to one already chosen (`DUPLICATE` cosine) or already used in another section, so a
  section draws on every outlet that has something to say on it, not only the longest.
- Introduction & Context (chosen first): lead sentences (each article's first
  `LEAD_SENTENCES`, the earlier the better) and sentences dated to the core event's day (the
  most-reported day of the timeline near the publication dates), favouring ones that name
  several actors, facts over opinions and forecasts, and narration over reported speech;
  sentences holding a direct quotation are left to the stakeholders and voices.
- Background & History: timeline entries before the core event's week, the most-reported of
  each outlet, in date order.
- Key Stakeholders & Perspectives: per actor with positions (most-reported first), a sentence
  that introduces it (its name opens the sentence), its positions in the sentences that state
  them, and one direct quote of its own. The frame is the actor's name.
- Analysis & Implications: the outlets' own assessments (opinion claims, no speaker),
  attributed to the outlet ("According to X: "), then each contradiction found by the
  compare stage as two sentences, one per side.
- Looking Ahead: timeline entries after the latest publication day ("Coming up: "), then the
  outlets' forecast claims, marked "Forecast (X): ".
- Voices: direct quotes (then reported speech) of distinct named speakers, "Speaker said: “…”".
A section with nothing to say gets a one-line `note` instead of padding.

The work is split along its seams: `units.py` (candidate sentences, trimmed, and their
vectors), `selection.py` (round-robin choice and the citation check), `sections.py` (the six
section writers); this module puts them in order.

Known limits: selection is lexical-semantic, not a reading of the story: a central sentence
can still be a side remark, and an outlet's analysis is recognised by its claim kinds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from newsprism.compose.sections import (
    analysis,
    background,
    context,
    outlook,
    stakeholders,
    voices,
)
from newsprism.compose.selection import Selection, frame_names
from newsprism.compose.timeline import date_range
from newsprism.compose.units import find_units, unit_vectors
from newsprism.embedding import Encoder
from newsprism.model import Annotation, Article, BriefSection, Story, TimelineEntry

if TYPE_CHECKING:
    from newsprism.embedding import VectorCache
    from newsprism.model import ArticleExtraction

SECTIONS: tuple[tuple[str, str], ...] = (
    ("context", "Introduction & Context"),
    ("background", "Background & History"),
    ("stakeholders", "Key Stakeholders & Perspectives"),
    ("analysis", "Analysis & Implications"),
    ("outlook", "Looking Ahead"),
    ("perspectives", "Voices"),
)
EMPTY_NOTES = {
    "context": "The sources give no statement of the core event.",
    "background": "The sources date nothing before the story's own days.",
    "stakeholders": "The sources attribute no demands, offers or refusals to a named actor.",
    "analysis": "The outlets offer no assessments of their own, and no contradictions were found.",
    "outlook": "The sources make no forecasts.",
    "perspectives": "The sources quote no named speaker.",
}


def compose_sections(
    story: Story,
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    extractions: Sequence[ArticleExtraction],
    timeline: Sequence[TimelineEntry],
    encoder: Encoder,
    cache: VectorCache | None = None,
) -> tuple[tuple[BriefSection, ...], tuple[str, ...]]:
    """The brief's six sections (see the module docstring), and the problems of the
    candidate sentences the citation checker turned away."""
    by_id = {a.id: a for a in articles}
    units = find_units(story, by_id, annotations, extractions)
    vectors = unit_vectors(units, encoder, cache)
    if len(units):
        centre = vectors.mean(axis=0)
        centre /= np.linalg.norm(centre) or 1.0
        for row, u in enumerate(units):
            u.row = row
            u.centrality = float(vectors[row] @ centre)
    selection = Selection(
        story=story,
        articles=by_id,
        units=units,
        vectors=vectors,
        timeline=timeline,
        names=frame_names(story, articles),
    )
    core = core_day(timeline, articles, story)
    # The introduction chooses first (the leads are its material), then the sections that
    # draw on the timeline, on positions and on quotes; a sentence serves one section only.
    written = {
        "context": context(selection, core),
        "background": background(selection, core),
        "stakeholders": stakeholders(selection),
        "perspectives": voices(selection),
        "outlook": outlook(selection, last_day(articles, story)),
        "analysis": analysis(selection),
    }
    sections = tuple(
        BriefSection(
            key=key,
            title=title,
            sentences=tuple(written[key]),
            note=None if written[key] else EMPTY_NOTES[key],
        )
        for key, title in SECTIONS
    )
    return sections, tuple(selection.rejected)


def last_day(articles: Sequence[Article], story: Story) -> str | None:
    """The latest publication day of the story's articles."""
    members = set(story.article_ids)
    days = [
        a.published.value
        for a in articles
        if a.id in members and a.published and a.published.granularity == "day"
    ]
    return max(days, default=None)


def core_day(
    timeline: Sequence[TimelineEntry], articles: Sequence[Article], story: Story
) -> str | None:
    """The day of the core event: the most-reported day of the timeline within a week of the
    story's publication dates (the latest such day on a tie)."""
    members = set(story.article_ids)
    days = sorted(
        date_range(a.published.value, "day")[0]
        for a in articles
        if a.id in members and a.published and a.published.granularity == "day"
    )
    counts: dict[str, set[str]] = defaultdict(set)
    for e in timeline:
        if e.granularity != "day":
            continue
        day = date_range(e.date, "day")[0]
        if days and not (days[0].toordinal() - 7 <= day.toordinal() <= days[-1].toordinal() + 1):
            continue
        counts[e.date] |= set(e.sources)
    if not counts:
        return None
    return max(counts, key=lambda d: (len(counts[d]), d))
