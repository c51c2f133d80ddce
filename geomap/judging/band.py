"""Judge "troops advanced up to 12 km inside Ukraine" / "a 30 km buffer zone along the border": a band inside a
country along its land border with another, optionally limited to an admin-1 region.

Inference order for the two countries (``inside``, ``along``):

1. ``inside``: the country or region named after "inside/into/in" (a region gives its country and limits the band),
   else the country of a place named there ("inside Gaza": also limited to that place's admin-1 region).
2. ``along``: the first other country named after "along" or elsewhere in the sentence.
3. "on both sides" with a side missing: the border of the claim before.
4. Neither named: the border of the claim before, else the document's two most-mentioned neighbouring countries.
5. One side only: the other from the claim before (if it is this border), else the named country's most-mentioned
   neighbour in the document, else — for a region — the one foreign border that region touches.

A band is constructive: it is drawn (``drawn``) at the high end of a range. Not drawn: a band along the front line
(no geometry in the pack), a band whose countries the article does not give, and a "band" as deep as 80 % of its
border's length ("a 14 km strip along Gaza's border with Egypt" is a length).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from geomap.judging.context import DocContext, Draft, shares_border
from geomap.judging.tolerance import fmt_km
from geomap.records import EntityRef

__all__ = ["judge_band"]


@functools.lru_cache(maxsize=256)
def _only_border_of_region(country: str, region_id: str) -> str | None:
    """The ISO2 code of the one neighbour whose land border with ``country`` touches admin-1 ``region_id``."""
    from geomap.pack import read

    a = read.admin1_table()
    if int((a["id"] == region_id).sum()) != 1:
        return None
    poly = read.admin1_geometry(region_id)
    b = read.borders()
    rows = b[(b["a"] == country) | (b["b"] == country)]
    touching = [r["b"] if r["a"] == country else r["a"] for _i, r in rows.iterrows() if r.geometry.intersects(poly)]
    return touching[0] if len(touching) == 1 else None


@dataclass(frozen=True)
class _Region:
    id: str
    name: str
    country: str
    kind: str = "admin1"


@functools.lru_cache(maxsize=1024)
def _admin1_named(country: str | None, name: str | None) -> _Region | None:
    """The admin-1 region ``name`` of ``country`` from the pack, or None."""
    if not country or not name:
        return None
    from geomap.pack import read

    a = read.admin1_table()
    hit = a[(a["country"] == country) & (a["name"] == name)]
    if len(hit) != 1:
        return None
    r = hit.iloc[0]
    return _Region(r["id"], r["name"], country)


def _one_country_region(cand: Any) -> Any:
    """An admin-1 candidate as it is; a world region made of one country's admin-1 regions ("inside PoK": Azad
    Kashmir and Gilgit-Baltistan) as a region of that country; anything else None."""
    if cand is None or cand.kind == "admin1":
        return cand
    if cand.kind != "world_region":
        return None
    from geomap.errors import GeomapError
    from geomap.geo.entities import region

    try:
        r = region(cand)
    except GeomapError:
        return None
    return _Region(r.id, r.name, r.country, "world_region")


def _inside_and_region(c: Any, ctx: DocContext) -> tuple[str | None, Any]:
    """Step 1: the country the band is inside and the admin-1 region limiting it (either may be None)."""
    inside_c = ctx.cand(c.inside)
    region_c = _one_country_region(ctx.cand(c.region))
    if inside_c is not None and inside_c.kind in ("admin1", "world_region"):
        region_c = region_c or _one_country_region(inside_c)
        inside_c = None if region_c is None or inside_c.kind == "world_region" else inside_c
    inside = None
    if inside_c is not None:
        inside = inside_c.country
    elif region_c is not None:
        inside = region_c.country
    elif getattr(c, "inside_place", None) is not None and ctx.cand(c.inside_place) is not None:
        # "a buffer zone up to 1 km deep inside Gaza": the place's country, limited to its admin-1 region
        pc = ctx.cand(c.inside_place)
        inside = pc.country
        region_c = _admin1_named(pc.country, getattr(pc, "admin1", None))
    if region_c is None and inside is not None and (pc := ctx.cand(getattr(c, "inside_place", None))) is not None \
            and pc.country == inside:
        # "into Russia's western border region of Kursk": the country named, the region given by its place
        region_c = _admin1_named(pc.country, getattr(pc, "admin1", None))
    if region_c is not None and inside is not None and region_c.country != inside:
        region_c = None  # "Iraqi Kurdistan" read as Iran's Kordestan: a region of another country is no limit
    return inside, region_c


def _along_named(c: Any, ctx: DocContext, inside: str | None) -> str | None:
    for i in c.along:
        cand = ctx.cand(i)
        cc = cand.country if cand is not None else None
        if cc and cc != inside:
            return cc
    return None


def _other_of(pair: tuple[str, str], code: str) -> str:
    return pair[1] if pair[0] == code else pair[0]


def _sentence_neighbour(c: Any, ctx: DocContext, along: str) -> str | None:
    """A country named in the claim's own sentence that borders ``along`` ("Turkey has announced a 32-km zone
    along the border with Syria": Turkey, never Lebanon from the paragraph before), or None."""
    ss, se = getattr(c, "sentence", (0, 0))
    for m in ctx.mentions:
        cc = m.cand.country if m.cand is not None else None
        if ss <= m.start < se and cc and cc != along and m.cand.kind == "country" and shares_border(along, cc):
            return cc
    return None


