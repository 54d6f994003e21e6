"""Whether a brief sentence reads as a whole sentence: the rules the composer keeps to and the
measures a benchmark counts.

    sentence_faults("it was the first meeting")   # ("lowercase start", "no closing stop",
                                                  #  "opens on an unresolved pronoun", …)
    brief_faults(sections)                        # counts per brief: words, fragments, …

Input: a sentence's text (its body, after any frame the composer put before it). Output: the
faults a reader would stop at: a start that is not a capital, a digit or an opening quotation
mark; no closing stop (. ! ? with any closing quotation mark or bracket after it); fewer than
`MIN_WORDS` words; a quotation mark left open; an opening word that points back to something
the sentence does not name (`PRONOUN_OPENINGS`: "It", "This", "He", "They", "Its" …); an
end on a list number ("… for three reasons: 1."); a caption run into the sentence (its first
three words come back inside it). A sentence with none of them is "whole".

Limits: the rules are surface rules. A sentence that opens on a name but is garbled inside
passes; "That" opening a clause ("That Russia refused is clear") is taken for a pronoun; a
pronoun whose antecedent is in the sentence before it is still counted (the brief never relies
on the sentence before: its sentences are reordered and cut by the word budget).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsprism.model import BriefSection, word_set

__all__ = [
    "MIN_WORDS",
    "PRONOUN_OPENINGS",
    "BriefFaults",
    "brief_faults",
    "is_whole",
    "refers_back",
    "sentence_faults",
    "unresolved_in_quote",
    "word_count",
]

MIN_WORDS = 6
# words that point back to something named earlier; a brief sentence cannot open on one
# ("us" is left out: "US President …" opens on a name)
PRONOUN_OPENINGS = word_set(
    """it its it's this that these those he him his she her they them their theirs we our
    i such thereby thus hence latter former"""
)
# "this approach", "these terms", "before this happened": a reference to what an earlier
# sentence said, which the brief (its sentences cut from their articles) does not have
_BACK_REFERENCE = re.compile(
    r"\b(?:this|these|those|such)\s+(?:approach|plan|logic|scenario|proposal|offer|move|deal|"
    r"decision|effort|statement|idea|terms|process|strategy|development|situation|tactic|"
    r"demands?|issue|arrangement|policy|step|view|position|attempt|conditions)\b"
    r"|\b(?:before|after|since|because of)\s+this\b(?!\s+(?:week|month|year|morning))",
    re.IGNORECASE,
)
# a main clause whose subject is a pronoun after an opening phrase ("Under the deal agreed
# yesterday, he should be home …"): the same unresolved reference, one phrase in
_PRONOUN_SUBJECT = re.compile(r"^[^,;:—]{3,90},\s+(?:he|she|they|it|we)\s", re.IGNORECASE)
# a subordinate clause or a time adverb, with no comma, before a pronoun subject ("If it is
# infectious enough …, it can spread …", "Until now it has not infected humans"): its
# referent is in the sentence before
_SUBORDINATE_PRONOUN = re.compile(
    r"^(?:if|when|while|although|though|because|once|unless|until|as|after|before|whether|"
    r"since|until now|so far|by now|for now|now|then|later|still|today|yesterday)\s+"
    r"(?:he|she|it|they|this|these|those|its|his|her|their)\b",
    re.IGNORECASE,
)
_CLOSING = re.compile(r"[.!?][\"'”’)\]]*$")
_OPENING = re.compile(r"^[\"“‘'(]?[A-Z0-9À-ÖØ-Þ]")
_FIRST_WORD = re.compile(r"[\"“‘'(]?([^\W_]+(?:['’][^\W_]+)?)")


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of non-space characters."""
    return len(text.split())


def sentence_faults(body: str) -> tuple[str, ...]:
    """What keeps a sentence from reading as a whole sentence (see the module docstring)."""
    text = body.strip()
    faults: list[str] = []
    if not _OPENING.match(text):
        faults.append("lowercase start")
    if not _CLOSING.search(text):
        faults.append("no closing stop")
    if word_count(text) < MIN_WORDS:
        faults.append("too short")
    # sources mix curly and straight marks (“… peace."), so only the total must be even
    if (text.count("“") + text.count("”") + text.count('"')) % 2:
        faults.append("open quotation")
    if _LIST_OPENER.search(text):
        faults.append("ends on a list number")
    if _runs_on(text):
        faults.append("runs two sentences together")
    if opens_on_pronoun(text) or _PRONOUN_SUBJECT.match(text) or _SUBORDINATE_PRONOUN.match(text):
        faults.append("opens on an unresolved pronoun")
    elif _BACK_REFERENCE.search(text):
        faults.append("refers back to an earlier sentence")
    return tuple(faults)


