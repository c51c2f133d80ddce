"""Page furniture (geomap.text.furniture) and non-English input (geomap.text.language).

The sentences are written by the project, modelled on the classes of furniture seen in real copy. Outlet tests use
outlets that are NOT in geomap/data/outlets.tsv (checked below), so they test recognition by position and masthead,
not the list: Bangkok Post, Taipei Times, Cyprus Mail, Kabul Times, Odesa Journal, Tolo News, Phnom Penh Post,
Kazinform. (A one-word outlet that is no place, "told Armenpress", is not recognised by position: "told Kyiv" has
the same shape; it cannot become a place either.)
"""

from __future__ import annotations

import pytest

from geomap.text.furniture import KEEP_VISIBLE, Span, furniture_spans, mark_datelines, mask, outlet_names
from geomap.text.language import guess

HELD_OUT = ("Bangkok Post", "Taipei Times", "Cyprus Mail", "Kabul Times", "Odesa Journal", "Tolo News",
            "Phnom Penh Post", "Kazinform", "Armenpress")


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start:s.end]) for s in furniture_spans(text)]


def masked_words(text: str) -> str:
    return " ".join(mask(text, furniture_spans(text)).split())


def test_held_out_outlets_are_not_in_the_table() -> None:
    names = {n.lower() for n in outlet_names()}
    assert not {o.lower() for o in HELD_OUT} & names
    assert {"xinhua", "tass", "kyiv independent", "jerusalem post", "moscow times"} <= names


# ---------------------------------------------------------------------------------------------- non-text
@pytest.mark.parametrize("text, kind, piece", [
    ("Sumy was hit again <https://example.org/world/city-of-sumy-a89> overnight.", "url",
     "<https://example.org/world/city-of-sumy-a89>"),
    ("See https://example.com/news/kharkiv-shelled.html. Officials said", "url",
     "https://example.com/news/kharkiv-shelled.html"),
    ("Write to tips@kherson-news.example.org for more.", "email", "tips@kherson-news.example.org"),
    ("Residents posted #Mariupol and #StandWithUkraine all night.", "hashtag", "#Mariupol"),
    ("The clip was shared by @odesa_live on Monday.", "handle", "@odesa_live"),
])
def test_non_text_is_found_with_exact_offsets(text: str, kind: str, piece: str) -> None:
    assert (kind, piece) in kinds(text)


def test_mask_keeps_length_offsets_and_newlines() -> None:
    text = "KHERSON, Ukraine (AP) — Shelling hit Kherson.\nRead more: Odesa port struck\nFollow @kherson_now"
    spans = furniture_spans(text)
    out = mask(text, spans)
    assert len(out) == len(text) and out.count("\n") == text.count("\n")
    assert out.startswith("KHERSON, Ukraine")  # the dateline's place stays readable
    assert "Odesa" not in out and "@kherson_now" not in out and "(AP)" not in out
    assert out[text.index("Shelling"):].startswith("Shelling hit Kherson.")
    assert all(isinstance(s, Span) and s.kind for s in spans)
    assert mask(text, spans, keep=frozenset()).startswith(" " * len("KHERSON, Ukraine"))
    assert "dateline" in KEEP_VISIBLE


# ---------------------------------------------------------------------------------------------- datelines
@pytest.mark.parametrize("line, place, agency", [
    ("KHERSON, Ukraine (AP) — Russian drones hit the city overnight.", "KHERSON, Ukraine", "(AP) —"),
    ("BAGHDAD (Reuters) - Iraqi forces said on Monday that", "BAGHDAD", "(Reuters) -"),
    ("ADEN/RIYADH (Reuters) – A ship reported an explosion", "ADEN/RIYADH", "(Reuters) –"),
    ("DONETSK, May 4 (Reuters) - Shelling killed two people", "DONETSK", "(Reuters) -"),
    ("ROSTOV-ON-DON, June 24. /TASS/. The regional governor said", "ROSTOV-ON-DON", "/TASS/."),
    ("KHARTOUM — Fighting resumed in the capital on Sunday.", "KHARTOUM", "—"),
    ("Goma (AFP) - Rebels entered the city on Tuesday.", "Goma", "(AFP) -"),
])
def test_datelines(line: str, place: str, agency: str) -> None:
    got = kinds(line)
    assert ("dateline", place) in got
    assert ("agency", agency) in got


