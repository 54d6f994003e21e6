"""What changed in a story between two of its versions, and what changed since a round or date.

Input: story reports (the contract's story object, as `analyze` stores it) of two versions of
one story; for `changes_since`, the store's story versions (made by `newsprism watch`, one per
round that changed a story, numbered by that round). Output: `StoryChanges`, one per story,
with the new articles, new or changed claims (status, sources), new contradictions, new
timeline entries, new or changed positions and a new title, each item with its citations.

Items are matched across versions by their evidence spans, not by their ids: a claim's or a
timeline entry's id hashes its member statements, so it changes when a new article joins it,
while a span (an article id and offsets into that article's immutable text) names the same
words in every version. An item of the newer version that shares no span with any item of the
older one is new; one that does is the same item, changed when its status, kind, wording or
sources differ. Known limits: after a new extractor version every item's spans may move, and a
story's items then show as new; a new story's first version lists all its items as new (a
story `analyze` stored before the watch began is compared with that report, kept as its
version 0).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.lookup import StoryName, pick_story
from newsprism.model import Article, Span
from newsprism.store import Store

KINDS = ("article", "claim", "contradiction", "timeline", "position", "title")


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One new or changed item of a story. `id` is the item's id in the newer version (for a
    contradiction, its two claim ids joined by '|'); `detail` says what changed."""

    kind: str  # one of KINDS
    change: str  # new | changed
    id: str
    text: str
    detail: str | None = None
    citations: tuple[Span, ...] = ()
    sources: tuple[str, ...] = ()  # article ids

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "change": self.change,
            "id": self.id,
            "text": self.text,
            "detail": self.detail,
            "citations": [c.as_dict() for c in self.citations],
            "sources": list(self.sources),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryChanges:
    """What changed in one story from its version of round `since` (0: the report `analyze`
    left before the watch began, or nothing when `new_story`) to its version of round
    `version`."""

    story_id: str
    title: str | None
    since: int
    version: int
    items: tuple[Change, ...]
    new_story: bool = False  # no earlier version: everything in it is new

    def of(self, kind: str) -> tuple[Change, ...]:
        return tuple(c for c in self.items if c.kind == kind)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "story_id": self.story_id,
            "title": self.title,
            "since": self.since,
            "version": self.version,
            "new_story": self.new_story,
        }
        for kind in KINDS:
            out[_plural(kind)] = [c.as_dict() for c in self.of(kind)]
        return out

    def counts(self) -> str:
        """'2 new articles, 1 new contradiction, 1 claim changed': what changed, in one line."""
        parts = []
        for kind in KINDS:
            for change in ("new", "changed"):
                n = sum(1 for c in self.of(kind) if c.change == change)
                if n:
                    noun = _NOUNS[kind][n > 1]
                    parts.append(f"{n} new {noun}" if change == "new" else f"{n} {noun} changed")
        return ", ".join(parts)


_NOUNS = {  # kind -> (one, several), for `counts`
    "article": ("article", "articles"),
    "claim": ("claim", "claims"),
    "contradiction": ("contradiction", "contradictions"),
    "timeline": ("timeline entry", "timeline entries"),
    "position": ("position", "positions"),
    "title": ("title", "titles"),
}


def _plural(kind: str) -> str:
    return {"timeline": "timeline", "title": "title"}.get(kind, kind + "s")


SpanKey = tuple[str, int, int]


def _keys(spans: Iterable[Mapping[str, Any]]) -> set[SpanKey]:
    return {(str(s["article_id"]), int(s["start"]), int(s["end"])) for s in spans}


def _span(s: Mapping[str, Any]) -> Span:
    return Span(article_id=str(s["article_id"]), start=int(s["start"]), end=int(s["end"]))


def _match(
    old_items: Sequence[Mapping[str, Any]],
    new_items: Sequence[Mapping[str, Any]],
    spans_of: Any,
) -> list[tuple[Mapping[str, Any], Mapping[str, Any] | None]]:
    """Each new item with the old item it shares the most evidence spans with (None: new)."""
    owner: dict[SpanKey, list[int]] = {}
    for index, item in enumerate(old_items):
        for key in spans_of(item):
            owner.setdefault(key, []).append(index)
    out: list[tuple[Mapping[str, Any], Mapping[str, Any] | None]] = []
    for item in new_items:
        votes: dict[int, int] = {}
        for key in spans_of(item):
            for index in owner.get(key, ()):
                votes[index] = votes.get(index, 0) + 1
        best = max(votes, key=lambda i: (votes[i], -i)) if votes else None
        out.append((item, old_items[best] if best is not None else None))
    return out


