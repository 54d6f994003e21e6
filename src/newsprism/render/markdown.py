"""`brief.md`: the report for reading in a text editor or a Markdown viewer.

Until the compose stage exists it lists what was read, extracted and compared: the stories,
their articles, each stakeholder's positions, the attributed quotes (with the outlets that
carry them), the contradicted and corroborated claims, and the inputs that were skipped with
the reason.
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
        lines += _positions(story, articles) + _quotes(story, articles) + _claims(story, articles)
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


def _outlets(ids: list[str], articles: dict[str, Any]) -> str:
    return ", ".join(dict.fromkeys(articles[i]["source"] for i in ids if i in articles))


def _positions(story: dict[str, Any], articles: dict[str, Any]) -> list[str]:
    if not story.get("positions"):
        return []
    lines = [
        "### Positions",
        "",
        "| actor | kind | stance (verbatim) | outlets |",
        "|---|---|---|---|",
    ]
    for p in story["positions"]:
        lines.append(
            f"| {_cell(p.get('actor_name') or p['actor'])} | {_cell(p.get('kind'))} "
            f"| {_cell(p['stance'])} | {_cell(_outlets(p.get('sources', []), articles))} |"
        )
    return [*lines, ""]


def _quotes(story: dict[str, Any], articles: dict[str, Any]) -> list[str]:
    if not story.get("quotes"):
        return []
    lines = ["### Quotes", ""]
    for q in story["quotes"]:
        said = f"“{q['text']}”" if q["direct"] else f"(reported) {q['text']}"
        who = q.get("speaker_name") or q["speaker_text"]
        if q.get("speaker_name") and q["speaker_text"] not in (q["speaker_name"], ""):
            who += f" ({q['speaker_text']})"
        lines.append(f"- **{who}** {q['cue']}: {said} — {_outlets(q.get('sources', []), articles)}")
    return [*lines, ""]


def _claims(story: dict[str, Any], articles: dict[str, Any]) -> list[str]:
    claims = story.get("claims") or []
    if not claims:
        return []
    by_id = {c["id"]: c for c in claims}
    lines = ["### Claims", ""]
    contradicted = [c for c in claims if c["status"] == "contradicted"]
    if contradicted:
        lines += ["Where the outlets disagree:", ""]
        for c in contradicted:
            for f in c.get("conflicts", []):
                other = by_id.get(f["claim"])
                if other is None or c["id"] > other["id"]:
                    continue  # each pair once
                lines.append(
                    f"- **{f['slot']}**: {_outlets(c['sources'], articles)} — "
                    f"“{c['text']}” ({f['value']}) · {_outlets(other['sources'], articles)} — "
                    f"“{other['text']}” ({f['other_value']})"
                )
        lines.append("")
    backed = [c for c in claims if c["status"] == "corroborated"]
    if backed:
        lines += ["Backed by several independent outlets:", ""]
        lines += [
            f"- “{c['text']}” — {c['voices']} voices: {_outlets(c['sources'], articles)}"
            for c in backed
        ]
        lines.append("")
    single = sum(1 for c in claims if c["status"] == "single_source")
    lines += [f"{single} further claims come from one outlet only (see report.json).", ""]
    return lines
