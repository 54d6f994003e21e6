"""The six sections of the brief, each written from the units and records a `Selection` holds.

Each writer takes the selection (and the core event's day, the latest publication day or the
newest article's lead where it needs one) and gives its `CitedSentence`s, marking what it used
and spending the words its section was given (`Selection.words_left`). Every sentence is a
whole source sentence (`units.Unit.whole`); what goes in front of it (a frame) names only who
speaks: an outlet's label for the outlet's own assessment or forecast, an actor's name before
the actor's own words stating its positions ("On <actor>, <outlet> writes: " before the
outlet's narration of them). Which positions, quotes, contradictions,
timeline entries and corroborations may be used at all is decided in `trust.py`. See
`brief.py` for what each section chooses and in which order they choose.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from newsprism.compose.narration import commented, hearsay, own_narration, quoted_or_commented
from newsprism.compose.prose import refers_back, unresolved_in_quote
from newsprism.compose.selection import Selection, round_robin
from newsprism.compose.timeline import date_range
from newsprism.compose.trust import (
    trusted_contradiction,
    trusted_corroboration,
    trusted_position,
    trusted_quote,
    trusted_timeline_entry,
)
from newsprism.compose.units import Unit
from newsprism.model import CitedSentence, Claim, Entity, Position, word_set

LEAD_SENTENCES = 3
CONTEXT_SIZE = 5
# a sentence with a quotation reports the event in the outlet's words while the quoted words
# are at most this share of it; above it, it is a voice's (the Voices section's)
NARRATED_QUOTE = 0.4
LEAD_WEIGHT = 0.06  # news puts the core event first: each later sentence scores this less
SAME_FACT = 0.72  # cosine at which two outlets' sentences state the same fact: one is written
SAME_WORDS = 0.55  # … when they also share this much of their content words
DONE = 0.62  # cosine at which a fact of another article reports what a forecast foresaw
ACTORS = 6
PER_ACTOR = 2
DISAGREEMENTS = 2
VOICES = 4
ACTOR_KINDS = frozenset({"person", "state", "organisation", "group"})
DEMANDS = ("demand", "condition")
OFFERS = ("offer", "accepts", "commitment", "supports")
RED_LINES = ("rejects", "threat")
KIND_ORDER = {k: i for i, k in enumerate((*DEMANDS, *RED_LINES, *OFFERS))}
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
# a sentence that reports someone else's view is not the outlet's own assessment
_REPORTED = re.compile(r"^(?:according to|as \w+ (?:said|says|put it)|critics|observers)\b", re.I)
# what two outlets disagree on, by the slot the compare stage found them to differ in
POINTS = {
    "date": "when it happened",
    "elapsed": "how long it had been since the last such event",
    "number": "the figures",
    "actor": "who did it",
    "negation": "whether it happened",
}


# --- Introduction & Context -------------------------------------------------------------------


def context(sel: Selection, core: str | None, newest: set[str]) -> list[CitedSentence]:
    """The newest article's statement of where things stand first, then the other outlets'
    leads that add a fact of their own; one fact once, citing every outlet that states it."""

    def score(u: Unit) -> float:
        return (
            u.centrality
            + (0.15 if core and core in u.dates else 0.0)
            + 0.05 * min(len(u.entities), 3)
            - (0.25 if u.kinds & {"forecast", "opinion"} else 0.0)
            - (0.1 if u.hedged else 0.0)
            - (0.05 if u.attributed else 0.0)
            - LEAD_WEIGHT * u.rank
            + 0.2 * sel.support(u)
        )

    pool = [
        u
        for u in sel.units
        if (u.whole or u.long_lead)
        and (u.rank < LEAD_SENTENCES or (core and core in u.dates))
        and (not u.quoted or _narrated_quote(sel, u))
        and "question" not in u.kinds
    ]
    # a side of a contradiction is the disagreement's to say
    conflicting = _conflicting_spans(sel)
    pool = [u for u in pool if (u.article, u.start) not in conflicting]
    size = min(CONTEXT_SIZE, max(3, len({u.source for u in sel.units})))
    out: list[CitedSentence] = []
    lead = max((u for u in pool if u.article in newest), key=score, default=None)
    ranked = round_robin(sorted(pool, key=lambda u: -score(u)), key=lambda u: u.source)
    for u in ([lead] if lead else []) + ranked:
        if len(out) >= size:
            break
        if sel.near_chosen(u.row):
            continue
        s = _fact(sel, _clearest(sel, u, pool), pool)
        if s:
            out.append(s)
    return out


def _clearest(sel: Selection, unit: Unit, pool: Sequence[Unit]) -> Unit:
    """Of the outlets' sentences that state the unit's fact, the one whose words the other
    outlets most share (the wording they agree on), the unit itself on a tie."""
    same = [
        u
        for u in pool
        if u.source != unit.source
        and not sel.overlaps_used(u.span())
        and sel.similarity(u, unit) >= SAME_FACT
        and sel.overlap(u, unit) >= SAME_WORDS
    ]
    return max([unit, *same], key=sel.support)


def _narrated_quote(sel: Selection, u: Unit) -> bool:
    """Whether a sentence holding a direct quotation is still the outlet's report of the event:
    the quoted words are a small part of it (a lead's "threatened to deploy the military
    unless states 'put down' violent demonstrations"), and no "he" or "they" stands before
    anyone is named (a quotation whose speaker only the sentence before names)."""
    return u.quoted_share <= NARRATED_QUOTE and not _unnamed_third_person(sel, u)


def _fact(sel: Selection, unit: Unit, pool: Sequence[Unit]) -> CitedSentence | None:
    """The unit as a sentence citing also each other outlet's sentence that states the same
    fact (and marking those used, so the fact is not said again in their words)."""
    if sel.overlaps_used(unit.span()) or not sel.fits(unit.text):
        return None
    conflicting = _conflicting_spans(sel)  # kept for the disagreement that names them
    same = [
        u
        for u in pool
        if u.source != unit.source
        and not sel.overlaps_used(u.span())
        and (u.article, u.start) not in conflicting
        and sel.similarity(u, unit) >= SAME_FACT
        and sel.overlap(u, unit) >= SAME_WORDS
    ]
    claim_of = {(u.article, u.start): c for u, c in reversed(_grouped(sel, unit))}
    grouped = [u for u, _ in _grouped(sel, unit) if u not in same]
    backing = [
        u
        for u in [*same, *grouped]
        if not sel.overlaps_used(u.span())
        and _agree(sel, u, unit)
        and trusted_corroboration(
            claim_of.get((u.article, u.start)),
            unit,
            u,
            sel.similarity(u, unit),
            sel.overlap(u, unit),
        )
    ]
    spans = [unit.span(), *(u.span() for u in _one_per_outlet(backing))]
    s = sel.sentence(spans, unit.sentence_text(), kind="fact")
    if s is None:
        return None
    sel.take(unit)
    for u in same + backing:  # said once: the other outlets' words of it are not said again
        sel.used.append(u.span())
        sel.chosen_rows.append(u.row)
    sel.spend(s)
    return s


def _agree(sel: Selection, a: Unit, b: Unit) -> bool:
    """Whether the compare stage found no conflict between the two sentences' claims."""
    conflicting = _conflicting_spans(sel)
    return not ((a.article, a.start) in conflicting and (b.article, b.start) in conflicting)


def _conflicting_spans(sel: Selection) -> set[tuple[str, int]]:
    """(article, unit start) of every unit holding a side of a contradiction: the clearest
    statement of each contradicted claim group (its first evidence), which a disagreement
    would quote."""
    out: set[tuple[str, int]] = set()
    for c in sel.story.claims:
        if c.conflicts and (u := sel.unit_at(c.evidence[0])) is not None:
            out.add((u.article, u.start))
    return out


def _grouped(sel: Selection, unit: Unit) -> list[tuple[Unit, Claim]]:
    """The other outlets' sentences the compare stage put in a claim group with this one."""
    out: list[tuple[Unit, Claim]] = []
    for c in sel.story.claims:
        if any(
            s.article_id == unit.article and unit.start <= s.start < unit.end for s in c.evidence
        ):
            for s in c.evidence:
                u = sel.unit_at(s)
                if u is not None and u.source != unit.source:
                    out.append((u, c))
    return out


def _one_per_outlet(units: Sequence[Unit]) -> list[Unit]:
    seen: set[str] = set()
    out = []
    for u in units:
        if u.source not in seen:
            seen.add(u.source)
            out.append(u)
    return out


# --- Background & History ---------------------------------------------------------------------


def background(sel: Selection, core: str | None) -> list[CitedSentence]:
    """Dated events before the core event's week, as the whole sentences that date them, the
    most-reported first within the budget, then written in date order."""
    if core:
        cutoff = date_range(core, "day")[0].toordinal() - 7
        entries = [
            e for e in sel.timeline if date_range(e.date, e.granularity)[1].toordinal() < cutoff
        ]
    else:
        entries = [e for e in sel.timeline if e.background]
    chosen: list[tuple[tuple[object, ...], CitedSentence]] = []
    for e in sorted(entries, key=lambda e: (-len(e.sources), e.date)):
        for span in e.evidence:
            unit = sel.unit_at(span)
            text = sel.articles[span.article_id].text
            if unit is None or not trusted_timeline_entry(e, unit, text):
                continue
            if sel.unconfirmed_year(unit):  # "in 2023–2024", and no other outlet says so
                continue
            if sel.overlaps_used(unit.span()) or sel.near_chosen(unit.row):
                continue
            if not sel.fits(unit.text):
                continue
            s = sel.sentence([unit.span()], unit.sentence_text(), kind="date")
            if s:
                sel.take(unit)
                sel.spend(s)
                chosen.append(((date_range(e.date, e.granularity)[0], e.granularity), s))
                break
    chosen.sort(key=lambda p: p[0])
    return [s for _, s in chosen]


# --- Key Stakeholders & Perspectives ----------------------------------------------------------


def stakeholders(sel: Selection) -> list[CitedSentence]:
    """One line per actor (at most `ACTORS`, the most central first): the sentences in which
    the actor states what it wants, offers or refuses, each led by the actor's name."""
    entity = {e.id: e for e in sel.story.entities}
    usable: dict[str, list[tuple[Position, Unit]]] = defaultdict(list)
    for p in sel.story.positions:
        if p.actor not in entity or entity[p.actor].kind not in ACTOR_KINDS:
            continue
        if _capital_by_place(sel, entity[p.actor]):
            continue  # "Revolutions which deposed …": a common noun opening a sentence
        for span in p.evidence:
            unit = sel.unit_at(span)
            if trusted_position(p, unit) and unit is not None and not sel.unconfirmed_year(unit):
                usable[p.actor].append((p, unit))
                break

    def weight(actor: str) -> tuple[int, int]:
        outlets = {sel.outlet(m.article_id) for m in entity[actor].mentions}
        return (-len(outlets), -len(entity[actor].mentions))

    out: list[CitedSentence] = []
    actors = 0
    conflicting = _conflicting_spans(sel)  # a side of a disagreement is the analysis' to say
    for actor in sorted(usable, key=weight):
        if actors >= ACTORS:
            break
        lines: list[CitedSentence] = []
        taken: list[Unit] = []
        columns: set[str] = set()
        ranked = sorted(
            usable[actor],
            key=lambda pu: (KIND_ORDER.get(pu[0].kind, 9), -sel.support(pu[1]), pu[1].rank),
        )
        for p, unit in ranked:
            column = _column(p.kind)
            if len(lines) >= PER_ACTOR or column in columns:
                continue
            if sel.overlaps_used(unit.span()) or sel.near_chosen(unit.row, SAME_FACT):
                continue
            if any(sel.overlap(unit, t) >= SAME_WORDS for t in taken):  # the same stance again
                continue
            if (unit.article, unit.start) in conflicting:
                continue
            if not _speaks_for_itself(sel, unit, entity[actor]):
                continue
            if _quote_points_back(sel, unit):
                continue
            frame = _stakeholder_frame(sel, unit, entity[actor])
            if frame is None or not sel.fits(f"{frame}{unit.text}"):
                continue
            s = sel.sentence([unit.span()], unit.sentence_text(), frame=frame, kind="attributed")
            if s:
                sel.take(unit)
                sel.spend(s)
                lines.append(s)
                taken.append(unit)
                columns.add(column)
        if lines:
            actors += 1
            out += lines
    return out


def _stakeholder_frame(sel: Selection, unit: Unit, actor: Entity) -> str | None:
    """What stands before a stakeholder sentence: the actor's bare name ("Russia: ") only
    where the sentence is the actor's own words (the quote finder's speaker, or a speech verb
    right after the actor's name: "Russia said …"); before the outlet's narration about the
    actor ("Initially, Russia demanded …") the actor as topic and the outlet as who speaks
    ("On Russia, Source A writes: "), since a bare name there reads as the speaker; None
    (left out) for anything else, such as reported speech of someone else."""
    text = sel.articles[unit.article].text
    # the sentence is the actor's words when its first naming of the actor is the subject of
    # a speech verb, or when the quote finder's speaker is the actor and the sentence is a
    # report of their words (no quotation) or mostly their quotation; a narration about the
    # actor that quotes a phrase of theirs ("Trump had offered to travel …, reflecting his
    # determination to end a war “that should never have happened,” as he wrote …") is the
    # outlet's, and a bare name before it would make the whole of it the actor's
    first = min(
        (m for m in actor.mentions if m.article_id == unit.article and unit.start <= m.start),
        key=lambda m: m.start,
        default=None,
    )
    own = first is not None and first.end <= unit.end and _OWN_WORDS.match(text, first.end)
    quote = _MARKED_QUOTE.search(unit.text)
    quoted = sum(len(q) for q in _MARKED_QUOTE.findall(unit.text)) / max(len(unit.text), 1)
    reported = (
        quote is None  # a report of the actor's words
        or max(quoted, unit.quoted_share) > NARRATED_QUOTE  # mostly the actor's quotation
        or bool(_SPEECH_VERB.search(unit.text, 0, quote.start()))  # "X said … “refocus”"
    )
    if own or (unit.speaker == actor.id and reported):
        return f"{actor.name}: "
    if own_narration(text, unit.start, unit.end) and not hearsay(unit.text):
        return f"On {actor.name}, {sel.label(unit.article)} writes: "
    return None


_MARKED_QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"")
# a speech verb before the first quotation: the sentence reports what the speaker said and
# quotes a word of it ("DeMint … said Steele needs to “refocus”"), unlike "…, “that should
# never have happened,” as he wrote", where only the quoted phrase is the speaker's
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|told|tells|stated|states|announced|declared|insisted|insists|warned|"
    r"warns|added|adds|wrote|writes|argued|argues|called for|urged|urges|vowed|pledged)\b"
)
# a speech verb right after the actor's name, perhaps after an auxiliary or adverb: the
# sentence reports the actor's own words ("Russia said", "Brussels has warned", "Kyiv insists")
_OWN_WORDS = re.compile(
    r"['’]?\s+(?:(?:has|have|had|also|again|publicly|repeatedly|on \w+)\s+){0,2}"
    r"(?:said|says|told|tells|stated|states|announced|announces|declared|declares|insisted|"
    r"insists|warned|warns|added|adds|wrote|writes|tweeted|repeated|repeats|argued|argues|"
    r"maintained|maintains|stressed|stresses|reiterated|reiterates|replied|vowed|vows|"
    r"pledged|pledges|threatened|threatens)\b"
)


