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

from collections.abc import Mapping, Sequence
from typing import Any

from newsprism.render.page_parts import (
    SCRIPT,
    STYLE,
    ArticleLink,
    Citations,
    Notes,
    Outlets,
    cited_by_outlet,
    date_key,
    esc,
    format_date,
    format_span,
    muted,
    share_bar,
    signed,
    tone_bar,
)

Json = dict[str, Any]

# Brief sections whose sentences read best one to a line (views, not a narrative).
_LISTED = {"stakeholders", "perspectives"}
_STATUS = {
    "contradicted": "contradicted",
    "corroborated": "corroborated",
    "single_source": "single source",
}
_SLOT = {
    "date": "the date",
    "number": "the number",
    "elapsed": "when it last happened (from the time elapsed)",
    "negation": "whether it happened",
}
# What may end a sentence as printed.
_CLOSERS = frozenset('.!?…"”’)»')
# Framing cards shown open; the actors after them fold away.
_FRAMING_CARDS = 8
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


def render_story(report: Mapping[str, Any], story_id: str, link: ArticleLink | None = None) -> str:
    """One story of the report as the `<article>` element `render_html` would give it, with
    its heading at level 1: what the web app's story page shows (with `STYLE` and `SCRIPT`
    served beside it), so a story has one rendering in both. `link` sends each footnote's
    "article" link and each article's title to a page of its own instead of down the page."""
    articles: dict[str, Json] = {a["id"]: a for a in report.get("articles") or []}
    for i, story in enumerate(report.get("stories") or []):
        if story.get("id") == story_id:
            return _story(story, i, articles, 1, link)
    return _note(f"No story {story_id} in this report.")


def render_answer(
    answer: Mapping[str, Any],
    articles: Mapping[str, Json],
    prefix: str = "ask",
    link: ArticleLink | None = None,
) -> str:
    """An answer object (`answer_dict`) as the story page shows a suggested question's
    answer: the value, the cited sentences with their markers and the footnotes (the
    follow-up questions are left to the caller, which makes them links that ask them)."""
    outlets = Outlets(sorted({a["source"] for a in articles.values()}), articles)
    notes = Citations(prefix, dict(articles), outlets, link).notes("answer")
    body = _answer({**answer, "follow_ups": []}, notes, {})
    return f"<div class=answer>{body}{notes.render(fold=False)}</div>"


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


def _story(
    story: Json, index: int, articles: dict[str, Json], level: int, link: ArticleLink | None = None
) -> str:
    prefix = f"s{index + 1}"
    members = [articles[i] for i in story.get("article_ids") or [] if i in articles]
    names = story.get("sources") or sorted({a["source"] for a in members})
    outlets = Outlets(names, articles)
    cites = Citations(prefix, articles, outlets, link)
    ctx = _Story(story, prefix, articles, outlets, cites, level + 1)
    sections = [
        ("brief", "Brief", _brief(ctx)),
        ("questions", "Questions", _questions(ctx)),
        ("timeline", "Timeline", _timeline(ctx)),
        ("positions", "Positions", _matrix(ctx)),
        ("disagreements", "Disagreements", _disagreements(ctx)),
        ("claims", "Claims", _claims(ctx)),
        ("framing", "Framing", _framing(ctx)),
        ("quotes", "Quotes", _quotes(ctx)),
        ("articles", "Articles", _articles(ctx, members)),
    ]
    toc = "".join(
        f"<li><a href='#{prefix}-{key}'>{title}{_count(ctx, key)}</a></li>"
        for key, title, _ in sections
    )
    h = level
    head = (
        f"<header class=story-head><h{h}>{esc(story.get('title') or 'Untitled story')}</h{h}>"
        f"<p class=facts>{esc(_story_facts(story))}</p>"
        f"<p class=outlets>{outlets.badges(names)}</p>{_merged(story)}{_check(story)}</header>"
    )
    nav = f"<nav class=toc aria-label='Contents'><ol>{toc}</ol></nav>"
    body = "".join(
        f"<section id='{prefix}-{key}' class='part {key}'><h{h + 1} class=part-h>{title}"
        f"</h{h + 1}>{html}</section>"
        for key, title, html in sections
    )
    body = f"<div class=story-body>{body}</div>"
    return f"<article class=story id={prefix}>{head}{nav}{body}</article>"


