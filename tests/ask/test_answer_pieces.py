"""Answers that are a piece of something else, or another person's words (issue 17, judged
audit): one small invented text per error pattern, each asserting the right answer is given
and the wrong one is not.

- a sentence that starts inside a quotation the sentence before opened, leaves a bracket
  open, runs a caption or dated list entry into the next one, or is a reader's "!" line does
  not answer while a whole sentence does, and makes no suggested question;
- "What happened on D?" is not answered by a negated or modal verb dated D ("did not meet
  on Tuesday", "could reach the port by Tuesday");
- "What did X say?" is not answered by Y's report about X ("Brenner said Marek offered …").
"""

from __future__ import annotations

from typing import Any

from newsprism.ask import answer_question
from newsprism.ask.answer import cut_off
from newsprism.ask.questions import candidate_pool
from newsprism.model import Answer, Quote

# the hand annotation does not read full dates: this one is read as that day
_DAYS = {"9 September 2025": "2025-09-09"}


def _ask(index: Any, encoder: Any, question: str) -> Answer:
    return answer_question(question, index, encoder, follow_ups=False)


def _quote(hm: Any, article: Any, speaker: str, words: str, evidence: str) -> Quote:
    return Quote(
        id=f"q-{abs(hash(words)) % 10_000}",
        speaker=f"e-{speaker}",
        speaker_text=speaker,
        cue="said",
        text=words,
        direct=True,
        content=(hm.span(article, words),),
        evidence=(hm.span(article, evidence),),
    )


def test_pieces_of_sentences_are_cut_off() -> None:
    # a cut quotation: too short to stand, or with no one named after it
    assert cut_off("I love that,” Mr. Biden said.")
    assert cut_off("I've lost my little brother today, and part of my soul has gone with him.\"")
    assert not cut_off('This is how we will be judged," Ilse Marek said.')
    assert not cut_off('"We will not sign," Ilse Marek said.')
    # a bracket left open by the sentence splitter
    assert cut_off('The envoy said the paper was "fed to it by the Marek [')
    assert not cut_off("The envoy (a Swiss diplomat) chaired the talks.")
    # a caption or dated list entry run into the next one
    assert cut_off(
        "Marek looked tired as the verdict was read in court 9 September 2025 Brenner tells "
        "the court he will not testify."
    )
    assert cut_off("Talks collapse unless Marek goes A Valdorian tank guards the port.")
    assert not cut_off("The talks opened on 9 September 2025 in Geneva.")
    assert not cut_off("The court ruled on 9 September 2025 that Brenner may testify.")
    # a page's tags and headlines, a clause cut short
    assert cut_off("By the CNN Wire Staff NEW: Witnesses report gunfire in Geneva")
    assert cut_off("NEW: At least eight rebels are killed in the fighting")
    assert cut_off("Marek warns of civil war (1:23)")
    assert cut_off("Ilse Marek ` threatened to end talks ' Brenner was bailed in 2024 Marek")
    assert cut_off("By Ana Weber, CNN Valdorian President Ilse Marek speaks in Geneva.")
    assert cut_off("September 10, 2025 at 6:19 pm | Valdoria should not sign the deal.")
    assert cut_off("Thursday, September 11, 2025; 9:30 PM The talks opened in Geneva.")
    assert cut_off("Crews clean the port and beaches In a speech on Tuesday, Marek said so.")
    assert cut_off(
        'Navy nears Valdoria Brenner on Marek: "No one trusts her" It\'s not clear who leads'
    )
    assert not cut_off("The talks opened at 9:30 in Geneva, and Marek spoke at 10:15.")
    assert cut_off("Valdorian President Ilse Marek said")
    assert not cut_off(
        "Valdoria offered some respite to fears over the port by indicating it can cover "
        "the export cuts resulting from the blockade"
    )
    # a reader's informal line
    assert cut_off("This was a ridiculous show yesterday!")
    assert cut_off("A cat has 9 lives..")
    assert not cut_off('"We will win!" Marek told the crowd.')


def test_a_caption_run_into_a_dated_entry_does_not_answer_the_day(
    encoder: Any, handmade: Any
) -> None:
    hm = handmade
    glued = (
        "Marek looked tired as the verdict was read in court 9 September 2025 Brenner "
        "testifies that the envoy ordered the guards to leave the port.\n"
    )
    index = hm.index(glued + "The talks opened on Tuesday in Geneva.", encoder, days=_DAYS)
    answer = _ask(index, encoder, "What happened on 9 September 2025?")
    assert not answer.refused
    assert answer.sentences[0].text.startswith("The talks opened")
    assert not any("verdict" in s.text for s in answer.sentences)
    lone = hm.index(glued + "The delegates came from Valdoria.", encoder, days=_DAYS)
    assert _ask(lone, encoder, "What happened on 9 September 2025?").refused


