"""``geomap map [ARTICLE] [-o DIR] [--self-contained] [--open]``: article → map.html, layers, claims.json, report.md.

Everything is written into a temporary folder next to DIR and moved into place at the end, so a failure leaves no
partial output. Without ARTICLE the bundled example dispatch is mapped into ``output/example/``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # noqa: D103
    p = sub.add_parser("map", help="map the places and kilometre claims of an article (text, Markdown or HTML)")
    p.add_argument("article", nargs="?", metavar="ARTICLE",
                   help="article file (UTF-8 .txt, .md or .html, ≤ 5 MB); default: the bundled example")
    p.add_argument("-o", "--out", metavar="DIR",
                   help="output folder (default: output/example for the example, else output/<article name>)")
    p.add_argument("--self-contained", action="store_true",
                   help="inline Leaflet and plugins so map.html works offline from file://")
    p.add_argument("--open", action="store_true", help="open map.html in a browser when done")
    p.add_argument("--quiet", action="store_true", help="no progress messages")
    p.add_argument("--lines", metavar="FILE",
                   help="GeoJSON/GPKG/shapefile of named lines (front line, rivers, LoC) that \"N km from the "
                        "front line\" claims are measured against")
    p.set_defaults(func=run)


def example_path() -> Path:
    """The bundled example article."""
    return Path(__file__).resolve().parent.parent / "examples" / "sumy_dispatch.md"


def _replace_dir(tmp: Path, out: Path) -> None:
    """Move the finished ``tmp`` folder to ``out`` (replacing an earlier run's output)."""
    import os
    import shutil

    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
        try:
            os.replace(tmp, out)
        except OSError:
            os.replace(old, out)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, out)


def _say_language(text: str) -> None:
    """No claims found: say so on stderr when the article does not look English (geomap reads English only)."""
    from geomap.text.language import guess

    g = guess(text)
    if not g.english:
        print(f"no English distance claims found; the text looks {g.name}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:  # noqa: D103
    import os
    import shutil
    import tempfile
    import time

    from geomap.errors import InputError
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
    if args.out:
        out = Path(args.out)
    elif args.article:
        out = Path("output") / (src.stem or "article")
    else:
        out = Path("output") / "example"
    if out.exists() and not out.is_dir():
        raise InputError(f"output {out} exists and is not a folder; choose another -o DIR")
    say(f"reading {src.name}: {len(article.text):,} characters")
    from geomap.analysis import analyze

    an = analyze(article, progress=say, lines=args.lines)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        say("writing layers, claims.json and report.md")
        an.export(tmp)
        say("rendering the map")
        from geomap.render import save_map

        m = an.to_map(self_contained=args.self_contained)
        save_map(m, tmp / "map.html", self_contained=args.self_contained)
        os.chmod(tmp, 0o755)
        _replace_dir(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
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
