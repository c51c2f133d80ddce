"""Test-side geodesy: brute-force reference values computed with pyproj.Geod only (never with geomap.geo)."""

from __future__ import annotations

import math

import numpy as np
import shapely
from pyproj import Geod

GEOD = Geod(ellps="WGS84")
DENSE_DEG = 0.0008  # ≤ 0.0008° of latitude or longitude between points: ≤ 90 m anywhere


def dense_coords(line) -> np.ndarray:
    """Coordinates (lon, lat) of a border line interpolated to ≤ 100 m spacing."""
    return shapely.get_coordinates(shapely.segmentize(line, DENSE_DEG))


def brute_distance_km(lon: float, lat: float, dense: np.ndarray, reach_km: float | None = None) -> float:
    """Min geodesic distance (km) from (lon, lat) to densified border points. With ``reach_km`` only points in a
    generous lon/lat window are tried (the window is a speed filter; the answer is checked to lie inside it)."""
    pts = dense
    if reach_km is not None:
        dlat = reach_km / 100.0
        dlon = reach_km / (100.0 * max(math.cos(math.radians(min(abs(lat) + dlat, 89.0))), 0.01))
        m = (np.abs(dense[:, 1] - lat) <= dlat) & (np.abs(dense[:, 0] - lon) <= dlon)
        pts = dense[m]
        if len(pts) == 0:
            return math.inf
    _, _, d = GEOD.inv(np.full(len(pts), lon), np.full(len(pts), lat), pts[:, 0], pts[:, 1])
    i = int(np.argmin(d))
    out = float(d[i]) / 1000.0
    # refine around the best point: interpolate its two dense neighbours to ~1 m (only real ≤ 100 m segments)
    for j in (i - 1, i + 1):
        if 0 <= j < len(pts):
            _, _, step = GEOD.inv(pts[i, 0], pts[i, 1], pts[j, 0], pts[j, 1])
            if step <= 100.0:
                f = np.linspace(0.0, 1.0, 101)
                fl = pts[i, 0] + f * (pts[j, 0] - pts[i, 0])
                fa = pts[i, 1] + f * (pts[j, 1] - pts[i, 1])
                _, _, dd = GEOD.inv(np.full(101, lon), np.full(101, lat), fl, fa)
                out = min(out, float(dd.min()) / 1000.0)
    if reach_km is not None and out > reach_km * 0.9:
        return brute_distance_km(lon, lat, dense, None)
    return out


def inner_edge_points(geom, outlines, n: int = 250, tol_deg: float = 0.003) -> np.ndarray:
    """About n points of the band's boundary that are not on any of ``outlines`` (country/region outlines,
    which include the border itself): the band's inner edge. ``tol_deg`` only selects points, it measures nothing."""
    pts = shapely.get_coordinates(shapely.segmentize(geom.boundary, 0.01))
    outl = shapely.union_all([o.boundary for o in outlines])
    shapely.prepare(outl)
    keep = ~shapely.dwithin(shapely.points(pts), outl, tol_deg)
    pts = pts[keep]
    if len(pts) > n:
        pts = pts[np.linspace(0, len(pts) - 1, n).astype(int)]
    return pts


def exterior_rings(geom):
    for poly in getattr(geom, "geoms", [geom]):
        yield poly.exterior
