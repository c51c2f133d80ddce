"""Gazetteer: normalisation, spellings meeting, region phrases, adjectives, ranking with context, errors."""

from __future__ import annotations

import socket

import pyarrow.parquet as pq
import pytest

from gazetteer import BadNameError, Candidate, Gazetteer, NotFoundError, PackMissingError, normalize
from gazetteer.packfiles import pack_dir


@pytest.fixture(scope="module")
def gaz(manifest) -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def places() -> dict[int, dict]:
    t = pq.read_table(pack_dir() / "places.parquet", columns=["geonameid", "name", "lat", "lon", "country", "admin1"])
    return {r["geonameid"]: r for r in t.to_pylist()}


@pytest.fixture(scope="module")
def admin1() -> dict[str, dict]:
    t = pq.read_table(pack_dir() / "admin1.parquet", columns=["id", "name", "country", "lat", "lon"])
    return {r["id"]: r for r in t.to_pylist()}


def _gid(places: dict, name: str, country: str, admin1: str | None = None) -> int:
    """GeoNames id of the most... first place in the pack table with that exact name/country/admin1."""
    hits = [g for g, r in places.items() if r["name"] == name and r["country"] == country
            and (admin1 is None or r["admin1"] == admin1)]
    assert hits, (name, country, admin1)
    return hits[0]


def test_normalize_rules() -> None:
    assert normalize("St. Petersburg") == normalize("Saint-Petersburg") == normalize("ST PETERSBURG")
    assert normalize("Ukraine’s") == normalize("Ukraine's") == normalize("Ukraine") == "ukraine"
    assert normalize("The Hague") == "hague"
    assert normalize("Kam’yanske") == normalize("Kam'yanske") == normalize("Kamʼyanske")
    assert normalize("Zaporizhzhia") == normalize("ZAPORIZHZHIA")
    assert normalize("São Paulo") == "sao paulo"
    assert normalize("Сумська  Область") == "сумська область"  # Cyrillic letters are kept
    assert normalize("...") == ""


@pytest.mark.parametrize("spellings", [
    ["Kyiv", "Kiev", "Київ", "Киев"], ["Kharkiv", "Kharkov"], ["Zaporizhzhia", "Zaporozhye"],
    ["Sumy", "Суми", "Сумы"], ["Mykolaiv", "Nikolaev"],
])
def test_spellings_meet(gaz: Gazetteer, spellings: list[str]) -> None:
    ids = {gaz.resolve_one(s, kinds={"place"}).id for s in spellings}
    assert len(ids) == 1, ids
    # and the plain name means the city, not its region
    assert gaz.resolve_one(spellings[0]).kind == "place"


def test_sumy_is_the_city(gaz: Gazetteer, places: dict) -> None:
    c = gaz.resolve_one("Sumy")
    r = places[692194]
    assert (c.id, c.country, c.lat, c.lon) == ("geonames:692194", "UA", r["lat"], r["lon"])


@pytest.mark.parametrize("phrase", ["Sumy region", "the Sumy Oblast", "Sumska oblast", "Сумська область",
                                    "Sumy Oblast", "Sumy province"])
def test_region_phrases(gaz: Gazetteer, admin1: dict, phrase: str) -> None:
    c = gaz.resolve_one(phrase)
    assert c.id == "admin1:UA.21" and c.kind == "admin1"
    assert (c.lat, c.lon) == (admin1["admin1:UA.21"]["lat"], admin1["admin1:UA.21"]["lon"])


def test_kursk_province(gaz: Gazetteer, admin1: dict) -> None:
    c = gaz.resolve_one("Kursk province")
    assert c.kind == "admin1" and admin1[c.id]["name"] == "Kursk" and c.country == "RU"


@pytest.mark.parametrize("text,cc", [("Ukrainian", "UA"), ("Russian", "RU"), ("Belarusian", "BY"), ("Iraqi", "IQ"),
                                     ("Turkish", "TR"), ("American", "US"), ("Ukrainian territory", "UA"),
                                     ("the Russian border", "RU"), ("Ukraine", "UA"), ("U.S.", "US")])
