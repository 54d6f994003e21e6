"""brief.md against hostile article data, rendered by a CommonMark renderer that passes raw
HTML through (markdown-it-py, `html: True`): no element, attribute or link from the payloads
may survive; each payload must still be readable as text."""

from __future__ import annotations

import dataclasses
import html
import types
import typing
from html.parser import HTMLParser
from typing import Any

from markdown_it import MarkdownIt

from newsprism.render.contract import from_json
from newsprism.render.markdown import render_markdown
from newsprism.render.md_escape import md_text, safe_url
from newsprism.report import Report

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<iframe srcdoc="<script>alert(3)</script>"></iframe>',
    "<svg onload=alert(4)>",
    "[click](javascript:alert(5))",
    "![pic](javascript:alert(6))",
    '<a href="javascript:alert(7)">x</a>',
    "<javascript:alert(8)>",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[y][r] and [r]: javascript:alert(9)",
    "&lt;b onmouseover=alert(10)&gt;",
    "`tick <b>` \\<i>escaped</i>",
    "[^1] forged footnote",
)
TEXT = " ".join(f"Part {i} says {p} here." for i, p in enumerate(PAYLOADS))
OK_URL = "https://ok.example/a?b=(c)<d>"


def _span(article_id: str, text: str, words: str) -> dict[str, Any]:
    start = text.index(words)
    return {"article_id": article_id, "start": start, "end": start + len(words)}


def _sentence(words: str, frame: str = "") -> dict[str, Any]:
    return {"text": frame + words, "citations": [_span("x1", TEXT, words)], "frame": frame}


def _article(aid: str, payload: str, url: str, analysed: bool = True) -> dict[str, Any]:
    return {
        "id": aid,
        "source": f"Outlet {payload}",
        "url": url,
        "title": f"Title {payload}",
        "author": payload,
        "published": "2025-03-04",
        "published_inferred": False,
        "language": "en" if analysed else payload,
        "analysed": analysed,
        "skip_reason": None if analysed else f"language '{payload}' is not analysed",
        "text": TEXT,
        "duplicate_of": None,
    }