def _capital_by_place(sel: Selection, actor: Entity) -> bool:
    """Whether a one-word name is capitalised only because it opens its sentences (every
    mention does) and is a common noun: written in lower case elsewhere in the story's
    articles ("revolution"), or taking a relative clause with no comma as a name does not
    ("Revolutions which deposed …"). Such a word is no actor."""
    name = actor.name.strip()
    if " " in name or not actor.mentions:
        return False
    relative = False
    for m in actor.mentions:
        article = sel.articles.get(m.article_id)
        if article is None:
            return False
        before = article.text[: m.start].rstrip(" \t\"“‘'")
        if before and before[-1] not in ".!?\n":
            return False
        relative = relative or bool(_RELATIVE.match(article.text, m.end))
    lower = re.compile(rf"\b{re.escape(name.casefold().rstrip('s'))}s?\b")
    return relative or any(lower.search(a.text) for a in sel.articles.values())


_RELATIVE = re.compile(r"\s+(?:which|that|who)\b")


def _speaks_for_itself(sel: Selection, unit: Unit, actor: Entity) -> bool:
    """Whether "<actor>: " before the sentence names who speaks in it: the actor's first
    mention in it is the head of its subject (not "a spokesman for Russia", "House
    Republicans", "Obama's aides"), nothing in it refers back to an earlier sentence ("that
    lawsuit"), and a quotation or a reader's comment in it is the actor's own."""
    text = sel.articles[unit.article].text
    if refers_back(unit.text):
        return False
    if quoted_or_commented(text, unit.start, unit.end) and unit.speaker != actor.id:
        return False
    first = min(
        (m for m in actor.mentions if m.article_id == unit.article and unit.start <= m.start),
        key=lambda m: m.start,
        default=None,
    )
    if first is None or first.end > unit.end:
        return False
    before = text[unit.start : first.start].rsplit(",", 1)[-1].split()
    if any(w.casefold() not in _TITLE_WORDS and not w[:1].isupper() for w in before):
        return False  # "a spokesman for Russia", "allies of Mr. Obama"
    if before and before[-1].casefold() in _HEAD_WORDS:
        return False  # "A Russian source", "The Ukrainian delegation" name someone else
    after = text[first.end : first.end + 40]
    return not _NOT_HEAD.match(after)


