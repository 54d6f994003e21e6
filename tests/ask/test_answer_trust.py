"""Answers a strict fact-checker would accept (issue 17), one small invented text per error
pattern seen in the judged audit: each test asserts the right answer is given and the wrong
one is not.

- a count keeps the source's hedge ("more than 25", "nearly 50,000");
- "What did X say?" is answered with X's own words, never a sentence that only names X;
- "What happened on D?" is answered by a sentence whose own event is dated D, not one that
  names D in a side mention, a relative clause or a forecast;
- a bare "How many X?" is not suggested when its sentence gives two counts of X.
"""

from __future__ import annotations

import re
from typing import Any

from newsprism.ask import answer_question
from newsprism.ask.questions import candidate_pool
from newsprism.model import Answer, Quote


def _ask(index: Any, encoder: Any, question: str) -> Answer:
    return answer_question(question, index, encoder, follow_ups=False)


def test_a_count_keeps_its_hedge(encoder: Any, handmade: Any) -> None:
    hm = handmade
    index = hm.index(
        "More than 25 rebels were wounded near Geneva on Tuesday. "
        "The rebels said the wounded rebels were taken to hospital. "
        "Officials counted the rebels again on Thursday.",
        encoder,
    )
    answer = _ask(index, encoder, "How many rebels were wounded?")
    assert answer.value == "More than 25 rebels"
    assert answer.value != "25 rebels"  # the bare number says more than the source does


def test_what_someone_said_is_their_own_words(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "Ilse Marek said the blockade must end. "
        "Lukas Brenner said Marek offered him the job of envoy on Tuesday, and he accepted the job. "
        "Marek's district is mostly rural."
    )
    article = hm.article("a-one", "One Outlet", "2025-09-11", text)
    quote = Quote(
        id="q1",
        speaker="e-Ilse Marek",
        speaker_text="Ilse Marek",
        cue="said",
        text="the blockade must end",
        direct=False,
        content=(hm.span(article, "the blockade must end"),),
        evidence=(hm.span(article, "Ilse Marek said the blockade must end."),),
    )
    index = hm.index(text, encoder, quotes=(quote,))
    answer = _ask(index, encoder, "What did Marek say about the envoy job?")
    said = [s.text for s in answer.sentences] if not answer.refused else []
    assert not any("Brenner said" in s for s in said)  # Brenner's words, not Marek's
    plain = _ask(index, encoder, "What did Ilse Marek say?")
    assert not plain.refused
    assert "the blockade must end" in plain.sentences[0].text
    assert "district" not in plain.sentences[0].text


def test_a_day_is_answered_by_what_happened_that_day(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "Delegates recalled the shooting of a student by a guard on Tuesday in Geneva. "
        "The National Assembly would take control of the port on Tuesday, officials said. "
        "The talks opened on Tuesday in Geneva."
    )
    roles = {"Tuesday#1": ("nominal", ""), "Tuesday#2": ("predicate", "future")}
    index = hm.index(text, encoder, anchors=roles)
    answer = _ask(index, encoder, "What happened on 9 September 2025?")
    assert not answer.refused
    first = answer.sentences[0].text
    assert "talks opened on Tuesday" in first
    shown = " ".join(s.text for s in answer.sentences)
    assert "shooting" not in shown and "would take control" not in shown


def test_a_day_named_only_in_passing_is_not_answered(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "Delegates recalled the shooting of a student by a guard on Tuesday in Geneva. "
        "The talks opened in Geneva."
    )
    index = hm.index(text, encoder, anchors={"Tuesday#1": ("nominal", "")})
    assert _ask(index, encoder, "What happened on 9 September 2025?").refused
    # without the parse's reading the old behaviour stays: the passing mention answers
    bare = hm.index(text, encoder)
    assert not _ask(bare, encoder, "What happened on 9 September 2025?").refused


