"""The app keeps rendered story pages and loaded indexes only while what they were made
from is unchanged."""

from __future__ import annotations

from newsprism.web.app import Recent


def test_recent_remakes_on_a_new_digest_and_forgets_the_oldest() -> None:
    made: list[str] = []

    def make(value: str) -> str:
        made.append(value)
        return value

    recent = Recent[str](2)
    assert recent.get("a", b"1", lambda: make("a1")) == "a1"
    assert recent.get("a", b"1", lambda: make("again")) == "a1"  # kept
    assert recent.get("a", b"2", lambda: make("a2")) == "a2"  # the report changed
    recent.get("b", b"1", lambda: make("b1"))
    recent.get("c", b"1", lambda: make("c1"))  # "a" is now the oldest and goes
    assert recent.get("a", b"2", lambda: make("a2 again")) == "a2 again"
    assert made == ["a1", "a2", "b1", "c1", "a2 again"]
