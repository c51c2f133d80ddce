"""geomap.analyze end to end: the example yields every kind, claims.json contract, determinism, measured values."""

from __future__ import annotations

import dataclasses
import json

import pytest
from pyproj import Geod

import geomap
from geomap.judging import judge_bearing, judge_distance, tolerance

GEOD = Geod(ellps="WGS84")
KINDS = {"distance_to_border", "buffer_inside_along_border", "radius_around_place", "distance_between_places"}
PLACE_KEYS = {"id", "name", "kind", "country", "lat", "lon", "role", "mentions"}
CLAIM_KEYS = {"id", "kind", "sentence", "span", "stated_km", "qualifier", "subject", "countries", "inside", "along",
              "region", "direction", "measured_km", "verdict", "reason"}


@pytest.fixture(scope="module")
def example():
    from geomap.cli.map_cmd import example_path

    return geomap.analyze(example_path())


def test_example_yields_every_kind(example) -> None:
    kinds = {c["kind"] for c in example.claims}
    assert kinds == KINDS
    verdicts = {c["verdict"] for c in example.claims}
    assert {"consistent", "drawn"} <= verdicts
    assert {c["modality"] for c in example.claims} >= {"asserted", "negated", "hypothetical", "denied"}


def test_claims_json_contract(example) -> None:
    doc = json.loads(example.to_claims_json())
    assert {"source", "title", "date", "places", "claims"} <= set(doc)
    assert doc["date"] == "2025-03-03"
    for p in doc["places"]:
        assert PLACE_KEYS <= set(p)
        assert p["role"] in ("location", "actor")
        assert all(isinstance(s, int) and isinstance(e, int) and s < e for s, e in p["mentions"])
    for c in doc["claims"]:
        assert CLAIM_KEYS <= set(c)
        assert c["verdict"] in ("consistent", "inconsistent", "not_checkable", "drawn")
        s, e = c["span"]
        assert c["sentence"] and example.text[s:e] in c["sentence"]
        assert isinstance(c["stated_km"], int | float) or (isinstance(c["stated_km"], list)
                                                           and len(c["stated_km"]) == 2)
        for k in ("subject", "region"):
            assert c[k] is None or set(c[k]) == {"id", "name"}


def test_place_mentions_point_at_their_names(example) -> None:
    for p in example.places:
        for s, e in p["mentions"]:
            assert example.text[s:e]  # non-empty span of the article text


def test_deterministic(example) -> None:
    from geomap.cli.map_cmd import example_path

    again = geomap.analyze(example_path())
    assert again.to_claims_json() == example.to_claims_json()


def test_actor_capital_not_drawn(example) -> None:
    by_name = {p["name"]: p for p in example.places}
    assert by_name["Moscow"]["role"] == "actor"
    layers = example.layers()
    assert "Moscow" not in set(layers["places"].loc[layers["places"]["role"] == "location", "name"])


def test_measured_between_places_matches_geod() -> None:
    an = geomap.analyze("Pokrovsk, about 50 km north-west of Donetsk, came under fire.")
    c = an.claims[0]
    by_id = {p["id"]: p for p in an.places}
    s, t = by_id[c["subject"]["id"]], by_id[c["target"]["id"]]
    assert s["country"] == t["country"] == "UA"
    az, _, dist = GEOD.inv(t["lon"], t["lat"], s["lon"], s["lat"])
    assert c["measured_km"] == pytest.approx(dist / 1000, abs=0.01)
    assert c["measured_bearing_deg"] == pytest.approx(az % 360, abs=0.5)


def test_measured_border_distance_is_geodesic() -> None:
    an = geomap.analyze("Sumy is about 30 km from the Russian border.")
    c = an.claims[0]
    p = next(p for p in an.places if p["id"] == c["subject"]["id"])
    _, _, dist = GEOD.inv(p["lon"], p["lat"], c["nearest"][0], c["nearest"][1])
    assert c["measured_km"] == pytest.approx(dist / 1000, abs=0.01)
    assert 27.0 < c["measured_km"] < 28.5


