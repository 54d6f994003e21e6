import pytest

from newsprism.model import Article, Span, article_id, content_id, story_id


def test_span_rejects_negative_and_reversed_offsets() -> None:
    with pytest.raises(ValueError):
        Span(article_id="a", start=-1, end=3)
    with pytest.raises(ValueError):
        Span(article_id="a", start=5, end=3)


def test_article_span_rejects_offsets_outside_the_text() -> None:
    article = Article(id="a1", text="Talks began.", source="Herald")
    assert article.cite(article.span(0, 5)) == "Talks"
    with pytest.raises(ValueError, match="outside"):
        article.span(0, 13)


def test_cite_refuses_a_span_of_another_article() -> None:
    article = Article(id="a1", text="Talks began.", source="Herald")
    with pytest.raises(ValueError):
        article.cite(Span(article_id="b2", start=0, end=1))


def test_ids_are_stable_content_hashes() -> None:
    assert article_id("Talks  began.", "https://x.example/a") == article_id(
        "talks began.", "https://x.example/a"
    )
    assert article_id("Talks began.", "https://x.example/a") != article_id("Talks began.", None)
    assert content_id("ab", "c") != content_id("a", "bc")
    assert story_id(("b", "a")) == story_id(("a", "b"))


def test_records_are_frozen() -> None:
    article = Article(id="a1", text="x", source="s")
    with pytest.raises(AttributeError):
        article.text = "y"  # type: ignore[misc]
