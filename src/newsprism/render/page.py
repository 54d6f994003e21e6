"""`report.html`: one standalone page per report (no fonts, scripts or styles from the network).

Input: the `Report` record (`newsprism.report`). Output: the page, one part per story with a
table of contents: the brief, whose every sentence carries numbered citations (hovering or
clicking one shows the cited passage in its context; without JavaScript the brief's
footnotes are open below it, and each table and answer lists its own), the suggested
questions with their pre-computed answers folded under them, the timeline, the positions
matrix, where the outlets disagree, the claims table, the framing charts and coverage, the
attributed quotes and the articles with their full text.

Everything that comes from an article or the report is escaped, attribute values too, so
markup inside an article shows as text; the page's one script (`page_parts.SCRIPT`) is a
constant and carries no data. A part the report has nothing for (no brief, no claims, …)
shows as an empty section with a note.

`render_html(report)` writes the whole page; `story_html(story, articles)` one story's part
of it, and the parts' functions (`brief_html`, `timeline_html`, `claims_html`, …, each taking
a `StoryView.of(story, articles)`) one section each.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from newsprism.confidence import FLOORS, shown
from newsprism.render.page_parts import (
    SCRIPT,
    STYLE,
    ArticleLink,
    Citations,
    Outlets,
    StoryView,
    esc,
    format_span,
    muted,
)
from newsprism.render.page_prose import answer_part, brief_html, questions_html, timeline_html
from newsprism.render.page_tables import (
    articles_html,
    claims_html,
    disagreements_html,
    framing_html,
    matrix_html,
    quotes_html,
)
from newsprism.report import AnswerEntry, ArticleEntry, Report, StoryReport


def render_html(report: Report) -> str:
    """The page of `report`: a contents list when it holds several stories, one part per
    story, and the inputs that were stored but not analysed or skipped."""
    articles = {a.id: a for a in report.articles}
    stories = report.stories
    level = 1 if len(stories) == 1 else 2
    body = [_page_head(report, articles)]
    body += [
        story_html(story, articles, prefix=f"s{i + 1}", level=level)
        for i, story in enumerate(stories)
    ]
    body.append(_leftovers(report))
    title = stories[0].title if len(stories) == 1 else None
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width,initial-scale=1'>"
        f"<title>{esc(title or 'newsprism report')}</title><style>{STYLE}</style></head>"
        f"<body><div class=wrap>{''.join(body)}</div><script>{SCRIPT}</script></body></html>\n"
    )


# ---------------------------------------------------------------- page and story frame


def _page_head(report: Report, articles: Mapping[str, ArticleEntry]) -> str:
    run, stories = report.run, report.stories
    facts = [_plural(len(articles), "article")]
    if run.exact_duplicates:
        facts.append(_plural(run.exact_duplicates, "exact duplicate") + " dropped")
    if run.near_duplicates:
        facts.append(_plural(run.near_duplicates, "copy", "copies") + " marked")
    head = f"<p class=brand>newsprism report · {esc(' · '.join(facts))}</p>"
    if len(stories) == 1:
        return head
    if not stories:
        return head + "<h1>No stories</h1><p class=note>No article was grouped into a story.</p>"
    items = "".join(
        f"<li><a href='#s{i + 1}'>{esc(s.title or 'Untitled story')}</a> "
        f"{muted(_story_facts(s))}</li>"
        for i, s in enumerate(stories)
    )
    return head + f"<h1>{len(stories)} stories</h1><ol class=stories>{items}</ol>"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _story_facts(story: StoryReport) -> str:
    n = len(story.article_ids)
    facts = [_plural(n, "article"), _plural(len(story.sources), "outlet")]
    if story.size != n:
        facts[0] += f" ({story.size} independent)"
    days = format_span(story.published.first, story.published.last)
    if days:
        facts.append(days)
    return " · ".join(facts)


def story_html(
    story: StoryReport,
    articles: Mapping[str, ArticleEntry],
    prefix: str = "s1",
    level: int = 1,
    link: ArticleLink | None = None,
) -> str:
    """One story's part of the page: its heading (title at heading `level`, facts, outlets,
    merged-from history, citation check), a contents list with counts, and its sections,
    every HTML id starting with `prefix`. `articles` by id must hold the articles its spans
    point into. The web app's story page is this, with `link` pointing each article link at
    the article's own page: one rendering of a story for both."""
    ctx = StoryView.of(story, articles, prefix, level, link)
    sections = [  # key, title, html, how many items the contents entry leads to
        ("brief", "Brief", brief_html(ctx), 0),
        ("questions", "Questions", questions_html(ctx), len(story.answers or story.questions)),
        ("timeline", "Timeline", timeline_html(ctx), _shown_entries(story)),
        ("positions", "Positions", matrix_html(ctx), len(story.matrix)),
        ("disagreements", "Disagreements", disagreements_html(ctx), len(story.disagreements)),
        ("claims", "Claims", claims_html(ctx), len(story.claims)),
        ("framing", "Framing", framing_html(ctx), len(story.framing)),
        ("quotes", "Quotes", quotes_html(ctx), len(story.quotes)),
        ("articles", "Articles", articles_html(ctx), len(story.article_ids)),
    ]
    toc = "".join(
        f"<li><a href='#{prefix}-{key}'>{title}{_count(n)}</a></li>"
        for key, title, _, n in sections
    )
    h = level
    head = (
        f"<header class=story-head><h{h}>{esc(story.title or 'Untitled story')}</h{h}>"
        f"<p class=facts>{esc(_story_facts(story))}</p>"
        f"<p class=outlets>{ctx.outlets.badges(ctx.outlet_names)}</p>{_merged(story)}"
        f"{_check(story)}</header>"
    )
    nav = f"<nav class=toc aria-label='Contents'><ol>{toc}</ol></nav>"
    parts = [
        f"<section id='{prefix}-{key}' class='part {key}'><h{h + 1} class=part-h>{title}"
        f"</h{h + 1}>{html}</section>"
        for key, title, html, _ in sections
    ]
    # the brief and its sources lead; everything it left out follows, set apart
    details = (
        "<div class=details-head><p class=details-title>Details</p><p class=fine>Everything "
        "the brief leaves out: the questions the sources answer, the full timeline, every "
        "position, disagreement and claim, framing, quotes and the articles.</p></div>"
    )
    body = parts[0] + details + "".join(parts[1:])
    body = f"<div class=story-body>{body}</div>"
    return f"<article class=story id={prefix}>{head}{nav}{body}</article>"


