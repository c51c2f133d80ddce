"""Turn what callers pass (points, gazetteer candidates, ids, names) into located things for geometry.

Axis order is explicit: a shapely ``Point`` is (x = lon, y = lat); objects with ``lat`` and ``lon`` attributes
(gazetteer ``Candidate``) are read by name; strings are ids (``geonames:692194``, ``admin1:UA.21``, ISO codes) or
names resolved through the gazetteer. Plain tuples are refused to avoid lat/lon mix-ups.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

from geomap.errors import InputError, NotFoundError

__all__ = ["Located", "Country", "Region", "locate", "country", "region"]


@dataclass(frozen=True)
class Located:
    """A point on the map: lon, lat in degrees, with the id and name it came from (None for raw points)."""

    lon: float
    lat: float
    id: str | None = None
    name: str | None = None
    country: str | None = None

    def as_dict(self) -> dict[str, Any]:  # noqa: D102
        return {"id": self.id, "name": self.name, "lat": round(self.lat, 6), "lon": round(self.lon, 6)}


@dataclass(frozen=True)
class Country:
    """A country of the pack: ``code`` (ISO2 where it has one), ``name`` and its polygon (lon/lat)."""

    code: str
    name: str
    geometry: Any


@dataclass(frozen=True)
class Region:
    """An admin-1 region of the pack: ``id`` (``admin1:UA.21``), ``name``, ``country`` code and polygon."""

    id: str
    name: str
    country: str
    geometry: Any


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").casefold().replace(".", "").split())


def _gazetteer():
    """The default gazetteer; PackMissingError (with its rebuild hint) when its index is missing or stale."""
    from gazetteer import Gazetteer

    return Gazetteer.default()


@functools.cache
def _country_index() -> dict[str, str]:
    from geomap.pack import read

    df = read.countries()
    idx: dict[str, str] = {}
    # weakest first so that stronger keys overwrite: alt names, names, ISO3, ISO2/code
    for row in df.itertuples():
        alts = row.alt_names if row.alt_names is not None else []
        for alt in alts:
            idx.setdefault(_norm(str(alt)), row.code)
    for row in df.itertuples():
        idx[_norm(row.name)] = row.code
    for row in df.itertuples():
        if isinstance(row.iso3, str) and row.iso3 != "-99":
            idx[_norm(row.iso3)] = row.code
    for row in df.itertuples():
        idx[_norm(row.code)] = row.code
        if isinstance(row.iso2, str):
            idx[_norm(row.iso2)] = row.code
    return idx


def country(x: Any) -> Country:
    """A country from an ISO2/ISO3 code, a name or alternate name ("Ukraine", "UKR", "UA", "Russian Federation"),
    an adjective through the gazetteer ("Russian"), a :class:`Country` or a gazetteer candidate of kind country."""
    from geomap.pack import read

    if isinstance(x, Country):
        return x
    code = None
    if isinstance(x, str):
        key = _norm(x)
        if not key:
            raise InputError("empty country name")
        if key.startswith("country:"):
            key = key[len("country:"):]
        code = _country_index().get(key)
        if code is None and key.startswith("the "):
            code = _country_index().get(key[4:])
        if code is None:  # adjectives and other forms only the gazetteer knows ("Russian")
            try:
                code = _gazetteer().country(x).country
            except NotFoundError as exc:
                raise NotFoundError(f"unknown country {x!r} (use an ISO2/ISO3 code or a country name, e.g. "
                                    f"'UA', 'UKR', 'Ukraine')", exc.suggestions) from None
    elif getattr(x, "kind", None) == "country":
        code = getattr(x, "country", None)
    if code is None:
        raise NotFoundError(f"unknown country {x!r} (use an ISO2/ISO3 code or a country name, e.g. 'UA', 'UKR', "
                            f"'Ukraine')")
    df = read.countries()
    rows = df[df.code == code]
    if rows.empty:
        raise NotFoundError(f"country {code!r} is not in the data pack")
    row = rows.iloc[0]
    return Country(code=str(row.code), name=str(row["name"]), geometry=row.geometry)


def region(x: Any) -> Region:
    """An admin-1 region from its id (``admin1:UA.21``), ISO 3166-2 code (``UA-59``), a name ("Sumy Oblast")
    resolved through the gazetteer (admin-1 only), or a gazetteer candidate of kind admin1."""
    from geomap.pack import read

    if isinstance(x, Region):
        return x
    a1 = read.admin1()
    rid = None
    if isinstance(x, str):
        s = x.strip()
        if not s:
            raise InputError("empty region name")
        if s.startswith("admin1:"):
            rid = s
        else:
            iso = a1[a1.iso_3166_2.str.upper() == s.upper()]
            if len(iso) == 1:
                rid = iso.iloc[0].id
        if rid is None:
            rid = _region_by_name(s)  # exact names of the pack first, then the gazetteer's fuzzier matching
        if rid is None:
            try:
                rid = _gazetteer().resolve_one(s, kinds={"admin1"}).id
            except NotFoundError as exc:
                raise NotFoundError(f"unknown region {x!r} (use an admin-1 id like 'admin1:UA.21', an ISO "
                                    f"3166-2 code like 'UA-59' or a name like 'Sumy Oblast')",
                                    exc.suggestions) from None
    elif getattr(x, "kind", None) == "admin1" and getattr(x, "id", None):
        rid = x.id
    if rid is None:
        raise NotFoundError(f"unknown region {x!r} (use an admin-1 id like 'admin1:UA.21', an ISO 3166-2 code "
                            f"like 'UA-59' or a name like 'Sumy Oblast')")
    rows = a1[a1.id == rid]
    if rows.empty:
        raise NotFoundError(f"region {rid!r} is not in the data pack")
    row = rows.iloc[0]
    return Region(id=str(row.id), name=str(row["name"]), country=str(row.country), geometry=row.geometry)


_REGION_WORDS = ("autonomous okrug", "republic of", "governorate", "province", "oblast'", "oblast", "region",
                 "state", "krai", "kray", "raion", "county")


@functools.cache
def _region_index() -> dict[str, frozenset[str]]:
    from geomap.pack import read

    idx: dict[str, set[str]] = {}
    for row in read.admin1().itertuples():
        for n in [row.name, *(row.alt_names if row.alt_names is not None else [])]:
            idx.setdefault(_norm(str(n)), set()).add(row.id)
    return {k: frozenset(v) for k, v in idx.items()}


def _region_by_name(s: str) -> str | None:
    """Exact (normalised) admin-1 name or alternate name in the pack, with or without a generic word
    ("Sumy Oblast" → "Sumy"); None unless exactly one region matches."""
    key = _norm(s)
    bare = key
    for w in _REGION_WORDS:
        bare = bare.replace(w, " ")
    bare = " ".join(bare.split())
    idx = _region_index()
    hits = idx.get(key) or (idx.get(bare) if bare else None) or frozenset()
    return next(iter(hits)) if len(hits) == 1 else None


def locate(x: Any) -> Located:
    """A point from a shapely Point (x = lon, y = lat), an object with ``lat``/``lon`` attributes (gazetteer
    Candidate), an id string (``geonames:…``, ``admin1:…``, a country code) or a place name (gazetteer)."""
    if isinstance(x, Located):
        return x
    if isinstance(x, tuple | list):
        raise InputError("pass a shapely Point(lon, lat) or a place, not a bare tuple (axis order is ambiguous)")
    if getattr(x, "geom_type", None) == "Point":
        lon, lat = float(x.x), float(x.y)
        return Located(_check_lon(lon), _check_lat(lat))
    if hasattr(x, "lat") and hasattr(x, "lon") and not isinstance(x, str):
        return Located(_check_lon(float(x.lon)), _check_lat(float(x.lat)), getattr(x, "id", None),
                       getattr(x, "name", None), getattr(x, "country", None))
    if isinstance(x, str):
        s = x.strip()
        if not s:
            raise InputError("empty place name")
        if s.startswith("admin1:"):
            r = region(s)
            from geomap.pack import read

            row = read.admin1().set_index("id").loc[r.id]
            return Located(float(row.lon), float(row.lat), r.id, r.name, r.country)
        gaz = _gazetteer()
        c = gaz.get(s) if ":" in s else gaz.resolve_one(s)
        return Located(float(c.lon), float(c.lat), c.id, c.name, getattr(c, "country", None))
    raise InputError(f"cannot locate {x!r}: pass a shapely Point(lon, lat), a gazetteer candidate, an id or a name")


def _check_lon(v: float) -> float:
    if not math.isfinite(v) or not -180.0 <= v <= 180.0:
        raise InputError(f"longitude must be within [-180, 180], got {v!r} (points are Point(lon, lat))")
    return v


def _check_lat(v: float) -> float:
    if not math.isfinite(v) or not -90.0 <= v <= 90.0:
        raise InputError(f"latitude must be within [-90, 90], got {v!r} (points are Point(lon, lat))")
    return v
