"""Stated vs measured: a verdict and a reason for each checkable kilometre claim.

Tolerance by qualifier (s = stated km, m = measured km; ranges give [lo, hi]):

=====================================  ==================================================  ===============
qualifier                              consistent when                                     class
=====================================  ==================================================  ===============
none / about / around / some /         |m − s| ≤ max(0.15·s, 3 km)                         approx
roughly / approximately / only
nearly / almost / just under           min(0.75·s, s − 3) ≤ m ≤ max(1.05·s, s + 1)        nearly
up to / within / less than / under /   m ≤ max(1.10·s, s + 1)                              max
no more than / at most
at least / more than / over            m ≥ 0.90·s                                          min
range "20–30 km"                       0.90·lo ≤ m ≤ 1.10·hi                               range
=====================================  ==================================================  ===============

A direction ("50 km north-west of Donetsk") must also match: the bearing from the reference place to the subject
within ±30° of the stated compass bearing; for a border ("30 km east of the border") the bearing from the nearest
border point within ±60° (the side of a line, not the bearing to a point). A measured distance more than ten times
the stated one and 100 km off (:func:`implausible`) is not judged: the place resolved is probably a namesake. A negated claim ("not within 30 km") is consistent when the positive form
is not. Otherwise ``not_checkable`` with the reason (an entity not resolved, no shared land border...).
Constructive claims (bands, zones) are not judged: their verdict is ``drawn``.

Namesakes (:mod:`geomap.judging.plausibility`): an inconsistent claim about a small place (< 20,000 people) that has
other places of the same name and is off by more than 3x (+5 km) becomes ``not_checkable`` — the reason names the
namesake that fits, or says none does (a village the gazetteer does not hold). Big places and moderate misses keep
their verdict, with the ambiguity noted in the reason. A band as deep as 80 % of its border's length is read as a
length ("a 14 km strip along Gaza's border with Egypt") and not drawn.
"""

from __future__ import annotations

import math
import re

__all__ = ["judge_distance", "judge_bearing", "tolerance", "VERDICTS", "BEARING_TOLERANCE_DEG",
           "BORDER_BEARING_TOLERANCE_DEG", "implausible", "beyond_earth", "LONGEST_GEODESIC_KM",
           "BORDER_DATA_ERROR_KM"]

from geomap.text.units import qualifier_class

VERDICTS = ("consistent", "inconsistent", "not_checkable", "drawn")
BEARING_TOLERANCE_DEG = 30.0
CARDINAL_TOLERANCE_DEG = 45.0  # "north", "east": the word's quarter of a four-point compass ("north" for 328°)
BORDER_BEARING_TOLERANCE_DEG = 60.0  # "30 km east of the border": a side of a line, not a bearing to a point


LONGEST_GEODESIC_KM = 20_004.0  # half the WGS-84 meridian: no two points on Earth are farther apart
# Natural Earth 10m land borders lie within about 1-2 km of the true line: a border distance stated finer than
# this is judged with the error added to its tolerance (and the reason says so)
BORDER_DATA_ERROR_KM = 2.0


def beyond_earth(stated_km: float) -> bool:
    """Whether a stated distance (km) is longer than any distance on Earth."""
    return stated_km > LONGEST_GEODESIC_KM


def implausible(measured_km: float, stated_km: float) -> bool:
    """A measured distance more than ten times the stated one and 100 km off: the place resolved is probably not
    the one meant (a namesake), so the claim is not judged."""
    return measured_km > 10.0 * stated_km + 100.0


def tolerance(qualifier: str | None, low_km: float, high_km: float | None = None) -> tuple[float, float]:
    """The interval [min_km, max_km] of measured values consistent with the stated value and qualifier."""
    hi = low_km if high_km is None else high_km
    s = low_km
    cls = "range" if hi != low_km else qualifier_class(qualifier)
    if cls == "range":
        return 0.9 * low_km, 1.1 * hi
    if cls == "max":
        return 0.0, max(1.10 * s, s + 1.0)
    if cls == "min":
        return 0.9 * s, float("inf")
    if cls == "nearly":
        return max(0.0, min(0.75 * s, s - 3.0)), max(1.05 * s, s + 1.0)
    tol = max(0.15 * s, 3.0)
    return max(0.0, s - tol), s + tol


def _fmt(km: float) -> str:
    return f"{km:.1f}" if km < 100 else f"{km:.0f}"


