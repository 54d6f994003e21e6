"""Atomic claims of an article: the clauses that state one thing each, with what the compare
stage needs to line them up across outlets and to find where they conflict.

Input: the text parsed in (offset, doc) pieces, the annotation's name mentions and time
expressions, and the publication day. Output: `FoundClaim`s as character ranges.

- A sentence gives one claim per independent clause: the main clause, each conjoined clause
  with a subject of its own ("X opened talks, and Y walked out"), and each relative clause on a
  name ("Renaud, who flew to Geneva on Thursday, …" -> a claim about Renaud). A speech verb's
  content clause is the claim, attributed to the speaker ("A source said that Moscow had
  insisted …" -> "Moscow had insisted …", attributed to the source).
- `kind`: `question` (ends in "?"), `forecast` (will/shall/going to, expected/likely to,
  could/might/may about what comes next), `opinion` (should/must, evaluative words, first
  person), else `fact`. `hedged` marks reported or softened statements ("reportedly", "may").
- Slots for contradictions: the main verb's lemma and polarity, the subject's name mention,
  numbers with the noun they count ("46 detainees" -> 46, "detainee"), the clause's dates, and
  for "the first … since March 2019" / "for the first time in four years" the months within
  which the previous occurrence falls (`since`).

Known limits: clause splitting follows spaCy's small parser and inherits its errors; kinds
are decided by word lists, so irony and opinion stated as plain fact pass as fact; headings
and page residue without a verb are not claims.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsprism.extract.parse import doc_text, quoted_spans, subtree_range, trim
from newsprism.model import Count, FoundClaim, Number, Range, TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _seq(words: str) -> list[str]:
    return words.split()


SPEECH_VERBS = _set(
    "say tell announce state add claim report confirm insist argue warn write note stress "
    "explain believe think acknowledge admit deny suggest assert declare reiterate allege"
)
FORECAST_GOVERNORS = _set("expect likely set due poised bound plan hope intend")
OPINION_WORDS = _set(
    "unfortunately clearly perhaps arguably sadly surely obviously frankly undoubtedly "
    "logical meaningful empty unwanted noteworthy crucial impossible unlikely optimistic "
    "pessimistic paradox dysfunction symbolic fruitless doomed naive reckless absurd "
    "disastrous shameful welcome regrettable wise foolish important essential vital"
)
HEDGES = _set(
    "reportedly allegedly apparently possibly probably perhaps may might could appear "
    "appears appeared seem seems seemed suggest suggests suggested unconfirmed rumoured "
    "rumored purportedly supposedly believed"
)
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        _seq(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
TENS.update({"eighty": 80, "ninety": 90})
NUMBER_WORDS.update({**TENS, "hundred": 100, "dozen": 12})
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SUBORDINATORS = _set("as when after because while although though whereas before once until")
EVENT_NOUNS = _set("agreement deal talks meeting summit ceasefire truce exchange visit attack")
# what a "first … since" is the first of: meetings of any name count as one thing
MEETING_WORDS = _set(
    "talks talk meeting meetings round rounds negotiations negotiation conference summit "
    "contact contacts encounter session sessions dialogue"
)
_FIRST_WHAT = re.compile(
    r"\bfirst\s+(?:(?:direct|diplomatic|formal|official|face-to-face|high-level|bilateral|"
    r"such|new|major|serious|public|concrete|[a-z]+-[a-z]+)\s+)*([a-z]+)",
    re.I,
)
UNIT_MONTHS = {"year": 12, "month": 1, "decade": 120}

_FIRST_SINCE = re.compile(r"\bfirst\b.{0,120}?\bsince\b", re.I | re.S)
_FIRST_IN = re.compile(
    r"\bfirst\b.{0,120}?\bin\s+(?P<q>nearly|almost|about|around|more than|over|some)?\s*"
    r"(?P<n>\d+|[a-z]+)\s+(?P<u>year|month|decade)s?\b",
    re.I | re.S,
)


def claims_in_text(
    text: str,
    pieces: Sequence[tuple[int, Doc]],
    mentions: Sequence[tuple[int, int, str]] = (),
    times: Sequence[TimeRef] = (),
    published: dt.date | None = None,
) -> list[FoundClaim]:
    """The claims of a text parsed as (offset, doc) pieces, in text order."""
    names = sorted((s, e) for s, e, label in mentions if label not in ("DATE", "TIME"))
    out: list[FoundClaim] = []
    for offset, doc in pieces:
        quoted = [(offset + s, offset + e) for s, e in quoted_spans(doc_text(doc))]
        for sent in doc.sents:
            out += _sentence_claims(text, sent, offset, names, times, published, quoted)
    return out


def _sentence_claims(
    text: str,
    sent: Span,
    offset: int,
    names: Sequence[Range],
    times: Sequence[TimeRef],
    published: dt.date | None,
    quoted: Sequence[Range],
) -> list[FoundClaim]:
    sentence = trim(text, offset + sent.start_char, offset + sent.end_char)
    words = [t for t in sent if t.is_alpha]
    if len(words) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return []  # headings, bylines, page residue
    question = text[sentence[0] : sentence[1]].rstrip().endswith("?")
    heads, content = _clause_heads(sent, offset, names)
    split = [h for h, _, _ in heads[1:]]
    out = []
    for i, (head, subj, said_by) in enumerate(heads):
        skip = [s for s in split if s.i != head.i and _within(s, head)]
        if head.dep_ == "relcl":
            skip = []
        start, end = subtree_range(head, skip)
        if i == 0 and content is None and not skip:  # a whole sentence keeps its edges
            start = min(start, sentence[0] - offset)
            end = max(end, sentence[1] - offset)
        span = _own_line(text, offset + start, offset + end, offset + head.idx)
        span = trim(text, *span, " \t\n,;:—–-.")
        if span[1] - span[0] < 12:
            continue
        clause = text[span[0] : span[1]]
        if sum(1 for _ in re.finditer(r"[A-Za-z]+", clause)) < 4:
            continue
        if any(s <= span[0] and span[1] <= e for s, e in quoted) and said_by is None:
            said_by = _quote_speaker(head, offset, names)
        dates = tuple(t for t in times if span[0] <= t[0] and t[1] <= span[1])
        kind = _kind(head, clause, question, published, dates)
        out.append(
            FoundClaim(
                span=span,
                sentence=sentence,
                kind=kind,
                hedged=_hedged(head, clause) or said_by is not None,
                negated=_negated(head),
                lemma=head.lemma_.lower(),
                subject=_name_of(subj, offset, names) if subj is not None else None,
                attribution=said_by,
                numbers=tuple(_numbers(head, offset, span, times)),
                dates=tuple(t for t in dates if not t[2].startswith("P")),
                counts=tuple(_counts(head, offset, span, times, kind)),
                dated=tuple(_dated(head, offset, dates, kind)),
                since=_since(clause, span[0], times, published),
                acts=tuple(
                    dict.fromkeys(
                        t.lemma_.lower()
                        for t in head.subtree
                        if (t.pos_ == "VERB" or t.lower_ in EVENT_NOUNS)
                        and span[0] <= offset + t.idx < span[1]
                    )
                ),
            )
        )
    return out


def _clause_heads(
    sent: Span, offset: int, names: Sequence[Range]
) -> tuple[list[tuple[Token, Token | None, Range | None]], Token | None]:
    """The heads of the clauses of `sent` that state something, each with its subject and the
    speaker it is attributed to, the main clause first; and the content clause of a speech
    verb ("X said [that ...]"), if the sentence reports speech."""
    heads: list[tuple[Token, Token | None, Range | None]] = []  # clause head, subject, speaker
    root = sent.root
    speaker: Range | None = None
    content = _speech_content(root)
    if content is not None:
        speaker = _name_of(_subject(root), offset, names)
        heads.append((content, _subject(content), speaker))
    else:
        heads.append((root, _subject(root), None))
    for head, _, said_by in list(heads):
        for child in head.children:
            if child.dep_ in ("conj", "parataxis") and child.pos_ in ("VERB", "AUX"):
                subj = _subject(child)
                if subj is not None and subj.i > head.i:
                    heads.append((child, subj, said_by))
    for token in sent:
        # "…, as Putin did not attend": a subordinate clause with its own subject states a
        # fact of its own; so does the clause of "It is noteworthy that …"
        if token.pos_ not in ("VERB", "AUX") or any(token.i == h.i for h, _, _ in heads):
            continue
        marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
        subj = _subject(token)
        if subj is None or subj.pos_ == "PRON":
            continue
        if (
            token.dep_ == "advcl"
            and marks & SUBORDINATORS
            or token.dep_ == "ccomp"
            and any(c.dep_ == "expl" or c.lower_ == "it" for c in token.head.children)
        ):
            heads.append((token, subj, None))
    for token in sent:  # "Renaud, who flew to Geneva …": a claim about Renaud
        if (
            token.dep_ == "relcl"
            and token.head.pos_ == "PROPN"
            and any(c.lower_ == "who" for c in token.children)
        ):
            heads.append((token, token.head, None))
    return heads, content


def _own_line(text: str, start: int, end: int, at: int) -> Range:
    """The part of `start, end` on the line of `at`: a heading run into the next paragraph by
    the parser ("Closing\nCurrently, …") is not part of the claim."""
    line_start = text.rfind("\n", start, at) + 1 or start
    line_end = text.find("\n", at, end)
    return max(start, line_start), end if line_end < 0 else line_end


def _within(token: Token, head: Token) -> bool:
    return any(t.i == head.i for t in token.ancestors)  # spaCy makes a new Token per access


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return child
    return None


def _speech_content(root: Token) -> Token | None:
    """The content clause of a speech verb ("X said that CLAUSE"), when the sentence is one."""
    if root.lemma_.lower() not in SPEECH_VERBS:
        return None
    for child in root.children:
        if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
            return child
    return None


def _quote_speaker(head: Token, offset: int, names: Sequence[Range]) -> Range | None:
    for t in head.sent:
        if t.lemma_.lower() in SPEECH_VERBS and t.pos_ == "VERB":
            return _name_of(_subject(t), offset, names)
    return None


def _name_of(token: Token | None, offset: int, names: Sequence[Range]) -> Range | None:
    """The name mention inside the token's phrase (its head word first)."""
    if token is None:
        return None
    lo = offset + min(t.idx for t in token.subtree)
    hi = offset + max(t.idx + len(t) for t in token.subtree)
    at = offset + token.idx
    inside = [n for n in names if lo <= n[0] and n[1] <= hi]
    for n in inside:
        if n[0] <= at < n[1]:
            return n
    # "Ukraine's defence minister" is not Ukraine, nor "the Istanbul talks" Istanbul; but an
    # apposition names its head ("the UN envoy, Helena Sorvik")
    for child in token.children:
        if child.dep_ == "appos":
            for n in inside:
                if n[0] <= offset + child.idx < n[1]:
                    return n
    if token.pos_ == "PROPN":  # a name the recogniser missed ("Renaud did not travel")
        return at, at + len(token)
    return None


