"""The corpus map: dated event rows on a time slider (Leaflet.timeline via folium's Timeline/TimelineSlider).

Like the article map it is offline (Leaflet, plugins and data inline), drawn over the offline basemap, with a legend,
placed labels naming each distinct claim's places and a panel listing the distinct claims (grouped by
``claim_key``) with how many sources state them, filterable by verdict and kind. Leaflet.timeline handles every
geometry type, so region-level rows (geo precision 3 and 4) are drawn as their admin-1 or country polygon rather
than a pin, and claim bands/zones as polygons. Undated rows go to a static layer. All text is HTML-escaped before it
reaches a tooltip, label or the panel; data reaches the page through ``tojson``-style escaping.
"""

from __future__ import annotations

import datetime as _dt
import html
from typing import Any

from geomap.render.style import verdict_colour

__all__ = ["events_map", "MAX_LABELS"]

_DAY_MS = 86_400_000
_PRECISION_COLOUR = {1: "#1f1f1f", 2: "#56b4e9", 3: "#e69f00", 4: "#a6a6a6"}
MAX_LABELS = 300  # distinct claims labelled on the map (most stated first); the panel lists them all (capped)


def _ms(date: str | None) -> int | None:
    if not date:
        return None
    s = str(date)[:10]
    parts = s.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return int(_dt.datetime(y, m, d, tzinfo=_dt.UTC).timestamp() * 1000)
    except (ValueError, IndexError):
        return None


def _simplified(gdf: Any, tolerance_m: float) -> Any:
    """Display-only simplification in a metric projection (Web Mercator metres), back to lon/lat."""
    return gdf.to_crs(3857).simplify(tolerance_m, preserve_topology=True).to_crs(4326)


def _region_shapes(ids: set[str]) -> dict[str, Any]:
    from geomap.pack import read

    out: dict[str, Any] = {}
    a1_ids = {i for i in ids if i.startswith("admin1:")}
    if a1_ids:
        a1 = read.admin1()
        sel = a1[a1.id.isin(a1_ids)]
        out.update(zip(sel.id, _simplified(sel.geometry, 1500.0), strict=True))
    c_ids = {i.split(":", 1)[1] for i in ids if i.startswith("country:")}
    if c_ids:
        c = read.countries()
        sel = c[c.code.isin(c_ids)]
        out.update(zip("country:" + sel.code, _simplified(sel.geometry, 10000.0), strict=True))
    return out


def _s(v: Any) -> str:
    return "" if v is None or v != v else str(v)


def _tooltip(r: Any) -> str:
    e = html.escape
    bits = [f"<b>{e(_s(r.label) or _s(r.location) or _s(r.claim_kind) or '?')}</b>"]
    if r.row_type == "claim":
        bits.append(e(f"{r.claim_kind} · {r.verdict}"))
        if r.n_sources and int(r.n_sources) > 1:
            bits.append(e(f"stated by {int(r.n_sources)} sources"))
    else:
        bits.append(e(f"{r.role} · precision {r.geo_precision} · {_s(r.country)}"))
    bits.append(e(f"{r.event_date or 'undated'} · {r.source_id}"))
    sent = _s(r.sentence)
    bits.append(f"<i>{e(sent[:300])}{'…' if len(sent) > 300 else ''}</i>")
    return "<br>".join(bits)


def _features(gdf: Any) -> tuple[list[dict], list[dict]]:
    """(dated, undated) GeoJSON features: one per claim row, one per (entity, date) for mentions."""
    import shapely

    region_ids = set(gdf.loc[(gdf.row_type == "mention") & (gdf.geo_precision >= 3), "location_id"].dropna())
    shapes = _region_shapes(region_ids)
    dated, undated = [], []
    groups: dict[tuple, list] = {}
    for r in gdf.itertuples():
        key = ("m", r.location_id, r.event_date) if r.row_type == "mention" else ("c", r.event_id)
        groups.setdefault(key, []).append(r)
    for rs in groups.values():
        r = rs[0]
        geom = shapes.get(r.location_id, r.geometry) if r.row_type == "mention" else r.geometry
        if geom is None or geom.is_empty:
            continue
        colour = (verdict_colour(r.verdict) if r.row_type == "claim"
                  else _PRECISION_COLOUR.get(int(r.geo_precision), "#a6a6a6"))
        poly = geom.geom_type.endswith("Polygon")
        country_level = r.row_type == "mention" and int(r.geo_precision) == 4
        style = {"color": colour, "fillColor": colour, "weight": 1 if country_level else 2,
                 "fillOpacity": (0.04 if country_level else 0.2) if poly else 0.8,
                 "radius": 4 if r.row_type == "mention" else 6}
        tip = _tooltip(r)
        if len(rs) > 1:
            n_src = len({x.source_id for x in rs})
            tip += f"<br>{len(rs)} mentions in {n_src} source{'s' if n_src > 1 else ''}"
        feat = {"type": "Feature", "geometry": shapely.geometry.mapping(geom),
                "properties": {"tooltip": tip, "style": style}}
        start = _ms(r.event_date)
        if start is None:
            undated.append(feat)
        else:
            feat["properties"].update(start=start, end=start + _DAY_MS)
            dated.append(feat)
    return dated, undated


