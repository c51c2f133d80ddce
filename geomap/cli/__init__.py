"""The ``geomap`` command line: argument parsing and error messages only.

Each sub-command lives in its own module of this package exposing ``register(subparsers)``; modules import their
heavy dependencies inside their ``run`` function so that e.g. ``geomap resolve`` never imports geopandas or folium.
Every error is one line on stderr: geomap's own errors (``GeomapError``) and argument mistakes name the bad input;
SIGINT, SIGTERM and SIGHUP end the command after the writes in flight are cleaned up (exit 128 + signal number).
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import signal
import sys

# errors of the user's environment while writing (disk full, quota, read-only file system, permission)
_ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}
# sub-command modules (geomap/cli/<name>_cmd.py), in help order
COMMANDS = ["resolve", "geoparse", "distance", "buffer", "zone", "map", "events", "data"]


def _columns() -> int:
    """Terminal width in columns as ``shutil.get_terminal_size`` gives it ($COLUMNS, else the terminal of stdout,
    else 80), without importing shutil (and with it bz2 and lzma: ~4 % of `geomap resolve`'s start)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, its default width from ``_columns`` (argparse makes one per added argument)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        """As ``argparse.HelpFormatter``; ``width`` defaults to the terminal width less 2, as there."""
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (the usage is one ``--help`` away)."""

    def __init__(self, *args, **kwargs) -> None:
        """As ``argparse.ArgumentParser``, help formatted by ``_Formatter`` unless told otherwise."""
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):
        """Print one line naming the mistake and exit 2."""
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The ``geomap`` argument parser with every sub-command registered."""
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
    # pyarrow's default allocator (mimalloc) keeps what reading the pack's GeoParquet layers freed (~70 MB RSS):
    # the system allocator hands it back. Set before pyarrow is imported (commands import it lazily).
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
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
    except OSError as exc:  # the disk is full, read-only or forbids it: the user's environment, not a bug
        if exc.errno not in _ENVIRONMENT_ERRNOS or os.environ.get("GEOMAP_DEBUG"):
            return _internal(args.command, exc)
        where = f": {exc.filename}" if exc.filename else ""
        print(f"geomap {args.command}: error: {exc.strerror}{where} (nothing partial was left)", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line, traceback only on request
        return _internal(args.command, exc)
    return rc or 0


def _internal(command: str, exc: Exception) -> int:
    """A bug: one line (exit 70), the traceback only with GEOMAP_DEBUG=1."""
    if os.environ.get("GEOMAP_DEBUG"):
        raise exc
    print(f"geomap {command}: internal error: {type(exc).__name__}: {exc} (set GEOMAP_DEBUG=1 for a traceback)",
          file=sys.stderr)
    return 70


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