def _count(ctx: _Story, key: str) -> str:
    """How many items a contents entry leads to (nothing for the brief)."""
    if key == "brief":
        return ""
    n = len(ctx.items(_COUNTED.get(key, key)))
    if key == "questions":
        n = n or len(ctx.items("questions"))
    return f" <span class=n>{n}</span>" if n else ""


class _Story:
    """What every section of one story needs."""

    def __init__(
        self,
        story: Json,
        prefix: str,
        articles: dict[str, Json],
        outlets: Outlets,
        cites: Citations,
        level: int,
    ) -> None:
        self.story = story
        self.prefix = prefix
        self.articles = articles
        self.outlets = outlets
        self.cites = cites
        self.sub = level + 1  # heading level inside a section

    def items(self, key: str) -> list[Json]:
        value = self.story.get(key)
        return list(value) if isinstance(value, list) else []

    def badges_of(self, article_ids: Sequence[str], names: Sequence[str] | None = None) -> str:
        return self.outlets.badges(names or self.outlets.of_articles(article_ids))


def _merged(story: Json) -> str:
    """The stories folded into this one as it grew (their ids), when there were any."""
    merged = [str(m) for m in story.get("merged_from") or []]
    if not merged:
        return ""
    return (
        f"<p class=merged>Merged from {_plural(len(merged), 'earlier story', 'earlier stories')}"
        f": {esc(', '.join(merged))}</p>"
    )


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


def _note(text: str) -> str:
    return f"<p class=note>{esc(text)}</p>"


# ---------------------------------------------------------------- brief and answers


def _frame(sentence: Mapping[str, Any]) -> str:
    """The sentence's lead-in, when its text really starts with it."""
    text, frame = str(sentence.get("text") or ""), str(sentence.get("frame") or "")
    return frame if frame and text.startswith(frame) else ""


def _as_sentence(text: str, capital: bool = True) -> str:
    """Verbatim words set as a sentence: a capital first letter (unless a lead-in comes
    first), and a full stop where the slice ends before its sentence's stop or at a comma."""
    text = text.strip()
    if text[-1:] in (",", ";", ":"):
        text = text[:-1]
    if text and text[-1] not in _CLOSERS:
        text += "."
    return text[:1].upper() + text[1:] if capital else text


def _sentence(
    sentence: Mapping[str, Any], notes: Notes, show_frame: bool = True, tag: bool = True
) -> str:
    """One cited sentence: its lead-in in grey (left out when the sentence before has the
    same one), its words, its citation markers and a tag for a disputed or forecast one."""
    text = str(sentence.get("text") or "")
    frame = _frame(sentence)
    kind = str(sentence.get("kind") or "fact")
    shown = frame if show_frame else ""
    rest = _as_sentence(text[len(frame) :], capital=not shown)
    label = {"disagreement": "disputed", "forecast": "forecast"}.get(kind, "") if tag else ""
    if label in frame.lower():
        label = ""
    return (
        f"<span class='s k-{esc(kind)}'>"
        + (f"<span class=frame>{esc(shown)}</span>" if shown else "")
        + f"{esc(rest)}{notes.marks(sentence.get('citations'))}"
        + (f" <span class=tag>{label}</span>" if label else "")
        + "</span>"
    )


