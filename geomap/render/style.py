"""Colours, layer titles and per-feature Leaflet styles of the map (no geometry, no text parsing).

Colour-blind safe: verdicts use the Okabe–Ito palette (blue, vermillion, grey, reddish purple), whose colours stay
apart under protanopia, deuteranopia and tritanopia (tests/test_render.py checks the simulated distances), and
never rest on colour alone: labels carry a mark (✓ ✗ ? ◇) and unasserted claims are dashed.
"""

from __future__ import annotations

# verdict -> colour (Okabe & Ito 2008, "Color Universal Design")
VERDICT_COLOURS: dict[str, str] = {
    "consistent": "#0072b2",
    "inconsistent": "#d55e00",
    "not_checkable": "#5f5f5f",
    "drawn": "#cc79a7",
}
UNKNOWN_COLOUR = "#404040"

VERDICT_LABELS: dict[str, str] = {
    "consistent": "consistent with measurement",
    "inconsistent": "inconsistent with measurement",
    "not_checkable": "not checkable",
    "drawn": "drawn from the claim",
}

# layer key -> name shown in the layer control, in drawing order (bottom first)
LAYER_TITLES: dict[str, str] = {
    "regions": "Regions",
    "zones": "Zones and bands",
    "borders": "Borders",
    "distances": "Distances",
    "places": "Places",
}

PLACE_COLOURS = {"location": "#222222", "actor": "#56b4e9"}
GREY_PLACE = "#a6a6a6"  # places no judged claim names: drawn, but do not steer the eye or the view
REGION_COLOUR = "#e69f00"
BORDER_COLOUR = "#111111"


# claims that are not plainly asserted are drawn dashed and lighter
UNASSERTED = frozenset({"hypothetical", "denied", "negated"})


def is_unasserted(props: dict) -> bool:
    """True when the claim's modality says it is hypothetical, denied or negated."""
    return str(props.get("modality") or "").lower() in UNASSERTED


def verdict_colour(verdict: object) -> str:
    """Colour for a verdict string; unknown or missing verdicts are dark grey."""
    return VERDICT_COLOURS.get(str(verdict), UNKNOWN_COLOUR) if verdict is not None else UNKNOWN_COLOUR


def feature_style(key: str, props: dict) -> dict:
    """Leaflet path options for one feature of layer ``key`` given its properties."""
    if key == "places":
        c = PLACE_COLOURS.get(str(props.get("role")), PLACE_COLOURS["location"])
        if props.get("_focus") is False:
            c = GREY_PLACE
        return {"color": "#ffffff", "weight": 1.5, "fillColor": c, "fillOpacity": 0.95, "radius": 6}
    if key == "regions":
        return {"color": REGION_COLOUR, "weight": 2, "dashArray": "6 4", "fillColor": REGION_COLOUR,
                "fillOpacity": 0.12}
    if key == "borders":
        return {"color": BORDER_COLOUR, "weight": 3, "opacity": 0.8}
    if key == "distances":
        checked = props.get("verdict") in ("consistent", "inconsistent")
        return {"color": verdict_colour(props.get("verdict")), "weight": 4, "opacity": 0.95,
                "dashArray": "8 6" if (not checked or is_unasserted(props)) else None}
    if key == "zones":
        c = verdict_colour(props.get("verdict") or "drawn")
        faint = props.get("zone_type") == "uncertainty" or is_unasserted(props)
        return {"color": c, "weight": 2, "fillColor": c, "fillOpacity": 0.12 if faint else 0.3,
                "dashArray": "6 5" if faint else None}
    return {"color": UNKNOWN_COLOUR, "weight": 2}