def _fill_sides(c: Any, ctx: DocContext, inside: str | None, along: str | None,
                region_c: Any) -> tuple[str | None, str | None]:
    """Steps 3–5 of the module docstring."""
    last = ctx.last_pair
    if c.both_sides and (inside is None or along is None) and last:
        along = along or _other_of(last, inside or last[0])
        inside = inside or last[0]
    if inside is None and along is None:
        pair = last or ctx.pair()
        if pair:
            inside, along = pair
    if inside is None and along is not None:
        inside = _sentence_neighbour(c, ctx, along) or ctx.neighbour(along, {along})
    if inside is None and last and (along is None or along in last):
        # the pair of the claim before, but only if it is this band's border (not another conflict's)
        inside = last[0] if last[0] != along else last[1]
    if inside is not None and along is None:
        along = _other_of(last, inside) if last and inside in last else ctx.neighbour(inside, {inside})
    if inside is not None and along is None and region_c is not None and region_c.country == inside:
        # "a 10-km-deep belt along the border in the Sumy region": the one foreign border that region touches
        along = _only_border_of_region(inside, region_c.id)
    return inside, along


STRETCH_MIN_KM = 50.0  # "near X": the border within max(50 km, 3 × depth) of X
STRETCH_FAR_KM = 100.0  # X farther than this from the border: the whole border (and the reason says so)


def _stretch(c: Any, ctx: DocContext, inside: str, along: str, km: float, region: str | None = None) -> tuple[Any, str]:
    """The stretch of the border a band follows (a lon/lat polygon, or None for the whole border) and the words
    the reason gives it."""
    from geomap.geo import zone_polygon

    ends = getattr(c, "stretch_ends", None)
    near = ctx.cand(getattr(c, "near", None))
    if ends is not None and ctx.cand(ends[0]) is not None and ctx.cand(ends[1]) is not None:
        a, b = ctx.cand(ends[0]), ctx.cand(ends[1])
        pa = ctx.geo.distance_to_border(a, inside, along).nearest
        pb = ctx.geo.distance_to_border(b, inside, along).nearest
        from geomap.geo.geodesy import GEOD

        az, _back, m = GEOD.inv(pa[0], pa[1], pb[0], pb[1])
        mid_lon, mid_lat, _ = GEOD.fwd(pa[0], pa[1], az, m / 2)
        radius = m / 2000.0 * 1.05 + 5.0
        return zone_polygon(mid_lon, mid_lat, radius), f" between {a.name} and {b.name}"
    if near is not None and near.kind == "place":
        bd = ctx.geo.distance_to_border(near, inside, along)
        if bd.km > STRETCH_FAR_KM:
            return None, f" (all of it: {near.name} is {bd.km:.0f} km from the border)"
        reach = max(STRETCH_MIN_KM, 3 * km)
        return zone_polygon(near.lon, near.lat, reach + bd.km), f" within {reach:g} km of {near.name}"
    if region is None:
        for i in getattr(c, "near_before", ()):
            # an incursion with no stretch or region: along the border near a place named just before, when one
            # lies close to this border (else the whole border, and the reason says so)
            pc = ctx.cand(i)
            if pc is None or pc.kind != "place" or pc.country not in (inside, along):
                continue
            bd = ctx.geo.distance_to_border(pc, inside, along)
            reach = max(STRETCH_MIN_KM, 3 * km)
            if bd.km <= reach:
                return (zone_polygon(pc.lon, pc.lat, reach + bd.km),
                        f" within {reach:g} km of {pc.name} (named just before: where the incursion is, inferred)")
        if getattr(c, "cue", None) in ("advance_inside", "from_border_into"):
            return None, " (all of it: the article does not say where along the border the advance is)"
    return None, ""


