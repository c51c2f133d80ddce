"""Toponym spotting: find place, region and country mentions in text with character spans.

Method: a name can only start at a capitalised word, so the text is first cut into runs of capitalised words
(joined by spaces, hyphens or connectors such as "of", "on", "and": "Rostov-on-Don", "Bosnia and Herzegovina").
Each run is split into word tokens with offsets; each token is normalised with the gazetteer's own ``normalize``
(cached per token) and every n-gram of up to 7 tokens that starts and ends with a capitalised token becomes a
candidate key. All candidate keys of the document are looked up at once in the gazetteer's packed name index
(sorted 64-bit key hashes, one vectorised ``numpy.searchsorted``; results cached per key), which gives for each hit
the best kind and the largest population. Nothing is built or loaded per process beyond the gazetteer's mmap'd
arrays. (A gazetteer without that index — e.g. a test double exposing only ``spotting_names()`` — gets a
pyahocorasick trie of its keys instead.) Spans always refer to the original text. Then:

- longest match wins (overlaps resolved left to right, longer first);
- a place name must be capitalised in the source (first and last token); a stoplist drops capitalised non-places
  (weekdays, months, titles, pronouns, common words) and names glued to a capitalised non-place word
  ("Vladimir Putin", "Raquel Henry") are dropped as part of a person's name;
- "Sumy region" / "Sumy Oblast" / "the Sumy region" → one admin-1 mention ("Sumy region");
- country adjectives ("Russian", "Ukrainian") → country mentions flagged ``adjective=True``;
- a mention directly followed by a reporting verb ("Moscow says", "Kyiv has warned") or preceded by
  "according to" gets role ``actor``.

``spot(text, gaz)`` returns :class:`Mention` objects; each also unpacks as ``(start, end, name)``.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass, replace

from gazetteer.errors import NotFoundError
from gazetteer.index import KIND_NOT_SPOTTED
from gazetteer.normalize import REGION_PHRASE_WORDS, normalize, split_region
from gazetteer.tables import news_abbreviations, read_table
from geomap.text.subjects import CALENDAR_WORDS, WATER_WORDS

__all__ = ["Mention", "Spotter", "spot", "spot_spans", "get_spotter"]

_KIND_CODE = {"place": 0, "admin1": 1, "country": 2, "adjective": 3}
_CODE_KIND = {v: k for k, v in _KIND_CODE.items()}

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

# capitalised words that are not places even when a gazetteer has a place of that name
STOP_WORDS = CALENDAR_WORDS | frozenset("""
may jan feb mar apr jun jul aug sep sept oct nov dec
president minister prime general governor mayor commander colonel major captain sergeant lieutenant admiral
chief head secretary spokesman spokeswoman spokesperson official officials senator representative king queen
prince princess pope sheriff judge officer deputy director
mr mrs ms dr prof gen col lt sgt capt gov sen rep
i a an the this that these those it its he she they we you his her their our my your who whom what which when where
why how will would can could may might must shall should do does did is are was were be been being have has had
and or but if then so as at by for from in into of off on onto out over per to up via with within without
no not nor yes all any each every both either neither some many much more most few less least other another such
one two three four five six seven eight nine ten first second third last next new old good best great big little
long short high low early late near far north south east west northern southern eastern western central
after before during since until while again also already still just only even very here there now today tomorrow
yesterday tonight morning evening night week month year day time people police army forces troops government
state city town village region county district province area border frontier line front river lake sea
states cities towns villages regions counties districts provinces areas borders settlements camps bases
news report reports media press live update updates photo video watch read more click share follow
god lord christ church bank mall park school university college hospital hotel airport station center centre
street road avenue highway route bridge hall house court office department office union
man men woman women boy girl child children family friend friends home life world
ukrainian russian kremlin nato un eu us uk
united saint council way hall union jesus god christ hamas hezbollah taliban shabab shabaab daesh isil main valley lane northeast
northwest southeast southwest mary bell commerce pack christmas easter passover thanksgiving halloween
ramadan hanukkah advent lent memorial independence labor veterans patrol gulf leader
jewish arab arabs muslim muslims christian christians catholic catholics hindu buddhist sunni shiite shia
hispanic latino asian african european
due despite amid amidst among given following according
kms km kilometres kilometers miles
""".split())
# common words and institutions that are also the name of some small place: never a place on their own
# (they still glue to the next capitalised word as part of a name: "Justice Kennedy", "Superior Court")
_NOT_ALONE = frozenset("""
none let free lot sun earth moon grand superior supreme academy justice act recovery metro herald parkway forest
democrat democrats republican republicans congress senate parliament duma assembly legislature cabinet ministry
pentagon rev pct maritime
""".split())
# multi-word names that are institutions, not places, in news text
MULTI_STOP = frozenset({"united russia", "chamber of commerce", "white house", "capitol hill", "wall street", "downing street", "red cross", "red square",
                        "holy see", "new deal", "big apple"})

# words before a place's name that make no person of it ("Mount Sinjar", "Lake Chad")
_PLACE_PREFIXES = frozenset({"mount", "mt", "lake", "jebel", "wadi"})
# generic words that may follow a place without making it part of a person's or organisation's name
_FOLLOW_OK = frozenset("""
region oblast province governorate state krai county district city town village area border frontier
governor mayor officials official authorities police forces troops army military residents council
administration government airport river mountains said says told reported has have had is was were will
times post news herald tribune journal gazette press star register observer daily sun standard telegraph
power road street avenue boulevard drive lane highway university college high school academy police fire
sheriff department bureau hospital center centre mall bridge lake park township parish borough municipality
olympics games olympic summit talks conference
metro metropolitan international regional national public community church cathedral stadium arena
chamber board commission court district council club museum library zoo festival fair
""".split())
# a name ending in one of these after "the" is the water, not a region or town named after it ("the Red Sea")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_WATER_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(w.title() for w in WATER_WORDS)) + r")\b")  # "the Indian Ocean", "the Arabian Sea", "the Persian Gulf"
# words that open Arabic and Hebrew place names ("Ain Baal", "Kfar Kila", "Deir Mimas", "Tel Rifaat"): alone
# before another capitalised word they are that name's first word, never a place of their own
_NAME_HEADS = frozenset("ain ein ayn beit bayt deir dayr tel tell kfar kafr wadi jabal jebel jabel ras umm abu bir "
                        "khirbet khirbat nahr qasr marj majdal sheikh shaykh tal haj hajj haji sidi".split())
# a military formation named after a place or direction: the formation, not the place
_FORCE_NAME_AFTER = re.compile(r"[ -](?:Command|Corps|Division|Brigade|Regiment|Battalion|Fleet|Army\s+Group|Guards?)\b"
                               r"(?!\s+of\b)")  # ("the Philippine Coast Guard": not Kenya's Coast province)
_QUOTE_BEFORE = re.compile(r"['‘\"“]$")
_LINE_AFTER = re.compile(r"\s+Line\b")  # a line named after a person or place: "the Durand Line", "the Maginot Line"
# a ship's name after its kind ("the oil tanker Marlin Luanda", "the bulk carrier True Confidence")
_VESSEL_BEFORE = re.compile(r"\b(?:tanker|vessel|ship|freighter|carrier|boat|frigate|destroyer|warship|trawler|"
                            r"yacht)\s+$", re.IGNORECASE)
# feature words that end a longer name ("Xiamen Bay", "Kinmen Islands", "Belgorod Arena"): never a place of their
# own after a capitalised word, though a gazetteer holds Bay (Somalia), Islands (Hong Kong) and Island (Iceland)
_FEATURE_WORDS = frozenset("""
bay bays island islands isle isles islet islets strait straits peninsula reef reefs atoll cape harbour harbor beach dam
delta plateau heights hills desert basin canal channel sound lagoon arena stadium square plaza
""".split())
_TITLES = frozenset("""
mr mrs ms miss dr prof sen rep gov gen col lt sgt capt adm cmdr president senator governor mayor judge
sheriff officer deputy minister secretary chief coach pastor rev father sister brother uncle aunt saint_
""".split())
_CODES = frozenset({"US", "USA", "UK", "UAE", "DRC", "CAR", "PRC", "ROK", "KSA", "U.S.", "U.K.", "U.S.A."})
_LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")
_CONNECT = (r"(?:of|on|upon|and|de|la|le|les|du|des|del|della|di|el|al|am|an|der|den|sur|en|y|da|do|dos|das|van|von|"
            # Arabic articles assimilated to the next letter ("Deir ez-Zor", "Jisr ash-Shughur", "Dar es Salaam")
            # and French "au"/"aux" ("Port-au-Prince")
            r"ash|adh|ath|az|ez|es|ed|er|et|ul|au|aux)")
# connectors that are also English words: only hyphenated ("Ras as-Sayyid", "Tell at-Tin"), never "Doha as Israel"
_CONNECT_HYPHEN = r"(?:as|at|ad|ar)"
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽА-ЯЁІЇЄҐ"
# runs of capitalised words (with connectors such as "of", "on", "and"): the only places a name can start
_RUN = re.compile(
    rf"[{_UPPER}][\w'’.]*(?:(?:[ \t]*\n?[ \t]*|-|–)(?:{_CONNECT}(?:\s|-)+|{_CONNECT_HYPHEN}-)*[{_UPPER}][\w'’.]*)*")
_HELD_AREA = re.compile(rf"[{_UPPER}][a-z]+-(?:administered|occupied|controlled|held)\s+"
                        rf"(?P<n>[{_UPPER}][a-z]+(?:\s+and\s+[{_UPPER}][a-z]+)?)")
_GLUED_ARTICLE = re.compile(r"(El|Al)([a-z]{3,})")  # "Elwak", "Albukamal"
_ONE_WORD = re.compile(rf"[{_UPPER}][^\W\d_]*")  # a run that is a single capitalised word of letters
_REGION_AFTER = re.compile(r"\s+(" + "|".join(REGION_PHRASE_WORDS) + r")\b", re.IGNORECASE)  # "Sumy region"

_REPORT_VERB = re.compile(
    r"(?:\s*,?\s*(?:has|have|had|also|again|then|now|on \w+day|quickly|repeatedly|previously|swiftly|"
    r"immediately|officially|publicly|reportedly|itself|,)\s*)*\s*"
    r"(?:says|said|say|claims?|claimed|warns?|warned|denie[sd]|deny|announced?|announces|accused|accuses|"
    r"insists?|insisted|stated?|states|responded|responds|rejected|rejects|demanded|demands|threatened|"
    r"threatens|argued|argues|maintains?|maintained|alleged|alleges|countered|reported|reports|believes|"
    r"believed|condemned|condemns|vowed|vows|urged|urges|called|calls|wants|wanted|agreed|agrees|"
    r"refused|refuses|confirmed|confirms|acknowledged|signed|proposed|proposes|hopes|hoped|"
    r"sees|saw|views|regards|considers|considered|offered|offers|decided|decides|retaliated|"
    r"is\s+(?:demanding|insisting|proposing|pushing|seeking|trying)|has\s+been\s+(?:demanding|pushing))\b",
    re.IGNORECASE,
)
_ADJ_ACTOR = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:forces|troops|army|military|soldiers|units|officials|authorities|government|"
    r"president|leadership|commanders?|command|ministry|defen[cs]e\s+ministry|officers|diplomats|"
    r"spokesm[ae]n|media|state\s+media|side|drones?|aircraft|jets|artillery|shelling|strikes?|attacks?|"
    r"offensive|advance|assault|sabotage|saboteurs|bloggers)\b")
_ACCORDING = re.compile(r"(?:according\s+to|officials\s+in|sources\s+in|statement\s+from)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A toponym mention: ``text[start:end]`` is ``surface``; ``key`` is its normalised gazetteer key.

    ``kind`` is the gazetteer's best kind for the key ("place", "admin1", "country"); ``adjective`` marks a country
    adjective ("Russian"); ``region_phrase`` marks "X region"/"X Oblast" (kind "admin1"); ``role`` is "location"
    or "actor". Iterating yields ``(start, end, surface)``.
    """

    start: int
    end: int
    surface: str
    key: str
    kind: str
    population: int = 0
    adjective: bool = False
    region_phrase: bool = False
    role: str = "location"
    lookup: str | None = None  # the name to resolve when it differs from the surface ("Ga." → "Georgia")

    @property
    def name(self) -> str:
        """The name to resolve: ``lookup`` when set ("Ga." -> "Georgia"), else the surface."""
        return self.lookup or self.surface

    def __iter__(self):
        """``(start, end, surface)``."""
        return iter((self.start, self.end, self.surface))

    def __len__(self) -> int:
        """3: a mention unpacks as ``(start, end, surface)``."""
        return 3

    def __getitem__(self, i: int):
        """Item ``i`` of ``(start, end, surface)``."""
        return (self.start, self.end, self.surface)[i]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def _keep_key(key: str) -> bool:
    if len(key) < 2 or len(key) > 63 or "|" in key:
        return False
    # Latin (incl. extended) and Cyrillic scripts only: English news text never matches other scripts' keys
    return all(c == " " or c == "." or c.isdigit() or ord(c) < 0x250 or 0x400 <= ord(c) < 0x530 for c in key)


