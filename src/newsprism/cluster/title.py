"""A story's title: its most central headline, or a phrase its articles share.

- With headlines: the headline of the member whose vector is nearest the story centroid.
- Without: the word sequence (2-6 words inside one clause, naming someone or somewhere and
  something that happened, not opening or ending on a function word) that the most members use,
  longer phrases preferred at equal spread; it must appear in at least two members and half of
  them ("Istanbul talks"). The phrase is copied from a source
  text as written there, so the title stays traceable.
- Otherwise (a single untitled article, or nothing shared): the central article's first
  sentence, cut to `MAX_WORDS` words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from newsprism.model import Article

OPENING_CHARS = 6000
MAX_WORDS = 14

_WORD = re.compile(r"[^\W_][\w'’.-]*[^\W_]|[^\W_]", re.UNICODE)
_CLAUSE = re.compile(r"[,;:!?()\[\]\"“”«»—–\n]|\.(?:\s|$)")
_FUNCTION = frozenset(
    """
    a an the and or but of to in on at by for from with as is are was were be been has have
    had will would could should may might can this that these those it its his her their our
    your my he she they we i you not no than then there here which who whom whose what when
    where while after before since about into over under between against during also said says
    says said more most some any all both each other such very just only first new
    """.split()  # noqa: SIM905
)


def story_title(
    articles: Sequence[Article],
    vectors: Mapping[str, npt.NDArray[np.float32]] | None = None,
) -> str | None:
    """Title for a story of these member articles (originals, not copies)."""
    if not articles:
        return None
    central = _by_centrality(articles, vectors or {})
    titled = [a for a in central if a.title and a.title.strip()]
    if titled:
        return " ".join((titled[0].title or "").split())
    if len(articles) >= 2:
        phrase = shared_phrase([a.text for a in articles])
        if phrase:
            return phrase[0].upper() + phrase[1:]
    return _first_sentence(central[0].text)


def shared_phrase(texts: Sequence[str]) -> str | None:
    """The phrase most members use: naming an actor or place (a capitalised word) and what
    happened (a lower-case content word), not cut inside a name; spread over members first,
    then length, then how widely its words are used."""
    spread: Counter[tuple[str, ...]] = Counter()
    word_spread: Counter[str] = Counter()
    surface: dict[tuple[str, ...], Counter[str]] = {}
    for text in texts:
        seen: set[tuple[str, ...]] = set()
        for clause in _CLAUSE.split(text[:OPENING_CHARS]):
            words = _WORD.findall(clause)
            for n in range(2, 7):
                for i in range(len(words) - n + 1):
                    gram = words[i : i + n]
                    if _eligible(gram, words[i + n] if i + n < len(words) else ""):
                        key = tuple(w.casefold() for w in gram)
                        surface.setdefault(key, Counter())[" ".join(gram)] += 1
                        seen.add(key)
        spread.update(seen)
        word_spread.update({w for gram in seen for w in gram})
    needed = max(2, (len(texts) + 1) // 2)
    ranked = sorted(
        (g for g, df in spread.items() if df >= needed),
        key=lambda g: (
            -spread[g] * (1 + 0.3 * (len(g) - 1)),
            -sum(word_spread[w] for w in g),
            g,
        ),
    )
    if not ranked:
        return None
    return surface[ranked[0]].most_common(1)[0][0]


def _eligible(gram: Sequence[str], following: str) -> bool:
    first, last = gram[0].casefold(), gram[-1].casefold()
    if first in _FUNCTION or last in _FUNCTION:
        return False
    if gram[-1][0].isupper() and following[:1].isupper():
        return False  # "President Vladimir" of "President Vladimir Putin"
    named = any(w[0].isupper() for w in gram)
    content = any(w[0].islower() and len(w) > 3 and w not in _FUNCTION for w in gram)
    return named and content


def _by_centrality(
    articles: Sequence[Article], vectors: Mapping[str, npt.NDArray[np.float32]]
) -> list[Article]:
    have = [a for a in articles if a.id in vectors]
    if len(have) < 2:
        return list(articles)
    matrix = np.stack([vectors[a.id] for a in have])
    centroid = matrix.sum(axis=0)
    scores = matrix @ (centroid / (np.linalg.norm(centroid) or 1.0))
    ranked = [have[i] for i in np.argsort(-scores, kind="stable")]
    return ranked + [a for a in articles if a.id not in vectors]


def _first_sentence(text: str) -> str | None:
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 4:
            sentence = re.split(r"(?<=[.!?])\s+", " ".join(words), maxsplit=1)[0]
            words = sentence.split()
            if len(words) > MAX_WORDS:
                return " ".join(words[:MAX_WORDS]) + " …"
            return sentence
    return None
