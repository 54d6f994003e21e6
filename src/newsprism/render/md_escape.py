"""Article data made inert in Markdown: shown as the words it is, never as markup or a link.

Input: a string that came from an article (its text, title, outlet, author or URL). Output:
Markdown source that a CommonMark renderer, raw HTML allowed, shows as exactly that string.

Why: `brief.md` is opened in Markdown viewers, and many of them pass raw HTML through. An
article whose title is `<img src=x onerror=…>` or whose text holds `[x](javascript:…)` would
run code in the reader's viewer. Escaping each Markdown-active character with a backslash
(CommonMark: a backslash before any ASCII punctuation makes it a literal) keeps the text as
readable in an editor as it was, and turns every tag, link, image, footnote reference and
entity in it into plain characters. Link targets come only from `safe_link`, which lets
http(s) URLs through and shows anything else as text.

Known limits: a Markdown viewer that ignores backslash escapes (not CommonMark) is not
covered; such viewers are rare and also render their own HTML unsafely.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# Every character that can open markup, a link, an image, a code span, emphasis, a table
# cell or a footnote reference, and the backslash itself, so escapes stay escapes. An
# underscore inside a word ("003_0b26") cannot emphasise in CommonMark and an ampersand that
# starts no entity ("AT&T") is a plain character: those are left alone, so the file still
# reads well in an editor.
_ACTIVE = re.compile(
    r"[\\`*\[\]<>|~]"  # always active
    r"|(?<![^\W_])_|_(?![^\W_])"  # an underscore at a word's edge
    r"|&(?=#?[0-9A-Za-z]+;)"  # an ampersand that starts an entity
)
# What makes a block of a line's start: a heading, a list item, a quote, a setext underline.
_LINE_START = re.compile(r"^(#|[-+=]|\d+(?=[.)]))")
_SPACE = re.compile(r"\s+")


def md_text(value: object) -> str:
    """`value` as inline Markdown text: whitespace folded, every active character escaped."""
    text = _ACTIVE.sub(lambda m: "\\" + m.group(0), _SPACE.sub(" ", str(value)).strip())
    return _LINE_START.sub(_escape_line_start, text, count=1)


def _escape_line_start(match: re.Match[str]) -> str:
    mark = match.group(0)
    return mark + "\\" if mark[0].isdigit() else "\\" + mark  # "12\. " but "\# "


def safe_url(url: str | None) -> str | None:
    """`url` when it is an http(s) URL with a host, percent-encoded so it cannot close a link
    destination; `None` for anything else (javascript:, data:, file:, relative …)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")


def safe_link(label: str, url: str | None) -> str:
    """A Markdown link to `url` showing `label` (already Markdown), or `label` alone when the
    URL is not http(s)."""
    target = safe_url(url)
    if target is None:
        return label
    return f"[{label}](<{target}>)"
