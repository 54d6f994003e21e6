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

How it works, top to bottom (`tagger.find_times`):
1. Every rule (a regular expression plus a check of its context) proposes candidate spans. The
   rules are tables and regexes only, so the tagger needs no model and runs fast. They live by
   family: `dates` (calendar dates and months), `years` (years, decades, centuries), `periods`
   (seasons, quarters, halves), `days` (deictic days, weekdays, holidays, clock times),
   `relative` (periods counted from the anchor or the last date mentioned), `durations`
   (durations and "N units ago"), `references` (sets; PRESENT/PAST/FUTURE_REF). They are built
   from the words and regex pieces of `vocabulary` and read context through `context.Scan`.
2. DATE/TIME entity spans, when given, relax the context checks inside them (a bare "May" or
   "2014" that spaCy calls a DATE is taken); they never add a span no rule proposes.
3. Overlaps are settled longest first, then by rule rank.
4. The kept candidates are normalised in text order (with `calendar`'s arithmetic), so "a year
   earlier" or "the next day" can count from the last date the text mentioned; everything else
   counts from the anchor.

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

from newsprism.annotate.time.records import TimeExpression, TimeGranularity, TimexType
from newsprism.annotate.time.tagger import find_times

__all__ = ["TimeExpression", "TimeGranularity", "TimexType", "find_times"]
