"""Claim grammar: kilometre claims anchored on distance expressions.

For each distance expression (see :mod:`geomap.text.units`) the grammar looks right of it (up to the next distance
or the sentence end) for the relation cue and left of it for the subject:

====================================  =======================================================================
right of the distance                 claim kind
====================================  =======================================================================
``[deep|wide] … zone|strip|buffer…``  constructive: ``radius_around_place`` when followed by around/of/surrounding
                                      + a place, else ``buffer_inside_along_border`` (inside/along/both sides)
``[deep] inside|into|in <country>``   ``buffer_inside_along_border`` (inside = that country; along = the other
                                      country named in the sentence or the document)
``[away] from|of|to … border``        ``distance_to_border`` (countries from the border phrase and the subject);
                                      a band when no place is the subject but a zone noun precedes ("a buffer zone
                                      stretching 10 km from the border"); "Sudzha, 10 km inside Russia" is a
                                      border distance of the named place
``[away] [<compass>] of|from <place>``  ``distance_between_places`` (direction optional); "within N km of X"
                                      with no subject → ``radius_around_place``
====================================  =======================================================================

Not claims: lengths ("a 50-km front line", "a 30-km stretch of the border", "stretched for 60 km", "20 km of
trenches", "19 km long"), rates ("2 km a day"), areas and speeds (see :mod:`geomap.text.units`), distances travelled
("the convoy travelled 300 km"), a radius or range with no centre ("a 400 km radius in Belarus"), and a width with
nothing tying it to a border or place ("a 15-km-wide corridor to Crimea"). A zone noun may also come before the
distance ("a buffer zone up to 1 km deep inside Gaza", "an exclusion zone of 30 km around the plant"). "N km
inside X" is a band only after a verb of movement or control ("pushed", "advanced", "holds"); otherwise it locates an
unnamed object ("struck a depot 600 km inside Russia": a border distance with no subject). A facility named after a
place ("the Kursk nuclear plant") is not that place: no subject. "X is N km from <country>" is a border distance;
"X and Y are N km apart" a distance between places; "X lies A of Y and B of Z" keeps X as the subject.

The subject of a distance claim is the nearest location mention left of the distance in the same sentence (or,
for a sentence opening with "It"/"The city"/"The town"…, the latest place mentioned before). Claims carry a
``modality``: ``asserted``, ``negated`` ("not within 30 km"), ``hypothetical`` ("would create", "could", "if",
"proposed") or ``denied`` (attributed and denied: "Moscow claimed …; Kyiv denied it").

This module is pure text: entities are referred to by their index in the mention list; resolution and geometry
happen later (:mod:`geomap.analysis`).
"""

from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass, field
from typing import Any

from geomap.text.sentences import SentenceIndex
from geomap.text.subjects import (
    CALENDAR_WORDS,
    FACILITY_NOUNS,
    NOUN_MAX_POP,
    OFFICE_AFTER_RE,
    ORGANISATION_WORDS,
    SETTLEMENT_NOUNS,
    SUBNATIONAL_WORDS,
    WATER_NAME_RE,
    is_link_word,
    sentence_start,
    skip_locative,
    subject_phrase,
)
from geomap.text.units import Distance, find_distances

__all__ = ["Claim", "extract_claims", "COMPASS"]

COMPASS = {
    "north": 0.0, "north-northeast": 22.5, "northeast": 45.0, "east-northeast": 67.5, "east": 90.0,
    "east-southeast": 112.5, "southeast": 135.0, "south-southeast": 157.5, "south": 180.0,
    "south-southwest": 202.5, "southwest": 225.0, "west-southwest": 247.5, "west": 270.0,
    "west-northwest": 292.5, "northwest": 315.0, "north-northwest": 337.5,
}
_DIR_WORD = r"(?:north|south|east|west)(?:\s*-\s*|\s)?(?:north|south|east|west)?(?:\s*-\s*(?:north|south|east|west){1,2})?"
_DIR = rf"(?P<dir>{_DIR_WORD}|[NSEW]{{1,3}})(?:ern)?"

_PREP = (r"(?:into|inside|in|within|from|of|to|toward|towards|across|along|around|near|beyond|behind|off|at|on|by|"
         r"north|south|east|west|northeast|northwest|southeast|southwest|away)")
_ZONE_NOUNS = (r"(?:zone|strip|buffer(?:\s+zone)?|band|belt|corridor|perimeter|radius|cordon|DMZ|path|"
               r"no-go\s+area|area|region|swathe|swath|pocket|salient|bridgehead|foothold|enclave)")
_ZONE_RE = re.compile(
    rf"^\s*(?:-?\s*(?:deep|wide|broad)\b)?\s*[\"“‘']?(?:(?!{_PREP}\b)[a-z-]+[\"”’']?\s+[\"“‘']?){{0,3}}?{_ZONE_NOUNS}\b",
    re.IGNORECASE)
# a zone noun right before the distance: "a buffer zone up to 1 km deep", "an exclusion zone of 30 km",
# "a security perimeter of up to 1.5 km", "a strip 5 km wide"
_ZONE_BEFORE_RE = re.compile(
    rf"\b(?P<noun>{_ZONE_NOUNS})[\"”’']?\s+(?:(?:of|extending|stretching|reaching|running|measuring|some|roughly|about|"
    r"between)\s+)*$",
    re.IGNORECASE)
_DEPTH_WORD_RE = re.compile(r"^\s*-?\s*(?:deep|wide|broad|in\s+depth|in\s+width)\b", re.IGNORECASE)
# what makes a zone a border band or a circle: a place/country after it, along, both sides, a border word
_ZONE_ANCHOR_RE = re.compile(
    r"^\s*(?:(?:deep\s+)?(?:inside|into|in|within|across|along|around|surrounding|encircling|round|on)\b|"
    r"(?:on\s+)?(?:both|either|each)\s+sides?\b)", re.IGNORECASE)
_ZONE_KIND_RE = re.compile(r"\b(?:buffer|demilitari[sz]ed|DMZ|no-go|sanitary|deep)\b", re.IGNORECASE)
# lengths and rates are not distance claims: "a 50-km front line" is a length, "a 30-km stretch of the border",
# "stretched for 60 km", "20 kilometres of trenches", "2 km a day"
_LENGTH_RIGHT_RE = re.compile(
    r"^\s*(?:-\s*|\s)?(?:long\b|in\s+length\b|(?:[a-z-]+\s+){0,2}?(?:stretch|section|segment|length|"
    r"portion|span|tract)\s+of\b|(?:a|per|an|each|every)\s+(?:day|hour|week|month|minute))", re.IGNORECASE)
# "travelled more than 12 miles into Ethiopian territory": a journey's depth into a country (a band, not a length)
_INTO_TERRITORY_RE = re.compile(r"\s*(?:deep\s+)?(?:inside|into)\s+(?:[\w’'-]+\s+){1,2}?territory\b", re.IGNORECASE)
_TRAVEL_RE = re.compile(
    r"\b(?:travel(?:l?ed|s|l?ing)?|drove|drive[sn]?|driving|walk(?:ed|s|ing)?|fl[eo]w|flies|flying|"
    r"trek(?:ked|s|king)?|hik(?:ed|es|ing)|cycl(?:ed|es|ing)|sail(?:ed|s|ing)?|cover(?:ed|s|ing)|"
    r"fled|flee(?:s|ing)?|journey(?:ed|s)?)\s+(?:(?:some|about|nearly|almost|another|a\s+further|the\s+last|"
    r"the\s+final)\s+)?$", re.IGNORECASE)
# a line that runs a length from one end to the other: "the border stretches (for) about 76 km from … to …"
_LINE_RUNS_RE = re.compile(
    r"\b(?:border|frontier|boundary|line|front|frontline|road|highway|railway|pipeline|wall|fence|river|canal|"
    r"corridor|coast(?:line)?|trench(?:es)?)\b(?:[^.;,]|,\s*(?:which|that)\b){0,40}?\b(?:stretch(?:es|ed)?|runs?|ran|"
    r"extends?|extended|"
    r"winds?)\s+(?:for\s+)?$", re.IGNORECASE)
_LENGTH_LEFT_RE = re.compile(
    r"\b(?:for|along|across|over|spanning|covering|length\s+of|stretch\s+of)\s+(?:(?:another|a\s+further|"
    r"the\s+last|the\s+first|a|an)\s+)?$", re.IGNORECASE)
_LENGTH_OF_RE = re.compile(
    r"^\s*of\s+(?:(?:the|its|their|new|fresh|our|his|her)\s+)?(?:[a-z-]+\s+){0,2}?(?:trench(?:es)?|roads?|"
    r"railway|rail|track|avenue|street|boulevard|prospekt|prospect|expressway|freeway|fortifications?|"
    r"defen[cs]es|fence|wall|pipeline|coast(?:line)?|shore(?:line)?|river|"
    r"front(?:\s*line)?|frontline|line|border|frontier|territory|land|highway|motorway|canal|barriers?|"
    r"minefields?|dragon'?s\s+teeth|anti-tank\s+ditch(?:es)?|ditch(?:es)?|IB|LoC|LAC|international\s+border)\b",
    re.IGNORECASE)
# an increment: "advanced another 7 km", "a further 2 km", "an additional 500 metres" (not a depth from the border)
_INCREMENT_RE = re.compile(r"\b(?:another|a\s+further|an\s+additional|a\s+farther)\s+$", re.IGNORECASE)
# "advanced 1-2 km further into Kursk", "pushed 3 km deeper": how much farther than before (after a movement verb)
_INCREMENT_AFTER_RE = re.compile(r"\s*(?:further|farther|deeper|more)\b(?!\s+(?:to\s+the\s+)?(?:north|south|east|west))",
                                 re.IGNORECASE)  # ("Alamata, 20 km further south": where, from the place before)
# a movement or control verb makes "N km into/inside X" a band; otherwise it locates an unnamed object
_MOVE_RE = re.compile(
    r"\b(?:advanc|push|penetrat|mov|driv|drove|press|enter|seiz|captur|occup|control|hold|held|gain|breach|encroach|"
    r"intru|incur|cross|"
    r"thrust|march|roll|storm|broke|break|extend|stretch|reach|creat|establish|carv|incursion|offensive|"
    r"foray|expand|widen|deepen|forc|fought|fight|battl|made|make|went|go|came|come|coming|travel|ventur)\w*\b"
    r"[^.;]{0,60}$",
    re.IGNORECASE)
# the figure gives where a force stands: "Ukrainian troops were up to 10 km deep into Kursk", "troops are 10 km
# inside Russia" (a band like "advanced 10 km", without the verb of movement)
_FORCE_RE = re.compile(r"\b(?:troops|forces|soldiers|units|fighters|army|armies|brigades?|battalions?|tanks|"
                       r"incursion|advance|offensive|push|thrust)\b[^.;,]{0,40}$", re.IGNORECASE)
_ANAPHOR_OBJ_RE = re.compile(
    r"^(?:the\s+|its\s+)?(?:nuclear\s+)?(?:power\s+)?(?:plant|station|facility|reactor|city|town|village|site|base|"
    r"airport|port|capital)\b", re.IGNORECASE)
# "a buffer zone stretching 10 km from the border": only true zone nouns ("the Sumy region, 30 km from the
# border" is no band)
_ZONE_LEFT_RE = re.compile(r"\b(zone|strip|buffer|band|belt|corridor|perimeter|cordon|no-go\s+area|areas|"
                           r"restrictions|restricted\s+area)\b[^.;]{0,50}$",
                           re.IGNORECASE)
# a zone whose extent the figure gives, right before it: "a buffer zone stretching", "restricted areas, spanning"
_ZONE_SPANNING_RE = re.compile(r"\b(zone|strip|buffer|band|belt|corridor|perimeter|cordon|no-go\s+area|areas?|"
                               r"restrictions|restricted\s+area)s?\b,?\s+(?:[a-z]+\s+){0,2}?(?:spanning|"
                               r"extending|stretching|reaching|running|covering)\s+$", re.IGNORECASE)
_AROUND_RE = re.compile(r"(?:(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+[a-z]+ed\s+)?"  # "was evacuated"
                        r"\b(?:around|surrounding|round|encircling|of|from)\s+(?:the\s+)?", re.IGNORECASE)
_INSIDE_RE = re.compile(
    r"^\s*(?:(?:deep|further|farther|deeper)\s+)?(?:inside|into|within|in|across|over|beyond)\s+"
    r"(?!the\s+(?:border|frontier)\b)", re.IGNORECASE)
_BORDER_RE = re.compile(
    rf"^\s*(?:away\s+|short\s+)?(?:(?:to\s+the\s+|due\s+)?{_DIR}\s+)?"
    r"(?:from|of|to|off|short\s+of|before|behind|beyond|inside\s+of|out\s+of)\s+"
    r"(?P<phrase>(?:the\s+|its\s+|their\s+|a\s+)?(?:(?!(?:on|in|at|near|by|astride)\s)[\w’'.-]+\s+){0,7}?"
    r"(?:state\s+)?"
    r"(?P<bword>border|frontier|boundary|line\s+of\s+(?:contact|control|actual\s+control)|contact\s+line|front\s*line|"
    r"front|LoC|LAC|Blue\s+Line|ceasefire\s+line|armistice\s+line|demarcation\s+line|(?:perimeter\s+|border\s+)?fence|"
    r"DMZ|NLL|Northern\s+Limit\s+Line|(?<!power\s)(?<!transmission\s)(?<!railway\s)(?<!rail\s)(?<!supply\s)"
    r"(?<!voltage\s)(?<!pipe\s)(?<!metro\s)(?<!tram\s)(?<!bus\s)line))\b"  # not "the Dnipro power line"
    r"(?![-\s]+(?:town|city|village|settlement|hamlet|area|region|district|positions?|units?|troops|"
    r"crossing|checkpoint|post|guards?|of(?!\s+(?:the\s+|[\w’'-]+[’']s\s+)?(?:war|conflict|fighting)\b"
    r"|\s+(?:the\s+)?(?-i:[A-Z])))\b)"  # "the border of the Gaza Strip" names the border
    r"(?P<tail>\s+(?:with|between|of)\s+(?:the\s+)?(?:[A-Z][\w’'-]*(?:\s+(?:and\s+)?[A-Z][\w’'-]*){0,3}))?",
    re.IGNORECASE)
_PLACE_REL_RE = re.compile(
    rf"^\s*(?:away\s+)?(?:by\s+road\s+|by\s+car\s+|as\s+the\s+crow\s+flies\s+)?(?:,\s*)?"
    r"(?:to\s+the\s+|due\s+|in\s+the\s+(?=(?:north|south|east|west)))?"  # "25 km in the north of Baghdad"
    rf"(?P<dlist>(?:(?:{_DIR_WORD})(?:ern)?\s*(?:,|and|or)\s+)+)?(?:{_DIR}\s+)?"
    r"(?:(?:up|down)(?:stream|river|hill)\s+|(?:up|down|along)\s+the\s+(?:road|highway|river|coast)\s+)?"
    r"(?P<prep>of|from|outside|to|off)\s+"
    r"(?:(?:(?:north|south)(?:-?(?:east|west))?ern|(?:east|west)ern|central)\s+(?=[A-Z]))?"  # "from northeastern Ukraine's"
    r"(?:(?:the\s+)?(?:(?:[\w’'-]+\s+){0,4}?(?:city|town|village|settlement|capital|port|hub|centre|center|"
    r"outskirts|region|station|coast|province|district|state|island|edge|edges|limits|heart|entrance)(?:\s+of)?\s+)?)?",
    re.IGNORECASE)
_COPULA_RE = re.compile(
    r"^[\s,]*(?:(?:which|that|now|still)\s+)*(?:is|lies|sits|stands|was|lying|being|located|situated)?"
    r"(?:\s+(?:now|still|just|only|located|situated))*[\s,]*$", re.IGNORECASE)
# "Avdiivka lies just outside Donetsk": the subject is placed relative to the reference
_LOCATIVE_LINK_RE = re.compile(
    r"\s*,?\s*(?:which\s+|that\s+)?(?:(?:is|lies|sits|stands|was|is\s+located|is\s+situated|located|situated)\s+)?"
    r"(?:just\s+|only\s+|right\s+|directly\s+)?(?:outside|near|beyond|past|off|from|of|behind|across\s+from)\s+"
    r"(?:the\s+(?:city|town|village|outskirts)\s+of\s+)?", re.IGNORECASE)
_DIR_TRAIL_RE = re.compile(rf"^\s*(?:away\s+)?(?:to\s+the\s+){_DIR}(?=\s*(?:[.,;)]|$))", re.IGNORECASE)
_DIR_ONLY_RE = re.compile(rf"^\s*(?:away\s+)?(?:to\s+the\s+|due\s+)?{_DIR}\s+(?:of|from)\b", re.IGNORECASE)
_BOTH_SIDES_RE = re.compile(r"\b(?:on\s+)?(?:both|either|each)\s+sides?\s+of\s+(?:the\s+)?", re.IGNORECASE)
_ALONG_FRONT_RE = re.compile(
    r"\balong\s+(?:the\s+|its\s+|their\s+)?(?:current\s+|entire\s+)?(?:line\s+of\s+(?:contact|control)|"
    r"contact\s+line|front(?:\s*line)?|ceasefire\s+line|frontlines?)\b", re.IGNORECASE)
# a line that is no international border of the pack, named right after a band's figure ("a 5-km belt on either
# side of the LoC", "a strip 10 km deep beyond the line of actual control")
_NOT_BORDER_LINE_RE = re.compile(
    r"\b(?:LoC|LAC|line\s+of\s+(?:actual\s+)?control|line\s+of\s+contact|contact\s+line|ceasefire\s+line|"
    r"front\s*lines?)\b", re.IGNORECASE)
_ALONG_OWN_RE = re.compile(r"\balong\s+(?:the\s+(?:whole\s+|entire\s+)?length\s+of\s+)?(?:its|their)\s+(?:[\w-]+\s+)?"
                           r"(?:border|frontier)\s+with\s+",
                           re.IGNORECASE)
_BUFFER_WORD_RE = re.compile(r"\b(?:buffer|safe|security)\b", re.IGNORECASE)
_ALONG_RE = re.compile(r"\balong\s+(?:the\s+|its\s+)?", re.IGNORECASE)
_BETWEEN_LEFT_RE = re.compile(r"\bdistance\s+(?:between|from)\b", re.IGNORECASE)

_NEG_RE = re.compile(
    r"\b(?:not|never|no\s+longer|nowhere\s+near|no\s+(?:[\w-]+\s+){0,2}(?:are|were|is|was|have|has|had)|"
    r"none\s+of)\b|n[’']t\b", re.IGNORECASE)
_HYP_RE = re.compile(
    r"\b(?:would|could|might|may|if|unless|should|plans?\s+to|planned\s+to|planning\s+to|propos(?:ed|es|e|al)|"
    r"wants?|wanted|aims?\s+to|seeks?\s+to|sought\s+to|intends?\s+to|threaten(?:s|ed)?\s+to|"
    r"calls?\s+for|called\s+for|demand(?:s|ed)?|envisag(?:es|ed|e)|hypothetical|suggest(?:s|ed)?|"
    r"considering|consider(?:s|ed)?|potential|possible|possibly|"
    # "Moscow seeks a 30 km buffer" wants it; "people sought refuge in Tawila, 70 km from …" went there
    r"(?:seeks?|sought|seeking)(?!\s+(?:refuge|shelter|safety|asylum|protection|cover|treatment|help)\b)|"
    r"threaten(?:s|ed|ing)?|"
    r"floated|floats|float|can|must|wish(?:es|ed)?|hopes?\s+to|hoped\s+to|ready\s+to|willing\s+to|"
    r"offer(?:s|ed)?\s+to|whether|unclear|uncertain|unconfirmed|unverified)\b", re.IGNORECASE)
