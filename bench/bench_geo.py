"""Benchmark and accuracy figures of geomap.geo (issue 4). Prints numbers; asserts nothing.

    .venv/bin/python bench/bench_geo.py [--quick]

Reference distances are brute force with pyproj.Geod over borders densified to ≤ 100 m (not geomap's code).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from _geo_fixtures import brute_distance_km, dense_coords, inner_edge_points  # noqa: E402


def _t(f, repeat=3):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer accuracy samples")
    args = ap.parse_args()
    from shapely import Point

    from geomap.geo import band, border_between, country, distance_to_border, distances_to_border, region

    t = time.perf_counter()
    band("UA", "RU", 12, within="Sumy Oblast")
    print(f"first 12 km Sumy band incl. loading pack layers: {time.perf_counter() - t:.3f} s")
    dt, b = _t(lambda: band("UA", "RU", 12, within="Sumy Oblast"))
    print(f"12 km band UA along RU within Sumy Oblast: {dt:.3f} s (goal ≤ 1 s), area {b.area_km2:,.1f} km²")
    for km in (12, 100):
        dt, bb = _t(lambda km=km: band("UA", "RU", km))
        print(f"{km} km band along the whole UA–RU border: {dt:.3f} s, area {bb.area_km2:,.0f} km²")
    dt, bb = _t(lambda: band("RU", "KZ", 50), repeat=1)
    print(f"50 km band along the whole RU–KZ border (6,658 km): {dt:.3f} s, area {bb.area_km2:,.0f} km²")
    dt, bb = _t(lambda: band("UA", "RU", 30, both_sides=True))
    print(f"30 km two-sided strip along UA–RU: {dt:.3f} s, area {bb.area_km2:,.0f} km²")

    rng = np.random.default_rng(1)
    n = 100_000
    lon = rng.uniform(30.0, 42.0, n)
    lat = rng.uniform(45.0, 54.0, n)
    distances_to_border(lon[:10], lat[:10], "UA", "RU")  # warm caches (border segments)
    dt, (km, _, _) = _t(lambda: distances_to_border(lon, lat, "UA", "RU"), repeat=2)
    print(f"{n:,} point→UA–RU border distances, vectorised: {dt:.3f} s (goal ≤ 2 s)")
    k = 300 if args.quick else 2000
    idx = rng.choice(n, k, replace=False)
    t = time.perf_counter()
    exact = np.array([distance_to_border(Point(lon[i], lat[i]), "UA", "RU").km for i in idx])
    per = (time.perf_counter() - t) / k
    print(f"single-point exact distance_to_border: {per * 1000:.2f} ms per point")
    rel = np.abs(km[idx] - exact) / np.maximum(exact, 1e-9)
    print(f"vectorised vs exact single-point on {k} points: worst relative difference {rel.max():.2e}")
    dense = dense_coords(border_between("UA", "RU").geometry)
    m = 60 if args.quick else 200
    ref = np.array([brute_distance_km(lon[i], lat[i], dense) for i in idx[:m]])
    rel = np.abs(km[idx[:m]] - ref) / np.maximum(ref, 1e-9)
    print(f"vectorised vs brute force (≤ 100 m densified border) on {m} points: worst relative error "
          f"{rel.max():.2e} (worst absolute {np.abs(km[idx[:m]] - ref).max() * 1000:.2f} m)")

    print("band inner-edge accuracy (geodesic distance to the border / depth − 1):")
    cases = [("UA", "RU", 12, "Sumy Oblast"), ("IQ", "TR", 30, None), ("UA", "RU", 100, None),
             ("RU", "LT", 20, None), ("RU", "KZ", 50, None), ("UA", "RU", 300, None), ("UA", "RU", 1, None),
             ("RU", "FI", 3, None)]
    if args.quick:
        cases = cases[:3]
    worst = 0.0
    for inside, along, d, within in cases:
        bb = band(inside, along, d, within=within)
        outl = [country(inside).geometry] + ([region(within).geometry] if within else [])
        pts = inner_edge_points(bb.geometry, outl, n=250)
        dense = dense_coords(bb.border.geometry)
        errs = np.array([brute_distance_km(x, y, dense, d + 60) / d - 1 for x, y in pts])
        w = float(np.abs(errs).max())
        worst = max(worst, w)
        print(f"  {inside} along {along} {d:g} km{' in ' + within if within else ''}: {len(pts)} points, "
              f"error min {errs.min():+.2e} max {errs.max():+.2e}")
    print(f"worst relative error in band accuracy sampling: {worst:.2e}")


if __name__ == "__main__":
    main()
