"""Border bands ("up to 12 km inside Ukrainian territory in the Sumy region"): geodesic buffers of border lines.

Method: the border is interpolated, cut into pieces of ≤ 150 km, and each piece is buffered in its own exact
azimuthal-equidistant plane (computed with the geodesic inverse problem about the piece's middle vertex), where
distances from the piece are true to < 0.1 % for bands up to a few hundred km; the piece is simplified there by
0.05 % of the depth and its buffer's arcs sag by < 0.01 % of it (measured against the unsimplified method on 245
bands of 1–120 km: edges within 0.09 % of the depth, 0.27 % — 5 m — for a 2 km band; areas within 0.013 %). Each
planar buffer is densified to edges short enough that a mapped edge strays from its lon/lat chord by < 0.005 % of
the depth (at most 2 km; 0.13–0.19 m from 100 m edges on 1–12 km bands), mapped back to lon/lat with the geodesic
forward problem, handling the antimeridian and poles; the pieces are unioned and intersected with the country
(and region). Nothing is buffered or measured in degrees.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

from geomap.errors import GeomapError, GeometryError, InputError, NotFoundError
from geomap.geo.borders import Border, border_between
from geomap.geo.entities import Country, Region, country, region
from geomap.geo.geodesy import (
    GEOD,
    MEAN_RADIUS_M,
    _unwrap,
    aeqd_forward,
    check_km,
    floating,
    geodesic_area_km2,
    planar_to_geographic,
    rfc7946,
)

__all__ = ["Band", "band", "buffer_line", "MAX_BAND_KM"]

MAX_BAND_KM = 2000.0
PIECE_KM = 150.0
QUAD_SEGS = 56  # arc chords sag < 1e-4 of the radius (0.01 % of the band's depth)
# the border piece is simplified in its plane by 0.05 % of the depth before it is buffered: every point of the
# band's edge moves by at most that much (Hausdorff), and a wiggle of 6 m no longer costs a 12 km band its
# vertices (the buffer took two thirds of a band's time)
SIMPLIFY_SHARE = 5e-4
GRID_DEG = 1e-6
CHORD_SHARE = 5e-5  # a mapped buffer edge strays from its lon/lat chord by at most this share of the depth


@dataclass(frozen=True)
class Band:
    """Every point of ``inside`` within ``km`` of its border with ``along`` (both countries when ``both_sides``),
    optionally limited to region ``within``: ``geometry`` (lon/lat, valid, RFC 7946 oriented) and ``area_km2``."""

    inside: Country
    along: Country
    km: float
    within: Region | None
    both_sides: bool
    geometry: BaseGeometry
    area_km2: float
    border: Border

    def properties(self) -> dict[str, Any]:
        """GeoJSON feature properties: inside, along (ISO2 codes), km, within (region id or None), area_km2."""
        return {
            "inside": self.inside.code,
            "along": self.along.code,
            "km": self.km,
            "within": self.within.id if self.within else None,
            "both_sides": self.both_sides,
            "area_km2": round(self.area_km2, 3),
        }

    def to_gdf(self):
        """A one-row GeoDataFrame (EPSG:4326) with :meth:`properties` as columns."""
        import geopandas as gpd

        return gpd.GeoDataFrame([self.properties()], geometry=[self.geometry], crs="EPSG:4326")

    def _repr_html_(self) -> str:
        """Notebook view: a summary table and an inline offline map (the renderer is imported only here)."""
        from geomap.render.notebook import result_html

        return result_html(self)


def _pieces(line: BaseGeometry, piece_m: float) -> list[np.ndarray]:
    """Cut a (multi)line (lon/lat) into vertex runs of ≤ piece_m geodesic length, sharing their end vertices."""
    out = []
    for part in shapely.get_parts(line):
        c = np.asarray(part.coords)[:, :2]
        if len(c) < 2:
            continue
        if np.any(np.abs(np.diff(c[:, 0])) > 180.0):  # a part drawn across the antimeridian: keep it continuous
            c = np.column_stack([_unwrap(c[:, 0]), c[:, 1]])
        c = shapely.get_coordinates(shapely.segmentize(LineString(c), 0.01))
        _, _, seg = GEOD.inv(c[:-1, 0], c[:-1, 1], c[1:, 0], c[1:, 1])
        cum = np.concatenate([[0.0], np.cumsum(seg)])
        start = 0
        while start < len(c) - 1:
            stop = int(np.searchsorted(cum, cum[start] + piece_m, side="right")) - 1
            stop = max(stop, start + 1)
            out.append(c[start:stop + 1])
            start = stop
    return out


@functools.lru_cache(maxsize=32)
def _planar_pieces(wkb: bytes, piece_m: float) -> tuple[tuple[np.ndarray, float, float, np.ndarray], ...]:
    """The pieces of a (multi)line given as WKB (:func:`_pieces`), each as (lon/lat vertices, lon0, lat0 of its
    middle vertex, its vertices in metres in the azimuthal-equidistant plane about that vertex): the same for
    every depth, so a border's bands of 12, 20 and 30 km cut and project it once."""
    out = []
    for c in _pieces(shapely.from_wkb(wkb), piece_m):
        mid = len(c) // 2
        lon0, lat0 = float(c[mid, 0]), float(c[mid, 1])
        x, y = aeqd_forward(lon0, lat0, c[:, 0], c[:, 1])
        c.setflags(write=False)
        xy = np.column_stack([x, y])
        xy.setflags(write=False)
        out.append((c, lon0, lat0, xy))
    return tuple(out)


