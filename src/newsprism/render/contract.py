"""`report.json`: the public contract that tests, benchmarks and other tools read, and the one
place that turns the report's records (`newsprism.report`) into it and back.

    data = to_json(report)            # Report -> the report.json dict (json.dumps it)
    report = from_json(data)          # the report.json dict -> Report
    data = story_to_json(story)       # one StoryReport, as the store keeps it
    story = story_from_json(data)

Field names are fixed by `../shared/DESIGN.md`; fields may be added, never renamed or dropped
without bumping `SCHEMA`. `report.schema.json` beside this module is the JSON Schema of it.
The records mirror the contract field for field and in order, so the conversion walks their
fields: a record becomes an object, a tuple a list, a Span `{article_id, start, end}`; values
are passed through as they are, so report.json -> records -> report.json is byte-identical.
Limits: a document missing a field or with one of the wrong shape is refused with a
`ReportFormatError` naming the path of the field; unknown extra fields are ignored.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Mapping
from importlib import resources
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.model import Answer, Span
from newsprism.report import SCHEMA, Report, RunSummary, StoryReport, answer_entry

__all__ = [
    "SCHEMA",
    "EMPTY_RUN",
    "ReportFormatError",
    "answer_dict",
    "from_json",
    "schema",
    "story_from_json",
    "story_to_json",
    "to_json",
]


class ReportFormatError(NewsprismError):
    """A report document that does not have the contract's shape."""


def to_json(record: object) -> Any:
    """A record (or tuple of records, or plain value) as JSON-ready dicts and lists."""
    if isinstance(record, Span):
        return record.as_dict()
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(record):
            value = getattr(record, f.name)
            if value is None and f.metadata.get("omit_none"):
                continue
            out[f.name] = to_json(value)
        return out
    if isinstance(record, tuple):
        return [to_json(v) for v in record]
    return record


def from_json(data: object) -> Report:
    """A `report.json` document (parsed) as a `Report`."""
    return typing.cast(Report, _read(Report, data, "report"))


def story_to_json(story: StoryReport) -> dict[str, Any]:
    return dict(to_json(story))


def story_from_json(data: object, where: str = "story") -> StoryReport:
    return typing.cast(StoryReport, _read(StoryReport, data, where))


def answer_dict(answer: Answer) -> dict[str, Any]:
    """One answer of `ask` in the contract's answer shape."""
    return dict(to_json(answer_entry(answer)))


EMPTY_RUN = RunSummary()


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _read(kind: Any, data: object, where: str) -> Any:
    """`data` as a value of type `kind`; `where` is its path in the document, for errors."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        (inner,) = [k for k in options if k is not type(None)]
        return _read(inner, data, where)
    if origin is tuple:
        if not isinstance(data, list):
            raise ReportFormatError(f"{where}: expected a list, found {type(data).__name__}")
        item = typing.get_args(kind)[0]
        return tuple(_read(item, v, f"{where}[{i}]") for i, v in enumerate(data))
    if kind is Span:
        if not isinstance(data, Mapping):
            raise ReportFormatError(f"{where}: expected a span object")
        try:
            return Span(
                article_id=str(data["article_id"]), start=int(data["start"]), end=int(data["end"])
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ReportFormatError(f"{where}: not a valid span ({exc})") from exc
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(data, Mapping):
            raise ReportFormatError(f"{where}: expected an object, found {type(data).__name__}")
        hints = _hints(kind)
        values = {}
        for f in dataclasses.fields(kind):
            if f.name not in data:
                if f.default is not dataclasses.MISSING:
                    continue
                raise ReportFormatError(
                    f"{where}: the field {f.name!r} is missing; write the report again with "
                    "`newsprism analyze` or `newsprism brief`"
                )
            values[f.name] = _read(hints[f.name], data[f.name], f"{where}.{f.name}")
        return kind(**values)
    return data  # a plain value: kept exactly as the document has it


@functools.lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of `report.json`."""
    text = resources.files("newsprism.render").joinpath("report.schema.json").read_text("utf-8")
    return dict(json.loads(text))
