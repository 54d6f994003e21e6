"""What the extractors share: the parsed pipeline, quotation-mark pairing and phrase spans.

The annotate stage runs spaCy without its dependency parser (it needs sentences, tags and
names). Quotes and events need the parse -- who is the subject of "said", what clause does
"insisted" introduce -- so this stage loads the same installed pipeline with the parser and
lemmatizer, and parses each article once (long texts in paragraph-aligned pieces).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from newsprism.errors import MissingDependencyError
from newsprism.nlp import PACKAGE, chunks, installed_pipeline

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

    from newsprism.model import Span


OPENING = ("“", "„", "«", '"', "''", "``")
CLOSING = {
    "“": ("”", '"'),
    "„": ("“", "”", '"'),
    "«": ("»",),
    '"': ('"', "”"),
    "''": ("''",),
    "``": ("''",),
}
_MARK = re.compile(r"''|``|[“”„«»\"]")
_CURLY_SINGLE = re.compile(r"(?<![\w’'])‘([^‘’\n]{2,300}?)’(?![\w])")
_TEXT_KEY = "newsprism.text"  # where `doc_text` keeps a Doc's text
PARSE_BATCH = 64  # sentences per `nlp.pipe` batch in `SentenceParses.parse_all`


@functools.lru_cache(maxsize=2)
def load_parser(name: str | None = None) -> Language:
    """The installed English pipeline with its parser, for the extract stage."""
    package = installed_pipeline(name)
    try:
        import spacy
    except ImportError as exc:
        raise MissingDependencyError(PACKAGE, "extraction (spaCy)") from exc
    return spacy.load(package)


def parse_texts(
    texts: Sequence[str], nlp: Language | None = None, batch_size: int = 16
) -> list[list[tuple[int, Doc]]]:
    """Each text as a list of (offset, parsed piece)."""
    nlp = nlp or load_parser()
    pieces = [(i, off, piece) for i, t in enumerate(texts) for off, piece in chunks(t)]
    out: list[list[tuple[int, Doc]]] = [[] for _ in texts]
    docs = nlp.pipe(((p, (i, off)) for i, off, p in pieces), as_tuples=True, batch_size=batch_size)
    for doc, (i, off) in docs:
        out[i].append((off, doc))
    return out


def doc_text(doc: Doc) -> str:
    """`doc.text`, worked out once per Doc. spaCy rebuilds `Doc.text` from every token on each
    read (a Token object per token), and the extractors read it inside their loops over
    quotes, events and time expressions: reading it once cut a worker's CPU on 16 Timeline17
    articles from 11.2 to 8.9 s with identical results (issue 19). The text is kept in the
    Doc's `user_data`."""
    found = doc.user_data.get(_TEXT_KEY)
    if not isinstance(found, str):
        found = doc.text
        doc.user_data[_TEXT_KEY] = found
    return found


class SentenceParses:
    """Sentences of a story's articles parsed on their own (`texts`: article id -> text), each
    once: the positions' checks read the grammar of one evidence sentence at a time."""

    def __init__(self, texts: Mapping[str, str], nlp: Callable[[str], Doc] | None) -> None:
        self.texts = texts
        self._nlp = nlp
        self._docs: dict[tuple[str, int, int], Doc] = {}

    def doc(self, sentence: Span) -> Doc:
        key = (sentence.article_id, sentence.start, sentence.end)
        if key not in self._docs:
            if self._nlp is None:
                self._nlp = load_parser()
            self._docs[key] = self._nlp(
                self.texts[sentence.article_id][sentence.start : sentence.end]
            )
        return self._docs[key]

    def parse_all(self, wanted: Sequence[Span]) -> None:
        """Parse the wanted sentences not parsed yet in one `nlp.pipe` batch. spaCy over one
        sentence at a time spends most of its time on per-call overhead: 240 Timeline17
        sentences took 3.5 CPU-s one by one and 1.4 in one batch, with the same tags, parse,
        entities and token vectors (issue 19). A parser given as a plain callable (tests)
        keeps parsing one at a time."""
        todo = list(
            dict.fromkeys(
                (s.article_id, s.start, s.end)
                for s in wanted
                if (s.article_id, s.start, s.end) not in self._docs
            )
        )
        if not todo:
            return
        if self._nlp is None:
            self._nlp = load_parser()
        pipe = getattr(self._nlp, "pipe", None)
        if pipe is None:
            return
        texts = [self.texts[i][start:end] for i, start, end in todo]
        for key, doc in zip(todo, pipe(texts, batch_size=PARSE_BATCH), strict=True):
            self._docs[key] = doc

    def token(self, sentence: Span, at: int) -> Token | None:
        """The token of the sentence that covers character `at` of the article."""
        offset = at - sentence.start
        return next((t for t in self.doc(sentence) if t.idx <= offset < t.idx + len(t)), None)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted passages, marks included, paired within one paragraph.

    Opening marks are “ „ « and the straight double quote, and the typewriter pairs `` and
    '' some papers print; each closes on its partners (“ on ” or ", „ on “ or ”, « on »,
    '' on ''). A mark left open at a paragraph's end is dropped, so one stray mark
    cannot swallow the rest of an article. Curly single quotes count only
    where they cannot be apostrophes (‘…’ with no letter just outside either mark).
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        opened: tuple[int, str] | None = None
        base = para.start()
        for mark in _MARK.finditer(para.group()):
            ch = mark.group()
            if opened is None:
                if ch in OPENING:
                    opened = (base + mark.start(), ch)
            elif ch in CLOSING[opened[1]]:
                spans.append((opened[0], base + mark.end()))
                opened = None
        for m in _CURLY_SINGLE.finditer(para.group()):
            start, end = base + m.start(), base + m.end()
            if not any(s <= start < e for s, e in spans):
                spans.append((start, end))
    return sorted(spans)


