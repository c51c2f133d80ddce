"""Claims QA: realistic news sentences (written by the project) across conflicts and phrasings.

Each row: a sentence and what a careful analyst expects — the claim kind (or no claim at all), and the fields that
matter (entities, modality, verdict). Lengths, areas, speeds and ranges of weapons must never become claims; a
facility named after a city is not the city; a depth of an unnamed object is not a band.
"""

from __future__ import annotations

import pytest

import geomap

NO_CLAIM = None

# (sentence, expected kind or NO_CLAIM, expected fields)
CASES: list[tuple[str, str | None, dict]] = [
    # --- distance to a border: Russia–Ukraine
    ("The city of Sumy lies 27 km from the Russian border.", "distance_to_border",
     {"subject": "Sumy", "countries": ["RU", "UA"], "verdict": "consistent"}),
    ("Sumy is just 30km away from the frontier with Russia.", "distance_to_border",
     {"subject": "Sumy", "countries": ["RU", "UA"], "verdict": "consistent"}),
    ("Kharkiv, Ukraine's second-largest city, is less than 40 kilometres south of the Russian border.",
     "distance_to_border", {"subject": "Kharkiv", "qualifier": "less than", "direction": "south",
                            "verdict": "consistent"}),
    ("Belgorod sits roughly 40 km north of the Ukrainian border.", "distance_to_border",
     {"subject": "Belgorod", "countries": ["RU", "UA"], "verdict": "consistent"}),
    ("Drones struck Belgorod, 40 km (25 miles) north of the border with Ukraine.", "distance_to_border",
     {"subject": "Belgorod", "stated_km": 40, "verdict": "consistent"}),
    ("Vovchansk, a town barely 5 km from the Russian border, lies in ruins.", "distance_to_border",
     {"subject": "Vovchansk", "qualifier": "nearly", "verdict": "consistent"}),
    ("Sudzha is some 10 kilometres from the Ukrainian border, in the Kursk region.", "distance_to_border",
     {"subject": "Sudzha", "countries": ["RU", "UA"], "verdict": "consistent"}),
    ("Kharkiv is 30 km (19 mi) from Russia.", "distance_to_border",
     {"subject": "Kharkiv", "countries": ["RU", "UA"], "verdict": "consistent"}),
    ("Sumy, which is some 35 kilometres (22 miles) from the border, was hit by missiles.", "distance_to_border",
     {"subject": "Sumy", "verdict": "inconsistent"}),
    # --- distance to a border: elsewhere
    ("Kiryat Shmona, two kilometres from the Lebanese border, was evacuated.", "distance_to_border",
     {"countries": ["IL", "LB"], "stated_km": 2, "verdict": "consistent"}),
    ("Metula is less than 1 km from the border with Lebanon.", "distance_to_border",
     {"subject": "Metula", "countries": ["IL", "LB"], "verdict": "consistent"}),
    ("El Geneina, about 20 km from the border with Chad, was overrun by the RSF.", "distance_to_border",
     {"countries": ["SD", "TD"], "verdict": "consistent"}),
    ("Lachin lies roughly 30 km from Armenia.", "distance_to_border", {"countries": ["AM", "AZ"]}),
    ("The village lies less than a kilometre from the border.", "distance_to_border",
     {"stated_km": 1, "qualifier": "less than", "verdict": "not_checkable"}),
    # --- lines that are not borders
    # a front line is a reference line, not a border: a distance between places, measured only with --lines
    ("Kupiansk is between 7 and 10 kilometres from the front.", "distance_between_places",
     {"stated_km": [7, 10], "verdict": "not_checkable"}),
    ("Zaporizhzhia is about fifty kilometres from the front line.", "distance_between_places",
     {"stated_km": 50, "verdict": "not_checkable"}),
    ("Srinagar is about 120 km from the Line of Control.", "distance_to_border",
     {"verdict": "not_checkable", "reason~": "Line of Control"}),
    # --- facilities are not the places they are named after
    ("Kursk's nuclear power plant is about 60 km (37 miles) from the Ukrainian border.", "distance_to_border",
     # a facility is named as written (id None), never as the city it is named after
     {"subject": "Kursk's nuclear power plant", "verdict": "not_checkable", "reason~": "facility"}),
    ("Officials ordered residents within a 15-mile radius of the Zaporizhzhia nuclear plant to leave.",
     "radius_around_place", {"subject": None, "target": "Zaporizhzhia nuclear plant", "verdict": "not_checkable"}),
    ("The Zaporizhzhia nuclear plant should be surrounded by an exclusion zone of 30 kilometers around the plant.",
     "radius_around_place", {"subject": None, "target": "Zaporizhzhia nuclear plant", "verdict": "not_checkable",
                             "modality": "hypothetical"}),
    # --- between places, with and without direction
    ("Pokrovsk, 50 km north-west of Donetsk, is a key logistics hub.", "distance_between_places",
     {"subject": "Pokrovsk", "target": "Donetsk", "direction": "north-west", "verdict": "consistent"}),
    ("Kupiansk lies roughly 40 km south-east of Kharkiv.", "distance_between_places",
     {"target": "Kharkiv", "verdict": "inconsistent"}),
    ("Fighting raged in El Fasher, around 800 km west of Khartoum.", "distance_between_places",
     {"subject": "El Fasher", "target": "Khartoum", "verdict": "consistent"}),
    ("Sake, a town 15 miles west of Goma, fell on Friday.", "distance_between_places",
     {"subject": "Sake", "target": "Goma", "verdict": "consistent"}),
    ("Bukavu is about 100 km south of Goma.", "distance_between_places",
     {"subject": "Bukavu", "target": "Goma", "verdict": "consistent"}),
    ("Russian troops seized Avdiivka, a suburb about 15 km north of Donetsk.", "distance_between_places",
     {"target": "Donetsk", "direction": "north", "verdict": "consistent"}),
    ("Kursk is 450 km south of Moscow.", "distance_between_places",
     {"subject": "Kursk", "target": "Moscow", "verdict": "consistent"}),
    ("Chernihiv is 90 km from Kyiv.", "distance_between_places",
     {"subject": "Chernihiv", "target": "Kyiv", "verdict": "inconsistent"}),
    ("Russian units gathered about 50 kilometers to the north of Kharkiv.", "distance_between_places",
     {"subject": None, "target": "Kharkiv", "direction": "north", "verdict": "not_checkable"}),
    ("M23 rebels seized the town, some 60 km (37 miles) north of Goma.", "distance_between_places",
     {"target": "Goma", "stated_km": 60, "qualifier": "about", "direction": "north"}),
    # --- bands: depth inside / along a border
    ("Ukrainian forces pushed some 30 kilometres into Russia's Kursk region in August.",
     "buffer_inside_along_border", {"inside": "RU", "along": "UA", "region": "Kursk", "verdict": "drawn"}),
    ("Russian forces advanced twelve kilometres into the Kharkiv region.", "buffer_inside_along_border",
     {"inside": "UA", "along": "RU", "stated_km": 12, "verdict": "drawn"}),
    ("Russian forces have pushed as far as 15 kilometers into the Sumy region, according to Ukrainian officials.",
     "buffer_inside_along_border", {"inside": "UA", "qualifier": "up to", "verdict": "drawn"}),
    ("Azerbaijani troops advanced 3 km into Armenian territory near Jermuk.", "buffer_inside_along_border",
     {"inside": "AM", "along": "AZ", "verdict": "drawn"}),
    ("Turkish troops pushed 40 kilometres into Iraqi Kurdistan last year.", "buffer_inside_along_border",
     {"inside": "IQ", "along": "TR", "region": "Kurdistan Region", "verdict": "drawn"}),
    ("Turkey wants a 30-km-deep safe zone in northern Syria.", "buffer_inside_along_border",
     {"inside": "SY", "along": "TR", "modality": "hypothetical"}),
    ("Ankara has long sought a safe zone stretching 32 km (20 miles) into Syria.", "buffer_inside_along_border",
     {"inside": "SY", "along": "TR", "modality": "hypothetical"}),
    ("Turkey has threatened a new offensive to create a 30 km (19 mile) deep buffer zone along its border with "
     "Syria.", "buffer_inside_along_border", {"inside": "SY", "along": "TR", "modality": "hypothetical"}),
    ("Israel has carved out a buffer zone up to 1 km deep inside Gaza along the Israeli border.",
     "buffer_inside_along_border", {"inside": "PS", "along": "IL", "region": "Gaza Strip", "verdict": "drawn"}),
    ("The Israeli military said it had set up a security perimeter of up to 1.5 km inside Gaza.",
     "buffer_inside_along_border", {"inside": "PS", "along": "IL", "region": "Gaza Strip"}),
    ("Israeli troops will remain in a buffer zone 3 km wide inside Lebanon along the border.",
     "buffer_inside_along_border", {"inside": "LB", "along": "IL", "verdict": "drawn"}),
    ("The agreement created a strip 5 km wide on either side of the border between Armenia and Azerbaijan.",
     "buffer_inside_along_border", {"both_sides": True, "verdict": "drawn"}),
    ("A ceasefire deal envisages a demilitarised zone 15 kilometres wide along the line of contact.",
     "buffer_inside_along_border", {"verdict": "not_checkable", "reason~": "front line"}),
    # --- a depth that locates an unnamed object is not a band
    ("Ukrainian drones struck an oil depot some 600 km inside Russia.", "distance_to_border",
     {"subject": None, "verdict": "not_checkable"}),
    ("Pakistani officials said the strike hit a site 10 km inside Pakistan-administered Kashmir.",
     "distance_to_border", {"verdict": "not_checkable"}),
    # --- a place in apposition to a figure: measured from the place named before it (real copy: "fleeing El Fasher
    # to Tawila, 55 km west"); with no place before it, no claim ("attacked Kharkiv, 30 km to the north")
    ("Sumy was hit and Okhtyrka, 70 km to the south, too.", "distance_between_places",
     {"subject": "Okhtyrka", "target": "Sumy", "direction": "south", "verdict": "consistent"}),
    ("Russian troops attacked Kharkiv, 30 km to the north.", "distance_between_places",
     {"subject": "Kharkiv", "target": None, "verdict": "not_checkable", "reason~": "not named"}),
    # --- at sea: "N nautical miles off X" locates an unnamed position relative to X (real copy: shipping attacks)
    ("The ship was hit 12 nautical miles off Odesa.", "distance_between_places",
     {"target": "Odesa", "subject": None, "unit": "nmi", "stated_km": 22.224, "verdict": "not_checkable"}),
    # --- radius around a place
    # (the plant lies ~16 km from the town: a facility is not the place it is named after)
    ("Residents living within 30 km of the Chornobyl plant were evacuated in 1986.", "radius_around_place",
     {"target": "Chornobyl plant", "verdict": "not_checkable", "reason~": "facility"}),
    ("Officials declared a 30-kilometre exclusion zone around Chornobyl.", "radius_around_place",
     {"target": "Chornobyl", "verdict": "drawn"}),
    # where a force got to is a distance (CLAIMS-DEV: "pushed troops within 3-4 km of the border"), drawn as a disc
    ("The M23 advanced to within 20 km of Bukavu.", "distance_between_places", {"target": "Bukavu"}),
    # --- modality
    ("Moscow claimed its forces were within 3 km of Kupiansk, but Kyiv denied this.", "distance_between_places",
     {"modality": "denied"}),
    ("Kyiv denied reports that Russian troops were 10 km from Sumy.", "distance_between_places",
     {"modality": "denied"}),
    ("Russia says its troops are 5 km from Kupiansk, a claim Ukraine rejected.", "distance_between_places",
     {"modality": "denied"}),
    ("The claim that Russia had advanced 10 km into the Sumy region was false, officials said.",
     "buffer_inside_along_border", {"modality": "denied"}),
    ("If the ceasefire holds, a 15 km demilitarised zone could be created along the Russia–Ukraine border.",
     "buffer_inside_along_border", {"modality": "hypothetical"}),
    ("Russian troops are not within 20 km of Kharkiv, the governor said.", "radius_around_place",
     {"modality": "negated", "reason~": "negated"}),
    ("No Russian units are within 30 km of Chernihiv, officials insisted.", "radius_around_place",
     {"modality": "negated"}),
    ("Storm Shadow missiles can strike targets 250 km away from Zaporizhzhia.", "distance_between_places",
     {"modality": "hypothetical"}),
    # --- subjects: appositions, rivers and seas named like towns
    ("Mariupol, on the Azov coast about 55 km west of the Russian border, was destroyed.", "distance_to_border",
     {"subject": "Mariupol", "verdict": "consistent"}),
    ("Kherson city lies on the Dnipro, about 70 km from Mykolaiv.", "distance_between_places",
     {"subject": "Kherson", "verdict": "consistent"}),
    ("Tyre lies some 20 km north of the Israeli border.", "distance_to_border",
     {"subject": "Tyre", "countries": ["IL", "LB"], "verdict": "consistent"}),
    ("Vuhledar, 50 km south-west of Donetsk, fell in October.", "distance_between_places",
     {"subject": "Vuhledar", "target": "Donetsk", "verdict": "consistent"}),
    ("Odesa is about 50 km from the Moldovan border.", "distance_to_border",
     {"countries": ["MD", "UA"], "verdict": "consistent"}),
    ("Sumy is about 35 miles (56 km) from the border.", "distance_to_border",
     {"stated_km": 56, "verdict": "inconsistent"}),
    ("Ukrainian troops advanced up to 10 miles inside Russian territory.", "buffer_inside_along_border",
     {"inside": "RU", "along": "UA", "verdict": "drawn"}),
    ("Israel plans a buffer zone of 1 to 1.5 kilometres inside Gaza.", "buffer_inside_along_border",
     {"stated_km": [1.0, 1.5], "inside": "PS", "region": "Gaza Strip"}),
    ("Russia wants a demilitarised zone 30 kilometres deep on the Ukrainian side of the border.",
     "buffer_inside_along_border", {"inside": "UA", "along": "RU", "modality": "hypothetical"}),
    ("Turkish jets struck targets 30 km inside Iraq.", "distance_to_border",
     {"subject": None, "verdict": "not_checkable"}),
    # the troops within 10 km of Kupiansk: a zone around Kupiansk (the dev set's reading of "X within N km of Y")
    ("It is unclear whether Russian troops are within 10 km of Kupiansk.", "distance_between_places",
     {"modality": "hypothetical"}),
    ("The Philadelphi corridor, a 14 km strip along Gaza's border with Egypt, is under Israeli control.",
     "buffer_inside_along_border", {"verdict": "not_checkable", "reason~": "length"}),
    ("The RSF is shelling El Fasher from positions 3 km north of the city.", "distance_between_places",
     {"subject": "positions", "target": "El Fasher", "reason~": "implied location"}),
    ("Israeli troops pushed 3 km into southern Lebanon.", "buffer_inside_along_border",
     {"inside": "LB", "along": "IL", "verdict": "drawn"}),
    ("Kursk lies more than 100 km from the Ukrainian border.", "distance_to_border",
     {"qualifier": "more than", "verdict": "consistent"}),
    ("Sumy is over 100 km from the border.", "distance_to_border",
     {"qualifier": "more than", "verdict": "inconsistent"}),
    ("The front line runs 15 to 20 km from Kharkiv.", "distance_between_places",
     {"subject": None, "verdict": "not_checkable"}),
    ("Kharkiv and Belgorod are roughly 80 km apart.", "distance_between_places",
     {"subject": "Kharkiv", "target": "Belgorod", "verdict": "consistent"}),
    ("The cities of Kramatorsk and Sloviansk are 15 km apart.", "distance_between_places",
     {"subject": "Kramatorsk", "verdict": "consistent"}),
    ("Minsk is about 200 km north of the Ukrainian border.", "distance_to_border",
     {"subject": "Minsk", "countries": ["BY", "UA"], "verdict": "inconsistent"}),
    ("Belarus has massed troops about 20 km from the Ukrainian border.", "distance_to_border",
     {"subject": "troops", "verdict": "not_checkable"}),
    ("Russia plans a 5-10 km deep buffer zone in the Sumy region, a source said.", "buffer_inside_along_border",
     {"stated_km": [5.0, 10.0], "inside": "UA", "along": "RU", "region": "Sumy", "verdict": "drawn"}),
    ("Moscow wants a 30-km buffer zone along the frontier, officials said.", "buffer_inside_along_border",
     {"modality": "hypothetical"}),
    ("Moscow wants a 30-km buffer zone, Zelensky said, but Kyiv rejected it.", "buffer_inside_along_border",
     {"inside": "UA", "along": "RU", "modality": "denied"}),
    ("Russia's Belgorod region borders Kharkiv; its capital is 40 km from the frontier.", "distance_to_border",
     {"subject": None, "verdict": "not_checkable"}),
    ("The town of Sudzha lies 8 miles from the Ukrainian border.", "distance_to_border",
     {"subject": "Sudzha", "verdict": "consistent"}),
    ("The border town of Vovchansk, 5 km away from Russia, was shelled.", "distance_to_border",
     {"subject": "Vovchansk", "countries": ["RU", "UA"], "verdict": "consistent"}),
    ("Avdiivka lies just outside Donetsk, about 15 km to the north.", "distance_between_places",
     {"subject": "Avdiyivka", "target": "Donetsk", "direction": "north", "verdict": "consistent"}),
    ("Izium sits 120 km SE of Kharkiv.", "distance_between_places",
     {"direction": "south-east", "verdict": "consistent"}),
    ("Kreminna is located 30km due east of Lyman.", "distance_between_places",
     {"subject": "Kreminna", "direction": "east"}),
    # 65 km in a straight line; 90 km fits the road's detour (≤ 1.4×): not judged on the straight line
    ("Bakhmut is roughly 90 km north-northeast of Donetsk.", "distance_between_places",
     {"direction": "north-northeast", "verdict": "not_checkable", "reason~": "by road"}),
    ("Bakhmut is roughly 140 km north-northeast of Donetsk.", "distance_between_places",
     {"direction": "north-northeast", "verdict": "inconsistent"}),
    ("Goma, a city of 2 million people 30 km from the Rwandan border, fell to M23.", "distance_to_border",
     {"subject": "Goma", "countries": ["CD", "RW"], "verdict": "inconsistent"}),
    ("On May 5, Russian forces advanced 10 km into the Kharkiv region.", "buffer_inside_along_border",
     {"modality": "asserted", "verdict": "drawn"}),
    ("Nobody disputes that Sumy is about 30 km from the Russian border.", "distance_to_border",
     {"modality": "asserted", "verdict": "consistent"}),
    ("A 10-kilometre-deep defensive belt runs along the border in the Sumy region.", "buffer_inside_along_border",
     {"inside": "UA", "along": "RU", "region": "Sumy", "verdict": "drawn"}),
    ("A 5 km deep belt runs along the border in the Odesa region.", "buffer_inside_along_border",
     {"verdict": "not_checkable"}),  # Odesa region borders both Moldova and Romania: which one is not said
    ("Russia's 1,000-km-long front line is hard to defend.", NO_CLAIM, {}),
    ("Along the 1,000 km front, Russian troops attack daily.", NO_CLAIM, {}),
    ("Amritsar is about 30 km east of the Pakistani border.", "distance_to_border",
     {"direction": "east", "verdict": "consistent"}),  # the side of a line: ±60° from the nearest border point
    ("Pakistan said Indian missiles struck Muridke, 30 km north-west of Lahore.", "distance_between_places",
     {"subject": "Muridke", "target": "Lahore", "verdict": "consistent"}),
    ("Jermuk is about 10 km from the Azerbaijani border.", "distance_to_border",
     {"countries": ["AM", "AZ"], "verdict": "consistent"}),
    ("Azerbaijan seized heights up to 7 km inside Armenia in 2022.", "buffer_inside_along_border",
     {"inside": "AM", "along": "AZ", "verdict": "drawn"}),
    ("The RSF advanced to within 50 km of Port Sudan, the army's wartime seat.", "distance_between_places",
     {"target": "Port Sudan", "verdict": "not_checkable", "reason~": "within 50 km of Port Sudan (drawn as a circle)"}),
    # --- a region is not a point; a region that only locates the subject is not the subject
    ("Russian shelling hit a village in the Sumy region, about 30 km from the border.", "distance_to_border",
     {"subject": "village", "verdict": "not_checkable"}),
    ("A strike hit Shostka in the Sumy region, 40 km from the Russian border.", "distance_to_border",
     {"subject": "Shostka", "verdict": "consistent"}),
    ("The Kursk region is 100 km from Kyiv.", "distance_between_places",
     {"verdict": "not_checkable", "reason~": "region"}),
    # --- not distance claims at all: areas, speeds, lengths, rates, ranges, distances travelled
    ("The missile has a range of 1,500 km and could reach Moscow.", NO_CLAIM, {}),
    ("Drones flew at 150 km per hour.", NO_CLAIM, {}),
    ("About 10 km of the border with Russia is mined.", NO_CLAIM, {}),
    ("The convoy travelled 300 km from Kyiv to Lviv.", NO_CLAIM, {}),
    ("Refugees walked 15 km to reach the border with Poland.", NO_CLAIM, {}),
    ("Russia deployed S-400 systems with a 400 km radius in Belarus.", NO_CLAIM, {}),
    ("A 3 km security perimeter was set up around the Kremlin.", NO_CLAIM, {}),
    ("He ran a 10 km race in Kyiv on Sunday.", NO_CLAIM, {}),
    ("Ukraine has built 2,000 km of fortifications.", NO_CLAIM, {}),
    ("UN peacekeepers patrol a 120 km stretch of the Blue Line.", NO_CLAIM, {}),
    ("A 40-kilometre corridor links Armenia to Nagorno-Karabakh.", NO_CLAIM, {}),
    ("The drone flew at an altitude of 3 km over Kharkiv.", NO_CLAIM, {}),
    ("The 80-km-long Kakhovka reservoir has drained.", NO_CLAIM, {}),
    ("Armenia says Azerbaijani troops occupy 200 square kilometres of its territory.", NO_CLAIM, {}),
    ("The 1,200 km² pocket near Kursk was recaptured.", NO_CLAIM, {}),
    ("Ukraine says it controls 1,300 km2 of Russian territory in the Kursk region.", NO_CLAIM, {}),
    ("Russian forces now occupy some 400 square kilometres of the Kharkiv region.", NO_CLAIM, {}),
    ("Ukraine controls about 1,000 sq km in the Kursk region.", NO_CLAIM, {}),
    ("The missile flew at 3,000 km/h towards Kyiv.", NO_CLAIM, {}),
    ("Russian troops are advancing at about 2 km a day near Kupiansk.", NO_CLAIM, {}),
    ("Soldiers dug 20 kilometres of trenches near Zaporizhzhia.", NO_CLAIM, {}),
    ("The 11 kilometres of Shevchenko Avenue that cross the city are lined with ruins.", NO_CLAIM, {}),
    ("Rebels seized a strip of land stretching 25 km east to west along the Belarusian border.", NO_CLAIM, {}),
    ("Russia holds a 50-km front line south of Kupiansk.", NO_CLAIM, {}),
    ("A 5 km-long convoy was seen north of Kyiv.", NO_CLAIM, {}),
    ("A convoy stretched for 60 km north of Kyiv.", NO_CLAIM, {}),
    ("Russian forces attacked along a 30-km stretch of the border near Vovchansk.", NO_CLAIM, {}),
    ("Trump floated a 1,300 km-long demilitarised zone along the front.", NO_CLAIM, {}),
    ("The Kerch bridge is 19 km long.", NO_CLAIM, {}),
    ("The 2,295 km border between Russia and Ukraine is heavily mined.", NO_CLAIM, {}),
    ("Russia has built a 15-km-wide corridor to Crimea.", NO_CLAIM, {}),
    ("ATACMS missiles with a range of 300 km can reach Kursk.", NO_CLAIM, {}),
    ("The new line of fortifications runs 30 km along the border.", NO_CLAIM, {}),
    ("Troops advanced 500 metres near Robotyne.", NO_CLAIM, {}),
]


