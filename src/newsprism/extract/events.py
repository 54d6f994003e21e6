"""Who did what to whom: PLOVER events with actor, target, mode, date and evidence.

An event is a verb of a sentence that the lexicon below codes as one of PLOVER's 16 event
types, read off the dependency parse:

- **Type.** `LEXICON` maps a verb lemma to a type. Some verbs code only with the right object
  or particle (`OBJECT_RULES`): "sign/reach/yield/seal an agreement" is AGREE, "impose
  sanctions" SANCTION, "lift/ease sanctions" CONCEDE, "send troops" MOBILIZE but "send aid"
  AID, "provide weapons" AID, "take a village" ASSAULT, "suspend/halt/cut aid or ties"
  SANCTION, "hold/attend/resume talks" CONSULT, "launch an attack" ASSAULT, "issue an
  ultimatum" THREATEN, "call for/on" REQUEST, "pull out/back" RETREAT, "rule out" REJECT,
  "walk away" REJECT; "strike" is ASSAULT with an object and PROTEST without one.
  Statements ("say", "tell") are not events: PLOVER leaves public statements out.
- **Actor.** The verb's subject (through infinitive, participle and conjoined verbs, so
  "Russia invaded and annexed" gives both events to Russia); for a passive the "by" agent, and
  the passive subject is then the target. A relative pronoun stands for the noun it modifies.
- **Target.** For requests, threats and accusations, the person asked, threatened or accused
  (the object, or the subject of the demanded clause: "insisted that Kyiv pull" -> Kyiv);
  otherwise the first object or "with/to/against/on/from" object that names an actor. An actor
  "X and Y" of a reciprocal verb (agree, meet, negotiate, sign, fight, …) with no other
  target gives X as actor and Y as target.
- **Mode.** `negated`: the verb is negated ("did not attend") or is what someone refused or
  failed to do. `hypothetical`: the verb sits in an if/unless/whether clause, carries
  could/might/may/should, is what someone demanded, urged or threatened, or "would" outside
  reported speech. `future`: will/shall/"going to", what someone agreed, offered, planned or
  promised to do, "would" in reported speech ("said they would return"), or a date after the
  publication day. Otherwise `asserted`.
- **Date.** The time expression that modifies the verb itself, as the parse shows it
  (`extract.anchors`: "met on Thursday", "the talks in 2022 ended"), never one elsewhere in
  the sentence ("a Bible given by his mother in 1955", "the 2016 election"); a weekday is
  placed by the verb's tense. No such expression, no date: the publication day is not taken
  as the event's day. (Without anchors, the old reading: the nearest expression in the clause.)
- **Furniture.** Verbs in bylines, captions, wire trailers and reader comments
  (`newsprism.furniture`) code no event.
- **Entities.** `actor_ref`/`target_ref` name the mention the phrase resolves through: the
  name at its head ("Donald Trump"), else a name modifying the head ("Russian forces" ->
  Russian, "Ukraine's delegation" -> Ukraine). The story stage maps mentions to entities.

Evidence is the sentence and the trigger verb.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsprism.extract.parse import (
    antecedent,
    doc_text,
    parse_texts,
    passive_agent,
    past_dateline,
    phrase,
    quoted_spans,
    subject_of,
    subtree_range,
    trim,
)
from newsprism.furniture import furniture, inside
from newsprism.model import FoundEvent, FoundStance, Range, TimeAnchor, TimeRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _words(kind: str, words: str) -> dict[str, str]:
    return {w: kind for w in words.split()}


LEXICON: dict[str, str] = {
    **_words("AGREE", "agree accept offer promise pledge propose settle conclude approve ratify"),
    **_words(
        "CONSULT",
        "meet visit host negotiate discuss consult convene mediate talk phone telephone",
    ),
    **_words(
        "SUPPORT",
        "support back praise endorse welcome commend defend thank congratulate applaud hail "
        "recognise recognize reaffirm",
    ),
    **_words(
        "CONCEDE",
        "concede release free ease lift relax compromise surrender apologise apologize",
    ),
    **_words("COOPERATE", "cooperate collaborate coordinate partner"),
    **_words("AID", "aid assist donate fund finance arm"),
    **_words("RETREAT", "withdraw retreat evacuate demobilize demobilise disarm de-escalate"),
    **_words("REQUEST", "demand urge request appeal insist seek invite implore"),
    **_words(
        "ACCUSE",
        "accuse blame criticise criticize condemn denounce charge investigate allege deplore "
        "complain probe slam decry indict sue prosecute",
    ),
    **_words("REJECT", "reject refuse deny decline dismiss veto oppose spurn snub resist"),
    **_words("THREATEN", "threaten warn"),
    **_words("PROTEST", "protest demonstrate rally riot picket boycott"),
    **_words("SANCTION", "sanction ban expel sever embargo restrict prohibit"),
    **_words("MOBILIZE", "mobilize mobilise deploy mass station reinforce"),
    **_words(
        "COERCE",
        "arrest detain seize blockade confiscate deport jail imprison raid kidnap abduct annex "
        "enforce censor demolish bulldoze",
    ),
    **_words(
        "ASSAULT",
        "attack bomb shell kill invade shoot hit fight clash ambush capture occupy assassinate "
        "execute wound destroy bombard",
    ),
}

AGREEMENT_NOUNS = frozenset(
    [
        "agreement",
        "deal",
        "accord",
        "treaty",
        "truce",
        "ceasefire",
        "cease-fire",
        "compromise",
        "memorandum",
        "pact",
        "settlement",
        "arrangement",
    ]
)
AID_NOUNS = frozenset(
    [
        "aid",
        "assistance",
        "weapons",
        "arms",
        "support",
        "money",
        "loan",
        "loans",
        "funds",
        "funding",
        "ammunition",
        "missiles",
        "equipment",
        "supplies",
        "food",
        "humanitarian",
    ]
)
TROOP_NOUNS = frozenset(["troops", "forces", "soldiers", "units", "battalions", "warships", "army"])
SANCTION_NOUNS = frozenset(
    ["sanctions", "sanction", "tariffs", "embargo", "ban", "restrictions", "curfew", "penalties"]
)
TIES_NOUNS = frozenset(
    [
        "aid",
        "assistance",
        "ties",
        "relations",
        "cooperation",
        "intelligence",
        "intelligence-sharing",
        "support",
        "funding",
        "talks",
        "contacts",
    ]
)
TALK_NOUNS = frozenset(
    [
        "talks",
        "negotiations",
        "meeting",
        "meetings",
        "summit",
        "round",
        "discussions",
        "consultations",
        "dialogue",
        "conference",
        "call",
    ]
)
PROTEST_NOUNS = _set(
    "demonstration demonstrations rally rallies protest protests strike strikes sit-in march "
    "marches walkout boycott riot riots"
)
PROBE_NOUNS = _set("investigation investigations probe inquiry hearing case")
ROAD_NOUNS = _set("road roads street streets bridge highway access traffic border")
WITHDRAWAL_NOUNS = _set("withdrawal pullout pull-out retreat")
LINK_NOUNS = _set(
    "links flights mediation deliveries visit trip program programme exports imports trade"
)
PLACE_NOUNS = frozenset(
    ["village", "town", "city", "territory", "control", "region", "area", "villages", "towns"]
)
ATTACK_NOUNS = frozenset(
    ["attack", "attacks", "offensive", "strike", "strikes", "missile", "missiles", "assault"]
)

# verb -> ((object lemmas, type), ...): the verb codes only with one of these objects
OBJECT_RULES: dict[str, tuple[tuple[frozenset[str], str], ...]] = {
    "sign": ((AGREEMENT_NOUNS, "AGREE"),),
    "reach": ((AGREEMENT_NOUNS, "AGREE"),),
    "yield": ((AGREEMENT_NOUNS, "AGREE"),),
    "produce": ((AGREEMENT_NOUNS, "AGREE"),),
    "seal": ((AGREEMENT_NOUNS, "AGREE"),),
    "clinch": ((AGREEMENT_NOUNS, "AGREE"),),
    "broker": ((AGREEMENT_NOUNS, "AGREE"),),
    "strike": ((AGREEMENT_NOUNS, "AGREE"),),
    "impose": ((SANCTION_NOUNS, "SANCTION"),),
    "slap": ((SANCTION_NOUNS, "SANCTION"),),
    "tighten": ((SANCTION_NOUNS, "SANCTION"),),
    "join": ((SANCTION_NOUNS, "SANCTION"),),
    "send": ((TROOP_NOUNS, "MOBILIZE"), (AID_NOUNS, "AID"), (frozenset({"delegation"}), "CONSULT")),
    "provide": ((AID_NOUNS, "AID"),),
    "supply": ((AID_NOUNS, "AID"),),
    "give": ((AID_NOUNS, "AID"),),
    "deliver": ((AID_NOUNS, "AID"),),
    "take": ((PLACE_NOUNS, "ASSAULT"),),
    "suspend": ((TIES_NOUNS | LINK_NOUNS, "SANCTION"),),
    "halt": ((TIES_NOUNS | LINK_NOUNS, "SANCTION"), (ATTACK_NOUNS, "RETREAT")),
    "cut": ((TIES_NOUNS | LINK_NOUNS, "SANCTION"),),
    "reduce": ((TIES_NOUNS | LINK_NOUNS | AID_NOUNS, "SANCTION"),),
    "end": ((TIES_NOUNS | LINK_NOUNS, "SANCTION"),),
    "cancel": ((LINK_NOUNS | TALK_NOUNS, "SANCTION"),),
    "close": ((frozenset({"border", "borders", "embassy", "consulate", "airspace"}), "SANCTION"),),
    "stage": ((PROTEST_NOUNS, "PROTEST"),),
    "organise": ((PROTEST_NOUNS, "PROTEST"),),
    "organize": ((PROTEST_NOUNS, "PROTEST"),),
    "begin": ((PROTEST_NOUNS, "PROTEST"), (WITHDRAWAL_NOUNS, "RETREAT")),
    "continue": ((PROTEST_NOUNS, "PROTEST"),),
    "block": ((ROAD_NOUNS, "PROTEST"),),
    "open": ((PROBE_NOUNS, "ACCUSE"),),
    "declare": ((frozenset({"ceasefire", "cease-fire", "truce"}), "RETREAT"),),
    "complete": ((WITHDRAWAL_NOUNS, "RETREAT"),),
    "strengthen": ((TROOP_NOUNS, "MOBILIZE"),),
    "bolster": ((TROOP_NOUNS, "MOBILIZE"),),
    "accept": ((frozenset({"demand", "demands", "conditions", "terms"}), "CONCEDE"),),
    "freeze": ((frozenset({"assets", "accounts", "funds"}), "SANCTION"),),
    "recall": ((frozenset({"ambassador", "envoy", "diplomats"}), "SANCTION"),),
    "hold": ((TALK_NOUNS, "CONSULT"), (PROTEST_NOUNS, "PROTEST")),
    "attend": ((TALK_NOUNS, "CONSULT"),),
    "resume": ((TALK_NOUNS, "CONSULT"), (ATTACK_NOUNS, "ASSAULT")),
    "launch": ((ATTACK_NOUNS, "ASSAULT"), (TALK_NOUNS, "CONSULT"), (PROBE_NOUNS, "ACCUSE")),
    "issue": ((frozenset({"ultimatum", "threat", "warning"}), "THREATEN"),),
    "lift": ((SANCTION_NOUNS | frozenset({"blockade", "siege"}), "CONCEDE"),),
    "ease": ((SANCTION_NOUNS | frozenset({"blockade", "siege"}), "CONCEDE"),),
    "exchange": (
        (frozenset(["prisoners", "detainees", "pows", "captives", "hostages"]), "CONCEDE"),
    ),
    "share": ((frozenset({"intelligence", "information", "data"}), "COOPERATE"),),
}
INFO_NOUNS = frozenset(
    [
        "detail",
        "details",
        "information",
        "statement",
        "report",
        "data",
        "video",
        "figure",
        "figures",
        "result",
        "results",
        "list",
        "footage",
        "document",
        "documents",
        "name",
        "names",
        "version",
        "album",
    ]
)
# verb -> objects with which it codes nothing ("released no details")
NOT_WITH: dict[str, frozenset[str]] = {"release": INFO_NOUNS, "free": INFO_NOUNS}
# verb + particle or preposition -> type
PARTICLE_RULES: dict[tuple[str, str], str] = {
    ("call", "for"): "REQUEST",
    ("call", "on"): "REQUEST",
    ("press", "for"): "REQUEST",
    ("push", "for"): "REQUEST",
    ("pull", "out"): "RETREAT",
    ("pull", "back"): "RETREAT",
    ("rule", "out"): "REJECT",
    ("walk", "away"): "REJECT",
    ("turn", "down"): "REJECT",
    ("work", "with"): "COOPERATE",
    ("shoot", "down"): "ASSAULT",
    ("hand", "over"): "CONCEDE",
    ("back", "down"): "CONCEDE",
    ("back", "off"): "RETREAT",
    ("ease", "off"): "RETREAT",
    ("stand", "down"): "RETREAT",
    ("travel", "to"): "CONSULT",
    ("speak", "with"): "CONSULT",
    ("speak", "to"): "CONSULT",
    ("fire", "on"): "ASSAULT",
}
RECIPROCAL_VERBS = frozenset(
    ["agree", "meet", "negotiate", "talk", "sign", "fight", "clash", "cooperate", "exchange"]
)
ADDRESSEE_TYPES = frozenset({"REQUEST", "THREATEN", "ACCUSE"})
TARGET_PREPS = ("with", "to", "against", "on", "from", "at", "into")
FUTURE_GOVERNORS = frozenset(
    [
        "agree",
        "offer",
        "plan",
        "intend",
        "promise",
        "pledge",
        "prepare",
        "aim",
        "vow",
        "expect",
        "hope",
        "set",
        "decide",
        "ready",
        "willing",
        "prepared",
        "resolve",
        "determined",
    ]
)
NEGATING_GOVERNORS = frozenset(["refuse", "fail", "decline", "reject"])
WISH_GOVERNORS = frozenset(
    ["demand", "urge", "insist", "call", "ask", "request", "want", "seek", "threaten", "warn"]
)
SPEECH = frozenset(["say", "tell", "announce", "state", "add", "claim", "report", "confirm"])
DEMAND_SPEECH = _set("declare reiterate insist stress conclude argue write")
HYPOTHETICAL_MODALS = frozenset({"could", "might", "may", "should"})
ACTOR_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "STATE", "DEMONYM", "CAPITAL", "SEAT", "ORGANISATION"}
    | {"GROUP", "ROLE"}
)


def code_texts(texts: Sequence[str]) -> list[list[dict[str, Any]]]:
    """Events of each text as plain dicts (the benchmark's interface); names come from
    spaCy's entities, since there is no annotation stage here."""
    out = []
    for text, pieces in zip(texts, parse_texts(texts), strict=True):
        mentions = [
            (off + e.start_char, off + e.end_char, e.label_)
            for off, doc in pieces
            for e in doc.ents
        ]
        found = events_in_text(text, pieces, mentions)
        out.append(
            [
                {
                    "type": e.type,
                    "actor_text": text[e.actor[0] : e.actor[1]] if e.actor else None,
                    "target_text": text[e.target[0] : e.target[1]] if e.target else None,
                    "mode": e.mode,
                    "trigger": text[e.trigger[0] : e.trigger[1]],
                }
                for e in found
            ]
        )
    return out


def events_in_text(
    text: str,
    pieces: Sequence[tuple[int, Doc]],
    mentions: Sequence[tuple[int, int, str]] = (),
    times: Sequence[TimeRef] = (),
    published: dt.date | None = None,
    anchors: Sequence[TimeAnchor] | None = None,
) -> list[FoundEvent]:
    """Events of a text parsed as (offset, doc) pieces, most central first within a sentence.
    With `anchors` (`extract.anchors`), an event is dated only by a time expression that
    modifies its own verb; without them, by the nearest one in its clause (the old reading,
    kept for callers that have no anchors). Events in page furniture or reader comments
    (`newsprism.furniture`) are left out."""
    names = sorted(m for m in mentions if m[2] in ACTOR_LABELS)
    zones = furniture(text)
    own_dates = _own_dates(anchors) if anchors is not None else None
    out: list[FoundEvent] = []
    for offset, doc in pieces:
        quoted = quoted_spans(doc_text(doc))
        for sent in doc.sents:
            found = []
            for token in sent:
                demand = _deontic_demand(token, offset, names)
                if demand is not None:
                    found.append((_depth(token) - 1, token.i, demand))
                kind = event_type(token)
                if kind is None or any(s <= token.idx < e for s, e in quoted):
                    continue  # words inside quotation marks are the quote's, not narration
                if inside(zones, offset + token.idx, offset + token.idx + len(token)):
                    continue  # a byline, a caption, a reader's comment: not the outlet's report
                event = _event(token, kind, offset, names)
                threat = _conditional_threat(token, kind, event, offset, names)
                if threat is not None:
                    found.append((_depth(token) - 1, token.i, threat))
                clause = [t for t in token.subtree]
                span = (offset + clause[0].idx, offset + clause[-1].idx + len(clause[-1]))
                main = token.dep_ == "ROOT" or (
                    token.dep_ in ("xcomp", "conj") and token.head.dep_ == "ROOT"
                )
                dated = (
                    _own_dated(event, token, offset, own_dates, published)
                    if own_dates is not None
                    else _dated(event, span, main, times, published)
                )
                found.append((_depth(token), token.i, dated))
            out += [event for _, _, event in sorted(found, key=lambda f: (f[0], f[1]))]
    return out


GROUP_HEADS = frozenset(
    [
        "leaders",
        "leader",
        "officials",
        "government",
        "governments",
        "forces",
        "troops",
        "delegation",
        "delegations",
        "authorities",
        "army",
        "military",
        "ministry",
        "spokesman",
        "spokeswoman",
        "president",
        "minister",
    ]
)
COERCIVE = frozenset({"SANCTION", "ASSAULT", "COERCE", "MOBILIZE"})


def _conditional_threat(
    verb: Token, kind: str, event: FoundEvent, offset: int, names: Sequence[tuple[int, int, str]]
) -> FoundEvent | None:
    """A coercive act made conditional inside what someone said is a threat by the speaker:
    "the leaders … stated that if Putin did not accept …, Europe would impose sanctions"."""
    if kind not in COERCIVE | {"RETREAT", "PROTEST", "REJECT"} or verb.dep_ != "ccomp":
        return None
    if not any(c.dep_ == "advcl" and _marked_if(c) for c in verb.children):
        return None
    speech = verb.head
    if speech.lemma_.lower() not in SPEECH | {"warn", "vow"}:
        return None
    speaker = subject_of(speech)
    if speaker is None:
        return None
    start, end = subtree_range(verb)
    return dataclasses.replace(
        event,
        type="THREATEN",
        trigger=_trigger(speech, offset),
        actor=_phrase(speaker, offset),
        actor_ref=_ref(speaker, names, offset),
        mode="asserted",
        scope=(offset + start, offset + end),
    )


def _deontic_demand(
    verb: Token, offset: int, names: Sequence[tuple[int, int, str]]
) -> FoundEvent | None:
    """What someone says another must do is a demand by the speaker: "Russia said on Tuesday
    that Sudan must return a helicopter" -> REQUEST, Russia -> Sudan."""
    if verb.dep_ != "ccomp" or not any(
        c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children
    ):
        return None
    speech = verb.head
    if speech.pos_ != "VERB" or speech.lemma_.lower() not in SPEECH | DEMAND_SPEECH:
        return None
    speaker = subject_of(speech)
    if speaker is None:
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    start, end = subtree_range(verb)
    sent = verb.sent
    return FoundEvent(
        type="REQUEST",
        trigger=_trigger(speech, offset),
        actor=_phrase(speaker, offset),
        target=_phrase(subject, offset) if subject is not None else None,
        mode="asserted",
        sentence=(offset + sent.start_char, offset + sent.end_char),
        actor_ref=_ref(speaker, names, offset),
        target_ref=_ref(subject, names, offset) if subject is not None else None,
        scope=(offset + start, offset + end),
    )


def event_type(token: Token) -> str | None:
    """The PLOVER type a verb codes, or None."""
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("prt", "prep", "advmod"):
            kind = PARTICLE_RULES.get((lemma, child.lower_))
            if kind:
                return kind
    rules = OBJECT_RULES.get(lemma)
    objects = _objects(token) if rules or lemma in NOT_WITH else []
    object_lemmas = {o.lemma_.lower() for o in objects}
    if rules:
        words = object_lemmas | {o.lower_ for o in objects}
        for nouns, kind in rules:
            if words & nouns:
                return kind
        if lemma not in LEXICON and lemma != "strike":
            return None
    if lemma in NOT_WITH and object_lemmas & NOT_WITH[lemma]:
        return None
    if lemma == "demonstrate" and any(c.dep_ == "dobj" for c in token.children):
        return None  # "demonstrated its importance"
    if lemma == "strike":
        return "ASSAULT" if any(c.dep_ == "dobj" for c in token.children) else "PROTEST"
    if lemma == "call" and not any(c.dep_ in ("prep", "prt") for c in token.children):
        return None
    return LEXICON.get(lemma)


def _objects(token: Token) -> list[Token]:
    objs = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    for c in token.children:
        if c.dep_ == "prep":
            objs += [g for g in c.children if g.dep_ == "pobj"]
    objs += [g for o in list(objs) for g in o.children if g.dep_ == "conj"]
    if token.dep_ in ("acl", "relcl") and token.head.pos_ == "NOUN":
        objs.append(token.head)  # "sanctions imposed on Russia"
    return objs


def _depth(token: Token) -> int:
    d = 0
    while token.head is not token and d < 50:
        token, d = token.head, d + 1
    return d


def _event(
    verb: Token, kind: str, offset: int, names: Sequence[tuple[int, int, str]]
) -> FoundEvent:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    actor_tok: Token | None
    target_tok: Token | None = None
    if passive:
        actor_tok = passive_agent(verb)
        target_tok = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    elif (
        verb.tag_ == "VBN"
        and verb.dep_ not in ("conj", "xcomp", "ROOT", "ccomp")
        and not any(c.dep_ in ("aux", "nsubj") for c in verb.children)
    ):
        actor_tok = None  # a bare participle: "the exchange agreed yesterday"
    else:
        actor_tok = subject_of(verb)
    if actor_tok is not None and actor_tok.tag_ in ("WDT", "WP"):
        clause = next((a for a in [actor_tok, *actor_tok.ancestors] if a.dep_ == "relcl"), None)
        actor_tok = clause.head if clause is not None else None
    if actor_tok is not None:
        actor_tok = past_dateline(actor_tok)
    actor_ref_tok = actor_tok
    if actor_tok is not None and actor_tok.lower_ in ("he", "she", "it", "they"):
        actor_ref_tok = antecedent(actor_tok)
    if target_tok is None:
        target_tok = _target(verb, kind, names, offset)
    actor = _phrase(actor_tok, offset) if actor_tok is not None else None
    target = _phrase(target_tok, offset) if target_tok is not None else None
    actor_ref = _ref(actor_ref_tok, names, offset) if actor_ref_tok is not None else None
    target_ref = _ref(target_tok, names, offset) if target_tok is not None else None
    if target is None and actor_tok is not None and verb.lemma_.lower() in RECIPROCAL_VERBS:
        other = next((c for c in actor_tok.children if c.dep_ == "conj"), None)
        if other is not None:
            target, target_ref = _phrase(other, offset), _ref(other, names, offset)
            actor = _own_phrase(actor_tok, offset)
    sent = verb.sent
    return FoundEvent(
        type=kind,
        trigger=_trigger(verb, offset),
        actor=actor,
        target=target,
        mode=mode_of(verb),
        sentence=(offset + sent.start_char, offset + sent.end_char),
        actor_ref=actor_ref,
        target_ref=target_ref,
        scope=_scope(verb, offset),
    )


SCOPE_SKIP = frozenset({"conj", "cc", "punct", "npadvmod", "prt", "mark", "dep"})


def _scope(verb: Token, offset: int) -> Range | None:
    """What the verb governs to its right, without conjoined verbs (their own events): the
    object of "demanding recognition of …", the clause of "insisted that Kyiv pull …", the
    infinitive of "offered to travel …"."""
    kids = [
        c
        for c in verb.children
        if c.i > verb.i
        and c.dep_ not in SCOPE_SKIP
        and not (c.dep_ == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree))
    ]
    if all(c.dep_ == "advcl" for c in kids):
        return None  # only a condition or circumstance, nothing governed
    toks = sorted((t for c in kids for t in c.subtree), key=lambda t: t.i)
    while toks and (
        toks[0].is_punct or toks[0].lower_ in ("that", "on", "for") and toks[0].i == verb.i + 1
    ):
        toks.pop(0)
    while toks and toks[-1].is_punct:
        toks.pop()
    if not toks:
        return None
    return offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1])


