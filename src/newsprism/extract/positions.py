"""Stakeholder positions: what each actor demands, offers, refuses, threatens or sets as a
condition, gathered across all articles of a story, each with a confidence.

A position is (actor, kind, stance). The actor is the agent of the stance predicate (the
subject of "demand / call for / urge / insist / offer / propose / refuse / reject / threaten",
or the speaker of the quotation that states it), never a name that merely stands near it; the
kind says what the actor wants others to do (`demand`, `condition`), proposes to give (`offer`,
`commitment`, `accepts`), refuses (`rejects`) or threatens (`threat`); `supports` records what
the actor backs. The stance is a clause a reader understands on its own, verbatim.

Where a position comes from (each sentence is re-parsed here, so the checks see the grammar):
- Events whose verb states a stance (`events.py`): REQUEST -> demand (demand, urge, call for,
  press, insist on / insist that X do, ask X to), REJECT -> rejects (reject, refuse, oppose,
  veto, turn down), THREATEN -> threat (threaten; "warn" only as a conditional threat), SUPPORT
  -> supports (support, back, endorse, defend), AGREE -> offer (offer, propose, promise, pledge)
  or accepts (accept, agree to); "ready / willing / prepared to" + act -> offer; "X said Y
  must / should do" -> demand by X. The stance is what the verb governs to its right.
- Quotations whose words state the speaker's own stance, checked on the parse: "X must /
  should / has to do" with X not the speaker -> demand; "we / I will not …" -> rejects (or
  condition with "unless / only if"); "we are ready / willing / prepared to …" -> offer; "we
  are determined / resolved / committed to …" -> commitment; "we refuse / reject …" -> rejects.
  The stance is the clause of that predicate inside the quotation.
- Nouns of stance owned by an actor with content ("the U.S. proposal for a 30-day
  ceasefire" -> offer, "Russia's demands for …" -> demand); the stance is what the noun names
  ("a 30-day ceasefire"), since the actor and kind already say whose proposal it is.

What is not a position (dropped): denials and rejections of reports or claims ("denied that he
asked Comey", "rejected reports that …"), acts inside what is denied, reported, hoped or feared,
the actor's own plans and efforts ("seek a seventh term", "sought to clarify"), declining to
comment, worries and predictions ("warned that the address will be destructive", "they will have
to figure out", "should have had more ships standing by to handle …": no "has to"), pledges to
keep going ("will not rest until …", "would not abandon"), refusals under an unreal condition
("if she were president, she would not …"), a defence of the actor's own act or of a person
("defended his decision to sign", "defended Ms. Rice"), opinions offered or agreed with
("offered a strong critique", "agreed with the assessment"), figurative offers ("offered some
respite", "offers a double page spread"), withholding details or a view ("refused to provide
details"), "can call on 10,000 troops", a request the actor only vows or plans ("vowed to
seek"), "willing to try", endangering ("threatening the grip of …": a threat needs an act
threatened), sustaining ("supports a seafood industry"), a reported "Should X …?" question,
praise and thanks, negated and hypothetical acts, and stances that are fragments (starting with
a preposition, an adverb or a relative pronoun: "away from the deal", "by the Speaker", "which
the FMF refused to …") or pronouns ("rejected it"). A stance ends at a line break (a headline
run into its text), before a trailing participle clause (", generating criticism from …"), ",
although …", ", which would have …" (the writer's comment) and a second act of a list ("opposed
X, pressed for Y").

Confidence: each kind of evidence has a base confidence (from the strict self-review of real
output recorded in bench/RESULTS.md); it drops when the actor is a pronoun resolved to an
antecedent, when the subject is a regional office-holder resolved to a place ("the Idaho
congressman" is not Idaho), when the speaker of the quotation is itself uncertain, when the
demand is made of "we" (an exhortation more than a demand) or of an unnamed "he / they" ("said
he should step down"), when a "he / she / it / they" actor's name stands neither in its
sentence before it nor in the sentence before, when a direct quotation's refusal says "would"
(a hypothetical: "we would never accept …"), when an owned noun names only a topic ("his
proposals for Medicare") or where it went ("a proposal addressed to both capitals"), when an
actor offers its own policy ("offered a Medicare proposal"), when a quoted refusal's "unless"
stands in the quotation's other part (the stance would read as a flat refusal), when the actor
is a country named by its executive office ("the White House"), when a conjoined act takes
the subject of a reported clause ("countries who agreed that Hadid was … and backed …") and
when a trailing ", calling for …" follows a relative clause with its own subject; a position
stated by several outlets gains a little. Readers see only positions at or above
`confidence.FLOORS.position`.

De-duplication across outlets: positions of one actor and kind whose content words overlap
(overlap coefficient of crude word stems >= 0.6: "an unconditional ceasefire" and "an
unconditional and lasting ceasefire") are one position; its stance is the shortest statement
of at least four words among its most confident members, its evidence all the sentences, its
sources all the articles. Positions are ordered by how many outlets state them, then by first
appearance.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsprism.extract.antecedent import antecedent_near, pronoun
from newsprism.extract.asserted import CLAIM_NOUNS, NOT_ASSERTING
from newsprism.extract.asserted import adjectival_participle as _adjectival_participle
from newsprism.extract.asserted import counterfactual as _counterfactual
from newsprism.extract.asserted import has_if as _has_if
from newsprism.extract.asserted import marked as _marked
from newsprism.extract.asserted import not_asserted as _not_asserted
from newsprism.extract.not_stances import (
    OWN_POLICY_NOUNS,
    PLEDGE_VERBS,
    SUSTAINED_NOUNS,
    THREATENED_ACTS,
    declines_comment,
    declines_credit,
    defends_self_or_person,
    self_presentation,
)
from newsprism.extract.parse import SentenceParses as _Sentences
from newsprism.extract.parse import subject_of
from newsprism.extract.position_actors import (
    PRONOUN_ACTOR,
    actor_doubt,
    borrowed_subject,
    nearer_clause_subject,
)
from newsprism.extract.stance_ends import UNLESS, split_condition, trails_cut
from newsprism.model import Event, Position, Quote, Span, content_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


REQUEST_VERBS = frozenset(
    ["demand", "urge", "call", "request", "appeal", "insist", "implore", "press", "push", "ask"]
)
OWN_EFFORT_VERBS = frozenset(["seek", "invite", "try", "attempt", "aim", "plan", "want"])
REJECT_VERBS = frozenset(
    ["reject", "refuse", "oppose", "veto", "spurn", "snub", "resist", "decline", "turn", "dismiss"]
)
SUPPORT_VERBS = frozenset(["support", "back", "endorse", "defend", "champion", "favor", "favour"])
OFFER_VERBS = frozenset(["offer", "propose", "promise", "pledge"])
ACCEPT_VERBS = frozenset(["accept", "agree"])
READY_WORDS = frozenset(["ready", "willing", "prepared"])
COMMITTED_WORDS = frozenset(["determined", "resolved", "committed"])
# what is "offered" or "accepted" when it is an opinion or a courtesy, not something given
OPINION_NOUNS = _words(
    """critique criticism prediction comment remark view assessment explanation condolence
    apology thanks praise prayer insight glimpse hint detail defense defence analysis account
    theory opinion word advice reason excuse example evidence testimony rebuttal summary
    perspective sympathy thought response answer reaction take responsibility blame award
    nomination prize honor honour resignation fact support backing endorsement vision version
    rendition performance doubt concern reservation objection wish congratulation assurance
    respite hope comfort solace reassurance reminder lesson clue signal sign look spread page
    column article story feature coverage editorial piece photo picture"""
)
DECLINED_ACTS = _words(
    """comment say discuss elaborate answer respond speculate confirm specify name identify
    disclose reveal provide give release run talk be address detail"""
)
STATE_VERBS = _words("be change happen have know laugh last matter work seem become remain get")
FIRST_PERSON = frozenset(["i", "we"])
# negated, these pledge to keep going ("will not rest until …", "would not abandon the deal"):
# a commitment of the actor's own, not a refusal of what others want
PERSIST_VERBS = _words("rest stop quit abandon relent waver falter tire cease hesitate")
THIRD_PERSON = frozenset(["he", "she", "they"])
PRONOUN_OBJECTS = frozenset(["it", "this", "that", "them", "these", "those", "him", "her"])
RELATIVES = frozenset(["which", "who", "whom", "whose"])
FRAGMENT_POS = frozenset(["ADP", "ADV", "SCONJ", "CCONJ", "PUNCT", "PART"])
# base confidences, from the self-review of real output (bench/RESULTS.md, positions)
BASE = {
    "request": 0.85,
    "seek": 0.75,
    "seek_other": 0.6,
    "deontic": 0.75,
    "reject": 0.85,
    "reject_declined": 0.55,
    "dismiss": 0.55,
    "threaten": 0.85,
    "conditional_threat": 0.75,
    "support": 0.75,
    "offer": 0.8,
    "offer_participle": 0.6,
    "offer_own_policy": 0.6,
    "promise": 0.65,
    "accept": 0.8,
    "accept_act": 0.6,
    "ready": 0.8,
    "quote_demand": 0.8,
    "quote_we_demand": 0.5,
    "pronoun_demand": 0.6,
    "quote_refusal": 0.75,
    "quote_split_condition": 0.6,
    "quote_split_unless": 0.75,  # the condition cut out of the quotation's other part
    "quote_hypothetical": 0.55,
    "quote_offer": 0.8,
    "quote_marker_noun": 0.5,
    "quote_red_line": 0.75,
    "owned_noun": 0.85,
    "owned_plan": 0.6,
    "unparsed": 0.5,
}
FAR_ANTECEDENT = 0.3  # subtracted when a pronoun actor's name is not in this or the last sentence
PER_EXTRA_SOURCE = 0.05
QUOTE_MARKER_NOUNS = re.compile(r"\bred lines?\b|\bpreconditions?\b", re.I)
STOP = _words(
    """a an the and or of to in on for with by from at as is are was were be been being that this
    these those it its their his her our we they he she you i not no any all some into over
    than then there which who whom whose what when where while will would shall should can
    could may might must also only just very more most such so up out about against"""
)
_WORD = re.compile(r"[^\W\d_][\w’'-]*|\d[\d,.]*", re.UNICODE)
MERGE_OVERLAP = 0.6
REFLEXIVES = frozenset(["himself", "herself", "themselves", "itself", "myself", "ourselves"])
EXHORTATION_VERBS = _words(
    """remember recognize recognise understand know realize realise think be admit acknowledge
    consider keep learn"""
)
FUTURE_AUX = frozenset(["will", "wo", "'ll", "would", "shall"])  # "cannot" is mostly rhetoric
PREDICTION_AUX = frozenset(["will", "'ll", "would", "might", "may", "could"])
NO_DEMAND_SUBJECTS = frozenset(["i", "you", "one", "it", "there", "this", "that"])
GENERIC_PEOPLE = _words("anyone anybody everyone everybody those people someone somebody")
OWN_PLAN_VERBS = frozenset(["seek", "run", "retire", "stay", "remain", "attend"])
SAYING = frozenset(["say", "tell", "add", "state", "insist", "argue", "write", "declare", "stress"])
PERSON_NOUNS = _words("reporter journalist man woman official critic rival opponent")
AGENT_NOUNS = _words(
    """government administration committee panel party court congress parliament lawmaker
    legislator leader official state country side company people everyone anyone anybody
    president minister member senator republican democrat voter citizen authority agency
    department ministry council board union employer worker nation ally partner team
    campaign house senate"""
)
PROXY_SPEAKER = re.compile(
    r"\b(?:spokes(?:man|woman|person)|aides?|advis[eo]rs?|lawyers?|attorneys?|"
    r"representatives?|officials?|sources?|friends?|allies|associates?|statement)\b",
    re.I,
)
QUESTION_VERBS = _words("know learn understand see hear ask")
# "the Ryan proposal, submitted again …": the noun says who proposes, not what
NO_CONTENT = re.compile(
    r"\b(?:proposals?|plans?|offers?|initiative|roadmap|demands?|preconditions?|ultimatum|"
    r"threats?)\s*,"
)
OFFICE_NOUNS = _words(
    """term nomination office seat presidency election re-election reelection job post
    position career candidacy"""
)
GRANTED_NOUNS = _words(
    """guarantee guarantees recognition concession concessions assurance assurances release
    withdrawal ceasefire compensation apology explanation answer answers access extradition
    aid help support funding sanction sanctions email emails document documents record
    records information equality right rights protection talks meeting vote investigation
    inquiry resignation"""
)
ENDING_VERBS = _words("go end stop leave cease disappear close lift withdraw")
OUR_RED_LINE = re.compile(r"\b(?:our|my)\s+red\s+lines?\b", re.I)
OWN_SIDE = _words("country government nation party administration side state people")
# the owner and the stance noun before what it names: "the U.S. proposal for ", "Mr. Obama's
# demand to" (the infinitive stays: "to raise the top tax rates")
OWNED_NOUN_HEAD = re.compile(
    r"^[^,;:]{0,80}?\b(?:proposals?|plans?|offers?|initiative|roadmap|demands?|"
    r"preconditions?|ultimatum|threats?)\s+(?:(?:of|for|on)\s+|(?=to\s))",
    re.I,
)
PLAN_NOUNS = re.compile(r"\b(?:plan|plans|initiative|roadmap)\b", re.I)
DELIVERED = re.compile(
    r"\b(?:proposals?|plans?|offers?|initiative|roadmap|demands?|ultimatum)\s+[a-z]+ed\b", re.I
)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Candidate:
    actor: str
    kind: str
    span: Span
    evidence: tuple[Span, ...]
    confidence: float


@dataclass
class _Group:
    actor: str
    kind: str
    stems: list[set[str]]
    members: list[_Candidate] = field(default_factory=list)


def stems(text: str) -> set[str]:
    """Content-word stems: lower-cased words outside `STOP`, cut to five letters."""
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in STOP}


def build_positions(
    events: Sequence[Event],
    quotes: Sequence[Quote],
    texts: Mapping[str, str],
    stances: Mapping[str, Span],
    named: Sequence[tuple[str, str, Span, Span]] = (),
    kinds: Mapping[str, str] | None = None,
    nlp: Callable[[str], Doc] | None = None,
    names: Mapping[str, str] | None = None,
) -> tuple[Position, ...]:
    """Positions of a story, each with a confidence. `stances` maps an event id to the span of
    what its verb governs (the demand, the offer); `named` holds (actor, kind, span, sentence)
    of stances named by an owned noun ("the U.S. proposal for a 30-day ceasefire"); `kinds`
    maps entity ids to their kind (person, state, …) and `names` to their names; `nlp`
    parses a sentence (default: the installed spaCy pipeline, loaded only when some candidate
    needs a parse)."""
    sentences = _Sentences(texts, nlp)
    sentences.parse_all(_to_parse(events, quotes, stances))
    kinds = kinds or {}
    candidates: list[_Candidate] = []
    for actor, kind, span, sentence in named:
        phrase = texts[span.article_id][span.start : span.end]
        content = _owned_content(span, texts)
        named_text = texts[span.article_id][content.start : content.end]
        # "Ryan's own proposals for Medicare": "for" names the topic, not what is proposed
        topic_only = content != span and len(named_text.split()) < 3
        # "a final U.S. proposal addressed to both capitals": a participle says where the
        # proposal went, not what it proposes
        delivered = content == span and bool(DELIVERED.search(phrase))
        weak = PLAN_NOUNS.search(phrase) or NO_CONTENT.search(phrase) or topic_only or delivered
        content = Span(
            article_id=content.article_id,
            start=content.start,
            end=trails_cut(texts[span.article_id], content.start, content.end),
        )
        candidates.append(
            _Candidate(
                actor=actor,
                kind=kind,
                span=content,
                evidence=(sentence,),
                confidence=BASE["owned_plan"] if weak else BASE["owned_noun"],
            )
        )
    for e in events:
        if e.id in stances:
            found = _from_event(e, stances[e.id], sentences, kinds, names or {})
            if found is not None:
                candidates.append(found)
    for q in quotes:
        candidates += _from_quote(q, sentences, names or {})
    return _merged(candidates, texts)


def _to_parse(
    events: Sequence[Event], quotes: Sequence[Quote], stances: Mapping[str, Span]
) -> list[Span]:
    """The sentences `_from_event` and `_from_quote` will parse (their first tests before
    a parse), so that they are parsed in one batch. A sentence listed here and not read, or
    read and not listed, costs time only: a sentence parses the same alone or in a batch."""
    wanted = [
        e.evidence[0]
        for e in events
        if e.id in stances and e.actor is not None and e.mode not in ("negated", "hypothetical")
    ]
    for q in quotes:
        if q.speaker is None:
            continue
        wanted += [
            sentence
            for content in q.content
            for sentence in q.evidence
            if sentence.article_id == content.article_id
            and max(content.start, sentence.start) < min(content.end, sentence.end)
        ]
    return wanted


def _owned_content(span: Span, texts: Mapping[str, str]) -> Span:
    """What an owned stance noun names, without the noun and its owner: "the Obama demand of
    higher tax rates" -> "higher tax rates", "Russia's demand to keep …" -> "to keep …" (the
    kind and the actor already say whose demand it is; the whole phrase reads as a fragment).
    A phrase whose content is a clause ("the plan that …") is kept whole."""
    text = texts[span.article_id][span.start : span.end]
    found = OWNED_NOUN_HEAD.match(text)
    if found is None or found.end() >= len(text):
        return span
    return Span(article_id=span.article_id, start=span.start + found.end(), end=span.end)


def _merged(candidates: Sequence[_Candidate], texts: Mapping[str, str]) -> tuple[Position, ...]:
    groups: list[_Group] = []
    for c in candidates:
        words = stems(texts[c.span.article_id][c.span.start : c.span.end])
        if len(words) < 2:
            continue  # "rejected it" says nothing on its own
        group = next(
            (
                g
                for g in groups
                if g.actor == c.actor
                and g.kind == c.kind
                and any(_overlap(m, words) >= MERGE_OVERLAP for m in g.stems)
            ),
            None,
        )
        if group is None:
            group = _Group(actor=c.actor, kind=c.kind, stems=[])
            groups.append(group)
        group.stems.append(words)
        group.members.append(c)
    out = []
    for g in groups:
        best = max(m.confidence for m in g.members)
        sure = [m for m in g.members if m.confidence >= best - 0.1]
        text = {id(m): texts[m.span.article_id][m.span.start : m.span.end] for m in g.members}
        full = [m for m in sure if len(text[id(m)].split()) >= 4] or sure
        chosen = min(full, key=lambda m: (len(text[id(m)]), m.span.article_id, m.span.start))
        evidence = tuple(dict.fromkeys(s for m in g.members for s in m.evidence))
        spans = tuple(dict.fromkeys(m.span for m in g.members))
        sources = tuple(dict.fromkeys(m.span.article_id for m in g.members))
        origin = g.members[0].span
        confidence = min(0.99, best + PER_EXTRA_SOURCE * (len(sources) - 1))
        out.append(
            Position(
                id=content_id("position", g.actor, g.kind, origin.article_id, str(origin.start)),
                actor=g.actor,
                kind=g.kind,
                stance=text[id(chosen)],
                evidence=evidence,
                stance_spans=spans,
                sources=sources,
                confidence=round(confidence, 3),
            )
        )
    order = {id(p): i for i, p in enumerate(out)}
    out.sort(key=lambda p: (-len(p.sources), order[id(p)]))
    return tuple(out)


def _from_event(
    e: Event,
    scope: Span,
    sentences: _Sentences,
    kinds: Mapping[str, str],
    names: Mapping[str, str],
) -> _Candidate | None:
    """The position an event states, or None when it states none (see the module doc)."""
    if e.actor is None or e.mode in ("negated", "hypothetical"):
        return None
    sentence, trigger = e.evidence[0], e.evidence[1]
    verb = sentences.token(sentence, trigger.start)
    if verb is None or verb.pos_ not in ("VERB", "AUX", "ADJ"):
        return None  # the trigger is not where the event says: nothing to check it on
    infinitive = verb.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )
    if (
        verb.dep_ == "acl"
        and verb.tag_ == "VB"
        or infinitive
        and (verb.dep_ == "ROOT" or verb.head.pos_ in ("NOUN", "PROPN", "PRON"))
    ):
        return None  # "Gov. Brewer to veto …" (a headline), "his challenge to her to oppose …"
    judged = _event_kind(e, verb)
    if judged is None or _not_asserted(verb):
        return None
    kind, basis = judged
    subj = subject_of(verb)
    if subj is not None and subj.lower_ == "which" and kinds.get(e.actor or "") == "person":
        return None  # "a founder of the group, which opposes …": the group, not the person
    if basis == "ready":  # "ready to provide …": the act itself is what is offered
        scope = Span(article_id=scope.article_id, start=trigger.start, end=scope.end)
    stance = _clean_stance(scope, sentences, sentence)
    if stance is None:
        return None
    confidence = BASE[basis] - actor_doubt(e, kinds, names)
    if borrowed_subject(verb) or nearer_clause_subject(verb):
        confidence -= FAR_ANTECEDENT
    if pronoun(e.actor_text) and not antecedent_near(
        names.get(e.actor, ""), sentences.texts[sentence.article_id], sentence, trigger.start
    ):
        confidence -= FAR_ANTECEDENT  # "he" with no name of the actor in this or the last sentence
    return _Candidate(
        actor=e.actor,
        kind=kind,
        span=stance,
        evidence=(sentence,),
        confidence=max(0.0, confidence),
    )


def _event_kind(e: Event, verb: Token) -> tuple[str, str] | None:
    """(kind, basis of its confidence) of an event's stance, or None when the event states
    no stance: a denial, an own plan or effort, a warning that predicts, an opinion offered."""
    lemma = verb.lemma_.lower()
    deontic = next((c for c in verb.children if c.dep_ == "ccomp" and _modal(c)), None)
    if e.type == "REQUEST":
        if deontic is not None and lemma not in ("demand", "urge", "request"):
            return _deontic(deontic)
        if any(c.dep_ == "aux" and c.lower_ in ("can", "could") for c in verb.children):
            return None  # "can call on 10,000 troops": what the actor has at hand, no demand
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in PLEDGE_VERBS:
            return None  # "vowed to seek full equality": the actor's own promise or plan
        if lemma == "seek":
            return _sought(verb)
        if lemma in OWN_EFFORT_VERBS or lemma not in REQUEST_VERBS:
            return None
        if lemma == "call" and not any(
            c.lower_ in ("for", "on", "upon") and c.i == verb.i + 1 for c in verb.children
        ):
            return None  # "called the night a solid win": naming, not demanding
        if any(c.dep_ == "xcomp" and c.lemma_.lower() in QUESTION_VERBS for c in verb.children):
            return None  # "demanding to know why …": a question
        if lemma == "insist" and not _insists_on_act(verb):
            return None  # "insisted that he was innocent": a claim, not a demand
        if lemma == "appeal" and not any(
            c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ in ("to", "for")
            for c in verb.children
        ):
            return None
        return "demand", "request"
    if e.type == "THREATEN":
        if lemma == "threaten":
            if not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
                obj = _object(verb)
                if obj is None or obj.pos_ in ("PROPN", "PRON") or obj.ent_type_ == "PERSON":
                    return None  # "threatened a reporter": the target, not what is threatened
                if obj.lemma_.lower() in PERSON_NOUNS:
                    return None
                if obj.lemma_.lower() not in THREATENED_ACTS and obj.lower_ not in THREATENED_ACTS:
                    return None  # "threatening the grip of …", "threatened the coastline"
            return "threat", "threaten"
        if any(c.dep_ == "ccomp" and _has_if(c) for c in verb.children):
            return "threat", "conditional_threat"
        return None  # "warned that the address will be destructive": a prediction
    if e.type == "REJECT":
        if lemma not in REJECT_VERBS:
            return None  # deny: a denial of a statement is not a stance
        if any(c.dep_ == "ccomp" for c in verb.children):
            return None  # "rejected that …": a denial
        obj = _object(verb)
        if obj is not None and obj.lemma_.lower() in CLAIM_NOUNS:
            return None  # "rejected reports that …", "dismissed the critique"
        if lemma == "turn" and not any(c.lower_ == "down" for c in verb.children):
            return None
        if lemma == "dismiss":
            return "rejects", "dismiss"
        if lemma == "decline":
            act = next((c for c in verb.children if c.dep_ == "xcomp"), None)
            if act is not None and act.lemma_.lower() in DECLINED_ACTS:
                return None  # "declined to comment", "declined to run"
            if obj is not None and any(t.lemma_.lower() == "comment" for t in obj.subtree):
                return None  # "declined repeated attempts for comment"
            return "rejects", "reject_declined" if act is not None else "reject"
        act = next((c for c in verb.children if c.dep_ == "xcomp"), None)
        if lemma == "refuse" and act is not None and declines_comment(act):
            return None  # "refused to speculate on future expenses": no comment, no stance
        if act is not None and declines_credit(act):
            return None  # "refused to take credit": a denial of his own part, no stance
        if any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
            return None  # "had opposed the amendment" (and now defends it): a past act
        if verb.tag_ == "VBG" and verb.dep_ == "advcl":
            return "rejects", "reject_declined"  # "…, refusing to let Ryan finish": a manner
        return "rejects", "reject"
    if e.type == "SUPPORT":
        if lemma not in SUPPORT_VERBS:
            return None  # praise, thanks, welcome: a reaction, not a stance
        obj = _object(verb)
        if obj is not None and obj.lower_ in REFLEXIVES:
            return None  # "defend themselves against charges": a defence, not a stance
        if any(c.dep_ == "aux" and c.lower_ in ("had", "can", "could") for c in verb.children):
            return None  # "had supported the campaign": a past act; "can defend": an ability
        if lemma == "support" and obj is not None and obj.lemma_.lower() in SUSTAINED_NOUNS:
            return None  # "The Gulf supports a seafood industry": it sustains, no stance
        if lemma == "defend" and obj is not None and defends_self_or_person(obj):
            return None  # "defended his decision", "defended Ms. Rice": a defence, no stance
        return "supports", "support"
    if e.type == "AGREE":
        obj = _object(verb)
        if obj is not None and (
            obj.lemma_.lower() in OPINION_NOUNS
            or obj.lower_ in REFLEXIVES
            or obj.tag_ in ("WP", "WDT")  # "offered what he said was an explanation"
        ):
            return None  # "offered a critique", "offering himself", "accepted responsibility"
        if lemma in OFFER_VERBS:
            if _adjectival_participle(verb):
                return (
                    None  # "that proposed drilling will be suspended": "proposed" is an adjective
                )
            if any(c.dep_ == "ccomp" for c in verb.children):
                return None  # "offered what he said was an explanation"
            if verb.tag_ == "VBG" and verb.dep_ == "advcl":
                return "offer", "offer_participle"  # "…, potentially offering an opening"
            if obj is not None and obj.lemma_.lower() in OWN_POLICY_NOUNS:
                return "offer", "offer_own_policy"  # "offered a Medicare proposal": its own plan
            if lemma in ("promise", "pledge") and any(c.dep_ == "xcomp" for c in verb.children):
                # "will promise to use American power …": a pledge of the actor's own course,
                # often a campaign plan rather than something given to a counterpart
                return "commitment", "promise"
            return "offer", "offer"
        if lemma in ACCEPT_VERBS:
            if any(
                c.dep_ == "ccomp" or c.dep_ == "prep" and c.lower_ == "with" for c in verb.children
            ):
                return None  # "agreed with the assessment", "agreed that …": an opinion
            if verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "acl", "advcl"):
                return None  # "has had a hard time accepting the idea": no act
            if any(c.dep_ == "xcomp" for c in verb.children):
                return "accepts", "accept_act"  # "agreed to sit down for an interview"
            return "accepts", "accept"
        return None
    if e.mode == "future" and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in READY_WORDS:
        if self_presentation(verb):
            return None  # "ready to fight for the people": a candidacy, no offer
        return "offer", "ready"
    return None


def _sought(verb: Token) -> tuple[str, str] | None:
    """ "Russia still seeks security guarantees" asks others for something: a demand; "seeking to
    clarify", "to seek a seventh term" are the actor's own effort or ambition: none."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or any(c.dep_ == "xcomp" for c in verb.children):
        return None
    if obj.lemma_.lower() in OFFICE_NOUNS or any(t.lower_ == "re" for t in obj.subtree):
        return None
    asked = {obj.lemma_.lower()} | {c.lemma_.lower() for c in obj.children if c.dep_ == "conj"}
    # what others grant (guarantees, recognition, documents) is asked of them; anything else
    # sought ("a middle ground", "political rebirth") may be the actor's own aim
    return "demand", "seek" if asked & GRANTED_NOUNS else "seek_other"


