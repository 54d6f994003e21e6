"""The ingest stage: paths, folders, globs, URLs and feeds in; clean `Article`s out.

Steps, in order:
 1. expand the inputs into files and URLs (folders recursively, globs, OPML feed lists);
 2. read each one into drafts (readers.py), skipping an input already read with the same bytes;
 3. clean the text: Unicode, paragraphs, page residue, lines an outlet repeats (clean.py);
 4. find the title, outlet and language (meta.py);
 5. drop exact duplicates and mark near-duplicates and syndicated copies (dedup.py);
 6. date each article from metadata, or infer the date from the texts (dating.py);
 7. store each batch of articles in one transaction (through `ArticleStore`, which the store
    satisfies; ingest never imports it).
A bad input is reported as `Skipped` with the reason and the fix; it never stops the batch:
every reader runs inside a boundary (guard.py) under a CPU budget, after limits on the input's
shape (limits.py); fetches keep the run's bounds (crawl.py); folder walks and globs enter each
folder once (walk.py). The reasons inputs were skipped are kept in the input cache, so a re-run
reports them again without reading the input again.
Known limits: non-English articles are stored but not analysed; near-duplicate detection is
lexical, so translations of one story are separate voices.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from newsprism.budget import BudgetExceeded
from newsprism.errors import BadInputError
from newsprism.ingest import clean, dating, dedup, meta
from newsprism.ingest.crawl import Crawl
from newsprism.ingest.guard import checked_drafts, read_within_budget, reason_of, valid_skipped
from newsprism.ingest.limits import Limits, valid_text
from newsprism.ingest.readers import Draft, KeepEntry, iter_files, read_document, unpack
from newsprism.ingest.walk import glob_files
from newsprism.model import (
    Article,
    DateValue,
    IngestSummary,
    Skipped,
    Span,
    article_id,
    normalise_for_hash,
)
from newsprism.settings import Settings

INGEST_VERSION = "2"  # part of the input-cache key: bump it when reading or cleaning changes

Progress = Callable[[str], None]


class ArticleStore(Protocol):
    """What ingest reads and writes of the stored articles (`newsprism.store.Store` is one):
    the input cache, exact and near-duplicate look-ups, and one write per batch. Ingest
    streams, so it reads and writes as it goes instead of returning what to write."""

    def cached_input(self, key: str) -> list[str] | None: ...

    def cached_input_skips(self, key: str) -> list[Skipped]: ...

    def get_article(self, article_id: str) -> Article | None: ...

    def get_articles(self, ids: Sequence[str]) -> list[Article]: ...

    def find_text_hash(self, text_hash: str) -> str | None: ...

    def band_candidates(self, bands: Sequence[tuple[int, str]]) -> dict[str, bytes]: ...

    def duplicate_root(self, article_id: str) -> str: ...

    def put_articles(
        self,
        articles: Sequence[tuple[Article, str, bytes, Sequence[tuple[int, str]]]],
        inputs: Iterable[
            tuple[str, str, Sequence[str]] | tuple[str, str, Sequence[str], Sequence[Skipped]]
        ] = (),
    ) -> None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestResult:
    articles: tuple[Article, ...]  # this run's articles in input order, stored ones included
    summary: IngestSummary


@dataclass(frozen=True, slots=True, kw_only=True)
class _Source:
    name: str
    path: Path | None = None
    url: str | None = None
    root: Path | None = None
    depth: int = 0  # links followed from an input to reach it (an OPML list's feeds: 1)
    document: Document | None = None  # its bytes, when the caller has read them


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """An input whose bytes the caller has already read (`newsprism watch` fetches feeds
    itself, conditionally). `path` and `root` find a folder's sidecar; `keep_entry` says which
    feed entries, JSON records or articles to read (by key and digest, see
    `readers.KeepEntry`). A document with `keep_entry` bypasses the input cache, which would
    otherwise hand back every article the same bytes gave before."""

    name: str
    data: bytes
    url: str | None = None
    content_type: str = ""
    charset: str | None = None
    path: Path | None = None
    root: Path | None = None
    keep_entry: KeepEntry | None = None


def expand_inputs(inputs: Sequence[str]) -> Iterator[_Source | Skipped]:
    """Files and URLs named by the inputs, with a `Skipped` for each that names nothing."""
    for raw in inputs:
        item = valid_text(raw.strip())
        if re.match(r"^https?://", item, re.IGNORECASE):
            yield _Source(name=item, url=item)
        elif re.match(r"^[a-z][a-z0-9+.-]*://", item, re.IGNORECASE):
            yield Skipped(input=item, reason="only http:// and https:// URLs are fetched")
        elif any(ch in item for ch in "*?["):
            files = glob_files(item)
            if not files:
                yield Skipped(input=item, reason="no file matches this pattern")
            for path in files:
                yield _Source(name=valid_text(str(path)), path=path, root=path.parent)
        else:
            path = Path(item)
            if path.is_dir():
                found = False
                for file in iter_files(path):
                    found = True
                    yield _Source(name=valid_text(str(file)), path=file, root=path)
                if not found:
                    yield Skipped(
                        input=item,
                        reason="the folder has no .txt, .md, .html, .json(l), feed or .opml files",
                    )
            elif path.is_file():
                yield _Source(name=str(path), path=path, root=path.parent)
            else:
                yield Skipped(input=item, reason="no such file, folder or URL")


def ingest(
    inputs: Sequence[str],
    settings: Settings,
    store: ArticleStore,
    progress: Progress | None = None,
) -> IngestResult:
    """Read, clean, de-duplicate, date and store every article the inputs name. (The faces
    that call it hold the store's run lock: see `newsprism.runlock`.)"""
    run = _Run(settings, store)
    queue: list[_Source | Skipped] = list(expand_inputs(inputs))
    while queue:
        item = queue.pop(0)
        if isinstance(item, Skipped):
            run.skipped.append(item)
            continue
        queue[:0] = run.read_source(item)  # OPML lists add their feeds right after themselves
        if len(run.pending) >= settings.batch_articles:
            run.flush()
        if progress:
            progress(item.name)
    run.flush()
    return run.result()


def ingest_documents(
    documents: Sequence[Document],
    settings: Settings,
    store: ArticleStore,
    progress: Progress | None = None,
) -> IngestResult:
    """`ingest` over inputs already read: each document's articles (those its `keep_entry`
    accepts) are cleaned, de-duplicated, dated and stored exactly as `ingest` does."""
    run = _Run(settings, store)
    for d in documents:
        run.read_source(_Source(name=d.name, path=d.path, url=d.url, root=d.root, document=d))
        if len(run.pending) >= settings.batch_articles:
            run.flush()
        if progress:
            progress(d.name)
    run.flush()
    return run.result()


class _Run:
    """State of one ingest run: drafts waiting to be stored, and what was done so far."""

    def __init__(self, settings: Settings, store: ArticleStore) -> None:
        self.settings = settings
        self.store = store
        self.shingler = dedup.Shingler()
        self.crawl = Crawl(settings)
        self.limits = Limits.of(settings)
        self.pending: list[tuple[str, Draft]] = []  # (input-cache key, draft)
        # key -> (name, article ids, what of the input was skipped)
        self.pending_inputs: dict[str, tuple[str, list[str], list[Skipped]]] = {}
        self.ordered: list[str] = []  # article ids of this run, in input order
        self.articles: dict[str, Article] = {}
        self.seen_hashes: dict[str, str] = {}  # text hash -> article id, this run
        self.run_bands: dict[tuple[int, str], list[str]] = {}
        self.signatures: dict[str, dedup.Signature] = {}
        self.skipped: list[Skipped] = []
        self.uncached: set[str] = set()  # input keys of documents read in part
        self.counts = {"read": 0, "new": 0, "already_stored": 0, "exact": 0}

    # --- reading --------------------------------------------------------------------------

    def read_source(self, source: _Source) -> list[_Source | Skipped]:
        """Read one input; whatever goes wrong is one skipped line, never the run's end."""
        key: str | None = None
        keep = source.document.keep_entry if source.document else None
        try:
            data, final_url, content_type, charset = self._load(source)
            overrides: dict[str, str] = {}
            if source.path is not None and source.root is not None:
                overrides = meta.sidecar_metadata(source.path.resolve(), source.root.resolve())
            key = self._cache_key(source.name, data, overrides)
            cached = self.store.cached_input(key) if keep is None else None
            if cached is not None:
                for article in self.store.get_articles(cached):
                    self._keep(article, stored=True)
                self.skipped.extend(self.store.cached_input_skips(key))
                return []
            fetch = None
            if not self.settings.offline and self.settings.follow_feed_links:
                fetch = functools.partial(self._fetch, depth=source.depth + 1)

            def read() -> tuple[list[Draft], list[Skipped], list[str]]:
                return read_document(
                    unpack(data, source.name, self.settings.max_bytes),
                    source.name,
                    suffix=_suffix(source),
                    content_type=content_type,
                    charset=charset,
                    url=final_url,
                    fetch=fetch,
                    feed_summary_chars=self.settings.feed_summary_chars,
                    limits=self.limits,
                    keep_entry=keep,
                )

            drafts, skipped, feed_urls = read_within_budget(
                source.name, self.settings.read_cpu_seconds, read
            )
        except Exception as exc:  # noqa: BLE001 - the boundary: one input, one skipped line
            skip = Skipped(input=source.name, reason=reason_of(exc))
            self.skipped.append(skip)
            if key is not None and not isinstance(exc, BudgetExceeded):
                # Read, and refused for what it is: remembered, so a re-run says so again
                # without reading it. (A budget overrun depends on the machine: not kept.)
                self.pending_inputs[key] = (source.name, [], [skip])
            return []
        drafts, too_long = checked_drafts(drafts, self.settings.max_line_chars)
        skipped = valid_skipped([*skipped, *too_long])
        self.skipped.extend(skipped)
        if keep is not None:  # a chosen subset of an input is no answer for all of it
            drafts = [d for d in drafts if d.format == "feed" or keep(*_draft_key(d))]
            self.uncached.add(key)  # (feed entries were chosen while reading)
        drafts = [_apply_overrides(d, overrides) for d in drafts]
        self.pending.extend((key, d) for d in drafts)
        self.pending_inputs[key] = (source.name, [], skipped)
        return [_Source(name=url, url=url, depth=source.depth + 1) for url in feed_urls]

    def _load(self, source: _Source) -> tuple[bytes, str | None, str, str | None]:
        if source.document is not None:
            d = source.document
            return d.data, d.url, d.content_type, d.charset
        if source.url is not None:
            fetched = self.crawl.fetch(source.url, source.depth)
            return fetched.body, fetched.url, fetched.content_type, fetched.charset
        assert source.path is not None
        size = source.path.stat().st_size
        if size > self.settings.max_bytes:
            raise BadInputError(
                source.name,
                f"is {size:,} bytes, over the limit of {self.settings.max_bytes:,}",
                "split it, or raise max_bytes in newsprism.toml / --max-bytes",
            )
        try:
            return source.path.read_bytes(), None, "", None
        except OSError as exc:
            raise BadInputError(
                source.name, f"cannot be read ({exc.strerror})", "check permissions"
            ) from exc

    def _fetch(self, url: str, *, depth: int) -> tuple[str, bytes]:
        fetched = self.crawl.fetch(url, depth)
        return fetched.url, unpack(fetched.body, url, self.settings.max_bytes)

    def _cache_key(self, name: str, data: bytes, sidecar: dict[str, str]) -> str:
        parts = [
            INGEST_VERSION,
            name,
            hashlib.sha256(data).hexdigest(),
            json.dumps(sidecar, sort_keys=True),
            self.settings.date or "",
            repr(self.limits),  # a skip for a limit is kept only while the limit stays
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    # --- turning drafts into articles -----------------------------------------------------

    def flush(self) -> None:
        """Clean, date and de-duplicate the pending drafts, and store them in one transaction."""
        if not self.pending:
            for key, (name, ids, skips) in self.pending_inputs.items():
                if key not in self.uncached:
                    self.store.put_articles([], [(key, name, ids, skips)])
            self.pending_inputs.clear()
            return
        pending, self.pending = self.pending, []
        self.counts["read"] += len(pending)
        prepared: list[tuple[str, Draft, str, list[str]]] = []
        for key, d in pending:
            try:  # the boundary again: one draft that breaks cleaning is one skipped line
                outlet = meta.outlet_name(
                    declared=d.source, site_name=d.site_name, url=d.url, input_name=d.input
                )
                prepared.append((key, d, outlet, clean.paragraphs(clean.normalise_unicode(d.text))))
            except Exception as exc:  # noqa: BLE001
                self._skip(key, Skipped(input=d.input, reason=reason_of(exc)))
        repeated = clean.find_repeated_edge_lines((o, lines) for _, _, o, lines in prepared)
        built: list[tuple[str, Article]] = []
        for key, draft, outlet, text_lines in prepared:
            try:
                kept = clean.strip_residue(text_lines, repeated.get(outlet, frozenset()))
                article = self._build(draft, outlet, "\n".join(kept))
            except Exception as exc:  # noqa: BLE001
                article = Skipped(input=draft.input, reason=reason_of(exc))
            if isinstance(article, Skipped):
                self._skip(key, article)
            else:
                built.append((key, article))
        built = self._date_each_alone_on_failure(built)
        rows = []
        for key, article in built:
            text_hash = hashlib.sha256(normalise_for_hash(article.text).encode()).hexdigest()
            existing = self.store.get_article(article.id)
            earlier = self.seen_hashes.get(text_hash) or self.store.find_text_hash(text_hash)
            if (earlier is not None and earlier != article.id and existing is None) or (
                article.id in self.articles and article.id in self.signatures
            ):
                # The same text again (under another URL, in another file, or twice in this
                # run): one article, not two.
                self.counts["exact"] += 1
                self.pending_inputs[key][1].append(earlier or article.id)
                continue
            self.seen_hashes[text_hash] = article.id
            signature = self.shingler.signature(article.text)
            bands = dedup.band_keys(signature)
            article = self._mark_near_duplicate(article, signature, bands, existing)
            self.signatures[article.id] = signature
            for band in bands:
                self.run_bands.setdefault(band, []).append(article.id)
            rows.append((article, text_hash, dedup.to_bytes(signature), bands))
            self.pending_inputs[key][1].append(article.id)
            self._keep(article, stored=existing is not None)
        inputs = [
            (key, n, ids, skips)
            for key, (n, ids, skips) in self.pending_inputs.items()
            if key not in self.uncached
        ]
        self.store.put_articles(rows, inputs)
        self.pending_inputs.clear()

    def _skip(self, key: str, skipped: Skipped) -> None:
        """Report a draft as skipped, and remember it with its input for re-runs."""
        self.skipped.append(skipped)
        self.pending_inputs[key][2].append(skipped)

    def _date_each_alone_on_failure(
        self, built: list[tuple[str, Article]]
    ) -> list[tuple[str, Article]]:
        """`_date` over the batch; if it raises, over each article alone, so an article the
        dating cannot handle is skipped by itself."""
        try:
            return self._date(built)
        except Exception:  # noqa: BLE001 - retried one by one below, where it is reported
            dated = []
            for key, article in built:
                try:
                    dated += self._date([(key, article)])
                except Exception as exc:  # noqa: BLE001
                    self._skip(key, Skipped(input=article.input or key, reason=reason_of(exc)))
            return dated

    def _build(self, draft: Draft, outlet: str, text: str) -> Article | Skipped:
        title = draft.title
        if title is None and draft.format in ("text", "markdown"):
            title, text = clean.split_title(text)
        title = " ".join(title.split()) if title else None
        if not text.strip():
            return Skipped(
                input=draft.input, reason="no article text left after removing page residue"
            )
        declared_language = meta.normalise_language(draft.language)
        detected, confidence = meta.detect_language(text)
        language = declared_language or (
            detected if confidence >= meta.MIN_LANGUAGE_CONFIDENCE else None
        )
        analysed = language is None or language in self.settings.languages
        skip_reason = None if analysed else _not_analysed(language, self.settings.languages)
        if analysed and len(text) > self.settings.max_article_chars:
            # Stored, so nothing is lost, but not analysed: annotation and extraction time
            # grow with length, and no news article is this long.
            analysed = False
            skip_reason = (
                f"its text is {len(text):,} characters, over max_article_chars "
                f"({self.settings.max_article_chars:,}); split it into articles or raise the "
                "setting"
            )
        published = (
            DateValue(value=self.settings.date, granularity="day", kind="explicit")
            if self.settings.date
            else dating.parse_declared_date(draft.published)
        )
        return Article(
            id=article_id(text, draft.url),
            text=text,
            source=outlet,
            url=draft.url,
            title=title,
            published=published,
            language=language,
            analysed=analysed,
            skip_reason=skip_reason,
            author=draft.author,
            input=draft.input,
        )

    def _date(self, built: list[tuple[str, Article]]) -> list[tuple[str, Article]]:
        items = [
            dating.DatingInput(id=a.id, text=a.text, published=a.published)
            for _, a in built
            if a.analysed
        ]
        inferred = dating.infer_publication_dates(items, self.settings.today_date())
        texts = {a.id: a for _, a in built}
        dated = []
        for key, article in built:
            found = inferred.get(article.id)
            if found is not None and (
                article.published is None or article.published.granularity != "day"
            ):
                evidence = tuple(
                    Span(article_id=aid, start=s, end=e)
                    for aid, s, e in found.evidence
                    if aid in texts and e <= len(texts[aid].text)
                )
                article = dataclasses.replace(
                    article, published=found.value, published_evidence=evidence
                )
            dated.append((key, article))
        return dated

    def _mark_near_duplicate(
        self,
        article: Article,
        signature: dedup.Signature,
        bands: list[tuple[int, str]],
        existing: Article | None,
    ) -> Article:
        if existing is not None and existing.duplicate_of:
            return dataclasses.replace(
                article, duplicate_of=existing.duplicate_of, similarity=existing.similarity
            )
        candidates = {k: dedup.from_bytes(v) for k, v in self.store.band_candidates(bands).items()}
        for band in bands:
            for other in self.run_bands.get(band, ()):
                candidates[other] = self.signatures[other]
        candidates.pop(article.id, None)
        best, best_score = None, 0.0
        for other, other_signature in candidates.items():
            score = dedup.similarity(signature, other_signature)
            if score > best_score:
                best, best_score = other, score
        if best is None or best_score < self.settings.near_duplicate_threshold:
            return article
        if best in self.articles:
            root = self.articles[best].duplicate_of or best
        else:
            root = self.store.duplicate_root(best)
        return dataclasses.replace(article, duplicate_of=root, similarity=round(best_score, 3))

    def _keep(self, article: Article, *, stored: bool) -> None:
        if article.id not in self.articles:
            self.ordered.append(article.id)
            self.counts["already_stored" if stored else "new"] += 1
        self.articles[article.id] = article

    def result(self) -> IngestResult:
        articles = tuple(self.articles[i] for i in self.ordered)
        return IngestResult(
            articles=articles,
            summary=IngestSummary(
                read=self.counts["read"],
                new=self.counts["new"],
                already_stored=self.counts["already_stored"],
                exact_duplicates=self.counts["exact"],
                near_duplicates=sum(1 for a in articles if a.duplicate_of),
                not_analysed=sum(1 for a in articles if not a.analysed),
                skipped=tuple(self.skipped),
            ),
        )


def _draft_key(draft: Draft) -> tuple[str, str]:
    """(key, digest) of a record that is not a feed entry: its URL or input name, and a hash
    of its title and text."""
    said = f"{draft.title or ''}\x1f{draft.text}"
    return draft.url or draft.input, hashlib.sha256(said.encode("utf-8")).hexdigest()


def _suffix(source: _Source) -> str:
    name = (source.path.name if source.path else source.url or "").lower().split("?")[0]
    name = name.removesuffix(".gz")
    return Path(name).suffix


def _apply_overrides(draft: Draft, overrides: dict[str, str]) -> Draft:
    if not overrides:
        return draft
    return dataclasses.replace(
        draft,
        source=overrides.get("source") or overrides.get("outlet") or draft.source,
        published=overrides.get("published") or overrides.get("date") or draft.published,
        url=overrides.get("url") or draft.url,
        title=overrides.get("title") or draft.title,
        author=overrides.get("author") or draft.author,
        language=overrides.get("language") or draft.language,
    )


def _not_analysed(language: str | None, analysed: tuple[str, ...]) -> str:
    return f"language '{language}' is not analysed (analysed: {', '.join(analysed)})"
