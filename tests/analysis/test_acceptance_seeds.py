"""Issue 6 acceptance: the China-US channels found in the five seed reports.

The seed texts are read from ../shared, never copied: the checks below use
dates, statuses, channel ids and one- or two-word anchors only.
"""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.analysis import ChannelObservation, channel_summary
from eventwire.cli import main
from eventwire.store import Store


@pytest.fixture(scope="module")
def history(seeds_store: Store) -> list[ChannelObservation]:
    return [o for s in channel_summary(seeds_store, "CHN-USA") for o in s.history]


def find(history: list[ChannelObservation], status: str, anchor: str,
         first: date, last: date) -> ChannelObservation:
    """The observation of that status, dated within [first, last], whose evidence has ``anchor``."""
    found = [o for o in history if o.status == status and o.date and first <= o.date <= last
             and any(anchor.lower() in e.sentence.lower() for e in o.evidence)]
    assert found, f"no {status} observation with {anchor!r} between {first} and {last}: " + \
        "; ".join(f"{o.channel} {o.status} {o.date}" for o in history)
    return found[0]


def assert_evidence(obs: ChannelObservation) -> None:
    for e in obs.evidence:
        assert e.doc_id and e.sentence and e.end > e.start
        assert e.span and e.span_start >= e.start


def test_phone_call_of_senior_officers_on_20_october_2020(history):
    obs = find(history, "held", "by phone", date(2020, 10, 20), date(2020, 10, 20))
    assert (obs.date_end, obs.date_precision, obs.medium) == (None, "day", "phone")
    assert obs.channel == "chn-usa-senior-officials" and obs.level == "senior_officer"
    assert_evidence(obs)


def test_crisis_communication_video_meeting_is_a_range_in_autumn_2020(history):
    obs = find(history, "held", "crisis communication", date(2020, 9, 22), date(2020, 12, 20))
    assert obs.channel == "chn-usa-crisis-communication"
    assert obs.date_end is not None and obs.date_end > obs.date  # no day of its own: a range
    assert obs.date_end <= date(2020, 12, 20) and obs.medium == "video"
    assert_evidence(obs)


def test_planned_disaster_relief_seminar_in_mid_november_2020(history):
    obs = find(history, "planned", "mid-November", date(2020, 11, 1), date(2020, 11, 30))
    assert obs.channel == "chn-usa-hadr"
    assert obs.date <= date(2020, 11, 15) <= obs.date_end <= date(2020, 11, 30)
    assert_evidence(obs)


def test_planned_maritime_security_video_conference_by_end_of_2020(history):
    obs = find(history, "planned", "maritime military security", date(2020, 10, 1),
               date(2020, 12, 31))
    assert obs.channel == "chn-usa-mmca"
    assert obs.date_end == date(2020, 12, 31) and obs.medium == "video"
    assert_evidence(obs)


def test_september_2021_video_talks_of_huang_and_chase(history):
    obs = find(history, "held", "Huang", date(2021, 9, 1), date(2021, 9, 30))
    assert obs.medium == "video" and obs.date == date(2021, 9, 28)
    # the Chinese and the Pentagon accounts are one story with several sentences
    assert sum("Chase" in e.sentence for e in obs.evidence) >= 2
    assert_evidence(obs)


def test_august_2023_meeting_in_fiji(history):
    obs = find(history, "held", "Fiji", date(2023, 8, 1), date(2023, 8, 31))
    assert obs.medium == "in_person" and obs.date_precision == "month"
    assert_evidence(obs)


def test_september_2023_statement_that_channels_remain_open(history):
    obs = find(history, "active", "open", date(2023, 9, 28), date(2023, 9, 28))
    assert obs.source == "statement" and obs.channel == "chn-usa-mil-channels"
    assert any("interrupted" in e.sentence for e in obs.evidence)  # a negated interruption
    assert_evidence(obs)


def test_current_status_of_the_channels(seeds_store):
    summaries = {s.channel.id: s for s in channel_summary(seeds_store, "CHN-USA")}
    overall = summaries["chn-usa-mil-channels"]
    assert overall.status == "active" and overall.status_date == date(2024, 12, 26)
    assert summaries["chn-usa-senior-officials"].last_used == date(2023, 8, 31)
    assert summaries["chn-usa-hadr"].status == "planned"
    assert summaries["chn-usa-dpct"].history == []


def test_channels_command_lists_them(seeds_store, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as done:
        main(["channels", "--dyad", "USA-CHN", "--db", seeds_store.url])
    printed = capsys.readouterr().out
    assert done.value.code == 0
    for expected in ("2020-10-20", "2020-11-11..2020-11-20", "2023-08", "2021-09-28",
                     "planned", "held", "active", "Crisis-communication working group"):
        assert expected in printed
