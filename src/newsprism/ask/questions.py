"""Questions the story's sources can answer: suggestions for the brief and follow-ups.

Input: a `StoryIndex`. Output: questions built from what the index holds — who demanded,
offered, threatened or rejected what (the compare stage's positions), what a quoted speaker
said, when a talked-about event happened (an event noun and its verb side by side in a dated
passage: "the talks opened on Tuesday", not "until the blockade ended"), who mediated and
where, how many of a thing the story keeps counting (the counts outlets disagree on first),
and what happened on the story's busiest days. Each is kept only when answering it over the
index does not refuse, finds the value for a when / how-many / who / where question, and comes
back to the passages it was made from (cites one, or gives the value one holds), so nothing is
offered that the sources cannot answer. The pool is built once with the index; follow-ups are
taken from it by what they share with an answer, leaving out those that would only repeat it,
and are checked again before they are offered.

Known limits: questions come from templates, so they are plain ("How many detainees?"); an
entity's name is used as the story spells it, with "the" before names that need it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsprism.ask.answer import answer_query, cut_off, opens_badly, own_time
from newsprism.ask.index import Passage, StoryIndex
from newsprism.ask.query import parse_question
from newsprism.ask.retrieve import VALUE_KINDS, clause_around, find_value
from newsprism.ask.terms import stem, synonyms, tokens
from newsprism.model import Answer, word_set

if TYPE_CHECKING:
    from newsprism.ask.query import Query
    from newsprism.embedding import Encoder, Vectors

POOL_SIZE = 20
SUGGEST_FLOOR = 0.6  # an answer's confidence below which its question is not suggested
CANDIDATE_LIMIT = 48  # candidates checked when the pool is built
LEAD_SENTENCES = 4  # an article's lead: a headline line and the first three sentences

_POSITION_QUESTIONS = {
    "demand": "What does {name} demand?",
    "offer": "What has {name} offered?",
    "threat": "What has {name} threatened?",
    "rejects": "What has {name} rejected?",
    "condition": "What conditions has {name} set?",
    "commitment": "What has {name} promised?",
}
# event nouns by their stem, and the verbs a when-question may use with each kind
_MEETINGS = {"talk": "talks", "negotiat": "negotiations", "meet": "meeting", "summit": "summit"}
_AGREEMENTS = {
    "ceasefir": "ceasefire",
    "truce": "truce",
    "agree": "agreement",
    "deal": "deal",
    "accord": "accord",
}
_HAPPENINGS = {
    "exchang": "exchange",
    "swap": "swap",
    "blockad": "blockade",
    "war": "war",
    "invasion": "invasion",
    "attack": "attack",
    "visit": "visit",
    "election": "election",
}
_EVENT_NOUNS = {**_MEETINGS, **_AGREEMENTS, **_HAPPENINGS}
_PLURAL = frozenset({"talks", "negotiations"})
# (verb stem in the passage, question, the nouns it fits)
_WHEN_VERBS = (
    ("sign", "When was the {noun} signed?", _AGREEMENTS),
    ("effect", "When did the {noun} take effect?", _AGREEMENTS),
    ("forc", "When did the {noun} come into force?", _AGREEMENTS),
    ("collaps", "When did the {noun} collapse?", {**_AGREEMENTS, **_MEETINGS}),
    ("open", "When did the {noun} open?", _MEETINGS),
    ("hold", "When were the {noun} held?", _MEETINGS),
    ("begin", "When did the {noun} begin?", {**_MEETINGS, **_HAPPENINGS}),
    ("start", "When did the {noun} start?", {**_MEETINGS, **_HAPPENINGS}),
    ("end", "When did the {noun} end?", {**_MEETINGS, **_HAPPENINGS}),
)
# counted nouns that make no question on their own ("How many times?")
_VAGUE_COUNTS = frozenset(
    stem(w)
    for w in word_set(
        "times sides parties governments nations countries things ways years months weeks "
        "days hours minutes points members rounds steps cases issues "
        # units of measure: "How many miles?" asks nothing until it says of what
        "miles kilometres kilometers feet metres meters yards inches acres hectares gallons "
        "litres liters barrels tonnes tons pounds ounces dollars euros characters percent"
    )
)
_THE = re.compile(
    r"^(?:United|European|International|Kingdom|Republic|Democratic|Islamic|People)\b|"
    r"\b(?:of|Union|Nations|Committee|Council|Federation|Authority|Ministry|Navy|navy|Assembly|"
    r"Administration|Alliance|Organisation|Organization|Bank|Fund|Agency|Commission|"
    r"Parliament|Government|Court|Army|Forces|Kremlin|West|Pentagon)\b"
)


def suggest_questions(index: StoryIndex, limit: int = 6) -> list[str]:
    """Up to `limit` questions the story's sources answer, most salient first (the index's
    verified pool; built here, without sentence vectors, when the index has none)."""
    pool = list(index.questions) or candidate_pool(index, None)
    return pool[:limit]


def candidate_pool(index: StoryIndex, encoder: Encoder | None) -> list[str]:
    """The verified questions of the index, most salient first, kinds interleaved."""
    candidates = _candidates(index)[:CANDIDATE_LIMIT]
    vectors = _vectors([c.question for c in candidates], index, encoder)
    kept: dict[str, list[str]] = defaultdict(list)
    for candidate, vector in zip(candidates, vectors, strict=True):
        if candidate.kind == "how_many" and _several_counts(candidate.question, index):
            continue
        if candidate.kind == "who" and _shared_chair(candidate.sources, index):
            continue
        if _answered(candidate.question, index, vector, candidate.sources, candidate.cue):
            kept[candidate.kind].append(candidate.question)
    out: list[str] = []
    while any(kept.values()) and len(out) < POOL_SIZE:
        for kind in list(kept):
            if kept[kind]:
                out.append(kept[kind].pop(0))
    return out[:POOL_SIZE]


def follow_up_questions(
    answer: Answer,
    query: Query,
    index: StoryIndex,
    encoder: Encoder | None,
    limit: int = 5,
) -> list[str]:
    """3–5 questions from the pool that go on from `answer`, each answered by the sources."""
    asked = _normal(query.text)
    cited = {(c.article_id, c.start) for s in answer.sentences for c in s.citations}
    near_entities: set[int] = set(query.entities)
    near_terms: set[str] = set(query.terms)
    for p in index.passages:
        if (p.article_id, p.start) in cited:
            near_entities |= p.entities
            near_terms |= set(p.terms)
    pool = list(index.questions) or candidate_pool(index, None)
    stored = index.question_vectors if index.questions else None
    ranked = []
    for order, question in enumerate(pool):
        if _normal(question) == asked:
            continue
        parsed = parse_question(question, index)
        if (
            parsed.kind == query.kind
            and set(parsed.terms) <= set(query.terms)
            and set(parsed.entities) <= set(query.entities)
        ):
            continue  # "How many detainees?" after "How many detainees will be exchanged?"
        shared = len(set(parsed.entities) & near_entities) + 0.5 * len(
            set(parsed.terms) & near_terms
        )
        if parsed.kind == query.kind and shared == 0:
            shared -= 0.5
        ranked.append((-shared, order, question))
    ranked.sort()
    chosen = ranked[: limit + 4]
    picks = [q for *_, q in chosen]
    if stored is not None and len(stored) == len(pool):
        vectors: list[Vectors | None] = [stored[order] for _, order, _ in chosen]
    else:
        vectors = _vectors(picks, index, encoder)
    out = []
    for question, vector in zip(picks, vectors, strict=True):
        parsed = parse_question(question, index)
        other = answer_query(parsed, index, vector)
        if other.refused or (parsed.kind in VALUE_KINDS and other.value is None):
            continue
        first = answer.sentences[0].citations if answer.sentences else ()
        if other.sentences and other.sentences[0].citations[0] in first:
            continue  # it would only give this answer again
        out.append(question)
        if len(out) == limit:
            break
    return out


def _answered(
    question: str,
    index: StoryIndex,
    vector: Vectors | None,
    sources: frozenset[int] | None = None,
    cue: tuple[str, ...] = (),
) -> bool:
    """Whether the sources answer `question` (with the value asked for, for a value question)
    confidently enough to suggest it (`SUGGEST_FLOOR`); with `sources` (the passages a
    question was made from), also whether the answer comes back to them — cites one of them,
    or gives the value one of them holds — so that a template that misread its passage
    ("begun considering a withdrawal from the negotiation process" read as the negotiations
    beginning) does not survive; with `cue` (the template's own words: "talks" and "open"
    for "When did the talks open?"), whether the answer's first sentence gives its value in a
    clause with the first cue word and one of the others, as the template read it."""
    parsed = parse_question(question, index)
    answer = answer_query(parsed, index, vector)
    if answer.refused or (parsed.kind in VALUE_KINDS and answer.value is None):
        return False
    if answer.confidence is not None and answer.confidence < SUGGEST_FLOOR:
        return False
    if not _one_count(parsed, index, answer):
        return False
    lead = answer.sentences[0].text[len(answer.sentences[0].frame) :] if answer.sentences else ""
    if lead and (opens_badly(lead) or cut_off(lead)):
        # "but Michael was insistent …", "He said …", "I love that,” Mr. Biden said.", a
        # caption run into a dated entry: not an answer a reader can check on its own
        return False
    if sources is None:
        return True
    if cue and not _lead_says(cue, parsed, index, answer):
        return False
    cited = {(c.article_id, c.start, c.end) for s in answer.sentences for c in s.citations}
    for pid in sources:
        p = index.passages[pid]
        home = index.passages[p.sentence]
        value = find_value(parsed, index, p) if answer.value is not None else None
        if (p.article_id, p.start, p.end) in cited or (
            home.article_id,
            home.start,
            home.end,
        ) in cited:
            return True
        if value is not None and value.text == answer.value:
            return True
    return False


# words that set one count against another in the same sentence: the bare "How many X?" then
# has two answers ("six arrests Wednesday, compared to 47 the previous night")
_CONTRAST = re.compile(
    r"\b(?:compared (?:to|with)|up from|down from|from|versus|vs\.?|against|than|while|whereas"
    r"|to)\s+(?:about |some |nearly |almost |around )?$",
    re.IGNORECASE,
)


def _one_count(parsed: Query, index: StoryIndex, answer: Answer) -> bool:
    """Whether a "How many X?" question has one answer in the sentence that answers it: no
    other number there counts X with another value ("61,000 votes … 9,000 votes", "130 miles
    by 70 miles") or is set against it ("six arrests Wednesday, compared to 47 the previous
    night"); a question that needs its own when or where to say which count it asks for is
    not suggested."""
    if parsed.kind != "how_many" or answer.value is None or not answer.sentences:
        return True
    first = answer.sentences[0].citations[0]
    wanted = set(parsed.nouns)
    for noun in parsed.nouns:
        wanted |= synonyms(noun)
    for p in index.passages:
        if p.article_id != first.article_id or not (first.start <= p.start and p.end <= first.end):
            continue
        value = find_value(parsed, index, p)
        if value is None or value.text != answer.value:
            continue
        for n in p.numbers:
            if value.start <= n.start < value.end or f"{n.value:g}" == value.key:
                continue
            before = p.text[max(0, n.start - p.start - 20) : n.start - p.start]
            if wanted & set(n.after[:2]) or _CONTRAST.search(before):
                return False
    return True


def _several_counts(question: str, index: StoryIndex) -> bool:
    """Whether one article counts the noun of a bare "How many X?" with more than one value
    ("12,000 boxes" of one stock, "5,000 boxes" of another): the question does not say which
    count it asks for, so any one answer is a guess at its referent. Values that differ only
    between outlets are left to the answer, which sets a disputed count's sides together."""
    noun = stem(question.rstrip("?").split()[-1])
    values: dict[str, set[float]] = defaultdict(set)
    for p in index.passages:
        if p.kind == "sentence":
            values[p.article_id] |= {n.value for n in p.numbers if n.after[:1] == (noun,)}
    return any(len(found) > 1 for found in values.values())


# "the envoy who co-chaired the talks", "who chaired the talks with the UN envoy": one of
# several mediators, so "Who mediated …?" answered with one name is half an answer
_CO_CHAIR = re.compile(
    r"\bco-?(?:chair|host|mediat|broker|sponsor)\w*|\b(?:chair|host|mediat|broker)\w*\s+"
    r"(?:the\s+)?\w+\s+(?:together\s+)?with\b|\bjointly\b",
    re.IGNORECASE,
)


def _shared_chair(sources: frozenset[int], index: StoryIndex) -> bool:
    """Whether a passage a "Who mediated …?" question was made from says the mediation was
    shared (co-chaired, chaired with someone): the question then has no single answer."""
    return any(_CO_CHAIR.search(index.passages[pid].text) for pid in sources)


def _lead_says(cue: tuple[str, ...], parsed: Query, index: StoryIndex, answer: Answer) -> bool:
    """Whether the answer's first sentence gives its value in a clause with the template's
    words ("signed" next to "ceasefire", not "a ceasefire and a signed agreement" nor a
    ceasefire that "took effect")."""
    if not answer.sentences or answer.value is None:
        return False
    for c in answer.sentences[0].citations:
        for p in index.passages:
            if p.article_id != c.article_id or not (c.start <= p.start and p.end <= c.end):
                continue
            value = find_value(parsed, index, p)
            if (
                value is not None
                and value.text == answer.value
                and _in_clause(cue, p, value.start, value.end)
            ):
                return True
    return False


def _in_clause(cue: tuple[str, ...], p: Passage, start: int, end: int) -> bool:
    """Whether the clause around [start, end) holds `cue[0]` and one of `cue[1:]`."""
    words = {stem(w) for w in tokens(clause_around(p, start, end))}
    return cue[0] in words and (len(cue) == 1 or bool(words & set(cue[1:])))


def _vectors(
    questions: Sequence[str], index: StoryIndex, encoder: Encoder | None
) -> list[Vectors | None]:
    if encoder is None or index.vectors is None or encoder.id != index.encoder_id or not questions:
        return [None] * len(questions)
    block = encoder.encode([" ".join(q.split()) for q in questions])
    return [block[i] for i in range(len(questions))]


def _normal(question: str) -> str:
    return " ".join(tokens(question))


@dataclass(frozen=True, slots=True)
class Candidate:
    question: str
    kind: str  # the template: position, quote, when, who, where, how_many, disagreement, day
    sources: frozenset[int]  # the passages it was made from
    cue: tuple[str, ...] = ()  # stems the answer's value must share a clause with (any of)


def _candidates(index: StoryIndex) -> list[Candidate]:
    """Candidate questions, most salient first: salience is the number of outlets that state
    what the question is about."""
    outlets: dict[tuple[str, str], set[str]] = defaultdict(set)
    sources: dict[tuple[str, str], set[int]] = defaultdict(set)

    cues: dict[tuple[str, str], tuple[str, ...]] = {}
    # the passages that count a noun with a value: ("How many X?", value) -> passage ids
    counts: dict[tuple[str, float], set[int]] = defaultdict(set)

    def add(question: str, kind: str, p: Passage, cue: tuple[str, ...] = ()) -> None:
        outlets[(question, kind)].add(p.outlet)
        sources[(question, kind)].add(p.id)
        if cue:
            cues[(question, kind)] = cue

    for p in index.passages:
        for role in p.roles:
            kind, _, actor = role.partition(":")
            e = index.entities[int(actor)]
            if kind in _POSITION_QUESTIONS and e.kind != "place":
                if _role_stated(p, kind, int(actor)):
                    question = _POSITION_QUESTIONS[kind].format(name=_named(e.name, e.kind))
                    add(question, "position", p)
            elif kind == "quote" and e.kind == "person":
                add(f"What did {e.name} say?", "quote", p)
        words = [stem(w) for w in tokens(p.text)]
        dated = any(d.type == "DATE" and d.value[:1].isdigit() for d in p.dates)
        for noun_stem, noun in _EVENT_NOUNS.items():
            if noun_stem not in words:
                continue
            if dated:
                for verb, template, fits in _WHEN_VERBS:
                    if noun in fits.values() and _near(words, noun_stem, verb, 3):
                        question = template.format(noun=noun)
                        if noun not in _PLURAL:
                            question = question.replace("When were", "When was")
                        add(question, "when", p, (noun_stem, verb))
                        break
            if noun_stem in _MEETINGS:
                # hosting or chairing a meeting is mediating only between parties in talks
                mediation = _MEDIATION if noun in _PLURAL else _MEDIATING
                if p.names and any(_near(words, noun_stem, m, 6) for m in mediation):
                    add(f"Who mediated the {noun}?", "who", p, (noun_stem, *mediation))
                places = [m for m in p.names if index.entities[m.entity].kind == "place"]
                if places and _near(words, noun_stem, "hold", 3):
                    verb = "were" if noun in _PLURAL else "was"
                    add(f"Where {verb} the {noun} held?", "where", p, (noun_stem, "hold"))
        for n in p.numbers:
            counted = _counted_noun(p.text, n.end - p.start)
            if (
                counted
                and n.value >= 3
                and stem(counted) not in _VAGUE_COUNTS
                and index.df.get(stem(counted), 0) >= 3  # a thing the story keeps counting
            ):
                counts[(f"How many {counted}?", n.value)].add(p.id)
        for c in p.conflicts:
            if c.slot == "number":
                noun = c.value.split(" ", 1)[-1] if " " in c.value else ""
                if noun and noun.isalpha() and stem(noun) not in _VAGUE_COUNTS:
                    add(f"How many {_plural(noun)}?", "disagreement", p)
    for (question, value), counting in counts.items():
        if _story_count(question, value, counting, index):
            for pid in counting:
                add(question, "how_many", index.passages[pid])
    for day, _ in [d for d in _busy_days(index) if _story_day(index, d[0])][:2]:
        for p in index.passages:
            if p.kind == "sentence" and any(
                d.value == day and own_time(d, p.published) for d in p.dates
            ):
                add(f"What happened on {_spoken(day)}?", "day", p)
    ordered = sorted(outlets, key=lambda k: (-len(outlets[k]), k[0]))
    out: dict[str, Candidate] = {}
    for question, kind in ordered:
        if question not in out:
            found = frozenset(sources[(question, kind)])
            out[question] = Candidate(question, kind, found, cues.get((question, kind), ()))
    return list(out.values())


def _story_count(question: str, value: float, found: set[int], index: StoryIndex) -> bool:
    """Whether a count is the story's own, so a bare "How many X?" asks for it: in a story of
    several articles, two of them state the same value for X ("three subpoenas" in both
    outlets); in a story of one article, the article's lead states it (its first
    `LEAD_SENTENCES` sentences). A count one article alone gives, or gives deep in its text,
    is a side detail ("filled in 14 inlets", "spoke five languages", "1,200 prisoners were
    killed that day" in a profile): the bare question does not say what happened to the X or
    which X it means, and its one answer reads as the story's total. The second article may
    put a word between ("23 large vessels" with "23 vessels"). Limit: such a count is still
    answered when a user asks for it; only the suggestion is withheld; a count two outlets
    word differently ("about 4,000" and "thousands of") is not seen as shared."""
    articles = {p.article_id for p in index.passages}
    if len(articles) < 2:
        return any(index.passages[pid].order < LEAD_SENTENCES for pid in found)
    noun = stem(question.rstrip("?").split()[-1])
    stating = {
        p.article_id
        for p in index.passages
        if any(n.value == value and noun in n.after[:3] for n in p.numbers)
    }
    return len(stating) >= 2


# how a sentence states each kind of position with its actor: a verb, not a noun ("sapping
# demand for travel", "a final U.S. proposal") and not a refusal to comment
_ROLE_CUES = {
    "demand": r"demand(?:s|ed|ing)?\b(?!\s+for\b)|insist|call(?:s|ed|ing)? for|urg(?:e|es|ed|ing)"
    r"|want(?:s|ed)?\b|requir(?:e|es|ed)|\bmust\b|\bhas to\b|\bhave to\b",
    "offer": r"offer(?:s|ed|ing)?\b|propos(?:e|es|ed|ing)\b|ready to|willing to",
    "threat": r"threat(?:en|ens|ened|ening)?\b",  # a warning ("warned against travel") is not
    "rejects": r"reject|refus|rul(?:e|es|ed) out|dismiss|(?<!to )oppos",
    "condition": r"\bunless\b|\bprovided that\b|on condition|\bonly if\b|precondition",
    "commitment": r"promis|pledg|commit|vow",
}
_NO_COMMENT = re.compile(r"(?:declin|refus)\w* to comment", re.I)


def _role_stated(p: Passage, kind: str, actor: int) -> bool:
    """Whether the passage states the position `kind` in a clause naming its actor `actor`
    (an index into the story's entities), with a verb of that kind."""
    if kind not in _ROLE_CUES or _NO_COMMENT.search(p.text):
        return False
    cue = re.compile(_ROLE_CUES[kind], re.I)
    for m in p.names:
        if m.entity != actor or _modifier(p, m.end):
            continue
        clause = _clause_with_neighbours(p, m.start, m.end)
        # "Gadhafi had called for …": past perfect tells of an old call, not what he wants now
        if any(not _PAST_PERFECT.search(clause[: c.start()]) for c in cue.finditer(clause)):
            return True
    return False


_PAST_PERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+|long\s+|once\s+|earlier\s+)?$", re.I)