def _target(
    verb: Token, kind: str, names: Sequence[tuple[int, int, str]], offset: int
) -> Token | None:
    if kind in ADDRESSEE_TYPES:
        for c in verb.children:
            if c.dep_ in ("dobj", "dative") and _ref(c, names, offset):
                return c
        for c in verb.children:
            if c.dep_ == "ccomp":
                subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
                if subj is not None and _ref(subj, names, offset):
                    return subj
    for c in verb.children:
        if c.dep_ in ("dobj", "dative") and _ref(c, names, offset):
            return c
    for c in verb.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in TARGET_PREPS:
            for g in c.children:
                if g.dep_ == "pobj" and _ref(g, names, offset):
                    return g
    for c in verb.children:  # "agreed to exchange prisoners with X", "offered to travel to X"
        if c.dep_ == "xcomp":
            found = _target(c, kind, names, offset) if c.pos_ == "VERB" else None
            if found is not None:
                return found
    return None


def _phrase(token: Token, offset: int) -> Range:
    start, end = phrase(token)
    for dash in (" — ", " – "):
        cut = doc_text(token.doc).rfind(dash, start, token.idx)
        if cut >= 0:
            start = cut + len(dash)
    start, end = trim(doc_text(token.doc), start, end, chars=" \t\n,;:—–-“”\"'")
    return offset + start, offset + end


