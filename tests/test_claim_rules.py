"""Every rule of the claim grammar (geomap.text.claims.RULES) reads at least one sentence of its class, and records
its cue. Sentences are written by the project, modelled on phrasings seen in real copy."""

from __future__ import annotations

import pytest

import geomap
from geomap.text.claims import RULES

# (sentence, expected cue, expected kind)
EXAMPLES = [
    ("Officials closed the airspace within a radius of 40 kilometres.", "radius_unnamed", "radius_around_place"),
    ("The width of the strip on which the border regime applies does not exceed three kilometres.",
     "width_of_zone", "buffer_inside_along_border"),
    ("Under the plan both sides would withdraw 10 km from the line of contact.", "pullback",
     "buffer_inside_along_border"),
    ("Moscow wants to push Ukrainian troops as far back as 20 km from its border.", "pullback",
     "buffer_inside_along_border"),
    ("Residents were told not to approach the border with Belarus closer than 3 km.", "closer_to_border",
     "buffer_inside_along_border"),
    ("Farmers must keep a distance of at least 300 metres from the border fence.", "keep_distance",
     "buffer_inside_along_border"),
    ("Officials declared a 30-kilometre exclusion zone around Chornobyl.", "zone_around", "radius_around_place"),
    ("Moscow wants a 30-km buffer zone along the border inside Ukraine.", "zone_after", "buffer_inside_along_border"),
    ("Russian troops massed 30 km south of embattled Kupiansk.", "direction_of", "distance_between_places"),
    ("A buffer zone up to 2 km deep inside Gaza was cleared.", "zone_before", "buffer_inside_along_border"),
    ("The buffer zone now extends 2 km into Gaza.", "zone_extends", "buffer_inside_along_border"),
    ("Ukrainian troops entered Russia; the incursion was about 12 km deep.", "depth_of", "buffer_inside_along_border"),
    ("The corridor is a strip of land 100 metres wide along Gaza's border with Egypt.", "wide_along",
     "buffer_inside_along_border"),
    ("Sudzha lies 10 km inside Russia.", "inside_country", "distance_to_border"),
    ("Russian forces advanced up to 12 km inside Ukrainian territory.", "advance_inside",
     "buffer_inside_along_border"),
    ("Sumy is about 30 km from the Russian border.", "from_border", "distance_to_border"),
    ("Kharkiv is 30 km from Russia.", "from_country", "distance_to_border"),
    ("Villages within 20 km of Bukavu were evacuated.", "within_of", "radius_around_place"),
    ("Pokrovsk, about 50 km north-west of Donetsk, came under fire.", "from_place", "distance_between_places"),
    ("Kharkiv and Belgorod are roughly 80 km apart.", "apart", "distance_between_places"),
    ("Only about 70 km separate Kharkiv from Belgorod.", "separate", "distance_between_places"),
    ("The distance between Kyiv and Chernihiv is about 130 km.", "distance_between", "distance_between_places"),
    ("Avdiivka lies just outside Donetsk, about 15 km to the north.", "trailing_direction",
     "distance_between_places"),
    ("Shelling hit Kherson, and families fled to Mykolaiv, 60 km to the north-west.", "apposition_away",
     "distance_between_places"),
]


@pytest.mark.parametrize("sentence,cue,kind", EXAMPLES, ids=[c for _s, c, _k in EXAMPLES])
def test_rule_reads_its_class(sentence: str, cue: str, kind: str) -> None:
    claims = geomap.analyze(sentence).claims
    assert [(c.cue, c.kind) for c in claims] == [(cue, kind)]


def test_every_rule_has_an_example() -> None:
    names = {name for name, _fn in RULES} - {"not_a_distance"}
    covered = {cue for _s, cue, _k in EXAMPLES} | {"advance_inside", "from_country", "within_of"}
    assert names <= covered, sorted(names - covered)


@pytest.mark.parametrize("sentence, target", [
    ("Balakliia lies about 40 kilometres from the town of Izium in Kharkiv Oblast.", "Izyum"),
    ("Shelling was heard in Bucha, some 25 km from the city of Kyiv.", "Kyiv"),
])
def test_the_town_of_x_names_the_reference_not_an_anaphor(sentence: str, target: str) -> None:
    """"from the town of X": X is the reference; "the town" does not refer back to the subject."""
    claims = [c for c in geomap.analyze(sentence).claims if c.kind == "distance_between_places"]
    assert len(claims) == 1
    c = claims[0]
    assert c["target"]["name"] == target
    assert c["target"]["id"] != (c["subject"] or {}).get("id")


