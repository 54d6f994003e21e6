"""Answers from the stored passages only: retrieve, re-rank, pick, merge, cite — or refuse.

Input: a question, a `StoryIndex`, optionally the encoder the index was built with. Output: a
`model.Answer` whose sentences are verbatim passages (a frame such as "Harbour Herald and
Continental Wire report: " is the only added wording), each citing the spans it rests on.

1. The question is read (`query.parse_question`): kind, entities, dates, terms, the position
   or quote it asks about, whether it asks about the past or the future. A capitalised name
   the story never uses ("What did China say?" of a story without China) is a refusal.
2. Candidates: the best passages by BM25 (question terms, entity terms, synonyms at half
   weight) and by cosine to the question's vector, every passage carrying a date the question
   names, and every passage that is evidence of the position asked about.
3. Each candidate is scored (the fusion): 0.6 x how much of the question it covers
   (IDF-weighted terms, names through any alias, the position asked about as one more term)
   + 0.4 x its cosine (rescaled), then weighted by whether it names the question's entities
   (or its neighbouring sentences or article do), carries the question's date, is evidence
   for the position or quote asked about, and holds the kind of value asked for (a date for
   `when`, a duration for `how_long`, a counted number for `how_many`, a person or body for
   `who`, a place for `where`) near the question's words. A passage about what will happen
   loses half its weight when the question asks what happened; dates after the article's
   publication cannot answer "when did …", dates before it cannot answer "when will …".
4. Below `ANSWER_THRESHOLD` (or with no passage holding the value asked for, or, for "has X
   happened?", only passages that speak of X as planned) the answer is a refusal: "the
   sources don't say", with the two or three closest passages.
5. Otherwise the best passage answers, with the value pulled from it. Passages of other
   outlets that say the same (vector cosine >= `SAME_THING`) are merged into its sentence,
   under a frame naming the outlets; passages of other outlets that give the same value in
   other words follow as sentences of their own. Passages giving an incompatible value for
   the same thing, or that the compare stage found contradicting the answer on what was asked
   (the count, the date, yes or no), are shown as the other side (`disagreement`).
6. "What happened on <date>?": the passages dated that day closest to the mean vector of all
   of them (what most of the day's passages agree on), leads and statements before questions
   and forecasts, merged across outlets.
7. Follow-up questions come from the index's pool of verified questions, ranked by what they
   share with the answer, each re-checked here before it is offered.

Thresholds were tuned by hand on the development half of tests/gold/ask-questions.json
(bench/ask.py reports both halves). Known limits: extractive only, so an answer is as clear as
the sentence it quotes; kinds and values come from patterns, not a parser; "yes"/"no" is never
said, the sentences say it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from newsprism.ask.index import DateMention, Passage, StoryIndex, Vectors
from newsprism.ask.query import Query
from newsprism.ask.retrieve import (
    SINCE_CUE,
    VALUE_KINDS,
    Scored,
    Value,
    rank_passages,
    value_anchors,
    value_distance,
)
from newsprism.ask.terms import stem, tokens
from newsprism.confidence import FLOORS, shown
from newsprism.model import Answer, CitedSentence, Span, word_set

if TYPE_CHECKING:
    from newsprism.embedding import Encoder

ANSWER_THRESHOLD = 0.5  # score below which the sources are taken not to answer
EXTRA_THRESHOLD = 0.4  # a further answer sentence, once the best one has answered
HAPPENED_LEAD = 0.15  # "what happened on …": a sentence among its article's first three
MAX_SENTENCES = 3
SAME_THING = 0.72  # passage-vector cosine at which two outlets say the same
SAME_VALUE = 0.3  # … enough, for two passages that answer with a value, to be on one thing
_OCCURRED = re.compile(
    r"\b(?:taken place|take place|happened|happen|occurred|occur|begun|begin|started|start|"
    r"ended|end|finished|finish|carried out|completed|been held)\b",
    re.I,
)
_PLANNED = word_set(
    "to will would shall expected due planned plan agreed agreement deal pledged promised "
    "set scheduled ready"
)


# --- public ---------------------------------------------------------------------------------


def question_vector(text: str, index: StoryIndex, encoder: Encoder | None) -> Vectors | None:
    """The question's vector, when the encoder is the one the index was built with."""
    if encoder is None or index.vectors is None or encoder.id != index.encoder_id:
        return None
    vector: Vectors = encoder.encode([text])[0]
    return vector


