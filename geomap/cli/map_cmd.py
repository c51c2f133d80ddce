"""``geomap map [ARTICLE] [-o DIR] [--self-contained] [--open]``: article → map.html, layers, claims.json, report.md.

Everything is written into a temporary folder next to DIR and published by the folder rules of
:mod:`gazetteer.fsio` (a whole-folder swap, or file by file beside the user's own files when DIR has a manifest),
so a failure or a signal leaves no partial output and no file geomap did not write is touched. Without ARTICLE the
bundled example dispatch is mapped into ``output/example/``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``map`` sub-command (an article to a map and files) to ``sub``."""
    p = sub.add_parser("map", help="map the places and kilometre claims of an article (text, Markdown or HTML)")
    p.add_argument("article", nargs="?", metavar="ARTICLE",
                   help="article file (UTF-8 .txt, .md or .html, ≤ 5 MB); default: the bundled example")
    p.add_argument("-o", "--out", metavar="DIR",
                   help="output folder (default: output/example for the example, else output/<article name>)")
    p.add_argument("--self-contained", action="store_true",
                   help="one offline map.html with Leaflet and plugins inline (the default; kept for scripts)")
    p.add_argument("--cdn", action="store_true",
                   help="link Leaflet and plugins from a CDN at the pack's versions (needs a network to view)")
    p.add_argument("--force", action="store_true",
                   help="write into a non-empty folder geomap did not write, beside its files (never over them)")
    p.add_argument("--pin", action="append", default=[], metavar="NAME=ID",
                   help="resolve NAME (as written in the article) to gazetteer id ID, e.g. 'Tawila=geonames:123' "
                        "(repeatable); claims.json lists the pins used")
    p.add_argument("--pins", metavar="FILE", help="a file of NAME=ID lines (# comments), as --pin")
    p.add_argument("--open", action="store_true", help="open map.html in a browser when done")
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    p.add_argument("--lines", metavar="FILE",
                   help="GeoJSON/GPKG/shapefile of named lines (front line, rivers, LoC) that \"N km from the "
                        "front line\" claims are measured against")
    p.set_defaults(func=run)


def example_path() -> Path:
    """The bundled example article."""
    return Path(__file__).resolve().parent.parent / "examples" / "sumy_dispatch.md"


def _out_dir(args: argparse.Namespace, src: Path) -> Path:
    if args.out is not None:
        return Path(args.out)
    return Path("output") / ((src.stem or "article") if args.article else "example")


def _say_language(text: str) -> None:
    """No claims found: say so on stderr when the article does not look English (geomap reads English only)."""
    from geomap.text.language import guess

    g = guess(text)
    if not g.english:
        print(f"no English distance claims found; the text looks {g.name}", file=sys.stderr)


def pins_of(pin_args: list[str], pins_file: str | None) -> dict[str, str]:
    """``NAME=ID`` pins from the command line and a pins file (one per line, ``#`` comments); InputError on a
    malformed one, naming it and the form that works."""
    from geomap.errors import InputError

    items = list(pin_args)
    if pins_file:
        try:
            lines = Path(pins_file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the pins file {pins_file}: {exc.__class__.__name__}; give a UTF-8 text "
                             "file of NAME=ID lines") from None
        items += [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    pins: dict[str, str] = {}
    for item in items:
        name, sep, id_ = item.partition("=")
        if not sep or not name.strip() or not id_.strip():
            raise InputError(f"pin {item!r} is not NAME=ID; write e.g. --pin 'Tawila=geonames:379252'")
        pins[name.strip()] = id_.strip()
    return pins


def release_memory() -> None:
    """Collect garbage and hand freed heap back to the system (glibc ``malloc_trim``) between the stages of a large
    article, so one stage's transient peak is not stacked on the last one's freed-but-kept pages."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, Windows, musl): nothing to hand back this way
        pass


def run(args: argparse.Namespace) -> int:
    """Run ``geomap map`` with parsed ``args``; the exit code."""
    import time

    from gazetteer.core import Gazetteer
    from geomap.io import MAP_OUTPUTS, check_output_dir, publish_dir
    from geomap.text.reader import read_article

    t0 = time.perf_counter()

    def say(msg: str) -> None:
        if not args.quiet:
            print(f"[map] {msg} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr, flush=True)

    src = Path(args.article) if args.article else example_path()
    article = read_article(src)  # InputError for missing/binary/empty before anything is written
    if not args.article:
        import dataclasses

        article = dataclasses.replace(article, source="geomap/examples/sumy_dispatch.md")
    out = _out_dir(args, src)
    check_output_dir(out, known=MAP_OUTPUTS, force=args.force)  # before any work: nothing is touched
    gaz = Gazetteer.default()  # a missing pack is reported before the progress messages
    pins = pins_of(args.pin, args.pins)
    for id_ in pins.values():
        gaz.get(id_)  # an unknown id is reported before any work
    say(f"reading {src.name}: {len(article.text):,} characters")
    from geomap.analysis import analyze

    an = analyze(article, gaz=gaz, progress=say, pins=pins, lines=args.lines)

    def build(tmp: Path) -> None:
        say("building the layers")
        an.drop_claim_shapes()  # the layers hold the shapes drawn; the claims' own copies are let go
        from geomap.geo import cache

        cache.clear()  # every claim is measured: the cached answers (≤ 1.5 M vertices) are of no more use here
        release_memory()
        say("writing layers, claims.json and report.md")
        an.write_files(tmp)
        release_memory()
        say("rendering the map")
        from geomap.render import save_map

        m = an.to_map(cdn=args.cdn)
        save_map(m, tmp / "map.html")

    publish_dir(out, build, known=MAP_OUTPUTS, force=args.force)
    if not an.claims:
        _say_language(article.text)
    n_ok = sum(1 for c in an.claims if c.verdict == "consistent")
    n_bad = sum(1 for c in an.claims if c.verdict == "inconsistent")
    print(f"{out / 'map.html'}: {len(an.places)} places, {len(an.claims)} claims "
          f"({n_ok} consistent, {n_bad} inconsistent) in {time.perf_counter() - t0:.1f} s")
    if args.open:
        import webbrowser

        webbrowser.open((out / "map.html").resolve().as_uri())
    return 0
