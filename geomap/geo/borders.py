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
from geomap.geo.geodesy import GEOD, MEAN_RADIUS_M

__all__ = ["Border", "BorderDistance", "border_between", "distance_to_border", "distances_to_border",
           "km_to_country_along", "neighbours_of", "shares_border"]

_R = MEAN_RADIUS_M  # only for the Newton-like step sizes, never for reported values
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
        """The nearest border point as a shapely ``Point(lon, lat)``."""
        return Point(*self.nearest)

    def _repr_html_(self) -> str:
        """Notebook view: a summary table and an inline offline map (the renderer is imported only here)."""
        from geomap.render.notebook import result_html

        return result_html(self)


@functools.cache
def _border_geometry(code_a: str, code_b: str) -> BaseGeometry | None:
    from geomap.pack import read

    lo, hi = sorted((code_a, code_b))
    df = read.borders()
    rows = df[(df.a == lo) & (df.b == hi)]
    if rows.empty:
        return None
    return shapely.union_all(list(rows.geometry)) if len(rows) > 1 else rows.geometry.iloc[0]


@functools.lru_cache(maxsize=4096)
def shares_border(a: str, b: str) -> bool:
    """Whether countries ``a`` and ``b`` (ISO2) share a land border in the pack's borders layer."""
    return b in neighbours_of(a)


@functools.lru_cache(maxsize=512)
def neighbours_of(code: str) -> tuple[str, ...]:
    """ISO2 codes of the countries sharing a land border with ``code`` (from the pack's borders layer), sorted."""
    from geomap.pack import read

    return tuple(sorted({b if a == code else a for a, b in read.border_pairs() if code in (a, b)}))


def border_between(a: Any, b: Any) -> Border:
    """The shared land border line of two countries (ISO2, ISO3, name or :class:`Country`); GeometryError when
    they share none."""
    ca, cb = country(a), country(b)
    if ca.code == cb.code:
        raise InputError(f"{ca.name} cannot border itself: give two different countries")
    length = _border_length_km(ca.code, cb.code)
    if length is None:
        raise GeometryError(f"{ca.name} and {cb.name} share no land border")
    return Border(ca, cb, _border_geometry(ca.code, cb.code), length)


@functools.cache
def _border_length_km(code_a: str, code_b: str) -> float | None:
    """Geodesic length (km) of the a–b border line, None when there is none (computed once per pair)."""
    g = _border_geometry(code_a, code_b)
    if g is None or g.is_empty:
        return None
    return float(GEOD.geometry_length(g)) / 1000.0


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
            iters: int = 4, ends: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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
    if not ends:
        return np.asarray(d), np.asarray(xlon), np.asarray(xlat)
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


_A = 6_378_137.0
_E2 = 6.69437999014e-3  # WGS84 first eccentricity squared
_CHUNK = 16  # segments per bounding ball in the candidate search
_BLOCK = 8192  # points per block (bounds memory)


def _ecef(lon, lat) -> np.ndarray:
    """Earth-centred Cartesian coordinates (metres) of surface points; used only to rank candidates."""
    lam, phi = np.radians(lon), np.radians(lat)
    sp, cp = np.sin(phi), np.cos(phi)
    n = _A / np.sqrt(1.0 - _E2 * sp * sp)
    return np.column_stack([n * cp * np.cos(lam), n * cp * np.sin(lam), n * (1.0 - _E2) * sp])


@dataclass(frozen=True)
class _ChordIndex:
    origin: np.ndarray  # (3,) local origin (mean of the vertices) for well-conditioned arithmetic
    ax: np.ndarray  # segment starts and vectors as 1-D component arrays (fast gathers), relative to origin
    ay: np.ndarray
    az: np.ndarray
    vx: np.ndarray
    vy: np.ndarray
    vz: np.ndarray
    vv: np.ndarray  # (m,) squared lengths
    centers: np.ndarray  # (k, 3) ball centres of chunks of _CHUNK segments
    radii: np.ndarray  # (k,)
    starts: np.ndarray  # (k,) first segment index of each chunk
    joined: np.ndarray  # (m,) segment i ends where segment i + 1 starts


@functools.cache
def _chord_index(code_a: str, code_b: str) -> _ChordIndex:
    segs = _segments(code_a, code_b)
    a = _ecef(segs.alon, segs.alat)
    b = _ecef(segs.blon, segs.blat)
    origin = a.mean(axis=0)
    a -= origin
    b -= origin
    v = b - a
    m = len(a)
    starts = np.arange(0, m, _CHUNK)
    centers = np.empty((len(starts), 3))
    radii = np.empty(len(starts))
    for k, s0 in enumerate(starts):
        pts = np.vstack([a[s0:s0 + _CHUNK], b[s0:s0 + _CHUNK]])
        c = pts.mean(axis=0)
        centers[k] = c
        radii[k] = np.sqrt(((pts - c) ** 2).sum(axis=1).max()) + 1e-3
    joined = np.zeros(m, dtype=bool)
    joined[:-1] = (segs.blon[:-1] == segs.alon[1:]) & (segs.blat[:-1] == segs.alat[1:])
    return _ChordIndex(origin, *(np.ascontiguousarray(x) for x in (a[:, 0], a[:, 1], a[:, 2], v[:, 0], v[:, 1],
                                                                   v[:, 2])),
                       np.maximum((v * v).sum(axis=1), 1e-9), centers, radii, starts, joined)


