"""Rules for durations and for points counted back or forward by a duration.

Covers "three years ago", "two days earlier", "a year earlier", "the year-ago period", "the past
three months", "about five hours", "a 10-year plan", "for years", and "once a year" (a SET).
Input: a `Scan` of the text. Output: `Candidate` spans: DURATION values ("P3M"), with a range
when they reach back or forward from the anchor, and DATE values for "N units ago".
Known limits: "two days after the vote" counts from an event and stays a plain duration; "two
hours ago" is not dated (no time of day to count from); ages ("a 10-year-old") are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsprism.annotate.time.calendar import duration_value, shift_by_unit, value_at
from newsprism.annotate.time.context import Scan
from newsprism.annotate.time.records import (
    Candidate,
    Resolved,
    const,
    resolved_date,
    resolved_duration,
    resolved_set,
)
from newsprism.annotate.time.vocabulary import (
    LOOSE_QUALIFIERS,
    NUMBER,
    NUMBER_WORD,
    QUALIFIER,
    QUALIFIER_MODS,
    UNIT,
    UNITS,
    compile_pattern,
    folded,
    parse_number,
    unit_key,
)
from newsprism.model import DateKind

_AGO = compile_pattern(
    rf"(?:(?P<q>{QUALIFIER})\s+)?(?P<n>{NUMBER})\s+(?P<u>{UNIT})(?:\s+or\s+so)?\s+"
    r"(?P<dir>ago|earlier|before|hence|from\s+now)(?![a-z])"
)
_YEAR_EARLIER = compile_pattern(r"(?:(?P<the>the)\s+)?year[- ](?P<w>earlier|ago)(?![a-z])")


def rule_ago(scan: Scan) -> Iterator[Candidate]:
    for m in _AGO.finditer(scan.text):
        amount = parse_number(m["n"])
        unit = m["u"]
        key = unit_key(unit)
        if key not in UNITS or UNITS[key][1]:
            continue  # "two hours ago" is a time of day we cannot pin down
        direction = " ".join(m["dir"].lower().split())
        qualifier = folded(m["q"])
        mod = QUALIFIER_MODS.get(qualifier) if qualifier else None
        if direction == "before" and not re.match(r"\s*[,.;:)]|\s*$", scan.text[m.end() :]):
            continue  # "two days before the vote" counts from an event, not a date

        def resolve(
            amount: float | None = amount,
            unit: str = unit,
            direction: str = direction,
            mod: str | None = mod,
            s: int = m.start(),
        ) -> Resolved | None:
            granularity = UNITS[unit_key(unit)][2]
            sign = -1 if direction in ("ago", "earlier", "before") else 1
            if amount is None:
                value = "PAST_REF" if sign < 0 else "FUTURE_REF"
                return resolved_date(value, "ref", "relative", mod, chainable=False)
            if not float(amount).is_integer():
                return None
            if amount == 1 and granularity == "year" and sign < 0 and scan.last_quarter:
                year, quarter = scan.last_quarter
                return resolved_date(
                    f"{year - 1}-Q{quarter}", "quarter", "relative", mod, chainable=False
                )
            if direction in ("ago", "hence", "from now"):
                if scan.anchor is None:
                    return None
                base = scan.anchor
            else:
                found = scan.reference_day(s)
                if found is None:
                    return None
                base = found[0]
            day = shift_by_unit(base, sign * int(amount), unit)
            if day is None:
                return None
            value = value_at(day, granularity)
            return resolved_date(value, granularity, "relative", mod, chainable=False)

        yield Candidate(m.start(), m.end(), 0, resolve)
    for m in _YEAR_EARLIER.finditer(scan.text):
        after = scan.text[m.end() : m.end() + 30].lower()
        if m["the"] and not re.match(r"\s+(?:quarter|period|level|months?)", after):
            continue

        def resolve_year_earlier() -> Resolved | None:
            if scan.last_quarter is not None:
                year, quarter = scan.last_quarter
                return resolved_date(
                    f"{year - 1}-Q{quarter}", "quarter", "relative", chainable=False
                )
            if scan.anchor is None:
                return None
            return resolved_date(f"{scan.anchor.year - 1}", "year", "relative", chainable=False)

        end = m.end()
        q = re.match(r"\s+(?:quarter|period)(?![a-z])", scan.text[end:])
        if q and m["the"]:
            end += q.end()
        yield Candidate(m.start(), end, 1, resolve_year_earlier)


_DURATION = compile_pattern(
    rf"(?:(?P<the>the|a|an)\s+)?(?:(?P<q>{QUALIFIER})\s+)?(?:(?P<the2>the)\s+)?"
    r"(?:(?P<dir>past|last|next|first|coming|following|previous|latest|final|remaining|recent"
    r"|initial|subsequent|preceding|ensuing|additional|further|more|other|full|entire|whole)\s+)?"
    rf"(?P<n>{NUMBER})\s+(?:(?:more|additional|full|long|straight|consecutive|successive)\s+)?"
    rf"(?P<u>{UNIT})(?![a-z])(?!\s*-?\s*old)(?!['’]s?\s+(?:worth|time|notice|pay|salary|supply|rent))"
)


def rule_durations(scan: Scan) -> Iterator[Candidate]:
    for m in _DURATION.finditer(scan.text):
        number_text = " ".join(m["n"].lower().split())
        amount = parse_number(number_text)
        unit = m["u"]
        key = unit_key(unit)
        if key not in UNITS:
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
            yield Candidate(
                start,
                m.end(),
                2,
                const(resolved_set(duration_value(1, unit))),
            )
            continue
        if re.match(r"\s*(?:of\s+age|old)\b", scan.text[m.end() : m.end() + 10]):
            continue
        qualifier = folded(m["q"])
        mod = QUALIFIER_MODS.get(qualifier) if qualifier else None
        if qualifier in LOOSE_QUALIFIERS:
            # "over the past 20 years", "about five hours": the qualifier stays outside, and
            # "over" before "the" is a preposition, not "more than".
            start = m.start("the2") if m["the2"] else m.start("dir") if m["dir"] else m.start("n")
            mod = None if m["the2"] else mod
        direction = m["dir"].lower() if m["dir"] else None
        value = duration_value(amount, unit)

        def resolve(
            value: str = value,
            amount: float | None = amount,
            unit: str = unit,
            direction: str | None = direction,
            mod: str | None = mod,
        ) -> Resolved | None:
            range_start = range_end = None
            kind: DateKind = "explicit"
            anchor = scan.anchor
            if (
                direction in ("past", "last", "next", "coming", "previous", "preceding")
                and amount is not None
                and float(amount).is_integer()
                and not UNITS[unit_key(unit)][1]
                and anchor is not None
            ):
                sign = 1 if direction in ("next", "coming") else -1
                other = shift_by_unit(anchor, sign * int(amount), unit)
                if other is not None:
                    low, high = sorted((anchor, other))
                    range_start, range_end, kind = low.isoformat(), high.isoformat(), "relative"
            return resolved_duration(value, kind, mod, range_start=range_start, range_end=range_end)

        yield Candidate(start, m.end(), 3, resolve)


_ADJECTIVAL_DURATION = compile_pattern(
    rf"(?P<n>\d{{1,3}}(?:,\d{{3}})*(?:\.\d)?|{NUMBER_WORD}|half|multi|several)[- ]"
    r"(?P<u>second|minute|hour"
    r"|day|week|month|quarter|year|decade|century)(?:[- ]long)?(?![a-z])(?![- ]old)"
    r"|(?P<vague>days|weeks|months|years|decades|hours|day|year|month|week)[- ]long(?![a-z])"
)


def rule_adjectival_durations(scan: Scan) -> Iterator[Candidate]:
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
                amount = 0.5 if number == "half" else parse_number(number)
                if amount is None:
                    continue
            unit = m["u"]
        # "a 10-year-old" is an age; "24-hour" in "24-hour news" is still a duration.
        if re.match(r"[- ]olds?\b", scan.text[m.end() : m.end() + 6]):
            continue
        value = duration_value(amount, unit)
        yield Candidate(
            m.start(),
            m.end(),
            2,
            const(resolved_duration(value)),
        )


_VAGUE_PLURAL = compile_pattern(
    r"(?:(?P<lead>recent|the\s+past|the\s+last|past|the\s+coming|the\s+next|coming|the"
    r"|many|several|some|a\s+few|few)\s+)?(?P<u>years|decades|months|weeks|days|centuries)"
    r"(?![a-z])"
)


def rule_vague_plurals(scan: Scan) -> Iterator[Candidate]:
    for m in _VAGUE_PLURAL.finditer(scan.text):
        lead = folded(m["lead"])
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
        value = duration_value(None, unit)
        yield Candidate(
            m.start(),
            m.end(),
            4,
            const(resolved_duration(value)),
        )
