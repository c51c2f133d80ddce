"""The Gazetteer: resolve a name to ranked place / admin-1 / country candidates from the pack's name index.

Knows nothing about maps. Resolving one name needs the stdlib only (no numpy, pandas, pyarrow or shapely), so
``geomap resolve`` starts fast; the bulk paths (``lookup_keys``, ``rerank``) import numpy on first use. This module
loads the index (:mod:`gazetteer.index`, arrays mapped by :mod:`gazetteer.npyfile`), looks names up (which
entities a normalised key can mean: own and alternate names, region-word and generic-tail forms, second-level
divisions from :mod:`gazetteer.admin2`) and holds the public API. How candidates are ranked is
:mod:`gazetteer.scoring`; suggestions for names nothing matches are :mod:`gazetteer.suggest`; the joint
resolution of a whole document is :mod:`gazetteer.rank`.
"""

from __future__ import annotations

import json
import mmap
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer import index as I
from gazetteer.admin2 import Admin2Index
from gazetteer.errors import BadNameError, NotFoundError, PackCorruptError, PackMissingError
from gazetteer.normalize import (
    has_control,
    name_form,
    normalize,
    plain_key,
    split_region,
    strip_generic_tail,
    strip_part_words,
)
from gazetteer.npyfile import IndexArrays, NpyFormatError
from gazetteer.packfiles import REBUILD, check_files, pack_dir, read_manifest
from gazetteer.prescore import Rankings
from gazetteer.scoring import MAX_POSTINGS, Scoring
from gazetteer.suggest import Suggester
from gazetteer.tables import read_list

if TYPE_CHECKING:
    import numpy as np

PART_MIN_POP = 50_000  # a part of a place ("North London") stands for a place of at least this many people

__all__ = ["Candidate", "Gazetteer", "KIND_NOT_SPOTTED", "MAX_NAME_LEN", "validate_name"]

MAX_NAME_LEN = 200
KIND_NOT_SPOTTED = I.KIND_NOT_SPOTTED  # kind code of keys that are only a code/abbreviation (resolvable, not spotted)
KIND_NAMES = I.KIND_NAMES
_COUNTRY_ONLY = frozenset({"country"})
_NOSPOT_FLAGS = I.FLAG_CODE | I.FLAG_REGION  # postings that are not one of the entity's own names


@dataclass(frozen=True)
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


# a Candidate is made by giving a new instance its field dict in one step (``Gazetteer._cand``), not by the
# frozen dataclass __init__ (keyword binding and 10 object.__setattr__ calls)
_obj_new = object.__new__
_PLACE, _KINDS = I.PLACE, I.KINDS
_obj_setattr = object.__setattr__


@lru_cache(maxsize=1)
def _macro_regions() -> frozenset[str]:
    """Normalised names of continents and world regions (project data): not resolvable to any entity."""
    return frozenset(normalize(line) for line in read_list("macro_regions"))


def _short(name: str, n: int = 40) -> str:
    return repr(name if len(name) <= n else name[:n] + "…")


@lru_cache(maxsize=1 << 16)
def _plain_valid(name: str) -> str | None:
    """The key of a plain name (ASCII letters and single spaces, ``plain_key``) of at most ``MAX_NAME_LEN``
    characters, which passes every check of ``validate_name``; None for any other name. Memoised."""
    return plain_key(name) if len(name) <= MAX_NAME_LEN else None


def validate_name(name: object) -> str:
    """Return the normalised key of ``name`` or raise BadNameError naming the input."""
    if name.__class__ is str:  # a plain name (memoised) passes every check below
        key = _plain_valid(name)
        if key is not None:
            return key
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
    if not key or not any(map(str.isalnum, key)):
        raise BadNameError(f"place name {_short(name)} has no letters or digits")
    return key


def _check_limit(limit: object) -> None:
    """BadNameError unless ``limit`` (a number of candidates) is a positive integer."""
    if not isinstance(limit, int) or limit < 1:
        raise BadNameError(f"limit must be a positive integer, got {limit!r}")


