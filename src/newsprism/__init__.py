"""newsprism: one story, many outlets — cross-source news analysis with span provenance.

The public API is the names in `__all__`: `analyze` (inputs → an `Analysis` of stories, written
to a `Store`), `write_report` (an `Analysis` → report files), `Settings` and `load_settings`,
the records `Article`, `Span` and `Story`, and `NewsprismError` with its subclasses; for
following feeds over time, `run_round` (one round of polling, a `RoundResult`; the loop of
`newsprism watch` is `newsprism.watch.watch`) and `changes_since` with `resolve_since` (what
changed in each story since a round, as `StoryChanges`). Everything else is internal and may
move between releases.

The names are imported lazily, on first use: `import newsprism` stays cheap (no spaCy, torch or
SQLite until a name that needs them is touched), so a CLI's `--help` or a script that only
needs the records does not pay for the models.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsprism.changes import StoryChanges, changes_since, resolve_since
    from newsprism.errors import (
        BadInputError,
        ConfigError,
        MissingDependencyError,
        NewsprismError,
        StoreError,
    )
    from newsprism.model import Article, Span, Story
    from newsprism.pipeline import Analysis, analyze, write_report
    from newsprism.settings import Settings, load_settings
    from newsprism.store import Store
    from newsprism.watch import RoundResult, run_round

__version__ = "0.1.0"

# Public name → the module that defines it (where it is imported from on first use).
_HOMES: dict[str, str] = {
    "Analysis": "newsprism.pipeline",
    "Article": "newsprism.model",
    "BadInputError": "newsprism.errors",
    "ConfigError": "newsprism.errors",
    "MissingDependencyError": "newsprism.errors",
    "NewsprismError": "newsprism.errors",
    "Settings": "newsprism.settings",
    "Span": "newsprism.model",
    "Store": "newsprism.store",
    "Story": "newsprism.model",
    "StoreError": "newsprism.errors",
    "analyze": "newsprism.pipeline",
    "load_settings": "newsprism.settings",
    "write_report": "newsprism.pipeline",
    "RoundResult": "newsprism.watch",
    "StoryChanges": "newsprism.changes",
    "changes_since": "newsprism.changes",
    "resolve_since": "newsprism.changes",
    "run_round": "newsprism.watch",
}

__all__ = [
    "Analysis",
    "Article",
    "BadInputError",
    "ConfigError",
    "MissingDependencyError",
    "NewsprismError",
    "RoundResult",
    "Settings",
    "Span",
    "Store",
    "StoreError",
    "Story",
    "StoryChanges",
    "analyze",
    "changes_since",
    "load_settings",
    "resolve_since",
    "run_round",
    "write_report",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module the first time it is asked for (PEP 562)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'newsprism' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
