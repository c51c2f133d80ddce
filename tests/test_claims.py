"""One test per claim form, on sentences the project writes; kinds, stated values, entities, modality."""

from __future__ import annotations

import pytest

import geomap


def claims_of(text: str) -> list[dict]:
    return geomap.analyze(text).claims


def only(text: str) -> dict:
    cs = claims_of(text)
    assert len(cs) == 1, cs
    return cs[0]


def test_distance_to_border_with_conversion() -> None:
    c = only("Chernihiv is about 60 kilometers (37 miles) from the Belarusian border.")
    assert c["kind"] == "distance_to_border"
    assert c["stated_km"] == 60 and c["qualifier"] == "about"
    assert c["subject"]["name"] == "Chernihiv"
    assert sorted(c["countries"]) == ["BY", "UA"]
    assert c["measured_km"] is not None and c["verdict"] in ("consistent", "inconsistent")


def test_distance_to_border_named_with() -> None:
    c = only("The village of Sumy lies 28 km from the border with Russia.")
    assert c["kind"] == "distance_to_border" and sorted(c["countries"]) == ["RU", "UA"]
    assert c["verdict"] == "consistent"


def test_band_inside_territory_in_region() -> None:
    c = only("Russian troops pushed up to 8 kilometres inside Ukrainian territory in the Chernihiv region.")
    assert c["kind"] == "buffer_inside_along_border"
    assert c["inside"] == "UA" and c["along"] == "RU"
    assert c["region"]["id"].startswith("admin1:UA.")
    assert c["stated_km"] == 8 and c["qualifier"] == "up to"
    assert c["verdict"] == "drawn" and c["area_km2"] > 0


def test_band_deep_security_zone_along_border() -> None:
    c = only("Ankara wants a 40 km deep security zone inside northern Iraq along the Turkish border.")
    assert c["kind"] == "buffer_inside_along_border"
    assert c["inside"] == "IQ" and c["along"] == "TR"
    assert c["verdict"] == "drawn"


def test_band_both_sides_of_the_line() -> None:
    text = ("Talks on the Ukraine–Russia border continued. Negotiators discussed a 10 km demilitarised strip on both "
            "sides of the line.")
    c = [c for c in claims_of(text) if c["kind"] == "buffer_inside_along_border"][0]
    assert c["both_sides"] is True
    assert sorted([c["inside"], c["along"]]) == ["RU", "UA"]


def test_radius_around_place() -> None:
    c = only("Officials set up a 20 km exclusion zone around Kursk.")
    assert c["kind"] == "radius_around_place"
    assert c["subject"] is None and c["target"]["name"] == "Kursk"  # the centre is the reference
    assert c["stated_km"] == 20 and c["verdict"] == "drawn"


def test_radius_around_a_facility_is_not_drawn_around_the_city() -> None:
    # the Kursk nuclear plant is at Kurchatov, ~40 km from Kursk: a circle around the city would be wrong
    c = only("Officials set up a 20 km exclusion zone around the Kursk nuclear plant.")
    assert c["kind"] == "radius_around_place" and c["subject"] is None
    assert c["target"] == {"id": None, "name": "Kursk nuclear plant"}  # named as written, not the city
    assert c["verdict"] == "not_checkable" and "facility" in c["reason"]


def test_between_places_with_direction() -> None:
    c = only("Pokrovsk, about 50 km north-west of Donetsk, came under fire.")
    assert c["kind"] == "distance_between_places"
    assert c["subject"]["name"] == "Pokrovsk" and c["target"]["name"] == "Donetsk"
    assert c["direction"] == "north-west"
    assert c["verdict"] == "consistent"


def test_between_places_miles_first() -> None:
    c = only("Rebels took Sake, some 60 km (37 miles) north of Goma, on Tuesday.")
    assert c["kind"] == "distance_between_places"
    assert c["stated_km"] == 60 and c["qualifier"] == "about" and c["direction"] == "north"
    assert c["target"]["name"] == "Goma"


def test_within_of_place() -> None:
    c = only("Mykolaiv is within 15 km of Kherson, officials said.")
    assert c["kind"] == "distance_between_places" and c["qualifier"] == "within"
    assert c["verdict"] == "inconsistent"  # Mykolaiv–Kherson is ~ 55 km


def test_range() -> None:
    c = only("Sumy is 20–30 km from the Russian border.")
    assert c["stated_km"] == [20.0, 30.0] and c["qualifier"] == "range" and c["verdict"] == "consistent"


@pytest.mark.parametrize("text,modality", [
    ("Sumy is not within 10 km of the Russian border.", "negated"),
    ("A deal would create a 20 km zone inside Ukrainian territory along the Russian border.", "hypothetical"),
    ("If talks fail, a 15 km buffer zone inside Ukraine along the Russian border could follow.", "hypothetical"),
    ("Moscow claimed its troops were 5 km from Kupiansk; Kyiv denied it.", "denied"),
])
def test_modality(text: str, modality: str) -> None:
    c = only(text)
    assert c["modality"] == modality


def test_negated_verdict_flips() -> None:
    c = only("Sumy is not within 10 km of the Russian border.")
    assert c["verdict"] == "consistent"  # it is ~ 28 km away


def test_unresolved_subject_not_checkable() -> None:
    c = only("The convoy stopped 12 km north of Kharkiv.")
    assert c["kind"] == "distance_between_places"
    assert c["verdict"] == "not_checkable" and c["subject"] is None and c["reason"]


def test_claim_span_and_sentence() -> None:
    text = "Intro line.\n\nSumy is about 30 km from the Russian border. More text."
    c = only(text)
    s, e = c["span"]
    assert "30 km" in text[s:e]
    assert c["sentence"] == "Sumy is about 30 km from the Russian border."


def test_border_with_direction() -> None:
    c = only("Kyiv is located some 90 kilometres south of the Belarusian border.")
    assert c["kind"] == "distance_to_border" and c["direction"] == "south"
    assert sorted(c["countries"]) == ["BY", "UA"] and c["verdict"] == "consistent"
    assert "bearing" in c["reason"]


def test_unnamed_border_uses_nearest_land_border() -> None:
    c = only("Vovchansk, 5 km (3 miles) from the border, was destroyed.")
    assert c["kind"] == "distance_to_border" and c["stated_km"] == 5
    assert sorted(c["countries"]) == ["RU", "UA"] and "assumed" in c["reason"]


def test_band_range_deep_in_region() -> None:
    c = only("Russian troops have created a buffer zone 10-15 km deep in the Kharkiv region.")
    assert c["kind"] == "buffer_inside_along_border" and c["stated_km"] == [10.0, 15.0]
    assert c["inside"] == "UA" and c["along"] == "RU" and c["region"]["name"] == "Kharkiv"
    assert "15 km" in c["reason"]  # drawn at the high end of the range


def test_front_line_not_checkable() -> None:
    c = only("Kherson lies 8 km from the front line.")
    assert c["verdict"] == "not_checkable" and "front" in c["reason"]


def test_distance_between_named_left() -> None:
    c = only("The distance between Kyiv and Lviv is about 470 km.")
    assert c["kind"] == "distance_between_places"
    assert {c["subject"]["name"], c["target"]["name"]} == {"Kyiv", "Lviv"} and c["verdict"] == "consistent"


def test_unnamed_subject_with_direction_draws_implied_location() -> None:
    from pyproj import Geod

    an = geomap.analyze("The convoy stopped about 12 km north-east of Kharkiv.")
    c = an.claims[0]
    assert c["verdict"] == "not_checkable" and c["subject"] is None
    k = next(p for p in an.places if p["name"] == "Kharkiv")
    lon, lat, _ = Geod(ellps="WGS84").fwd(k["lon"], k["lat"], 45.0, 12_000)
    assert c["implied_point"] == pytest.approx([lon, lat], abs=1e-4)
    z = an.layers()["zones"]
    assert list(z["zone_type"]) == ["uncertainty"] and list(z["kind"]) == ["offset"]
    from shapely.geometry import Point

    assert z.geometry.iloc[0].contains(Point(lon, lat))


def test_place_depth_inside_country_is_border_distance() -> None:
    c = only("The town of Sudzha, 10 km inside Russia, was captured by Ukrainian troops.")
    assert c["kind"] == "distance_to_border" and c["subject"]["name"] == "Sudzha"
    assert sorted(c["countries"]) == ["RU", "UA"] and c["verdict"] == "consistent"


