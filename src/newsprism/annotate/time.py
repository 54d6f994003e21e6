"""Time expressions in English news text, found by rules and normalised to TIMEX3 values.

Input: a text, the date it is anchored to (the article's publication date; `None` when unknown)
and, optionally, spaCy-style (start, end, label) entity spans of the same text.
Output: `TimeExpression` records in text order, each a half-open character span with a TIMEX3
value (`2025-05-15`, `2022-03`, `2022-SP`, `2022-Q3`, `199` for the 1990s, `2025-W20`, `P3M`,
`PRESENT_REF`, ...), a granularity, a TIMEX3 type (DATE, TIME, DURATION, SET) and a kind:
"explicit" when the text alone fixes the value, "relative" when the anchor (or an earlier date
in the text) was needed, "inferred" when a year-less date ("15 May") got a year chosen for it.
Granularities are those of `DateValue` (day, month, season, year, decade) plus week, quarter,
half, century, time (of day), duration, set and ref (PRESENT_REF, PAST_REF, FUTURE_REF);
`as_date_value()` gives the shared record for the first five.

How it works, top to bottom:
1. Every rule (a regular expression plus a check of its context) proposes candidate spans. The
   rules are tables and regexes only, so the tagger needs no model and runs fast.
2. DATE/TIME entity spans, when given, relax the context checks inside them (a bare "May" or
   "2014" that spaCy calls a DATE is taken); they never add a span no rule proposes.
3. Overlaps are settled longest first, then by rule rank.
4. The kept candidates are normalised in text order, so "a year earlier" or "the next day" can
   count from the last date the text mentioned; everything else counts from the anchor.

Conventions (TimeML/TIMEX3, as in TempEval-3):
- Spans leave out the preposition ("on Thursday" gives "Thursday", "since January 20" gives
  "January 20") and vague qualifiers ("about [five hours]") but keep determiners and
  modifiers ("the past three months", "early 1991", "less than two hours").
- "since X" keeps X's own value and adds `range_start` = X, `range_end` = the anchor;
  "the past/next N units" is a DURATION with a range ending/starting at the anchor.
- Coordinated dates ("March and April 2022", "15-17 May", "2023-2024") are separate
  expressions; a year-less first member borrows the year of the second, so "March" in
  "March and April 2022" is 2022-03 (explicit).
- Year-less dates take the year that puts them nearest the anchor, unless the clause's tense
  points one way: a future clause ("will", "scheduled for") means the next such date, a past
  clause the last one within about eight months. Weekdays without "last/next" are the nearest
  such day up to the anchor (the anchor itself included), or from it on in a future clause.
- In a text that has named a quarter, "a year ago" and "the year-earlier period" are that
  quarter a year before (the way earnings reports use them).
- Without an anchor, year-less dates and weekdays get TIMEX3 placeholders (`XXXX-05-15`,
  `XXXX-WXX-4`); purely deictic expressions ("yesterday", "last week") are dropped, since no
  value can be given for them.

Known limits: English only. Tense comes from nearby words, not a parser, so "the vote held on
Friday" in a story about next week can land on the wrong Friday. Event-anchored expressions
("two days after the vote") are kept as durations, not dated. Narrative reference time is
simply the last date mentioned. Fiscal years are taken as calendar years. Bare period nouns
("the week", "days", "the day") and adjectival "recent"/"future" are left alone: they are
more often not time references than they are. Ages and ordinals are never dates. Spelled-out
years are read only after a word that marks them as years.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Literal

from newsprism.model import DateKind, DateValue

TimeGranularity = Literal[
    "day",
    "week",
    "month",
    "season",
    "quarter",
    "half",
    "year",
    "decade",
    "century",
    "time",
    "duration",
    "set",
    "ref",
]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpression:
    """One time expression: characters `[start, end)` of the text and their TIMEX3 reading.

    `range_start`/`range_end` are ISO values bounding the period an anchored expression covers
    ("the past three months", "since January 20"); `mod` is the TIMEX3 modifier (START, MID,
    END, APPROX, MORE_THAN, LESS_THAN, EQUAL_OR_MORE, EQUAL_OR_LESS).
    """

    start: int
    end: int
    text: str
    value: str
    granularity: TimeGranularity
    type: TimexType
    kind: DateKind
    range_start: str | None = None
    range_end: str | None = None
    mod: str | None = None

    def as_date_value(self) -> DateValue | None:
        """The calendar value as the shared `DateValue` record, when it is one it can hold."""
        if self.granularity in ("day", "month", "season", "year", "decade") and not (
            self.value.startswith("X")
        ):
            return DateValue(value=self.value, granularity=self.granularity, kind=self.kind)
        return None


def find_times(
    text: str,
    anchor: dt.date | None,
    *,
    entities: Sequence[tuple[int, int, str]] = (),
) -> tuple[TimeExpression, ...]:
    """The time expressions of `text`, normalised relative to `anchor`, in text order.

    `entities` are optional (start, end, label) spans from an NER model; DATE and TIME spans
    let rules accept candidates whose context alone would be too weak.
    """
    scan = _Scan(text, anchor, entities)
    candidates = [cand for rule in _RULES for cand in rule(scan)]
    kept = _settle_overlaps(candidates)
    found: list[TimeExpression] = []
    for cand in kept:
        resolved = cand.resolve()
        if resolved is None:
            continue
        resolved = scan.add_since_range(cand.start, resolved)
        found.append(
            TimeExpression(
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                value=resolved.value,
                granularity=resolved.granularity,
                type=resolved.type,
                kind=resolved.kind,
                range_start=resolved.range_start,
                range_end=resolved.range_end,
                mod=resolved.mod,
            )
        )
        scan.remember(resolved, cand.end)
    return tuple(found)


# --- vocabulary -----------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _numbered(words: str, first: int = 1) -> dict[str, int]:
    return {word: i for i, word in enumerate(words.split(), start=first)}


_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTHS: dict[str, int] = _numbered(_MONTH_NAMES) | {
    name[:3]: i for name, i in _numbered(_MONTH_NAMES).items()
}
_MONTHS["sept"] = 9
_WEEKDAYS: dict[str, int] = _numbered("monday tuesday wednesday thursday friday saturday sunday", 0)
_SMALL_NUMBERS: dict[str, int] = _numbered(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen",
    0,
)
_TENS: dict[str, int] = {
    word: 10 * i
    for word, i in _numbered("twenty thirty forty fifty sixty seventy eighty ninety", 2).items()
}
# Ordinals naming a quarter ("the third quarter", "the 3rd quarter").
_ORDINALS: dict[str, int] = _numbered("first second third fourth") | _numbered("1st 2nd 3rd 4th")
_ORDINAL_WORDS: dict[str, int] = _numbered(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
) | {"twenty-first": 21, "twenty first": 21}
_DECADE_WORDS: dict[str, int] = _numbered(
    "twenties thirties forties fifties sixties seventies eighties nineties", 2
)
# Seasons by TIMEX3 code, with the months they start and end in (northern hemisphere, as the
# English-language press uses them). Winter starts in December and is named by that year.
_SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}
_SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
}
# Unit name -> (TIMEX3 letter, is a time-of-day unit, granularity of "N units ago": "a decade
# ago" is a year, ten years back, not a decade).
_UNITS: dict[str, tuple[str, bool, TimeGranularity]] = {
    "second": ("S", True, "time"),
    "sec": ("S", True, "time"),
    "minute": ("M", True, "time"),
    "min": ("M", True, "time"),
    "hour": ("H", True, "time"),
    "hr": ("H", True, "time"),
    "day": ("D", False, "day"),
    "week": ("W", False, "week"),
    "fortnight": ("W", False, "week"),
    "month": ("M", False, "month"),
    "quarter": ("Q", False, "quarter"),
    "year": ("Y", False, "year"),
    "yr": ("Y", False, "year"),
    "decade": ("Y", False, "year"),
    "century": ("Y", False, "year"),
    "millennium": ("Y", False, "year"),
    "millennia": ("Y", False, "year"),
}
# How many base units one named unit is ("two decades" is P20Y).
_UNIT_FACTOR: dict[str, int] = {
    "fortnight": 2, "decade": 10, "century": 100, "millennium": 1000,
    "millennia": 1000,
}  # fmt: skip
_SETS: dict[str, str] = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "quarterly": "P1Q",
    "annually": "P1Y",
    "yearly": "P1Y",
}
# Qualifiers that TimeML leaves outside a duration's span ("about [five hours]").
_LOOSE_QUALIFIERS = frozenset(
    ["about", "around", "almost", "nearly", "over", "just over", "just under", "under", "some",
     "roughly", "approximately"]
)  # fmt: skip
_QUALIFIER_MODS: dict[str, str] = {
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "longer than": "MORE_THAN",
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "fewer than": "LESS_THAN",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "at least": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
    "about": "APPROX",
    "around": "APPROX",
    "roughly": "APPROX",
    "some": "APPROX",
    "approximately": "APPROX",
    "just over": "MORE_THAN",
    "just under": "LESS_THAN",
}
# Fixed-date holidays as (month, day); moveable ones are computed in `_holiday_date`.
_FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "valentine's day": (2, 14),
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "halloween": (10, 31),
    "bastille day": (7, 14),
    "victory day": (5, 9),
    "may day": (5, 1),
    "veterans day": (11, 11),
    "armistice day": (11, 11),
}

# --- regex building blocks ------------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Sept\.?|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
    r"(?![a-z])"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|\s*%)"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d%])"
_NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)(?![a-z]))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|one\s+hundred|hundred"
    r"|a\s+dozen|dozen|a\s+couple\s+of|a\s+couple|couple\s+of|an?)(?![a-z])"
)
_NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:\s+1/2|½)?|{_NUMBER_WORD}(?:\s+and\s+a\s+half)?"
    r"|a\s+few|few|several|many|some|a\s+number\s+of|numerous|a\s+half|half\s+an?)(?![a-z\d])"
)
_UNIT = (
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|quarters?"
    r"|years?|yrs?|decades?|century|centuries|millennium|millennia)(?![a-z])"
)
_QUALIFIER = (
    r"(?:more\s+than|less\s+than|fewer\s+than|longer\s+than|at\s+least|at\s+most|up\s+to"
    r"|no\s+more\s+than|just\s+over|just\s+under|nearly|almost|about|around|roughly"
    r"|approximately|over|under)"
)
_TZ = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|EET|EEST|MSK)(?![A-Za-z])|local\s+time"

_FLAGS = re.IGNORECASE


def _compile(pattern: str, *, word_start: bool = True) -> re.Pattern[str]:
    # Every expression starts at a word boundary: "now" is not in "know", "a day" not in "Sandra",
    # "000-day" not in "1,000-day".
    return re.compile(("(?<![\\w'’])(?<!\\d[,.])" if word_start else "") + pattern, _FLAGS)


# --- calendar arithmetic --------------------------------------------------------------------


def _iso_day(day: dt.date) -> str:
    return day.isoformat()


def _iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _shift_day_months(day: dt.date, delta: int) -> dt.date:
    year, month = _shift_months(day.year, day.month, delta)
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    return dt.date(year, month, 28)


def _season_of(day: dt.date) -> tuple[int, str]:
    """The season `day` falls in, as (year it is named by, code)."""
    if day.month == 12:
        return day.year, "WI"
    if day.month <= 2:
        return day.year - 1, "WI"
    return day.year, ("SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA")[day.month - 3]


def _season_bounds(year: int, code: str) -> tuple[dt.date, dt.date]:
    start = dt.date(year, _SEASON_START_MONTH[code], 1)
    end_year, end_month = _shift_months(year, _SEASON_START_MONTH[code], 3)
    return start, dt.date(end_year, end_month, 1) - dt.timedelta(days=1)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The `nth` `weekday` of a month; `nth` = -1 is the last one."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    next_year, next_month = _shift_months(year, month, 1)
    last = dt.date(next_year, next_month, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _holiday_date(name: str, year: int) -> dt.date | None:
    key = name.lower().replace("’", "'")
    if key in _FIXED_HOLIDAYS:
        month, day = _FIXED_HOLIDAYS[key]
        return dt.date(year, month, day)
    if key in ("easter", "easter sunday"):
        return _easter(year)
    if key == "good friday":
        return _easter(year) - dt.timedelta(days=2)
    if key == "easter monday":
        return _easter(year) + dt.timedelta(days=1)
    if key in ("thanksgiving", "thanksgiving day"):
        return _nth_weekday(year, 11, 3, 4)
    if key == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    if key == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    return None


def _parse_number(phrase: str) -> float | None:
    """The value of a number phrase; None for vague ones ("several", "a few")."""
    words = " ".join(phrase.lower().replace("-", " ").split())
    half = 0.0
    if words.endswith(" and a half"):
        words, half = words[: -len(" and a half")], 0.5
    elif words.endswith(" 1/2") or words.endswith("½"):
        words, half = words.rstrip("½").removesuffix(" 1/2").strip(), 0.5
    if words in ("a half", "half a", "half an"):
        return 0.5
    if words in ("a", "an", "one"):
        return 1 + half
    if words in ("a couple of", "a couple", "couple of"):
        return 2.0
    if words in ("a dozen", "dozen"):
        return 12.0
    if words in ("a hundred", "one hundred", "hundred"):
        return 100.0
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", words):
        return float(words.replace(",", "")) + half
    total = 0
    for word in words.split():
        if word in _SMALL_NUMBERS:
            total += _SMALL_NUMBERS[word]
        elif word in _TENS:
            total += _TENS[word]
        else:
            return None
    return total + half


def _unit_key(unit: str) -> str:
    word = unit.lower()
    if word.endswith("ies"):
        return "century" if word.startswith("centur") else word
    return word[:-1] if word.endswith("s") and word[:-1] in _UNITS else word


def _duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: "P3M", "PT2H", "P1Y6M", "PXY" for an unknown number of years."""
    key = _unit_key(unit)
    letter, is_time, _ = _UNITS[key]
    prefix = "PT" if is_time else "P"
    if amount is None:
        return prefix + "X" + ("DE" if key == "decade" else "CE" if "centur" in key else letter)
    amount *= _UNIT_FACTOR.get(key, 1)
    whole = int(amount)
    fraction = amount - whole
    if fraction < 1e-9:
        return f"{prefix}{whole}{letter}"
    # Halves are written in the next smaller unit, as ISO 8601 has no fractional parts here.
    smaller = {
        "Y": ("M", 12, False),
        "Q": ("M", 3, False),
        "M": ("D", 30, False) if not is_time else ("S", 60, True),
        "W": ("D", 7, False),
        "D": ("H", 24, True),
        "H": ("M", 60, True),
        "S": ("S", 1, True),
    }[letter]
    small_letter, factor, small_is_time = smaller
    small = round(fraction * factor)
    head = f"{whole}{letter}" if whole else ""
    if small_is_time and not is_time:
        return f"P{head}T{small}{small_letter}"
    return f"{prefix}{head}{small}{small_letter}"