# a denial of what follows: "Kyiv denied reports that …", "rejected claims that …", "dismissed suggestions …"
_DENY_BEFORE_RE = re.compile(
    r"\b(?:denie[sd]|deny|denying|rejected|rejects|rejecting|dismissed|dismisses|refuted|refutes|disputed|"
    r"disputes)\s+(?:(?:the|russian|ukrainian|western|media|press|earlier|any|all)\s+)*(?:that|reports?|claims?|"
    r"allegations?|suggestions?|assertions?|statements?|rumou?rs?)\b", re.IGNORECASE)
_HYP_AFTER_RE = re.compile(
    r"\b(?:(?:has|have|had)\s+been\s+|was\s+|were\s+|is\s+|are\s+)?(?:proposed|suggested|planned|envisaged|"
    r"demanded|discussed|under\s+discussion|on\s+the\s+table|would|could|might)\b", re.IGNORECASE)
_ATTRIB_RE = re.compile(
    # (not a territorial claim: "a Guyanese town that Venezuela claims, is …", "the land Kyiv claims as its own")
    r"\b(?:claim(?:s|ed)?(?!\s*,|\s+as\s+(?:its|their|part)\b|\s+sovereignty\b)|alleg(?:es|ed)|assert(?:s|ed)|"
    r"insist(?:s|ed)?|said|says|reported|stated)\b",
    re.IGNORECASE)
_DENY_RE = re.compile(
    r"\b(?:denie[sd]|deny|denying|denial|rejected|rejects|dismissed|dismisses|refuted|refutes|"
    # ("the disputed territory", "the disputed Essequibo region": a dispute over land, not over the claim)
    r"disputed(?!\s+(?:[A-Z][\w’'-]*\s+){0,2}(?:territor|region|area|border|frontier|boundary|island|zone|land|"
    r"town|village|city|enclave|province|part|section|stretch|strip|district|sea|waters|shoal|reef|[A-Z]))|"
    r"disputes|false|fake|untrue|no\s+truth)\b", re.IGNORECASE)
_PRONOUN_START = re.compile(
    r"(?:^|(?<=[;,]\s)|(?<=\s))(?:it|(?:the|this)\s+(?:(?:small|nearby|border|frontline|front-line|besieged|embattled|"
    r"heavily|fortified|strategic|key|eastern|western|northern|southern|ruined|coastal|mountain|hilltop|"
    r"(?:north|south)?-?(?:east|west)?ern|[A-Z][a-z]+(?:ian|ese|i|ish|an))\s+){0,3}"
    r"(?:city|town|village|settlement|place|capital|regional\s+capital|port|kibbutz|hamlet))"
    r"(?:(?:,?\s*(?:which|that|although|though)\b|,(?=\s*(?:located|situated)\b))?"
    r"(?:\s+(?:is|lies|sits|stands|was|located|situated|now|still)\b|['’]s\b)"  # "It's 60km SE from Tripoli"
    # "The town, about 5 km from the border, was evacuated": the figure in apposition to the anaphor
    r"|,(?=\s*(?:(?:about|some|around|roughly|nearly|almost|just|only|approximately|barely|less\s+than|more\s+than|"
    r"over|under|up\s+to)\s+)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|a\s+few)\b|$))"
    # "The capture of the town 5 km from the border …": the figure right after the anaphor
    r"|(?=\s+$))",
    re.IGNORECASE)


@dataclass
class Claim:
    """One kilometre claim found in text; entity fields are indices into the mention list (or None)."""

    kind: str
    start: int
    end: int
    sentence: tuple[int, int]
    distance: Distance
    subject: int | None = None
    target: int | None = None
    target_text: str | None = None  # the reference as written when no mention is it ("Haftanin", "the capital")
    near: int | None = None  # a band "near X": the stretch of border around that place
    near_before: tuple[int, ...] = ()  # an incursion's band: places named just before (latest first), for its stretch
    near_text: str | None = None  # "advanced 20 km into Ethiopia from Zalambessa": the place named, not in the gazetteer
    stretch_ends: tuple[int, int] | None = None  # a band "between A and B": the stretch of border between them
    border_mentions: list[int] = field(default_factory=list)
    inside: int | None = None
    inside_place: int | None = None
    area_of: bool = False  # "into the X area", "the countryside of X": the place's surroundings, not its region
    along: list[int] = field(default_factory=list)
    region: int | None = None
    direction: str | None = None
    bearing_deg: float | None = None
    both_sides: bool = False
    zone_noun: str | None = None
    modality: str = "asserted"
    cue: str = ""
    attributed_to: int | None = None
    subject_text: str | None = None  # the subject as written when no mention is it (facility, unresolved name)
    subject_kind: str | None = None  # "facility", "unresolved" or "anaphora" (subject from an earlier sentence)
    border_word: str | None = None

    @property
    def span(self) -> tuple[int, int]:  # noqa: D102
        return (self.start, self.end)


def _place_dir(pm: re.Match, after: str = "") -> tuple[str | None, float | None]:
    """The direction and bearing of a :data:`_PLACE_REL_RE` match; none for a list of directions ("15 to 30 km
    north, east and south of Kharkiv", "20 km north or west of Sumy"): the figure holds in several directions, so
    no single bearing may be judged or drawn; none for "N km north to X" either. ``after``: the text right after
    the reference, where "from X to the north-east" gives the direction of a figure "from X" that had none."""
    if pm.group("dlist") or (pm.group("dir") and pm.group("prep").lower() == "to"):
        # "to march 90 km north to the capital": the way a force would go, from the subject towards the reference
        # (the reverse bearing; and some writers mean "north of"): no bearing is judged
        return None, None
    if pm.group("dir") is None and pm.group("prep").lower() == "from" and (m := _TO_THE_DIR_RE.match(after)):
        return _norm_dir(m.group("dir"))
    return _norm_dir(pm.group("dir"))


# "30 km from the capital to the northeast" (not "… to the east of X", another reference)
_TO_THE_DIR_RE = re.compile(r"\s*,?\s*to\s+the\s+(?P<dir>(?:north|south)(?:-?(?:east|west))?|east|west)\b(?!\s*of\b)",
                            re.IGNORECASE)


def _norm_dir(raw: str | None) -> tuple[str | None, float | None]:
    if not raw:
        return None, None
    r = raw.lower().replace(" ", "-").replace("--", "-")
    r = re.sub(r"ern$", "", r)
    abbrev = {"n": "north", "s": "south", "e": "east", "w": "west"}
    if raw.isupper() and len(raw) <= 3:
        parts = [abbrev[c.lower()] for c in raw]
        r = parts[0] if len(parts) == 1 else (
            "".join(parts) if len(parts) == 2 else f"{parts[0]}-{parts[1]}{parts[2]}")
    key = r.replace("-", "") if r.count("-") <= 1 else r
    if key not in COMPASS:
        key = r
    if key in COMPASS:
        # canonical spelling with hyphen for intercardinals ("north-west")
        label = key
        for a in ("north", "south"):
            for b in ("east", "west"):
                if key == a + b:
                    label = f"{a}-{b}"
        return label, COMPASS[key]
    return r, None


class _Indexed(list):
    """The mention list plus a sorted start index (bisect), so lookups stay fast on long articles."""

    def __init__(self, mentions) -> None:
        super().__init__(mentions)
        self.order = sorted(range(len(self)), key=lambda i: (self[i].start, self[i].end))
        self.starts = [self[i].start for i in self.order]

    def between(self, s: int, e: int) -> list[int]:
        """Indices of mentions starting in [s, e], in text order."""
        a = bisect.bisect_left(self.starts, s)
        b = bisect.bisect_right(self.starts, e)
        return self.order[a:b]

    def before(self, pos: int) -> list[int]:
        """Indices of mentions starting before ``pos``, latest first."""
        return self.order[:bisect.bisect_left(self.starts, pos)][::-1]


def _mentions_in(mentions, s: int, e: int) -> list[int]:
    return [i for i in mentions.between(s, e) if mentions[i].end <= e]


# an upper bound written before or opening the figure
_UPPER_BOUND = r"(?:within|up\s+to|less\s+than|no\s+more\s+than)\b"


def _first_mention_at(mentions, pos: int, limit: int, *, kinds=None, allow_adj=True) -> int | None:
    best = None
    for i in mentions.between(pos, limit):
        m = mentions[i]
        if kinds and m.kind not in kinds:
            continue
        if not allow_adj and m.adjective:
            continue
        if best is None or m.start < mentions[best].start:
            best = i
    return best


def _modality(text: str, sent: tuple[int, int], next_sent: tuple[int, int] | None, d: Distance,
              clause_start: int, rlimit: int | None = None) -> str:
    ss, se = sent
    before = text[clause_start:d.start]
    sentence = text[ss:se]
    rel = d.start - ss
    after = text[d.end:se]
    if _ATTRIB_RE.search(sentence[:rel]) or _ATTRIB_RE.search(after):
        tail = after + (" " + text[next_sent[0]:next_sent[1]] if next_sent else "")
        # a denial in the rest of the sentence (";", "but") or the next sentence
        if _DENY_RE.search(tail) or (re.search(r"\bwhich\s+\w+\s+denied\b", sentence, re.IGNORECASE)):
            return "denied"
    db = _DENY_BEFORE_RE.search(sentence[:rel])
    if db and re.search(r"\b(?:nobody|no\s+one|none|not|never|cannot|can[’']t|doesn[’']t|don[’']t)\b[\w\s]{0,12}$",
                        sentence[max(0, db.start() - 30):db.start()], re.IGNORECASE):
        db = None  # "nobody disputes that …" affirms
    if (_DENY_RE.search(sentence[:rel]) and _ATTRIB_RE.search(sentence[:rel]) and not (
            _DENY_BEFORE_RE.search(sentence[:rel]) and db is None)) or db:
        return "denied"
    # a negation governs its own clause: "warned not to use the roads to the Litani, located 20 miles north of the
    # border" does not negate the apposition after the comma
    if _NEG_RE.search(before.rsplit(",", 1)[-1]):
        return "negated"
    clause_after = re.split(r";|\s[—–]\s|,\s+(?:but|and|while|whereas|although)\b",
                            text[d.end:rlimit or se], maxsplit=1)[0]
    if _hyp(_governing(before)) or re.match(r"^\s*if\b", sentence, re.IGNORECASE) or _HYP_AFTER_RE.search(
            clause_after):
        return "hypothetical"
    return "attributed" if _attributed(text, sent, d) else "asserted"


# a reporting verb or source phrase: the claim is what someone says, not what the writer states
_REPORTING_RE = re.compile(
    r"\b(?:said|says|say|told|tells|claim(?:s|ed)?|alleg(?:es|ed)|assert(?:s|ed)|insist(?:s|ed)?|reported(?:ly)?|"
    r"stated|announced|added|adding|according\s+to|quoted|quoting|cited|citing|wrote|writes|posted|"
    r"confirmed|warned|explained|estimated|reports(?=\s+(?-i:[A-Z])|\s{3,}(?:[.,;]|$))|show(?:s|ed)?\s+that|indicat(?:es|ed)\s+that)\b", re.IGNORECASE)


def _attributed(text: str, sent: tuple[int, int], d: Distance) -> bool:
    """Whether the figure is the content of a quote or of a reporting verb ("the army said troops were 10 km
    from …", "… 10 km away, according to officials"), not the writer's description of a place inside reported
    speech ("officials said Sudzha, 10 km from the border, was hit": a comma-set apposition stays asserted)."""
    ss, se = sent
    before, after = text[ss:d.start], text[d.end:se]
    quoted = before.count("“") > before.count("”") or before.count('"') % 2 == 1
    if quoted:
        return True
    if not _REPORTING_RE.search(before) and not _REPORTING_RE.search(after):
        return False
    # the figure in an apposition, a relative clause or a participle about a place ("X, a town 10 km from …",
    # "X, which lies 13 km …", "located ten miles from …") describes the place: the writer's own words
    # not after "it was reported that, as part of the operation, the military moved 73 km …": a new clause (a
    # reporting clause closing the sentence does not change this: the dev set labels such appositions asserted)
    return _governing(before) == before


# a relative clause, a participle or anything after a comma between the reporting verb and the figure: in real copy
# that is a description the writer adds ("…said X, 10 km from the border, was hit"; measured on the dev set's
# modality labels: 0.725 -> 0.833 agreement, where requiring an apposition after a name gave 0.783)
_DESCRIPTIVE_RE = re.compile(
    r"(?:\b(?:which|where|who)\b|\bthat\s+(?:is|lies|sits)\b|\b(?:located|situated|lying|lies|lie|sits|nestled)\b|,)"
    r"[^,;:“”\"]*$", re.IGNORECASE)


# a finite verb after the comma makes a clause of its own, not a description ("…, the Turkish military moved 73 km")
_FINITE_RE = re.compile(r"\b(?:was|were|is|are|had|has|have|moved|advanced|pushed|entered|reached|came|went|fell|"
                        r"landed|struck|hit|stood|remained|withdrew|retreated|crossed)\b", re.IGNORECASE)


_REPORTED_RE = re.compile(r"\b(?:said|says|told|added|adding|reported|stated|noted|announced)\b(?:\s+that\b)?",
                          re.IGNORECASE)


def _governing(before: str) -> str:
    """The part of ``before`` (clause start → figure) whose cues govern the figure: an apposition or relative clause
    right before it ("a possible advance on Goma, the provincial capital about 70 km to the south") describes a
    place, and a "possible"/"would" before its comma does not make the distance hypothetical."""
    dm = _DESCRIPTIVE_RE.search(before[-90:])
    if dm is None or (_FINITE_RE.search(dm.group(0)) and not re.search(
            r"\b(?:which|where|who|that\s+(?:is|lies|sits|lay|was)|located|situated|lying|lies|lie|sits|nestled)\b",
            dm.group(0), re.IGNORECASE)):
        return before
    return dm.group(0)


def _hyp(s: str) -> bool:
    """A hypothetical cue in ``s`` ("would", "may", "proposed"…) that governs what follows: one before a reporting
    verb belongs to another clause ("rebels, who have threatened to unseat the president, said they seized Kabo,
    400 km …"; "we consider this an affront, adding that troops were spotted 57 km …"). "May" the month is none."""
    cut = max((m.end() for m in _REPORTED_RE.finditer(s)), default=0)
    s = s[cut:]
    return any(m.group(0) != "May" for m in _HYP_RE.finditer(s))


def _clause_start(text: str, ss: int, pos: int) -> int:
    """Start of the clause holding ``pos``: after the last ';' / ' — ' / ', but' before it in the sentence."""
    seg = text[ss:pos]
    cut = 0
    for m in re.finditer(r";|\s[—–]\s|,\s+(?:but|while|whereas|although)\b|\bbut\b", seg):
        if m.group(0).strip() in "—–" and not seg[m.end():].strip():
            continue  # "Refugees reached Adre — about 30 km from Geneina — on foot": the dash opens an apposition
        cut = m.end()
    return ss + cut


# between two figures of one subject: "… 20 km south of Sloviansk and 55 km …"; when the first claim's phrase took
# the "and" ("from the border with Syria and about 330 km …"), the gap is blank and the "and" ends the phrase
_SAME_SUBJECT_GAP_RE = re.compile(r"\s*,?\s*(?:and|but|or|while|,)\s*")
# "… about 65 km east of Erbil in the Kurdish region of northern Iraq and some 300 km north of …": a phrase placing
# the first reference, then the next figure of the same subject
_LOCATIVE_GAP_RE = re.compile(r"\s+in\s+(?:the\s+)?[\w’' -]{3,60}?\s+and\s+")
_AND_END_RE = re.compile(r"\s(?:and|but|or|while)\s*$")


def _list_subject(text: str, prev: Claim, c: Claim, d: Distance) -> None:
    """A figure listed after ``prev`` in its sentence takes its subject: "Kramatorsk lies 20 km south of Sloviansk
    and 55 km west of Bakhmut"; "Their troops are 150 km from Depsang, 100 km from Chushul" (the troops, unnamed,
    never the reference of the figure before)."""
    kinds = ("distance_to_border", "distance_between_places")
    listed = _SAME_SUBJECT_GAP_RE.fullmatch(text, prev.end, d.start) or _LOCATIVE_GAP_RE.fullmatch(text, prev.end,
                                                                                                   d.start)
    same = (prev.subject is not None or prev.subject_text) and c.kind in kinds and prev.kind in kinds and (
        listed or (not text[prev.end:d.start].strip() and _AND_END_RE.search(text, prev.start, d.start)))
    if same or (listed and c.subject is not None and c.subject == prev.target):
        c.subject, c.subject_text, c.subject_kind = prev.subject, prev.subject_text, prev.subject_kind


def extract_claims(text: str, mentions: list, sentences: SentenceIndex | None = None,
                   distances: list[Distance] | None = None) -> list[Claim]:
    """Kilometre claims in ``text`` given its toponym ``mentions`` (objects with start, end, kind, adjective).

    Returns claims in text order; entity fields are indices into ``mentions``.
    """
    sidx = sentences or SentenceIndex(text)
    dists = distances if distances is not None else find_distances(text)
    mentions = _Indexed(mentions)
    loc = {i for i, m in enumerate(mentions) if getattr(m, "role", "location") == "location"}
    claims: list[Claim] = []
    for di, d in enumerate(dists):
        si = sidx.index_of(d.start)
        ss, se = sidx.spans[si] if sidx.spans else (0, len(text))
        nxt = sidx.spans[si + 1] if si + 1 < len(sidx.spans) else None
        # right window: up to the next distance in the sentence
        rlimit = se
        if di + 1 < len(dists) and dists[di + 1].start < se:
            rlimit = dists[di + 1].start
        right = text[d.end:rlimit]
        clause0 = _clause_start(text, ss, d.start)
        c = parse_distance(ParseContext(text, d, right, ss, se, clause0, mentions, loc))
        prev = claims[-1] if claims else None
        if c is None and prev is not None and prev.sentence == (ss, se) and prev.kind == "distance_to_border":
            c = _from_it(text, d, right, prev, clause0, mentions, loc)
        if c is None:
            continue
        c.sentence = (ss, se)
        c.modality = _modality(text, (ss, se), nxt, d, clause0, rlimit)
        am = None
        for m_ in _ATTRIB_RE.finditer(text, ss, d.start):
            am = m_
        if am is not None:
            # the speaker: the last actor or country named before the attribution verb ("Moscow claimed",
            # "Russian officials said")
            for i in reversed(mentions.between(ss, am.start())):
                mi = mentions[i]
                if getattr(mi, "role", "location") == "actor" or mi.adjective or mi.kind == "country":
                    c.attributed_to = i
                    break
        prev = claims[-1] if claims else None
        if prev is not None and prev.sentence == (ss, se):
            _list_subject(text, prev, c, d)
        if c.subject is None and not c.subject_text and di > 0 and dists[di - 1].start >= ss and (
                prev is None or prev.distance is not dists[di - 1]):
            _subject_of_unread_figure(text, c, dists[di - 1], clause0, mentions, loc)
        if prev is not None and c.cue == "apposition_away" and prev.subject is not None and prev.subject != c.subject \
                and prev.sentence[0] >= (sidx.spans[max(0, si - 1)][0] if sidx.spans else 0) and \
                _FURTHER_RE.match(text, d.end):
            # "Korem, 170 km south of Mekelle, … Alamata, 20 km further south": from the place of the figure before
            c.target = prev.subject
        if c.subject is None and c.kind in ("distance_to_border", "distance_between_places") and (
                not c.subject_text or (c.subject_kind == "unnamed" and c.subject_text.split()[-1].lower() in _ANAPHOR_NOUNS)):
            # ("The town, about 5 km from the border, …": a bare settlement noun points back too)
            floor = sidx.spans[max(0, si - _ANTECEDENT_SENTENCES)][0] if sidx.spans else 0
            _subject_from_context(text, c, d, (floor, ss), clause0, mentions, loc)
            if c.subject is not None:
                c.subject_text = None
        claims.append(c)
    claims = _gapped_figures(text, dists, _paired_figures(text, dists, claims, mentions, loc), mentions, loc)
    return _distributed(text, claims, mentions, loc)