def _own_phrase(token: Token, offset: int) -> Range:
    """A conjoined name without the names conjoined to it: "Valdoria" of "Valdoria and
    Ostrava-Marenne"."""
    toks = [t for t in token.subtree if t.i <= token.i]
    lo = min(t.idx for t in toks)
    hi = token.idx + len(token)
    return offset + lo, offset + hi


def _ref(token: Token, names: Sequence[tuple[int, int, str]], offset: int) -> Range | None:
    """The name mention an actor phrase resolves through: at its head, else a name that
    modifies the head ("Russian forces", "Ukraine's delegation")."""
    head_start = offset + token.idx
    head_end = head_start + len(token)
    for m in names:
        if m[0] <= head_start and head_end <= m[1]:
            return m[0], m[1]
    mods = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    if token.lower_ in GROUP_HEADS:  # "the leaders of Germany", "officials from Kyiv"
        mods += [g for c in token.children if c.dep_ == "prep" for g in c.children]
    for c in mods:
        s = offset + c.idx
        for m in names:
            if m[0] <= s < m[1]:
                return m[0], m[1]
    return None


def _trigger(verb: Token, offset: int) -> Range:
    end = verb.idx + len(verb)
    for c in verb.children:
        if c.dep_ == "prt" and c.i == verb.i + 1:
            end = c.idx + len(c)
    return offset + verb.idx, offset + end


