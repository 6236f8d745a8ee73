"""Year inference, one invented report per clue."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import DataError
from eventwire.normalize import normalize
from eventwire.normalize.eras import find_eras, load_eras
from eventwire.normalize.infer import infer_publication
from eventwire.records import RawArticle

TODAY = date(2026, 11, 22)


def _infer(text: str, month: int | None = None, day: int | None = None):  # type: ignore[no-untyped-def]
    return infer_publication(text, month, day, today=TODAY)


def test_no_clue_takes_latest_year_of_dateline() -> None:
    result = _infer("The navy held drills near the coast.", 3, 14)
    assert result.published == date(2026, 3, 14)
    assert result.earliest == date(2000, 3, 14) and result.latest == date(2026, 3, 14)


def test_dateline_not_after_today() -> None:
    assert _infer("Talks went on.", 12, 1).published == date(2025, 12, 1)


def test_past_year_is_a_floor_and_deadline_year_is_not() -> None:
    text = "Ties have been cool since May 2019. The fleet is to be modern by 2035."
    result = _infer(text, 3, 14)
    assert result.earliest == date(2020, 3, 14)
    assert "2019" in result.note


def test_current_year_hint() -> None:
    text = "Both sides agreed to hold a 2016 maritime forum. Ties date back to 1975."
    assert _infer(text, 6, 2).published == date(2016, 6, 2)


def test_weekday_of_the_dateline_picks_the_year() -> None:
    text = "The ministry on Tuesday said talks would resume. Envoys met two days ago."
    result = _infer(text + " Ties have been tense since 2018.", 5, 14)
    # 14 May was a Tuesday in 2019 and 2024 (and no other year 2018-2026)
    assert result.earliest == date(2019, 5, 14) and result.published == date(2024, 5, 14)


def test_weekday_pair_is_not_the_report_day() -> None:
    text = "Officers met on Monday and Tuesday, the ministry said on Friday."
    assert "Friday" in _infer(text, 5, 17).note


def test_era_during_and_past_reference() -> None:
    during = _infer("The Obama administration announced the sale.", 4, 8)
    assert (during.earliest, during.latest) == (date(2009, 4, 8), date(2016, 4, 8))
    past = _infer("The deal dates from the former Obama administration.", 4, 8)
    assert past.earliest == date(2009, 4, 8) and past.latest == date(2026, 4, 8)


def test_era_after_covid_and_aukus() -> None:
    assert _infer("Trade fell during the COVID-19 pandemic.", 2, 1).earliest == date(2020, 2, 1)
    assert _infer("Beijing criticised AUKUS again.", 9, 10).earliest == date(2022, 9, 10)


def test_conflicting_clue_is_set_aside() -> None:
    text = "The Obama administration said so. Officials cited the COVID-19 pandemic."
    result = _infer(text, 4, 8)
    assert result.published is not None and "conflicting" in result.note


def test_past_month_day_same_year_or_wrapped() -> None:
    text = "In 2015 and since, ties held. Envoys spoke by phone on October 20."
    undated = _infer(text + " A 2017 review began.")
    assert undated.published == date(2017, 12, 31)  # the latest of a 73-day range
    assert undated.earliest == date(2017, 10, 20) and undated.latest == date(2017, 12, 31)
    january = _infer("Envoys spoke by phone on December 28. A 2017 review began.", 1, 3)
    assert january.published == date(2017, 1, 3) and "within" in january.note


def test_undated_report_narrowed_to_weeks() -> None:
    text = ("The ministry said on Friday that envoys spoke on March 2 and will meet in "
            "mid-March. The Biden administration welcomed a 2023 dialogue.")
    result = _infer(text)
    assert result.earliest == date(2023, 3, 3) and result.latest == date(2023, 3, 17)
    assert result.published == date(2023, 3, 17)
    doc = normalize(RawArticle(source="t", text=text), today=TODAY)
    assert doc.date_source == "inferred" and doc.published_earliest == date(2023, 3, 3)
    assert doc.dateline_date is None


def test_uncertain_dateline_year_leaves_no_single_dateline_day() -> None:
    doc = normalize(RawArticle(source="t", text="OSLO, Mar. 4 (AFP) - Talks resumed."), today=TODAY)
    assert doc.date_source == "inferred" and doc.dateline_date is None
    assert doc.published_earliest == date(2000, 3, 4) and doc.published_latest == date(2026, 3, 4)


def test_packaged_eras_load_and_match() -> None:
    eras = load_eras()
    assert {"Obama administration", "AUKUS", "COVID-19 pandemic"} <= {e.name for e in eras}
    names = {c.era.name for c in find_eras(
        "since Biden came to power, and a trilateral pact between Australia, the UK and the US")}
    assert names == {"Biden administration", "AUKUS"}


def test_bad_eras_file_raises_data_error(tmp_path: Path) -> None:
    bad = tmp_path / "eras.yaml"
    bad.write_text("- name: X\n  patterns: ['(']\n  periods: [[2001-01-01, null]]\n")
    with pytest.raises(DataError, match="bad pattern"):
        load_eras(bad)
    bad.write_text("- name: X\n  patterns: ['x']\n  periods: [[soon, null]]\n")
    with pytest.raises(DataError, match="expected a date"):
        load_eras(bad)
