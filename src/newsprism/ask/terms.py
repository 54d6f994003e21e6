"""Words as the ask stage compares them: lower-cased tokens, a light suffix-stripping stemmer,
stop words, and a small table of news synonyms used to widen a question.

Input: any text. Output: stems ("mediated", "mediation" and "mediator" -> "mediat"; "held" ->
"hold"). The stemmer is deliberately small (a dozen suffixes, irregular past forms of common
news verbs); it only has to make the same word in a question and in a passage meet, so its
stems need not be words. Known limits: English only; no part-of-speech, so "left" (the verb)
and "left" (the side) are one stem.
"""

from __future__ import annotations

import re
from functools import cache

from newsprism.model import word_set

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

STOP_WORDS = word_set(
    "a about above after again against all also am an and any are as at be because been "
    "before being below between both but by can could did do does doing done down during each "
    "either else ever few for from further had has have having he her here hers herself him "
    "himself his how i if in into is it its itself just me more most my myself no nor not now "
    "of off on once only or other ought our ours ourselves out over own same she should so "
    "some such than that the their theirs them themselves then there these they this those "
    "through to too under until up upon very was we were what when where which while who whom "
    "whose why will with would you your yours yourself yourselves s t d ll re ve m o y ain "
    "isn aren wasn weren hasn haven hadn doesn didn won wouldn shan shouldn mustn mightn "
    "needn couldn don may might must shall one ones per via yet still much many lot lots "
    "thing things whether within without according say says said tell told report reports "
    "reported happen happened happens happening take place took taken exactly actually really "
    "also get got make made go went gone come came react reacted reaction respond responded "
    "response"
)
"""Function words, and the frame words of questions ("what happened", "how did X react",
"take place"), which say what is asked, not what it is about."""

_IRREGULAR = {
    "held": "hold",
    "led": "lead",
    "met": "meet",
    "flew": "fly",
    "flown": "fly",
    "began": "begin",
    "begun": "begin",
    "fell": "fall",
    "fallen": "fall",
    "went": "go",
    "sent": "send",
    "spoke": "speak",
    "spoken": "speak",
    "brought": "bring",
    "thought": "think",
    "sought": "seek",
    "fought": "fight",
    "caught": "catch",
    "kept": "keep",
    "struck": "strike",
    "ran": "run",
    "saw": "see",
    "seen": "see",
    "knew": "know",
    "known": "know",
    "wrote": "write",
    "written": "write",
    "chose": "choose",
    "chosen": "choose",
    "broke": "break",
    "broken": "break",
    "grew": "grow",
    "grown": "grow",
    "threw": "throw",
    "shot": "shoot",
    "lost": "lose",
    "paid": "pay",
    "rose": "rise",
    "risen": "rise",
    "stood": "stand",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "froze": "freeze",
    "frozen": "freeze",
    "gave": "give",
    "given": "give",
    "won": "win",
    "drew": "draw",
    "drawn": "draw",
    "hit": "hit",
    "children": "child",
    "men": "man",
    "women": "woman",
    "people": "people",
    "countries": "country",
    "ceasefires": "ceasefire",
    "taken": "take",
    "took": "take",
    "told": "tell",
    "said": "say",
    "made": "make",
    "was": "be",
    "were": "be",
    "killed": "kill",
    "news": "news",
    "talks": "talk",
    "us": "us",
    "hold": "hold",
    "talk": "talk",
}

