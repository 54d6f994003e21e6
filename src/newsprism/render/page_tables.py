"""`report.html`, the story parts set as tables and cards: positions matrix, disagreements,
claims, framing and coverage, quotes and articles. Input: one story's `StoryView`; output: the
part's HTML."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsprism.render.page_parts import (
    Json,
    Notes,
    StoryView,
    cited_by_outlet,
    esc,
    format_date,
    muted,
    note,
    share_bar,
    signed,
    tone_bar,
)

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
# Framing cards shown open; the actors after them fold away.
_FRAMING_CARDS = 8


def matrix_html(ctx: StoryView) -> str:
    rows = ctx.items("matrix")
    if not rows:
        return note("No stakeholder positions were found in the sources.")
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


def disagreements_html(ctx: StoryView) -> str:
    items = ctx.items("disagreements")
    if not items:
        return note("The outlets do not contradict each other on any claim found.")
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


def claims_html(ctx: StoryView) -> str:
    claims = ctx.items("claims")
    if not claims:
        return note("No claims were extracted from the sources.")
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


def _claim_row(ctx: StoryView, claim: Json, by_id: Mapping[Any, Json], notes: Notes) -> str:
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


def framing_html(ctx: StoryView) -> str:
    rows = [f for f in ctx.items("framing") if isinstance(f, dict)]
    coverage = _coverage(ctx)
    if not rows:
        return note("No framing measures for this story.") + coverage
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


def _framing_card(ctx: StoryView, actor: str, rows: list[Json], top: int) -> str:
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


def _coverage(ctx: StoryView) -> str:
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


def quotes_html(ctx: StoryView) -> str:
    quotes = ctx.items("quotes")
    if not quotes:
        return note("No attributed quotes were found in the sources.")
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


def articles_html(ctx: StoryView, members: list[Json]) -> str:
    if not members:
        return note("No articles.")
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
                note(f"Not analysed: {a.get('skip_reason') or 'unknown reason'}") + paragraphs
            )
        title = esc(a.get("title")) or (
            f"{muted('(no title)')} {esc(_opening(str(a.get('text') or '')))}"
        )
        rows.append(
            f"<tr><td data-label=Outlet>{ctx.outlets.badge(a.get('source'))}</td>"
            f"<td data-label=Title><details class=art id='{ctx.prefix}-art-{esc(a['id'])}'>"
            f"<summary>{title}</summary><div class=art-text>{_link(a.get('url'))}{paragraphs}"
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
