"""branca/folium elements of the map: GeoJSON feature layers, legend and claim panel controls, inline assets.

Data reaches the page only through Jinja's ``tojson`` filter (which escapes ``<``, ``>``, ``&`` and ``'`` so it
cannot close a <script> block); HTML strings inside the data were built with ``html.escape`` (geomap.render.popups).
Folium's own Popup/Tooltip classes are not used for article text: they paste HTML into a JavaScript template literal
where ``${...}`` would run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from branca.element import Element, MacroElement
from folium.template import Template

# While a page is written to a file (``page_chunks``), each element's data text joins the page as a short token
# and is written from the element itself: the page never exists as one string holding every layer (a 5 MB
# article's map is 15 MB of data; joined, encoded and copied by Jinja it cost ~100 MB at the peak).
_SLOTS: ContextVar[dict[str, str | list[str]] | None] = ContextVar("geomap_data_slots", default=None)
_TOKEN = "/*@geomap-data-{}@*/"
CHUNK_CHARS = 1 << 20  # data text is encoded and written a megabyte of characters at a time


def html_safe_json(text: str) -> str:
    """JSON text made safe inside an HTML <script>: <, >, &, ' and U+2028/9 as \\u escapes (same JSON value)."""
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def data_slot(text: str | list[str]) -> str:
    """``text`` (or its pieces) as it joins the page: itself, or while :func:`render_page` renders, a token
    standing for it."""
    slots = _SLOTS.get()
    if slots is None:
        return text if isinstance(text, str) else "".join(text)
    token = _TOKEN.format(len(slots))
    slots[token] = text
    return token


@contextmanager
def _collecting() -> Iterator[dict[str, str | list[str]]]:
    slots: dict[str, str | list[str]] = {}
    reset = _SLOTS.set(slots)
    try:
        yield slots
    finally:
        _SLOTS.reset(reset)


def render_page(root: Element) -> tuple[str, dict[str, str | list[str]]]:
    """Render the page of ``root`` (a branca Figure) with each element's data text as a token: (the page, token →
    data text). :func:`page_chunks` puts them back together."""
    with _collecting() as slots:
        page = root.render()
    return page, slots


def page_chunks(page: str, slots: dict[str, str | list[str]]) -> Iterator[str]:
    """Text pieces of a page from :func:`render_page` whose concatenation is what ``root.render()`` gives: the
    page around the data and each data text in pieces of ``CHUNK_CHARS`` characters (or as its element holds
    it in pieces)."""
    import re

    if not slots:
        yield page
        return
    pos = 0
    for m in re.finditer("|".join(re.escape(t) for t in slots), page):
        yield page[pos:m.start()]
        text = slots[m.group(0)]
        if isinstance(text, str):
            yield from (text[i:i + CHUNK_CHARS] for i in range(0, len(text), CHUNK_CHARS))
        else:
            yield from text
        pos = m.end()
    yield page[pos:]


class _Rendered(Element):
    """Markup a macro has already rendered, added to the page as it is."""

    def __init__(self, text: str) -> None:
        """Hold the rendered ``text``."""
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        """The text as rendered."""
        return self.text


