"""`parse.doc_text`: a parsed piece's text, read once (issue 19), the same as spaCy's."""

from __future__ import annotations

from newsprism.extract.parse import doc_text, parse_texts


def test_doc_text_is_the_pieces_text_and_is_kept_with_the_doc() -> None:
    text = 'Officials said on Monday that "the talks will resume".\n\nThe strike ended.'
    pieces = parse_texts([text])[0]
    assert pieces
    for offset, doc in pieces:
        assert doc_text(doc) == doc.text == text[offset : offset + len(doc.text)]
        kept = doc_text(doc)
        assert doc_text(doc) is kept  # the second read is the stored string, not a rebuild
