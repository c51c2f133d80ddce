"""Joint resolution of all toponyms of one document (the document is the context of each of its names).

Pass 1 resolves every distinct name alone; names whose best reading is clear (a country or region, a single
candidate, or a large score margin) become anchors. Pass 2 re-ranks every name with the anchors as context (same
country, same admin-1, proximity); pass 3 repeats with all pass-2 answers, so that e.g. "Gainesville" follows the
state most of the document's other places are in. One sense per name per document.
"""

from __future__ import annotations

from collections.abc import Sequence

from gazetteer.core import Candidate, Gazetteer
from gazetteer.errors import BadNameError

__all__ = ["resolve_document"]

MARGIN = 1.5  # score margin that makes a pass-1 answer an anchor


def _key(gaz: Gazetteer, name: str) -> str | None:
    from gazetteer.normalize import normalize

    k = normalize(name)
    return k or None


def resolve_document(gaz: Gazetteer, names: Sequence[str], *, passes: int = 2) -> list[Candidate | None]:
    """Best candidate for each name of one document (None when nothing matches or the name is unusable)."""
    keys: dict[str, str] = {}  # normalised key -> first surface form
    for n in names:
        k = _key(gaz, n)
        if k and k not in keys:
            keys[k] = n
    first: dict[str, list[Candidate]] = {}
    for k, n in keys.items():
        try:
            first[k] = gaz.resolve(n, limit=5)
        except BadNameError:
            first[k] = []
    anchors: dict[str, Candidate] = {}
    for k, cands in first.items():
        if not cands:
            continue
        top = cands[0]
        clear = len(cands) == 1 or top.score - cands[1].score >= MARGIN
        if top.kind in ("country", "admin1") or clear:
            anchors[k] = top
    answer: dict[str, Candidate | None] = {k: (c[0] if c else None) for k, c in first.items()}
    ctx_by = anchors
    for _ in range(passes):
        new: dict[str, Candidate | None] = {}
        for k, n in keys.items():
            if not first[k]:
                new[k] = None
                continue
            ctx = [c for kk, c in ctx_by.items() if kk != k and c is not None]
            res = gaz.resolve(n, context=ctx, limit=1) if ctx else first[k][:1]
            new[k] = res[0] if res else answer[k]
        answer = new
        ctx_by = {k: c for k, c in answer.items() if c is not None}
    return [answer.get(_key(gaz, n) or "", None) for n in names]
