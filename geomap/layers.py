"""Entities and judged claims → GeoDataFrames (EPSG:4326, lon/lat) per the layer contract (report.md: geomap.report).

Keys: places (Point), regions ((Multi)Polygon of admin-1 regions mentioned), borders (lines of the borders the
claims use), distances (LineString subject → nearest border point / reference place), zones (bands, circles).
Every layer has its columns even when empty; every feature carries claim_id, sentence, span_start, span_end,
source.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from geomap.report import report_markdown  # re-export: report.md lives in geomap.report

__all__ = ["build_layers", "report_markdown", "LAYER_COLUMNS"]

_PROV = ["claim_id", "sentence", "span_start", "span_end", "source", "sentence_start"]
LAYER_COLUMNS: dict[str, list[str]] = {
    "places": ["id", "name", "kind", "country", "admin1", "role", "mentions", "n_mentions", *_PROV],
    "regions": ["id", "name", "kind", "country", "role", "mentions", "n_mentions", "area_km2", *_PROV],
    "borders": ["a", "b", "name", "length_km", "claim_ids", *_PROV],
    "distances": ["kind", "label", "stated_km", "stated_high_km", "measured_km", "verdict", "reason", "qualifier",
                  "modality", "from_name", "to_name", "direction", "n_claims", "claim_ids", *_PROV],
    "zones": ["kind", "zone_type", "label", "stated_km", "area_km2", "inside", "along", "region", "verdict",
              "reason", "modality", "n_claims", "claim_ids", *_PROV],
}
# Long articles repeat claims ("Sumy is 30 km from the border" in every update): claims with the same drawn
# geometry and the same label, verdict and modality share one feature (provenance of the first, all ids listed in
# claim_ids). Past MAX_FEATURES distinct features per layer the rest are listed in claims.json and report.md only
# (a map with thousands of overlapping bands is unreadable and tens of MB heavy).
MAX_FEATURES = {"distances": 2000, "zones": 500}


def _gdf(key: str, rows: list[dict], geoms: list[Any]):
    import geopandas as gpd

    cols = LAYER_COLUMNS[key]
    if not rows:
        return gpd.GeoDataFrame({c: [] for c in cols}, geometry=[], crs="EPSG:4326")
    return gpd.GeoDataFrame([{c: r.get(c) for c in cols} for r in rows], geometry=geoms, crs="EPSG:4326")


def _sentence_of(an, start: int) -> tuple[str, int]:
    from geomap.text.sentences import SentenceIndex

    if not hasattr(an, "_sidx"):
        an._sidx = SentenceIndex(an.text)
    s, e = an._sidx.span_of(start)
    return an.text[s:e], s


def _fmt_km(v: float | None) -> str:
    if v is None:
        return "?"
    return f"{v:.1f}" if v < 100 else f"{v:.0f}"


def _stated_label(c: Any) -> str:
    q = c.qualifier or "exact"
    sym = {"exact": "", "about": "~", "nearly": "nearly ", "up to": "≤ ", "within": "≤ ", "less than": "< ",
           "at least": "≥ ", "more than": "> ", "range": ""}.get(q, "")
    st = c.stated.json_value
    if isinstance(st, list):
        return f"{sym}{st[0]:g}–{st[1]:g} km"
    return f"{sym}{st:g} km"


def claim_label(c: Any) -> str:
    """ "27.7 km measured · ~30 km stated · consistent" for a :class:`~geomap.records.JudgedClaim`."""
    if c.measured_km is not None:
        return f"{_fmt_km(round(c.measured_km, 3))} km measured · {_stated_label(c)} stated · {c.verdict}"
    return f"{_stated_label(c)} stated · {c.verdict}"


def build_layers(an) -> dict:  # noqa: C901
    """The five layers of an :class:`~geomap.analysis.Analysis` as GeoDataFrames."""
    from shapely.geometry import Point

    from geomap.pack import read

    source = an.meta["source"]
    # claims referencing each entity: first claim id for provenance
    claim_of: dict[str, str] = {}
    for c in an.claims:
        for v in (c.subject, c.target, c.region):
            if v is not None:
                claim_of.setdefault(v.id, c.id)

    places_rows, places_geoms, reg_rows, reg_geoms = [], [], [], []
    # the polygons of the regions mentioned only, read in one pass (never the whole admin-1 layer)
    region_geoms = read.admin1_geometries(p["id"] for p in an.places if p["kind"] == "admin1")
    for p in an.places:
        first = p["mentions"][0]
        sentence, sstart = _sentence_of(an, first[0])
        row = {"id": p["id"], "name": p["name"], "kind": p["kind"], "country": p["country"],
               "admin1": p.get("admin1"), "role": p["role"], "mentions": json.dumps(p["mentions"]),
               "n_mentions": p["n_mentions"], "claim_id": claim_of.get(p["id"]), "sentence": sentence,
               "span_start": first[0], "span_end": first[1], "source": source, "sentence_start": sstart}
        if p["kind"] == "place":
            places_rows.append(row)
            places_geoms.append(Point(p["lon"], p["lat"]))
        elif p["kind"] == "admin1":
            geom = region_geoms.get(p["id"])
            if geom is None:
                continue
            from geomap.geo import geodesic_area_km2

            row["area_km2"] = round(float(geodesic_area_km2(geom)), 3)
            reg_rows.append(row)
            reg_geoms.append(geom)
        # countries are listed in claims.json but not drawn (their outline is in the basemap)

    b_rows, b_geoms = [], []
    d_rows, d_geoms, z_rows, z_geoms = [], [], [], []
    borders_used: dict[tuple[str, str], list[str]] = {}
    seen: dict[tuple, dict] = {}  # (layer, geometry key, label, verdict, modality) → the feature row
    left_off = {"distances": 0, "zones": 0}
    wkb_of: dict[int, bytes] = {}  # id of a shape → SHA-1 of its WKB (10,000 bands' WKB would be ~150 MB)

    def merged(layer: str, geom, row: dict) -> bool:
        """Whether ``row`` joins an earlier identical feature (then its claim id is added there)."""
        gid = id(geom)
        if gid not in wkb_of:
            wkb_of[gid] = hashlib.sha1(geom.wkb).digest()
        key = (layer, wkb_of[gid], row["label"], row["verdict"], row.get("modality"), row.get("reason"))
        first = seen.get(key)
        if first is not None:
            first["_ids"].append(row["claim_id"])
            return True
        row["_ids"] = [row["claim_id"]]
        seen[key] = row
        return False

    def add(layer: str, rows: list, geoms: list, geom, row: dict) -> None:
        """Add a claim feature unless it merges into an identical one or the layer is full (then count it)."""
        if merged(layer, geom, row):
            return
        if len(rows) < MAX_FEATURES[layer]:
            rows.append(row)
            geoms.append(geom)
        else:
            left_off[layer] += 1

    for c in an.claims:
        prov = {"claim_id": c.id, "sentence": c.sentence, "span_start": c.span[0],
                "span_end": c.span[1], "source": source, "sentence_start": c.sentence_span[0]}
        if c.border:
            borders_used.setdefault(tuple(sorted(c.border)), []).append(c.id)
        st = c.stated.json_value
        lo, hi = (st[0], st[1]) if isinstance(st, list) else (st, None)
        if c.line is not None:
            add("distances", d_rows, d_geoms, c.line, _distance_row(c, lo, hi, prov))
        if c.polygon is not None:
            add("zones", z_rows, z_geoms, c.polygon, _zone_row(c, lo, hi, prov))
    for row in (*d_rows, *z_rows):
        ids = row.pop("_ids")
        row["n_claims"] = len(ids)
        row["claim_ids"] = ",".join(ids)
    if borders_used:
        from geomap.geo import border_between

        for (a, b), ids in sorted(borders_used.items()):
            try:
                br = border_between(a, b)
            except Exception:
                continue
            first = next(c for c in an.claims if c.id == ids[0])
            b_rows.append({"a": a, "b": b, "name": f"{br.a.name}–{br.b.name} border",
                           "length_km": round(float(br.length_km), 3), "claim_ids": ",".join(ids),
                           "claim_id": ids[0], "sentence": first.sentence, "span_start": first.span[0],
                           "span_end": first.span[1], "source": source,
                           "sentence_start": first.sentence_span[0]})
            b_geoms.append(br.geometry)
    an.layers_left_off = left_off
    return {
        "places": _gdf("places", places_rows, places_geoms),
        "regions": _gdf("regions", reg_rows, reg_geoms),
        "borders": _gdf("borders", b_rows, b_geoms),
        "distances": _gdf("distances", d_rows, d_geoms),
        "zones": _gdf("zones", z_rows, z_geoms),
    }


def _distance_row(c: Any, lo: float, hi: float | None, prov: dict) -> dict:
    """The distances-layer row of judged claim ``c``."""
    if c.kind == "distance_between_places":
        to_name = c.target.name if c.target is not None else None
    else:
        to_name = f"{'–'.join(c.countries)} border" if c.countries else "border"
    return {"kind": c.kind, "label": claim_label(c), "stated_km": lo, "stated_high_km": hi,
            "measured_km": _r3(c.measured_km), "verdict": c.verdict, "reason": c.reason,
            "qualifier": c.qualifier, "modality": c.modality,
            "from_name": c.subject.name if c.subject is not None else None, "to_name": to_name,
            "direction": c.direction, **prov}


def _zone_row(c: Any, lo: float, hi: float | None, prov: dict) -> dict:
    """The zones-layer row of judged claim ``c`` (band, circle or an implied location's uncertainty area)."""
    ztype = "band" if c.kind == "buffer_inside_along_border" else "zone"
    zkind = c.kind
    label = f"{_stated_label(c)} {ztype}"
    if c.zone_type == "uncertainty":
        ztype, zkind = "uncertainty", "offset"
        ref = c.target.name if c.target is not None else "the reference"
        # ("≤ 5 km of Tawang": a disc with no direction; "30 km north of Sumy": the uncertainty of an implied point)
        label = f"{_stated_label(c)} {c.direction} of {ref}" if c.direction else f"{_stated_label(c)} of {ref}"
    return {"kind": zkind, "zone_type": ztype, "label": label,
            "stated_km": hi if hi is not None else lo, "area_km2": _r3(c.area_km2),
            "inside": c.inside, "along": c.along, "region": c.region.name if c.region is not None else None,
            "verdict": "drawn" if ztype == "uncertainty" else c.verdict,
            "reason": c.reason, "modality": c.modality, **prov}


def _r3(x):
    return None if x is None else round(float(x), 3)