# "this deadly flu", "that lawsuit", "these groups" anywhere in a sentence: a thing an earlier
# sentence named (a time — "this week", "that day" — is no reference back)
_DEMONSTRATIVE = re.compile(
    r"\b(?:[Tt]his|[Tt]hese|[Tt]hose|[Ss]uch)\s+(?!(?:week|month|year|morning|afternoon|evening|"
    r"weekend|time|summer|spring|fall|autumn|winter|season|day|past|coming|is|was|are|were|"
    r"as|and|or|of|in|on|at|to|by|for|with|who|which|that|would|will|could|can|may|might|"
    r"must|should|has|have|had|did|does)\b)[a-z]+"
    r"|\b(?:that|those)\s+(?:lawsuit|law|bill|measure|case|ruling|decision|plan|proposal|deal|"
    r"agreement|offer|effort|move|policy|program|report|statement|claim|request|vote|attack|"
    r"incident|meeting|process|position|idea|issue|approach|demand|threat|promise|campaign|"
    r"resolution|suit|order|step|strategy|war|crisis|disaster|spill|leak|outbreak)\b"
    # "that simple truth", "With that prospect": a word of judgement after "that", perhaps
    # after one adjective (not a determiner: "said that the deal" is a clause)
    r"|\b(?:[Tt]hat|[Tt]hose)\s+(?:(?!(?:the|a|an|his|her|its|their|our|my|your|this|these|"
    r"some|any|no|all|every|each)\b)[a-z]+\s+)?(?:truth|prospect|fact|argument|point|message|"
    r"warning|weakness|strength|notion|possibility|logic|reasoning|view|vision)\b"
    # "aware of this,", "agreed with that.", "who was behind this,": "this"/"that" standing
    # alone after a preposition
    r"|\b(?:of|about|with|on|to|for|like|beyond|despite|given|at|behind|against|over|from|by)"
    r"\s+(?:this|that)(?=\s*[,.;!?—])"
    # "Something like that is unlikely to happen today": what the sentence before described
    r"|\b(?:[Ss]omething|[Aa]nything|[Nn]othing)\s+like\s+(?:this|that)\b"
)


# "… for a number of reasons: 1." — the sentencer cut a list after its first number
_LIST_OPENER = re.compile(r"[:;]\s*\d{1,2}[.)]$")
_CONCLUDING = re.compile(r"^(?:therefore|consequently|accordingly|as a result)\b", re.IGNORECASE)


# a caption's date run into the next sentence with no stop ("… as the verdict was read out
# in court 1 November 2011 Dr Murray tells …"): a day-month-year date after a word that
# does not govern it (not "on", "since" …) and right before a capitalised word
_DATE_RUN = re.compile(
    r"(?<![\w’'-])(?!(?i:on|of|since|until|till|by|from|to|before|after|between|and|in|at|"
    r"through|during|dated)\b)[\w’'-]+\s+\d{1,2}\s+(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\s+(?:19|20)\d\d\s+[A-Z][a-z]"
)


def _runs_on(text: str) -> bool:
    """Whether the sentence's first three words come back later in it ("President Barack Obama
    said … US history US President Barack Obama has called …"), or a caption's date runs into
    the next sentence (`_DATE_RUN`): a caption and a sentence run together without a stop."""
    if _DATE_RUN.search(text):
        return True
    words = text.split()
    if len(words) < 8 or not all(w[:1].isupper() for w in words[:3]):
        return False
    return " ".join(words[:3]) in " ".join(words[3:])


def refers_back(text: str) -> bool:
    """Whether a sentence names something by "this", "these", "such" + a noun or "that" +
    a noun of an earlier sentence ("that lawsuit"), anywhere in it, or opens on a conclusion
    ("Therefore, …") drawn from one: without the sentence
    before it (which a brief does not have) the reader cannot tell what. Stricter than the
    opening rule of `sentence_faults`; the sections whose frame names a speaker apply it."""
    return bool(
        _DEMONSTRATIVE.search(text) or _BACK_REFERENCE.search(text) or _CONCLUDING.match(text)
    )


def opens_on_pronoun(text: str) -> bool:
    """Whether the sentence's first word points back to something it does not name. An "I"
    or "we" opening a quotation that the sentence attributes to a name right after it
    ("“I am not pro-gay marriage,” Liz Cheney said.") is the named speaker: resolved."""
    text = text.strip()
    m = _FIRST_WORD.match(text)
    if m is None or m.group(1).casefold().replace("’", "'") not in PRONOUN_OPENINGS:
        return False
    return not (m.group(1).casefold() in _FIRST_PERSON and _NAMED_AFTER_QUOTE.match(text))


_FIRST_PERSON = word_set("i we our")
_SPEECH = (
    r"(?:said|says|added|adds|told|tells|wrote|writes|stated|states|declared|argued|"
    r"insisted|warned|explained|recalled|continued|replied|tweeted)"
)
# an opening quotation closed by ," ,” !” or ?” and attributed to a capitalised name right
# after it: "… ,” Liz Cheney said", "… ,” said Mr. Steele", "… ,” Sen. Jim DeMint told …"
_NAMED_AFTER_QUOTE = re.compile(
    r"^[\"“][^\"“”]{2,}?[,!?][\"”]\s+(?:"
    + _SPEECH
    + r"\s+(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]+"
    + r"|(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]+(?:,[^,]{1,80},)?\s+"
    + _SPEECH
    + r")\b"
)


