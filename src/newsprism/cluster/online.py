"""Online story clustering: each new article joins the best-scoring recent story or opens one.

An article is compared with the stories that are *active* at its date: those whose first-to-last
publication days, widened by `window_days`, contain it (undated articles and stories are always
active). Among them the `top_k` nearest story centroids by cosine are scored:

    score = cos(article, centroid) + entity_weight * shared(article, story) - day_penalty * gap

`shared` is the IDF-weighted share of the article's entity keys that the story's members name
(each key weighted by the fraction of members naming it); `gap` is the distance in days outside
the story's date range over `window_days` (0 inside it). The article joins the best story when
its score reaches the bar, otherwise it founds a new one. The bar is `threshold` plus
`entity_margin` when both the article and the story name entity keys and the store (with the
batch so far) holds at least `margin_from_articles` articles, and `threshold` alone otherwise.
Two reports of one event name the same actors and places, so the bonus lifts their score well
over the raised bar; two events of one kind (two earthquakes, two shootings) are worded alike,
so their cosine is high, but they name different places and people, get little bonus and stay
under it. Texts without names (short snippets) keep the bar that cosine alone was set for; so
does a small store, where the weights cannot tell a rare name from a common one (in a store of
one event's three reports every name is in every article and weighs nothing, so no bonus could
be earned). So a story follows its event as coverage continues, and a comparison costs the same
however many old stories the store holds.

After a batch, two passes tidy up what one pass in arrival order gets wrong:
- an article that founded a singleton in this batch is scored again against the final stories
  and moves if one now passes the threshold (its singleton was never reported, so no id changes);
- stories touched by the batch are merged with an active story whose centroid is within
  `merge_threshold` (plus `merge_entity_margin` when both name entity keys; same score formula,
  story against story, the bonus the smaller of the two directions); the older story keeps its
  id and records the other in `merged_from`.

A story's id is a hash of the article that founded it, so it stays put as the story grows.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from newsprism.model import content_id

Vector = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterParams:
    """The scoring constants (see the module docstring). `entity_weight` and `entity_margin`
    were chosen by leave-one-topic-out cross-validation on ECB+ sub-topics with the bare
    thresholds fixed (`bench/stories_cv.py`; bench/RESULTS.md has the figures).
    `merge_entity_margin` stays 0: a raised merge bar scored higher on ECB+ (88.0 against
    87.1) but no longer let a later report bridge two stored stories of one event in the
    example corpus (tests/cluster/test_stories_end_to_end.py)."""

    threshold: float = 0.55
    entity_weight: float = 0.55
    entity_margin: float = 0.10
    window_days: int = 7
    day_penalty: float = 0.05
    merge_threshold: float = 0.72
    merge_entity_margin: float = 0.0
    margin_from_articles: int = 30
    top_k: int = 10

    def bar(self, named: bool, *, merge: bool = False) -> float:
        """The score to reach: raised by the margin when both sides name entity keys."""
        if merge:
            return self.merge_threshold + (self.merge_entity_margin if named else 0.0)
        return self.threshold + (self.entity_margin if named else 0.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One article as clustering sees it."""

    id: str
    vector: Vector
    keys: frozenset[str] = frozenset()
    day: int | None = None


@dataclass(slots=True, kw_only=True)
class StoryState:
    """A story while clustering: members, the sum of their vectors, who names which key."""

    id: str
    founder: str
    members: list[str]
    vector_sum: npt.NDArray[np.float64]
    keys: Counter[str] = field(default_factory=Counter)
    first_day: int | None = None
    last_day: int | None = None
    merged_from: list[str] = field(default_factory=list)
    merged_into: str | None = None

    @property
    def size(self) -> int:
        return len(self.members)

    def centroid(self) -> Vector:
        norm = float(np.linalg.norm(self.vector_sum))
        out: Vector = (self.vector_sum / norm if norm else self.vector_sum).astype(np.float32)
        return out


def new_story_id(founder: str) -> str:
    return content_id("story", founder)


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    assigned: dict[str, str]  # article id -> story id, for the batch's articles
    created: tuple[str, ...]  # stories founded by this batch (still alive)
    changed: tuple[str, ...]  # existing stories that grew or absorbed another
    merges: tuple[tuple[str, str], ...]  # (absorbed story, surviving story)


