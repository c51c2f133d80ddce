"""Where the geomap data pack lives.

The pack is built by ``geomap data build`` into ``$GEOMAP_DATA_DIR`` or, when unset, the platform's user
data directory (``~/.local/share/geomap`` on Linux). This module only computes paths; it imports nothing heavy.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# 2: admin-1 regions carry ``display_name`` (current English names for maps)
# 3: continents, world regions and postal settlements (continents/world_regions/postal.parquet, index format 2)
PACK_FORMAT = 3


def default_data_dir() -> Path:
    """Return the data pack folder: ``$GEOMAP_DATA_DIR`` or the user data dir + ``geomap``."""
    env = os.environ.get("GEOMAP_DATA_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg:
        return Path(xdg) / "geomap"
    if sys.platform.startswith("linux"):  # platformdirs' answer on Linux, without its import (~10 ms of start-up)
        return Path.home() / ".local" / "share" / "geomap"
    try:
        from platformdirs import user_data_dir

        return Path(user_data_dir("geomap", appauthor=False))
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return Path.home() / ".local" / "share" / "geomap"


def default_cache_dir() -> Path:
    """Return the folder where downloaded source packages are cached (outside the repository)."""
    env = os.environ.get("GEOMAP_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    if sys.platform.startswith("linux"):  # platformdirs' answer on Linux (XDG base directories), without its import
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "geomap"
    try:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("geomap", appauthor=False))
    except ImportError:  # pragma: no cover
        return Path.home() / ".cache" / "geomap"