def _sentences(sentences: Sequence[Mapping[str, Any]], notes: Notes, listed: bool) -> str:
    """A paragraph of sentences, or a list with one item per run of sentences that share a
    lead-in ("Russia: …"), which then shows once. Sentences that set one outlet's account
    against another's stand apart, one to a line, in a box marked as disputed."""
    blocks: list[tuple[bool, list[Mapping[str, Any]]]] = []
    for sentence in sentences:
        disputed = sentence.get("kind") == "disagreement"
        if blocks and blocks[-1][0] == disputed:
            blocks[-1][1].append(sentence)
        else:
            blocks.append((disputed, [sentence]))
    out = []
    for disputed, block in blocks:
        if disputed:
            lines = "".join(f"<p>{_sentence(s, notes, tag=False)}</p>" for s in block)
            out.append(
                "<div class='prose dispute'><p class=dispute-head>The outlets disagree</p>"
                f"{lines}</div>"
            )
            continue
        runs: list[list[Mapping[str, Any]]] = []
        for sentence in block:
            if runs and _frame(sentence) and _frame(sentence) == _frame(runs[-1][-1]):
                runs[-1].append(sentence)
            else:
                runs.append([sentence])
        html = [
            " ".join(_sentence(s, notes, show_frame=i == 0) for i, s in enumerate(run))
            for run in runs
        ]
        if listed:
            out.append("<ul class=prose>" + "".join(f"<li>{h}</li>" for h in html) + "</ul>")
        else:
            out.append("<p class=prose>" + " ".join(html) + "</p>")
    return "".join(out)


def _brief(ctx: _Story) -> str:
    brief = ctx.story.get("brief") or {}
    sections = [s for s in brief.get("sections") or [] if isinstance(s, dict)]
    if not sections:
        return _note("No brief was composed for this story.")
    notes = ctx.cites.notes("brief")
    out: list[str] = []
    for section in sections:
        key = str(section.get("key") or f"part{len(out)}")
        sentences = section.get("sentences") or []
        h = ctx.sub
        out.append(
            f"<h{h} class=sub-h id='{esc(ctx.prefix)}-brief-{esc(key)}'>"
            f"{esc(section.get('title'))}</h{h}>"
        )
        if sentences:
            out.append(_sentences(sentences, notes, key in _LISTED))
        else:
            out.append(_note(section.get("note") or "The sources give nothing for this section."))
    out.append(notes.render("Sources of the brief", fold=False))
    generator = brief.get("generator")
    if generator:
        out.append(
            f"<p class=fine>Written by the {esc(generator)} composer: each sentence's words, "
            "after any lead-in in grey, are taken from the passages it cites.</p>"
        )
    return "".join(out)


def _questions(ctx: _Story) -> str:
    answers = ctx.items("answers")
    questions = [str(q) for q in ctx.items("questions")]
    if not answers and not questions:
        return _note("No questions were suggested for this story.")
    asked = {str(a.get("question")) for a in answers}
    answers += [{"question": q, "missing": True} for q in questions if q not in asked]
    ids = {str(a.get("question")): f"{ctx.prefix}-q{i + 1}" for i, a in enumerate(answers)}
    out = [
        "<p class=fine>Answers were worked out from the sources when the report was written; "
        "open a question to read its answer.</p>"
    ]
    for i, answer in enumerate(answers):
        question = str(answer.get("question"))
        notes = ctx.cites.notes(f"q{i + 1}")
        out.append(
            f"<details class=qa id='{ids[question]}'><summary>{esc(question)}</summary>"
            f"<div class=answer>{_answer(answer, notes, ids)}{notes.render(fold=False)}</div>"
            "</details>"
        )
    return "".join(out)


def _answer(answer: Mapping[str, Any], notes: Notes, ids: Mapping[str, str]) -> str:
    if answer.get("missing"):
        return _note("No answer was worked out for this question.")
    out = []
    sentences = answer.get("sentences") or []
    if answer.get("refused"):
        out.append("<p class=refused>The sources don't say.</p>")
        if sentences:
            out.append("<p class=fine>The closest they come:</p>")
    elif answer.get("value"):
        value = str(answer["value"])
        shown = format_date(value) if answer.get("value_kind") == "date" else value
        out.append(f"<p class=value>Answer: <strong>{esc(shown)}</strong></p>")
    if answer.get("disagreement"):
        out.append("<p class=warn>The outlets answer differently; both sides are shown.</p>")
    if sentences:
        out.append(_sentences(sentences, notes, listed=True))
    follow = [str(f) for f in answer.get("follow_ups") or []]
    if follow:
        links = "".join(
            f"<li><a href='#{ids[f]}'>{esc(f)}</a></li>" if f in ids else f"<li>{esc(f)}</li>"
            for f in follow
        )
        out.append(f"<p class=fine>Follow-up questions the sources can answer:</p><ul>{links}</ul>")
    return "".join(out)


