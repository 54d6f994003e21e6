"""Candidate sentences of the brief: a sentence the sentencer ran across a paragraph break is
cut into its paragraphs, so the second one can be cited on its own."""

from __future__ import annotations

from newsprism.compose.units import paragraph_parts

TEXT = (
    "“We need to see the navy leave.”\n"
    "Before the blockade began in March 2021, Lysa handled a quarter of the trade.\n"
    "Talks resume on Monday"
)


def test_a_paragraph_break_after_a_stop_ends_a_sentence() -> None:
    parts = [TEXT[a:b] for a, b in paragraph_parts(TEXT, 0, len(TEXT))]
    assert parts == [
        "“We need to see the navy leave.”",
        "Before the blockade began in March 2021, Lysa handled a quarter of the trade.",
        "Talks resume on Monday",
    ]


def test_a_line_break_inside_a_sentence_does_not_cut_it() -> None:
    text = "The delegations met in Geneva\non Tuesday for three days of talks."
    assert paragraph_parts(text, 0, len(text)) == [(0, len(text))]
