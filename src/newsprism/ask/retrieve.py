"""Retrieval: the passages of a story's index that may answer a parsed question, best first.

Input: a `Query` (`query.parse_question`), the `StoryIndex`, optionally the question's vector.
Output: `Scored` passages, each with its fused score and the value it holds (a date, duration,
counted number, name or place, `find_value`). Steps 2 and 3 of `answer.py`'s docstring: BM25
(question terms, entity terms, synonyms at half weight) and cosine candidates, every passage
carrying a date the question names or evidence of the position asked about, then the fusion
of coverage and cosine weighted by entities, dates, roles and values. Known limits: values
come from patterns, not a parser.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from newsprism.ask.index import Passage, StoryIndex, Vectors
from newsprism.ask.query import Query
from newsprism.ask.terms import stem, synonyms
from newsprism.model import word_set

PAST_FORECAST = 0.5  # a question about what happened, a passage about what will
ROLE_BONUS = 0.15  # a passage that is evidence for the position or quote asked about
CANDIDATES = 40  # passages taken from each ranking
SYNONYM_WEIGHT = 0.5
VALUE_KINDS = ("when", "how_long", "how_many", "who", "where")
_BM25_K1, _BM25_B = 1.2, 0.75
_EARLIER = re.compile(r"\b(?:last|previous|previously|earlier|before|prior)\b", re.I)
SINCE_CUE = re.compile(r"\b(?:since|after|before|until|from)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
_ATTRIBUTION = re.compile(r"\baccording to\b", re.I)
_PREPOSITION = re.compile(r"\b(?:in|at|to|from|near|outside|inside)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class Value:
    """The specific thing asked for, as found in one passage."""

    text: str  # what the answer shows ("2025-09-09", "46 detainees", "Lukas Brenner")
    kind: str  # date | duration | number | name | place
    key: str  # what two passages must share to give the same value
    start: int  # where it stands in the article text
    end: int
    low: float = 0.0  # a number's range: "about 4,000" and "thousands" are not exact
    high: float = 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Scored:
    passage: Passage
    score: float
    coverage: float
    cosine: float
    value: Value | None = None
    notes: tuple[str, ...] = field(default=())


def rank_passages(query: Query, index: StoryIndex, vector: Vectors | None) -> list[Scored]:
    """Candidate passages, best first, each with its score and the value it holds."""
    if not index.passages:
        return []
    weights = _term_weights(query, index)
    bm25 = _bm25(weights, index)
    picked: dict[int, None] = {}
    for pid, _ in sorted(bm25.items(), key=lambda kv: -kv[1])[:CANDIDATES]:
        picked[pid] = None
    cosines: Vectors | None = None
    if vector is not None and index.vectors is not None:
        cosines = index.vectors @ vector
        for pid in np.argsort(-cosines)[:CANDIDATES]:
            picked[int(pid)] = None
    for pid in _dated_or_roled(query, index):
        picked[pid] = None
    out = []
    for pid in picked:
        p = index.passages[pid]
        cos = float(cosines[pid]) if cosines is not None else 0.0
        out.append(_score(query, index, p, weights, cos, cosines is not None))
    out.sort(key=lambda s: (-s.score, s.passage.kind != "sentence", s.passage.id))
    return out


def _dated_or_roled(query: Query, index: StoryIndex) -> list[int]:
    """Passages carrying a date the question names, or evidence of the position it asks for."""
    out: dict[int, None] = {}
    for c in query.dates:
        if c.weekday is not None:
            out.update((p.id, None) for p in index.passages if _date_match(query, p))
        elif len(c.value) in (4, 7, 10):
            out.update((pid, None) for pid in index.dated.get(c.value, ()))
        else:
            out.update((p.id, None) for p in index.passages if _date_match(query, p))
    for role in query.roles:
        out.update(
            (pid, None)
            for pid in index.roled.get(role, ())
            if _role_match(query, index.passages[pid])
        )
    return list(out)


def _term_weights(query: Query, index: StoryIndex) -> dict[str, tuple[str, float]]:
    """{passage term: (question term it stands for, weight)}: each question term with its
    IDF, and its synonyms at a reduced weight."""
    n = max(len(index.passages), 1)
    out: dict[str, tuple[str, float]] = {}
    for term in query.all_terms:
        out[term] = (term, _idf(index.df.get(term, 0), n))
    for term in query.terms:
        for other in synonyms(term):
            if other not in out and index.df.get(other):
                out[other] = (term, SYNONYM_WEIGHT * _idf(index.df[other], n))
    return out


def _idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _bm25(weights: dict[str, tuple[str, float]], index: StoryIndex) -> dict[int, float]:
    scores: dict[int, float] = {}
    lengths = index.passages
    for term, (_, w) in weights.items():
        for pid, tf in index.postings.get(term, ()):
            norm = _BM25_K1 * (1 - _BM25_B + _BM25_B * len(lengths[pid].terms) / index.mean_length)
            scores[pid] = scores.get(pid, 0.0) + w * tf * (_BM25_K1 + 1) / (tf + norm)
    return scores


def _score(
    query: Query,
    index: StoryIndex,
    p: Passage,
    weights: dict[str, tuple[str, float]],
    cos: float,
    has_vectors: bool,
) -> Scored:
    present = set(p.terms)
    got: dict[str, float] = {}
    for term, (base, w) in weights.items():
        if term in present:
            got[base] = max(got.get(base, 0.0), w)
    total = sum(weights[t][1] for t in query.all_terms)
    covered = sum(got.values())
    if query.roles:  # the position or quote asked for counts as one more term of the question
        role = total / len(query.all_terms) if query.all_terms else 1.0
        total += role
        if _role_match(query, p) or present & set(query.role_terms):
            covered += role
    coverage = covered / (total or 1.0)
    notes = []
    if has_vectors:
        score = 0.6 * coverage + 0.4 * min(max((cos - 0.15) / 0.55, 0.0), 1.0)
    else:
        score = coverage
    if query.entities:
        presence = _entity_presence(query, index, p)
        score *= 0.5 + 0.5 * presence
        if presence < 1:
            notes.append(f"entities {presence:.2f}")
    if query.dates and query.kind != "happened":
        if _date_match(query, p):
            score += 0.1
        else:
            score *= 0.4
            notes.append("no date")
    if query.roles and _role_match(query, p):
        score += ROLE_BONUS
        notes.append("role")
    value = find_value(query, index, p)
    if query.past and p.forecast and (query.kind not in VALUE_KINDS or value is None):
        score *= PAST_FORECAST  # what will happen does not say what did (unless it dates it)
        notes.append("forecast")
    elif query.future and p.forecast and query.kind in ("when", "yes_no", "what"):
        score += 0.05  # "when will …": a passage about what is to come
    if query.kind in VALUE_KINDS and value is not None:
        # the value asked for stands next to the question's words, not elsewhere in the passage
        near = _distance(value.start, value.end, _anchors(query, p))
        score += (0.05 if value.kind != "duration" else 0.0) + (
            0.03 if near <= 40 else -0.05 if near > 80 else 0.0
        )
    return Scored(
        passage=p, score=score, coverage=coverage, cosine=cos, value=value, notes=tuple(notes)
    )


def _entity_presence(query: Query, index: StoryIndex, p: Passage) -> float:
    """How far the passage is about the question's entities: 1 for each it names, 0.7 for
    one named in the sentences around it, 0.5 for one its article names elsewhere."""
    near: set[int] = set()
    home = index.passages[p.sentence]
    for step in (-2, -1, 1, 2):
        other = index.by_order.get((p.article_id, home.order + step))
        if other is not None:
            near |= index.passages[other].entities
    article = index.article_entities.get(p.article_id, frozenset())
    total = 0.0
    for e in query.entities:
        if e in p.entities:
            total += 1.0
            continue
        kind = index.entities[e].kind
        if any(index.entities[o].kind == kind and kind != "place" for o in p.entities):
            continue  # it names another state, person, … instead: about someone else
        total += 0.7 if e in near else 0.5 if e in article else 0.0
    return total / len(query.entities)


def _date_match(query: Query, p: Passage) -> bool:
    return any(c.matches(d.value) for c in query.dates for d in p.dates if d.value[:1].isdigit())


def _role_match(query: Query, p: Passage) -> bool:
    for role in p.roles:
        kind, _, actor = role.partition(":")
        if kind in query.roles and (not query.entities or int(actor) in query.entities):
            return True
    return False


# --- values ---------------------------------------------------------------------------------


def find_value(query: Query, index: StoryIndex, p: Passage) -> Value | None:
    """The date, duration, number, name or place `query` asks for, as `p` states it."""
    anchors = _anchors(query, p)
    if query.kind == "when":
        return _date_value(query, index, p, anchors) or _duration_value(
            p, anchors
        )  # "within two weeks"
    if query.kind == "how_long":
        return _duration_value(p, anchors)
    if query.kind == "how_many":
        return _number_value(query, p, anchors)
    if query.kind in ("who", "where"):
        return _name_value(query, index, p, anchors)
    return None


def _anchors(query: Query, p: Passage) -> list[int]:
    """Offsets (in the article) of the question's words and names inside the passage."""
    wanted = set(query.terms)
    for t in query.terms:
        wanted |= synonyms(t)
    out = [
        p.start + m.start()
        for m in re.finditer(r"[^\W_]+", p.text)
        if stem(m.group(0).lower()) in wanted
    ]
    out += [m.start for m in p.names if m.entity in query.entities]
    return out