def _reach_box(coords: np.ndarray, km: float) -> tuple[float, float, float, float] | None:
    """A lon/lat box surely containing every point within km of the coordinates, or None when that is not simple
    (near a pole or the antimeridian). Used only to skip work."""
    minx, miny = coords.min(axis=0)
    maxx, maxy = coords.max(axis=0)
    dlat = km / 110.5 + 0.01
    lat_hi = max(abs(miny - dlat), abs(maxy + dlat))
    if lat_hi >= 89.0:
        return None
    dlon = km / (111.0 * math.cos(math.radians(lat_hi))) + 0.01
    if minx - dlon < -180.0 or maxx + dlon > 180.0:
        return None
    return (minx - dlon, miny - dlat, maxx + dlon, maxy + dlat)


def _max_segment_m(d: float, coords: np.ndarray) -> float:
    """Longest planar edge (m) of a piece's buffer of depth ``d`` (m) before it is mapped to lon/lat: the mapped
    edge is a straight lon/lat chord of a curve whose curvature is at most (tan φ + 1) / R (φ the highest latitude
    the buffer reaches), so a chord of length s strays s²κ/8 from it; s is chosen so that this stays within
    :data:`CHORD_SHARE` of the depth (half the arcs' sag), between 100 m and 2 km."""
    lat = min(float(np.abs(coords[:, 1]).max()) + d / 110_000.0, 89.0)
    kappa = (math.tan(math.radians(lat)) + 1.0) / MEAN_RADIUS_M
    return min(2000.0, max(100.0, math.sqrt(8.0 * CHORD_SHARE * d / kappa)))


def buffer_line(line: BaseGeometry, km: float, target: BaseGeometry | None = None,
                piece_km: float = PIECE_KM) -> BaseGeometry:
    """Geodesic buffer (every point within ``km``) of a lon/lat (multi)line, as a valid lon/lat (multi)polygon cut
    at the antimeridian. With ``target``, pieces of the line that cannot reach it are skipped."""
    km = check_km(km, what="buffer distance", max_km=MAX_BAND_KM)
    d = km * 1000.0
    tb = target.bounds if target is not None and not target.is_empty else None
    parts = []
    for c, lon0, lat0, xy in _planar_pieces(shapely.to_wkb(line), piece_km * 1000.0):
        if tb is not None:
            box = _reach_box(c, km)
            if box is not None and (box[2] < tb[0] or box[0] > tb[2] or box[3] < tb[1] or box[1] > tb[3]):
                continue
        planar = LineString(xy).simplify(d * SIMPLIFY_SHARE, preserve_topology=False)
        planar = planar.buffer(d, quad_segs=QUAD_SEGS)
        parts.append(planar_to_geographic(planar, lon0, lat0, _max_segment_m(d, c)))
    if not parts:
        return shapely.Polygon()
    return rfc7946(shapely.union_all(parts))