# "the villages of A and B, both about 10 km from the border", "A, B and C are within 10 km of it": one figure
# said of every place in the list before it
_DISTRIB_TAIL_RE = re.compile(
    r"\s*[,–—-]*\s*(?:(?:which|that)\s+)?(?P<verb>(?:(?:are|were|lie|lay|sit|stand|both|each|all)\s+)+)"
    r"(?:(?:located|situated|only|just)\s+)?$|\s*,\s*(?P<each>both|each|all)\s+(?:(?:located|situated)\s+)?$",
    re.IGNORECASE)
_DISTRIB_JOIN_RE = re.compile(r"\s*,?\s*(?:and\s+)?(?:the\s+)?(?:(?:towns?|villages?|cities|settlements?)\s+of\s+)?$")


def _distributed(text: str, claims: list[Claim], mentions, loc) -> list[Claim]:
    """A claim whose subject closes a list of places ("Khotin and Yunakivka, both about 10 km from the border",
    "Belgorod and Shebekino are within 10 km of the border") is that claim again for each earlier place of the
    list. Only "both"/"each"/"all" or a plural verb between the list and the figure distributes it."""
    out = list(claims)
    for c in claims:
        if c.kind in ("distance_to_border", "distance_between_places") and c.subject is None and c.subject_text \
                and _AND_NAMES_RE.fullmatch(c.subject_text):
            out.extend(_split_coordinated(text, c, mentions, loc))
            continue
        if c.kind != "distance_to_border" or c.subject is None or c.cue == "gapped" or c.subject_text:
            continue
        s = mentions[c.subject]
        tail = _DISTRIB_TAIL_RE.match(text[s.end:c.distance.start])
        if tail is None or (tail.group("verb") and not re.search(r"\b(?:are|were|lie|lay|sit|stand|both|each|all)\b",
                                                                 tail.group("verb"), re.IGNORECASE)):
            continue
        for i in _list_before(text, c.subject, c.sentence[0], mentions, loc):
            g = copy.copy(c)
            g.subject, g.cue = i, "distributed"
            out.append(g)
    return sorted(out, key=lambda c: c.start)


