"""Stance of a text toward a claim: agrees, disagrees, discusses without taking a side, or is
unrelated.

Input: a claim and an article body (`StanceModel`), or two already aligned sentences and the
cosine of their embeddings (`sentence_relation`). Output: a `Stance`; for bodies a
`StanceResult` that also names the body sentence closest to the claim (index and character
range in the body) and the relatedness score.

How:
- Relatedness: the best cosine (all-MiniLM-L6-v2) between the claim and any body sentence,
  and the share of the claim's content words the body repeats.
- Cues, from word lists written here: refuting ("false", "hoax", "denied", "no evidence"),
  hedging and reporting ("reportedly", "allegedly", "claims", "unconfirmed", "according to"),
  confirming ("confirmed", "officially"), and negation. They are counted in the claim, in the
  body sentences closest to it, in the lead and in the whole body.
- Body stance: a three-way logistic regression (agree / disagree / discuss) over those counts
  and similarities, `WEIGHTS` below, fitted by `bench/stance.py` on half of the FNC-1
  competition set (split by article body) and measured on the other half. A claim that itself
  debunks ("X is a hoax") flips the meaning of a debunking body; the model has those
  interactions as features.
- Aligned sentences: rules over the same cues (no weights): a denial or a flipped negation
  disagrees, a hedge only discusses, otherwise agree.

Known limits: word lists and a linear model over a few dozen numbers, not a trained reader.
Denials without a cue word ("turned out to be a costume" is caught, "the photo shows a
sandbank" is not), sarcasm and irony pass as agree or discuss. "Discuss" and "agree" differ
mostly by hedges, which many agreeing reports also carry, so agree is often called discuss.
English only. Sentences are split by a regular expression (abbreviations such as "U.S." can
cut a sentence short).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]

Stance = Literal["agree", "disagree", "discuss", "unrelated"]
STANCES: tuple[Stance, ...] = ("agree", "disagree", "discuss", "unrelated")
RELATED_STANCES: tuple[Stance, ...] = ("agree", "disagree", "discuss")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --- lexicons --------------------------------------------------------------------------------

REFUTING = _set(
    "fake fakes faked hoax hoaxes hoaxer false falsely deny denies denied denying denial "
    "debunk debunked debunks debunking refute refuted refutes refuting untrue baseless bogus "
    "myth myths misleading fabricated fabrication doctored photoshopped photoshop satire "
    "satirical prank pranked pranksters sham scam nonsense incorrect inaccurate lied lying liar "
    "retract retracted retraction retracts disputed disputes unfounded spoof parody fiction "
    "fictional erroneous erroneously discredited rubbished rebuffed trashed nope"
)
REFUTING_PHRASES = (
    "no evidence",
    "dismissed the report",
    "dismissed reports",
    "dismissed the claim",
    "dismissed claims",
    "dismissed as",
    "not true",
    "no truth",
    "not real",
    "did not happen",
    "never happened",
    "turned out to be",
    "made up",
    "making up",
    "too good to be true",
    "rejected the report",
    "rejected the claim",
    "rejected reports",
    "no such",
    "no plans",
    "is not going to",
    "has no plans",
    "there is no",
    "there was no",
    "not actually",
    "didn't actually",
    "did not actually",
    "isn't real",
    "wasn't real",
    "not the case",
    "fake news",
    "april fool",
)
HEDGING = _set(
    "reportedly allegedly alleged alleges apparently purportedly purported supposedly "
    "claim claims claimed claiming unconfirmed unverified rumour rumours rumor rumors "
    "rumoured rumored may might could possibly possible perhaps appears appeared seems "
    "seemed suggest suggests suggested speculation speculated speculate believed unclear "
    "whether if report reports reported sources source"
)
HEDGING_PHRASES = (
    "according to",
    "is said to",
    "are said to",
    "was said to",
    "is believed to",
    "not yet confirmed",
    "not been confirmed",
    "could not be confirmed",
    "could not be verified",
    "cannot be verified",
    "not been verified",
    "if true",
    "it is unclear",
    "it's unclear",
)
CONFIRMING = _set(
    "confirmed confirms confirm confirming officially verified indeed announced announces "
    "proved proves proven revealed admits admitted acknowledged"
)
NEGATIONS = _set("not no never nor none neither nobody nothing cannot")
# Pairs that state opposite facts about the same thing; either order is a contradiction.
OPPOSITES = (
    ("alive", "dead"),
    ("won", "lost"),
    ("rose", "fell"),
    ("increased", "decreased"),
    ("accepted", "rejected"),
    ("confirmed", "denied"),
    ("opened", "closed"),
    ("approved", "rejected"),
    ("agreed", "refused"),
    ("guilty", "innocent"),
    ("true", "false"),
    ("real", "fake"),
)
STOPWORDS = _set(
    "a an the and or but of to in on at by for with from as is are was were be been has have "
    "had do does did it its this that these those he she they his her their after over into "
    "about will would can could may might says said say new who what when where how why than "
    "then there here not no just also more most some any all one two out up"
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# A sentence ends at . ! or ? (and closing quotes or brackets) before a space and a capital,
# digit or opening quote; a line break always ends one.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\s*\n\s*")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in STOPWORDS and len(w) > 2}


def _count(text: str, single: frozenset[str], phrases: Sequence[str]) -> int:
    ws = words(text)
    joined = f" {' '.join(ws)} "
    return sum(1 for w in ws if w in single) + sum(joined.count(f" {p} ") for p in phrases)


def refuting_cues(text: str) -> int:
    """Denial and debunking words and phrases in a text."""
    return _count(text, REFUTING, REFUTING_PHRASES)


def hedging_cues(text: str) -> int:
    """Reporting and hedging words and phrases in a text."""
    return _count(text, HEDGING, HEDGING_PHRASES)


def confirming_cues(text: str) -> int:
    return _count(text, CONFIRMING, ())


def negations(text: str) -> int:
    return sum(1 for w in words(text) if w in NEGATIONS or w.endswith("n't"))


def refutes(text: str) -> bool:
    """The text denies or debunks something ("officials denied", "the photo is a hoax")."""
    return refuting_cues(text) > 0


def hedges(text: str) -> bool:
    """The text relays without vouching ("reportedly", "according to", "may")."""
    return hedging_cues(text) > 0


def negated(text: str) -> bool:
    return negations(text) > 0


@dataclass(frozen=True, slots=True, kw_only=True)
class SentenceCues:
    """The cues of one sentence that `sentence_relation` compares."""

    words: frozenset[str]
    content: frozenset[str]
    refutes: bool
    hedges: bool
    negation_parity: int  # "not ... never" cancels out

    @classmethod
    def of(cls, text: str) -> SentenceCues:
        return _sentence_cues(text)


@lru_cache(maxsize=4096)
def _sentence_cues(text: str) -> SentenceCues:
    # Cached: one claim is aligned with many sentences, and the same sentence recurs.
    return SentenceCues(
        words=frozenset(words(text)),
        content=frozenset(content_words(text)),
        refutes=refutes(text),
        hedges=hedges(text),
        negation_parity=negations(text) % 2,
    )


def _opposed(a: frozenset[str], b: frozenset[str]) -> bool:
    """One side says "rose" where the other says "fell" (and neither says both)."""
    return any(
        (x in a and y not in a and y in b and x not in b)
        or (y in a and x not in a and x in b and y not in b)
        for x, y in OPPOSITES
    )


# --- aligned sentences -----------------------------------------------------------------------

SENTENCE_RELATED = 0.4  # cosine below which two sentences are unrelated ...
SENTENCE_OVERLAP = 0.5  # ... unless `b` repeats this share of `a`'s content words
SENTENCE_POLARITY = 0.5  # cosine above which a flipped negation is a contradiction


def sentence_relation(a: str, b: str, similarity: float) -> Stance:
    """How sentence `b` relates to sentence `a`, given the cosine of their embeddings.

    Cheap (word lists, cached per sentence): meant for thousands of aligned claim pairs."""
    ca, cb = SentenceCues.of(a), SentenceCues.of(b)
    overlap = len(ca.content & cb.content) / max(len(ca.content), 1)
    if similarity < SENTENCE_RELATED and overlap < SENTENCE_OVERLAP:
        return "unrelated"
    if ca.refutes != cb.refutes:
        return "disagree"  # one side denies or debunks what the other states
    if similarity >= SENTENCE_POLARITY and (
        ca.negation_parity != cb.negation_parity or _opposed(ca.words, cb.words)
    ):
        return "disagree"  # "did not travel" against "travelled", "rose" against "fell"
    if cb.hedges and not ca.hedges:
        return "discuss"  # `b` relays `a` without vouching for it
    return "agree"


# --- bodies ----------------------------------------------------------------------------------


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character ranges of the sentences of `text` (stripped; fragments of 3 or fewer
    characters dropped)."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start() + len(m.group().rstrip())
        if m.group().strip() == "":
            end = m.start()
        out.extend(_stripped(text, start, end))
        start = m.end()
    out.extend(_stripped(text, start, len(text)))
    return out


def _stripped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece.rstrip())
    return [(start + lead, start + trail)] if trail - lead > 3 else []


FEATURES = (
    "similarity",  # best claim-sentence cosine
    "similarity_top3",  # mean of the three best
    "similarity_lead",  # best cosine among the first three sentences
    "overlap",  # share of the claim's content words found in the body
    "overlap_best",  # ... in the closest sentence
    "claim_refutes",  # the claim itself debunks (0/1)
    "claim_hedges",  # the claim is hedged or a question (0/1)
    "claim_negated",
    "near_refuting",  # refuting cues in the closest sentences, log1p
    "lead_refuting",  # ... in the first three sentences
    "body_refuting",  # ... per sentence of the whole body
    "near_hedging",  # hedging cues per word of the closest sentences
    "lead_hedging",
    "body_hedging",
    "near_confirming",  # confirming cues in the closest sentences, log1p
    "body_confirming",
    "negation_flip",  # claim and closest sentence differ in negation (0/1)
    "claim_x_near_refuting",  # a debunking claim and a debunking body agree
    "claim_x_body_refuting",
    "sentences",  # log of the body's sentence count
)
CLOSEST = 3  # sentences read as "closest to the claim"
LEAD = 3  # sentences read as the lead


@dataclass(frozen=True, slots=True, kw_only=True)
class BodyCues:
    """A body's sentences and their cue counts, computed once however many claims it meets."""

    ranges: tuple[tuple[int, int], ...]
    refuting: npt.NDArray[np.float64]  # per sentence
    hedging: npt.NDArray[np.float64]
    confirming: npt.NDArray[np.float64]
    words: npt.NDArray[np.float64]
    negated: tuple[bool, ...]
    content: tuple[frozenset[str], ...]
    body_content: frozenset[str]

    @classmethod
    def of(cls, body: str) -> BodyCues:
        ranges = tuple(split_sentences(body)) or ((0, len(body)),)
        texts = [body[s:e] for s, e in ranges]
        content = tuple(frozenset(content_words(t)) for t in texts)
        return cls(
            ranges=ranges,
            refuting=np.array([refuting_cues(t) for t in texts], dtype=np.float64),
            hedging=np.array([hedging_cues(t) for t in texts], dtype=np.float64),
            confirming=np.array([confirming_cues(t) for t in texts], dtype=np.float64),
            words=np.array([len(words(t)) for t in texts], dtype=np.float64),
            negated=tuple(negated(t) for t in texts),
            content=content,
            body_content=frozenset().union(*content),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Features:
    """What the stance decision reads for one (claim, body) pair."""

    values: tuple[float, ...]  # in the order of FEATURES
    best: int  # index of the closest sentence
    best_range: tuple[int, int]  # its character range in the body

    def __getitem__(self, name: str) -> float:
        return self.values[FEATURES.index(name)]


@dataclass(frozen=True, slots=True, kw_only=True)
class StanceResult:
    """The stance of a body toward a claim, and the body sentence it rests on most."""

    label: Stance
    relatedness: float  # best cosine between the claim and a body sentence
    sentence: int  # index of that sentence among the body's sentences
    start: int  # its character range in the body
    end: int


def pair_features(claim: str, cues: BodyCues, similarities: npt.NDArray[np.float32]) -> Features:
    """The FEATURES of one pair from the body's cues and its sentences' cosines to the claim."""
    sims = similarities.astype(np.float64)
    near = np.argsort(-sims, kind="stable")[:CLOSEST]
    best = int(near[0])
    own = content_words(claim)
    claim_refutes = float(refutes(claim))
    near_refuting = math.log1p(cues.refuting[near].sum())
    body_refuting = float(cues.refuting.mean())
    values = (
        float(sims[best]),
        float(sims[near].mean()),
        float(sims[:LEAD].max()),
        len(own & cues.body_content) / max(len(own), 1),
        len(own & cues.content[best]) / max(len(own), 1),
        claim_refutes,
        float(hedges(claim) or "?" in claim),
        float(negated(claim)),
        near_refuting,
        math.log1p(cues.refuting[:LEAD].sum()),
        body_refuting,
        cues.hedging[near].sum() / max(cues.words[near].sum(), 1.0),
        cues.hedging[:LEAD].sum() / max(cues.words[:LEAD].sum(), 1.0),
        cues.hedging.sum() / max(cues.words.sum(), 1.0),
        math.log1p(cues.confirming[near].sum()),
        math.log1p(cues.confirming.sum()),
        float(negated(claim) != cues.negated[best]),
        claim_refutes * near_refuting,
        claim_refutes * body_refuting,
        math.log(len(cues.ranges)),
    )
    return Features(values=values, best=best, best_range=cues.ranges[best])


# The body-level decision, fitted by `bench/stance.py` on the tuning half of FNC-1 (pairs of
# half the article bodies; `--print-constants` prints this block). Relatedness: related when
# the best sentence cosine or the content-word overlap clears its threshold. Stance of a related
# body: multinomial logistic regression over the FEATURES standardised by MEANS and SCALES;
# rows agree, disagree, discuss, the last column the bias; classes weighted by the inverse
# square root of their frequency (chosen by cross-validation for FNC score + macro-F1).
RELATED_SIMILARITY = 0.44
RELATED_OVERLAP = 0.5
# fmt: off
MEANS: tuple[float, ...] = (
    0.680746, 0.592897, 0.643919, 0.597854, 0.400712, 0.118975, 0.338153, 0.0692542, 0.133929,
    0.134911, 0.0763994, 0.0254992, 0.0275405, 0.0205921, 0.071997, 0.296231, 0.145358, 0.0443745,
    0.0233912, 2.57643,
)
SCALES: tuple[float, ...] = (
    0.116826, 0.102275, 0.136419, 0.225931, 0.217727, 0.323759, 0.473081, 0.253886, 0.333071,
    0.344143, 0.256666, 0.0234361, 0.0250491, 0.0183242, 0.219761, 0.469231, 0.352461, 0.204218,
    0.163727, 0.951864,
)
WEIGHTS: tuple[tuple[float, ...], ...] = (
    (
        0.0234537, 0.00683452, 0.0822727, 0.134086, 0.0191385, -0.046604, -0.242982, 0.0155576,
        -0.0186369, -0.0617384, -0.020564, -0.123738, -0.26077, -0.147504, 0.0113283, -0.111288,
        -0.0157204, 0.219665, 0.0978008, -0.0356758, -0.0329656,
    ),
    (
        0.0116713, -0.0721789, -0.192256, -0.167837, -0.0069351, 0.0577387, -0.201941, 0.131362,
        0.137631, 0.190104, 0.149528, -0.039597, 0.0581714, 0.0595751, 0.0460885, 0.0125671,
        0.115795, -0.146473, -0.071056, 0.0997642, -0.625532,
    ),
    (
        -0.035125, 0.0653443, 0.109984, 0.0337512, -0.0122034, -0.0111347, 0.444922, -0.14692,
        -0.118994, -0.128365, -0.128964, 0.163335, 0.202598, 0.0879291, -0.0574167, 0.098721,
        -0.100074, -0.0731919, -0.0267448, -0.0640884, 0.658497,
    ),
)
# fmt: on


@dataclass(frozen=True, slots=True, kw_only=True)
class Decision:
    """Thresholds and weights of the body-level decision (the module constants by default)."""

    related_similarity: float = RELATED_SIMILARITY
    related_overlap: float = RELATED_OVERLAP
    means: tuple[float, ...] = MEANS
    scales: tuple[float, ...] = SCALES
    weights: tuple[tuple[float, ...], ...] = WEIGHTS

    def related(self, f: Features) -> bool:
        return f["similarity"] >= self.related_similarity or f["overlap"] >= self.related_overlap

    def scores(self, f: Features) -> npt.NDArray[np.float64]:
        """Agree, disagree and discuss scores (logits) of a related pair."""
        x = (np.asarray(f.values) - np.asarray(self.means)) / np.asarray(self.scales)
        w = np.asarray(self.weights)
        out: npt.NDArray[np.float64] = w[:, :-1] @ x + w[:, -1]
        return out

    def label(self, f: Features) -> Stance:
        if not self.related(f):
            return "unrelated"
        return RELATED_STANCES[int(np.argmax(self.scores(f)))]


DEFAULT_DECISION = Decision()


class TextEncoder(Protocol):
    """What `StanceModel` needs of `newsprism.embedding.Encoder`: unit-length rows."""

    def encode(self, texts: Sequence[str], batch_size: int = ...) -> Vectors: ...


class StanceModel:
    """Stance of bodies toward claims with sentence embeddings; each distinct text is
    embedded once per call."""

    def __init__(
        self, encoder: TextEncoder | None = None, decision: Decision | None = None
    ) -> None:
        if encoder is None:
            from newsprism.embedding import Encoder

            encoder = Encoder()
        self.encoder = encoder
        self.decision = decision or DEFAULT_DECISION

    def features(self, pairs: Sequence[tuple[str, str]]) -> list[Features]:
        """FEATURES of each (claim, body) pair; each distinct claim, body and sentence is
        read and embedded once."""
        claims = list(dict.fromkeys(c for c, _ in pairs))
        cues = {b: BodyCues.of(b) for b in dict.fromkeys(b for _, b in pairs)}
        sentences = [b[s:e] for b, c in cues.items() for s, e in c.ranges]
        texts = list(dict.fromkeys(claims + sentences))
        vectors = self.encoder.encode(texts)
        row = {t: i for i, t in enumerate(texts)}
        body_vectors: dict[str, Vectors] = {
            b: vectors[[row[b[s:e]] for s, e in c.ranges]] for b, c in cues.items()
        }
        return [pair_features(c, cues[b], body_vectors[b] @ vectors[row[c]]) for c, b in pairs]

    def stances(self, pairs: Sequence[tuple[str, str]]) -> list[StanceResult]:
        """`stance` for many (claim, body) pairs."""
        return [
            StanceResult(
                label=self.decision.label(f),
                relatedness=f["similarity"],
                sentence=f.best,
                start=f.best_range[0],
                end=f.best_range[1],
            )
            for f in self.features(pairs)
        ]

    def stance(self, claim: str, body: str) -> StanceResult:
        (result,) = self.stances([(claim, body)])
        return result