def _seg_dist2(px: np.ndarray, py: np.ndarray, pz: np.ndarray, pi: np.ndarray, si: np.ndarray,
               idx: _ChordIndex) -> tuple[np.ndarray, np.ndarray]:
    """Squared 3-D distance from points pi to chord segments si, and the segment parameter t in [0, 1]."""
    wx = px[pi] - idx.ax[si]
    wy = py[pi] - idx.ay[si]
    wz = pz[pi] - idx.az[si]
    vx, vy, vz = idx.vx[si], idx.vy[si], idx.vz[si]
    t = wx * vx
    t += wy * vy
    t += wz * vz
    t /= idx.vv[si]
    np.clip(t, 0.0, 1.0, out=t)
    wx -= t * vx
    wy -= t * vy
    wz -= t * vz
    wx *= wx
    wy *= wy
    wz *= wz
    wx += wy
    wx += wz
    return wx, t


def _expand(pi: np.ndarray, ki: np.ndarray, idx: _ChordIndex) -> tuple[np.ndarray, np.ndarray]:
    si = (idx.starts[ki][:, None] + np.arange(_CHUNK)[None, :]).ravel()
    pi = np.repeat(pi, _CHUNK)
    ok = si < len(idx.vv)
    return pi[ok], si[ok]


def _chord_candidates(p: np.ndarray, idx: _ChordIndex) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(point index, segment index, t) pairs whose 3-D chord distance is within a hair of the point's minimum.

    On a sphere the chord is a monotone function of the geodesic distance; on WGS84 the ranking error between
    nearby candidates is below 1e-6 of the distance, far inside the allowance used here. Chunks of segments are
    pruned with bounding balls against the exact minimum over the chunk with the nearest centre."""
    n = len(p)
    p = p - idx.origin
    px, py, pz = (np.ascontiguousarray(p[:, i]) for i in range(3))
    c = idx.centers
    d2 = (p * p).sum(axis=1)[:, None] + (c * c).sum(axis=1)[None, :] - 2.0 * (p @ c.T)  # (n, k)
    k0 = np.argmin(d2, axis=1)
    pi0, si0 = _expand(np.arange(n), k0, idx)
    dd0, t0 = _seg_dist2(px, py, pz, pi0, si0, idx)
    ub = np.full(n, np.inf)
    np.minimum.at(ub, pi0, dd0)
    ub = np.sqrt(ub) + 1.0
    # chunk k can hold a closer point only if |p − c_k| − r_k ≤ ub (the ball test, squared; +1 m² rounding)
    lim = ub[:, None] + idx.radii[None, :]
    close = d2 <= lim * lim + 1.0
    close[np.arange(n), k0] = False  # already measured
    pi1, ki = np.nonzero(close)
    pi1, si1 = _expand(pi1, ki, idx)
    dd1, t1 = _seg_dist2(px, py, pz, pi1, si1, idx)
    pi = np.concatenate([pi0, pi1])
    si = np.concatenate([si0, si1])
    dd = np.concatenate([dd0, dd1])
    t = np.concatenate([t0, t1])
    best = np.full(n, np.inf)
    np.minimum.at(best, pi, dd)
    bd = np.sqrt(best)
    tol = bd * (1e-5 + 1e-3 * (bd / _R) ** 2) + 0.5
    keep = dd <= ((bd + tol) ** 2)[pi]
    pi, si, t = pi[keep], si[keep], t[keep]
    # a shared vertex reached as the end of one segment and the start of the next is one candidate
    m = len(idx.vv)
    nxt = (t >= 1.0) & (si + 1 < m)
    nxt[nxt] = idx.joined[si[nxt]]
    si = np.where(nxt, si + 1, si)
    t = np.where(nxt, 0.0, t)
    _, first = np.unique(pi.astype(np.int64) * (m + 1) + si, return_index=True)
    return pi[first], si[first], t[first]


def distances_to_border(lon, lat, a: Any, b: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised geodesic distances (km) from many points (arrays of lon, lat in degrees) to the a–b border;
    returns (km, nearest_lon, nearest_lat) arrays.

    Candidates: border segments grouped in bounding balls are pruned by 3-D chord bounds, then ranked by chord
    distance (monotone with geodesic distance up to < 1e-6 on WGS84), keeping every segment within 1e-5 + 0.5 m
    of the best; each candidate is refined exactly on the ellipsoid (geodesic forward/inverse problems).
    """
    border = border_between(a, b)
    segs = _segments(border.a.code, border.b.code)
    cidx = _chord_index(border.a.code, border.b.code)
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
    for b0 in range(0, n, _BLOCK):
        sl = slice(b0, min(n, b0 + _BLOCK))
        blon, blat = lon[sl], lat[sl]
        pi, si, t = _chord_candidates(_ecef(blon, blat), cidx)
        # the chord foot is within centimetres of the geodesic foot; one exact step settles it
        d, xlon, xlat = _refine(blon[pi], blat[pi], segs, si, t * segs.length[si], iters=1, ends=False)
        order = np.lexsort((d, pi))
        first = np.ones(len(order), dtype=bool)
        first[1:] = pi[order][1:] != pi[order][:-1]
        sel = order[first]
        out_d[b0 + pi[sel]] = d[sel]
        out_lon[b0 + pi[sel]] = xlon[sel]
        out_lat[b0 + pi[sel]] = xlat[sel]
    return out_d / 1000.0, out_lon, out_lat