def answer_text(answer: Answer, outlets: Mapping[str, str]) -> str:
    """The answer as the command line prints it: the value first, then each sentence with its
    outlets in brackets (`outlets`: article id -> outlet), then the follow-up questions; a
    refusal says so and lists the closest passages."""
    lines = []
    if answer.refused:
        lines += ["The sources don't say.", "Closest passages:"]
    elif answer.value:
        lines.append(answer.value)
    if answer.disagreement:
        lines.append("The sources disagree:")
    for s in answer.sentences:
        names = dict.fromkeys(outlets.get(c.article_id, c.article_id) for c in s.citations)
        cited = " ".join(f"[{n}]" for n in names)
        lines.append(f"{'  ' if answer.refused else ''}{s.text} {cited}")
    if answer.follow_ups:
        lines.append("Follow-up questions:")
        lines += [f"  - {q}" for q in answer.follow_ups]
    return "\n".join(lines)


# --- answering ------------------------------------------------------------------------------


def answer_query(query: Query, index: StoryIndex, vector: Vectors | None) -> Answer:
    """The answer to a parsed question (no follow-ups)."""
    return scored_answer(query, index, vector)[0]


def scored_answer(query: Query, index: StoryIndex, vector: Vectors | None) -> tuple[Answer, float]:
    """The answer and the score of the passage it rests on (0 for a refusal; 1 for a
    "what happened on" answer, whose passages are ranked on another scale)."""
    ranked = rank_passages(query, index, vector)
    if query.unknown_names:  # it asks about someone or something the sources never name
        return _refusal(query, index, ranked), 0.0
    if _unquoted(query, index):  # "What did X say?" of someone the sources never quote
        return _refusal(query, index, ranked), 0.0
    if query.kind == "happened":
        answer = _answer_happened(query, index, ranked)
        if not answer.refused and not shown(answer.confidence, FLOORS.answer):
            return replace(_refusal(query, index, ranked), confidence=answer.confidence), 0.0
        return answer, 0.0 if answer.refused else 1.0
    usable = [s for s in ranked if s.score >= ANSWER_THRESHOLD]
    if query.kind in VALUE_KINDS:
        usable = [s for s in usable if s.value is not None]
    if query.roles == ("quote",) and any(
        index.entities[e].kind == "person" for e in query.entities
    ):
        # "What did X say?" is answered by X's own words (a quote the story attributes to X,
        # shown to a reader), not a sentence that only names X ("Cowan said Patrick offered
        # him the job" is Cowan speaking; "McCarthy's district is …" is no one's words); a
        # body's words come through spokespeople the story may not resolve to it, so it is
        # not held to this
        usable = [
            s
            for s in usable
            if "role" in s.notes
            and not another_speaks(index, _shown(index, s.passage), set(query.entities))
        ]
    if not usable or _only_expected(query, ranked):
        return _refusal(query, index, ranked), 0.0
    # a sentence that is a piece of something else (a cut quote, a caption run into the next
    # line, a reader's "!") answers only when nothing whole does
    usable = [s for s in usable if not cut_off(_shown(index, s.passage).text)] or usable
    best = usable[0]
    if query.kind == "when" and best.value is not None and best.value.kind == "duration":
        # "when" asks for a date; "in four years" only answers when no passage nearly as good
        # gives one
        dated = [s for s in usable if s.value is not None and s.value.kind == "date"]
        if dated and dated[0].score >= 0.9 * best.score:
            best = dated[0]
    answer = _compose(query, index, best, usable, ranked)
    confidence = answer_confidence(query, best, answer, ranked)
    answer = replace(answer, confidence=confidence)
    if not shown(confidence, FLOORS.answer):
        # right or silent: a value this weakly supported is not asserted; the passages are
        # given as the closest ones, and the withheld answer's confidence stays on the record
        return replace(_refusal(query, index, ranked), confidence=confidence), 0.0
    return answer, best.score


def answer_confidence(query: Query, best: Scored, answer: Answer, ranked: list[Scored]) -> float:
    """How sure the answer is (0–1, 3 decimals), from what the ranking saw of its passage:
    how far its score clears `ANSWER_THRESHOLD` (0.5 at the threshold, 0.9 at 0.3 above it),
    more for each further outlet that says the same (+0.05, at most +0.1) and when the passage
    holds three quarters of the question's weighted terms (+0.05); less (-0.05 each) when it
    only partly names the question's entities, lacks its date, or speaks of the future when
    the question asks what happened, when it covers under a third of the question's terms
    (-0.1), gives the value far from the question's words (-0.15), or when the outlets
    disagree on the answer (-0.05).

    Calibration: hand-set so that every correct answer of the hand gold's dev split stays at
    or above `FLOORS.answer`; checked on the suggested questions' answers of the example
    corpora (bench/RESULTS.md). Limits: a score from rules, not a fitted probability."""
    strength = min(max((best.score - ANSWER_THRESHOLD) / 0.3, 0.0), 1.0)
    confidence = 0.5 + 0.4 * strength
    outlets = {c.article_id for c in answer.sentences[0].citations} if answer.sentences else set()
    confidence += min(0.05 * max(len(outlets) - 1, 0), 0.1)
    notes = " ".join(best.notes)
    # the score already weighs these down; what is left is doubt about what the passage is of
    confidence -= 0.05 * sum(cue in notes for cue in ("entities", "no date", "forecast"))
    if best.coverage >= 0.75:
        confidence += 0.05  # nearly every word of the question is in the passage
    elif best.coverage < 1 / 3:
        confidence -= 0.1
    if best.value is not None and query.kind in VALUE_KINDS:
        anchors = value_anchors(query, best.passage)
        if anchors and value_distance(best.value, anchors) > 80:
            confidence -= 0.15  # the value stands far from what the question asks about
    if answer.disagreement:
        confidence -= 0.05
    return round(min(max(confidence, 0.0), 1.0), 3)


