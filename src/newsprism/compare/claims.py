"""Claim groups across the outlets of a story, their independence, and their conflicts.

Input: the story (entities), its articles, and each original article's atomic claims from the
extract stage (`FoundClaim`), with one sentence vector per claim. Output: `Claim` records.

1. Neighbours: each claim's nearest claims by cosine of all-MiniLM-L6-v2 vectors, top
   `NEIGHBOURS` per claim, computed in row blocks, so the cost grows with n·k memory and a
   blocked n² matrix product, not n² Python comparisons. Only pairs from different articles,
   or with a shared entity, number or date, go on.
2. Conflicts (`conflict_between`): only the same event can be contradicted -- the same
   participants (named subject), the same predicate family in the same mode (a fact
   against a fact, a plan against a plan, never a forecast against a fact), and different
   values of that predicate's own slot: a count of the same thing in the same place ("46
   detainees" / "40 detainees"; never "eight in New York City" against the "20 cases in the
   country" that include them), a different day ("signed on Thursday" / "agreed on 10
   September"; never the date of a side clause), the opposite polarity ("did not travel" /
   "flew"), or -- arithmetic -- "the first … since March 2019" against "the first … in four
   years", given each article's publication date. Counts are compared within one day's
   reports, since a running total grows; approximate counts ("more than 40") never conflict.
3. Groups (`same_claim`): pairs close in meaning and rarer wording, with compatible values
   (no different count, date or year of the same thing: "since 2002" / "since 2003"), the
   same polarity and kind, and no different named subject or speaker (the same words said by
   two people are two claims); the bar rises where the predicates differ, unless the pair
   shares the event's date or count. One event worded apart joins whatever the cosine
   (`aligned_event`: the main act of each sentence, the same dates or counts of that act, a
   shared participant); so do one act not done by one agent ("did not attend" / "sent a
   delegation instead of attending": `forgone_act`) and a state with its dated start ("the
   blockade began in March 2021" / "has blockaded the harbour since March 2021":
   `onset_event`). Different sums of money never join. They join strongest first,
   never joining two groups that hold a conflicting or incompatible pair; then a member of a
   group that reaches the floor which no other voice in it backs at the floor (`_unbacked`)
   is taken out to stand alone, since a group is read as every sentence it cites.
4. Status: `contradicted` when a conflict links the group to another; else `corroborated` when
   two or more independent voices state it; else `single_source`. Voices: copies marked at
   ingest are their original's voice; articles of one outlet are one voice; two outlets whose
   claims are mostly verbatim the same (a rewritten wire story) are one voice.
5. Confidence: a contradicted group's is that of its surest conflict (`conflict_confidence`:
   by slot, raised by a shared subject and close wording, lowered by hedges); a corroborated
   group's that of its best pair of different voices (`support_confidence`: cosine, shared
   rarer wording, one aligned event -- surer on a shared day or month than on a year or
   count -- one act not done, a dated start, or the same act -- not merely the same verb of
   seeming or saying -- by the same agent, shared slot); a single-source group's is lower
   the closer another voice came. `shown_status` is what readers see: the status when its
   confidence reaches its floor (`FLOORS.contradiction` for a contradicted group,
   `FLOORS.claim_status` else), else corroborated (for a contradicted group whose support
   reaches `FLOORS.claim_status`) or single_source; `status` and `confidence` stay in report.json.

Known limits: similarity is a sentence model's, so paraphrases far apart in wording are missed
and topically close statements about different events can join; "who did it" conflicts are
found only through polarity and counts, not by comparing actors of the same event; the event
and its slots come from spaCy's small parser, whose attachment errors (a date hung on the
wrong verb) pass through; confidences are rule scores checked by a self-review of samples,
not probabilities fitted on judged data.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsprism.confidence import FLOORS, shown
from newsprism.lexical import lexical, term_weights
from newsprism.model import Article, Claim, ClaimStatus, Conflict, FoundClaim, Span, content_id

NEIGHBOURS = 12
CANDIDATE = 0.45  # below this two claims are not about the same thing
SAME = 0.66  # cosine at which a pair may state the same claim ...
SAME_TERMS = 0.3  # ... when this much of its rarer wording is shared too
SAME_WITH_SLOT = (0.6, 0.2)  # cosine and wording for a pair that shares a date or a count
SAME_AGENT = (0.62, 0.25)  # ... or the same predicate and the same named subject
LINKAGE = 0.62  # mean cosine two groups must have to join
MIN_TERMS = 5  # shorter statements are too vague to corroborate anything
VERBATIM = 0.95  # near-identical wording: a copied sentence
# cosine and wording at which different verbs say one thing: sharing a date or count of the
# event, where one verb is vague (`VAGUE_VERBS`) or both are verbs of acts; or with no
# shared slot (a paraphrase)
VAGUE_VERB = (0.6, 0.25)
OTHER_VERB = (0.68, 0.25)
PARAPHRASE = (0.8, 0.4)
# shared rarer wording two statements of one dated or counted event need (`aligned_event`):
# with a shared named participant, or alone
ALIGNED_TERMS = (0.2, 0.35)
ALIGNED_COSINE = 0.35  # below this even one event's two reports are about different things
ALIGNED_SUPPORT = 0.25  # what an aligned event adds to a pair's support (`support_confidence`)
DAY_SUPPORT = 0.1  # ... and more when its shared slot is the event's day (`support_confidence`)
AGENT_SUPPORT = 0.1  # ... and the same act of the same named agent with shared rarer words
# how sure a conflict of each slot is before its evidence is weighed (`conflict_confidence`)
CONFLICT_BASE = {"number": 0.7, "date": 0.65, "elapsed": 0.75, "negation": 0.55}
SYNDICATED_SHARE = 0.5  # this share of an outlet's claims copied -> one voice

# Predicates that report the same kind of act, so "signed on Thursday" and "agreed on 10
# September" can be compared for their date.
FAMILIES = {
    **dict.fromkeys(["sign", "agree", "conclude", "reach", "strike", "seal", "ink"], "agree"),
    **dict.fromkeys(["open", "begin", "start", "resume", "convene", "launch"], "begin"),
    **dict.fromkeys(["travel", "fly", "go", "come", "arrive", "visit", "attend"], "travel"),
    **dict.fromkeys(["release", "free", "exchange", "swap", "return"], "release"),
    **dict.fromkeys(["meet", "hold", "host"], "meet"),
    **dict.fromkeys(["kill", "die"], "kill"),
    **dict.fromkeys(["take", "capture", "seize"], "take"),
    **dict.fromkeys(["demand", "seek", "insist", "want", "require", "urge"], "demand"),
}

# Verbs one more loosely counts as the same act when two statements give it the same date or
# count and share an argument ("will address the National Assembly on Monday" / "is due to
# speak to the National Assembly on Monday"); used for corroboration only, never to set two
# statements against each other (accepting a deal and signing it are two acts to date).
KINDRED = {
    **dict.fromkeys(["accept", "agree"], "agree"),
    **dict.fromkeys(["speak", "address", "brief"], "speak"),
}

Vectors = npt.NDArray[np.float32]


# verbs whose polarity says little about an event: "were meant to" / "do not mean"
LIGHT_VERBS = frozenset(["be", "have", "mean", "seem", "do", "make", "get", "become", "remain"])
VAGUE_VERBS = LIGHT_VERBS | frozenset(["appear", "expect", "say", "report", "include"])
# predicates whose date says when something was said or reported, not when the event was:
# two statements made on different days are two acts, not a contradiction
UNDATABLE = LIGHT_VERBS | frozenset(
    ["say", "tell", "report", "announce", "add", "state", "claim", "confirm", "write"]
    + ["note", "comment", "speak", "call", "ask"]
)


# verbs whose object is another event -- perceiving, saying, showing: "is seen grabbing his
# wrist" and "can be seen asking him" share the verb and the agent but not the act
CARRIERS = VAGUE_VERBS | UNDATABLE | frozenset(["see", "hear", "watch", "show", "find", "know"])


@dataclass(frozen=True, slots=True)
class Statement:
    """One claim of one article, with what comparison reads."""

    article: str
    found: FoundClaim
    text: str
    entities: frozenset[str]
    subject: str | None
    speaker: str | None

    @property
    def span(self) -> tuple[int, int]:
        return self.found.span


def family(lemma: str) -> str:
    return FAMILIES.get(lemma, lemma)


def neighbours(
    vectors: Vectors, k: int = NEIGHBOURS, block: int = 1024
) -> list[tuple[int, int, float]]:
    """Pairs (i < j, cosine) of each row's k nearest other rows, computed in row blocks."""
    n = len(vectors)
    pairs: dict[tuple[int, int], float] = {}
    if n < 2:
        return []
    k = min(k, n - 1)
    for lo in range(0, n, block):
        sims = vectors[lo : lo + block] @ vectors.T
        for r in range(len(sims)):
            sims[r, lo + r] = -1.0
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for r, row in enumerate(top):
            i = lo + r
            for j in row:
                a, b = (i, int(j)) if i < j else (int(j), i)
                pairs[(a, b)] = float(sims[r, j])
    return [(a, b, s) for (a, b), s in pairs.items()]


