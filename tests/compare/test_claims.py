"""Claim groups on hand-built statements and vectors (no model): conflicts, grouping,
independence of voices, coverage, and the blocked neighbour search."""

from __future__ import annotations

import numpy as np

from newsprism.compare import coverage_of
from newsprism.compare.claims import (
    Statement,
    conflict_between,
    group_claims,
    neighbours,
    voices,
)
from newsprism.lexical import lexical, term_weights
from newsprism.model import Article, FoundClaim

VALDORIA, OSTRAVA, RENAUD = "e-valdoria", "e-ostrava", "e-renaud"


def article(aid: str, source: str, text: str, duplicate_of: str | None = None) -> Article:
    return Article(id=aid, text=text, source=source, duplicate_of=duplicate_of)


def statement(
    art: Article,
    text: str,
    *,
    lemma: str = "agree",
    kind: str = "fact",
    entities: tuple[str, ...] = (VALDORIA, OSTRAVA),
    subject: str | None = None,
    negated: bool = False,
    numbers: tuple[tuple[float, str], ...] = (),
    dates: tuple[str, ...] = (),
    since: tuple[str, str, str] | None = None,
    acts: tuple[str, ...] = (),
    counts: tuple[tuple[str, str, str, float], ...] | None = None,
    dated: tuple[tuple[str, str, str], ...] | None = None,
    speaker: str | None = None,
) -> Statement:
    """A statement of `art`; its counts and dates belong to its main predicate (`lemma`, in
    the mode of its `kind`) unless `counts` / `dated` say which predicate they belong to."""
    start = art.text.index(text)
    span = (start, start + len(text))
    if counts is None:
        counts = tuple((lemma, kind, u, v) for v, u in numbers)
    if dated is None:
        dated = tuple((lemma, kind, d) for d in dates)
    found = FoundClaim(
        span=span,
        sentence=span,
        kind=kind,
        hedged=False,
        negated=negated,
        lemma=lemma,
        numbers=tuple((v, u, start, start + 1) for v, u in numbers),
        dates=tuple((start, start + 1, d, "day") for d in dates),
        since=since,
        acts=acts or (lemma,),
        counts=tuple((p, m, u, float(v), start, start + 1) for p, m, u, v in counts),
        dated=dated,
    )
    return Statement(
        article=art.id,
        found=found,
        text=text,
        entities=frozenset(entities),
        subject=subject,
        speaker=speaker,
    )


def unit_vectors(cosines: list[float]) -> np.ndarray:
    """Rows whose cosine with row 0 are the given values (row 0 itself first)."""
    rng = np.random.default_rng(7)
    base = rng.normal(size=64)
    base /= np.linalg.norm(base)
    rows = [base]
    for c in cosines:
        noise = rng.normal(size=64)
        noise -= noise @ base * base
        noise /= np.linalg.norm(noise)
        rows.append(c * base + np.sqrt(1 - c * c) * noise)
    return np.array(rows, dtype=np.float32)


HERALD = article(
    "h", "Herald", "Valdoria and Ostrava-Marenne agreed on Thursday to exchange 46 detainees."
)
WIRE = article(
    "w", "Wire", "Valdoria and Ostrava-Marenne signed a deal on Thursday to exchange 46 detainees."
)
GLOBAL = article(
    "g",
    "Global",
    "Valdoria and Ostrava-Marenne will exchange 40 detainees under a deal signed on 10 September.",
)


# As the parser reads them: "agreed on Thursday to exchange 46" is an agreement dated
# Thursday and a planned exchange of 46; "will exchange 40 … under a deal signed on 10
# September" a planned exchange of 40 and a signing dated 10 September.
HERALD_SLOTS = {
    "counts": (("exchange", "forecast", "detainee", 46),),
    "dated": (("agree", "fact", "2025-09-11"),),
}
GLOBAL_SLOTS = {
    "counts": (("exchange", "forecast", "detainee", 40),),
    "dated": (("sign", "fact", "2025-09-10"),),
}


