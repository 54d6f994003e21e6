"""Rules for recurring times and for references to the present, past and future.

Covers "daily", "every Monday", "each other week", "now", "currently", "recently", "in the
past", "the future", "soon".
Input: a `Scan` of the text. Output: `Candidate` spans with SET values ("P1D", "XXXX-WXX-1") or
the TIMEX3 references PRESENT_REF, PAST_REF and FUTURE_REF.
Known limits: "daily" as an adjective ("the Daily Mail", "daily life") is skipped by what
follows it, which can miss an adverb before a noun phrase; "soon" in a past clause is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsprism.annotate.time.calendar import duration_value
from newsprism.annotate.time.context import Scan
from newsprism.annotate.time.records import Candidate, const, resolved_date, resolved_set
from newsprism.annotate.time.vocabulary import (
    MONTH,
    MONTHS,
    PARTS_OF_DAY,
    SETS,
    WEEKDAY,
    WEEKDAYS,
    compile_pattern,
    month_number,
)

_SET = compile_pattern(
    r"(?P<adv>hourly|daily|nightly|weekly|monthly|quarterly|annually|yearly)(?![a-z])"
    r"|(?P<q>every|each)\s+(?:(?P<other>other|single)\s+)?"
    rf"(?P<u>day|week|month|year|hour|morning|evening|night|weekend|{WEEKDAY}|{MONTH})(?![a-z])"
)


def rule_sets(scan: Scan) -> Iterator[Candidate]:
    for m in _SET.finditer(scan.text):
        if m["adv"]:
            value = SETS[m["adv"].lower()]
            # Only the adverb ("rallies almost daily", "adjusted quarterly") is a recurring time;
            # the adjective ("its quarterly dividend", "the Daily Mail") describes a thing.
            if m["adv"][0].isupper() and scan.prev_word(m.start()):
                continue  # capitalised mid-sentence: a name
            if re.match(r"\s+[a-z]", scan.text[m.end() : m.end() + 3]):
                continue
        else:
            word = m["u"].lower()
            step = 2 if m["other"] and m["other"].lower() == "other" else 1
            if word in WEEKDAYS:
                value = f"XXXX-WXX-{WEEKDAYS[word] + 1}"
            elif month_number(m["u"]) is not None:
                value = f"XXXX-{month_number(m['u']):02d}"
            elif word in MONTHS:
                continue  # a month's name in lower case is another word: "each may come"
            elif word in PARTS_OF_DAY:
                value = f"XXXX-XX-XXT{PARTS_OF_DAY[word]}"
            elif word == "weekend":
                value = "XXXX-WXX-WE"
            else:
                value = duration_value(step, word)
        yield Candidate(
            m.start(),
            m.end(),
            1,
            const(resolved_set(value)),
        )


_REF = compile_pattern(
    r"(?P<present>right\s+now|now|currently|presently|nowadays|at\s+present|the\s+present"
    r"|these\s+days|current)(?![a-z])"
    r"|(?P<past>recently|lately|the\s+past|in\s+the\s+past)(?![a-z])"
    r"|(?P<future>the\s+near\s+future|the\s+future|as\s+soon\s+as\s+possible|soon|future"
    r"|later\s+on)(?![a-z])"
)
# "now" heads these phrases without being a time of its own ("now that" still is).
_NOT_A_REF_AFTER = re.compile(r"\s*(?:-|–)?\s*(?:defunct|famous|former|infamous|notorious)\b")


def rule_references(scan: Scan) -> Iterator[Candidate]:
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
        yield Candidate(
            start,
            m.end(),
            5,
            const(resolved_date(value, "ref", "relative")),
        )