_FUNCTION_WORDS = word_set(
    "is was are were has have had will would could should can may might must and or but who "
    "which that said says told also did does not"
)


def _modifier(p: Passage, end: int) -> bool:
    """Whether a name is used as a modifier of the noun after it ("a Chinese virologist", "a
    final U.S. proposal"), so it is not the actor of what the clause says: the next word is
    lower case and neither a function word nor a verb-like "-s" / "-ed" form."""
    m = re.match(r"\s+([a-z][a-z-]*)", p.text[end - p.start :])
    if not m:
        return False
    word = m.group(1)
    return word not in _FUNCTION_WORDS and not word.endswith(("s", "ed"))


def _clause_with_neighbours(p: Passage, start: int, end: int) -> str:
    """The actor's clause and the next one ("Russia, which …, demands …")."""
    here = clause_around(p, start, end)
    after = p.text[end - p.start :]
    return here + " " + " ".join(after.split()[:14])


_MEDIATION = tuple(stem(w) for w in ("mediated", "mediator", "brokered", "chaired", "hosted"))
_MEDIATING = tuple(stem(w) for w in ("mediated", "mediator", "brokered"))


_NOT_SO = word_set("until unless if before once without not no never whether nor n't")
# a plan, not a happening: "was scheduled to meet Wednesday to begin hearing evidence" gives
# the day the meeting was due, so "When did the meeting begin?" would answer with a plan
_PLANNED = frozenset(
    stem(w) for w in ("scheduled", "expected", "planned", "due", "will", "would", "set")
)