def _pack(pop: int, klen: int, code: int) -> int:
    return (min(max(int(pop or 0), 0), 2**40) << 8) | (klen << 2) | code


class Spotter:
    """A reusable spotter over a gazetteer's names (build once per process: see :func:`get_spotter`).

    With the packed gazetteer (``Gazetteer.lookup_keys``: sorted 64-bit key hashes) candidate n-grams are looked up
    in one vectorised search — nothing to build, nothing to load. Any other gazetteer object only needs
    ``spotting_names()``; its keys go into a pyahocorasick trie used as a key set.
    """

    MAX_TOKENS = 7

    def __init__(self, gaz) -> None:
        """Spot over the names of ``gaz`` (a :class:`gazetteer.Gazetteer`, or any object with
        ``spotting_names()``). The spotter keeps only a weak reference to a packed gazetteer."""
        self._normalize = normalize
        self._tok_cache: dict[str, str] = {}
        self.adjectives: dict[str, str] = {}  # normalised adjective → ISO2
        for adj, iso in _adjectives():
            k = normalize(adj)
            if k:
                self.adjectives.setdefault(k, iso)
        self._states = _state_names(gaz)
        self._vcache: dict[str, int | None] = {}
        lookup_keys = getattr(gaz, "lookup_keys", None)
        self._batch = weakref.WeakMethod(lookup_keys) if lookup_keys is not None else None
        if self._batch is not None:
            self.A = None
        else:
            import ahocorasick

            A = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for key, pop, kind in gaz.spotting_names():
                if _keep_key(key):
                    A.add_word(key, _pack(pop, len(key), _KIND_CODE.get(kind, 0)))
            self.A = A

    def _lookup(self, keys: list[str]) -> list[int | None]:
        """Packed value (population, key length, kind code) of each key, or None when not a gazetteer key."""
        vc = self._vcache
        todo = [k for k in set(keys) if k not in vc]
        if todo:
            vals = self._lookup_uncached(todo)
            if len(vc) > 2_000_000:
                vc.clear()
            vc.update(zip(todo, vals, strict=True))
        return [vc[k] for k in keys]

    def _lookup_uncached(self, keys: list[str]) -> list[int | None]:
        if self.A is not None:
            return [self.A.get(k) if self.A.exists(k) else None for k in keys]
        lookup_keys = self._batch()
        if lookup_keys is None:
            raise ReferenceError("the gazetteer of this spotter is gone; build the spotter with get_spotter(gaz)")
        found, pops, kinds = lookup_keys(keys)
        out: list[int | None] = []
        for k, f, p, kc in zip(keys, found.tolist(), pops.tolist(), kinds.tolist(), strict=True):
            out.append(_pack(p, min(len(k), 63), kc) if f and kc != KIND_NOT_SPOTTED else None)
        return out

    # ---------------------------------------------------------------------------------------------------------
    def _norm_tok(self, tok: str) -> str:
        n = self._tok_cache.get(tok)
        if n is None:
            n = self._normalize(tok)
            if len(self._tok_cache) < 500_000:
                self._tok_cache[tok] = n
        return n

    def spot(self, text: str) -> list[Mention]:
        """All toponym mentions in ``text`` in order (see module docstring)."""
        lower_words = set(_LOWER_WORD.findall(text))
        out: list[Mention] = []
        persons: set[str] = set()
        runs = [self._prepare_run(text, r.start(), r.end()) for r in _RUN.finditer(text)]
        runs = [r for r in runs if r is not None]
        vals = dict(zip(*self._all_keys(runs), strict=True))
        for r in runs:
            keys = r[4]
            if len(keys) == 1 and len(r[0]) == 1 and vals[keys[0]] is None and _GLUED_ARTICLE.fullmatch(r[0][0][2]):
                out.extend(self._glued_article(r[0][0]))  # "Elwak": El Wak
                continue
            if len(keys) == 1 and len(r[0]) == 1 and self._single_skipped(r[0][0][2], keys[0], vals[keys[0]],
                                                                          lower_words):
                continue  # one capitalised word that is no place here ("The", "He", "May")
            out.extend(self._spot_run(text, r, vals, lower_words, persons))
        # "Pont" of "Pont-l'Eveque", "Saint" of "Saint-Jean-de-Luz": the first part of a longer compound name
        out = [m for m in out if not _COMPOUND_GOES_ON.match(text, m.end)]
        if persons:  # surnames seen in a person's full name are not places elsewhere in the text
            out = [m for m in out if not (m.key in persons and m.kind == "place" and " " not in m.key
                                          and m.end - m.start <= len(m.key) + 2)]
        out = self._held_areas(text, out)
        extra = self._abbreviations(text, {(m.start, m.end) for m in out})
        if extra:
            out = sorted(out + extra, key=lambda m: m.start)
        return out

    def _glued_article(self, tok: tuple[int, int, str]) -> list[Mention]:
        """A name with its Arabic article glued on, the gazetteer holding it apart: "Elwak" is El Wak, "Albukamal"
        Al Bukamal (only for a word the gazetteer does not hold as it is written)."""
        m = _GLUED_ARTICLE.fullmatch(tok[2])
        if m is None:
            return []
        name = f"{m.group(1)} {m.group(2).capitalize()}"
        k = self._normalize(name)
        v = self._lookup([k])[0]
        if v is None or (v & 3) not in (0, 1):
            return []
        return [Mention(tok[0], tok[1], tok[2], k, _CODE_KIND[v & 3], v >> 8, lookup=name)]

    def _held_areas(self, text: str, out: list[Mention]) -> list[Mention]:
        """Names with a lower-case participle that capitalised runs split: in "Pakistan-administered Kashmir" the
        mention "Kashmir" resolves the whole phrase when the gazetteer holds it (a world region's names); the
        country before stays a mention of its own."""
        held = {}
        for hm in _HELD_AREA.finditer(text):
            k = self._normalize(hm.group(0))
            if self._lookup([k])[0] is not None:
                held[(hm.start("n"), hm.end("n"))] = (k, hm.group(0))
        if not held:
            return out
        return [replace(m, key=held[(m.start, m.end)][0], lookup=held[(m.start, m.end)][1], kind="place")
                if (m.start, m.end) in held else m for m in out]

    def _abbreviations(self, text: str, taken: set[tuple[int, int]]) -> list[Mention]:
        """Region phrases of AP-style abbreviations after a capitalised name ("Gainesville, Ga.", "Charleston,
        W.Va.") and of dotted state codes anywhere ("N.Y. police"), not already spotted as ``taken`` spans."""
        extra = []
        for sm in _STATE_ANY.finditer(text):
            g = 1 if sm.group(1) else 2
            full = self._states.get(re.sub(r"\s", "", sm.group(g)))
            if full is None or (sm.start(g), sm.end(g)) in taken:
                continue
            extra.append(Mention(sm.start(g), sm.end(g), sm.group(g), self._normalize(full), "admin1", 0,
                                 region_phrase=True, lookup=full))
        return extra

    def _all_keys(self, runs: list[tuple]) -> tuple[list[str], list[int | None]]:
        keys = list({k for r in runs for k in r[4]})
        return keys, (self._lookup(keys) if keys else [])

    def _prepare_run(self, text: str, r0: int, r1: int) -> tuple | None:
        """Tokens of one capitalised run and its candidate n-grams (first token, last token) with their keys."""
        if _ONE_WORD.fullmatch(text, r0, r1):  # fast path: one word of letters (most runs)
            w = text[r0:r1]
            k = self._norm_tok(w) or "_"
            return [(r0, r1, w)], [k], [False], [(0, 0)], [k]
        toks = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, r0, r1)]
        if not toks:
            return None
        norms = [self._norm_tok(t) or "_" for _, _, t in toks]
        joinable = [_joins(text, toks[i], toks[i + 1]) for i in range(len(toks) - 1)] + [False]
        cand, keys = self._ngrams(toks, norms, joinable)
        if not keys:
            return None
        return toks, norms, joinable, cand, keys

    def _ngrams(self, toks: list[tuple[int, int, str]], norms: list[str],
                joinable: list[bool]) -> tuple[list[tuple[int, int]], list[str]]:
        """Candidate names of a run: every n-gram of up to ``MAX_TOKENS`` joined tokens that starts and ends with a
        capitalised token, as (first token, last token) and its key."""
        cand: list[tuple[int, int]] = []
        keys: list[str] = []
        ntok = len(toks)
        for i in range(ntok):
            if not toks[i][2][:1].isupper():
                continue
            k = norms[i]
            j = i
            while True:
                if toks[j][2][:1].isupper():
                    cand.append((i, j))
                    keys.append(k)
                if j - i + 1 >= self.MAX_TOKENS or not joinable[j] or j + 1 >= ntok:
                    break
                j += 1
                k = k + " " + norms[j]
        return cand, keys

    def _single_skipped(self, ftok: str, k: str, val: int | None, lower_words: set[str]) -> bool:
        """Whether ``_spot_run`` drops a run of this one token outright (the same tests, without building the
        run): not a gazetteer key, a contraction, a stop phrase, or a common word / acronym that is not a place."""
        if val is None or _contraction(ftok) or k in MULTI_STOP:
            return True  # (a one-token stop phrase yields nothing either)
        code = 3 if k in self.adjectives else val & 3
        return code != 3 and _alone(ftok, k, code, lower_words) != _KEEP

    def _spot_run(self, text: str, run: tuple, valmap: dict, lower_words: set[str],
                  persons: set[str]) -> list[Mention]:
        """The mentions of one capitalised run: its longest names first, without person and organisation names
        (whose names are added to ``persons``)."""
        toks, norms, joinable, cand, keys = run
        hits = [(f, last, valmap[k] if valmap[k] is not None else 0, k) for (f, last), k in zip(cand, keys, strict=True)
                if valmap[k] is not None or k in MULTI_STOP]
        if not hits:
            return []
        st = _RunState(text, toks, norms, joinable, [False] * len(toks), valmap, persons)
        chosen = self._choose(st, hits, lower_words)
        glued = _glued(st, chosen)
        out: list[Mention] = []
        for h in chosen:
            if h[0] in glued:
                continue
            mn = _mention(st, h)
            if mn is not None:
                out.append(mn)
        return out

    def _choose(self, st: _RunState, hits: list[tuple[int, int, int, str]],
                lower_words: set[str]) -> list[tuple[int, int, int, str]]:
        """The names of a run (first token, last token, packed value, key), longest first then leftmost, without
        overlaps, contractions, stop phrases and common words standing alone; marks their tokens taken."""
        toks, taken = st.toks, st.taken
        hits.sort(key=lambda h: (-(toks[h[1]][1] - toks[h[0]][0]), h[0]))
        chosen: list[tuple[int, int, int, str]] = []
        for h in hits:
            f, last, val, k = h
            if any(taken[f:last + 1]):
                continue
            ftok = toks[f][2]
            if f == last and _contraction(ftok):
                continue  # contractions: "I've", "Don't"
            if k in MULTI_STOP:
                taken[f:last + 1] = [True] * (last + 1 - f)
                continue
            code = val & 3
            if k in self.adjectives:
                code = 3
                h = (f, last, (val & ~3) | 3, k)
            if code != 3 and f == last:
                verdict = _alone(ftok, k, code, lower_words)
                if verdict == _BLOCK:
                    taken[f] = True  # not a place, but a word of the name it stands in ("Los Angeles Superior Court")
                if verdict != _KEEP:
                    continue
            taken[f:last + 1] = [True] * (last + 1 - f)
            chosen.append(h)
        chosen.sort()
        return chosen


