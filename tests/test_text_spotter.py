"""Toponym spotting end to end with the packed gazetteer: spans, multi-word names, regions, adjectives, filters."""

from __future__ import annotations

import pytest

from geomap.text.spotter import spot, spot_spans


@pytest.fixture(scope="module")
def gaz():
    from gazetteer import Gazetteer

    return Gazetteer.default()


def found(text: str, gaz) -> dict[str, object]:
    return {m.surface: m for m in spot(text, gaz)}


def test_spans_map_to_original_text(gaz) -> None:
    text = "Shelling hit Kharkiv’s centre and St. Petersburg, then Rostov-on-Don and Bosnia and Herzegovina."
    ms = spot(text, gaz)
    for m in ms:
        assert text[m.start:m.end] == m.surface
        s, e, name = m  # unpacks as (start, end, name)
        assert (s, e, name) == (m.start, m.end, m.surface)
    names = [m.surface for m in ms]
    assert names == ["Kharkiv", "St. Petersburg", "Rostov-on-Don", "Bosnia and Herzegovina"]


def test_region_phrase_and_adjectives(gaz) -> None:
    text = "Russian forces advanced inside Ukrainian territory in the Sumy region and Kharkiv Oblast."
    f = found(text, gaz)
    assert f["Sumy region"].kind == "admin1" and f["Sumy region"].region_phrase
    assert f["Kharkiv Oblast"].kind == "admin1"
    assert f["Russian"].adjective and f["Russian"].kind == "country"
    assert f["Ukrainian"].adjective
    assert [s for s, _, _ in spot_spans(text, gaz, adjectives=False)] == [text.index("Sumy region"),
                                                                          text.index("Kharkiv Oblast")]
    assert len(spot_spans(text, gaz)) == 4


def test_capitalised_non_places_are_filtered(gaz) -> None:
    text = ("On Friday President Vladimir Putin said he Will meet Chiquita Raquel Henry in May. "
            "Police said the march would go on.")
    assert spot(text, gaz) == []


def test_lowercase_words_are_not_places(gaz) -> None:
    # "nice" and "reading" are places elsewhere, but not in lower case
    assert spot("a nice day of reading in the park", gaz) == []


def test_capital_as_actor(gaz) -> None:
    text = "Moscow says the talks failed, and Kyiv has warned of new strikes on Kharkiv."
    f = found(text, gaz)
    assert f["Moscow"].role == "actor"
    assert f["Kyiv"].role == "actor"
    assert f["Kharkiv"].role == "location"


class _TinyGaz:
    """A gazetteer test double exposing only spotting_names() (the trie path of the spotter)."""

    def spotting_names(self):
        yield from [("springfield", 150_000, "place"), ("new salem", 2_000, "place"), ("illinois", 12_000_000,
                                                                                       "admin1")]


def test_spotter_with_a_names_only_gazetteer() -> None:
    from geomap.text.spotter import Spotter

    sp = Spotter(_TinyGaz())
    text = "From New Salem to Springfield, Illinois, and on to new salem fields."
    ms = sp.spot(text)
    assert [(text[m.start:m.end], m.kind) for m in ms] == [("New Salem", "place"), ("Springfield", "place"),
                                                          ("Illinois", "place")]


def test_institutions_are_not_places(gaz) -> None:
    text = "Yevdokimov, a United Russia member, met the Chamber of Commerce at the White House, then flew to Murmansk."
    assert [m.surface for m in spot(text, gaz)] == ["Murmansk"]


def test_us_state_abbreviations_after_a_place(gaz) -> None:
    from geomap.resolution import resolve_mentions

    text = "CHARLESTON, W. Va. - He moved from Gainesville, Ga., to Greer, S.C. last year. Miss. Smith said so."
    ms = spot(text, gaz)
    assert [(m.surface, m.name) for m in ms if m.kind == "admin1"] == [
        ("W. Va.", "West Virginia"), ("Ga.", "Georgia"), ("S.C.", "South Carolina")]
    res = {m.surface: m.cand for m in resolve_mentions(ms, gaz)}
    assert res["Ga."].id.startswith("admin1:US.") and res["Gainesville"].country == "US"
    assert res["Gainesville"].admin1 == res["Ga."].name


def test_dotted_state_abbreviations_anywhere(gaz) -> None:
    ms = spot("The S.C. Highway Patrol said N.Y. police helped.", gaz)
    assert [(m.surface, m.name) for m in ms] == [("S.C.", "South Carolina"), ("N.Y.", "New York")]


def test_surname_after_a_middle_initial_is_a_person(gaz) -> None:
    text = ("Who would have wanted Matthew D. Flores dead? Capt. Roy A. McDonald said the driver fled toward "
            "Houston. Later Flores was named in Sumy and St. Louis, and J. Paul Getty visited Washington, D.C.")
    names = [m.surface for m in spot(text, gaz)]
    assert "Flores" not in names and "McDonald" not in names  # surnames, also when repeated alone
    assert {"Houston", "Sumy", "St. Louis"} <= set(names)


def test_common_words_and_institutions_are_not_places(gaz) -> None:
    text = ("Congress passed the Recovery Act. None of the Duma deputies objected; Justice Kennedy and the Supreme "
            "Court agreed. Earth Day crowds gathered in Grand Rapids and Metro Nashville, near the Sumy border.")
    names = [m.surface for m in spot(text, gaz)]
    for w in ("Congress", "Recovery", "Act", "None", "Duma", "Justice", "Supreme", "Earth", "Metro"):
        assert w not in names
    assert {"Grand Rapids", "Nashville", "Sumy"} <= set(names)