def _placed_unknown(c: Any, ctx: DocContext, region_c: Any) -> bool:
    """An advance placed at a name the gazetteer lacks ("20 km into Ethiopia from Zalambessa") and nowhere else
    (no region, no place of the gazetteer to follow)."""
    return bool(getattr(c, "near_text", None)) and region_c is None and ctx.cand(getattr(c, "near", None)) is None \
        and getattr(c, "stretch_ends", None) is None and getattr(c, "cue", None) in ("advance_inside", "from_border_into")


AREA_REACH_KM = 30.0  # "advanced 3 km into the X area": X's area reaches this far beyond its centre


def _far_area(c: Any, ctx: DocContext, inside: str, along: str, km: float) -> str | None:
    """Why an advance "N km into the X area" is no band from the border — X lies more than N km +
    :data:`AREA_REACH_KM` from it (the advance is from a front line, which the pack does not hold) — or None."""
    pc = ctx.cand(getattr(c, "inside_place", None))
    if pc is None or pc.kind != "place" or not getattr(c, "area_of", False):
        return None  # "12 km deep into Kursk" may mean the Kursk region: the band is drawn in it
    bd = ctx.geo.distance_to_border(pc, inside, along)
    if bd.km <= km + AREA_REACH_KM:
        return None
    return (f"{pc.name} is {bd.km:.0f} km from the {inside}–{along} border: an advance of {fmt_km(km)} km into its "
            "area is not a depth from the border (likely from a front line, not in the offline pack)")


def judge_band(c: Any, rec: Draft, ctx: DocContext) -> None:
    """Draw a ``buffer_inside_along_border`` claim (see the module docstring for the inference order)."""
    inside, region_c = _inside_and_region(c, ctx)
    along = _along_named(c, ctx, inside)
    said_inside, said_along = inside, along
    inside, along = _fill_sides(c, ctx, inside, along, region_c)
    rec.inside, rec.along = inside, along
    if c.border_word == "front line":
        rec.reason = "a band along the front line: no front-line geometry in the offline pack"
        return
    if c.border_word is not None and c.border_word.lower() not in ("border", "frontier", "boundary") and \
            "fence" not in c.border_word.lower():
        # "a 5-km belt on either side of the LoC": a de facto line, not the countries' border in the pack
        rec.reason = f"a band along the {c.border_word}: no geometry for it in the offline pack (it is not the border)"
        return
    rec.region = None if region_c is None else EntityRef(region_c.id, region_c.name, region_c.kind)
    rec.both_sides = c.both_sides
    if c.zone_noun:
        rec.zone_noun = c.zone_noun
    if inside is None or along is None:
        rec.reason = "the article does not say which countries' border the band follows"
        return
    rec.countries = (inside, along)
    if _placed_unknown(c, ctx, region_c):
        rec.reason = (f"the advance is placed at {c.near_text!r}, which the gazetteer lacks: where along the "
                      f"{inside}–{along} border is not known, so no band is drawn (not the whole border)")
        return
    within = region_c.id if region_c is not None and region_c.country == inside else None
    km = c.distance.high_km
    br = ctx.geo.border_between(inside, along)
    if not c.both_sides and km >= 0.8 * br.length_km:
        # "a 14 km strip along Gaza's border with Egypt" (a 12 km border): the figure is a length, not a depth
        rec.reason = (f"the stated {fmt_km(km)} km is about the length of the {inside}–{along} border "
                      f"({br.length_km:,.0f} km): read as a length, not drawn as a depth")
        return
    if (far := _far_area(c, ctx, inside, along, km)) is not None:
        rec.reason = far
        return
    stretch, said = _stretch(c, ctx, inside, along, km, within)
    b = ctx.geo.band(inside=inside, along=along, km=km, within=within, both_sides=c.both_sides, stretch=stretch)
    rec.polygon, rec.area_km2, rec.border = b.geometry, b.area_km2, (b.border.a.code, b.border.b.code)
    rec.verdict = "drawn"
    where = f" in the {region_c.name} region" if within else ""
    side = " on both sides" if c.both_sides else f" inside {inside}"
    rec.reason = f"band {fmt_km(km)} km deep{side} of the {inside}–{along} border{where}{said}: {b.area_km2:,.0f} km²"
    guessed = [x for x, named in ((inside, said_inside), (along, said_along)) if named is None]
    if guessed:
        rec.reason += (f"; {' and '.join(guessed)} not named with the band: inferred from the article (the border "
                       "of the claim before, the countries it mentions, or the region's one foreign border)")