@functools.lru_cache(maxsize=64)
def _prepared(code: str) -> BaseGeometry:
    g = country(code).geometry
    shapely.prepare(g)
    return g


def line_ends_at(a: Any, b: Any, lon: float, lat: float, tol_m: float = 50.0) -> bool:
    """Whether (lon, lat) is within ``tol_m`` metres of an end of the a–b border line where the land border in the
    data stops short of a third country (a coast, an estuary, land the data gives to no country) — not at a
    tripoint, where a third country's land border goes on."""
    ends = _open_ends(*sorted((country(a).code, country(b).code)))
    if not len(ends):
        return False
    _, _, d = GEOD.inv(np.full(len(ends), lon), np.full(len(ends), lat), ends[:, 0], ends[:, 1])
    return bool(np.min(d) <= tol_m)


@functools.lru_cache(maxsize=256)
def _open_ends(ca: str, cb: str, tol_km: float = 1.0) -> np.ndarray:
    """The ends (lon, lat rows) of the ca–cb border line that lie farther than ``tol_km`` from any land border of
    ca or cb with a third country; computed once per pair and process."""
    g = border_between(ca, cb).geometry
    ends = [c for part in shapely.get_parts(g) for c in (part.coords[0], part.coords[-1])]
    third = [(x, nb) for x in (ca, cb) for nb in neighbours_of(x) if nb not in (ca, cb)]
    keep = [(lon, lat) for lon, lat in ends
            if not any(distance_to_border(shapely.Point(lon, lat), x, nb).km <= tol_km for x, nb in third)]
    out = np.asarray(keep, dtype=float).reshape(-1, 2)
    out.setflags(write=False)
    return out


def km_to_country(lon: float, lat: float, code: Any, reach_km: float) -> float | None:
    """Geodesic km from (lon, lat) to the nearest point of country ``code``'s polygon (0 inside it), or None when
    it lies farther than ``reach_km``. (The polygon is cut to a box around the point only to skip work.)"""
    geom = _prepared(country(code).code)
    if geom.covers(shapely.Point(lon, lat)):
        return 0.0
    dlat = reach_km / 110.5 + 0.01
    dlon = reach_km / (111.0 * max(0.05, np.cos(np.radians(min(abs(lat) + dlat, 89.0))))) + 0.01
    part = shapely.clip_by_rect(shapely.boundary(geom), lon - dlon, lat - dlat, lon + dlon, lat + dlat)
    if part.is_empty:
        return None
    d, _, _ = nearest_on_segments(lon, lat, segments_of(part))
    return d / 1000.0 if d / 1000.0 <= reach_km else None


@functools.lru_cache(maxsize=1)
def _country_tree() -> tuple[Any, list[str]]:
    from geomap.geo.entities import _countries_by_code

    cs = _countries_by_code()
    codes = list(cs)
    return shapely.STRtree([cs[c].geometry for c in codes]), codes


def country_at(lon: float, lat: float) -> str | None:
    """The code of the pack country whose polygon holds (lon, lat in degrees), or None (at sea, or off the map)."""
    tree, codes = _country_tree()
    hits = tree.query(shapely.Point(lon, lat), predicate="intersects")
    return codes[int(min(hits))] if len(hits) else None


def km_to_country_along(lon: float, lat: float, bearing_deg: float, code: Any, max_km: float,
                        step_km: float = 0.5) -> float | None:
    """Geodesic distance (km) from (lon, lat) along ``bearing_deg`` (degrees clockwise from north) to where the
    path first enters country ``code``, to ``step_km`` then refined to ~1 m by bisection; None if it does not
    within ``max_km``. ("56 km south of the border": the border measured due north, not at its nearest point.)"""
    target = _prepared(country(code).code)
    n = max(2, int(max_km / step_km) + 1)
    dist = np.linspace(0.0, max_km, n) * 1000.0
    lons, lats, _ = GEOD.fwd(np.full(n, lon), np.full(n, lat), np.full(n, bearing_deg), dist)
    inside = shapely.contains_xy(target, lons, lats)
    if not inside.any():
        return None
    k = int(np.argmax(inside))
    if k == 0:
        return 0.0
    lo, hi = dist[k - 1], dist[k]
    while hi - lo > 1.0:
        mid = (lo + hi) / 2.0
        mlon, mlat, _ = GEOD.fwd(lon, lat, bearing_deg, mid)
        lo, hi = (lo, mid) if shapely.contains_xy(target, mlon, mlat) else (mid, hi)
    return hi / 1000.0
