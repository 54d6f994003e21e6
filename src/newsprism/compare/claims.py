"""Claim groups across the outlets of a story, their independence, and their conflicts.

Input: the story (entities), its articles, and each original article's atomic claims from the
extract stage (`FoundClaim`), with one sentence vector per claim. Output: `Claim` records.

1. Neighbours: each claim's nearest claims by cosine of all-MiniLM-L6-v2 vectors, top
   `NEIGHBOURS` per claim, computed in row blocks, so the cost grows with n·k memory and a
   blocked n² matrix product, not n² Python comparisons. Only pairs from different articles,
   or with a shared entity, number or date, go on.
2. Conflicts: a pair about the same thing (similar enough, a shared entity, and the same
   predicate family) conflicts when it gives a different count for the same noun ("46
   detainees" / "40 detainees"), a different day for the same event, the opposite polarity
   ("did not travel" / "flew"), or -- arithmetic -- when "the first … since March 2019" and
   "the first … in four years" put the previous time in months that cannot overlap, given
   each article's publication date.
3. Groups: pairs at or above `SAME` similarity that do not conflict join, strongest first,
   never joining two groups that hold a conflicting pair.
4. Status: `contradicted` when a conflict links the group to another; else `corroborated` when
   two or more independent voices state it; else `single_source`. Voices: copies marked at
   ingest are their original's voice; articles of one outlet are one voice; two outlets whose
   claims are mostly verbatim the same (a rewritten wire story) are one voice.

Known limits: similarity is a sentence model's, so paraphrases far apart in wording are missed
and topically close statements about different events can join; "who did it" conflicts are
found only through polarity and counts, not by comparing actors of the same event.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsprism.lexical import lexical, term_weights
from newsprism.model import Article, Claim, Conflict, FoundClaim, Span, content_id

NEIGHBOURS = 12
CANDIDATE = 0.45  # below this two claims are not about the same thing
SAME = 0.66  # cosine at which a pair may state the same claim ...
SAME_TERMS = 0.3  # ... when this much of its rarer wording is shared too
SAME_WITH_SLOT = (0.6, 0.2)  # cosine and wording for a pair that shares a date or a count
LINKAGE = 0.62  # mean cosine two groups must have to join
MIN_TERMS = 5  # shorter statements are too vague to corroborate anything
VERBATIM = 0.95  # near-identical wording: a copied sentence
SYNDICATED_SHARE = 0.5  # this share of an outlet's claims copied -> one voice

# Predicates that report the same kind of act, so "signed on Thursday" and "agreed on 10
# September" can be compared for their date.
FAMILIES = {
    **dict.fromkeys(["sign", "agree", "conclude", "reach", "strike", "seal", "ink"], "agree"),
    **dict.fromkeys(["open", "begin", "start", "resume", "convene", "launch"], "begin"),
    **dict.fromkeys(["travel", "fly", "go", "come", "arrive", "visit", "attend"], "travel"),
    **dict.fromkeys(["release", "free", "exchange", "swap", "return"], "release"),
    **dict.fromkeys(["meet", "hold", "host"], "meet"),
    **dict.fromkeys(["kill", "die"], "kill"),
    **dict.fromkeys(["take", "capture", "seize"], "take"),
}

Vectors = npt.NDArray[np.float32]


# verbs whose polarity says little about an event: "were meant to" / "do not mean"
LIGHT_VERBS = frozenset(["be", "have", "mean", "seem", "do", "make", "get", "become", "remain"])


@dataclass(frozen=True, slots=True)
class Statement:
    """One claim of one article, with what comparison reads."""

    article: str
    found: FoundClaim
    text: str
    entities: frozenset[str]
    subject: str | None
    speaker: str | None

    @property
    def span(self) -> tuple[int, int]:
        return self.found.span


def family(lemma: str) -> str:
    return FAMILIES.get(lemma, lemma)


def neighbours(
    vectors: Vectors, k: int = NEIGHBOURS, block: int = 1024
) -> list[tuple[int, int, float]]:
    """Pairs (i < j, cosine) of each row's k nearest other rows, computed in row blocks."""
    n = len(vectors)
    pairs: dict[tuple[int, int], float] = {}
    if n < 2:
        return []
    k = min(k, n - 1)
    for lo in range(0, n, block):
        sims = vectors[lo : lo + block] @ vectors.T
        for r in range(len(sims)):
            sims[r, lo + r] = -1.0
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for r, row in enumerate(top):
            i = lo + r
            for j in row:
                a, b = (i, int(j)) if i < j else (int(j), i)
                pairs[(a, b)] = float(sims[r, j])
    return [(a, b, s) for (a, b), s in pairs.items()]


