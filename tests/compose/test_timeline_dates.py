"""An event's date is the time expression of its own predicate, on small hand-written texts:
one test per error pattern seen on real news (issue 17), each asserting the right date and
the absence of the wrong one. The texts go through the real time tagger, the spaCy parse of
the extract stage and the timeline builder; only the sentence model is a word-hash stand-in.
"""

from __future__ import annotations

import datetime as dt
import re

from newsprism.annotate import find_time_mentions
from newsprism.compose.timeline import build_timeline, event_doubt, reader_timeline
from newsprism.confidence import FLOORS
from newsprism.extract import extract_articles
from newsprism.model import Annotation, Article, DateValue, Span, Story, TimeMention
from support import WordEncoder

PUBLISHED = dt.date(2025, 5, 13)  # a Tuesday


def _run(text: str, *, published: dt.date = PUBLISHED, kind: str = "explicit") -> tuple:
    """The article's extraction and the story's full timeline (report.json's)."""
    article = Article(
        id="a1",
        text=text,
        source="outlet",
        published=DateValue(value=published.isoformat(), granularity="day", kind=kind),  # type: ignore[arg-type]
    )
    sentences = tuple(
        Span(article_id="a1", start=m.start(), end=m.end())
        for m in re.finditer(r"[^.!?\n]+[.!?]?", text)
    )
    times = find_time_mentions(article)  # as the annotate stage finds them
    annotation = Annotation(article_id="a1", sentences=sentences, mentions=(), times=times)
    found = extract_articles([article], [annotation])
    story = Story(id="s", article_ids=("a1",))
    timeline = build_timeline(story, [article], [annotation], WordEncoder(), found)
    return found[0], timeline


def _shown_dates(timeline: tuple) -> set[str]:
    return {e.date for e in reader_timeline(timeline)}


def test_a_date_inside_a_description_of_a_noun_is_not_the_events_date() -> None:
    found, timeline = _run(
        "The senator, who carried a Bible given by his mother in 1955, was sworn in on Monday."
    )
    roles = {a.value: a.role for a in found.anchors}
    assert roles["1955"] == "embedded"
    assert roles["2025-05-12"] == "predicate"
    assert "1955" not in _shown_dates(timeline)
    assert "2025-05-12" in _shown_dates(timeline)
    # the entry dated 1955 stays in the report, marked as not sure
    assert all(e.confidence < FLOORS.timeline for e in timeline if e.date == "1955")


def test_a_year_that_names_a_thing_or_modifies_a_noun_dates_nothing() -> None:
    found, timeline = _run(
        "India bought Mirage 2000 jets from France. Investigators said on Tuesday that "
        "hackers had targeted the 2016 election."
    )
    roles = {a.value: a.role for a in found.anchors}
    assert "2000" not in roles  # the Mirage 2000 is no year
    assert roles["2016"] == "nominal"
    shown = _shown_dates(timeline)
    assert "2016" not in shown and "2000" not in shown
    assert "2025-05-13" in shown  # "said on Tuesday", the day of publication


def test_weekdays_follow_the_verbs_tense_from_the_publication_day() -> None:
    found, _ = _run(
        "The council will vote when it meets on Thursday. The minister said on Monday that "
        "the plan was ready."
    )
    values = {found_text: a.value for a in found.anchors for found_text in [a.time]}
    text_of = {a.value: a.tense for a in found.anchors}
    assert "2025-05-15" in values.values()  # after publication: it meets on Thursday
    assert "2025-05-08" not in values.values()  # not the Thursday before
    assert "2025-05-12" in values.values()  # said on Monday: the day before
    assert "2025-05-13" not in values.values()  # never the publication day by default
    assert text_of["2025-05-15"] == "present" and text_of["2025-05-12"] == "past"


def test_events_take_the_date_of_their_own_verb() -> None:
    found, _ = _run(
        "Russian forces attacked the town on Monday, a day after the 2016 accord was "
        "recalled. Ukraine accused Moscow of breaking a truce agreed in 2022."
    )
    dates = {e.type: e.date for e in found.events}
    assert dates.get("ASSAULT") == ("2025-05-12", "day")
    assert dates.get("ACCUSE") is None  # 2022 dates the truce, not the accusation


