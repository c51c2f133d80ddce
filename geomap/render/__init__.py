"""Maps from analysis layers: ``render_map(layers, meta, *, cdn=False) -> folium.Map`` (offline unless ``cdn``), ``save_map``.

Rendering knows nothing about parsing: it draws the layers of the layer contract (places, regions, borders,
distances, zones) with popups carrying the escaped source sentence, a legend, a claim panel and an offline basemap.
"""

from __future__ import annotations

from geomap.render.mapbuilder import content_bounds, render_map, save_map

__all__ = ["render_map", "save_map", "content_bounds"]