def _deontic(comp: Token) -> tuple[str, str] | None:
    """A "X said Y must / should do" demand, unless Y is the speaker ("I should"), the verb is
    past ("should have seen": a reproach), or the clause is an exhortation of "we"."""
    if any(c.dep_ == "aux" and c.lower_ in ("have", "'ve") for c in comp.children):
        return None
    subj = subject_of(comp)
    if subj is None or subj.lower_ in NO_DEMAND_SUBJECTS or _generic_who(subj):
        return None
    if any(
        c.dep_ == "aux" and c.i < subj.i and c.lower_ in ("must", "should") for c in comp.children
    ):
        return None  # "“Should the government have this technology?” he said": a question
    if comp.lemma_.lower() in EXHORTATION_VERBS or not _agent(subj):
        return None  # "they should be suspicious", "its development should stand as …"
    if subj.lower_ == "we":
        return None if comp.lemma_.lower() in EXHORTATION_VERBS else ("demand", "quote_we_demand")
    if subj.lower_ in THIRD_PERSON | {"it"}:
        return "demand", "pronoun_demand"  # "said he should step down": who should, unsaid
    return "demand", "deontic"


def _agent(subj: Token) -> bool:
    """Whether a subject can be asked to act: a name, a person pronoun, or a noun for people
    or institutions ("the panel", "anyone"), not a thing ("its development should stand")."""
    if subj.pos_ in ("PROPN", "PRON") or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    return subj.lemma_.lower() in AGENT_NOUNS