def test_reader_comments_and_bylines_are_neither_events_nor_timeline_entries() -> None:
    text = (
        "The central bank raised rates on Monday to curb inflation.\n"
        "By Web Politics Editor | May 12, 2025; 11:19 AM ET\n"
        "Posted by: reader42 | May 12, 2025 11:57 AM | Report abuse\n"
        "I think the protesters attacked the bank on Friday and nobody cared.\n"
        "Posted by: other | May 12, 2025 12:30 PM | Report abuse\n"
    )
    found, timeline = _run(text)
    comments = text.index("By Web Politics")
    assert all(e.trigger[0] < comments for e in found.events)
    assert all(s.start < comments for e in timeline for s in e.evidence)
    assert "2025-05-12" in _shown_dates(timeline)  # the bank's decision, from the article
    assert "2025-05-09" not in {e.date for e in timeline}  # the commenter's Friday


def test_a_weekday_counted_from_a_guessed_publication_day_is_not_shown() -> None:
    _, timeline = _run("The delegations met on Thursday in Istanbul.", kind="inferred")
    assert [e.date for e in timeline] == ["2025-05-08"]
    assert reader_timeline(timeline) == ()


def test_a_date_of_a_time_noun_is_placed_where_the_noun_is() -> None:
    found, timeline = _run("On the night of 25 June 2009, the doctor injected the singer.")
    assert [(a.value, a.role) for a in found.anchors] == [("2009-06-25", "predicate")]
    assert "2009-06-25" in _shown_dates(timeline)


# The error patterns of the second blind audit (issue 17): a range dated by its start, a
# forecast or a plan dated as an event, a weekday on a present perfect, a subordinate clause
# shown as an event, a year guessed for "that October", a habit dated as an event. Each text
# also carries a plain dated event, which must stay shown: the rules hide, they do not blind.

RESIGNED = " The minister resigned on Monday."  # 2025-05-12, shown


def test_a_range_is_not_dated_by_its_first_day() -> None:
    _, timeline = _run(
        "Egypt suffered during the outbreak of bird flu, between 2004 and 2008, with 22 "
        "deaths reported. Attacks on Saturday and Sunday hit the state television building."
        + RESIGNED
    )
    shown = _shown_dates(timeline)
    assert "2025-05-12" in shown
    assert not shown & {"2004", "2008", "2025-05-10", "2025-05-11"}
    assert "2004" in {e.date for e in timeline}  # kept in report.json, under the floor


def test_a_forecast_or_plan_is_not_a_dated_event() -> None:
    _, timeline = _run(
        "In January 2027, the country will have a new president. The cuts would not spur "
        "job creation in the coming year or two." + RESIGNED
    )
    shown = _shown_dates(timeline)
    assert "2025-05-12" in shown
    assert "2027-01" not in shown and "2026" not in shown
    # a past act reported on a day is dated by its saying
    _, timeline = _run("The company said on Monday it had delayed drilling at the field.")
    assert "2025-05-12" in _shown_dates(timeline)


def test_a_forecast_reported_by_a_dated_saying_is_not_an_event() -> None:
    # the audit's rule: a forecast is not a dated event even when its date is right
    _, timeline = _run(
        "The president will sign the bill this week, lawmakers who were briefed on it said "
        "Monday." + RESIGNED
    )
    shown = _shown_dates(timeline)
    assert "2025-05-12" in shown  # the resignation, a plain dated event
    assert [e for e in reader_timeline(timeline) if "sign the bill" in e.text] == []
    assert any("sign the bill" in e.text for e in timeline)  # kept, under the floor
    # a past act reported on a day stays, whatever an aside later says of the future
    _, timeline = _run(
        "The leader said Saturday he has offered amnesty to defectors, but there will be no "
        "talks until the regime falls."
    )
    assert "2025-05-10" in _shown_dates(timeline)


def test_a_standing_state_is_not_a_dated_event() -> None:
    _, timeline = _run(
        "In total, 33 Senate seats are in play this year, with 23 held by Democrats. "
        "The party has 40 candidates this year. The vote was on Monday."
    )
    shown = reader_timeline(timeline)
    assert not [e for e in shown if "in play" in e.text or "candidates" in e.text]
    assert any(e.date == "2025-05-12" and "vote" in e.text for e in shown)
    _, timeline = _run("There was an explosion at the depot on Monday.")
    assert "2025-05-12" in _shown_dates(timeline)  # existential: an event
    # a copula on a day is an event told as a state
    _, timeline = _run("France sent a carrier and its planes were over the country on Sunday.")
    assert "2025-05-11" in _shown_dates(timeline)


