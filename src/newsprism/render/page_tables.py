"""`report.html`, the story parts set as tables and cards: positions matrix, disagreements,
claims, framing and coverage, quotes and articles. Input: one story's `StoryView`; output: the
part's HTML."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsprism.model import Span
from newsprism.render.page_parts import (
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
from newsprism.report import ClaimEntry, FramingEntry, PositionEntry

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
    """The positions matrix: one row per actor, its demands, offers and red lines in the
    outlets' words, each with the outlets that report it."""
    rows = ctx.story.matrix
    if not rows:
        return note("No stakeholder positions were found in the sources.")
    positions = {p.id: p for p in ctx.story.positions}
    notes = ctx.cites.notes("positions")
    head = "".join(f"<th scope=col>{title}</th>" for title in ("Demands", "Offers", "Red lines"))
    body = []
    for row in rows:
        name = row.actor_name or row.actor or "unknown actor"
        cells = []
        columns = (("Demands", row.demands), ("Offers", row.offers), ("Red lines", row.red_lines))
        for title, ids in columns:
            stances = [positions[p] for p in ids if p in positions]
            if not stances:
                cells.append(f"<td data-label='{title}' class=empty>{muted('—')}</td>")
                continue
            items = "".join(
                f"<li><span class=stance>“{esc(p.stance)}”</span> "
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


def _stance_spans(position: PositionEntry) -> Sequence[Span]:
    return position.stance_spans or position.evidence


def disagreements_html(ctx: StoryView) -> str:
    """Each pair of contradicting claims as two cards side by side: the value each outlet
    gives and its words."""
    items = ctx.story.disagreements
    if not items:
        return note("The outlets do not contradict each other on any claim found.")
    notes = ctx.cites.notes("disagreements")
    cards = []
    for item in items:
        slot = item.slot
        sides = []
        for side in item.sides:
            value = side.value
            shown = format_date(value) if slot in ("date", "elapsed") else value
            sides.append(
                f"<div class=side><p class=side-value>{esc(shown)}</p>"
                f"<p class=side-text>“{esc(side.text)}”</p><p>"
                f"{cited_by_outlet(notes, ctx.outlets, side.evidence)}"
                + ("" if side.evidence else ctx.badges_of(side.sources))
                + "</p></div>"
            )
        vs = "<div class=vs>vs</div>".join(sides)
        cards.append(
            f"<div class=dis><p class=dis-slot>They differ on: "
            f"<strong>{esc(_SLOT.get(slot, slot))}</strong></p><div class=sides>{vs}</div></div>"
        )
    return "".join(cards) + notes.render()


def claims_html(ctx: StoryView) -> str:
    """The claims table: contradicted claims first, then corroborated, single-source ones
    folded away; each with its status, conflicts and the outlets that state it."""
    claims = ctx.story.claims
    if not claims:
        return note("No claims were extracted from the sources.")
    by_id = {c.id: c for c in claims}
    notes = ctx.cites.notes("claims")
    counts = {s: sum(c.reader_status == s for c in claims) for s in _STATUS}
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
    ordered = sorted(claims, key=lambda c: rank.get(c.reader_status, 2))
    groups = (
        [c for c in ordered if c.reader_status != "single_source"],
        [c for c in ordered if c.reader_status == "single_source"],
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


def _claim_row(
    ctx: StoryView, claim: ClaimEntry, by_id: Mapping[str, ClaimEntry], notes: Notes
) -> str:
    status = claim.reader_status  # a status under its confidence floor is not shown
    label = _STATUS.get(status, status or "unknown")
    tags = [t for t in (claim.kind, "hedged" if claim.hedged else None) if t]
    tags_html = "".join(f" <span class=tag>{esc(t)}</span>" for t in tags if t != "fact")
    conflicts = []
    for f in claim.conflicts if status == "contradicted" else ():
        slot = f.slot
        dated = slot in ("date", "elapsed")
        mine, theirs = (format_date(v) if dated else v for v in (f.value, f.other_value))
        other = by_id.get(f.claim)
        who = ctx.badges_of(other.sources if other else ())
        conflicts.append(
            f"<li>{esc(_SLOT.get(slot, slot))}: <strong>{esc(mine)}</strong> here, "
            f"<strong>{esc(theirs)}</strong> in {who or muted('another claim')}</li>"
        )
    conflict_html = f"<ul class=conflicts>{''.join(conflicts)}</ul>" if conflicts else ""
    voices = claim.voices
    voice_html = f"<br>{muted(f'{voices} independent')}" if voices > 1 else ""
    return (
        f"<tr class='row-{esc(status)}'><td data-label=Status><span class='st st-{esc(status)}'>"
        f"{esc(label)}</span></td><td data-label=Claim>“{esc(claim.text)}”{tags_html}"
        f"{conflict_html}</td><td data-label=Outlets>"
        f"{cited_by_outlet(notes, ctx.outlets, claim.evidence)}{voice_html}</td></tr>"
    )


# ---------------------------------------------------------------- framing and coverage


def framing_html(ctx: StoryView) -> str:
    """One card per actor (named by the most outlets first) with each outlet's tone,
    sentences and share of quotes as bars, then the coverage table."""
    rows = ctx.story.framing
    coverage = _coverage(ctx)
    if not rows:
        return note("No framing measures for this story.") + coverage
    actors: dict[str, list[FramingEntry]] = {}
    for f in rows:
        actors.setdefault(str(f.actor_name or f.actor), []).append(f)
    ranked = sorted(
        actors.items(),
        key=lambda kv: (-len(kv[1]), -sum(f.sentences for f in kv[1]), kv[0]),
    )
    top_sentences = max((f.sentences for f in rows), default=0)
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


def _framing_card(ctx: StoryView, actor: str, rows: list[FramingEntry], top: int) -> str:
    rows = sorted(rows, key=lambda f: f.source)
    body = []
    for f in rows:
        # float(): a report read back from JSON may hold a whole number as an int
        tone, sentences, voice = float(f.tone), f.sentences, float(f.voice)
        body.append(
            f"<tr><th scope=row>{ctx.outlets.badge(f.source)}</th>"
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
    rows = ctx.story.coverage
    if not rows:
        return ""
    h = ctx.sub
    body = "".join(
        f"<tr><th scope=row>{ctx.outlets.badge(c.source)}</th>"
        f"<td class=num>{len(c.articles)}</td>"
        f"<td class=num>{esc(c.claims)}</td>"
        f"<td class=num>{len(c.exclusive)}</td>"
        f"<td class=num>{len(c.omitted)}</td></tr>"
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
    """The attributed quotes: speaker, cue, the words, and the outlets that carry them."""
    quotes = ctx.story.quotes
    if not quotes:
        return note("No attributed quotes were found in the sources.")
    notes = ctx.cites.notes("quotes")
    items = []
    for q in quotes:
        speaker = q.speaker_name or q.speaker_text or "unnamed speaker"
        # Direct speech in quotation marks; reported speech as the outlet words it.
        text = esc(q.text)
        said = f"“{text}”" if q.direct else text
        spans = q.content or q.evidence
        items.append(
            f"<li><span class=speaker>{esc(speaker)}</span> {muted(q.cue)} "
            f"<span class=said>{said}</span> {cited_by_outlet(notes, ctx.outlets, spans)}</li>"
        )
    return f"<ul class=quotes>{''.join(items)}</ul>{notes.render()}"


def articles_html(ctx: StoryView) -> str:
    """The story's articles: outlet, title (opening to the full text, with a link to the
    article's page), publication date, language and the article it copies, if any."""
    if not ctx.members:
        return note("No articles.")
    rows = []
    for a in ctx.members:
        published = format_date(a.published)
        if published and a.published_inferred:
            published += " (inferred)"
        copy = ctx.articles.get(a.duplicate_of or "")
        copy_html = ctx.outlets.badge(copy.source) if copy else muted("—")
        copy_class = "" if copy else " class=empty"
        paragraphs = "".join(f"<p>{esc(p)}</p>" for p in a.text.split("\n") if p.strip())
        if not a.analysed:
            paragraphs = note(f"Not analysed: {a.skip_reason or 'unknown reason'}") + paragraphs
        title = esc(a.title) or f"{muted('(no title)')} {esc(_opening(a.text))}"
        page = ctx.cites.link
        own = (
            f"<p class=fine><a href='{esc(page(a.id, 0, 0))}'>This article with its cited "
            "passages marked</a></p>"
            if page
            else ""
        )
        rows.append(
            f"<tr><td data-label=Outlet>{ctx.outlets.badge(a.source)}</td>"
            f"<td data-label=Title><details class=art id='{ctx.prefix}-art-{esc(a.id)}'>"
            f"<summary>{title}</summary><div class=art-text>{own}{_link(a.url)}{paragraphs}"
            "</div></details></td>"
            f"<td data-label=Published>{esc(published) or muted('—')}</td>"
            f"<td data-label=Language>{esc(a.language) or muted('—')}</td>"
            f"<td data-label='Copy of'{copy_class}>{copy_html}</td></tr>"
        )
    return (
        "<div class=scroll><table class='tbl arts stack'><thead><tr><th>Outlet</th><th>Title "
        "<span class=fine>(open for the full text)</span></th><th>Published</th>"
        "<th>Language</th><th>Copy of</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _link(url: str | None) -> str:
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
