"""Build the folium map from analysis layers (layers.md contract) and save it atomically.

Rendering never parses text: it draws the layers it is given. Places are circle markers, regions their polygons,
borders lines, distance claims lines coloured by verdict with their label, zones/bands semi-transparent polygons.
An offline vector basemap (Natural Earth countries and admin-1 outlines from the pack) sits in a pane *below* the
tiles: with a tile server the tiles cover it, without one (file://, offline) it is what the reader sees.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

from geomap.render import style
from geomap.render.popups import popup_html, tooltip_html

BASEMAP_PANE = "geomapBasemap"
BASEMAP_Z = 150  # below Leaflet's tilePane (200)
LABEL_PANE = "geomapBasemapLabels"
WORLD_VIEW = (-170.0, -55.0, 180.0, 75.0)
LAND_STYLE = {"stroke": False, "fillColor": "#f4f1ea", "fillOpacity": 1.0}
CONTEXT_STYLE = {"color": "#9a9a9a", "weight": 0.8, "fillColor": "#f4f1ea", "fillOpacity": 1.0}
COUNTRY_LINE_STYLE = {"color": "#6b6b6b", "weight": 1.4, "opacity": 0.9}
ADMIN1_LINE_STYLE = {"color": "#a0a0a0", "weight": 0.7, "opacity": 0.9, "dashArray": "3 3"}
SEA_COLOUR = "#d5e4ee"
POSITRON_URL = "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png"
POSITRON_ATTR = ('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors '
                 '&copy; <a href="https://carto.com/attributions">CARTO</a>')

PAGE_CSS = f"""
.leaflet-container {{ background: {SEA_COLOUR}; }}
.geomap-popup {{ font: 13px/1.35 system-ui, sans-serif; max-width: 380px; }}
.geomap-head {{ font-weight: 600; font-size: 14px; margin-bottom: 4px; }}
.geomap-props th {{ text-align: left; padding-right: 8px; color: #555; font-weight: 500; vertical-align: top; }}
.geomap-sentence {{ margin: 6px 0; padding: 4px 8px; border-left: 3px solid #bbb; background: #fafafa;
  white-space: normal; }}
.geomap-sentence mark {{ background: #ffe066; padding: 0 1px; }}
.geomap-badge {{ color: #fff; border-radius: 3px; padding: 0 5px; font-size: 12px; }}
.geomap-claim, .geomap-src {{ color: #444; font-size: 12px; }}
.geomap-attr {{ color: #777; font-size: 11px; margin-top: 4px; }}
.geomap-control {{ background: rgba(255,255,255,0.92); padding: 6px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.3); font: 12px/1.35 system-ui, sans-serif; max-width: 340px; }}
.geomap-control .sw {{ display: inline-block; width: 14px; height: 10px; margin-right: 5px;
  vertical-align: middle; border-radius: 2px; }}
.geomap-control .ln {{ display: inline-block; width: 16px; height: 0; margin-right: 4px; vertical-align: middle;
  border-top: 3px solid; }}
.geomap-control .dot {{ display: inline-block; width: 10px; height: 10px; margin: 0 7px 0 2px; border-radius: 50%;
  vertical-align: middle; }}
.geomap-panel {{ max-height: 40vh; overflow-y: auto; }}
.geomap-panel ol {{ margin: 4px 0 0 0; padding-left: 18px; }}
.geomap-panel li {{ margin-bottom: 3px; cursor: pointer; }}
.geomap-panel li:hover {{ text-decoration: underline; }}
.leaflet-control-layers {{ font: 13px/1.4 system-ui, sans-serif; }}
.geomap-bl {{ white-space: nowrap; transform: translate(-50%, -50%); color: #8a8a8a; font: 11px system-ui,
  sans-serif; text-shadow: 0 0 2px #f4f1ea, 0 0 2px #f4f1ea; }}
.geomap-bl-country {{ color: #6f6f6f; font-weight: 600; font-size: 12px; letter-spacing: .06em;
  text-transform: uppercase; }}
.geomap-bl-admin1 {{ display: none; }}
.geomap-bl-zoomed .geomap-bl-admin1 {{ display: block; }}
.geomap-label {{ font: 600 11px system-ui, sans-serif; background: rgba(255,255,255,0.85); padding: 1px 4px; }}
"""


def _bounds_of(gdfs: list[Any]) -> tuple[float, float, float, float] | None:
    w = s = math.inf
    e = n = -math.inf
    for g in gdfs:
        if g is None or len(g) == 0:
            continue
        g = g.to_crs(4326) if g.crs is not None and g.crs.to_epsg() != 4326 else g
        gw, gs, ge, gn = g.total_bounds
        if not all(math.isfinite(v) for v in (gw, gs, ge, gn)):
            continue
        w, s, e, n = min(w, gw), min(s, gs), max(e, ge), max(n, gn)
    return None if w == math.inf else (float(w), float(s), float(e), float(n))


def content_bounds(layers: Mapping[str, Any]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) degrees of what the view should fit: claims, located places (not actors such as
    "Moscow says") and regions; borders only when nothing else is drawn (a border can be thousands of km long)."""
    places = layers.get("places")
    if places is not None and len(places) and "role" in places.columns:
        located = places.loc[places["role"] != "actor"]
        places = located if len(located) else places
    main = _bounds_of([places, *(layers.get(k) for k in ("regions", "distances", "zones"))])
    return main or _bounds_of([layers.get("borders")])


def _layer_fc(key: str, gdf: Any, meta: Mapping[str, Any]) -> dict:
    from geomap.export import feature_collection

    recs = gdf.drop(columns=[gdf.geometry.name]).to_dict("records")
    from geomap.export import _clean

    recs = [{k: _clean(v) for k, v in r.items()} for r in recs]
    extra: dict[str, list] = {
        "_style": [style.feature_style(key, r) for r in recs],
        "_popup": [popup_html(key, r, meta) for r in recs],
        "_tooltip": [tooltip_html(key, r) for r in recs],
    }
    if key == "distances":  # labels stay on the map; overlapping ones are hidden until zoomed apart
        extra["_tooltip_opts"] = [{"permanent": True, "direction": "center", "className": "geomap-label",
                                   "opacity": 0.95} for _ in recs]
    return feature_collection(gdf, key, precision=5, extra=extra)


def _legend_html(layers: Mapping[str, Any]) -> str:
    rows = ['<b>Legend</b>']
    for v, c in style.VERDICT_COLOURS.items():
        rows.append(f'<div><span class="ln" style="border-color:{c}"></span>{escape(v)} '
                    f'<small>({escape(style.VERDICT_LABELS[v])})</small></div>')
    rows.append(f'<div><span class="sw" style="background:{style.VERDICT_COLOURS["drawn"]};opacity:.5"></span>'
                'zone / band (drawn)</div>')
    rows.append(f'<div><span class="sw" style="border:2px dashed {style.REGION_COLOUR};'
                f'background:rgba(230,97,1,.12)"></span>region mentioned</div>')
    rows.append(f'<div><span class="dot" style="background:{style.PLACE_COLOURS["location"]}"></span>place'
                f' <span class="dot" style="background:{style.PLACE_COLOURS["actor"]}"></span>actor</div>')
    rows.append(f'<div><span class="ln" style="border-color:{style.BORDER_COLOUR}"></span>border</div>')
    rows.append('<div><span class="ln" style="border-top-style:dashed;border-color:#555"></span>dashed: '
                'hypothetical, denied or negated claim</div>')
    return "".join(rows)


def _claims_panel_html(layers: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    from geomap.render.popups import _s

    title, date = _s(meta.get("title")), _s(meta.get("date"))
    head = escape(title or _s(meta.get("source")) or "Article")
    parts = [f'<div class="geomap-head">{head}</div>']
    if date:
        parts.append(f'<div class="geomap-src">{escape(date)}</div>')
    items = []
    for key in ("distances", "zones"):
        g = layers.get(key)
        if g is None or len(g) == 0:
            continue
        for i, r in enumerate(g.drop(columns=[g.geometry.name]).to_dict("records")):
            verdict = _s(r.get("verdict")) or ""
            label = _s(r.get("label")) or _s(r.get("kind")) or key
            cid = _s(r.get("claim_id"))
            mod = _s(r.get("modality"))
            if mod and mod != "asserted":
                label = f"{label} ({mod})"
            items.append(f'<li data-layer="{key}" data-idx="{i}" title="zoom to this claim">'
                         f'<span class="sw" style="background:{style.verdict_colour(verdict)}"></span>'
                         f'{escape(label)}' + (f' <small>[{escape(cid)}]</small>' if cid else "") + "</li>")
    if items:
        parts.append(f"<details open><summary>{len(items)} spatial claim{'s' if len(items) != 1 else ''}"
                     f"</summary><ol>{''.join(items)}</ol></details>")
    else:
        parts.append("<div><small>no spatial claims</small></div>")
    return "".join(parts)


def render_map(layers: Mapping[str, Any], meta: Mapping[str, Any] | None = None, *,
               self_contained: bool = False) -> Any:
    """Build a folium.Map from the analysis layers (dict of GeoDataFrames, EPSG:4326 lon/lat; keys per layers.md).

    ``meta``: {"source", "title", "date", "attribution": [...]} (+ optional "text": the article, used only to place
    the <mark> highlight inside a sentence when layers lack ``sentence_start``). ``self_contained=True`` inlines
    Leaflet and every plugin from the pack so the saved page works from file:// with no network (tiles aside).
    """
    import folium
    from folium.map import CustomPane
    from folium.plugins import Fullscreen, MeasureControl

    from geomap.render import basemap
    from geomap.render.assets import drop_unused_links, make_self_contained
    from geomap.render.elements import BasemapLabels, FeatureLayer, HtmlControl, RawHeader

    meta = dict(meta or {})
    if not meta.get("attribution"):
        try:
            from geomap.pack import read

            meta["attribution"] = read.attribution()
        except Exception:  # noqa: BLE001 - attribution text is best effort; the basemap needs the pack anyway
            meta["attribution"] = []
    bounds = content_bounds(layers)
    view = bounds or WORLD_VIEW  # nothing to draw: a world view (fit below only when there is content)
    center = [(view[1] + view[3]) / 2, (view[0] + view[2]) / 2]

    m = folium.Map(location=center, zoom_start=7 if bounds else 2, tiles=None, control_scale=True)
    CustomPane(BASEMAP_PANE, z_index=BASEMAP_Z, pointer_events=False).add_to(m)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap").add_to(m)
    folium.TileLayer(POSITRON_URL, name="CartoDB Positron", attr=POSITRON_ATTR, subdomains="abcd", max_zoom=20,
                     show=False).add_to(m)
    folium.FeatureGroup(name="No tiles (offline basemap only)", overlay=False, show=False).add_to(m)

    data_attr = map_attribution(meta["attribution"])
    bm = folium.FeatureGroup(name="Offline basemap (Natural Earth)", overlay=True, control=True)
    FeatureLayer(basemap.context_land(view), style=CONTEXT_STYLE, pane=BASEMAP_PANE, interactive=False,
                 attribution=data_attr or None, name="BasemapContext").add_to(bm)
    det = basemap.detail(view)
    for part, st in (("land", LAND_STYLE), ("admin1", ADMIN1_LINE_STYLE), ("countries", COUNTRY_LINE_STYLE)):
        FeatureLayer(det[part], style=st, pane=BASEMAP_PANE, interactive=False,
                     name=f"Basemap_{part}").add_to(bm)
    CustomPane(LABEL_PANE, z_index=BASEMAP_Z + 10, pointer_events=False).add_to(m)
    BasemapLabels(basemap.labels(view), pane=LABEL_PANE).add_to(bm)
    bm.add_to(m)

    feature_vars: dict[str, str] = {}
    for key, title in style.LAYER_TITLES.items():
        gdf = layers.get(key)
        n = 0 if gdf is None else len(gdf)
        fg = folium.FeatureGroup(name=f"{title} ({n})", overlay=True, show=True)
        if n:
            fl = FeatureLayer(_layer_fc(key, gdf, meta), name=f"Layer_{key}", declutter=key == "distances")
            fl.add_to(fg)
            feature_vars[key] = fl.get_name()
        fg.add_to(m)
    extra = sorted(k for k in layers if k not in style.LAYER_TITLES and layers[k] is not None and len(layers[k]))
    for i, key in enumerate(extra):
        fg = folium.FeatureGroup(name=escape(f"{key} ({len(layers[key])})"), overlay=True)
        FeatureLayer(_layer_fc(key, layers[key], meta), name=f"Layer_extra{i}").add_to(fg)
        fg.add_to(m)

    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    Fullscreen(position="topleft").add_to(m)
    MeasureControl(position="topleft", primary_length_unit="kilometers", secondary_length_unit="miles",
                   primary_area_unit="sqkilometers", secondary_area_unit="hectares",
                   units={"sqkilometers": {"factor": 1e-6, "display": "km²", "decimals": 1}}).add_to(m)
    HtmlControl(_legend_html(layers), position="bottomright", css=PAGE_CSS, name="Legend").add_to(m)
    HtmlControl(_claims_panel_html(layers, meta), position="bottomleft",
                css_class="geomap-control geomap-panel", name="ClaimPanel",
                feature_layers={k: v for k, v in feature_vars.items() if k in ("distances", "zones")}).add_to(m)
    if bounds:
        w, s, e, n = bounds
        if e - w < 0.05 and n - s < 0.05:  # a single point: don't zoom to street level
            w, s, e, n = w - 0.25, s - 0.25, e + 0.25, n + 0.25
        m.fit_bounds([[s, w], [n, e]], padding=(30, 30))

    fig = m.get_root()
    title = meta.get("title") or meta.get("source") or "geomap"
    fig.header.add_child(RawHeader(f"<title>{escape(str(title))} — geomap</title>"), name="geomap_title")
    if self_contained:
        make_self_contained(m)
    else:
        drop_unused_links(m)
    m._geomap_self_contained = self_contained  # noqa: SLF001 - read by save_map
    return m


def map_attribution(attribution: list[str]) -> str:
    """Short data credit for the map's attribution control (full strings are in every popup)."""
    low = " ".join(str(a).lower() for a in attribution)
    bits = []
    if "natural earth" in low:
        bits.append("Boundaries: Natural Earth")
    if "geonames" in low:
        bits.append("Places: GeoNames (CC BY 4.0)")
    return " · ".join(bits)


def save_map(m: Any, path: str | os.PathLike, *, self_contained: bool = False) -> Path:
    """Write the map's HTML page to ``path`` atomically (temp file + os.replace); return the path.

    ``self_contained=True`` inlines every asset first (if ``render_map`` did not already) and refuses to write a
    page that still references an external script or stylesheet.
    """
    from geomap.errors import InputError
    from geomap.export import atomic_write_bytes
    from geomap.render.assets import external_refs, make_self_contained

    if self_contained and not getattr(m, "_geomap_self_contained", False):
        make_self_contained(m)
        m._geomap_self_contained = True  # noqa: SLF001
    html = m.get_root().render()
    if self_contained:
        ext = external_refs(html)
        if ext:
            raise InputError(f"the self-contained map still references {ext[0]} (and {len(ext) - 1} more); "
                             "remove that element or add the asset to the pack")
    return atomic_write_bytes(path, html.encode("utf-8"))