def _kind(
    head: Token, clause: str, question: bool, published: dt.date | None, dates: Sequence[TimeRef]
) -> str:
    if question:
        return "question"
    auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    lowered = {w.lower() for w in re.findall(r"[A-Za-z]+", clause)}
    if auxes & {"should", "must", "ought"} or lowered & OPINION_WORDS:
        return "opinion"
    if any(c.lower_ in ("i", "we", "our") for c in head.children if c.dep_ == "nsubj"):
        return "opinion"
    if auxes & {"will", "shall", "'ll", "wo"} or (
        head.lower_ == "going" or any(c.lower_ == "going" for c in head.children)
    ):
        return "forecast"
    governor = head.head if head.dep_ in ("xcomp", "acomp") else None
    if governor is not None and governor.lemma_.lower() in FORECAST_GOVERNORS:
        return "forecast"
    if any(c.dep_ == "acomp" and c.lemma_.lower() in FORECAST_GOVERNORS for c in head.children):
        return "forecast"
    # "is expected to carry out", "is to be overseen": a plan, not a fact
    xcomps = [c for c in head.children if c.dep_ == "xcomp"]
    planned = head.lemma_.lower() in FORECAST_GOVERNORS or (
        head.lemma_.lower() == "be"
        and any(c.lower_ == "to" for x in xcomps for c in x.children if c.dep_ == "aux")
    )
    if xcomps and planned:
        return "forecast"
    if auxes & {"might", "may", "could"} and "have" not in auxes:
        return "forecast"
    if published and not auxes & {"had", "did"}:
        days = [d for d in dates if d[3] == "day"]
        if days and all(_day(d[2]) and _day(d[2]) > published for d in days):  # type: ignore[operator]
            return "forecast"
    return "fact"


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _hedged(head: Token, clause: str) -> bool:
    lowered = {w.lower() for w in re.findall(r"[A-Za-z]+", clause)}
    return bool(lowered & HEDGES) or "according to" in clause.lower()