def _generic_who(subj: Token) -> bool:
    """Whether the subject is "anyone / whoever / those who …": advice to whoever meets a
    condition (often a retort), not a demand of a named party."""
    if subj.lower_ == "whoever":
        return True
    return subj.lower_ in GENERIC_PEOPLE and any(c.dep_ == "relcl" for c in subj.children)


def _modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children)


def _insists_on_act(verb: Token) -> bool:
    """ "insists on X", "insisted that Kyiv pull back" (subjunctive or modal): a demand."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "on":
            return True
        bare = c.tag_ == "VB" and not any(g.dep_ == "aux" for g in c.children)
        if c.dep_ == "ccomp" and (bare or _modal(c)):
            return True  # "that Kyiv pull back" (not "that it does not obtain")
    return False


def _object(verb: Token) -> Token | None:
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:
        obj = next(
            (
                g
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ in ("with", "to")
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
    return obj


def _clean_stance(span: Span, sentences: _Sentences, sentence: Span) -> Span | None:
    """The stance without a trailing "saying …" / "while arguing …" clause, or None when it is
    a fragment a reader cannot understand alone (it starts with a preposition, an adverb or a
    pronoun standing for something said elsewhere)."""
    text = sentences.texts[span.article_id]
    start, end = span.start, trails_cut(text, span.start, span.end)
    # a headline run into its first paragraph ("… gun control plan\nPresident Obama called …"):
    # the stance ends at the line break
    line_break = text.find("\n", start + 1, end)
    if line_break != -1:
        end = line_break
    if sentence.start <= start < sentence.end:
        # a verb conjoined after a comma is another act of the actor ("opposed the talks,
        # pressed for more support …"), not part of this stance
        for t in sentences.doc(sentence):
            at = sentence.start + t.idx
            # the parser often hangs the second act of a list on the first one's object
            # ("opposed the talks, pressed for more support and advocated …": "pressed" as acl)
            listed = t.dep_ == "acl" and any(
                c.dep_ == "conj" and c.tag_ in ("VBD", "VBZ") for c in t.children
            )
            acts = t.dep_ == "conj" or listed
            if start < at < end and acts and t.tag_ in ("VBD", "VBZ", "VBN"):
                before = text[start:at].rstrip()
                if before.endswith(",") or (before.endswith(" and") and not listed):
                    end = start + len(before.removesuffix(" and").rstrip(" ,"))
                    break
    while start < end and text[start] in " \t\n,;:—–-“”\"'(":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:—–-“\"'(":
        end -= 1
    if text[end : end + 2] in ("’s", "'s") and not text[end + 2 : end + 3].isalnum():
        end += 2  # "a proposal similar to Mr. Ryan’s": the possessive ends the stance
    first = _WORD.match(text, start)
    if first is None or first.group().lower() in PRONOUN_OBJECTS | RELATIVES:
        return None  # "rejected it"; "which the FMF refused to reschedule": the object is before
    if sentence.start <= start < sentence.end:
        token = sentences.token(sentence, start)
        if token is not None and token.pos_ in FRAGMENT_POS:
            nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
            infinitive = token.lower_ == "to" and nxt is not None and nxt.pos_ in ("VERB", "AUX")
            condition = token.lower_ in ("if", "unless")  # "if Putin did not accept …, Europe …"
            if not infinitive and not condition:
                return None  # "away from the deal", "by House Speaker John Boehner"
    return Span(article_id=span.article_id, start=start, end=end)


def _from_quote(q: Quote, sentences: _Sentences, names: Mapping[str, str]) -> list[_Candidate]:
    """Positions the speaker states in their own words (see the module doc)."""
    if q.speaker is None:
        return []
    out = []
    # a he/she speaker resolved to the nearest name before it: one more link that can break
    doubt = PRONOUN_ACTOR if q.speaker_text.lower() in ("he", "she", "they") else 0.0
    if q.evidence and pronoun(q.speaker_text):
        first = q.evidence[0]
        at = q.speaker_span.start if q.speaker_span is not None else first.end
        if not antecedent_near(
            names.get(q.speaker, ""), sentences.texts[first.article_id], first, at
        ):
            doubt += FAR_ANTECEDENT
    for content in q.content:
        for sentence in q.evidence:
            if sentence.article_id != content.article_id:
                continue
            lo, hi = max(content.start, sentence.start), min(content.end, sentence.end)
            if lo >= hi:
                continue
            doc = sentences.doc(sentence)
            a, b = lo - sentence.start, hi - sentence.start
            for token in doc:
                if not a <= token.idx < b:
                    continue
                found = _quote_marker(token, q, (a, b))
                if found is None:
                    continue
                kind, basis, (s, e) = found
                lo_part, hi_part = (a, b)
                if basis == "quote_split_unless":  # the condition is in another quoted part
                    lo_part, hi_part = next(
                        (
                            (c.start - sentence.start, c.end - sentence.start)
                            for c in q.content
                            if c.article_id == sentence.article_id
                            and c.start - sentence.start <= s < c.end - sentence.start
                        ),
                        (s, s),
                    )
                s, e = max(s, lo_part), min(e, hi_part)
                if e <= s:
                    continue
                span = Span(
                    article_id=sentence.article_id,
                    start=sentence.start + s,
                    end=sentence.start + e,
                )
                stance = _clean_stance(span, sentences, sentence)
                if stance is not None:
                    out.append(
                        _Candidate(
                            actor=q.speaker,
                            kind=kind,
                            span=stance,
                            evidence=(sentence,),
                            confidence=min(BASE[basis], q.confidence) - doubt,
                        )
                    )
            text = sentences.texts[sentence.article_id][lo:hi]
            if QUOTE_MARKER_NOUNS.search(text):
                out.append(
                    _Candidate(
                        actor=q.speaker,
                        kind="condition",
                        span=Span(article_id=sentence.article_id, start=lo, end=hi),
                        evidence=(sentence,),
                        confidence=min(
                            BASE["quote_red_line"]
                            if OUR_RED_LINE.search(text)
                            else BASE["quote_marker_noun"],
                            q.confidence,
                        ),
                    )
                )
    return out


def _quote_marker(
    token: Token, q: Quote, within: tuple[int, int]
) -> tuple[str, str, tuple[int, int]] | None:
    """(kind, basis, clause range in the sentence) when the token marks a stance of the
    quotation's speaker: a demand of others, the speaker's refusal, offer or commitment.
    `within` is the quoted content's range in the sentence."""
    lower = token.lower_
    if lower in ("must", "should") and token.dep_ == "aux":
        subj = subject_of(token.head)
        if _embedded(token.head, within) or subj is not None and subj.i > token.i:
            return None  # "should the evacuation go ahead, …": a condition, not a demand
        return _quoted_demand(token.head, token.head)
    if token.lemma_.lower() in ("have", "need") and token.pos_ in ("VERB", "AUX"):
        act = next((c for c in token.children if c.dep_ == "xcomp"), None)
        # "has to go" / "needs to act": the "to" follows the verb ("should have had more ships
        # standing by to handle …" is a reproach with a purpose clause, no obligation)
        if act is None or not any(c.lower_ == "to" and c.i == token.i + 1 for c in act.children):
            return None
        if any(c.lower_ == "yet" for c in token.children) or _embedded(token, within):
            return None  # "has yet to respond": not an obligation
        if any(
            c.dep_ in ("aux", "neg") and c.lower_ in PREDICTION_AUX | {"not", "n't"}
            for c in token.children
        ):
            return None  # "will have to figure out": a prediction; "don't have to"
        return _quoted_demand(token, act)
    if token.dep_ == "neg" and token.head.pos_ == "VERB":
        verb = token.head
        auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if not auxes & FUTURE_AUX or verb.lemma_.lower() in STATE_VERBS | OWN_PLAN_VERBS:
            return None  # "won't change" (a state), "wouldn't seek re-election" (an own plan)
        if "have" in auxes or "'ve" in auxes or _embedded(verb, within):
            return None  # "would not have authorized": a counterfactual
        if not _speaks_for_self(subject_of(verb), q) or _in_condition(verb):
            return None
        if verb.lemma_.lower() in PERSIST_VERBS or _counterfactual(verb):
            return None  # "would not rest until …": a pledge; "if she were president, …"
        if q.direct and auxes & {"would", "'d"} and not auxes & {"will", "wo", "'ll"}:
            # in the speaker's own words "would" is a hypothetical ("we would never accept
            # the Japanese putting up …" is an analogy), unlike a reported "said he would not"
            return "rejects", "quote_hypothetical", _predicate_range(verb)
        unless = any(
            c.dep_ == "advcl" and _marked(c, ("unless",)) or c.lower_ == "only"
            for c in verb.subtree
        )
        if unless:
            return "condition", "quote_refusal", _predicate_range(verb)
        if UNLESS.search(q.text):
            # "“We will not sign,” Marek said, “unless the blockade is lifted”": the condition
            # stands in the quotation's other part. Shown as "We will not sign" it would read as
            # a flat refusal, which the source does not say, so the stance is the condition
            # itself ("the blockade is lifted"); when it cannot be cut out, it stays under the
            # floor
            condition = split_condition(verb.doc.text, _predicate_range(verb)[1])
            if condition is not None:
                return "condition", "quote_split_unless", condition
            return "condition", "quote_split_condition", _predicate_range(verb)
        return "rejects", "quote_refusal", _predicate_range(verb)
    if lower in READY_WORDS | COMMITTED_WORDS and token.pos_ in ("ADJ", "VERB"):
        wanted = ("xcomp",) if lower in READY_WORDS else ("xcomp", "prep")
        if not any(c.dep_ in wanted for c in token.children):
            return None  # "we are prepared for the worst": no act offered
        act = next((c for c in token.children if c.dep_ == "xcomp"), None)
        if act is not None and self_presentation(act):
            return None  # "I am now ready to fight for the people": a candidacy, no offer
        if not _speaks_for_self(_subject(token), q) or _in_condition(token):
            return None
        holders = (token, token.head) if token.dep_ == "acomp" else (token,)
        if any(c.dep_ == "neg" for h in holders for c in h.children):
            return None  # "I am not willing to give up my right": no offer
        kind = "offer" if lower in READY_WORDS else "commitment"
        return kind, "quote_offer", _predicate_range(token)
    if token.lemma_.lower() in ("refuse", "reject") and token.pos_ == "VERB":
        if any(c.dep_ == "neg" for c in token.children) or _in_condition(token):
            return None
        obj = _object(token)
        if obj is not None and obj.lemma_.lower() in CLAIM_NOUNS:
            return None  # "rejected assertions that …": a denial
        if not _speaks_for_self(_subject(token), q):
            return None
        return "rejects", "quote_refusal", _predicate_range(token)
    return None


