"""The main job end to end: real files, real parser, real SQLite."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from eventwire.pipeline import ingest
from eventwire.store import open_store
from eventwire.store.engine import create_engine, resolve_url

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"

WIRE = """MOSCOW, March 3 (Reuters) - Russian Defence Minister Sergei Shoigu spoke by phone with his \
Turkish counterpart Hulusi Akar on Friday about the grain corridor in the Black Sea, the Russian \
defence ministry said. Shoigu urged Ankara to press Kyiv to respect the safety guarantees for \
merchant ships, the ministry said in a statement. Akar said Turkey would keep both sides talking."""


def test_every_example_is_stored_with_events(tmp_path):
    with open_store(str(tmp_path / "e.db")) as store:
        report = ingest([str(EXAMPLES)], store)
        assert report.problems == []
        assert report.read == report.stored >= 18 + 3 + 3
        assert sum(report.categories.values()) > 100
        assert store.counts()["documents"] == report.stored


def test_voa_corpus_is_stored_whole(tmp_path, shared):
    with open_store(str(tmp_path / "voa.db")) as store:
        report = ingest([str(shared / "corpus" / "voa" / "voa_stories.jsonl")], store)
        assert report.problems == []
        assert report.read == 89 and report.stored + report.near_duplicates >= 89 - report.already_stored
        assert store.counts()["documents"] == 89 - report.already_stored


def test_near_duplicate_copy_is_linked_to_the_first(tmp_path):
    first = tmp_path / "a.txt"
    first.write_text(WIRE + "\n", encoding="utf-8")
    copy = tmp_path / "b.txt"
    rewritten = WIRE.replace("(Reuters)", "(AFP)").replace("on Friday", "late on Friday")
    copy.write_text(rewritten + " The call lasted an hour.\n\nRelated Articles\n", encoding="utf-8")
    with open_store(str(tmp_path / "d.db")) as store:
        report = ingest([str(first), str(copy)], store)
        assert report.stored == 2 and report.near_duplicates == 1
        docs = {d.source: d for d in store.documents()}
        assert docs[str(copy)].duplicate_of == docs[str(first)].id


def test_standard_input(tmp_path):
    db = tmp_path / "s.db"
    result = subprocess.run([sys.executable, "-m", "eventwire", "ingest", "-", "--db", str(db), "--quiet"],
                            input=WIRE.encode(), capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    with open_store(str(db)) as store:
        assert store.counts()["documents"] == 1
        assert {e.category for e in store.events()} >= {"CONSULT", "REQUEST"}


def _rows(db: Path | str) -> tuple[int, int, int]:
    """Documents, events and distinct event ids in ``db``: a SQLite file (its
    integrity checked first) or a PostgreSQL URL."""
    if "://" not in str(db):
        with sqlite3.connect(db) as con:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    engine = create_engine(resolve_url(str(db)))
    try:
        with engine.connect() as con:
            docs = con.execute(sa.text("SELECT count(*) FROM documents")).scalar_one()
            events = con.execute(sa.text("SELECT count(*) FROM events")).scalar_one()
            distinct = con.execute(sa.text("SELECT count(DISTINCT id) FROM events")).scalar_one()
    finally:
        engine.dispose()
    return docs, events, distinct


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def _descendants(root: int) -> list[int]:
    """The pids of ``root``'s children, their children, and so on."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    out, stack = [], list(children.get(root, []))
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack.extend(children.get(pid, []))
    return out


