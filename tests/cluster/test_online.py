"""The online clusterer on hand-made vectors: joining, opening, time windows, entity evidence,
second chances, merges, and ids that stay put. No model is needed."""

from __future__ import annotations

import numpy as np

from newsprism.cluster.online import Clusterer, ClusterParams, Item, new_story_id

DIM = 8


def unit(*weights: float) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[: len(weights)] = weights
    return v / np.linalg.norm(v)


def item(name: str, vector: np.ndarray, day: int | None = 100, keys: str = "") -> Item:
    return Item(id=name, vector=vector, day=day, keys=frozenset(keys.split()))


PARAMS = ClusterParams(threshold=0.6, merge_threshold=0.85, window_days=7, entity_weight=0.25)


def test_similar_articles_share_a_story_and_the_rest_stand_alone() -> None:
    c = Clusterer(params=PARAMS, dimensions=DIM)
    out = c.add(
        [
            item("a", unit(1, 0.1)),
            item("b", unit(1, 0.2)),
            item("c", unit(0, 0, 1)),  # about something else: a singleton
        ]
    )
    assert out.assigned["a"] == out.assigned["b"] == new_story_id("a")
    assert out.assigned["c"] == new_story_id("c")
    assert sorted(out.created) == sorted({new_story_id("a"), new_story_id("c")})
    assert out.merges == ()


def test_story_id_stays_when_the_story_grows_and_growth_is_reported_as_change() -> None:
    c = Clusterer(params=PARAMS, dimensions=DIM)
    first = c.add([item("a", unit(1, 0.1)), item("b", unit(1, 0.2))])
    later = c.add([item("d", unit(1, 0.15), day=103)])
    story = new_story_id("a")
    assert first.assigned == {"a": story, "b": story}
    assert later.assigned == {"d": story}
    assert later.changed == (story,) and later.created == ()
    assert c.story(story).members == ["a", "b", "d"]
    assert (c.story(story).first_day, c.story(story).last_day) == (100, 103)


def test_an_article_outside_the_time_window_opens_a_new_story() -> None:
    c = Clusterer(params=PARAMS, dimensions=DIM)
    c.add([item("a", unit(1, 0.1))])
    out = c.add([item("far", unit(1, 0.1), day=100 + 30)])
    assert out.assigned["far"] == new_story_id("far")
    # within the window of the story's last day it joins, and that day extends the window
    out = c.add([item("near", unit(1, 0.1), day=106)])
    assert out.assigned["near"] == new_story_id("a")


def test_undated_articles_may_join_any_story() -> None:
    c = Clusterer(params=PARAMS, dimensions=DIM)
    c.add([item("a", unit(1, 0.1), day=10)])
    out = c.add([item("u", unit(1, 0.12), day=None)])
    assert out.assigned["u"] == new_story_id("a")


def test_shared_rare_entities_tip_a_borderline_article_in() -> None:
    # cosine about 0.52: below the 0.6 threshold on content alone
    a, b = unit(1, 0.0, 0.0), unit(0.52, 0.854, 0.0)
    background = [item(f"bg{i}", unit(0, 0, 0, 1, i), keys="common") for i in range(1, 6)]
    without = Clusterer(params=PARAMS, dimensions=DIM)
    out = without.add([*background, item("a", a), item("b", b)])
    assert out.assigned["a"] != out.assigned["b"]
    with_keys = Clusterer(params=PARAMS, dimensions=DIM)
    out = with_keys.add(
        [*background, item("a", a, keys="lysa marek"), item("b", b, keys="lysa marek")]
    )
    assert out.assigned["a"] == out.assigned["b"]


def test_a_common_key_alone_is_weak_evidence() -> None:
    a, b = unit(1, 0.0, 0.0), unit(0.52, 0.854, 0.0)
    background = [item(f"bg{i}", unit(0, 0, 0, 1, i), keys="us") for i in range(1, 30)]
    c = Clusterer(params=PARAMS, dimensions=DIM)
    out = c.add([*background, item("a", a, keys="us"), item("b", b, keys="us")])
    assert out.assigned["a"] != out.assigned["b"]


def angle(degrees: float) -> np.ndarray:
    return unit(np.cos(np.radians(degrees)), np.sin(np.radians(degrees)))


def test_second_chance_moves_an_early_singleton_into_the_story_that_formed_later() -> None:
    # x (0°) comes first and is too far from y (50°: cos 0.64) to join it; z (30°) joins y,
    # whose centroid (40°, cos 0.77 from x) is now close enough for x
    c = Clusterer(params=ClusterParams(threshold=0.75, merge_threshold=0.99), dimensions=DIM)
    out = c.add(
        [item("x", angle(0), day=1), item("y", angle(50), day=2), item("z", angle(30), day=2)]
    )
    assert out.assigned == dict.fromkeys("xyz", new_story_id("y"))
    assert out.created == (new_story_id("y"),)  # x's own singleton never escapes
    without_z = Clusterer(params=ClusterParams(threshold=0.75), dimensions=DIM)
    out = without_z.add([item("x", angle(0), day=1), item("y", angle(50), day=2)])
    assert out.assigned["x"] != out.assigned["y"]


def test_two_stories_that_turn_out_to_be_one_merge_and_the_older_keeps_its_id() -> None:
    c = Clusterer(params=ClusterParams(threshold=0.95, merge_threshold=0.87), dimensions=DIM)
    c.add([item("a", unit(1, 0.0, 0.3)), item("a2", unit(1, 0.0, 0.35))])
    c.add([item("b", unit(1, 0.0, -0.3), day=101)])  # 0.82 from a: too far to join or merge
    older, newer = new_story_id("a"), new_story_id("b")
    assert c.story(newer).merged_into is None
    # a bridging article joins b (0.97) and pulls its centroid to 0.88 from a's: one story
    out = c.add([item("bridge", unit(1, 0.0, -0.05), day=101)])
    assert (newer, older) in out.merges
    assert c.story(newer).merged_into == older
    assert newer in c.story(older).merged_from
    assert set(c.story(older).members) == {"a", "a2", "b", "bridge"}
    assert out.assigned["bridge"] == older and older in out.changed


def test_a_story_founded_and_merged_in_one_batch_is_not_reported_as_merged() -> None:
    c = Clusterer(params=ClusterParams(threshold=0.95, merge_threshold=0.8), dimensions=DIM)
    out = c.add([item("a", unit(1, 0.0, 0.3)), item("b", unit(1, 0.0, -0.3), day=101)])
    story = c.story(new_story_id("a"))
    assert story.members == ["a", "b"] and story.merged_from == []
    assert set(out.assigned.values()) == {story.id}


def test_results_do_not_depend_on_input_order() -> None:
    items = [
        item(n, unit(1, w), day=d) for n, w, d in [("a", 0.1, 1), ("b", 0.3, 2), ("c", 2.0, 2)]
    ]
    one = Clusterer(params=PARAMS, dimensions=DIM).add(items).assigned
    two = Clusterer(params=PARAMS, dimensions=DIM).add(items[::-1]).assigned
    assert one == two


def test_story_settings_are_checked_when_loaded() -> None:
    import pytest

    from newsprism.errors import ConfigError
    from newsprism.settings import make_settings

    assert make_settings({"story_threshold": 0.6}).story_threshold == 0.6
    with pytest.raises(ConfigError, match="story_window_days must be 0 or more"):
        make_settings({"story_window_days": -1})
    with pytest.raises(ConfigError, match="story_threshold must be between"):
        make_settings({"story_threshold": 5})
