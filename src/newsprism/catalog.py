"""The stored stories as a reader browses them: one summary per analysed story, and the
search, filters and sort orders of a story list.

Input: a `Store` that `analyze` has written story reports into. Output: `StorySummary`
records (title, size, outlets, date span, entity names, last update) and the subset a
`StoryQuery` selects. Only stories with a stored report are listed (a story that was only
ingested has nothing to show yet), and never one merged into another.

Limits: the summaries are read from each story's stored report, so listing costs one JSON
parse per story (about 1 ms for a 20-article story); a store of tens of thousands of stories
would want these fields in a table of their own. "Last update" is the publication date of
the story's newest article: the store keeps no clock time of when a story grew.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsprism.store import Store

SORTS = ("recent", "size")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True, kw_only=True)
class StorySummary:
    """What a story list shows of one story. `first` and `last` are ISO days (the span of
    its independent articles' publication dates); `rank` is its place in the order stories
    were last analysed (0 the most recent)."""

    id: str
    title: str
    size: int
    articles: int
    outlets: tuple[str, ...]
    first: str | None
    last: str | None
    entities: tuple[str, ...]
    merged_from: tuple[str, ...]
    rank: int


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryQuery:
    """A story list's search and filters; every field empty selects everything.

    `words` must all occur in the title or an entity name or alias; `entity` must be a
    substring of one entity name (case-insensitive); `since`/`until` (ISO days) keep stories
    whose date span touches the range; `outlet` keeps stories one of whose outlets contains
    it; `min_size`/`max_size` bound the independent article count; `sort` is `recent`
    (newest last update first) or `size` (largest first)."""

    words: str = ""
    entity: str = ""
    since: str = ""
    until: str = ""
    outlet: str = ""
    min_size: int | None = None
    max_size: int | None = None
    sort: str = "recent"


def story_summaries(store: Store) -> tuple[StorySummary, ...]:
    """A summary of every analysed story in the store, most recently analysed first."""
    merged = {row.id for row in store.stories(include_merged=True) if row.merged_into}
    out = []
    for rank, story_id in enumerate(i for i in store.reported_stories() if i not in merged):
        data = store.get_story_report(story_id)
        if data is None:
            continue
        out.append(summary_of(json.loads(data), rank))
    return tuple(out)


def summary_of(story: dict[str, object], rank: int = 0) -> StorySummary:
    """The summary of one story object of `report.json`."""
    published = story.get("published")
    span = published if isinstance(published, dict) else {}
    entities = story.get("entities")
    names: list[str] = []
    for e in entities if isinstance(entities, list) else []:
        if isinstance(e, dict):
            names += [str(e.get("name") or "")] + [str(a) for a in e.get("aliases") or ()]
    article_ids = story.get("article_ids")
    sources = story.get("sources")
    size = story.get("size")
    merged = story.get("merged_from")
    return StorySummary(
        id=str(story["id"]),
        title=str(story.get("title") or "Untitled story"),
        size=size if isinstance(size, int) else 0,
        articles=len(article_ids) if isinstance(article_ids, list) else 0,
        outlets=tuple(str(s) for s in (sources if isinstance(sources, list) else ())),
        first=span.get("first"),
        last=span.get("last"),
        entities=tuple(dict.fromkeys(n for n in names if n)),
        merged_from=tuple(str(s) for s in (merged if isinstance(merged, list) else ())),
        rank=rank,
    )


def find_stories(summaries: Iterable[StorySummary], query: StoryQuery) -> tuple[StorySummary, ...]:
    """The summaries `query` selects, in its sort order."""
    words = [w.casefold() for w in _WORD.findall(query.words)]
    entity = query.entity.strip().casefold()
    outlet = query.outlet.strip().casefold()
    kept = []
    for s in summaries:
        names = [n.casefold() for n in s.entities]
        haystack = set(_WORD.findall(s.title.casefold()))
        haystack.update(w for n in names for w in _WORD.findall(n))
        if any(w not in haystack for w in words):
            continue
        if entity and not any(entity in n for n in names):
            continue
        if outlet and not any(outlet in o.casefold() for o in s.outlets):
            continue
        if query.min_size is not None and s.size < query.min_size:
            continue
        if query.max_size is not None and s.size > query.max_size:
            continue
        if query.since and (s.last or s.first or "") < query.since:
            continue
        if query.until and (s.first or s.last or "9999") > query.until:
            continue
        kept.append(s)
    if query.sort == "size":
        kept.sort(key=lambda s: (-s.size, -s.articles, s.rank))
    else:
        kept.sort(key=lambda s: (s.last is None, _negated(s.last or ""), s.rank))
    return tuple(kept)


def rank_for_question(
    summaries: Sequence[StorySummary], question: str, limit: int = 5
) -> tuple[StorySummary, ...]:
    """Up to `limit` stories a question may be asking about, likeliest first: those whose
    title and entity names share the most of its words (rarer words weigh more; words are
    compared by their first five letters, so "detainees" meets "detainee"), then the most
    recently analysed. The caller lets each one's sources answer and keeps the best."""
    words = {_stem(w) for w in _WORD.findall(question.casefold()) if len(w) > 2}
    bags = [
        {_stem(w) for text in (s.title, *s.entities) for w in _WORD.findall(text.casefold())}
        for s in summaries
    ]
    df = {w: sum(w in bag for bag in bags) for w in words}
    scored = [
        (sum(1.0 / df[w] for w in words if w in bag), s)
        for s, bag in zip(summaries, bags, strict=True)
    ]
    scored.sort(key=lambda t: (-t[0], t[1].rank))
    return tuple(s for _, s in scored[:limit])


def _stem(word: str) -> str:
    return word[:5]


def _negated(day: str) -> tuple[int, ...]:
    """A key that sorts ISO days newest first."""
    return tuple(-int(p) for p in re.findall(r"\d+", day)) or (0,)
