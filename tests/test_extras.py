"""Entities beyond cities500: front-line villages from the GeoNames postal dump, and continents with polygons.

Expected village coordinates come from the villages' Wikipedia articles (cited per case), not from the postal
file the entities are built from; distances are geodesic (pyproj Geod, WGS84).
"""

from __future__ import annotations

import pytest
import shapely
from pyproj import Geod

from gazetteer import Gazetteer

GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def gaz(manifest) -> Gazetteer:
    return Gazetteer.load()


def _km(c, lat: float, lon: float) -> float:
    return GEOD.inv(lon, lat, c.lon, c.lat)[2] / 1000.0


# (name, context = oblast + a nearby named town, expected lat, lon in degrees, source of the expected point)
VILLAGES = [
    # en.wikipedia.org/wiki/Robotyne: 47°26′35″N 35°49′34″E (Polohy Raion, 15 km south-east of Orikhiv)
    ("Robotyne", ["Zaporizhzhia Oblast", "Orikhiv"], 47 + 26 / 60 + 35 / 3600, 35 + 49 / 60 + 34 / 3600),
    # en.wikipedia.org/wiki/Lobkove,_Zaporizhzhia_Oblast: 47°31′22″N 35°26′23″E (near Stepnohirsk)
    ("Lobkove", ["Zaporizhzhia Oblast", "Stepnohirsk"], 47 + 31 / 60 + 22 / 3600, 35 + 26 / 60 + 23 / 3600),
    # ru.wikipedia.org/wiki/Локня_(Кролевецкий_район): 51°29′00″N 33°33′33″E (Krolevets Raion, Sumy Oblast)
    ("Loknia", ["Sumy Oblast", "Krolevets"], 51 + 29 / 60, 33 + 33 / 60 + 33 / 3600),
    # en.wikipedia.org/wiki/Malaya_Loknya: 51°19′57″N 35°13′39″E (Sudzhansky District, Kursk Oblast)
    ("Malaya Loknya", ["Kursk Oblast", "Sudzha"], 51 + 19 / 60 + 57 / 3600, 35 + 13 / 60 + 39 / 3600),
    # en.wikipedia.org/wiki/Zap,_North_Dakota: 47°17′21″N 101°55′23″W (a US town below cities500, Mercer County)
    ("Zap", ["North Dakota", "Beulah"], 47 + 17 / 60 + 21 / 3600, -(101 + 55 / 60 + 23 / 3600)),
]


@pytest.mark.parametrize("name,context,lat,lon", VILLAGES, ids=[v[0] for v in VILLAGES])
def test_front_line_villages_resolve_in_context(gaz: Gazetteer, name, context, lat, lon) -> None:
    best = gaz.resolve_one(name, context=context)
    assert best.id.startswith("postal:") and best.kind == "place"
    assert _km(best, lat, lon) < 10.0  # postal points are settlement points, some estimated


def test_cyrillic_form_resolves_to_the_same_village(gaz: Gazetteer) -> None:
    latin = gaz.resolve_one("Robotyne", context=["Zaporizhzhia Oblast"])
    assert gaz.resolve_one("Роботине", context=["Zaporizhzhia Oblast"]).id == latin.id


def test_context_picks_the_sumy_border_novenke_over_crimea(gaz: Gazetteer) -> None:
    # several villages are called Novenke; the one near the Russian border north of Sumy is meant in a Sumy story
    best = gaz.resolve_one("Novenke", context=["Sumy Oblast", "Yunakivka"])
    assert best.country == "UA" and best.admin1 == gaz.resolve_one("Sumy Oblast").name
    assert _km(best, 50.9174, 34.7991) < 60.0  # within the border strip north of Sumy city


def test_postal_villages_rank_below_cities500_namesakes_without_context(gaz: Gazetteer) -> None:
    # "Sumy" the city (cities500), not a Russian postal village of that name
    res = gaz.resolve("Sumy", limit=5)
    assert res[0].id == "geonames:692194"
    postal = [c for c in res if c.id.startswith("postal:")]
    assert all(c.score < res[0].score - 3 for c in postal)


