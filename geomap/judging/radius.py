"""Judge "a 20 km zone around X" / "within 50 km of X": a geodesic circle around a place.

A zone is constructive: it is drawn (verdict ``drawn``) at the high end of a range, never judged. Not drawn: a
centre the gazetteer does not know, or a facility named after a place ("the Zaporizhzhia nuclear plant" is not the
city).
"""

from __future__ import annotations

from typing import Any

from geomap.judging.context import DocContext, Draft, unknown_reference_reason
from geomap.judging.tolerance import fmt_km
from geomap.records import EntityRef

__all__ = ["judge_radius"]



def judge_radius(c: Any, rec: Draft, ctx: DocContext) -> None:
    """Draw a ``radius_around_place`` claim as a geodesic circle of the stated (high) km around its centre (the
    claim's reference, ``target``; its subject is what lies within, usually unnamed)."""
    subj = ctx.cand(c.target)
    rec.has_target = True
    text = getattr(c, "target_text", None)
    rec.target = EntityRef.of(subj) if subj is not None else (EntityRef(None, text) if text else None)
    if subj is None:
        if text:
            rec.reason = unknown_reference_reason(text, "the centre of the zone")
        else:
            rec.reason = "the centre of the zone is not named"
        return
    z = ctx.geo.zone(subj, c.distance.high_km)
    rec.polygon, rec.area_km2 = z.geometry, z.area_km2
    rec.verdict = "drawn"
    rec.reason = f"geodesic circle of {fmt_km(c.distance.high_km)} km around {subj.name}"