# words that may stand before a name at the head of a subject ("the former President X")
_TITLE_WORDS = word_set("the former then acting new outgoing incoming late u.s. mr. mrs. ms. dr.")
_HEAD_WORDS = word_set("a an")
# what after a name makes it a modifier of another head ("House Republicans", "Obama's aides",
# "Moscow-based analysts", "Kremlin officials")
_NOT_HEAD = re.compile(
    r"^(?:['’]s?\b|-\w|\s+(?:[A-Z][a-z]|officials?\b|aides?\b|spokes\w+|sources?\b|"
    r"allies\b|forces\b|lawyers?\b|administration\b|supporters\b|critics\b|leaders?\b|"
    r"officers?\b|staff\b|troops\b|representatives?\b|negotiators?\b|delegation\b))"
)


def _column(kind: str) -> str:
    return "demands" if kind in DEMANDS else "offers" if kind in OFFERS else "red_lines"


# --- Analysis & Implications ------------------------------------------------------------------


def analysis(sel: Selection) -> list[CitedSentence]:
    """The disagreements between outlets (each said as one, naming the point at issue), then
    the outlets' own assessments, each led by the outlet's label."""
    out = _disagreements(sel)
    pool = [
        u
        for u in sel.units
        if u.whole
        and "opinion" in u.kinds
        and not (u.attributed or u.quoted or u.speaker or _REPORTED.match(u.text))
        and not u.kinds & {"question"}
        and _outlets_own(sel, u)
        and not refers_back(u.text)
        and not _unnamed_third_person(sel, u)
    ]
    for u in sel.pick(pool, lambda u: u.centrality, len(pool), frame_words=3):
        label = sel.label(u.article)
        s = sel.sentence(
            [u.span()], u.sentence_text(), frame=f"{label} writes: ", kind="attributed"
        )
        if s:
            sel.spend(s)
            out.append(s)
    # then named speakers' assessments: the sentence names who speaks, so no frame is put
    # before it (a frame could only repeat the name, or name the wrong one)
    said = [u for u in sel.units if "opinion" in u.kinds and _names_its_speaker(sel, u)]
    for u in sel.pick(said, lambda u: u.centrality + 0.2 * sel.support(u), len(said)):
        s = sel.sentence([u.span()], u.sentence_text(), kind="attributed")
        if s:
            sel.spend(s)
            out.append(s)
    return out


