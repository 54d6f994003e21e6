"""The merged timeline of a story: its dated events across all outlets, in date order.

    timeline = build_timeline(story, articles, annotations, encoder, extractions, cache)

Input: the story's annotations (sentences, and time expressions normalised to calendar values
by the annotate stage), optionally the extractions (so that an entry's statement is the clause
that carries its date rather than the whole sentence), the story's claims (the date conflicts
the compare stage found) and events (linked to the entries they date).
Output: `TimelineEntry` records in chronological order, each a verbatim statement with every
article that reports the same event on a compatible date.

Steps:
1. Candidates. Every time expression that fixes a calendar value (a day, month, season, year
   or decade; not a duration, a set, nor a "since …" / "until …" bound, which dates a stretch
   rather than an event) dates the statement that carries it; a statement with several dates
   takes the finest, an explicit one before one counted from the publication date, and then
   the first in its text. With extractions, a clause that is an opinion or a question dates
   no event, and a hedged forecast only one after the article's publication. Dates and
   statements in page furniture or reader comments (`newsprism.furniture`) are left out.
   Confidence: with extractions, what the date modifies in the parse (`TimeAnchor.role`: the
   statement's own verb, the verb's event noun, or only a noun or a description inside one,
   as "a Bible given by his mother in 1955" or "the 2016 election") sets how sure the date
   is (`ROLE_CONFIDENCE`); a weekday is placed by its verb's tense; a value that needed a
   guessed publication day, a year-less date, a hedge, a tense that contradicts the date's
   side of publication, a forecast or plan (a future verb, or a forecast clause not dated by
   its reporting verb), a day on a present perfect or a present-tense habit lowers it
   (`candidate_confidence`; one end of a range is the anchor role `range`), and so do an
   anaphoric "that October", a statement that is only a subordinate clause and a date inside
   a since/after bound, a relative clause, a piece cut out of a quotation (from its middle,
   even when it runs on past the quote's end) or out of a noun phrase, the date of a compared
   occasion ("just as he did in September") and two chronology items run together
   (`event_doubt`), and so do a forecast reported by a dated saying verb, an infinitive that
   an intent governs ("prepares to host the final next year") and a standing state on a
   copula or a present "has" (`predicate_doubt`). A statement with
   several dates
   takes the surest. An entry has its surest member's confidence, a little more per further
   outlet; `reader_timeline` keeps the entries at or above `FLOORS.timeline` for the brief,
   report.html and brief.md, while report.json keeps them all with their confidence.
2. Same event. Within one date, statements whose sentence vectors are close (or that share
   most of their rarer words) are one entry. An entry dated to a month or a year is then
   folded into an entry of a day or month inside it when they say the same ("the war began in
   February 2022" and "the invasion of 24 February 2022"); the finer date is kept.
3. Conflicts. Two entries from different outlets that state the same thing on dates that
   cannot both hold become one entry with a conflict, never a silent pick: either the compare
   stage found a date conflict between their claims, or the statements are near paraphrases
   (cosine >= `SAME_STATEMENT`) dated to different days less than a month apart. The date more
   independent outlets give leads; the others are listed with their sources and evidence.
4. Each entry's text is its most central member; entries well before the story's first
   publication day (`BACKGROUND_DAYS`) are marked as background.

Known limits: confidences are rule weights set on a small self-reviewed sample, not fitted
probabilities; without extractions (the benchmark's default) entries get no confidence (None,
shown as before) since there is no parse to judge their dates by. An event whose date the
text gives only through another event ("the day after the talks") is not dated; a sentence
with two dates yields an entry for each; statements are grouped by meaning, so two different
events on one day that are described alike can merge.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from newsprism.confidence import FLOORS, shown
from newsprism.embedding import Encoder, Vectors, encode_stored
from newsprism.furniture import furniture, inside
from newsprism.lexical import lexical, term_weights
from newsprism.model import (
    Annotation,
    Article,
    DateAlternative,
    Span,
    Story,
    TimeAnchor,
    TimelineEntry,
    TimeMention,
    content_id,
    fixes_time,
)

if TYPE_CHECKING:
    from newsprism.embedding import VectorCache
    from newsprism.model import ArticleExtraction

SAME_EVENT = 0.62  # cosine at which two statements on one date are one event
SAME_WORDS = 0.5  # or: weighted share of the rarer statement's words the other has
FOLD_EVENT = 0.7  # cosine at which a coarser-dated statement folds into a finer one
SAME_STATEMENT = 0.86  # cosine at which differently dated statements are one event in conflict
CONFLICT_WINDOW_DAYS = 31
BACKGROUND_DAYS = 30
MIN_CLAUSE_CHARS = 30
MAX_STATEMENT_CHARS = 400
GRANULARITY_RANK = {"decade": 0, "year": 1, "season": 2, "month": 3, "day": 4}
KIND_RANK = {"explicit": 0, "relative": 1, "inferred": 2}  # "11 September" before "yesterday"
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}|SP|SU|FA|AU|WI))?(?:-(\d{2}))?")
_DECADE = re.compile(r"^(\d{3})$")
# "since 2014", "until the end of April": the date bounds a stretch, it does not date the event
_SINCE = re.compile(r"\b(?:since|until|till)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Candidate:
    """One dated statement of one article."""

    article: str
    source: str
    start: int
    end: int
    text: str
    date: str
    granularity: str
    time: Span
    confidence: float | None = None  # None: built without extractions, nothing to judge by


@dataclass(slots=True)
class _Group:
    members: list[int]
    date: str
    granularity: str
    conflicts: list[list[int]]
    first: int = 0  # ordinal of the first and last day the date covers
    last: int = 0

    def __post_init__(self) -> None:
        start, end = date_range(self.date, self.granularity)
        self.first, self.last = start.toordinal(), end.toordinal()


def calendar_value(t: TimeMention, placed: str | None = None) -> tuple[str, str] | None:
    """The (value, granularity) a time mention dates an event to, or None when it does not
    date one (a duration, a set, a reference, a range, a value the text leaves open);
    `placed` is the value the extract stage gave it from its verb's tense (a weekday)."""
    if t.type not in ("DATE", "TIME") or not fixes_time(t) or t.range_start or t.range_end:
        return None
    value = (placed or t.value).split("T")[0]
    if _DECADE.match(value):
        return value, "decade"
    m = _VALUE.match(value)
    if not m or m.end() != len(value):
        return None
    if m.group(3):
        return value, "day"
    if m.group(2):
        return value, "season" if m.group(2) in SEASON_MONTH else "month"
    return value, "year"


