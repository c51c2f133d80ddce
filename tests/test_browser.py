"""The default map in a real headless Chromium from file://, offline: every non-file request is blocked and counted.

Skipped when /usr/bin/chromium is missing, unless GEOMAP_REQUIRE_BROWSER=1 (then it fails). Screenshots go to
output/screenshots/; docs/example-map.png, docs/example-map-zone.png, docs/example2-map.png and
docs/example2-map-zone.png are (re)written when missing or GEOMAP_UPDATE_DOCS=1.

The expectations are computed here from the map's own output files (claims.json, layers/*.geojson), not from the
page: the initial view must contain every feature of a claim with a verdict and exclude a planted far-away place,
list every claim id in the panel, and show at least min(claims, 12) non-overlapping labels naming their places.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "geomap" / "examples"
LAYER_TITLES = ("Regions", "Zones and bands", "Borders", "Distances", "Places")
VERDICT = {"consistent", "inconsistent", "drawn"}


class Page:
    """A page with offline routing: every request that is not file:// is aborted and counted."""

    def __init__(self, browser, url: str, viewport=(1280, 800)):
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.external: list[str] = []
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(url, wait_until="load")
        self.page.wait_for_function("() => window.L && document.querySelector('.leaflet-container')")
        self.page.wait_for_timeout(400)

    def _dialog(self, d):
        self.dialogs.append(d.message)
        d.dismiss()

    def _route(self, route):
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def map_var(self) -> str:
        return self.page.evaluate(
            "() => Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k) && window[k] instanceof L.Map)")

    def bounds(self) -> tuple[float, float, float, float]:
        """The map's visible (west, south, east, north)."""
        return tuple(self.page.evaluate(
            "(mv) => { const b = window[mv].getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), "
            "b.getNorth()]; }", self.map_var()))

    def to_pixels(self, lon: float, lat: float) -> tuple[float, float]:
        return tuple(self.page.evaluate(
            "([mv, lat, lon]) => { const p = window[mv].latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
            [self.map_var(), lat, lon]))

    def rect(self, selector: str) -> tuple[float, float, float, float] | None:
        """(left, top, right, bottom) of an element, relative to the map container."""
        return self.page.evaluate(
            """(sel) => { const el = document.querySelector(sel); if (!el) return null;
                const c = document.querySelector('.leaflet-container').getBoundingClientRect();
                const r = el.getBoundingClientRect();
                return [r.left - c.left, r.top - c.top, r.right - c.left, r.bottom - c.top]; }""", selector)

    def labels(self) -> list[dict]:
        """Claim labels shown: claim id, text, rect relative to the container."""
        return self.page.evaluate(
            """() => { const c = document.querySelector('.leaflet-container').getBoundingClientRect();
                return [...document.querySelectorAll('.geomap-label-claim[data-shown]')].map(e => {
                    const r = e.getBoundingClientRect();
                    return {id: e.getAttribute('data-claim'), text: e.innerText,
                            rect: [r.left - c.left, r.top - c.top, r.right - c.left, r.bottom - c.top]}; }); }""")


def run_map_cli(article: Path | None, out: Path, *extra: str) -> Path:
    cmd = [sys.executable, "-m", "geomap", "map", "--quiet", "-o", str(out), *extra]
    if article is not None:
        cmd.insert(4, str(article))
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    return out / "map.html"


def overlap(a, b) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


def verdict_features(out_dir: Path) -> list:
    """Geometries of the distances/zones features whose claims have a verdict (from the exported layers)."""
    claims = {c["id"]: c for c in json.loads((out_dir / "claims.json").read_text(encoding="utf-8"))["claims"]}
    geoms = []
    for key in ("distances", "zones"):
        path = out_dir / "layers" / f"{key}.geojson"
        if not path.exists():
            continue
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
            ids = (f["properties"].get("claim_ids") or f["properties"].get("claim_id") or "").split(",")
            if any(claims.get(i, {}).get("verdict") in VERDICT for i in ids):
                geoms.append(shape(f["geometry"]))
    return geoms


