"""Naming a story (id, id prefix, title words) and an outlet the same way in every command."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.errors import NewsprismError
from newsprism.lookup import StoryName, find_story, pick_outlet, pick_story
from newsprism.model import StoryRow
from newsprism.store import Store

NAMES = [
    StoryName(id="dc8bde7724b3924d", title="Valdoria, Ostrava-Marenne sign prisoner swap"),
    StoryName(id="dc81aa0000000000", title="Geneva talks resume on Lysa harbour"),
    StoryName(id="0bb3beaed69e7df3", title="Rotterdam dockworkers walk out over cranes"),
]


def test_a_story_is_named_by_full_id_unique_prefix_or_title_words() -> None:
    assert pick_story(NAMES, "0bb3beaed69e7df3", "here").id == "0bb3beaed69e7df3"
    assert pick_story(NAMES, "0bb", "here").id == "0bb3beaed69e7df3"
    assert pick_story(NAMES, "DC8B", "here").id == "dc8bde7724b3924d"
    assert pick_story(NAMES, "swap prisoner", "here").id == "dc8bde7724b3924d"
    assert pick_story(NAMES, "  Dockworkers ", "here").id == "0bb3beaed69e7df3"


def test_an_ambiguous_prefix_lists_every_match() -> None:
    with pytest.raises(NewsprismError) as err:
        pick_story(NAMES, "dc8", "in news.db")
    message = str(err.value)
    assert "start of 2 story ids in news.db" in message
    assert "dc8bde7724b3924d  Valdoria" in message and "dc81aa0000000000  Geneva" in message
    assert "0bb3" not in message


def test_an_ambiguous_title_search_lists_every_match() -> None:
    with pytest.raises(NewsprismError, match="matches the titles of 2 stories") as err:
        pick_story(NAMES, "on", "here")  # in "prisoner" and "resume on", not in the strike's
    assert "dc8bde7724b3924d" in str(err.value) and "dc81aa0000000000" in str(err.value)
    assert "0bb3" not in str(err.value)


def test_no_match_lists_all_stories() -> None:
    many = [StoryName(id=f"{i:016x}", title=f"story number {i}") for i in range(9)]
    with pytest.raises(NewsprismError) as err:
        pick_story(many, "zebra", "in news.db")
    message = str(err.value)
    assert "no story in news.db has an id starting with or a title containing 'zebra'" in message
    assert all(n.id in message for n in many)  # all nine, not the first five


def test_an_empty_story_name_is_refused() -> None:
    with pytest.raises(NewsprismError, match="--story is empty"):
        pick_story(NAMES, " ", "here")


def test_an_outlet_is_named_by_its_name_or_a_part_only_it_has() -> None:
    outlets = ["Harbour Herald", "Global Dispatch", "Lysa Dispatch", "The Meridian Review"]
    assert pick_outlet(outlets, "harbour  herald", "here") == "Harbour Herald"
    assert pick_outlet(outlets, "meridian", "here") == "The Meridian Review"
    with pytest.raises(NewsprismError) as err:
        pick_outlet(outlets, "dispatch", "in story x")
    assert "part of 2 outlet names in story x" in str(err.value)
    assert "Global Dispatch" in str(err.value) and "Lysa Dispatch" in str(err.value)
    with pytest.raises(NewsprismError) as err:
        pick_outlet(outlets, "Gazette", "in story x")
    assert all(o in str(err.value) for o in outlets)


def test_find_story_reads_the_store_and_names_a_merge(store: Store) -> None:
    with pytest.raises(NewsprismError, match=r"no analysed story here yet; run `newsprism analyze"):
        find_story(store, "abc", "newsprism.db")

    def row(story_id: str, title: str, merged_into: str | None = None) -> StoryRow:
        return StoryRow(id=story_id, title=title, founder=story_id, article_ids=(),
                        vector_sum=np.ones(4), keys={}, first_day=None, last_day=None,
                        merged_into=merged_into)  # fmt: skip

    store.put_clustering(
        [], [row("aa11", "Harbour talks"), row("bb22", "Old talks", merged_into="aa11")], []
    )
    for story_id in ("bb22", "aa11"):  # bb22's report was written before it was merged away
        store.put_story_report(story_id, "k", "{}")
    assert find_story(store, "harbour", "news.db").id == "aa11"
    assert find_story(store, "talks", "news.db").id == "aa11"  # the merged one is not a candidate
    with pytest.raises(NewsprismError, match="'bb2' was merged into story aa11"):
        find_story(store, "bb2", "news.db")
