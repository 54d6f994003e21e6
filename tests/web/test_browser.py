"""The web app in a real browser: Playwright drives the system's Chromium (Debian's
`chromium` package; `playwright install` is never needed) against uvicorn on 127.0.0.1.

Skipped, with the reason, only when no Chromium executable can be found. Screenshots of
each page are written to the test's temporary folder (and to $NEWSPRISM_SCREENSHOTS when
set) for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest

from web_support import NEW_ARTICLE, XSS_OUTLET, XSS_TITLE, served

CHROMIUM = next(
    (
        path
        for path in (
            os.environ.get("NEWSPRISM_CHROMIUM"),
            shutil.which("chromium"),
            shutil.which("chromium-browser"),
            "/usr/bin/chromium",
        )
        if path and Path(path).is_file()
    ),
    None,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no Chromium found: `apt-get install -y chromium` (or set NEWSPRISM_CHROMIUM)",
    ),
]
playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
expect = playwright_api.expect


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        # --no-sandbox: CI runs as root, where Chromium's sandbox will not start.
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def base(web_db: Path) -> Iterator[str]:
    with served(web_db) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.dialogs = []  # type: ignore[attr-defined]
    p.on("dialog", lambda d: (p.dialogs.append(d.message), d.dismiss()))
    p.errors = []  # type: ignore[attr-defined]
    p.on("console", lambda m: m.type == "error" and p.errors.append(m.text))
    yield p
    context.close()


def shoot(page: Any, name: str, tmp_path: Path) -> None:
    """A screenshot for a person to look at; one taken while the page is reloading (the run
    page reloads itself when the run ends) is taken again once it has loaded."""
    for folder in (tmp_path, os.environ.get("NEWSPRISM_SCREENSHOTS")):
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            path = str(Path(folder) / f"{name}.png")
            try:
                page.screenshot(path=path)
            except playwright_api.Error:
                page.wait_for_load_state()
                page.screenshot(path=path)


def test_list_story_citation_and_article(page: Any, base: str, tmp_path: Path) -> None:
    page.goto(base + "/")
    rows = page.locator(".story-row")
    assert rows.count() >= 3
    shoot(page, "list", tmp_path)
    # htmx: typing in the search box narrows the list in place and updates the address
    page.fill(".filters input[name=q]", "dockworkers")
    expect(page.locator(".story-row")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q=dockworkers"))
    page.goto(base + "/")
    page.locator("a.story-title", has_text="prisoner swap").click()
    page.wait_for_selector("article.story")
    assert page.locator("h1").first.inner_text().startswith("Valdoria")
    shoot(page, "story", tmp_path)
    # hovering a citation marker shows the passage it cites
    marker = page.locator("#s1-brief a.cite").first
    marker.hover()
    popup = page.locator(".pop")
    popup.wait_for(state="visible")
    passage = popup.locator("mark").inner_text()
    assert len(passage) > 20
    shoot(page, "citation", tmp_path)
    # the article page marks the passages the story cites
    popup.locator("a.goto").click()
    page.wait_for_selector(".art-full mark")
    assert passage.split()[0] in page.locator(".art-full").inner_text()
    shoot(page, "article", tmp_path)
    assert page.dialogs == [] and page.errors == []


def test_ask_shows_the_cited_answer(page: Any, base: str, tmp_path: Path) -> None:
    page.goto(base + "/ask")
    page.fill("#ask-q", "How many detainees will be exchanged?")
    page.click("button:has-text('Ask')")
    page.wait_for_selector(".answer-box .value")
    assert "46" in page.locator(".answer-box .value").inner_text()
    assert "prisoner swap" in page.locator(".answer-box").inner_text()  # the story it used
    page.locator(".answer-box a.cite").first.hover()
    page.locator(".pop mark").wait_for(state="visible")
    assert "q=How many detainees" in unquote_plus(page.url)  # htmx pushed a shareable address
    shoot(page, "ask", tmp_path)
    # asking from a story page fills the answer in place
    page.goto(base + "/")
    page.locator("a.story-title", has_text="dockworkers").click()
    page.fill("#ask-q", "When did the strike start?")
    page.click("form.ask-box button")
    page.wait_for_selector("#answer .answer-box")
    assert "September 2025" in page.locator("#answer").inner_text()
    assert page.dialogs == [] and page.errors == []


def test_script_payloads_show_as_text_and_open_no_dialog(
    page: Any, base: str, tmp_path: Path
) -> None:
    page.goto(base + "/")
    assert XSS_TITLE in page.locator("body").inner_text()
    page.locator("a.story-title", has_text="Lindenport").click()
    page.wait_for_selector("article.story")
    body = page.locator("body").inner_text()
    assert XSS_TITLE in body and XSS_OUTLET in body
    page.locator("#s1-articles summary").first.click()  # the full text, unfolded
    assert "<script>alert('text')</script>" in page.locator("#s1-articles").inner_text()
    shoot(page, "xss-story", tmp_path)
    href = page.locator("a[href*='/articles/']").first.get_attribute("href")
    page.goto(base + href)
    assert "<img src=x onerror=alert('img')>" in page.locator(".art-full").inner_text()
    page.goto(base + "/ask?q=How+many+bakeries+took+part+in+the+Lindenport+contest%3F")
    assert "14" in page.locator(".answer-box").inner_text()
    page.mouse.move(10, 10)
    page.wait_for_timeout(300)  # time for any injected handler to have fired
    assert page.dialogs == []
    assert page.locator("script:not([src])").count() == 0
    assert page.locator("img[src=x]").count() == 0


def test_adding_a_file_shows_progress_then_the_new_story(
    browser: Any, db_copy: Path, tmp_path: Path
) -> None:
    source = tmp_path / "ferry.md"
    source.write_text(NEW_ARTICLE, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen: list[str] = []
    page.on("dialog", lambda d: (seen.append(d.message), d.dismiss()))
    with served(db_copy) as url:
        page.goto(url + "/add")
        shoot(page, "add", tmp_path)
        page.set_input_files("#files", str(source))
        page.click("button:has-text('Add and analyse')")
        page.wait_for_url(re.compile(r".*/jobs/[0-9a-f]+$"))
        # progress lines arrive over server-sent events while the run goes on
        page.wait_for_selector("#job-log li >> text=/analysing story/", timeout=120_000)
        shoot(page, "progress", tmp_path)
        page.wait_for_selector("ul.changes", timeout=180_000)  # the page reloads at the end
        new = page.locator("ul.changes li", has_text="Ferry service")
        assert "new" in (new.text_content() or "")
        shoot(page, "added", tmp_path)
        new.locator("a").click()
        page.wait_for_selector("article.story")
        assert "Anneke Smit" in page.locator("body").inner_text()
    assert seen == []
    context.close()
