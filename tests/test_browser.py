"""The self-contained map in a real headless Chromium, offline (every http(s) request is aborted).

Skipped when /usr/bin/chromium is missing, unless GEOMAP_REQUIRE_BROWSER=1 (then it fails). The screenshot goes to
output/screenshots/; docs/example-map.png is (re)written when it is missing or GEOMAP_UPDATE_DOCS=1.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROOT = Path(__file__).resolve().parents[1]
TILE_HOSTS = ("tile.openstreetmap.org", "basemaps.cartocdn.com")
LAYER_TITLES = ("Regions", "Zones and bands", "Borders", "Distances", "Places")


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("GEOMAP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and GEOMAP_REQUIRE_BROWSER=1 (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


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


def test_offline_map_in_chromium(browser, map_file):
    pg = Page(browser, map_file.as_uri())
    page = pg.page
    try:
        # Leaflet initialised, no script errors; the only network attempts are map tiles (aborted)
        assert page.evaluate("() => typeof L.version") == "string"
        assert pg.page_errors == []
        assert all(any(h in u for h in TILE_HOSTS) for u in pg.aborted), pg.aborted
        other = [e for e in pg.console_errors if "Failed to load resource" not in e]
        assert other == []
        assert len(pg.console_errors) <= len(pg.aborted)

        # every layer name in the layer control
        labels = page.locator(".leaflet-control-layers label").all_inner_texts()
        text = "\n".join(labels)
        for title in LAYER_TITLES:
            assert re.search(rf"{re.escape(title)} \(\d+\)", text), (title, text)
        assert "Offline basemap" in text

        # band polygon and distance line are SVG paths with geometry, in the verdict colours
        band = page.locator('.leaflet-overlay-pane svg path[stroke="#5e3c99"]')
        line = page.locator('.leaflet-overlay-pane svg path[stroke="#1a9641"]')
        assert band.count() >= 1 and line.count() >= 1
        assert len(band.first.get_attribute("d")) > 50  # a polygon with many vertices
        assert re.fullmatch(r"M[\d.\- ]+L[\d.\- ]+", line.first.get_attribute("d").strip())
        # the offline basemap is drawn (below the tiles)
        assert page.locator(".leaflet-pane svg path").count() > 20

        # clicking a place opens its popup with the source sentence and highlighted span
        x, y = pg.feature_point("name", "Sumy")
        page.mouse.click(x, y)
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(state="visible", timeout=3000)
        assert "Sumy is about 30 km from the Russian border." in popup.inner_text()
        assert page.locator(".leaflet-popup-content mark").count() >= 1

        # the malicious place: text shows literally, nothing executes (also on hover)
        name = page.evaluate(
            """(mv) => { let n = null; window[mv].eachLayer(function w(l) {
                if (l.feature && l.feature.properties.name && l.feature.properties.name.startsWith('Witness'))
                    n = l.feature.properties.name; else if (l.eachLayer) l.eachLayer(w); }); return n; }""",
            pg.map_var())
        x, y = pg.feature_point("name", name)
        page.mouse.move(x, y)
        page.wait_for_timeout(200)
        page.mouse.click(x, y)
        page.wait_for_timeout(300)
        content = page.locator(".leaflet-popup-content").inner_text()
        assert "<script>alert(1)</script>" in content
        assert '" onmouseover="alert(2)' in content
        assert '<img src=x onerror="alert(4)">' in content and "${alert(3)}" in content
        page.locator(".leaflet-popup-content").hover()
        page.wait_for_timeout(200)
        assert page.locator(".leaflet-popup-content script").count() == 0
        claim_panel = page.locator(".geomap-panel").inner_text()
        assert "<script>alert(1)</script>" in claim_panel  # the title, shown literally
        assert pg.dialogs == []

        page.keyboard.press("Escape")
        page.evaluate("(mv) => window[mv].closePopup()", pg.map_var())
        shots = ROOT / "output" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "map-handmade.png"))
        load_ms = page.evaluate(
            "() => { const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime; }")
        print(f"page load (file://, offline): {load_ms:.0f} ms")
    finally:
        page.close()
