"""Shared land borders and exact geodesic point → border distances.

A border is the pack's line layer (``read.borders()``). Its vertices are joined by short segments; the lines are
first interpolated to ≤ ~1 km vertex spacing (a representation step that makes lon/lat-straight and geodesic
segments agree to centimetres) and each segment is then treated as a geodesic. Distances are exact geodesic
distances (Karney) to the nearest point of the line, found by a rigorous lower-bound pruning (single points) or a
projected candidate search (many points), both refined with the geodesic forward/inverse problems.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geomap.errors import GeometryError, InputError
from geomap.geo.entities import Country, Located, country, locate
from geomap.geo.geodesy import GEOD, aeqd_forward

__all__ = ["Border", "BorderDistance", "border_between", "distance_to_border", "distances_to_border"]

_R = 6_371_008.8  # mean Earth radius (m), only for the Newton-like step sizes, never for reported values
_DENSIFY_DEG = 0.01  # interpolation step of the border's own vertices (representation, not measurement)


@dataclass(frozen=True)
class Border:
    """The shared land border of countries ``a`` and ``b``: ``geometry`` (lon/lat (multi)line) and its geodesic
    ``length_km``."""

    a: Country
    b: Country
    geometry: BaseGeometry
    length_km: float


@dataclass(frozen=True)
class BorderDistance:
    """Geodesic distance ``km`` from ``origin`` to the a–b border and the nearest border point ``nearest``
    = (lon, lat); ``bearing_deg`` points from the origin towards it."""

    origin: Located
    a: Country
    b: Country
    km: float
    nearest: tuple[float, float]
    bearing_deg: float

    @property
    def nearest_point(self) -> Point:
        return Point(*self.nearest)


@functools.cache
def _border_geometry(code_a: str, code_b: str) -> BaseGeometry | None:
    from geomap.pack import read

    lo, hi = sorted((code_a, code_b))
    df = read.borders()
    rows = df[(df.a == lo) & (df.b == hi)]
    if rows.empty:
        return None
    return shapely.union_all(list(rows.geometry)) if len(rows) > 1 else rows.geometry.iloc[0]


def border_between(a: Any, b: Any) -> Border:
    """The shared land border line of two countries (ISO2, ISO3, name or :class:`Country`); GeometryError when
    they share none."""
    ca, cb = country(a), country(b)
    if ca.code == cb.code:
        raise InputError(f"{ca.name} cannot border itself: give two different countries")
    g = _border_geometry(ca.code, cb.code)
    if g is None or g.is_empty:
        raise GeometryError(f"{ca.name} and {cb.name} share no land border")
    return Border(ca, cb, g, float(GEOD.geometry_length(g)) / 1000.0)


@dataclass(frozen=True)
class _Segments:
    alon: np.ndarray
    alat: np.ndarray
    blon: np.ndarray
    blat: np.ndarray
    az: np.ndarray  # azimuth at A towards B (degrees)
    length: np.ndarray  # metres


@functools.cache
def _segments(code_a: str, code_b: str) -> _Segments:
    g = _border_geometry(*sorted((code_a, code_b)))
    return segments_of(g)


def segments_of(geom: BaseGeometry) -> _Segments:
    """Geodesic segments of a (multi)line after interpolation to ≤ 0.01° vertex spacing."""
    g = shapely.segmentize(geom, _DENSIFY_DEG)
    parts = [np.asarray(p.coords) for p in shapely.get_parts(g) if not p.is_empty]
    a = np.concatenate([p[:-1] for p in parts])
    b = np.concatenate([p[1:] for p in parts])
    az, _, length = GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])
    keep = length > 0
    return _Segments(a[keep, 0].copy(), a[keep, 1].copy(), b[keep, 0].copy(), b[keep, 1].copy(),
                     np.asarray(az)[keep], np.asarray(length)[keep])


def _refine(plon: np.ndarray, plat: np.ndarray, segs: _Segments, idx: np.ndarray, s0: np.ndarray,
            iters: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Exact distance (m) from points to geodesic segments ``idx``: iterate to the foot of the perpendicular with
    spherical steps, evaluate with the geodesic inverse; return (distance, lon, lat) of the nearest point."""
    alon, alat, az, length = segs.alon[idx], segs.alat[idx], segs.az[idx], segs.length[idx]
    s = np.clip(s0, 0.0, length)
    for _ in range(iters):
        xlon, xlat, baz = GEOD.fwd(alon, alat, az, s)
        az_xp, _, f = GEOD.inv(xlon, xlat, plon, plat)
        cosg = np.cos(np.radians((np.asarray(baz) + 180.0) - az_xp))
        fr = np.minimum(np.asarray(f) / _R, 1.5)
        step = _R * np.arctan2(np.sin(fr) * cosg, np.cos(fr))
        s = np.clip(s + step, 0.0, length)
    xlon, xlat, _ = GEOD.fwd(alon, alat, az, s)
    _, _, d = GEOD.inv(xlon, xlat, plon, plat)
    # the end points are candidates too (a clipped iteration may stop short of them)
    _, _, da = GEOD.inv(alon, alat, plon, plat)
    _, _, db = GEOD.inv(segs.blon[idx], segs.blat[idx], plon, plat)
    d = np.asarray(d)
    use_a = (da < d) & (da <= db)
    use_b = (db < d) & ~use_a
    xlon = np.where(use_a, alon, np.where(use_b, segs.blon[idx], xlon))
    xlat = np.where(use_a, alat, np.where(use_b, segs.blat[idx], xlat))
    d = np.minimum(d, np.minimum(da, db))
    return d, np.asarray(xlon), np.asarray(xlat)


