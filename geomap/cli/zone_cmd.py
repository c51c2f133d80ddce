"""``geomap zone``: a geodesic circle of D km around a place, as RFC 7946 GeoJSON."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # noqa: D103
    p = sub.add_parser("zone", help="geodesic circle of D km around a place")
    p.add_argument("place", metavar="PLACE", help="place name or id (geonames:…, admin1:…)")
    p.add_argument("--km", required=True, type=float, metavar="D", help="radius in km (0 < D ≤ 5000)")
    p.add_argument("-o", "--output", required=True, metavar="OUT.geojson", help="output GeoJSON file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:  # noqa: D103
    from geomap.geo import zone
    from geomap.geo.output import write_features
    from geomap.io import check_output_file

    check_output_file(args.output)  # before any work: nothing is touched

    z = zone(args.place, args.km)
    c = z.center
    props = {"id": c.id, "name": c.name, "lat": round(c.lat, 6), "lon": round(c.lon, 6), "km": z.km,
             "area_km2": round(z.area_km2, 3)}
    path = write_features(args.output, [(z.geometry, props)])
    print(f"wrote {path}: {z.km:g} km zone around {c.name or args.place}, {z.area_km2:,.0f} km²")
    return 0
