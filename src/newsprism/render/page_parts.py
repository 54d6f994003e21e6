"""The small pieces `report.html` is built from: escaping, outlet badges, readable dates,
numbered citations with their footnotes, and inline-SVG bars.

Every string that comes from an article or a report goes through `esc` (attribute values
too), so markup inside an article shows as text. Citations are numbered per story, so the
same passage keeps its number in every section; each block of the page (a brief section, an
answer, a table) lists the passages it cites as footnotes, which is what a reader without
JavaScript follows, and what the page's script shows in a popup on hover or click.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from newsprism.model import Span
from newsprism.outlet_labels import outlet_labels
from newsprism.report import ArticleEntry, StoryReport

# Characters of article text shown on each side of a cited passage.
CONTEXT_CHARS = 130
# Outlet badge colours (background, text), all with a contrast above 7:1.
PALETTE = 8

_MONTHS = (
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
)
_SEASONS = {"SP": ("spring", 3), "SU": ("summer", 6), "FA": ("autumn", 9), "WI": ("winter", 12)}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}:\d{2}|MO|AF|EV|NI|DT))?$")
# TIMEX3 parts of the day, with the hour they sort at.
_DAYPARTS = {
    "MO": ("morning", "08:00"),
    "DT": ("daytime", "12:00"),
    "AF": ("afternoon", "14:00"),
    "EV": ("evening", "19:00"),
    "NI": ("night", "23:00"),
}
# Where a footnote's "article" link goes: (article id, start, end) → a URL. Without one it
# goes to the article's full text further down the same page.
ArticleLink = Callable[[str, int, int], str]
_OTHER = re.compile(r"^(\d{4})-(SP|SU|FA|WI|W\d{2}|Q[1-4]|H[12])$")


def esc(value: object) -> str:
    """`value` as HTML text or attribute value; None becomes the empty string."""
    return "" if value is None else escape(str(value), quote=True)


def muted(text: str) -> str:
    return f"<span class=muted>{esc(text)}</span>"


def format_date(value: str | None, short: bool = False) -> str:
    """A TIMEX3 value as a reader writes it: `2025-05-15` → "15 May 2025", `2022-SP` →
    "spring 2022", `2025-W20` → "week 20, 2025"; a range `a/b` as "a – b"; other values as
    they are."""
    if not value:
        return ""
    if "/" in value:
        return " – ".join(format_date(v, short) for v in value.split("/", 1))
    months = _MONTHS[0 if short else 1]
    m = _DATE.match(value)
    if m:
        year, month, day, clock = m.groups()
        if month and not 1 <= int(month) <= 12:
            return value
        parts = [str(int(day))] if day else []
        parts += [months[int(month) - 1]] if month else []
        text = " ".join([*parts, year])
        if clock in _DAYPARTS:
            return f"{text}, {_DAYPARTS[clock][0]}"
        return f"{text}, {clock}" if clock and clock != "00:00" else text
    m = _OTHER.match(value)
    if m:
        year, part = m.groups()
        if part in _SEASONS:
            return f"{_SEASONS[part][0]} {year}"
        if part.startswith("W"):
            return f"week {int(part[1:])}, {year}"
        return f"{part} {year}"
    return value


def format_span(first: str | None, last: str | None) -> str:
    """Two days as one span: "11–13 September 2025", "30 April – 2 May 2025"."""
    if not first or not last or first == last:
        return format_date(first or last)
    a, b = _DATE.match(first), _DATE.match(last)
    if a and b and a.group(3) and b.group(3) and not a.group(4) and not b.group(4):
        (y1, m1, d1), (y2, m2) = a.groups()[:3], b.groups()[:2]
        if y1 == y2 and m1 == m2:
            return f"{int(d1)}–{format_date(last)}"
        if y1 == y2:
            return f"{format_date(first)[: -len(y1) - 1]} – {format_date(last)}"
    return f"{format_date(first)} – {format_date(last)}"


def date_key(value: str | None) -> tuple[int, int, int, str]:
    """A sort key that puts a year before its months and a month before its days; seasons,
    quarters and weeks sit at their first month."""
    if not value:
        return (99999, 0, 0, "")
    m = _DATE.match(value)
    if m:
        year, month, day, clock = m.groups()
        hour = _DAYPARTS[clock][1] if clock in _DAYPARTS else clock or ""
        return (int(year), int(month or 0), int(day or 0), hour)
    m = _OTHER.match(value)
    if m:
        year, part = m.groups()
        if part in _SEASONS:
            month = _SEASONS[part][1]
        elif part.startswith("W"):
            month = min(12, 1 + (int(part[1:]) - 1) * 12 // 52)
        else:
            month = 1 + (int(part[1]) - 1) * (3 if part[0] == "Q" else 6)
        return (int(year), month, 0, "")
    return (99999, 0, 0, value)


class Outlets:
    """Badges for a story's outlets, each outlet with its own colour throughout the page."""

    def __init__(
        self,
        names: Iterable[str],
        articles: Mapping[str, ArticleEntry],
        labels: Mapping[str, str] | None = None,
    ) -> None:
        self._colour = {name: i % PALETTE for i, name in enumerate(dict.fromkeys(names))}
        self._articles = articles
        self._labels = dict(labels or {})  # outlet → its label in prose ("Source A")

    def badge(self, name: str | None, copy: bool = False) -> str:
        """An outlet's badge: its label ("Source A" for a file stem), the name it stands for
        in the tooltip."""
        name = name or "unknown outlet"
        colour = self._colour.setdefault(name, len(self._colour) % PALETTE)
        label = esc(self._labels.get(name, name)) + (" <small>(copy)</small>" if copy else "")
        return f"<span class='ob o{colour}' title='{esc(name)}'>{label}</span>"

    def badges(self, names: Iterable[str | None]) -> str:
        return " ".join(self.badge(n) for n in dict.fromkeys(names))

    def of_articles(self, ids: Iterable[str]) -> list[str]:
        return list(dict.fromkeys(self._articles[i].source for i in ids if i in self._articles))


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """Up to CONTEXT_CHARS of text before and after a passage, within its paragraph, cut at
    a word boundary, with an ellipsis where it is cut short."""
    before = text[max(0, start - CONTEXT_CHARS) : start]
    if "\n" in before:
        before = before.rsplit("\n", 1)[1]
    elif start > CONTEXT_CHARS and " " in before:
        before = "… " + before.split(" ", 1)[1]
    after = text[end : end + CONTEXT_CHARS]
    if "\n" in after:
        after = after.split("\n", 1)[0]
    elif end + CONTEXT_CHARS < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + " …"
    return before, after


