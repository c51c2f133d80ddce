"""Toponym mentions of a text, resolved: the one resolution path of ``geomap map`` and ``geomap geoparse``.

``mentions_of(article_or_text, gaz)`` spots the toponyms (:mod:`geomap.text.spotter`), resolves them jointly with
the gazetteer's document resolver (every name is the context of the others; long texts in windows of
``WINDOW`` consecutive mentions, so the cost stays linear), then applies each mention's own evidence:

- a country adjective ("Russian") or a country name is a country;
- a region phrase ("the Sumy region", "Kharkiv Oblast", "Ga.") is an admin-1 region;
- a bare name that resolved to a region ("Sumy", "Donetsk") is the region's namesake city when there is one
  (unless that city holds only a small share of the region's people: "Quebec").

Unresolved mentions are dropped. With ``anaphora=True`` "the region" / "the city" / "the country" become mentions
of the latest compatible mention before them (flagged ``anaphor``; claims use them, places do not).

Offsets refer to the text given (an :class:`~geomap.text.reader.Article`'s ``text``; Markdown emphasis and link
syntax are masked with spaces first, so offsets do not move).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from geomap.errors import GazetteerError, GeomapError
from geomap.text.reader import Article
from geomap.text.subjects import WATER_NAME_RE

__all__ = ["ResolvedMention", "mentions_of", "resolve_mentions", "resolve_in_text", "in_named_container", "in_a_list",
           "alone_abroad", "written_as_settlement", "big_city_by_name", "resolve_names", "comma_pairs", "division_lists", "reading_text", "WINDOW", "ABROAD_MAX_POP"]

WINDOW = 300  # mentions per joint-resolution window

# "the town of Izium" introduces a name (the mention that follows), it refers back to nothing
_ANAPHORA = re.compile(
    r"\b[Tt]he\s+(?:(?:port|border|coastal|frontline|front-line|besieged|embattled|small|nearby)\s+"
    r"(?=(?:city|town|village|settlement)\b))?"  # "20 nautical miles southwest of the port city"
    r"(?P<w>region|oblast|province|city|town|village|settlement|country)\b(?!\s+of\s+[A-Z])")
_ANA_KIND = {"region": "admin1", "oblast": "admin1", "province": "admin1", "city": "place", "town": "place",
             "village": "place", "settlement": "place", "country": "country"}


@dataclass(frozen=True, slots=True)
class ResolvedMention:
    """A toponym mention ``text[start:end] == surface`` with its resolved gazetteer candidate ``cand``.

    ``key`` is the normalised name, ``kind`` the resolved kind (a country adjective keeps "country"),
    ``adjective`` / ``region_phrase`` / ``role`` come from the spotter, ``lookup`` is the name resolved when it is
    not the surface ("Ga." → "Georgia"), ``anaphor`` marks "the region"-style references.
    """

    start: int
    end: int
    surface: str
    key: str
    kind: str
    adjective: bool = False
    region_phrase: bool = False
    role: str = "location"
    cand: Any = None
    anaphor: bool = False
    lookup: str | None = None

    @property
    def name(self) -> str:
        """The name that was resolved: ``lookup`` when set, else the surface."""
        return self.lookup or self.surface


# ============================================================================================== public entry
def reading_text(source: Article | str) -> str:
    """The text mentions are read from: an article's text with Markdown markup masked by spaces (same length and
    offsets, so "**about 30 km** from" and "[Sumy](https://…) is 30 km" read as plain text); a string as is."""
    if isinstance(source, Article):
        return _reading(source.text, source.format == "markdown")
    return _reading(source, False)


@functools.lru_cache(maxsize=8)
def _reading(raw: str, markdown: bool) -> str:
    """:func:`reading_text` of one text, cached: an article's analysis and its mentions both read it."""
    from geomap.text import furniture

    text = _mask_markdown(raw) if markdown else raw
    # page furniture (URLs, bylines, captions, outlets…) is masked too; dateline places stay as location context
    return furniture.mask(text, furniture.furniture_spans(raw))


