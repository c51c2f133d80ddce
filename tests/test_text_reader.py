"""Article reader and sentence splitter."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.errors import InputError
from geomap.text.reader import article_from_text, find_date, read_article
from geomap.text.sentences import SentenceIndex, split_sentences


def test_plain_text_title_and_date(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("\n\n  Shelling near Sumy  \nMarch 3, 2025\n\nSumy is 30 km from the border.\n", encoding="utf-8")
    a = read_article(p)
    assert a.title == "Shelling near Sumy"
    assert a.date == "2025-03-03"
    assert a.format == "text"
    assert a.text.count("Sumy is 30 km") == 1


def test_markdown_title(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("# **Front** report\n\n2024-11-05\n\nText.\n", encoding="utf-8")
    a = read_article(p)
    assert a.title == "Front report" and a.date == "2024-11-05" and a.format == "markdown"


def test_html_text_and_entities(tmp_path: Path) -> None:
    p = tmp_path / "a.html"
    p.write_text("<html><head><title>Kursk &amp; Sumy</title><script>var x = 'Kyiv';</script></head>"
                 "<body><h1>Kursk &amp; Sumy</h1><p>3 March 2025</p><p>Sumy is <b>30 km</b> from the border.</p>"
                 "</body></html>", encoding="utf-8")
    a = read_article(p)
    assert a.format == "html"
    assert a.title == "Kursk & Sumy"
    assert "Sumy is 30 km from the border." in a.text
    assert "var x" not in a.text and "<b>" not in a.text
    assert a.date == "2025-03-03"


def test_dates() -> None:
    assert find_date("Published Jan. 5, 2024 by staff") == "2024-01-05"
    assert find_date("5 January 2024") == "2024-01-05"
    assert find_date("no date here") is None


@pytest.mark.parametrize("content,needle", [
    (b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02binary\x00", "binary"),
    (b"\xff\xfe\xfa bad bytes", "UTF-8"),
])
def test_bad_files(tmp_path: Path, content: bytes, needle: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=needle):
        read_article(p)


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_article(tmp_path)


def test_too_large(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    with pytest.raises(InputError, match="too large"):
        read_article(p)


def test_text_input_rejects_nul() -> None:
    with pytest.raises(InputError):
        article_from_text("abc\x00def")


def test_sentences_keep_abbreviations_and_decimals() -> None:
    t = "Gen. Smith said the U.S. would help. It is 2.5 km away! Then St. Petersburg replied.\n\n# Next\nMore text"
    got = [t[s:e] for s, e in split_sentences(t)]
    assert got == ["Gen. Smith said the U.S. would help.", "It is 2.5 km away!", "Then St. Petersburg replied.",
                   "# Next", "More text"]
    idx = SentenceIndex(t)
    assert idx.sentence_of(t.index("2.5")) == "It is 2.5 km away!"


def test_html_title_is_the_headline_and_nbsp_is_a_space(tmp_path: Path) -> None:
    p = tmp_path / "a.html"
    p.write_text("<html><head><title>News site | Section</title></head><body><h1>Shelling&nbsp;near <i>Sumy</i></h1>"
                 "<p>Sumy is 30&nbsp;km from the border.</p></body></html>", encoding="utf-8")
    a = read_article(p)
    assert a.title == "Shelling near Sumy"
    assert "Sumy is 30 km from the border." in a.text and "\xa0" not in a.text


def test_plain_text_nbsp_keeps_offsets() -> None:
    raw = "Title\n\nSumy is 30\u00a0km (19\u202fmiles) from the border."
    a = article_from_text(raw)
    assert len(a.text) == len(raw) and "30 km (19 miles)" in a.text


@pytest.mark.parametrize("codec,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                       ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"),
                                       ("utf-8", b"\xef\xbb\xbf")])
def test_utf16_and_utf32_with_a_bom_are_read(tmp_path: Path, codec: str, bom: bytes) -> None:
    text = "Kharkiv report\n\nKupiansk lies about 40 km from Kharkiv, near the Oskil.\n"
    f = tmp_path / "a.txt"
    f.write_bytes(bom + text.encode(codec))
    a = read_article(f)
    assert a.text == text
    assert a.title == "Kharkiv report"


@pytest.mark.parametrize("codec,name", [("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32-le", "UTF-32")])
def test_utf16_without_bom_says_so_not_binary(tmp_path: Path, codec: str, name: str) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("Sumy is about 30 km from the Russian border.\n".encode(codec))
    with pytest.raises(InputError, match=f"{name} without BOM; save as UTF-8") as e:
        read_article(f)
    assert "binary" not in str(e.value)


def test_binary_is_still_binary(tmp_path: Path) -> None:
    f = tmp_path / "a.png"
    f.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputError, match="binary"):
        read_article(f)


def test_a_saved_page_headline_printed_twice_is_the_title(tmp_path) -> None:
    """Site furniture before the headline: the headline is the line a saved page prints twice."""
    p = tmp_path / "page.txt"
    p.write_text("12 readers online\n\nLatest\n\nShelling near Sumy damages a school\n\n2 min read\n"
                 "Shelling near Sumy damages a school\n\nSumy came under fire on Monday.\n", encoding="utf-8")
    assert read_article(p).title == "Shelling near Sumy damages a school"


def test_without_a_repeated_line_the_title_is_the_first_line(tmp_path) -> None:
    p = tmp_path / "plain.txt"
    p.write_text("Front report\n\nSumy came under fire.\nSumy came under fire.\n", encoding="utf-8")
    assert read_article(p).title == "Front report"