# --- context: tense, sentences, entity spans ------------------------------------------------

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|[’'][a-z]+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[A-Z])|\n\s*\n|\n")
# "would" is the future of reported speech: "said the cabinet would meet on Saturday".
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "won't", "wo", "gonna", "would"})
_UNITS_BEFORE_LATER = frozenset(
    [
        "seconds",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "decades",
    ]
)
_PAST_AUX = frozenset({"was", "were", "had", "did", "didn't", "wasn't", "weren't", "hadn't"})
# Words that point to the future however they are used ...
_FUTURE_WORDS = frozenset({"tomorrow", "next", "upcoming", "coming", "later"})
# ... and words that do when "to" or "for" follows them ("scheduled for", "expected to").
_FUTURE_BEFORE_TO = frozenset(
    {"scheduled", "slated", "due", "set", "expected", "planning", "going", "poised", "intends"}
)
_PAST_WORDS = _words(
    "said ago last met held began begun came went took made told gave left saw found fell rose "
    "won lost sold bought paid got became broke brought built chose drew fought flew grew kept "
    "knew led meant ran sent shot spoke stood struck thought threw wrote spent sank hit "
    "yesterday earlier since has have been"
)
_NOT_PAST_ED = frozenset(
    {"scheduled", "expected", "slated", "proposed", "intended", "need", "feed", "speed", "red"}
)


class _Scan:
    """The text under analysis, its anchor and what normalisation has seen so far."""

    def __init__(
        self, text: str, anchor: dt.date | None, entities: Sequence[tuple[int, int, str]]
    ) -> None:
        self.text = text
        self.anchor = anchor
        self.entity_spans = tuple(
            (start, end) for start, end, label in entities if label in ("DATE", "TIME")
        )
        self._sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        # The last date the text mentioned (value, granularity, day it starts on, end offset),
        # the reference for "a year earlier" and "the next day".
        self.reference: tuple[str, TimeGranularity, dt.date, int] | None = None
        # The last quarter named: in an earnings report "a year ago" is that quarter a year
        # before, not the whole year.
        self.last_quarter: tuple[int, int] | None = None

    # Context helpers used by the rules.

    def in_entity(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.entity_spans)

    def sentence_start(self, pos: int) -> int:
        return self._sentence_starts[bisect.bisect_right(self._sentence_starts, pos) - 1]

    def sentence_end(self, pos: int) -> int:
        index = bisect.bisect_right(self._sentence_starts, pos)
        return (
            self._sentence_starts[index] if index < len(self._sentence_starts) else len(self.text)
        )

    def words_before(self, pos: int, count: int) -> list[str]:
        segment = self.text[self.sentence_start(pos) : pos]
        return [w.lower().replace("’", "'") for w in _WORD.findall(segment)][-count:]

    def words_after(self, pos: int, count: int) -> list[str]:
        segment = self.text[pos : self.sentence_end(pos)]
        return [w.lower().replace("’", "'") for w in _WORD.findall(segment)][:count]

    def prev_word(self, pos: int) -> str:
        words = self.words_before(pos, 1)
        return words[0] if words else ""

    def tense(self, start: int, end: int) -> Literal["past", "future"] | None:
        """The tense of the clause around [start, end), from the nearest word that shows one.

        Words before the expression are read nearest first, then words after it. Auxiliaries
        ("will", "was"), "scheduled to"-like phrases and past forms ("said", "-ed") count; a
        participle after "be" or "to" ("will be held") says nothing, so reading goes on past it.
        """
        before = self.words_before(start, 10)[::-1]
        after = self.words_after(end, 6)
        # Each word with the words just before and after it in text order.
        sequences = (
            [
                (w, before[i + 1] if i + 1 < len(before) else "", before[i - 1] if i else "")
                for i, w in enumerate(before)
            ],
            [
                (w, after[i - 1] if i else "", after[i + 1] if i + 1 < len(after) else "")
                for i, w in enumerate(after)
            ],
        )
        for sequence in sequences:
            for word, preceding, following in sequence:
                if word == "later" and preceding in _UNITS_BEFORE_LATER:
                    continue  # "two hours later": narrative time, not the future
                if word in _FUTURE_AUX or word.endswith("'ll") or word in _FUTURE_WORDS:
                    return "future"
                if word in _FUTURE_BEFORE_TO and following in ("to", "for"):
                    return "future"
                if word in ("early", "soon") and preceding == "as":
                    return "future"  # "as early as Tuesday"
                if word in _PAST_AUX:
                    return "past"
                past_form = word in _PAST_WORDS or (
                    len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST_ED
                )
                if past_form and preceding not in ("be", "been", "being", "to", "get", "become"):
                    return "past"
        return None

    # Normalisation helpers.

    def pick_year(
        self, month: int, day: int | None, start: int, end: int
    ) -> tuple[int, DateKind] | None:
        """The year for a year-less month (and day): the one nearest the anchor, on the side
        the clause's tense points to."""
        anchor = self.anchor
        if anchor is None:
            return None
        borrowed = self.borrowed_year(end)
        if borrowed is not None:
            return borrowed, "explicit"
        tense = self.tense(start, end)
        options: list[tuple[int, int]] = []  # (distance in days or months, year)
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            if day is None:
                distance = (year * 12 + month) - (anchor.year * 12 + anchor.month)
            else:
                try:
                    distance = (dt.date(year, month, day) - anchor).days
                except ValueError:
                    continue
            options.append((distance, year))
        if not options:
            return None
        # A future clause ("will", "scheduled for") is trusted as it is. A past reading rests on
        # weaker cues (any "-ed" word), so it wins only within reach: a date further back is
        # more likely the nearer one ahead ("declared a dividend, payable Dec. 1" in November).
        limit = _TENSE_REACH_DAYS if day is not None else _TENSE_REACH_DAYS // 30
        if tense == "future":
            ahead = [o for o in options if o[0] >= 0]
            if ahead:
                return min(ahead)[1], "inferred"
        elif tense == "past":
            behind = [o for o in options if o[0] <= 0]
            if behind and -max(behind)[0] <= limit:
                return max(behind)[1], "inferred"
        # No tense: the nearest, and the past one when both are as near.
        return min(options, key=lambda o: (abs(o[0]), o[0] > 0))[1], "inferred"

    def borrowed_year(self, end: int) -> int | None:
        """The year of a coordinated date that follows: "March" in "March and April 2022"."""
        match = _COORDINATED_YEAR.match(self.text, end)
        return int(match.group("y")) if match else None

    def add_since_range(self, start: int, resolved: _Resolved) -> _Resolved:
        """ "since X" covers X up to the anchor."""
        if resolved.type != "DATE" or resolved.granularity in ("ref", "set", "duration"):
            return resolved
        before = self.text[max(0, start - 12) : start].lower()
        if not re.search(r"\bsince\s+$", before):
            return resolved
        return _Resolved(
            value=resolved.value,
            granularity=resolved.granularity,
            type=resolved.type,
            kind=resolved.kind,
            mod=resolved.mod,
            range_start=resolved.value,
            range_end=self.anchor.isoformat() if self.anchor else None,
        )

    def remember(self, resolved: _Resolved, end: int) -> None:
        if not resolved.chainable:
            return
        day = _start_day(resolved.value)
        if day is not None and resolved.type in ("DATE", "TIME"):
            self.reference = (resolved.value, resolved.granularity, day, end)
        if resolved.granularity == "quarter" and day is not None:
            self.last_quarter = (day.year, _quarter_of(day))

    def reference_day(
        self, pos: int, *, window: int = 400
    ) -> tuple[dt.date, TimeGranularity] | None:
        """The last date mentioned in the `window` characters before `pos`, else the anchor."""
        if self.reference is not None and pos - self.reference[3] < window:
            return self.reference[2], self.reference[1]
        if self.anchor is not None:
            return self.anchor, "day"
        return None