class Clusterer:
    """Holds the active stories; `add(items)` assigns a batch and returns what changed."""

    def __init__(
        self,
        stories: Iterable[StoryState] = (),
        *,
        df: Mapping[str, int] | None = None,
        total: int = 0,
        params: ClusterParams | None = None,
        dimensions: int = 384,
    ) -> None:
        self.params = params or ClusterParams()
        self.df: Counter[str] = Counter(df or {})
        self.total = total
        self.stories: list[StoryState] = []
        self._slot: dict[str, int] = {}
        self._vectors = np.zeros((16, dimensions), dtype=np.float32)
        self._first = np.zeros(16)
        self._last = np.zeros(16)
        self._alive = np.zeros(16, dtype=bool)
        for story in stories:
            self._put(story)

    # --- the batch ------------------------------------------------------------------------

    def add(self, items: Sequence[Item]) -> Outcome:
        order = sorted(items, key=lambda i: (i.day is None, i.day or 0, i.id))
        before = set(self._slot)
        assigned: dict[str, str] = {}
        for item in order:
            self.total += 1
            self.df.update(item.keys)
            best = self._best(item)
            if best is None:
                story = StoryState(
                    id=new_story_id(item.id),
                    founder=item.id,
                    members=[],
                    vector_sum=np.zeros(self._vectors.shape[1]),
                )
                self._put(story)
            else:
                story = best
            self._join(story, item)
            assigned[item.id] = story.id
        self._second_chance(order, assigned, before)
        merges = self._merge_pass({assigned[i.id] for i in order}, before)
        for absorbed, survivor in merges:
            for article, story_id in assigned.items():
                if story_id == absorbed:
                    assigned[article] = survivor
        alive = {s.id for s in self.stories if s.merged_into is None}
        touched = set(assigned.values()) | {survivor for _, survivor in merges}
        return Outcome(
            assigned=assigned,
            created=tuple(sorted(s for s in touched - before if s in alive)),
            changed=tuple(sorted(s for s in touched & before if s in alive)),
            merges=tuple(merges),
        )

    def story(self, story_id: str) -> StoryState:
        return self.stories[self._slot[story_id]]

    # --- scoring --------------------------------------------------------------------------

    def _candidates(self, day: int | None, first: int | None = None) -> npt.NDArray[np.intp]:
        n = len(self.stories)
        alive = self._alive[:n]
        if day is None:
            return np.flatnonzero(alive)
        lo = (first if first is not None else day) - self.params.window_days
        hi = day + self.params.window_days
        last, firsts = self._last[:n], self._first[:n]
        undated = np.isnan(last)
        inside = (last >= lo) & (firsts <= hi)
        return np.flatnonzero(alive & (undated | inside))

    def _best(self, item: Item, exclude: str | None = None) -> StoryState | None:
        slots = self._candidates(item.day)
        if exclude is not None:
            slots = slots[slots != self._slot[exclude]]
        if not len(slots):
            return None
        sims = self._vectors[slots] @ item.vector
        k = min(self.params.top_k, len(slots))
        top = np.argpartition(-sims, k - 1)[:k] if k < len(slots) else np.arange(len(slots))
        best, best_margin = None, 0.0
        for t in top:
            story = self.stories[int(slots[t])]
            score = float(sims[t]) + self._extra(item.keys, item.day, story)
            margin = score - self.params.bar(self._named(item.keys, story.keys))
            if margin >= best_margin:
                best, best_margin = story, margin
        return best

    def _named(self, keys: Iterable[str], other: Iterable[str]) -> bool:
        """Whether the raised bar applies: both sides name keys, and the store is big enough
        for their weights to say which names are rare."""
        return self.total >= self.params.margin_from_articles and any(keys) and any(other)

    def _extra(self, keys: frozenset[str], day: int | None, story: StoryState) -> float:
        p = self.params
        extra = p.entity_weight * self._shared(keys, story)
        if day is not None and story.first_day is not None and story.last_day is not None:
            gap = max(story.first_day - day, day - story.last_day, 0)
            extra -= p.day_penalty * min(gap / max(p.window_days, 1), 1.0)
        return extra

    def _idf(self, key: str) -> float:
        return math.log((self.total + 1) / (self.df.get(key, 0) + 1))

    def _shared(self, keys: Iterable[str], story: StoryState) -> float:
        total = shared = 0.0
        for key in keys:
            weight = self._idf(key)
            total += weight
            count = story.keys.get(key, 0)
            if count:
                shared += weight * count / story.size
        return shared / total if total else 0.0

    # --- changes --------------------------------------------------------------------------

    def _put(self, story: StoryState) -> None:
        slot = len(self.stories)
        if slot == len(self._vectors):
            grow = len(self._vectors) * 2
            self._vectors = np.resize(self._vectors, (grow, self._vectors.shape[1]))
            self._first, self._last = np.resize(self._first, grow), np.resize(self._last, grow)
            self._alive = np.resize(self._alive, grow)
        self.stories.append(story)
        self._slot[story.id] = slot
        self._refresh(story)

    def _refresh(self, story: StoryState) -> None:
        slot = self._slot[story.id]
        self._vectors[slot] = story.centroid()
        self._first[slot] = np.nan if story.first_day is None else story.first_day
        self._last[slot] = np.nan if story.last_day is None else story.last_day
        self._alive[slot] = story.merged_into is None and story.size > 0

    def _join(self, story: StoryState, item: Item) -> None:
        story.members.append(item.id)
        story.vector_sum += item.vector
        story.keys.update(item.keys)
        if item.day is not None:
            story.first_day = min(item.day, story.first_day or item.day)
            story.last_day = max(item.day, story.last_day or item.day)
        self._refresh(story)

    def _leave(self, story: StoryState, item: Item) -> None:
        story.members.remove(item.id)
        story.vector_sum -= item.vector
        story.keys.subtract(item.keys)
        story.keys = +story.keys
        self._refresh(story)

    def _second_chance(
        self, order: Sequence[Item], assigned: dict[str, str], before: set[str]
    ) -> None:
        for item in order:
            story = self.story(assigned[item.id])
            if story.id in before or story.size != 1:
                continue
            other = self._best(item, exclude=story.id)
            if other is not None:
                self._leave(story, item)
                self._join(other, item)
                assigned[item.id] = other.id

    def _merge_pass(self, touched: set[str], before: set[str]) -> list[tuple[str, str]]:
        merges: list[tuple[str, str]] = []
        queue = sorted(touched)
        while queue:
            story = self.story(queue.pop())
            if story.merged_into is not None or story.size == 0:
                continue
            partner = self._merge_partner(story)
            if partner is None:
                continue
            survivor, absorbed = sorted((story, partner), key=lambda s: _age(s, before))
            self._absorb(survivor, absorbed, reported=absorbed.id in before)
            merges.append((absorbed.id, survivor.id))
            queue.append(survivor.id)
        return merges

    def _merge_partner(self, story: StoryState) -> StoryState | None:
        slots = self._candidates(story.last_day, story.first_day)
        slots = slots[slots != self._slot[story.id]]
        if not len(slots):
            return None
        centroid = story.centroid()
        sims = self._vectors[slots] @ centroid
        keys = frozenset(story.keys)
        best, best_margin = None, 0.0
        for t in np.flatnonzero(sims >= self.params.merge_threshold - self.params.entity_weight):
            other = self.stories[int(slots[t])]
            score = float(sims[t]) + self.params.entity_weight * min(
                self._shared(keys, other), self._shared(frozenset(other.keys), story)
            )
            margin = score - self.params.bar(self._named(keys, other.keys), merge=True)
            if margin >= best_margin:
                best, best_margin = other, margin
        return best

    def _absorb(self, survivor: StoryState, absorbed: StoryState, *, reported: bool) -> None:
        survivor.members.extend(absorbed.members)
        survivor.vector_sum += absorbed.vector_sum
        survivor.keys.update(absorbed.keys)
        days = [d for d in (survivor.first_day, absorbed.first_day) if d is not None]
        survivor.first_day = min(days) if days else None
        days = [d for d in (survivor.last_day, absorbed.last_day) if d is not None]
        survivor.last_day = max(days) if days else None
        survivor.merged_from.extend(([absorbed.id] if reported else []) + absorbed.merged_from)
        absorbed.merged_into = survivor.id
        absorbed.members = []
        self._refresh(survivor)
        self._refresh(absorbed)


def _age(story: StoryState, before: set[str]) -> tuple[bool, int, int, str]:
    """The story that keeps its id in a merge sorts first: one already stored before this
    batch, then the bigger, then the earlier."""
    first = story.first_day if story.first_day is not None else 0
    return (story.id not in before, -story.size, first, story.id)