_AND_NAMES_RE = re.compile(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?(?:\s*,\s*[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)*"
                           r"\s+and\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?")


def _split_coordinated(text: str, c: Claim, mentions, loc) -> list[Claim]:
    """"The villages of Silene and Piedruja are located less than 10 km from the border": the subject written as
    "A and B" is each of them — ``c`` becomes A's claim (a mention, else the name as written) and a copy is
    returned for each other name."""
    names = [n for n in re.split(r"\s*,\s*|\s+and\s+", c.subject_text) if n]
    at = text.rfind(c.subject_text, c.sentence[0], c.distance.start)
    if at < 0 or len(names) < 2 or not re.search(r"\b(?:are|were|lie|sit|stand|both|each|all)\b",
                                                 text[at + len(c.subject_text):c.distance.start], re.IGNORECASE):
        return []  # ("landed in Mahasha Kote and Arnia town, which is around 5 km …": one of them)
    subjects = []
    for n in names:
        s0 = text.find(n, at)
        hit = next((i for i in mentions.between(s0, s0 + len(n)) if i in loc and mentions[i].start == s0
                    and mentions[i].end == s0 + len(n) and mentions[i].kind == "place"), None)
        subjects.append((hit, None if hit is not None else n))
    copies = []
    for k, (i, n) in enumerate(subjects):
        g = c if k == 0 else copy.copy(c)
        g.subject, g.subject_text = i, n
        g.subject_kind = None if i is not None else "unresolved"
        if k:
            g.cue = "distributed"
            copies.append(g)
    return copies


def _list_before(text: str, last: int, ss: int, mentions, loc) -> list[int]:
    """The places listed before mention ``last`` ("A, B and <last>"), nearest first; empty without "and"."""
    out: list[int] = []
    end = mentions[last].start
    joined = False
    for i in reversed(mentions.between(ss, end)):
        m = mentions[i]
        if m.end > end:
            continue
        gap = text[m.end:end]
        j = _DISTRIB_JOIN_RE.fullmatch(gap) if gap.strip() else None
        if j is None or i not in loc or m.kind != "place" or m.adjective or (not out and "and" not in gap and not
                                                                              joined and not gap.strip(" ,")):
            break
        joined = joined or "and" in gap
        out.append(i)
        end = m.start
    return out if joined else []


def _from_it(text: str, d: Distance, right: str, prev: Claim, clause0: int, mentions, loc) -> Claim | None:
    """"Belgorod, 40 km from the border, and Kursk, 100 km from it": the border of the claim before, or None."""
    im = re.match(r"^\s*(?:away\s+)?(?:from|of)\s+it\b", right, re.IGNORECASE)
    if not im:
        return None
    return Claim(kind="distance_to_border", start=d.start, end=d.end + im.end(), sentence=prev.sentence, distance=d,
                 subject=_subject_left(text, d.start, clause0, mentions, loc, set()),
                 border_mentions=list(prev.border_mentions), border_word=prev.border_word, cue="from_it")


_UNREAD_FIGURE_GAP_RE = re.compile(r"\s+(?:away\s+)?(?:from|of|off)\s+(?:the\s+)?[a-z][\w\s-]{0,30}?\s+and\s+$")


def _subject_of_unread_figure(text: str, c: Claim, d0: Distance, clause0: int, mentions, loc) -> None:
    """"Krynky lies 2 km from the river and 35 km from Kherson": the figure before (not a claim: "the river" is not
    named) and this one share the subject named before the first."""
    if c.kind not in ("distance_between_places", "distance_to_border") or \
            not _UNREAD_FIGURE_GAP_RE.fullmatch(text, d0.end, c.distance.start):
        return
    exclude = {i for i in (c.target,) if i is not None}
    i = _subject_left(text, d0.start, clause0, mentions, loc, exclude)
    if i is not None and _COPULA_BEFORE_FIGURE_RE.fullmatch(text, mentions[i].end, d0.start):
        c.subject = i  # (only "X lies/is N km from …": not "crashed near X Street, 200 m from …")


# (a figure's span holds its qualifier: "lies about 2 km" ends in "lies ")
_COPULA_BEFORE_FIGURE_RE = re.compile(r"\s+(?:lies|lie|is|are|sits|stands|was|were|located|situated)\s+")


# "…, Kharkiv 35 km and Poltava 140 km": a name and a figure with the rest of the claim before left out
_GAP_BEFORE_RE = re.compile(r"\s*(?:,\s*(?:and\s+|while\s+)?|\s+and\s+|;\s*)$")
_GAP_AFTER_RE = re.compile(r"\s*(?:[.,;)]|and\b|or\b|$)")


def _gapped_figures(text: str, dists: list[Distance], claims: list[Claim], mentions, loc) -> list[Claim]:
    """"Sumy is 30 km from the border, Kharkiv 35 km and Poltava 140 km": a figure with no claim of its own, right
    after a place name that follows the sentence's claim before it, is that claim again for that place (the same
    reference, border or direction; the verb and reference are left out, as English allows)."""
    by_start = {c.distance.start: c for c in claims}
    out = list(claims)
    prev: Claim | None = None
    for d in dists:
        c = by_start.get(d.start)
        if c is not None:
            prev = c
            continue
        if prev is None or prev.kind not in ("distance_to_border", "distance_between_places") or \
                not (prev.sentence[0] <= d.start < prev.sentence[1]) or not _GAP_AFTER_RE.match(text, d.end):
            continue
        at = [i for i in mentions.between(prev.end, d.start) if mentions[i].end <= d.start]
        if len(at) != 1 or at[0] not in loc or mentions[at[0]].kind != "place" or mentions[at[0]].adjective:
            continue
        m = mentions[at[0]]
        if not _GAP_BEFORE_RE.search(text, prev.end, m.start) or text[m.end:d.start].strip():
            continue
        g = copy.copy(prev)
        g.distance, g.start, g.end, g.cue = d, d.start, d.end, "gapped"
        g.subject, g.subject_text, g.subject_kind = at[0], None, None
        out.append(g)
        prev = g
    return sorted(out, key=lambda c: c.start)


def _paired_figures(text: str, dists: list[Distance], claims: list[Claim], mentions, loc) -> list[Claim]:
    """"towns located 25 km and 30 km from the border": a figure with no claim of its own, joined by "and"/"or"
    to the next figure, shares that figure's claim (with no named subject: which town is which is not said,
    unless two places joined by "and" come right before: "the villages of A and B, which are 25 km and 30 km …")."""
    by_start = {c.distance.start: c for c in claims}
    out = list(claims)
    for d, nd in zip(dists, dists[1:], strict=False):
        nxt = by_start.get(nd.start)
        if d.start in by_start or nxt is None or nxt.subject is not None or nxt.subject_text or \
                not re.fullmatch(r"\s*,?\s*(?:and|or)\s*", text[d.end:nd.start]) or d.unit != nd.unit:
            continue
        first = copy.copy(nxt)
        first.distance, first.start = d, d.start
        out.append(first)
        pair = _respective(text, d.start, first.sentence[0], mentions, loc)
        if pair is not None:
            for c, (i, name) in zip((first, nxt), pair, strict=True):
                c.subject, c.subject_text, c.subject_kind = i, name, None if name is None else "unresolved"
    return sorted(out, key=lambda c: c.start)


_RESPECTIVE_AND_RE = re.compile(r"\s*,?\s*and\s+(?:the\s+)?(?:(?:town|village|city|settlement)\s+of\s+)?")
_RESPECTIVE_TAIL_RE = re.compile(
    r"(?:\s*,\s*(?:the\s+)?(?:two|both)\s+[^,;.()\d]{3,80}?,)?"  # "A and B, two towns on the coast, lie …"
    r"\s*[,–—-]*\s*(?:(?:which|that)\s+)?(?:(?:are|were|lie|lay|sit|stand)\s+)?(?:(?:located|situated)\s+)?"
    r"(?:respectively\s*,?\s*)?(?:(?:about|some|around|roughly|nearly|approximately|only|just)\s+)?")


_RESPECTIVE_NAME = r"(?:(?:al|el)-)?[A-Z][\w’'-]*(?:[ -](?:(?:al|el)-)?[A-Z][\w’'-]*){0,3}"
_RESPECTIVE_RE = re.compile(rf"(?P<a>{_RESPECTIVE_NAME}){_RESPECTIVE_AND_RE.pattern}(?P<b>{_RESPECTIVE_NAME})"
                            rf"{_RESPECTIVE_TAIL_RE.pattern}$")


def _respective(text: str, pos: int, ss: int, mentions, loc) -> tuple[tuple[int | None, str | None], ...] | None:
    """"the villages of A and B, which are 25 km and 30 km from …": the two places (in order) for the two figures
    from ``pos``, each as (mention index, None), or (None, the name as written) for a name the gazetteer lacks
    ("Tolpino and Obshchy Kolodez - which are about 25km and 30km from the border"); None when the figures
    follow no such pair."""
    m = _RESPECTIVE_RE.search(text, ss, pos)
    if m is None:
        return None
    out = []
    for g in ("a", "b"):
        hit = next((i for i in mentions.between(m.start(g), m.end(g)) if i in loc and mentions[i].kind == "place"
                    and not mentions[i].adjective and mentions[i].start == m.start(g)
                    and mentions[i].end == m.end(g)), None)
        if hit is None and (mentions.between(m.start(g), m.end(g)) or sentence_start(text, m.start(g), ss)):
            return None  # a country, a region or a longer name around a mention: no pair of places
        out.append((hit, None if hit is not None else m.group(g)))
    return tuple(out)


_FACILITY_RE = re.compile(
    r"(?:['’]s)?\s+(?:(?:nuclear|atomic|power|thermal|hydroelectric|hydro|chemical|oil|gas|military|air|"
    r"international|steel|coal|border)\s+)*(?:plant|station|refinery|airport|air\s*base|airbase|airfield|dam|bridge|"
    r"depot|reactor|terminal|crossing|checkpoint|gate|temple|mosque|monastery|river|pipeline|"
    r"(?:power|transmission)\s+line)s?\b"
    r"|\s+(?:NPP|NPS|AES|HPP|TPP|CHP|CHPP)\b", re.IGNORECASE)  # "the Zaporizhzhia NPP": the nuclear plant


def _facility(text: str, mentions, i: int | None) -> str | None:
    """The facility phrase when mention ``i`` names a facility ("the Kursk nuclear plant") or a river ("the Oskil
    River": not the village of Oskil), else None."""
    if i is None:
        return None
    m = mentions[i]
    f = _FACILITY_RE.match(text, m.end, m.end + 60)
    return text[m.start:f.end()] if f else None


_THE_BEFORE_RE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_LOCATIVE_BEFORE_RE = re.compile(r"\b(?:in|of|across|throughout|near|from)\s+(?:the\s+)?"
                                 r"(?:[A-Z][a-z]+-(?:administered|occupied|controlled|held)\s+)?$", re.IGNORECASE)


def _subject_left(text: str, end: int, ss: int, mentions, loc: set[int], exclude: set[int]) -> int | None:
    """The nearest location mention in [ss, end) that can be a claim's subject (not excluded, no country)."""
    best = None
    for i in mentions.between(ss, end):
        if i not in loc:
            continue
        m = mentions[i]
        if m.adjective or m.kind == "country" or i in exclude:
            continue
        if m.kind == "place" and _THE_BEFORE_RE.search(text, max(0, m.start - 5), m.start):
            continue  # "on the Dnipro", "the Azov coast": a river or sea named like a town is no subject
        if m.kind in ("admin1", "world_region") and _LOCATIVE_BEFORE_RE.search(text, max(0, m.start - 40), m.start):
            continue  # "Shostka in the Sumy region, 40 km from …": the region only locates the subject
        if ss <= m.start and m.end <= end:
            if best is None or m.start > mentions[best].start:
                best = i
    return best


# "…near Rylsk, he wrote, referring to a town 30 km from …": the town is the place named before
_REFERRING_RE = re.compile(r"\breferr(?:ing|ed|s)\s+to\s+(?:a|the)\s+(?:[\w-]+\s+)?"
                           r"(?:city|town|village|settlement)\s*$", re.IGNORECASE)
_FURTHER_RE = re.compile(r"\s*(?:further|farther)\s+(?:to\s+the\s+)?(?:north|south|east|west)", re.IGNORECASE)
_ANAPHOR_NOUNS = frozenset({"city", "town", "village", "settlement", "hamlet", "kibbutz", "port"})
_ANTECEDENT_SENTENCES = 2  # "the town lies 5 km from …" refers to a place named in this sentence or the two before


def _subject_from_context(text: str, c: Claim, d: Distance, bounds: tuple[int, int], clause0: int, mentions,
                          loc) -> None:
    """"It lies 40 km north of …", "the town lies 5 km from …": the latest place named before the pronoun, in the
    sentence or the two before (``bounds``: where that window starts, where the sentence starts). Farther back —
    a headline, another scene — "the village" is unnamed, not the last town the article happened to name."""
    floor, ss = bounds
    m0 = (_PRONOUN_START.search(text, clause0, d.start) or _PRONOUN_START.search(text, ss, d.start)
          or _REFERRING_RE.search(text, ss, d.start))
    if not m0 or text[m0.start():d.start].count(",") > 2 or mentions.between(m0.end(), d.start):
        return  # "it was beefing up security at the Kursk plant, located 35 km …": a name nearer the figure
    # "The northeastern Ukrainian city is …": the antecedent is in the country the anaphor's adjective names
    want = {mentions[j].cand.country for j in mentions.between(m0.start(), m0.end() - 1)
            if mentions[j].adjective and mentions[j].cand is not None}
    for i in mentions.before(m0.start()):
        m = mentions[i]
        if m.start < floor or _unknown_place_name(text, m.end, m0.start(), mentions):
            break  # "… a village in Gurez valley, in … Bandipora district. It is 45 km from …": not a place before
        if want and (m.cand is None or m.cand.country not in want):
            continue
        if i in loc and m.end <= m0.start() and not m.adjective and m.kind == "place" and i != c.target and \
                not _HYPHEN_GLUED.match(text, m.end) and not _HYPHEN_GLUED_BEFORE.search(text, 0, m.start) and \
                not (c.target is not None and _same_entity(m, mentions[c.target])) and \
                not re.match(r"[’']s\b", text[m.end:m.end + 2]) and not OFFICE_AFTER_RE.match(text, m.end) and \
                _fits_noun(m, m0.group(0)):  # "Kyiv's forces", "Belgorod Governor …": an actor, not the town
            c.subject = i
            c.subject_kind = "anaphora"
            break
    named = _named_antecedent(text, m0, floor)
    if named is not None and (c.subject is None or mentions[c.subject].start < named.end("name")):
        # "the border village of al-Dhahira … the village, which is located 400 m from …": the village named as
        # such is the antecedent, even when the gazetteer lacks it (then the claim names it and stays unchecked)
        at = mentions.between(named.start("name"), named.end("name"))
        hit = next((i for i in at if i in loc and mentions[i].kind == "place" and mentions[i].start ==
                    named.start("name") and mentions[i].end == named.end("name")), None)  # not "Zawiya" of it
        c.subject, c.subject_text = hit, None if hit is not None else named.group("name")
        c.subject_kind = "anaphora" if hit is not None else "unresolved"


# a capitalised word where a place is named ("from Kanzalwan sector", "in Gurez valley", "Bandipora district")
_PLACE_SLOT_RE = re.compile(
    r"\b(?:in|from|near|at|into|outside|around|to)\s+(?:the\s+)?(?P<a>[A-Z][\w’'-]+)"
    r"|(?<![\w’'-])(?P<b>[A-Z][\w’'-]+)\s+(?:sector|valley|district|village|town|city|region|province|county|camp|"
    r"governorate|oblast|raion|township)\b")


def _unknown_place_name(text: str, lo: int, hi: int, mentions) -> bool:
    """Whether [lo, hi) names a place the document's mentions do not hold (a village the gazetteer lacks): then a
    pronoun after it may mean that place, not one named before it."""
    covered = [(mentions[i].start, mentions[i].end) for i in mentions.between(max(0, lo - 40), hi)]
    for m in _PLACE_SLOT_RE.finditer(text, lo, hi):
        g = "a" if m.group("a") else "b"
        s, w = m.start(g), m.group(g)
        if w.lower() in CALENDAR_WORDS or w in ("May", "The", "This", "That", "It", "A", "An") or \
                any(a <= s < b for a, b in covered):
            continue
        return True
    return False


def _fits_noun(m: Any, anaphor: str) -> bool:
    """Whether mention ``m``'s entity can be what ``anaphor`` ("the town", "the border village, which") names."""
    words = re.findall(r"[a-z]+", anaphor.lower())
    noun = next((w for w in reversed(words) if w in NOUN_MAX_POP or w in ("city", "capital", "port", "place")), None)
    cap = NOUN_MAX_POP.get(noun or "")
    return cap is None or (getattr(m.cand, "population", 0) or 0) < cap


# "the Mandalay-Lashio-Muse Highway", "the Yangon-Sittwe road": a name glued by a hyphen to another is a route's
_HYPHEN_GLUED = re.compile(r"[-–][A-Z]")
_HYPHEN_GLUED_BEFORE = re.compile(r"[A-Za-z][-–]$")


def _named_antecedent(text: str, m0: re.Match, floor: int) -> re.Match | None:
    """The latest "<noun> of <Name>" before anaphor ``m0`` ("the village" → "the border village of al-Dhahira")
    since ``floor``, with the anaphor's own noun; None for "it" or when there is none."""
    nm = re.search(r"\b(village|town|city|settlement|hamlet|kibbutz|port)\b", m0.group(0), re.IGNORECASE)
    if nm is None:
        return None
    noun = nm.group(1).lower()
    found = None
    of_form = (rf"\b{noun}\s+of\s+(?P<name>(?:(?:al|el|ad|ar|as|ash|at|az)-)?[A-Z][\w’'-]*"
               r"(?:[ -](?:(?:al|el)-)?[A-Z][\w’'-]*){0,3})")
    # "Nawnghkio town is …": a name right before the noun (not "The town", not a name glued to a longer one)
    before_form = rf"(?<![\w’'-])(?P<name>(?!(?:The|This|That|A|An|Its|Their)\b)[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,2}})\s+{noun}\b"
    for form in (of_form, before_form):
        for m in re.finditer(form, text[:m0.start()]):
            if m.start() >= floor and (found is None or m.start("name") > found.start("name")):
                found = m
    return found


@dataclass(frozen=True)
class ParseContext:
    """What a claim rule sees of one distance expression: the text, the distance, the window right of it (up to the
    next distance or the sentence end), the sentence and clause bounds, and the document's mentions."""

    text: str
    d: Distance
    right: str
    ss: int
    se: int
    clause0: int
    mentions: Any
    loc: frozenset[int] | set[int]

    @property
    def left(self) -> str:
        """The clause left of the distance."""
        return self.text[self.clause0:self.d.start]

    @property
    def sent_mentions(self) -> list[int]:
        """Indices of the mentions inside the sentence, in text order."""
        return _mentions_in(self.mentions, self.ss, self.se)

    def claim(self, kind: str, end: int, cue: str, **kw: Any) -> Claim:
        """A claim of ``kind`` spanning the distance up to ``end``, read by rule ``cue``."""
        return Claim(kind=kind, start=self.d.start, end=max(end, self.d.end), sentence=(self.ss, self.se),
                     distance=self.d, cue=cue, **kw)

    def subject(self, exclude: set[int], fallback: bool = True,
                end: int | None = None) -> tuple[int | None, str | None, str | None]:
        """The claim's subject: (mention index, text as written, kind) from the noun phrase right before the
        figure (:mod:`geomap.text.subjects`): a mention, an unresolved name or facility (index None, the text), a
        pronoun (index None, kind "pronoun": the caller looks at the sentence before), an area named after a
        place ("the Muzaffarabad sector": index None, kind "area"), or nothing."""
        listed = self._list_item(exclude) if end is None else None
        if listed is not None:
            return listed
        out = self._subject(exclude, fallback, end)
        if out[0] is not None and (m := _NAMED_AREA_RE.match(self.text, self.mentions[out[0]].end)):
            return None, self.text[self.mentions[out[0]].start:m.end()], "area"
        if out[2] == "facility" and _NAMED_AREA_END_RE.search(out[1] or ""):
            return None, out[1], "area"
        return out

    def _list_item(self, exclude: set[int]) -> tuple[int | None, str | None, str | None] | None:
        """"- Bahawalpur – 100 km inside Pakistan", "Muridke: around 450 km from Delhi": a line that opens with a
        name and a dash or colon before the figure is a list item about that name; None when the line is not one."""
        ls = self.text.rfind("\n", 0, self.d.start) + 1
        lm = _LIST_ITEM_RE.fullmatch(self.text, max(ls, self.ss), self.d.start)
        if lm is None:
            return None
        s, e = lm.span("name")
        hit = self._mention_of(s, e, exclude)
        if hit is not None:
            return hit
        kind = "facility" if lm.group("name").split()[-1].lower() in FACILITY_NOUNS else "unresolved"
        return None, lm.group("name"), kind

    def _subject(self, exclude: set[int], fallback: bool, end: int | None
                 ) -> tuple[int | None, str | None, str | None]:
        if end is None and _PARTICIPLE_OPENING_RE.match(self.text, self.ss, self.d.start):
            # "Located in western Anbar province (about 230 km west of Ramadi), the town of Al-Qaim …": the
            # participle phrase's names only place the subject that follows it
            fronted = self._fronted(exclude)
            if fronted is not None:
                return fronted
        ph = subject_phrase(self.text, self.clause0, self.d.start if end is None else end)
        things = self._things_in(ph) if ph is not None and ph.kind == "name" else None
        if things is not None:
            return None, things, "unnamed"
        if ph is not None and ph.kind in ("name", "facility") and (self._locative(ph) or self._facility_in(ph)):
            # "Renk in South Sudan's Upper Nile state is located 60 km …", "Shostka in the Sumy region, 40 km …",
            # "Kherson lies on the Dnipro, 70 km …" (but "residents in Balad, 30 km …" is about Balad)
            ph = skip_locative(self.text, ph, self.clause0)
        if ph is None:
            fronted = self._fronted(exclude)
            if fronted is not None:
                return fronted
            return self._fallback(exclude) if fallback else (None, None, None)
        if ph.kind == "pronoun":
            return None, None, "pronoun"
        if ph.kind == "coordinated":
            return None, None, None
        if ph.kind == "common":
            return self._common_subject(ph)
        hit = self._mention_of(ph.name_start, ph.name_end, exclude)
        if ph.kind == "facility":
            return None, ph.text, "facility"
        if hit is not None:
            return hit
        if " " not in ph.text and "-" not in ph.text and sentence_start(self.text, ph.name_start, self.ss) and (
                ph.text.lower().endswith("ing") or ph.text.lower() in _COMMON_OPENERS
                or not re.match(r"\s*(?:,|is\b|lies\b|was\b|sits\b|in\b|which\b)", self.text[ph.name_end:])):
            return None, None, None  # "Fighting in Kharkiv …": a capitalised first word alone is no name
        return None, ph.text, "unresolved"

    def _common_subject(self, ph: Any) -> tuple[int | None, str | None, str | None]:
        """"a vessel", "the airspace", "the camp": what is located, named as written (no gazetteer entity); nothing
        for a vague word or "referring to a town 30 km from …" (a place named before: the caller's)."""
        if _REFERRING_RE.search(self.text, self.ss, ph.end):
            return None, None, None
        text = re.sub(r"^(?:the|a|an|its|their|this|that|another|his|her|our)\s+", "", ph.text, flags=re.I)
        if text.lower() in _VAGUE_SUBJECTS or not re.search(r"[a-z]{3}", text):
            return None, None, None
        return None, text, "unnamed"

    def _fronted(self, exclude: set[int]) -> tuple[int | None, str | None, str | None] | None:
        """"Situated 380 km northwest of Moscow, Toropets is …", "Ten kilometres from the border, Vovchansk was
        shelled", "About 10 km from the border lies the town of Vovchansk": the subject follows the fronted
        phrase."""
        if not _FRONTED_RE.match(self.text, self.ss, self.d.start):
            return None
        m = (_FRONTED_SUBJECT_RE.match(self.text, self.d.end, self.se)
             or _INVERTED_SUBJECT_RE.match(self.text, self.d.end, self.se))
        if not m:
            return None
        hit = self._mention_of(m.start("name"), m.end("name"), exclude)
        return hit if hit is not None else (None, m.group("name"), "unresolved")

    def _fallback(self, exclude: set[int]) -> tuple[int | None, str | None, str | None]:
        """The nearest location mention of the clause; the whole name when the mention is part of a longer
        capitalised name ("Adan" in "Adan Yabaal" is no place of its own)."""
        i = self.subject_left(exclude | self._anaphors())
        if i is None or self.d.start - self.mentions[i].end > 60:
            return None, None, None  # a name far back in the clause is not what the figure is attached to
        m = self.mentions[i]
        run = _NAME_RUN.match(self.text, m.start)
        if run and run.end() > m.end:
            if run.group(0).split()[-1].lower() in ORGANISATION_WORDS:
                return None, None, None  # "Liberation" in "People's Liberation Army"
            return None, run.group(0), "unresolved"
        return i, None, None

    def _things_in(self, ph: Any) -> str | None:
        """"structures in Gaza within a kilometre of the border", "towns in Sumy 10 km from the border": the things (a
        plural noun) are at the distance, the place only locates them; the noun, else None. After a comma ("villages
        in Sumy, 30 km from the border") the figure is Sumy's unless an upper bound says "within"."""
        between = self.text[ph.end:self.d.start]
        if between.strip() and not re.fullmatch(r"\s*" + _UPPER_BOUND + r"\s+", between, re.IGNORECASE):
            return None
        w0 = max(0, ph.name_start - 40)
        m = re.search(r"\b([A-Za-z]{3,}s)\s+(?:in|inside)\s+(?:the\s+)?$", self.text[w0:ph.name_start])
        if m is None or (m.group(1)[0].isupper() and not sentence_start(self.text, w0 + m.start(1), self.ss)):
            return None  # "Emirates in …": a capitalised word inside the sentence is a name, not a noun
        if is_link_word(m.group(1)):
            return None  # "the town lies in …": a verb, not a thing
        return m.group(1)

    def _facility_in(self, ph: Any) -> bool:
        """"the Novoshakhtinsk refinery in Rostov, which sits 8 km from …": a relative clause after a place that
        only locates a facility is about the facility."""
        return bool(re.match(r"\s*,\s*(?:which|that)\b", self.text[ph.end:self.d.start])) and bool(
            _FACILITY_IN_RE.search(self.text, max(self.clause0, ph.name_start - 40), ph.name_start))

    def _locative(self, ph: Any) -> bool:
        """Whether phrase ``ph`` only locates the subject: a copula follows it, it is a region, or a river ("the
        Dnipro")."""
        cm = _COPULA_LINK_RE.search(self.text, ph.end, self.d.start)
        if cm and not re.search(r"\b(?:which|that|who|where)\b", self.text[ph.end:cm.start()], re.IGNORECASE):
            return True  # "Renk in … state is located" (not "troops in Afgoye, which lies …": about Afgoye)
        if WATER_NAME_RE.search(ph.text):
            return True  # "The island is located in the Yellow Sea, about 80 km west of Incheon": water locates it
        if re.search(r"\b(?:region|province|oblast|state|governorate|district|county)\W*$", self.text[ph.start:ph.end + 12]
                     .split(",")[0], re.IGNORECASE):
            return True
        for i in self.mentions.between(max(0, ph.name_start - 1), ph.name_end):
            if self.mentions[i].kind in ("admin1", "world_region"):
                return True
        nm = _NAME_IN_RE.search(self.text, max(self.clause0, ph.name_start - 40), ph.name_start)
        if nm and not sentence_start(self.text, nm.start(), self.ss):
            return True  # "at Garkhal in Akhnoor, about 35 km west of Jammu": a name in a name is located by it
        return bool(re.search(r"\bthe\s+$", self.text[max(0, ph.name_start - 5):ph.name_start], re.IGNORECASE))

    def _anaphors(self) -> set[int]:
        """Indices of the anaphor mentions ("the town") of the sentence: a fallback subject is a name."""
        return {i for i in self.mentions.between(self.ss, self.se) if getattr(self.mentions[i], "anaphor", False)}

    def _mention_of(self, s: int, e: int, exclude: set[int]) -> tuple[int | None, str | None, str | None] | None:
        """The mention that is exactly the name at [s, e); (None, None, None) for a country or an excluded one;
        None when no mention is that name."""
        am = _ARTICLE_PREFIX_RE.match(self.text, s, e)
        s = am.end() if am else s  # "al-Obeid", "Despite el-Fasher": the mention is "Obeid", "Fasher"
        for i in self.mentions.between(max(0, s - 8), e):
            m = self.mentions[i]
            if m.start <= s and m.end >= e:
                if i in exclude or m.kind == "country" or m.adjective or i not in self.loc:
                    return None, None, None
                return i, None, None
        return None

    def subject_left(self, exclude: set[int], start: int | None = None) -> int | None:
        """The nearest location mention left of the distance from ``start`` (default: the clause start)."""
        return _subject_left(self.text, self.d.start, self.clause0 if start is None else start, self.mentions, self.loc,
                             exclude)


# an Arabic article written in lower case before a name (a sentence's first word may come before it)
_ARTICLE_PREFIX_RE = re.compile(r"(?:[A-Z][a-z]+\s+)?(?:al|el|ad|an|ar|as|ash|at|az|ed|en|er|es|ez)-(?=[A-Z])")


def _named(subject: tuple[int | None, str | None, str | None]) -> bool:
    """Whether a subject from :meth:`ParseContext.subject` names something: a mention, a name the gazetteer lacks
    or a facility (not a common phrase such as "the troops")."""
    return subject[0] is not None or subject[2] in ("unresolved", "facility")


# a list line: "- Bahawalpur – 100 km inside Pakistan", "Muridke – Around 450 km from Delhi", "2. Kotli: 15 km …"
_LIST_ITEM_RE = re.compile(r"[ \t]*(?:[-•*▪·]|\d{1,2}[.)])?[ \t]*(?P<name>[A-Z][\w’'-]*(?:[ -][A-Z][\w’'-]*){0,3})"
                           r"[ \t]*[–—:-][ \t]*(?i:(?:about|around|some|roughly|nearly|approximately|over|more\s+than|"
                           r"less\s+than|up\s+to|only|just)\s+)?")
# "the intrusion in Muzaffarabad sector", "on the Kupiansk axis": an area named after the place, not its point
_AREA_WORDS = r"(?:sector|axis)"
_NAMED_AREA_RE = re.compile(rf"\s+{_AREA_WORDS}\b", re.IGNORECASE)
_NAMED_AREA_END_RE = re.compile(rf"\b{_AREA_WORDS}$", re.IGNORECASE)  # a facility phrase ending so ("Poonch sector")


def _set_subject(c: Claim, subject: tuple[int | None, str | None, str | None]) -> Claim:
    """Put ``(mention index, text, kind)`` from :meth:`ParseContext.subject` on claim ``c``."""
    c.subject, c.subject_text, kind = subject
    c.subject_kind = None if kind == "pronoun" else kind
    return c


_NAME_IN_RE = re.compile(r"(?<![.!?]\s)\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*\s+in\s+(?:the\s+(?:territory|district|province|"
                         r"region|county|department|commune|municipality|governorate|state|area)\s+of\s+)?$")
_COPULA_LINK_RE = re.compile(r"\b(?:is|are|was|were|lies|lie|lay|sits|stands|located|situated|lying)\b", re.I)
# a fronted location phrase: "Situated 380 km northwest of Moscow, …", or the figure opening the sentence
_FRONTED_RE = re.compile(r"\W*(?:(?:Situated|Located|Lying|Nestled|Sitting|Positioned)\b|$)")
_FRONTED_SUBJECT_RE = re.compile(
    r"[^,;]*,\s*(?:the\s+(?:town|city|village|settlement|port)\s+of\s+)?(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)"
    r"\s+(?:is|was|lies|has|had|sits|stands|remains|became|serves|hosts|houses)\b")
_PARTICIPLE_OPENING_RE = re.compile(r"\W*(?:Situated|Located|Lying|Nestled|Sitting|Positioned)\b")
_INVERTED_SUBJECT_RE = re.compile(
    r"[^,;]*?\s(?:lies|lie|sits|stands|is)\s+(?:the\s+(?:town|city|village|settlement)\s+of\s+)?"
    r"(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)\b")
# capitalised words that open sentences and are no place names
_COMMON_OPENERS = frozenset(
    "officials residents witnesses sources troops forces rebels police authorities locals soldiers militants analysts "
    "observers experts reports people civilians refugees fighters villagers it this that there here they we".split())
# a common subject too vague to name ("the area", "the region" point back to something named before)
_VAGUE_SUBJECTS = frozenset({"area", "region", "place", "site", "location", "spot", "one", "it", "others", "both"})
_NAME_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:al-|el-)?[A-Z][\w’'-]*)*")


class _Reject:
    """A rule's answer "this is no claim; stop looking" (lengths, rates, a radius with no centre)."""

    __slots__ = ()


REJECT = _Reject()
RuleResult = "Claim | _Reject | None"


def _rule_not_a_distance(p: ParseContext) -> Claim | _Reject | None:
    """Lengths, rates and distances travelled are not distance claims."""
    # "along a 1-km-deep path", "areas spanning 300 m to 1 km from the fence": a depth, not a length
    depth = re.match(r"^\s*-?\s*deep\b|^\s*(?:from|of)\s+the\s+(?:[\w-]+\s+){0,2}(?:border|fence|frontier)\b",
                     p.right, re.IGNORECASE) or (
        # "advanced for 200 metres into the Jermuk area": how far a force moved in, not a length
        re.match(r"\s*(?:deep\s+)?(?:into|inside)\b", p.right, re.IGNORECASE)
        and re.search(r"\b(?:advanc|push|penetrat|mov|march|drove|driv|enter)\w*\s+(?:for\s+)?(?:some\s+|about\s+|"
                      r"nearly\s+|almost\s+)?$", p.left, re.IGNORECASE))
    if _LINE_RUNS_RE.search(p.left) and re.match(r"^\s*(?:\([^)]*\)\s*)?from\s+.{1,60}?\bto\b", p.right):
        return REJECT  # "the border stretches about 76 km from the Shebaa Farms to Ras Naqoura": its length
    if _LENGTH_RIGHT_RE.match(p.right) or (_LENGTH_LEFT_RE.search(p.left) and not depth) or (
            p.d.qualifier != "within" and _LENGTH_OF_RE.match(p.right)) or (
            _TRAVEL_RE.search(p.left) and not _POSITION_AFTER_RE.match(p.right) and not _INTO_TERRITORY_RE.match(p.right)) or \
            _INCREMENT_RE.search(p.text, max(p.ss, p.d.start - 20), p.d.start) or \
            (_INCREMENT_AFTER_RE.match(p.right) and _MOVE_RE.search(p.left)) or _WHOLE_LENGTH_RE.match(p.right) or \
            _ACROSS_RE.match(p.right):
        return REJECT
    return None


# "a swathe of land stretching 25km east to west along the border", "runs 40 km north to south": an extent
_ACROSS_RE = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:from\s+)?(?:north|south|east|west)\s+to\s+(?:the\s+)?"
                        r"(?:north|south|east|west)\b", re.IGNORECASE)
# "was sailing 23 nautical miles southeast of Sabina Shoal", "flying 12 nm off Odesa": where, not how far it went
_POSITION_AFTER_RE = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:due\s+|to\s+the\s+)?(?:north|south|east|west)[a-z-]*\s+of\b|"
                                r"\s*(?:\([^)]*\)\s*)?off\s+(?:the\s+(?:coast|shore)\s+of\s+)?(?-i:[A-Z])", re.IGNORECASE)
