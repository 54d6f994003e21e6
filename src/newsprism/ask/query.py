"""A question read for retrieval: what kind of answer it wants, the story entities and dates it
names, its content terms, and what it is about.

Input: the question and the story's index (for entity names and the story's dates). Output: a
`Query`. Kinds: `when`, `how_long`, `who`, `how_many`, `where`, `why`, `yes_no`, `happened`
("What happened on 15 May?"), `what`. Entity names are matched through the story's names and
aliases, demonyms included ("Ostravan" -> Ostrava-Marenne), longest first; a name the story
does not know stays a plain term. Dates: ISO dates ("2025-05-15", "2025-05"), "15 May 2025",
"May 15", "15 May" and "in May" (year-less: the year of the story's articles), "in 2022",
weekdays ("on Tuesday": a day of the story's week). Known limits: English question forms only;
no parser, so a question that buries its wh-word ("The talks were held where?") is a `what`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import weakref
from dataclasses import dataclass

from newsprism.ask.index import StoryIndex, entity_term
from newsprism.ask.terms import STOP_WORDS, stem, tokens
from newsprism.model import word_set

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?\b"),
    re.compile(
        r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<y>\d{4}))?\b",
        re.I,
    ),
    re.compile(r"\b" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?\b", re.I),
    re.compile(r"\b" + _MONTH + r"(?:\s+(?P<y>\d{4}))?\b", re.I),
    re.compile(r"\b(?:in|since|during|of|by)\s+(?P<y>(?:19|20)\d{2})\b", re.I),
    re.compile(r"\b(?P<y>(?:19|20)\d{2})\b"),
)
_WEEKDAY = re.compile(r"\b(?:on\s+)?(?P<w>" + "|".join(_WEEKDAYS) + r")\b", re.I)

QUESTION_FRAME = word_set(
    "who whom whose what when where why how which many much long large big often happen "
    "happened kind sort type"
)
_AUXILIARIES = word_set(
    "did does do is are was were has have had will would can could should shall may might must"
)
_ROLE_WORDS = {
    stem(word): role
    for words, role in (
        (
            "demand demands want wants insist insists require requires seek seeks",
            "demand",
        ),
        ("offer offers offered propose proposes proposed", "offer"),
        ("reject rejects rejected refuse refuses refused", "rejects"),
        ("threaten threatens threatened threat threats warn warns warned", "threat"),
        ("condition conditions precondition preconditions", "condition"),
        ("accept accepts accepted", "accepts"),
        ("support supports supported back backs backed", "supports"),
        ("commit commits committed promise promises promised pledge pledges pledged", "commitment"),
        ("say says said tell tells told describe describes described", "quote"),
    )
    for word in words.split()
}
_PARTICIPLES = word_set(
    "held met begun done sent led made won lost paid struck fought brought kept built hit "
    "set shot spent told sold found"
)
_MONEY = frozenset(
    stem(w) for w in word_set("cost costs euro euros dollar dollars money worth price pay")
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DateConstraint:
    """A date the question names: an ISO prefix ("2025-05-15", "2025-05", "2022"), or a
    weekday (0 = Monday) when only that is given."""

    value: str = ""
    weekday: int | None = None

    def matches(self, value: str) -> bool:
        if self.weekday is not None:
            try:
                return dt.date.fromisoformat(value[:10]).weekday() == self.weekday
            except ValueError:
                return False
        return value.startswith(self.value) or (
            len(value) < len(self.value) and self.value.startswith(value) and len(value) >= 7
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Query:
    text: str
    kind: str
    terms: tuple[str, ...]  # stems of content words (names excluded)
    entities: tuple[int, ...]  # indexes into StoryIndex.entities
    dates: tuple[DateConstraint, ...]
    past: bool  # asks about what happened ("did", "has … taken place")
    future: bool  # asks about what is to come ("when will …", "is … due")
    unknown_names: tuple[str, ...]  # capitalised names the story's articles never use
    roles: tuple[str, ...]  # position kinds or "quote" the question asks for
    role_terms: tuple[str, ...]  # the question's stems that name them ("demand", "tell")
    nouns: tuple[str, ...]  # for how_many: the stems of what is counted
    money: bool  # for how_many: an amount of money is asked for
    predicate: tuple[str, ...] = ()  # for how_many: what happened to what is counted ("died")
    negated: bool = False  # asks about what is not so ("Which countries have no cases?")

    @property
    def all_terms(self) -> tuple[str, ...]:
        return self.terms + tuple(entity_term(e) for e in self.entities)


_PARSED: weakref.WeakKeyDictionary[StoryIndex, dict[str, Query]] = weakref.WeakKeyDictionary()
_NAMES: weakref.WeakKeyDictionary[StoryIndex, list[tuple[re.Pattern[str], int]]] = (
    weakref.WeakKeyDictionary()
)


def parse_question(question: str, index: StoryIndex) -> Query:
    """The question read against the story's names and dates (remembered per index, so the
    pool of follow-up questions is read once)."""
    seen = _PARSED.setdefault(index, {})
    if question not in seen:
        if len(seen) > 512:
            seen.clear()
        seen[question] = _parse(question, index)
    return seen[question]


def _parse(question: str, index: StoryIndex) -> Query:
    text = " ".join(question.split())
    low = text.lower()
    words = tokens(low)
    kind = _kind(low, words)
    blanked, entities = _match_entities(text, index)
    blanked, dates = _match_dates(blanked, index)
    if kind == "what" and dates and re.search(r"\bwhat\s+(?:happened|took place|occurred)\b", low):
        kind = "happened"
    described = [w for w in tokens(blanked) if w not in STOP_WORDS and w not in QUESTION_FRAME]
    if kind == "who" and entities and re.match(r"who (?:is|was|are|were)\b", low) and not described:
        kind = "what"  # "Who is Helena Sorvik?": a description, not another name
    # "which countries …", "in which city …": the kind of answer asked for, not a topic word
    typed = {m.group(1) for m in _TYPE_WORD.finditer(low)} if kind in ("who", "where") else set()
    content = [
        w
        for w in tokens(blanked)
        if w not in STOP_WORDS
        and w not in QUESTION_FRAME
        and w not in _AUXILIARIES
        and w not in typed
        and len(w) > 1
    ]
    terms = tuple(dict.fromkeys(stem(w) for w in content))
    stems = [stem(w) for w in tokens(blanked)]
    role_terms: tuple[str, ...] = ()
    if kind in ("what", "yes_no", "who"):  # "when …", "how many …" ask for a value instead
        role_terms = tuple(dict.fromkeys(t for t in stems if t in _ROLE_WORDS))
    roles = tuple(dict.fromkeys(_ROLE_WORDS[t] for t in role_terms))
    if "red" in words and "line" in words:
        roles = ("condition", "rejects")
        role_terms = (*role_terms, stem("line"))
    if "demand" in roles:
        roles = (*roles, "condition")  # a condition is a demand with an "unless"
    if roles and entities and kind in ("what", "yes_no"):
        # "What does X demand?": the verb names the position asked for; it is not a topic
        terms = tuple(t for t in terms if t not in _ROLE_WORDS or _ROLE_WORDS[t] == "quote")
    nouns: tuple[str, ...] = ()
    money = False
    predicate: tuple[str, ...] = ()
    if kind == "how_many":
        nouns, money = _counted(blanked.lower(), terms)
        predicate = _predicate(blanked, nouns)
    return Query(
        text=text,
        kind=kind,
        terms=terms,
        entities=tuple(entities),
        dates=tuple(dates),
        past=_past(words),
        future=_future(words),
        unknown_names=_unknown_names(blanked, index),
        roles=roles,
        role_terms=role_terms,
        nouns=nouns,
        money=money,
        predicate=predicate,
        negated=bool(re.search(r"\b(?:no|not|never|none|without)\b|n't\b", low)),
    )


def _kind(low: str, words: list[str]) -> str:
    if re.search(
        r"\bhow (?:many|much)\b|\bwhat (?:is|was|are|were) the (?:number|population|"
        r"size|cost|price|toll|amount|total|figure)\b|\bhow (?:large|big)\b",
        low,
    ):
        return "how_many"
    if re.search(r"\bhow long\b(?! ago)", low):
        return "how_long"
    if re.search(
        r"\bwhen\b|\bwhat (?:date|day|time|year|month)\b|\bhow long ago\b|"
        r"\bsince when\b|\bwhich (?:date|day|year|month)\b",
        low,
    ):
        return "when"
    if re.search(
        r"\bwhere\b|\b(?:in|at|to|from) (?:which|what) (?:city|town|country|place|"
        r"venue|location)\b|\b(?:which|what) (?:city|town|place|venue|location)\b",
        low,
    ):
        return "where"
    if re.search(
        r"\bwho(?:m|se)?\b|\bwhich (?:country|countries|organisation|organization|"
        r"leader|official|person|people|side|group)\b",
        low,
    ):
        return "who"
    if re.search(r"\bwhy\b|\bwhat (?:is|was) the reason\b", low):
        return "why"
    if words and words[0] in _AUXILIARIES:
        return "yes_no"
    return "what"


def _past(words: list[str]) -> bool:
    """Asks what happened, not what is planned: "did", "has … taken place", "was … signed"."""
    if any(w in ("did", "had") for w in words):
        return True
    if any(w in ("was", "were") for w in words) and any(
        w.endswith("ed") or w in _PARTICIPLES for w in words
    ):
        return True
    if any(w in ("has", "have") for w in words) and not any(w in ("will", "going") for w in words):
        return any(w.endswith(("ed", "en")) or w in _PARTICIPLES for w in words)
    return False


def _future(words: list[str]) -> bool:
    return any(w in ("will", "shall", "going", "due", "upcoming", "planned") for w in words) or (
        "next" in words
    )


def _unknown_names(blanked: str, index: StoryIndex) -> tuple[str, ...]:
    """Capitalised words past the first that are no name of the story and occur in none of
    its passages ("What did China say?" of a story that never mentions China)."""
    out = []
    for k, m in enumerate(re.finditer(r"[^\W\d_][\w'’-]*", blanked)):
        word = m.group(0)
        if k == 0 or not word[:1].isupper() or word.lower() in QUESTION_FRAME:
            continue
        base = re.sub(r"['’]s$", "", word)
        if stem(base.lower()) not in index.df and base.lower() not in STOP_WORDS:
            out.append(base)
    return tuple(out)


_DETERMINERS = word_set("of the in a an its their his her our this that these those")


def _counted(low: str, terms: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    """What a how-many question counts ("how many prisoners of war" -> prison, war), and
    whether it asks for money ("how much … cost", "in euros")."""
    found = re.search(r"\bhow (?:many|much)\s+(?P<rest>[^?.,]*)", low) or re.search(
        r"\bwhat (?:is|was|are|were) the (?P<rest>(?:number|population|size|cost|price|toll|"
        r"amount|total|figure)[^?.,]*)",
        low,
    )
    nouns: list[str] = []
    rest = tokens(found.group("rest")) if found else []
    if rest and (rest[0] in _AUXILIARIES or _verb(rest[0])):
        rest = []  # "how much has the blockade cost", "how many died": no counted noun
    if found:
        for w in rest:
            if w in _AUXILIARIES or w in _DETERMINERS:
                if nouns:
                    break
                continue
            if w in STOP_WORDS:
                break
            nouns.append(stem(w))
            if len(nouns) == 2:
                break
    unit = re.search(r"\bin (euros?|dollars?|pounds?)\b", low)
    money = (
        bool(unit)
        or any(t in _MONEY for t in terms)
        or bool(re.search(r"\bhow much\b", low) and "cost" in low)
    )
    if unit:
        nouns = [stem(unit.group(1))]
    return tuple(n for n in nouns if n not in ("number", "total", "figur")), money


_TYPE_WORD = re.compile(
    r"\b(?:which|what)\s+(countries|country|cities|city|towns|town|places|place|venue|location)\b"
)
_GENERIC_COUNTS = word_set("people person persons individuals")
_VERBS = word_set("died die killed were are have has had been got fell")


def _verb(word: str) -> bool:
    """Whether a word after "how many" is a verb, not the thing counted ("how many died")."""
    return word in _VERBS or (word.endswith("ed") and len(word) > 4)


def _predicate(blanked: str, nouns: tuple[str, ...]) -> tuple[str, ...]:
    """What a how-many question says happened to what it counts, when what it counts says
    nothing by itself ("how many died", "how many people were killed" -> died / kill): the
    stems of its lower-case content words past "how many" (a capitalised word is a name, a
    place the question locates the count in). Empty when the counted noun is specific ("how
    many detainees will be exchanged": a number of detainees answers it)."""
    if nouns and not set(nouns) <= {stem(w) for w in _GENERIC_COUNTS}:
        return ()
    found = re.search(r"\bhow (?:many|much)\b(?P<rest>.*)", blanked, re.I)
    if not found:
        return ()
    words = re.findall(r"[^\W\d_]+", found.group("rest"))
    return tuple(
        dict.fromkeys(
            stem(w)
            for w in words
            if w.islower()
            and w not in STOP_WORDS
            and w not in _AUXILIARIES
            and stem(w) not in nouns
            and len(w) > 2
        )
    )


_TITLES = (
    r"(?:(?:president|prime minister|minister|foreign minister|defen[cs]e minister|chancellor|"
    r"king|queen|secretary|secretary[- ]general|general|envoy|spokes(?:man|woman|person)|"
    r"leader|opposition leader|mr|mrs|ms|dr)\.?\s+)*"
)


def _match_entities(text: str, index: StoryIndex) -> tuple[str, list[int]]:
    """The question with the story's names blanked out, and the entities they name."""
    found: list[int] = []
    out = text
    for pattern, i in _name_patterns(index):
        if pattern.search(out):
            out = pattern.sub(lambda m: " " * len(m.group(0)), out)
            if i not in found:
                found.append(i)
    return out, found


def _name_patterns(index: StoryIndex) -> list[tuple[re.Pattern[str], int]]:
    """One pattern per name and alias of the story's entities, longest name first; a person's
    name takes the titles before it ("President Marek"), so they are not read as topic words."""
    if index in _NAMES:
        return _NAMES[index]
    names: list[tuple[str, int]] = []
    for i, e in enumerate(index.entities):
        for name in (e.name, *e.aliases):
            if len(name) >= 2:
                names.append((name, i))
    names.sort(key=lambda n: -len(n[0]))
    out = []
    for name, i in names:
        title = _TITLES if index.entities[i].kind == "person" else ""
        body = re.escape(name) + r"(?:['’]s)?(?![\w-])"
        if name.isupper() and len(name) <= 4:  # "US", "EU", "UN": only as capitals
            out.append((re.compile(r"(?<![\w-])" + body), i))
        else:
            out.append((re.compile(r"(?<![\w-])" + title + body, re.I), i))
    _NAMES[index] = out
    return out


def _story_year(index: StoryIndex) -> int:
    days = [d for d in index.days if len(d) >= 4 and d[:4].isdigit()]
    if not days:
        return dt.date.today().year
    return int(days[len(days) // 2][:4])


def _match_dates(text: str, index: StoryIndex) -> tuple[str, list[DateConstraint]]:
    year = _story_year(index)
    found: list[DateConstraint] = []
    out = text
    for pattern in _DATE_PATTERNS:
        for m in list(pattern.finditer(out)):
            groups = m.groupdict()
            month = groups.get("month")
            m_no: int | None = None
            if month:
                m_no = _MONTHS.get(month.lower().rstrip("."))
                if m_no is None or (
                    month.lower() == "may"
                    and not groups.get("d")
                    and not groups.get("y")
                    and not re.search(r"\b(?:in|of|since|during|by)\s+may\b", out, re.I)
                ):
                    continue  # "may" the verb
            elif groups.get("m"):
                m_no = int(groups["m"])
            y = int(groups["y"]) if groups.get("y") else year
            d = int(groups["d"]) if groups.get("d") else None
            try:
                if d is not None and m_no is not None:
                    value = dt.date(y, m_no, d).isoformat()
                elif m_no is not None:
                    value = f"{y:04d}-{m_no:02d}"
                else:
                    value = f"{y:04d}"
            except ValueError:
                continue
            found.append(DateConstraint(value=value))
            out = out[: m.start()] + " " * (m.end() - m.start()) + out[m.end() :]
    for m in _WEEKDAY.finditer(out):
        found.append(DateConstraint(weekday=_WEEKDAYS[m.group("w").lower()]))
        out = out[: m.start()] + " " * (m.end() - m.start()) + out[m.end() :]
    return out, found