def _inside(inside: Any, within: Any) -> tuple[Any, Region | None]:
    """The ``inside`` country and the ``within`` region; a region or exclave named as ``inside`` ("Kaliningrad",
    "Gaza Strip", "Nakhchivan") stands for its country limited to that region."""
    reg = region(within) if within is not None else None
    try:
        return country(inside), reg
    except NotFoundError as exc:
        try:
            part = region(inside)
        except GeomapError:
            raise exc from None
    if reg is not None and reg.id != part.id:
        raise InputError(f"{inside!r} is a region ({part.id}); give it as the country's part or as --within, not "
                         f"together with another region ({reg.id})")
    return country(part.country), part


@functools.lru_cache(maxsize=64)
def _both_countries(code_a: str, code_b: str) -> BaseGeometry:
    """The union of two countries' polygons (lon/lat), computed once per pair and process (Russia's alone has
    36,000 vertices: the union costs ~0.3 s)."""
    return shapely.union_all([country(code_a).geometry, country(code_b).geometry])


def band(inside: Any, along: Any, km: float, within: Any = None, both_sides: bool = False,
         stretch: BaseGeometry | None = None) -> Band:
    """Every point of country ``inside`` within ``km`` (0 < km ≤ 2000, geodesic) of its land border with
    ``along``, optionally intersected with admin-1 region ``within`` (id, ISO 3166-2 code or name). With
    ``both_sides`` the strip covers both countries. Countries by ISO2, ISO3 or name; a region given as ``inside``
    (an exclave or strip such as "Kaliningrad" or "Gaza Strip") means its country limited to that region.
    ``stretch`` (a lon/lat polygon, e.g. a geodesic circle from :func:`geomap.geo.zone_polygon`) limits the band to
    the part of the border line inside it ("a strip between A and B", "N km into Armenia near X")."""
    km = check_km(km, what="band depth", max_km=MAX_BAND_KM)
    inside, reg = _inside(inside, within)
    border = border_between(inside, along)
    if stretch is not None:
        part = shapely.intersection(border.geometry, stretch)
        if part.is_empty:
            raise GeometryError(f"no stretch of the {border.a.name}–{border.b.name} border lies in the area given")
        border = dataclasses.replace(border, geometry=part, length_km=float(GEOD.geometry_length(part)) / 1000.0)
    ca, cb = border.a, border.b
    if reg is not None and reg.country not in ({ca.code, cb.code} if both_sides else {ca.code}):
        where = f"{ca.name} or {cb.name}" if both_sides else ca.name
        raise InputError(f"region {reg.name!r} ({reg.id}) is in {reg.country}, not in {where}")
    area = ca.geometry if not both_sides else _both_countries(ca.code, cb.code)
    if reg is not None:
        area = shapely.intersection(area, reg.geometry)
        if area.is_empty:
            raise GeometryError(f"region {reg.name!r} does not overlap {ca.name}")
    buf = buffer_line(border.geometry, km, target=reg.geometry if reg is not None else None)
    geom = buf
    if not buf.is_empty:
        minx, miny, maxx, maxy = buf.bounds
        area = shapely.clip_by_rect(area, minx, miny, maxx, maxy)
        # snapped to a 1e-6° grid (~0.1 m) so that GeoJSON's 6 decimals keep the polygon valid
        geom = floating(rfc7946(shapely.set_precision(shapely.intersection(buf, shapely.make_valid(area)),
                                                      GRID_DEG)))
    if geom.is_empty:
        place = f"{reg.name!r}" if reg is not None else ca.name
        raise GeometryError(f"no part of {place} lies within {km:g} km of the {ca.name}–{cb.name} border")
    return Band(ca, cb, km, reg, both_sides, geom, geodesic_area_km2(geom), border)
