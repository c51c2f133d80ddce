"""Shared fixtures. The data pack must be built (``make test`` does it) — tests do not skip without it."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def manifest() -> dict:
    from geomap.pack.read import manifest as _m

    return _m()
