"""Offline vector basemap from the pack: land, country and admin-1 outlines, simplified for size.

Simplification (Douglas–Peucker) happens in metric projections, never in degrees: the context layer in Equal Earth
(EPSG:8857) with a tolerance of at least ``WORLD_TOLERANCE_M``; the detailed layer around the content in a local
azimuthal-equidistant projection centred on the view (Equal Earth for continental views), with a tolerance that grows
with the size of the view (``detail_tolerance_m``).
The detailed layer is cropped to a lon/lat window around the content (a crop, not a measurement).
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry import box

WORLD_TOLERANCE_M = 8_000.0
WORLD_DECIMALS = 2  # ~1 km: below the world layer's simplification
CONTEXT_PAD = 2.0
ADMIN1_PAD = 0.5
CONTEXT_MIN_DEG = 10.0
DETAIL_DECIMALS = 4  # ~10 m
REGIONAL_MAX_KM = 2_500.0
EMPTY_FC = '{"type":"FeatureCollection","features":[]}'


def view_size_km(bounds: tuple[float, float, float, float]) -> float:
    """Rough size (km) of a lon/lat box: the larger of its mid-latitude width and its height (for choosing detail,
    not for measuring)."""
    w, s, e, n = bounds
    lat = math.radians((s + n) / 2)
    return float(max((e - w) * 111.32 * math.cos(lat), (n - s) * 110.57, 1.0))


def is_regional(bounds: tuple[float, float, float, float]) -> bool:
    """True for views up to ``REGIONAL_MAX_KM`` across: they get admin-1 outlines and names."""
    return view_size_km(bounds) <= REGIONAL_MAX_KM


def detail_tolerance_m(bounds: tuple[float, float, float, float]) -> float:
    """Simplification tolerance (metres) for a view of ``bounds`` (west, south, east, north degrees): about 1/2500
    of the view's size, between 100 m and 25 km."""
    return float(min(max(view_size_km(bounds) * 1000 / 2500, 100.0), 25_000.0))


def view_window(bounds: tuple[float, float, float, float], pad: float = 1.0, min_deg: float = 3.0
                ) -> tuple[float, float, float, float]:
    """Lon/lat window around content ``bounds`` padded by ``pad`` × its size on each side (at least ``min_deg``)."""
    w, s, e, n = bounds
    dx, dy = max(e - w, min_deg), max(n - s, min_deg)
    return (max(w - pad * dx, -180.0), max(s - pad * dy, -89.0), min(e + pad * dx, 180.0), min(n + pad * dy, 89.0))


def _round(geoms: np.ndarray, decimals: int) -> np.ndarray:
    return shapely.transform(geoms, lambda a: np.round(a, decimals))


def _fc(geoms: np.ndarray) -> str:
    """FeatureCollection JSON text (empty properties) of the non-empty geometries, serialised by GEOS directly."""
    geoms = np.asarray(geoms, dtype=object)
    keep = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    feats = ",".join('{"type":"Feature","properties":{},"geometry":' + g + "}" for g in shapely.to_geojson(keep))
    return '{"type":"FeatureCollection","features":[' + feats + "]}"


def _simplify_projected(geoms: np.ndarray, crs: str, tolerance_m: float) -> np.ndarray:
    import pyproj

    fwd = pyproj.Transformer.from_crs(4326, crs, always_xy=True)
    inv = pyproj.Transformer.from_crs(crs, 4326, always_xy=True)
    proj = shapely.transform(geoms, lambda a: np.column_stack(fwd.transform(a[:, 0], a[:, 1])))
    # plain Douglas–Peucker: a basemap needs no topology guarantees and this is ~3× faster
    simp = shapely.simplify(proj, tolerance_m, preserve_topology=False)
    return shapely.transform(simp, lambda a: np.column_stack(inv.transform(a[:, 0], a[:, 1])))


