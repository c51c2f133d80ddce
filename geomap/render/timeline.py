"""The corpus map: dated event rows on a time slider (Leaflet.timeline via folium's Timeline/TimelineSlider).

Like the article map it is offline (Leaflet, plugins and data inline), drawn over the offline basemap, with a legend,
placed labels naming each distinct claim's places and a panel listing the distinct claims (grouped by
``claim_key``) with how many sources state them, filterable by verdict and kind. Region-level rows (geo precision 3
and 4) are drawn as their admin-1 or country polygon rather than a pin, and claim bands/zones/lines as their shape;
each distinct shape is stored once, markers are clustered per zoom band and shapes simplified per zoom band
(:mod:`geomap.render.corpus_layers`), so 10,000 events stay a few MB. Undated rows go to a static layer. All text is
HTML-escaped before it reaches a tooltip, label or the panel; data reaches the page through ``tojson``-style
escaping.
"""

from __future__ import annotations

import datetime as _dt
import html
from typing import Any

from geomap.frames import group_rows, plain_rows, present
from geomap.render.style import verdict_colour

__all__ = ["events_map", "MAX_LABELS"]

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


def _region_shapes(ids: set[str]) -> dict[str, tuple[Any, str]]:
    """Pack polygons of the regions mentioned: id → (geometry, "admin1" | "country"), unsimplified."""
    from geomap.pack import read

    out: dict[str, tuple[Any, str]] = {}
    a1_ids = {i for i in ids if i.startswith("admin1:")}
    if a1_ids:
        geoms = read.admin1_geometries(a1_ids)  # the regions mentioned only
        out.update((i, (geoms[i], "admin1")) for i in sorted(a1_ids) if i in geoms)
    c_ids = {i.split(":", 1)[1] for i in ids if i.startswith("country:")}
    if c_ids:
        c = read.countries()
        sel = c[c.code.isin(c_ids)]
        out.update((f"country:{k}", (g, "country")) for k, g in zip(sel.code, sel.geometry, strict=True))
    return out


def _s(v: Any) -> str:
    return "" if v is None or v != v else str(v)


def _tooltip(r: Any, n_rows: int, n_src: int, dates: tuple[str, str] | None) -> str:
    """Tooltip of a claim (per claim_key) or a place (per location): label, what, how many sources, dates, the
    first sentence."""
    e = html.escape
    bits = [f"<b>{e(_s(r.label) or _s(r.location) or _s(r.claim_kind) or '?')}</b>"]
    if r.row_type == "claim":
        bits.append(e(f"{r.claim_kind} · {r.verdict}"))
    else:
        bits.append(e(f"{r.role} · precision {r.geo_precision} · {_s(r.country)}"))
    what = "stated" if r.row_type == "claim" else f"{n_rows} mention{'s' if n_rows != 1 else ''}"
    bits.append(e(f"{what} by {n_src} source{'s' if n_src != 1 else ''}"
                  + (f", {dates[0]}" + (f" to {dates[1]}" if dates[1] != dates[0] else "") if dates else "")))
    sent = _s(r.sentence)
    bits.append(f"<i>{e(sent[:300])}{'…' if len(sent) > 300 else ''}</i>")
    return "<br>".join(bits)


class _Table:
    """Distinct values → index (the page stores each style and tooltip once)."""

    def __init__(self) -> None:
        self.values: list = []
        self._index: dict[str, int] = {}

    def add(self, value: Any, key: str) -> int:
        if key not in self._index:
            self._index[key] = len(self.values)
            self.values.append(value)
        return self._index[key]


def _style(r: Any, poly: bool) -> dict:
    """Leaflet path options of a row: verdict colour (claims) or precision colour (mentions)."""
    colour = (verdict_colour(r.verdict) if r.row_type == "claim"
              else _PRECISION_COLOUR.get(int(r.geo_precision), "#a6a6a6"))
    country_level = r.row_type == "mention" and int(r.geo_precision) == 4
    return {"color": colour, "fillColor": colour, "weight": 1 if country_level else 2,
            "fillOpacity": (0.04 if country_level else 0.2) if poly else 0.8,
            "radius": 4 if r.row_type == "mention" else 6}


_ITEM_COLS = ("row_type", "geo_precision", "geometry_key", "location_id", "location", "geometry", "lat", "lon",
              "event_date", "label", "claim_kind", "claim_key", "verdict", "role", "country", "sentence", "source_id")