@dataclass
class _RunState:
    """One capitalised run being spotted: its tokens (start, end, text), their keys, whether each joins the next,
    which tokens a chosen name took, the packed value of every candidate key, and the person names seen."""

    text: str
    toks: list[tuple[int, int, str]]
    norms: list[str]
    joinable: list[bool]
    taken: list[bool]
    valmap: dict[str, int | None]
    persons: set[str]


def _joins(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Whether tokens ``a`` and ``b`` can be words of one name: a space, one line break, a hyphen or an apostrophe
    between them, or the dot of a short abbreviation ("St. Louis")."""
    gap = text[a[1]:b[0]]
    return gap == " " or (gap.isspace() and gap.count("\n") < 2) or gap in ("-", "–", "'") or (
        gap.strip() == "." and len(a[2]) <= 3 and "\n" not in gap)


# a compound place name going on in lower case after a hyphen (French-style: "-l'", "-de-", "-sur-")
_COMPOUND_GOES_ON = re.compile(r"-(?:[ld][’']|(?:la|le|les|de|du|des|sur|sous|en|aux|lès|lez|et)-)", re.IGNORECASE)

_KEEP, _DROP, _BLOCK = 0, 1, 2  # verdicts on a one-token name that is not an adjective


def _contraction(tok: str) -> bool:
    """ "I've", "Don't" (but not a possessive "Sumy's")."""
    return ("'" in tok or "’" in tok) and not re.search(r"['’]s$", tok)


def _alone(ftok: str, k: str, code: int, lower_words: set[str]) -> int:
    """Whether a one-token name (token ``ftok``, key ``k``, kind code ``code``) stands as a place: ``_KEEP``;
    ``_BLOCK`` for a common word that is only a word of a longer name ("Superior"); ``_DROP`` for stop words, words
    the text also writes in lower case, short words and initials, and acronyms other than country codes."""
    is_code = ftok in _CODES
    if not is_code and k in _NOT_ALONE:
        return _BLOCK
    if not is_code and (k in STOP_WORDS or k in lower_words or (len(k) < 3 and not ftok.isupper())
                        or len(k) == 1):  # a single letter: an initial, a grade, "Plan B"
        return _DROP
    if ftok.isupper() and len(ftok) <= 3 and code in (0, 1, 2) and not is_code:
        # acronyms are rarely places ("UN", "EU", "AP"; "EST" is no Est region, "LAC" no Lac, "IOM" — the migration
        # agency — no Isle of Man); countries written so are in _CODES
        return _DROP
    return _KEEP


def _glued(st: _RunState, chosen: list[tuple[int, int, int, str]]) -> set[int]:
    """First tokens of pairs of adjacent one-word place names that make a person's name ("Raquel Henry"); the
    second is remembered as a surname in ``st.persons``."""
    toks, norms, text = st.toks, st.norms, st.text
    glued: set[int] = set()
    for a, b in zip(chosen, chosen[1:], strict=False):
        if a[0] == a[1] and b[0] == a[1] + 1 and a[3] in _NAME_HEADS and text[toks[a[1]][1]:toks[b[0]][0]] in (" ", "-"):
            glued.update((a[0], b[0]))  # "Ain Baal" (not Ain, France and Baal, Belgium): one Arabic name
            continue
        if a[0] == a[1] and b[0] == b[1] and b[0] == a[1] + 1 and (a[2] & 3) == 0 and (b[2] & 3) == 0 \
                and text[toks[a[1]][1]:toks[b[0]][0]] in (" ", "-") and norms[b[0]] not in _FOLLOW_OK \
                and not re.search(r"['’]s$", toks[a[1]][2]):
            glued.update((a[0], b[0]))
            st.persons.add(b[3])
    return glued


def _mention(st: _RunState, h: tuple[int, int, int, str]) -> Mention | None:
    """The mention of a chosen name, or None when it is part of a person's or organisation's name."""
    f, last, val, k = h
    code, pop = val & 3, val >> 8
    if code != 3 and _in_a_name(st, f, last, code, pop, k):
        return None
    start, end, kind, region_phrase = _extent(st, f, last, code, k)
    if _not_land(st, code, k, start, end, region_phrase):
        return None
    if code == 0 and f == last and pop < _NUMBERED_MAX_POP and _NUMBER_AFTER.match(st.text, end):
        return None  # "Tower 22", "Checkpoint 14", "Hill 171": a numbered site, not the small town of that name
    surface = st.text[start:end]
    role = _role(st.text, start, end, code == 3)
    if role == "actor" and code == 0 and f == last and pop < _ACTOR_MIN_POP and _SAID.match(st.text, end) and \
            not _PREP_BEFORE.search(st.text, max(0, start - 6), start):  # ("a shopkeeper in Teknaf said": a place)
        st.persons.add(k)  # "Smith said": a small town's name as the speaker is a person, not a capital
        return None
    if code == 0 and f == last and pop < _ACTOR_MIN_POP and _FORCE_AFTER.match(st.text, end):
        return None  # "Wagner fighters", "FAMA soldiers": a force's name (Wagner, Brazil; Fama, Brazil), no place
    if code in (0, 1) and f == last and surface.isupper() and _ACRONYM_OF.search(st.text, max(0, start - 40), end):
        st.persons.add(k)  # "the Malian Armed Forces (FAMA)": an acronym of the name before, here and further on
        return None
    return Mention(start, end, surface, k, kind, pop, code == 3, region_phrase, role)


def _not_land(st: _RunState, code: int, k: str, start: int, end: int, region_phrase: bool) -> bool:
    """Whether a name is a sea's or a ship's, not a place's: "off the Red Sea coast" (not Sudan's Red Sea state),
    "the Black Sea" (not Black, Alabama), "The Indian Ocean Newsletter" (not India), "the oil tanker Marlin
    Luanda" (not Luanda)."""
    text = st.text
    if code in (0, 1) and not region_phrase and k.rsplit(" ", 1)[-1] in WATER_WORDS and \
            (code == 1 or _THE_BEFORE.search(text, max(0, start - 6), start)):
        return True  # ("ship attacked off Hodeidah in Red Sea": a region named for a sea needs "State" after it)
    if not region_phrase and _WATER_AFTER.match(text, end):
        return True  # "the Black Sea" (not Black, Alabama), "the Indian Ocean"
    if code in (0, 1) and k in _WATER_HEADS and _OF_AFTER.match(text, end):
        return True  # "the Bay of Bengal" (not Somalia's Bay region), "the Gulf of Aden", "the Sea of Azov"
    if not region_phrase and _LINE_AFTER.match(text, end):
        return True  # "the Durand Line" (not Durand, Michigan), "the Maginot Line"
    if code in (0, 1) and _FORCE_NAME_AFTER.match(text, end):
        return True  # "the army's North Eastern Command" (not Kenya's North-Eastern province), "5th Fleet"
    return bool(_VESSEL_BEFORE.search(text, max(0, st.toks[0][0] - 40), st.toks[0][0]))