def _complete(kind: Any, data: Any) -> Any:
    """`data`, the parts of a report the payloads need, with every other field of the record
    type `kind` filled empty (so `from_json` reads it as the renderer's `Report`)."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        if data is None:
            return None
        (kind,) = [k for k in typing.get_args(kind) if k is not type(None)]
    if typing.get_origin(kind) is tuple:
        return [_complete(typing.get_args(kind)[0], item) for item in data]
    if not (dataclasses.is_dataclass(kind) and isinstance(kind, type)):
        return data
    hints = typing.get_type_hints(kind)
    out = {}
    for f in dataclasses.fields(kind):
        if f.name in data:
            out[f.name] = _complete(hints[f.name], data[f.name])
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            out[f.name] = _empty(hints[f.name])
    return out


def _empty(kind: Any) -> Any:
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        return None
    if typing.get_origin(kind) is tuple:
        return []
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        return _complete(kind, {})
    return {str: "", bool: False, int: 0, float: 0.0}.get(kind)


def _hostile_report() -> Report:
    return from_json(_complete(Report, _hostile_dict()))


def _hostile_dict() -> dict[str, Any]:
    articles = [
        _article("x1", PAYLOADS[0], "javascript:alert(11)"),
        _article("x2", PAYLOADS[1], OK_URL),
        _article("x3", PAYLOADS[3], "data:text/html,<script>alert(12)</script>"),
        _article("x4", PAYLOADS[2], "https://ok.example/other", analysed=False),
    ]
    spans = [_span("x1", TEXT, p) for p in PAYLOADS]
    sections = [
        {
            "key": key,
            "title": key.title(),
            "sentences": [_sentence(p, frame) for p in PAYLOADS],
            "note": None,
        }
        for key, frame in (("context", ""), ("stakeholders", "According to X: "))
    ]
    story = {
        "id": "st1",
        "title": f"Story {PAYLOADS[4]} {PAYLOADS[0]}",
        "article_ids": ["x1", "x2", "x3"],
        "sources": [a["source"] for a in articles[:3]],
        "size": 3,
        "published": {"first": "2025-03-04", "last": "2025-03-04"},
        "brief": {"sections": sections},
        "timeline": [
            {
                "date": "2025-03-04",
                "text": p,
                "sources": ["x1", "x2"],
                "evidence": [s],
                "conflicts": [{"date": "2025-03-05", "sources": ["x3"], "evidence": [s]}],
            }
            for p, s in zip(PAYLOADS, spans, strict=True)
        ],
        "positions": [
            {"id": f"p{i}", "stance": p, "sources": ["x1"], "evidence": [s]}
            for i, (p, s) in enumerate(zip(PAYLOADS, spans, strict=True))
        ],
        "matrix": [
            {
                "actor": "e1",
                "actor_name": PAYLOADS[1],
                "demands": ["p0", "p1", "p2"],
                "offers": ["p3", "p4", "p5"],
                "red_lines": ["p6", "p7", "p8"],
            }
        ],
        "claims": [
            {
                "text": p,
                "status": "corroborated",
                "voices": 2,
                "sources": ["x1", "x2"],
                "evidence": [s],
            }
            for p, s in zip(PAYLOADS, spans, strict=True)
        ],
        "disagreements": [
            {
                "slot": PAYLOADS[0],
                "sides": [
                    {"text": PAYLOADS[4], "value": PAYLOADS[1], "sources": ["x1"], "evidence": [s]},
                    {"text": PAYLOADS[6], "value": PAYLOADS[2], "sources": ["x2"], "evidence": [s]},
                ],
            }
            for s in spans[:2]
        ],
        "answers": [
            {
                "question": f"What about {p}?",
                "value": p,
                "sentences": [_sentence(p)],
            }
            for p in PAYLOADS
        ],
    }
    return {
        "schema": "newsprism.report/1",
        "articles": articles,
        "stories": [story],
        "run": {"skipped": [{"input": f"file {p}.txt", "reason": f"bad {p}"} for p in PAYLOADS]},
    }


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _render(markdown: str) -> _Elements:
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    parsed = _Elements()
    parsed.feed(html)
    parsed.close()
    return parsed


# What brief.md itself writes: headings, paragraphs, lists, tables, emphasis, <br> in cells,
# the title links and story ids.
OWN_TAGS = {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "table", "thead", "tbody"}
OWN_TAGS |= {"tr", "th", "td", "br", "a", "code"}  # code: story ids
OWN_TAGS |= {"h4", "hr"}  # the brief's sources, and the rule before the details


def test_the_renderer_used_here_does_run_raw_html() -> None:
    # Without escaping, the same payloads become elements and links: the test below can fail.
    tags = {tag for tag, _ in _render("\n\n".join(PAYLOADS)).tags}
    assert {"script", "img", "iframe", "svg", "a"} <= tags


def test_no_element_attribute_or_link_from_article_data_survives_in_brief_md() -> None:
    parsed = _render(render_markdown(_hostile_report()))
    tags = [tag for tag, _ in parsed.tags]
    assert set(tags) <= OWN_TAGS, set(tags) - OWN_TAGS
    for tag, attrs in parsed.tags:
        assert not [a for a in attrs if a.startswith("on") or a in ("srcdoc", "src", "style")]
        if tag == "a":
            assert set(attrs) == {"href"}
            assert attrs["href"] == safe_url(OK_URL)
            assert (attrs["href"] or "").startswith("https://ok.example/")
    assert tags.count("a") == 1  # the one article with an http(s) URL links its title
    # every payload is still there to read, as the characters it is
    shown = "".join(parsed.text)
    for payload in PAYLOADS:
        assert payload in shown, payload


def test_only_http_urls_become_link_targets() -> None:
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JaVaScRiPt:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url("/relative/path") is None
    assert safe_url("https://") is None
    assert safe_url("https://a.example/x y)(<z>") == "https://a.example/x%20y%29%28%3Cz%3E"
    assert md_text("a <b> [c](d) & e") == "a \\<b\\> \\[c\\](d) & e"


def test_escapes_are_only_where_markdown_would_act() -> None:
    # what cannot act stays as written, so brief.md reads well in an editor
    assert md_text("AT&T 003_0b26 snake_case") == "AT&T 003_0b26 snake_case"
    assert md_text("&amp; &#60; _em_ *x*") == "\\&amp; \\&#60; \\_em\\_ \\*x\\*"
    assert md_text("# not a heading") == "\\# not a heading"
    assert md_text("- not a list") == "\\- not a list"
    assert md_text("1. not a list") == "1\\. not a list"
    for text in ("AT&T 003_0b26", "&amp; _em_ *x*", "# h", "- l", "1. n", "a\\b `c`"):
        rendered = MarkdownIt("commonmark", {"html": True}).render(md_text(text))
        assert rendered == f"<p>{html.escape(text, quote=False)}</p>\n", text