def test_attribution() -> None:
    c = only("Russian officials claimed their troops were within 5 km of Kramatorsk; Kyiv denied it.")
    assert c["modality"] == "denied" and c["attributed_to"] == {"id": "country:RU", "name": "Russia"}


def test_anaphora_subject_and_reference() -> None:
    c = only("Vovchansk was shelled again; the town lies 5 km from the border.")
    assert c["kind"] == "distance_to_border" and c["subject"]["name"] == "Vovchansk"
    c = only("Kharkiv came under attack. Russian forces massed about 30 km north of the city.")
    assert c["kind"] == "distance_between_places" and c["target"]["name"] == "Kharkiv"
    assert c["direction"] == "north" and c["subject"] is None


def test_an_anaphor_looks_back_two_sentences_only() -> None:
    """"the village located 20 km from Kharkiv" four sentences after the last named town is an unnamed village,
    not that town."""
    text = ("Shelling hit Vovchansk on Monday. Officials met on Tuesday. Markets were closed. Schools stayed shut. "
            "A resident of the village located 20 km from Kharkiv said the shelling went on all night.")
    c = only(text)
    assert c["kind"] == "distance_between_places" and c["subject"] is None
    c = only("Shelling hit Vovchansk on Monday. Markets were closed. The town lies 5 km from the border.")
    assert c["subject"]["name"] == "Vovchansk"


def test_a_pronoun_does_not_skip_a_place_the_gazetteer_lacks() -> None:
    """"… from a village in Gorvale valley, in Tsarnak district. It is 45 km from Kharkiv": "It" is that village
    (unknown), not the town named a sentence earlier (a false "inconsistent" against it)."""
    text = ("A drone was shot down over Vovchansk on Wednesday.\n\nThe Gorvale sector takes its name from a village in "
            "Tsarnak valley, in Zlatny district. It is 45 kilometres from Kharkiv.")
    c = only(text)
    assert c["subject"] is None and c["verdict"] == "not_checkable"
    # a sentence naming no place between them changes nothing
    c = only("Sudzha was shelled on Monday, Governor Ivan Petrov said on Telegram. It lies about 10 km from the border.")
    assert c["subject"]["name"] == "Sudzha"


def test_an_anaphor_with_a_nationality_looks_for_a_place_in_that_country() -> None:
    """"The northeastern Ukrainian city is …" after "The Post was on scene" (Post, Texas): the city is Kharkiv."""
    text = ("KHARKIV, Ukraine - Civilians were wounded in strikes on Thursday in Kharkiv.\n\nThe Post was on scene as "
            "investigators arrived.\n\nThe northeastern Ukrainian city is just 15 miles from the Russian border.")
    c = only(text)
    assert c["subject"]["name"] == "Kharkiv" and sorted(c["countries"]) == ["RU", "UA"]


@pytest.mark.parametrize("text, capital", [
    ("Clashes broke out in Libya's capital Tripoli on Monday. Officials said the fighting struck villages about "
     "40 km south of the capital.", "Tripoli"),
    ("Russian forces massed near Chernihiv in Ukraine. Their columns stood about 30 km north of the capital.", "Kyiv"),
])
def test_the_capital_is_the_capital_of_the_country_the_text_is_about(text: str, capital: str) -> None:
    """"south of the capital": the capital of the country most places named so far are in (Ukraine, not the
    "Russian" of the actors), checked against the pack's capital of that country."""
    c = only(text)
    assert c["kind"] == "distance_between_places" and c["target"]["name"] == capital


def test_the_capital_followed_by_its_name_or_of_a_country_is_no_anaphor() -> None:
    assert only("Rebels took Kabo, around 400 km north of the capital Bangui.")["target"]["name"] == "Bangui"
    c = only("Fighting in Ukraine reached a town about 30 km north of the capital of Belarus.")
    assert (c.get("target") or {}).get("name") != "Kyiv"


def test_a_zone_spanning_the_figure_is_the_subject_not_the_place_before_it() -> None:
    """"In Gaza … restricted areas spanning 300 metres to one kilometre from the fence" is a band, not Gaza city's
    distance to the border; a zone merely mentioned between the place and the figure changes nothing."""
    c = only("In Gaza, Israel enforced restricted areas spanning 300 metres to one kilometre from the fence.")
    assert c["kind"] == "buffer_inside_along_border" and c["stated_km"] == [0.3, 1.0]
    c = only("Moscow wants a buffer zone in Sumy stretching 10 km from the border.")
    assert c["kind"] == "buffer_inside_along_border" and c["subject"] is None
    c = only("Sumy, a city with a buffer zone nearby, lies 30 km from the border.")
    assert c["kind"] == "distance_to_border" and c["subject"]["name"] == "Sumy"


def test_things_in_a_place_at_the_figure_are_not_the_place() -> None:
    """"towns in Sumy 10 km from the border": the towns are at 10 km, not Sumy city (27 km away); after a comma the
    figure is the place's own."""
    c = only("Russian drones hit towns in Sumy 10 km from the border.")
    assert c["subject"] == {"id": None, "name": "towns"} and c["verdict"] == "not_checkable"
    c = only("People in Sumy, 30 km from the border, heard blasts.")
    assert c["subject"]["name"] == "Sumy"


@pytest.mark.parametrize("text", ["Ten kilometres from the Russian border, Vovchansk was shelled again.",
                                  "About 10 km from the border lies the town of Vovchansk."])
def test_a_figure_opening_the_sentence_belongs_to_the_place_after_it(text: str) -> None:
    c = only(text)
    assert c["kind"] == "distance_to_border" and c["subject"]["name"] == "Vovchansk"


def test_seeking_refuge_is_no_wish() -> None:
    """"sought refuge in X, 20 km from Y" happened; "Moscow seeks a 30 km buffer" is a wish."""
    assert only("Families sought refuge in Kramatorsk, 20 km from Sloviansk.")["modality"] == "asserted"
    assert only("Moscow seeks a buffer zone 30 km deep inside Ukraine.")["modality"] == "hypothetical"


def test_a_pronoun_far_from_the_figure_does_not_bring_back_the_last_town() -> None:
    """"… said it was beefing up security at the Kursk nuclear plant, located 35 km from the border": the facility
    is the subject (not checkable), not the village of the sentence before (that was a false "inconsistent")."""
    text = ("Attacks were repelled at Russkoye Porechnoye 18 km from the border. The Guard said it was beefing up "
            "security at the Kursk nuclear power plant, located just 35 km from the border.")
    c = geomap.analyze(text).claims[1]
    assert c["subject"]["id"] is None and "plant" in c["subject"]["name"] and c["verdict"] == "not_checkable"


def test_a_wish_in_another_clause_does_not_make_the_figure_hypothetical() -> None:
    text = "The rebels, who have threatened to unseat the president, said they seized Kabo, around 400 km north of Bangui."
    assert only(text)["modality"] == "asserted"
    assert only("Officials said the zone would extend 30 km into Syria.")["modality"] == "hypothetical"


@pytest.mark.parametrize("text,km,inside", [
    ("Ukrainian troops entered the Kursk region; the incursion was about 12km deep and 40km wide.", 12.0, "RU"),
    ("Turkey would like the security zone along the Syrian border to be 32 kilometres deep.", 32.0, "SY"),
    ("Ukrainian troops were up to 10 kilometers deep into the Kursk region.", 10.0, "RU"),
    ("Ukrainian troops are 10 km inside Russia.", 10.0, "RU"),
])
def test_a_depth_is_a_band(text: str, km: float, inside: str) -> None:
    """A depth given to an incursion or zone, or where troops stand inside a country, is a band along the border."""
    c = only(text)
    assert c["kind"] == "buffer_inside_along_border" and c["stated_km"] == km and c["inside"] == inside
    assert c["verdict"] == "drawn"


def test_a_band_along_a_de_facto_line_is_not_drawn_on_the_border() -> None:
    """"a 5-km belt on either side of the LoC" is not the India–Pakistan international border of the pack."""
    c = only("India and Pakistan traded fire. The 5-km (3-mi) belt on either side of the LoC is a no-go area.")
    assert c["kind"] == "buffer_inside_along_border" and c["verdict"] == "not_checkable" and "LoC" in c["reason"]