class Citations:
    """The numbered passages one story cites; `notes(block)` gives the markers and
    footnotes of one block of the page."""

    def __init__(
        self,
        prefix: str,
        articles: Mapping[str, ArticleEntry],
        outlets: Outlets,
        link: ArticleLink | None = None,
    ):
        self.prefix = prefix
        self.articles = articles
        self.outlets = outlets
        self.link = link
        self._numbers: dict[tuple[str, int, int], int] = {}

    def resolve(self, span: Span) -> tuple[ArticleEntry, int, int] | None:
        """The article a span points into, or None when it names no article of the report
        or runs outside the article's text (an empty span resolves to nothing either)."""
        article = self.articles.get(span.article_id)
        if article is None or not 0 <= span.start < span.end <= len(article.text):
            return None
        return article, span.start, span.end

    def number(self, article_id: str, start: int, end: int) -> int:
        return self._numbers.setdefault((article_id, start, end), len(self._numbers) + 1)

    def notes(self, block: str) -> Notes:
        return Notes(self, f"{self.prefix}-{block}")

    def footnote(self, n: int, article: ArticleEntry, start: int, end: int) -> str:
        """The body of one footnote: where the passage comes from, then the passage marked
        inside its context."""
        text = article.text
        before, after = _context(text, start, end)
        title = article.title
        when = format_date(article.published)
        if when and article.published_inferred:
            when += " (inferred)"
        meta = [self.outlets.badge(article.source, bool(article.duplicate_of))]
        meta += [f"<cite>{esc(title)}</cite>"] if title else []
        meta += [f"<time>{esc(when)}</time>"] if when else []
        href = (
            self.link(article.id, start, end) if self.link else f"#{self.prefix}-art-{article.id}"
        )
        meta.append(f"<a class=goto href='{esc(href)}'>article</a>")
        return (
            f"<span class=src>{' · '.join(meta)}</span>"
            f"<blockquote class=passage>{esc(before)}<mark>{esc(text[start:end])}</mark>"
            f"{esc(after)}</blockquote>"
        )


