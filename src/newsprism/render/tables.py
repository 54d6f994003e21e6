"""The report as flat tables for analysts: claims, quotes, positions, timeline, events, articles.

Input: a report dict in the `report.json` contract (what `analyze` writes and
`pipeline.stored_report` returns); only its documented fields are read, so the tables follow
the contract, not newsprism's internals. Output: one file per table in CSV, JSON Lines or
Parquet, each with the fixed columns of `COLUMNS` (documented in the README), one row per
record of every story in the report.

Column types: `str`, `int`, `float`, `bool` and `list` (of strings). In JSON Lines and
Parquet a list is a list; in CSV its items are joined with ";" and a missing value (None) is
an empty cell. A span is written `article_id:start-end` (the cited text is the article's
`text[start:end]`); `article_id`, `start`, `end` give the span where the row's `text` stands
verbatim. `confidence` is empty until the report carries one for that kind of record.
Limits: Parquet needs pyarrow (`pip install "newsprism[parquet]"`); a table is built in
memory, which is fine for the thousands of rows one report holds.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from newsprism.errors import MissingDependencyError, NewsprismError
from newsprism.render.files import write_file

FORMATS = ("csv", "jsonl", "parquet")
SUFFIX = {"csv": ".csv", "jsonl": ".jsonl", "parquet": ".parquet"}
LIST_SEPARATOR = ";"

Row = dict[str, Any]

# name -> (column, type) in file order. Names and order are stable: columns may be added at
# the end, never renamed or dropped.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "claims": (
        ("story_id", "str"),
        ("id", "str"),
        ("text", "str"),
        ("kind", "str"),
        ("status", "str"),
        ("voices", "int"),
        ("confidence", "float"),
        ("article_ids", "list"),
        ("outlets", "list"),
        ("article_id", "str"),
        ("start", "int"),
        ("end", "int"),
        ("evidence", "list"),
        ("conflicts_with", "list"),
        ("attributed_to", "str"),
        ("hedged", "bool"),
    ),
    "quotes": (
        ("story_id", "str"),
        ("id", "str"),
        ("text", "str"),
        ("direct", "bool"),
        ("speaker", "str"),
        ("speaker_name", "str"),
        ("speaker_text", "str"),
        ("cue", "str"),
        ("confidence", "float"),
        ("article_ids", "list"),
        ("outlets", "list"),
        ("article_id", "str"),
        ("start", "int"),
        ("end", "int"),
        ("evidence", "list"),
    ),
    "positions": (
        ("story_id", "str"),
        ("id", "str"),
        ("actor", "str"),
        ("actor_name", "str"),
        ("kind", "str"),
        ("stance", "str"),
        ("confidence", "float"),
        ("article_ids", "list"),
        ("outlets", "list"),
        ("article_id", "str"),
        ("start", "int"),
        ("end", "int"),
        ("evidence", "list"),
    ),
    "timeline": (
        ("story_id", "str"),
        ("id", "str"),
        ("date", "str"),
        ("granularity", "str"),
        ("text", "str"),
        ("background", "bool"),
        ("confidence", "float"),
        ("article_ids", "list"),
        ("outlets", "list"),
        ("article_id", "str"),
        ("start", "int"),
        ("end", "int"),
        ("evidence", "list"),
        ("conflicting_dates", "list"),
        ("events", "list"),
    ),
    "events": (
        ("story_id", "str"),
        ("id", "str"),
        ("type", "str"),
        ("mode", "str"),
        ("actor", "str"),
        ("actor_text", "str"),
        ("target", "str"),
        ("target_text", "str"),
        ("trigger", "str"),
        ("date", "str"),
        ("granularity", "str"),
        ("confidence", "float"),
        ("article_ids", "list"),
        ("outlets", "list"),
        ("article_id", "str"),
        ("start", "int"),
        ("end", "int"),
        ("evidence", "list"),
        ("date_evidence", "list"),
    ),
    "articles": (
        ("story_id", "str"),
        ("id", "str"),
        ("outlet", "str"),
        ("title", "str"),
        ("url", "str"),
        ("published", "str"),
        ("published_inferred", "bool"),
        ("language", "str"),
        ("author", "str"),
        ("analysed", "bool"),
        ("duplicate_of", "str"),
        ("input", "str"),
        ("text", "str"),
    ),
}
TABLES = tuple(COLUMNS)


def table_rows(report: Mapping[str, Any], table: str) -> list[Row]:
    """The rows of one table for every story of `report`, in the report's order."""
    if table not in COLUMNS:
        raise NewsprismError(f"unknown table {table!r}; choose from {', '.join(TABLES)}")
    outlet = {a["id"]: a["source"] for a in report["articles"]}
    rows: list[Row] = []
    if table == "articles":
        story_of: dict[str, str] = {}
        for story in report["stories"]:
            for article_id in story["article_ids"]:
                story_of.setdefault(article_id, story["id"])
        for article in report["articles"]:
            rows.append(_article_row(article, story_of.get(article["id"])))
        return rows
    make = _ROW_MAKERS[table]
    for story in report["stories"]:
        for item in story.get(table, ()):
            row = make(item)
            row["story_id"] = story["id"]
            row.setdefault("confidence", item.get("confidence"))
            row["outlets"] = _outlets(row["article_ids"], outlet)
            rows.append({name: row.get(name) for name, _ in COLUMNS[table]})
    return rows


