"""Optional online fallback (``--online``): geopy's Nominatim geocoder, 1 request/s, cached on disk.

Never used unless the caller asks for it; importing this module opens no socket.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from gazetteer.core import Candidate
from gazetteer.datadir import default_cache_dir
from gazetteer.errors import GazetteerError


class OnlineError(GazetteerError):
    """The online geocoder could not be reached or answered with an error."""

USER_AGENT = "geomap/0.1 (offline conflict-event mapper; online fallback for names missing from the data pack)"
_geocode = None


def cache_dir() -> Path:
    """Folder of the on-disk cache of online answers."""
    return default_cache_dir() / "nominatim"


def _cache_path(name: str, country: str | None) -> Path:
    h = hashlib.sha256(f"{name}\t{country or ''}".encode()).hexdigest()[:32]
    return cache_dir() / f"{h}.json"


def _fetch(name: str, country: str | None, limit: int) -> list[dict]:
    global _geocode
    if _geocode is None:
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        geo = Nominatim(user_agent=USER_AGENT, timeout=10)
        _geocode = RateLimiter(geo.geocode, min_delay_seconds=1, max_retries=1)
    kw = {"exactly_one": False, "limit": limit, "addressdetails": True}
    if country:
        kw["country_codes"] = country.lower()
    locs = _geocode(name, **kw) or []
    return [loc.raw for loc in locs]


def lookup(name: str, *, country: str | None = None, limit: int = 5) -> list[Candidate]:
    """Candidates from Nominatim (cached), as Candidate with ids ``osm:<type>/<id>``; [] when nothing matches."""
    p = _cache_path(name, country)
    if p.exists():
        raws = json.loads(p.read_text(encoding="utf-8"))
    else:
        try:
            raws = _fetch(name, country, limit)
        except Exception as exc:  # geopy.exc.GeopyError, socket errors...
            raise OnlineError(f"online lookup of {name[:40]!r} failed ({type(exc).__name__}: {exc}); "
                              "retry later or drop --online") from None
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=p.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(raws, f)
        os.replace(tmp, p)
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