class Notes:
    """The citations of one block: `marks(spans)` after each sentence, `render()` at the
    block's end."""

    def __init__(self, citations: Citations, block: str) -> None:
        self.citations = citations
        self.block = block
        self._used: dict[int, tuple[ArticleEntry, int, int]] = {}

    def marks(self, spans: Sequence[Span]) -> str:
        """The numbered markers of `spans`, linked to this block's footnotes; a span that
        does not resolve shows as a broken marker rather than vanishing."""
        links = []
        for span in spans:
            found = self.citations.resolve(span)
            if found is None:
                links.append("<span class='cite broken' title='citation does not resolve'>?</span>")
                continue
            article, start, end = found
            n = self.citations.number(article.id, start, end)
            self._used.setdefault(n, found)
            tip = f"{article.source}: {_clip(article.text[start:end], 220)}"
            links.append(
                f"<a class=cite href='#{esc(self.block)}-n{n}' title='{esc(tip)}'"
                f" aria-label='source {n}'>{n}</a>"
            )
        return f"<sup class=cites>{''.join(links)}</sup>" if links else ""

    def __bool__(self) -> bool:
        return bool(self._used)

    def render(self, label: str = "Sources", fold: bool = True) -> str:
        """The footnotes, folded away under `label`; `fold=False` leaves them open where the
        page runs no script (its script folds them: the markers' popups show each passage)."""
        if not self._used:
            return ""
        items = "".join(
            f"<li id='{esc(self.block)}-n{n}' value={n}>{self.citations.footnote(n, *found)}</li>"
            for n, found in sorted(self._used.items())
        )
        state = "" if fold else " open data-fold"
        return (
            f"<details class=notes-box{state}><summary>{esc(label)} ({len(self._used)})"
            f"</summary><ol class=notes>{items}</ol></details>"
        )


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def cited_by_outlet(notes: Notes, outlets: Outlets, spans: Sequence[Span]) -> str:
    """Outlet badges, each followed by the markers of the spans its articles give."""
    groups: dict[str, list[Span]] = {}
    for span in spans:
        article = notes.citations.articles.get(span.article_id)
        groups.setdefault(article.source if article else "unknown outlet", []).append(span)
    return " ".join(
        f"<span class=by>{outlets.badge(name)}{notes.marks(group)}</span>"
        for name, group in groups.items()
    )


def tone_bar(tone: float) -> str:
    """A diverging bar for a tone in −1..1: left of the axis in red, right in green."""
    tone = max(-1.0, min(1.0, tone))
    width = abs(tone) * 50
    x = 50 if tone >= 0 else 50 - width
    kind = "pos" if tone >= 0.05 else "neg" if tone <= -0.05 else "neu"
    return (
        f'<svg class="bar" viewBox="0 0 100 14" width="100" height="14" role="img" '
        f'aria-label="tone {signed(tone)}"><rect class="track" x="0" y="3" width="100" '
        f'height="8" rx="2" /><rect class="{kind}" x="{x:.1f}" y="3" width="{max(width, 1):.1f}" '
        f'height="8" rx="1" /><line class="axis" x1="50" x2="50" y1="0" y2="14" /></svg>'
    )