# How far back a past-tense clause is trusted to point (tuned on the TempEval-3 dev split).
_TENSE_REACH_DAYS = 240
_COORDINATED_YEAR = _compile(
    rf"\s*(?:and|or|to|through|until|till|into|[-–—])\s*(?:{_MONTH}\s*)?(?:{_DAY}\s*)?"
    rf"(?:of\s+)?(?:{_MONTH}\s*)?,?\s*(?P<y>{_YEAR})"
)


def _start_day(value: str) -> dt.date | None:
    """The first day of the period a DATE value names, for reference-time arithmetic."""
    match = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4])|-W(\d\d)|-(SP|SU|FA|WI))?", value)
    if not match or value.startswith("P"):
        return None
    year = int(match.group(1))
    try:
        if match.group(3):
            return dt.date(year, int(match.group(2)), int(match.group(3)))
        if match.group(2):
            return dt.date(year, int(match.group(2)), 1)
        if match.group(4):
            return dt.date(year, 3 * int(match.group(4)) - 2, 1)
        if match.group(5):
            return dt.date.fromisocalendar(year, int(match.group(5)), 1)
        if match.group(6):
            return dt.date(year, _SEASON_START_MONTH[match.group(6)], 1)
        return dt.date(year, 1, 1)
    except ValueError:
        return None


# --- candidates and their resolution --------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class _Resolved:
    value: str
    granularity: TimeGranularity
    type: TimexType
    kind: DateKind
    mod: str | None = None
    range_start: str | None = None
    range_end: str | None = None
    # False for values counted from an earlier mention, which must not become the reference
    # in turn ("a year earlier" twice is not two years earlier).
    chainable: bool = True


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    rank: int  # breaks ties between overlapping candidates of equal length: lower wins
    resolve: Callable[[], _Resolved | None]


def _const(resolved: _Resolved) -> Callable[[], _Resolved | None]:
    """A resolution that needs no context."""
    return lambda: resolved


def _settle_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    kept: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        if cand.end <= cand.start:
            continue
        if all(cand.end <= k.start or k.end <= cand.start for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _date(
    value: str,
    granularity: TimeGranularity,
    kind: DateKind,
    mod: str | None = None,
    *,
    range_start: str | None = None,
    range_end: str | None = None,
    chainable: bool = True,
) -> _Resolved:
    return _Resolved(
        value=value,
        granularity=granularity,
        type="DATE",
        kind=kind,
        mod=mod,
        range_start=range_start,
        range_end=range_end,
        chainable=chainable,
    )


def _mod_of(word: str | None) -> str | None:
    if not word:
        return None
    word = " ".join(word.lower().replace("-", " ").split())
    if word.startswith(("early", "earlier", "the beginning", "the start", "beginning", "start")):
        return "START"
    if word.startswith(("late", "later", "the end", "end", "the close")):
        return "END"
    if word.startswith(("mid", "the middle", "middle")):
        return "MID"
    return _QUALIFIER_MODS.get(word)


def _month_number(token: str) -> int | None:
    """The month a token names, if it is written as a month: capitalised ("may" is a verb)."""
    if not token or not token[0].isupper():
        return None
    return _MONTHS.get(token.rstrip(".").lower())


Rule = Callable[[_Scan], Iterator[_Candidate]]
_RULES: list[Rule] = []


def _rule(func: Rule) -> Rule:
    _RULES.append(func)
    return func


# --- rules: calendar dates ------------------------------------------------------------------

_ISO_DATE = re.compile(r"(?<![\d-])(?P<y>1\d{3}|20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])")
_MONTH_DAY = _compile(
    rf"(?:(?P<wd>{_WEEKDAY}),?\s+(?:the\s+)?)?(?P<m>{_MONTH})\s+(?P<d>{_DAY})"
    rf"(?:,?\s+(?P<y>{_YEAR}))?"
)
_DAY_MONTH = _compile(
    # "the" belongs to "the 15th of May", not to "the 15 May negotiations".
    rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+(?=\d+(?:st|nd|rd|th)))?(?P<d>{_DAY})(?:\s+of)?\s+"
    rf"(?P<m>{_MONTH})"
    rf"(?:,?\s+(?P<y>{_YEAR}))?"
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?![\d/])"
)


def _day_value(
    scan: _Scan, year: int | None, month: int, day: int, start: int, end: int
) -> _Resolved | None:
    kind: DateKind = "explicit"
    if year is None:
        picked = scan.pick_year(month, day, start, end)
        if picked is None:
            try:
                dt.date(2000, month, day)
            except ValueError:
                return None
            return _date(f"XXXX-{month:02d}-{day:02d}", "day", "relative")
        year, kind = picked
    try:
        return _date(_iso_day(dt.date(year, month, day)), "day", kind)
    except ValueError:
        return None


@_rule
def _rule_iso_dates(scan: _Scan) -> Iterator[_Candidate]:
    for m in _ISO_DATE.finditer(scan.text):
        year, month, day = int(m["y"]), int(m["m"]), int(m["d"])

        def resolve(year: int = year, month: int = month, day: int = day) -> _Resolved | None:
            try:
                return _date(dt.date(year, month, day).isoformat(), "day", "explicit")
            except ValueError:
                return None

        yield _Candidate(m.start(), m.end(), 0, resolve)


@_rule
def _rule_numeric_dates(scan: _Scan) -> Iterator[_Candidate]:
    # m/d/yyyy is the US press's order; d/m/yyyy is taken only where m/d is impossible.
    for m in _NUMERIC_DATE.finditer(scan.text):
        a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
        month, day = (a, b) if a <= 12 else (b, a)

        def resolve(year: int = year, month: int = month, day: int = day) -> _Resolved | None:
            try:
                return _date(dt.date(year, month, day).isoformat(), "day", "explicit")
            except ValueError:
                return None

        yield _Candidate(m.start(), m.end(), 1, resolve)


def _calendar_day_candidates(scan: _Scan, pattern: re.Pattern[str]) -> Iterator[_Candidate]:
    for m in pattern.finditer(scan.text):
        month = _month_number(m["m"])
        if month is None:
            continue
        day = int(re.sub(r"\D", "", m["d"]))
        year = int(m["y"]) if m["y"] else None
        start, end = m.start(), m.end()
        # "May 5%" or "5 May million" is a number after all.
        if re.match(
            r"\s*(?:%|percent|per\s+cent|million|billion|times)", scan.text[end : end + 12]
        ):
            continue

        def resolve(
            year: int | None = year,
            month: int = month,
            day: int = day,
            s: int = start,
            e: int = end,
        ) -> _Resolved | None:
            return _day_value(scan, year, month, day, s, e)

        yield _Candidate(start, end, 0, resolve)


@_rule
def _rule_month_day(scan: _Scan) -> Iterator[_Candidate]:
    yield from _calendar_day_candidates(scan, _MONTH_DAY)


@_rule
def _rule_day_month(scan: _Scan) -> Iterator[_Candidate]:
    yield from _calendar_day_candidates(scan, _DAY_MONTH)


_DAY_RANGE_BEFORE_MONTH = _compile(
    rf"(?P<d1>{_DAY})\s*(?:[-–—]|and|to|or)\s*(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})"
    rf"(?:,?\s+(?P<y>{_YEAR}))?"
)
_DAY_RANGE_AFTER_MONTH = _compile(
    rf"(?P<m>{_MONTH})\s+(?P<d1>{_DAY})\s*(?:[-–—]|and|to|or)\s*(?P<d2>{_DAY})"
    rf"(?:,?\s+(?P<y>{_YEAR}))?"
)


@_rule
def _rule_day_ranges(scan: _Scan) -> Iterator[_Candidate]:
    """The bare day of "15-17 May" / "May 15-17": an expression of its own."""
    for pattern, first in ((_DAY_RANGE_BEFORE_MONTH, True), (_DAY_RANGE_AFTER_MONTH, False)):
        for m in pattern.finditer(scan.text):
            month = _month_number(m["m"])
            if month is None:
                continue
            year = int(m["y"]) if m["y"] else None
            group = "d1" if first else "d2"
            day = int(re.sub(r"\D", "", m[group]))
            start, end = m.start(group), m.end(group)
            if not first and m["y"]:
                end = m.end("y")

            def resolve(
                year: int | None = year,
                month: int = month,
                day: int = day,
                s: int = m.start(),
                e: int = m.end(),
            ) -> _Resolved | None:
                return _day_value(scan, year, month, day, s, e)

            yield _Candidate(start, end, 0, resolve)


_MONTH_YEAR = _compile(
    rf"(?:(?P<mod>early|late|mid|mid-|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    rf"|the\s+middle\s+of)\s*)?(?P<m>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR})"
)


@_rule
def _rule_month_year(scan: _Scan) -> Iterator[_Candidate]:
    for m in _MONTH_YEAR.finditer(scan.text):
        month = _month_number(m["m"])
        if month is None:
            continue
        value = _iso_month(int(m["y"]), month)
        mod = _mod_of(m["mod"])
        yield _Candidate(m.start(), m.end(), 0, _const(_date(value, "month", "explicit", mod)))


_MONTH_RELATIVE_YEAR = _compile(
    rf"(?P<m>{_MONTH})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year(?![a-z'’])"
)


@_rule
def _rule_month_relative_year(scan: _Scan) -> Iterator[_Candidate]:
    for m in _MONTH_RELATIVE_YEAR.finditer(scan.text):
        month = _month_number(m["m"])
        if month is None:
            continue
        offset = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]

        def resolve(month: int = month, offset: int = offset) -> _Resolved | None:
            if scan.anchor is None:
                return None
            return _date(_iso_month(scan.anchor.year + offset, month), "month", "relative")

        yield _Candidate(m.start(), m.end(), 0, resolve)


_MONTH_ALONE = _compile(
    rf"(?:(?P<mod>early|late|mid|mid-|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
    rf"|the\s+middle\s+of)\s*)?(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<m>{_MONTH})"
    r"(?!\.?\s*\d)"
)
# Words after which a capitalised month name is a month, even "May" or "March".
_MONTH_CUES = _words(
    "in since by until till from through throughout to of during before after between and or "
    "early late mid last next this past coming end beginning start middle on into for around as"
)


@_rule
def _rule_month_alone(scan: _Scan) -> Iterator[_Candidate]:
    for m in _MONTH_ALONE.finditer(scan.text):
        month = _month_number(m["m"])
        if month is None or not m["m"][0].isupper():
            continue
        token = m["m"].rstrip(".")
        start, end = m.start(), m.end()
        if m["mod"] is None and m["rel"] is None:
            # Abbreviations alone ("Jan", "Mar.") are too often something else.
            if len(token) <= 4 and token.lower() not in ("june", "july", "may"):
                continue
            prev = scan.prev_word(start)
            after = scan.text[end : end + 3]
            cued = prev in _MONTH_CUES or after.startswith(("'s", "’s"))
            if not cued and not scan.in_entity(start, end):
                # Without a cue, only months that are not also common words or names.
                if month in (3, 4, 5, 8) or re.match(r"\s+[A-Z][a-z]", after):
                    continue
                if prev == "" and month in (6, 7):
                    continue
        rel = m["rel"].lower() if m["rel"] else None
        mod = _mod_of(m["mod"])

        def resolve(
            month: int = month,
            rel: str | None = rel,
            mod: str | None = mod,
            s: int = start,
            e: int = end,
        ) -> _Resolved | None:
            anchor = scan.anchor
            if anchor is None:
                return _date(f"XXXX-{month:02d}", "month", "relative", mod)
            if rel in ("last", "past"):
                year = anchor.year if month < anchor.month else anchor.year - 1
                return _date(_iso_month(year, month), "month", "relative", mod)
            if rel in ("next", "coming"):
                year = anchor.year if month > anchor.month else anchor.year + 1
                return _date(_iso_month(year, month), "month", "relative", mod)
            if rel == "this":
                return _date(_iso_month(anchor.year, month), "month", "relative", mod)
            picked = scan.pick_year(month, None, s, e)
            if picked is None:
                return None
            return _date(_iso_month(picked[0], month), "month", picked[1], mod)

        yield _Candidate(start, end, 3, resolve)