# "a narrow 14-kilometer strip of land along the entire border": a strip that long, not that deep
_WHOLE_LENGTH_RE = re.compile(
    r"\s*-?\s*(?:long\s+)?(?:[a-z-]+\s+){0,3}?(?:strip|stretch|corridor|ribbon|swath|swathe|belt)\s+(?:of\s+"
    r"(?:land|territory)\s+)?(?:that\s+runs\s+|running\s+|which\s+runs\s+)?along\s+(?:the\s+)?(?:entire|whole|full)\b",
    re.IGNORECASE)


def _zone_around(p: ParseContext, rest: str, zone_end: int, noun: str) -> Claim | None:
    """"a 20 km zone around X": a circle around the place named after around/of/surrounding."""
    am = _AROUND_RE.match(rest.lstrip()) if rest.strip() else None
    if not am:
        return None
    mentions = p.mentions
    offs = len(rest) - len(rest.lstrip())
    p0 = zone_end + offs + am.end()
    tgt = _first_mention_at(mentions, p0, p0 + 40, kinds=("place", "admin1"), allow_adj=False)
    if tgt is not None and (re.search(r"\b(?:that|which|where|who)\b", p.text[p0:mentions[tgt].start])
                            or _HYPHEN_GLUED.match(p.text, mentions[tgt].end)):
        tgt = None  # "a strip of land that spans the Gaza-Egypt border": no centre, a band along that border
    if tgt is None and _ANAPHOR_OBJ_RE.match(p.text[p0:p.se]):
        # "an exclusion zone of 30 km around the plant": the latest place named before
        tgt = next((i for i in mentions.before(p.d.start) if i in p.loc and mentions[i].kind == "place"
                    and not mentions[i].adjective), None)
    if tgt is None:
        name = re.match(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*", p.text[p0:p.se])
        if name and am.group(0).strip().lower() in ("around", "surrounding", "encircling"):
            # "a 3 km perimeter around the Kremlin": a centre the gazetteer lacks, named as written
            return p.claim("radius_around_place", p0 + name.end(), "zone_around", zone_noun=noun,
                           target_text=name.group(0))
        return None
    fac = _facility(p.text, mentions, tgt)
    if fac:
        # "around the Kursk nuclear plant": the plant is not the city it is named after
        return p.claim("radius_around_place", mentions[tgt].end, "zone_around", zone_noun=noun, target_text=fac)
    return p.claim("radius_around_place", max(mentions[tgt].end, p0), "zone_around", target=tgt, zone_noun=noun)


_ZONE_NAME_RE = re.compile(r"((?:(?<![A-Za-z])[a-z][a-z-]+[\"”’']?\s+[\"“‘']?){0,2})$")
_NOT_ZONE_WORDS = frozenset({"a", "an", "the", "its", "their", "this", "that", "of", "km", "kilometre", "kilometer",
                             "mile", "miles", "metre", "meter", "metres", "meters", "deep", "wide", "long", "some",
                             "about", "up", "to", "and", "or", "create", "set"})


def _name_zone(p: ParseContext, c: Claim, noun: str) -> None:
    """A band's subject is the zone itself, named as written ("demilitarized zone", "safe zone", "DMZ")."""
    window = p.text[max(p.ss, p.d.start - 60):min(p.se, p.d.end + 60)]
    hits = list(re.finditer(rf"\b{re.escape(noun)}\b", window, re.IGNORECASE))
    if not hits:
        return
    base = max(p.ss, p.d.start - 60)
    rel = p.d.end - base
    h = min(hits, key=lambda m: abs(m.start() - rel))
    mods = _ZONE_NAME_RE.search(window[:h.start()])
    words = [w.strip("\"“”‘’'") for w in (mods.group(1).split() if mods else [])]
    while words and (words[0].lower() in _NOT_ZONE_WORDS or re.search(r"\d|km|kilomet|mile", words[0], re.I)):
        words.pop(0)
    head = "demilitarized zone" if h.group(0).upper() == "DMZ" else h.group(0)
    if words or head != h.group(0):
        c.subject_text, c.subject_kind = " ".join([*words, head]), "unnamed"  # a bare "zone" names nothing


# what a route does: "… corridor (in Azerbaijan) that connected Armenia and …", "… linking the two towns"
_ROUTE_RE = re.compile(r"\s*(?:(?:in|through|across)\s+[^,;.]{1,40}?\s+)?,?\s*(?:(?:that|which)\s+)?"
                       r"(?:connect|link|lead|join|run(?:s|ning)?\s+(?:to|from|between))", re.IGNORECASE)


def _zone_claim(p: ParseContext, zone_end: int, noun: str, zone_phrase: str, cue: str) -> Claim | _Reject | None:
    """A zone noun next to the distance: a circle around a place, or a band along a border."""
    rest = p.text[zone_end:p.se]
    both = _BOTH_SIDES_RE.search(rest[:80])
    if not both and not re.search(r"\b(?:border|frontier|boundary)\b", zone_phrase, re.IGNORECASE):
        c = _zone_around(p, rest, zone_end, noun)
        if c is not None:
            return c
    if re.match(r"(?:corridor|path)$", noun, re.IGNORECASE) and _ROUTE_RE.match(rest):
        return REJECT  # "a six-kilometre mountain corridor in X that connected Y and Z": a route's length
    # a radius or range is a circle or nothing ("a 400 km radius in Belarus" is no border band)
    if re.match(r"(?:radius|range)$", noun, re.IGNORECASE) and not both:
        return REJECT
    # a width or size with nothing tying it to a border ("a 15-km-wide corridor to Crimea") is no claim;
    # a zone around something unnamed ("around the Kremlin") is no band either
    if re.search(r"\b(?:around|surrounding|encircling)\b", rest, re.IGNORECASE) and not both:
        return REJECT
    anchored = bool(both) or _ZONE_ANCHOR_RE.match(rest) or _ZONE_KIND_RE.search(zone_phrase) or \
        re.search(r"\b(?:border|frontier|boundary|line)\b", rest, re.IGNORECASE)
    if not anchored and re.search(r"\b(?:evacuation|exclusion|no-fly|safety|sanitary)\b", zone_phrase, re.IGNORECASE):
        # "the 50-km mandatory evacuation zone" (around a plant named elsewhere): a circle whose centre is not named
        return p.claim("radius_around_place", zone_end, "zone_unnamed", zone_noun=noun)
    if not anchored:
        return REJECT
    c = p.claim("buffer_inside_along_border", zone_end, cue, zone_noun=noun, both_sides=bool(both))
    _name_zone(p, c, noun)
    _fill_band(p.text, c, zone_end, p.se, p.mentions, p.sent_mentions, p.d)
    return c


def _rule_zone_after(p: ParseContext) -> Claim | _Reject | None:
    """"a 20 km exclusion zone around …", "a 10-km-deep buffer zone along the border"."""
    zm = _ZONE_RE.match(p.right)
    if not zm or (p.d.qualifier in ("more than", "at least") and "deep" not in zm.group(0).lower()):
        return None
    noun = re.search(rf"{_ZONE_NOUNS}\s*$", zm.group(0), re.IGNORECASE).group(0)
    phrase = zm.group(0) + " " + p.text[max(p.ss, p.d.start - 30):p.d.start]
    return _zone_claim(p, p.d.end + zm.end(), noun, phrase, "zone_after")


# "the buffer zone extends 2 km into Gaza", "the zone can extend up to 2 km", "the buffer zone would reach a depth of
# 200 metres": a zone's depth given by its verb (true zone nouns only: "the region extends 100 km" is a size)
_ZONE_EXTENDS_RE = re.compile(
    r"\b(?P<noun>(?:buffer\s+|security\s+|safe\s+|exclusion\s+|demilitari[sz]ed\s+|no-go\s+)?(?:zone|strip|buffer|belt|"
    r"cordon|DMZ|perimeter|salient|bridgehead|incursion|penetration))\b(?:(?!\b(?:which|that|where|who)\b)[^.;]){0,70}?"
    r"\b(?:extends?|extending|extended|"
    r"reach(?:es|ed|ing)?|runs?|stretch(?:es|ed|ing)?|goes|went|penetrat(?:es|ed|ing))\s+(?:(?:up\s+)?to\s+|for\s+|"
    r"a\s+depth\s+of\s+|(?:up\s+)?to\s+a\s+depth\s+of\s+)?$", re.IGNORECASE)


# "a buffer zone along the border with Belarus at a depth of 200 metres", "… will be created to a depth of 2 km"
_ZONE_AT_DEPTH_RE = re.compile(
    r"\b(?P<noun>(?:buffer\s+|security\s+|safe\s+|exclusion\s+|demilitari[sz]ed\s+|no-go\s+|border\s+)?"
    r"(?:zone|strip|buffer|belt|cordon|DMZ))\b(?:(?!\b(?:which|that|where|who)\b)[^.;]){0,90}?"
    r"\b(?:at|to|with)\s+a\s+(?:maximum\s+)?depth\s+of\s+(?:up\s+to\s+)?$", re.IGNORECASE)


def _rule_zone_extends(p: ParseContext) -> Claim | None:
    """"the buffer zone extends 2 km into Gaza", "would reach a depth of about 200 metres", "a buffer zone along
    the border at a depth of 200 metres": a band as deep as that (not "… from the border", which
    :func:`_rule_from_border` reads, nor a width, nor a position: "the incursion has reached 25 km south-west of
    Damascus" is where it got to, read by :func:`_rule_from_place`)."""
    zm = _ZONE_EXTENDS_RE.search(p.left) or _ZONE_AT_DEPTH_RE.search(p.left)
    if not zm or _BORDER_RE.match(p.right) or _POSITION_AFTER_RE.match(p.right) or re.match(r"\s*-?\s*(?:wide|broad|long|in\s+(?:width|length))\b",
                                                          p.right, re.IGNORECASE):
        return None
    dw = _DEPTH_WORD_RE.match(p.right)
    end = p.d.end + (dw.end() if dw else 0)
    c = p.claim("buffer_inside_along_border", end, "zone_extends", zone_noun=zm.group("noun"))
    inside = _first_mention_at(p.mentions, end, end + 25) if re.match(r"\s*(?:into|inside|in)\s", p.text[end:p.se]) \
        else None
    if inside is not None and p.mentions[inside].kind == "place" and not p.mentions[inside].adjective:
        c.inside_place = inside  # "into Gaza": the place's country, limited to its region
    _fill_band(p.text, c, end, p.se, p.mentions, p.sent_mentions, p.d)
    return c


def _rule_zone_before(p: ParseContext) -> Claim | _Reject | None:
    """"a buffer zone up to 1 km deep inside Gaza", "an exclusion zone of 30 kilometers around the plant"."""
    zb = _ZONE_BEFORE_RE.search(p.left)
    if not zb:
        return None
    dw = _DEPTH_WORD_RE.match(p.right)
    zend = p.d.end + (dw.end() if dw else 0)
    rest = p.text[zend:p.se]
    if not (_ZONE_ANCHOR_RE.match(rest) or _BOTH_SIDES_RE.match(rest) or re.search(
            r"\b(?:in|inside|along|on)\b[^.;]{0,40}\b(?:border|frontier)", rest, re.IGNORECASE)
            or (dw and _ZONE_KIND_RE.search(p.left[max(0, zb.start() - 30):]))):  # "a DMZ about 4 km wide"
        return None
    phrase = p.left[max(0, zb.start() - 30):] + (dw.group(0) if dw else "")
    c = _zone_claim(p, zend, zb.group("noun"), phrase, "zone_before")
    return c if isinstance(c, Claim) else None


# "the incursion was about 12 km deep", "the security zone along the border to be 32 kilometres deep"
_DEPTH_OF_RE = re.compile(
    rf"\b(?P<noun>{_ZONE_NOUNS}|incursion|advance|penetration|offensive|breakthrough)\b[^.;]{{0,50}}?"
    r"(?:\b(?:was|is|were|are|be|being|remains?|reached|reaches)\s+|,\s*)$", re.IGNORECASE)


def _rule_depth_of(p: ParseContext) -> Claim | None:
    """"the incursion was about 12 km deep and 40 km wide", "Turkey wants the security zone along the Syrian border
    to be 32 kilometres deep": the depth of a band (its countries from the sentence, as for any band)."""
    zb = _DEPTH_OF_RE.search(p.left)
    dw = _DEPTH_WORD_RE.match(p.right) if zb else None
    if not dw or "wid" in dw.group(0).lower() or "broad" in dw.group(0).lower():
        return None
    c = p.claim("buffer_inside_along_border", p.d.end + dw.end(), "depth_of", zone_noun=zb.group("noun"))
    _fill_band(p.text, c, p.d.end + dw.end(), p.se, p.mentions, p.sent_mentions, p.d)
    return c


# "advanced 9 km into the countryside of Daraa": the area of a place, where the band lies
_AREA_OF_RE = re.compile(r"(?:the\s+)?(?:[a-z-]+\s+)?(?:countryside|province|region|governorate|district|area|"
                         r"territory|outskirts|suburbs)\s+of\s+", re.IGNORECASE)


# how far a natural feature reaches ("the Qandil Mountains straddle the border, extending about 30 km into Turkish
# territory", "the marshes stretch some 20 km into Iran"): geography, not a force's advance
_FEATURE_EXTENT_RE = re.compile(
    r"\W*(?:the\s+)?(?:[\w’'-]+\s+){0,3}?(?:mountains?|range|ridge|massif|hills|highlands|marsh(?:es|lands?)?|"
    r"wetlands?|swamps?|desert|forest|lake|river|plain|plateau|glacier|delta|valley|basin)\b[^.;]{0,120}?"
    r"\b(?:extend|stretch|reach|run|straddl|span)\w*\b[^.;]{0,30}$", re.IGNORECASE)  # the sentence's subject


def _rule_inside_country(p: ParseContext) -> Claim | None:
    """"Sudzha, 10 km inside Russia" (a place's distance to the border), "struck a depot 600 km inside Russia" (an
    unnamed object's), "advanced 12 km inside Ukraine" (a band, after a verb of movement or control)."""
    im = _INSIDE_RE.match(p.right)
    if not im or _FEATURE_EXTENT_RE.match(p.text, p.ss, p.d.start):
        return None  # ("the Qandil Mountains … extending about 30 km into Turkish territory": a feature's extent)
    mentions = p.mentions
    pos = p.d.end + im.end()
    tgt = _first_mention_at(mentions, pos, pos + 40)
    moving = _MOVE_RE.search(p.left) or _FORCE_RE.search(p.left)
    if tgt is not None and mentions[tgt].kind == "place" and not mentions[tgt].adjective and moving and (
            re.search(r"\b(?:deep|deeper|further)\b", im.group(0), re.IGNORECASE)
            or _AREA_OF_RE.fullmatch(p.text, pos, mentions[tgt].start)
            or (re.fullmatch(r"(?:the\s+)?", p.text[pos:mentions[tgt].start])
                and _AREA_AFTER_RE.match(p.text, mentions[tgt].end))):
        # "the advance was up to 10 km deep into Kursk": a band in that place's country and region
        c = p.claim("buffer_inside_along_border", mentions[tgt].end, "advance_inside", inside_place=tgt)
        c.area_of = bool(re.search(r"\b(?:countryside|area|outskirts|suburbs|vicinity|environs)\b",
                                   p.text[pos:mentions[tgt].end + 12].lower()))
        _set_subject(c, _unnamed_only(p.subject(set(), fallback=False)))
        _fill_band(p.text, c, p.d.end, p.se, mentions, p.sent_mentions, p.d)
        return c
    if moving and re.match(r"(?:its|their)\s+(?:own\s+)?(?:territory|soil|land)\b", p.text[pos:p.se], re.IGNORECASE):
        # "accused Thai troops of entering 0.4 km into its territory": a band inside the country "its" stands for
        own = [i for i in p.sent_mentions if mentions[i].end <= p.d.start and mentions[i].kind == "country"
               and not mentions[i].adjective]
        if own:
            c = p.claim("buffer_inside_along_border", p.d.end + im.end(), "advance_inside", inside=own[-1])
            _fill_band(p.text, c, p.d.end, p.se, mentions, p.sent_mentions, p.d)
            c.inside = own[-1] if c.inside is None else c.inside
            return c
    if tgt is None or not (mentions[tgt].kind in ("country", "admin1", "world_region") or mentions[tgt].adjective):
        return None  # "within 15 km of X" is read later; "in Sumy" (a city) is not a band
    subject = p.subject({tgt}, fallback=False)
    ctry = [tgt] if mentions[tgt].kind == "country" else []
    if _named(subject):
        c = p.claim("distance_to_border", mentions[tgt].end, "inside_country", border_mentions=ctry,
                    border_word="border")
        return _set_subject(c, subject)
    if not moving and (_named(subject) or p.d.qualifier != "up to"):
        # ("defences in the valley areas, up to 3 km inside territory that …": with no subject, "up to" is a depth)
        return p.claim("distance_to_border", mentions[tgt].end, "inside_country", border_mentions=ctry,
                       border_word="border")
    obj = _unnamed_only(p.subject(set(), fallback=False))
    if obj[1] and obj[1].split()[-1].lower() in _LOCATED_OBJECTS and re.search(
            rf"\b{re.escape(obj[1].split()[-1])}\s+(?:(?:some|about|around|roughly|nearly|almost|just|only)\s+)?$",
            p.left, re.IGNORECASE):
        # "troops seized a village 12 km into Ukraine", "part of a key highway 30 km into Syria": the object of the
        # verb lies that deep, a point's distance to the border (not a band)
        c = p.claim("distance_to_border", mentions[tgt].end, "inside_country", border_mentions=ctry,
                    border_word="border")
        return _set_subject(c, obj)
    c = p.claim("buffer_inside_along_border", mentions[tgt].end, "advance_inside")
    _set_subject(c, obj)
    _fill_band(p.text, c, p.d.end, p.se, mentions, p.sent_mentions, p.d)
    return c


# the object of a movement verb that stands at the figure's depth ("seized a village 12 km into Ukraine")
_LOCATED_OBJECTS = SETTLEMENT_NOUNS | FACILITY_NOUNS | frozenset({"highway", "positions", "position", "villages",
                                                                  "towns", "hilltop", "height", "heights"})


def _rule_from_border(p: ParseContext) -> Claim | None:
    """"X is N km from the (Russian) border / the border with Chad / the front line / the Line of Control"."""
    bm = _BORDER_RE.match(p.right)
    if not bm:
        return None
    text, mentions = p.text, p.mentions
    pend = p.d.end + bm.end()
    bstart = p.d.end + bm.start("phrase")
    if (am := re.search(r"\s(?:along|on)\s+", text[bstart:pend])) is not None and any(
            mentions[i].kind == "place" and not mentions[i].adjective and not _facility(text, mentions, i)
            for i in _mentions_in(mentions, bstart, bstart + am.start())):
        return None  # "80 miles east of Lashio along the China-Myanmar border": from Lashio (not "182 m from the
        # Thaung Yin River along the border": a border river)
    bms = [i for i in _mentions_in(mentions, bstart, pend) if mentions[i].kind == "country"]
    subj = p.subject_left(set(bms))
    if subj is None and re.match(r"^\s*(?:into|inside|deep\s+into)\s+", text[pend:p.se], re.IGNORECASE):
        # "N km from the border into the Sumy region": a depth claim from the border
        c = p.claim("buffer_inside_along_border", pend, "from_border_into", along=bms)
        _fill_band(text, c, pend, p.se, mentions, p.sent_mentions, p.d)
        return c
    zl = ((_ZONE_LEFT_RE.search(p.left) or _ZONE_SPANNING_RE.search(p.left))
          if subj is None and p.subject_left(set(bms), p.ss) is None else _ZONE_SPANNING_RE.search(p.left))
    if zl and re.match(r"\s+to\s+(?:the\s+)?\w", text[pend:p.se]):
        return None  # "the corridor, which spans 6.5km from the perimeter fence to the sea": a length, not a depth
    if zl:
        # "a buffer zone stretching 10 km from the border": a band along that border; "in Gaza … a buffer zone
        # stretching 1 km from the fence": the zone spanning the figure is the subject, not the place before it
        c = p.claim("buffer_inside_along_border", pend, "zone_from_border", along=bms, zone_noun=zl.group(1))
        _fill_band(text, c, pend, p.se, mentions, p.sent_mentions, p.d)
        return c
    direction, bearing = _norm_dir(bm.group("dir"))
    bword = bm.group("bword").lower()
    if bword == "line" and re.search(r"\bDurand\s+line$", bm.group("phrase"), re.IGNORECASE):
        bword = "durand line"  # the Afghanistan–Pakistan border by its name
    if _FRONT_WORD_RE.fullmatch(bword):
        # "Kramatorsk is 20 km from the front line": a distance to a moving line, not to a border (measured only
        # against the user's --lines)
        c = p.claim("distance_between_places", pend, "from_front", border_word="front line",
                    target_text="front line", direction=direction, bearing_deg=bearing)
        return _set_subject(c, p.subject(set(bms)))
    c = p.claim("distance_to_border", pend, "from_border", border_mentions=bms,
                border_word=bword, direction=direction, bearing_deg=bearing)
    _set_subject(c, p.subject(set(bms)))
    fac = _facility(text, mentions, c.subject)
    if fac:
        c.subject, c.subject_text, c.subject_kind = None, fac, "facility"  # "Kursk's nuclear power plant is …"
    return c


_SUBNATIONAL_ADJ = "(?:" + "|".join(sorted(SUBNATIONAL_WORDS)) + ")"  # "the state capital": a region's seat
# "from the Somalia border town of Beled Hawa": a country or region naming the kind of place meant, not its border
_PLACE_NOUN_AFTER_RE = re.compile(r"\s+(?:border\s+|frontier\s+|port\s+)?(?:town|city|village|port|settlement|"
                                  r"island|islands)(?:\s+of)?\s+", re.IGNORECASE)
_CAPITAL_AFTER_RE = re.compile(rf"\s+(?:{_SUBNATIONAL_ADJ}\s+)?capital(?:\s+city)?\b\s*,?\s*", re.IGNORECASE)
# "advanced to within 50 km of Mogadishu", "pushed the troops within 3 km of": where a force got to (a distance,
# as CLAIMS-DEV labels it), not a zone around the place
_MOVED_WITHIN_RE = re.compile(r"\b(?:advanc|mov|push|came|come|got|get|clos|drew|draw|march|press|pushed|reach)\w*\s+"
                              r"(?:[\w’'-]+\s+){0,3}?(?:to\s+)?$|\b(?:forces|troops|units|fighters|rebels|soldiers|"
                              r"army|militants|they|and)\s+(?:are|were|is|was|remain\w*|stood|stand)\s+"
                              r"(?:now\s+|still\s+|likely\s+|probably\s+|already\s+)?$",
                              re.IGNORECASE)
def _moved_within(p: ParseContext) -> bool:
    """Whether "within N of X" says where a force got to (not a zone): "advanced to within", "troops are within";
    "no units are within 30 km of X" is a zone free of them."""
    return bool(_MOVED_WITHIN_RE.search(p.left)) and not _NEG_RE.search(p.left[-60:])


_FRONT_WORD_RE = re.compile(r"front(?:\s*lines?)?|frontlines?", re.IGNORECASE)


_TERRITORY_RE = re.compile(r"\s+(?:territory|soil|land|lands|airspace|frontier\s+areas?)\b", re.IGNORECASE)


_ISLAND_AFTER_RE = re.compile(r"\s+(?:Island|Islands|Isle)\b")
_ISLAND_OF_BEFORE_RE = re.compile(r"\bisland\s+of\s+$", re.IGNORECASE)
ISLAND_VILLAGE_MAX_POP = 20_000  # "the island of X": a place of X's name this small is a village, not the island
_CAPITAL_OF_BEFORE_RE = re.compile(r"\bcapital\s+(?:city\s+)?of\s+(?:the\s+)?$", re.IGNORECASE)


def _reference_after(p: ParseContext, pm: re.Match, tgt: int) -> int | Claim | None:
    """The reference when a country or region only names the kind of place meant: "northwest of the Niger capital
    Niamey", "north of the Borno state capital, Maiduguri", "from the Somalia border town of Beled Hawa", "from the
    Philippines island of Palawan" — the place's mention, else a claim with it as written (or the capital read as
    written); ``tgt`` itself otherwise."""
    mentions = p.mentions
    if (im := _ISLAND_AFTER_RE.match(p.text, mentions[tgt].end)) is not None:
        # "from China's Hainan Island": the island, which the gazetteer does not hold as a point
        direction, bearing = _place_dir(pm)
        c = p.claim("distance_between_places", im.end(), "from_place", direction=direction, bearing_deg=bearing,
                    target_text=p.text[mentions[tgt].start:im.end()])
        return _set_subject(c, p.subject(set()))
    if mentions[tgt].kind not in ("country", "admin1"):
        return tgt
    if _CAPITAL_OF_BEFORE_RE.search(p.text, max(0, mentions[tgt].start - 40), mentions[tgt].start) and \
            (cm := re.match(r",\s*", p.text[mentions[tgt].end:p.se])) is not None:
        # "from the provincial capital of South Kivu, Bukavu": the capital named after the region
        cap = _first_mention_at(mentions, mentions[tgt].end + cm.end(), mentions[tgt].end + cm.end() + 1,
                                kinds=("place",), allow_adj=False)
        if cap is not None:
            return cap
    capital = _CAPITAL_AFTER_RE.match(p.text, mentions[tgt].end)
    cm = capital or _PLACE_NOUN_AFTER_RE.match(p.text, mentions[tgt].end)
    if cm is None:
        return tgt
    cap = _first_mention_at(mentions, cm.end(), cm.end() + 2, kinds=("place",), allow_adj=False)
    if cap is not None:
        return cap
    named = _REF_AS_WRITTEN_RE.match(p.text, cm.end())
    if capital is None and named is not None and named.group(0)[:1].isupper():
        direction, bearing = _place_dir(pm)
        c = p.claim("distance_between_places", named.end(), "from_place", target_text=named.group(0),
                    direction=direction, bearing_deg=bearing)
        return _set_subject(c, p.subject(set()))
    return _to_unresolved(p, pm)


def _rule_from_place(p: ParseContext) -> Claim | None:
    """"X is N km (north) of/from Y": between places; "from <country>" is its border; "within N km of Y" with no
    subject is a zone around Y."""
    pm = _PLACE_REL_RE.match(p.right)
    if not pm:
        return None
    mentions = p.mentions
    base = p.d.end
    tgt = _first_mention_at(mentions, base + pm.end("prep"), base + pm.end() + 3, allow_adj=False)
    if tgt is None:
        return _from_territory(p, pm) or _to_unresolved(p, pm)
    possessed = _past_possessor(p, tgt)
    if possessed != tgt and mentions[possessed].kind == "admin1" and mentions[possessed].cand is not None and \
            not _ISLAND_AFTER_RE.match(p.text, mentions[possessed].end):
        # "a town 30 km from northeastern Ukraine's Sumy region": the distance to that country's border
        c = p.claim("distance_to_border", mentions[possessed].end, "from_country", border_mentions=[tgt],
                    border_word="border")
        return _set_subject(c, p.subject({tgt, possessed}))
    ref = _reference_after(p, pm, possessed)
    if not isinstance(ref, int):
        return ref
    tgt = ref
    direction, bearing = _place_dir(pm)
    if (special := _from_to(p, pm, tgt) or _island_of(p, tgt, direction, bearing)) is not None:
        return special
    subject = p.subject({tgt})
    if _facility(p.text, mentions, subject[0]):
        subject = (None, _facility(p.text, mentions, subject[0]), "facility")
    if (fac := _facility(p.text, mentions, tgt)) is not None:
        # "10 km from the Rafah crossing", "6 km from the Zaporizhzhia nuclear plant": a facility named after a
        # place is not the place (the gazetteer does not locate it)
        end = mentions[tgt].start + len(fac)
        if not _named(subject) and direction is None and p.d.qualifier in ("within", "up to") and not \
                _moved_within(p):  # "residents within 30 km of the Chornobyl plant": a zone
            return _set_subject(p.claim("radius_around_place", end, "within_of", target_text=fac),
                                _unnamed_only(subject))
        c = p.claim("distance_between_places", end, "from_place", target_text=fac, direction=direction,
                    bearing_deg=bearing)
        return _set_subject(c, subject)
    if mentions[tgt].kind == "country" and (named := _possessed_name(p.text, mentions[tgt].end, p.se)):
        # "Azaz, 30 km north of Syria's Tel Rifaat" with Tel Rifaat unknown: from that place (as written), never
        # from Syria's border
        c = p.claim("distance_between_places", named[1], "from_place", target_text=named[0], direction=direction,
                    bearing_deg=bearing)
        return _set_subject(c, subject)
    if mentions[tgt].kind == "country":
        return _from_country_target(p, tgt, subject, direction, bearing)
    if subject[0] is not None and _same_entity(mentions[subject[0]], mentions[tgt]):
        subject = (None, None, None)  # "closer to Goma, with fire within 20 km of the city": the city is Goma
    if not _named(subject) and direction is None and p.d.qualifier in ("within", "up to") and not \
            _moved_within(p):
        c = p.claim("radius_around_place", mentions[tgt].end, "within_of", target=tgt)
        return _set_subject(c, _unnamed_only(subject))
    if direction is None:
        direction, bearing = _place_dir(pm, p.text[mentions[tgt].end:p.se])
    c = p.claim("distance_between_places", mentions[tgt].end, "from_place", target=tgt,
                direction=direction, bearing_deg=bearing)
    return _set_subject(c, subject)


def _island_of(p: ParseContext, tgt: int, direction: str | None, bearing: float | None) -> Claim | None:
    """"the Philippines' main island of Luzon": the island, named as written — not a village of that name (Luzon,
    Davao Oriental, 1,300 km from the island); None when no "island of" names a small place."""
    m = p.mentions[tgt]
    if not _ISLAND_OF_BEFORE_RE.search(p.text, max(0, m.start - 20), m.start) or \
            (getattr(m.cand, "population", 0) or 0) >= ISLAND_VILLAGE_MAX_POP:
        return None
    c = p.claim("distance_between_places", m.end, "from_place", direction=direction, bearing_deg=bearing,
                target_text=m.surface)
    return _set_subject(c, p.subject({tgt}))


def _from_territory(p: ParseContext, pm: re.Match) -> Claim | None:
    """"about 100 km from Turkish territory": the distance to that country's border; None for anything else."""
    mentions, base = p.mentions, p.d.end
    adj = _first_mention_at(mentions, base + pm.end("prep"), base + pm.end() + 3, kinds=("country",))
    if adj is None or not mentions[adj].adjective or not _TERRITORY_RE.match(p.text, mentions[adj].end):
        return None
    direction, bearing = _place_dir(pm)
    c = p.claim("distance_to_border", mentions[adj].end, "from_country", border_mentions=[adj],
                border_word="border", direction=direction, bearing_deg=bearing)
    return _set_subject(c, p.subject({adj}))


def _from_country_target(p: ParseContext, tgt: int, subject: tuple, direction: str | None,
                         bearing: float | None) -> Claim:
    """"N km from <country>": from its coast ("Sandwip lies about 10 km off the coast of Bangladesh": no coastline
    measure, and not its land border), else from its land border ("Kharkiv is 30 km from Russia")."""
    m = p.mentions[tgt]
    if (cm := _COAST_OF_RE.search(p.text, p.d.end, m.start)) is not None:
        c = p.claim("distance_between_places", m.end, "from_place", direction=direction, bearing_deg=bearing,
                    target_text=p.text[cm.start():m.end])
        return _set_subject(c, subject)
    if (cm := _COAST_AFTER_RE.match(p.text, m.end)) is not None:
        # "Bhola lies about 50 km off the country's southwestern coast", "off Bangladesh's coast"
        c = p.claim("distance_between_places", cm.end(), "from_place", direction=direction, bearing_deg=bearing,
                    target_text=p.text[m.start:cm.end()])
        return _set_subject(c, subject)
    c = p.claim("distance_to_border", m.end, "from_country", border_mentions=[tgt], border_word="border",
                direction=direction, bearing_deg=bearing)
    return _set_subject(c, subject)


_FROM_COUNTRY_RE = re.compile(r"\bfrom\s+(?:the\s+)?(?:territory\s+of\s+|direction\s+of\s+)?(?:neighbouring\s+|"
                              r"neighboring\s+)?(?=[A-Z])")
_COAST_AFTER_RE = re.compile(r"[’']s\s+(?:[\w-]+\s+){0,2}coast(?:line)?\b", re.IGNORECASE)
_COAST_OF_RE = re.compile(r"\b(?:the\s+)?(?:[\w-]+\s+)?coast(?:line)?\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_FACILITY_IN_RE = re.compile(r"\b(?:" + "|".join(sorted(FACILITY_NOUNS)) + r")\s+(?:in|near|outside)\s+(?:the\s+)?$",
                             re.IGNORECASE)
_TO_RE = re.compile(r"\s+to\s+(?:the\s+)?")


def _from_to(p: ParseContext, pm: re.Match, tgt: int) -> Claim | None:
    """"It is only 12 km from Nikopol to Marhanets", "moved 30 km from Kherson to Nova Kakhovka": the figure is the
    distance between the two places (the first is the subject, whatever was named before); a facility as the
    second ("to the Zaporizhzhia nuclear power plant") is named as written. None when no "to <place>" follows."""
    mentions = p.mentions
    if not p.text[p.d.end + pm.start("prep"):p.d.end + pm.end("prep")].lower().strip().startswith("from") or \
            mentions[tgt].kind != "place" or _facility(p.text, mentions, tgt):
        return None
    tm = _TO_RE.match(p.text, mentions[tgt].end, p.se)
    if tm is None:
        return None
    to = _first_mention_at(mentions, tm.end(), tm.end() + 1, kinds=("place",), allow_adj=False)
    if to is None:
        return None
    if (fac := _facility(p.text, mentions, to)) is not None:
        c = p.claim("distance_between_places", mentions[to].start + len(fac), "from_to", target_text=fac)
    else:
        c = p.claim("distance_between_places", mentions[to].end, "from_to", target=to)
    return _set_subject(c, (tgt, None, None))


def _same_entity(a: Any, b: Any) -> bool:
    """Whether two mentions resolve to one entity (a name and "the city" that refers back to it)."""
    ia, ib = getattr(a.cand, "id", None), getattr(b.cand, "id", None)
    return ia is not None and ia == ib


# "Yemen's Aden", "Yemen's port of Mokha", "Iraq's capital, Baghdad" (a comma right after the noun)
_POSSESSED_RE = re.compile(r"(?:[’']s|(?<=s)[’'])\s+(?:(?:[\w-]+\s+){0,3}(?:port|city|town|capital|village|island)"
                           r"(?:\s+(?:with|on|near)\s+(?:the\s+)?[A-Z][\w’'-]*)?"  # "India's last border town with Myanmar, Moreh"
                           r"(?:\s+of\s+|\s*,\s*|\s+))?")


def _past_possessor(p: ParseContext, tgt: int) -> int:
    """"of Yemen's Aden", "of Yemen's port of Mokha", "of Nineveh's provincial capital Mosul": the place after a
    possessive country or region is the reference."""
    m = p.mentions[tgt]
    if m.kind not in ("country", "admin1"):
        return tgt
    pm = _POSSESSED_RE.match(p.text, m.end)
    if not pm:
        return tgt
    nxt = _first_mention_at(p.mentions, pm.end(), pm.end() + 1, kinds=("place", "admin1"), allow_adj=False)
    return nxt if nxt is not None else tgt


def _possessed_name(text: str, pos: int, se: int) -> tuple[str, int] | None:
    """The capitalised name after a possessive country at ``pos`` ("Syria's Tel Rifaat", "Yemen's Hodediah"), and
    where it ends, when no mention is there (a place the gazetteer lacks); None otherwise ("Syria's north")."""
    pm = _POSSESSED_RE.match(text, pos)
    if pm is None:
        return None
    nm = _REF_AS_WRITTEN_RE.match(text, pm.end(), se)
    if nm is None or nm.group("name") is None or not nm.group("name")[:1].isupper():
        return None
    name = nm.group("name")
    first = name.split()[0]
    if first.lower() in ORGANISATION_WORDS or _NOT_A_NAME_RE.fullmatch(first):
        return None
    return name, nm.end("name")


_NOT_A_NAME_RE = re.compile(r"(?:border|frontier|north|south|east|west)\w*", re.IGNORECASE)  # "Syria's Northern …"


_REF_AS_WRITTEN_RE = re.compile(
    r"(?:the\s+)?(?P<name>(?:[A-Z][\w’'-]*|al-[A-Z][\w’'-]*)(?:\s+(?:(?:al|el|as|ad|ar|at|az|of|de)[- ])?[A-Z][\w’'-]*)*"
    r"(?:\s+(?:River|GRA|[a-z]+\s+(?:camp|base|plant|station)))?"
    r"|(?:[a-z-]+\s+){0,2}?(?:capital|nuclear\s+power\s+plant|power\s+plant|plant|airport|camp|base|dam|"
    r"port|refinery|depot|palace|headquarters|garrison|barracks|air\s*base|airfield|hospital|bridge|checkpoint|"
    r"compound|embassy|terminal|prison)\b)")


# "the capital", "the Sudanese capital", "the Central African capital", "the country's / nation's capital"
_CAPITAL_REF_RE = re.compile(r"(?:the\s+)?(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?\s+|(?:country|nation)['’]s\s+|"
                             rf"{_SUBNATIONAL_ADJ}\s+)?capital(?:\s+city)?\b")


_FORCES_AFTER_RE = re.compile(r"\s+(?:forces|troops|fighters|militants|rebels|soldiers|units|positions|lines|"
                              r"personnel|peacekeepers|staff|patrols?|convoys?|vehicles)\b",
                              re.IGNORECASE)


def _to_unresolved(p: ParseContext, pm: re.Match) -> Claim | None:
    """"about 10 km east of Haftanin" (a name the gazetteer lacks), "6 km from the nuclear power plant", "50 km
    south of the capital": a distance to a reference named as written."""
    pos = p.d.end + pm.end()
    # "of the state capital", "from the capital city": the reference phrase may have been read as a place noun
    back = re.search(rf"(?:\b{_SUBNATIONAL_ADJ}\s+)?\bcapital\s+$|\b{_SUBNATIONAL_ADJ}\s+$", p.text[p.d.end:pos],
                     re.IGNORECASE)
    pos -= len(back.group(0)) if back else 0
    named = re.search(r"(?<![\w’'-])[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s+(?:town|city|village)\s+$", p.text[p.d.end:pos])
    if named:  # "north of Mongmit town (Momeik)": the name before the noun is the reference
        pos = p.d.end + named.start()
    m = _CAPITAL_REF_RE.match(p.text, pos) or _REF_AS_WRITTEN_RE.match(p.text, pos)
    if not m or m.end() > p.se:
        return None
    name = re.sub(r"\s+city$", "", re.sub(r"^the\s+", "", m.group(0)))  # "the capital city": the capital
    if name.split()[0].lower() in ORGANISATION_WORDS or sentence_start(p.text, pos, p.ss) or \
            _FORCES_AFTER_RE.match(p.text, m.end()):
        return None  # "6 km from SPLA forces": a force, not a place
    direction, bearing = _place_dir(pm)
    if name.split()[-1].lower() == "capital":
        # "100 miles north of the capital, Bangui": the name in apposition is the reference
        am = re.match(r",?\s+", p.text[m.end():p.se])
        tgt = _first_mention_at(p.mentions, m.end() + am.end(), m.end() + am.end() + 1, kinds=("place",),
                                allow_adj=False) if am else None
        if tgt is not None:
            c = p.claim("distance_between_places", p.mentions[tgt].end, "from_place", target=tgt,
                        direction=direction, bearing_deg=bearing)
            return _set_subject(c, p.subject({tgt}))
    subject = p.subject(set())
    if not _named(subject) and direction is None and p.d.qualifier == "within" and name[:1].islower() and not \
            _moved_within(p):
        # "advanced to within 500 metres of the presidential palace": a zone around a reference named as written
        c = p.claim("radius_around_place", m.end(), "within_of", target_text=name)
        return _set_subject(c, _unnamed_only(subject))
    if direction is None:
        direction, bearing = _place_dir(pm, p.text[m.end():p.se])
    c = p.claim("distance_between_places", m.end(), "from_place", target_text=name, direction=direction,
                bearing_deg=bearing)
    return _set_subject(c, subject)


def _rule_apart(p: ParseContext) -> Claim | None:
    """"Kharkiv and Belgorod are roughly 80 km apart"."""
    am = re.match(r"^\s*apart\b", p.right, re.IGNORECASE)
    if not am:
        return None
    mentions = p.mentions
    ms = [i for i in _mentions_in(mentions, p.clause0, p.d.start) if i in p.loc and not mentions[i].adjective
          and mentions[i].kind == "place"]
    if len(ms) >= 2 and re.search(r"\band\b", p.text[mentions[ms[-2]].end:mentions[ms[-1]].start]):
        return p.claim("distance_between_places", p.d.end + am.end(), "apart", subject=ms[-2], target=ms[-1])
    return None


_SEPARATE_RE = re.compile(r"\s+(?:separates?|separated|separating)\s+(?:the\s+(?:town|city|village)\s+of\s+)?")


def _rule_separate(p: ParseContext) -> Claim | None:
    """"About 880 km separate Caracas from Tumeremo", "Only 5 km separates Kinmen and Xiamen"."""
    sm = _SEPARATE_RE.match(p.right)
    if not sm:
        return None
    a = _first_mention_at(p.mentions, p.d.end + sm.end(), p.d.end + sm.end() + 1, kinds=("place",), allow_adj=False)
    if a is None:
        return None
    jm = re.match(r"\s+(?:from|and)\s+(?:the\s+(?:town|city|village)\s+of\s+)?", p.text[p.mentions[a].end:p.se])
    b = _first_mention_at(p.mentions, p.mentions[a].end + jm.end(), p.mentions[a].end + jm.end() + 1,
                          kinds=("place",), allow_adj=False) if jm else None
    if b is None:
        return None
    return p.claim("distance_between_places", p.mentions[b].end, "separate", subject=a, target=b)


def _rule_distance_between(p: ParseContext) -> Claim | None:
    """"the distance between X and Y is 50 km"."""
    bl = _BETWEEN_LEFT_RE.search(p.left)
    if not bl:
        return None
    ms = [i for i in _mentions_in(p.mentions, p.clause0 + bl.end(), p.d.start) if not p.mentions[i].adjective]
    ft = re.match(r"\s+(?:the\s+)?(?P<a>[^,;]{3,60}?)\s+to\s+", p.text[p.clause0 + bl.end():p.d.start])
    if len(ms) == 1 and ft and p.mentions[ms[0]].start >= p.clause0 + bl.end() + ft.end():
        # "the distance from the place of the shootings to Agarak village is one kilometre": from something unnamed
        c = Claim(kind="distance_between_places", start=p.clause0 + bl.start(), end=p.d.end, sentence=(p.ss, p.se),
                  distance=p.d, target=ms[0], cue="distance_between")
        c.subject_text, c.subject_kind = ft.group("a"), "unnamed"
        return c
    border = _distance_to_border_between(p, bl, ms)
    if border is not None:
        return border
    if len(ms) < 2:
        return None
    return Claim(kind="distance_between_places", start=p.clause0 + bl.start(), end=p.d.end, sentence=(p.ss, p.se),
                 distance=p.d, subject=ms[0], target=ms[1], cue="distance_between")


# "… and the Syrian border is", "… to the border with Russia was", "… and the Russian frontier is": the second
# end of "the distance between X and …" is a border, right before the figure
_BETWEEN_BORDER_RE = re.compile(
    r"\s(?:and|to)\s+(?:the\s+|its\s+)?(?P<phrase>(?:[A-Z][\w’'-]*\s+){0,2}(?:border|frontier)"
    r"(?:\s+with\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})?)"
    r"(?P<link>\s+(?:is|was|are|were|stands\s+at|measures|amounts\s+to)?[\s\w]{0,24})$")


def _distance_to_border_between(p: ParseContext, bl: re.Match, ms: list[int]) -> Claim | None:
    """"the distance between Kilis and the Syrian border is less than 4 km", "the distance from Sumy to the border
    with Russia is about 30 km": a distance to a border, from the one place named before it."""
    seg0 = p.clause0 + bl.end()
    bm = _BETWEEN_BORDER_RE.search(p.text, seg0, p.d.start)
    if bm is None:
        return None
    before = [i for i in ms if p.mentions[i].end <= bm.start() and p.mentions[i].kind == "place"]
    bms = [i for i in ms if bm.start("phrase") <= p.mentions[i].start < bm.end("phrase")
           and p.mentions[i].kind == "country"]
    if len(before) != 1 or len(bms) + len(before) != len(ms):
        return None  # no place, two places, or another name in between: not this form
    return Claim(kind="distance_to_border", start=p.clause0 + bl.start(), end=p.d.end, sentence=(p.ss, p.se),
                 distance=p.d, subject=before[0], border_mentions=bms, border_word="border",
                 cue="distance_between")


def _rule_trailing_direction(p: ParseContext) -> Claim | None:
    """"Avdiivka lies just outside Donetsk, about 15 km to the north": the direction is from the place just named,
    with a locative link between the two in one clause."""
    dt = _DIR_TRAIL_RE.match(p.right)
    if not dt:
        return None
    text, mentions = p.text, p.mentions
    tgt = p.subject_left(set())
    if tgt is None or mentions[tgt].kind != "place" or not re.fullmatch(r"\s*,\s*", text[mentions[tgt].end:p.d.start]):
        return None
    # the subject is named before the reference in the same clause, never across a ";" or "but"
    subj = _subject_left(text, mentions[tgt].start, p.clause0, mentions, p.loc, {tgt})
    if subj is None or mentions[subj].kind != "place" or not _LOCATIVE_LINK_RE.fullmatch(
            text[mentions[subj].end:mentions[tgt].start]):
        return None
    direction, bearing = _norm_dir(dt.group("dir"))
    return p.claim("distance_between_places", p.d.end + dt.end(), "trailing_direction", subject=subj, target=tgt,
                   direction=direction, bearing_deg=bearing)


def _rule_direction_of(p: ParseContext) -> Claim | None:
    """"X lies 50 km to the north-west of Y" with the direction before "of"."""
    dm = _DIR_ONLY_RE.match(p.right)
    if not dm:
        return None
    pos = p.d.end + dm.end()
    tgt = _first_mention_at(p.mentions, pos, pos + 40, allow_adj=False)
    if tgt is None:
        return None
    direction, bearing = _norm_dir(dm.group("dir"))
    if (fac := _facility(p.text, p.mentions, tgt)) is not None:
        # "150 km west of the 900-year-old Preah Vihear temple": the temple, not the province it is named after
        c = p.claim("distance_between_places", p.mentions[tgt].start + len(fac), "direction_of", target_text=fac,
                    direction=direction, bearing_deg=bearing)
        return _set_subject(c, p.subject({tgt}))
    c = p.claim("distance_between_places", p.mentions[tgt].end, "direction_of", target=tgt,
                direction=direction, bearing_deg=bearing)
    return _set_subject(c, p.subject({tgt}))


_AWAY_END_RE = re.compile(
    rf"^\s*(?:\(?\s*)?(?:(?P<away>away)|(?:further\s+|farther\s+)?(?:to\s+the\s+)?{_DIR}(?:wards?)?)\s*"
    r"(?:[.,;:)—–]|$|\s+-\s|\s+(?:and|but|as|where|while|in)\b)",  # " - ": a dash typed as a hyphen
    re.IGNORECASE)


def _place_before(p: ParseContext, pos: int, exclude: set[int]) -> int | None:
    """The latest place mention before ``pos`` (this sentence first, then the two before), for "X, N km away";
    never another mention of an excluded one's place ("refuel in Pemba, 100km away" after an earlier "Pemba")."""
    keys = {p.mentions[i].key for i in exclude}
    for i in p.mentions.before(pos):
        m = p.mentions[i]
        if m.start < p.ss - 600:
            break
        if i in p.loc and i not in exclude and m.key not in keys and m.kind == "place" and not m.adjective and \
                not getattr(m, "anaphor", False) and m.end <= pos:
            return i
    return None


_ONTO_RE = re.compile(r"\b(?:advance|advances|advancing|push|offensive|march|attack|assault|drive|road|way)\s+"
                      r"(?:on|towards?|into)\s+(?:the\s+(?:[\w-]+\s+){0,2}?(?:of\s+)?)?$|\b(?:to|towards?)\s+$",
                      re.IGNORECASE)


def _rule_apposition_away(p: ParseContext) -> Claim | None:
    """"fleeing El Fasher to Tawila, 55 km west", "the city of Gao, about 150 km away", "Goma, the provincial capital
    about 70 km to the south": the named place is the subject, the place named before it the reference."""
    am = _AWAY_END_RE.match(p.right)
    if not am:
        return None
    if am.group("away") and _BORDER_AWAY_RE.search(p.text, p.clause0, p.d.start):
        return _unnamed_away(p, am, (None, "border", "unnamed"))
    ph = subject_phrase(p.text, p.clause0, p.d.start)
    if ph is not None and ph.kind == "common":
        return _unnamed_away(p, am, p.subject(set()))
    if ph is None or ph.kind not in ("name", "appositive", "facility"):
        return None
    gap = p.text[ph.name_end:p.d.start]
    if not re.search(r",\s*[^,]*$|^\s+(?:which|that)\s+(?:is|lies|was|sits|stands)\s", gap) and \
            ph.kind != "appositive" and not (
            ph.kind == "name" and not gap.strip() and am.group("dir") and _ONTO_RE.search(p.text, p.clause0,
                                                                                        ph.name_start)):
        # the figure stands in apposition to the name, after a comma; or right after a place that movement is
        # towards ("an advance on Pokrovsk 20 km northwest", "moved to Tawila 55 km west")
        return None
    subject = p.subject(set())
    if not _named(subject):
        return _unnamed_away(p, am, subject)
    tgt = _place_before(p, ph.name_start, {subject[0]} if subject[0] is not None else set())
    direction, bearing = _norm_dir(am.group("dir")) if am.group("dir") else (None, None)
    c = p.claim("distance_between_places", p.d.end + am.end("away") if am.group("away") else p.d.end,
                "apposition_away", target=tgt, direction=direction, bearing_deg=bearing)
    return _set_subject(c, subject)


# "retreated towards the border some three kilometres away", "the border is only 5 km away"
_BORDER_AWAY_RE = re.compile(r"\bthe\s+(?:border|frontier)\s+(?:(?:is|was|lies|lay|now|only|just|some|about|around|"
                             r"roughly|barely|less\s+than)\s+)*$", re.IGNORECASE)


def _unnamed_away(p: ParseContext, am: re.Match, subject: tuple) -> Claim | None:
    """"Pokrovsk is under attack. Russian troops are about a kilometre away": an unnamed subject after a copula, its
    distance from the place named before (in this sentence or the two before)."""
    if subject[2] == "unnamed" and am.group("away") and subject[1].lower() in ("border", "frontier") and \
            (tgt := _place_before(p, p.d.start, set())) is not None:
        # "fighting in the town of Elwak. Troops retreated towards the border some three kilometres away": the
        # border's distance from the place named before
        c = p.claim("distance_to_border", p.d.end + am.end("away"), "apposition_away", subject=tgt,
                    border_word="border")
        c.subject_kind = "anaphora"
        return c
    if subject[2] != "unnamed" or not am.group("away") or not re.search(
            r"\b(?:is|are|was|were|now|just|only|still)\s+$", p.text[max(p.ss, p.d.start - 12):p.d.start],
            re.IGNORECASE):
        return None
    tgt = _place_before(p, p.d.start, set())
    if tgt is None:
        return None
    c = p.claim("distance_between_places", p.d.end + am.end("away"), "apposition_away", target=tgt)
    return _set_subject(c, subject)


_RADIUS_IN_RE = re.compile(r"\b(?:within|in|inside)\s+(?:a|the)\s+$", re.IGNORECASE)
_RADIUS_OF_RE = re.compile(r"\b(?:within|in)\s+a\s+radius\s+of\s*$", re.IGNORECASE)
_ZONE_VERB_RE = re.compile(r"\b(?:airspace|evacuat\w*|closed|cordon\w*|exclusion|evacuation|residents|villages|"
                           r"settlements|everyone|people|anyone)\b", re.IGNORECASE)


def _rule_radius_unnamed(p: ParseContext) -> Claim | None:
    """"closed the airspace within a radius of 50 km", "the airspace in a 20 km radius has been closed", "all
    airspace within 50 km has been closed": a zone around a centre the sentence does not name (drawn only when the
    centre is resolved from the text)."""
    left = p.text[max(p.ss, p.d.start - 40):p.d.start]
    radius_after = re.match(r"^\s*(?:\([^)]*\)\s*)?radius\b", p.right, re.IGNORECASE)
    if _RADIUS_OF_RE.search(left) or (radius_after and _RADIUS_IN_RE.search(left)):
        end = p.d.end + (radius_after.end() if radius_after else 0)
    elif p.d.qualifier == "within" and _ZONE_VERB_RE.search(p.text[p.ss:p.d.start]) and re.match(
            r"^\s*(?:[.,;]|has|have|had|was|were|is|are|\band\b)", p.right):
        end = p.d.end
    else:
        return None
    rest = p.text[end:p.se]
    am = re.match(r"^\s*(?:of|around|from)\s+(?:the\s+)?", rest, re.IGNORECASE)
    c = p.claim("radius_around_place", end, "radius_unnamed")
    if am:
        tgt = _first_mention_at(p.mentions, end + am.end(), end + am.end() + 2, kinds=("place", "admin1"),
                                allow_adj=False)
        fac = _facility(p.text, p.mentions, tgt)
        if fac:
            c.end, c.target_text = p.mentions[tgt].end, fac
        elif tgt is not None:
            c.end, c.target = p.mentions[tgt].end, tgt
        else:
            name = re.match(r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}", rest[am.end():])
            c.target_text = name.group(0) if name else None
    # what lies within: "the airspace within a radius of 50 km", "villages within 50 km of …"
    cut = _RADIUS_IN_RE.search(p.text, max(p.ss, p.d.start - 40), p.d.start) or _RADIUS_OF_RE.search(
        p.text, max(p.ss, p.d.start - 40), p.d.start)
    return _set_subject(c, _unnamed_only(p.subject(set(), fallback=False, end=cut.start() if cut else None)))


def _unnamed_only(subject: tuple[int | None, str | None, str | None]) -> tuple[int | None, str | None, str | None]:
    """A zone's subject is what lies within it, named as written ("airspace"), never a place mention."""
    return subject if subject[2] == "unnamed" else (None, None, None)


_PULLBACK_RE = re.compile(
    r"\b(?:withdraw\w*|pull(?:ed|ing|s)?\s+back|mov(?:e|ed|ing)\s+back|retreat\w*|retract\w*|pull(?:ed|ing|s)?\s+out|"
    r"fall(?:ing)?\s+back|fell\s+back)\s+(?:(?:their|its|his|her|the|forces|troops|border\s+posts|posts|units|"
    r"weapons|by|some|about|around|up\s+to)\s+)*$", re.IGNORECASE)


# "pulled back 2 km from the clash site", "… from the friction point": a pull-back from a spot is no band
_FROM_A_SITE_RE = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:away\s+)?from\s+(?:the|a|an|their|its)\s+(?:[\w-]+\s+){0,3}?"
                             r"(?:site|spot|point|area|valley|location|village|town|city|positions?\s+at)\b",
                             re.IGNORECASE)


