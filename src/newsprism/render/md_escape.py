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

# Every character that can open markup, a link, an image, a code span, emphasis, an entity,
# a table cell or a footnote reference; the backslash first, so escapes stay escapes.
_ACTIVE = re.compile(r"([\\`*_\[\]<>&|!~#])")
_SPACE = re.compile(r"\s+")


def md_text(value: object) -> str:
    """`value` as inline Markdown text: whitespace folded, every active character escaped."""
    return _ACTIVE.sub(r"\\\1", _SPACE.sub(" ", str(value)).strip())


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