def mode_of(verb: Token) -> str:
    """asserted | negated | hypothetical | future, as documented above."""
    chain = [verb]
    t = verb
    while t.dep_ in ("xcomp", "conj", "ccomp", "advcl") and t.head is not t and len(chain) < 6:
        t = t.head
        chain.append(t)
    if any(c.dep_ == "neg" for c in verb.children):
        return "negated"
    for lower, upper in zip(chain, chain[1:], strict=False):
        lemma = upper.lemma_.lower()
        if lower.dep_ == "xcomp" and lemma in NEGATING_GOVERNORS:
            return "negated"
        if lower.dep_ == "xcomp" and (
            any(c.dep_ == "neg" for c in upper.children)
            or upper.dep_ == "acomp"
            and any(c.dep_ == "neg" for c in upper.head.children)
        ):
            return "negated"  # "is not prepared to discuss", "did not agree to meet"
    if _conditional(verb):
        return "hypothetical"
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & HYPOTHETICAL_MODALS:
        return "hypothetical"
    for lower, upper in zip(chain, chain[1:], strict=False):
        lemma = upper.lemma_.lower()
        if lemma in WISH_GOVERNORS and lower.dep_ in ("xcomp", "ccomp"):
            return "hypothetical"
        if lemma in FUTURE_GOVERNORS and lower.dep_ == "xcomp":
            return "future"
        if upper.dep_ == "acomp" and upper.lemma_.lower() in FUTURE_GOVERNORS:
            return "future"  # "was ready to provide"
    if auxes & {"will", "shall", "'ll", "wo"}:
        return "future"
    if "would" in auxes:
        reported = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH
        return "future" if reported and not _conditional(verb.head) else "hypothetical"
    if verb.lower_ == "going" or any(
        c.lower_ == "going" and c.dep_ == "aux" for c in verb.children
    ):
        return "future"
    return "asserted"


