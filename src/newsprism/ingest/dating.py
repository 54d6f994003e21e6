"""Publication dates: parsed from metadata, or inferred from the text when none is given.

Input: article texts with their declared dates (if any). Output: a `DateValue` per article and
the spans it rests on.

Inference rests on one observation: an article is published on or after the latest past date it
mentions, and articles that tell the same story are published close together. So each article's
lower bound is the latest date it mentions outside a future context ("will meet on 20 June" does
not count); a year-less date ("15 May") takes the latest year that the article or its related
articles mention. Related articles are those of the batch sharing enough names. When some of
them declare their publication date, the estimate is their median (never before the article's
own bound); otherwise it is the latest lower bound among the article and its relatives.
Inferred dates are marked as such.
Known limits: related articles are found by shared capitalised names, not real story clustering
(the annotate and cluster stages refine this); a past date mentioned without a year in an
article with no year anywhere near it yields no date at all rather than a guess.
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsprism.model import DateValue

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = (
    r"(?P<{}>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{}>1[89]\d\d|20\d\d)"

_PATTERNS = [
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    re.compile(rf"\b{_DAY.format('d')}\s+(?:of\s+)?{_MONTH.format('m')},?\s+{_YEAR.format('y')}\b"),
    re.compile(rf"\b{_MONTH.format('m')}\s+{_DAY.format('d')},?\s+{_YEAR.format('y')}\b"),
    re.compile(rf"\b{_MONTH.format('m')}\s+(?:of\s+)?{_YEAR.format('y')}\b"),
    re.compile(rf"\b{_DAY.format('d')}\s+(?:of\s+)?{_MONTH.format('m')}\b"),
    re.compile(rf"\b{_MONTH.format('m')}\s+{_DAY.format('d')}\b(?!\d)"),
    re.compile(
        rf"(?<![\d,.$€£-]){_YEAR.format('y')}(?![\d,.]\d|\s*(?:troops|people|soldiers|km|kg|%))"
    ),
]
_FUTURE_CONTEXT = re.compile(
    r"\b(?:will|would|shall|scheduled|planned|plans?|due|next|expected|set\s+to|until|till|"
    r"by|before|ahead\s+of|upcoming|deadline)\b[^.!?]{0,40}$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    future: bool


def find_date_mentions(text: str) -> list[DateMention]:
    """Calendar dates written in the text (not relative ones), longest match first."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            groups = match.groupdict()
            year = int(groups["y"]) if groups.get("y") else None
            month = _month_number(groups.get("m"))
            day = int(groups["d"]) if groups.get("d") else None
            if month is not None and day is not None and not _valid(year or 2000, month, day):
                continue
            if groups.get("m") == "May" and day is None and year is None:
                continue
            taken.append((start, end))
            future = bool(_FUTURE_CONTEXT.search(text[max(0, start - 60) : start]))
            found.append(
                DateMention(start=start, end=end, year=year, month=month, day=day, future=future)
            )
    return sorted(found, key=lambda m: m.start)


def _month_number(name: str | None) -> int | None:
    if not name:
        return None
    if name.isdigit():
        value = int(name)
        return value if 1 <= value <= 12 else None
    return MONTHS.get(name.rstrip(".").lower())


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


_ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_declared_date(value: str | None) -> DateValue | None:
    """A date as metadata gives it (ISO 8601, RFC 2822, "15 May 2025"), or None."""
    if not value or not value.strip():
        return None
    value = value.strip()
    iso = _ISO_PREFIX.match(value)
    if iso:
        year, month, day = iso.groups()
        if day and _valid(int(year), int(month), int(day)):
            return DateValue(value=f"{year}-{month}-{day}", granularity="day", kind="explicit")
        if month and 1 <= int(month) <= 12 and not day:
            return DateValue(value=f"{year}-{month}", granularity="month", kind="explicit")
        if not month and len(value) == 4:
            return DateValue(value=year, granularity="year", kind="explicit")
    try:
        parsed = email.utils.parsedate_to_datetime(value)
        return DateValue(value=parsed.date().isoformat(), granularity="day", kind="explicit")
    except (TypeError, ValueError, IndexError):
        pass
    for mention in find_date_mentions(value):
        if mention.year and mention.month and mention.day:
            day = dt.date(mention.year, mention.month, mention.day)
            return DateValue(value=day.isoformat(), granularity="day", kind="explicit")
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class DatingInput:
    id: str
    text: str
    published: DateValue | None


@dataclass(frozen=True, slots=True, kw_only=True)
class InferredDate:
    value: DateValue
    evidence: tuple[tuple[str, int, int], ...]  # (article id, start, end)


_NAME = re.compile(r"\b[A-Z][\w'’-]{2,}")
RELATED_MIN_SHARED_NAMES = 4
RELATED_MIN_JACCARD = 0.08


