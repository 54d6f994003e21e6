"""The public API: `newsprism.__all__` is sorted and complete, each name imports and is
documented, and `import newsprism` alone loads none of the heavy modules."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import newsprism
from newsprism import errors

EXPECTED = {
    "Analysis",
    "Article",
    "RoundResult",
    "StoryChanges",
    "changes_since",
    "resolve_since",
    "run_round",
    "BadInputError",
    "ConfigError",
    "MissingDependencyError",
    "NewsprismError",
    "Settings",
    "Span",
    "Store",
    "StoreError",
    "Story",
    "analyze",
    "load_settings",
    "write_report",
}


def test_all_is_sorted_without_duplicates() -> None:
    assert newsprism.__all__ == sorted(set(newsprism.__all__))


def test_all_lists_the_stable_names() -> None:
    assert set(newsprism.__all__) == EXPECTED


def test_every_error_class_is_public() -> None:
    defined = {
        name
        for name, obj in vars(errors).items()
        if inspect.isclass(obj) and issubclass(obj, errors.NewsprismError)
    }
    assert defined <= set(newsprism.__all__)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_name_imports_and_is_documented(name: str) -> None:
    obj = getattr(newsprism, name)
    assert obj.__module__.startswith("newsprism."), obj.__module__
    doc = inspect.getdoc(obj) or ""
    # a dataclass without a docstring gets its signature as __doc__: that is not documentation
    assert doc.strip() and not doc.startswith(f"{name}("), f"{name} has no docstring"


def test_star_import_gives_exactly_all() -> None:
    namespace: dict[str, object] = {}
    exec("from newsprism import *", namespace)
    assert {k for k in namespace if not k.startswith("__")} == set(newsprism.__all__)


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        newsprism.nope  # noqa: B018


def test_dir_lists_the_public_names() -> None:
    assert set(newsprism.__all__) <= set(dir(newsprism))


def test_import_alone_stays_light() -> None:
    code = (
        "import sys, newsprism\n"
        "heavy = {'spacy', 'torch', 'sentence_transformers', 'sqlite3', 'newsprism.pipeline'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
