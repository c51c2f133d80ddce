"""Judge "a 20 km zone around X" / "within 50 km of X": a geodesic circle around a place.

A zone is constructive: it is drawn (verdict ``drawn``) at the high end of a range, never judged. Not drawn: a
centre the gazetteer does not know, or a facility named after a place ("the Zaporizhzhia nuclear plant" is not the
city).
"""

from __future__ import annotations

from typing import Any

from geomap.judging.context import DocContext, Draft

__all__ = ["judge_radius"]


def judge_radius(c: Any, rec: Draft, ctx: DocContext) -> None:
    """Draw a ``radius_around_place`` claim as a geodesic circle of the stated (high) km around its centre."""
    subj = ctx.cand(c.subject)
    if subj is None:
        rec.reason = "the centre of the zone is not a place the gazetteer knows"
        if c.subject_text and c.subject_text != "anaphora":
            rec.reason = (f"the centre of the zone, {c.subject_text}, is a facility the gazetteer "
                          "does not locate (the place it is named after is elsewhere)")
        return
    z = ctx.geo.zone(subj, c.distance.high_km)
    rec.polygon, rec.area_km2 = z.geometry, z.area_km2
    rec.verdict = "drawn"
    rec.reason = f"geodesic circle of {c.distance.high_km:g} km around {subj.name}"