def _in_a_name(st: _RunState, f: int, last: int, code: int, pop: int, k: str) -> bool:
    """Whether the name on tokens ``f..last`` belongs to a person's or an organisation's name: after a title ("Mr.
    Jackson"), after a first name and an initial ("Matthew D. Flores"), glued to a capitalised word that is not a
    place ("Raquel Henry"), or glued to the next capitalised word. Surnames are added to ``st.persons``."""
    if f == last and k in _FEATURE_WORDS and _after_a_name(st, f):
        return True  # "Xiamen Bay", "Kinmen Islands": the feature of the name before (not Bay, Somalia)
    if f == last and k in _NAME_HEADS and _before_capitalised_word(st, last):
        return True  # "Ain Baal", "Deir Mimas": the head word of a longer Arabic name, not Ain (France) alone
    if _after_title(st, f) or (code in (0, 1) and f == last and _after_initial(st, f)):
        st.persons.add(k)
        return True
    if _of_an_institution(st, f):
        return False  # "Hôpital Universitaire de Mirebalais", "Universidad de Antioquia": the place, no surname
    if _after_capitalised_word(st, f):
        # "Raquel Henry": a small place's name after an unknown capitalised word is a surname
        if code == 0 and pop < 100_000 and st.valmap.get(st.norms[f - 1]) is None and \
                not _QUOTE_BEFORE.search(st.text, max(0, st.toks[f - 1][0] - 1), st.toks[f - 1][0]):
            st.persons.add(k)  # (not in a quoted name: "This road is called 'Thall Parachinar'")
        return True
    return code == 0 and _before_capitalised_word(st, last)


