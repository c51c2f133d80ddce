"""Offline vector basemap from the pack: land, country and admin-1 outlines, simplified for size.

Simplification (Douglas–Peucker) happens in metric projections, never in degrees: the context layer in Equal Earth
(EPSG:8857) with a tolerance of at least ``WORLD_TOLERANCE_M``; the detailed layer around the content in a local
azimuthal-equidistant projection centred on the view (Equal Earth for continental views), with a tolerance that grows
with the size of the view (``detail_tolerance_m``).
The detailed layer is cropped to a lon/lat window around the content (a crop, not a measurement).
"""

from __future__ import annotations

import functools
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


@functools.lru_cache(maxsize=256)
def _transformers(crs: str):
    """(lon/lat → crs, crs → lon/lat) pyproj transformers, built once per projection (~30 ms each)."""
    import pyproj

    return (pyproj.Transformer.from_crs(4326, crs, always_xy=True),
            pyproj.Transformer.from_crs(crs, 4326, always_xy=True))


def _simplify_projected(geoms: np.ndarray, crs: str, tolerance_m: float, *, keep_topology: bool = False
                        ) -> np.ndarray:
    fwd, inv = _transformers(crs)
    proj = shapely.transform(geoms, lambda a: np.column_stack(fwd.transform(a[:, 0], a[:, 1])))
    # plain Douglas–Peucker by default: a basemap needs no topology guarantees and this is ~3× faster
    simp = shapely.simplify(proj, tolerance_m, preserve_topology=keep_topology)
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
    """Land fill, coastlines, land borders and admin-1 outlines cropped to the window around ``bounds`` (w, s, e, n).

    Returns {"land": polygons, "coast": lines, "borders": lines, "admin1": lines} as FeatureCollection JSON text
    (lon/lat). Coastlines are the countries' outlines less their shared land borders (the pack's border lines,
    drawn separately). Views wider than ``REGIONAL_MAX_KM`` get no admin-1 outlines and no separate land fill (the
    context layer covers it), and are simplified in Equal Earth instead of a local azimuthal-equidistant projection.
    """
    from geomap.pack import read

    win = view_window(bounds)
    wbox = box(*win)
    tol = detail_tolerance_m(bounds)
    regional = is_regional(bounds)
    lon0, lat0 = (win[0] + win[2]) / 2, (win[1] + win[3]) / 2
    crs = f"+proj=aeqd +lat_0={lat0:.4f} +lon_0={lon0:.4f} +datum=WGS84 +units=m" if regional else "EPSG:8857"

    def lines(geoms) -> str:
        return _fc(_round(_simplify_projected(np.asarray(geoms, dtype=object), crs, tol), DETAIL_DECIMALS))

    c = read.countries()
    cc = c.loc[c.intersects(wbox)]
    if regional:
        cgeoms = shapely.clip_by_rect(np.asarray(cc.geometry.values, dtype=object), *win)
        land = _fc(_round(_simplify_projected(cgeoms, crs, tol), DETAIL_DECIMALS))
    else:
        land = EMPTY_FC
    # coastlines: each country's own boundary (not the crop edges), cropped, less the shared land borders (which
    # are the pack's border lines, drawn once as "borders"); country by country, not one union of every outline
    # (a wide view's union took ~90 MB and seconds for the same lines)
    outl = shapely.clip_by_rect(shapely.boundary(np.asarray(cc.geometry.values, dtype=object)), *win)
    br = read.borders()
    bl = shapely.union_all(shapely.clip_by_rect(np.asarray(br.loc[br.intersects(wbox)].geometry.values,
                                                           dtype=object), *win))
    coast = shapely.difference(outl, bl) if not bl.is_empty else outl
    out = {"land": land, "coast": lines(coast), "borders": lines([bl]), "admin1": EMPTY_FC}
    if not regional:
        return out
    # admin-1 outlines in a tighter window, drawn below the coast and borders. Natural Earth's
    # neighbouring regions do not share vertices, so a union would only node the lines (0.5 s for the UA/RU
    # window) without removing the doubled edges: each region's outline is drawn as it is, at twice the tolerance
    inner = view_window(bounds, pad=ADMIN1_PAD, min_deg=1.0)
    in_view = set(c.loc[c.intersects(box(*bounds))]["code"])  # regions of the countries the content touches
    a = read.admin1_of(in_view)  # read for those countries only
    aa = a.loc[a.intersects(box(*inner))]
    edges = shapely.clip_by_rect(shapely.boundary(np.asarray(aa.geometry.values, dtype=object)), *inner)
    out["admin1"] = _fc(_round(_simplify_projected(edges, crs, 3 * tol), 3 if 3 * tol >= 300 else DETAIL_DECIMALS))
    return out


