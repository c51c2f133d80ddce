"""Turn what callers pass (points, gazetteer candidates, ids, names) into located things for geometry.

Axis order is explicit: a shapely ``Point`` is (x = lon, y = lat); objects with ``lat`` and ``lon`` attributes
(gazetteer ``Candidate``) are read by name; strings are ids (``geonames:692194``, ``admin1:UA.21``, ISO 3166
codes) or names. Names are resolved by the gazetteer only (``Gazetteer.country``, ``Gazetteer.region``,
``Gazetteer.resolve_one``): this module has no name matching of its own; it fetches the pack's polygons by id.
Plain tuples are refused to avoid lat/lon mix-ups.
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

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready ``{id, name, lat, lon}`` (degrees, 6 decimals)."""
        return {"id": self.id, "name": self.name, "lat": round(self.lat, 6), "lon": round(self.lon, 6)}


@dataclass(frozen=True)
class Country:
    """A country of the pack: ``code`` (ISO2 where it has one), ``name`` and its polygon (lon/lat)."""

    code: str
    name: str
    geometry: Any

    def __reduce__(self) -> tuple:
        """Pickled by code when it is the pack's country (its polygon is read again where it is unpickled: a
        shared geometry answer is not 600 KB of Russia), else whole."""
        if _countries_by_code().get(self.code) is self:
            return _country_by_code, (self.code,)
        return Country, (self.code, self.name, self.geometry)


@dataclass(frozen=True)
class Region:
    """An admin-1 region of the pack: ``id`` (``admin1:UA.21``), ``name``, ``country`` code and polygon."""

    id: str
    name: str
    country: str
    geometry: Any

    def __reduce__(self) -> tuple:
        """Pickled by id when it is the pack's region (see :meth:`Country.__reduce__`), else whole."""
        try:
            if _region_by_id(self.id) is self:
                return _region_by_id, (self.id,)
        except NotFoundError:
            pass
        return Region, (self.id, self.name, self.country, self.geometry)


def _gazetteer():
    """The default gazetteer; PackMissingError (with its rebuild hint) when its index is missing or stale."""
    from gazetteer import Gazetteer

    return Gazetteer.default()


_UNKNOWN_COUNTRY = "unknown country {x!r} (use an ISO2/ISO3 code or a country name, e.g. 'UA', 'UKR', 'Ukraine')"
_UNKNOWN_REGION = ("unknown region {x!r} (use an admin-1 id like 'admin1:UA.21', an ISO 3166-2 code like 'UA-59' "
                   "or a name like 'Sumy Oblast')")


def country(x: Any) -> Country:
    """A country from an ISO2/ISO3 code, a name or alternate name ("Ukraine", "UKR", "UA", "Russian Federation"),
    an adjective ("Russian"), an id (``country:UA``), a :class:`Country` or a gazetteer candidate of kind country.
    Strings are resolved by ``Gazetteer.country``; the polygon is the pack's, by code."""
    if isinstance(x, Country):
        return x
    code = None
    if isinstance(x, str):
        code = _country_code(x)
    elif getattr(x, "kind", None) == "country":
        code = getattr(x, "country", None)
    if code is None:
        raise NotFoundError(_UNKNOWN_COUNTRY.format(x=x))
    return _country_by_code(code)


def _country_code(s: str) -> str:
    """ISO2 (or pack code) of the country a string names, through the gazetteer."""
    name = s.strip()
    if not name:
        raise InputError("empty country name")
    if name[:8].lower() == "country:":
        name = name[8:]
    try:
        return _gazetteer().country(name).country
    except NotFoundError as exc:
        raise NotFoundError(_UNKNOWN_COUNTRY.format(x=s), exc.suggestions) from None


def _country_by_code(code: str) -> Country:
    """The pack's country ``code`` with its polygon."""
    c = _countries_by_code().get(code)
    if c is None:
        raise NotFoundError(f"country {code!r} is not in the data pack")
    return c