def date_range(value: str, granularity: str) -> tuple[dt.date, dt.date]:
    """The first and last day a calendar value covers."""
    if granularity == "decade":
        first = int(value) * 10
        return dt.date(first, 1, 1), dt.date(first + 9, 12, 31)
    m = _VALUE.match(value)
    if not m:
        raise ValueError(f"not a calendar value: {value!r}")
    year = int(m.group(1))
    if granularity == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    part = m.group(2) or "01"
    if granularity == "season":
        month = SEASON_MONTH[part]
        start = dt.date(year, month, 1)
        end_month = month + 2
        end_year = year + (end_month - 1) // 12
        end_month = (end_month - 1) % 12 + 1
        return start, _month_end(end_year, end_month)
    month = int(part)
    if granularity == "month":
        return dt.date(year, month, 1), _month_end(year, month)
    day = dt.date(year, month, int(m.group(3)))
    return day, day


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def find_candidates(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    extractions: Sequence[ArticleExtraction] | None = None,
) -> list[_Candidate]:
    """Step 1: the dated statements of the annotated articles, copies left out."""
    by_id = {a.id: a for a in articles}
    clauses: dict[str, list[tuple[int, int]]] = defaultdict(list)
    kinds: dict[tuple[str, int, int], str] = {}
    anchors: dict[tuple[str, int, int], TimeAnchor] = {}
    parsed: set[str] = set()
    for x in extractions or ():
        clauses[x.article_id] = sorted(c.span for c in x.claims)
        kinds.update(
            {(x.article_id, *c.span): c.kind + ("~" if c.hedged else "") for c in x.claims}
        )
        anchors.update({(x.article_id, *a.time): a for a in x.anchors})
        if x.anchors:
            parsed.add(x.article_id)
    out: list[_Candidate] = []
    for ann in annotations:
        article = by_id.get(ann.article_id)
        if article is None or article.duplicate_of:
            continue
        zones = furniture(article.text)
        # one date per statement: its own predicate's before an incidental one, then the
        # finest, then the first in the text
        dated: dict[
            tuple[int, int], tuple[tuple[int, int], TimeMention, tuple[str, str], float | None]
        ]
        dated = {}
        for t in ann.times:
            anchor = anchors.get((article.id, t.span.start, t.span.end))
            value = calendar_value(t, anchor.value if anchor else None)
            if value is None or _SINCE.search(
                article.text[max(0, t.span.start - 12) : t.span.start]
            ):
                continue
            if inside(zones, t.span.start, t.span.end):
                continue  # a byline's or a reader comment's date dates no event
            where = _statement(article.text, t.span, ann.sentences, clauses.get(article.id, ()))
            kind = kinds.get((article.id, *where), "fact")
            if not _narrates(kind, value, article) or inside(zones, *where):
                continue
            role = anchor.role if anchor else ("unparsed" if article.id in parsed else "")
            if role == "embedded" and anchor and anchor.clause and _within(where, anchor.clause):
                role = "predicate"  # the statement is the dating verb's own clause
            confidence = (
                round(
                    candidate_confidence(t, anchor, role, kind, value, article)
                    * event_doubt(article.text, where, t)
                    * predicate_doubt(article.text, where, anchor),
                    3,
                )
                if extractions is not None
                else None
            )
            rank = (
                -int((confidence if confidence is not None else ROLE_CONFIDENCE[""]) * 10),
                -GRANULARITY_RANK[value[1]] * 3 + KIND_RANK[t.kind],
            )
            if where not in dated or rank < dated[where][0]:
                dated[where] = (rank, t, value, confidence)
        for (start, end), (_, t, value, confidence) in sorted(dated.items()):
            text = article.text[start:end]
            if len(text.split()) < 4:  # a heading or a dateline, not a statement
                continue
            out.append(
                _Candidate(
                    article=article.id,
                    source=article.source,
                    start=start,
                    end=end,
                    text=text,
                    date=value[0],
                    granularity=value[1],
                    time=t.span,
                    confidence=confidence,
                )
            )
    return out


# How sure a dated statement is, by what its date modifies in the parse (`extract.anchors`):
# its own verb, the verb's event noun, a description inside a noun phrase, a noun's name, or
# nothing. "" ranks the dates of a story built without extractions (its entries get no
# confidence: there is nothing to judge them by); "unparsed" is a time the parse missed.
ROLE_CONFIDENCE = {
    "predicate": 0.92,
    "argument": 0.8,
    "": 0.6,
    "unparsed": 0.5,
    "embedded": 0.3,
    "range": 0.3,
    "none": 0.3,
    "nominal": 0.15,
}