_COORDINATED_MONTHS = _compile(
    rf"(?P<m1>{_MONTH})\s*(?:and|or|to|through|until|till|into|[-–—])\s*(?P<m2>{_MONTH}),?\s+"
    rf"(?:of\s+)?(?P<y>{_YEAR})"
)


@_rule
def _rule_coordinated_months(scan: _Scan) -> Iterator[_Candidate]:
    """ "March and April 2022": the first month borrows the year of the second."""
    for m in _COORDINATED_MONTHS.finditer(scan.text):
        first, second = _month_number(m["m1"]), _month_number(m["m2"])
        if first is None or second is None:
            continue
        year = int(m["y"])
        if first > second:  # "December and January 2023": December of the year before
            year -= 1
        value = _iso_month(year, first)
        yield _Candidate(m.start("m1"), m.end("m1"), 0, _const(_date(value, "month", "explicit")))


# --- rules: years, decades, centuries -------------------------------------------------------

_YEAR_ALONE = _compile(
    r"(?<![\w$€£#.,/:-])(?:(?P<fiscal>fiscal|FY)\s*)?(?P<y>1\d{3}|20\d\d)(?![\w%]|[.,]\d|:\d|-\d)"
)
_YEAR_RANGE_SECOND = _compile(
    r"(?<=\d)(?:[-–—])(?P<y>1\d{3}|20\d\d)(?![\w%]|[.,]\d)", word_start=False
)
# Words before a number that make it anything but a year.
_NOT_YEAR_BEFORE = _words(
    "no number nos page pages flight room route highway resolution article chapter section "
    "windows model boeing airbus rule bill code exit suite box unit about some nearly almost "
    "approximately roughly than only just total totaling totalling"
)
_YEAR_WORDS_BEFORE = _words(
    "in since of by until till from through the year around circa before after during early "
    "late mid summer spring autumn fall winter fiscal between and to for as 's s its their his "
    "her"
)
# Plural nouns that a year commonly modifies ("the 2014 elections").
_YEAR_MODIFIED_PLURALS = _words(
    "elections olympics games talks protests results figures levels sales earnings accords "
    "agreements negotiations events riots attacks floods playoffs finals standards rules "
    "regulations sanctions reforms polls estimates forecasts projections numbers prices models "
    "campaigns statistics data is was has saw marks brings sees"
)
_COUNT_WORDS_AFTER = re.compile(
    r"\s*(?:[A-Z]{3}\b|GMT|UTC|hours?\b|hrs\b|local\b|km\b|kilomet|miles?\b|met(?:er|re)s?\b|feet\b"
    r"|ft\b|kg\b|tons?\b|tonnes?\b|people\b|dollars?\b|euros?\b|pounds?\b|percent|per\s*cent"
    r"|points?\b|yuan\b|rubles?\b|roubles?\b|a\.m|p\.m|am\b|pm\b|x\b|by\b\s*\d|cc\b|mm\b|cm\b)"
)


def _year_context_ok(scan: _Scan, start: int, end: int, year: int) -> bool:
    if scan.in_entity(start, end):
        return True
    prev = scan.prev_word(start)
    if re.search(r"[$€£#]\s*$", scan.text[max(0, start - 2) : start]) or prev in _NOT_YEAR_BEFORE:
        return False
    after = scan.text[end : end + 24]
    if _COUNT_WORDS_AFTER.match(after):
        return False
    next_words = scan.words_after(end, 1)
    next_word = next_words[0] if next_words else ""
    # "2014 troops": a number counting a plural noun, unless a determiner or preposition shows
    # it to be a year ("the 2014 elections", "in 2014 troops were sent").
    if (
        next_word.endswith("s")
        and len(next_word) > 3
        and next_word not in _YEAR_MODIFIED_PLURALS
        and re.match(r"\s+[a-z]", after)
        and prev not in _YEAR_WORDS_BEFORE
    ):
        return False
    if year < 1900 or year > 2099:
        # Older years need a word that marks them as years.
        return prev in _YEAR_WORDS_BEFORE and prev not in ("and", "to", "for", "as")
    return True


@_rule
def _rule_years(scan: _Scan) -> Iterator[_Candidate]:
    for m in _YEAR_ALONE.finditer(scan.text):
        year = int(m["y"])
        if not _year_context_ok(scan, m.start("y"), m.end("y"), year):
            continue
        start = m.start() if m["fiscal"] else m.start("y")
        value = f"{year:04d}"
        yield _Candidate(start, m.end(), 2, _const(_date(value, "year", "explicit")))
    for m in _YEAR_RANGE_SECOND.finditer(scan.text):
        # "2023–2024": the second year of a range, which the first pattern refuses after "-".
        if not re.search(r"(?<!\d)(?:1\d{3}|20\d\d)$", scan.text[: m.start()]):
            continue
        value = m["y"]
        yield _Candidate(m.start("y"), m.end(), 2, _const(_date(value, "year", "explicit")))


_YEAR_WITH_MOD = _compile(
    rf"(?P<mod>early|earlier|late|later|mid|mid-|the\s+end\s+of|the\s+beginning\s+of"
    rf"|the\s+start\s+of|the\s+middle\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of"
    rf"|the\s+last\s+half\s+of|the\s+latter\s+half\s+of|the\s+year)\s*(?:in\s+)?(?P<y>{_YEAR})"
    r"(?![\w%]|[.,]\d)"
)


@_rule
def _rule_years_with_modifier(scan: _Scan) -> Iterator[_Candidate]:
    for m in _YEAR_WITH_MOD.finditer(scan.text):
        mod_text = " ".join(m["mod"].lower().split())
        year = m["y"]
        if "half" in mod_text:
            half = "H1" if "first" in mod_text else "H2"
            resolved = _date(f"{year}-{half}", "half", "explicit")
        else:
            resolved = _date(year, "year", "explicit", _mod_of(mod_text))
        yield _Candidate(m.start(), m.end(), 1, _const(resolved))


_DECADE = _compile(
    r"(?:the\s+)?(?:(?P<mod>early|late|mid)[- ]?)?(?:(?P<c>1\d|20)(?P<d>\d)0|['’](?P<s>\d)0)"
    r"['’]?s(?![\w'])"
)
_DECADE_WORD = _compile(
    r"(?:the\s+)?(?:(?P<mod>early|late|mid)[- ]?)?(?:nineteen[- ])?"
    r"(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?![a-z])"
)


@_rule
def _rule_decades(scan: _Scan) -> Iterator[_Candidate]:
    for m in _DECADE.finditer(scan.text):
        mod = _mod_of(m["mod"])
        kind: DateKind
        if m["c"]:
            value, kind = f"{m['c']}{m['d']}", "explicit"
        else:
            digit = int(m["s"])
            century = 20 if scan.anchor and 2000 + digit * 10 <= scan.anchor.year else 19
            value, kind = f"{century}{digit}", "inferred"
        yield _Candidate(
            m.start(),
            m.end(),
            1,
            _const(_date(value, "decade", kind, mod)),
        )
    for m in _DECADE_WORD.finditer(scan.text):
        # "the nineties" without "the" is too often an age or a temperature.
        if not m.group(0).lower().startswith("the"):
            continue
        value = f"19{_DECADE_WORDS[m['w'].lower()]}"
        mod = _mod_of(m["mod"])
        yield _Candidate(m.start(), m.end(), 1, _const(_date(value, "decade", "inferred", mod)))


_CENTURY = _compile(
    r"(?:the\s+)?(?:(?P<mod>early|late|mid)[- ]?)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)"
    r"|(?P<w>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|twenty[- ]first))[- ]century(?![a-z])"
)


@_rule
def _rule_centuries(scan: _Scan) -> Iterator[_Candidate]:
    for m in _CENTURY.finditer(scan.text):
        number = int(m["n"]) if m["n"] else _ORDINAL_WORDS[m["w"].lower().replace("-", " ")]
        if not 1 <= number <= 22:
            continue
        value = f"{number - 1:02d}"
        mod = _mod_of(m["mod"])
        yield _Candidate(m.start(), m.end(), 1, _const(_date(value, "century", "explicit", mod)))


# --- rules: seasons, quarters, halves -------------------------------------------------------

_SEASON = _compile(
    r"(?:(?P<the>the)\s+)?(?:(?P<mod>early|late|mid)[- ]?)?"
    r"(?:(?P<rel>this\s+past|this|last|next|past|coming)\s+)?"
    r"(?P<s>spring|summer|autumn|fall|winter)(?![a-z])"
    rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR})(?![\w%]|[.,]\d))?"
)


@_rule
def _rule_seasons(scan: _Scan) -> Iterator[_Candidate]:
    for m in _SEASON.finditer(scan.text):
        season = m["s"]
        code = _SEASONS[season.lower()]
        rel = " ".join(m["rel"].lower().split()) if m["rel"] else None
        start = m.start()
        if not (m["y"] or rel or m["mod"]):
            # A bare season ("in spring", "over the summer") needs a preposition before it, and
            # a bare "fall" is a verb.
            cued = scan.prev_word(start) in ("in", "during", "by", "until", "over", "through",
                                             "into", "since", "throughout")  # fmt: skip
            bare_fall = season.lower() == "fall" and not m["the"]
            if (not cued or bare_fall) and not scan.in_entity(start, m.end()):
                continue
        if season[0].isupper() and not m["y"] and re.search(r"[A-Z][a-z]+\s+$", scan.text[:start]):
            continue  # "Arab Spring", "Prague Spring"
        mod = _mod_of(m["mod"])
        if m["y"]:
            value = f"{m['y']}-{code}"
            yield _Candidate(start, m.end(), 0, _const(_date(value, "season", "explicit", mod)))
            continue

        def resolve(
            code: str = code,
            rel: str | None = rel,
            mod: str | None = mod,
            s: int = start,
            e: int = m.end(),
        ) -> _Resolved | None:
            anchor = scan.anchor
            if anchor is None:
                return _date(f"XXXX-{code}", "season", "relative", mod)
            this_year = anchor.year
            if code == "WI" and anchor.month <= 2:
                this_year -= 1
            bounds = {y: _season_bounds(y, code) for y in (this_year - 1, this_year, this_year + 1)}
            if rel in ("last", "past", "this past"):
                year = max(y for y, (_, end) in bounds.items() if end < anchor)
            elif rel in ("next", "coming"):
                year = min(y for y, (begin, _) in bounds.items() if begin > anchor)
            elif rel == "this":
                year = this_year
            else:
                tense = scan.tense(s, e)
                if tense == "past":
                    year = max(y for y, (begin, _) in bounds.items() if begin <= anchor)
                elif tense == "future":
                    year = min(y for y, (_, end) in bounds.items() if end >= anchor)
                else:
                    year = this_year
            kind: DateKind = "relative" if rel else "inferred"
            return _date(f"{year}-{code}", "season", kind, mod)

        yield _Candidate(start, m.end(), 1, resolve)