# verbs that introduce someone's words ("Cowan said …", "Alvarez claims that …")
_SAYS = re.compile(
    r"\b(?:said|says|told|tells|claim(?:s|ed)?|added|adds|stated|testifie[sd]|testify|wrote|"
    r"writes|recalled|recalls|insist(?:s|ed)|argue[sd]|responded|explained|noted|according to)\b"
)


def another_speaks(index: StoryIndex, p: Passage, wanted: set[int]) -> bool:
    """Whether the words of `p` are another person's report about the people asked about
    (`wanted`, entity indexes): before its first verb of saying it names a person, and none
    of `wanted` ("Cowan said Patrick offered him the job" is Cowan's, not Patrick's; "One of
    Jackson's bodyguards, Alberto Alvarez, claims that Conrad Murray …" is Alvarez's)."""
    said = _SAYS.search(p.text)
    if said is None:
        return False
    before = [m.entity for m in p.names if m.start - p.start < said.start()]
    # an inverted attribution names its speaker right after the verb ('"…," said Malik
    # Peiris, a virologist'; "said physical oceanographer Ian MacDonald")
    after = [
        m.entity
        for m in p.names
        if 0 <= m.start - p.start - said.end() <= 40
        and not re.search(r"[,.;:\"“”]", p.text[said.end() : m.start - p.start])
    ]
    if set(before + after) & wanted:
        return False
    return any(index.entities[e].kind == "person" for e in before)


def _unquoted(query: Query, index: StoryIndex) -> bool:
    """Whether the question asks what someone said (and nothing else of them) while the
    story's quotes give no words of any entity it names."""
    if query.roles != ("quote",) or not query.entities:
        return False
    quoted = {
        int(role.partition(":")[2])
        for pid in index.roled.get("quote", ())
        for role in index.passages[pid].roles
        if role.startswith("quote:")
    }
    return not quoted & set(query.entities)


def _only_expected(query: Query, ranked: list[Scored]) -> bool:
    """A yes/no question whether an event has happened ("Has the exchange taken place?"),
    when the passages about it speak of it only as still to come ("agreed to exchange", "the
    exchange will …"): the sources do not say it has happened."""
    if query.kind != "yes_no" or not query.past or not query.terms:
        return False
    if not _OCCURRED.search(query.text):
        return False
    head = query.terms[-1]  # "the detainee exchange": its last word names the event
    about = [s for s in ranked[:10] if head in s.passage.terms][:6]
    return bool(about) and not any(_states_done(s.passage, head) for s in about)


def _states_done(p: Passage, head: str) -> bool:
    """Whether the passage mentions the event `head` otherwise than as planned."""
    if p.forecast:
        return False
    words = list(re.finditer(r"[^\W_]+", p.text))
    for i, m in enumerate(words):
        if stem(m.group(0).lower()) != head:
            continue
        before = {w.group(0).lower() for w in words[max(0, i - 3) : i]}
        after = {w.group(0).lower() for w in words[i + 1 : i + 3]}
        if before & _PLANNED or after & {"will", "is", "would", "shall"}:
            continue
        return True
    return False


# --- composing ------------------------------------------------------------------------------


