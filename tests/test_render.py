"""Map rendering: escaping, highlighting, layers, self-contained page (no browser; see test_browser.py)."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pytest
from _render_fixtures import make_layers

from geomap.render.popups import highlight, popup_html, sentence_html, tooltip_html


@pytest.fixture(scope="module")
def layers_meta():
    return make_layers()


@pytest.fixture(scope="module")
def sc_html(layers_meta, tmp_path_factory):
    from geomap.render import render_map, save_map

    layers, meta = layers_meta
    p = tmp_path_factory.mktemp("map") / "map.html"
    save_map(render_map(layers, meta, self_contained=True), p, self_contained=True)
    return p.read_text(encoding="utf-8")


def test_highlight_escapes_and_marks():
    s = 'a <b>x</b> "q" & z'
    out = highlight(s, 2, 10)
    assert out == 'a <mark>&lt;b&gt;x&lt;/b&gt;</mark> &quot;q&quot; &amp; z'
    assert highlight(s, None, None) == 'a &lt;b&gt;x&lt;/b&gt; &quot;q&quot; &amp; z'
    assert "<mark>" not in highlight(s, 5, 99)  # span outside the sentence: no mark, still escaped


def test_sentence_highlight_uses_article_offsets(layers_meta):
    layers, meta = layers_meta
    props = layers["distances"].drop(columns="geometry").iloc[0].to_dict()
    out = sentence_html(props, meta["text"])
    assert "<mark>about 30 km from the Russian border</mark>" in out
    # with an explicit sentence_start and no text the same span is marked
    props2 = dict(props, sentence_start=meta["text"].index(props["sentence"]))
    assert sentence_html(props2, None) == out


def test_popup_escapes_malicious_text(layers_meta):
    layers, meta = layers_meta
    props = layers["places"].drop(columns="geometry").iloc[1].to_dict()
    html = popup_html("places", props, meta)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '" onmouseover="' not in html and "&quot; onmouseover=&quot;alert(2)" in html
    assert "GeoNames" in html and "Natural Earth" in html  # data attribution in popups
    assert "2025-03-03" in html
    tip = tooltip_html("places", props)
    assert "<script>" not in tip


def test_zone_tooltip_has_depth_area_region_claim(layers_meta):
    layers, _ = layers_meta
    props = layers["zones"].drop(columns="geometry").iloc[0].to_dict()
    tip = tooltip_html("zones", props)
    assert "12.0 km" in tip and "km²" in tip and "Sumy" in tip and "c2" in tip


def _script_payloads(html: str) -> list[str]:
    return re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S)


def test_self_contained_has_no_external_assets(sc_html):
    from geomap.render.assets import external_refs

    assert external_refs(sc_html) == []
    for lib in ("jquery", "bootstrap", "awesome-markers", "font-awesome"):
        assert lib not in sc_html.lower(), lib
    assert "L.Control.FullScreen" in sc_html or "Control.FullScreen" in sc_html
    assert "L.Control.Measure" in sc_html
    # CSS images are data URIs
    assert "url(images/layers.png)" not in sc_html and 'url("data:image/png;base64,' in sc_html
    assert "url(icon-fullscreen.svg)" not in sc_html
    # the only http(s) URLs in scripts are tile templates and links in comments/strings, never loaded as assets
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?:", sc_html)


def test_malicious_text_never_reaches_markup_unescaped(sc_html):
    assert "<script>alert(1)</script>" not in sc_html
    assert "onmouseover=\"alert(2)" not in sc_html
    # the page <title> is escaped too
    title = re.search(r"<title>(.*?)</title>", sc_html, flags=re.S).group(1)
    assert "&lt;script&gt;" in title
    # data goes through tojson: no raw '<' inside the map's data scripts
    for payload in _script_payloads(sc_html):
        if "L.geoJSON(" in payload:
            for m in re.finditer(r"L\.geoJSON\((\{.*?\}), \{", payload, flags=re.S):
                assert "<" not in m.group(1)


def test_layers_and_controls_present(sc_html, layers_meta):
    for title in ("Regions", "Zones and bands", "Borders", "Distances", "Places"):
        assert f'"{title} (' in sc_html
    assert "L.control.scale" in sc_html
    assert "L.control.layers" in sc_html
    assert "fitBounds" in sc_html
    # labels are worded by geomap.render.labels from the layer's properties (no claims given)
    assert "Sumy \u2192 Ukraine\u2013Russia border" in sc_html or "Sumy → Ukraine–Russia border" in sc_html
    assert "about 30 km stated" in sc_html
    # the offline basemap is the default base layer; online tiles are options, not loaded
    assert "Offline basemap" in sc_html and "OpenStreetMap (online)" in sc_html


def test_verdict_colours_in_styles(layers_meta):
    from geomap.render.style import VERDICT_COLOURS, feature_style

    assert feature_style("distances", {"verdict": "inconsistent"})["color"] == VERDICT_COLOURS["inconsistent"]
    assert feature_style("distances", {"verdict": "consistent"})["color"] == VERDICT_COLOURS["consistent"]
    assert feature_style("zones", {"verdict": "drawn"})["fillOpacity"] < 0.5


def test_region_drawn_as_polygon_not_pin(sc_html, layers_meta):
    # the regions layer's feature is a Polygon in the page data
    assert '"type": "Polygon"' in sc_html or '"type":"Polygon"' in sc_html


def test_empty_layers_render(layers_meta, tmp_path):
    from geomap.render import render_map, save_map

    layers, meta = layers_meta
    empty = {k: gpd.GeoDataFrame(columns=[*v.columns], geometry="geometry", crs=4326) for k, v in layers.items()}
    p = save_map(render_map(empty, {"title": "nothing"}), tmp_path / "m.html")
    assert "Places (0)" in p.read_text()


def test_default_map_is_offline(layers_meta, tmp_path):
    from geomap.render import render_map, save_map
    from geomap.render.assets import external_refs

    layers, meta = layers_meta
    html = save_map(render_map(layers, meta), tmp_path / "m.html").read_text()
    assert external_refs(html) == []
    assert "Leaflet 1.9.4" in html


def test_cdn_mode_links_the_packs_versions(layers_meta, tmp_path):
    from geomap.pack import read
    from geomap.render import render_map, save_map
    from geomap.render.assets import external_refs

    layers, meta = layers_meta
    html = save_map(render_map(layers, meta, cdn=True), tmp_path / "m.html").read_text()
    refs = external_refs(html)
    versions = {s["package"]: s["version"] for s in read.manifest()["sources"]}
    assert any(f"leaflet@{versions['leaflet']}/dist/leaflet.js" in u for u in refs), refs
    assert any(f"leaflet-measure@{versions['leaflet-measure']}/" in u for u in refs), refs
    assert not any("1.9.3" in u or "2.1.7" in u for u in refs), refs
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()


def test_save_map_self_contained_converts_cdn_map(layers_meta, tmp_path):
    from geomap.render import render_map, save_map
    from geomap.render.assets import external_refs

    layers, meta = layers_meta
    p = save_map(render_map(layers, meta, cdn=True), tmp_path / "m.html", self_contained=True)
    assert external_refs(p.read_text()) == []


def test_self_contained_size_goal(sc_html):
    assert len(sc_html.encode()) < 1_500_000


def test_view_fits_located_places_not_actors(layers_meta):
    from shapely.geometry import Point

    from geomap.render import content_bounds

    layers, _ = layers_meta
    base = content_bounds(layers)
    places = layers["places"].copy()
    actor = places.iloc[[0]].copy()
    actor["role"] = "actor"
    actor["geometry"] = [Point(37.6173, 55.7558)]  # Moscow as an actor ("Moscow says ...")
    with_actor = dict(layers, places=gpd.GeoDataFrame(
        __import__("pandas").concat([places, actor], ignore_index=True), crs=4326))
    assert content_bounds(with_actor) == base
    # only borders drawn: the view falls back to them
    only_borders = {k: (v if k == "borders" else v.iloc[0:0]) for k, v in layers.items()}
    w, s, e, n = content_bounds(only_borders)
    assert (w, s, e, n) == tuple(layers["borders"].total_bounds)


def test_view_fits_judged_claims_and_their_places_only(layers_meta):
    """With claims: a place no judged claim names (a far namesake) and a not_checkable claim do not widen it."""
    import pandas as pd
    from shapely.geometry import Point

    from geomap.render import content_bounds

    layers, _ = layers_meta
    claims = [{"id": "c1", "verdict": "consistent", "subject": {"id": "geonames:692194", "name": "Sumy"}},
              {"id": "c2", "verdict": "drawn", "region": {"id": "admin1:UA.21", "name": "Sumy"}},
              {"id": "c3", "verdict": "not_checkable", "subject": {"id": "far", "name": "Canberra"}}]
    far = layers["places"].iloc[[0]].copy()
    far["id"], far["name"], far["geometry"] = "far", "Canberra", [Point(149.13, -35.28)]
    planted = dict(layers, places=gpd.GeoDataFrame(pd.concat([layers["places"], far], ignore_index=True), crs=4326))
    w, s, e, n = content_bounds(planted, claims)
    assert e < 60 and s > 40  # Canberra (149° E, 35° S) is not in the view
    fw, fs, fe, fn = layers["zones"].total_bounds
    assert w <= fw and s <= fs and fe <= e and fn <= n


def test_verdict_colours_are_colour_blind_safe():
    """Simulated protanopia, deuteranopia and tritanopia (Machado et al. 2009, severity 1) keep every pair of
    verdict colours apart by at least 20 CIELAB units (ΔE76)."""
    import itertools

    import numpy as np

    from geomap.render.style import VERDICT_COLOURS

    machado = {
        "protan": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
        "deutan": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
        "tritan": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
    }

    def lin(c):
        v = np.array([int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)])
        return np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)

    def lab(rgb_lin):
        xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ rgb_lin
        xyz /= np.array([0.95047, 1.0, 1.08883])
        f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
        return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])

    for name, m in [("normal", np.eye(3)), *machado.items()]:
        labs = {v: lab(np.clip(np.array(m) @ lin(c), 0, 1)) for v, c in VERDICT_COLOURS.items()}
        for a, b in itertools.combinations(labs, 2):
            assert np.linalg.norm(labs[a] - labs[b]) >= 20, (name, a, b)


def test_unknown_external_asset_refuses_self_contained(layers_meta):
    import folium

    from geomap.errors import InputError
    from geomap.render.assets import make_self_contained

    m = folium.Map(tiles=None)

    class Plugin(folium.elements.JSCSSMixin, folium.MacroElement):
        default_js = [("mystery", "https://example.invalid/mystery.js")]

    Plugin().add_to(m)
    with pytest.raises(InputError, match="mystery.js"):
        make_self_contained(m)


def test_basemap_tolerance_is_metric_and_bounded():
    from geomap.render.basemap import detail_tolerance_m

    small = detail_tolerance_m((34.0, 50.0, 35.0, 51.0))  # ~70 km wide
    large = detail_tolerance_m((20.0, 40.0, 50.0, 60.0))  # ~2,000 km wide
    assert 100.0 <= small < large <= 2_000.0


def test_unasserted_claims_are_dashed_and_labelled(layers_meta):
    from geomap.render.style import feature_style

    layers, meta = layers_meta
    props = layers["zones"].drop(columns="geometry").iloc[0].to_dict()
    assert feature_style("zones", props)["dashArray"] is None
    hyp = dict(props, modality="hypothetical")
    assert feature_style("zones", hyp)["dashArray"] and "hypothetical" in tooltip_html("zones", hyp)
    assert "hypothetical" in popup_html("zones", hyp, meta)
    neg = dict(layers["distances"].drop(columns="geometry").iloc[0].to_dict(), modality="negated")
    assert feature_style("distances", neg)["dashArray"]


def test_save_map_refusal_writes_nothing(layers_meta, tmp_path):
    import folium

    from geomap.errors import InputError
    from geomap.render import render_map, save_map

    layers, meta = layers_meta
    m = render_map(layers, meta)

    class Plugin(folium.elements.JSCSSMixin, folium.MacroElement):
        default_js = [("mystery", "https://example.invalid/mystery.js")]

    Plugin().add_to(m)
    with pytest.raises(InputError):
        save_map(m, tmp_path / "map.html", self_contained=True)
    assert list(tmp_path.iterdir()) == []


def test_basemap_outline_error_within_metric_tolerance():
    """Every vertex of the real UA outline lies within the (metric) tolerance of the simplified coast + border lines;
    coastlines and land borders are drawn apart (the coast holds no UA–RU border vertex)."""
    import numpy as np
    import pyproj
    import shapely
    from shapely.geometry import shape

    from geomap.pack import read
    from geomap.render.basemap import detail, detail_tolerance_m, view_window

    b = (33.0, 45.0, 36.5, 52.5)
    tol = detail_tolerance_m(b)
    d = detail(b)
    coast = shapely.union_all([shape(f["geometry"]) for f in json.loads(d["coast"])["features"]])
    land_borders = shapely.union_all([shape(f["geometry"]) for f in json.loads(d["borders"])["features"]])
    lines = shapely.union_all([coast, land_borders])
    win = view_window(b)
    c = read.countries()
    ua = c.loc[c["code"] == "UA"].geometry.iloc[0]
    orig = shapely.clip_by_rect(ua.boundary, *win)
    lon0, lat0 = (win[0] + win[2]) / 2, (win[1] + win[3]) / 2
    t = pyproj.Transformer.from_crs(4326, f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +datum=WGS84", always_xy=True)

    def proj(g):
        return shapely.transform(g, lambda a: np.column_stack(t.transform(a[:, 0], a[:, 1])))

    pts = shapely.points(shapely.get_coordinates(proj(orig)))
    assert len(pts) > 300
    dist = shapely.distance(proj(lines), pts)
    assert float(dist.max()) <= tol + 20.0  # + coordinate rounding (4 decimals ≈ 11 m)
    assert float(dist.max()) > 0  # it was simplified at all
    br = read.borders()
    ua_ru = br.loc[(br["a"] == "RU") & (br["b"] == "UA")].geometry.iloc[0]
    inland = shapely.points(shapely.get_coordinates(proj(shapely.clip_by_rect(ua_ru, 34.0, 50.5, 36.0, 52.0))))
    assert float(shapely.distance(proj(coast), inland).min()) > 5_000  # no coast line along the land border


def test_town_names_thinned_by_zoom():
    """Town names: larger places first, none overlapping at the zoom they appear, at most 300 new per zoom."""
    from collections import Counter

    from geomap.render import basemap

    towns = basemap.towns((33.0, 49.0, 38.0, 52.0), [(34.8, 50.9)])
    per_zoom = Counter(z for *_, z in towns)
    assert max(per_zoom.values()) <= basemap.TOWNS_PER_ZOOM
    first = {n: z for n, *_, z in towns}
    assert first["Kharkiv"] <= first.get("Okhtyrka", 99) <= 13
    for z in basemap.TOWN_ZOOMS:
        shown = [(n, la, lo) for n, la, lo, mz in towns if mz <= z]
        import numpy as np

        x, y = basemap._mercator_px(np.array([t[2] for t in shown]), np.array([t[1] for t in shown]), z)
        boxes = [(xi - 4, yi - 7, xi + basemap.CHAR_PX * len(t[0]) + 12, yi + 7) for xi, yi, t in zip(x, y, shown, strict=True)]
        grid = basemap._Grid()
        for bx in boxes:
            assert grid.free(bx), (z, bx)
            grid.add(bx)


def test_region_labels_use_current_english_names():
    from geomap.render import basemap

    names = {n for n, *_ in basemap.labels((34.0, 49.0, 37.0, 51.5))}
    assert {"Kharkiv Oblast", "Sumy Oblast", "Poltava Oblast"} <= names
    assert not names & {"Kiev City", "Dnipropetrovs'k", "Kharkiv"}


def test_extra_layer_name_is_escaped_for_the_layer_control(layers_meta, tmp_path):
    from geomap.render import render_map, save_map

    layers, meta = layers_meta
    evil = "<img src=x onerror=alert(1)>"
    html = save_map(render_map({**layers, evil: layers["places"]}, meta), tmp_path / "m.html").read_text()
    # Leaflet's layer control sets names as innerHTML: the name must arrive entity-escaped
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt; (2)" in html
    assert evil not in html


def test_continental_view_stays_small():
    """A view across continents gets no admin-1 detail and a coarser (still metric) tolerance: size bounded."""
    from geomap.render import basemap

    b = (-125.0, 25.0, 140.0, 70.0)
    assert not basemap.is_regional(b) and basemap.is_regional((33.0, 50.0, 35.5, 52.5))
    d = basemap.detail(b)
    assert json.loads(d["admin1"])["features"] == []
    total = sum(len(v) for v in d.values()) + len(basemap.context_land(b))
    assert total < 1_500_000


def test_display_geometry_stays_within_its_metric_tolerance(layers_meta):
    """Zones are simplified for drawing only: every original vertex lies within DISPLAY_TOLERANCE_M (+ rounding)
    of the drawn outline, measured in metres (pyproj aeqd), and far fewer vertices are drawn."""
    import numpy as np
    import pyproj
    import shapely

    from geomap.render.basemap import DISPLAY_TOLERANCE_M, display_geometry

    layers, _ = layers_meta
    band = max(layers["zones"].geometry, key=shapely.get_num_coordinates)  # the most detailed zone (a band)
    drawn = display_geometry(np.array([band], dtype=object))[0]
    c = band.centroid
    t = pyproj.Transformer.from_crs(4326, f"+proj=aeqd +lat_0={c.y} +lon_0={c.x} +datum=WGS84", always_xy=True)

    def proj(g):
        return shapely.transform(g, lambda a: np.column_stack(t.transform(a[:, 0], a[:, 1])))

    pts = shapely.points(shapely.get_coordinates(proj(band.boundary)))
    d = shapely.distance(proj(drawn.boundary), pts)
    assert float(d.max()) <= DISPLAY_TOLERANCE_M + 2.0
    assert shapely.get_num_coordinates(drawn) <= shapely.get_num_coordinates(band)
    assert drawn.is_valid


@pytest.mark.parametrize("chunk", [7, 1 << 20])
def test_saved_page_is_the_rendered_page_written_in_pieces(layers_meta, tmp_path, monkeypatch, chunk):
    """save_map writes each layer's data from its element, in pieces, around the rendered page: the file is what
    rendering the whole page as one string gives (element ids aside: two maps get their own), whatever the piece
    size."""
    from geomap.render import elements, render_map, save_map

    def ids(html: str) -> str:
        return re.sub(r"_[0-9a-f]{32}(?![0-9a-f])", "_ID", html)

    monkeypatch.setattr(elements, "CHUNK_CHARS", chunk)
    layers, meta = layers_meta
    whole = render_map(layers, meta).get_root().render()  # a page renders once: folium adds to it each time
    page, slots = elements.render_page(render_map(layers, meta).get_root())
    assert slots and not any(t in whole for t in slots)  # tokens only while the page is written
    assert sum(len(t) for t in slots.values()) > len(page) / 10  # the data is held apart from the page
    save_map(render_map(layers, meta), tmp_path / "map.html")
    assert ids((tmp_path / "map.html").read_text(encoding="utf-8")) == ids(whole)