def test_layers_follow_contract(example) -> None:
    from geomap.layers import LAYER_COLUMNS

    layers = example.layers()
    assert set(layers) == set(LAYER_COLUMNS)
    for key, gdf in layers.items():
        assert str(gdf.crs).upper().endswith("4326")
        assert set(LAYER_COLUMNS[key]) <= set(gdf.columns)
    assert len(layers["distances"]) >= 4 and len(layers["zones"]) >= 3
    assert set(layers["zones"]["zone_type"]) == {"band", "zone", "uncertainty"}  # "troops were within 5 km of X"
    assert len(layers["borders"]) >= 1 and len(layers["regions"]) >= 1
    assert layers["zones"].geometry.is_valid.all()


def test_claims_frame(example) -> None:
    df = example.claims_frame()
    assert len(df) == len(example.claims) and "verdict" in df.columns


# ---------------------------------------------------------------------------------------------- judge
@pytest.mark.parametrize("measured,stated,hi,qual,verdict", [
    (27.7, 30, None, "about", "consistent"),
    (24.0, 30, None, "about", "inconsistent"),
    (4.0, 2, None, "exact", "consistent"),  # ±3 km floor for small distances
    (10.5, 10, None, "within", "consistent"),
    (11.5, 10, None, "within", "inconsistent"),
    (9.5, 10, None, "at least", "consistent"),
    (8.5, 10, None, "at least", "inconsistent"),
    (25.0, 20, 30, "range", "consistent"),
    (33.5, 20, 30, "range", "inconsistent"),
])
def test_judge_tolerances(measured, stated, hi, qual, verdict) -> None:
    assert judge_distance(measured, stated, hi, qual)[0] == verdict


def test_judge_negated_and_bearing() -> None:
    assert judge_distance(50, 10, None, "within", negated=True)[0] == "consistent"
    assert judge_bearing(300, 315, "north-west")[0]
    assert not judge_bearing(260, 315, "north-west")[0]
    assert judge_bearing(350, 10, "north")[0]  # wraps around north
    lo, hi = tolerance("up to", 8)
    assert lo == 0 and hi == pytest.approx(9.0)


def test_analyze_inputs(tmp_path) -> None:
    from geomap.errors import InputError

    with pytest.raises(InputError, match="no such article file"):
        geomap.analyze(str(tmp_path / "missing.md"))
    p = tmp_path / "a.txt"
    p.write_text("Title\n\nSumy is 30 km from the Russian border.\n", encoding="utf-8")
    assert geomap.analyze(p).claims[0]["kind"] == "distance_to_border"
    assert geomap.analyze(str(p)).meta["title"] == "Title"
    assert geomap.analyze("Sumy is 30 km from the Russian border.").meta["source"] == "<text>"
    with pytest.raises(InputError):
        geomap.analyze("")


def test_claim_records_read_like_their_json_without_keeping_it(example) -> None:
    """A JudgedClaim's mapping view is its claims.json object, key by key, computed on demand (not kept)."""
    for c in example.claims:
        d = c.to_json()
        assert dict(c) == d and list(c) == list(d) and len(c) == len(d)
        assert all(c[k] == v for k, v in d.items())
        assert c.get("no_such_key") is None
        for k in ("target", "nearest", "area_km2", "subject_alternatives"):
            assert (k in c) == (k in d)
        fields = [getattr(c, f.name) for f in dataclasses.fields(c)]
        assert not hasattr(c, "__dict__")  # slots: a record holds its fields only (no cached JSON copy)
        assert not any(isinstance(v, dict) and "verdict" in v for v in fields)


def test_dropping_claim_shapes_keeps_every_output(example, tmp_path) -> None:
    """``drop_claim_shapes`` (what ``geomap map`` does before writing) changes no file: the layers, built first,
    hold the shapes drawn."""
    import copy

    kept, dropped = copy.deepcopy(example), copy.deepcopy(example)
    kept._layers = dropped._layers = None
    dropped.drop_claim_shapes()
    assert any(c.geometry is not None for c in kept.claims)
    assert all(c.line is None and c.polygon is None for c in dropped.claims)
    assert [c.to_json() for c in dropped.claims] == [c.to_json() for c in kept.claims]
    (tmp_path / "kept").mkdir()
    (tmp_path / "dropped").mkdir()
    a, b = kept.write_files(tmp_path / "kept"), dropped.write_files(tmp_path / "dropped")
    assert a.keys() == b.keys()
    for key, path in a.items():
        assert path.read_bytes() == b[key].read_bytes(), key