_QUARTER = _compile(
    r"(?:(?P<the>the)\s+)?(?:(?P<rel>this|last|next|current|latest|past|previous|same"
    r"|year-earlier|year-ago|fiscal|fiscal-|company's|(?:this|last|next)\s+year['’]s"
    rf"|(?P<py>{_YEAR})(?:['’]s)?)[\s-]*){{0,2}}(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
    rf"[\s-]+(?:fiscal\s+)?quarter(?![a-z-])(?:\s+of\s+(?:(?P<y>{_YEAR})|(?:fiscal\s+)(?P<fy>{_YEAR})"
    r"|(?P<ry>this|last|next)\s+year|the\s+year))?"
)


def _quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


@_rule
def _rule_ordinal_quarters(scan: _Scan) -> Iterator[_Candidate]:
    for m in _QUARTER.finditer(scan.text):
        quarter = _ORDINALS[m["ord"].lower()]
        prefix = m.group(0)[: m.start("ord") - m.start()].lower()
        explicit = m["y"] or m["fy"] or m["py"]
        # "the company's third quarter": the expression is "third quarter".
        start = m.start("ord") if prefix.startswith("company") else m.start()
        if explicit:
            value = f"{explicit}-Q{quarter}"
            yield _Candidate(start, m.end(), 0, _const(_date(value, "quarter", "explicit")))
            continue
        # "this year's third quarter", "the third quarter of last year", "the year-ago quarter"
        named_year = re.search(r"(this|last|next)\s+year", prefix)
        relative_year = (m["ry"] or (named_year.group(1) if named_year else "")).lower()
        offset = {"this": 0, "last": -1, "next": 1}.get(relative_year, 0)
        if "year-earlier" in prefix or "year-ago" in prefix:
            offset = -1

        def resolve(
            quarter: int = quarter,
            offset: int = offset,
            fixed: bool = bool(relative_year),
            s: int = start,
            e: int = m.end(),
        ) -> _Resolved | None:
            anchor = scan.anchor
            if anchor is None:
                return _date(f"XXXX-Q{quarter}", "quarter", "relative")
            year = anchor.year + offset
            if not fixed and offset == 0:
                # The named quarter of this year if it has begun, else of last year; a future
                # clause about a quarter already over means next year's.
                current = _quarter_of(anchor)
                if quarter > current:
                    year -= 1
                if scan.tense(s, e) == "future" and quarter < current:
                    year = anchor.year + 1
            return _date(f"{year}-Q{quarter}", "quarter", "relative")

        yield _Candidate(start, m.end(), 1, resolve)


_QUARTER_WORDS: dict[str | None, tuple[str, int]] = {
    None: ("reported", 0),
    "latest": ("reported", 0),
    "most recent": ("reported", 0),
    "recent": ("reported", 0),
    "past": ("reported", 0),
    "last": ("reported", 0),
    "same": ("reported", 0),
    "fiscal": ("reported", 0),
    "previous": ("reported", -1),
    "prior": ("reported", -1),
    "year-earlier": ("reported", -4),
    "year-ago": ("reported", -4),
    "comparable": ("reported", -4),
    "this": ("anchor", 0),
    "current": ("anchor", 0),
    "next": ("anchor", 1),
    "coming": ("anchor", 1),
}
_QUARTER_DEICTIC = _compile(
    r"(?:(?P<the>the)\s+)?(?:(?P<rel>this|last|next|current|latest|most\s+recent|recent|past"
    r"|previous|prior|same|year-earlier|year-ago|comparable|coming|fiscal)\s+)?"
    r"(?P<noun>quarter|period)(?![a-z-])"
    r"(?!\s+(?:of|century|mile|point|percent|share|note)\b)"
)


@_rule
def _rule_deictic_quarters(scan: _Scan) -> Iterator[_Candidate]:
    for m in _QUARTER_DEICTIC.finditer(scan.text):
        rel = " ".join(m["rel"].lower().split()) if m["rel"] else None
        if rel is None and not m["the"]:
            continue
        if rel in ("this", "last", "next") and m["the"]:
            continue
        if rel is None and scan.prev_word(m.start()) not in ("in", "for", "during", "of", "over"):
            continue
        period = m["noun"].lower() == "period"
        if period and rel not in (
            "latest",
            "most recent",
            "year-earlier",
            "year-ago",
            "comparable",
        ):
            continue
        if m["noun"][0].isupper():
            continue
        # Quarters counted from the one the text reports on ("reported": the last one named,
        # else the last one completed) or, for "this"/"next", from the anchor's own quarter.
        base, shift = _QUARTER_WORDS[rel]

        def resolve(
            base: str = base, shift: int = shift, period: bool = period
        ) -> _Resolved | None:
            anchor = scan.anchor
            if base == "reported" and scan.last_quarter is not None:
                year, quarter = scan.last_quarter
                index = year * 4 + quarter - 1 + shift
            elif anchor is None or period:
                return None  # "the latest period" is a quarter only in a report about one
            else:
                index = anchor.year * 4 + _quarter_of(anchor) - 1 + shift
                if base == "reported":
                    index -= 1
            return _date(f"{index // 4}-Q{index % 4 + 1}", "quarter", "relative")

        yield _Candidate(m.start(), m.end(), 2, resolve)


_HALF = _compile(
    r"(?:the\s+)?(?P<ord>first|second|last|latter)\s+half\s+of\s+(?:(?P<y>"
    + _YEAR
    + r")|(?P<ry>this|last|next)\s+year|the\s+year)"
)


@_rule
def _rule_halves(scan: _Scan) -> Iterator[_Candidate]:
    for m in _HALF.finditer(scan.text):
        half = "H1" if m["ord"].lower() == "first" else "H2"
        if m["y"]:
            value = f"{m['y']}-{half}"
            yield _Candidate(m.start(), m.end(), 0, _const(_date(value, "half", "explicit")))
            continue
        offset = {"this": 0, "last": -1, "next": 1}.get((m["ry"] or "this").lower(), 0)

        def resolve(half: str = half, offset: int = offset) -> _Resolved | None:
            if scan.anchor is None:
                return None
            return _date(f"{scan.anchor.year + offset}-{half}", "half", "relative")

        yield _Candidate(m.start(), m.end(), 0, resolve)


# --- rules: deictic days, weekdays, holidays, times of day ----------------------------------

_DEICTIC_DAY = _compile(
    r"(?:(?P<mod>early|late|later|earlier)\s+)?(?P<w>the\s+day\s+before\s+yesterday"
    r"|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight)(?![a-z])"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
)


@_rule
def _rule_deictic_days(scan: _Scan) -> Iterator[_Candidate]:
    for m in _DEICTIC_DAY.finditer(scan.text):
        word = " ".join(m["w"].lower().split())
        offset = {
            "today": 0,
            "tonight": 0,
            "yesterday": -1,
            "tomorrow": 1,
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
        }[word]
        part = _PARTS_OF_DAY.get(m["part"].lower()) if m["part"] else None
        if word == "tonight":
            part = "NI"
        mod = _mod_of(m["mod"])
        start = m.start()
        # "today's" figure is still today; "today" used for "nowadays" cannot be told apart.

        def resolve(
            offset: int = offset, part: str | None = part, mod: str | None = mod
        ) -> _Resolved | None:
            if scan.anchor is None:
                return None
            day = _iso_day(scan.anchor + dt.timedelta(days=offset))
            if part:
                return _Resolved(
                    value=f"{day}T{part}", granularity="time", type="TIME", kind="relative"
                )
            return _date(day, "day", "relative", mod)

        yield _Candidate(start, m.end(), 1, resolve)


_LAST_NIGHT = _compile(r"(?P<rel>last|this)\s+(?P<part>night|morning|afternoon|evening)(?![a-z])")


@_rule
def _rule_last_night(scan: _Scan) -> Iterator[_Candidate]:
    for m in _LAST_NIGHT.finditer(scan.text):
        part = _PARTS_OF_DAY[m["part"].lower()]
        offset = -1 if m["rel"].lower() == "last" else 0

        def resolve(part: str = part, offset: int = offset) -> _Resolved | None:
            if scan.anchor is None:
                return None
            day = _iso_day(scan.anchor + dt.timedelta(days=offset))
            return _Resolved(
                value=f"{day}T{part}", granularity="time", type="TIME", kind="relative"
            )

        yield _Candidate(m.start(), m.end(), 1, resolve)


_WEEKDAY_EXPR = _compile(
    r"(?:(?P<mod>early|late)\s+)?(?:(?P<rel>last|next|this|this\s+past|this\s+coming|past|coming)"
    rf"\s+)?(?P<wd>{_WEEKDAY})(?:\s+(?P<part>morning|afternoon|evening|night))?"
    r"(?:,?\s+(?P<the>the\s+)?(?P<d>(?:[12]\d|3[01]|0?[1-9]))(?:st|nd|rd|th)(?![\w%]))?"
)


def _weekday_date(
    scan: _Scan, weekday: int, rel: str | None, start: int, end: int
) -> dt.date | None:
    anchor = scan.anchor
    if anchor is None:
        return None
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if rel in ("last", "past", "this past"):
        return anchor - dt.timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming"):
        return anchor + dt.timedelta(days=ahead or 7)
    if rel == "this":
        return anchor + dt.timedelta(days=weekday - anchor.weekday())
    if scan.tense(start, end) == "future":
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


@_rule
def _rule_weekdays(scan: _Scan) -> Iterator[_Candidate]:
    for m in _WEEKDAY_EXPR.finditer(scan.text):
        if not m["wd"][0].isupper():
            continue
        weekday = _WEEKDAYS[m["wd"].lower()]
        rel = " ".join(m["rel"].lower().split()) if m["rel"] else None
        part = _PARTS_OF_DAY.get(m["part"].lower()) if m["part"] else None
        mod = _mod_of(m["mod"])
        end = m.end()
        day_of_month = int(m["d"]) if m["d"] else None

        def resolve(
            weekday: int = weekday,
            rel: str | None = rel,
            part: str | None = part,
            mod: str | None = mod,
            dom: int | None = day_of_month,
            s: int = m.start(),
            e: int = end,
        ) -> _Resolved | None:
            day = _weekday_date(scan, weekday, rel, s, e)
            if dom is not None and scan.anchor is not None:
                # "Thursday the 15th": the nearest month with that weekday on that day.
                day = _weekday_on_day(scan.anchor, weekday, dom) or day
            if day is None:
                value = f"XXXX-WXX-{weekday + 1}"
                return _date(value + (f"T{part}" if part else ""), "day", "relative", mod)
            if part:
                return _Resolved(
                    value=f"{_iso_day(day)}T{part}",
                    granularity="time",
                    type="TIME",
                    kind="relative",
                )
            return _date(_iso_day(day), "day", "relative", mod)

        yield _Candidate(m.start(), end, 1, resolve)


def _weekday_on_day(anchor: dt.date, weekday: int, day: int) -> dt.date | None:
    best: dt.date | None = None
    for delta in range(-6, 7):
        year, month = _shift_months(anchor.year, anchor.month, delta)
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday and (
            best is None or abs((candidate - anchor).days) < abs((best - anchor).days)
        ):
            best = candidate
    return best


