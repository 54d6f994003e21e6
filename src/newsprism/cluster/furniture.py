"""Page furniture that arrives as an article: a page that is only navigation, a cookie notice,
a subscription box or a comment thread founds no story.

Ingest removes furniture *lines* from real articles (`ingest.clean`); what it keeps is a page
whose every line is furniture of a kind that reads like a sentence ("We use cookies to improve
your experience ..."), or a comment section scraped as its own page. Such an "article" names no
event; clustered, it would found a story of its own (or, worse, join a real one through shared
outlet names), so the cluster stage leaves it out.

A line is furniture (ingest's own residue lines are gone by now) when it is short (under
`SHORT_LINE_WORDS` words) and holds a phrase of site widgets (cookies, privacy policy, sign in,
subscribe, newsletter, comment moderation, "Reply", "3 hours ago"); when it is longer and such
phrases are dense in it (one in every `WIDGET_EVERY` words at least, and two at least), or it
holds one and speaks to the reader ("you", "your", "we use"), since news about subscribers or
a court's ruling on consent names such words in passing; or, in a text of at
least three lines, when it is a navigation label (at most four words, no sentence punctuation). An
article is furniture when its furniture lines hold at least `FURNITURE_SHARE` of its characters
and its other lines hold fewer than `NEWS_CHARS` characters of sentences. Limits: English
phrases only; a real article that quotes a cookie notice at length keeps its own sentences and
so is not furniture.
"""

from __future__ import annotations

import re

FURNITURE_SHARE = 0.6  # of the text's characters in furniture lines
NEWS_CHARS = 280  # characters of ordinary sentences that make a page an article whatever else
SHORT_LINE_WORDS = 6
WIDGET_EVERY = 8

_WIDGET = re.compile(
    r"""
    \bcookies?\b | \bprivacy\ (?:policy|settings|notice|statement)\b
  | \bterms\ (?:of|and)\ (?:use|service|conditions)\b
  | \bsign\ (?:in|up|out)\b | \blog\ ?(?:in|out)\b | \bcreate\ (?:an|your|a\ free)\ account\b
  | \bregister\b | \bsubscri(?:be|ption|ber)s?\b | \bnewsletters?\b | \bunsubscribe\b
  | \binbox\b | \bpaywall\b | \bad\ ?blocker\b | \bjavascript\b | \byour\ browser\b
  | \bwhitelist\b | \bcomments?\ (?:are|is|have\ been)\ (?:closed|moderated|disabled)\b
  | \bcommunity\ (?:guidelines|standards)\b
  | \breport\ (?:abuse|this\ comment|comment)\b | \b(?:reply|replies|upvotes?|downvotes?)\b
  | \b\d+\ (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\ ago\b
  | \b(?:says|wrote|commented):\s | \bposted\ by\b | \bload\ more\b | \bshow\ more\b
  | \bview\ (?:all\ )?comments\b | \bjoin\ the\ (?:conversation|discussion)\b
  | \bmanage\ (?:preferences|consent)\b | \baccept\ (?:all|cookies)\b | \bconsent\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_READER = re.compile(r"\b(?:you|your|you're|we use|we and our)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


def is_furniture_line(line: str, *, labels: bool = True) -> bool:
    """True for a line of page furniture: widget phrases (see the module docstring), or, when
    `labels`, a navigation label (at most four words that do not end a
    sentence)."""
    stripped = line.strip()
    if not stripped:
        return True
    words = len(stripped.split())
    hits = len(_WIDGET.findall(stripped))
    dense = hits >= 2 and hits * WIDGET_EVERY >= words
    if hits and (words < SHORT_LINE_WORDS or dense or _READER.search(stripped)):
        return True
    return labels and words <= 4 and not _SENTENCE_END.search(stripped)


def is_furniture(title: str | None, text: str) -> bool:
    """True when the article is page furniture rather than news (see the module docstring).
    The title is not judged: a page's title is often the site's name or a real headline
    that a cookie wall replaced the text of."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return False  # a headline alone is news with no text, not furniture
    furniture = news = total = 0
    labels = len(lines) >= 3  # one short line is a terse text, not a menu
    for line in lines:
        total += len(line)
        if is_furniture_line(line, labels=labels):
            furniture += len(line)
        elif _SENTENCE_END.search(line) or len(line.split()) > 12:
            news += len(line)
            if news >= NEWS_CHARS:
                return False  # enough news already: a long article costs a few lines' look
    return furniture >= FURNITURE_SHARE * total
