"""Clean article text: Unicode, whitespace, paragraphs and page residue.

Input: raw body text as a reader produced it. Output: text with one paragraph per line, which is
what every span of later stages points into.

Page residue ("Ask me anything", "Short link:", a trailing "Read more.") is removed by general
rules about what web-page furniture looks like, plus `find_repeated_edge_lines`, which spots
header and footer lines that one outlet repeats across its articles. Known limits: a residue line
that is phrased like a sentence and appears in only one article of its outlet is kept; lines are
only removed whole, never trimmed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

# Characters that carry no text: zero-width spaces and joiners, BOM, soft hyphen, bidi marks.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"),
    None,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[^\S\n]+")  # any white space except newline
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac[\u0099\u009c\u009d\u201c\u201d\u2122\u02dc]"
)

# Whole lines that are furniture of a web page rather than article text. They are general
# phrases of news sites and page widgets, matched on the whole line, case-insensitively.
_RESIDUE_LINE = re.compile(
    r"""^(?:
        ask\ me\ anything | explore\ related\ questions | related\ questions
      | read\ (?:more|also|next|the\ full\ (?:story|article))(?:\ ?[:.…>»›].*)?
      | continue\ reading.* | keep\ reading | see\ also:?.* | more\ on\ this\ story:?
      | short\ (?:link|url):?.* | permalink:?.* | source\ link:?.*
      | related(?:\ (?:sources|articles|stories|topics|news|content|coverage|links|posts))?\ ?:?
      | (?:you\ (?:may|might)\ also\ (?:like|be\ interested\ in)|recommended(?:\ for\ you)?
         |most\ (?:read|popular|viewed)|trending(?:\ now)?|top\ stories|latest\ news):?
      | share(?:\ (?:this|the))?(?:\ (?:article|story|page|post))?(?:\ on\ \w+)?:?
      | (?:tweet|print|email|e-mail|copy\ link|whatsapp|facebook|twitter|linkedin|telegram)
      | advertisement | sponsored(?:\ content)? | ad | promoted
      | subscribe(?:\ now)?(?:\ to\ .{0,60})?[.!]? | sign\ up\ (?:for|to)\ .{0,80}
      | (?:newsletter|get\ our\ newsletter).{0,60}
      | follow\ (?:us|@?\w+(?:\ \w+){0,3})\ on\ .{0,60}
      | click\ here\ .{0,80} | tap\ here\ .{0,80}
      | (?:leave\ a\ )?comments?(?:\ \(\d+\))?:? | \d+\ comments?
      | skip\ to\ (?:main\ )?content | back\ to\ top | scroll\ to\ top
      | listen\ to\ (?:this|the)\ (?:article|story).{0,30}
      | (?:image|photo|picture|video)(?:\ caption|\ credit)?:.{0,120}
      | (?:©|\(c\)|copyright\ ©?).{0,120} | all\ rights\ reserved\.?
      | (?:tags|topics|filed\ under|categories):.{0,200}
      | (?:\d+\ )?min(?:ute)?s?\ read
      | (?:updated|published|posted):?\ .{0,40}\d{1,2}:\d{2}.{0,20}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_FINAL_STOP = re.compile(r"[.!?…][\"'”’»)\]]*$")
_LIST_OR_HEADING = re.compile(r"^(?:[-*•·]\s|\d+[.)]\s|#{1,6}\s)")


def normalise_unicode(text: str) -> str:
    """NFC, mojibake repaired, invisible and control characters gone, one kind of space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = repair_mojibake(text)
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _CONTROL.sub(" ", text)
    # Every Unicode space (no-break, thin, ideographic ...) becomes a plain one.
    return _SPACES.sub(" ", text)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 ("â€™" for "’"), but only when that is what happened."""
    if len(_MOJIBAKE.findall(text)) < 2:
        return text
    try:
        repaired = b"".join(_cp1252_byte(ch) for ch in text).decode("utf-8")
    except UnicodeError:
        return text
    return repaired if len(_MOJIBAKE.findall(repaired)) < len(_MOJIBAKE.findall(text)) else text


def _cp1252_byte(ch: str) -> bytes:
    # Windows-1252 leaves five bytes undefined; decoders pass them through as U+0081 etc.
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        if ord(ch) < 256:
            return bytes([ord(ch)])
        raise


def paragraphs(text: str) -> list[str]:
    """Paragraphs of normalised text, one string each.

    Scraped pages usually give one paragraph per line. Markdown and e-mail give blocks separated
    by blank lines and hard-wrapped inside: a block whose lines mostly do not end a sentence is
    joined into one paragraph (list items and headings still start their own).
    """
    blocks = re.split(r"\n[ \t]*\n", text)
    if len(blocks) == 1:
        return [line.strip() for line in text.split("\n") if line.strip()]
    result: list[str] = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        unfinished = sum(1 for line in lines[:-1] if not _FINAL_STOP.search(line))
        if len(lines) < 2 or unfinished * 2 < len(lines) - 1:
            result.extend(lines)
            continue
        current: list[str] = []
        for line in lines:
            if current and _LIST_OR_HEADING.match(line):
                result.append(" ".join(current))
                current = []
            current.append(line)
            if line.startswith("#"):
                result.append(" ".join(current))
                current = []
        if current:
            result.append(" ".join(current))
    return result


def is_residue_line(line: str) -> bool:
    """True for a whole line that is page furniture, not article text."""
    stripped = line.strip().strip("|•·>»›").strip()
    if not stripped:
        return True
    return bool(_RESIDUE_LINE.match(stripped))


def strip_residue(lines: Sequence[str], repeated: frozenset[str] = frozenset()) -> list[str]:
    """Lines without residue: furniture anywhere, labels left dangling at the end, repeats."""
    kept = [line for line in lines if not is_residue_line(line) and _key(line) not in repeated]
    # A label with nothing after it ("Short link:", "Sources:") at the end of the text is what
    # is left of a widget whose content the scraper did not keep.
    while kept and kept[-1].rstrip().endswith(":") and len(kept[-1].split()) <= 6:
        kept.pop()
    return kept


def clean_text(text: str, repeated: frozenset[str] = frozenset()) -> str:
    """The whole cleaning step: Unicode, paragraphs, residue. Paragraphs joined by newlines."""
    return "\n".join(strip_residue(paragraphs(normalise_unicode(text)), repeated))


EDGE_LINES = 4  # boilerplate lives at the top and bottom of a page
_MAX_REPEATED_LINE = 200


def find_repeated_edge_lines(
    texts_by_outlet: Iterable[tuple[str, Sequence[str]]],
) -> dict[str, frozenset[str]]:
    """Lines that an outlet repeats at the top or bottom of at least half (and two) of its texts.

    `texts_by_outlet` holds (outlet, paragraphs of the normalised text) pairs. The result maps
    each outlet to the keys of its repeated lines, for `strip_residue(repeated=...)`. Only short
    edge lines count,
    so a quotation that two articles of one outlet share in their body is never taken for a footer.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for outlet, text_lines in texts_by_outlet:
        whole = (outlet, tuple(_key(line) for line in text_lines))
        if whole in seen:
            continue  # an exact copy (one story in two files) is no sign of page furniture
        seen.add(whole)
        lines = [line for line in text_lines if len(line) <= _MAX_REPEATED_LINE]
        edges = set(lines[:EDGE_LINES]) | set(lines[-EDGE_LINES:])
        counts[outlet].update({_key(line) for line in edges})
        totals[outlet] += 1
    repeated: dict[str, frozenset[str]] = {}
    for outlet, counter in counts.items():
        need = max(2, (totals[outlet] + 1) // 2)
        found = frozenset(key for key, n in counter.items() if n >= need and key)
        if found:
            repeated[outlet] = found
    return repeated


def _key(line: str) -> str:
    return " ".join(line.split()).casefold()


_TITLE_MAX_WORDS = 20
_HEADING_MAX_WORDS = 8


def split_title(text: str) -> tuple[str | None, str]:
    """(title, body) of cleaned text whose source gave no title.

    A short first line without a final stop is a headline, unless the text has other lines of
    the same shape: then it is the first section heading of a structured text, not a title.
    """
    first, sep, rest = text.partition("\n")
    words = first.split()
    if not sep or not rest.strip() or not words or len(words) > _TITLE_MAX_WORDS:
        return None, text
    if _FINAL_STOP.search(first) or first.endswith((":", ",", ";")) or not first[0].isupper():
        return None, text
    headings = sum(1 for line in rest.split("\n") if _looks_like_heading(line))
    if headings >= 2:
        return None, text
    return first.strip(), rest


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= _HEADING_MAX_WORDS
        and line[:1].isupper()
        and not _FINAL_STOP.search(line)
        and not line.endswith((":", ",", ";"))
    )
