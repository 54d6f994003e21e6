"""Rules for seasons, quarters and halves of a year.

Covers "spring 2022", "last summer", "the third quarter of 2014", "the year-ago quarter", "the
latest period" (in an earnings report), "the first half of next year".
Input: a `Scan` of the text. Output: `Candidate` spans; relative ones are read against the anchor
or, for quarters counted from a report, the last quarter the text named.
Known limits: seasons are northern-hemisphere ones; fiscal quarters are taken as calendar
quarters; "Arab Spring"-like names are skipped by capitalisation alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsprism.annotate.time.calendar import quarter_of, season_bounds
from newsprism.annotate.time.context import Scan
from newsprism.annotate.time.records import Candidate, Resolved, const, resolved_date
from newsprism.annotate.time.vocabulary import (
    ORDINALS,
    SEASONS,
    YEAR,
    YEAR_OFFSETS,
    compile_pattern,
    folded,
    mod_of,
)
from newsprism.model import DateKind

_SEASON = compile_pattern(
    r"(?:(?P<the>the)\s+)?(?:(?P<mod>early|late|mid)[- ]?)?"
    r"(?:(?P<rel>this\s+past|this|last|next|past|coming)\s+)?"
    r"(?P<s>spring|summer|autumn|fall|winter)(?![a-z])"
    rf"(?:\s+(?:of\s+)?(?P<y>{YEAR})(?![\w%]|[.,]\d))?"
)


def rule_seasons(scan: Scan) -> Iterator[Candidate]:
    for m in _SEASON.finditer(scan.text):
        season = m["s"]
        code = SEASONS[season.lower()]
        rel = folded(m["rel"])
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
        mod = mod_of(m["mod"])
        if m["y"]:
            value = f"{m['y']}-{code}"
            yield Candidate(
                start, m.end(), 0, const(resolved_date(value, "season", "explicit", mod))
            )
            continue

        def resolve(
            code: str = code,
            rel: str | None = rel,
            mod: str | None = mod,
            s: int = start,
            e: int = m.end(),
        ) -> Resolved | None:
            anchor = scan.anchor
            if anchor is None:
                return resolved_date(f"XXXX-{code}", "season", "relative", mod)
            this_year = anchor.year
            if code == "WI" and anchor.month <= 2:
                this_year -= 1
            bounds = {y: season_bounds(y, code) for y in (this_year - 1, this_year, this_year + 1)}
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
            return resolved_date(f"{year}-{code}", "season", kind, mod)

        yield Candidate(start, m.end(), 1, resolve)


_QUARTER = compile_pattern(
    r"(?:(?P<the>the)\s+)?(?:(?P<rel>this|last|next|current|latest|past|previous|same"
    r"|year-earlier|year-ago|fiscal|fiscal-|company's|(?:this|last|next)\s+year['’]s"
    rf"|(?P<py>{YEAR})(?:['’]s)?)[\s-]*){{0,2}}(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
    rf"[\s-]+(?:fiscal\s+)?quarter(?![a-z-])(?:\s+of\s+(?:(?P<y>{YEAR})|(?:fiscal\s+)(?P<fy>{YEAR})"
    r"|(?P<ry>this|last|next)\s+year|the\s+year))?"
)


def rule_ordinal_quarters(scan: Scan) -> Iterator[Candidate]:
    for m in _QUARTER.finditer(scan.text):
        quarter = ORDINALS[m["ord"].lower()]
        prefix = m.group(0)[: m.start("ord") - m.start()].lower()
        explicit = m["y"] or m["fy"] or m["py"]
        # "the company's third quarter": the expression is "third quarter".
        start = m.start("ord") if prefix.startswith("company") else m.start()
        if explicit:
            value = f"{explicit}-Q{quarter}"
            yield Candidate(start, m.end(), 0, const(resolved_date(value, "quarter", "explicit")))
            continue
        # "this year's third quarter", "the third quarter of last year", "the year-ago quarter"
        named_year = re.search(r"(this|last|next)\s+year", prefix)
        relative_year = (m["ry"] or (named_year.group(1) if named_year else "")).lower()
        offset = YEAR_OFFSETS.get(relative_year, 0)
        if "year-earlier" in prefix or "year-ago" in prefix:
            offset = -1

        def resolve(
            quarter: int = quarter,
            offset: int = offset,
            fixed: bool = bool(relative_year),
            s: int = start,
            e: int = m.end(),
        ) -> Resolved | None:
            anchor = scan.anchor
            if anchor is None:
                return resolved_date(f"XXXX-Q{quarter}", "quarter", "relative")
            year = anchor.year + offset
            if not fixed and offset == 0:
                # The named quarter of this year if it has begun, else of last year; a future
                # clause about a quarter already over means next year's.
                current = quarter_of(anchor)
                if quarter > current:
                    year -= 1
                if scan.tense(s, e) == "future" and quarter < current:
                    year = anchor.year + 1
            return resolved_date(f"{year}-Q{quarter}", "quarter", "relative")

        yield Candidate(start, m.end(), 1, resolve)


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
_QUARTER_DEICTIC = compile_pattern(
    r"(?:(?P<the>the)\s+)?(?:(?P<rel>this|last|next|current|latest|most\s+recent|recent|past"
    r"|previous|prior|same|year-earlier|year-ago|comparable|coming|fiscal)\s+)?"
    r"(?P<noun>quarter|period)(?![a-z-])"
    r"(?!\s+(?:of|century|mile|point|percent|share|note)\b)"
)


def rule_deictic_quarters(scan: Scan) -> Iterator[Candidate]:
    for m in _QUARTER_DEICTIC.finditer(scan.text):
        rel = folded(m["rel"])
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

        def resolve(base: str = base, shift: int = shift, period: bool = period) -> Resolved | None:
            anchor = scan.anchor
            if base == "reported" and scan.last_quarter is not None:
                year, quarter = scan.last_quarter
                index = year * 4 + quarter - 1 + shift
            elif anchor is None or period:
                return None  # "the latest period" is a quarter only in a report about one
            else:
                index = anchor.year * 4 + quarter_of(anchor) - 1 + shift
                if base == "reported":
                    index -= 1
            return resolved_date(f"{index // 4}-Q{index % 4 + 1}", "quarter", "relative")

        yield Candidate(m.start(), m.end(), 2, resolve)


_HALF = compile_pattern(
    r"(?:the\s+)?(?P<ord>first|second|last|latter)\s+half\s+of\s+(?:(?P<y>"
    + YEAR
    + r")|(?P<ry>this|last|next)\s+year|the\s+year)"
)


def rule_halves(scan: Scan) -> Iterator[Candidate]:
    for m in _HALF.finditer(scan.text):
        half = "H1" if m["ord"].lower() == "first" else "H2"
        if m["y"]:
            value = f"{m['y']}-{half}"
            yield Candidate(m.start(), m.end(), 0, const(resolved_date(value, "half", "explicit")))
            continue
        offset = YEAR_OFFSETS.get((m["ry"] or "this").lower(), 0)

        def resolve(half: str = half, offset: int = offset) -> Resolved | None:
            if scan.anchor is None:
                return None
            return resolved_date(f"{scan.anchor.year + offset}-{half}", "half", "relative")

        yield Candidate(m.start(), m.end(), 0, resolve)
