"""report.html from hand-made report dicts (invented text): citations, escaping, sections."""

from __future__ import annotations

import re
from html import escape
from typing import Any

from newsprism.render.page import render_html
from newsprism.render.page_parts import SCRIPT, date_key, format_date, format_span

HERALD = (
    "The Lantern Bay talks opened on Monday in Corvale. "
    "Delegates from Arnesia and Belmora agreed to free 12 fishermen. "
    "Arnesia demands the reopening of the northern channel. "
    "Belmora will not accept foreign patrols in its waters."
)
COURIER = (
    "Officials said the fishermen would be freed within a week. "
    "The talks opened on Tuesday, according to Belmoran officials. "
    "Earlier rounds in 2019 broke down over fishing quotas. "
    "Belmora offered to share radar data with Arnesia."
)
HOSTILE = (
    "A quoted line <script>alert(1)</script> sits in this article. "
    "It also closes a block early: </script><script>alert(2)</script> and <b>shouts</b>."
)


def span(article_id: str, text: str, words: str) -> dict[str, Any]:
    start = text.index(words)
    return {"article_id": article_id, "start": start, "end": start + len(words)}


def article(aid: str, source: str, text: str, title: str | None = None) -> dict[str, Any]:
    return {
        "id": aid,
        "source": source,
        "url": f"https://{aid}.example/story",
        "title": title,
        "published": "2025-03-04",
        "published_inferred": False,
        "language": "en",
        "analysed": True,
        "skip_reason": None,
        "text": text,
        "duplicate_of": None,
    }


def sentence(text: str, citations: list[dict[str, Any]], frame: str = "", kind: str = "fact"):
    return {"text": frame + text, "citations": citations, "frame": frame, "kind": kind}


def story(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "st1",
        "title": "Lantern Bay talks",
        "article_ids": ["h1", "c1"],
        "sources": ["Bay Courier", "Harbour Herald"],
        "independent_sources": ["Bay Courier", "Harbour Herald"],
        "size": 2,
        "published": {"first": "2025-03-03", "last": "2025-03-04"},
    }
    base.update(fields)
    return base


