"""The extractive brief: six sections written from the sources' own sentences and clauses.

    sections = compose_sections(story, articles, annotations, extractions, timeline, encoder)

Input: a story after the compare stage (entities, quotes, events, positions, claims), its
articles, annotations and extractions, and its merged timeline. Output: `BriefSection`s in the
contract's order, each sentence a `CitedSentence` whose text after its frame is a verbatim
slice of the span it cites (its first letter may be capitalised, and a stop is added to a
last sentence its article left without one).

A brief a reader would choose: short, whole sentences, one fact once, every sentence cited.
- A word budget (`words`, 600 by default: `--brief-words`) is shared out over the sections
  (`SHARES`); each section takes sentences while its words last. Everything else (all claims,
  the positions matrix, the timeline, all quotes) stays in the report's other parts.
- Units are the sentences of the story's original articles, with a heading run into the
  sentence or a leading connective ("However, ") trimmed off. Only whole sentences are
  written (`prose.is_whole`: a capital start, a closing stop, at least six words, no opening
  "it" / "this" / "he" …, at most `LONG_WORDS` words, or `LEAD_WORDS` for an article's first
  sentence in the introduction); no sentence is cut to a clause.
- Centrality is the cosine of a unit's vector to the mean vector of all units. Selection is
  round-robin over outlets, skipping a unit too close to one already chosen (`DUPLICATE`
  cosine) or already used in another section.
- What the brief may say about positions, quotes, contradictions, timeline entries and
  corroborations goes through one gate per kind (`trust.py`).
- Introduction & Context (chosen first): the newest article's statement of where things stand
  (its best lead or core-day sentence; on a tie of publication days, the article that reports
  the latest dated day), then other outlets' leads and core-day sentences. A fact stated by
  several outlets is written once, in the clearest (most central) wording, citing every
  outlet whose sentence agrees with it in numbers and dates; their other wordings are not
  written again anywhere. Forecasts, hedged sentences and quotations are left out.
- Background & History: timeline entries before the core event's week whose date is the
  sentence's own (not "since 2022"), as the whole sentence, in date order.
- Key Stakeholders & Perspectives: one line per actor (at most six, the one most outlets name
  first): the sentences in which the actor, named first, states a demand, an offer or a
  refusal (one of each column at most two), each led by the actor's name ("Russia: ").
- Analysis & Implications: each trusted disagreement as "Outlets differ on <point>. Source B:
  … Source C: …", then the outlets' own assessments (opinion sentences of the outlet's own
  narration: no quotation, comment, first person, reported speech or hearsay —
  `narration.py`), led by the outlet's label ("Source E writes: "), then named speakers'
  assessments in the sentence that names the speaker (no frame).
- Looking Ahead: the outlets' forecasts (own narration, as above), led by the outlet's label
  ("Source A expects: "), then named speakers' forecasts (no frame), minus those a fact of
  another article already reports as done (`sections.DONE` cosine) or that name a day
  already past.
- Voices: the whole sentence quoting each named speaker (the sentence names who speaks).
A section with nothing to say gets a one-line `note` instead of padding.

The work is split along its seams: `units.py` (candidate sentences, trimmed, and their
vectors), `selection.py` (round-robin choice, the budget and the citation check), `trust.py`
(which analysis items may be used), `sections.py` (the six section writers); this module puts
them in order.

Known limits: selection is lexical-semantic, not a reading of the story: a central sentence
can still be a side remark, and an outlet's analysis is recognised by its claim kinds. An
outlet whose sentences are all long or open on a pronoun is not heard.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
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
from newsprism.compose.selection import Selection, frame_names, story_labels
from newsprism.compose.timeline import date_range
from newsprism.compose.units import find_units, unit_vectors
from newsprism.embedding import Encoder
from newsprism.model import (
    Annotation,
    Article,
    BriefSection,
    CitedSentence,
    Story,
    TimelineEntry,
)

if TYPE_CHECKING:
    from newsprism.compose.units import Unit
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
BRIEF_WORDS = 600
# each section's share of the word budget (the six add up to 1)
SHARES = {
    "context": 0.24,
    "background": 0.15,
    "stakeholders": 0.25,
    "analysis": 0.16,
    "outlook": 0.10,
    "perspectives": 0.10,
}
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
    words: int = BRIEF_WORDS,
) -> tuple[tuple[BriefSection, ...], tuple[str, ...]]:
    """The brief's six sections in at most `words` words (see the module docstring), and the
    problems of the candidate sentences the citation checker turned away."""
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
        labels=story_labels(story, articles),
    )
    core = core_day(timeline, articles, story)
    latest = last_day(articles, story)
    newest = newest_articles(articles, story, units)
    writers: dict[str, Callable[[], list[CitedSentence]]] = {
        "context": lambda: context(selection, core, newest),
        "background": lambda: background(selection, core),
        "stakeholders": lambda: stakeholders(selection),
        "analysis": lambda: analysis(selection),
        "outlook": lambda: outlook(selection, latest),
        "perspectives": lambda: voices(selection),
    }
    # The introduction chooses first (the leads are its material), then the sections that
    # draw on the timeline, on positions, on assessments and forecasts, and last the voices
    # (a named speaker's assessment is Analysis's before it is a voice); a sentence serves
    # one section only.
    # Words a section leaves unspent pass on to the next one to choose.
    written: dict[str, list[CitedSentence]] = {}
    spare = 0
    for key, write in writers.items():
        selection.words_left = int(words * SHARES[key]) + spare
        written[key] = write()
        spare = max(selection.words_left, 0)
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


def newest_articles(articles: Sequence[Article], story: Story, units: Sequence[Unit]) -> set[str]:
    """The article(s) that tell the latest state of the story: published last and, among
    those, reporting the latest dated day up to their publication (so an article that reports
    the talks as held beats one that announces them for "Friday")."""
    members = [a for a in articles if a.id in set(story.article_ids) and not a.duplicate_of]
    if not members:
        return set()
    day = {a.id: a.published.value if a.published else "" for a in members}
    last = max(day.values())
    newest = [a for a in members if day[a.id] == last]
    reported: dict[str, str] = {}
    for u in units:
        if u.article in day and not u.kinds & {"forecast", "question"}:
            past = [d for d in u.dates if len(d) == 10 and d <= (day[u.article] or d)]
            reported[u.article] = max([reported.get(u.article, ""), *past])
    best = max(reported.get(a.id, "") for a in newest)
    return {a.id for a in newest if reported.get(a.id, "") == best}


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