def _conditional(verb: Token) -> bool:
    """The verb is in an if/unless/whether clause, or is the consequence of one ("if Putin
    did not accept …, Europe would impose …")."""
    modal = {c.lower_ for c in verb.children if c.dep_ == "aux"} & CONSEQUENCE_MODALS
    if modal and any(c.dep_ == "advcl" and _marked_if(c) for c in verb.children):
        return True
    t = verb
    for _ in range(4):
        if _marked_if(t):
            return True
        if t.dep_ not in ("xcomp", "conj") or t.head is t:
            return False
        t = t.head
    return False


CONSEQUENCE_MODALS = frozenset(["would", "will", "could", "might", "may", "shall", "should", "'ll"])


def _marked_if(t: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children)


def _dated(
    event: FoundEvent,
    clause: Range,
    main: bool,
    times: Sequence[TimeRef],
    published: dt.date | None,
) -> FoundEvent:
    s, e = clause if not main else event.sentence
    inside = [t for t in times if s <= t[0] and t[1] <= e]
    if not inside and not main:
        s, e = event.sentence
    if not inside:
        return event
    trig = event.trigger[0]
    best = min(inside, key=lambda t: abs(t[0] - trig))
    mode = event.mode
    if mode == "asserted" and published and best[3] == "day":
        try:
            if dt.date.fromisoformat(best[2][:10]) > published:
                mode = "future"
        except ValueError:
            pass
    return dataclasses.replace(
        event, mode=mode, date=(best[2], best[3]), date_span=(best[0], best[1])
    )