def names_of(claim: dict, places: dict[str, dict]) -> list[list[str]]:
    """For each place a claim names: the names a label may show it by (gazetteer name, as written)."""
    out = []
    for k in ("subject", "target"):
        ref = claim.get(k)
        if isinstance(ref, dict) and ref.get("name"):
            out.append([ref["name"], *places.get(ref.get("id"), {}).get("surface", [])])
    return out


def check_default_map(pg: Page, out_dir: Path, planted: tuple[float, float] | None = None) -> dict:
    """The acceptance checks of the default map; returns measured figures for printing."""
    page = pg.page
    doc = json.loads((out_dir / "claims.json").read_text(encoding="utf-8"))
    claims = doc["claims"]
    places = {p["id"]: p for p in doc["places"]}
    # offline: no external request at all, no error
    assert pg.external == [], pg.external
    assert pg.page_errors == [] and pg.console_errors == [], (pg.page_errors, pg.console_errors)
    assert page.evaluate("() => L.version") == "1.9.4"
    # the layers are drawn, the offline basemap is the base layer
    assert page.locator(".leaflet-overlay-pane svg path.leaflet-interactive").count() >= len(claims) // 2
    assert page.locator(".leaflet-pane svg path").count() > 20
    text = "\n".join(page.locator(".leaflet-control-layers label").all_text_contents())
    for title in LAYER_TITLES:
        assert re.search(rf"{re.escape(title)} \(\d+\)", text), (title, text)
    assert "Offline basemap" in text
    checked = page.locator(".leaflet-control-layers-base input:checked").evaluate_all(
        "els => els.map(e => e.parentElement.textContent)")
    assert len(checked) == 1 and "Offline basemap" in checked[0], checked
    # the initial view holds every claim feature with a verdict, clear of the panel and legend, and not the plant
    w, s, e, n = pg.bounds()
    feats = verdict_features(out_dir)
    assert feats
    fw, fs, fe, fn = shapely.total_bounds(feats)
    assert w <= fw and s <= fs and fe <= e and fn <= n, ((w, s, e, n), (fw, fs, fe, fn))
    if planted is not None:
        assert not (w <= planted[0] <= e and s <= planted[1] <= n), ((w, s, e, n), planted)
    x0, y1 = pg.to_pixels(fw, fs)
    x1, y0 = pg.to_pixels(fe, fn)
    content = (x0, y0, x1, y1)
    for sel in (".geomap-panel", ".geomap-legend"):
        assert not overlap(content, pg.rect(sel)), (sel, content, pg.rect(sel))
    # every claim is in the panel
    for c in claims:
        assert page.locator(f'.geomap-panel li[data-claim="{c["id"]}"]').count() == 1, c["id"]
    # labels: enough, none overlapping each other or a control, each naming its places
    labels = pg.labels()
    assert len(labels) >= min(len(claims), 12), [lb["text"] for lb in labels]
    controls = page.evaluate(
        """() => { const c = document.querySelector('.leaflet-container').getBoundingClientRect();
            return [...document.querySelectorAll('.leaflet-control')].map(e => e.getBoundingClientRect())
                .filter(r => r.width).map(r => [r.left - c.left, r.top - c.top, r.right - c.left, r.bottom - c.top]); }""")
    by_id = {c["id"]: c for c in claims}
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not overlap(a["rect"], b["rect"]), (a, b)
        for r in controls:
            assert not overlap(a["rect"], r), (a, r)
        for alternatives in names_of(by_id[a["id"]], places):
            assert any(nm in a["text"] for nm in alternatives), (a["text"], alternatives)
    return {"labels": len(labels), "claims": len(claims)}


def zoom_to_claim(pg: Page, claim_id: str) -> None:
    pg.page.locator(f'.geomap-panel li[data-claim="{claim_id}"]').click()
    pg.page.wait_for_timeout(800)
    pg.page.evaluate("(mv) => window[mv].closePopup()", pg.map_var())
    pg.page.wait_for_timeout(300)


def save_screenshot(page, name: str, docs: str | None = None) -> None:
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.wait_for_timeout(200)
    shots = ROOT / "output" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / name))
    if docs:
        target = ROOT / "docs" / docs
        if not target.exists() or os.environ.get("GEOMAP_UPDATE_DOCS") == "1":
            target.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(target))


