"""The error hierarchy of geomap and its gazetteer, rooted here in the lowest layer.

``GeomapError`` is the root: the CLI turns any of them into one line on stderr and ``exit_code``. The gazetteer's
own errors (names, the data pack) derive from ``GazetteerError``; geomap's errors (``geomap.errors``: bad input,
geometry, pack build) derive from ``GeomapError`` directly, so ``except GazetteerError`` means "a name or pack
problem" and never swallows a geometry or input error.
"""

from __future__ import annotations

from collections.abc import Callable


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
    """No entity matches a name; ``suggestions`` holds close names.

    ``suggestions`` may be given as a list or as a function returning one, called the first time the attribute is
    read: a caller that only tests whether a name is known ("is this word a country?") and drops the error never
    pays for the fuzzy search (up to ~1 s and ~190 MB for its first pool on a full index)."""

    exit_code = 2

    def __init__(self, message: str, suggestions: list[str] | Callable[[], list[str]] | None = None  # noqa: D107
                 ) -> None:
        super().__init__(message)
        self._suggestions = suggestions

    @property
    def suggestions(self) -> list[str]:
        """Close names, best first (computed on first read when given as a function)."""
        if callable(self._suggestions):
            self._suggestions = self._suggestions()
        return list(self._suggestions or [])


class OutputError(GeomapError):
    """An output path that cannot or must not be written (a user's folder, a read-only place, below a file)."""
