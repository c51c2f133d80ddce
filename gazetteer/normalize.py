"""What "the same name" means, for the whole project (stdlib only): the index builder, the resolver, the
spotter and the pack build all compare names through this module.

``normalize`` is the lookup key: it folds case, removes combining marks (diacritics) while keeping the base
letters of every script (Cyrillic, Greek, Arabic...), unifies apostrophes, hyphens and spaces, expands "St."/"Ste"
to "saint", drops possessive "'s" and a leading "the". Two names are the same name when their keys are equal.
``split_region`` recognises generic region words (``REGION_WORDS``: "oblast", "region", "province",
"область"...) so that "Sumy region" and "Сумська область" reach the admin-1 entity; ``ADMIN2_WORDS`` are the
generic words of second-level divisions ("county", "raion"); ``REGION_PHRASE_WORDS`` the English words that make a
name a region phrase in news ("the Sumy region", "Kharkiv Oblast"). ``join_key`` is a looser key for joining two
boundary tables by name (ASCII-folded, generic words and punctuation dropped: "Sums'ka oblast" ~ "Sumska").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["normalize", "plain_key", "split_region", "REGION_WORDS", "REGION_PHRASE_WORDS", "LABEL_REGION_WORDS",
           "ADMIN2_WORDS", "ADMIN2_ABBREVIATIONS", "name_form", "demonym_bases", "has_control", "strip_generic_tail",
           "join_key"]

_APOS = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032\u02b9\uff07"})
_DASH = re.compile(r"[\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212_/]+")
_INITIALISM = re.compile(r"(?<![\w.])((?:\w\.){2,})(?!\w)")
_OPEN_INITIALISM = re.compile(r"(?<![\w.])((?:\w\.)+\w)(?![\w.])")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
_NONWORD = re.compile(r"[^\w\s'.]+")
_SPACE = re.compile(r"\s+")
_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*\Z")

# token rewrites applied after folding (abbreviations that GeoNames spells both ways)
_TOKENS = {"st": "saint", "ste": "saint", "sainte": "saint", "ft": "fort", "mt": "mount", "mtn": "mountain"}

# generic words for first-level regions, normalised (English, Ukrainian/Russian, a few others)
REGION_WORDS = frozenset({
    "oblast", "oblast'", "oblasts", "region", "regions", "province", "provinces", "governorate", "governorates",
    "state", "krai", "kray", "okrug", "autonomous okrug", "prefecture", "voivodeship", "canton", "department",
    "область", "обл", "обл.", "край", "регион", "регіон", "округ", "губерния", "провинция", "провінція",
    "oblasti", "oblastʹ", "wilayah", "vilayet", "muhafazah",
    "области", "областью", "області", "областю", "края", "краю", "краем", "краі", "краи",  # case forms; "краи" is
    # "край" as keys spell it ("й" loses its breve in normalize)
})
_REGION_TOKENS = {w for w in REGION_WORDS if " " not in w}
# English words that follow a name in news and make it a region phrase ("the Sumy region", "Kharkiv Oblast";
# "county" makes a second-level division)
REGION_PHRASE_WORDS = ("region", "oblast", "province", "governorate", "krai", "okrug", "prefecture", "voivodeship",
                       "county", "state")
# the generic words a region's display label may carry ("Sumy Oblast", "Lviv Region"; not "Lagos State")
LABEL_REGION_WORDS = tuple(w for w in REGION_PHRASE_WORDS if w not in ("okrug", "state"))
# generic words of second-level divisions, normalised ("Laurel County", "Bakhmut Raion", "Nome Census Area")
ADMIN2_WORDS = frozenset({"county", "parish", "borough", "district", "raion", "rayon", "municipality", "township",
                          "census area", "city and borough"})
# news abbreviations of those words, normalised ("Loudon Co.")
ADMIN2_ABBREVIATIONS = {"co": "county", "cnty": "county", "twp": "township", "par": "parish"}

# trailing generic nouns after a country/adjective ("the Russian border", "Ukrainian territory")
GENERIC_TAIL = frozenset({
    "border", "borders", "frontier", "territory", "territories", "side", "soil", "forces", "army", "troops",
    "military", "government", "authorities", "officials", "capital", "people", "coast", "airspace", "waters",
    "mainland", "city", "town",
})


# words naming a part of a place around its name ("North London", "Southern California", "the Greater Toronto
# Area", "the Santa Clara Valley", "the Port of Los Angeles"): leading words, trailing words
PART_LEADING = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower",
    "greater", "downtown", "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "inner", "outer", "metro", "metropolitan", "suburban", "rural", "port of",
})
PART_TRAILING = frozenset({"area", "valley", "metro", "metro area", "metropolitan area", "suburbs", "outskirts"})


# a municipality's title before its name ("Town of Groton", "City of Oxford") and a compass initial written for the
# word ("W. Columbia"): forms of the name itself, tried only when the key matches nothing
TITLE_LEADING = frozenset({"town of", "city of", "village of", "borough of", "township of"})
COMPASS_INITIALS = {"n": "north", "s": "south", "e": "east", "w": "west"}


def name_form(key: str) -> str | None:
    """'town of groton' -> 'groton', 'w columbia' -> 'west columbia'; None when the key has neither a leading
    municipal title nor a leading compass initial (see ``TITLE_LEADING``, ``COMPASS_INITIALS``)."""
    toks = key.split()
    if len(toks) > 2 and " ".join(toks[:2]) in TITLE_LEADING:
        return " ".join(toks[2:])
    if len(toks) > 1 and toks[0] in COMPASS_INITIALS:
        return " ".join([COMPASS_INITIALS[toks[0]], *toks[1:]])
    return None


# a resident's noun ending a name ("Londoners", "New Londoner", "Richmondites", "Gazans", "Kyivans"): the endings
# cut off, longest first, to find the place the residents are named after
DEMONYM_ENDINGS = ("ites", "ite", "ers", "er", "ans", "an", "ns", "n")
DEMONYM_MIN = 4  # letters the place's name keeps at least


def demonym_bases(key: str) -> list[str]:
    """'new londoners' -> ['new london'], 'gazans' -> ['gaz', 'gaza']: the keys a resident's noun may come from,
    longest ending cut first (each keeps at least ``DEMONYM_MIN`` letters of its last word); [] for a key without
    such an ending."""
    toks = key.split()
    last = toks[-1] if toks else ""
    return [" ".join([*toks[:-1], last[:-len(e)]]) for e in DEMONYM_ENDINGS
            if last.endswith(e) and len(last) - len(e) >= DEMONYM_MIN]


def strip_part_words(key: str) -> str | None:
    """'north london' -> 'london', 'greater toronto area' -> 'toronto'; None when the key has no part word
    (see ``PART_LEADING``/``PART_TRAILING``) or nothing would be left."""
    toks = key.split()
    cut = False
    for n in (2, 1):
        if len(toks) > n and " ".join(toks[:n]) in PART_LEADING:
            toks, cut = toks[n:], True
            break
    for n in (2, 1):
        if len(toks) > n and " ".join(toks[-n:]) in PART_TRAILING:
            toks, cut = toks[:-n], True
            break
    return " ".join(toks) if cut and toks else None


_JOINERS = frozenset("\u200c\u200d\u00ad")  # ZWNJ/ZWJ (Persian, Indic names) and soft hyphen are text, not control


def has_control(s: str) -> bool:
    """True when ``s`` contains control or format characters (other than spaces, joiners and soft hyphens)."""
    if s.isprintable():  # fast path: no Cc/Cf character at all
        return False
    return any(unicodedata.category(c) in ("Cc", "Cf") and c not in _JOINERS for c in s)


def _strip_marks(s: str) -> str:
    if s.isascii():
        return s
    d = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


def plain_key(name: str) -> str | None:
    """The lookup key of a plain name (ASCII letters and single spaces only: most names), None for any other name.
    ``normalize``'s fast path, not memoised (``normalize`` takes every name)."""
    if not _PLAIN.match(name):
        return None
    low = name.lower()
    if " " not in low:
        return _TOKENS.get(low, low)
    toks = low.split(" ")
    if toks[0] == "the":
        toks = toks[1:]
    return " ".join([_TOKENS.get(t, t) for t in toks])