def mentions_of(source: Article | str, gaz=None, *, anaphora: bool = False,
                progress: Callable[[str], None] | None = None,
                pins: Mapping[str, str] | None = None) -> list[ResolvedMention]:
    """The resolved toponym mentions of an article or a plain text, in text order (see the module docstring).

    ``gaz`` defaults to ``Gazetteer.default()``; ``progress`` is an optional callable(str) told the mention count;
    ``pins`` maps a name as written to a gazetteer id ("Tawila" → "geonames:…"): every mention of that name resolves
    to that entity, and a pinned name the spotter missed becomes a mention.
    """
    from geomap.text.spotter import spot

    if gaz is None:
        from gazetteer import Gazetteer

        gaz = Gazetteer.default()
    from geomap.text import furniture

    text = reading_text(source)
    raw = source.text if isinstance(source, Article) else source
    mentions = furniture.mark_datelines(spot(text, gaz), furniture.furniture_spans(raw))
    if progress is not None:
        progress(f"resolving {len(mentions)} mentions")
    rms = resolve_in_text(text, mentions, gaz)
    if pins:
        rms = apply_pins(text, rms, {name: gaz.get(id_) for name, id_ in pins.items()})
    return _add_anaphora(text, rms) if anaphora else rms


def resolve_in_text(text: str, mentions: Sequence, gaz) -> list[ResolvedMention]:
    """Spotted ``mentions`` of ``text`` resolved (:func:`resolve_mentions`), then checked against how the text
    writes them: a place in a named country or region (:func:`in_named_container`), in a list of places
    (:func:`in_a_list`), or alone abroad (:func:`alone_abroad`)."""
    rms = _not_water(text, resolve_mentions(mentions, gaz))
    rms = written_as_settlement(text, big_city_by_name(rms, gaz), gaz)
    rms = in_named_container(text, rms, gaz)
    return alone_abroad(in_a_list(text, rms, gaz), gaz)


def apply_pins(text: str, rms: list[ResolvedMention], pinned: Mapping[str, Any]) -> list[ResolvedMention]:
    """``rms`` with every mention of a pinned name resolved to its pinned candidate, plus the pinned names'
    occurrences no mention covers (whole words, as written), in text order."""
    import dataclasses
    import re as _re

    from gazetteer.normalize import normalize

    by_key = {normalize(n): c for n, c in pinned.items()}
    out = [dataclasses.replace(m, cand=by_key[normalize(m.name)], kind=by_key[normalize(m.name)].kind)
           if normalize(m.name) in by_key and not m.adjective else m for m in rms]
    taken = [(m.start, m.end) for m in out]
    for name, cand in pinned.items():
        for hit in _re.finditer(rf"(?<![\w-]){_re.escape(name)}(?![\w-])", text):
            if not any(s < hit.end() and hit.start() < e for s, e in taken):
                out.append(ResolvedMention(hit.start(), hit.end(), hit.group(0), normalize(name), cand.kind,
                                           cand=cand))
                taken.append(hit.span())
    return sorted(out, key=lambda m: (m.start, m.end))


