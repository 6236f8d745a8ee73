"""The named people and bodies of the shared wire reports get the right codes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from eventwire.actors import ActorDictionary



SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "seeds"

# seed file prefix -> (mention text, code, sector, person name or None)
EXPECTED = {
    "000": [("Zhang Xiaogang", "CHN", "MIL", "Zhang Xiaogang"),
            ("U.S. Defense Secretary Lloyd Austin", "USA", "MIL", "Lloyd Austin"),
            ("U.S. Space Force", "USA", "MIL", None)],
    "001": [("Chinese defense ministry spokesperson Wu Qian", "CHN", "MIL", "Wu Qian"),
            ("Ely Ratner", "USA", "MIL", "Ely Ratner"),
            ("US House speaker Nancy Pelosi", "USA", "LEG", "Nancy Pelosi")],
    "002": [("Defense Ministry spokesperson Wu Qian", "CHN", "MIL", "Wu Qian"),
            ("US Secretary of Defense Mark Esper", "USA", "MIL", "Mark Esper"),
            ("President Donald Trump", "USA", "GOV", "Donald Trump"),
            ("US Department of Defense", "USA", "MIL", None)],
    "003": [("Huang Xueping", "CHN", "MIL", "Huang Xueping"),
            ("US Deputy Assistant Secretary of Defense for China Michael Chase", "USA", "MIL",
             "Michael Chase"),
            ("Pentagon", "USA", "MIL", None)],
    "004": [("Tan Kefei", "CHN", "MIL", "Tan Kefei")],
}


def _seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not present")
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_people(actors: ActorDictionary, prefix: str) -> None:
    text = _seed(prefix).read_text(encoding="utf-8")
    found = {(m.text, m.actor.code, m.actor.sector, m.actor.name if m.kind == "person" else None)
             for m in actors.find_mentions(text)}
    for expected in EXPECTED[prefix]:
        assert expected in found, expected


def test_seed_spokesperson_roles_match_report_dates(actors: ActorDictionary) -> None:
    # each report's own date falls inside the spokesperson's tenure
    from datetime import date
    for prefix, name, day in [("000", "Zhang Xiaogang", date(2024, 12, 26)),
                              ("001", "Wu Qian", date(2023, 9, 28)),
                              ("002", "Wu Qian", date(2020, 10, 22)),
                              ("004", "Tan Kefei", date(2022, 12, 29))]:
        text = _seed(prefix).read_text(encoding="utf-8")
        clues = [c for c in actors.tenure_clues(text) if c.name == name]
        assert clues and any((c.start is None or c.start <= day) and (c.end is None or day <= c.end)
                             for c in clues), (prefix, name)


def test_corpus_throughput(actors: ActorDictionary) -> None:
    corpus = SHARED / "corpus" / "voa" / "voa_stories.jsonl"
    if not corpus.is_file():
        pytest.skip("shared corpus not present")
    text = "\n\n".join(json.loads(line)["text"] for line in corpus.read_text("utf-8").splitlines())
    began = time.perf_counter()
    mentions = actors.find_mentions(text)
    rate = len(text) / (time.perf_counter() - began)
    print(f"VOA corpus: {len(text)} chars, {len(mentions)} mentions, {rate:,.0f} chars/s")
    assert len(mentions) > 1000
