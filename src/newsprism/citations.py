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
   every capitalised word (names, months, places; the first word too unless it is a function
   word), every relative day ("yesterday", "ago") and at least `MIN_WORD_SUPPORT` of the other
   content words occur in the cited text (compared case-folded, with a crude suffix stem so
   "talks" meets "talk");
4. negation holds: a word the sentence negates ("did not agree") is negated in a cited span,
   and a word the sentence asserts is not one that every cited span holding it negates
   (source "did not agree", sentence "agreed");
5. attribution holds: when the sentence says a named speaker said something ("X said …",
   "… , X said", "according to X"), its words are found (at `MIN_WORD_SUPPORT`) in the cited
   spans that name X beside a speech verb or quotation mark — not in someone else's;
6. words inside quotation marks are found verbatim in the cited text (pieces joined by "…"
   each on their own, case and spacing aside).

Both writers are held to it: the extractive composer, whose bodies are verbatim slices, and
the optional LLM writer (`newsprism.llm`), whose sentences are its own words.

Known limits: agreement is lexical. A sentence stitched from cited words in another order
("Russia attacked Ukraine" from "Ukraine attacked Russia") passes; the extractive composer
guards against that by only writing verbatim slices of the cited spans (joined by " … "), the
LLM writer does not, so the order of who did what to whom in an LLM sentence is not checked
beyond speech attribution. Negation is read in a window of four words after the cue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from newsprism.model import CitedSentence, word_set
from newsprism.outlet_labels import outlet_labels
from newsprism.report import Report, TimelineItem

