"""Entity mentions and their story-level resolution, on small invented texts."""

from __future__ import annotations

import pytest

from newsprism.annotate import annotate, resolve_entities
from newsprism.gazetteer import build, is_demonym_of, load_gazetteer, name_key, short_state_name
from newsprism.model import Article, Entity, content_id


def _article(text: str) -> Article:
    return Article(id=content_id(text), text=text, source="test")


def _entities(*texts: str) -> tuple[tuple[Article, ...], tuple[Entity, ...]]:
    articles = tuple(_article(t) for t in texts)
    annotations = annotate(articles)
    return articles, resolve_entities(annotations, articles, load_gazetteer())


def _surfaces(entity: Entity, articles: tuple[Article, ...]) -> set[str]:
    by_id = {a.id: a for a in articles}
    return {by_id[s.article_id].cite(s) for s in entity.mentions}


def _entity_with(
    entities: tuple[Entity, ...], articles: tuple[Article, ...], surface: str
) -> list[Entity]:
    return [e for e in entities if surface in _surfaces(e, articles)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelensky", "Zelenskiy"),
        ("Zelenskyy", "Zelensky"),
        ("Erdoğan", "Erdogan"),
        ("Bennet", "Bennett"),
        ("Dmitriyev", "Dmitriev"),
        ("Marek", "Mareck"),
    ],
)
def test_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Johnson", "Johnston"), ("Putin", "Puton"), ("Ivanov", "Ivanova")]
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_demonyms_of_places_the_gazetteer_lacks() -> None:
    assert is_demonym_of("Valdorian", "Republic of Valdoria")
    assert is_demonym_of("Ostravan", "Ostrava-Marenne")
    assert not is_demonym_of("Valdorian", "Valencia")
    assert short_state_name("Kingdom of Ostrava-Marenne") == "Ostrava-Marenne"


def test_gazetteer_forms_are_case_sensitive_and_the_west_needs_its_article() -> None:
    gazetteer = load_gazetteer()
    text = "The US and the EU told us that the West would act; West Virginia is a state."
    found = [form for _, _, form in gazetteer.finditer(text)]
    assert found == ["US", "EU", "West"]
    readings = {name for name, _ in gazetteer.lookup("Brussels")}
    assert readings == {"Belgium", "European Union"}


def test_user_gazetteer_file_adds_entries(tmp_path) -> None:  # type: ignore[no-untyped-def]
    extra = tmp_path / "extra.toml"
    extra.write_text('[[state]]\nname = "Valdoria"\ndemonyms = ["Valdorian"]\ncapital = "Korvan"\n')
    gazetteer = load_gazetteer(str(extra))
    assert gazetteer.lookup("Korvan") == (("Valdoria", "CAPITAL"),)
    assert build([]).finditer("Russia") == []


def test_spellings_titles_and_metonyms_resolve_across_articles() -> None:
    articles, entities = _entities(
        "Ukrainian President Volodymyr Zelenskyy met Russian President Vladimir Putin in Istanbul. "
        "Moscow will accept the proposal, the Kremlin said.",
        "Zelensky said Kyiv would not give up land. Putin did not attend. The talks in Moscow "
        "were postponed. The Russian president later phoned Turkish President Recep Tayyip Erdoğan.",
        "Zelenskiy thanked Erdogan. Russian forces pushed toward the Kyiv suburbs.",
    )
    (zelensky,) = _entity_with(entities, articles, "Volodymyr Zelenskyy")
    assert zelensky.kind == "person"
    assert {"Zelensky", "Zelenskiy"} <= _surfaces(zelensky, articles)
    (putin,) = _entity_with(entities, articles, "Putin")
    assert "Russian president" in _surfaces(putin, articles)
    (russia,) = [e for e in entities if e.name == "Russia"]
    assert russia.kind == "state"
    assert {"Moscow", "Kremlin", "Russian forces"} <= _surfaces(russia, articles)
    (erdogan,) = _entity_with(entities, articles, "Erdogan")
    assert "Recep Tayyip Erdoğan" in _surfaces(erdogan, articles)
    # A capital used as a place is the city, not the state.
    moscow_place = [e for e in entities if e.name == "Moscow"]
    assert moscow_place and moscow_place[0].kind == "place"
    kyiv = [e for e in entities if e.name == "Ukraine"]
    assert kyiv and "Kyiv" in _surfaces(kyiv[0], articles)
    assert "Kyiv" in _surfaces(next(e for e in entities if e.name == "Kyiv"), articles)
    istanbul = next(e for e in entities if e.name == "Istanbul")
    assert istanbul.kind == "place"


