"""What a judge knows about the document: its mentions, the countries it names, the border the claims before
used, the gazetteer, and memoised geometry.

One :class:`DocContext` is made per article and handed to every judge (instead of a long list of positional
arguments); :class:`Draft` is the mutable working copy of a :class:`~geomap.records.JudgedClaim` while a judge
fills it in.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, fields, replace
from typing import Any

from geomap.errors import GeomapError
from geomap.geo.borders import neighbours_of, shares_border
from geomap.records import JudgedClaim

__all__ = ["DocContext", "Draft", "GeoMemo", "neighbours_of", "shares_border", "unnamed_subject_reason"]

_FIELDS = frozenset(f.name for f in fields(JudgedClaim))


class Draft:
    """A mutable working copy of a :class:`JudgedClaim`: attributes read through to the base record until set;
    only the record's field names can be set. :meth:`freeze` gives the new frozen record."""

    __slots__ = ("_base", "_changes")

    def __init__(self, base: JudgedClaim) -> None:
        """Start from ``base``."""
        object.__setattr__(self, "_base", base)
        object.__setattr__(self, "_changes", {})

    def __getattr__(self, name: str) -> Any:
        """The changed value of field ``name``, else the base record's."""
        changes = object.__getattribute__(self, "_changes")
        if name in changes:
            return changes[name]
        return getattr(object.__getattribute__(self, "_base"), name)

    def __setattr__(self, name: str, value: Any) -> None:
        """Set field ``name`` (an AttributeError for a name that is not a field of JudgedClaim)."""
        if name not in _FIELDS:
            raise AttributeError(f"JudgedClaim has no field {name!r}")
        self._changes[name] = value

    def add_reason(self, text: str) -> None:
        """Append ``text`` to the reason ("; "-separated)."""
        self.reason = (self.reason + "; " + text) if self.reason else text

    def freeze(self) -> JudgedClaim:
        """The frozen record with every change applied."""
        return replace(self._base, **self._changes) if self._changes else self._base


class GeoMemo:
    """:mod:`geomap.geo` with memoised band/zone/distance/offset calls: a view on the per-process geometry cache
    (:mod:`geomap.geo.cache`), so a question repeated in a long text or across a corpus is computed once.

    With the process cache off (``GEOMAP_GEOMETRY_CACHE=0``) calls are memoised per document only, as before.
    Errors are memoised too.
    """

    _MEMOISED = frozenset({"band", "zone", "distance", "distance_to_border", "border_between", "offset"})

    def __init__(self, mod: Any = None) -> None:
        """Wrap ``mod`` (default :mod:`geomap.geo`)."""
        if mod is None:
            from geomap import geo as mod
        self._mod = mod
        self._cache: dict = {}

    def __getattr__(self, name: str) -> Any:
        """The geo function ``name``, memoised when it is one of the costly ones."""
        fn = getattr(self._mod, name)
        if name not in self._MEMOISED:
            return fn
        from geomap.geo import cache

        def call(*args: Any, **kw: Any) -> Any:
            if cache.enabled():
                return cache.through_cache(name, fn, args, kw)
            key = cache.key_of(name, args, kw)
            if key not in self._cache:
                try:
                    self._cache[key] = (True, fn(*args, **kw))
                except GeomapError as exc:
                    self._cache[key] = (False, exc)
            ok, val = self._cache[key]
            if not ok:
                raise val
            return val

        self.__dict__[name] = call  # later look-ups of this name skip __getattr__
        return call


# a reference or zone centre named for a facility: the gazetteer holds the place, never the facility
FACILITY_WORD = re.compile(r"\b(?:plant|station|reactor|refinery|airport|base|depot|dam|bridge|terminal|facility|"
                           r"palace|headquarters|garrison|barracks|airfield|hospital|checkpoint|compound|embassy|"
                           r"prison|crossing|gate|temple|mosque|monastery)\b", re.IGNORECASE)


def _river_reason(text: str | None, what: str) -> str | None:
    """Why a reference or subject named "<X> River" is not measured (the pack has no rivers), else None."""
    if text and re.search(r"\brivers?$", text, re.IGNORECASE):
        return f"{what}, {text}, is a river: the pack has no rivers (not the place it is named after)"
    return None


def unknown_reference_reason(text: str, what: str = "the reference") -> str:
    """Why a reference named as written (not resolved) is not measured: a river, a facility, or a name the gazetteer
    lacks."""
    if (river := _river_reason(text, what)) is not None:
        return river
    if FACILITY_WORD.search(text):
        return (f"{what}, {text}, is a facility the gazetteer does not locate (it may lie well away from the place "
                "it is named after)")
    return f"{what}, '{text}', is not in the gazetteer"


def unnamed_subject_reason(c: Any, default: str, what: str = "the subject") -> str:
    """Why a claim whose subject is not a resolved place cannot be checked: a facility named after a place, a name
    the gazetteer lacks, or nothing named (``default``)."""
    if c.subject_kind == "facility" and (river := _river_reason(c.subject_text, what)) is not None:
        return river
    if c.subject_kind == "facility" and c.subject_text:
        return (f"{what}, {c.subject_text}, is a facility the gazetteer does not locate (it may lie well away from "
                "the place it is named after, as the Zaporizhzhia plant does)")
    if c.subject_kind == "unresolved" and c.subject_text:
        return f"'{c.subject_text}' is not in the gazetteer"
    if c.subject_kind == "area" and c.subject_text:
        return f"{what}, {c.subject_text}, is an area named after a place, not the place's point"
    if c.subject_kind == "unnamed" and c.subject_text:
        return f"{what}, '{c.subject_text}', is not a named place"
    return default


@dataclass
class DocContext:
    """The document as the judges see it.

    ``mentions`` are the resolved mentions (claims refer to them by index); ``countries`` counts the country of
    every resolved mention; ``last_pair`` is the (inside, other) border pair of the latest border or band claim
    (a later "the border" may mean it); ``gaz`` the gazetteer (None: no namesake checks); ``geo`` memoised
    :mod:`geomap.geo`.
    """

    text: str
    mentions: list
    gaz: Any = None
    geo: Any = field(default_factory=GeoMemo)
    last_pair: tuple[str, str] | None = None
    alt_cache: dict = field(default_factory=dict)
    lines: Any = None  # the user's lines (geomap.geo.lines.UserLines) for front-line and river claims
    countries: Counter = field(init=False)

    def __post_init__(self) -> None:
        """Count the document's countries."""
        cnt: Counter = Counter()
        for m in self.mentions:
            if m.cand is not None and m.cand.country:
                cnt[m.cand.country] += 1
        self.countries = cnt

    def cand(self, i: int | None) -> Any:
        """The resolved candidate of mention ``i`` (None for None or an unresolved mention)."""
        return None if i is None else self.mentions[i].cand

    def neighbour(self, code: str, exclude: set[str]) -> str | None:
        """The most-mentioned country of the document that shares a land border with ``code``."""
        for cc, _n in self.countries.most_common():
            if cc != code and cc not in exclude and shares_border(code, cc):
                return cc
        return None

    def pair(self) -> tuple[str, str] | None:
        """The two most-mentioned countries of the document that share a land border."""
        top = [c for c, _n in self.countries.most_common(6)]
        for i, a in enumerate(top):
            for b in top[i + 1:]:
                if shares_border(a, b):
                    return (a, b)
        return None