def write_tables(
    report: Mapping[str, Any], out_dir: str | Path, tables: Sequence[str], fmt: str
) -> list[tuple[Path, int]]:
    """Write each table of `tables` to `out_dir/<table>.<fmt>`; gives (path, rows) for each.
    Each file appears whole or not at all, with the permissions the umask allows."""
    if fmt not in FORMATS:
        raise NewsprismError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    encode = _ENCODERS[fmt]
    if fmt == "parquet":
        _pyarrow()  # fail before anything is written
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NewsprismError(f"{out}: cannot create the output folder ({exc.strerror})") from exc
    written = []
    for table in tables:
        rows = table_rows(report, table)
        path = out / f"{table}{SUFFIX[fmt]}"
        write_file(path, encode(table, rows))
        written.append((path, len(rows)))
    return written


def read_table(path: str | Path, table: str) -> list[Row]:
    """Read a table file written by `write_tables` back into rows with their types (CSV cells
    parsed by the column types), for round-trip checks and for Python users."""
    path = Path(path)
    columns = COLUMNS[table]
    if path.suffix == ".parquet":
        parquet = _pyarrow()[1]
        return [dict(r) for r in parquet.read_table(path).to_pylist()]
    if path.suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line]
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {name: _parse_cell(record[name], kind) for name, kind in columns}
            for record in csv.DictReader(handle)
        ]


def span_text(span: Mapping[str, Any]) -> str:
    return f"{span['article_id']}:{span['start']}-{span['end']}"


# --- rows of each table ----------------------------------------------------------------


def _first(spans: Sequence[Mapping[str, Any]]) -> Row:
    if not spans:
        return {"article_id": None, "start": None, "end": None}
    return {
        "article_id": spans[0]["article_id"],
        "start": spans[0]["start"],
        "end": spans[0]["end"],
    }


def _spans(spans: Sequence[Mapping[str, Any]]) -> list[str]:
    return [span_text(s) for s in spans]


def _articles_of(spans: Sequence[Mapping[str, Any]]) -> list[str]:
    return list(dict.fromkeys(s["article_id"] for s in spans))


def _claim_row(c: Mapping[str, Any]) -> Row:
    return {
        "id": c["id"],
        "text": c["text"],
        "kind": c.get("kind"),
        "status": c["status"],
        "voices": c.get("voices"),
        "article_ids": list(c["sources"]),
        **_first(c["evidence"]),
        "evidence": _spans(c["evidence"]),
        "conflicts_with": list(c.get("conflicts_with", ())),
        "attributed_to": c.get("attributed_to"),
        "hedged": c.get("hedged"),
    }


def _quote_row(q: Mapping[str, Any]) -> Row:
    # the text stands verbatim in its first content span; the evidence is the sentence
    content = q.get("content") or q["evidence"]
    return {
        "id": q["id"],
        "text": q["text"],
        "direct": q["direct"],
        "speaker": q.get("speaker"),
        "speaker_name": q.get("speaker_name"),
        "speaker_text": q.get("speaker_text"),
        "cue": q.get("cue"),
        "article_ids": list(q.get("sources") or _articles_of(q["evidence"])),
        **_first(content),
        "evidence": _spans(q["evidence"]),
    }


def _position_row(p: Mapping[str, Any]) -> Row:
    stance = p.get("stance_spans") or p["evidence"]
    return {
        "id": p.get("id"),
        "actor": p["actor"],
        "actor_name": p.get("actor_name"),
        "kind": p.get("kind"),
        "stance": p["stance"],
        "article_ids": list(p.get("sources") or _articles_of(p["evidence"])),
        **_first(stance),
        "evidence": _spans(p["evidence"]),
    }