def _rule_pullback(p: ParseContext) -> Claim | None:
    """"both sides would withdraw 15 km", "retract border posts 3 km inland on each side", "agreed to move back a
    kilometre": a pull-back from a line is a band (usually on both sides)."""
    near_left = p.text[max(p.clause0, p.d.start - 60):p.d.start]
    pushed_back = re.search(r"\b(?:push|drive|force|drove)\w*\b", near_left, re.IGNORECASE) and (
        "back" in p.d.text.lower() or re.match(r"\s*back\b", p.right, re.IGNORECASE))
    if not _PULLBACK_RE.search(near_left) and not pushed_back:
        return None
    pm = _PLACE_REL_RE.match(p.right)
    if pm and re.match(r"[A-Z]", p.right[pm.end():]) and not _BORDER_RE.match(p.right):
        return None  # "retreat 30 km north of the Litani": a distance from a named place
    if _FROM_A_SITE_RE.match(p.right):
        return None  # "pulling back two km from the clash site at the Galwan Valley": from a spot, not a line
    both = re.search(r"\b(?:each|both|either)\s+(?:side|sides|party|parties)\b|\bmutual", p.text[p.ss:p.se],
                     re.IGNORECASE)
    c = p.claim("buffer_inside_along_border", p.d.end, "pullback", both_sides=bool(both))
    _fill_band(p.text, c, p.d.end, p.se, p.mentions, p.sent_mentions, p.d)
    if c.inside is None and not both:
        _pushed_side(p, c)
    return c


