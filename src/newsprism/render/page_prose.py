"""`report.html`, the story parts written as prose: the brief, the suggested questions with
their answers, and the timeline. Input: one story's `StoryView`; output: the part's HTML."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsprism.confidence import FLOORS, shown
from newsprism.render.page_parts import (
    Notes,
    StoryView,
    cited_by_outlet,
    date_key,
    esc,
    format_date,
    note,
)
from newsprism.report import AnswerEntry, SentenceEntry, TimelineItem

# Brief sections whose sentences read best one to a line (views, not a narrative).
_LISTED = {"stakeholders", "perspectives"}
# What may end a sentence as printed.
_CLOSERS = frozenset('.!?…"”’)»')


# ---------------------------------------------------------------- brief and answers


def _frame(sentence: SentenceEntry) -> str:
    """The sentence's lead-in, when its text really starts with it."""
    frame = sentence.frame
    return frame if frame and sentence.text.startswith(frame) else ""


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
    sentence: SentenceEntry, notes: Notes, show_frame: bool = True, tag: bool = True
) -> str:
    """One cited sentence: its lead-in in grey (left out when the sentence before has the
    same one), its words, its citation markers and a tag for a disputed or forecast one."""
    text = sentence.text
    frame = _frame(sentence)
    kind = sentence.kind or "fact"
    shown = frame if show_frame else ""
    rest = _as_sentence(text[len(frame) :], capital=not shown)
    label = {"disagreement": "disputed", "forecast": "forecast"}.get(kind, "") if tag else ""
    if label in frame.lower() or (label == "forecast" and " expects: " in frame):
        label = ""  # the lead-in says it already ("Source A expects: ")
    return (
        f"<span class='s k-{esc(kind)}'>"
        + (f"<span class=frame>{esc(shown)}</span>" if shown else "")
        + f"{esc(rest)}{notes.marks(sentence.citations)}"
        + (f" <span class=tag>{label}</span>" if label else "")
        + "</span>"
    )


def _sentences(sentences: Sequence[SentenceEntry], notes: Notes, listed: bool) -> str:
    """A paragraph of sentences, or a list with one item per run of sentences that share a
    lead-in ("Russia: …"), which then shows once. Sentences that set one outlet's account
    against another's stand apart, one to a line, in a box marked as disputed."""
    blocks: list[tuple[bool, list[SentenceEntry]]] = []
    for sentence in sentences:
        disputed = sentence.kind == "disagreement"
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
        runs: list[list[SentenceEntry]] = []
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


def brief_html(ctx: StoryView) -> str:
    """The brief's sections, each sentence with its citation markers, and the brief's
    footnotes (left open: they are what a reader without JavaScript follows)."""
    brief = ctx.story.brief
    if not brief.sections:
        return note("No brief was composed for this story.")
    notes = ctx.cites.notes("brief")
    out: list[str] = []
    for section in brief.sections:
        key = section.key or f"part{len(out)}"
        h = ctx.sub
        out.append(
            f"<h{h} class=sub-h id='{esc(ctx.prefix)}-brief-{esc(key)}'>{esc(section.title)}</h{h}>"
        )
        if section.sentences:
            out.append(_sentences(section.sentences, notes, key in _LISTED))
        else:
            out.append(note(section.note or "The sources give nothing for this section."))
    out.append(notes.render("Sources of the brief", fold=False))
    generator = brief.generator
    if generator and generator.startswith("llm:"):
        out.append(
            f"<p class=fine>Sections written by {esc(generator)}, in its own words: each of its "
            "sentences was kept only when the passages it cites hold its names, numbers, "
            "dates, negations and speakers; the other sections are the extractive "
            "composer's.</p>"
        )
    elif generator:
        out.append(
            f"<p class=fine>Written by the {esc(generator)} composer: each sentence's words, "
            "after any lead-in in grey, are taken from the passages it cites.</p>"
        )
    return "".join(out)