# ---------------------------------------------------------------- timeline


def _timeline(ctx: _Story) -> str:
    entries = sorted(ctx.items("timeline"), key=lambda e: date_key(e.get("date")))
    if not entries:
        return _note("No dated events were found in the sources.")
    notes = ctx.cites.notes("timeline")
    flags = [bool(e.get("background")) for e in entries]
    # One divider between the background and the story's days when the background comes
    # first, as it mostly does; otherwise each background entry carries its own tag.
    split = flags.index(False) if False in flags else len(flags)
    divided = any(flags) and not any(flags[split:])
    items, last_date = [], None
    for i, entry in enumerate(entries):
        if divided and i == 0:
            items.append("<li class=tl-sep><span>Background</span></li>")
        if divided and i == split and i:
            items.append("<li class=tl-sep><span>The story's days</span></li>")
        date = entry.get("date")
        items.append(_timeline_entry(ctx, entry, notes, date == last_date, not divided))
        last_date = date
    legend = (
        "<p class=fine>Each event in the words of the first outlet that dates it; the badges "
        "are every outlet reporting it. Grey entries are background, well before the story's "
        "days.</p>"
    )
    return f"{legend}<ol class=tl>{''.join(items)}</ol>{notes.render()}"


def _timeline_entry(ctx: _Story, entry: Json, notes: Notes, same: bool, tag: bool) -> str:
    classes = "tl-item" + (" bg" if entry.get("background") else "") + (" same" if same else "")
    label = " <span class=tag>background</span>" if tag and entry.get("background") else ""
    date = "" if same else esc(format_date(entry.get("date"), short=True))
    sources = entry.get("sources") or []
    badges = ctx.badges_of(sources, entry.get("outlets"))
    conflicts = "".join(
        f"<p class=conflict><span class=tag>dated differently</span> "
        f"<strong>{esc(format_date(c.get('date')))}</strong> according to "
        f"{cited_by_outlet(notes, ctx.outlets, c.get('evidence') or [])}"
        + ("" if c.get("evidence") else ctx.badges_of(c.get("sources") or []))
        + "</p>"
        for c in entry.get("conflicts") or []
    )
    return (
        f"<li class='{classes}'><div class=tl-date>{date}</div><div class=tl-body>"
        f"<p class=tl-text>{esc(_as_sentence(str(entry.get('text') or '')))}"
        f"{notes.marks(entry.get('evidence'))}{label}</p>"
        f"<p class=tl-meta>{badges}</p>{conflicts}</div></li>"
    )


# ---------------------------------------------------------------- positions matrix


def _matrix(ctx: _Story) -> str:
    rows = ctx.items("matrix")
    if not rows:
        return _note("No stakeholder positions were found in the sources.")
    positions = {p.get("id"): p for p in ctx.items("positions")}
    notes = ctx.cites.notes("positions")
    columns = (("demands", "Demands"), ("offers", "Offers"), ("red_lines", "Red lines"))
    head = "".join(f"<th scope=col>{title}</th>" for _, title in columns)
    body = []
    for row in rows:
        name = row.get("actor_name") or row.get("actor") or "unknown actor"
        cells = []
        for key, title in columns:
            stances = [positions[p] for p in row.get(key) or [] if p in positions]
            if not stances:
                cells.append(f"<td data-label='{title}' class=empty>{muted('—')}</td>")
                continue
            items = "".join(
                f"<li><span class=stance>“{esc(p.get('stance'))}”</span> "
                f"{cited_by_outlet(notes, ctx.outlets, _stance_spans(p))}"
                "</li>"
                for p in stances
            )
            cells.append(f"<td data-label='{title}'><ul class=cell>{items}</ul></td>")
        body.append(f"<tr><th scope=row>{esc(name)}</th>{''.join(cells)}</tr>")
    return (
        "<p class=fine>Each stance in one outlet's words; the badges are the outlets that "
        "report it.</p>"
        f"<div class=scroll><table class='tbl matrix stack'><thead><tr><th>Actor</th>{head}"
        f"</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        f"{notes.render()}"
    )


