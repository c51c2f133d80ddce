"""Second looks at an ``inconsistent`` verdict: is the place resolved the place meant?

1. Namesakes: an inconsistent claim about a small place (< 20,000 people) that has other places of the same name
   and is off by more than 3× (+5 km) becomes ``not_checkable``: the reason names the namesake that fits, or says
   none does (a village the gazetteer does not hold). A moderate miss does too when a namesake in the same
   admin-1 region fits the figure and the stated direction (which of them the article means is not said), or when
   the place is a village (< 5,000 people) whose name three or more places of its country share (the one meant
   may be missing from the gazetteer). Big places and other moderate misses keep their verdict, with the
   ambiguity noted in the reason.
2. Implausible: a measured distance more than ten times the stated one and 100 km off
   (:func:`~geomap.judging.tolerance.implausible`) is not judged as a fact about that place.
3. Foreign: a place of < 100,000 people in a country that nothing else in the article is in (the article names
   others) is not judged either: it is probably a namesake of a place the gazetteer lacks.
"""

from __future__ import annotations

from typing import Any

from geomap.errors import GeomapError
from geomap.judging.context import DocContext, Draft
from geomap.judging.tolerance import implausible, judge_bearing, judge_distance
from geomap.resolution import ABROAD_MAX_POP

__all__ = ["check_namesakes", "check_implausible", "check_foreign"]

SMALL_PLACE_POP = 20_000  # below this a place with namesakes may not be the one meant
VILLAGE_POP = 5_000  # a village whose name COMMON_NAME_COUNT places of its country share: which one is a guess
COMMON_NAME_COUNT = 3


def _alternatives(ctx: DocContext, surface: str, subj: Any) -> list:
    key = (surface, subj.id)
    if key not in ctx.alt_cache:
        try:
            ctx.alt_cache[key] = [a for a in ctx.gaz.resolve(surface, kinds={"place"}, limit=10) if a.id != subj.id]
        except GeomapError:
            ctx.alt_cache[key] = []
    return ctx.alt_cache[key]


def _far_off(measured: float, stated: float) -> bool:
    return measured > 3 * stated + 5 or measured < stated / 3 - 5


def _alt_km(c: Any, rec: Draft, a: Any, ctx: DocContext) -> float | None:
    """The measured km for namesake ``a`` in place of the subject (None: not comparable)."""
    if c.kind == "distance_to_border":
        pair = rec.countries or ()
        if a.country not in pair:
            return None
        other = pair[1] if pair[0] == a.country else pair[0]
        return ctx.geo.distance_to_border(a, a.country, other).km
    tgt = ctx.cand(c.target)
    return ctx.geo.distance(tgt, a).km


def _fitting(c: Any, rec: Draft, alts: list, ctx: DocContext) -> list[tuple[Any, float]]:
    d = c.distance
    hi = d.high_km if d.is_range else None
    fits = []
    for a in alts[:8]:
        try:
            km = _alt_km(c, rec, a, ctx)
        except GeomapError:
            continue
        if km is not None and judge_distance(km, d.low_km, hi, d.qualifier)[0] == "consistent":
            fits.append((a, km))
    return fits


def _same_region(a: Any, subj: Any) -> bool:
    """Whether namesake ``a`` lies in the subject's country and admin-1 region."""
    return a.country == subj.country and bool(a.admin1) and a.admin1 == subj.admin1


def _bearing_fits(c: Any, a: Any, ctx: DocContext) -> bool:
    """Whether namesake ``a`` lies in the stated direction from the reference (True when none is stated)."""
    if c.bearing_deg is None or c.kind != "distance_between_places":
        return True
    dd = ctx.geo.distance(ctx.cand(c.target), a)
    return judge_bearing(dd.bearing_deg, c.bearing_deg, c.direction)[0]


def _guessed_village(c: Any, rec: Draft, ctx: DocContext, surface: str, subj: Any, alts: list) -> bool:
    """A moderate miss about a small place that is no ground for a verdict (then not_checkable, True): a namesake in
    the same region fits the figure and the direction ("the village of Kalynove in the Donetsk region, 25 km
    south-east of Pokrovsk": the region holds four Kalynoves), or a village name that :data:`COMMON_NAME_COUNT`
    or more places of its country share ("Sergiivka, some 15 km from Pokrovsk": the one meant may be one the
    gazetteer does not hold)."""
    n = len(alts) + 1
    near = [(a, km) for a, km in _fitting(c, rec, [a for a in alts if _same_region(a, subj)], ctx)
            if _bearing_fits(c, a, ctx)]
    if near:
        a, km = near[0]
        rec.verdict, rec.line, rec.doubt = "not_checkable", None, "namesake"
        rec.add_reason(f"but '{surface}' is ambiguous ({n} places of that name): another one in "
                       f"{a.admin1 or a.country} ({a.lat:.4f}, {a.lon:.4f}; {km:.1f} km) fits the figure and "
                       "the direction — check which place is meant")
        return True
    national = [a for a in alts if a.country == subj.country]
    if (getattr(subj, "population", None) or 0) >= VILLAGE_POP or len(national) < COMMON_NAME_COUNT - 1:
        return False
    rec.verdict, rec.line, rec.doubt = "not_checkable", None, "namesake"
    fits = _fitting(c, rec, national, ctx)
    other = (f"the one in {fits[0][0].admin1 or fits[0][0].country} ({fits[0][1]:.1f} km) fits" if fits
             else "none of the others fits either: the one meant may be one the gazetteer does not hold")
    rec.add_reason(f"but '{surface}' names {len(national) + 1} villages in {subj.country}; {other}")
    return True