def _own_dates(anchors: Sequence[TimeAnchor]) -> dict[int, TimeAnchor]:
    """The time expression that dates each verb (by the verb's start offset): one attached to
    the verb itself before one on its subject or object, then the finest, then the first."""
    rank = {"day": 0, "month": 1, "season": 2, "year": 3, "decade": 4}
    out: dict[int, TimeAnchor] = {}
    for a in anchors:
        if a.predicate is None or a.role not in ("predicate", "argument"):
            continue
        if a.tense == "perfect" and a.granularity == "day":
            continue  # "has invited them on Friday": the day is the visit's, not the invite's
        key = (a.role != "predicate", rank.get(a.granularity, 5), a.time[0])
        old = out.get(a.predicate[0])
        if old is None or key < (
            old.role != "predicate",
            rank.get(old.granularity, 5),
            old.time[0],
        ):
            out[a.predicate[0]] = a
    return out


def _own_dated(
    event: FoundEvent,
    verb: Token,
    offset: int,
    own: dict[int, TimeAnchor],
    published: dt.date | None,
) -> FoundEvent:
    """The event dated by the time expression of its own verb; a verb conjoined to a dated
    one with no time of its own shares it ("invaded and annexed Crimea in 2014"). A date in
    another clause of the sentence ("a Bible given by his mother in 1955") is not the event's."""
    anchor = own.get(offset + verb.idx)
    if anchor is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        anchor = own.get(offset + verb.head.idx)
    if anchor is None:
        return event
    mode = event.mode
    if mode == "asserted" and published and anchor.granularity == "day":
        try:
            if dt.date.fromisoformat(anchor.value[:10]) > published:
                mode = "future"
        except ValueError:
            pass
    return dataclasses.replace(
        event, mode=mode, date=(anchor.value, anchor.granularity), date_span=anchor.time
    )