def _name(v) -> str | None:
    return v["name"] if isinstance(v, dict) else v


@pytest.fixture(scope="module")
def analysed() -> dict[str, list[dict]]:
    return {s: geomap.analyze(s).claims for s, _k, _e in CASES}


def test_at_least_sixty_sentences_cover_every_kind() -> None:
    kinds = {k for _s, k, _e in CASES}
    assert len(CASES) >= 80
    assert kinds == {NO_CLAIM, "distance_to_border", "distance_between_places", "buffer_inside_along_border",
                     "radius_around_place"}


@pytest.mark.parametrize("sentence,kind,expected", CASES, ids=[s[:60] for s, _k, _e in CASES])
def test_sentence(analysed, sentence: str, kind: str | None, expected: dict) -> None:
    claims = analysed[sentence]
    if kind is NO_CLAIM:
        assert claims == [], [(c["kind"], c["stated_text"]) for c in claims]
        return
    assert len(claims) == 1, [(c["kind"], c["stated_text"]) for c in claims]
    c = claims[0]
    assert c["kind"] == kind
    for key, want in expected.items():
        if key.endswith("~"):
            assert want in c[key[:-1]], c[key[:-1]]
        elif key in ("subject", "target", "region"):
            assert _name(c.get(key)) == want, (key, c.get(key))
        elif key == "countries":
            assert sorted(c["countries"] or []) == want, c["countries"]
        else:
            assert c.get(key) == want, (key, c.get(key), c["reason"])