def _zone_claim(out_dir: Path, km: float) -> str:
    claims = json.loads((out_dir / "claims.json").read_text(encoding="utf-8"))["claims"]
    # a zone, or where a force got to ("troops were within 5 km of Kramatorsk"), drawn as a disc
    return next(c["id"] for c in claims if c["stated_km"] == km and (
        c["kind"] == "radius_around_place" or "(drawn as a circle)" in c.get("reason", "")))


# GeoNames cities500 is dense around Kramatorsk (31 places within 12 km) and sparse around Afrin (1)
@pytest.mark.parametrize(("article", "docs", "min_towns"), [(None, "example-map", 10),
                                                           ("kobani_dispatch.md", "example2-map", 1)])
def test_default_map_offline(browser, tmp_path, article, docs, min_towns):
    """`geomap map` with no flags, on the bundled example and the second example."""
    html = run_map_cli(EXAMPLES / article if article else None, tmp_path / "out")
    size = html.stat().st_size
    assert size <= 1.5e6, size
    pg = Page(browser, html.as_uri())
    try:
        figures = check_default_map(pg, html.parent)
        load_ms = pg.page.evaluate(
            "() => { const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime; }")
        save_screenshot(pg.page, f"{docs}.png", f"{docs}.png")
        # zoomed to a 5 km zone: the zone fills the view, and the basemap still has names there
        zoom_to_claim(pg, _zone_claim(html.parent, 5.0))
        assert pg.page.evaluate("(mv) => window[mv].getZoom()", pg.map_var()) >= 11
        towns = pg.page.evaluate(
            """() => { const c = document.querySelector('.leaflet-container').getBoundingClientRect();
                return [...document.querySelectorAll('.geomap-bl-town')].filter(e => e.style.display !== 'none'
                    && e.style.visibility !== 'hidden').map(e => e.getBoundingClientRect())
                    .filter(r => r.left >= c.left && r.right <= c.right && r.top >= c.top && r.bottom <= c.bottom).length; }""")
        assert towns >= min_towns, towns
        assert pg.external == [] and pg.page_errors == [] and pg.console_errors == []
        save_screenshot(pg.page, f"{docs}-zone.png", f"{docs}-zone.png")
        print(f"{docs}: {size / 1e6:.2f} MB, load {load_ms:.0f} ms, {figures['labels']} labels for "
              f"{figures['claims']} claims, {towns} town names at the 5 km zone")
    finally:
        pg.page.close()


def test_planted_far_away_place_does_not_widen_the_view(browser, tmp_path):
    art = tmp_path / "planted.md"
    art.write_text((EXAMPLES / "sumy_dispatch.md").read_text(encoding="utf-8")
                   + "\nA delegation from Canberra visited the city in April.\n", encoding="utf-8")
    html = run_map_cli(art, tmp_path / "planted")
    doc = json.loads((html.parent / "claims.json").read_text(encoding="utf-8"))
    canberra = next(p for p in doc["places"] if p["name"] == "Canberra")
    pg = Page(browser, html.as_uri())
    try:
        check_default_map(pg, html.parent, planted=(canberra["lon"], canberra["lat"]))
    finally:
        pg.page.close()


def test_second_example_excludes_geneva(browser, tmp_path):
    html = run_map_cli(EXAMPLES / "kobani_dispatch.md", tmp_path / "k")
    doc = json.loads((html.parent / "claims.json").read_text(encoding="utf-8"))
    geneva = next(p for p in doc["places"] if p["name"] == "Geneva")
    pg = Page(browser, html.as_uri(), viewport=(1000, 700))  # a smaller window: the same promises
    try:
        check_default_map(pg, html.parent, planted=(geneva["lon"], geneva["lat"]))
    finally:
        pg.page.close()


MALICIOUS_ARTICLE = """Raid near Sumy <script>alert(1)</script> " onmouseover="alert(2) <img src=x onerror="alert(4)"> ${alert(3)}

March 4, 2025

Sumy is about 30 km from the Russian border, a witness wrote " onmouseover="alert(2) and <img src=x onerror="alert(4)"> in a post.
Russian forces advanced up to 12 km inside Ukrainian territory in the Sumy region <script>alert(5)</script>.
"""


