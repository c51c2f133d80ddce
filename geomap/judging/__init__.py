"""Claims → measured and judged claims: one judge per claim kind, chosen from :data:`JUDGES`.

A judge takes the claim read from the text (:class:`geomap.text.claims.Claim`, whose entity fields are indices
into the document's mentions), a :class:`~geomap.judging.context.Draft` of its record and the
:class:`~geomap.judging.context.DocContext`; it measures with :mod:`geomap.geo` and sets the verdict and reason.
Then an inconsistent verdict gets a second look (:mod:`geomap.judging.plausibility`: namesakes, implausible
distances). A geometry error becomes ``not_checkable`` with its message as the reason, never a crash.

========================================  =====================================================
kind                                      judge
========================================  =====================================================
``distance_to_border``                    :func:`geomap.judging.border.judge_border`
``distance_between_places``               :func:`geomap.judging.places.judge_between`
``buffer_inside_along_border``            :func:`geomap.judging.band.judge_band`
``radius_around_place``                   :func:`geomap.judging.radius.judge_radius`
``distance_to_line``                      :func:`geomap.judging.line.judge_line` (a line of ``--lines FILE``)
========================================  =====================================================

The tolerance table by qualifier is in :mod:`geomap.judging.tolerance`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from geomap.errors import GeomapError
from geomap.judging.band import judge_band
from geomap.judging.border import judge_border
from geomap.judging.context import DocContext, Draft
from geomap.judging.line import judge_line
from geomap.judging.places import judge_between
from geomap.judging.plausibility import check_foreign, check_implausible, check_namesakes
from geomap.judging.radius import judge_radius
from geomap.judging.tolerance import (
    BEARING_TOLERANCE_DEG,
    BORDER_BEARING_TOLERANCE_DEG,
    LONGEST_GEODESIC_KM,
    beyond_earth,
    implausible,
    judge_bearing,
    judge_distance,
    tolerance,
)
from geomap.records import Alternative, EntityRef, JudgedClaim, Stated

__all__ = ["JUDGES", "judge_claims", "judge_claim", "DocContext", "judge_distance", "judge_bearing", "tolerance",
           "implausible", "BEARING_TOLERANCE_DEG", "BORDER_BEARING_TOLERANCE_DEG"]

Judge = Callable[[Any, Draft, DocContext], None]

JUDGES: dict[str, Judge] = {
    "distance_to_border": judge_border,
    "distance_between_places": judge_between,
    "buffer_inside_along_border": judge_band,
    "radius_around_place": judge_radius,
    "distance_to_line": judge_line,
}

# after a judge: second looks at an inconsistent verdict, in order (each may make it not_checkable)
SECOND_LOOKS: tuple[Judge, ...] = (check_namesakes, check_implausible, check_foreign)


def _subject_ref(c: Any, ctx: DocContext) -> EntityRef | None:
    """The claim's subject: the resolved mention, else the name as written (id None) for a facility or a name the
    gazetteer lacks."""
    ref = EntityRef.of(ctx.cand(c.subject))
    if ref is None and c.subject_text and getattr(c, "subject_kind", None) in ("facility", "unresolved", "unnamed", "area"):
        return EntityRef(None, c.subject_text)
    return ref


# (gazetteer id, name, resolved id) -> (the gazetteer, the alternatives): a corpus names the same few places in
# every article, and the answer depends on nothing else (the entry holds its gazetteer, so the id is not reused)
_ALTERNATIVES: dict[tuple[int, str, str], tuple[Any, tuple[Alternative, ...]]] = {}
_ALTERNATIVES_MAX = 4096


def _alternatives(c: Any, ctx: DocContext) -> tuple[Alternative, ...]:
    """The other candidates for a resolved subject's name (at most 3, best first), so an analyst can pin another."""
    m = ctx.mentions[c.subject] if c.subject is not None else None
    if m is None or m.cand is None or ctx.gaz is None or m.cand.kind != "place":
        return ()
    memo = (id(ctx.gaz), m.name, m.cand.id)
    hit = _ALTERNATIVES.get(memo)
    if hit is not None and hit[0] is ctx.gaz:
        return hit[1]
    try:
        found = ctx.gaz.resolve(m.name, limit=4)
    except GeomapError:
        found = []
    alts = tuple(Alternative(a.id, a.name, a.admin1, a.country, a.score) for a in found if a.id != m.cand.id)[:3]
    if len(_ALTERNATIVES) >= _ALTERNATIVES_MAX:
        _ALTERNATIVES.clear()
    _ALTERNATIVES[memo] = (ctx.gaz, alts)
    return alts


