"""`brief.md`: the report for reading in a text editor or a Markdown viewer.

Until the compose stage exists it lists what was read: the stories, their articles, and the
inputs that were skipped with the reason.
"""

from __future__ import annotations

from typing import Any


def _cell(value: object) -> str:
    return str(value if value not in (None, "") else "—").replace("|", "\\|").replace("\n", " ")


def render_markdown(report: dict[str, Any]) -> str:
    articles = {a["id"]: a for a in report["articles"]}
    lines = ["# newsprism report", ""]
    for story in report["stories"]:
        lines += [f"## Story: {story['title'] or 'untitled'} (`{story['id']}`)", ""]
        span = story.get("published") or {}
        dates = span.get("first") or "undated"
        if span.get("last") and span.get("last") != span.get("first"):
            dates += f" to {span['last']}"
        lines += [
            f"{len(story['article_ids'])} articles ({story.get('size', '?')} independent) from "
            f"{len(story['sources'])} outlets, {dates}.",
            "",
        ]
        if story.get("merged_from"):
            merged = ", ".join(f"`{m}`" for m in story["merged_from"])
            lines += [f"Stories found to be this one and merged into it: {merged}.", ""]
        lines += ["| outlet | title | published | language | copy of |", "|---|---|---|---|---|"]
        for article_id in story["article_ids"]:
            a = articles[article_id]
            published = a["published"] and a["published"] + (
                " (inferred)" if a["published_inferred"] else ""
            )
            copy = articles.get(a["duplicate_of"], {}).get("source") if a["duplicate_of"] else None
            lines.append(
                f"| {_cell(a['source'])} | {_cell(a['title'])} | {_cell(published)} "
                f"| {_cell(a['language'])} | {_cell(copy)} |"
            )
        lines.append("")
    others = [a for a in report["articles"] if not a["analysed"]]
    if others:
        lines += ["## Stored, not analysed", ""]
        lines += [
            f"- {_cell(a['source'])}: {_cell(a['title'])} — {a['skip_reason']}" for a in others
        ]
        lines.append("")
    skipped = report["run"]["skipped"]
    if skipped:
        lines += ["## Skipped inputs", ""]
        lines += [f"- `{s['input']}`: {s['reason']}" for s in skipped]
        lines.append("")
    return "\n".join(lines)
