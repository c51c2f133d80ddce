"""QGIS styles (QML) for the GeoPackage layers, so QGIS opens layers.gpkg styled like the web map.

One QML document per layer key: a rule-based renderer whose rules are QGIS expressions over the layer's columns
(verdict colours as on the map, dashed lines/outlines for hypothetical, denied and negated claims). The filters are
also valid SQLite expressions, which is how the tests check them against the features. Colours come from
:mod:`geomap.render.style` (one palette for the map and the GeoPackage).
"""

from __future__ import annotations

from html import escape

from geomap.render import style

__all__ = ["layer_qml", "RULES"]

_UNASSERTED = "coalesce(\"modality\", 'asserted') IN ('hypothetical', 'denied', 'negated')"
_ASSERTED = "coalesce(\"modality\", 'asserted') NOT IN ('hypothetical', 'denied', 'negated')"


def _rgba(hex_colour: str, alpha: int = 255) -> str:
    h = hex_colour.lstrip("#")
    return f"{int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{alpha}"


def _verdict_rules(dash_unchecked: bool) -> list[tuple[str, str, str, bool]]:
    """(label, filter, colour, dashed) per verdict × asserted/unasserted."""
    out = []
    for v, c in style.VERDICT_COLOURS.items():
        base = f"\"verdict\" = '{v}'"
        solid = not (dash_unchecked and v not in ("consistent", "inconsistent"))
        out.append((v, f"{base} AND {_ASSERTED}", c, not solid))
        out.append((f"{v} (hypothetical, denied or negated)", f"{base} AND {_UNASSERTED}", c, True))
    known = ", ".join(f"'{v}'" for v in style.VERDICT_COLOURS)
    out.append(("other", f"coalesce(\"verdict\", '') NOT IN ({known})", style.UNKNOWN_COLOUR, False))
    return out


# layer key -> (symbol type, [(label, filter, colour, dashed)])
RULES: dict[str, tuple[str, list[tuple[str, str, str, bool]]]] = {
    "distances": ("line", _verdict_rules(dash_unchecked=True)),
    "zones": ("fill", _verdict_rules(dash_unchecked=False)),
    "places": ("marker", [("location", "coalesce(\"role\", 'location') <> 'actor'", style.PLACE_COLOURS["location"],
                           False),
                          ("actor", "\"role\" = 'actor'", style.PLACE_COLOURS["actor"], False)]),
    "regions": ("fill", [("region named", "1 = 1", style.REGION_COLOUR, True)]),
    "borders": ("line", [("border a claim uses", "1 = 1", style.BORDER_COLOUR, False)]),
}


def _props(d: dict[str, str]) -> str:
    return "".join(f'<prop k="{k}" v="{escape(v)}"/>' for k, v in d.items())


def _symbol(kind: str, name: str, colour: str, dashed: bool) -> str:
    if kind == "line":
        layer = ("SimpleLine", {"line_color": _rgba(colour), "line_width": "0.9", "line_width_unit": "MM",
                                "line_style": "dash" if dashed else "solid", "capstyle": "round"})
        stype = "line"
    elif kind == "fill":
        layer = ("SimpleFill", {"color": _rgba(colour, 77 if not dashed else 31), "style": "solid",
                                "outline_color": _rgba(colour), "outline_width": "0.5", "outline_width_unit": "MM",
                                "outline_style": "dash" if dashed else "solid"})
        stype = "fill"
    else:
        layer = ("SimpleMarker", {"name": "circle", "color": _rgba(colour), "outline_color": "255,255,255,255",
                                  "outline_width": "0.4", "size": "2.6", "size_unit": "MM"})
        stype = "marker"
    return (f'<symbol type="{stype}" name="{name}" alpha="1" clip_to_extent="1" force_rhr="0">'
            f'<layer class="{layer[0]}" pass="0" locked="0" enabled="1">{_props(layer[1])}</layer></symbol>')


def layer_qml(key: str) -> str | None:
    """The QML style document of layer ``key`` (None for a layer without a style)."""
    if key not in RULES:
        return None
    kind, rules = RULES[key]
    rule_xml = "".join(f'<rule key="r{i}" symbol="{i}" label="{escape(label)}" filter="{escape(flt)}"/>'
                       for i, (label, flt, _, _) in enumerate(rules))
    symbols = "".join(_symbol(kind, str(i), c, dashed) for i, (_, _, c, dashed) in enumerate(rules))
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
            '<qgis version="3.28.0" styleCategories="Symbology">'
            '<renderer-v2 type="RuleRenderer" symbollevels="0" enableorderby="0" forceraster="0">'
            f'<rules key="root">{rule_xml}</rules><symbols>{symbols}</symbols></renderer-v2>'
            "<blendMode>0</blendMode><featureBlendMode>0</featureBlendMode><layerOpacity>1</layerOpacity>"
            "</qgis>")