def test_a_clause_cut_from_a_quote_or_a_relative_clause_is_not_an_event() -> None:
    _, timeline = _run(
        '"There was shelling near the base last night, but nothing was hit," said a guard '
        "who volunteered to watch the depot. Ms. Reyes, who came to the door of the family's "
        "house in Forest Hills, Queens, on Monday, wore a mask." + RESIGNED
    )
    shown = reader_timeline(timeline)
    assert not [e for e in shown if e.text.startswith(("There was shelling", "who came"))]
    assert any(e.date == "2025-05-12" and "resigned" in e.text for e in shown)
    # a reported event outside quotation marks stays an event
    _, timeline = _run("The minister said the two sides signed the agreement on Monday.")
    assert "2025-05-12" in _shown_dates(timeline)


def test_chronology_items_run_together_are_not_one_event() -> None:
    _, timeline = _run(
        "1991: 520m gallons were released from tankers during the war 1979: 140m gallons "
        "were spilt after a well blow-out in the Bay of Campeche." + RESIGNED
    )
    shown = _shown_dates(timeline)
    assert "2025-05-12" in shown
    assert "1991" not in shown and "1979" not in shown


def test_a_day_on_a_present_perfect_is_not_the_verbs_day() -> None:
    text = (
        "Mr. Trump has invited party leaders to his office in Manhattan on Friday morning to "
        "discuss a bill." + RESIGNED
    )
    found, timeline = _run(text)
    tenses = {text[a.time[0] : a.time[1]]: a.tense for a in found.anchors}
    assert tenses["Friday morning"] == "perfect"
    shown = _shown_dates(timeline)
    assert "2025-05-12" in shown
    assert "2025-05-09" not in shown  # not the Friday before publication


def test_a_subordinate_clause_is_not_an_event_of_its_own() -> None:
    _, timeline = _run(
        "Similarly, after the foreign secretary held talks with the council in early June, "
        "the embassy reopened." + RESIGNED
    )
    shown = _shown_dates(timeline)
    assert "2025-05-12" in shown
    assert "2025-06" not in shown


def test_a_month_that_leans_on_an_earlier_year_is_not_shown() -> None:
    _, timeline = _run(
        "Instead, the governor was seen that October praising the president." + RESIGNED
    )
    shown = _shown_dates(timeline)
    assert "2025-05-12" in shown
    assert not any(d.endswith("-10") for d in shown)  # the tagger could only guess the year


def test_a_habit_in_the_present_is_not_dated_to_a_past_season() -> None:
    _, timeline = _run("She lives in quarantine during the winter." + RESIGNED)
    shown = _shown_dates(timeline)
    assert "2025-05-12" in shown
    assert not any("-WI" in d for d in shown)
    # a chronology's present tense on a day is an event, not a habit
    _, timeline = _run("March 5 - The national council meets in Benghazi and elects a leader.")
    assert "2025-03-05" in _shown_dates(timeline)


def test_forum_comments_stamped_with_their_time_are_not_events() -> None:
    text = (
        "The health ministry confirmed two new cases on Monday.\n"
        "At 9:03 pm on 12 May 2025, JukeJohn wrote: we discovered this year that vitamin D "
        "fights the virus.\n"
        "bob\nMay 12, 2025 at 4:28 pm | Reply The army attacked the town on Saturday.\n"
    )
    _, timeline = _run(text)
    comments = text.index("At 9:03")
    assert "2025-05-12" in _shown_dates(timeline)
    assert all(s.start < comments for e in timeline for s in e.evidence)


def test_a_date_inside_a_since_clause_dates_the_bound_not_the_statement() -> None:
    _, timeline = _run(
        "Oil has been spewing into the gulf since a drilling rig exploded and sank in April."
        + RESIGNED
    )
    shown = _shown_dates(timeline)
    assert "2025-05-12" in shown
    assert "2025-04" not in shown