def distinct_claims(gdf: Any) -> list[dict]:
    """One entry per claim_key: label, verdict, kind, sources (distinct), rows, first date, representative point;
    most-stated first."""
    claims = gdf[gdf.row_type == "claim"]
    out = []
    for key, grp in claims.groupby("claim_key", sort=False):
        r = grp.iloc[0]
        dates = sorted(d for d in grp.event_date.dropna().astype(str))
        out.append({"key": str(key), "label": _s(r.label) or _s(r.location) or _s(r.claim_kind),
                    "verdict": _s(r.verdict), "kind": _s(r.claim_kind), "reason": _s(r.reason),
                    "n_sources": int(grp.source_id.nunique()), "n_rows": len(grp),
                    "first": dates[0] if dates else None, "lat": r.lat, "lon": r.lon})
    out.sort(key=lambda c: (-c["n_sources"], c["label"]))
    return out


def _label_items(claims: list[dict]) -> list[dict]:
    from geomap.render.labels import VERDICT_MARKS

    items = []
    for c in claims:
        if len(items) >= MAX_LABELS:
            break
        if c["lat"] is None or c["lat"] != c["lat"]:
            continue
        head, _, detail = c["label"].partition(": ")
        times = f" · {c['n_sources']} sources" if c["n_sources"] > 1 else ""
        colour = verdict_colour(c["verdict"])
        items.append({"id": c["key"], "html": f'<span class="mk" style="color:{colour}">'
                      f'{VERDICT_MARKS.get(c["verdict"], "•")}</span> <b>{html.escape(head)}</b><br>'
                      f"{html.escape(detail)}{html.escape(times)}", "lat": round(float(c["lat"]), 5),
                      "lon": round(float(c["lon"]), 5), "group": None, "kind": "claim", "colour": colour,
                      "layer": None, "idx": None, "cls": None})
    return items


def _view(gdf: Any) -> tuple[float, float, float, float] | None:
    """The fitted box: claims with a verdict and mentions finer than country level (a mention of "Russia" would
    zoom out to a continent)."""
    if not len(gdf):
        return None
    fine = gdf[(gdf.geo_precision.fillna(4) < 4) & ((gdf.row_type == "mention")
                                                     | gdf.verdict.isin(["consistent", "inconsistent", "drawn"]))]
    b = (fine if len(fine) else gdf).total_bounds
    if not all(v == v for v in b):
        return None
    w, s, e, n = (float(x) for x in b)
    if e - w < 0.05 and n - s < 0.05:
        w, s, e, n = w - 0.25, s - 0.25, e + 0.25, n + 0.25
    return w, s, e, n


def events_map(gdf: Any, *, cdn: bool = False, self_contained: bool | None = None):
    """A folium.Map of an events GeoDataFrame (see :mod:`geomap.events`) with a time slider over event dates.

    Offline: Leaflet, Leaflet.timeline and Moment.js are inlined from the pack unless ``cdn`` (``self_contained`` is
    accepted for compatibility)."""
    import folium
    from folium.plugins import Timeline, TimelineSlider
    from folium.utilities import JsCode

    from geomap.pack import read
    from geomap.render.assets import link_cdn, make_self_contained
    from geomap.render.elements import ZOOM_TO_JS, ClaimLabels, FitView, HtmlControl, PanelFilter, RawHeader
    from geomap.render.mapbuilder import CLAIM_LABEL_PANE, LABEL_PANE, PAGE_CSS, WORLD_VIEW, add_basemap
    from geomap.render.panel import corpus_panel_html, legend_html

    view = _view(gdf)
    box = view or WORLD_VIEW
    m = folium.Map(location=[(box[1] + box[3]) / 2, (box[0] + box[2]) / 2], zoom_start=6 if view else 2,
                   tiles=None, control_scale=True)
    m.get_root().header.add_child(RawHeader(ZOOM_TO_JS), name="geomap_zoom_to")
    pts = list(zip(gdf.lon.dropna(), gdf.lat.dropna(), strict=True))[:2000] if len(gdf) else []
    add_basemap(m, box, read.attribution(), pts)
    dated, undated = _features(gdf)
    on_each = JsCode("function(f, layer) { layer.bindTooltip(f.properties.tooltip, {sticky: true}); }")
    style = JsCode("function(f) { return f.properties.style; }")
    point = JsCode("function(f, latlng) { return L.circleMarker(latlng, f.properties.style); }")
    if dated:
        tl = Timeline({"type": "FeatureCollection", "features": dated}, style=style, point_to_layer=point,
                      on_each_feature=on_each)
        tl.layer_name = f"Dated events ({len(dated)})"
        tl.add_to(m)
        TimelineSlider(auto_play=False, date_options="YYYY-MM-DD", enable_keyboard_controls=True,
                       show_ticks=True).add_timelines(tl).add_to(m)
    if undated:
        fg = folium.FeatureGroup(name=f"Undated ({len(undated)})")
        folium.GeoJson({"type": "FeatureCollection", "features": undated},
                       style_function=lambda f: f["properties"]["style"],
                       point_to_layer=point, on_each_feature=on_each).add_to(fg)
        fg.add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    claims = distinct_claims(gdf) if len(gdf) else []
    HtmlControl(legend_html(mentions=_PRECISION_COLOUR), position="topright",  # the slider runs along the bottom
                css_class="geomap-control geomap-legend", css=PAGE_CSS, name="Legend").add_to(m)
    panel = HtmlControl(corpus_panel_html(claims, n_docs=int(gdf.source_id.nunique()) if len(gdf) else 0),
                        position="topleft", css_class="geomap-control geomap-panel", name="ClaimPanel")
    panel.add_to(m)
    PanelFilter(panel.get_name()).add_to(m)
    if view:
        FitView([[view[1], view[0]], [view[3], view[2]]]).add_to(m)
    ClaimLabels(_label_items(claims), groups={}, features={}, pane=CLAIM_LABEL_PANE, basemap_pane=LABEL_PANE).add_to(m)
    if cdn:
        link_cdn(m)
    else:
        make_self_contained(m)
    return m
