"""The corpus map's event layers, built to stay small at 10,000+ events: markers clustered on a grid per zoom band,
each distinct shape simplified per zoom band and stored once, tooltips stored once.

For each zoom band (:data:`BANDS`) the page gets: the band's simplified shapes by key (a claim's ``geometry_key``,
or a region's id), and compact features: a shape reference per (shape, day), and one marker per grid cell and day
(points in the same :data:`CELL_PX` cell of the band's clustering zoom merged, with their count). Leaflet.timeline
draws them under the time slider; :class:`BandedEvents` swaps the band's layers in as the zoom changes. Shapes are
simplified in metres in an azimuthal-equidistant plane centred on each part (never in degrees); coordinates are
rounded per band. All strings are HTML-escaped by the caller and reach the page through ``tojson``-style escaping.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from folium.elements import JSCSSMixin
from folium.template import Template

from geomap.render.elements import DataMacro, html_safe_json

__all__ = ["BANDS", "CELL_PX", "SHAPE_BUDGET", "ZoomBand", "Item", "banded_data", "cluster_points", "simplify_m",
           "BandedEvents", "JsRef"]

CELL_PX = 48  # grid cell of the marker clustering, screen pixels at the band's clustering zoom


@dataclass(frozen=True)
class ZoomBand:
    """Zoom levels up to ``max_zoom``: markers clustered at ``cluster_zoom``, shapes simplified to
    ``tolerance_m`` metres, coordinates rounded to ``decimals`` (degrees)."""

    max_zoom: int
    cluster_zoom: int
    tolerance_m: float
    decimals: int


BANDS = (ZoomBand(6, 6, 2500.0, 3), ZoomBand(9, 9, 300.0, 4), ZoomBand(30, 17, 30.0, 5))
SHAPE_BUDGET = 4_000_000  # bytes of shape coordinates in map.html, all bands together
# coarsest outline drawn of a region mentioned (admin-1, country): the basemap draws their borders already
_FLOOR_M = {"admin1": 1500.0, "country": 10000.0}


@dataclass(frozen=True)
class Item:
    """One thing drawn on the corpus map: a shape (``shape`` key) or a point (``lon``/``lat``, degrees), on day
    ``start`` (epoch ms, None: undated), with indexes into the page's style and tooltip tables; ``claim``: a claim
    row (counted in cluster tooltips)."""

    start: int | None
    style: int
    tip: int
    shape: str | None = None
    lon: float = 0.0
    lat: float = 0.0
    claim: bool = False


def _through(lon0: float, lat0: float, inverse: bool) -> Any:
    """Coordinates (N×2) ↔ the exact azimuthal-equidistant plane about (lon0, lat0), metres (geomap.geo.geodesy)."""
    import numpy as np

    from geomap.geo.geodesy import aeqd_forward, aeqd_inverse

    if not inverse:
        return lambda xy: np.column_stack(aeqd_forward(lon0, lat0, xy[:, 0], xy[:, 1]))

    def back(xy: Any) -> Any:
        lon, lat = aeqd_inverse(lon0, lat0, xy[:, 0], xy[:, 1])
        # a vertex on the antimeridian comes back as ±180: keep it on the centre's side
        lon = np.clip(np.where(lon - lon0 > 180, lon - 360, np.where(lon - lon0 < -180, lon + 360, lon)), -180, 180)
        return np.column_stack([lon, lat])

    return back


def _thin(flat: Any, tol: float) -> Any:
    """Douglas–Peucker in the plane (display only: a ring may touch itself; a shape it would erase keeps its
    topology); islands smaller than ``tol``² dropped, the largest part always kept."""
    import shapely

    thin = shapely.simplify(flat, tol, preserve_topology=False)
    if thin.is_empty:
        thin = shapely.simplify(flat, tol, preserve_topology=True)
    if thin.geom_type == "MultiPolygon":
        parts = sorted(thin.geoms, key=lambda p: -p.area)
        thin = shapely.MultiPolygon([parts[0], *(p for p in parts[1:] if p.area >= tol * tol)])
    return thin


def _plane(geom: Any, tolerances_m: tuple[float, ...], memo: dict | None = None) -> tuple[list, float]:
    """(``geom`` simplified to each tolerance, its area in m² — 0 for lines) in the exact azimuthal-equidistant
    plane about its representative point. ``memo`` (WKB → (centre, plane geometry)) keeps the forward projection
    for a caller that simplifies the same shapes again at other tolerances."""
    import shapely

    key = shapely.to_wkb(geom) if memo is not None else None
    if key is not None and key in memo:
        c, flat = memo[key]
    else:
        c = geom.representative_point()
        flat = shapely.transform(geom, _through(c.x, c.y, False))
        if key is not None:
            memo[key] = (c, flat)
    out = []
    for tol in tolerances_m:
        g = shapely.transform(_thin(flat, tol), _through(c.x, c.y, True))
        wrapped = g.is_empty or g.bounds[2] - g.bounds[0] > 180 >= geom.bounds[2] - geom.bounds[0]
        out.append(geom if wrapped else g)
    return out, flat.area


def simplify_m(geom: Any, *tolerances_m: float, memo: dict | None = None) -> Any:
    """``geom`` (lon/lat) simplified to each tolerance in metres (one result per tolerance; one geometry when one
    tolerance is given), in the exact azimuthal-equidistant plane about the shape's representative point
    (:func:`geomap.geo.geodesy.aeqd_forward`); islands smaller than the tolerance squared are dropped. A shape
    across the antimeridian is simplified part by part. ``memo``: see :func:`_plane` (a dict the caller keeps)."""
    if geom.geom_type == "Point" or geom.is_empty:
        out = [geom] * len(tolerances_m)
    elif geom.bounds[2] - geom.bounds[0] > 180 and hasattr(geom, "geoms"):
        per = [_plane(p, tolerances_m, memo) for p in geom.geoms]
        top = max(range(len(per)), key=lambda j: per[j][1])
        out = [type(geom)([q for j, (res, area) in enumerate(per) if j == top or area == 0 or area >= tol * tol
                           for q in getattr(res[i], "geoms", [res[i]]) if not q.is_empty])
               for i, tol in enumerate(tolerances_m)]
    else:
        out = _plane(geom, tolerances_m, memo)[0]
    return out[0] if len(tolerances_m) == 1 else out


def _geojson(geom: Any, nd: int) -> dict:
    """GeoJSON geometry dict of ``geom`` with coordinates rounded to ``nd`` decimals (degrees)."""
    import numpy as np
    import shapely

    return json.loads(shapely.to_geojson(shapely.transform(geom, lambda a: np.round(a, nd))))


def _pixel(lon: float, lat: float, zoom: int) -> tuple[float, float]:
    """Web Mercator pixel coordinates at ``zoom`` (256-px tiles) — display only, never a measurement."""
    lat = max(-85.05, min(85.05, lat))
    scale = 256 * 2 ** zoom
    y = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2
    return (lon + 180) / 360 * scale, y * scale


def cluster_points(items: list[Item], zoom: int, nd: int) -> list[list]:
    """Points in the same grid cell (``CELL_PX`` at ``zoom``) on the same day merged: one
    ``[lon, lat, start, style, tip, n, n_claims]`` per cluster (mean position; the most common style, the first
    tooltip)."""
    cells: dict[tuple, list[Item]] = {}
    for it in items:
        x, y = _pixel(it.lon, it.lat, zoom)
        cells.setdefault((int(x // CELL_PX), int(y // CELL_PX), it.start), []).append(it)
    out = []
    for (_cx, _cy, start), its in sorted(cells.items(), key=lambda kv: (kv[0][2] or 0, kv[0][0], kv[0][1])):
        styles: dict[int, int] = {}
        for it in its:
            styles[it.style] = styles.get(it.style, 0) + 1
        out.append([round(sum(i.lon for i in its) / len(its), nd), round(sum(i.lat for i in its) / len(its), nd),
                    start, max(styles, key=lambda s: (styles[s], -s)), its[0].tip, len(its),
                    sum(i.claim for i in its)])
    return out


def _band_shapes(shapes: dict[str, tuple[Any, str]], scale: float, memo: dict) -> list[dict[str, dict]]:
    """Per band: key → GeoJSON geometry, simplified to the band's tolerance × ``scale`` (metres)."""
    simple = {k: simplify_m(g, *(max(b.tolerance_m * scale, _FLOOR_M.get(kind, 0.0)) for b in BANDS), memo=memo)
              for k, (g, kind) in sorted(shapes.items())}
    return [{k: _geojson(v[i], b.decimals) for k, v in simple.items()} for i, b in enumerate(BANDS)]