def _added_sources(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    before = set(old.get("sources", ()))
    return [s for s in new.get("sources", ()) if s not in before]


def diff_reports(
    old: Mapping[str, Any] | None,
    new: Mapping[str, Any],
    article_titles: Mapping[str, str] | None = None,
) -> tuple[Change, ...]:
    """The new and changed items of story report `new` against `old` (None: everything is
    new), in the order articles, claims, contradictions, timeline, positions, title.
    `article_titles` gives the text shown for a new article (its id otherwise)."""
    before: Mapping[str, Any] = old or {}
    titles = article_titles or {}
    out: list[Change] = []
    known = set(before.get("article_ids", ()))
    for article_id in new.get("article_ids", ()):
        if article_id not in known:
            out.append(
                Change(
                    kind="article",
                    change="new",
                    id=article_id,
                    text=titles.get(article_id, article_id),
                    sources=(article_id,),
                )
            )
    out += _claim_changes(before.get("claims", ()), new.get("claims", ()))
    out += _contradiction_changes(before.get("disagreements", ()), new.get("disagreements", ()))
    out += _timeline_changes(before.get("timeline", ()), new.get("timeline", ()))
    out += _position_changes(before.get("positions", ()), new.get("positions", ()))
    if old is not None and new.get("title") != before.get("title"):
        out.append(
            Change(
                kind="title",
                change="changed",
                id=str(new.get("id", "")),
                text=str(new.get("title") or ""),
                detail=f"was: {before.get('title') or '(none)'}",
            )
        )
    return tuple(out)


def _claim_changes(
    old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]
) -> list[Change]:
    out = []
    for claim, was in _match(old, new, lambda c: _keys(c.get("evidence", ()))):
        cited = tuple(_span(s) for s in claim.get("evidence", ()))
        common = {"kind": "claim", "id": claim["id"], "text": claim["text"], "citations": cited}
        if was is None:
            detail = str(claim.get("status"))
            out.append(
                Change(change="new", detail=detail, sources=tuple(claim["sources"]), **common)
            )
            continue
        notes = []
        if was.get("status") != claim.get("status"):
            notes.append(f"{was.get('status')} → {claim.get('status')}")
        added = _added_sources(was, claim)
        if added:
            notes.append(f"+{len(added)} source{'s' if len(added) > 1 else ''}")
        if notes:
            out.append(
                Change(change="changed", detail="; ".join(notes), sources=tuple(added), **common)
            )
    return out


def _contradiction_changes(
    old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]
) -> list[Change]:
    def sides(d: Mapping[str, Any]) -> list[set[SpanKey]]:
        return [_keys(side.get("evidence", ())) for side in d.get("sides", ())]

    out = []
    for item in new:
        mine = sides(item)
        seen = any(
            d.get("slot") == item.get("slot")
            and len(theirs := sides(d)) == 2 == len(mine)
            and (
                (mine[0] & theirs[0] and mine[1] & theirs[1])
                or (mine[0] & theirs[1] and mine[1] & theirs[0])
            )
            for d in old
        )
        if seen:
            continue
        a, b = item["sides"]
        out.append(
            Change(
                kind="contradiction",
                change="new",
                id=f"{a['claim']}|{b['claim']}",
                text=f"{a['text']} ⟷ {b['text']}",
                detail=f"{item.get('slot')}: {a.get('value')} against {b.get('value')}",
                citations=tuple(_span(s) for side in (a, b) for s in side["evidence"][:1]),
                sources=tuple(dict.fromkeys([*a["sources"], *b["sources"]])),
            )
        )
    return out


def _timeline_changes(
    old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]
) -> list[Change]:
    return [
        Change(
            kind="timeline",
            change="new",
            id=entry["id"],
            text=entry["text"],
            detail=entry["date"],
            citations=tuple(_span(s) for s in entry.get("evidence", ())),
            sources=tuple(entry.get("sources", ())),
        )
        for entry, was in _match(old, new, lambda e: _keys(e.get("evidence", ())))
        if was is None
    ]


def _position_changes(
    old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]
) -> list[Change]:
    out = []

    def spans(p: Mapping[str, Any]) -> set[SpanKey]:
        return _keys(p.get("stance_spans", ()))

    for position, was in _match(old, new, spans):
        who = position.get("actor_name") or position.get("actor")
        common = {
            "kind": "position",
            "id": position["id"],
            "text": position["stance"],
            "citations": tuple(_span(s) for s in position.get("stance_spans", ())),
        }
        if was is None:
            detail = f"{who}: {position.get('kind')}"
            sources = tuple(position.get("sources", ()))
            out.append(Change(change="new", detail=detail, sources=sources, **common))
            continue
        notes = []
        if was.get("kind") != position.get("kind"):
            notes.append(f"{who}: {was.get('kind')} → {position.get('kind')}")
        if was.get("stance") != position.get("stance"):
            notes.append(f"was: {was.get('stance')}")
        added = _added_sources(was, position)
        if added:
            notes.append(f"+{len(added)} source{'s' if len(added) > 1 else ''}")
        if notes:
            out.append(
                Change(change="changed", detail="; ".join(notes), sources=tuple(added), **common)
            )
    return out


