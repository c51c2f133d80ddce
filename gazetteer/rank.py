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
"Name, Region" pairs given by the caller (``within``: "Paris, Idaho", "Queensland, Australia") favour a candidate
of the first name lying inside a region or country the second can mean, and that container, in the joint choice.
One sense per name per document.

Speed: candidates of all names are scored jointly with numpy (grouped softmax, vote matrices, one distance matrix
per round); the re-ranking reuses the memoised context-free scores and one context summary per document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from gazetteer.core import Candidate, Gazetteer
from gazetteer.errors import BadNameError
from gazetteer.normalize import demonym_bases, normalize
from gazetteer.scoring import great_circle_km

__all__ = ["resolve_document"]

N_CAND = 30  # candidates per name considered jointly
W_REGION = 8.0  # weight of the (leave-one-out) share of the document's votes for a candidate's admin-1 region (was 6:
# LGL +8 mentions in both halves, 1 lost; "Manhattan" beside Kansas City and Omaha is the Kansas one)
W_COUNTRY = 1.5  # same for its country
W_DIVISION = 6.0  # same for its second-level division (county)
ROUNDS = 3
REFINE_MARGIN = 1.0  # contextual re-ranking overrides the joint choice only by this score margin
TEMP = 1.0  # softmax temperature turning scores into vote shares
W_PROX = 2.0  # weight of closeness to the other names' current answers (places only)
PROX_KM = 100.0
W_NAMED_COUNTRY = 1.5  # a place or region in a country another name of the document answers as that country
W_WITHIN = 6.0  # "Paris, Idaho": a candidate of the first name inside a region/country the second name can mean,
# and that region or country (both names of the pair); raised with W_REGION so that a written pair still outweighs
# the document's region votes ("Queensland, Australia" after Calgary and Red Deer)
W_SEAT_PAIR = 2.0  # a place that is the main place of a county named in the same document (both names)
BARE_DIVISION_MAX_POP = 100_000  # a bare name answered by a city this big keeps it (see _bare_divisions)


def _region(c: Candidate) -> tuple[str, str] | None:
    if c.kind == "country":
        return None
    if c.kind == "admin1":
        return (c.country, c.name)
    return (c.country, c.admin1) if c.admin1 else None


def _inside(c: Candidate, r: Candidate) -> bool:
    """Whether candidate ``c`` (a place or region) lies in region or country ``r`` (by its codes, not geometry)."""
    if c.id == r.id or c.kind == "country":
        return False
    if r.kind == "country":
        return c.country == r.country
    return r.kind == "admin1" and c.kind == "place" and c.country == r.country and c.admin1 == r.name


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


@dataclass
class _Document:
    """The distinct names of a document: normalised key -> first surface form, mention counts, candidates,
    admin-1 regions having a division of that name, and the keys that have candidates (``live``)."""

    keys: dict[str, str]
    mentions: dict[str, int]
    name_keys: list[str]
    cands: dict[str, list[Candidate]] = field(default_factory=dict)
    a2: dict[str, list[Candidate]] = field(default_factory=dict)
    live: list[str] = field(default_factory=list)
    pairs: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def of(cls, gaz: Gazetteer, names: Sequence[str], within: Mapping[int, int] | None = None) -> _Document:
        """Read the names of a document and fetch every distinct name's candidates (context-free); ``within``:
        positions i -> j of "Name, Region" pairs (name i written just before name j and a comma)."""
        doc = cls({}, {}, [])
        for n in names:
            k = normalize(n)
            doc.name_keys.append(k)
            if not k:
                continue
            doc.keys.setdefault(k, n)
            doc.mentions[k] = doc.mentions.get(k, 0) + 1
        for k, n in doc.keys.items():
            try:
                doc.cands[k] = gaz.resolve(n, limit=N_CAND)
            except BadNameError:
                doc.cands[k] = []
            if doc.cands[k]:
                regs = gaz.admin2_regions(n)
                if regs:
                    doc.a2[k] = regs
        doc._residents()
        doc.live = [k for k in doc.keys if doc.cands[k]]
        for i, j in (within or {}).items():
            if 0 <= i < len(names) and 0 <= j < len(names):
                ki, kj = doc.name_keys[i], doc.name_keys[j]
                if ki and kj and ki != kj and doc.cands[ki] and doc.cands[kj]:
                    doc.pairs.add((ki, kj))
        return doc


    def _residents(self) -> None:
        """A name nothing matches that is a resident's noun of another name of the document ("Londoners" beside
        "London", "Gazans" beside "Gaza") is a mention of that name: it shares its answer (one sense per
        document) and adds to its count."""
        for k in [k for k in self.keys if not self.cands[k]]:
            base = next((b for b in demonym_bases(k) if self.cands.get(b)), None)
            if base is None:
                continue
            self.mentions[base] += self.mentions.pop(k)
            self.name_keys = [base if x == k else x for x in self.name_keys]
            del self.keys[k], self.cands[k]