def _negated(head: Token) -> bool:
    if any(c.dep_ == "neg" for c in head.children):
        return True
    if any(
        c.lower_ in ("no", "never") and c.dep_ in ("det", "neg", "advmod") for c in head.subtree
    ):
        # "no details have been released", "never happened": a negated claim, unless the
        # negation sits deep inside an object ("a deal with no end date")
        return any(
            c.lower_ in ("no", "never") and (c.head.i == head.i or c.head.head.i == head.i)
            for c in head.subtree
        )
    return False


def _numbers(head: Token, offset: int, span: Range, times: Sequence[TimeRef]) -> list[Number]:
    """Counted quantities of the clause: a number and the noun it counts."""
    out: list[Number] = []
    in_time = [(t[0], t[1]) for t in times]
    for token in head.subtree:
        if token.dep_ != "nummod" and not (token.like_num and token.dep_ in ("dobj", "pobj")):
            continue
        start = offset + token.idx
        if any(s <= start < e for s, e in in_time):
            continue  # a year or a day, not a count
        value = _value(token)
        if value is None:
            continue
        noun = token.head if token.dep_ == "nummod" else token
        if noun.i == token.i:
            continue
        if noun.lower_ in ("-", "day", "days") and noun.head.pos_ == "NOUN":
            unit = f"{noun.lemma_.lower()} {noun.head.lemma_.lower()}"  # "30-day ceasefire"
        else:
            unit = noun.lemma_.lower()
        out.append((value, unit, start, offset + token.idx + len(token)))
    return out