_HOLIDAY = _compile(
    r"(?:(?P<rel>last|next|this)\s+)?(?P<h>New\s+Year['’]s\s+(?:Day|Eve)|Valentine['’]s\s+Day"
    r"|Christmas\s+(?:Day|Eve)|Christmas|Boxing\s+Day|Halloween"
    r"|Bastille\s+Day|Victory\s+Day|May\s+Day|Veterans\s+Day|Armistice\s+Day|Easter\s+Sunday"
    r"|Easter\s+Monday|Easter|Good\s+Friday|Thanksgiving(?:\s+Day)?|Labor\s+Day|Memorial\s+Day)"
    rf"(?![a-z])(?:,?\s+(?P<y>{_YEAR}))?"
)


@_rule
def _rule_holidays(scan: _Scan) -> Iterator[_Candidate]:
    for m in _HOLIDAY.finditer(scan.text):
        name = " ".join(m["h"].split())
        if not name[0].isupper():
            continue
        # "Easter week": the (ISO, Monday-to-Sunday) week that ends on Easter Sunday.
        week = re.match(r"\s+week(?![a-z])", scan.text[m.end() :])
        rel = m["rel"].lower() if m["rel"] else None
        year = int(m["y"]) if m["y"] else None
        end = m.end() + (week.end() if week and not year else 0)

        def resolve(
            name: str = name,
            rel: str | None = rel,
            year: int | None = year,
            as_week: bool = bool(week and not year),
            s: int = m.start(),
            e: int = end,
        ) -> _Resolved | None:
            kind: DateKind = "explicit"
            if year is None:
                anchor = scan.anchor
                if anchor is None:
                    return None
                options = [
                    d
                    for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                    if (d := _holiday_date(name, y)) is not None
                ]
                if rel == "last":
                    options = [d for d in options if d < anchor]
                    day = max(options)
                elif rel == "next":
                    options = [d for d in options if d > anchor]
                    day = min(options)
                else:
                    # As for other year-less dates: the tense's side when it is within reach.
                    tense = scan.tense(s, e)
                    side = [
                        d
                        for d in options
                        if (tense == "past" and d <= anchor) or (tense == "future" and d >= anchor)
                    ]
                    side = [d for d in side if (anchor - d).days <= _TENSE_REACH_DAYS]
                    pool = side or options
                    day = min(pool, key=lambda d: (abs((d - anchor).days), d > anchor))
                kind = "relative" if rel else "inferred"
            else:
                found = _holiday_date(name, year)
                if found is None:
                    return None
                day = found
            if as_week:
                return _Resolved(
                    value=_iso_week(day),
                    granularity="week",
                    type="DATE",
                    kind=kind,
                )
            return _date(_iso_day(day), "day", kind)

        yield _Candidate(m.start(), end, 1, resolve)


# A day named right after a clock time belongs to it: "9 a.m. EST Tuesday", "noon Saturday",
# "5 p.m. EST, Nov. 6".
_CLOCK_DAY = (
    r"(?:,?\s+(?:on\s+)?(?P<dw>today|yesterday|tomorrow|tonight|"
    + _WEEKDAY
    + rf"|(?P<dm>{_MONTH})\s+(?P<dd>{_DAY})|(?P<dd2>{_DAY})\s+(?P<dm2>{_MONTH})))?"
)
_CLOCK = _compile(
    r"(?<![\d.:])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am|pm)"
    rf"(?![a-z])(?:\s+(?P<tz>{_TZ}))?" + _CLOCK_DAY
)
_CLOCK_24 = _compile(
    r"\b(?:at|by|around|about|before|after|until|from|till)\s+(?P<h>[01]?\d|2[0-3])"
    rf":(?P<min>[0-5]\d)(?![\d:.]\d)(?:\s*(?:hours|hrs|h)\b)?(?:\s+(?P<tz>{_TZ}))?" + _CLOCK_DAY
)
_CLOCK_WORDS = _compile(
    r"(?:(?P<w>noon|midday|midnight)(?![a-z])|(?P<h>\d{1,2}|" + _NUMBER_WORD + r")\s+"
    r"(?:o['’]clock|in\s+the\s+(?P<part>morning|afternoon|evening)))" + _CLOCK_DAY
)


def _time_value(scan: _Scan, hour: int, minute: int, m: re.Match[str]) -> _Resolved | None:
    """A clock time on the day named with it, else on the day the passage is about."""
    day: dt.date | None = None
    if m["dm"] or m["dm2"]:
        month = _month_number(m["dm"] or m["dm2"])
        if month is not None:
            day_number = int(re.sub(r"\D", "", m["dd"] or m["dd2"]))
            found = _day_value(scan, None, month, day_number, m.start(), m.end())
            day = _start_day(found.value) if found else None
    elif m["dw"]:
        word = m["dw"].lower()
        if word in _WEEKDAYS:
            day = _weekday_date(scan, _WEEKDAYS[word], None, m.start(), m.end())
        elif scan.anchor is not None:
            offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
            day = scan.anchor + dt.timedelta(days=offsets[word])
    else:
        # "was shot at 10 p.m.": the day the text was just talking about, if it named one.
        found_day = scan.reference_day(m.start(), window=200)
        day = found_day[0] if found_day and found_day[1] in ("day", "time") else scan.anchor
    clock = f"T{hour:02d}:{minute:02d}"
    if day is None:
        return _Resolved(value=clock, granularity="time", type="TIME", kind="relative")
    return _Resolved(value=_iso_day(day) + clock, granularity="time", type="TIME", kind="relative")


@_rule
def _rule_clock_times(scan: _Scan) -> Iterator[_Candidate]:
    for m in _CLOCK.finditer(scan.text):
        hour = int(m["h"])
        if hour > 12 or hour == 0:
            continue
        minute = int(m["min"]) if m["min"] else 0
        if m["ap"].lower().startswith("p") and hour != 12:
            hour += 12
        elif m["ap"].lower().startswith("a") and hour == 12:
            hour = 0
        if (
            m["ap"].lower() == "am"
            and scan.text[m.start("ap") - 1 : m.start("ap")] == " "
            and not m["min"]
            and scan.prev_word(m.start()) not in ("at", "by", "from", "until")
        ):
            continue  # "I am": "am" after a bare number needs a clock-like context
        yield _Candidate(m.start(), m.end(), 0, partial(_time_value, scan, hour, minute, m))
    for m in _CLOCK_24.finditer(scan.text):
        hour, minute = int(m["h"]), int(m["min"])
        yield _Candidate(m.start("h"), m.end(), 1, partial(_time_value, scan, hour, minute, m))
    for m in _CLOCK_WORDS.finditer(scan.text):
        if m["w"]:
            if m["w"][0].isupper() and not scan.text[: m.start()].rstrip().endswith((".", "\n")):
                continue  # "High Noon"
            hour = {"noon": 12, "midday": 12, "midnight": 0}[m["w"].lower()]
        else:
            number = _parse_number(m["h"])
            if number is None or not 1 <= number <= 12 or not number.is_integer():
                continue
            hour = int(number)
            if m["part"] and m["part"].lower() in ("afternoon", "evening") and hour != 12:
                hour += 12
        yield _Candidate(m.start(), m.end(), 1, partial(_time_value, scan, hour, 0, m))


# --- rules: relative periods ----------------------------------------------------------------

_THE_YEAR = _compile(
    r"(?:for|in|during|through|throughout|of|over)\s+(?P<span>the\s+(?:(?P<adj>full|current"
    r"|latest|entire|whole|same|new)\s+)?(?:(?P<fiscal>fiscal)\s+)?year)(?![a-z'’-]|['’]s)"
)


@_rule
def _rule_the_year(scan: _Scan) -> Iterator[_Candidate]:
    """ "for the year", "in the fiscal year": in a report, the year it reports on."""
    for m in _THE_YEAR.finditer(scan.text):
        after = scan.text[m.end() : m.end() + 12]
        if re.match(r"\s*(?:ended|ending|to\s+date)\b", after):
            # "the year ended March 31" is a twelve-month period, not a calendar year.
            yield _Candidate(
                m.start("span"),
                m.end(),
                3,
                _const(
                    _Resolved(value="P1Y", granularity="duration", type="DURATION", kind="explicit")
                ),
            )
            continue
        if re.match(r"\s+(?:before|after|\d|two|nineteen)", after):
            continue  # "the year before" counts from an event; "the year 2000" is a year
        offset = -1 if (m["adj"] or "").lower() == "latest" else 0

        def resolve(offset: int = offset) -> _Resolved | None:
            if scan.anchor is None:
                return None
            return _date(f"{scan.anchor.year + offset}", "year", "relative")

        yield _Candidate(m.start("span"), m.end(), 3, resolve)


_PERIOD_EDGE = _compile(
    r"(?:the\s+(?P<pos>end|beginning|start|middle|close)\s+of\s+the\s+(?P<u>year|month|week)"
    r"|(?P<ye>year[- ]end|year['’]s\s+end))(?![a-z])"
)


@_rule
def _rule_period_edges(scan: _Scan) -> Iterator[_Candidate]:
    """ "the end of the month", "year-end": the current period, at its start or end."""
    for m in _PERIOD_EDGE.finditer(scan.text):
        unit = "year" if m["ye"] else m["u"].lower()
        mod = "END" if m["ye"] else _mod_of(m["pos"])
        since = scan.prev_word(m.start()) == "since"

        def resolve(
            unit: str = unit, mod: str | None = mod, since: bool = since
        ) -> _Resolved | None:
            if scan.anchor is None:
                return None
            value, granularity = _period_value(scan.anchor, unit, -1 if since else 0)
            return _date(value, granularity, "relative", mod)

        yield _Candidate(m.start(), m.end(), 2, resolve)


_SPELLED_YEAR = _compile(
    r"(?:the\s+year\s+)?(?:nineteen[- ](?P<tail>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)"
    r"|two\s+thousand(?:\s+and)?(?:[\s-]+(?P<tail2>one|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|twenty(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?))?)(?![a-z-])"
)


@_rule
def _rule_spelled_years(scan: _Scan) -> Iterator[_Candidate]:
    """ "nineteen ninety-one", "the year two thousand" (transcripts spell years out)."""
    for m in _SPELLED_YEAR.finditer(scan.text):
        text = m.group(0).lower()
        if not text.startswith("the year") and scan.prev_word(m.start()) not in _YEAR_CUES:
            continue  # "two thousand people" is a number
        if m["tail"] is not None:
            tail = m["tail"].lower()
            number = 0 if tail == "hundred" else _parse_number(tail)
            base = 1900
        else:
            number = _parse_number(m["tail2"]) if m["tail2"] else 0
            base = 2000
        if number is None:
            continue
        value = f"{base + int(number):04d}"
        if re.match(
            r"\s+(?:people|troops|soldiers|dollars|pounds|men|women)\b", scan.text[m.end() :]
        ):
            continue
        yield _Candidate(m.start(), m.end(), 2, _const(_date(value, "year", "explicit")))


# Words before a spelled-out number that make it a year ("" = the start of a sentence).
_YEAR_CUES = (
    _words(
        "in since by until till from of year during before after early late mid around and the a"
    )
    | frozenset(_SEASONS)
    | frozenset(_MONTH_NAMES.split())
    | {""}
)

_RELATIVE_PERIOD = _compile(
    r"(?:(?P<mod>early|earlier|late|later|mid|mid-|the\s+end\s+of|the\s+beginning\s+of"
    r"|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of)\s*)?"
    r"(?P<rel>this|last|next|the\s+past|the\s+last|the\s+coming|the\s+next|the\s+current"
    r"|the\s+previous|the\s+prior|the\s+following|the\s+same|that|past|previous)\s+"
    r"(?P<u>week(?:end)?|month|year|decade|century)(?![a-z-]|['’](?!s\b))"
)