@pytest.mark.parametrize("line", [
    "LYMAN – 12 km from the front line, the town is almost empty.",
    "Kupiansk: less than 10 km from the front, the city is shelled daily.",
    "Kupiansk (Kharkiv region) – the town was shelled again on Monday.",
    "PUTIN ORDERS NEW OFFENSIVE",
])
def test_list_and_headline_lines_are_not_datelines(line: str) -> None:
    assert not [k for k, _ in kinds(line) if k in ("dateline", "agency")]


def test_a_speaker_line_is_not_a_dateline() -> None:
    line = "Abbas: We will not accept a buffer zone along the border of Gaza, he told reporters in Ramallah."
    assert not [k for k, _ in kinds(line) if k == "dateline"]
    assert ("dateline", "Ramallah") in kinds("Ramallah: Israeli troops entered the city before dawn on Monday.")


def test_mark_datelines_sets_the_role_of_mentions_inside() -> None:
    from dataclasses import dataclass

    @dataclass
    class M:
        start: int
        end: int
        role: str = "location"

    text = "KHERSON, Ukraine (AP) — Shelling hit Mykolaiv."
    spans = furniture_spans(text)
    ms = [M(0, 7), M(9, 16), M(text.index("Mykolaiv"), text.index("Mykolaiv") + 8)]
    assert [m.role for m in mark_datelines(ms, spans)] == ["dateline", "dateline", "location"]
    assert [m.role for m in ms] == ["location"] * 3  # a new list; the spotter's records are not changed


# ---------------------------------------------------------------------------------------------- lines
@pytest.mark.parametrize("text, kind", [
    ("By Jane Doe and Omar Haddad | Associated Press", "byline"),
    ("BY OLGA PETRENKO, in Zaporizhzhia", "byline"),
    ("Reporting by Olga Petrenko in Kharkiv; Editing by Mark Stone", "byline"),
    ("Related: Drone strikes hit Odesa port overnight", "related"),
    ("READ MORE: Why Pokrovsk matters", "related"),
    ("Sign up for our Kyiv briefing", "related"),
    ("Copyright 2025 Example Media. All rights reserved.", "related"),
    ("Share this article", "share"),
    ("Facebook Twitter WhatsApp Email", "share"),
    ("Photo: A burnt-out tank near Izium.", "caption"),
    ("FILE - Soldiers walk past a school in Kramatorsk, March 3, 2024.", "caption"),
    ("A damaged bridge in Sloviansk on March 2, 2025. (Jane Doe)", "caption"),
    ("Smoke rises over Khan Younis. REUTERS/Jane Doe", "caption"),
    ("Rescuers at a house in Dnipro. (AP Photo/John Roe)", "caption"),
])
def test_furniture_lines(text: str, kind: str) -> None:
    got = kinds(text)
    assert any(k == kind and t.strip() == text.strip() for k, t in got), got


@pytest.mark.parametrize("text", [
    "By the end of the week, Russian troops were 10 km from Kupiansk.",
    "By Tuesday, Ukrainian forces had advanced 5 km into the district.",
    "Reporting by the regional press found that the village is 3 km from the border.",
    "Sources in Kherson said the ferry crossing is 2 km downstream.",
])
def test_prose_is_not_furniture(text: str) -> None:
    assert masked_words(text) == " ".join(text.split())


def test_the_headline_after_a_bare_read_more_label_is_related() -> None:
    text = ("Drones hit the depot overnight, officials said.\n\nRead more\n\nFILE PHOTO. Odesa, Ukraine. © Example "
            "Images / Jane Doe\nKyiv warns of strikes on Kharkiv\n\nLocal residents said they heard explosions.")
    got = masked_words(text)
    assert got == "Drones hit the depot overnight, officials said. Local residents said they heard explosions."


def test_credits_in_brackets_and_lower_case_outlet_prefixes() -> None:
    assert masked_words("A patrol near Metula, May 2013 (photo credit: Jane Doe/Example90)") == ""
    assert masked_words("Smoke rises near Kiryat Shmona on Thursday. (Jane Doe/Example90)") == ""
    assert "Manar" not in masked_words("According to al-Manar, a drone hit a car near the border.")


def test_read_more_tail_and_a_caption_credit_inside_prose() -> None:
    text = "Fighting raged near the bridge for hours. Read more…"
    assert masked_words(text) == "Fighting raged near the bridge for hours."