def test_claim_labels_capped_are_the_first_of_the_full_ranking(example, monkeypatch) -> None:
    """With fewer label slots than claims, the labels are the first of the uncapped ranking (inconsistent, then
    consistent, then drawn, then the rest; text order within), worded the same."""
    from geomap.render import mapbuilder as mb

    layers = example.layers()
    cl = mb._Claims(layers, example.claims).with_places(example._public_places())
    view = (20.0, 30.0, 45.0, 55.0)
    full = [it for it in mb.label_items(layers, cl, view) if it["kind"] == "claim"]
    assert len(full) > 4
    order = {"inconsistent": 0, "consistent": 1, "drawn": 2}
    ranks = [order.get(cl.by_id[it["id"]]["verdict"], 3) for it in full]
    assert ranks == sorted(ranks)
    monkeypatch.setattr(mb, "MAX_CLAIM_LABELS", 4)
    capped = [it for it in mb.label_items(layers, cl, view) if it["kind"] == "claim"]
    assert capped == full[:4]


def test_a_place_written_inside_a_country_is_never_a_namesake_abroad() -> None:
    """"Palma in Mozambique's Cabo Delgado province": the gazetteer has no Palma there, and Palma in Spain is not
    the answer — the claim about "the town" is not judged against the Spain–France border."""
    an = geomap.analyze("Insurgents attacked Palma in Mozambique's Cabo Delgado province on Monday. "
                        "The town lies about 30 km from the border.")
    assert [p["country"] for p in an.places] == ["MZ", "MZ"]
    assert all(c["verdict"] == "not_checkable" and set(c.get("countries") or []) <= {"MZ"} for c in an.claims)


def test_a_place_in_a_country_keeps_its_namesake_there() -> None:
    an = geomap.analyze("Storms hit Paris in Texas on Monday; refugees from Aleppo in Turkey were moved.")
    got = {p["name"]: p["country"] for p in an.places}
    assert got["Paris"] == "US" and got["Aleppo"] == "SY" and got["Turkey"] == "TR"


@pytest.mark.parametrize("text", [
    "Israeli forces entered Palma in northern Mozambique, about 10 km from the border.",
    "Rebels attacked Palma, in northern Mozambique, about 10 km from the border.",
    "Insurgents attacked the Mozambican town of Palma, about 10 km from the border.",
    "Insurgents attacked Palma, a Mozambican coastal town about 10 km from the border.",
])
def test_a_place_in_a_country_written_as_a_region_or_an_adjective(text: str) -> None:
    an = geomap.analyze(text)
    assert {p["country"] for p in an.places} == {"MZ"} | ({"IL"} if "Israeli" in text else set())
    assert all(c["verdict"] == "not_checkable" for c in an.claims)


@pytest.mark.parametrize("text, absent", [
    ("The Post was on scene as rescuers reached Kharkiv, Ukraine, after the strike.", "US"),
    ("Grad rockets hit the outskirts of Kharkiv, Ukraine, overnight.", "SI"),
])
def test_a_small_place_alone_abroad_is_no_place(text: str, absent: str) -> None:
    """"The Post" (Post, Texas) and "Grad rockets" (Grad, Slovenia) in a story about Ukraine: a small place in a
    country nothing else the text names is in or borders is not put on the map."""
    an = geomap.analyze(text)
    assert absent not in {p["country"] for p in an.places}
    assert {"Kharkiv", "Ukraine"} <= {p["name"] for p in an.places}


def test_a_force_named_like_a_small_town_is_no_place() -> None:
    """"FAMA soldiers and Wagner fighters": forces (Fama and Wagner are small Brazilian towns, and two of them
    would vouch for each other's country); a big city before "troops" stays."""
    an = geomap.analyze("FAMA soldiers and Wagner fighters attacked Kidal in northern Mali.")
    assert {p["name"] for p in an.places} == {"Kidal", "Mali"}
    an = geomap.analyze("Kharkiv troops held the line near Kupiansk in Ukraine.")
    assert "Kharkiv" in {p["name"] for p in an.places}