def conflict_between(
    a: Statement, b: Statement, sim: float, same_time: bool = True
) -> list[tuple[str, str, str]]:
    """(slot, a's value, b's value) for each way the two statements cannot both be true.

    A contradiction needs the same event: the same participants (the same named subject, or
    near-identical wording where a side names none), the same predicate (family) in the same
    mode -- a fact against a fact or a plan against a plan, never a forecast against a fact --
    and different values of that predicate's own slot (`FoundClaim.counts`, `.dated`): a
    count inside "including …" or a date of a side clause ("snippets that became public on
    Friday") belongs to another predicate and is never set against the clause's. Counts are
    compared only within one time frame (`same_time`: the articles appeared the same day, or
    the predicate carries the same date on both sides), since a running total grows, and
    approximate counts ("more than 40") never conflict. A flipped negation needs the same
    main predicate, both sides stated as unhedged fact. Elapsed-time arithmetic ("first …
    since March 2022" against "first in nearly two years") compares what each is the first
    of."""
    fa, fb = a.found, b.found
    out: list[tuple[str, str, str]] = []
    if fa.since and fb.since and fa.since[2] == fb.since[2]:
        close = sim >= 0.5 or (sim >= CANDIDATE and a.entities & b.entities)
        if close and not _overlap(fa.since, fb.since):
            out.append(("elapsed", _interval(fa.since), _interval(fb.since)))
    if sim < CANDIDATE or not (a.entities & b.entities) or not same_participants(a, b, sim):
        return out
    if "question" in (fa.kind, fb.kind) or "opinion" in (fa.kind, fb.kind):
        return out
    days_a, days_b = _event_days(fa), _event_days(fb)
    for (act, mode), va_all in sorted(_counts_by_event(a).items()):
        vb_all = _counts_by_event(b).get((act, mode), {})
        same_day = bool(days_a.get((act, mode), set()) & days_b.get((act, mode), set()))
        if not (same_time or same_day) or _days_differ(days_a, days_b, act, mode):
            continue
        for unit in sorted(set(va_all) & set(vb_all)):
            va, vb = va_all[unit], vb_all[unit]
            if all(abs(x - y) > 0.05 * max(x, y) for x in va for y in vb):
                out.append(("number", _num(va, unit), _num(vb, unit)))
                break
        if any(slot == "number" for slot, _, _ in out):
            break
    for act, mode in sorted(set(days_a) & set(days_b)):
        if act in UNDATABLE or mode not in ("fact", "forecast"):
            continue
        da, db = days_a[(act, mode)], days_b[(act, mode)]
        if not da & db and sim >= 0.6:
            out.append(("date", ", ".join(sorted(da)), ", ".join(sorted(db))))
            break
    if (
        family(fa.lemma) == family(fb.lemma)
        and fa.lemma not in LIGHT_VERBS
        and fa.negated != fb.negated
        and fa.kind == fb.kind == "fact"
        and sim >= 0.55
        and not (fa.hedged or fb.hedged)
        and not (_FREQUENCY.search(a.text) or _FREQUENCY.search(b.text))
        and not _days_differ(days_a, days_b, family(fa.lemma), "fact")
    ):
        out.append(("negation", _polarity(fa), _polarity(fb)))
    return out