def test_a_readers_exclamation_does_not_answer_the_day(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = "The envoy arrived in Geneva on Tuesday. This was a ridiculous show on Tuesday!"
    index = hm.index(text, encoder, days=_DAYS)
    answer = _ask(index, encoder, "What happened on 9 September 2025?")
    assert not answer.refused
    assert answer.sentences[0].text.startswith("The envoy arrived")
    assert not any("ridiculous" in s.text for s in answer.sentences)


def test_a_negated_or_modal_verb_dates_no_event(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "The storm could reach the port by early on Tuesday, forecasters say. "
        "The delegates did not meet on Tuesday in Geneva. "
        "Valdoria freed 46 detainees on Tuesday in Geneva."
    )
    roles = {
        "Tuesday#1": ("predicate", "", "reach"),
        "Tuesday#2": ("predicate", "past", "meet"),
        "Tuesday#3": ("predicate", "past", "freed"),
    }
    answer = _ask(
        hm.index(text, encoder, anchors=roles, days=_DAYS),
        encoder,
        "What happened on 9 September 2025?",
    )
    assert not answer.refused
    assert answer.sentences[0].text.startswith("Valdoria freed")
    shown = " ".join(s.text for s in answer.sentences)
    assert "could reach" not in shown and "did not meet" not in shown
    lone = text.rsplit(" Valdoria freed", 1)[0]
    assert _ask(
        hm.index(lone, encoder, anchors=roles, days=_DAYS),
        encoder,
        "What happened on 9 September 2025?",
    ).refused


def test_a_cut_quote_gives_way_to_a_whole_one(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "Ilse Marek spoke to delegates in Geneva. “We talked. I love that,” Marek said. "
        "Ilse Marek said the blockade of the port must end before any settlement is signed."
    )
    article = hm.article("a-one", "One Outlet", "2025-09-11", text)
    quotes = (
        _quote(
            hm,
            article,
            "Ilse Marek",
            "We talked. I love that,",
            "“We talked. I love that,” Marek said.",
        ),
        _quote(
            hm,
            article,
            "Ilse Marek",
            "the blockade of the port must end before any settlement is signed",
            "Ilse Marek said the blockade of the port must end before any settlement is signed.",
        ),
    )
    index = hm.index(text, encoder, quotes=quotes, days=_DAYS)
    answer = _ask(index, encoder, "What did Ilse Marek say?")
    assert not answer.refused
    assert "the blockade of the port must end" in answer.sentences[0].text
    assert not answer.sentences[0].text.startswith("I love that")
    # with only the cut piece to give, the question is not suggested
    only = hm.index(text, encoder, quotes=quotes[:1], days=_DAYS)
    assert "What did Ilse Marek say?" not in candidate_pool(only, encoder)


def test_someone_elses_report_is_not_their_words(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = (
        "Ilse Marek said the blockade of the port must end first. "
        "Lukas Brenner said Marek offered him the job of envoy on Tuesday, and he accepted."
    )
    article = hm.article("a-one", "One Outlet", "2025-09-11", text)
    # the quote stage's evidence for Marek's words runs over the next sentence too
    quote = _quote(
        hm,
        article,
        "Ilse Marek",
        "the blockade of the port must end first",
        text,
    )
    index = hm.index(text, encoder, quotes=(quote,), days=_DAYS)
    answer = _ask(index, encoder, "What did Ilse Marek say about the job of envoy?")
    said = [s.text for s in answer.sentences] if not answer.refused else []
    assert not any(s.startswith("Lukas Brenner said") for s in said)
    plain = _ask(index, encoder, "What did Ilse Marek say?")
    assert not plain.refused
    assert plain.sentences[0].text.startswith("Ilse Marek said the blockade")


def test_an_inverted_attribution_is_the_speakers_own(encoder: Any, handmade: Any) -> None:
    hm = handmade
    text = '"Lukas Brenner was not alone in the talks with Valdoria," said Ilse Marek lately.'
    article = hm.article("a-one", "One Outlet", "2025-09-11", text)
    words = "Lukas Brenner was not alone in the talks with Valdoria,"
    quote = _quote(hm, article, "Ilse Marek", words, text)
    answer = _ask(
        hm.index(text, encoder, quotes=(quote,), days=_DAYS), encoder, "What did Ilse Marek say?"
    )
    assert not answer.refused  # Brenner is named before "said", but Marek says it
    assert "not alone in the talks" in answer.sentences[0].text


def test_a_quotes_evidence_running_on_is_not_the_speakers_words(
    encoder: Any, handmade: Any
) -> None:
    hm = handmade
    text = (
        "Ilse Marek said the blockade of the port must end first. "
        "Marek's district near the port is mostly rural."
    )
    article = hm.article("a-one", "One Outlet", "2025-09-11", text)
    # the quote stage's evidence runs on into the next sentence, its content does not
    quote = _quote(hm, article, "Ilse Marek", "the blockade of the port must end first", text)
    index = hm.index(text, encoder, quotes=(quote,), days=_DAYS)
    answer = _ask(index, encoder, "What did Ilse Marek say about her district?")
    said = [s.text for s in answer.sentences] if not answer.refused else []
    assert not any("district" in s for s in said)
    plain = _ask(index, encoder, "What did Ilse Marek say?")
    assert not plain.refused
    assert plain.sentences[0].text.startswith("Ilse Marek said the blockade")
