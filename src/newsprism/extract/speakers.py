"""Whether a quote's speaker phrase can be the one whose words these are (issue 17).

A quote's speaker is the subject of its speech verb, or the object of "according to". The
parse gives that phrase whatever it is; a strict reader accepts it only when it names someone
who can speak:

- an **agent**: a person or body (a name, a pronoun, "the official", "rebels", "the
  ministry", "state TV");
- a **document** ("the letter", "tax returns", "a report", "excerpts") speaks only for whoever
  issued it. When the phrase itself names the issuer ("the Justice Department's report", "a
  statement from the White House", "excerpts provided by the agency", "the letter, which the
  faculty members sent") the issuer is the speaker; otherwise the words have no speaker a
  reader can check;
- a **thing** (any other common noun: "that world view", "the question", "37%") is no speaker
  at all: the parse took the wrong phrase ("That world view, Santorum continued, suggests …").

`back_reference(token)` says whether the phrase is a description that points back to someone
named before ("The soldiers", "his campaign", "the R&B singer" beside a name), whom a reader
cannot check unless it is resolved. `speaker_kind(token)` classifies the head token of the
phrase; `issuer(token)` finds the
issuer inside a document phrase; `nested_cue(cue)` says whether a speech verb stands inside
what someone else is reported to say ("Rogozin said NATO was … declaring them legitimate": the
words are Rogozin's account, not NATO's).

Limits: the word lists are English and hand-made from news speakers; a person noun that is in
neither list nor formed like one (-er, -ist, -ian, …) is taken for a thing, which hides a right
quote rather than showing a wrong one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "DOCUMENT_HEADS",
    "SpeakerKind",
    "back_reference",
    "issuer",
    "nested_cue",
    "speaker_kind",
]

SpeakerKind = Literal["agent", "document", "thing"]

# texts, records and other things a sentence lets "say" what their authors said
_DOCUMENT_WORDS = """
    apology lawsuit suit document letter statement report ad advertisement memo memorandum
    filing complaint study survey poll record return excerpt transcript recording tape video
    audio footage book article editorial column blog post tweet message email e-mail note
    website site page release communique communiqué decree order law bill act rule ruling
    verdict indictment affidavit motion brief petition resolution declaration announcement
    notice bulletin update alert warning guidance guideline plan proposal draft analysis
    estimate result finding figure data number statistic test assessment review audit
    investigation inquiry paper cable dispatch speech remark comment word voice text
    transcript testimony account version summary sign banner headline caption
"""
DOCUMENT_HEADS = frozenset(_DOCUMENT_WORDS.split())

# common nouns for people and bodies that are not formed with an agent suffix
_AGENT_WORDS = """
    official spokesman spokeswoman spokesperson source witness people person man woman men
    women child children kid boy girl family friend relative parent mother father son daughter
    wife husband brother sister aunt uncle cousin colleague aide envoy chief head staff crew
    judge jury court police army military navy force troops soldier guard nurse medic paramedic
    doctor surgeon patient victim student teacher host guest customer voter citizen critic
    supporter opponent ally rival neighbour neighbor local expert analyst individual someone
    anyone everyone somebody anybody everybody nobody other others many some most few all both
    those these government administration company firm corporation business bank agency
    ministry department office council committee commission board panel party group
    organisation organization union alliance coalition campaign team club network media press
    station channel tv television radio broadcaster newspaper magazine outlet state country
    nation city county town village regime authority authorities prosecution defense defence
    delegation embassy consulate mission parliament congress senate house assembly cabinet
    leadership management executive industry sector market public community camp side
    opposition movement rebel rebels militia faction tribe clan elder cleric priest bishop pope
    imam rabbi monk star celebrity singer actor actress mogul tycoon billionaire candidate
    nominee incumbent senator governor mayor president minister secretary chairman chairwoman
    chair sheriff general colonel captain major lieutenant sergeant commander officer agent
    detective inspector investigator prosecutor attorney lawyer counsel adviser advisor
    consultant economist scientist researcher professor academic scholar historian diplomat
    ambassador consul negotiator mediator observer monitor correspondent reporter journalist
    editor anchor commentator pundit blogger user commenter reader viewer listener caller
    participant respondent resident inhabitant villager refugee migrant survivor hostage
    prisoner detainee inmate suspect defendant plaintiff claimant applicant owner operator
    worker employee employer manager director founder ceo chairman spokesmen fan follower
    member representative rep sen gov lawmaker legislator politician leader ruler king queen
    prince princess emperor dictator strongman premier chancellor airline carrier giant unit
    subsidiary chain fund university college school hospital clinic charity foundation
    institute institution center centre lab laboratory watchdog regulator tribunal church
    mosque temple synagogue association federation league brigade battalion regiment division
    squad unit branch bureau service services
