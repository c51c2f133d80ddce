"""Judge "a 20 km zone around X" / "within 50 km of X": a geodesic circle around a place.

A zone is constructive: it is drawn (verdict ``drawn``) at the high end of a range, never judged. Not drawn: a
centre the gazetteer does not know, or a facility named after a place ("the Zaporizhzhia nuclear plant" is not the
city).
"""

from __future__ import annotations

from typing import Any

from geomap.judging.context import DocContext, Draft, unnamed_subject_reason
from geomap.records import EntityRef

__all__ = ["judge_radius"]


def judge_radius(c: Any, rec: Draft, ctx: DocContext) -> None:
    """Draw a ``radius_around_place`` claim as a geodesic circle of the stated (high) km around its centre (the
    claim's reference, ``target``; its subject is what lies within, usually unnamed)."""
    subj = ctx.cand(c.target)
    rec.subject, rec.has_target = None, True
    rec.target = EntityRef.of(subj) if subj is not None else (
        EntityRef(None, c.subject_text) if c.subject_kind == "facility" and c.subject_text else None)
    if subj is None:
        rec.reason = unnamed_subject_reason(c, "the centre of the zone is not a place the gazetteer knows",
                                            "the centre of the zone")
        return
    z = ctx.geo.zone(subj, c.distance.high_km)
    rec.polygon, rec.area_km2 = z.geometry, z.area_km2
    rec.verdict = "drawn"
    rec.reason = f"geodesic circle of {c.distance.high_km:g} km around {subj.name}"