_TROOPS_RE = re.compile(r"\s*(?:[A-Z][\w’'-]*\s+){0,2}(?:(?:armed|ground|special|regular)\s+)?"
                        r"(?:troops|forces|fighters|soldiers|units|army|militias?|militants|positions|artillery)\b")


def _pushed_side(p: ParseContext, c: Claim) -> None:
    """"push Ukrainian troops 20 km back from its border", "Syrian Kurdish fighters to be moved back 30 km": the
    band the pulled-back force leaves lies in its own country, the other side of the border. The force nearest
    before the figure is the pulled-back one ("Russian forces aim to push the Ukrainian armed forces back 10 km")."""
    forces = [i for i in p.mentions.between(p.clause0, p.d.start)
              if p.mentions[i].kind == "country" and _TROOPS_RE.match(p.text, p.mentions[i].end)]
    if forces:
        i = max(forces, key=lambda j: p.mentions[j].start)
        c.inside = i
        c.along = [j for j in c.along if p.mentions[j].key != p.mentions[i].key]


_WIDTH_OF_RE = re.compile(
    r"\b(?:width|depth)\s+of\s+(?:the\s+)?[^.;]{0,60}?(?:zone|area|strip|belt|band|buffer|regime)\b[^.;]{0,60}$",
    re.IGNORECASE)


