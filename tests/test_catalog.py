"""The story list's search, filters and sort, on summaries made from story objects."""

from __future__ import annotations

from typing import Any

from newsprism.catalog import StoryQuery, find_stories, rank_for_question, summary_of


def _story(
    sid: str, title: str, size: int, first: str, last: str, sources: list[str], names: list[str]
) -> dict[str, Any]:
    return {
        "id": sid,
        "title": title,
        "size": size,
        "article_ids": [f"{sid}-{i}" for i in range(size)],
        "sources": sources,
        "published": {"first": first, "last": last},
        "entities": [{"name": n, "aliases": [n.split()[-1]]} for n in names],
        "merged_from": [],
    }


STORIES = [
    summary_of(
        _story(
            "a",
            "Ceasefire talks open in Geneva",
            5,
            "2025-09-09",
            "2025-09-11",
            ["Wire", "Herald"],
            ["Lukas Brenner", "Valdoria"],
        ),
        0,
    ),
    summary_of(
        _story(
            "b",
            "Dockworkers strike in Rotterdam",
            2,
            "2025-09-10",
            "2025-09-10",
            ["Herald"],
            ["Joris van Dam"],
        ),
        1,
    ),
    summary_of(_story("c", "Bakers win prize", 1, "2024-01-02", "2024-01-02", ["Post"], []), 2),
]


def _ids(**query: Any) -> list[str]:
    return [s.id for s in find_stories(STORIES, StoryQuery(**query))]


def test_words_match_titles_and_entity_names() -> None:
    assert _ids(words="geneva") == ["a"]
    assert _ids(words="Brenner talks") == ["a"]  # an alias and a title word
    assert _ids(words="geneva strike") == []  # every word must match


def test_filters() -> None:
    assert _ids(entity="joris") == ["b"]
    assert _ids(outlet="herald") == ["a", "b"]
    assert _ids(min_size=2, max_size=4) == ["b"]
    assert _ids(since="2025-09-11") == ["a"]
    assert _ids(until="2025-01-01") == ["c"]


def test_sort_orders() -> None:
    assert _ids() == ["a", "b", "c"]  # newest last update first
    assert _ids(sort="size") == ["a", "b", "c"]
    assert [s.id for s in find_stories(reversed(STORIES), StoryQuery())] == ["a", "b", "c"]


def test_rank_for_question_prefers_shared_names_then_recency() -> None:
    assert [s.id for s in rank_for_question(STORIES, "What did Joris van Dam say?")][0] == "b"
    assert [s.id for s in rank_for_question(STORIES, "Who mediated the ceasefire?")][0] == "a"
    assert [s.id for s in rank_for_question(STORIES, "What happened?", limit=2)] == ["a", "b"]
