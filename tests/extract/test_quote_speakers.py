"""Who a quote's speaker is, on invented sentences: one test per error pattern of the issue-17
audit (a document or thing given as speaker, a nearby name instead of the one who said it, a
title taken for words, denied or unsaid clauses, a clause run into a quotation). Each asserts
what a reader is shown (confidence at or above the floor) and that the wrong item is not."""

from __future__ import annotations

import re

from newsprism.confidence import FLOORS
from newsprism.extract.parse import parse_texts
from newsprism.extract.quotes import quotes_in_text, speaker_confidence
from newsprism.settings import Settings
from newsprism.store import Store
from support import analysed


def found(text: str) -> list[tuple[str, str, float]]:
    """(speaker, content parts joined by |, speaker confidence) of every quote found; no
    name mentions are given, so no speaker resolves to a story entity."""
    (pieces,) = parse_texts([text])
    out = []
    for q in quotes_in_text(text, pieces):
        speaker = text[q.speaker[0] : q.speaker[1]] if q.speaker else ""
        content = "|".join(text[a:b] for a, b in q.content)
        confidence = speaker_confidence(
            speaker, content, direct=q.direct, resolved=False, continued=False, doubts=q.doubts
        )
        out.append((speaker, content, confidence))
    return out


def shown(text: str) -> list[tuple[str, str]]:
    """(speaker, content) of the quotes a reader is shown."""
    return [(s, c) for s, c, conf in found(text) if conf >= FLOORS.quote_speaker]


def test_a_document_without_its_issuer_is_no_speaker_a_reader_sees() -> None:
    text = (
        "The couple paid nearly $44 million in federal income taxes from 2007 to 2014, "
        "according to tax returns released Friday. "
        "The letter says, “We would be remiss in our duty if we did not challenge your plan.”"
    )
    assert any(s == "tax returns" for s, _, _ in found(text))  # still in the report
    assert shown(text) == []


def test_a_document_that_names_its_issuer_speaks_for_the_issuer() -> None:
    text = (
        "“Your budget reflects the values of your favorite philosopher,” says the letter, "
        "which the faculty members sent to Mr. Ryan. "
        "The Justice Department's report said the police had used excessive force for years."
    )
    assert shown(text) == [
        ("the faculty members", "Your budget reflects the values of your favorite philosopher,"),
        ("The Justice Department", "the police had used excessive force for years"),
    ]


def test_a_thing_parsed_as_subject_of_the_speech_verb_is_not_shown_as_speaker() -> None:
    text = (
        "That world view, Santorum continued, suggests that man could harm the Earth while "
        "relying on claims that “frankly are just not scientifically proven.”"
    )
    assert not any(s == "That world view" for s, _ in shown(text))


def test_a_title_after_said_on_is_not_a_quote() -> None:
    text = '"Republicans delivered," Paul Ryan said on "Fox News Sunday." "Are they done?"'
    assert not any("Fox News Sunday" in c for _, c, _ in found(text))


def test_quoted_words_in_someone_elses_claim_are_not_credited_to_the_nearby_name() -> None:
    text = (
        "One of the bodyguards, Alberto Alvarez, claims that the doctor, Conrad Murray, "
        '"grabbed a handful of vials" and told him to "put these in a bag".'
    )
    seen = shown(text)
    assert any(
        s == "One of the bodyguards, Alberto Alvarez" and "grabbed a handful of vials" in c
        for s, c in seen
    )
    assert not any("Conrad Murray" in s for s, _ in seen)


def test_a_speech_verb_inside_another_speakers_report_is_that_speakers_account() -> None:
    text = "Rogozin said NATO was choosing targets and then declaring them to be legitimate."
    assert shown(text) == [
        ("Rogozin", "NATO was choosing targets and then declaring them to be legitimate")
    ]
    assert any(s == "NATO" for s, _, _ in found(text))  # found, but not shown


def test_unsaid_denied_and_asked_clauses_are_not_the_speakers_words() -> None:
    text = (
        "Mr. Steele has lost many supporters, but he has not yet said whether he will run. "
        "Mr. Weiner denied that he had sent the photo to the student."
    )
    assert shown(text) == []
    assert found(text)  # kept in the report, under the floor