# prepositions that make a count part of another ("20 cases, including eight in New York")
PART_OF = _set("including include includes among excluding besides plus")
# verbs whose xcomp is a plan, not a fact: "agreed to exchange", "plans to release"
PLANNING_VERBS = _set(
    "agree plan expect decide promise vow pledge intend aim hope want seek threaten offer "
    "propose prepare schedule set due likely try refuse"
)
# prepositions whose object says where or of what a count is counted
SCOPE_PREPS = _set("in at across throughout outside inside within from")


def _counts(
    head: Token, offset: int, span: Range, times: Sequence[TimeRef], kind: str
) -> list[Count]:
    """The counts of the clause's events: each with the predicate it is an argument of, that
    predicate's mode, and its unit extended by the place or group it is counted in ("eight
    cases in New York" -> "case in new york"), so that a part ("including eight in New York
    City") is never set against its whole ("20 cases in the country")."""
    out: list[Count] = []
    for value, unit, start, end in _numbers(head, offset, span, times):
        token = next(t for t in head.subtree if offset + t.idx == start)
        predicate = _predicate_of(token)
        if predicate is None:
            continue  # inside "including …" or "among …": a part of another count
        noun = token.head if token.dep_ == "nummod" else token
        scope = _scope(noun) or (_scope(predicate) if noun.head.i == predicate.i else "")
        unit = f"{unit} in {scope}" if scope else unit
        out.append(
            (predicate.lemma_.lower(), _mode(predicate, head, kind), unit, value, start, end)
        )
    return out


def _dated(
    head: Token, offset: int, dates: Sequence[TimeRef], kind: str
) -> list[tuple[str, str, str]]:
    """(predicate lemma, mode, date) for each date of the clause, with the verb it modifies."""
    out: list[tuple[str, str, str]] = []
    for t in dates:
        if t[2].startswith("P"):
            continue
        token = next((x for x in head.subtree if t[0] <= offset + x.idx < t[1]), None)
        predicate = _predicate_of(token) if token is not None else None
        if predicate is not None:
            entry = (predicate.lemma_.lower(), _mode(predicate, head, kind), t[2])
            if entry not in out:
                out.append(entry)
    return out


def _predicate_of(token: Token) -> Token | None:
    """The verb a count or date belongs to: the nearest verb above it ("agreed to exchange
    46 detainees" counts the exchange; "snippets that became public on Friday" dates the
    becoming public, not the clause's release); None inside "including …" or "among …"."""
    t = token
    while True:
        if t.dep_ == "pobj" and t.head.lower_ in PART_OF:
            return None
        if t.i != token.i and t.pos_ in ("VERB", "AUX"):
            return t
        if t.head.i == t.i:
            return None
        t = t.head


def _mode(predicate: Token, head: Token, kind: str) -> str:
    """ "forecast" when the predicate is planned, promised or predicted ("will exchange",
    "agreed to exchange", "may rise"), else the clause's kind for its own head, and "fact"
    for another verb of the clause ("a deal signed on 10 September")."""
    auxes = {c.lower_ for c in predicate.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"will", "shall", "'ll", "wo", "might", "may", "could", "would"}:
        return "forecast"
    if predicate.dep_ == "xcomp" and predicate.head.lemma_.lower() in PLANNING_VERBS:
        return "forecast"
    if predicate.i == head.i:
        return kind
    return "fact"