def _shown_entries(story: StoryReport) -> int:
    """How many timeline entries a reader is shown (those at or above `FLOORS.timeline`)."""
    return sum(1 for e in story.timeline if shown(e.confidence, FLOORS.timeline))


def _count(n: int) -> str:
    """How many items a contents entry leads to (nothing when none)."""
    return f" <span class=n>{n}</span>" if n else ""


def answer_html(
    answer: AnswerEntry,
    articles: Mapping[str, ArticleEntry],
    prefix: str = "ask",
    link: ArticleLink | None = None,
) -> str:
    """An answer as a story page shows a suggested question's: the value, the cited
    sentences with their markers and the footnotes (follow-up questions are left to the
    caller, which makes them links that ask them). `articles` by id must hold the cited
    ones."""
    outlets = Outlets(sorted({a.source for a in articles.values()}), articles)
    notes = Citations(prefix, articles, outlets, link).notes("answer")
    body = answer_part(replace(answer, follow_ups=()), notes, {})
    return f"<div class=answer>{body}{notes.render(fold=False)}</div>"


def _merged(story: StoryReport) -> str:
    """The stories folded into this one as it grew (their ids), when there were any."""
    if not story.merged_from:
        return ""
    n = len(story.merged_from)
    return (
        f"<p class=merged>Merged from {_plural(n, 'earlier story', 'earlier stories')}: "
        f"{esc(', '.join(story.merged_from))}</p>"
    )


def _check(story: StoryReport) -> str:
    check = story.brief.check
    if check is None or not check.sentences:
        return ""
    line = (
        f"Citation check: {check.passed} of {check.sentences} "
        "sentences supported by the passages they cite"
    )
    if not check.problems:
        return f"<p class=check>{esc(line)}.</p>"
    items = "".join(f"<li>{esc(p)}</li>" for p in check.problems)
    return f"<details class=check><summary>{esc(line)}</summary><ul>{items}</ul></details>"


def _leftovers(report: Report) -> str:
    out = []
    others = [a for a in report.articles if not a.analysed]
    if others:
        items = "".join(
            f"<li>{esc(a.source)}: {esc(a.title or '(no title)')} — {esc(a.skip_reason)}</li>"
            for a in others
        )
        out.append(f"<section class=part><h2>Stored, not analysed</h2><ul>{items}</ul></section>")
    skipped = report.run.skipped
    if skipped:
        items = "".join(f"<li><code>{esc(s.input)}</code>: {esc(s.reason)}</li>" for s in skipped)
        out.append(f"<section class=part><h2>Skipped inputs</h2><ul>{items}</ul></section>")
    return "".join(out)