def test_an_acronym_is_a_country_only_when_it_is_written_as_one() -> None:
    """"The IOM said …" is the migration agency, not the Isle of Man; "the CAR", "the PRC", "the US" are
    countries."""
    an = geomap.analyze("The IOM said 200,000 people fled Goma in Congo.")
    assert "IM" not in {p["country"] for p in an.places}
    an = geomap.analyze("Rebels in the CAR attacked Bangui. The PRC and the US condemned the attack.")
    assert {"CF", "CN", "US"} <= {p["country"] for p in an.places if p["kind"] == "country"}


def test_the_village_is_never_a_city_of_millions() -> None:
    """"Panmunjom (not in the gazetteer), 55 km north of Seoul … About 1 km east of the village": "the village"
    does not point back to Seoul (no point drawn 1 km east of Seoul); "the town" still points back to a town."""
    an = geomap.analyze("Panmunjom, located 55 km north of Seoul, is a truce village. About 1 km east of the "
                        "village is a cluster of blue buildings.")
    assert all(c["target"]["name"] != "Seoul" or "55" in c["sentence"] for c in an.claims)
    an = geomap.analyze("Troops entered Vovchansk. About 5 km east of the town, fighting continued.")
    assert [c["target"]["name"] for c in an.claims] == ["Vovchansk"]


@pytest.mark.parametrize("text", [
    "Shells landed several miles away from the main town of Uri, which remained shut.",
    "Police barred civilians from Uri town after the shelling.",
])
def test_a_name_written_as_a_town_is_the_town_not_a_region(text: str) -> None:
    """"the main town of Uri" is the Kashmiri town, not the Swiss canton of Uri (an admin-1 region)."""
    an = geomap.analyze(text)
    assert [(p["name"], p["country"], p["kind"]) for p in an.places] == [("Uri", "IN", "place")]


def test_a_capital_by_its_own_name_beats_a_town_called_so_by_an_alternate_name() -> None:
    """"Isfahan, about 340 kilometres south of Tehran": Tehran (7 million), not Tīrān near Isfahan (21,703 people,
    "Tehran" among its alternate names), which the document's context favoured: a false "inconsistent" at 49 km."""
    an = geomap.analyze("Isfahan, about 340 kilometres south of Tehran, was hit.")
    assert {p["name"] for p in an.places} == {"Isfahan", "Tehran"}
    assert [c["verdict"] for c in an.claims] == ["consistent"]


def test_the_kurdistan_region_written_in_lower_case_is_iraqs_too() -> None:
    an = geomap.analyze("Iranian drones struck villages in the Kurdistan region of Iraq.")
    assert ("Kurdistan Region", "world_region") in {(p["name"], p["kind"]) for p in an.places}
    assert "IR" not in {p["country"] for p in an.places if p["kind"] != "country"}


def test_the_kurdistan_region_is_iraqs() -> None:
    """"Erbil in the Kurdistan Region": the Kurdistan Region of Iraq (a world region of three governorates), not
    Iran's Kordestan province, which then made Erbil a namesake to drop."""
    an = geomap.analyze("Drones struck Erbil in the Kurdistan Region overnight.")
    got = {p["name"]: (p["kind"], p["country"]) for p in an.places}
    assert got == {"Erbil": ("place", "IQ"), "Kurdistan Region": ("world_region", "")}


@pytest.mark.parametrize("text, region", [
    ("Turkish troops advanced 15 km into Iraq's Duhok province.", "Dihok"),
    ("Strikes hit Hodeidah Governorate overnight.", "Al Hudaydah"),
])
def test_a_region_phrase_named_after_its_seat_is_the_region(text: str, region: str) -> None:
    """"Duhok province", "Hodeidah Governorate": the region whose seat the city is (the gazetteer spells them
    Dihok and Al Hudaydah), not the city's point."""
    an = geomap.analyze(text)
    assert region in {p["name"] for p in an.places if p["kind"] == "admin1"}


