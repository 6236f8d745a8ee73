"""resolve_phrase: noun phrases written for these tests -> actors."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors import ActorDictionary
from eventwire.records import Actor


def codes(actors: list[Actor]) -> list[tuple[str, str | None]]:
    return [(a.code, a.sector) for a in actors]


@pytest.mark.parametrize(("phrase", "expected"), [
    ("China's Ministry of National Defense", [("CHN", "MIL")]),
    ("the Chinese Defense Ministry", [("CHN", "MIL")]),
    ("the U.S. side", [("USA", None)]),
    ("Washington", [("USA", "GOV")]),
    ("Beijing", [("CHN", "GOV")]),
    ("the Kremlin", [("RUS", "GOV")]),
    ("The White House", [("USA", "GOV")]),
    ("the Pentagon", [("USA", "MIL")]),
    ("Downing Street", [("GBR", "GOV")]),
    ("Kyiv", [("UKR", "GOV")]),
    ("Kiev", [("UKR", "GOV")]),
    ("Taipei", [("TWN", "GOV")]),
    ("the United States, Japan and certain other countries", [("USA", None), ("JPN", None)]),
    ("senior US and Chinese military officials", [("USA", "MIL"), ("CHN", "MIL")]),
    ("Chinese and American warships", [("CHN", "MIL"), ("USA", "MIL")]),
    ("Washington and Beijing", [("USA", "GOV"), ("CHN", "GOV")]),
    ("the two militaries", []),
    ("the military", []),
    ("the People's Liberation Army", [("CHN", "MIL")]),
    ("the PLA Navy", [("CHN", "MIL")]),
    ("the Central Military Commission", [("CHN", "MIL")]),
    ("US Space Command", [("USA", "MIL")]),
    ("INDOPACOM", [("USA", "MIL")]),
    ("the US Department of Defense", [("USA", "MIL")]),
    ("the State Department", [("USA", "GOV")]),
    ("Japan's foreign ministry", [("JPN", "GOV")]),
    ("South Korean lawmakers", [("KOR", "LEG")]),
    ("North Korean state media", [("PRK", "MED")]),
    ("the DPRK", [("PRK", None)]),
    ("Philippine coast guard vessels", [("PHL", "MIL")]),
    ("Iranian protesters", [("IRN", "CVL")]),
    ("Emirati officials", [("ARE", "GOV")]),  # officials, unless they say whose, are GOV
    ("Pentagon officials", [("USA", "MIL")]),  # ... the seat of an institution keeps its own
    ("senior US and Chinese officials", [("USA", "GOV"), ("CHN", "GOV")]),
    ("Türkiye", [("TUR", None)]),
    ("Taiwanese troops", [("TWN", "MIL")]),
    ("Hong Kong police", [("HKG", "COP")]),
    ("Palestinian militants", [("PSE", "REB")]),
    ("Kosovo", [("XKX", None)]),
    ("NATO", [("NATO", "IGO")]),
    ("the UN Security Council", [("UNO", "IGO")]),
    ("the European Commission", [("EU", "IGO")]),
    ("ASEAN members", [("ASEAN", "IGO")]),
])
def test_phrases(actors: ActorDictionary, phrase: str, expected: list[tuple[str, str | None]]) -> None:
    assert codes(actors.resolve_phrase(phrase)) == expected


def test_spokesperson_of_a_ministry(actors: ActorDictionary) -> None:
    [actor] = actors.resolve_phrase("a spokesperson for China's Ministry of National Defense")
    assert (actor.code, actor.sector, actor.role, actor.name) == ("CHN", "MIL", "spokesperson", None)
    [actor] = actors.resolve_phrase("a Chinese defense ministry spokesperson")
    assert (actor.code, actor.sector, actor.role) == ("CHN", "MIL", "spokesperson")


def test_known_person_with_title(actors: ActorDictionary) -> None:
    [actor] = actors.resolve_phrase("Chinese defense ministry spokesperson Wu Qian", date(2021, 9, 30))
    assert (actor.code, actor.sector, actor.name) == ("CHN", "MIL", "Wu Qian")
    assert actor.role == "defense ministry spokesperson"
    assert actor.role_start is not None and actor.role_start <= date(2021, 9, 30)


def test_person_role_depends_on_date(actors: ActorDictionary) -> None:
    [as_secdef] = actors.resolve_phrase("U.S. Defense Secretary Lloyd Austin", date(2024, 12, 26))
    assert (as_secdef.code, as_secdef.sector, as_secdef.role) == ("USA", "MIL", "secretary of defense")
    [later] = actors.resolve_phrase("Lloyd Austin", date(2025, 6, 1))
    assert (later.code, later.sector, later.role, later.name) == ("USA", None, None, "Lloyd Austin")
    [latest] = actors.resolve_phrase("Lloyd Austin")
    assert latest.role == "secretary of defense"


def test_person_with_two_roles(actors: ActorDictionary) -> None:
    [fm] = actors.resolve_phrase("Taro Kono", date(2018, 5, 1))
    [dm] = actors.resolve_phrase("Taro Kono", date(2020, 1, 1))
    assert (fm.sector, fm.role) == ("GOV", "foreign minister")
    assert (dm.sector, dm.role) == ("MIL", "defense minister")


def test_then_title_gives_the_past_role(actors: ActorDictionary) -> None:
    [pelosi] = actors.resolve_phrase("the then US House speaker Nancy Pelosi", date(2023, 9, 28))
    assert (pelosi.code, pelosi.sector, pelosi.role) == ("USA", "LEG", "speaker of the house")
    assert pelosi.role_end == date(2023, 1, 3)


def test_name_before_apposition(actors: ActorDictionary) -> None:
    phrase = "Senior Colonel Tan Kefei, a spokesperson for the Chinese Ministry of National Defense"
    [actor] = actors.resolve_phrase(phrase, date(2022, 12, 29))
    assert (actor.code, actor.sector, actor.name) == ("CHN", "MIL", "Tan Kefei")


def test_unknown_person_with_title(actors: ActorDictionary) -> None:
    phrase = "US Deputy Assistant Secretary of Defense for China Hypothetical Person"
    [actor] = actors.resolve_phrase(phrase)
    assert (actor.code, actor.sector, actor.name) == ("USA", "MIL", "Hypothetical Person")
    assert actor.role == "deputy assistant secretary of defense for China"
    [general] = actors.resolve_phrase("Indonesian Defense Minister Budi Santoso")
    assert (general.code, general.sector, general.role, general.name) == (
        "IDN", "MIL", "defense minister", "Budi Santoso")


def test_portfolio_country_is_not_an_actor(actors: ActorDictionary) -> None:
    [actor] = actors.resolve_phrase("the US deputy assistant secretary of defense for China")
    assert actor.code == "USA"


def test_surname_needs_known_persons(actors: ActorDictionary) -> None:
    assert actors.resolve_phrase("Wu") == []
    [wu] = actors.resolve_phrase("Chinese defense ministry spokesperson Wu Qian", date(2021, 1, 1))
    [again] = actors.resolve_phrase("Wu", date(2021, 1, 1), known_persons=[wu])
    assert (again.name, again.code, again.sector, again.text) == ("Wu Qian", "CHN", "MIL", "Wu")


def test_known_persons_outside_the_dictionary(actors: ActorDictionary) -> None:
    someone = Actor("IDN", "MIL", "Budi Santoso", "defense minister")
    [actor] = actors.resolve_phrase("Santoso", known_persons=[someone])
    assert actor.name == "Budi Santoso" and actor.code == "IDN"


def test_case_matters_for_names(actors: ActorDictionary) -> None:
    assert actors.resolve_phrase("us") == []
    assert actors.resolve_phrase("fine china") == []
    assert codes(actors.resolve_phrase("US")) == [("USA", None)]
    assert codes(actors.resolve_phrase("CHINA")) == [("CHN", None)]


def test_sea_names_are_not_countries(actors: ActorDictionary) -> None:
    assert actors.resolve_phrase("the South China Sea") == []
    assert actors.resolve_phrase("the Taiwan Strait") == []


def test_known_organisations_are_not_persons(actors: ActorDictionary) -> None:
    [dod] = actors.resolve_phrase("the US Department of Defense")
    [actor] = actors.resolve_phrase("a Chinese Defense Ministry spokesperson", known_persons=[dod])
    assert (actor.code, actor.sector) == ("CHN", "MIL")
