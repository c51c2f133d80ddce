"""Judge "X is N km (direction) of Y": the geodesic distance and initial bearing between two places.

Inference order:

1. Subject and reference both resolved places: measure from the reference towards the subject; a stated direction
   must match the bearing within ±30°.
2. The subject is the reference itself with a direction ("positions 3 km north of the city"), or no named subject
   but a direction ("the convoy stopped 12 km north of Kharkiv"): nothing to check, but the implied location is
   drawn as an offset point with an uncertainty area from the qualifier's tolerance.
3. "N km south of the capital" with no name: the capital of the country named with it ("the Sudanese capital"),
   else of the subject's country, else of the only country the document names or of the one most names before
   the claim are in (Natural Earth's capital, resolved in that country; the reason says so).
4. Otherwise not checkable: an unnamed subject or reference, a region or country (not a point), or both names
   resolving to the same place.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from gazetteer.errors import GazetteerError
from geomap.judging.context import DocContext, Draft, unknown_reference_reason, unnamed_subject_reason
from geomap.judging.line import LINE_WORDS, judge_line
from geomap.judging.tolerance import (
    ROAD_FACTOR_MAX,
    fmt_km,
    judge_bearing,
    judge_distance,
    may_be_road_distance,
    tolerance,
    urban_radius_km,
)
from geomap.records import EntityRef
from geomap.text.subjects import SUBNATIONAL_WORDS

__all__ = ["judge_between"]


def _implied_location(c: Any, rec: Draft, tgt: Any, ctx: DocContext) -> None:
    d = c.distance
    hi = d.high_km if d.is_range else None
    lo, hi_ = tolerance(d.qualifier, d.low_km, hi)
    mid = (d.low_km + (hi if hi is not None else d.low_km)) / 2
    unc = max(mid - lo, (hi_ - mid) if hi_ != float("inf") else mid, 1.0)
    off = ctx.geo.offset(tgt, mid, c.bearing_deg, uncertainty_km=min(unc, mid))
    why = unnamed_subject_reason(c, "the subject is not a named place")
    if (odd := _implied_elsewhere(c, tgt, off, ctx)) is not None:
        rec.reason = f"{why}; {fmt_km(mid)} km {c.direction} of {tgt.name} {odd}, so no implied location is drawn"
        return
    rec.polygon, rec.area_km2 = off.uncertainty, off.uncertainty_area_km2
    rec.zone_type = "uncertainty"
    rec.implied_point = (off.lon, off.lat)
    rec.uncertainty_km = min(unc, mid)
    rec.reason = f"{why}; implied location drawn {fmt_km(mid)} km {c.direction} of {tgt.name} (± {min(unc, mid):.1f} km)"


def _implied_elsewhere(c: Any, tgt: Any, off: Any, ctx: DocContext) -> str | None:
    """Why an implied point is no place the text can mean, or None: it falls at sea ("Elwak town, about 436 km
    south of Mogadishu": 400 km offshore), or in a country the article does not name while it names others
    ("Kanpaikti, 78 miles east of Myitkyina" in a Kachin State story: inside China) — the figure may be a road's,
    or the direction loose."""
    from geomap.geo.borders import country_at

    where = country_at(off.lon, off.lat)
    if where is None:
        return "falls at sea"
    named = {m.cand.country for m in ctx.mentions if m.cand is not None and m.cand.country}
    if where != tgt.country and where not in named:
        return f"falls in {where}, a country the article does not name"
    return None


def _not_measurable(subj: Any, tgt: Any) -> str | None:
    if subj is None or tgt is None:
        return ("the subject of the distance is not a named place the gazetteer knows" if subj is None
                else "the place the distance is measured from is not named")
    if subj.kind != "place" or tgt.kind != "place":
        r = subj if subj.kind != "place" else tgt
        return (f"{r.name} is a {'region' if r.kind == 'admin1' else r.kind}, not a point: "
                "a distance from it is not a single number")
    if subj.id == tgt.id:
        return "subject and reference resolve to the same place"
    return None


def _edge_to_edge(c: Any, rec: Draft, subj: Any, tgt: Any) -> None:
    """A figure shorter than the centre-to-centre distance that fits when measured from the larger city's edge
    ("Borodianka, 40 km northwest of Kyiv": 47 km between the points, Kyiv's edge ~17 km from its point): the article
    does not say which, so not_checkable with both readings, not a verdict on one of them."""
    d = c.distance
    # the larger city's edge: "N km from Kyiv" is often to the city limits; both edges would stretch every figure
    big = max((tgt, subj), key=lambda x: getattr(x, "population", 0) or 0)
    edges = urban_radius_km(getattr(big, "population", 0))
    _, hi = tolerance(d.qualifier, d.low_km, d.high_km if d.is_range else None)
    if rec.measured_km - edges <= hi < rec.measured_km:  # some reading between edges and points fits
        rec.verdict = "not_checkable"
        rec.reason += (f"; measured from the edge of {big.name} instead (about {edges:.0f} km from its point, "
                       f"estimated from its population) it would be {max(rec.measured_km - edges, 0.0):.1f}–"
                       f"{rec.measured_km:.1f} km, which the figure fits: the article does not say which it means")


def _by_road(c: Any, rec: Draft, ctx: DocContext) -> None:
    """A figure longer than the geodesic distance by no more than a road's detour ("Belgorod, some 700 km south
    of Moscow": 577 km in a straight line, about 690 km by road): reporters often give the road distance, and the
    article does not say which, so not_checkable rather than a verdict on the straight line. A figure shorter than
    the straight line, or one said "as the crow flies", is judged as before."""
    if rec.verdict != "inconsistent" or c.distance.is_range and c.distance.high_km < rec.measured_km:
        return
    if may_be_road_distance(rec.measured_km, c.distance.low_km, ctx.text[c.sentence[0]:c.sentence[1]]):
        rec.verdict = "not_checkable"
        said = re.search(r"\bby\s+(?:road|car)\b", ctx.text[c.sentence[0]:c.sentence[1]], re.IGNORECASE)
        rec.reason += (f"; the stated figure is {c.distance.low_km / rec.measured_km:.2f}× the straight line, "
                       f"within a road's usual detour (≤ {ROAD_FACTOR_MAX:g}×): " +
                       ("the article gives it by road, and the offline pack holds no roads" if said else
                        "it may be the distance by road, and the article does not say which"))


@functools.lru_cache(maxsize=256)
def _capital_name(code: str) -> str | None:
    """The capital's name of country ``code`` in the pack (Natural Earth), or None."""
    from geomap.pack import read

    c = read.countries()
    hit = c.loc[c.code == code, "capital"] if "capital" in c.columns else []
    return str(hit.iloc[0]) if len(hit) and isinstance(hit.iloc[0], str) and hit.iloc[0] else None


def _main_country(ctx: DocContext, pos: int) -> str | None:
    """The country most mentions before offset ``pos`` are in ("Russian forces massed near Chernihiv in Ukraine":
    Ukraine), or None when two or more tie ("Troops massed in Belarus. Officials in Ukraine said …")."""
    cnt: Counter = Counter(m.cand.country for m in ctx.mentions if m.start < pos and m.cand is not None and
                           m.cand.country and not getattr(m, "anaphor", False))
    top = cnt.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


def _capital(text: str, subj: Any, ctx: DocContext, pos: int) -> tuple[Any, str] | None:
    """"350 km south of the capital" (El Obeid): the capital of the country named with it ("the Sudanese
    capital"), else of the subject's country, else of the only country the document names, else of the country
    most places named before offset ``pos`` are in; (candidate, how it was read) or None."""
    words = text.split()
    if ctx.gaz is None or not words or words[-1].lower() != "capital":
        return None
    if len(words) > 1 and words[-2].lower() in SUBNATIONAL_WORDS:
        return None  # "the state capital", "the regional capital": a region's seat, never the country's capital
    code = None
    if len(words) > 1 and words[0][:1].isupper():
        try:  # "the Central African capital", "the Sudanese capital"
            code = ctx.gaz.country(" ".join(words[:-1])).country
        except GazetteerError:  # "the Tigray capital": a region's (Mekelle), never the country's — not located
            return None
    where = "" if code else f", where {subj.name} is" if subj is not None else ""
    code = code or (subj.country if subj is not None and subj.kind == "place" else None)
    if code is None and subj is None and len(ctx.countries) == 1:
        # "regions less than 50 km south of the capital" in a document of one country: that country's capital
        code = next(iter(ctx.countries))
        where = ", the only country the document names"
    elif code is None and subj is None:
        code = _main_country(ctx, pos)
        where = ", the country most names before it are in" if code else ""
    name = _capital_name(code) if code else None
    found = ctx.gaz.resolve(name, country=code) if name else []
    if not found:
        return None
    return found[0], f"'the {text}' read as {found[0].name}, the capital of {code}{where}"


def judge_between(c: Any, rec: Draft, ctx: DocContext) -> None:
    """Measure and judge a ``distance_between_places`` claim (see the module docstring)."""
    if c.border_word and " ".join(c.border_word.split()) in LINE_WORDS:
        # "20 km from the front line": the reference is a line only the user's --lines can draw
        rec.target, rec.has_target = EntityRef(None, c.border_word), True
        judge_line(c, rec, ctx)
        return
    subj, tgt = ctx.cand(c.subject), ctx.cand(c.target)
    read_as = None
    if tgt is None and getattr(c, "target_text", None):
        cap = _capital(c.target_text, subj, ctx, c.start)
        if cap is None:
            rec.target, rec.has_target = EntityRef(None, c.target_text), True
            rec.reason = unknown_reference_reason(c.target_text)
            return
        tgt, read_as = cap
    rec.target, rec.has_target = EntityRef.of(tgt), True
    _judge_pair(c, rec, ctx, subj, tgt)
    if read_as:
        rec.reason += f"; {read_as}"


def _judge_pair(c: Any, rec: Draft, ctx: DocContext, subj: Any, tgt: Any) -> None:
    """Judge a distance between the subject and the reference (candidates, either may be None)."""
    if subj is not None and tgt is not None and subj.id == tgt.id and c.bearing_deg is not None:
        # "shelling El Fasher from positions 3 km north of the city": the subject is not the place
        subj = None
        rec.subject = None
    if subj is None and tgt is not None and c.bearing_deg is not None:
        _implied_location(c, rec, tgt, ctx)
        return
    if subj is None and tgt is not None and tgt.kind == "place" and c.distance.qualifier in ("within", "less than"):
        # "the group advanced to within 50 km of Mogadishu": somewhere in the disc of that radius
        z = ctx.geo.zone(tgt, c.distance.high_km)
        rec.polygon, rec.area_km2, rec.zone_type = z.geometry, z.area_km2, "uncertainty"
        why = unnamed_subject_reason(c, "the subject is not a named place")
        rec.reason = f"{why}; implied location within {fmt_km(c.distance.high_km)} km of {tgt.name} (drawn as a circle)"
        return
    why = _not_measurable(subj, tgt)
    if why:
        rec.reason = unnamed_subject_reason(c, why) if subj is None else why
        return
    d = c.distance
    dd = ctx.geo.distance(tgt, subj)  # from the reference place towards the subject
    rec.measured_km, rec.measured_bearing_deg = dd.km, dd.bearing_deg
    verdict, reason = judge_distance(dd.km, d.low_km, d.high_km if d.is_range else None, d.qualifier,
                                     negated=c.modality == "negated")
    ok = True  # the stated direction, if any, matches
    if c.direction and c.bearing_deg is not None:
        ok, why = judge_bearing(dd.bearing_deg, c.bearing_deg, c.direction)
        reason += "; " + why
        if not ok and verdict == "consistent":
            verdict = "inconsistent"
    rec.verdict, rec.reason = verdict, reason
    if verdict == "inconsistent" and ok and c.modality != "negated":
        _edge_to_edge(c, rec, subj, tgt)
        _by_road(c, rec, ctx)
    from shapely.geometry import LineString

    rec.line = LineString([(subj.lon, subj.lat), (tgt.lon, tgt.lat)])