# the heads of Romance institution and place names before "de X" ("Hôpital … de Mirebalais", "Aeropuerto de Cúcuta"):
# X is the place the institution is named after, not the surname of a "Charles de Gaulle"
_INSTITUTION_HEADS = frozenset(
    "hopital hospital universite universitaire universidad universidade universita aeropuerto aeroport aeroporto "
    "puerto porto ciudad ville provincia province departement departamento municipio municipalidad prefecture "
    "commune ecole escuela college lycee centre centro banco banque gare estacion estadio stade palais palacio "
    "musee museo cathedrale catedral eglise iglesia barrio mairie prefeitura camp campo region".split())
_OF_CONNECTORS = frozenset({"de", "du", "des", "del", "da", "do", "di", "d"})


def _of_an_institution(st: _RunState, f: int) -> bool:
    """The name follows "de"/"del"/"do" after an institution's head word within a few capitalised words."""
    if f < 2 or st.norms[f - 1] not in _OF_CONNECTORS:
        return False
    return any(st.norms[j] in _INSTITUTION_HEADS for j in range(max(0, f - 4), f - 1))


def _after_a_name(st: _RunState, f: int) -> bool:
    """A capitalised word right before token ``f``, joined by a space, that is no stop word ("Xiamen Bay", not "A
    Delta police officer")."""
    return f > 0 and st.text[st.toks[f - 1][1]:st.toks[f][0]] == " " and st.toks[f - 1][2][:1].isupper() and \
        st.norms[f - 1] not in STOP_WORDS