def test_adjectives_and_countries(gaz: Gazetteer, text: str, cc: str) -> None:
    c = gaz.resolve_one(text)
    assert (c.kind, c.country, c.id) == ("country", cc, f"country:{cc}")


@pytest.mark.parametrize("q", ["UA", "UKR", "Ukraine", "Ukrainian", "the Ukrainian", "ukraine's"])
def test_country_lookup(gaz: Gazetteer, q: str) -> None:
    assert gaz.country(q).id == "country:UA"


def test_codes_only_in_country_lookups(gaz: Gazetteer) -> None:
    assert all(c.id != "country:UA" for c in gaz.resolve("UKR"))
    assert gaz.resolve("UKR", kinds={"country"})[0].id == "country:UA"


def test_demonym_table_covers_un_members(gaz: Gazetteer) -> None:
    from gazetteer.tables import read_table

    t = read_table("demonyms")
    assert len(t) >= 190
    for code in t:
        gaz.get(f"country:{code}")  # every code is a country of the pack


def test_st_petersburg_context(gaz: Gazetteer, places: dict) -> None:
    ru = _gid(places, "Saint Petersburg", "RU")
    fl = _gid(places, "St. Petersburg", "US", "Florida")
    assert gaz.resolve_one("St. Petersburg", context=["Russia"]).id == f"geonames:{ru}"
    assert gaz.resolve_one("St. Petersburg", context=["Florida"]).id == f"geonames:{fl}"
    assert gaz.resolve_one("St. Petersburg", country="US").id == f"geonames:{fl}"
    assert gaz.resolve_one("St. Petersburg", country="USA").id == f"geonames:{fl}"


def test_krasnopillya_context(gaz: Gazetteer, places: dict) -> None:
    want = _gid(places, "Krasnopillya", "UA", "Sumy")
    c = gaz.resolve_one("Krasnopillya", context=["Sumy Oblast"])
    assert c.id == f"geonames:{want}" and c.admin1 == "Sumy"
    c2 = gaz.resolve_one("Krasnopillya", context=[gaz.get("admin1:UA.21")])
    assert c2.id == c.id


def test_near_prefers_close(gaz: Gazetteer, places: dict) -> None:
    fl = places[_gid(places, "St. Petersburg", "US", "Florida")]
    assert gaz.resolve_one("St. Petersburg", near=(fl["lat"] + 0.3, fl["lon"])).country == "US"


def test_get_and_to_dict(gaz: Gazetteer, places: dict, admin1: dict) -> None:
    c = gaz.get("geonames:692194")
    assert (c.name, c.lat, c.lon) == (places[692194]["name"], places[692194]["lat"], places[692194]["lon"])
    a = gaz.get("admin1:UA.21")
    assert (a.kind, a.name) == ("admin1", admin1["admin1:UA.21"]["name"])
    assert gaz.get("country:UA").kind == "country"
    assert list(c.to_dict()) == ["id", "name", "kind", "country", "admin1", "lat", "lon", "population", "score"]
    assert isinstance(c, Candidate)
    for bad in ["geonames:1", "admin1:XX.99", "country:ZZ", "Sumy"]:
        with pytest.raises(NotFoundError):
            gaz.get(bad)


def test_suggest_and_not_found(gaz: Gazetteer) -> None:
    sug = gaz.suggest("Sumyy")
    assert sug and sug[0].startswith("Sumy (UA")
    with pytest.raises(NotFoundError) as ei:
        gaz.resolve_one("Sumyy")
    assert "Sumyy" in str(ei.value) and "did you mean Sumy" in str(ei.value)
    assert ei.value.suggestions == sug[: len(ei.value.suggestions)]
    assert gaz.resolve("Sumyy") == []


@pytest.mark.parametrize("bad", ["", "   ", "\t\n", "...", "?!", "Sumy\x00", "Su\x07my", "x" * 10_000, "a" * 201])
def test_bad_names(gaz: Gazetteer, bad: str) -> None:
    with pytest.raises(BadNameError) as ei:
        gaz.resolve(bad)
    assert len(str(ei.value)) < 200