def comma_pairs(text: str, spans: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Positions i -> i + 1 of consecutive spans (start, end character offsets, in text order) written
    "Name, Name" with only a comma and spaces between them ("Paris, Idaho", "Queensland, Australia")."""
    out = {}
    for i in range(len(spans) - 1):
        gap = text[spans[i][1]:spans[i + 1][0]]
        if gap.strip() == "," and "\n" not in gap:
            out[i] = i + 1
    return out


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)", re.IGNORECASE)
_PLURAL_DIVISION = re.compile(r"\s+(counties|parishes)\b", re.IGNORECASE)
_SINGULAR = {"counties": "County", "parishes": "Parish"}


def division_lists(text: str, spans: Sequence[tuple[int, int]]) -> dict[int, str]:
    """Positions of consecutive spans (start, end character offsets, in text order) that are the members of a
    list ending in a plural division word ("Clarke, Madison and Oconee counties", "Camden and Charlton
    counties"), each with its division word in the singular ("County"): each name means that division."""
    out: dict[int, str] = {}
    for i in range(len(spans)):
        m = _PLURAL_DIVISION.match(text, spans[i][1])
        if not m:
            continue
        word = _SINGULAR[m.group(1).lower()]
        j = i
        while True:
            out[j] = word
            if j == 0 or not _LIST_GAP.fullmatch(text[spans[j - 1][1]:spans[j][0]]):
                break
            j -= 1
    return out


def resolve_names(names: Sequence[str], gaz, within: Mapping[int, int] | None = None) -> list:
    """Joint resolution of a document's names (gazetteer candidates or None, one per name), in windows of
    ``WINDOW`` consecutive names: every name of a window is the context of the others. ``within``: positions
    i -> j of names written "Name i, Name j" ("Paris, Idaho"; see :func:`gazetteer.rank.resolve_document`)."""
    from gazetteer.rank import resolve_document

    answers: list = []
    for i in range(0, len(names), WINDOW):
        pairs = {a - i: b - i for a, b in (within or {}).items() if i <= a < i + WINDOW and i <= b < i + WINDOW}
        answers.extend(resolve_document(gaz, list(names[i:i + WINDOW]), within=pairs))
    return answers


def resolve_mentions(mentions: Sequence, gaz) -> list[ResolvedMention]:
    """Resolve spotted mentions (:class:`geomap.text.spotter.Mention`) jointly, then apply each mention's own
    evidence (country adjective, region phrase, namesake city). Unresolved mentions are dropped."""
    if not mentions:
        return []
    answers = resolve_names([getattr(m, "lookup", None) or m.surface for m in mentions], gaz)
    context = sorted({c.id for c in answers if c is not None and c.kind in ("country", "admin1")})
    fixed: dict[tuple[str, str], Any] = {}
    out = []
    for m, c in zip(mentions, answers, strict=True):
        rule = next(r for r in _EVIDENCE if r.applies(m))
        if rule.needs_fix(c):
            k = (rule.tag, m.surface)
            if k not in fixed:
                fixed[k] = rule.fix(gaz, m, c, context)
            c = fixed[k]
        if c is None:
            continue
        out.append(ResolvedMention(m.start, m.end, m.surface, m.key, m.kind if m.adjective else c.kind,
                                   m.adjective, m.region_phrase, m.role, c, lookup=getattr(m, "lookup", None)))
    return out


# ============================================================================================== named water
_WATER_OF = re.compile(r"\b(?:Gulf|Sea|Bay|Strait|Straits)\s+of\s+(?:the\s+)?$")


def _not_water(text: str, rms: list[ResolvedMention]) -> list[ResolvedMention]:
    """Without the towns that only name a sea or gulf ("the Gulf of Aden": not Aden's point; "the Sea of Azov"); a
    country or region keeps its mention ("the Gulf of Mexico": Mexico borders it)."""
    return [r for r in rms if r.cand is None or r.cand.kind != "place"
            or not _WATER_OF.search(text, max(0, r.start - 14), r.start)]


# ============================================================================================== a city by its name
BIG_CITY_POP = 1_000_000  # a city this big, called exactly so, is what its name means over a town called so only by
BIG_CITY_RATIO = 50.0  # an alternate name and this many times smaller ("Tehran": not Tiran near Isfahan)
OWN_NAME_CITY_POP = 300_000  # a city this big, called so, also over a city called so only formerly and
OWN_NAME_RATIO = 1.5  # this many times smaller ("Kaliningrad": not Korolev, Kaliningrad until 1996, by Moscow)


def big_city_by_name(rms: list[ResolvedMention], gaz) -> list[ResolvedMention]:
    """A place chosen by one of its alternate names ("Tehran" for Tīrān, 21,703 people, beside Isfahan) when a city
    of at least :data:`BIG_CITY_POP` people bears that name as its own and is :data:`BIG_CITY_RATIO` times bigger
    means that city: the document's context does not outweigh a capital's own name."""
    from gazetteer.normalize import normalize

    fixed: dict[str, Any] = {}
    for r in rms:
        c, name = r.cand, normalize(r.name)  # the name as written ("Dallas County", not its key "dallas")
        if r.key in fixed or r.adjective or c is None or c.kind != "place" or normalize(c.name) == name:
            continue
        top = _one(gaz, r.name, {"place"}, None)
        pop, cpop = (top.population or 0) if top is not None else 0, c.population or 0
        if top is not None and top.id != c.id and normalize(top.name) == name and (
                pop >= max(BIG_CITY_POP, BIG_CITY_RATIO * cpop) or pop >= max(OWN_NAME_CITY_POP, OWN_NAME_RATIO * cpop)):
            fixed[r.key] = top
    return _refixed(rms, fixed)


# ============================================================================================== "the town of X"
_SETTLEMENT_BEFORE = re.compile(r"\b(?:town|village|city|settlement|hamlet)\s+of\s+$", re.IGNORECASE)
_SETTLEMENT_AFTER = re.compile(r"\s+(?:town|village|city)\b(?!\s+of\b)", re.IGNORECASE)


def written_as_settlement(text: str, rms: list[ResolvedMention], gaz) -> list[ResolvedMention]:
    """A name resolved to an admin-1 region that the text also writes as a settlement ("the main town of Uri",
    "Uri town": the Kashmiri town, not the Swiss canton) means the best place of that name (one sense per name:
    every mention follows)."""
    fixed: dict[str, Any] = {}
    for r in rms:
        if r.kind != "admin1" or r.adjective or r.region_phrase or r.cand is None or r.key in fixed:
            continue
        if not (_SETTLEMENT_BEFORE.search(text, max(0, r.start - 16), r.start) or _SETTLEMENT_AFTER.match(text, r.end)):
            continue
        others = sorted({m.cand.id for m in rms if m.cand is not None and m.key != r.key
                         and m.cand.kind in ("country", "admin1")})
        place = _one(gaz, r.name, {"place"}, others)
        if place is not None:
            fixed[r.key] = place
    return _refixed(rms, fixed)


# ============================================================================================== "X in Y"
# "Palma in Mozambique's Cabo Delgado province", "Uri in Kashmir": a place written in a country or region
_IN_GAP = re.compile(r",?\s+in\s+(?:the\s+)?(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)ern\s+|central\s+)?",
                     re.IGNORECASE)  # "Houla in southern Lebanon"
# "the southern Lebanese village of Houla": a country adjective before the settlement noun
_ADJ_GAP = re.compile(r"\s+(?:border\s+)?(?:village|town|city|hamlet|settlement|port)\s+of\s+", re.IGNORECASE)
# "Palma, a Mozambican town", "Muse, the Myanmar border town": a country adjective in an apposition after a comma
_APPOSED_ADJ_GAP = re.compile(r",[\"”’']?\s+(?:a|an|the|another)\s+(?:[a-z][\w-]*\s+){0,2}")
_APPOSED_ADJ_HEAD = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}(?:village|town|city|hamlet|settlement|port|suburb|"
                               r"capital)\b")
_COMMA_GAP = re.compile(r",[ \t]+")
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_AFTER_COMMA_CONTAINER = re.compile(r"\s*(?:[.;:)—–]|,|$)")  # "Palma, Mozambique." (not "Kharkiv, Ukraine said")


def _container(text: str, rms: Sequence[ResolvedMention], i: int) -> ResolvedMention | None:
    """The country or admin-1 mention that ``rms[i]`` is written inside ("X in Y", "X, Y.", "the Lebanese village of
    X", "X, a Lebanese village"), or None."""
    if i > 0 and rms[i - 1].adjective and rms[i - 1].kind == "country" and rms[i - 1].cand is not None and \
            _ADJ_GAP.fullmatch(text[rms[i - 1].end:rms[i].start]):
        return rms[i - 1]
    if i + 1 >= len(rms):
        return None
    x, y = rms[i], rms[i + 1]
    if y.adjective and y.kind == "country" and y.cand is not None and \
            _APPOSED_ADJ_GAP.fullmatch(text, x.end, y.start) and _APPOSED_ADJ_HEAD.match(text, y.end):
        return y
    if y.kind not in ("country", "admin1") or y.adjective or y.cand is None or WATER_NAME_RE.search(y.surface):
        return None  # ("Houthis attack ship off Hodeidah in Red Sea": the sea, not Sudan's Red Sea State)
    gap = text[x.end:y.start]
    if _IN_GAP.fullmatch(gap) or (_COMMA_GAP.fullmatch(gap) and _AFTER_COMMA_CONTAINER.match(text, y.end)):
        return y
    return None


def _countries_named(gaz, y: ResolvedMention) -> set[str]:
    """Every country the container's name can mean ("Congo": CG and CD; "Georgia": GE and US)."""
    try:
        found = gaz.resolve(y.name, kinds={"country", "admin1"}, limit=10)
    except GazetteerError:
        found = []
    return {c.country for c in found} | {y.cand.country}


def in_named_container(text: str, rms: list[ResolvedMention], gaz) -> list[ResolvedMention]:
    """A place written inside a country or region ("Palma in Mozambique's Cabo Delgado province") that resolved to
    a place in another country (Palma, Spain) takes the same name's place in that country, or is dropped when the
    gazetteer has none there: a famous namesake abroad is never the answer (one sense per name: every mention of
    the name follows)."""
    fixed: dict[str, Any] = {}
    for i, x in enumerate(rms):
        if x.kind != "place" or x.adjective or x.cand is None or x.key in fixed:
            continue
        y = _container(text, rms, i)
        if y is None or _FROM_BEFORE.search(text, max(0, x.start - 6), x.start) or \
                x.cand.country in _countries_named(gaz, y):  # "refugees from Aleppo in Turkey": they are in Y
            continue
        fixed[x.key] = _namesake_in(gaz, x.name, {y.cand.country}, regions=False)
    return _refixed(rms, fixed)


# ============================================================================================== lists
def _place_lists(text: str, rms: list[ResolvedMention]) -> list[list[int]]:
    """Indices (into ``rms``, in text order) of runs of three or more place names written as a list ("Kfar Kila,
    Houla, Kfar Shouba, Yaroun and Khiam")."""
    runs: list[list[int]] = []
    cur: list[int] = []
    for i, r in enumerate(rms):
        ok = r.kind == "place" and not r.adjective and r.cand is not None
        if ok and cur and _LIST_GAP.fullmatch(text[rms[cur[-1]].end:r.start]) and \
                "\n" not in text[rms[cur[-1]].end:r.start]:
            cur.append(i)
            continue
        if len(cur) >= 3:
            runs.append(cur)
        cur = [i] if ok else []
    if len(cur) >= 3:
        runs.append(cur)
    return runs


def in_a_list(text: str, rms: list[ResolvedMention], gaz) -> list[ResolvedMention]:
    """A small place in a list of places more of which lie in one country than in any other ("Kfar Kila, Houla,
    Kfar Shouba, Yaroun and Khiam": Lebanon) that resolved to another country takes the same name's place in that country, or is
    dropped: Yaroun → a village in Zhytomyr, Houla → Syria's Kafr Lāhā (which holds "Houla" as another name). A
    neighbour's place that goes by the name written stays ("Sudzha, Sumy and Krasnopillia")."""
    fixed: dict[str, Any] = {}
    for run in _place_lists(text, rms):
        counts: dict[str, int] = {}
        for i in run:
            counts[rms[i].cand.country] = counts.get(rms[i].cand.country, 0) + 1
        main = max(counts, key=lambda c: counts[c])
        if counts[main] < 2 or sum(n == counts[main] for n in counts.values()) > 1:
            continue  # no country holds more of the list than every other
        for i in run:
            r = rms[i]
            if r.cand.country == main or r.key in fixed or not _small_place(r.cand) or \
                    (_as_named(r) and _near_any(r.cand.country, {main})):
                continue
            fixed[r.key] = _namesake_in(gaz, r.name, {main}, regions=False)
    return _refixed(rms, fixed)


def _as_named(r: ResolvedMention) -> bool:
    """Whether the candidate's own name is the name written (Sudzha for "Sudzha"; not Kafr Lāhā for "Houla", one of
    its other names)."""
    from gazetteer.normalize import normalize

    return normalize(r.cand.name) == normalize(r.name)


def _refixed(rms: list[ResolvedMention], fixed: Mapping[str, Any]) -> list[ResolvedMention]:
    """``rms`` with every mention of a fixed name given its new candidate, or dropped when that is None."""
    if not fixed:
        return rms
    from dataclasses import replace

    return [replace(r, cand=fixed[r.key], kind=fixed[r.key].kind) if r.key in fixed and fixed[r.key] is not None
            else r for r in rms if not (r.key in fixed and fixed[r.key] is None)]


# ============================================================================================== alone abroad
ABROAD_MAX_POP = 100_000  # a place smaller than this, alone in its country in a text about others, is a namesake


ABROAD_FAR_POP = 500_000  # a city smaller than this, alone abroad and this far from the rest, is one too
ABROAD_FAR_KM = 3_000.0  # ("Palma" in a Cabo Delgado report: Palma de Mallorca, 400,000 people, 7,900 km away)


def _small_place(c: Any) -> bool:
    return c is not None and c.kind == "place" and (getattr(c, "population", 0) or 0) < ABROAD_MAX_POP


def _located(rms: list[ResolvedMention]) -> tuple[list[str], Any, Any]:
    """Ids, latitudes and longitudes (degrees, numpy arrays) of the places and regions the text names."""
    import numpy as np

    pts = [(r.cand.id, r.cand.lat, r.cand.lon) for r in rms if r.cand is not None and not r.adjective
           and r.cand.kind in ("place", "admin1")]
    return [p[0] for p in pts], np.array([p[1] for p in pts]), np.array([p[2] for p in pts])


def _far_city(c: Any, located: tuple[list[str], Any, Any]) -> bool:
    """A city of :data:`ABROAD_MAX_POP`–:data:`ABROAD_FAR_POP` people more than :data:`ABROAD_FAR_KM` from every
    other place and region the text names (``located``: :func:`_located`; great circle; none named: not far)."""
    import numpy as np

    from gazetteer.scoring import great_circle_km

    if c is None or c.kind != "place" or not ABROAD_MAX_POP <= (getattr(c, "population", 0) or 0) < ABROAD_FAR_POP:
        return False
    ids, lat, lon = located
    others = [i for i, x in enumerate(ids) if x != c.id]
    if not others:
        return False
    d = great_circle_km(np.array([c.lat]), np.array([c.lon]), lat[others], lon[others])
    return bool(d.min() > ABROAD_FAR_KM)


def alone_abroad(rms: list[ResolvedMention], gaz) -> list[ResolvedMention]:
    """A small place (< :data:`ABROAD_MAX_POP` people, postal points included) in a country that nothing else the
    text names is in or borders, when the text names a country or region (such a name counts for every country it
    can mean: "Georgia"), is a namesake of a place the gazetteer lacks or no place
    at all ("Nasir" in a South Sudan report → a postcode in Sivas, Turkey; "The Post was on scene" → Post, Texas;
    "Grad rockets" → Grad, Slovenia): it takes the same name's place in one of the text's countries, else it is
    dropped (one sense per name: every mention of the name follows)."""
    if not any(r.cand is not None and r.cand.kind in ("country", "admin1") and r.role != "actor" for r in rms):
        return rms  # the text names no country or region as a place ("Russian jets bombed …" is an actor's)
    first: dict[str, ResolvedMention] = {}
    for r in rms:
        if r.cand is not None and r.cand.country:
            first.setdefault(r.key, r)
    by_key = {k: {r.cand.country} for k, r in first.items()}
    widened = False
    fixed: dict[str, Any] = {}
    located = _located(rms)
    for r in rms:
        if r.key in fixed or r.adjective or r.kind != "place" or not (
                _small_place(r.cand) or (_far_city(r.cand, located) and _shared_name(gaz, r))):
            continue
        if not widened and all(r.cand.country not in v for k, v in by_key.items() if k != r.key):
            widened = True  # only now: a look-up per country or region name
            by_key.update({k: _countries_named(gaz, m) for k, m in first.items()
                           if m.cand.kind in ("country", "admin1")})
        others = set().union(*(v for k, v in by_key.items() if k != r.key))
        if r.cand.country in others or _near_any(r.cand.country, others):
            continue
        fixed[r.key] = _namesake_in(gaz, r.name, others)
    return _refixed(rms, fixed)


def _shared_name(gaz, r: ResolvedMention) -> bool:
    """Whether the name can mean something else: it matched an alternate name ("Bio" for Bilbao), or another place
    bears it too ("Palma": Mallorca's, and towns in Brazil and Italy). A far city that is the only place of its name
    ("A delegation from Canberra visited") is what the text says."""
    from gazetteer.normalize import normalize

    name = normalize(r.name)
    if normalize(r.cand.name) != name:
        return True
    try:
        found = gaz.resolve(r.name, kinds={"place"}, limit=5)
    except GazetteerError:
        return False
    return any(c.id != r.cand.id and normalize(c.name) == name for c in found)


def _near_any(code: str, countries: set[str]) -> bool:
    """Whether country ``code`` shares a land border with one of ``countries`` (Erie, Pennsylvania in a story about
    Ontario towns is no namesake)."""
    from geomap.geo.borders import neighbours_of

    try:
        return not countries.isdisjoint(neighbours_of(code))
    except GeomapError:  # no pack borders layer: no neighbours known
        return False


def _namesake_in(gaz, name: str, countries: set[str], regions: bool = True) -> Any:
    """The best place called ``name`` in one of ``countries``, else (with ``regions``) the world region of that name
    ("Darfur" in a Sudan story: the region, not a postcode in Minnesota), else None."""
    best = None
    for cc in sorted(countries):
        try:
            found = gaz.resolve(name, country=cc, kinds={"place"}, limit=1)
        except GazetteerError:
            continue
        if found and (best is None or found[0].score > best.score):
            best = found[0]
    if best is None and regions:
        try:
            found = gaz.resolve(name, kinds={"world_region"}, limit=1)
        except GazetteerError:
            found = []
        best = found[0] if found and found[0].name.lower() == name.lower() else None
    return best


# ============================================================================================== mention evidence
def _one(gaz, name: str, kinds: set[str], ctx) -> Any:
    """The best candidate of ``kinds`` for ``name`` with context ``ctx``, or None."""
    try:
        r = gaz.resolve(name, kinds=kinds, context=ctx, limit=1)
    except GazetteerError:
        return None
    return r[0] if r else None


def _as_country(gaz, m, c, context) -> Any:
    """The country a country adjective or name stands for ("Russian" → Russia), or None."""
    try:
        return gaz.country(m.surface)
    except GazetteerError:
        return None


SEAT_REGION_SHARE = 0.2  # "Duhok province": the region of the city Duhok when the city holds this share of its people
SEAT_MIN_POP = 50_000  # and has at least this many


def _as_region(gaz, m, c, context) -> Any:
    """The admin-1 region a region phrase names (its surface, then its key), else the region whose seat the place of
    that name is ("Duhok province", "Hodeidah Governorate": the gazetteer spells the regions Dihok, Al Hudaydah),
    else the joint answer, else the place the phrase is named after ("the remote Gourma Rharous region": a district
    the gazetteer holds as its town)."""
    found = _one(gaz, m.surface, {"admin1"}, context) or _one(gaz, m.key, {"admin1"}, context)
    if found is not None:
        return found
    place = c if c is not None and c.kind == "place" else _one(gaz, m.key, {"place"}, context)
    return _seat_region(gaz, place) or c or place


def _seat_region(gaz, place: Any) -> Any:
    """The admin-1 region ``place`` lies in when it holds at least :data:`SEAT_REGION_SHARE` of the region's people
    (the city a region is named after), else None."""
    if place is None or not place.admin1:
        return None
    try:
        found = gaz.resolve(place.admin1, country=place.country, kinds={"admin1"}, limit=1)
    except GazetteerError:
        return None
    if not found or found[0].admin1 != place.admin1:
        return None
    region, pop = found[0], place.population or 0
    # (a region of unknown population says nothing; a village is no region's seat: "Ras-el-Ain region" in Lebanon
    # is not Morocco's Chaouia-Ouardigha through a village of 3,946 there)
    return region if region.population and pop >= SEAT_MIN_POP and pop >= SEAT_REGION_SHARE * region.population \
        else None


def _region_phrase(gaz, m, c, context) -> Any:
    """A region phrase: the world region of that full name ("the Kurdistan region": Iraq's, though the joint answer
    was Iran's Kordestan province), else the joint answer when it is a region, else :func:`_as_region`."""
    whole = _world_region_named(gaz, m, context)
    if whole is not None:
        return whole
    return c if c is not None and c.kind == "admin1" else _as_region(gaz, m, c, context)


def _world_region_named(gaz, m, context) -> Any:
    """The world region whose own name the mention is, in full ("the Kurdistan Region": Iraq's, not Iran's Kordestan
    province, which "Kurdistan" also names), else None."""
    whole = _one(gaz, m.surface, {"world_region"}, context)
    return whole if whole is not None and whole.name.lower() == m.surface.lower() else None


def _as_namesake_city(gaz, m, c, context) -> Any:
    """For a bare name that resolved to region ``c``: a world region of exactly that name; the region's namesake
    city ("Sumy" in Sumy Oblast), not any place of that name; else the region. A city holding less than the
    gazetteer's ``MINOR_SEAT_SHARE`` of the region's people leaves the name to the region ("Quebec"), as the
    gazetteer's ranking does."""
    from gazetteer.scoring import MINOR_SEAT_SHARE

    whole = _world_region_named(gaz, m, context)
    if whole is not None:
        return whole

    p = _one(gaz, m.surface, {"place"}, [c.id])
    if p is None or p.country != c.country or p.admin1 != c.name:
        return c
    return c if p.population < MINOR_SEAT_SHARE * c.population else p


@dataclass(frozen=True)
class _Evidence:
    """One kind of mention evidence: which mentions it covers, when the joint answer needs fixing, the fix."""

    tag: str  # memo key: fixes are computed once per (tag, surface) and document
    applies: Callable[[Any], bool]
    needs_fix: Callable[[Any], bool]
    fix: Callable[..., Any]


# the first rule that applies to a mention decides
_EVIDENCE = (
    _Evidence("country", lambda m: m.adjective or m.kind == "country",
              lambda c: c is None or c.kind != "country", _as_country),
    _Evidence("admin1", lambda m: m.region_phrase, lambda c: True, _region_phrase),
    _Evidence("place", lambda m: True, lambda c: c is not None and c.kind == "admin1", _as_namesake_city),
)


# ============================================================================================== anaphora
def _add_anaphora(text: str, rms: list[ResolvedMention]) -> list[ResolvedMention]:
    """"the region" / "the city" / "the country" → the latest compatible mention (kept apart as anaphors)."""
    out = list(rms)
    ordered = sorted(rms, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    # per kind: mention end offsets in text order and the mentions, for "latest compatible mention before"
    by_kind: dict[str, tuple[list[int], list[ResolvedMention]]] = {}
    from geomap.text.subjects import NOUN_MAX_POP, OFFICE_AFTER_RE

    # not "Belgorod Governor …": a name that is an office's is no antecedent of "the town"
    for m in sorted((m for m in rms if m.cand is not None and not OFFICE_AFTER_RE.match(text, m.end)),
                    key=lambda m: m.end):
        ends, ms = by_kind.setdefault(m.cand.kind, ([], []))
        ends.append(m.end)
        ms.append(m)
    for a in _ANAPHORA.finditer(text):
        kind = _ANA_KIND[a.group("w").lower()]
        # "the Sumy region" is a region phrase, not an anaphor
        j = bisect.bisect_right(starts, a.start())
        if (j > 0 and ordered[j - 1].end > a.start()) or (j < len(ordered) and ordered[j].start < a.end()) or any(
                m.start <= a.start() < m.end for m in ordered[max(0, j - 8):j]):
            continue
        ends, ms = by_kind.get(kind, ([], []))
        k = bisect.bisect_right(ends, a.start())
        if k == 0:
            continue
        src = ms[k - 1]
        if src.role == "dateline" and a.group("w").lower() != "city":
            continue  # "the city" may be the dateline's city; "the village" after "BEIRUT:" is not Beirut
        if (src.cand.population or 0) >= NOUN_MAX_POP.get(a.group("w").lower(), float("inf")):
            continue  # "About 1 km east of the village" after "55 km north of Seoul": the village is not Seoul
        out.append(ResolvedMention(a.start(), a.end(), a.group(0), src.key, kind, False, kind == "admin1",
                                   "location", src.cand, anaphor=True))
    out.sort(key=lambda m: m.start)
    return out


_MD_MARKUP = re.compile(r"\]\([^)\s]*\)|\[(?=[^\]\n]*\]\()|\*{1,3}|(?<![\w])_{1,3}|_{1,3}(?![\w])|`+")


def _mask_markdown(text: str) -> str:
    """``text`` with Markdown emphasis, code ticks and link syntax replaced by spaces (same length)."""
    return _MD_MARKUP.sub(lambda m: " " * len(m.group(0)), text)
