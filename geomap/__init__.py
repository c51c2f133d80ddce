"""geomap: turn spatial claims in conflict reporting into checked geography.

Heavy modules (geopandas, folium) are imported lazily, so ``import geomap`` and the CLI start fast.
"""

from __future__ import annotations

__version__ = "0.1.0"
