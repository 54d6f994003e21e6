"""Whole sentences (compose/prose.py): the faults a reader stops at, and the counts a
benchmark takes per brief."""

from __future__ import annotations

from newsprism.compose.prose import brief_faults, is_whole, sentence_faults
from newsprism.model import BriefSection, CitedSentence, Span


def test_whole_sentences_pass_and_fragments_say_what_is_wrong() -> None:
    assert is_whole("On Thursday, the delegations convened in Istanbul to negotiate.")
    assert is_whole("US President Donald Trump has attacked Democrats over the shutdown.")
    assert is_whole('Erdoğan said Turkey was ready to “provide all possible assistance."')
    assert sentence_faults("the latest reports suggest it might happen on Friday") == (
        "lowercase start",
        "no closing stop",
    )
    assert "too short" in sentence_faults("Away from the deal.")
    assert "open quotation" in sentence_faults("He called it “a knife at the throat of the coast.")
    assert "opens on an unresolved pronoun" in sentence_faults(
        "It was immediately rejected by both sides in Paris."
    )
    assert "opens on an unresolved pronoun" in sentence_faults(
        "This new ceasefire proposal sought to display genuine intentions."
    )


def _s(text: str, frame: str = "", article: str = "a") -> CitedSentence:
    return CitedSentence(
        text=frame + text, frame=frame, citations=(Span(article_id=article, start=0, end=5),)
    )


def test_brief_faults_count_words_fragments_repeats_and_openings() -> None:
    sections = (
        BriefSection(
            key="context",
            title="Introduction & Context",
            sentences=(
                _s("The talks in Istanbul have formally resumed but remain empty."),
                _s("the talks in istanbul have formally resumed but remain empty.", article="b"),
            ),
        ),
        BriefSection(
            key="analysis",
            title="Analysis & Implications",
            sentences=(_s("It is clear that nothing will change soon.", "Source A writes: "),),
        ),
        BriefSection(key="outlook", title="Looking Ahead", sentences=(), note="none"),
    )
    faults = brief_faults(sections)
    assert faults.sentences == 3 and faults.words == 10 + 10 + 11
    assert faults.repeats == 1  # the same body, case and spacing aside
    assert faults.fragments == 1  # the lowercase one
    assert faults.unresolved_openings == 1  # "It is clear …" after its frame
    assert faults.empty_sections == 1 and faults.cited_articles == 2


def test_a_pronoun_subject_after_an_opening_phrase_is_unresolved_too() -> None:
    assert "opens on an unresolved pronoun" in sentence_faults(
        "Under the exchange agreed yesterday in Geneva, he should be home within two weeks."
    )
    assert is_whole("In a bid to regain control, Putin offered a three-day ceasefire around May 9.")
    assert "refers back to an earlier sentence" in sentence_faults(
        "Turkish President Erdoğan reaffirmed his country's commitment to this approach."
    )


def test_an_i_opening_a_quotation_its_sentence_attributes_to_a_name_is_resolved() -> None:
    # the sentence names who "I" is, right after the quotation closes
    assert is_whole("“I am not pro-gay marriage,” Liz Cheney said in a statement on Friday.")
    assert is_whole('"We need a chairman who is focused on the job," said Sen. Jim DeMint.')
    assert is_whole("“We will win this fight,” Obama, who spoke in Toledo, said to the crowd.")
    # no name after it, a name no one would know, a third person, or no quotation at all
    for text in (
        '"I think it would be better if he went," he said to reporters on Monday.',
        '"I think that freedom means freedom for everyone," the former vice president said.',
        "“I believe the issue must be decided by the states and by the people themselves.”",
        "“It is a disaster for the whole country,” Smith said on Monday evening.",
        "We must remember that the war is a necessary one for all of us.",
    ):
        assert "opens on an unresolved pronoun" in sentence_faults(text), text


def test_this_standing_alone_after_behind_or_against_refers_back() -> None:
    from newsprism.compose.prose import refers_back

    assert refers_back(
        "“Motives matter, and I think you can see who was behind this,” Woodhouse said."
    )
    assert refers_back("The unions voted against that, the minister said on Monday.")
    assert not refers_back("Woodhouse said the party was behind the plan from the start.")
    assert not refers_back("The unions voted against the plan that the minister put forward.")


def test_a_pronoun_subject_of_an_opening_subordinate_clause_is_unresolved() -> None:
    # "it" is what the sentence before named (the virus); the brief does not show that one
    assert "opens on an unresolved pronoun" in sentence_faults(
        "If it is infectious enough to find a new host, it can spread rapidly across borders."
    )
    assert "opens on an unresolved pronoun" in sentence_faults(
        "When he arrived at the airport, the crowd had already gone home for the night."
    )
    assert "opens on an unresolved pronoun" in sentence_faults(
        "Until now it has not normally infected humans, but the new form clearly does."
    )
    # a subordinate clause whose subject is named is whole
    assert is_whole("If the virus is infectious enough to find a new host, the outbreak can grow.")


def test_a_third_person_inside_a_quotation_needs_its_referent_in_the_sentence() -> None:
    from newsprism.compose.prose import unresolved_in_quote

    # "it" and "he" inside the speaker's words mean what the sentence before named
    assert unresolved_in_quote("Ms. Reyes said, “I still can’t even believe it.”")
    assert unresolved_in_quote('"I thought about it, but it did not affect me at all," Ann said.')
    assert unresolved_in_quote("“He has no plan for the harbour,” Mayor Oduya said on Monday.")
    # an empty "it", a referent named before the pronoun, or no third person: resolved
    assert not unresolved_in_quote("“I think it’s tragic that the board would do this,” Lee said.")
    assert not unresolved_in_quote("“The levy is unfair and we will fight it,” Mayor Oduya said.")
    text = "Oduya said of Renaud, “He has no plan for the harbour.”"
    assert not unresolved_in_quote(text, named=[text.index("Renaud")])
    assert unresolved_in_quote(text)  # without Renaud's name it is anyone's "he"
    assert not unresolved_in_quote("“We need a chairman who is focused,” DeMint said.")
    assert not unresolved_in_quote("Ann wrote: “I love my sister, but she is dead wrong.”")
    assert not unresolved_in_quote('"Why can\'t Mitt Romney run his race and I mine?" Akin said.')


def test_a_caption_date_run_into_the_next_sentence_is_a_run_on() -> None:
    run_on = (
        "Dr Okafor looked tired as the verdict was read out in court 1 November 2011 "
        "Dr Okafor tells the judge he will not testify in his own defence."
    )
    assert "runs two sentences together" in sentence_faults(run_on)
    # a date governed by its preposition is part of the sentence
    assert is_whole("On 1 November 2011 Dr Okafor told the judge he would not testify.")
    assert is_whole("The court sat from 1 November 2011 until the end of the month.")


def test_something_like_that_refers_back() -> None:
    from newsprism.compose.prose import refers_back

    assert refers_back("Something like that is unlikely to happen in the harbour today.")
    assert not refers_back("Nothing like the 1918 outbreak is likely to happen today.")
