"""The corpus map at scale (geomap.render.corpus_layers): grid clustering per zoom band, shapes simplified in metres
and stored once, and what a row costs in map.html."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from pyproj import Geod

from geomap.render.corpus_layers import BANDS, Item, banded_data, cluster_points, simplify_m

GEOD = Geod(ellps="WGS84")


def _circle(lon: float, lat: float, km: float, n: int = 720) -> shapely.Polygon:
    az = np.linspace(0, 360, n, endpoint=False)
    x, y, _ = GEOD.fwd(np.full(n, lon), np.full(n, lat), az, np.full(n, km * 1000.0))
    return shapely.Polygon(list(zip(x, y, strict=True))[::-1])


def _max_gap_m(original: shapely.Polygon, simplified: shapely.Polygon) -> float:
    """Largest geodesic distance (m) from a vertex of ``original`` to the ``simplified`` ring, the ring densified
    every ~20 m with pyproj's geodesic npts (independent of the code under test)."""
    ring = list(simplified.exterior.coords)
    pts = []
    for (x0, y0), (x1, y1) in zip(ring[:-1], ring[1:], strict=True):
        d = GEOD.inv(x0, y0, x1, y1)[2]
        pts += [(x0, y0), *GEOD.npts(x0, y0, x1, y1, max(1, int(d // 20)))]
    px, py = np.array(pts).T
    worst = 0.0
    for x, y in list(original.exterior.coords)[:-1]:
        # only the densified points within ~1 km (lat) can be nearest: a box of 0.01° lat, 0.01°/cos(lat) lon
        near = (np.abs(py - y) < 0.01) & (np.abs(px - x) < 0.01 / np.cos(np.radians(y)))
        assert near.any(), (x, y)
        worst = max(worst, GEOD.inv(np.full(near.sum(), x), np.full(near.sum(), y), px[near], py[near])[2].min())
    return worst


@pytest.mark.parametrize(("lon", "lat"), [(35.0, 50.9), (25.0, 70.0), (179.5, 10.0)])
def test_simplify_tolerance_is_metres_on_the_ground(lon: float, lat: float):
    """A 40 km geodesic circle simplified to 500 m: far fewer vertices, and no original vertex more than ~500 m
    (geodesic) from the simplified outline — at 70° N too, where a tolerance in degrees would be 3× off in x."""
    zone = _circle(lon, lat, 40.0)
    out = simplify_m(zone, 500.0)
    assert out.is_valid and len(out.exterior.coords) < len(zone.exterior.coords) / 4
    gap = _max_gap_m(zone, out)
    assert 100.0 < gap <= 520.0, gap
    assert abs(GEOD.geometry_area_perimeter(out)[0]) / abs(GEOD.geometry_area_perimeter(zone)[0]) > 0.99


def test_clusters_merge_a_cell_and_a_day_only():
    near = [Item(0, 0, 0, lon=30.0001, lat=50.0001), Item(0, 1, 1, lon=30.0003, lat=50.0002, claim=True),
            Item(0, 1, 2, lon=30.0002, lat=50.0003, claim=True)]
    other_day = Item(86_400_000, 0, 3, lon=30.0001, lat=50.0001)
    far = Item(0, 0, 4, lon=34.0, lat=48.0)
    cl = cluster_points([*near, other_day, far], zoom=6, nd=5)
    assert len(cl) == 3
    merged = next(c for c in cl if c[5] == 3)
    assert merged[2] == 0 and merged[3] == 1 and merged[6] == 2  # day, the most common style, 2 claims
    assert merged[0] == pytest.approx(30.0002, abs=1e-5) and merged[1] == pytest.approx(50.0002, abs=1e-5)
    # two places 18 km apart (in one grid cell at zoom 6): one marker at the coarsest band, two at the finest
    pair = [Item(0, 0, 0, lon=35.2, lat=50.0), Item(0, 0, 0, lon=35.45, lat=50.0)]
    assert len(cluster_points(pair, BANDS[0].cluster_zoom, 3)) == 1
    assert len(cluster_points(pair, BANDS[-1].cluster_zoom, 5)) == 2


def test_each_shape_is_stored_once_per_band():
    zone = _circle(35.0, 50.9, 12.0)
    items = [Item(d * 86_400_000, 0, 0, shape="z1") for d in range(200) for _ in range(3)]
    bands = banded_data(items, {"z1": (zone, "claim"), "unused": (zone, "claim")})
    assert len(bands) == len(BANDS)
    for b in bands:
        assert list(b["shapes"]) == ["z1"]  # once, however often it is stated; unreferenced shapes left out
        assert len(b["refs"]) == 200  # one reference per day, not per row
    n = [len(b["shapes"]["z1"]["coordinates"][0]) for b in bands]
    assert n[0] < n[1] <= n[2] <= len(zone.exterior.coords)  # coarser at low zoom


@pytest.mark.slow
def test_map_cost_per_event_is_small(tmp_path):
    """10 vs 2,000 restated claim rows (one band, 100 dates): map.html grows by < 150 bytes a row."""
    from geomap.events.outputs import events_frame
    from geomap.render.timeline import events_map

    zone = _circle(35.0, 50.9, 12.0)

    def rows(n: int) -> list[dict]:
        return [{"event_id": f"e{i}", "source_id": f"s{i}", "event_date": f"2025-{1 + i % 10:02d}-{1 + i % 10:02d}",
                 "row_type": "claim", "claim_kind": "radius_around_place", "claim_key": "k1", "question_key": "q1",
                 "verdict": "drawn", "label": "around Sumy: 12 km", "location": "Sumy", "geo_precision": 2,
                 "lat": 50.9, "lon": 35.0, "span_start": 0, "span_end": 5, "sentence": "Sumy within 12 km.",
                 "geometry": shapely.to_wkb(zone)} for i in range(n)]

    sizes = [len(events_map(events_frame(rows(n))).get_root().render()) for n in (10, 2000)]
    assert (sizes[1] - sizes[0]) / 1990 < 150, sizes


def test_shapes_past_the_budget_are_simplified_further():
    """Many distinct shapes: tolerances double until the shapes fit the byte budget (bounded page size)."""
    import json

    shapes = {f"z{i}": (_circle(30.0 + i * 0.5, 50.0, 20.0 + i), "claim") for i in range(12)}
    items = [Item(0, 0, 0, shape=k) for k in shapes]

    def size(bands: list[dict]) -> int:
        return sum(len(json.dumps(b["shapes"], separators=(",", ":"))) for b in bands)

    free = banded_data(items, shapes)
    tight = banded_data(items, shapes, budget=size(free) // 3)
    assert free[0]["scale"] == 1.0 and tight[0]["scale"] >= 2.0
    assert size(tight) <= size(free) // 3 and set(tight[2]["shapes"]) == set(shapes)


def test_a_shape_split_at_the_antimeridian_stays_split_and_simplified():
    from shapely import affinity

    whole = _circle(179.9, 65.0, 40.0)  # crosses 180° E: coordinates run past 180 here
    whole = shapely.Polygon([(x + 360 if x < 0 else x, y) for x, y in whole.exterior.coords])
    east = whole.intersection(shapely.box(0, -90, 180, 90))
    west = affinity.translate(whole.intersection(shapely.box(180, -90, 360, 90)), xoff=-360)
    split = shapely.MultiPolygon([east, west])
    out = simplify_m(split, 500.0)
    assert out.geom_type == "MultiPolygon" and len(out.geoms) == 2
    assert all(p.bounds[2] - p.bounds[0] < 1.0 for p in out.geoms)  # no part wraps round the globe
    assert len(shapely.get_coordinates(out)) < len(shapely.get_coordinates(split)) / 4
    assert max(p.bounds[2] for p in out.geoms) == pytest.approx(180.0, abs=1e-6)
    assert min(p.bounds[0] for p in out.geoms) == pytest.approx(-180.0, abs=1e-6)
