"""Point operations: geodesic distance and bearing, geodesic circles (zones) and offsets ("50 km north-west of")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geomap.errors import InputError
from geomap.geo.entities import Located, locate
from geomap.geo.geodesy import GEOD, check_km, geodesic_area_km2, geographic_ring_polygon, parse_bearing

__all__ = ["Distance", "Zone", "Offset", "distance", "zone", "zone_polygon", "offset", "MAX_ZONE_KM"]

MAX_ZONE_KM = 5000.0
MAX_OFFSET_KM = 10000.0


@dataclass(frozen=True)
class Distance:
    """Geodesic distance ``km`` from ``origin`` to ``target``; ``bearing_deg`` is the forward azimuth at the origin
    and ``back_bearing_deg`` the azimuth from the target back to the origin (degrees clockwise from north)."""

    origin: Located
    target: Located
    km: float
    bearing_deg: float
    back_bearing_deg: float


@dataclass(frozen=True)
class Zone:
    """A geodesic circle of radius ``km`` around ``center``: ``geometry`` (lon/lat, RFC 7946 oriented; a
    MultiPolygon when cut at the antimeridian) and its geodesic ``area_km2``."""

    center: Located
    km: float
    geometry: BaseGeometry
    area_km2: float

    def to_gdf(self):
        """A one-row GeoDataFrame (EPSG:4326): id, name, lat, lon of the centre, km, area_km2."""
        import geopandas as gpd

        props = {**self.center.as_dict(), "km": self.km, "area_km2": round(self.area_km2, 3)}
        return gpd.GeoDataFrame([props], geometry=[self.geometry], crs="EPSG:4326")

    def _repr_html_(self) -> str:
        """Notebook view: a summary table and an inline offline map (the renderer is imported only here)."""
        from geomap.render.notebook import result_html

        return result_html(self)


@dataclass(frozen=True)
class Offset:
    """The point ``km`` along ``bearing_deg`` from ``origin``; ``uncertainty`` is a zone of ``uncertainty_km``
    around it (None when the radius is 0)."""

    origin: Located
    point: Point
    bearing_deg: float
    km: float
    uncertainty_km: float
    uncertainty: BaseGeometry | None
    uncertainty_area_km2: float

    @property
    def lon(self) -> float:
        """Longitude of the point, degrees."""
        return float(self.point.x)

    @property
    def lat(self) -> float:
        """Latitude of the point, degrees."""
        return float(self.point.y)

    def _repr_html_(self) -> str:
        """Notebook view: a summary table and an inline offline map (the renderer is imported only here)."""
        from geomap.render.notebook import result_html

        return result_html(self)


def distance(p: Any, q: Any) -> Distance:
    """Geodesic (Karney, WGS84) distance in km and forward bearing in degrees from p to q (points, candidates,
    ids or names; shapely points are Point(lon, lat))."""
    a, b = locate(p), locate(q)
    az, baz, d = GEOD.inv(a.lon, a.lat, b.lon, b.lat)
    return Distance(a, b, d / 1000.0, float(az) % 360.0, float(baz) % 360.0)


def zone_polygon(lon: float, lat: float, km: float, n: int = 256) -> BaseGeometry:
    """Geodesic circle polygon of radius ``km`` about (lon, lat) with ``n`` vertices, each exactly ``km`` away;
    valid around poles and across the antimeridian (then a MultiPolygon)."""
    if n < 16:
        raise InputError("a zone needs at least 16 vertices")
    # azimuths 0, then decreasing (north, west, south, east): the ring is counter-clockwise as built (RFC 7946)
    az = (360.0 - np.linspace(0.0, 360.0, n, endpoint=False)) % 360.0
    lons, lats, _ = GEOD.fwd(np.full(n, lon), np.full(n, lat), az, np.full(n, km * 1000.0))
    lons = np.append(lons, lons[0])
    lats = np.append(lats, lats[0])
    return geographic_ring_polygon(lons, lats)


def zone(center: Any, km: float, n: int = 256) -> Zone:
    """A geodesic circle of radius ``km`` (0 < km ≤ 5000) around ``center`` (Point(lon, lat), candidate, id or
    name), with ``n`` ≥ 16 vertices (default 256) and its geodesic area in km²."""
    c = locate(center)
    km = check_km(km, what="zone radius", max_km=MAX_ZONE_KM)
    geom = zone_polygon(c.lon, c.lat, km, n)
    return Zone(c, km, geom, geodesic_area_km2(geom))


def offset(origin: Any, km: float, direction: float | str, uncertainty_km: float = 0.0, n: int = 128) -> Offset:
    """The point ``km`` (0 < km ≤ 10000) from ``origin`` along ``direction`` — a bearing in degrees or a compass
    word ("north-west", "NW", "north-northeast") — with an uncertainty circle of ``uncertainty_km`` (≥ 0, e.g.
    from hedging such as "about")."""
    o = locate(origin)
    km = check_km(km, what="offset distance", max_km=MAX_OFFSET_KM)
    bearing = parse_bearing(direction)
    unc = check_km(uncertainty_km, what="uncertainty radius", max_km=MAX_ZONE_KM, allow_zero=True)
    lon, lat, _ = GEOD.fwd(o.lon, o.lat, bearing, km * 1000.0)
    lon = ((float(lon) + 180.0) % 360.0) - 180.0
    poly = zone_polygon(lon, float(lat), unc, n) if unc > 0 else None
    area = geodesic_area_km2(poly) if poly is not None else 0.0
    return Offset(o, Point(lon, float(lat)), bearing, km, unc, poly, area)