def test_where_a_zone_ends_is_not_the_border_it_follows() -> None:
    """"a safe zone 30 km deep … in Syria, all the way to the Iraqi border" is set up by Turkey along its border."""
    c = only("Turkey wants a safe zone 30 kilometers deep east of the Euphrates in Syria, all the way to the Iraqi border.")
    assert sorted(c["countries"]) == ["SY", "TR"] and c["inside"] == "SY"


def test_the_name_before_an_apposition_is_the_subject() -> None:
    """"Seoul, the capital of South Korea, is located 56 km south of the DMZ": Seoul, not the country."""
    c = only("Seoul, the capital of South Korea, is located approximately 56 kilometers south of the DMZ.")
    assert c["subject"]["name"] == "Seoul"


@pytest.mark.parametrize("text, subject, country", [
    ("Shells fell on Tripoli, a Lebanese port city about 30 km from the Syrian border.", "Tripoli", "LB"),
    ("Drones hit Sderot, an Israeli town about 2 km from the Gaza border.", "Sderot", "IL"),
    ("Shelling hit Kafr Kila, a Lebanese border village about 2 km from the Israeli border.", "Kfar Kila", "LB"),
    ('"We heard the blasts all night in Sumy," a city about 30 km from the Russian border, a resident said.',
     "Sumy", "UA"),
])
def test_an_apposition_with_a_nationality_keeps_the_name_before_the_comma(text: str, subject: str,
                                                                           country: str) -> None:
    """"Tripoli, a Lebanese port city 30 km from …": the nationality only modifies the settlement noun; the name
    before the comma (also inside a closing quote) is the subject, in the country the adjective names."""
    c = only(text)
    assert c["subject"]["name"] == subject
    assert country in c["countries"] and c["verdict"] == "consistent"


def test_an_apposition_names_a_place_in_its_country_or_none() -> None:
    """"Muse, a Myanmar town": the gazetteer's only Muse is in Pennsylvania, which is not the answer."""
    an = geomap.analyze("Rebels seized Muse, a Myanmar town about 5 km from the Chinese border.")
    assert "US" not in {p["country"] for p in an.places}
    assert only("Rebels seized Muse, a Myanmar town about 5 km from the Chinese border.")["verdict"] == "not_checkable"


def test_a_second_figure_after_a_named_border_keeps_the_subject() -> None:
    c = geomap.analyze("Kharkiv is 30 kilometres from the border with Russia and about 400 kilometres from Kyiv.").claims
    assert [x["subject"]["name"] for x in c] == ["Kharkiv", "Kharkiv"]


def test_a_sentence_initial_preposition_is_no_part_of_the_name() -> None:
    c = only("In Sudzha, a town about 10 km inside Russia, fighting continued.")
    assert c["subject"]["name"] == "Sudzha"


def test_a_line_running_from_one_end_to_the_other_is_a_length() -> None:
    text = "The border between the two countries stretches about 76 kilometers from Metula in the east to the sea."
    assert geomap.analyze(text).claims == []


@pytest.mark.parametrize("text", ["Shelling hit Vovchansk again. The embattled town lies 5 km from the border.",
                                  "Residents fled Vovchansk, this small town located about 5 kilometers from the border."])
def test_an_anaphor_with_a_modifier(text: str) -> None:
    assert only(text)["subject"]["name"] == "Vovchansk"


def test_a_name_in_a_name_is_located_by_it() -> None:
    """"patrols at Garkhal in Akhnoor, about 35 km west of Jammu": Garkhal (not in the gazetteer), not Akhnoor
    (21 km from Jammu: that was a false "inconsistent"); "Residents in Balad, 30 km …" is still about Balad."""
    c = only("Soldiers patrol the fence at Garkhal in Akhnoor, about 35 kilometers west of Jammu.")
    assert c["subject"] is None or c["subject"]["name"] == "Garkhal"
    assert c["verdict"] == "not_checkable"
    assert only("Residents in Balad, 30 km north of Baghdad, fled.")["subject"]["name"] == "Balad"


def test_a_figure_right_after_the_place_an_advance_is_on() -> None:
    """"Capturing Selydove would pave the way for an advance on Pokrovsk 20 km (12 miles) northwest": Pokrovsk from
    Selydove (the gerund opening the sentence is no first name either)."""
    c = only("Capturing Selydove would pave the way for an advance on Pokrovsk 20 km (12 miles) northwest.")
    assert (c["subject"]["name"], c["target"]["name"], c["direction"]) == ("Pokrovsk", "Selydove", "north-west")
    assert geomap.analyze("Russian troops shelled Pokrovsk 20 km northwest.").claims == []


def test_the_first_of_two_figures_shares_the_second_ones_reference() -> None:
    claims = geomap.analyze("Fighting raged near villages located 25 km and 30 km from the border.").claims
    assert [(c["kind"], c["stated_km"]) for c in claims] == [("distance_to_border", 25.0), ("distance_to_border", 30.0)]


def test_a_width_alone_is_no_band() -> None:
    assert geomap.analyze("The corridor is 15 km wide.").claims == []


def test_no_shared_border_not_checkable() -> None:
    c = only("Madrid is about 30 km from the Ukrainian border.")
    assert c["kind"] == "distance_to_border" and c["verdict"] == "not_checkable"
    assert c["measured_km"] is None and "share no land border" in c["reason"]


def test_zone_stretching_from_the_border_is_a_band() -> None:
    c = only("Russia wants a buffer zone stretching 10 km from the border into Ukraine.")
    assert c["kind"] == "buffer_inside_along_border"
    assert c["inside"] == "UA" and c["along"] == "RU" and c["verdict"] == "drawn"


def test_a_negation_does_not_cross_into_an_apposition() -> None:
    c = only("Drivers were told not to use the roads to Tyre, located about 20 km north of the Israeli border.")
    assert c["modality"] == "asserted"


@pytest.mark.parametrize("text", [
    "The convoy was pushed back 10 to 25 km north, east and south of Kharkiv last month.",
    "Patrols were seen 15 km north and east of Sumy.",
    "The convoy stopped about 12 km north or west of Kharkiv.",
])
def test_a_list_of_directions_is_no_bearing(text: str) -> None:
    """Several directions ("north, east and south of X") say the figure holds around X, not along one bearing: no
    direction is read and no implied location is drawn on the last one named."""
    an = geomap.analyze(text)
    c = only(text)
    assert c["kind"] == "distance_between_places" and c["direction"] is None
    assert c.get("implied_point") is None and "implied location" not in c["reason"]
    assert an.layers()["zones"].empty


def test_a_list_of_directions_still_measures_the_distance() -> None:
    c = only("Okhtyrka lies about 75 km north or west of Poltava.")
    assert c["direction"] is None and c["verdict"] == "consistent" and "bearing" not in c["reason"]
    assert (c["subject"]["name"], c["target"]["name"]) == ("Okhtyrka", "Poltava")


@pytest.mark.parametrize("text", [
    "The distance between Sumy and the Russian border is about 30 km.",
    "The distance from Sumy to the border with Russia is roughly 30 kilometres.",
    "The distance between Sumy and the Russian frontier was about 30 km.",
])
def test_the_distance_between_a_place_and_a_border(text: str) -> None:
    c = only(text)
    assert c["kind"] == "distance_to_border" and c["subject"]["name"] == "Sumy"
    assert sorted(c["countries"]) == ["RU", "UA"] and c["stated_km"] == 30 and c["verdict"] == "consistent"


def test_the_distance_between_two_places_stays_a_distance_between_places() -> None:
    c = only("The distance between Sumy and Kharkiv is about 145 km.")
    assert c["kind"] == "distance_between_places"
    assert (c["subject"]["name"], c["target"]["name"]) == ("Sumy", "Kharkiv")


def test_where_an_organisation_is_based_is_no_side_of_the_border() -> None:
    """"the U.S.-based institute said troops were 10 km deep into Kursk": the band is along Russia's border with
    the troops' country, not with the United States."""
    c = only("Analysts at a U.S.-based institute said the advance of Ukrainian troops was up to 10 km deep into "
             "the Kursk region.")
    assert c["kind"] == "buffer_inside_along_border" and sorted(c["countries"]) == ["RU", "UA"]
    assert c["verdict"] == "drawn"


