"""`brief.md`: the report for reading in a text editor or a Markdown viewer.

Per story, in two clearly separated parts: first the brief — its six sections, each sentence
followed by footnote citations (`[^3]`), the stakeholders one line per actor, and right after it
the sources the brief cites (outlet, the article's title and date, the cited passage
verbatim); then, after a rule, the details: the merged timeline, the positions matrix, the
claims (contradictions with both sides, corroborated claims, a count of single-source ones),
the suggested questions with their answers, the articles, and the passages those cite. An
outlet known only by its file name is shown by its label ("Source A", `outlet_labels`), the file
name beside it in the source notes and the articles table. Inputs that were skipped, and
stored articles not analysed, come last.

Everything that comes from an article (text, title, outlet, author, URL, names, skipped
inputs and their reasons) goes through `md_escape`: it reads as the words it is, never as
HTML or a link; an article's title links to its URL only when that is http(s).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsprism.confidence import FLOORS, shown
from newsprism.model import Span
from newsprism.outlet_labels import outlet_labels
from newsprism.render.md_escape import md_text, safe_link
from newsprism.report import ArticleEntry, Report, SentenceEntry, StoryReport

PASSAGE_CHARS = 400


def _cell(value: object) -> str:
    return md_text(value if value not in (None, "") else "—")


class _Notes:
    """Footnotes of one story: one per distinct cited span, numbered in order of use; `lines`
    gives the notes not given yet (the brief's first, then the details')."""

    def __init__(self, articles: Mapping[str, ArticleEntry], labels: Mapping[str, str]) -> None:
        self.articles = articles
        self.labels = labels
        self.numbers: dict[tuple[str, int, int], int] = {}
        self.given = 0

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
        for (article_id, start, end), number in list(self.numbers.items())[self.given :]:
            a = self.articles[article_id]
            passage = " ".join(a.text[start:end].split())
            if len(passage) > PASSAGE_CHARS:
                passage = passage[:PASSAGE_CHARS].rsplit(" ", 1)[0] + " …"
            label = self.labels.get(article_id, a.source)
            where = f"**{md_text(label)}**"
            if label != a.source:  # the file name a label stands for
                where += f" (`{md_text(a.source)}`)"
            if a.title:
                where += f", “{md_text(a.title)}”"
            if a.published:
                inferred = ", inferred" if a.published_inferred else ""
                where += f" ({md_text(a.published)}{inferred})"
            out.append(f"[^{number}]: {where}: “{md_text(passage)}”")
        self.given = len(self.numbers)
        return out


def render_markdown(report: Report) -> str:
    """The report as Markdown (the text of `brief.md`)."""
    articles = {a.id: a for a in report.articles}
    lines = ["# newsprism brief", ""]
    for story in report.stories:
        labels = story_labels(story, articles)
        notes = _Notes(articles, labels)
        lines += _heading(story)
        lines += _brief(story, notes)
        footnotes = notes.lines()
        if footnotes:
            lines += ["#### Sources of the brief", "", *footnotes, ""]
        # the details follow the brief, apart from it: everything the brief left out
        lines += ["---", "", f"### Details: {md_text(story.title or 'Untitled story')}", ""]
        lines += _timeline(story, articles, notes, labels)
        lines += _matrix(story, articles, notes, labels)
        lines += _claims(story, articles, notes, labels)
        lines += _questions(story, notes)
        lines += _articles(story, articles, labels)
        footnotes = notes.lines()
        if footnotes:
            lines += ["#### Sources of the details", "", *footnotes, ""]
        lines += ["---", ""]
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
        for group in _lines_of(section.sentences, section.key):
            head = group[0].frame.rstrip(": ") if section.key == "stakeholders" else ""
            parts = [
                md_text(s.text[len(s.frame) :] if head else s.text) + notes.cite(s.citations)
                for s in group
            ]
            text = (f"**{md_text(head)}**: " if head else "") + " ".join(parts)
            lines.append(f"- {text}" if bullets else text)
            if not bullets:
                lines.append("")
        if bullets:
            lines.append("")
    return lines


def _lines_of(sentences: Sequence[SentenceEntry], key: str) -> list[list[SentenceEntry]]:
    """The sentences grouped into the lines a reader sees: one line per actor among the
    stakeholders (consecutive sentences under the same name), one paragraph per disagreement
    (its sides), one line per sentence elsewhere."""
    out: list[list[SentenceEntry]] = []
    for s in sentences:
        prev = out[-1][-1] if out else None
        same_actor = key == "stakeholders" and prev is not None and prev.frame == s.frame
        other_side = (
            prev is not None
            and prev.kind == s.kind == "disagreement"
            and not s.frame.startswith("Outlets differ")
        )
        if (same_actor or other_side) and s.frame:
            out[-1].append(s)
        else:
            out.append([s])
    return out


def story_labels(story: StoryReport, articles: Mapping[str, ArticleEntry]) -> dict[str, str]:
    """Per article of the story, its outlet's label in prose (`outlet_labels`)."""
    return outlet_labels((i, articles[i].source) for i in story.article_ids if i in articles)


