"""The frame before a Key Stakeholders line: the actor's bare name only before the actor's own
words; before the outlet's narration about the actor, the actor as topic and the outlet as who
speaks; and a common noun that opens its sentences is no actor (issues 17 and 24)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from newsprism.compose.sections import _capital_by_place, _stakeholder_frame
from newsprism.compose.units import Unit
from newsprism.model import Article, DateValue, Entity, Span

TEXT = (
    "Initially, Valdoria demanded the removal of the blockade. "
    "Valdoria said on Monday it would not sign a settlement. "
    "Officials in Korvan said that Valdoria wanted the port back."
)


def _selection(text: str) -> Any:
    article = Article(
        id="a",
        text=text,
        source="Harbour Herald",
        published=DateValue(value="2025-09-12", granularity="day", kind="explicit"),
    )
    return SimpleNamespace(articles={"a": article}, label=lambda _: "Harbour Herald")


def _entity(text: str, name: str) -> Entity:
    at, mentions = text.find(name), []
    while at >= 0:
        mentions.append(Span(article_id="a", start=at, end=at + len(name)))
        at = text.find(name, at + 1)
    return Entity(id="e", name=name, kind="state", aliases=(), mentions=tuple(mentions))


def _unit(text: str, sentence: str) -> Unit:
    at = text.index(sentence)
    return Unit(
        article="a",
        source="Harbour Herald",
        start=at,
        end=at + len(sentence),
        text=sentence,
        rank=0,
        whole=True,
    )


def test_a_bare_actor_name_stands_only_before_the_actors_own_words() -> None:
    sel, valdoria = _selection(TEXT), _entity(TEXT, "Valdoria")
    narration = _unit(TEXT, "Initially, Valdoria demanded the removal of the blockade.")
    own = _unit(TEXT, "Valdoria said on Monday it would not sign a settlement.")
    others = _unit(TEXT, "Officials in Korvan said that Valdoria wanted the port back.")
    assert _stakeholder_frame(sel, narration, valdoria) == "On Valdoria, Harbour Herald writes: "
    assert _stakeholder_frame(sel, own, valdoria) == "Valdoria: "
    # someone else's report of the actor: neither the actor nor the outlet speaks it
    assert _stakeholder_frame(sel, others, valdoria) is None


def test_a_common_noun_opening_its_sentences_is_no_actor() -> None:
    text = (
        "Revolutions which deposed two presidents have shaken the region. "
        "Protesters said the revolution was not over. Valdoria said it would help."
    )
    sel = _selection(text)
    assert _capital_by_place(sel, _entity(text, "Revolutions"))
    # a name that opens its sentence is still a name
    assert not _capital_by_place(sel, _entity(text, "Valdoria"))


def test_narration_quoting_a_phrase_of_the_actor_is_not_framed_as_the_actors_words() -> None:
    # the quote finder names Renaud as the speaker ("as he wrote"), but the sentence is the
    # outlet's account of his offer; only the quoted phrase is his
    text = (
        "Renaud had offered to travel to Geneva if Marek attended the talks, reflecting his "
        "wish to end a blockade “that should never have started,” as he wrote on Friday. "
        "“We will lift the blockade the day the batteries are gone,” Renaud said on Monday."
    )
    sel, renaud = _selection(text), _entity(text, "Renaud")
    narration = _unit(text, text[: text.index(" “We will")])
    own = _unit(text, text[text.index("“We will") :])
    narration.speaker = own.speaker = "e"
    narration.quoted = own.quoted = True
    own.quoted_share = 0.8
    assert _stakeholder_frame(sel, own, renaud) == "Renaud: "
    assert _stakeholder_frame(sel, narration, renaud) != "Renaud: "
    # a report of the actor's words that quotes one word of them is still the actor's
    said = "Renaud, who spoke in Lysa, said Marek needs to “refocus” on the harbour talks."
    sel2, renaud2 = _selection(said), _entity(said, "Renaud")
    reported = _unit(said, said)
    reported.speaker, reported.quoted = "e", True
    assert _stakeholder_frame(sel2, reported, renaud2) == "Renaud: "
