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
4. A bare name answered outside the document's main admin-1 region (>= 3 mentions of other names, most of the
   regional mentions) that names a county inside that region means that county, standing at its main place
   ("Clay" in a story about Otter Tail County, Minnesota), unless its answer is a city of >= 100,000.
5. A division whose main place is unknown stands at the document's most mentioned place inside its region.
One sense per name per document.

Speed: candidates of all names are scored jointly with numpy (grouped softmax, vote matrices, one distance matrix
per round); the re-ranking reuses the memoised context-free scores and one context summary per document.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from gazetteer.core import Candidate, Gazetteer
from gazetteer.errors import BadNameError
from gazetteer.normalize import normalize
from gazetteer.scoring import great_circle_km

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
W_SEAT_PAIR = 2.0  # a place that is the main place of a county named in the same document (both names)
BARE_DIVISION_MAX_POP = 100_000  # a bare name answered by a city this big keeps it (see _bare_divisions)


def _region(c: Candidate) -> tuple[str, str] | None:
    if c.kind == "country":
        return None
    if c.kind == "admin1":
        return (c.country, c.name)
    return (c.country, c.admin1) if c.admin1 else None


def _weight(m: int) -> float:
    """Vote weight of a name mentioned m times: 1 per distinct name, a little more when repeated."""
    return 1.0 + 0.25 * min(m - 1, 4)


def _bare_divisions(gaz: Gazetteer, keys: dict[str, str], live: list[str], answer: dict[str, Candidate | None],
                    mentions: dict[str, int], a2: dict[str, list[Candidate]]) -> None:
    """A bare name answered outside the document's main admin-1 region that is also the name of a second-level
    division inside that region ("Clay", "Becker" in a story about Otter Tail County, Minnesota) means that
    division: it stands at the division's main place. The main region must hold at least three mentions of
    other names and most of the document's regional mentions."""
    votes: dict[tuple[str, str | None], float] = {}
    for k in live:
        c = answer[k]
        if c is None or c.kind == "country":
            continue
        reg = (c.country, c.name if c.kind == "admin1" else c.admin1)
        votes[reg] = votes.get(reg, 0.0) + mentions[k]
    if not votes:
        return
    main, n_main = max(votes.items(), key=lambda kv: kv[1])
    if n_main < 3 or n_main < 0.5 * sum(votes.values()):
        return
    for k in live:
        c = answer[k]
        if k in a2 or c is None or c.kind != "place" or (c.country, c.admin1) == main \
                or c.population >= BARE_DIVISION_MAX_POP:
            continue
        for p in gaz.admin2_places(keys[k] + " County"):
            if (p.country, p.admin1) == main:
                answer[k] = p
                break


