"""Write geo results as RFC 7946 GeoJSON (lon/lat, ≤ 6 decimals, right-hand rule, no "crs"), atomically."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from shapely.geometry.base import BaseGeometry


def write_features(path: str | os.PathLike, features: list[tuple[BaseGeometry, dict[str, Any]]]) -> Path:
    """Write (geometry, properties) pairs as a FeatureCollection to ``path`` via a temp file and os.replace."""
    import shapely

    from geomap.export import dumps_feature_collection, rfc7946_geometry
    from geomap.io import atomic_write_bytes

    # snap to the 6-decimal grid first so rounding cannot make a polygon invalid
    features = [(shapely.set_precision(g, 1e-6), p) for g, p in features]
    fc = {"type": "FeatureCollection",
          "features": [{"type": "Feature", "properties": props, "geometry": rfc7946_geometry(geom)}
                       for geom, props in features]}
    return atomic_write_bytes(path, dumps_feature_collection(fc).encode("utf-8"))