def _editions(tmp_path: Path, editions: int = 4) -> Path:
    """The examples ``editions`` times over (72 articles for four): enough work that a signal lands part-way."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for copy in range(editions):
        for path in sorted(EXAMPLES.glob("*.txt")):
            text = path.read_text(encoding="utf-8") + f"\n\nFiled in edition {copy} of the wire.\n"
            (corpus / f"{copy}_{path.name}").write_text(text, encoding="utf-8")
    return corpus


def _editions_jsonl(editions: int) -> list[str]:
    """The examples ``editions`` times over, one JSON line each."""
    import json
    lines = []
    for copy in range(editions):
        for path in sorted(EXAMPLES.glob("*.txt")):
            text = path.read_text(encoding="utf-8") + f"\n\nFiled in edition {copy} of the wire.\n"
            lines.append(json.dumps({"title": f"{copy} {path.stem}", "text": text}) + "\n")
    return lines


def held_open_editions(engine: str) -> int:
    """Editions to feed on standard input, held open, so that a run codes and
    stores some articles but can never reach its end.

    The reader hands articles on in groups of 64 (``pipeline.LOOKUP_BATCH``);
    the last, partial group waits for the end of the input. An engine reads
    ahead (``tapered_chunks``) and keeps a window in flight before its first
    result: 80 + 64 articles on the pool, 160 + 128 on Dask. So the pool gets
    12 editions (216: 192 handed on) and Dask 20 (360: 320 handed on): a
    kill or Ctrl-C always lands part-way, however fast or slow the machine.
    """
    return 12 if engine == "process" else 20


def _wait_for_documents(db: Path | str, count: int) -> None:
    deadline = time.time() + 240
    while time.time() < deadline:
        time.sleep(0.2)
        if "://" in str(db) or Path(db).exists():
            try:
                if _rows(db)[0] >= count:
                    return
            except (sqlite3.Error, sa.exc.DBAPIError):  # no tables yet
                continue
    raise AssertionError(f"fewer than {count} documents were stored in 240 s")


@pytest.mark.parametrize(("engine", "backend"), [("process", "sqlite"), ("dask", "sqlite"),
                                                 ("process", "postgresql")])
def test_killed_run_resumes_without_duplicates(tmp_path, engine, backend, request):
    lines = _editions_jsonl(held_open_editions(engine))
    db = str(tmp_path / "k.db") if backend == "sqlite" else request.getfixturevalue("postgres_typed_url")
    cmd = [sys.executable, "-m", "eventwire", "ingest", "-", "--engine", engine, "--workers", "2",
           "--db", db, "--quiet"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdin is not None
    proc.stdin.writelines(lines)
    proc.stdin.flush()
    _wait_for_documents(db, 3)
    workers = _descendants(proc.pid)  # the fork server, the workers, the resource tracker
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdin.close()
    # the workers notice the run is gone and exit, nothing lingers
    deadline = time.time() + 15
    while any(Path(f"/proc/{pid}").exists() and _state(pid) != "Z" for pid in workers) and time.time() < deadline:
        time.sleep(0.2)
    assert len(workers) >= 3 and not [pid for pid in workers if Path(f"/proc/{pid}").exists() and _state(pid) != "Z"]
    partial = _rows(db)[0]
    assert 3 <= partial < len(lines), "the run should have been killed part-way"
    text = "".join(lines)
    subprocess.run(cmd, input=text, check=False, timeout=600, capture_output=True, text=True)
    docs, events, distinct = _rows(db)
    assert docs == len(lines)
    assert events == distinct
    # the same events, byte for byte, as a run that was never killed (on SQLite)
    reference = tmp_path / "ref.db"
    subprocess.run(cmd[:-3] + ["--db", str(reference), "--quiet"], input=text, check=False, timeout=600,
                   capture_output=True, text=True)
    assert _rows(reference)[:2] == (docs, events)
    exported = [tmp_path / "resumed.jsonl", tmp_path / "reference.jsonl"]
    for database, out in zip((db, reference), exported):
        subprocess.run([sys.executable, "-m", "eventwire", "export", "--db", str(database), "--format",
                        "jsonl", "--output", str(out)], check=True, timeout=120, capture_output=True)
    assert exported[0].read_bytes() == exported[1].read_bytes()


def test_two_ingests_started_together_on_a_new_database_store_everything_once(tmp_path, db_url):
    # the second of two ingests started together on a new database stopped
    # with "database is locked" (SQLite) or on a duplicate key of the
    # server's catalogue (PostgreSQL); each must find its way, and what both
    # read is stored once
    corpus = _editions(tmp_path)
    ingest_into = [sys.executable, "-m", "eventwire", "ingest", str(corpus), "--workers", "1", "--quiet", "--db"]
    runs = [subprocess.Popen(ingest_into + [db_url], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [run.communicate(timeout=600)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert not any("WARNING" in err or "error" in err for err in errors), errors
    docs, events, distinct = _rows(db_url)
    reference = tmp_path / "ref.db"
    subprocess.run(ingest_into + [str(reference)], check=True, timeout=600, capture_output=True)
    assert (docs, events) == _rows(reference)[:2] and events == distinct


def _as_a_terminals_job() -> None:
    """Ctrl-C's default action in the child, as a terminal's foreground job
    has it. Tests run in the background (`make test &`) start with SIGINT
    ignored, children inherit that, and the ingest ran on to the end."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("engine", ["process", "dask"])
