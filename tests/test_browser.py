"""The self-contained map in a real headless Chromium, offline (every http(s) request is aborted).

Skipped when /usr/bin/chromium is missing, unless GEOMAP_REQUIRE_BROWSER=1 (then it fails). The screenshot goes to
output/screenshots/; docs/example-map.png is (re)written when it is missing or GEOMAP_UPDATE_DOCS=1.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
TILE_HOSTS = ("tile.openstreetmap.org", "basemaps.cartocdn.com")
LAYER_TITLES = ("Regions", "Zones and bands", "Borders", "Distances", "Places")


@pytest.fixture(scope="module")
def map_file(tmp_path_factory) -> Path:
    """Self-contained map of the hand-made Sumy layers; the article text holds the malicious strings."""
    from _render_fixtures import make_layers

    from geomap.render import render_map, save_map

    layers, meta = make_layers()
    out = tmp_path_factory.mktemp("browser") / "map.html"
    save_map(render_map(layers, meta, self_contained=True), out, self_contained=True)
    return out


class Page:
    """A page with offline routing and event recording."""

    def __init__(self, browser, url: str):
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.aborted: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(url, wait_until="load")
        self.page.wait_for_function("() => window.L && document.querySelector('.leaflet-container')")
        self.page.wait_for_timeout(300)

    def _dialog(self, d):
        self.dialogs.append(d.message)
        d.dismiss()

    def _route(self, route):
        url = route.request.url
        if url.startswith(("http:", "https:")):
            self.aborted.append(url)
            route.abort()
        else:
            route.continue_()

    def map_var(self) -> str:
        return self.page.evaluate(
            "() => Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k) && window[k] instanceof L.Map)")

    def feature_point(self, prop: str, value: str) -> tuple[float, float]:
        """Page pixel (x, y) of the first circle marker whose feature property ``prop`` == value."""
        return tuple(self.page.evaluate(
            """([mv, prop, value]) => {
                const map = window[mv]; let hit = null;
                function walk(l) {
                    if (hit) return;
                    if (l instanceof L.CircleMarker && l.feature && l.feature.properties[prop] === value) { hit = l; }
                    else if (l.eachLayer) { l.eachLayer(walk); }
                }
                map.eachLayer(walk);
                if (!hit) return null;
                const p = map.latLngToContainerPoint(hit.getLatLng());
                const r = map.getContainer().getBoundingClientRect();
                return [r.left + p.x, r.top + p.y];
            }""", [self.map_var(), prop, value]))


def check_offline_page(pg: Page) -> None:
    """Leaflet initialised, no script errors, only tile requests attempted (and aborted), every layer listed."""
    page = pg.page
    assert page.evaluate("() => typeof L.version") == "string"
    assert pg.page_errors == []
    assert all(any(h in u for h in TILE_HOSTS) for u in pg.aborted), pg.aborted
    other = [e for e in pg.console_errors if "Failed to load resource" not in e]
    assert other == []
    assert len(pg.console_errors) <= len(pg.aborted)
    text = "\n".join(page.locator(".leaflet-control-layers label").all_inner_texts())
    for title in LAYER_TITLES:
        assert re.search(rf"{re.escape(title)} \(\d+\)", text), (title, text)
    assert "Offline basemap" in text
    # the offline basemap is drawn (below the tiles)
    assert page.locator(".leaflet-pane svg path").count() > 20
    assert page.locator(".geomap-bl-country", has_text="Ukraine").count() == 1  # offline names too
    # scale bar, fullscreen and measure controls are present and the measure tool opens
    assert page.locator(".leaflet-control-scale-line").count() >= 1
    assert page.locator(".leaflet-control-zoom-fullscreen").count() == 1
    assert page.locator(".leaflet-control-measure").count() == 1
    page.locator(".leaflet-control-measure").dispatch_event("mouseenter")  # desktop: expands on hover
    page.wait_for_timeout(100)
    if not page.locator(".leaflet-control-measure-interaction").first.is_visible():
        page.locator(".leaflet-control-measure-toggle").dispatch_event("click")  # touch browsers: on click
        page.wait_for_timeout(100)
    assert page.locator(".leaflet-control-measure-interaction").first.is_visible()
    collapse_measure(page)
    assert pg.page_errors == []


def collapse_measure(page) -> None:
    """Fold the measure control's panel back (its collapse is bound to mouseleave/map clicks)."""
    page.evaluate("""() => Object.keys(window).filter(k => k.startsWith('measure_control_'))
                              .forEach(k => window[k]._collapse && window[k]._collapse())""")
    assert not page.locator(".leaflet-control-measure-interaction").first.is_visible()


