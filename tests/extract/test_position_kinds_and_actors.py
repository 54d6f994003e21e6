"""Positions on small texts, one per error pattern of the third round of issue 17 (judged items in
the blind audits and a self-review of the final3 reports): withholding details or a view is
declining to comment; an owned stance noun loses its trailing purpose clause, and one that names
no content ("a final U.S. proposal addressed to …") or an actor's own policy ("offered a
Medicare proposal") falls under the floor; a stance ends before ", although …" and ", which
would have …"; "offers some respite / a double page spread" gives nothing; "supports a seafood
industry" sustains it; "can call on troops" is no demand; a conjoined act that borrows a
reported clause's subject is not sure to be that subject's; a quoted refusal whose "unless"
stands in the quotation's other part is not shown as a flat refusal; "willing to try" is an own
attempt; a list of acts ends the stance at the second act; "vowed to seek" is a promise, no
demand; "threatened the independence of the bank" endangers, it threatens no act; "defended the
photo" is a defence of its own work; a ", calling for …" right after "where protesters have been
demonstrating" may be the protesters' call, not the main subject's; "the White House" resolved
to the country is not shown as the country's stance; a reported "Should X …?" is a question.
Each test asserts the right output is there and the wrong one is not."""

from __future__ import annotations

from newsprism.extract.parse import load_parser
from newsprism.extract.positions import _deontic
from newsprism.settings import Settings
from newsprism.store import Store
from support import analysed, shown_positions


