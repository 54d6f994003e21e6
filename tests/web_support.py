"""What the web tests share: the script-payload article, a new article to add, the settings
and a uvicorn server on a free port of 127.0.0.1 in a thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsprism.settings import Settings

XSS_TITLE = '<script>alert("title")</script><img src=x onerror=alert(1)> Lindenport bakers win'
XSS_OUTLET = "<script>alert('outlet')</script>Lindenport Post"
XSS_TEXT = (
    "The Lindenport bakers' guild won the regional bread prize on Saturday, its chair "
    "Marta Oosting said. <script>alert('text')</script> "
    '"We baked through the night," said Marta Oosting. '
    "<img src=x onerror=alert('img')> The guild said 14 bakeries took part in the contest.\n"
    "The prize, awarded by the Lindenport council, carries a grant of 2,000 euros for the "
    "guild's apprentices. <a href=\"javascript:alert('link')\">more</a>\n"
)
# An article about something else again: adding it opens a new story.
NEW_ARTICLE = """---
source: Coastal Observer
published: 2025-09-14
title: Ferry service to Lysa islands resumes after storm repairs
---
The ferry service between Port Meridian and the Lysa islands resumed on Sunday after two weeks of repairs to the storm-damaged pier, the island council said.
The council said the first crossing carried 212 passengers and that the timetable would return to four daily sailings by Wednesday.
"The islands have been cut off for too long," said council leader Anneke Smit.
"""


def xss_article() -> str:
    return f"---\nsource: {XSS_OUTLET}\npublished: 2025-09-13\ntitle: {XSS_TITLE}\n---\n{XSS_TEXT}"


def web_settings(db: Path) -> Settings:
    return Settings(db=str(db), offline=True, today="2026-01-01")


@contextmanager
def served(db: Path, token: str | None = None) -> Iterator[str]:
    """The web app over `db`, served by uvicorn on 127.0.0.1; gives its base URL."""
    import uvicorn

    from newsprism.web.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(web_settings(db), token=token), host="127.0.0.1", port=port, log_level="error"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(400):  # the server starts in well under a second; 20 s at most
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
