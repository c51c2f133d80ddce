"""One error hierarchy for geomap. The CLI turns each into a one-line message and a non-zero exit code."""

from __future__ import annotations

from gazetteer.errors import (
    BadNameError,
    GazetteerError,
    NotFoundError,
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
]

# Every gazetteer error is a geomap error too.
GeomapError = GazetteerError


class BuildError(GeomapError):
    """The data pack could not be built; the message names the problem and the fix."""


class SourceError(BuildError):
    """A source package could not be fetched, or a user-supplied boundary file is unusable."""


class InputError(GeomapError, ValueError):
    """Bad user input (a number out of range, an unreadable article, an unknown option value)."""


class GeometryError(GeomapError, ValueError):
    """A geometric request that cannot be answered (e.g. two countries that share no land border)."""