def test_document_of_neighbours_picks_the_postal_town_over_a_bigger_namesake_elsewhere(gaz: Gazetteer) -> None:
    # a local story naming Berlin with its Connecticut neighbours: Berlin is a postal settlement in the index (not
    # in cities500), Berlin, Massachusetts (126 km away) is in cities500. en.wikipedia.org/wiki/Berlin,_Connecticut:
    # 41°36′50″N 72°46′21″W
    from gazetteer.rank import resolve_document

    best = resolve_document(gaz, ["Berlin", "New Britain", "Meriden", "Hartford", "Connecticut"])[0]
    assert best is not None and best.id.startswith("postal:")
    assert _km(best, 41 + 36 / 60 + 50 / 3600, -(72 + 46 / 60 + 21 / 3600)) < 10.0


def test_postal_ids_round_trip(gaz: Gazetteer) -> None:
    c = gaz.resolve_one("Robotyne", context=["Zaporizhzhia Oblast"])
    again = gaz.get(c.id)
    assert (again.id, again.name, again.lat, again.lon) == (c.id, c.name, c.lat, c.lon)


def test_continent_entity_has_a_dissolved_polygon(gaz: Gazetteer) -> None:
    from geomap.pack import read

    eu = gaz.resolve_one("Europe")
    layer = read.continents().set_index("id")
    assert len(layer) == 7
    poly = layer.loc[eu.id, "geometry"]
    paris, nairobi = shapely.Point(2.35, 48.86), shapely.Point(36.82, -1.29)
    assert poly.contains(paris) and not poly.contains(nairobi)
    assert "RU" in layer.loc[eu.id, "members"] and "RU" in layer.loc[eu.id, "transcontinental"]
    assert layer.loc["continent:AF", "geometry"].contains(nairobi)


def test_continent_is_not_proximity_context(gaz: Gazetteer) -> None:
    # "Europe" in the same text must not pull places toward the continent's point in southern Germany
    alone = gaz.resolve("Paris", limit=1)[0]
    assert gaz.resolve("Paris", context=["Europe"], limit=1)[0].id == alone.id


# Arabic names as newsrooms spell them, resolved through index-time variants (gazetteer.variants) of the GeoNames
# spelling; expected points from the towns' Wikipedia articles; context = the governorate and a nearby town
ARABIC = [
    # en.wikipedia.org/wiki/Ras_al-Ayn: 36°51′01″N 40°04′14″E (GeoNames: "Ra’s al ‘Ayn")
    ("Ras al-Ain", ["Al-Hasakah Governorate", "Qamishli"], 36.8503, 40.0706),
    ("Ras al-Ayn", ["Syria", "Qamishli"], 36.8503, 40.0706),
    # en.wikipedia.org/wiki/Ayn_Issa: 36°23′7″N 38°51′34″E (GeoNames: "‘Ayn ‘Īsá")
    ("Ain Issa", ["Raqqa Governorate", "Raqqa"], 36.38528, 38.85944),
    # en.wikipedia.org/wiki/Tell_Rifaat: 36°28′N 37°06′E (GeoNames: "Tall Rif‘at")
    ("Tal Rifaat", ["Aleppo Governorate", "Azaz"], 36 + 28 / 60, 37 + 6 / 60),
    # en.wikipedia.org/wiki/Qamishli: 37°03′N 41°13′E (GeoNames: "Al Qāmishlī")
    ("Qamishli", ["Syria", "Hasakah"], 37.05, 41 + 13 / 60),
]


@pytest.mark.parametrize("name,context,lat,lon", ARABIC, ids=[a[0] for a in ARABIC])
def test_arabic_newsroom_spellings_resolve(gaz: Gazetteer, name, context, lat, lon) -> None:
    best = gaz.resolve_one(name, context=context)
    assert best.country == "SY" and _km(best, lat, lon) < 15.0


def test_arabic_variants_are_keys_without_context(gaz: Gazetteer) -> None:
    # the variant keys exist at all (not only found through context)
    for name in ("Ras al-Ain", "Tal Rifaat", "Qamishli", "Ain Issa"):
        assert any(c.country == "SY" for c in gaz.resolve(name, limit=5)), name


