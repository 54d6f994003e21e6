"""The web app's routes. Each parses its request, calls the library (the functions the CLI
calls: `pipeline.stored_report`, `pipeline.analyze` through `jobs`, `ask`, `catalog`), and
renders a template; none touches SQL.

    /                                   the story list: search, filters, sort
    /stories/{id}                       a story: the report's rendering of it, and an ask box
    /stories/{id}/articles/{article}    an article with the passages the story cites marked
    /ask?q=…[&story=ID]                 an answer page; JSON with `Accept: application/json`
    /add  (GET form, POST)              upload files or paste URLs, analysed in the background
    /jobs/{id}, /jobs/{id}/events       a run's page and its progress as server-sent events
    /healthz                            liveness and the number of stories

When `newsprism watch` keeps the store, the list and the story page mark what is new since
the visitor's last visit (`_Visit`: two cookies, no account), from the story versions the
watch rounds stored (`newsprism.changes`, as `newsprism changes` shows them).

An htmx request (`HX-Request` header) for `/` or `/ask` gets only the part of the page that
changes; any other request gets the whole page, so every address works without JavaScript.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from markupsafe import Markup
from starlette.datastructures import UploadFile
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)

from newsprism.ask import answer_question
from newsprism.ask.across import answer_across
from newsprism.catalog import SORTS, StoryQuery, find_stories, rank_for_question, story_summaries
from newsprism.changes import KINDS, StoryChanges, changes_since, latest_round
from newsprism.errors import NewsprismError
from newsprism.model import Answer
from newsprism.pipeline import llm_answer, stored_report
from newsprism.render.contract import answer_dict
from newsprism.render.page import answer_html, story_html
from newsprism.report import answer_entry, article_entry
from newsprism.store import Store
from newsprism.web.guard import CSRF_FIELD, check_form

router = APIRouter()

MAX_FILES = 50  # files one upload may carry
MAX_URLS = 50  # URLs one form may carry
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SAFE_NAME = re.compile(r"[^\w.\- ]+")


def _shared(request: Request) -> Any:
    return request.app.state.shared


def _store(request: Request) -> Store:
    return Store(_shared(request).settings.db)


def _page(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    env = _shared(request).templates
    html = env.get_template(template).render(
        request=request, csrf=request.state.csrf, csrf_field=CSRF_FIELD, **context
    )
    return HTMLResponse(html, status_code=status)


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    return _page(request, "error.html", status=status, message=message)


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _partial(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


# ---------------------------------------------------------------- new since your last visit


@dataclass(frozen=True, slots=True, kw_only=True)
class _Visit:
    """Which watch round a visitor's page marks changes after. `since` is None on a first
    visit (nothing is marked, nothing being known of what the visitor saw); `latest` is the
    newest finished round. A persistent cookie keeps the newest round at the visitor's last
    visit; a session cookie keeps this visit's `since`, so the marks stay put while the visitor
    moves between pages and move on at the next visit. `?new_since=ROUND` asks for a round."""

    since: int | None
    latest: int
    cookies: tuple[str, str]  # (persistent, session) cookie names, one pair per store


_COOKIE_AGE = 365 * 24 * 3600  # a year: "your last visit" may be weeks ago


def _visit(request: Request, store: Store) -> _Visit | None:
    """This request's visit, or None when no watch round has finished in the store."""
    latest = latest_round(store)
    if latest == 0:
        return None
    # one pair of cookies per store, so two stores served on one host keep their own rounds
    tag = hashlib.sha256(str(store.path).encode()).hexdigest()[:8]
    cookies = (f"np_seen_{tag}", f"np_visit_{tag}")
    since = None
    for text in (
        request.query_params.get("new_since", ""),
        request.cookies.get(cookies[1], ""),
        request.cookies.get(cookies[0], ""),
    ):
        if text.strip().isdigit():
            since = min(int(text), latest)
            break
    return _Visit(since=since, latest=latest, cookies=cookies)


def _remember(request: Request, response: Response, visit: _Visit | None) -> Response:
    """The response with the visit's cookies: the newest round seen (kept a year) and this
    visit's baseline (until the browser closes)."""
    if visit is None:
        return response
    seen, this = visit.cookies
    since = visit.latest if visit.since is None else visit.since
    secure = request.url.scheme == "https"
    response.set_cookie(
        seen, str(visit.latest), max_age=_COOKIE_AGE, httponly=True, samesite="lax", secure=secure
    )
    if "new_since" not in request.query_params:
        response.set_cookie(this, str(since), httponly=True, samesite="lax", secure=secure)
    return response