def conflict_between(a: Statement, b: Statement, sim: float) -> list[tuple[str, str, str]]:
    """(slot, a's value, b's value) for each way the two statements cannot both be true."""
    fa, fb = a.found, b.found
    out: list[tuple[str, str, str]] = []
    if fa.since and fb.since and fa.since[2] == fb.since[2]:
        close = sim >= 0.5 or (sim >= CANDIDATE and a.entities & b.entities)
        if close and not _overlap(fa.since, fb.since):
            out.append(("elapsed", _interval(fa.since), _interval(fb.since)))
    if sim < CANDIDATE or not (a.entities & b.entities):
        return out
    if "question" in (fa.kind, fb.kind) or "opinion" in (fa.kind, fb.kind):
        return out
    same_act = family(fa.lemma) == family(fb.lemma)
    shared_acts = {family(x) for x in fa.acts} & {family(x) for x in fb.acts}
    same_subject = a.subject is not None and a.subject == b.subject
    for unit in sorted({n[1] for n in fa.numbers} & {n[1] for n in fb.numbers}):
        va = {n[0] for n in fa.numbers if n[1] == unit}
        vb = {n[0] for n in fb.numbers if n[1] == unit}
        if va & vb or not (sim >= 0.8 or (same_act and same_subject)):
            continue
        if _dates_differ(fa, fb) and sim < 0.8:
            continue  # counts of different days' events
        if all(abs(x - y) > 0.05 * max(x, y) for x in va for y in vb):
            out.append(("number", _num(va, unit), _num(vb, unit)))
            break
    if (same_act or shared_acts) and sim >= 0.6 and {fa.kind, fb.kind} <= {"fact", "forecast"}:
        da = {d[2] for d in fa.dates if d[3] == "day"}
        db = {d[2] for d in fb.dates if d[3] == "day"}
        if da and db and not da & db and (same_subject or sim >= 0.7):
            out.append(("date", ", ".join(sorted(da)), ", ".join(sorted(db))))
    if (
        same_act
        and fa.lemma not in LIGHT_VERBS
        and fa.negated != fb.negated
        and sim >= 0.55
        and fa.kind == fb.kind == "fact"
        and not (fa.hedged or fb.hedged)
        and (same_subject or (a.subject is None and b.subject is None and sim >= 0.75))
    ):
        out.append(("negation", _polarity(fa), _polarity(fb)))
    return out


def same_claim(
    a: Statement, b: Statement, sim: float, overlap: float, sizes: tuple[int, int]
) -> bool:
    """Whether two statements (not in conflict) say the same thing: close in meaning and in
    their rarer words, or a little less close but sharing a date or a count."""
    if min(sizes) < MIN_TERMS:
        return False
    kinds = {a.found.kind, b.found.kind}
    if len(kinds) > 1 and kinds != {"fact", "forecast"}:
        return False
    if sim >= SAME and overlap >= SAME_TERMS:
        return True
    shared_slot = bool(
        {d[2] for d in a.found.dates} & {d[2] for d in b.found.dates}
        or {n[:2] for n in a.found.numbers} & {n[:2] for n in b.found.numbers}
    )
    return shared_slot and sim >= SAME_WITH_SLOT[0] and overlap >= SAME_WITH_SLOT[1]


def _dates_differ(fa: FoundClaim, fb: FoundClaim) -> bool:
    da = {d[2] for d in fa.dates}
    db = {d[2] for d in fb.dates}
    return bool(da and db and not da & db)


def _polarity(f: FoundClaim) -> str:
    return f"not {f.lemma}" if f.negated else f.lemma


def _num(values: set[float], unit: str) -> str:
    return ", ".join(f"{v:g} {unit}" for v in sorted(values))


def _interval(r: tuple[str, str, str]) -> str:
    return r[0] if r[0] == r[1] else f"{r[0]}/{r[1]}"


