"""Map figures for the bundled examples: size of the default (offline, single-file) map.html (goal ≤ 1.5 MB), the
whole-process time of ``geomap map`` (goal ≤ 5 s with the pack built), and the page's load time in headless
Chromium from file:// with every non-file request blocked and counted. Prints figures; asserts nothing.

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
        cmd = [sys.executable, "-m", "geomap", "map", "-o", str(out_dir), *ARTICLE]
        how = f"geomap map {' '.join(ARTICLE) or '(bundled example)'} (default: offline, single file)"
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


ARTICLE: list[str] = []


def page_load_ms(path: Path) -> tuple[float, float, int, int] | None:
    """(navigation load ms, ms until the claim labels are placed, external requests, labels shown) in headless
    Chromium, or None without Chromium."""
    if not os.path.exists(CHROMIUM):
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = b.new_page(viewport={"width": 1280, "height": 800})
        external: list[str] = []

        def route(r):
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                external.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        t = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("() => document.querySelectorAll('.geomap-label-claim[data-shown]').length > 0")
        drawn = (time.perf_counter() - t) * 1000
        nav = page.evaluate(
            "() => { const t = performance.getEntriesByType('navigation')[0]; return t.loadEventEnd - t.startTime; }")
        page.wait_for_timeout(500)
        shown = page.locator(".geomap-label-claim[data-shown]").count()
        b.close()
    return float(nav), drawn, len(external), shown


def breakdown(out_dir: Path) -> str:
    """In-process timings (warm: second run) of the steps after analysis: layers, export, render, save."""
    from importlib.resources import files

    import geomap
    from geomap.export import export_layers
    from geomap.render import save_map

    article = ARTICLE[0] if ARTICLE else str(files("geomap") / "examples" / "sumy_dispatch.md")
    for _ in range(2):
        t0 = time.perf_counter()
        an = geomap.analyze(article)
        t1 = time.perf_counter()
        layers = an.layers()
        t2 = time.perf_counter()
        export_layers(layers, an.meta, out_dir)
        t3 = time.perf_counter()
        m = an.to_map()
        t4 = time.perf_counter()
        p = save_map(m, out_dir / "map.html")
        t5 = time.perf_counter()
        cdn = save_map(an.to_map(cdn=True), out_dir / "map-cdn.html")
    return (f"in-process (warm): analyze {t1 - t0:.2f} s, layers {t2 - t1:.2f} s, export {t3 - t2:.2f} s, "
            f"render_map {t4 - t3:.2f} s, save_map {t5 - t4:.2f} s; sizes: default (offline) "
            f"{p.stat().st_size / 1e6:.2f} MB, --cdn {cdn.stat().st_size / 1e6:.2f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("article", nargs="?", help="article to map (default: the bundled example)")
    args = ap.parse_args()
    if args.article:
        ARTICLE.append(args.article)
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            dt, target, how = run_once(Path(tmp) / f"run{i}")
            times.append(dt)
        size = target.stat().st_size
        print(f"method: {how}")
        assets = target.parent / "assets"
        extra = sum(f.stat().st_size for f in assets.rglob("*") if f.is_file()) if assets.exists() else 0
        print(f"map.html (offline, single file): {size:,} bytes = {size / 1e6:.2f} MB; assets/ {extra:,} bytes "
              f"(goal ≤ 1.5 MB together)")
        print(f"whole-process time: median {statistics.median(times):.2f} s, min {min(times):.2f} s, "
              f"runs {', '.join(f'{t:.2f}' for t in times)}  (goal ≤ 5 s)")
        print(breakdown(Path(tmp) / "breakdown"))
        load = page_load_ms(target)
        if load is None:
            print("page load: skipped (no /usr/bin/chromium)")
        else:
            print(f"page load in headless Chromium (file://, offline): load event {load[0]:.0f} ms, "
                  f"labels placed after {load[1]:.0f} ms; external requests {load[2]}; {load[3]} claim labels shown")


if __name__ == "__main__":
    main()
