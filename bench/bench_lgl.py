"""Accuracy of gold-span toponym resolution on LGL (prints figures; no assertions).

    .venv/bin/python bench/bench_lgl.py [--data ../shared/eval/lgl.jsonl] [--errors N] [--no-context]

Acc@161 = share of mentions within 161 km of gold (a missing answer counts as wrong, error 20039 km); mean and
median error km; AUC = trapz(ln(1 + sorted errors)) / (ln(20039) * (n - 1)), lower is better; coverage = share
of mentions with an answer. Distances are geodesic (pyproj Geod, WGS84).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

from _eval import LGL  # ../shared/eval relative to the repository root

DEFAULT = LGL
MISS_KM = 20039.0


def metrics(errors: list[float], answered: int) -> dict:
    import numpy as np

    e = np.sort(np.asarray(errors, dtype=float))
    n = len(e)
    auc = float(np.trapezoid(np.log1p(e)) / (math.log(MISS_KM) * (n - 1))) if n > 1 else float("nan")
    return {"n": n, "acc161": float(np.mean(e <= 161.0)), "mean_km": float(e.mean()),
            "median_km": float(np.median(e)), "auc": auc, "coverage": answered / n if n else float("nan")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent wrong names")
    ap.add_argument("--no-context", action="store_true", help="population/name ranking only (baseline)")
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"LGL file {args.data} not found", file=sys.stderr)
        return 1
    from pyproj import Geod

    from gazetteer import Gazetteer
    from gazetteer.rank import resolve_document

    geod = Geod(ellps="WGS84")
    gaz = Gazetteer.load()
    docs = [json.loads(line) for line in args.data.read_text(encoding="utf-8").split("\n") if line.strip()]
    errors: list[float] = []
    same_id = 0  # answers that are the gold GeoNames entity itself (whatever its representative point)
    answered = 0
    wrong: Counter = Counter()
    t0 = time.perf_counter()
    for d in docs:
        names = [t["name"] for t in d["toponyms"]]
        if args.no_context:
            res = []
            for n in names:
                try:
                    r = gaz.resolve(n, limit=1)
                except Exception:
                    r = []
                res.append(r[0] if r else None)
        else:
            res = resolve_document(gaz, names)
        for t, c in zip(d["toponyms"], res, strict=True):
            if c is None:
                errors.append(MISS_KM)
                wrong[(t["name"], "-")] += 1
                continue
            answered += 1
            _, _, m = geod.inv(t["lon"], t["lat"], c.lon, c.lat)
            km = m / 1000.0
            errors.append(km)
            if km > 161 and c.geonameid is not None and str(c.geonameid) == str(t.get("geonameid")):
                same_id += 1
            if km > 161:
                wrong[(t["name"], f"{c.name},{c.admin1},{c.country}")] += 1
    dt = time.perf_counter() - t0
    m = metrics(errors, answered)
    print(f"LGL gold spans: {len(docs)} articles, {m['n']} mentions, {dt:.2f} s "
          f"({'no context' if args.no_context else 'document context'})")
    print(f"  Acc@161  {m['acc161']:.4f}\n  mean km  {m['mean_km']:.1f}\n  median km {m['median_km']:.1f}\n"
          f"  AUC      {m['auc']:.4f}\n  coverage {m['coverage']:.4f}")
    print(f"  diagnostic: {same_id} mentions ({same_id / max(m['n'], 1):.1%}) are the gold entity itself but farther "
          "than 161 km from the gold point (countries/regions: the pack's representative point differs from "
          f"GeoNames'); counting them: Acc@161 {m['acc161'] + same_id / max(m['n'], 1):.4f}")
    if args.errors:
        for (n, c), k in wrong.most_common(args.errors):
            print(f"  {k:4d}  {n!r} -> {c}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