@pytest.mark.parametrize(("text", "direction"), [
    ("Okhtyrka lies about 75 km from Poltava to the north.", "north"),
    ("Patrols were seen about 30 km from Kharkiv to the north-east.", "north-east"),
    ("Okhtyrka lies about 75 km from Poltava, to the north of the river.", None),
])
def test_a_direction_after_the_reference(text: str, direction: str | None) -> None:
    """"N km from X to the north-east" is N km north-east of X; "to the north of <something else>" is not."""
    c = only(text)
    assert c["kind"] == "distance_between_places" and c["direction"] == direction


def test_an_unknown_place_after_a_possessive_country_is_no_border() -> None:
    """"30 km north of Syria's Tel Zibra" (a place the gazetteer lacks) is from that place, as written — never a
    distance to Syria's border (which a town near it would fail)."""
    c = only("Fighting was reported in Azaz, 30 km north of Syria's Tel Zibra.")
    assert c["kind"] == "distance_between_places" and c["verdict"] == "not_checkable"
    assert c["target"]["name"] == "Tel Zibra" and c["target"]["id"] is None


def test_a_march_towards_a_place_judges_no_bearing() -> None:
    """"to march 90 km north to Damascus" is the way from the subject, not where the subject lies."""
    c = only("Rebels say Daraa will be the base from which they march 90 km north to Damascus.")
    assert c["direction"] is None and "bearing" not in c["reason"]


def test_the_capital_after_a_possessive_region_is_the_reference() -> None:
    """"130 km south-west of the Sumy region's regional capital Sumy": from the city, not from the region."""
    c = only("Shelling hit Poltava, some 130 km south-west of the Sumy region's regional capital Sumy.")
    assert c["kind"] == "distance_between_places" and c["target"]["name"] == "Sumy"
    assert c["target"]["id"].startswith("geonames:")


@pytest.mark.parametrize("text", [
    "Chernihiv is about 60 km from the border of Belarus.",
    "Kupiansk lies about 40 km from the border of the Kharkiv region with Russia.",
])
def test_the_border_of_a_named_country_or_region(text: str) -> None:
    c = only(text)
    assert c["kind"] == "distance_to_border" and c["measured_km"] is not None


def test_n_km_in_the_north_of_a_place() -> None:
    c = only("The attack took place in Okhtyrka, 75 km in the north of Poltava.")
    assert (c["subject"]["name"], c["target"]["name"], c["direction"]) == ("Okhtyrka", "Poltava", "north")


def test_a_band_with_one_country_named_takes_its_other_side_from_its_own_sentence() -> None:
    """"Turkey has announced a 32-km deep zone along the border with Syria" after a paragraph about Lebanon: the
    band follows the Syria border of a country the sentence names, never Lebanon's (a country it does not name)."""
    text = ("Israeli strikes hit villages in southern Lebanon on Monday.\n\nTurkey has announced a 32-km deep buffer "
            "zone along the border with Syria, state media reported.")
    c = geomap.analyze(text).claims[-1]
    assert c["kind"] == "buffer_inside_along_border" and sorted(c["countries"]) == ["SY", "TR"]


def test_a_pair_of_figures_keeps_its_places_when_one_is_unknown() -> None:
    """"the villages of Tolpino and Verkhnyaya Zorka - which are about 25km and 30km from the border": the first
    figure is Tolpino's (checked), the second the unknown village's (named as written, not checked)."""
    cs = claims_of("Fighting raged near the villages of Tolpino and Verkhnyaya Zorka - which are about 25km and "
                   "30km from the Russia-Ukraine border.")
    assert [(c["stated_km"], c["subject"]["name"]) for c in cs] == [(25.0, "Tolpino"), (30.0, "Verkhnyaya Zorka")]
    assert cs[0]["verdict"] == "consistent" and cs[1]["subject"]["id"] is None and cs[1]["verdict"] == "not_checkable"


def test_a_pair_described_together_keeps_its_figures_in_order() -> None:
    """"A and B, two cities on the coast, lie about 20 km and 40 km from the border respectively": an apposition
    about both members sits between the pair and its figures; each figure is its own city's."""
    cs = claims_of("Tyre and Sidon, two cities on the Lebanese coast, lie about 20 km and 35 km from the Israeli "
                   "border respectively.")
    assert [(c["stated_km"], c["subject"]["name"]) for c in cs] == [(20.0, "Tyre"), (35.0, "Sidon")]
    assert [c["verdict"] for c in cs] == ["consistent", "consistent"]


def test_a_nearest_border_guess_does_not_contradict_a_named_country_without_a_border_line() -> None:
    """"Israeli units were seen in Qatana, some 4 km inside Syrian territory": no neighbour of Syria is named, and
    the data has no Israel–Syria line, so the nearest border (Lebanon's, 13.7 km) is a guess — its "inconsistent"
    is withheld; with no foreign country named the guess stands, and a figure that fits it is kept."""
    c = only("Israeli armoured units were seen in Qatana, some 4 km inside Syrian territory.")
    assert c["verdict"] == "not_checkable" and "IL" in c["reason"] and c["measured_km"] == pytest.approx(13.7, abs=0.1)
    assert only("Armoured units were seen in Qatana, some 4 km inside Syrian territory.")["verdict"] == "inconsistent"
    assert only("Israeli armoured units were seen in Qatana, some 14 km inside Syrian territory.")["verdict"] == \
        "consistent"


def test_an_incursion_that_reached_a_position_is_a_point_not_a_band() -> None:
    """"The incursion has reached about 25 km south-west of Damascus": where it got to (a point from Damascus),
    not a band along some border."""
    c = only("The armoured incursion has reached about 25 km (16 miles) southwest of Damascus, sources said.")
    assert c["kind"] == "distance_between_places" and c["target"]["name"] == "Damascus"
    assert c["direction"] == "south-west"


@pytest.mark.parametrize("line", ["the LoC", "the Line of Control", "the LAC", "the line of actual control"])
def test_a_line_of_control_is_not_the_international_border_however_spelt(line: str) -> None:
    """"15 km from the LoC" and "15 km from the Line of Control" are one claim: not judged against the pack's
    international border (no geometry for the line without --lines)."""
    c = only(f"Kotli is about 15 km from {line}.")
    assert c["verdict"] == "not_checkable" and "Line of" in c["reason"] and c.get("measured_km") is None


def test_a_sector_named_after_a_town_is_not_the_town() -> None:
    """"The intrusion in Muzaffarabad sector happened 3-4 miles from the border": somewhere in the sector, not
    the city's point (28 km from the border: a false "inconsistent" before)."""
    c = only("The intrusion in Muzaffarabad sector happened 3-4 miles from the border, officials said.")
    assert c["verdict"] == "not_checkable" and c["subject"] == {"id": None, "name": "Muzaffarabad sector"}
    assert "area named after" in c["reason"]
    assert only("Shelling hit Muzaffarabad, 30 km from the border.")["verdict"] == "consistent"


@pytest.mark.parametrize("text, name", [
    ("Insurgents hit Mocímboa da Praia, about 180 km north of Pemba.", "Mocímboa da Praia"),
    ("They attacked the village of Nhica do Rovuma, 30 kilometres from Macomia.", "Nhica do Rovuma"),
])
def test_a_name_with_a_lowercase_particle_is_one_subject(text: str, name: str) -> None:
    """Portuguese "da"/"do" inside a name ("Mocímboa da Praia") keep the whole name as the subject (not "Praia",
    the Cape Verde capital, nor "Rovuma")."""
    c = only(text)
    assert c["subject"]["name"] == name


def test_a_pull_back_from_a_spot_is_no_band() -> None:
    """"Chinese troops pulling back two km from the clash site": a move away from a spot, not a strip along the
    whole India–China border; a pull-back from the border or the positions stays a band."""
    assert claims_of("India and China clashed in June. With Chinese troops pulling back two km from the clash site "
                     "in the valley, talks resumed.") == []
    assert only("Both armies agreed to pull back 3 km from the border.")["kind"] == "buffer_inside_along_border"


def test_a_place_in_the_division_of_another_is_the_subject() -> None:
    """"Kibumba in the territory of Nyiragongo, only about twenty kilometers from Goma": the division's name only
    locates the village (as "Shostka in the Sumy region, 40 km …" does)."""
    c = only("M23 rebels took Kibumba in the territory of Nyiragongo, only about twenty kilometers from Goma.")
    assert c["subject"]["name"] == "Kibumba" and c["target"]["name"] == "Goma"
    c = only("Fighting hit Sake in the province of North Kivu, about 25 km from Goma.")
    assert c["subject"]["name"] == "Sake" and c["verdict"] == "consistent"