def _period_value(day: dt.date, unit: str, delta: int) -> tuple[str, TimeGranularity]:
    if unit == "week":
        return _iso_week(day + dt.timedelta(weeks=delta)), "week"
    if unit == "weekend":
        shifted = day + dt.timedelta(weeks=delta)
        return _iso_week(shifted) + "-WE", "week"
    if unit == "month":
        year, month = _shift_months(day.year, day.month, delta)
        return _iso_month(year, month), "month"
    if unit == "year":
        return f"{day.year + delta:04d}", "year"
    if unit == "decade":
        return f"{day.year // 10 + delta:03d}", "decade"
    return f"{day.year // 100 + delta:02d}", "century"


@_rule
def _rule_relative_periods(scan: _Scan) -> Iterator[_Candidate]:
    for m in _RELATIVE_PERIOD.finditer(scan.text):
        rel = " ".join(m["rel"].lower().split())
        unit = m["u"].lower()
        after = scan.text[m.end() : m.end() + 20]
        if re.match(r"\s*(?:or\s+so\s+)?(?:ago|earlier|before|later)\b", after):
            continue
        if rel in ("that", "the same", "the following", "the previous", "the prior"):
            anchored_to_reference = True
        else:
            anchored_to_reference = False
        if rel == "that" and unit == "weekend":
            continue
        if m["u"][0].isupper():
            continue  # "This Week", a programme
        delta = {
            "this": 0,
            "the current": 0,
            "the same": 0,
            "that": 0,
            "last": -1,
            "past": -1,
            "previous": -1,
            "the past": -1,
            "the last": -1,
            "the previous": -1,
            "the prior": -1,
            "next": 1,
            "the next": 1,
            "the coming": 1,
            "the following": 1,
        }[rel]
        mod = _mod_of(m["mod"])
        if unit == "weekend" and rel == "this" and scan.anchor and scan.anchor.weekday() >= 5:
            delta = 0

        def resolve(
            unit: str = unit,
            delta: int = delta,
            mod: str | None = mod,
            ref: bool = anchored_to_reference,
            rel: str = rel,
            s: int = m.start(),
        ) -> _Resolved | None:
            if ref:
                found = scan.reference_day(s)
                if found is None:
                    return None
                day = found[0]
            else:
                if scan.anchor is None:
                    return None
                day = scan.anchor
            value, granularity = _period_value(day, unit, delta)
            range_start = range_end = None
            if rel in ("the past", "the last") and scan.anchor is not None and not ref:
                # "the past year" reaches back from the anchor: the period before it, as a range;
                # "the past decade" is a span of ten years, not the 2010s.
                range_end = scan.anchor.isoformat()
                start = _shift_by_unit(scan.anchor, -1, unit.removesuffix("end"))
                range_start = start.isoformat() if start else None
                if unit in ("decade", "century"):
                    return _Resolved(
                        value=_duration_value(1, unit),
                        granularity="duration",
                        type="DURATION",
                        kind="relative",
                        range_start=range_start,
                        range_end=range_end,
                    )
            return _date(
                value,
                granularity,
                "relative",
                mod,
                range_start=range_start,
                range_end=range_end,
            )

        yield _Candidate(m.start(), m.end(), 2, resolve)


_IN_THE_PERIOD = _compile(
    r"(?P<mod>earlier|later|early|late)\s+(?:in\s+)?(?:the|that)\s+(?P<u>week|month|year|day)"
    r"(?![a-z'’-])"
)


@_rule
def _rule_earlier_in_the_period(scan: _Scan) -> Iterator[_Candidate]:
    for m in _IN_THE_PERIOD.finditer(scan.text):
        unit = m["u"].lower()
        mod = _mod_of(m["mod"])
        that = " that " in f" {m.group(0).lower()} "

        def resolve(
            unit: str = unit, mod: str | None = mod, that: bool = that, s: int = m.start()
        ) -> _Resolved | None:
            # "earlier that day" counts from the day last mentioned, "later this week" from now.
            if that:
                found = scan.reference_day(s)
                day = found[0] if found else None
            else:
                day = scan.anchor
            if day is None:
                return None
            if unit == "day":
                return _date(_iso_day(day), "day", "relative", mod)
            value, granularity = _period_value(day, unit, 0)
            return _date(value, granularity, "relative", mod)

        yield _Candidate(m.start(), m.end(), 2, resolve)


_WEEKEND = _compile(r"(?P<the>the|this|last|next)\s+weekend(?![a-z])")


@_rule
def _rule_weekend(scan: _Scan) -> Iterator[_Candidate]:
    for m in _WEEKEND.finditer(scan.text):
        rel = m["the"].lower()
        if rel == "the" and scan.prev_word(m.start()) not in (
            "over",
            "during",
            "on",
            "at",
            "for",
            "this",
        ):
            continue

        def resolve(rel: str = rel, s: int = m.start(), e: int = m.end()) -> _Resolved | None:
            anchor = scan.anchor
            if anchor is None:
                return None
            if rel == "last":
                day = anchor - dt.timedelta(days=anchor.weekday() + 2)
            elif rel == "next":
                day = anchor + dt.timedelta(days=7)
            elif rel == "the" and scan.tense(s, e) == "past" and anchor.weekday() < 5:
                day = anchor - dt.timedelta(days=anchor.weekday() + 2)
            else:
                day = anchor
            return _Resolved(
                value=_iso_week(day) + "-WE", granularity="week", type="DATE", kind="relative"
            )

        yield _Candidate(m.start(), m.end(), 1, resolve)


_REFERENCE_DAY = _compile(
    r"(?:the\s+(?P<rel>next|following|previous|prior|same)\s+(?P<u>day|morning|afternoon|evening"
    r"|night)|(?P<that>that|the\s+same)\s+(?P<u2>day|morning|afternoon|evening|night)"
    r"|the\s+day\s+(?P<ba>before|after)(?=\s*[,.;:!?)]))(?![a-z])"
)


@_rule
def _rule_reference_days(scan: _Scan) -> Iterator[_Candidate]:
    for m in _REFERENCE_DAY.finditer(scan.text):
        if m["rel"]:
            delta = {"next": 1, "following": 1, "previous": -1, "prior": -1, "same": 0}[
                m["rel"].lower()
            ]
            unit = m["u"].lower()
        elif m["that"]:
            delta, unit = 0, m["u2"].lower()
        else:
            delta, unit = (-1 if m["ba"].lower() == "before" else 1), "day"
        part = _PARTS_OF_DAY.get(unit)

        def resolve(
            delta: int = delta, part: str | None = part, s: int = m.start()
        ) -> _Resolved | None:
            found = scan.reference_day(s)
            if found is None:
                return None
            day, granularity = found
            if granularity not in ("day", "time"):
                return None
            value = _iso_day(day + dt.timedelta(days=delta))
            if part:
                return _Resolved(
                    value=f"{value}T{part}", granularity="time", type="TIME", kind="relative"
                )
            return _date(value, "day", "relative")

        yield _Candidate(m.start(), m.end(), 2, resolve)


# --- rules: durations and "N units ago" -----------------------------------------------------

_AGO = _compile(
    rf"(?:(?P<q>{_QUALIFIER})\s+)?(?P<n>{_NUMBER})\s+(?P<u>{_UNIT})(?:\s+or\s+so)?\s+"
    r"(?P<dir>ago|earlier|before|hence|from\s+now)(?![a-z])"
)
_YEAR_EARLIER = _compile(r"(?:(?P<the>the)\s+)?year[- ](?P<w>earlier|ago)(?![a-z])")


def _shift_by_unit(day: dt.date, amount: int, unit: str) -> dt.date | None:
    """The day `amount` units from `day`; None past the calendar ("125,000 years ago")."""
    key = _unit_key(unit)
    amount *= _UNIT_FACTOR.get(key, 1)
    letter = _UNITS[key][0]
    try:
        if key in ("day",):
            return day + dt.timedelta(days=amount)
        if key in ("week", "fortnight"):
            return day + dt.timedelta(weeks=amount)
        if letter == "M" and not _UNITS[key][1]:
            return _shift_day_months(day, amount)
        if letter == "Q":
            return _shift_day_months(day, 3 * amount)
        if letter == "Y":
            return _shift_day_months(day, 12 * amount)
    except (ValueError, OverflowError):
        return None
    return day


def _value_at(day: dt.date, granularity: TimeGranularity) -> str:
    if granularity == "week":
        return _iso_week(day)
    if granularity == "month":
        return _iso_month(day.year, day.month)
    if granularity == "quarter":
        return f"{day.year}-Q{_quarter_of(day)}"
    if granularity == "season":
        year, code = _season_of(day)
        return f"{year}-{code}"
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    return _iso_day(day)


@_rule
def _rule_ago(scan: _Scan) -> Iterator[_Candidate]:
    for m in _AGO.finditer(scan.text):
        amount = _parse_number(m["n"])
        unit = m["u"]
        key = _unit_key(unit)
        if key not in _UNITS or _UNITS[key][1]:
            continue  # "two hours ago" is a time of day we cannot pin down
        direction = " ".join(m["dir"].lower().split())
        mod = _QUALIFIER_MODS.get(" ".join(m["q"].lower().split())) if m["q"] else None
        if direction == "before" and not re.match(r"\s*[,.;:)]|\s*$", scan.text[m.end() :]):
            continue  # "two days before the vote" counts from an event, not a date

        def resolve(
            amount: float | None = amount,
            unit: str = unit,
            direction: str = direction,
            mod: str | None = mod,
            s: int = m.start(),
        ) -> _Resolved | None:
            granularity = _UNITS[_unit_key(unit)][2]
            sign = -1 if direction in ("ago", "earlier", "before") else 1
            if amount is None:
                value = "PAST_REF" if sign < 0 else "FUTURE_REF"
                return _date(value, "ref", "relative", mod, chainable=False)
            if not float(amount).is_integer():
                return None
            if amount == 1 and granularity == "year" and sign < 0 and scan.last_quarter:
                year, quarter = scan.last_quarter
                return _date(f"{year - 1}-Q{quarter}", "quarter", "relative", mod, chainable=False)
            if direction in ("ago", "hence", "from now"):
                if scan.anchor is None:
                    return None
                base = scan.anchor
            else:
                found = scan.reference_day(s)
                if found is None:
                    return None
                base = found[0]
            day = _shift_by_unit(base, sign * int(amount), unit)
            if day is None:
                return None
            value = _value_at(day, granularity)
            return _date(value, granularity, "relative", mod, chainable=False)

        yield _Candidate(m.start(), m.end(), 0, resolve)
    for m in _YEAR_EARLIER.finditer(scan.text):
        after = scan.text[m.end() : m.end() + 30].lower()
        if m["the"] and not re.match(r"\s+(?:quarter|period|level|months?)", after):
            continue

        def resolve_year_earlier() -> _Resolved | None:
            if scan.last_quarter is not None:
                year, quarter = scan.last_quarter
                return _date(f"{year - 1}-Q{quarter}", "quarter", "relative", chainable=False)
            if scan.anchor is None:
                return None
            return _date(f"{scan.anchor.year - 1}", "year", "relative", chainable=False)

        end = m.end()
        q = re.match(r"\s+(?:quarter|period)(?![a-z])", scan.text[end:])
        if q and m["the"]:
            end += q.end()
        yield _Candidate(m.start(), end, 1, resolve_year_earlier)


