"""The web app's routes through FastAPI's TestClient, over the store built from the
invented corpus (see conftest.py)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from newsprism.pipeline import stored_report
from newsprism.render import render_html
from newsprism.render.page import story_html
from newsprism.store import Store
from newsprism.web.routes import article_link
from web_support import NEW_ARTICLE, XSS_OUTLET, XSS_TEXT, XSS_TITLE, web_settings

pytestmark = pytest.mark.slow

TALKS = "prisoner"  # a word of the Geneva talks story's title
STRIKE = "dockworkers"  # ... and of the Rotterdam strike story's


def _story_ids(page: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r'href="/stories/([0-9a-f]{16})"', page)))


def _titles(page: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'class="story-title"[^>]*>([^<]*)<', page)]


def _story_id(client: Any, word: str) -> str:
    ids = _story_ids(client.get("/", params={"q": word}).text)
    assert len(ids) == 1, (word, ids)
    return ids[0]


# ---------------------------------------------------------------- list


def test_list_shows_every_analysed_story_with_its_facts(client: Any, web_db: Path) -> None:
    page = client.get("/")
    assert page.status_code == 200
    with Store(web_db) as store:
        reported = store.reported_stories()
    assert set(_story_ids(page.text)) == set(reported)
    assert any(TALKS in t.lower() for t in _titles(page.text))
    assert "Harbour Herald" in page.text and "last update" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"


def test_search_filter_and_sort(client: Any) -> None:
    talks, strike = _story_id(client, TALKS), _story_id(client, STRIKE)
    assert talks != strike
    assert _story_ids(client.get("/", params={"entity": "Lukas Brenner"}).text) == [talks]
    assert strike not in _story_ids(client.get("/", params={"outlet": "Meridian"}).text)
    big = _story_ids(client.get("/", params={"min_size": "3"}).text)
    assert talks in big and strike not in big
    by_size = _story_ids(client.get("/", params={"sort": "size"}).text)
    assert by_size[0] == talks
    assert _story_ids(client.get("/", params={"until": "2025-01-01"}).text) == []
    assert talks in _story_ids(client.get("/", params={"since": "2025-09-11"}).text)


def test_bad_filter_values_are_named_not_fatal(client: Any) -> None:
    page = client.get("/", params={"min_size": "many", "since": "last week"})
    assert page.status_code == 200
    assert "min size must be a whole number" in html.unescape(page.text)
    assert "must read YYYY-MM-DD" in page.text
    assert len(_story_ids(page.text)) >= 3


def test_htmx_request_gets_only_the_list(client: Any) -> None:
    part = client.get("/", params={"q": STRIKE}, headers={"HX-Request": "true"})
    assert part.status_code == 200
    assert "<html" not in part.text and "story-list" in part.text
    assert len(_story_ids(part.text)) == 1


# ---------------------------------------------------------------- story and article


def test_story_page_is_the_reports_rendering_of_the_story(client: Any, web_db: Path) -> None:
    talks = _story_id(client, TALKS)
    page = client.get(f"/stories/{talks}")
    assert page.status_code == 200
    with Store(web_db) as store:
        report = stored_report(store, [talks])
    # One rendering: report.html of this story holds the same story element, and the
    # web page holds it with the article links pointing at the article pages.
    story, articles = report.stories[0], {a.id: a for a in report.articles}
    assert story_html(story, articles) in render_html(report)
    assert story_html(story, articles, link=article_link(talks)) in page.text
    for section in ("brief", "timeline", "positions", "disagreements", "claims", "framing"):
        assert f"id='s1-{section}'" in page.text
    assert 'href="/static/report.css"' in page.text and 'src="/static/report.js"' in page.text
    assert "<style" not in page.text and "<script>" not in page.text  # nothing inline


def test_merged_story_and_id_prefix_redirect(client: Any) -> None:
    talks = _story_id(client, TALKS)
    prefix = client.get(f"/stories/{talks[:6]}", follow_redirects=False)
    assert prefix.status_code == 307 and prefix.headers["location"] == f"/stories/{talks}"
    missing = client.get("/stories/ffffffffffffffff")
    assert missing.status_code == 404 and "no analysed story" in missing.text


def test_article_page_marks_the_cited_passages(client: Any, web_db: Path) -> None:
    talks = _story_id(client, TALKS)
    page = client.get(f"/stories/{talks}").text
    links = re.findall(rf"/stories/{talks}/articles/([0-9a-f]+)#c(\d+)", page)
    assert links
    article_id, start = links[0]
    art = client.get(f"/stories/{talks}/articles/{article_id}")
    assert art.status_code == 200
    with Store(web_db) as store:
        (article,) = store.get_articles([article_id])
    marked = [html.unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", art.text, re.S)]
    assert marked and all(m in article.text for m in marked)
    assert f'id="c{start}"' in art.text
    assert client.get(f"/stories/{talks}/articles/nope").status_code == 404


# ---------------------------------------------------------------- ask


def test_ask_json_is_the_ask_json_object_and_names_its_story(client: Any) -> None:
    talks, strike = _story_id(client, TALKS), _story_id(client, STRIKE)
    json_accept = {"Accept": "application/json"}
    answer = client.get(
        "/ask", params={"q": "How many detainees will be exchanged?"}, headers=json_accept
    ).json()
    assert set(answer) == {
        "question",
        "refused",
        "value",
        "value_kind",
        "disagreement",
        "sentences",
        "follow_ups",
        "story_id",
        "confidence",
    }
    assert answer["story_id"] == talks and not answer["refused"]
    assert 0.5 <= answer["confidence"] <= 1
    assert "46" in answer["value"]
    assert all(s["citations"] for s in answer["sentences"])
    other = client.get(
        "/ask", params={"q": "When did the strike start?"}, headers=json_accept
    ).json()
    assert other["story_id"] == strike
    within = client.get(
        "/ask",
        params={"q": "How many detainees will be exchanged?", "story": strike},
        headers=json_accept,
    ).json()
    assert within["story_id"] == strike


def test_ask_page_shows_the_cited_answer_and_the_story_used(client: Any) -> None:
    talks = _story_id(client, TALKS)
    page = client.get("/ask", params={"q": "Who mediated the talks?"})
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Lukas Brenner" in text
    assert f'href="/stories/{talks}"' in page.text and "the story that answers best" in text
    assert "a class=cite" in page.text  # citation markers, with their passages below
    assert "class=passage" in page.text
    follow = re.findall(r'href="(/ask\?q=[^"]+)"', page.text)
    assert follow and all("story=" in f for f in follow)
    part = client.get(
        "/ask",
        params={"q": "Who mediated the talks?", "story": talks},
        headers={"HX-Request": "true"},
    )
    assert "<html" not in part.text and "Lukas Brenner" in html.unescape(part.text)


def test_ask_errors(client: Any) -> None:
    bad = client.get(
        "/ask",
        params={"q": "Who?", "story": "ffffffffffffffff"},
        headers={"Accept": "application/json"},
    )
    assert bad.status_code == 404 and "ffffffffffffffff" in bad.json()["error"]
    assert client.get("/ask", headers={"Accept": "application/json"}).status_code == 400
    assert client.get("/ask").status_code == 200  # the form


def test_healthz_and_static(client: Any, web_db: Path) -> None:
    with Store(web_db) as store:
        n = len(store.reported_stories())
    assert client.get("/healthz").json() == {"status": "ok", "stories": n}
    htmx = client.get("/static/htmx.min.js")
    assert htmx.status_code == 200 and htmx.text.startswith("/*! htmx.org 2.")
    assert client.get("/static/report.css").headers["content-type"].startswith("text/css")


# ---------------------------------------------------------------- everything escaped


def test_script_payloads_are_text_on_every_page(client: Any) -> None:
    story = _story_id(client, "Lindenport")
    pages = [client.get("/").text, client.get(f"/stories/{story}").text]
    article = re.findall(rf"/stories/{story}/articles/([0-9a-f]+)", pages[1])[0]
    pages.append(client.get(f"/stories/{story}/articles/{article}").text)
    pages.append(
        client.get(
            "/ask", params={"q": "How many bakeries took part in the Lindenport contest?"}
        ).text
    )
    pages.append(client.get("/", params={"outlet": XSS_OUTLET}).text)
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page
        assert 'href="javascript' not in page and "href='javascript" not in page
        assert "&lt;script&gt;alert(" in page
    shown = [html.unescape(re.sub(r"<[^>]+>", "", page)) for page in pages]  # the text
    assert XSS_TITLE in shown[0] and XSS_OUTLET in shown[0]
    assert XSS_TITLE in shown[1] and XSS_OUTLET in shown[1]
    assert XSS_TEXT.split("\n")[0] in shown[2] and XSS_TITLE in shown[2]


# ---------------------------------------------------------------- guard


def test_forms_refuse_forged_posts(db_copy: Path) -> None:
    from fastapi.testclient import TestClient

    from newsprism.web.app import create_app

    with TestClient(create_app(web_settings(db_copy))) as fresh:
        form = fresh.get("/add")
        token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
        files = {"files": ("a.txt", b"Some text.", "text/plain")}
        assert fresh.post("/add", data={"csrf": "forged"}, files=files).status_code == 403
        other = fresh.post(
            "/add", data={"csrf": token}, files=files, headers={"Origin": "https://evil.example"}
        )
        assert other.status_code == 403 and "another site" in other.text
        fresh.cookies.clear()
        assert fresh.post("/add", data={"csrf": token}, files=files).status_code == 403


def test_token_protects_every_route(web_db: Path) -> None:
    from fastapi.testclient import TestClient

    from newsprism.web.app import create_app

    with TestClient(create_app(web_settings(web_db), token="s3cret")) as locked:
        for path in ("/", "/healthz", "/ask?q=Who", "/add", "/static/htmx.min.js"):
            assert locked.get(path).status_code == 401, path
        assert locked.get("/healthz", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert locked.get("/healthz", headers={"Authorization": "Bearer wrong"}).status_code == 401
        first = locked.get("/?token=s3cret&q=strike", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/?q=strike"
        assert locked.get("/").status_code == 200  # the cookie it set


def test_add_refuses_bad_input_with_the_fix(db_copy: Path) -> None:
    from fastapi.testclient import TestClient

    from newsprism.settings import Settings
    from newsprism.web.app import create_app

    settings = Settings(db=str(db_copy), offline=True, today="2026-01-01", max_bytes=1000)
    with TestClient(create_app(settings)) as fresh:
        token = re.search(r'name="csrf" value="([^"]+)"', fresh.get("/add").text).group(1)  # type: ignore[union-attr]
        big = fresh.post(
            "/add", data={"csrf": token}, files={"files": ("big.txt", b"x" * 5000, "text/plain")}
        )
        assert big.status_code in (400, 413) and "max_bytes" in big.text
        url = fresh.post("/add", data={"csrf": token, "urls": "file:///etc/passwd"})
        assert url.status_code == 400 and "not a web address" in url.text
        empty = fresh.post("/add", data={"csrf": token})
        assert empty.status_code == 400 and "nothing to add" in empty.text


def test_adding_a_file_runs_the_pipeline_and_shows_the_new_story(db_copy: Path) -> None:
    from fastapi.testclient import TestClient

    from newsprism.web.app import create_app

    with TestClient(create_app(web_settings(db_copy))) as fresh:
        before = set(_story_ids(fresh.get("/").text))
        token = re.search(r'name="csrf" value="([^"]+)"', fresh.get("/add").text).group(1)  # type: ignore[union-attr]
        sent = fresh.post(
            "/add",
            data={"csrf": token},
            files={"files": ("ferry.md", NEW_ARTICLE.encode(), "text/markdown")},
            follow_redirects=False,
        )
        assert sent.status_code == 303
        job = sent.headers["location"]
        events = fresh.get(f"{job}/events").text  # streams until the run ends
        progress = re.findall(r"^event: progress\ndata: (.*)$", events, re.M)
        assert any(p.startswith("analysing story") for p in progress)
        done = re.search(r"^event: done\ndata: (.*)$", events, re.M)
        assert done and json.loads(done.group(1)) == {"error": None}
        result = fresh.get(job).text
        assert "Ferry service to Lysa islands resumes" in result and ">new<" in result
        new = set(_story_ids(fresh.get("/").text)) - before
        assert len(new) == 1
        assert "Anneke Smit" in fresh.get(f"/stories/{new.pop()}").text


def test_adding_a_pasted_url_fetches_it_like_analyze(db_copy: Path, tmp_path: Path) -> None:
    """A URL goes through the same fetcher as `analyze URL` (here a page served on
    127.0.0.1 by the test, which the SSRF guard allows only with allow_private)."""
    import threading
    from functools import partial
    from http.server import HTTPServer, SimpleHTTPRequestHandler

    from fastapi.testclient import TestClient

    from newsprism.settings import Settings
    from newsprism.web.app import create_app

    body = "".join(f"<p>{line}</p>" for line in NEW_ARTICLE.split("---")[2].strip().splitlines())
    (tmp_path / "ferry.html").write_text(
        "<html><head><title>Ferry service to Lysa islands resumes after storm repairs</title>"
        '<meta property="og:site_name" content="Coastal Observer">'
        '<meta property="article:published_time" content="2025-09-14"></head>'
        f"<body><article>{body}</article></body></html>",
        encoding="utf-8",
    )
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/ferry.html"
    try:
        for allow, expect_new in ((False, False), (True, True)):
            settings = Settings(db=str(db_copy), today="2026-01-01", allow_private=allow)
            with TestClient(create_app(settings)) as fresh:
                form = fresh.get("/add").text
                token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
                sent = fresh.post("/add", data={"csrf": token, "urls": url}, follow_redirects=False)
                assert sent.status_code == 303
                job = sent.headers["location"]
                fresh.get(f"{job}/events")  # until the run ends
                result = html.unescape(fresh.get(job).text)
            if expect_new:
                assert "Ferry service to Lysa islands resumes" in result and ">new<" in result
            else:  # the SSRF guard refuses loopback addresses and says why
                assert "No story was created or grew" in result and url in result
    finally:
        server.shutdown()