# Two passes, each longest suffix first; (suffix, replacement). The first removes inflections
# (plural, past, -ing, -ly), the second derivations (-ation, -ment, -ance, -er), so that
# "delivered", "deliver" and "delivery"'s verb meet, and "insurers" meets "insurance".
_INFLECTIONS: tuple[tuple[str, str], ...] = (
    ("ingly", ""),
    ("edly", ""),
    ("ings", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("eed", "ee"),
    ("ed", ""),
    ("ly", ""),
    ("es", ""),
    ("s", ""),
)
_DERIVATIONS: tuple[tuple[str, str], ...] = (
    ("isation", "is"),
    ("ization", "iz"),
    ("ational", "at"),
    ("ation", "at"),
    ("ement", "e"),
    ("ness", ""),
    ("ment", ""),
    ("ator", "at"),
    ("ance", ""),
    ("ence", ""),
    ("er", ""),
)
_KEEP_ENDINGS = ("ss", "us", "is", "ous")
_UNDOUBLE = frozenset("bdfgmnprt")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; hyphens and apostrophes split words ("thirty-day" -> two)."""
    return _TOKEN.findall(text.lower())


@cache
def stem(word: str) -> str:
    """The stem of one lower-case word."""
    if word in _IRREGULAR:
        word = _IRREGULAR[word]
        if word in _IRREGULAR:  # a base form that maps to itself
            return word
        return stem(word)
    if len(word) <= 3 or word.isdigit() or (word.endswith("eed") and len(word) <= 4):
        return word
    base = _strip_inflection(word)
    base = _strip_derivation(base)
    if len(base) > 3 and base.endswith("e") and not base.endswith("ee"):
        base = base[:-1]
    return base


def _strip_inflection(word: str) -> str:
    for suffix, replacement in _INFLECTIONS:
        if not word.endswith(suffix):
            continue
        if suffix == "s" and word.endswith(_KEEP_ENDINGS):
            return word
        if suffix == "es" and not word.endswith(("ses", "xes", "zes", "ches", "shes")):
            continue  # "agrees" loses only its "s"
        base = word[: len(word) - len(suffix)] + replacement
        if len(base) < 3:
            return word
        if (
            suffix in ("ed", "ing", "ings", "edly", "ingly")
            and len(base) > 3
            and base[-1] == base[-2]
            and base[-1] in _UNDOUBLE
        ):
            base = base[:-1]
        return base
    return word


def _strip_derivation(word: str) -> str:
    for suffix, replacement in _DERIVATIONS:
        if not word.endswith(suffix):
            continue
        base = word[: len(word) - len(suffix)] + replacement
        if len(base) < (5 if suffix == "er" else 3):
            return word
        return base
    return word


def content_stems(text: str) -> list[str]:
    """The stems of the words of `text` that are not stop words, in order (repeats kept)."""
    return [stem(t) for t in tokens(text) if t not in STOP_WORDS and len(t) > 1]


_SYNONYM_GROUPS = (
    "mediate mediator mediation mediators broker brokered brokering chair chaired co chairing",
    "detainee detainees prisoner prisoners pow pows captive captives",
    "talk talks negotiation negotiations negotiate meet meeting meetings summit round conference "
    "convene convened",
    "ceasefire ceasefires truce truces",
    "threaten threatened threat threats warn warned",
    "kill killed killing death deaths dead die died casualty casualties",
    "sign signed signing signature",
    "oversee oversaw overseen supervise supervised supervision monitor monitored",
    "begin began begun start started open opened launch launched outbreak commence",
    "attend attended travel travelled traveled fly flew participate join",
    "demand demanded demands insist insisted require required precondition",
    "reject rejected refuse refused decline declined dismiss dismissed",
    "offer offered proposal propose proposed",
    "exchange exchanged swap swapped",
    "blockade blockaded siege",
    "sanction sanctions penalty penalties",
    "aid assistance",
    "insurer insurers insurance insure insured",
    "spokesperson spokesman spokeswoman",
    "envoy representative emissary",
    "cost costs losses lost",
    "leader president premier",
)


@cache
def _synonyms() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for group in _SYNONYM_GROUPS:
        stems = {stem(w) for w in group.split()}
        for s in stems:
            out.setdefault(s, set()).update(stems - {s})
    return {k: frozenset(v) for k, v in out.items()}


def synonyms(stem_: str) -> frozenset[str]:
    """Stems that mean about the same in news about talks and conflicts (not the stem itself)."""
    return _synonyms().get(stem_, frozenset())
