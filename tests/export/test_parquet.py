"""Parquet exports, ``eventwire.read_events`` and the ``eventwire export`` command."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import eventwire
from eventwire.cli import app
from eventwire.errors import UsageError
from eventwire.export import COLUMNS, EXPORT_FORMATS, write_events
from eventwire.export.parquet import BATCH
from eventwire.records import CodedDocument, Document, Event
from eventwire.store import open_store, reviews


def _store_with(events: list[Event], path: Path) -> None:
    with open_store(str(path)) as store:
        for doc_id in sorted({e.evidence.doc_id for e in events}):
            mine = [e for e in events if e.evidence.doc_id == doc_id]
            store.save(CodedDocument(Document(id=doc_id, source="x", text="t"), mine))


def test_parquet_keeps_types_and_values(events: list[Event], tmp_path: Path) -> None:
    target = tmp_path / "events.parquet"
    with target.open("wb") as out:
        assert write_events(events, "parquet", out) == 3
    table = pq.read_table(target)
    assert tuple(table.column_names) == COLUMNS
    assert str(table.schema.field("date").type) == "date32[day]"
    assert str(table.schema.field("negated").type) == "bool"
    assert str(table.schema.field("confidence").type) == "double"
    rows = table.to_pylist()
    assert rows[0]["date"] == date(2023, 5, 5) and rows[0]["actor_codes"] == "CHN;USA"
    assert rows[1]["date_end"] == date(2023, 6, 30) and rows[1]["recipient_codes"] == "RUS"
    assert rows[2]["date"] is None and rows[2]["negated"] is True
    assert rows[0]["sentence"] == events[0].evidence.sentence


def test_parquet_with_no_events_is_a_valid_empty_file(tmp_path: Path) -> None:
    target = tmp_path / "none.parquet"
    with target.open("wb") as out:
        assert write_events([], "parquet", out) == 0
    table = pq.read_table(target)
    assert table.num_rows == 0 and tuple(table.column_names) == COLUMNS


def test_parquet_is_written_in_row_groups(events: list[Event], tmp_path: Path) -> None:
    many = [events[0]] * (BATCH + 5)
    target = tmp_path / "many.parquet"
    with target.open("wb") as out:
        assert write_events(iter(many), "parquet", out) == BATCH + 5
    assert pq.ParquetFile(target).num_row_groups == 2


def test_parquet_needs_a_binary_file(events: list[Event]) -> None:
    with pytest.raises(UsageError, match="binary"):
        write_events(events, "parquet", io.StringIO())
    with pytest.raises(UsageError, match="text format"):
        write_events(events, "csv", io.BytesIO())
    assert EXPORT_FORMATS == ("csv", "jsonl", "plover", "parquet")


def test_read_events_gives_a_dataframe(events: list[Event], tmp_path: Path) -> None:
    db = tmp_path / "ev.db"
    _store_with(events, db)
    frame = eventwire.read_events(str(db))
    assert isinstance(frame, pd.DataFrame) and list(frame.columns) == list(COLUMNS)
    assert list(frame["id"]) == ["ev-1", "ev-2"]  # the negated one is left out
    assert frame["date"].iloc[0] == pd.Timestamp("2023-05-05")
    assert frame["confidence"].dtype == "float64"
    assert list(eventwire.read_events(str(db), actor="JPN")["id"]) == ["ev-2"]
    assert len(eventwire.read_events(str(db), include_negated=True)) == 3
    assert list(eventwire.read_events(str(db), include_negated=True, limit=1)["id"]) == \
        ["ev-1"]
    with open_store(str(db)) as store:
        reviews.correct(store, "ev-1", "tester", {"category": "AGREE"})
        reviews.reject(store, "ev-2", "tester")
        frame = eventwire.read_events(store)
    assert list(frame["id"]) == ["ev-1"] and frame["category"].iloc[0] == "AGREE"
    empty = eventwire.read_events(str(db), category="ASSAULT")
    assert empty.empty and list(empty.columns) == list(COLUMNS)


def test_import_eventwire_stays_light() -> None:
    code = ("import sys, eventwire; "
            "print(any(m in sys.modules for m in ('pandas', 'pyarrow', 'sqlalchemy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_export_command_writes_every_format(events: list[Event], tmp_path: Path) -> None:
    db = tmp_path / "ev.db"
    _store_with(events, db)
    runner = CliRunner()
    for fmt, suffix in (("csv", "csv"), ("jsonl", "jsonl"), ("plover", "json"),
                        ("parquet", "parquet")):
        target = tmp_path / f"out.{suffix}"
        result = runner.invoke(app, ["export", "--db", str(db), "-f", fmt, "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert "2 events written" in result.output
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 2
    assert len(json.loads((tmp_path / "out.json").read_text())) == 2
    only = runner.invoke(app, ["export", "--db", str(db), "-f", "jsonl", "--actor", "CHN"])
    assert only.exit_code == 0
    assert [json.loads(line)["id"] for line in only.stdout.splitlines()] == ["ev-1"]
    bad = runner.invoke(app, ["export", "--db", str(db), "-f", "xlsx"])
    assert bad.exit_code != 0