# a quotation: curly marks pair up; straight marks pair in turn (a quote left open at the
# sentence's end runs to it)
_QUOTATION = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")
# a third person inside a quotation: "he", "his", "they", "it" …
_THIRD = re.compile(r"\b(?:he|she|him|his|her|hers|they|them|their|it|its)\b", re.IGNORECASE)
# "it" as an empty subject ("it's important to …", "it was clear that …", "it seems …"):
# it stands for the clause after it, not for something named before
_EMPTY_IT = re.compile(
    r"it(?:['’]s|\s+(?:is|was|isn['’]t|wasn['’]t|will be|would be|has been|had been|"
    r"could be|might be|may be))\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:to|that|for|whether|if|how|what|when|why|time)\b"
    r"|it\s+(?:seems|seemed|appears|appeared|looks|looked|turns out|turned out|takes|took|"
    r"remains|matters|makes sense)\b",
    re.IGNORECASE,
)
# what can stand before "it" or "they" as the thing it means: a noun phrase led by a
# determiner ("the bill", "a virus", "these rules")
_NOUN_PHRASE = re.compile(
    r"\b(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your)\s+[a-z]",
    re.IGNORECASE,
)

# a capitalised word inside a quotation, not its first word and not "I": a name the speaker
# says (the quote finder may not have resolved it to an entity)
_INNER_NAME = re.compile(r"(?<=[\w,;:’'-] )(?!I\b|I['’])[A-Z][a-z]+")


def unresolved_in_quote(text: str, named: Sequence[int] = ()) -> bool:
    """Whether a quotation in the sentence says "he", "his", "they" or a referring "it" that
    nothing before it in the sentence can mean: “I still can't even believe it,” or “I
    thought about it, but it didn't affect me,” — the thing or person was named in the
    sentence before, which the brief does not show. `named` holds the offsets in `text` of
    the names it mentions other than the speaker's (the speaker says "I", not "he"). The
    pronoun needs such a name before it or a noun phrase led by a determiner ("the bill …
    fight it", "my sister, but she …"). An empty "it" ("it's clear that …") refers to
    nothing. Limits: surface rules; a pronoun whose referent follows it (“They are wrong,”
    Obama said of the Republicans) counts as unresolved, and any determiner phrase before an
    "it" counts as its referent."""
    for q in _QUOTATION.finditer(text):
        for m in _THIRD.finditer(text, q.start(), q.end()):
            word = m.group(0).casefold()
            if word == "it" and _EMPTY_IT.match(text, m.start()):
                continue
            if any(at < m.start() for at in named):
                continue
            if _NOUN_PHRASE.search(text, 0, m.start()):
                continue
            # a name inside the quotation before it ("Why can't Mitt Romney run his race")
            if _INNER_NAME.search(text, q.start() + 1, m.start()):
                continue
            return True
    return False


def is_whole(body: str) -> bool:
    """Whether a sentence has none of the faults of `sentence_faults`."""
    return not sentence_faults(body)


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefFaults:
    """What a reader would count in one brief: its words and sentences, the sentences that are
    fragments (a fault other than an unresolved reference), that open on an unresolved
    pronoun or refer back to an earlier sentence ("this approach"), that repeat another
    sentence of the brief (the same body, case, spacing and closing stop aside), and the
    sections with no sentence."""

    words: int
    sentences: int
    fragments: int
    unresolved_openings: int
    repeats: int
    empty_sections: int
    cited_articles: int


def brief_faults(sections: Iterable[BriefSection]) -> BriefFaults:
    """The counts of `BriefFaults` over a brief's sections."""
    sections = list(sections)
    sentences = [s for section in sections for s in section.sentences]
    bodies = [_body(s.text, s.frame) for s in sentences]
    faults = [sentence_faults(b) for b in bodies]
    # the same words with or without their stop are the same sentence said twice
    seen = Counter(" ".join(b.casefold().split()).rstrip(".!?\"'”’ ") for b in bodies)
    return BriefFaults(
        words=sum(word_count(s.text) for s in sentences),
        sentences=len(sentences),
        fragments=sum(1 for f in faults if set(f) - _UNRESOLVED),
        unresolved_openings=sum(1 for f in faults if set(f) & _UNRESOLVED),
        repeats=sum(n - 1 for n in seen.values()),
        empty_sections=sum(1 for section in sections if not section.sentences),
        cited_articles=len({c.article_id for s in sentences for c in s.citations}),
    )


_UNRESOLVED = {"opens on an unresolved pronoun", "refers back to an earlier sentence"}


def _body(text: str, frame: str) -> str:
    return text[len(frame) :] if frame and text.startswith(frame) else text


def section_words(sentences: Sequence[str]) -> int:
    """Words of a section's sentence texts."""
    return sum(word_count(t) for t in sentences)
