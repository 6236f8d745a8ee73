"""Channel observations from the repository's invented example reports (real parser, real SQLite)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.analysis import ChannelObservation, channel_summary
from eventwire.analysis.catalogue import load_catalogue
from eventwire.analysis.channels import event_status
from eventwire.analysis.linking import link_event
from eventwire.errors import UsageError
from eventwire.records import Actor, Event, Evidence
from eventwire.store import Store


def observations(store: Store, dyad: str) -> list[ChannelObservation]:
    return [o for s in channel_summary(store, dyad) for o in s.history]


def pick(found: list[ChannelObservation], channel: str, status: str,
         on: date | None = None) -> ChannelObservation:
    matching = [o for o in found if o.channel == channel and o.status == status
                and (on is None or o.date == on)]
    assert matching, f"no {status} on {channel}: " + "; ".join(
        f"{o.channel} {o.status} {o.date}" for o in found)
    return matching[0]


def test_china_us_suspension_refusal_resumption_and_use(examples_store: Store) -> None:
    found = observations(examples_store, "CHN-USA")
    # example 16: one announcement cancels three named mechanisms
    for channel in ("chn-usa-theater-commanders", "chn-usa-dpct", "chn-usa-mmca"):
        assert pick(found, channel, "suspended").date == date(2022, 8, 5)
    refused = pick(found, "chn-usa-defense-ministers", "refused")  # example 15
    assert refused.date == date(2023, 2, 4) and refused.source == "statement"
    resumed = pick(found, "chn-usa-mil-channels", "resumed")  # example 14
    assert (resumed.date, resumed.date_precision) == (date(2023, 11, 1), "month")
    held = pick(found, "chn-usa-mmca", "held")
    assert held.date == date(2024, 4, 3) and held.level == "working"
    call = pick(found, "chn-usa-defense-ministers", "held")  # example 13, linked by the roles
    assert (call.date, call.medium) == (date(2024, 4, 16), "video")


def test_current_status_follows_the_latest_observation(examples_store: Store) -> None:
    summaries = {s.channel.id: s for s in channel_summary(examples_store, "CHN-USA")}
    mmca = summaries["chn-usa-mmca"]
    assert mmca.status == "active" and mmca.last_used == date(2024, 4, 3)
    assert mmca.next_planned is not None and mmca.next_planned.date_end == date(2024, 12, 31)
    assert summaries["chn-usa-theater-commanders"].status == "suspended"
    assert summaries["chn-usa-defense-ministers"].status == "active"


def test_other_pairs_from_the_catalogue(examples_store: Store) -> None:
    japan = observations(examples_store, "JPN-CHN")
    call = pick(japan, "chn-jpn-maritime-aerial", "held", date(2023, 5, 16))
    assert call.medium == "phone" and call.dyad == "CHN-JPN"
    assert pick(japan, "chn-jpn-mil-channels", "active").source == "statement"
    russia = observations(examples_store, "USA-RUS")
    assert pick(russia, "rus-usa-deconfliction", "active").date == date(2022, 10, 21)
    assert pick(russia, "rus-usa-defense-ministers", "held").medium == "phone"
    india = observations(examples_store, "IND-CHN")
    talks = pick(india, "chn-ind-corps-commander", "held")
    assert talks.date.year == 2023 and talks.level == "senior_officer"


def test_since_leaves_out_older_observations(examples_store: Store) -> None:
    recent = [o for s in channel_summary(examples_store, "CHN-USA", since=date(2024, 1, 1))
              for o in s.history]
    assert recent and all((o.date_end or o.date) >= date(2024, 1, 1) for o in recent)


def test_an_unknown_pair_says_how_to_add_it(examples_store: Store) -> None:
    with pytest.raises(UsageError, match="no channels are catalogued for BRA-PRY"):
        channel_summary(examples_store, "PRY-BRA")


def _event(sentence: str, trigger: str, category: str = "CONSULT", *, future: bool = False,
           sector: str | None = "MIL", role: str | None = None) -> Event:
    at = sentence.index(trigger.split()[0])
    return Event(category=category, actor=[Actor("CHN", sector, role=role)],
                 recipient=[Actor("USA", sector)],
                 evidence=Evidence("d", 0, 0, len(sentence), sentence, trigger, at, "test"),
                 future=future, id="e1")


def test_the_alias_inside_the_triggers_phrase_wins() -> None:
    catalogue = load_catalogue()
    sentence = ("The two armies held a meeting on crisis communication, and further talks on "
                "maritime military security will follow next month.")
    first = link_event(_event(sentence, "held meeting"), "CHN-USA", catalogue)
    second = link_event(_event(sentence, "talks"), "CHN-USA", catalogue)
    assert first is not None and first.channel.id == "chn-usa-crisis-communication"
    assert second is not None and second.channel.id == "chn-usa-mmca"


def test_roles_then_fallback_then_nothing() -> None:
    catalogue = load_catalogue()
    by_role = link_event(_event("The two sides spoke on Monday.", "spoke", role="defense minister"),
                         "CHN-USA", catalogue)
    assert by_role is not None and by_role.channel.id == "chn-usa-defense-ministers"
    fallback = link_event(_event("The two sides spoke on Monday.", "spoke"), "CHN-USA", catalogue)
    assert fallback is not None and fallback.channel.id == "chn-usa-senior-officials"
    civilian = _event("The two sides spoke on Monday.", "spoke", sector="GOV")
    assert link_event(civilian, "CHN-USA", catalogue) is None


@pytest.mark.parametrize("sentence, trigger, category, future, status", [
    ("The navies held talks on Monday.", "held talks", "CONSULT", False, "held"),
    ("The navies will hold talks in May.", "hold talks", "CONSULT", True, "planned"),
    ("The sides agreed to resume military talks.", "agreed", "AGREE", False, "resumed"),
    ("The sides agreed to keep up communication.", "agreed", "AGREE", False, "active"),
    ("The sides agreed to hold a seminar in June.", "agreed", "AGREE", False, "planned"),
    ("Beijing suspended the military dialogue.", "suspended", "SANCTION", False, "suspended"),
    ("Beijing declined the request for a call.", "declined", "REJECT", False, "refused"),
    ("Beijing imposed sanctions on two firms.", "imposed sanctions", "SANCTION", False, None),
])
def test_status_of_an_event(sentence: str, trigger: str, category: str, future: bool,
                            status: str | None) -> None:
    assert event_status(_event(sentence, trigger, category, future=future)) == status


def test_statements_in_a_report_with_the_report_day_and_their_own_dates() -> None:
    from eventwire.analysis.stated import sentences_of, statement_observations
    from eventwire.records import Document

    text = ("BEIJING, May 10 (Example Wire) -- The Chinese defense ministry declined a US "
            "request for a phone call between the two defense chiefs, officials said. "
            "The ministry had declined the request for a call of the defense chiefs on Tuesday, a US "
            "military official said. Communication channels between the two militaries remain open, "
            "a Chinese military spokesperson said.")
    doc = Document(id="doc-1", source="mine", text=text, published=date(2024, 5, 10),
                   date_source="dateline", dateline_date=date(2024, 5, 10))
    found = statement_observations(doc, sentences_of([doc])["doc-1"], [], load_catalogue())
    by_status = {o.status: o for o in found}
    assert set(by_status) == {"refused", "active"}
    refused = by_status["refused"]
    assert refused.channel == "chn-usa-defense-ministers" and refused.date == date(2024, 5, 7)
    assert len(refused.evidence) == 2  # the undated telling joins the dated one
    active = by_status["active"]
    assert (active.channel, active.date, active.source) == ("chn-usa-mil-channels",
                                                            date(2024, 5, 10), "statement")
    assert text[active.evidence[0].span_start:].startswith(active.evidence[0].span)
