"""The Gazetteer: resolve a name to ranked place / admin-1 / country candidates from the pack's name index.

Knows nothing about maps. Imports numpy only (no pandas/pyarrow/shapely), so ``geomap resolve`` starts fast.
Scores are additive log-linear evidence (higher is better): population (log10), how the name matched (own name,
alternate name, region word, adjective), kind priors, an explicit country, the entities already resolved in the
same text (same country, same admin-1, being their region/country) and proximity to them (great-circle km, used
only for ranking; measurement elsewhere is geodesic).
"""

from __future__ import annotations

import heapq
import json
import math
import mmap
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from gazetteer import index as I
from gazetteer.errors import BadNameError, NotFoundError, PackMissingError
from gazetteer.normalize import has_control, normalize, split_region, strip_generic_tail
from gazetteer.packfiles import REBUILD, check_files, pack_dir, read_manifest

__all__ = ["Candidate", "Gazetteer", "KIND_NOT_SPOTTED", "MAX_NAME_LEN", "validate_name"]

MAX_NAME_LEN = 200
KIND_NOT_SPOTTED = 255  # kind code of keys that are only a code/abbreviation (resolvable, not offered for spotting)
KIND_NAMES = frozenset(I.KINDS)
_ADMIN2_WORDS = ("county", "parish", "borough", "district", "raion", "rayon", "municipality", "township")
W_PRIMARY = 1.5  # score for matching an entity's own name
W_ALT = 0.0  # ... an alternate name
W_CONTEXT_NEAR = 2.5  # closeness to an entity of the same text (times exp(-km / 150), places; 400 for regions)
W_NEAR = 4.0  # closeness to the caller's explicit ``near`` point (times exp(-km / 100))
W_SEAT = 1.0  # a place named like the admin-1 region it lies in (usually its seat)
W_WEAK_ALT = 3.0  # penalty of an alternate name that is first another country's Arab place's own name
W_POSTAL = 1.5  # penalty of a postal-dump settlement (no population, estimated point): below cities500 namesakes
_MAX_POSTINGS = 400  # candidates scored per key (postings are stored most populous first)
_ADMIN2_ABBR = {"co": "county", "cnty": "county", "twp": "township", "par": "parish"}
_FLAG_ADMIN2 = 256  # internal (never stored: stored flags are one byte)
_key_hash = lru_cache(maxsize=1 << 16)(I.key_hash)  # pure; a name is hashed once per query, not per table
_KIND_CODES: dict[frozenset[str], frozenset[int]] = {}
_NOSPOT_FLAGS = I.FLAG_CODE | I.FLAG_REGION  # internal: an admin-1 region standing in for one of its second-level divisions


@dataclass(frozen=True, slots=True)
class Candidate:
    """One resolved entity. lat/lon in degrees (WGS84), population in people, score: higher is better."""

    id: str
    name: str
    kind: str  # "place" | "admin1" | "country"
    country: str  # ISO 3166-1 alpha-2 (or Natural Earth code for a few non-ISO units)
    admin1: str | None
    lat: float
    lon: float
    population: int
    score: float = 0.0
    geonameid: int | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        """JSON-ready dict with exactly: id, name, kind, country, admin1, lat, lon, population, score."""
        return {"id": self.id, "name": self.name, "kind": self.kind, "country": self.country,
                "admin1": self.admin1, "lat": self.lat, "lon": self.lon, "population": self.population,
                "score": round(self.score, 4)}

    def label(self) -> str:
        """Human label: "Sumy (UA, Sumy Oblast)"."""
        if self.kind == "country":
            return f"{self.name} (country, {self.country})"
        if self.kind == "admin1":
            return f"{self.name} (region, {self.country})"
        return f"{self.name} ({self.country}, {self.admin1})" if self.admin1 else f"{self.name} ({self.country})"


_CAND_SLOTS = tuple(Candidate.__dict__[n].__set__ for n in
                    ("id", "name", "kind", "country", "admin1", "lat", "lon", "population", "geonameid"))
_SET_SCORE = Candidate.__dict__["score"].__set__
_obj_new = object.__new__


def _new_candidate(f: tuple, score: float) -> Candidate:
    """A Candidate from the entity tuple ``f`` (fields in declaration order minus score) without the frozen
    dataclass __init__ (10 object.__setattr__ calls): the slot descriptors are set directly, once."""
    c = _obj_new(Candidate)
    s0, s1, s2, s3, s4, s5, s6, s7, s8 = _CAND_SLOTS
    s0(c, f[0])
    s1(c, f[1])
    s2(c, f[2])
    s3(c, f[3])
    s4(c, f[4])
    s5(c, f[5])
    s6(c, f[6])
    s7(c, f[7])
    s8(c, f[8])
    _SET_SCORE(c, score)
    return c


