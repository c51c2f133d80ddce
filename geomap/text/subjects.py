"""Which thing a distance is about: the noun phrase that a claim's figure is attached to.

Real copy puts the located thing right before the figure, joined by a copula, a relative clause or a comma:
"Sudzha, 10 km inside Russia", "the Sudzha gas hub, which is about 8 km from the border", "Mainok, a town 60 km
from Maiduguri", "Kharkiv, Ukraine's second-largest city, is less than 40 km south of the border", "A vessel 60
nautical miles southeast of Aden". :func:`subject_phrase` walks left from the figure over those link words and
reads the phrase it finds:

``name``      capitalised words ("Adan Yabaal", "Russkoye Porechnoye"); possessors are cut ("Yemen's Aden" →
              "Aden"); a locative phrase after it is skipped ("Renk in South Sudan's Upper Nile state is …" → Renk)
``facility``  a name followed by a facility noun ("the Sudzha gas hub", "the Zamzam displacement camp"): not the
              place it is named after
``common``    a phrase with no name ("a vessel", "the kibbutz", "an attack"): no named subject — never a place
              named earlier in the sentence
``pronoun``   "It", "the city", "the town": the place of the sentence before (resolved by the caller)
``appositive`` "a town", "another frontline village", "the provincial capital" after a comma: the name before
              the comma is the subject

This module is pure text; the caller matches the phrase to the document's mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SubjectPhrase", "subject_phrase", "is_link_word", "FACILITY_NOUNS", "SETTLEMENT_NOUNS", "OFFICE_AFTER_RE",
           "NOUN_MAX_POP", "WATER_WORDS", "WATER_NAME_RE"]

SETTLEMENT_NOUNS = frozenset(
    "city town village settlement hamlet kibbutz moshav capital port township suburb outskirts neighbourhood "
    "neighborhood district community locality".split())
FACILITY_NOUNS = frozenset(
    "camp camps hub base bases plant station airport airbase airfield facility depot outpost post posts crossing "
    "bridge dam refinery mine hill mountain valley sector terminal complex compound checkpoint garrison "
    "barracks prison hospital clinic school schools site sites church mosque university warehouse factory farm shelter "
    "shelters market square street road highway npp nps aes hpp tpp chp chpp".split())
# the last word of a sea's or gulf's name ("the Red Sea", "the Persian Gulf"): a name ending so is water, not land
WATER_WORDS = frozenset({"sea", "ocean", "gulf"})
WATER_NAME_RE = re.compile(r"\b(?:" + "|".join(sorted(w.title() for w in WATER_WORDS)) + r")$")
# the most people a place named by this noun can have ("the village" is never Seoul, "the town" never Kyiv)
NOUN_MAX_POP = {"village": 100_000, "hamlet": 100_000, "settlement": 100_000, "kibbutz": 100_000, "town": 1_000_000}
REGION_NOUNS = frozenset("state province region oblast governorate county area".split())
# before "capital": a region's seat, never the country's ("the state capital", "the provincial capital")
SUBNATIONAL_WORDS = frozenset("state provincial province regional region district county oblast governorate "
                              "departmental local".split())
# a name after one of these is a person's ("commander Khalifa Haftar", "General Hemedti"), never a place
PERSON_TITLES = frozenset(
    "commander general gen president minister leader spokesman spokeswoman governor colonel col mayor chief marshal "
    "warlord mr mrs ms dr lt lieutenant major maj captain capt sheikh emir king prince premier chancellor senator "
    "ambassador envoy secretary sergeant sgt brigadier admiral".split())
# titles that are adjectives when written in lower case ("a major Israeli city", "the general Syrian area")
_ADJECTIVE_TITLES = frozenset({"major", "general", "chief"})
# "Belgorod Governor Vyacheslav Gladkov", "the Kharkiv regional governor": the name is an office's, not a place a
# later "the town" can mean
OFFICE_AFTER_RE = re.compile(r"\s+(?:(?:region(?:al)?|oblast|province|provincial|state|city|district)\s+)?"
                             r"(?:governor|mayor|administration|authorities|officials?|police|council|prosecutors?)\b",
                             re.IGNORECASE)
# a capitalised phrase ending in one of these is an organisation or a force, never a located place
ORGANISATION_WORDS = frozenset(
    "army forces force ministry party front command guard guards brigade brigades battalion regiment division "
    "council agency committee operations government administration office service services corps navy militia "
    "police movement organisation organization group coalition alliance authority authorities union".split())
# what war reporting locates besides places: forces, vessels, positions, zones
THING_NOUNS = frozenset(
    "forces force troops units unit soldiers fighters rebels militants insurgents tanks convoy vessel vessels ship "
    "ships boat tanker drone drones positions position airspace settlements villages bases camps "
    "army incursion advance zone strip belt corridor buffer line front frontline attack attacks incident strike "
    "strikes shell shells explosion explosions fighting clashes posts trenches".split())
_HEADS = SETTLEMENT_NOUNS | FACILITY_NOUNS | REGION_NOUNS | THING_NOUNS
_LINK = frozenset(
    "which that who where is are was were lies lie lay sits sit stands stand located situated lying being based "
    "now still just only reportedly currently also itself nestled perched set indeed however though actually "
    "apparently".split())
_DETERMINERS = frozenset("the a an its their this that another his her our".split())
_PRONOUNS = frozenset({"it", "which", "it’s", "it's"})  # "It's 60km SE from Tripoli"
_CAP_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "de", "du", "la", "le", "of", "bin",
                            "ibn", "abu", "um", "umm", "and",
                            # "Mocímboa da Praia", "Nhica do Rovuma", "Dar es Salaam", "Den Haag"
                            "da", "do", "dos", "das", "del", "della", "di", "des", "der", "den", "van", "von", "es"})
_TOKEN = re.compile(r"[A-Za-z\u00C0-\u024F\u0400-\u04FF][\w\u00C0-\u024F\u0400-\u04FF’'.-]*|[,;:()\"“”«»—–|\n]| {3,}")
_QUOTES_COMMA = frozenset({",", '"', "“", "”", "«", "»", "(", ")", "|"})
_LOCATIVE_PREPS = frozenset({"in", "near", "outside", "inside", "on"})
_COMPASS_WORD = re.compile(r"(?:north|south|east|west|central)(?:-?(?:east|west))?(?:ern)?", re.IGNORECASE)
_ANAPHOR_MODIFIERS = frozenset("small nearby border frontline front-line besieged embattled".split())
_PREPOSITIONS = frozenset("in at from near outside inside around across along towards toward into beyond behind "
                          "through throughout within between on".split())


@dataclass(frozen=True)
class SubjectPhrase:
    """A subject phrase: ``kind`` (see the module docstring), its span (character offsets) and text, and for a
    ``name``/``facility`` the span of the name proper (``name_start``, ``name_end``)."""

    kind: str
    start: int
    end: int
    text: str
    name_start: int = -1
    name_end: int = -1


def is_link_word(word: str) -> bool:
    """Whether ``word`` only links a subject to its figure ("lies", "located", "which"): never a located thing."""
    return word.lower() in _LINK


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, end)]


def _is_cap(tok: str) -> bool:
    if re.match(r"(?:al|el|ad|ar|as|ash|at|az|an)-[A-Z]", tok):
        return True  # "al-Ain", "el-Fasher"
    return tok[:1].isupper() and not tok.isupper() or (tok.isupper() and len(tok) > 1 and tok.isalpha())


def _strip_possessive(tok: str) -> str:
    return re.sub(r"[’']s$", "", tok)


def _skip_links(toks: list[tuple[int, int, str]], i: int) -> int:
    """Index of the last token before the link words ending at token ``i``."""
    while i >= 0:
        w = toks[i][2].lower()
        if w in _LINK or toks[i][2] in _QUOTES_COMMA:
            i -= 1
        elif w == "fact" and i >= 1 and toks[i - 1][2].lower() == "in":
            i -= 2  # "the one in Bahawalpur, is, in fact, 100 km from …"
        else:
            break
    return i


# possessors that name a state, not the place a facility is named after ("China's base camp")
_COUNTRY_POSSESSORS = frozenset(
    "China India Pakistan Russia Ukraine Israel Iran Iraq Syria Turkey Lebanon Yemen Sudan Egypt Azerbaijan Armenia "
    "Belarus America Britain France Germany Korea Japan Myanmar Thailand Cambodia Afghanistan Kazakhstan".split())
_NOT_MODIFIERS = frozenset(
    "has have had is are was were be been being do does did will would could can may might must shall should "
    "from to in on at by with for of as than and or but into onto over under near about around".split())


def _modifier(tok: str, head: str) -> bool:
    """Whether lowercase ``tok`` can modify ``head`` ("gas hub", "displacement camp"; not "has", "massed",
    "from"); forces and things take no lowercase modifier between them and a name ("Houthi forces")."""
    if not re.fullmatch(r"[a-z][a-z-]*", tok) or tok in _DETERMINERS or tok in _NOT_MODIFIERS:
        return False
    if head in THING_NOUNS:
        return False
    return not (tok.endswith("ed") and tok not in ("armed", "fortified", "disputed", "occupied", "contested"))


# day and month names (not "may", a verb too): never words of a name ("arrived on Monday in Shendi")
CALENDAR_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april "
                           "june july august september october november december".split())
# "Russian-occupied", "Houthi-controlled", "rebel-held": a compound adjective saying who holds the place named next
_CONTROL_ADJ = re.compile(r"[\w’']+-(?:occupied|held|controlled|annexed|administered|besieged|run|backed|captured)",
                          re.IGNORECASE)


def _read_phrase(toks: list[tuple[int, int, str]], i: int) -> tuple[int, int, list[int], list[int]]:
    """Walk left from token ``i`` over a noun phrase: (first index, last index, name token indices, head indices)."""
    last = i
    heads: list[int] = []
    names: list[int] = []
    while i >= 0:
        t = toks[i][2]
        low = t.lower()
        if low in _HEADS and not names:
            heads.append(i)
        elif heads and not names and t.endswith(("’s", "'s")):
            if any(toks[h][2].lower() in FACILITY_NOUNS for h in heads) and _is_cap(t):
                names.append(i)  # "Kursk's nuclear power plant": a facility named after the place
                i -= 1
                break
            # "Ukraine's second-largest city": a possessor of a settlement word is a modifier
        elif names and low in _PREPOSITIONS:
            break  # "In Guevo, a village 3 km inside Russia": a sentence-initial preposition is no part of the name
        elif low in CALENDAR_WORDS:
            break  # "arrived on Monday in Shendi": a day or month is no name
        elif names and _CONTROL_ADJ.fullmatch(t):
            break  # "Russian-occupied Kherson", "rebel-held Goma": who holds the place is no part of its name
        elif _is_cap(t) and low not in _LINK and low not in _DETERMINERS:
            if names and t.endswith(("’s", "'s")):
                break  # "Yemen's Aden": the possessor is not the head
            names.append(i)
        elif names and low in _CAP_PARTICLES and i > 0 and _is_cap(toks[i - 1][2]):
            names.append(i)
        elif heads and not names and _modifier(t, toks[heads[0]][2].lower()) and len(heads) + (last - i) <= 4:
            pass  # a modifier of the head: "displacement camp", "second-largest city"
        else:
            break
        i -= 1
    return i + 1, last, names, heads


def sentence_start(text: str, pos: int, start: int) -> bool:
    """Whether ``pos`` opens the sentence or clause (nothing but quotes and spaces since ``start``)."""
    return not text[start:pos].strip(" \t\n\"“‘'(—–-")


def _named(text: str, toks: list, first: int, last: int, names: list[int], heads: list[int]) -> SubjectPhrase | None:
    """The phrase of a subject holding capitalised words (see ``name``/``facility`` in the module docstring)."""
    s, e = toks[first][0], toks[last][1]
    if toks[max(names)][2].lower().rstrip(".") in ORGANISATION_WORDS or (
            _is_cap(toks[last][2]) and toks[last][2].lower() in ORGANISATION_WORDS):
        return None  # "the People's Liberation Army", "the Kurdistan Regional Government": an actor, not a place
    n0, n1 = toks[min(names)][0], toks[max(names)][1]
    if toks[min(names)][2].lower().rstrip(".") in PERSON_TITLES or (
            min(names) > 0 and toks[min(names) - 1][2].lower().rstrip(".") in PERSON_TITLES
            and toks[min(names) - 1][2] not in _ADJECTIVE_TITLES):
        return SubjectPhrase("common", s, e, text[s:e])  # "commander Khalifa Haftar", "President Ruto": a person
    # "Arnia town", "Dahuk province": a settlement or region word keeps the name; a facility or a force named
    # after a place is another thing ("the Sudzha gas hub", "Houthi forces")
    head_words = {toks[h][2].lower() for h in heads}
    kind = "facility" if head_words & FACILITY_NOUNS else ("thing" if head_words & THING_NOUNS else "name")
    if kind == "thing":
        return SubjectPhrase("common", s, e, text[s:e])  # "Houthi forces", "Somali troops": no place
    if kind == "facility" and len(names) == 1 and toks[names[0]][2].endswith(("’s", "'s")) and \
            toks[names[0]][2][:-2] in _COUNTRY_POSSESSORS:
        return SubjectPhrase("common", toks[names[0] + 1][0], e, text[toks[names[0] + 1][0]:e])
    if kind == "name":
        return SubjectPhrase("name", n0, e, text[n0:n1], n0, n1)
    return SubjectPhrase(kind, s, e, text[s:e], n0, n1)


_REPORTING_WORDS = frozenset("said says told reported added claimed stated announced confirmed wrote".split())


def _unnamed(text: str, start: int, toks: list, first: int, last: int, heads: list[int]) -> SubjectPhrase:
    """The phrase of a subject with no capitalised word: a pronoun-like "the town", an appositive "Mainok, a town",
    or a common phrase."""
    said = [k for k in range(first, last) if toks[k][2].lower() in _REPORTING_WORDS]
    if said:  # "officials said one site, 40 km from …": the phrase after the reporting verb
        first = said[-1] + 1
        if first < last and toks[first][2].lower() in _DETERMINERS:
            first += 1
    det = first > 0 and toks[first - 1][2].lower() in _DETERMINERS
    s0, e = (toks[first - 1][0] if det else toks[first][0]), toks[last][1]
    head = toks[heads[0]][2].lower() if heads else ""
    if det and toks[first - 1][2].lower() in ("its", "their", "his", "her", "our"):
        return SubjectPhrase("pronoun", s0, e, text[s0:e])  # "its capital is 40 km from …": named elsewhere
    if det and head in SETTLEMENT_NOUNS and toks[first - 1][2].lower() in ("the", "this") and (
            last == first or (last - first == 1 and toks[first][2].lower() in _ANAPHOR_MODIFIERS)):
        return SubjectPhrase("pronoun", s0, e, text[s0:e])  # "the town", "this small town"
    if head in SETTLEMENT_NOUNS and last == first and first >= 2 and toks[first - 1][2].lower() in \
            _ANAPHOR_MODIFIERS and toks[first - 2][2].lower() in ("the", "this"):
        return SubjectPhrase("pronoun", toks[first - 2][0], e, text[toks[first - 2][0]:e])  # "the embattled town"
    j = first - 2 if det else first - 1
    if head in SETTLEMENT_NOUNS and j >= 1 and toks[j][2].lower() in ("is", "was", "remains"):
        # "Mosul is Iraq's second city", "Avdiivka is an industrial town 15 km north of …": the copula's subject
        inner = subject_phrase(text, start, toks[j][0])
        if inner is not None and inner.kind in ("name", "appositive"):
            return SubjectPhrase("appositive", inner.start, e, inner.text, inner.name_start, inner.name_end)
    if heads and (det or not _REPORTING_WORDS & {t[2].lower() for t in toks[first:last + 1]}):
        # "Mainok, a town 60 km from …": the name before the comma (not "From Maiduguri, officials said one site,
        # 40 km from …": a clause with a reporting verb is no apposition)
        inner = _before_comma(text, start, toks, j)
        if inner is not None:
            return SubjectPhrase("appositive", inner.start, e, inner.text, inner.name_start, inner.name_end)
    return SubjectPhrase("common", s0, e, text[s0:e])


_CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "»"})


def _before_comma(text: str, start: int, toks: list, j: int) -> SubjectPhrase | None:
    """The name or facility phrase ending at the comma of token ``j`` (also a comma inside a closing quote:
    '"… armed men attacked Bani," a town 40 km from …'), or None when token ``j`` is no comma."""
    while j >= 0 and toks[j][2] in _CLOSING_QUOTES:
        j -= 1
    if j < 0 or toks[j][2] != ",":
        return None
    k = j - 1
    while k >= 0 and toks[k][2].lower() in _LINK:
        k -= 1
    inner = subject_phrase(text, start, toks[k][1]) if k >= 0 else None
    return inner if inner is not None and inner.kind in ("name", "facility") else None


def _modified_apposition(text: str, start: int, toks: list, first: int, names: list[int], heads: list[int],
                         ph: SubjectPhrase | None) -> SubjectPhrase | None:
    """"Tripoli, a Lebanese port city 30 km from …", "Sderot, an Israeli town …", "Irpin, a Kyiv suburb …": after
    a comma and an article, capitalised words before a settlement noun only modify it (a nationality, the city a
    suburb belongs to); the name before the comma is the subject."""
    if ph is None or ph.kind != "name" or not heads or not {toks[h][2].lower() for h in heads} & SETTLEMENT_NOUNS:
        return None
    art = first - 1
    while art > 0 and first - art <= 2 and re.fullmatch(r"[a-z][a-z-]*", toks[art][2]) and \
            toks[art][2] not in _DETERMINERS:
        art -= 1  # "Haifa, a major Israeli city 150 km from …": lowercase words before the nationality
    if min(names) != first or max(names) > min(heads) or art < 0 or \
            toks[art][2].lower() not in ("a", "an", "the", "another"):
        return None
    inner = _before_comma(text, start, toks, art - 1)
    if inner is None:
        return None
    return SubjectPhrase("appositive", inner.start, ph.end, inner.text, inner.name_start, inner.name_end)


def subject_phrase(text: str, start: int, end: int) -> SubjectPhrase | None:
    """The subject phrase ending right before ``end`` (the figure's start), within [start, end)."""
    located = _located_subject(text, start, end)
    if located is not None:
        return located
    # "Makalondi is the last major town in Niger before the Burkina Faso border, some 100 km southwest of …": the
    # copula's subject, whatever the predicate names
    cop = _copula_subject(text, start, end, end, _COPULA_PREDICATE)
    if cop is not None:
        return cop
    rm = _TRAILING_RELATIVE.search(text, max(start, end - 140), end)
    if rm is not None:  # "The camp, which was attacked by four militants, is 10 km from …": the camp
        inner = subject_phrase(text, start, rm.start())
        if inner is not None and inner.kind in ("name", "appositive", "facility", "common"):
            return inner
    am = _TRAILING_APPOSITION.search(text, max(start, end - 140), end) or \
        _TRAILING_LOCATIVE.search(text, max(start, end - 100), end) or \
        _PLACED_APPOSITION.search(text, max(start, end - 120), end)
    if am is not None and _NAMING_HEAD.match(am.group("body")):
        am = None  # "…, the town of Qiryat Shemona, located just 7 km …": the apposition names the subject
    if am is not None:  # "Erbil, the capital of the Kurdistan Regional Government, 80 km …": Erbil
        inner = subject_phrase(text, start, am.start())
        if inner is not None and inner.kind in ("name", "appositive"):
            ph = SubjectPhrase("appositive", inner.start, am.end("body"), inner.text, inner.name_start, inner.name_end)
            return _direction_located(text, start, ph, end) or ph
    toks = _tokens(text, start, end)
    i = _skip_links(toks, len(toks) - 1)
    if i < 0:
        return None
    if toks[i][2].lower() in ("and", "or", "but"):
        return SubjectPhrase("coordinated", toks[i][0], toks[i][1], toks[i][2])
    if toks[i][2].lower() in _PRONOUNS:
        return SubjectPhrase("pronoun", toks[i][0], toks[i][1], toks[i][2])
    first, last, names, heads = _read_phrase(toks, i)
    if first > last:
        return None
    if names:
        ph = _named(text, toks, first, last, names, heads)
        ph = _modified_apposition(text, start, toks, first, names, heads, ph) or _apposed(text, start, ph, end) or \
            _village_of(text, start, ph) or _containing(text, start, ph, end) or ph
        return _direction_located(text, start, ph, end) or ph
    return _unnamed(text, start, toks, first, last, heads)


def _located_subject(text: str, start: int, end: int) -> SubjectPhrase | None:
    """The thing a locative verb right before ``end`` locates ("The town lies in Kherson province about 60 km …"),
    or None when no such verb is there."""
    lm = _LOCATED_IN.search(text, max(start, end - 140), end)
    if lm is None or lm.start() <= start:
        return None
    # "Isfahan is Iran's third-largest city, located in Isfahan province in the centre of the country 200 miles
    # south of …", "The town lies in Kherson province about 60 km east of …": the thing located, not the place
    # in the locative chain
    # "Assab is a port city in Eritrea, positioned on the coast of the Red Sea 40 km north of …": the copula's
    # subject, not the place its predicate names
    cop = _copula_subject(text, start, lm.start(), end, _COPULA_HEAD)
    if cop is not None:
        return cop
    inner = subject_phrase(text, start, lm.start())
    if inner is not None and inner.kind != "coordinated" and inner.text.lower() not in _SPEAKERS:
        return inner
    if inner is None and (thing := _located_thing(text, start, lm.start())) is not None:
        return thing  # "The South Korean island is located in the Yellow Sea, about 80 km …": not the sea
    return None


def _located_thing(text: str, start: int, stop: int) -> SubjectPhrase | None:
    """The words (up to four, lowercase head) right before a locative verb at ``stop`` when no phrase reads there
    ("The South Korean island" is located …): a common subject, named as written, or None."""
    toks = _tokens(text, start, stop)
    words: list[tuple[int, int, str]] = []
    for t in reversed(toks):
        if t[2] in _QUOTES_COMMA or t[2].lower() in _DETERMINERS or len(words) == 4:
            break
        words.insert(0, t)
    if not words or not re.fullmatch(r"[a-z][a-z-]+", words[-1][2]) or words[-1][2] in _NOT_MODIFIERS:
        return None
    return SubjectPhrase("common", words[0][0], words[-1][1], text[words[0][0]:words[-1][1]])


def _copula_subject(text: str, start: int, stop: int, end: int, pattern: re.Pattern) -> SubjectPhrase | None:
    """The name opening "<Name> is a <noun> …" (``pattern``) that ends at ``stop``, as an appositive up to
    ``end``; None when the clause does not open so."""
    cp = pattern.search(text, max(start, stop - 160), stop)
    if cp is None or not sentence_start(text, cp.start(), start):
        return None
    inner = subject_phrase(text, start, cp.end("n"))
    if inner is None or inner.kind != "name":
        return None
    return SubjectPhrase("appositive", inner.start, end, inner.text, inner.name_start, inner.name_end)


# "We are in Sake": speakers, never the place a figure is about
_SPEAKERS = frozenset({"i", "we", "you"})
# ", located in Isfahan province in the centre of the country ", " lies in Kherson province ": a locative verb and
# its chain of places (no comma inside, no clause word, no figure) right before the figure
_LOCATED_IN = re.compile(
    r"(?:,\s*|\s+)(?:(?:(?:is|are|was|were)\s+)?(?:located|situated|positioned|lying|nestled|lies|lie|lay|sits|sit|"
    r"stands|stand)"
    r"|is|are|was|were)"
    r"\s+(?:in|on|near|at|inside|within)\s+(?![^,;:()\d\n]*\b(?:which|that|who|where|and|but|while)\b)"
    r"[^,;:()\d\n\"“”]{1,90}?\s*(?:,\s*(?:(?:is|are|was|were|lies|lie|lay|sits|sit|stands|stand|now|still|just|only)"
    r"\s+)*)?$", re.IGNORECASE)

# "slightly east of ", "just south of the coastal city of ": a name after this only locates the thing before it
_DIRECTION_OF = re.compile(
    r"\b(?:(?:just|slightly|immediately|directly|due|far|further|farther|some|a\s+few)\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?(?:\s+part)?\s+of\s+"
    r"(?:the\s+(?:[\w-]+\s+)?(?:" + "|".join(sorted(SETTLEMENT_NOUNS)) + r")\s+of\s+)?$", re.IGNORECASE)


# "a village near ", "the camp outside ": an unnamed thing placed near the name that follows
_THING_NEAR = re.compile(r"\b(?:a|an|the|two|three|several|some)\s+(?P<thing>(?:[a-z][\w-]*\s+){0,2}"
                         r"(?:village|villages|town|towns|settlement|hamlet|camp|camps|area|base|site|house|home|school|"
                         r"mosque|hospital|checkpoint|post|position|positions))\s+(?:near|outside|close\s+to|"
                         r"not\s+far\s+from)\s+(?:the\s+(?:town|city|village)\s+of\s+)?$", re.IGNORECASE)


def _direction_located(text: str, start: int, ph: SubjectPhrase | None, end: int) -> SubjectPhrase | None:
    """"Koya is located slightly east of Erbil, the capital of …, less than 50 miles from the border", "two villages
    just south of Sidon, about 30 km from the border": a figure after the comma is a second fact about the thing
    the direction phrase locates (Koya, the villages), not about the reference (Erbil, Sidon)."""
    if ph is None or ph.kind not in ("name", "appositive") or not re.fullmatch(r"\s*,\s*", text[ph.end:end]):
        return None
    m = _DIRECTION_OF.search(text, max(start, ph.start - 70), ph.start)
    if m is None:
        nm = _THING_NEAR.search(text, max(start, ph.start - 70), ph.start)
        if nm is None:
            return None  # ("a village near Saravan, Iran, about 3 km from the border": the village, unnamed)
        return SubjectPhrase("common", nm.start("thing"), nm.end("thing"), nm.group("thing"))
    inner = subject_phrase(text, start, m.start())
    if inner is None or inner.kind not in ("name", "appositive", "facility", "common"):
        return SubjectPhrase("common", m.start(), ph.end, text[m.start():ph.end])  # "just south of Sidon": unnamed
    return inner


# "the capital of ", "the second-largest city in ": an apposition describing the name before it
# "of some 60,000 people": how many live in the settlement an apposition describes
_POPULATION_OF = (r"of\s+(?:(?:some|about|around|nearly|roughly|almost|more\s+than|over|fewer\s+than|less\s+than|"
                  r"just\s+over|just\s+under)\s+)?\d[\d,.]*(?:\s+(?:million|thousand))?\s+"
                  r"(?:people|residents|inhabitants|souls)")
_APPOSITION_NOUN = (r"(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:" + "|".join(sorted(SETTLEMENT_NOUNS)) + r")\s+")
_APPOSITION_HEAD = _APPOSITION_NOUN + r"(?:" + _POPULATION_OF + r"\s+)?(?:of|in)\s+"
# "the town of X": a settlement noun that introduces a name, not one that describes the name before it
_NAMING_HEAD = re.compile(r"the\s+(?:town|village|city|settlement|hamlet)\s+of\s+", re.IGNORECASE)
# ", the capital of " right before a name: that name only describes the one before
_OF_APPOSITION = re.compile(r",\s*" + _APPOSITION_HEAD + r"(?:the\s+)?$", re.IGNORECASE)
# ", the capital of the region, " right before the figure: whatever the apposition names, it describes the name
_TRAILING_APPOSITION = re.compile(
    r",\s*(?P<body>" + _APPOSITION_HEAD + r"[^,;:()\n]{1,60}?|" + _APPOSITION_NOUN + _POPULATION_OF + r")\s*,\s*"
    r"(?:(?:is|was|lies|lay|sits|stands|located|situated|now|still|just|only)\s+)*$", re.IGNORECASE)


# "Baalbek, a Hezbollah stronghold in the Bekaa Valley about 100km from …": an apposition placing the name in a
# bigger one, the figure right after it (no comma): the figure is still the first name's
_PLACED_APPOSITION = re.compile(
    r",\s*(?P<body>(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}?(?:stronghold|bastion|hub|town|city|village|settlement|port|"
    r"suburb|enclave|base)\s+(?:in|on|near)\s+(?:the\s+)?(?:(?:north|south)?-?(?:east|west)?ern\s+|central\s+)?"
    r"[A-Z][^,;:()\n\d]{1,50}?)\s+$")


# "Makalondi is the last major town in Niger before the border, " (a clause-initial name, a copula, a noun phrase)
_COPULA_PREDICATE = re.compile(
    r"(?<![\w’'-])(?P<n>[A-Z][\w’'-]*(?:[ -][A-Z][\w’'-]*){0,2})\s+(?:is|was|remains)\s+(?:the|a|an|one\s+of\s+the)\s+"
    r"(?:[\w’'-]+\s+){0,3}?(?:city|town|village|settlement|hub|port|capital|crossing|outpost|stronghold|community)\b"
    r"[^,;:()\n]{0,70},\s*$")
# "Assab is a port city in Eritrea" (the same, ending where a locative phrase begins: no comma needed)
_COPULA_HEAD = re.compile(_COPULA_PREDICATE.pattern.replace(r",\s*$", r"$"))
# ", which was attacked by four militants, is " right before the figure: a relative clause about the noun before it
_TRAILING_RELATIVE = re.compile(
    r",\s*(?:which|who)\s+(?:was|were|had|has|have|is|are)\s+(?:[^,;:()\n]|(?<=\d),(?=\d{3}))"
    r"{1,80}?(?:,\s*|\s+and\s+)"
    r"(?:(?:is|was|are|were|lies|lay|sits|stands|located|situated|now|still|just|only|appears\s+to\s+(?:be|lie|fall)|"
    r"seems\s+to\s+(?:be|lie|fall)|falls|fell|nearly|almost|about|some)\s+)+$", re.IGNORECASE)  # "…, appears to fall"
# ("Dajabon, which has a population of 25,000 and is about 120 miles from …": the relative clause goes on with "and")
# ", opposite Phra Chedi Sam Ong, " right before the figure: a phrase placing the name before it
_TRAILING_LOCATIVE = re.compile(
    r",\s*(?P<body>(?:opposite|near|next\s+to|across\s+from|close\s+to|facing|beside|just\s+outside|outside)\s+"
    r"[^,;:()\n]{1,50}?)\s*,\s*(?:(?:is|was|lies|lay|sits|stands|located|situated|now|still|just|only)\s+)*$",
    re.IGNORECASE)


# "in the village of Banjska, Leposavic, 55 km north of …", "Vovchansk, Kharkiv region, 5 km from …": a name right
# before the name in apposition, which only says where it lies (its municipality, region or country)
_NAME_COMMA = re.compile(r"(?<![\w’'-])(?P<n>(?:(?:al|el|ad|ar|as|at|az)-)?[A-Z][\w’'-]*(?:[ -][A-Z][\w’'-]*){0,2}),\s*$")


# "the village of Kfarjouz near Nabatieh, some 10 km from …": the place "near" names only locates the one before
_NAME_NEAR = re.compile(r"\b(?:of|in|at|hit|struck|shelled|to|into|from|entered|captured|seized|took)\s+"
                        r"(?P<n>(?:(?:al|el|ad|ar|as|at|az)-)?[A-Z][\w’'-]*(?:[ -][A-Z][\w’'-]*){0,2})\s+"
                        r"(?:near|outside|close\s+to|next\s+to|east\s+of|west\s+of|north\s+of|south\s+of)\s+"
                        r"(?:the\s+(?:town|city|village)\s+of\s+)?$")


def _containing(text: str, start: int, ph: SubjectPhrase | None, end: int) -> SubjectPhrase | None:
    """The place named before ``ph`` when ``ph`` is a bare name set off by a comma right before the figure and
    follows that place after a comma or "near"."""
    if ph is None or ph.kind != "name" or not re.fullmatch(r"\s*,\s*", text[ph.end:end]):
        return None
    m = _NAME_COMMA.search(text, max(start, ph.name_start - 60), ph.name_start) or \
        _NAME_NEAR.search(text, max(start, ph.name_start - 60), ph.name_start)
    if m is None or m.group("n").split()[0].lower() in _DETERMINERS or sentence_start(text, m.start(), start) and \
            m.group("n").lower() in _PRONOUNS:
        return None
    return SubjectPhrase("name", m.start("n"), ph.end, m.group("n"), m.start("n"), m.end("n"))


# "Gingal village of Uri": the village is named before its noun, the place after "of" only holds it
_VILLAGE_OF = re.compile(r"(?<![\w’'-])(?P<n>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})\s+(?:village|hamlet|settlement)\s+"
                         r"of\s+$")


def _village_of(text: str, start: int, ph: SubjectPhrase | None) -> SubjectPhrase | None:
    """"Gingal village of Uri, 16 km from …": Gingal, not Uri."""
    if ph is None or ph.kind != "name":
        return None
    m = _VILLAGE_OF.search(text, max(start, ph.name_start - 50), ph.name_start)
    if m is None or m.group("n").split()[0].lower() in _DETERMINERS:
        return None
    return SubjectPhrase("appositive", m.start("n"), ph.end, m.group("n"), m.start("n"), m.end("n"))


# ", a small airfield in a residential area of ", ", a camp on the outskirts of " right before a name: the name
# only says where the thing before the comma is
_LOCATED_APPOSITION = re.compile(
    r",\s*(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:" + "|".join(sorted(SETTLEMENT_NOUNS | FACILITY_NOUNS | {"airfield"}))
    + r")\s+(?:in|on|near|outside|at)\s+[^,;:()\n]{0,40}?\b(?:of|in)\s+(?:the\s+)?$", re.IGNORECASE)


def _apposed(text: str, start: int, ph: SubjectPhrase | None, end: int) -> SubjectPhrase | None:
    """"Seoul, the capital of South Korea, is located 56 km …": the name before the apposition is the subject;
    "Walton airport, a small airfield in a residential area of Lahore, about 25 km …": the facility (not Lahore)."""
    if ph is None or ph.kind != "name":
        return None
    m = _OF_APPOSITION.search(text, max(start, ph.start - 60), ph.start)
    if m is not None and _NAMING_HEAD.fullmatch(m.group(0).lstrip(", ")):
        return None  # "the northernmost part of Israel, the town of Qiryat Shemona, located …": the town is named
    located = m is None
    if located and re.fullmatch(r"\s*,\s*", text[ph.end:end]):
        # (only with a comma before the figure: "a village near the city of Tyre some 20 km from …" is Tyre's)
        m = _LOCATED_APPOSITION.search(text, max(start, ph.start - 100), ph.start)
    if m is None:
        return None
    inner = subject_phrase(text, start, m.start())
    if inner is not None and inner.kind == "name":
        return SubjectPhrase("appositive", inner.start, ph.end, inner.text, inner.name_start, inner.name_end)
    if inner is not None and inner.kind == "facility" and located:
        return SubjectPhrase("facility", inner.start, ph.end, inner.text, inner.name_start, inner.name_end)
    return None


_DIVISION_NOUNS = frozenset("territory district province region county department commune municipality governorate "
                            "state area".split())


_HELD_BY = re.compile(r"[^\W\d_]+-(?:administered|occupied|controlled|held)", re.IGNORECASE)


def skip_locative(text: str, phrase: SubjectPhrase, start: int) -> SubjectPhrase:
    """"Renk in South Sudan's Upper Nile state is …": the phrase before a locative "in/of/near …" is the subject."""
    toks = _tokens(text, start, phrase.start)
    if toks and toks[-1][2].endswith(("’s", "'s")) and _is_cap(toks[-1][2]):
        toks.pop()  # "in South Sudan's Upper Nile state": the possessor belongs to the locative phrase
        while toks and _is_cap(toks[-1][2]) and toks[-1][2].lower() not in _LOCATIVE_PREPS:
            toks.pop()
    if len(toks) >= 3 and toks[-1][2].lower() == "of" and toks[-2][2].lower() in _DIVISION_NOUNS:
        del toks[-2:]  # "Kibumba in the territory of Nyiragongo": the division's name locates the village
    while len(toks) >= 2 and (toks[-1][2].lower() in ("the", "a") or _COMPASS_WORD.fullmatch(toks[-1][2])
                              or _HELD_BY.fullmatch(toks[-1][2])):
        toks.pop()  # "in the", "in north Kashmir", "in northern Syria", "in Pakistan-administered Kashmir"
    if toks and toks[-1][2].lower() in _LOCATIVE_PREPS and len(toks) >= 2:
        inner = subject_phrase(text, start, toks[-1][0])
        if inner is not None and inner.kind in ("name", "appositive", "facility", "common"):
            return inner  # "a village in the Sumy region, 30 km from …": the region only locates the village
    return phrase