def _scope(token: Token) -> str:
    """The place or group a noun or verb is scoped to by its prepositions ("in New York")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in SCOPE_PREPS:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                words = [w.lemma_.lower() for w in obj.subtree if w.is_alpha and w.dep_ != "det"]
                return " ".join(words)
    return ""


def _value(token: Token) -> float | None:
    """A number token's value, with a scale word after it ("1.2 billion", "two thousand") and
    the tens before it ("Twenty-five" is 25, not 5)."""
    word = token.lower_.replace(",", "")
    before = token.nbor(-1) if token.i > 0 else None
    if before is not None and before.lower_ == "-" and token.i > 1:
        before = token.nbor(-2)
    if word in NUMBER_WORDS and NUMBER_WORDS[word] < 10 and before is not None:
        tens = TENS.get(before.lower_)
        if tens is not None:
            return float(tens + NUMBER_WORDS[word])
    if word in SCALES:  # "1.2 billion": the scale word carries the number as a compound
        base = next((c for c in token.children if c.like_num and c.i < token.i), None)
        inner = _value(base) if base is not None else 1.0
        return inner * SCALES[word] if inner is not None else None
    value: float | None
    try:
        value = float(word)
    except ValueError:
        value = _number_word(word)
    if value is None:
        return None
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ in SCALES and token.head.i != nxt.i:
        value *= SCALES[nxt.lower_]
    return value


def _number_word(word: str) -> float | None:
    """ "eight" -> 8, "twenty-five" (one token) -> 25; None for other words."""
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    tens, _, unit = word.partition("-")
    if tens in TENS and NUMBER_WORDS.get(unit, 10) < 10:
        return float(TENS[tens] + NUMBER_WORDS[unit])
    return None


def _first_of(clause: str) -> str:
    """What a "first …" claim counts: "talks" for any kind of meeting, else the noun."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", clause)}
    m = _FIRST_WHAT.search(clause)
    noun = m.group(1).lower() if m else ""
    if noun in MEETING_WORDS or (noun == "time" and words & MEETING_WORDS):
        return "talks"
    return "" if noun in ("time", "since", "in") else noun


def _since(
    clause: str, start: int, times: Sequence[TimeRef], published: dt.date | None
) -> tuple[str, str, str] | None:
    """For a "first … since X" or "first … in N years" claim, the months (first, last)
    within which the previous occurrence falls, and what it is the first of."""
    what = _first_of(clause)
    if not what:
        return None
    m = _FIRST_SINCE.search(clause)
    if m:
        after = start + m.end()
        for t in sorted(times):
            if after <= t[0] <= after + 40 and not t[2].startswith("P"):
                covered = month_interval(t[2], t[3])
                return (*covered, what) if covered else None
    m = _FIRST_IN.search(clause)
    if m and published:
        n = m.group("n").lower()
        count = int(n) if n.isdigit() else NUMBER_WORDS.get(n)
        if count is None:
            return None
        months = count * UNIT_MONTHS[m.group("u").lower()]
        q = (m.group("q") or "").lower()
        # how much earlier or later than exactly N units the previous time can lie
        low, high = {
            "nearly": (0.75, 1.0),
            "almost": (0.75, 1.0),
            "more than": (1.0, 1.5),
            "over": (1.0, 1.5),
        }.get(q, (0.75, 1.25))
        first = _months_before(published, round(months * high))
        last = _months_before(published, round(months * low))
        return first, last, what
    return None


def _months_before(day: dt.date, months: int) -> str:
    total = day.year * 12 + day.month - 1 - months
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def month_interval(value: str, granularity: str) -> tuple[str, str] | None:
    """The first and last month a time value covers: `2022` -> (2022-01, 2022-12)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}|SP|SU|FA|WI|Q\d))?(?:-(\d{2}))?", value[:10])
    if not m:
        return None
    year, part = int(m.group(1)), m.group(2)
    if part is None:
        return f"{year:04d}-01", f"{year:04d}-12"
    if part in SEASON_MONTHS:
        a, b = SEASON_MONTHS[part]
        return _ym(year, a), _ym(year, b)
    if part.startswith("Q"):
        q = int(part[1])
        return _ym(year, 3 * q - 2), _ym(year, 3 * q)
    return f"{year:04d}-{part}", f"{year:04d}-{part}"


def _ym(year: int, month: int) -> str:
    year += (month - 1) // 12
    return f"{year:04d}-{(month - 1) % 12 + 1:02d}"