def test_coordinated_claims_share_the_subject() -> None:
    cs = geomap.analyze("Kramatorsk lies about 20 km south of Sloviansk and 55 km west of Bakhmut.").claims
    assert [(_name(c["subject"]), _name(c["target"])) for c in cs] == [("Kramatorsk", "Slovyansk"),
                                                                       ("Kramatorsk", "Bakhmut")]


def test_a_buffer_zone_wanted_by_a_country_lies_on_the_neighbours_side() -> None:
    an = geomap.analyze("Russia has massed troops near Sumy. Moscow wants a 30-km buffer zone along the frontier, "
                        "officials said.")
    (c,) = an.claims
    assert (c["inside"], c["along"], c["modality"]) == ("UA", "RU", "hypothetical")


def test_from_it_refers_to_the_border_just_named() -> None:
    cs = geomap.analyze("Belgorod, 40 km from the border, and Kursk, 100 km from it, were both hit.").claims
    assert [(c["kind"], _name(c["subject"]), c["verdict"]) for c in cs] == [
        ("distance_to_border", "Belgorod", "consistent"), ("distance_to_border", "Kursk", "consistent")]


def test_far_off_namesake_is_not_called_inconsistent() -> None:
    # the gazetteer's Hlyboke villages are hundreds of km from the border this Hlyboke is said to be 2 km from:
    # an analyst would suspect the place, not the reporter
    (c,) = geomap.analyze("The village of Hlyboke, just 2 km from the Russian border, was captured.").claims
    assert c["verdict"] != "inconsistent", c["reason"]
    if c["verdict"] == "not_checkable":
        assert "ambiguous" in c["reason"]