def test_bad_arguments(gaz: Gazetteer) -> None:
    with pytest.raises(BadNameError):
        gaz.resolve("Sumy", kinds={"city"})
    with pytest.raises(NotFoundError):
        gaz.resolve("Sumy", country="XX")
    with pytest.raises(NotFoundError):
        gaz.resolve("Sumy", context=["Nowhereville Qqq"])


def test_kinds_filter(gaz: Gazetteer) -> None:
    assert gaz.resolve_one("Sumy", kinds={"admin1"}).id == "admin1:UA.21"
    assert all(c.kind == "place" for c in gaz.resolve("Georgia", kinds=["place"]))


def test_spotting_names(gaz: Gazetteer) -> None:
    seen = {}
    for key, pop, kind in gaz.spotting_names():
        if key in ("sumy", "ukrainian", "ukr"):
            seen[key] = (pop, kind)
    assert seen["sumy"][1] == "admin1" and seen["sumy"][0] >= 256474
    assert seen["ukrainian"][1] == "country"
    assert seen.get("ukr", (0, "place"))[1] != "country"  # ISO codes are not offered for spotting


def test_default_is_cached() -> None:
    assert Gazetteer.default() is Gazetteer.default()


def test_no_socket_offline(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a, **k):
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "socket", boom)
    monkeypatch.setattr(socket, "create_connection", boom)
    from geomap.cli import main

    assert main(["resolve", "Sumy", "--json"]) == 0
    assert main(["resolve", "Qqqzzzxx"]) == 2
    g2 = Gazetteer.load()
    assert g2.resolve("Kharkiv") and g2.resolve("Qqqzzzxx") == []


def test_admin2_divisions(gaz: Gazetteer, admin1: dict) -> None:
    assert [c.id for c in gaz.admin2_regions("Laurel County")] == ["admin1:US.KY"]
    assert [c.id for c in gaz.admin2_regions("Licking County")] == ["admin1:US.OH"]
    assert "admin1:US.TN" in [c.id for c in gaz.admin2_regions("Loudon Co.")]
    assert gaz.admin2_regions("Ohio") == []  # a region's own name is not a division
    assert gaz.resolve_one("Laurel County").country == "US"


def test_resolve_document_uses_context(gaz: Gazetteer, places: dict) -> None:
    from gazetteer.rank import resolve_document

    tx = _gid(places, "Gainesville", "US", "Texas")
    fl = _gid(places, "Gainesville", "US", "Florida")
    res = resolve_document(gaz, ["Gainesville", "Denton", "Texas", "Gainesville"])
    assert res[0].id == res[3].id == f"geonames:{tx}"
    res = resolve_document(gaz, ["Gainesville", "Ocala", "Florida"])
    assert res[0].id == f"geonames:{fl}"
    # a division known only by name stands at the document's place inside its region
    res = resolve_document(gaz, ["Newark", "Licking County", "Newark", "Ohio"])
    assert res[1].kind == "place" and res[1].admin1 == "Ohio" and res[0].admin1 == "Ohio"
    assert resolve_document(gaz, ["Qqqzzzxx", "   "]) == [None, None]