def test_a_sea_written_without_the_is_the_sea() -> None:
    """A headline's "off Hodeidah in Red Sea" is the sea: not Sudan's Red Sea State, which then made Hodeidah a
    place "in" Sudan to drop; "Red Sea State" is the state."""
    an = geomap.analyze("Houthis attack ship off Hodeidah in Red Sea")
    assert [(p["name"], p["country"]) for p in an.places] == [("Al Ḩudaydah", "YE")]
    an = geomap.analyze("Rebels attacked Port Sudan in Red Sea State.")
    assert ("Red Sea", "admin1") in {(p["name"], p["kind"]) for p in an.places}


@pytest.mark.parametrize("text, absent", [
    ("A ship was attacked in the Gulf of Aden, off Yemen.", "Aden"),
    ("Khost is about 20 km from the Durand Line.", "Durand"),
    ("Israeli strikes hit Shehabiya, about 10 kilometres from Ain Baal in southern Lebanon.", "Ain"),
    ("Due to the prolonged clashes, many families have fled Lashio in Myanmar.", "Dundo"),
    ("The army's North Eastern Command in Lashio, Myanmar, fell to rebels.", "North-Eastern"),
    ("Clashes near Kidal, the Malian Armed Forces (FAMA) said. The FAMA/Wagner convoy entered Kidal in Mali.", "Fama"),
    ("Clashes near Kidal, the Malian Armed Forces (FAMA) said. The FAMA/Wagner convoy entered Kidal in Mali.",
     "Wagner"),
    ("The Qasmieh-Ras-el-Ain region is one of the largest irrigated areas in Lebanon.", "Chaouia - Ouardigha"),
    ("The camp lies 15 Kms south of Mae Sot in Thailand.", "Kumasi"),
])
def test_names_that_are_no_places_of_their_own(text: str, absent: str) -> None:
    """A gulf named after a town (not Aden's point), a line named after a man (not Durand, Michigan), the first
    word of an Arabic name ("Ain Baal": not Ain, France, nor Baal, Belgium)."""
    assert absent not in {p["name"] for p in geomap.analyze(text).places}


def test_the_durand_line_is_the_afghanistan_pakistan_border() -> None:
    c = geomap.analyze("Chaman is about 3 km from the Durand Line.").claims[0]
    assert c["countries"] == ["PK", "AF"] and c["verdict"] == "consistent"


def test_a_quoted_name_glued_to_a_town_makes_no_surname() -> None:
    """"This road is called 'Thall Parachinar'": a quoted name, not a person called Parachinar — the town stays on
    the map everywhere in the text (every mention of it had been dropped as a surname)."""
    an = geomap.analyze("Parachinar lies in Pakistan's Kurram district. The only road out is called 'Thall "
                        "Parachinar'. Kabul is just 90 kilometers away from Parachinar.")
    assert "Parachinar" in {p["name"] for p in an.places}
    an = geomap.analyze("Chiquita Raquel Henry, 19, was charged. Henry is held in Alexandria.")
    assert "Henry" not in {p["name"] for p in an.places}  # an unquoted full name still makes a surname


def test_a_small_place_abroad_stays_when_it_borders_or_nothing_is_named() -> None:
    """A neighbour's town (Erie, Pennsylvania in a story about Ontario) stays, and so does a small place in a text
    that names no country or region."""
    an = geomap.analyze("Ferries from Sarnia, Ontario, crossed the lake to Erie on Monday.")
    assert {p["name"]: p["country"] for p in an.places}.get("Erie") == "US"
    an = geomap.analyze("Storm damage was reported in Grad on Monday.")
    assert [p["country"] for p in an.places] == ["SI"]
    # an actor's country ("Russian jets") says who acts, not where the text is
    an = geomap.analyze("Russian jets bombed Kafr Nabl overnight.")
    assert "SY" in {p["country"] for p in an.places}