def value_anchors(query: Query, p: Passage) -> list[int]:
    """Offsets of the question's words and names in `p` (what a value should stand near)."""
    return _anchors(query, p)


def value_distance(value: Value, anchors: Sequence[int]) -> int:
    """Characters between a value and the nearest of `anchors` (0 when none)."""
    return _distance(value.start, value.end, anchors)


def _distance(start: int, end: int, anchors: Sequence[int]) -> int:
    if not anchors:
        return 0
    return min(0 if start <= a < end else min(abs(a - start), abs(a - end)) for a in anchors)


def _date_value(
    query: Query, index: StoryIndex, p: Passage, anchors: Sequence[int]
) -> Value | None:
    earlier = bool(_EARLIER.search(query.text))
    interval = earlier or bool(re.search(r"\bsince\b", query.text, re.I))
    dates = [
        d
        for d in p.dates
        if d.type in ("DATE", "TIME")
        and d.value[:1].isdigit()
        and not any(c.matches(d.value) for c in query.dates)
    ]
    if earlier and index.days:
        # "when did they last …": a time before the story's own days
        first = index.days[0]
        dates = [d for d in dates if d.value[:10] < first[: len(d.value[:10])]]
    if p.published and (query.future or query.past):
        # what is still to come is dated after the article; what happened, not after it
        day = p.published
        if query.future:
            dates = [
                d
                for d in dates
                if d.value[:10] > day[: len(d.value[:10])]
                or (len(d.value) < 10 and day.startswith(d.value))
            ]
        else:
            dates = [d for d in dates if d.value[:10] <= day[: len(d.value[:10])]]
    if not dates:
        return None
    # "since March 2022" bounds an interval; it dates the event only when nothing else does
    d = min(
        dates,
        key=lambda d: (
            not interval and bool(SINCE_CUE.search(p.text[: d.start - p.start])),
            _distance(d.start, d.end, anchors),
            d.start,
        ),
    )
    value = d.value.split("T")[0] if "T" in d.value else d.value
    return Value(text=value, kind="date", key=value, start=d.start, end=d.end)


