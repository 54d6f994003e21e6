"""The extractive brief on hand-built stories: candidate sentences trimmed and filtered,
round-robin selection over outlets without near-duplicates, the six sections in the contract's
order with a note where there is nothing to say, direct quotes in the voices, and vectors taken
from the cache so a second brief embeds nothing."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from newsprism.citations import check_sentence
from newsprism.compose.brief import SECTIONS, compose_sections, core_day, last_day
from newsprism.compose.selection import Selection, frame_names, round_robin
from newsprism.compose.units import Unit, find_units, trim_sentence, unit_vectors
from newsprism.model import (
    Annotation,
    Article,
    ArticleExtraction,
    BriefSection,
    DateValue,
    Entity,
    FoundClaim,
    Quote,
    Span,
    Story,
    TimelineEntry,
)
from support import WordEncoder

HERALD = (
    "The delegations signed a detainee agreement in Geneva on Thursday after two days of talks. "
    "However, the mediators said a wider ceasefire was still far away from any real deal. "
    "Who pays? "
    "Ministers will meet again in Vienna next month to discuss the harbour and its reopening."
)
WIRE = (
    "Negotiators from both countries agreed in Geneva to exchange forty six detainees this week. "
    'Minister Tomas Renaud said: "We will not give up the harbour under any circumstances." '
    "Both sides blamed each other for the blockade of the harbour that began in March."
)


def _article(key: str, source: str, text: str, day: str = "2025-09-12") -> Article:
    return Article(
        id=key,
        text=text,
        source=source,
        published=DateValue(value=day, granularity="day", kind="explicit"),
    )


def _sentences(article: Article) -> Annotation:
    """Sentences ending at ". ", "? ", '." ' or the end of the text, as spans."""
    spans, start, text = [], 0, article.text
    for i, ch in enumerate(text):
        closes = ch in ".?" or (ch == '"' and text[i - 1] == ".")
        if closes and (i + 1 == len(text) or text[i + 1] == " "):
            spans.append(article.span(start, i + 1))
            start = i + 2
    return Annotation(article_id=article.id, sentences=tuple(spans), mentions=(), times=())


def _claim(text: str, words: str, kind: str = "fact") -> FoundClaim:
    at = text.index(words)
    sentence_start = text.rfind(". ", 0, at) + 2 if ". " in text[:at] else 0
    return FoundClaim(
        span=(at, at + len(words)),
        sentence=(sentence_start, at + len(words)),
        kind=kind,
        hedged=False,
        negated=False,
        lemma="say",
    )


def _story() -> tuple[Story, list[Article], list[Annotation], list[ArticleExtraction]]:
    herald, wire = _article("h", "Herald", HERALD), _article("w", "Wire", WIRE)
    quote_words = "We will not give up the harbour under any circumstances."
    at = WIRE.index(quote_words)
    name_at = WIRE.index("Tomas Renaud")
    renaud = Entity(
        id="e-renaud",
        name="Tomas Renaud",
        kind="person",
        aliases=(),
        mentions=(wire.span(name_at, name_at + len("Tomas Renaud")),),
    )
    quote = Quote(
        id="q1",
        speaker="e-renaud",
        speaker_text="Tomas Renaud",
        cue="said",
        text=quote_words,
        direct=True,
        content=(wire.span(at, at + len(quote_words)),),
        evidence=(wire.span(WIRE.index("Minister"), at + len(quote_words) + 1),),
        sources=("w",),
    )
    story = Story(id="s", article_ids=("h", "w"), entities=(renaud,), quotes=(quote,))
    extractions = [
        ArticleExtraction(
            article_id="h",
            quotes=(),
            events=(),
            claims=(
                _claim(
                    HERALD, "a wider ceasefire was still far away from any real deal", "opinion"
                ),
                _claim(
                    HERALD,
                    "Ministers will meet again in Vienna next month to discuss the harbour",
                    "forecast",
                ),
            ),
        ),
        ArticleExtraction(article_id="w", quotes=(), events=()),
    ]
    return story, [herald, wire], [_sentences(herald), _sentences(wire)], extractions


def test_trim_cuts_bullets_headings_and_leading_connectives() -> None:
    text = "• However, the talks resumed on Monday."
    start, end = trim_sentence(text, 0, len(text), ())
    assert text[start:end] == "the talks resumed on Monday."
    heading = "Background & History The war began in March."
    claim = _claim(heading, "The war began in March.")
    start, end = trim_sentence(heading, 0, len(heading), (claim,))
    assert heading[start:end] == "The war began in March."


def test_units_drop_questions_and_short_sentences_and_know_their_claims() -> None:
    story, articles, annotations, extractions = _story()
    units = find_units(story, {a.id: a for a in articles}, annotations, extractions)
    texts = [u.text for u in units]
    assert not any("Who pays?" in t for t in texts)  # a question is no candidate
    assert texts[1].startswith("the mediators said")  # "However, " trimmed off
    by_text = {u.text: u for u in units}
    forecast = next(u for t, u in by_text.items() if t.startswith("Ministers"))
    assert forecast.kinds == {"forecast"} and forecast.rank == 3
    quoted = next(u for t, u in by_text.items() if t.startswith("Minister Tomas"))
    assert quoted.quoted and quoted.entities == {"e-renaud"}
    for u in units:  # every unit is a verbatim slice of its article
        assert {a.id: a.text for a in articles}[u.article][u.start : u.end] == u.text


def test_a_copy_is_not_a_candidate() -> None:
    story, articles, annotations, extractions = _story()
    articles[1] = Article(id="w", text=WIRE, source="Wire", duplicate_of="h")
    units = find_units(story, {a.id: a for a in articles}, annotations, extractions)
    assert {u.article for u in units} == {"h"}


def test_pick_goes_round_the_outlets_and_skips_near_duplicates() -> None:
    def unit(article: str, source: str, row: int, centrality: float) -> Unit:
        return Unit(
            article=article,
            source=source,
            start=row * 10,
            end=row * 10 + 5,
            text="x" * 5,
            rank=row,
            centrality=centrality,
            row=row,
        )

    units = [unit("a", "A", 0, 0.9), unit("a", "A", 1, 0.8), unit("b", "B", 2, 0.1)]
    vectors: npt.NDArray[np.float32] = np.eye(3, dtype=np.float32)
    vectors[1] = vectors[0]  # the second A unit says what the first says
    selection = Selection(
        story=Story(id="s", article_ids=("a", "b")),
        articles={},
        units=units,
        vectors=vectors,
        timeline=(),
        names={},
    )
    chosen = selection.pick(units, lambda u: u.centrality, k=3)
    assert [u.row for u in chosen] == [0, 2]  # A's best, then B's, never A's duplicate
    assert selection.pick(units, lambda u: u.centrality, k=3) == []  # each serves once
    assert round_robin(["a1", "a2", "b1"], key=lambda s: s[0]) == ["a1", "b1", "a2"]


def test_sentence_keeps_only_what_the_checker_accepts() -> None:
    article = _article("h", "Herald", HERALD)
    selection = Selection(
        story=Story(id="s", article_ids=("h",)),
        articles={"h": article},
        units=[],
        vectors=np.zeros((0, 3), dtype=np.float32),
        timeline=(),
        names={"h": {"Herald"}},
    )
    span = article.span(0, HERALD.index(" on Thursday"))
    good = selection.sentence([span], HERALD[span.start : span.end], frame="According to Herald: ")
    assert good is not None and good.text.startswith("According to Herald: The delegations")
    invented = selection.sentence([span], "The delegations refused every agreement in Geneva")
    assert invented is None and len(selection.rejected) == 1


def test_sections_come_in_contract_order_each_citing_its_sources() -> None:
    story, articles, annotations, extractions = _story()
    sections, rejected = compose_sections(
        story, articles, annotations, extractions, (), WordEncoder()
    )
    assert [s.key for s in sections] == [key for key, _ in SECTIONS]
    texts = {a.id: a.text for a in articles}
    names = frame_names(story, articles)
    cited: list[Span] = []
    for section in sections:
        assert bool(section.sentences) != bool(section.note)  # a note only when empty
        for s in section.sentences:
            assert check_sentence(s, texts, names) == []
            cited += s.citations
    assert len(cited) == len(set(cited))  # a sentence serves one section only
    by_key = {s.key: s for s in sections}
    assert by_key["context"].sentences  # the leads
    (voice,) = by_key["perspectives"].sentences
    # the whole sentence that quotes the speaker, who is named in it: nothing in front
    assert (
        voice.text
        == 'Minister Tomas Renaud said: "We will not give up the harbour under any circumstances."'
    )
    assert voice.frame == ""
    # a forecast is led by its outlet, the one who speaks
    assert any(s.text.startswith("Herald expects: Ministers") for s in by_key["outlook"].sentences)
    assert by_key["background"].note  # no timeline: nothing dated before the story
    assert isinstance(rejected, tuple)


def test_a_second_brief_reads_its_vectors_from_the_cache() -> None:
    story, articles, annotations, extractions = _story()
    units = find_units(story, {a.id: a for a in articles}, annotations, extractions)

    class Cache:
        def __init__(self) -> None:
            self.kept: dict[str, npt.NDArray[np.float32]] = {}

        def get_text_vectors(self, keys: object) -> dict[str, npt.NDArray[np.float32]]:
            return {k: v for k, v in self.kept.items() if k in keys}  # type: ignore[operator]

        def put_text_vectors(self, items: object) -> None:
            self.kept.update(items)  # type: ignore[arg-type]

    cache, encoder = Cache(), WordEncoder()
    first = unit_vectors(units, encoder, cache)
    seen = len(encoder.seen)
    assert seen > 0 and first.shape == (len(units), 384)
    again = unit_vectors(units, encoder, cache)
    assert len(encoder.seen) == seen  # nothing embedded the second time
    assert np.allclose(first, again)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0)


def test_core_day_is_the_most_reported_day_near_publication() -> None:
    story, articles, _, _ = _story()

    def entry(date: str, *sources: str) -> TimelineEntry:
        return TimelineEntry(
            id=date, date=date, granularity="day", text="", sources=sources, evidence=()
        )

    timeline = [
        entry("2025-09-11", "h", "w"),
        entry("2025-09-10", "h"),
        entry("2024-01-01", "h", "w"),
    ]
    assert core_day(timeline, articles, story) == "2025-09-11"  # 2024 is too far back
    assert core_day([], articles, story) is None
    later = _article("w", "Wire", WIRE, day="2025-09-14")
    assert last_day([articles[0], later], story) == "2025-09-14"


def test_the_brief_keeps_to_its_word_budget_and_to_whole_sentences() -> None:
    from newsprism.compose.prose import sentence_faults

    story, articles, annotations, extractions = _story()
    full, _ = compose_sections(story, articles, annotations, extractions, (), WordEncoder())
    short, _ = compose_sections(
        story, articles, annotations, extractions, (), WordEncoder(), words=30
    )

    def words(sections: tuple[BriefSection, ...]) -> int:
        return sum(len(s.text.split()) for sec in sections for s in sec.sentences)

    assert words(short) <= 30 < words(full)
    for section in full:
        for s in section.sentences:  # every body a whole sentence, never a clause
            assert sentence_faults(s.text[len(s.frame) :]) == (), s.text


def test_the_newest_state_is_the_article_that_reports_the_latest_day() -> None:
    from newsprism.compose.brief import newest_articles

    story = Story(id="s", article_ids=("old", "preview", "report"))
    articles = [
        _article("old", "A", HERALD, day="2025-09-10"),
        _article("preview", "B", HERALD, day="2025-09-12"),
        _article("report", "C", WIRE, day="2025-09-12"),
    ]

    def unit(article: str, dates: set[str], kinds: set[str]) -> Unit:
        return Unit(
            article=article,
            source=article,
            start=0,
            end=1,
            text="x",
            rank=0,
            dates=dates,
            kinds=kinds,
        )

    units = [
        unit("old", {"2025-09-10"}, {"fact"}),
        unit("preview", {"2025-09-12"}, {"forecast"}),  # announces the day: not a report of it
        unit("preview", {"2025-09-09"}, {"fact"}),
        unit("report", {"2025-09-11"}, {"fact"}),  # reports the talks as held
    ]
    assert newest_articles(articles, story, units) == {"report"}


def _direct(article: Article, words: str, key: str) -> Quote:
    """A direct quote of `words` in the article, with no speaker resolved."""
    at = article.text.index(words)
    return Quote(
        id=key,
        speaker=None,
        speaker_text="",
        cue="said",
        text=words,
        direct=True,
        content=(article.span(at, at + len(words)),),
        evidence=(article.span(at, at + len(words)),),
        sources=(article.id,),
    )


def test_a_lead_with_a_short_quotation_introduces_the_story_a_quoted_voice_does_not() -> None:
    from newsprism.compose.brief import compose_sections

    post = _article(
        "p",
        "Post",
        "The governor threatened on Monday to close every harbour in the province unless the "
        'unions "stand down" within a week. '
        '"We will close every harbour in the province and we will not reopen them," the governor '
        "said on Monday. "
        'Officials fear "a long strike," he said to reporters at the harbour office on Monday.',
    )
    ledger = _article(
        "l",
        "Ledger",
        "Dock unions in the province voted on Monday to strike at every harbour next week. "
        "Union leaders called the vote a warning to the governor and his cabinet.",
    )
    quotes = tuple(
        _direct(post, words, f"q{k}")
        for k, words in enumerate(
            (
                "stand down",
                "We will close every harbour in the province and we will not reopen them,",
                "a long strike,",
            )
        )
    )
    story = Story(id="s", article_ids=("p", "l"), quotes=quotes)
    extractions = [ArticleExtraction(article_id=a.id, quotes=(), events=()) for a in (post, ledger)]
    sections, _ = compose_sections(
        story,
        [post, ledger],
        [_sentences(post), _sentences(ledger)],
        extractions,
        (),
        WordEncoder(),
    )
    context = [s.text for s in sections[0].sentences]
    # the lead reports the threat in the outlet's words: two quoted words do not make it a voice
    assert any(t.startswith("The governor threatened on Monday") for t in context)
    # mostly a quotation: a voice, not the introduction's narration
    assert not any(t.startswith('"We will close') for t in context)
    # "he said" with no one named before it: whose words, the reader cannot tell
    assert not any(t.startswith("Officials fear") for t in context)


def test_a_fact_several_outlets_state_is_written_in_the_words_they_share() -> None:
    from newsprism.compose.brief import compose_sections

    # three outlets report one vote; the first words it its own way, the other two agree on
    # "the senate voted on Tuesday to ban the sale of ..." — that wording is written, once,
    # citing every outlet that states the fact
    texts = {
        "a": (
            "A",
            "On Tuesday the senate, in a raucous session, voted to ban the sale of "
            "flavoured cigarettes and menthol cigarettes across the country.",
        ),
        "b": (
            "B",
            "The senate voted on Tuesday to ban the sale of flavoured cigarettes "
            "and menthol cigarettes across the whole country.",
        ),
        "c": (
            "C",
            "The senate voted on Tuesday to ban the sale of flavoured cigarettes and "
            "menthol cigarettes in every state of the country.",
        ),
    }
    # A is the newest report: it leads, but in the words the other outlets share
    articles = [
        _article(key, source, text, day="2025-09-13" if key == "a" else "2025-09-12")
        for key, (source, text) in texts.items()
    ]
    story = Story(id="s", article_ids=tuple(texts))
    extractions = [ArticleExtraction(article_id=a.id, quotes=(), events=()) for a in articles]
    sections, _ = compose_sections(
        story, articles, [_sentences(a) for a in articles], extractions, (), WordEncoder()
    )
    (fact,) = sections[0].sentences
    assert fact.text.startswith("The senate voted on Tuesday")
    assert set(fact.sources) == {"a", "b", "c"}


def test_a_forecast_naming_a_long_past_day_on_the_side_is_still_ahead() -> None:
    from dataclasses import replace

    from newsprism.compose.brief import compose_sections
    from newsprism.model import TimeMention

    times = "Ryan is to deliver the Whittington Lecture, named for a dean who died on September 11, 2001."
    # the leads and a second sentence introduce the story: the forecasts come third
    lead = "The budget committee met on Wednesday to debate the plan for the harbour."
    old = "The council was to vote on the harbour budget on April 20, 2012, the mayor said before."
    texts = {
        "t": (
            "Times",
            f"{lead} The members argued for hours about the cuts. {times}",
            "2012-04-25",
        ),
        "p": (
            "Post",
            f"{lead} Several members left the room in protest at the cuts. {old}",
            "2012-04-18",
        ),
    }
    articles, annotations = [], []
    for key, (source, text, day) in texts.items():
        article = _article(key, source, text, day=day)
        articles.append(article)
        dated = [
            TimeMention(
                span=article.span(text.index(words), text.index(words) + len(words)),
                text=words,
                value=value,
                granularity="day",
                type="DATE",
                kind="explicit",
            )
            for words, value in (
                ("September 11, 2001", "2001-09-11"),
                ("April 20, 2012", "2012-04-20"),
            )
            if words in text
        ]
        annotations.append(replace(_sentences(article), times=tuple(dated)))
    extractions = [
        ArticleExtraction(
            article_id=a.id,
            quotes=(),
            events=(),
            claims=(_claim(a.text, s, "forecast"),),
        )
        for a, s in zip(articles, (times, old), strict=True)
    ]
    story = Story(id="s", article_ids=tuple(texts))
    sections, _ = compose_sections(story, articles, annotations, extractions, (), WordEncoder())
    outlook = [s.text for s in sections[4].sentences]
    # 2001 is when the dean died, not when the lecture is: the lecture is still ahead
    assert any("Whittington Lecture" in t for t in outlook)
    # the vote foreseen for April 20 is past by the Times's report of April 25
    assert not any("harbour budget" in t for t in outlook)


def test_a_named_speakers_assessment_is_analysis_and_is_not_voiced_again() -> None:
    from newsprism.compose.brief import compose_sections

    lead = "The senate met on Monday to debate the harbour budget for the coming year."
    said = '"The budget will ruin the harbour towns for a decade," Marek said on Monday.'
    other = "The vote on the harbour budget was put off until the end of the month."
    texts = {"a": ("A", f"{lead} {other} {said}"), "b": ("B", f"{lead} {other} {said}")}
    articles = [_article(key, source, text) for key, (source, text) in texts.items()]
    quote_words = "The budget will ruin the harbour towns for a decade,"
    marek = Entity(
        id="e-marek",
        name="Marek",
        kind="person",
        aliases=(),
        mentions=tuple(
            a.span(a.text.index("Marek said"), a.text.index("Marek said") + 5) for a in articles
        ),
    )
    quotes = tuple(
        Quote(
            id=f"q-{a.id}",
            speaker="e-marek",
            speaker_text="Marek",
            cue="said",
            text=quote_words,
            direct=True,
            content=(a.span(a.text.index(quote_words), a.text.index(quote_words) + 53),),
            evidence=(a.span(a.text.index(said), a.text.index(said) + len(said)),),
            sources=(a.id,),
        )
        for a in articles
    )
    story = Story(id="s", article_ids=("a", "b"), entities=(marek,), quotes=quotes)
    extractions = [
        ArticleExtraction(
            article_id=a.id,
            quotes=(),
            events=(),
            claims=(_claim(a.text, quote_words[:-1], "opinion"),),
        )
        for a in articles
    ]
    sections, _ = compose_sections(
        story, articles, [_sentences(a) for a in articles], extractions, (), WordEncoder()
    )
    by_key = {s.key: [x.text for x in s.sentences] for s in sections}
    # the assessment is Analysis's, in the sentence that names who speaks
    assert by_key["analysis"] == [said]
    # the other outlet's copy of the same sentence is not said again as a voice
    assert said not in by_key["perspectives"]
