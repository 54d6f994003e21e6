"""The optional LLM brief: the six sections in a model's own words, every sentence verified
against the passages it cites, the extractive sentences kept wherever too little survives.

    story = write_brief(story, articles, endpoint, cache)   # after compose_story

Input: a story after compose (its extractive brief, claims with status and voices, positions,
quotes, timeline, contradictions) and its articles; an `llm.Endpoint` and a reply cache.
Output: the story with its brief rewritten section by section, each sentence labelled with its
writer (`llm:<model>` or `extractive`), and `brief.llm` saying what was generated, kept,
rejected and why; the rejected are also counted in `brief.rejected` (`brief.check`).

What the model gets: the story's high-confidence material as numbered passages (the spans the
extractive brief cites, then corroborated and contradicted claims, positions, named speakers'
quotes, timeline entries, single-source facts), a list of facts that name their passages
(claim status and outlets, positions, speakers, dates, both sides of each contradiction) and
the extractive draft's passages per section. All of it sits between the source delimiters; the
instructions say that nothing there is an instruction (`llm.RULES`).

What it returns: JSON, per section a list of {text, passages}. Each sentence must pass the
citation checker (`llm.verify_written`). A section keeps the model's sentences when at least
`MIN_KEPT_SHARE` of them (and at least one) survive; otherwise its extractive sentences stay.
When the endpoint is down or replies with something unusable, the whole brief stays extractive
and `brief.llm.error` holds the one line that says why.

Known limits: one request per story (the prompt grows with the story up to `llm.MAX_SOURCES`
passages); what the model leaves out is not noticed, only what it gets wrong.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from newsprism.compose.brief import SECTIONS
from newsprism.compose.selection import frame_names
from newsprism.compose.timeline import reader_timeline
from newsprism.llm import (
    RULES,
    SENTENCES_SCHEMA,
    Endpoint,
    LLMUnavailable,
    ResponseCache,
    Source,
    number_sources,
    request_json,
    sources_block,
    verify_written,
    written_sentences,
)
from newsprism.model import Article, Brief, BriefSection, Span, Story, WriterOutcome

MIN_KEPT_SHARE = 0.5
SINGLE_SOURCE_FACTS = 12
SECTION_KINDS = {
    "context": "fact",
    "background": "fact",
    "stakeholders": "attributed",
    "analysis": "attributed",
    "outlook": "forecast",
    "perspectives": "attributed",
}
GUIDES = {
    "context": "what happened, when, where and who took part: the core event (2-5 sentences)",
    "background": "what came before the story's own days, in date order (0-5 sentences)",
    "stakeholders": "each main actor and what it demands, offers or rejects (2-8 sentences)",
    "analysis": "the outlets' own assessments, and where the outlets disagree, both sides "
    "(0-5 sentences)",
    "outlook": "what is scheduled or forecast next (0-5 sentences)",
    "perspectives": "what named officials and experts said, attributed to them (0-6 sentences)",
}
BRIEF_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "sections": {
            "type": "object",
            "properties": {key: SENTENCES_SCHEMA for key, _ in SECTIONS},
            "required": [key for key, _ in SECTIONS],
            "additionalProperties": False,
        }
    },
    "required": ["sections"],
    "additionalProperties": False,
}


def write_brief(
    story: Story,
    articles: Sequence[Article],
    endpoint: Endpoint,
    cache: ResponseCache | None = None,
) -> Story:
    """The story with its brief rewritten by the endpoint where the writing survives
    verification (see the module docstring); unchanged but for `brief.llm` when it fails."""
    brief = story.brief or Brief(sections=())
    by_id = {a.id: a for a in articles}
    sources, withheld = number_sources(_candidates(story, brief, by_id))
    outcome = WriterOutcome(writer=endpoint.writer, withheld=len(withheld))
    if not sources:
        outcome = replace(outcome, error="the story has no passages to give the model")
        return replace(story, brief=replace(brief, llm=outcome))
    messages = [
        {"role": "system", "content": RULES},
        {"role": "user", "content": brief_prompt(story, brief, by_id, sources)},
    ]
    try:
        data, cached = request_json(endpoint, messages, BRIEF_SCHEMA, "brief", cache)
        written = _sections(data, endpoint)
    except LLMUnavailable as exc:
        return replace(story, brief=replace(brief, llm=replace(outcome, error=str(exc))))
    texts = {a.id: a.text for a in articles}
    names = frame_names(story, articles)
    sections: list[BriefSection] = []
    rejected: list[str] = []
    kinds: Counter[str] = Counter()
    fallback: list[str] = []
    generated = kept = 0
    for section in brief.sections:
        mine = written.get(section.key, [])
        verified = verify_written(
            mine,
            sources,
            texts,
            writer=endpoint.writer,
            kind=SECTION_KINDS.get(section.key, "fact"),
            names=names,
        )
        generated += len(mine)
        rejected += [f"llm {section.key}: {r}" for r in verified.rejected]
        kinds.update(verified.kinds)
        enough = max(1, math.ceil(MIN_KEPT_SHARE * len(mine)))
        if len(verified.kept) >= enough:
            kept += len(verified.kept)
            sections.append(replace(section, sentences=verified.kept, note=None))
        else:
            fallback.append(section.key)
            sections.append(section)
    outcome = replace(
        outcome,
        generated=generated,
        kept=kept,
        rejected=tuple(rejected),
        rejected_by=tuple(sorted(kinds.items())),
        fallback=tuple(fallback),
        cached=cached,
    )
    used = any(s.writer != "extractive" for section in sections for s in section.sentences)
    brief = replace(
        brief,
        sections=tuple(sections),
        generator=endpoint.writer if used else brief.generator,
        rejected=tuple(rejected) + brief.rejected,  # the model's first, so examples show them
        llm=outcome,
    )
    return replace(story, brief=brief)


def _sections(data: Any, endpoint: Endpoint) -> dict[str, list[Any]]:
    sections = data.get("sections") if isinstance(data, dict) else None
    if not isinstance(sections, dict):
        raise LLMUnavailable(
            f'{endpoint.url} ({endpoint.model}) returned JSON of another shape (no "sections" '
            "object)"
        )
    return {
        key: written_sentences(sections.get(key, []), f"sections.{key}", endpoint)
        for key, _ in SECTIONS
    }


def brief_prompt(
    story: Story, brief: Brief, articles: dict[str, Article], sources: Sequence[Source]
) -> str:
    """The user message: the task, then the facts and passages inside the delimiters."""
    number = {s.span: s.number for s in sources}
    facts = _facts(story, articles, number)
    draft = [
        f"- {section.key}: "
        + ", ".join(
            f"P{n}"
            for n in dict.fromkeys(
                number[c] for s in section.sentences for c in s.citations if c in number
            )
        )
        for section in brief.sections
        if any(c in number for s in section.sentences for c in s.citations)
    ]
    outlets = sorted(
        {
            f"{a.source} ({a.published.value})" if a.published else a.source
            for a in articles.values()
            if a.id in story.article_ids and not a.duplicate_of
        }
    )
    guide = "\n".join(f"- {key} ({title}): {GUIDES[key]}" for key, title in SECTIONS)
    block = sources_block(
        sources,
        [
            "Facts newsprism found in the articles (each names the passages that state it):",
            *facts,
            "Passages the extractive draft of each section rests on:",
            *draft,
            "Passages:",
        ],
    )
    return (
        f"Write a news brief of one story from {len(outlets)} outlets: "
        f"{'; '.join(outlets)}.\n"
        f"Sections:\n{guide}\n"
        "Use only the passages below. Fewer sentences are better than a sentence the "
        "passages do not state.\n"
        f"{block}\n"
        'Reply as JSON: {"sections": {"context": [{"text": "...", "passages": [1, 4]}], '
        '"background": [], "stakeholders": [], "analysis": [], "outlook": [], '
        '"perspectives": []}}'
    )


def _candidates(
    story: Story, brief: Brief, articles: dict[str, Article]
) -> Iterable[tuple[Span, str, str, str | None]]:
    """The passages worth giving, most important first."""

    def item(span: Span) -> tuple[Span, str, str, str | None] | None:
        a = articles.get(span.article_id)
        if a is None or not (0 <= span.start < span.end <= len(a.text)):
            return None
        text = a.text[span.start : span.end].strip()
        if not text:
            return None
        return (
            span,
            a.text[span.start : span.end],
            a.source,
            a.published.value if a.published else None,
        )

    entity = {e.id: e for e in story.entities}
    spans: list[Span] = [
        c for section in brief.sections for s in section.sentences for c in s.citations
    ]
    claims = sorted(story.claims, key=lambda c: (-c.voices, c.id))
    spans += [
        e for c in claims if c.reader_status == "corroborated" for e in _per_outlet(c.evidence, 2)
    ]
    spans += [c.evidence[0] for c in claims if c.reader_status == "contradicted" and c.evidence]
    spans += [p.evidence[0] for p in story.positions if p.evidence and p.actor in entity]
    spans += [
        q.evidence[0]
        for q in story.quotes
        if q.direct and q.evidence and (q.speaker in entity or q.speaker_text[:1].isupper())
    ]
    spans += [e.evidence[0] for e in reader_timeline(story.timeline) if e.evidence]
    singles = [c for c in claims if c.reader_status == "single_source" and c.kind == "fact"]
    spans += [c.evidence[0] for c in singles[:SINGLE_SOURCE_FACTS] if c.evidence]
    for span in spans:
        found = item(span)
        if found:
            yield found


def _per_outlet(evidence: Sequence[Span], k: int) -> list[Span]:
    """Up to k spans, one per article."""
    out: dict[str, Span] = {}
    for span in evidence:
        out.setdefault(span.article_id, span)
    return list(out.values())[:k]


def _facts(story: Story, articles: dict[str, Article], number: dict[Span, int]) -> list[str]:
    """One line per fact naming its passages; facts none of whose passages were given are
    left out."""

    def refs(spans: Iterable[Span]) -> str:
        return ", ".join(dict.fromkeys(f"P{number[s]}" for s in spans if s in number))

    def outlets(ids: Iterable[str]) -> str:
        return ", ".join(dict.fromkeys(articles[i].source for i in ids if i in articles))

    entity = {e.id: e.name for e in story.entities}
    by_id = {c.id: c for c in story.claims}
    lines: list[str] = []
    for c in sorted(story.claims, key=lambda c: (-c.voices, c.id)):
        where = refs(c.evidence)
        if not where:
            continue
        if c.reader_status == "contradicted":
            for f in c.conflicts:
                other = by_id.get(f.claim)
                if other is None or other.reader_status != "contradicted" or c.id > f.claim:
                    continue  # each pair once
                theirs = refs(other.evidence)
                if theirs:
                    lines.append(
                        f"- contradiction on the {f.slot}: {f.value} ({outlets(c.sources)}; "
                        f"{where}) against {f.other_value} ({outlets(other.sources)}; {theirs})"
                    )
        elif c.reader_status == "corroborated":
            lines.append(
                f"- {c.kind}, corroborated by {c.voices} outlets ({outlets(c.sources)}): {where}"
            )
        else:
            lines.append(f"- {c.kind}, single source ({outlets(c.sources)}): {where}")
    for p in story.positions:
        where = refs(p.evidence)
        if where and p.actor in entity:
            lines.append(f"- position of {entity[p.actor]} ({p.kind}): {where}")
    for q in story.quotes:
        where = refs(q.evidence)
        speaker = entity.get(q.speaker or "") or q.speaker_text
        if where and q.direct and speaker:
            lines.append(f"- direct quote of {speaker}: {where}")
    for e in reader_timeline(story.timeline):  # a date the builder is unsure of is no fact
        where = refs(e.evidence[:1])
        if where:
            note = " (background)" if e.background else ""
            lines.append(f"- dated {e.date}{note}: {where}")
    return lines
