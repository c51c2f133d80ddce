"""How the gazetteer ranks the entities a name can mean: every scoring term, named once, and the two engines that
add them up.

Scores are additive log-linear evidence (higher is better):

- context-free (:meth:`Scoring.base`): population (log10), how the name matched the entity (own name, alias /
  code / abbreviation, adjective, alternate name), kind priors (a country; a place named like the region it lies
  in; an admin-1 region, with region-phrase bonuses and namesake-city penalties), fallback penalties, and the
  penalties of a weak alternate name (``FLAG_WEAK_ALT``) and of a postal-dump settlement (``gazetteer.extras``);
- context of the same text: the share of the context entities in the candidate's country and admin-1 region, being
  the region or country of a context entity, and closeness to the context entities and to an explicit ``near``
  point (``weight * exp(-km / scale)``, the maximum over the points).

The scalar engine (:meth:`Scoring.scored`, one name) and the numpy engine (:meth:`Scoring.rerank`, all names of a
document at once, leave-one-out context) use the same term functions, so they give the same answers (a test
compares them). Distances are great-circle km on a sphere (:func:`great_circle_km`), used only for ranking;
measurement elsewhere is geodesic. The scalar engine reads the arrays as typed memoryviews (one name: no numpy
import, no numpy scalars); numpy is imported by the vectorised paths (context proximity, ``rerank``) when used.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING

from gazetteer import index as I
from gazetteer.normalize import REGION_WORDS

if TYPE_CHECKING:
    import numpy as np

    from gazetteer.npyfile import IndexArrays

__all__ = ["Scoring", "great_circle_km", "context_point", "near_point", "name_match", "scoring_version", "share"]

# ---------------------------------------------------------------------------------------- how the name matched
W_PRIMARY = 1.5  # the entity's own name
W_ALIAS = 1.0  # a project-written alias, an ISO code or a news abbreviation
W_ADJECTIVE = 0.8  # an adjective / demonym ("Ukrainian")
W_ALT = 0.0  # an alternate name
# ---------------------------------------------------------------------------------------- kind priors, fallbacks
W_COUNTRY = 1.5  # a country
W_SEAT = 1.0  # a place called by an alternate name that also names the admin-1 region it lies in ("Odessa")
W_ADMIN1 = 1.0  # an admin-1 region
W_REGION_SAID = 5.0  # a region phrase ("Kyiv Oblast") matching a region through its region word only
W_REGION_SAID_FULL = 6.0  # ... matching it by its own or an alternate name in full
W_CITY_REGION = -1.5  # "Kyiv region": the oblast, not the city-region
W_STRIPPED_ONLY = -2.0  # "Sumy" matching only "Sumy Oblast" minus its region word
W_CITY_FIRST = -3.0  # a region whose bare name rather means a city of that name (see ``_city_first``)
MINOR_SEAT_SHARE = 0.08  # a city inside its namesake region holding less than this share of the region's people
# does not take the bare name from it ("Quebec" the province of 10.7 M, not the city of 0.5 M; but "Sumy", "Odesa")
W_WEAK = -1.0  # a fallback match ("Laurel County" -> places named Laurel)
W_ADMIN2_ONLY = -3.0  # an admin-1 region standing in for one of its second-level divisions
# ---------------------------------------------------------------------------------------- context of the text
W_CTX_COUNTRY = 2.0  # times the share of the context entities in the candidate's country
W_CTX_ADMIN1 = 2.0  # times the share in the candidate's admin-1 region (places and countries' entities)
W_CTX_REGION_OF = 2.0  # the candidate is the admin-1 region of a context entity
W_CTX_COUNTRY_OF = 1.0  # the candidate is the country of a context entity
W_CONTEXT_NEAR = 2.5  # closeness to a context entity: times exp(-km / scale)
CONTEXT_KM_PLACE = 150.0  # scale for a context place
CONTEXT_KM_REGION = 400.0  # scale for a context region
W_NEAR = 4.0  # closeness to the caller's explicit ``near`` point: times exp(-km / NEAR_KM)
NEAR_KM = 100.0

MAX_POSTINGS = 400  # candidates scored per key (postings are stored most populous first)
FLAG_ADMIN2 = 256  # internal posting flag (never stored: stored flags are one byte): an admin-1 region standing
# in for a second-level division
W_WEAK_ALT = -3.0  # an alternate name that is first another country's Arab place's own name (FLAG_WEAK_ALT)
W_POSTAL = 0.0  # a postal-dump settlement: no extra penalty. With no population (log10(0 + 10) = 1) it already ranks
# >= 1.7 below any cities500 namesake (>= 500 people) without context; a penalty on top (was -1.5) kept it below a
# big namesake in another state even when the document's other names are its neighbours (LGL: +10 mentions, 0 lost)
# the context-free ranking of a key (``Scoring.base``: _items, _named, _admin1_adjust, _city_first; the no-context
# sort of ``scored``; the postings of ``Gazetteer.direct_postings``) is also computed at pack build and stored in the
# index (``gazetteer.prescore``). Raise SCORING_REVISION whenever that code changes; a changed weight or limit of
# this module, or region word (``normalize.REGION_WORDS``), changes ``scoring_version`` by itself. A pack built
# with another version is ranked at query time instead (tests/test_prescore.py compares the two)
SCORING_REVISION = 1
_EARTH_DIAMETER_KM = 2 * 6371.0
_KIND_CODES: dict[frozenset[str], frozenset[int]] = {}  # memo: kind names -> kind codes


def scoring_version() -> str:
    """The version of the context-free ranking: ``SCORING_REVISION`` and a 64-bit hash of every weight and limit of
    this module and of the region words (a pack's stored rankings are used only when its ``meta.json`` records the
    same)."""
    consts = sorted((k, v) for k, v in globals().items()
                    if k.startswith("W_") or k in ("MINOR_SEAT_SHARE", "MAX_POSTINGS", "FLAG_ADMIN2"))
    return f"{SCORING_REVISION}.{I.key_hash(repr((consts, sorted(REGION_WORDS)))):016x}"


def great_circle_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle distance matrix in km (spherical Earth, haversine) between points 1 (rows) and points 2
    (columns), lat/lon in degrees. For ranking only: measurement is geodesic (geomap.geo)."""
    import numpy as np

    la1, lo1 = np.radians(lat1)[:, None], np.radians(lon1)[:, None]
    la2, lo2 = np.radians(lat2)[None, :], np.radians(lon2)[None, :]
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return _EARTH_DIAMETER_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def name_match(flags: int) -> float:
    """Score of how a key matched an entity (posting ``flags``, the index's FLAG_* bits); the best match counts."""
    if flags & I.FLAG_PRIMARY:
        return W_PRIMARY
    if flags & (I.FLAG_ALIAS | I.FLAG_CODE | I.FLAG_ABBR):
        return W_ALIAS
    if flags & I.FLAG_ADJ:
        return W_ADJECTIVE
    if flags & I.FLAG_ALT:
        return W_ALT + (W_WEAK_ALT if flags & I.FLAG_WEAK_ALT else 0.0)
    return 0.0


