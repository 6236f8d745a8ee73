"""Unicode cleanup, boilerplate, header and dateline on invented reports."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.errors import InputError
from eventwire.normalize import normalize
from eventwire.normalize.boilerplate import strip_boilerplate
from eventwire.normalize.cleanup import clean_text
from eventwire.normalize.dateline import parse_dateline, split_header
from eventwire.records import RawArticle

TODAY = date(2026, 11, 22)


def _doc(text: str, **kw: object) -> object:
    return normalize(RawArticle(source="test.txt", text=text, **kw), today=TODAY)  # type: ignore[arg-type]


def test_clean_text_drops_invisible_and_odd_spaces_keeps_quotes() -> None:
    raw = "\ufeffThe\u00a0envoy\u200b said \u201cyes\u201d.\r\n\r\n\r\n\x07Next\u2009line\t here."
    assert clean_text(raw) == "The envoy said \u201cyes\u201d.\n\nNext line here."


def test_clean_text_is_nfc() -> None:
    assert clean_text("Mu\u0308nchen") == "M\u00fcnchen"


@pytest.mark.parametrize("line", ["Photo: VCG", "(Photo: Xinhua)", "File photo", "Photos: AFP",
                                  "Related Articles", "Back to top button"])
def test_boilerplate_lines_removed(line: str) -> None:
    text = f"The minister arrived in Hanoi.\n{line}\nShe met her counterpart."
    cleaned, _ = strip_boilerplate(text)
    assert cleaned == "The minister arrived in Hanoi.\nShe met her counterpart."


def test_real_caption_sentence_kept() -> None:
    text = "Photo taken on May 2 shows a destroyer leaving port in Qingdao.\nThe navy said so."
    assert strip_boilerplate(text)[0] == text


@pytest.mark.parametrize("signature", ["abc/xyz", "jq-mrt", "ab/cd/ef"])
def test_desk_signature_and_inline_sign_off(signature: str) -> None:
    text = f"Politics\n\nThe envoy left Lima on Friday. EFE\n\n{signature}\n\nRelated Articles"
    cleaned, agency = strip_boilerplate(text)
    assert cleaned == "The envoy left Lima on Friday."
    assert agency == "EFE"


def test_bare_sign_off_line_records_agency() -> None:
    cleaned, agency = strip_boilerplate("The navy held drills.\nGlobal Times")
    assert cleaned == "The navy held drills." and agency == "Global Times"


def test_word_efe_inside_sentence_kept() -> None:
    text = "Officials told EFE that talks went well."
    assert strip_boilerplate(text) == (text, None)


def test_section_label_only_on_first_line() -> None:
    text = "World\nThe talks on world trade resumed.\nWorld"
    assert strip_boilerplate(text)[0] == "The talks on world trade resumed.\nWorld"


def test_header_line() -> None:
    header, rest = split_header("date 2019-03-04 Envoys meet in Oslo\n\nBody text.")
    assert header and header.published == date(2019, 3, 4)
    assert header.rest == "Envoys meet in Oslo" and rest == "Body text."


@pytest.mark.parametrize("line,place,agency,month,day,year", [
    ("HANOI, Feb. 3 (Xinhua) -- Vietnam said", "Hanoi", "Xinhua", 2, 3, None),
    ("Lima, Oct 9 (EFE).- Peru said", "Lima", "EFE", 10, 9, None),
    ("OSLO, Mar.4 -- Norway said", "Oslo", None, 3, 4, None),
    ("NEW DELHI (AP) — India said", "New Delhi", "AP", None, None, None),
    ("SEOUL, June 7 (Yonhap) - Korea said", "Seoul", "Yonhap", 6, 7, None),
    ("MANILA, Jan 5, 2024 (Kyodo) -- Manila said", "Manila", "Kyodo", 1, 5, 2024),
    ("KYIV, April 1 (Reuters) - Ukraine said", "Kyiv", "Reuters", 4, 1, None),
])
def test_datelines(line: str, place: str, agency: str | None, month: int | None,
                   day: int | None, year: int | None) -> None:
    found = parse_dateline(line)
    assert found is not None
    assert (found.place, found.agency, found.month, found.day, found.year) == \
        (place, agency, month, day, year)


@pytest.mark.parametrize("line", ["Chile, Peru and Bolivia signed a pact.",
                                  "Vietnam, a neighbour since 1979, objected.",
                                  "Hanoi - the capital - was calm."])
def test_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


def test_normalize_full_invented_report() -> None:
    text = ("Diplomacy\n\nNavies to talk\n\nHANOI, Feb. 3, 2021 (Xinhua) -- Vietnam's navy on "
            "Wednesday proposed talks with its neighbours.\n\nThe proposal was welcomed.\n"
            "Photo: VNA\n\nabc/def")
    doc = _doc(text)
    assert doc.text == ("Vietnam's navy on Wednesday proposed talks with its neighbours.\n\n"
                        "The proposal was welcomed.")
    assert doc.title == "Navies to talk" and doc.published == date(2021, 2, 3)
    assert doc.date_source == "dateline" and doc.agency == "Xinhua" and doc.dateline_place == "Hanoi"
    assert doc.language == "en" and doc.near_dup_signature and len(doc.near_dup_signature) == 64


def test_publication_date_order() -> None:
    body = "OSLO, Mar. 4, 2019 (AFP) - Norway hosted talks.\nMore text."
    assert _doc(body, published_override=date(2019, 3, 5)).date_source == "user"
    meta = _doc(body, published="Tue, 05 Mar 2019 10:00:00 GMT")
    assert (meta.published, meta.date_source) == (date(2019, 3, 5), "metadata")
    assert _doc(body, published="not a date").date_source == "dateline"
    head = _doc("date 2019-03-06 Title\n" + body, published="2019-03-05")
    assert (head.published, head.date_source, head.title) == (date(2019, 3, 6), "header", "Title")


def test_raw_title_wins_and_agency_from_outlet_or_url() -> None:
    doc = _doc("date 2019-03-06 Header title\nThe navy held drills.", title="  Raw\ntitle ",
               url="https://www.globaltimes.cn/page/1.shtml")
    assert doc.title == "Raw title" and doc.agency == "Global Times"
    assert _doc("The navy held drills.", outlet="Kyodo News").agency == "Kyodo"


def test_no_date_anywhere_is_unknown() -> None:
    doc = _doc("The navy held drills near the coast.")
    assert doc.published is None and doc.date_source == "unknown"


def test_nothing_left_raises_input_error() -> None:
    with pytest.raises(InputError, match="no article text left"):
        _doc("Photo: VCG\n\nRelated Articles\n\u200b")


def test_identical_text_identical_id_whitespace_and_case_insensitive() -> None:
    a = _doc("The Navy held drills.\n\nThey ended.")
    b = _doc("the navy  held drills.\nTHEY ENDED.")
    assert a.id == b.id and len(a.id) == 16
