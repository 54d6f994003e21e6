"""Small invented flu-outbreak stories for the ask tests of issue 17's answer error patterns:
hand annotations (sentences, names, one time expression) and the bag-of-words stand-in encoder,
so no model is loaded. The texts are written for these tests."""

from __future__ import annotations

import re
from collections.abc import Sequence

import support
from newsprism.ask import StoryIndex, index_story
from newsprism.ask.terms import content_stems, synonyms
from newsprism.model import Annotation, Article, DateValue, Entity, Mention, Story, TimeMention

OUTBREAK = (
    "Officials in Mexico confirmed that 20 people had died from the virus. "
    "Spain's health ministry said three people who had returned from Mexico were in isolation. "
    "There have been no confirmed cases in the UK, the Health Protection Agency said. "
    "The United States has confirmed 40 cases of swine flu. "
    "Canada has reported six cases of the virus."
)
OUTBREAK_2 = (
    "Spain's health ministry said three people who returned from a trip to Mexico were being "
    "tested. The World Health Organization raised its pandemic alert on Monday. "
    "Health officials said there were no confirmed cases in the UK so far."
)
# the Spanish travellers, and no count of the dead in Mexico at all
TRAVELLERS = (
    "Spain's health ministry said three people who had returned from Mexico were in isolation. "
    "Schools in Mexico City were closed on Monday."
)
# a meeting a minister chaired: no talks between parties, so nobody "mediated" it
MINISTERS = (
    "First Minister Alex Salmond chaired a meeting of ministers on Monday. "
    "Salmond said the meeting agreed that Scotland was well prepared. "
    "Mexico confirmed that 20 people had died from the virus."
)
# the travellers' count first, the count of the dead in another clause of the same sentence
TRAVELLERS_AND_DEAD = (
    "Spain's health ministry said three people who had returned from Mexico were in isolation, "
    "and the virus has killed 20 in Mexico."
)
ENTITIES = (
    ("Alex Salmond", "person", ("Salmond",)),
    ("Scotland", "state", ()),
    ("Mexico", "state", ()),
    ("Spain", "state", ()),
    ("United Kingdom", "state", ("UK",)),
    ("United States", "state", ("US",)),
    ("Canada", "state", ()),
    ("Health Protection Agency", "organisation", ()),
    ("World Health Organization", "organisation", ("WHO",)),
)
TIMES = {"Monday": ("2009-04-27", "day", "DATE")}


class WordEncoder(support.WordEncoder):
    """The shared stand-in encoder over content stems (what the ask stage's BM25 reads)."""

    id = "fake-words:1"

    def __init__(self) -> None:
        super().__init__(words=content_stems)


class SynonymEncoder(support.WordEncoder):
    """A stand-in closer to a sentence model: words that mean about the same in news
    (`terms.synonyms`: "chaired" and "mediated") count as one, so a question and a passage
    that say the same in other words are close, as MiniLM makes them."""

    id = "fake-synonyms:1"

    def __init__(self) -> None:
        super().__init__(words=lambda text: [min({s, *synonyms(s)}) for s in content_stems(text)])


def annotate(article_id: str, source: str, text: str) -> tuple[Article, Annotation]:
    article = Article(
        id=article_id,
        text=text,
        source=source,
        published=DateValue(value="2009-04-28", granularity="day", kind="explicit"),
        language="en",
    )
    sentences = []
    start = 0
    for m in re.finditer(r"(?<=\.)\s+|$", text):
        if m.start() > start:
            sentences.append(article.span(start, m.start()))
        start = m.end()
    mentions = [
        Mention(span=article.span(*m.span()), text=surface, label="X")
        for name, _, aliases in ENTITIES
        for surface in (name, *aliases)
        for m in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?![\w-])", text)
    ]
    times = [
        TimeMention(
            span=article.span(*m.span()),
            text=t,
            value=value,
            granularity=granularity,
            type=type_,
            kind="relative",
        )
        for t, (value, granularity, type_) in TIMES.items()
        for m in re.finditer(re.escape(t), text)
    ]
    return article, Annotation(
        article_id=article.id,
        sentences=tuple(sentences),
        mentions=tuple(mentions),
        times=tuple(times),
    )


def flu_parts(
    texts: Sequence[tuple[str, str]], story_id: str = "story-flu", title: str = "Swine flu"
) -> tuple[Story, list[Article], list[Annotation]]:
    """A story of the given (outlet, text) articles, its entities found by name."""
    made = [annotate(f"{story_id}-a{i}", src, text) for i, (src, text) in enumerate(texts)]
    articles = [a for a, _ in made]
    annotations = [n for _, n in made]
    entities = tuple(
        Entity(
            id=f"e-{name}",
            name=name,
            kind=kind,  # type: ignore[arg-type]
            aliases=aliases,
            mentions=tuple(
                m.span for n in annotations for m in n.mentions if m.text in (name, *aliases)
            ),
        )
        for name, kind, aliases in ENTITIES
    )
    story = Story(
        id=story_id,
        article_ids=tuple(a.id for a in articles),
        title=title,
        entities=entities,
    )
    return story, articles, annotations


def flu_index(
    texts: Sequence[tuple[str, str]],
    story_id: str = "story-flu",
    encoder: support.WordEncoder | None = None,
) -> StoryIndex:
    story, articles, annotations = flu_parts(texts, story_id)
    return index_story(story, articles, annotations, encoder or WordEncoder(), None)  # type: ignore[arg-type]
