"""Whose words a candidate sentence is: the outlet's own narration, or someone else's.

    own_narration(article_text, start, end)     # may the brief write "Source B writes: …"?
    quoted_or_commented(article_text, start, end)  # someone's quotation or a reader's comment?

A frame before a brief sentence tells the reader who says it. "Source B writes: " is true only
of the outlet's own narration; it is false of a quotation whose speaker the quote finder missed
("“Should management have withdrawn …?” Justice Breyer asked."), of a sentence that reports
someone's words ("The Idaho congressman has said that …"), and of a reader's comment under the
article ("April 9, 2011 at 5:44 pm | Reply Arm the rebels …"). The brief keeps such sentences
out of the sections whose frame names an outlet; a sentence whose speaker is uncertain is not
shown at all (saying less beats naming the wrong speaker).

Input: the article's text and the sentence's character offsets. Output: a yes or no.
Rules (surface rules, no parse):
- a quotation: the sentence opens with a quotation mark, a quotation is still open where it
  starts (an odd number of double quotation marks before it in its paragraph), a closing
  quotation mark follows its stop, the next sentence is a speech tag ("… ,” he said."), or
  its paragraph is set out under a line ending in a colon (directly or after bullets);
- first or second person outside quotation marks (I, we, us, our, you …): news narration does
  not speak in the first person; comments, transcripts and unmarked quotations do;
- a reader's comment: the sentence lies in the comments, which begin about one comment's
  length before the first of the article's comment markers ("| Reply", "Report as abuse",
  "Posted by:", a posting time "at 5:44 pm |") when the article has two or more, or on a
  forum page (a fifth or more of its sentences in the first or second person outside
  quotations, such as a "Have Your Say" page);
- reported speech (for `own_narration` only): a speech verb ("said", "has said", "according
  to", "asked" …) anywhere in it: the words are someone else's, which "Source B writes"
  would hide.
A sentence that rests on hearsay ("a rumored summit", "reportedly") is kept out of the same
sections (`hearsay`): nobody is named as saying it.
Limits: a quotation marked only by a following paragraph's tag is missed; a news sentence that
quotes a short phrase inside balanced marks is still narration.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

__all__ = ["commented", "hearsay", "own_narration", "quoted_or_commented"]

_OPEN_QUOTE = re.compile(r"^\s*[\"“‘«]")
_CLOSE_AFTER = re.compile(r"^[\"”’»]")
_DOUBLE_QUOTES = re.compile(r"[\"“”«»]")
# first and second person ("US" is a name, "I" only as a capital)
_PERSONAL = re.compile(
    r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|me|my|mine|myself|[Ww]e|[Ww]e're|[Ww]e’re|"
    r"[Ww]e've|[Ww]e’ve|us|[Oo]ur|ours|ourselves|[Yy]ou|[Yy]ou're|[Yy]ou’re|[Yy]our|yours)\b"
)
_QUOTED_PART = re.compile(r"[\"“][^\"“”]*[\"”]")
_SPEECH = re.compile(
    r"\b(?:said|says|say|saying|told|tells|asked|asks|argued|argues|argue|claimed|claims|"
    r"insisted|insists|stated|states that|added|adds|wrote|tweeted|contended|contends|"
    r"maintained|maintains|warned|warns|noted|notes that|explained|acknowledged|conceded|"
    r"suggested|suggests|according to|in the words of|quoted|testified|announced|declared|"
    r"insisting|arguing|claiming|urged|urges|stressed|replied|asserted)\b",
    re.IGNORECASE,
)
# a short sentence after the quotation that says who spoke it ("Justice Breyer asked.")
_SPEECH_TAG = re.compile(
    r"^\s*(?:[a-z]|(?:[A-Z][\w.’'-]*\s+){1,5}(?:said|says|asked|added|told|wrote|replied))",
)
_COMMENT_MARK = re.compile(
    r"\|\s*Reply\b|\bReport (?:as )?abuse\b|\bPosted by:|\bat \d{1,2}:\d\d\s*(?:am|pm)\s*\|",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+")
FORUM_SHARE = 0.2  # of an article's sentences in the first or second person: a forum page


def quoted_or_commented(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is someone's quotation (marked or left unmarked by the quote
    finder) or a reader's comment, by the rules in the module docstring."""
    sentence = text[start:end]
    if _OPEN_QUOTE.match(sentence) or _inside_quotation(text, start):
        return True
    if _after_colon_block(text, start):
        return True
    after = text[end : end + 200]
    if _CLOSE_AFTER.match(after):
        return True
    rest = after.lstrip('"”’ ')
    tag = rest.split("\n", 1)[0]
    if _SPEECH_TAG.match(tag) and len(_first_sentence(tag).split()) <= 8 and _SPEECH.search(tag):
        return True
    if _PERSONAL.search(_QUOTED_PART.sub(" ", sentence)):
        return True
    return commented(text, start, end)