@pytest.mark.parametrize("sentence, inside, other", [
    # the border named by a country's adjective is the line's far side
    ("Ankara gave the militia in Syria five days to be moved back 30 kilometres from areas on the Turkish border.",
     "SY", "TR"),
    # the pulled-back force's own country holds the band it leaves
    ("Moscow wants to push Ukrainian troops as far back as 20 km from its border.", "UA", "RU"),
    ("Damascus demanded that Turkish forces be moved back 15 km from the frontier.", "TR", "SY"),
    # the pushing force comes first, the pushed one nearest the figure
    ("Russian forces aim to push the Ukrainian armed forces as far back as 10 km from the Russian border.", "UA",
     "RU"),
])
def test_a_pullback_band_lies_on_the_pulled_back_side(sentence: str, inside: str, other: str) -> None:
    (c,) = [c for c in geomap.analyze(sentence).claims if c.kind == "buffer_inside_along_border"]
    assert c["inside"] == inside
    assert set(c["countries"]) == {inside, other}


@pytest.mark.parametrize("sentence, things", [
    ("Since the spring, the army has razed structures in Gaza within a kilometre of the border.", "structures"),
    ("Villages in Sumy within 10 km of the border were evacuated.", "Villages"),
    ("Russian forces in Kursk within 10 km of the border were shelled.", "forces"),
])
def test_things_in_a_place_within_n_km_are_the_subject_not_the_place(sentence: str, things: str) -> None:
    """"<things> in <place> within N km of the border": the things are within it; the place only locates them, so
    the figure is never pinned on the place (Gaza city is 2 km from the border, Sumy 28 km, Kursk 96 km)."""
    (c,) = geomap.analyze(sentence).claims
    assert c["subject"] == {"id": None, "name": things}
    assert c["verdict"] == "not_checkable"


def test_a_place_within_n_km_is_still_the_subject() -> None:
    (c,) = geomap.analyze("Sumy is within 30 km of the Russian border.").claims
    assert c["subject"]["name"] == "Sumy" and c["verdict"] == "consistent"


@pytest.mark.parametrize("sentence, subject", [
    # the thing the direction phrase locates carries the figure after the comma, not the reference point
    ("Halba lies slightly north of Tripoli, about 20 km from the Syrian border.", "Halba"),
    ("Shelling hit Halba, a town just north of Tripoli, about 20 km from the Syrian border.", "Halba"),
    ("Ranya is located slightly north of Sulaymaniyah, the capital of the province, less than 60 km from the border "
     "with Iran.", "Rānyah"),
    ("Two villages just south of the coastal city of Tyre, about 25 kilometres from the Israeli border, were hit.",
     "Two villages"),
])
def test_a_figure_after_a_direction_phrase_is_about_the_located_thing(sentence: str, subject: str) -> None:
    """"A lies north of B, N km from the border": the second fact is about A (Tripoli, Sulaymaniyah and Tyre are
    only where A is), and a thing left unnamed ("two villages") leaves the claim unchecked, never pinned on B."""
    (c,) = [c for c in geomap.analyze(sentence).claims if c.kind == "distance_to_border"]
    assert c["subject"]["name"] == subject
    if c["subject"]["id"] is None:
        assert c["verdict"] == "not_checkable"


@pytest.mark.parametrize("sentence, subject", [
    ("Erbil, the capital of the Kurdistan Regional Government, lies 80 km from the border with Iran.", "Erbil"),
    ("Sulaymaniyah, the largest city of the province, is about 50 km from the border with Iran.", "Sulaymaniyah"),
    ("The town lies north of Kharkiv, which is 30 km from the border.", "Kharkiv"),  # a relative clause: Kharkiv
])
def test_an_apposition_describes_the_name_before_it(sentence: str, subject: str) -> None:
    (c,) = [c for c in geomap.analyze(sentence).claims if c.kind == "distance_to_border"]
    assert c["subject"]["name"] == subject


@pytest.mark.parametrize("sentence, subject", [
    # a copula's predicate describes its subject: the name before "is" carries the figure
    ("Mosul is Iraq's second city, located in Nineveh province more than 350 km north of the capital, Baghdad.",
     "Mosul"),
    ("Avdiivka is an industrial town about 15 km north of Donetsk.", "Avdiyivka"),
    # a locative verb's chain of places only says where the subject is
    ("Kramatorsk, situated in the Donetsk region in the east of the country, lies about 80 km north of Donetsk.",
     "Kramatorsk"),
    ("The town lies in the Kherson region about 60 km east of Kherson.", None),  # "the town": no name, no verb
])
def test_a_copula_or_locative_chain_leaves_the_subject_before_it(sentence: str, subject: str | None) -> None:
    (c,) = [c for c in geomap.analyze(sentence).claims if c.kind == "distance_between_places"]
    assert (c["subject"] or {}).get("name") == subject
    if subject is None:
        assert c["verdict"] == "not_checkable"