def _compose(
    query: Query, index: StoryIndex, best: Scored, usable: list[Scored], ranked: list[Scored]
) -> Answer:
    shown = _shown(index, best.passage)
    side = _agreeing(index, best, ranked)
    others = _other_side(query, index, best, side, ranked)
    sentences = []
    disagreement = bool(others)
    if disagreement:
        sides = sorted([side, others[0]], key=lambda s: -len({x.passage.outlet for x in s}))
        for group in sides:
            merged, _ = _same_words(index, group)
            sentences.append(_cited(index, merged, kind="disagreement", framed=True))
        first = sides[0][0]
        value = first.value or best.value
    else:
        merged, separate = _same_words(index, side)
        sentences.append(_cited(index, merged, kind=_kind_of(shown), framed=len(merged) > 1))
        value = best.value
        taken = {index.passages[x.passage.sentence].id for x in side}
        # other outlets giving the same value in other words: each its own cited sentence
        more = [[x] for x in separate]
        more += _extras(query, index, best, ranked, taken)
        for extra in more:
            if len(sentences) >= MAX_SENTENCES:
                break
            sentences.append(
                _cited(index, extra, kind=_kind_of(extra[0].passage), framed=len(extra) > 1)
            )
            taken |= {index.passages[x.passage.sentence].id for x in extra}
    return Answer(
        question=query.text,
        refused=False,
        sentences=tuple(sentences),
        value=value.text if value else None,
        value_kind=value.kind if value else None,
        disagreement=disagreement,
        story_id=index.story_id,
    )


def _shown(index: StoryIndex, p: Passage) -> Passage:
    """What an answer quotes for a passage: a clause's whole sentence unless that is long."""
    if p.kind == "clause":
        home = index.passages[p.sentence]
        if len(tokens(home.text)) <= 45:
            return home
    return p


def _says_the_same(index: StoryIndex, lead: Scored, s: Scored, top: float) -> bool:
    """Whether `s` reports what `lead` does: near the same words, or, when `lead` gives the
    value asked for, close enough and nearly as well retrieved (`top`: the best score)."""
    close = _similar(index, lead.passage, s.passage)
    return close >= SAME_THING or (
        lead.value is not None and s.score >= 0.8 * top and close >= SAME_VALUE
    )


def _agreeing(index: StoryIndex, best: Scored, ranked: list[Scored]) -> list[Scored]:
    """The best passage and, per other outlet, the passage that says the same."""
    group = [best]
    outlets = {best.passage.outlet}
    for s in ranked:
        if s.passage.outlet in outlets or s.score < 0.6 * best.score:
            continue
        if best.value is not None and (s.value is None or s.value.key != best.value.key):
            continue
        if _says_the_same(index, best, s, best.score):
            group.append(s)
            outlets.add(s.passage.outlet)
    return group


def _same_words(index: StoryIndex, side: list[Scored]) -> tuple[list[Scored], list[Scored]]:
    """The passages of a side that say what its first says (merged into one sentence under a
    frame naming their outlets), and those that only give the same value."""
    merged = [side[0]]
    separate = []
    for s in side[1:]:
        if _similar(index, side[0].passage, s.passage) >= SAME_THING:
            merged.append(s)
        else:
            separate.append(s)
    return merged, separate


def _other_side(
    query: Query, index: StoryIndex, best: Scored, side: list[Scored], ranked: list[Scored]
) -> list[list[Scored]]:
    """Passages that answer the same question differently: a contradiction the compare stage
    found that bears on the answer (the same count or date, or the opposite polarity for a
    yes/no question), or another outlet's incompatible value for the same thing."""
    if query.kind not in ("when", "how_many", "yes_no", "what"):
        return []
    in_side = {s.passage.id for s in side} | {s.passage.sentence for s in side}
    side_outlets = {s.passage.outlet for s in side}
    by_id = {s.passage.id: s for s in ranked}
    candidates: list[Scored] = []
    mine = dict.fromkeys(i for x in side for i in (x.passage.id, x.passage.sentence))
    for pid in mine:
        for c in index.passages[pid].conflicts:
            if not _bears(query, best, c.slot, c.value):
                continue
            other = by_id.get(c.passage) or by_id.get(index.passages[c.passage].sentence)
            if other is None or other.passage.id in in_side or other.score < 0.5 * best.score:
                continue
            if other.passage.outlet in side_outlets:
                continue
            if query.kind in ("when", "how_many") and (
                other.value is None or best.value is None or _compatible(other.value, best.value)
            ):
                continue
            candidates.append(other)
    if not candidates and best.value is not None and query.kind in ("when", "how_many"):
        for s in ranked:
            if s.passage.id in in_side or s.value is None or s.passage.outlet in side_outlets:
                continue
            if _compatible(s.value, best.value) or s.score < 0.8 * best.score:
                continue
            if s.value.kind == "date" and len(s.value.key) != len(best.value.key):
                continue  # "2022" against "2025-05-15": different things, not a dispute
            if _elsewhere(index, best.passage, s.passage):
                continue  # nine students in New York, ten in New Zealand: not a dispute
            if _similar(index, best.passage, s.passage) >= SAME_VALUE:
                candidates.append(s)
                break
    if not candidates:
        return []
    first = candidates[0]
    group = [first]
    outlets = {first.passage.outlet}
    for s in ranked:
        if s.passage.outlet in outlets | side_outlets or s.passage.id in in_side:
            continue
        if first.value is not None and (s.value is None or not _compatible(s.value, first.value)):
            continue
        if s.score < 0.6 * best.score:
            continue
        if _says_the_same(index, first, s, best.score):
            group.append(s)
            outlets.add(s.passage.outlet)
    return [group]


