"""Per-outlet framing on a hand-written two-outlet story (invented text; no spaCy, no model)."""

from __future__ import annotations

import re

import pytest

from newsprism.compare.framing import hedges, loaded_words, measure_framing, verb_forms
from newsprism.model import Annotation, Article, Entity, Framing, Quote, Span, Story

# The Northern Post is harsh and hedged about the governor; the Harbour Times is neutral.
NORTH = (
    "Governor Alvarez allegedly botched the flood response. "
    "Critics slammed Alvarez, who may have ignored a disastrous warning. "
    "Alvarez did not answer questions about the pumps."
)
HARBOUR_1 = (
    "Governor Alvarez visited the district on Monday. "
    "Alvarez said the pumps would run through the night. "
    "The council thanked Alvarez for the support."
)
HARBOUR_2 = "Alvarez met engineers at the dam on Tuesday."


def sentences_of(article: Article) -> tuple[Span, ...]:
    return tuple(
        article.span(m.start(), m.end()) for m in re.finditer(r"[^ .][^.]*\.", article.text)
    )


def mentions_of(article: Article, word: str) -> tuple[Span, ...]:
    return tuple(article.span(m.start(), m.end()) for m in re.finditer(word, article.text))


def quote(qid: str, speaker: str | None, article: Article, sources: tuple[str, ...]) -> Quote:
    span = article.span(0, 8)
    return Quote(
        id=qid,
        speaker=speaker,
        speaker_text=speaker or "critics",
        cue="said",
        text=article.cite(span),
        direct=False,
        content=(span,),
        evidence=(span,),
        sources=sources,
    )


Built = tuple[Story, list[Article], list[Annotation]]


@pytest.fixture
def story() -> Built:
    north = Article(id="n1", text=NORTH, source="Northern Post")
    harbour_1 = Article(id="h1", text=HARBOUR_1, source="Harbour Times")
    harbour_2 = Article(id="h2", text=HARBOUR_2, source="Harbour Times")
    # A syndicated copy of the Northern Post story under another name: one voice, not two.
    copy = Article(id="c1", text=NORTH, source="Coast Wire", duplicate_of="n1")
    articles = [north, harbour_1, harbour_2, copy]
    alvarez = Entity(
        id="alvarez",
        name="Alvarez",
        kind="person",
        aliases=(),
        mentions=tuple(m for a in articles for m in mentions_of(a, "Alvarez")),
    )
    council = Entity(
        id="council",
        name="council",
        kind="organisation",
        aliases=(),
        mentions=mentions_of(harbour_1, "council"),
    )
    district = Entity(  # a place: not an actor, not measured
        id="district",
        name="district",
        kind="place",
        aliases=(),
        mentions=mentions_of(harbour_1, "district"),
    )
    quotes = (
        quote("q1", "alvarez", harbour_1, ("h1",)),
        quote("q2", "council", harbour_1, ("h1",)),
        quote("q3", None, north, ("n1",)),
        quote("q4", "alvarez", north, ("n1", "h1")),  # carried by both outlets
        quote("q5", "alvarez", copy, ("c1",)),  # only in the copy: not counted
    )
    story = Story(
        id="s",
        article_ids=tuple(a.id for a in articles),
        entities=(alvarez, council, district),
        quotes=quotes,
    )
    annotations = [
        Annotation(article_id=a.id, sentences=sentences_of(a), mentions=(), times=())
        for a in articles
    ]
    return story, articles, annotations


def by_key(framing: tuple[Framing, ...]) -> dict[tuple[str, str], Framing]:
    return {(f.source, f.actor): f for f in framing}


def test_harsh_outlet_scores_lower_tone_than_neutral_one(story: Built) -> None:
    framing = by_key(measure_framing(*story))
    north, harbour = framing[("Northern Post", "alvarez")], framing[("Harbour Times", "alvarez")]
    assert north.tone < 0 <= harbour.tone
    assert north.loaded > harbour.loaded  # "slammed"
    assert (north.sentences, harbour.sentences) == (3, 4)
    assert harbour.articles == ("h1", "h2")


def test_hedges_are_counted_per_sentence(story: Built) -> None:
    framing = by_key(measure_framing(*story))
    assert framing[("Northern Post", "alvarez")].hedging == round(2 / 3, 4)  # allegedly, may
    assert framing[("Harbour Times", "alvarez")].hedging == 0.0
    assert hedges("It is unclear whether the dam will hold; it reportedly leaks.") == 2


def test_voice_is_the_actors_share_of_the_outlets_quotes(story: Built) -> None:
    framing = by_key(measure_framing(*story))
    assert (
        framing[("Harbour Times", "alvarez")].quotes,
        framing[("Harbour Times", "alvarez")].voice,
    ) == (
        2,
        round(2 / 3, 4),
    )
    assert (
        framing[("Northern Post", "alvarez")].quotes,
        framing[("Northern Post", "alvarez")].voice,
    ) == (
        1,
        0.5,
    )
    assert framing[("Harbour Times", "council")].voice == round(1 / 3, 4)


def test_copies_places_and_unnamed_pairs_are_skipped(story: Built) -> None:
    framing = measure_framing(*story)
    assert {f.source for f in framing} == {"Northern Post", "Harbour Times"}
    assert {f.actor for f in framing} == {"alvarez", "council"}
    assert ("Northern Post", "council") not in by_key(framing)  # never named there
    assert all(f.sentences >= 1 for f in framing)
    assert list(framing) == sorted(framing, key=lambda f: (f.actor, f.source))


def test_evidence_spans_resolve_inside_the_text(story: Built) -> None:
    s, articles, annotations = story
    texts = {a.id: a.text for a in articles}
    framing = measure_framing(s, articles, annotations)
    assert any(f.evidence for f in framing)
    for f in framing:
        for span in f.evidence:
            assert span.article_id in f.articles
            assert 0 <= span.start < span.end <= len(texts[span.article_id])
    north = by_key(framing)[("Northern Post", "alvarez")]
    assert NORTH[north.evidence[-1].start : north.evidence[-1].end].startswith("Critics slammed")


def test_loaded_words_read_judging_verbs_only_in_verb_forms() -> None:
    assert {"slammed", "slamming"} <= verb_forms("slam")
    assert loaded_words("Critics slammed the regime.") == ["slammed", "regime"]
    assert loaded_words("Two attacks on the consulate.") == []  # a noun: the event itself
    assert loaded_words("He attacked the plan.") == ["attacked"]
