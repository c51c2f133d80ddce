"""The per-process geometry cache: each distinct geometry question (a band, a zone, a border distance, an offset)
is computed once per process, however many documents ask it.

A bounded LRU keyed by the question's real inputs — the function name, every argument as the geometry functions
read it (a place by its id, name, country and lon/lat; a polygon such as a band's stretch by its WKB; countries
and regions by code or id; km as given) and the checksum of the pack's geometry layers. Never by a claim's key:
the border or stretch a claim measures against depends on the article, and the key holds what was chosen.
Geometry errors are cached too (the same question fails the same way).

Bounded by entries and by stored coordinates (a band along a long border can hold 100,000 vertices).
``GEOMAP_GEOMETRY_CACHE=0`` (or :func:`set_enabled`) turns it off; :func:`stats` gives hits and misses.

Processes on one machine can also share their answers (:func:`share`: the Dask workers of a LocalCluster): a
question missed here is looked up in a shared folder before it is computed, and a computed answer is written there
(one pickled file per key, written atomically), so two workers do not both draw the same band. Only answers that
took ≥ 2 ms to compute are shared: cheaper ones cost more to write and read than to recompute.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from geomap.errors import GeomapError

__all__ = ["GeometryCache", "cached_call", "through_cache", "clear", "enabled", "set_enabled", "stats", "CACHE"]

MAX_ENTRIES = 8192
MAX_COORDS = 1_500_000  # vertices kept across all cached shapes (~50 MB: keeps a worker under 400 MB)
SHARE_MIN_SECONDS = 0.002  # answers cheaper than this (CPU) are not written to the shared folder
_ENTITY_FIELDS = ("id", "name", "country", "lon", "lat")  # what geomap.geo.entities.locate reads


class GeometryCache:
    """A bounded LRU of ``key → (ok, value or error)`` with hit and miss counts; ``weight(value)`` counts the
    coordinates a value holds, and the total stays ≤ ``max_coords``."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_coords: int = MAX_COORDS) -> None:
        """An empty cache of at most ``max_entries`` entries and ``max_coords`` stored vertices."""
        self.max_entries, self.max_coords = max_entries, max_coords
        self._data: OrderedDict = OrderedDict()
        self.coords = 0
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        """Number of cached answers."""
        return len(self._data)

    def get(self, key: Any) -> tuple[bool, Any] | None:
        """The cached ``(ok, value)`` for ``key`` (counted as a hit), or None (a miss)."""
        hit = self._data.get(key)
        if hit is None:
            self.misses += 1
            return None
        self._data.move_to_end(key)
        self.hits += 1
        return hit[0], hit[1]

    def put(self, key: Any, ok: bool, value: Any) -> None:
        """Store an answer, evicting the least recently used ones beyond the bounds."""
        w = _weight(value) if ok else 0
        if w > self.max_coords:
            return
        old = self._data.pop(key, None)
        if old is not None:
            self.coords -= old[2]
        self._data[key] = (ok, value, w)
        self.coords += w
        while len(self._data) > self.max_entries or self.coords > self.max_coords:
            _k, (_ok, _v, ow) = self._data.popitem(last=False)
            self.coords -= ow

    def clear(self) -> None:
        """Drop every answer and zero the counts."""
        self._data.clear()
        self.coords = self.hits = self.misses = 0


CACHE = GeometryCache()
_ENABLED: bool | None = None  # None: from the environment
_SHARED: dict[str, Any] = {"dir": None, "hits": 0}  # the folder shared with the other processes, and its hits


def enabled() -> bool:
    """Whether the cache is on (``set_enabled`` wins over ``GEOMAP_GEOMETRY_CACHE=0``)."""
    if _ENABLED is not None:
        return _ENABLED
    return os.environ.get("GEOMAP_GEOMETRY_CACHE", "1").strip().lower() not in ("0", "off", "false", "no")


def set_enabled(flag: bool | None) -> None:
    """Turn the cache on or off for this process (None: back to the environment); cached answers are dropped."""
    global _ENABLED
    _ENABLED = flag
    CACHE.clear()


def clear() -> None:
    """Drop every cached answer and zero the counts."""
    CACHE.clear()


def stats() -> dict[str, Any]:
    """Hits, misses, hit_rate (0–1, None before any call), entries and stored coordinates of this process, and
    ``shared_hits``: misses answered from the shared folder (not computed here)."""
    n = CACHE.hits + CACHE.misses
    return {"hits": CACHE.hits, "misses": CACHE.misses, "hit_rate": (CACHE.hits / n) if n else None,
            "entries": len(CACHE), "coords": CACHE.coords, "enabled": enabled(), "shared_hits": _SHARED["hits"]}