def test_implausible_distance_is_not_judged() -> None:
    from geomap.judging import implausible

    assert implausible(1993, 60) and not implausible(595, 700) and not implausible(150, 10)
    # whatever the gazetteer makes of "Tawila", a place 2,000 km from El Fasher is not the camp 60 km west of it
    (c,) = geomap.analyze("Tawila, some 60 km west of El Fasher, hosts displaced people.").claims
    assert c["verdict"] != "inconsistent", c["reason"]


def test_border_side_tolerance_is_wider_than_point_bearing() -> None:
    from geomap.judging import BEARING_TOLERANCE_DEG, BORDER_BEARING_TOLERANCE_DEG, judge_bearing

    assert BORDER_BEARING_TOLERANCE_DEG > BEARING_TOLERANCE_DEG
    assert judge_bearing(40, 90, "east", BORDER_BEARING_TOLERANCE_DEG)[0]
    assert not judge_bearing(40, 90, "east")[0]


def test_a_cardinal_word_covers_its_quarter_of_the_compass() -> None:
    """"50 km north of Wad Madani" for a town at 328°: "north" is nearer than east or west (±45°); "north-west"
    is an eight-point word (±30°)."""
    from geomap.judging import judge_bearing

    assert judge_bearing(328, 0, "north")[0] and not judge_bearing(310, 0, "north")[0]
    assert judge_bearing(340, 315, "north-west")[0] and not judge_bearing(350, 315, "north-west")[0]


