"""``geomap buffer``: the band of a country within D km of a land border, as RFC 7946 GeoJSON."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # noqa: D103
    p = sub.add_parser("buffer", help="band of a country within D km (geodesic) of its border with another")
    p.add_argument("--inside", required=True, metavar="A", help="country the band lies in (ISO2, ISO3 or name)")
    p.add_argument("--along", required=True, metavar="B", help="neighbouring country (ISO2, ISO3 or name)")
    p.add_argument("--km", required=True, type=float, metavar="D", help="band depth in km (0 < D ≤ 2000)")
    p.add_argument("--within", metavar="REGION", help="limit to an admin-1 region (name, admin1:… id or UA-59)")
    p.add_argument("--both-sides", action="store_true", help="a D km strip on both sides of the border")
    p.add_argument("-o", "--output", required=True, metavar="OUT.geojson", help="output GeoJSON file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:  # noqa: D103
    from geomap.geo import band
    from geomap.geo.output import write_features
    from geomap.io import check_output_file

    check_output_file(args.output)  # before any work: nothing is touched

    b = band(args.inside, args.along, args.km, within=args.within, both_sides=args.both_sides)
    path = write_features(args.output, [(b.geometry, b.properties())])
    where = f" in {b.within.name}" if b.within else ""
    side = "on both sides of" if b.both_sides else "inside " + b.inside.name + " along"
    print(f"wrote {path}: {b.km:g} km band {side} the {b.inside.name}–{b.along.name} border{where}, "
          f"{b.area_km2:,.0f} km²")
    return 0