class DataMacro(MacroElement):
    """A MacroElement whose rendered ``header``, ``html`` and ``script`` macros join the page as text.

    branca's ``MacroElement.render`` wraps each rendered macro in ``Element(text)``, which compiles that text as a
    new Jinja template: for a layer carrying 10 MB of GeoJSON that is 10 MB lexed, turned into Python source and
    compiled (~80 MB and seconds for a 5 MB article's map), and any ``{{`` in the data would be read as Jinja.
    """

    data_js: str | list[str] = ""

    def data_text(self) -> str:
        """The element's data text (``data_js``) as it joins the page (see :func:`data_slot`)."""
        return data_slot(self.data_js)

    def render(self, **kwargs: object) -> None:
        """Add the rendered macros to the figure's header, html and script, then render the children."""
        figure = self.get_root()
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(_Rendered(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class FeatureLayer(DataMacro):
    """A Leaflet ``L.geoJSON`` layer added to its parent (a FeatureGroup or the map).

    Each feature's ``properties._style`` holds Leaflet path options (points become circle markers with them),
    ``_popup`` / ``_tooltip`` hold pre-escaped HTML, ``_tooltip_opts`` Leaflet tooltip options.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data_text() }}, {
            pane: {{ this.pane|tojson }},
            interactive: {{ this.interactive|tojson }},
            {%- if this.attribution %}
            attribution: {{ this.attribution|tojson }},
            {%- endif %}
            style: function (f) { return (f.properties && f.properties._style) || {{ this.style|tojson }}; },
            pointToLayer: function (f, latlng) {
                var o = Object.assign({pane: {{ this.pane|tojson }}}, (f.properties && f.properties._style) || {});
                return L.circleMarker(latlng, o);
            },
            onEachFeature: function (f, layer) {
                var p = f.properties || {};
                if (p._popup) { layer.bindPopup(p._popup, {maxWidth: 400}); }
                if (p._tooltip) { layer.bindTooltip(p._tooltip, p._tooltip_opts || {sticky: true}); }
            }
        }).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict | str, *, pane: str = "overlayPane", interactive: bool = True,  # noqa: D107
                 attribution: str | None = None, name: str = "FeatureLayer", style: dict | None = None) -> None:
        super().__init__()
        self._name = name
        # GeoJSON as JavaScript: a dict is dumped, JSON text is used as is; either way <, >, & and ' are escaped
        # (the same as Jinja's tojson) so the data can never close the <script> block
        # a list is the JSON text in pieces (a large layer, feature by feature: it is never joined to be written)
        if isinstance(data, list):
            self.data_js = [html_safe_json(piece) for piece in data]
        else:
            text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            self.data_js = html_safe_json(text)
        self.style = style or {}
        self.pane = pane
        self.interactive = interactive
        self.attribution = attribution

    def map_name(self) -> str:
        """JS variable of the folium Map this layer belongs to."""
        import folium

        el = self._parent
        while el is not None and not isinstance(el, folium.Map):
            el = el._parent
        return el.get_name() if el is not None else self._parent.get_name()


class BasemapLabels(DataMacro):
    """Offline basemap names (countries, admin-1 regions, towns) as non-interactive DivIcon markers in their own
    pane. Each row is [name, lat, lon, kind, min_zoom]: a name shows from its min zoom on (towns were thinned by
    zoom in Python, see :func:`geomap.render.basemap.towns`); names under a claim label are hidden by
    :class:`ClaimLabels`. Names are HTML-escaped in Python."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.map_name() }}, group = {{ this._parent.get_name() }};
            var rows = {{ this.data_text() }}, marks = [];
            rows.forEach(function (d) {
                var html = d[3] === 'town' ? '<i></i><span>' + d[0] + '</span>' : '<span>' + d[0] + '</span>';
                var m = L.marker([d[1], d[2]], {pane: {{ this.pane|tojson }}, interactive: false, keyboard: false,
                    icon: L.divIcon({className: 'geomap-bl geomap-bl-' + d[3], html: html, iconSize: null})});
                m.addTo(group);
                marks.push([m, d[4]]);
            });
            function zoomed() {
                var z = map.getZoom();
                marks.forEach(function (x) {
                    var el = x[0].getElement();
                    if (el) { el.style.display = z >= x[1] ? '' : 'none'; }
                });
            }
            map.on('zoomend', zoomed);
            group.on('add', zoomed);
            zoomed();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rows: list[list], *, pane: str) -> None:
        """``rows``: [name, lat, lon, kind ("country" | "admin1" | "town"), min_zoom]; ``pane``: their pane."""
        super().__init__()
        self._name = "BasemapLabels"
        from html import escape

        data = [[escape(str(r[0])), r[1], r[2], r[3], int(r[4])] for r in rows]
        self.data_js = html_safe_json(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        self.pane = pane

    map_name = FeatureLayer.map_name


class ClaimLabels(DataMacro):
    """Claim and place labels placed in the browser so that none overlaps another, a control, or a marker.

    Each item is {id, html (pre-escaped), lat, lon, group (layer key or null), kind ("claim" | "place"),
    colour, layer/idx (the feature a click zooms to)}. On every view change the labels are placed greedily in
    order: at the anchor's side first, then further out along 12 directions with a leader line; a label that
    fits nowhere is hidden until zooming in makes room. Basemap names under a placed label are hidden too.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var items = {{ this.data_text() }};
            var groups = { {%- for k, v in this.groups.items() %}{{ k|tojson }}: {{ v }},{% endfor %} };
            var feats = { {%- for k, v in this.features.items() %}{{ k|tojson }}: {{ v }},{% endfor %} };
            var pane = map.createPane({{ this.pane|tojson }});
            pane.style.zIndex = 640; pane.style.pointerEvents = 'none';
            var NS = 'http://www.w3.org/2000/svg', svg = document.createElementNS(NS, 'svg');
            svg.setAttribute('class', 'geomap-leaders'); pane.appendChild(svg);
            var els = items.map(function (it) {
                var d = L.DomUtil.create('div', 'geomap-label geomap-label-' + it.kind + (it.cls ? ' ' + it.cls : ''), pane);
                d.innerHTML = it.html; d.style.visibility = 'hidden';
                if (it.id) { d.setAttribute('data-claim', it.id); }
                if (it.layer) {
                    d.setAttribute('data-layer', it.layer); d.setAttribute('data-idx', it.idx);
                    L.DomEvent.on(d, 'click', function (e) { L.DomEvent.stop(e); geomapZoomTo(map, feats[it.layer], it.idx); });
                    L.DomEvent.disableClickPropagation(d);
                }
                return d;
            });
            var ANG = [0, 180, -35, 35, 215, 145, -70, 70, 250, 110, -90, 90].map(function (a) { return a * Math.PI / 180; });
            var RADII = [8, 22, 40, 64, 94, 130, 174, 228, 292];
            function hit(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
            function controlRects() {
                var cr = map.getContainer().getBoundingClientRect(), out = [];
                map.getContainer().querySelectorAll('.leaflet-control').forEach(function (c) {
                    var r = c.getBoundingClientRect();
                    if (r.width && r.height) { out.push([r.left - cr.left - 4, r.top - cr.top - 4, r.right - cr.left + 4, r.bottom - cr.top + 4]); }
                });
                return out;
            }
            function spot(p, w, h, radii, size, blocked, placed, obst, self) {
                for (var ri = 0; ri < radii.length; ri++) {
                    for (var ai = 0; ai < ANG.length; ai++) {
                        var dx = Math.cos(ANG[ai]), dy = Math.sin(ANG[ai]), r = radii[ri];
                        var cx = p.x + dx * (r + Math.abs(dx) * w / 2), cy = p.y + dy * (r + Math.abs(dy) * h / 2);
                        var rect = [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2];
                        if (rect[0] < 4 || rect[1] < 4 || rect[2] > size.x - 4 || rect[3] > size.y - 4) { continue; }
                        var g = [rect[0] - 3, rect[1] - 3, rect[2] + 3, rect[3] + 3];
                        if (blocked.some(function (b) { return hit(g, b); })) { continue; }
                        if (placed.some(function (b) { return hit(g, b); })) { continue; }
                        if (obst.some(function (b, j) { return j !== self && hit(rect, b); })) { continue; }
                        return {rect: rect, r: r};
                    }
                }
                return null;
            }
            function edgePoint(rect, p) {
                return [Math.max(rect[0], Math.min(p.x, rect[2])), Math.max(rect[1], Math.min(p.y, rect[3]))];
            }
            function declutterBasemap(placed, names) {
                var bl = map.getPane({{ this.basemap_pane|tojson }});
                if (!bl) { return; }
                var cr = map.getContainer().getBoundingClientRect(), kept = placed.slice();
                var nodes = Array.prototype.slice.call(bl.querySelectorAll('.geomap-bl'));
                nodes.forEach(function (n) { n.style.visibility = ''; });
                var rects = nodes.map(function (n) {
                    if (n.style.display === 'none') { return null; }
                    var r = (n.lastElementChild || n).getBoundingClientRect();
                    return r.width ? [r.left - cr.left, r.top - cr.top, r.right - cr.left, r.bottom - cr.top] : null;
                });
                nodes.forEach(function (n, i) {
                    var r = rects[i];
                    if (!r) { return; }
                    if (names[n.textContent]) { n.style.visibility = 'hidden'; return; }
                    if (kept.some(function (b) { return hit(r, b); })) { n.style.visibility = 'hidden'; } else { kept.push(r); }
                });
            }
            function place() {
                var size = map.getSize(), blocked = controlRects(), placed = [], leaders = [], names = {};
                var origin = map.containerPointToLayerPoint([0, 0]);
                var anchors = items.map(function (it) { return map.latLngToContainerPoint([it.lat, it.lon]); });
                var obst = anchors.map(function (p) { return [p.x - 6, p.y - 6, p.x + 6, p.y + 6]; });
                items.forEach(function (it, i) {
                    var el = els[i], p = anchors[i];
                    el.style.visibility = 'hidden'; el.removeAttribute('data-shown');
                    var g = it.group && groups[it.group];
                    if ((map.geomapHidden && map.geomapHidden[it.id]) || (g && !map.hasLayer(g)) || p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) { return; }
                    var w = el.offsetWidth, h = el.offsetHeight;
                    var best = spot(p, w, h, it.kind === 'place' ? RADII.slice(0, 3) : RADII, size, blocked, placed, obst, i);
                    if (!best) { return; }
                    placed.push(best.rect);
                    el.style.left = (best.rect[0] + origin.x) + 'px'; el.style.top = (best.rect[1] + origin.y) + 'px';
                    el.style.visibility = ''; el.setAttribute('data-shown', '1');
                    if (it.name) { names[it.name] = true; }
                    if (best.r > 10) { leaders.push([p, edgePoint(best.rect, p), it.colour]); }
                });
                svg.setAttribute('width', size.x); svg.setAttribute('height', size.y);
                svg.style.left = origin.x + 'px'; svg.style.top = origin.y + 'px';
                svg.innerHTML = '';
                leaders.forEach(function (l) {
                    var ln = document.createElementNS(NS, 'line');
                    ln.setAttribute('x1', l[0].x); ln.setAttribute('y1', l[0].y); ln.setAttribute('x2', l[1][0]); ln.setAttribute('y2', l[1][1]);
                    ln.setAttribute('stroke', l[2]); svg.appendChild(ln);
                });
                declutterBasemap(placed, names);
                pane.style.display = '';
            }
            map.on('zoomstart', function () { pane.style.display = 'none'; });
            map.on('moveend zoomend resize overlayadd overlayremove baselayerchange', function () { setTimeout(place, 0); });
            map.geomapPlaceLabels = place;
            setTimeout(place, 0);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, items: list[dict], *, groups: dict[str, str], features: dict[str, str], pane: str,
                 basemap_pane: str) -> None:
        """``groups``/``features``: layer key → JS variable of its FeatureGroup / FeatureLayer."""
        super().__init__()
        self._name = "ClaimLabels"
        self.data_js = html_safe_json(json.dumps(items, ensure_ascii=False, separators=(",", ":")))
        self.groups = groups
        self.features = features
        self.pane = pane
        self.basemap_pane = basemap_pane


class FitView(DataMacro):
    """Fit the initial view to ``bounds`` [[south, west], [north, east]] clear of the map's controls: the left
    column (claim panel) is always kept clear; the right-hand controls either by a right margin or by top and
    bottom margins, whichever allows the closer zoom."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }}, b = L.latLngBounds({{ this.bounds|tojson }});
            function corner(sel) {
                var cr = map.getContainer().getBoundingClientRect(), r = [0, 0, 0, 0];
                map.getContainer().querySelectorAll(sel + ' .leaflet-control').forEach(function (c) {
                    var q = c.getBoundingClientRect();
                    if (!q.width) { return; }
                    r[0] = Math.max(r[0], q.right - cr.left); r[1] = Math.max(r[1], cr.right - q.left);
                    r[2] = Math.max(r[2], q.bottom - cr.top); r[3] = Math.max(r[3], cr.bottom - q.top);
                });
                return r;
            }
            function padding(bounds) {
                var W = map.getSize().x, m = 14;
                var left = Math.max(corner('.leaflet-left')[0] + m, m);
                if (left > 0.5 * W) { left = m; }
                var tr = corner('.leaflet-top.leaflet-right'), brc = corner('.leaflet-bottom.leaflet-right');
                var opts = [
                    {paddingTopLeft: [left, m], paddingBottomRight: [Math.max(tr[1], brc[1]) + m, m]},
                    {paddingTopLeft: [left, tr[2] + m], paddingBottomRight: [m, brc[3] + m]}
                ];
                var best = opts[0], bz = -1;
                opts.forEach(function (o) {
                    var z = map.getBoundsZoom(bounds, false, L.point(o.paddingTopLeft).add(o.paddingBottomRight));
                    if (z > bz) { bz = z; best = o; }
                });
                return best;
            }
            function fit() {
                var o = padding(b);
                o.maxZoom = {{ this.max_zoom }}; o.animate = false;
                map.fitBounds(b, o);
            }
            map.geomapPadding = padding;
            fit();
            map.geomapFit = fit;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]], *, max_zoom: int = 12) -> None:
        """``bounds``: [[south, west], [north, east]] degrees."""
        super().__init__()
        self._name = "FitView"
        self.bounds = bounds
        self.max_zoom = int(max_zoom)