def test_a_namesake_does_not_excuse_a_wrong_figure() -> None:
    # Donetsk–Kyiv is ~595 km; a Russian town named Donetsk ~720 km away must not turn this into not_checkable
    # ("as the crow flies": the figure is not a road distance)
    (c,) = geomap.analyze("Donetsk is roughly 700 kilometres south-east of Kyiv as the crow flies.").claims
    assert c["subject"]["id"] == "geonames:709717" or c["subject"]["name"] == "Donetsk"
    assert c["verdict"] == "inconsistent"


# --- the same article as Markdown and as HTML gives the same claims

ARTICLE_MD = """# Front lines and buffer zones: a week on three borders

June 12, 2025

*Written for geomap tests; not real reporting.*

Sumy is just 30km away from the frontier with Russia, and **Kharkiv**, Ukraine's second city, is less than 40
kilometres south of the Russian border. Ukrainian forces pushed some 30 kilometres into Russia's Kursk region last
summer; the 1,200 km² pocket was later lost.

Turkey wants a 30-km-deep safe zone in northern Syria. Israel has carved out a buffer zone up to 1 km deep inside
Gaza along the Israeli border, and Kiryat Shmona, two kilometres from the Lebanese border, was evacuated.

- Pokrovsk, 50 km north-west of Donetsk, is a key logistics hub.
- A 5 km-long convoy was seen north of Kyiv.

Moscow claimed its forces were within 3 km of Kupiansk, but Kyiv denied this.
"""