# ---------------------------------------------------------------- disagreements and claims


def _stance_spans(position: Mapping[str, Any]) -> list[Json]:
    return list(position.get("stance_spans") or position.get("evidence") or [])


def _disagreements(ctx: _Story) -> str:
    items = ctx.items("disagreements")
    if not items:
        return _note("The outlets do not contradict each other on any claim found.")
    notes = ctx.cites.notes("disagreements")
    cards = []
    for item in items:
        slot = str(item.get("slot") or "")
        sides = []
        for side in item.get("sides") or []:
            value = str(side.get("value") or "")
            shown = format_date(value) if slot in ("date", "elapsed") else value
            sides.append(
                f"<div class=side><p class=side-value>{esc(shown)}</p>"
                f"<p class=side-text>“{esc(side.get('text'))}”</p><p>"
                f"{cited_by_outlet(notes, ctx.outlets, side.get('evidence') or [])}"
                + ("" if side.get("evidence") else ctx.badges_of(side.get("sources") or []))
                + "</p></div>"
            )
        vs = "<div class=vs>vs</div>".join(sides)
        cards.append(
            f"<div class=dis><p class=dis-slot>They differ on: "
            f"<strong>{esc(_SLOT.get(slot, slot))}</strong></p><div class=sides>{vs}</div></div>"
        )
    return "".join(cards) + notes.render()


def _claims(ctx: _Story) -> str:
    claims = ctx.items("claims")
    if not claims:
        return _note("No claims were extracted from the sources.")
    by_id = {c.get("id"): c for c in claims}
    notes = ctx.cites.notes("claims")
    counts = {s: sum(c.get("status") == s for c in claims) for s in _STATUS}
    legend = " ".join(
        f"<span class='st st-{s}'>{label}</span> {counts[s]}" for s, label in _STATUS.items()
    )
    head = "<thead><tr><th>Status</th><th>Claim</th><th>Outlets</th></tr></thead>"
    out = [
        f"<p class=legend>{legend}</p><p class=fine>Corroborated: stated by two or more "
        "independent outlets. Contradicted: another outlet gives a different date, number or "
        "outcome.</p>"
    ]
    # Contradicted, then corroborated (and any other status), open; single-source folded.
    rank = {"contradicted": 0, "corroborated": 1, "single_source": 3}
    ordered = sorted(claims, key=lambda c: rank.get(str(c.get("status")), 2))
    groups = (
        [c for c in ordered if c.get("status") != "single_source"],
        [c for c in ordered if c.get("status") == "single_source"],
    )
    for folded, group in enumerate(groups):
        rows = [_claim_row(ctx, c, by_id, notes) for c in group]
        if not rows:
            continue
        table = f"<div class=scroll><table class='tbl claims stack'>{head}<tbody>"
        table += "".join(rows) + "</tbody></table></div>"
        if folded:
            n = len(rows)
            table = (
                f"<details class=more><summary>{n} single-source claims</summary>{table}</details>"
            )
        out.append(table)
    return "".join(out) + notes.render()


def _claim_row(ctx: _Story, claim: Json, by_id: Mapping[Any, Json], notes: Notes) -> str:
    status = str(claim.get("status") or "")
    label = _STATUS.get(status, status or "unknown")
    tags = [t for t in (claim.get("kind"), "hedged" if claim.get("hedged") else None) if t]
    tags_html = "".join(f" <span class=tag>{esc(t)}</span>" for t in tags if t != "fact")
    conflicts = []
    for f in claim.get("conflicts") or []:
        slot = str(f.get("slot") or "")
        dated = slot in ("date", "elapsed")
        mine, theirs = (
            (format_date(f.get(k)) if dated else str(f.get(k) or ""))
            for k in ("value", "other_value")
        )
        other = by_id.get(f.get("claim")) or {}
        who = ctx.badges_of(other.get("sources") or [])
        conflicts.append(
            f"<li>{esc(_SLOT.get(slot, slot))}: <strong>{esc(mine)}</strong> here, "
            f"<strong>{esc(theirs)}</strong> in {who or muted('another claim')}</li>"
        )
    conflict_html = f"<ul class=conflicts>{''.join(conflicts)}</ul>" if conflicts else ""
    voices = claim.get("voices")
    voice_html = (
        f"<br>{muted(f'{voices} independent')}" if isinstance(voices, int) and voices > 1 else ""
    )
    return (
        f"<tr class='row-{esc(status)}'><td data-label=Status><span class='st st-{esc(status)}'>"
        f"{esc(label)}</span></td><td data-label=Claim>“{esc(claim.get('text'))}”{tags_html}"
        f"{conflict_html}</td><td data-label=Outlets>"
        f"{cited_by_outlet(notes, ctx.outlets, claim.get('evidence') or [])}{voice_html}</td></tr>"
    )