def test_a_present_perfect_over_this_year_is_a_stretch_not_an_event() -> None:
    _, timeline = _run(
        "Previous spikes in the spread this year have peaked on contract expiries." + RESIGNED
    )
    shown = _shown_dates(timeline)
    assert "2025-05-12" in shown
    assert "2025" not in shown


def test_events_are_not_dated_by_one_end_of_a_range_or_a_present_perfects_day() -> None:
    found, _ = _run(
        "Rebels attacked the television building on Saturday and Sunday. The president has "
        "invited the rebels to talks on Friday. Troops attacked the port on Monday."
    )
    roles = {a.value: a.role for a in found.anchors}
    assert roles["2025-05-10"] == "range" and roles["2025-05-11"] == "range"
    dates = [e.date for e in found.events if e.date]
    assert ("2025-05-12", "day") in dates  # the port attack, on its own verb's day
    assert not {("2025-05-10", "day"), ("2025-05-11", "day"), ("2025-05-09", "day")} & set(dates)


def test_a_chronologys_next_heading_and_an_ahead_of_phrase_date_nothing() -> None:
    _, timeline = _run(
        "The verdict was read out in court 1 November 2011 The doctor tells the judge he "
        "will not testify.\nThe envoy spoke to reporters ahead of a briefing on Tuesday "
        "evening.\nThe singer died at his home on 25 June 2009." + RESIGNED
    )
    shown = _shown_dates(timeline)
    assert {"2025-05-12", "2009-06-25"} <= shown
    assert "2011-11-01" not in shown and "2025-05-13" not in shown


def test_a_scheduled_end_or_a_curly_ll_plan_is_not_a_dated_event() -> None:
    _, timeline = _run(
        "The strike is scheduled to end on Friday morning. He\u2019ll make the announcement "
        "on Thursday at 11am from his hometown." + RESIGNED
    )
    shown = _shown_dates(timeline)
    assert "2025-05-12" in shown
    assert not [d for d in shown if d.startswith(("2025-05-15", "2025-05-16"))]


def test_a_date_of_an_intended_or_hoped_for_act_is_not_a_dated_event() -> None:
    _, timeline = _run(
        "The city prepares to host the final next year and struggles to fill its hotels. "
        "The company hoped to resume pumping on Friday, if officials approved." + RESIGNED
    )
    shown = reader_timeline(timeline)
    assert not [e for e in shown if "host the final" in e.text or "resume pumping" in e.text]
    assert any(e.date == "2025-05-12" and "resigned" in e.text for e in shown)
    assert any("host the final" in e.text for e in timeline)  # kept, under the floor
    # a promise made on a day, and an attempt, are acts of their own
    _, timeline = _run(
        "The senator vowed on Monday to remain in the race. The governor tried on Friday to "
        "rally the party."
    )
    assert {"2025-05-12", "2025-05-09"} <= _shown_dates(timeline)


def test_the_date_of_a_compared_occasion_is_not_the_statements_date() -> None:
    _, timeline = _run(
        "The president singled out the two leaders, just as he did in September when he "
        "visited a bridge. The senator said you do not hear the slogan as much as you did a "
        "month ago." + RESIGNED
    )
    shown = reader_timeline(timeline)
    assert not [e for e in shown if "singled out" in e.text or "slogan" in e.text]
    assert any(e.date == "2025-05-12" and "resigned" in e.text for e in shown)
    # "as" that is not a comparison with an earlier occasion leaves the date alone
    _, timeline = _run("The envoy took office as ambassador on Monday.")
    assert "2025-05-12" in _shown_dates(timeline)


def _doubt(text: str, statement: str, time: str) -> float:
    """`event_doubt` of the statement `statement` (a piece of `text`) dated by `time` in it."""
    start = text.index(statement)
    at = text.index(time, start)
    mention = TimeMention(
        span=Span(article_id="a1", start=at, end=at + len(time)),
        text=time,
        value="2025-05-08",
        granularity="day",
        type="DATE",
        kind="relative",
    )
    return event_doubt(text, (start, start + len(statement)), mention)