def context_land(bounds: tuple[float, float, float, float]) -> str:
    """Countries in a wide window (``CONTEXT_PAD`` × the content size, at least ``CONTEXT_MIN_DEG``) around
    ``bounds``, simplified in Equal Earth at ``WORLD_TOLERANCE_M``: polygons for zoomed-out context (FeatureCollection
    JSON text)."""
    from geomap.pack import read

    win = view_window(bounds, pad=CONTEXT_PAD, min_deg=CONTEXT_MIN_DEG)
    c = read.countries()
    cc = c.loc[c.intersects(box(*win))]
    tol = max(WORLD_TOLERANCE_M, 2 * detail_tolerance_m(bounds))
    geoms = _simplify_projected(np.asarray(cc.geometry.values, dtype=object), "EPSG:8857", tol)
    geoms = _round(geoms, WORLD_DECIMALS)
    return _fc(geoms)


def detail(bounds: tuple[float, float, float, float]) -> dict[str, str]:
    """Land fill, country outlines and admin-1 outlines cropped to the window around ``bounds`` (w, s, e, n).

    Returns {"land": polygons, "countries": lines, "admin1": lines} as FeatureCollection JSON text (lon/lat).
    Views wider than ``REGIONAL_MAX_KM`` get no admin-1 outlines and no separate land fill (the context layer
    covers it), and are simplified in Equal Earth instead of a local azimuthal-equidistant projection.
    """
    from geomap.pack import read

    win = view_window(bounds)
    wbox = box(*win)
    tol = detail_tolerance_m(bounds)
    regional = is_regional(bounds)
    lon0, lat0 = (win[0] + win[2]) / 2, (win[1] + win[3]) / 2
    crs = f"+proj=aeqd +lat_0={lat0:.4f} +lon_0={lon0:.4f} +datum=WGS84 +units=m" if regional else "EPSG:8857"

    c = read.countries()
    cc = c.loc[c.intersects(wbox)]
    if regional:
        cgeoms = shapely.clip_by_rect(np.asarray(cc.geometry.values, dtype=object), *win)
        land = _fc(_round(_simplify_projected(cgeoms, crs, tol), DETAIL_DECIMALS))
    else:
        land = EMPTY_FC
    # outlines: the countries' own boundaries (not the crop edges), cropped the same way
    full_outline = shapely.boundary(np.asarray(cc.geometry.values, dtype=object))
    outl = shapely.clip_by_rect(full_outline, *win)
    outl = _round(_simplify_projected(outl, crs, tol), DETAIL_DECIMALS)

    # admin-1 outlines: only for the countries the content itself touches, in a tighter window; shared edges
    # are merged so each boundary is drawn (and stored) once
    if not regional:
        return {"land": land, "countries": _fc(outl), "admin1": EMPTY_FC}
    inner = view_window(bounds, pad=ADMIN1_PAD, min_deg=1.0)
    in_view = set(c.loc[c.intersects(box(*bounds))]["code"])
    a = read.admin1()
    aa = a.loc[a["country"].isin(in_view) & a.intersects(box(*inner))]
    edges = shapely.clip_by_rect(shapely.boundary(np.asarray(aa.geometry.values, dtype=object)), *inner)
    edges = shapely.line_merge(shapely.union_all(edges))
    aout = _round(_simplify_projected(np.array([edges], dtype=object), crs, tol), DETAIL_DECIMALS)
    return {"land": land, "countries": _fc(outl), "admin1": _fc(aout)}


def labels(bounds: tuple[float, float, float, float]) -> list[tuple[str, float, float, str]]:
    """(name, lat, lon, kind) label points for the offline basemap: countries whose label point lies in the
    detail window, and admin-1 regions (kind "admin1") of the countries the content touches, in the inner window."""
    from geomap.pack import read

    w, s, e, n = view_window(bounds)
    out: list[tuple[str, float, float, str]] = []
    c = read.countries()
    for row in c.loc[c["lon"].between(w, e) & c["lat"].between(s, n)].itertuples():
        out.append((str(row.name), round(float(row.lat), 4), round(float(row.lon), 4), "country"))
    if not is_regional(bounds):
        return out
    in_view = set(c.loc[c.intersects(box(*bounds))]["code"])
    iw, is_, ie, in_ = view_window(bounds, pad=ADMIN1_PAD, min_deg=1.0)
    a = read.admin1()
    sel = a.loc[a["country"].isin(in_view) & a["lon"].between(iw, ie) & a["lat"].between(is_, in_)]
    for row in sel.itertuples():
        out.append((str(row.name), round(float(row.lat), 4), round(float(row.lon), 4), "admin1"))
    return out
