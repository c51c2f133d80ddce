"""Current English display names of admin-1 regions (geomap.pack.display_names) and their column in the pack."""

from __future__ import annotations

import pytest

from geomap.pack.display_names import display_name, display_names


@pytest.mark.parametrize(("ne", "iso", "aliases", "rtype", "expected"), [
    # English designation form wins over the dated Natural Earth transliteration
    ("Kharkiv", "Kharkivska oblast", ["Kharkiv", "Kharkiv Oblast", "Kharkivs’ka Oblast’", "Харьковская область"],
     "Region", "Kharkiv Oblast"),
    ("Dnipropetrovs'k", "Dnipropetrovska oblast", ["Dnipropetrovsk", "Dnipropetrovsk Oblast"], "Region",
     "Dnipropetrovsk Oblast"),
    # a city with region status: the city's English name
    ("Kiev City", "Kyiv", ["Kyiv City", "Misto Kyiv", "Киев"], "City", "Kyiv"),
    ("Moskva", "Moskva", ["Moscow", "Мәскәү"], "Autonomous city", "Moscow"),
    ("Sevastopol", "Sevastopol", ["Sebastopol City", "Sevastopol City"], "City", "Sevastopol"),
    # no English form in the table: the official name is built from the local designation (not renamed)
    ("Leningrad", "Leningradskaya oblast'", ["Leninqrad vilayəti", "Ленинград област"], "Administrative region",
     "Leningrad Oblast"),
    ("Gomel", "Homieĺskaja voblasć", ["Gomelskaya Oblast", "Homyel’ Voblasc’"], "Oblast", "Gomel Oblast"),
    ("Aleppo", "Ḩalab", ["Aleppo", "Aleppo Governorate", "حلب"], "Province", "Aleppo Governorate"),
    ("Sanliurfa", "Şanlıurfa", ["Şanlıurfa Province"], "Province", "Şanlıurfa Province"),
    # nicknames and odd aliases with weak designations are not names
    ("California", "California", ["Alta California", "California Republic", "Golden State"], "State",
     "California"),
    ("Baden-Württemberg", "Baden-Württemberg", ["Baden-Wurttemberg Region"], "Land", "Baden-Württemberg"),
    # nothing better: the Natural Earth name
    ("Beirut", "Bayrūt", ["Beyrouth"], "Governorate", "Beirut"),
])
def test_display_name(ne, iso, aliases, rtype, expected):
    assert display_name(ne, iso, aliases, rtype) == expected


def test_display_names_keeps_regions_without_a_record():
    recs = {"UA.07": {"name": "Kharkivska oblast", "aliases": ["Kharkiv Oblast"], "type": "Region"}}
    assert display_names(["UA.07", "FRA-1234"], ["Kharkiv", "Aude"], recs) == ["Kharkiv Oblast", "Aude"]


def test_pack_has_display_names():
    from geomap.pack import read

    a = read.admin1().set_index("code")
    assert a.loc["UA.07", "display_name"] == "Kharkiv Oblast"
    assert a.loc["UA.12", "display_name"] == "Kyiv"
    assert a.loc["UA.04", "display_name"] == "Dnipropetrovsk Oblast"
    assert a.loc["RU.42", "display_name"] == "Leningrad Oblast"
    assert a["display_name"].notna().all()


def test_old_pack_format_asks_for_a_rebuild(tmp_path):
    import json

    from gazetteer.packfiles import read_manifest
    from geomap.errors import GeomapError

    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "manifest.json").write_text(json.dumps({"format": 1, "complete": True}))
    with pytest.raises(GeomapError, match=r"geomap data build --force"):
        read_manifest(tmp_path)
