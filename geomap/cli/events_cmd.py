"""``geomap events INPUT... -o DIR [--workers N] [--scheduler ADDRESS]``: a corpus → one dated event layer."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:  # noqa: D103
    p = sub.add_parser("events", help="map many articles into one dated event layer (in-process or on Dask)",
                       description="INPUT: article files (.txt .md .html), folders, globs, or .jsonl/.parquet "
                                   "tables with id, text[, date, url]. Writes DIR/events.parquet (GeoParquet), "
                                   "geometries.parquet, events.geojson, map.html (time slider), summary.md, errors.jsonl.")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--out", required=True, metavar="DIR", help="output folder")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="Dask LocalCluster worker processes (default 1: run in-process)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="use an existing Dask cluster (e.g. tcp://host:8786)")
    p.add_argument("--no-map", action="store_true", help="skip map.html")
    p.add_argument("--force", action="store_true",
                   help="write into a non-empty folder geomap did not write, beside its files (never over them)")
    p.add_argument("--quiet", action="store_true", help="no progress bar (it is drawn only when stderr is a terminal)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:  # noqa: D103
    from geomap.events import run_events

    res = run_events(args.inputs, args.out, workers=args.workers, scheduler=args.scheduler,
                     progress=not args.quiet, write_map=not args.no_map, force=args.force,
                     say=(lambda s: None) if args.quiet else (lambda s: print(f"[events] {s}", file=sys.stderr)))
    print(res.summary_line(), file=sys.stderr)  # always, even under --quiet or when piped
    return 0
