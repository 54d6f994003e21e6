"""Limits on an input's shape, checked before any parser sees it, and text made valid Unicode.

Input: decoded text (or raw bytes) and the limits from the settings. Output: nothing, or a
`BadInputError` naming the input, the measure, the limit and the setting that raises it.
Every check is one pass of C-speed work (regular expressions, `str.split`, a numpy running
sum), so a 20 MB input costs well under a second here, whatever its shape.

Why these: the parsers behind the readers recurse or backtrack on some shapes. JSON nested
thousands of levels deep overflows Python's recursion; markup nested thousands of levels makes
HTML extraction slow; a single line of megabytes makes every later per-line step slow. No
article needs any of them, so an input that has one is refused, with the fix, and the batch
goes on.

Known limits: the markup count is an estimate. It skips void elements, self-closing tags and
the tags HTML lets one leave open (`<p>`, `<li>`, `<td>` …), and it does not see markup that is
entity-escaped inside a feed's text (the per-input CPU budget covers that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from newsprism.errors import BadInputError
from newsprism.settings import Settings

_DEFAULTS = Settings()


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """The shape limits one input is read under (defaults: the settings' defaults)."""

    max_json_depth: int = _DEFAULTS.max_json_depth
    max_markup_depth: int = _DEFAULTS.max_markup_depth
    max_line_chars: int = _DEFAULTS.max_line_chars

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(
            max_json_depth=settings.max_json_depth,
            max_markup_depth=settings.max_markup_depth,
            max_line_chars=settings.max_line_chars,
        )


DEFAULT_LIMITS = Limits()


# Strings are removed first so brackets inside them do not count as nesting.
# The closing quote is optional so that an unterminated string (or a run of escaped quotes)
# matches once to the end instead of failing and being retried from every later quote.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")

# HTML elements that never hold children, or whose end tag HTML lets one leave out: they do
# not deepen the tree however many there are.
_FLAT_TAGS = (
    "area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|"
    "p|li|dt|dd|tr|td|th|option|optgroup|thead|tbody|tfoot|colgroup|caption|rb|rt|rp|"
    "html|head|body|!doctype"
)
# Every pattern stops at the next "<" or ">", so a failed match costs only the characters up
# to it and the whole count stays linear in the input.
_FLAT = re.compile(rf"</?(?:{_FLAT_TAGS})\b[^<>]*>|<[^<>]*/>", re.IGNORECASE)
_OPEN = re.compile(r"<[A-Za-z][^<>]*>")
_CLOSE = re.compile(r"</[A-Za-z][^<>]*>")
_NOT_MARK = re.compile(r"[^\x01\x02]+")

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """`text` with every surrogate code point replaced by U+FFFD.

    A lone surrogate (from a JSON escape such as `\\ud800`, or a file name that is not UTF-8)
    is not a character: it cannot be encoded as UTF-8, so the store and the model would fail
    on it. Valid text comes back unchanged (and cheaply).
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def valid_optional(text: str | None) -> str | None:
    """`valid_text` for a field that may be missing."""
    return None if text is None else valid_text(text)


def _deepest(steps: bytes, opening: int) -> int:
    """The deepest running depth of a string of opening / closing marks."""
    if not steps:
        return 0
    marks = np.frombuffer(steps, dtype=np.uint8)
    return int(np.cumsum(np.where(marks == opening, 1, -1), dtype=np.int64).max(initial=0))


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in `text` (JSON), counted without parsing it."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub('""', text))
    marks = brackets.translate(str.maketrans("[{]}", "\x01\x01\x02\x02"))
    return _deepest(marks.encode("ascii"), 1)


def markup_depth(text: str) -> int:
    """An estimate of how deeply elements nest in `text` (HTML or XML), without parsing it."""
    marked = _FLAT.sub("", text.replace("\x01", "").replace("\x02", ""))
    marked = _CLOSE.sub("\x02", _OPEN.sub("\x01", marked))
    return _deepest(_NOT_MARK.sub("", marked).encode("ascii"), 1)


def longest_line(text: str) -> int:
    """Characters in the longest line of `text`."""
    return max(map(len, text.split("\n")), default=0)


def check_json(text: str, name: str, max_depth: int) -> None:
    """Refuse JSON that nests deeper than `max_depth` before `json.loads` recurses into it."""
    depth = json_depth(text)
    if depth > max_depth:
        raise BadInputError(
            name,
            f"its JSON nests {depth:,} levels deep, over the limit of {max_depth:,}",
            "give one article per object with flat fields, or raise max_json_depth",
        )


def check_markup(text: str, name: str, max_depth: int) -> None:
    """Refuse HTML or XML that nests deeper than `max_depth` before a parser walks it."""
    depth = markup_depth(text)
    if depth > max_depth:
        raise BadInputError(
            name,
            f"its markup nests about {depth:,} elements deep, over the limit of {max_depth:,}",
            "save the article page as it was published, or raise max_markup_depth",
        )


def check_lines(text: str, name: str, max_chars: int) -> None:
    """Refuse text with a line (a paragraph, once read) longer than `max_chars`."""
    longest = longest_line(text)
    if longest > max_chars:
        raise BadInputError(
            name,
            f"has a line of {longest:,} characters, over the limit of {max_chars:,}",
            "break the text into paragraphs, or raise max_line_chars",
        )


_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


def _is_valid_code_point(value: int) -> bool:
    return 0 < value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF


def repair_char_refs(data: bytes) -> bytes:
    """Markup bytes with every numeric character reference that names no character
    (`&#99999999999;`, `&#1114112;`, `&#xD800;`, `&#0;`) replaced by U+FFFD's reference.

    The feed parser turns references into characters itself and raises on these; valid
    references are left as they are.
    """

    def repair(match: re.Match[bytes]) -> bytes:
        hex_digits, digits = match.group(1), match.group(2)
        # More than 7 digits is out of range whatever they are; int() of a huge run of
        # digits would itself be slow.
        raw = hex_digits or digits
        if len(raw.lstrip(b"0")) > 7:
            return b"&#xFFFD;"
        value = int(hex_digits, 16) if hex_digits else int(digits)
        return match.group(0) if _is_valid_code_point(value) else b"&#xFFFD;"

    return _CHAR_REF.sub(repair, data) if b"&#" in data else data