DISPLAY_TOLERANCE_M = 15.0  # claim zones and regions as drawn: under 1.5 px at zoom 13 (~12 m/px at 48° N)


def display_geometry(geoms: np.ndarray) -> np.ndarray:
    """Zones, bands and regions simplified for drawing only (the exported layers keep every vertex): Douglas–Peucker
    at ``DISPLAY_TOLERANCE_M`` in an azimuthal-equidistant projection centred near each geometry, topology kept.

    The centre is the centroid rounded to whole degrees, so geometries near each other share one projection (a
    pyproj transformer costs ~30 ms to build): within 80 km of the centre aeqd's scale error is under 0.01 %, far
    below the 15 m tolerance's meaning for a drawing.
    """
    out = np.asarray(geoms, dtype=object).copy()
    groups: dict[tuple[int, int], list[int]] = {}
    for i, g in enumerate(out):
        if g is None or g.is_empty or g.geom_type in ("Point", "MultiPoint"):
            continue
        c = g.centroid
        groups.setdefault((round(c.y), round(c.x)), []).append(i)
    for (lat0, lon0), idx in groups.items():
        crs = f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +datum=WGS84 +units=m"
        out[idx] = _simplify_projected(out[idx], crs, DISPLAY_TOLERANCE_M, keep_topology=True)
    return out


def labels(bounds: tuple[float, float, float, float]) -> list[tuple[str, float, float, str]]:
    """(name, lat, lon, kind) label points for the offline basemap: countries whose label point lies in the
    detail window, and admin-1 regions (kind "admin1", their current English ``display_name``) in the inner window."""
    from geomap.pack import read

    w, s, e, n = view_window(bounds)
    out: list[tuple[str, float, float, str]] = []
    c = read.countries()
    for row in c.loc[c["lon"].between(w, e) & c["lat"].between(s, n)].itertuples():
        out.append((str(row.name), round(float(row.lat), 4), round(float(row.lon), 4), "country"))
    if not is_regional(bounds):
        return out
    iw, is_, ie, in_ = view_window(bounds, pad=ADMIN1_PAD, min_deg=1.0)
    a = read.admin1_table()
    sel = a.loc[a["lon"].between(iw, ie) & a["lat"].between(is_, in_)]
    for row in sel.itertuples():
        out.append((str(row.display_name), round(float(row.lat), 4), round(float(row.lon), 4), "admin1"))
    return out


# --------------------------------------------------------------------------------------------------- towns
TOWN_ZOOMS = range(5, 14)  # Leaflet zoom levels at which new town names may appear
TOWNS_PER_ZOOM = 300  # new names per zoom level at most
TOWN_MIN_POP = {5: 100_000, 6: 50_000, 7: 20_000, 8: 10_000, 9: 5_000, 10: 2_000, 11: 1_000, 12: 0, 13: 0}
# from zoom 9 on, small places only near what the map is about (km from the nearest focus point)
TOWN_FOCUS_KM = {9: 150.0, 10: 80.0, 11: 40.0, 12: 25.0, 13: 15.0}
CHAR_PX, LABEL_H_PX, DOT_PX = 6.3, 14.0, 8.0  # 11 px sans-serif: estimated label box


