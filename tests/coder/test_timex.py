"""Event-date resolution relative to the report date (invented sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coder.timex import DateResolution, resolve_event_date

A = date(2020, 10, 29)  # a Thursday
D = date


@pytest.mark.parametrize("sentence,start,end,precision", [
    # explicit dates
    ("Envoys met on Oct. 20, 2019 in Hanoi.", D(2019, 10, 20), None, "day"),
    ("Envoys met on 3 March 2018.", D(2018, 3, 3), None, "day"),
    ("The accord of 2017-06-05 holds.", D(2017, 6, 5), None, "day"),
    ("Envoys met on October 20.", D(2020, 10, 20), None, "day"),
    ("Envoys met on 20 October.", D(2020, 10, 20), None, "day"),
    ("Envoys met on November 3.", D(2019, 11, 3), None, "day"),
    ("Envoys met on Sept. 3.", D(2020, 9, 3), None, "day"),
    ("Envoys will meet on November 3.", D(2020, 11, 3), None, "day"),
    # weekdays
    ("The ministry said on Thursday that it objected.", A, None, "day"),
    ("The ministry Tuesday said it objected.", D(2020, 10, 27), None, "day"),
    ("Officers met on Wednesday and Thursday.", D(2020, 10, 28), A, "range"),
    ("Officers met from Monday to Wednesday.", D(2020, 10, 26), D(2020, 10, 28), "range"),
    ("Officers will meet next Tuesday.", D(2020, 11, 3), None, "day"),
    ("Officers met last Thursday.", D(2020, 10, 22), None, "day"),
    ("Officers will meet on Friday.", D(2020, 10, 30), None, "day"),
    # relative days
    ("The navy sailed today.", A, None, "day"),
    ("The navy sailed yesterday.", D(2020, 10, 28), None, "day"),
    ("The navy sailed the day before yesterday.", D(2020, 10, 27), None, "day"),
    ("The navy will sail tomorrow.", D(2020, 10, 30), None, "day"),
    ("The envoys spoke two days ago.", D(2020, 10, 27), None, "day"),
    ("The envoys spoke 3 days ago.", D(2020, 10, 26), None, "day"),
    ("The envoys spoke a year ago.", D(2019, 1, 1), D(2019, 12, 31), "year"),
    # weeks, months, years
    ("The envoys spoke last week.", D(2020, 10, 19), D(2020, 10, 25), "range"),
    ("The envoys will speak next week.", D(2020, 11, 2), D(2020, 11, 8), "range"),
    ("The envoys spoke last month.", D(2020, 9, 1), D(2020, 9, 30), "month"),
    ("The envoys will speak next month.", D(2020, 11, 1), D(2020, 11, 30), "month"),
    ("Earlier this month the envoys spoke.", D(2020, 10, 1), A, "range"),
    ("In August, the envoys spoke.", D(2020, 8, 1), D(2020, 8, 31), "month"),
    ("In December, the envoys spoke.", D(2019, 12, 1), D(2019, 12, 31), "month"),
    ("In August 2022 the envoys spoke.", D(2022, 8, 1), D(2022, 8, 31), "month"),
    ("The envoys will meet in mid-November.", D(2020, 11, 11), D(2020, 11, 20), "range"),
    ("The envoys met in late September.", D(2020, 9, 21), D(2020, 9, 30), "range"),
    ("The envoys met in the middle of November 2019.", D(2019, 11, 11), D(2019, 11, 20), "range"),
    ("The envoys met in 2019.", D(2019, 1, 1), D(2019, 12, 31), "year"),
    ("The envoys met last year.", D(2019, 1, 1), D(2019, 12, 31), "year"),
    ("The envoys will meet next year.", D(2021, 1, 1), D(2021, 12, 31), "year"),
    ("In 2019, the envoys met on October 20.", D(2019, 10, 20), None, "day"),
    # end of year: from the report date to 31 December
    ("Before the end of the year, the navies will hold talks.", A, D(2020, 12, 31), "range"),
    ("More talks will be held by the year end.", A, D(2020, 12, 31), "range"),
    ("More talks will be held by year end.", A, D(2020, 12, 31), "range"),
    # nothing: the report date
    ("The navies keep in touch.", A, None, "day"),
    ("He may visit soon.", A, None, "day"),
])
def test_resolution(sentence: str, start: date, end: date | None, precision: str) -> None:
    result = resolve_event_date(sentence, A)
    assert (result.date, result.date_end, result.precision) == (start, end, precision), result.note
    assert result.note


def test_no_date_note() -> None:
    assert resolve_event_date("They talk.", A).note == "no date in the sentence; report date"


def test_future_flag_moves_bare_dates_forward() -> None:
    assert resolve_event_date("Talks on October 20.", A, future=True).date == D(2021, 10, 20)
    assert resolve_event_date("Talks on Monday.", A, future=True).date == D(2020, 11, 2)
    assert resolve_event_date("Talks in August.", A, future=True).date == D(2021, 8, 1)


def test_speech_date_gives_way_to_event_date() -> None:
    result = resolve_event_date("Wu said on Thursday that officers spoke by phone on October 20.", A)
    assert result.date == D(2020, 10, 20) and "Thursday" in result.note


def test_two_days_ago_beside_speech_weekday() -> None:
    result = resolve_event_date("The ministry Thursday said the two spoke two days ago.", A)
    assert result.date == D(2020, 10, 27)


def test_anchor_range_gives_range() -> None:
    result = resolve_event_date("Wu said on Thursday.", D(2020, 10, 22), D(2020, 10, 29))
    assert (result.date, result.date_end, result.precision) == (D(2020, 10, 22), A, "range")
    fixed = resolve_event_date("They spoke on October 20.", D(2020, 10, 22), D(2020, 10, 29))
    assert (fixed.date, fixed.precision) == (D(2020, 10, 20), "day")


def test_no_anchor() -> None:
    assert resolve_event_date("They met on 3 March 2018.", None).date == D(2018, 3, 3)
    unknown = resolve_event_date("They met on Thursday.", None)
    assert (unknown.date, unknown.precision) == (None, "unknown")
    assert resolve_event_date("They met.", None).precision == "unknown"


def test_impossible_date_is_unknown() -> None:
    assert resolve_event_date("They met on February 30, 2019.", A).precision == "unknown"


def test_result_type() -> None:
    assert isinstance(resolve_event_date("x", A), DateResolution)


def test_seed_003_sentences_against_dateline_date() -> None:
    from pathlib import Path

    seeds = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared seeds folder is missing")
    text = next(seeds.glob("003_*.txt")).read_text("utf-8")
    sentences = [s for s in text.split("\n") if s.strip()]
    anchor = D(2021, 9, 30)
    pair = next(s for s in sentences if "Tuesday and Wednesday" in s)
    assert resolve_event_date(pair, anchor).date == D(2021, 9, 28)
    assert resolve_event_date(pair, anchor).date_end == D(2021, 9, 29)
    ago = next(s for s in sentences if "two days ago" in s)
    assert resolve_event_date(ago, anchor).date == D(2021, 9, 28)