def _counts_by_event(s: Statement) -> dict[tuple[str, str], dict[str, set[float]]]:
    """{(predicate family, mode): {unit: exact counts}} of a statement."""
    out: dict[tuple[str, str], dict[str, set[float]]] = defaultdict(lambda: defaultdict(set))
    for act, mode, unit, value, start, _end in s.found.counts:
        if mode in ("fact", "forecast") and not _approximate(s, start):
            out[(family(act), mode)][unit].add(value)
    return out


def _event_days(f: FoundClaim) -> dict[tuple[str, str], set[str]]:
    """{(predicate family, mode): the days its own dates give}."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for act, mode, value in f.dated:
        if _DAY.fullmatch(value[:10]) and len(value) == 10:
            out[(family(act), mode)].add(value)
    return out


def _days_differ(
    da: dict[tuple[str, str], set[str]], db: dict[tuple[str, str], set[str]], act: str, mode: str
) -> bool:
    x, y = da.get((act, mode), set()), db.get((act, mode), set())
    return bool(x and y and not x & y)


def same_participants(a: Statement, b: Statement, sim: float) -> bool:
    """Whether two statements are about the same participants: the same named subject, or
    neither names one and their wording is near-identical."""
    if a.subject is not None and b.subject is not None:
        return a.subject == b.subject
    if a.subject is None and b.subject is None:
        return sim >= 0.75
    return sim >= 0.8


def compatible(a: Statement, b: Statement) -> bool:
    """Whether two statements could state the same fact: the same polarity and kind, no
    different named subject or speaker, and no value of one missing from the other where
    both give one (a count of the same thing, a date or year, an elapsed time)."""
    fa, fb = a.found, b.found
    if fa.kind != fb.kind:
        return False
    if fa.negated != fb.negated and not shared_forgone(a, b):
        return False  # "did not attend" / "sent a delegation instead of attending" agree
    if a.subject is not None and b.subject is not None and a.subject != b.subject:
        return False
    if a.speaker is not None and b.speaker is not None and a.speaker != b.speaker:
        return False  # the same words said by different people
    for unit in {n[1] for n in fa.numbers} & {n[1] for n in fb.numbers}:
        if not {n[0] for n in fa.numbers if n[1] == unit} & {
            n[0] for n in fb.numbers if n[1] == unit
        }:
            return False  # "44 detainees" / "46 detainees"
    money_a, money_b = _money(a.text), _money(b.text)
    if money_a and money_b and not any(_close(x, y) for x in money_a for y in money_b):
        return False  # "cut $716 billion from Medicare" / "cut Medicare by $800 billion"
    for grain in {d[3] for d in fa.dates} & {d[3] for d in fb.dates}:
        if not {d[2] for d in fa.dates if d[3] == grain} & {
            d[2] for d in fb.dates if d[3] == grain
        }:
            return False  # "since 2002" / "since 2003"
    return not (fa.since and fb.since and not _overlap(fa.since, fb.since))


def onset_event(a: Statement, b: Statement, overlap: float) -> bool:
    """Whether one statement dates the start of a state that the other dates as its own main
    act ("the blockade began in March 2021" / "the navy has blockaded the harbour since March
    2021"): the first's main act is a beginning (`FAMILIES` "begin") of a noun that names the
    second's main act, both stated as fact with the same date value, with a shared argument (a
    named participant besides the subject, or `ALIGNED_TERMS` rarer wording) and compatible
    values. A start both mention only in a side clause ("Since the outbreak of the war in
    February 2022, Ankara has kept …") is not the main act of either and does not count."""
    if overlap < ALIGNED_TERMS[0] or not compatible(a, b):
        return False
    others = (a.entities & b.entities) - {a.subject, b.subject}
    if not others and overlap < ALIGNED_TERMS[1]:
        return False
    return _starts(a, b) or _starts(b, a)


def _starts(x: Statement, y: Statement) -> bool:
    """x dates the start of what y's main act is, on a date y gives that act (`onset_event`)."""
    fx, fy = x.found, y.found
    if fx.kind != "fact" or fy.kind != "fact" or fx.lemma != main_act(fx):
        return False
    if family(fx.lemma) != "begin" or fy.lemma != main_act(fy) or fy.lemma in CARRIERS:
        return False
    started = {v for act, mode, v in fx.dated if act == fx.lemma and mode == "fact"}
    held = {v for act, mode, v in fy.dated if act == fy.lemma and mode == "fact"}
    if not started & held:
        return False
    themes = {m.group(1).lower() for m in _ONSET.finditer(x.text)}
    return bool({fy.lemma, fy.lemma + "s", fy.lemma + "es"} & themes)


def forgone(f: FoundClaim, text: str) -> frozenset[str]:
    """The acts (`family` names) a statement says were not done: its negated main predicate
    ("Putin did not attend"), and an act it sets aside with "instead of" or "rather than"
    ("sent a delegation instead of attending"); verbs of saying, seeming or seeing
    carry another act and are left out, and so is a hedged or forecast statement."""
    if f.kind != "fact" or f.hedged:
        return frozenset()
    out = set()
    if f.negated and f.lemma not in CARRIERS:
        out.add(family(f.lemma))
    for m in _SET_ASIDE.finditer(text):
        word = m.group(1).lower()
        stem = word[:-3]  # "attending" -> "attend", "coming" -> "com"
        out |= {
            family(act)
            for act in f.acts
            if act not in CARRIERS and len(stem) >= 3 and act.startswith(stem)
        }
    return frozenset(out)


def shared_forgone(a: Statement, b: Statement) -> frozenset[str]:
    """The acts the same named agent is said by both statements not to have done."""
    if a.subject is None or a.subject != b.subject:
        return frozenset()
    return forgone(a.found, a.text) & forgone(b.found, b.text)


def forgone_act(a: Statement, b: Statement, overlap: float) -> bool:
    """Whether two statements report that one named agent did not do one act, however each
    words it ("Putin did not attend" / "Putin sent a delegation instead of attending the
    talks"), with a shared argument: a named participant besides the subject, or this much
    rarer wording (`ALIGNED_TERMS`); values must still agree (`compatible`)."""
    if overlap < ALIGNED_TERMS[0] or not shared_forgone(a, b) or not compatible(a, b):
        return False
    others = (a.entities & b.entities) - {a.subject, b.subject}
    return bool(others) or overlap >= ALIGNED_TERMS[1]


def one_event(a: Statement, b: Statement, sim: float, overlap: float) -> bool:
    """Whether two statements are linked as one event in their own structure, whatever their
    wording: one dated or counted main act (`aligned_event`), one act not done by one agent
    (`forgone_act`), or a state and its dated start (`onset_event`)."""
    return sim >= ALIGNED_COSINE and (
        aligned_event(a, b, overlap) or forgone_act(a, b, overlap) or onset_event(a, b, overlap)
    )


def _lone_link(a: Statement, b: Statement, sim: float, overlap: float) -> bool:
    """Whether a pair's link is sure enough for one statement to join a group its wording is
    far from (`_Groups.join`): one act not done, a state and its dated start, or one main act
    on the same day or month -- not a shared year or count, which a side mention often gives
    ("could rival the 1989 Exxon Valdez spill" said of the size and of the costs)."""
    if sim < ALIGNED_COSINE:
        return False
    if forgone_act(a, b, overlap) or onset_event(a, b, overlap):
        return True
    return _precise(aligned_values(a, b, overlap)) > 0


def same_claim(
    a: Statement, b: Statement, sim: float, overlap: float, sizes: tuple[int, int]
) -> bool:
    """Whether two statements (not in conflict) say the same thing: compatible participants
    and values (`compatible`), close in meaning and in their rarer words; the bar rises when
    their predicates differ ("sent a delegation" / "offered talks" are one topic, two
    facts), unless the two share the event's date or count ("took effect at midnight on
    Wednesday" / "came into force at midnight on 10 September")."""
    if not compatible(a, b):
        return False
    if sim >= ALIGNED_COSINE and onset_event(a, b, overlap):
        return True  # a dated start is specific however short ("the blockade began in May")
    if min(sizes) < MIN_TERMS:
        return False
    if one_event(a, b, sim, overlap):
        return True
    if a.found.negated != b.found.negated:
        return False  # one act not done, said in two shapes: only `forgone_act` joins it
    fa, fb = family(a.found.lemma), family(b.found.lemma)
    slot = shared_slot(a, b)
    if fa == fb:
        if sim >= SAME and overlap >= SAME_TERMS:
            return True
        agent = a.subject is not None and a.subject == b.subject  # the same act, same agent
        if agent and sim >= SAME_AGENT[0] and overlap >= SAME_AGENT[1]:
            return True
        return slot and sim >= SAME_WITH_SLOT[0] and overlap >= SAME_WITH_SLOT[1]
    # a light or raising verb ("were at anchor", "appeared to be holding") names no act
    bar = OTHER_VERB if fa not in VAGUE_VERBS and fb not in VAGUE_VERBS else VAGUE_VERB
    if slot and sim >= bar[0] and overlap >= bar[1]:
        return True
    return sim >= PARAPHRASE[0] and overlap >= PARAPHRASE[1]


def event_slots(f: FoundClaim) -> dict[tuple[str, str], set[str]]:
    """{(act, mode): values} of the dates and exact counts the statement attaches to its own
    predicates (`FoundClaim.dated`, `.counts`), acts named by `KINDRED` or `FAMILIES`; the
    date of saying or reporting something is left out (two things said on one day are two
    statements), save a speech that is itself the event ("will address the Assembly")."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for act, mode, value in f.dated:
        if act not in UNDATABLE or act in KINDRED:
            out[(KINDRED.get(act, family(act)), mode)].add(value)
    for act, mode, unit, count, _start, _end in f.counts:
        if act not in UNDATABLE:
            out[(KINDRED.get(act, family(act)), mode)].add(f"{count:g} {unit}")
    return out


def aligned_event(a: Statement, b: Statement, overlap: float) -> bool:
    """Whether two statements report one event: the main event of each (`_main_event`) is an
    act of the same kind, in the same mode, carrying the same dates and counts as its own
    slot ("address ... on Monday" / "is due to speak ... on Monday"), with a shared argument
    -- a named participant besides the subject, or this much rarer wording
    (`ALIGNED_TERMS`). An act dated twice on one side ("hosted ... since March 2022 on 15
    May") must carry the same dates on the other. The values and participants must still be
    compatible (`compatible`); the sentence model's cosine is not asked, since paraphrases
    and translations word one event far apart."""
    return bool(aligned_values(a, b, overlap))


def aligned_values(a: Statement, b: Statement, overlap: float) -> frozenset[str]:
    """The dates and counts of the one event two statements report (`aligned_event`), empty
    when they do not report one event."""
    if overlap < ALIGNED_TERMS[0]:
        return frozenset()
    slots_a, slots_b = event_slots(a.found), event_slots(b.found)
    # the event must be what each sentence reports: its main predicate, or the act a light
    # main verb carries ("is due to speak"); an agreement both mention in a side clause of
    # sentences about other things ("welcomed the agreement to exchange 46 detainees" / "they
    # had a ceasefire and an agreement to exchange 46 detainees") is two facts
    values = frozenset(
        v
        for key in set(slots_a) & set(slots_b)
        if slots_a[key] == slots_b[key]
        and _main_event(a.found, key[0])
        and _main_event(b.found, key[0])
        for v in slots_a[key]
    )
    others = (a.entities & b.entities) - {a.subject, b.subject}
    return values if others or overlap >= ALIGNED_TERMS[1] else frozenset()


def _main_event(f: FoundClaim, act: str) -> bool:
    """Whether an act (a `KINDRED` or `FAMILIES` name) is the statement's main event
    (`main_act`: its main predicate, or the act a light main verb carries)."""
    main = main_act(f)
    return main is not None and KINDRED.get(main, family(main)) == act


def shared_slot(a: Statement, b: Statement) -> bool:
    """The two statements give the same date or the same count of the same thing."""
    return bool(
        {d[2] for d in a.found.dates} & {d[2] for d in b.found.dates}
        or {n[:2] for n in a.found.numbers} & {n[:2] for n in b.found.numbers}
    )


def _precise(values: set[str] | frozenset[str]) -> float:
    """What the shared date of one event adds to a pair's support: a day (or hour) `DAY_SUPPORT`,
    a month half of it, a year, season or count nothing -- two different acts of one kind with
    one participant on the very same day are rare, in the same year common."""
    if any(_DAY.match(v) for v in values):
        return DAY_SUPPORT
    if any(_MONTH.fullmatch(v) for v in values):
        return DAY_SUPPORT / 2
    return 0.0


def conflict_confidence(a: Statement, b: Statement, sim: float, slot: str) -> float:
    """How sure a found conflict is a real contradiction: by the slot (counts and elapsed-time
    arithmetic are read most reliably, a flipped negation least), raised when both name the
    same subject and word the event nearly alike, lowered when either side is hedged."""
    score = CONFLICT_BASE[slot]
    if a.subject is not None and a.subject == b.subject:
        score += 0.1
    if sim >= 0.75:
        score += 0.1
    if slot != "elapsed" and (a.found.hedged or b.found.hedged):
        score -= 0.15
    return round(min(max(score, 0.0), 1.0), 3)


def main_act(f: FoundClaim) -> str | None:
    """The act a statement reports: its main predicate, or where that verb only carries another
    event (seeming, saying, seeing: "appears ready to block"), the next act of the clause;
    None when there is none ("Swine flu appears to be as mild as the flu")."""
    if f.lemma not in CARRIERS:
        return f.lemma
    after = f.acts[f.acts.index(f.lemma) + 1 :] if f.lemma in f.acts else f.acts
    # a copula over a saying ("the only candidate he confirmed speaking with was Frank")
    # reports the saying
    return next((act for act in after if act not in CARRIERS), None) or next(
        (act for act in after if act not in VAGUE_VERBS), None
    )


def support_confidence(a: Statement, b: Statement, sim: float, overlap: float) -> float:
    """How sure two statements of different voices state the same fact: their cosine and
    shared rarer wording, the same predicate, the same named subject, a shared date or
    count."""
    score = 0.2 + 0.5 * min(max((sim - SAME_WITH_SLOT[0]) / (0.95 - SAME_WITH_SLOT[0]), 0), 1)
    score += 0.2 * min(overlap / 0.6, 1.0)
    # the same predicate is the strongest sign of the same fact: most wrong joins in a
    # self-review of real news paired different acts on one topic; a shared date or count
    # of the event is the next ("took effect at midnight on Wednesday" / "came into force")
    slot = shared_slot(a, b)
    agent = a.subject is not None and a.subject == b.subject
    act_a, act_b = main_act(a.found), main_act(b.found)
    aligned = aligned_values(a, b, overlap)
    if aligned:
        # one act with the same date or count and a shared participant: the event itself is
        # aligned, however differently the two sentences word it (translations, paraphrase)
        score += ALIGNED_SUPPORT + _precise(aligned)
    elif forgone_act(a, b, overlap):
        # the same agent did not do the same act: who, what and the polarity all agree
        score += ALIGNED_SUPPORT + AGENT_SUPPORT
    elif onset_event(a, b, overlap):
        # one state and the date it began ("the blockade began in" / "has blockaded since")
        score += ALIGNED_SUPPORT + _precise(
            {d[2] for d in a.found.dates} & {d[2] for d in b.found.dates}
        )
    elif family(a.found.lemma) == family(b.found.lemma) and not (
        act_a and act_b and family(act_a) != family(act_b)  # "appears ready to block" /
    ):  # "appeared closely divided": one verb of seeming, two acts
        score += 0.1
        if agent and a.found.lemma not in CARRIERS and overlap >= SAME_AGENT[1]:
            score += AGENT_SUPPORT  # who did what to what: predicate, agent and object agree
    else:
        score -= 0.05 if slot else 0.15
    if agent:
        score += 0.05
    if slot:
        score += 0.05
    return round(min(max(score, 0.0), 1.0), 3)


# the noun whose start a sentence dates: "the blockade began", "Ostrava's strike has started",
# "the blockade of the harbour began" (the head noun, not the last word before the verb)
_ONSET = re.compile(
    r"\b(?:the|a|an|its|his|her|their|this|that|\w+['’]s)\s+(\w+)"
    r"(?:\s+(?:of|on|against|in|by|over)(?:\s+[\w'’-]+){1,5}?)?"
    r"\s+(?:has\s+|had\s+)?(?:began|begun|begins|started|starts|opened|opens)\b",
    re.I,
)
# an act set aside in favour of another: "sent a delegation instead of attending"; not
# "without" ("resigned without giving a reason"), which names a manner of another act
_SET_ASIDE = re.compile(r"\b(?:instead of|rather than)\s+(\w+ing)\b", re.I)

# "does not normally infect" and "rarely infect" agree: a frequency is not a polarity
_FREQUENCY = re.compile(
    r"\b(?:rarely|seldom|normally|usually|often|sometimes|mostly|generally|typically|"
    r"always|frequently|occasionally|hardly|barely)\b",
    re.I,
)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"\d{4}-\d{2}")


_APPROXIMATE = re.compile(
    r"(?:about|around|nearly|almost|over|more than|less than|fewer than|at least|up to|"
    r"some|roughly|approximately|dozens of|hundreds of|under)\s*$",
    re.I,
)


_MONEY = re.compile(
    r"(?:[$€£]|\b(?:US|USD|EUR|GBP)\s?)\s?(\d[\d,]*(?:\.\d+)?)\s*(million|billion|trillion|bn|m)?\b",
    re.I,
)
_SCALE = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}


def _money(text: str) -> set[float]:
    """The sums of money a statement gives ("$716 billion" -> 7.16e11); the extract stage's
    numbers are counts of things and leave sums out."""
    out = set()
    for m in _MONEY.finditer(text):
        value = float(m.group(1).replace(",", ""))
        out.add(value * _SCALE.get((m.group(2) or "").lower(), 1.0))
    return out


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 0.05 * max(x, y)


def _approximate(s: Statement, start: int) -> bool:
    """ "more than 40" or "about 40": a bound or an estimate, not a count to contradict."""
    before = s.text[: max(start - s.span[0], 0)][-20:]
    return bool(_APPROXIMATE.search(before))


def _polarity(f: FoundClaim) -> str:
    return f"not {f.lemma}" if f.negated else f.lemma


def _num(values: set[float], unit: str) -> str:
    return ", ".join(f"{v:g} {unit}" for v in sorted(values))


def _interval(r: tuple[str, str, str]) -> str:
    return r[0] if r[0] == r[1] else f"{r[0]}/{r[1]}"


def _overlap(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


class _Groups:
    """Union-find over statements that keeps conflicting statements apart."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, set[int]] = {i: {i} for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(
        self,
        i: int,
        j: int,
        apart: dict[int, set[int]],
        vectors: Vectors,
        statements: Sequence[Statement] = (),
        event: bool = False,
    ) -> None:
        """Join i's and j's groups unless a pair across them conflicts or is incompatible, or
        the groups are far apart on average (`LINKAGE`) -- save one statement joined by one
        event's own link (`one_event`), whose sentence model cosine may be low: members it
        leaves unbacked are taken out after (`_unbacked`); `_lone_link` says which."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return
        small, big = sorted((ri, rj), key=lambda r: len(self.members[r]))
        if any(apart.get(m, set()) & self.members[big] for m in self.members[small]):
            return
        if statements and not all(
            compatible(statements[x], statements[y])
            for x in self.members[small]
            for y in self.members[big]
        ):
            return  # a chain must not join values or people that differ
        lone = event and len(self.members[small]) == 1
        if len(self.members[big]) > 1 and not lone:  # no chains: close on average
            a = vectors[sorted(self.members[small])]
            b = vectors[sorted(self.members[big])]
            if float((a @ b.T).mean()) < LINKAGE:
                return
        self.parent[small] = big
        self.members[big] |= self.members.pop(small)

    def detach(self, i: int) -> None:
        """Take statement i out of its group into one of its own."""
        root = self.find(i)
        rest = self.members.pop(root) - {i}
        if rest:
            new_root = root if root != i else min(rest)
            for m in rest:
                self.parent[m] = new_root
            self.members[new_root] = rest
        self.parent[i] = i
        self.members[i] = {i}


def voices(
    articles: Sequence[Article],
    statements: Sequence[Statement],
    pairs: Sequence[tuple[int, int, float]],
) -> dict[str, str]:
    """{article id: voice id}: copies speak with their original's voice, an outlet's articles
    with one voice, and two outlets sharing mostly verbatim claims with one voice."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    by_outlet: dict[str, str] = {}
    for a in articles:
        find(a.id)
        if a.duplicate_of:
            union(a.id, a.duplicate_of)
        if a.source:
            union(a.id, by_outlet.setdefault(a.source, a.id))
    per_article = Counter(s.article for s in statements)
    copied: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, j, sim in pairs:
        x, y = statements[i].article, statements[j].article
        if sim >= VERBATIM and x != y:
            copied[(min(x, y), max(x, y))] |= {i, j}
    for (x, y), rows in copied.items():
        smaller = min(per_article[x], per_article[y])
        shared = min(sum(1 for r in rows if statements[r].article == z) for z in (x, y))
        if smaller and shared / smaller >= SYNDICATED_SHARE:
            union(x, y)
    return {a.id: find(a.id) for a in articles}


def group_claims(
    articles: Sequence[Article],
    statements: Sequence[Statement],
    vectors: Vectors,
) -> tuple[Claim, ...]:
    """The story's claim groups with status, voices and conflicts (see the module docstring)."""
    if not statements:
        return ()
    pairs = neighbours(vectors)
    weights = term_weights([s.text for s in statements])
    voice_of = voices(articles, statements, pairs)
    day_of = {a.id: a.published.value[:10] for a in articles if a.published}
    conflicts: dict[tuple[int, int], list[tuple[str, str, str]]] = {}
    sure: dict[tuple[int, int], float] = {}
    same: list[tuple[float, int, int, bool]] = []
    apart: dict[int, set[int]] = defaultdict(set)
    for i, j, sim in pairs:
        a, b = statements[i], statements[j]
        day_a, day_b = day_of.get(a.article), day_of.get(b.article)
        found = conflict_between(a, b, sim, same_time=day_a == day_b)
        if found and voice_of.get(a.article) != voice_of.get(b.article):
            conflicts[(i, j)] = found
            sure[(i, j)] = max(conflict_confidence(a, b, sim, slot) for slot, _, _ in found)
            apart[i].add(j)
            apart[j].add(i)
        elif same_claim(
            a, b, sim, lexical(weights[i], weights[j]), (len(weights[i]), len(weights[j]))
        ):
            same.append((sim, i, j, _lone_link(a, b, sim, lexical(weights[i], weights[j]))))
    groups = _Groups(len(statements))
    for _sim, i, j, event in sorted(same, reverse=True):
        groups.join(i, j, apart, vectors, statements, event)
    in_conflict = {r for pair in conflicts for r in pair}
    for root in list(groups.members):
        for r in _unbacked(sorted(groups.members[root]), statements, vectors, weights, voice_of):
            if r not in in_conflict:
                groups.detach(r)
    roots = sorted(groups.members, key=lambda r: min(groups.members[r]))
    ids: dict[int, str] = {}
    for root in roots:
        rows = sorted(groups.members[root])
        ids[root] = content_id(
            "claim", *(f"{statements[r].article}:{statements[r].span[0]}" for r in rows)
        )
    copies = defaultdict(list)
    for art in articles:
        if art.duplicate_of:
            copies[art.duplicate_of].append(art.id)
    by_group: dict[int, list[Conflict]] = defaultdict(list)
    disputed_sure: dict[int, float] = defaultdict(float)
    for (i, j), slots in conflicts.items():
        gi, gj = groups.find(i), groups.find(j)
        if gi == gj:
            continue
        for g in (gi, gj):
            disputed_sure[g] = max(disputed_sure[g], sure[(i, j)])
        for slot, vi, vj in slots:
            by_group[gi].append(Conflict(claim=ids[gj], slot=slot, value=vi, other_value=vj))
            by_group[gj].append(Conflict(claim=ids[gi], slot=slot, value=vj, other_value=vi))
    by_id = {a.id: a for a in articles}
    pairs_of: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for i, j, sim in pairs:
        pairs_of[i].append((j, sim))
        pairs_of[j].append((i, sim))
    out = []
    for root in roots:
        rows = sorted(groups.members[root])
        members = [statements[r] for r in rows]
        disputed = [r for r in rows if r in in_conflict]
        lead = _representative(disputed or rows, vectors, statements)
        sources = list(dict.fromkeys(m.article for m in members))
        sources += [c for s in list(sources) for c in copies.get(s, ()) if c not in sources]
        heard = {voice_of.get(s, s) for s in sources}
        unique_conflicts = tuple({(c.claim, c.slot): c for c in by_group.get(root, ())}.values())
        kinds = Counter(m.found.kind for m in members)
        evidence = [by_id[lead.article].span(*lead.span)]
        evidence += [by_id[m.article].span(*m.span) for m in members if m is not lead]
        support = _support(rows, statements, vectors, weights, voice_of) if len(heard) > 1 else 0
        status: ClaimStatus = (
            "contradicted"
            if unique_conflicts
            else "corroborated"
            if len(heard) >= 2
            else "single_source"
        )
        confidence = (
            disputed_sure[root]
            if status == "contradicted"
            else support
            if status == "corroborated"
            else _alone(rows, statements, pairs_of, voice_of)
        )
        out.append(
            Claim(
                id=ids[root],
                text=lead.text,
                kind=kinds.most_common(1)[0][0],  # type: ignore[arg-type]
                status=status,
                sources=tuple(sources),
                voices=len(heard),
                evidence=tuple(evidence),
                conflicts=unique_conflicts,
                attributed_to=lead.speaker,
                hedged=all(m.found.hedged for m in members),
                confidence=confidence,
                shown_status=_shown_status(status, confidence, support),
            )
        )
    return tuple(
        sorted(out, key=lambda c: (_STATUS_ORDER[c.status], -c.voices, _first(c.evidence)))
    )


_STATUS_ORDER = {"contradicted": 0, "corroborated": 1, "single_source": 2}


def _support(
    rows: Sequence[int],
    statements: Sequence[Statement],
    vectors: Vectors,
    weights: Sequence[dict[str, float]],
    voice_of: dict[str, str],
) -> float:
    """A corroborated group's confidence: its best pair of statements by different voices
    (`support_confidence`)."""
    return max(_backing(rows, statements, vectors, weights, voice_of).values(), default=0.0)


def _backing(
    rows: Sequence[int],
    statements: Sequence[Statement],
    vectors: Vectors,
    weights: Sequence[dict[str, float]],
    voice_of: dict[str, str],
) -> dict[int, float]:
    """Each member's best `support_confidence` with a statement of another voice in the group
    (0 when none)."""
    best = dict.fromkeys(rows, 0.0)
    for x in rows:
        for y in rows:
            a, b = statements[x], statements[y]
            if x >= y or voice_of.get(a.article) == voice_of.get(b.article):
                continue
            sim = float(vectors[x] @ vectors[y])
            score = support_confidence(a, b, sim, lexical(weights[x], weights[y]))
            best[x], best[y] = max(best[x], score), max(best[y], score)
    return best


def _unbacked(
    rows: Sequence[int],
    statements: Sequence[Statement],
    vectors: Vectors,
    weights: Sequence[dict[str, float]],
    voice_of: dict[str, str],
) -> list[int]:
    """The members of a group shown as corroborated that no statement of another voice in it
    backs at `FLOORS.claim_status` (`support_confidence`): a group is judged by every
    sentence it cites, so a member joined through a chain of near neighbours ("Officials
    certified he was born there" / "he has shown a certificate") or a second sentence of
    one article on the same topic must not ride on the group's best pair. A group that
    reaches the floor nowhere is left whole (a reader sees none of it)."""
    if len(rows) < 2:
        return []
    best = _backing(rows, statements, vectors, weights, voice_of)
    if not shown(max(best.values()), FLOORS.claim_status):
        return []
    return [r for r in rows if not shown(best[r], FLOORS.claim_status)]


def _alone(
    rows: Sequence[int],
    statements: Sequence[Statement],
    pairs_of: dict[int, list[tuple[int, float]]],
    voice_of: dict[str, str],
) -> float:
    """A single-source group's confidence: lower the closer another voice's statement came
    to saying the same (it may be a paraphrase the grouping missed)."""
    voices_here = {voice_of.get(statements[r].article) for r in rows}
    closest = max(
        (
            sim
            for r in rows
            for j, sim in pairs_of.get(r, ())
            if voice_of.get(statements[j].article) not in voices_here
        ),
        default=0.0,
    )
    return round(min(1.0, max(0.5, 1.0 - max(0.0, closest - CANDIDATE))), 3)


def _shown_status(status: ClaimStatus, confidence: float, support: float) -> ClaimStatus:
    """What a reader is shown: the status when its confidence reaches the floor
    (`FLOORS.contradiction` for a contradicted group, `FLOORS.claim_status` else); else a
    contradicted group is shown as corroborated when its support does, and anything else
    as single_source (nothing said across outlets)."""
    if status == "single_source":
        return status
    floor = FLOORS.contradiction if status == "contradicted" else FLOORS.claim_status
    if shown(confidence, floor):
        return status
    if status == "contradicted" and shown(support, FLOORS.claim_status) and support > 0:
        return "corroborated"
    return "single_source"


def _first(spans: Sequence[Span]) -> tuple[str, int]:
    return spans[0].article_id, spans[0].start


def _representative(
    rows: list[int], vectors: Vectors, statements: Sequence[Statement]
) -> Statement:
    """The member closest to the group's centre; among near ties the shorter statement."""
    if len(rows) == 1:
        return statements[rows[0]]
    block = vectors[rows]
    centre = block.mean(axis=0)
    scores = block @ centre
    best = max(scores)
    near = [r for r, s in zip(rows, scores, strict=True) if s >= best - 0.02]
    return statements[min(near, key=lambda r: len(statements[r].text))]
