"""Suggestions for a name nothing matches: close names of the index (fuzzy, rapidfuzz Jaro–Winkler), as labels
like "Sumy (UA, Sumy Oblast)", best first.

The pool is the keys of admin-1 regions, countries and places of >= 1,000 people (built once, on first use), cut
to keys of about the query's length; each close key is ranked by similarity and the population of its best entity.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from gazetteer import index as I
from gazetteer.normalize import split_region

if TYPE_CHECKING:
    import numpy as np

    from gazetteer.npyfile import IndexArrays

__all__ = ["Suggester"]

_COUNTRY_ONLY = frozenset({"country"})


class Suggester:
    """Fuzzy suggestions over the keys of a name index.

    ``gaz`` is the :class:`gazetteer.core.Gazetteer` whose ``resolve_key`` and ``label`` rank and show the
    candidates; ``arrays`` and ``keys`` are its key arrays and key-string blob.
    """

    def __init__(self, gaz: Any, arrays: IndexArrays, keys: Any) -> None:
        """Suggest from the ``key_*`` arrays of ``arrays`` (numpy views, made on first use) and the key blob
        ``keys`` (bytes or mmap)."""
        self._gaz = gaz
        self._arrays = arrays
        self._keys = keys
        self._pool: tuple[list[str], np.ndarray] | None = None

    def suggest(self, key: str, limit: int, kset: frozenset[str]) -> list[str]:
        """Labels of the entities with names close to the normalised ``key`` among kinds ``kset``, best first."""
        import numpy as np
        from rapidfuzz import process
        from rapidfuzz.distance import JaroWinkler

        base, region = split_region(key)
        if region and "admin1" in kset:  # "Sumyy region": a region named like "Sumyy"
            key, kset = base, frozenset({"admin1"})
        pool, lens = self.pool()
        kl = len(key.encode("utf-8"))
        sel = np.nonzero(np.abs(lens - kl) <= max(2, kl // 3))[0]
        choices = [pool[i] for i in sel.tolist()]
        hits = process.extract(key, choices, scorer=JaroWinkler.normalized_similarity, limit=limit * 4,
                               score_cutoff=0.75)
        ranked: list[tuple[float, str]] = []
        for k, sim, _i in hits:
            for c in self._gaz.resolve_key(k, kset, 1):
                ranked.append((sim * 10 + 0.3 * math.log10(c.population + 10), self._gaz.label(c)))
        out: list[str] = []
        for _s, lab in sorted(ranked, key=lambda t: -t[0]):
            if lab not in out:
                out.append(lab)
        return out[:limit]

    def pool(self) -> tuple[list[str], np.ndarray]:
        """Keys used for suggestions and their UTF-8 lengths: names of admin-1 regions, countries and places of
        >= 1,000 people (keys that are only a code are left out)."""
        if self._pool is None:
            import numpy as np

            kind, pop, off = (self._arrays.np(n) for n in ("key_kind", "key_maxpop", "key_off"))
            mask = (kind != I.KIND_NOT_SPOTTED) & ((pop >= 1000) | (kind >= I.ADMIN1))
            idx = np.nonzero(mask)[0]
            blob = bytes(self._keys[:])
            starts = off[idx].tolist()
            ends = off[idx + 1].tolist()
            keys = [blob[a:b].decode("utf-8") for a, b in zip(starts, ends, strict=True)]
            self._pool = (keys, np.asarray(ends) - np.asarray(starts))
        return self._pool