def _near(words: Sequence[str], a: str, b: str, gap: int) -> bool:
    """Whether stems `a` and `b` stand within `gap` words of each other, stated as so: not
    after "until", "if", "without", "not" … ("until the blockade ended", "without a signed
    agreement") nor as a plan ("scheduled to meet … to begin", "will open")."""
    at = [i for i, w in enumerate(words) if w == a]
    for j, w in enumerate(words):
        if w != b:
            continue
        for i in at:
            before = set(words[max(0, min(i, j) - 3) : min(i, j)])
            if abs(i - j) <= gap and not (_NOT_SO | _PLANNED) & before:
                return True
    return False


def _named(name: str, kind: str) -> str:
    if name.startswith("The ") or kind == "person":
        return name
    if kind in ("state", "organisation", "group") and (_THE.search(name) or name.isupper()):
        return f"the {name}"
    return name


def _counted_noun(text: str, offset: int) -> str | None:
    """The plural noun right after a number ("46 detainees" -> "detainees")."""
    m = re.match(r"\s+(?:[A-Z][\w-]+\s+)?([a-z]{4,}s)\b", text[offset : offset + 40])
    if not m:
        return None
    word = m.group(1)
    if stem(word) in {"year", "month", "week", "day", "hour", "time", "percent", "minut"}:
        return None
    return word


