"""Benchmark: political event coding -- who did what to whom, as PLOVER event types.

What it measures: for a sentence of news, which PLOVER event it reports (type), who did it
(actor) and to whom (target), on two gold sets read at run time from DATA_DIR
(`shared/eval/plover-gsr` beside the repository). Nothing from those files is copied here.

Reading the gold:
1. GSR (`load_gsr`): `PLOVER_GSR_CAMEO.txt`, the PLOVER gold standard records v0.5b1 (Open Event
   Data Alliance, 2016), one JSON array. Elements without `text` or `event`, and the
   `"event": "DOCUMENT"` header, are skipped. Each record gives one event: `event` (a PLOVER
   v0.5 type), `source` and `target` (lists of {actorText, code}), `textInfo.markup`. The v0.5
   type names are mapped to the 16 types of the current PLOVER/POLECAT ontology that newsprism
   codes: DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT; the
   other fourteen (AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REJECT, THREATEN,
   PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT) keep their names. Quirks handled: `source`
   may be null and `target` may be missing, null, "" or a bare string (one record gives
   "diplomatic", not an actor): anything but a list of actors counts as no gold actor;
   `textInfo` is a plain string in one record. Records whose markup tags actors `SRC/TAR`
   ("A and B agreed ...") are reciprocal: a predicted target there is right when it names one
   of the source actors, or when there is none.
2. PETRARCH2 (`load_petrarch`): `petrarch2_unittest/text/PETR.UnitTest.records.xml`, the unit
   tests of the PETRARCH2 coder: `<Sentence id category sentence>` elements holding
   `<EventCoding sourcecode targetcode eventcode>`s and a `<Text>`. These are PETRARCH2's own
   expected codings (CAMEO codes, invented countries: ARN, GON, ...), so this part measures
   agreement with PETRARCH2, not with human annotators. The file parses with the standard
   library; its quirks: an EventCoding may carry `noevents="True"` (the sentence should yield
   nothing) or `error="..."` (the sentence tests an error or discard path of PETRARCH2:
   excluded), and the validation dictionaries use event codes that are not CAMEO at all
   (roots 21, 22, 34, 80, 90, 91: synonym-set and pattern tests), called "unmapped" here;
   a sentence with any unmapped or error coding is left out of scoring (counted). A few
   codes have CAMEO roots but made-up tails (1717, 1010, 174K): they map by their root.
   CAMEO -> PLOVER, by the 2-digit root -- our approximation of the CAMEO table in the PLOVER
   README, not that table itself: 01 public statement -> no event; 02 -> REQUEST; 03 intent to
   cooperate -> no event (counted separately as "intent"); 04 -> CONSULT; 05 -> COOPERATE
   (but 051 praise/endorse -> SUPPORT); 06 -> COOPERATE; 07 -> AID; 08 -> CONCEDE (but 087
   de-escalate -> RETREAT); 09 -> ACCUSE; 10 -> REQUEST; 11 -> ACCUSE; 12 -> REJECT;
   13 -> THREATEN; 14 -> PROTEST; 15 -> MOBILIZE; 16 -> SANCTION; 17 -> COERCE; 18, 19 and
   20 -> ASSAULT. A sentence whose codings all map to no event (01/03, `noevents`, or no
   EventCoding at all) is a "no event expected" sentence.
3. Actor codes for PETRARCH2 (`CodeBook`): the validation dictionaries `PETR.Validate.actors.txt`
   (`NAME [CODE]`, `+SYNONYM` lines share the entry's codes, several `[CODE date]` lines give
   date-restricted codes, `A/B` is a compound code) and `PETR.Validate.agents.txt`
   (`NAME {PLURAL} [~AGT]`, `~AGT` is appended to a country code, `AGT~` put before it).
   Names are matched case-insensitively inside the predicted actor text, longest name first;
   underscores are spaces; as in PETRARCH, a name ending in `_` must end at a word boundary and
   other names are stems (ARGENTIN matches Argentina). Agent names also match with a plural
   -s/-es (or their `{PLURAL}`); entries using `!MACRO!` substitutions are skipped. All codes of
   the first matching actor name are candidates (date restrictions are ignored); an agent code is
   added to a bare 3-letter country code; an agent without a country gives `---AGT`.

How it scores (`score_gsr`, `score_petrarch`, our own code); a system returns, per text, a list
of events (dicts with `type`, `actor_text`, `target_text`, ...), most salient first:
- accuracy@1: the first event's type is the gold type (PETRARCH2: one of the sentence's gold
  types); a text without events counts wrong. Over GSR records / PETRARCH2 sentences with events.
- any-type recall (GSR): the gold type is among the text's event types.
- PETRARCH2 P/R/F1: each gold coding is recalled when some predicted event of its sentence has
  its type; each predicted event is correct when some gold coding of its sentence has its type;
  predicted events on "no event expected" sentences count as wrong (false alarms).
- macro-F1 over the gold types (the 16 PLOVER types for GSR). GSR: labels are the first event's
  type, "NONE" when there is none (so a missing event costs recall of the gold type). PETRARCH2:
  per type, precision and recall as in the P/R above, restricted to that type.
- coverage: share of texts with at least one event (PETRARCH2: of the sentences with events).
- no-event false alarms (PETRARCH2): share of "no event expected" sentences given an event;
  also reported for the intent (03) sentences alone.
- actor / target, on the gold events whose type was found (some predicted event has it): right
  when one of the predicted events of that type has a right actor (target). GSR: the predicted
  text and a gold `actorText` share a content word (case-folded, function words ignored) or one
  contains the other; several gold actors: any; no gold actor: right when none is predicted.
  PETRARCH2: the predicted text's dictionary codes (above) contain the gold code ("full") or a
  code with its first three characters ("country"); no predicted text never matches.
  `both` needs one event with a right actor and a right target; `e2e` is type found and `both`,
  over all gold events.
- docs/s: texts per second of the system's calls only (after one untimed warm-up call).

Systems (on the same texts):
- majority: every text gets the most common gold type of that data set, no actors. A floor.
- lexicon: the first word of the text that is an inflected form of a verb in a small
  hand-written table (about five verbs per type, below) gives the one event; no actors. A floor
  that shows what a keyword coder gets.
- newsprism: `newsprism.extract.events.code_texts(texts) -> list[list[dict]]`, each event with
  `type`, `actor_text`, `target_text`, `mode` (asserted|negated|hypothetical|future) and
  `trigger`, when that module exists; otherwise its row is skipped.

Published numbers: none. The GSR is a reference set, not a leaderboard test set (its README says
so), and the PETRARCH2 part scores agreement with PETRARCH2's own expected codings.

Usage: python bench/events.py [DATA_DIR] [--systems majority,lexicon,newsprism] [--limit N]
The last line of stdout is one JSON object with the metrics.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "plover-gsr"
GSR_FILE = "PLOVER_GSR_CAMEO.txt"
PETR_RECORDS = Path("petrarch2_unittest") / "text" / "PETR.UnitTest.records.xml"
PETR_DICTS = Path("petrarch2_unittest") / "dictionaries"
SYSTEMS = ("majority", "lexicon", "newsprism")

PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
GSR_TO_PLOVER = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
CAMEO_ROOT_TO_PLOVER: dict[str, str | None] = {
    "01": None,  # make public statement: not an event
    "02": "REQUEST",
    "03": None,  # express intent to cooperate: counted as "intent"
    "04": "CONSULT",
    "05": "COOPERATE",
    "06": "COOPERATE",
    "07": "AID",
    "08": "CONCEDE",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "20": "ASSAULT",
}
CAMEO_THREE_DIGIT = {"051": "SUPPORT", "087": "RETREAT"}

NONE_LABEL = "NONE"
FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with"]
    + ["its", "his", "her", "their", "our", "this", "that", "these", "those", "some", "s"]
)
_WORD = re.compile(r"\w+")

Event = dict[str, Any]
Coder = Callable[[Sequence[str]], list[list[Event]]]


def gsr_to_plover(name: str) -> str:
    """The current PLOVER type of a GSR v0.5 type name."""
    return GSR_TO_PLOVER.get(name, name)


def map_cameo(code: str) -> tuple[str | None, str]:
    """(PLOVER type or None, kind) of a CAMEO event code; kind is `event`, `statement` (01),
    `intent` (03) or `unmapped` (not a CAMEO root 01-20)."""
    code = code.strip()
    root = code[:2]
    if not root.isdigit() or root not in CAMEO_ROOT_TO_PLOVER:
        return None, "unmapped"
    if code[:3] in CAMEO_THREE_DIGIT:
        return CAMEO_THREE_DIGIT[code[:3]], "event"
    if root == "01":
        return None, "statement"
    if root == "03":
        return None, "intent"
    return CAMEO_ROOT_TO_PLOVER[root], "event"


def cameo_to_plover(code: str) -> str | None:
    return map_cameo(code)[0]


def squash(text: str) -> str:
    return " ".join(text.split())


# --- GSR -------------------------------------------------------------------------------------


@dataclass(slots=True)
class GsrRecord:
    id: str
    text: str
    type: str
    gsr_type: str
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    reciprocal: bool = False


def _actor_texts(value: Any, stats: Counter[str], role: str) -> list[str]:
    if isinstance(value, list):
        out = [squash(str(a.get("actorText", ""))) for a in value if isinstance(a, dict)]
        return [a for a in out if a]
    if isinstance(value, str) and value.strip():
        stats[f"{role}_bare_string"] += 1
    elif value is None or value == "":
        stats[f"{role}_empty"] += 1
    return []


def parse_gsr(records: Iterable[Any]) -> tuple[list[GsrRecord], Counter[str]]:
    """Gold records from the decoded JSON array, and counts of what was odd or skipped."""
    stats: Counter[str] = Counter()
    out: list[GsrRecord] = []
    seen: set[str] = set()
    for r in records:
        if isinstance(r, dict) and r.get("event") == "DOCUMENT":
            stats["skipped_document"] += 1
            continue
        if not isinstance(r, dict) or not r.get("text") or not r.get("event"):
            stats["skipped_no_text_or_event"] += 1
            continue
        info = r.get("textInfo")
        if isinstance(info, dict):
            markup = str(info.get("markup", ""))
        else:
            stats["textinfo_not_object"] += 1
            markup = str(info or "")
        rid = str(r.get("id", ""))
        if rid in seen:
            stats["duplicate_id"] += 1
        seen.add(rid)
        out.append(
            GsrRecord(
                id=rid,
                text=squash(r["text"]),
                type=gsr_to_plover(r["event"]),
                gsr_type=r["event"],
                sources=_actor_texts(r.get("source"), stats, "source"),
                targets=_actor_texts(r.get("target"), stats, "target"),
                reciprocal="SRC/TAR" in markup,
            )
        )
    return out, stats


def load_gsr(data_dir: Path) -> tuple[list[GsrRecord], Counter[str]]:
    return parse_gsr(json.loads((data_dir / GSR_FILE).read_text(encoding="utf-8")))


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if w not in FUNCTION_WORDS}


def text_matches(predicted: str | None, gold: Sequence[str]) -> bool:
    """A predicted actor text names one of the gold actor texts: a shared content word, or one
    contains the other (case-folded)."""
    if not predicted or not predicted.strip():
        return False
    p = squash(predicted).casefold()
    for g in gold:
        gf = squash(g).casefold()
        if gf and (gf in p or p in gf or content_words(p) & content_words(gf)):
            return True
    return False


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _share(n: int, d: int) -> float:
    return n / d if d else 0.0


def _types(events: Sequence[Event]) -> list[str]:
    return [str(e.get("type") or "").strip().upper() for e in events]


def score_gsr(records: Sequence[GsrRecord], predictions: Sequence[Sequence[Event]]) -> dict:
    """Metrics of predictions (one list of events per record, same order)."""
    if len(records) != len(predictions):
        raise ValueError("one prediction list per gold record is needed")
    c: Counter[str] = Counter()
    first_labels: list[str] = []
    for rec, events in zip(records, predictions, strict=True):
        types = _types(events)
        first = types[0] if types else NONE_LABEL
        first_labels.append(first)
        c["events"] += len(events)
        c["covered"] += bool(events)
        c["acc1"] += first == rec.type
        typed = [e for e, t in zip(events, types, strict=True) if t == rec.type]
        if not typed:
            continue
        c["found"] += 1
        targets_ok = rec.targets + rec.sources if rec.reciprocal else rec.targets
        actor_ok = [_gsr_actor_ok(e.get("actor_text"), rec.sources, False) for e in typed]
        target_ok = [
            _gsr_actor_ok(e.get("target_text"), targets_ok, rec.reciprocal or not rec.targets)
            for e in typed
        ]
        c["actor"] += any(actor_ok)
        c["target"] += any(target_ok)
        c["both"] += any(a and t for a, t in zip(actor_ok, target_ok, strict=True))
    n = len(records)
    per_type = {}
    for label in sorted({r.type for r in records}):
        tp = sum(1 for r, f in zip(records, first_labels, strict=True) if r.type == label == f)
        per_type[label] = _prf(
            tp, first_labels.count(label), tp, sum(r.type == label for r in records)
        )
    return {
        "records": n,
        "accuracy_at_1": _share(c["acc1"], n),
        "recall_any": _share(c["found"], n),
        "macro_f1": _share(sum(m["f1"] for m in per_type.values()), len(per_type)),
        "coverage": _share(c["covered"], n),
        "events_per_text": _share(c["events"], n),
        "type_found": c["found"],
        "actor": _share(c["actor"], c["found"]),
        "target": _share(c["target"], c["found"]),
        "both": _share(c["both"], c["found"]),
        "e2e": _share(c["both"], n),
        "per_type_f1": {k: v["f1"] for k, v in per_type.items()},
    }


def _gsr_actor_ok(predicted: Any, gold: Sequence[str], none_ok: bool) -> bool:
    text = predicted if isinstance(predicted, str) and predicted.strip() else None
    if text is None:
        return none_ok or not gold
    return text_matches(text, gold)


# --- PETRARCH2 unit tests --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coding:
    source: str
    target: str
    cameo: str
    type: str | None
    kind: str  # event | statement | intent | unmapped


@dataclass(slots=True)
class PetrSentence:
    id: str
    text: str
    category: str
    codings: list[Coding]
    status: str  # events | none | error | unmapped
    marked_sentence: bool = True

    @property
    def types(self) -> list[str]:
        return [c.type for c in self.codings if c.type]


def parse_petrarch(xml_text: str) -> tuple[list[PetrSentence], Counter[str]]:
    """Sentences of a PETRARCH unit-test XML document, and counts of what was odd."""
    root = ET.fromstring(xml_text)
    stats: Counter[str] = Counter()
    out: list[PetrSentence] = []
    seen: set[str] = set()
    for s in root.iter("Sentence"):
        sid = s.get("id", "")
        if sid in seen:
            stats["duplicate_id"] += 1
        seen.add(sid)
        if s.get("sentence", "true").lower() != "true":
            stats["sentence_attr_false"] += 1
        codings: list[Coding] = []
        error = False
        for ec in s.iter("EventCoding"):
            if ec.get("error") is not None:
                stats[f"error_{ec.get('error')}"] += 1
                error = True
            elif ec.get("noevents") is not None:
                stats["noevents_coding"] += 1
            elif ec.get("eventcode") is not None:
                code = ec.get("eventcode", "")
                plover, kind = map_cameo(code)
                stats[f"coding_{kind}"] += 1
                codings.append(
                    Coding(
                        (ec.get("sourcecode") or "").strip().upper(),
                        (ec.get("targetcode") or "").strip().upper(),
                        code,
                        plover,
                        kind,
                    )
                )
            else:
                stats["coding_without_code"] += 1
        if not list(s.iter("EventCoding")):
            stats["no_eventcoding"] += 1
        if error:
            status = "error"
        elif any(c.kind == "unmapped" for c in codings):
            status = "unmapped"
        elif any(c.type for c in codings):
            status = "events"
        else:
            status = "none"
        out.append(
            PetrSentence(
                id=sid,
                text=squash(s.findtext("Text") or ""),
                category=s.get("category", ""),
                codings=codings,
                status=status,
                marked_sentence=s.get("sentence", "true").lower() == "true",
            )
        )
    return out, stats


def load_petrarch(data_dir: Path) -> tuple[list[PetrSentence], Counter[str]]:
    path = data_dir / PETR_RECORDS
    if not path.is_file():
        return [], Counter()
    return parse_petrarch(path.read_text(encoding="utf-8"))


# PETRARCH dictionaries: names to codes


def _strip_comments(text: str) -> list[str]:
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    lines = []
    for line in text.splitlines():
        if line.lstrip().startswith("<!"):
            continue  # also the malformed `<! -- ... -->` one-liner
        lines.append(line.split("#", 1)[0].rstrip())
    return lines


def _name_pattern(name: str, plurals: Sequence[str] = (), stem: bool = False) -> re.Pattern[str]:
    """A case-insensitive pattern for a dictionary name (underscores and spaces are spaces)."""
    words = [w for w in re.split(r"[\s_]+", name) if w]
    body = r"\s+".join(re.escape(w) for w in words)
    if plurals:
        body += "(?:" + "|".join(re.escape(p) for p in plurals) + ")?"
    end = "" if stem else r"(?!\w)"
    return re.compile(r"(?<!\w)" + body + end, re.I)


@dataclass(slots=True)
class CodeBook:
    """Name -> code lookups from PETRARCH actor and agent dictionaries."""

    actors: list[tuple[str, re.Pattern[str], frozenset[str]]] = field(default_factory=list)
    agents: list[tuple[str, re.Pattern[str], str]] = field(default_factory=list)
    stats: Counter[str] = field(default_factory=Counter)

    @classmethod
    def from_texts(cls, actors_text: str, agents_text: str = "") -> CodeBook:
        book = cls()
        book._read_actors(actors_text)
        book._read_agents(agents_text)
        book.actors.sort(key=lambda a: -len(a[0]))
        book.agents.sort(key=lambda a: -len(a[0]))
        return book

    @classmethod
    def load(cls, data_dir: Path) -> CodeBook:
        folder = data_dir / PETR_DICTS
        actors = folder / "PETR.Validate.actors.txt"
        agents = folder / "PETR.Validate.agents.txt"
        return cls.from_texts(
            actors.read_text(encoding="utf-8") if actors.is_file() else "",
            agents.read_text(encoding="utf-8") if agents.is_file() else "",
        )

    def _read_actors(self, text: str) -> None:
        names: list[str] = []
        codes: set[str] = set()

        def flush() -> None:
            if names and codes:
                for n in names:
                    stem = not n.endswith("_")
                    key = n.rstrip("_").replace("_", " ").strip()
                    if key:
                        self.actors.append((key, _name_pattern(key, stem=stem), frozenset(codes)))
            elif names:
                self.stats["actor_without_code"] += 1
            names.clear()
            codes.clear()

        for line in _strip_comments(text):
            s = line.strip()
            if not s:
                continue
            found = [b.split()[0].upper() for b in re.findall(r"\[([^\]]*)\]", s) if b.split()]
            head = s.split("[", 1)[0].strip()
            if s.startswith("+"):
                if head[1:].strip():
                    names.append(head[1:].strip())
            elif head:
                flush()
                names.append(head)
            for code in found:
                codes.update(c for c in code.split("/") if c)

        flush()

    def _read_agents(self, text: str) -> None:
        for line in _strip_comments(text):
            s = line.strip()
            m = re.match(r"^([^\[{=]+?)\s*(?:\{([^}]*)\})?\s*\[\s*([^\]]*?)\s*\]", s)
            if not m or "!" in s:
                if s:
                    self.stats["agent_line_skipped"] += 1
                continue
            name, plural, code = m.group(1).strip(), m.group(2), m.group(3).replace(" ", "")
            key = name.replace("_", " ").strip()
            if plural is None:
                pattern = _name_pattern(key, plurals=("s", "es"))
                self.agents.append((key, pattern, code.upper()))
            else:
                self.agents.append((key, _name_pattern(key), code.upper()))
                if plural.strip():
                    self.agents.append((plural.strip(), _name_pattern(plural), code.upper()))

    def codes(self, text: str | None) -> frozenset[str]:
        """Candidate codes of an actor text (empty when no dictionary name is in it)."""
        if not text or not text.strip():
            return frozenset()
        countries = next((codes for _, p, codes in self.actors if p.search(text)), frozenset())
        agent = next((code for _, p, code in self.agents if p.search(text)), None)
        if agent is None:
            return countries
        if not countries:
            return frozenset({_with_agent("---", agent)})
        return frozenset(_with_agent(c, agent) if len(c) == 3 else c for c in countries)


def _with_agent(country: str, agent: str) -> str:
    if agent.startswith("~"):
        return country + agent[1:]
    if agent.endswith("~"):
        return agent[:-1] + country
    return country + agent


def code_match(candidates: Iterable[str], gold: str) -> tuple[bool, bool]:
    """(full code match, country-prefix match) of predicted candidate codes to a gold code."""
    cands = {c.upper() for c in candidates}
    g = gold.upper()
    return g in cands, bool(g) and g[:3] in {c[:3] for c in cands}


def score_petrarch(
    sentences: Sequence[PetrSentence],
    predictions: Sequence[Sequence[Event]],
    book: CodeBook | None = None,
) -> dict:
    """Metrics of predictions (one list of events per sentence, same order); sentences with
    status `error` or `unmapped` are not scored."""
    if len(sentences) != len(predictions):
        raise ValueError("one prediction list per gold sentence is needed")
    book = book or CodeBook()
    c: Counter[str] = Counter()
    gold_by: Counter[str] = Counter()
    recalled_by: Counter[str] = Counter()
    pred_by: Counter[str] = Counter()
    right_by: Counter[str] = Counter()
    modes: Counter[str] = Counter()
    for sent, events in zip(sentences, predictions, strict=True):
        if sent.status not in ("events", "none"):
            continue
        types = _types(events)
        gold_types = set(sent.types)
        for t in types:
            pred_by[t] += 1
            right_by[t] += t in gold_types
        c["pred"] += len(types)
        c["pred_right"] += sum(t in gold_types for t in types)
        if sent.status == "none":
            c["none_sentences"] += 1
            c["none_alarm"] += bool(events)
            c["none_events"] += len(events)
            if any(k.kind == "intent" for k in sent.codings):
                c["intent_sentences"] += 1
                c["intent_alarm"] += bool(events)
            modes.update(str(e.get("mode") or "-") for e in events)
            continue
        c["event_sentences"] += 1
        c["covered"] += bool(events)
        c["acc1"] += bool(types) and types[0] in gold_types
        for k in sent.codings:
            if not k.type:
                continue
            gold_by[k.type] += 1
            typed = [e for e, t in zip(events, types, strict=True) if t == k.type]
            if not typed:
                continue
            recalled_by[k.type] += 1
            src = [code_match(book.codes(e.get("actor_text")), k.source) for e in typed]
            tgt = [code_match(book.codes(e.get("target_text")), k.target) for e in typed]
            c["src_full"] += any(m[0] for m in src)
            c["src_country"] += any(m[1] for m in src)
            c["tgt_full"] += any(m[0] for m in tgt)
            c["tgt_country"] += any(m[1] for m in tgt)
            c["both_country"] += any(a[1] and b[1] for a, b in zip(src, tgt, strict=True))
    n_gold = sum(gold_by.values())
    n_recalled = sum(recalled_by.values())
    prf = _prf(c["pred_right"], c["pred"], n_recalled, n_gold)
    f1s = [_prf(right_by[t], pred_by[t], recalled_by[t], gold_by[t])["f1"] for t in sorted(gold_by)]
    return {
        "event_sentences": c["event_sentences"],
        "gold_codings": n_gold,
        "accuracy_at_1": _share(c["acc1"], c["event_sentences"]),
        "precision": prf["p"],
        "recall": prf["r"],
        "f1": prf["f1"],
        "macro_f1": _share(sum(f1s), len(f1s)),
        "coverage": _share(c["covered"], c["event_sentences"]),
        "predicted_events": c["pred"],
        "no_event_sentences": c["none_sentences"],
        "no_event_false_alarm": _share(c["none_alarm"], c["none_sentences"]),
        "no_event_predicted_events": c["none_events"],
        "no_event_modes": dict(modes),
        "intent_sentences": c["intent_sentences"],
        "intent_false_alarm": _share(c["intent_alarm"], c["intent_sentences"]),
        "type_found": n_recalled,
        "source_full": _share(c["src_full"], n_recalled),
        "source_country": _share(c["src_country"], n_recalled),
        "target_full": _share(c["tgt_full"], n_recalled),
        "target_country": _share(c["tgt_country"], n_recalled),
        "both_country": _share(c["both_country"], n_recalled),
    }


# --- systems ---------------------------------------------------------------------------------

# Verb -> type table of the lexicon floor, written for this benchmark (about five per type).
LEXICON: dict[str, tuple[str, ...]] = {
    "AGREE": ("agree", "sign", "accept", "settle", "ratify"),
    "CONSULT": ("meet", "visit", "talk", "discuss", "negotiate", "host"),
    "SUPPORT": ("support", "praise", "endorse", "welcome", "applaud"),
    "CONCEDE": ("yield", "ease", "lift", "release", "concede", "pardon"),
    "COOPERATE": ("cooperate", "help", "collaborate", "coordinate", "ally"),
    "AID": ("aid", "give", "send", "donate", "provide", "supply"),
    "RETREAT": ("withdraw", "retreat", "evacuate", "demobilize", "disarm"),
    "REQUEST": ("demand", "urge", "call", "ask", "appeal", "request"),
    "ACCUSE": ("accuse", "criticize", "criticise", "condemn", "blame", "denounce"),
    "REJECT": ("reject", "refuse", "deny", "decline", "veto"),
    "THREATEN": ("threaten", "warn"),
    "PROTEST": ("protest", "demonstrate", "strike", "march", "rally", "boycott"),
    "SANCTION": ("sanction", "ban", "expel", "sever", "suspend", "embargo"),
    "MOBILIZE": ("mobilize", "mobilise", "deploy", "mass", "reinforce"),
    "COERCE": ("arrest", "detain", "seize", "deport", "confiscate"),
    "ASSAULT": ("attack", "kill", "bomb", "shell", "shoot", "fight", "clash", "wound"),
}
IRREGULAR = {
    "give": ("gave", "given"),
    "send": ("sent",),
    "meet": ("met",),
    "shoot": ("shot",),
    "fight": ("fought",),
    "strike": ("struck",),
    "withdraw": ("withdrew", "withdrawn"),
}


def inflections(verb: str) -> set[str]:
    """Regular English inflections of a verb (some impossible ones too, which do no harm)."""
    forms = {verb, verb + "s"}
    if verb.endswith("e"):
        forms |= {verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and verb[-2:-1] not in set("aeiou"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    else:
        forms |= {verb + "ed", verb + "ing", verb + "es"}
        v, c = "aeiou", verb[-3:]
        if len(c) == 3 and c[0] not in v and c[1] in v and c[2] not in v + "wxy":
            forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms | set(IRREGULAR.get(verb, ()))


def _lexicon_forms() -> dict[str, str]:
    out: dict[str, str] = {}
    for kind, verbs in LEXICON.items():
        for verb in verbs:
            for form in inflections(verb):
                out.setdefault(form, kind)
    return out


LEXICON_FORMS = _lexicon_forms()


def lexicon(texts: Sequence[str]) -> list[list[Event]]:
    """One event per text: the type of its first word found in the verb table."""
    out: list[list[Event]] = []
    for text in texts:
        events: list[Event] = []
        for m in re.finditer(r"[a-z]+", text.lower()):
            kind = LEXICON_FORMS.get(m.group())
            if kind:
                events.append(
                    {
                        "type": kind,
                        "actor_text": None,
                        "target_text": None,
                        "mode": "asserted",
                        "trigger": m.group(),
                    }
                )
                break
        out.append(events)
    return out


def majority(label: str) -> Coder:
    def run(texts: Sequence[str]) -> list[list[Event]]:
        return [
            [
                {
                    "type": label,
                    "actor_text": None,
                    "target_text": None,
                    "mode": "asserted",
                    "trigger": "",
                }
            ]
            for _ in texts
        ]

    return run


def make_newsprism() -> tuple[Coder | None, str]:
    """newsprism's coder, or None and why it is missing."""
    try:
        module = importlib.import_module("newsprism.extract.events")
        return module.code_texts, ""
    except (ImportError, AttributeError) as exc:
        return None, f"{type(exc).__name__}: {exc}"