def _elsewhere(index: StoryIndex, a: Passage, b: Passage) -> bool:
    """Whether two passages are about different places: each names a place or state and they
    share none."""

    def places(p: Passage) -> set[int]:
        return {e for e in p.entities if index.entities[e].kind in ("place", "state")}

    pa, pb = places(a), places(b)
    return bool(pa) and bool(pb) and not pa & pb


def _bears(query: Query, best: Scored, slot: str, value: str) -> bool:
    """Whether a contradiction on `slot` (the answer's side holding `value`) is about what the
    question asks: the date or count the answer gives, or, for yes/no questions, polarity."""
    if query.kind in ("yes_no", "what"):
        return slot == "negation"
    if best.value is None:
        return False
    if query.kind == "when" and slot in ("date", "elapsed"):
        return value[:7] == best.value.key[:7] or best.value.key.startswith(value)
    if query.kind == "how_many" and slot == "number":
        head = value.split(" ", 1)[0]
        try:
            return f"{float(head):g}" == best.value.key
        except ValueError:
            return False
    return False


def _compatible(a: Value, b: Value) -> bool:
    """Whether two values can both be true: equal, one date inside the other (a day in its
    month, week or season), or numbers whose ranges meet ("about 4,000" and "thousands")."""
    if a.key == b.key or a.kind != b.kind:
        return a.key == b.key or a.kind != b.kind
    if a.kind == "number":
        return a.low <= b.high and b.low <= a.high
    if a.kind != "date":
        return False
    return _inside(a.key, b.key) or _inside(b.key, a.key)


_SEASON_MONTHS = {"SP": (3, 4, 5), "SU": (6, 7, 8), "FA": (9, 10, 11), "WI": (12, 1, 2)}


def _inside(day: str, wider: str) -> bool:
    if day.startswith(wider):
        return True
    m = re.fullmatch(r"(\d{4})-W(\d{2})", wider)
    if m and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        import datetime as dt

        iso = dt.date.fromisoformat(day).isocalendar()
        return (iso.year, iso.week) == (int(m.group(1)), int(m.group(2)))
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", wider)
    if m and re.fullmatch(r"\d{4}-\d{2}.*", day):
        return day[:4] == m.group(1) and int(day[5:7]) in _SEASON_MONTHS[m.group(2)]
    return False


def _extras(
    query: Query, index: StoryIndex, best: Scored, ranked: list[Scored], taken: set[int]
) -> list[list[Scored]]:
    """Further answer sentences: for open questions, other passages nearly as good that say
    something else; for a value question whose passage names the value only in the next
    sentence, none (the value's passage is the answer)."""
    if query.kind in VALUE_KINDS or query.kind == "yes_no":
        return []
    out = []
    for s in ranked[1:]:
        home = index.passages[s.passage.sentence].id
        if home in taken or s.score < max(0.85 * best.score, EXTRA_THRESHOLD):
            continue
        if _similar(index, best.passage, s.passage) >= SAME_THING:
            continue
        if "role" in best.notes and "role" not in s.notes:
            continue
        out.append([s])
        taken = taken | {home}
    return out


def _similar(index: StoryIndex, a: Passage, b: Passage) -> float:
    if index.vectors is None:
        ta, tb = set(a.terms), set(b.terms)
        return len(ta & tb) / max(len(ta | tb), 1)
    return float(index.vectors[a.id] @ index.vectors[b.id])


def _kind_of(p: Passage) -> str:
    if any(r.startswith("quote:") for r in p.roles) and ("“" in p.text or '"' in p.text):
        return "quote"
    return "forecast" if p.forecast else "fact"


def _cited(index: StoryIndex, group: list[Scored], *, kind: str, framed: bool) -> CitedSentence:
    """One answer sentence: the first passage's words verbatim (its sentence when it is a
    clause of a short sentence), citing every passage of the group, one per outlet."""
    first = _shown(index, group[0].passage)
    spans: list[Span] = [first.span]
    outlets = [first.outlet]
    for s in group[1:]:
        p = _shown(index, s.passage)
        if p.outlet in outlets:
            continue
        spans.append(p.span)
        outlets.append(p.outlet)
    frame = ""
    if (framed or kind == "disagreement") and not any(re.search(r"\d", o) for o in outlets):
        frame = _frame(outlets)  # an outlet known only by a file name ("003_0b26…") is not named
    sources = tuple(dict.fromkeys(s.article_id for s in spans))
    return CitedSentence(
        text=frame + first.text, citations=tuple(spans), frame=frame, kind=kind, sources=sources
    )


