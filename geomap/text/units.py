"""Distance expressions in text: numbers, ranges, units and hedging qualifiers, with character spans.

``find_distances(text)`` returns every distance expression ("about 60 kilometers (37 miles)", "20–30 km",
"a 12-km strip", "twelve kilometres", "up to 8 km") as :class:`Distance` objects whose values are in **km**.
When a sentence gives both a metric and an imperial figure ("60 kilometers (37 miles)" or "37 miles (60 km)") the
km figure wins and the bracketed conversion becomes part of the span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Distance", "find_distances", "QUALIFIERS", "qualifier_class"]

from geomap.records import KM_PER_UNIT

KM_PER_MILE = KM_PER_UNIT["mile"]

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100,
    "a dozen": 12, "dozen": 12, "half a": 0.5, "a": 1, "an": 1, "a quarter": 0.25, "a quarter of a": 0.25,
    "quarter of a": 0.25, "three quarters of a": 0.75, "three-quarters of a": 0.75,
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_W = "one|two|three|four|five|six|seven|eight|nine"
_WORD_NUM = (
    rf"(?:(?:{_TENS})[- ](?:{_UNITS_W})|a\s+hundred|one\s+hundred|a\s+dozen|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    rf"seventeen|eighteen|nineteen|{_TENS}|(?<!several\s)(?<!few\s)(?<!many\s)hundred)"
)  # ("several hundred metres", "a few hundred metres": not 100 m — read as ranges by _vague_hundreds)
_DIGIT_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# "a kilometre", "half a mile", "three-quarters of a mile", "a quarter-mile": only before a spelled-out unit
_A_NUM = (r"(?:three[- ]quarters\s+of\s+a|a\s+quarter(?:\s+of\s+a)?|quarter\s+of\s+a|half\s+a|a|an)"
          r"(?=[\s-]+(?:kilomet(?:re|er)|mile|met(?:re|er))\b)")
# "six and a half", "two-and-a-half", "2½": a fraction after a whole number
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "½": 0.5, "¼": 0.25, "¾": 0.75}
_AND_FRACTION = r"(?:\s+and\s+a\s+|-and-a-)(?:half|quarter)\b"
_NUM = rf"(?:(?:{_DIGIT_NUM}|{_WORD_NUM})(?:{_AND_FRACTION})?|\d*[½¼¾]|{_A_NUM})"

# unit alternatives → km factor (order: longest first)
_UNIT_RE = (
    r"(?P<unit>nautical\s+miles?|nmi|nm|kilomet(?:re|er)s?|kms?|miles?|mi|metres?|meters?|m|yards?|yds?)"
)
KM_PER_NMI = KM_PER_UNIT["nmi"]
_UNIT_FACTORS = KM_PER_UNIT

_RANGE_SEP = r"(?:\s*[-–—]\s*|\s+to\s+|\s+or\s+|\s+and\s+)"

# qualifier phrases (lower case) → canonical qualifier; longest first in the regex
QUALIFIERS: dict[str, str] = {
    "about": "about", "around": "about", "some": "about", "roughly": "about", "approximately": "about",
    "approx.": "about", "approx": "about", "an estimated": "about", "estimated": "about", "close to": "about",
    "circa": "about", "c.": "about", "~": "about",
    "nearly": "nearly", "almost": "nearly", "just under": "nearly", "barely": "nearly", "not quite": "nearly",
    "up to": "up to", "as much as": "up to", "does not exceed": "up to", "do not exceed": "up to",
    "not exceeding": "up to", "a maximum of": "up to", "maximum of": "up to", "closer than": "less than",
    "not less than": "at least", "a minimum of": "at least", "a little over": "more than",
    "a little more than": "more than", "slightly more than": "more than", "just over half": "more than", "as far as": "up to", "as far back as": "up to", "as deep as": "up to", "no more than": "up to", "at most": "up to",
    "within": "within",
    "less than": "less than", "under": "less than", "fewer than": "less than", "below": "less than",
    "at least": "at least", "no less than": "at least", "as little as": "at least",
    "more than": "more than", "over": "more than", "just over": "more than", "beyond": "more than",
    "in excess of": "more than", "upwards of": "more than", "above": "more than",
    "only": "exact", "just": "exact", "exactly": "exact", "a mere": "exact", "mere": "exact",
}

_QUAL_CLASS = {
    "exact": "approx", "about": "approx", "nearly": "nearly", "up to": "max", "within": "max",
    "less than": "max", "at least": "min", "more than": "min", "range": "range",
}


def qualifier_class(qualifier: str | None) -> str:
    """Tolerance class of a canonical qualifier: "approx", "nearly", "max", "min" or "range"."""
    return _QUAL_CLASS.get(qualifier or "exact", "approx")


# a qualifier may be wrapped over a line break ("less\nthan 40 km")
_QUAL_ALT = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True))

_DIST_RE = re.compile(
    rf"(?<![\w.,])(?P<n1>{_NUM})"
    rf"(?:\s*(?P<u1>kilomet(?:re|er)s?|kms?|miles?|mi|metres?|meters?)\b)?"
    rf"(?:{_RANGE_SEP}(?P<n2>{_NUM}))?"
    rf"(?:\s*-\s*|\s+|(?=[a-z]))"
    rf"{_UNIT_RE}\b"
    r"(?P<half>\s+and\s+a\s+half\b)?"  # "a kilometre and a half"
    # "(37 miles)", or ", or 40 miles," between commas: the same distance in the other unit
    r"(?P<conv>(?:(?P<br>\s*[(\[])|,\s*or\s+)\s*(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+|almost\s+|~\s*)?"
    rf"(?P<cn1>{_DIGIT_NUM}|{_WORD_NUM})(?:\s*[-–—]\s*(?P<cn2>{_DIGIT_NUM}))?\s*-?\s*"
    r"(?P<cunit>kilomet(?:re|er)s?|kms?|miles?|mi|feet|ft|metres?|meters?|m)(?(br)\s*[)\]]|(?=\s*,)))?"
    r"(?P<abbr>\s*[(\[]\s*(?:kms?|mi|nmi|m)\.?\s*[)\]])?",  # "three kilometres (km) inside": the unit's short form
    re.IGNORECASE,
)
# a qualifier right before the number ("about ", "up to ", "~")
_QUAL_BACK = re.compile(rf"(?:(?<=[^\w])|^)(?P<qual>{_QUAL_ALT})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Distance:
    """A distance expression: span (char offsets into the text), low/high in km (equal unless a range)."""

    start: int
    end: int
    low_km: float
    high_km: float
    unit: str  # unit as written in the primary figure: "km", "mile", "m"
    qualifier: str  # canonical: exact/about/nearly/up to/within/less than/at least/more than/range
    qualifier_text: str | None
    text: str
    number_start: int = field(default=0, compare=False)

    @property
    def is_range(self) -> bool:
        """Whether a range was stated ("20–30 km")."""
        return self.high_km != self.low_km

    @property
    def stated(self) -> float | list[float]:
        """The stated value: a number of km, or [low, high] for a range (rounded to 3 decimals)."""
        if self.is_range:
            return [round(self.low_km, 3), round(self.high_km, 3)]
        return round(self.low_km, 3)


def _num(s: str) -> float | None:
    """The value of a number as written: digits, words, "a", "half a", "six and a half", "2½"."""
    s = s.strip().lower()
    if not s:
        return None
    if s[-1] in "½¼¾":
        whole = _num(s[:-1]) if len(s) > 1 else 0.0
        return None if whole is None else whole + _FRACTIONS[s[-1]]
    fm = re.search(r"(?:\s+and\s+a\s+|-and-a-)(half|quarter)$", s)
    if fm:
        whole = _num(s[:fm.start()])
        return None if whole is None else whole + _FRACTIONS[fm.group(1)]
    if s[0].isdigit():
        return float(s.replace(",", ""))
    s = re.sub(r"\s+", " ", s)
    if s in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[s])
    parts = re.split(r"[- ]", s)
    if len(parts) == 2 and parts[0] in _NUMBER_WORDS and parts[1] in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[parts[0]] + _NUMBER_WORDS[parts[1]])
    return None


def _unit_key(u: str) -> str | None:
    u = u.lower()
    if u.startswith("nautical") or u in ("nmi", "nm"):  # "150nm east of Aden": maritime copy's nautical miles
        return "nmi"
    if u.startswith("kilomet") or u in ("km", "kms"):
        return "km"
    if u.startswith("mile") or u == "mi":
        return "mile"
    if u.startswith("met") or u == "m":
        return "m"
    if u.startswith(("yard", "yd")):
        return "yd"
    return None


# "several hundred metres", "a few hundred yards": a vague figure, read as the range it allows (not 100 m)
_VAGUE_HUNDREDS = re.compile(r"\b(?P<q>several|a\s+few|few)\s+hundred\s+(?P<u>metres?|meters?|yards?|"
                             r"kilomet(?:re|er)s?|km|miles?)\b", re.IGNORECASE)
VAGUE_HUNDREDS = {"several": (200.0, 900.0), "few": (200.0, 500.0)}  # in the unit written


def _vague_hundreds(text: str) -> list[Distance]:
    """The vague figures of :data:`_VAGUE_HUNDREDS` as ranges: "several hundred metres" is 0.2–0.9 km."""
    out = []
    for m in _VAGUE_HUNDREDS.finditer(text):
        lo, hi = VAGUE_HUNDREDS["several" if m.group("q").lower() == "several" else "few"]
        unit = _unit_key(m.group("u"))
        f = _UNIT_FACTORS[unit]
        out.append(Distance(m.start(), m.end(), lo * f, hi * f, unit, "range", m.group("q"), m.group(0),
                            number_start=m.start()))
    return out


# "the 105-Mile Trade Zone" (a name), not "a 30-Kilometre Safe Zone" (a zone's depth written in capitals)
_NAMED_FIGURE_RE = re.compile(r"\d[\d,.]*-(?:Mile|Kilomet(?:re|er)|Km)s?\s+(?!(?:Safe|Security|Buffer|Exclusion|"
                              r"Demilitari[sz]ed|No[- ]Fly|No[- ]Go|Deep|Wide|Radius|Zone|Strip|Belt|Corridor)\b)[A-Z]")


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` is in title case (a headline: most of its words capitalised)."""
    a, b = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    words = re.findall(r"[^\W\d_][\w’'-]*", text[a:b if b >= 0 else len(text)])
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def find_distances(text: str) -> list[Distance]:
    """All distance expressions in ``text`` (values in km), in order of appearance."""
    out = _vague_hundreds(text)
    for m in _DIST_RE.finditer(text):
        if _same_unit_alternative(m):
            out.extend(_distances_at(text, (m.start(), m.start("conv")), (m.start("conv"), m.end())))
            continue
        d = _distance(text, m)
        if d is None or (_NAMED_FIGURE_RE.match(text, d.number_start or d.start) and not _title_case_line(text, d.start)):
            continue  # ("the 105-Mile Trade Zone": a name with a figure in it; not in a headline's title case)
        first = _first_of_two(text, m, d)
        if first is not None:
            out.append(first)
        out.append(d)
    return sorted(out, key=lambda d: d.start)