def test_a_sea_that_locates_the_subject_is_not_the_subject() -> None:
    """"The South Korean island is located in the Yellow Sea, about 80 km west of Incheon": the island (named as
    written), not the sea."""
    c = only("The South Korean island is located in the Yellow Sea, about 80 km west of Incheon.")
    assert c["subject"]["name"] == "South Korean island" and c["target"]["name"] == "Incheon"


def test_a_river_is_not_the_place_it_is_named_after() -> None:
    """"Kupiansk lies 3 km from the Oskil River": the river (no geometry in the pack), not the village of Oskil
    61 km away (a false "inconsistent" before)."""
    c = only("Kupiansk lies 3 km from the Oskil River.")
    assert c["verdict"] == "not_checkable" and c["target"] == {"id": None, "name": "Oskil River"}
    assert "is a river" in c["reason"]


def test_a_list_line_is_about_the_name_that_opens_it() -> None:
    """A list of targets, one per line ("- Bahawalpur – 100 km inside Pakistan", "Muridke: around 450 km from
    Delhi"): each figure is about the name before its dash or colon."""
    cs = claims_of("The targets, by distance:\n- Bahawalpur – 100 km inside Pakistan\n- Sawai Camp – 30 km inside "
                   "Pakistan\nMuridke: around 450 km from Delhi")
    assert [(c["kind"], c["subject"]["name"]) for c in cs] == [
        ("distance_to_border", "Bahawalpur"), ("distance_to_border", "Sawai Camp"),
        ("distance_between_places", "Muridke")]
    assert [c["verdict"] for c in cs] == ["consistent", "not_checkable", "consistent"]


@pytest.mark.parametrize("text", [
    "One of the camps, the one in Bahawalpur in Pakistan's Punjab, is, in fact, 100km from the border with India.",
    "Bahawalpur is, however, 100 km from the border with India.",
])
def test_a_sentence_adverb_between_subject_and_figure_is_skipped(text: str) -> None:
    """", is, in fact, 100km from …": the adverb only links the subject (Bahawalpur, not Punjab) to its figure."""
    c = only(text)
    assert c["subject"]["name"] == "Bahawalpur" and c["verdict"] == "consistent"


def test_a_facility_after_an_adjective_is_still_the_facility() -> None:
    """"about 150 km west of the 900-year-old Preah Vihear temple": the temple (not located), not the province
    it is named after (a point was drawn from the province's centre)."""
    c = only("Clashes erupted near Samraong, about 150 km west of the 900-year-old Preah Vihear temple.")
    assert c["target"] == {"id": None, "name": "Preah Vihear temple"} and c["verdict"] == "not_checkable"
    assert c.get("implied_point") is None


@pytest.mark.parametrize("text", [
    "Pemba airport was busy. Insurgents attacked Macomia. Helicopters had to refuel in Pemba, 100km away, and return.",
    "Insurgents attacked Macomia. Helicopters had to refuel in Pemba, 100km away - and return.",
])
def test_n_km_away_is_from_another_place_than_the_subject(text: str) -> None:
    """"refuel in Pemba, 100km away": from the place named before (Macomia), never from an earlier mention of
    Pemba itself; a dash typed as a spaced hyphen ends the phrase as "—" does."""
    c = only(text)
    assert (c["subject"]["name"], c["target"]["name"], c["verdict"]) == ("Pemba", "Macomia", "consistent")


@pytest.mark.parametrize("text", [
    "Erbil is about 320 km north of Iraq's capital, Baghdad.",
    "Erbil is about 320 km north of Iraq's capital Baghdad.",
])
def test_a_possessive_countrys_capital_then_its_name_is_the_reference(text: str) -> None:
    """"320 km north of Iraq's capital, Baghdad": from Baghdad (318 km), not from Iraq's border (a false
    "inconsistent" with the comma before)."""
    c = only(text)
    assert (c["kind"], c["target"]["name"], c["verdict"]) == ("distance_between_places", "Baghdad", "consistent")


@pytest.mark.parametrize("text", [
    "The Qandil Mountains straddle the border, extending about 30 kilometers into Turkish territory.",
    "The marshes stretch some 20 km into Iranian territory.",
    "The Qandil Mountains lie in the Kurdistan Region at the confluence of the Iraqi, Iranian, and Turkish borders, "
    "extending about 30 kilometers into Turkish territory.",
    "Troops hold the corridor, which spans 6.5km from the perimeter fence to the sea.",
])
def test_how_far_a_feature_reaches_is_no_band(text: str) -> None:
    """A mountain range or marsh reaching N km into a country, a corridor spanning N km from the fence to the sea:
    geography and lengths, not a strip along the border (bands of 7,847 km² and 2,201 km² were drawn)."""
    assert claims_of(text) == []


def test_a_band_from_the_fence_in_a_gaza_sentence_lies_in_the_gaza_strip() -> None:
    """"Gaza residents must keep a distance of at least 150 metres from the perimeter fence": the Gaza fence (not
    the West Bank's line too)."""
    c = only("Israel told Gaza residents to keep a distance of at least 150 metres from the perimeter fence.")
    assert c["region"]["name"] == "Gaza Strip"


def test_a_band_along_a_places_fence_lies_in_its_region() -> None:
    """"a 1-km buffer zone along the Gaza perimeter fence": inside the Gaza Strip (about 51 km²), not along the
    West Bank too (378 km²)."""
    c = only("Israel has declared a 1-km buffer zone along the Gaza perimeter fence.")
    assert c["region"]["name"] == "Gaza Strip" and c["area_km2"] < 80


def test_its_and_the_port_city_point_back() -> None:
    """"It's 60km SE from Tripoli" is about the town named before (Tarhuna, 65 km: consistent); "20 nautical
    miles southwest of the port city" is from the port named before."""
    c = only("Forces retook Tarhuna on Friday. It's 60km SE from Tripoli.")
    assert (c["subject"]["name"], c["target"]["name"], c["verdict"]) == ("Tarhuna", "Tripoli", "consistent")
    cs = claims_of("The vessel was 34 nautical miles southwest of Hodeidah. Another ship was hit 20 nautical miles "
                   "southwest of the port city.")
    assert [c["target"]["name"] for c in cs] == ["Al Ḩudaydah", "Al Ḩudaydah"]


@pytest.mark.parametrize("text, subject", [
    ("Haifa, a major Israeli city 150 km from the Gaza Strip, was hit.", "Haifa"),
    ("Nabatieh, a town in southern Lebanon about 12 km from the border, was hit.", "Nabatîyé et Tahta"),
    ("Israel struck Lebanon. Baalbek, a Hezbollah stronghold in the Bekaa Valley about 100km from the border, was "
     "struck.", "Baalbek"),
])
def test_an_apposition_that_places_the_name_keeps_it_the_subject(text: str, subject: str) -> None:
    """"Haifa, a major Israeli city 150 km from …", "Baalbek, a Hezbollah stronghold in the Bekaa Valley about
    100km from …": the name before the comma, not the nationality's noun or the valley."""
    assert only(text)["subject"]["name"] == subject


def test_the_town_of_x_in_apposition_names_the_subject() -> None:
    """"the northernmost part of Israel, the town of Qiryat Shemona, located just 7 kilometers from the Lebanese
    border": the town is named by the apposition (it does not describe Israel)."""
    c = only("Rockets hit the northernmost part of Israel, the town of Qiryat Shemona, located just 7 kilometers "
             "from the Lebanese border.")
    assert c["subject"]["name"] == "Qiryat Shmona" and c["verdict"] == "consistent"


def test_a_thing_near_a_town_is_not_the_town() -> None:
    """"a village near Saravan, Iran, about 3 km from the Pakistani border": the village (unnamed), not Saravan
    (42 km from the border: a false "inconsistent" before)."""
    c = only("Drones struck a village near Saravan, Iran, about 3 km from the Pakistani border.")
    assert c["subject"] == {"id": None, "name": "village"} and c["verdict"] == "not_checkable"


def test_a_relative_clause_and_appears_to_fall_keep_the_named_subject() -> None:
    """"Badme, which is held by Ethiopian forces, appears to fall nearly 2 km within Eritrean territory": where
    Badme lies (2.3 km: consistent), not a band of an advance (269 km² drawn before)."""
    c = only("Badme, which is held by Ethiopian forces, appears to fall nearly 2 km within Eritrean territory.")
    assert (c["kind"], c["subject"]["name"], c["verdict"]) == ("distance_to_border", "Badme", "consistent")