def inner(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The passage between the marks (one character each, or two for `` and '')."""
    start, end = span
    start += 2 if text[start : start + 2] in ("''", "``") else 1
    end -= 2 if text[end - 2 : end] == "''" else 1
    return start, max(start, end)


def trim(text: str, start: int, end: int, chars: str = " \t\n,;:—–-") -> tuple[int, int]:
    """`start, end` narrowed past the given characters at both ends."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def phrase(token: Token, *, cut_clauses: bool = True) -> tuple[int, int]:
    """Character range of a token's phrase (its subtree), optionally without relative and
    participle clauses and trailing punctuation: "the minister, who spoke late" -> "the
    minister"."""
    tokens = [token]
    stack = list(token.children)
    while stack:
        t = stack.pop()
        cut = cut_clauses and t.head == token and t.dep_ in ("relcl", "acl", "punct", "appos")
        if cut and (t.dep_ != "appos" or t.i < token.i):
            continue
        tokens.append(t)
        stack.extend(t.children)
    lo = min(t.idx for t in tokens)
    hi = max(t.idx + len(t) for t in tokens)
    return lo, hi


def subtree_range(token: Token, skip: Sequence[Token] = ()) -> tuple[int, int]:
    """Character range of a token's subtree, leaving out the subtrees of `skip` where they sit
    at its edges."""
    toks = sorted(token.subtree, key=lambda t: t.i)
    skipped = {t.i for s in skip for t in s.subtree}
    while toks and (
        toks[0].i in skipped
        or toks[0].is_punct
        or (toks[0].dep_ in ("mark", "cc") and toks[0].head in (token, *skip))
    ):
        toks.pop(0)
    while toks and (toks[-1].i in skipped or toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks.pop()
    if not toks:
        return token.idx, token.idx + len(token)
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def subject_of(verb: Token) -> Token | None:
    """The verb's grammatical subject, climbing through participle, infinitive and conjoined
    verbs that share the subject of the verb they hang from ("Describing X as Y, Putin said",
    "Russia invaded and annexed")."""
    seen = 0
    while seen < 4:
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
        if verb.dep_ == "xcomp":  # object control: "prompting Trump to phone", "urged X to"
            controller = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if controller is not None:
                return controller
        if verb.dep_ in ("advcl", "xcomp", "conj", "acomp") and verb.head is not verb:
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def past_dateline(token: Token) -> Token:
    """A subject parsed as a dateline ("GENEVA — Valdoria and …"): the word after the dash."""
    doc = token.doc
    long_caps = token.text.isupper() and len(token) > 2 and token.i + 2 < len(doc)
    if long_caps and doc[token.i + 1].text in ("—", "–", "-", "--"):
        return doc[token.i + 2]
    return token


def antecedent(pronoun: Token, sentences_back: int = 3) -> Token | None:
    """What a third-person pronoun most likely stands for: the subject of the sentence's main
    verb when it comes before the pronoun and is not itself a pronoun ("Trump had offered …,
    as he wrote"), else the main subject of one of the sentences before, nearest first."""
    sent = pronoun.sent
    doc = pronoun.doc
    for k in range(sentences_back + 1):
        if k:
            if sent.start == 0:
                return None
            sent = doc[sent.start - 1].sent
        subj = subject_of(sent.root)
        if subj is None or subj.pos_ == "PRON" or (k == 0 and subj.i >= pronoun.i):
            continue
        if subj.pos_ in ("PROPN", "NOUN"):
            return subj
    return None


def prep_object(head: Token, *, dep: str = "prep", word: str | None = None) -> Token | None:
    """The object of the head's first preposition with that dependency (and word): the agent
    of a passive (`dep="agent"`), X of "according to X" (`word="to"`)."""
    for child in head.children:
        if child.dep_ == dep and (word is None or child.lower_ == word):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def passive_agent(verb: Token) -> Token | None:
    return prep_object(verb, dep="agent")
