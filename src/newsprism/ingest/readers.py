"""Turn one input (a file or a fetched URL) into drafts: raw article text plus declared metadata.

Input: bytes and a name. Output: `Draft`s (one per article; a feed or JSON Lines file gives many)
and `Skipped` notes for records inside it that are unusable. A whole input that cannot be read
raises `BadInputError` naming it and the fix.

Formats: plain text and Markdown (optional `---` front matter), HTML (trafilatura), JSON (an
object, a list, or {"articles": [...]}), JSON Lines, RSS/Atom (feedparser), OPML feed lists.
Known limits: PDF and word-processor files are refused (convert them to text first); OPML gives
feed URLs, which are fetched by the caller.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsprism.errors import BadInputError
from newsprism.ingest.html import extract_html, fragment_text
from newsprism.ingest.limits import (
    DEFAULT_LIMITS,
    Limits,
    check_json,
    check_lines,
    check_markup,
    repair_char_refs,
)
from newsprism.ingest.walk import folder_files
from newsprism.model import Skipped


@dataclass(frozen=True, slots=True, kw_only=True)
class Draft:
    """An article before cleaning: what the input says, nothing inferred yet."""

    input: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    site_name: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    format: str = "text"  # text, markdown, html, json, feed: how much structure it came with


Fetch = Callable[[str], tuple[str, bytes]]  # url -> (final url, body)
# (entry key: its guid, else its link, else its title; digest of what it says) -> read it?
# `newsprism watch` passes one so that only new or changed feed entries are read (and only
# their linked pages fetched).
KeepEntry = Callable[[str, str], bool]

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSON_SUFFIXES = (".json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf")
OPML_SUFFIXES = (".opml",)
KNOWN_SUFFIXES = (
    TEXT_SUFFIXES
    + MARKDOWN_SUFFIXES
    + HTML_SUFFIXES
    + JSON_SUFFIXES
    + JSONL_SUFFIXES
    + FEED_SUFFIXES
    + OPML_SUFFIXES
)

_BINARY_MAGIC = {  # leading bytes -> (what the file is, what to do instead)
    b"%PDF": ("a PDF document", "convert it to text first, e.g. with pdftotext"),
    b"PK\x03\x04": ("a ZIP archive or office document", "unpack or export it as text first"),
    b"\x89PNG": ("a PNG image", "give newsprism text or HTML"),
    b"GIF8": ("a GIF image", "give newsprism text or HTML"),
    b"\xff\xd8\xff": ("a JPEG image", "give newsprism text or HTML"),
    b"\xd0\xcf\x11\xe0": ("an old Microsoft Office document", "export it as text first"),
    b"\x7fELF": ("a program, not text", "give newsprism text or HTML"),
}


def unpack(data: bytes, name: str, max_bytes: int) -> bytes:
    """`data` with gzip removed (bounded by `max_bytes`), refusing binary formats."""
    if data[:2] == b"\x1f\x8b":
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            try:
                data = stream.read(max_bytes + 1)
            except (OSError, EOFError, zlib.error) as exc:
                raise BadInputError(name, f"a broken gzip file ({exc})", "re-download it") from exc
        if len(data) > max_bytes:
            raise BadInputError(
                name, f"unpacks to more than {max_bytes:,} bytes", "raise max_bytes"
            )
    for magic, (what, fix) in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise BadInputError(name, f"is {what}", fix)
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BadInputError(
            name,
            "is a binary file, not text",
            "newsprism reads text, HTML, JSON Lines and RSS/Atom",
        )
    return data


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)


def decode(data: bytes, name: str, declared: str | None = None) -> str:
    """Text of `data`: BOM, then the declared charset, then UTF-8, then detection."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    candidates = [declared] if declared else []
    found = _META_CHARSET.search(data[:4096]) or _XML_ENCODING.search(data[:512])
    if found:
        candidates.append(found.group(1).decode("ascii", "ignore"))
    for encoding in [*candidates, "utf-8"]:
        if not _is_text_encoding(encoding):
            continue  # "undefined", "unicode_escape", "base64"…: a page may declare anything
        try:
            return data.decode(encoding)
        except (UnicodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BadInputError(
            name, "its text encoding could not be recognised", "save the file as UTF-8"
        )
    return str(best)


# Codecs Python has that are no text encoding a page could be written in: "undefined" raises
# on everything, the escape codecs turn "\\ud800" in the bytes into a lone surrogate.
_NOT_PAGE_ENCODINGS = frozenset({"undefined", "unicode_escape", "raw_unicode_escape", "mbcs"})


def _is_text_encoding(name: str) -> bool:
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return False
    name = info.name.replace("-", "_")
    return bool(getattr(info, "_is_text_encoding", True)) and name not in _NOT_PAGE_ENCODINGS


def read_document(
    data: bytes,
    name: str,
    *,
    suffix: str = "",
    content_type: str = "",
    charset: str | None = None,
    url: str | None = None,
    fetch: Fetch | None = None,
    feed_summary_chars: int = 600,
    limits: Limits = DEFAULT_LIMITS,
    keep_entry: KeepEntry | None = None,
) -> tuple[list[Draft], list[Skipped], list[str]]:
    """(drafts, skipped records, feed URLs to fetch) for one input's bytes.

    The input's shape is checked against `limits` (nesting, line length) before its parser
    runs; an input over them raises `BadInputError` naming the limit. A feed's entries that
    `keep_entry` turns down are left out before anything else is done with them.
    """
    text = decode(data, name, charset)
    kind = _kind(text, suffix.lower(), content_type)
    if not text.strip():
        raise BadInputError(name, "is empty", "check that the file has the article in it")
    if kind in ("html", "feed", "opml"):
        check_markup(text, name, limits.max_markup_depth)
    elif kind == "json":
        check_json(text, name, limits.max_json_depth)
    elif kind in ("text", "markdown"):
        check_lines(text, name, limits.max_line_chars)
    if kind == "html":
        page = extract_html(text, url=url, name=name)
        return (
            [
                Draft(
                    input=name,
                    text=page.text,
                    title=page.title,
                    url=page.url or url,
                    site_name=page.site_name,
                    published=page.date,
                    author=page.author,
                    language=page.language,
                    format="html",
                )
            ],
            [],
            [],
        )
    if kind in ("json", "jsonl"):
        drafts, skipped = _read_records(
            text, name, lines=kind == "jsonl", url=url, max_depth=limits.max_json_depth
        )
        return drafts, skipped, []
    if kind == "feed":
        drafts, skipped = _read_feed(
            _as_utf8_xml(text), name, fetch, feed_summary_chars, keep_entry
        )
        return drafts, skipped, []
    if kind == "opml":
        urls, skipped = _read_opml(data, name)
        return [], skipped, urls
    meta, body = split_front_matter(text)
    title = meta.pop("title", None)
    if kind == "markdown":
        body, heading = _markdown_title(body)
        title = title or heading
    draft = _draft_from_meta(name, body, title, meta, url)
    return [replace(draft, format=kind)], [], []


_XML_DECLARED_ENCODING = re.compile(r"""(<\?xml[^>]*?encoding\s*=\s*)["'][^"']*["']""")


def _as_utf8_xml(text: str) -> bytes:
    """A feed's text (already decoded, its declared charset checked by `decode`) as UTF-8
    bytes that say so: the feed parser would otherwise decode the bytes again with whatever
    the declaration names, and raises on names that are no encoding ("punycode", "rot13")."""
    head, rest = text[:512], text[512:]
    head = _XML_DECLARED_ENCODING.sub(r'\1"utf-8"', head, count=1)
    return (head + rest).encode("utf-8", "surrogatepass")


def _kind(text: str, suffix: str, content_type: str) -> str:
    if suffix in HTML_SUFFIXES or "html" in content_type:
        return "html"
    if suffix in JSONL_SUFFIXES or content_type in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    if suffix in JSON_SUFFIXES or content_type == "application/json":
        return "json"
    if suffix in OPML_SUFFIXES or "opml" in content_type:
        return "opml"
    if suffix in MARKDOWN_SUFFIXES or content_type == "text/markdown":
        return "markdown"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text.lstrip()[:2048].lower()
    if head.startswith("<?xml") or head.startswith(("<rss", "<feed", "<rdf")):
        if "<opml" in head:
            return "opml"
        if re.search(r"<(rss|feed|rdf:rdf)\b", head):
            return "feed"
    if suffix in FEED_SUFFIXES or "xml" in content_type:
        return "feed"
    if head.startswith(("<!doctype html", "<html")) or re.search(r"<(body|p|div)\b", head):
        return "html"
    if head.startswith("{") or head.startswith("["):
        return "json" if suffix != ".jsonl" else "jsonl"
    return "text"


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
FRONT_MATTER_KEYS = ("source", "outlet", "published", "date", "url", "title", "author", "language")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(metadata, body) of text that may start with `---` / `key: value` lines / `---`."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in FRONT_MATTER_KEYS:
            meta[key] = value.strip().strip("\"'")
    return meta, text[match.end() :]


def _markdown_title(body: str) -> tuple[str, str | None]:
    lines = body.lstrip("\n").split("\n")
    if lines and re.match(r"^#\s+\S", lines[0]):
        return "\n".join(lines[1:]), lines[0].lstrip("#").strip()
    return body, None


def _draft_from_meta(
    name: str, body: str, title: str | None, meta: dict[str, Any], url: str | None
) -> Draft:
    return Draft(
        input=name,
        text=body,
        title=title or None,
        url=meta.get("url") or url,
        source=meta.get("source") or meta.get("outlet"),
        published=meta.get("published") or meta.get("date"),
        author=meta.get("author"),
        language=meta.get("language"),
    )


# Field names used by common exports (news APIs, scrapers, datasets) for the same thing.
_TEXT_KEYS = ("text", "body", "content", "article", "articleBody", "article_text", "maintext")
_TITLE_KEYS = ("title", "headline", "name")
_URL_KEYS = ("url", "link", "href", "source_url")
_SOURCE_KEYS = (
    "source",
    "outlet",
    "site",
    "site_name",
    "sitename",
    "publisher",
    "source_name",
    "domain",
)
_DATE_KEYS = (
    "published",
    "date",
    "published_at",
    "publishedAt",
    "pubDate",
    "datePublished",
    "date_publish",
    "timestamp",
)
_AUTHOR_KEYS = ("author", "authors", "byline")
_LANGUAGE_KEYS = ("language", "lang")


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


_AS_TEXT_DEPTH = 4  # {"author": [{"name": ...}]} is as deep as real exports go


def _as_text(value: Any, depth: int = 0) -> str | None:
    if value is None or depth > _AS_TEXT_DEPTH:
        return None
    if isinstance(value, dict):
        return _as_text(_first(value, ("name", "title", "text", "value")), depth + 1)
    if isinstance(value, list):
        parts = [_as_text(v, depth + 1) for v in value]
        value = ", ".join(p for p in parts if p)
    text = str(value).strip()
    return text or None


def _read_records(
    text: str,
    name: str,
    *,
    lines: bool,
    url: str | None,
    max_depth: int = DEFAULT_LIMITS.max_json_depth,
) -> tuple[list[Draft], list[Skipped]]:
    records: list[tuple[str, Any]] = []
    skipped: list[Skipped] = []
    if lines:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                check_json(line, f"{name}:{number}", max_depth)
                records.append((f"{name}:{number}", json.loads(line)))
            except json.JSONDecodeError as exc:
                skipped.append(
                    Skipped(input=f"{name}:{number}", reason=f"not valid JSON ({exc.msg})")
                )
            except (ValueError, RecursionError) as exc:  # 4,300+ digits; a raised depth limit
                skipped.append(Skipped(input=f"{name}:{number}", reason=f"not usable JSON ({exc})"))
            except BadInputError as exc:
                skipped.append(Skipped(input=exc.input_name, reason=f"{exc.problem} ({exc.fix})"))
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadInputError(
                name,
                f"is not valid JSON (line {exc.lineno}: {exc.msg})",
                "fix the file, or use .jsonl for one record per line",
            ) from exc
        except ValueError as exc:  # a number of thousands of digits, for one
            raise BadInputError(name, f"is not usable JSON ({exc})", "fix the file") from exc
        if isinstance(data, dict) and isinstance(data.get("articles"), list):
            data = data["articles"]
        items = data if isinstance(data, list) else [data]
        records = [
            (f"{name}[{i}]" if len(items) > 1 else name, item) for i, item in enumerate(items)
        ]
    drafts: list[Draft] = []
    for record_name, record in records:
        if not isinstance(record, dict):
            skipped.append(
                Skipped(input=record_name, reason="is not a JSON object with a text field")
            )
            continue
        body = _as_text(_first(record, _TEXT_KEYS))
        if not body:
            skipped.append(
                Skipped(
                    input=record_name,
                    reason=f"has no article text (expected one of: {', '.join(_TEXT_KEYS[:4])})",
                )
            )
            continue
        record_url = _as_text(_first(record, _URL_KEYS)) or url
        draft = Draft(
            input=record_name,
            text=body,
            title=_as_text(_first(record, _TITLE_KEYS)),
            url=record_url,
            source=_as_text(_first(record, _SOURCE_KEYS)),
            published=_as_text(_first(record, _DATE_KEYS)),
            author=_as_text(_first(record, _AUTHOR_KEYS)),
            language=_as_text(_first(record, _LANGUAGE_KEYS)),
            format="json",
        )
        if re.search(r"<(p|div|br|article)\b", body[:2000], re.IGNORECASE):
            draft = replace(draft, text=fragment_text(body))
            if not draft.text:
                skipped.append(
                    Skipped(input=record_name, reason="its HTML text field holds no text")
                )
                continue
        drafts.append(draft)
    return drafts, skipped


def _read_feed(
    data: bytes,
    name: str,
    fetch: Fetch | None,
    summary_chars: int,
    keep_entry: KeepEntry | None = None,
) -> tuple[list[Draft], list[Skipped]]:
    import feedparser

    # feedparser raises on references to no character (&#1114112;, &#xD800;): they are
    # repaired to U+FFFD first, so one bad reference costs one character, not the feed.
    parsed = feedparser.parse(repair_char_refs(data))
    entries = list(parsed.get("entries") or [])
    if not entries:
        problem = "the feed has no entries"
        if parsed.get("bozo"):
            problem = f"is not a readable RSS/Atom feed ({parsed.get('bozo_exception')})"
        raise BadInputError(name, problem, "check that it is an RSS/Atom feed with items")
    feed_title = _as_text(parsed.get("feed", {}).get("title"))
    drafts: list[Draft] = []
    skipped: list[Skipped] = []
    turned_down = 0
    for index, entry in enumerate(entries):
        entry_name = f"{name}#{index}"
        link = _as_text(entry.get("link"))
        content = entry.get("content") or []
        html = _as_text(content[0].get("value")) if content else None
        html = html or _as_text(entry.get("summary"))
        title = _as_text(entry.get("title"))
        if keep_entry is not None:
            key = _as_text(entry.get("id")) or link or title or f"#{index}"
            said = "\x1f".join((title or "", link or "", html or ""))
            if not keep_entry(key, hashlib.sha256(said.encode("utf-8")).hexdigest()):
                turned_down += 1
                continue
        text = fragment_text(html) if html else ""
        site_name = feed_title
        if len(text) < summary_chars and link and fetch is not None:
            # A feed item with a summary only: the article itself is at its link.
            try:
                final_url, body = fetch(link)
                page = extract_html(decode(body, link), url=final_url, name=link)
                text, link = page.text, final_url
                title = title or page.title
                site_name = page.site_name or site_name
            except BadInputError as exc:
                if not text:
                    skipped.append(Skipped(input=entry_name, reason=str(exc)))
                    continue
        if not text:
            skipped.append(
                Skipped(input=entry_name, reason="the feed entry has no text and no link")
            )
            continue
        drafts.append(
            Draft(
                input=entry_name,
                text=text,
                title=title,
                url=link,
                site_name=site_name,
                published=_as_text(entry.get("published") or entry.get("updated")),
                author=_as_text(entry.get("author")),
                language=_as_text(entry.get("language")),
                format="feed",
            )
        )
    if not drafts and not turned_down and parsed.get("bozo"):
        raise BadInputError(
            name,
            f"is not a readable RSS/Atom feed ({parsed.get('bozo_exception')})",
            "check that it is an RSS/Atom feed with items",
        )
    return drafts, skipped


def _read_opml(data: bytes, name: str) -> tuple[list[str], list[Skipped]]:
    """(the http(s) feed URLs an OPML list names, a skipped line for each other entry)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    try:
        # In recovery mode libxml2 passes a reference to no character (&#55296;) through as
        # bytes that are not UTF-8; they are repaired first.
        root = etree.fromstring(repair_char_refs(data), parser)
    except etree.XMLSyntaxError as exc:
        raise BadInputError(name, f"is not a readable OPML file ({exc})", "check the file") from exc
    if root is None:
        raise BadInputError(name, "is not a readable OPML file", "check the file")
    urls: list[str] = []
    skipped: list[Skipped] = []
    for node in root.iter("outline"):
        try:
            url = node.get("xmlUrl")
        except UnicodeDecodeError:  # a recovered attribute that is still not text
            url = "(unreadable)"
        if not url:
            continue
        if re.match(r"^https?://", url.strip(), re.IGNORECASE):
            urls.append(url.strip())
        else:
            skipped.append(
                Skipped(
                    input=name,
                    reason=f"lists the feed {url[:200]!r}, which is not an http(s) URL "
                    "(give feeds as full http:// or https:// addresses)",
                )
            )
    if not urls and not skipped:
        raise BadInputError(name, "the OPML file lists no feeds (no xmlUrl)", "check the file")
    return urls, skipped


def iter_files(folder: Path) -> Iterator[Path]:
    """Files of known formats below `folder`, in a stable order, hidden ones left out; a link
    back into a folder already walked is not followed (see `walk.py`)."""
    for path in folder_files(folder):
        name = path.name.lower()
        if name.endswith(".gz"):
            name = name[:-3]
        if path.is_file() and name.endswith(KNOWN_SUFFIXES):
            yield path
