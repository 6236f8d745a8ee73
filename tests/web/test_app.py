"""Creating the workbench: read-only, it serves an existing store; with a token
it may make one to ingest into."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.errors import StoreError
from eventwire.web import create_app
from workbench_data import SECRET, TOKEN


def test_a_read_only_workbench_refuses_a_database_that_does_not_exist(tmp_path: Path) -> None:
    db = tmp_path / "typo.db"
    with pytest.raises(StoreError, match="no eventwire database at .*typo.db: the file does not exist; "
                                         "give the --db"):
        create_app(str(db))
    assert not db.exists()


def test_a_read_only_workbench_refuses_a_database_without_eventwire_tables(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    with pytest.raises(StoreError, match="holds no eventwire tables"):
        create_app(str(db))
    with sqlite3.connect(db) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["notes"]


def test_a_workbench_with_a_token_makes_a_database_and_ingests_into_it(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    text = ("SEOUL, June 4, 2024 -- South Korean Defense Minister Min Example met "
            "Japanese Defense Minister Ken Sample in Seoul on Tuesday.")
    with TestClient(create_app(str(db), token=TOKEN),
                    headers={"Authorization": f"Bearer {SECRET}"}) as client:
        answer = client.post("/api/documents", json={"text": text})
        assert answer.status_code == 201 and answer.json()["status"] == "new"
        assert client.get("/api/overview").json()["counts"]["documents"] == 1
    assert db.exists()