def test_a_clause_run_into_a_quotation_is_not_shown_as_content() -> None:
    text = (
        "Dr Murray's lawyer spoke on Friday. The prosecution called his girlfriends to "
        'testify "He can\'t operate his practice," said the attorney.'
    )
    assert not any("The prosecution called" in c for _, c in shown(text))


def test_according_to_after_a_speech_verb_does_not_take_the_speakers_words() -> None:
    text = (
        "“We need concrete action to change things in this country,” Holder said, according "
        "to excerpts provided by the Justice Department."
    )
    seen = shown(text)
    assert ("Holder", "We need concrete action to change things in this country,") in seen
    assert not any("Justice Department" in s or "excerpts" in s for s, _ in seen)


def test_doubts_keep_a_quote_under_the_floor_unless_a_thing_resolved_to_a_person() -> None:
    args = {"direct": True, "continued": False}
    plain = speaker_confidence("the official", "We will go", resolved=False, **args)
    for doubt in ("document", "thing", "nested", "fragment", "unsaid", "cut", "elsewhere"):
        doubted = speaker_confidence(
            "the official", "We will go", resolved=False, doubts=(doubt,), **args
        )
        assert doubted < FLOORS.quote_speaker <= plain
    # several speakers: wrong only when resolved to one entity; the bare phrase names them all
    several = {
        resolved: speaker_confidence(
            "Ana Lee and Bo Kim", "We will go", resolved=resolved, doubts=("several",), **args
        )
        for resolved in (False, True)
    }
    assert several[True] < FLOORS.quote_speaker <= several[False]
    person = speaker_confidence(
        "the bodyguard", "We will go", resolved=True, kind="person", doubts=("thing",), **args
    )
    assert person >= FLOORS.quote_speaker


def test_words_said_by_several_people_are_not_credited_to_one_of_them() -> None:
    text = (
        "Reps. John Lewis, Andre Carson and Emanuel Cleaver said some demonstrators yelled "
        "at them as they walked to the Capitol."
    )
    (pieces,) = parse_texts([text])
    lewis = text.index("John Lewis")
    (quote,) = quotes_in_text(text, pieces, [(lewis, lewis + 10, "PERSON")])
    assert quote.ref == (lewis, lewis + 10)  # the phrase resolves to its first name ...
    speaker = text[quote.speaker[0] : quote.speaker[1]]
    content = text[quote.content[0][0] : quote.content[0][1]]
    one = speaker_confidence(
        speaker, content, direct=False, resolved=True, continued=False, doubts=quote.doubts
    )
    assert one < FLOORS.quote_speaker  # ... so a reader would see only John Lewis: not shown


def test_a_pages_story_highlights_are_not_shown_as_quotes() -> None:
    text = "NEW: Consensus is against using U.S. ground troops, congressional leader says."
    assert any(c.startswith("NEW:") for _, c, _ in found(text))
    assert shown(text) == []


def test_someone_who_obtained_or_cited_a_document_is_not_its_speaker() -> None:
    text = (
        "The coastguard granted 74 exemptions over 48 days, according to documents obtained "
        "by Ed Markey. Dr Murray had two children, according to public records cited by the "
        "LA Times. A statement released by the ministry said the border would reopen soon."
    )
    seen = shown(text)
    assert not any(s in ("Ed Markey", "the LA Times", "LA Times") for s, _ in seen)
    assert seen == [("the ministry", "the border would reopen soon")]


def test_content_that_holds_its_own_cue_is_not_shown() -> None:
    from newsprism.extract import _swallows_cue
    from newsprism.model import FoundQuote

    text = "Jackson was taken to hospital on Tuesday, according to the news agency."
    cue = text.index("according to")
    swallowed = FoundQuote(
        content=((0, len(text)),), speaker=None, cue=(cue, cue + 12), direct=False, sentence=()
    )
    clean = FoundQuote(
        content=((0, cue - 2),), speaker=None, cue=(cue, cue + 12), direct=False, sentence=()
    )
    assert _swallows_cue(swallowed)
    assert not _swallows_cue(clean)
    doubted = speaker_confidence(
        "the news agency", text, direct=False, resolved=False, continued=False, doubts=("cut",)
    )
    assert doubted < FLOORS.quote_speaker


