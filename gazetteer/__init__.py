"""gazetteer: offline name → place / admin-1 region / country resolution for news text.

Knows nothing about maps. Loads the compact name index of the geomap data pack.
"""

from gazetteer.errors import BadNameError, GazetteerError, NotFoundError, PackMissingError

__all__ = ["GazetteerError", "BadNameError", "NotFoundError", "PackMissingError"]