class Gazetteer:
    """Offline gazetteer over the data pack's ``index/`` (arrays mapped read-only, :mod:`gazetteer.npyfile`)."""

    _default: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, root: Path, arrays: IndexArrays, names: bytes | mmap.mmap,
                 keys: bytes | mmap.mmap, meta: dict, ext_ids: bytes | mmap.mmap = b"") -> None:
        """Over the index arrays (``gazetteer.index.ARRAYS``), the display-name and key blobs and ``meta.json``
        of the index folder ``root`` and the ids of its extra entities (``gazetteer.extras``); use :meth:`load`
        or :meth:`default`."""
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
        bucket = arrays["key_bucket"] if "key_bucket" in arrays else None
        self._key_bucket = bucket if bucket is not None and len(bucket) == (1 << I.BUCKET_BITS) + 1 else None
        # row of a normalised key in the key arrays, or -1 (searched within its hash bucket when the index has them)
        self._key_index: Callable[[str], int] = I.key_finder(self._key_hash, self._key_bucket)
        self.countries: list[str] = meta["countries"]
        self._cidx = {c: i for i, c in enumerate(self.countries)}
        self._n_c = meta["n_countries"]
        self._n_a1 = meta["n_admin1"]
        self._a1idx = {c: self._n_c + i for i, c in enumerate(meta["admin1"])}
        self._places_from = self._n_c + self._n_a1
        self._gid_sorted: tuple | None = None  # (order, sorted GeoNames ids) of the places, numpy
        self._cand_cache: dict[int, dict] = {}  # entity row -> its Candidate fields but the score
        self._id_rows: dict[str, int] = {}  # entity id -> row, filled as candidates are made
        self._a1_names: dict[int, str] = {}
        self._admin2 = Admin2Index(arrays, self._key_index, self._lookup_cols)
        self._macro = _macro_regions()
        self._rankings = Rankings.of(arrays, meta, self._key_index, self._macro)  # None: ranked at query time
        self._scoring = Scoring(arrays, self._postings, self._cidx, len(self.countries), ext_from=self._ext_from,
                                ranked=self._rankings.ranked if self._rankings is not None else None)
        self._suggester = Suggester(self, arrays, keys)
        self._resolve_cached = lru_cache(maxsize=65536)(self._resolve_key)

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
        check_files(m, ["index/"], full=True, data_dir=data_dir, stamps=True)  # same-size tampering too
        root = pack_dir(data_dir) / "index"
        meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != I.INDEX_FORMAT:
            raise PackMissingError(f"the name index in {root} has format {meta.get('format')}; {REBUILD}")
        optional = [n for n in I.OPTIONAL_ARRAYS if f"index/{n}.npy" in m["files"]]  # an older pack lacks them
        return cls.open_index(root, optional, meta)

    @classmethod
    def open_index(cls, root: Path, optional: Sequence[str] = ("key_bucket",), meta: dict | None = None) -> Gazetteer:
        """Open the index folder ``root`` as it is, without the pack's manifest and checksums (``load`` checks
        them; the pack build ranks the index it has just written through this), with those of the optional arrays
        (``gazetteer.index.OPTIONAL_ARRAYS``) named in ``optional``; ``meta``: its ``meta.json``, if read."""
        if meta is None:
            meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
        try:  # memory-mapped typed memoryviews (numpy views on demand)
            arrays = IndexArrays(root, [*I.ARRAYS, *optional])
        except NpyFormatError as exc:
            raise PackCorruptError(f"the name index in {root} is unreadable: {exc}; {REBUILD}") from None

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
        ents, flags = self._lookup_cols(key)
        return list(zip(ents, flags, strict=True))

    def _lookup_cols(self, key: str) -> tuple[list[int], list[int]]:
        """``_lookup`` as two lists: (entity rows, flags)."""
        i = self._key_index(key)
        if i < 0:
            return [], []
        a, b = self._post_off[i], self._post_off[i + 1]
        if b - a > MAX_POSTINGS * 4:
            b = a + MAX_POSTINGS * 4
        return self._post_ent[a:b].tolist(), self._post_flag[a:b].tolist()

    def _name(self, e: int) -> str:
        off = self._ent_name_off
        return self._names[off[e]:off[e + 1]].decode("utf-8")  # mmap/bytes slices are bytes

    def _a1_name(self, a1: int) -> str:
        n = self._a1_names.get(a1)
        if n is None:
            n = self._a1_names[a1] = self._name(a1)
        return n

    def _ext_id(self, e: int) -> str:
        """Id of an extra entity row (continent, world region, postal settlement: ``gazetteer.extras``)."""
        off, j = self._ext_off, e - self._ext_from
        return self._ext_ids[off[j]:off[j + 1]].decode("utf-8")

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
        """The Candidate of entity row ``e`` with ``score`` (its fields memoised per row, ``_fields``)."""
        c = _obj_new(Candidate)
        _obj_setattr(c, "__dict__", {**(self._cand_cache.get(e) or self._fields(e)), "score": score})
        return c

    def _fields(self, e: int) -> dict:
        """The Candidate fields of entity row ``e`` but its score (memoised)."""
        k = self._ent_kind[e]
        a1 = self._ent_admin1[e]
        gid = self._ent_gid[e]
        off = self._ent_name_off
        if gid >= 0:
            id_ = f"geonames:{gid}" if k == _PLACE else self._id(e)
        else:
            id_, gid = self._id(e), None
        if a1 >= 0:
            a1 = self._a1_names.get(a1) or self._a1_name(a1)
        else:
            a1 = None
        f = {"id": id_, "name": self._names[off[e]:off[e + 1]].decode(), "kind": _KINDS[k],
             "country": self.countries[self._ent_country[e]], "admin1": a1, "lat": self._ent_lat[e],
             "lon": self._ent_lon[e], "population": self._ent_pop[e], "geonameid": gid}
        cache = self._cand_cache
        if len(cache) < 200_000:
            cache[e] = f
            self._id_rows[id_] = e
        return f

    def _row(self, id_: str) -> int:
        e = self._id_rows.get(id_)
        if e is not None:
            return e
        kind, _, code = id_.partition(":")
        if kind == "country" and code in self._cidx and self._cidx[code] < self._n_c:
            return self._cidx[code]
        if kind == "admin1" and code in self._a1idx:
            return self._a1idx[code]
        if kind in ("continent", "region", "postal"):
            if self._ext_rows is None:
                self._ext_rows = {self._ext_id(e): e for e in range(self._ext_from, len(self._ent_kind))}
            if id_ in self._ext_rows:
                return self._ext_rows[id_]
        if kind == "geonames" and code.isdigit():
            import numpy as np

            gids = self._a.np("ent_gid")[self._places_from:]
            if self._gid_sorted is None:
                order = np.argsort(gids, kind="stable")
                self._gid_sorted = (order, np.asarray(gids[order]))
            order, vals = self._gid_sorted
            g = int(code)
            j = int(np.searchsorted(vals, g))
            if j < len(order) and int(vals[j]) == g:
                return self._places_from + int(order[j])
        raise NotFoundError(f"no entity with id {_short(id_)}; ids look like 'geonames:692194', 'admin1:UA.21', "
                            "'country:UA', 'continent:EU', 'region:SAHEL' or 'postal:UA:71720'")

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
        res = self.resolve_key(key, _COUNTRY_ONLY, 1)
        if not res:
            tail = strip_generic_tail(key)
            if tail:
                res = self.resolve_key(tail, _COUNTRY_ONLY, 1)
        if not res:
            raise NotFoundError(f"no country named {_short(name_or_code)}; give an ISO code (UA, UKR), a name "
                                "(Ukraine) or an adjective (Ukrainian)",
                                lambda: self.suggest(name_or_code, kinds={"country"}))
        return res[0]

    def region(self, name: str) -> Candidate:
        """The admin-1 region called ``name`` ("Sumy Oblast", "Сумська область", "Fla."): the only region bearing
        exactly that name (its own or an alternate name, as normalised), else the best-ranked admin-1 candidate;
        NotFoundError with suggestions otherwise."""
        key = validate_name(name)
        exact = {e for e, f in self._lookup(key)
                 if self._ent_kind[e] == I.ADMIN1 and f & (I.FLAG_PRIMARY | I.FLAG_ALT)}
        if len(exact) == 1:
            return self._cand(exact.pop())
        return self.resolve_one(name, kinds={"admin1"})

    def resolve(self, name: str, *, country: str | None = None, near: tuple[float, float] | None = None,
                context: Iterable[str | Candidate] = (), kinds: Iterable[str] | None = None,
                limit: int = 10) -> list[Candidate]:
        """Candidates for ``name``, best first ([] if nothing matches).

        country: ISO2/ISO3/name restricting the results; near: (lat, lon) in degrees favouring nearby entities;
        context: names, ids or Candidates already resolved in the same text; kinds: subset of
        {"place", "admin1", "country"}.
        """
        key = validate_name(name)
        if country is None and near is None and kinds is None and isinstance(context, tuple) and not context:
            _check_limit(limit)  # the defaults: nothing else to check or convert
            return list(self._resolve_cached(key, None, KIND_NAMES, None, (), limit, False))
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
        _check_limit(limit)
        country_only = kset == _COUNTRY_ONLY
        return list(self._resolve_cached(key, cc, kset, near, ctx, limit, country_only))

    def resolve_key(self, key: str, kinds: frozenset[str] = KIND_NAMES, limit: int = 10) -> tuple[Candidate, ...]:
        """Candidates for an already normalised key (``gazetteer.normalize``) among ``kinds``, best first: no
        validation, no context, not memoised (``resolve`` is)."""
        return self._resolve_key(key, None, kinds, None, (), limit, kinds == _COUNTRY_ONLY)

    def rerank(self, keys: tuple[str, ...], rows: tuple[int, ...], own: tuple[int, ...],
               limit: int) -> list[tuple[float, int, float | None]]:
        """For the document resolver: each normalised key (that has candidates) ranked with the document's answers
        ``rows`` (entity rows, see ``rows``) as context minus its own answer ``own[i]`` (leave-one-out): (best
        score, best row, score of ``own[i]`` if it ranks within the first ``limit``, else None). Vectorised over
        all keys; memoised per document (``cache_clear``)."""
        return self._scoring.rerank(keys, rows, own, limit)

    def rerank_one(self, key: str, rows: tuple[int, ...], row: int, limit: int) -> list[tuple[float, int]]:
        """The scalar reference of :meth:`rerank` for one key: its best ``limit`` (score, entity row) pairs with
        context ``rows`` minus one occurrence of ``row``."""
        return self._scoring.leave_one_out(key, rows, row, limit)

    def candidate(self, row: int, score: float = 0.0) -> Candidate:
        """Package-internal: the Candidate of an entity row (see ``rows``)."""
        return self._cand(row, score)

    def rows(self, cands: Iterable[Candidate]) -> tuple[int, ...]:
        """Entity rows of candidates (package-internal handle for ``rerank``)."""
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
        try:
            key = validate_name(name)
        except BadNameError:
            return []
        if key in _macro_regions():
            return []  # a continent or world region: no entity is meant, none is "close"
        return self._suggester.suggest(key, limit, self._kinds(kinds))

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
        import numpy as np

        n = len(keys)
        if n == 0:
            return np.zeros(0, bool), np.zeros(0, np.int64), np.zeros(0, np.uint8)
        kh = self._a.np("key_hash")
        h = np.fromiter((I.key_hash(k) for k in keys), dtype=np.uint64, count=n)
        idx = np.minimum(kh.searchsorted(h), len(kh) - 1)
        found = kh[idx] == h
        pops = np.where(found, self._a.np("key_maxpop")[idx], 0).astype(np.int64)
        kinds = np.where(found, self._a.np("key_kind")[idx], KIND_NOT_SPOTTED).astype(np.uint8)
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
            if kk[i] == KIND_NOT_SPOTTED:
                continue
            yield blob[offs[i]:offs[i + 1]].decode("utf-8"), pp[i], I.KINDS[kk[i]]

    def cache_clear(self) -> None:
        """Drop the resolve cache and the name-normalisation memo (for honest cold benchmarks)."""
        self._resolve_cached.cache_clear()
        self._scoring.cache_clear()
        self._admin2.cache_clear()
        normalize.cache_clear()
        _plain_valid.cache_clear()
        I.cached_key_hash.cache_clear()

    # ------------------------------------------------------------------ helpers
    def _kinds(self, kinds: Iterable[str] | None) -> frozenset[str]:
        if kinds is None:
            return KIND_NAMES
        ks = frozenset([kinds] if isinstance(kinds, str) else kinds)
        bad = ks - KIND_NAMES
        if bad or not ks:
            raise BadNameError(f"kinds must be a non-empty subset of {sorted(KIND_NAMES)}, got {sorted(ks)}")
        return ks

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
                                        "or country the gazetteer knows", lambda c=c: self.suggest(c))
                yield self._row(res[0].id)
            else:
                raise BadNameError(f"context items must be names, ids or Candidates, not {type(c).__name__}")

    def _postings(self, key: str, country_only: bool) -> tuple[dict[int, int], bool, bool]:
        """Candidate rows -> flags for a key, trying region-word and fallback forms. Returns (rows, region, weak).
        Continents and world regions (``data/macro_regions.tsv``) have none."""
        if key in self._macro:
            return {}, False, False
        rows, region = self.direct_postings(key, country_only)
        code = I.FLAG_CODE
        if not rows:  # "the Russian border" -> the country or region "Russian" names
            tail = strip_generic_tail(key)
            if tail:
                rows = {e: f for e, f in self._lookup(tail) if int(self._ent_kind[e]) != I.PLACE}
        if not rows and (form := name_form(key)):  # "Town of Groton", "W. Columbia"
            rows = {e: f for e, f in self._lookup(form) if f != code}
        if not rows:  # a second-level division: "Laurel County", "Loudon Co.", "Gwinnett"
            fallback = self._admin2.fallback_postings(key)
            if fallback is not None:
                return fallback, region, True
            part = self._part_postings(key)
            if part:
                return part, False, True
        return rows, region, False

    def direct_postings(self, key: str, country_only: bool) -> tuple[dict[int, int], bool]:
        """Package-internal: the postings ``_postings`` gives a key before its fallbacks (its own, and for a
        region phrase the regions and countries of its bare name): (rows -> flags, region phrase?). When they
        are not empty they are the candidates (``gazetteer.prescore`` ranks exactly those keys at build)."""
        # (postings of one key are unique per entity: the builder merges an entity's flags)
        code = I.FLAG_CODE
        ents, flags = self._lookup_cols(key)
        rows = dict(zip(ents, flags, strict=True)) if country_only or code not in flags else {
            e: f for e, f in zip(ents, flags, strict=True) if f != code}
        base, region = split_region(key) if " " in key else (key, False)
        if region:
            for e, _f in self._lookup(base):
                if int(self._ent_kind[e]) != I.PLACE:
                    rows[e] = rows.get(e, 0) | I.FLAG_REGION
        return rows, region

    def _part_postings(self, key: str) -> dict[int, int]:
        """A part of a known place ("North London", "Southern California", "the Greater Toronto Area"): the
        regions and countries of the rest of the name, and its places of at least ``PART_MIN_POP`` people."""
        rest = strip_part_words(key)
        if not rest or rest in self._macro:
            return {}
        return {e: f for e, f in self._lookup(rest)
                if int(self._ent_kind[e]) != I.PLACE or int(self._ent_pop[e]) >= PART_MIN_POP}

    def _resolve_key(self, key: str, cc: str | None, kset: frozenset[str], near: tuple[float, float] | None,
                     ctx: tuple[int, ...], limit: int, country_only: bool) -> tuple[Candidate, ...]:
        # (``_cand`` inlined: a call per candidate was ~10 % of a cold resolve)
        cache, fields, new, cls = self._cand_cache, self._fields, _obj_new, Candidate
        out = []
        for s, e in self._scoring.scored(key, cc, kset, near, ctx, limit, country_only):
            c = new(cls)
            d = c.__dict__
            d.update(cache.get(e) or fields(e))
            d["score"] = s
            out.append(c)
        return tuple(out)

    def is_name_of(self, key: str, c: Candidate) -> bool:
        """Whether the normalised ``key`` is one of the indexed names of candidate ``c``."""
        try:
            row = self._row(c.id)
        except NotFoundError:
            return False
        return any(e == row and f & ~_NOSPOT_FLAGS for e, f in self._lookup(key))

    # ------------------------------------------------------------------ second-level divisions
    def divisions(self, name: str) -> list[int]:
        """Numbers of the second-level divisions called ``name`` (compare with ``division_of``)."""
        try:
            key = self._admin2.table_key(validate_name(name))
        except BadNameError:
            return []
        return [u for _r, _p, u in self._admin2.units(key)] if key else []

    def division_of(self, c: Candidate) -> int:
        """Number of the second-level division a place lies in (-1 when unknown or not a place)."""
        if c.kind != "place":
            return -1
        try:
            return self._admin2.division_of_row(self._row(c.id))
        except NotFoundError:
            return -1

    def admin2_places(self, name: str) -> list[Candidate]:
        """The main (most populous) place of each second-level division called ``name``, where known:
        "Walker County" -> Jasper (AL), LaFayette (GA), Huntsville (TX)."""
        try:
            raw = validate_name(name)
        except BadNameError:
            return []
        key = self._admin2.table_key(raw)
        return [self._cand(p) for _r, p, _u in self._admin2.units(key) if p >= 0] if key else []

    def admin2_regions(self, name: str) -> list[Candidate]:
        """Admin-1 regions that have a second-level division called ``name`` ("Laurel County" -> Kentucky)."""
        try:
            raw = validate_name(name)
        except BadNameError:
            return []
        return [self._cand(r) for r in self._admin2.region_rows(raw)]
