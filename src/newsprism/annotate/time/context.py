"""The text under analysis and what the time rules read around a match.

Input: the text, its anchor date and optional (start, end, label) entity spans.
Output: `Scan`, which the rules ask about context (the words before and after a match, the
sentence, whether an NER DATE/TIME span covers it, the clause's tense) and which normalisation
uses to choose years for year-less dates and to remember the last date the text mentioned.
Known limits: tense comes from nearby words, not a parser; sentences are split at end
punctuation before a capital letter and at line breaks, so "Dr. Smith" ends a sentence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from typing import Literal

from newsprism.annotate.time.calendar import quarter_of, start_day
from newsprism.annotate.time.records import Resolved, TimeGranularity
from newsprism.annotate.time.vocabulary import DAY, MONTH, YEAR, compile_pattern, word_set
from newsprism.model import DateKind

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
_PAST_WORDS = word_set(
    "said ago last met held began begun came went took made told gave left saw found fell rose "
    "won lost sold bought paid got became broke brought built chose drew fought flew grew kept "
    "knew led meant ran sent shot spoke stood struck thought threw wrote spent sank hit "
    "yesterday earlier since has have been"
)
_NOT_PAST_ED = frozenset(
    {"scheduled", "expected", "slated", "proposed", "intended", "need", "feed", "speed", "red"}
)


# How far back a past-tense clause is trusted to point (tuned on the TempEval-3 dev split).
TENSE_REACH_DAYS = 240
# Matched right where a date ends, so it must not ask for a word start (the date's own last
# letter is just behind it); the joining word must be a whole word ("to", not "today").
_COORDINATED_YEAR = compile_pattern(
    rf"\s*(?:(?:and|or|to|through|until|till|into)(?![\w'’])|[-–—])\s*(?:{MONTH}\s*)?"
    rf"(?:{DAY}\s*)?(?:of\s+)?(?:{MONTH}\s*)?,?\s*(?P<y>{YEAR})",
    word_start=False,
)


class Scan:
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
        limit = TENSE_REACH_DAYS if day is not None else TENSE_REACH_DAYS // 30
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

    def add_since_range(self, start: int, resolved: Resolved) -> Resolved:
        """ "since X" covers X up to the anchor."""
        if resolved.type != "DATE" or resolved.granularity in ("ref", "set", "duration"):
            return resolved
        before = self.text[max(0, start - 12) : start].lower()
        if not re.search(r"\bsince\s+$", before):
            return resolved
        return Resolved(
            value=resolved.value,
            granularity=resolved.granularity,
            type=resolved.type,
            kind=resolved.kind,
            mod=resolved.mod,
            range_start=resolved.value,
            range_end=self.anchor.isoformat() if self.anchor else None,
        )

    def remember(self, resolved: Resolved, end: int) -> None:
        if not resolved.chainable:
            return
        day = start_day(resolved.value)
        if day is not None and resolved.type in ("DATE", "TIME"):
            self.reference = (resolved.value, resolved.granularity, day, end)
        if resolved.granularity == "quarter" and day is not None:
            self.last_quarter = (day.year, quarter_of(day))

    def reference_day(
        self, pos: int, *, window: int = 400
    ) -> tuple[dt.date, TimeGranularity] | None:
        """The last date mentioned in the `window` characters before `pos`, else the anchor."""
        if self.reference is not None and pos - self.reference[3] < window:
            return self.reference[2], self.reference[1]
        if self.anchor is not None:
            return self.anchor, "day"
        return None
