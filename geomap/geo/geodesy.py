"""Geodesic primitives on the WGS84 ellipsoid (Karney's algorithms via pyproj.Geod).

Conventions: coordinates are (lon, lat) in degrees, shapely x = lon and y = lat; distances in km at the API and in
metres inside; bearings in degrees clockwise from true north in [0, 360). Nothing here measures in degrees: local
azimuthal-equidistant coordinates are computed exactly with the geodesic inverse/forward problems, and geographic
polygons are made valid, split at the antimeridian and oriented for RFC 7946 (exterior counter-clockwise).
"""

from __future__ import annotations

import math
import re

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

from geomap.errors import GeometryError, InputError

GEOD = Geod(ellps="WGS84")
# mean Earth radius (m): only for step sizes and error bounds, never for a reported distance (GEOD measures those)
MEAN_RADIUS_M = 6_371_008.8

__all__ = [
    "GEOD",
    "check_km",
    "parse_bearing",
    "aeqd_forward",
    "aeqd_inverse",
    "geodesic_area_km2",
    "planar_to_geographic",
    "geographic_ring_polygon",
    "ring_to_geographic",
    "rfc7946",
    "floating",
]


def check_km(km: float, *, what: str = "distance", max_km: float | None = None, allow_zero: bool = False) -> float:
    """Validate a distance in km (finite, > 0 — or ≥ 0 with ``allow_zero`` — and ≤ ``max_km``); return it as float."""
    try:
        v = float(km)
    except (TypeError, ValueError):
        raise InputError(f"{what} must be a number of km, got {km!r}") from None
    if not math.isfinite(v):
        raise InputError(f"{what} must be a finite number of km, got {km!r}")
    if v < 0 or (v == 0 and not allow_zero):
        raise InputError(f"{what} must be greater than 0 km, got {km!r}")
    if max_km is not None and v > max_km:
        raise InputError(f"{what} of {v:g} km is beyond the supported maximum of {max_km:g} km")
    return v


_POINTS16 = ["n", "nne", "ne", "ene", "e", "ese", "se", "sse", "s", "ssw", "sw", "wsw", "w", "wnw", "nw", "nnw"]
_CARDINAL = {"n": 0.0, "e": 90.0, "s": 180.0, "w": 270.0}
_WORDS = [("north", "n"), ("south", "s"), ("east", "e"), ("west", "w")]


def parse_bearing(direction: float | int | str) -> float:
    """A bearing in degrees [0, 360) from a number or a compass word ("NW", "north-west", "north-northeast",
    "east", "north by east", "45", "45°")."""
    if isinstance(direction, bool):
        raise InputError(f"not a direction: {direction!r}")
    if isinstance(direction, int | float | np.floating | np.integer):
        v = float(direction)
        if not math.isfinite(v):
            raise InputError(f"bearing must be a finite number of degrees, got {direction!r}")
        return v % 360.0
    if not isinstance(direction, str):
        raise InputError(f"not a direction: {direction!r}")
    s = direction.strip().lower()
    num = re.fullmatch(r"([+-]?\d+(?:\.\d+)?)\s*(?:°|deg|degrees?)?", s)
    if num:
        return parse_bearing(float(num.group(1)))
    words = re.sub(r"[\s\-_]+", " ", s).strip()
    by = re.fullmatch(r"(north|south|east|west) by (north|south|east|west)", words)
    if by:
        a, b = _CARDINAL[by.group(1)[0]], _CARDINAL[by.group(2)[0]]
        diff = (b - a + 180.0) % 360.0 - 180.0
        if abs(diff) != 90.0:
            raise InputError(f"not a compass direction: {direction!r}")
        return (a + math.copysign(11.25, diff)) % 360.0
    compact = words.replace(" ", "")
    for word, letter in _WORDS:
        compact = compact.replace(word, letter)
    compact = compact.removesuffix("ward").removesuffix("wards").removesuffix("erly").removesuffix("ern")
    if compact in _POINTS16:
        return _POINTS16.index(compact) * 22.5
    raise InputError(f"not a compass direction: {direction!r} (use a bearing in degrees or a word such as "
                     f"'north-west', 'NW', 'north-northeast', 'east')")


