"""Main text and metadata of an HTML page, with trafilatura.

Input: the page as a string (and its URL when known). Output: an `HtmlExtraction` with the body
text (paragraphs separated by newlines) and whatever metadata the page declares.
Known limits: pages that need JavaScript to show their text give nothing; comment sections are
left out on purpose (`include_comments=False`), so reader comments never count as the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsprism.errors import BadInputError, MissingDependencyError


@dataclass(frozen=True, slots=True, kw_only=True)
class HtmlExtraction:
    text: str
    title: str | None = None
    date: str | None = None
    site_name: str | None = None
    author: str | None = None
    language: str | None = None
    url: str | None = None


def extract_html(html: str, *, url: str | None = None, name: str = "page") -> HtmlExtraction:
    """The article body of `html`; raises `BadInputError` naming `name` when there is none."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - trafilatura is a core dependency
        raise MissingDependencyError("trafilatura", "Reading HTML pages") from exc

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many lxml/parser errors
        raise BadInputError(
            name, f"the HTML could not be parsed ({type(exc).__name__}: {exc})", "check the file"
        ) from exc
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise BadInputError(
            name,
            "no article text found in the page",
            "point newsprism at an article page, not an index, login or script-only page",
        )
    title = _clean_meta(getattr(doc, "title", None))
    text = _drop_leading_title(text, title)
    return HtmlExtraction(
        text=text,
        title=title,
        date=_clean_meta(getattr(doc, "date", None)),
        site_name=_clean_meta(getattr(doc, "sitename", None)),
        author=_clean_meta(getattr(doc, "author", None)),
        language=_clean_meta(getattr(doc, "language", None)),
        url=_clean_meta(getattr(doc, "url", None)) or url,
    )


def _clean_meta(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _drop_leading_title(text: str, title: str | None) -> str:
    # Many pages repeat the headline in the first lines of the body; it is kept as the title.
    # The metadata title often carries a section or site name ("Opinion | ...", "... - Site"),
    # so each part of it long enough to be a headline is matched too.
    if not title:
        return text
    variants = {_fold(title)} | {
        _fold(part) for part in re.split(r" [|\-–—:] ", title) if len(part.split()) >= 3
    }
    lines = text.split("\n")
    for index, line in enumerate(lines[:3]):
        if _fold(line) in variants and len(lines) > index + 1:
            return "\n".join(lines[:index] + lines[index + 1 :])
    return text


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


_BLOCKS = (
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment that is all content (a feed entry, a JSON field).

    Unlike `extract_html` it looks for no main block: every paragraph is kept, one per line,
    and scripts and styles are dropped.
    """
    import lxml.html
    from lxml import etree

    # The HTML parser keeps control characters (ESC, form feed) in text that lxml then
    # refuses to take back when the loop below sets a tail: they are spaces here.
    fragment = _CONTROL.sub(" ", fragment)
    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
