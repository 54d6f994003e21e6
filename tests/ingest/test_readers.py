import gzip
import json

import pytest

from newsprism.errors import BadInputError
from newsprism.ingest.readers import decode, read_document, split_front_matter, unpack

ARTICLE_HTML = """<!doctype html><html><head><title>Harbour talks open | Herald</title>
<meta property="og:site_name" content="Harbour Herald">
<meta property="article:published_time" content="2025-09-12T08:30:00Z">
<meta name="author" content="Ana Vidal"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Harbour talks open in Geneva</h1>
<p>Delegations from Valdoria and Marenne met in Geneva on Tuesday for the first direct talks in four years, officials said.</p>
<p>The Swiss hosts described the atmosphere as businesslike. Both sides agreed to meet again next week to discuss the harbour line.</p>
<p>“We came to listen,” the Valdorian envoy told reporters after six hours of talks at the lakeside villa.</p>
</article>
<section id="comments"><h3>Comments</h3><p>Reader42: this will never work, total waste of time and money for everyone.</p></section>
<footer>© 2025 Harbour Herald</footer></body></html>"""


def test_html_page_gives_body_and_metadata_without_comments_or_navigation() -> None:
    drafts, skipped, feeds = read_document(ARTICLE_HTML.encode(), "page.html", suffix=".html")
    (draft,) = drafts
    assert "first direct talks in four years" in draft.text
    assert "“We came to listen,”" in draft.text
    assert "Reader42" not in draft.text and "Home" not in draft.text
    assert draft.site_name == "Harbour Herald"
    assert draft.published and draft.published.startswith("2025-09-12")
    assert draft.author == "Ana Vidal"
    assert (skipped, feeds) == ([], [])


def test_text_with_front_matter() -> None:
    data = b"---\nsource: Valdoria Today\npublished: 2025-09-10\nurl: https://vt.example/a\n---\nTalks began.\n"
    (draft,), _, _ = read_document(data, "a.txt", suffix=".txt")
    assert (draft.source, draft.published, draft.url, draft.text.strip()) == (
        "Valdoria Today",
        "2025-09-10",
        "https://vt.example/a",
        "Talks began.",
    )


def test_markdown_heading_becomes_the_title() -> None:
    (draft,), _, _ = read_document(
        b"# Talks Open\n\nThe delegations\nmet today.\n", "a.md", suffix=".md"
    )
    assert draft.title == "Talks Open"
    assert "# Talks Open" not in draft.text


def test_json_lines_with_field_aliases_and_a_bad_line() -> None:
    lines = [
        json.dumps(
            {
                "body": "Talks began in Geneva.",
                "headline": "Talks",
                "outlet": "Wire",
                "pubDate": "2025-09-10",
            }
        ),
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps(
            {
                "text": "<p>Second article body that is long enough to keep as an article text.</p>",
                "source": {"name": "Herald"},
            }
        ),
    ]
    drafts, skipped, _ = read_document("\n".join(lines).encode(), "x.jsonl", suffix=".jsonl")
    assert [d.source for d in drafts] == ["Wire", "Herald"]
    assert drafts[0].title == "Talks" and drafts[0].published == "2025-09-10"
    assert "<p>" not in drafts[1].text
    assert [s.input for s in skipped] == ["x.jsonl:2", "x.jsonl:3"]


def test_json_list_and_articles_wrapper() -> None:
    data = json.dumps({"articles": [{"text": "One."}, {"content": "Two."}]}).encode()
    drafts, _, _ = read_document(data, "x.json", suffix=".json")
    assert [d.text for d in drafts] == ["One.", "Two."]


RSS = """<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Herald</title><link>https://hh.example</link>
<item><title>Talks open</title><link>https://hh.example/talks</link><pubDate>Tue, 09 Sep 2025 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Delegations met in Geneva on Tuesday for the first direct talks in four years.</p>]]></content:encoded></item>
</channel></rss>"""


def test_rss_items_become_drafts_with_the_feed_title_as_outlet() -> None:
    (draft,), _, _ = read_document(RSS.encode(), "feed.xml", suffix=".xml")
    assert draft.site_name == "Harbour Herald"
    assert draft.url == "https://hh.example/talks"
    assert "first direct talks" in draft.text
    assert draft.published == "Tue, 09 Sep 2025 10:00:00 GMT"


def test_feed_summary_is_replaced_by_the_linked_article_when_fetching_is_allowed() -> None:
    calls = []

    def fetch(url: str) -> tuple[str, bytes]:
        calls.append(url)
        return url, ARTICLE_HTML.encode()

    (draft,), _, _ = read_document(RSS.encode(), "feed.xml", suffix=".xml", fetch=fetch)
    assert calls == ["https://hh.example/talks"]
    assert "lakeside villa" in draft.text


def test_empty_feed_and_broken_feed_are_refused_with_the_reason() -> None:
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>'
    with pytest.raises(BadInputError, match="no entries"):
        read_document(empty, "empty.xml", suffix=".xml")
    with pytest.raises(BadInputError, match="feed"):
        read_document(b"<rss><channel><item><title>x", "broken.rss", suffix=".rss")


def test_opml_lists_feed_urls() -> None:
    opml = b'<?xml version="1.0"?><opml version="2.0"><body><outline text="News"><outline xmlUrl="https://a.example/feed.xml"/></outline></body></opml>'
    assert read_document(opml, "feeds.opml", suffix=".opml") == (
        [],
        [],
        ["https://a.example/feed.xml"],
    )


def test_binary_gzip_and_empty_inputs() -> None:
    with pytest.raises(BadInputError, match="PDF"):
        unpack(b"%PDF-1.7 ...", "report.pdf", 1000)
    with pytest.raises(BadInputError, match="binary"):
        unpack(b"abc\x00\x01\x02", "blob.txt", 1000)
    assert unpack(gzip.compress(b"hello"), "a.txt.gz", 1000) == b"hello"
    with pytest.raises(BadInputError, match="more than"):
        unpack(gzip.compress(b"x" * 5000), "bomb.gz", 1000)
    with pytest.raises(BadInputError, match="empty"):
        read_document(b"   \n", "empty.txt", suffix=".txt")


def test_non_utf8_text_is_decoded() -> None:
    text = "Les délégations se sont réunies à Genève – « un début », a-t-il dit."
    assert decode(text.encode("cp1252"), "fr.txt") == text
    assert decode(text.encode("utf-16"), "fr16.txt") == text
    assert decode('<meta charset="iso-8859-1"><p>Genève</p>'.encode("latin-1"), "p.html").endswith(
        "Genève</p>"
    )


def test_front_matter_only_at_the_start() -> None:
    assert split_front_matter("Text\n---\nsource: x\n---\n") == ({}, "Text\n---\nsource: x\n---\n")