def test_an_area_extending_n_metres_from_the_border_is_a_band() -> None:
    """"The ban applies to an area extending 200 meters from the border with Belarus near Białowieża": a band on
    the near side, along the stretch by Białowieża (not an unnamed place's distance)."""
    c = only("The ban applies to an area extending 200 meters from the border with Belarus near Bialowieza.")
    assert c["kind"] == "buffer_inside_along_border" and c["inside"] == "PL" and c["verdict"] == "drawn"


def test_an_advance_placed_at_an_unknown_name_draws_no_whole_border() -> None:
    """"Eritrean troops advanced 20 km into Ethiopia from Zalambessa" (not in the gazetteer): where along the border
    is said but not known — no band (a 17,097 km² strip along the whole border was drawn); unplaced, it is drawn."""
    c = only("Eritrean troops advanced 20 km into Ethiopia from Zalambessa.")
    assert c["verdict"] == "not_checkable" and "Zalambessa" in c["reason"]
    assert only("Eritrean troops advanced 20 km into Ethiopia.")["verdict"] == "drawn"


def test_a_journey_into_a_countrys_territory_is_a_depth() -> None:
    """"travelled more than 12 miles into Ethiopian territory": how deep (a band), not a journey's length."""
    c = only("Eritrean soldiers travelled more than 12 miles into Ethiopian territory.")
    assert (c["kind"], c["inside"]) == ("buffer_inside_along_border", "ET")
    assert claims_of("Refugees travelled 30 km to reach Goma.") == []


def test_a_facility_placed_in_a_city_by_an_apposition_is_not_the_city() -> None:
    """"Walton airport, a small airfield in a residential area of Lahore, about 25 km east of the border": the
    airport is the subject (not checkable: the gazetteer does not locate it), not Lahore's centre."""
    c = only("A drone was downed near Walton airport, a small airfield in a residential area of Lahore, about 25 "
             "kilometres east of the border with India.")
    assert c["subject"] == {"id": None, "name": "Walton airport"} and c["verdict"] == "not_checkable"
    c = only("Rebels hold Mainok, a village in the south of Borno, 60 km from Maiduguri.")
    assert c["subject"]["name"] == "Mainok"
    # with no comma before the figure it is the named place's: "a village near the city of Tyre some 20 km from …"
    c = only('The agency said "a drone targeted a car in Qlayle", a village near the coastal city of Tyre some 20 '
             'kilometres from the Israeli border.')
    assert c["subject"]["name"] == "Tyre" and c["verdict"] == "consistent"


@pytest.mark.parametrize("text, km", [
    ("Warsaw said the zone on the Belarus border would be set up to a depth of two kilometres in places.", 2.0),
    ("Poland will build a buffer zone along the border with Belarus at a depth of 200 metres.", 0.2),
])
def test_a_zone_at_a_depth_of_n_is_a_band(text: str, km: float) -> None:
    c = only(text)
    assert c["kind"] == "buffer_inside_along_border" and c["stated_km"] == km
    assert sorted(c["countries"]) == ["BY", "PL"] and c["verdict"] == "drawn"


def test_a_depth_with_no_zone_is_no_claim() -> None:
    assert claims_of("Divers worked at a depth of 20 metres near Sevastopol.") == []


def test_a_list_of_figures_never_makes_the_reference_before_a_subject() -> None:
    """"Their troops are 150 km from Kharkiv, 100 km from Sumy …": the troops (unnamed) each time, never Kharkiv
    as the subject of "100 km from Sumy" (two false inconsistent verdicts)."""
    cs = claims_of("Their troops are at a distance of 150 km from Kharkiv, 100 km from Sumy and 60 km from Poltava.")
    assert [c["target"]["name"] for c in cs] == ["Kharkiv", "Sumy", "Poltava"]
    assert all(c["subject"] is None and c["verdict"] == "not_checkable" for c in cs)
    cs = claims_of("Shelling hit Sumy, 30 km from the border, and Okhtyrka, 50 km from Sumy.")
    assert [c["subject"]["name"] for c in cs] == ["Sumy", "Okhtyrka"]


def test_a_place_naming_an_office_is_no_antecedent() -> None:
    """"… on Shebekino, Belgorod Governor Ivan Petrov said. … the town, which is about 7 km from the border":
    the town is Shebekino, not Belgorod (the governor's title; a false inconsistent at 35 km)."""
    c = only("Two people were hurt in the strike on Shebekino, Belgorod Governor Ivan Petrov said. He said he came "
             "under fire near the town, which is only about 7 km (4.5 miles) north of the border with Ukraine.")
    assert c["subject"]["name"] == "Shebekino" and c["verdict"] == "consistent"
    # the anaphor read when the mentions are resolved ("enter the town, which …") follows the same rule
    c = only("Two people were hurt in the strike on Shebekino, Belgorod Governor Ivan Petrov said.\n\nPetrov said "
             "two plants in the town had been hit. On Saturday, he said he had come under fire when trying to enter "
             "the town, which is only about 7 km (4.5 miles) north of the border with Ukraine.")
    assert c["subject"]["name"] == "Shebekino" and c["verdict"] == "consistent"


def test_a_place_positioned_on_a_coast_is_the_subject() -> None:
    """"Assab is a port city …, positioned on the western coast of the Red Sea approximately 40 km north of the
    Djibouti border": Assab, not the Red Sea (read as Sudan's Red Sea state)."""
    c = only("Assab is a port city in Eritrea, positioned on the western coast of the Red Sea approximately 40 "
             "kilometers north of the Djibouti border.")
    assert c["subject"]["name"] == "Assab" and c["verdict"] == "consistent"


def test_the_capital_of_a_region_then_its_name_is_the_reference() -> None:
    """"from the provincial capital of South Kivu, Bukavu": Bukavu, not the province's centre."""
    c = only("The airport, located about thirty kilometers from the provincial capital of South Kivu, Bukavu, fell.")
    assert c["target"]["name"] == "Bukavu"


def test_a_gapped_list_repeats_the_claim_for_each_place() -> None:
    """"Sumy is 30 km from the border, Kharkiv 35 km and Poltava 140 km": three border distances (the verb and the
    reference are left out for the last two); a figure after a name that is not a list of the claim stays unread."""
    cs = claims_of("Sumy is 30 km from the border, Kharkiv 35 km and Poltava 140 km.")
    assert [(c["subject"]["name"], c["stated_km"], c["kind"]) for c in cs] == [
        ("Sumy", 30.0, "distance_to_border"), ("Kharkiv", 35.0, "distance_to_border"),
        ("Poltava", 140.0, "distance_to_border")]
    cs = claims_of("Kramatorsk is 20 km from Sloviansk, and Druzhkivka 15 km.")
    assert [(c["subject"]["name"], c["target"]["name"]) for c in cs][1][1] == "Slovyansk"
    assert len(claims_of("Sumy is 30 km from the border, Kharkiv residents said of a 35 km convoy.")) == 1


def test_a_name_called_a_region_in_apposition_is_the_region() -> None:
    """"into Kursk, a region about 500 km southwest of Moscow": the region (not a point: not judged), not Kursk
    city (judged inconsistent on its bearing)."""
    c = only("Ukraine launched an incursion into Kursk, a region about 500 kilometres southwest of Moscow.")
    assert c["subject"]["id"].startswith("admin1:") and c["verdict"] == "not_checkable"
    c = only("Sudzha, a town in the Kursk region, lies 10 km from the border.")
    assert c["subject"]["name"] == "Sudzha"


def test_a_zone_said_to_be_in_a_territory_lies_there() -> None:
    """"Israel forged a buffer zone … the buffer zone in the Palestinian enclave extended 330 yards along the
    fence with Israel": inside the Palestinian territories (it was drawn inside Israel, the article's actor)."""
    cs = claims_of("Israel is building a buffer zone along its fence with Gaza, the army said. Before that date, the "
                   "buffer zone in the Palestinian enclave extended over an area of 330 yards along the 36-mile "
                   "separation fence.")
    assert cs[-1]["kind"] == "buffer_inside_along_border" and cs[-1]["countries"][0] == "PS"