def questions_html(ctx: StoryView) -> str:
    """The suggested questions, each folding its pre-computed answer (or a note that none
    was worked out) with the answer's own footnotes; follow-ups link to their answers."""
    story = ctx.story
    if not story.answers and not story.questions:
        return note("No questions were suggested for this story.")
    asked = {a.question for a in story.answers}
    answers: list[tuple[str, AnswerEntry | None]] = [(a.question, a) for a in story.answers]
    answers += [(q, None) for q in story.questions if q not in asked]
    ids = {question: f"{ctx.prefix}-q{i + 1}" for i, (question, _) in enumerate(answers)}
    out = [
        "<p class=fine>Answers were worked out from the sources when the report was written; "
        "open a question to read its answer.</p>"
    ]
    for i, (question, answer) in enumerate(answers):
        notes = ctx.cites.notes(f"q{i + 1}")
        out.append(
            f"<details class=qa id='{ids[question]}'><summary>{esc(question)}</summary>"
            f"<div class=answer>{answer_part(answer, notes, ids)}{notes.render(fold=False)}</div>"
            "</details>"
        )
    return "".join(out)


def answer_part(answer: AnswerEntry | None, notes: Notes, ids: Mapping[str, str]) -> str:
    """An answer's value, cited sentences (markers into `notes`) and follow-ups (linked to
    the ids of their answers on the page, where `ids` has them)."""
    if answer is None:
        return note("No answer was worked out for this question.")
    out = []
    sentences = answer.sentences
    if answer.refused:
        out.append("<p class=refused>The sources don't say.</p>")
        if sentences:
            out.append("<p class=fine>The closest they come:</p>")
    elif answer.value:
        value = answer.value
        shown = format_date(value) if answer.value_kind == "date" else value
        out.append(f"<p class=value>Answer: <strong>{esc(shown)}</strong></p>")
    if answer.disagreement:
        out.append("<p class=warn>The outlets answer differently; both sides are shown.</p>")
    if sentences:
        out.append(_sentences(sentences, notes, listed=True))
    follow = answer.follow_ups
    if follow:
        links = "".join(
            f"<li><a href='#{ids[f]}'>{esc(f)}</a></li>" if f in ids else f"<li>{esc(f)}</li>"
            for f in follow
        )
        out.append(f"<p class=fine>Follow-up questions the sources can answer:</p><ul>{links}</ul>")
    return "".join(out)


# ---------------------------------------------------------------- timeline


def timeline_html(ctx: StoryView) -> str:
    """The merged timeline in date order, background first behind a divider (or tagged
    where it falls between the story's days), with the dates other outlets give."""
    entries = sorted(
        (e for e in ctx.story.timeline if shown(e.confidence, FLOORS.timeline)),
        key=lambda e: date_key(e.date),
    )
    if not entries:
        return note("No dated events were found in the sources.")
    notes = ctx.cites.notes("timeline")
    flags = [e.background for e in entries]
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
        date = entry.date
        items.append(_timeline_entry(ctx, entry, notes, date == last_date, not divided))
        last_date = date
    legend = (
        "<p class=fine>Each event in the words of the first outlet that dates it; the badges "
        "are every outlet reporting it. Grey entries are background, well before the story's "
        "days.</p>"
    )
    return f"{legend}<ol class=tl>{''.join(items)}</ol>{notes.render()}"


def _timeline_entry(
    ctx: StoryView, entry: TimelineItem, notes: Notes, same: bool, tag: bool
) -> str:
    classes = "tl-item" + (" bg" if entry.background else "") + (" same" if same else "")
    label = " <span class=tag>background</span>" if tag and entry.background else ""
    date = "" if same else esc(format_date(entry.date, short=True))
    badges = ctx.badges_of(entry.sources, entry.outlets)
    conflicts = "".join(
        f"<p class=conflict><span class=tag>dated differently</span> "
        f"<strong>{esc(format_date(c.date))}</strong> according to "
        f"{cited_by_outlet(notes, ctx.outlets, c.evidence)}"
        + ("" if c.evidence else ctx.badges_of(c.sources))
        + "</p>"
        for c in entry.conflicts
    )
    return (
        f"<li class='{classes}'><div class=tl-date>{date}</div><div class=tl-body>"
        f"<p class=tl-text>{esc(_as_sentence(entry.text))}"
        f"{notes.marks(entry.evidence)}{label}</p>"
        f"<p class=tl-meta>{badges}</p>{conflicts}</div></li>"
    )