def check_band_and_line(page) -> None:
    """The band polygon ('drawn' colour) and a distance line (consistent colour) are SVG paths with geometry."""
    band = page.locator('.leaflet-overlay-pane svg path[stroke="#5e3c99"]')
    line = page.locator('.leaflet-overlay-pane svg path[stroke="#1a9641"]')
    assert band.count() >= 1 and line.count() >= 1
    assert max(len(band.nth(i).get_attribute("d") or "") for i in range(band.count())) > 50
    assert any(re.fullmatch(r"M[\d.\- ]+L[\d.\- ]+", (line.nth(i).get_attribute("d") or "").strip())
               for i in range(line.count()))


def open_popup_of(pg: Page, name: str) -> str:
    """Hover then click the place marker called ``name``; return the popup's text."""
    x, y = pg.feature_point("name", name)
    pg.page.mouse.move(x, y)
    pg.page.wait_for_timeout(150)
    pg.page.mouse.click(x, y)
    popup = pg.page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=3000)
    popup.hover()
    pg.page.wait_for_timeout(150)
    return popup.inner_text()


def save_screenshot(page, name: str, docs: bool = False) -> None:
    page.evaluate("() => document.querySelectorAll('.leaflet-popup-close-button').forEach(b => b.click())")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    collapse_measure(page)
    page.wait_for_timeout(300)
    shots = ROOT / "output" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / name))
    target = ROOT / "docs" / "example-map.png"
    if docs and (not target.exists() or os.environ.get("GEOMAP_UPDATE_DOCS") == "1"):
        target.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(target))


def run_map_cli(article: Path | None, out: Path) -> Path:
    cmd = [sys.executable, "-m", "geomap", "map", "--self-contained", "--quiet", "-o", str(out)]
    if article is not None:
        cmd.insert(4, str(article))
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return out / "map.html"


def _norm(s: str) -> str:
    return " ".join(s.split())


def _sentence_of(out_dir: Path, name: str) -> str:
    """The source sentence the exported places layer gives for the place called ``name``."""
    fc = json.loads((out_dir / "layers" / "places.geojson").read_text(encoding="utf-8"))
    return next(f["properties"]["sentence"] for f in fc["features"] if f["properties"]["name"] == name)


needs_cli = pytest.mark.skipif(importlib.util.find_spec("geomap.cli.map_cmd") is None,
                               reason="geomap map command not available yet")


@needs_cli
def test_example_map_from_cli(browser, tmp_path):
    html = run_map_cli(None, tmp_path / "example")
    pg = Page(browser, html.as_uri())
    try:
        check_offline_page(pg)
        check_band_and_line(pg.page)
        # distance labels: at least one shown, none of the shown ones overlap
        rects = pg.page.evaluate(
            """() => [...document.querySelectorAll('.geomap-label')].filter(e => e.style.visibility !== 'hidden')
                     .map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })""")
        assert rects
        for i, a in enumerate(rects):
            for b in rects[i + 1:]:
                assert min(a[2], b[2]) - max(a[0], b[0]) <= 0 or min(a[3], b[3]) - max(a[1], b[1]) <= 0, (a, b)
        text = open_popup_of(pg, "Sumy")
        assert _norm(_sentence_of(html.parent, "Sumy")) in _norm(text)
        assert pg.dialogs == []
        save_screenshot(pg.page, "example-map.png", docs=True)
        load_ms = pg.page.evaluate(
            "() => { const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime; }")
        print(f"example map: {html.stat().st_size / 1e6:.2f} MB, page load (file://, offline) {load_ms:.0f} ms")
    finally:
        pg.page.close()