def test_ctrl_c_stops_an_ingest_at_once_and_says_how_to_go_on(tmp_path, engine):
    # The articles come on standard input, which stays open until the signal
    # has been dealt with: the run cannot reach its end before Ctrl-C lands,
    # however fast or slow the machine is.
    lines = _editions_jsonl(held_open_editions(engine))
    db = tmp_path / "c.db"
    cmd = [sys.executable, "-m", "eventwire", "ingest", "-", "--engine", engine, "--workers", "2",
           "--db", str(db)]
    err_path = tmp_path / "err.txt"
    with err_path.open("w") as err_file:
        # a session of its own: Ctrl-C on a terminal signals the whole group, workers too
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=err_file,
                                text=True, start_new_session=True, preexec_fn=_as_a_terminals_job)
        assert proc.stdin is not None
        proc.stdin.writelines(lines)  # held open: see held_open_editions
        proc.stdin.flush()
        _wait_for_documents(db, 3)
        workers = _descendants(proc.pid)
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=120)
        proc.stdin.close()
    err = err_path.read_text()
    assert proc.returncode == 130, err
    assert "stopped: what was stored is kept; run the same command again" in err
    assert "Traceback" not in err and "WARNING" not in err, err  # no worker killed by its nanny, no noise
    deadline = time.time() + 15
    while any(Path(f"/proc/{pid}").exists() and _state(pid) != "Z" for pid in workers) and time.time() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists() and _state(pid) != "Z"]
    assert _rows(db)[0] < len(lines)
    done = subprocess.run(cmd + ["--quiet"], input="".join(lines), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert _rows(db)[0] == len(lines)


NEGATED = "TOKYO, May 4 (Kyodo) -- Japan and China have not suspended their maritime talks, the ministry said on Thursday."


def test_negated_statements_are_stored_only_when_asked(tmp_path):
    path = tmp_path / "n.txt"
    path.write_text(NEGATED, encoding="utf-8")
    with open_store(str(tmp_path / "a.db")) as store:
        ingest([str(path)], store)
        assert store.events(include_negated=True) == []
    with open_store(str(tmp_path / "b.db")) as store:
        ingest([str(path)], store, keep_negated=True)
        kept = store.events(include_negated=True)
        assert [e.negated for e in kept] == [True] and store.events() == []


def test_a_document_the_store_refuses_costs_only_itself(tmp_path):
    import dataclasses

    from eventwire.pipeline import IngestReport, _store_batch
    from eventwire.records import CodedDocument, Document
    from eventwire.store.inputs import seen_many

    docs = [Document(id=f"doc{i:04d}", source=f"/in/{i}.txt", text=f"Report {i}.") for i in range(5)]
    docs[2] = dataclasses.replace(docs[2], near_dup_signature=(1, 2, 3))  # cannot make 16 bands
    batch = [(CodedDocument(d), f"key{i}", d.source) for i, d in enumerate(docs)]
    report = IngestReport()
    with open_store(str(tmp_path / "b.db")) as store:
        _store_batch(batch, store, report, keep_events=10, keep_negated=False)
        assert report.stored == 4 and [p.source for p in report.problems] == ["/in/2.txt"]
        assert "signature" in report.problems[0].reason
        assert store.counts()["documents"] == 4
        # the refused input is not remembered: a later run tries it again
        assert seen_many(store.engine, [f"key{i}" for i in range(5)]) == {"key0", "key1", "key3", "key4"}
