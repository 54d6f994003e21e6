"""Hypothesis strategies for hostile inputs to every reader: (file name, bytes) pairs.

Shared by the fuzz tests (tests/ingest/test_fuzz.py, a small fixed-seed budget) and the fuzz
benchmark (bench/fuzz.py, 10,000 inputs and more). Each format has a strategy that writes
inputs that are nearly right (the reader takes the format path) with hostile parts: deep
nesting, lone surrogates, character references to no character, declared charsets that are no
encoding, broken compression, megabyte-long lines, truncation and flipped bytes.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

from hypothesis import strategies as st

Input = tuple[str, bytes]

# Words and the odd characters parsers trip on, mixed into otherwise ordinary text.
WORDS = st.sampled_from(
    [
        "the",
        "talks",
        "opened",
        "on",
        "Monday",
        "in",
        "Geneva",
        "officials",
        "said",
        "46",
        "detainees",
        "Valdoria",
        "Marenne",
        "agreed",
        "President",
        "Marr",
        "15",
        "May",
        "2025",
        "“quoted”",
        "&",
        "<",
        ">",
        "'",
        '"',
        ";",
        ":",
        "#",
        "*",
        "_",
        "[",
        "]",
        "(",
        ")",
        "\\",
        "`",
        "été",
        "Дума",
        "北京",
        "😀",
        "\u200b",
        "\ufeff",
        "\x00",
        "\x1b",
    ]
)
ODD = st.one_of(
    st.characters(categories=["Cs"]),  # lone surrogates
    st.characters(codec="utf-8"),
    st.sampled_from(["\r", "\n\n", "\t", "\u2028", "\u0085", "&#0;", "&#x110000;", "&amp"]),
)
CHAR_REFS = st.one_of(
    st.integers(0, 0x11FFFF).map(lambda n: f"&#{n};"),
    st.integers(0xD800, 0xDFFF).map(lambda n: f"&#x{n:X};"),
    st.sampled_from(["&#99999999999;", "&#1114112;", "&#xD800;", "&#x;", "&#;", "&#00000065;"]),
    st.text(alphabet="0123456789", min_size=8, max_size=40).map(lambda d: f"&#{d};"),
)
CHARSETS = st.sampled_from(
    [
        "utf-8",
        "latin-1",
        "undefined",
        "unicode_escape",
        "raw_unicode_escape",
        "base64",
        "rot13",
        "zlib",
        "utf-7",
        "utf-16",
        "utf-32",
        "idna",
        "punycode",
        "bogus",
        "",
    ]
)


@st.composite
def prose(draw: st.DrawFn, max_words: int = 60) -> str:
    """Sentences of words with odd characters and character references mixed in."""
    parts = draw(st.lists(st.one_of(WORDS, WORDS, WORDS, ODD, CHAR_REFS), max_size=max_words))
    return " ".join(parts)


@st.composite
def long_line(draw: st.DrawFn) -> str:
    """One line far longer than any paragraph (up to 300,000 characters)."""
    unit = draw(st.sampled_from(["word ", "The talks went well. ", "x", "<b>", "&#65;"]))
    return unit * draw(st.integers(10_000, 300_000 // len(unit)))


def _encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding, "surrogatepass")
    except (LookupError, UnicodeError):
        return text.encode("utf-8", "surrogatepass")


@st.composite
def text_input(draw: st.DrawFn) -> Input:
    rare_long = st.integers(0, 9).flatmap(lambda n: long_line() if n == 0 else prose())
    lines = draw(st.lists(rare_long, min_size=1, max_size=6))
    body = "\n".join(lines)
    if draw(st.booleans()):
        keys = ["source", "published", "title", "url", "author", "language", "date", "x"]
        meta = "\n".join(
            f"{k}: {draw(prose(max_words=5))}" for k in draw(st.lists(st.sampled_from(keys)))
        )
        body = f"---\n{meta}\n---\n{body}"
    if draw(st.booleans()):
        body = f"# {draw(prose(max_words=8))}\n\n{body}"
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "utf-8-sig"]))
    return draw(st.sampled_from(["a.txt", "a.md", "a.text"])), _encode(body, encoding)


TAGS = st.sampled_from(
    [
        "div",
        "p",
        "span",
        "article",
        "section",
        "b",
        "i",
        "a",
        "script",
        "style",
        "table",
        "td",
        "li",
        "ul",
        "svg",
        "iframe",
        "img",
        "br",
        "meta",
        "h1",
        "noscript",
        "template",
        "x-y",
    ]
)


def _html_tree() -> st.SearchStrategy[str]:
    leaf = st.one_of(
        prose(max_words=20), CHAR_REFS, st.just("<!-- c -->"), st.just("<![CDATA[x]]>")
    )

    def extend(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.builds(
            lambda tag, attrs, kids, close: (
                f"<{tag}{attrs}>{''.join(kids)}" + (f"</{tag}>" if close else "")
            ),
            TAGS,
            st.sampled_from(["", ' class="body"', " onerror=alert(1)", ' x="&#1114112;"', " a=<"]),
            st.lists(children, max_size=4),
            st.booleans(),
        )

    return st.recursive(leaf, extend, max_leaves=40)


@st.composite
def html_input(draw: st.DrawFn) -> Input:
    head = ""
    if draw(st.booleans()):
        head += f'<meta charset="{draw(CHARSETS)}">'
    if draw(st.booleans()):
        head += f"<title>{draw(prose(max_words=10))}</title>"
    body = draw(_html_tree())
    depth = draw(st.sampled_from([0, 0, 0, 50, 900, 1500, 20_000]))
    tag = draw(TAGS)
    body = f"<{tag}>" * depth + body + f"</{tag}>" * draw(st.sampled_from([0, depth]))
    page = f"<!doctype html><html><head>{head}</head><body><article>{body}</article></body></html>"
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "latin-1", "utf-16"]))
    return draw(st.sampled_from(["a.html", "a.htm", "a.xhtml"])), _encode(page, encoding)


TEXT_FIELDS = [
    "text",
    "body",
    "content",
    "article",
    "articleBody",
    "title",
    "headline",
    "url",
    "link",
    "source",
    "outlet",
    "publisher",
    "published",
    "date",
    "pubDate",
    "author",
    "authors",
    "language",
    "lang",
    "name",
    "value",
    "x",
]


def _json_value() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        prose(max_words=30),
        st.text(st.characters(categories=["Cs", "Lu", "Nd", "Zs"]), max_size=20),
    )
    return st.recursive(
        scalars,
        lambda kids: st.one_of(
            st.lists(kids, max_size=4),
            st.dictionaries(st.sampled_from(TEXT_FIELDS), kids, max_size=5),
        ),
        max_leaves=25,
    )


@st.composite
def json_record(draw: st.DrawFn) -> str:
    record = draw(st.dictionaries(st.sampled_from(TEXT_FIELDS), _json_value(), max_size=8))
    if draw(st.booleans()):
        record["text"] = draw(st.one_of(prose(), prose(), _html_tree(), long_line()))
    text = json.dumps(record, ensure_ascii=draw(st.booleans()), allow_nan=True)
    depth = draw(st.sampled_from([0, 0, 0, 80, 900, 5000, 100_000]))
    if depth:  # a field nested deeper than any parser should follow
        text = (
            text[:-1]
            + (", " if len(record) else "")
            + '"author": '
            + "[" * depth
            + "]" * depth
            + "}"
        )
    if draw(st.integers(0, 9)) == 0:  # a number of 5,000 digits: json.loads refuses it
        text = text[:-1] + (", " if text != "{}" else "") + '"huge": ' + "9" * 5000 + "}"
    return text


@st.composite
def json_input(draw: st.DrawFn) -> Input:
    records = draw(st.lists(json_record(), min_size=1, max_size=4))
    shape = draw(st.sampled_from(["list", "wrapped", "one"]))
    if shape == "list":
        text = "[" + ",".join(records) + "]"
    elif shape == "wrapped":
        text = '{"articles": [' + ",".join(records) + "]}"
    else:
        text = records[0]
    return "a.json", text.encode("utf-8", "surrogatepass")


@st.composite
def jsonl_input(draw: st.DrawFn) -> Input:
    lines = draw(st.lists(st.one_of(json_record(), json_record(), prose(max_words=5)), max_size=6))
    return draw(st.sampled_from(["a.jsonl", "a.ndjson"])), "\n".join(lines).encode(
        "utf-8", "surrogatepass"
    )


@st.composite
def feed_input(draw: st.DrawFn) -> Input:
    def field() -> str:
        return draw(st.one_of(prose(max_words=25), CHAR_REFS, _html_tree()))

    cdata = draw(st.booleans())
    items = []
    for _ in range(draw(st.integers(0, 4))):
        summary = field()
        summary = f"<![CDATA[{summary}]]>" if cdata else summary.replace("<", "&lt;")
        items.append(
            f"<item><title>{field()}</title><link>{draw(st.sampled_from(['https://w.example/1', 'javascript:x', '', field()]))}</link>"
            f"<description>{summary}</description><pubDate>{field()}</pubDate></item>"
        )
    encoding = draw(CHARSETS)
    if draw(st.booleans()):
        feed = (
            f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>'
            f"<title>{field()}</title>{''.join(items)}</channel></rss>"
        )
    else:
        entries = "".join(i.replace("item>", "entry>") for i in items)
        feed = (
            f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{field()}</title>{entries}</feed>"
        )
    return draw(st.sampled_from(["a.rss", "a.xml", "a.atom"])), feed.encode(
        "utf-8", "surrogatepass"
    )


@st.composite
def opml_input(draw: st.DrawFn) -> Input:
    urls = draw(
        st.lists(
            st.one_of(
                st.sampled_from(["a.opml", "https://w.example/feed", "file:///etc/passwd", ""]),
                prose(max_words=3),
            ),
            max_size=5,
        )
    )
    outlines = "".join(f'<outline xmlUrl="{u}"/>' for u in urls)
    depth = draw(st.sampled_from([0, 0, 1500]))
    doc = f'<?xml version="1.0"?><opml><body>{"<outline>" * depth}{outlines}{"</outline>" * depth}</body></opml>'
    return "a.opml", doc.encode("utf-8", "surrogatepass")


def _formats() -> st.SearchStrategy[Input]:
    return st.one_of(
        text_input(), html_input(), json_input(), jsonl_input(), feed_input(), opml_input()
    )


@st.composite
def gz_input(draw: st.DrawFn) -> Input:
    name, data = draw(_formats())
    packed = gzip.compress(data)
    damage = draw(st.sampled_from(["none", "flip", "truncate", "trailing"]))
    if damage == "flip" and len(packed) > 20:
        at = draw(st.integers(10, len(packed) - 9))
        packed = packed[:at] + bytes(b ^ 0x5A for b in packed[at : at + 8]) + packed[at + 8 :]
    elif damage == "truncate":
        packed = packed[: draw(st.integers(0, len(packed)))]
    elif damage == "trailing":
        packed += draw(st.binary(max_size=30))
    return name + ".gz", packed


@st.composite
def mutated_input(draw: st.DrawFn) -> Input:
    """A well-formed input of any format with bytes flipped, cut, or repeated."""
    name, data = draw(_formats())
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        if not buf:
            break
        at = draw(st.integers(0, len(buf) - 1))
        op = draw(st.sampled_from(["flip", "cut", "dup", "insert"]))
        if op == "flip":
            buf[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del buf[at : at + draw(st.integers(1, 50))]
        elif op == "dup":
            buf[at:at] = buf[at : at + draw(st.integers(1, 50))] * draw(st.integers(1, 20))
        else:
            buf[at:at] = draw(st.binary(min_size=1, max_size=20))
    return name, bytes(buf)


@st.composite
def raw_input(draw: st.DrawFn) -> Input:
    """Any bytes under any known name."""
    name = draw(
        st.sampled_from(
            ["a.txt", "a.md", "a.html", "a.json", "a.jsonl", "a.rss", "a.opml", "a.txt.gz"]
        )
    )
    return name, draw(st.binary(max_size=400))


READERS: dict[str, st.SearchStrategy[Input]] = {
    "text": text_input(),
    "html": html_input(),
    "json": json_input(),
    "jsonl": jsonl_input(),
    "feed": feed_input(),
    "opml": opml_input(),
    "gz": gz_input(),
    "mutated": mutated_input(),
    "raw": raw_input(),
}
ANY_INPUT: st.SearchStrategy[Input] = st.one_of(*READERS.values())
