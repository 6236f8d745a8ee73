"""The API's cache of answers: a page is kept only while the database is unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from eventwire.pipeline import ingest
from eventwire.store import open_store
from eventwire.web import create_app

REPO = Path(__file__).resolve().parents[2]
ARTICLE = ("TOKYO, May 4 (Kyodo) -- Japanese Defense Minister Yasukazu Hamada held talks with his "
           "Australian counterpart Richard Marles in Tokyo on Thursday, the ministry said.\n")


def test_a_write_by_another_process_is_seen_at_once(db_copy: Path, tmp_path: Path) -> None:
    with TestClient(create_app(str(db_copy))) as client:
        before = client.get("/api/events?per_page=5").json()
        assert client.get("/api/events?per_page=5").json() == before  # kept
        article = tmp_path / "new.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        with open_store(str(db_copy)) as store:  # another connection, as another process's
            assert ingest([str(article)], store, engine="local").stored == 1
        after = client.get("/api/events?per_page=5").json()
    assert after["total"] > before["total"]


def test_the_load_benchmark_runs_and_reports(tmp_path: Path, shared) -> None:  # type: ignore[no-untyped-def]
    # a smoke run of the script, not a timed test: its figures are in bench/results
    out = tmp_path / "load.json"
    done = subprocess.run([sys.executable, str(REPO / "bench" / "api_load.py"), "--clients", "3",
                           "--requests", "30", "--ingest", "--editions", "1", "--results", str(out)],
                          capture_output=True, text=True, timeout=900, cwd=REPO)
    assert done.returncode == 0, done.stderr
    figures = json.loads(out.read_text())["scenarios"]["ingest"]
    assert figures["requests"] == 30 and figures["errors"] == 0
    assert figures["ingest"]["lost_writes"] == 0 and figures["ingest"]["exit_code"] == 0
