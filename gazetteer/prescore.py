"""Context-free rankings computed once, at pack build: what ``Gazetteer.resolve(name)`` ranks when no context,
country, point or kinds are given, stored in the name index and read back instead of scoring (by resolve() and,
as the context-free part of their scores, by the context engines: :meth:`gazetteer.scoring.Scoring.any_base`).

For every key of the index whose candidates are its direct postings (``Gazetteer.direct_postings``: not a
continent or world region, not a key that only reaches its entities through a fallback), the build ranks the
candidates with the resolver's own scalar engine (:meth:`gazetteer.scoring.Scoring.scored`, all candidates) and
stores them in the key's posting slots; a key with more candidates than postings (a region phrase that also
reaches the regions of its bare name) is left unranked:

    rank_ent i4 (entity rows, best first; -1 after the last candidate, or in the first slot of an unranked key)
    rank_score f8 (their scores: the same floats the resolver computes)

``meta.json`` records ``scoring_version()``; an index built with another version, or without these arrays, is
ranked at query time (:class:`Rankings` is then not made). Ranking the 1.1 M keys takes some 17 s of the build.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer import index as I
from gazetteer.scoring import MAX_POSTINGS, scoring_version

if TYPE_CHECKING:
    from gazetteer.core import Gazetteer
    from gazetteer.npyfile import IndexArrays

__all__ = ["Rankings", "rank_keys", "write_rankings"]

UNRANKED = -1


class Rankings:
    """The stored context-free rankings of an index (see the module docstring), read through typed memoryviews."""

    def __init__(self, arrays: IndexArrays, key_index: Callable[[str], int],
                 unranked: frozenset[str] = frozenset()) -> None:
        """Over the ``post_off``, ``rank_ent`` and ``rank_score`` arrays of ``arrays``; ``key_index(key)`` is the
        row of a normalised key in the key arrays (-1 when absent); keys in ``unranked`` (the continents and world
        regions the resolver knows now, which mean no entity) are never read from the arrays."""
        self._off = arrays["post_off"]
        self._ent = arrays["rank_ent"]
        self._score = arrays["rank_score"]
        self._key_index = key_index
        self._unranked = unranked

    @classmethod
    def of(cls, arrays: IndexArrays, meta: dict, key_index: Callable[[str], int],
           unranked: frozenset[str] = frozenset()) -> Rankings | None:
        """The rankings of an index whose ``meta.json`` is ``meta``, or None when it has none of this scoring
        version (older pack, other weights)."""
        if "rank_ent" not in arrays or "rank_score" not in arrays or meta.get("scoring") != scoring_version():
            return None
        n = len(arrays["post_ent"])
        if len(arrays["rank_ent"]) != n or len(arrays["rank_score"]) != n:
            return None
        return cls(arrays, key_index, unranked)

    def ranked(self, key: str, limit: int) -> list[tuple[float, int]] | None:
        """The best ``limit`` (score, entity row) pairs of a normalised key, best first, as
        ``Scoring.scored(key, None, KIND_NAMES, None, (), limit, False)`` gives them; None when the key is not
        ranked here (not in the index, or unranked)."""
        i = self._key_index(key)
        if i < 0 or key in self._unranked:
            return None
        off = self._off
        a = off[i]
        b = off[i + 1]
        if a == b:
            return None
        if b - a == 1 or limit == 1:  # most keys: one candidate (no slices)
            e = self._ent[a]
            return [(self._score[a], e)] if e >= 0 else None
        if b - a > limit:
            b = a + limit
        ents = self._ent[a:b].tolist()
        if ents[0] < 0:
            return None
        if ents[-1] < 0:
            ents = ents[:ents.index(UNRANKED)]
            b = a + len(ents)
        return list(zip(self._score[a:b].tolist(), ents, strict=True))


def rank_keys(gaz: Gazetteer, keys: list[str], post_off: list[int]) -> tuple[list[int], list[float], int]:
    """(rank_ent, rank_score) lists over the posting slots of the index of ``gaz`` (a Gazetteer without stored
    rankings) for its keys ``keys`` (in key-row order, ``post_off`` their posting offsets), and how many keys were
    ranked."""
    ent = [UNRANKED] * post_off[-1]
    score = [0.0] * post_off[-1]
    scored, direct, macro = gaz._scoring.scored, gaz.direct_postings, gaz._macro
    kinds = I.KIND_NAMES
    n = 0
    for i, key in enumerate(keys):
        if key in macro or not direct(key, False)[0]:
            continue
        pairs = scored(key, None, kinds, None, (), MAX_POSTINGS, False)
        a = post_off[i]
        if not pairs or len(pairs) > post_off[i + 1] - a:
            continue
        for j, (s, e) in enumerate(pairs, a):
            ent[j] = e
            score[j] = s
        n += 1
    return ent, score, n


def write_rankings(root: Path) -> int:
    """Rank every key of the index in ``root`` (written but for these arrays) and write ``rank_ent.npy``,
    ``rank_score.npy`` and the scoring version into ``meta.json``; return the number of keys ranked."""
    import json

    import numpy as np

    from gazetteer.core import Gazetteer

    gaz = Gazetteer.open_index(root)
    koff = gaz._key_off.tolist()
    blob = bytes(gaz._keys[:])
    keys = [blob[koff[i]:koff[i + 1]].decode("utf-8") for i in range(len(koff) - 1)]
    post_off = gaz._post_off.tolist()
    ent, score, n = rank_keys(gaz, keys, post_off)
    gaz.cache_clear()
    del gaz
    np.save(root / "rank_ent.npy", np.asarray(ent, dtype="i4"), allow_pickle=False)
    np.save(root / "rank_score.npy", np.asarray(score, dtype="f8"), allow_pickle=False)
    meta_path = root / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["scoring"] = scoring_version()
    meta_path.write_text(json.dumps(meta, separators=(",", ":")), encoding="utf-8")
    return n