def _same_unit_alternative(m: re.Match) -> bool:
    """"20 km, or 30 km, from Kyiv": two figures in one unit after a comma are alternatives, not a conversion."""
    if not m.group("conv") or m.group("br") is not None:
        return False
    return _unit_key(m.group("cunit")) == _unit_key(m.group("u1") or m.group("unit"))


def _distances_at(text: str, *spans: tuple[int, int]) -> list[Distance]:
    """The distance expressions found within each span of ``text`` (offsets kept)."""
    out = []
    for a, b in spans:
        for m in _DIST_RE.finditer(text[:b], a):
            d = _distance(text[:b], m)
            if d is not None and d.end <= b:
                out.append(d)
    return out


def _first_of_two(text: str, m: re.Match, second: Distance) -> Distance | None:
    """"25 km and 30 km from the border": two figures, each with its unit, joined by "and"/"or" (no "between"):
    the first is a distance of its own (the match gave the second)."""
    if not m.group("n2") or second.start != m.start("n2"):
        return None
    if m.group("u1"):
        sub = _DIST_RE.match(text[:m.end("u1")], m.start("n1"))
        return _distance(text, sub) if sub is not None and sub.end() == m.end("u1") else None
    # "attacks nine and 12 km from the capital": the first figure shares the unit
    n1 = _num(m.group("n1"))
    unit = _unit_key(m.group("unit"))
    if n1 is None or unit is None or second.unit != unit or not m.group("n1")[0].isdigit() and \
            m.group("n1").lower() in ("a", "an", "half a"):
        return None
    start, qtext = _qualifier_before(text, m.start())
    km = n1 * _UNIT_FACTORS[unit]
    return Distance(start=start, end=m.end("n1"), low_km=km, high_km=km, unit=unit, qualifier=_canonical(qtext),
                    qualifier_text=qtext, text=text[start:m.end("n1")], number_start=m.start("n1"))


