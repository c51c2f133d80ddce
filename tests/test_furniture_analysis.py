"""Page furniture end to end (geomap.analyze): masked furniture creates, hides and re-ranks no place, and no outlet
becomes a place or a claim's subject. Sentences written by the project; the outlets are ones the outlet table does
not list (recognised by position and masthead), besides the listed Xinhua."""

from __future__ import annotations

import pytest

import geomap
from geomap.text.spotter import spot


def places(an) -> dict[str, str]:
    return {p["name"]: p["role"] for p in an.places}


def subjects(an) -> list[str | None]:
    return [(c["subject"] or {}).get("name") for c in an.claims]


def test_a_url_slug_does_not_veto_the_articles_city() -> None:
    text = ("Sumy was shelled again overnight, regional officials said.\n"
            "Source: <https://example.org/world/2025/city-of-sumy-a89>\n")
    assert not [m for m in spot(text) if m.surface == "Sumy"]  # the lower-case slug vetoes Sumy in raw text
    assert "Sumy" in places(geomap.analyze(text))


def test_hashtags_and_handles_are_not_read() -> None:
    text = "Drones hit #Odesa again. Follow @kharkiv_live for updates. Kupiansk is 40 km from the border."
    an = geomap.analyze(text)
    assert not any(n.startswith(("Odes", "Kharkiv")) for n in places(an))
    assert subjects(an) == ["Kupyansk"]


def test_outlets_with_place_names_are_sources_not_places() -> None:
    text = ("The village of Hoptivka is 2 km from the Russian border, the Kharkiv Times reported. Officers told "
            "the Taipei Times that the drills had ended, according to the Cyprus Mail.")
    raw = {m.surface for m in spot(text)}
    assert {"Kharkiv", "Taipei", "Cyprus"} <= raw  # the spotter alone reads the mastheads as places
    an = geomap.analyze(text)
    assert not {"Kharkiv", "Taipei", "Cyprus"} & set(places(an))
    assert subjects(an) == ["Hoptivka"]


def test_an_agency_is_never_a_claims_subject() -> None:
    text = ("The sources told Xinhua that the village is located about 400 meters from the Blue Line "
            "separating Lebanon and Israel.")
    an = geomap.analyze(text)
    assert "Xinhua" not in places(an) and "Xinhua" not in subjects(an)


def test_the_dateline_city_is_kept_as_a_location_but_is_no_subject() -> None:
    an = geomap.analyze("KHERSON, Ukraine (AP) — The village is about 40 km from the front line, officials said.")
    assert places(an).get("Kherson") == "location"
    assert "Kherson" not in subjects(an)  # raw text pins the village's distance on Kherson


def test_the_city_may_be_the_dateline_city() -> None:
    an = geomap.analyze("KHARKIV, Ukraine (AP) — Russian troops are within 30 km of the city, officials said.")
    assert places(an).get("Kharkiv") == "location"
    # a zone around the dateline city: its centre (the reference) is Kharkiv, what lies within is the troops
    assert [(c["target"] or {}).get("name") for c in an.claims] == ["Kharkiv"]
    assert subjects(an) == ["Russian troops"]


def test_caption_places_are_not_created() -> None:
    text = ("Rescuers at a school in Izium on March 2, 2025. (AP Photo/John Roe)\n"
            "Russian forces shelled Kupiansk, about 40 km from the Russian border, officials said.")
    assert "Izium" in {m.surface for m in spot(text)}
    an = geomap.analyze(text)
    assert not any(n.startswith("Iz") for n in places(an))
    assert subjects(an) == ["Kupyansk"]


@pytest.mark.parametrize("byline", ["By Maria Kyiv and Omar Haddad | Associated Press",
                                    "Reporting by Maria Haddad in Kramatorsk; Editing by John Roe"])
def test_bylines_create_no_place(byline: str) -> None:
    an = geomap.analyze(f"{byline}\n\nPokrovsk is about 50 km north-west of Donetsk, officials said.\n")
    assert set(places(an)) <= {"Pokrovsk", "Donetsk", "Donets'k"}


@pytest.mark.parametrize("text, line", [
    ("Російські війська обстріляли прикордонні села Сумської області, повідомила військова адміністрація.\n",
     "no English distance claims found; the text looks Ukrainian"),
    ("Les forces russes ont bombardé la ville de Soumy, à trente kilomètres de la frontière, selon la police.\n",
     "no English distance claims found; the text looks French"),
])
def test_map_says_the_language_of_a_non_english_article(tmp_path, capsys, text: str, line: str) -> None:
    from geomap.cli import main

    art = tmp_path / "article.txt"
    art.write_text(text, encoding="utf-8")
    assert main(["map", str(art), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    assert line in capsys.readouterr().err.splitlines()
    assert (tmp_path / "out" / "claims.json").exists() and (tmp_path / "out" / "map.html").exists()


def test_map_says_nothing_about_language_for_english_or_when_claims_are_found(tmp_path, capsys) -> None:
    from geomap.cli import main

    for name, text in (("a.txt", "Officials said the shelling stopped on Monday morning.\n"),
                       ("b.txt", "Сумы находятся в 30 км от границы. Sumy is about 30 km from the Russian border.\n")):
        art = tmp_path / name
        art.write_text(text, encoding="utf-8")
        assert main(["map", str(art), "-o", str(tmp_path / name[0]), "--quiet"]) == 0
        assert "looks" not in capsys.readouterr().err
