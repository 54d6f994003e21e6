"""Two outlets head to head, from the comparison a report already holds.

Input: a report dict in the `report.json` contract, one story id in it and two outlet names.
Output: an `OutletComparison` — the claims each outlet states that the other does not, the
disagreements with one outlet on each side, and how each frames the actors they name most —
as text for a terminal or a JSON-able dict. Nothing is computed anew: claim groups,
disagreements and framing measures are the report's own.

Limits: "does not state" means newsprism's claim grouping found no statement of the other
outlet in the same group; an outlet that says the same thing in very different words counts as
omitting it. Copies count for the outlet that carried them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsprism.errors import NewsprismError


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimLine:
    """A claim as one outlet states it: its text and where it stands."""

    id: str
    text: str
    status: str
    voices: int
    outlets: tuple[str, ...]
    evidence: dict[str, Any]  # the span of this outlet's own statement


@dataclass(frozen=True, slots=True, kw_only=True)
class Disagreement:
    """Two claims that contradict each other, one from each outlet."""

    slot: str
    a: ClaimLine
    a_value: str | None
    b: ClaimLine
    b_value: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorFraming:
    """One actor as each outlet frames it; None where an outlet does not name the actor.
    Measures are the report's framing fields: sentences, tone, quotes, voice, hedging, loaded."""

    actor: str
    actor_name: str
    a: dict[str, Any] | None
    b: dict[str, Any] | None


@dataclass(frozen=True, slots=True, kw_only=True)
class OutletComparison:
    story_id: str
    story_title: str
    a: str
    b: str
    a_articles: int
    b_articles: int
    only_a: tuple[ClaimLine, ...]
    only_b: tuple[ClaimLine, ...]
    disagreements: tuple[Disagreement, ...]
    framing: tuple[ActorFraming, ...]


FRAMING_MEASURES = ("sentences", "tone", "quotes", "voice", "hedging", "loaded")


def outlets_of(report: Mapping[str, Any], story: Mapping[str, Any]) -> list[str]:
    """The outlets of a story's articles, copies included."""
    outlet = {a["id"]: a["source"] for a in report["articles"]}
    return sorted({outlet[i] for i in story["article_ids"] if i in outlet}, key=str.casefold)


def compare_outlets(report: Mapping[str, Any], story_id: str, a: str, b: str) -> OutletComparison:
    """Outlet `a` against outlet `b` (exact outlet names) in the story `story_id` of `report`."""
    story = next((s for s in report["stories"] if s["id"] == story_id), None)
    if story is None:
        raise NewsprismError(f"story {story_id} is not in the report")
    if a == b:
        raise NewsprismError(f"both outlets are {a!r}; name two different outlets")
    outlet = {x["id"]: x["source"] for x in report["articles"]}
    members = set(story["article_ids"])
    count = {name: sum(1 for i in members if outlet.get(i) == name) for name in (a, b)}
    for name in (a, b):
        if not count[name]:
            known = ", ".join(outlets_of(report, story))
            raise NewsprismError(
                f"outlet {name!r} has no article in story {story_id}; its outlets are: {known} "
                f"(`newsprism stories --outlet {name!r}` lists the stories it covers)"
            )
    by_id = {c["id"]: c for c in story.get("claims", ())}
    only_a, only_b = [], []
    for claim in story.get("claims", ()):
        says = {outlet.get(i) for i in claim["sources"]}
        if a in says and b not in says:
            only_a.append(_claim_line(claim, a, outlet))
        elif b in says and a not in says:
            only_b.append(_claim_line(claim, b, outlet))
    disagreements = []
    for pair in story.get("disagreements", ()):
        first, second = pair["sides"][0], pair["sides"][1]
        for x, y in ((first, second), (second, first)):
            if a in _side_outlets(x, outlet) and b in _side_outlets(y, outlet):
                disagreements.append(
                    Disagreement(
                        slot=pair["slot"],
                        a=_claim_line(by_id.get(x["claim"], _as_claim(x)), a, outlet),
                        a_value=x.get("value"),
                        b=_claim_line(by_id.get(y["claim"], _as_claim(y)), b, outlet),
                        b_value=y.get("value"),
                    )
                )
                break
    return OutletComparison(
        story_id=story_id,
        story_title=story.get("title") or "",
        a=a,
        b=b,
        a_articles=count[a],
        b_articles=count[b],
        only_a=tuple(sorted(only_a, key=_weight)),
        only_b=tuple(sorted(only_b, key=_weight)),
        disagreements=tuple(disagreements),
        framing=_framing(story, a, b),
    )


def comparison_dict(c: OutletComparison) -> dict[str, Any]:
    """The comparison as plain JSON-able data (field names as in the dataclasses)."""

    def line(x: ClaimLine) -> dict[str, Any]:
        return {
            "id": x.id,
            "text": x.text,
            "status": x.status,
            "voices": x.voices,
            "outlets": list(x.outlets),
            "evidence": x.evidence,
        }

    return {
        "story_id": c.story_id,
        "story_title": c.story_title,
        "a": c.a,
        "b": c.b,
        "a_articles": c.a_articles,
        "b_articles": c.b_articles,
        "only_a": [line(x) for x in c.only_a],
        "only_b": [line(x) for x in c.only_b],
        "disagreements": [
            {
                "slot": d.slot,
                "a": line(d.a),
                "a_value": d.a_value,
                "b": line(d.b),
                "b_value": d.b_value,
            }
            for d in c.disagreements
        ],
        "framing": [
            {"actor": f.actor, "actor_name": f.actor_name, "a": f.a, "b": f.b} for f in c.framing
        ],
    }