"""
AGENT_NOUNS = frozenset(_AGENT_WORDS.split())
AGENT_SUFFIXES = (
    "er",
    "or",
    "ist",
    "ian",
    "ant",
    "ent",
    "man",
    "woman",
    "person",
    "ee",
    "eer",
    "crat",
    "arch",
    "ive",
    "ier",
    "guard",
)
AGENT_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})
# bodies and sides a story has one of, which "the" names without referring back to a name
SIDES = frozenset(
    ["prosecution", "defense", "defence", "government", "police", "administration", "military"]
    + ["army", "opposition", "jury", "court", "rebel", "protester", "authority", "authorities"]
)
# verbs by which someone makes a document theirs ("a statement released by", "the letter,
# which the faculty sent"); "documents obtained by", "records cited by" name no author
ISSUING = frozenset(
    ["issue", "release", "provide", "publish", "file", "send", "write", "sign", "author"]
    + ["prepare", "produce", "conduct", "commission", "submit", "post", "deliver", "draft"]
    + ["compile", "carry", "put", "bring", "make", "present", "distribute", "circulate"]
)


def speaker_kind(head: Token) -> SpeakerKind:
    """Whether the head token of a speaker phrase names an agent, a document or a thing (see
    the module doc). A name, a pronoun or a determiner-pronoun ("others", "those") is an
    agent; a common noun is looked up by its lemma."""
    if head.pos_ in ("PROPN", "PRON") or head.ent_type_ in AGENT_ENTITIES:
        return "agent"
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children):
        return "agent"  # "one of the bodyguards, Alberto Alvarez"
    lemma = head.lemma_.lower()
    word = head.lower_
    if lemma in DOCUMENT_HEADS or word in DOCUMENT_HEADS:
        return "document"
    if head.like_num or any(ch.isdigit() for ch in word) or word in ("%", "percent"):
        return "thing"  # "37% said": a share of a poll's answers, not a speaker
    if lemma in AGENT_NOUNS or word in AGENT_NOUNS:
        return "agent"
    if head.pos_ in ("DET", "NUM", "ADJ") and word in AGENT_NOUNS:
        return "agent"
    if len(lemma) > 4 and lemma.endswith(AGENT_SUFFIXES):
        return "agent"
    return "thing"


def issuer(head: Token) -> Token | None:
    """The person or body a document phrase names as its author: its possessor or a name
    before it ("the Justice Department's report", "a Des Moines Register poll"), the object of
    "from"/"by"/"of" after it ("a statement from the White House", "excerpts provided by the
    department"), or the subject of a relative clause on it ("the letter, which the faculty
    members sent"), the last two only through a verb of `ISSUING` ("documents obtained by X"
    are not X's); None when it names none. Only an agent counts ("a report of the hearing"
    names no author)."""
    candidates: list[Token] = []
    for child in head.children:
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.i < head.i):
            candidates.append(child)  # "the department's report", "a Des Moines Register poll"
        elif child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            candidates += [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in ("acl", "relcl") and child.lemma_.lower() in ISSUING:
            agent = next((g for g in child.children if g.dep_ == "agent"), None)
            if agent is not None:
                candidates += [g for g in agent.children if g.dep_ == "pobj"]
            if child.dep_ == "relcl":
                candidates += [g for g in child.children if g.dep_ == "nsubj"]
    for found in candidates:
        if found.pos_ == "PRON" and found.lower_ in ("which", "that", "it", "its", "who"):
            continue
        if speaker_kind(found) == "agent":
            return found
    return None


def nested_cue(cue: Token, verbs: frozenset[str]) -> bool:
    """Whether a speech verb stands inside the complement of another of the `verbs` (of saying
    or thinking) that has its own subject ("Rogozin said NATO was choosing targets and then
    declaring them legitimate"): what the inner verb's subject said is then the outer speaker's
    account of it."""
    return any(
        ancestor.lemma_.lower() in verbs
        and ancestor.pos_ in ("VERB", "AUX")
        and _in_complement(ancestor, cue)
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in ancestor.children)
        for ancestor in cue.ancestors
    )


def _in_complement(verb: Token, inner: Token) -> bool:
    """Whether `inner` lies in a complement clause (ccomp) of `verb`."""
    return any(c.dep_ == "ccomp" and inner in c.subtree for c in verb.children)


# heads of the unnamed sources news quotes by role ("a senior U.S. official" ... "the official")
UNNAMED_SOURCES = frozenset(
    ["official", "source", "aide", "diplomat", "spokesman", "spokeswoman", "spokesperson"]
    + ["adviser", "advisor", "analyst", "expert", "witness", "resident", "officer"]
)


def back_reference(head: Token) -> bool:
    """Whether a speaker phrase is a description naming no one that points back to someone the
    article named before, whom the parse does not resolve, so the speaker shown is not the one
    a reader can check: a definite description ("The soldiers", "The rights leader"), one with
    a possessive pronoun or a demonstrative ("his campaign", "that cover"), and one whose
    modifiers name a body or a trait but no person ("the R&B singer", "the Senate's top
    Democrat", "the 68-year-old leader") when the sentence before or after is about a named
    person ("the harbour master" in a story naming no one is the speaker as the source has it).
    A common-noun possessor ("the doctor's lawyers") says whose, and points back to no one."""
    if head.pos_ != "NOUN" and not (head.pos_ == "PROPN" and head.ent_type_ == "NORP"):
        return False  # a name says who; "the Senate's top Democrat" is a description
    if head.lemma_.lower() in SIDES or any(c.dep_ in ("prep", "appos") for c in head.children):
        return False  # "the prosecution", "the executors of the estate" say who they are
    pointers = [c for c in head.children if _refers_back(c)]
    if not pointers or any(t.ent_type_ == "PERSON" for t in head.subtree):
        return False
    if any(c.lower_ != "the" and c.tag_ in ("PRP$", "DT") for c in pointers):
        return True  # "his", "their", "that": someone before, always
    if not any(t.pos_ == "PROPN" or t.ent_type_ for t in head.subtree):
        return True
    if head.lemma_.lower() in UNNAMED_SOURCES:
        return False  # "The senior U.S. official said": the unnamed source met before
    return _person_near(head)


def _refers_back(child: Token) -> bool:
    """Whether a child of a speaker's head makes the phrase point back: "the", a demonstrative
    ("that cover"), a possessive pronoun ("his campaign", whose "his" is someone before) or a
    possessor with "the" ("the Senate's top Democrat": one person a title picks out)."""
    if child.dep_ == "det":
        return child.lower_ in ("the", "this", "that", "these", "those")
    if child.dep_ != "poss":
        return False
    if child.tag_ == "PRP$":
        return child.lower_ != "my"  # "my colleague" is the writer's, who is no one before
    # "the Senate's top Democrat"; "the doctor's lawyers" names whose lawyers, not who
    return child.pos_ == "PROPN" and any(
        g.dep_ == "det" and g.lower_ == "the" for g in child.children
    )


def _person_near(head: Token) -> bool:
    """Whether the sentence before or after `head`'s is about a named person (a person name is
    its subject): "Jamie Foxx will host the concert. The R&B singer said …" points back to
    him; "the Los Angeles coroner" in a sentence after one that only mentions a name does
    not."""
    sents = list(head.doc.sents)
    k = next(i for i, s in enumerate(sents) if s.start <= head.i < s.end)
    near = [sents[j] for j in (k - 1, k + 1) if 0 <= j < len(sents)]
    return any(
        e.label_ == "PERSON"
        and e.root.dep_ in ("nsubj", "nsubjpass")
        and s.start <= e.start < s.end
        for s in near
        for e in head.doc.ents
    )
