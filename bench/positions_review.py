"""Self-review sample of positions and quote speakers (issue 17): runs stories through the real
annotate and extract stages and prints each position (or quote) with its confidence and the
sentence it rests on, for a person to judge by the strict rules below; the last line is one
JSON object with the counts (all items, items at or above the floor).

Stories: BASIL triplets (`--basil DIR`, one story per triplet, the triplets shuffled with seed 7,
`--offset`/`--limit` choose a slice) or Timeline17 topics (`--timeline17 DIR --topics A,B`,
`--per-topic N` articles drawn with seed 11, consecutive groups of three by day as stories).
Nothing from the data is copied into the repository; judgements are recorded as counts in
bench/RESULTS.md.

Strict rules used for the judgement (a position is right only if all three hold): the actor
is the one who demands / offers / refuses / threatens / backs (not a name nearby, not the
place that names an office-holder, not a speaker reporting someone else's stance); the kind
matches what the actor wants others to do, proposes to give or refuses (a denial, an own plan,
a prediction, a worry or an opinion offered is wrong whatever the kind); the stance is a clause
a reader understands alone and that does not bundle another act. A quote is right when the
speaker is the person or body whose words the content is, and the content is words they said.

Usage: python bench/positions_review.py --basil ../shared/eval/basil --limit 30 [--quotes]
       python bench/positions_review.py --timeline17 ../shared/eval/timeline17 --topics MJ,bpoil
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsprism.confidence import FLOORS
from newsprism.model import Article, Story, content_id, normalise_for_hash, story_id
from newsprism.pipeline import annotate_story, extract_story_stage
from newsprism.settings import Settings
from newsprism.store import Store


def basil_stories(data_dir: Path, offset: int, limit: int) -> list[list[Article]]:
    from framing import read_triplets, to_article  # bench/framing.py

    triplets = read_triplets(data_dir, range(2010, 2016))
    keys = sorted(triplets)
    random.Random(7).shuffle(keys)
    return [[to_article(raw)[0] for raw, _ in triplets[k]] for k in keys[offset : offset + limit]]


def timeline17_stories(
    data_dir: Path, topics: Sequence[str], per_topic: int
) -> list[list[Article]]:
    from timeline import read_docs, sample_docs, topic_articles  # bench/timeline.py

    out = []
    for topic in topics:
        docs, _ = read_docs(data_dir, topic)
        docs = sorted(sample_docs(docs, per_topic, seed=11), key=lambda d: (d.day, d.path))
        articles = topic_articles(docs)
        out += [articles[i : i + 3] for i in range(0, len(articles) - 2, 3)]
    return out


def review(groups: Sequence[list[Article]], quotes: bool) -> dict[str, int]:
    settings = Settings()
    counts = {"stories": 0, "items": 0, "shown": 0}
    with Store(":memory:") as store:
        for group in groups:
            store.put_articles(
                [(a, content_id(normalise_for_hash(a.text)), b"", ()) for a in group]
            )
            story = Story(
                id=story_id(tuple(a.id for a in group)), article_ids=tuple(a.id for a in group)
            )
            full, story, anns = annotate_story(story, group, settings, store)
            story = extract_story_stage(story, full, anns, store)
            texts = {a.id: a.text for a in full}
            names = {e.id: e.name for e in story.entities}
            counts["stories"] += 1
            items = story.quotes if quotes else story.positions
            floor = FLOORS.quote_speaker if quotes else FLOORS.position
            for item in items:
                ev = item.evidence[0]
                sentence = " ".join(texts[ev.article_id][ev.start : ev.end].split())
                counts["items"] += 1
                counts["shown"] += item.confidence >= floor
                if quotes:
                    speaker = names.get(item.speaker or "", "-")
                    head = f"{item.speaker_text!r} -> {speaker} | {item.text[:160]}"
                else:
                    head = f"{names.get(item.actor, item.actor)} | {item.kind} | {item.stance}"
                mark = "shown" if item.confidence >= floor else "below"
                print(f"[{mark} {item.confidence:.2f}] {head}\n    >> {sentence[:400]}")
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--basil", type=Path)
    parser.add_argument("--timeline17", type=Path)
    parser.add_argument("--topics", default="LibyaWar,Finan,H1N1")
    parser.add_argument("--per-topic", type=int, default=18)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--limit", type=int, default=30)
    parser.add_argument("--quotes", action="store_true", help="review quote speakers instead")
    args = parser.parse_args(argv)
    if args.basil:
        groups = basil_stories(args.basil, args.offset, args.limit)
    elif args.timeline17:
        groups = timeline17_stories(args.timeline17, args.topics.split(","), args.per_topic)
    else:
        parser.error("give --basil DIR or --timeline17 DIR (the data folder)")
    counts = review(groups, args.quotes)
    print(json.dumps({"kind": "quotes" if args.quotes else "positions", **counts}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
