"""Positions on small texts, one per error pattern of issue 17: the actor is the agent of the
stance predicate, the kind is what the actor wants, offers or refuses, denials, plans and
predictions are no stances, and the stance is a clause a reader understands; quote speakers
carry a confidence."""

from __future__ import annotations

from newsprism.extract.quotes import speaker_confidence
from newsprism.model import Story
from newsprism.settings import Settings
from newsprism.store import Store
from support import analysed


def positions(story: Story) -> list[tuple[str, str, str]]:
    names = {e.id: e.name for e in story.entities}
    return [(names.get(p.actor, p.actor), p.kind, p.stance) for p in story.positions]


def test_the_actor_is_the_one_who_demands_not_a_name_nearby(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "Senator Maria Lopez urged President Daniel Brooks to veto the pipeline bill on "
        "Tuesday, according to officials in Ohio.",
        store,
        settings,
    )
    found = positions(story)
    assert ("Maria Lopez", "demand", "President Daniel Brooks to veto the pipeline bill") in [
        (a, k, s.removesuffix(" on Tuesday")) for a, k, s in found
    ]
    assert all(actor != "Daniel Brooks" and actor != "Ohio" for actor, _, _ in found)


def test_a_regional_office_holder_is_not_the_place_that_names_him(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "The Idaho congressman has said that Congress should wait until 2015 to take up "
        "the immigration bill.",
        store,
        settings,
    )
    idaho = [
        p for p in story.positions if p.actor in {e.id for e in story.entities if e.name == "Idaho"}
    ]
    assert all(p.confidence < 0.5 for p in idaho)


def test_a_denial_is_not_a_red_line(store: Store, settings: Settings) -> None:
    story = analysed(
        "Donald Trump denied that he asked James Comey to drop the investigation. "
        "Mike Pence rejected reports that the law sanctioned discrimination.",
        store,
        settings,
    )
    found = positions(story)
    assert not any("asked James Comey" in s or "Comey" in s for _, _, s in found)
    assert not any(k == "rejects" for _, k, _ in found)


def test_a_refusal_of_a_request_is_a_red_line(store: Store, settings: Settings) -> None:
    story = analysed(
        "Prime Minister Anna Berg has turned down a request by opposition senators for a "
        "private meeting.",
        store,
        settings,
    )
    assert (
        "Anna Berg",
        "rejects",
        "a request by opposition senators for a private meeting",
    ) in positions(story)


def test_own_plans_efforts_and_predictions_are_not_stances(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "Senator Tom Grant plans to seek a seventh term in 2016. "
        "Governor Lisa Hale, seeking to clarify her remarks, issued a statement. "
        "Economist Paul Reyes warned that the shutdown will be a destructive force. "
        "Olympia Marsh said she wouldn't seek re-election this year. "
        "Paul Reyes offered a strong critique of the budget.",
        store,
        settings,
    )
    found = positions(story)
    assert not any("seventh term" in s or "clarify" in s for _, _, s in found)
    assert not any(k == "threat" for _, k, _ in found)
    assert not any("re-election" in s or "critique" in s for _, _, s in found)


def test_a_stance_is_a_clause_not_a_fragment(store: Store, settings: Settings) -> None:
    story = analysed(
        "Netanyahu was invited by House Speaker John Boehner without him first conferring "
        "with the White House. Volodymyr Zelensky walked away from the deal.",
        store,
        settings,
    )
    found = positions(story)
    assert not any(s.startswith(("by ", "away ")) for _, _, s in found)


def test_a_quoted_demand_is_the_speakers_and_a_prediction_is_none(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "“Kyiv must pull its forces out of the four regions,” Foreign Minister Sergei "
        "Lavrov said. “These tax authorities will have to figure out how to deal with it,” "
        "Marvin Kirsner said.",
        store,
        settings,
    )
    found = positions(story)
    assert ("Sergei Lavrov", "demand", "Kyiv must pull its forces out of the four regions") in found
    assert not any(a == "Marvin Kirsner" for a, _, _ in found)


def test_a_quote_stating_someone_elses_stance_is_not_the_speakers(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "“President Obama has said that he is determined to prevent Iran from getting "
        "nuclear weapons,” Benjamin Netanyahu said. “We are ready to work with the Ukrainian "
        "side on a memorandum,” Vladimir Putin said.",
        store,
        settings,
    )
    found = positions(story)
    assert not any(a == "Benjamin Netanyahu" for a, _, _ in found)
    assert (
        "Vladimir Putin",
        "offer",
        "ready to work with the Ukrainian side on a memorandum",
    ) in found


