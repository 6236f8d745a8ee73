"""The gold files are well-formed and every anchor occurs in its document.

The gold set is the yardstick the coder is measured on, so a typo in a date, a
category or an anchor would silently skew precision and recall. These tests
read the real example texts and the real seed reports (from ../shared).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
import pytest

from eventwire.plover import CATEGORIES

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
GOLD = REPO / "tests" / "gold"
EXAMPLES = REPO / "examples"

EXAMPLE_GOLD = sorted((GOLD / "examples").glob("*.json"))
SEED_GOLD = sorted((GOLD / "seeds").glob("*.json"))

MEDIA = {None, "phone", "video", "in_person", "written"}
PRECISIONS = {"day", "month", "year", "range", "unknown"}
SECTORS = {"", "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "MED", "BUS", "CVL", "IGO", "NGO"}
NON_ISO_CODES = {"NATO", "ASEAN", "UNO", "EU", "ICRC"}
FLAGS = ("negated", "hypothetical", "future", "historical")
EVENT_KEYS = {"event", "mode", "medium", "context", "actor", "recipient", "date", "date_end",
              "date_precision", "eventText", *FLAGS}
OPTIONAL_EVENT_KEYS = {"occurrence", "note", "location", "same_as", "date_true"}
MAX_ANCHOR_WORDS = 4


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _document_text(gold: dict[str, Any]) -> str:
    """The text of the document a gold file annotates."""
    doc = gold["document"]
    if doc.startswith("seeds/"):
        if not SHARED.is_dir():
            pytest.skip("../shared (seed reports) not present")
        return (SHARED / doc).read_text(encoding="utf-8")
    return (REPO / doc).read_text(encoding="utf-8")


def _count(text: str, anchor: str) -> int:
    """Occurrences of an anchor, overlapping ones included."""
    return sum(1 for _ in re.finditer(f"(?={re.escape(anchor)})", text))


def _check_anchor(text: str, anchor: str, occurrence: int | None, where: str) -> None:
    n = _count(text, anchor)
    assert n >= 1, f"{where}: anchor {anchor!r} not in document"
    if n > 1:
        assert occurrence is not None, f"{where}: anchor {anchor!r} occurs {n} times; add 'occurrence'"
    if occurrence is not None:
        assert 1 <= occurrence <= n, f"{where}: occurrence {occurrence} of {anchor!r}, found {n}"


def _check_code(code: str, where: str) -> None:
    assert code in NON_ISO_CODES or pycountry.countries.get(alpha_3=code), f"{where}: unknown code {code!r}"


def _check_actors(actors: list[dict[str, Any]], where: str) -> None:
    assert isinstance(actors, list)
    for actor in actors:
        assert set(actor) <= {"actorText", "code", "sector", "alt_sectors"}, where
        assert actor["actorText"].strip(), where
        _check_code(actor["code"], where)
        assert actor["sector"] in SECTORS, f"{where}: sector {actor['sector']!r}"
        assert set(actor.get("alt_sectors", [])) <= SECTORS, where


def _parse(value: str, precision: str) -> date:
    """The first day an ISO date, month (YYYY-MM) or year (YYYY) can mean."""
    patterns = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
    kind = "day" if precision == "range" else precision
    assert re.fullmatch(patterns[kind], value), f"{value!r} is not a {kind}"
    return date.fromisoformat((value + "-01-01")[:10] if kind == "year" else (value + "-01")[:10]
                              if kind == "month" else value)


def _check_date(event: dict[str, Any], latest: date, where: str) -> None:
    precision = event["date_precision"]
    assert precision in PRECISIONS, where
    if precision == "unknown":
        assert event["date"] is None and event["date_end"] is None, where
        return
    start = _parse(event["date"], precision)
    if precision == "range":
        end = _parse(event["date_end"], "range")
        assert start <= end, f"{where}: range ends before it starts"
    else:
        assert event["date_end"] is None, f"{where}: date_end only for ranges"
        end = start
    if not event["future"]:
        assert start <= latest, f"{where}: past event dated after the report ({start} > {latest})"


def _latest_report_day(gold: dict[str, Any]) -> date:
    if gold.get("published"):
        return date.fromisoformat(gold["published"])
    start, end = (date.fromisoformat(d) for d in gold["published_range"])
    assert start <= end
    return end


@pytest.mark.parametrize("path", EXAMPLE_GOLD + SEED_GOLD, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_file_is_well_formed(path: Path) -> None:
    gold = _load(path)
    text = _document_text(gold)
    assert Path(gold["document"]).stem == path.stem
    latest = _latest_report_day(gold)
    assert gold["events"], f"{path.name}: no events"
    for i, event in enumerate(gold["events"]):
        where = f"{path.name} event {i}"
        assert EVENT_KEYS <= set(event) <= EVENT_KEYS | OPTIONAL_EVENT_KEYS, f"{where}: keys {sorted(event)}"
        assert event["event"] in CATEGORIES, f"{where}: category {event['event']!r}"
        assert isinstance(event["mode"], str) and event["medium"] in MEDIA, where
        assert event["medium"] is None or event["event"] == "CONSULT", f"{where}: medium is for CONSULT"
        assert all(isinstance(c, str) and c for c in event["context"]), where
        assert all(isinstance(event[f], bool) for f in FLAGS), where
        assert not event["negated"], f"{where}: negated statements belong in non_events"
        assert event["actor"], f"{where}: no actor"
        _check_actors(event["actor"], where)
        _check_actors(event["recipient"], where)
        assert 1 <= len(event["eventText"].split()) <= MAX_ANCHOR_WORDS, f"{where}: anchor too long"
        _check_anchor(text, event["eventText"], event.get("occurrence"), where)
        _check_date(event, latest, where)
        if "same_as" in event:
            assert 0 <= event["same_as"] < i, f"{where}: same_as must point to an earlier event"
            first = gold["events"][event["same_as"]]
            assert "same_as" not in first and first["event"] == event["event"], f"{where}: bad same_as"
    for quote in gold["quotes"]:
        assert quote["speaker"].strip() and quote["sector"] in SECTORS, path.name
        _check_anchor(text, quote["anchor"], quote.get("occurrence"), f"{path.name} quote")
    for non_event in gold["non_events"]:
        assert non_event["reason"].strip(), path.name
        _check_anchor(text, non_event["eventText"], non_event.get("occurrence"), f"{path.name} non-event")


def test_no_duplicate_event_keys() -> None:
    """One gold event per (category, actors, recipients, date), restatements aside."""
    for path in EXAMPLE_GOLD + SEED_GOLD:
        seen: set[tuple[Any, ...]] = set()
        for event in _load(path)["events"]:
            if "same_as" in event:
                continue
            key = (event["event"],
                   frozenset((a["code"], a["sector"]) for a in event["actor"]),
                   frozenset((a["code"], a["sector"]) for a in event["recipient"]),
                   event["date"], event["date_end"])
            assert key not in seen, f"{path.name}: duplicate event {key}"
            seen.add(key)


def test_every_example_has_gold_and_the_right_length() -> None:
    texts = sorted(EXAMPLES.glob("[0-9][0-9]_*.txt"))
    assert len(texts) == 18
    assert [p.stem for p in texts] == [p.stem for p in EXAMPLE_GOLD]
    for path in texts:
        words = len(path.read_text(encoding="utf-8").split())
        assert 120 <= words <= 300, f"{path.name}: {words} words"


def test_every_seed_has_gold() -> None:
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds not present")
    assert [p.stem for p in sorted(seeds.glob("*.txt"))] == [p.stem for p in SEED_GOLD]


def _shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_examples_share_no_passage_with_shared_texts() -> None:
    """The example corpus is written, not copied: no 8-word run from ../shared."""
    if not SHARED.is_dir():
        pytest.skip("../shared not present")
    shared: set[tuple[str, ...]] = set()
    for path in (SHARED / "seeds").glob("*.txt"):
        shared |= _shingles(path.read_text(encoding="utf-8"))
    corpus = SHARED / "corpus" / "voa" / "voa_stories.jsonl"
    if corpus.is_file():
        for line in corpus.read_text(encoding="utf-8").splitlines():
            shared |= _shingles(json.loads(line)["text"])
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix in {".txt", ".xml", ".jsonl"}:
            common = _shingles(path.read_text(encoding="utf-8")) & shared
            assert not common, f"{path.name} repeats shared text: {' '.join(next(iter(common)))}"
