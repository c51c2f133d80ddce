"""Corpus throughput: LGL articles (588, repeated to ≥ 20,000 documents) in-process vs Dask LocalCluster.

Prints documents/s, time to first result and peak memory per worker for: in-process, Dask 1 worker, Dask 2 workers.
Usage: python bench/bench_events.py [--docs N] [--lgl PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from _eval import LGL  # ../shared/eval relative to the repository root


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--lgl", default=str(LGL))
    ap.add_argument("--configs", default="inprocess,dask1,dask2")
    a = ap.parse_args()
    if not Path(a.lgl).exists():
        print(f"LGL corpus not found at {a.lgl}; skipping", file=sys.stderr)
        return 0
    base = [json.loads(line) for line in open(a.lgl, encoding="utf-8")]
    tmp = Path(tempfile.mkdtemp(prefix="geomap-bench-events-"))
    feed = tmp / "feed.jsonl"
    n = 0
    with open(feed, "w", encoding="utf-8") as f:
        while n < a.docs:
            for d in base:
                if n >= a.docs:
                    break
                f.write(json.dumps({"id": f"{d['id']}-{n // len(base)}", "text": d["text"],
                                    "date": f"2009-{1 + n % 12:02d}-{1 + n % 28:02d}"}) + "\n")
                n += 1
    words = sum(len(d["text"].split()) for d in base) / len(base)
    print(f"corpus: {n} documents (LGL x{n / len(base):.1f}, {words:.0f} words per article on average); "
          f"{os.cpu_count()} cores")
    from geomap.events import run_events

    for cfg in a.configs.split(","):
        workers = {"inprocess": 1, "dask1": 1, "dask2": 2}[cfg]
        t = time.perf_counter()
        if cfg == "inprocess":
            res = run_events([feed], tmp / cfg, workers=1, write_map=False)
        else:
            from dask.distributed import Client, LocalCluster

            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                              silence_logs=40) as cl, Client(cl):
                res = run_events([feed], tmp / cfg, scheduler=cl.scheduler_address, write_map=False)
        wall = time.perf_counter() - t
        mem = ", ".join(f"{v:.0f}" for v in res.worker_memory_mb.values())
        print(f"{cfg:<10} {res.n_docs / res.seconds:8.1f} docs/s  (processing {res.seconds:.1f} s, wall incl. "
              f"writing {wall:.1f} s)  first result {res.first_result_seconds:.2f} s  peak RSS per worker MB: {mem}  "
              f"rows {res.n_rows}  errors {res.n_errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