def _rule_width_of_zone(p: ParseContext) -> Claim | None:
    """"The width of the area on which the border regime is established does not exceed five kilometres"."""
    if not _WIDTH_OF_RE.search(p.left):
        return None
    c = p.claim("buffer_inside_along_border", p.d.end, "width_of_zone")
    _fill_band(p.text, c, p.d.end, p.se, p.mentions, p.sent_mentions, p.d)
    return c


_NEAR_BORDER_LEFT_RE = re.compile(
    r"\b(?:approach|near|nearer|close\s+to)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?(?:border|frontier|fence|line)\b"
    r"[^.;]{0,40}$", re.IGNORECASE)


_KEEP_DISTANCE_RE = re.compile(r"\b(?:keep|maintain|observe|respect|stay\s+at)(?:s|ed|ing)?\s+(?:a\s+)?(?:safe\s+|"
                               r"minimum\s+)?distance\s+of\s*$", re.IGNORECASE)


def _rule_keep_distance(p: ParseContext) -> Claim | None:
    """"residents must keep a distance of at least 150 metres from the perimeter fence": a keep-away band."""
    if not _KEEP_DISTANCE_RE.search(p.left):
        return None
    if not _BORDER_RE.match(p.right):
        return None
    c = p.claim("buffer_inside_along_border", p.d.end, "keep_distance")
    _fill_band(p.text, c, p.d.end, p.se, p.mentions, p.sent_mentions, p.d)
    return c


def _rule_closer_to_border(p: ParseContext) -> Claim | None:
    """"forbidden to approach the border with Russia closer than 5 km": a no-go band along the border."""
    if p.d.qualifier not in ("less than", "within", "up to") or not _NEAR_BORDER_LEFT_RE.search(p.left):
        return None
    c = p.claim("buffer_inside_along_border", p.d.end, "closer_to_border")
    _fill_band(p.text, c, p.clause0, p.se, p.mentions, p.sent_mentions, p.d)
    return c


_WIDE_ALONG_RE = re.compile(r"\s*-?\s*(?:wide|deep)\s+(?:along|on|by|beside)\s+[^.;]{0,60}?\b(?:border|frontier|boundary)\b",
                            re.IGNORECASE)


def _rule_wide_along(p: ParseContext) -> Claim | None:
    """"a ribbon of land 14 km long and 100 metres wide along Gaza's border with Egypt": a band that wide."""
    wm = _WIDE_ALONG_RE.match(p.right)
    if not wm:
        return None
    c = p.claim("buffer_inside_along_border", p.d.end + wm.end(), "wide_along")
    _fill_band(p.text, c, p.d.end, p.se, p.mentions, p.sent_mentions, p.d)
    return c


# The claim grammar: rules tried in order on each distance expression; the first that returns a claim wins, and
# REJECT stops the search (the distance is no claim). The rule's ``cue`` (a stable snake_case name, see each
# rule) is recorded on the claim: renaming a cue is a contract change (claims.json ``cue``, events ``claim_cue``).
RULES: tuple[tuple[str, Any], ...] = (
    ("not_a_distance", _rule_not_a_distance),
    ("radius_unnamed", _rule_radius_unnamed),
    ("width_of_zone", _rule_width_of_zone),
    ("pullback", _rule_pullback),
    ("closer_to_border", _rule_closer_to_border),
    ("keep_distance", _rule_keep_distance),
    ("zone_after", _rule_zone_after),
    ("zone_before", _rule_zone_before),
    ("depth_of", _rule_depth_of),
    ("zone_extends", _rule_zone_extends),
    ("wide_along", _rule_wide_along),
    ("inside_country", _rule_inside_country),
    ("from_border", _rule_from_border),
    ("from_place", _rule_from_place),
    ("apart", _rule_apart),
    ("separate", _rule_separate),
    ("distance_between", _rule_distance_between),
    ("trailing_direction", _rule_trailing_direction),
    ("direction_of", _rule_direction_of),
    ("apposition_away", _rule_apposition_away),
)


def parse_distance(p: ParseContext) -> Claim | None:
    """The claim the grammar reads at distance ``p.d`` (None: no claim)."""
    for _name, rule in RULES:
        c = rule(p)
        if c is REJECT:
            return None
        if c is not None:
            return c
    return None


_NEAR_RE = re.compile(r"\b(?:near|around|close\s+to|opposite|outside|not\s+far\s+from|in\s+the\s+(?:area|vicinity|"
                      r"direction|environs)\s+of|in\s+the\s+vicinity\s+of)\s+(?:the\s+)?(?:(?:\w+\s+)?(?:town|city|"
                      r"village|settlement|resort|community)\s+of\s+)?", re.IGNORECASE)
# "in the Vardenis area", "on the Jermuk direction", "the Tavush section of the border": a place naming a sector
_SECTOR_AFTER_RE = re.compile(r"\s+(?:area|sector|section|direction|axis|vicinity|district)\b", re.IGNORECASE)
_AREA_AFTER_RE = re.compile(r"\s+(?:area|vicinity|district|environs|outskirts)\b", re.IGNORECASE)  # not "direction"
_SECTOR_BEFORE_RE = re.compile(r"\b(?:in|into|on|at|along|near)\s+the\s+$", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:towns|cities|villages)\s+of\s+)?", re.IGNORECASE)


_INCURSION_CUES = frozenset({"advance_inside", "from_border_into"})
_INCURSION_NOUNS = frozenset({"incursion", "penetration", "salient", "bridgehead", "foothold", "advance",
                              "offensive", "breakthrough"})


_ANCHOR_RE = re.compile(r"\b(?:from|near|around|outside)\s+(?:the\s+(?:town|village|city|area)\s+of\s+)?"
                        r"(?P<n>(?-i:[A-Z])[\w’'-]+(?:[ -](?-i:[A-Z])[\w’'-]+){0,2})", re.IGNORECASE)


def _fill_stretch(text: str, c: Claim, pos: int, se: int, mentions) -> None:
    """"a strip between Tal Abyad and Ras al-Ain", "N km into Armenian territory near Jermuk": the stretch of the
    border the band runs along (places named after the figure in the sentence)."""
    window = text[pos:se]
    bm = _BETWEEN_RE.search(window)
    if bm:
        ms = [i for i in _mentions_in(mentions, pos + bm.end(), min(se, pos + bm.end() + 80))
              if mentions[i].kind == "place" and not mentions[i].adjective]
        if len(ms) >= 2 and re.search(r"\band\b", text[mentions[ms[0]].end:mentions[ms[1]].start]):
            c.stretch_ends = (ms[0], ms[1])
            return
    c.near = _near_place(text, pos, se, mentions)
    if c.near is None:  # "Near Jermuk, troops advanced 3 km into Armenia": a placing phrase before the figure
        c.near = _near_place(text, c.sentence[0], c.start, mentions)
    if c.near is None and (am := _ANCHOR_RE.search(text, pos, se)) is not None and \
            not mentions.between(am.start("n"), am.end("n")) and \
            am.group("n").split()[0].lower() not in CALENDAR_WORDS | {"the", "a", "an", "their", "its"}:
        c.near_text = am.group("n")  # "… into Ethiopia from Zalambessa": a place the gazetteer lacks
    if c.near is None and (c.cue in _INCURSION_CUES or (c.zone_noun or "").lower() in _INCURSION_NOUNS):
        # "at Pangong Lake … The Chinese had come in eight km into Indian territory": an incursion happens somewhere,
        # most likely near the places the article has just named
        c.near_before = tuple(i for i in reversed(mentions.between(max(0, c.sentence[0] - 600), c.start))
                              if mentions[i].kind == "place" and not mentions[i].adjective)[:3]


def _near_place(text: str, start: int, end: int, mentions) -> int | None:
    """The place a "near X" / "in the area of X" / "in the X area" phrase within [start, end) names, or None."""
    for nm in _NEAR_RE.finditer(text, start, end):
        t = _first_mention_at(mentions, nm.end(), nm.end() + 2, kinds=("place",), allow_adj=False)
        if t is not None:
            return t
    for i in _mentions_in(mentions, start, end):
        m = mentions[i]
        # "the Jermuk region" is one mention of the town (no admin-1 region of that name): its word ends it
        sector = _SECTOR_AFTER_RE.match(text, m.end) or re.search(r"\s(?:region|area|district)$", text[m.start:m.end])
        if m.kind == "place" and not m.adjective and sector and \
                _SECTOR_BEFORE_RE.search(text, max(0, m.start - 12), m.start):
            return i
    return None


def _named_border(text: str, mentions, pos: int, se: int, inside: int | None) -> list[int]:
    """"moved back 30 km from areas on the Turkish border": the country whose name or adjective names the border
    after the figure is the line's far side (the band lies on its neighbour's side unless "inside" says otherwise)."""
    for i in _mentions_in(mentions, pos, se):
        if mentions[i].kind == "country" and i != inside and re.match(r"\s*(?:border|frontier)\b",
                                                                        text[mentions[i].end:se]) and not \
                _EXTENT_END_RE.search(text, max(pos, mentions[i].start - 30), mentions[i].start):
            return [i]
    for i in _mentions_in(mentions, pos, se):
        # "on its side of the border with Gaza": a place after "border with" names the neighbour by its country
        if i != inside and not mentions[i].adjective and mentions[i].kind in ("place", "admin1", "country") and \
                _BORDER_WITH_RE.search(text, max(pos, mentions[i].start - 30), mentions[i].start):
            return [i]
    return []


_RECENT_BORDER_RE = re.compile(r"\b(?:border|frontier|boundary)\s+(?:between|with)\s+(?:the\s+)?", re.IGNORECASE)


def _recent_border(text: str, mentions, ss: int, inside: int) -> list[int]:
    """"… the border between Egypt and Gaza. Egypt keeps a buffer zone on its side of the border": the other side of
    the border named last in the two sentences before (up to 400 characters back), or []."""
    found: list[int] = []
    for bm in _RECENT_BORDER_RE.finditer(text, max(0, ss - 400), ss):
        side = [i for i in _mentions_in(mentions, bm.end(), min(ss, bm.end() + 50))
                if not mentions[i].adjective and mentions[i].kind in ("country", "place", "admin1")][:2]
        other = [i for i in side if mentions[i].key != mentions[inside].key]
        if other:
            found = other[:1]
    return found


_BORDER_WITH_RE = re.compile(r"\b(?:border|frontier|boundary)\s+(?:with\s+(?:the\s+)?|between\s+(?:the\s+)?"
                             r"(?:[\w’'-]+\s+){1,3}?and\s+(?:the\s+)?)$", re.IGNORECASE)


# "a safe zone … in Syria, all the way to the Iraqi border": where the zone ends, not the border it follows
_EXTENT_END_RE = re.compile(r"\b(?:all\s+the\s+way|as\s+far\s+as|right\s+up|stretching|extending|east|west|north|"
                            r"south)\s+(?:to\s+)?(?:the\s+)?$", re.IGNORECASE)


_REGION_OF_RE = re.compile(r"\b(?:region|province|oblast|governorate)\s+of\s+", re.IGNORECASE)
_POSSESSED_BORDER_RE = re.compile(r"\balong\s+(?P<x>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})[’']s\s+(?:[\w-]+\s+)?"
                                  r"(?:border|frontier)\b")
# "a 1-km buffer zone along the Gaza perimeter fence": the fence of a place's region (its side; not a country's
# border named by its name, whose side the words do not give)
_FENCE_RE = re.compile(r"\b(?:perimeter\s+)?fence\b", re.IGNORECASE)
_NAMED_FENCE_RE = re.compile(r"\balong\s+the\s+(?P<x>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})\s+(?:perimeter\s+|border\s+)?"
                             r"(?:fence|perimeter|barrier)\b")
_OWN_SIDE_RE = re.compile(r"[^.;]{0,60}?\bon\s+(?:its|their)\s+(?:own\s+)?side\s+of\s+the\s+(?:border|frontier)",
                          re.IGNORECASE)


def _own_side(text: str, d: Distance, se: int, mentions, sent_mentions: list[int]) -> int | None:
    """"Egypt built a 1 km buffer zone on its side of the border with Gaza": the country before the figure (the
    one "its" stands for), else None."""
    if not _OWN_SIDE_RE.match(text, d.end, se):
        return None
    before = [i for i in sent_mentions if mentions[i].end <= d.start and mentions[i].kind == "country"]
    return before[-1] if before else None


_BASED_RE = re.compile(r"[-‐–]\s*(?:based|headquartered|registered)\b", re.IGNORECASE)


def _where_based(text: str, m: Any) -> bool:
    """Whether a mention only says where an organisation sits ("the U.S.-based Institute for the Study of War"):
    no side of a border the claim is about."""
    return _BASED_RE.match(text, m.end) is not None


# "the buffer zone in the Palestinian enclave …", "the security strip inside Gaza …" before the figure
_ZONE_IN_RE = re.compile(r"\b(?:zone|strip|buffer|belt|perimeter)\s+(?:in|inside|within)\s+(?:the\s+)?",
                         re.IGNORECASE)


def _fill_band(text: str, c: Claim, pos: int, se: int, mentions, sent_mentions: list[int], d: Distance) -> None:  # noqa: C901
    """Find inside (country), along (other country), region (admin1) for a band claim in the sentence."""
    rest = text[pos:se]
    # inside: first country/adjective mention after "inside|into|in|within" right of the distance; "on its side of
    # the border" is the side of the country the sentence is about
    inside = _own_side(text, d, se, mentions, sent_mentions)
    for m in re.finditer(r"\b(?:inside|into|within|in|across|on)\s+", text[d.end:se] if inside is None else "",
                         re.IGNORECASE):
        p0 = d.end + m.end()
        t = _first_mention_at(mentions, p0, p0 + 25)
        if t is not None and m.group(0).strip().lower() == "on" and re.match(
                r"\s*(?:border|frontier)", text[mentions[t].end:]):
            continue  # "moved back 30 km from areas on the Turkish border": the border named, not the inside
        if t is not None and mentions[t].kind in ("country", "admin1", "world_region"):
            inside = t
            break
        if t is not None and mentions[t].kind == "place" and not mentions[t].adjective and c.inside_place is None:
            c.inside_place = t  # "inside Gaza": the place's country and admin-1 region
    if inside is None and c.inside_place is None and (zm := _ZONE_IN_RE.search(text, c.sentence[0], d.start)):
        # "the buffer zone in the Palestinian enclave extended 330 yards along the fence": where the zone is
        t = _first_mention_at(mentions, zm.end(), zm.end() + 1)
        if t is not None and (mentions[t].kind in ("country", "admin1") or mentions[t].adjective):
            inside = t
        elif t is not None and mentions[t].kind == "place":
            c.inside_place = t
    if c.inside_place is None and (rm := _REGION_OF_RE.search(text, d.end, se)) is not None:
        # "into Russia's western border region of Kursk": the region a place names (read as a place)
        t = _first_mention_at(mentions, rm.end(), rm.end() + 1, kinds=("place",), allow_adj=False)
        if t is not None:
            c.inside_place = t
    if inside is None and c.inside_place is None and _FENCE_RE.search(text, c.sentence[0], se):
        # "Gaza residents must keep a distance of at least 150 metres from the perimeter fence": Gaza's fence
        gz = [i for i in sent_mentions if mentions[i].kind in ("place", "admin1") and not mentions[i].adjective
              and mentions[i].surface.startswith("Gaza")]
        if gz and not re.search(r"\bWest\s+Bank\b", text[c.sentence[0]:se]):
            c.inside_place = gz[0]
    if inside is None and c.inside_place is None and (fm := _NAMED_FENCE_RE.search(text, d.end, se)):
        t = _first_mention_at(mentions, fm.start("x"), fm.start("x") + 1, kinds=("place", "admin1"), allow_adj=False)
        if t is not None:
            c.inside_place = t  # "along the Gaza perimeter fence": inside the Gaza Strip
    if inside is None and c.inside_place is None and (pb := _POSSESSED_BORDER_RE.search(text, d.end, se)):
        # "a strip 100 m wide along Gaza's border with Egypt": the possessor's side
        t = _first_mention_at(mentions, pb.start("x"), pb.start("x") + 1)
        if t is not None and not mentions[t].adjective:
            if mentions[t].kind in ("country", "admin1"):
                inside = t
            elif mentions[t].kind == "place":
                c.inside_place = t
    along: list[int] = list(c.along)
    own = _ALONG_OWN_RE.search(text, pos, se) or _ALONG_OWN_RE.search(text, c.sentence[0], d.start)
    if own and inside is None and _BUFFER_WORD_RE.search(text[c.sentence[0]:se]):
        # "a buffer zone along its border with Syria": a buffer/safe/security zone is set up on the neighbour's side
        # (also when the depth comes after: "a buffer zone along its border with Syria, 20 miles deep")
        p0 = own.end()
        t = _first_mention_at(mentions, p0, p0 + 25, kinds=("country",))
        if t is not None:
            inside = t
    if _ALONG_FRONT_RE.search(rest):
        c.border_word = "front line"  # a band along the line of contact: no geometry for it
    elif (lm := _NOT_BORDER_LINE_RE.search(rest[:80])) is not None:
        c.border_word = "front line" if lm.group(0).lower().startswith("front") else lm.group(0)
    am = _ALONG_RE.search(rest)
    if am:
        seg_end = min(se, pos + am.end() + 60)
        for i in _mentions_in(mentions, pos + am.end(), seg_end):
            if mentions[i].kind == "country" and i != inside:
                along.append(i)
    if inside is None and not along and c.zone_noun and _BUFFER_WORD_RE.search(text[c.sentence[0]:se]) and not (
            _BOTH_SIDES_RE.search(rest)):
        # "Moscow wants a 30-km buffer zone (along the frontier)": a buffer zone set up by a country lies on its
        # neighbour's side
        for i in mentions.between(c.sentence[0], d.start):
            mi = mentions[i]
            if (getattr(mi, "role", "location") == "actor" or mi.kind == "country") and not mi.adjective:
                along.append(i)
                break
    region = None
    for i in sent_mentions:
        if mentions[i].kind in ("admin1", "world_region") and mentions[i].start >= d.end:
            region = i  # (a world region of one country's regions: "inside PoK")
            break
    if inside is not None and mentions[inside].kind in ("admin1", "world_region"):
        region = region if region is not None else inside
    if not along:
        along = _named_border(text, mentions, pos, se, inside)
    if not along and (fm := _FROM_COUNTRY_RE.search(text, d.end, se)) is not None:
        # "a Russian drone penetrated 40 km into Latvian territory from Belarus": the side it came from, not the
        # nationality named first
        t = _first_mention_at(mentions, fm.end(), fm.end() + 1, kinds=("country",))
        if t is not None and t != inside and (inside is None or mentions[t].key != mentions[inside].key):
            along = [t]
    if not along:
        # another country named in the sentence ("Russian forces advanced ... inside Ukrainian territory")
        for i in sent_mentions:
            if mentions[i].kind == "country" and i != inside and i not in along and (
                    inside is None or mentions[i].key != mentions[inside].key) and not _where_based(text, mentions[i]):
                along.append(i)
                break
    if not along and inside is not None:
        along = _recent_border(text, mentions, c.sentence[0], inside)
    _fill_stretch(text, c, d.end, se, mentions)
    c.inside = inside
    c.along = along
    c.region = region
    c.end = max(c.end, *(mentions[i].end for i in [inside, region, *along] if i is not None)) if (
        inside is not None or region is not None or along) else c.end
