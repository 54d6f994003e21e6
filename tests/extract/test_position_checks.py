"""Positions on small texts, one per error pattern left after the first round of issue 17:
a defence of one's own act or of a person is no backing of a policy; a pledge to keep going
("will not rest until …") and a refusal under an unreal condition ("if she were president")
are no red lines; a direct "we would never …" is a hypothetical; an owned stance noun shows
what it names, not the noun; a pronoun actor needs its name in this or the last sentence.
Each test asserts the right output is there (where there is one) and the wrong one is not."""

from __future__ import annotations

from newsprism.confidence import FLOORS, shown
from newsprism.extract.positions import build_positions
from newsprism.model import Span
from newsprism.settings import Settings
from newsprism.store import Store
from support import analysed, shown_positions


def test_defending_ones_own_decision_or_a_person_is_not_support(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "Governor Mark Pence has defended his decision to sign the bill. "
        "Secretary Laura Hill defended Susan Rice in the hearing. "
        "Chief executive Tony Hale defended the company's safety culture before parliament. "
        "President Daniel Brooks defended the surveillance programs as essential to "
        "fighting terrorism.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert any(k == "supports" and "surveillance programs" in s for _, k, s in found), found
    assert not any("decision to sign" in s for _, _, s in found), found
    assert not any(s.startswith("Susan Rice") for _, _, s in found), found
    assert not any("safety culture" in s for _, _, s in found), found


def test_a_pledge_to_keep_going_is_not_a_red_line(store: Store, settings: Settings) -> None:
    story = analysed(
        "President Daniel Brooks on Friday criticised the companies and said he would not rest "
        "until the leak was stopped at its source.",
        store,
        settings,
    )
    assert not any(k == "rejects" for _, k, _ in shown_positions(story)), shown_positions(story)


def test_a_refusal_under_an_unreal_condition_is_not_a_red_line(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "Senator Laura Hill indicated that if she were president, she would not abandon the "
        "Pacific trade deal but would use the opposition as leverage. "
        "Senator Maria Lopez said she would not sign the trade deal unless wages were protected.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert not any("abandon" in s or s.startswith("if she were") for _, _, s in found), found
    assert any(
        a == "Maria Lopez" and k == "condition" and "sign the trade deal" in s for a, k, s in found
    ), found


def test_a_direct_would_never_is_a_hypothetical_not_a_red_line(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "“We would never accept a foreign base next to the memorial,” Newton Gale said on "
        "Friday. “We will not accept a mosque next to the site,” Newton Gale said later.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert not any("foreign base" in s for _, _, s in found), found
    assert any(k == "rejects" and "mosque next to the site" in s for _, k, s in found), found


def test_an_owned_stance_noun_shows_what_it_names(store: Store, settings: Settings) -> None:
    story = analysed(
        "Senator Bob Corker said Republicans will have to yield to the Brooks demand of higher "
        "tax rates for top earners.",
        store,
        settings,
    )
    stances = [s for _, k, s in shown_positions(story) if k == "demand"]
    assert any(s.startswith("higher tax rates") for s in stances), stances
    assert not any("demand of" in s for s in stances), stances


def test_a_pronoun_actor_needs_its_name_in_this_or_the_last_sentence(
    store: Store, settings: Settings
) -> None:
    far = analysed(
        "Senator Mark Lopez spoke in Denver on Monday. The hall was full and the weather was "
        "cold. Several farmers waited outside in the rain for hours. He urged the council to "
        "cancel the new water tax. He said the council must cancel the new water tax.",
        store,
        settings,
    )
    assert not any("water tax" in s for _, _, s in shown_positions(far)), shown_positions(far)
    near = analysed(
        "Senator Mark Lopez spoke in Denver on Monday. He urged the council to cancel the new "
        "water tax.",
        store,
        settings,
    )
    assert any(
        a == "Mark Lopez" and k == "demand" and "water tax" in s
        for a, k, s in shown_positions(near)
    ), shown_positions(near)


def test_a_stance_ends_at_a_line_break_and_before_a_trailing_participle(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "Brooks urges new restrictions on assault weapons as part of gun plan\n"
        "President Daniel Brooks called Wednesday for a tougher assault-weapons ban. "
        "Senator Maria Lopez rejected the pipeline bill, generating anger among unions in Ohio.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert not any("\n" in s for _, _, s in found), found
    assert not any("generating" in s for _, _, s in found), found
    assert any(
        a == "Maria Lopez" and k == "rejects" and s == "the pipeline bill" for a, k, s in found
    ), found


def test_a_stance_opening_on_a_relative_pronoun_is_a_fragment(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "The league announced the final, which the Football Federation refused to reschedule "
        "despite the outbreak.",
        store,
        settings,
    )
    assert not any(s.lower().startswith("which") for _, _, s in shown_positions(story)), (
        shown_positions(story)
    )


def test_a_demand_of_an_unnamed_he_is_not_shown_but_of_a_named_one_is(
    store: Store, settings: Settings
) -> None:
    story = analysed(
        "Representative Raul Lanner said he should step down if he allows a vote on the bill. "
        "Senator Jim Dalton said Michael Stone must apologize to the troops.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert not any(s.startswith("he should step down") for _, _, s in found), found
    assert any(
        a == "Jim Dalton" and k == "demand" and "Michael Stone must apologize" in s
        for a, k, s in found
    ), found


def test_an_owned_noun_that_names_only_a_topic_is_not_shown() -> None:
    text = "Paul Ryan's own proposals for Medicare were attacked. The Brooks proposal for a "
    text += "freeze of all federal salaries was welcomed."
    topic = "Paul Ryan's own proposals for Medicare"
    second = text.index("The Brooks")
    named = [
        (
            "ryan",
            "offer",
            Span(article_id="a", start=0, end=len(topic)),
            Span(article_id="a", start=0, end=second - 1),
        ),
        (
            "brooks",
            "offer",
            Span(article_id="a", start=second, end=len(text) - len(" was welcomed.")),
            Span(article_id="a", start=second, end=len(text)),
        ),
    ]
    found = build_positions((), (), {"a": text}, {}, named)
    assert not any(p.actor == "ryan" and shown(p.confidence, FLOORS.position) for p in found)
    assert [(p.actor, p.stance) for p in found if shown(p.confidence, FLOORS.position)] == [
        ("brooks", "a freeze of all federal salaries")
    ], found


def test_refusing_to_comment_is_not_a_red_line(store: Store, settings: Settings) -> None:
    story = analysed(
        "Senator Jim Dalton has refused to speculate on future expenses. "
        "Senator Maria Lopez refused to approve the pipeline bill. "
        "Ukraine firmly refuses to discuss any territorial concessions with Moscow.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert not any("speculate" in s for _, _, s in found), found
    assert any(
        a == "Maria Lopez" and k == "rejects" and "approve the pipeline bill" in s
        for a, k, s in found
    ), found
    assert any(k == "rejects" and "territorial concessions" in s for _, k, s in found), found


def test_an_actor_named_by_my_or_our_is_not_a_stakeholder(store: Store, settings: Settings) -> None:
    story = analysed(
        "The health agency urged doctors to report new cases. "
        "My GP refuses to prescribe antiviral drugs for the new flu.",
        store,
        settings,
    )
    found = shown_positions(story)
    assert not any("antiviral" in s for _, _, s in found), found
