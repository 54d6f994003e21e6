"""Framing measures on a hand-built two-outlet story (no spaCy, no model)."""

from __future__ import annotations

from newsprism.compare.framing import hedges, loaded_words, measure_framing, tone_of
from newsprism.model import Annotation, Article, Entity, Quote, Span, Story

HARSH = (
    "Marek's regime launched a brutal and reckless assault on the harbour. "
    "Marek reportedly ignored the warnings."
)
CALM = "Marek opened the harbour to ships. Marek thanked the mediators for their help."


def _sentences(article: Article) -> tuple[Span, ...]:
    out, start = [], 0
    for part in article.text.split(". "):
        end = start + len(part)
        out.append(article.span(start, min(end + 1, len(article.text))))
        start = end + 2
    return tuple(out)


def _mentions(article: Article, word: str) -> tuple[Span, ...]:
    spans, at = [], article.text.find(word)
    while at >= 0:
        spans.append(article.span(at, at + len(word)))
        at = article.text.find(word, at + 1)
    return tuple(spans)


def build() -> tuple[Story, list[Article], list[Annotation]]:
    harsh = Article(id="h", text=HARSH, source="Tribune")
    calm = Article(id="c", text=CALM, source="Gazette")
    copy = Article(id="x", text=HARSH, source="Reprint", duplicate_of="h")
    marek = Entity(
        id="marek",
        name="Marek",
        kind="person",
        aliases=(),
        mentions=_mentions(harsh, "Marek") + _mentions(calm, "Marek") + _mentions(copy, "Marek"),
    )
    quote = Quote(
        id="q",
        speaker="marek",
        speaker_text="Marek",
        cue="said",
        text="We are open",
        direct=True,
        content=(calm.span(0, 5),),
        evidence=(calm.span(0, 5),),
        sources=("c",),
    )
    other = Quote(
        id="q2",
        speaker=None,
        speaker_text="a sailor",
        cue="said",
        text="Finally",
        direct=True,
        content=(calm.span(6, 12),),
        evidence=(calm.span(6, 12),),
        sources=("c",),
    )
    story = Story(id="s", article_ids=("h", "c", "x"), entities=(marek,), quotes=(quote, other))
    anns = [
        Annotation(article_id=a.id, sentences=_sentences(a), mentions=(), times=())
        for a in (harsh, calm, copy)
    ]
    return story, [harsh, calm, copy], anns


def test_lexicon_measures() -> None:
    assert tone_of("a brutal and reckless assault") < -0.5 < 0.3 < tone_of("thanked them for help")
    assert hedges("Marek reportedly ignored what may be warnings") == 2
    assert "brutal" in loaded_words("a brutal assault") and "regime" in loaded_words("the regime")


def test_outlets_differ_in_tone_hedging_loaded_words_and_voice() -> None:
    story, articles, anns = build()
    framing = {f.source: f for f in measure_framing(story, articles, anns)}
    assert set(framing) == {"Tribune", "Gazette"}  # the reprint is the Tribune's voice
    harsh, calm = framing["Tribune"], framing["Gazette"]
    assert harsh.sentences == calm.sentences == 2
    assert harsh.tone < 0 < calm.tone
    assert harsh.hedging == 0.5 and calm.hedging == 0.0
    assert harsh.loaded > calm.loaded
    assert (harsh.quotes, harsh.voice) == (0, 0.0)
    assert (calm.quotes, calm.voice) == (1, 0.5)
    texts = {a.id: a.text for a in articles}
    for f in framing.values():
        for s in f.evidence:
            assert texts[s.article_id][s.start : s.end].startswith("Marek")