def test_a_definite_description_that_refers_back_is_not_shown_unresolved() -> None:
    text = (
        "Members of a militia unit brought wounded men to the clinic. "
        "The soldiers said they had switched sides and had beaten the palace guards. "
        "Two soldiers said the palace guards had fled."
    )
    assert ("The soldiers", "they had switched sides and had beaten the palace guards") in [
        (s, c) for s, c, _ in found(text)
    ]  # kept in the report, under the floor
    assert shown(text) == [("Two soldiers", "the palace guards had fled")]


def test_an_infinitive_cue_reports_no_one_saying_it() -> None:
    text = (
        "Several members withdrew their support, leading many party leaders to conclude that "
        "Mr. Dalen will not seek another term. Mr. Dalen went on to say that he would decide soon."
    )
    assert shown(text) == [("Mr. Dalen", "he would decide soon")]


def test_a_clause_cut_from_a_rhetorical_question_is_not_shown() -> None:
    text = "Why did Marek say the port was safe when it was not? Marek said the port was safe."
    assert shown(text) == [("Marek", "the port was safe")]


def test_a_name_in_a_for_or_to_modifier_is_not_the_speaker() -> None:
    from newsprism.extract.quotes import speaker_ref

    text = (
        "A lawyer for Mrs. Sorvik said there was no need. "
        "Valdoria's ambassador to the Harbour League said he resigned. "
        "A spokesman for the Harbour Authority said the port is open."
    )

    def ref(phrase: str, names: list[tuple[str, str]]) -> str | None:
        s = text.index(phrase)
        mentions = [(text.index(n), text.index(n) + len(n), label) for n, label in names]
        found_ref = speaker_ref((s, s + len(phrase)), text, mentions)
        return text[found_ref[0] : found_ref[1]] if found_ref else None

    assert ref("A lawyer for Mrs. Sorvik", [("Mrs. Sorvik", "PERSON")]) is None
    league = [("Valdoria", "GPE"), ("the Harbour League", "ORG")]
    assert ref("Valdoria's ambassador to the Harbour League", league) is None
    authority = [("the Harbour Authority", "ORG")]
    assert ref("A spokesman for the Harbour Authority", authority) == "the Harbour Authority"


def test_words_a_speaker_relays_from_a_newspaper_are_not_shown_as_the_speakers() -> None:
    text = (
        'Robert Vance says the newspaper blames the government for "cutting the state to the '
        'bone". Robert Vance says the government wants "to cut the state to the bone" this year.'
    )
    assert shown(text) == [("Robert Vance", "to cut the state to the bone")]


def test_content_that_runs_over_an_agency_dateline_is_not_shown() -> None:
    text = (
        "PORTVILLE | Tue Mar 1, 2011 9:39 am EST PORTVILLE (Reuters) - Valdoria has refused to "
        "return two patrol boats to its neighbour, Prime Minister Ilse Marek said. "
        "Marek said the boats would stay in port."
    )
    assert shown(text) == [("Marek", "the boats would stay in port")]


def test_part_of_a_group_is_not_resolved_to_the_whole_group() -> None:
    text = (
        "Some leading Democrats said it was the president's role to defend the right to worship. "
        "Democrats said the vote would come next week."
    )
    mentions = [(m.start(), m.end(), "NORP") for m in re.finditer("Democrats", text)]
    (pieces,) = parse_texts([text])
    refs = {
        text[q.speaker[0] : q.speaker[1]]: (text[q.ref[0] : q.ref[1]] if q.ref else None)
        for q in quotes_in_text(text, pieces, mentions)
        if q.speaker
    }
    assert refs == {"Some leading Democrats": None, "Democrats": "Democrats"}