@lru_cache(maxsize=1)
def _macro_regions() -> frozenset[str]:
    """Normalised names of continents and world regions (project data): not resolvable to any entity."""
    text = (I.DATA_DIR / "macro_regions.tsv").read_text(encoding="utf-8")
    return frozenset(normalize(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _short(name: str, n: int = 40) -> str:
    return repr(name if len(name) <= n else name[:n] + "…")


def validate_name(name: object) -> str:
    """Return the normalised key of ``name`` or raise BadNameError naming the input."""
    if not isinstance(name, str):
        raise BadNameError(f"a place name must be text, not {type(name).__name__}")
    if not name.strip():
        raise BadNameError(f"empty place name {name!r}; give a name such as 'Sumy'")
    if len(name) > MAX_NAME_LEN:
        raise BadNameError(f"place name {_short(name)} is {len(name):,} characters long; names are at most "
                           f"{MAX_NAME_LEN} characters")
    if has_control(name):
        raise BadNameError(f"place name {_short(name)} contains control characters")
    key = normalize(name)
    if not key or not any(c.isalnum() for c in key):
        raise BadNameError(f"place name {_short(name)} has no letters or digits")
    return key


class Gazetteer:
    """Offline gazetteer over the data pack's ``index/`` (numpy arrays opened with mmap)."""

    _default: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, root: Path, arrays: dict[str, np.ndarray], names: bytes | mmap.mmap,  # noqa: D107
                 keys: bytes | mmap.mmap, meta: dict, ext_ids: bytes | mmap.mmap = b"") -> None:
        self.root = root
        self._ext_ids = ext_ids
        self._ext_from = int(meta.get("ext_from", len(arrays["ent_kind"])))
        self._ext_rows: dict[str, int] | None = None
        self.meta = meta
        self._a = arrays
        self._names = names
        self._keys = keys
        for k, v in arrays.items():
            setattr(self, "_" + k, v)
        self.countries: list[str] = meta["countries"]
        self._cidx = {c: i for i, c in enumerate(self.countries)}
        self._n_c = meta["n_countries"]
        self._n_a1 = meta["n_admin1"]
        self._a1idx = {c: self._n_c + i for i, c in enumerate(meta["admin1"])}
        self._places_from = self._n_c + self._n_a1
        self._gid_sorted: tuple[np.ndarray, np.ndarray] | None = None
        self._suggest_pool: tuple[list[str], np.ndarray] | None = None
        self._cand_cache: dict[int, tuple] = {}
        self._id_rows: dict[str, int] = {}  # entity id -> row, filled as candidates are made
        self._a1_names: dict[int, str] = {}
        self._resolve_cached = lru_cache(maxsize=65536)(self._resolve_key)
        self._base_cached = lru_cache(maxsize=16384)(self._base)  # lists of up to 400 tuples: bounded
        self._loo_cached = lru_cache(maxsize=16384)(self._loo)
        self._rerank_cached = lru_cache(maxsize=256)(self._rerank_all)  # a document seen again
        self._ctx_summary_cached = lru_cache(maxsize=16)(self._ctx_summary)
        self._admin2_region_rows_cached = lru_cache(maxsize=65536)(self._admin2_region_rows)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, data_dir: Path | str | None = None) -> Gazetteer:
        """Open the name index of the pack in ``data_dir`` (default: the user data dir). Milliseconds."""
        m = read_manifest(data_dir)
        if "index/meta.json" not in m.get("files", {}):
            raise PackMissingError(f"the data pack in {pack_dir(data_dir)} has no name index; {REBUILD}")
        missing = [n for n in I.ARRAYS if f"index/{n}.npy" not in m["files"]]
        if missing:
            raise PackMissingError(f"the name index in {pack_dir(data_dir)} was built by an older geomap (no "
                                   f"{missing[0]}); {REBUILD}")
        check_files(m, ["index/"], full=False, data_dir=data_dir)
        root = pack_dir(data_dir) / "index"
        meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != I.INDEX_FORMAT:
            raise PackMissingError(f"the name index in {root} has format {meta.get('format')}; {REBUILD}")
        # memory-mapped, viewed as plain ndarrays (np.memmap's Python-level __getitem__ is slow for scalars)
        arrays = {n: np.load(root / f"{n}.npy", mmap_mode="r", allow_pickle=False).view(np.ndarray)
                  for n in I.ARRAYS}

        def blob(name: str) -> bytes | mmap.mmap:
            with open(root / name, "rb") as f:
                return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if f.seek(0, 2) else b""

        return cls(root, arrays, blob("names.bin"), blob("keys.bin"), meta, blob("ext_ids.bin"))

    @classmethod
    def default(cls) -> Gazetteer:
        """Process-wide cached instance over the default pack."""
        with cls._lock:
            if cls._default is None:
                cls._default = cls.load()
            return cls._default

    # ------------------------------------------------------------------ low level
    def _lookup(self, key: str) -> list[tuple[int, int]]:
        """Postings (entity row, flags) of a normalised key, most populous first."""
        i = self._key_index(key)
        if i < 0:
            return []
        a, b = self._post_off.item(i), self._post_off.item(i + 1)
        if b - a > _MAX_POSTINGS * 4:
            b = a + _MAX_POSTINGS * 4
        return list(zip(self._post_ent[a:b].tolist(), self._post_flag[a:b].tolist(), strict=True))

    def _key_index(self, key: str) -> int:
        """Row of a normalised key in the key arrays, or -1."""
        h = _key_hash(key)
        kh = self._key_hash
        i = int(kh.searchsorted(np.uint64(h)))
        if i >= len(kh) or kh.item(i) != h:
            return -1
        return i

    def _name(self, e: int) -> str:
        off = self._ent_name_off
        return self._names[off.item(e):off.item(e + 1)].decode("utf-8")  # mmap/bytes slices are bytes

    def _a1_name(self, a1: int) -> str:
        n = self._a1_names.get(a1)
        if n is None:
            n = self._a1_names[a1] = self._name(a1)
        return n

    def _ext_id(self, e: int) -> str:
        """Id of an extra entity row (continent, postal settlement: ``gazetteer.extras``)."""
        off, j = self._ext_off, e - self._ext_from
        return self._ext_ids[off.item(j):off.item(j + 1)].decode("utf-8")

    def _id(self, e: int) -> str:
        if e >= self._ext_from:
            return self._ext_id(e)
        k = int(self._ent_kind[e])
        if k == I.COUNTRY:
            return f"country:{self.countries[e]}"
        if k == I.ADMIN1:
            return f"admin1:{self.meta['admin1'][e - self._n_c]}"
        return f"geonames:{int(self._ent_gid[e])}"

    def _cand(self, e: int, score: float = 0.0) -> Candidate:
        f = self._cand_cache.get(e)
        if f is None:
            k = self._ent_kind.item(e)
            a1 = self._ent_admin1.item(e)
            gid = self._ent_gid.item(e)
            if k == I.PLACE and gid >= 0:
                id_ = f"geonames:{gid}"
            else:
                id_ = self._id(e)
            f = (id_, self._name(e), I.KINDS[k], self.countries[self._ent_country.item(e)],
                 self._a1_name(a1) if a1 >= 0 else None, self._ent_lat.item(e), self._ent_lon.item(e),
                 self._ent_pop.item(e), gid if gid >= 0 else None)
            if len(self._cand_cache) < 200_000:
                self._cand_cache[e] = f
                self._id_rows[id_] = e
        return _new_candidate(f, score)

    def _row(self, id_: str) -> int:
        e = self._id_rows.get(id_)
        if e is not None:
            return e
        kind, _, code = id_.partition(":")
        if kind == "country" and code in self._cidx and self._cidx[code] < self._n_c:
            return self._cidx[code]
        if kind == "admin1" and code in self._a1idx:
            return self._a1idx[code]
        if kind in ("continent", "postal"):
            if self._ext_rows is None:
                self._ext_rows = {self._ext_id(e): e for e in range(self._ext_from, len(self._ent_kind))}
            if id_ in self._ext_rows:
                return self._ext_rows[id_]
        if kind == "geonames" and code.isdigit():
            gids = self._ent_gid[self._places_from:]
            if self._gid_sorted is None:
                order = np.argsort(gids, kind="stable")
                self._gid_sorted = (order, np.asarray(gids[order]))
            order, vals = self._gid_sorted
            g = int(code)
            j = int(np.searchsorted(vals, g))
            if j < len(order) and int(vals[j]) == g:
                return self._places_from + int(order[j])
        raise NotFoundError(f"no entity with id {_short(id_)}; ids look like 'geonames:692194', 'admin1:UA.21', "
                            "'country:UA', 'continent:EU' or 'postal:UA:41000'")

    # ------------------------------------------------------------------ public API
    def get(self, id_: str) -> Candidate:
        """Entity by id ("geonames:692194", "admin1:UA.21", "country:UA"); NotFoundError otherwise."""
        if not isinstance(id_, str):
            raise BadNameError(f"an entity id must be text, not {type(id_).__name__}")
        return self._cand(self._row(id_.strip()), 0.0)

    def country_code(self, value: str) -> str:
        """ISO2 of a country given as ISO2/ISO3 code, name or adjective; NotFoundError/BadNameError otherwise."""
        return self.country(value).country

    def country(self, name_or_code: str) -> Candidate:
        """The country entity for "UA", "UKR", "Ukraine", "Ukrainian", "the Russian"..."""
        key = validate_name(name_or_code)
        res = self._resolve_key(key, None, frozenset({"country"}), None, (), 1, True)
        if not res:
            tail = strip_generic_tail(key)
            if tail:
                res = self._resolve_key(tail, None, frozenset({"country"}), None, (), 1, True)
        if not res:
            raise NotFoundError(f"no country named {_short(name_or_code)}; give an ISO code (UA, UKR), a name "
                                "(Ukraine) or an adjective (Ukrainian)", self.suggest(name_or_code, kinds={"country"}))
        return res[0]

    def resolve(self, name: str, *, country: str | None = None, near: tuple[float, float] | None = None,
                context: Iterable[str | Candidate] = (), kinds: Iterable[str] | None = None,
                limit: int = 10) -> list[Candidate]:
        """Candidates for ``name``, best first ([] if nothing matches).

        country: ISO2/ISO3/name restricting the results; near: (lat, lon) in degrees favouring nearby entities;
        context: names, ids or Candidates already resolved in the same text; kinds: subset of
        {"place", "admin1", "country"}.
        """
        key = validate_name(name)
        kset = self._kinds(kinds)
        cc = self.country_code(country) if country else None
        if near is not None:
            try:
                la, lo = float(near[0]), float(near[1])
            except (TypeError, ValueError, IndexError):
                raise BadNameError(f"near must be (lat, lon) in degrees, got {near!r}") from None
            if not (-90 <= la <= 90 and -180 <= lo <= 360):
                raise BadNameError(f"near={near!r} is not a (lat, lon) pair in degrees")
            near = (la, lo)
        ctx = tuple(self._context_rows(context))
        if not isinstance(limit, int) or limit < 1:
            raise BadNameError(f"limit must be a positive integer, got {limit!r}")
        country_only = kset == frozenset({"country"})
        return list(self._resolve_cached(key, cc, kset, near, ctx, limit, country_only))

    def _scored_leave_one_out(self, key: str, rows: tuple[int, ...], row: int,
                              limit: int) -> list[tuple[float, int]]:
        """Package-internal, for the document resolver: the ranking of ``resolve`` for an already normalised key
        (all kinds, no country) with context = entity ``rows`` minus one occurrence of ``row`` (the name's own
        answer), as (score, row) pairs without Candidate objects. The summary of ``rows`` is computed once per
        document; results are memoised (``cache_clear``)."""
        return self._loo_cached(key, rows, row, limit)

    def _rerank_all(self, keys: tuple[str, ...], rows: tuple[int, ...], own: tuple[int, ...],
                    limit: int) -> list[tuple[float, int, float | None]]:
        """Package-internal, for the document resolver: ``_scored_leave_one_out`` (the scalar reference, kept for
        tests) for many names at once, with numpy over all their candidates. For each normalised key (which has candidates) and its own answer row
        ``own[i]``: (best score, best row, score of ``own[i]`` if it ranks within the first ``limit``, else
        None), the context being ``rows`` minus one occurrence of ``own[i]``. Same terms and arithmetic as
        ``_scored``."""
        n_ctx = len(rows) - 1
        _n, c_country, c_admin1, pts = self._ctx_summary_cached(rows)
        bases = [self._base_cached(k, None, KIND_NAMES, False) for k in keys]
        sizes = np.array([len(b) for b in bases])
        grp = np.repeat(np.arange(len(keys)), sizes)
        flat = [t for b in bases for t in b]
        S = np.array([t[0] for t in flat])
        E = np.array([t[1] for t in flat], dtype=np.int64)
        K = np.array([t[2] for t in flat], dtype=np.int64)
        CI = np.array([t[3] for t in flat], dtype=np.int64)
        A1 = np.array([t[4] for t in flat], dtype=np.int64)
        orow = np.asarray(own, dtype=np.int64)
        o_c = self._ent_country[orow].astype(np.int64)[grp]
        o_a1 = self._ent_admin1[orow].astype(np.int64)[grp]
        cnt_c = np.zeros(len(self.countries) + 1)
        for c, v in c_country.items():
            cnt_c[c] = v
        cc = cnt_c[CI] - (o_c == CI)
        if c_admin1:
            ak = np.array(sorted(c_admin1), dtype=np.int64)
            av = np.array([c_admin1[a] for a in ak.tolist()], dtype=np.float64)

            def a1_count(x: np.ndarray) -> np.ndarray:
                pos = np.minimum(np.searchsorted(ak, x), len(ak) - 1)
                return np.where((ak[pos] == x) & (x >= 0), av[pos], 0.0)
        else:
            def a1_count(x: np.ndarray) -> np.ndarray:
                return np.zeros(len(x))
        ca = a1_count(A1) - ((o_a1 == A1) & (A1 >= 0))
        ce = a1_count(E) - ((o_a1 == E) & (K == I.ADMIN1))
        S = S + 2.0 * cc / n_ctx
        S = S + np.where((A1 >= 0) & (K != I.ADMIN1), 2.0 * ca / n_ctx, 0.0)
        S = S + np.where((K == I.ADMIN1) & (ce > 0), 2.0, 0.0)
        S = S + np.where((K == I.COUNTRY) & (cc > 0), 1.0, 0.0)
        if pts:
            mult: dict[tuple, int] = {}
            for pt in pts:
                mult[pt] = mult.get(pt, 0) + 1
            upts = list(mult)
            col = {pt: j for j, pt in enumerate(upts)}
            p = np.asarray(upts, dtype=np.float64)
            la1 = np.radians(self._ent_lat[E])[:, None]
            lo1 = np.radians(self._ent_lon[E])[:, None]
            la2 = np.radians(p[:, 0])[None, :]
            lo2 = np.radians(p[:, 1])[None, :]
            h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
            d = 12742.0 * np.arcsin(np.minimum(1.0, np.sqrt(h)))
            z = np.log(p[:, 3])[None, :] - d / p[:, 2][None, :]
            left = np.full(len(keys), len(pts))  # context points left once the own answer is taken out
            for i, r in enumerate(own):
                kr = self._ent_kind.item(r)
                if kr >= I.COUNTRY:  # countries and continents give no point
                    continue
                left[i] -= 1
                pt = (self._ent_lat.item(r), self._ent_lon.item(r), 150.0 if kr == I.PLACE else 400.0,
                      W_CONTEXT_NEAR)
                if mult[pt] == 1:
                    z[grp == i, col[pt]] = -np.inf
            has = left[grp] > 0
            S = S + np.where((K < I.COUNTRY) & has, np.exp(z.max(axis=1)), 0.0)
        order = np.lexsort((E, -S, grp))
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order)) - starts[grp[order]]
        out: list[tuple[float, int, float | None]] = []
        is_own = E == orow[grp]
        for i in range(len(keys)):
            a = int(starts[i])
            b = int(order[a])
            hit = np.flatnonzero(is_own[a:a + sizes[i]])
            cur = None
            if len(hit):
                j = a + int(hit[0])
                if rank[j] < limit:
                    cur = float(S[j])
            out.append((float(S[b]), int(E[b]), cur))
        return out

    def _loo(self, key: str, rows: tuple[int, ...], row: int, limit: int) -> list[tuple[float, int]]:
        summary = self._ctx_without(self._ctx_summary_cached(rows), row)
        return self._scored(key, None, KIND_NAMES, None, (), limit, False, summary)

    def candidate(self, row: int, score: float = 0.0) -> Candidate:
        """Package-internal: the Candidate of an entity row (see ``rows``)."""
        return self._cand(row, score)

    def rows(self, cands: Iterable[Candidate]) -> tuple[int, ...]:
        """Entity rows of candidates (package-internal handle for ``_scored_leave_one_out``)."""
        return tuple(self._row(c.id) for c in cands)

    def resolve_one(self, name: str, **kw: object) -> Candidate:
        """Best candidate, or NotFoundError with suggestions ("did you mean Sumy (UA, Sumy Oblast)?")."""
        kw["limit"] = 1
        res = self.resolve(name, **kw)  # type: ignore[arg-type]
        if res:
            return res[0]
        sug = self.suggest(name)
        hint = f"; did you mean {sug[0]}?" if sug else ""
        where = f" in {kw['country']}" if kw.get("country") else ""
        raise NotFoundError(f"no place named {_short(name)}{where}{hint}", sug)

    def suggest(self, name: str, limit: int = 5, *, kinds: Iterable[str] | None = None) -> list[str]:
        """Close names (fuzzy, rapidfuzz) as labels like "Sumy (UA, Sumy Oblast)", best first."""
        from rapidfuzz import process
        from rapidfuzz.distance import JaroWinkler

        try:
            key = validate_name(name)
        except BadNameError:
            return []
        if key in _macro_regions():
            return []  # a continent or world region: no entity is meant, none is "close"
        kset = self._kinds(kinds)
        base, region = split_region(key)
        if region and "admin1" in kset:  # "Sumyy region": a region named like "Sumyy"
            key, kset = base, frozenset({"admin1"})
        pool, lens = self._pool()
        kl = len(key.encode("utf-8"))
        sel = np.nonzero(np.abs(lens - kl) <= max(2, kl // 3))[0]
        choices = [pool[i] for i in sel.tolist()]
        hits = process.extract(key, choices, scorer=JaroWinkler.normalized_similarity, limit=limit * 4,
                               score_cutoff=0.75)
        ranked: list[tuple[float, str]] = []
        for k, sim, _i in hits:
            for c in self._resolve_key(k, None, kset, None, (), 1, kset == frozenset({"country"})):
                ranked.append((sim * 10 + 0.3 * math.log10(c.population + 10), self.label(c)))
        out: list[str] = []
        for _s, lab in sorted(ranked, key=lambda t: -t[0]):
            if lab not in out:
                out.append(lab)
        return out[:limit]

    def label(self, c: Candidate) -> str:
        """Human label of a candidate for messages: "Sumy (UA, Sumy Oblast)", "Sumy Oblast (region, UA)"."""
        if c.kind == "country":
            return c.label()
        labels = self.meta.get("admin1_labels")
        if not labels:
            return c.label()
        a1 = int(self._ent_admin1[self._row(c.id)]) if c.id.split(":", 1)[0] in ("geonames", "admin1") else -1
        region = labels[a1 - self._n_c] if a1 >= 0 else None
        if c.kind == "admin1":
            return f"{region or c.name} (region, {c.country})"
        return f"{c.name} ({c.country}, {region})" if region else f"{c.name} ({c.country})"

    def lookup_keys(self, keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Batch lookup of already normalised keys (``gazetteer.normalize``) in one vectorised search.

        Returns (found: bool[n], max_population: int64[n] — the largest population of the entities bearing the
        key, 0 when not found, kind: uint8[n] — index into ("place", "admin1", "country") of the key's best kind,
        ``KIND_NOT_SPOTTED`` (255) for keys that are only a code or abbreviation or are not found).
        """
        n = len(keys)
        if n == 0:
            return np.zeros(0, bool), np.zeros(0, np.int64), np.zeros(0, np.uint8)
        kh = self._key_hash
        h = np.fromiter((I.key_hash(k) for k in keys), dtype=np.uint64, count=n)
        idx = np.minimum(kh.searchsorted(h), len(kh) - 1)
        found = kh[idx] == h
        pops = np.where(found, self._key_maxpop[idx], 0).astype(np.int64)
        kinds = np.where(found, self._key_kind[idx], KIND_NOT_SPOTTED).astype(np.uint8)
        return found, pops, kinds

    def spotting_names(self) -> Iterator[tuple[str, int, str]]:
        """(normalised key, max population of its entities, best kind) for every indexed name."""
        off = self._key_off
        kinds = self._key_kind
        pops = self._key_maxpop
        blob = bytes(self._keys[:])
        offs = off.tolist()
        kk = kinds.tolist()
        pp = pops.tolist()
        for i in range(len(kk)):
            if kk[i] == 255:
                continue
            yield blob[offs[i]:offs[i + 1]].decode("utf-8"), pp[i], I.KINDS[kk[i]]

    def cache_clear(self) -> None:
        """Drop the resolve cache and the name-normalisation memo (for honest cold benchmarks)."""
        self._resolve_cached.cache_clear()
        self._base_cached.cache_clear()
        self._loo_cached.cache_clear()
        self._rerank_cached.cache_clear()
        self._ctx_summary_cached.cache_clear()
        self._admin2_region_rows_cached.cache_clear()
        normalize.cache_clear()
        _key_hash.cache_clear()

    # ------------------------------------------------------------------ helpers
    def _kinds(self, kinds: Iterable[str] | None) -> frozenset[str]:
        if kinds is None:
            return KIND_NAMES
        ks = frozenset([kinds] if isinstance(kinds, str) else kinds)
        bad = ks - KIND_NAMES
        if bad or not ks:
            raise BadNameError(f"kinds must be a non-empty subset of {sorted(KIND_NAMES)}, got {sorted(ks)}")
        return ks

    def _pool(self) -> tuple[list[str], np.ndarray]:
        """Keys used for suggestions: names of admin-1 regions, countries and places of >= 1,000 people."""
        if self._suggest_pool is None:
            mask = (self._key_kind[:] != 255) & ((self._key_maxpop[:] >= 1000) | (self._key_kind[:] >= I.ADMIN1))
            idx = np.nonzero(mask)[0]
            off = self._key_off
            blob = bytes(self._keys[:])
            starts = off[idx].tolist()
            ends = off[idx + 1].tolist()
            keys = [blob[a:b].decode("utf-8") for a, b in zip(starts, ends, strict=True)]
            self._suggest_pool = (keys, np.asarray(ends) - np.asarray(starts))
        return self._suggest_pool

    def _context_rows(self, context: Iterable[str | Candidate]) -> Iterator[int]:
        if isinstance(context, str | Candidate):
            context = [context]
        for c in context or ():
            if isinstance(c, Candidate):
                yield self._row(c.id)
            elif isinstance(c, str):
                if ":" in c and c.split(":", 1)[0] in ("geonames", "admin1", "country"):
                    yield self._row(c)
                    continue
                res = self.resolve(c, limit=1)
                if not res:
                    raise NotFoundError(f"unknown context name {_short(c)}; context must name a place, region "
                                        "or country the gazetteer knows", self.suggest(c))
                yield self._row(res[0].id)
            else:
                raise BadNameError(f"context items must be names, ids or Candidates, not {type(c).__name__}")

    def _postings(self, key: str, country_only: bool) -> tuple[dict[int, int], bool, bool]:  # noqa: C901
        """Candidate rows -> flags for a key, trying region-word and fallback forms. Returns (rows, region, weak).
        Continents and world regions (``data/macro_regions.tsv``) have none."""
        if key in _macro_regions():
            return {}, False, False
        # (postings of one key are unique per entity: the builder merges an entity's flags)
        code = I.FLAG_CODE
        rows = {e: f for e, f in self._lookup(key) if f != code or country_only}
        base, region = split_region(key) if " " in key else (key, False)
        if region:
            for e, _f in self._lookup(base):
                if int(self._ent_kind[e]) != I.PLACE:
                    rows[e] = rows.get(e, 0) | I.FLAG_REGION
        weak = False
        if not rows:
            tail = strip_generic_tail(key)
            if tail:
                rows = {e: f for e, f in self._lookup(tail) if int(self._ent_kind[e]) != I.PLACE}
        if not rows:  # "Loudon Co." -> "loudon county"; a division named without its generic word: "Gwinnett"
            key = self._admin2_key(key) or key
        toks = key.split()
        if not rows:
            if len(toks) >= 2 and toks[-1] in _ADMIN2_WORDS:  # "Laurel County" -> places named Laurel
                base = self._lookup(" ".join(toks[:-1]))
                units = self._admin2_units(key)
                if units:
                    # the division's main place where known; else places of its name in the regions having such
                    # a division, and those regions themselves
                    rows = {}
                    bare = {r for r, p, _u in units if p < 0}
                    for _r, p, _u in units:
                        if p >= 0:
                            rows[p] = rows.get(p, 0) | I.FLAG_ALT | _FLAG_ADMIN2
                    for e, f in base:
                        if int(self._ent_admin1[e]) in bare and int(self._ent_kind[e]) == I.PLACE:
                            rows[e] = rows.get(e, 0) | f
                    for r in bare:
                        rows[r] = rows.get(r, 0) | _FLAG_ADMIN2
                else:
                    rows = dict(base)
                weak = True
        return rows, region, weak

    def _city_first(self, e: int, f: int, named: list[tuple[int, int, int, bool]]) -> bool:
        """Whether a plain name matching admin-1 region ``e`` (flags ``f``) rather means a city of that name:
        one inside the region, a city of >= 100,000 in the same country or of >= 300,000 anywhere, matched by its
        own name, or by an alternate name unless the region is a state called by its own name ("Sumy", "Kyiv",
        "Odessa", "St. Petersburg", "Washington"; but "New York" the state)."""
        ec = int(self._ent_country[e])
        state = int(self._ent_a1type[e]) == I.A1_STATE
        for a1, c, pop, own in named:
            if not (a1 == e or (c == ec and pop >= 100_000) or (own and pop >= 300_000)):
                continue
            if own or not state or not f & I.FLAG_PRIMARY:
                return True
        return False

    def _admin2_units(self, key: str) -> list[tuple[int, int, int]]:
        """(admin-1 row, row of the division's main place or -1, division number) for each division with this
        normalised name."""
        h = _key_hash(key)
        kh = self._a2_hash
        i = int(kh.searchsorted(np.uint64(h)))
        if i >= len(kh) or kh.item(i) != h:
            return []
        a, b = self._a2_off.item(i), self._a2_off.item(i + 1)
        return list(zip(self._a2_admin1[a:b].tolist(), self._a2_place[a:b].tolist(),
                        self._a2_unit[a:b].tolist(), strict=True))

    def divisions(self, name: str) -> list[int]:
        """Numbers of the second-level divisions called ``name`` (compare with ``division_of``)."""
        try:
            key = self._admin2_key(validate_name(name))
        except BadNameError:
            return []
        return [u for _r, _p, u in self._admin2_units(key)] if key else []

    def division_of(self, c: Candidate) -> int:
        """Number of the second-level division a place lies in (-1 when unknown or not a place)."""
        if c.kind != "place":
            return -1
        try:
            return int(self._ent_admin2[self._row(c.id)])
        except NotFoundError:
            return -1

    def _admin2_rows(self, key: str) -> list[int]:
        """Admin-1 entity rows having a second-level division with this normalised name."""
        return list(dict.fromkeys(r for r, _p, _u in self._admin2_units(key)))

    def admin2_places(self, name: str) -> list[Candidate]:
        """The main (most populous) place of each second-level division called ``name``, where known:
        "Walker County" -> Jasper (AL), LaFayette (GA), Huntsville (TX)."""
        try:
            raw = validate_name(name)
        except BadNameError:
            return []
        key = self._admin2_key(raw)
        return [self._cand(p) for _r, p, _u in self._admin2_units(key) if p >= 0] if key else []

    def _admin2_key(self, key: str) -> str | None:
        """The admin-2 table key for a name ("loudon co" -> "loudon county", "gwinnett" -> "gwinnett county")."""
        toks = key.split()
        if len(toks) >= 2 and toks[-1] in _ADMIN2_ABBR:
            key = " ".join([*toks[:-1], _ADMIN2_ABBR[toks[-1]]])
        if self._admin2_rows(key):
            return key
        for w in ("county", "parish"):
            if self._admin2_rows(f"{key} {w}"):
                return f"{key} {w}"
        return None

    def is_name_of(self, key: str, c: Candidate) -> bool:
        """Whether the normalised ``key`` is one of the indexed names of candidate ``c``."""
        try:
            row = self._row(c.id)
        except NotFoundError:
            return False
        return any(e == row and f & ~_NOSPOT_FLAGS for e, f in self._lookup(key))

    def admin2_regions(self, name: str) -> list[Candidate]:
        """Admin-1 regions that have a second-level division called ``name`` ("Laurel County" -> Kentucky)."""
        try:
            raw = validate_name(name)
        except BadNameError:
            return []
        return [self._cand(r) for r in self._admin2_region_rows_cached(raw)]

    def _admin2_region_rows(self, raw: str) -> tuple[int, ...]:
        toks = raw.split()
        if toks[-1] not in _ADMIN2_WORDS and toks[-1] not in _ADMIN2_ABBR and self._key_index(raw) >= 0:
            return ()  # a bare name that is itself a place/region ("Ohio", not "Ohio County")
        key = self._admin2_key(raw)
        return tuple(self._admin2_rows(key)) if key else ()

    def _admin1_adjust(self, e: int, f: int, region: bool, named: list[tuple[int, int, int, bool]]) -> float:
        """Score terms of an admin-1 candidate (row ``e``, flags ``f``) beyond population and name match."""
        s = 1.0
        if region and f & I.FLAG_REGION:
            s += 5.0 if not f & (I.FLAG_PRIMARY | I.FLAG_ALT) else 6.0  # "Kyiv Oblast" said in full
            if self._ent_a1type.item(e) == I.A1_CITY:
                s -= 1.5  # "Kyiv region": the oblast, not the city-region
        elif f & I.FLAG_REGION and not f & (I.FLAG_PRIMARY | I.FLAG_ALT):
            s -= 2.0  # "Sumy" matched only as "Sumy Oblast" minus its region word
        if named and self._city_first(e, f, named):
            s -= 3.0
        return s

    def _proximity(self, rows: list[int], pts: list[tuple[float, float, float, float]]) -> list[float]:
        """For each entity row, max over the points (lat, lon, scale km, weight) of weight * exp(-d / scale), d the
        great-circle distance in km (ranking only)."""
        r = np.asarray(rows, dtype=np.int64)
        la1 = np.radians(self._ent_lat[r])[:, None]
        lo1 = np.radians(self._ent_lon[r])[:, None]
        p = np.asarray(pts, dtype=np.float64)
        la2 = np.radians(p[:, 0])[None, :]
        lo2 = np.radians(p[:, 1])[None, :]
        h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
        d = 12742.0 * np.arcsin(np.minimum(1.0, np.sqrt(h)))
        # max_j w_j exp(-d_j / s_j) = exp(max_j (ln w_j - d_j / s_j)): one exp per row, not per pair
        z = (np.log(p[:, 3])[None, :] - d / p[:, 2][None, :]).max(axis=1)
        return np.exp(z).tolist()

    def _resolve_key(self, key: str, cc: str | None, kset: frozenset[str], near: tuple[float, float] | None,
                     ctx: tuple[int, ...], limit: int, country_only: bool) -> tuple[Candidate, ...]:
        return tuple(self._cand(e, s) for s, e in self._scored(key, cc, kset, near, ctx, limit, country_only))

    def _ctx_summary(self, ctx: tuple[int, ...]) -> tuple[int, dict[int, int], dict[int, int], list]:
        """(number of context rows, count per country index, count per admin-1 row, points (lat, lon, scale km,
        weight) of the non-country rows) of context entity rows."""
        c_country: dict[int, int] = {}
        c_admin1: dict[int, int] = {}
        pts: list[tuple[float, float, float, float]] = []
        if ctx:
            rc = np.asarray(ctx, dtype=np.int64)  # gathered in one pass (documents give dozens of rows)
            for kr, cr, a1, la, lo in zip(self._ent_kind[rc].tolist(), self._ent_country[rc].tolist(),
                                          self._ent_admin1[rc].tolist(), self._ent_lat[rc].tolist(),
                                          self._ent_lon[rc].tolist(), strict=True):
                c_country[cr] = c_country.get(cr, 0) + 1
                if a1 >= 0:
                    c_admin1[a1] = c_admin1.get(a1, 0) + 1
                if kr < I.COUNTRY:
                    pts.append((la, lo, 150.0 if kr == I.PLACE else 400.0, W_CONTEXT_NEAR))
        return len(ctx), c_country, c_admin1, pts

    def _ctx_without(self, summary: tuple, row: int) -> tuple:
        """A context summary with one occurrence of entity ``row`` taken out (leave-one-out context)."""
        n, c_country, c_admin1, pts = summary
        c_country, c_admin1 = dict(c_country), dict(c_admin1)
        cr, a1, kr = self._ent_country.item(row), self._ent_admin1.item(row), self._ent_kind.item(row)
        c_country[cr] -= 1
        if not c_country[cr]:
            del c_country[cr]
        if a1 >= 0:
            c_admin1[a1] -= 1
            if not c_admin1[a1]:
                del c_admin1[a1]
        if kr < I.COUNTRY:
            pts = list(pts)
            pts.remove((self._ent_lat.item(row), self._ent_lon.item(row), 150.0 if kr == I.PLACE else 400.0,
                        W_CONTEXT_NEAR))
        return n - 1, c_country, c_admin1, pts

    def _base(self, key: str, cc: str | None, kset: frozenset[str],  # noqa: C901
              country_only: bool) -> list[tuple[float, int, int, int, int]]:
        """Context-free scores of a normalised key's candidates: (score, row, kind, country index, admin-1 row),
        in posting order. Population (log10), how the name matched, kind priors, namesake seat, fallbacks."""
        rows, region, weak = self._postings(key, country_only)
        if not rows:
            return []
        kinds_ok = _KIND_CODES.get(kset)
        if kinds_ok is None:
            kinds_ok = _KIND_CODES[kset] = frozenset(I.KINDS.index(k) for k in kset)
        ek, ec, ea, ep = self._ent_kind, self._ent_country, self._ent_admin1, self._ent_pop
        ents = list(rows)
        if len(ents) > 12:  # gather attributes in one numpy pass
            ra = np.asarray(ents, dtype=np.int64)
            kl, cl, al, pl = ek[ra].tolist(), ec[ra].tolist(), ea[ra].tolist(), ep[ra].tolist()
        else:
            kl = [ek.item(e) for e in ents]
            cl = [ec.item(e) for e in ents]
            al = [ea.item(e) for e in ents]
            pl = [ep.item(e) for e in ents]
        # admin-1 regions called by this key: a place of the same name inside one is its namesake seat
        # ("Odessa" the city of Odesa Oblast, "Sumy" in Sumy Oblast)
        seats = {e for e, k in zip(ents, kl, strict=True) if k == I.ADMIN1}
        ccode = self._cidx.get(cc) if cc else None
        # (row, flags, kind, country, admin1 row, population)
        items = [(e, f, k, c, a, pop) for e, f, k, c, a, pop in zip(ents, rows.values(), kl, cl, al, pl,
                                                                    strict=True)
                 if k in kinds_ok and (ccode is None or c == ccode)]
        if not items:
            return []
        if len(items) > _MAX_POSTINGS:
            items.sort(key=lambda t: -t[5])
            items = items[:_MAX_POSTINGS]
        # admin-1 regions named after a place inside them ("Sumy" the oblast vs Sumy the city)
        # (a region whose name is also the name of a city inside it, or of a big city of the same country,
        # is meant only when the text says "region": "Sumy", "Kyiv", "Washington", "St. Petersburg")
        named: list[tuple[int, int, int, bool]] = []  # (admin1 row, country, population, own name?)
        if not region and any(t[2] == I.ADMIN1 for t in items):
            named = [(a, c, pop, bool(f & I.FLAG_PRIMARY)) for e, f, k, c, a, pop in items
                     if k == I.PLACE and f & (I.FLAG_PRIMARY | I.FLAG_ALT)]
        log10 = math.log10
        out = []
        for e, f, k, ci, a1, pop in items:
            s = log10(pop + 10.0)
            if f & I.FLAG_PRIMARY:
                s += W_PRIMARY
            elif f & (I.FLAG_ALIAS | I.FLAG_CODE | I.FLAG_ABBR):
                s += 1.0
            elif f & I.FLAG_ADJ:
                s += 0.8
            elif f & I.FLAG_ALT:
                s += W_ALT - (W_WEAK_ALT if f & I.FLAG_WEAK_ALT else 0.0)
            if k == I.COUNTRY:
                s += 1.5
            elif k == I.PLACE:
                if seats and a1 in seats:
                    s += W_SEAT
            elif k == I.ADMIN1:
                s += self._admin1_adjust(e, f, region, named)
            if e >= self._ext_from and k == I.PLACE:
                s -= W_POSTAL
            if weak:
                s -= 1.0
            if f & _FLAG_ADMIN2 and not f & ~_FLAG_ADMIN2:
                s -= 3.0
            out.append((s, e, k, ci, a1))
        return out

    def _scored(self, key: str, cc: str | None, kset: frozenset[str], near: tuple[float, float] | None,
                ctx: tuple[int, ...], limit: int, country_only: bool,
                summary: tuple | None = None) -> list[tuple[float, int]]:
        """The best ``limit`` (score, entity row) pairs for a normalised key, best first (ties: lower row):
        the context-free score (``_base``, memoised) plus the context of the same text and proximity.
        ``summary``: a precomputed ``_ctx_summary`` standing for ``ctx``."""
        base = self._base_cached(key, cc, kset, country_only)
        if not base:
            return []
        if summary is None and not ctx and near is None:
            out = [(-s, e) for s, e, _k, _c, _a in base]  # negated: plain tuple order is best first
        else:
            n_ctx, c_country, c_admin1, pts = summary if summary is not None else self._ctx_summary(ctx)
            if near is not None:  # an explicit point from the caller weighs more than a context entity
                pts = [*pts, (near[0], near[1], 100.0, W_NEAR)]
            # max over points: duplicates are moot
            prox = self._proximity([t[1] for t in base], list(set(pts))) if pts else None
            out = []
            for j, (s, e, k, ci, a1) in enumerate(base):
                if n_ctx:
                    s += 2.0 * c_country.get(ci, 0) / n_ctx
                    if a1 >= 0 and k != I.ADMIN1:
                        s += 2.0 * c_admin1.get(a1, 0) / n_ctx
                    if k == I.ADMIN1 and e in c_admin1:  # the region of a context entity
                        s += 2.0
                    if k == I.COUNTRY and ci in c_country:  # the country of a context entity
                        s += 1.0
                if prox is not None and k < I.COUNTRY:
                    s += prox[j]
                out.append((-s, e))
        out = heapq.nsmallest(limit, out) if len(out) > limit else sorted(out)
        return [(-s, e) for s, e in out]