def _outlets(
    ids: Sequence[str], articles: Mapping[str, ArticleEntry], labels: Mapping[str, str]
) -> str:
    return ", ".join(dict.fromkeys(labels.get(i, articles[i].source) for i in ids if i in articles))


def _timeline(
    story: StoryReport,
    articles: Mapping[str, ArticleEntry],
    notes: _Notes,
    labels: Mapping[str, str],
) -> list[str]:
    entries = [e for e in story.timeline if shown(e.confidence, FLOORS.timeline)]
    if not entries:
        return []
    lines = ["### Timeline", "", "| date | what happened | outlets |", "|---|---|---|"]
    for e in entries:
        text = _cell(e.text) + notes.cite(e.evidence[:3])
        for c in e.conflicts:
            outlets = _cell(_outlets(c.sources, articles, labels))
            text += f" — **dated {_cell(c.date)} by {outlets}**" + notes.cite(c.evidence[:1])
        date = _cell(e.date) + (" (background)" if e.background else "")
        lines.append(f"| {date} | {text} | {_cell(_outlets(e.sources, articles, labels))} |")
    return [*lines, ""]


def _matrix(
    story: StoryReport,
    articles: Mapping[str, ArticleEntry],
    notes: _Notes,
    labels: Mapping[str, str],
) -> list[str]:
    rows = story.matrix
    if not rows:
        return []
    positions = {p.id: p for p in story.positions}

    def cell(ids: Sequence[str]) -> str:
        stances = []
        for i in ids:
            if i in positions:
                p = positions[i]
                outlets = _cell(_outlets(p.sources, articles, labels))
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


def _claims(
    story: StoryReport,
    articles: Mapping[str, ArticleEntry],
    notes: _Notes,
    labels: Mapping[str, str],
) -> list[str]:
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
                f"- **{md_text(d.slot)}**: {md_text(_outlets(a.sources, articles, labels))} — "
                f"“{md_text(a.text)}” ({md_text(a.value)}){notes.cite(a.evidence[:1])}"
                f" · {md_text(_outlets(b.sources, articles, labels))} — “{md_text(b.text)}” "
                f"({md_text(b.value)}){notes.cite(b.evidence[:1])}"
            )
        lines.append("")
    backed = [c for c in claims if c.reader_status == "corroborated"]
    if backed:
        lines += ["Backed by several independent outlets:", ""]
        lines += [
            f"- “{md_text(c.text)}” — {c.voices} voices: "
            f"{md_text(_outlets(c.sources, articles, labels))}" + notes.cite(c.evidence[:3])
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


def _articles(
    story: StoryReport, articles: Mapping[str, ArticleEntry], labels: Mapping[str, str]
) -> list[str]:
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
        label = labels.get(article_id, a.source)
        outlet = _cell(label) + (f" ({_cell(a.source)})" if label != a.source else "")
        lines.append(
            f"| {outlet} | {title} | {_cell(published)} | {_cell(a.language)} | {_cell(copy)} |"
        )
    return [*lines, ""]