MIN_WORD_SUPPORT = 0.85
CONNECTIVES = word_set(
    """according to as in the words of forecast outlook reports report reported says say said
    writes write wrote adds add notes note and also but while however meanwhile by contrast
    on other hand sources for its part elsewhere view views expects expect outlets outlet another
    ahead coming up demand offer accepts rejects threat supports condition commitment
    one two three several other others both sides disagree differ give gives date dates is
    are was were that which who what when where how many long ago last it had been happened
    did whether figures facts writes expects source"""
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
RELATIVE_DAYS = word_set("yesterday today tomorrow tonight ago")
DATE_WORDS = RELATIVE_DAYS | word_set(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday"""
)
NEGATIONS = word_set("not no never none nobody nothing neither nor without cannot")
NEGATION_WINDOW = 4  # words after a cue in which the negated word is looked for
# words a negation reaches over to the word it negates ("did not even try", "no longer")
_NEGATION_SKIP = word_set("yet ever even longer always really fully entirely")
SPEECH_VERBS = word_set(
    """said say says told tell tells stated states added adds warned warns argued argues
    claimed claims insisted insists noted notes announced announces declared declares
    stressed stresses urged urges wrote writes replied replies asserted asserts"""
)
_ACCORDING_WORDS = word_set("according")
PRONOUNS = word_set("he she they we i it you this that these those there")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_NAME = r"((?:[A-Z][\w’'.-]*\s+){0,4}[A-Z][\w’'.-]*)"
_SAID_BY = re.compile(
    _NAME + r"\s*,?\s+(?:has\s+|had\s+|also\s+)?(" + "|".join(sorted(SPEECH_VERBS)) + r")\b"
)
_SAYS_NAME = re.compile(
    r"\b(?:" + "|".join(sorted(SPEECH_VERBS)) + r")\s+" + _NAME + r"\s*(?:[.,;:!?]|$)"
)
_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?" + _NAME, re.IGNORECASE)
_QUOTED = re.compile(r"[“\"]([^”\"]{3,})[”\"]")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _stem(word: str) -> str:
    """A crude stem: "talks" meets "talk", "agreed" "agree", "countries" "country" (a
    writer in its own words changes number and tense more than a verbatim slice does)."""
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 5 and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    bare = word.rstrip("e")  # "agree" / "agreed", "detainee" / "detainees"
    return bare if len(bare) >= 3 else word


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
    problems += _negation_problems(body, cited)
    problems += _attribution_problems(body, cited)
    problems += _quotation_problems(body, source)
    return problems


def _frame_problems(
    sentence: CitedSentence, names: Mapping[str, Iterable[str]], available: set[str]
) -> list[str]:
    frame = sentence.frame
    if not frame:
        return []
    allowed = set(available)
    bare = frame  # the frame less the names it may use: a digit in "France 24" is no number
    for span in sentence.citations:
        for name in names.get(span.article_id, ()):
            allowed |= _bag(name)
            if _DIGITS.search(name):
                bare = bare.replace(name, " ")
    if _DIGITS.search(bare):
        return [f"frame states a number: {frame!r}"]
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
        if (w[:1].isupper() and (k > 0 or w.casefold() not in STOPWORDS | CONNECTIVES))
        or w.casefold() in NUMBER_WORDS | RELATIVE_DAYS
    ]
    missing = [w for w in strict if _stem(w) not in available]
    missing_dates = [w for w in missing if w.casefold() in DATE_WORDS]
    if missing_dates:
        problems.append(f"dates not in the cited text: {', '.join(missing_dates)}")
    missing_names = [w for w in missing if w.casefold() not in DATE_WORDS]
    if missing_names:
        problems.append(f"names or numbers not in the cited text: {', '.join(missing_names)}")
    # speech verbs say who speaks, which the attribution rule checks; as content they would
    # turn away "according to X, …" for the one word no source writes about itself
    content = [
        w
        for w in words
        if w.casefold() not in STOPWORDS | SPEECH_VERBS | _ACCORDING_WORDS and not w.isdigit()
    ]
    if content:
        found = sum(1 for w in content if _stem(w) in available)
        if found / len(content) < MIN_WORD_SUPPORT:
            problems.append(f"only {found} of {len(content)} content words are in the cited text")
    return problems


def _negated(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """(the words the text negates, the words it holds un-negated), each by its root: the
    negated word is the first content word within `NEGATION_WINDOW` words after a cue."""
    words = [w.casefold().replace("’", "'") for w in _WORD.findall(text)]
    negated: dict[str, str] = {}
    plain: dict[str, str] = {}
    reach: set[int] = set()
    for k, w in enumerate(words):
        if w in NEGATIONS or w.endswith("n't"):
            for j in range(k + 1, min(k + 1 + NEGATION_WINDOW, len(words))):
                if words[j] not in STOPWORDS | NEGATIONS | _NEGATION_SKIP:
                    negated.setdefault(_stem(words[j]), words[j])
                    reach.add(j)
                    break
    for k, w in enumerate(words):
        if k not in reach and w not in STOPWORDS | NEGATIONS and not w.endswith("n't"):
            plain.setdefault(_stem(w), w)
    return negated, plain


def _negation_problems(body: str, cited: Sequence[str]) -> list[str]:
    negated, plain = _negated(body)
    spans = [_negated(text) for text in cited]
    problems = []
    added = [w for root, w in negated.items() if not any(root in neg for neg, _ in spans)]
    if added:
        problems.append(f"negation not in the cited text: not {', not '.join(added)}")
    # a word the sentence asserts that the cited spans only ever negate
    dropped = [
        w
        for root, w in plain.items()
        if root not in negated
        and any(root in neg for neg, _ in spans)
        and not any(root in pos for _, pos in spans)
    ]
    if dropped:
        problems.append(f"the cited text negates what the sentence asserts: {', '.join(dropped)}")
    return problems


def speakers(body: str) -> list[str]:
    """The named speakers a sentence attributes words to ("Peskov said", "said Peskov",
    "according to the Kremlin"), each as its last name word; pronouns are no speaker."""
    found: list[str] = []
    for pattern, group in ((_SAID_BY, 1), (_SAYS_NAME, 1), (_ACCORDING, 1)):
        for m in pattern.finditer(body):
            words = [w for w in _WORD.findall(m.group(group)) if w.casefold() not in STOPWORDS]
            if words and words[-1].casefold() not in PRONOUNS | CONNECTIVES:
                found.append(words[-1])
    return list(dict.fromkeys(found))


def _attribution_problems(body: str, cited: Sequence[str]) -> list[str]:
    problems = []
    for speaker in speakers(body):
        name = _stem(speaker)
        theirs = [
            text
            for text in cited
            if name in _bag(text)
            and (
                _bag(text) & {_stem(v) for v in SPEECH_VERBS}
                or _QUOTE_MARK.search(text)
                or _ACCORDING.search(text)
            )
        ]
        if not theirs:
            problems.append(f"attribution: no cited span has {speaker} saying anything")
            continue
        available = _bag(" ".join(theirs))
        content = [
            w
            for w in _WORD.findall(body)
            if w.casefold() not in STOPWORDS | SPEECH_VERBS | _ACCORDING_WORDS and not w.isdigit()
        ]
        found = sum(1 for w in content if _stem(w) in available)
        if content and found / len(content) < MIN_WORD_SUPPORT:
            problems.append(
                f"attribution: what is said is not in the cited words of {speaker} "
                f"({found} of {len(content)} content words)"
            )
    return problems


def _quotation_problems(body: str, source: str) -> list[str]:
    flat = _flat(source)
    missing = [
        piece.strip()
        for m in _QUOTED.finditer(body)
        for piece in m.group(1).split("…")
        if piece.strip() and _flat(piece) not in flat
    ]
    return [f"quotation not in the cited text: {missing[0][:60]!r}"] if missing else []


def _flat(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


_QUOTE_MARK = re.compile(r"[“”\"]")


def problem_kind(problem: str) -> str:
    """The rule a problem of `check_sentence` breaks, for counting why sentences fail:
    citation, frame, number, date, name, negation, attribution, quotation or support."""
    for prefix, kind in (
        ("no citation", "citation"),
        ("cites", "citation"),
        ("citation", "citation"),
        ("text does not start", "frame"),
        ("frame", "frame"),
        ("numbers", "number"),
        ("dates", "date"),
        ("names or numbers", "name"),
        ("negation", "negation"),
        ("the cited text negates", "negation"),
        ("attribution", "attribution"),
        ("quotation", "quotation"),
        ("only", "support"),
    ):
        if problem.startswith(prefix):
            return kind
    return "other"


def report_names(report: Report) -> dict[str, set[str]]:
    """Per article id: its outlet, the outlet's label in prose (`outlet_labels`: "Source A"
    for a file stem) and the names of the story entities it mentions."""
    names: dict[str, set[str]] = {a.id: {a.source} for a in report.articles}
    source = {a.id: a.source for a in report.articles}
    for story in report.stories:
        members = [(i, source[i]) for i in story.article_ids if i in source]
        for article_id, label in outlet_labels(members).items():
            names[article_id].add(label)
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
