"""Shared fixtures. The data pack must be built (``make test`` does it) — tests do not skip without it."""

from __future__ import annotations

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def manifest() -> dict:
    from geomap.pack.read import manifest as _m

    return _m()


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium driven by Playwright; skipped without it unless GEOMAP_REQUIRE_BROWSER=1."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("GEOMAP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and GEOMAP_REQUIRE_BROWSER=1 (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