def event_confidence(text: str, event: FoundEvent, actor: str | None) -> float:
    """How likely a strict reader judges the event right (its type, its actor, its date),
    from what the coding rested on: an actor resolved to a story entity (a pronoun or an
    unnamed phrase is often the wrong one), a sentence short enough for the parse to hold,
    not a question, and a date from the verb's own time expression."""
    c = 0.85
    if event.actor is None:
        c *= 0.6  # no actor: only the act itself can be right
    elif actor is None:
        words = text[event.actor[0] : event.actor[1]].lower().split()
        c *= 0.6 if words and words[0] in ("he", "she", "it", "they", "who", "which") else 0.85
    sentence = text[event.sentence[0] : event.sentence[1]]
    if sentence.rstrip().endswith("?"):
        c *= 0.5
    if len(sentence.split()) > 45:
        c *= 0.85  # long sentences are where the small parser goes wrong
    if event.type in ADDRESSEE_TYPES and event.target is None:
        c *= 0.9
    return round(c, 3)


STANCE_NOUNS = {
    **dict.fromkeys(["proposal", "proposals", "plan", "offer", "initiative", "roadmap"], "offer"),
    **dict.fromkeys(["demand", "demands", "precondition", "preconditions", "ultimatum"], "demand"),
    **dict.fromkeys(["threat", "threats"], "threat"),
}


