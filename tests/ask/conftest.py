"""A small hand-built story for the ask tests: three outlets on invented talks, annotated by
hand (sentences, names, time expressions), with one contradiction (46 against 40 detainees)
and one position, and a bag-of-words stand-in for the sentence encoder (no model is loaded)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

import pytest

import support
from newsprism.ask import StoryIndex, index_story
from newsprism.ask.terms import content_stems
from newsprism.model import (
    Annotation,
    Article,
    Claim,
    Conflict,
    DateValue,
    Entity,
    Mention,
    Position,
    Quote,
    Span,
    Story,
    TimeAnchor,
    TimeMention,
)

HERALD = (
    "Talks in Geneva\n"
    "Valdoria and Ostrava-Marenne agreed on Thursday to exchange 46 detainees. "
    "The talks opened on Tuesday in Geneva, hosted by Switzerland. "
    "Swiss envoy Lukas Brenner chaired the talks. "
    "The Red Cross will oversee the exchange within two weeks. "
    "President Ilse Marek said the blockade must end.\n"
    "Share this"
)
DISPATCH = (
    "Valdoria and Ostrava-Marenne will exchange 40 detainees under an agreement signed in Geneva. "
    "According to the UN envoy, Helena Sorvik, the exchange will be carried out by the Red Cross. "
    "The talks opened on Tuesday in Geneva, hosted by Switzerland at the Palais des Nations. "
    "Port officials put the cost of the blockade at about 1.2 billion euros in 2024."
)
TODAY = (
    "The ceasefire took effect at midnight on Wednesday. "
    "Marek is due to speak to the National Assembly on Monday. "
    "Valdorian negotiators agreed to exchange 46 detainees."
)

ENTITIES = (
    ("Valdoria", "state", ("Valdorian", "Korvan")),
    ("Ostrava-Marenne", "state", ("Ostravan",)),
    ("Geneva", "place", ()),
    ("Switzerland", "state", ("Swiss",)),
    ("Lukas Brenner", "person", ()),
    ("International Committee of the Red Cross", "organisation", ("Red Cross",)),
    ("Ilse Marek", "person", ("Marek",)),
    ("Helena Sorvik", "person", ()),
    ("United Nations", "organisation", ("UN",)),
    ("Palais des Nations", "place", ()),
    ("National Assembly", "organisation", ()),
)
TIMES = {  # text in the article -> (value, granularity, type)
    "Thursday": ("2025-09-11", "day", "DATE"),
    "Tuesday": ("2025-09-09", "day", "DATE"),
    "two weeks": ("P2W", "duration", "DURATION"),
    "midnight on Wednesday": ("2025-09-10T00:00", "time", "TIME"),
    "Monday": ("2025-09-15", "day", "DATE"),
    "2024": ("2024", "year", "DATE"),
}


def make_article(aid: str, source: str, day: str, text: str) -> Article:
    return Article(
        id=aid,
        text=text,
        source=source,
        published=DateValue(value=day, granularity="day", kind="explicit"),
        language="en",
    )


def sentences_of(article: Article) -> tuple[Span, ...]:
    """Sentence spans: a line, or a run ending in ". " (headings stay glued to the next line's
    first sentence, as spaCy does, so the index has to split them)."""
    spans = []
    start = 0
    for m in re.finditer(r"(?<=\.)\s+|$", article.text):
        if m.start() > start:
            spans.append(article.span(start, m.start()))
        start = m.end()
    return tuple(spans)


def annotate_by_hand(article: Article) -> Annotation:
    mentions = []
    for name, _, aliases in ENTITIES:
        for surface in (name, *aliases):
            for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", article.text):
                mentions.append(Mention(span=article.span(*m.span()), text=surface, label="X"))
    times = []
    for text, (value, granularity, type_) in TIMES.items():
        for m in re.finditer(re.escape(text), article.text):
            if text == "Wednesday":
                continue
            times.append(
                TimeMention(
                    span=article.span(*m.span()),
                    text=text,
                    value=value,
                    granularity=granularity,
                    type=type_,
                    kind="relative",
                )
            )
    return Annotation(
        article_id=article.id,
        sentences=sentences_of(article),
        mentions=tuple(mentions),
        times=tuple(times),
    )


def entities_of(
    articles: Sequence[Article], annotations: Sequence[Annotation]
) -> tuple[Entity, ...]:
    out = []
    for name, kind, aliases in ENTITIES:
        spans = tuple(
            m.span for ann in annotations for m in ann.mentions if m.text in (name, *aliases)
        )
        # a shorter name inside a longer one ("Red Cross" inside the committee) is one mention
        out.append(
            Entity(id=f"e-{name}", name=name, kind=kind, aliases=aliases, mentions=spans)  # type: ignore[arg-type]
        )
    return tuple(out)


def span_of(article: Article, text: str) -> Span:
    start = article.text.index(text)
    return article.span(start, start + len(text))


def build_story() -> tuple[Story, list[Article], list[Annotation]]:
    herald = make_article("a-herald", "Harbour Herald", "2025-09-11", HERALD)
    dispatch = make_article("a-dispatch", "Global Dispatch", "2025-09-11", DISPATCH)
    today = make_article("a-today", "Valdoria Today", "2025-09-12", TODAY)
    articles = [herald, dispatch, today]
    annotations = [annotate_by_hand(a) for a in articles]
    forty_six = span_of(
        herald, "Valdoria and Ostrava-Marenne agreed on Thursday to exchange 46 detainees"
    )
    forty = span_of(dispatch, "Valdoria and Ostrava-Marenne will exchange 40 detainees")
    claims = (
        Claim(
            id="c46",
            text=herald.cite(forty_six),
            kind="fact",
            status="contradicted",
            sources=(herald.id,),
            voices=1,
            evidence=(forty_six,),
            conflicts=(
                Conflict(
                    claim="c40", slot="number", value="46 detainee", other_value="40 detainee"
                ),
            ),
        ),
        Claim(
            id="c40",
            text=dispatch.cite(forty),
            kind="forecast",
            status="contradicted",
            sources=(dispatch.id,),
            voices=1,
            evidence=(forty,),
            conflicts=(
                Conflict(
                    claim="c46", slot="number", value="40 detainee", other_value="46 detainee"
                ),
            ),
        ),
    )
    demand = span_of(herald, "President Ilse Marek said the blockade must end.")
    positions = (
        Position(
            id="p1",
            actor="e-Ilse Marek",
            kind="demand",
            stance="the blockade must end",
            evidence=(demand,),
            stance_spans=(span_of(herald, "the blockade must end"),),
            sources=(herald.id,),
        ),
    )
    quotes = (
        Quote(
            id="q1",
            speaker="e-Ilse Marek",
            speaker_text="President Ilse Marek",
            cue="said",
            text="the blockade must end",
            direct=False,
            content=(span_of(herald, "the blockade must end"),),
            evidence=(demand,),
        ),
    )
    story = Story(
        id="story-1",
        article_ids=tuple(a.id for a in articles),
        title="Valdoria and Ostrava-Marenne agree detainee swap",
        entities=entities_of(articles, annotations),
        claims=claims,
        positions=positions,
        quotes=quotes,
    )
    return story, articles, annotations


class WordEncoder(support.WordEncoder):
    """The shared stand-in encoder over content stems (what the ask stage's BM25 reads)."""

    id = "fake-words:1"

    def __init__(self) -> None:
        super().__init__(words=content_stems)


StoryParts = tuple[Story, list[Article], list[Annotation]]


@pytest.fixture
def story() -> StoryParts:
    return build_story()


@pytest.fixture
def encoder() -> WordEncoder:
    return WordEncoder()


@pytest.fixture
def index(story: StoryParts, encoder: WordEncoder) -> StoryIndex:
    s, articles, annotations = story
    return index_story(s, articles, annotations, encoder, None)  # type: ignore[arg-type]


def one_article_index(text: str, encoder: WordEncoder | None = None) -> StoryIndex:
    """An index of one article (the story's names and times as in `ENTITIES` and `TIMES`)."""
    article = make_article("a-one", "One Outlet", "2025-09-11", text)
    annotation = annotate_by_hand(article)
    story = Story(
        id="story-one",
        article_ids=(article.id,),
        entities=entities_of([article], [annotation]),
    )
    return index_story(story, [article], [annotation], encoder, None)  # type: ignore[arg-type]


def anchored_index(
    text: str,
    encoder: WordEncoder,
    *,
    anchors: Mapping[str, tuple[str, ...]] | None = None,
    quotes: tuple[Quote, ...] = (),
    days: Mapping[str, str] | None = None,
) -> StoryIndex:
    """One article's index (published 2025-09-11, a Thursday). `days` adds time phrases the
    hand annotation does not know ("9 September 2025" → "2025-09-09"). `anchors` gives, per
    time phrase ("Tuesday#2": its second occurrence), the (role, tense[, verb]) the parse would
    read; the dated verb is the word's last occurrence before the time phrase."""
    article = make_article("a-one", "One Outlet", "2025-09-11", text)
    annotation = annotate_by_hand(article)
    extra = tuple(
        TimeMention(
            span=article.span(*m.span()),
            text=m.group(0),
            value=value,
            granularity="day",
            type="DATE",
            kind="explicit",
        )
        for phrase, value in (days or {}).items()
        for m in re.finditer(re.escape(phrase), text)
    )
    if extra:
        annotation = replace(annotation, times=annotation.times + extra)
    story = Story(
        id="story-one",
        article_ids=(article.id,),
        entities=entities_of([article], [annotation]),
        quotes=quotes,
    )
    anchored = None
    if anchors is not None:
        found = []
        seen: dict[str, int] = {}
        for t in sorted(annotation.times, key=lambda t: t.span.start):
            seen[t.text] = seen.get(t.text, 0) + 1
            role, tense, *verb = anchors.get(f"{t.text}#{seen[t.text]}", ("predicate", "past"))
            at = text.rfind(f" {verb[0]} ", 0, t.span.start) + 1 if verb else 0
            found.append(
                TimeAnchor(
                    time=(t.span.start, t.span.end),
                    value=t.value,
                    granularity=t.granularity,
                    role=role,
                    tense=tense,
                    predicate=(at, at + len(verb[0])) if verb and at > 0 else None,
                )
            )
        anchored = {article.id: tuple(found)}
    return index_story(story, [article], [annotation], encoder, None, anchored=anchored)  # type: ignore[arg-type]


@pytest.fixture
def tiny() -> object:
    return one_article_index


@pytest.fixture
def handmade() -> object:
    """The hand-annotation helpers, for tests that build their own small story."""
    import types

    return types.SimpleNamespace(
        annotate=annotate_by_hand,
        entities=entities_of,
        article=make_article,
        span=span_of,
        index=anchored_index,
    )