def _names_its_speaker(sel: Selection, u: Unit) -> bool:
    """Whether the sentence is a named speaker's words that it attributes itself ("X said the
    bill would fail"): whole, the speaker the quote finder found for it named in it, nothing
    referring back, no hearsay, and not a reader's comment."""
    return (
        u.whole
        and u.speaker is not None
        and u.speaker in u.entities
        and not u.kinds & {"question"}
        and not refers_back(u.text)
        and not hearsay(u.text)
        and not commented(sel.articles[u.article].text, u.start, u.end)
        and _named_at(sel, u) < u.end
        and not _PRONOUN.search(sel.articles[u.article].text, u.start, _named_at(sel, u))
        and not _quote_points_back(sel, u)
    )


def _quote_points_back(sel: Selection, u: Unit) -> bool:
    """Whether a quotation in the sentence says "it", "he" or "they" of something the
    sentence does not name before it (“I still can't even believe it,” Ms. X said): the
    speaker answered the sentence before, which the brief does not show
    (`prose.unresolved_in_quote`; the names it may mean are the actors other than the
    speaker)."""
    named = [
        m.start - u.start
        for e in sel.story.entities
        if e.kind in ACTOR_KINDS and e.id != u.speaker
        for m in e.mentions
        if m.article_id == u.article and u.start <= m.start < u.end
    ]
    return unresolved_in_quote(sel.articles[u.article].text[u.start : u.end], named)


