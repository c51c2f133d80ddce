"""What a corpus run writes into its folder: events.parquet (GeoParquet), events.geojson, errors.jsonl, summary.md
and the time-slider map.html."""

from __future__ import annotations

import json
from pathlib import Path

ROW_COLUMNS = [
    "event_id", "source_id", "url", "event_date", "date_precision", "row_type", "location", "location_id",
    "admin1", "country", "lat", "lon", "geo_precision", "role", "claim_id", "claim_kind", "claim_key", "n_sources",
    "stated_km", "stated_high_km", "measured_km", "verdict", "qualifier", "reason", "sentence", "span_start",
    "span_end", "label",
]


def events_frame(rows: list[dict]):
    """Rows → GeoDataFrame (EPSG:4326) in a deterministic order with n_sources per claim_key."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    df = pd.DataFrame(rows, columns=[*ROW_COLUMNS, "geometry"])
    if len(df):
        claims = df[df.row_type == "claim"]
        n = claims.groupby("claim_key").source_id.nunique()
        df["n_sources"] = df.claim_key.map(n).astype("Int64")
        df = df.sort_values(["source_id", "row_type", "span_start", "span_end", "event_id"], kind="mergesort")
    geoms = shapely.from_wkb(df.pop("geometry").to_numpy()) if len(df) else []
    gdf = gpd.GeoDataFrame(df.reset_index(drop=True), geometry=list(geoms), crs="EPSG:4326")
    for c in ("span_start", "span_end", "geo_precision"):
        gdf[c] = gdf[c].astype("Int64")
    for c in ("lat", "lon", "stated_km", "stated_high_km", "measured_km"):
        gdf[c] = pd.to_numeric(gdf[c], errors="coerce").astype("float64")
    return gdf


def write_outputs(rows: list[dict], errors: list[dict], out: Path, *, n_docs: int, write_map: bool = True
                  ) -> dict[str, Path]:
    """Write events.parquet, events.geojson, errors.jsonl, summary.md and (optionally) map.html into ``out``."""
    from geomap.export import write_geojson
    from geomap.io import atomic_path, atomic_write_bytes, provenance
    from geomap.report import summary_markdown

    gdf = events_frame(rows)
    paths: dict[str, Path] = {}
    parquet = out / "events.parquet"
    with atomic_path(parquet) as tmp:
        gdf.to_parquet(tmp, index=False, compression="zstd")
    paths["parquet"] = parquet
    paths["geojson"] = write_geojson(gdf, out / "events.geojson", provenance=provenance())
    paths["errors"] = atomic_write_bytes(out / "errors.jsonl", "".join(
        json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in errors).encode("utf-8"))
    paths["summary"] = atomic_write_bytes(out / "summary.md", summary_markdown(gdf, errors, n_docs).encode("utf-8"))
    if write_map:
        from geomap.render.timeline import events_map

        m = events_map(gdf)
        html = m.get_root().render()  # offline: Leaflet, plugins and data inline
        paths["map"] = atomic_write_bytes(out / "map.html", html.encode("utf-8"))
    return paths
