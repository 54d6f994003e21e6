"""Stance of a text toward a claim: agrees, disagrees, discusses without taking a side, or is
unrelated. The same cues serve the compare stage (two aligned statements) and the FNC-1
benchmark (a headline against an article body).

Input: a claim and a body (or two aligned sentences and their cosine). Output: a `Stance`.

- Relatedness: the best cosine (all-MiniLM-L6-v2) between the claim and any body sentence,
  with the share of the claim's content words the body repeats.
- Disagree: denial and debunking words ("false", "hoax", "denied", "no evidence") in the
  sentences closest to the claim, or the opposite polarity of the same statement.
- Discuss: reporting and hedging words ("reportedly", "allegedly", "claims", "unconfirmed")
  around the claim: the body relays it without vouching for it.
- Agree: related, neither of the above.

Thresholds are module constants; `bench/stance.py` sets them on one half of the FNC-1
competition set and reports the other half. Known limits: word lists, not a trained model;
sarcasm and denials phrased without a cue word ("turned out to be a costume") pass as agree;
"discuss" and "agree" differ mostly by hedges, which many agreeing reports also carry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

if TYPE_CHECKING:
    from newsprism.cluster.embed import Encoder, Vectors

Stance = Literal["agree", "disagree", "discuss", "unrelated"]
STANCES: tuple[Stance, ...] = ("agree", "disagree", "discuss", "unrelated")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


REFUTING = _set(
    "fake fraud hoax false deny denies denied denial debunk debunked debunks refute refuted "
    "refutes untrue baseless bogus myth misleading fabricated doctored photoshopped satire "
    "satirical prank rumour rumor dismissed dismisses nonsense incorrect wrong lie lies lied "
    "retract retracted retraction disputed disputes"
)
REFUTING_PHRASES = (
    "no evidence",
    "not true",
    "there is no",
    "did not happen",
    "never happened",
    "turned out to be",
    "was not",
    "is not",
    "has not been",
    "have not been",
    "no truth",
    "not real",
)
HEDGING = _set(
    "reportedly allegedly apparently purportedly supposedly claim claims claimed claiming "
    "unconfirmed unverified rumoured rumored may might could possibly perhaps appears "
    "appeared seems seemed suggests suggested according report reports reported sources "
    "believed unclear if whether"
)
NEGATIONS = _set("not no never n't nor none neither")
STOPWORDS = _set(
    "a an the and or but of to in on at by for with from as is are was were be been has have "
    "had do does did it its this that these those he she they his her their after over into "
    "about will would can could may might says said say new"
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")

# Relatedness, hedge and agree thresholds as chosen on the tuning half of FNC-1 by
# `bench/stance.py`; the refuting-cue count is set by hand: on FNC-1 the search turns
# "disagree" off altogether (cue words in bodies that agree cost more than they find), but the
# compare stage needs denials to register.
RELATED_SIMILARITY = 0.42
RELATED_OVERLAP = 0.5
REFUTE_CUES = 2  # refuting cues in the closest sentences to call a body "disagree"
HEDGE_RATE = 0.04  # hedging words per closest-sentence word to call it "discuss"
AGREE_SIMILARITY = 0.75  # below this a related, unhedged body only discusses the claim
CLOSEST = 3  # sentences read for cues


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in STOPWORDS and len(w) > 2}


def refuting_cues(text: str) -> int:
    """Denial and debunking words and phrases in a text."""
    lowered = " ".join(words(text))
    return sum(1 for w in words(text) if w in REFUTING) + sum(
        lowered.count(p) for p in REFUTING_PHRASES
    )


def hedging_rate(text: str) -> float:
    """Reporting and hedging words per word."""
    ws = words(text)
    return sum(1 for w in ws if w in HEDGING) / max(len(ws), 1)


def negated(text: str) -> bool:
    return any(w in NEGATIONS or w.endswith("n't") for w in words(text))


def sentence_relation(a: str, b: str, similarity: float) -> Stance:
    """How sentence `b` relates to sentence `a`, given the cosine of their embeddings."""
    overlap = len(content_words(a) & content_words(b)) / max(len(content_words(a)), 1)
    if similarity < RELATED_SIMILARITY and overlap < RELATED_OVERLAP:
        return "unrelated"
    if refuting_cues(b) > refuting_cues(a) or (negated(a) != negated(b) and similarity >= 0.6):
        return "disagree"
    if hedging_rate(b) >= HEDGE_RATE or similarity < AGREE_SIMILARITY:
        return "discuss"
    return "agree"


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if len(s.strip()) > 3]


@dataclass(frozen=True, slots=True, kw_only=True)
class Features:
    """What the stance decision reads for one (claim, body) pair."""

    similarity: float  # best claim-sentence cosine
    overlap: float  # share of the claim's content words the body repeats
    refuting: int  # refuting cues in the closest sentences
    hedging: float  # hedging rate of the closest sentences
    best: int  # index of the closest sentence


@dataclass(frozen=True, slots=True, kw_only=True)
class StanceResult:
    label: Stance
    features: Features


def decide(
    f: Features,
    *,
    related_similarity: float = RELATED_SIMILARITY,
    related_overlap: float = RELATED_OVERLAP,
    refute_cues: int = REFUTE_CUES,
    hedge_rate: float = HEDGE_RATE,
    agree_similarity: float = AGREE_SIMILARITY,
) -> Stance:
    if f.similarity < related_similarity and f.overlap < related_overlap:
        return "unrelated"
    if f.refuting >= refute_cues:
        return "disagree"
    if f.hedging >= hedge_rate or f.similarity < agree_similarity:
        return "discuss"
    return "agree"


class StanceModel:
    """Stance of bodies toward claims with sentence embeddings; each distinct text is
    embedded once per call."""

    def __init__(self, encoder: Encoder | None = None) -> None:
        if encoder is None:
            from newsprism.cluster.embed import Encoder

            encoder = Encoder()
        self.encoder = encoder

    def features(self, pairs: Sequence[tuple[str, str]]) -> list[Features]:
        claims = list(dict.fromkeys(c for c, _ in pairs))
        bodies = list(dict.fromkeys(b for _, b in pairs))
        sentences = {b: split_sentences(b) or [b] for b in bodies}
        flat = [s for b in bodies for s in sentences[b]]
        vectors = self.encoder.encode(claims + flat)
        claim_vec = dict(zip(claims, vectors[: len(claims)], strict=True))
        body_vec: dict[str, Vectors] = {}
        at = len(claims)
        for b in bodies:
            n = len(sentences[b])
            body_vec[b] = vectors[at : at + n]
            at += n
        return [self._features(c, sentences[b], claim_vec[c], body_vec[b], b) for c, b in pairs]

    @staticmethod
    def _features(
        claim: str, sentences: list[str], cvec: Vectors, svecs: Vectors, body: str
    ) -> Features:
        sims = svecs @ cvec
        order = np.argsort(-sims)[:CLOSEST]
        closest = " ".join(sentences[i] for i in order)
        own = content_words(claim)
        return Features(
            similarity=float(sims[order[0]]),
            overlap=len(own & content_words(body)) / max(len(own), 1),
            refuting=max(refuting_cues(closest) - refuting_cues(claim), 0),
            hedging=hedging_rate(closest),
            best=int(order[0]),
        )

    def stance(self, claim: str, body: str) -> StanceResult:
        (f,) = self.features([(claim, body)])
        return StanceResult(label=decide(f), features=f)