def resolve_document(gaz: Gazetteer, names: Sequence[str], *, rounds: int = ROUNDS, refine: bool = True,
                     within: Mapping[int, int] | None = None) -> list[Candidate | None]:
    """Best candidate for each name of one document (None when nothing matches or the name is unusable);
    ``within``: positions i -> j of names written "Name i, Name j" ("Paris, Idaho")."""
    doc = _Document.of(gaz, names, within)
    if not doc.live:
        return [None] * len(names)
    answer: dict[str, Candidate | None] = {k: None for k in doc.keys}
    answer.update(_Joint(gaz, doc).choose(rounds))
    if refine and len(doc.live) > 1:
        _refine(gaz, doc, answer)
    if len(doc.live) > 2:
        _bare_divisions(gaz, doc.keys, doc.live, answer, doc.mentions, doc.a2)
    if doc.a2:
        _divisions_at_places(gaz, doc, answer)
    return [answer.get(k) if k else None for k in doc.name_keys]


class _Joint:
    """The joint choice (steps 1–2 of the module docstring) over flat arrays of all candidates of all live names,
    grouped by name in order."""

    def __init__(self, gaz: Gazetteer, doc: _Document) -> None:
        """Arrays of the candidates of ``doc`` and their regions, countries and divisions."""
        live, cands, a2 = doc.live, doc.cands, doc.a2
        self.live = live
        self.flat: list[Candidate] = [c for k in live for c in cands[k]]
        sizes = np.array([len(cands[k]) for k in live])
        self.starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        self.own = np.repeat(np.arange(len(live)), sizes)
        self.n_live = len(live)
        self.wk = np.array([_weight(doc.mentions[k]) for k in live])
        self.base = self._base_scores(gaz, doc)
        self.reg_ids: dict[tuple[str, str], int] = {}
        self.cty_ids: dict[str, int] = {}
        self.unit_ids: dict[int, int] = {}
        flat = self.flat
        self.reg = np.array([-1 if (g := _region(c)) is None else self.reg_ids.setdefault(g, len(self.reg_ids))
                             for c in flat])
        self.cty = np.array([self.cty_ids.setdefault(c.country, len(self.cty_ids)) for c in flat])
        self.unit = np.array([-1 if (u := gaz.division_of(c)) < 0 else self.unit_ids.setdefault(u, len(self.unit_ids))
                              for c in flat])
        self.fixed_r, self.fixed_c, self.fixed_u = self._division_votes(gaz, doc)
        is_a2 = np.array([k in a2 for k in live])
        self.votes_from_cands = ~is_a2[self.own]
        self.lat = np.array([c.lat for c in flat])
        self.lon = np.array([c.lon for c in flat])
        self.is_place = np.array([c.kind == "place" for c in flat])
        self.is_country = np.array([c.kind == "country" for c in flat])
        id_num: dict[str, int] = {}
        self.cid = np.array([id_num.setdefault(c.id, len(id_num)) for c in flat])
        self.others = self.wk.sum() - self.wk
        self.place_rows = np.flatnonzero(self.is_place)

    def _base_scores(self, gaz: Gazetteer, doc: _Document) -> np.ndarray:
        """Context-free scores, plus ``W_SEAT_PAIR`` for a place that is the main place of a county named
        elsewhere in the document ("Richmond" with "Madison County": Richmond, Kentucky), under each name."""
        base = np.array([c.score for c in self.flat]) + self._within(doc)
        if not (doc.a2 and W_SEAT_PAIR):
            return base
        seat_keys: dict[str, set[str]] = {}  # place id -> the county names it is the main place of
        for k in doc.a2:
            for c in gaz.admin2_places(doc.keys[k]):
                seat_keys.setdefault(c.id, set()).add(k)
        named_ids = {c.id for k in self.live if k not in doc.a2 for c in doc.cands[k]}
        for j, c in enumerate(self.flat):
            ks = seat_keys.get(c.id)
            if not ks:
                continue
            k = self.live[int(self.own[j])]
            if (k in ks and c.id in named_ids) if k in doc.a2 else True:
                base[j] += W_SEAT_PAIR
        return base

    def _within(self, doc: _Document) -> np.ndarray:
        """``W_WITHIN`` for each candidate of a pair's first name inside a region or country among the second
        name's candidates, and for those containers."""
        bonus = np.zeros(len(self.flat))
        pos = {k: i for i, k in enumerate(self.live)}
        for ki, kj in doc.pairs:
            a, b = int(self.starts[pos[ki]]), int(self.starts[pos[kj]])
            inner = self.flat[a:a + len(doc.cands[ki])]
            outer = self.flat[b:b + len(doc.cands[kj])]
            for x, c in enumerate(inner):
                for y, r in enumerate(outer):
                    if _inside(c, r):
                        bonus[a + x] = bonus[b + y] = W_WITHIN
        return bonus

    def _division_votes(self, gaz: Gazetteer, doc: _Document) -> tuple[list, list, list]:
        """Fixed votes of division names ("Walker County"): (name, id, weight) spread evenly over the divisions'
        regions, their countries and the divisions."""
        fixed_r: list[tuple[int, int, float]] = []
        fixed_c: list[tuple[int, int, float]] = []
        fixed_u: list[tuple[int, int, float]] = []
        for i, k in enumerate(self.live):
            if k not in doc.a2:
                continue
            w = self.wk[i]
            regs = doc.a2[k]
            for r in regs:
                fixed_r.append((i, self.reg_ids.setdefault((r.country, r.name), len(self.reg_ids)), w / len(regs)))
                fixed_c.append((i, self.cty_ids.setdefault(r.country, len(self.cty_ids)), w / len(regs)))
            units = gaz.divisions(doc.keys[k])
            for u in units:
                fixed_u.append((i, self.unit_ids.setdefault(u, len(self.unit_ids)), w / len(units)))
        return fixed_r, fixed_c, fixed_u

    def vote_matrix(self, ids: np.ndarray, n_ids: int, v: np.ndarray,
                    fixed: list[tuple[int, int, float]]) -> np.ndarray:
        """Votes of each name (rows) for each id (columns): candidates' shares ``v`` plus the fixed votes."""
        m = np.zeros((self.n_live, max(n_ids, 1)))
        sel = self.votes_from_cands & (ids >= 0)
        np.add.at(m, (self.own[sel], ids[sel]), v[sel])
        for i, g, w in fixed:
            m[i, g] += w
        return m

    def loo(self, m: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Leave-one-out share: the other names' votes for each candidate's id (0 where id < 0)."""
        safe = np.maximum(ids, 0)
        out = (m.sum(axis=0)[safe] - m[self.own, safe]) / self.others[self.own]
        return np.where(ids >= 0, out, 0.0)

    def argmax_groups(self, s: np.ndarray) -> np.ndarray:
        """Index (into flat) of the first best-scoring candidate of each name."""
        gmax = np.maximum.reduceat(s, self.starts)
        hit = np.flatnonzero(s == gmax[self.own])
        first = np.full(self.n_live, -1)
        # the first hit of each group: hits are sorted, so keep the first occurrence per owner
        o = self.own[hit]
        keep = np.concatenate(([True], o[1:] != o[:-1]))
        first[o[keep]] = hit[keep]
        return first

    def rescore(self, scores: np.ndarray, best: np.ndarray | None) -> np.ndarray:
        """One round: context-free scores plus the leave-one-out votes for region, country and division implied by
        ``scores`` (softmax shares), plus closeness to the other names' current answers ``best``."""
        own, starts = self.own, self.starts
        gmax = np.maximum.reduceat(scores, starts)
        ex = np.exp((scores - gmax[own]) / TEMP)
        p = ex / np.add.reduceat(ex, starts)[own]
        v = self.wk[own] * p
        new = self.base + W_REGION * self.loo(self.vote_matrix(self.reg, len(self.reg_ids), v, self.fixed_r), self.reg)
        new += W_COUNTRY * self.loo(self.vote_matrix(self.cty, len(self.cty_ids), v, self.fixed_c), self.cty)
        new += W_DIVISION * self.loo(self.vote_matrix(self.unit, len(self.unit_ids), v, self.fixed_u), self.unit)
        if best is not None:
            new += self._closeness(best)
        return new + self._named_country(self.argmax_groups(scores))

    def _named_country(self, best: np.ndarray) -> np.ndarray:
        """``W_NAMED_COUNTRY`` for each candidate that is not a country and lies in a country another name answers
        with that country (``best``: each name's current answer): "Paris" with "France", "London" with "Canada"."""
        named = self.is_country[best]
        if not named.any():
            return np.zeros(len(self.flat))
        m = np.zeros((self.n_live, len(self.cty_ids)))
        m[np.flatnonzero(named), self.cty[best[named]]] = 1.0
        others = m.sum(axis=0)[self.cty] - m[self.own, self.cty]
        return np.where((others > 0) & ~self.is_country, W_NAMED_COUNTRY, 0.0)

    def _closeness(self, best: np.ndarray) -> np.ndarray:
        """``W_PROX`` times closeness of place candidates to the other names' current answers that are places (not
        to itself)."""
        cols = np.flatnonzero(self.is_place[best])  # names whose answer is a place
        if not (len(cols) and len(self.place_rows)):
            return np.zeros(len(self.flat))  # (adding zeros leaves the scores as they are)
        pr, bc = self.place_rows, best[cols]
        d = great_circle_km(self.lat[pr], self.lon[pr], self.lat[bc], self.lon[bc])
        d[self.own[pr][:, None] == cols[None, :]] = np.inf
        d[self.cid[pr][:, None] == self.cid[bc][None, :]] = np.inf
        near = np.zeros(len(self.flat))
        near[pr] = np.exp(-d.min(axis=1) / PROX_KM)
        return np.where(self.is_place, W_PROX * near, 0.0)

    def choose(self, rounds: int) -> dict[str, Candidate]:
        """The joint answer of every live name after ``rounds`` rounds (none with a single name)."""
        scores = self.base.copy()
        best: np.ndarray | None = None
        for _ in range(rounds):
            if self.n_live < 2:
                break
            scores = self.rescore(scores, best)
            best = self.argmax_groups(scores)
        chosen = self.argmax_groups(scores)
        return {k: self.flat[int(chosen[i])] for i, k in enumerate(self.live)}


def _refine(gaz: Gazetteer, doc: _Document, answer: dict[str, Candidate | None]) -> None:
    """Step 3: re-rank each name with the others' answers as gazetteer context (leave-one-out,
    :meth:`Gazetteer.rerank`); the contextual ranking overrides the joint choice only by ``REFINE_MARGIN``."""
    joint = dict(answer)
    jkeys = [kk for kk, c in joint.items() if c is not None]
    jrows = gaz.rows(joint[kk] for kk in jkeys)  # type: ignore[misc]
    row_of = dict(zip(jkeys, jrows, strict=True))
    todo = [k for k in doc.live if len(doc.cands[k]) >= 2]  # one candidate: nothing to re-rank
    # context: every joint answer but the name's own (each k is a valid key: it has candidates)
    ranked = gaz.rerank(tuple(todo), jrows, tuple(row_of[k] for k in todo), N_CAND) if todo else []
    for k, (top_s, top_e, cur) in zip(todo, ranked, strict=True):
        # keep the joint choice unless the contextual ranking clearly prefers another candidate
        if cur is None or top_s - cur > REFINE_MARGIN:
            answer[k] = gaz.candidate(top_e, top_s)


def _divisions_at_places(gaz: Gazetteer, doc: _Document, answer: dict[str, Candidate | None]) -> None:
    """Step 5: a division answered by an entity that neither bears its name nor is its main place stands at the
    document's most mentioned place inside the answer's region."""
    seats = {k: {c.id for c in gaz.admin2_places(doc.keys[k])} for k in doc.a2}
    count: dict[str, int] = {}
    for k in doc.live:
        c = answer[k]
        if c is not None and c.kind == "place" and k not in doc.a2:
            count[c.id] = count.get(c.id, 0) + doc.mentions[k]
    by_id = {c.id: c for c in answer.values() if c is not None}
    for k in doc.a2:
        c = answer.get(k)
        if c is None or c.kind == "country" or gaz.is_name_of(k, c) or c.id in seats.get(k, ()):
            continue  # nothing, a country, an entity that really has this name, or a place inside it
        region = c.name if c.kind == "admin1" else c.admin1
        inside = [(cnt, i) for i, cnt in count.items()
                  if by_id[i].admin1 == region and by_id[i].country == c.country]
        if inside:
            answer[k] = by_id[max(inside)[1]]
