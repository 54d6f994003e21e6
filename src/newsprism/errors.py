"""Errors, grouped by what the user has to do about them.

Every message names the file, URL or value at fault and the fix. The CLI turns any
`NewsprismError` into one line on stderr and exit code 1.
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Root of every error newsprism raises on purpose."""


class BadInputError(NewsprismError):
    """An input (file, URL, feed, record) that cannot be read as a news article."""

    def __init__(self, input_name: str, problem: str, fix: str = "") -> None:
        self.input_name = input_name
        self.problem = problem
        self.fix = fix
        message = f"{input_name}: {problem}"
        if fix:
            message += f" ({fix})"
        super().__init__(message)


class ConfigError(NewsprismError):
    """A setting in newsprism.toml or on the command line that makes no sense."""


class MissingDependencyError(NewsprismError):
    """An optional dependency is not installed; the message names the install command."""

    def __init__(self, package: str, purpose: str, extra: str | None = None) -> None:
        install = f'pip install "newsprism[{extra}]"' if extra else f"pip install {package}"
        super().__init__(f"{purpose} needs the package {package}: run `{install}`")


class StoreError(NewsprismError):
    """The SQLite store cannot be opened, migrated or written."""