@pytest.mark.parametrize(("text", "subjects"), [
    ("Shelling hit the villages of Khotin and Yunakivka, both about 10 km from the Russian border.",
     {"Khotin", "Yunakivka"}),
    ("Belgorod and Shebekino, each within 40 km of the Ukrainian border, were shelled.", {"Belgorod", "Shebekino"}),
    ("Sumy, Okhtyrka and Konotop are all more than 20 km from the border.", {"Sumy", "Okhtyrka", "Konotop"}),
])
def test_one_figure_said_of_every_place_of_a_list(text: str, subjects: set[str]) -> None:
    """"A and B, both about 10 km from the border": the figure holds for each place listed (one claim each)."""
    cs = geomap.analyze(text).claims
    assert sorted(c.subject.name for c in cs) == sorted(subjects)
    assert len({(c.stated.low_km, c.stated.qualifier) for c in cs}) == 1


def test_a_list_without_both_or_a_plural_verb_is_not_distributed() -> None:
    """"Troops left Sumy and reached Okhtyrka, 40 km from the border": the figure is Okhtyrka's only."""
    cs = geomap.analyze("Troops left Sumy and reached Okhtyrka, 40 km from the border.").claims
    assert [c.subject.name for c in cs] == ["Okhtyrka"]


@pytest.mark.parametrize(("text", "target"), [
    ("Enerhodar lies about 5 km from the Zaporizhzhia NPP.", "Zaporizhzhia NPP"),
    ("Kurchatov is about 3 km from the Kursk NPP.", "Kursk NPP"),
    ("The shell landed 100 meters from the Dnipro power line.", "Dnipro power line"),
])
def test_plants_and_power_lines_are_facilities_not_their_towns(text: str, target: str) -> None:
    """"the Zaporizhzhia NPP" is the plant (not the city 50 km away: a false "inconsistent"); "the Dnipro power line"
    is neither the city nor a front line."""
    (c,) = geomap.analyze(text).claims
    assert c.kind == "distance_between_places" and c.target.name == target and c.verdict == "not_checkable"


def test_several_hundred_metres_is_a_vague_range() -> None:
    """"several hundred metres" is 200–900 m and "a few hundred meters" 200–500 m (not 100 m); "one hundred metres"
    is 100 m."""
    (c,) = geomap.analyze("Enerhodar lies several hundred metres from the Zaporizhzhia nuclear power plant.").claims
    assert (c.stated.low_km, c.stated.high_km) == (0.2, 0.9) and c.subject.name == "Enerhodar"
    (c,) = geomap.analyze("Troops dug in a few hundred meters from the front line.").claims
    assert (c.stated.low_km, c.stated.high_km) == (0.2, 0.5)
    (c,) = geomap.analyze("The convoy stopped one hundred metres from the border.").claims
    assert c.stated.high_km == 0.1


def test_territorial_claims_and_disputed_land_are_no_denial() -> None:
    """"a town that Venezuela claims … in the disputed territory" describes a dispute over land; the writer still
    states the figure (not "denied"). A claim that is disputed stays denied."""
    (c,) = geomap.analyze("Lethem, a Guyanese town that Venezuela claims, is about 1 km from the border with Brazil "
                          "in the disputed territory.").claims
    assert c.modality != "denied"
    (c,) = geomap.analyze("Russia claimed its troops were 10 km inside Ukraine, which Kyiv disputed.").claims
    assert c.modality == "denied"