@functools.cache
def _countries_by_code() -> dict[str, Country]:
    """Every country of the pack by code (the first row of a code), built once per process."""
    from geomap.pack import read

    df = read.countries()
    out: dict[str, Country] = {}
    for code, name, geom in zip(df.code, df["name"], df.geometry, strict=True):
        out.setdefault(str(code), Country(code=str(code), name=str(name), geometry=geom))
    return out


def region(x: Any) -> Region:
    """An admin-1 region from its id (``admin1:UA.21``), ISO 3166-2 code (``UA-59``), a name ("Sumy Oblast",
    "Сумська область") resolved by ``Gazetteer.region``, a :class:`Region` or a gazetteer candidate of kind
    admin1. The polygon is the pack's, by id."""
    if isinstance(x, Region):
        return x
    rid = None
    if isinstance(x, str):
        rid = x.strip() if x.strip().startswith("region:") else _region_id(x)
    elif getattr(x, "kind", None) in ("admin1", "world_region") and getattr(x, "id", None):
        rid = x.id
    if rid is None:
        raise NotFoundError(_UNKNOWN_REGION.format(x=x))
    return _world_region_by_id(rid) if rid.startswith("region:") else _region_by_id(rid)


@functools.lru_cache(maxsize=64)
def _world_region_by_id(rid: str) -> Region:
    """A world region of the pack made of admin-1 regions of one country ("region:PAK_KASHMIR": Azad Kashmir and
    Gilgit-Baltistan) as a :class:`Region` of that country with the union polygon; a region of several countries
    ("region:SAHEL") is not one country's part, and is refused."""
    from geomap.pack import read

    wr = read.world_regions()
    hit = wr[wr["id"] == rid]
    if hit.empty:
        raise NotFoundError(f"region {rid!r} is not in the data pack")
    row = hit.iloc[0]
    countries = {str(m).split(".")[0] for m in row["members"]}
    if len(countries) != 1 or not all("." in str(m) for m in row["members"]):
        raise NotFoundError(f"{row['name']!r} ({rid}) spans whole countries or several of them, not one country's "
                            "regions: give a country or an admin-1 region")
    return Region(id=rid, name=str(row["name"]), country=countries.pop(), geometry=row.geometry)


def _region_id(s: str) -> str:
    """The admin-1 id a string gives or names: an id, an ISO 3166-2 code, else a name through the gazetteer."""
    name = s.strip()
    if not name:
        raise InputError("empty region name")
    if name.startswith("admin1:"):
        return name
    rid = _iso_3166_2().get(name.upper())
    if rid is not None:
        return rid
    try:
        return _gazetteer().region(name).id
    except NotFoundError as exc:
        raise NotFoundError(_UNKNOWN_REGION.format(x=s), exc.suggestions) from None


@functools.cache
def _iso_3166_2() -> dict[str, str]:
    """ISO 3166-2 code (upper case) -> admin-1 id, for the codes exactly one region of the pack carries."""
    from geomap.pack import read

    a1 = read.admin1_table()
    codes = a1.iso_3166_2.dropna().str.upper()
    once = codes[~codes.duplicated(keep=False)]
    return dict(zip(once, a1.loc[once.index, "id"], strict=True))


@functools.lru_cache(maxsize=1024)
def _region_by_id(rid: str) -> Region:
    """The pack's admin-1 region ``rid`` (the first row of an id) with its polygon, read for this region only."""
    from geomap.pack import read

    row = _admin1_rows().get(rid)
    geom = read.admin1_geometry(rid) if row is not None else None
    if geom is None:
        raise NotFoundError(f"region {rid!r} is not in the data pack")
    return Region(id=rid, name=str(row.name), country=str(row.country), geometry=geom)


@functools.cache
def _admin1_rows() -> dict[str, Any]:
    """The admin-1 attributes (no polygons) by id, the first row of an id."""
    from geomap.pack import read

    out: dict[str, Any] = {}
    for row in read.admin1_table().itertuples(index=False):
        out.setdefault(str(row.id), row)
    return out


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
            row = _admin1_rows()[r.id]
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
