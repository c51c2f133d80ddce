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
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def route(r):
        if r.request.url.startswith(("http:", "https:")):
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
    real_errors = [e for e in errors if "ERR_FAILED" not in e and "net::" not in e]
    assert not real_errors, real_errors
    assert not dialogs
    assert all(("tile" in u) or ("openstreetmap" in u) for u in blocked), blocked
    Path("output/screenshots").mkdir(parents=True, exist_ok=True)
    page.screenshot(path="output/screenshots/events-map.png")
    page.close()
