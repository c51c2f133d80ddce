"""Read the pack's geometry layers as GeoDataFrames (EPSG:4326), verified against the manifest's checksums.

Each layer is read once per process and cached; callers must not mutate the returned frames (copy first).
The admin-1 layer (4,581 regions, 1.27 M vertices: ~175 MB once built as shapely objects) is also read in parts:
its attributes without polygons (:func:`admin1_table`), and the polygons of given countries or ids only
(:func:`admin1_of`, :func:`admin1_geometry`), which read just the parquet row groups holding them (the file is
sorted by country in row groups of 64 regions, so the row-group statistics skip the rest).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd

from gazetteer.packfiles import check_files, pack_dir, read_manifest
from geomap.errors import PackMissingError


def _release_arrow_memory() -> None:
    """Hand the Arrow buffers freed while a layer was built back to the system: pyarrow's allocator keeps them for
    reuse (~35 MB after the countries layer), which a worker that reads each layer once never needs, and which
    count in its peak RSS."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


def _released(frame):
    """``frame``, after :func:`_release_arrow_memory`."""
    _release_arrow_memory()
    return frame


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
    return _released(gpd.read_parquet(Path(pack_dir(data_dir)) / f"{name}.parquet"))


def countries(data_dir: str | None = None) -> gpd.GeoDataFrame:
    """Country polygons: code (ISO2 or NE ADM0_A3), iso2, iso3, name, alt_names, lat, lon, area_km2, geometry."""
    return _layer("countries", data_dir)


def admin1(data_dir: str | None = None) -> gpd.GeoDataFrame:
    """Admin-1 region polygons: id (``admin1:UA.21``), code, iso_3166_2, country, name, alt_names, type, lat, lon,
    display_name (current English name for maps: "Kharkiv Oblast", "Kyiv")."""
    return _layer("admin1", data_dir)


ADMIN1_ATTRIBUTES = ("id", "code", "ne_code", "iso_3166_2", "country", "name", "alt_names", "type", "geonameid",
                     "lon", "lat", "area_km2", "display_name")


def _admin1_path(data_dir: str | None) -> Path:
    """The verified admin-1 file (size and SHA-256 against the manifest, as :func:`admin1`)."""
    check_files(manifest(data_dir), ["admin1.parquet"], full=True, data_dir=data_dir, stamps=True)
    return Path(pack_dir(data_dir)) / "admin1.parquet"


def admin1_table(data_dir: str | None = None):
    """The admin-1 regions' attributes without their polygons (a pandas DataFrame of :data:`ADMIN1_ATTRIBUTES`, in
    the file's order): what names, ids, label points (lon/lat, degrees) and display names need. Read once."""
    return _admin1_table(data_dir)


@functools.cache
def _admin1_table(data_dir: str | None):
    import pyarrow.parquet as pq

    return _released(pq.read_table(_admin1_path(data_dir), columns=list(ADMIN1_ATTRIBUTES)).to_pandas())


def admin1_of(countries: Iterable[str], data_dir: str | None = None) -> gpd.GeoDataFrame:
    """Admin-1 regions (the columns of :func:`admin1`, in the file's order) of the given country codes only, read
    from the row groups that hold them; not cached (the caller keeps what it needs)."""
    return _admin1_where(("country", sorted({str(c) for c in countries})), data_dir)


def admin1_geometries(ids: Iterable[str], data_dir: str | None = None) -> dict[str, object]:
    """Polygons (lon/lat) of the admin-1 regions ``ids`` that the pack has, id → geometry. The first time a
    country's region is asked for, all that country's polygons are read (one pass over its row groups: ~15 ms) and
    kept for the process, so a worker reads each country once, not each region."""
    store = _admin1_polygons(data_dir)
    want = {str(i) for i in ids}
    missing = want - store.keys()
    if missing:
        t = admin1_table(data_dir)
        countries = sorted(set(t.loc[t["id"].isin(missing), "country"].astype(str)))
        if countries:
            import pyarrow.parquet as pq
            import shapely

            part = pq.read_table(_admin1_path(data_dir), columns=["id", "geometry"],
                                 filters=[("country", "in", countries)])
            geoms = shapely.from_wkb(part.column("geometry").to_numpy(zero_copy_only=False))
            for i, g in zip(part.column("id").to_pylist(), geoms, strict=True):
                store.setdefault(str(i), g)  # the first row of an id, as :func:`admin1` readers take it
            del part
            _release_arrow_memory()
        store.update((i, None) for i in missing if i not in store)  # not in the pack: asked once
    return {i: store[i] for i in want if store[i] is not None}


def admin1_geometry(rid: str, data_dir: str | None = None):
    """The polygon (lon/lat) of admin-1 region ``rid``, or None when the pack has no such id (see
    :func:`admin1_geometries`)."""
    return admin1_geometries([rid], data_dir).get(rid)


@functools.cache
def _admin1_polygons(data_dir: str | None) -> dict[str, object]:
    """The admin-1 polygons read so far in this process, by id (None: not in the pack)."""
    return {}


def _admin1_where(column_values: tuple[str, list[str]], data_dir: str | None) -> gpd.GeoDataFrame:
    """The admin-1 rows whose ``column`` is one of ``values``, read with a parquet filter (row groups whose
    statistics exclude them are not read)."""
    column, values = column_values
    return _released(gpd.read_parquet(_admin1_path(data_dir), filters=[(column, "in", values or [""])]))


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


def border_pairs(data_dir: str | None = None) -> tuple[tuple[str, str], ...]:
    """The (a, b) country-code pairs of the shared land borders (a < b), without their lines: what neighbour
    look-ups need. Read once."""
    return _border_pairs(data_dir)


@functools.cache
def _border_pairs(data_dir: str | None) -> tuple[tuple[str, str], ...]:
    import pyarrow.parquet as pq

    check_files(manifest(data_dir), ["borders.parquet"], full=True, data_dir=data_dir, stamps=True)
    t = pq.read_table(Path(pack_dir(data_dir)) / "borders.parquet", columns=["a", "b"]).to_pydict()
    return tuple(zip(map(str, t["a"]), map(str, t["b"]), strict=True))


def web_dir(data_dir: str | None = None) -> Path:
    """Folder of the pack's offline web assets (Leaflet and plugins)."""
    manifest(data_dir)
    return Path(pack_dir(data_dir)) / "web"


def attribution(data_dir: str | None = None) -> list[str]:
    """Attribution strings every map must show (GeoNames CC BY 4.0, Natural Earth, Leaflet...)."""
    return list(manifest(data_dir)["attribution"])
