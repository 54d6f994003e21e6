"""The brief's gates, one per kind of analysis item (compose/trust.py), on small hand-made
sentences: each pattern that made a wrong brief sentence (issue 17) is turned away, and the
right reading is let through."""

from __future__ import annotations

from newsprism.compose.trust import (
    trusted_contradiction,
    trusted_corroboration,
    trusted_position,
    trusted_quote,
    trusted_timeline_entry,
)
from newsprism.compose.units import Unit
from newsprism.model import Claim, Conflict, Position, Quote, Span, TimelineEntry


def _unit(text: str, source: str = "A", **fields: object) -> Unit:
    return Unit(
        article=source.lower(),
        source=source,
        start=0,
        end=len(text),
        text=text,
        rank=0,
        whole=fields.pop("whole", True),  # type: ignore[arg-type]
        **fields,  # type: ignore[arg-type]
    )


def _position(text: str, stance: str, actor: str = "e-russia", kind: str = "demand") -> Position:
    at = text.index(stance)
    return Position(
        id="p",
        actor=actor,
        kind=kind,
        stance=stance,
        evidence=(Span(article_id="a", start=0, end=len(text)),),
        stance_spans=(Span(article_id="a", start=at, end=at + len(stance)),),
        sources=("a",),
    )


def test_a_position_shows_when_its_actor_opens_its_own_sentence() -> None:
    text = "Russia is demanding recognition of its annexations and an end to support."
    unit = _unit(text, opener="e-russia", entities={"e-russia"})
    assert trusted_position(_position(text, "recognition of its annexations"), unit)


def test_a_position_of_another_actor_or_someone_elses_words_is_turned_away() -> None:
    text = "Unlike the US and European countries, which have pushed for hard-power solutions, Turkey has advocated dialogue."
    unit = _unit(text, opener="e-us", entities={"e-us", "e-europe", "e-turkey"})
    # the nearby name is not the one who holds the stance
    assert not trusted_position(_position(text, "hard-power solutions", "e-europe"), unit)
    assert not trusted_position(_position(text, "hard-power solutions", "e-us"), unit)
    said = "A source said that Moscow had insisted that Kyiv pull its forces out first."
    reported = _unit(said, opener="e-russia", speaker="e-source")
    assert not trusted_position(_position(said, "Kyiv pull its forces out"), reported)
    denial = "Russia denied that it asked for the removal of the Ukrainian president."
    assert not trusted_position(
        _position(denial, "the removal of the Ukrainian president"),
        _unit(denial, opener="e-russia"),
    )
    fragment = "Zelenskyy walked away from the deal under Western pressure in April."
    pronoun = _unit(fragment, opener="e-zelensky", whole=False)  # no whole sentence, no line
    assert not trusted_position(_position(fragment, "away from the deal", "e-zelensky"), pronoun)


def _claim(cid: str, other: str, slot: str, kind: str = "fact") -> Claim:
    return Claim(
        id=cid,
        text="",
        kind=kind,  # type: ignore[arg-type]
        status="contradicted",
        sources=("a",),
        voices=1,
        evidence=(Span(article_id="a", start=0, end=5),),
        conflicts=(Conflict(claim=other, slot=slot, value="x", other_value="y"),),
    )


def test_a_disagreement_needs_two_factual_sentences_on_one_point() -> None:
    a = _unit("Istanbul hosted the first direct round of talks since March 2022.", "A")
    b = _unit("For the first time in nearly two years, the two sides met in Istanbul.", "B")
    ca, cb = _claim("1", "2", "elapsed"), _claim("2", "1", "elapsed")
    assert trusted_contradiction(ca, a, cb, b, similarity=0.78)
    # a forecast ("seems to be set to take place") does not contradict a fact
    guess = _unit("The first meeting since 2022 seems to be set to take place in Istanbul.", "B")
    assert not trusted_contradiction(ca, a, cb, guess, similarity=0.78)
    # two sentences about different things ("rebuffed calls" / "refused to step down")
    assert not trusted_contradiction(ca, a, cb, b, similarity=0.3)
    # one outlet against itself is no disagreement between outlets
    assert not trusted_contradiction(ca, a, cb, _unit(b.text, "A"), similarity=0.78)