def test_a_mid_size_city_alone_abroad_and_far_from_the_story_is_no_place() -> None:
    """"Palma" in a Cabo Delgado story is not Palma de Mallorca (400,000 people, 7,900 km from the rest; the
    Mozambican town is not in the gazetteer); a city that size near the story (Geneva in a Ukraine story) or a
    large one (Jerusalem, 970,000) stays."""
    an = geomap.analyze("Insurgents attacked Macomia and Mocimboa da Praia in Cabo Delgado province on Monday. "
                        "Residents fled to Palma, further north.")
    assert {p["country"] for p in an.places} == {"MZ"}
    an = geomap.analyze("Shelling hit Kharkiv and Sumy in Ukraine overnight. Delegations meet in Geneva next week.")
    assert {p["name"]: p["country"] for p in an.places}.get("Geneva") == "CH"
    an = geomap.analyze("The mayor of Springfield, Illinois, travelled to Jerusalem last week.")
    assert {p["name"]: p["country"] for p in an.places}.get("Jerusalem") == "IL"
    # a far city that is the only place of its name is what the text says
    an = geomap.analyze("Shelling hit Sumy in Ukraine. A delegation from Canberra visited the city in April.")
    assert {p["name"]: p["country"] for p in an.places}.get("Canberra") == "AU"


def test_a_name_alone_abroad_may_name_a_world_region() -> None:
    """"Darfur" in a Sudan story: the region, not the postcode settlement of Darfur, Minnesota."""
    an = geomap.analyze("The war in Sudan has spread to Darfur.")
    got = {p["name"]: (p["kind"], p["country"]) for p in an.places}
    assert got["Darfur"][0] == "world_region" and "US" not in {c for _, c in got.values()}


def test_a_region_phrase_the_gazetteer_holds_as_a_town_is_that_town() -> None:
    """"the remote Gourma Rharous region, about 120 km from Timbuktu": no admin-1 region of that name, but the
    district's town is in the gazetteer — the claim is measured from it, not lost as "not in the gazetteer"."""
    (c,) = geomap.analyze("The raid took place in the remote Gourma Rharous region, about 120 kilometres from the "
                          "city of Timbuktu.").claims
    assert c["subject"]["name"] == "Gourma Rharous" and c["target"]["name"] == "Timbuktu"
    assert c["verdict"] == "consistent"


def test_a_list_of_villages_keeps_to_its_country() -> None:
    """"Kfar Kila, Houla, Kfar Shouba, Yaroun and Khiam": a list mostly in Lebanon; Yaroun (a village in Zhytomyr)
    and Houla (Syria's Kafr Lāhā, which holds "Houla" as another name) are not put on the map, while a neighbour's
    town that goes by the name written stays ("Sudzha, Sumy and Krasnopillia")."""
    an = geomap.analyze("Troops were seen in several villages, including Kfar Kila, Houla, Kfar Shouba, Yaroun and "
                        "Khiam.")
    assert {p["country"] for p in an.places} <= {"LB"}
    an = geomap.analyze("Shelling hit Sudzha, Sumy and Krasnopillia overnight.")
    assert {p["name"]: p["country"] for p in an.places}["Sudzha"] == "RU"


def test_kashmir_under_either_administration_is_a_world_region() -> None:
    """"PoK" and "Pakistan-administered Kashmir" name Pakistan's two Kashmir units (not Sankt Pölten, which lists
    "PoK" among its alternate names, nor India's Jammu and Kashmir); "15 km inside PoK" is a band in Pakistan along
    India, limited to those units; "Kotli, in Pakistan-administered Kashmir, is …" is about Kotli."""
    an = geomap.analyze("Indian troops pushed 15 km inside PoK, the army said.")
    assert {p["name"]: p["kind"] for p in an.places}["Pakistan-administered Kashmir"] == "world_region"
    (c,) = an.claims
    assert c.verdict == "drawn" and c.countries == ("PK", "IN") and c.region.id == "region:PAK_KASHMIR"
    from geomap.geo.entities import region

    assert c.polygon.difference(region("region:PAK_KASHMIR").geometry.buffer(0.01)).area < 1e-6
    an = geomap.analyze("Shelling was reported in Indian-administered Kashmir overnight.")
    got = {p["name"]: p["kind"] for p in an.places}
    assert got.get("Indian-administered Kashmir") == "world_region" and "Jammu and Kashmīr" not in got
    (c,) = geomap.analyze("The camp at Kotli, in Pakistan-administered Kashmir, is about 15 km from the border "
                          "with India.").claims
    assert c.subject.name == "Kotli"