def _named_at(sel: Selection, u: Unit) -> int:
    """Where the sentence first names its speaker outside a quotation (its end when it does
    not): a name inside the quoted words is someone the speaker talks to or about (“If you
    say: ‘Dr Murray, that was stupid,’ then I agree,” he said), not who speaks."""
    speaker = next((e for e in sel.story.entities if e.id == u.speaker), None)
    quoted = [
        (u.start + q.start(), u.start + q.end())
        for q in _MARKED_QUOTE.finditer(sel.articles[u.article].text[u.start : u.end])
    ]
    spans = [
        m.start
        for m in (speaker.mentions if speaker else ())
        if m.article_id == u.article
        and u.start <= m.start < u.end
        and not any(a <= m.start < b for a, b in quoted)
    ]
    return min(spans, default=u.end)


# a third person before the speaker is named ("“I'm not convinced he has one,” Trump said"):
# someone the sentence does not name
_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers|they|them|their)\b", re.IGNORECASE)


def _unnamed_third_person(sel: Selection, u: Unit) -> bool:
    """Whether the sentence says "he", "his rule", "they" before naming anyone it could mean
    ("At one point he appeared to mouth …"): an outlet's label before it would leave the
    reader to guess who, as the sentence before it (which the brief does not show) said."""
    text = sel.articles[u.article].text
    m = _PRONOUN.search(text, u.start, u.end)
    if m is None:
        return False
    return not any(
        u.start <= mention.start < m.start()
        for e in sel.story.entities
        if e.kind in ACTOR_KINDS
        for mention in e.mentions
        if mention.article_id == u.article
    )