def _base_record(n: int, c: Any, ctx: DocContext) -> JudgedClaim:
    ss, se = c.sentence
    return JudgedClaim(
        alternatives=_alternatives(c, ctx),
        id=f"c{n}", kind=c.kind, cue=c.cue, sentence=ctx.text[ss:se], sentence_span=(ss, se),
        span=(c.start, c.end), stated=Stated.of(c.distance), modality=c.modality,
        subject=_subject_ref(c, ctx), direction=c.direction,
        attributed_to=EntityRef.of(ctx.cand(c.attributed_to)), line_word=getattr(c, "border_word", None),
    )


def _judged(c: Any, rec: Draft, ctx: DocContext) -> Draft:
    """Run the kind's judge and the second looks on ``rec``; errors become not_checkable with their message."""
    if beyond_earth(c.distance.high_km):
        rec.reason = (f"the stated {c.distance.high_km:,.0f} km is longer than any distance on Earth "
                      f"({LONGEST_GEODESIC_KM:,.0f} km)")
        return rec
    try:
        JUDGES[c.kind](c, rec, ctx)
        for look in SECOND_LOOKS:
            if rec.verdict != "inconsistent":
                break
            look(c, rec, ctx)
    except GeomapError as exc:  # GeometryError/InputError from geo: a reason, not a crash
        rec.verdict, rec.reason = "not_checkable", str(exc)
        rec.line = rec.polygon = rec.border = rec.zone_type = None
    except (ValueError, ArithmeticError, RuntimeError) as exc:  # a geometry library failure on odd input
        if os.environ.get("GEOMAP_DEBUG"):
            raise
        rec.verdict = "not_checkable"
        rec.reason = f"the geometry could not be computed ({type(exc).__name__}: {exc})"
        rec.line = rec.polygon = rec.border = rec.zone_type = None
    return rec


def judge_claim(n: int, c: Any, ctx: DocContext) -> JudgedClaim:
    """Judge claim ``c`` (numbered ``n``, 1-based) in document context ``ctx``; updates ``ctx.last_pair``."""
    rec = _judged(c, Draft(_base_record(n, c, ctx)), ctx)
    if rec.border and c.kind in ("distance_to_border", "buffer_inside_along_border"):
        ctx.last_pair = rec.border
    if c.modality not in ("asserted", "negated") or (c.modality == "negated" and rec.verdict == "drawn"):
        rec.reason = (rec.reason + f"; the claim is {c.modality}").lstrip("; ")
    return rec.freeze()


def judge_claims(text: str, claims: Sequence[Any], mentions: list, gaz: Any = None,
                 say: Callable[[str], None] | None = None, lines: Any = None) -> list[JudgedClaim]:
    """Judge every claim of a document, in text order (ids ``c1``, ``c2``…); ``say`` hears progress;
    ``lines``: the user's :class:`geomap.geo.lines.UserLines` (front lines, rivers) or None."""
    ctx = DocContext(text, mentions, gaz, lines=lines)
    step = max(250, -(-len(claims) // 10))  # progress about every 10 % on long articles
    out = []
    for n, c in enumerate(claims, 1):
        if say is not None and n % step == 0:
            say(f"measured {n:,} of {len(claims):,} claims")
        out.append(judge_claim(n, c, ctx))
    return out
