"""Errors raised by the gazetteer. ``geomap.errors`` builds on these."""

from __future__ import annotations


class GazetteerError(Exception):
    """Base class of gazetteer errors; the message is meant for the user."""

    exit_code = 1


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
