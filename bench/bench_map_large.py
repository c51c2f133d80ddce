"""`geomap map` on long articles: whole-process wall time, peak memory and output sizes. Prints figures; asserts
nothing.

The articles are synthetic, made here from the project's own QA sentences (tests/test_claims_qa.py) plus the
bundled example: "repeat" shuffles the sentences as they are (a news dump that repeats the same claims), "vary"
also replaces every stated figure with a random one (every claim a new geometry: the worst case).

    .venv/bin/python bench/bench_map_large.py [--mb 1 5] [--kinds repeat vary]
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILLER = ("Officials said the situation remained tense and that humanitarian corridors were under discussion. "
          "Residents described long queues for bread and water, and power cuts lasting several hours.")


def sentences() -> list[str]:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_claims_qa import CASES  # noqa: PLC0415

    return [s for s, _k, _e in CASES]


def make_article(mb: float, kind: str, seed: int = 1) -> str:
    rnd = random.Random(seed)
    ss = sentences()
    parts = [(ROOT / "geomap" / "examples" / "sumy_dispatch.md").read_text(encoding="utf-8")]
    size = len(parts[0])
    while size < mb * 1_000_000:
        para = " ".join(rnd.sample(ss, 4)) + " " + FILLER
        if kind == "vary":
            para = re.sub(r"\b\d{1,3}(?=\s*(?:-|\s)?(?:km|kilomet|mile))", lambda _m: str(rnd.randint(2, 150)), para)
        parts.append(para)
        size += len(para) + 2
    return "\n\n".join(parts)[: int(mb * 1_000_000)]


def run(path: Path, out: Path) -> tuple[float, float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "geomap", "map", str(path), "-o", str(out), "--quiet"],
                          capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak_mb, proc.stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, nargs="+", default=[1.0, 5.0])
    ap.add_argument("--kinds", nargs="+", default=["repeat", "vary"], choices=["repeat", "vary"])
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for kind in a.kinds:
            for mb in a.mb:
                art = Path(tmp) / f"{kind}_{mb:g}mb.md"
                art.write_text(make_article(mb, kind), encoding="utf-8")
                out = Path(tmp) / f"out_{kind}_{mb:g}"
                wall, peak, line = run(art, out)
                sizes = {p.name: p.stat().st_size / 1e6 for p in out.iterdir() if p.is_file()}
                layers = sum(p.stat().st_size for p in (out / "layers").iterdir()) / 1e6
                print(f"{kind:6s} {mb:4.1f} MB: {wall:6.1f} s wall, peak RSS ≤ {peak:,.0f} MB (max over runs so far); "
                      f"map.html {sizes.get('map.html', 0):.1f} MB, layers/*.geojson {layers:.1f} MB, "
                      f"claims.json {sizes.get('claims.json', 0):.1f} MB, report.md {sizes.get('report.md', 0):.2f} MB — "
                      f"{line.split(': ', 1)[-1]}", flush=True)


if __name__ == "__main__":
    main()
