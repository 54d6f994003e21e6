"""`report.html`: one standalone page per report (no fonts, scripts or styles from the network).

Input: the `report.json` dict. Output: the page, one part per story with a table of contents:
the brief, whose every sentence carries numbered citations (hovering or clicking one shows
the cited passage in its context; without JavaScript the brief's footnotes are open below
it, and each table and answer lists its own), the suggested questions with their
pre-computed answers folded under them, the timeline, the positions matrix, where the
outlets disagree, the claims table, the framing charts and coverage, the attributed quotes
and the articles with their full text.

Everything that comes from an article or the report is escaped, attribute values too, so
markup inside an article shows as text; the page's one script (`page_parts.SCRIPT`) is a
constant and carries no data. Fields a report from an older run lacks show as empty
sections with a note.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsprism.render.page_parts import (
    SCRIPT,
    STYLE,
    Citations,
    Json,
    Outlets,
    StoryView,
    esc,
    format_span,
    muted,
)
from newsprism.render.page_prose import brief_html, questions_html, timeline_html
from newsprism.render.page_tables import (
    articles_html,
    claims_html,
    disagreements_html,
    framing_html,
    matrix_html,
    quotes_html,
)

# The list a contents entry counts.
_COUNTED = {"questions": "answers", "positions": "matrix", "articles": "article_ids"}


def render_html(report: Mapping[str, Any]) -> str:
    articles: dict[str, Json] = {a["id"]: a for a in report.get("articles") or []}
    stories: list[Json] = list(report.get("stories") or [])
    level = 1 if len(stories) == 1 else 2
    body = [_page_head(report, stories, articles)]
    body += [_story(story, i, articles, level) for i, story in enumerate(stories)]
    body.append(_leftovers(report))
    title = stories[0].get("title") if len(stories) == 1 else None
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width,initial-scale=1'>"
        f"<title>{esc(title or 'newsprism report')}</title><style>{STYLE}</style></head>"
        f"<body><div class=wrap>{''.join(body)}</div><script>{SCRIPT}</script></body></html>\n"
    )


# ---------------------------------------------------------------- page and story frame


def _page_head(report: Mapping[str, Any], stories: list[Json], articles: dict[str, Json]) -> str:
    run = report.get("run") or {}
    facts = [_plural(len(articles), "article")]
    if run.get("exact_duplicates"):
        facts.append(_plural(run["exact_duplicates"], "exact duplicate") + " dropped")
    if run.get("near_duplicates"):
        facts.append(_plural(run["near_duplicates"], "copy", "copies") + " marked")
    head = f"<p class=brand>newsprism report · {esc(' · '.join(facts))}</p>"
    if len(stories) == 1:
        return head
    if not stories:
        return head + "<h1>No stories</h1><p class=note>No article was grouped into a story.</p>"
    items = "".join(
        f"<li><a href='#s{i + 1}'>{esc(s.get('title') or 'Untitled story')}</a> "
        f"{muted(_story_facts(s))}</li>"
        for i, s in enumerate(stories)
    )
    return head + f"<h1>{len(stories)} stories</h1><ol class=stories>{items}</ol>"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _story_facts(story: Json) -> str:
    n = len(story.get("article_ids") or [])
    outlets = len(story.get("sources") or [])
    independent = story.get("size", n)
    facts = [_plural(n, "article"), _plural(outlets, "outlet")]
    if independent != n:
        facts[0] += f" ({independent} independent)"
    span = story.get("published") or {}
    days = format_span(span.get("first"), span.get("last"))
    if days:
        facts.append(days)
    return " · ".join(facts)


def _story(story: Json, index: int, articles: dict[str, Json], level: int) -> str:
    prefix = f"s{index + 1}"
    members = [articles[i] for i in story.get("article_ids") or [] if i in articles]
    names = story.get("sources") or sorted({a["source"] for a in members})
    outlets = Outlets(names, articles)
    cites = Citations(prefix, articles, outlets)
    ctx = StoryView(story, prefix, articles, outlets, cites, level + 1)
    sections = [
        ("brief", "Brief", brief_html(ctx)),
        ("questions", "Questions", questions_html(ctx)),
        ("timeline", "Timeline", timeline_html(ctx)),
        ("positions", "Positions", matrix_html(ctx)),
        ("disagreements", "Disagreements", disagreements_html(ctx)),
        ("claims", "Claims", claims_html(ctx)),
        ("framing", "Framing", framing_html(ctx)),
        ("quotes", "Quotes", quotes_html(ctx)),
        ("articles", "Articles", articles_html(ctx, members)),
    ]
    toc = "".join(
        f"<li><a href='#{prefix}-{key}'>{title}{_count(ctx, key)}</a></li>"
        for key, title, _ in sections
    )
    h = level
    head = (
        f"<header class=story-head><h{h}>{esc(story.get('title') or 'Untitled story')}</h{h}>"
        f"<p class=facts>{esc(_story_facts(story))}</p>"
        f"<p class=outlets>{outlets.badges(names)}</p>{_check(story)}</header>"
    )
    nav = f"<nav class=toc aria-label='Contents'><ol>{toc}</ol></nav>"
    body = "".join(
        f"<section id='{prefix}-{key}' class='part {key}'><h{h + 1} class=part-h>{title}"
        f"</h{h + 1}>{html}</section>"
        for key, title, html in sections
    )
    body = f"<div class=story-body>{body}</div>"
    return f"<article class=story id={prefix}>{head}{nav}{body}</article>"


def _count(ctx: StoryView, key: str) -> str:
    """How many items a contents entry leads to (nothing for the brief)."""
    if key == "brief":
        return ""
    n = len(ctx.items(_COUNTED.get(key, key)))
    if key == "questions":
        n = n or len(ctx.items("questions"))
    return f" <span class=n>{n}</span>" if n else ""


def _check(story: Json) -> str:
    check = (story.get("brief") or {}).get("check") or {}
    if not check.get("sentences"):
        return ""
    problems = check.get("problems") or []
    line = (
        f"Citation check: {int(check.get('passed', 0))} of {int(check['sentences'])} "
        "sentences supported by the passages they cite"
    )
    if not problems:
        return f"<p class=check>{esc(line)}.</p>"
    items = "".join(f"<li>{esc(p)}</li>" for p in problems)
    return f"<details class=check><summary>{esc(line)}</summary><ul>{items}</ul></details>"


def _leftovers(report: Mapping[str, Any]) -> str:
    out = []
    others = [a for a in report.get("articles") or [] if a.get("analysed") is False]
    if others:
        items = "".join(
            f"<li>{esc(a.get('source'))}: {esc(a.get('title') or '(no title)')} — "
            f"{esc(a.get('skip_reason'))}</li>"
            for a in others
        )
        out.append(f"<section class=part><h2>Stored, not analysed</h2><ul>{items}</ul></section>")
    skipped = (report.get("run") or {}).get("skipped") or []
    if skipped:
        items = "".join(
            f"<li><code>{esc(s.get('input'))}</code>: {esc(s.get('reason'))}</li>" for s in skipped
        )
        out.append(f"<section class=part><h2>Skipped inputs</h2><ul>{items}</ul></section>")
    return "".join(out)
