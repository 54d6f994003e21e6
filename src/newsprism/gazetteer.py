"""The gazetteer: states, their names, demonyms, capitals and seats of government; international
organisations; collective groups; regions in the news. Facts live in `gazetteer.toml` beside this
module (see docs/gazetteer.md); a user file with the same layout adds to or overrides them.

Matching is case-sensitive on the written forms ("US" the state, never "us" the pronoun), and a
leading "the" is never part of a form: "the Kremlin" is matched as "Kremlin".
"""

from __future__ import annotations

import functools
import hashlib
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from newsprism.errors import ConfigError

SECTIONS = {"state": "state", "organisation": "organisation", "group": "group", "place": "place"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One gazetteer entry: a state, organisation, group or place."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str = ""
    capital_aliases: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    within: str = ""


# What a matched form is, for the entry it belongs to.
FormType = str  # "NAME" | "DEMONYM" | "CAPITAL" | "SEAT"


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, Entry]
    forms: dict[str, tuple[tuple[str, FormType], ...]]  # written form -> (entry name, type)
    pattern: re.Pattern[str]

    @functools.cached_property
    def fingerprint(self) -> str:
        """Changes whenever any form or its reading changes (stored annotations depend on it)."""
        digest = hashlib.sha256(repr(sorted(self.forms.items())).encode("utf-8"))
        return digest.hexdigest()[:16]

    def lookup(self, form: str) -> tuple[tuple[str, FormType], ...]:
        return self.forms.get(strip_the(form), ())

    def finditer(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, form) of every gazetteer form in `text`, longest first, no overlaps."""
        return [(m.start(), m.end(), m.group()) for m in self.pattern.finditer(text)]


def strip_the(form: str) -> str:
    return form[4:] if form[:4] in ("the ", "The ") else form


def fold(text: str) -> str:
    """A spelling-insensitive key: no diacritics, case-folded, apostrophes and dots dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")
    return re.sub(r"[.'’`]", "", plain).casefold().strip()


def name_key(text: str) -> str:
    """Folded key under which spelling variants and transliterations meet."""
    words = []
    for word in re.split(r"[\s\-]+", fold(text)):
        word = re.sub(r"(.)\1", r"\1", word)  # Bennett = Bennet
        word = re.sub(r"(?:iy|yy|yi|ij|ii)$", "y", word)  # Zelenskiy = Zelenskyy = Zelensky
        word = re.sub(r"iye", "ie", word)  # Dmitriyev = Dmitriev
        word = word.replace("ck", "k")  # Mareck = Marek
        if word:
            words.append(word)
    return " ".join(words)


def _entries_from(data: dict[str, object], origin: str) -> list[Entry]:
    entries = []
    for section, kind in SECTIONS.items():
        rows = data.get(section, [])
        if not isinstance(rows, list):
            raise ConfigError(f"{origin}: [[{section}]] must be an array of tables")
        for row in rows:
            if not isinstance(row, dict) or not isinstance(row.get("name"), str):
                raise ConfigError(f"{origin}: every [[{section}]] entry needs a name")

            def strings(key: str, row: dict[str, object] = row) -> tuple[str, ...]:
                value = row.get(key, [])
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ConfigError(f"{origin}: {row['name']}: {key} must be a list of strings")
                return tuple(v for v in value if v.strip())

            entries.append(
                Entry(
                    name=row["name"],
                    kind=kind,
                    aliases=strings("aliases"),
                    demonyms=strings("demonyms"),
                    capital=str(row.get("capital", "") or ""),
                    capital_aliases=strings("capital_aliases"),
                    seats=strings("seats"),
                    within=str(row.get("within", "") or ""),
                )
            )
    return entries


def build(entries: list[Entry]) -> Gazetteer:
    by_name: dict[str, Entry] = {}
    for entry in entries:
        by_name[entry.name] = entry  # a later file overrides an entry of the same name
    forms: dict[str, list[tuple[str, FormType]]] = {}

    def add(form: str, name: str, kind: FormType) -> None:
        form = strip_the(form.strip())
        if form and (name, kind) not in forms.setdefault(form, []):
            forms[form].append((name, kind))

    for entry in by_name.values():
        add(entry.name, entry.name, "NAME")
        for alias in entry.aliases:
            add(alias, entry.name, "NAME")
        for demonym in entry.demonyms:
            add(demonym, entry.name, "DEMONYM")
        for capital in (entry.capital, *entry.capital_aliases):
            if capital:
                add(capital, entry.name, "CAPITAL")
        for seat in entry.seats:
            add(seat, entry.name, "SEAT")
    # A one-word group name written with "the" ("the West") needs it: bare "West" is a
    # compass point. Every other form matches with or without "the".
    needs_the = {
        strip_the(n)
        for entry in by_name.values()
        if entry.kind == "group"
        for n in (entry.name, *entry.aliases)
        if n[:4].lower() == "the " and " " not in strip_the(n)
    }
    for form in [f for f in forms if "'" in f]:  # news text uses either apostrophe
        for reading in forms[form]:
            add(form.replace("'", "’"), *reading)
    alternatives = []
    for form in sorted(forms, key=len, reverse=True):
        escaped = re.escape(form)
        needs = form.replace("’", "'") in needs_the
        alternatives.append(f"(?<=[Tt]he ){escaped}" if needs else escaped)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?![\w])")
    return Gazetteer(
        entries=by_name, forms={k: tuple(v) for k, v in forms.items()}, pattern=pattern
    )


@functools.lru_cache(maxsize=8)
def load_gazetteer(extra: str | None = None) -> Gazetteer:
    """The built-in gazetteer, plus the entries of the TOML file `extra` when given."""
    text = resources.files("newsprism").joinpath("gazetteer.toml").read_text("utf-8")
    entries = _entries_from(tomllib.loads(text), "gazetteer.toml")
    if extra:
        path = Path(extra)
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read the gazetteer file ({exc.strerror})") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc}); see docs/gazetteer.md") from exc
        entries += _entries_from(data, str(path))
    return build(entries)


_STATE_FORMS = re.compile(
    r"^(?:the\s+)?(?:(?:United\s+|Federal\s+|Islamic\s+|People's\s+|Democratic\s+)*"
    r"(?:Republic|Kingdom|Federation|State|Principality|Grand\s+Duchy|Commonwealth|Emirate|Sultanate)"
    r"\s+of\s+(?:the\s+)?)",
    re.IGNORECASE,
)


def short_state_name(name: str) -> str:
    """'Republic of Valdoria' -> 'Valdoria'; other names unchanged."""
    return _STATE_FORMS.sub("", name).strip() or name


_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ns", "n", "ese", "ish", "i", "is", "ic")


def is_demonym_of(demonym: str, name: str) -> bool:
    """Whether `demonym` is the regular demonym of place `name` ("Valdorian" of "Valdoria",
    "Ostravan" of "Ostrava-Marenne", "Korvani" of "Korvan"). Used for places the gazetteer does
    not know; irregular ones ("Dutch", "Swiss") must be written in the gazetteer."""
    d = fold(demonym)
    short = fold(short_state_name(name))
    for stem in {short, re.split(r"[-\s]", short)[0]}:
        if len(stem) < 4:
            continue
        for base in {stem, stem[:-1] if stem[-1] in "aeiouy" else stem}:
            if d.startswith(base) and d[len(base) :] in _DEMONYM_ENDINGS and len(base) >= 4:
                return True
    return False