def stances_in_text(
    pieces: Sequence[tuple[int, Doc]], mentions: Sequence[tuple[int, int, str]] = ()
) -> list[FoundStance]:
    """Owned stance nouns with content: the owner is a name that modifies the noun
    (possessive, compound or adjective), and the noun has a "for/of/to" object or a clause
    saying what is proposed or demanded; a bare "Putin's demands" says too little."""
    names = sorted(m for m in mentions if m[2] in ACTOR_LABELS)
    out = []
    for offset, doc in pieces:
        quoted = quoted_spans(doc_text(doc))
        for token in doc:
            kind = STANCE_NOUNS.get(token.lower_)
            if kind is None or token.pos_ != "NOUN" or any(s <= token.idx < e for s, e in quoted):
                continue
            owners = [c for c in token.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
            ref = None
            for owner in owners:
                ref = _ref(owner, names, offset)
                if ref:
                    break
            content = [
                c
                for c in token.children
                if c.i > token.i
                and (
                    c.dep_ in ("acl", "relcl")
                    or c.dep_ == "prep"
                    and c.lower_ in ("for", "of", "to", "on")
                )
            ]
            if ref is None or not content:
                continue
            start, end = phrase(token, cut_clauses=False)
            start, end = trim(doc_text(doc), start, end, chars=" \t\n,;:—–-“”\"'.")
            sent = token.sent
            out.append(
                FoundStance(
                    kind=kind,
                    actor_ref=ref,
                    span=(offset + start, offset + end),
                    sentence=(offset + sent.start_char, offset + sent.end_char),
                )
            )
    return out