def test_first_person_words_credited_to_an_outlet_get_a_low_speaker_confidence() -> None:
    outlet = speaker_confidence(
        "The New York Times",
        "We will not sign this deal",
        direct=True,
        resolved=True,
        continued=False,
    )
    person = speaker_confidence(
        "Senator Maria Lopez",
        "We will not sign this deal",
        direct=True,
        resolved=True,
        continued=False,
    )
    bare_he = speaker_confidence(
        "he", "We will not sign this deal", direct=True, resolved=False, continued=False
    )
    assert outlet < 0.5 <= person
    assert bare_he < 0.5
    assert (
        speaker_confidence(
            "The lawsuit, which was brought by Nebraska",
            "ignoring every objective",
            direct=True,
            resolved=True,
            continued=False,
        )
        < 0.5
    )


def test_refusing_to_take_credit_is_a_denial_not_a_red_line(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "Governor Ellen Park asked lawmakers to rewrite the zoning bill. Tom Park, her son, "
        "refused to take credit for the change. Senator Maria Lopez refused to sign the bill.",
        store,
        settings,
    )
    found = positions(story)
    assert not any("take credit" in s for _, _, s in found)
    assert ("Maria Lopez", "rejects", "to sign the bill") in found


def test_past_opposition_is_no_red_line_when_the_actor_now_defends_it(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "Attorney General John Miller had opposed Measure 12, which raised the fuel tax. "
        "But on Thursday he said he would defend it in court. "
        "Senator Maria Lopez opposes Measure 14.",
        store,
        settings,
    )
    found = positions(story)
    assert not any(k == "rejects" and "Measure 12" in s for _, k, s in found)
    assert ("Maria Lopez", "rejects", "Measure 14") in found


def test_readiness_to_fight_for_voters_is_a_candidacy_not_an_offer(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        '"I am now ready to fight for the people of Ohio," Governor Tom Baker said on Tuesday. '
        '"We are ready to release the prisoners," said Foreign Minister Anna Marek.',
        store,
        settings,
    )
    found = positions(story)
    assert not any("fight for the people" in s for _, _, s in found)
    assert ("Anna Marek", "offer", "ready to release the prisoners") in found


def test_a_purpose_clause_is_not_part_of_the_demand(store: Store, settings: Settings) -> None:
    story = analysed(
        "Senator Maria Lopez urged Congress to raise the fuel tax so that the attention can "
        "shift to cuts in road programs.",
        store,
        settings,
    )
    found = positions(story)
    assert ("Maria Lopez", "demand", "Congress to raise the fuel tax") in found
    assert not any("so that" in s for _, _, s in found)


def test_a_promise_of_ones_own_course_is_a_commitment_not_an_offer(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "Senator Maria Lopez will promise to use American power to protect shipping lanes. "
        "Foreign Minister Anna Marek offered talks on the prisoners.",
        store,
        settings,
    )
    assert not any(p.kind == "offer" and "American power" in p.stance for p in story.positions)
    assert all(p.confidence < 0.7 for p in story.positions if "American power" in p.stance)
    assert ("Anna Marek", "offer", "talks on the prisoners") in positions(story)


def test_advice_to_anyone_who_wants_something_is_no_demand(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        '"Anyone who wants me off the case needs to call the governor," Prosecutor Tom Baker '
        'said. "Congress needs to appoint a special prosecutor," Senator Maria Lopez said.',
        store,
        settings,
    )
    found = positions(story)
    assert not any("call the governor" in s for _, _, s in found)
    assert any(
        a == "Maria Lopez" and k == "demand" and "appoint a special prosecutor" in s
        for a, k, s in found
    )


def test_a_stance_ending_in_a_possessive_keeps_it(store: Store, settings: Settings) -> None:
    story = analysed(
        "Governor Tom Baker has offered a tax plan similar to Senator Maria Lopez’s. "
        "The plan was published on Monday.",
        store,
        settings,
    )
    stances = [s for _, _, s in positions(story)]
    assert "a tax plan similar to Senator Maria Lopez’s" in stances
    assert "a tax plan similar to Senator Maria Lopez" not in stances


def test_proposed_as_an_adjective_in_a_that_clause_is_no_offer(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "Markets will react to the announcement from the Obama administration that proposed "
        "exploratory drilling in the Arctic Ocean will be suspended until 2011. "
        "Foreign Minister Anna Marek proposed talks on the prisoners.",
        store,
        settings,
    )
    found = positions(story)
    assert not any(s.startswith("exploratory drilling") for _, _, s in found)
    assert ("Anna Marek", "offer", "talks on the prisoners") in found