# --- versions in the store ------------------------------------------------------------------


def latest_round(store: Store) -> int:
    """The newest finished watch round (0 when none has finished)."""
    return max((r for r, _started, end, _s in store.watch_rounds() if end is not None), default=0)


def resolve_since(store: Store, since: str | None) -> int:
    """The round `--since` names: `last` (the default) is the round before the latest
    finished one, so its changes show; a number is that round; a date (YYYY-MM-DD, UTC, or an
    ISO date and time) is the last round started before it (0 when none)."""
    rounds = store.watch_rounds()
    finished = [r for r, _started, end, _s in rounds if end is not None]
    text = (since or "last").strip()
    if text == "last":
        if not finished:
            raise NewsprismError(
                f"{store.path}: no watch round has finished yet; run `newsprism watch` first"
            )
        return finished[-1] - 1
    if text.isdigit():
        number = int(text)
        latest = rounds[-1][0] if rounds else 0
        if number > latest:
            raise NewsprismError(
                f"--since {text}: there are only {latest} rounds in {store.path}; give a round "
                "from `newsprism changes` or `newsprism feeds`, a date, or 'last'"
            )
        return number
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise NewsprismError(
            f"--since {text!r}: not a round number, a date (YYYY-MM-DD) or 'last'"
        ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    cutoff = moment.timestamp()
    return max((r for r, started, _end, _s in rounds if started < cutoff), default=0)


def changes_since(store: Store, since: int, story: str | None = None) -> list[StoryChanges]:
    """What changed in each story with a version after round `since` (only `story`, an id, a
    unique prefix of one or title words, when given), newest version last; stories whose
    versions add nothing to what they were at `since` are left out."""
    versions = store.story_versions(after=since)
    ids = list(dict.fromkeys(story_id for story_id, _round, _title in versions))
    if story is not None:
        ids = [_one_story(store, story)]
    out = []
    for story_id in ids:
        newest = store.story_version(story_id)
        if newest is None:
            continue
        base = store.story_version(story_id, at_most=since)
        report = json.loads(newest.report)
        old = json.loads(base.report) if base is not None else None
        known = set(old.get("article_ids", ())) if old else set()
        fresh = [i for i in report.get("article_ids", ()) if i not in known]
        titles = {a.id: article_label(a) for a in store.get_articles(fresh)}
        items = diff_reports(old, report, titles)
        if items:
            out.append(
                StoryChanges(
                    story_id=story_id,
                    title=report.get("title"),
                    since=base.round if base is not None else 0,
                    new_story=base is None,
                    version=newest.round,
                    items=items,
                )
            )
    return sorted(out, key=lambda c: (c.version, c.story_id))


def _one_story(store: Store, wanted: str) -> str:
    """The story with versions that `wanted` names, as every `--story` names one (an id, a
    unique prefix of one, or title words; `newsprism.lookup`); its newest title is used."""
    titles: dict[str, str] = {}
    for story_id, _round, title in store.story_versions():
        titles[story_id] = " ".join((title or "").split()) or "(untitled)"
    names = [StoryName(id=i, title=t) for i, t in titles.items()]
    return pick_story(names, wanted, f"with versions in {store.path}").id


def article_label(article: Article) -> str:
    """'Outlet: title (date)' of an article, for listing it."""
    title = " ".join((article.title or article.text[:80]).split())
    day = f" ({article.published.value})" if article.published else ""
    return f"{article.source}: {title}{day}"


def changes_text(changes: Sequence[StoryChanges], outlets: Mapping[str, str]) -> str:
    """Plain-text listing: one block per story, each item with its change and citations
    (outlet, article id and character range)."""
    lines: list[str] = []
    marks = {"new": "+", "changed": "~"}
    for story in changes:
        since = "new story" if story.new_story else f"since version {story.since}"
        lines.append(f"{story.story_id}  {story.title or '(untitled)'}")
        lines.append(f"  version {story.version} ({since})")
        for kind in KINDS:
            items = story.of(kind)
            if not items:
                continue
            lines.append(f"  {_plural(kind) if kind != 'title' else 'title'}:")
            for item in items:
                detail = f" [{item.detail}]" if item.detail else ""
                lines.append(f"    {marks[item.change]} {item.text}{detail}")
                # the new article's spans first: they are what changed
                cited = sorted(item.citations, key=lambda c: c.article_id not in item.sources)
                for span in cited[:3]:
                    outlet = outlets.get(span.article_id, "?")
                    lines.append(f"        — {outlet}, {span.article_id}:{span.start}-{span.end}")
                if len(item.citations) > 3:
                    lines.append(f"        — and {len(item.citations) - 3} more")
    return "\n".join(lines)
