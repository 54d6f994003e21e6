from newsprism.ingest.clean import (
    clean_text,
    find_repeated_edge_lines,
    is_residue_line,
    normalise_unicode,
    paragraphs,
    repair_mojibake,
    split_title,
)


def test_page_furniture_lines_are_residue() -> None:
    for line in [
        "Ask me anything",
        "Explore related questions",
        "Short link:",
        "Related Sources:",
        "Read more.",
        "Share this article",
        "Advertisement",
        "© 2025 Herald. All rights reserved.",
    ]:
        assert is_residue_line(line), line
    for line in [
        "Closing",
        "Read more about the talks in our analysis of the ceasefire terms below.",
        "Russia demanded recognition of its annexations.",
    ]:
        assert not is_residue_line(line), line


def test_clean_text_removes_residue_and_dangling_labels_but_keeps_headings() -> None:
    raw = (
        "Talks opened in Geneva on Tuesday.\nClosing\nBoth sides left without a deal.\n"
        "Ask me anything\nExplore related questions\nShort link:\n"
    )
    assert (
        clean_text(raw)
        == "Talks opened in Geneva on Tuesday.\nClosing\nBoth sides left without a deal."
    )


def test_dangling_label_at_the_end_is_dropped() -> None:
    assert clean_text("The talks ended.\nSources:") == "The talks ended."


def test_unicode_is_normalised_and_invisible_characters_removed() -> None:
    text = normalise_unicode("Erdog\u0306an\u00a0met\u200b them\r\nNext")
    assert text == "Erdoğan met them\nNext"


def test_mojibake_is_repaired_only_when_present() -> None:
    assert repair_mojibake("Itâ€™s the â€œfirstâ€\x9d time") == "It’s the “first” time"
    assert repair_mojibake("Café – fine") == "Café – fine"


def test_hard_wrapped_blocks_are_unwrapped_and_lines_kept_otherwise() -> None:
    wrapped = (
        "The delegations met\nfor three hours and\nagreed to meet again.\n\nA second paragraph."
    )
    assert paragraphs(wrapped) == [
        "The delegations met for three hours and agreed to meet again.",
        "A second paragraph.",
    ]
    assert paragraphs("One line.\nAnother line.") == ["One line.", "Another line."]


def test_repeated_edge_lines_of_one_outlet_are_found() -> None:
    footer = "Follow the Herald on social media for updates"
    texts = [
        ("Herald", f"Story one starts.\nIt goes on.\n{footer}"),
        ("Herald", f"Story two starts.\nIt goes on differently.\n{footer}"),
        ("Wire", f"Wire story.\n{footer}"),
    ]
    repeated = find_repeated_edge_lines((outlet, paragraphs(text)) for outlet, text in texts)
    assert footer.casefold() in repeated["Herald"]
    assert "Wire" not in repeated  # one article alone never makes a repeat
    assert clean_text(texts[0][1], repeated["Herald"]) == "Story one starts.\nIt goes on."


def test_title_is_a_short_first_line_without_a_final_stop() -> None:
    title, body = split_title("Talks Resume in Geneva\nDelegations met on Tuesday.\nMore text.")
    assert title == "Talks Resume in Geneva"
    assert body == "Delegations met on Tuesday.\nMore text."
    assert split_title("Delegations met on Tuesday.\nMore.")[0] is None


def test_a_first_section_heading_is_not_a_title() -> None:
    text = (
        "Introduction & Context\nThe talks began.\nBackground & History\nThe war began.\n"
        "Looking Ahead\nMore talks are planned."
    )
    assert split_title(text) == (None, text)


def test_an_exact_copy_does_not_make_its_own_lines_boilerplate() -> None:
    body = ["Talks opened in Geneva on Tuesday.", "The opposition criticised the deal."]
    other = ["A different story about the port.", "Follow us for updates."]
    found = find_repeated_edge_lines([("Courier", body), ("Courier", list(body))])
    assert found == {}
    found = find_repeated_edge_lines(
        [("Courier", [*body, "Follow us for updates."]), ("Courier", other)]
    )
    assert found == {"Courier": frozenset({"follow us for updates."})}