_CLAIM_COLS = ("claim_key", "label", "location", "claim_kind", "verdict", "reason", "source_id", "event_date", "lat",
               "lon")


def _dates(rows: list) -> list[str]:
    return sorted(str(r.event_date) for r in rows if present(r.event_date))


def _items(gdf: Any) -> tuple[list, dict[str, tuple[Any, str]], list[dict], list[str]]:
    """(items, shapes, styles, tooltips) of the corpus map: one item per claim row and per (entity, date) of the
    mentions; a claim's band/zone/line and a region's polygon are shapes (stored once, by key), the rest points;
    one tooltip per claim_key or place."""
    from geomap.render.corpus_layers import Item

    region_ids = set(gdf.loc[(gdf.row_type == "mention") & (gdf.geo_precision >= 3), "location_id"].dropna())
    shapes = _region_shapes(region_ids)
    styles, tips = _Table(), _Table()
    rows = plain_rows(gdf, _ITEM_COLS)
    topic = [(r.claim_key if present(r.claim_key) else "?") if r.row_type == "claim" else
             "m:" + (str(r.location_id) if present(r.location_id) else str(r.location) if present(r.location)
                     else "?") for r in rows]
    by: dict[str, list] = {}
    for k, r in zip(topic, rows, strict=True):
        by.setdefault(k, []).append(r)
    items = []
    for k, r in zip(topic, rows, strict=True):
        tip = tips.add(None, k)
        if tips.values[tip] is None:
            grp = by[k]
            dates = _dates(grp)
            tips.values[tip] = _tooltip(r, len(grp), len({g.source_id for g in grp if present(g.source_id)}),
                                        (dates[0], dates[-1]) if dates else None)
        shape = r.geometry_key if r.row_type == "claim" and isinstance(r.geometry_key, str) else (
            r.location_id if r.location_id in shapes else None)
        if shape is not None and shape not in shapes:
            shapes[shape] = (r.geometry, "claim")
        if shape is None and (r.lat is None or r.lat != r.lat):
            continue
        style = _style(r, shape is not None and shapes[shape][0].geom_type.endswith("Polygon"))
        st = styles.add(style, repr(sorted(style.items())))
        items.append(Item(_ms(r.event_date), st, tip, shape, float(r.lon or 0.0), float(r.lat or 0.0),
                          r.row_type == "claim"))
    return items, shapes, styles.values, tips.values


def distinct_claims(gdf: Any) -> list[dict]:
    """One entry per claim_key: label, verdict, kind, sources (distinct), rows, first date, representative point;
    most-stated first."""
    out = []
    for key, grp in group_rows(plain_rows(gdf[gdf.row_type == "claim"], _CLAIM_COLS), "claim_key").items():
        r = grp[0]
        dates = _dates(grp)
        out.append({"key": str(key), "label": _s(r.label) or _s(r.location) or _s(r.claim_kind),
                    "verdict": _s(r.verdict), "kind": _s(r.claim_kind), "reason": _s(r.reason),
                    "n_sources": len({g.source_id for g in grp if present(g.source_id)}), "n_rows": len(grp),
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
    from folium.plugins import TimelineSlider

    from geomap.pack import read
    from geomap.render.assets import link_cdn, make_self_contained
    from geomap.render.corpus_layers import BandedEvents, JsRef, banded_data
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
    items, shapes, styles, tips = _items(gdf) if len(gdf) else ([], {}, [], [])
    n_dated = sum(it.start is not None for it in items)
    groups = []
    for n, name in ((n_dated, "Dated events"), (len(items) - n_dated, "Undated")):
        fg = folium.FeatureGroup(name=f"{name} ({n:,})") if n else None
        if fg is not None:
            fg.add_to(m)
        groups.append(fg)
    layers = BandedEvents(banded_data(items, shapes), styles, tips, dated=groups[0] and groups[0].get_name(),
                          undated=groups[1] and groups[1].get_name())
    layers.add_to(m)
    if n_dated:
        TimelineSlider(auto_play=False, date_options="YYYY-MM-DD", enable_keyboard_controls=True,
                       show_ticks=True).add_timelines(*map(JsRef, layers.timeline_names())).add_to(m)
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
