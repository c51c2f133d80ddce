"""Optional online fallback (``--online``): geopy's Nominatim geocoder, 1 request/s, cached on disk.

Never used unless the caller asks for it; importing this module opens no socket. A failed lookup (no network, a
refused or slow server) raises :class:`OnlineError` with a one-line reason; geopy's and urllib3's own log records
(warnings with tracebacks) are kept quiet during the call, and a failure is never cached.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path

from gazetteer.core import Candidate
from gazetteer.datadir import default_cache_dir
from gazetteer.errors import GazetteerError
from gazetteer.fsio import atomic_write_bytes


class OnlineError(GazetteerError):
    """The online geocoder could not be reached or answered with an error."""


USER_AGENT = "geomap/0.1 (offline conflict-event mapper; online fallback for names missing from the data pack)"
_QUIET = ("geopy", "urllib3", "requests")


def cache_dir() -> Path:
    """Folder of the on-disk cache of online answers."""
    return default_cache_dir() / "nominatim"


def _cache_path(name: str, country: str | None) -> Path:
    h = hashlib.sha256(f"{name}\t{country or ''}".encode()).hexdigest()[:32]
    return cache_dir() / f"{h}.json"


@functools.lru_cache(maxsize=1)
def _geocoder():
    """geopy's Nominatim behind a 1 request/s limiter that raises instead of logging and returning None."""
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    geo = Nominatim(user_agent=USER_AGENT, timeout=10)
    return RateLimiter(geo.geocode, min_delay_seconds=1, max_retries=0, swallow_exceptions=False)


@contextlib.contextmanager
def _quiet_loggers() -> Iterator[None]:
    """geopy and urllib3 log every failed attempt with a traceback: silence them while we ask."""
    loggers = [logging.getLogger(n) for n in _QUIET]
    old = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for lg, lvl in zip(loggers, old, strict=True):
            lg.setLevel(lvl)


def _reason(exc: BaseException) -> str:
    """The innermost cause of a failed request, in one short line."""
    while exc.__cause__ is not None or exc.__context__ is not None:
        exc = exc.__cause__ or exc.__context__
    msg = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {msg[:120]}" if msg else type(exc).__name__


def _fetch(name: str, country: str | None, limit: int) -> list[dict]:
    kw = {"exactly_one": False, "limit": limit, "addressdetails": True}
    if country:
        kw["country_codes"] = country.lower()
    with _quiet_loggers():
        locs = _geocoder()(name, **kw) or []
    return [loc.raw for loc in locs]


def lookup(name: str, *, country: str | None = None, limit: int = 5) -> list[Candidate]:
    """Candidates from Nominatim (cached), as Candidate with ids ``osm:<type>/<id>``; [] when nothing matches."""
    p = _cache_path(name, country)
    if p.exists():
        raws = json.loads(p.read_text(encoding="utf-8"))
    else:
        try:
            raws = _fetch(name, country, limit)
        except Exception as exc:  # geopy.exc.GeopyError, socket and SSL errors...
            raise OnlineError(f"online lookup failed for {name[:40]!r}: {_reason(exc)}") from None
        atomic_write_bytes(p, json.dumps(raws).encode("utf-8"))
    out = []
    for i, r in enumerate(raws[:limit]):
        addr = r.get("address") or {}
        kind = {"country": "country", "state": "admin1"}.get(r.get("addresstype") or r.get("type"), "place")
        out.append(Candidate(id=f"osm:{r.get('osm_type', 'node')}/{r.get('osm_id')}",
                             name=(r.get("name") or r.get("display_name", name).split(",")[0]),
                             kind=kind, country=(addr.get("country_code") or "").upper(),
                             admin1=addr.get("state"), lat=float(r["lat"]), lon=float(r["lon"]),
                             population=0, score=float(r.get("importance") or 0.0) - i * 1e-3))
    return out