ARTICLE_HTML = """<!doctype html>
<html><head><title>Site name | page title</title><style>p{color:red}</style></head>
<body>
<h1>Front lines and buffer zones: a week on three borders</h1>
<p><time>June 12, 2025</time></p>
<p><em>Written for geomap tests; not real reporting.</em></p>
<p>Sumy is just 30km away from the frontier with Russia, and <b>Kharkiv</b>, Ukraine&#8217;s second city, is less
than 40 kilometres south of the Russian border. Ukrainian forces pushed some 30&nbsp;kilometres into
Russia&#39;s Kursk region last summer; the 1,200 km&sup2; pocket was later lost.</p>
<p>Turkey wants a 30-km-deep safe zone in northern Syria. Israel has carved out a buffer zone up to 1&nbsp;km deep
inside Gaza along the Israeli border, and Kiryat Shmona, two kilometres from the Lebanese border, was evacuated.</p>
<ul><li>Pokrovsk, 50 km north-west of Donetsk, is a key logistics hub.</li>
<li>A 5 km-long convoy was seen north of Kyiv.</li></ul>
<script>var x = "Sumy is 5 km from the border";</script>
<p>Moscow claimed its forces were within 3 km of Kupiansk, but Kyiv denied this.</p>
</body></html>
"""


def _claim_key(c: dict) -> tuple:
    return (c["kind"], c["stated_km"], c["qualifier"], c["modality"], _name(c["subject"]), _name(c.get("target")),
            c.get("inside"), c.get("along"), _name(c.get("region")), c["verdict"], " ".join(c["stated_text"].split()))