def commented(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` lies in the readers' comments or on a forum page."""
    if _COMMENT_MARK.search(text, start, end):
        return True
    comments, forum = _page(text)
    return forum or start >= comments


def own_narration(text: str, start: int, end: int) -> bool:
    """Whether the outlet itself says `text[start:end]`: no quotation, no comment, and no
    speech verb that makes it a report of someone else's words."""
    if quoted_or_commented(text, start, end):
        return False
    return not _SPEECH.search(_QUOTED_PART.sub(" ", text[start:end]))


def hearsay(text: str) -> bool:
    """Whether the sentence rests on what nobody is named as saying ("a rumored summit",
    "reportedly", "speculation that"): an outlet passing on a rumour vouches for nothing, so
    its forecast or assessment of the rumoured event is no outlet's own to show."""
    return bool(_HEARSAY.search(text))


_HEARSAY = re.compile(
    r"\b(?:rumou?r(?:s|ed)?|reportedly|speculat\w*|unconfirmed|purported(?:ly)?|"
    r"is said to|are said to|allegedly)\b",
    re.IGNORECASE,
)


def _after_colon_block(text: str, start: int) -> bool:
    """Whether the sentence's paragraph follows a line ending in a colon, directly or after
    bulleted lines ("… circulated by the campaign:\n-Here are the facts: …"): a statement
    set out under its introduction is the statement's author's words."""
    line = text.rfind("\n", 0, start)
    bulleted = bool(_BULLET_LINE.match(text[line + 1 : start + 1].lstrip()))
    while line > 0:
        previous = text.rfind("\n", 0, line) + 1
        above = text[previous:line].strip()
        if above.endswith(":"):
            return True
        if not (bulleted and _BULLET_LINE.match(above)):
            return False
        line = previous - 1
    return False


_BULLET_LINE = re.compile(r"^[-•*–]")


def _inside_quotation(text: str, start: int) -> bool:
    """Whether a quotation opened earlier in the sentence's paragraph is still open."""
    paragraph = text.rfind("\n", 0, start) + 1
    return len(_DOUBLE_QUOTES.findall(text, paragraph, start)) % 2 == 1


def _first_sentence(text: str) -> str:
    parts = _SENTENCE_END.split(text, maxsplit=1)
    return parts[0] if parts else text


def _first_comment(text: str, marks: list[int]) -> int:
    """Where the first reader comment begins: a comment's marker (its signature and posting
    time) may follow its text, so the comments begin as many paragraphs before the first
    marker as a comment between two markers usually runs to (1 to 6)."""
    breaks = [k for k, ch in enumerate(text) if ch == "\n"]
    line = [bisect_right(breaks, m) for m in marks]
    gaps = sorted(b - a for a, b in zip(line, line[1:], strict=False) if b > a)
    size = min(max(gaps[len(gaps) // 2] if gaps else 1, 1), 6)
    first = line[0] - size + (0 if _starts_line(text, marks[0]) else 1)
    return 0 if first <= 0 else breaks[first - 1] + 1


def _starts_line(text: str, at: int) -> bool:
    """Whether only a date stands between the line's start and `at` (the marker opens it)."""
    begin = text.rfind("\n", 0, at) + 1
    return len(text[begin:at].split()) <= 6


@lru_cache(maxsize=256)
def _page(text: str) -> tuple[int, bool]:
    """(offset where the readers' comments begin, or the text's length when there are fewer
    than two comment markers; whether the page is a forum of first-person posts)."""
    marks = list(_COMMENT_MARK.finditer(text))
    comments = _first_comment(text, [m.start() for m in marks]) if len(marks) >= 2 else len(text)
    sentences = personal = 0
    for paragraph in text[:comments].split("\n"):
        open_quote = False  # a quotation running over several sentences is its speaker's
        for s in _SENTENCE_END.split(paragraph):
            marks_in = len(_DOUBLE_QUOTES.findall(s))
            if len(s.split()) >= 4:
                sentences += 1
                personal += not open_quote and not marks_in and bool(_PERSONAL.search(s))
            open_quote ^= marks_in % 2 == 1
    forum = sentences >= 10 and personal >= FORUM_SHARE * sentences
    return comments, forum
