"""`report.json`: the public contract that tests, benchmarks and other tools read.

Field names are fixed by `../shared/DESIGN.md`; fields may be added, never renamed or dropped
without bumping `SCHEMA`. `report.schema.json` beside this module is the JSON Schema of it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from newsprism.model import (
    Answer,
    Article,
    Brief,
    CitedSentence,
    IngestSummary,
    Span,
    Story,
    TimelineEntry,
    WriterOutcome,
)

SCHEMA = "newsprism.report/1"

# Story fields that later stages fill; an empty list means "not produced", never "invented".
STORY_LISTS = (
    "entities",
    "times",
    "timeline",
    "events",
    "quotes",
    "positions",
    "claims",
    "framing",
    "questions",
)


def span_dict(span: Span) -> dict[str, Any]:
    return span.as_dict()


def article_dict(article: Article) -> dict[str, Any]:
    published = article.published
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "published": published.value if published else None,
        "published_granularity": published.granularity if published else None,
        "published_inferred": article.published_inferred,
        "published_evidence": [span_dict(s) for s in article.published_evidence],
        "language": article.language,
        "analysed": article.analysed,
        "skip_reason": article.skip_reason,
        "author": article.author,
        "input": article.input,
        "text": article.text,
        "duplicate_of": article.duplicate_of,
        "duplicate_similarity": article.similarity,
    }


def story_dict(story: Story, articles: dict[str, Article]) -> dict[str, Any]:
    members = [articles[i] for i in story.article_ids if i in articles]
    independent = [a for a in members if not a.duplicate_of]
    data: dict[str, Any] = {
        "id": story.id,
        "title": story.title,
        "article_ids": list(story.article_ids),
        "sources": sorted({a.source for a in members}),
        "independent_sources": sorted({a.source for a in independent}),
        "size": len(independent),
        "singleton": len(independent) == 1,
        "published": _date_span(independent),
        "merged_from": list(story.merged_from),
    }
    data.update({name: [] for name in STORY_LISTS})
    data["entities"] = [
        {
            "id": e.id,
            "name": e.name,
            "kind": e.kind,
            "aliases": list(e.aliases),
            "mentions": [span_dict(s) for s in e.mentions],
        }
        for e in story.entities
    ]
    data["times"] = [
        {
            "span": span_dict(t.span),
            "text": t.text,
            "value": t.value,
            "granularity": t.granularity,
            "kind": t.kind,
            "type": t.type,
            "range": f"{t.range_start}/{t.range_end}" if t.range_start and t.range_end else None,
            "mod": t.mod,
        }
        for t in story.times
    ]
    names = {e.id: e.name for e in story.entities}
    data["quotes"] = [
        {
            "id": q.id,
            "speaker": q.speaker,
            "speaker_name": names.get(q.speaker) if q.speaker else None,
            "speaker_text": q.speaker_text,
            "cue": q.cue,
            "text": q.text,
            "parts": [
                articles[s.article_id].cite(s) for s in q.content if s.article_id in articles
            ],
            "direct": q.direct,
            "content": [span_dict(s) for s in q.content],
            "evidence": [span_dict(s) for s in q.evidence],
            "speaker_span": span_dict(q.speaker_span) if q.speaker_span else None,
            "cue_span": span_dict(q.cue_span) if q.cue_span else None,
            "sources": list(q.sources),
        }
        for q in story.quotes
    ]
    data["events"] = [
        {
            "id": e.id,
            "type": e.type,
            "actor": e.actor,
            "target": e.target,
            "actor_text": e.actor_text,
            "target_text": e.target_text,
            "trigger": e.trigger,
            "date": e.date,
            "granularity": e.granularity,
            "mode": e.mode,
            "evidence": [span_dict(s) for s in e.evidence],
            "date_evidence": [span_dict(s) for s in e.date_evidence],
        }
        for e in story.events
    ]
    data["positions"] = [
        {
            "id": p.id,
            "actor": p.actor,
            "actor_name": names.get(p.actor),
            "kind": p.kind,
            "stance": p.stance,
            "evidence": [span_dict(s) for s in p.evidence],
            "stance_spans": [span_dict(s) for s in p.stance_spans],
            "sources": list(p.sources),
        }
        for p in story.positions
    ]
    data["claims"] = [
        {
            "id": c.id,
            "text": c.text,
            "kind": c.kind,
            "status": c.status,
            "sources": list(c.sources),
            "voices": c.voices,
            "evidence": [span_dict(s) for s in c.evidence],
            "conflicts_with": list(c.conflicts_with),
            "conflicts": [
                {"claim": f.claim, "slot": f.slot, "value": f.value, "other_value": f.other_value}
                for f in c.conflicts
            ],
            "attributed_to": c.attributed_to,
            "hedged": c.hedged,
        }
        for c in story.claims
    ]
    data["framing"] = [
        {
            "source": f.source,
            "actor": f.actor,
            "actor_name": names.get(f.actor),
            "articles": list(f.articles),
            "sentences": f.sentences,
            "tone": round(f.tone, 4),
            "quotes": f.quotes,
            "voice": round(f.voice, 4),
            "hedging": round(f.hedging, 4),
            "loaded": round(f.loaded, 4),
            "evidence": [span_dict(s) for s in f.evidence],
        }
        for f in story.framing
    ]
    data["coverage"] = [
        {
            "source": c.source,
            "articles": list(c.articles),
            "claims": c.claims,
            "exclusive": list(c.exclusive),
            "omitted": list(c.omitted),
        }
        for c in story.coverage
    ]
    source_of = {i: a.source for i, a in articles.items()}
    data["timeline"] = [timeline_dict(e, source_of) for e in story.timeline]
    data["brief"] = brief_dict(story.brief)
    questions = story.brief.questions if story.brief else ()
    data["questions"] = [a.question for a in questions]
    data["answers"] = [answer_dict(a) for a in questions]
    data["matrix"] = [
        {
            "actor": row.actor,
            "actor_name": names.get(row.actor),
            "demands": list(row.demands),
            "offers": list(row.offers),
            "red_lines": list(row.red_lines),
        }
        for row in (story.brief.matrix if story.brief else ())
    ]
    data["disagreements"] = _disagreements(story, source_of)
    return data


def cited_dict(s: CitedSentence) -> dict[str, Any]:
    return {
        "text": s.text,
        "citations": [span_dict(c) for c in s.citations],
        "frame": s.frame,
        "kind": s.kind,
        "sources": list(s.sources),
        "writer": s.writer,
    }


def writer_dict(outcome: WriterOutcome | None) -> dict[str, Any] | None:
    """What the optional LLM writer did (None when none was asked)."""
    if outcome is None:
        return None
    return {
        "writer": outcome.writer,
        "generated": outcome.generated,
        "kept": outcome.kept,
        "rejected": len(outcome.rejected),
        "rejected_by": dict(outcome.rejected_by),
        "rejected_examples": list(outcome.rejected[:10]),
        "fallback_sections": list(outcome.fallback),
        "withheld_passages": outcome.withheld,
        "cached": outcome.cached,
        "error": outcome.error,
    }


def brief_dict(brief: Brief | None) -> dict[str, Any]:
    if brief is None:
        return {"sections": []}
    sentences = [s for section in brief.sections for s in section.sentences]
    return {
        "sections": [
            {
                "key": section.key,
                "title": section.title,
                "sentences": [cited_dict(s) for s in section.sentences],
                "note": section.note,
            }
            for section in brief.sections
        ],
        "generator": brief.generator,
        # composing keeps only sentences that pass (and counts the candidates it turned
        # away); write_report checks the whole report again
        "check": {
            "sentences": len(sentences),
            "passed": len(sentences),
            "problems": [],
            "rejected": len(brief.rejected),
            "rejected_examples": list(brief.rejected[:10]),
        },
    } | ({"llm": writer_dict(brief.llm)} if brief.llm else {})


def answer_dict(answer: Answer) -> dict[str, Any]:
    return {
        "question": answer.question,
        "refused": answer.refused,
        "value": answer.value,
        "value_kind": answer.value_kind,
        "disagreement": answer.disagreement,
        "sentences": [cited_dict(s) for s in answer.sentences],
        "follow_ups": list(answer.follow_ups),
        "story_id": answer.story_id,
    } | ({"llm": writer_dict(answer.llm)} if answer.llm else {})


def timeline_dict(e: TimelineEntry, source_of: dict[str, str]) -> dict[str, Any]:
    return {
        "id": e.id,
        "date": e.date,
        "granularity": e.granularity,
        "text": e.text,
        "sources": list(e.sources),
        "outlets": list(dict.fromkeys(source_of.get(s, s) for s in e.sources)),
        "evidence": [span_dict(s) for s in e.evidence],
        "background": e.background,
        "conflicts": [
            {
                "date": c.date,
                "granularity": c.granularity,
                "sources": list(c.sources),
                "outlets": list(dict.fromkeys(source_of.get(s, s) for s in c.sources)),
                "evidence": [span_dict(s) for s in c.evidence],
            }
            for c in e.conflicts
        ],
        "events": list(e.events),
    }


def _disagreements(story: Story, source_of: dict[str, str]) -> list[dict[str, Any]]:
    """Each pair of contradicting claims once: the slot and both sides with their outlets."""
    by_id = {c.id: c for c in story.claims}
    out = []
    for c in story.claims:
        for f in c.conflicts:
            other = by_id.get(f.claim)
            if other is None or c.id > other.id:
                continue
            out.append(
                {
                    "slot": f.slot,
                    "sides": [
                        {
                            "claim": claim.id,
                            "text": claim.text,
                            "value": value,
                            "sources": list(claim.sources),
                            "outlets": list(
                                dict.fromkeys(source_of.get(s, s) for s in claim.sources)
                            ),
                            "evidence": [span_dict(s) for s in claim.evidence],
                        }
                        for claim, value in ((c, f.value), (other, f.other_value))
                    ],
                }
            )
    return out


def _date_span(articles: Sequence[Article]) -> dict[str, str | None]:
    days = sorted(a.published.value for a in articles if a.published)
    return {"first": days[0] if days else None, "last": days[-1] if days else None}


def report_dict(
    articles: Sequence[Article], stories: Sequence[Story], summary: IngestSummary
) -> dict[str, Any]:
    by_id = {a.id: a for a in articles}
    return {
        "schema": SCHEMA,
        "articles": [article_dict(a) for a in articles],
        "stories": [story_dict(s, by_id) for s in stories],
        "run": {
            "read": summary.read,
            "new": summary.new,
            "already_stored": summary.already_stored,
            "exact_duplicates": summary.exact_duplicates,
            "near_duplicates": summary.near_duplicates,
            "not_analysed": summary.not_analysed,
            "skipped": [{"input": s.input, "reason": s.reason} for s in summary.skipped],
        },
    }


@functools.lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of `report.json`."""
    text = resources.files("newsprism.render").joinpath("report.schema.json").read_text("utf-8")
    return dict(json.loads(text))
