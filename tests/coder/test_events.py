"""Events built from triggers (``coder.events``): parties the sentence implies."""

from __future__ import annotations

import pytest


def test_the_forces_a_show_of_force_moves_are_not_its_target(event_of):
    # the troops were the recipient, given the speaker's country (EU MIL)
    event = event_of("The EU foreign policy chief said Russia had massed more than 100,000 troops on "
                     "Ukraine's borders.", "MOBILIZE")
    assert [a.code for a in event.actor] == ["RUS"]
    assert [a.code for a in event.recipient] == ["UKR"]


def test_forces_deployed_with_no_one_named_deploying_them_are_the_actor(event_of):
    event = event_of("Officials said forces of the United Nations mission have been deployed to protect "
                     "civilians.", "MOBILIZE")
    assert "UNO" in [a.code for a in event.actor] and event.recipient == []


def test_forces_of_no_known_country_make_no_show_of_force(categories_of):
    assert "MOBILIZE" not in categories_of("Officials said several hundred troops were deployed to the villages.")


def test_the_party_after_a_day_with_the_same_preposition_is_the_target(event_of):
    # "on Monday" was the first "on" phrase, and the only one looked at
    event = event_of("The European Union imposed sanctions on Monday on Belarusian officials over the "
                     "diversion of a passenger jet.", "SANCTION")
    assert [(a.code, a.sector) for a in event.recipient] == [("BLR", "GOV")]


@pytest.mark.parametrize(("text", "target"), [
    # the target is named in what is threatened ...
    ("Washington threatened on Thursday to impose fresh sanctions on Moscow if the opposition leader "
     "died in prison.", "RUS"),
    ("Turkey threatened on Monday to downgrade diplomatic ties with Sweden over the burning of a Koran.", "SWE"),
    ("Norway threatened on Sunday to halt gas exports to the EU over the new levy.", "EU"),
    # ... or in the condition it hangs on
    ("US and British officials warned on Friday of severe sanctions if Russian troops crossed into "
     "Ukraine.", "RUS"),
])
def test_a_threats_target_is_found_in_the_act_threatened_or_its_condition(event_of, text, target):
    assert [a.code for a in event_of(text, "THREATEN").recipient] == [target]


@pytest.mark.parametrize(("text", "target"), [
    ("Japan offered on Monday to train Vietnamese coast guard officers.", "VNM"),
    ("The G7 agreed to cut several Iranian banks off from international payments.", "IRN"),
])
def test_whom_an_offer_is_for_is_named_in_the_act_offered(event_of, text, target):
    assert target in [a.code for a in event_of(text, "AGREE").recipient]


def test_a_thing_in_the_act_offered_names_no_one(event_of):
    event = event_of("Manila accepted $2 billion in loans on Monday to redevelop a former military base.", "AGREE")
    assert event.recipient == []


def test_civilians_killed_in_an_attack_are_not_the_attackers_own(coder):
    # they took the attacker's country (RUS CVL) as a body named without one
    from pathlib import Path

    from eventwire.records import Document
    example = Path(__file__).resolve().parents[2] / "examples" / "06_uk_france_summit.txt"
    from datetime import date
    coded = coder.code(Document(id="d", source="d.txt", text=example.read_text(encoding="utf-8"),
                                published=date(2023, 3, 10)))
    assaults = [e for e in coded.events if e.category == "ASSAULT"]
    assert assaults and all("RUS" not in [a.code for a in e.recipient] for e in assaults)


def test_talks_between_the_two_countries_name_no_one_new(event_of):
    consult = event_of("PARIS, March 10 (Reuters) - British Prime Minister Rishi Sunak and French President "
                       "Emmanuel Macron held talks in Paris on Friday at the first UK-France summit in five "
                       "years, with defence cooperation and the war in Ukraine at the top of the agenda.",
                       "CONSULT")
    assert sorted(a.code for a in consult.actor) == ["FRA", "GBR"]
    assert consult.recipient == []