def _frame(outlets: Sequence[str]) -> str:
    names = list(dict.fromkeys(outlets))
    if len(names) == 1:
        return f"{names[0]} reports: "
    return f"{', '.join(names[:-1])} and {names[-1]} report: "


def _answer_happened(query: Query, index: StoryIndex, ranked: list[Scored]) -> Answer:
    """ "What happened on <date>?": the passages dated that day that most of the day's
    passages agree with (closest to their mean vector), merged across outlets."""
    dated = [
        s
        for s in ranked
        if s.passage.kind == "sentence"
        and _dated_event(query, s.passage)
        and not cut_off(s.passage.text)  # a caption run into a dated entry, a cut quote
    ]
    if not dated:
        return _refusal(query, index, ranked)
    ids = [s.passage.id for s in dated]
    if index.vectors is not None:
        block = index.vectors[ids]
        centre = block.mean(axis=0)
        central = block @ (centre / max(float(np.linalg.norm(centre)), 1e-9))
    else:
        pooled: dict[str, int] = {}
        for s in dated:
            for t in set(s.passage.terms):
                pooled[t] = pooled.get(t, 0) + 1
        central = np.array(
            [
                sum(pooled[t] for t in set(s.passage.terms)) / (len(s.passage.terms) + 5)
                for s in dated
            ]
        )
        central = central / max(float(central.max()), 1e-9)
    rescored = []
    for s, c in zip(dated, central, strict=True):
        p = s.passage
        score = float(c) + HAPPENED_LEAD * (p.order <= 2) - 0.15 * p.forecast + 0.1 * s.coverage
        score -= 0.2 * p.text.rstrip("”\"' ").endswith("?")  # a question reports nothing
        score -= 0.05 * max(len({d.value for d in p.dates}) - 1, 0)
        score -= 0.1 * opens_badly(p.text)  # "He was in court …": whose day is it?
        rescored.append(Scored(passage=p, score=score, coverage=s.coverage, cosine=s.cosine))
    rescored.sort(key=lambda s: (-s.score, s.passage.id))
    best = rescored[0]
    group = _agreeing(index, best, rescored)
    sentences = [_cited(index, group, kind="date", framed=len(group) > 1)]
    taken = {best.passage.id} | {s.passage.id for s in group}
    for s in rescored[1:]:
        if s.passage.id in taken or s.score < 0.9 * best.score:
            continue
        if _similar(index, best.passage, s.passage) >= SAME_THING:
            continue
        sentences.append(_cited(index, [s], kind="date", framed=False))
        break
    # sure of a day's answer as far as outlets agree on it and it reports, not forecasts
    lead = best.passage
    confidence = 0.6 + min(0.05 * (len({s.passage.outlet for s in group}) - 1), 0.15)
    if lead.forecast or lead.text.rstrip("”\"' ").endswith("?"):
        confidence -= 0.2
    if opens_badly(lead.text):
        confidence -= 0.15  # under the floor: a reader cannot tell who or what the day is of
    return Answer(
        question=query.text,
        refused=False,
        sentences=tuple(sentences),
        value=None,  # the day is the question's own: the answer is what happened, not it
        value_kind=None,
        story_id=index.story_id,
        confidence=round(confidence, 3),
    )


_PRONOUN_OPENING = re.compile(r"^[\"“‘']?(?:he|she|it|they|his|her|its|their)\b", re.I)


def _quoted(before: str) -> bool:
    """Whether the text after `before` stands inside a direct quotation (an odd number of
    straight double quotes before it, or more opening than closing curly ones)."""
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def opens_badly(text: str) -> bool:
    """Whether a sentence cannot stand alone as an answer: it opens on a pronoun it does not
    resolve ("He was in court on Monday …") or mid-way through something ("N) spill is gone
    …", a lower-case or bracketed start)."""
    head = text.lstrip()
    return (
        bool(_PRONOUN_OPENING.match(head))
        or not head[:1].isupper()
        and head[:1] not in "\"“‘'0123456789"
    )


