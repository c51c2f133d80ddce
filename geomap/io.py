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

__all__ = ["MANIFEST", "TMP_SUFFIX", "MAP_OUTPUTS", "EVENTS_OUTPUTS", "SCHEMA_VERSION", "Interrupted", "atomic_open",
           "atomic_path", "atomic_write_bytes", "check_output_dir", "check_output_file", "held_signals",
           "provenance", "publish_dir", "read_output_manifest", "replace_dir", "signals_raise"]

# what `geomap map` / `Analysis.export` and `geomap events` write (fnmatch patterns, relative to the folder): a
# folder holding only these names is geomap's output although it has no manifest (written before manifests)
MAP_OUTPUTS = ("map.html", "claims.json", "report.md", "layers.gpkg", "layers/*.geojson", "assets/*")
EVENTS_OUTPUTS = ("events.parquet", "geometries.parquet", "events.geojson", "map.html", "summary.md", "errors.jsonl")
# version of the claims.json document (and of the provenance block the GeoJSON and GPKG outputs carry)
SCHEMA_VERSION = 1
T = TypeVar("T")


def provenance(article_sha256: str | None = None) -> dict:
    """Where an output came from: ``schema_version``, ``geomap_version``, ``pack_checksum`` (SHA-256 of the data
    pack's manifest.json) and, for an article's outputs, ``article_sha256`` (of the file's bytes)."""
    from gazetteer.packfiles import manifest_checksum
    from geomap import __version__

    out = {"schema_version": SCHEMA_VERSION, "geomap_version": __version__, "pack_checksum": manifest_checksum()}
    if article_sha256 is not None:
        out["article_sha256"] = article_sha256
    return out


def publish_dir(path: str | os.PathLike, build: Callable[[Path], T], *, known: Iterable[str],
                force: bool = False) -> T:
    """:func:`gazetteer.fsio.publish_dir` with geomap's version in the output manifest."""
    from gazetteer import fsio
    from geomap import __version__

    return fsio.publish_dir(path, build, version=__version__, known=known, force=force)
