"""The error hierarchy of geomap and its gazetteer, rooted here in the lowest layer.

``GeomapError`` is the root: the CLI turns any of them into one line on stderr and ``exit_code``. The gazetteer's
own errors (names, the data pack) derive from ``GazetteerError``; geomap's errors (``geomap.errors``: bad input,
geometry, pack build) derive from ``GeomapError`` directly, so ``except GazetteerError`` means "a name or pack
problem" and never swallows a geometry or input error.
"""

from __future__ import annotations


class GeomapError(Exception):
    """Root of every geomap error; the message is meant for the user."""

    exit_code = 1


class GazetteerError(GeomapError):
    """Base class of gazetteer errors (names, the data pack)."""


class PackMissingError(GazetteerError):
    """The data pack (or its name index) is not built or is incomplete."""


class PackCorruptError(GazetteerError):
    """A pack file does not match the checksum in the manifest."""


class BadNameError(GazetteerError, ValueError):
    """A name that cannot be looked up (empty, punctuation only, control characters, too long)."""


class NotFoundError(GazetteerError, LookupError):
    """No entity matches a name; ``suggestions`` holds close names."""

    exit_code = 2

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:  # noqa: D107
        super().__init__(message)
        self.suggestions = suggestions or []


class OutputError(GeomapError):
    """An output path that cannot or must not be written (a user's folder, a read-only place, below a file)."""
