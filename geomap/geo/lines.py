"""Lines the user measures against: front lines, rivers, ceasefire lines from a file (``--lines FILE``).

The file is any vector format GeoPandas reads (GeoJSON, GPKG, shapefile) with line features and a name column
(``name``, ``Name``, ``NAME``, ``title`` or ``label``). Coordinates are taken as lon/lat degrees (the file is
reprojected to EPSG:4326 when it declares another CRS). Distances are geodesic (WGS84), exact to the nearest
point of the line with the same code as the border distances (:func:`geomap.geo.borders.nearest_on_segments`).

>>> # lines = read_lines("front.geojson"); distance_to_line(Point(35.1, 47.5), lines, "front line").km
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geomap.errors import InputError

__all__ = ["LineDistance", "UserLines", "read_lines", "distance_to_line", "LINE_ALIASES"]

NAME_COLUMNS = ("name", "Name", "NAME", "title", "label")
# how reports name a line -> words a feature name of that line contains (normalised, lower case)
LINE_ALIASES: dict[str, tuple[str, ...]] = {
    "front line": ("front", "contact"), "frontline": ("front", "contact"), "front": ("front", "contact"),
    "line of contact": ("contact", "front"), "contact line": ("contact", "front"), "line": ("front", "contact"),
    "line of control": ("line of control", "loc"), "loc": ("line of control", "loc"),
    "line of actual control": ("line of actual control", "lac"), "lac": ("line of actual control", "lac"),
    "blue line": ("blue line",), "green line": ("green line",), "ceasefire line": ("ceasefire", "cease fire"),
    "armistice line": ("armistice",), "demarcation line": ("demarcation",),
}


@dataclass(frozen=True)
class UserLines:
    """The named lines of a user file: ``path`` (as given), feature ``names`` and their (lon/lat) geometries."""

    path: str
    names: tuple[str, ...]
    geometries: tuple[Any, ...]

    def find(self, said: str) -> int | None:
        """Index of the feature a report's words mean ("the front line", "the Litani", "the LoC"), or None."""
        w = _norm(said)
        names = [_norm(n) for n in self.names]
        for i, n in enumerate(names):  # the feature's own name said ("Litani" for "Litani River")
            if w and (w == n or re.search(rf"\b{re.escape(w)}\b", n) or re.search(rf"\b{re.escape(n)}\b", w)):
                return i
        for hint in LINE_ALIASES.get(w, ()):
            for i, n in enumerate(names):
                if re.search(rf"\b{re.escape(hint)}\b", n):
                    return i
        if w in LINE_ALIASES and LINE_ALIASES[w][0] in ("front", "contact") and len(names) == 1:
            return 0  # a file with one line is the front line when the report says "the front line"
        return None


@dataclass(frozen=True)
class LineDistance:
    """Geodesic distance ``km`` from ``origin`` (lon, lat) to the line ``name`` of file ``path``; ``nearest`` is
    the nearest point of the line (lon, lat) and ``bearing_deg`` the azimuth from the origin to it."""

    origin: tuple[float, float]
    name: str
    path: str
    km: float
    nearest: tuple[float, float]
    bearing_deg: float


def _norm(s: str) -> str:
    """Lower case, punctuation to spaces, without a leading "the" and a trailing "river"."""
    toks = re.sub(r"[^\w\s]", " ", s.casefold()).split()
    if toks[:1] == ["the"]:
        toks = toks[1:]
    if len(toks) > 1 and toks[-1] == "river":
        toks = toks[:-1]
    return " ".join(toks)


@functools.lru_cache(maxsize=8)
def read_lines(path: str) -> UserLines:
    """Read the line features of ``path``; InputError naming the file and what would work."""
    import geopandas as gpd

    p = Path(path)
    if not p.exists():
        raise InputError(f"lines file {path!r} does not exist; pass a GeoJSON, GPKG or shapefile of named lines")
    try:
        df = gpd.read_file(p)
    except Exception as exc:  # noqa: BLE001 - any reader failure is a bad input file
        raise InputError(f"lines file {path!r} could not be read ({type(exc).__name__}); pass a GeoJSON, GPKG or "
                         "shapefile of named lines") from None
    col = next((c for c in NAME_COLUMNS if c in df.columns), None)
    if col is None:
        raise InputError(f"lines file {path!r} has no name column; give its features a 'name' property")
    if df.crs is not None and df.crs.to_epsg() != 4326:
        df = df.to_crs(4326)
    keep = df[df.geometry.notna() & df.geometry.geom_type.isin(["LineString", "MultiLineString"])]
    if keep.empty:
        raise InputError(f"lines file {path!r} has no LineString features; front lines and rivers are lines")
    return UserLines(str(path), tuple(str(n) for n in keep[col]), tuple(keep.geometry))


def distance_to_line(where: Any, lines: UserLines, said: str) -> LineDistance:
    """Geodesic km from a point or place (Point(lon, lat), candidate, id or name) to the line of ``lines`` that
    ``said`` means; InputError when the file has no such line."""
    from geomap.geo.borders import nearest_on_segments, segments_of
    from geomap.geo.entities import locate
    from geomap.geo.geodesy import GEOD

    i = lines.find(said)
    if i is None:
        raise InputError(f"no line for {said!r} in {lines.path} (its lines: {', '.join(lines.names)})")
    p = locate(where)
    d, xlon, xlat = nearest_on_segments(p.lon, p.lat, segments_of(lines.geometries[i]))
    az, _, _ = GEOD.inv(p.lon, p.lat, xlon, xlat)
    return LineDistance((p.lon, p.lat), lines.names[i], lines.path, d / 1000.0, (xlon, xlat), float(az) % 360.0)
