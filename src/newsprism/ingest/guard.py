"""The boundary around every reader: whatever happens while one input is read, the batch goes on.

Input: one input's name and the work of reading it (a callable), or the drafts a reader gave.
Output: the reader's result; or, when the reader raised, one `Skipped` line that names the
input and the cause. Reading runs under the per-input CPU budget (`read_cpu_seconds`), and
every draft leaves here as valid Unicode with no line over `max_line_chars`, so nothing later
(cleaning, the language model, the store) meets a lone surrogate or a megabyte-long line.

A `BadInputError` is the reader's own verdict and is passed on as it is. Any other exception
(a parser's RecursionError, zlib.error, ValueError, UnicodeError …) is a reader bug or a shape
nobody foresaw; it is reported as such, with its type and message, and the input is skipped.
Known limits: a reader that never returns to Python is stopped only by the limits checked
before parsing (see `limits.py` and `budget.py`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TypeVar

from newsprism.budget import cpu_budget
from newsprism.errors import BadInputError
from newsprism.ingest.limits import check_lines, valid_optional, valid_text
from newsprism.ingest.readers import Draft
from newsprism.model import Skipped

T = TypeVar("T")

_MESSAGE_CHARS = 200  # an exception's message is cut to this in the skipped line


def reason_of(exc: BaseException) -> str:
    """The skipped line's reason for an exception raised while reading one input."""
    if isinstance(exc, BadInputError):
        return f"{exc.problem} ({exc.fix})" if exc.fix else exc.problem
    message = " ".join(str(exc).split())
    if len(message) > _MESSAGE_CHARS:
        message = message[:_MESSAGE_CHARS] + " …"
    cause = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return valid_text(
        f"could not be read ({cause}); it was skipped and the run went on — "
        "please report this with the input"
    )


def read_within_budget(name: str, seconds: float, read: Callable[[], T]) -> T:
    """`read()` under the per-input CPU budget; any exception leaves as `BadInputError`
    naming the input (a budget overrun says which setting raises the budget)."""
    try:
        with cpu_budget(seconds, name, "reading it", "read_cpu_seconds"):
            return read()
    except BadInputError:
        raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # noqa: BLE001 - this is the boundary: nothing else may pass
        raise BadInputError(name, reason_of(exc)) from exc


def checked_drafts(
    drafts: Sequence[Draft], max_line_chars: int
) -> tuple[list[Draft], list[Skipped]]:
    """The drafts as valid Unicode, and a `Skipped` for each with a line over the limit."""
    kept: list[Draft] = []
    skipped: list[Skipped] = []
    for draft in drafts:
        draft = valid_draft(draft)
        try:
            check_lines(draft.text, draft.input, max_line_chars)
        except BadInputError as exc:
            skipped.append(Skipped(input=draft.input, reason=reason_of(exc)))
            continue
        kept.append(draft)
    return kept, skipped


def valid_draft(draft: Draft) -> Draft:
    """`draft` with every text field made valid Unicode (lone surrogates replaced)."""
    return dataclasses.replace(
        draft,
        input=valid_text(draft.input),
        text=valid_text(draft.text),
        title=valid_optional(draft.title),
        url=valid_optional(draft.url),
        source=valid_optional(draft.source),
        site_name=valid_optional(draft.site_name),
        published=valid_optional(draft.published),
        author=valid_optional(draft.author),
        language=valid_optional(draft.language),
    )


def valid_skipped(items: Sequence[Skipped]) -> list[Skipped]:
    """Skipped lines as valid Unicode (an input's name can hold a lone surrogate)."""
    return [Skipped(input=valid_text(s.input), reason=valid_text(s.reason)) for s in items]