def test_two_counts_in_one_sentence_make_no_suggested_question(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "In the poll, 86% backed the plan (61,000 votes) while 12% opposed it (9,000 votes). "
        "The votes were counted in Geneva on Tuesday. "
        "Organisers said the votes came from Valdoria and Ostrava-Marenne. "
        "The talks in Geneva drew 120 delegates. "
        "Another 30 delegates arrived on Thursday. "
        "The delegates met on Tuesday."
    )
    index = hm.index(text, encoder)
    pool = candidate_pool(index, encoder)
    assert "How many votes?" not in pool
    # the bare question, if asked, is still answered from the sentence (not hidden from a user)
    assert not _ask(index, encoder, "How many votes?").refused


def test_a_single_count_is_still_suggested(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "Nearly 50,000 followers read the envoy's posts from Geneva. "
        "The followers were mostly in Valdoria. "
        "The envoy thanked the followers on Tuesday."
    )
    index = hm.index(text, encoder)
    pool = candidate_pool(index, encoder)
    assert "How many followers?" in pool
    answer = _ask(index, encoder, "How many followers?")
    assert answer.value == "Nearly 50,000 followers"
    assert re.match(r"\d", answer.value or "") is None  # not "50,000 followers"


def test_a_caption_does_not_answer(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "Photo: Delegates wait outside the talks in Geneva on Tuesday.\n"
        "The talks opened on Tuesday in Geneva."
    )
    index = hm.index(text, encoder)
    answer = _ask(index, encoder, "What happened on 9 September 2025?")
    assert not answer.refused
    assert answer.sentences[0].text.startswith("The talks opened")
    assert not any("Photo:" in s.text for s in answer.sentences)


def test_a_day_is_not_answered_by_when_something_was_said(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "Valdoria has freed 46 detainees, the National Assembly said on Tuesday. "
        "He was in Geneva on Tuesday with his family. "
        "The talks opened on Tuesday in Geneva."
    )
    roles = {"Tuesday#1": ("predicate", "past", "said"), "Tuesday#2": ("predicate", "past", "was")}
    index = hm.index(text, encoder, anchors=roles)
    answer = _ask(index, encoder, "What happened on 9 September 2025?")
    assert not answer.refused
    assert answer.sentences[0].text.startswith("The talks opened")
    # the day's only other sentences: one dates the saying, one opens on a pronoun
    lone = hm.index(text.rsplit(" The talks", 1)[0], encoder, anchors=roles)
    assert _ask(lone, encoder, "What happened on 9 September 2025?").refused


def test_reader_comments_do_not_answer(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "The talks opened on Tuesday in Geneva.\n"
        "At 4:15 pm on 11 Sep 2025, JamesJester wrote: 140 detainees are nothing, the talks "
        "are a show.\n"
        "At 4:45 pm on 11 Sep 2025, YoungElston wrote: The detainees were never counted."
    )
    index = hm.index(text, encoder)
    assert all("wrote:" not in p.text for p in index.passages)
    answer = _ask(index, encoder, "How many detainees?")
    assert answer.refused or "140" not in (answer.value or "")


def test_a_unit_of_measure_makes_no_suggested_question(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "The plume of oil is 10 miles long near Geneva. "
        "Ships kept 5 miles away from the plume on Tuesday. "
        "The plume moved 3 miles towards Valdoria on Thursday. "
        "Valdoria sent 12 ships to the plume."
    )
    pool = candidate_pool(hm.index(text, encoder), encoder)
    assert "How many miles?" not in pool  # a distance of what? the question asks nothing


def test_a_date_inside_a_quotation_is_not_the_day_of_the_event(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        'Asked about the exchange, Lukas Brenner replied: "Had I known on Tuesday what I '
        'know now, I would have stayed in Geneva."'
    )
    index = hm.index(text, encoder, anchors={})
    assert _ask(index, encoder, "What happened on 9 September 2025?").refused