def _fresh(
    store: Store, visit: _Visit | None, story_id: str | None = None
) -> dict[str, StoryChanges]:
    """What changed in each story (or in `story_id` only) since the visit's round."""
    if visit is None or visit.since is None or visit.since >= visit.latest:
        return {}
    changed = {s for s, _round, _title in store.story_versions(after=visit.since)}
    if story_id is not None and story_id not in changed:
        return {}
    found = changes_since(store, visit.since, story_id)
    return {c.story_id: c for c in found}


def _new_items(store: Store, found: StoryChanges, story_id: str) -> list[dict[str, Any]]:
    """The story page's "new since your last visit" groups: per kind, each item with its
    citations as links to the cited passage, labelled by outlet."""
    cited = {c.article_id for i in found.items for c in i.citations}
    outlets = {a.id: a.source for a in store.get_articles(sorted(cited))}
    link = article_link(story_id)
    groups = []
    for kind in KINDS:
        items = [
            {
                "change": item.change,
                "text": item.text,
                "detail": item.detail,
                # a new article links to its own page; other items to their cited passages
                "href": link(item.id, 0, 0) if kind == "article" else None,
                "cites": [
                    (link(c.article_id, c.start, c.end), outlets.get(c.article_id, "source"))
                    for c in sorted(item.citations, key=lambda c: c.article_id not in item.sources)
                ][:3],
            }
            for item in found.of(kind)
        ]
        if items:
            groups.append({"kind": kind, "items": items})
    return groups


# ---------------------------------------------------------------- story list


@router.get("/", response_class=HTMLResponse)
def story_list(
    request: Request,
    q: str = "",
    entity: str = "",
    since: str = "",
    until: str = "",
    outlet: str = "",
    min_size: str = "",
    max_size: str = "",
    sort: str = "recent",
) -> Response:
    problems = []
    sizes: list[int | None] = []
    for name, value in (("min size", min_size), ("max size", max_size)):
        text = value.strip()
        if text and not text.isdigit():
            problems.append(f"{name} must be a whole number, not {text!r}; it was left out")
        sizes.append(int(text) if text.isdigit() else None)
    days = []
    for name, value in (("from", since), ("to", until)):
        text = value.strip()
        if text and not _DAY.match(text):
            problems.append(
                f"the '{name}' date must read YYYY-MM-DD, not {text!r}; it was left out"
            )
        days.append(text if _DAY.match(text) else "")
    query = StoryQuery(
        words=q,
        entity=entity,
        since=days[0],
        until=days[1],
        outlet=outlet,
        min_size=sizes[0],
        max_size=sizes[1],
        sort=sort if sort in SORTS else "recent",
    )
    with _store(request) as store:
        summaries = story_summaries(store)
        visit = _visit(request, store)
        fresh = _fresh(store, visit)
    found = find_stories(summaries, query)
    outlets = sorted({o for s in summaries for o in s.outlets})
    context: dict[str, Any] = {
        "stories": found,
        "total": len(summaries),
        "query": query,
        "size_text": (min_size, max_size),
        "outlets": outlets,
        "problems": problems,
        "visit": visit,
        "fresh": fresh,
    }
    template = "_stories.html" if _partial(request) else "list.html"
    return _remember(request, _page(request, template, **context), visit)


# ---------------------------------------------------------------- story and article


def _story_data(request: Request, store: Store, story_id: str) -> str | Response:
    """The stored report JSON of one story; a redirect for a merged story or a unique
    prefix of an id; an error page when there is none."""
    rows = store.get_stories([story_id])
    if rows and rows[0].merged_into:
        return RedirectResponse(f"/stories/{rows[0].merged_into}", status_code=301)
    data = store.get_story_report(story_id)
    if data is not None:
        return data
    matches = [s.id for s in story_summaries(store) if s.id.startswith(story_id)]
    if len(matches) == 1:
        return RedirectResponse(f"/stories/{matches[0]}", status_code=307)
    return _error(request, 404, f"no analysed story {story_id} in this store")