def run_system(fn: Coder, texts: Sequence[str]) -> tuple[list[list[Event]], float]:
    """Predictions and seconds, after one untimed warm-up call on the first text."""
    if not texts:
        return [], 0.0
    fn(list(texts[:1]))
    t0 = time.perf_counter()
    preds = fn(list(texts))
    seconds = time.perf_counter() - t0
    if len(preds) != len(texts):
        raise ValueError(f"{len(preds)} prediction lists for {len(texts)} texts")
    return [list(p) for p in preds], seconds


# --- report ----------------------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def print_gsr_table(rows: dict[str, dict[str, Any]]) -> None:
    print("\n== GSR (PLOVER gold standard records), % ==")
    keys = ("accuracy_at_1", "recall_any", "macro_f1", "coverage", "actor", "target", "both", "e2e")
    head = ("acc@1", "any", "macroF1", "cover", "actor", "target", "both", "e2e")
    print(f"{'system':10}" + "".join(f"{h:>8}" for h in head) + f"{'docs/s':>12}")
    for name, m in rows.items():
        cells = "".join(f"{_pct(m[k]):>8}" for k in keys)
        print(f"{name:10}{cells}{m['docs_per_s']:>12,.0f}")
    if rows:
        found = ", ".join(f"{k} {m['type_found']}" for k, m in rows.items())
        print(f"(actor/target/both: over the records whose gold type some event has: {found})")