def test_a_side_or_a_described_body_is_not_taken_for_a_back_reference() -> None:
    text = (
        "The prosecution said the doctor had left the patient alone for an hour. "
        "The executors of the singer's estate said the film would smear his name."
    )
    assert [s for s, _ in shown(text)] == [
        "The prosecution",
        "The executors of the singer's estate",
    ]


def test_an_according_to_on_someone_elses_rebuttal_is_not_shown() -> None:
    text = (
        "Marek's campaign disputed a report in the Valdorian Times as a distortion of his "
        "service, according to his campaign. The port reopened on Monday, according to the "
        "harbour master."
    )
    assert shown(text) == [("the harbour master", "The port reopened on Monday")]


def test_a_description_pointing_back_to_a_named_person_is_not_shown_unresolved() -> None:
    text = (
        "Rosa Delane will host the harbour festival next month. "
        "The jazz singer said she was honoured to open the festival. "
        "Her manager said the tickets had sold out. "
        "That poster said the festival would be free. "
        "Delane said the harbour would be closed to cars."
    )
    seen = shown(text)
    assert ("Delane", "the harbour would be closed to cars") in seen
    assert not any(s in ("The jazz singer", "Her manager", "That poster") for s, _ in seen)
    # the unnamed source met before ("a senior official" ... "The senior official") is no one named
    source = (
        "Spokesman Tom Reyes told reporters the embassy was open. "
        "The senior Valdorian official said the fax was not an official note."
    )
    assert [s for s, _ in shown(source)][-1:] == ["The senior Valdorian official"]
    # a common-noun possessor says whose lawyers; no one named before is meant
    lawyers = (
        "Witnesses have included Dr Rios's nurse, Ana Vela. "
        "The doctor's lawyers say the patient took the pills himself."
    )
    assert [s for s, _ in shown(lawyers)] == ["The doctor's lawyers"]
    # nobody named around it: the description is the speaker as the source gives it
    alone = "The bridge will reopen on Friday, the Harbour Board's chief engineer said on Tuesday."
    assert [s for s, _ in shown(alone)] == ["the Harbour Board's chief engineer"]


def test_reported_content_cut_from_its_own_predicate_is_not_shown() -> None:
    text = (
        "Norbeck denied this and said it believed that Kemp's choice of pump design, the type "
        "of seal used -- which Kemp admitted failed in the test -- and Kemp's failure to run a "
        "pressure check, were key mistakes. "
        "Voss said there was little sign fares between $2 and $3 a ride -- the band they have "
        "held for a year -- were hurting trade. "
        "Voss said the fares would stay where they are."
    )
    seen = shown(text)
    assert seen == [("Voss", "the fares would stay where they are")]
    cut = [c for _, c, _ in found(text) if c.startswith(("it believed", "there was little"))]
    assert len(cut) == 2 and not any(c.endswith(("mistakes", "trade")) for c in cut)


def test_reported_content_without_its_subject_is_not_shown() -> None:
    text = (
        "Harbour keeper Tom Reyes believes life at the new port is just grand. "
        "Reyes believes the port will grow."
    )
    seen = shown(text)
    assert not any(c.startswith("is just grand") for _, c in seen)
    assert ("Reyes", "the port will grow") in seen
    # a clause whose parse puts a verb without subject on top still holds its subject
    whole = (
        "Amidst a scare involving oil found on Keel Island beaches -- later declared not to "
        "have come from the wreck -- Portville's $6-million-a-year ferry trade is also losing "
        "money as a result of the storm, a top state harbour official said."
    )
    assert [s for s, _ in shown(whole)] == ["a top state harbour official"]


def test_a_narrated_past_belief_is_not_shown_as_words() -> None:
    text = (
        "On the first night the marchers in the square thought they had won the day. "
        "Union leaders fear the strike could last for weeks."
    )
    seen = shown(text)
    assert not any(c == "they had won the day" for _, c in seen)
    assert ("Union leaders", "the strike could last for weeks") in seen


