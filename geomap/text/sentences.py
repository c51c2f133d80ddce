"""Sentence splitting with character offsets (rule-based; abbreviations, decimals and initials stay joined)."""

from __future__ import annotations

import bisect
import re

__all__ = ["split_sentences", "SentenceIndex"]

_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "st", "ste", "mt", "ft", "rep",
    "sen", "gov", "pres", "no", "nos", "vs", "etc", "approx", "est", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "inc", "ltd", "co", "corp",
    "jr", "sr", "a.m", "p.m", "km", "mi", "ave", "blvd", "rd", "adm", "cmdr", "rev", "fig", "c",
}

# candidate boundary: sentence punctuation, optional closing quotes/brackets, whitespace, or a blank line
_BOUNDARY = re.compile(
    r"[.!?…]+[\"'”’)\]]*(?=\s)|\n\s*\n|\n(?=\s*(?:[#*\->]|\d+\.)\s)|(?m:^#{1,6}\s[^\n]*$)"
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` (character offsets into ``text``), whitespace trimmed, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        tok = m.group(0)
        if tok[0] == "#" and m.start() > start:
            # a heading: close the text before it first
            s, e = _trim(text, start, m.start())
            if e > s:
                spans.append((s, e))
            start = m.start()
        if tok[0] == ".":
            wm = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
            word = wm.group(1).lower() if wm else ""
            # abbreviations, initials ("J. Smith"), and km. followed by a lower-case word are not boundaries
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                nxt = re.match(r"\s*(\S)", text[end:end + 5])
                if word not in ("km", "mi", "etc") or (nxt and nxt.group(1).islower()):
                    continue
            nxt = re.match(r"\s*(\S)", text[end:end + 5])
            if nxt and nxt.group(1).islower():
                continue
        s, e = _trim(text, start, end)
        if e > s:
            spans.append((s, e))
        start = end
    s, e = _trim(text, start, n)
    if e > s:
        spans.append((s, e))
    return spans


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


class SentenceIndex:
    """Sentence lookup by character offset."""

    def __init__(self, text: str, spans: list[tuple[int, int]] | None = None) -> None:  # noqa: D107
        self.text = text
        self.spans = spans if spans is not None else split_sentences(text)
        self._starts = [s for s, _ in self.spans]

    def index_of(self, pos: int) -> int:
        """Index of the sentence containing character ``pos`` (the nearest preceding one if between)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return max(i, 0)

    def span_of(self, pos: int) -> tuple[int, int]:  # noqa: D102
        if not self.spans:
            return (0, len(self.text))
        return self.spans[self.index_of(pos)]

    def sentence_of(self, pos: int) -> str:  # noqa: D102
        s, e = self.span_of(pos)
        return self.text[s:e]

    def __len__(self) -> int:  # noqa: D105
        return len(self.spans)