# ---------------------------------------------------------------- framing and coverage


def _framing(ctx: _Story) -> str:
    rows = [f for f in ctx.items("framing") if isinstance(f, dict)]
    coverage = _coverage(ctx)
    if not rows:
        return _note("No framing measures for this story.") + coverage
    actors: dict[str, list[Json]] = {}
    for f in rows:
        actors.setdefault(str(f.get("actor_name") or f.get("actor")), []).append(f)
    ranked = sorted(
        actors.items(),
        key=lambda kv: (-len(kv[1]), -sum(int(f.get("sentences") or 0) for f in kv[1]), kv[0]),
    )
    top_sentences = max((int(f.get("sentences") or 0) for f in rows), default=0)
    cards = [_framing_card(ctx, name, fs, top_sentences) for name, fs in ranked]
    legend = (
        "<p class=fine>How each outlet writes about each actor. <b>Tone</b>: sentiment of the "
        "words around the actor's mentions, from −1 (hostile) through 0 to +1 (favourable). "
        "<b>Sentences</b>: how many of the outlet's sentences name the actor. <b>Voice</b>: "
        "the actor's share of the outlet's quotes. Actors named by the most outlets first.</p>"
    )
    shown = "".join(cards[:_FRAMING_CARDS])
    rest = cards[_FRAMING_CARDS:]
    more = (
        f"<details class=more><summary>{len(rest)} more actors</summary>"
        f"<div class=cards>{''.join(rest)}</div></details>"
        if rest
        else ""
    )
    return f"{legend}<div class=cards>{shown}</div>{more}{coverage}"


def _framing_card(ctx: _Story, actor: str, rows: list[Json], top: int) -> str:
    rows = sorted(rows, key=lambda f: str(f.get("source")))
    body = []
    for f in rows:
        tone = float(f.get("tone") or 0.0)
        sentences = int(f.get("sentences") or 0)
        voice = float(f.get("voice") or 0.0)
        body.append(
            f"<tr><th scope=row>{ctx.outlets.badge(f.get('source'))}</th>"
            f"<td class=num>{tone_bar(tone)} <span>{signed(tone)}</span></td>"
            f"<td class=num><span class=share>{share_bar(sentences, top, f'{sentences} sentences')}"
            f"</span> {sentences}</td>"
            f"<td class=num><span class=share>{share_bar(voice, 1.0, f'{voice:.0%} of quotes')}"
            f"</span> {voice:.0%}</td></tr>"
        )
    return (
        f"<figure class=card><figcaption>{esc(actor)}</figcaption><table class=fr>"
        "<thead><tr><th>Outlet</th><th>Tone</th><th>Sentences</th><th>Voice</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></figure>"
    )