def _outlets_own(sel: Selection, u: Unit) -> bool:
    """Whether the outlet itself says the sentence (no quotation, comment or reported speech
    the extract stage missed, no hearsay), so that "<outlet> writes: " before it names who
    speaks."""
    return own_narration(sel.articles[u.article].text, u.start, u.end) and not hearsay(u.text)


# "the first direct round of talks since March 2022": what the elapsed time is counted for
_FIRST_OF = re.compile(
    r"\bthe first ((?:[\w’'-]+ ){0,7}?[\w’'-]+) (?:since|in|for)\b", re.IGNORECASE
)
_NOT_A_THING = re.compile(r"\b(?:time|he|she|it|they|this|that|his|her|its|their)\b", re.I)


def _point(slot: str, a_text: str, b_text: str) -> str:
    """What two outlets disagree on, in words: for an elapsed time, the event it counts from
    when one side names it ("the first direct round of talks since March 2022" → "how long it
    had been since the last direct round of talks"), else the slot's plain name."""
    if slot == "elapsed":
        for text in (a_text, b_text):
            m = _FIRST_OF.search(text)
            if m and not _NOT_A_THING.search(m.group(1)):
                return f"how long it had been since the last {m.group(1)}"
    return POINTS.get(slot, "the facts")


def _disagreements(sel: Selection) -> list[CitedSentence]:
    """Each trusted contradiction as "Outlets differ on <point>. A: … B: …" (two sentences,
    one per side, the first naming the point)."""
    by_id = {c.id: c for c in sel.story.claims}
    out: list[CitedSentence] = []
    done = 0
    for c in sel.story.claims:
        if done >= DISAGREEMENTS:
            break
        for conflict in c.conflicts:
            other = by_id.get(conflict.claim)
            pair = other and _sides(sel, c, other)
            if not other or not pair:
                continue
            a_unit, b_unit = pair
            if not trusted_contradiction(c, a_unit, other, b_unit, sel.similarity(a_unit, b_unit)):
                continue
            point = _point(conflict.slot, a_unit.text, b_unit.text)
            first = f"Outlets differ on {point}. {sel.label(a_unit.article)}: "
            second = f"{sel.label(b_unit.article)}: "
            a = sel.sentence(
                [a_unit.span()], a_unit.sentence_text(), frame=first, kind="disagreement"
            )
            b = sel.sentence(
                [b_unit.span()], b_unit.sentence_text(), frame=second, kind="disagreement"
            )
            if a and b and sel.fits(a.text + " " + b.text):
                for u, s in ((a_unit, a), (b_unit, b)):
                    sel.take(u)
                    sel.spend(s)
                out += [a, b]
                done += 1
                break
    return out