class PanelFilter(DataMacro):
    """Verdict checkboxes and the kind selector of a panel (``data-f`` inputs) hide the panel entries and map
    labels of the claims filtered out (``map.geomapHidden``, read by :class:`ClaimLabels`)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }}, box = {{ this.panel }}.getContainer();
            function apply() {
                var on = {}, kind = '';
                box.querySelectorAll('input[data-f=verdict]').forEach(function (i) { if (i.checked) { on[i.value] = true; } });
                var sel = box.querySelector('select[data-f=kind]'); if (sel) { kind = sel.value; }
                var hidden = {};
                box.querySelectorAll('li[data-claim]').forEach(function (li) {
                    var show = on[li.getAttribute('data-verdict')] && (!kind || li.getAttribute('data-kind') === kind);
                    li.style.display = show ? '' : 'none';
                    if (!show) { hidden[li.getAttribute('data-claim')] = true; }
                });
                map.geomapHidden = hidden;
                if (map.geomapPlaceLabels) { map.geomapPlaceLabels(); }
            }
            box.addEventListener('change', apply);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, panel: str) -> None:
        """``panel``: JS variable of the panel's HtmlControl."""
        super().__init__()
        self._name = "PanelFilter"
        self.panel = panel


ZOOM_TO_JS = """<script>
function geomapZoomTo(map, group, idx) {
    if (!group) { return; }
    var k = 0;
    group.eachLayer(function (l) {
        if (k++ !== idx) { return; }
        var b = l.getBounds ? l.getBounds() : L.latLngBounds([l.getLatLng(), l.getLatLng()]);
        var o = map.geomapPadding ? map.geomapPadding(b) : {padding: [60, 60]};
        o.maxZoom = 13;
        map.fitBounds(b, o);
        l.openPopup(l.getBounds ? b.getCenter() : undefined);
    });
}
</script>"""