def test_html_and_markdown_give_the_same_claims(tmp_path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE_MD, encoding="utf-8")
    (tmp_path / "a.html").write_text(ARTICLE_HTML, encoding="utf-8")
    md, ht = geomap.analyze(tmp_path / "a.md"), geomap.analyze(tmp_path / "a.html")
    assert md.meta["title"] == ht.meta["title"] == "Front lines and buffer zones: a week on three borders"
    assert md.meta["date"] == ht.meta["date"] == "2025-06-12"
    assert len(md.claims) == 8  # the km² area and the 5 km-long convoy are not claims; the script is not text
    assert [_claim_key(c) for c in md.claims] == [_claim_key(c) for c in ht.claims]
    assert sorted(p["id"] for p in md.places) == sorted(p["id"] for p in ht.places)
    # spans point at the stated figure in each article's own text
    for an in (md, ht):
        for c in an.claims:
            assert " ".join(an.text[c["span"][0]:c["span"][1]].split()).startswith(
                " ".join(c["stated_text"].split()))


# --- long articles: repeated claims share one drawn feature; the map is capped


def test_repeated_claims_share_one_feature() -> None:
    s = ("Sumy is about 30 km from the Russian border. Russian forces advanced up to 12 km inside Ukrainian "
         "territory in the Sumy region. ")
    an = geomap.analyze("Update\n\n" + s * 5)
    assert len(an.claims) == 10
    lay = an.layers()
    assert len(lay["distances"]) == 1 and len(lay["zones"]) == 1
    for key in ("distances", "zones"):
        row = lay[key].iloc[0]
        ids = row["claim_ids"].split(",")
        assert row["n_claims"] == 5 and len(ids) == 5 and row["claim_id"] == ids[0]
        assert {c["id"] for c in an.claims if c["kind"] == ("distance_to_border" if key == "distances" else
                                                           "buffer_inside_along_border")} == set(ids)


