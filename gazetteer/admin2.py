"""Second-level divisions (counties, parishes, raions) in the name index: names only, no coordinates.

The index's ``a2_*`` arrays map a normalised division name ("laurel county") to (admin-1 row, row of the
division's most populous place or -1, division number) for every division of that name; ``ent_admin2`` gives each
place's division number. A division is located by its main place where known, else by its admin-1 region.
Names of divisions are recognised by their generic word (``gazetteer.normalize.ADMIN2_WORDS``) or its news
abbreviation ("Loudon Co."), or by adding "county"/"parish" to a bare name ("Gwinnett").
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from gazetteer import index as I
from gazetteer.normalize import ADMIN2_ABBREVIATIONS, ADMIN2_WORDS
from gazetteer.scoring import FLAG_ADMIN2

if TYPE_CHECKING:
    from gazetteer.npyfile import IndexArrays

__all__ = ["Admin2Index"]

def _spelled_out(key: str) -> str:
    """A normalised key with a trailing division abbreviation written out ("west chester twp" -> "west chester
    township"); the key itself otherwise."""
    toks = key.split()
    if len(toks) >= 2 and toks[-1] in ADMIN2_ABBREVIATIONS:
        return " ".join([*toks[:-1], ADMIN2_ABBREVIATIONS[toks[-1]]])
    return key


class Admin2Index:
    """The second-level divisions of a name index (see the module docstring).

    ``key_index(key)`` is the row of a normalised key in the main key table (-1 when absent); ``lookup_cols(key)``
    its postings as two lists (entity rows, flags).
    """

    def __init__(self, arrays: IndexArrays, key_index: Callable[[str], int],
                 lookup_cols: Callable[[str], tuple[list[int], list[int]]]) -> None:
        """Over the ``a2_*``, ``ent_admin2``, ``ent_kind`` and ``ent_admin1`` arrays of ``arrays``."""
        self._hash = arrays["a2_hash"]
        self._off = arrays["a2_off"]
        self._admin1 = arrays["a2_admin1"]
        self._place = arrays["a2_place"]
        self._unit = arrays["a2_unit"]
        self._ent_admin2 = arrays["ent_admin2"]
        self._ent_kind = arrays["ent_kind"]
        self._ent_admin1 = arrays["ent_admin1"]
        self._key_index = key_index
        self._lookup_cols = lookup_cols
        self._pos: dict[int, int] | None = None  # division-name hash -> its row, made on first use (``_find``)
        self.region_rows = lru_cache(maxsize=65536)(self._region_rows)

    def cache_clear(self) -> None:
        """Drop the memoised region lookups."""
        self.region_rows.cache_clear()

    def units(self, key: str) -> list[tuple[int, int, int]]:
        """(admin-1 row, row of the division's main place or -1, division number) for each division with this
        normalised name."""
        i = self._find(key)
        if i < 0:
            return []
        a, b = self._off[i], self._off[i + 1]
        return list(zip(self._admin1[a:b].tolist(), self._place[a:b].tolist(), self._unit[a:b].tolist(),
                        strict=True))

    def _find(self, key: str) -> int:
        """Row of a normalised division name in the ``a2_*`` arrays, or -1: a dict over the (some ten thousand)
        division hashes, made on first use (~1 ms), instead of a bisect per probe (a name nothing else matches
        probes three: "gwinnett", "gwinnett county", "gwinnett parish")."""
        pos = self._pos
        if pos is None:
            hs = self._hash.tolist()
            pos = self._pos = dict(zip(reversed(hs), range(len(hs) - 1, -1, -1), strict=True))  # repeated: first
        return pos.get(I.cached_key_hash(key), -1)

    def _has(self, key: str) -> bool:
        """Whether some division has this normalised name (``rows(key)`` is not empty)."""
        i = self._find(key)
        return i >= 0 and self._off[i + 1] > self._off[i]

    def rows(self, key: str) -> list[int]:
        """Admin-1 entity rows having a second-level division with this normalised name."""
        return list(dict.fromkeys(r for r, _p, _u in self.units(key)))

    def table_key(self, key: str) -> str | None:
        """The division-table key for a normalised name ("loudon co" -> "loudon county", "gwinnett" ->
        "gwinnett county"), or None."""
        key = _spelled_out(key)
        if self._has(key):
            return key
        for w in ("county", "parish"):
            if self._has(f"{key} {w}"):
                return f"{key} {w}"
        return None

    def division_of_row(self, row: int) -> int:
        """Division number of entity ``row`` (-1 when unknown)."""
        return int(self._ent_admin2[row])

    def _region_rows(self, raw: str) -> tuple[int, ...]:
        """Admin-1 rows having a division called by the normalised ``raw``; none for a bare name that is itself a
        place or region ("Ohio", not "Ohio County")."""
        toks = raw.split()
        # (the resolver tests the last word only: "census area" and "city and borough" names are found through
        # the table, not through their generic word)
        if toks[-1] not in ADMIN2_WORDS and toks[-1] not in ADMIN2_ABBREVIATIONS and self._key_index(raw) >= 0:
            return ()
        key = self.table_key(raw)
        return tuple(self.rows(key)) if key else ()

    def fallback_postings(self, key: str) -> dict[int, int] | None:
        """Postings for a key that matches no name: a division ("Laurel County", "Loudon Co.", "Gwinnett")
        stands at its main place where known, else at the places of its bare name in the regions having such a
        division, and at those regions themselves (flagged ``FLAG_ADMIN2``). None when ``key`` is no division
        name (the caller's fallback is then not "weak")."""
        key = self.table_key(key) or _spelled_out(key)
        toks = key.split()
        if len(toks) < 2 or toks[-1] not in ADMIN2_WORDS:
            return None
        ents, flags = self._lookup_cols(" ".join(toks[:-1]))  # the bare name's postings
        units = self.units(key)
        if not units:
            return dict(zip(ents, flags, strict=True))
        rows: dict[int, int] = {}
        bare = {r for r, p, _u in units if p < 0}
        for _r, p, _u in units:
            if p >= 0:
                rows[p] = rows.get(p, 0) | I.FLAG_ALT | FLAG_ADMIN2
        if bare:  # the bare name's places inside those regions (a common name has hundreds of postings)
            ea, ek, place = self._ent_admin1, self._ent_kind, I.PLACE
            for e, f in zip(ents, flags, strict=True):
                if ea[e] in bare and ek[e] == place:
                    rows[e] = rows.get(e, 0) | f
        for r in bare:
            rows[r] = rows.get(r, 0) | FLAG_ADMIN2
        return rows