@pytest.mark.parametrize("text", [
    "Djibo, a town of some 60,000 people in Burkina Faso's Soum province, is about 40 km from the border with Mali.",
    "Djibo, a town of 60,000 people, is about 40 km from the border with Mali.",
])
def test_an_apposition_giving_a_population_describes_the_name_before(text: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c.subject.name == "Djibo" and c.verdict in ("consistent", "inconsistent")


def test_a_plural_possessive_country_owns_its_capital() -> None:
    """"the Netherlands' capital, Amsterdam" is Amsterdam (not the Netherlands' border)."""
    (c,) = geomap.analyze("Maastricht is about 170 km from the Netherlands' capital, Amsterdam.").claims
    assert c.kind == "distance_between_places" and c.target.name == "Amsterdam" and c.verdict == "consistent"


@pytest.mark.parametrize("text", [
    "Officials in the eastern town of Abeche said that one site, 55 km from the Chad-Sudan border, was chosen.",
    "In Maiduguri, officials said a school 40 km from the Cameroon border was attacked.",
    "From Maiduguri, officials said one site, 40 km from the Cameroon border, was attacked.",
])
def test_an_unnamed_site_is_not_the_town_named_before(text: str) -> None:
    """"one site, 55 km from the border", "a school 40 km from the border": the site is not named, so the claim is
    not measured from the town before it (a false "inconsistent")."""
    (c,) = geomap.analyze(text).claims
    assert c.subject is None or c.subject.id is None
    assert c.verdict == "not_checkable"


@pytest.mark.parametrize(("text", "subject", "verdict"), [
    ("Drones struck al-Obeid, about 360 km south-west of Khartoum.", "El Obeid", "consistent"),
    ("Despite el-Fasher being less than 300 kilometers from Chad, aid is scarce.", "El Fasher", "consistent"),
    ("Refugees reached Adre — about 30 kilometres from Geneina — on foot.", "Adré", "consistent"),
    ("Engels lies far from the fighting — about 500 km from the Ukrainian border.", "Engels", "consistent"),
])
def test_article_prefixes_and_dashed_appositions_keep_the_subject(text: str, subject: str, verdict: str) -> None:
    """A lower-case Arabic article ("al-Obeid") is part of the name the spotter found ("Obeid"); a figure right
    after a dash ("Adre — about 30 km from Geneina —") is an apposition to the name before the dash."""
    (c,) = geomap.analyze(text).claims
    assert c.subject.name == subject and c.verdict == verdict


@pytest.mark.parametrize(("text", "subject", "target"), [
    ("Shelling near Kherson continues. It is only 18 kilometers from Nikopol to Marhanets.", "Nikopol", "Marhanets"),
    ("It is about 55 km from Kherson to Nova Kakhovka.", "Kherson", "Nova Kakhovka"),
])
def test_from_x_to_y_is_the_distance_between_them(text: str, subject: str, target: str) -> None:
    """"It is only N km from X to Y": between X and Y — not from a place named earlier ("It" is no anaphor)."""
    (c,) = geomap.analyze(text).claims
    assert (c.subject.name, c.target.name) == (subject, target) and c.verdict == "consistent"


def test_a_relative_clause_after_a_facility_in_a_place_is_about_the_facility() -> None:
    """"the Novoshakhtinsk refinery in Rostov, which sits eight km from the border": the refinery (not Rostov-on-Don,
    66 km away: a false "inconsistent"); "troops in Afgoye, which lies 30 km from Mogadishu" stays Afgoye's."""
    (c,) = geomap.analyze("Video was filmed at the Novoshakhtinsk refinery in Rostov, which sits eight km from the "
                          "Ukrainian border.").claims
    assert c.subject.id is None and c.verdict == "not_checkable"
    (c,) = geomap.analyze("Troops in Afgoye, which lies 30 km from Mogadishu, were attacked.").claims
    assert c.subject.name == "Afgooye"


@pytest.mark.parametrize(("text", "subject"), [
    ("Located roughly 250 kilometers south of Tehran, Natanz stands as a key site.", "Naţanz"),
    ("Dajabon, which has a population of 25,000 and is about 80 miles from the Haitian capital, was calm.",
     "Dajabón"),
    ("Krynky lies 2 km from the river and 35 km from Kherson.", "Krynky"),
])
def test_subjects_across_fronted_phrases_relative_clauses_and_unread_figures(text: str, subject: str) -> None:
    """"Located N km south of X, Y stands as …"; "Y, which has a population of 25,000 and is N miles from …"; "Y
    lies 2 km from the river and 35 km from X" (the first figure names no place, the second keeps Y)."""
    cs = [c for c in geomap.analyze(text).claims if c.target is not None and c.target.id]
    assert [c.subject.name for c in cs] == [subject]


def test_an_unread_figure_lends_its_subject_only_after_a_copula() -> None:
    """"The drones crashed near Energetikov Street, 200 meters from the houses and 6 km from Kurchatov": no subject
    is named for the figures (not the street)."""
    cs = geomap.analyze("The drones crashed near Energetikov Street, 200 meters from the houses and 6 km from "
                        "Kurchatov.").claims
    assert all(c.subject is None or c.subject.id is None for c in cs)


def test_the_nations_capital_in_apposition_is_the_reference() -> None:
    """"Mirebalais, some 30 miles away from the nation's capital, Port-au-Prince" (was no claim)."""
    (c,) = geomap.analyze("The aid convoy reached Mirebalais, some 25 miles away from the nation's capital, "
                          "Port-au-Prince.").claims
    assert (c.subject.name, c.target.name) == ("Mirebalais", "Port-au-Prince") and c.verdict == "consistent"


def test_the_island_of_a_village_name_is_the_island() -> None:
    """"the Philippines' main island of Luzon": the island as written, not the village of Luzon in Davao Oriental
    (1,300 km from the shoal); "the island of Kinmen" keeps its town."""
    cs = geomap.analyze("Chinese ships were seen about 230 km from the Philippines' main island of Luzon.").claims
    assert [c.target.name for c in cs] == ["Luzon"] and cs[0].target.id is None


@pytest.mark.parametrize(("text", "kind", "verdict"), [
    ("Laukkai is located 80 miles east of Lashio along the China-Myanmar border.", "distance_between_places",
     "consistent"),
    ("Sandwip lies about 10 km off the coast of Bangladesh.", "distance_between_places", "not_checkable"),
])
def test_a_place_before_along_the_border_and_a_countrys_coast_are_the_references(text: str, kind: str,
                                                                               verdict: str) -> None:
    """"80 miles east of Lashio along the China-Myanmar border": from Lashio (it was Laukkai's 3.9 km to the
    border: a false "inconsistent"); "off the coast of Bangladesh": the coast, not the land border with India."""
    (c,) = geomap.analyze(text).claims
    assert c.kind == kind and c.verdict == verdict


def test_a_figure_in_a_name_is_no_distance() -> None:
    """"the 105-Mile Trade Zone" is a place's name (it was a 169 km band along the border); a headline in title
    case keeps its figure ("Turkey Plans 30-Kilometre Buffer Zone Inside Iraq")."""
    assert not geomap.analyze("Rebels seized the 105-Mile Trade Zone near the Chinese border on Friday.").claims
    assert geomap.analyze("Turkey Plans 30-Kilometre Buffer Zone Inside Iraq\n\nThe plan was announced.").claims
    (c,) = geomap.analyze("Turkey wants a 30-Kilometre Safe Zone inside Syria, officials said.").claims
    assert c.verdict == "drawn"


def test_a_border_line_that_stops_short_at_an_estuary_is_no_ground_for_inconsistent() -> None:
    """Natural Earth's Bangladesh–Myanmar line ends at the Naf estuary (21.06° N): "Teknaf is about 3 km from the
    Myanmar border" measures 22.7 km to the line's end, but Myanmar is 2.9 km away across the water — not_checkable
    with both readings. "A shopkeeper in Teknaf said" keeps Teknaf a place (not a speaker's surname)."""
    (c,) = geomap.analyze("A shopkeeper in Teknaf said the shelling was heavy. Teknaf is about 3 km from the "
                          "Myanmar border.").claims
    assert c.subject.name == "Teknāf" and c.verdict == "not_checkable" and "across the water" in c.reason
    (c,) = geomap.analyze("Sumy is about 60 km from the Russian border.").claims
    assert c.verdict == "inconsistent"


def test_water_numbered_sites_and_arabic_heads_are_no_towns() -> None:
    """"the Bay of Bengal" is not Somalia's Bay region; "Tower 22" and "Checkpoint 14" are numbered sites (not
    Tower, Ireland); "Haj Omran" is one name (not Hannover and Amran); "the Mosul Dam" is no Damascus, and "Mount
    Sinjar" keeps Sinjar (no surname after "Mount")."""
    got = {p["name"] for p in geomap.analyze("Ships crossed the Bay of Bengal. The outpost known as Tower 22 lies "
                                             "20 km south of the garrison. The village near Haj Omran was shelled."
                                             ).places}
    assert not got & {"Bay", "Tower", "Hannover", "Amran"}, got
    got = {p["name"] for p in geomap.analyze("Yazidis fled to Mount Sinjar. Engineers checked the Mosul Dam near "
                                             "Mosul.").places}
    assert got == {"Sinjār", "Mosul"}, got


def test_a_coordinated_subject_with_a_plural_verb_is_each_place() -> None:
    """"The villages of Silene and Piedruja are located less than 10 km from the border": one claim each (Silene
    measured; Piedruja, not in the gazetteer, as written) — not one unresolved "Silene and Piedruja"; "landed in A
    and B town, which is around 5 km …" stays one claim."""
    cs = geomap.analyze("The villages of Silene and Piedruja are located less than 10 kilometers from the "
                        "Latvian-Belarusian border.").claims
    assert [(c.subject.name, c.subject.id is not None) for c in cs] == [("Silene", True), ("Piedruja", False)]
    cs = geomap.analyze("Shells landed in Khotin and Yunakivka town, which is around 5 km from the border.").claims
    assert len(cs) == 1


def test_an_incursion_from_a_named_country_follows_that_border() -> None:
    """"A Russian drone penetrated some 40 km into Latvian territory from Belarus": along LV–BY, not LV–RU (the
    drone's nationality)."""
    (c,) = geomap.analyze("A Russian drone penetrated some 40 km into Latvian territory from Belarus before "
                          "crashing.").claims
    assert c.countries == ("LV", "BY")


@pytest.mark.parametrize(("text", "subjects"), [
    ("Located in western Anbar province (about 230 km west of Ramadi), the town of Al-Qaim sits on the border.",
     ["Al Qā’im"]),
    ("Koysinjaq, a city about 65 km east of Erbil in the Kurdish region of northern Iraq and some 300 km north of "
     "the capital, Baghdad, was hit.", ["Koysinceq", "Koysinceq"]),
])
def test_participle_openings_and_placed_references_keep_the_subject(text: str, subjects: list[str]) -> None:
    """A sentence opening "Located in <region> (about N km west of X), the town of Y …" is about Y (not the
    region); "… N km east of X in the Kurdish region of northern Iraq and some M km north of Z" keeps the subject
    for the second figure."""
    assert [c.subject.name for c in geomap.analyze(text).claims] == subjects


def test_a_border_line_ending_at_a_tripoint_is_judged_as_usual() -> None:
    """The Poland–Ukraine line ends at the tripoint with Belarus: "Białystok is about 50 km from the Ukrainian border"
    (182 km) stays "inconsistent" — Ukraine lies across Belarus, not across water."""
    (c,) = geomap.analyze("Bialystok is about 50 km from the Ukrainian border.").claims
    assert c.verdict == "inconsistent" and "across the water" not in c.reason
    (c,) = geomap.analyze("Teknaf is about 15 km from the Myanmar border.").claims
    assert c.verdict == "inconsistent" and "does not fit either" in c.reason


def test_a_figure_that_fits_only_the_end_of_a_short_line_is_not_consistent() -> None:
    """"Teknaf is about 22 km from the Myanmar border": 22.7 km to where the data's line stops, 2.9 km to Myanmar
    across the Naf — the figure fits only the line's end, so not_checkable (not a false "consistent")."""
    (c,) = geomap.analyze("Teknaf is about 22 km from the Myanmar border.").claims
    assert c.verdict == "not_checkable" and "only the end of the line" in c.reason


def test_a_possessive_countrys_border_town_with_a_neighbour_is_the_reference() -> None:
    """"20 km from India's last border town with Myanmar, Moreh" is from Moreh (it was India's border: a false
    "inconsistent" at 16 km)."""
    (c,) = geomap.analyze("Tengnoupal, located roughly 20 kilometres from India's last border town with Myanmar, "
                          "Moreh, was calm.").claims
    assert (c.subject.name, c.target.name, c.verdict) == ("Tengnoupal", "Moreh", "consistent")


def test_a_countrys_coast_is_no_land_border() -> None:
    """"Bhola lies about 50 km off the country's southwestern coast", "10 km off Bangladesh's coast": from the coast
    (not checkable), not the Bangladesh–India land border (a false "inconsistent")."""
    cs = geomap.analyze("Cyclone warnings were issued across Bangladesh. Bhola lies about 50 km off the country's "
                        "southwestern coast.").claims
    assert [(c.kind, c.verdict) for c in cs] == [("distance_between_places", "not_checkable")]
