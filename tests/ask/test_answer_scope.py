"""What a count and a "when" template ask for (issue 17, final4 audit), one small invented
text per mechanism, each asserting the right output present and the wrong one absent:

- a bare "How many X?" is suggested for a story of several articles only when two of them
  state the same count, and for a story of one article only when its lead states it (a
  count one article alone gives, or gives deep in its text, is a side detail);
- a count's value keeps what its noun goes on to count: a joined noun ("calls and emails")
  and a rate ("flights a day");
- a "When did the meeting begin?" is not made from a plan ("scheduled to meet … to begin").
"""

from __future__ import annotations

from typing import Any

from newsprism.ask import answer_question, index_story
from newsprism.ask.questions import candidate_pool
from newsprism.model import Story


def _index(hm: Any, texts: tuple[str, ...], encoder: Any) -> Any:
    """One story of one article per text (outlets "Outlet 0", "Outlet 1", …)."""
    articles = [
        hm.article(f"a-{i}", f"Outlet {i}", "2025-09-11", text) for i, text in enumerate(texts)
    ]
    annotations = [hm.annotate(a) for a in articles]
    story = Story(
        id="story-one",
        article_ids=tuple(a.id for a in articles),
        entities=hm.entities(articles, annotations),
    )
    return index_story(story, articles, annotations, encoder, None)


_ONE = (
    "Valdoria filled in 14 inlets near Geneva on Tuesday. "
    "The inlets had let the floods into the marshes. "
    "Engineers said the inlets would stay closed."
)
_OTHER = (
    "Ostrava-Marenne criticised the work on the inlets in Geneva. "
    "Helena Sorvik said the marshes were drying out."
)


def test_a_count_only_one_article_gives_makes_no_bare_question(encoder: Any, handmade: Any) -> None:
    alone = candidate_pool(_index(handmade, (_ONE, _OTHER), encoder), encoder)
    assert "How many inlets?" not in alone
    both = _OTHER.replace("criticised the work on the inlets", "said Valdoria filled in 14 inlets")
    shared = candidate_pool(_index(handmade, (_ONE, both), encoder), encoder)
    assert "How many inlets?" in shared
    # the second article may put a word between the count and its noun
    worded = both.replace("14 inlets", "14 tidal inlets")
    assert "How many inlets?" in candidate_pool(_index(handmade, (_ONE, worded), encoder), encoder)
    # one article alone: its lead's count is the story's, a count deep in the text is not
    assert "How many inlets?" in candidate_pool(_index(handmade, (_ONE,), encoder), encoder)
    deep = _OTHER + " Lukas Brenner spoke in Geneva. Marek thanked Switzerland. " + _ONE
    assert "How many inlets?" not in candidate_pool(_index(handmade, (deep,), encoder), encoder)


def test_a_count_keeps_its_joined_noun_and_its_rate(encoder: Any, handmade: Any) -> None:
    text = (
        "The office of Ilse Marek received more than 10,000 calls and emails on Tuesday. "
        "Airport officials in Geneva are screening 40 flights a day from Valdoria. "
        "The calls came from Valdoria. "
        "The flights were delayed."
    )
    index = _index(handmade, (text,), encoder)
    calls = answer_question("How many calls?", index, encoder, follow_ups=False)
    assert calls.value == "more than 10,000 calls and emails"
    flights = answer_question("How many flights?", index, encoder, follow_ups=False)
    assert flights.value == "40 flights a day"


def test_a_scheduled_meeting_makes_no_when_did_it_begin(encoder: Any, handmade: Any) -> None:
    plan = (
        "A panel in Geneva was scheduled to meet Tuesday to begin hearing evidence. "
        "Helena Sorvik said the meeting would be closed. "
        "Valdoria sent two delegates to the meeting."
    )
    assert "When did the meeting begin?" not in candidate_pool(
        _index(handmade, (plan,), encoder), encoder
    )
    held = plan.replace("was scheduled to meet Tuesday to begin", "began the meeting Tuesday,")
    assert "When did the meeting begin?" in candidate_pool(
        _index(handmade, (held,), encoder), encoder
    )
