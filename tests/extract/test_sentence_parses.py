"""The positions' sentence parses run in one batch (issue 19) and give what one-at-a-time
parses give: the same tokens, tags, parse and entities, so the same positions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from tests.extract.test_positions import event

from newsprism.extract.parse import SentenceParses, load_parser
from newsprism.extract.positions import build_positions
from newsprism.model import Span


class Counting:
    """A parser that counts its one-sentence calls and the texts it parses in batches."""

    def __init__(self) -> None:
        self.nlp = load_parser()
        self.calls = 0
        self.batched = 0

    def __call__(self, text: str) -> Any:
        self.calls += 1
        return self.nlp(text)

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Any]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            self.batched += 1
            yield doc


def signature(doc: Any) -> list[tuple[Any, ...]]:
    return [
        (t.text, t.idx, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_type_, t.ent_iob_)
        for t in doc
    ]


TEXTS = {
    "a": "Valdoria demands an unconditional ceasefire. Its envoy Mara Tellen arrived in Lysa "
    "on Tuesday. The navy, which had blockaded the port since March, withdrew two ships.",
    "b": "Officials in Orvane said they would not accept any deal that left the port closed.",
}


def spans() -> list[Span]:
    out = []
    for article, text in TEXTS.items():
        start = 0
        for part in text.split(". "):
            end = start + len(part) + (1 if start + len(part) < len(text) else 0)
            out.append(Span(article_id=article, start=start, end=end))
            start = end + 1
    return out


def test_a_batch_parses_each_sentence_as_it_parses_alone() -> None:
    parser = Counting()
    batched = SentenceParses(TEXTS, parser)
    batched.parse_all([*spans(), *spans()])  # a sentence asked for twice is parsed once
    assert parser.batched == len(spans()) and parser.calls == 0
    alone = SentenceParses(TEXTS, lambda text: load_parser()(text))
    for s in spans():
        assert signature(batched.doc(s)) == signature(alone.doc(s))
    assert parser.calls == 0  # every sentence came from the batch


def test_positions_are_the_same_parsed_in_a_batch_or_one_at_a_time() -> None:
    texts = {
        "a": "Valdoria demands an unconditional ceasefire.",
        "b": "Valdoria insists on an unconditional and lasting ceasefire.",
        "d": "Valdoria demands the removal of the navy from Lysa.",
    }
    pairs = [
        event("1", "a", texts["a"], "an unconditional ceasefire"),
        event("2", "b", texts["b"], "an unconditional and lasting ceasefire"),
        event("4", "d", texts["d"], "the removal of the navy from Lysa"),
    ]
    events, stances = [e for e, _ in pairs], {e.id: s for e, s in pairs}
    parser = Counting()
    batched = build_positions(events, [], texts, stances, nlp=parser)
    assert parser.batched == 3 and parser.calls == 0
    one_by_one = build_positions(events, [], texts, stances, nlp=lambda t: load_parser()(t))
    assert batched == one_by_one
    assert [p.sources for p in batched] == [("a", "b"), ("d",)]