def cut_off(text: str) -> bool:
    """Whether a sentence is a piece of something else, not a statement a reader can check
    on its own: it starts inside a quotation the sentence before opened ("I love that,”
    Mr. Biden said."; "… has gone with him.\""), leaves a bracket open or closes one it did
    not open ("fed to the paper by the Linda McMahon ["), runs a caption or list entry into
    the next one with no stop between ("… throughout the trial 29 September 2011 Jackson's
    bodyguard testifies …", "… unless Gaddafi goes A Libyan army tank …", "By the CNN Wire
    Staff NEW: …", a clock stamp, a byline; a backtick for a quotation mark marks a
    headline list), is a short headline or cut clause with no stop at its end ("U.S.
    President Barack Obama said"), or is a reader's informal line, ending on "!" or ".."
    outside a quotation ("This was a ridiculous show yesterday!", "A cat has 9 lives..").
    Limits: surface patterns; a sentence whose quote the splitter cut with balanced marks on
    each side is not seen."""
    body = text.strip()
    if _opens_inside_quote(body):
        return True
    if body.count("[") != body.count("]") or body.count("(") != body.count(")"):
        return True
    if _RUN_ON.search(body) or _PAGE_TAGS.search(body) or "`" in body:
        return True
    if not _STOPPED.search(body) and len(body.split()) < 15:
        return True  # a headline or a cut clause: "Clinton warns of Libya civil war (1:23)"
    return bool(_INFORMAL_END.search(body))


def _opens_inside_quote(text: str) -> bool:
    """Whether the sentence began inside someone's words (its first quotation mark closes a
    quotation: it follows a word or a stop, not a space or the start) and the piece is too
    short to stand alone (under four words: "I love that,” Mr. Biden said.") or no one is
    named after it ("… has gone with him.\"": whose words?). "This is how we will be
    judged," Obama said. stands: a whole clause, and its speaker."""
    for i, ch in enumerate(text):
        if ch == "“":
            return False
        if ch == "”" or (
            ch == '"' and i > 0 and not text[i - 1].isspace() and text[i - 1] not in "([{:—–-"
        ):
            attribution = text[i + 1 :].strip(" .,;")
            return len(text[:i].split()) < 4 or len(attribution.split()) < 2
        if ch == '"':
            return False
    return False


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
# a full date between a lower-case word that is no preposition and a capitalised word: a
# caption or a dated list entry glued to the next ("the trial 29 September 2011 Jackson's");
# or a capitalised article right after a lower-case word ("goes A Libyan army tank")
_RUN_ON = re.compile(
    r"\b(?!(?:on|by|since|until|till|from|to|of|in|before|after|between|through|and|or|"
    r"the|that|than|at|for|as|dated|late|early)\b)[a-z]{2,}\s+"
    rf"(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}),?\s+[A-Z]"
    r"|\b[a-z]{2,}\s+A\s+(?!(?:and|or|to|is|was|in|of|on)\b)[A-Za-z]{2,}"
)
# a live page's tags, bylines and clock stamps run into the text: "By the CNN Wire Staff
# NEW: …", "By Ana Weber, CNN Valdorian …", "March 1, 2011 at 6:19 pm | America should …",
# "2010; 9:30 PM The official …"; and a caption glued to the sentence after it ("… beaches
# and marshes In a speech …")
_PAGE_TAGS = re.compile(
    r"\b(?:NEW|UPDATE|UPDATED|BREAKING):\s|^By (?:the )?(?:[A-Z]\w* )+Staff\b"
    r"|^(?:By|From)\s+[A-Z][\w.' -]{2,60}?,\s+[A-Z]{2,}\s+[A-Z]"
    r"|\b\d{1,2}:\d{2}\s*(?:(?:[ap]\.?m\.?|[AP]M)(?:\s+[A-Z]{2,4}\b)?|[A-Z]{2,4}\b)\s*\|?\s*[A-Z]"
    r"|(?:\b[a-z]{2,}|[a-z][\"”])\s+(?:In|On|At|As|After|When|While|The|An|It|It[’']s)\s+[a-z]"
)
_STOPPED = re.compile(r"[.!?:;][\"”’')\]]*$")
_INFORMAL_END = re.compile(r"(?:!|[^.]\.\.)\s*$")


def _dated_event(query: Query, p: Passage) -> bool:
    """Whether the passage dates something on the question's date ("on 20 April"), not only
    bounds an interval with it ("since 20 April"), names a wider time around it ("this
    month" for a question about a day), names a thing by it ("the events of 1 April") or
    stamps the page with it ("28 April 2009 18.17 BST")."""
    return any(
        c.matches(d.value)
        and len(d.value.split("T")[0]) >= len(c.value)  # "this month" does not date a day
        and not SINCE_CUE.search(p.text[: d.start - p.start])
        and not _NOUN_DATE.search(p.text[: d.start - p.start])
        and not _STAMP.match(p.text, d.end - p.start)
        and own_time(d, p.published)
        and not reports_only(d)
        and not _quoted(p.text[: d.start - p.start])  # "what I know today": the speaker's time
        and not _SIDE_CLAUSE.match(p.text[: d.start - p.start])
        and not _TRAILING_SIDE.search(p.text[: d.start - p.start])
        and not _not_done(p, d)
        for c in query.dates
        for d in p.dates
        if d.value[:1].isdigit()
    )


