"""The citation checker: does each written sentence rest on the source text it cites?

    problems = check_sentence(sentence, texts, names)     # [] when the sentence is supported
    problems = check_report(report)                       # a Report: briefs, answers, timeline

A sentence passes when
1. it has at least one citation, and every citation is a range inside its article's text;
2. its text starts with its `frame` (the connective words the composer added) and the frame
   states nothing: no digits, and every capitalised word in it is a connective ("According",
   "Forecast") or a name the cited articles carry (their outlet, or an entity they mention;
   `names` maps each article id to those);
3. the rest of the text is found in the cited spans: every number (digits or number words),
   every capitalised word past the first (names, months, places) and at least
   `MIN_WORD_SUPPORT` of the other content words occur in the cited text (compared
   case-folded, with a crude suffix stem so "talks" meets "talk").

Known limits: agreement is lexical. A sentence stitched from cited words in another order
("Russia attacked Ukraine" from "Ukraine attacked Russia") passes; the composer guards against
that by only writing verbatim slices of the cited spans (joined by " … ").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from newsprism.model import CitedSentence, word_set
from newsprism.report import Report, TimelineItem

MIN_WORD_SUPPORT = 0.85
CONNECTIVES = word_set(
    """according to as in the words of forecast outlook reports report reported says say said
    writes write wrote adds add notes note and also but while however meanwhile by contrast
    on other hand sources for its part elsewhere view views expects expect outlets outlet another
    ahead coming up demand offer accepts rejects threat supports condition commitment
    one two three several other others both sides disagree differ give gives date dates is
    are was were that which who what when where how many"""
)
NUMBER_WORDS = word_set(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred thousand million billion trillion dozen dozens first second third
    fourth fifth half"""
)
STOPWORDS = word_set(
    """a an the and or but if of to in on at by for with from as into about over after before
    since than that this these those it its is are was were be been being has have had do does
    did will would can could may might should must shall not no so such there their they them
    he she his her we our you your i who whom which what when where while also very more most
    other some any all both each only own same just then now"""
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _stem(word: str) -> str:
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _bag(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text)}


def check_sentence(
    sentence: CitedSentence,
    texts: Mapping[str, str],
    names: Mapping[str, Iterable[str]] | None = None,
) -> list[str]:
    """The problems of one sentence against the article texts (article id -> text); `names`
    gives, per article id, the names a frame may use (its outlet, the entities it names)."""
    problems = []
    if not sentence.citations:
        return ["no citation"]
    cited = []
    for span in sentence.citations:
        text = texts.get(span.article_id)
        if text is None:
            problems.append(f"cites unknown article {span.article_id}")
        elif not (0 <= span.start < span.end <= len(text)):
            problems.append(f"citation {span.start}..{span.end} outside article {span.article_id}")
        else:
            cited.append(text[span.start : span.end])
    if problems:
        return problems
    if not sentence.text.startswith(sentence.frame):
        return [f"text does not start with its frame {sentence.frame!r}"]
    source = " ".join(cited)
    available = _bag(source)
    problems += _frame_problems(sentence, names or {}, available)
    body = sentence.text[len(sentence.frame) :]
    problems += _body_problems(body, source, available)
    return problems


def _frame_problems(
    sentence: CitedSentence, names: Mapping[str, Iterable[str]], available: set[str]
) -> list[str]:
    frame = sentence.frame
    if not frame:
        return []
    if _DIGITS.search(frame):
        return [f"frame states a number: {frame!r}"]
    allowed = set(available)
    for span in sentence.citations:
        for name in names.get(span.article_id, ()):
            allowed |= _bag(name)
    unknown = [
        w
        for w in _WORD.findall(frame)
        if w.casefold() not in CONNECTIVES and _stem(w) not in allowed
    ]
    return [f"frame names what the citations do not: {', '.join(unknown)}"] if unknown else []


def _body_problems(body: str, source: str, available: set[str]) -> list[str]:
    problems = []
    numbers = set(_DIGITS.findall(source))
    missing_numbers = [n for n in _DIGITS.findall(body) if n not in numbers]
    if missing_numbers:
        problems.append(f"numbers not in the cited text: {', '.join(missing_numbers)}")
    words = _WORD.findall(body)
    strict = [
        w
        for k, w in enumerate(words)
        if (k > 0 and w[:1].isupper()) or w.casefold() in NUMBER_WORDS
    ]
    missing_names = [w for w in strict if _stem(w) not in available]
    if missing_names:
        problems.append(f"names or numbers not in the cited text: {', '.join(missing_names)}")
    content = [w for w in words if w.casefold() not in STOPWORDS and not w.isdigit()]
    if content:
        found = sum(1 for w in content if _stem(w) in available)
        if found / len(content) < MIN_WORD_SUPPORT:
            problems.append(f"only {found} of {len(content)} content words are in the cited text")
    return problems


def report_names(report: Report) -> dict[str, set[str]]:
    """Per article id: its outlet and the names of the story entities it mentions."""
    names: dict[str, set[str]] = {a.id: {a.source} for a in report.articles}
    for story in report.stories:
        for e in story.entities:
            for m in e.mentions:
                names.setdefault(m.article_id, set()).update([e.name, *e.aliases])
    return names


def check_report(report: Report) -> list[str]:
    """Every problem of a report: brief sentences, the pre-computed answers' sentences,
    and timeline entries (whose text must be the words at their first evidence span)."""
    texts = {a.id: a.text for a in report.articles}
    names = report_names(report)
    problems: list[str] = []
    for story in report.stories:
        where = f"story {story.id}"
        for section in story.brief.sections:
            for k, s in enumerate(section.sentences):
                problems += _located(
                    f"{where} brief {section.key} #{k + 1}", s.cited(), texts, names
                )
        for answer in story.answers:
            for k, s in enumerate(answer.sentences):
                problems += _located(
                    f"{where} answer {answer.question!r} #{k + 1}", s.cited(), texts, names
                )
        for k, entry in enumerate(story.timeline):
            problems += _timeline_problems(f"{where} timeline #{k + 1}", entry, texts)
    return problems


def _located(
    where: str, sentence: CitedSentence, texts: Mapping[str, str], names: Mapping[str, set[str]]
) -> list[str]:
    return [
        f"{where}: {p} — {sentence.text[:80]!r}" for p in check_sentence(sentence, texts, names)
    ]


def _timeline_problems(where: str, entry: TimelineItem, texts: Mapping[str, str]) -> list[str]:
    if not entry.evidence:
        return [f"{where}: no evidence"]
    first = entry.evidence[0]
    text = texts.get(first.article_id)
    if text is None or not (0 <= first.start < first.end <= len(text)):
        return [f"{where}: evidence does not resolve"]
    if text[first.start : first.end] != entry.text:
        return [f"{where}: text is not the words of its first evidence span"]
    return []


def count_sentences(report: Report) -> int:
    """How many brief and answer sentences a report holds (what `check_report` reads)."""
    return sum(
        len(section.sentences) for story in report.stories for section in story.brief.sections
    ) + sum(len(answer.sentences) for story in report.stories for answer in story.answers)
