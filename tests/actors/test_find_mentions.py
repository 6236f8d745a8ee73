"""find_mentions and tenure_clues over texts written for these tests."""

from __future__ import annotations

import time
from datetime import date

from eventwire.actors import ActorDictionary, default_dictionary

TEXT = (
    "BEIJING, March 3 -- A spokesperson for China's Ministry of National Defense said on "
    "Thursday that the U.S. side must stop sending warships through the Taiwan Strait. "
    "Wu Qian told reporters that the PLA would respond. Wu added that Washington and Tokyo "
    "should not interfere. The us-based analysts and Russian diplomats in the South China Sea "
    "region disagreed, and NATO declined to comment."
)


def test_mentions_are_ordered_and_disjoint(actors: ActorDictionary) -> None:
    mentions = actors.find_mentions(TEXT, date(2022, 3, 3))
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)
    for left, right in zip(mentions, mentions[1:]):
        assert left.end <= right.start
    for m in mentions:
        assert TEXT[m.start:m.end] == m.text


def test_mentions_resolve(actors: ActorDictionary) -> None:
    found = {(m.text, m.actor.code, m.actor.sector, m.kind)
             for m in actors.find_mentions(TEXT, date(2022, 3, 3))}
    assert ("spokesperson for China's Ministry of National Defense", "CHN", "MIL", "organisation") in found
    assert ("U.S.", "USA", None, "country") in found
    assert ("Wu Qian", "CHN", "MIL", "person") in found
    assert ("Wu", "CHN", "MIL", "person") in found
    assert ("PLA", "CHN", "MIL", "organisation") in found
    assert ("Washington", "USA", "GOV", "capital") in found
    assert ("Tokyo", "JPN", "GOV", "capital") in found
    assert ("Russian diplomats", "RUS", "GOV", "sector") in found
    assert ("NATO", "NATO", "IGO", "igo") in found
    texts = {m.text for m in actors.find_mentions(TEXT)}
    assert "us" not in texts  # lower-case "us" is a pronoun
    assert not any("China Sea" in t or t == "Taiwan" for t in texts)


def test_surname_only_after_full_name(actors: ActorDictionary) -> None:
    assert [m.text for m in actors.find_mentions("Wu said the talks went well.")] == []
    mentions = actors.find_mentions("Wu Qian spoke first. Then Wu left.")
    assert [m.actor.name for m in mentions] == ["Wu Qian", "Wu Qian"]


def test_shared_surname_follows_latest_full_name(actors: ActorDictionary) -> None:
    text = "Wang Yi met the press. Later Wang Wenbin briefed reporters. Wang said no more."
    people = [m.actor.name for m in actors.find_mentions(text) if m.kind == "person"]
    assert people == ["Wang Yi", "Wang Wenbin", "Wang Wenbin"]


def test_tenure_clues(actors: ActorDictionary) -> None:
    text = ("The visit by the then House speaker Nancy Pelosi angered Beijing. "
            "Defense Secretary Lloyd Austin said little.")
    clues = actors.tenure_clues(text)
    pelosi = [c for c in clues if c.name == "Nancy Pelosi"]
    assert {(c.start, c.end) for c in pelosi} == {
        (date(2007, 1, 4), date(2011, 1, 3)), (date(2019, 1, 3), date(2023, 1, 3))}
    assert all(c.past_reference and c.code == "USA" for c in pelosi)
    [austin] = [c for c in clues if c.name == "Lloyd Austin"]
    assert not austin.past_reference and austin.role == "secretary of defense"
    former = actors.tenure_clues("Former defense secretary Mark Esper wrote a book.")
    assert [c.past_reference for c in former] == [True]


def test_default_dictionary_is_cached() -> None:
    assert default_dictionary() is default_dictionary()


def test_throughput(actors: ActorDictionary) -> None:
    text = TEXT * 400  # about 150,000 characters
    actors.find_mentions(text[:1000])
    began = time.perf_counter()
    mentions = actors.find_mentions(text, date(2022, 3, 3))
    seconds = time.perf_counter() - began
    rate = len(text) / seconds
    print(f"find_mentions: {len(text)} chars, {len(mentions)} mentions, {rate:,.0f} chars/s")
    assert len(mentions) > 400 * 10
    assert rate > 200_000  # far above spaCy's ~20,000 chars/s: never the bottleneck