def test_a_world_region_of_admin1_units_ranks_by_its_people() -> None:
    """A world region made of admin-1 regions has their people (not 0), so its names outrank a small town's
    alternate name, as any entity's would."""
    from gazetteer import Gazetteer

    (top, *_rest) = Gazetteer.default().resolve("PoK")
    assert top.kind == "world_region" and top.population > 1_000_000


def test_a_border_claim_takes_the_country_whose_polygon_holds_the_subject() -> None:
    """GeoNames codes Smara in Morocco; the pack's polygons put it in Western Sahara, which borders Mauritania:
    "Smara lies about 80 km from the border with Mauritania" is measured (82 km), not "no land border"."""
    (c,) = geomap.analyze("In Western Sahara, Smara lies about 80 km from the border with Mauritania.").claims
    assert c.countries == ("EH", "MR") and c.verdict == "consistent" and abs(c.measured_km - 82.4) < 1.0


def test_an_exclave_is_not_inside_the_country_around_it() -> None:
    """"The Tajik village of Vorukh sits about 10 km inside Kyrgyzstan": the data puts Vorukh in Tajikistan, 1 km
    from its own edge — that is no depth into Kyrgyzstan, so no "inconsistent"; a place in the named country is
    judged as before."""
    (c,) = geomap.analyze("The Tajik village of Vorukh sits about 10 km inside Kyrgyzstan.").claims
    assert c.verdict == "not_checkable" and "not inside KG" in c.reason
    (c,) = geomap.analyze("The village of Kozinka lies 1 km inside Russia.").claims
    assert c.verdict == "consistent"


def test_a_region_name_is_not_another_countrys_alternate_name() -> None:
    """"Sikkim" is the Indian state (a source lists it among Slovakia's names); "the Philippine Coast Guard" is a
    force, not Kenya's Coast province or Tanzania's Pwani."""
    got = {p["name"]: p["country"] for p in geomap.analyze("Chinese troops massed near Sikkim, close to the Indian "
                                                           "border.").places}
    assert got.get("Sikkim") == "IN" and "SK" not in got.values()
    got = {p["country"] for p in geomap.analyze("The Philippine Coast Guard said ships near Luzon were harassed.")
           .places}
    assert got == {"PH"}


def test_an_implied_location_without_a_direction_is_labelled_without_one() -> None:
    """"Chinese patrols came within 5 km of Tawang": the uncertainty disc is "≤ 5 km of Tawang …", never "None of"."""
    an = geomap.analyze("Chinese patrols came within 5 km of Tawang.")
    assert list(an.layers()["zones"]["label"]) == ["≤ 5 km of Tawang Town"]


def test_a_place_after_an_institutions_de_is_no_surname() -> None:
    """"the Hôpital Universitaire de Mirebalais": Mirebalais is the town (it was taken for a surname, as in "Charles
    de Gaulle", and dropped from the whole article)."""
    an = geomap.analyze("Patients were taken to the Hôpital Universitaire de Mirebalais. Mirebalais lies 40 miles "
                        "from Port-au-Prince.")
    assert {p["name"] for p in an.places} >= {"Mirebalais", "Port-au-Prince"}
    (c,) = an.claims
    assert c.subject.name == "Mirebalais"


def test_a_glued_arabic_article_reads_the_name_apart() -> None:
    """"Elwak" is El Wak (Kenya) as the gazetteer writes it; a word it holds as written (Eldoret) stays itself."""
    got = {p["name"] for p in geomap.analyze("Troops moved from Eldoret to Elwak.").places}
    assert got == {"Eldoret", "El Wak"}


def test_a_city_called_so_beats_one_called_so_formerly() -> None:
    """"Kaliningrad is about 1,000 km from Moscow": Kaliningrad (430,000), not Korolev by Moscow (Kaliningrad until
    1996, 220,000) — a false "inconsistent" at 22 km."""
    (c,) = geomap.analyze("Kaliningrad is about 1,000 km from Moscow.").claims
    assert c.subject.name == "Kaliningrad" and c.verdict == "consistent"
