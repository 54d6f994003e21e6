"""Story-level entity resolution: the mentions of all of a story's articles -> canonical actors.

The rules, in the order they run (each one a merge the story gives evidence for):
1. Gazetteer forms resolve to their entry: names and aliases ("U.S.", "America"), demonyms
   ("Russian side"), capitals and seats used as actors ("Moscow will accept", "the Kremlin").
   A capital or seat the context marks as a place ("talks in Moscow") is a place entity of its
   own. A form with two readings (Brussels: Belgium's capital, the EU's seat) takes the one the
   rest of the story mentions more.
2. People: full names group by spelling-folded given name and surname (diacritics, "-iy"/"-yy"
   endings and doubled letters folded, so Zelenskiy = Zelenskyy = Zelensky, Erdoğan =
   Erdogan). A lone surname joins the one full name in its article that has it, else the one
   in the story; with two candidates it stays apart — never merged on a guess. A name spaCy
   labels ORG or GPE ("Trump") is a person when the story names that person elsewhere.
3. Title descriptions ("the Russian president", "the Russian leader") join the one person the
   story names with that title; otherwise they are left out.
4. Other names group by folded form; "Republic of X" = "X"; an all-capitals acronym joins the
   name whose initials it spells; a demonym the gazetteer lacks joins the state it is formed
   from ("Valdorian" -> Valdoria); a city the story calls "the X capital" stands for that
   state where it acts.
5. Each entity's kind comes from the gazetteer, else from the labels of all its mentions in
   the story (a tie between ORG and a place label goes to the place: ORG is the model's
   usual mistake); its name is the gazetteer name, the most-used full name of a person, or
   its most frequent form.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsprism.annotate.mentions import place_cue
from newsprism.gazetteer import Gazetteer, fold, is_demonym_of, name_key, short_state_name
from newsprism.model import Annotation, Article, Entity, Mention, Span, content_id

HEAD_TITLES = frozenset(
    {"president", "prime minister", "chancellor", "king", "queen", "supreme leader", "leader"}
)
LABEL_KIND = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "other",
    "LAW": "other",
    "STATE": "state",
    "ORGANISATION": "organisation",
    "GROUP": "group",
    "PLACE": "place",
}
_CAPITAL_OF = re.compile(
    r"(?P<city>[A-Z][\w-]+(?: [A-Z][\w-]+)?), (?:the )?(?P<owner>[A-Z][\w-]+) capital\b"
    r"|\bthe (?P<owner2>[A-Z][\w-]+) capital,? (?P<city2>[A-Z][\w-]+(?: [A-Z][\w-]+)?)"
    r"|(?P<city3>[A-Z][\w-]+(?: [A-Z][\w-]+)?), (?:the )?capital of "
    r"(?P<owner3>[A-Z][\w-]+(?:-[A-Z][\w-]+)?)"
)


@dataclass
class _Cluster:
    key: str
    kind: str = ""
    gazetteer: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    full_names: Counter[str] = field(default_factory=Counter)


def resolve_entities(
    annotations: Sequence[Annotation], articles: Sequence[Article], gazetteer: Gazetteer
) -> tuple[Entity, ...]:
    """The story's entities, most mentioned first, from the mentions of all its articles.

    The steps are the numbered rules of the module docstring; each adds mentions to clusters
    (keyed by what they resolve to), in an order later steps rely on.
    """
    texts = {a.id: a.text for a in articles}
    every = [m for ann in annotations for m in ann.mentions]
    surnames = {
        name_key(m.text).split()[-1] for m in every if m.label == "PERSON" and name_key(m.text)
    }
    mentions = _split_compounds(every, surnames)
    clusters: dict[str, _Cluster] = {}

    def put(key: str, mention: Mention, kind: str = "", gaz: str | None = None) -> None:
        cluster = clusters.setdefault(key, _Cluster(key=key, kind=kind, gazetteer=gaz))
        cluster.mentions.append(mention)

    # 1. Gazetteer readings.
    rest = _put_gazetteer_mentions(mentions, gazetteer, put)
    # 2. People.
    capitals = _capital_phrases(texts, gazetteer)
    leftovers, place_keys = _put_people(rest, capitals, clusters, put)
    # 3. Title descriptions join the one person holding that title.
    _put_title_holders(annotations, gazetteer, clusters, put)

    # 4. Everything else by folded form, then acronyms, state forms, demonyms, capitals.
    for m in leftovers:
        if m.label == "PERSON" and name_key(m.text) not in place_keys:
            continue
        key = name_key(short_state_name(m.text))
        put(f"name:{key}", m, "", None)
    _merge_acronyms(clusters)
    _link_demonyms(clusters)
    _link_capitals(clusters, capitals, gazetteer)

    _propagate(clusters, texts)

    # 5. Kinds, names, ids.
    return _entities_of(clusters, gazetteer)


def _put_gazetteer_mentions(
    mentions: Sequence[Mention], gazetteer: Gazetteer, put: Put
) -> list[Mention]:
    """Places the mentions the gazetteer knows; returns the others, in their order.

    A form with one reading goes to it at once; a form with several waits until all the
    unambiguous ones are counted, and takes the reading the story mentions most.
    """
    evidence: Counter[str] = Counter()
    pending: list[Mention] = []
    rest: list[Mention] = []
    for m in mentions:
        readings = gazetteer.lookup(m.gazetteer) if m.gazetteer else ()
        if not readings:
            rest.append(m)
        elif len({name for name, _ in readings}) == 1:
            _place_gazetteer(m, readings[0], gazetteer, put)
            evidence[readings[0][0]] += 1
        else:
            pending.append(m)
    for m in pending:
        readings = gazetteer.lookup(m.gazetteer or "")
        best = max(readings, key=lambda r: (evidence[r[0]], r[1] == "SEAT", r[1] == "NAME"))
        _place_gazetteer(m, best, gazetteer, put)
    return rest


def _put_people(
    rest: Sequence[Mention], capitals: dict[str, str], clusters: dict[str, _Cluster], put: Put
) -> tuple[list[Mention], set[str]]:
    """Places the people among `rest`; returns the mentions left over and the name keys the
    story uses as places (a name the story also tags as a place is not a person on one PERSON
    tag alone)."""
    full_surnames = {
        name_key(m.text).split()[-1]
        for m in rest
        if m.label == "PERSON" and " " in name_key(m.text)
    }
    place_keys = {name_key(m.text) for m in rest if m.label in ("GPE", "LOC", "FAC")} | set(
        capitals
    )
    place_keys |= {
        name_key(m.text)
        for m in rest
        if m.cue == "place"
        and " " not in name_key(m.text)
        and name_key(m.text) not in full_surnames
    }
    person_keys = {name_key(m.text) for m in rest if m.label == "PERSON"} - place_keys
    single_person = {k for k in person_keys if " " not in k}
    full: dict[str, str] = {}  # name key -> person cluster key
    surname_people: dict[str, set[str]] = defaultdict(set)
    article_surnames: dict[tuple[str, str], set[str]] = defaultdict(set)
    people: list[Mention] = []
    others: list[Mention] = []
    for m in rest:
        key = name_key(m.text)
        if m.label in ("ROLE",):
            continue
        words = key.split()
        looks_named = (
            m.label in ("ORG", "GPE", "NORP")
            and 2 <= len(words) <= 3
            and words[-1] in single_person
            and all(w[:1].isupper() for w in m.text.split())
        )
        if len(words) >= 2 and (m.label == "PERSON" or key in person_keys or looks_named):
            person = f"person:{words[0]} {words[-1]}"
            full[key] = person
            surname_people[words[-1]].add(person)
            article_surnames[(m.span.article_id, words[-1])].add(person)
            people.append(m)
        else:
            others.append(m)
    leftovers: list[Mention] = []
    for m in others:
        key = name_key(m.text)
        local = article_surnames.get((m.span.article_id, key), set())
        story = surname_people.get(key, set())
        target = (
            next(iter(local)) if len(local) == 1 else next(iter(story)) if len(story) == 1 else None
        )
        if target and " " not in key:
            put(target, m, "person", None)
        elif m.label == "PERSON" and " " not in key and key not in place_keys:
            put(f"person:{key}", m, "person", None)
        else:
            leftovers.append(m)
    for m in people:
        cluster_key = full[name_key(m.text)]
        put(cluster_key, m, "person", None)
        clusters[cluster_key].full_names[m.text] += 1
    return leftovers, place_keys


def _put_title_holders(
    annotations: Sequence[Annotation],
    gazetteer: Gazetteer,
    clusters: dict[str, _Cluster],
    put: Put,
) -> None:
    """Places each title description ("the Russian president") with the one person the story
    names with that title; a title two people (or nobody) hold is left out."""
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, cluster in clusters.items():
        for m in cluster.mentions:
            if cluster.kind == "person" and m.role:
                owner = _owner_entity(m.role[0], gazetteer, clusters)
                if owner:
                    holders[(owner, m.role[1])].add(key)
    for ann in annotations:
        for m in ann.mentions:
            if m.label != "ROLE" or not m.role:
                continue
            owner = _owner_entity(m.role[0], gazetteer, clusters)
            if not owner:
                continue
            titles = HEAD_TITLES if m.role[1] == "leader" else {m.role[1]}
            found = set().union(*(holders.get((owner, t), set()) for t in titles))
            if len(found) == 1:
                put(found.pop(), m, "person", None)


def _entities_of(clusters: dict[str, _Cluster], gazetteer: Gazetteer) -> tuple[Entity, ...]:
    """One entity per cluster with its kind, name and content-hash id, most mentioned first;
    an unlinked adjective ("Brownian diplomacy") is dropped."""
    entities: list[Entity] = []
    used_ids: set[str] = set()
    for cluster in clusters.values():
        kind = cluster.kind or _kind_from_labels(cluster)
        if kind == "person" and not cluster.full_names:
            cues = Counter(m.cue for m in cluster.mentions)
            if cues["place"] > len(cluster.mentions) / 2:
                kind = "place"
        if kind == "group" and cluster.gazetteer is None and not _plural_group(cluster):
            continue  # an unlinked adjective ("Brownian diplomacy") is no actor
        name = _canonical_name(cluster, gazetteer)
        entity_id = content_id("entity", kind, fold(name))
        while entity_id in used_ids:
            entity_id = content_id("entity", entity_id)
        used_ids.add(entity_id)
        spans = sorted({m.span for m in cluster.mentions}, key=lambda s: (s.article_id, s.start))
        surfaces = Counter(m.text for m in cluster.mentions)
        aliases = tuple(s for s, _ in surfaces.most_common() if s != name)
        entities.append(
            Entity(id=entity_id, name=name, kind=kind, aliases=aliases, mentions=tuple(spans))  # type: ignore[arg-type]
        )
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    return tuple(entities)


_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][^\W\d_]{3,}(?![\w-])")


def _propagate(clusters: dict[str, _Cluster], texts: dict[str, str]) -> None:
    """A name the story knows is the same name where the model missed it: occurrences of a
    capitalised form of a person, organisation or non-capital place that no mention covers
    join its entity. Forms of two entities, gazetteer forms (already matched everywhere) and
    capitals (which need their context) are left alone."""
    owners: dict[str, set[str]] = defaultdict(set)
    for key, cluster in clusters.items():
        if not key.startswith(("person:", "name:")):
            continue
        for m in cluster.mentions:
            if (
                m.label != "ROLE"
                and len(m.text) >= 3
                and all(w[:1].isupper() for w in m.text.split())
            ):
                owners[m.text].add(key)
    # A surname in another spelling ("Zelenskiy" where the story has "Zelensky") is found by
    # its folded key; only surnames of one person, and of five letters or more, are looked for.
    surname_owners: dict[str, set[str]] = defaultdict(set)
    for key, cluster in clusters.items():
        if key.startswith("person:"):
            for m in cluster.mentions:
                if m.label != "ROLE":
                    surname_owners[name_key(m.text).split()[-1]].add(key)
    for word in {w for text in texts.values() for w in _CAPITALISED.findall(text)}:
        owner = surname_owners.get(name_key(word), set())
        if len(owner) == 1 and len(word) >= 5 and word not in owners:
            owners[word] = set(owner)
    forms = sorted((f for f, keys in owners.items() if len(keys) == 1), key=len, reverse=True)
    if not forms:
        return
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")
    # Characters some mention covers, per article: one array lookup per match, where a scan
    # of every mention per match took minutes on an article that repeats a name thousands
    # of times.
    taken = {article_id: np.zeros(len(text), dtype=bool) for article_id, text in texts.items()}
    for cluster in clusters.values():
        for m in cluster.mentions:
            if m.span.article_id in taken:
                taken[m.span.article_id][m.span.start : m.span.end] = True
    for article_id, text in texts.items():
        covered = taken[article_id]
        for match in pattern.finditer(text):
            start, end = match.span()
            if covered[start:end].any():
                continue
            key = next(iter(owners[match.group()]))
            clusters[key].mentions.append(
                Mention(
                    span=Span(article_id=article_id, start=start, end=end),
                    text=match.group(),
                    label="NAME",
                    cue=place_cue(text, start, end),
                )
            )
            covered[start:end] = True


def _split_compounds(mentions: Sequence[Mention], surnames: set[str]) -> list[Mention]:
    """'Trump-Putin meeting': one hyphenated span, two people the story names."""
    out = []
    for m in mentions:
        parts = m.text.split("-")
        if (
            m.label in ("PERSON", "ORG")
            and len(parts) == 2
            and all(name_key(p) in surnames and name_key(p) != name_key(m.text) for p in parts)
        ):
            first = Span(
                article_id=m.span.article_id, start=m.span.start, end=m.span.start + len(parts[0])
            )
            second = Span(article_id=m.span.article_id, start=first.end + 1, end=m.span.end)
            out.append(Mention(span=first, text=parts[0], label="PERSON"))
            out.append(Mention(span=second, text=parts[1], label="PERSON"))
        else:
            out.append(m)
    return out


Put = Callable[[str, Mention, str, "str | None"], None]


def _place_gazetteer(m: Mention, reading: tuple[str, str], gazetteer: Gazetteer, put: Put) -> None:
    name, form_type = reading
    entry = gazetteer.entries[name]
    if form_type in ("CAPITAL", "SEAT") and m.cue == "place":
        place = entry.capital if form_type == "CAPITAL" and entry.capital else m.text
        put(f"place:{fold(place)}", m, "place", None)
        return
    put(f"gaz:{name}", m, entry.kind, name)


def _owner_entity(owner: str, gazetteer: Gazetteer, clusters: dict[str, _Cluster]) -> str | None:
    """The cluster key of the state (or organisation) a title belongs to: "Russian" -> Russia."""
    for name, form_type in gazetteer.lookup(owner):
        if form_type in ("NAME", "DEMONYM") and gazetteer.entries[name].kind in (
            "state",
            "organisation",
        ):
            return f"gaz:{name}"
    key = name_key(short_state_name(owner))
    for cluster_key, _cluster in clusters.items():
        if cluster_key.startswith("name:") and (
            cluster_key == f"name:{key}" or is_demonym_of(owner, cluster_key[5:])
        ):
            return cluster_key
    return None


def _merge_into(clusters: dict[str, _Cluster], source: str, target: str, kind: str = "") -> None:
    if source == target or source not in clusters or target not in clusters:
        return
    clusters[target].mentions += clusters.pop(source).mentions
    if kind:
        clusters[target].kind = kind


def _merge_acronyms(clusters: dict[str, _Cluster]) -> None:
    names = {k: c for k, c in clusters.items() if k.startswith("name:") and " " in k}
    for key in [k for k in clusters if k.startswith("name:")]:
        cluster = clusters.get(key)
        if cluster is None:
            continue
        surface = cluster.mentions[0].text.replace(".", "")
        if not (2 <= len(surface) <= 6 and surface.isupper()):
            continue
        matches = [
            k
            for k in names
            if "".join(w[0] for w in k[5:].split() if w not in ("of", "the", "and", "for"))
            == surface.lower()
        ]
        if len(matches) == 1:
            _merge_into(clusters, key, matches[0])


def _link_demonyms(clusters: dict[str, _Cluster]) -> None:
    places = [
        k
        for k, c in clusters.items()
        if k.startswith("name:") and any(m.label == "GPE" for m in c.mentions)
    ]
    for key in [k for k, c in clusters.items() if k.startswith("name:") and " " not in k]:
        if key not in clusters:
            continue
        surface = clusters[key].mentions[0].text
        targets = [
            p
            for p in places
            if p in clusters and p != key and is_demonym_of(surface, clusters[p].mentions[0].text)
        ]
        if len(targets) == 1:
            _merge_into(clusters, key, targets[0], "state")
    for key, cluster in clusters.items():
        if key.startswith("name:") and any(
            short_state_name(m.text) != m.text for m in cluster.mentions
        ):
            cluster.kind = cluster.kind or "state"


def _capital_phrases(texts: dict[str, str], gazetteer: Gazetteer) -> dict[str, str]:
    """City key -> the owner word of "Korvan, the Valdorian capital" and like phrases."""
    capitals: dict[str, str] = {}
    for text in texts.values():
        for match in _CAPITAL_OF.finditer(text):
            city = match.group("city") or match.group("city2") or match.group("city3")
            owner = match.group("owner") or match.group("owner2") or match.group("owner3")
            if not gazetteer.lookup(city):
                capitals[name_key(city)] = owner
    return capitals


def _link_capitals(
    clusters: dict[str, _Cluster], capitals: dict[str, str], gazetteer: Gazetteer
) -> None:
    """'Korvan, the Valdorian capital': Korvan acting stands for Valdoria."""
    for city, owner in capitals.items():
        state = _owner_entity(owner, gazetteer, clusters)
        if state is None:
            continue
        cluster = clusters.get(f"name:{city}")
        if cluster is None or state not in clusters:
            continue
        actors = [m for m in cluster.mentions if m.cue == "actor"]
        cluster.mentions = [m for m in cluster.mentions if m.cue != "actor"]
        clusters[state].mentions += actors
        if not clusters[state].kind:
            clusters[state].kind = "state"
        cluster.kind = "place"
        if not cluster.mentions:
            del clusters[f"name:{city}"]


_OTHER_HEADS = re.compile(
    r"\b(?:Deal|Agreement|Accord|Treaty|Pact|Plan|Initiative|Protocol|Convention|Summit|Talks|Act)$"
)


def _kind_from_labels(cluster: _Cluster) -> str:
    if any(_OTHER_HEADS.search(m.text) for m in cluster.mentions):
        return "other"
    votes = Counter(LABEL_KIND.get(m.label, "other") for m in cluster.mentions)
    if votes["organisation"] and votes["organisation"] == votes["place"]:
        return "place"
    return votes.most_common(1)[0][0]


def _plural_group(cluster: _Cluster) -> bool:
    return any(m.text.endswith("s") for m in cluster.mentions)


def _canonical_name(cluster: _Cluster, gazetteer: Gazetteer) -> str:
    if cluster.gazetteer:
        return cluster.gazetteer
    if cluster.key.startswith("place:"):
        names = Counter(m.text for m in cluster.mentions)
        return names.most_common(1)[0][0]
    if cluster.full_names:
        spellings = Counter(m.text.split()[-1] for m in cluster.mentions if m.label != "ROLE")
        best = max(
            cluster.full_names.items(),
            key=lambda kv: (spellings[kv[0].split()[-1]], kv[1], len(kv[0])),
        )
        return best[0]
    surfaces = Counter(m.text for m in cluster.mentions if m.label != "ROLE")
    if cluster.kind == "state":
        surfaces = Counter(m.text for m in cluster.mentions if m.label == "GPE") or surfaces
    if not surfaces:
        surfaces = Counter(m.text for m in cluster.mentions)
    return max(surfaces.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