def _mercator_px(lon: np.ndarray, lat: np.ndarray, zoom: int) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator pixel coordinates at a Leaflet zoom level (for label collision, not for measuring)."""
    scale = 256.0 * 2.0 ** zoom
    lat_r = np.radians(np.clip(lat, -85.0, 85.0))
    x = (lon + 180.0) / 360.0 * scale
    y = (1.0 - np.log(np.tan(lat_r) + 1.0 / np.cos(lat_r)) / math.pi) / 2.0 * scale
    return x, y


def _unit(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


NEAR_BLOCK = 1 << 19  # 4 MB of float64: thousands of focus points (a 5 MB article) once cost 34 MB here


def _near_focus(lon: np.ndarray, lat: np.ndarray, focus: np.ndarray, km: float) -> np.ndarray:
    """Mask of points within ``km`` of any focus (lon, lat) point: angle on the mean sphere from unit-vector dot
    products (a selection radius, not a measurement)."""
    if len(focus) == 0:
        return np.ones(len(lon), dtype=bool)
    if len(lon) == 0:
        return np.zeros(0, dtype=bool)
    cos_r = math.cos(km / 6371.0088)
    f = _unit(focus[:, 0], focus[:, 1]).T
    p = _unit(lon, lat)
    out = np.zeros(len(lon), dtype=bool)
    step = max(64, NEAR_BLOCK // f.shape[1])  # a block of points × focus dot products stays ≤ NEAR_BLOCK floats
    for i in range(0, len(p), step):
        out[i:i + step] = (p[i:i + step] @ f).max(axis=1) >= cos_r
    return out


class _Grid:
    """Occupied label boxes in one zoom level's pixel plane, hashed by 64 px cells."""

    CELL = 64.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, r: tuple[float, float, float, float]):
        for i in range(int(r[0] // self.CELL), int(r[2] // self.CELL) + 1):
            for j in range(int(r[1] // self.CELL), int(r[3] // self.CELL) + 1):
                yield i, j

    def free(self, r: tuple[float, float, float, float]) -> bool:
        return not any(r[0] < o[2] and o[0] < r[2] and r[1] < o[3] and o[1] < r[3]
                       for k in self._keys(r) for o in self.cells.get(k, ()))

    def add(self, r: tuple[float, float, float, float]) -> None:
        for k in self._keys(r):
            self.cells.setdefault(k, []).append(r)


def towns(bounds: tuple[float, float, float, float], focus: list[tuple[float, float]] = ()
          ) -> list[tuple[str, float, float, int]]:
    """(name, lat, lon, min_zoom) town labels from the pack's places for the window around ``bounds``.

    Thinned by zoom: at each zoom level of ``TOWN_ZOOMS`` places are taken by population (largest first, at least
    ``TOWN_MIN_POP``), a name is added only where its box overlaps no name already shown at that level, and at most
    ``TOWNS_PER_ZOOM`` names are added per level. A name shown at one level stays at every closer level (boxes only
    move apart when zooming in). From zoom 9 on, small places are taken only near ``focus`` (lon, lat) points.
    """
    from geomap.pack import read

    w, s, e, n = view_window(bounds, pad=0.5, min_deg=2.0)
    p = read.places(window=(w, s, e, n))
    p = p.loc[p["name"].str.len() > 0]
    names = p["name"].to_numpy(dtype=object)
    lon, lat, pop = p["lon"].to_numpy(), p["lat"].to_numpy(), p["population"].to_numpy()
    focus_a = np.asarray(list(focus), dtype=float).reshape(-1, 2)
    widths = np.array([CHAR_PX * len(x) + DOT_PX + 4 for x in names])
    min_zoom = np.full(len(names), -1, dtype=int)
    for z in TOWN_ZOOMS:
        x, y = _mercator_px(lon, lat, z)
        grid = _Grid()
        shown = np.flatnonzero(min_zoom >= 0)
        for i in shown:
            grid.add((x[i] - DOT_PX / 2, y[i] - LABEL_H_PX / 2, x[i] + widths[i], y[i] + LABEL_H_PX / 2))
        cand = (min_zoom < 0) & (pop >= TOWN_MIN_POP[z])
        if z in TOWN_FOCUS_KM:
            km = TOWN_FOCUS_KM[z]
            cell = km / 4 / 111.0  # focus points a quarter of the radius apart are enough for a selection
            near = np.unique(np.round(focus_a / cell) * cell, axis=0) if len(focus_a) else focus_a
            idx = np.flatnonzero(cand)
            cand[idx] = _near_focus(lon[idx], lat[idx], near, km)
        added = 0
        for i in np.flatnonzero(cand):  # already in population order
            r = (x[i] - DOT_PX / 2, y[i] - LABEL_H_PX / 2, x[i] + widths[i], y[i] + LABEL_H_PX / 2)
            if grid.free(r):
                grid.add(r)
                min_zoom[i] = z
                added += 1
                if added >= TOWNS_PER_ZOOM:
                    break
    keep = np.flatnonzero(min_zoom >= 0)
    return [(str(names[i]), round(float(lat[i]), 4), round(float(lon[i]), 4), int(min_zoom[i])) for i in keep]