def _coverage(ctx: _Story) -> str:
    rows = [c for c in ctx.items("coverage") if isinstance(c, dict)]
    if not rows:
        return ""
    h = ctx.sub
    body = "".join(
        f"<tr><th scope=row>{ctx.outlets.badge(c.get('source'))}</th>"
        f"<td class=num>{len(c.get('articles') or [])}</td>"
        f"<td class=num>{esc(c.get('claims'))}</td>"
        f"<td class=num>{len(c.get('exclusive') or [])}</td>"
        f"<td class=num>{len(c.get('omitted') or [])}</td></tr>"
        for c in rows
    )
    return (
        f"<h{h} class=sub-h>Coverage</h{h}>"
        "<p class=fine>Claims only one outlet makes (exclusive), and "
        "facts two or more other outlets state that an outlet leaves out (omitted).</p>"
        "<div class=scroll><table class='tbl cov'><thead><tr><th>Outlet</th><th>Articles</th>"
        "<th>Claims</th><th>Exclusive</th><th>Omitted</th></tr></thead>"
        f"<tbody>{body}</tbody></table></div>"
    )


# ---------------------------------------------------------------- quotes and articles


def _quotes(ctx: _Story) -> str:
    quotes = ctx.items("quotes")
    if not quotes:
        return _note("No attributed quotes were found in the sources.")
    notes = ctx.cites.notes("quotes")
    items = []
    for q in quotes:
        speaker = q.get("speaker_name") or q.get("speaker_text") or "unnamed speaker"
        # Direct speech in quotation marks; reported speech as the outlet words it.
        text = esc(q.get("text"))
        said = f"“{text}”" if q.get("direct") else text
        spans = q.get("content") or q.get("evidence") or []
        items.append(
            f"<li><span class=speaker>{esc(speaker)}</span> {muted(str(q.get('cue') or ''))} "
            f"<span class=said>{said}</span> {cited_by_outlet(notes, ctx.outlets, spans)}</li>"
        )
    return f"<ul class=quotes>{''.join(items)}</ul>{notes.render()}"


def _articles(ctx: _Story, members: list[Json]) -> str:
    if not members:
        return _note("No articles.")
    rows = []
    for a in members:
        published = format_date(a.get("published"))
        if published and a.get("published_inferred"):
            published += " (inferred)"
        copy = ctx.articles.get(a.get("duplicate_of") or "")
        copy_html = ctx.outlets.badge(copy.get("source")) if copy else muted("—")
        copy_class = "" if copy else " class=empty"
        paragraphs = "".join(
            f"<p>{esc(p)}</p>" for p in str(a.get("text") or "").split("\n") if p.strip()
        )
        if a.get("analysed") is False:
            paragraphs = (
                _note(f"Not analysed: {a.get('skip_reason') or 'unknown reason'}") + paragraphs
            )
        title = esc(a.get("title")) or (
            f"{muted('(no title)')} {esc(_opening(str(a.get('text') or '')))}"
        )
        page = ctx.cites.link
        own = (
            f"<p class=fine><a href='{esc(page(a['id'], 0, 0))}'>This article with its cited "
            "passages marked</a></p>"
            if page
            else ""
        )
        rows.append(
            f"<tr><td data-label=Outlet>{ctx.outlets.badge(a.get('source'))}</td>"
            f"<td data-label=Title><details class=art id='{ctx.prefix}-art-{esc(a['id'])}'>"
            f"<summary>{title}</summary><div class=art-text>{own}{_link(a.get('url'))}"
            f"{paragraphs}"
            "</div></details></td>"
            f"<td data-label=Published>{esc(published) or muted('—')}</td>"
            f"<td data-label=Language>{esc(a.get('language')) or muted('—')}</td>"
            f"<td data-label='Copy of'{copy_class}>{copy_html}</td></tr>"
        )
    return (
        "<div class=scroll><table class='tbl arts stack'><thead><tr><th>Outlet</th><th>Title "
        "<span class=fine>(open for the full text)</span></th><th>Published</th>"
        "<th>Language</th><th>Copy of</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _link(url: object) -> str:
    """A link to the article's page: web addresses only (never `javascript:` and the like),
    with no referrer and nothing fetched until the reader follows it."""
    text = str(url or "")
    if not text.lower().startswith(("http://", "https://")):
        return ""
    return (
        f"<p class=fine><a href='{esc(text)}' rel='noopener noreferrer nofollow'>"
        f"{esc(text)}</a></p>"
    )


def _opening(text: str, limit: int = 90) -> str:
    """The first words of an untitled article, to tell it from the others."""
    words = " ".join(text.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + " …"


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
