"""The test run's warning policy (pyproject.toml, filterwarnings): a warning raised from
newsprism's own modules fails the test; one raised inside a third-party library does not."""

from __future__ import annotations

import warnings

import pytest


def _warn_from(module: str) -> None:
    # warn_explicit attributes the warning to `module`, as a warning raised by code in that
    # module (or by a library call with a stacklevel pointing there) would be.
    warnings.warn_explicit("old API", DeprecationWarning, f"{module}.py", 1, module=module)


@pytest.mark.parametrize("module", ["newsprism", "newsprism.pipeline", "bench_timeline"])
def test_own_code_warnings_are_errors(module: str) -> None:
    with pytest.raises(DeprecationWarning, match="old API"):
        _warn_from(module)


def test_third_party_warnings_stay_warnings() -> None:
    # catch_warnings keeps the filters in force (pytest.warns would reset them to "always")
    with warnings.catch_warnings(record=True) as caught:
        _warn_from("spacy.util")
    assert [str(w.message) for w in caught] == ["old API"]