@pytest.mark.parametrize("text, subject, resolved", [
    # "the village" is the village named as such before it, even one the gazetteer lacks: named, not checked
    ("Troops entered the border village of Qarn al-Zawiya on Sunday. Shelling hit fields around the village, "
     "which is located about 400 meters from the border with Israel.", "Qarn al-Zawiya", False),
    ("Shelling hit the town of Kupiansk on Monday. The town is about 40 km from the Russian border.", "Kupyansk", True),
])
def test_the_village_is_the_village_named_before(text: str, subject: str, resolved: bool) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["subject"]["name"] == subject and (c["subject"]["id"] is not None) == resolved
    if not resolved:
        assert c["verdict"] == "not_checkable"


def test_within_n_km_of_the_city_named_before_is_a_zone_around_it() -> None:
    """"closer to Goma …, fire within 20 km of the city": the city is Goma, so Goma is no subject of its own."""
    (c,) = geomap.analyze("Fighting moved closer to Goma on Tuesday, with exchanges of fire within 20 kilometres "
                          "of the city.").claims
    assert c["kind"] == "radius_around_place" and c["target"]["name"] == "Goma" and c["verdict"] == "drawn"


@pytest.mark.parametrize("text, capital", [
    ("Fighting in Libya went on. Clashes hit districts less than 50 km south of the capital.", "Tripoli"),
    ("Troops massed in Belarus. Officials in Ukraine said clashes hit towns 50 km north of the capital.", None),
])
def test_the_capital_of_the_only_country_named(text: str, capital: str | None) -> None:
    """With no subject and no country word, 'the capital' is the capital of the one country the document names;
    with two countries it stays unread."""
    (c,) = geomap.analyze(text).claims
    assert (c["target"] or {}).get("id") is not None if capital else (c["target"] or {}).get("id") is None
    if capital:
        assert c["target"]["name"] == capital and c["verdict"] in ("drawn", "not_checkable")