def test_people_sharing_a_surname_are_not_merged_on_a_guess() -> None:
    articles, entities = _entities(
        "Boris Johnson visited Kyiv. Lyndon Johnson was long dead.",
        "Johnson spoke to reporters.",
    )
    boris = _entity_with(entities, articles, "Boris Johnson")
    lyndon = _entity_with(entities, articles, "Lyndon Johnson")
    assert boris and lyndon and boris != lyndon
    lone = _entity_with(entities, articles, "Johnson")
    assert all(e not in boris + lyndon for e in lone)


def test_a_surname_joins_the_one_full_name_in_its_article() -> None:
    articles, entities = _entities(
        "Boris Johnson visited Kyiv on Monday. Johnson met soldiers.",
        "Lyndon Johnson signed the act. Johnson was president then.",
    )
    (boris,) = _entity_with(entities, articles, "Boris Johnson")
    (lyndon,) = _entity_with(entities, articles, "Lyndon Johnson")
    assert len(boris.mentions) == 2 and len(lyndon.mentions) == 2


def test_a_name_the_model_calls_an_organisation_is_the_person_the_story_names() -> None:
    articles, entities = _entities(
        "US President Donald Trump spoke on Friday.",
        "Trump said sanctions would follow. Trump also said talks should go on.",
    )
    (trump,) = _entity_with(entities, articles, "Donald Trump")
    assert trump.kind == "person"
    assert len(trump.mentions) == 3


def test_a_story_capital_phrase_makes_an_unknown_city_stand_for_its_state() -> None:
    articles, entities = _entities(
        "Valdoria rejected the plan. Port officials in Korvan, the Valdorian capital, were angry.",
        "Korvan insists the batteries are defensive. The Valdorian economy is suffering.",
    )
    (valdoria,) = [e for e in entities if e.name == "Valdoria"]
    assert valdoria.kind == "state"
    surfaces = _surfaces(valdoria, articles)
    assert {"Valdorian", "Korvan"} <= surfaces
    korvan_place = [e for e in entities if e.name == "Korvan"]
    assert korvan_place and korvan_place[0].kind == "place"


def test_every_mention_span_cites_its_surface_text() -> None:
    articles, entities = _entities("The Kremlin’s envoy met NATO officials in Brussels.")
    for entity in entities:
        for span in entity.mentions:
            cited = articles[0].cite(span)
            assert cited == cited.strip() and not cited.endswith(("’s", "'s"))
            assert not cited.startswith(("the ", "The "))


def test_a_rerun_reuses_stored_annotations_without_loading_spacy(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from newsprism import pipeline
    from newsprism.settings import load_settings
    from newsprism.store import Store

    (tmp_path / "a.txt").write_text(
        "Ukrainian President Volodymyr Zelenskyy met officials in Kyiv on Monday. "
        "Moscow rejected the plan, the Kremlin said.\n"
    )
    settings = load_settings(None, db=str(tmp_path / "s.db"), today="2026-01-01")
    with Store(settings.db) as store:
        first = pipeline.analyze([str(tmp_path / "a.txt")], settings, store)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("annotate ran again over a stored article")

    monkeypatch.setattr(pipeline, "annotate", refuse)
    with Store(settings.db) as store:
        second = pipeline.analyze([str(tmp_path / "a.txt")], settings, store)
    assert first.stories[0].entities and second.stories[0].entities == first.stories[0].entities
    assert second.stories[0].times == first.stories[0].times
