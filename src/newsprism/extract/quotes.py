"""Attributed quotes: direct quotations and reported speech, with speaker, cue and content spans.

How a quote is found, on the dependency parse of each sentence:

Direct quotes
1. Quoted passages are paired within a paragraph (`parse.quoted_spans`: “…”, "…", „…“, «…»,
   mixed closing marks, and ‘…’ where it cannot be an apostrophe).
2. The cue is the speech verb (`SPEECH`: say, tell, insist, describe, write, …) nearest the
   passage in its sentence, outside every quotation, or "according to"; a passage that ends
   with a full stop takes no cue after it (that belongs to the next sentence). A passage without a
   cue is a scare quote or a title ("the so-called “Istanbul Plus” package") and is dropped;
   so is a passage of one or two words unless its cue names it ("called it “a farce”").
3. The speaker is the cue's subject, found through participle and conjoined verbs
   ("Describing his conversation as “…,” Putin said"), or the object of "according to";
   relative clauses are cut from it ("the envoy, who ..."). A cue without a speaker is no
   attribution.
4. Two passages of one sentence with the same cue are one quote in parts
   ("“We will not sign,” Marek said, “unless …”"). A sentence that is only a quotation,
   straight after an attributed one in the same paragraph, continues that speaker; one after a
   sentence ending in a colon takes that sentence's cue and speaker.

Reported speech
5. A speech or attitude verb (`REPORTED`) with a complement clause gives the clause as the
   content ("said that Moscow had insisted …", "insisted that Kyiv pull …", and "Kyiv has
   options, said an aide" where the clause comes first, set off by a comma), without the
   "that"; "According to X, CLAUSE" gives the clause; "CLAUSE, X said" (the verb parenthetical
   to the clause) gives the clause around it. A clause that contains a direct quotation of the
   same cue is left to the direct quote, so the quoted words are not reported twice.

Speakers
6. `ref` is the name mention the speaker resolves through: the mention at the head of the
   speaker phrase ("Valdorian President Ilse Marek" -> Ilse Marek, "the Russian president" ->
   its title mention), or for he/she the nearest person mention before it in the article.
   A generic speaker ("a source familiar with the talks") keeps its text and no ref.

Content is always a character range of the article: the words between the marks, or the
clause the cue introduces; nothing is paraphrased.

Speaker confidence (`speaker_confidence`): how sure the speaker is the person or body whose
words these are. A named speaker the story resolves is surest; a he/she resolved to the
nearest person before it is wrong too often to show (and one resolved to no one, or to an
organisation, more so); a dateline parsed as the speaker is no one; "they" / "we" / "I" as
speaker, a speaker inherited from the sentence before, a document or apology "speaking" but
resolved to a name inside its phrase ("The lawsuit, brought by Nebraska's attorney general"
is not Nebraska), and content that swallowed its own cue are doubtful; an outlet or agency
is the speaker of its own narration only, so first-person words credited to one are almost
surely someone else's; a seat of government ("The White House said") resolved to its state
would show the state as the speaker (`extract._quote` adds the doubt "seat"). The parse adds
`FoundQuote.doubts` (`DOUBTS`, each under the floor): a
speaker that is a document naming no issuer or a thing, not someone who speaks
(`speakers.speaker_kind`; a document that names its issuer gives the issuer as speaker); a cue
inside someone else's report (`speakers.nested_cue`) or quoted words that hang from a document's
or outlet's verb below the cue ("says the paper castigates … “trimming the state”"); reported
content that is denied, negated or an embedded question, has no finite verb, or runs into a
quotation; a nearest cue that is not the one the quoted words hang from in the parse; names
joined by "and" resolved to one of them; a description pointing back to someone named before
(`speakers.back_reference`: "The soldiers said", "his campaign", "the R&B singer" beside a
name) left unresolved; an infinitive cue ("leading party leaders to conclude that …") or a cue
inside a question; a narrated past belief ("thought they
had won"); reported content cut from its own predicate by a misparse (the sentence goes on
with the clause's verb, or the content stops inside a dash parenthesis it opened) or whose top
verb has no subject in the words shown (`cuts`).
Content opening on a page label ("NEW:") or a comment section's moderation notice ("This comment
was removed …") is page furniture; a chat asker's place before a colon ("Amherst, Mass.:
President Obama … said") is cut from the speaker phrase. A reader sees a quote only at or
above `confidence.FLOORS.quote_speaker`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsprism.extract.cuts import (
    FINITE_TAGS,
    mid_word,
    predicate_after,
    subjectless,
    without_asides,
)
from newsprism.extract.parse import (
    antecedent,
    doc_text,
    inner,
    parse_texts,
    phrase,
    prep_object,
    quoted_spans,
    subject_of,
    subtree_range,
    trim,
)
from newsprism.extract.speakers import back_reference, issuer, nested_cue, speaker_kind
from newsprism.model import FoundQuote, Range

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


SPEECH = frozenset(
    [
        "say",
        "tell",
        "add",
        "state",
        "note",
        "insist",
        "stress",
        "warn",
        "declare",
        "write",
        "claim",
        "explain",
        "argue",
        "announce",
        "reply",
        "respond",
        "answer",
        "acknowledge",
        "admit",
        "confirm",
        "deny",
        "comment",
        "remark",
        "recall",
        "suggest",
        "conclude",
        "observe",
        "tweet",
        "post",
        "quip",
        "urge",
        "demand",
        "vow",
        "promise",
        "pledge",
        "threaten",
        "accuse",
        "complain",
        "concede",
        "caution",
        "predict",
        "assert",
        "maintain",
        "emphasise",
        "emphasize",
        "underline",
        "reiterate",
        "repeat",
        "agree",
        "describe",
        "call",
        "term",
        "dub",
        "label",
        "brand",
        "proclaim",
        "boast",
        "lament",
        "charge",
        "counter",
        "tout",
        "signal",
        "indicate",
        "allege",
        "contend",
        "testify",
    ]
)
ATTITUDE = frozenset(
    ["believe", "think", "hope", "fear", "expect", "feel", "know", "understand", "worry", "doubt"]
)
REPORTED = SPEECH | ATTITUDE
# attitude verbs whose past tense narrates a belief held then ("thought they had won")
PAST_BELIEFS = frozenset(["think", "believe", "feel", "expect", "assume", "imagine"])
# attitude verbs that present their clause as fact (the narrator's), not as anyone's words
KNOWING = frozenset(["know", "realize", "realise", "understand"])
# modals that make an attitude verb the narrator's supposition ("must know", "should realise")
SUPPOSING = frozenset(["must", "should", "ought", "may", "might", "would", "could"])
# an aside between two spaced dashes ("the cement -- which BP acknowledged … -- and")
# verbs of answering back: "X disputed the report …, according to Y" is Y's account of X
REBUTTING = frozenset(["dispute", "deny", "reject", "rebut", "refute", "contest"])
NAMING = frozenset(["call", "describe", "term", "dub", "label", "brand"])
# prepositions before a quoted title that names where words were said, not the words
VENUE_PREPOSITIONS = frozenset(["on", "in", "at", "to", "during", "with"])
# heads of "N of X" speakers that stand for some of X ("a number of experts said")
QUANTITIES = frozenset(
    ["one", "number", "lot", "majority", "minority", "handful", "couple", "dozen", "half"]
    + ["some", "many", "most", "all", "several", "few", "each", "none", "both", "dozens"]
)
# words opening a speaker phrase that names part of a group ("Some leading Democrats")
SOME_OF = frozenset(
    ["some", "many", "most", "several", "few", "dozens", "other", "two", "three", "four"]
    + ["five", "six", "seven", "eight", "nine", "ten", "hundreds", "thousands"]
)
PRONOUNS = frozenset({"he", "she", "him", "her"})
PERSON_LABELS = frozenset({"PERSON", "ROLE"})


def find_quotes(text: str) -> list[dict[str, list[Range]]]:
    """The quotes of one text as source/cue/content range lists (the benchmark's interface)."""
    found = quotes_in_text(text, parse_texts([text])[0])
    return [
        {
            "source": [q.speaker] if q.speaker else [],
            "cue": [q.cue] if q.cue else [],
            "content": list(q.content),
        }
        for q in found
    ]


def quotes_in_text(
    text: str,
    pieces: Sequence[tuple[int, Doc]],
    mentions: Sequence[tuple[int, int, str]] = (),
) -> list[FoundQuote]:
    """Quotes of a text parsed as (offset, doc) pieces. `mentions` are (start, end, label) of
    the article's names, for speaker refs."""
    out: list[FoundQuote] = []
    for offset, doc in pieces:
        out += _quotes_in_doc(doc, offset)
    ordered = sorted(mentions)
    return [_with_ref(q, text, ordered) for q in out]


# (cue, speaker, cue range, doubts) of an attributed sentence
_Attribution = tuple["Token", Range, Range | None, tuple[str, ...]]
# (speaker, cue range, sentence ranges, doubts) of a direct quote's cue
_CueInfo = tuple[Range | None, Range | None, list[Range], tuple[str, ...]]


def _cue_token(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH


def _quotes_in_doc(doc: Doc, offset: int) -> list[FoundQuote]:
    text = doc_text(doc)
    marks = quoted_spans(text)
    inside = [False] * len(doc)
    for t in doc:
        inside[t.i] = any(s <= t.idx < e for s, e in marks)
    out: list[FoundQuote] = []
    sents = list(doc.sents)
    attributed: dict[int, _Attribution] = {}  # sentence index -> cue
    direct_cues: dict[int, list[tuple[int, int]]] = {}  # cue token index -> quote ranges
    by_cue: dict[tuple[int, int], list[Range]] = {}
    cue_info: dict[tuple[int, int], _CueInfo] = {}

    for qs, qe in marks:
        content = trim(text, *inner(text, (qs, qe)), chars=" \t\n")
        if content[1] - content[0] < 2:
            continue
        words = len(text[content[0] : content[1]].split())
        si = next((k for k, s in enumerate(sents) if s.start_char <= qs < s.end_char), None)
        if si is None:
            continue
        last = next((k for k, s in enumerate(sents) if s.start_char < qe <= s.end_char), si)
        closed = text[content[0] : content[1]].rstrip().endswith((".", "?", "!"))
        cands = [
            t
            for k in range(si, last + 1)
            for t in sents[k]
            if not inside[t.i]
            and (_cue_token(t) or _according(t))
            and not (closed and t.idx >= qe)  # a quotation that ends its sentence
        ]
        cue = min(cands, key=lambda t: _distance(t, qs, qe), default=None)
        governing = _governing_cue(cands, doc, qs, qe)
        speaker: Range | None = None
        cue_range: Range | None = None
        doubts: tuple[str, ...] = ()
        sentence_ranges = [(sents[k].start_char, sents[k].end_char) for k in range(si, last + 1)]
        if cue is not None:
            naming = cue.lemma_.lower() in NAMING
            if (words <= 2 or _modifies_noun(doc, qs, qe)) and not naming:
                continue
            subj = _speaker_token(cue)
            if subj is None or inside[subj.i]:
                continue
            speaker, doubts = _attribute(cue, subj)
            if governing is not None and governing is not cue and cue not in governing.subtree:
                # "Alvarez claims that the doctor “grabbed …” and told him": the nearest verb
                # is not the one the words hang from; the clause of "claims" is reported whole
                doubts += ("elsewhere",)
            if _inner_source(doc, qs, qe, cue):
                doubts += ("nested",)
            cue_range = _cue_range(cue)
            attributed[si] = (cue, speaker, cue_range, doubts)
            if _names_a_title(doc, qs, qe):
                continue
            key = (si, cue.i)
            earlier = by_cue.get(key)
            if earlier and not _continues(text, earlier[-1], qs):
                key = (si, -1000 - qs)  # the same cue, but a second, separate quotation
        else:
            if words <= 2:
                continue
            continued = _continued_cue(sents, si, qs, qe, inside, attributed)
            if continued is None:
                continue
            cue, speaker, cue_range, doubts = continued
            attributed[si] = continued
            key = (si, -1 - len(by_cue))
        by_cue.setdefault(key, []).append(content)
        old = cue_info.get(key)
        cue_info[key] = (
            speaker,
            cue_range,
            (old[2] if old else []) + sentence_ranges,
            doubts,
        )
        direct_cues.setdefault(cue.i, []).append((qs, qe))

    for key, parts in by_cue.items():
        speaker, cue_range, sentence_ranges, doubts = cue_info[key]
        quote = _direct_quote(parts, speaker, cue_range, sentence_ranges, offset)
        out.append(dataclasses.replace(quote, doubts=doubts))
    out += _reported(doc, offset, inside, direct_cues, marks)
    out.sort(key=lambda q: q.content[0])
    return [_hinted(q, doc, offset) for q in out]


def _governing_cue(cands: list[Token], doc: Doc, qs: int, qe: int) -> Token | None:
    """The speech verb among `cands` that the quoted passage `qs, qe` hangs from in the parse
    (the passage lies in that verb's clause), or None. A verb with no subject at all is climbed
    past ("called his girlfriends to testify “…,” said the attorney" -> "said"), and a naming
    verb governs only the words it names directly ("called it “a farce”")."""
    ids = {t.i for t in cands}
    roots = [t for t in doc if qs <= t.idx < qe and not qs <= t.head.idx < qe]
    for root in roots[:1]:
        for above in root.ancestors:
            if above.lemma_.lower() in NAMING and above is not root.head:
                continue
            if above.i in ids and (_according(above) or subject_of(above) is not None):
                return above
    return None


def _inner_source(doc: Doc, qs: int, qe: int, cue: Token) -> bool:
    """Whether the quoted passage `qs, qe` hangs, below its `cue`, from a verb whose own
    subject is a document or outlet ("White says the paper castigates governments for
    “trimming the state”"): the quoted words are the paper's, which the speaker relays."""
    roots = [t for t in doc if qs <= t.idx < qe and not qs <= t.head.idx < qe]
    for root in roots[:1]:
        for above in root.ancestors:
            if above.i == cue.i:  # spaCy makes a new Token object on each access
                return False
            subj = subject_of(above) if above.pos_ in ("VERB", "AUX") else None
            if subj is not None and subj.pos_ != "PRON":
                text = doc_text(doc)[subj.idx : subj.idx + len(subj)]
                return speaker_kind(subj) == "document" or bool(OUTLET.search(text))
    return False


def _names_a_title(doc: Doc, qs: int, qe: int) -> bool:
    """Whether a quoted passage is a title after a preposition, not speech: the programme,
    book or show where the words were said ("Ryan said on “Fox News Sunday.”")."""
    toks = [t for t in doc if qs <= t.idx < qe]
    words = [t.text for t in toks if t.is_alpha and len(t) > 3]
    if not words or not all(w[0].isupper() for w in words):
        return False
    return any(
        t.dep_ == "pobj" and t.head.lower_ in VENUE_PREPOSITIONS
        for t in toks
        if not qs <= t.head.idx < qe
    )


def _attribute(cue: Token, subj: Token) -> tuple[Range, tuple[str, ...]]:
    """The speaker phrase of the `cue` whose subject (or "according to" object) is `subj`, and
    the doubts on it (codes of `DOUBTS`): a document that names its issuer speaks for the
    issuer ("says the letter, which the faculty members sent" -> "the faculty members")."""
    doubts: list[str] = []
    speaker = subj
    head = subj
    if head.like_num or head.lower_ in QUANTITIES:  # "one of the bodyguards": a bodyguard
        head = prep_object(head, word="of") or head
    kind = speaker_kind(head)
    if kind == "document":
        author = issuer(head)
        if author is None:
            doubts.append("document")
        else:
            speaker = author
    elif kind == "thing":
        doubts.append("thing")
    if nested_cue(cue, REPORTED):
        doubts.append("nested")
    if speaker is subj and back_reference(subj):  # an issuer found in a document phrase is kept
        doubts.append("anaphor")
    if _infinitive_cue(cue):
        doubts.append("unsaid")
    if speaker.ent_type_ and any(
        c.dep_ == "conj" and c.ent_type_ == speaker.ent_type_ for c in speaker.children
    ):  # two names of one kind; "John Oxford of Barts and the London School" is one person
        doubts.append("several")  # "Reps. John Lewis, Andre Carson and Emanuel Cleaver said"
    start, end = _speaker_range(speaker)
    text = speaker.doc.text
    if speaker.dep_ == "poss" and text[start:end].endswith(("'s", "’s")):
        end -= 2  # "the Justice Department's report" -> "the Justice Department"
    return (start, end), tuple(doubts)


def _infinitive_cue(cue: Token) -> bool:
    """Whether a speech verb is an infinitive that reports no act of saying ("leading party
    leaders to conclude that …", "is expected to announce that …"); "went on to say" does."""
    if cue.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
        return False
    return cue.head.lemma_.lower() not in ("go", "continue", "proceed")


def _not_a_statement(cue: Token, comp: Token) -> bool:
    """Whether a complement clause is not what the speaker says or thinks: it is denied or
    doubted ("denied that he sent it"), the verb is negated ("has not said whether …", "did
    not know who …"), or it is an embedded question ("whether he will run")."""
    if cue.lemma_.lower() in ("deny", "doubt", "dispute", "reject"):
        return True
    if any(c.dep_ == "neg" or c.lower_ in ("never", "not") for c in cue.children):
        return True
    first = min(comp.subtree, key=lambda t: t.i)
    if first.lower_ == "that":
        return False  # the parser tags a complementiser "that" WDT at times
    return first.lower_ in ("whether", "if") or first.tag_ in ("WP", "WRB", "WDT", "WP$")


def _continued_cue(
    sents: list[Any],
    si: int,
    qs: int,
    qe: int,
    inside: list[bool],
    attributed: dict[int, _Attribution],
) -> _Attribution | None:
    """The (cue, speaker, cue range) of a quotation `qs, qe` with no cue in its own sentence
    `si`: a sentence that is all quotation continues the previous speaker in its paragraph, or
    takes the cue of a preceding sentence that ends with a colon; else None."""
    whole = _only_quote(sents[si], qs, qe)
    prev = si - 1
    text = doc_text(sents[si].doc)
    if not whole or prev < 0 or "\n" in text[sents[prev].end_char : qs]:
        return None
    if prev in attributed:
        return attributed[prev]
    colon = sents[prev].text.rstrip().endswith(":")
    cands = [t for t in sents[prev] if not inside[t.i] and _cue_token(t)]
    cue = cands[-1] if colon and cands else None
    subj = _speaker_token(cue) if cue is not None else None
    if cue is None or subj is None:
        return None
    speaker, doubts = _attribute(cue, subj)
    return cue, speaker, _cue_range(cue), doubts


def _direct_quote(
    parts: list[Range],
    speaker: Range | None,
    cue_range: Range | None,
    sentence_ranges: list[Range],
    offset: int,
) -> FoundQuote:
    """One direct quotation (its parts joined) in the offsets of the whole text."""
    return FoundQuote(
        content=tuple((offset + a, offset + b) for a, b in parts),
        speaker=_shift(speaker, offset),
        cue=_shift(cue_range, offset),
        direct=True,
        sentence=tuple(dict.fromkeys((offset + a, offset + b) for a, b in sentence_ranges)),
    )


def _hinted(q: FoundQuote, doc: Doc, offset: int) -> FoundQuote:
    if q.speaker is None:
        return q
    if doc_text(doc)[q.speaker[0] - offset : q.speaker[1] - offset].lower() not in PRONOUNS:
        return q
    token = next((t for t in doc if t.idx == q.speaker[0] - offset), None)
    found = antecedent(token) if token is not None else None
    if found is None:
        return q
    start, end = phrase(found)
    return dataclasses.replace(q, hint=(offset + start, offset + end))


def _reported(
    doc: Doc,
    offset: int,
    inside: list[bool],
    direct_cues: dict[int, list[tuple[int, int]]],
    marks: list[tuple[int, int]],
) -> list[FoundQuote]:
    out = []
    for t in doc:
        if inside[t.i]:
            continue
        content: Range | None = None
        cue_token = t
        speaker_token: Token | None = None
        extra_doubts: tuple[str, ...] = ()
        if _according(t):
            speaker_token = _according_object(t)
            head = t.head
            if head is t or speaker_token is None or head.pos_ not in ("VERB", "AUX"):
                continue
            if head.lemma_.lower() in REPORTED | REBUTTING and subject_of(head) is not None:
                extra_doubts = ("nested",)  # "…,” he said, according to excerpts: his words
            content = subtree_range(head, skip=[t])
        elif t.pos_ == "VERB" and t.lemma_.lower() in REPORTED:
            comps = [c for c in t.children if c.dep_ == "ccomp" and _introduces(t, c)]
            if comps and (_not_a_statement(t, comps[0]) or t.sent.text.rstrip().endswith("?")):
                extra_doubts = ("unsaid",)  # "Why did Obama fail to understand he needed …?"
            elif t.lemma_.lower() in PAST_BELIEFS and t.tag_ == "VBD":
                # "the protesters thought they were victorious": the narrator's account of what
                # someone believed then (often wrongly), not words anyone said
                extra_doubts = ("belief",)
            elif t.lemma_.lower() in KNOWING or _modal(t):
                # "Any married person knows that …", "Gaddafi must know that …": the narrator
                # asserts the clause and credits it to someone's mind, not to their words
                extra_doubts = ("belief",)
            if comps:
                speaker_token = _speaker_token(t)
                clauses = _clauses(comps[0])
                if speaker_token is None or inside[speaker_token.i]:
                    continue
                for clause in clauses[1:]:
                    extra = _reported_one(
                        doc, offset, t, speaker_token, (clause,), direct_cues, marks, extra_doubts
                    )
                    if extra:
                        out.append(extra)
                content = clauses[0]
            elif (
                t.dep_ in ("parataxis", "ccomp")
                and (t.i > t.head.i or t.dep_ == "parataxis")
                and t.head.pos_ in ("VERB", "AUX")
                and not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in t.children)
            ):  # "The deal, he said, is ..." / "The talks failed, the minister said."
                speaker_token = _speaker_token(t)
                content = subtree_range(t.head, skip=[t])
                inner_start = min(x.idx for x in t.subtree)
                inner_end = max(x.idx + len(x) for x in t.subtree)
                if content[0] < inner_start and inner_end < content[1]:
                    # the attribution stands inside the clause: two parts around it
                    parts = ((content[0], inner_start), (inner_end, content[1]))
                    if speaker_token is not None and not inside[speaker_token.i]:
                        found = _reported_one(
                            doc, offset, t, speaker_token, parts, direct_cues, marks
                        )
                        if found:
                            out.append(found)
                    continue
        if content is None or speaker_token is None or inside[speaker_token.i]:
            continue
        found = _reported_one(
            doc, offset, cue_token, speaker_token, (content,), direct_cues, marks, extra_doubts
        )
        if found:
            out.append(found)
    return out


def _introduces(cue: Token, comp: Token) -> bool:
    """A complement after its verb ("said that …"), or before it and set off by a comma
    ("Sanders has options, said Neil Sroka")."""
    if comp.i > cue.i:
        return True
    last = max(t.i for t in comp.subtree)
    return last < cue.i and any(t.text == "," for t in cue.doc[last + 1 : cue.i + 1])


def _clauses(comp: Token) -> list[Range]:
    """The complement clause, split where it conjoins clauses with their own subjects ("that
    the ceasefire had held and that her government would not …")."""
    conjs = [
        c
        for c in comp.children
        if c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and subject_of_own(c)
        and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
    ]
    if not conjs:
        return [subtree_range(comp)]
    first = subtree_range(comp, skip=conjs)
    return [first] + [subtree_range(c) for c in conjs]


def subject_of_own(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _reported_one(
    doc: Doc,
    offset: int,
    cue_token: Token,
    speaker_token: Token,
    content: tuple[Range, ...],
    direct_cues: dict[int, list[tuple[int, int]]],
    marks: list[tuple[int, int]],
    extra_doubts: tuple[str, ...] = (),
) -> FoundQuote | None:
    """A reported quote of the clause (in one part, or two around a parenthetical cue), with
    the `extra_doubts` its caller found besides those of its speaker and content."""
    text = doc_text(doc)
    parts = []
    for part in content:
        start, end = trim(text, *part)
        if text[start:end].lower().startswith(("that ", "that,")):
            start, end = trim(text, start + 4, end)
        if end > start:
            parts += without_asides(text, (start, end))
    if not parts or sum(len(text[a:b].split()) for a, b in parts) < 3:
        return None
    start, end = parts[0][0], parts[-1][1]
    own = direct_cues.get(cue_token.i, [])
    if any(qs < end and start < qe for qs, qe in own):
        return None  # the quoted words are this cue's direct quote already
    if any(qs <= start and end <= qe for qs, qe in marks):
        return None
    sent = cue_token.sent
    speaker, doubts = _attribute(cue_token, speaker_token)
    doubts += extra_doubts
    marks_inside = sum(text[start:end].count(m) for m in ('"', "“", "”"))
    if any(_cuts(text, (start, end), mark) for mark in marks) or (
        marks_inside % 2 and cue_token.idx >= end
    ):  # "CLAUSE “QUOTE,” said X": the quote has the cue; the clause runs into it
        doubts += ("cut",)  # a clause cut across a quotation: neither the quote nor the clause
    if mid_word(text, start, end):
        doubts += ("cut",)  # "Police said Dr Murray is co|-operating": the parse split a word
    if predicate_after(doc, start, end, sent.end_char):
        doubts += ("cut",)  # "said it believed that X's choice …, were key mistakes": no verb
    within = [t for t in doc if any(a <= t.idx < b for a, b in parts)]
    finite = any(t.tag_ in FINITE_TAGS or _subjunctive(t) for t in within) and not any(
        subjectless(t, parts) for t in within
    )
    return FoundQuote(
        content=tuple((offset + a, offset + b) for a, b in parts),
        speaker=_shift(speaker, offset),
        cue=_shift(_cue_range(cue_token), offset),
        direct=False,
        sentence=((offset + sent.start_char, offset + sent.end_char),),
        doubts=doubts if finite else (*doubts, "fragment"),
    )


def _modal(verb: Token) -> bool:
    """Whether an attitude verb carries a modal of supposition ("Gaddafi must know that …",
    "voters may feel that …"): what the narrator supposes someone thinks, not what they said.
    Speech verbs are left alone ("would say", "could confirm" report a statement)."""
    return verb.lemma_.lower() in ATTITUDE and any(
        c.dep_ == "aux" and c.lower_ in SUPPOSING for c in verb.children
    )


def _subjunctive(verb: Token) -> bool:
    """A base-form verb with its own subject and no "to" ("demanded that the screening be
    canceled"): a clause, unlike "declaring them to be legitimate"."""
    if not subject_of_own(verb) or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return verb.tag_ == "VB" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VB" for c in verb.children
    )


def _cuts(text: str, clause: Range, mark: Range) -> bool:
    """Whether a clause begins or ends inside the words of a quotation (its marks and the
    punctuation at its ends aside)."""
    qs, qe = trim(text, *inner(text, mark), chars=" \t\n,;:.!?—–-")
    start, end = clause
    return start < qs < end < qe or qs < start < qe < end


def _continues(text: str, part: Range, qs: int) -> bool:
    """Whether a quotation resumes the one before it after the attribution: the earlier part
    ends with a comma and only a few words stand between ("“A,” Marek said, “B.”")."""
    gap = text[part[1] : qs]
    words = gap.replace("”", " ").replace('"', " ").split()
    return (
        text[part[0] : part[1]].rstrip().endswith(",")
        and len(words) <= 10
        and not (words and words[-1].lower() == "that")
    )


def _modifies_noun(doc: Doc, qs: int, qe: int) -> bool:
    """A quoted passage that only modifies a noun outside it (“hide and seek” tactics) is a
    scare quote, not speech."""
    toks = [t for t in doc if qs <= t.idx < qe and not t.is_punct]
    after = [t for t in doc if t.idx >= qe and not t.is_punct]
    if len(toks) <= 4 and after and after[0].pos_ == "NOUN" and after[0].idx - qe <= 1:
        return True  # “hide and seek” tactics
    roots = [t for t in toks if not (qs <= t.head.idx < qe) or t.head is t]
    return bool(roots) and all(
        t.dep_ in ("compound", "amod", "nmod", "poss") and t.head.pos_ in ("NOUN", "PROPN")
        for t in roots
    )


def _according(t: Token) -> bool:
    return t.lower_ == "according" and any(c.lower_ == "to" for c in t.children)


def _according_object(t: Token) -> Token | None:
    return prep_object(t, word="to")


def _speaker_token(cue: Token) -> Token | None:
    if _according(cue):
        return _according_object(cue)
    root = cue.sent.root
    if cue.tag_ == "VBG" and cue.dep_ == "advcl" and root is not cue and _cue_token(root):
        cue = root  # "X said that …, describing the conditions as “…”"
    subj = subject_of(cue)
    if subj is not None and subj.tag_ in ("WP", "WDT") and cue.dep_ == "relcl":
        return cue.head
    if subj is not None and subj.lower_ == "one" and prep_object(subj, word="of") is None:
        return None  # "one might think" (but "one of the guards said")
    if (
        subj is not None
        and subj.pos_ == "PRON"
        and subj.lower_
        not in PRONOUNS
        | {
            "they",
            "we",
            "i",
            "you",
        }
    ):
        return None  # "it said", "this shows"
    return subj


def _speaker_range(token: Token) -> Range:
    start, end = phrase(token)
    text = doc_text(token.doc)
    start = max(start, text.rfind("\n", start, token.idx) + 1)
    # "Amherst, Mass.: President Obama … said": a chat's asker before a colon is not the phrase
    colon = text.rfind(": ", start, end)
    if colon >= 0 and text[colon + 2 : end].strip():
        start = colon + 2
    return trim(text, start, end, chars=" \t\n,;:—–-•*“”\"'")


def _cue_range(cue: Token) -> Range:
    if _according(cue):
        to = next(c for c in cue.children if c.lower_ == "to")
        return cue.idx, to.idx + len(to)
    end = cue.idx + len(cue)
    for c in cue.children:  # phrasal particles: "pointed out", "called for"
        if c.dep_ == "prt" and c.i == cue.i + 1:
            end = c.idx + len(c)
    return cue.idx, end


def _distance(t: Token, qs: int, qe: int) -> int:
    if t.idx >= qe:
        return t.idx - qe
    return max(0, qs - (t.idx + len(t)))


def _only_quote(sent: Any, qs: int, qe: int) -> bool:
    before = doc_text(sent.doc)[sent.start_char : qs].strip()
    after = doc_text(sent.doc)[qe : sent.end_char].strip()
    return len(before) <= 1 and len(after) <= 2


def _shift(r: Range | None, offset: int) -> Range | None:
    return (r[0] + offset, r[1] + offset) if r else None


def _with_ref(q: FoundQuote, text: str, mentions: Sequence[tuple[int, int, str]]) -> FoundQuote:
    if q.speaker is None or not mentions:
        return q
    if q.hint is not None:
        ref = speaker_ref(q.hint, text, mentions, quoted=q.content)
        if ref is not None:
            return dataclasses.replace(q, ref=ref)
    if "document" in q.doubts:
        return q  # a name inside a document's phrase is not its author ("Nebraska's lawsuit")
    words = text[q.speaker[0] : q.speaker[1]].split()
    if words and words[0].lower() in SOME_OF:
        return q  # "Some leading Democrats said": a part of the group, not "Democrats" whole
    return dataclasses.replace(q, ref=speaker_ref(q.speaker, text, mentions, quoted=q.content))


def speaker_ref(
    speaker: Range,
    text: str,
    mentions: Sequence[tuple[int, int, str]],
    quoted: Sequence[Range] = (),
) -> Range | None:
    """The name mention a speaker phrase resolves through: the mention that ends the phrase's
    head (the last name in "Valdorian President Ilse Marek") or, for he/she, the nearest
    person mention before it that is not inside a quotation."""
    s, e = speaker
    words = text[s:e].split()
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        before = [
            m
            for m in mentions
            if m[1] <= s and m[2] in PERSON_LABELS and not any(a <= m[0] < b for a, b in quoted)
        ]
        return (before[-1][0], before[-1][1]) if before else None
    head_end = _head_end(text, s, e)
    covering = [m for m in mentions if m[0] >= s and m[1] <= e and m[0] < head_end <= m[1]]
    named = [m for m in covering if m[2] != "ROLE"]
    if named:
        m = max(named, key=lambda m: m[1] - m[0])
        return m[0], m[1]
    # "the UN special envoy, Helena Sorvik": the name in apposition to a title
    comma = text.find(", ", s, e)
    appositive = [m for m in mentions if comma >= 0 and comma < m[0] and m[1] <= e]
    persons = [m for m in appositive if m[2] in ("PERSON", "ORG")]
    if persons:
        return persons[0][0], persons[0][1]
    if covering:
        return covering[0][0], covering[0][1]
    return None


def _head_end(text: str, s: int, e: int) -> int:
    """Where the head of a noun phrase ends: before a trailing "of …"/"with …"/"to …"/"for …"
    modifier or apposition comma, else at the phrase's end ("Libya's ambassador to the Arab
    League" is not the League)."""
    piece = text[s:e]
    cut = len(piece)
    markers = [" of ", " from ", " with ", " familiar ", " close to ", ", ", " in ", " at ", " to "]
    if "spokes" not in piece[: piece.find(" for ")].lower():
        # "a lawyer for Mrs. Clinton" is not Clinton, but a spokesman for a body speaks for it
        markers.append(" for ")
    for marker in markers:
        k = piece.find(marker)
        if 0 < k < cut:
            cut = k
    return s + len(piece[:cut].rstrip())


# a news organisation named as the speaker: it speaks only in its own narration
OUTLET = re.compile(
    r"\b(?:Times|Post|Journal|News|CNN|Reuters|Associated Press|AP|AFP|BBC|Fox|NBC|CBS|ABC|"
    r"MSNBC|NPR|Guardian|Bloomberg|Politico|HuffPost|Huffington|Newsweek|Telegraph|Jazeera|"
    r"TASS|Tass|Interfax|Anadolu|Xinhua|Tribune|Gazette|Herald|magazine|newspaper|agency)\b"
)
FIRST_PERSON_WORDS = re.compile(r"\b(?:I|[Ww]e|[Mm]y|[Oo]ur|me|us)\b")
# heads of speaker phrases that are texts, not people: the name inside them is not the speaker
TEXT_HEADS = frozenset(
    [
        "apology",
        "lawsuit",
        "suit",
        "document",
        "documents",
        "letter",
        "statement",
        "report",
        "ad",
        "memo",
        "filing",
        "complaint",
        "study",
        "survey",
        "poll",
        "records",
        "book",
        "article",
        "editorial",
        "voice",
        "remarks",
        "comments",
        "words",
        "message",
        "tweet",
        "email",
        "video",
        "speech",
        "website",
    ]
)
# a closing mark then the cue ("…,” he said"): the content ran past its own quotation
SWALLOWED_CUE = re.compile(r"[,”\"]\s*(?:[\w.]+\s+){0,3}(?:said|says|told|added)\s*$")
# a label in capitals opening the words: the page's story highlights, not anyone's speech
PAGE_LABEL = re.compile(r"^(?:NEW|UPDATE|UPDATED|BREAKING|LIVE|WATCH|READ|VIDEO|PHOTOS):")
# a comment section's moderation notice: the site's words where a reader's comment was
MODERATED = re.compile(r"^This (?:comment|post) (?:was|has been) (?:removed|deleted|hidden)")
DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,},")
# an agency dateline inside the words ("VALLETTA (Reuters) - Malta has refused …"): the content
# ran back over the page's header into the narration, which is no one's speech
AGENCY_DATELINE = re.compile(r"\((?:Reuters|AP|AFP|CNN|UPI|dpa)\)\s*[-–—]")
OTHER_PRONOUNS = frozenset({"they", "we", "i", "you", "them"})


