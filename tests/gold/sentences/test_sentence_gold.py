"""Validate the sentence-level PLOVER gold set: record shape and coverage."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eventwire.plover import CATEGORIES

HERE = Path(__file__).resolve().parent
FILES = ("dev.jsonl", "heldout.jsonl")
IGO_CODES = {"UNO", "NATO", "ASEAN", "EU", "AU", "IAEA", "WHO", "IMF", "WBG", "ICC",
             "ECOWAS", "IGAD", "BRICS", "AMN", "NGO"}
SECTORS = {"", "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "MED", "BUS", "CVL", "REB",
           "OPP", "IGO", "NGO", "REL", "EDU"}
CONTEXTS = {"military", "intelligence", "diplomatic", "territory", "cbrn", "technology",
            "cyber", "misinformation", "human_rights", "economic", "legal", "disasters",
            "health", "terrorism", "taiwan", "south_china_sea", "east_china_sea", "space",
            "aukus", "korean_peninsula", "crisis_communication"}
MODES = {"CONSULT": {"visit", "third-party", "multilateral", "phone"},
         "ACCUSE": {"disapprove", "allege", "investigate"},
         "REQUEST": {"assist", "change", "yield", "meet"},
         "REJECT": {"assist", "change", "yield", "meet"},
         "THREATEN": {"restrict", "relations", "territory", "violence"},
         "SANCTION": {"withdraw", "discontinue"},
         "MOBILIZE": {"troops", "weapons"}}
MEDIA = {"in_person", "phone", "video", "written"}
FLAGS = ("negated", "hypothetical", "future", "historical")
TAGS = set(FLAGS) | {"passive", "reported_speech", "compound", "no_event"}
FIELDS = {"id", "date", "text", "event", "mode", "context", "source", "target", "eventText",
          "event_date", "date_precision", "medium", "tags", *FLAGS}
CODE = re.compile(r"^[A-Z]{3}$")


def load(name: str) -> list[dict[str, Any]]:
    """Read one JSONL gold file."""
    with (HERE / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module", params=FILES)
def records(request: pytest.FixtureRequest) -> list[dict[str, Any]]:
    return load(request.param)


def check_actor(actor: dict[str, Any], text: str) -> None:
    assert set(actor) == {"actorText", "code", "sector"}, actor
    assert actor["actorText"] in text, actor
    assert CODE.match(actor["code"]) or actor["code"] in IGO_CODES, actor
    assert actor["sector"] in SECTORS, actor


def check_record(rec: dict[str, Any]) -> None:
    assert set(rec) == FIELDS, (rec["id"], set(rec) ^ FIELDS)
    date.fromisoformat(rec["date"])
    assert set(rec["tags"]) <= TAGS, rec["id"]
    for flag in FLAGS:
        assert rec[flag] is (flag in rec["tags"]), (rec["id"], flag)
    if rec["event"] is None:
        assert rec["source"] == rec["target"] == rec["context"] == [], rec["id"]
        assert rec["eventText"] == "" and rec["event_date"] is None, rec["id"]
        assert "no_event" in rec["tags"], rec["id"]
        return
    assert rec["event"] in CATEGORIES, rec["id"]
    assert rec["mode"] == "" or rec["mode"] in MODES.get(rec["event"], set()), rec["id"]
    assert set(rec["context"]) <= CONTEXTS, rec["id"]
    assert rec["eventText"] and rec["eventText"] in rec["text"], rec["id"]
    assert rec["source"] or rec["target"], rec["id"]
    for actor in rec["source"] + rec["target"]:
        check_actor(actor, rec["text"])
    if rec["event_date"] is None:
        assert rec["date_precision"] is None, rec["id"]
    else:
        date.fromisoformat(rec["event_date"])
        assert rec["date_precision"] in {"day", "month", "year"}, rec["id"]
    if rec["event"] == "CONSULT":
        assert rec["medium"] in MEDIA, rec["id"]
    compound = len(rec["source"]) > 1 or len(rec["target"]) > 1
    assert compound <= ("compound" in rec["tags"]), rec["id"]


def test_records_are_well_formed(records: list[dict[str, Any]]) -> None:
    for rec in records:
        check_record(rec)


def test_ids_and_texts_are_unique() -> None:
    everything = load(FILES[0]) + load(FILES[1])
    assert len({r["id"] for r in everything}) == len(everything)
    assert len({r["text"] for r in everything}) == len(everything)


def counts(recs: list[dict[str, Any]]) -> tuple[Counter[str | None], Counter[str]]:
    return Counter(r["event"] for r in recs), Counter(t for r in recs for t in r["tags"])


def test_coverage_of_the_whole_set() -> None:
    dev, held = load("dev.jsonl"), load("heldout.jsonl")
    assert len(dev) >= 270 and len(held) >= 60
    events, tags = counts(dev + held)
    for cat in CATEGORIES:
        big = cat in {"CONSULT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE"}
        assert events[cat] >= (25 if big else 14), cat
    assert events[None] >= 40
    minimum = {"negated": 25, "hypothetical": 20, "future": 25, "historical": 15,
               "passive": 25, "reported_speech": 25, "compound": 25}
    for tag, n in minimum.items():
        assert tags[tag] >= n, tag
    actors = {a["code"] for r in dev + held for a in r["source"] + r["target"]}
    assert len(actors) >= 40


def test_heldout_keeps_the_proportions() -> None:
    events, tags = counts(load("heldout.jsonl"))
    assert all(events[cat] >= 2 for cat in CATEGORIES)
    assert events[None] >= 8
    for tag in ("negated", "future", "passive", "reported_speech", "compound"):
        assert tags[tag] >= 5, tag
    for tag in ("hypothetical", "historical"):
        assert tags[tag] >= 3, tag


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def test_weekdays_resolve_to_the_event_date() -> None:
    """A past event "on Thursday" falls on a Thursday within the week before `date`."""
    for rec in load(FILES[0]) + load(FILES[1]):
        named = [d for d in WEEKDAYS if f"on {d}" in rec["text"]]
        if len(named) != 1 or rec["date_precision"] != "day" or rec["future"]:
            continue
        event_day = date.fromisoformat(rec["event_date"])
        lag = (date.fromisoformat(rec["date"]) - event_day).days
        assert WEEKDAYS[event_day.weekday()] == named[0] and 0 <= lag < 7, rec["id"]


def test_no_text_from_the_shared_reports() -> None:
    shared = HERE.parents[2] / ".." / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared is not beside the repository")
    seeds = " ".join(p.read_text(encoding="utf-8") for p in shared.glob("*.txt"))
    for rec in load(FILES[0]) + load(FILES[1]):
        assert rec["text"] not in seeds, rec["id"]
