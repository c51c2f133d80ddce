"""Map figures for the bundled example: self-contained map.html size (goal ≤ 3 MB), whole-process time of
``geomap map --self-contained`` (goal ≤ 5 s with the pack built), and the page's load time in headless Chromium
(file://, all http(s) aborted). Prints figures; asserts nothing.

    .venv/bin/python bench/bench_map.py [--runs 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

FALLBACK = """
import sys
import geomap
from geomap.render import render_map, save_map
from importlib.resources import files
an = geomap.analyze(str(files("geomap") / "examples" / "sumy_dispatch.md"))
save_map(render_map(an.layers(), an.meta, self_contained=True), sys.argv[1], self_contained=True)
"""


def run_once(out_dir: Path) -> tuple[float, Path, str]:
    """Whole-process wall time of one map build; returns (seconds, map path, how)."""
    if importlib.util.find_spec("geomap.cli.map_cmd") is not None:
        cmd = [sys.executable, "-m", "geomap", "map", "--self-contained", "-o", str(out_dir)]
        how = "geomap map --self-contained (example)"
        target = out_dir / "map.html"
    else:
        target = out_dir / "map.html"
        out_dir.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-c", FALLBACK, str(target)]
        how = "python: analyze + render_map + save_map (no map command yet)"
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"map build failed ({proc.returncode}): {proc.stderr.strip()[-800:]}")
    return dt, target, how


def page_load_ms(path: Path) -> tuple[float, float] | None:
    """(navigation load ms, ms until Leaflet has drawn its SVG) in headless Chromium, or None without Chromium."""
    if not os.path.exists(CHROMIUM):
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = b.new_page(viewport={"width": 1280, "height": 800})
        page.route("**/*", lambda r: r.abort() if r.request.url.startswith("http") else r.continue_())
        t = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("() => document.querySelectorAll('.leaflet-overlay-pane svg path').length > 0")
        drawn = (time.perf_counter() - t) * 1000
        nav = page.evaluate(
            "() => { const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime; }")
        b.close()
    return float(nav), drawn


def breakdown(out_dir: Path) -> str:
    """In-process timings (warm: second run) of the steps after analysis: layers, export, render, save."""
    from importlib.resources import files

    import geomap
    from geomap.export import export_layers
    from geomap.render import render_map, save_map

    article = str(files("geomap") / "examples" / "sumy_dispatch.md")
    for _ in range(2):
        t0 = time.perf_counter()
        an = geomap.analyze(article)
        t1 = time.perf_counter()
        layers = an.layers()
        t2 = time.perf_counter()
        export_layers(layers, an.meta, out_dir)
        t3 = time.perf_counter()
        m = render_map(layers, an.meta, self_contained=True)
        t4 = time.perf_counter()
        p = save_map(m, out_dir / "map.html", self_contained=True)
        t5 = time.perf_counter()
        cdn = save_map(render_map(layers, an.meta), out_dir / "map-cdn.html")
    return (f"in-process (warm): analyze {t1 - t0:.2f} s, layers {t2 - t1:.2f} s, export {t3 - t2:.2f} s, "
            f"render_map {t4 - t3:.2f} s, save_map {t5 - t4:.2f} s; sizes: self-contained "
            f"{p.stat().st_size / 1e6:.2f} MB, CDN mode {cdn.stat().st_size / 1e6:.2f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            dt, target, how = run_once(Path(tmp) / f"run{i}")
            times.append(dt)
        size = target.stat().st_size
        print(f"method: {how}")
        print(f"map.html (self-contained): {size:,} bytes = {size / 1e6:.2f} MB  (goal ≤ 3 MB)")
        print(f"whole-process time: median {statistics.median(times):.2f} s, min {min(times):.2f} s, "
              f"runs {', '.join(f'{t:.2f}' for t in times)}  (goal ≤ 5 s)")
        print(breakdown(Path(tmp) / "breakdown"))
        load = page_load_ms(target)
        if load is None:
            print("page load: skipped (no /usr/bin/chromium)")
        else:
            print(f"page load in headless Chromium (file://, offline): load event {load[0]:.0f} ms, "
                  f"SVG drawn after {load[1]:.0f} ms")


if __name__ == "__main__":
    main()
