"""Hand-made layers following the layer contract (docs/layers.md), built from the pack, for render/export/browser tests.

The article text contains malicious strings so every test that renders it also exercises escaping.
"""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pyproj
import shapely
from shapely.geometry import LineString, Point

MALICIOUS = '<script>alert(1)</script> and " onmouseover="alert(2) and <img src=x onerror="alert(4)"> ${alert(3)} `x`'

SUMY = (34.79906, 50.91741)  # lon, lat

ARTICLE = (
    "Dispatch from Sumy\n"
    "March 3, 2025\n\n"
    "Sumy is about 30 km from the Russian border. "
    "Russian forces advanced up to 12 km inside Ukrainian territory in the Sumy region. "
    f"A witness said {MALICIOUS} near Sumy."
)


def _span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return i, i + len(needle)


def _sentence(text: str, needle: str) -> tuple[str, int]:
    """(sentence containing needle, its offset) — sentences end with '. '."""
    i = text.index(needle)
    s0 = text.rfind(". ", 0, i)
    s0 = 0 if s0 < 0 else s0 + 2
    if text.rfind("\n", 0, i) + 1 > s0:
        s0 = text.rfind("\n", 0, i) + 1
    s1 = text.find(". ", i)
    s1 = len(text) if s1 < 0 else s1 + 1
    return text[s0:s1], s0


def _aeqd(lon: float, lat: float):
    crs = pyproj.CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    f = pyproj.Transformer.from_crs(4326, crs, always_xy=True)
    i = pyproj.Transformer.from_crs(crs, 4326, always_xy=True)

    def fwd(g):
        return shapely.transform(g, lambda a: np.column_stack(f.transform(a[:, 0], a[:, 1])))

    def inv(g):
        return shapely.transform(g, lambda a: np.column_stack(i.transform(a[:, 0], a[:, 1])))

    return fwd, inv


def make_layers(text: str = ARTICLE, source: str = "test-article.md") -> tuple[dict[str, gpd.GeoDataFrame], dict]:
    """The five layers for the Sumy test article + meta (with the article text for highlighting)."""
    from geomap.pack import read

    geod = pyproj.Geod(ellps="WGS84")
    adm = read.admin1()
    sumy_obl = adm.loc[adm["id"] == "admin1:UA.21"].iloc[0]
    brd = read.borders()
    ua_ru = brd.loc[(brd["a"] == "RU") & (brd["b"] == "UA")].iloc[0]
    fwd, inv = _aeqd(*SUMY)
    border_m = fwd(ua_ru.geometry)
    near_m = shapely.ops.nearest_points(border_m, Point(0, 0))[0]
    near = inv(near_m)
    measured = geod.inv(SUMY[0], SUMY[1], near.x, near.y)[2] / 1000
    band_m = border_m.buffer(12_000).intersection(fwd(sumy_obl.geometry))
    band = shapely.make_valid(inv(band_m))
    band_area = abs(geod.geometry_area_perimeter(band)[0]) / 1e6
    region_area = abs(geod.geometry_area_perimeter(sumy_obl.geometry)[0]) / 1e6

    s_dist, off_dist = _sentence(text, "about 30 km")
    s_band, off_band = _sentence(text, "up to 12 km")
    s_bad, off_bad = _sentence(text, "A witness said")
    sumy_m = [_span(text, "Sumy is"), _span(text, "Sumy.", off_bad)]
    sumy_m = [(a, a + 4) for a, _ in sumy_m]
    d0, d1 = _span(text, "about 30 km from the Russian border")
    b0, b1 = _span(text, "up to 12 km inside Ukrainian territory")
    r0, r1 = _span(text, "the Sumy region")
    prov_bad = {"claim_id": None, "sentence": s_bad, "span_start": sumy_m[1][0], "span_end": sumy_m[1][1],
                "source": source}

    places = gpd.GeoDataFrame([
        {"id": "geonames:692194", "name": "Sumy", "kind": "place", "country": "UA", "admin1": "admin1:UA.21",
         "role": "location", "mentions": json.dumps([list(m) for m in sumy_m]), "n_mentions": 2,
         "claim_id": None, "sentence": s_dist, "span_start": sumy_m[0][0], "span_end": sumy_m[0][1],
         "source": source, "geometry": Point(*SUMY)},
        {"id": "test:witness", "name": f"Witness {MALICIOUS}", "kind": "place", "country": "UA",
         "admin1": "admin1:UA.21", "role": "location", "mentions": json.dumps([list(sumy_m[1])]), "n_mentions": 1,
         **prov_bad, "geometry": Point(34.5, 51.1)},
    ], crs="EPSG:4326")
    regions = gpd.GeoDataFrame([
        {"id": "admin1:UA.21", "name": "Sumy", "kind": "admin1", "country": "UA", "role": "location",
         "mentions": json.dumps([[r0, r1]]), "n_mentions": 1, "area_km2": round(region_area, 1),
         "claim_id": "c2", "sentence": s_band, "span_start": r0, "span_end": r1, "source": source,
         "geometry": sumy_obl.geometry},
    ], crs="EPSG:4326")
    borders = gpd.GeoDataFrame([
        {"a": "RU", "b": "UA", "name": "Ukraine–Russia border", "length_km": float(ua_ru.length_km),
         "claim_id": "c1", "geometry": ua_ru.geometry},
    ], crs="EPSG:4326")
    label = f"{measured:.1f} km measured · ~30 km stated · consistent"
    distances = gpd.GeoDataFrame([
        {"kind": "distance_to_border", "label": label, "stated_km": 30.0, "stated_high_km": None,
         "measured_km": round(measured, 3), "verdict": "consistent", "reason": "within ±15 % of about 30 km",
         "qualifier": "about", "from_name": "Sumy", "to_name": "Ukraine–Russia border", "direction": None,
         "claim_id": "c1", "sentence": s_dist, "span_start": d0, "span_end": d1, "source": source,
         "geometry": LineString([SUMY, (near.x, near.y)])},
    ], crs="EPSG:4326")
    zones = gpd.GeoDataFrame([
        {"kind": "buffer_inside_along_border", "zone_type": "band", "label": "up to 12 km inside UA along RU",
         "stated_km": 12.0, "area_km2": round(band_area, 1), "inside": "UA", "along": "RU",
         "region": "Sumy", "verdict": "drawn", "claim_id": "c2", "sentence": s_band, "span_start": b0,
         "span_end": b1, "source": source, "geometry": band},
    ], crs="EPSG:4326")
    meta = {"source": source, "title": f"Dispatch from Sumy {MALICIOUS}", "date": "2025-03-03",
            "attribution": read.attribution(), "text": text}
    return {"places": places, "regions": regions, "borders": borders, "distances": distances,
            "zones": zones}, meta
