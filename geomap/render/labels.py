"""How the map words a claim: one place for the label and panel phrasing, built from claims.json-form dicts.

A claim dict has the keys of ``Analysis.to_dict()["claims"]`` (kind, stated_km (km, a number or [low, high]), unit,
qualifier, modality, subject {id, name}, target, countries, inside, along, region, direction, measured_km, verdict,
reason). Nothing here parses article text: the phrase is rebuilt from those fields, so it reads as stated:

- "Sumy → UA–RU border: 27.7 km measured, about 30 km stated"
- "Poltava → UA–RU border: 114 km measured, not within 100 km stated" (negated claims keep their negation)
- "Velyka Pysarivka → UA–RU border: 4.7 km measured, about 3 miles (4.8 km) stated" (the unit as written)
- "Kramatorsk zone: within 5 km radius, denied" / "UA–RU border band, Sumy Oblast: up to 12 km deep inside UA"

Measured and converted figures are rounded to what they can carry: 0.1 km below 100 km, 1 km above.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from geomap.records import KM_PER_UNIT, UNIT_WORDS

__all__ = ["VERDICT_MARKS", "VERDICT_WORDS", "as_written", "claim_head", "claim_detail", "claim_label", "fmt_km",
           "plain_title", "stated_phrase"]

QUALIFIER_WORDS = {"exact": "", "range": "", "about": "about", "nearly": "nearly", "up to": "up to",
                   "within": "within", "less than": "less than", "at least": "at least", "more than": "more than"}
# a mark beside the colour, so verdicts do not rest on colour alone
VERDICT_MARKS = {"consistent": "✓", "inconsistent": "✗", "not_checkable": "?", "drawn": "◇"}
VERDICT_WORDS = {"consistent": "consistent", "inconsistent": "inconsistent", "not_checkable": "not checkable",
                 "drawn": "drawn"}
MODALITY_WORDS = {"hypothetical": "hypothetical", "denied": "denied"}

Namer = Callable[[Mapping[str, Any] | None], str | None]


def _num(x: float) -> str:
    """A stated figure: integers plain ("30"), others to one decimal ("4.8")."""
    r = round(float(x), 1)
    return f"{r:.0f}" if r == int(r) else f"{r:.1f}"


def fmt_km(km: float | None) -> str:
    """A measured distance: "27.7 km" below 100 km, "114 km" above; "?" when missing."""
    if km is None:
        return "?"
    return f"{km:.1f} km" if km < 100 else f"{km:.0f} km"


def _figures(c: Mapping[str, Any]) -> str:
    """The stated figure(s) in the unit as written, with km after a non-km unit: "3 miles (4.8 km)"."""
    st = c.get("stated_km")
    if st is None:
        return "?"
    lo, hi = (st[0], st[1]) if isinstance(st, (list, tuple)) else (st, None)
    unit = c.get("unit") or "km"
    factor = KM_PER_UNIT.get(unit, 1.0)
    one, many = UNIT_WORDS.get(unit, ("km", "km"))
    val = lo / factor if hi is None else None
    word = one if val is not None and round(val, 1) == 1 else many
    written = f"{_num(lo / factor)}–{_num(hi / factor)} {many}" if hi is not None else f"{_num(val)} {word}"
    if unit == "km":
        return written
    km = f"{_num(lo)}–{_num(hi)} km" if hi is not None else f"{_num(lo)} km"
    return f"{written} ({km})"


def stated_phrase(c: Mapping[str, Any]) -> str:
    """The stated distance as the article put it: qualifier, figure, unit, negation ("not within 100 km")."""
    q = QUALIFIER_WORDS.get(c.get("qualifier") or "exact", c.get("qualifier") or "")
    phrase = f"{q} {_figures(c)}".strip()
    return f"not {phrase}" if c.get("modality") == "negated" else phrase


def _name(ref: Any) -> str | None:
    if isinstance(ref, Mapping):
        return ref.get("name") or ref.get("id")
    return str(ref) if ref else None


def _border(c: Mapping[str, Any]) -> str:
    """ "UA–RU border"; with no countries, the line as the text names it ("front line", "LoC", "border": a record's
    ``line_word``), else "unnamed line"."""
    cc = [x for x in (c.get("countries") or []) if x]
    if len(cc) == 1:
        return f"{cc[0]} border"
    if cc:
        return f"{'–'.join(cc)} border"
    word = " ".join((getattr(c, "line_word", None) or "").split())
    return _LINE_NAMES.get(word.lower(), word) if word else "unnamed line"


_LINE_NAMES = {"loc": "LoC", "lac": "LAC", "blue line": "Blue Line", "line of control": "Line of Control",
               "line of actual control": "Line of Actual Control"}


def claim_head(c: Mapping[str, Any], region_name: Namer = lambda r: _name(r),
               place_name: Namer = lambda r: _name(r)) -> str:
    """What the claim is about, naming its places: "Sumy → UA–RU border", "Okhtyrka → Sumy",
    "UA–RU border band, Sumy Oblast", "Kursk zone". ``region_name``/``place_name`` map an entity reference to the
    name to show (default: its resolved name)."""
    kind = c.get("kind")
    subj = (place_name(c.get("subject")) if c.get("subject") else None) or "?"
    if kind == "distance_to_border":
        return f"{subj} → {_border(c)}"
    if kind == "distance_between_places":
        return f"{subj} → {(place_name(c.get('target')) if c.get('target') else None) or '?'}"
    if kind == "buffer_inside_along_border":
        inside, along = c.get("inside") or "?", c.get("along") or "?"
        region = region_name(c.get("region")) if c.get("region") else None
        named = _name(c.get("subject"))  # the zone as written ("demilitarised strip", "security zone")
        head = f"{named} ({inside}–{along} border)" if named else f"{inside}–{along} border band"
        return head + (f", {region}" if region else "")
    if kind == "radius_around_place":
        centre = c.get("target") or c.get("subject")
        centre_name = (place_name(centre) if centre else None) or "?"
        named = _name(c.get("subject")) if c.get("target") else None
        return f"{named} around {centre_name}" if named else f"{centre_name} zone"
    return subj


def claim_detail(c: Mapping[str, Any]) -> str:
    """The figures: "27.7 km measured, about 30 km stated", "about 70 km south stated", "up to 12 km deep inside
    UA", "20 km radius, hypothetical"."""
    kind = c.get("kind")
    stated = stated_phrase(c)
    if kind in ("distance_to_border", "distance_between_places"):
        direction = f" {c['direction']}" if c.get("direction") and kind == "distance_between_places" else ""
        detail = f"{stated}{direction} stated"
        if c.get("measured_km") is not None:
            # a measurement with nothing stated (a geo result, not a claim) is just the measurement
            detail = (f"{fmt_km(c['measured_km'])} measured" if c.get("stated_km") is None
                      else f"{fmt_km(c['measured_km'])} measured, {detail}")
    elif kind == "buffer_inside_along_border":
        side = "on both sides" if c.get("both_sides") else f"inside {c.get('inside') or '?'}"
        detail = f"{stated} deep {side}"
    elif kind == "radius_around_place":
        detail = f"{stated} radius"
    else:
        detail = f"{stated} stated"
    mod = MODALITY_WORDS.get(c.get("modality") or "")
    if mod:
        detail += f", {mod}"
    if c.get("verdict") == "not_checkable":
        detail += ", not checkable"
    return detail