def comparison_text(c: OutletComparison, limit: int = 10) -> str:
    """The comparison for a terminal: at most `limit` claims per side (0: all)."""
    out = [
        f"{c.a} ({_count(c.a_articles, 'article')}) against {c.b} "
        f"({_count(c.b_articles, 'article')}) in story "
        f"{c.story_id}: {c.story_title}",
    ]
    for name, other, lines in ((c.a, c.b, c.only_a), (c.b, c.a, c.only_b)):
        out += ["", f"{name} reports, {other} does not ({_count(len(lines), 'claim')}):"]
        shown = lines if limit <= 0 else lines[:limit]
        out += [f"  - {x.text} [{_label(x)}]" for x in shown]
        if len(shown) < len(lines):
            out.append(f"  … {len(lines) - len(shown)} more (--limit 0 shows all)")
        if not lines:
            out.append("  (nothing)")
    out += ["", f"Where they disagree ({len(c.disagreements)}):"]
    for d in c.disagreements:
        out.append(f"  - {d.slot}: {c.a}: {d.a_value or '?'} | {c.b}: {d.b_value or '?'}")
        out.append(f"      {c.a}: {d.a.text}")
        out.append(f"      {c.b}: {d.b.text}")
    if not c.disagreements:
        out.append("  (no contradiction found between them)")
    out += [
        "",
        "How each frames the actors they name most (sentences naming the actor; tone -1..1 of "
        "those sentences; quotes given to the actor; share of sentences hedged / with loaded "
        "words):",
    ]
    shown_framing = c.framing if limit <= 0 else c.framing[:limit]
    for f in shown_framing:
        out.append(f"  {f.actor_name}")
        for name, measures in ((c.a, f.a), (c.b, f.b)):
            out.append(f"    {name[:30]:<30} {_measures(measures)}")
    if not c.framing:
        out.append("  (neither names an actor)")
    return "\n".join(out)


def _claim_line(claim: Mapping[str, Any], name: str, outlet: Mapping[str, str]) -> ClaimLine:
    spans = claim.get("evidence", ())
    own = next((s for s in spans if outlet.get(s["article_id"]) == name), spans[0] if spans else {})
    return ClaimLine(
        id=claim["id"],
        text=claim["text"],
        status=claim.get("shown_status") or claim.get("status", ""),
        voices=int(claim.get("voices") or 1),
        outlets=tuple(dict.fromkeys(outlet[i] for i in claim["sources"] if i in outlet)),
        evidence=dict(own),
    )


def _as_claim(side: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": side["claim"],
        "text": side["text"],
        "status": "contradicted",
        "sources": side["sources"],
        "evidence": side.get("evidence", []),
    }


def _side_outlets(side: Mapping[str, Any], outlet: Mapping[str, str]) -> set[str]:
    return set(side.get("outlets") or ()) | {outlet[i] for i in side["sources"] if i in outlet}


def _weight(line: ClaimLine) -> tuple[int, int]:
    # contested and corroborated claims matter more to a reader than one outlet's aside
    rank = {"contradicted": 0, "corroborated": 1}.get(line.status, 2)
    return rank, -line.voices


def _label(x: ClaimLine) -> str:
    return x.status.replace("_", "-") + (f", {x.voices} voices" if x.voices > 1 else "")


def _framing(story: Mapping[str, Any], a: str, b: str) -> tuple[ActorFraming, ...]:
    rows: dict[str, dict[str, Any]] = {}
    names: dict[str, str] = {}
    for row in story.get("framing", ()):
        if row["source"] in (a, b):
            rows[f"{row['source']}\0{row['actor']}"] = row
            names[row["actor"]] = row.get("actor_name") or row["actor"]
    actors = sorted(names, key=lambda x: -sum(_sentences(rows.get(f"{o}\0{x}")) for o in (a, b)))
    return tuple(
        ActorFraming(
            actor=actor,
            actor_name=names[actor],
            a=_pick(rows.get(f"{a}\0{actor}")),
            b=_pick(rows.get(f"{b}\0{actor}")),
        )
        for actor in actors
    )


def _sentences(row: Mapping[str, Any] | None) -> int:
    return int(row.get("sentences") or 0) if row else 0


def _pick(row: Mapping[str, Any] | None) -> dict[str, Any] | None:
    return None if row is None else {k: row.get(k) for k in FRAMING_MEASURES}


def _measures(m: Mapping[str, Any] | None) -> str:
    if m is None:
        return "(does not name it)"
    return (
        f"{_count(int(m['sentences'] or 0), 'sentence')}, tone {float(m['tone'] or 0):+.2f}, "
        f"{_count(int(m['quotes'] or 0), 'quote')}, hedged {float(m['hedging'] or 0):.2f}, "
        f"loaded {float(m['loaded'] or 0):.2f}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