# ---------------------------------------------------------------------------------------------- outlets
@pytest.mark.parametrize("text, outlet", [
    ("Thai troops pulled back, the Bangkok Post reported on Friday.", "Bangkok Post"),
    ("An official told the Cyprus Mail that the patrol had turned back.", "Cyprus Mail"),
    ("According to the Taipei Times, the drills ended on Sunday.", "Taipei Times"),
    ("The Kabul Times said the road was reopened.", "Kabul Times"),
    ("A volunteer told the Odesa Journal that the ferry had stopped.", "Odesa Journal"),
    ("Two soldiers were injured, Tolo News reported.", "Tolo News"),
    ("Ferry traffic resumed, the Phnom Penh Post reported.", "Phnom Penh Post"),
    ("Kazakhstan's Kazinform news agency said the talks ended.", "Kazinform"),
])
def test_outlets_by_position_and_masthead(text: str, outlet: str) -> None:
    assert ("outlet", outlet) in kinds(text)
    assert outlet.split()[0] not in masked_words(text)


@pytest.mark.parametrize("text, outlet", [
    ("Local sources told Xinhua that tanks had entered the town.", "Xinhua"),
    ("The Kyiv Independent reported that the bridge was hit.", "Kyiv Independent"),
    ("An official said, according to Interfax, that drones were downed.", "Interfax"),
    ("Iran's Fars news agency said the base was hit.", "Fars"),
])
def test_listed_outlets(text: str, outlet: str) -> None:
    assert any(k in ("outlet", "agency") and outlet in t for k, t in kinds(text))
    assert outlet not in masked_words(text)


@pytest.mark.parametrize("text", [
    "Fars province lies south of Isfahan.",  # a source-only name outside source position is a place
    "Kyiv said the strikes hit a power plant.",  # a capital speaking is an actor, not an outlet
    "Officials told Kharkiv residents to leave.",
    "a Kharkiv newspaper reported that the school was hit",
    "Russian troops took Pokrovsk. Times have changed since then.",
    "Veterans met at the Gainesville VFW Post on Friday.",
    "The Kherson Independent Electoral Commission met on Friday.",
    "Crowds gathered in Times Square and near the Odesa Herald Square fountain.",
    "The Tarrant County Medical Examiner identified the victim.",
])
def test_places_in_source_like_positions_stay(text: str) -> None:
    assert masked_words(text) == " ".join(text.split())


# ---------------------------------------------------------------------------------------------- language
@pytest.mark.parametrize("text, code, name", [
    ("Російські війська обстріляли прикордонні села Сумської області, повідомила військова адміністрація.",
     "uk", "Ukrainian"),
    ("Российские военные сообщили, что беспилотники были сбиты над Курской областью этой ночью.", "ru",
     "Russian"),
    ("قال مسؤولون إن القصف استهدف قرى حدودية في جنوب لبنان صباح اليوم", "ar", "Arabic"),
    ("Les forces russes ont avancé de dix kilomètres dans la région, selon le ministère.", "fr", "French"),
    ("Las tropas avanzaron diez kilómetros en la región, según el ministerio de defensa.", "es", "Spanish"),
    ("Die Truppen sind nach Angaben des Ministeriums zehn Kilometer in die Region vorgedrungen.", "de",
     "German"),
    ("Troops advanced ten kilometres into the region, the ministry said on Monday.", "en", "English"),
])
def test_language_guess(text: str, code: str, name: str) -> None:
    g = guess(text)
    assert (g.code, g.name) == (code, name)
    assert g.english == (code == "en")
    assert 0 < g.share <= 1


def test_language_of_little_text_is_unknown_and_read_as_english() -> None:
    assert guess("Kyiv").code == "und" and guess("").english
    assert guess("Russian forces shelled the centre of Kharkiv (Харків) on Monday.").code == "en"  # a few Cyrillic names do not decide


def test_a_name_with_an_agency_credit_is_a_byline() -> None:
    assert ("byline", "Tran Minh (according to Reuters)") in kinds("Tran Minh (according to Reuters)")


def test_a_city_with_an_agency_on_its_own_line_is_a_dateline() -> None:
    text = "Mogadishu (CNN)\nShabaab fighters attacked a base on Tuesday."
    assert kinds(text)[:2] == [("dateline", "Mogadishu"), ("agency", "(CNN)")]
    assert mask(text, furniture_spans(text)).startswith("Mogadishu      \n")


def test_a_place_with_a_region_in_brackets_is_not_a_byline() -> None:
    assert masked_words("Kupiansk (Kharkiv region)") == "Kupiansk (Kharkiv region)"