def test_a_chat_askers_place_before_a_colon_is_not_the_speaker() -> None:
    text = (
        'I do not know, but the costs are as follows: "A ferry costs about $500,000, officials '
        "said.\nThe ferry line had a cost of about $60 million, and Norbeck says it is spending "
        '$6 a day."\nSalem, Ore.: President Marek on April 2nd when opening up new routes said '
        '"It turns out, by the way, that ferries today generally don\'t sink."\n'
        "This is clearly false."
    )
    speakers = [s for s, c in shown(text) if c.startswith("It turns out")]
    assert speakers == ["President Marek on April 2nd when opening up new routes"]


def test_a_moderation_notice_in_a_comment_section_is_no_ones_words() -> None:
    text = (
        "A storm could make this the year people left the coast.\n"
        "At 1:56 pm on 28 May 2010, Kristina wrote: This comment was removed because the "
        "moderators found it broke the House Rules.\n"
        "At 2:00 pm on 28 May 2010, Madvillain wrote: I work on the ferries and they are safe."
    )
    seen = shown(text)
    assert not any(c.startswith("This comment was removed") for _, c in seen)
    assert ("Madvillain", "I work on the ferries and they are safe") in seen


def test_a_seat_of_government_is_not_shown_as_its_state_speaking(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "The White House said the ships were being moved to help with relief. "
        "President Daniel Brooks said the ships would stay in the gulf.",
        store,
        settings,
    )
    names = {e.id: e.name for e in story.entities}
    quotes = [(q.speaker_text, names.get(q.speaker or ""), q.confidence) for q in story.quotes]
    assert any(t == "The White House" for t, _, _ in quotes), quotes  # kept, under the floor
    seen = [(t, n) for t, n, c in quotes if c >= FLOORS.quote_speaker]
    assert ("President Daniel Brooks", "Daniel Brooks") in seen, quotes
    assert not any(t == "The White House" for t, _ in seen), quotes


def test_officials_named_by_their_country_are_not_shown_as_the_country_speaking(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "Valdoria is seeking to evacuate its citizens from the port. "
        "Valdorian officials said the ferries would leave on Friday. "
        "Valdoria announced that it had closed the northern border.",
        store,
        settings,
    )
    names = {e.id: e.name for e in story.entities}
    seen = [
        (q.speaker_text, names.get(q.speaker or ""), q.text)
        for q in story.quotes
        if q.confidence >= FLOORS.quote_speaker
    ]
    officials = [s for s in seen if s[0] == "Valdorian officials"]
    # shown as the officials the text names, not as the state
    assert officials == [("Valdorian officials", None, "the ferries would leave on Friday")], seen
    # the state speaking in its own name is still the state
    assert ("Valdoria", "Valdoria", "it had closed the northern border") in seen, seen


def test_what_someone_knows_or_must_think_is_not_shown_as_their_words() -> None:
    text = (
        "Any parent knows that children need more sleep than adults. "
        "General Ilse Marek must know that if she attacks the port, she will face a response. "
        "General Ilse Marek said the port would stay open."
    )
    seen = shown(text)
    assert ("General Ilse Marek", "the port would stay open") in seen, seen
    assert not any(c.startswith(("children need", "if she attacks")) for _, c in seen), seen


def test_reported_words_cut_inside_a_hyphenated_word_are_not_shown() -> None:
    text = "Police have said Dr Kessler is co-operating with the inquiry."
    quotes = found(text)
    seen = shown(text)
    # the small parser cuts the clause at the hyphen; the cut words stay in the report only
    assert not any(c.endswith(" co") for _, c in seen), quotes
    assert all(c.endswith("co-operating with the inquiry") for _, c in seen), quotes
    # a clause that ends on a whole word beside a hyphenated one is still shown
    assert shown("Police said the doctor was a well-known figure in the town.") == [
        ("Police", "the doctor was a well-known figure in the town")
    ]


def test_a_writers_aside_between_dashes_is_not_shown_as_the_speakers_words() -> None:
    text = (
        "Amid a scare over tar balls on the beaches -- later found not to have come from the "
        "spill -- the state's tourism industry is losing millions, a tourism official said."
    )
    seen = shown(text)
    assert (
        "a tourism official",
        "Amid a scare over tar balls on the beaches|the state's tourism industry is losing "
        "millions",
    ) in seen, seen
    assert not any("later found" in c for _, c in seen), seen
