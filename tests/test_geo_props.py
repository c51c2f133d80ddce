"""Property-based tests (hypothesis) of geodesic offsets, zones, distances and border distances."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from _geo_fixtures import GEOD, brute_distance_km, dense_coords
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely import Point

from geomap.geo import border_between, distance, distance_to_border, offset, parse_bearing, zone

lons = st.floats(-180.0, 180.0, allow_nan=False)
lats = st.floats(-85.0, 85.0, allow_nan=False)
all_lats = st.floats(-89.9, 89.9, allow_nan=False)
depths = st.floats(0.1, 300.0, allow_nan=False)
bearings = st.floats(0.0, 359.999, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(lon=lons, lat=lats, km=depths, brg=bearings)
def test_offset_round_trip(lon, lat, km, brg):
    o = offset(Point(lon, lat), km, brg)
    az, _, d = GEOD.inv(lon, lat, o.lon, o.lat)
    assert d / 1000 == pytest.approx(km, rel=1e-9, abs=1e-9)
    diff = (az - brg + 180.0) % 360.0 - 180.0
    assert abs(diff) < 1e-6
    assert -180.0 <= o.lon <= 180.0


@settings(max_examples=80, deadline=None)
@given(lon=lons, lat=all_lats, km=depths)
def test_zone_radii_and_validity(lon, lat, km):
    z = zone(Point(lon, lat), km, n=128)
    g = z.geometry
    assert g.is_valid and not g.is_empty
    minx, miny, maxx, maxy = g.bounds
    assert -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90
    for poly in getattr(g, "geoms", [g]):
        assert poly.exterior.is_ccw
    c = shapely.get_coordinates(g)
    real = c[(np.abs(np.abs(c[:, 0]) - 180.0) > 1e-9) & (np.abs(c[:, 1]) < 90.0)]
    _, _, d = GEOD.inv(np.full(len(real), lon), np.full(len(real), lat), real[:, 0], real[:, 1])
    assert np.all(np.abs(d / (km * 1000.0) - 1.0) <= 0.001)
    # area of a geodesic circle: close to π r² for r ≪ R (small spherical-cap correction)
    assert z.area_km2 == pytest.approx(np.pi * km**2, rel=0.01)
    # covers, not contains: a polar cap is split into halves, and the centre may lie on a split meridian
    assert z.geometry.distance(Point(lon, lat)) < 1e-9 or abs(abs(lon) - 180) < 1e-6 or abs(lat) > 89


@settings(max_examples=200, deadline=None)
@given(lon1=lons, lat1=all_lats, lon2=lons, lat2=all_lats)
def test_distance_symmetry(lon1, lat1, lon2, lat2):
    a, b = Point(lon1, lat1), Point(lon2, lat2)
    d1, d2 = distance(a, b), distance(b, a)
    assert d1.km == pytest.approx(d2.km, rel=1e-9, abs=1e-9)
    _, _, ref = GEOD.inv(lon1, lat1, lon2, lat2)
    assert d1.km == pytest.approx(ref / 1000, rel=1e-12, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(k=st.integers(0, 15))
def test_compass_points_are_multiples_of_22_5(k):
    names = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"]
    long = names[k].replace("N", "north-").replace("S", "south-").replace("E", "east-").replace("W", "west-")
    assert parse_bearing(names[k]) == k * 22.5
    assert parse_bearing(long.strip("-")) == k * 22.5


@pytest.fixture(scope="module")
def ua_ru_dense():
    return dense_coords(border_between("UA", "RU").geometry)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lon=st.floats(30.0, 42.0), lat=st.floats(45.0, 54.0))
def test_border_distance_matches_brute_force(ua_ru_dense, lon, lat):
    r = distance_to_border(Point(lon, lat), "UA", "RU")
    assert r.km == pytest.approx(brute_distance_km(lon, lat, ua_ru_dense), abs=0.002)
    _, _, d = GEOD.inv(lon, lat, *r.nearest)
    assert d / 1000 == pytest.approx(r.km, abs=1e-6)


@settings(max_examples=12, deadline=None)
@given(km=st.floats(0.1, 300.0, allow_nan=False))
def test_band_inner_edge_at_depth(km):
    from _geo_fixtures import inner_edge_points

    from geomap.geo import band, country

    b = band("UA", "RU", km)
    assert b.geometry.is_valid and b.area_km2 > 0
    pts = inner_edge_points(b.geometry, [country("UA").geometry], n=40, tol_deg=min(0.003, km / 1500.0))
    assert len(pts) >= 10
    dense = dense_coords(b.border.geometry)
    for x, y in pts:
        assert brute_distance_km(x, y, dense, km + 60.0) == pytest.approx(km, rel=0.01)


@settings(max_examples=30, deadline=None)
@given(lon=st.lists(lons, min_size=1, max_size=20), lat=st.lists(all_lats, min_size=20, max_size=20))
def test_vectorised_border_distance_equals_rigorous_anywhere(lon, lat):
    from geomap.geo import distances_to_border

    lat = lat[: len(lon)]
    km, nlon, nlat = distances_to_border(np.array(lon), np.array(lat), "IQ", "TR")
    for i in range(len(lon)):
        r = distance_to_border(Point(lon[i], lat[i]), "IQ", "TR")
        assert km[i] == pytest.approx(r.km, rel=1e-7, abs=1e-6)
        _, _, d = GEOD.inv(lon[i], lat[i], nlon[i], nlat[i])
        assert d / 1000 == pytest.approx(km[i], rel=1e-9, abs=1e-6)
