"""Per-article analyses kept between runs: annotations (sentences, mentions, times) and
extractions (quotes, events, stances, claims as JSON), each under a key of what produced it,
so a stored one is reused only while that key matches."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from newsprism.errors import StoreError
from newsprism.model import Annotation, Mention, Span, TimeMention
from newsprism.store.connection import Connection


class AnalysisTables(Connection):
    """The `annotations` and `extractions` tables."""

    def get_annotations(self, keys: dict[str, str]) -> dict[str, Annotation]:
        """Stored annotations of the articles in `keys` (article id -> producer key) whose
        producer key still matches; the others must be recomputed."""
        found: dict[str, Annotation] = {}
        ids = list(keys)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self._db.execute(
                f"SELECT article_id, key, data FROM annotations WHERE article_id IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            )
            for article_id, key, data in rows:
                if keys.get(article_id) == key:
                    found[article_id] = annotation_from_json(article_id, data)
        return found

    def put_annotations(self, items: Sequence[tuple[Annotation, str]]) -> None:
        try:
            with self.transaction() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO annotations VALUES (?,?,?)",
                    [(a.article_id, key, annotation_to_json(a)) for a, key in items],
                )
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: could not write annotations ({exc})") from exc

    def get_extractions(self, keys: dict[str, str]) -> dict[str, str]:
        """Stored extraction JSON of the articles in `keys` (article id -> producer key)
        whose producer key still matches."""
        found: dict[str, str] = {}
        select = "SELECT article_id, key, data FROM extractions"
        for article_id, key, data in self._in(select, "article_id", list(keys)):
            if keys.get(article_id) == key:
                found[article_id] = data
        return found

    def put_extractions(self, items: Sequence[tuple[str, str, str]]) -> None:
        """(article id, producer key, JSON) rows, written in one transaction."""
        try:
            with self.transaction() as db:
                db.executemany("INSERT OR REPLACE INTO extractions VALUES (?,?,?)", items)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: could not write extractions ({exc})") from exc


def annotation_to_json(annotation: Annotation) -> str:
    """Compact JSON of an annotation; spans are stored as offsets (the article id is the key)."""
    return json.dumps(
        {
            "s": [[s.start, s.end] for s in annotation.sentences],
            "m": [
                [
                    m.span.start,
                    m.span.end,
                    m.text,
                    m.label,
                    m.cue,
                    list(m.role) if m.role else None,
                    m.gazetteer,
                ]
                for m in annotation.mentions
            ],
            "t": [
                [
                    t.span.start,
                    t.span.end,
                    t.text,
                    t.value,
                    t.granularity,
                    t.type,
                    t.kind,
                    t.range_start,
                    t.range_end,
                    t.mod,
                ]
                for t in annotation.times
            ],
        },
        ensure_ascii=False,
    )


def annotation_from_json(article_id: str, data: str) -> Annotation:
    raw = json.loads(data)

    def span(start: int, end: int) -> Span:
        return Span(article_id=article_id, start=start, end=end)

    return Annotation(
        article_id=article_id,
        sentences=tuple(span(a, b) for a, b in raw["s"]),
        mentions=tuple(
            Mention(
                span=span(a, b),
                text=text,
                label=label,
                cue=cue,
                role=(role[0], role[1]) if role else None,
                gazetteer=gaz,
            )
            for a, b, text, label, cue, role, gaz in raw["m"]
        ),
        times=tuple(
            TimeMention(
                span=span(a, b),
                text=text,
                value=value,
                granularity=gran,
                type=typ,
                kind=kind,
                range_start=rs,
                range_end=re_,
                mod=mod,
            )
            for a, b, text, value, gran, typ, kind, rs, re_, mod in raw["t"]
        ),
    )
