"""Event separation (issue 17): two events of one kind in the same week are two stories, two
outlets' differently worded reports of one event are one, and page furniture is no story.

Vectors are made by hand (no model), with the cosines the sentence model gives such pairs:
same-type events are worded alike (cosine well above the bare threshold), so only the names
they do not share keep them apart; the entity keys come from the texts through the gazetteer.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt

from newsprism.cluster import FURNITURE, ClusterParams, Document, cluster_documents
from newsprism.cluster.furniture import is_furniture, is_furniture_line
from newsprism.cluster.stage import batch_items, cluster_batch
from newsprism.gazetteer import load_gazetteer
from newsprism.model import Article, DateValue

DIM = 8
DAY = dt.date(2026, 3, 2).toordinal()


def unit(*weights: float) -> npt.NDArray[np.float32]:
    v = np.zeros(DIM, dtype=np.float32)
    v[: len(weights)] = weights
    out: npt.NDArray[np.float32] = v / np.linalg.norm(v)
    return out


CHILE_1 = (
    "A magnitude 6.8 earthquake struck near Valparaiso in Chile on Monday, killing 12 people. "
    "President Gabriel Boric flew to Valparaiso and said rescue teams from Santiago were there."
)
CHILE_2 = (
    "Twelve people died when a strong quake shook Valparaiso, Chile, on Monday. Boric visited "
    "the port city in the evening; Santiago sent rescue crews."
)
JAPAN_1 = (
    "A magnitude 6.5 earthquake struck near Sendai in Japan on Wednesday, killing 4 people. "
    "Prime Minister Fumio Kishida said rescue teams from Tokyo had reached Sendai."
)
JAPAN_2 = (
    "Four people died when a strong quake shook Sendai, Japan, on Wednesday. Kishida said Tokyo "
    "sent rescue crews to the city."
)

# Two reports of each event: within an event cosine 0.94 and 0.94; across, 0.58 (worded alike).
VECTORS = np.stack(
    [
        unit(1, 0.5, 0.2),
        unit(1, 0.5, -0.2),
        unit(1, -0.5, 0, 0.2),
        unit(1, -0.5, 0, -0.2),
    ]
)


# A store's worth of earlier, unrelated articles (far off in vector space, naming nobody): the
# raised bar applies once the store holds `margin_from_articles` (30) articles, when the weights
# of names can say which are rare.
BACKGROUND = 30


def cluster(
    texts: list[str], vectors: npt.NDArray[np.float32], params: ClusterParams | None = None
) -> list[str]:
    """Labels of `texts` (two a day from DAY) clustered after the background articles."""
    filler = [
        Document(id=f"bg{i}", text=f"the weather stayed mild {i}", day=DAY - 3)
        for i in range(BACKGROUND)
    ]
    batch = [Document(id=f"d{i}", text=t, day=DAY + i // 2) for i, t in enumerate(texts)]
    far = np.stack([unit(0, 0, 0, 0, 0, 1, 0.01 * i) for i in range(BACKGROUND)])
    labels = cluster_documents([*filler, *batch], np.vstack([far, vectors]), params=params)
    return labels[BACKGROUND:]


def test_the_vectors_are_what_the_test_says() -> None:
    cos = VECTORS @ VECTORS.T
    assert cos[0, 1] > 0.9 and cos[2, 3] > 0.9
    assert 0.55 < cos[0, 2] < 0.65, (
        "same-type events: over the bare threshold, under the raised bar"
    )


def test_two_earthquakes_in_one_week_in_different_places_are_two_stories() -> None:
    labels = cluster([CHILE_1, CHILE_2, JAPAN_1, JAPAN_2], VECTORS)
    assert labels[0] == labels[1], "two outlets' reports of the Chile quake: one story"
    assert labels[2] == labels[3], "two outlets' reports of the Japan quake: one story"
    assert labels[0] != labels[2], "the Chile and Japan quakes must not share a story"


def test_without_names_nothing_tells_the_events_apart_and_the_bare_threshold_holds() -> None:
    # The same vectors with texts that name nobody: the raised bar does not apply, so the
    # worded-alike pair joins at the bare threshold, as cosine alone was set to do.
    bare = ["a strong quake killed people", "quake killed people", "a quake hit", "quake hit"]
    labels = cluster(bare, VECTORS)
    assert len(set(labels)) == 1


def test_the_old_constants_merged_the_two_earthquakes() -> None:
    # What the margin changes: with no raised bar (the constants before issue 17) the two
    # events shared one story.
    old = ClusterParams(entity_weight=0.25, entity_margin=0.0, merge_entity_margin=0.0)
    labels = cluster([CHILE_1, CHILE_2, JAPAN_1, JAPAN_2], VECTORS, params=old)
    assert len(set(labels)) == 1


def test_differently_worded_reports_of_one_event_stay_together_through_shared_names() -> None:
    # Cosine 0.62: under the raised bar (0.65) on its own; the names both reports give
    # (Valparaiso, Chile, Boric, Santiago) lift it over.
    vectors = np.stack([unit(1, 0.6, 0.2), unit(1, -0.35, 0.5)])
    assert 0.55 < float(vectors[0] @ vectors[1]) < 0.65
    labels = cluster([CHILE_1, CHILE_2], vectors)
    assert labels[0] == labels[1], "one event, two wordings: one story"
    # The same cosine between a Chile and a Japan report keeps them apart.
    labels = cluster([CHILE_1, JAPAN_2], vectors)
    assert labels[0] != labels[1], "same-type events at cosine 0.62 with no names in common"


def test_in_a_small_store_the_bar_is_not_raised() -> None:
    # Three articles: every name is in (nearly) every one, so rarity cannot be weighed and the
    # bare threshold holds; the two quakes then share a story, as before issue 17.
    batch = [Document(id=f"d{i}", text=t, day=DAY) for i, t in enumerate([CHILE_1, JAPAN_1])]
    labels = cluster_documents(batch, VECTORS[[0, 2]])
    assert labels[0] == labels[1]


COOKIE_WALL = (
    "We use cookies to improve your experience on our site.\n"
    "By continuing to browse you agree to our Privacy Policy and Terms of Use.\n"
    "Manage preferences\n"
    "Accept all cookies"
)
COMMENTS = (
    "Comments\n"
    "jsmith 3 hours ago\n"
    "This government is a joke, they should all resign.\n"
    "Reply\n"
    "harbourfan 2 hours ago\n"
    "Agreed. Report this comment\n"
    "Load more comments"
)
MENU = "Home\nWorld\nPolitics\nBusiness\nSport\nWeather\nSign in\nSubscribe"


def test_furniture_pages_are_furniture() -> None:
    for text in (COOKIE_WALL, COMMENTS, MENU):
        assert is_furniture(None, text), text


def test_news_that_names_widget_words_is_not_furniture() -> None:
    news = (
        "Netflix said on Tuesday it added 9 million subscribers in the quarter, more than "
        "analysts expected, and that its newsletter business would close."
    )
    assert not is_furniture("Netflix adds subscribers", news)
    assert not is_furniture(None, CHILE_1 + "\n" + COOKIE_WALL), "an article with a cookie line"
    assert not is_furniture_line("Voters must register by Friday, the commission said.")
    assert not is_furniture("Quake", ""), "a headline alone is not furniture"


def test_a_furniture_page_founds_no_story_and_joins_none() -> None:
    texts = [CHILE_1, CHILE_2, COOKIE_WALL, COMMENTS]
    vectors = np.stack([VECTORS[0], VECTORS[1], VECTORS[0], VECTORS[1]])  # as near as can be
    labels = cluster(texts, vectors)
    assert labels[0] == labels[1]
    assert labels[2] == FURNITURE + "d2" and labels[3] == FURNITURE + "d3"
    assert len({labels[0], labels[2], labels[3]}) == 3


def article(key: str, text: str) -> Article:
    published = DateValue(value="2026-03-02", granularity="day", kind="explicit")
    return Article(id=key, text=text, source="Herald", title=None, published=published)


def test_the_stage_leaves_furniture_out_of_the_batch() -> None:
    gazetteer = load_gazetteer()
    news, cookies = article("news", CHILE_1), article("cookies", COOKIE_WALL)
    items = batch_items([news, cookies], {"news": VECTORS[0], "cookies": VECTORS[0]}, gazetteer)
    assert [i.id for i in items] == ["news"]
    only = batch_items([cookies], {"cookies": VECTORS[0]}, gazetteer)
    batch = cluster_batch(only, [], ({}, 0), ClusterParams(), "m")
    assert batch.stories == () and batch.members == () and batch.created == ()