def _duration_value(p: Passage, anchors: Sequence[int]) -> Value | None:
    found = [d for d in p.dates if d.type == "DURATION"]
    if not found:
        return None
    d = min(found, key=lambda d: (_distance(d.start, d.end, anchors), d.start))
    return Value(text=d.text, kind="duration", key=d.value, start=d.start, end=d.end)


def _number_value(query: Query, p: Passage, anchors: Sequence[int]) -> Value | None:
    wanted = set(query.nouns)
    for noun in query.nouns:
        wanted |= synonyms(noun)
    if query.predicate:
        wanted = set()  # "how many people died": "killed 20 in Mexico" counts them too
    fits = []
    for n in p.numbers:
        if query.money and not n.money:
            continue
        if re.match(r"-[a-z]", p.text[n.end - p.start : n.end - p.start + 2]):
            continue  # "a 22-year-old student", "a 48-hour strike": a modifier, not a count
        if wanted and not wanted & set(n.after + n.before):
            continue
        if query.predicate and not _said_of(query.predicate, p, n.start, n.end):
            continue  # "three people … were in isolation" does not count who died
        if not query.negated and negated_at(p, n.start, n.end):
            continue  # "no confirmed cases", "not 40 but …": not a count of what was asked
        fits.append(n)
    if not fits:
        return None
    n = min(fits, key=lambda n: (_distance(n.start, n.end, anchors), n.start))
    end = n.end
    rest = p.text[n.end - p.start :]
    matched = False
    for m in re.finditer(r"[^\W_]+", rest[:60]):  # the number with the words up to its noun
        if stem(m.group(0).lower()) in wanted or (not wanted and m.start() < 2):
            end = n.end + m.end()
            matched = True
            if not wanted:
                break
        elif matched or m.start() > 40:
            break
    if matched or not wanted:
        end += _scope_end(p.text[end - p.start : end - p.start + 40])
    start = _hedged_start(p, n.start)
    text = p.text[start - p.start : end - p.start]
    key = f"{n.value:g}"
    low, high = _number_range(n.text, n.value, n.before)
    return Value(text=text, kind="number", key=key, start=start, end=end, low=low, high=high)