def _qualifier_before(text: str, pos: int) -> tuple[int, str | None]:
    """(start of the expression, qualifier as written or None): a qualifier right before ``pos`` ("about ")."""
    qm = _QUAL_BACK.search(text, max(0, pos - 25), pos)
    return (qm.start("qual"), qm.group("qual")) if qm else (pos, None)


def _canonical(qtext: str | None) -> str:
    """The canonical qualifier of one as written ("exact" for none)."""
    return QUALIFIERS.get(" ".join(qtext.lower().split()), "about") if qtext else "exact"


def _distance(text: str, m: re.Match) -> Distance | None:
    """The distance expression of one match of ``_DIST_RE``, with its qualifier; None when it is not one."""
    end = m.end()
    start, qtext = _qualifier_before(text, m.start())
    # the match must start and end on word boundaries
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"):
        return None
    figures = _figures(m)
    if figures is None:
        return None
    n1, n2, unit = figures
    before = text[max(0, start - 12):start].lower()
    start, n1, n2 = _range_start(text, m, start, before, qtext, n1, n2)
    if start >= end or _area_or_speed(text[end:end + 12].lower(), before):
        return None
    low, high = n1, (n2 if n2 is not None else n1)
    if high < low:
        low, high = high, low
    low_km, high_km, unit = _in_km(m, low, high, unit)
    qual = _canonical(qtext)
    if high_km != low_km:
        qual = "range" if qual in ("exact", "about") else qual
    return Distance(start=start, end=end, low_km=low_km, high_km=high_km, unit=unit, qualifier=qual,
                    qualifier_text=qtext, text=text[start:end], number_start=m.start("n1"))


