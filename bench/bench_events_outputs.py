"""Output sizes of `geomap events` at 10,000 events: map.html, events.geojson, events.parquet, geometries.parquet,
summary.md, and the time to write them. Prints figures; asserts nothing.

The rows are synthetic, made here from the project's own text: the two bundled example articles and articles of
QA sentences (tests/test_claims_qa.py) with every stated figure redrawn (1–120 km, fixed seed), so bands and zones
differ; each base article is analysed once (`process_document`) and its rows are restated by further sources on
later dates until the table holds ``--events`` rows (repeats, as in a real archive).

    .venv/bin/python bench/bench_events_outputs.py [--events 10000] [--base 40] [--screenshot PNG]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def base_documents(n: int, seed: int = 7) -> list[dict]:
    """The two examples plus ``n`` articles of 6 QA sentences each, figures redrawn from 1–120 km."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_claims_qa import CASES  # noqa: PLC0415

    rnd = random.Random(seed)
    ss = [s for s, _k, _e in CASES]
    docs = [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "date": "2025-03-01"}
            for p in sorted((ROOT / "geomap" / "examples").glob("*_dispatch.md"))]
    for i in range(n):
        text = " ".join(rnd.sample(ss, 6))
        text = re.sub(r"\b\d{1,3}(?=\s*(?:-|\s)?(?:km|kilomet|mile))", lambda _m: str(rnd.randint(1, 120)), text)
        docs.append({"id": f"qa-{i:03d}", "text": f"Dispatch {i}\n\n{text}", "date": "2025-03-01"})
    return docs


def restated(results: list[dict], events: int) -> list[dict]:
    """Rows of the analysed base documents restated by new sources on later dates until ``events`` rows."""
    from geomap.events.run import _event_id  # noqa: PLC0415

    rows: list[dict] = []
    day0 = dt.date(2025, 3, 1)
    copy = 0
    while len(rows) < events:
        for res in results:
            sid = f"{res['id']}~{copy}"
            date = (day0 + dt.timedelta(days=(copy * 7 + zlib.crc32(res["id"].encode()) % 5) % 365)).isoformat()
            for r in res["rows"]:
                rows.append({**r, "source_id": sid, "event_date": date,
                             "event_id": _event_id(sid, r["event_id"])})
        copy += 1
    return rows[:events]


def screenshot(html: Path, png: Path) -> float:
    """Load the map in headless Chromium, save a screenshot; the load time in seconds."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium",
                              args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = b.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        t = time.perf_counter()
        page.goto(html.as_uri(), wait_until="load")
        page.wait_for_function("() => window.L && document.querySelector('.leaflet-container')")
        secs = time.perf_counter() - t
        page.wait_for_timeout(1500)
        page.screenshot(path=str(png))
        b.close()
    return secs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--base", type=int, default=40, help="synthetic base articles (besides the two examples)")
    ap.add_argument("--screenshot", type=Path, help="save a headless-Chromium screenshot of map.html here")
    a = ap.parse_args()
    from geomap.events.outputs import write_outputs  # noqa: PLC0415
    from geomap.events.run import process_document  # noqa: PLC0415

    t = time.perf_counter()
    results = [process_document(d) for d in base_documents(a.base)]
    n_claims = sum(r["row_type"] == "claim" for res in results for r in res["rows"])
    print(f"{len(results)} base documents analysed in {time.perf_counter() - t:.1f} s: "
          f"{sum(len(r['rows']) for r in results)} rows, {n_claims} claims", flush=True)
    rows = restated(results, a.events)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t = time.perf_counter()
        write_outputs(rows, [], out, n_docs=len({r["source_id"] for r in rows}))
        secs = time.perf_counter() - t
        sizes = {p.name: p.stat().st_size / 1e6 for p in sorted(out.iterdir()) if p.is_file()}
        n_c = sum(r["row_type"] == "claim" for r in rows)
        print(f"{len(rows):,} events ({n_c:,} claim rows) written in {secs:.1f} s: "
              + ", ".join(f"{k} {v:.2f} MB" for k, v in sizes.items()), flush=True)
        if a.screenshot:
            secs = screenshot(out / "map.html", a.screenshot)
            print(f"map.html loaded in headless Chromium in {secs:.1f} s; screenshot {a.screenshot}")


if __name__ == "__main__":
    main()
