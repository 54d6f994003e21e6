"""The citation checker: what it accepts, and each way a sentence can fail it."""

from __future__ import annotations

from dataclasses import replace

import handmade_report
from newsprism.citations import check_report, check_sentence, count_sentences
from newsprism.model import CitedSentence, Span

TEXT = (
    "Valdoria and Ostrava-Marenne agreed on Thursday to exchange 46 detainees. "
    "President Ilse Marek said the blockade must end."
)
TEXTS = {"a": TEXT}
NAMES = {"a": {"Harbour Herald", "Ilse Marek", "Valdoria"}}


def _cite(words: str) -> Span:
    start = TEXT.index(words)
    return Span(article_id="a", start=start, end=start + len(words))


def _sentence(text: str, cited: str, frame: str = "") -> CitedSentence:
    return CitedSentence(text=frame + text, citations=(_cite(cited),), frame=frame)


FIRST = "Valdoria and Ostrava-Marenne agreed on Thursday to exchange 46 detainees."


def test_a_verbatim_sentence_passes() -> None:
    assert check_sentence(_sentence(FIRST, FIRST), TEXTS) == []


def test_a_frame_may_name_the_outlet_or_a_speaker_the_article_names() -> None:
    assert (
        check_sentence(_sentence(FIRST, FIRST, "According to Harbour Herald: "), TEXTS, NAMES) == []
    )
    assert check_sentence(_sentence(FIRST, FIRST, "Ilse Marek said: "), TEXTS, NAMES) == []


def test_a_frame_naming_someone_else_or_stating_a_number_fails() -> None:
    other = check_sentence(_sentence(FIRST, FIRST, "According to Reuters: "), TEXTS, NAMES)
    assert other and "Reuters" in other[0]
    number = check_sentence(_sentence(FIRST, FIRST, "In 2025, "), TEXTS, NAMES)
    assert number and "number" in number[0]


def test_a_digit_inside_an_outlet_name_is_no_number_the_frame_states() -> None:
    names = {"a": {"France 24", "Valdoria"}}
    assert check_sentence(_sentence(FIRST, FIRST, "France 24 writes: "), TEXTS, names) == []
    # a number beside the name is still a number the frame states
    stated = check_sentence(_sentence(FIRST, FIRST, "France 24 writes in 2025: "), TEXTS, names)
    assert stated and "number" in stated[0]
    # and a name the cited article's outlet does not carry lends no digit
    other = check_sentence(_sentence(FIRST, FIRST, "France 24 writes: "), TEXTS, NAMES)
    assert other and "number" in other[0]


def test_a_changed_number_fails() -> None:
    problems = check_sentence(_sentence(FIRST.replace("46", "40"), FIRST), TEXTS)
    assert any("40" in p for p in problems)


def test_a_name_the_cited_text_does_not_hold_fails() -> None:
    problems = check_sentence(_sentence(FIRST.replace("Thursday", "Friday"), FIRST), TEXTS)
    assert any("Friday" in p for p in problems)


def test_words_the_citation_does_not_hold_fail() -> None:
    made_up = "Valdoria and Ostrava-Marenne angrily rejected every proposal of the mediators."
    problems = check_sentence(_sentence(made_up, FIRST), TEXTS)
    assert any("content words" in p for p in problems)


def test_citations_must_exist_and_resolve() -> None:
    assert check_sentence(CitedSentence(text=FIRST, citations=()), TEXTS) == ["no citation"]
    outside = CitedSentence(text=FIRST, citations=(Span(article_id="a", start=0, end=10_000),))
    assert "outside" in check_sentence(outside, TEXTS)[0]
    unknown = CitedSentence(text=FIRST, citations=(Span(article_id="zz", start=0, end=5),))
    assert "unknown article" in check_sentence(unknown, TEXTS)[0]


def test_a_sentence_must_start_with_its_frame() -> None:
    bad = CitedSentence(text=FIRST, citations=(_cite(FIRST),), frame="According to Valdoria: ")
    assert "frame" in check_sentence(bad, TEXTS)[0]


def test_a_whole_report_passes_and_each_tampering_is_found() -> None:
    good = handmade_report.report()
    assert check_report(good) == []
    story = good.stories[0]
    changed = handmade_report.sentence(text=handmade_report.FIRST.replace("46", "64"))
    tampered = replace(good, stories=(handmade_report.story(brief_sentences=(changed,)),))
    problems = check_report(tampered)
    assert len(problems) == 1 and "brief context #1" in problems[0]
    answer = replace(story.answers[0], sentences=(replace(changed, citations=()),))
    tampered = replace(good, stories=(replace(story, answers=(answer,)),))
    assert "answer 'What was agreed?'" in check_report(tampered)[0]
    entry = replace(story.timeline[0], text="The talks failed")
    tampered = replace(good, stories=(replace(story, timeline=(entry,)),))
    assert "timeline #1" in check_report(tampered)[0]
    assert count_sentences(good) == 2


# --- the rules the LLM writer needed, which hold the extractive writer too ----------------

SAID = (
    "Kremlin spokesman Dmitry Peskov said on Friday that Russia would not agree to a ceasefire. "
    "Foreign Minister Hakan Fidan said the talks were constructive."
)


def _said(text: str, *which: int) -> list[str]:
    parts = [s + "." for s in SAID.rstrip(".").split(". ")]
    spans = tuple(
        Span(article_id="k", start=SAID.index(parts[i]), end=SAID.index(parts[i]) + len(parts[i]))
        for i in which
    )
    return check_sentence(CitedSentence(text=text, citations=spans), {"k": SAID})


def test_negation_must_be_the_cited_texts() -> None:
    assert _said("Peskov said Russia would not agree to a ceasefire.", 0) == []
    dropped = _said("Peskov said Russia would agree to a ceasefire.", 0)
    assert any("negates what the sentence asserts" in p for p in dropped)
    added = _said("Fidan said the talks were not constructive.", 1)
    assert any("negation not in the cited text: not constructive" in p for p in added)


def test_what_a_speaker_said_must_be_in_that_speakers_words() -> None:
    assert _said("The talks were constructive, Fidan said.", 1) == []
    assert _said("According to Fidan, the talks were constructive.", 1) == []
    # "according to" in the cited text is its speaker's attribution too
    text = "According to the port authority, 23 vessels were at anchor."
    verbatim = CitedSentence(text=text, citations=(Span(article_id="p", start=0, end=len(text)),))
    assert check_sentence(verbatim, {"p": text}) == []
    # Peskov is in the cited text, but the words are Fidan's
    swapped = _said("Peskov said the talks were constructive.", 0, 1)
    assert [p for p in swapped if p.startswith("attribution")] == [
        "attribution: what is said is not in the cited words of Peskov (1 of 3 content words)"
    ]
    assert any(
        "no cited span has Biden" in p for p in _said("Biden said the talks were constructive.", 1)
    )


def test_quoted_words_must_be_verbatim_and_dates_are_named() -> None:
    assert _said("Fidan said: “the talks were constructive”.", 1) == []
    assert any(
        "quotation not in" in p for p in _said("Fidan said: “the talks were productive”.", 1)
    )
    assert any(p.startswith("dates not in") for p in _said("Peskov spoke on Monday.", 0))
    # the first word is a name like any other
    assert any("Erdogan" in p for p in _said("Erdogan said the talks were constructive.", 1))


def test_number_and_tense_of_a_word_do_not_matter() -> None:
    own_words = "On Thursday Valdoria and Ostrava-Marenne agree to exchange a detainee, 46 in all."
    assert check_sentence(_sentence(own_words, FIRST), TEXTS) == []
