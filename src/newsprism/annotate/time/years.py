"""Rules for years, decades and centuries.

Covers "2014", "fiscal 2014", "2023-2024", "early 2014", "the first half of 2014", "the 1990s",
"the mid-'80s", "the nineties", "the 19th century" and spelled-out years ("nineteen
ninety-one", "the year two thousand").
Input: a `Scan` of the text. Output: `Candidate` spans, explicit unless a century is guessed
("the '80s", "the nineties").
Known limits: a four-digit number is a year only when its context does not make it a count
("2014 troops", "$2014", "2014 km"); years before 1900 need a cue word; spelled-out years are
read only after a word that marks them as years.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsprism.annotate.time.context import Scan
from newsprism.annotate.time.records import Candidate, const, resolved_date
from newsprism.annotate.time.vocabulary import (
    DECADE_WORDS,
    EDGE_OF,
    MONTH_NAMES,
    ORDINAL_WORDS,
    SEASONS,
    YEAR,
    compile_pattern,
    mod_of,
    parse_number,
    word_set,
)
from newsprism.model import DateKind

_YEAR_ALONE = compile_pattern(
    r"(?<![\w$€£#.,/:-])(?:(?P<fiscal>fiscal|FY)\s*)?(?P<y>1\d{3}|20\d\d)(?![\w%]|[.,]\d|:\d|-\d)"
)
_YEAR_RANGE_SECOND = compile_pattern(
    r"(?<=\d)(?:[-–—])(?P<y>1\d{3}|20\d\d)(?![\w%]|[.,]\d)", word_start=False
)
# Words before a number that make it anything but a year.
_NOT_YEAR_BEFORE = word_set(
    "no number nos page pages flight room route highway resolution article chapter section "
    "windows model boeing airbus rule bill code exit suite box unit about some nearly almost "
    "approximately roughly than only just total totaling totalling"
)
_YEAR_WORDS_BEFORE = word_set(
    "in since of by until till from through the year around circa before after during early "
    "late mid summer spring autumn fall winter fiscal between and to for as 's s its their his "
    "her"
)
# Plural nouns that a year commonly modifies ("the 2014 elections").
_YEAR_MODIFIED_PLURALS = word_set(
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


def _year_context_ok(scan: Scan, start: int, end: int, year: int) -> bool:
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


def rule_years(scan: Scan) -> Iterator[Candidate]:
    for m in _YEAR_ALONE.finditer(scan.text):
        year = int(m["y"])
        if not _year_context_ok(scan, m.start("y"), m.end("y"), year):
            continue
        start = m.start() if m["fiscal"] else m.start("y")
        value = f"{year:04d}"
        yield Candidate(start, m.end(), 2, const(resolved_date(value, "year", "explicit")))
    for m in _YEAR_RANGE_SECOND.finditer(scan.text):
        # "2023–2024": the second year of a range, which the first pattern refuses after "-".
        if not re.search(r"(?<!\d)(?:1\d{3}|20\d\d)$", scan.text[: m.start()]):
            continue
        value = m["y"]
        yield Candidate(m.start("y"), m.end(), 2, const(resolved_date(value, "year", "explicit")))


_YEAR_WITH_MOD = compile_pattern(
    rf"(?P<mod>early|earlier|late|later|mid|mid-|{EDGE_OF}"
    rf"|the\s+first\s+half\s+of|the\s+second\s+half\s+of"
    rf"|the\s+last\s+half\s+of|the\s+latter\s+half\s+of|the\s+year)\s*(?:in\s+)?(?P<y>{YEAR})"
    r"(?![\w%]|[.,]\d)"
)


def rule_years_with_modifier(scan: Scan) -> Iterator[Candidate]:
    for m in _YEAR_WITH_MOD.finditer(scan.text):
        mod_text = " ".join(m["mod"].lower().split())
        year = m["y"]
        if "half" in mod_text:
            half = "H1" if "first" in mod_text else "H2"
            resolved = resolved_date(f"{year}-{half}", "half", "explicit")
        else:
            resolved = resolved_date(year, "year", "explicit", mod_of(mod_text))
        yield Candidate(m.start(), m.end(), 1, const(resolved))


_DECADE = compile_pattern(
    r"(?:the\s+)?(?:(?P<mod>early|late|mid)[- ]?)?(?:(?P<c>1\d|20)(?P<d>\d)0|['’](?P<s>\d)0)"
    r"['’]?s(?![\w'])"
)
_DECADE_WORD = compile_pattern(
    r"(?:the\s+)?(?:(?P<mod>early|late|mid)[- ]?)?(?:nineteen[- ])?"
    r"(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?![a-z])"
)


def rule_decades(scan: Scan) -> Iterator[Candidate]:
    for m in _DECADE.finditer(scan.text):
        mod = mod_of(m["mod"])
        kind: DateKind
        if m["c"]:
            value, kind = f"{m['c']}{m['d']}", "explicit"
        else:
            digit = int(m["s"])
            century = 20 if scan.anchor and 2000 + digit * 10 <= scan.anchor.year else 19
            value, kind = f"{century}{digit}", "inferred"
        yield Candidate(
            m.start(),
            m.end(),
            1,
            const(resolved_date(value, "decade", kind, mod)),
        )
    for m in _DECADE_WORD.finditer(scan.text):
        # "the nineties" without "the" is too often an age or a temperature.
        if not m.group(0).lower().startswith("the"):
            continue
        value = f"19{DECADE_WORDS[m['w'].lower()]}"
        mod = mod_of(m["mod"])
        yield Candidate(
            m.start(), m.end(), 1, const(resolved_date(value, "decade", "inferred", mod))
        )


_CENTURY = compile_pattern(
    r"(?:the\s+)?(?:(?P<mod>early|late|mid)[- ]?)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)"
    r"|(?P<w>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|twenty[- ]first))[- ]century(?![a-z])"
)


def rule_centuries(scan: Scan) -> Iterator[Candidate]:
    for m in _CENTURY.finditer(scan.text):
        number = int(m["n"]) if m["n"] else ORDINAL_WORDS[m["w"].lower().replace("-", " ")]
        if not 1 <= number <= 22:
            continue
        value = f"{number - 1:02d}"
        mod = mod_of(m["mod"])
        yield Candidate(
            m.start(), m.end(), 1, const(resolved_date(value, "century", "explicit", mod))
        )


_SPELLED_YEAR = compile_pattern(
    r"(?:the\s+year\s+)?(?:nineteen[- ](?P<tail>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)"
    r"|two\s+thousand(?:\s+and)?(?:[\s-]+(?P<tail2>one|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|twenty(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?))?)(?![a-z-])"
)


def rule_spelled_years(scan: Scan) -> Iterator[Candidate]:
    """ "nineteen ninety-one", "the year two thousand" (transcripts spell years out)."""
    for m in _SPELLED_YEAR.finditer(scan.text):
        text = m.group(0).lower()
        if not text.startswith("the year") and scan.prev_word(m.start()) not in _YEAR_CUES:
            continue  # "two thousand people" is a number
        if m["tail"] is not None:
            tail = m["tail"].lower()
            number = 0 if tail == "hundred" else parse_number(tail)
            base = 1900
        else:
            number = parse_number(m["tail2"]) if m["tail2"] else 0
            base = 2000
        if number is None:
            continue
        value = f"{base + int(number):04d}"
        if re.match(
            r"\s+(?:people|troops|soldiers|dollars|pounds|men|women)\b", scan.text[m.end() :]
        ):
            continue
        yield Candidate(m.start(), m.end(), 2, const(resolved_date(value, "year", "explicit")))


# Words before a spelled-out number that make it a year ("" = the start of a sentence).
_YEAR_CUES = (
    word_set(
        "in since by until till from of year during before after early late mid around and the a"
    )
    | frozenset(SEASONS)
    | frozenset(MONTH_NAMES.split())
    | {""}
)
