"""`brief.md`: the report for reading in a text editor or a Markdown viewer.

Per story: the brief's six sections, each sentence followed by footnote citations (`[^3]`) whose
notes give the outlet, the article's title and date, and the cited passage verbatim; then the
merged timeline, the positions matrix, the claims (contradictions with both sides, corroborated
claims, a count of single-source ones), the suggested questions with their answers, and the
articles. Inputs that were skipped, and stored articles not analysed, come last.

Everything that comes from an article (text, title, outlet, author, URL, names, skipped
inputs and their reasons) goes through `md_escape`: it reads as the words it is, never as
HTML or a link; an article's title links to its URL only when that is http(s).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsprism.model import Span
from newsprism.render.md_escape import md_text, safe_link
from newsprism.report import ArticleEntry, Report, StoryReport

PASSAGE_CHARS = 400


def _cell(value: object) -> str:
    return md_text(value if value not in (None, "") else "—")


class _Notes:
    """Footnotes of one story: one per distinct cited span, numbered in order of use."""

    def __init__(self, articles: Mapping[str, ArticleEntry]) -> None:
        self.articles = articles
        self.numbers: dict[tuple[str, int, int], int] = {}

    def cite(self, spans: Sequence[Span]) -> str:
        marks = []
        for s in spans:
            key = (s.article_id, s.start, s.end)
            if s.article_id not in self.articles:
                continue
            number = self.numbers.setdefault(key, len(self.numbers) + 1)
            marks.append(f"[^{number}]")
        return "".join(dict.fromkeys(marks))

    def lines(self) -> list[str]:
        out = []
        for (article_id, start, end), number in self.numbers.items():
            a = self.articles[article_id]
            passage = " ".join(a.text[start:end].split())
            if len(passage) > PASSAGE_CHARS:
                passage = passage[:PASSAGE_CHARS].rsplit(" ", 1)[0] + " …"
            where = f"**{md_text(a.source)}**"
            if a.title:
                where += f", “{md_text(a.title)}”"
            if a.published:
                inferred = ", inferred" if a.published_inferred else ""
                where += f" ({md_text(a.published)}{inferred})"
            out.append(f"[^{number}]: {where}: “{md_text(passage)}”")
        return out


def render_markdown(report: Report) -> str:
    """The report as Markdown (the text of `brief.md`)."""
    articles = {a.id: a for a in report.articles}
    lines = ["# newsprism brief", ""]
    for story in report.stories:
        notes = _Notes(articles)
        lines += _heading(story)
        lines += _brief(story, notes)
        lines += _timeline(story, articles, notes)
        lines += _matrix(story, articles, notes)
        lines += _claims(story, articles, notes)
        lines += _questions(story, notes)
        lines += _articles(story, articles)
        footnotes = notes.lines()
        if footnotes:
            lines += ["### Sources cited", "", *footnotes, ""]
    others = [a for a in report.articles if not a.analysed]
    if others:
        lines += ["## Stored, not analysed", ""]
        lines += [f"- {_cell(a.source)}: {_cell(a.title)} — {_cell(a.skip_reason)}" for a in others]
        lines.append("")
    skipped = report.run.skipped
    if skipped:
        lines += ["## Skipped inputs", ""]
        lines += [f"- {md_text(s.input)}: {md_text(s.reason)}" for s in skipped]
        lines.append("")
    return "\n".join(lines)


def _heading(story: StoryReport) -> list[str]:
    span = story.published
    dates = span.first or "undated"
    if span.last and span.last != span.first:
        dates += f" to {span.last}"
    lines = [
        f"## {md_text(story.title or 'Untitled story')}",
        "",
        f"Story `{story.id}`: {len(story.article_ids)} articles "
        f"({story.size} independent) from {len(story.sources)} outlets, {dates}.",
        "",
    ]
    if story.merged_from:
        merged = ", ".join(f"`{m}`" for m in story.merged_from)
        lines += [f"Stories found to be this one and merged into it: {merged}.", ""]
    return lines


def _brief(story: StoryReport, notes: _Notes) -> list[str]:
    lines: list[str] = []
    for section in story.brief.sections:
        lines += [f"### {section.title}", ""]
        if not section.sentences:
            lines += [f"*{md_text(section.note or 'Nothing in the sources.')}*", ""]
            continue
        models = sorted({s.writer or "extractive" for s in section.sentences} - {"extractive"})
        if models:  # the optional LLM writer's words, not the sources'
            lines += [
                f"*Written by {', '.join(models)}, each sentence checked against its citations.*",
                "",
            ]
        bullets = section.key in ("stakeholders", "perspectives")
        for s in section.sentences:
            text = md_text(s.text) + notes.cite(s.citations)
            lines.append(f"- {text}" if bullets else text)
            if not bullets:
                lines.append("")
        if bullets:
            lines.append("")
    return lines


def _outlets(ids: Sequence[str], articles: Mapping[str, ArticleEntry]) -> str:
    return ", ".join(dict.fromkeys(articles[i].source for i in ids if i in articles))


def _timeline(story: StoryReport, articles: Mapping[str, ArticleEntry], notes: _Notes) -> list[str]:
    entries = story.timeline
    if not entries:
        return []
    lines = ["### Timeline", "", "| date | what happened | outlets |", "|---|---|---|"]
    for e in entries:
        text = _cell(e.text) + notes.cite(e.evidence[:3])
        for c in e.conflicts:
            outlets = _cell(_outlets(c.sources, articles))
            text += f" — **dated {_cell(c.date)} by {outlets}**" + notes.cite(c.evidence[:1])
        date = _cell(e.date) + (" (background)" if e.background else "")
        lines.append(f"| {date} | {text} | {_cell(_outlets(e.sources, articles))} |")
    return [*lines, ""]


def _matrix(story: StoryReport, articles: Mapping[str, ArticleEntry], notes: _Notes) -> list[str]:
    rows = story.matrix
    if not rows:
        return []
    positions = {p.id: p for p in story.positions}

    def cell(ids: Sequence[str]) -> str:
        stances = []
        for i in ids:
            if i in positions:
                p = positions[i]
                outlets = _cell(_outlets(p.sources, articles))
                stances.append(f"“{_cell(p.stance)}” ({outlets}){notes.cite(p.evidence[:2])}")
        return "<br>".join(stances) or "—"

    lines = [
        "### Positions",
        "",
        "| actor | demands | offers | red lines |",
        "|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {_cell(row.actor_name or row.actor)} | {cell(row.demands)} "
            f"| {cell(row.offers)} | {cell(row.red_lines)} |"
        )
    return [*lines, ""]


def _claims(story: StoryReport, articles: Mapping[str, ArticleEntry], notes: _Notes) -> list[str]:
    claims = story.claims
    if not claims:
        return []
    lines = ["### Claims across outlets", ""]
    disagreements = story.disagreements
    if disagreements:
        lines += ["Where the outlets disagree:", ""]
        for d in disagreements:
            a, b = d.sides[0], d.sides[1]
            lines.append(
                f"- **{md_text(d.slot)}**: {md_text(_outlets(a.sources, articles))} — "
                f"“{md_text(a.text)}” ({md_text(a.value)}){notes.cite(a.evidence[:1])}"
                f" · {md_text(_outlets(b.sources, articles))} — “{md_text(b.text)}” "
                f"({md_text(b.value)}){notes.cite(b.evidence[:1])}"
            )
        lines.append("")
    backed = [c for c in claims if c.reader_status == "corroborated"]
    if backed:
        lines += ["Backed by several independent outlets:", ""]
        lines += [
            f"- “{md_text(c.text)}” — {c.voices} voices: "
            f"{md_text(_outlets(c.sources, articles))}" + notes.cite(c.evidence[:3])
            for c in backed
        ]
        lines.append("")
    single = sum(1 for c in claims if c.reader_status == "single_source")
    lines += [f"{single} further claims come from one outlet only (see report.json).", ""]
    return lines


def _questions(story: StoryReport, notes: _Notes) -> list[str]:
    answers = story.answers
    if not answers:
        return []
    lines = ["### Questions the sources answer", ""]
    for a in answers:
        lines += [f"**{md_text(a.question)}**", ""]
        if a.value:
            lines += [f"*{md_text(a.value)}*", ""]
        for s in a.sentences:
            lines.append(f"- {md_text(s.text)}{notes.cite(s.citations)}")
        lines.append("")
    return lines


def _articles(story: StoryReport, articles: Mapping[str, ArticleEntry]) -> list[str]:
    lines = [
        "### Articles",
        "",
        "| outlet | title | published | language | copy of |",
        "|---|---|---|---|---|",
    ]
    for article_id in story.article_ids:
        a = articles[article_id]
        published = a.published and a.published + (" (inferred)" if a.published_inferred else "")
        original = articles.get(a.duplicate_of) if a.duplicate_of else None
        copy = original.source if original else None
        title = safe_link(_cell(a.title), a.url)
        lines.append(
            f"| {_cell(a.source)} | {title} | {_cell(published)} "
            f"| {_cell(a.language)} | {_cell(copy)} |"
        )
    return [*lines, ""]
