"""Typed records between the pipeline's stages: a judged claim and the entities it names.

A :class:`JudgedClaim` is what :mod:`geomap.judging` makes of one claim read from the text: the stated distance
(low/high km, unit and qualifier as written), the entities it names, what was measured (km, bearing, nearest border
point, area), the geometry drawn, the verdict and the reason. It is frozen; layers, events, the report and the map
read its attributes. It is serialised to the claims.json contract only at the edge (:meth:`JudgedClaim.to_json`),
and for scripts written against that contract it also reads like the JSON object (``claim["verdict"]``).

Units: distances in km, areas in km², bearings in degrees clockwise from north, points as (lon, lat).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["EntityRef", "Stated", "Alternative", "JudgedClaim", "VERDICTS", "MODALITIES", "KM_PER_UNIT", "UNIT_WORDS"]

VERDICTS = ("consistent", "inconsistent", "not_checkable", "drawn")
# the units a distance can be stated in (``Stated.unit``): km per unit, and the unit's words (one, many)
KM_PER_UNIT = {"km": 1.0, "mile": 1.609344, "nmi": 1.852, "m": 0.001, "yd": 0.0009144}
UNIT_WORDS = {"km": ("km", "km"), "mile": ("mile", "miles"), "nmi": ("nautical mile", "nautical miles"),
              "m": ("m", "m"), "yd": ("yard", "yards")}
MODALITIES = ("asserted", "attributed", "negated", "hypothetical", "denied")


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity a claim names: gazetteer ``id`` (None when the gazetteer lacks it) and ``name`` as resolved (or as
    written, for an unresolved name)."""

    id: str | None
    name: str
    kind: str | None = None

    def to_json(self) -> dict[str, Any]:
        """``{"id", "name"}`` (the claims.json form)."""
        return {"id": self.id, "name": self.name}

    @classmethod
    def of(cls, cand: Any) -> EntityRef | None:
        """The reference to a gazetteer candidate (None for None)."""
        if cand is None:
            return None
        return cls(cand.id, cand.name, getattr(cand, "kind", None))


@dataclass(frozen=True, slots=True)
class Stated:
    """The distance as stated: ``low_km``/``high_km`` (equal unless a range), the unit as written ("km", "mile",
    "nmi", "m", "yd"), the canonical qualifier ("about", "up to", "range"...) and the exact text."""

    low_km: float
    high_km: float
    unit: str
    qualifier: str
    text: str

    @property
    def is_range(self) -> bool:
        """Whether a range was stated ("20–30 km")."""
        return self.high_km != self.low_km

    @property
    def json_value(self) -> float | list[float]:
        """claims.json ``stated_km``: a number of km, or [low, high] for a range (3 decimals)."""
        if self.is_range:
            return [round(self.low_km, 3), round(self.high_km, 3)]
        return round(self.low_km, 3)

    @classmethod
    def of(cls, d: Any) -> Stated:
        """From a :class:`geomap.text.units.Distance`."""
        return cls(d.low_km, d.high_km, d.unit, d.qualifier, d.text)


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another candidate for a claim's subject: gazetteer id, name, admin-1, country and ranking score."""

    id: str
    name: str
    admin1: str | None
    country: str | None
    score: float

    def to_json(self) -> dict[str, Any]:
        """The claims.json form."""
        return {"id": self.id, "name": self.name, "admin1": self.admin1, "country": self.country,
                "score": round(float(self.score), 3)}


def _ref(v: EntityRef | None) -> dict | None:
    return None if v is None else v.to_json()


def _r3(x: float | None) -> float | None:
    return None if x is None else round(float(x), 3)


