"""Each input that once stopped a run, or cost minutes, beside good articles: the batch goes
on, the good articles are read, and the skipped line names the input and the cause."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path

import pytest

from newsprism.ingest import ingest
from newsprism.ingest.readers import read_document
from newsprism.settings import Settings
from newsprism.store import Store

GOOD = (
    "---\nsource: Harbour Herald\npublished: 2025-09-11\ntitle: Swap agreed in Geneva\n---\n"
    "Valdoria and Ostrava-Marenne agreed on Thursday to exchange 46 detainees, officials said.\n"
    "The exchange will take place at the border crossing next week, the mediators added.\n"
)
SETTINGS = Settings(offline=True, today="2025-10-01", read_cpu_seconds=0)


def _broken_gzip() -> bytes:
    data = gzip.compress(b"The talks opened on Monday in Corvale. " * 200)
    # Bytes flipped inside the deflate stream: zlib raises zlib.error, not OSError.
    return data[:20] + bytes(b ^ 0x5A for b in data[20:28]) + data[28:]


HOSTILE: dict[str, bytes] = {
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "deep-record.jsonl": b'{"text": "x", "source": ' + b"[" * 50_000 + b"]" * 50_000 + b"}\n",
    "broken.txt.gz": _broken_gzip(),
    "nested.html": b"<html><body>" + b"<div>" * 130_000 + b"<p>Hi</p>" + b"</div>" * 130_000,
    "one-line.txt": b"The minister said the talks went well today. " * 45_000,
}


def _ingest(tmp_path: Path, files: dict[str, bytes], settings: Settings = SETTINGS):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with Store(tmp_path / "s.db") as store:
        return ingest([str(folder)], settings, store)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_an_input_that_broke_the_run_is_one_skipped_line(tmp_path: Path, name: str) -> None:
    result = _ingest(tmp_path, {name: HOSTILE[name]})
    assert [a.source for a in result.articles] == ["Harbour Herald"]  # the good one is read
    skipped = {Path(s.input.split(":")[0]).name: s.reason for s in result.summary.skipped}
    assert name in skipped, result.summary.skipped


def test_the_skipped_lines_say_what_was_wrong(tmp_path: Path) -> None:
    result = _ingest(tmp_path, HOSTILE)
    reasons = {Path(s.input.split(":")[0]).name: s.reason for s in result.summary.skipped}
    assert "nests 100,000 levels deep" in reasons["deep.json"]
    assert "max_json_depth" in reasons["deep.json"]
    assert "nests 50,001 levels deep" in reasons["deep-record.jsonl"]
    assert "broken gzip" in reasons["broken.txt.gz"]
    assert "markup nests about 130,000 elements deep" in reasons["nested.html"]
    assert "a line of 2,025,000 characters" in reasons["one-line.txt"]
    assert "max_line_chars" in reasons["one-line.txt"]


def test_deep_fields_do_not_recurse_past_the_limit_even_when_it_is_raised(tmp_path: Path) -> None:
    deep = {"text": "The talks opened on Monday in Corvale, officials said.", "title": "T"}
    record = json.dumps(deep)[:-1] + ', "author": ' + "[" * 900 + "]" * 900 + "}"
    settings = dataclasses.replace(SETTINGS, max_json_depth=100_000)
    result = _ingest(tmp_path, {"deep-author.jsonl": record.encode() + b"\n"}, settings)
    # json.loads manages 900 levels; the field reader, two frames a level, must not follow.
    assert sorted(a.source for a in result.articles)[0] == "Harbour Herald"
    assert any(a.title == "T" and a.author is None for a in result.articles)


def test_lone_surrogates_become_replacement_characters_before_the_store(tmp_path: Path) -> None:
    record = (
        '{"text": "The talks opened \\ud800 on Monday in Corvale, officials said.", '
        '"title": "Talks \\udc00 open", "source": "Wire \\ud83d", "url": "https://w.example/\\udfff"}'
    )
    result = _ingest(tmp_path, {"lone.jsonl": record.encode() + b"\n"})
    article = next(a for a in result.articles if a.source != "Harbour Herald")
    assert "\ufffd on Monday" in article.text
    assert article.title == "Talks \ufffd open"
    assert article.source == "Wire \ufffd"
    with Store(tmp_path / "s.db") as store:  # stored and read back whole
        assert store.get_article(article.id) == article


def test_a_file_name_that_is_not_utf8_is_stored_as_valid_text(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")  # a Latin-1 name on disk
    (folder / name).write_text(GOOD.replace("Harbour Herald", "Cafe"), encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        result = ingest([str(folder)], SETTINGS, store)
    assert [a.input for a in result.articles] == [str(folder / "caf\ufffd.txt")]


FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Bay Wire</title>'
    b"<item><title>Talks &#99999999999; open</title><link>https://w.example/1</link>"
    b"<description>The talks opened &#1114112; on Monday &#xD800; in Corvale, officials "
    b"said, and both delegations &#0; welcomed the start.</description></item>"
    b"</channel></rss>"
)


def test_character_references_to_no_character_cost_one_character_not_the_feed() -> None:
    drafts, skipped, _ = read_document(FEED, "wire.rss", suffix=".rss")
    assert skipped == []
    assert drafts[0].title == "Talks \ufffd open"
    assert "opened \ufffd on Monday \ufffd in Corvale" in drafts[0].text


@pytest.mark.parametrize("charset", ["undefined", "unicode_escape", "base64", "rot13", "bogus"])
def test_a_declared_charset_that_is_no_page_encoding_falls_back_to_utf8(charset: str) -> None:
    page = (
        f'<html><head><meta charset="{charset}"><title>Talks</title></head><body><article>'
        "<p>The talks in Corvale opened on Monday \\ud800 with both delegations present, "
        "officials said. The mediators called the first session constructive.</p>"
        "</article></body></html>"
    ).encode()
    drafts, _, _ = read_document(page, "page.html", suffix=".html")
    assert "opened on Monday \\ud800 with" in drafts[0].text  # read as the bytes say, no escape


def test_an_article_over_max_article_chars_is_stored_not_analysed(tmp_path: Path) -> None:
    long_text = GOOD.replace("Harbour Herald", "Long Wire") + (
        "President Marr said on Monday that the talks in Corvale would resume on 15 May.\n" * 3000
    )
    result = _ingest(tmp_path, {"long.txt": long_text.encode()})
    long = next(a for a in result.articles if a.source == "Long Wire")
    assert not long.analysed
    assert long.skip_reason is not None and "over max_article_chars (100,000)" in long.skip_reason
    assert result.summary.not_analysed == 1


def test_skip_reasons_are_remembered_by_the_input_cache(tmp_path: Path) -> None:
    files = {
        "mixed.jsonl": b'{"text": "The talks opened on Monday in Corvale, officials said."}\n'
        b"{not json\n",
        "scan.pdf.txt": b"%PDF-1.7 binary",
        "deep.json": HOSTILE["deep.json"],
    }
    first = _ingest(tmp_path, files)
    second = _ingest(tmp_path, files)
    assert second.summary.new == 0 and second.summary.already_stored == 2
    assert first.summary.skipped and second.summary.skipped == first.summary.skipped
    assert {Path(s.input.split(":")[0]).name for s in second.summary.skipped} == set(files)


def test_an_unexpected_reader_error_is_a_skipped_line_naming_the_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsprism.ingest as ingest_module

    real = ingest_module.read_document

    def flaky(data: bytes, name: str, **kwargs: object):  # type: ignore[no-untyped-def]
        if name.endswith("bad.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(data, name, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest_module, "read_document", flaky)
    result = _ingest(tmp_path, {"bad.txt": b"Some text that a broken reader cannot read."})
    assert [a.source for a in result.articles] == ["Harbour Herald"]
    [skip] = result.summary.skipped
    assert skip.input.endswith("bad.txt")
    assert "RecursionError: maximum recursion depth exceeded" in skip.reason
    assert "please report" in skip.reason


def test_control_characters_in_an_html_field_do_not_break_the_fragment_reader() -> None:
    # Found by bench/fuzz.py: lxml kept ESC in a tail, then refused it when the tail was set.
    record = b'{"text": "<p>Talks opened \\u001b on Monday.</p>tail \\u000c<p>More.</p>"}\n'
    drafts, skipped, _ = read_document(record, "esc.jsonl", suffix=".jsonl")
    assert skipped == []
    assert drafts[0].text == "Talks opened on Monday.\ntail More."
