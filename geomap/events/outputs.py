"""What a corpus run writes into its folder: events.parquet (GeoParquet), geometries.parquet, events.geojson,
errors.jsonl, summary.md and the time-slider map.html.

Each distinct claim geometry (band, zone, measured line) is stored once: rows carry a ``geometry_key`` (a stable
hash of its WKB) into ``geometries.parquet`` (``geometry_key`` + geometry, EPSG:4326), and events.parquet keeps one
point per row (the place point, or the claim's representative point at ``lon``/``lat``). events.geojson keeps each
row's full geometry (RFC 7946).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROW_COLUMNS = [
    "event_id", "source_id", "url", "event_date", "date_precision", "row_type", "location", "location_id",
    "admin1", "country", "lat", "lon", "geo_precision", "role", "claim_id", "claim_kind", "claim_key", "question_key",
    "n_sources",
    "stated_km", "stated_high_km", "measured_km", "verdict", "qualifier", "reason", "sentence", "span_start",
    "span_end", "label", "geometry_key",
]


def geometry_key(wkb: bytes | None) -> str | None:
    """Stable key of one geometry: the first 16 hex digits of the SHA-1 of its WKB (None for no geometry)."""
    return hashlib.sha1(wkb).hexdigest()[:16] if wkb else None


def _geometries(wkbs) -> tuple[list, list[str | None]]:
    """The rows' geometries and ``geometry_key``s from their WKB, each distinct WKB parsed and hashed once (a corpus
    repeats one band across every row that states it; the rows then share one shape object). The key is set for
    shapes that are not points (a point row needs no second table)."""
    import shapely

    first: dict[bytes, int] = {}
    index = [first.setdefault(w, len(first)) if w is not None else -1 for w in wkbs]
    distinct = list(first)
    shapes = shapely.from_wkb(distinct) if distinct else []
    points = shapely.get_type_id(shapes) == 0 if distinct else []
    keys = [None if pt else geometry_key(w) for w, pt in zip(distinct, points, strict=True)]
    return ([shapes[i] if i >= 0 else None for i in index], [keys[i] if i >= 0 else None for i in index])


def events_frame(rows: list[dict]):
    """Rows → GeoDataFrame (EPSG:4326) in a deterministic order with n_sources per claim_key."""
    import geopandas as gpd
    import pandas as pd

    df = pd.DataFrame(rows, columns=[*ROW_COLUMNS, "geometry"])
    if len(df):
        claims = df[df.row_type == "claim"]
        n = claims.groupby("claim_key").source_id.nunique()
        df["n_sources"] = df.claim_key.map(n).astype("Int64")
        df = df.sort_values(["source_id", "row_type", "span_start", "span_end", "event_id"], kind="mergesort")
    geoms, df["geometry_key"] = _geometries(df.pop("geometry").tolist())
    gdf = gpd.GeoDataFrame(df.reset_index(drop=True), geometry=list(geoms), crs="EPSG:4326")
    for c in ("span_start", "span_end", "geo_precision"):
        gdf[c] = gdf[c].astype("Int64")
    for c in ("lat", "lon", "stated_km", "stated_high_km", "measured_km"):
        gdf[c] = pd.to_numeric(gdf[c], errors="coerce").astype("float64")
    return gdf


def split_geometries(gdf):
    """(events with one point per row, distinct geometries): the GeoDataFrames events.parquet and
    geometries.parquet hold. A row's point is its ``lon``/``lat`` (the place, or the claim's representative point)."""
    import geopandas as gpd
    import shapely

    keyed = gdf[gdf.geometry_key.notna()].drop_duplicates("geometry_key")
    geoms = gpd.GeoDataFrame({"geometry_key": keyed.geometry_key.to_numpy()}, geometry=keyed.geometry.to_numpy(),
                             crs="EPSG:4326").sort_values("geometry_key", kind="mergesort").reset_index(drop=True)
    pts = shapely.points(gdf.lon.to_numpy(), gdf.lat.to_numpy())
    pts = [None if p is None or p.is_empty else p for p in pts] if len(gdf) else []
    return gdf.set_geometry(gpd.GeoSeries(pts, index=gdf.index, crs="EPSG:4326")), geoms


def write_outputs(rows: list[dict], errors: list[dict], out: Path, *, n_docs: int, write_map: bool = True
                  ) -> dict[str, Path]:
    """Write events.parquet, geometries.parquet, events.geojson, errors.jsonl, summary.md and (optionally) map.html
    into ``out``."""
    from geomap.export import write_geojson
    from geomap.io import atomic_path, atomic_write_bytes, provenance
    from geomap.report import summary_markdown

    gdf = events_frame(rows)
    paths: dict[str, Path] = {}
    points, geoms = split_geometries(gdf)
    for key, frame in (("parquet", points), ("geometries", geoms)):
        path = out / ("events.parquet" if key == "parquet" else "geometries.parquet")
        with atomic_path(path) as tmp:
            frame.to_parquet(tmp, index=False, compression="zstd")
        paths[key] = path
    paths["geojson"] = write_geojson(gdf, out / "events.geojson", provenance=provenance())
    paths["errors"] = atomic_write_bytes(out / "errors.jsonl", "".join(
        json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in errors).encode("utf-8"))
    paths["summary"] = atomic_write_bytes(out / "summary.md", summary_markdown(gdf, errors, n_docs).encode("utf-8"))
    if write_map:
        from geomap.render import save_map
        from geomap.render.timeline import events_map

        paths["map"] = save_map(events_map(gdf), out / "map.html")  # offline: Leaflet, plugins and data inline
    return paths
