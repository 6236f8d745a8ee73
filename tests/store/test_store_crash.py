"""A writer killed with SIGKILL mid-run leaves a consistent, resumable database."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from store_factory import make_coded, n_events

from eventwire.store import open_store

WORKER = Path(__file__).with_name("crash_worker.py")
SRC = Path(__file__).resolve().parents[2] / "src"
TOTAL = 600


def _has_dedup() -> bool:
    try:
        import eventwire.normalize.dedup  # noqa: F401
    except ImportError:
        return False
    return True


def _run_and_kill(db: Path, signature: bool, after: int) -> int:
    """Start the worker, SIGKILL it once it has saved ``after`` documents."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(SRC), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, str(WORKER), str(db), str(TOTAL),
                             "1" if signature else "0"],
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    saved = -1
    for line in proc.stdout:
        saved = int(line)
        if saved + 1 >= after:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the worker finished before it was killed"
    return saved + 1


def _check_consistent(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute("SELECT count(*) FROM events WHERE doc_id NOT IN "
                               "(SELECT id FROM documents)").fetchone()[0]
        assert orphans == 0
        per_doc = conn.execute(
            "SELECT d.source, (SELECT count(*) FROM events e WHERE e.doc_id = d.id), "
            "(SELECT count(*) FROM quotes q WHERE q.doc_id = d.id) FROM documents d"
        ).fetchall()
    for source, events, quotes in per_doc:
        i = int(Path(source).stem)
        assert (events, quotes) == (n_events(i), 1), f"document {i} is half-written"
    return {"documents": len(per_doc)}


@pytest.mark.parametrize("signature", [False, True])
def test_killed_writer_leaves_consistent_database(tmp_path: Path, signature: bool) -> None:
    if signature and not _has_dedup():
        pytest.skip("eventwire.normalize.dedup is not there yet")
    db = tmp_path / "crash.db"
    acknowledged = _run_and_kill(db, signature, after=60)

    stored = _check_consistent(db)["documents"]
    # everything the worker reported saved is committed (it may have saved more
    # while the test read its output)
    assert acknowledged <= stored < TOTAL

    with open_store(str(db)) as store:
        results = store.save_many(make_coded(i, signature=signature) for i in range(TOTAL))
        assert [r.status for r in results[:stored]] == ["exists"] * stored
        assert all(r.status != "exists" for r in results[stored:])
        counts = store.counts()
    assert counts["documents"] == TOTAL
    assert counts["events"] == sum(n_events(i) for i in range(TOTAL))
    assert counts["quotes"] == TOTAL
    _check_consistent(db)