def _within(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def candidate_confidence(
    t: TimeMention,
    anchor: TimeAnchor | None,
    role: str,
    kind: str,
    value: tuple[str, str],
    article: Article,
) -> float:
    """How likely a strict reader judges this statement's date right: by what the date
    modifies (`ROLE_CONFIDENCE`), then lower when the value needed a publication date that
    was itself guessed, a weekday whose verb shows no tense, a year chosen for a year-less
    date, a hedged clause, or a tense that disagrees with the side of publication the date
    lies on; a forecast or plan not dated by its reporting verb, a present tense on a date
    after publication (a schedule), a speaker's present on a relative date inside a
    quotation ("what's happening today is grave"), a present perfect (its day is another
    event's, its year a stretch) and a present-tense habit on a guessed season or month are
    not events a reader should see dated."""
    c = ROLE_CONFIDENCE.get(role, 0.5)
    guessed_day = article.published is None or article.published.kind == "inferred"
    # a weekday counted from a guessed publication day is often a day or a week off; a year
    # chosen for "15 May" rarely is, since a guessed day is still in the right season, and
    # nor is "six years ago" or "last month"
    if t.kind == "relative" and value[1] == "day":
        c *= 0.6 if guessed_day else 0.95
    elif t.kind == "relative":
        c *= 0.75 if guessed_day else 0.95
    elif t.kind == "inferred":
        c *= 0.75 if guessed_day else 0.9
    if anchor is not None and t.kind == "relative" and not anchor.tense:
        c *= 0.85
    if kind.endswith("~"):
        c *= 0.8
    said = anchor is not None and anchor.tense in ("past", "perfect")
    if (kind.startswith("forecast") and not said) or (
        anchor is not None and anchor.tense == "future"
    ):
        # a forecast or a plan is not an event yet ("will have a new president"); "said on
        # Wednesday it will delay drilling" still dates the saying
        c *= 0.6
    if (
        anchor is not None
        and anchor.tense == "present"
        and t.kind == "relative"
        and _open_quote(article.text, t.span.start) >= 0
    ):
        # a speaker's present: "what's happening today is grave", "today marks a watershed"
        # state what holds when they speak, not a dated event
        c *= 0.6
    yearless_stretch = t.kind == "inferred" and value[1] in ("season", "month")
    if anchor is not None and anchor.tense == "present" and yearless_stretch:
        c *= 0.6  # a habit: "she lives in quarantine during the winter" (no year: none to guess)
    if anchor is not None and anchor.tense == "perfect":
        # "has invited them to his office on Friday": the day is the visit's; "spikes this
        # year have peaked on expiries": a stretch up to now, not one event
        c *= 0.5 if value[1] == "day" else 0.65
    if value[1] == "decade" and t.kind != "explicit":
        c *= 0.5  # "over the next decade" spans a stretch; it dates no event
    if anchor is not None and anchor.tense and article.published and not guessed_day:
        first, last = date_range(*value)
        published = date_range(article.published.value, article.published.granularity)
        if anchor.tense == "past" and first > published[1]:
            c *= 0.5  # a past verb on a date after publication
        if anchor.tense == "future" and last < published[0]:
            c *= 0.5  # a future verb on a date before it
        if anchor.tense == "present" and first > published[1]:
            # a present verb on a date after publication is a schedule, not an event yet
            # ("the election is Thursday", "ministers meet on Wednesday"), or a weekday the
            # tense carried into the wrong week ("The Times reports she on Friday said")
            c *= 0.6
        if (
            anchor.tense == "present"
            and last < published[0]
            and t.kind != "explicit"
            and value[1] != "day"  # "March 5 - The council meets": a chronology's present
        ):
            c *= 0.6  # a habit or a state: "she lives in quarantine during the winter"
    return round(c, 3)


# a time that leans on an earlier one of the text for its year: "that October", "the same
# month" ("the next day" is not one: the tagger counts it from the date before it)
_ANAPHORIC = re.compile(r"\b(?:that|the\s+same)\s+$", re.IGNORECASE)
# words that open a clause that is not the sentence's main event: a bound or a condition
# ("after the talks in early June, …"), or a description ("who faces a hearing on Thursday")
_SUBORDINATE = frozenset(
    {
        "after", "before", "since", "until", "till", "once", "because", "although", "though",
        "if", "unless", "whereas", "while", "when", "whenever", "as", "who", "which", "whose",
        "whom", "where", "that",
    }
)  # fmt: skip
_BOUND_OR_CONDITION = frozenset(
    {"after", "before", "since", "until", "till", "once", "because", "if", "unless"}
)
# a bound or condition opened inside the statement and still running at its date (no comma
# or dash closes it first): "spewing since a rig exploded in April", "resigned after the vote
# on Monday" (the date is the vote's)
_INNER_BOUND = re.compile(
    r"\b(?:since|after|before|until|till|once|because|unless|ahead\s+of|prior\s+to)\b"
    r"[^,;:\u2014\u2013]*$",
    re.IGNORECASE,
)
# the word before a date that ends a statement and belongs to it ("died on 25 June 2009");
# a bare date there is the next item's heading in a chronology run together ("the verdict was
# read out in court 1 November 2011 Dr Murray tells the judge ...")
_DATE_LEAD = re.compile(
    r"(?:\b(?:on|in|of|by|at|since|until|till|from|to|before|after|during|and|or)|[,(\-\u2013])\s*$",
    re.IGNORECASE,
)
# a statement's first word, after one sentence adverb ("Similarly,") or a conjunction
_OPENING = re.compile(r"^(?:[A-Za-z]+,\s+|(?:and|but|so|even)\s+)?(\w+)\b", re.IGNORECASE)


# the date of a compared occasion, not of the statement's event: "singled them out, just as
# he did in September", "you don't hear it as much as you did a month ago", "bigger than it
# was in 2008" (a pro-verb or copula after "as"/"than", then the date)
_COMPARED = re.compile(
    r"\b(?:as|than)\s+(?:[\w'\u2019.-]+\s+){1,3}(?:did|does|do|had|has|have|was|were|is)\s+"
    r"(?:(?:in|on|at|during|last|earlier|back\s+in)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# a statement that starts inside a noun phrase the clause finder cut: "A 23-month-old ⟦child
# has died …⟧", "the ⟦leader said …⟧" (a determiner, a possessive, a number or a hyphenated
# modifier right before a lower-case first word)
_CUT_PHRASE = re.compile(
    r"(?:\b(?:a|an|the|these|those|his|her|its|their|our|my|your)|\b\w+-\w+|\d)[ \t]+$",
    re.IGNORECASE,
)
# a headline run into the statement: its tail in capitals ("BOOT ON THE NECK ⟦OF BP "Our job
# is …" Salazar said on Sunday⟧") or a title-cased run with a capitalised function word that
# running text writes in lower case ("⟦Get To Know Piers Morgan Tonight: … This evening …⟧")
_HEADLINE = re.compile(
    r"^(?:OF|THE|IN|ON|TO|FOR|AND|AT|WITH|AN|BY|FROM)\s"
    r"|\b(?!(?:In|On|At|For|To|Of|By|From|With|And|The|A|An)\b)[A-Z][a-z]+\s+"
    r"(?:To|Of|The|In|On|For|And|At|With|From|By)\s+[A-Z][a-z]+"
)
# the writer's own "I": a reader's comment or a letter, not a report ("my brother was watching
# CNN on Tuesday"); "my colleagues … report" is a reporter's aside and passes
_FIRST_PERSON = re.compile(r"(?<![\w.])(?:I|I'm|I've|I'd|me|my|myself)(?![\w.])(?!\s+colleagues?)")
_QUOTED = re.compile(r"\"[^\"]*\"?|\u201c[^\u201d]*\u201d?")
_RELATIVE = frozenset({"who", "whom", "whose", "which"})
# a chronology's item heading: "1991: ", "March 5: "
_CHRONOLOGY_HEAD = re.compile(r"(?:^|\s)(?:1[89]|20)\d\d:\s")
_QUOTE_MARKS = {'"': 0, "\u201c": 1, "\u201d": -1}


def event_doubt(text: str, where: tuple[int, int], t: TimeMention) -> float:
    """How much less sure a dated statement is for what the words around its date say, a
    factor in (0, 1] (one end of a range is the anchor role `range` instead): a date that
    leans on an earlier one ("that October") takes a year the tagger could only guess (0.5);
    a statement that is only a subordinate clause ("after the minister held talks in early
    June", "who faces a hearing on Thursday") is a fragment, not an event (0.35); a date in
    the bound or condition before a main clause ("After the talks on Monday, the envoy left")
    or inside the statement ("spewing since a rig exploded in April") dates that bound, not
    the main event (0.45); an explicit date that ends the statement with no preposition before
    it is a run-together chronology's next heading (0.5); a relative clause ("who came to the
    door on Monday") is a fragment whatever its commas (0.35); a piece cut out of a quotation
    (`_cut_from_quote`) is a speaker's words without the speaker (0.55); a statement that runs
    two chronology items together ("1991: ... 1979: ...") is not one event (0.5); a date after
    "as/than <subject> did/was" is a compared occasion's ("singled them out, just as he did in
    September": 0.45); a statement that starts inside a noun phrase ("A 23-month-old ⟦child
    has died …⟧") is a fragment (0.35); a headline run into the statement ("⟦OF BP "Our job
    is …"⟧", "Get To Know …") is page furniture (0.5); the writer's own "I" outside quotation
    marks ("my brother was watching CNN on Tuesday") is a reader's comment or a letter, not a
    report (0.6). Limits: read off the words, so a subordinate clause the text does not open
    with a subordinator passes, and a first-person column is read as a comment."""
    factor = 1.0
    if (
        t.kind == "explicit"
        and not text[t.span.end : where[1]].strip(" .;:\"'")
        and not _DATE_LEAD.search(text[where[0] : t.span.start])
    ):
        factor *= 0.5  # a chronology's next heading, glued to the end of the statement
    if t.kind != "explicit" and _ANAPHORIC.search(text[max(0, t.span.start - 16) : t.span.start]):
        factor *= 0.5
    statement = text[where[0] : where[1]]
    m = _OPENING.match(statement)
    opener = m.group(1).lower() if m else ""
    if m and opener in _SUBORDINATE and t.span.start >= where[0] + m.end(1):
        before_time = text[where[0] + m.end(1) : t.span.start]
        main_after = text[t.span.end : where[1]]
        if opener in _RELATIVE or ("," not in before_time and "," not in main_after):
            # no main clause in the statement at all; a relative clause has none whatever its
            # commas ("who came to the door of her house in Queens, on Monday")
            factor *= 0.35
        elif "," not in before_time and opener in _BOUND_OR_CONDITION:
            factor *= 0.45  # the date is in the bound or condition
    elif _INNER_BOUND.search(text[where[0] : t.span.start]):
        factor *= 0.45  # "oil has been spewing since a rig exploded in April"
    before = text[max(where[0], t.span.start - 60) : t.span.start]
    if _COMPARED.search(before):
        factor *= 0.45  # "just as he did in September": the compared occasion's date
    if statement[:1].islower() and _CUT_PHRASE.search(
        text[max(text.rfind("\n", 0, where[0]) + 1, where[0] - 40) : where[0]]
    ):
        factor *= 0.35  # "A 23-month-old ⟦child has died …⟧": a piece of a noun phrase
    if _open_quote(text, where[0]) < 0 and _FIRST_PERSON.search(_QUOTED.sub(" ", statement)):
        factor *= 0.6  # the writer speaks for themself: a comment or a letter, not a report
    if _HEADLINE.search(statement):
        factor *= 0.5  # a headline's words glued to the statement: page furniture
    if _cut_from_quote(text, where):
        factor *= 0.55
    if len(_CHRONOLOGY_HEAD.findall(statement)) >= 2:
        factor *= 0.5  # "1991: 520m gallons were released ... 1979: 140m gallons were spilt"
    return factor


def _open_quote(text: str, at: int) -> int:
    """Where the quotation open at `at` in its paragraph starts, or -1 when none is open."""
    opened = -1
    for k in range(text.rfind("\n", 0, at) + 1, at):
        kind = _QUOTE_MARKS.get(text[k])
        if kind is None:
            continue
        # an opening curly quote, or a straight one while none is open, opens a quotation
        opened = k if kind == 1 or (kind == 0 and opened < 0) else -1
    return opened


def _cut_from_quote(text: str, where: tuple[int, int]) -> bool:
    """Whether the statement is a piece cut out of a quotation: it starts inside a quotation
    of its paragraph and either starts in the middle of a quoted sentence ("... by the way,
    that oil rigs today don't cause spills", "I have people studying it and ⟦they cannot
    believe it," he told …⟧", even when it runs on past the quote's end) or, lying wholly in
    the quotation, stops before its last words ("There was bombing here last night[, but
    nothing was hit,]" said a guard). Such a piece is a speaker's words
    without the speaker, its time counted from when they spoke. Limits: reads straight and
    curly double quotes only, and a paragraph with an unbalanced straight quote confuses it."""
    opened = _open_quote(text, where[0])
    statement = text[where[0] : where[1]]
    if opened < 0:
        return False
    said_before = text[opened + 1 : where[0]]
    if re.search(r"\w", said_before) and not re.search(r"[.!?\u2026]\W*$", said_before):
        # it starts in the middle of a quoted sentence ("I have people studying it and
        # ⟦they cannot believe it," Trump told …⟧), whether or not it runs past the quote's end
        return True
    if any(q in statement for q in _QUOTE_MARKS):
        return False
    line_end = text.find("\n", where[1])
    line_end = len(text) if line_end == -1 else line_end
    closes = [
        i
        for i in (text.find('"', where[1], line_end), text.find("\u201d", where[1], line_end))
        if i != -1
    ]
    close = min(closes) if closes else line_end
    return bool(re.search(r"\w", text[opened + 1 : where[0]])) or bool(
        re.search(r"\w", text[where[1] : close])
    )


# a reporting verb: "lawmakers said Monday that he will ..." dates the saying, not an event
_SAYING = frozenset(
    {
        "said", "says", "say", "told", "tells", "tell", "added", "adds", "stated", "states",
        "predicted", "predicts", "expects", "expected", "believes", "believed", "thinks",
        "reported", "reports", "noted", "notes", "wrote", "writes", "insisted", "insists",
    }
)  # fmt: skip
# what the reported content says of the future: "will embrace", "is going to", "plans to"
_FORECAST = re.compile(
    r"\b(?:will|shall|won't|wo\s+n't|\w+'ll|(?:is|are|was|were)\s+(?:going|expected|set|due|"
    r"scheduled|poised|likely)\s+to|plans?\s+to|intends?\s+to)\b",
    re.IGNORECASE,
)
# a verb of intent, hope or readiness governing the dated infinitive: "prepares to host the
# Super Bowl next year", "hoped to resume pumping by midnight", "is set to vote on Friday"
# (the intended act, which the text does not say happened; "tried/sought/began to" are not
# here: the attempt or the start is an act)
_INTENT = re.compile(
    r"\b(?:hop(?:e|es|ed|ing)|plan(?:s|ned|ning)?|intend(?:s|ed|ing)?|expect(?:s|ed|ing)?"
    r"|aim(?:s|ed|ing)?|want(?:s|ed|ing)?|prepar(?:e|es|ed|ing)|wish(?:es|ed|ing)?"
    r"|schedul(?:e|es|ed|ing)|set|due|poised|likely|going|ready|eager|would\s+like"
    # a promise or threat in the present is a forecast; in the past ("vowed to remain in
    # the race earlier Tuesday") it is a dated act of its own
    r"|promis(?:e|es|ing)|threaten(?:s|ing)?|vow(?:s|ing)?|pledg(?:e|es|ing))"
    r"\s+(?:\w+\s+)?to\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_CONTENT_WORDS = 6  # how far after a saying verb its content's own verb is looked for
_COPULA = frozenset({"is", "are", "was", "were", "'s", "'re", "be", "been", "being", "am"})
_POSSESS = frozenset({"has", "have"})
# what may stand between a copula and its date when the date is the statement's content:
# "the vote was on Monday", "the deadline is Friday"
_COPULA_TO_DATE = re.compile(r"^\s*(?:(?:on|in|at|for|by|set\s+for|due)\s+)?(?:the\s+)?$", re.I)


def predicate_doubt(text: str, where: tuple[int, int], anchor: TimeAnchor | None) -> float:
    """How much less sure a dated statement is for the verb its date hangs on, a factor in
    (0, 1]: a reporting verb ("said Monday") whose reported content is a forecast or plan
    ("lawmakers said Monday that the president will embrace a plan this week") dates a saying
    about the future, not an event (0.55); a copula or a present "has/have" as the main verb
    dated to a year, season or month
    ("33 seats are in play this year", "a century ago, the standards were vastly different",
    "the city has 300 shelters this year") states a standing state of affairs, not an event
    (0.6), unless the date is the copula's own complement ("the vote was on Monday") or the
    clause is existential ("there was an explosion on Monday"); a date on an infinitive that a
    verb of intent, hope or readiness governs ("prepares to host the final next year", "hoped
    to resume pumping by midnight") dates an act the text does not say happened (0.6; a past
    promise or an attempt, "vowed on Monday to remain", "tried to", is an act of its own).
    Limits: the verb is read off its text, so a copula the parse hangs the date on wrongly
    passes or fails with it; an announcement of a plan ("announced Monday it will close the
    plant") is treated as a forecast too."""
    if anchor is None or anchor.predicate is None:
        return 1.0
    p0, p1 = anchor.predicate
    verb = text[p0:p1].lower()
    if verb in _SAYING and anchor.tense in ("past", "present"):
        # the reported content's own verb: before the saying ("X will do Y, aides said
        # Monday") or within its first words after it ("said Monday it will delay"), not a
        # later aside ("said Saturday he has offered amnesty ... there will be no talks")
        after = " ".join(text[p1 : where[1]].split()[:_CONTENT_WORDS])
        if _FORECAST.search(text[where[0] : p0]) or _FORECAST.search(after):
            return 0.55
    if not anchor.tense and _INTENT.search(text[max(where[0], p0 - 60) : p0]):
        return 0.6  # an infinitive an intent governs: the planned act, not a dated event
    # a day on a copula is most often an event told as a state ("its planes were over the
    # country on Sunday"); a standing state is one over a year, a season or a month
    stative = anchor.granularity != "day" and (
        verb in _COPULA or (verb in _POSSESS and anchor.tense == "present")
    )
    if stative and where[0] <= p0 < where[1]:
        t0 = anchor.time[0]
        if t0 >= p1 and _COPULA_TO_DATE.match(text[p1:t0]):
            return 1.0  # the date is what the copula states: "the vote was on Monday"
        if re.search(r"\bthere\s*$", text[max(where[0], p0 - 12) : p0], re.IGNORECASE):
            return 1.0  # existential: "there was an explosion on Monday"
        return 0.6
    return 1.0


def _narrates(kind: str, value: tuple[str, str], article: Article) -> bool:
    """Whether a clause of this kind dates an event: opinions and questions do not, nor does
    a hedged forecast about a date before the article was published ("its duration is
    unlikely to exceed that of 2022"); "will exchange 40 detainees under an agreement signed
    on 10 September" still dates the signing."""
    if kind.rstrip("~") in ("opinion", "question"):
        return False
    if kind == "forecast~" and article.published:
        published = date_range(article.published.value, article.published.granularity)[1]
        return date_range(*value)[1] > published
    return True


def _statement(
    text: str, time: Span, sentences: Sequence[Span], clauses: Sequence[tuple[int, int]]
) -> tuple[int, int]:
    """The smallest claim clause around the time expression when it is a fair statement on
    its own, else the sentence around it, kept to the line the date is on (a sentence the
    splitter ran across lines is a list or a run of headlines) and to `MAX_STATEMENT_CHARS`
    around the date, cut at word boundaries."""
    around = [
        (a, b)
        for a, b in clauses
        if a <= time.start and time.end <= b and b - a >= MIN_CLAUSE_CHARS
    ]
    if around:
        return min(around, key=lambda r: r[1] - r[0])
    start, end = time.start, time.end
    for s in sentences:
        if s.start <= time.start and time.end <= s.end:
            start, end = s.start, s.end
            break
    start = max(start, text.rfind("\n", start, time.start) + 1)
    line_end = text.find("\n", time.end, end)
    end = line_end if line_end != -1 else end
    if end - start > MAX_STATEMENT_CHARS:
        half = (MAX_STATEMENT_CHARS - (time.end - time.start)) // 2
        lo, hi = max(start, time.start - half), min(end, time.end + half)
        if lo > start:
            lo = text.find(" ", lo, time.start) + 1 or lo
        if hi < end:
            cut = text.rfind(" ", time.end, hi)
            hi = cut if cut != -1 else hi
        start, end = lo, hi
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def build_timeline(
    story: Story,
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    encoder: Encoder,
    extractions: Sequence[ArticleExtraction] | None = None,
    cache: VectorCache | None = None,
    *,
    max_entries: int | None = 400,
) -> tuple[TimelineEntry, ...]:
    """The story's merged timeline (see the module docstring). A story with more dated
    events than `max_entries` keeps the ones most outlets report."""
    members = set(story.article_ids)
    in_story = [a for a in articles if a.id in members]
    own = [ann for ann in annotations if ann.article_id in members]
    candidates = find_candidates(in_story, own, extractions)
    if not candidates:
        return ()
    vectors = encode_stored(encoder, [c.text for c in candidates], cache)
    weights = term_weights([c.text for c in candidates])
    groups = _group_by_date(candidates, vectors, weights)
    groups = _fold_coarse(groups, candidates, vectors)
    groups = _conflicts(groups, candidates, vectors, _claim_conflicts(story, candidates))
    voice = {a.id: a.duplicate_of or a.id for a in articles}
    first_day = min(
        (dt.date.fromisoformat(a.published.value) for a in in_story if a.published and _day(a)),
        default=None,
    )
    events: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for e in story.events:
        if e.date and e.evidence and shown(e.confidence, FLOORS.event):
            events[e.evidence[0].article_id].append((e.evidence[0].start, e.evidence[0].end, e.id))
    entries = [_entry(g, candidates, vectors, voice, first_day, events) for g in groups]
    central = _consensus(groups, candidates, vectors)
    if max_entries is not None and len(entries) > max_entries:
        ranked = sorted(range(len(entries)), key=lambda k: (-len(entries[k].sources), -central[k]))
        keep = set(ranked[:max_entries])
        entries = [e for k, e in enumerate(entries) if k in keep]
        central = [c for k, c in enumerate(central) if k in keep]
    # on one date, the entries more outlets report first, then those closest to what the
    # day's other statements say (a news report of the day's event before a side remark)
    order = sorted(
        range(len(entries)),
        key=lambda k: (
            *_order(entries[k].date, entries[k].granularity),
            -len(entries[k].sources),
            -central[k],
            entries[k].id,
        ),
    )
    return tuple(entries[k] for k in order)


def _consensus(
    groups: Sequence[_Group], candidates: Sequence[_Candidate], vectors: Vectors
) -> list[float]:
    """Each group's cosine to the mean of every statement dated to the same value."""
    rows: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        rows[c.date].append(i)
    centre = {d: vectors[idx].mean(axis=0) for d, idx in rows.items()}
    return [float(vectors[g.members[0]] @ centre[g.date]) for g in groups]


def _day(article: Article) -> bool:
    return article.published is not None and article.published.granularity == "day"


def _order(value: str, granularity: str) -> tuple[dt.date, int]:
    return date_range(value, granularity)[0], GRANULARITY_RANK.get(granularity, 0)


def _group_by_date(
    candidates: Sequence[_Candidate], vectors: Vectors, weights: Sequence[dict[str, float]]
) -> list[_Group]:
    """Step 2a: leader grouping within each exact date value, most central members first."""
    by_date: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        by_date[(c.date, c.granularity)].append(i)
    groups: list[_Group] = []
    for (date, granularity), idx in sorted(by_date.items()):
        sub = vectors[idx]
        centrality = (sub @ sub.mean(axis=0)) if len(idx) > 1 else np.ones(1)
        local: list[_Group] = []
        for i in (idx[j] for j in np.argsort(-centrality, kind="stable")):
            leads = [g.members[0] for g in local]
            sims = vectors[leads] @ vectors[i] if leads else np.zeros(0)
            near = [
                k
                for k, lead in enumerate(leads)
                if sims[k] >= SAME_EVENT or lexical(weights[i], weights[lead]) >= SAME_WORDS
            ]
            if near:
                local[max(near, key=lambda k: float(sims[k]))].members.append(i)
            else:
                local.append(_Group(members=[i], date=date, granularity=granularity, conflicts=[]))
        groups += local
    return groups


def _fold_coarse(
    groups: list[_Group], candidates: Sequence[_Candidate], vectors: Vectors
) -> list[_Group]:
    """Step 2b: a group dated more coarsely folds into the closest finer group inside its
    date that says the same (the finest coarse groups first, so a year can fold into a month
    that has already taken its days' statements)."""
    by_start = sorted(groups, key=lambda g: g.first)
    starts = [g.first for g in by_start]
    for g in sorted(groups, key=lambda g: -GRANULARITY_RANK[g.granularity]):
        if not g.members or g.granularity == "day":
            continue
        rank = GRANULARITY_RANK[g.granularity]
        inside = [
            other
            for other in by_start[bisect_left(starts, g.first) : bisect_right(starts, g.last)]
            if other.members and other.last <= g.last and GRANULARITY_RANK[other.granularity] > rank
        ]
        if not inside:
            continue
        sims = vectors[[o.members[0] for o in inside]] @ vectors[g.members[0]]
        best = int(np.argmax(sims))
        if sims[best] >= FOLD_EVENT:
            inside[best].members += g.members
            g.members = []
    return [g for g in groups if g.members]


def _claim_conflicts(story: Story, candidates: Sequence[_Candidate]) -> set[tuple[int, int]]:
    """Pairs of candidates whose claims the compare stage found to disagree on a date."""
    where: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        where[c.article].append(i)

    def hits(span: Span) -> list[int]:
        return [
            i
            for i in where.get(span.article_id, ())
            if candidates[i].start < span.end and span.start < candidates[i].end
        ]

    # only contradictions sure enough to show a reader (`Claim.reader_status`)
    by_id = {c.id: c for c in story.claims if c.reader_status == "contradicted"}
    pairs: set[tuple[int, int]] = set()
    for claim in by_id.values():
        for f in claim.conflicts:
            other = by_id.get(f.claim)
            if f.slot != "date" or other is None:
                continue
            for i in (h for s in claim.evidence for h in hits(s)):
                for j in (h for s in other.evidence for h in hits(s)):
                    if candidates[i].date != candidates[j].date:
                        pairs.add((min(i, j), max(i, j)))
    return pairs


def _conflicts(
    groups: list[_Group],
    candidates: Sequence[_Candidate],
    vectors: Vectors,
    claim_pairs: set[tuple[int, int]],
) -> list[_Group]:
    """Step 3: groups that state the same event on days that cannot both hold become one:
    the compare stage found their claims' dates to conflict, or they are near paraphrases
    less than `CONFLICT_WINDOW_DAYS` apart. The larger group takes the other in."""
    days = sorted((g for g in groups if g.granularity == "day"), key=lambda g: g.first)
    if not days:
        return groups
    starts = [g.first for g in days]
    leads = vectors[[g.members[0] for g in days]]  # a group's lead stays while it lives
    place = {i: k for k, g in enumerate(days) for i in g.members}
    flagged: dict[int, set[int]] = defaultdict(set)
    for i, j in claim_pairs:
        if i in place and j in place:
            flagged[place[i]].add(place[j])
            flagged[place[j]].add(place[i])
    for k in sorted(range(len(days)), key=lambda k: -len(days[k].members)):
        g = days[k]
        if not g.members:
            continue
        lo = bisect_left(starts, g.first - CONFLICT_WINDOW_DAYS)
        hi = bisect_right(starts, g.first + CONFLICT_WINDOW_DAYS)
        sims = leads[lo:hi] @ leads[k]
        near = {lo + int(j) for j in np.flatnonzero(sims >= SAME_STATEMENT)}
        near |= {m for i in g.members for m in flagged.get(place[i], ()) if lo <= m < hi}
        mine = {candidates[i].source for i in g.members}
        for m in sorted(near):
            other = days[m]
            if other is g or not other.members or other.first == g.first:
                continue
            if mine & {candidates[i].source for i in other.members}:
                continue  # one outlet giving two dates is two events, not a disagreement
            g.conflicts.append(list(other.members))
            other.members = []
    return [g for g in groups if g.members]


def _entry(
    g: _Group,
    candidates: Sequence[_Candidate],
    vectors: Vectors,
    voice: dict[str, str],
    first_day: dt.date | None,
    events: dict[str, list[tuple[int, int, str]]],
) -> TimelineEntry:
    """Step 4: one entry; in a conflict, the date more independent voices give leads."""
    sides = [g.members, *g.conflicts]
    lead = max(
        range(len(sides)),
        key=lambda k: (len({voice.get(candidates[i].article) for i in sides[k]}), -k),
    )
    main = _central_first(sides[lead], vectors, candidates)
    others = [sides[k] for k in range(len(sides)) if k != lead]
    first = candidates[main[0]]
    evidence = tuple(_span(candidates[i]) for i in main)
    last = date_range(first.date, first.granularity)[1]
    voices = len({voice.get(candidates[i].article) for i in main})
    # the surest statement's confidence, a little more for each further independent outlet
    # that gives the same date, less when outlets disagree on it
    confidence = (
        round(min(0.99, first.confidence + 0.04 * (voices - 1)) * (0.85 if others else 1.0), 3)
        if first.confidence is not None
        else None
    )
    return TimelineEntry(
        id=content_id(
            "timeline", first.date, *(f"{s.article_id}:{s.start}:{s.end}" for s in evidence)
        ),
        date=first.date,
        granularity=first.granularity,
        text=first.text,
        sources=tuple(dict.fromkeys(candidates[i].article for i in main)),
        evidence=evidence,
        background=first_day is not None and (first_day - last).days > BACKGROUND_DAYS,
        conflicts=tuple(
            DateAlternative(
                date=candidates[alt[0]].date,
                granularity=candidates[alt[0]].granularity,
                sources=tuple(dict.fromkeys(candidates[i].article for i in alt)),
                evidence=tuple(_span(candidates[i]) for i in alt),
            )
            for alt in others
        ),
        events=_events_of(events, evidence),
        confidence=confidence,
    )


def _central_first(
    members: list[int], vectors: Vectors, candidates: Sequence[_Candidate]
) -> list[int]:
    """The members with the surest of them first (of those as sure, the one nearest the
    members' centroid)."""
    if len(members) < 2:
        return list(members)
    sub = vectors[members]
    scores = sub @ sub.mean(axis=0)
    sure = max(candidates[m].confidence or 0.0 for m in members)
    lead = max(
        (k for k, m in enumerate(members) if (candidates[m].confidence or 0.0) == sure),
        key=lambda k: float(scores[k]),
    )
    return [members[lead], *(m for k, m in enumerate(members) if k != lead)]


def reader_timeline(entries: Sequence[TimelineEntry]) -> tuple[TimelineEntry, ...]:
    """The entries a reader is shown (the brief, report.html, brief.md): those whose date
    the builder is sure enough of (`FLOORS.timeline`); the rest stay in report.json."""
    return tuple(e for e in entries if shown(e.confidence, FLOORS.timeline))


def _span(c: _Candidate) -> Span:
    return Span(article_id=c.article, start=c.start, end=c.end)


def _events_of(
    events: dict[str, list[tuple[int, int, str]]], evidence: Sequence[Span]
) -> tuple[str, ...]:
    """The dated events whose sentence overlaps one of the entry's statements."""
    return tuple(
        dict.fromkeys(
            event
            for s in evidence
            for start, end, event in events.get(s.article_id, ())
            if start < s.end and s.start < end
        )
    )
