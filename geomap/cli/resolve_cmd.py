"""``geomap resolve NAME``: ranked candidates for a place, region or country name (gazetteer only; fast start)."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``resolve`` sub-command (ranked candidates for a name) to ``sub``."""
    p = sub.add_parser("resolve", help="resolve a place/region/country name to ranked candidates")
    p.add_argument("name", metavar="NAME", help="name to resolve, e.g. 'Sumy', 'Sumy region', 'Ukrainian'")
    p.add_argument("--country", metavar="CC", help="restrict to a country (ISO2, ISO3 or name)")
    p.add_argument("--context", metavar="NAME", nargs="+", action="extend", default=[],
                   help="names or ids already resolved in the same text (ranking context)")
    p.add_argument("--kind", choices=["place", "admin1", "country", "continent", "world_region"], action="append",
                   dest="kinds",
                   help="only this kind of entity (repeatable)")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most N candidates (default 10)")
    p.add_argument("--json", action="store_true", help="JSON array, best first")
    p.add_argument("--online", action="store_true",
                   help="ask the Nominatim geocoder (1 request/s, cached) when the offline pack has no match")
    p.set_defaults(func=run)


def _check_country(gaz, value: str) -> str:
    from gazetteer.errors import BadNameError, NotFoundError

    try:
        return gaz.country_code(value)
    except (NotFoundError, BadNameError) as exc:
        raise BadNameError(f"invalid --country {value[:40]!r}: not an ISO 3166 code or country name the "
                           f"gazetteer knows ({exc})") from None


def run(args: argparse.Namespace) -> int:
    """Run ``geomap resolve`` with parsed ``args``; the exit code."""
    from gazetteer.core import Gazetteer
    from gazetteer.errors import BadNameError

    if args.limit < 1:
        raise BadNameError(f"--limit must be a positive integer, got {args.limit}")
    gaz = Gazetteer.default()
    cc = _check_country(gaz, args.country) if args.country is not None else None
    ctx = _context(gaz, args.context)
    res = gaz.resolve(args.name, country=cc, context=ctx, kinds=args.kinds, limit=args.limit)
    online_note = ""
    if not res and args.online:
        from gazetteer import online

        try:
            res = online.lookup(args.name, country=cc, limit=args.limit)
        except online.OnlineError as exc:  # no network: say so, then the offline answer
            online_note = f" ({exc}; this is the offline answer)"
    if not res:
        _not_found(gaz, args.name, cc, online_note)
    if args.json:
        json.dump([c.to_dict() for c in res], sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    _print_table(res)
    return 0


def _context(gaz, names: list[str]) -> list:
    """The candidates of the ``--context`` names or ids; NotFoundError with suggestions for an unknown one."""
    from gazetteer.errors import NotFoundError

    ctx: list = []
    for c in names:
        try:
            found = gaz.resolve(c, limit=1) if ":" not in c else [gaz.get(c)]
        except NotFoundError:
            found = []
        if not found:
            sug = gaz.suggest(c) if c.strip() else []
            raise NotFoundError(f"unknown --context {c[:40]!r}" + (f"; did you mean {sug[0]}?" if sug else ""), sug)
        ctx.extend(found)
    return ctx


def _not_found(gaz, name: str, cc: str | None, note: str = "") -> None:
    """Raise NotFoundError for ``name`` with up to five suggestions (``note``: why the online lookup gave none)."""
    from gazetteer.errors import NotFoundError

    sug = gaz.suggest(name, 5)
    where = f" in {cc}" if cc else ""
    msg = f"no place named {name[:40]!r}{where}{note}"
    if sug:
        msg += "; did you mean: " + "; ".join(sug)
    raise NotFoundError(msg, sug)


def _print_table(res: list) -> None:
    """The candidates as an aligned text table on stdout."""
    rows = [("score", "id", "kind", "name", "country", "admin1", "lat", "lon", "population")]
    for c in res:
        rows.append((f"{c.score:.2f}", c.id, c.kind, c.name, c.country, c.admin1 or "", f"{c.lat:.5f}",
                     f"{c.lon:.5f}", f"{c.population:,}"))
    w = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(v.ljust(w[i]) for i, v in enumerate(r)).rstrip())
