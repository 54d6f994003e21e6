"""Whose words a brief sentence is (issue 24, the audit's "frame" faults): a frame naming an
outlet only before the outlet's own narration, a frame naming an actor only when the actor
heads the sentence's subject, and no sentence that refers back to one the brief does not have."""

from __future__ import annotations

import numpy as np

from newsprism.compose.narration import hearsay, own_narration, quoted_or_commented
from newsprism.compose.prose import is_whole, refers_back, sentence_faults
from newsprism.compose.sections import (
    _names_its_speaker,
    _speaks_for_itself,
    _unnamed_third_person,
)
from newsprism.compose.selection import Selection
from newsprism.compose.units import Unit, paragraph_parts
from newsprism.model import Article, Entity, Story


def _at(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def test_a_quotation_is_nobodys_narration() -> None:
    text = (
        "Justice Breyer pressed the company's lawyer on its hiring rules. "
        "“Should central management have withdrawn some of the discretion to stop this?” "
        "Justice Breyer asked. The court will rule by June on the class of plaintiffs."
    )
    question = _at(text, "“Should central management have withdrawn some of the discretion")
    assert quoted_or_commented(text, question[0], question[1] + 40)
    ruling = _at(text, "The court will rule by June on the class of plaintiffs.")
    assert own_narration(text, *ruling)


def test_a_quotation_running_over_sentences_and_a_speech_tag_after_one() -> None:
    text = (
        'Steele issued a statement. "There is no question that America must win the war. '
        "And the country must give the troops the support necessary to win it."
        '" He sent an e-mail to members later on Friday.\n'
        "Officials expect a vote in the autumn. The budget must pass by October, he said."
    )
    inside = _at(text, "And the country must give the troops the support necessary to win it.")
    assert quoted_or_commented(text, *inside)  # the quotation opened before it is still open
    tagged = _at(text, "Officials expect a vote in the autumn.")
    assert own_narration(text, *tagged)
    said = _at(text, "The budget must pass by October, he said.")
    assert not own_narration(text, *said)  # reported speech is someone else's words


def test_first_person_and_comments_are_no_outlets_words() -> None:
    text = (
        "Rebels advanced on the oil port on Friday after a week of air strikes. "
        "Governments must act before the fighting spreads to the capital and its suburbs.\n"
        "Rebels will never win this without help from somebody, that is sure.\n"
        "April 9, 2011 at 5:44 pm | Reply Arm the rebels and end this war now, it is overdue.\n"
        "April 10, 2011 at 10:49 am | Reply Arming the rebels now is risky for everybody there."
    )
    lead = _at(text, "Rebels advanced on the oil port on Friday after a week of air strikes.")
    assert own_narration(text, *lead)
    assert own_narration(text, *_at(text, "Governments must act before the fighting spreads"))
    comment = _at(text, "Arming the rebels now is risky for everybody there.")
    assert quoted_or_commented(text, *comment)
    # the first comment's marker follows it: the comments begin one comment before it
    assert quoted_or_commented(text, *_at(text, "Rebels will never win this without help"))
    worried = "Officials met on Monday. I was worried that it would obey the laws of physics."
    assert quoted_or_commented(worried, *_at(worried, "I was worried"))
    # "US" is a name, and a first person inside quotation marks is the quoted speaker's
    plain = 'The US said the plan "gives us time" and the talks will go on in Geneva.'
    assert not quoted_or_commented(plain, 0, len(plain))


def test_a_forum_page_has_no_narration() -> None:
    posts = " ".join(
        f"I think the flu is overblown by the media number {k}. We should all stay calm."
        for k in range(8)
    )
    text = "How can we avoid a pandemic? " + posts + " Governments should close the schools now."
    assert quoted_or_commented(text, *_at(text, "Governments should close the schools now."))


def test_refers_back_through_a_bare_or_judging_demonstrative() -> None:
    # "this"/"that" alone after a preposition, or "that" before a word of judgement, points
    # at an earlier sentence the brief does not show (blind audit, issue 17)
    assert refers_back("The mayor, aware of this, told voters to be suspicious of the plan.")
    assert refers_back('"I believe the governor disagrees with that simple truth," Mr. Lee added.')
    assert refers_back("With that prospect, the three brothers wait for news from the capital.")
    # a clause after "that", a "this" that points forward or a "that" of time is no reference
    assert not refers_back("The minister said that the simple truth was the ceasefire held.")
    assert not refers_back("The brothers know only this: the regime is close to falling.")
    assert not refers_back("The talks ended that week with no agreement on the harbour.")


def test_refers_back_anywhere_in_the_sentence() -> None:
    assert refers_back("Mr. Perry said he would not support the continuation of that lawsuit.")
    assert refers_back("Schools should close until this deadly flu is contained.")
    assert not refers_back("The delegations met this week in Geneva and agreed to meet again.")
    assert not refers_back("He said that Congress should wait until at least 2015 to act.")


def _selection(text: str, entities: tuple[Entity, ...]) -> Selection:
    article = Article(id="a", text=text, source="Wire")
    return Selection(
        story=Story(id="s", article_ids=("a",), entities=entities),
        articles={"a": article},
        units=[],
        vectors=np.zeros((0, 4), dtype=np.float32),
        timeline=(),
        names={},
    )


def _entity(text: str, key: str, name: str, written: str, nth: int = 0) -> Entity:
    starts = [k for k in range(len(text)) if text.startswith(written, k)]
    start = starts[nth]
    article = Article(id="a", text=text, source="Wire")
    return Entity(
        id=key,
        name=name,
        kind="organisation" if key == "house" else "person",
        aliases=(),
        mentions=(article.span(start, start + len(written)),),
    )


def _unit(text: str, sentence: str) -> Unit:
    start, end = _at(text, sentence)
    return Unit(article="a", source="Wire", start=start, end=end, text=sentence, rank=0)


def test_an_actor_frame_needs_the_actor_at_the_head_of_the_subject() -> None:
    text = (
        "House Republicans have argued that the procedural votes take little time. "
        "On Tuesday, Mr. Perry signaled he would not back the federal suit against Arizona. "
        "A spokesman for Perry said the governor would campaign in Iowa on Friday."
    )
    house = _entity(text, "house", "House", "House")
    perry = _entity(text, "perry", "Rick Perry", "Mr. Perry")
    sel = _selection(text, (house, perry))
    republicans = _unit(
        text, "House Republicans have argued that the procedural votes take little time."
    )
    assert not _speaks_for_itself(sel, republicans, house)  # the House did not argue it
    signaled = _unit(
        text, "On Tuesday, Mr. Perry signaled he would not back the federal suit against Arizona."
    )
    assert _speaks_for_itself(sel, signaled, perry)
    spokesman = "A spokesman for Perry said the governor would campaign in Iowa on Friday."
    perry_late = _entity(text, "perry", "Rick Perry", "Perry", nth=1)
    sel = _selection(text, (perry_late,))
    assert not _speaks_for_itself(sel, _unit(text, spokesman), perry_late)


def test_an_actor_frame_before_someone_elses_quotation_is_refused() -> None:
    text = (
        "Netanyahu spoke on Sunday. “President Obama has said that he is determined to stop "
        "Iran and I appreciate that,” Netanyahu said on the programme."
    )
    obama = _entity(text, "obama", "Barack Obama", "President Obama")
    sel = _selection(text, (obama,))
    sentence = (
        "“President Obama has said that he is determined to stop Iran and I appreciate that,” "
        "Netanyahu said on the programme."
    )
    assert not _speaks_for_itself(sel, _unit(text, sentence), obama)


def test_the_comments_begin_one_comment_before_the_first_marker() -> None:
    text = (
        "Senators met on Tuesday to discuss the war powers resolution on Libya.\n"
        "The vote is expected next month, aides to the majority leader said.\n"
        "The law is the law and the Senate ought to follow it to the letter.\n"
        "May 17, 2011 04:08 pm at 4:08 pm | Congress should vote on the mission soon.\n"
        "May 17, 2011 04:13 pm at 4:13 pm | Nobody asked the voters about any of it.\n"
    )
    first_comment = _at(text, "The law is the law and the Senate ought to follow it to the letter.")
    assert quoted_or_commented(text, *first_comment)  # its marker follows it
    lead = _at(text, "Senators met on Tuesday to discuss the war powers resolution on Libya.")
    assert own_narration(text, *lead)


def test_hearsay_is_nobodys_forecast() -> None:
    assert hearsay("A rumored summit might generate headlines but could face criticism.")
    assert hearsay("The envoy will reportedly travel to Ankara next week for more talks.")
    assert not hearsay("The envoy will travel to Ankara next week for more talks.")


def test_a_list_cut_after_its_number_and_a_run_on_caption_are_no_sentences() -> None:
    assert "ends on a list number" in sentence_faults(
        "Western involvement in Libya remains unlikely for a number of reasons: 1."
    )
    run_on = (
        "President Barack Obama said his government was responding to the disaster US "
        "President Barack Obama has called on his party to back clean energy."
    )
    assert "runs two sentences together" in sentence_faults(run_on)
    assert is_whole("President Barack Obama said his government was responding to the spill.")
    assert refers_back("Therefore, there should be an ongoing resolution on the provision.")


def test_a_named_speakers_assessment_needs_the_name_in_the_sentence() -> None:
    text = (
        "Senator Reid said the tax deal would fail in the Senate before the holidays. "
        "The deal would fail in the Senate before the holidays, he said on Tuesday."
    )
    reid = _entity(text, "reid", "Harry Reid", "Senator Reid")
    sel = _selection(text, (reid,))
    named = _unit(
        text, "Senator Reid said the tax deal would fail in the Senate before the holidays."
    )
    named.whole, named.speaker, named.entities = True, "reid", {"reid"}
    assert _names_its_speaker(sel, named)
    unnamed = _unit(
        text, "The deal would fail in the Senate before the holidays, he said on Tuesday."
    )
    unnamed.whole, unnamed.speaker = (
        True,
        "reid",
    )  # the quote finder knows; the sentence does not say
    assert not _names_its_speaker(sel, unnamed)


def test_a_pronoun_before_the_speakers_name_is_someone_unnamed() -> None:
    text = "“I'm not convinced that he has one,” Trump said of the birth certificate issue."
    trump = _entity(text, "trump", "Donald Trump", "Trump")
    sel = _selection(text, (trump,))
    unit = _unit(text, text)
    unit.whole, unit.speaker, unit.entities = True, "trump", {"trump"}
    assert not _names_its_speaker(sel, unit)


def test_a_line_break_after_a_colon_ends_a_part() -> None:
    text = (
        "UPDATE:\nRep. Bob Etheridge has apologized in a statement released by his office:\n"
        "“I deeply regret my reaction and I apologize to all involved,” Etheridge said."
    )
    parts = [text[a:b] for a, b in paragraph_parts(text, 0, len(text))]
    assert parts[-1].startswith("“I deeply regret") and len(parts) == 3


def test_a_statement_set_out_under_a_colon_is_its_authors() -> None:
    text = (
        "Rennie's article was removed from the website on Monday.\n"
        "On Tuesday, response points were circulated by the campaign:\n"
        "-Here are the facts: he joined the reserves in 1970 and served six years. "
        "Today's story unfortunately distorts his record of service by implying otherwise.\n"
        "-He has attended hundreds of veterans' events since then across the state.\n"
        "The campaign later said it would not comment further on the story."
    )
    distorts = _at(text, "Today's story unfortunately distorts his record of service")
    assert quoted_or_commented(text, *distorts)
    assert quoted_or_commented(text, *_at(text, "He has attended hundreds"))
    assert not quoted_or_commented(text, *_at(text, "Rennie's article was removed"))
    assert not quoted_or_commented(text, *_at(text, "The campaign later said"))


def test_an_outlet_frame_needs_the_person_named_before_a_pronoun() -> None:
    text = (
        "The defendant sat still in court. At one point he appeared to mouth an apology. "
        "The larger tribes long co-opted into his rule matter more. "
        "Mr. Perry said he would not back the suit."
    )
    perry = _entity(text, "perry", "Rick Perry", "Mr. Perry")
    sel = _selection(text, (perry,))
    assert _unnamed_third_person(sel, _unit(text, "At one point he appeared to mouth an apology."))
    assert _unnamed_third_person(
        sel, _unit(text, "The larger tribes long co-opted into his rule matter more.")
    )
    assert not _unnamed_third_person(sel, _unit(text, "Mr. Perry said he would not back the suit."))
    assert not _unnamed_third_person(sel, _unit(text, "The defendant sat still in court."))
