"""Judge "X is N km from the front line" (or the LoC, a river) against a line from the user's ``--lines`` file.

The line is the feature of the file that the claim's words name (``claim.line_name`` when the grammar sets it,
else ``claim.border_word``: "front line", "line of control"; see :meth:`geomap.geo.lines.UserLines.find`). The
distance is geodesic from the subject place to the nearest point of the line; a stated direction ("20 km north
of the line") is checked as the side of the line, like a border claim. The reason names the line and its file.
Without a lines file, or when the file has no such line, the claim is not checkable and the reason says so.
"""

from __future__ import annotations

from typing import Any

from geomap.errors import GeomapError
from geomap.judging.context import DocContext, Draft
from geomap.judging.tolerance import BORDER_BEARING_TOLERANCE_DEG, judge_bearing, judge_distance

__all__ = ["judge_line", "LINE_WORDS"]

# the claim words that mean a line only a user file can draw (not a land border of the pack)
LINE_WORDS = frozenset({"front", "front line", "frontline", "line", "line of contact", "contact line",
                        "line of control", "line of actual control", "loc", "lac", "blue line", "ceasefire line",
                        "armistice line", "demarcation line", "dmz"})


def _said(c: Any) -> str:
    return " ".join((getattr(c, "line_name", None) or c.border_word or "front line").split())


def judge_line(c: Any, rec: Draft, ctx: DocContext) -> None:
    """Measure and judge a distance-to-line claim against ``ctx.lines`` (see the module docstring)."""
    said = _said(c)
    if ctx.lines is None:
        rec.reason = f"distance to the {said}: no geometry for it in the offline pack (pass --lines FILE)"
        return
    subj = ctx.cand(c.subject)
    if subj is None or subj.kind != "place":
        what = "is not named" if subj is None else f"{subj.name} is not a point"
        rec.reason = f"the place whose distance to the {said} is stated {what}"
        return
    from geomap.geo.lines import distance_to_line

    try:
        ld = distance_to_line(subj, ctx.lines, said)
    except GeomapError as exc:
        rec.reason = str(exc)
        return
    rec.measured_km = ld.km
    rec.nearest = ld.nearest
    verdict, reason = "drawn", f"{ld.km:.1f} km"
    if c.distance is not None:
        hi = c.distance.high_km if c.distance.is_range else None
        verdict, reason = judge_distance(ld.km, c.distance.low_km, hi, c.distance.qualifier,
                                         negated=c.modality == "negated")
    if c.direction and c.bearing_deg is not None:
        back = (ld.bearing_deg + 180.0) % 360.0  # from the nearest point of the line to the subject
        ok, why = judge_bearing(back, c.bearing_deg, c.direction, BORDER_BEARING_TOLERANCE_DEG)
        reason += "; " + why
        if not ok and verdict in ("consistent", "drawn"):
            verdict = "inconsistent"
    rec.verdict = verdict
    rec.reason = f"{reason}; measured to the line {ld.name!r} of {ld.path}"
    from shapely.geometry import LineString

    rec.line = LineString([(subj.lon, subj.lat), ld.nearest])