def _overlap(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


class _Groups:
    """Union-find over statements that keeps conflicting statements apart."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, set[int]] = {i: {i} for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, apart: dict[int, set[int]], vectors: Vectors) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return
        small, big = sorted((ri, rj), key=lambda r: len(self.members[r]))
        if any(apart.get(m, set()) & self.members[big] for m in self.members[small]):
            return
        if len(self.members[big]) > 1:  # no chains: the groups must be close on average
            a = vectors[sorted(self.members[small])]
            b = vectors[sorted(self.members[big])]
            if float((a @ b.T).mean()) < LINKAGE:
                return
        self.parent[small] = big
        self.members[big] |= self.members.pop(small)


def voices(
    articles: Sequence[Article],
    statements: Sequence[Statement],
    pairs: Sequence[tuple[int, int, float]],
) -> dict[str, str]:
    """{article id: voice id}: copies speak with their original's voice, an outlet's articles
    with one voice, and two outlets sharing mostly verbatim claims with one voice."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    by_outlet: dict[str, str] = {}
    for a in articles:
        find(a.id)
        if a.duplicate_of:
            union(a.id, a.duplicate_of)
        if a.source:
            union(a.id, by_outlet.setdefault(a.source, a.id))
    per_article = Counter(s.article for s in statements)
    copied: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, j, sim in pairs:
        x, y = statements[i].article, statements[j].article
        if sim >= VERBATIM and x != y:
            copied[(min(x, y), max(x, y))] |= {i, j}
    for (x, y), rows in copied.items():
        smaller = min(per_article[x], per_article[y])
        shared = min(sum(1 for r in rows if statements[r].article == z) for z in (x, y))
        if smaller and shared / smaller >= SYNDICATED_SHARE:
            union(x, y)
    return {a.id: find(a.id) for a in articles}


def group_claims(
    articles: Sequence[Article],
    statements: Sequence[Statement],
    vectors: Vectors,
) -> tuple[Claim, ...]:
    """The story's claim groups with status, voices and conflicts (see the module docstring)."""
    if not statements:
        return ()
    pairs = neighbours(vectors)
    weights = term_weights([s.text for s in statements])
    voice_of = voices(articles, statements, pairs)
    conflicts: dict[tuple[int, int], list[tuple[str, str, str]]] = {}
    same: list[tuple[float, int, int]] = []
    apart: dict[int, set[int]] = defaultdict(set)
    for i, j, sim in pairs:
        a, b = statements[i], statements[j]
        found = conflict_between(a, b, sim)
        if found and voice_of.get(a.article) != voice_of.get(b.article):
            conflicts[(i, j)] = found
            apart[i].add(j)
            apart[j].add(i)
        elif same_claim(
            a, b, sim, lexical(weights[i], weights[j]), (len(weights[i]), len(weights[j]))
        ):
            same.append((sim, i, j))
    groups = _Groups(len(statements))
    for _sim, i, j in sorted(same, reverse=True):
        groups.join(i, j, apart, vectors)
    roots = sorted(groups.members, key=lambda r: min(groups.members[r]))
    ids: dict[int, str] = {}
    for root in roots:
        rows = sorted(groups.members[root])
        ids[root] = content_id(
            "claim", *(f"{statements[r].article}:{statements[r].span[0]}" for r in rows)
        )
    copies = defaultdict(list)
    for art in articles:
        if art.duplicate_of:
            copies[art.duplicate_of].append(art.id)
    by_group: dict[int, list[Conflict]] = defaultdict(list)
    for (i, j), slots in conflicts.items():
        gi, gj = groups.find(i), groups.find(j)
        if gi == gj:
            continue
        for slot, vi, vj in slots:
            by_group[gi].append(Conflict(claim=ids[gj], slot=slot, value=vi, other_value=vj))
            by_group[gj].append(Conflict(claim=ids[gi], slot=slot, value=vj, other_value=vi))
    by_id = {a.id: a for a in articles}
    in_conflict = {r for pair in conflicts for r in pair}
    out = []
    for root in roots:
        rows = sorted(groups.members[root])
        members = [statements[r] for r in rows]
        disputed = [r for r in rows if r in in_conflict]
        lead = _representative(disputed or rows, vectors, statements)
        sources = list(dict.fromkeys(m.article for m in members))
        sources += [c for s in list(sources) for c in copies.get(s, ()) if c not in sources]
        heard = {voice_of.get(s, s) for s in sources}
        unique_conflicts = tuple({(c.claim, c.slot): c for c in by_group.get(root, ())}.values())
        kinds = Counter(m.found.kind for m in members)
        evidence = [by_id[lead.article].span(*lead.span)]
        evidence += [by_id[m.article].span(*m.span) for m in members if m is not lead]
        out.append(
            Claim(
                id=ids[root],
                text=lead.text,
                kind=kinds.most_common(1)[0][0],  # type: ignore[arg-type]
                status=(
                    "contradicted"
                    if unique_conflicts
                    else "corroborated"
                    if len(heard) >= 2
                    else "single_source"
                ),
                sources=tuple(sources),
                voices=len(heard),
                evidence=tuple(evidence),
                conflicts=unique_conflicts,
                attributed_to=lead.speaker,
                hedged=all(m.found.hedged for m in members),
            )
        )
    return tuple(
        sorted(out, key=lambda c: (_STATUS_ORDER[c.status], -c.voices, _first(c.evidence)))
    )


_STATUS_ORDER = {"contradicted": 0, "corroborated": 1, "single_source": 2}


def _first(spans: Sequence[Span]) -> tuple[str, int]:
    return spans[0].article_id, spans[0].start


def _representative(
    rows: list[int], vectors: Vectors, statements: Sequence[Statement]
) -> Statement:
    """The member closest to the group's centre; among near ties the shorter statement."""
    if len(rows) == 1:
        return statements[rows[0]]
    block = vectors[rows]
    centre = block.mean(axis=0)
    scores = block @ centre
    best = max(scores)
    near = [r for r, s in zip(rows, scores, strict=True) if s >= best - 0.02]
    return statements[min(near, key=lambda r: len(statements[r].text))]
