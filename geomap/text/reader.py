"""Read an article (plain text, Markdown or simple HTML; UTF-8, ≤ 5 MB) into text + title + date.

Character offsets used everywhere else in geomap refer to ``Article.text``: for plain text and Markdown that is the
file's content (newlines normalised to ``\\n``); for HTML it is the visible text with tags removed and entities
decoded.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from geomap.errors import InputError

__all__ = ["Article", "read_article", "article_from_text", "decode_text", "read_bytes", "MAX_BYTES"]

MAX_BYTES = 5 * 1024 * 1024

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_MONTH_NUM = {m.lower(): i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTH_NUM.update({k[:3]: v for k, v in list(_MONTH_NUM.items())})
_MONTH_NUM["sept"] = 9
_DATE_RES = [
    # ISO 2025-03-03 (optionally with a time)
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"), "ymd"),
    # March 3, 2025 / Mar. 3 2025
    (re.compile(rf"\b(?P<mon>{_MONTHS})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
                re.IGNORECASE), "mdy"),
    # 3 March 2025
    (re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<mon>{_MONTHS})\.?,?\s+(?P<y>(?:19|20)\d\d)\b",
                re.IGNORECASE), "dmy"),
]


@dataclass(frozen=True)
class Article:
    """An article: ``text`` (offsets refer to it), ``title`` (first non-empty line), ``date`` (ISO or None),
    ``sha256`` (of the file's bytes; of the UTF-8 text for an article given as a string)."""

    text: str
    title: str
    date: str | None
    source: str
    format: str  # "text", "markdown" or "html"
    sha256: str | None = None


class _TextExtractor(HTMLParser):
    _BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article", "header",
              "footer", "blockquote", "title", "time", "figcaption", "table", "ul", "ol"}
    _SKIP = {"script", "style", "noscript", "template", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False
        self.h1: list[str] = []
        self.h1_done = False
        self.in_h1 = False

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if tag == "title":
            self.in_title = True
            return
        if tag == "h1" and not self.h1_done and not self.skip:
            self.in_h1 = True
        if tag in self._SKIP:
            self.skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")  # table cells of a row read as one line, as in a Markdown table

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag == "h1" and self.in_h1:
            self.in_h1 = False
            self.h1_done = bool("".join(self.h1).strip())
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            # a line break inside an HTML paragraph is a space; only block tags break lines
            data = re.sub(r"\s*\n\s*", " ", data)
            self.parts.append(data)
            if self.in_h1:
                self.h1.append(data)


def _html_to_text(raw: str) -> tuple[str, str | None]:
    p = _TextExtractor()
    p.feed(raw)
    p.close()
    text = "".join(p.parts).translate(_SPACES)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    # the article's headline (first <h1>) is its title; the page <title> often carries a site name
    h1 = re.sub(r"\s+", " ", "".join(p.h1).translate(_SPACES)).strip()
    title = h1 or html.unescape("".join(p.title)).strip() or None
    return text, title[:300] if title else None


# no-break, narrow no-break, thin and figure spaces read as plain spaces (one character for one: offsets hold)
_SPACES = str.maketrans({"\xa0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})


def _looks_html(raw: str, suffix: str) -> bool:
    if suffix in (".html", ".htm", ".xhtml"):
        return True
    head = raw[:2000].lower()
    return bool(re.search(r"<(!doctype html|html|body|p|div|article|h1)\b", head))


def _title_of(text: str, fmt: str) -> str:
    """The first non-empty line (Markdown marks removed) — unless a line of four words or more, not ending in a
    full stop, appears twice among the first 20: a page saved as text prints its headline twice (page head and article), after site furniture
    ("0 members on board", "News Feed")."""
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if fmt == "markdown":
            line = re.sub(r"^#{1,6}\s*", "", line)
            line = re.sub(r"[*_`]+", "", line).strip()
        lines.append(line)
        if len(lines) == 20:
            break
    if not lines:
        return ""
    seen: set[str] = set()
    for line in lines:
        if line in seen and len(line.split()) >= 4 and not line.endswith("."):  # a headline, not a sentence
            return line[:300]
        seen.add(line)
    return lines[0][:300]


def find_date(text: str, max_chars: int = 3000) -> str | None:
    """The first date ("March 3, 2025", "3 March 2025", "2025-03-03") in the head of the text, as ISO, or None."""
    head = text[:max_chars]
    best: tuple[int, str] | None = None
    for rx, kind in _DATE_RES:
        m = rx.search(head)
        if not m:
            continue
        try:
            y, d = int(m.group("y")), int(m.group("d"))
            mon = int(m.group("m")) if kind == "ymd" else _MONTH_NUM[m.group("mon").lower().rstrip(".")]
        except (KeyError, ValueError):
            continue
        if not (1 <= d <= 31):
            continue
        iso = f"{y:04d}-{mon:02d}-{d:02d}"
        if best is None or m.start() < best[0]:
            best = (m.start(), iso)
    return best[1] if best else None


def article_from_text(text: str, *, source: str = "<text>", fmt: str | None = None,
                      sha256: str | None = None) -> Article:
    """Build an :class:`Article` from a string (format sniffed when ``fmt`` is None; ``sha256`` of the bytes it
    was read from, else of the string as UTF-8)."""
    if not isinstance(text, str):
        raise InputError(f"article text must be a string, not {type(text).__name__}")
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if "\x00" in text:
        raise InputError(f"{source}: looks like a binary file (NUL bytes); give a UTF-8 text, Markdown or HTML article")
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES)
    if text.startswith("\ufeff"):
        text = text[1:]
    if fmt is None:
        fmt = "html" if _looks_html(text, "") else ("markdown" if re.search(r"(?m)^#{1,6}\s", text) else "text")
    title: str | None = None
    if fmt == "html":
        text, title = _html_to_text(text)
    if not text.strip():
        raise InputError(f"{source}: the article is empty; give a file with some text")
    return Article(text=text, title=title or _title_of(text, fmt), date=find_date(text), source=source, format=fmt,
                   sha256=sha256)


_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xef\xbb\xbf", "utf-8-sig"),
         (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))


def _nul_encoding(head: bytes) -> str | None:
    """"UTF-16"/"UTF-32" when the NUL bytes of ``head`` fall where a BOM-less UTF-16/32 text of mostly Latin
    letters has them (every second / three of four bytes), else None (a binary file)."""
    n = len(head)
    if n < 4:
        return None
    for width, name in ((4, "UTF-32"), (2, "UTF-16")):
        m = n - n % width
        lanes = [head[i:m:width] for i in range(width)]
        nul = [lane.count(0) / len(lane) for lane in lanes]
        text_lanes = [x for x in nul if x < 0.2]
        if len(text_lanes) == 1 and all(x > 0.8 for x in nul if x >= 0.2):
            return name
    return None


def decode_text(raw: bytes, where: str) -> str:
    """Text of a file's bytes: UTF-8 (BOM optional), or UTF-16/UTF-32 with a BOM. InputError naming ``where``
    for UTF-16/32 without a BOM ("save as UTF-8"), binary data and other encodings."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise InputError(f"{where}: not valid {codec.split('-sig')[0].upper()} (byte {exc.start}); save it "
                                 "as UTF-8") from None
    head = raw[:65536]
    if b"\x00" in head:
        enc = _nul_encoding(head)
        if enc:
            raise InputError(f"{where}: {enc} without BOM; save as UTF-8 (or as {enc} with a BOM)")
        raise InputError(f"{where}: looks like a binary file, not text (UTF-8 text, Markdown, HTML or JSON lines)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not valid UTF-8 (byte {exc.start}); save it as UTF-8") from None


def read_bytes(path: str | os.PathLike, *, what: str = "article", max_bytes: int | None = None) -> bytes:
    """The bytes of an input file; InputError naming it when it is missing, a folder, a broken link, unreadable
    or larger than ``max_bytes``."""
    p = Path(path)
    if p.is_symlink() and not p.exists():
        raise InputError(f"{p} is a broken symbolic link; give an existing {what} file")
    if not p.exists():
        raise InputError(f"no such {what} file: {p}")
    if p.is_dir():
        raise InputError(f"{p} is a directory; give {'an article file (.txt, .md or .html)' if what == 'article' else f'a {what} file'}")
    try:
        size = p.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(f"{p}: {size / 1e6:.1f} MB is too large; {what}s are limited to {max_bytes / 2**20:g} MB")
        with open(p, "rb") as f:
            return f.read()
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror or exc}; check that the file is readable") from None


def read_article(path: str | os.PathLike) -> Article:
    """Read an article file. Missing, unreadable, too large (> 5 MB), binary, empty or not UTF-8/16/32 (UTF-16/32
    need a BOM) files raise InputError naming the file."""
    p = Path(path)
    raw = read_bytes(p, what="article", max_bytes=MAX_BYTES)
    if not raw.strip():
        raise InputError(f"{p}: the article is empty; give a file with some text")
    text = decode_text(raw, str(p))
    # control characters other than whitespace suggest a binary file
    ctrl = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if ctrl > 8 or "\x00" in text:
        raise InputError(f"{p}: looks like a binary file, not a text article (UTF-8 text, Markdown or HTML)")
    if not text.strip():
        raise InputError(f"{p}: the article is empty; give a file with some text")
    suffix = p.suffix.lower()
    fmt = "html" if _looks_html(text, suffix) else ("markdown" if suffix in (".md", ".markdown") else None)
    return article_from_text(text, source=str(p), fmt=fmt, sha256=hashlib.sha256(raw).hexdigest())