@pytest.mark.parametrize("text, subject", [
    # a compass adjective before the country of a region does not hide the reference
    ("Shelling was reported near Rylsk, the governor wrote, referring to a town 30 kilometers from northeastern "
     "Ukraine's Sumy region.", "Ryl’sk"),
    ("Metula is a town 2 km from southern Lebanon.", "Metula"),
])
def test_n_km_from_a_compass_part_of_a_country_is_its_border(text: str, subject: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["kind"] == "distance_to_border" and c["subject"]["name"] == subject
    assert c["verdict"] == "consistent"


@pytest.mark.parametrize("text, kind, km", [
    # the unit's short form in brackets after it is part of the figure
    ("Chinese troops are up to three kilometres (km) inside territory claimed by India in Ladakh.",
     "buffer_inside_along_border", 3.0),
    # with no subject, "up to N km inside" is a depth: a band
    ("Soldiers dug in along the valley, up to 4 km inside territory that India claims.",
     "buffer_inside_along_border", 4.0),
    ("Sudzha lies 10 km (km) inside Russia.", "distance_to_border", 10.0),
])
def test_unit_short_form_and_depth_without_subject(text: str, kind: str, km: float) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["kind"] == kind and c["stated_km"] == km


@pytest.mark.parametrize("text, why", [
    # a namesake in the same region fits the figure and the direction: which village is meant is not said
    ("Troops took the village of Kalynove in the Donetsk region, which lies around 25 km southeast of Pokrovsk.",
     "another one in Donets'k"),
    # a village name shared by many villages of the country: the one meant may be missing from the gazetteer
    ("Troops took Serhiivka, a frontline village some 15 km from Pokrovsk.", "villages in UA"),
])
def test_a_common_village_name_is_no_ground_for_inconsistent(text: str, why: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["verdict"] == "not_checkable" and why in c["reason"] and c["measured_km"] is not None


def test_a_town_far_off_stays_inconsistent() -> None:
    """A town of 27,000 people 162 km away is not excused by a namesake."""
    (c,) = geomap.analyze("Troops took Kupiansk, a town some 15 km from Pokrovsk.").claims
    assert c["verdict"] == "inconsistent"


@pytest.mark.parametrize("text", [
    "Rebels seized a police station near Rakhine State's capital Sittwe. Ponnagyun is on the main road about "
    "30km north of the state capital.",
    "Fighting hit villages 20 km east of the regional capital.",
    # a region's name before "capital" (not a country's word): its seat, which the pack does not locate
    "Wikro, about 45 km north of the Tigray capital, was shelled by Ethiopian forces.",
])
def test_a_state_capital_is_never_the_country_capital(text: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["target"]["id"] is None and "capital" in c["target"]["name"] and c["verdict"] == "not_checkable"


def test_the_town_named_before_not_a_route_named_after_a_city() -> None:
    text = ("Nawnghkio town lies next to Pyin Oo Lwin. The town is also on the Mandalay-Lashio-Muse Highway. "
            "The town is located 56 km north of Pyin Oo Lwin.")
    (c,) = geomap.analyze(text).claims
    assert c["subject"]["name"] == "Nawnghkio" and c["verdict"] == "not_checkable"
    assert "'Nawnghkio' is not in the gazetteer" in c["reason"]


@pytest.mark.parametrize("text, inside, along", [
    # "on its side of the border": the side of the country the sentence is about
    ("Egypt built a one-kilometre-wide buffer zone on its side of the border with Gaza.", "EG", "PS"),
    ("Turkey keeps a 5 km buffer zone on its side of the border with Syria.", "TR", "SY"),
    # a wide strip of land spanning a border is a band along it, not a circle around a town in the border's name
    ("The route is a 14-kilometre long and 100-metre wide strip of land that spans the entire Gaza-Egypt border.",
     "PS", "EG"),
])
def test_own_side_and_wide_strips_along_a_border(text: str, inside: str, along: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["kind"] == "buffer_inside_along_border" and c["inside"] == inside and c["along"] == along


def test_a_corridor_that_connects_places_is_a_route_not_a_band() -> None:
    assert geomap.analyze("The pass was a six-kilometre mountain corridor in Azerbaijan that connected Armenia "
                          "and the enclave.").claims == []


@pytest.mark.parametrize("text, subject", [
    # "the town" after "Kyiv's forces": the possessor is an actor, the town is the one named before
    ("Ukrainian forces seized Sudzha in August. Kyiv's forces have been in the town, located about 90 km "
     "southwest of the city of Kursk.", "Sudzha"),
    # "the northeastern Ukrainian city": adjectives before the noun still make it an anaphor
    ("Shelling hit Kharkiv overnight. The northeastern Ukrainian city is about 30 km from the Russian border.",
     "Kharkiv"),
])
def test_descriptive_anaphors_find_the_place_named_before(text: str, subject: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["subject"]["name"] == subject


def test_a_big_city_measured_from_its_edge_is_not_inconsistent() -> None:
    """Kharkiv's point is ~33 km from the border, its northern edge ~20 km: "15 miles" fits the edge."""
    (c,) = geomap.analyze("Kharkiv is just 15 miles from the Russian border.").claims
    assert c["verdict"] == "not_checkable" and "edge of Kharkiv" in c["reason"]


def test_an_advance_into_the_countryside_of_a_town_is_a_band_that_says_what_it_inferred() -> None:
    (c,) = geomap.analyze("Fighters advanced 9 kilometres into the countryside of Daraa.").claims
    assert c["kind"] == "buffer_inside_along_border" and c["inside"] == "SY"
    assert "not named with the band: inferred" in c["reason"]


@pytest.mark.parametrize("text, kind, km", [
    ("A ship was hit 60 nm southeast of Aden.", "distance_between_places", 111.12),  # maritime nautical miles
    ("A 12-mile (20-kilometre) area was evacuated around the Zaporizhzhia plant.", "radius_around_place", 20.0),
    ("The two Koreas are separated by a demilitarized zone about four kilometres wide.",
     "buffer_inside_along_border", 4.0),
])
def test_more_real_copy_forms_are_read(text: str, kind: str, km: float) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["kind"] == kind and c["stated_km"] == pytest.approx(km)


def test_a_valley_of_some_width_is_no_claim() -> None:
    assert geomap.analyze("The city lies in a valley about four kilometres wide.").claims == []


def test_a_strip_along_a_places_border_lies_on_that_places_side() -> None:
    (c,) = geomap.analyze("Israel wants a buffer strip 100 metres wide along Gaza's border with Egypt.").claims
    assert c["inside"] == "PS" and c["along"] == "EG"


def test_a_small_place_alone_in_its_country_gets_no_inconsistent_verdict() -> None:
    """"Hula" in a Lebanon story resolves to a Syrian town of that name (the Lebanese village is not in the data):
    2 km from the border is then false of the Syrian town, which is not what the article is about."""
    (c,) = geomap.analyze("Israeli troops entered south Lebanon overnight. They entered the village of Hula, 2 km "
                          "from the border.").claims
    assert c["verdict"] == "not_checkable" and "a country nothing else in the article is in" in c["reason"]


@pytest.mark.parametrize("text, subject", [
    ("Fighting broke out in Payathonzu, opposite Phra Chedi Sam Ong, about 2 kilometres from the border.",
     "Payathonzu"),  # a phrase placing the name ("opposite X,") is no subject
    ("Shelling hit Gingal village of Uri in north Kashmir, some 16 km from the Line of Control.", "Gingal"),
])
def test_placing_phrases_leave_the_name_before_them(text: str, subject: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["subject"]["name"] == subject


def test_a_port_city_of_a_country_is_the_reference() -> None:
    (c,) = geomap.analyze("A ship was attacked 51 nautical miles southwest of Yemen's port city of Hodeidah.").claims
    assert c["kind"] == "distance_between_places" and c["target"]["name"] == "Al Ḩudaydah"


def test_a_distance_to_the_dmz_is_to_a_line_not_a_place() -> None:
    (c,) = geomap.analyze("The northern edge of Seoul lies about 36 km from the DMZ.").claims
    assert c["kind"] == "distance_to_border" and c["verdict"] == "not_checkable" and "DMZ" in c["reason"]


@pytest.mark.parametrize("text", [
    "Israeli troops had advanced another 7 km into Syrian territory.",  # an increment, not a depth
    "India shares a long border with Pakistan, of which 221 km of the IB and 740 km of the LoC lie in Jammu.",
    "The disputed frontier, which runs some 2,600 km from Iran to China, divides the valley.",  # a length
])
def test_increments_and_lengths_of_lines_are_no_claims(text: str) -> None:
    assert geomap.analyze(text).claims == []


def test_the_capital_city_is_the_capital() -> None:
    (c,) = geomap.analyze("Fighting in Libya went on. Clashes hit districts less than 50 km south of the capital "
                          "city.").claims
    assert c["target"]["name"] == "Tripoli"


@pytest.mark.parametrize("text, modality", [
    ("The army said Russian troops were about 10 km from Kupiansk.", "attributed"),
    ("Kharkiv is about 30 km from the Russian border, the governor said.", "attributed"),
    # a description the writer adds inside reported speech stays the writer's
    ("Officials said shelling hit Vovchansk, which lies about 5 km from the border.", "asserted"),
    ("Kharkiv is about 30 km from the Russian border.", "asserted"),
    # a new clause after the comma is still what was reported
    ("It was reported that, as part of the operation, Turkish troops moved 30 km deep into Iraqi territory.",
     "attributed"),
    ("Officials closed the airspace within a radius of 50 kilometres, reports Radio Sofia.", "attributed"),
    ("Maps show that Ukrainian forces pushed Russian troops 15 km north of Kharkiv.", "attributed"),
    ("Satellite photos show demolition along a 1-km-deep path on Gaza's border, according to expert reports.",
     "attributed"),
    # a "possible" or "ready to" before the comma does not reach into an apposition about a place
    ("The fall of Rutshuru opens the way for a possible advance on Goma, the provincial capital about 70 km to the "
     "south.", "asserted"),
])
def test_reported_figures_are_attributed(text: str, modality: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["modality"] == modality


@pytest.mark.parametrize("text", [
    'Rebels entered Goma on Monday. "We are in Sake", about 25 km to the west.',
    "Rebels entered Goma on Monday. “We are in Sake”, about 25 km to the west, a commander told us.",
])
def test_a_place_a_speaker_is_in_is_the_subject_of_the_figure_after_it(text: str) -> None:
    """"We are in X", N km to the west: a quote or a speaker is no locative chain; X is the subject, measured from
    the place named before."""
    (c,) = geomap.analyze(text).claims
    assert (c["subject"]["name"], c["target"]["name"]) == ("Sake", "Goma")


@pytest.mark.parametrize("text", [
    "Near Jermuk, Azerbaijani troops advanced 3 km into Armenian territory.",
    "In the Jermuk area, Azerbaijani troops advanced 3 km into Armenian territory.",
    "Azerbaijani troops advanced 3 km into Armenian territory in the vicinity of Jermuk.",
    "Azerbaijani troops advanced 3 km deep into the territory of Armenia in the Jermuk region.",
])
def test_a_band_placed_near_a_town_follows_only_that_stretch_of_the_border(text: str) -> None:
    """A band said to be near a town is drawn along the border near it, not along the whole border."""
    (c,) = geomap.analyze(text).claims
    assert c["kind"] == "buffer_inside_along_border" and "of Jermuk" in c["reason"]


@pytest.mark.parametrize("text", [
    "Azerbaijani soldiers advanced for 200 metres into the Jermuk area.",
    "Farmers were told to maintain a distance of at least 300 metres from the border with Armenia.",
])
def test_depths_after_for_and_kept_distances_are_bands(text: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c.kind == "buffer_inside_along_border" and c.stated.high_km == pytest.approx(0.2 if "200" in text else 0.3)


def test_an_advance_into_the_area_of_a_town_far_from_the_border_is_no_band_from_it() -> None:
    """Kupiansk lies ~35 km from the Russian border: "3 km into the Kupiansk area" is an advance from a front line."""
    (c,) = geomap.analyze("Russian troops advanced 3 km into the Kupiansk area.").claims
    assert c["kind"] == "buffer_inside_along_border" and c["verdict"] == "not_checkable"
    assert "not a depth from the border" in c["reason"]


def test_a_sector_named_for_a_town_is_no_band() -> None:
    """"the Kupiansk direction" is a sector of the front, not territory inside a border."""
    assert geomap.analyze("Russian troops advanced 3 km into the Kupiansk direction.").claims == []


def test_an_anaphor_with_the_figure_in_apposition_is_the_place_named_before() -> None:
    (c,) = geomap.analyze("Russian troops shelled Kupiansk. The city, some 35 km from the border, is hit daily.").claims
    assert c["kind"] == "distance_to_border" and c["subject"]["name"] == "Kupyansk"


@pytest.mark.parametrize("text, subject", [
    ("Russian-occupied Kherson is 60 km from Mykolaiv.", "Kherson"),
    ("Rebel-held Goma lies 25 km from Sake.", "Goma"),
])
def test_who_holds_a_place_is_no_part_of_its_name(text: str, subject: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["subject"]["name"] == subject and c["verdict"] == "consistent"


def test_a_border_that_locates_the_reference_is_not_the_reference() -> None:
    """"N km from X town on the A-B border": the distance is from X; the border only says where X is."""
    (c,) = geomap.analyze("The ambush took place 30 km from Mandera town on the Kenya-Somalia border.").claims
    assert c["kind"] == "distance_between_places" and c["target"]["name"] == "Mandera"


def test_two_places_and_two_figures_pair_in_order() -> None:
    claims = geomap.analyze("Shelling hit Vovchansk and Kupiansk, which lie 5 km and 35 km from the border.").claims
    assert [(c["subject"]["name"], c.stated.high_km) for c in claims] == [("Vovchansk", 5.0), ("Kupyansk", 35.0)]
    assert all(c["verdict"] == "consistent" for c in claims)


def test_within_a_distance_of_a_facility_is_left_unplaced() -> None:
    (c,) = geomap.analyze("Troops advanced to within 500 metres of the presidential palace on Thursday.").claims
    assert c["kind"] == "distance_between_places" and c["target"]["name"] == "presidential palace"
    assert c["verdict"] == "not_checkable" and "facility" in c["reason"]


@pytest.mark.parametrize("text, kind", [
    ("The M23 advanced to within 20 km of Bukavu.", "distance_between_places"),  # where a force got to
    ("Villages within 20 km of Bukavu were evacuated.", "radius_around_place"),  # what lies in a zone
])
def test_a_force_that_got_within_a_distance_is_a_distance_not_a_zone(text: str, kind: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["kind"] == kind and c["target"]["name"] == "Bukavu" and c.polygon is not None


@pytest.mark.parametrize("text, target", [
    ("Khan Yunis lies about 10 kilometres from the Rafah crossing.", "Rafah crossing"),
    ("Enerhodar lies 6 km from the Zaporizhzhia nuclear power plant.", "Zaporizhzhia nuclear power plant"),
    ("The office is less than a kilometre from the Somalia border town of Dolow.", "Dolow"),
])
def test_a_facility_or_a_border_town_is_the_reference_not_its_namesake_or_border(text: str, target: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["kind"] == "distance_between_places" and c["target"]["name"] == target
    assert c["verdict"] == "not_checkable"


def test_a_distance_from_a_countrys_territory_is_to_its_border() -> None:
    (c,) = geomap.analyze("Sumy is 30 km from Russian territory.").claims
    assert c["kind"] == "distance_to_border" and c["verdict"] == "consistent"


@pytest.mark.parametrize("text", [
    "Troops had advanced 1-2 km further into Kursk since Wednesday.",
    "The brigade pushed 3 km deeper into Ukrainian territory overnight.",
])
def test_a_further_advance_is_an_increment_not_a_depth(text: str) -> None:
    assert geomap.analyze(text).claims == []


def test_the_object_seized_at_a_depth_is_a_point_not_a_band() -> None:
    (c,) = geomap.analyze("Turkish forces seized part of a key highway some 30-35 km into northern Syria.").claims
    assert c["kind"] == "distance_to_border" and c.stated.high_km == 35


@pytest.mark.parametrize("text, km", [
    ("Fighting went on in Rafah. The buffer zone now extends 2 km into Gaza.", 2.0),
    ("Officials said the buffer zone would reach a depth of around 200 metres inside Gaza.", 0.2),
    ("Turkey wants a buffer zone along the length of its border with Syria, roughly 20 km deep.", 20.0),
])
def test_a_zones_depth_given_by_its_verb_or_after_a_comma_is_a_band(text: str, km: float) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["kind"] == "buffer_inside_along_border" and c.stated.high_km == pytest.approx(km)
    assert c["verdict"] == "drawn"


def test_an_advance_into_a_region_named_like_its_city_is_drawn_in_the_region() -> None:
    (c,) = geomap.analyze("Ukrainian troops advanced 12 km deep into Kursk.").claims
    assert c["verdict"] == "drawn" and "in the Kursk region" in c["reason"]


def test_a_place_after_border_with_names_the_neighbour() -> None:
    (c,) = geomap.analyze("Fighting raged in Israel. Egypt keeps a 1 km buffer zone on its side of the border with "
                          "Gaza.").claims
    assert tuple(c["countries"]) == ("EG", "PS")


@pytest.mark.parametrize("text, subject", [
    ("The camp, which was attacked by four militants last year, is less than 10 km from the border.", "camp"),
    ("Strikes pushed back troops loyal to commander Khalifa Haftar some 60 km south-west of Tripoli.",
     "Khalifa Haftar"),
])
def test_relative_clauses_and_persons_are_not_the_place(text: str, subject: str) -> None:
    """The figure is about the noun before the relative clause; a name after a title is a person, never resolved."""
    (c,) = geomap.analyze(text).claims
    assert c["subject"]["name"] == subject and c["subject"]["id"] is None


@pytest.mark.parametrize("text", [
    "Russian forces stormed Vovchansk. The capture of the town 5 kilometres from the border was announced.",
    "Troops passed Sumy. They went through the heavily fortified border city, which is 30 km from the border.",
])
def test_more_anaphors_point_to_the_place_named_before(text: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["subject"]["name"] in ("Vovchansk", "Sumy") and c["verdict"] == "consistent"


def test_the_border_named_in_the_sentence_before_is_the_bands_border() -> None:
    (c,) = geomap.analyze("Egypt and Israel agreed that Egypt would secure the border between Egypt and Gaza. Egypt "
                          "keeps a 1 km buffer zone on its side of the border.").claims
    assert tuple(c["countries"]) == ("EG", "PS")


def test_a_buffer_zone_along_its_border_lies_on_the_neighbours_side_when_the_depth_comes_last() -> None:
    (c,) = geomap.analyze("Turkish officials promised a buffer zone along the length of its border with Syria, "
                          "roughly 20 miles deep.").claims
    assert tuple(c["countries"]) == ("SY", "TR")


def test_the_town_is_never_a_capital_of_millions() -> None:
    """"the border town" after "the Ethiopian capital, Addis Ababa": not Addis Ababa (3 million people)."""
    (c,) = geomap.analyze("Papers in the Ethiopian capital, Addis Ababa, said troops had retaken it. Reporters passed "
                          "the fortified border town, which is 60 miles south of Asmara.").claims
    assert c["subject"]["id"] is None and c["verdict"] == "not_checkable"


def test_an_advance_into_its_territory_is_inside_the_country_its_stands_for() -> None:
    (c,) = geomap.analyze("Cambodia accused Thai troops of entering 0.4 kilometres into its territory.").claims
    assert c["kind"] == "buffer_inside_along_border" and tuple(c["countries"]) == ("KH", "TH")


def test_an_unnamed_thing_some_distance_away_is_measured_from_the_place_named_before() -> None:
    (c,) = geomap.analyze("Pokrovsk is under attack. Russian troops are about a kilometre away.").claims
    assert c["kind"] == "distance_between_places" and c["target"]["name"] == "Pokrovsk"


@pytest.mark.parametrize("text", [
    "The farm lies 6 km from SPLA forces.",  # a force is no place
])
def test_distances_to_forces_are_no_claims(text: str) -> None:
    assert geomap.analyze(text).claims == []


def test_a_group_named_like_a_village_is_no_place() -> None:
    a = geomap.analyze("On Tuesday al-Shabab stormed a base about 90 km south of Mogadishu.")
    assert [p["name"] for p in a.places] == ["Mogadishu"]


def test_out_of_the_border_is_from_it() -> None:
    (c,) = geomap.analyze("Vovchansk, which is less than 10 kilometres out of the Russian border, was shelled.").claims
    assert c["kind"] == "distance_to_border" and c["verdict"] == "consistent"


def test_the_border_some_distance_away_is_the_border_distance_of_the_place_named_before() -> None:
    (c,) = geomap.analyze("Shelling hit Vovchansk on Monday. The border is only 5 km away.").claims
    assert c["kind"] == "distance_to_border" and c["subject"]["name"] == "Vovchansk"


def test_a_strip_along_the_entire_border_is_a_length() -> None:
    assert geomap.analyze("The corridor, a narrow 14-kilometre strip of land along the entire border between Egypt "
                          "and Gaza, was seized.").claims == []


def test_a_weekday_is_no_name() -> None:
    (c,) = geomap.analyze("The general arrived on Monday in Sumy, which is some 30 km from the border.").claims
    assert c["subject"]["name"] == "Sumy"


def test_the_northern_limit_line_is_a_line_without_geometry() -> None:
    (c,) = geomap.analyze("The shells fell one to eight kilometres north of the NLL in the East Sea.").claims
    assert c["kind"] == "distance_to_border" and "Northern Limit Line" in c["reason"]


@pytest.mark.parametrize("text, kind", [
    ("The distance from the place of the shootings to Kyiv is only one kilometre.", "distance_between_places"),
    ("Troops retook towns near Kharkiv, including Kupiansk which is around 100 kilometres away.",
     "distance_between_places"),
    ("Fighting spread to Sumy, a city located 180 kilometres by road from Kharkiv.", "distance_between_places"),
    ("At Vovchansk, a community 5 km from the border, shells fell.", "distance_to_border"),
    ("Kupiansk is a key railway hub in the Kharkiv region, some 35 km from the border.", "distance_to_border"),
])
def test_more_distance_wordings_are_read(text: str, kind: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["kind"] == kind


def test_a_distance_by_road_is_not_judged_on_the_straight_line() -> None:
    (c,) = geomap.analyze("Fighting spread to Kupiansk, a town 140 km by road from Kharkiv.").claims
    assert c["verdict"] == "not_checkable" and "by road" in c["reason"]


def test_an_incursion_follows_the_border_near_the_place_named_just_before() -> None:
    (c,) = geomap.analyze("Heavy fighting near Vovchansk. Russian forces advanced up to 5 km inside Ukrainian "
                          "territory.").claims
    assert c["verdict"] == "drawn" and "of Vovchansk (named just before" in c["reason"]


@pytest.mark.parametrize("text, subject", [
    ("Shells hit Vovchansk, Kharkiv region, 5 km from the border.", "Vovchansk"),
    ("Kharkiv, Ukraine, 30 km from the border, was shelled.", "Kharkiv"),
])
def test_a_name_set_off_by_commas_before_the_figure_only_says_where_the_place_before_it_is(text: str,
                                                                                          subject: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["subject"]["name"] == subject and c["verdict"] == "consistent"


@pytest.mark.parametrize("text, target", [
    # a capital named after its country or state
    ("The post lies 200 km northwest of the Niger capital Niamey.", "Niamey"),
    ("The base lies around 14 km north of the Borno state capital, Maiduguri.", "Maiduguri"),
    # islands and positions at sea: references, not borders or journeys
    ("The reef lies only 86 nautical miles from the Philippines island of Palawan.", "Palawan"),
    ("The reef is about 560 miles from China's Hainan Island.", "Hainan Island"),
    ("The vessel was sailing 23 nautical miles southeast of Sabina Shoal.", "Sabina Shoal"),
])
def test_the_place_a_country_or_region_qualifies_is_the_reference(text: str, target: str) -> None:
    (c,) = geomap.analyze(text).claims
    assert c["kind"] == "distance_between_places" and c["target"]["name"] == target


def test_further_in_a_direction_is_from_the_place_of_the_figure_before() -> None:
    claims = geomap.analyze("Troops took Kupiansk, some 100 km east of Kharkiv, and pushed on to Sumy, 150 km further "
                            "north.").claims
    assert [(c["subject"]["name"], c["target"]["name"]) for c in claims] == [("Kupyansk", "Kharkiv"),
                                                                           ("Sumy", "Kupyansk")]


def test_a_place_near_another_is_the_subject_not_the_one_it_is_near() -> None:
    (c,) = geomap.analyze("An Israeli strike hit the village of Kfarjouz near Nabatieh, some 10 kilometres from the "
                          "border.").claims
    assert c["subject"]["name"] == "Kfarjouz" and c["verdict"] == "not_checkable"


def test_a_band_into_a_countrys_region_of_a_city_stays_in_that_region() -> None:
    (c,) = geomap.analyze("Ukrainian forces have made advances of up to 10 kilometres into Russia's western border "
                          "region of Kursk.").claims
    assert c["verdict"] == "drawn" and "in the Kursk region" in c["reason"]


def test_a_plural_place_noun_opening_a_sentence_is_no_place() -> None:
    """"Villages within 10 km …" is not The Villages, Florida."""
    a = geomap.analyze("Villages within 10 km of the border were evacuated.")
    assert a.places == [] or all(p["name"] != "The Villages" for p in a.places)


def test_troops_within_a_distance_of_the_edge_of_the_town_are_a_distance_from_it() -> None:
    (c,) = geomap.analyze("Russian troops advanced toward Pokrovsk and are likely within 10 kilometres from the edge "
                          "of the town.").claims
    assert c["kind"] == "distance_between_places" and c["target"]["name"] == "Pokrovsk"
