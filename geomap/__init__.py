"""geomap: turn spatial claims in conflict reporting into checked geography.

Heavy modules (geopandas, folium) are imported lazily, so ``import geomap`` and the CLI start fast.
"""

from __future__ import annotations

__version__ = "0.1.0"


def __getattr__(name: str):
    """Lazy exports: ``geomap.analyze`` and ``geomap.Analysis`` import the analysis stack on first use."""
    if name in ("analyze", "Analysis"):
        from geomap import analysis

        return getattr(analysis, name)
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