def aeqd_forward(lon0: float, lat0: float, lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Exact ellipsoidal azimuthal-equidistant coordinates (x east, y north, metres) of points about (lon0, lat0)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    az, _, d = GEOD.inv(np.full(lon.shape, lon0), np.full(lat.shape, lat0), lon, lat)
    a = np.radians(az)
    return d * np.sin(a), d * np.cos(a)


def aeqd_inverse(lon0: float, lat0: float, x, y) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of :func:`aeqd_forward`: (lon, lat) degrees of local coordinates x, y (metres)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    az = np.degrees(np.arctan2(x, y))
    d = np.hypot(x, y)
    lon, lat, _ = GEOD.fwd(np.full(x.shape, lon0), np.full(x.shape, lat0), az, d)
    return np.asarray(lon), np.asarray(lat)


def geodesic_area_km2(geom: BaseGeometry | None) -> float:
    """Geodesic area (km²) of a (multi)polygon in lon/lat, independent of ring orientation."""
    if geom is None or geom.is_empty:
        return 0.0
    total = 0.0
    for poly in getattr(geom, "geoms", [geom]):
        if poly.geom_type == "Polygon":
            total += abs(_ring_area_m2(poly.exterior))
            for hole in poly.interiors:
                total -= abs(_ring_area_m2(hole))
        elif poly.geom_type in ("MultiPolygon", "GeometryCollection"):
            total += geodesic_area_km2(poly) * 1e6
    return total / 1e6


def _ring_area_m2(ring: BaseGeometry) -> float:
    """Signed geodesic area (m²) of a lon/lat ring (coordinates as numpy arrays: no per-vertex Python copies)."""
    c = shapely.get_coordinates(ring)
    a, _ = GEOD.polygon_area_perimeter(c[:, 0], c[:, 1])
    return a


def _unwrap(lon: np.ndarray) -> np.ndarray:
    d = np.diff(lon)
    d = (d + 180.0) % 360.0 - 180.0
    return np.concatenate([[lon[0]], lon[0] + np.cumsum(d)])


_WORLD = box(-180.0, -90.0, 180.0, 90.0)


def _fold(geom: BaseGeometry) -> BaseGeometry:
    """Cut a polygon given in unwrapped longitudes into pieces shifted into [-180, 180]."""
    minx, _, maxx, _ = geom.bounds
    if minx >= -180.0 and maxx <= 180.0:
        return geom
    parts = []
    k0 = math.floor((minx + 180.0) / 360.0)
    k1 = math.floor((maxx + 180.0) / 360.0)
    for k in range(k0, k1 + 1):
        lo = -180.0 + 360.0 * k
        piece = shapely.clip_by_rect(geom, lo, -90.0, lo + 360.0, 90.0)
        if piece.is_empty:
            continue
        parts.append(shapely.affinity.translate(piece, xoff=-360.0 * k))
    return shapely.union_all(parts)


def ring_to_geographic(lon, lat) -> tuple[np.ndarray, np.ndarray, int]:
    """Unwrap a closed ring's longitudes; return (lon, lat, pole) where pole is +1/-1 if the ring winds around the
    north/south pole, else 0. Consecutive vertices must be less than 180° of longitude apart."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    u = _unwrap(lon)
    wind = u[-1] - u[0]
    pole = 0
    if abs(wind) > 180.0:
        pole = 1 if float(np.mean(lat)) > 0 else -1
    if lat[-1] == lat[0] and (lon[-1] - lon[0]) % 360.0 == 0.0:
        # a closed ring closes exactly: the cumulative sum of the steps lands ~1e-13 degrees off the first vertex,
        # which made the ring self-intersect at its start (invalid, and a zero-area sliver after make_valid)
        u[-1] = u[0] + 360.0 * round(wind / 360.0)
    return u, lat, pole


def _ring_polygon(lon: np.ndarray, lat: np.ndarray, pole: int) -> Polygon:
    if pole:
        pl = 90.0 * pole
        lon = np.concatenate([lon, [lon[-1], lon[0], lon[0]]])
        lat = np.concatenate([lat, [pl, pl, lat[0]]])
    return Polygon(np.column_stack([lon, lat]))


def geographic_ring_polygon(lon, lat) -> BaseGeometry:
    """A valid lon/lat (multi)polygon from one closed ring given by consecutive vertices (any longitudes, less
    than 180° apart in turn): unwrapped, closed over a pole it winds around, cut at the antimeridian, RFC 7946
    oriented."""
    u, la, pole = ring_to_geographic(lon, lat)
    poly = _ring_polygon(u, la, pole)
    return rfc7946(_fold(poly if poly.is_valid else shapely.make_valid(poly)))


def planar_to_geographic(geom: BaseGeometry, lon0: float, lat0: float, max_seg_m: float) -> BaseGeometry:
    """Map a polygonal geometry in local azimuthal-equidistant metres about (lon0, lat0) to lon/lat: densify to
    ``max_seg_m`` first, handle the antimeridian and poles, and return a valid (multi)polygon in [-180, 180]."""
    geom = shapely.segmentize(geom, max_seg_m)
    out = []
    for poly in getattr(geom, "geoms", [geom]):
        if poly.is_empty or poly.geom_type != "Polygon":
            continue
        ex = np.asarray(poly.exterior.coords)
        elon, elat = aeqd_inverse(lon0, lat0, ex[:, 0], ex[:, 1])
        u, la, pole = ring_to_geographic(elon, elat)
        shell = _ring_polygon(u, la, pole)
        shell = shapely.make_valid(shell)
        holes = []
        for ring in poly.interiors:
            c = np.asarray(ring.coords)
            hlon, hlat = aeqd_inverse(lon0, lat0, c[:, 0], c[:, 1])
            hu, hla, hpole = ring_to_geographic(hlon, hlat)
            # place the hole in the same longitude sheet as the shell
            ref = float(np.mean(u))
            hu = hu + 360.0 * round((ref - float(np.mean(hu))) / 360.0)
            holes.append(shapely.make_valid(_ring_polygon(hu, hla, hpole)))
        if holes:
            shell = shell.difference(shapely.union_all(holes))
        out.append(_fold(shell))
    if not out:
        return Polygon()
    return rfc7946(shapely.union_all(out))


def floating(geom: BaseGeometry) -> BaseGeometry:
    """The same coordinates without a fixed precision model. ``shapely.set_precision`` leaves one on the geometry,
    and later operations honour it (a representative point is snapped to its grid), but WKB and pickling drop it:
    a shape fresh from the computation and the same shape from a cache or another process would then give answers
    1e-7 degrees apart. Every shape geomap hands on is floating."""
    return shapely.set_precision(geom, 0.0, mode="pointwise")


def rfc7946(geom: BaseGeometry) -> BaseGeometry:
    """Valid, polygon-only, in [-180, 180] x [-90, 90], exterior rings counter-clockwise (RFC 7946 right-hand rule)."""
    if geom.is_empty:
        return Polygon()
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    polys = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon") and not g.is_empty]
    flat: list[Polygon] = []
    for g in polys:
        flat.extend(getattr(g, "geoms", [g]))
    if not flat:
        return Polygon()
    geom = flat[0] if len(flat) == 1 else MultiPolygon(flat)
    minx, miny, maxx, maxy = geom.bounds
    if minx < -180.0 or maxx > 180.0 or miny < -90.0 or maxy > 90.0:
        raise GeometryError(f"internal: geometry outside the lon/lat range {geom.bounds}")
    return shapely.orient_polygons(geom, exterior_cw=False)