def share(folder: str | os.PathLike | None) -> None:
    """Share computed answers with the other processes using ``folder`` (None: stop sharing); the folder must be
    private to the processes of one run (its files are unpickled)."""
    _SHARED["dir"] = None if folder is None else os.fspath(folder)


def _shared_path(key: tuple) -> str | None:
    folder = _SHARED["dir"]
    return None if folder is None else os.path.join(folder, hashlib.sha1(repr(key).encode()).hexdigest() + ".pkl")


def _shared_get(key: tuple) -> tuple[bool, Any] | None:
    """The answer another process wrote for ``key``, or None."""
    import pickle

    path = _shared_path(key)
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            value = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    _SHARED["hits"] += 1
    return True, value


def _shared_put(key: tuple, value: Any) -> None:
    """Write a computed answer for the other processes (best effort: a failure only means no sharing)."""
    import pickle

    from gazetteer.fsio import atomic_write_bytes

    path = _shared_path(key)
    if path is None:
        return
    try:
        atomic_write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), hook=False,
                           durable=False)  # scratch shared by one run's workers: no fsync
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass


@functools.cache
def pack_checksum() -> str:
    """A short digest of the checksums of the pack's geometry layers (countries, admin-1, borders)."""
    from geomap.pack import read

    files = read.manifest().get("files", {})
    parts = [f"{n}:{files.get(n, {}).get('sha256')}" for n in ("countries.parquet", "admin1.parquet",
                                                               "borders.parquet")]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def _part(x: Any) -> Any:
    """The hashable key of one argument, from what the geometry functions read of it."""
    if x is None or isinstance(x, str | int | float | bool):
        return x
    if getattr(x, "geom_type", None) is not None:  # a shapely geometry (a stretch polygon, a point)
        return ("wkb", x.wkb)
    if hasattr(x, "lat") and hasattr(x, "lon"):  # a gazetteer candidate or a located point
        return ("at",) + tuple(getattr(x, f, None) for f in _ENTITY_FIELDS)
    if hasattr(x, "code"):  # a geomap.geo Country
        return ("country", x.code)
    if hasattr(x, "id"):  # a region record
        return ("id", x.id)
    hash(x)  # anything else must be hashable to be a key (TypeError otherwise: not cached)
    return x


def key_of(name: str, args: tuple, kw: dict) -> tuple:
    """The cache key of ``name(*args, **kw)``: the function, its arguments and the pack checksum."""
    return (name, tuple(_part(a) for a in args), tuple(sorted((k, _part(v)) for k, v in kw.items())),
            pack_checksum())


def cached_call(name: str, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
    """``fn(*args, **kw)`` through the cache under ``name``; a GeomapError is cached and raised again."""
    if not enabled():
        return fn(*args, **kw)
    return through_cache(name, fn, args, kw)


def through_cache(name: str, fn: Callable[..., Any], args: tuple, kw: dict) -> Any:
    """:func:`cached_call` for a caller that has checked :func:`enabled` itself (the judges' memo, per call)."""
    try:
        key = key_of(name, args, kw)
    except TypeError:  # an unhashable argument: compute, do not cache
        return fn(*args, **kw)
    hit = CACHE.get(key)
    if hit is None:
        hit = _shared_get(key) or _computed(key, fn, args, kw)
        CACHE.put(key, *hit)
    ok, val = hit
    if not ok:
        raise val.with_traceback(None)
    return val


def _computed(key: tuple, fn: Callable[..., Any], args: tuple, kw: dict) -> tuple[bool, Any]:
    """``(True, fn(*args, **kw))``, or ``(False, the GeomapError)``. An answer that took at least
    :data:`SHARE_MIN_SECONDS` of CPU is also written to the shared folder (a cheaper one is recomputed faster than
    it is written and read: a point distance takes ~0.03 ms, a shared file ~0.3 ms to write and ~0.25 ms to
    read)."""
    t = time.process_time()
    try:
        value = fn(*args, **kw)
    except GeomapError as exc:
        return False, exc
    if _SHARED["dir"] is not None and time.process_time() - t >= SHARE_MIN_SECONDS:
        _shared_put(key, value)
    return True, value


def _weight(value: Any) -> int:
    """Coordinates held by an answer's shapes (its ``geometry``, ``uncertainty`` or ``polygon`` fields)."""
    import shapely

    n = 0
    for f in ("geometry", "uncertainty", "polygon"):
        g = getattr(value, f, None)
        if g is not None and getattr(g, "geom_type", None) is not None:
            n += int(shapely.get_num_coordinates(g))
    return n
