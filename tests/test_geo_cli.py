"""``geomap distance|buffer|zone``: output contract (keys, RFC 7946), errors and atomic writes."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
import shapely
from _geo_fixtures import GEOD

from geomap.cli import main


def _run(capsys, *argv):
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_distance_border_json(capsys):
    rc, out, _ = _run(capsys, "distance", "Sumy", "--border", "UA,RU", "--json")
    assert rc == 0
    d = json.loads(out)
    assert set(d) == {"from", "border", "km", "nearest"}
    assert set(d["from"]) == {"id", "name", "lat", "lon"}
    assert d["border"] == ["UA", "RU"] and 27.5 <= d["km"] <= 28.0
    lon, lat = d["nearest"]
    _, _, m = GEOD.inv(d["from"]["lon"], d["from"]["lat"], lon, lat)
    assert m / 1000 == pytest.approx(d["km"], abs=0.005)


def test_distance_border_text(capsys):
    rc, out, _ = _run(capsys, "distance", "Sumy", "--border", "Ukraine,Russia")
    assert rc == 0 and "km" in out and "Ukraine" in out


def test_distance_two_places_json(capsys):
    rc, out, _ = _run(capsys, "distance", "Kyiv", "Sumy", "--json")
    assert rc == 0
    d = json.loads(out)
    assert set(d) == {"from", "to", "km", "bearing_deg"}
    az, _, m = GEOD.inv(d["from"]["lon"], d["from"]["lat"], d["to"]["lon"], d["to"]["lat"])
    assert d["km"] == pytest.approx(m / 1000, abs=0.001) and d["bearing_deg"] == pytest.approx(az % 360, abs=0.01)


def test_distance_errors(capsys):
    rc, _, err = _run(capsys, "distance", "Sumy", "--border", "UA,ES")
    assert rc == 1 and "share no land border" in err
    rc, _, err = _run(capsys, "distance", "Sumy", "--border", "UA")
    assert rc == 1 and "--border" in err
    rc, _, err = _run(capsys, "distance", "Qqqzzxv", "--border", "UA,RU")
    assert rc == 2 and "error" in err


def _check_fc(path):
    text = path.read_text()
    fc = json.loads(text)
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert not re.search(r"\d\.\d{7,}", text)  # ≤ 6 decimals
    for f in fc["features"]:
        g = shapely.geometry.shape(f["geometry"])
        assert g.is_valid
        for poly in getattr(g, "geoms", [g]):
            assert poly.exterior.is_ccw
            c = np.asarray(poly.exterior.coords)
            assert np.all(np.abs(c[:, 0]) <= 180) and np.all(np.abs(c[:, 1]) <= 90)
    return fc


def test_buffer_geojson(capsys, tmp_path):
    out = tmp_path / "band.geojson"
    rc, _, _ = _run(capsys, "buffer", "--inside", "UA", "--along", "RU", "--km", "12", "--within", "Sumy Oblast",
                    "-o", str(out))
    assert rc == 0
    fc = _check_fc(out)
    props = fc["features"][0]["properties"]
    assert {"inside", "along", "km", "within", "area_km2"} <= set(props)
    assert props["inside"] == "UA" and props["along"] == "RU" and props["km"] == 12
    assert props["within"] == "admin1:UA.21" and 3000 < props["area_km2"] < 6000
    g = shapely.geometry.shape(fc["features"][0]["geometry"])
    area = sum(abs(GEOD.geometry_area_perimeter(p)[0]) for p in getattr(g, "geoms", [g])) / 1e6
    assert area == pytest.approx(props["area_km2"], rel=1e-3)


def test_buffer_both_sides(capsys, tmp_path):
    out = tmp_path / "strip.geojson"
    rc, _, _ = _run(capsys, "buffer", "--inside", "Ukraine", "--along", "Russia", "--km", "10", "--both-sides",
                    "-o", str(out))
    assert rc == 0
    assert _check_fc(out)["features"][0]["properties"]["within"] is None


@pytest.mark.parametrize("argv,code", [
    (["--inside", "UA", "--along", "ES", "--km", "10"], 1),
    (["--inside", "UA", "--along", "RU", "--km", "0"], 1),
    (["--inside", "UA", "--along", "RU", "--km", "nan"], 1),
    (["--inside", "UA", "--along", "RU", "--km", "5000"], 1),
    (["--inside", "UA", "--along", "RU", "--km", "10", "--within", "Kursk Oblast"], 1),
])
def test_buffer_errors_write_nothing(capsys, tmp_path, argv, code):
    out = tmp_path / "x.geojson"
    rc, _, err = _run(capsys, "buffer", *argv, "-o", str(out))
    assert rc == code and "error" in err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_zone_geojson(capsys, tmp_path):
    out = tmp_path / "zone.geojson"
    rc, _, _ = _run(capsys, "zone", "Sumy", "--km", "20", "-o", str(out))
    assert rc == 0
    fc = _check_fc(out)
    props = fc["features"][0]["properties"]
    assert props["km"] == 20 and props["id"] == "geonames:692194"
    c = np.asarray(fc["features"][0]["geometry"]["coordinates"][0])
    _, _, d = GEOD.inv(np.full(len(c), props["lon"]), np.full(len(c), props["lat"]), c[:, 0], c[:, 1])
    assert np.all(np.abs(d / 20000 - 1) < 0.001)


def test_zone_errors(capsys, tmp_path):
    out = tmp_path / "z.geojson"
    rc, _, err = _run(capsys, "zone", "Sumy", "--km", "-4", "-o", str(out))
    assert rc == 1 and not out.exists()


def test_zone_and_buffer_geojson_carry_provenance(capsys, tmp_path):
    import hashlib

    import geomap
    from gazetteer.packfiles import pack_dir

    want = {"schema_version": 1, "geomap_version": geomap.__version__,
            "pack_checksum": hashlib.sha256((pack_dir() / "manifest.json").read_bytes()).hexdigest()}
    for argv in (["zone", "Sumy", "--km", "20"], ["buffer", "--inside", "UA", "--along", "RU", "--km", "5"]):
        out = tmp_path / f"{argv[0]}.geojson"
        rc, _, err = _run(capsys, *argv, "-o", str(out))
        assert rc == 0, err
        fc = json.loads(out.read_text())
        assert fc["geomap"] == want and "crs" not in fc  # a foreign member (RFC 7946 §6.1)