# what a count's noun goes on to say it counts: a second noun joined to it ("10,000 calls and
# emails") or a rate ("40 flights a day"); a value cut before them says less, or other, than
# the source ("10,000 calls" when the office counted calls and emails together)
_JOINED_NOUN = re.compile(r"\s+(?:and|or)\s+(?!(?:this|these|those|his|its|was|has)\b)[a-z]{3,}s\b")
_RATE = re.compile(
    r"\s+(?:a|an|per|each|every)\s+(?:day|night|week|month|year|hour|minute|second)\b"
)


def _scope_end(rest: str) -> int:
    """How many characters of `rest` (the text right after a count's noun) still belong to
    what the count counts: a joined plural noun, then a rate; 0 when neither follows."""
    end = 0
    m = _JOINED_NOUN.match(rest)
    if m:
        end = m.end()
    m = _RATE.match(rest[end:])
    if m:
        end += m.end()
    return end


# words before a number that say how exact it is: a value shown without them says more than
# the source does ("more than 25 rebels" is not "25 rebels")
_HEDGE_BEFORE = re.compile(
    r"(?:\b(?:more|fewer|less|greater|higher|lower)\s+than|\bat\s+(?:least|most)|\bup\s+to"
    r"|\b(?:nearly|almost|about|around|roughly|approximately|some|over|under|just\s+over"
    r"|just\s+under|as\s+many\s+as|as\s+few\s+as|an\s+estimated|estimated|close\s+to"
    r"|upwards\s+of|in\s+excess\s+of|no\s+fewer\s+than|no\s+more\s+than|almost\s+exactly"
    r"|an\s+additional|another|only|just))\s+$",
    re.IGNORECASE,
)


def _hedged_start(p: Passage, start: int) -> int:
    """Where a number's value begins once the words that qualify it are kept: "more than",
    "at least", "nearly", "about", "an estimated" … right before it (article offsets)."""
    before = p.text[max(0, start - p.start - 30) : start - p.start]
    m = _HEDGE_BEFORE.search(before)
    return start - (len(before) - m.start()) if m else start


_VAGUE = {"dozens": (24.0, 200.0), "hundreds": (200.0, 2000.0), "thousands": (2000.0, 1e6)}
_HEDGES = word_set("about around roughly nearly almost some approximately over more least")


def _number_range(text: str, value: float, before: Sequence[str]) -> tuple[float, float]:
    """The values a number stated this way allows: "thousands" anything from two thousand,
    "about 4,000" a quarter either side, "46" itself."""
    word = text.strip().lower()
    if word in _VAGUE:
        return _VAGUE[word]
    if set(before) & {stem(w) for w in _HEDGES}:
        return value * 0.75, value * 1.25
    return value, value


_WHO_ORDER = {"person": 0, "organisation": 1, "group": 2, "state": 3}
_WHERE_ORDER = {"place": 0, "state": 1, "organisation": 2}


