"""How each outlet frames each actor of a story, in measures comparable across outlets.

Input: the story (entities with their mention spans, quotes with speakers and sources), its
articles and their annotations (sentence spans). Output: one `Framing` per (outlet, actor) for
actors (person, state, organisation, group) that an outlet names in at least one sentence,
sorted by actor id, then outlet. Articles marked as copies at ingest (`duplicate_of`) and
articles not analysed are skipped: a syndicated copy is its original's voice, not a new one.

- `sentences`: the outlet's sentences naming the actor (a sentence naming it twice counts once).
- `tone`: mean over those sentences of the VADER compound score (-1..1) of the words around the
  mention: `WINDOW` words either side, inside the sentence (several mentions in one sentence
  are averaged). On BASIL the window agrees with the annotators' feeling toward an entity a
  little better than the whole sentence (Spearman 0.18 against 0.14, within the noise), and it
  keeps a sentence that praises one side and blames the other from giving both the same tone.
- `quotes` / `voice`: quotes the actor speaks in that outlet, and their share of all the
  outlet's quotes of the story (who gets a voice). A quote several outlets carry counts once
  in each of them.
- `hedging`: hedge cues per sentence naming the actor (`HEDGES`, `HEDGE_PHRASES`: "reportedly",
  "allegedly", "may", "it is unclear"...).
- `loaded`: loaded words per sentence naming the actor. A word is loaded when it is one of
  (1) `LOADED_TERMS`, politically charged labels ("regime", "thugs", "amnesty", "so-called"),
  (2) `CHARGED_VERBS`, attribution and action verbs that judge while they report ("slammed",
  "boasted", "scoffed", "conceded" where "said" would do) in their past and -ing forms, (3)
  `EMPHATIC_ADVERBS` ("blatantly", "fiercely"), or (4) a word VADER rates at |valence| >=
  `LOADED_VALENCE` (of 4: "brutal", "disaster", "horrific"). The lists were written for this
  module after reading a sample of 40 of BASIL's lexical-bias spans, and the threshold and the
  verb forms were chosen on BASIL: bench/framing.py reports how much that sample helped.
- `evidence`: the sentence with the highest tone (when above 0) and the one with the lowest
  (when below 0).

All measures are rates (per sentence, per quote), so outlets that write more are comparable
with outlets that write less.

Known limits: VADER is a general-purpose lexicon and reads the words near a name, not who the
sentiment is about ("X condemned the attack" reads negative for X); irony and quoted speech
count like the outlet's own words; topical words score as sentiment in news ("war", "killed");
a name with a valence of its own ("Justice Department", "United States") shifts its actor's
tone alike in every outlet (masking names measured worse on BASIL, so they are read); rates
over a few sentences are noisy. On BASIL (bench/framing.py) the tone agrees only weakly with
the annotators' feeling toward an entity (Spearman about 0.18), and none of the measures tells
the three outlets apart; the loaded flag finds sentences with lexical bias at between two and
three times the base rate but misses most of them; what an outlet chooses to report
(informational bias) is invisible to word rates.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from newsprism.model import Annotation, Article, Framing, Span, Story

ACTOR_KINDS = frozenset({"person", "state", "organisation", "group"})
WINDOW = 8  # words either side of a mention that its tone is read from
LOADED_VALENCE = 3.0  # VADER valence (-4..4) at which a word counts as loaded by itself


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


HEDGES = _set(
    "reportedly allegedly apparently purportedly supposedly possibly perhaps probably likely "
    "unlikely may might could appear appears appeared seem seems seemed suggest suggests "
    "suggested claim claims claimed unconfirmed unverified rumoured rumored believed unclear "
    "uncertain speculated presumably"
)
# Hedges of more than one word, matched in lower-cased text.
HEDGE_PHRASES = re.compile(
    r"\b(?:it (?:is|was|remains|remained) (?:not )?(?:clear|known)|not (?:yet )?clear"
    r"|(?:is|are|was|were) said to|according to (?:some|unnamed)|sources say)\b"
)
LOADED_TERMS = _set(
    "regime puppet puppets terrorist terrorists thug thugs propaganda aggression aggressor "
    "invaders occupiers radical radicals extremist extremists scheme tyrant dictator crony "
    "cronies slaughter massacre illegal illegals illegitimate sham stunt grab hysteria socialist "
    "socialism elitist elites amnesty handout handouts bailout bailouts partisan ideologue "
    "ideologues zealot zealots fanatic fanatics mob smear witch-hunt cover-up gaffe gaffes "
    "flip-flop pandering demagogue demagoguery obstructionist hardline hard-line far-right "
    "far-left ultraconservative right-wing left-wing firebrand embattled so-called draconian "
    "job-killing rhetoric tirade rant"
)
# Base forms; their past and progressive forms match (`verb_forms`).
CHARGED_VERBS = _set(
    "slam blast lash rip bash rail decry denounce scoff fume boast brag tout hail insist concede "
    "admit vow complain lament mock ridicule taunt assail chide scold berate rebuke rebuff snub "
    "dodge sidestep dismiss trumpet crow gloat grumble whine seethe pounce exploit jab swipe "
    "blame accuse attack pander demagogue"
)
EMPHATIC_ADVERBS = _set(
    "clearly obviously blatantly brazenly aggressively forcefully fiercely sharply bitterly "
    "deeply utterly wildly shamelessly stubbornly desperately notoriously dramatically recklessly "
    "extremely hugely openly harshly angrily vehemently"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def verb_forms(base: str) -> set[str]:
    """The past and progressive forms of a verb: the forms that cannot be nouns ("attacked",
    not "attacks", which news uses for the events). Over-generating is harmless: non-words
    never match."""
    stem = base[:-1] if base.endswith("e") else base
    out = {f"{stem}ed", f"{stem}ing"}
    if base.endswith("y"):
        out.add(f"{base[:-1]}ied")
    if len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou":
        out |= {f"{base}{base[-1]}ed", f"{base}{base[-1]}ing"}  # slam -> slammed
    return out


_CHARGED_FORMS = frozenset(f for base in CHARGED_VERBS for f in verb_forms(base))


@functools.cache
def _analyzer() -> Any:
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as exc:  # pragma: no cover - declared dependency
        from newsprism.errors import MissingDependencyError

        raise MissingDependencyError("vaderSentiment==3.3.2", "framing (tone)") from exc
    return SentimentIntensityAnalyzer()


def tone_of(text: str) -> float:
    """VADER compound score of a passage, -1 (negative) to 1 (positive)."""
    return float(_analyzer().polarity_scores(text)["compound"])


def loaded_words(text: str) -> list[str]:
    """The loaded words of a passage, lower-cased, in order (see the module docstring)."""
    lexicon: dict[str, float] = _analyzer().lexicon
    out = []
    for m in _WORD.finditer(text):
        word = m.group().lower().replace("’", "'")
        if (
            word in LOADED_TERMS
            or word in _CHARGED_FORMS
            or word in EMPHATIC_ADVERBS
            or abs(lexicon.get(word, 0.0)) >= LOADED_VALENCE
        ):
            out.append(word)
    return out


def hedges(text: str) -> int:
    """The number of hedge cues in a passage: single words and multi-word phrases."""
    words = sum(1 for m in _WORD.finditer(text) if m.group().lower() in HEDGES)
    return words + len(HEDGE_PHRASES.findall(text.lower()))


def _window(text: str, sentence: Span, mention: Span) -> str:
    """The words around a mention, inside its sentence."""
    before = text[sentence.start : mention.start].split()[-WINDOW:]
    after = text[mention.end : sentence.end].split()[:WINDOW]
    return " ".join([*before, text[mention.start : mention.end], *after])


class _Sentences:
    """The sentence of an article that holds a character offset (binary search)."""

    def __init__(self, annotations: Iterable[Annotation], keep: set[str]) -> None:
        self._spans: dict[str, list[Span]] = {}
        self._starts: dict[str, list[int]] = {}
        for ann in annotations:
            if ann.article_id in keep:
                spans = sorted(ann.sentences, key=lambda s: (s.start, s.end))
                self._spans[ann.article_id] = spans
                self._starts[ann.article_id] = [s.start for s in spans]

    def holding(self, mention: Span) -> Span | None:
        starts = self._starts.get(mention.article_id)
        if not starts:
            return None
        i = bisect.bisect_right(starts, mention.start) - 1
        if i < 0:
            return None
        sentence = self._spans[mention.article_id][i]
        return sentence if mention.start < sentence.end else None


def measure_framing(
    story: Story, articles: Sequence[Article], annotations: Sequence[Annotation]
) -> tuple[Framing, ...]:
    """One record per (outlet, actor) the outlet names; see the module docstring."""
    # 1. The story's own articles that speak with their own voice, by outlet.
    members = set(story.article_ids)
    originals = {a.id: a for a in articles if a.id in members and not a.duplicate_of and a.analysed}
    sentences = _Sentences(annotations, set(originals))

    # 2. Quotes per outlet, and per (outlet, speaker).
    quotes_in: dict[str, int] = defaultdict(int)
    quotes_by: dict[tuple[str, str], int] = defaultdict(int)
    for q in story.quotes:
        carriers = q.sources or tuple(s.article_id for s in q.evidence)
        for outlet in {originals[i].source for i in carriers if i in originals}:
            quotes_in[outlet] += 1
            if q.speaker:
                quotes_by[(outlet, q.speaker)] += 1

    # 3. Each actor's mentions, by outlet and sentence, with the tone of the words around them.
    out = []
    for entity in story.entities:
        if entity.kind not in ACTOR_KINDS:
            continue
        # outlet -> sentence naming the actor -> tone of the window around each mention in it
        tallies: dict[str, dict[Span, list[float]]] = defaultdict(dict)
        for m in sorted(entity.mentions, key=lambda s: (s.article_id, s.start, s.end)):
            article = originals.get(m.article_id)
            sentence = sentences.holding(m) if article else None
            if article is None or sentence is None:
                continue
            tones = tallies[article.source].setdefault(sentence, [])
            tones.append(tone_of(_window(article.text, sentence, m)))

        # 4. Rates per sentence, so that outlets of different length compare.
        for outlet, by_sentence in tallies.items():
            n = len(by_sentence)
            if n < 1:
                continue
            ranked: list[tuple[float, Span]] = []
            hedge_count = loaded_count = 0
            for sentence, window_tones in by_sentence.items():
                text = originals[sentence.article_id].cite(sentence)
                hedge_count += hedges(text)
                loaded_count += len(loaded_words(text))
                ranked.append((sum(window_tones) / len(window_tones), sentence))
            ranked.sort(key=lambda r: (r[0], r[1].article_id, r[1].start))
            evidence = [ranked[-1][1]] if ranked[-1][0] > 0 else []
            if ranked[0][0] < 0:
                evidence.append(ranked[0][1])
            said = quotes_by.get((outlet, entity.id), 0)
            total = quotes_in.get(outlet, 0)
            out.append(
                Framing(
                    source=outlet,
                    actor=entity.id,
                    articles=tuple(sorted({s.article_id for s in by_sentence})),
                    sentences=n,
                    tone=round(sum(t for t, _ in ranked) / n, 4),
                    quotes=said,
                    voice=round(said / total, 4) if total else 0.0,
                    hedging=round(hedge_count / n, 4),
                    loaded=round(loaded_count / n, 4),
                    evidence=tuple(evidence),
                )
            )
    return tuple(sorted(out, key=lambda f: (f.actor, f.source)))