def _sides(sel: Selection, a: Claim, b: Claim) -> tuple[Unit, Unit] | None:
    ua, ub = sel.unit_at(a.evidence[0]), sel.unit_at(b.evidence[0])
    if ua is None or ub is None or sel.overlaps_used(ua.span()) or sel.overlaps_used(ub.span()):
        return None
    return ua, ub


# --- Looking Ahead ----------------------------------------------------------------------------


def outlook(sel: Selection, last_day: str | None) -> list[CitedSentence]:
    """The outlets' forecasts that the story's articles do not already report as done, each
    led by the outlet's label; one dated after the latest publication day first."""
    after = date_range(last_day, "day")[1] if last_day else None
    facts = [u for u in sel.units if "fact" in u.kinds and not u.kinds & {"forecast"}]

    def done(u: Unit) -> bool:
        """Whether another article reports as happened what this forecast foresees, or the
        forecast names a day that is past by the latest publication."""
        days = [d for d in u.dates if _DAY.fullmatch(d)]  # not "PRESENT_REF", "2010-W23"
        # a day before the forecast's own article was published is a side mention ("named
        # for a dean killed on Sept. 11, 2001"), not the day it foresees
        published = sel.articles[u.article].published
        own = published.value[:10] if published else ""
        days = [d for d in days if d >= own]
        if after and days and all(date_range(d, "day")[1] <= after for d in days):
            return True
        return any(f.article != u.article and sel.similarity(f, u) >= DONE for f in facts)

    def score(u: Unit) -> float:
        ahead = after is not None and any(
            _DAY.fullmatch(d) and date_range(d, "day")[0] > after for d in u.dates
        )
        return u.centrality + (0.1 if ahead else 0.0) - (0.05 if u.hedged else 0.0)

    pool = [
        u
        for u in sel.units
        if u.whole
        and "forecast" in u.kinds
        and not (u.attributed or u.quoted or u.speaker or _REPORTED.match(u.text))
        and _outlets_own(sel, u)
        and not refers_back(u.text)
        and not done(u)
    ]
    out: list[CitedSentence] = []
    for u in sel.pick(pool, score, len(pool), frame_words=3):
        label = sel.label(u.article)
        s = sel.sentence([u.span()], u.sentence_text(), frame=f"{label} expects: ", kind="forecast")
        if s:
            sel.spend(s)
            out.append(s)
    # then named speakers' forecasts, in the sentence that names who foresees it (no frame)
    said = [
        u for u in sel.units if "forecast" in u.kinds and _names_its_speaker(sel, u) and not done(u)
    ]
    for u in sel.pick(said, score, len(said)):
        s = sel.sentence([u.span()], u.sentence_text(), kind="forecast")
        if s:
            sel.spend(s)
            out.append(s)
    return out


# --- Voices -----------------------------------------------------------------------------------


def voices(sel: Selection) -> list[CitedSentence]:
    """Named speakers in their own words: the whole sentence that quotes each (the sentence
    names its speaker, so nothing is put in front of it), one per speaker, the quotes most
    outlets carry first."""
    found = [
        (q, next((u for s in q.evidence if (u := sel.unit_at(s)) is not None), None))
        for q in sel.story.quotes
    ]
    found.sort(
        key=lambda qu: (
            not qu[0].direct,
            -len(qu[0].sources),
            -(sel.support(qu[1]) if qu[1] else 0.0),
            qu[0].id,
        )
    )
    out: list[CitedSentence] = []
    speakers: set[str] = set()
    for q, unit in found:
        if len(out) >= VOICES:
            break
        if unit is None or not trusted_quote(q, unit) or q.speaker in speakers:
            continue
        # the same words in another outlet's copy are the same sentence: not said twice
        if sel.overlaps_used(unit.span()) or sel.near_chosen(unit.row):
            continue
        if not sel.fits(unit.text):
            continue
        s = sel.sentence([unit.span()], unit.sentence_text(), kind="quote")
        if s:
            sel.take(unit)
            sel.spend(s)
            speakers.add(q.speaker or "")
            out.append(s)
    return out
