"""The corpus map (geomap events) in headless Chromium, offline: time slider works, polygons drawn, text escaped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


ARTICLE = """Strikes near Sumy
2025-03-03
Shelling hit Sumy and villages in the Sumy region. Troops advanced up to 8 kilometres inside Ukrainian territory
in the Sumy region. <script>alert(1)</script> Sumy is about 30 kilometres from the Russian border.
"""


@pytest.fixture(scope="module")
def events_map(tmp_path_factory) -> Path:
    from geomap.events import run_events

    d = tmp_path_factory.mktemp("events")
    with open(d / "feed.jsonl", "w", encoding="utf-8") as f:
        for i, date in enumerate(["2025-03-03", "2025-03-05", None]):
            rec = {"id": f"doc-{i}", "text": ARTICLE.replace("2025-03-03", date or "no date here")}
            if date:
                rec["date"] = date
            f.write(json.dumps(rec) + "\n")
    run_events([d / "feed.jsonl"], d / "out")
    return d / "out" / "map.html"


def test_events_map_offline_in_chromium(browser, events_map: Path):
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors, dialogs, blocked = [], [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)  # any error counts
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def route(r):
        if not r.request.url.startswith("file:"):
            blocked.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    page.route("**/*", route)
    page.goto(events_map.as_uri(), wait_until="load")
    page.wait_for_function("() => window.L && L.timeline && document.querySelector('.leaflet-container')")
    page.wait_for_timeout(500)
    assert page.locator(".leaflet-timeline-control").count() == 1
    assert "Undated" in page.locator(".leaflet-control-layers-list").inner_text()
    # the slider shows the first day's features: band polygon + region polygon + points as SVG paths
    n_first = page.locator("path.leaflet-interactive").count()
    assert n_first > 3
    page.locator(".leaflet-timeline-control input[type=range]").evaluate(
        "el => { el.value = el.max; el.dispatchEvent(new Event('input')); el.dispatchEvent(new Event('change')); }")
    page.wait_for_timeout(300)
    assert page.locator("path.leaflet-interactive").count() > 3
    assert not errors, errors
    assert not dialogs
    assert blocked == [], blocked  # offline: no tiles, no CDN
    # legend, offline basemap, labels and a panel of distinct claims with counts, filterable
    assert page.locator(".geomap-legend").count() == 1
    assert page.locator(".geomap-bl-country").count() >= 1
    panel = page.locator(".geomap-panel")
    items = panel.locator("li[data-claim]")
    assert items.count() >= 2
    assert "stated by 3 sources" in panel.inner_text()  # the same claim in the three documents
    assert "<script>" in panel.inner_text() or "alert" not in panel.inner_text()
    labels = page.locator(".geomap-label-claim[data-shown]")
    assert labels.count() >= 2
    rects = labels.evaluate_all("els => els.map(e => { const r = e.getBoundingClientRect(); "
                                "return [r.left, r.top, r.right, r.bottom]; })")
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert min(a[2], b[2]) - max(a[0], b[0]) <= 0.5 or min(a[3], b[3]) - max(a[1], b[1]) <= 0.5, (a, b)
    assert any("Sumy → UA–RU border" in t for t in labels.all_inner_texts())
    # filter by verdict: the drawn band leaves the panel and the map's labels
    n_before = labels.count()
    page.locator('.geomap-panel input[data-f="verdict"][value="drawn"]').uncheck()
    page.wait_for_timeout(300)
    assert panel.locator('li[data-verdict="drawn"]').first.is_hidden()
    assert page.locator(".geomap-label-claim[data-shown]").count() < n_before
    page.locator('.geomap-panel select[data-f="kind"]').select_option("distance_to_border")
    page.wait_for_timeout(200)
    shown = panel.locator("li[data-claim]:visible")
    assert shown.count() >= 1 and all(k == "distance_to_border" for k in shown.evaluate_all(
        "els => els.map(e => e.getAttribute('data-kind'))"))
    assert not errors
    # markers clustered on a grid per zoom band: the two mentions of Sumy on one day are one marker "2"
    clusters = page.locator(".geomap-cluster")
    assert clusters.count() >= 1 and all(int(t) >= 2 for t in clusters.all_inner_texts())
    # zooming in swaps in the finer band's layers (shapes simplified less), still drawn, no errors
    swapped = page.evaluate("""() => {
        const k = Object.keys(window), map = window[k.find(n => n.startsWith('map_'))];
        const ev = window[k.find(n => n.startsWith('banded_events_'))];
        map.setZoom(4, {animate: false});
        const coarse = ev.groups.dated.hasLayer(ev.dated[0]) && !ev.groups.dated.hasLayer(ev.dated[2]);
        map.setZoom(13, {animate: false});
        return [coarse, ev.groups.dated.hasLayer(ev.dated[ev.dated.length - 1]), ev.dated.length];
    }""")
    assert swapped[0] is True and swapped[1] is True and swapped[2] == 3, swapped
    page.wait_for_timeout(300)
    assert page.locator("path.leaflet-interactive").count() >= 1
    assert not errors, errors
    page.evaluate("() => { const k = Object.keys(window); window[k.find(n => n.startsWith('map_'))]"
                  ".setZoom(6, {animate: false}); }")
    page.wait_for_timeout(300)
    Path("output/screenshots").mkdir(parents=True, exist_ok=True)
    page.locator('.geomap-panel input[data-f="verdict"][value="drawn"]').check()
    page.locator('.geomap-panel select[data-f="kind"]').select_option("")
    page.wait_for_timeout(300)
    page.screenshot(path="output/screenshots/events-map.png")
    page.close()
