"""CSV, JSON Lines and PLOVER JSON exports of events."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.errors import UsageError
from eventwire.export import COLUMNS, FORMATS, write_events
from eventwire.records import CodedDocument, Document, Event
from eventwire.store import open_store


def test_csv_has_one_flat_row_per_event(events: list[Event]) -> None:
    out = io.StringIO()
    assert write_events(events, "csv", out) == 3
    out.seek(0)
    reader = csv.DictReader(out)
    assert tuple(reader.fieldnames or ()) == COLUMNS
    first, second, third = list(reader)
    assert first["id"] == "ev-1" and first["date"] == "2023-05-05"
    assert first["context"] == "military;crisis_communication"
    assert first["actor_codes"] == "CHN;USA"
    assert first["actor_sectors"] == "MIL;MIL"
    assert first["actor_names"] == "Admiral Example;his US counterpart"
    assert first["recipient_codes"] == "" and first["mode"] == "phone"
    assert first["sentence"] == events[0].evidence.sentence  # commas and quotes survive
    assert second["actor_sectors"] == "" and second["recipient_codes"] == "RUS"
    assert second["sentence"] == events[1].evidence.sentence
    assert (second["date_end"], second["date_precision"]) == ("2023-06-30", "month")
    assert third["negated"] == "True" and third["date"] == ""
    assert (third["doc_id"], third["sentence_index"], third["trigger"]) == ("doc-b", "4",
                                                                            "cut")


def test_jsonl_is_to_dict_per_line(events: list[Event]) -> None:
    out = io.StringIO()
    assert write_events(events, "jsonl", out) == 3
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [e.to_dict() for e in events]


def test_plover_is_a_json_array_with_plover_names(events: list[Event]) -> None:
    out = io.StringIO()
    assert write_events(events, "plover", out) == 3
    data = json.loads(out.getvalue())
    assert data == [e.to_plover() for e in events]
    assert {"id", "date", "event", "mode", "context", "actor", "recipient",
            "text"} <= set(data[0])
    assert data[0]["actor"][0]["actorText"] == "Chinese commander"


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_events_is_still_valid_output(fmt: str) -> None:
    out = io.StringIO()
    assert write_events(iter([]), fmt, out) == 0
    if fmt == "plover":
        assert json.loads(out.getvalue()) == []
    elif fmt == "csv":
        assert out.getvalue().strip() == ",".join(COLUMNS)
    else:
        assert out.getvalue() == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_rows_are_written_as_events_arrive(events: list[Event], fmt: str) -> None:
    out = io.StringIO()

    def feed() -> Iterator[Event]:
        for i, event in enumerate(events):
            # the previous event is already out before the next is read
            if i:
                assert f'"{events[i - 1].id}"' in out.getvalue() or \
                    f"\n{events[i - 1].id}," in out.getvalue()
            assert event.id not in out.getvalue()
            yield event

    assert write_events(feed(), fmt, out) == len(events)


def test_unknown_format_lists_the_known_ones(events: list[Event]) -> None:
    with pytest.raises(UsageError, match="choose one of: csv, jsonl, plover"):
        write_events(events, "xlsx", io.StringIO())
    assert write_events(events, " CSV ", io.StringIO()) == 3


def test_export_from_a_store_to_a_file(events: list[Event], tmp_path: Path) -> None:
    docs = {e.evidence.doc_id for e in events}
    with open_store(str(tmp_path / "ev.db")) as store:
        for doc_id in sorted(docs):
            mine = [e for e in events if e.evidence.doc_id == doc_id]
            store.save(CodedDocument(Document(id=doc_id, source="x", text="t"), mine))
        target = tmp_path / "events.jsonl"
        with target.open("w", encoding="utf-8") as out:
            written = write_events(store.events(include_negated=True), "jsonl", out)
    assert written == 3
    back = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert sorted(back, key=lambda d: d["id"]) == [e.to_dict() for e in events]
