"""``geomap distance``: geodesic km from a place to a land border, or between two places."""

from __future__ import annotations

import argparse
import json


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``distance`` sub-command (geodesic distances to a border or another place) to ``sub``."""
    p = sub.add_parser("distance", help="geodesic distance from a place to a border or to another place")
    p.add_argument("places", metavar="PLACE", nargs="+",
                   help="place name or id (geonames:…, admin1:…); give two places for a place-to-place distance")
    p.add_argument("--border", metavar="A,B",
                   help="measure to the land border of countries A and B (ISO2, ISO3 or names), e.g. UA,RU")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def _countries(value: str) -> tuple[str, str]:
    from geomap.errors import InputError

    parts = [s.strip() for s in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise InputError(f"--border needs two countries separated by a comma, e.g. UA,RU; got {value!r}")
    return parts[0], parts[1]


def run(args: argparse.Namespace) -> int:
    """Run ``geomap distance`` with parsed ``args``; the exit code."""
    from geomap.errors import InputError
    from geomap.geo import distance, distance_to_border

    if args.border is not None:
        if len(args.places) != 1:
            raise InputError("with --border give exactly one PLACE")
        a, b = _countries(args.border)
        r = distance_to_border(args.places[0], a, b)
        out = {"from": r.origin.as_dict(), "border": [r.a.code, r.b.code], "km": round(r.km, 3),
               "nearest": [round(r.nearest[0], 6), round(r.nearest[1], 6)]}
        if args.json:
            print(json.dumps(out, ensure_ascii=False))
        else:
            print(f"{r.origin.name or args.places[0]} is {r.km:.1f} km from the {r.a.name}–{r.b.name} border "
                  f"(nearest border point {r.nearest[1]:.5f} N, {r.nearest[0]:.5f} E; bearing {r.bearing_deg:.0f}°)")
        return 0
    if len(args.places) != 2:
        raise InputError("give two places (PLACE1 PLACE2) or one place and --border A,B")
    d = distance(args.places[0], args.places[1])
    out = {"from": d.origin.as_dict(), "to": d.target.as_dict(), "km": round(d.km, 3),
           "bearing_deg": round(d.bearing_deg, 2)}
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(f"{d.origin.name or args.places[0]} → {d.target.name or args.places[1]}: {d.km:.1f} km, "
              f"bearing {d.bearing_deg:.0f}°")
    return 0