_DURATION = _compile(
    rf"(?:(?P<the>the|a|an)\s+)?(?:(?P<q>{_QUALIFIER})\s+)?(?:(?P<the2>the)\s+)?"
    r"(?:(?P<dir>past|last|next|first|coming|following|previous|latest|final|remaining|recent"
    r"|initial|subsequent|preceding|ensuing|additional|further|more|other|full|entire|whole)\s+)?"
    rf"(?P<n>{_NUMBER})\s+(?:(?:more|additional|full|long|straight|consecutive|successive)\s+)?"
    rf"(?P<u>{_UNIT})(?![a-z])(?!\s*-?\s*old)(?!['’]s?\s+(?:worth|time|notice|pay|salary|supply|rent))"
)


@_rule
def _rule_durations(scan: _Scan) -> Iterator[_Candidate]:
    for m in _DURATION.finditer(scan.text):
        number_text = " ".join(m["n"].lower().split())
        amount = _parse_number(number_text)
        unit = m["u"]
        key = _unit_key(unit)
        if key not in _UNITS:
            continue
        plural = unit.lower().endswith("s") and key != unit.lower()
        # "a year" needs the number to be a word before a singular unit, "three" a plural one.
        if number_text in ("a", "an") and plural:
            continue
        if amount is not None and amount > 1 and not plural and not m["dir"]:
            continue
        if number_text in ("some", "many") and not plural:
            continue
        if key in ("second", "quarter") and number_text in ("a", "an", "one"):
            continue  # "a second round", "a quarter of the market"
        if unit[0].isupper() and not scan.text[: m.start()].rstrip().endswith((".", "\n")):
            continue  # "60 Minutes", a title
        start = m.start()
        prefix_word = scan.prev_word(start)
        before = scan.text[max(0, start - 12) : start].lower()
        # "once a year", "twice a day": how often, not how long. A rate ("$1 billion a year",
        # "four flights a week") is neither a time nor a frequency of one: no expression.
        if number_text in ("a", "an") and (
            re.search(r"(?:\d|illion|percent|%)\s+$", before)
            or (prefix_word.endswith("s") and prefix_word not in ("was", "is", "has", "this"))
        ):
            continue
        if number_text in ("a", "an") and (
            re.search(r"(?:once|twice|times)\s+$", before)
            or prefix_word in ("per", "each", "every")
        ):
            yield _Candidate(
                start,
                m.end(),
                2,
                _const(
                    _Resolved(
                        value=_duration_value(1, unit),
                        granularity="set",
                        type="SET",
                        kind="explicit",
                    )
                ),
            )
            continue
        if re.match(r"\s*(?:of\s+age|old)\b", scan.text[m.end() : m.end() + 10]):
            continue
        qualifier = " ".join(m["q"].lower().split()) if m["q"] else None
        mod = _QUALIFIER_MODS.get(qualifier) if qualifier else None
        if qualifier in _LOOSE_QUALIFIERS:
            # "over the past 20 years", "about five hours": the qualifier stays outside, and
            # "over" before "the" is a preposition, not "more than".
            start = m.start("the2") if m["the2"] else m.start("dir") if m["dir"] else m.start("n")
            mod = None if m["the2"] else mod
        direction = m["dir"].lower() if m["dir"] else None
        value = _duration_value(amount, unit)

        def resolve(
            value: str = value,
            amount: float | None = amount,
            unit: str = unit,
            direction: str | None = direction,
            mod: str | None = mod,
        ) -> _Resolved | None:
            range_start = range_end = None
            kind: DateKind = "explicit"
            anchor = scan.anchor
            if (
                direction in ("past", "last", "next", "coming", "previous", "preceding")
                and amount is not None
                and float(amount).is_integer()
                and not _UNITS[_unit_key(unit)][1]
                and anchor is not None
            ):
                sign = 1 if direction in ("next", "coming") else -1
                other = _shift_by_unit(anchor, sign * int(amount), unit)
                if other is not None:
                    low, high = sorted((anchor, other))
                    range_start, range_end, kind = low.isoformat(), high.isoformat(), "relative"
            return _Resolved(
                value=value,
                granularity="duration",
                type="DURATION",
                kind=kind,
                mod=mod,
                range_start=range_start,
                range_end=range_end,
            )

        yield _Candidate(start, m.end(), 3, resolve)


_ADJECTIVAL_DURATION = _compile(
    rf"(?P<n>\d{{1,3}}(?:,\d{{3}})*(?:\.\d)?|{_NUMBER_WORD}|half|multi|several)[- ]"
    r"(?P<u>second|minute|hour"
    r"|day|week|month|quarter|year|decade|century)(?:[- ]long)?(?![a-z])(?![- ]old)"
    r"|(?P<vague>days|weeks|months|years|decades|hours|day|year|month|week)[- ]long(?![a-z])"
)


@_rule
def _rule_adjectival_durations(scan: _Scan) -> Iterator[_Candidate]:
    for m in _ADJECTIVAL_DURATION.finditer(scan.text):
        if m["vague"]:
            word = m["vague"].lower()
            amount = None if word.endswith("s") else 1.0
            unit = word
        else:
            number = m["n"].lower()
            if number in ("a", "an"):
                continue
            if number in ("multi", "several"):
                amount = None  # "a multi-year deal": some years
            else:
                amount = 0.5 if number == "half" else _parse_number(number)
                if amount is None:
                    continue
            unit = m["u"]
        # "a 10-year-old" is an age; "24-hour" in "24-hour news" is still a duration.
        if re.match(r"[- ]olds?\b", scan.text[m.end() : m.end() + 6]):
            continue
        value = _duration_value(amount, unit)
        yield _Candidate(
            m.start(),
            m.end(),
            2,
            _const(
                _Resolved(value=value, granularity="duration", type="DURATION", kind="explicit")
            ),
        )


_VAGUE_PLURAL = _compile(
    r"(?:(?P<lead>recent|the\s+past|the\s+last|past|the\s+coming|the\s+next|coming|the"
    r"|many|several|some|a\s+few|few)\s+)?(?P<u>years|decades|months|weeks|days|centuries)"
    r"(?![a-z])"
)


@_rule
def _rule_vague_plurals(scan: _Scan) -> Iterator[_Candidate]:
    for m in _VAGUE_PLURAL.finditer(scan.text):
        lead = " ".join(m["lead"].lower().split()) if m["lead"] else None
        unit = m["u"].lower()
        prev = scan.prev_word(m.start())
        after = scan.text[m.end() : m.end() + 12]
        if lead is None:
            # "for years", "in years": a bare plural after a preposition of duration.
            if prev not in ("for", "over", "within", "in") or re.match(
                r"\s+(?:of|to|old|ago)\b", after
            ):
                continue
            if prev == "in" and not re.match(r"\s*[,.;]", after):
                continue
        elif lead == "the":
            if not re.match(r"\s+(?:ahead|to\s+come)\b", after):
                continue
        elif lead in ("many", "several", "some", "a few", "few"):
            continue  # counted vaguely: left to the duration rule
        if re.match(r"\s+(?:ago|earlier|later|before|after|old)\b", after):
            continue
        value = _duration_value(None, unit)
        yield _Candidate(
            m.start(),
            m.end(),
            4,
            _const(
                _Resolved(value=value, granularity="duration", type="DURATION", kind="explicit")
            ),
        )


# --- rules: sets and references to the present, past and future -----------------------------

_SET = _compile(
    r"(?P<adv>hourly|daily|nightly|weekly|monthly|quarterly|annually|yearly)(?![a-z])"
    r"|(?P<q>every|each)\s+(?:(?P<other>other|single)\s+)?"
    rf"(?P<u>day|week|month|year|hour|morning|evening|night|weekend|{_WEEKDAY}|{_MONTH})(?![a-z])"
)


@_rule
def _rule_sets(scan: _Scan) -> Iterator[_Candidate]:
    for m in _SET.finditer(scan.text):
        if m["adv"]:
            value = _SETS[m["adv"].lower()]
            # Only the adverb ("rallies almost daily", "adjusted quarterly") is a recurring time;
            # the adjective ("its quarterly dividend", "the Daily Mail") describes a thing.
            if m["adv"][0].isupper() and scan.prev_word(m.start()):
                continue  # capitalised mid-sentence: a name
            if re.match(r"\s+[a-z]", scan.text[m.end() : m.end() + 3]):
                continue
        else:
            word = m["u"].lower()
            step = 2 if m["other"] and m["other"].lower() == "other" else 1
            if word in _WEEKDAYS:
                value = f"XXXX-WXX-{_WEEKDAYS[word] + 1}"
            elif _month_number(m["u"]) is not None:
                value = f"XXXX-{_month_number(m['u']):02d}"
            elif word in _MONTHS:
                continue  # a month's name in lower case is another word: "each may come"
            elif word in _PARTS_OF_DAY:
                value = f"XXXX-XX-XXT{_PARTS_OF_DAY[word]}"
            elif word == "weekend":
                value = "XXXX-WXX-WE"
            else:
                value = _duration_value(step, word)
        yield _Candidate(
            m.start(),
            m.end(),
            1,
            _const(_Resolved(value=value, granularity="set", type="SET", kind="explicit")),
        )


_REF = _compile(
    r"(?P<present>right\s+now|now|currently|presently|nowadays|at\s+present|the\s+present"
    r"|these\s+days|current)(?![a-z])"
    r"|(?P<past>recently|lately|the\s+past|in\s+the\s+past)(?![a-z])"
    r"|(?P<future>the\s+near\s+future|the\s+future|as\s+soon\s+as\s+possible|soon|future"
    r"|later\s+on)(?![a-z])"
)
# "now" heads these phrases without being a time of its own ("now that" still is).
_NOT_A_REF_AFTER = re.compile(r"\s*(?:-|–)?\s*(?:defunct|famous|former|infamous|notorious)\b")


@_rule
def _rule_references(scan: _Scan) -> Iterator[_Candidate]:
    for m in _REF.finditer(scan.text):
        word = " ".join(m.group(0).lower().split())
        after = scan.text[m.end() : m.end() + 20]
        start = m.start()
        if m["present"]:
            value = "PRESENT_REF"
            if word == "current" and (
                # "current" is the present only as an adjective ("its current position"), not
                # as a noun ("an electric current") nor in "current account".
                not re.match(r"\s+[a-z]", after) or re.match(r"\s+(?:accounts?|affairs)\b", after)
            ):
                continue
            if _NOT_A_REF_AFTER.match(after):
                continue
            if word == "at present":
                start = m.start() + 3
        elif m["past"]:
            value = "PAST_REF"
            if word == "the past" and re.match(
                r"\s+(?:\d|few|several|two|three|four|five|six"
                r"|seven|eight|nine|ten|week|month|year|decade)",
                after,
            ):
                continue
            if word == "in the past":
                start = m.start() + 3
        else:
            value = "FUTURE_REF"
            before = scan.text[max(0, start - 8) : start].lower()
            if word == "future" and not re.search(r"['’]s\s+$", before):
                continue  # "Elian's future" is a time; "future earnings" describes earnings
            if word == "soon" and (
                re.search(r"\bas\s+$", before)
                or re.match(r"\s+(?:after|afterwards?|before|thereafter)\b", after)
                or scan.tense(m.start(), m.end()) == "past"
            ):
                continue  # "as soon as Tuesday", "soon after the attack", "was soon released"
        yield _Candidate(
            start,
            m.end(),
            5,
            _const(_date(value, "ref", "relative")),
        )
