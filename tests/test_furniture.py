"""Page furniture and reader comments, on hand-written page text: what `furniture` marks and
what it leaves to the narration."""

from __future__ import annotations

from newsprism.furniture import furniture, inside


def _marked(text: str) -> list[str]:
    return [text[a:b] for a, b in furniture(text)]


def test_a_comment_section_runs_from_its_first_signature_to_the_end() -> None:
    text = (
        "The Senate passed the bill on Tuesday.\n"
        "By Web Politics Editor | September 25, 2008; 11:19 AM ET Readers, what do you think?\n"
        "They voted on Friday, I think.\n"
        "Posted by: reader42 | September 26, 2008 11:57 AM | Report abuse\n"
    )
    zones = furniture(text)
    assert not inside(zones, 0, text.index("\n"))  # the article's own sentence
    friday = text.index("Friday")
    assert inside(zones, friday, friday + 6)  # a reader's words


def test_bylines_datelines_trailers_and_captions_are_marked_but_narration_is_not() -> None:
    text = (
        "LONDON | Fri Apr 30, 2010 3:26 pm EDT LONDON (Reuters) - BP will pay for the spill.\n"
        "Share this\n"
        "Russia attacked on Monday. (Reporting by John Smith; Editing by Bob Jones)\n"
        "Photo: the president at a rally in 2020\n"
    )
    marked = _marked(text)
    assert "LONDON | Fri Apr 30, 2010 3:26 pm EDT" in marked
    assert "Share this" in marked
    assert "(Reporting by John Smith; Editing by Bob Jones)" in marked
    assert "Photo: the president at a rally in 2020" in marked
    assert not any("BP will pay" in m or "Russia attacked" in m for m in marked)
    assert "(Reuters)" not in marked  # a wire's dateline tag, not a photo credit


def test_a_text_without_furniture_has_no_zones() -> None:
    assert furniture("Talks resumed in Istanbul on 15 May after a three-year pause.") == ()


def test_a_run_of_related_article_blurbs_is_marked_to_the_end_of_its_line() -> None:
    text = (
        "Ministers met on Monday.\n"
        "Leave your comments below It was significant that forces handed over the base "
        "From the archive: 1 May 1992 Protests turn violent\n"
        "Hospital news 7 May 2009: Government response to scandal promises money\n"
    )
    zones = furniture(text)
    assert not inside(zones, 0, len("Ministers met on Monday."))
    for words in ("1 May 1992", "7 May 2009", "handed over the base"):
        at = text.index(words)
        assert inside(zones, at, at + len(words)), words


def test_stamped_comments_without_names_are_a_comment_section() -> None:
    text = (
        "The jury found the doctor guilty on Monday.\n"
        "9th November 2011 - 7:46 Oh please.\n"
        "10th November 2011 - 8:02 He did it on Sunday, everyone knows.\n"
    )
    zones = furniture(text)
    assert not inside(zones, 0, text.index("\n"))
    sunday = text.index("Sunday")
    assert inside(zones, sunday, sunday + 6)


def test_forum_stamps_and_dated_notices_are_furniture() -> None:
    text = (
        "The Senate voted on Monday.\nCorrection: December 1, 2010\n"
        "An earlier version misstated the vote.\n"
        "At 9:03 pm on 11 Jun 2009, JukeJohn wrote: I think so.\n"
        "At 9:05 pm on 11 Jun 2009, mazza46 wrote: We fly in September.\n"
    )
    zones = furniture(text)
    notice = text.index("Correction")
    assert inside(zones, notice, notice + 10)
    assert inside(zones, text.index("We fly"), text.index("We fly") + 6)
    assert not inside(zones, 0, text.index("\n"))  # the article's own sentence
    assert not inside(zones, text.index("An earlier"), text.index("An earlier") + 10)


def test_forum_stamps_on_a_24_hour_clock_and_bare_stamped_comments_are_a_comment_section() -> None:
    text = (
        "Officials confirmed two new cases on Wednesday.\n"
        "At 18:20 29th Apr 2009, vampfan wrote: I read this last year when it was bird flu.\n"
        "At 21:14 29th Apr 2009, Denise wrote: The government sold us out in 2008.\n"
    )
    zones = furniture(text)
    assert not inside(zones, 0, text.index("\n"))
    assert inside(zones, text.index("2008"), text.index("2008") + 4)
    page = (
        "The president met his advisers on Tuesday.\n"
        "March 1, 2011 at 6:18 pm | Send our boys in, it is way past time.\n"
        "March 1, 2011 at 6:19 pm | We should provide aid only.\n"
    )
    zones = furniture(page)
    assert not inside(zones, 0, page.index("\n"))
    assert inside(zones, page.index("Send our"), page.index("Send our") + 8)


def test_a_retweet_in_a_live_blog_is_furniture_but_the_blog_entry_is_not() -> None:
    text = (
        "2.15pm: BP said it had restarted pumping mud into the well on Thursday.\n"
        "RT @someanalyst: Within food, white bread had one of the strongest price rises in"
        " December.\n"
    )
    zones = furniture(text)
    december = text.index("December")
    assert inside(zones, december, december + 8)
    assert not inside(zones, text.index("BP said"), text.index("BP said") + 7)