def test_ras_al_ayn_is_not_rosh_haayin(gaz: Gazetteer) -> None:
    # "Ras al-`Ayn" is an alternate name of Rosh Ha'Ayin (IL) in GeoNames, but first the Syrian town's own name
    assert all(c.country != "IL" for c in gaz.resolve("Ras al-Ayn", limit=2))
    assert gaz.resolve_one("Rosh Ha'Ayin").country == "IL"


def test_a_french_school_spelling_finds_the_place(gaz: Gazetteer) -> None:
    """"Makhmour" (GeoNames: Makhmur / Mexmur, Iraq): the "ou" for "u" of French-school transliteration."""
    assert gaz.resolve_one("Makhmour").country == "IQ"


def test_variants_table_examples() -> None:
    from gazetteer.variants import variants

    assert "ras al ain" in variants("ra al ayn", "SY")
    assert "tal rifaat" in variants("tall rifat", "SY")
    assert "qamishli" in variants("al qamishli", "SY")
    assert "ain issa" in variants("ayn isa", "SY")
    assert "deir ez zawr" in variants("dayr az zawr", "SY")
    assert variants("al ain", "AE") and "ain" not in variants("al ain", "AE")  # no bare "Ain" for Al Ain
    assert variants("ras al ain", "FR") == []  # only Arabic-speaking countries
    assert "hulyaipole" in variants("huliaipole", "UA")
    assert "makhmour" in variants("makhmur", "IQ") and "marjayun" in variants("marjayoun", "LB")  # "u" / "ou"


@pytest.mark.parametrize("name,code,inside", [("the Middle East", "MIDDLE_EAST", (36.29, 33.51)),
                                              ("Sahel", "SAHEL", (2.11, 13.51)),
                                              ("the Caucasus", "CAUCASUS", (45.69, 43.32)),
                                              ("Darfur", "DARFUR", (25.35, 13.63))])
def test_world_regions_resolve_to_polygon_entities(gaz: Gazetteer, name, code, inside) -> None:
    # inside: a city of the region (Damascus, Niamey, Grozny, El Fasher), lon/lat
    from geomap.pack import read

    best = gaz.resolve_one(name)
    assert (best.id, best.kind) == (f"region:{code}", "world_region")
    poly = read.world_regions().set_index("id").loc[best.id, "geometry"]
    assert poly.contains(shapely.Point(*inside))
    assert poly.contains(shapely.Point(best.lon, best.lat))  # its point lies on its own land


@pytest.mark.parametrize("name", ["the European Union", "EU", "E.U."])
def test_the_european_union_is_a_world_region_at_its_seat(gaz: Gazetteer, name: str) -> None:
    """The EU is its 27 members' union, located at its seat: Brussels (GeoNames 2800866: 50.85045, 4.34878),
    not the landmass point of the union in the Alps; the United Kingdom and Norway are outside it."""
    from geomap.pack import read

    best = gaz.resolve_one(name)
    assert (best.id, best.kind) == ("region:EUROPEAN_UNION", "world_region")
    _, _, d = Geod(ellps="WGS84").inv(best.lon, best.lat, 4.34878, 50.85045)
    assert d < 100.0
    poly = read.world_regions().set_index("id").loc[best.id, "geometry"]
    assert poly.contains(shapely.Point(2.35, 48.86)) and poly.contains(shapely.Point(21.01, 52.23))  # Paris, Warsaw
    assert not poly.contains(shapely.Point(-0.13, 51.51)) and not poly.contains(shapely.Point(10.75, 59.91))


@pytest.mark.parametrize("text,region", [("Сумской области", "Sumy"), ("Сумської області", "Sumy"),
                                         ("Курской области", "Kursk"), ("Краснодарского края", "Krasnodar")])
def test_cyrillic_case_forms_reach_the_region(gaz: Gazetteer, text: str, region: str) -> None:
    # genitive / locative forms of "Сумская область", "Курська область", "Краснодарский край" (index-time forms)
    best = gaz.resolve_one(text)
    assert best.kind == "admin1" and best.name == region


def test_sumy_basivka_wins_in_a_sumy_story(gaz: Gazetteer) -> None:
    # the case: the cities500 Basivka of Sumy Oblast ranked below a Lviv namesake even in context
    best = gaz.resolve_one("Basivka", context=["Sumy Oblast", "Sumy"])
    assert best.admin1 == gaz.resolve_one("Sumy Oblast").name
