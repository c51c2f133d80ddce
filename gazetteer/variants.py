"""Spelling variants of place names, generated once when the name index is built (never per query).

Newsrooms write Arabic names in their own transliterations: "Ras al-Ain", "Ra's al-'Ayn" and "Ras el Ain" are
one town; GeoNames holds some of them. For a place of an Arabic-speaking country each of its names (already
normalised: "ra al ayn") gets extra keys from a table of small rules:

- the article in all its written forms: al / el and the assimilated ones before "sun letters" (ad-, ar-, as-,
  ash-, at-, az-, an-...), and none at all before a long enough word ("al qamishli" -> "qamishli");
- letter families of common name words: 'Ayn / Ain / Ein, Ras / Ra's, Tal / Tall / Tell / Tel, Deir / Dayr / Dair;
- doubled letters written single or double ("rifat" / "rifaat", "isa" / "issa");
- "u" written the French way, "ou" ("yarun" / "yaroun", "hula" / "houla"), and back.

For a place of Ukraine, Russia or Belarus the Latin forms get the usual y/i pairs ("huliaipole" / "hulyaipole").
At most :data:`MAX_VARIANTS` keys per name. :func:`foreign_alt` decides which alternate-name postings are
weak: an Arabic-country place's own name written as the alternate name of a place elsewhere ("Ras al-Ayn", an
Arabic name of Rosh Ha'Ayin, Israel, is first the Syrian town).
"""

from __future__ import annotations

import re
from itertools import product

from gazetteer.normalize import normalize

__all__ = ["ARABIC_COUNTRIES", "EAST_SLAVIC", "SOUTH_ASIAN", "MAX_VARIANTS", "variants", "long_vowels", "foreign_alt",
           "case_forms"]

ARABIC_COUNTRIES = frozenset("SY IQ LB JO PS EG SA YE LY TN DZ MA SD AE OM KW QA BH MR".split())
EAST_SLAVIC = frozenset({"UA", "RU", "BY"})
SOUTH_ASIAN = frozenset({"IN", "PK", "BD", "NP", "AF", "LK"})
MAX_VARIANTS = 20
_SUN = ("sh", "th", "dh", "t", "d", "r", "z", "s", "n")
_ARTICLES = frozenset({"al", "el", "ul", "il", *(a + s for a in "ae" for s in _SUN)})
_FAMILIES = (("ain", "ayn", "ein"), ("ras", "ra"), ("tal", "tall", "tell", "tel"), ("deir", "dayr", "dair"))
_FAMILY = {w: fam for fam in _FAMILIES for w in fam}
_VOWELS = frozenset("aeiou")
_SLAVIC = (("ia", "ya"), ("iu", "yu"), ("ie", "ye"), ("yi", "i"))


def _article_forms(nxt: str, first: bool) -> list[str]:
    """Written forms of the Arabic article before the word ``nxt`` ("" = no article, only at the start)."""
    sun = next((s for s in _SUN if nxt.startswith(s)), None)
    forms = ["al", "el"] + ([f"a{sun}", f"e{sun}"] if sun else [])
    if first and len(nxt) >= 5:
        forms.append("")
    return forms


def _doublings(tok: str) -> list[str]:
    """The token with one doubled letter written single, or one single letter written double (a consonant
    between vowels, an "a" between consonants)."""
    out = []
    for k in range(1, len(tok)):
        if tok[k] == tok[k - 1]:
            out.append(tok[:k] + tok[k + 1:])
    for k in range(1, len(tok) - 1):
        c, a, b = tok[k], tok[k - 1], tok[k + 1]
        if c == a or c == b:
            continue
        if (c not in _VOWELS and a in _VOWELS and b in _VOWELS) or (c == "a" and a not in _VOWELS
                                                                    and b not in _VOWELS):
            out.append(tok[:k] + c + tok[k:])
    return out


def _arabic(key: str) -> list[str]:
    toks = key.split()
    if not toks or len(toks) > 5 or not key.isascii():
        return []
    opts: list[list[str]] = []
    for i, t in enumerate(toks):
        if t in _ARTICLES and i + 1 < len(toks):
            forms = _article_forms(toks[i + 1], i == 0)
        elif t == "ra" and i + 1 < len(toks) and toks[i + 1] in _ARTICLES:  # "Ra's" lost its "'s"
            opts.append(["ras", "ra"])
            continue
        else:
            forms = list(_FAMILY.get(t, ()))
        opts.append([t, *(f for f in forms if f != t)])  # the written form first
    out: list[str] = []
    for combo in product(*opts):
        out.append(" ".join(w for w in combo if w))
        if len(out) >= 12:
            break
    for b in out[:2]:  # doubled letters, one word at a time (the written form and its first variant)
        bt = b.split()
        for j, t in enumerate(bt):
            if t in _ARTICLES or t in _FAMILY or len(t) < 3:
                continue
            out += [" ".join([*bt[:j], d, *bt[j + 1:]]) for d in _doublings(t)]
    for b in out[:2]:  # French-school "ou" for "u" ("Yaroun", "Houla", "Makhmour"), and back
        out.append(b.replace("ou", "u") if "ou" in b else re.sub(r"(?<![aeiou])u", "ou", b))
    return out


