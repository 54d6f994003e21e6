"""The embedding model (against the reference implementation), entity keys and story titles."""

from __future__ import annotations

import numpy as np
import pytest

from newsprism.cluster.keys import entity_keys
from newsprism.cluster.title import shared_phrase, story_title
from newsprism.embedding import Encoder, default_model_dir, lead_text
from newsprism.errors import NewsprismError
from newsprism.gazetteer import load_gazetteer
from newsprism.model import Article

SENTENCES = [
    "Russian and Ukrainian delegations met in Istanbul for their first direct talks in years.",
    "Negotiators from Moscow and Kyiv sat down together in Turkey.",
    "Dockworkers in Rotterdam walked out over plans to automate the cranes.",
    "Kyiv",
]


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder()


def test_encoder_matches_sentence_transformers(encoder: Encoder) -> None:
    sentence_transformers = pytest.importorskip("sentence_transformers")
    reference = sentence_transformers.SentenceTransformer(str(default_model_dir()), device="cpu")
    reference.max_seq_length = encoder.max_tokens
    expected = reference.encode(SENTENCES, normalize_embeddings=True)
    got = encoder.encode(SENTENCES)
    assert got.shape == (4, 384) and got.dtype == np.float32
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert float(np.min(np.sum(got * expected, axis=1))) > 0.99999


def test_paraphrases_are_closer_than_other_news(encoder: Encoder) -> None:
    v = encoder.encode(SENTENCES)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2
    assert encoder.encode([]).shape == (0, 384)


def test_a_folder_that_is_not_a_model_is_refused_with_the_fix(tmp_path) -> None:
    with pytest.raises(NewsprismError, match="not an embedding model folder.*embedding_model"):
        Encoder(tmp_path)


def test_lead_text_is_title_then_the_opening() -> None:
    assert (
        lead_text("Talks end", "First line.\n\nSecond " + "x" * 2000)[:30]
        == "Talks end. First line. Second "
    )
    assert len(lead_text(None, "word " * 1000)) <= 700
    assert lead_text("  ", "Body") == "Body"


def test_entity_keys_meet_across_spellings_capitals_and_demonyms() -> None:
    g = load_gazetteer()
    one = entity_keys(None, "Volodymyr Zelenskyy said Kyiv would send a delegation.", g)
    two = entity_keys("Zelensky in Istanbul", "The Ukrainian leader, Mr Zelenskiy, arrived.", g)
    assert {"n:zelensky", "g:Ukraine"} <= set(one) & set(two)
    assert two["n:zelensky"] == 2 and "g:Istanbul" in two  # a place of its own, not Türkiye


def test_sentence_openers_are_not_names() -> None:
    keys = entity_keys(
        None, "However, the talks ended. Later that day Marek spoke.", load_gazetteer()
    )
    assert "n:however" not in keys and "n:later" not in keys
    assert "n:marek" in keys


def article(i: int, text: str, title: str | None = None) -> Article:
    return Article(id=f"a{i}", text=text, source=f"s{i}", title=title)


def test_title_is_a_phrase_the_members_share_when_they_have_no_headline() -> None:
    texts = [
        "Delegations met on Friday. The Geneva talks ended with a ceasefire in Lysa.",
        "After the Geneva talks, the blockade of Lysa was lifted, officials said.",
        "Fishermen in Lysa welcomed the outcome of the Geneva talks on Saturday.",
    ]
    assert shared_phrase(texts) == "Geneva talks"
    assert story_title([article(i, t) for i, t in enumerate(texts)]) == "Geneva talks"


def test_title_prefers_the_most_central_headline() -> None:
    arts = [
        article(0, "x", "Off-topic headline"),
        article(1, "y", "Central headline"),
        article(2, "z", None),
    ]
    vectors = {
        "a0": np.array([0.0, 1.0], np.float32),
        "a1": np.array([1.0, 0.0], np.float32),
        "a2": np.array([0.9, 0.1], np.float32),
    }
    assert story_title(arts, vectors) == "Central headline"


def test_an_untitled_single_article_is_named_by_its_first_sentence_cut_short() -> None:
    text = "Short.\nThe harbour master of Lysa said on Friday that fishing boats would sail again within a week of the deal. More."
    assert (
        story_title([article(0, text)])
        == "The harbour master of Lysa said on Friday that fishing boats would sail again …"
    )