# why a quote's speaker may not be the one whose words these are (`FoundQuote.doubts`), and
# the most confidence each leaves; all are under the floor: the issue-17 audit found each
# pattern wrong whenever it was shown
DOUBTS = {
    "document": 0.4,  # "the letter says", "according to tax returns": no issuer named
    "thing": 0.4,  # "That world view, Santorum continued, suggests …": not someone who speaks
    "nested": 0.45,  # "Rogozin said NATO was … declaring them legitimate": Rogozin's account
    "fragment": 0.45,  # reported "content" with no finite verb: "them to be legitimate"
    "unsaid": 0.3,  # denied, doubted, not said, or a question: "has not said whether he will …"
    "cut": 0.3,  # a clause that begins or ends inside a quotation: part quote, part narration
    "elsewhere": 0.4,  # the quoted words hang from another speech verb than the nearest one
    "several": 0.45,  # several speakers said it together, but the speaker resolved to one
    "anaphor": 0.45,  # "The soldiers said …": a definite description of someone named before
    "seat": 0.45,  # "The White House said": shown as "United States", not who said it
    "belief": 0.45,  # "the protesters thought they were victorious": a belief then, not words
}


def speaker_confidence(
    speaker_text: str,
    content_text: str,
    *,
    direct: bool,
    resolved: bool,
    continued: bool,
    kind: str | None = None,
    doubts: Sequence[str] = (),
) -> float:
    """How sure the speaker of a quote is right (see the module doc), in [0, 1], 3 decimals.
    `resolved`: the speaker maps to a story entity (of `kind`: person, organisation, …);
    `continued`: the speaker is inherited from an earlier sentence (no cue in the quote's own
    sentence); `doubts`: the codes of `DOUBTS` the parse found (a "thing" resolved to a person
    or organisation is one the word lists did not know, and no doubt)."""
    words = speaker_text.split()
    lower = [w.lower().strip(",.;:") for w in words]
    head = phrase_head([w.lower() for w in words])
    if not words:
        confidence = 0.0
    elif len(words) == 1 and lower[0] in PRONOUNS:
        # he/she resolved to the nearest person before it: right about two times in three in
        # the self-review (bench/RESULTS.md), so not shown; never a he/she that is no person
        confidence = 0.45 if resolved and kind in (None, "person") else 0.3
    elif DATELINE.match(speaker_text):
        confidence = 0.2  # "AMHERST, N.H. — Gov. Rick Perry said …": the dateline is no one
    elif len(words) == 1 and lower[0] in OTHER_PRONOUNS:
        confidence = 0.45
    elif head in TEXT_HEADS:
        confidence = 0.35 if resolved else 0.7  # the text speaks; a name inside it does not
    else:
        confidence = 0.92 if resolved else 0.85
    if OUTLET.search(speaker_text):
        if FIRST_PERSON_WORDS.search(content_text):
            confidence = min(confidence, 0.2)  # a person's words, not the outlet's narration
        elif direct:
            confidence = min(confidence, 0.5)
    if continued:
        confidence = min(confidence, 0.8)
    if " and " in speaker_text and speaker_text.count(",") >= 2:
        confidence = min(confidence, 0.4)  # a list of people: which one said it is a guess
    if SWALLOWED_CUE.search(content_text):
        confidence = min(confidence, 0.3)
    if AGENCY_DATELINE.search(content_text):
        confidence = min(confidence, 0.3)
    if PAGE_LABEL.match(content_text):
        confidence = min(confidence, 0.3)  # "NEW: Consensus is against …": a page's highlights
    if MODERATED.match(content_text):
        confidence = min(confidence, 0.2)  # "This comment was removed because …": no one's words
    for doubt in doubts:
        if doubt == "thing" and resolved and kind in ("person", "organisation"):
            continue
        if doubt == "several" and not resolved:
            continue  # "Democrats and Republicans said": the phrase names them all
        if doubt == "anaphor" and resolved:
            continue  # "the Russian president" resolved through its title mention
        confidence = min(confidence, DOUBTS.get(doubt, 1.0))
    return round(confidence, 3)


def phrase_head(words: Sequence[str]) -> str:
    """The head word of a speaker phrase: the last word before "of", "for", "which", a comma
    or "who" ("the lawsuit, which was brought by …" -> "lawsuit")."""
    head = ""
    for w in words:
        if w in ("of", "for", "which", "who", "that", "from", "with", "in", "at", "on"):
            break
        head = w
        if w.endswith(","):
            head = w.rstrip(",")
            break
    return head
