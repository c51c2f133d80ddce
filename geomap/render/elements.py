"""branca/folium elements of the map: GeoJSON feature layers, legend and claim panel controls, inline assets.

Data reaches the page only through Jinja's ``tojson`` filter (which escapes ``<``, ``>``, ``&`` and ``'`` so it
cannot close a <script> block); HTML strings inside the data were built with ``html.escape`` (geomap.render.popups).
Folium's own Popup/Tooltip classes are not used for article text: they paste HTML into a JavaScript template literal
where ``${...}`` would run.
"""

from __future__ import annotations

import json

from branca.element import Element, MacroElement
from folium.template import Template


def html_safe_json(text: str) -> str:
    """JSON text made safe inside an HTML <script>: <, >, &, ' and U+2028/9 as \\u escapes (same JSON value)."""
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


class FeatureLayer(MacroElement):
    """A Leaflet ``L.geoJSON`` layer added to its parent (a FeatureGroup or the map).

    Each feature's ``properties._style`` holds Leaflet path options (points become circle markers with them),
    ``_popup`` / ``_tooltip`` hold pre-escaped HTML, ``_tooltip_opts`` Leaflet tooltip options.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data_js }}, {
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
        {%- if this.declutter %}
        (function (layer) {
            // permanent labels that would overlap an earlier one are hidden until zooming in separates them;
            // hovering a feature shows its label regardless
            function declutter() {
                var placed = [];
                layer.eachLayer(function (l) {
                    var t = l.getTooltip && l.getTooltip(), el = t && t.getElement && t.getElement();
                    if (!el) { return; }
                    el.style.visibility = '';
                    var r = el.getBoundingClientRect();
                    var hit = placed.some(function (p) {
                        return !(r.right < p.left || r.left > p.right || r.bottom < p.top || r.top > p.bottom);
                    });
                    if (hit) { el.style.visibility = 'hidden'; } else { placed.push(r); }
                });
            }
            layer.eachLayer(function (l) {
                l.on('mouseover', function () {
                    var t = l.getTooltip(), el = t && t.getElement();
                    if (el) { el.style.visibility = ''; }
                });
                l.on('mouseout', declutter);
            });
            layer.on('add', function () { setTimeout(declutter, 0); });
            {{ this.map_name() }}.on('zoomend moveend overlayadd', function () { setTimeout(declutter, 0); });
            setTimeout(declutter, 0);
        })({{ this.get_name() }});
        {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(self, data: dict | str, *, pane: str = "overlayPane", interactive: bool = True,  # noqa: D107
                 attribution: str | None = None, name: str = "FeatureLayer", declutter: bool = False,
                 style: dict | None = None) -> None:
        super().__init__()
        self._name = name
        self.data = data
        # GeoJSON as JavaScript: a dict is dumped, JSON text is used as is; either way <, >, & and ' are escaped
        # (the same as Jinja's tojson) so the data can never close the <script> block
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        self.data_js = html_safe_json(text)
        self.style = style or {}
        self.pane = pane
        self.interactive = interactive
        self.attribution = attribution
        self.declutter = declutter

    def map_name(self) -> str:
        """JS variable of the folium Map this layer belongs to."""
        import folium

        el = self._parent
        while el is not None and not isinstance(el, folium.Map):
            el = el._parent
        return el.get_name() if el is not None else self._parent.get_name()


class BasemapLabels(MacroElement):
    """Offline basemap names as non-interactive DivIcon markers in a pane *below* the tiles (so tiles, when they
    load, cover them). Admin-1 names appear from ``admin1_zoom`` on. Names are HTML-escaped in Python."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this.map_name() }}, group = {{ this._parent.get_name() }};
            var data = {{ this.data_js }};
            data.forEach(function (d) {
                L.marker([d[1], d[2]], {pane: {{ this.pane|tojson }}, interactive: false, keyboard: false,
                    icon: L.divIcon({className: 'geomap-bl geomap-bl-' + d[3], html: d[0], iconSize: null})
                }).addTo(group);
            });
            var pane = map.getPane({{ this.pane|tojson }});
            function zoomed() {
                if (pane) { pane.classList.toggle('geomap-bl-zoomed', map.getZoom() >= {{ this.admin1_zoom }}); }
            }
            map.on('zoomend', zoomed);
            zoomed();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[tuple[str, float, float, str]], *, pane: str, admin1_zoom: int = 6) -> None:  # noqa: D107
        super().__init__()
        self._name = "BasemapLabels"
        from html import escape

        rows = [[escape(name), lat, lon, "admin1" if kind == "admin1" else "country"]
                for name, lat, lon, kind in labels]
        self.data_js = html_safe_json(json.dumps(rows, ensure_ascii=False, separators=(",", ":")))
        self.pane = pane
        self.admin1_zoom = int(admin1_zoom)

    map_name = FeatureLayer.map_name


class HtmlControl(MacroElement):
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
            var group = layers[li.getAttribute('data-layer')], idx = parseInt(li.getAttribute('data-idx'), 10);
            if (!group) { return; }
            var k = 0, map = {{ this._parent.get_name() }};
            group.eachLayer(function (l) {
                if (k++ !== idx) { return; }
                var b = l.getBounds ? l.getBounds() : L.latLngBounds([l.getLatLng(), l.getLatLng()]);
                map.fitBounds(b, {maxZoom: 11, padding: [60, 60]});
                l.openPopup(l.getBounds ? b.getCenter() : undefined);
            });
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
