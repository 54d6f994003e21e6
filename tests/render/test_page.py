"""report.html from hand-made report records (invented text): citations, escaping, sections."""

from __future__ import annotations

import re
from dataclasses import replace
from html import escape

import handmade_report
from lantern_report import (
    COURIER,
    HERALD,
    article,
    claim,
    full_story,
    quote,
    report,
    section_of,
    sentence,
    span,
    story,
)
from newsprism.model import Span
from newsprism.render.page import render_html, story_html
from newsprism.render.page_parts import SCRIPT, StoryView, date_key, format_date, format_span
from newsprism.render.page_prose import timeline_html
from newsprism.report import SCHEMA, BriefReport, Report, RunSummary

HOSTILE = (
    "A quoted line <script>alert(1)</script> sits in this article. "
    "It also closes a block early: </script><script>alert(2)</script> and <b>shouts</b>."
)


def section(html: str, key: str, prefix: str = "s1") -> str:
    match = re.search(rf"<section id='{prefix}-{key}'.*?</section>", html, re.S)
    assert match, f"no {key} section"
    return match.group(0)


def test_every_brief_citation_has_a_marker_and_its_passage() -> None:
    data = report(full_story())
    html = render_html(data)
    brief = section(html, "brief")
    texts = {a.id: a.text for a in data.articles}
    cited = [
        c for s in data.stories[0].brief.sections for sent in s.sentences for c in sent.citations
    ]
    assert cited
    for c in cited:
        passage = texts[c.article_id][c.start : c.end]
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
    hostile = replace(hostile, url="javascript:alert(4)")
    s = story(
        article_ids=("h1", "x1"),
        sources=("Harbour Herald", hostile.source),
        title="Story <i>title</i>",
        claims=(
            claim(
                "k1",
                "and <b>shouts</b>",
                "single_source",
                [span("x1", HOSTILE, "<script>alert(1)</script>")],
            ),
        ),
        quotes=(
            quote(
                "<b>Speaker</b>",
                "said",
                "<b>loud</b>",
                True,
                span("x1", HOSTILE, "</script><script>alert(2)</script>"),
            ),
        ),
    )
    html = render_html(report(s, extra=(hostile,)))
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
    html = render_html(report(story(article_ids=("x1",), sources=("Wire",)), extra=(hostile,)))
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
    late = replace(data.timeline[1], id="t3", date="2025-04", background=True)
    data = replace(data, timeline=(*data.timeline, late))
    tl = section(render_html(report(data)), "timeline")
    assert "tl-sep" not in tl
    assert tl.count("<span class=tag>background</span>") == 2


def test_disputed_sentences_stand_apart() -> None:
    data = full_story()
    first = data.brief.sections[0]
    monday = first.sentences[0]
    tuesday = sentence(
        "The talks opened on Tuesday",
        [span("c1", COURIER, "The talks opened on Tuesday")],
        "By contrast, Bay Courier reports: ",
        "disagreement",
    )
    first = replace(first, sentences=(replace(monday, kind="disagreement"), tuesday))
    brief = BriefReport(sections=(first, *data.brief.sections[1:]))
    brief_html = section(render_html(report(replace(data, brief=brief))), "brief")
    box = re.search(r"<div class='prose dispute'>(.*?)</div>", brief_html, re.S)
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
    html = render_html(Report(schema=SCHEMA, articles=(), stories=(), run=RunSummary()))
    assert "No stories" in html and html.rstrip().endswith("</html>")


def test_story_with_nothing_extracted_shows_notes() -> None:
    bare = handmade_report.bare_story(id="st9", title=None, article_ids=("h1",), sources=(), size=1)
    html = render_html(report(bare))
    assert "Untitled story" in html
    assert "No brief was composed" in html
    assert "No dated events were found" in html
    assert "No stakeholder positions were found" in html
    assert "No claims were extracted" in html
    assert "No questions were suggested" in html
    assert "Talks open in Corvale" in html  # the article is still listed


def test_contents_count_each_part() -> None:
    html = render_html(report(full_story()))
    toc = re.search(r"<nav class=toc.*?</nav>", html, re.S)
    assert toc
    counts = dict(re.findall(r"#s1-(\w+)'>[^<]+(?: <span class=n>(\d+)</span>)?</a>", toc.group(0)))
    assert counts == {
        "brief": "",
        "questions": "2",
        "timeline": "2",
        "positions": "2",
        "disagreements": "1",
        "claims": "4",
        "framing": "2",
        "quotes": "1",
        "articles": "2",
    }


def test_one_story_and_one_section_render_on_their_own() -> None:
    data = report(full_story())
    articles = {a.id: a for a in data.articles}
    part = story_html(full_story(), articles)
    assert part in render_html(data)  # the page of one story is that story's part
    alone = timeline_html(StoryView.of(full_story(), articles, prefix="x"))
    assert "Earlier rounds in 2019 broke down over fishing quotas" in alone
    assert "href='#x-timeline-n1'" in alone  # numbered from 1 without the brief before it


def test_stored_and_skipped_inputs_are_listed() -> None:
    data = handmade_report.report()
    other = replace(data.articles[0], id="b", analysed=False, skip_reason="not English")
    html = render_html(replace(data, articles=(*data.articles, other)))
    assert (
        "<h2>Stored, not analysed</h2><ul><li>Harbour Herald: Talks end — not English</li>" in html
    )
    assert "<h2>Skipped inputs</h2><ul><li><code>b.txt</code>: empty</li>" in html


def test_several_stories_each_get_their_own_ids() -> None:
    one = full_story()
    two = story(id="st2", title="Second story", article_ids=("c1",), sources=("Bay Courier",))
    html = render_html(report(one, two))
    assert "<h1>2 stories</h1>" in html
    assert "id='s1-timeline'" in html and "id='s2-timeline'" in html
    ids = re.findall(r"id='([^']+)'", html)
    assert len(ids) == len(set(ids))


def test_citation_outside_its_article_is_marked_not_dropped() -> None:
    bad = Span(article_id="h1", start=5, end=len(HERALD) + 50)
    s = story(
        brief=BriefReport(
            sections=(section_of("context", "Context", sentence("Some words", [bad])),)
        )
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


def test_merged_from_history_and_article_links_for_a_web_page() -> None:
    merged = replace(full_story(), merged_from=("0a1b2c3d4e5f6a7b", "<b>odd</b>"))
    data = report(merged)
    articles = {a.id: a for a in data.articles}
    html = story_html(merged, articles)
    assert "<p class=merged>Merged from 2 earlier stories: 0a1b2c3d4e5f6a7b, &lt;b&gt;odd" in html
    assert "class=merged" not in story_html(full_story(), articles)  # nothing to say
    linked = story_html(merged, articles, link=lambda a, s, e: f"/page/{a}?at={s}&to={e}")
    # each footnote's "article" link and each article's title go to the article's own page
    goto = re.findall(r"<a class=goto href='([^']+)'>article</a>", linked)
    assert goto and all(g.startswith("/page/") and "&amp;to=" in g for g in goto)
    assert "This article with its cited passages marked" in linked
    assert "This article with its cited passages marked" not in html
    assert re.findall(r"<a class=goto href='#s1-art-", html)  # the report keeps its anchors
