"""The ``geomap`` command line: argument parsing and error messages only.

Each sub-command lives in its own module of this package exposing ``register(subparsers)``; modules import their
heavy dependencies inside their ``run`` function so that e.g. ``geomap resolve`` never imports geopandas or folium.
Every error is one line on stderr: geomap's own errors (``GeomapError``) and argument mistakes name the bad input;
SIGINT, SIGTERM and SIGHUP end the command after the writes in flight are cleaned up (exit 128 + signal number).
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys

# sub-command modules, in help order
COMMANDS = ["resolve", "geoparse", "distance", "buffer", "zone", "map", "events", "data"]


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (the usage is one ``--help`` away)."""

    def error(self, message: str):
        """Print one line naming the mistake and exit 2."""
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:  # noqa: D103
    from geomap import __version__

    parser = _Parser(
        prog="geomap",
        description="Turn spatial claims in conflict reporting into checked geography.",
    )
    parser.add_argument("--version", action="version", version=f"geomap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        importlib.import_module(f"geomap.cli.{name}_cmd").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``geomap`` command; returns the exit code."""
    from gazetteer.errors import GeomapError
    from gazetteer.fsio import signals_raise

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with signals_raise():
            rc = args.func(args)
    except GeomapError as exc:  # the root of geomap's and the gazetteer's errors
        print(f"geomap {args.command}: error: {exc}", file=sys.stderr)
        return getattr(exc, "exit_code", 1)
    except KeyboardInterrupt as exc:  # SIGINT, or SIGTERM/SIGHUP as gazetteer.fsio.Interrupted
        sig = getattr(exc, "signum", signal.SIGINT)
        print(f"geomap {args.command}: interrupted by {signal.Signals(sig).name}; no partial output was left",
              file=sys.stderr)
        return 128 + sig
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line, traceback only on request
        if os.environ.get("GEOMAP_DEBUG"):
            raise
        print(f"geomap {args.command}: internal error: {type(exc).__name__}: {exc} "
              "(set GEOMAP_DEBUG=1 for a traceback)", file=sys.stderr)
        return 70
    return rc or 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