def test_single_letters_and_abbreviations_are_not_places(gaz) -> None:
    text = "The Rev. Al Meredith and Pct. 4 Commissioner Jerry Hall met K and X near Kharkiv. Wanda Y. Martin spoke."
    names = [m.surface for m in spot(text, gaz)]
    assert names == ["Kharkiv"]


class _PackedGaz:
    """A wrapper exposing the packed-index interface of a real gazetteer (batch path of the spotter)."""

    def __init__(self, gaz) -> None:
        self._g = gaz

    def lookup_keys(self, keys):
        return self._g.lookup_keys(keys)

    def get(self, id_):
        return self._g.get(id_)


@pytest.mark.parametrize("packed", [False, True])
def test_spotters_are_cached_per_gazetteer_without_keeping_it_alive(gaz, packed: bool) -> None:
    import gc
    import weakref

    from geomap.text import spotter

    g = _PackedGaz(gaz) if packed else _TinyGaz()
    sp = spotter.get_spotter(g)
    assert spotter.get_spotter(g) is sp
    assert spotter.get_spotter(_PackedGaz(gaz) if packed else _TinyGaz()) is not sp
    if packed:
        assert [m.surface for m in sp.spot("Shelling hit Sumy, Ga. and Kharkiv.")] == ["Sumy", "Ga.", "Kharkiv"]
    ref = weakref.ref(g)
    del g, sp
    gc.collect()
    assert ref() is None  # neither the cache nor the spotter in it keeps the gazetteer alive


def test_the_first_part_of_a_longer_compound_name_is_no_place() -> None:
    """"Pont" of "Pont-l'Évêque" (a village the gazetteer lacks) is not Pont-Sainte-Maxence; "Kyiv-based" and
    "Russia-Ukraine" still name Kyiv, Russia and Ukraine."""
    from geomap.text.spotter import spot

    text = "Troops took Pont-l'Eveque near Noyon; Kyiv-based reporters covered the Russia-Ukraine war."
    assert [text[m.start:m.end] for m in spot(text)] == ["Noyon", "Kyiv", "Russia", "Ukraine"]


@pytest.mark.parametrize("name", ["Deir ez-Zor", "Deir ez Zor", "Jisr ash-Shughur", "Dar es Salaam", "Port-au-Prince"])
def test_names_joined_by_an_assimilated_article_are_one_mention(gaz, name: str) -> None:
    """"Deir ez-Zor" is one name (it was read as "Zor" alone, a place in Kuwait), as "Deir al-Balah" always was."""
    ms = spot(f"Shelling hit {name} on Monday, officials said.", gaz)
    assert [m.surface for m in ms] == [name]


def test_an_english_word_between_names_joins_nothing(gaz) -> None:
    """"as" and "at" join names only when hyphenated ("Ras as-Sayyid"): two places stay two mentions."""
    got = [m.surface for m in spot("Talks moved from Doha at Cairo's request, as Kyiv waited.", gaz)]
    assert "Doha" in got and "Kyiv" in got and not any(" at " in g or " as " in g for g in got)


@pytest.mark.parametrize("text, names", [
    ("Chinese ships entered Xiamen Bay near Taiwan.", ["Chinese", "Xiamen", "Taiwan"]),
    ("Patrols sailed around the Kinmen Islands on Monday.", ["Kinmen"]),
    ("Drones were shot down over the Belgorod Arena.", ["Belgorod"]),
    ("Floods hit Bay and Bakool in Somalia.", ["Bay", "Bakool", "Somalia"]),
    ("A Delta police officer testified.", ["Delta"]),
])
def test_a_feature_word_after_a_name_is_no_place_of_its_own(text: str, names: list[str], gaz) -> None:
    """"Xiamen Bay", "Kinmen Islands": the bay and the islands of the name before, never Bay (Somalia), Islands
    (Hong Kong) or Island (Iceland); a feature word standing alone (or after "A") is still spotted."""
    assert [m.surface for m in spot(text, gaz)] == names


@pytest.mark.parametrize("text, names", [
    ("The United Kingdom Maritime Trade Operations agency said a ship was hit off Hodeidah.",
     ["United Kingdom", "Hodeidah"]),
    ("A tanker was hit in the Red Sea, west of Hodeidah.", ["Hodeidah"]),
    ("Fighting reached Port Sudan in Red Sea State.", ["Port Sudan", "Red Sea State"]),
    ("At 10:00 EST the patrols left the LAC near Chushul.", []),
])
def test_words_of_maritime_and_border_copy_are_no_regions(text: str, names: list[str], gaz) -> None:
    """"Maritime" (Togo's region) in an agency's name, "the Red Sea" (Sudan's Red Sea state), "EST" (Cameroon's
    Est) and "LAC" (Chad's Lac): not places; "Red Sea State" still is."""
    assert [m.surface for m in spot(text, gaz) if m.surface != "Chushul"] == names


@pytest.mark.parametrize("text, names", [
    ("The British oil tanker Marlin Luanda was hit off Aden.", ["British", "Aden"]),
    ("The Indian Ocean Newsletter reported on Somalia.", ["Somalia"]),
    ("Russian warships sailed into the Black Sea.", ["Russian"]),
    ("Fighting reached Port Sudan in Red Sea State.", ["Port Sudan", "Red Sea State"]),
    ("A ship near Hodeidah was hit.", ["Hodeidah"]),
])
def test_seas_and_ships_are_no_places(text: str, names: list[str], gaz) -> None:
    """A sea's name ("the Black Sea": not Black, Alabama; "The Indian Ocean Newsletter": not India) and a ship's
    ("the oil tanker Marlin Luanda": not Luanda) are not put on the map; a region named after a sea still is."""
    assert [m.surface for m in spot(text, gaz)] == names