def report(*stories: dict[str, Any], extra: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    articles = [
        article("h1", "Harbour Herald", HERALD, "Talks open in Corvale"),
        article("c1", "Bay Courier", COURIER),
        *(extra or []),
    ]
    return {
        "schema": "newsprism.report/1",
        "articles": articles,
        "stories": list(stories),
        "run": {"skipped": []},
    }


def section(html: str, key: str, prefix: str = "s1") -> str:
    match = re.search(rf"<section id='{prefix}-{key}'.*?</section>", html, re.S)
    assert match, f"no {key} section"
    return match.group(0)


def full_story() -> dict[str, Any]:
    opened_mon = span("h1", HERALD, "The Lantern Bay talks opened on Monday in Corvale")
    opened_tue = span("c1", COURIER, "The talks opened on Tuesday")
    freed = span("h1", HERALD, "agreed to free 12 fishermen")
    week = span("c1", COURIER, "the fishermen would be freed within a week")
    earlier = span("c1", COURIER, "Earlier rounds in 2019 broke down over fishing quotas")
    demand = span("h1", HERALD, "the reopening of the northern channel")
    refuse = span("h1", HERALD, "will not accept foreign patrols in its waters")
    offer = span("c1", COURIER, "to share radar data with Arnesia")
    return story(
        brief={
            "sections": [
                {
                    "key": "context",
                    "title": "Introduction & Context",
                    "sentences": [
                        sentence("The Lantern Bay talks opened on Monday in Corvale", [opened_mon]),
                        sentence("agreed to free 12 fishermen", [freed, week]),
                    ],
                    "note": None,
                },
                {
                    "key": "background",
                    "title": "Background & History",
                    "sentences": [],
                    "note": "No outlet gives any history of the dispute.",
                },
                {
                    "key": "stakeholders",
                    "title": "Key Stakeholders & Perspectives",
                    "sentences": [
                        sentence("the reopening of the northern channel", [demand], "Arnesia: "),
                        sentence("Earlier rounds in 2019 broke down", [earlier], "Arnesia: "),
                    ],
                    "note": None,
                },
            ],
            "generator": "extractive",
            "check": {"sentences": 4, "passed": 4, "problems": []},
        },
        timeline=[
            {
                "id": "t2",
                "date": "2025-03-03",
                "granularity": "day",
                "text": "The Lantern Bay talks opened on Monday in Corvale",
                "sources": ["h1"],
                "outlets": ["Harbour Herald"],
                "evidence": [opened_mon],
                "background": False,
                "conflicts": [
                    {
                        "date": "2025-03-04",
                        "granularity": "day",
                        "sources": ["c1"],
                        "evidence": [opened_tue],
                    }
                ],
            },
            {
                "id": "t1",
                "date": "2019",
                "granularity": "year",
                "text": "Earlier rounds in 2019 broke down over fishing quotas",
                "sources": ["c1"],
                "outlets": ["Bay Courier"],
                "evidence": [earlier],
                "background": True,
                "conflicts": [],
            },
        ],
        positions=[
            {
                "id": "p1",
                "actor": "e1",
                "actor_name": "Arnesia",
                "kind": "demand",
                "stance": "the reopening of the northern channel",
                "evidence": [demand],
                "stance_spans": [demand],
                "sources": ["h1"],
            },
            {
                "id": "p2",
                "actor": "e2",
                "actor_name": "Belmora",
                "kind": "rejects",
                "stance": "foreign patrols in its waters",
                "evidence": [refuse],
                "stance_spans": [refuse],
                "sources": ["h1"],
            },
            {
                "id": "p3",
                "actor": "e2",
                "actor_name": "Belmora",
                "kind": "offer",
                "stance": "to share radar data with Arnesia",
                "evidence": [offer],
                "stance_spans": [offer],
                "sources": ["c1"],
            },
        ],
        matrix=[
            {
                "actor": "e1",
                "actor_name": "Arnesia",
                "demands": ["p1"],
                "offers": [],
                "red_lines": [],
            },
            {
                "actor": "e2",
                "actor_name": "Belmora",
                "demands": [],
                "offers": ["p3"],
                "red_lines": ["p2"],
            },
        ],
        claims=[
            {
                "id": "k1",
                "text": "agreed to free 12 fishermen",
                "kind": "fact",
                "status": "corroborated",
                "sources": ["h1", "c1"],
                "voices": 2,
                "evidence": [freed, week],
                "conflicts": [],
            },
            {
                "id": "k2",
                "text": "The Lantern Bay talks opened on Monday in Corvale",
                "kind": "fact",
                "status": "contradicted",
                "sources": ["h1"],
                "voices": 1,
                "evidence": [opened_mon],
                "conflicts": [
                    {
                        "claim": "k3",
                        "slot": "date",
                        "value": "2025-03-03",
                        "other_value": "2025-03-04",
                    }
                ],
            },
            {
                "id": "k3",
                "text": "The talks opened on Tuesday",
                "kind": "fact",
                "status": "contradicted",
                "sources": ["c1"],
                "voices": 1,
                "evidence": [opened_tue],
                "conflicts": [
                    {
                        "claim": "k2",
                        "slot": "date",
                        "value": "2025-03-04",
                        "other_value": "2025-03-03",
                    }
                ],
            },
            {
                "id": "k4",
                "text": "Belmora offered to share radar data with Arnesia",
                "kind": "fact",
                "status": "single_source",
                "sources": ["c1"],
                "voices": 1,
                "evidence": [
                    span("c1", COURIER, "Belmora offered to share radar data with Arnesia")
                ],
                "conflicts": [],
            },
        ],
        disagreements=[
            {
                "slot": "date",
                "sides": [
                    {
                        "claim": "k2",
                        "text": "The Lantern Bay talks opened on Monday in Corvale",
                        "value": "2025-03-03",
                        "sources": ["h1"],
                        "outlets": ["Harbour Herald"],
                        "evidence": [opened_mon],
                    },
                    {
                        "claim": "k3",
                        "text": "The talks opened on Tuesday",
                        "value": "2025-03-04",
                        "sources": ["c1"],
                        "outlets": ["Bay Courier"],
                        "evidence": [opened_tue],
                    },
                ],
            },
        ],
        questions=["When did the talks open?", "How many ships sank?"],
        answers=[
            {
                "question": "When did the talks open?",
                "refused": False,
                "value": "2025-03-03",
                "value_kind": "date",
                "disagreement": True,
                "sentences": [
                    sentence("The Lantern Bay talks opened on Monday in Corvale", [opened_mon]),
                    sentence("The talks opened on Tuesday", [opened_tue], "Bay Courier: "),
                ],
                "follow_ups": ["How many ships sank?"],
                "story_id": "st1",
            },
            {
                "question": "How many ships sank?",
                "refused": True,
                "value": None,
                "value_kind": "number",
                "disagreement": False,
                "sentences": [sentence("agreed to free 12 fishermen", [freed])],
                "follow_ups": [],
                "story_id": "st1",
            },
        ],
        framing=[
            {
                "source": "Harbour Herald",
                "actor": "e1",
                "actor_name": "Arnesia",
                "sentences": 3,
                "tone": 0.4,
                "quotes": 1,
                "voice": 0.5,
                "hedging": 0.0,
                "loaded": 0.0,
                "evidence": [],
            },
            {
                "source": "Bay Courier",
                "actor": "e1",
                "actor_name": "Arnesia",
                "sentences": 1,
                "tone": -0.6,
                "quotes": 0,
                "voice": 0.0,
                "hedging": 0.0,
                "loaded": 0.0,
                "evidence": [],
            },
        ],
        coverage=[
            {
                "source": "Harbour Herald",
                "articles": ["h1"],
                "claims": 2,
                "exclusive": ["k2"],
                "omitted": [],
            },
        ],
        quotes=[
            {
                "id": "q1",
                "speaker_name": "Officials",
                "speaker_text": "Officials",
                "cue": "said",
                "text": "the fishermen would be freed within a week",
                "direct": False,
                "content": [week],
                "evidence": [week],
            },
        ],
    )


def test_every_brief_citation_has_a_marker_and_its_passage() -> None:
    data = report(full_story())
    html = render_html(data)
    brief = section(html, "brief")
    texts = {a["id"]: a["text"] for a in data["articles"]}
    cited = [
        c
        for s in data["stories"][0]["brief"]["sections"]
        for sent in s["sentences"]
        for c in sent["citations"]
    ]
    assert cited
    for c in cited:
        passage = texts[c["article_id"]][c["start"] : c["end"]]
        # the footnote holding this passage, and a marker pointing at it
        found = [
            m
            for m in re.finditer(r"<li id='(s1-brief-n\d+)' value=\d+>(.*?)</li>", brief, re.S)
            if f"<mark>{escape(passage)}</mark>" in m.group(2)
        ]
        assert len(found) == 1, passage
        assert f"href='#{found[0].group(1)}'" in brief
    # the footnotes are open for a reader without JavaScript (the script folds them)
    assert "<details class=notes-box open data-fold>" in brief
    # the outlet and title of the cited article are in the footnote
    assert "Talks open in Corvale" in brief
    # the same passage keeps its number in another section
    first = re.search(r"href='#s1-brief-n(\d+)'", brief)
    assert first and f"href='#s1-claims-n{first.group(1)}'" in section(html, "claims")


def test_markup_from_articles_is_shown_as_text() -> None:
    hostile = article(
        "x1", "Evil <b>Outlet</b>' onmouseover='alert(3)", HOSTILE, "<b>Bold title</b>"
    )
    hostile["url"] = "javascript:alert(4)"
    s = story(
        article_ids=["h1", "x1"],
        sources=["Harbour Herald", hostile["source"]],
        title="Story <i>title</i>",
        claims=[
            {
                "id": "k1",
                "text": "and <b>shouts</b>",
                "kind": "fact",
                "status": "single_source",
                "sources": ["x1"],
                "voices": 1,
                "evidence": [span("x1", HOSTILE, "<script>alert(1)</script>")],
                "conflicts": [],
            },
        ],
        quotes=[
            {
                "id": "q1",
                "speaker_name": "<b>Speaker</b>",
                "cue": "said",
                "text": "<b>loud</b>",
                "direct": True,
                "content": [span("x1", HOSTILE, "</script><script>alert(2)</script>")],
            },
        ],
    )
    html = render_html(report(s, extra=[hostile]))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for raw in (
        "<b>Bold title</b>",
        "<b>shouts</b>",
        "<b>Speaker</b>",
        "<b>loud</b>",
        "<b>Outlet</b>",
        "<i>title</i>",
        "onmouseover='alert",
    ):
        assert raw not in html, raw
    assert "&lt;b&gt;Bold title&lt;/b&gt;" in html
    assert "Evil &lt;b&gt;Outlet&lt;/b&gt;&#x27; onmouseover=&#x27;alert(3)" in html
    assert "javascript:" not in html


def test_article_text_cannot_break_out_of_the_page_script() -> None:
    hostile = article("x1", "Wire", HOSTILE)
    html = render_html(report(story(article_ids=["x1"], sources=["Wire"]), extra=[hostile]))
    # one script element, the page's own, and nothing from the report inside it
    assert html.count("<script") == 1
    assert html.count("</script") == 1
    assert f"<script>{SCRIPT}</script>" in html
    assert "&lt;/script&gt;&lt;script&gt;alert(2)" in html


def test_nothing_is_loaded_from_elsewhere() -> None:
    html = render_html(report(full_story()))
    assert "<link" not in html and " src=" not in html and "@import" not in html
    assert "url(" not in html
    hrefs = re.findall(r"href='([^']*)'", html)
    assert hrefs
    # in-page anchors, and the articles' own pages as plain links a reader may follow
    assert all(h.startswith("#") or h.startswith("https://") for h in hrefs)


def test_timeline_in_date_order_with_conflicts_and_background() -> None:
    html = render_html(report(full_story()))
    tl = section(html, "timeline")
    early = tl.index("Earlier rounds in 2019 broke down over fishing quotas")
    later = tl.index("The Lantern Bay talks opened on Monday in Corvale")
    assert early < later  # given in the wrong order, drawn in date order
    assert "<li class='tl-item bg'>" in tl
    assert tl.index("Background") < early < tl.index("The story's days") < later
    conflict = re.search(r"<p class=conflict>.*?</p>", tl, re.S)
    assert conflict
    assert "4 March 2025" in conflict.group(0)
    assert "Bay Courier" in conflict.group(0)
    assert ">3 Mar 2025<" in tl


def test_background_between_story_days_is_tagged_not_divided() -> None:
    data = full_story()
    late = dict(data["timeline"][1], id="t3", date="2025-04", background=True)
    data["timeline"].append(late)
    tl = section(render_html(report(data)), "timeline")
    assert "tl-sep" not in tl
    assert tl.count("<span class=tag>background</span>") == 2


def test_disputed_sentences_stand_apart() -> None:
    data = full_story()
    monday = data["brief"]["sections"][0]["sentences"][0]
    tuesday = sentence(
        "The talks opened on Tuesday",
        [span("c1", COURIER, "The talks opened on Tuesday")],
        "By contrast, Bay Courier reports: ",
        "disagreement",
    )
    data["brief"]["sections"][0]["sentences"] = [dict(monday, kind="disagreement"), tuesday]
    brief = section(render_html(report(data)), "brief")
    box = re.search(r"<div class='prose dispute'>(.*?)</div>", brief, re.S)
    assert box
    assert box.group(1).count("<p><span class='s k-disagreement'>") == 2
    assert "By contrast, Bay Courier reports: " in box.group(1)


def test_matrix_has_one_row_per_actor_with_columns() -> None:
    html = render_html(report(full_story()))
    matrix = section(html, "positions")
    rows = re.findall(r"<tr><th scope=row>(.*?)</th>(.*?)</tr>", matrix, re.S)
    assert [name for name, _ in rows] == ["Arnesia", "Belmora"]
    belmora = rows[1][1]
    cells = re.findall(r"<td data-label='([^']+)'[^>]*>(.*?)</td>", belmora, re.S)
    by_column = dict(cells)
    assert "to share radar data with Arnesia" in by_column["Offers"]
    assert "foreign patrols in its waters" in by_column["Red lines"]
    assert "—" in by_column["Demands"]
    assert "Harbour Herald" in by_column["Red lines"] and "href='#s1-positions-n" in belmora


def test_claims_table_has_status_classes_and_conflicts() -> None:
    html = render_html(report(full_story()))
    claims = section(html, "claims")
    for status in ("corroborated", "contradicted", "single_source"):
        assert f"class='row-{status}'" in claims
        assert f"st st-{status}" in claims
    # contradicted first, single-source claims folded away
    assert claims.index("row-contradicted") < claims.index("row-corroborated")
    assert "1 single-source claims</summary>" in claims
    assert "<strong>3 March 2025</strong> here, <strong>4 March 2025</strong>" in claims


def test_disagreements_show_both_sides() -> None:
    html = render_html(report(full_story()))
    dis = section(html, "disagreements")
    assert "the date" in dis
    sides = re.findall(r"<div class=side>(.*?)</div>", dis, re.S)
    assert len(sides) == 2
    assert "3 March 2025" in sides[0] and "Harbour Herald" in sides[0]
    assert "4 March 2025" in sides[1] and "Bay Courier" in sides[1]


def test_questions_fold_their_answers() -> None:
    html = render_html(report(full_story()))
    qa = section(html, "questions")
    answers = re.findall(r"<details class=qa id='(s1-q\d)'><summary>(.*?)</summary>", qa)
    assert [q for _, q in answers] == ["When did the talks open?", "How many ships sank?"]
    assert "Answer: <strong>3 March 2025</strong>" in qa
    assert "The outlets answer differently" in qa
    assert "The sources don't say." in qa
    assert "<a href='#s1-q2'>How many ships sank?</a>" in qa  # follow-up links to its answer
    assert "id='s1-q1-n" in qa  # each answer lists its own sources


def test_empty_section_shows_its_note_and_shared_lead_in_shows_once() -> None:
    html = render_html(report(full_story()))
    brief = section(html, "brief")
    assert "No outlet gives any history of the dispute." in brief
    assert brief.count("<span class=frame>Arnesia: </span>") == 1


def test_framing_charts_and_coverage() -> None:
    html = render_html(report(full_story()))
    framing = section(html, "framing")
    assert "<figcaption>Arnesia</figcaption>" in framing
    assert 'aria-label="tone +0.40"' in framing and 'aria-label="tone −0.60"' in framing
    assert '<rect class="neg"' in framing and '<rect class="pos"' in framing
    assert "Coverage" in framing


def test_report_without_stories_renders() -> None:
    html = render_html({"articles": [], "stories": [], "run": {"skipped": []}})
    assert "No stories" in html and html.rstrip().endswith("</html>")


def test_story_with_nothing_extracted_shows_notes() -> None:
    bare = {"id": "st9", "title": None, "article_ids": ["h1"]}
    html = render_html(report(bare))
    assert "Untitled story" in html
    assert "No brief was composed" in html
    assert "No dated events were found" in html
    assert "No stakeholder positions were found" in html
    assert "No claims were extracted" in html
    assert "No questions were suggested" in html
    assert "Talks open in Corvale" in html  # the article is still listed


def test_several_stories_each_get_their_own_ids() -> None:
    one = full_story()
    two = story(id="st2", title="Second story", article_ids=["c1"], sources=["Bay Courier"])
    html = render_html(report(one, two))
    assert "<h1>2 stories</h1>" in html
    assert "id='s1-timeline'" in html and "id='s2-timeline'" in html
    ids = re.findall(r"id='([^']+)'", html)
    assert len(ids) == len(set(ids))


def test_citation_outside_its_article_is_marked_not_dropped() -> None:
    bad = {"article_id": "h1", "start": 5, "end": len(HERALD) + 50}
    s = story(
        brief={
            "sections": [
                {"key": "context", "title": "Context", "sentences": [sentence("Some words", [bad])]}
            ]
        }
    )
    html = render_html(report(s))
    assert "cite broken" in html


def test_dates_read_as_people_write_them() -> None:
    assert format_date("2025-05-15") == "15 May 2025"
    assert format_date("2025-05-15", short=True) == "15 May 2025"
    assert format_date("2025-09-11", short=True) == "11 Sep 2025"
    assert format_date("2022-03") == "March 2022"
    assert format_date("2022-SP") == "spring 2022"
    assert format_date("2025-W20") == "week 20, 2025"
    assert format_date("2025-09-10TNI") == "10 September 2025, night"
    assert format_date("2023-05/2023-11") == "May 2023 – November 2023"
    assert format_date("PAST_REF") == "PAST_REF"
    assert format_span("2025-09-11", "2025-09-13") == "11–13 September 2025"
    assert format_span("2025-04-30", "2025-05-02") == "30 April – 2 May 2025"
    values = ["2025-03-04", "2025", "2025-03", "2019-SU", "2025-03-04TMO", "2019-01"]
    assert sorted(values, key=date_key) == [
        "2019-01",
        "2019-SU",
        "2025",
        "2025-03",
        "2025-03-04",
        "2025-03-04TMO",
    ]
