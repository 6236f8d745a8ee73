"""Opening a store: URLs and paths, SQLite settings, Alembic-managed schema."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from store_factory import make_coded

from eventwire.errors import StoreError
from eventwire.store import open_store
from eventwire.store.engine import resolve_url
from eventwire.store.migrate import HEAD, head_revision
from eventwire.store.schema import metadata


def test_resolve_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTWIRE_DB", raising=False)
    assert resolve_url(None) == "sqlite:///eventwire.db"
    monkeypatch.setenv("EVENTWIRE_DB", "/data/ev.db")
    assert resolve_url(None) == "sqlite:////data/ev.db"
    assert resolve_url("x.db") == "sqlite:///x.db"
    assert resolve_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_default_store_is_a_file_in_the_working_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTWIRE_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    with open_store() as store:
        store.save(make_coded(1))
    assert (tmp_path / "eventwire.db").is_file()
    with open_store(f"sqlite:///{tmp_path / 'eventwire.db'}") as again:
        assert again.counts()["documents"] == 1


def test_new_database_is_created_by_the_migration(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    open_store(str(path)).close()
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert context.get_current_revision() == head_revision()
        # the revisions build exactly the tables the code queries
        assert compare_metadata(context, metadata) == []
    engine.dispose()
    open_store(str(path)).close()  # a second open migrates nothing and keeps the file


def test_head_is_the_newest_migration_script() -> None:
    assert HEAD == head_revision(), "raise migrate.HEAD to the new script's revision"


def test_opening_a_database_at_head_loads_no_alembic(tmp_path: Path, modules_after) -> None:
    path = tmp_path / "h.db"
    open_store(str(path)).close()
    loaded = modules_after(f"from eventwire.store import open_store\nopen_store({str(path)!r}).close()")
    assert sorted(m for m in loaded if m.split(".")[0] == "alembic") == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "w.db")) as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_in_memory_store_works() -> None:
    with open_store(":memory:") as store:
        store.save(make_coded(2))
        assert store.counts()["documents"] == 1


@pytest.mark.parametrize("make_bad, message", [
    (lambda p: p / "missing" / "x.db", "does not exist; create it"),
    (lambda p: p, "is a directory"),
])
def test_unusable_paths_say_what_to_do(tmp_path: Path, make_bad, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StoreError, match=message):
        open_store(str(make_bad(tmp_path)))


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreError, match="cannot open database .*notes.db.*check the path, "
                                         "that the file is an eventwire database"):
        open_store(str(path))


def test_an_unreachable_server_says_what_to_check() -> None:
    # nothing listens on port 1 of loopback: refused at once, no time-out
    with pytest.raises(StoreError, match=r"cannot open database postgresql://nobody:\*\*\*@127\.0\.0\.1:1/x: "
                                         r".*check the URL \(host, port") as caught:
        open_store("postgresql://nobody:secret@127.0.0.1:1/x")
    assert "secret" not in str(caught.value)
    assert "\n" not in str(caught.value)  # libpq's two lines made one


def test_bad_urls_say_what_to_do() -> None:
    with pytest.raises(StoreError, match="cannot read database URL"):
        open_store("://nothing")
    with pytest.raises(StoreError, match="no database driver"):
        open_store("nosuchdb://host/db")


def test_database_from_a_newer_eventwire_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_store(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="upgrade eventwire"):
        open_store(str(path))


def test_readers_are_not_blocked_by_a_writer(tmp_path: Path) -> None:
    path = str(tmp_path / "busy.db")
    with open_store(path) as writer, open_store(path) as reader:
        writer.save(make_coded(1))
        with writer.engine.connect() as conn:
            conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                conn.exec_driver_sql("DELETE FROM quotes")
                # the write is not committed: a reader sees the last committed state
                assert reader.counts()["quotes"] == 1
                assert reader.has_document(make_coded(1).document.id)
        assert reader.counts()["quotes"] == 0


def test_a_new_file_another_connection_holds_is_waited_for_not_refused(tmp_path: Path) -> None:
    # switching a new file to WAL needs it to itself, and SQLite refused the
    # switch at once, busy timeout or not: the second of two ingests started
    # together on a new file stopped with "database is locked"
    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE other (a)")
    release = threading.Timer(0.3, holder.execute, ["COMMIT"])
    started = time.monotonic()
    release.start()
    try:
        with open_store(str(path)) as store:
            assert store.counts()["documents"] == 0
    finally:
        release.join()
        holder.close()
    assert time.monotonic() - started >= 0.3  # it waited for the lock


def test_stores_opened_at_once_on_a_new_database_all_find_it_migrated(db_url: str) -> None:
    # two ingests started together on a new PostgreSQL database both created
    # its tables, and the second stopped on a duplicate key of the server's
    # catalogue
    together = threading.Barrier(4)
    failures: list[BaseException] = []

    def open_one() -> None:
        together.wait()
        try:
            with open_store(db_url) as store:
                store.counts()
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            failures.append(exc)

    threads = [threading.Thread(target=open_one, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)  # without the lock, they could hang
    assert failures == []
    with open_store(db_url) as store:
        with store.engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == HEAD


def test_upgrade_recomputes_near_duplicate_signatures_of_stored_documents(tmp_path: Path) -> None:
    from alembic import command

    from eventwire.normalize.dedup import band_keys, minhash_signature
    from eventwire.records import Document
    from eventwire.store import rows
    from eventwire.store.migrate import alembic_config
    from eventwire.store.schema import documents

    path = tmp_path / "old.db"
    engine = sa.create_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as conn:  # a database as eventwire 0.1 left it
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
        text = "The navy chiefs of two coastal states spoke by video link about patrol schedules."
        signed = rows.document_row(Document(id="d1", source="s", text=text), None)
        signed["near_dup_signature"] = list(range(64))  # a signature from another hashing scheme
        conn.execute(documents.insert(), [signed, rows.document_row(Document(id="d2", source="s", text="x"), None)])
        conn.execute(sa.text("INSERT INTO band_keys (band_key, doc_id) VALUES ('00:old', 'd1')"))
    engine.dispose()
    with open_store(str(path)) as store:
        assert store.document("d1").near_dup_signature == minhash_signature(text)
        assert store.document("d2").near_dup_signature is None
        with store.engine.connect() as conn:
            keys = sorted(r[0] for r in conn.execute(sa.text("SELECT band_key FROM band_keys WHERE doc_id = 'd1'")))
        assert keys == sorted(set(band_keys(minhash_signature(text))))


def test_a_reader_refuses_a_database_file_that_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    with pytest.raises(StoreError, match="no eventwire database at .*typo.db: the file does not exist; "
                                         "give the --db"):
        open_store(str(path), create=False)
    assert not path.exists()


def test_a_reader_refuses_a_database_without_eventwire_tables_and_adds_none(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(StoreError, match="holds no eventwire tables"):
        open_store(str(path), create=False)
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["notes"]


def test_a_reader_opens_a_database_an_ingest_made(tmp_path: Path) -> None:
    path = tmp_path / "made.db"
    with open_store(str(path)) as store:
        store.save(make_coded(1))
    with open_store(str(path), create=False) as store:
        assert store.counts()["documents"] == 1


def test_a_reader_leaves_a_postgresql_database_without_eventwire_tables_as_it_was(postgres_url: str) -> None:
    with pytest.raises(StoreError, match="holds no eventwire tables"):
        open_store(postgres_url, create=False)
    engine = sa.create_engine(sa.make_url(postgres_url).set(drivername="postgresql+psycopg"))
    try:
        assert sa.inspect(engine).get_table_names() == []
    finally:
        engine.dispose()
    with open_store(postgres_url) as store:  # an ingest may make the tables
        store.save(make_coded(1))
    with open_store(postgres_url, create=False) as store:
        assert store.counts()["documents"] == 1


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_upgrade_keeps_a_band_key_for_its_32_earliest_stored_documents(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    from datetime import datetime, timedelta

    from alembic import command

    from eventwire.records import Document
    from eventwire.store import rows
    from eventwire.store.migrate import alembic_config
    from eventwire.store.schema import band_keys, documents

    url = f"sqlite:///{tmp_path / 'old.db'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    engine = sa.create_engine(sa.make_url(url).set(drivername="postgresql+psycopg")
                              if backend == "postgresql" else url)
    config = alembic_config()
    start = datetime(2026, 1, 1)
    with engine.begin() as conn:  # a story told 40 times, stored by an older eventwire
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
        docs = [rows.document_row(Document(id=f"d{n:02d}", source="s", text=f"copy {n}"), None) for n in range(40)]
        for n, row in enumerate(docs):
            row["stored_at"] = start + timedelta(minutes=40 - n if n % 2 else n)  # not in id order
        conn.execute(documents.insert(), docs)
        conn.execute(band_keys.insert(), [{"band_key": "00:story", "doc_id": row["id"]} for row in docs]
                     + [{"band_key": "01:rare", "doc_id": "d01"}, {"band_key": "01:rare", "doc_id": "d02"}])
    engine.dispose()
    with open_store(url) as store, store.engine.connect() as conn:
        kept = dict.fromkeys(["00:story", "01:rare"])
        for key in kept:
            kept[key] = sorted(conn.execute(sa.select(band_keys.c.doc_id).where(band_keys.c.band_key == key))
                               .scalars())
        earliest = sorted(row["id"] for row in sorted(docs, key=lambda r: r["stored_at"])[:32])
    assert kept == {"00:story": earliest, "01:rare": ["d01", "d02"]}


def _store_at_once(url: str) -> list:
    """Two stores save the same article, the second in a batch of two, while
    the first holds its transaction open; what the second's save gave (or
    raised)."""
    coded, others = make_coded(1), [make_coded(2)]
    first_saved, release = threading.Event(), threading.Event()
    outcome: list = []

    def hold(conn: sa.Connection, saved: list) -> None:
        first_saved.set()
        release.wait(10)

    def second_save() -> None:
        try:
            outcome.extend(second.save_many([coded, *others]))
        except BaseException as exc:  # noqa: BLE001 - returned to the test
            outcome.append(exc)

    with open_store(url) as first, open_store(url) as second:
        holder = threading.Thread(target=first.save_many, args=([coded],), kwargs={"after": hold})
        holder.start()
        assert first_saved.wait(10)
        other = threading.Thread(target=second_save)
        other.start()
        time.sleep(0.5)  # the second waits on the first's row
        release.set()
        holder.join(10)
        other.join(10)
        assert second.has_document(coded.document.id)
    return outcome


def test_an_article_two_stores_save_at_once_is_refused_to_the_second(postgres_url: str) -> None:
    # two ingests storing the same article at once: the server refuses the
    # second copy, and the ingest stores that batch again one article at a
    # time (where the article counts as stored already)
    (refused,) = _store_at_once(postgres_url)
    assert isinstance(refused, StoreError) and "could not be saved" in str(refused)


def test_psycopgs_warning_on_leaving_an_aborted_pipeline_is_dropped(postgres_url: str, caplog) -> None:
    # psycopg logged it as it left the pipeline such a refusal aborted: it
    # only repeated on the user's terminal what the store handles
    import logging

    import psycopg

    from eventwire.store.engine import create_engine
    create_engine(postgres_url).dispose()  # installs the filter
    logger = logging.getLogger("psycopg")
    with psycopg.connect(sa.make_url(postgres_url).set(drivername="postgresql")
                         .render_as_string(hide_password=False)) as conn, caplog.at_level(logging.WARNING):
        for args in ((psycopg.Pipeline(conn), "pipeline aborted"), ("another thing", "went wrong")):
            logger.handle(logger.makeRecord("psycopg", logging.WARNING, __file__, 1,
                                            "error ignored terminating %r: %s", args, None))
    assert "pipeline aborted" not in caplog.text
    assert "error ignored terminating 'another thing': went wrong" in caplog.text
