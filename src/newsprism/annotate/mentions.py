"""Names in one article: spaCy's entities, checked against the gazetteer and tidied into spans.

What this adds to raw NER, each for a failure seen in real input:
- Spans lose a leading "the" and a trailing possessive ("the Trump Administration’s" ->
  "Trump Administration"); titles are not names ("President Zelensky" -> "Zelensky"), but
  "Pope Francis" keeps its title because that is how he is named.
- Gazetteer forms override the model's label where they cover the same words ("Kyiv" tagged
  PERSON, "Kremlin" tagged ORG), add what it missed, and split compounds of known forms
  ("Russian-Ukrainian" -> Russian, Ukrainian).
- A demonym followed by an actor noun becomes one mention ("Russian side", "Ukrainian
  negotiators"); a demonym inside a person's title ("Russian President Vladimir Putin") is
  the person's role, recorded on the person, not a mention of the state.
- Title descriptions that stand for a person ("the Russian president") become ROLE mentions
  for the story-level resolver to attach to whoever holds that role in the story.
- Capitals and seats of government get a cue from the words around them: "place" after a
  locative ("talks in Moscow", "a visit to Kyiv", "the Kyiv suburbs", a dateline), "actor"
  otherwise ("Moscow will accept", "aid to Kyiv", "Washington’s decision").
- Organisation-like spans inside a heading line ("Introduction & Context") are dropped.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from newsprism.gazetteer import Gazetteer
from newsprism.model import Mention, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW"})
HEADING_DROPPED = frozenset({"ORG", "EVENT", "LAW", "FAC"})

_TITLE_HEAD = (
    r"(?:[Pp]resident|[Pp]rime [Mm]inister|[Mm]inister|[Cc]hancellor|[Kk]ing|[Qq]ueen|"
    r"[Ss]upreme [Ll]eader|[Ll]eader|[Ss]ecretary(?: of [Ss]tate| [Gg]eneral)?|[Aa]dvis[eo]r|"
    r"[Ee]nvoy|[Nn]egotiator|[Ss]pokes(?:person|man|woman)|[Aa]mbassador|[Gg]overnor|"
    r"[Mm]ayor|[Cc]ommander|[Gg]eneral|[Cc]hief)"
)
_TITLE_MOD = (
    r"(?:(?:[Ss]pecial|[Ll]ead|[Cc]hief|[Dd]eputy|[Ff]oreign|[Dd]efen[cs]e|[Ff]inance|"
    r"[Ii]nterior|[Nn]ational [Ss]ecurity|[Ss]ecurity|[Vv]ice|[Ss]enior|[Tt]op|[Ee]conomy)\s+)*"
)
TITLE = _TITLE_MOD + _TITLE_HEAD
_OWNER = r"(?P<owner>[A-Z][\w.]*(?:-[A-Z][\w.]*)?)(?:’s|'s)?"
ROLE_PREFIX = re.compile(
    r"(?:\b(?P<former>former|ex-|then-|outgoing)\s*)?(?:" + _OWNER + r"\s+)?"
    r"(?P<title>" + TITLE + r")\s*,?\s*$"
)
ROLE_DESCRIPTION = re.compile(
    r"\b(?:the|The|its|Its)\s+(?:(?P<former>former)\s+)?" + _OWNER + r"\s+"
    r"(?P<title>" + TITLE.replace("[A-Z]", "[a-z]") + r")\b(?!\s+[A-Z])"
)
LEADING_TITLES = re.compile(
    r"^(?:(?:former|President|Presidents|Prime Minister|Minister|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|"
    r"Senator|Sen\.|Rep\.|General|Gen\.|Chancellor|Premier|Foreign Minister)\s+)+"
)
NAMING_TITLES = re.compile(r"(?:Pope|King|Queen|Prince|Princess|Sheikh|Emir|Ayatollah)\s+$")
ACTOR_NOUNS = frozenset(
    [
        "side",
        "sides",
        "delegation",
        "delegations",
        "negotiators",
        "negotiating",
        "team",
        "officials",
        "government",
        "authorities",
        "leadership",
        "diplomats",
        "forces",
        "troops",
        "army",
        "military",
        "navy",
        "regime",
        "administration",
        "ministry",
        "allies",
        "countries",
        "powers",
        "nations",
        "leaders",
        "partners",
        "people",
    ]
)
LOCATIVES = frozenset(
    [
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "around",
        "across",
        "into",
        "throughout",
        "within",
        "via",
        "through",
        "onto",
        "toward",
        "towards",
    ]
)
MOTION = re.compile(
    r"^(?:visit|trip|travel|flew|fly|flight|return|went|go|came|come|arriv|mov|sent|send|left|"
    r"leav|journey|eject|expel|evacuat|fled|flee|drove|march|head|remov|deport|reach|tour)"
)
PLACE_NOUNS = frozenset(
    [
        "suburbs",
        "outskirts",
        "region",
        "oblast",
        "airport",
        "residents",
        "streets",
        "street",
        "mayor",
        "city",
        "district",
        "metro",
        "skyline",
        "centre",
        "center",
        "area",
        "province",
        "hotel",
        "hotels",
    ]
)
PORT_NOUNS = frozenset({"capital", "port", "harbour", "harbor", "town", "village", "city"})
_WORD = re.compile(r"[\w’'-]+")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")


def normalise_title(title: str) -> str:
    words = title.lower().replace("defense", "defence").replace("adviser", "advisor").split()
    return " ".join(words)


def _trim(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """Leading "the", trailing possessive and punctuation, titles before a person's name."""
    chunk = text[start:end]
    if chunk[:4] in ("the ", "The "):
        start += 4
    while end > start and text[end - 1] in ' ,.;:”"“)(-–—':
        if text[end - 1] == "." and re.search(r"\b[A-Z]\.[A-Z]\.$", text[start:end]):
            break  # "U.S."
        end -= 1
    possessive = _POSSESSIVE.search(text[start:end])
    if possessive:
        end -= len(possessive.group())
    if label == "PERSON":
        titles = LEADING_TITLES.match(text[start:end])
        if titles and titles.end() < end - start:
            start += titles.end()
        naming = NAMING_TITLES.search(text[max(0, start - 12) : start])
        if naming:
            start -= len(naming.group())
    return start, end


