"""Write analysis layers to files: one RFC 7946 GeoJSON per non-empty layer and one GeoPackage with all layers.

GeoJSON: lon/lat order, coordinates rounded to 6 decimals (~0.1 m), polygons oriented by the right-hand rule
(exterior rings counter-clockwise, holes clockwise), no ``crs`` member, properties in a fixed order (the layer
contract's order, then any extra columns alphabetically), one feature per line. Same input → byte-identical files.
GeoPackage: every layer (empty ones too) in ``layers.gpkg``; lists/dicts are stored as JSON text; GDAL's
timestamps are pinned (OGR_CURRENT_DATE) so reruns give identical content. All writes are atomic
(:func:`gazetteer.fsio.atomic_path`: temp file in the target folder, fsync, ``os.replace``).
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from gazetteer.fsio import atomic_open, atomic_path, atomic_write_bytes

__all__ = ["atomic_write_bytes", "export_layers", "write_geojson", "write_gpkg", "feature_collection",
           "dumps_feature_collection", "json_chunks", "round_floats", "rfc7946_geometry", "property_order",
           "CONTRACT_COLUMNS", "LAYER_KEYS"]

PRECISION = 6
PROVENANCE = ["claim_id", "sentence", "span_start", "span_end", "source"]
# layers.md column order per layer key (provenance last)
CONTRACT_COLUMNS: dict[str, list[str]] = {
    "places": ["id", "name", "kind", "country", "admin1", "role", "mentions", "n_mentions", *PROVENANCE],
    "regions": ["id", "name", "kind", "country", "role", "mentions", "n_mentions", "area_km2", *PROVENANCE],
    "borders": ["a", "b", "name", "length_km", "claim_id", "claim_ids"],
    "distances": ["kind", "label", "stated_km", "stated_high_km", "measured_km", "verdict", "reason", "qualifier",
                  "from_name", "to_name", "direction", *PROVENANCE],
    "zones": ["kind", "zone_type", "label", "stated_km", "area_km2", "inside", "along", "region", "verdict",
              *PROVENANCE],
}
LAYER_KEYS = ["places", "regions", "borders", "distances", "zones"]
# fixed timestamp GDAL writes into GeoPackage metadata (gpkg_contents.last_change) so reruns are identical
GPKG_DATE = "2000-01-01T00:00:00.000Z"


def _clean(v: Any) -> Any:
    """JSON-ready Python value: numpy scalars → Python, NaN/inf/NaT → None, arrays → lists."""
    if v is None:
        return None
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float):
        return None if math.isnan(v) or math.isinf(v) else v
    if isinstance(v, (list, tuple, np.ndarray)):
        return [_clean(x) for x in v]
    if isinstance(v, Mapping):
        return {str(k): _clean(x) for k, x in v.items()}
    if isinstance(v, (str, int, bool)):
        return v
    try:
        import pandas as pd

        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return str(v)


def property_order(key: str, columns: list[str]) -> list[str]:
    """Deterministic property order for layer ``key``: contract columns first, then the rest sorted."""
    known = [c for c in CONTRACT_COLUMNS.get(key, []) if c in columns]
    return known + sorted(c for c in columns if c not in known)


def rfc7946_geometry(geom: Any, precision: int = PRECISION) -> dict | None:
    """GeoJSON geometry dict (lon/lat) with exterior rings CCW and coordinates rounded to ``precision`` decimals."""
    if geom is None or shapely.is_empty(geom):
        return None
    g = shapely.orient_polygons(geom, exterior_cw=False)
    g = shapely.transform(g, lambda a: np.round(a, precision))
    gj = json.loads(shapely.to_geojson(g))
    return gj


def _parts(gdf: Any, key: str, extra: Mapping[str, list] | None) -> Iterator[tuple[dict, Any]]:
    """(properties, lon/lat geometry) of each row of a layer (reprojected to EPSG:4326 if in another CRS)."""
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    cols = property_order(key, [c for c in gdf.columns if c != gdf.geometry.name])
    geoms = list(gdf.geometry.values)
    columns = [_clean_column(gdf[c]) for c in cols]
    for i, geom in enumerate(geoms):
        props = {c: col[i] for c, col in zip(cols, columns, strict=True)}
        if extra:
            for k, vals in extra.items():
                props[k] = vals[i]
        yield props, geom


def _clean_column(s: Any) -> list:
    """:func:`_clean` of each value of a column, numpy numbers a column at a time (a corpus layer has ~10^6)."""
    vals = s.tolist()
    kind = s.dtype.kind if isinstance(s.dtype, np.dtype) else "O"
    if kind == "f":
        return [None if v != v or v in (math.inf, -math.inf) else v for v in vals]
    if kind in "iub":
        return vals
    return [v if type(v) is str or v is None else _clean(v) for v in vals]


def features(gdf: Any, key: str = "", precision: int = PRECISION,
             extra: Mapping[str, list] | None = None) -> Iterator[dict]:
    """The RFC 7946 Feature dicts of a GeoDataFrame, one at a time (reprojected to EPSG:4326 if in another CRS).

    ``extra`` adds per-feature properties (one list entry per row), placed after the layer's own columns.
    """
    for props, geom in _parts(gdf, key, extra):
        yield {"type": "Feature", "properties": props, "geometry": rfc7946_geometry(geom, precision)}


def feature_collection(gdf: Any, key: str = "", precision: int = PRECISION,
                       extra: Mapping[str, list] | None = None) -> dict:
    """RFC 7946 FeatureCollection dict of a GeoDataFrame in EPSG:4326 (see :func:`features`)."""
    return {"type": "FeatureCollection", "features": list(features(gdf, key, precision, extra))}


def _compact(o: Any) -> str:
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def feature_lines(feats: Iterator[dict] | list[dict]) -> list[str]:
    """Each Feature as compact JSON text (UTF-8, no NaN), made one at a time: a large layer never exists as one
    tree of dicts and lists."""
    return [_compact(f) for f in feats]


def layer_lines(gdf: Any, key: str = "", precision: int = PRECISION,
                extra: Mapping[str, list] | None = None) -> list[str]:
    """``feature_lines(features(gdf, key, precision, extra))``, with each distinct geometry serialised once (a
    corpus repeats one band or zone across every row that states it)."""
    by_shape: dict[int, str] = {}  # id of a shape (the frame holds them all while this runs) → its text
    by_wkb: dict[bytes, str] = {}  # the same shape as another object
    out = []
    for props, geom in _parts(gdf, key, extra):
        text = by_shape.get(id(geom))
        if text is None:
            wkb = shapely.to_wkb(geom) if geom is not None else b""
            text = by_wkb.get(wkb)
            if text is None:
                text = by_wkb[wkb] = _compact(rfc7946_geometry(geom, precision))
            by_shape[id(geom)] = text
        out.append('{"type":"Feature","properties":' + _compact(props) + ',"geometry":' + text + "}")
    return out


def dumps_feature_collection(fc: dict, lines: list[str] | None = None) -> str:
    """Serialise a FeatureCollection deterministically: UTF-8 text, one feature per line, trailing newline.

    A ``"geomap"`` member (provenance: a foreign member, RFC 7946 §6.1) is written between type and features.
    ``lines``: the features already as text (:func:`feature_lines`), instead of ``fc["features"]``.
    """
    return "".join(feature_collection_chunks(fc, lines))


def feature_collection_chunks(fc: dict, lines: list[str] | None = None) -> Iterator[str]:
    """:func:`dumps_feature_collection` in pieces (the head, then one feature per piece), for writing a large
    layer without joining it into one string."""
    head = '{"type":"FeatureCollection",'
    if fc.get("geomap") is not None:
        head += '"geomap":' + json.dumps(fc["geomap"], ensure_ascii=False, separators=(",", ":"), sort_keys=True) + ","
    if lines is None:
        lines = feature_lines(fc.get("features", []))
    if not lines:
        yield head + '"features":[]}\n'
        return
    yield head + '"features":[\n'
    last = len(lines) - 1
    for i, line in enumerate(lines):
        yield line + (",\n" if i < last else "\n]}\n")


def write_geojson(gdf: Any, path: str | os.PathLike, key: str = "", provenance: Mapping[str, Any] | None = None
                  ) -> Path:
    """Write one layer as an RFC 7946 GeoJSON file (atomic). ``key`` selects the layer's property order;
    ``provenance`` goes into a top-level ``"geomap"`` member. Written a feature at a time."""
    head = {"geomap": dict(provenance)} if provenance else {}
    with atomic_open(path, "wb") as f:
        for piece in feature_collection_chunks(head, layer_lines(gdf, key)):
            f.write(piece.encode("utf-8"))
    return Path(path)


def json_chunks(doc: Mapping[str, Any], streamed: Mapping[str, Any]) -> Iterator[str]:
    """The text of ``json.dumps({**doc, **streamed}, sort_keys=True, indent=2, ensure_ascii=False)`` in pieces,
    with each value of ``streamed`` an iterable of list items dumped one at a time (a 100 MB claims.json is
    never held in memory). Floats are rounded to 3 decimals as claims.json wants."""
    keys = sorted({*doc, *streamed})
    yield "{"
    for i, k in enumerate(keys):
        yield ("," if i else "") + "\n  " + json.dumps(k, ensure_ascii=False) + ": "
        if k in streamed:
            first = True
            for item in streamed[k]:
                text = json.dumps(round_floats(item), ensure_ascii=False, sort_keys=True, indent=2)
                yield ("[\n    " if first else ",\n    ") + text.replace("\n", "\n    ")
                first = False
            yield "[]" if first else "\n  ]"
        else:
            yield json.dumps(round_floats(doc[k]), ensure_ascii=False, sort_keys=True, indent=2).replace("\n", "\n  ")
    yield "\n}\n" if keys else "}\n"


def round_floats(o: Any) -> Any:
    """A copy of ``o`` (dicts, lists) with every float rounded to 3 decimals."""
    if isinstance(o, float):
        return round(o, 3)
    if isinstance(o, dict):
        return {k: round_floats(v) for k, v in o.items()}
    if isinstance(o, list | tuple):
        return [round_floats(v) for v in o]
    return o


def _gpkg_frame(gdf: Any, key: str) -> Any:
    """Copy of a layer ready for OGR: fixed column order, lists/dicts as JSON text, oriented geometry."""
    cols = property_order(key, [c for c in gdf.columns if c != gdf.geometry.name])
    out = gdf[cols].copy()
    for c in cols:
        if out[c].dtype == object:
            out[c] = [json.dumps(_clean(v), ensure_ascii=False, sort_keys=True)
                      if isinstance(v, (list, tuple, dict, np.ndarray)) else _clean(v) for v in out[c]]
    import geopandas as gpd

    geom = shapely.orient_polygons(np.asarray(gdf.geometry.values, dtype=object), exterior_cw=False)
    return gpd.GeoDataFrame(out, geometry=list(geom), crs=gdf.crs or "EPSG:4326")


def write_gpkg(layers: Mapping[str, Any], path: str | os.PathLike, provenance: Mapping[str, Any] | None = None
               ) -> Path:
    """Write every layer (empty ones included) into one GeoPackage (atomic, timestamps pinned); ``provenance``
    becomes dataset metadata (``GEOMAP_<KEY>`` items, values as text)."""
    import pyogrio

    # pinned timestamps for identical reruns; no per-transaction fsync (the file is a temp file until os.replace,
    # which fsyncs it once, so durability of intermediate states does not matter — this makes the write ~5× faster)
    settings = {"OGR_CURRENT_DATE": GPKG_DATE, "OGR_SQLITE_SYNCHRONOUS": "OFF"}
    old = {k: pyogrio.get_gdal_config_option(k) for k in settings}
    pyogrio.set_gdal_config_options(settings)
    try:
        with atomic_path(path, suffix=".gpkg") as tmp:
            tmp.unlink()  # GDAL creates the file itself
            try:
                for i, key in enumerate(_ordered_keys(layers)):
                    frame = _gpkg_frame(layers[key], key)
                    kw: dict[str, Any] = {}
                    if len(frame) == 0:
                        kw["geometry_type"] = "Unknown"
                    if i == 0 and provenance:
                        kw["dataset_metadata"] = {f"GEOMAP_{k.upper()}": "" if v is None else str(v)
                                                  for k, v in sorted(provenance.items())}
                    pyogrio.write_dataframe(frame, tmp, layer=key, driver="GPKG", append=tmp.exists(), **kw)
                add_layer_styles(tmp, list(_ordered_keys(layers)))
            finally:
                for side in ("-journal", "-wal", "-shm"):  # SQLite side files of an interrupted write
                    Path(f"{tmp}{side}").unlink(missing_ok=True)
    finally:
        pyogrio.set_gdal_config_options(old)
    return Path(path)


LAYER_STYLES_SQL = (
    "CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), "
    "f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), "
    "styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30), "
    "update_time DATETIME)")


def add_layer_styles(gpkg: str | os.PathLike, keys: list[str]) -> None:
    """Add QGIS's ``layer_styles`` table to a GeoPackage: the default QML style of each layer (verdict colours,
    dashed unasserted claims; :mod:`geomap.render.qgis`), registered in gpkg_contents as an attributes table the way
    QGIS writes it; timestamps pinned (``GPKG_DATE``) so reruns are identical."""
    import sqlite3

    from geomap.render.qgis import layer_qml

    con = sqlite3.connect(str(gpkg))
    try:
        geom_col = dict(con.execute("SELECT table_name, column_name FROM gpkg_geometry_columns"))
        con.execute(LAYER_STYLES_SQL)
        for key in keys:
            qml = layer_qml(key)
            if qml is None or key not in geom_col:
                continue
            con.execute("INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
                        "styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) "
                        "VALUES ('', '', ?, ?, ?, ?, '', 1, 'geomap default style', '', NULL, ?)",
                        (key, geom_col[key], key, qml, GPKG_DATE))
        con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) "
                    "VALUES ('layer_styles', 'attributes', 'layer_styles', '', ?)", (GPKG_DATE,))
        con.commit()
    finally:
        con.close()


def _ordered_keys(layers: Mapping[str, Any]) -> list[str]:
    return [k for k in LAYER_KEYS if k in layers] + sorted(k for k in layers if k not in LAYER_KEYS)


def export_layers(layers: Mapping[str, Any], meta: Mapping[str, Any] | None, out_dir: str | os.PathLike
                  ) -> dict[str, Path]:
    """Write ``out_dir/layers/<key>.geojson`` for each non-empty layer and ``out_dir/layers.gpkg`` with all layers.

    Returns {layer key: GeoJSON path, ..., "gpkg": GeoPackage path}. A stale GeoJSON of a layer that is now empty is
    removed. ``meta["provenance"]`` (see :func:`geomap.io.provenance`), when given, is written into every file:
    a top-level ``"geomap"`` member of each GeoJSON, dataset metadata of the GeoPackage.
    """
    prov = (meta or {}).get("provenance")
    out = Path(out_dir)
    ldir = out / "layers"
    ldir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for key in _ordered_keys(layers):
        gdf = layers[key]
        target = ldir / f"{key}.geojson"
        if len(gdf) == 0:
            target.unlink(missing_ok=True)
            continue
        written[key] = write_geojson(gdf, target, key, prov)
    if layers:
        written["gpkg"] = write_gpkg(layers, out / "layers.gpkg", prov)
    return written
