"""The corpus map: dated event rows on a time slider (Leaflet.timeline via folium's Timeline/TimelineSlider).

Leaflet.timeline handles every geometry type, so region-level rows (geo precision 3 and 4) are drawn as their
admin-1 or country polygon rather than a pin, and claim bands/zones as polygons. Undated rows go to a static layer.
All text is HTML-escaped before it reaches a tooltip; folium serialises the data with ``tojson`` (``<`` escaped).
"""

from __future__ import annotations

import datetime as _dt
import html
from typing import Any

from geomap.render.style import verdict_colour

__all__ = ["events_map"]

_DAY_MS = 86_400_000
_PRECISION_COLOUR = {1: "#1f4e79", 2: "#2e86c1", 3: "#8e44ad", 4: "#7f8c8d"}


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


def _tooltip(r: Any) -> str:
    e = html.escape
    head = e(str(r.location or r.claim_kind or "?"))
    bits = [f"<b>{head}</b>"]
    if r.row_type == "claim":
        km = f"{r.stated_km:g} km stated" if r.stated_km == r.stated_km else ""
        meas = f" · {r.measured_km:.1f} km measured" if r.measured_km == r.measured_km else ""
        bits.append(e(f"{r.claim_kind}: {km}{meas} · {r.verdict}"))
        if r.n_sources and int(r.n_sources) > 1:
            bits.append(e(f"stated by {int(r.n_sources)} sources"))
    else:
        bits.append(e(f"{r.role} · precision {r.geo_precision} · {r.country or ''}"))
    bits.append(e(f"{r.event_date or 'undated'} · {r.source_id}"))
    sent = str(r.sentence or "")
    bits.append(f"<i>{e(sent[:300])}{'…' if len(sent) > 300 else ''}</i>")
    return "<br>".join(bits)


def events_map(gdf: Any, *, self_contained: bool = True):
    """A folium.Map of an events GeoDataFrame (see :mod:`geomap.events`) with a time slider over event dates.

    ``self_contained`` inlines Leaflet, Leaflet.timeline and Moment.js from the pack (works from file://; tiles
    aside)."""
    import folium
    import shapely
    from folium.plugins import Timeline, TimelineSlider
    from folium.utilities import JsCode

    m = folium.Map(tiles="OpenStreetMap", control_scale=True)
    region_ids = set(gdf.loc[(gdf.row_type == "mention") & (gdf.geo_precision >= 3), "location_id"].dropna())
    shapes = _region_shapes(region_ids)
    dated, undated = [], []
    # one feature per (entity, date) for mentions: a region mentioned 40 times is drawn once, "40 mentions"
    groups: dict[tuple, list] = {}
    for r in gdf.itertuples():
        key = ("m", r.location_id, r.event_date) if r.row_type == "mention" else ("c", r.event_id)
        groups.setdefault(key, []).append(r)
    for rs in groups.values():
        r = rs[0]
        geom = r.geometry
        if r.row_type == "mention" and r.location_id in shapes:
            geom = shapes[r.location_id]
        if geom is None or geom.is_empty:
            continue
        if r.row_type == "claim":
            colour = verdict_colour(r.verdict)
        else:
            colour = _PRECISION_COLOUR.get(int(r.geo_precision), "#7f8c8d")
        poly = geom.geom_type.endswith("Polygon")
        country_level = r.row_type == "mention" and int(r.geo_precision) == 4
        style = {"color": colour, "fillColor": colour, "weight": 1 if country_level else 2,
                 "fillOpacity": (0.04 if country_level else 0.2) if poly else 0.8,
                 "radius": 5 if r.row_type == "mention" else 7}
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
    folium.LayerControl(collapsed=False).add_to(m)
    from geomap.render.assets import drop_unused_links, make_self_contained

    if self_contained:
        make_self_contained(m)
    else:
        drop_unused_links(m)
    # fit to the events finer than country level (a mention of "Russia" would zoom out to a continent)
    fine = gdf[gdf.geo_precision.fillna(4) < 4] if len(gdf) else gdf
    b = (fine if len(fine) else gdf).total_bounds if len(gdf) else None
    if b is not None and all(v == v for v in b):
        m.fit_bounds([[b[1], b[0]], [b[3], b[2]]])
    return m