def _plural(noun: str) -> str:
    if noun.endswith("y") and not noun.endswith(("ay", "ey", "oy")):
        return noun[:-1] + "ies"
    return noun if noun.endswith("s") else noun + "s"


def _busy_days(index: StoryIndex) -> list[tuple[str, set[str]]]:
    """Days named by the most outlets as the time of what a sentence reports (day
    granularity, not the background, not a side mention: `answer.own_time`)."""
    days: dict[str, set[str]] = defaultdict(set)
    for p in index.passages:
        if p.kind != "sentence":
            continue
        for d in p.dates:
            if (
                d.granularity == "day"
                and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.value)
                and own_time(d, p.published)  # a side mention or a plan does not make a day busy
            ):
                days[d.value].add(p.outlet)
    return sorted(days.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def _story_day(index: StoryIndex, day: str) -> bool:
    """Whether a day falls in the story's own time: from a month before its first article
    to a month after its last (not "11 September 2001" in a 2009 flu story)."""
    if not _FULL_DAY.fullmatch(day):
        return False  # "What happened on …?" needs a calendar day
    known = [d for d in index.days if _FULL_DAY.fullmatch(d)]
    if not known:  # undated articles carry a year or nothing (ECB+): no window to check
        return True
    first = dt.date.fromisoformat(known[0]) - dt.timedelta(days=31)
    last = dt.date.fromisoformat(known[-1]) + dt.timedelta(days=31)
    return first <= dt.date.fromisoformat(day) <= last


_FULL_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _spoken(day: str) -> str:
    d = dt.date.fromisoformat(day)
    return f"{d.day} {d:%B} {d.year}"
