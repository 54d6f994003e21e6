"""Finding what a user names on the command line: a story and an outlet.

Every command that takes `--story` names a story the same way: its full id, a unique prefix
of the id, or words of its title (all of them, in any order, case ignored). An outlet is named
by its name, case and spacing ignored, or by a part of it that only one outlet has.

Input: the candidates (stories as `(id, title)` pairs, outlet names) and the text typed.
Output: one story id or outlet name, or a `NewsprismError` that lists every match, or every
candidate when nothing matches, so the user can copy the one they meant. Limits: the title
search is word containment, not fuzzy matching; a misspelt word matches nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsprism.errors import NewsprismError
from newsprism.settings import Settings
from newsprism.store import Store

DEFAULT_DB = Settings().db


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryName:
    """A story as a user sees it in a list: its id and title."""

    id: str
    title: str

    def line(self) -> str:
        return f"{self.id}  {self.title}"


def analysed_stories(store: Store) -> list[StoryName]:
    """The stories `analyze` left a report of, the one written last first; stories merged
    into another since are left out (their report is stale: the survivor holds them)."""
    rows = {r.id: r for r in store.stories(include_merged=True)}
    names = []
    for story_id in store.reported_stories():
        row = rows.get(story_id)
        if row is not None and row.merged_into:
            continue
        title = " ".join((row.title or "").split()) if row is not None else ""
        names.append(StoryName(id=story_id, title=title or "(untitled)"))
    return names


def analyze_hint(db: str) -> str:
    """The command that fills the store `db`, for messages."""
    where = "" if db == DEFAULT_DB else f" --db {db}"
    return f"`newsprism analyze INPUT{where}`"


def default_story(store: Store, db: str) -> StoryName:
    """The story the last `analyze` wrote last (its largest story), for commands given no
    `--story`."""
    names = analysed_stories(store)
    if not names:
        raise NewsprismError(
            f"{db}: no analysed story here yet; run {analyze_hint(db)} first "
            "(`make demo` does it for the example corpus)"
        )
    return names[0]


def find_story(store: Store, ref: str, db: str) -> StoryName:
    """The analysed story that `ref` names in the store (see the module docstring)."""
    names = analysed_stories(store)
    if not names:
        default_story(store, db)  # raises the "nothing analysed yet" message
    try:
        return pick_story(names, ref, f"in {db}")
    except NewsprismError:
        key = ref.strip().lower()
        merged = {r.id: r.merged_into for r in store.stories(include_merged=True)}
        gone = [i for i, into in merged.items() if into and key and i.startswith(key)]
        if len(gone) == 1:  # an id the user kept from before a merge
            raise NewsprismError(
                f"story {ref!r} was merged into story {merged[gone[0]]}; name that one instead"
            ) from None
        raise


def pick_story(names: Sequence[StoryName], ref: str, where: str) -> StoryName:
    """The one story among `names` that `ref` names: a full id, a unique id prefix, or title
    words. `where` says where the stories are, for the message."""
    wanted = ref.strip()
    if not wanted:
        raise NewsprismError("--story is empty; give a story id, a prefix of one or title words")
    key = wanted.lower()
    for name in names:
        if name.id == key:
            return name
    by_prefix = [n for n in names if n.id.startswith(key)]
    if len(by_prefix) == 1:
        return by_prefix[0]
    if len(by_prefix) > 1:
        raise NewsprismError(
            f"story {wanted!r} is the start of {len(by_prefix)} story ids {where}; give more "
            f"of the id:{_listing(by_prefix)}"
        )
    words = key.split()
    by_title = [n for n in names if all(w in n.title.lower() for w in words)]
    if len(by_title) == 1:
        return by_title[0]
    if len(by_title) > 1:
        raise NewsprismError(
            f"story {wanted!r} matches the titles of {len(by_title)} stories {where}; give "
            f"more words or the id:{_listing(by_title)}"
        )
    raise NewsprismError(
        f"no story {where} has an id starting with or a title containing {wanted!r}; the "
        f"analysed stories are:{_listing(names)}"
    )


def pick_outlet(outlets: Iterable[str], ref: str, where: str) -> str:
    """The one outlet among `outlets` that `ref` names: its name (case and spacing ignored)
    or a part of it only one outlet has."""
    known = sorted(set(outlets), key=str.casefold)
    key = " ".join(ref.split()).casefold()
    if not key:
        raise NewsprismError("the outlet name is empty; give an outlet's name")
    for outlet in known:
        if " ".join(outlet.split()).casefold() == key:
            return outlet
    partial = [o for o in known if key in " ".join(o.split()).casefold()]
    if len(partial) == 1:
        return partial[0]
    listing = "".join(f"\n  {o}" for o in (partial or known)) or "\n  (none)"
    if partial:
        raise NewsprismError(
            f"outlet {ref!r} is part of {len(partial)} outlet names {where}:{listing}"
        )
    raise NewsprismError(f"no outlet named {ref!r} {where}; the outlets are:{listing}")


def _listing(names: Sequence[StoryName]) -> str:
    return "".join(f"\n  {n.line()}" for n in names)