def _timeline_row(t: Mapping[str, Any]) -> Row:
    return {
        "id": t.get("id"),
        "date": t["date"],
        "granularity": t["granularity"],
        "text": t["text"],
        "background": t.get("background"),
        "article_ids": list(t["sources"]),
        **_first(t["evidence"]),
        "evidence": _spans(t["evidence"]),
        "conflicting_dates": [c["date"] for c in t.get("conflicts", ())],
        "events": list(t.get("events", ())),
    }


def _event_row(e: Mapping[str, Any]) -> Row:
    return {
        "id": e["id"],
        "type": e["type"],
        "mode": e["mode"],
        "actor": e.get("actor"),
        "actor_text": e.get("actor_text"),
        "target": e.get("target"),
        "target_text": e.get("target_text"),
        "trigger": e.get("trigger"),
        "date": e.get("date"),
        "granularity": e.get("granularity"),
        "article_ids": _articles_of(e["evidence"]),
        **_first(e["evidence"]),
        "evidence": _spans(e["evidence"]),
        "date_evidence": _spans(e.get("date_evidence", ())),
    }


def _article_row(a: Mapping[str, Any], story_id: str | None) -> Row:
    return {
        "story_id": story_id,
        "id": a["id"],
        "outlet": a["source"],
        "title": a.get("title"),
        "url": a.get("url"),
        "published": a.get("published"),
        "published_inferred": a.get("published_inferred"),
        "language": a.get("language"),
        "author": a.get("author"),
        "analysed": a.get("analysed"),
        "duplicate_of": a.get("duplicate_of"),
        "input": a.get("input"),
        "text": a["text"],
    }


_ROW_MAKERS: dict[str, Callable[[Mapping[str, Any]], Row]] = {
    "claims": _claim_row,
    "quotes": _quote_row,
    "positions": _position_row,
    "timeline": _timeline_row,
    "events": _event_row,
}


def _outlets(article_ids: Sequence[str], outlet: Mapping[str, str]) -> list[str]:
    return list(dict.fromkeys(outlet[i] for i in article_ids if i in outlet))


# --- encoding --------------------------------------------------------------------------


def _csv_bytes(table: str, rows: Sequence[Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = COLUMNS[table]
    writer.writerow([name for name, _ in columns])
    for row in rows:
        writer.writerow([_cell(row[name], kind) for name, kind in columns])
    return buffer.getvalue().encode("utf-8")


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "list":
        return LIST_SEPARATOR.join(str(v) for v in value)
    if kind == "bool":
        return "true" if value else "false"
    return str(value)


def _parse_cell(text: str, kind: str) -> Any:
    if kind == "list":
        return text.split(LIST_SEPARATOR) if text else []
    if text == "":
        return None
    if kind == "int":
        return int(text)
    if kind == "float":
        return float(text)
    if kind == "bool":
        return text == "true"
    return text


def _jsonl_bytes(table: str, rows: Sequence[Row]) -> bytes:
    del table  # every row already holds exactly the table's columns, in order
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def _parquet_bytes(table: str, rows: Sequence[Row]) -> bytes:
    pa, parquet = _pyarrow()
    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "list": pa.list_(pa.string()),
    }
    schema = pa.schema([(name, types[kind]) for name, kind in COLUMNS[table]])
    data = pa.Table.from_pylist(list(rows), schema=schema)
    sink = io.BytesIO()
    parquet.write_table(data, sink)
    return sink.getvalue()


_ENCODERS: dict[str, Callable[[str, Sequence[Row]], bytes]] = {
    "csv": _csv_bytes,
    "jsonl": _jsonl_bytes,
    "parquet": _parquet_bytes,
}


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow  # type: ignore[import-untyped,unused-ignore]
        import pyarrow.parquet  # type: ignore[import-untyped,unused-ignore]
    except ImportError as exc:
        raise MissingDependencyError("pyarrow", "writing Parquet", extra="parquet") from exc
    return pyarrow, pyarrow.parquet


def iter_tables(names: str) -> Iterator[str]:
    """The table names of a comma-separated list, checked; a `NewsprismError` naming the
    unknown ones and the known ones."""
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    bad = [n for n in wanted if n not in COLUMNS]
    if bad or not wanted:
        raise NewsprismError(
            f"unknown table(s) {', '.join(bad) or '(none given)'}; choose from {', '.join(TABLES)}"
        )
    yield from dict.fromkeys(wanted)