def place_cue(text: str, start: int, end: int) -> str:
    """The cue of `find_mentions` for a span found without a parse."""
    if text[end : end + 2] in ("’s", "'s"):
        return "actor"
    return _Context(text).cue(start, end)


class _Context:
    """Word- and line-level views of one text for the context rules."""

    def __init__(self, text: str, tags: dict[int, str] | None = None) -> None:
        self.text = text
        self.words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(self.text)]
        self.word_starts = [w[0] for w in self.words]
        self.tags = tags or {}

    def before(self, pos: int, count: int) -> list[str]:
        i = bisect.bisect_left(self.word_starts, pos)
        return [w[2].lower() for w in self.words[max(0, i - count) : i]]

    def after(self, pos: int) -> tuple[str, str]:
        i = bisect.bisect_left(self.word_starts, pos)
        if i >= len(self.words):
            return "", ""
        start, _, word = self.words[i]
        between = self.text[pos:start]
        if any(c in between for c in ".;:!?\n"):
            return "", ""
        return word, self.tags.get(start, "")

    def line(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end

    def is_heading(self, pos: int) -> bool:
        start, end = self.line(pos)
        line = self.text[start:end].strip()
        words = line.split()
        if not words or len(words) > 14 or line[-1] in '.!?”"':
            return False
        capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
        return capitalised >= 0.7 * len(words)

    def cue(self, start: int, end: int) -> str:
        """'place' where the words around a city name make it a location, else 'actor'."""
        line_start, _ = self.line(start)
        if start == line_start and self.text[start:end].isupper():
            return "place"  # dateline: "KORVAN – ..."
        before = self.before(start, 4)
        if before and before[-1] == "the":
            before = before[:-1]
        previous = before[-1] if before else ""
        if previous in LOCATIVES:
            return "place"
        if previous in ("to", "from") and any(MOTION.match(w) for w in before[-4:-1]):
            return "place"
        if MOTION.match(previous) and previous not in ("left",):
            return "place"
        if previous == "of" and len(before) > 1 and before[-2] in PLACE_NOUNS | PORT_NOUNS:
            return "place"
        word, _ = self.after(end)
        if word.lower() in PLACE_NOUNS:
            return "place"
        return "actor"


def find_mentions(doc: Doc, article_id: str, gazetteer: Gazetteer) -> tuple[Mention, ...]:
    """The name mentions of one parsed article, in text order (see the module docstring)."""
    text = doc.text
    ctx = _Context(text, {tok.idx: tok.tag_ for tok in doc})
    spans = _name_spans(text, _ner_spans(doc, ctx), gazetteer)
    dropped, roles = _person_titles(text, spans)

    mentions: list[Mention] = []
    for (start, end), (label, matched) in sorted(spans.items()):
        if (start, end) in dropped:
            continue
        cue = ctx.cue(start, end) if text[end : end + 2] not in ("’s", "'s") else "actor"
        if label == "DEMONYM":
            word, _ = ctx.after(end)
            if word.lower() in ACTOR_NOUNS and word[:1].islower():
                end = text.index(word, end) + len(word)
        mentions.append(
            Mention(
                span=Span(article_id=article_id, start=start, end=end),
                text=text[start:end],
                label=label,
                cue=cue,
                role=roles.get((start, end)),
                gazetteer=matched,
            )
        )
    mentions = _add_role_descriptions(text, article_id, mentions)
    mentions.sort(key=lambda m: (m.span.start, m.span.end))
    return tuple(mentions)


def _ner_spans(doc: Doc, ctx: _Context) -> list[tuple[int, int, str]]:
    """spaCy's name entities, trimmed; those without a capital letter and organisation-like
    ones on a heading line are left out."""
    text = doc.text
    ner: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        start, end = _trim(text, ent.start_char, ent.end_char, ent.label_)
        if end - start < 2 or not any(c.isupper() for c in text[start:end]):
            continue
        if ent.label_ in HEADING_DROPPED and ctx.is_heading(start):
            continue
        ner.append((start, end, ent.label_))
    return ner


def _name_spans(
    text: str, ner: list[tuple[int, int, str]], gazetteer: Gazetteer
) -> dict[tuple[int, int], tuple[str, str | None]]:
    """(start, end) -> (label, gazetteer form or None): the NER spans and gazetteer forms,
    with the gazetteer winning where the two disagree about the words."""
    hits = gazetteer.finditer(text)
    spans: dict[tuple[int, int], tuple[str, str | None]] = {}
    absorbed: set[int] = set()
    for start, end, label in ner:
        inside = [i for i, h in enumerate(hits) if h[0] < end and h[1] > start]
        contained = [i for i in inside if hits[i][0] >= start and hits[i][1] <= end]
        if len(contained) < len(inside):
            continue  # partial overlap: the gazetteer's words win
        rest = text[start:end]
        for i in contained:
            rest = rest.replace(hits[i][2], "")
        if contained and not re.sub(r"[\s\-–/&,]|\band\b", "", rest):
            continue  # the span is made of known forms ("Kyiv", "Russian-Ukrainian")
        spans[(start, end)] = (label, None)  # a name of its own, perhaps containing a form
        absorbed.update(contained)
    for i, (start, end, form) in enumerate(hits):
        if i not in absorbed:
            spans[(start, end)] = (_gazetteer_label(gazetteer, form), form)
    return spans


def _person_titles(
    text: str, spans: dict[tuple[int, int], tuple[str, str | None]]
) -> tuple[set[tuple[int, int]], dict[tuple[int, int], tuple[str, str]]]:
    """For each person named after a title ("Russian President Vladimir Putin"): the spans
    inside the title, which are dropped (the state stays), and the person's role (owner,
    title), unless the title is a former one or names no owner."""
    dropped: set[tuple[int, int]] = set()
    roles: dict[tuple[int, int], tuple[str, str]] = {}
    for (start, end), (label, _) in sorted(spans.items()):
        if label != "PERSON":
            continue
        sentence_floor = max(text.rfind("\n", 0, start) + 1, start - 90)
        prefix = ROLE_PREFIX.search(text, sentence_floor, start)
        if not prefix:
            continue
        for other in spans:
            if prefix.start() <= other[0] and other[1] <= start and spans[other][0] != "STATE":
                dropped.add(other)
        if prefix.group("former") or not prefix.group("owner"):
            continue
        roles[(start, end)] = (prefix.group("owner"), normalise_title(prefix.group("title")))
    return dropped, roles


def _add_role_descriptions(text: str, article_id: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` plus a ROLE mention for each title description ("the Russian president");
    one that overlaps a demonym mention replaces it, one that overlaps any other is skipped."""
    mentions = list(mentions)
    taken = [(m.span.start, m.span.end) for m in mentions]
    for match in ROLE_DESCRIPTION.finditer(text):
        if match.group("former"):
            continue
        start, end = match.start("owner"), match.end("title")
        if any(s < end and start < e for s, e in taken):
            overlapping = [m for m in mentions if m.span.start < end and start < m.span.end]
            if any(m.label != "DEMONYM" for m in overlapping):
                continue
            mentions = [m for m in mentions if m not in overlapping]
        mentions.append(
            Mention(
                span=Span(article_id=article_id, start=start, end=end),
                text=text[start:end],
                label="ROLE",
                role=(match.group("owner"), normalise_title(match.group("title"))),
            )
        )
    return mentions


def _gazetteer_label(gazetteer: Gazetteer, form: str) -> str:
    readings = gazetteer.lookup(form)
    name, kind = readings[0]
    if kind == "NAME":
        return gazetteer.entries[name].kind.upper()
    return kind