def _quoted_demand(modal_head: Token, act: Token) -> tuple[str, str, tuple[int, int]] | None:
    """ "X must / should / has to do": a demand when X is not the speaker alone, the modal is
    not of the past ("should have seen") and not inside a condition."""
    if any(c.dep_ == "aux" and c.lower_ in ("have", "'ve") for c in act.children):
        return None
    subj = subject_of(modal_head)
    if subj is None or subj.lower_ in NO_DEMAND_SUBJECTS or _in_condition(modal_head):
        return None
    if _generic_who(subj):
        return None  # "anyone who wants me off the case needs to call …": a retort, no demand
    if any(c.dep_ == "auxpass" for c in act.children):
        return None  # "he had to be accompanied": a need, not a demand of anyone
    ending = act.lemma_.lower() in ENDING_VERBS  # "the batteries must go", "the blockade must end"
    if act.lemma_.lower() in EXHORTATION_VERBS or not (_agent(subj) or ending):
        return None  # "we must remember", "people need to understand", "X should be Y"
    basis = "quote_we_demand" if subj.lower_ == "we" else "quote_demand"
    if subj.lower_ in THIRD_PERSON | {"it"}:
        basis = "pronoun_demand"  # "they should stop blocking …": of whom, the stance leaves open
    toks = list(modal_head.subtree)
    return "demand", basis, (min(t.idx for t in toks), max(t.idx + len(t) for t in toks))


