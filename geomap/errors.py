"""One error hierarchy for geomap. The CLI turns each into a one-line message and a non-zero exit code.

The root, ``GeomapError``, lives in :mod:`gazetteer.errors` (the lowest layer); ``GazetteerError`` (names, the pack)
and the errors below (input, geometry, pack build) are its subclasses, side by side.
"""

from __future__ import annotations

from gazetteer.errors import (
    BadNameError,
    GazetteerError,
    GeomapError,
    NotFoundError,
    OutputError,
    PackCorruptError,
    PackMissingError,
)

__all__ = [
    "GeomapError",
    "GazetteerError",
    "BadNameError",
    "NotFoundError",
    "PackMissingError",
    "PackCorruptError",
    "BuildError",
    "SourceError",
    "InputError",
    "GeometryError",
    "OutputError",
]


class BuildError(GeomapError):
    """The data pack could not be built; the message names the problem and the fix."""


class SourceError(BuildError):
    """A source package could not be fetched, or a user-supplied boundary file is unusable."""


class InputError(GeomapError, ValueError):
    """Bad user input (a number out of range, an unreadable article, an unknown option value)."""


class GeometryError(GeomapError, ValueError):
    """A geometric request that cannot be answered (e.g. two countries that share no land border)."""
