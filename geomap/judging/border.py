"""Judge "X is N km from the border": the geodesic distance from a place to a land border.

Inference order for which border is meant:

1. The countries the claim names ("the border with Chad", "the Russian border"): two named → that pair; one named
   that is not the subject's country → (subject's country, that one); one named that is the subject's own → its
   most-mentioned neighbour in the document.
2. None named: the border of the claim before, if it is a border of the subject's country; else the subject's
   country and the land neighbour scored highest by where it is mentioned (:data:`MENTION_WEIGHTS`: the claim's
   sentence 3, the two sentences before 2, the title 2, elsewhere 1); and if that border is far (> 3× + 20 km)
   while another land border of the subject's country is near, the nearest one ("Goma is 2 km from the border" in
   an article naming Congo). When the runner-up scores at least 75 % of the top and its border gives another
   verdict, the claim is not_checkable and the reason gives both measurements.
3. No neighbour named anywhere: the nearest land border of the subject's country. The reason says which border
   was assumed and why. A figure that misses it but fits another land border of that country is not_checkable with
   both; so is one that misses it while the text names a country with no land border to the subject's in the data.

Front lines and the Line of Control are measured against the user's ``--lines`` file when one is given
(:mod:`geomap.judging.line`); without it they are not judged (no geometry in the pack), nor are an unnamed subject or a facility, a
region or country as subject (not a point). A stated direction ("40 km north of the border") is checked as the side
of the line: the bearing from the nearest border point within ±60°.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from geomap.errors import GeomapError
from geomap.judging.context import DocContext, Draft, neighbours_of, shares_border, unnamed_subject_reason
from geomap.judging.line import LINE_WORDS, judge_line
from geomap.judging.tolerance import (
    BORDER_BEARING_TOLERANCE_DEG,
    BORDER_DATA_ERROR_KM,
    ROAD_SAID_RE,
    judge_bearing,
    judge_distance,
    may_be_road_distance,
    tolerance,
    urban_radius_km,
)
from geomap.text.units import qualifier_class

__all__ = ["judge_border"]

EDGE_SHARE = 0.2  # a city's edge is a reading of a border distance when its radius is ≥ this share of the figure

_FRONT_WORDS = ("front", "front line", "frontline", "line", "line of contact", "contact line")


# lines of control are not the border lines of the pack, however the text spells them ("the LoC", "the LAC")
_CONTROL_LINES = {"line of control": "Line of Control", "loc": "Line of Control (LoC)",
                  "line of actual control": "Line of Actual Control", "lac": "Line of Actual Control (LAC)"}


# borders known by a name of their own ("30 km from the Durand Line"): the pair of countries they part
_NAMED_LINES = {"durand line": ("AF", "PK")}


def _named_countries(c: Any, ctx: DocContext) -> list[str]:
    out: list[str] = []
    for i in c.border_mentions:
        cand = ctx.cand(i)
        cc = cand.country if cand is not None else None
        if cc and cc not in out:
            out.append(cc)
    return out


def _unjudgeable(c: Any, rec: Draft, subj: Any, explicit: list[str]) -> bool:
    """Set the reason and return True when the claim cannot be measured at all."""
    if c.border_word and re.sub(r"\s+", " ", c.border_word) in ("nll", "northern limit line"):
        rec.reason = "distance to the Northern Limit Line (a maritime line): no geometry for it in the offline pack"
        return True
    if c.border_word in _FRONT_WORDS:
        rec.reason = "distance to the front line: no front-line geometry in the offline pack"
        return True
    said = re.sub(r"\s+", " ", c.border_word or "")
    if said in _CONTROL_LINES:
        rec.reason = (f"distance to the {_CONTROL_LINES[said]}: no geometry for it in the offline pack (not the "
                      "international border; pass --lines FILE)")
        return True
    if c.border_word == "dmz":
        # the Korean DMZ is a 4 km band about the demarcation line, not the line itself
        rec.reason = "distance to the DMZ: no geometry for its edges in the offline pack (pass --lines FILE)"
        return True
    if subj is None:
        rec.reason = unnamed_subject_reason(c, "the place whose distance to the border is stated is not named")
        if explicit:
            rec.countries = tuple(explicit)
        return True
    if subj.kind != "place":
        rec.reason = (f"{subj.name} is a {'region' if subj.kind == 'admin1' else subj.kind}, not a point: its "
                      "distance to the border is not a single number")
        return True
    return False


# where a neighbour is mentioned says how likely "the border" is its border: the claim's sentence, the two
# sentences before it (~400 characters), the title (the first line), anywhere else
MENTION_WEIGHTS = {"sentence": 3.0, "before": 2.0, "title": 2.0, "elsewhere": 1.0}
CLOSE_SCORES = 0.75  # a runner-up with at least this share of the top score is a plausible other border


def neighbour_scores(c: Any, s: str, ctx: DocContext) -> list[tuple[float, str]]:
    """Land neighbours of ``s`` mentioned in the document, scored by where (:data:`MENTION_WEIGHTS`), best first."""
    ss, se = c.sentence
    title_end = ctx.text.find("\n")
    scores: dict[str, float] = {}
    for m in ctx.mentions:
        cc = m.cand.country if m.cand is not None else None
        if not cc or cc == s or cc not in neighbours_of(s):
            continue
        if ss <= m.start < se:
            where = "sentence"
        elif ss - 400 <= m.start < ss:
            where = "before"
        elif 0 <= m.start < title_end:
            where = "title"
        else:
            where = "elsewhere"
        scores[cc] = scores.get(cc, 0.0) + MENTION_WEIGHTS[where]
    return sorted(((v, k) for k, v in scores.items()), key=lambda t: (-t[0], t[1]))


def _country_by_polygon(subj: Any, explicit: list[str]) -> str:
    """The subject's country, unless it has no land border with the one other country named and the subject's
    point lies in a neighbour of that country ("Smara lies about 80 km from the border with Mauritania": GeoNames
    codes Smara MA, the pack's polygons put it in Western Sahara, EH)."""
    s = subj.country
    if len(explicit) != 1 or explicit[0] == s or shares_border(s, explicit[0]):
        return s
    from geomap.geo.borders import country_at

    where = country_at(subj.lon, subj.lat)
    return where if where is not None and where != explicit[0] and shares_border(where, explicit[0]) else s


def _pair_from_text(c: Any, s: str, explicit: list[str], ctx: DocContext) -> tuple[str, str] | None:
    """The (subject's country, other) pair the claim or the document names (steps 1–2 of the module docstring)."""
    if len(explicit) >= 2:
        return (explicit[0], explicit[1])
    if len(explicit) == 1 and explicit[0] != s:
        return (s, explicit[0])
    if not explicit and ctx.last_pair and s in ctx.last_pair:
        return ctx.last_pair
    ranked = neighbour_scores(c, s, ctx)
    return (s, ranked[0][1]) if ranked else None


def _nearest_border(subj: Any, s: str, ctx: DocContext) -> Any:
    best = None
    for nb in neighbours_of(s):
        try:
            cand = ctx.geo.distance_to_border(subj, s, nb)
        except GeomapError:
            continue
        if best is None or cand.km < best.km:
            best = cand
    return best


def _oriented(bd: Any, s: str) -> tuple[str, str]:
    return (bd.a.code, bd.b.code) if bd.a.code == s else (bd.b.code, bd.a.code)


def _choose_border(subj: Any, explicit: list[str], ctx: DocContext, c: Any = None
                   ) -> tuple[Any, tuple[str, str], str, Any] | None:
    """The border distance, the (subject's country, other) pair, the "assumed" note, and the border of the
    article's context when the nearest one was taken instead of it (else None); None when no border."""
    s = _country_by_polygon(subj, explicit)
    pair = _pair_from_text(c, s, explicit, ctx)
    if pair is None:
        bd = _nearest_border(subj, s, ctx)
        if bd is None:
            return None
        pair = _oriented(bd, s)
        which = "the other side is not named" if explicit else "no country named"
        return bd, pair, f"; {which}: nearest land border ({pair[0]}–{pair[1]}) assumed", None
    bd = ctx.geo.distance_to_border(subj, pair[0], pair[1])
    if not explicit:
        best = _nearest_border(subj, s, ctx)
        if best is not None and bd.km > 3 * best.km + 20:
            far = f"{pair[0]}–{pair[1]}"
            pair = _oriented(best, s)
            return best, pair, (f"; no country named: nearest land border ({pair[0]}–{pair[1]}) assumed (the {far} "
                                "border of the article's context is far)"), bd
    return bd, pair, "", None


def _line_stops_short(c: Any, rec: Draft, subj: Any, pair: tuple[str, str], bd: Any) -> None:
    """The nearest point is where the land border in the data stops (a coast, an estuary) and the other country
    lies nearer across the water ("Teknaf is about 3 km from the Myanmar border": Natural Earth's Bangladesh–Myanmar
    line ends 23 km north, at the Naf estuary; Myanmar is 3 km across it): the border may run on through the water,
    so a figure that fits one reading only is not_checkable with both; one that fits neither stays inconsistent."""
    from geomap.geo.borders import km_to_country, line_ends_at

    if not line_ends_at(pair[0], pair[1], *bd.nearest):
        return
    other = km_to_country(subj.lon, subj.lat, pair[1], bd.km)
    if other is None or other >= bd.km - 2 * BORDER_DATA_ERROR_KM:
        return
    fits = _verdict_at(c, other) == "consistent"
    if fits and rec.verdict == "consistent":
        return  # both readings agree
    only_line = rec.verdict == "consistent"
    rec.verdict = "not_checkable" if fits or only_line else rec.verdict
    rec.reason += (f"; the {pair[0]}–{pair[1]} land border in the data ends {bd.km:.1f} km away, and {pair[1]} lies "
                   f"{other:.1f} km away across the water (or land the data gives to no country): the border may "
                   f"run on through it (a river mouth, an estuary, a disputed area the data leaves open), which the "
                   f"figure "
                   f"{'fits' if fits else 'does not fit (it fits only the end of the line)' if only_line else 'does not fit either'}")


def _inside_another(rec: Draft, subj: Any, said: str, pair: tuple[str, str], km: float) -> None:
    """"The Tajik village of Vorukh sits about 10 km inside Kyrgyzstan": the place lies in another country in the
    data (an exclave, or a namesake), so its distance to its own border is not the depth into the one named."""
    rec.verdict = "not_checkable"
    rec.reason = (f"{subj.name} lies in {pair[0]} in the data, not inside {said} as the claim says (an exclave, or "
                  f"another place of that name): its {km:.1f} km to the {pair[0]}–{pair[1]} border is not the depth "
                  "the figure gives")


def _by_road_to_border(c: Any, rec: Draft, ctx: DocContext) -> None:
    """"Until 1972 the highway ended at El Dorado, 200 miles from the Brazilian border": a sentence that names a
    road, a highway or a drive may give the distance along it (322 km here, 195 km in a straight line); up to
    :data:`ROAD_SAID_FACTOR_MAX` × the straight line that is not_checkable, not "inconsistent". Without such a
    word a border distance is taken as a straight line."""
    sentence = ctx.text[c.sentence[0]:c.sentence[1]]
    if not ROAD_SAID_RE.search(sentence) or not may_be_road_distance(rec.measured_km, c.distance.low_km, sentence):
        return
    rec.verdict = "not_checkable"
    rec.reason += (f"; the stated figure is {c.distance.low_km / rec.measured_km:.2f}× the straight line and the "
                   "sentence speaks of a road: it may be the distance along it, and the offline pack holds no roads")


def _named_non_neighbour(c: Any, s: str, ctx: DocContext) -> str | None:
    """A foreign country named in the claim's sentence or the two before it that shares no land border with ``s``
    in the pack's data ("Israeli troops reached Qatana, 10 km into Syrian territory": Natural Earth gives Israel
    and Syria no common border line), else None."""
    ss, se = c.sentence
    for m in ctx.mentions:
        cc = m.cand.country if m.cand is not None else None
        if cc and cc != s and ss - 400 <= m.start < se and cc not in neighbours_of(s):
            return cc
    return None


def _assumed_against_named(c: Any, rec: Draft, subj: Any, ctx: DocContext) -> None:
    """The nearest border was assumed (no neighbour of the subject's country is named) while the text around the
    claim names another country with no land border to it: that country's line is what the figure most likely
    means, and the data has none, so an "inconsistent" on the nearest border is a guess — not_checkable."""
    other = _named_non_neighbour(c, subj.country, ctx)
    if other is None:
        return
    rec.verdict = "not_checkable"
    rec.reason = (f"the text names {other}, which shares no land border with {subj.country} in the border data; "
                  f"the nearest border, {rec.countries[0]}–{rec.countries[1]}, gives {rec.measured_km:.1f} km, "
                  "which the figure does not fit: not a reading of the article")


def _another_border_fits(c: Any, rec: Draft, subj: Any, ctx: DocContext) -> None:
    """The nearest border was assumed (no neighbour named) and the figure misses it, but fits another land border
    of the subject's country ("Baalbek, a Hezbollah stronghold in the Bekaa Valley about 100km from the border":
    Syria's is 9 km away, Israel's 101 km): the text does not say which, so not_checkable with both. Not for an
    open-ended figure ("over 100 km from the border": some far border always fits)."""
    if qualifier_class(c.distance.qualifier) == "min":
        return
    for nb in sorted(neighbours_of(subj.country)):
        if nb == rec.countries[1]:
            continue
        try:
            other = ctx.geo.distance_to_border(subj, subj.country, nb)
        except GeomapError:
            continue
        if _verdict_at(c, other.km) == "consistent":
            rec.verdict = "not_checkable"
            rec.reason = (f"the article does not say which border: the nearest, {rec.countries[0]}–{rec.countries[1]}, "
                          f"gives {rec.measured_km:.1f} km (inconsistent); {subj.country}–{nb} gives {other.km:.1f} "
                          "km, which the figure fits")
            return


def _verdict_at(c: Any, km: float) -> str:
    """The verdict claim ``c``'s figure would get if the border were ``km`` away (another border's reading)."""
    d = c.distance
    return judge_distance(km, d.low_km, d.high_km if d.is_range else None, d.qualifier,
                          negated=c.modality == "negated")[0]


def _context_disagrees(c: Any, rec: Draft, subj: Any, context_bd: Any) -> None:
    """The nearest border was taken over the far one of the article's context ("Baalbek, 100 km north of the
    border" in a story about Israel): if the figure is wrong for the nearest border but right for the context's, the
    article does not say which border is meant — not_checkable, both measurements given, rather than a false
    "inconsistent" on a guess. (A figure right for the nearest border and wrong for the far one keeps its verdict:
    "Goma is about 2 km from the border" in a story that also names the other Congo.)"""
    v2 = _verdict_at(c, context_bd.km)
    if v2 == "consistent" and rec.verdict == "inconsistent":  # the context's border explains the figure
        a, b = _oriented(context_bd, subj.country)
        rec.reason = (f"the article does not say which border: the nearest, {rec.countries[0]}–{rec.countries[1]}, "
                      f"gives {rec.measured_km:.1f} km ({rec.verdict}); {a}–{b}, the border of the article's "
                      f"context, gives {context_bd.km:.1f} km ({v2})")
        rec.verdict = "not_checkable"


def _runner_up(c: Any, rec: Draft, subj: Any, pair: tuple[str, str], ctx: DocContext) -> None:
    """"The border" with two plausible neighbours whose verdicts differ: not_checkable, both measurements given."""
    ranked = neighbour_scores(c, subj.country, ctx)
    if len(ranked) < 2 or ranked[1][0] < CLOSE_SCORES * ranked[0][0]:
        return
    other = next((k for _v, k in ranked[:2] if k != pair[1]), None)
    if other is None:
        return
    try:
        bd2 = ctx.geo.distance_to_border(subj, subj.country, other)
    except GeomapError:
        return
    v2 = _verdict_at(c, bd2.km)
    if v2 != rec.verdict:
        rec.reason = (f"the article does not say which border: {pair[0]}–{pair[1]} gives {rec.measured_km:.1f} km "
                      f"({rec.verdict}), {subj.country}–{other} gives {bd2.km:.1f} km ({v2})")
        rec.verdict = "not_checkable"


def _along_direction(c: Any, rec: Draft, subj: Any, bd: Any) -> None:
    """"Seoul … 56 km south of the DMZ": a figure that misses the nearest border point but fits the border
    measured along the stated direction (due north of the subject) — the article does not say which it means, so
    not_checkable with both. Also when the nearest point lies on another side ("Metula, 1 km south of the Lebanese
    border": a town in a salient, the nearest point is south-west of it, the border due north 1 km away)."""
    reach = 3.0 * max(c.distance.high_km, rec.measured_km) + 10.0
    along = _km_along(subj.lon, subj.lat, (c.bearing_deg + 180.0) % 360.0, bd.b.code, reach)
    if along is None or _verdict_at(c, along) != "consistent":
        return
    rec.verdict = "not_checkable"
    rec.reason += (f"; measured along the stated direction (the border due {_opposite(c.direction)} of "
                   f"{subj.name}) it is {along:.1f} km, which the figure fits: the article does not say which")


@functools.lru_cache(maxsize=4096)
def _km_along(lon: float, lat: float, bearing_deg: float, code: str, max_km: float) -> float | None:
    """:func:`geomap.geo.borders.km_to_country_along`, remembered per process (a corpus asks the same town, bearing
    and reach again: 38 % of the bench archive's calls)."""
    from geomap.geo.borders import km_to_country_along

    return km_to_country_along(lon, lat, bearing_deg, code, max_km)


def _opposite(direction: str) -> str:
    """"south" -> "north", "north-west" -> "south-east" (the compass word the other way round)."""
    swap = {"north": "south", "south": "north", "east": "west", "west": "east"}
    return re.sub(r"north|south|east|west", lambda m: swap[m.group(0)], direction.lower())


def _city_edge(c: Any, rec: Draft, subj: Any) -> None:
    """"Kharkiv is just 15 miles from the Russian border": 32.6 km from the city's point, but its edge (~10 km
    away, estimated from its population) is within the figure — reporters often measure from city limits, and the
    article does not say which, so not_checkable rather than inconsistent. Only where the city's extent is a fair
    part of the figure (≥ :data:`EDGE_SHARE` of it): "Minsk is about 200 km from the border" stays judged."""
    edge = urban_radius_km(getattr(subj, "population", 0))
    _, hi = tolerance(c.distance.qualifier, c.distance.low_km, c.distance.high_km if c.distance.is_range else None)
    if edge >= max(1.0, EDGE_SHARE * c.distance.high_km) and rec.measured_km - edge <= hi < rec.measured_km:
        rec.verdict = "not_checkable"
        rec.reason += (f"; measured from the edge of {subj.name} instead (about {edge:.0f} km from its point, "
                       f"estimated from its population) it would be about {max(rec.measured_km - edge, 0.0):.1f} km, "
                       "which the figure fits: the article does not say which it means")


def _measured_verdict(c: Any, bd: Any) -> tuple[str, str, bool]:
    """The verdict and reason on border distance ``bd`` (with the data's error added for small figures, and the
    side checked for "N km south of the border"), and whether a direction was stated."""
    hi = c.distance.high_km if c.distance.is_range else None
    fine = c.distance.high_km < 5 * BORDER_DATA_ERROR_KM
    verdict, reason = judge_distance(bd.km, c.distance.low_km, hi, c.distance.qualifier,
                                     negated=c.modality == "negated", data_error_km=BORDER_DATA_ERROR_KM if fine else 0.0)
    if fine:
        reason += (f"; the border data (Natural Earth 1:10m) is accurate to about {BORDER_DATA_ERROR_KM:g} km: "
                   "added to the tolerance")
    directed = bool(c.direction) and c.bearing_deg is not None
    side_ok = True
    if directed:
        # "90 km south of the border": the bearing from the nearest border point to the subject
        back = (bd.bearing_deg + 180.0) % 360.0
        side_ok, why = judge_bearing(back, c.bearing_deg, c.direction, BORDER_BEARING_TOLERANCE_DEG)
        reason += "; " + why
        if not side_ok and verdict == "consistent":
            verdict = "inconsistent"
    return verdict, reason, directed


def judge_border(c: Any, rec: Draft, ctx: DocContext) -> None:
    """Measure and judge a ``distance_to_border`` claim (see the module docstring for the inference order)."""
    if ctx.lines is not None and c.border_word and " ".join(c.border_word.split()) in LINE_WORDS:
        judge_line(c, rec, ctx)
        return
    subj = ctx.cand(c.subject)
    explicit = _named_countries(c, ctx) or sorted(_NAMED_LINES.get(c.border_word or "", ()),
                                                  key=lambda cc: subj is None or cc != subj.country)
    if _unjudgeable(c, rec, subj, explicit):
        return
    chosen = _choose_border(subj, explicit, ctx, c)
    if chosen is None:
        rec.reason = f"the article does not say which border of {subj.name} ({subj.country}) is meant"
        return
    bd, pair, assumed, context_bd = chosen
    rec.countries = tuple(pair)
    rec.border = (bd.a.code, bd.b.code)
    rec.measured_km = bd.km
    rec.nearest = (bd.nearest[0], bd.nearest[1])
    verdict, reason, directed = _measured_verdict(c, bd)
    rec.verdict, rec.reason = verdict, reason + assumed
    if verdict == "inconsistent" and directed and c.modality != "negated":
        _along_direction(c, rec, subj, bd)
    if rec.verdict == "inconsistent" and c.modality != "negated":
        _city_edge(c, rec, subj)
        if rec.verdict == "inconsistent":
            _by_road_to_border(c, rec, ctx)
    if rec.verdict in ("inconsistent", "consistent") and c.modality != "negated":
        _line_stops_short(c, rec, subj, pair, bd)
    if rec.verdict == "inconsistent" and c.cue == "inside_country" and explicit and pair[0] != explicit[0]:
        _inside_another(rec, subj, explicit[0], pair, bd.km)
    if rec.verdict == "inconsistent" and "nearest land border" in assumed and context_bd is None:
        _assumed_against_named(c, rec, subj, ctx)
        if rec.verdict == "inconsistent":
            _another_border_fits(c, rec, subj, ctx)
    if context_bd is not None:
        _context_disagrees(c, rec, subj, context_bd)
    elif not explicit and not (ctx.last_pair and subj.country in ctx.last_pair):
        _runner_up(c, rec, subj, pair, ctx)
    from shapely.geometry import LineString

    rec.line = LineString([(subj.lon, subj.lat), bd.nearest])
