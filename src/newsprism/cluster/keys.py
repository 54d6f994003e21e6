"""Entity keys of an article, cheaply, for clustering: which actors and places its opening names.

Clustering runs before (and without) the spaCy annotation, so the keys come from two fast
passes over the title and lead:
- gazetteer forms, read as their entry ("Kyiv", "Ukrainian" and "Ukraine" are one key `g:Ukraine`);
- capitalised name sequences elsewhere, keyed by their last word folded by spelling
  (`Volodymyr Zelenskyy`, `Zelensky` and `Zelenskiy` meet as `n:zelensky`), so a surname on its
  own finds the full name. A capitalised word that only ever opens a sentence is not a name.
Keys are weighted later by how rare they are in the store (inverse document frequency).
"""

from __future__ import annotations

import re
from collections import Counter

from newsprism.cluster.online import Item, Vector
from newsprism.gazetteer import Gazetteer, name_key

KEY_CHARS = 2500  # the opening of the text that the keys come from

_NAME = re.compile(
    r"(?<![\w’'-])[A-Z][\w’'-]*(?:\s+(?:(?:de|al|bin|von|van|der|la)\s+)?[A-Z][\w’'-]*)*"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s+|\n\s*)$")
_NOT_NAMES = frozenset(
    """
    a an the this that these those it its he she they we i you his her their our my your
    in on at by for from with to of and or but as after before when while if since though
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mr mrs ms dr sir read share related
    photo video watch live update updated reuters ap afp
    """.split()  # noqa: SIM905
)


def entity_keys(title: str | None, text: str, gazetteer: Gazetteer) -> Counter[str]:
    """Key → count in the title and the opening of the text."""
    opening = f"{title}\n{text[:KEY_CHARS]}" if title else text[:KEY_CHARS]
    keys: Counter[str] = Counter()
    covered = [False] * len(opening)
    for start, end, form in gazetteer.finditer(opening):
        readings = gazetteer.lookup(form)
        if readings:
            keys["g:" + readings[0][0]] += 1
            covered[start:end] = [True] * (end - start)
    mid_sentence: Counter[str] = Counter()
    openers: Counter[str] = Counter()
    for match in _NAME.finditer(opening):
        if covered[match.start()]:
            continue
        words = match.group().split()
        while words and words[0].casefold() in _NOT_NAMES:
            words = words[1:]
        if not words or (len(words) == 1 and len(words[0]) < 3):
            continue
        key = "n:" + name_key(words[-1].rstrip("’'").removesuffix("’s").removesuffix("'s"))
        if key == "n:":
            continue
        opens = bool(_SENTENCE_START.search(opening[: match.start()]))
        if opens and len(words) == 1 and words[0] == match.group().split()[0]:
            openers[key] += 1
        else:
            mid_sentence[key] += 1
    for key, count in mid_sentence.items():
        keys[key] += count + openers.get(key, 0)
    return keys


def make_item(
    item_id: str,
    title: str | None,
    text: str,
    day: int | None,
    vector: Vector,
    gazetteer: Gazetteer,
) -> Item:
    """An article as the clusterer sees it: its vector, entity keys and publication day."""
    return Item(
        id=item_id, vector=vector, keys=frozenset(entity_keys(title, text, gazetteer)), day=day
    )
