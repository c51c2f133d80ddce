"""Representative points of countries and regions: the centroid of the main landmass.

The centroid of the largest polygon part, computed in an equal-area projection (Equal Earth), or a point inside that
part when the centroid falls outside it (a crescent-shaped region). This is where a reader expects "Russia" or
"Michigan" to be, unlike a label point or the centroid of all parts (which can lie in the sea).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np

_EQUAL_AREA = "+proj=eqearth +datum=WGS84"


def main_landmass_points(geoms: gpd.GeoSeries) -> tuple[np.ndarray, np.ndarray]:
    """(lon, lat) arrays in degrees, one point per geometry (NaN for empty ones)."""
    ea = geoms.to_crs(_EQUAL_AREA)
    pts = []
    for g in ea:
        if g is None or g.is_empty:
            pts.append(None)
            continue
        main = max(getattr(g, "geoms", [g]), key=lambda p: p.area)
        pt = main.centroid
        pts.append(pt if main.contains(pt) else main.representative_point())
    back = gpd.GeoSeries(pts, crs=_EQUAL_AREA).to_crs(4326)
    lon = np.array([np.nan if p is None or p.is_empty else p.x for p in back])
    lat = np.array([np.nan if p is None or p.is_empty else p.y for p in back])
    return lon, lat
