"""gazetteer: offline name → place / admin-1 region / country resolution for news text.

Knows nothing about maps. Loads the compact name index of the geomap data pack. ``Gazetteer`` and ``Candidate``
are imported lazily so that ``import gazetteer.errors`` stays instant (resolving a name needs no numpy: the bulk
paths import it on first use).
"""

from gazetteer.errors import BadNameError, GazetteerError, GeomapError, NotFoundError, PackMissingError
from gazetteer.normalize import normalize

__all__ = ["GeomapError", "GazetteerError", "BadNameError", "NotFoundError", "PackMissingError", "Gazetteer", "Candidate",
           "normalize"]


def __getattr__(name: str):  # PEP 562 lazy exports
    if name in ("Gazetteer", "Candidate"):
        from gazetteer import core

        return getattr(core, name)
    raise AttributeError(f"module 'gazetteer' has no attribute {name!r}")