def check_namesakes(c: Any, rec: Draft, ctx: DocContext) -> None:
    """Step 1 of the module docstring, for an inconsistent border or between-places claim."""
    if ctx.gaz is None or c.subject is None or rec.subject is None or rec.measured_km is None:
        return
    m = ctx.mentions[c.subject]
    subj = m.cand
    if subj is None or subj.kind != "place":
        return
    if c.kind == "distance_between_places" and ctx.cand(c.target) is None:
        return
    if c.kind not in ("distance_to_border", "distance_between_places"):
        return
    alts = _alternatives(ctx, m.surface, subj)
    if not alts:
        return
    n = len(alts) + 1
    d = c.distance
    stated = d.high_km if d.is_range else d.low_km
    pop = getattr(subj, "population", None) or 0
    if c.modality == "negated" or pop >= SMALL_PLACE_POP or not _far_off(round(rec.measured_km, 3), stated):
        # off, but not by far: the claim may simply be wrong; a namesake does not excuse it, unless the name is
        # too ambiguous to say which place is meant
        if c.modality != "negated" and pop < SMALL_PLACE_POP and _guessed_village(c, rec, ctx, m.surface, subj, alts):
            return
        rec.add_reason(f"note: '{m.surface}' is ambiguous ({n} places of that name)")
        return
    fits = _fitting(c, rec, alts, ctx)
    rec.verdict, rec.line, rec.doubt = "not_checkable", None, "namesake"
    if fits:
        a, km = fits[0]
        rec.add_reason(f"but '{m.surface}' is ambiguous ({n} places of that name): the one in "
                       f"{a.admin1 or a.country} ({km:.1f} km) fits — check which place is meant")
    else:
        rec.add_reason(f"'{m.surface}' is ambiguous ({n} places of that name) and none is near the stated "
                       "distance: probably a place the gazetteer does not hold")


FOREIGN_PLACE_POP = ABROAD_MAX_POP  # a place smaller than this, alone in its country in the article, may be a namesake


def check_foreign(c: Any, rec: Draft, ctx: DocContext) -> None:
    """Step 3 of the module docstring: an inconsistent claim about a small place in a country nothing else in the
    article is in ("the village of Hula, 2 km from the border" in a Lebanon story resolved to a Syrian town of that
    name) is not judged as a fact about that place."""
    if rec.verdict != "inconsistent" or c.subject is None or c.modality == "negated":
        return
    subj = ctx.cand(c.subject)
    if subj is None or subj.kind != "place" or (getattr(subj, "population", 0) or 0) >= FOREIGN_PLACE_POP:
        return
    others = {m.cand.country for i, m in enumerate(ctx.mentions)
              if i != c.subject and m.cand is not None and m.cand.country and
              getattr(m.cand, "id", None) != subj.id}
    if not others or subj.country in others or _named_neighbour(c, rec, ctx):
        return
    rec.verdict, rec.line, rec.doubt = "not_checkable", None, "namesake"
    rec.add_reason(f"but {subj.name} is in {subj.country}, a country nothing else in the article is in (it names "
                   f"{', '.join(sorted(others))}): probably another place of that name, one the gazetteer may not hold")


def _named_neighbour(c: Any, rec: Draft, ctx: DocContext) -> bool:
    """Whether the claim itself names the far side of the border it was measured to ("Panjgur is about 20 km from
    the Iranian border": Iran borders Panjgur's Pakistan, so the claim places Panjgur there — no namesake doubt)."""
    if getattr(c, "kind", None) != "distance_to_border" or not rec.countries or len(rec.countries) != 2:
        return False
    named = {ctx.cand(i).country for i in getattr(c, "border_mentions", ()) if ctx.cand(i) is not None}
    return rec.countries[1] in named


def check_implausible(c: Any, rec: Draft, ctx: DocContext) -> None:
    """Step 2 of the module docstring, for an inconsistent, non-negated claim with a measured distance."""
    if c.modality == "negated" or rec.measured_km is None:
        return
    if not implausible(round(rec.measured_km, 3), c.distance.high_km):
        return
    subj_c = ctx.cand(c.subject)
    where = f" ({subj_c.admin1 or ''}, {subj_c.country})" if subj_c is not None else ""
    name = rec.subject.name if rec.subject is not None else "the place"
    rec.verdict, rec.line, rec.doubt = "not_checkable", None, "implausible"
    rec.add_reason(f"more than ten times the stated distance: {name}{where} is probably not the place meant")