def banded_data(items: list[Item], shapes: dict[str, tuple[Any, str]], budget: int = SHAPE_BUDGET) -> list[dict]:
    """Per zoom band: ``{"max_zoom", "shapes": {key: GeoJSON geometry}, "refs": [[key, start, style, tip]],
    "points": clusters}``. ``shapes``: key → (lon/lat geometry, kind: "claim", "admin1" or "country"); only the
    shapes an item refers to are kept. Past ``budget`` bytes of shapes (all bands), every tolerance is doubled until
    they fit (at most 64×), so the page stays small however many distinct shapes a corpus has."""
    refs = sorted({(it.shape, it.start, it.style, it.tip) for it in items if it.shape in shapes},
                  key=lambda r: (r[1] or 0, r[0], r[2], r[3]))
    keys = {r[0] for r in refs}
    used = {k: v for k, v in shapes.items() if k in keys}
    points = [it for it in items if it.shape is None]
    scale, memo = 1.0, {}
    per_band = _band_shapes(used, scale, memo)
    while scale < 64 and sum(len(json.dumps(b, separators=(",", ":"))) for b in per_band) > budget:
        scale *= 2
        per_band = _band_shapes(used, scale, memo)
    return [{"max_zoom": b.max_zoom, "scale": scale, "shapes": per_band[i], "refs": [list(r) for r in refs],
             "points": cluster_points(points, b.cluster_zoom, b.decimals)} for i, b in enumerate(BANDS)]