def test_online_lookup_cached_and_rate_limited(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gazetteer import online

    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    calls = []

    def fake_fetch(name, country, limit):
        calls.append(name)
        return [{"osm_type": "node", "osm_id": 1, "lat": "50.9", "lon": "34.8", "name": "Fakeville",
                 "addresstype": "village", "importance": 0.5, "address": {"country_code": "ua", "state": "Sumy"}}]

    monkeypatch.setattr(online, "_fetch", fake_fetch)
    a = online.lookup("Fakeville")
    b = online.lookup("Fakeville")
    assert calls == ["Fakeville"] and a == b
    assert (a[0].country, a[0].admin1, a[0].lat, a[0].kind) == ("UA", "Sumy", 50.9, "place")
    assert list((tmp_path / "nominatim").glob("*.json"))



def test_online_fetch_rate_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real fetcher uses geopy Nominatim behind a 1 request/s RateLimiter with a descriptive user agent."""
    import geopy.extra.rate_limiter as rl
    import geopy.geocoders as gc

    from gazetteer import online

    seen: dict = {}

    class FakeNominatim:
        def __init__(self, user_agent: str, timeout: int) -> None:
            seen["ua"] = user_agent

        def geocode(self, query, **kw):
            seen["query"] = (query, kw)
            return []

    def fake_limiter(func, min_delay_seconds, max_retries, swallow_exceptions):
        seen["delay"] = min_delay_seconds
        seen["swallow"] = swallow_exceptions
        return func

    monkeypatch.setattr(gc, "Nominatim", FakeNominatim)
    monkeypatch.setattr(rl, "RateLimiter", fake_limiter)
    online._geocoder.cache_clear()
    assert online._fetch("Sumy", "UA", 3) == []
    assert seen["delay"] == 1 and "geomap" in seen["ua"]
    assert seen["swallow"] is False  # a failure raises (and is not cached as "no match")
    assert seen["query"][0] == "Sumy" and seen["query"][1]["country_codes"] == "ua"
    online._geocoder.cache_clear()


def test_online_without_network_is_one_quiet_line_and_nothing_cached(tmp_path, monkeypatch, capsys) -> None:
    """No network: geopy's real path fails fast, logs nothing, caches nothing; the CLI says so in one line."""
    import socket

    from gazetteer import online
    from geomap.cli import main

    def no_dns(*a, **k):
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    online._geocoder.cache_clear()
    with pytest.raises(online.OnlineError, match=r"online lookup failed for 'Qwxzvbq': .*name resolution"):
        online.lookup("Qwxzvbq")
    assert main(["resolve", "Qwxzvbq Nonexistentia", "--online"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "online lookup failed" in err[0] and "offline answer" in err[0], err
    assert not list(tmp_path.rglob("*.json"))
    online._geocoder.cache_clear()


def test_online_failure_is_one_line_error(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gazetteer import online

    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))

    def boom(*a, **k):
        raise OSError("network is unreachable")

    monkeypatch.setattr(online, "_fetch", boom)
    with pytest.raises(online.OnlineError, match="Nowhere"):
        online.lookup("Nowhere")


@pytest.mark.parametrize("phrase,region_of", [("Kyiv region", "Kyiv"), ("Kyiv Oblast", "Kyiv"),
                                               ("Moscow region", "Moscow"), ("Minsk region", "Minsk")])
def test_region_of_a_city_region(gaz: Gazetteer, phrase: str, region_of: str) -> None:
    """'Kyiv region' is the oblast around the capital, not the capital's own city-region."""
    city = gaz.resolve_one(region_of, kinds={"place"})
    c = gaz.resolve_one(phrase)
    assert c.kind == "admin1" and c.country == city.country
    assert c.name != city.admin1  # the city's own admin-1 is the city-region


@pytest.mark.parametrize("name", ["Odessa", "Kyiv", "Moscow", "Kherson", "Belgorod", "Basra", "Aleppo"])
def test_bare_name_means_the_city(gaz: Gazetteer, name: str) -> None:
    assert gaz.resolve_one(name).kind == "place"


def test_bare_state_name_means_the_state(gaz: Gazetteer) -> None:
    assert gaz.resolve_one("Texas").id == "admin1:US.TX"
    assert gaz.resolve_one("Ohio").id == "admin1:US.OH"
    assert gaz.resolve_one("Fla.").id == "admin1:US.FL"  # news abbreviation
    assert gaz.resolve_one("Texans").id == "admin1:US.TX"  # demonym


def test_primary_name_beats_old_alternate(gaz: Gazetteer, places: dict) -> None:
    # Engels (RU) was once called Pokrovsk; the town now called Pokrovsk (UA) wins
    assert gaz.resolve_one("Pokrovsk").country == "UA"


def test_not_a_country_costs_no_suggestions_until_read(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    # "is this word a country?" is asked of many words per article; the fuzzy search runs only for a reader
    calls: list[str] = []
    real = gaz.suggest

    def counting(name: str, limit: int = 5, **kw):
        calls.append(name)
        return real(name, limit, **kw)

    monkeypatch.setattr(gaz, "suggest", counting)
    with pytest.raises(NotFoundError) as ei:
        gaz.country("Ukrainee")
    assert calls == []
    assert ei.value.suggestions == real("Ukrainee", kinds={"country"}) and ei.value.suggestions
    assert ei.value.suggestions[0].startswith("Ukraine")
    assert calls == ["Ukrainee"]  # computed once, on the first read
    assert ei.value.suggestions and calls == ["Ukrainee"]


def test_suggest_labels_and_regions(gaz: Gazetteer) -> None:
    assert gaz.suggest("Sumyy")[0] == "Sumy (UA, Sumy Oblast)"
    assert any("Sumy Oblast (region, UA)" == s for s in gaz.suggest("Sumyy region"))


def test_index_files_checked_at_load(tmp_path, manifest) -> None:
    import json
    import shutil

    from gazetteer.errors import PackCorruptError

    src = pack_dir()
    dst = tmp_path / "pack"
    shutil.copytree(src / "index", dst / "index")
    shutil.copy(src / "manifest.json", dst / "manifest.json")
    g = Gazetteer.load(tmp_path)
    assert g.resolve_one("Sumy").id == "geonames:692194"
    with open(dst / "index" / "post_ent.npy", "r+b") as f:
        f.truncate(1000)
    with pytest.raises(PackCorruptError, match="post_ent"):
        Gazetteer.load(tmp_path)
    m = json.loads((dst / "manifest.json").read_text())
    m["files"] = {k: v for k, v in m["files"].items() if not k.startswith("index/")}
    (dst / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(PackMissingError, match="geomap data build"):
        Gazetteer.load(tmp_path)


def test_division_places_and_context(gaz: Gazetteer, places: dict) -> None:
    from gazetteer.rank import resolve_document

    seats = gaz.admin2_places("Walker County")
    regions = {c.name for c in gaz.admin2_regions("Walker County")}
    assert seats and all(c.kind == "place" and c.admin1 in regions for c in seats)
    assert {"Alabama", "Georgia", "Texas"} <= regions
    # Huntsville, Texas lies in Walker County, Texas: the two names pull each other there
    tx = _gid(places, "Huntsville", "US", "Texas")
    res = resolve_document(gaz, ["Walker County", "Huntsville", "Walker County"])
    assert res[1].id == f"geonames:{tx}" and res[0].admin1 == "Texas"
    assert gaz.division_of(res[1]) in gaz.divisions("Walker County")
    assert gaz.division_of(gaz.get("country:UA")) == -1


def test_joiners_are_text_not_control(gaz: Gazetteer, places: dict) -> None:
    # Persian names are written with ZERO WIDTH NON-JOINER; GeoNames 12 has the alternate name "تخت قیصر"
    assert gaz.resolve_one("تخت\u200cقیصر").id == "geonames:12" == f"geonames:{places[12]['geonameid']}"
    with pytest.raises(BadNameError):
        gaz.resolve("Sumy\u202e")  # RIGHT-TO-LEFT OVERRIDE is a format control


# conflict places: (name, expected country, expected admin-1 name in the pack, context of the same story)
_WAR_PLACES = [
    ("Pokrovsk", "UA", "Donets'k", ["Donetsk", "Ukraine"]),
    ("Kherson", "UA", "Kherson", ["Mykolaiv", "Ukraine"]),
    ("Goma", "CD", "Nord-Kivu", ["Bukavu", "Democratic Republic of the Congo"]),
    ("Mosul", "IQ", "Ninawa", ["Erbil", "Iraq"]),
    ("Gaza", "PS", "Gaza Strip", ["Khan Younis", "Israel"]),
    ("Rafah", "PS", "Gaza Strip", ["Khan Younis", "Gaza"]),
    ("Kaliningrad", "RU", "Kaliningrad", ["Lithuania", "Poland"]),
    ("Kramatorsk", "UA", "Donets'k", ["Sloviansk", "Ukraine"]),
    ("Avdiivka", "UA", "Donets'k", ["Donetsk", "Ukraine"]),
    ("Vovchansk", "UA", "Kharkiv", ["Kharkiv", "Ukraine"]),
    ("Toretsk", "UA", "Donets'k", ["Donetsk", "Ukraine"]),
    ("Bakhmut", "UA", "Donets'k", ["Soledar", "Ukraine"]),
    ("Artemivsk", "UA", "Donets'k", ["Soledar", "Ukraine"]),  # Bakhmut's former name
    ("Odessa", "UA", "Odessa", ["Mykolaiv", "Ukraine"]),  # the Ukrainian city, not Odessa, Texas
]


@pytest.mark.parametrize("name,cc,region,ctx", _WAR_PLACES, ids=[w[0] for w in _WAR_PLACES])
def test_conflict_places_alone_and_in_context(gaz: Gazetteer, name: str, cc: str, region: str,
                                              ctx: list[str]) -> None:
    from gazetteer.rank import resolve_document

    alone = gaz.resolve_one(name)
    assert (alone.kind, alone.country, alone.admin1) == ("place", cc, region)
    with_ctx = gaz.resolve_one(name, context=ctx)
    assert (with_ctx.country, with_ctx.admin1) == (cc, region)
    doc = resolve_document(gaz, [name, *ctx, name])
    assert doc[0] is not None and (doc[0].country, doc[0].admin1) == (cc, region)
    assert doc[-1] == doc[0]  # one sense per name per document


def test_pokrovsk_with_donetsk_is_not_engels(gaz: Gazetteer) -> None:
    # Engels (RU, far bigger) was called Pokrovsk until 1931: an old alternate name ranks below the current
    # official name, alone and with Ukrainian context
    for ctx in ((), ("Donetsk",), ("Ukraine",)):
        res = gaz.resolve("Pokrovsk", context=ctx, limit=5)
        assert res[0].country == "UA" and res[0].admin1 == "Donets'k", ctx
        engels = [c for c in res if c.name == "Engels"]
        assert all(c.score < res[0].score - 0.5 for c in engels), ctx


def test_lookup_keys_batch(gaz: Gazetteer) -> None:
    from gazetteer.core import KIND_NOT_SPOTTED

    keys = [normalize("Sumy"), normalize("Ukraine"), normalize("Sumy Oblast"), "no such place qq", normalize("UA")]
    found, pops, kinds = gaz.lookup_keys(keys)
    assert found.tolist() == [True, True, True, False, True]
    sumy = gaz.resolve("Sumy", kinds={"place"}, limit=30)
    assert pops[0] >= max(c.population for c in sumy if normalize(c.name) == "sumy")
    assert kinds[1] == 2 and kinds[3] == KIND_NOT_SPOTTED and pops[3] == 0
    assert kinds[4] == KIND_NOT_SPOTTED  # an ISO code is resolvable as a country but not offered for spotting
    assert [a.size for a in gaz.lookup_keys([])] == [0, 0, 0]
    # the same answers as the spotting name list
    listed = {k: (p, kind) for k, p, kind in gaz.spotting_names() if k in keys}
    assert listed[keys[0]][0] == pops[0] and listed[keys[1]][1] == "country"


def test_bare_division_name_in_a_regional_story(gaz: Gazetteer) -> None:
    from gazetteer.rank import resolve_document

    # "Clay" alone is some town called Clay; in a story about Otter Tail County, Minnesota it is Clay County,
    # Minnesota (standing at its main place), while "Washington" (a big city elsewhere) keeps its meaning
    alone = resolve_document(gaz, ["Clay"])[0]
    doc = resolve_document(gaz, ["Otter Tail County", "Fergus Falls", "Perham", "Minnesota", "Clay", "Washington"])
    assert alone is not None and alone.admin1 != "Minnesota"
    clay = doc[4]
    assert clay is not None and (clay.country, clay.admin1) == ("US", "Minnesota")
    assert clay.id in {c.id for c in gaz.admin2_places("Clay County")}
    assert doc[5] is not None and doc[5].admin1 == "District of Columbia"


@pytest.mark.parametrize("county,town,state", [("Madison County", "Richmond", "Kentucky"),
                                               ("Douglas County", "Alexandria", "Minnesota")])
def test_county_and_its_main_place_fit_together(gaz: Gazetteer, county: str, town: str, state: str) -> None:
    from gazetteer.rank import resolve_document

    alone = resolve_document(gaz, [town])[0]
    assert alone is not None and alone.admin1 != state  # a bigger namesake elsewhere
    c_county, c_town = resolve_document(gaz, [county, town])
    assert c_town is not None and (c_town.country, c_town.admin1) == ("US", state)
    assert c_town.id in {c.id for c in gaz.admin2_places(county)}
    assert c_county is not None and c_county.id == c_town.id  # the county stands at its main place


@pytest.mark.parametrize("name", ["Sumy", "The Hague", "St Petersburg", "THE BRONX", "Ft Worth", "the", "Mt Everest",
                                  "New  York"])
def test_normalize_fast_path_matches_general_path(name: str) -> None:
    # a trailing combining accent sends the name through the general (Unicode) path and is then stripped
    assert normalize(name) == normalize(name + "\u0301")


def test_normalize_fast_path_property() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.from_regex(r"[A-Za-z]{1,8}( [A-Za-z]{1,8}){0,3}", fullmatch=True))
    def check(name: str) -> None:
        assert normalize(name) == normalize(name + "\u0301")

    check()


@pytest.mark.parametrize("doc", [
    ["Springfield", "Illinois", "Chicago", "Peoria", "Decatur", "Sangamon County", "Washington"],
    ["Pokrovsk", "Donetsk", "Kramatorsk", "Ukraine", "Russia", "Kharkiv", "Sumy", "Kursk"],
    ["Athens", "Georgia", "Clarke County", "Oconee County", "Atlanta", "Paris", "Berlin", "Athens"],
])
def test_vectorised_rerank_matches_scalar_reference(gaz: Gazetteer, doc: list[str]) -> None:
    # the document resolver re-ranks all names at once with numpy; the per-name scalar path is the reference
    from gazetteer.rank import resolve_document

    answers = resolve_document(gaz, doc)
    keys = list(dict.fromkeys(normalize(n) for n in doc))
    rows = gaz.rows(a for a in dict(zip(map(normalize, doc), answers, strict=True)).values() if a is not None)
    own = [gaz.rows([dict(zip(map(normalize, doc), answers, strict=True))[k]])[0] for k in keys]
    fast = gaz.rerank(tuple(keys), rows, tuple(own), 30)
    for k, r, (top_s, top_e, cur) in zip(keys, own, fast, strict=True):
        ref = gaz.rerank_one(k, rows, r, 30)
        assert (top_e, top_s) == (ref[0][1], pytest.approx(ref[0][0], abs=1e-12))
        ref_cur = next((s for s, e in ref if e == r), None)
        assert (cur is None) == (ref_cur is None)
        if cur is not None:
            assert cur == pytest.approx(ref_cur, abs=1e-12)


@pytest.mark.parametrize("name", ["West Africa", "Sub-Saharan Africa", "the Far East", "the West"])
def test_world_regions_resolve_to_nothing(gaz: Gazetteer, name: str) -> None:
    # regions without a member list in data/world_regions.tsv: namesakes (Ouest CM for "the West") are wrong
    assert gaz.resolve(name) == [] and gaz.suggest(name) == []


@pytest.mark.parametrize("name,code", [("Africa", "AF"), ("Europe", "EU"), ("Asia", "AS"), ("European", "EU")])
def test_continents_resolve_to_continent_entities(gaz: Gazetteer, name: str, code: str) -> None:
    # continents are entities of their own kind now (gazetteer.extras), not Mahdia's old name or a village Asia
    best = gaz.resolve_one(name)
    assert (best.id, best.kind, best.country) == (f"continent:{code}", "continent", "")


@pytest.mark.parametrize("name,cc", [("South Africa", "ZA"), ("Central African Republic", "CF"),
                                     ("Antarctica", "AQ")])
def test_countries_named_after_world_regions_still_resolve(gaz: Gazetteer, name: str, cc: str) -> None:
    assert gaz.resolve_one(name).country == cc


def test_data_tables_one_loader() -> None:
    from gazetteer.tables import news_abbreviations, read_list, read_table

    a1 = read_table("admin1_aliases")
    assert a1["US.CA"] == ["Calif.", "Cal."] and a1["CA.02"] == ["B.C."]  # every form column
    assert read_table("admin1_aliases", column=1)["US.CA"] == ["Calif."]  # the AP-style column only
    ap = news_abbreviations()
    assert ap["Ga."] == "US.GA" and ap["W.Va."] == "US.WV" and "Cal." not in ap and "B.C." not in ap
    assert "West Africa" in read_list("macro_regions") and not any(x.startswith("#") for x in read_list("macro_regions"))


def test_pack_tables_fit_the_index_schema(tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from gazetteer.schema import ADMIN1, EXTRA_TABLES, TABLES

    for t in (*TABLES, *EXTRA_TABLES):  # the pack in use was written against the schema
        assert t.problems(pq.read_schema(t.path(pack_dir()))) == []
    bad = pa.schema([(c, pa.string()) for c in ADMIN1.columns if c != "type"])
    problems = ADMIN1.problems(bad)
    assert "admin1: no column 'type'" in problems
    assert "admin1: column 'lat' is string, the index reads float" in problems
    assert "admin1: column 'alt_names' is string, the index reads strings" in problems
    assert not any("'name'" in p or "'id'" in p for p in problems)  # string columns are fine


@pytest.mark.parametrize("name,same", [("Sums'ka oblast'", "Sumska"), ("Respublika Krym", "Krym"),
                                       ("Kyïv", "Kyiv"), ("Province of Córdoba", "Cordoba")])
def test_join_key_folds_what_boundary_tables_spell_apart(name: str, same: str) -> None:
    from gazetteer.normalize import join_key

    assert join_key(name) == join_key(same) != ""


def test_region_prefers_the_one_region_bearing_the_exact_name(gaz: Gazetteer, admin1: dict) -> None:
    # "Edo State" is an alternate name of the Nigerian state only; the ranking alone prefers Tokyo (old name Edo)
    assert gaz.resolve_one("Edo State", kinds={"admin1"}).country == "JP"
    c = gaz.region("Edo State")
    assert c.kind == "admin1" and c.country == "NG"
    assert gaz.region("Sumy Oblast").id == "admin1:UA.21" and gaz.region("Fla.").id == "admin1:US.FL"
    with pytest.raises(NotFoundError):
        gaz.region("Qqqzzzx")


def test_south_asian_long_vowels_as_newsrooms_write_them() -> None:
    """"Akhnoor" and "Poonch" (GeoNames: Akhnūr, Pūnch) resolve; Akhnoor at 32.87 N, 74.73 E (Wikipedia, "Akhnoor")."""
    from gazetteer import Gazetteer

    g = Gazetteer.default()
    c = g.resolve("Akhnoor")[0]
    assert c.country == "IN" and abs(c.lat - 32.87) < 0.05 and abs(c.lon - 74.73) < 0.05
    assert g.resolve("Poonch", country="IN")[0].country == "IN"


def test_congo_means_either_congo_the_larger_first(gaz) -> None:
    """News writes "Congo" for the Democratic Republic far more than for the Republic: both are candidates."""
    ids = [c.id for c in gaz.resolve("Congo", kinds={"country"}, limit=5)]
    assert ids[:2] == ["country:CD", "country:CG"]
