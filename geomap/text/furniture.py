"""Page furniture: the parts of a news page that are not the article's prose.

Real copy carries URLs (``<https://…/city-of-sumy-a89>``), e-mail addresses, hashtags, @handles, bylines ("By Jane
Doe and John Roe", "Reporting by … in Kyiv; Editing by …"), datelines ("KYIV, Ukraine (AP) —", "DUBAI (Reuters) –",
"SIMFEROPOL, July 22. /TASS/."), "Related"/"Read more" lines, share text, photo captions and credits ("(AP Photo/…)",
"Photo: Reuters", "REUTERS/…"), and the names of news agencies and outlets ("told Xinhua", "the Kyiv Independent
reported", "(Reuters)"). None of it may create, hide or re-rank a place, and a lower-case name in a URL slug must not
veto the place in the prose.

``furniture_spans(text)`` finds these parts as typed :class:`Span` records (character offsets into ``text``);
``mask(text, spans)`` replaces them by spaces (same length: every offset still refers to the article), so the
spotter and the claim reader never read them. A dateline's place words ("KYIV, Ukraine") stay readable, as kind
``dateline``: they are the article's location context (resolution uses them) but not prose, and
``mark_datelines(mentions, spans)`` gives the mentions inside them role ``"dateline"`` so that no claim takes them
as its subject.

Outlets are recognised by position ("told X", "X reported", "according to X", "(X)", "X news agency", a masthead
such as "<Place> Post"/"<Place> Times") and by the project's sourced table ``geomap/data/outlets.tsv``.

>>> text = "KYIV, Ukraine (AP) — Sumy is 30 km from the border, the Kyiv Independent reported."
>>> [(s.kind, text[s.start:s.end]) for s in furniture_spans(text)]
[('dateline', 'KYIV, Ukraine'), ('agency', '(AP) —'), ('outlet', 'Kyiv Independent')]
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Span", "KINDS", "KEEP_VISIBLE", "furniture_spans", "mask", "mark_datelines", "outlet_names"]

KINDS = ("url", "email", "hashtag", "handle", "byline", "dateline", "agency", "related", "share", "caption",
         "credit", "outlet")
KEEP_VISIBLE = frozenset({"dateline"})  # kinds that ``mask`` leaves readable (location context, not prose)


@dataclass(frozen=True, order=True)
class Span:
    """A piece of page furniture: ``text[start:end]`` (character offsets) of one of :data:`KINDS`."""

    start: int
    end: int
    kind: str


# ================================================================================================ the outlet table
@dataclass(frozen=True)
class _Outlets:
    always: frozenset[str]  # names that are an outlet wherever they are written
    source_only: frozenset[str]  # names that are an outlet only in source position
    upper: frozenset[str]  # every name of more than three letters, in capitals ("NNN-XINHUA", "THE KYIV POST")
    by_first: dict[str, tuple[str, ...]]  # first letters or digits → the "always" names (and capitals), longest first


@lru_cache(maxsize=1)
def _outlets() -> _Outlets:
    path = Path(__file__).resolve().parent.parent / "data" / "outlets.tsv"
    always: set[str] = set()
    source: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _kind, _cc, match = line.split("\t")[:4]
        (always if match.strip() == "name" else source).add(name.strip())
    by_first: dict[str, list[str]] = {}
    forms = {f for n in always for f in (n, n.upper())}
    forms |= {"a" + n[1:] for n in always if re.match(r"A[ln][ \-]", n)}  # "al-Manar", "an-Nahar"
    for f in sorted(forms, key=len, reverse=True):
        by_first.setdefault(re.match(r"[^\W_]+", f).group(0), []).append(f)
    upper = frozenset(n.upper() for n in always | source if len(n) > 3)
    return _Outlets(frozenset(always), frozenset(source), upper, {k: tuple(v) for k, v in by_first.items()})


def outlet_names() -> frozenset[str]:
    """Every outlet name of the table (``geomap/data/outlets.tsv``), both match modes."""
    o = _outlets()
    return o.always | o.source_only


def _is_listed(name: str) -> bool:
    o = _outlets()
    return name in o.always or name in o.source_only or (len(name) > 3 and name.upper() in o.upper)


def _is_agency_tag(tag: str) -> bool:
    """``AP``, ``Reuters``, ``NNN-XINHUA``, ``AFP/Getty``: every part a listed outlet."""
    parts = [p for p in re.split(r"\s*[-/]\s*", tag.strip()) if p]
    return bool(parts) and all(_is_listed(p) for p in parts)


# ================================================================================================ finders
_LINE_LEAD = re.compile(r"[ \t>*_#•·\-–]*")
_CAP = r"[A-Z][\w'’.\-]*"
_URL = re.compile(
    r"<(?:https?|ftp)://[^\s>]+>|\b(?:https?|ftp)://[^\s<>\"'\])]+|\bwww\.[^\s<>\"'\])]+"
    r"|\b(?:pic\.)?twitter\.com/[^\s<>\"')\]]+|\bt\.me/[^\s<>\"')\]]+")
# a bare domain ("kyivindependent.com/news/…"): found from its top-level domain, then widened to the left
_TLD = re.compile(r"\.(?:com|org|net|info|news|ua|ru|uk|il|ps|lb|sy|ir|tr|in|pk|cn|by|kz|ge|am|az|kg|tj|mm|th|so|sd"
                  r"|ng|cd|et|ye|iq|af|tv|io|me)(?![\w.])(?:/[^\s<>\"')\]]*)?")
_DOMAIN_LEFT = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*$")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HASHTAG = re.compile(r"(?<![\w&#/])#[^\W\d_][\w]*")
_HANDLE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_]{2,30}\b")


def _regex_finder(rx: re.Pattern[str], kind: str, needles: str | tuple[str, ...] = ()) -> Callable[
        [str], Iterator[Span]]:
    """A finder of ``rx`` matches as spans of ``kind``; it reads nothing when no needle occurs in the text."""
    needles = (needles,) if isinstance(needles, str) else needles

    def find(text: str) -> Iterator[Span]:
        if needles and not any(n in text for n in needles):
            return
        for m in rx.finditer(text):
            yield _trimmed(text, m.start(), m.end(), kind)
    find.__doc__ = f"Spans of kind {kind!r}."
    return find


def _trimmed(text: str, start: int, end: int, kind: str) -> Span:
    """A span without the sentence punctuation after a URL (which is not part of it)."""
    if text[start] != "<":
        while end > start and text[end - 1] in ".,;:!?":
            end -= 1
    return Span(start, end, kind)


def _domains(text: str) -> Iterator[Span]:
    """Bare domains and their paths ("kyivindependent.com/news/…", "Ukrinform.net")."""
    for m in _TLD.finditer(text):
        left = _DOMAIN_LEFT.search(text, max(0, m.start() - 80), m.start())
        if left is None or (left.start() > 0 and (text[left.start() - 1].isalnum() or text[left.start() - 1] == "@")):
            continue  # "e.g.", an e-mail address (found as one), a word glued to it
        yield _trimmed(text, left.start(), m.end(), "url")


def _lines(text: str) -> Iterator[tuple[int, int, int]]:
    """(line start, content start after bullets/Markdown markers, line end without trailing space) per line."""
    pos = 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        c = _LINE_LEAD.match(text, s, e).end()
        while e > c and text[e - 1] in " \t\r*_":
            e -= 1
        if e > c:
            yield s, c, e


# ---------------------------------------------------------------------------------------------- bylines
_NAME = rf"{_CAP}(?:\s+{_CAP}){{0,3}}"
_BYLINE = re.compile(
    rf"(?:By|BY|by):?\s+(?:the\s+)?{_NAME}(?:\s*(?:,|and|&|\||/)\s*{_NAME})*"
    rf"(?:\s*,?\s*(?:in|from)\s+{_NAME})?[\s,|]*$")
_CREDIT_LINE = re.compile(
    r"(?:(?:Additional|additional)\s+)?(?:Reporting|Writing|Editing|Compiled|Written|Story|Words|Photos?|Graphics|"
    rf"Production|Research|Translated|Translation)(?:\s+and\s+\w+)?\s+by\s+{_CAP}")
_REPORTING_PAREN = re.compile(r"\((?:Additional\s+)?(?:Reporting|Writing|Editing)\s+by\b[^()]{0,400}\)",
                              re.IGNORECASE)
_NAME_CREDIT = re.compile(rf"{_NAME}\s*(?P<paren>\((?P<via>according\s+to|via|from|source:?)?\s*(?:the\s+)?"
                          r"(?P<tag>[^()]{1,40})\))")
_META_WORD = re.compile(r"\b(?:Updated|Created|Published|Last\s+updated|Posted)\b", re.IGNORECASE)


def _bylines(text: str) -> Iterator[Span]:
    """"By Jane Doe | Associated Press", "Reporting by …; Editing by …", "Reuters | Mogadishu | Updated: …"."""
    for _s, c, e in _lines(text):
        if e - c <= 200 and _BYLINE.match(text, c, e):
            yield Span(c, e, "byline")
        elif e - c <= 250 and _CREDIT_LINE.match(text, c, e) and not _DISTANCE_SOON.search(text, c, e):
            yield Span(c, e, "byline")
        elif e - c <= 120 and (m := _NAME_CREDIT.fullmatch(text, c, e)) and _is_agency_tag(m.group("tag")):
            if m.group("via"):
                yield Span(c, e, "byline")  # "Jane Doe (according to Reuters)"
            else:  # "Washington (CNN)" on its own line is a dateline; "Jane Doe (AFP)" is read the same way
                yield Span(c, c + len(text[c:m.start("paren")].rstrip()), "dateline")
                yield Span(m.start("paren"), e, "agency")
        elif "|" in text[c:e] and e - c <= 200 and _META_WORD.search(text, c, e):
            yield from _meta_line(text, c, e)
    for m in _REPORTING_PAREN.finditer(text):
        yield Span(m.start(), m.end(), "byline")


def _meta_line(text: str, c: int, e: int) -> Iterator[Span]:
    """A "|"-separated metadata line: an outlet, a filing city, dates. The city is kept as the dateline."""
    yield Span(c, e, "byline")
    pos = c
    for part in text[c:e].split("|"):
        p0 = pos + len(part) - len(part.lstrip())
        p1 = pos + len(part.rstrip())
        pos += len(part) + 1
        seg = text[p0:p1]
        if re.fullmatch(rf"{_NAME}(?:,\s*{_NAME})?", seg) and not _is_listed(seg) and not _META_WORD.search(seg):
            yield Span(p0, p1, "dateline")


# ---------------------------------------------------------------------------------------------- datelines
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
_UPWORD = r"[A-Z][A-Z'’.\-]+"
_UPPLACE = rf"{_UPWORD}(?:\s+{_UPWORD}){{0,3}}"
_TITLE_PLACE = r"[A-Z][a-zà-ÿ'’\-]+(?:[ \-][A-Z][a-zà-ÿ'’\-]+){0,2}"
_AGENCY = r"\((?P<tag>[^()\n]{1,40})\)|/(?P<tag2>[A-Za-z\-]{2,12})/\.?"
_DASH = r"(?:—|–|--|-|:)"
_DL_UPPER = re.compile(
    rf"(?P<place>{_UPPLACE}(?:\s*/\s*{_UPPLACE}|,\s*{_UPPLACE})*(?:,\s*{_TITLE_PLACE})?)"
    rf"(?:,\s*{_DATE})?\.?\s*(?P<agency>(?:{_AGENCY})?\s*{_DASH}?)\s*(?=[\"“‘']?[A-Z])")
_DL_TITLE = re.compile(
    rf"(?P<place>{_TITLE_PLACE}(?:\s*/\s*{_TITLE_PLACE})*(?:,\s*{_TITLE_PLACE})?)(?:,\s*{_DATE})?\.?\s*"
    rf"(?P<agency>(?:{_AGENCY})\s*{_DASH}?)\s*(?=[\"“‘']?[A-Z])")
_DL_COLON = re.compile(rf"(?P<place>{_TITLE_PLACE}):\s+(?!(?:I|We|You|He|She|They|It|This|That|There|Our|My)\b)(?=[A-Z])")
_LABELS = frozenset("""breaking update updated exclusive watch live photos photo video opinion analysis editor note
editors source sources caption image read related more credit file listen explainer factbox timeline comment
comments share advertisement theme warning disclaimer correction clarification published posted report
reports quote""".split())
_DISTANCE_SOON = re.compile(r"\d[\d.,]*\s*(?:-|–)?\s*(?:km|kilomet|mile|metre|meter|nautical)", re.IGNORECASE)


def _dateline_at(text: str, c: int, e: int) -> re.Match[str] | None:
    """The dateline match opening the line at ``c``, or None (a list line "LYMAN – 12 km …" is not one)."""
    for rx in (_DL_UPPER, _DL_TITLE, _DL_COLON):
        m = rx.match(text, c, e)
        if m is None:
            continue
        place = m.group("place")
        words = re.findall(r"[^\W\d_]+", place.lower())
        if not words or words[0] in _LABELS or not any(len(w) >= 3 for w in words):
            continue
        agency = m.groupdict().get("agency") or ""
        tag = m.groupdict().get("tag") or m.groupdict().get("tag2")
        if rx is _DL_UPPER and not agency.strip():
            continue  # capitals alone ("NATO SUMMIT") are a headline; a dateline has a dash, colon or agency
        if tag and not _is_agency_tag(tag) and rx is _DL_TITLE:
            continue  # "Kupiansk (Kharkiv region) –": a place and its region, not a dateline
        if not tag and _DISTANCE_SOON.search(text, m.end(), min(e, m.end() + 25)):
            continue  # "Lyman – 12 km from the front" is a list line whose subject is Lyman
        return m
    return None


def _datelines(text: str) -> Iterator[Span]:
    """The filing place ("KYIV, Ukraine", kept readable) and its agency and dash ("(AP) —", masked)."""
    for _s, c, e in _lines(text):
        m = _dateline_at(text, c, e)
        if m is None:
            continue
        yield Span(m.start("place"), m.end("place"), "dateline")
        if "agency" not in m.re.groupindex:
            continue
        a0, a1 = m.start("agency"), m.end("agency")
        while a0 < a1 and text[a0].isspace():
            a0 += 1
        while a1 > a0 and text[a1 - 1].isspace():
            a1 -= 1
        if a1 > a0:
            yield Span(a0, a1, "agency")


# ---------------------------------------------------------------------------------------------- lines
_RELATED = re.compile(
    r"(?:Related(?:\s+(?:articles?|stories|story|content|coverage|news|reading|topics?))?\s*[:»›|]|RELATED\b|"
    r"Read\s+(?:more|also|next|the\s+full\s+story)\b|READ\s+(?:MORE|ALSO)\b|Also\s+read\b|ALSO\s+READ\b|See\s+also\b|"
    r"More\s*:|MORE\s*:|More\s+(?:news|from|stories|on\s+this)\b|Recommended\b|Most\s+(?:read|popular|viewed)\b|"
    r"Latest\s+(?:news|articles|stories)\b|Top\s+stories\b|Trending\b|You\s+may\s+(?:also\s+)?like\b|"
    r"Continue\s+reading\b|Click\s+here\b|Sign\s+up\b|Subscribe\b|Follow\s+(?:us|@)|Join\s+(?:us|our)\b|"
    r"Download\s+(?:the|our)\b|Advertisement\b|ADVERTISEMENT\b|Copyright\b|©|All\s+rights\s+reserved\b|"
    r"Our\s+Standards\b|Support\s+(?:independent|us)\b|Become\s+a\s+member\b|Skip\s+to\s+(?:content|main)\b|"
    r"Accessibility\s+links\b|Comments?\s*\(\d+\)|Comments?\s*$|Sources?\s*:+\s*(?:\S+://\S+|[^\n,;]{0,40})$|"
    r"Sources?\s*$|Editor\s*:|"
    r"Listen\s+to\s+this\s+article\b|This\s+audio\s+is\b|Click\s+to\b|To\s+[Rr]ead\s+[Tt]he\s+[Ff]ull\b|"
    r"(?:Are\s+you\s+)?[Aa]lready\s+a\s+subscriber\b|Log\s+in\b|Free\s+Sign\s+Up\b|Get\s+[Tt]he\s+.{1,60}\s+by\s+email\b)")
# a bare "Read more" / "Related" label: the linked headline (and its picture caption) follow on the next lines
_BARE_LABEL = re.compile(r"(?:Read\s+(?:more|also|next)|READ\s+(?:MORE|ALSO)|Related(?:\s+articles?|\s+stories)?|"
                         r"RELATED|See\s+also|Also\s+read|More\s+(?:news|stories))\s*[:»›…]?")
_READ_MORE_TAIL = re.compile(r"\b(?:Read\s+more|Read\s+More|READ\s+MORE|Continue\s+reading)\s*(?:[:»›…]|\.\.\.|$)")
_SHARE = re.compile(
    r"(?:(?:share(?:\s+this(?:\s+(?:article|story|page|post))?)?(?:\s+(?:on|via)\s+\w+)?|tweet|e-?mail|facebook|"
    r"twitter|x|linkedin|whatsapp|telegram|reddit|print|copy(?:\s+link)?|save|pinterest|messenger|viber|"
    r"flipboard|bluesky|threads)[\s,|·•/:]*)+", re.IGNORECASE)


def _related(text: str) -> Iterator[Span]:
    """"Related: …", "Read more »", "Sign up for …", "Copyright …", "Source: VOA" lines and their tails."""
    follow = 0  # headline lines still to mask after a bare label
    for _s, c, e in _lines(text):
        if follow and e - c <= 150 and text[e - 1] not in ".!?\"”’'":
            yield Span(c, e, "related")
            follow -= 1
            continue
        follow = 0
        if e - c <= 300 and _RELATED.match(text, c, e):
            yield Span(c, e, "related")
            follow = 2 if _BARE_LABEL.fullmatch(text, c, e) else 0
            continue
        if e - c <= 120 and _SHARE.fullmatch(text, c, e):
            yield Span(c, e, "share")
            continue
        m = _READ_MORE_TAIL.search(text, c, e)
        if m and e - m.start() <= 200:
            yield Span(m.start(), e, "related")


# ---------------------------------------------------------------------------------------------- captions
_CAPTION_LEAD = re.compile(
    r"(?:Photo(?:graph)?|Image(?:\s+caption)?|Picture|Pictured|Caption|FILE\s+PHOTO|FILE|Video|Illustration|"
    r"Satellite\s+image)\s*(?::|\s[-–—]\s)|FILE\s+PHOTO\.\s")
_STRONG_CREDIT = re.compile(
    r"\((?:[A-Z]{2,}\s+)?Photo(?:graph)?(?:\s*(?:/|:|by)\s*[^()\n]{1,80})?\)"
    r"|\(Photo(?:graph)?(?:\s*(?:/|:|by)\s*[^()\n]{1,80})\)|\([Pp]hoto\s+credit:?\s*[^()\n]{1,80}\)"
    r"|(?:-\s*)?(?:[A-Z]{2,}\s+)?(?:Photo(?:graph)?|PHOTO|Image|Picture|Credit|Photo\s+credit|Image\s+credit)"
    r"\s?:\s?[A-Z][^\n.()]{0,60}$"
    r"|REUTERS/\s?[A-Z][\w .’'\-]*(?:/\s?File\s+Photo)?"
    r"|\b(?:\w+(?: \w+){0,3}/)?(?:AFP|AP|EPA|Anadolu)?\s*(?:via\s+)?Getty\s+Images\b"
    r"|\bAP\s+Photo/[^)\n]+|\bEPA-EFE(?:/[^)\n]+)?|©\s*[^\n©]{1,80}$", re.MULTILINE)
_WEAK_CREDIT = re.compile(r"(?<=[.!?”\"])\s*\((?P<who>[A-Z][\w'’.\-]+(?:[ /][A-Z][\w'’.\-]+){0,3})\)\s*$")
_CREDIT_HINTS = ("Photo", "PHOTO", "photo", "Image", "Picture", "Credit", "REUTERS/", "Getty", "EPA-EFE", "©")
_PERSON = re.compile(r"[A-Z][\w'’.\-]+ [A-Z][\w'’.\-]+(?: [A-Z][\w'’.\-]+)?(?:\s?/\s?[\w .\-]{2,30})?")
_HAS_DATE = re.compile(rf"\b{_DATE}\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _captions(text: str) -> Iterator[Span]:
    """Photo captions (the whole line, when it is one) and their credits."""
    for _s, c, e in _lines(text):
        line_is_caption = e - c <= 400 and bool(_CAPTION_LEAD.match(text, c, e))
        line = text[c:e]
        hinted = any(h in line for h in _CREDIT_HINTS)
        if not hinted and not line_is_caption and line[-1] != ")":
            continue
        credits = [Span(m.start(), m.end(), "credit")
                   for m in (_STRONG_CREDIT.finditer(text, c, e) if hinted else ())]
        # a paragraph ending in a photo credit is a caption, however long
        ends_credit = bool(credits) and not text[credits[-1].end:e].strip(" .") and e - c <= 1000
        weak = _WEAK_CREDIT.search(text, max(c, e - 80), e) if line[-1] == ")" else None
        if weak and (_is_agency_tag(weak.group("who")) or _PERSON.fullmatch(weak.group("who"))):
            # "… on April 6, 2022. (Jane Doe)" / "… 2023. (AP)": a caption when the line is short and dated
            credits.append(Span(weak.start() + weak.group(0).index("("), weak.end(), "credit"))
            ends_credit = ends_credit or (e - c <= 400 and bool(_HAS_DATE.search(text, c, e)))
        if line_is_caption or ends_credit:
            yield Span(c, e, "caption")
        yield from credits


# ---------------------------------------------------------------------------------------------- outlets
_STRONG_MAST = (r"Post|Times|Herald|Tribune|Journal|Gazette|Chronicle|Independent|Observer|Telegraph|Inquirer|"
                r"Courier|Pravda|Gazeta")
_WEAK_MAST = (r"News|Today|Now|Daily|Online|Monitor|Insider|Review|Press|Star|Sun|Standard|Express|Mail|Voice|"
              r"Eye|24|TV|Radio|Television|Channel|Info|Live|Report|Reporter|Digest|Weekly|Magazine|Mirror|Globe|"
              r"Dispatch|Agency|Examiner")
_MAST_PREFIX = r"(?:[A-Z][\w\-]*[ \-]){1,3}"  # no dots ("Pokrovsk. Times have…"), no possessives ("Thursday’s Post")
# words before "Post" that make it a post, not a newspaper ("VFW Post 1234", "Border Post", "Command Post")
_NOT_MAST_BEFORE = frozenset("vfw legion command observation border trading police army guard military frontier "
                             "checkpoint fire outpost forward".split())
_LEAD_WORDS = frozenset("the a an in on at by after before from with for to of as and but or when while if since "
                        "until despite unlike like".split())
_STRONG_MASTHEAD = re.compile(rf"(?<![\w'’.\-]){_MAST_PREFIX}(?:{_STRONG_MAST})\b(?!['’]s\b)|\bTimes\s+of\s+{_CAP}")
_WEAK_MASTHEAD = re.compile(rf"{_MAST_PREFIX}(?:{_WEAK_MAST})")
_RUNS = rf"{_CAP}(?:[ \-]{_CAP}){{0,4}}"
_SRC_BEFORE = re.compile(
    r"\b(?:told|according\s+to|cited\s+by|quoted\s+by|quoting|citing|in\s+an\s+interview\s+with|interviewed\s+by|"
    r"speaking\s+to|spoke\s+to|reported\s+by|published\s+by|in\s+comments\s+to|wrote\s+in|writing\s+in|"
    r"(?:news\s+agency|newspaper|broadcaster|news\s+(?:site|website|outlet|portal)|Telegram\s+channel|tabloid))"
    r"\s+(?:the\s+)?(?:(?:state|state-run|state-owned|pro-Kremlin|independent|official|local|online|private)\s+)?"
    rf"(?P<n>{_RUNS})")
_SRC_VERB = re.compile(
    r"(?:['’]s\s+(?:correspondent|reporter|journalist))?\s+(?:reported|reports|quoted|cited|wrote|writes|published|"
    r"news\s+agency|newspaper|broadcaster|news\s+(?:site|website|outlet|portal)|Telegram\s+channel|tabloid|"
    r"correspondent|reporter|journalist)\b")
_RUN_BEFORE = re.compile(rf"(?<![\w'’.\-])(?P<n>{_RUNS})$")  # the capitalised run that ends where a verb begins
_MAST_WORD = re.compile(rf"\b(?:{_STRONG_MAST})\b")
_AGENCY_PAREN = re.compile(r"\((?P<tag>[A-Za-z][\w .\-/]{0,30})\)")


def _outlet_listed(text: str) -> Iterator[Span]:
    """Names of the outlet table written anywhere ("Xinhua", "Kyiv Independent", "TASS"): each word of the text
    is looked up by its first letters, then the names starting with them are tried, longest first."""
    by_first = _outlets().by_first
    for m in _WORD_START.finditer(text):
        for form in by_first.get(m.group(0), ()):
            end = m.start() + len(form)
            if text.startswith(form, m.start()) and not (end < len(text) and (text[end].isalnum() or text[end] == "_")):
                yield Span(m.start(), end, "outlet")
                break


_WORD_START = re.compile(r"(?<![\w@#])[^\W_]+")


def _outlet_masthead(text: str) -> Iterator[Span]:
    """"<Name> Post/Times/Herald/…" mastheads ("the Odesa Journal"), the name words included (found from the
    masthead word, then the up to three capitalised words before it). Not one inside a longer name ("Callisburg
    Independent School District", "Times Square") nor a post ("VFW Post")."""
    for w in _MAST_WORD.finditer(text):
        if re.match(r" [A-Z]", text[w.end():w.end() + 2]) and not text.startswith(" of ", w.end()):
            continue
        ws = max(0, w.start() - 70)
        for m in _STRONG_MASTHEAD.finditer(text, ws, min(len(text), w.end() + 3)):
            if m.end() != w.end() and not m.group(0).startswith("Times"):
                continue
            words = m.group(0).split()
            lead = 0
            while lead < len(words) - 1 and words[lead].lower() in _LEAD_WORDS:
                lead += 1
            if len(words) - lead < 2 and not m.group(0).startswith("Times"):
                continue
            if len(words) >= 2 and words[-1] == "Post" and words[-2].lower() in _NOT_MAST_BEFORE:
                continue
            s = m.start() + len(" ".join(words[:lead])) + (1 if lead else 0)
            yield Span(s, m.end(), "outlet")


def _outlet_position(text: str) -> Iterator[Span]:
    """Outlets by their position: "told X", "X reported", "according to X", "(X)", "X news agency"."""
    for m in _SRC_BEFORE.finditer(text):
        for s, e in _outlet_in(text, m.start("n"), m.end("n"), after=False):
            yield Span(s, e, "outlet")
    for v in _SRC_VERB.finditer(text):
        m = _RUN_BEFORE.search(text, max(0, v.start() - 80), v.start())
        if m is not None:
            for s, e in _outlet_in(text, m.start("n"), m.end("n"), after=True):
                yield Span(s, e, "outlet")
    if "(" in text:
        for m in _AGENCY_PAREN.finditer(text):
            if _is_agency_tag(m.group("tag")):
                yield Span(m.start(), m.end(), "agency")


def _outlet_in(text: str, s: int, e: int, *, after: bool) -> list[tuple[int, int]]:
    """The outlet inside the capitalised run ``text[s:e]`` found in source position (none when it holds none).

    Before a verb ("Iran's Tasnim reported") the outlet is a tail of the run after any possessive; after a cue
    ("told Fars") a head of the run. An outlet is a listed name or a name ending in a masthead word ("Cyprus
    Mail")."""
    words = [(s + m.start(), s + m.end()) for m in re.finditer(r"\S+", text[s:e])]
    if not words:
        return []
    if after:
        cut = max((i + 1 for i, (a, b) in enumerate(words) if re.search(r"['’]s$", text[a:b])), default=0)
        cands = [(words[i][0], words[-1][1]) for i in range(cut, len(words))]
    else:
        cands = [(words[0][0], words[j - 1][1]) for j in range(len(words), 0, -1)]
    for a, b in cands:
        name = text[a:b].rstrip(",.")
        if _is_listed(name) or _WEAK_MASTHEAD.fullmatch(name) or _STRONG_MASTHEAD.fullmatch(name):
            return [(a, a + len(name))]
    return []


def _outlet_nouns(text: str) -> Iterator[Span]:
    """A one-word name before "news agency" that is not a country adjective ("Iran's Tasnim news agency"), and the
    name after "news agency"/"newspaper" ("the news agency Armenpress"). (A place before "newspaper" stays: "a
    Kharkiv newspaper" is a reference to Kharkiv.)"""
    if "news agency" not in text and "newspaper" not in text:
        return
    adjectives = _adjectives()
    rx = re.compile(rf"(?P<n>{_CAP})\s+news\s+agency\b|\b(?:news\s+agency|newspaper),?\s+(?P<m>{_CAP}(?: {_CAP}){{0,2}})")
    for m in rx.finditer(text):
        g = "n" if m.group("n") else "m"
        w = m.group(g)
        base = re.sub(r"['’]s$", "", w)
        if base != w or base.lower() in adjectives or base.lower() in _LABELS or base in ("The", "State", "A"):
            continue
        yield Span(m.start(g), m.end(g), "outlet")


@lru_cache(maxsize=1)
def _adjectives() -> frozenset[str]:
    from geomap.text.spotter import _adjectives as demonyms

    return frozenset(a.lower() for a, _ in demonyms())


_FINDERS: tuple[Callable[[str], Iterable[Span]], ...] = (
    _regex_finder(_URL, "url", ("://", "www.", "twitter.com", "t.me/")), _domains, _regex_finder(_EMAIL, "email", "@"),
    _regex_finder(_HASHTAG, "hashtag", "#"), _regex_finder(_HANDLE, "handle", "@"), _bylines, _datelines, _related, _captions, _outlet_listed,
    _outlet_masthead, _outlet_position, _outlet_nouns,
)


# ================================================================================================ public functions
def furniture_spans(text: str) -> list[Span]:
    """The page furniture of ``text`` (sorted; a span inside a larger masked span is left out; datelines kept).

    The last few texts' spans are cached: the reading text and the mention roles of one article ask for them."""
    return list(_spans(text))


@lru_cache(maxsize=8)
def _spans(text: str) -> tuple[Span, ...]:
    found = sorted({s for finder in _FINDERS for s in finder(text) if s.end > s.start})
    dateline = [s for s in found if s.kind in KEEP_VISIBLE]
    masked = [s for s in found if s.kind not in KEEP_VISIBLE]
    out: list[Span] = []
    reach = -1
    for s in sorted(masked, key=lambda s: (s.start, -s.end)):
        if s.end <= reach:
            continue
        out.append(s)
        reach = max(reach, s.end)
    # a dateline covered by a masked byline/caption line is not read at all
    out.extend(d for d in dateline if not any(m.start <= d.start and d.end <= m.end and m.kind != "byline"
                                              for m in out))
    return tuple(sorted(out))


def mask(text: str, spans: Iterable[Span], keep: frozenset[str] = KEEP_VISIBLE) -> str:
    """``text`` with every span (but those of a kind in ``keep``, which stay readable even inside another span)
    replaced by spaces; newlines stay, so the length and every offset are unchanged."""
    chars = list(text)
    spans = list(spans)
    for s in spans:
        if s.kind not in keep:
            chars[s.start:s.end] = ["\n" if c == "\n" else " " for c in text[s.start:s.end]]
    for s in spans:
        if s.kind in keep:  # a dateline inside a masked metadata line ("Reuters | Mogadishu | Updated …")
            chars[s.start:s.end] = text[s.start:s.end]
    return "".join(chars)


def mark_datelines(mentions: list, spans: Iterable[Span]) -> list:
    """``mentions`` (spotter records with ``start``/``end``/``role``), those inside a dateline with role
    ``"dateline"``: location context for resolution, never a claim's subject or speaker."""
    dl = [(s.start, s.end) for s in spans if s.kind == "dateline"]
    if not dl:
        return mentions
    return [dataclasses.replace(m, role="dateline") if any(a <= m.start and m.end <= b for a, b in dl) else m
            for m in mentions]