class HtmlControl(DataMacro):
    """A Leaflet control holding pre-escaped HTML (legend, claim panel) at a corner of the map."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        {%- if this.css %}<style>{{ this.css }}</style>{% endif %}
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create('div', {{ this.css_class|tojson }});
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {%- if this.feature_layers %}
        {{ this.get_name() }}.getContainer().addEventListener('click', function (e) {
            var li = e.target.closest('[data-layer]');
            if (!li) { return; }
            var layers = { {%- for k, v in this.feature_layers.items() %}{{ k|tojson }}: {{ v }},{% endfor %} };
            geomapZoomTo({{ this._parent.get_name() }}, layers[li.getAttribute('data-layer')],
                         parseInt(li.getAttribute('data-idx'), 10));
        });
        {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(self, html: str, *, position: str = "bottomright", css_class: str = "geomap-control",  # noqa: D107
                 css: str = "", name: str = "HtmlControl", feature_layers: dict[str, str] | None = None) -> None:
        super().__init__()
        self._name = name
        self.html = html
        self.position = position
        self.css_class = css_class
        self.css = css
        # layer key -> JS variable of its FeatureLayer: items with data-layer/data-idx zoom to that feature
        self.feature_layers = feature_layers or {}


class InlineScript(Element):
    """``<script>`` with inline code (``</`` escaped so the code cannot end the block early)."""

    def __init__(self, code: str) -> None:  # noqa: D107
        super().__init__()
        self.code = code.replace("</", "<\\/")

    def render(self, **kwargs: object) -> str:  # noqa: D102
        return f"<script>{self.code}</script>"


class InlineStyle(Element):
    """``<style>`` with inline CSS."""

    def __init__(self, css: str) -> None:  # noqa: D107
        super().__init__()
        self.css = css.replace("</", "<\\/")

    def render(self, **kwargs: object) -> str:  # noqa: D102
        return f"<style>{self.css}</style>"


class RawHeader(Element):
    """Fixed trusted markup for the page header (built from constants or escaped values only)."""

    def __init__(self, markup: str) -> None:  # noqa: D107
        super().__init__()
        self.markup = markup

    def render(self, **kwargs: object) -> str:  # noqa: D102
        return self.markup