def fmt_km(km: float) -> str:
    """A stated figure (km) for a reason: "12", "0.3", "29" (18 miles: 28.968 km), "12.5", "0.25" — two decimals
    below 1 km, one below 100 km, whole km above, no trailing zeros."""
    if km >= 100:
        return f"{km:,.0f}"
    text = f"{km:.{2 if km < 1 else 1}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def judge_distance(measured_km: float, low_km: float, high_km: float | None = None, qualifier: str | None = None,
                   *, negated: bool = False, data_error_km: float = 0.0) -> tuple[str, str]:
    """Verdict ("consistent"/"inconsistent") and a one-line reason for a measured distance in km.

    ``data_error_km`` widens the accepted window on both sides by the error of the data measured against (km).
    """
    lo, hi = tolerance(qualifier, low_km, high_km)
    lo, hi = max(0.0, lo - data_error_km), hi + data_error_km
    ok = lo <= measured_km <= hi
    if hi == float("inf"):
        window = f"≥ {_fmt(lo)} km"
    elif lo <= 0.0:
        window = f"≤ {_fmt(hi)} km"
    else:
        window = f"{_fmt(lo)}–{_fmt(hi)} km"
    q = qualifier or "exact"
    stated = _fmt(low_km) if high_km in (None, low_km) else f"{_fmt(low_km)}–{_fmt(high_km)}"
    reason = f"measured {_fmt(measured_km)} km; stated {q} {stated} km accepts {window}"
    if negated:
        ok = not ok
        reason += " (the claim is negated)"
    return ("consistent" if ok else "inconsistent"), reason


def _angle_diff(a: float, b: float) -> float:
    d = abs((a - b) % 360.0)
    return min(d, 360.0 - d)


def judge_bearing(measured_deg: float, stated_deg: float, direction: str,
                  tolerance_deg: float | None = None) -> tuple[bool, str]:
    """Whether a measured bearing (degrees) matches a stated compass direction within ±``tolerance_deg``, and
    why. By default ±:data:`BEARING_TOLERANCE_DEG`, and ±:data:`CARDINAL_TOLERANCE_DEG` for a cardinal word
    (reporters write "north" for anything nearer north than east or west)."""
    if tolerance_deg is None:
        tolerance_deg = CARDINAL_TOLERANCE_DEG if stated_deg % 90.0 == 0.0 else BEARING_TOLERANCE_DEG
    diff = _angle_diff(measured_deg, stated_deg)
    ok = diff <= tolerance_deg
    return ok, (f"bearing {measured_deg:.0f}° vs {direction} ({stated_deg:.0f}°): "
                f"{'within' if ok else 'off by'} {diff:.0f}°{'' if ok else f' (> {tolerance_deg:g}°)'}")


ROAD_FACTOR_MAX = 1.6  # a road between two places is typically 1.2–1.4× their geodesic distance, up to ~1.6× in hills (route circuity)
_STRAIGHT_RE = re.compile(r"\bas the crow flies\b|\bstraight[- ]line\b|\bin a straight line\b|\bairline\b",
                          re.IGNORECASE)


ROAD_SAID_FACTOR_MAX = 1.7  # a road the sentence itself names (mountain and forest roads wind up to ~1.7×)
ROAD_SAID_RE = re.compile(r"\b(?:by\s+(?:road|car)|drive|driving|highway|road|route|motorway)\b", re.IGNORECASE)


def may_be_road_distance(measured_km: float, low_km: float, sentence: str) -> bool:
    """Whether a stated figure longer than the geodesic distance fits a road distance: at most
    :data:`ROAD_FACTOR_MAX` times the straight line (:data:`ROAD_SAID_FACTOR_MAX` when the sentence names a road,
    a highway or a drive), and the sentence does not say "as the crow flies"."""
    factor = ROAD_SAID_FACTOR_MAX if ROAD_SAID_RE.search(sentence) else ROAD_FACTOR_MAX
    return measured_km < low_km <= factor * measured_km and not _STRAIGHT_RE.search(sentence)


URBAN_DENSITY_PER_KM2 = 3_000.0  # people per km² of a city's built-up area, for its extent only (no areas in GeoNames)


def urban_radius_km(population: int | float | None) -> float:
    """Radius (km) of a disc holding ``population`` at :data:`URBAN_DENSITY_PER_KM2`: how far a city's edge may
    lie from its point (Kyiv, 2.9 M: ~17.5 km, its 839 km² give 16.3 km; a town of 12,000: ~1.1 km). Reporters often measure from city limits."""
    return math.sqrt(max(float(population or 0), 0.0) / URBAN_DENSITY_PER_KM2 / math.pi)