def open_popup_of(pg: Page, name: str) -> str:
    """Click the place marker called ``name``; return the popup's text."""
    x, y = pg.page.evaluate(
        """([mv, name]) => { const map = window[mv]; let hit = null;
            map.eachLayer(function w(l) { if (hit) return;
                if (l instanceof L.CircleMarker && l.feature && l.feature.properties.name === name) hit = l;
                else if (l.eachLayer) l.eachLayer(w); });
            const p = map.latLngToContainerPoint(hit.getLatLng()), r = map.getContainer().getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""", [pg.map_var(), name])
    pg.page.mouse.click(x, y)
    popup = pg.page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=3000)
    return popup.inner_text()


def test_malicious_article_from_cli(browser, tmp_path):
    art = tmp_path / "evil.md"
    art.write_text(MALICIOUS_ARTICLE, encoding="utf-8")
    html = run_map_cli(art, tmp_path / "evil")
    pg = Page(browser, html.as_uri())
    try:
        assert pg.external == [] and pg.page_errors == []
        text = open_popup_of(pg, "Sumy")
        assert '" onmouseover="alert(2)' in text
        assert '<img src=x onerror="alert(4)">' in text
        assert pg.page.locator(".leaflet-popup-content script, .leaflet-popup-content img").count() == 0
        assert "<script>alert(1)</script>" in pg.page.locator(".geomap-panel").inner_text()
        assert pg.page.locator(".geomap-panel script, .geomap-label script").count() == 0
        pg.page.locator(".geomap-panel").hover()
        pg.page.wait_for_timeout(200)
        assert pg.dialogs == []
    finally:
        pg.page.close()


def test_handmade_layers_map(browser, tmp_path):
    """Independent of the analysis: hand-made layers without claims, malicious sentence and title."""
    from _render_fixtures import make_layers

    from geomap.render import render_map, save_map

    layers, meta = make_layers()
    out = save_map(render_map(layers, meta), tmp_path / "map.html")
    pg = Page(browser, out.as_uri())
    page = pg.page
    try:
        assert pg.external == [] and pg.page_errors == [] and pg.console_errors == []
        text = open_popup_of(pg, "Sumy")
        assert "Sumy is about 30 km from the Russian border." in text
        assert page.locator(".leaflet-popup-content mark").count() >= 1
        page.evaluate("(mv) => window[mv].closePopup()", pg.map_var())
        labels = pg.labels()
        assert any("Sumy → Ukraine–Russia border" in lb["text"] for lb in labels), labels
        assert "<script>alert(1)</script>" in page.locator(".geomap-panel").inner_text()
        # a claim in the panel zooms to its feature and opens its popup
        zoom0 = page.evaluate("(mv) => window[mv].getZoom()", pg.map_var())
        page.locator('.geomap-panel li[data-layer="distances"]').first.click()
        page.wait_for_timeout(600)
        assert "km measured" in page.locator(".leaflet-popup-content").inner_text()
        assert page.evaluate("(mv) => window[mv].getZoom()", pg.map_var()) >= zoom0
        assert pg.dialogs == []
    finally:
        page.close()


def test_online_tiles_only_when_chosen(browser, tmp_path):
    """Choosing an online tile layer requests tiles (blocked here) and credits its source only while shown."""
    html = run_map_cli(None, tmp_path / "ex")
    pg = Page(browser, html.as_uri())
    try:
        attr = pg.page.locator(".leaflet-control-attribution").inner_text()
        assert "OpenStreetMap" not in attr and "Natural Earth" in attr
        pg.page.locator(".leaflet-control-layers").hover()
        pg.page.get_by_text("OpenStreetMap (online)").click()
        pg.page.wait_for_timeout(500)
        assert pg.external and all("openstreetmap" in u for u in pg.external), pg.external[:3]
        assert "OpenStreetMap" in pg.page.locator(".leaflet-control-attribution").inner_text()
        pg.page.get_by_text("Offline basemap").click()
        pg.page.wait_for_timeout(300)
        assert "OpenStreetMap" not in pg.page.locator(".leaflet-control-attribution").inner_text()
    finally:
        pg.page.close()