MALICIOUS_ARTICLE = """Raid near Sumy <script>alert(1)</script> " onmouseover="alert(2) <img src=x onerror="alert(4)"> ${alert(3)}

March 4, 2025

Sumy is about 30 km from the Russian border, a witness wrote " onmouseover="alert(2) and <img src=x onerror="alert(4)"> in a post.
Russian forces advanced up to 12 km inside Ukrainian territory in the Sumy region <script>alert(5)</script>.
"""


@needs_cli
def test_malicious_article_from_cli(browser, tmp_path):
    art = tmp_path / "evil.md"
    art.write_text(MALICIOUS_ARTICLE, encoding="utf-8")
    html = run_map_cli(art, tmp_path / "evil")
    pg = Page(browser, html.as_uri())
    try:
        check_offline_page(pg)
        text = open_popup_of(pg, "Sumy")
        assert _norm(_sentence_of(html.parent, "Sumy")) in _norm(text)
        assert '" onmouseover="alert(2)' in text
        assert '<img src=x onerror="alert(4)">' in text
        assert pg.page.locator(".leaflet-popup-content script, .leaflet-popup-content img").count() == 0
        assert "<script>alert(1)</script>" in pg.page.locator(".geomap-panel").inner_text()
        pg.page.locator(".geomap-panel").hover()
        pg.page.wait_for_timeout(200)
        assert pg.dialogs == []
        save_screenshot(pg.page, "malicious-article.png")
    finally:
        pg.page.close()


def test_handmade_layers_map(browser, map_file):
    """Independent of the analysis: hand-made layers + malicious sentence and title."""
    pg = Page(browser, map_file.as_uri())
    page = pg.page
    try:
        check_offline_page(pg)
        check_band_and_line(page)
        text = open_popup_of(pg, "Sumy")
        assert "Sumy is about 30 km from the Russian border." in text
        assert page.locator(".leaflet-popup-content mark").count() >= 1

        # the malicious place: text shows literally, nothing executes (also on hover)
        name = page.evaluate(
            """(mv) => { let n = null; window[mv].eachLayer(function w(l) {
                if (l.feature && l.feature.properties.name && l.feature.properties.name.startsWith('Witness'))
                    n = l.feature.properties.name; else if (l.eachLayer) l.eachLayer(w); }); return n; }""",
            pg.map_var())
        content = open_popup_of(pg, name)
        assert "<script>alert(1)</script>" in content
        assert '" onmouseover="alert(2)' in content
        assert '<img src=x onerror="alert(4)">' in content and "${alert(3)}" in content
        assert page.locator(".leaflet-popup-content script, .leaflet-popup-content img").count() == 0
        assert "<script>alert(1)</script>" in page.locator(".geomap-panel").inner_text()
        # hovering the band shows its tooltip: depth, area, region, claim
        page.evaluate("(mv) => window[mv].closePopup()", pg.map_var())
        bx, by = page.evaluate(
            """(mv) => { const map = window[mv]; let pt = null;
                map.eachLayer(function w(l) {
                    if (!pt && l.feature && l.feature.properties.zone_type === 'band' && l.getLatLngs) {
                        let ll = l.getLatLngs(); while (Array.isArray(ll[0])) ll = ll[0];
                        const p = map.latLngToContainerPoint(ll[0]), r = map.getContainer().getBoundingClientRect();
                        pt = [r.left + p.x, r.top + p.y];
                    } else if (!pt && l.eachLayer) { l.eachLayer(w); } });
                return pt; }""", pg.map_var())
        page.mouse.move(bx, by)
        page.wait_for_timeout(300)
        tip = page.locator(".leaflet-tooltip:not(.geomap-label)").all_inner_texts()
        assert any("km²" in t and "12.0 km" in t and "c2" in t for t in tip), tip
        # a claim in the panel zooms to its feature and opens its popup
        zoom0 = page.evaluate("(mv) => window[mv].getZoom()", pg.map_var())
        page.locator('.geomap-panel li[data-layer="distances"]').first.click()
        page.wait_for_timeout(600)
        assert "km measured" in page.locator(".leaflet-popup-content").inner_text()
        assert page.evaluate("(mv) => window[mv].getZoom()", pg.map_var()) >= zoom0
        assert pg.dialogs == []
        save_screenshot(page, "map-handmade.png")
    finally:
        page.close()