# a negation or a modal before the dated verb: nothing is said to have happened that day
_NOT_DONE = word_set("not never could may might should can cannot must")


def _not_done(p: Passage, d: DateMention) -> bool:
    """Whether the date's verb (as the parse gives it) is negated or under a modal: "But on
    Friday, it did not appear that …", "the storm could reach the spill area by early on
    Saturday" report no event of that day. The verb's occurrence nearest the date is read,
    with the three words before it. A date without a parsed verb passes."""
    if not d.verb:
        return False
    words = list(re.finditer(r"[\w'’]+", p.text))
    at = [i for i, m in enumerate(words) if m.group(0) == d.verb]
    if not at:
        return False
    here = d.start - p.start
    i = min(at, key=lambda j: abs(words[j].start() - here))
    before = [w.group(0).lower() for w in words[max(0, i - 3) : i]]
    return any(w in _NOT_DONE or w.endswith(("n't", "n’t")) for w in before)


_OWN_ROLES = frozenset({"predicate", "argument"})


def own_time(d: DateMention, published: str | None) -> bool:
    """Whether a date is when its clause's own event happened, as the parse reads it: it
    modifies the clause's verb or the event noun that is its subject or object ("met on
    Thursday", "the talks on Thursday ended"), not a noun elsewhere ("the shooting of a
    teenager on Aug. 9", "Saturday's straw poll"), a relative clause ("the event, which takes
    place on 8 October") or a dateline; the verb is not future ("NATO would take control on
    Wednesday"); and the day is not after the article's publication. A date of an index built
    without the parse (no role) passes the first two checks."""
    if d.role and (d.role not in _OWN_ROLES or d.tense == "future"):
        return False
    return not (published and d.value[:10] > published[: len(d.value[:10])])


# verbs whose date is when something was said or came out, not when what it reports happened
# ("… have issued subpoenas, the lawyer said Thursday"; "Today, it emerged that …")
_REPORTING = word_set(
    "said says say told tells added noted stated emerged reported confirmed wrote writes"
)


def reports_only(d: DateMention) -> bool:
    """Whether a date (with the parse's reading) dates only the reporting verb of a sentence
    ("scientists said on Wednesday"): "What happened on D?" is then not answered by what
    they said."""
    return d.verb.lower() in _REPORTING


# "When Cantor lost his seat Tuesday, conservatives were not prepared …": the date sits in an
# opening side clause, so it dates the background, not the sentence's main event
_SIDE_CLAUSE = re.compile(
    r"^\W*(?:when|as|after|while|before|until|once|since|if|though|although|because)\b"
    r"[^,;:—–]*$",
    re.IGNORECASE,
)
# "We changed our mind after Gadhafi addressed the country on Monday": a side clause after
# the main one, its date the background's ("as" and "since" are left out here: "as part of",
# "since Friday" have their own readings)
_TRAILING_SIDE = re.compile(
    r"\b(?:when|after|while|before|until|once|because|although|though|whereas)\b[^,;:—–]*$",
    re.IGNORECASE,
)
# "the events of 1 and 2 April", "the Sept 11, 2001, attacks": a date naming a thing, not
# the time of what the sentence reports
_NOUN_DATE = re.compile(r"\b(?:of|the)\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:and|or|to)\s+)?$", re.I)
# "Tuesday 28 April 2009 18.17 BST": a page's time stamp
# … or "28 September 2011 Last updated at 15:41 GMT"
_STAMP = re.compile(r"\s*,?\s*(?:(?:last\s+)?updated(?:\s+at)?:?\s+)?\d{1,2}[.:]\d{2}\b", re.I)


def _refusal(query: Query, index: StoryIndex, ranked: list[Scored]) -> Answer:
    """The sources do not answer: the two or three closest passages, from distinct sentences."""
    closest: list[CitedSentence] = []
    seen: set[int] = set()
    for s in ranked:
        p = _shown(index, s.passage)
        if p.sentence in seen:
            continue
        seen.add(p.sentence)
        closest.append(
            _cited(
                index,
                [Scored(passage=p, score=s.score, coverage=0, cosine=0)],
                kind=_kind_of(p),
                framed=False,
            )
        )
        if len(closest) == 3:
            break
    return Answer(
        question=query.text, refused=True, sentences=tuple(closest), story_id=index.story_id
    )
