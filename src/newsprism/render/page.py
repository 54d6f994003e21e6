"""`report.html`: one standalone file (no scripts or styles from the network).

Everything that comes from an article is escaped, so markup inside an article shows as text.
Until the compose stage exists it lists what was read, like the Markdown report.
"""

from __future__ import annotations

from html import escape
from typing import Any

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #ddd;
padding:.4rem .6rem;text-align:left;vertical-align:top}th{background:#f4f4f4}
.muted{color:#777}details{margin:.3rem 0}pre{white-space:pre-wrap;background:#fafafa;padding:.8rem}
"""


def _e(value: object) -> str:
    return escape(str(value)) if value not in (None, "") else "<span class=muted>—</span>"


def render_html(report: dict[str, Any]) -> str:
    articles = {a["id"]: a for a in report["articles"]}
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        "<meta name=viewport content='width=device-width,initial-scale=1'>",
        f"<title>newsprism report</title><style>{_STYLE}</style></head><body>",
        "<h1>newsprism report</h1>",
    ]
    for story in report["stories"]:
        parts.append(f"<h2>Story: {_e(story['title'] or 'untitled')}</h2>")
        parts.append(
            f"<p>{len(story['article_ids'])} articles from {len(story['sources'])} outlets "
            f"({len(story['independent_sources'])} independent).</p>"
        )
        parts.append(
            "<table><tr><th>outlet</th><th>title</th><th>published</th>"
            "<th>language</th><th>copy of</th></tr>"
        )
        for article_id in story["article_ids"]:
            a = articles[article_id]
            published = a["published"] and a["published"] + (
                " (inferred)" if a["published_inferred"] else ""
            )
            copy = articles[a["duplicate_of"]]["source"] if a["duplicate_of"] in articles else None
            title = _e(a["title"] or "(no title)")
            parts.append(
                f"<tr><td>{_e(a['source'])}</td><td><details><summary>{title}"
                f"</summary><pre>{_e(a['text'])}</pre></details></td><td>{_e(published)}</td>"
                f"<td>{_e(a['language'])}</td><td>{_e(copy)}</td></tr>"
            )
        parts.append("</table>")
    skipped = report["run"]["skipped"]
    if skipped:
        parts.append("<h2>Skipped inputs</h2><ul>")
        parts += [f"<li><code>{_e(s['input'])}</code>: {_e(s['reason'])}</li>" for s in skipped]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)