def infer_publication_dates(
    items: Sequence[DatingInput], today: dt.date
) -> dict[str, InferredDate]:
    """Inferred dates for the items that have no declared day-level date."""
    mentions = {
        item.id: [m for m in find_date_mentions(item.text) if not m.future] for item in items
    }
    related = _related_articles({item.id: set(_NAME.findall(item.text)) for item in items})
    declared = {
        item.id: dt.date.fromisoformat(item.published.value)
        for item in items
        if item.published is not None and item.published.granularity == "day"
    }

    def years(article: str) -> list[tuple[int, int, int]]:
        return [
            (m.year, m.start, m.end) for m in mentions[article] if m.year and m.year <= today.year
        ]

    def lower_bound(article: str, year: int | None) -> tuple[dt.date, str, tuple[int, int]] | None:
        best: tuple[dt.date, str, tuple[int, int]] | None = None
        for m in mentions[article]:
            if m.month is None:
                continue
            y = m.year or year
            if y is None:
                continue
            day = dt.date(y, m.month, m.day or 1)
            if m.year is None and day > today:
                day = day.replace(year=y - 1) if _valid(y - 1, m.month, m.day or 1) else day
            if day > today:
                continue
            granularity = "day" if m.day else "month"
            if best is None or day > best[0]:
                best = (day, granularity, (m.start, m.end))
        return best

    # The latest year each article and its relatives mention anchors year-less dates.
    anchor_year: dict[str, int | None] = {}
    for item in items:
        pool = [y for y, _, _ in years(item.id)]
        for other in related[item.id]:
            pool += [y for y, _, _ in years(other)]
            if other in declared:
                pool.append(declared[other].year)
        anchor_year[item.id] = max(pool) if pool else None

    bounds = {item.id: lower_bound(item.id, anchor_year[item.id]) for item in items}
    result: dict[str, InferredDate] = {}
    for item in items:
        if item.id in declared:
            continue
        own = bounds[item.id]
        dated_relatives = sorted(declared[other] for other in related[item.id] if other in declared)
        if dated_relatives:
            # Relatives with real publication dates: this article was most likely published
            # when they were (their median), but never before the latest date it mentions.
            median = dated_relatives[(len(dated_relatives) - 1) // 2]
            if own is None or own[1] != "day" or own[0] <= median:
                result[item.id] = InferredDate(
                    value=DateValue(value=median.isoformat(), granularity="day", kind="inferred"),
                    evidence=((item.id, *own[2]),) if own and own[1] == "day" else (),
                )
                continue
        candidates: list[tuple[dt.date, str, str, tuple[int, int]]] = []
        if own:
            candidates.append((own[0], own[1], item.id, own[2]))
        for other in related[item.id]:
            bound = bounds[other]
            if bound is not None and bound[1] == "day":
                candidates.append((bound[0], "day", other, bound[2]))
        day_level = [c for c in candidates if c[1] == "day"]
        if day_level:
            chosen = max(day_level, key=lambda c: c[0])
            evidence = tuple((c[2], *c[3]) for c in day_level if c[0] == chosen[0])
            result[item.id] = InferredDate(
                value=DateValue(value=chosen[0].isoformat(), granularity="day", kind="inferred"),
                evidence=evidence,
            )
        elif candidates:
            chosen = max(candidates, key=lambda c: c[0])
            result[item.id] = InferredDate(
                value=DateValue(
                    value=chosen[0].strftime("%Y-%m"), granularity="month", kind="inferred"
                ),
                evidence=((chosen[2], *chosen[3]),),
            )
        elif anchor_year[item.id] is not None:
            own_years = years(item.id)
            if own_years:
                year, start, end = max(own_years)
                result[item.id] = InferredDate(
                    value=DateValue(value=str(year), granularity="year", kind="inferred"),
                    evidence=((item.id, start, end),),
                )
    return result


def _related_articles(names: dict[str, set[str]]) -> dict[str, list[str]]:
    """For each article, the others sharing enough capitalised names to be the same story.

    An inverted index keeps this near-linear; names found in most articles of a large batch
    ("The", "However") say nothing and are left out.
    """
    index: dict[str, list[str]] = {}
    for article, words in names.items():
        for word in words:
            index.setdefault(word, []).append(article)
    too_common = max(20, len(names) // 5)
    related: dict[str, list[str]] = {}
    for article, words in names.items():
        shared: dict[str, int] = {}
        for word in words:
            holders = index[word]
            if len(holders) > too_common:
                continue
            for other in holders:
                if other != article:
                    shared[other] = shared.get(other, 0) + 1
        related[article] = [
            other
            for other, count in shared.items()
            if count >= RELATED_MIN_SHARED_NAMES
            and count / max(1, len(words | names[other])) >= RELATED_MIN_JACCARD
        ]
    return related