def test_withholding_details_or_a_view_is_declining_to_comment(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "Senator Paul Marsh said he had been offered a post. But he refused to provide "
        "details, such as who approached him. Chief executive Tony Hale refused to offer a "
        "view on whether the criticism was fair. Turkey has refused to join the sanctions on "
        "Russia.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert ("Turkey", "rejects", "to join the sanctions on Russia") in found, found
    assert not any("details" in s or "a view" in s for _, _, s in found), found


def test_an_owned_noun_keeps_what_is_demanded_and_no_delivery_or_own_policy(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "A senior senator suggested his party should accept President Daniel Brooks's demand "
        "to raise the top tax rates so that the attention can shift to cuts in benefit "
        "programs. Envoy Carl Witt spent three months drafting a final U.S. proposal addressed "
        "to both capitals. Mr. Romney has offered a Medicare proposal similar to Mr. Ryan's. "
        "President Zelensky proposed substantial mining concessions in exchange for security "
        "guarantees.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert ("Daniel Brooks", "demand", "to raise the top tax rates") in found, found
    assert any(k == "offer" and s.startswith("substantial mining") for _, k, s in found), found
    assert not any("so that" in s for _, _, s in found), found
    assert not any("addressed to" in s or "Medicare proposal" in s for _, _, s in found), found


def test_a_stance_ends_before_although_and_a_comment_on_it(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "As governor in 2002, Senator Mark Dale called for lifting the trade embargo of Cuba, "
        "which would have helped rice farmers in his state. Governor Rick Palmer also opposes "
        "a full border fence, although he calls for more patrols along the border.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert ("Mark Dale", "demand", "lifting the trade embargo of Cuba") in found, found
    assert ("Rick Palmer", "rejects", "a full border fence") in found, found
    assert ("Rick Palmer", "demand", "more patrols along the border") in found, found
    assert not any("would have helped" in s or "although" in s for _, _, s in found), found


def test_an_offer_of_respite_or_of_newspaper_pages_gives_nothing(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "The Morning Express offers a double page spread on the outbreak. Saudi Arabia "
        "offered some respite to fears over oil supplies by indicating it can cover export "
        "cuts. Malta offered its airport as a hub for humanitarian aid.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert ("Malta", "offer", "its airport as a hub for humanitarian aid") in found, found
    assert not any("respite" in s or "page spread" in s for _, _, s in found), found


def test_sustaining_an_industry_is_no_support_and_can_call_on_is_no_demand(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "The Gulf supports a seafood industry that is second only to Alaska. Senator Mike Dane "
        "supports a path to legal status for farm workers. An expert estimated that Colonel "
        "Omar Hadid can call on 10,000 troops. President Daniel Brooks called on Congress to "
        "pass the energy bill.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert ("Mike Dane", "supports", "a path to legal status for farm workers") in found, found
    assert ("Daniel Brooks", "demand", "Congress to pass the energy bill") in found, found
    assert not any("seafood" in s or "troops" in s for _, _, s in found), found


def test_a_conjoined_act_borrowing_a_reported_subject_is_not_shown_as_its_stance(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "The report included praise for Libya from countries who last Friday agreed that "
        "Colonel Omar Hadid was a violator and backed his country's removal from the council. "
        "Colonel Omar Hadid rejected the court's authority.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert ("Omar Hadid", "rejects", "the court's authority") in found, found
    assert not any("removal from the council" in s for _, _, s in found), found


def test_a_refusal_whose_unless_stands_in_the_quotations_other_part_is_not_flat(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "“We will not sign a final settlement,” President Ilse Varga said, “unless the "
        "blockade of the port is lifted in full.” Senator Maria Lopez said she would not sign "
        "the trade deal unless wages were protected.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert any(
        a == "Maria Lopez" and k == "condition" and "unless wages" in s for a, k, s in found
    ), found
    # the stance shown is the condition itself, never the flat "will not sign"
    assert ("Ilse Varga", "condition", "the blockade of the port is lifted in full") in found, found
    assert not any("final settlement" in s for _, _, s in found), found


def test_willing_to_try_is_an_own_attempt_not_an_offer(store: Store, settings: Settings) -> None:
    story = analysed(
        "“I am willing to try now to see whether you can push to get rid of the bad parts,” "
        "Senator Laura Hill said at the rally. “We are ready to work with Kyiv on a "
        "ceasefire,” Foreign Minister Anton Berg said.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert ("Anton Berg", "offer", "ready to work with Kyiv on a ceasefire") in found, found
    assert not any("willing to try" in s for _, _, s in found), found


def test_a_list_of_acts_ends_the_stance_and_a_vow_to_seek_is_no_demand(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "Senator Marco Vale has also opposed the administration's negotiations with Iran, "
        "pressed for more support of rebels in Syria and advocated more aid to Ukraine. "
        "During his campaign in 1994, Governor Mark Dale vowed to seek “full equality” for "
        "farm workers, in a letter to a club.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert (
        "Marco Vale",
        "rejects",
        "the administration's negotiations with Iran",
    ) in found, found
    assert not any("pressed for" in s for _, _, s in found), found
    assert not any("full equality" in s for _, _, s in found), found


def test_endangering_something_is_no_threat_and_defending_a_photo_no_support(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "President Daniel Brooks has threatened the independence of the central bank, critics "
        "said. The Arab League threatened the stability of the region. The European Union "
        "threatened sanctions against the junta. The Weekly Courier has defended the photo -- "
        "an extreme close-up of the candidate -- saying the other images looked the same.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert ("European Union", "threat", "sanctions against the junta") in found, found
    assert not any("independence" in s or "stability" in s for _, _, s in found), found
    assert not any("the photo" in s for _, _, s in found), found


def test_a_trailing_participle_after_a_relative_clause_is_not_sure_to_be_the_actors(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "The Arab League met Wednesday to consider a resolution rejecting foreign military "
        "intervention in Libya, where protesters have been demonstrating for weeks, calling for "
        "more freedoms and for the longtime ruler to step down. The Arab League Wednesday "
        "rejected foreign intervention.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert ("Arab League", "rejects", "foreign intervention") in found, found
    assert not any("more freedoms" in s for _, _, s in found), found


def test_the_white_house_is_not_shown_as_the_country(store: Store, settings: Settings) -> None:
    story = analysed(
        "As part of its policy recommendations, the White House called on Congress to act on "
        "an old proposal to hire more police officers. The Kremlin called for talks in "
        "Istanbul.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert ("Russia", "demand", "talks in Istanbul") in found, found
    assert not any(a == "United States" for a, _, _ in found), found


def test_a_conjoined_act_after_the_reporters_own_he_stays_his(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "Secretary-General Ban Ki-moon told the General Assembly that he welcomed the decision "
        "and urged the international community to investigate the killings in Libya.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert any(
        a == "Ban Ki-moon" and k == "demand" and s.startswith("the international community")
        for a, k, s in found
    ), found


def test_a_should_question_reported_with_said_is_no_demand() -> None:
    nlp = load_parser()
    asked = nlp('"Should the federal government own this technology?" Brooks said.')
    stated = nlp("Brooks said the federal government should own this technology.")
    assert _deontic(next(t for t in asked if t.lemma_ == "own")) is None
    assert _deontic(next(t for t in stated if t.lemma_ == "own")) == ("demand", "deontic")