def claim_label(c: Mapping[str, Any], region_name: Namer = lambda r: _name(r),
                place_name: Namer = lambda r: _name(r)) -> str:
    """One line naming the places and the figures: "Sumy → UA–RU border: 27.7 km measured, about 30 km stated"."""
    return f"{claim_head(c, region_name, place_name)}: {claim_detail(c)}"


def as_written(name: str, surface: list[str] | None) -> str:
    """A place's name as the article wrote it, with the gazetteer's name when it is another name:
    "Kobani (‘Ayn al ‘Arab)"; a spelling variant is shown as written ("Azaz" for "I‘zāz", "Krasnopillia" for
    "Krasnopillya"); without a written form, the gazetteer's name. A form in capitals (a dateline) is title-cased
    unless the article also writes the name otherwise."""
    from rapidfuzz import fuzz

    written = [x for x in (surface or []) if x]
    # a dateline's capitals ("NEAR VOVCHANSK, Ukraine") are no spelling: another form, else the name
    s = next((x for x in written if not x.isupper()), None) or (written[0].title() if written else None)
    if not s:
        return name
    a, b = _fold(s), _fold(name)
    if a == b or fuzz.ratio(a, b) >= 75 or (len(a) >= 4 and (a in b or b in a)):
        return s
    return f"{s} ({name})"


def _fold(s: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", s)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)|`+|^#+\s*|~~")


def plain_title(title: str | None) -> str:
    """An article title without Markdown marks: links become their text; emphasis, code ticks and heading hashes
    go."""
    if not title:
        return ""
    s = _MD_LINK.sub(r"\1", str(title))
    s = _MD_MARKS.sub("", s)
    return " ".join(s.split())