class BandedEvents(JSCSSMixin, DataMacro):
    """Leaflet.timeline layers of the corpus map, one per zoom band, swapped in as the zoom changes.

    ``bands``: :func:`banded_data`; ``styles``: Leaflet path options by index; ``tips``: tooltip HTML (escaped) by
    index. Dated features go to the ``dated`` group under the time slider, undated ones to ``undated``.
    ``timeline_names()`` are the JS names a ``TimelineSlider`` adds."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>.geomap-cluster div { border-radius: 50%; color: #fff; text-align: center; opacity: 0.85;
            font: bold 11px sans-serif; box-shadow: 0 0 0 3px rgba(255,255,255,0.6); }</style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (map) {
            var D = {{ this.data_text() }};
            var bands = D.bands, refs = D.refs, styles = D.styles, tips = D.tips;
            function tip(p) {
                var t = tips[p.t];
                if (p.n > 1) {
                    t = '<b>' + p.n + ' events here</b> (' + p.c + ' claims) on this day; zoom in to separate them'
                        + '<br>first: ' + t;
                }
                return t;
            }
            function point(f, latlng) {
                var p = f.properties, s = styles[p.s];
                if (p.n > 1) {
                    var r = Math.min(17, Math.round(7 + 2.5 * Math.log(p.n) / Math.LN2));  // ≤ 34 px: cells are 48 px
                    return L.marker(latlng, {icon: L.divIcon({className: 'geomap-cluster', iconSize: [2 * r, 2 * r],
                        html: '<div style="background:' + s.color + ';width:' + 2 * r + 'px;height:' + 2 * r
                              + 'px;line-height:' + 2 * r + 'px">' + p.n + '</div>'})});
                }
                return L.circleMarker(latlng, s);
            }
            var opts = {
                style: function (f) { return styles[f.properties.s]; },
                pointToLayer: point,
                onEachFeature: function (f, layer) { layer.bindTooltip(tip(f.properties), {sticky: true}); }
            };
            var dated = [], undated = [];
            bands.forEach(function (b) {
                var fd = [], fu = [];
                function put(f, start) {
                    if (start === null) { fu.push(f); return; }
                    f.properties.start = start; f.properties.end = start + 86400000; fd.push(f);
                }
                refs.forEach(function (r) {  // the same days and styles in every band; the shapes differ
                    put({type: 'Feature', geometry: b.shapes[r[0]], properties: {s: r[2], t: r[3], n: 1}}, r[1]);
                });
                b.points.forEach(function (q) {
                    put({type: 'Feature', geometry: {type: 'Point', coordinates: [q[0], q[1]]},
                         properties: {s: q[3], t: q[4], n: q[5], c: q[6]}}, q[2]);
                });
                dated.push(L.timeline({type: 'FeatureCollection', features: fd}, opts));
                undated.push(L.geoJSON({type: 'FeatureCollection', features: fu}, opts));
            });
            var gDated = {{ this.groups[0] or 'L.layerGroup()' }}, gUndated = {{ this.groups[1] or 'L.layerGroup()' }};
            var shown = -1;
            function band(z) {
                for (var i = 0; i < bands.length; i++) { if (z <= bands[i].max_zoom) { return i; } }
                return bands.length - 1;
            }
            function swap() {
                var i = band(map.getZoom());
                if (i === shown) { return; }
                gDated.clearLayers(); gUndated.clearLayers();
                gDated.addLayer(dated[i]); gUndated.addLayer(undated[i]);
                shown = i;
            }
            swap();
            map.on('zoomend', swap);
            return {dated: dated, undated: undated, groups: {dated: gDated, undated: gUndated}, band: band};
        })({{ this._parent.get_name() }});
        {%- for t in this.timeline_names() %}
        var {{ t }} = {{ this.get_name() }}.dated[{{ loop.index0 }}];
        {%- endfor %}
        {% endmacro %}
        """
    )
    default_js = [
        ("timeline", "https://cdn.jsdelivr.net/npm/leaflet.timeline@1.6.0/dist/leaflet.timeline.min.js"),
        ("moment", "https://cdnjs.cloudflare.com/ajax/libs/moment.js/2.18.1/moment.min.js"),
    ]

    def __init__(self, bands: list[dict], styles: list[dict], tips: list[str], *, dated: str | None,
                 undated: str | None) -> None:
        """``dated`` / ``undated``: JS names of the (folium FeatureGroup) layers the bands go into, None: none."""
        super().__init__()
        self._name = "BandedEvents"
        # the shape references are the same in every band: written once
        data = {"bands": [{k: v for k, v in b.items() if k != "refs"} for b in bands],
                "refs": bands[0]["refs"] if bands else [], "styles": styles, "tips": tips}
        self.data_js = html_safe_json(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        self.groups, self.n_bands = (dated, undated), len(bands)

    def timeline_names(self) -> list[str]:
        """JS variables of the bands' timelines (for ``TimelineSlider.add_timelines``)."""
        return [f"{self.get_name()}_t{i}" for i in range(self.n_bands)]


class JsRef:
    """A JS variable a folium element can refer to by ``get_name()`` (e.g. a band's timeline for the slider)."""

    def __init__(self, name: str) -> None:
        """``name``: the JS variable."""
        self.name = name

    def get_name(self) -> str:
        """The JS variable."""
        return self.name
