"""The words and regular-expression pieces the time rules are built from.

Input: nothing at run time; these are tables (month, weekday, number, unit, season, holiday and
qualifier words) and regex fragments, plus the small readers that turn a matched word into a
number (`parse_number`, `month_number`, `unit_key`, `mod_of`).
Output: constants and pure functions used by the rule modules and the calendar arithmetic.
Known limits: English only; northern-hemisphere seasons; numbers are read up to the hundreds
("ninety-nine", "a hundred"), not "three hundred and twelve".
"""

from __future__ import annotations

import re

from newsprism.annotate.time.records import TimeGranularity


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _numbered(words: str, first: int = 1) -> dict[str, int]:
    return {word: i for i, word in enumerate(words.split(), start=first)}


MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
MONTHS: dict[str, int] = _numbered(MONTH_NAMES) | {
    name[:3]: i for name, i in _numbered(MONTH_NAMES).items()
}
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = _numbered("monday tuesday wednesday thursday friday saturday sunday", 0)
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
ORDINALS: dict[str, int] = _numbered("first second third fourth") | _numbered("1st 2nd 3rd 4th")
ORDINAL_WORDS: dict[str, int] = _numbered(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
) | {"twenty-first": 21, "twenty first": 21}
DECADE_WORDS: dict[str, int] = _numbered(
    "twenties thirties forties fifties sixties seventies eighties nineties", 2
)
# Seasons by TIMEX3 code, with the months they start and end in (northern hemisphere, as the
# English-language press uses them). Winter starts in December and is named by that year.
SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}
SEASON_START_MONTH: dict[str, int] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
}
# Unit name -> (TIMEX3 letter, is a time-of-day unit, granularity of "N units ago": "a decade
# ago" is a year, ten years back, not a decade).
UNITS: dict[str, tuple[str, bool, TimeGranularity]] = {
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
UNIT_FACTOR: dict[str, int] = {
    "fortnight": 2, "decade": 10, "century": 100, "millennium": 1000,
    "millennia": 1000,
}  # fmt: skip
SETS: dict[str, str] = {
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
LOOSE_QUALIFIERS = frozenset(
    ["about", "around", "almost", "nearly", "over", "just over", "just under", "under", "some",
     "roughly", "approximately"]
)  # fmt: skip
QUALIFIER_MODS: dict[str, str] = {
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
# Fixed-date holidays as (month, day); moveable ones are computed in `holiday_date`.
# Offsets, in years, of "this/last/next year" (and of a month, quarter or half of one).
YEAR_OFFSETS: dict[str, int] = {"this": 0, "last": -1, "next": 1}
# Offsets, in days from the anchor, of the words that name a day by its distance from today.
DAY_OFFSETS: dict[str, int] = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
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

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Sept\.?|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
    r"(?![a-z])"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z])"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|\s*%)"
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d%])"
NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)(?![a-z]))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|one\s+hundred|hundred"
    r"|a\s+dozen|dozen|a\s+couple\s+of|a\s+couple|couple\s+of|an?)(?![a-z])"
)
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:\s+1/2|½)?|{NUMBER_WORD}(?:\s+and\s+a\s+half)?"
    r"|a\s+few|few|several|many|some|a\s+number\s+of|numerous|a\s+half|half\s+an?)(?![a-z\d])"
)
UNIT = (
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|quarters?"
    r"|years?|yrs?|decades?|century|centuries|millennium|millennia)(?![a-z])"
)
QUALIFIER = (
    r"(?:more\s+than|less\s+than|fewer\s+than|longer\s+than|at\s+least|at\s+most|up\s+to"
    r"|no\s+more\s+than|just\s+over|just\s+under|nearly|almost|about|around|roughly"
    r"|approximately|over|under)"
)
TZ = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|EET|EEST|MSK)(?![A-Za-z])|local\s+time"
# The part of a period a modifier picks ("the end of May", "the start of 2022"), shared by the
# month, year and relative-period patterns.
EDGE_OF = r"the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of"

_FLAGS = re.IGNORECASE


def compile_pattern(pattern: str, *, word_start: bool = True) -> re.Pattern[str]:
    # Every expression starts at a word boundary: "now" is not in "know", "a day" not in "Sandra",
    # "000-day" not in "1,000-day".
    return re.compile(("(?<![\\w'’])(?<!\\d[,.])" if word_start else "") + pattern, _FLAGS)


def parse_number(phrase: str) -> float | None:
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


def unit_key(unit: str) -> str:
    word = unit.lower()
    if word.endswith("ies"):
        return "century" if word.startswith("centur") else word
    return word[:-1] if word.endswith("s") and word[:-1] in UNITS else word


def mod_of(word: str | None) -> str | None:
    if not word:
        return None
    word = " ".join(word.lower().replace("-", " ").split())
    if word.startswith(("early", "earlier", "the beginning", "the start", "beginning", "start")):
        return "START"
    if word.startswith(("late", "later", "the end", "end", "the close")):
        return "END"
    if word.startswith(("mid", "the middle", "middle")):
        return "MID"
    return QUALIFIER_MODS.get(word)


def month_number(token: str) -> int | None:
    """The month a token names, if it is written as a month: capitalised ("may" is a verb)."""
    if not token or not token[0].isupper():
        return None
    return MONTHS.get(token.rstrip(".").lower())


def folded(phrase: str | None) -> str | None:
    """A matched phrase in lower case with its spaces collapsed ("This  past" -> "this past")."""
    return " ".join(phrase.lower().split()) if phrase else None