def nearest_on_segments(lon: float, lat: float, segs: _Segments) -> tuple[float, float, float]:
    """Exact (distance m, lon, lat) of the nearest point of the segments to (lon, lat). Rigorous: segments whose
    triangle-inequality lower bound (dA + dB − L) / 2 exceeds the best vertex distance are pruned."""
    n = len(segs.length)
    plon, plat = np.full(n, lon), np.full(n, lat)
    az_a, _, da = GEOD.inv(plon, plat, segs.alon, segs.alat)
    az_b, _, db = GEOD.inv(plon, plat, segs.blon, segs.blat)
    ub = min(float(da.min()), float(db.min()))
    lb = (da + db - segs.length) / 2.0
    cand = np.nonzero(lb <= ub + 1e-6)[0]
    # start from the foot of the perpendicular in the point-centred azimuthal-equidistant plane
    ax, ay = da[cand] * np.sin(np.radians(az_a[cand])), da[cand] * np.cos(np.radians(az_a[cand]))
    bx, by = db[cand] * np.sin(np.radians(az_b[cand])), db[cand] * np.cos(np.radians(az_b[cand]))
    vx, vy = bx - ax, by - ay
    vv = np.maximum(vx * vx + vy * vy, 1e-12)
    t = np.clip(-(ax * vx + ay * vy) / vv, 0.0, 1.0)
    d, xlon, xlat = _refine(plon[cand], plat[cand], segs, cand, t * segs.length[cand], iters=6)
    i = int(np.argmin(d))
    return float(d[i]), float(xlon[i]), float(xlat[i])


def distance_to_border(where: Any, a: Any, b: Any) -> BorderDistance:
    """Geodesic km from a point or place (Point(lon, lat), candidate, id or name) to the a–b land border and the
    nearest border point (lon, lat). Works for points anywhere, inside either country or neither."""
    border = border_between(a, b)
    p = locate(where)
    d, xlon, xlat = nearest_on_segments(p.lon, p.lat, _segments(border.a.code, border.b.code))
    az, _, _ = GEOD.inv(p.lon, p.lat, xlon, xlat)
    return BorderDistance(p, border.a, border.b, d / 1000.0, (xlon, xlat), float(az) % 360.0)


def distances_to_border(lon, lat, a: Any, b: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised geodesic distances (km) from many points (arrays of lon, lat in degrees) to the a–b border;
    returns (km, nearest_lon, nearest_lat) arrays.

    Candidate segments come from one azimuthal-equidistant plane about the border's middle (radial distances
    exact, tangential ones stretched by at most x / sin x, x = radius / R) with a margin covering that stretch;
    every candidate is then refined exactly on the ellipsoid. Points more than 6000 km from the border's middle
    take the rigorous per-point route.
    """
    border = border_between(a, b)
    segs = _segments(border.a.code, border.b.code)
    lon = np.atleast_1d(np.asarray(lon, dtype=float))
    lat = np.atleast_1d(np.asarray(lat, dtype=float))
    if lon.shape != lat.shape or lon.ndim != 1:
        raise InputError("lon and lat must be 1-D arrays of the same length")
    if not (np.all(np.isfinite(lon)) and np.all(np.isfinite(lat))) or np.any(np.abs(lat) > 90):
        raise InputError("lon/lat must be finite, with latitudes within [-90, 90]")
    n = len(lon)
    out_d = np.empty(n)
    out_lon = np.empty(n)
    out_lat = np.empty(n)
    if n == 0:
        return out_d, out_lon, out_lat
    mid = len(segs.length) // 2
    c_lon, c_lat = float(segs.alon[mid]), float(segs.alat[mid])
    ax, ay = aeqd_forward(c_lon, c_lat, segs.alon, segs.alat)
    bx, by = aeqd_forward(c_lon, c_lat, segs.blon, segs.blat)
    seg_r = np.maximum(np.hypot(ax, ay), np.hypot(bx, by))
    px, py = aeqd_forward(c_lon, c_lat, lon, lat)
    pr = np.hypot(px, py)
    far = pr > 6_000_000.0
    near = np.nonzero(~far)[0]
    if len(near):
        lines = shapely.linestrings(np.stack([np.column_stack([ax, ay]), np.column_stack([bx, by])], axis=1))
        tree = shapely.STRtree(lines)
        pts = shapely.points(px[near], py[near])
        nn, nd = tree.query_nearest(pts, return_distance=True, all_matches=False)
        dmin = np.full(len(near), np.inf)
        np.minimum.at(dmin, nn[0], nd)
        # planar ≥ true geodesic (within ellipsoidal wobble); true ≥ planar · sin x / x with x = max radius / R
        x = np.maximum(pr[near], float(seg_r.max())) / _R
        shrink = np.sin(x) / x * 0.995
        pi, si = tree.query(pts, predicate="dwithin", distance=dmin / shrink + 50.0)
        pidx = near[pi]
        vx, vy = bx[si] - ax[si], by[si] - ay[si]
        vv = np.maximum(vx * vx + vy * vy, 1e-12)
        t = np.clip(((px[pidx] - ax[si]) * vx + (py[pidx] - ay[si]) * vy) / vv, 0.0, 1.0)
        d, xlon, xlat = _refine(lon[pidx], lat[pidx], segs, si, t * segs.length[si], iters=3)
        order = np.lexsort((d, pidx))
        first = np.ones(len(order), dtype=bool)
        first[1:] = pidx[order][1:] != pidx[order][:-1]
        sel = order[first]
        out_d[pidx[sel]] = d[sel]
        out_lon[pidx[sel]] = xlon[sel]
        out_lat[pidx[sel]] = xlat[sel]
    for i in np.nonzero(far)[0]:
        out_d[i], out_lon[i], out_lat[i] = nearest_on_segments(float(lon[i]), float(lat[i]), segs)
    return out_d / 1000.0, out_lon, out_lat