def _figures(m: re.Match) -> tuple[float, float | None, str] | None:
    """(first number, second number or None, unit key) of a match; None when the figures do not make a distance
    (a bare "m"/"mi" after a word number, mixed units "5 km to 10 miles")."""
    unit_word = m.group("unit")
    n1s, n2s = m.group("n1"), m.group("n2")
    # a bare "m" or "mi" must follow a digit directly or after one space ("500 m", "500m"), never a word number
    if unit_word.lower() in ("m", "mi") and not n1s[0].isdigit() and not (n2s and n2s[0].isdigit()):
        return None
    n1 = _num(n1s)
    n2 = _num(n2s) if n2s else None
    unit = _unit_key(unit_word)
    if n1 is None or unit is None:
        return None
    if m.group("half"):  # "a mile and a half": the half belongs to the (last) figure
        if n2 is not None:
            n2 += 0.5
        else:
            n1 += 0.5
    u1 = m.group("u1")
    if u1 and _unit_key(u1) != unit:
        if not (_unit_key(u1) == "m" and unit == "km" and n2 is not None):
            return None  # "5 km to 10 miles" is no range; "300 metres to one kilometre" is
        n1 *= _UNIT_FACTORS["m"]
    return n1, n2, unit


def _range_start(text: str, m: re.Match, start: int, before: str, qtext: str | None, n1: float,
                 n2: float | None) -> tuple[int, float, float | None]:
    """(start, n1, n2) once a two-figure match is read: "between 5 and 10 km" is a range starting at "between";
    "5 and 10 km" without it is the second figure only."""
    between = re.search(r"\b(between|from)\s+$", before) if not qtext else None
    if m.group("n2"):
        sep_text = text[m.end("n1"):m.start("n2")]
        if re.search(r"\bor\b", sep_text) and not m.group("u1"):
            return start, n1, n2  # "one or two kilometres": a range
        if re.search(r"\b(and|or)\b", sep_text) and not between:
            return m.start("n2"), n2, None
        if between:
            start -= len(between.group(0))
    return start, n1, n2


def _area_or_speed(after: str, before: str) -> bool:
    """Whether the text after (``after``, lower case) or before (``before``) the figure makes it an area or a
    speed ("km²", "sq km", "square kilometres", "km/h", "per hour"), which is not a distance."""
    return bool(re.match(r"\s*(/\s*h|per hour|an hour|²|2\b|sq)", after) or re.search(r"square\s*$", before))


def _in_km(m: re.Match, low: float, high: float, unit: str) -> tuple[float, float, str]:
    """(low km, high km, unit) of the figures; a bracketed km conversion wins over miles ("37 miles (60 km)"),
    a metre conversion over miles."""
    factor = _UNIT_FACTORS[unit]
    low_km, high_km = low * factor, high * factor
    if m.group("conv"):
        cunit = _unit_key(m.group("cunit"))
        cn1 = _num(m.group("cn1"))
        cn2 = _num(m.group("cn2")) if m.group("cn2") else cn1
        if cunit == "km" and unit != "km" and cn1 is not None:
            low_km, high_km = cn1, cn2 if cn2 is not None else cn1
            unit = "km"
        elif cunit == "m" and unit in ("mile", "yd") and cn1 is not None:
            low_km, high_km = cn1 / 1000, (cn2 or cn1) / 1000
            unit = "m"
    return low_km, high_km, unit