def article_link(story_id: str) -> Any:
    """Where the story page's article links go: the article's own page, at the passage."""

    def link(article_id: str, start: int, end: int) -> str:
        page = f"/stories/{quote(story_id)}/articles/{quote(article_id)}"
        return page + (f"#c{start}" if end else "")

    return link


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> Response:
    with _store(request) as store:
        data = _story_data(request, store, story_id)
        if isinstance(data, Response):
            return data

        def make() -> tuple[str, str]:
            report = stored_report(store, [story_id])
            story = report.stories[0]
            articles = {a.id: a for a in report.articles}
            link = article_link(story_id)
            return story.title or "Untitled story", story_html(story, articles, link=link)

        title, body = _shared(request).story_page(story_id, data, make)
        visit = _visit(request, store)
        found = _fresh(store, visit, story_id).get(story_id)
        new = _new_items(store, found, story_id) if found is not None else None
    # The render stage escapes everything from the articles; its output is markup.
    page = _page(
        request,
        "story.html",
        story_id=story_id,
        title=title,
        story_html=Markup(body),
        visit=visit,
        fresh=found,
        new=new,
    )
    return _remember(request, page, visit)


@router.get("/stories/{story_id}/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, story_id: str, article_id: str) -> Response:
    with _store(request) as store:
        data = _story_data(request, store, story_id)
        if isinstance(data, Response):
            return data
        story = json.loads(data)
        found = store.get_articles([article_id]) if article_id in story["article_ids"] else []
    if not found:
        return _error(request, 404, f"story {story_id} has no article {article_id}")
    article = article_entry(found[0])
    spans = sorted(_cited_spans(story, article_id, len(article.text)))
    return _page(
        request,
        "article.html",
        story=story,
        article=article,
        parts=_marked(article.text, spans),
        cited=len(spans),
    )


def _cited_spans(value: Any, article_id: str, length: int) -> set[tuple[int, int]]:
    """Every (start, end) of the article that the story object cites anywhere."""
    found: set[tuple[int, int]] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            start, end = item.get("start"), item.get("end")
            if (
                item.get("article_id") == article_id
                and isinstance(start, int)
                and isinstance(end, int)
                and 0 <= start < end <= length
            ):
                found.add((start, end))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _marked(text: str, spans: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    """The text cut into pieces, each either cited or not, with the anchors (`c{start}`)
    of the cited passages that begin in it; overlapping passages are one marked piece."""
    merged: list[list[Any]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(f"c{start}")
        else:
            merged.append([start, end, [f"c{start}"]])
    parts: list[dict[str, Any]] = []
    at = 0
    for start, end, anchors in merged:
        if start > at:
            parts.append({"text": text[at:start], "cited": False, "anchors": []})
        parts.append({"text": text[start:end], "cited": True, "anchors": anchors})
        at = end
    if at < len(text):
        parts.append({"text": text[at:], "cited": False, "anchors": []})
    return parts


# ---------------------------------------------------------------- ask


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, q: str = "", story: str = "") -> Response:
    question = q.strip()
    with _store(request) as store:
        summaries = story_summaries(store)
        if not question:
            if _wants_json(request):
                return _error(request, 400, "no question: pass ?q=QUESTION")
            return _page(request, "ask.html", question="", stories=summaries, chosen=story)
        try:
            answer = _answer(request, store, question, story, summaries)
        except NewsprismError as exc:
            return _error(request, 404, str(exc))
        cited = dict.fromkeys(c.article_id for s in answer.sentences for c in s.citations)
        articles = {a.id: article_entry(a) for a in store.get_articles(list(cited))}
    data = answer_dict(answer)
    if _wants_json(request):
        return JSONResponse(data)
    used = next((s for s in summaries if s.id == answer.story_id), None)
    sid = answer.story_id or ""
    context: dict[str, Any] = {
        "question": question,
        "stories": summaries,
        "chosen": story,
        "answer": data,
        "used": used,
        "asked_across": not story,
        # The render stage escapes everything from the articles; its output is markup.
        "answer_html": Markup(answer_html(answer_entry(answer), articles, link=article_link(sid))),
        "follow_ups": [
            (f, "/ask?" + urlencode({"q": f, "story": sid})) for f in data["follow_ups"]
        ],
    }
    if _partial(request):
        return _page(request, "_answer.html", **context)
    return _page(request, "ask.html", **context)


def _answer(
    request: Request, store: Store, question: str, story: str, summaries: Sequence[Any]
) -> Answer:
    encoder = _encoder(request)
    shared = _shared(request)
    if story:
        index = shared.story_index(store, story)
        answer = answer_question(question, index, encoder)
        return llm_answer(question, answer, index, encoder, store, shared.settings)
    candidates = [c.id for c in rank_for_question(summaries, question)]
    indexes = (shared.story_index(store, c) for c in candidates)  # read when tried
    found = answer_across(question, indexes, encoder)
    if found is None:
        raise NewsprismError(
            f"{store.path} holds no analysed story to ask about; "
            f"run `newsprism analyze INPUT --db {store.path}` first"
        )
    if shared.settings.llm and found.story_id:  # the same path as `ask --llm`
        index = shared.story_index(store, found.story_id)
        return llm_answer(question, found, index, encoder, store, shared.settings)
    return found


def _encoder(request: Request) -> Any:
    try:
        return _shared(request).encoder()
    except NewsprismError:
        return None  # without the model, answers come from word matching alone


# ---------------------------------------------------------------- adding sources


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request) -> Response:
    shared = _shared(request)
    return _page(
        request, "add.html", running=shared.jobs.running(), limit=shared.settings.max_bytes
    )


@router.post("/add", response_class=HTMLResponse)
async def add_sources(request: Request) -> Response:
    settings = _shared(request).settings
    cap = settings.max_bytes
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > cap + 1_000_000:
        return _error(
            request,
            413,
            f"the upload is {int(length):,} bytes; files together may be at most "
            f"{cap:,} bytes (the max_bytes setting)",
        )
    form = await request.form(max_files=MAX_FILES, max_fields=20)
    refused = check_form(request, _text(form.get(CSRF_FIELD)))
    if refused:
        return _error(request, 403, refused)
    urls = [u.strip() for u in _text(form.get("urls")).splitlines() if u.strip()]
    bad = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        return _error(request, 400, f"{bad[0]}: not a web address; give http:// or https:// URLs")
    if len(urls) > MAX_URLS:
        return _error(request, 400, f"{len(urls)} URLs; send at most {MAX_URLS} at a time")
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    folder = Path(tempfile.mkdtemp(prefix="newsprism-upload-")) if uploads else None
    paths: list[str] = []
    try:
        total = 0
        for upload in uploads:
            assert folder is not None
            path = _unique(folder, upload.filename or "upload.txt")
            size = await _save(upload, path, cap - total)
            if size is None:
                raise NewsprismError(
                    f"{upload.filename}: larger than the {cap:,} bytes allowed for one "
                    "upload (the max_bytes setting); split it or raise max_bytes"
                )
            total += size
            paths.append(str(path))
        if not paths and not urls:
            raise NewsprismError("nothing to add: choose files or paste URLs, one per line")
        job = _shared(request).jobs.start([*paths, *urls], folder)
    except NewsprismError as exc:
        if folder is not None:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
        return _error(request, 400, str(exc))
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _unique(folder: Path, name: str) -> Path:
    """A path in `folder` for an uploaded file: its own base name, made safe, with a number
    added when two uploads share it (the name's extension chooses the reader)."""
    base = _SAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).strip(" .") or "upload.txt"
    path, n = folder / base, 1
    while path.exists():
        n += 1
        path = folder / f"{Path(base).stem}-{n}{Path(base).suffix}"
    return path