@dataclass(frozen=True, slots=True)
class JudgedClaim(Mapping):
    """One claim, read, measured and judged (see the module docstring for units).

    ``line`` (LineString subject → reference/nearest border point) and ``polygon`` (band, zone or uncertainty
    area) are shapely geometries in lon/lat; ``zone_type`` is "uncertainty" for an implied location's area;
    ``border`` the (a, b) ISO2 pair of the border used; ``doubt`` says why a claim is not judged as a fact about
    the place resolved ("implausible", "namesake") so maps can grey it out.
    """

    id: str
    kind: str
    cue: str
    sentence: str
    sentence_span: tuple[int, int]
    span: tuple[int, int]
    stated: Stated
    modality: str = "asserted"
    subject: EntityRef | None = None
    target: EntityRef | None = None
    has_target: bool = False
    region: EntityRef | None = None
    attributed_to: EntityRef | None = None
    countries: tuple[str, ...] | None = None
    inside: str | None = None
    along: str | None = None
    direction: str | None = None
    both_sides: bool | None = None
    zone_noun: str | None = None
    measured_km: float | None = None
    measured_bearing_deg: float | None = None
    nearest: tuple[float, float] | None = None
    area_km2: float | None = None
    implied_point: tuple[float, float] | None = None
    uncertainty_km: float | None = None
    verdict: str = "not_checkable"
    reason: str = ""
    doubt: str | None = None
    line: Any = field(default=None, compare=False, repr=False)
    polygon: Any = field(default=None, compare=False, repr=False)
    zone_type: str | None = None
    border: tuple[str, str] | None = None
    alternatives: tuple[Alternative, ...] = ()
    line_word: str | None = None  # the line as the text names it ("border", "front line", "LoC"); labels only

    # ------------------------------------------------------------------ the JSON edge
    # computed on demand from the table of key functions below, never kept: 100,000 claims held as records do not
    # also hold 100,000 JSON dicts once claims.json is written
    def to_json(self) -> dict[str, Any]:
        """The claims.json object of this claim (every contract key; optional keys only when set)."""
        d = {k: f(self) for k, f in _ALWAYS.items()}
        for k, f in _OPTIONAL.items():
            v = f(self)
            if v is not _MISSING:
                d[k] = v
        return d

    # ------------------------------------------------------------------ read-only mapping view of the JSON form
    def __getitem__(self, key: str) -> Any:
        """``claim["verdict"]``: the claims.json value of ``key`` (KeyError for an optional key not set)."""
        f = _ALWAYS.get(key)
        if f is not None:
            return f(self)
        f = _OPTIONAL.get(key)
        v = f(self) if f is not None else _MISSING
        if v is _MISSING:
            raise KeyError(key)
        return v

    def get(self, key: str, default: Any = None) -> Any:
        """``claim.get("target")``: as ``Mapping.get``, without raising and catching a KeyError for an optional key
        not set (the map labels and claim keys ask ~50 times per claim)."""
        f = _ALWAYS.get(key)
        if f is not None:
            return f(self)
        f = _OPTIONAL.get(key)
        v = f(self) if f is not None else _MISSING
        return default if v is _MISSING else v

    def __iter__(self) -> Iterator[str]:
        """The claims.json keys."""
        return iter(self.to_json())

    def __len__(self) -> int:
        """The number of claims.json keys."""
        return len(self.to_json())

    # ------------------------------------------------------------------ conveniences
    @property
    def low_km(self) -> float:
        """The stated low end in km."""
        return self.stated.low_km

    @property
    def high_km(self) -> float:
        """The stated high end in km (equal to ``low_km`` unless a range)."""
        return self.stated.high_km

    @property
    def qualifier(self) -> str:
        """The canonical qualifier of the stated figure."""
        return self.stated.qualifier

    @property
    def geometry(self) -> Any:
        """The geometry drawn for the claim: the polygon if any, else the line (lon/lat), else None."""
        return self.polygon if self.polygon is not None else self.line


class _Missing:
    __slots__ = ()


_MISSING = _Missing()


def _set(v: Any) -> Any:
    """An optional claims.json value: absent (``_MISSING``) when None."""
    return _MISSING if v is None else v


def _lonlat(p: tuple[float, float] | None) -> Any:
    return [round(p[0], 6), round(p[1], 6)] if p else _MISSING


# claims.json keys always present, in the contract's order: key → value of a JudgedClaim
_ALWAYS: dict[str, Callable[[JudgedClaim], Any]] = {
    "id": lambda c: c.id, "kind": lambda c: c.kind, "cue": lambda c: c.cue, "sentence": lambda c: c.sentence,
    "sentence_span": lambda c: list(c.sentence_span), "span": lambda c: list(c.span),
    "stated_km": lambda c: c.stated.json_value, "stated_text": lambda c: c.stated.text,
    "unit": lambda c: c.stated.unit, "qualifier": lambda c: c.stated.qualifier, "subject": lambda c: _ref(c.subject),
    "countries": lambda c: list(c.countries) if c.countries is not None else None,
    "inside": lambda c: c.inside, "along": lambda c: c.along, "region": lambda c: _ref(c.region),
    "direction": lambda c: c.direction, "measured_km": lambda c: _r3(c.measured_km),
    "verdict": lambda c: c.verdict, "reason": lambda c: c.reason, "modality": lambda c: c.modality,
}
# claims.json keys written only when the judge set them (``_MISSING``: absent); ``target`` is written (maybe null)
# whenever the claim has one
_OPTIONAL: dict[str, Callable[[JudgedClaim], Any]] = {
    "target": lambda c: _ref(c.target) if c.has_target else _MISSING,
    "nearest": lambda c: _lonlat(c.nearest),
    "measured_bearing_deg": lambda c: _set(_r3(c.measured_bearing_deg)),
    # an implied location's uncertainty area is drawn, but it is no stated area
    "area_km2": lambda c: _set(_r3(c.area_km2) if c.zone_type != "uncertainty" else None),
    "both_sides": lambda c: _set(c.both_sides),
    "zone_noun": lambda c: _set(c.zone_noun),
    "attributed_to": lambda c: _set(_ref(c.attributed_to)),
    "implied_point": lambda c: _lonlat(c.implied_point),
    "uncertainty_km": lambda c: _set(_r3(c.uncertainty_km)),
    "subject_alternatives": lambda c: [a.to_json() for a in c.alternatives] if c.alternatives else _MISSING,
}