def test_a_different_count_of_the_same_thing_is_a_number_conflict() -> None:
    a = statement(
        HERALD,
        HERALD.text[:-1],
        numbers=((46, "detainee"),),
        dates=("2025-09-11",),
        **HERALD_SLOTS,  # type: ignore[arg-type]
    )
    b = statement(
        GLOBAL,
        GLOBAL.text[:-1],
        lemma="exchange",
        kind="forecast",
        numbers=((40, "detainee"),),
        dates=("2025-09-10",),
        acts=("exchange", "sign"),
        **GLOBAL_SLOTS,  # type: ignore[arg-type]
    )
    slots = {s for s, _, _ in conflict_between(a, b, 0.85)}
    assert slots == {"number", "date"}
    assert conflict_between(a, b, 0.3) == []  # not about the same thing


def test_counts_of_different_nouns_or_close_values_do_not_conflict() -> None:
    a = statement(HERALD, HERALD.text[:-1], numbers=((46, "detainee"),))
    b = statement(WIRE, WIRE.text[:-1], lemma="sign", numbers=((46, "detainee"), (2, "side")))
    assert conflict_between(a, b, 0.9) == []


def test_opposite_polarity_of_the_same_act_by_the_same_subject() -> None:
    text = "Renaud did not travel to Geneva for the signing. Renaud flew to Geneva to sign."
    art1, art2 = article("c", "Courier", text), article("h2", "Herald", text)
    no = statement(
        art1,
        "Renaud did not travel to Geneva for the signing",
        lemma="travel",
        subject=RENAUD,
        negated=True,
        entities=(RENAUD,),
    )
    yes = statement(
        art2, "Renaud flew to Geneva to sign", lemma="fly", subject=RENAUD, entities=(RENAUD,)
    )
    assert conflict_between(no, yes, 0.7) == [("negation", "not travel", "fly")]
    hedged = statement(
        art2, "Renaud flew to Geneva to sign", lemma="fly", subject=None, entities=(RENAUD,)
    )
    assert conflict_between(no, hedged, 0.7) == []  # who flew is not known to be Renaud


def test_elapsed_time_that_cannot_match_a_stated_date() -> None:
    text = "The first direct talks since March 2019. The first direct talks in four years."
    a = statement(
        article("w", "Wire", text),
        "The first direct talks since March 2019",
        lemma="be",
        since=("2019-03", "2019-03", "talks"),
    )
    b = statement(
        article("b", "Blue", text),
        "The first direct talks in four years",
        lemma="be",
        since=("2020-09", "2022-09", "talks"),
    )
    assert conflict_between(a, b, 0.6) == [("elapsed", "2019-03", "2020-09/2022-09")]
    c = statement(
        article("c", "Courier", text),
        "The first direct talks in four years",
        lemma="be",
        since=("2018-09", "2020-09", "talks"),
    )
    assert conflict_between(a, c, 0.6) == []  # six and a half years fits "about six"
    other = statement(
        article("d", "D", text),
        "The first direct talks in four years",
        lemma="be",
        since=("2020-09", "2022-09", "gain"),
    )
    assert conflict_between(a, other, 0.9) == []  # the first of something else


def test_groups_statuses_and_conflict_links() -> None:
    arts = [HERALD, WIRE, GLOBAL]
    st = [
        statement(
            HERALD,
            HERALD.text[:-1],
            numbers=((46, "detainee"),),
            dates=("2025-09-11",),
            **HERALD_SLOTS,  # type: ignore[arg-type]
        ),
        statement(
            WIRE,
            WIRE.text[:-1],
            lemma="sign",
            numbers=((46, "detainee"),),
            dates=("2025-09-11",),
            counts=(("exchange", "forecast", "detainee", 46),),
            dated=(("sign", "fact", "2025-09-11"),),
        ),
        statement(
            GLOBAL,
            GLOBAL.text[:-1],
            lemma="exchange",
            numbers=((40, "detainee"),),
            dates=("2025-09-10",),
            acts=("exchange", "sign"),
            **GLOBAL_SLOTS,  # type: ignore[arg-type]
        ),
    ]
    vectors = unit_vectors([0.9, 0.85])
    claims = group_claims(arts, st, vectors)
    assert len(claims) == 2
    big = next(c for c in claims if len(c.sources) == 2)
    small = next(c for c in claims if c is not big)
    assert big.status == small.status == "contradicted"
    assert big.voices == 2 and set(big.sources) == {"h", "w"}
    assert big.conflicts_with == (small.id,) and small.conflicts_with == (big.id,)
    assert {c.slot for c in big.conflicts} == {"number", "date"}
    for claim in claims:  # evidence resolves to the statements' own text
        texts = {a.id: a.text for a in arts}
        assert all(texts[s.article_id][s.start : s.end] for s in claim.evidence)