async def _save(upload: UploadFile, path: Path, room: int) -> int | None:
    """Copy an upload to `path`; None (and nothing kept) when it exceeds `room` bytes."""
    size = 0
    with path.open("wb") as out:
        while chunk := await upload.read(1 << 16):
            size += len(chunk)
            if size > room:
                out.close()
                path.unlink()
                return None
            out.write(chunk)
    return size


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> Response:
    job = _shared(request).jobs.get(job_id)
    if job is None:
        return _error(request, 404, f"no run {job_id} (runs are forgotten when the server stops)")
    return _page(request, "job.html", job=job)


@router.get("/jobs/{job_id}/events")
def job_events(request: Request, job_id: str) -> Response:
    job = _shared(request).jobs.get(job_id)
    if job is None:
        return _error(request, 404, f"no run {job_id}")

    def stream() -> Iterator[str]:
        seen = 0
        while True:
            events, finished = job.wait(seen, timeout=10.0)
            for line in events:
                seen += 1
                yield f"id: {seen}\nevent: progress\ndata: {_one_line(line)}\n\n"
            if finished:
                yield f"event: done\ndata: {json.dumps({'error': job.error})}\n\n"
                return
            if not events:
                yield ": still working\n\n"  # keeps proxies and the browser from giving up

    return StreamingResponse(
        stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- health


@router.get("/healthz")
def healthz(request: Request) -> Mapping[str, Any]:
    with _store(request) as store:
        stories = len(store.reported_stories())
    return {"status": "ok", "stories": stories}