def test_a_number_for_the_same_deal_may_set_a_forecast_against_a_fact() -> None:
    fact = _unit("The two sides agreed on Thursday to exchange 46 detainees in Geneva.", "A")
    plan = _unit("The two sides will exchange 40 detainees under the deal signed in Geneva.", "B")
    ca = _claim("1", "2", "number")
    cb = _claim("2", "1", "number", kind="forecast")
    assert trusted_contradiction(ca, fact, cb, plan, similarity=0.82)
    assert not trusted_contradiction(ca, fact, cb, plan, similarity=0.6)  # not the same deal


def _quote(text: str, speaker: str | None, at: int) -> Quote:
    return Quote(
        id="q",
        speaker=speaker,
        speaker_text="Erdoğan",
        cue="said",
        text=text,
        direct=True,
        content=(Span(article_id="a", start=at, end=at + len(text)),),
        evidence=(Span(article_id="a", start=0, end=at + len(text)),),
    )


def test_a_voice_is_a_sentence_that_names_its_speaker() -> None:
    sentence = "Erdoğan said that Turkey was ready to “provide all possible assistance to peace.”"
    words = "provide all possible assistance to peace."
    at = sentence.index(words)
    named = _unit(sentence, entities={"e-erdogan"}, speaker="e-erdogan")
    assert trusted_quote(_quote(words, "e-erdogan", at), named)
    # a speaker the sentence does not name ("he said") or none at all
    unnamed = _unit(sentence, entities=set(), speaker="e-erdogan")
    assert not trusted_quote(_quote(words, "e-erdogan", at), unnamed)
    assert not trusted_quote(_quote(words, None, at), named)
    # the words attributed to someone else in that sentence
    other = _unit(sentence, entities={"e-erdogan", "e-putin"}, speaker="e-putin")
    assert not trusted_quote(_quote(words, "e-erdogan", at), other)


def _entry(date: str, text: str) -> TimelineEntry:
    return TimelineEntry(
        id="t",
        date=date,
        granularity="month" if len(date) == 7 else "year",
        text=text,
        sources=("a",),
        evidence=(Span(article_id="a", start=0, end=len(text)),),
    )


def test_a_timeline_entry_shows_when_its_date_is_the_sentences_own() -> None:
    own = "The war began in February 2022, when Russia invaded Ukraine."
    assert trusted_timeline_entry(_entry("2022-02", own), _unit(own, dates={"2022-02"}), own)
    side = "Since the outbreak of the war in February 2022, Ankara has kept a balance."
    assert not trusted_timeline_entry(_entry("2022-02", side), _unit(side, dates={"2022-02"}), side)
    aside = "Putin did not attend, with the Russian delegation resembling the one present in 2022."
    assert not trusted_timeline_entry(_entry("2022", aside), _unit(aside, dates={"2022"}), aside)
    forecast = "The talks will resume in October 2025 in Geneva, officials said."
    unit = _unit(forecast, dates={"2025-10"}, kinds={"forecast"})
    assert not trusted_timeline_entry(_entry("2025-10", forecast), unit, forecast)


def test_corroboration_needs_the_same_fact_in_close_words_and_the_same_numbers() -> None:
    a = _unit("Valdoria and Ostrava agreed on Thursday to exchange 46 detainees in Geneva.", "A")
    b = _unit("Valdoria and Ostrava signed an agreement on Thursday to exchange 46 detainees.", "B")
    assert trusted_corroboration(None, a, b, similarity=0.85, overlap=0.7)
    c = _unit("Valdoria and Ostrava will exchange 40 detainees under an agreement in Geneva.", "C")
    assert not trusted_corroboration(None, a, c, similarity=0.85, overlap=0.7)  # 46 ≠ 40
    assert not trusted_corroboration(None, a, b, similarity=0.85, overlap=0.3)  # other words
    single = Claim(
        id="x",
        text="",
        kind="fact",
        status="single_source",
        sources=("a",),
        voices=1,
        evidence=(),
    )
    assert not trusted_corroboration(single, a, b, similarity=0.85, overlap=0.7)