def _slavic(key: str) -> list[str]:
    if not key.isascii():
        return []
    out = []
    for a, b in _SLAVIC:
        if a in key:
            out.append(key.replace(a, b))
    return out


def variants(key: str, country: str) -> list[str]:
    """Extra index keys for the normalised name ``key`` of a place in ``country`` (ISO2); [] when none apply.

    >>> "ras al ain" in variants("ra al ayn", "SY")
    True
    >>> "qamishli" in variants("al qamishli", "SY")
    True
    """
    if country in ARABIC_COUNTRIES:
        out = _arabic(key)
    elif country in EAST_SLAVIC:
        out = _slavic(key)
    else:
        return []
    seen = dict.fromkeys(v for v in out if v and v != key)
    return list(seen)[:MAX_VARIANTS]


def long_vowels(name: str, country: str) -> str | None:
    """The newsroom spelling of a South Asian name whose long vowels GeoNames marks: ū as "oo", ī as "ee"
    ("Akhnūr" -> "akhnoor", "Pūnch" -> "poonch"; folding alone gives "akhnur"); the normalised key, or None.

    >>> long_vowels("Akhnūr", "IN")
    'akhnoor'
    """
    if country not in SOUTH_ASIAN or not ("ū" in name or "ī" in name):
        return None
    return normalize(name.replace("ū", "oo").replace("ī", "ee").replace("Ū", "Oo").replace("Ī", "Ee")) or None


# Russian and Ukrainian adjective endings of a region name (the word before "область" / "край"): nominative ->
# the other cases ("Сумской области", "у Курській області", "Краснодарского края")
_CASES = (
    ("ая", ("ой", "ую", "ою")),  # ru feminine: Сумская -> Сумской, Сумскую
    ("ий", ("ого", "ому", "им", "ом")),  # ru/uk masculine: Краснодарский -> Краснодарского; Ставропольський
    ("ый", ("ого", "ому", "ым", "ом")),
    ("а", ("ої", "ій", "у", "ою")),  # uk feminine: Сумська -> Сумської, Сумській
)


def case_forms(base: str) -> list[str]:
    """Other grammatical cases of a Cyrillic region adjective (its name without the region word).

    >>> case_forms("сумська")  # normalised keys: "ї" and "й" lose their marks
    ['сумськоі', 'сумськіи', 'сумську', 'сумською']
    """
    if not base or base.isascii() or " " in base:
        return []
    for end, forms in _CASES:
        end = normalize(end)  # keys are normalised: "й" is "и" without its breve
        if base.endswith(end) and len(base) > len(end) + 2:
            stem = base[: -len(end)]
            return [normalize(stem + f) for f in forms]
    return []


def foreign_alt(holders: list[tuple[int, str, bool]]) -> set[int]:
    """Entity rows whose posting of one key is a weak alternate name: given (row, country, own name?) of the
    places bearing the key, the alternate-name holders outside the country of an Arabic-country place whose own
    name (or its variant) the key is."""
    own = {c for _r, c, is_own in holders if is_own and c in ARABIC_COUNTRIES}
    if not own:
        return set()
    return {r for r, c, is_own in holders if not is_own and c not in own}


def stray_alt(key: str, holders: list[tuple[int, str, bool, str]]) -> set[int]:
    """Entity rows whose alternate name ``key`` strayed from a namesake (GeoNames lists "Slov'iansk" among
    Nikopol's names): given (row, country, own name?, normalised own name) of the places bearing the key, when no
    place has it as its own name and, within one country, one holder's own name is close to the key (similarity
    ≥ 0.8) while another's is far from it (< 0.5), the far ones.

    >>> sorted(stray_alt("sloviansk", [(1, "UA", False, "nikopol"), (2, "UA", False, "slovyansk")]))
    [1]
    """
    if any(is_own for _r, _c, is_own, _n in holders):
        return set()
    from difflib import SequenceMatcher

    by_country: dict[str, list[tuple[int, float]]] = {}
    for r, c, _own, name in holders:
        by_country.setdefault(c, []).append((r, SequenceMatcher(None, key, name).ratio()))
    out: set[int] = set()
    for rows in by_country.values():
        if len(rows) > 1 and max(sim for _r, sim in rows) >= 0.8:
            out |= {r for r, sim in rows if sim < 0.5}
    return out