def print_petrarch_table(rows: dict[str, dict[str, Any]]) -> None:
    print("\n== PETRARCH2 unit tests (PETRARCH2's expected codings, CAMEO -> PLOVER), % ==")
    keys = ("accuracy_at_1", "precision", "recall", "f1", "macro_f1", "coverage")
    head = ("acc@1", "P", "R", "F1", "macroF1", "cover", "noev FA")
    print(
        f"{'system':10}"
        + "".join(f"{h:>8}" for h in head)
        + f"{'src f/c':>12}{'tgt f/c':>12}{'docs/s':>12}"
    )
    for name, m in rows.items():
        cells = "".join(f"{_pct(m[k]):>8}" for k in (*keys, "no_event_false_alarm"))
        src = f"{_pct(m['source_full'])}/{_pct(m['source_country'])}"
        tgt = f"{_pct(m['target_full'])}/{_pct(m['target_country'])}"
        print(f"{name:10}{cells}{src:>12}{tgt:>12}{m['docs_per_s']:>12,.0f}")
    if rows:
        found = ", ".join(f"{k} {m['type_found']}" for k, m in rows.items())
        print(
            "(src/tgt f/c: full code / country prefix, over the gold codings whose type some "
            f"event has: {found}; noev FA: no-event sentences given an event)"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated systems")
    parser.add_argument("--limit", type=int, help="first N records of each set")
    args = parser.parse_args(argv)
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    for s in systems:
        if s not in SYSTEMS:
            parser.error(f"unknown system {s!r}; choose from {SYSTEMS}")
    if not (args.data_dir / GSR_FILE).is_file():
        print(f"no {GSR_FILE} under {args.data_dir}", file=sys.stderr)
        return 1

    gsr, gsr_stats = load_gsr(args.data_dir)
    petr, petr_stats = load_petrarch(args.data_dir)
    book = CodeBook.load(args.data_dir)
    if args.limit:
        gsr, petr = gsr[: args.limit], petr[: args.limit]

    gsr_raw = Counter(r.gsr_type for r in gsr)
    gsr_types = Counter(r.type for r in gsr)
    print(f"GSR: {len(gsr)} records; GSR v0.5 types: {dict(gsr_raw.most_common())}")
    print(f"  mapped to PLOVER: {dict(gsr_types.most_common())}")
    print(
        f"  {sum(r.reciprocal for r in gsr)} reciprocal (SRC/TAR), "
        f"{sum(not r.targets for r in gsr)} without a gold target; "
        f"format notes: {dict(sorted(gsr_stats.items()))}"
    )
    status = Counter(s.status for s in petr)
    kinds = Counter(k.kind for s in petr for k in s.codings)
    petr_types = Counter(t for s in petr if s.status == "events" for t in s.types)
    print(
        f"PETRARCH2: {len(petr)} sentences: {status['events']} with events, {status['none']} "
        f"expecting no event, {status['unmapped']} with non-CAMEO codes and {status['error']} "
        f"error/discard tests (both left out)"
    )
    print(f"  codings by kind: {dict(kinds)}; scored types: {dict(petr_types.most_common())}")
    print(
        f"  format notes: {dict(sorted(petr_stats.items()))}; dictionaries: "
        f"{len(book.actors)} actor names, {len(book.agents)} agent names "
        f"{dict(book.stats) or ''}"
    )

    scored_petr = [s for s in petr if s.status in ("events", "none")]
    results: dict[str, Any] = {
        "data_dir": str(args.data_dir),
        "gsr": {"records": len(gsr), "types": dict(gsr_types), "notes": dict(gsr_stats)},
        "petrarch": {
            "sentences": len(petr),
            "scored_sentences": len(scored_petr),
            "status": dict(status),
            "coding_kinds": dict(kinds),
            "types": dict(petr_types),
            "notes": dict(petr_stats),
        },
        "published": None,
        "systems": {},
    }
    gsr_rows: dict[str, dict[str, Any]] = {}
    petr_rows: dict[str, dict[str, Any]] = {}
    for system in systems:
        if system == "majority":
            coders: dict[str, Coder] = {
                "gsr": majority(gsr_types.most_common(1)[0][0] if gsr else "AGREE"),
                "petrarch": majority(petr_types.most_common(1)[0][0] if petr_types else "AGREE"),
            }
        elif system == "lexicon":
            coders = {"gsr": lexicon, "petrarch": lexicon}
        else:
            fn, why = make_newsprism()
            if fn is None:
                print(
                    f"\nnewsprism: coder not available (newsprism.extract.events.code_texts; "
                    f"{why}) -- row skipped"
                )
                continue
            coders = {"gsr": fn, "petrarch": fn}
        preds, seconds = run_system(coders["gsr"], [r.text for r in gsr])
        g = score_gsr(gsr, preds)
        g.update(seconds=seconds, docs_per_s=len(gsr) / seconds if seconds else float("inf"))
        preds, seconds = run_system(coders["petrarch"], [s.text for s in scored_petr])
        p = score_petrarch(scored_petr, preds, book)
        p.update(
            seconds=seconds, docs_per_s=len(scored_petr) / seconds if seconds else float("inf")
        )
        gsr_rows[system], petr_rows[system] = g, p
        results["systems"][system] = {"gsr": g, "petrarch": p}
        if system == "majority":
            results["systems"][system]["labels"] = {
                "gsr": gsr_types.most_common(1)[0][0] if gsr else None,
                "petrarch": petr_types.most_common(1)[0][0] if petr_types else None,
            }

    print_gsr_table(gsr_rows)
    print_petrarch_table(petr_rows)
    for name, m in petr_rows.items():
        print(
            f"{name}: PETRARCH2 no-event sentences {m['no_event_sentences']} "
            f"(intent-only {m['intent_sentences']}: {_pct(m['intent_false_alarm'])} % given an "
            f"event), {m['no_event_predicted_events']} events predicted there, modes "
            f"{m['no_event_modes']}"
        )
    print(
        "\npublished: none -- the GSR is a reference set, not a leaderboard (its README says so);"
        "\nin the PETRARCH2 part the gold is PETRARCH2's own expected codings (its unit tests),"
        "\nmapped from CAMEO to PLOVER by root code, so it measures agreement with PETRARCH2."
    )
    for part in results["systems"].values():
        for m in (part["gsr"], part["petrarch"]):
            if m["docs_per_s"] == float("inf"):
                m["docs_per_s"] = None
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
