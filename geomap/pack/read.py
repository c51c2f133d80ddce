"""Read the pack's geometry layers as GeoDataFrames (EPSG:4326), verified against the manifest's checksums.

Each layer is read once per process and cached; callers must not mutate the returned frames (copy first).
"""

from __future__ import annotations

import functools
from pathlib import Path

import geopandas as gpd

from gazetteer.packfiles import check_files, pack_dir, read_manifest
from geomap.errors import PackMissingError


@functools.cache
def manifest(data_dir: str | None = None) -> dict:
    """The manifest of a complete pack (memoised); PackMissingError when the pack is incomplete."""
    m = read_manifest(data_dir)
    if not m.get("complete"):
        raise PackMissingError(f"the pack in {pack_dir(data_dir)} is incomplete; run `geomap data build --force`")
    return m


@functools.cache
def _layer(name: str, data_dir: str | None = None) -> gpd.GeoDataFrame:
    m = manifest(data_dir)
    check_files(m, [f"{name}.parquet"], full=True, data_dir=data_dir, stamps=True)
    return gpd.read_parquet(Path(pack_dir(data_dir)) / f"{name}.parquet")


def countries(data_dir: str | None = None) -> gpd.GeoDataFrame:
    """Country polygons: code (ISO2 or NE ADM0_A3), iso2, iso3, name, alt_names, lat, lon, area_km2, geometry."""
    return _layer("countries", data_dir)


def admin1(data_dir: str | None = None) -> gpd.GeoDataFrame:
    """Admin-1 region polygons: id (``admin1:UA.21``), code, iso_3166_2, country, name, alt_names, type, lat, lon,
    display_name (current English name for maps: "Kharkiv Oblast", "Kyiv")."""
    return _layer("admin1", data_dir)


def continents(data_dir: str | None = None) -> gpd.GeoDataFrame:
    """Continent polygons: id (``continent:EU``), code, name, alt_names, adjectives, members, transcontinental,
    lat, lon (the GeoNames continent point), population, area_km2, geometry (union of the member countries)."""
    return _layer("continents", data_dir)


def world_regions(data_dir: str | None = None) -> gpd.GeoDataFrame:
    """World regions (``gazetteer/data/world_regions.tsv``): id (``region:SAHEL``), code, name, alt_names,
    members, definition, lat, lon, population, area_km2, geometry (union of the members' polygons)."""
    return _layer("world_regions", data_dir)


def places(data_dir: str | None = None, window: tuple[float, float, float, float] | None = None):
    """Populated places for basemap labels: a pandas DataFrame of name, lat, lon (degrees), country, population,
    sorted by population (largest first); only those inside ``window`` (west, south, east, north in degrees) when
    given, filtered while reading (the 230,000 rows are never all built)."""
    import pyarrow.parquet as pq

    m = manifest(data_dir)
    check_files(m, ["places.parquet"], full=False, data_dir=data_dir)
    filters = None
    if window is not None:
        w, s, e, n = window
        filters = [("lon", ">=", w), ("lon", "<=", e), ("lat", ">=", s), ("lat", "<=", n)]
    t = pq.read_table(Path(pack_dir(data_dir)) / "places.parquet",
                      columns=["name", "lat", "lon", "country", "population"], filters=filters)
    return t.to_pandas().sort_values("population", ascending=False, kind="stable").reset_index(drop=True)


def borders(data_dir: str | None = None) -> gpd.GeoDataFrame:
    """Shared land borders: a, b (country codes, a < b), length_km (geodesic), geometry (lines)."""
    return _layer("borders", data_dir)


def web_dir(data_dir: str | None = None) -> Path:
    """Folder of the pack's offline web assets (Leaflet and plugins)."""
    manifest(data_dir)
    return Path(pack_dir(data_dir)) / "web"


def attribution(data_dir: str | None = None) -> list[str]:
    """Attribution strings every map must show (GeoNames CC BY 4.0, Natural Earth, Leaflet...)."""
    return list(manifest(data_dir)["attribution"])