def test_a_statement_cut_from_inside_a_quote_or_a_noun_phrase_is_not_an_event() -> None:
    # the clause finder can cut a statement out of the middle of a quoted sentence or a
    # noun phrase; what is left is someone's words without their start, or a fragment
    quote = (
        '"I have people studying it and they cannot believe what they are finding," the '
        "businessman told a morning show on Thursday."
    )
    cut = 'they cannot believe what they are finding," the businessman told a morning show on Thursday'
    assert _doubt(quote, cut, "Thursday") * 0.92 < FLOORS.timeline
    assert _doubt(quote, quote[:-1], "Thursday") == 1.0  # the whole quoted sentence
    second = '"We will fight on. We won the vote on Thursday," the senator said.'
    assert _doubt(second, 'We won the vote on Thursday," the senator said', "Thursday") == 1.0
    phrase = "WASHINGTON - A 23-month-old child has died in Texas, an official said on Thursday."
    assert _doubt(phrase, phrase[phrase.index("child") : -1], "Thursday") * 0.92 < FLOORS.timeline
    whole = phrase[phrase.index("A 23") : -1]
    assert _doubt(phrase, whole, "Thursday") == 1.0


def test_a_present_tense_on_a_day_after_publication_is_a_schedule_not_an_event() -> None:
    # published Tuesday 13 May: "is Thursday" and "meet on Friday" are still to come
    _, timeline = _run(
        "The election is Thursday, leaving little time to build momentum. Foreign ministers "
        "meet on Friday at an extraordinary session in Cairo." + RESIGNED
    )
    shown = _shown_dates(timeline)
    assert "2025-05-12" in shown
    assert "2025-05-15" not in shown and "2025-05-16" not in shown
    assert {"2025-05-15", "2025-05-16"} & {e.date for e in timeline}  # kept, under the floor
    # a present tense on a past day is a chronology's, and stays
    _, timeline = _run("March 5 - The council meets in Benghazi and names a leader.")
    assert "2025-03-05" in _shown_dates(timeline)


def test_a_speakers_present_today_inside_a_quote_is_not_a_dated_event() -> None:
    _, timeline = _run(
        'The senator added: "What is happening today in the capital is grave." '
        '"Today marks a watershed moment," she said.' + RESIGNED
    )
    shown = reader_timeline(timeline)
    assert not [e for e in shown if "happening today" in e.text or "watershed" in e.text]
    assert any(e.date == "2025-05-12" and "resigned" in e.text for e in shown)
    # a quoted past event of the day stays
    _, timeline = _run('"This afternoon, the president and the speaker met at the White House."')
    assert "2025-05-13" in _shown_dates(timeline)


def test_a_headline_run_into_a_statement_is_page_furniture() -> None:
    text = (
        'PRESSURE ON THE COMPANY OF BP "Our job is to keep the pressure on the company," the '
        "secretary said on Thursday."
    )
    glued = text[text.index("OF BP") : -1]
    assert _doubt(text, glued, "Thursday") * 0.92 < FLOORS.timeline
    assert _doubt(text, text[text.index('"Our') : -1], "Thursday") == 1.0
    promo = (
        "Get To Know The Late Show: A Guest Host Returns On Thursday the show welcomes back "
        "its former host."
    )
    assert _doubt(promo, promo[:-1], "Thursday") * 0.92 < FLOORS.timeline
    # names and titles in running text keep their lower-case function words
    plain = "The Secretary of State met the President of France on Thursday."
    assert _doubt(plain, plain[:-1], "Thursday") == 1.0


def test_the_writers_own_i_outside_quotes_is_a_comment_not_a_report() -> None:
    _, timeline = _run(
        "On Tuesday at 5 a.m. my brother was watching the news about the embassy boat. "
        "A court order was made in June 2007 banning them from contacting me." + RESIGNED
    )
    shown = reader_timeline(timeline)
    assert not [e for e in shown if "my brother" in e.text or "court order" in e.text.lower()]
    assert any(e.date == "2025-05-12" and "resigned" in e.text for e in shown)
    # a speaker's "I" inside quotation marks, and a reporter's "my colleagues", stay
    _, timeline = _run(
        '"I signed the order on Monday," the governor said. As my colleagues report, the '
        "mayor resigned on Sunday."
    )
    assert {"2025-05-12", "2025-05-11"} <= _shown_dates(timeline)