_NAME_MATCH = tuple(name_match(f) for f in range(2 * FLAG_ADMIN2))  # name_match of every flags value, by value
_SCORE, _ROW = itemgetter(0), itemgetter(1)


def share(weight: float, count, n_ctx: int):
    """A context share term: ``weight`` times the fraction ``count / n_ctx`` of the context (scalars or arrays)."""
    return weight * count / n_ctx


def context_point(kind: int, lat: float, lon: float) -> tuple[float, float, float, float]:
    """The proximity point (lat, lon, scale km, weight) of a context entity of kind code ``kind`` (not a
    country): a place pulls within ~150 km, a region within ~400 km."""
    return (lat, lon, CONTEXT_KM_PLACE if kind == I.PLACE else CONTEXT_KM_REGION, W_CONTEXT_NEAR)


def near_point(lat: float, lon: float) -> tuple[float, float, float, float]:
    """The proximity point of the caller's explicit ``near`` (lat, lon) in degrees: weighs more than context."""
    return (lat, lon, NEAR_KM, W_NEAR)


class Scoring:
    """The ranking engines over the entity arrays of a name index (see the module docstring).

    ``postings(key, country_only) -> (rows -> flags, region phrase?, weak fallback?)`` gives the entities a key can
    mean (:meth:`gazetteer.core.Gazetteer._postings`); ``cidx`` maps country codes to country indices, of which
    there are ``n_countries``. Results are memoised (``cache_clear``).
    """

    def __init__(self, arrays: IndexArrays, postings: Callable[[str, bool], tuple[dict, bool, bool]],
                 cidx: dict[str, int], n_countries: int, ext_from: int | None = None,
                 ranked: Callable[[str, int], list[tuple[float, int]] | None] | None = None) -> None:
        """Score over the ``ent_*`` arrays of ``arrays`` (typed memoryviews; ``arrays.np`` gives numpy views);
        see the class docstring for the other arguments; ``ext_from``: first row of the extra entities (places
        from there on are postal settlements); ``ranked(key, limit)``: the key's context-free ranking computed at
        pack build (``gazetteer.prescore``), None when it has none stored."""
        self._ranked = ranked
        self._arrays = arrays
        self._ext_from = len(arrays["ent_kind"]) if ext_from is None else ext_from
        self._ent_kind = arrays["ent_kind"]
        self._ent_a1type = arrays["ent_a1type"]
        self._ent_country = arrays["ent_country"]
        self._ent_admin1 = arrays["ent_admin1"]
        self._ent_pop = arrays["ent_pop"]
        self._ent_lat = arrays["ent_lat"]
        self._ent_lon = arrays["ent_lon"]
        self._postings = postings
        self._cidx = cidx
        self._n_countries = n_countries
        self.base = lru_cache(maxsize=16384)(self._base)  # lists of up to 400 tuples: bounded
        self.any_base = lru_cache(maxsize=16384)(self._any_base)
        self.leave_one_out = lru_cache(maxsize=16384)(self._leave_one_out)
        self.rerank = lru_cache(maxsize=256)(self._rerank)  # a document seen again
        self.ctx_summary = lru_cache(maxsize=16)(self._ctx_summary)

    def cache_clear(self) -> None:
        """Drop every memoised score."""
        for f in (self.base, self.any_base, self.leave_one_out, self.rerank, self.ctx_summary):
            f.cache_clear()

    # ====================================================================================== context-free scores
    def _base(self, key: str, cc: str | None, kset: frozenset[str],
              country_only: bool) -> list[tuple[float, int, int, int, int]]:
        """Context-free scores of a normalised key's candidates: (score, row, kind, country index, admin-1 row),
        in posting order. Population (log10), how the name matched, kind priors, namesake seat, fallbacks."""
        rows, region, weak = self._postings(key, country_only)
        if not rows:
            return []
        items, seats = self._items(rows, cc, kset)
        if not items:
            return []
        named = [] if region or not seats else self._named(items)  # (no admin-1 row at all: none among items)
        log10 = math.log10
        match = _NAME_MATCH
        out = []
        for e, f, k, ci, a1, pop in items:
            s = log10(pop + 10.0) + match[f]
            if k == I.COUNTRY:
                s += W_COUNTRY
            elif k == I.PLACE:
                if seats and a1 in seats and not f & I.FLAG_PRIMARY:
                    s += W_SEAT
            elif k == I.ADMIN1:
                s += self._admin1_adjust(e, f, region, named)
            if e >= self._ext_from and k == I.PLACE:
                s += W_POSTAL
            if weak:
                s += W_WEAK
            if f & FLAG_ADMIN2 and not f & ~FLAG_ADMIN2:
                s += W_ADMIN2_ONLY
            out.append((s, e, k, ci, a1))
        return out

    def _any_base(self, key: str) -> list[tuple[float, int, int, int, int]]:
        """``base(key, None, KIND_NAMES, False)`` (every kind and country) for the context engines: read from the
        key's stored ranking when it has one (``gazetteer.prescore``: the same scores, in ranking order rather than
        posting order; every user ranks by score, ties by row), else computed."""
        pairs = self._ranked(key, MAX_POSTINGS) if self._ranked is not None else None
        if pairs is None:
            return self.base(key, None, I.KIND_NAMES, False)
        ek, ec, ea = self._ent_kind, self._ent_country, self._ent_admin1
        return [(s, e, ek[e], ec[e], ea[e]) for s, e in pairs]

    def _items(self, rows: dict[int, int], cc: str | None,
               kset: frozenset[str]) -> tuple[list[tuple[int, int, int, int, int, int]], set[int]]:
        """(row, flags, kind, country, admin-1 row, population) of the candidates ``rows`` (row -> flags) of the
        wanted kinds and country, the ``MAX_POSTINGS`` most populous; and the admin-1 regions among all ``rows``:
        a place of the same name inside one is its namesake seat ("Odessa" the city of Odesa Oblast, "Sumy" in
        Sumy Oblast). One pass over the typed memoryviews (plain ints: no numpy scalars)."""
        kinds_ok = _KIND_CODES.get(kset)
        if kinds_ok is None:
            kinds_ok = _KIND_CODES[kset] = frozenset(I.KINDS.index(k) for k in kset)
        ccode = self._cidx.get(cc) if cc else None
        ek, ec, ea, ep = self._ent_kind, self._ent_country, self._ent_admin1, self._ent_pop
        admin1 = I.ADMIN1
        if ccode is None and len(kinds_ok) == len(I.KINDS):  # every candidate (the usual query)
            items = [(e, f, ek[e], ec[e], ea[e], ep[e]) for e, f in rows.items()]
            seats = {t[0] for t in items if t[2] == admin1}
        else:
            items, seats = self._wanted(rows, ccode, kinds_ok)
        if len(items) > MAX_POSTINGS:
            items.sort(key=lambda t: -t[5])
            items = items[:MAX_POSTINGS]
        return items, seats

    def _wanted(self, rows: dict[int, int], ccode: int | None,
                kinds_ok: frozenset[int]) -> tuple[list[tuple[int, int, int, int, int, int]], set[int]]:
        """``_items`` for a query restricted to the kind codes ``kinds_ok`` and the country index ``ccode``."""
        ek, ec, ea, ep = self._ent_kind, self._ent_country, self._ent_admin1, self._ent_pop
        admin1 = I.ADMIN1
        items = []
        seats = set()
        for e, f in rows.items():
            k = ek[e]
            if k == admin1:
                seats.add(e)
            if k in kinds_ok:
                c = ec[e]
                if ccode is None or c == ccode:
                    items.append((e, f, k, c, ea[e], ep[e]))
        return items, seats

    @staticmethod
    def _named(items: list[tuple]) -> list[tuple[int, int, int, bool]]:
        """(admin-1 row, country, population, own name?) of the places among ``items`` matched by name, when an
        admin-1 region is among them too: a region named after a place inside it ("Sumy" the oblast vs Sumy the
        city), or after a big city of the same country, is meant only when the text says "region"."""
        if not any(t[2] == I.ADMIN1 for t in items):
            return []
        return [(a, c, pop, bool(f & I.FLAG_PRIMARY)) for e, f, k, c, a, pop in items
                if k == I.PLACE and f & (I.FLAG_PRIMARY | I.FLAG_ALT)]

    def _admin1_adjust(self, e: int, f: int, region: bool, named: list[tuple[int, int, int, bool]]) -> float:
        """Score terms of an admin-1 candidate (row ``e``, flags ``f``) beyond population and name match."""
        s = W_ADMIN1
        if region and f & I.FLAG_REGION:
            s += W_REGION_SAID if not f & (I.FLAG_PRIMARY | I.FLAG_ALT) else W_REGION_SAID_FULL
            if self._ent_a1type[e] == I.A1_CITY:
                s += W_CITY_REGION
        elif f & I.FLAG_REGION and not f & (I.FLAG_PRIMARY | I.FLAG_ALT):
            s += W_STRIPPED_ONLY
        if named and self._city_first(e, f, named):
            s += W_CITY_FIRST
        return s

    def _city_first(self, e: int, f: int, named: list[tuple[int, int, int, bool]]) -> bool:
        """Whether a plain name matching admin-1 region ``e`` (flags ``f``) rather means a city of that name:
        one inside the region, a city of >= 100,000 in the same country or of >= 300,000 anywhere, matched by its
        own name, or by an alternate name unless the region is a state called by its own name ("Sumy", "Kyiv",
        "Odessa", "St. Petersburg", "Washington"; but "New York" the state). A city inside the region holding less
        than ``MINOR_SEAT_SHARE`` of its population counts only as a big city elsewhere would ("Quebec")."""
        ec = int(self._ent_country[e])
        state = int(self._ent_a1type[e]) == I.A1_STATE
        minor = MINOR_SEAT_SHARE * self._ent_pop[e]
        for a1, c, pop, own in named:
            if a1 == e and pop < minor:
                continue
            if not (a1 == e or (c == ec and pop >= 100_000) or (own and pop >= 300_000)):
                continue
            if own or not state or not f & I.FLAG_PRIMARY:
                return True
        return False

    # ====================================================================================== context summaries
    def _ctx_summary(self, ctx: tuple[int, ...]) -> tuple[int, dict[int, int], dict[int, int], list]:
        """(number of context rows, count per country index, count per admin-1 row, proximity points of the
        non-country rows) of context entity rows."""
        c_country: dict[int, int] = {}
        c_admin1: dict[int, int] = {}
        pts: list[tuple[float, float, float, float]] = []
        ek, ec, ea, elat, elon = self._ent_kind, self._ent_country, self._ent_admin1, self._ent_lat, self._ent_lon
        for r in ctx:
            kr, cr, a1 = ek[r], ec[r], ea[r]
            c_country[cr] = c_country.get(cr, 0) + 1
            if a1 >= 0:
                c_admin1[a1] = c_admin1.get(a1, 0) + 1
            if kr < I.COUNTRY:  # countries, continents and world regions give no point
                pts.append(context_point(kr, elat[r], elon[r]))
        return len(ctx), c_country, c_admin1, pts

    def _ctx_without(self, summary: tuple, row: int) -> tuple:
        """A context summary with one occurrence of entity ``row`` taken out (leave-one-out context)."""
        n, c_country, c_admin1, pts = summary
        c_country, c_admin1 = dict(c_country), dict(c_admin1)
        cr, a1, kr = self._ent_country[row], self._ent_admin1[row], self._ent_kind[row]
        c_country[cr] -= 1
        if not c_country[cr]:
            del c_country[cr]
        if a1 >= 0:
            c_admin1[a1] -= 1
            if not c_admin1[a1]:
                del c_admin1[a1]
        if kr < I.COUNTRY:
            pts = list(pts)
            pts.remove(context_point(kr, self._ent_lat[row], self._ent_lon[row]))
        return n - 1, c_country, c_admin1, pts

    # ====================================================================================== scalar engine
    def scored(self, key: str, cc: str | None, kset: frozenset[str], near: tuple[float, float] | None,
               ctx: tuple[int, ...], limit: int, country_only: bool,
               summary: tuple | None = None) -> list[tuple[float, int]]:
        """The best ``limit`` (score, entity row) pairs for a normalised key, best first (ties: lower row):
        the context-free score (``base``, memoised) plus the context of the same text and proximity.
        ``summary``: a precomputed context summary standing for ``ctx``. Without context, country or kinds, the
        ranking stored at pack build is read when there is one (the same pairs)."""
        every = cc is None and not country_only and (kset is I.KIND_NAMES or kset == I.KIND_NAMES)
        if summary is None and not ctx and near is None:
            if every and self._ranked is not None:
                pairs = self._ranked(key, limit)
                if pairs is not None:
                    return pairs
            base = self.base(key, cc, kset, country_only)
            if len(base) <= 1:
                return [base[0][:2]] if base else []
            # best first, ties: lower row (a stable sort by score, descending, of the rows in ascending order)
            return [t[:2] for t in sorted(sorted(base, key=_ROW), key=_SCORE, reverse=True)[:limit]]
        base = self.any_base(key) if every else self.base(key, cc, kset, country_only)
        if not base:
            return []
        out = self._with_context(base, near, summary if summary is not None else self._ctx_summary(ctx))
        out = heapq.nsmallest(limit, out) if len(out) > limit else sorted(out)
        return [(-s, e) for s, e in out]

    def _with_context(self, base: list[tuple], near: tuple[float, float] | None,
                      summary: tuple) -> list[tuple[float, int]]:
        """(-score, row) of the ``base`` candidates with the context terms of ``summary`` and ``near`` added."""
        n_ctx, c_country, c_admin1, pts = summary
        if near is not None:  # an explicit point from the caller weighs more than a context entity
            pts = [*pts, near_point(near[0], near[1])]
        # max over points: duplicates are moot
        prox = self._proximity([t[1] for t in base], list(set(pts))) if pts else None
        out = []
        for j, (s, e, k, ci, a1) in enumerate(base):
            if n_ctx:
                s += share(W_CTX_COUNTRY, c_country.get(ci, 0), n_ctx)
                if a1 >= 0 and k != I.ADMIN1:
                    s += share(W_CTX_ADMIN1, c_admin1.get(a1, 0), n_ctx)
                if k == I.ADMIN1 and e in c_admin1:  # the region of a context entity
                    s += W_CTX_REGION_OF
                if k == I.COUNTRY and ci in c_country:  # the country of a context entity
                    s += W_CTX_COUNTRY_OF
            if prox is not None and k < I.COUNTRY:
                s += prox[j]
            out.append((-s, e))
        return out

    def _proximity(self, rows: list[int], pts: list[tuple[float, float, float, float]]) -> list[float]:
        """For each entity row, max over the points (lat, lon, scale km, weight) of weight * exp(-d / scale), d the
        great-circle distance in km (ranking only)."""
        import numpy as np

        r = np.asarray(rows, dtype=np.int64)
        p = np.asarray(pts, dtype=np.float64)
        d = great_circle_km(self._arrays.np("ent_lat")[r], self._arrays.np("ent_lon")[r], p[:, 0], p[:, 1])
        # max_j w_j exp(-d_j / s_j) = exp(max_j (ln w_j - d_j / s_j)): one exp per row, not per pair
        z = (np.log(p[:, 3])[None, :] - d / p[:, 2][None, :]).max(axis=1)
        return np.exp(z).tolist()

    def _leave_one_out(self, key: str, rows: tuple[int, ...], row: int, limit: int) -> list[tuple[float, int]]:
        """``scored`` for ``key`` (all kinds, no country) with context = ``rows`` minus one occurrence of ``row``:
        the scalar reference of :meth:`rerank`."""
        summary = self._ctx_without(self.ctx_summary(rows), row)
        return self.scored(key, None, I.KIND_NAMES, None, (), limit, False, summary)

    # ====================================================================================== numpy engine
    def _rerank(self, keys: tuple[str, ...], rows: tuple[int, ...], own: tuple[int, ...],
                limit: int) -> list[tuple[float, int, float | None]]:
        """:meth:`leave_one_out` for many names at once, with numpy over all their candidates. For each normalised
        key (which has candidates) and its own answer row ``own[i]``: (best score, best row, score of ``own[i]``
        if it ranks within the first ``limit``, else None), the context being ``rows`` minus one occurrence of
        ``own[i]``. Same terms and arithmetic as :meth:`scored`."""
        import numpy as np

        n_ctx = len(rows) - 1
        _n, c_country, c_admin1, pts = self.ctx_summary(rows)
        bases = [self.any_base(k) for k in keys]
        sizes = np.array([len(b) for b in bases])
        grp = np.repeat(np.arange(len(keys)), sizes)
        flat = [t for b in bases for t in b]
        S = np.array([t[0] for t in flat])
        E = np.array([t[1] for t in flat], dtype=np.int64)
        K = np.array([t[2] for t in flat], dtype=np.int64)
        CI = np.array([t[3] for t in flat], dtype=np.int64)
        A1 = np.array([t[4] for t in flat], dtype=np.int64)
        orow = np.asarray(own, dtype=np.int64)
        cc, ca, ce = self._loo_counts(c_country, c_admin1, orow[grp], E, K, CI, A1)
        S = S + share(W_CTX_COUNTRY, cc, n_ctx)
        S = S + np.where((A1 >= 0) & (K != I.ADMIN1), share(W_CTX_ADMIN1, ca, n_ctx), 0.0)
        S = S + np.where((K == I.ADMIN1) & (ce > 0), W_CTX_REGION_OF, 0.0)
        S = S + np.where((K == I.COUNTRY) & (cc > 0), W_CTX_COUNTRY_OF, 0.0)
        if pts:
            S = S + self._loo_proximity(pts, own, grp, E, K)
        return self._best_per_key(S, E, grp, sizes, orow, limit)

    def _loo_counts(self, c_country: dict, c_admin1: dict, own_row: np.ndarray, E: np.ndarray, K: np.ndarray,
                    CI: np.ndarray, A1: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Leave-one-out context counts of each candidate: context entities in its country, in its admin-1
        region, and (for a region) inside it; ``own_row`` is the own answer of each candidate's name."""
        import numpy as np

        o_c = self._arrays.np("ent_country")[own_row].astype(np.int64)
        o_a1 = self._arrays.np("ent_admin1")[own_row].astype(np.int64)
        cnt_c = np.zeros(self._n_countries + 1)
        for c, v in c_country.items():
            cnt_c[c] = v
        cc = cnt_c[CI] - (o_c == CI)
        if c_admin1:
            ak = np.array(sorted(c_admin1), dtype=np.int64)
            av = np.array([c_admin1[a] for a in ak.tolist()], dtype=np.float64)

            def a1_count(x: np.ndarray) -> np.ndarray:
                pos = np.minimum(np.searchsorted(ak, x), len(ak) - 1)
                return np.where((ak[pos] == x) & (x >= 0), av[pos], 0.0)
        else:
            def a1_count(x: np.ndarray) -> np.ndarray:
                return np.zeros(len(x))
        ca = a1_count(A1) - ((o_a1 == A1) & (A1 >= 0))
        ce = a1_count(E) - ((o_a1 == E) & (K == I.ADMIN1))
        return cc, ca, ce

    def _loo_proximity(self, pts: list, own: tuple[int, ...], grp: np.ndarray, E: np.ndarray,
                       K: np.ndarray) -> np.ndarray:
        """The proximity term of each candidate to the context points, the own answer's point left out."""
        import numpy as np

        mult: dict[tuple, int] = {}
        for pt in pts:
            mult[pt] = mult.get(pt, 0) + 1
        upts = list(mult)
        col = {pt: j for j, pt in enumerate(upts)}
        p = np.asarray(upts, dtype=np.float64)
        d = great_circle_km(self._arrays.np("ent_lat")[E], self._arrays.np("ent_lon")[E], p[:, 0], p[:, 1])
        z = np.log(p[:, 3])[None, :] - d / p[:, 2][None, :]
        left = np.full(len(own), len(pts))  # context points left once the own answer is taken out
        for i, r in enumerate(own):
            kr = self._ent_kind[r]
            if kr >= I.COUNTRY:  # countries, continents and world regions give no point
                continue
            left[i] -= 1
            pt = context_point(kr, self._ent_lat[r], self._ent_lon[r])
            if mult[pt] == 1:
                z[grp == i, col[pt]] = -np.inf
        has = left[grp] > 0
        return np.where((K < I.COUNTRY) & has, np.exp(z.max(axis=1)), 0.0)

    @staticmethod
    def _best_per_key(S: np.ndarray, E: np.ndarray, grp: np.ndarray, sizes: np.ndarray, orow: np.ndarray,
                      limit: int) -> list[tuple[float, int, float | None]]:
        """(best score, best row, own answer's score if within the first ``limit``) per key group."""
        import numpy as np

        order = np.lexsort((E, -S, grp))
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order)) - starts[grp[order]]
        out: list[tuple[float, int, float | None]] = []
        is_own = E == orow[grp]
        for i in range(len(sizes)):
            a = int(starts[i])
            b = int(order[a])
            hit = np.flatnonzero(is_own[a:a + sizes[i]])
            cur = None
            if len(hit):
                j = a + int(hit[0])
                if rank[j] < limit:
                    cur = float(S[j])
            out.append((float(S[b]), int(E[b]), cur))
        return out