def _name_value(
    query: Query, index: StoryIndex, p: Passage, anchors: Sequence[int]
) -> Value | None:
    order = _WHO_ORDER if query.kind == "who" else _WHERE_ORDER
    if query.kind == "who" and re.search(r"\bwhich (?:country|countries)\b", query.text, re.I):
        order = {"state": 0}  # a country asked for: a person or a body is not one
    elif query.kind == "who" and re.search(r"\w['’]s\s+(?!own\b)\w", query.text):
        order = {"person": 0}  # "Who will lead Ukraine's delegation?": a role's holder
    elif query.kind == "who" and re.search(r"\bwhich side\b", query.text, re.I):
        order = {"state": 0, "group": 1, "organisation": 2}
    asked = set(query.entities)
    voices = _attributed_ranges(p) if query.kind == "who" else []
    options = []
    for m in p.names:
        if any(a <= m.start < b for a, b in voices):
            continue  # "according to X, …": X is the voice, not the actor
        e = index.entities[m.entity]
        if m.entity in asked or e.kind not in order:
            continue
        if any(m.entity != other and _same(e.name, index.entities[other].name) for other in asked):
            continue
        if not query.negated and negated_at(p, m.start, m.end):
            continue  # "no confirmed cases in the UK" does not name the UK as having one
        rank = order[e.kind]
        if query.kind == "where":
            before = p.text[max(0, m.start - p.start - 12) : m.start - p.start]
            rank -= 2 if _PREPOSITION.search(before) else 0
        near = _distance(m.start, m.end, anchors)
        # who: the name nearest the question's words, then its kind; where: a place after
        # "in", "at" …, then the nearest
        bucket = near // 25 if query.kind == "who" else 0
        options.append((bucket, rank, near, m.start, m))
    if not options:
        return None
    *_, m = min(options, key=lambda o: o[:4])
    e = index.entities[m.entity]
    kind = "name" if query.kind == "who" else "place"
    return Value(text=e.name, kind=kind, key=e.id, start=m.start, end=m.end)


_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s|\b(?:but|while|whereas|although)\b", re.I)
_NEGATION_CUE = re.compile(
    r"\b(?:no|not|never|none|nobody|neither|nor|without|zero)\b|n['’]t\b", re.I
)
_CLAUSE_WORDS = 12  # how far from a value its clause reaches, in a sentence without commas


def clause_around(p: Passage, start: int, end: int) -> str:
    """The clause of `p` holding the article offsets [start, end): cut at commas, semicolons,
    colons, dashes, brackets and "but"/"while", and at most `_CLAUSE_WORDS` words either side
    (run-on text with no punctuation is common in scraped news)."""
    a, b = start - p.start, end - p.start
    left = p.text[:a]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    lo = breaks[-1].end() if breaks else 0
    found = _CLAUSE_BREAK.search(p.text, b)
    hi = found.start() if found else len(p.text)
    before = re.findall(r"\S+", p.text[lo:a])[-_CLAUSE_WORDS:]
    after = re.findall(r"\S+", p.text[b:hi])[:_CLAUSE_WORDS]
    return " ".join([*before, p.text[a:b], *after])


def negated_at(p: Passage, start: int, end: int) -> bool:
    """Whether the value at [start, end) stands in a negated clause ("there have been no
    confirmed cases in the UK", "the UK has not reported any"): the clause does not state it."""
    return bool(_NEGATION_CUE.search(clause_around(p, start, end)))


def _said_of(predicate: Sequence[str], p: Passage, start: int, end: int) -> bool:
    """Whether the clause around a number holds one of the question's predicate stems (or a
    synonym): "20 people had died" counts the dead, "three people who had returned" does not."""
    wanted = set(predicate)
    for t in predicate:
        wanted |= synonyms(t)
    return any(
        stem(w) in wanted for w in re.findall(r"[^\W_]+", clause_around(p, start, end).lower())
    )


def _attributed_ranges(p: Passage) -> list[tuple[int, int]]:
    """Article offsets of "according to …" phrases: up to the comma that opens the clause."""
    out = []
    for m in _ATTRIBUTION.finditer(p.text):
        rest = p.text[m.end() :]
        stop = re.search(r",\s+(?=[a-z]|the\b|The\b)", rest)
        end = m.end() + (stop.start() if stop else min(len(rest), 60))
        out.append((p.start + m.start(), p.start + end))
    return out


def _same(a: str, b: str) -> bool:
    """One name inside the other ("Red Cross" / "International Committee of the Red Cross")."""
    a, b = a.casefold(), b.casefold()
    return a in b or b in a