def resolve_document(gaz: Gazetteer, names: Sequence[str], *, rounds: int = ROUNDS,  # noqa: C901
                     refine: bool = True) -> list[Candidate | None]:
    """Best candidate for each name of one document (None when nothing matches or the name is unusable)."""
    keys: dict[str, str] = {}  # normalised key -> first surface form
    mentions: dict[str, int] = {}
    name_keys = []
    for n in names:
        k = normalize(n)
        name_keys.append(k)
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
    answer: dict[str, Candidate | None] = {k: None for k in keys}
    if not live:
        return [None] * len(names)
    units = {k: gaz.divisions(keys[k]) for k in a2}
    # flat arrays over all candidates of all live names (grouped by name, in order)
    flat: list[Candidate] = [c for k in live for c in cands[k]]
    sizes = np.array([len(cands[k]) for k in live])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    own = np.repeat(np.arange(len(live)), sizes)
    n_live = len(live)
    wk = np.array([_weight(mentions[k]) for k in live])
    base = np.array([c.score for c in flat])
    if a2 and W_SEAT_PAIR:
        # a place that is the main place of a county named elsewhere in the document ("Richmond" with "Madison
        # County": Richmond, Kentucky) fits both names: a bonus for it under each of them
        seat_keys: dict[str, set[str]] = {}  # place id -> the county names it is the main place of
        for k in a2:
            for c in gaz.admin2_places(keys[k]):
                seat_keys.setdefault(c.id, set()).add(k)
        named_ids = {c.id for k in live if k not in a2 for c in cands[k]}
        for j, c in enumerate(flat):
            ks = seat_keys.get(c.id)
            if not ks:
                continue
            k = live[int(own[j])]
            if (k in ks and c.id in named_ids) if k in a2 else True:
                base[j] += W_SEAT_PAIR
    reg_ids: dict[tuple[str, str], int] = {}
    cty_ids: dict[str, int] = {}
    unit_ids: dict[int, int] = {}
    reg = np.array([-1 if (g := _region(c)) is None else reg_ids.setdefault(g, len(reg_ids)) for c in flat])
    cty = np.array([cty_ids.setdefault(c.country, len(cty_ids)) for c in flat])
    unit = np.array([-1 if (u := gaz.division_of(c)) < 0 else unit_ids.setdefault(u, len(unit_ids))
                     for c in flat])
    # fixed votes of division names ("Walker County"): evenly over the divisions' regions and the divisions
    is_a2 = np.array([k in a2 for k in live])
    fixed_r: list[tuple[int, int, float]] = []
    fixed_c: list[tuple[int, int, float]] = []
    fixed_u: list[tuple[int, int, float]] = []
    for i, k in enumerate(live):
        if k not in a2:
            continue
        w = wk[i]
        for r in a2[k]:
            fixed_r.append((i, reg_ids.setdefault((r.country, r.name), len(reg_ids)), w / len(a2[k])))
            fixed_c.append((i, cty_ids.setdefault(r.country, len(cty_ids)), w / len(a2[k])))
        for u in units[k]:
            fixed_u.append((i, unit_ids.setdefault(u, len(unit_ids)), w / len(units[k])))
    votes_from_cands = ~is_a2[own]
    lat = np.array([c.lat for c in flat])
    lon = np.array([c.lon for c in flat])
    is_place = np.array([c.kind == "place" for c in flat])
    id_num: dict[str, int] = {}
    cid = np.array([id_num.setdefault(c.id, len(id_num)) for c in flat])
    others = wk.sum() - wk
    place_rows = np.flatnonzero(is_place)

    def vote_matrix(ids: np.ndarray, n_ids: int, v: np.ndarray, fixed: list[tuple[int, int, float]]) -> np.ndarray:
        m = np.zeros((n_live, max(n_ids, 1)))
        sel = votes_from_cands & (ids >= 0)
        np.add.at(m, (own[sel], ids[sel]), v[sel])
        for i, g, w in fixed:
            m[i, g] += w
        return m

    def loo(m: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Leave-one-out share: the other names' votes for each candidate's id (0 where id < 0)."""
        safe = np.maximum(ids, 0)
        out = (m.sum(axis=0)[safe] - m[own, safe]) / others[own]
        return np.where(ids >= 0, out, 0.0)

    def argmax_groups(s: np.ndarray) -> np.ndarray:
        """Index (into flat) of the first best-scoring candidate of each name."""
        gmax = np.maximum.reduceat(s, starts)
        hit = np.flatnonzero(s == gmax[own])
        first = np.full(n_live, -1)
        # the first hit of each group: hits are sorted, so keep the first occurrence per owner
        o = own[hit]
        keep = np.concatenate(([True], o[1:] != o[:-1]))
        first[o[keep]] = hit[keep]
        return first

    scores = base.copy()
    best: np.ndarray | None = None
    for _ in range(rounds):
        if n_live < 2:
            break
        gmax = np.maximum.reduceat(scores, starts)
        ex = np.exp((scores - gmax[own]) / TEMP)
        p = ex / np.add.reduceat(ex, starts)[own]
        v = wk[own] * p
        new = base + W_REGION * loo(vote_matrix(reg, len(reg_ids), v, fixed_r), reg)
        new += W_COUNTRY * loo(vote_matrix(cty, len(cty_ids), v, fixed_c), cty)
        new += W_DIVISION * loo(vote_matrix(unit, len(unit_ids), v, fixed_u), unit)
        if best is not None:
            # closeness of place candidates to the other names' current answers that are places (not to itself)
            cols = np.flatnonzero(is_place[best])  # names whose answer is a place
            if len(cols) and len(place_rows):
                bc = best[cols]
                d = great_circle_km(lat[place_rows], lon[place_rows], lat[bc], lon[bc])
                d[own[place_rows][:, None] == cols[None, :]] = np.inf
                d[cid[place_rows][:, None] == cid[bc][None, :]] = np.inf
                near = np.zeros(len(flat))
                near[place_rows] = np.exp(-d.min(axis=1) / PROX_KM)
                new += np.where(is_place, W_PROX * near, 0.0)
        scores = new
        best = argmax_groups(scores)
    chosen = argmax_groups(scores)
    for i, k in enumerate(live):
        answer[k] = flat[int(chosen[i])]
    if refine and len(live) > 1:
        joint = dict(answer)
        jkeys = [kk for kk, c in joint.items() if c is not None]
        jrows = gaz.rows(joint[kk] for kk in jkeys)  # type: ignore[misc]
        row_of = dict(zip(jkeys, jrows, strict=True))
        todo = [k for k in live if len(cands[k]) >= 2]  # one candidate: nothing to re-rank
        # context: every joint answer but the name's own (each k is a valid key: it has candidates)
        ranked = gaz.rerank(tuple(todo), jrows, tuple(row_of[k] for k in todo), N_CAND) if todo else []
        for k, (top_s, top_e, cur) in zip(todo, ranked, strict=True):
            # keep the joint choice unless the contextual ranking clearly prefers another candidate
            if cur is None or top_s - cur > REFINE_MARGIN:
                answer[k] = gaz.candidate(top_e, top_s)
    if len(live) > 2:
        _bare_divisions(gaz, keys, live, answer, mentions, a2)
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
    return [answer.get(k) if k else None for k in name_keys]
