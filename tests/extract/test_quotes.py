"""Quotes on invented sentences: each rule of `newsprism.extract.quotes` once."""

from __future__ import annotations

from newsprism.extract.parse import parse_texts, quoted_spans
from newsprism.extract.quotes import find_quotes, quotes_in_text
from newsprism.model import FoundQuote


def quotes(text: str) -> list[tuple[str, str, str]]:
    """(speaker, cue, content parts joined by |) of each quote found."""
    out = []
    for q in find_quotes(text):
        speaker = " ".join(text[a:b] for a, b in q["source"])
        cue = " ".join(text[a:b] for a, b in q["cue"])
        out.append((speaker, cue, "|".join(text[a:b] for a, b in q["content"])))
    return out


def test_quotation_marks_pair_within_a_paragraph_in_any_style() -> None:
    text = 'He said “yes, fine” and «non» and "maybe".\nA stray “ mark here\nnext'
    assert [text[a:b] for a, b in quoted_spans(text)] == ["“yes, fine”", "«non»", '"maybe"']


def test_split_quote_is_one_quote_in_two_parts() -> None:
    text = "“We will not sign a final deal,” Marek said, “unless the siege of Lysa is lifted.”"
    assert quotes(text) == [
        ("Marek", "said", "We will not sign a final deal,|unless the siege of Lysa is lifted.")
    ]


def test_partial_quote_after_a_participle_belongs_to_the_main_speaker() -> None:
    text = "Describing the meeting as “useful and frank,” Marek said that the talks would go on."
    found = quotes(text)
    assert ("Marek", "said", "useful and frank,") in found
    assert ("Marek", "said", "the talks would go on") in found


def test_scare_quotes_and_titles_without_attribution_are_dropped() -> None:
    text = (
        "The so-called “Harbour Plus” package was revived. "
        "Officials spoke of “mind games” tactics that nobody liked."
    )
    assert quotes(text) == []


def test_reported_speech_gives_the_clause_without_that() -> None:
    text = "A diplomat familiar with the talks said that the two sides remained far apart."
    assert quotes(text) == [
        ("A diplomat familiar with the talks", "said", "the two sides remained far apart")
    ]


def test_according_to_gives_the_rest_of_the_sentence() -> None:
    text = "According to the envoy, the exchange will take place within two weeks."
    assert quotes(text) == [
        ("the envoy", "According to", "the exchange will take place within two weeks")
    ]


def test_a_quotation_that_ends_its_sentence_takes_no_cue_after_it() -> None:
    text = (
        "“This is a first step,” said Lukas Brenner. “The hard questions remain.” "
        "According to Helena Sorvik, the swap is due within 14 days."
    )
    found = quotes(text)
    assert ("Lukas Brenner", "said", "This is a first step,") in found
    assert ("Lukas Brenner", "said", "The hard questions remain.") in found
    assert not any(s == "Helena Sorvik" and "hard questions" in c for s, _, c in found)


def test_pronoun_speaker_resolves_through_the_sentence_subject() -> None:
    text = (
        "Marek had offered to travel to Geneva if Renaud attended, "
        "reflecting her resolve to end a war “that should never have happened,” as she wrote."
    )
    (pieces,) = parse_texts([text])
    start = text.index("Marek")
    mentions = [
        (start, start + 5, "PERSON"),
        (text.index("Renaud"), text.index("Renaud") + 6, "PERSON"),
    ]
    (quote,) = [q for q in quotes_in_text(text, pieces, mentions) if q.direct]
    assert text[quote.speaker[0] : quote.speaker[1]] == "she"
    assert quote.ref == (start, start + 5)


def test_content_is_always_article_text_and_survives_json() -> None:
    text = "“Lysa is not a bargaining chip,” Marek said on Friday."
    (pieces,) = parse_texts([text])
    (quote,) = quotes_in_text(text, pieces)
    assert [text[a:b] for a, b in quote.content] == ["Lysa is not a bargaining chip,"]
    assert FoundQuote.from_json(quote.as_json()) == quote


def test_typewriter_quotes_pair_like_curly_ones() -> None:
    text = "''We have accepted decades of back-room deals,'' the letter said."
    assert quotes(text) == [("the letter", "said", "We have accepted decades of back-room deals,")]


def test_a_parenthetical_attribution_splits_the_reported_clause_in_two() -> None:
    text = "The plan, an inside source said, is to hand out copies of the editorial."
    assert quotes(text) == [
        ("an inside source", "said", "The plan|is to hand out copies of the editorial")
    ]


def test_a_clause_before_its_speech_verb_is_reported_speech() -> None:
    text = "Valdoria has several options left, said Lukas Brenner, the Swiss envoy."
    (found,) = quotes(text)
    assert found[1:] == ("said", "Valdoria has several options left")
    assert found[0].startswith("Lukas Brenner")
