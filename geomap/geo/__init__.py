"""Geodesic geometry: border distances, buffer bands, zones and offsets (km in and out, lon/lat in EPSG:4326).

Shapely points are Point(x=lon, y=lat). Distances are Karney geodesics on WGS84 (pyproj.Geod); nothing is buffered
or measured in degrees.
"""

from geomap.geo.bands import Band, band, buffer_line
from geomap.geo.borders import Border, BorderDistance, border_between, distance_to_border, distances_to_border
from geomap.geo.entities import Country, Located, Region, country, locate, region
from geomap.geo.geodesy import geodesic_area_km2, parse_bearing
from geomap.geo.points import Distance, Offset, Zone, distance, offset, zone, zone_polygon

__all__ = [
    "Band",
    "Border",
    "BorderDistance",
    "Country",
    "Distance",
    "Located",
    "Offset",
    "Region",
    "Zone",
    "band",
    "border_between",
    "buffer_line",
    "country",
    "distance",
    "distance_to_border",
    "distances_to_border",
    "geodesic_area_km2",
    "locate",
    "offset",
    "parse_bearing",
    "region",
    "zone",
    "zone_polygon",
]