def test_distinct_claims_are_not_merged() -> None:
    an = geomap.analyze("Sumy is about 30 km from the Russian border. Sumy is 50 km from the Russian border.")
    # same line geometry, different stated value and verdict: two features
    assert len(an.layers()["distances"]) == 2


def test_zone_cap_reports_the_rest(monkeypatch) -> None:
    import geomap.layers as L

    monkeypatch.setitem(L.MAX_FEATURES, "zones", 2)
    text = " ".join(f"Officials set up a {k} km exclusion zone around Kharkiv." for k in (5, 10, 15, 20))
    an = geomap.analyze(text)
    assert len(an.claims) == 4
    assert len(an.layers()["zones"]) == 2
    assert "Not drawn on the map" in an.report_md() and "2 zones features" in an.report_md()


MIXED = """# World briefing: three fronts

June 2, 2025

Sumy is about 30 km from the Russian border, and Russian forces have advanced up to 10 km into the Sumy region.

In the Middle East, Israeli troops have cleared a strip 1 km deep along the border. Kiryat Shmona, two kilometres
from the border, was hit again.

In Congo, M23 rebels took Sake, 25 km west of Goma. Goma is about 2 km from the border.
"""


def test_one_conflicts_border_does_not_leak_into_another() -> None:
    cs = geomap.analyze(MIXED).claims
    assert len(cs) == 6
    sumy, band_ua, band_il, kiryat, sake, goma = cs
    assert sorted(sumy["countries"]) == ["RU", "UA"] and band_ua["inside"] == "UA"
    # the Israeli strip must not be drawn along the Ukrainian border of the paragraph before
    assert band_il["verdict"] == "not_checkable" and band_il["inside"] != "UA"
    assert sorted(kiryat["countries"]) == ["IL", "LB"] and kiryat["verdict"] == "consistent"
    assert sake["verdict"] == "consistent"
    # "the border" of Goma is the Rwandan one next to it, not the far border with the other Congo
    assert sorted(goma["countries"]) == ["CD", "RW"] and goma["verdict"] == "consistent"


LINKS_MD = """# Links and emphasis

[Sumy](https://example.org/sumy) is **about 30 km** from the Russian border.

> Kharkiv is less than 40 kilometres south of the Russian border, a quoted official said.

| City | Distance |
|---|---|
| Belgorod | 40 km from the Ukrainian border |
"""

LINKS_HTML = """<html><body><h1>Links and emphasis</h1>
<p><a href="https://example.org/sumy">Sumy</a> is <strong>about 30 km</strong> from the Russian border.</p>
<blockquote>Kharkiv is less than 40 kilometres south of the Russian border, a quoted official said.</blockquote>
<table><tr><th>City</th><th>Distance</th></tr><tr><td>Belgorod</td><td>40 km from the Ukrainian border</td></tr>
</table></body></html>
"""


def test_markdown_links_emphasis_and_tables_read_like_html(tmp_path) -> None:
    (tmp_path / "b.md").write_text(LINKS_MD, encoding="utf-8")
    (tmp_path / "b.html").write_text(LINKS_HTML, encoding="utf-8")
    md, ht = geomap.analyze(tmp_path / "b.md"), geomap.analyze(tmp_path / "b.html")
    want = [("Sumy", "consistent"), ("Kharkiv", "consistent"), ("Belgorod", "consistent")]
    assert [(_name(c["subject"]), c["verdict"]) for c in md.claims] == want
    assert [_claim_key(c) for c in md.claims] == [_claim_key(c) for c in ht.claims]
    # the claim record quotes the article's own Markdown
    assert "**about 30 km**" in md.claims[0]["sentence"]