@lru_cache(maxsize=1 << 16)
def normalize(name: str) -> str:
    """Return the lookup key of a place name (see module docstring); '' when nothing is left. Memoised (pure);
    ``normalize.cache_clear()`` empties the memo."""
    key = plain_key(name)
    if key is not None:
        return key
    s = _strip_marks(name).casefold().translate(_APOS)
    s = _DASH.sub(" ", s)
    s = _POSSESSIVE.sub("", s)
    s = s.replace("'", "")
    # keep dotted initialisms ("u.s.", "d.c.") as one token; other dots become spaces
    if "." in s:
        s = _OPEN_INITIALISM.sub(r"\1.", s)  # "N.Y" -> "n.y."
        parts = _INITIALISM.split(s)
        s = "".join(p if i % 2 else p.replace(".", " ") for i, p in enumerate(parts))
    s = _NONWORD.sub(" ", s)
    toks = s.split()
    if not toks:
        return ""
    if toks[0] == "the" and len(toks) > 1:
        toks = toks[1:]
    return " ".join(_TOKENS.get(t, t) for t in toks)


def split_region(key: str) -> tuple[str, bool]:
    """Strip a leading/trailing generic region word from a normalised key: ("sumy oblast") -> ("sumy", True)."""
    toks = key.split()
    if len(toks) < 2:
        return key, False
    if toks[-1] in _REGION_TOKENS:
        toks = toks[:-1]
        if len(toks) >= 2 and toks[-1] == "autonomous":
            toks = toks[:-1]
        return " ".join(toks), True
    if toks[0] in _REGION_TOKENS and len(toks) >= 3 and toks[1] == "of":  # "state of florida"
        return " ".join(toks[2:]), True
    return key, False


def strip_generic_tail(key: str) -> str | None:
    """'russian border' -> 'russian'; None when the key has no generic trailing noun."""
    toks = key.split()
    if len(toks) >= 2 and toks[-1] in GENERIC_TAIL:
        return " ".join(toks[:-1])
    return None


_JOIN_DROP = re.compile(r"\b(oblast|oblast'|region|province|state|governorate|kray|krai|respublika|republic|of|the)\b")


def join_key(name: str) -> str:
    """A loose comparison key for joining two boundary tables by region name: ASCII-folded, lower case, without
    apostrophes, generic words ("oblast", "province", "republic", "of"...) and anything but letters and digits
    ("Sums'ka oblast'" -> "sumska"). Not a lookup key (see ``normalize``)."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"['’ʼ`]", "", s)
    s = _JOIN_DROP.sub(" ", s)
    return re.sub(r"[^a-z0-9]+", "", s)
