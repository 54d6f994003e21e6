"""ROUGE-N / ROUGE-L and the timeline ROUGE variants of Martschat & Markert (2017), our own code.

Imported by the compose and ask benchmarks (`load_bench("rouge")` in tests, or with bench/ on
`sys.path`); standard library only, except that the stop-word list is read from spaCy (a newsprism
dependency) the first time stop words are dropped.

Tokens (`tokens`), chosen to follow ROUGE-1.5.5 as run with `-m` and as Google's rouge-score
reimplements it:
- PTB-tokenised text is handled: bracket tokens (-LRB- -RRB- -LSB- -RSB- -LCB- -RCB-) are
  dropped, `` and '' are quotes (dropped with the other punctuation), and split clitics are
  joined back to their word ("do n't" → "don't", "BP 's" → "BP's") so that PTB and raw text give
  the same tokens.
- Unicode is reduced to ASCII letters where it decomposes (é → e); other non-ASCII characters
  (dashes, curly quotes) separate words; the text is lower-cased.
- Tokens are the runs of [a-z0-9]; everything else separates them ("don't" → don, t; "4.9" → 4, 9).
- Stemming: on by default (`stem=True`), with the Porter (1980) stemmer written below (as in
  Martin Porter's own reference implementations: BLI → BLE and LOGI → LOG in step 2; step 1c
  keeps the original y → i after any vowel, "way" → "wai", where NLTK's default keeps "way"),
  applied only to tokens longer than three characters (as rouge-score does).
- Stop words: kept by default (`stopwords=False`, the usual summarisation setting). ROUGE-1.5.5's
  `-s` drops its 571-word SMART list; that list is not on this machine, so `stopwords=True` drops
  spaCy's English list instead (its ~300 alphanumeric entries) — an approximation. They are
  dropped before n-grams are formed, so a bigram can span a dropped word (as in ROUGE-1.5.5).

A text's n-grams run across its sentences (the text is one token stream, as ROUGE-1.5.5 reads a
summary). Counts are clipped: a matched n-gram counts min(count in candidate, count in reference).
Every score is a (precision, recall, F1) triple; 0 when a side has no n-grams.

Timeline metrics (Martschat & Markert, EACL 2017, "Improving ROUGE for Timeline Summarization",
as the tilse package runs them for the news-tls evaluation). A timeline is a mapping from
`datetime.date` to the sentences of that date; there is one reference timeline (Timeline17's
protocol scores each gold timeline separately). tilse runs ROUGE-1.5.5 with `-m -s` (stemming
and stop-word removal; read from its source), so the timeline functions default to
`stopwords=True`.
- concat: all the system's sentences (dates in order) as one text against all the reference's.
- agreement: n-gram matches are counted only between the texts of a date both timelines have;
  precision = matches / all system n-grams (every system date), recall = matches / all
  reference n-grams (every reference date).
- align+ m:1 (`align_rouge`; "AR-1/AR-2" in Gholipour Ghalandari & Ifrim 2020): for precision
  each system date is aligned to the reference date of least cost, for recall each reference
  date to the system date of least cost (many-to-one both ways; no one-to-one constraint). Cost
  = (1 − 1/(|Δdays|+1)) · (1 − content similarity), content similarity = an approximate ROUGE-1
  F1 of the two dates' texts (lower-cased unstemmed tokens with stop words; tilse uses the raw
  whitespace tokens). So a same-day pair costs 0 whatever its text. Matches of an aligned pair
  are weighted by 1/(|Δdays|+1) (one day off: ½); the denominators are all system (precision) or
  all reference (recall) n-grams. Ties in cost go to the nearer date, then the earlier one
  (tilse takes the first in date order; the two differ only when two costs tie exactly).
- date P/R/F1: exact matches between the two sets of dates.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

PRF = tuple[float, float, float]
Timeline = Mapping[dt.date, Sequence[str]]

# --- tokens -----------------------------------------------------------------------------------

_PTB_BRACKETS = re.compile(r"-[LR][RSC]B-", re.IGNORECASE)
_CLITIC = re.compile(r"(\w) +(n't|'s|'re|'ll|'ve|'d|'m)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")


def tokens(text: str, *, stem: bool = True, stopwords: bool = False) -> list[str]:
    """The ROUGE tokens of `text` (see the module docstring): lower-case [a-z0-9] runs, PTB marks
    handled, Porter-stemmed when `stem` (tokens longer than 3 characters), stop words dropped
    only when `stopwords`."""
    text = _PTB_BRACKETS.sub(" ", text)
    text = text.replace("\u2019", "'").replace("``", " ").replace("''", " ")
    text = _CLITIC.sub(r"\1\2", text)
    text = "".join(_fold(c) for c in unicodedata.normalize("NFKD", text))
    words = _WORD.findall(text.lower())
    if stopwords:
        stop = _stop_words()
        words = [w for w in words if w not in stop]
    if stem:
        words = [porter_stem(w) if len(w) > 3 else w for w in words]
    return words


def _fold(c: str) -> str:
    """An ASCII character as it is; a combining accent dropped (é was split into e and ´);
    any other character (a dash, a curly quote, a letter of another script) a separator."""
    if c.isascii():
        return c
    return "" if unicodedata.combining(c) else " "


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w for w in STOP_WORDS if _WORD.fullmatch(w))


# --- Porter stemmer ---------------------------------------------------------------------------


def _is_consonant(word: str, i: int) -> bool:
    c = word[i]
    if c in "aeiou":
        return False
    if c == "y":
        return i == 0 or not _is_consonant(word, i - 1)
    return True


def _measure(stem: str) -> int:
    """m in [C](VC)^m[V]: the number of vowel-to-consonant transitions."""
    m = 0
    previous_vowel = False
    for i in range(len(stem)):
        vowel = not _is_consonant(stem, i)
        if previous_vowel and not vowel:
            m += 1
        previous_vowel = vowel
    return m


def _has_vowel(stem: str) -> bool:
    return any(not _is_consonant(stem, i) for i in range(len(stem)))


def _double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _cvc(word: str) -> bool:
    """*o: the stem ends consonant-vowel-consonant, the last not w, x or y."""
    if len(word) < 3:
        return False
    n = len(word)
    return (
        _is_consonant(word, n - 3)
        and not _is_consonant(word, n - 2)
        and _is_consonant(word, n - 1)
        and word[-1] not in "wxy"
    )


_STEP2 = (
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("logi", "log"),
)
_STEP3 = (
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
)
_STEP4 = (
    "al",
    "ance",
    "ence",
    "er",
    "ic",
    "able",
    "ible",
    "ant",
    "ement",
    "ment",
    "ent",
    "ion",
    "ou",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
)


def _longest(word: str, suffixes: Iterable[str]) -> str | None:
    found = [s for s in suffixes if word.endswith(s)]
    return max(found, key=len) if found else None


def _replace_if(word: str, rules: Sequence[tuple[str, str]], min_measure: int) -> str:
    """The rule of the longest matching suffix applies when the stem's measure exceeds
    `min_measure`; when it does not, no shorter suffix is tried (Porter's rule)."""
    suffix = _longest(word, (s for s, _ in rules))
    if suffix is None:
        return word
    stem = word[: -len(suffix)]
    if _measure(stem) > min_measure:
        return stem + dict(rules)[suffix]
    return word


@lru_cache(maxsize=65536)
def porter_stem(word: str) -> str:
    """The Porter (1980) stem of a lower-case word."""
    if len(word) <= 2:
        return word
    # step 1a
    if word.endswith(("sses", "ies")):  # -sses → -ss, -ies → -i
        word = word[:-2]
    elif word.endswith("ss"):
        pass
    elif word.endswith("s"):
        word = word[:-1]
    # step 1b
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    else:
        for suffix in ("ed", "ing"):
            if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
                word = word[: -len(suffix)]
                if word.endswith(("at", "bl", "iz")):
                    word += "e"
                elif _double_consonant(word) and word[-1] not in "lsz":
                    word = word[:-1]
                elif _measure(word) == 1 and _cvc(word):
                    word += "e"
                break
    # step 1c
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    # steps 2 and 3
    word = _replace_if(word, _STEP2, 0)
    word = _replace_if(word, _STEP3, 0)
    # step 4
    suffix = _longest(word, _STEP4)
    if suffix is not None:
        stem = word[: -len(suffix)]
        if _measure(stem) > 1 and (suffix != "ion" or stem.endswith(("s", "t"))):
            word = stem
    # step 5a
    if word.endswith("e"):
        stem = word[:-1]
        m = _measure(stem)
        if m > 1 or (m == 1 and not _cvc(stem)):
            word = stem
    # step 5b
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word


# --- ROUGE-N and ROUGE-L ----------------------------------------------------------------------


def ngrams(words: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def matches(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> int:
    """Clipped matches: each n-gram counts as often as the rarer side has it."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(count, b[gram]) for gram, count in a.items() if gram in b)


def prf(hits: float, predicted: float, reference: float) -> PRF:
    p = hits / predicted if predicted else 0.0
    r = hits / reference if reference else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def rouge_n(
    candidate: str, reference: str, n: int, *, stem: bool = True, stopwords: bool = False
) -> PRF:
    """ROUGE-N (precision, recall, F1) of `candidate` against one `reference`."""
    c = ngrams(tokens(candidate, stem=stem, stopwords=stopwords), n)
    r = ngrams(tokens(reference, stem=stem, stopwords=stopwords), n)
    return prf(matches(c, r), sum(c.values()), sum(r.values()))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    if len(a) < len(b):
        a, b = b, a
    row = [0] * (len(b) + 1)
    for x in a:
        diagonal = 0
        for j, y in enumerate(b, 1):
            above = row[j]
            row[j] = diagonal + 1 if x == y else max(row[j], row[j - 1])
            diagonal = above
    return row[-1]


def rouge_l(candidate: str, reference: str, *, stem: bool = True, stopwords: bool = False) -> PRF:
    """ROUGE-L over the whole texts as single token sequences (longest common subsequence;
    F1, not ROUGE-1.5.5's F with β; no summary-level union LCS)."""
    c = tokens(candidate, stem=stem, stopwords=stopwords)
    r = tokens(reference, stem=stem, stopwords=stopwords)
    return prf(lcs_length(c, r), len(c), len(r))


# --- timeline metrics -------------------------------------------------------------------------


def _day_grams(
    timeline: Timeline, n: int, stem: bool, stopwords: bool
) -> dict[dt.date, Counter[tuple[str, ...]]]:
    return {
        day: ngrams(tokens(" ".join(texts), stem=stem, stopwords=stopwords), n)
        for day, texts in timeline.items()
    }


def _total(grams: Mapping[dt.date, Counter[tuple[str, ...]]]) -> int:
    return sum(sum(c.values()) for c in grams.values())


def concat_rouge(
    system: Timeline, reference: Timeline, n: int, *, stem: bool = True, stopwords: bool = True
) -> PRF:
    """ROUGE-N of all the system's sentences against all the reference's, dates in order."""

    def joined(timeline: Timeline) -> str:
        return " ".join(" ".join(timeline[day]) for day in sorted(timeline))

    return rouge_n(joined(system), joined(reference), n, stem=stem, stopwords=stopwords)


def agreement_rouge(
    system: Timeline, reference: Timeline, n: int, *, stem: bool = True, stopwords: bool = True
) -> PRF:
    """ROUGE-N with matches counted only between the texts of the same date."""
    s = _day_grams(system, n, stem, stopwords)
    r = _day_grams(reference, n, stem, stopwords)
    hits = sum(matches(s[day], r[day]) for day in s.keys() & r.keys())
    return prf(hits, _total(s), _total(r))


def _content_similarity(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> float:
    return prf(matches(a, b), sum(a.values()), sum(b.values()))[2]


def alignment(
    system: Timeline, reference: Timeline
) -> tuple[dict[dt.date, dt.date], dict[dt.date, dt.date]]:
    """The align+ m:1 alignments: (system date → reference date, reference date → system date),
    each date to the other side's date of least (1 − 1/(|Δ|+1))·(1 − similarity)."""
    s = _day_grams(system, 1, False, False)
    r = _day_grams(reference, 1, False, False)
    similarity = {(a, b): _content_similarity(s[a], r[b]) for a in s for b in r}

    def cost(sys_day: dt.date, ref_day: dt.date) -> tuple[float, int, dt.date]:
        gap = abs((sys_day - ref_day).days)
        return (1 - 1 / (gap + 1)) * (1 - similarity[sys_day, ref_day]), gap, ref_day

    to_ref = {a: min(r, key=lambda b, a=a: cost(a, b)) for a in s} if r else {}
    to_sys = {b: min(s, key=lambda a, b=b: (*cost(a, b)[:2], a)) for b in r} if s else {}
    return to_ref, to_sys


def align_rouge(
    system: Timeline, reference: Timeline, n: int, *, stem: bool = True, stopwords: bool = True
) -> PRF:
    """align+ m:1 ROUGE-N: matches of aligned dates weighted by 1/(|Δdays|+1)."""
    s = _day_grams(system, n, stem, stopwords)
    r = _day_grams(reference, n, stem, stopwords)
    to_ref, to_sys = alignment(system, reference)

    def weight(a: dt.date, b: dt.date) -> float:
        return 1 / (abs((a - b).days) + 1)

    p_hits = sum(weight(a, b) * matches(s[a], r[b]) for a, b in to_ref.items())
    r_hits = sum(weight(a, b) * matches(s[a], r[b]) for b, a in to_sys.items())
    p = p_hits / _total(s) if _total(s) else 0.0
    rec = r_hits / _total(r) if _total(r) else 0.0
    return p, rec, (2 * p * rec / (p + rec) if p + rec else 0.0)


def date_prf(system: Iterable[dt.date], reference: Iterable[dt.date]) -> PRF:
    """Precision, recall and F1 of exactly matching dates."""
    s, r = set(system), set(reference)
    return prf(len(s & r), len(s), len(r))


METRICS = ("concat", "agreement", "align")


def timeline_scores(
    system: Timeline, reference: Timeline, ns: Sequence[int] = (1, 2)
) -> dict[str, PRF]:
    """Every timeline metric at once: keys "date", and "<metric>_<n>" for concat, agreement and
    align (align+ m:1) with each n in `ns`; TILSE's token settings (stemmed, stop words out)."""
    scores: dict[str, PRF] = {"date": date_prf(system, reference)}
    functions = {"concat": concat_rouge, "agreement": agreement_rouge, "align": align_rouge}
    for name in METRICS:
        for n in ns:
            scores[f"{name}_{n}"] = functions[name](system, reference, n)
    return scores
