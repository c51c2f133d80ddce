"""geomap's side of the one writing module (:mod:`gazetteer.fsio`): the output names of each command and the
folder publishing stamped with geomap's version. See ``gazetteer.fsio`` for the folder rules and signals."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from gazetteer.fsio import (
    MANIFEST,
    TMP_SUFFIX,
    Interrupted,
    atomic_open,
    atomic_path,
    atomic_write_bytes,
    check_output_dir,
    check_output_file,
    held_signals,
    read_output_manifest,
    replace_dir,
    signals_raise,
)

__all__ = ["MANIFEST", "TMP_SUFFIX", "MAP_OUTPUTS", "EVENTS_OUTPUTS", "Interrupted", "atomic_open", "atomic_path",
           "atomic_write_bytes", "check_output_dir", "check_output_file", "held_signals", "publish_dir",
           "read_output_manifest", "replace_dir", "signals_raise"]

# what `geomap map` / `Analysis.export` and `geomap events` write (fnmatch patterns, relative to the folder): a
# folder holding only these names is geomap's output although it has no manifest (written before manifests)
MAP_OUTPUTS = ("map.html", "claims.json", "report.md", "layers.gpkg", "layers/*.geojson", "assets/*")
EVENTS_OUTPUTS = ("events.parquet", "events.geojson", "map.html", "summary.md", "errors.jsonl")
T = TypeVar("T")


def publish_dir(path: str | os.PathLike, build: Callable[[Path], T], *, known: Iterable[str],
                force: bool = False) -> T:
    """:func:`gazetteer.fsio.publish_dir` with geomap's version in the output manifest."""
    from gazetteer import fsio
    from geomap import __version__

    return fsio.publish_dir(path, build, version=__version__, known=known, force=force)