def _after_title(st: _RunState, f: int) -> bool:
    """A title right before the name: a person ("Mr. Jackson", "Gov. Brown")."""
    return f > 0 and st.norms[f - 1] in _TITLES and not st.taken[f - 1]


def _after_initial(st: _RunState, f: int) -> bool:
    """A first name and a middle initial right before the name: a person ("Matthew D. Flores")."""
    toks, text = st.toks, st.text
    if f < 2 or st.taken[f - 1]:
        return False
    initial, first = toks[f - 1][2], toks[f - 2][2]
    return (len(initial) == 1 and initial.isupper() and text[toks[f - 1][1]:toks[f][0]] == ". "
            and text[toks[f - 2][1]:toks[f - 1][0]] == " " and first[:1].isupper() and len(first) > 1)


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether ``pos`` starts the text or follows a sentence end (". ", "? ", a line break), quotes aside."""
    before = text[max(0, pos - 4):pos].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n"


def _after_capitalised_word(st: _RunState, f: int) -> bool:
    """The name follows a capitalised word of the same run that is neither a stop word nor a generic word
    ("Raquel Henry", "Justice Kennedy")."""
    if f == 0 or st.taken[f - 1] or not st.joinable[f - 1]:
        return False
    prev = st.norms[f - 1]
    if f == 1 and prev.endswith("ing") and len(prev) > 5 and _opens_sentence(st.text, st.toks[0][0]):
        return False  # "Capturing Selydove would …": a gerund opening the sentence is no first name
    return st.text[st.toks[f - 1][1]:st.toks[f][0]] == " " and prev not in STOP_WORDS and prev not in _FOLLOW_OK \
        and prev not in _PLACE_PREFIXES


def _before_capitalised_word(st: _RunState, last: int) -> bool:
    """The name is glued to the next capitalised word, which is not a generic word that may follow a place."""
    toks = st.toks
    if last + 1 >= len(toks) or st.taken[last + 1] or not st.joinable[last]:
        return False
    nxt = st.norms[last + 1]
    return st.text[toks[last][1]:toks[last + 1][0]] in (" ", "-") and nxt not in _FOLLOW_OK and nxt not in _GLUE_OK


# ", a region about 500 km …", ", a province in northwestern Syria": the name before is the region's
_REGION_APPOSED = re.compile(r",\s+(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,2}(?:region|province|oblast|governorate)\b"
                             r"(?!\s+(?:of|capital)\b)")


def _extent(st: _RunState, f: int, last: int, code: int, k: str) -> tuple[int, int, str, bool]:
    """(start, end, kind, region phrase?) of a name: "Sumy region" / "Kharkiv Oblast" take their region word and
    ask for an admin-1 region ("X County" a place); a possessive "'s" is left out; a bare region name is a place
    for the resolver to decide; a country code ("US") is a country."""
    toks, text = st.toks, st.text
    start, end = toks[f][0], toks[last][1]
    kind = _CODE_KIND[code]
    region_phrase = False
    if code == 3:
        kind = "country"
    else:
        rm = _REGION_AFTER.match(text, end)
        if rm and not (rm.group(1).lower() in ("state", "county") and code == 2):
            end = rm.end()
            kind = "admin1" if rm.group(1).lower() != "county" else "place"
            region_phrase = kind == "admin1"
        elif code != 2 and _REGION_APPOSED.match(text, end):
            kind, region_phrase = "admin1", True  # "Kursk, a region about 500 km southwest of Moscow"
    # "Sumy's" → span without the possessive
    if not region_phrase and (text.endswith("'s", start, end) or text.endswith("’s", start, end)):
        end -= 2
    if not region_phrase and kind == "admin1" and split_region(k)[1]:
        region_phrase = True
    if not region_phrase and kind == "admin1":
        kind = "place"  # a bare name: the resolver decides; region phrases ask for admin-1
    if toks[f][2] in _CODES:
        kind = "country"
    return start, end, kind, region_phrase


def _role(text: str, start: int, end: int, adjective: bool) -> str:
    """ "actor" for a mention that speaks or acts: a place followed by a reporting verb ("Moscow says") or after
    "according to", an adjective before "forces", "officials"...; else "location"."""
    if adjective:
        return "actor" if _ADJ_ACTOR.match(text, end, min(len(text), end + 40)) else "location"
    if _REPORT_VERB.match(text, end, min(len(text), end + 60)) or _ACCORDING.search(text, max(0, start - 30), start):
        return "actor"
    return "location"


_FORCE_AFTER = re.compile(r"\s+(?:fighters|soldiers|troops|mercenaries|militants|gunmen|militiamen|operatives|"
                          r"commandos|paramilitaries|jihadists|convoy|convoys|forces)\b")
# "the Malian Armed Forces (FAMA)", "Democratic Forces (SDF)": capitals in brackets after a name abbreviate it
_ACRONYM_OF = re.compile(r"[A-Z][\w’'-]*\s+\(\s*[A-Z]{2,}\s*\)$")
_NUMBERED_MAX_POP = 50_000
_NUMBER_AFTER = re.compile(r"\s+\d{1,3}\b(?![.,:]?\d)(?!\s*(?:km|kms|kilomet|mi\b|miles?|m\b|metres?|meters?|nm\b|"
                           r"yards?|%|per|percent|people|times|years?|months?|days?|hours?|minutes?|[A-Z][a-z]))")
_WATER_HEADS = frozenset({"bay", "gulf", "sea", "strait", "straits", "lake"})
_OF_AFTER = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
_PREP_BEFORE = re.compile(r"\b(?:in|from|of|at|near|outside)\s+$", re.IGNORECASE)
_SAID = re.compile(r"\s+(?:said|says|told|added|explained|noted|recalled|wrote|asked|replied)\b")
# nouns in the stoplist still glue a name to the next word ("Green Valley Community Center")
_GLUE_OK = STOP_WORDS - frozenset("""main valley lane mary bell commerce pack united saint council way hall union
church bank mall park school university college hospital hotel airport station center centre street road avenue
highway route bridge house court office department north south east west""".split())
_ACTOR_MIN_POP = 300_000  # a place speaking ("Moscow says") must be a big city; "Smith said" is a person
# AP-style region abbreviations ("Ga." -> US.GA; gazetteer/data/admin1_aliases.tsv), recognised right after a place
# name and a comma
_ABBREVIATIONS = news_abbreviations()
_STATE_AFTER = re.compile(
    r",\s*(" + "|".join(r"\.\s?".join(map(re.escape, k[:-1].split("."))) + r"\."
                         for k in sorted(_ABBREVIATIONS, key=len, reverse=True)) + r")(?![\w])")
# after any capitalised word: "Greer, S.C." even when the town itself is not in the gazetteer
# (the "not after a word character or dot" test comes after the first letter, as a lookbehind over two characters,
# so that the pattern starts with a character set the regex engine can scan for quickly)
_NOT_AFTER_WORD = r"(?<![\w.].)"
_STATE_ANY = re.compile(rf"[{_UPPER}]{_NOT_AFTER_WORD}[\w'’-]*" + _STATE_AFTER.pattern
                        + rf"|((?:[NS]{_NOT_AFTER_WORD}\.\s?[CDHJMY]|R{_NOT_AFTER_WORD}\.I|W{_NOT_AFTER_WORD}\.\s?Va)\.)(?!\w)")
_lock = threading.Lock()
_spotters: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # gazetteer -> its spotter


def _adjectives() -> list[tuple[str, str]]:
    """(adjective, ISO2) pairs from the gazetteer's demonym table (project-written data); plural forms in -s
    are nouns ("Ukrainians"), not adjectives."""
    return [(f, iso) for iso, forms in read_table("demonyms").items() for f in forms if not f.endswith("s")]


def _state_names(gaz) -> dict[str, str]:
    """AP-style abbreviation -> the full name of its region in ``gaz`` ("Ga." -> "Georgia"); none for a gazetteer
    without entity lookup (``get``) or without that region."""
    get = getattr(gaz, "get", None)
    out: dict[str, str] = {}
    if get is None:
        return out
    for abbr, code in _ABBREVIATIONS.items():
        try:
            out[abbr] = get(f"admin1:{code}").name
        except NotFoundError:
            continue
    return out


def get_spotter(gaz=None) -> Spotter:
    """The process-wide spotter for ``gaz`` (default gazetteer when None)."""
    if gaz is None:
        from gazetteer import Gazetteer

        gaz = Gazetteer.default()
    with _lock:
        sp = _spotters.get(gaz)
        if sp is None:
            sp = _spotters[gaz] = Spotter(gaz)
        return sp


def spot(text: str, gaz=None) -> list[Mention]:
    """Toponym mentions in ``text`` (each unpacks as ``(start, end, name)``)."""
    return get_spotter(gaz).spot(text)


def spot_spans(text: str, gaz=None, *, adjectives: bool = True) -> list[tuple[int, int, str]]:
    """Toponym spans ``(start, end, name)`` for end-to-end geoparsing; country adjectives ("Russian") are kept
    unless ``adjectives=False`` (geoparsing corpora such as LGL annotate them as country mentions). ``name`` is
    the name to resolve: the surface text, or the full name of an abbreviation ("Ga." → "Georgia")."""
    return [(m.start, m.end, m.name) for m in spot(text, gaz) if adjectives or not m.adjective]
