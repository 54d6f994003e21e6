"""A named speaker's quoted words in Analysis & Implications: a quotation whose "it" or "he"
means something only the sentence before named is not chosen; one whose referent the sentence
names is (issue 17, brief pronouns)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from newsprism.compose.sections import _names_its_speaker
from newsprism.compose.units import Unit
from newsprism.model import Article, DateValue, Entity, Span

TEXT = (
    "The harbour levy passed on Tuesday by two votes. "
    "Mayor Oduya said, “I still cannot believe it.” "
    "“The levy is unfair and we will fight it in court,” Mayor Oduya said on Wednesday."
)


def _entity(name: str) -> Entity:
    at, mentions = TEXT.find(name), []
    while at >= 0:
        mentions.append(Span(article_id="a", start=at, end=at + len(name)))
        at = TEXT.find(name, at + 1)
    return Entity(id="oduya", name=name, kind="person", aliases=(), mentions=tuple(mentions))


def _selection() -> Any:
    article = Article(
        id="a",
        text=TEXT,
        source="Harbour Herald",
        published=DateValue(value="2025-09-12", granularity="day", kind="explicit"),
    )
    story = SimpleNamespace(entities=(_entity("Mayor Oduya"),))
    return SimpleNamespace(articles={"a": article}, story=story)


def _unit(sentence: str) -> Unit:
    at = TEXT.index(sentence)
    return Unit(
        article="a",
        source="Harbour Herald",
        start=at,
        end=at + len(sentence),
        text=sentence,
        rank=1,
        whole=True,
        speaker="oduya",
        entities={"oduya"},
        kinds={"opinion"},
    )


def test_a_quoted_it_that_the_sentence_does_not_name_keeps_the_quote_out() -> None:
    sel = _selection()
    unresolved = _unit("Mayor Oduya said, “I still cannot believe it.”")
    resolved = _unit(
        "“The levy is unfair and we will fight it in court,” Mayor Oduya said on Wednesday."
    )
    assert _names_its_speaker(sel, resolved)
    assert not _names_its_speaker(sel, unresolved)


def test_a_speaker_named_only_inside_the_quotation_is_not_named() -> None:
    # the name inside the quotation is whom the speaker addresses; "he said" names no one
    text = "“If you say: ‘Mayor Oduya, that was reckless,’ then I agree,” he said on Monday."
    sel = _selection()
    sel.articles["a"] = Article(
        id="a",
        text=text,
        source="Harbour Herald",
        published=DateValue(value="2025-09-12", granularity="day", kind="explicit"),
    )
    at = text.index("Mayor Oduya")
    oduya = Entity(
        id="oduya",
        name="Mayor Oduya",
        kind="person",
        aliases=(),
        mentions=(Span(article_id="a", start=at, end=at + len("Mayor Oduya")),),
    )
    sel.story = SimpleNamespace(entities=(oduya,))
    unit = Unit(
        article="a",
        source="Harbour Herald",
        start=0,
        end=len(text),
        text=text,
        rank=0,
        whole=True,
        speaker="oduya",
        entities={"oduya"},
        kinds={"opinion"},
    )
    assert not _names_its_speaker(sel, unit)
