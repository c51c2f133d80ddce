"""Claims measured against the user's lines (``--lines FILE``): front lines and the Line of Control.

Each test writes its own small GeoJSON; expected distances are brute force with pyproj.Geod over a dense sampling
of the line (independent of the exact point-to-segment code under test).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from pyproj import Geod

from geomap.analysis import analyze
from geomap.errors import InputError

GEOD = Geod(ellps="WGS84")


@pytest.fixture(scope="module")
def orikhiv(manifest):
    from gazetteer import Gazetteer

    return Gazetteer.load().resolve_one("Orikhiv", country="UA")


def _write(path: Path, features: list[tuple[str, list[tuple[float, float]]]]) -> Path:
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": n},
         "geometry": {"type": "LineString", "coordinates": [list(p) for p in pts]}} for n, pts in features]}
    path.write_text(json.dumps(fc), encoding="utf-8")
    return path


def _brute_km(lon: float, lat: float, pts: list[tuple[float, float]]) -> float:
    best = np.inf
    for (alon, alat), (blon, blat) in zip(pts[:-1], pts[1:], strict=True):
        line = GEOD.npts(alon, alat, blon, blat, 20000, initial_idx=0, terminus_idx=0)
        arr = np.asarray(line)
        d = GEOD.inv(np.full(len(arr), lon), np.full(len(arr), lat), arr[:, 0], arr[:, 1])[2]
        best = min(best, float(np.min(d)))
    return best / 1000.0


def test_front_line_claim_is_measured_against_the_users_line(tmp_path: Path, orikhiv) -> None:
    pts = [(orikhiv.lon + 0.1, orikhiv.lat - 0.5), (orikhiv.lon + 0.1, orikhiv.lat + 0.5)]
    path = _write(tmp_path / "front.geojson", [("Front line (our survey)", pts), ("Dnipro river", [(34, 47), (35, 48)])])
    expect = _brute_km(orikhiv.lon, orikhiv.lat, pts)
    an = analyze("Orikhiv is about 7 km from the front line, officials said.", lines=path)
    c = next(c for c in an.claims if c.kind == "distance_between_places")
    assert c.measured_km == pytest.approx(expect, abs=0.02)
    assert c.verdict == "consistent"
    assert "Front line (our survey)" in c.reason and "front.geojson" in c.reason


def test_a_wrong_distance_to_the_front_line_is_inconsistent(tmp_path: Path, orikhiv) -> None:
    pts = [(orikhiv.lon + 0.5, orikhiv.lat - 0.5), (orikhiv.lon + 0.5, orikhiv.lat + 0.5)]
    path = _write(tmp_path / "front.geojson", [("front", pts)])
    an = analyze("Orikhiv is 5 km from the front line.", lines=path)
    c = next(c for c in an.claims if c.kind == "distance_between_places")
    assert c.measured_km == pytest.approx(_brute_km(orikhiv.lon, orikhiv.lat, pts), abs=0.02)
    assert c.verdict == "inconsistent"


def test_without_a_lines_file_the_front_line_is_not_checkable() -> None:
    an = analyze("Orikhiv is about 7 km from the front line.")
    c = next(c for c in an.claims if c.kind == "distance_between_places")
    assert c.verdict == "not_checkable" and "front" in c.reason


def test_a_file_without_the_named_line_says_which_lines_it_has(tmp_path: Path, orikhiv) -> None:
    path = _write(tmp_path / "rivers.geojson", [("Litani River", [(35.2, 33.2), (35.6, 33.5)])])
    an = analyze("Orikhiv is about 7 km from the line of control.", lines=path)
    c = next(c for c in an.claims if c.kind == "distance_to_border")  # a de facto border line
    assert c.verdict == "not_checkable" and "Litani River" in c.reason


def test_bad_lines_file_is_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        analyze("Orikhiv is 7 km from the front line.", lines=tmp_path / "missing.geojson")
    bad = tmp_path / "points.geojson"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "x"}, "geometry": {"type": "Point", "coordinates": [35, 47]}}]}))
    with pytest.raises(InputError, match="no LineString"):
        analyze("Orikhiv is 7 km from the front line.", lines=bad)


def test_map_cli_lines_flag(tmp_path: Path, orikhiv) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Orikhiv is about 7 km from the front line, officials said.\n", encoding="utf-8")
    pts = [(orikhiv.lon + 0.1, orikhiv.lat - 0.5), (orikhiv.lon + 0.1, orikhiv.lat + 0.5)]
    lines = _write(tmp_path / "front.geojson", [("front line", pts)])
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "geomap", "map", str(art), "-o", str(out), "--lines", str(lines),
                        "--quiet"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    claims = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    rec = next(c for c in (claims["claims"] if isinstance(claims, dict) else claims)
               if c["kind"] == "distance_between_places")
    assert rec["verdict"] == "consistent" and "front.geojson" in rec["reason"]
    assert rec["target"]["name"] == "front line" and rec["target"]["id"] is None
