"""What in an article's text is not its narration: reader comments, bylines, datelines with
clock times, captions, wire trailers and page widgets.

    zones = furniture(text)          # sorted (start, end) character ranges
    inside(zones, start, end)        # whether [start, end) lies in one of them

Input: an article's text (cleaned or not; the ingest stage already drops whole residue lines,
but benchmark texts and pages it cannot recognise still carry signatures glued to sentences).
Output: the character ranges that a timeline or an event must not be read from. A date in a
byline ("By Web Politics Editor | September 25, 2008; 11:19 AM ET") dates the page, not an
event; what readers wrote under an article ("Posted by: mthomps71 | September 26, 2008 11:57
AM | Report abuse") is not the outlet's report.

How: a comment section is recognised by its signatures (a "Posted by … | <date> <clock time>"
line or "Report abuse"); when the text has one, everything from the first signature on is
comments (the post's own byline, when it comes first, starts the zone). Two or more bare
comment stamps ("9th November 2011 - 7:46", "At 9:03 pm on 11 Jun 2009, JukeJohn wrote:",
"At 21:14 29th Apr 2009, X wrote:", "April 10, 2011 at 11:20 am | Reply", "March 1, 2011 at 6:19
pm | …") mark a comment section the same way. Single pieces of
furniture are matched where they stand: bylines and datelines carrying a clock time, dated
notices ("Correction: December 1, 2010"), photo captions and credits, "Reporting by …;
Editing by …" trailers, runs of related-article blurbs ("7 May 2009: …", "From the archive:
…", "Leave your comments below …", to the line's end), retweets embedded from a social feed
("RT @name: …", to the line's end), and short widget lines (share,
subscribe, related, follow us, sign up, click here, comments).

Limits: English page conventions only; a comment section without signatures (a forum quoted
as plain paragraphs) is not recognised; a caption without a "Photo:"-like label or credit is
read as narration.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

__all__ = ["furniture", "inside"]

_CLOCK = r"\d{1,2}\s*[:.]\s*\d{2}\s*(?:[ap]\.?\s*m\.?)?(?:\s*[A-Z]{2,4}\b)?"
_DATE = (
    # a weekday before the date stays on its line ("Tuesday.\nMarch 1, 2011 at …" is a
    # sentence's last word, then a stamp)
    r"(?:\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?[ \t]+)?"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*,?\s*\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})"
)
# "Posted by: name | September 26, 2008 11:57 AM", "Posted by Fareed Zakaria on October 12,
# 2008 7:51 PM", "By Web Politics Editor | September 25, 2008; 11:19 AM ET"
_SIGNATURE = re.compile(
    rf"(?:\bPosted\s+by\s*:?|(?<![\w])By)\s+[^|\n]{{1,60}}?\s*(?:\||\bon\b|,)\s*{_DATE}"
    rf"\s*[;,]?\s*(?:at\s+)?{_CLOCK}(?:\s*\|\s*Report\s+abuse)?"
)
_COMMENT_MARK = re.compile(r"\bPosted\s+by\s*:|\bReport\s+abuse\b", re.IGNORECASE)
# a comment's time stamp on pages that print no name with it: "9th November 2011 - 7:46"
_COMMENT_STAMP = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}\s+-\s+\d{1,2}:\d{2}\b"
    # "At 9:03 pm on 11 Jun 2009, JukeJohn wrote:", "At 21:14 29th Apr 2009, Y wrote:" (a
    # forum's stamp and name, 12- or 24-hour clock)
    r"|\bAt\s+\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s+(?:on\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+"
    r"\s+\d{4}\s*,\s*[^\n,]{1,40}?\s+wrote\s*:"
    # "April 10, 2011 at 11:20 am | Reply", "March 1, 2011 at 6:19 pm | We should ..." (a
    # comment's stamp, with or without its reply link)
    rf"|{_DATE}\s+at\s+{_CLOCK}\s*\|"
)
# a post from a social feed embedded in the page: "RT @BrianSozzi: Within food, ..." (to the
# line's end)
_SOCIAL = re.compile(r"(?<![\w@])RT\s+@\w{1,30}\b[^\n]*")
# a dateline with a clock time: "LONDON | Fri Apr 30, 2010 3:26 pm EDT", "Last updated at
# 14:38 GMT, Friday, 25 June 2009", "Published: 12:01 AM"
_DATELINE = re.compile(
    rf"(?:[A-Z][A-Z .'-]{{1,30}}\s*\|\s*)?{_DATE}\s*,?\s*{_CLOCK}"
    rf"|(?:Page\s+)?(?:last\s+)?(?:updated|published|posted)\s*:?\s*(?:at\s+)?{_CLOCK}"
    rf"(?:\s*,?\s*(?:[A-Z][a-z]+day,?\s*)?(?:{_DATE}|\d{{1,2}}\s+[A-Z][a-z]+\s+\d{{4}}))?",
    re.IGNORECASE,
)
# a notice stamped with the day it was added: "Correction: December 1, 2010"
_NOTICE = re.compile(
    rf"^[ \t]*(?:Correction|Clarification|Update[d]?|Editor'?s\s+note)\s*:?\s*{_DATE}[ \t.]*$",
    re.IGNORECASE | re.MULTILINE,
)
_TRAILER = re.compile(
    r"\((?:Additional\s+)?(?:reporting|writing|editing)\s+by\b[^)\n]{0,200}\)"
    r"|(?<![\w])(?:Additional\s+)?Reporting\s+by\s+[^\n]{0,200}?(?:Editing\s+by\s+[^\n;.]{0,80}|$)",
    re.IGNORECASE | re.MULTILINE,
)
_CAPTION = re.compile(
    r"(?:Image|Photo(?:graph)?|Picture|Video)\s*(?:caption|credit)?\s*:[^\n]{0,200}"
    r"|\((?:AP\s+Photo|Photo|Reuters\s*/|AFP\s*/|Getty)[^)\n]{0,80}\)"
    r"|(?:Getty\s+Images|AFP\s*/\s*Getty|AP\s+Photo\s*/[^\n]{0,40})",
    re.IGNORECASE,
)
# a run of related-article blurbs glued into one line: "7 May 2009: Government response to
# …", "From the archive: 1 May 1992 …", "Leave your comments below …" (to the line's end)
_BLURBS = re.compile(
    r"(?:\b\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*:\s|\bFrom\s+the\s+archive\s*:"
    r"|\b(?:Leave|Post)\s+your\s+comments?\s+below\b|\bHave\s+your\s+say\b)[^\n]*"
)
_WIDGET_LINE = re.compile(
    r"^\s*(?:share(?:\s+(?:this|the))?(?:\s+(?:article|story|page|post))?(?:\s+on\s+\w+)?"
    r"|subscribe(?:\s+now)?(?:\s+to\b.{0,60})?|sign\s+up\s+(?:for|to)\b.{0,80}"
    r"|follow\s+(?:us|@?\w+(?:\s+\w+){0,3})\s+on\b.{0,60}|click\s+here\b.{0,80}"
    r"|related(?:\s+(?:articles|stories|links|content|coverage|news|topics))?"
    r"|(?:leave\s+a\s+)?comments?(?:\s*\(\d+\))?|\d+\s+comments?|recommend(?:ed)?\??"
    r"|e-?mail\s+(?:this|to\s+a\s+friend).{0,40}|print\s+this.{0,40}|most\s+(?:read|popular|viewed)"
    r"|advertisement|copyright\b.{0,120}|©.{0,120}|all\s+rights\s+reserved\.?"
    r")\s*[:.!]?\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def furniture(text: str) -> tuple[tuple[int, int], ...]:
    """The character ranges of `text` that are furniture or reader comments, sorted and
    merged (see the module docstring)."""
    found: list[tuple[int, int]] = []
    signatures = list(_SIGNATURE.finditer(text))
    if _COMMENT_MARK.search(text) and signatures:
        # the comments run from the first signature (the post's byline or the first
        # comment's) to the end of the page
        found.append((signatures[0].start(), len(text)))
    found += [(m.start(), m.end()) for m in signatures]
    stamps = list(_COMMENT_STAMP.finditer(text))
    if len(stamps) >= 2:  # a run of stamped comments: from the first to the end
        found.append((stamps[0].start(), len(text)))
    for pattern in (_DATELINE, _NOTICE, _TRAILER, _CAPTION, _BLURBS, _WIDGET_LINE, _SOCIAL):
        found += [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]
    return _merged(found)


def _merged(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def inside(zones: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, merged `zones`."""
    k = bisect_right(zones, (start, 1 << 62)) - 1  # the last zone starting at or before start
    for j in (k, k + 1):
        if 0 <= j < len(zones) and zones[j][0] < end and start < zones[j][1]:
            return True
    return False