def _embedded(head: Token, within: tuple[int, int]) -> bool:
    """Whether the predicate hangs inside a relative, prepositional or complement clause of
    another predicate of the quotation ("convince them they should …", "what a campaign needs
    to be about"): then it is not the speaker's own stance."""
    child, steps = head, 0
    while child.head is not child and steps < 6 and within[0] <= child.head.idx < within[1]:
        if child.dep_ in ("relcl", "pcomp", "acl", "csubj", "advcl", "pobj"):
            return True
        if child.dep_ in ("ccomp", "xcomp") and child.head.lemma_.lower() not in SAYING:
            return True
        child, steps = child.head, steps + 1
    return False


def _subject(token: Token) -> Token | None:
    """The subject, active or passive ("his country was resolved to …")."""
    found = subject_of(token)
    if found is None:
        holders = (token, token.head) if token.dep_ in ("acomp", "xcomp") else (token,)
        found = next((c for h in holders for c in h.children if c.dep_ == "nsubjpass"), None)
    return found


def _speaks_for_self(subj: Token | None, q: Quote) -> bool:
    """Whether the subject of a stance in a quotation is its speaker: "I" / "we" in direct
    speech; in reported speech also he / she / they, or the speaker's own words."""
    if subj is None:
        return False
    lower = subj.lower_
    if lower in FIRST_PERSON:
        return True
    if subj.lemma_.lower() in OWN_SIDE and any(
        c.dep_ == "poss" and c.lower_ in ("our", "my") for c in subj.children
    ):
        return True  # "our country is ready to …"
    if q.direct:
        return False
    if lower in THIRD_PERSON:
        # a spokesman's "she would not …" is the principal's, not the spokesman's
        return not PROXY_SPEAKER.search(q.speaker_text)
    if subj.lemma_.lower() in OWN_SIDE and any(
        c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in subj.children
    ):
        return True  # "said his country was resolved to continue its mediation role"
    return subj.pos_ == "PROPN" and subj.text in q.speaker_text


def _in_condition(token: Token) -> bool:
    child, steps = token, 0
    while steps < 6:
        if _marked(child, ("if", "unless", "whether")) or child.lemma_.lower() in NOT_ASSERTING:
            return True
        if child.head is child:
            return False
        child, steps = child.head, steps + 1
    return False


def _predicate_range(head: Token) -> tuple[int, int]:
    """The predicate without its subject: "will not sign any deal that …", "ready to work …"."""
    subj = subject_of(head)
    skip = {t.i for t in subj.subtree} if subj is not None and subj.head is head else set()
    toks = [t for t in head.subtree if t.i not in skip and not (t.i < head.i and t.dep_ == "punct")]
    if head.dep_ == "acomp":  # "we are ready to …": start at the adjective
        toks = [t for t in toks if t.i >= head.i]
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