def share_bar(value: float, maximum: float, label: str) -> str:
    """A bar for a count or share against the largest in its table."""
    width = 0.0 if maximum <= 0 else max(0.0, min(1.0, value / maximum)) * 100
    return (
        f'<svg class="bar" viewBox="0 0 100 14" width="70" height="14" role="img" '
        f'aria-label="{esc(label)}"><rect class="track" x="0" y="3" width="100" height="8" '
        f'rx="2" /><rect class="qty" x="0" y="3" width="{width:.1f}" height="8" rx="2" /></svg>'
    )


def signed(value: float) -> str:
    """`+0.25`, `−0.25` (a true minus sign), `0.00`."""
    text = f"{abs(value):.2f}"
    return text if text == "0.00" else ("+" if value > 0 else "−") + text


# The page's look and its one script; they carry no data, so no report text is ever
# inside a <style> or <script> element.

STYLE = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d0d7de;--soft:#f6f8fa;--accent:#0a58a8;
--serif:Charter,"Bitstream Charter","Iowan Old Style","Palatino Linotype",Georgia,
"DejaVu Serif",serif;
--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","DejaVu Sans",Arial,sans-serif;
color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 var(--sans);color:var(--fg);background:#fff;
overflow-wrap:break-word}
.art-text .fine a{overflow-wrap:anywhere}
.wrap{max-width:70rem;margin:0 auto;padding:1.5rem 1.25rem 5rem}
a{color:var(--accent)}
h1,h2,h3,h4{line-height:1.25;margin:2.2rem 0 .7rem;font-weight:650}
h1{font-size:2rem;margin-top:.5rem}h2{font-size:1.5rem}h3{font-size:1.15rem}h4{font-size:1rem}
.story>.story-head h2{font-size:1.8rem}
.part-h{font-size:1.5rem;border-bottom:2px solid var(--fg);padding-bottom:.3rem;margin-top:3rem}
.story-body>section:first-child>.part-h{margin-top:1.5rem}
.sub-h{font-size:1.15rem;margin-top:1.8rem}
.brand{font-size:.85rem;color:var(--muted);letter-spacing:.02em;margin:0 0 .5rem}
.story{margin-bottom:4rem}
.story-head{border-bottom:1px solid var(--line);padding-bottom:1rem}
.story-body{min-width:0}
.facts{color:var(--muted);margin:.3rem 0}
.outlets{margin:.4rem 0;line-height:2}
.check,.merged{font-size:.88rem;color:var(--muted);margin:.4rem 0}
.toc ol{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;padding:0;margin:1rem 0 0}
.toc a{display:block;padding:.25rem .7rem;border:1px solid var(--line);border-radius:1rem;
text-decoration:none;font-size:.9rem;background:var(--soft)}
.toc a:hover{background:#e7eef8}.toc .n{color:var(--muted);font-size:.8rem}
@media (min-width:1180px){
.wrap{max-width:80rem}
.story{display:grid;grid-template-columns:11rem minmax(0,1fr);column-gap:2.5rem}
.story-head{grid-column:1/-1}
.toc{grid-column:1;align-self:start;position:sticky;top:1rem;margin-top:1.5rem}
.toc ol{display:block;margin:0;border-left:2px solid var(--line)}
.toc a{border:0;background:none;border-radius:0;padding:.3rem .8rem;margin-left:-2px;
border-left:2px solid transparent}
.toc a:hover{background:none;border-left-color:var(--accent)}
.toc .n{float:right}
.story-body{grid-column:2}
}
.stories li{margin:.3rem 0}
.note{color:var(--muted);font-style:italic}
.details-head{margin:2.5rem 0 0;padding-top:1rem;border-top:3px double var(--line)}
.details-title{font-size:.8rem;letter-spacing:.12em;text-transform:uppercase;
color:var(--muted);margin:0}
.fine{font-size:.85rem;color:var(--muted);max-width:48rem}
.muted{color:var(--muted)}
.prose{font-family:var(--serif);font-size:1.1rem;line-height:1.7;max-width:44rem}
ul.prose{padding-left:1.2rem}ul.prose li{margin:.35rem 0}
.dispute{border-left:3px solid #d64545;background:#fdf3f3;padding:.3rem 1rem;margin:1rem 0;
border-radius:0 .4rem .4rem 0}
.dispute p{margin:.45rem 0}
.dispute-head{font:700 .72rem/1.4 var(--sans);text-transform:uppercase;letter-spacing:.06em;
color:#8a1c1c}
.frame{color:var(--muted)}
.tag{display:inline-block;font:600 .68rem/1.5 var(--sans);text-transform:uppercase;
letter-spacing:.04em;padding:0 .4em;border-radius:.25rem;background:#eef1f4;color:#3d444d;
vertical-align:.1em}
.k-disagreement .tag{background:#fde2e2;color:#8a1c1c}
.k-forecast .tag{background:#e6effa;color:#0b3f7a}
sup{line-height:0}
sup.cites{white-space:nowrap;margin-left:.1em}
a.cite{padding:.05em .35em;margin:0 .08em;border-radius:.7em;background:#e3ecf8;color:#0a4d94;
font:600 .7rem/1 var(--sans);text-decoration:none;vertical-align:.45em}
a.cite:hover,a.cite:focus,a.cite.on{background:var(--accent);color:#fff;outline:none}
.cite.broken{color:#8a1c1c;font-size:.7rem}
.ob{display:inline-block;max-width:17em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;
padding:0 .55em;border-radius:.8em;font:500 .76rem/1.6 var(--sans);vertical-align:middle}
.o0{background:#dbe9fb;color:#123a6b}.o1{background:#fbe3ef;color:#6d1440}
.o2{background:#dcf3e3;color:#124a2a}.o3{background:#fcf1c9;color:#5c3d07}
.o4{background:#ebe4fb;color:#42207a}.o5{background:#d6f2f6;color:#0f4452}
.o6{background:#fde5d3;color:#6f2a0b}.o7{background:#e6e8eb;color:#2a3038}
.by{white-space:nowrap;display:inline-block;margin:.1rem .25rem .1rem 0}
.notes-box{margin:.8rem 0 1.5rem;max-width:48rem}
.notes-box>summary{font-size:.8rem;font-weight:600;color:var(--muted);
text-transform:uppercase;letter-spacing:.05em;margin:0;cursor:pointer}
.notes{font-size:.85rem;padding-left:2rem;margin:.4rem 0;color:#30363d}
.notes li{margin:.55rem 0;padding:.2rem .4rem;border-radius:.3rem}
.notes li:target{background:#fff8d6}
.src{display:block;color:var(--muted);font-size:.8rem}
.src cite{font-style:italic;color:var(--fg)}
.passage{margin:.2rem 0 0;font-family:var(--serif);font-size:.95rem;line-height:1.5;color:#3d444d}
mark{background:#ffec99;color:#1f2328;padding:0 .1em;border-radius:.15em}
.qa{border:1px solid var(--line);border-radius:.5rem;margin:.6rem 0;background:#fff}
.qa>summary{cursor:pointer;padding:.7rem 1rem;font-weight:600;list-style-position:inside}
.qa[open]>summary{border-bottom:1px solid var(--line);background:var(--soft)}
.answer{padding:.4rem 1.1rem .8rem}
.value{font-size:1.05rem}.refused{font-weight:600;color:#6b3a00}
.warn{color:#8a1c1c;font-size:.9rem}
.tl{list-style:none;margin:1.2rem 0;padding:0}
.tl-item{display:grid;grid-template-columns:9.5rem minmax(0,1fr);column-gap:1.2rem}
.tl-date{text-align:right;font-weight:650;font-size:.92rem;padding-top:.05rem;color:#24292f}
.tl-body{position:relative;border-left:2px solid #c4ccd5;padding:0 0 1.2rem 1.3rem}
.tl-body::before{content:"";position:absolute;left:-8px;top:.3rem;width:14px;height:14px;
border-radius:50%;background:var(--accent);border:3px solid #fff;
box-shadow:0 0 0 1.5px var(--accent)}
.tl-item.same .tl-body::before{width:10px;height:10px;left:-6px;top:.45rem;background:#fff;border:0}
.tl-item.bg .tl-body::before{background:#8c959f;box-shadow:0 0 0 1.5px #8c959f}
.tl-item.bg .tl-text,.tl-item.bg .tl-date{color:var(--muted)}
.tl-item.bg .tl-text{font-size:.95rem}
.tl-text{margin:0;font-family:var(--serif);font-size:1.02rem;line-height:1.55}
.tl-meta{margin:.3rem 0 0;line-height:1.9}
.tl-sep{margin:.4rem 0 1rem 10.7rem;font-size:.75rem;text-transform:uppercase;letter-spacing:.08em;
font-weight:700;color:var(--muted)}
.tl-sep span{background:var(--soft);border:1px solid var(--line);border-radius:1rem;
padding:.15rem .7rem}
.conflict{margin:.4rem 0 0;padding:.35rem .6rem;background:#fff4e5;border-left:3px solid #d9822b;
font-size:.88rem;border-radius:0 .3rem .3rem 0}
.conflict .tag{background:#f6d7b0;color:#5c2e00}
.tl-text>.tag{background:none;border:1px solid var(--line);color:var(--muted)}
.scroll{overflow-x:auto}
.tbl{width:100%;border-collapse:collapse;font-size:.93rem;margin:.6rem 0}
.tbl th,.tbl td{text-align:left;vertical-align:top;padding:.55rem .65rem;
border-bottom:1px solid #e4e8ec}
.tbl thead th{background:var(--soft);border-bottom:1px solid var(--line);font-size:.82rem;
text-transform:uppercase;letter-spacing:.04em;color:#3d444d}
.tbl tbody th{font-weight:650}
.matrix td{width:28%}.matrix .empty{color:var(--muted)}
ul.cell{list-style:none;padding:0;margin:0}ul.cell li{margin:0 0 .7rem}
.stance{font-family:var(--serif)}
.legend{display:flex;flex-wrap:wrap;gap:.35rem 1rem;align-items:center}
.st{display:inline-block;white-space:nowrap;padding:.05rem .55rem;border-radius:.3rem;
font:600 .75rem/1.6 var(--sans);border:1px solid}
.st-corroborated{background:#dcf5e3;color:#11502a;border-color:#7bc996}
.st-single_source{background:#f0f2f5;color:#39414a;border-color:#c2c9d1}
.st-contradicted{background:#fde4e4;color:#8a1c1c;border-color:#ee9a9a}
.claims td:first-child{width:8.5rem}.claims td:last-child{width:15rem}
.row-contradicted td:first-child{box-shadow:inset 3px 0 #d64545}
.row-corroborated td:first-child{box-shadow:inset 3px 0 #2f9e5b}
.conflicts{margin:.35rem 0 0;padding-left:1.1rem;font-size:.86rem;color:#6b1a1a}
details.more{margin:1rem 0}details.more>summary{cursor:pointer;font-weight:600;color:var(--accent)}
.dis{border:1px solid var(--line);border-radius:.5rem;padding:.8rem 1rem;margin:.8rem 0}
.dis-slot{margin:0 0 .5rem;font-size:.9rem;color:var(--muted)}
.sides{display:grid;grid-template-columns:minmax(0,1fr) auto minmax(0,1fr);gap:.8rem;
align-items:start}
.side{background:var(--soft);border-radius:.4rem;padding:.6rem .8rem}
.side p{margin:.2rem 0}.side-value{font-weight:700;font-size:1.05rem}
.side-text{font-family:var(--serif)}
.vs{align-self:center;font-weight:700;color:var(--muted);font-size:.85rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,25rem),1fr));gap:1rem;
margin:1rem 0}
.card{margin:0;border:1px solid var(--line);border-radius:.5rem;padding:.6rem .8rem}
.card figcaption{font-weight:650;margin-bottom:.3rem}
.fr{border-collapse:collapse;width:100%;font-size:.85rem}
.fr th,.fr td{padding:.25rem .3rem;text-align:left;vertical-align:middle}
.fr thead th{font-size:.72rem;color:var(--muted);text-transform:uppercase;font-weight:600}
.fr tbody th{font-weight:400;max-width:9rem}.fr .ob{max-width:9rem}
.fr .bar{width:64px}.fr .share .bar{width:44px}.fr td:last-child{padding-right:0}
.card{overflow-x:auto}
.num{white-space:nowrap;font-variant-numeric:tabular-nums}
.bar{vertical-align:middle}.bar .track{fill:#eef1f4}.bar .axis{stroke:#6e7781;stroke-width:1}
.bar .pos{fill:#2f9e5b}.bar .neg{fill:#d64545}.bar .neu{fill:#8c959f}.bar .qty{fill:#4a7fc1}
.cov td{width:7rem}
ul.quotes{padding-left:1.1rem}ul.quotes li{margin:.55rem 0}
.speaker{font-weight:650}.said{font-family:var(--serif)}
details.art>summary{cursor:pointer;color:var(--accent)}
.art-text{font-family:var(--serif);max-width:44rem;margin:.5rem 0;padding:.2rem 1rem;
border-left:3px solid var(--line)}
.pop{position:absolute;z-index:20;width:min(32rem,calc(100vw - 1rem));background:#fff;
border:1px solid #b9c2cc;border-radius:.5rem;box-shadow:0 10px 30px rgba(20,30,40,.2);
padding:.7rem .9rem;font-size:.9rem}
.pop .pop-n{float:right;font-size:.75rem;color:var(--muted)}
@media (max-width:640px){
.wrap{padding:1rem .8rem 4rem}h1{font-size:1.55rem}.story>.story-head h2{font-size:1.45rem}
.prose{font-size:1.03rem}
.stack,.stack tbody,.stack tr,.stack td,.stack tbody th{display:block;width:auto!important}
.stack thead{display:none}.stack tr{border-bottom:1px solid var(--line);padding:.4rem 0}
.stack td,.stack tbody th{border:0;padding:.25rem .2rem}
.stack td[data-label]::before{content:attr(data-label);display:block;font-size:.7rem;
text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.stack td.empty{display:none}
.row-contradicted td:first-child,.row-corroborated td:first-child{box-shadow:none}
.stack tr.row-contradicted{border-left:3px solid #d64545;padding-left:.5rem}
.stack tr.row-corroborated{border-left:3px solid #2f9e5b;padding-left:.5rem}
.arts td[data-label=Published],.arts td[data-label=Language],.arts td[data-label="Copy of"]{
display:inline-block;margin-right:1.2rem}
.fr .share{display:none}.fr .ob{max-width:7.5rem}.card{padding:.5rem .5rem}
.tl-item{grid-template-columns:minmax(0,1fr)}
.tl-date{text-align:left;border-left:2px solid #c4ccd5;padding:0 0 .2rem 1.3rem}
.tl-item.same .tl-date{display:none}.tl-sep{margin-left:0}
.sides{grid-template-columns:minmax(0,1fr)}.vs{justify-self:center}
}
@media print{.pop,.toc{display:none}a.cite{background:none;color:inherit}}
"""

# Shows a citation's footnote beside its marker on hover, focus or click (a click pins it);
# opens the folded block that holds a footnote or article a link jumps to.
SCRIPT = """
(function(){
var d=document,pop=d.createElement("div"),pinned=null,timer=0;
pop.className="pop";pop.hidden=true;pop.setAttribute("role","tooltip");
d.body.appendChild(pop);
d.querySelectorAll("a.cite").forEach(function(a){a.removeAttribute("title");});
d.querySelectorAll("details[data-fold]").forEach(function(b){b.open=false;});
function cite(e){return e.target.closest?e.target.closest("a.cite"):null;}
function note(a){return d.getElementById(decodeURIComponent(a.hash.slice(1)));}
function show(a){
  var n=note(a);if(!n)return;clearTimeout(timer);
  var head=d.createElement("span");head.className="pop-n";head.textContent="source "+a.textContent;
  pop.replaceChildren(head);
  n.childNodes.forEach(function(c){pop.appendChild(c.cloneNode(true));});
  pop.hidden=false;
  var r=a.getBoundingClientRect(),w=pop.offsetWidth,h=pop.offsetHeight;
  var vw=d.documentElement.clientWidth;
  var x=Math.max(8,Math.min(r.left-24,vw-w-8)),y=r.bottom+6;
  if(y+h>innerHeight-8&&r.top-h-6>8)y=r.top-h-6;
  pop.style.left=(x+scrollX)+"px";pop.style.top=(y+scrollY)+"px";
}
function hide(){pop.hidden=true;if(pinned)pinned.classList.remove("on");pinned=null;}
function later(){clearTimeout(timer);timer=setTimeout(function(){if(!pinned)pop.hidden=true;},300);}
d.addEventListener("mouseover",function(e){var a=cite(e);
  if(a){if(!pinned)show(a);}else if(pop.contains(e.target))clearTimeout(timer);});
d.addEventListener("mouseout",function(e){if(cite(e)||pop.contains(e.target))later();});
d.addEventListener("focusin",function(e){var a=cite(e);if(a&&!pinned)show(a);});
d.addEventListener("focusout",function(e){if(cite(e))later();});
d.addEventListener("click",function(e){var a=cite(e);
  if(a){e.preventDefault();if(pinned===a){hide();return;}hide();show(a);pinned=a;a.classList.add("on");return;}
  if(!pop.contains(e.target))hide();});
d.addEventListener("keydown",function(e){if(e.key==="Escape")hide();});
function reveal(){
  var t=location.hash&&d.getElementById(decodeURIComponent(location.hash.slice(1)));
  if(!t)return;if(t.tagName==="DETAILS")t.open=true;
  for(var p=t.parentElement;p;p=p.parentElement)if(p.tagName==="DETAILS")p.open=true;
  t.scrollIntoView();
}
addEventListener("hashchange",reveal);reveal();
addEventListener("beforeprint",function(){
  d.querySelectorAll("details.qa,details[data-fold]").forEach(function(b){b.open=true;});});
})();
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryView:
    """What every part of one story's page needs: the story, its member articles and their
    outlets' names, its citation prefix, the report's articles by id, the outlet badges, the
    citation numbering (shared by all the story's parts, so a passage keeps its number) and
    the heading level inside a part. Build one with `StoryView.of`."""

    story: StoryReport
    members: tuple[ArticleEntry, ...]
    outlet_names: tuple[str, ...]
    prefix: str
    articles: Mapping[str, ArticleEntry]
    outlets: Outlets
    cites: Citations
    sub: int

    @classmethod
    def of(
        cls,
        story: StoryReport,
        articles: Mapping[str, ArticleEntry],
        prefix: str = "s1",
        level: int = 1,
        link: ArticleLink | None = None,
    ) -> StoryView:
        """The view of `story` whose title is a heading of `level` (its parts one below, and
        their sub-headings one below that); `articles` by id must hold the articles its
        spans point into (a span into any other shows as a broken citation). `prefix` starts
        every HTML id of the story, so stories on one page need different ones. `link` sends
        each footnote's "article" link (and each article's title) to a page of its own, as the
        web app does, instead of down the same page."""
        members = tuple(articles[i] for i in story.article_ids if i in articles)
        names = story.sources or tuple(sorted({a.source for a in members}))
        labels = outlet_labels((a.id, a.source) for a in members)
        outlets = Outlets(names, articles, {articles[i].source: lab for i, lab in labels.items()})
        return cls(
            story=story,
            members=members,
            outlet_names=names,
            prefix=prefix,
            articles=articles,
            outlets=outlets,
            cites=Citations(prefix, articles, outlets, link),
            sub=level + 2,
        )

    def badges_of(self, article_ids: Sequence[str], names: Sequence[str] = ()) -> str:
        """Badges of `names`, or when there are none, of the outlets of `article_ids`."""
        return self.outlets.badges(names or self.outlets.of_articles(article_ids))


def note(text: str) -> str:
    return f"<p class=note>{esc(text)}</p>"
