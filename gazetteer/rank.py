"""Joint resolution of all toponyms of one document (the document is the context of each of its names).

1. Every distinct name gets its candidates with context-free scores (population, name match, kind); a
   second-level division ("Walker County") gets the main places of the divisions of that name.
2. Each name spreads one vote over the regions (admin-1), second-level divisions and countries of its candidates,
   in proportion to how likely each candidate is (softmax of its score); a division name votes evenly for the
   divisions (and their regions) of that name. Candidates gain from the votes of the *other* names for their
   region, division and country (leave-one-out), plus closeness to the other names' current answers; the votes
   are recomputed from the new scores (a few rounds, EM-like). So "Gainesville" follows the state the rest of the
   document is about, and "Huntsville" next to "Walker County" is the one in Walker County, Texas.
3. A last pass re-ranks each name with the others' answers as gazetteer context (same region, proximity) and
   overrides the joint choice only by a clear margin.
4. A division whose main place is unknown stands at the document's most mentioned place inside its region.
One sense per name per document.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from gazetteer.core import Candidate, Gazetteer
from gazetteer.errors import BadNameError
from gazetteer.normalize import normalize

__all__ = ["resolve_document"]

N_CAND = 30  # candidates per name considered jointly
W_REGION = 6.0  # weight of the (leave-one-out) share of the document's votes for a candidate's admin-1 region
W_COUNTRY = 1.5  # same for its country
W_DIVISION = 6.0  # same for its second-level division (county)
ROUNDS = 3
REFINE_MARGIN = 1.0  # contextual re-ranking overrides the joint choice only by this score margin
TEMP = 1.0  # softmax temperature turning scores into vote shares
W_PROX = 2.0  # weight of closeness to the other names' current answers (places only)
PROX_KM = 100.0


def _nearness(cands: list[Candidate], others: list[Candidate]) -> list[float]:
    """For each candidate, exp(-d / PROX_KM) of the great-circle distance d (km) to the nearest other answer
    (ranking only; a candidate is not near itself)."""
    if not others:
        return [0.0] * len(cands)
    import numpy as np

    la1 = np.radians([c.lat for c in cands])[:, None]
    lo1 = np.radians([c.lon for c in cands])[:, None]
    la2 = np.radians([o.lat for o in others])[None, :]
    lo2 = np.radians([o.lon for o in others])[None, :]
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    d = 12742.0 * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    same = np.array([[c.id == o.id for o in others] for c in cands])
    d[same] = np.inf
    return np.exp(-d.min(axis=1) / PROX_KM).tolist()


def _region(c: Candidate) -> tuple[str, str] | None:
    if c.kind == "country":
        return None
    if c.kind == "admin1":
        return (c.country, c.name)
    return (c.country, c.admin1) if c.admin1 else None


def _softmax(scores: list[float]) -> list[float]:
    m = max(scores)
    ex = [math.exp((s - m) / TEMP) for s in scores]
    t = sum(ex)
    return [x / t for x in ex]


def resolve_document(gaz: Gazetteer, names: Sequence[str], *, rounds: int = ROUNDS,
                     refine: bool = True) -> list[Candidate | None]:
    """Best candidate for each name of one document (None when nothing matches or the name is unusable)."""
    keys: dict[str, str] = {}  # normalised key -> first surface form
    mentions: dict[str, int] = {}
    for n in names:
        k = normalize(n)
        if not k:
            continue
        keys.setdefault(k, n)
        mentions[k] = mentions.get(k, 0) + 1
    cands: dict[str, list[Candidate]] = {}
    a2: dict[str, list[Candidate]] = {}
    for k, n in keys.items():
        try:
            cands[k] = gaz.resolve(n, limit=N_CAND)
        except BadNameError:
            cands[k] = []
        if cands[k]:
            regs = gaz.admin2_regions(n)
            if regs:
                a2[k] = regs
    live = [k for k in keys if cands[k]]
    units = {k: gaz.divisions(keys[k]) for k in a2}
    cand_unit = {k: [gaz.division_of(c) for c in cands[k]] for k in live}
    best: dict[str, Candidate] = {}
    base = {k: [c.score for c in cands[k]] for k in live}
    scores = {k: list(base[k]) for k in live}
    for _ in range(rounds):
        # votes of each name (weight 1 per distinct name, a little more when repeated)
        vr: dict[str, dict[tuple[str, str], float]] = {}
        vc: dict[str, dict[str, float]] = {}
        vu: dict[str, dict[int, float]] = {}
        for k in live:
            w = 1.0 + 0.25 * min(mentions[k] - 1, 4)
            p = _softmax(scores[k])
            r: dict[tuple[str, str], float] = {}
            cc: dict[str, float] = {}
            uu: dict[int, float] = {}
            if k in a2:  # a division: its regions share the vote evenly
                for reg in a2[k]:
                    r[(reg.country, reg.name)] = r.get((reg.country, reg.name), 0.0) + w / len(a2[k])
                    cc[reg.country] = cc.get(reg.country, 0.0) + w / len(a2[k])
                for u in units[k]:
                    uu[u] = uu.get(u, 0.0) + w / len(units[k])
            else:
                for c, pi, u in zip(cands[k], p, cand_unit[k], strict=True):
                    g = _region(c)
                    if g is not None:
                        r[g] = r.get(g, 0.0) + w * pi
                    cc[c.country] = cc.get(c.country, 0.0) + w * pi
                    if u >= 0:
                        uu[u] = uu.get(u, 0.0) + w * pi
            vr[k], vc[k], vu[k] = r, cc, uu
        tot_r: dict[tuple[str, str], float] = {}
        tot_c: dict[str, float] = {}
        tot_u: dict[int, float] = {}
        for k in live:
            for u, v in vu[k].items():
                tot_u[u] = tot_u.get(u, 0.0) + v
            for g, v in vr[k].items():
                tot_r[g] = tot_r.get(g, 0.0) + v
            for g, v in vc[k].items():
                tot_c[g] = tot_c.get(g, 0.0) + v
        wsum = sum(1.0 + 0.25 * min(mentions[k] - 1, 4) for k in live)
        for k in live:
            own_w = 1.0 + 0.25 * min(mentions[k] - 1, 4)
            others = wsum - own_w
            if others <= 0:
                continue
            near = _nearness(cands[k], [o for kk, o in best.items() if kk != k and o.kind == "place"])
            new = []
            for i, (c, b) in enumerate(zip(cands[k], base[k], strict=True)):
                g = _region(c)
                s = b
                u = cand_unit[k][i]
                if u >= 0:
                    s += W_DIVISION * (tot_u.get(u, 0.0) - vu[k].get(u, 0.0)) / others
                if g is not None:
                    s += W_REGION * (tot_r.get(g, 0.0) - vr[k].get(g, 0.0)) / others
                s += W_COUNTRY * (tot_c.get(c.country, 0.0) - vc[k].get(c.country, 0.0)) / others
                if c.kind == "place":
                    s += W_PROX * near[i]
                new.append(s)
            scores[k] = new
        best = {k: cands[k][max(range(len(scores[k])), key=lambda j: scores[k][j])] for k in live}
    answer: dict[str, Candidate | None] = {k: None for k in keys}
    for k in live:
        i = max(range(len(scores[k])), key=lambda j: scores[k][j])
        answer[k] = cands[k][i]
    if refine and len(live) > 1:
        joint = dict(answer)
        for k in live:
            ctx = [c for kk, c in joint.items() if kk != k and c is not None]
            res = gaz.resolve(keys[k], context=ctx, limit=N_CAND)
            if not res:
                continue
            # keep the joint choice unless the contextual ranking clearly prefers another candidate
            cur = next((c for c in res if c.id == joint[k].id), None)  # type: ignore[union-attr]
            if cur is None or res[0].score - cur.score > REFINE_MARGIN:
                answer[k] = res[0]
    if a2:
        seats = {k: {c.id for c in gaz.admin2_places(keys[k])} for k in a2}
        count: dict[str, int] = {}
        for k in live:
            c = answer[k]
            if c is not None and c.kind == "place" and k not in a2:
                count[c.id] = count.get(c.id, 0) + mentions[k]
        by_id = {c.id: c for c in answer.values() if c is not None}
        for k in a2:
            c = answer.get(k)
            if c is None or c.kind == "country" or gaz.is_name_of(k, c) or c.id in seats.get(k, ()):
                continue  # nothing, a country, an entity that really has this name, or a place inside it
            region = c.name if c.kind == "admin1" else c.admin1
            inside = [(cnt, i) for i, cnt in count.items()
                      if by_id[i].admin1 == region and by_id[i].country == c.country]
            if inside:
                answer[k] = by_id[max(inside)[1]]
    return [answer.get(normalize(n), None) for n in names]