def test_a_quote_fragment_makes_no_suggested_question(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "The talks opened in Geneva on Tuesday.\n"
        'but the blockade must end first," Ilse Marek told reporters in Geneva.'
    )
    article = hm.article("a-one", "One Outlet", "2025-09-11", text)
    quote = Quote(
        id="q1",
        speaker="e-Ilse Marek",
        speaker_text="Ilse Marek",
        cue="told",
        text="but the blockade must end first",
        direct=True,
        content=(hm.span(article, "but the blockade must end first"),),
        evidence=(hm.span(article, 'but the blockade must end first," Ilse Marek told'),),
    )
    index = hm.index(text, encoder, quotes=(quote,))
    # asked, it is answered with her words; it is not offered as a question a reader can
    # trust, since the sentence starts mid-quote
    assert not _ask(index, encoder, "What did Ilse Marek say?").refused
    assert "What did Ilse Marek say?" not in candidate_pool(index, encoder)


def test_reply_stamped_comments_do_not_answer(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "The talks opened on Tuesday in Geneva.\n"
        "Milan April 8, 2011 at 12:05 pm | Reply Valdoria freed 300 detainees, trust me.\n"
        "Ana April 8, 2011 at 12:09 pm | Reply The detainees were never counted."
    )
    index = hm.index(text, encoder)
    assert all("Reply" not in p.text for p in index.passages)
    answer = _ask(index, encoder, "How many detainees did Valdoria free?")
    assert answer.refused or "300" not in (answer.value or "")


def test_a_day_in_an_opening_side_clause_does_not_answer(encoder: Any, handmade: Any) -> None:
    hm = handmade
    side = "When the talks opened on Tuesday, the delegates were not ready to discuss the port. "
    lone = hm.index(side + "The delegates came from Valdoria.", encoder)
    assert _ask(lone, encoder, "What happened on 9 September 2025?").refused
    trailing = "The delegates changed their minds after the talks opened on Tuesday. "
    after = hm.index(trailing + "The delegates came from Valdoria.", encoder)
    assert _ask(after, encoder, "What happened on 9 September 2025?").refused
    index = hm.index(side + "Valdoria freed 46 detainees on Tuesday in Geneva.", encoder)
    answer = _ask(index, encoder, "What happened on 9 September 2025?")
    assert not answer.refused
    assert answer.sentences[0].text.startswith("Valdoria freed")
    assert not any("were not ready" in s.text for s in answer.sentences)


def test_a_noun_counted_twice_in_the_story_makes_no_bare_question(
    encoder: Any, handmade: Any
) -> None:
    hm = handmade
    two = (
        "Valdoria holds 12,000 boxes of medicine in Geneva. "
        "Ostrava-Marenne said it has 5,000 boxes of medicine. "
        "The boxes were counted in Geneva on Tuesday."
    )
    assert "How many boxes?" not in candidate_pool(hm.index(two, encoder), encoder)
    one = two.replace("5,000 boxes of medicine", "more boxes on order")
    assert "How many boxes?" in candidate_pool(hm.index(one, encoder), encoder)


def test_a_co_chair_makes_no_who_mediated_question(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "Swiss envoy Lukas Brenner mediated the talks with Helena Sorvik in Geneva on Tuesday. "
        "The talks ended with a prisoner swap. "
        "Ilse Marek said the talks were a first step."
    )
    assert "Who mediated the talks?" not in candidate_pool(hm.index(text, encoder), encoder)
    sole = text.replace(" with Helena Sorvik", "")
    assert "Who mediated the talks?" in candidate_pool(hm.index(sole, encoder), encoder)


def test_a_past_perfect_call_is_no_demand(encoder: Any, handmade: Any) -> None:
    from newsprism.ask.questions import _role_stated

    hm = handmade
    for text, stated in (
        ("Ilse Marek had called for an end to the blockade in 2024.", False),
        ("Ilse Marek called for an end to the blockade.", True),
    ):
        index = hm.index(text, encoder)
        marek = next(i for i, e in enumerate(index.entities) if e.name == "Ilse Marek")
        passage = next(p for p in index.passages if any(m.entity == marek for m in p.names))
        assert _role_stated(passage, "demand", marek) is stated, text