def test_copies_and_one_outlets_articles_are_one_voice() -> None:
    original = article("o", "Wire", "Valdoria and Ostrava-Marenne signed a deal.")
    copy = article("c", "Reprint", "Valdoria and Ostrava-Marenne signed a deal.", duplicate_of="o")
    second = article("o2", "Wire", "Valdoria and Ostrava-Marenne signed a new deal.")
    other = article("x", "Herald", "Valdoria and Ostrava-Marenne signed a deal today.")
    voice = voices([original, copy, second, other], [], [])
    assert voice["o"] == voice["c"] == voice["o2"] != voice["x"]


def test_outlets_that_share_mostly_verbatim_claims_are_one_voice() -> None:
    a = article("a", "Times", "One two three four five. Six seven eight nine ten.")
    b = article("b", "Post", "One two three four five. Six seven eight nine ten.")
    st = [statement(a, "One two three four five"), statement(b, "One two three four five")]
    assert voices([a, b], st, [(0, 1, 0.99)])["a"] == voices([a, b], st, [(0, 1, 0.99)])["b"]
    assert voices([a, b], st, [(0, 1, 0.8)])["a"] != voices([a, b], st, [(0, 1, 0.8)])["b"]


def test_a_syndicated_copy_backs_nothing_on_its_own() -> None:
    original = article("o", "Wire", "The navy seized two grain freighters in March.")
    copy = article("c", "Reprint", original.text, duplicate_of="o")
    st = [statement(original, "The navy seized two grain freighters in March", lemma="seize")]
    (claim,) = group_claims([original, copy], st, unit_vectors([]))
    assert claim.status == "single_source" and claim.voices == 1
    assert claim.sources == ("o", "c")


def test_neighbours_in_blocks_match_brute_force() -> None:
    rng = np.random.default_rng(3)
    v = rng.normal(size=(50, 16)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    blocked = {(i, j) for i, j, _ in neighbours(v, k=3, block=7)}
    sims = v @ v.T
    np.fill_diagonal(sims, -1)
    brute = set()
    for i in range(50):
        for j in np.argsort(-sims[i])[:3]:
            brute.add((min(i, int(j)), max(i, int(j))))
    assert blocked == brute


def test_topic_words_weigh_little_in_the_wording_overlap() -> None:
    texts = [
        "Istanbul talks ended without agreement",
        "Istanbul talks began on Friday morning",
        "Istanbul talks drew protests outside",
        "The talks ended without agreement",
    ]
    w = term_weights(texts)
    assert lexical(w[0], w[3]) > 0.9
    assert lexical(w[0], w[1]) < 0.4


def test_coverage_lists_exclusives_and_omissions() -> None:
    arts = [HERALD, WIRE, GLOBAL]
    st = [
        statement(HERALD, HERALD.text[:-1]),
        statement(WIRE, WIRE.text[:-1], lemma="sign"),
        statement(GLOBAL, GLOBAL.text[:-1], lemma="exchange"),
    ]
    vectors = unit_vectors([0.9, 0.1])
    claims = group_claims(arts, st, vectors)
    cover = {c.source: c for c in coverage_of(claims, arts)}
    shared = next(c for c in claims if c.voices == 2)
    alone = next(c for c in claims if c.voices == 1)
    assert cover["Global"].exclusive == (alone.id,)
    assert cover["Global"].omitted == (shared.id,)
    assert cover["Herald"].exclusive == () and cover["Herald"].omitted == ()
