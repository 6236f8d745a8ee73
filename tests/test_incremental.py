"""Incremental runs: new inputs only, re-coding, watching a folder and a feed."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlalchemy as sa

from eventwire.pipeline import ingest
from eventwire.recode import recode
from eventwire.store import open_store
from eventwire.store.inputs import document_coders
from eventwire.store.reviews import correct
from eventwire.store.schema import quotes
from eventwire.watch import watch

REPORT = "SEOUL, March {day} (Yonhap) -- South Korea urged North Korea on Monday to return to talks on item {n}.\n"


def write(folder: Path, numbers: range) -> None:
    folder.mkdir(exist_ok=True)
    for n in numbers:
        (folder / f"r{n}.txt").write_text(REPORT.format(day=n % 27 + 1, n=n), encoding="utf-8")


def test_folder_that_gained_files_processes_only_those(tmp_path, db_url):
    folder = tmp_path / "in"
    write(folder, range(5))
    with open_store(db_url) as store:
        first = ingest([str(folder)], store)
        assert first.stored == 5
        write(folder, range(5, 8))
        second = ingest([str(folder)], store)
        assert (second.read, second.stored, second.already_stored) == (8, 3, 5)
        assert store.counts()["documents"] == 8


def test_recode_replaces_machine_events_and_keeps_reviewed_ones(tmp_path, db_url):
    folder = tmp_path / "in"
    write(folder, range(2))
    with open_store(db_url) as store:
        ingest([str(folder)], store)
        [reviewed, other] = store.events()
        correct(store, reviewed.id, "analyst", {"category": "ACCUSE"})
        assert recode(store).documents == 0  # everything is coded by this coder version
        with store.engine.begin() as conn:  # pretend an older coder version coded them
            conn.execute(sa.update(document_coders).values(coder="eventwire-rules-0.0.1/old"))
        report = recode(store)
        assert report.documents == 2 and report.problems == []
        events = {e.id: e for e in store.events()}
        assert events[reviewed.id].category == "ACCUSE"
        assert events[other.id].category == "REQUEST"
        assert len(events) == 2


def test_recode_reads_the_stale_ids_a_page_at_a_time_and_codes_each_once(tmp_path, monkeypatch):
    import eventwire.recode as recoding
    folder = tmp_path / "in"
    write(folder, range(5))
    monkeypatch.setattr(recoding, "ID_PAGE", 2)
    with open_store(str(tmp_path / "p.db")) as store:
        ingest([str(folder)], store)
        with store.engine.begin() as conn:
            conn.execute(sa.update(document_coders).values(coder="eventwire-rules-0.0.1/old"))
        coded: list[str] = []
        assert recode(store, on_item=lambda doc_id, _: coded.append(doc_id)).documents == 5
        assert sorted(coded) == coded and len(set(coded)) == 5
        assert recode(store).documents == 0
        assert recode(store, everything=True).documents == 5


def test_a_document_the_store_refuses_to_recode_is_reported_and_the_others_are_recoded(tmp_path, monkeypatch):
    from eventwire.errors import StoreError
    from eventwire.store.store import Store
    folder = tmp_path / "in"
    write(folder, range(3))
    with open_store(str(tmp_path / "s.db")) as store:
        ingest([str(folder)], store)
        [refused, *_] = [d.id for d in store.documents()]
        with store.engine.begin() as conn:
            conn.execute(sa.update(document_coders).values(coder="eventwire-rules-0.0.1/old"))
        replace = Store.replace_events

        def flaky(self, doc_id, *args, **kwargs):  # type: ignore[no-untyped-def]
            if doc_id == refused:
                raise StoreError(f"events of document {doc_id} could not be replaced: disk full")
            return replace(self, doc_id, *args, **kwargs)

        monkeypatch.setattr(Store, "replace_events", flaky)
        report = recode(store)
        assert report.documents == 2 and len(report.problems) == 1 and "disk full" in report.problems[0].reason
        monkeypatch.setattr(Store, "replace_events", replace)
        assert recode(store).documents == 1  # the one refused is still stale: the next run codes it


def test_recode_runs_on_a_dask_cluster_from_the_command_line(tmp_path, capsys):
    from eventwire.cli import main
    folder = tmp_path / "in"
    write(folder, range(3))
    db = str(tmp_path / "d.db")
    with open_store(db) as store:
        ingest([str(folder)], store)
        before = [e.to_dict() for e in store.events()]
        with store.engine.begin() as conn:
            conn.execute(sa.update(document_coders).values(coder="eventwire-rules-0.0.1/old"))
    with pytest.raises(SystemExit) as done:
        main(["recode", "--db", db, "--engine", "dask", "--workers", "1"])
    assert done.value.code == 0
    assert "re-coded 3 documents" in capsys.readouterr().out
    with open_store(db) as store:
        assert [e.to_dict() for e in store.events()] == before


QUOTED = ('BEIJING, March 7 (Reuters) -- "The door to dialogue remains open," defense ministry spokesman '
          "Wu Qian told reporters on Thursday, as China urged the United States to stop sending warships.\n")


def test_recode_replaces_the_quotes_and_records_the_coder_with_the_events(tmp_path):
    (tmp_path / "q.txt").write_text(QUOTED, encoding="utf-8")
    with open_store(str(tmp_path / "q.db")) as store:
        ingest([str(tmp_path / "q.txt")], store)
        coded = store.quotes()
        assert [q.speaker.name for q in coded] == ["Wu Qian"]
        with store.engine.begin() as conn:  # what an older coder version left
            conn.execute(sa.update(document_coders).values(coder="eventwire-rules-0.0.1/old"))
            conn.execute(sa.update(quotes).values(text="words an older coder quoted"))
        assert recode(store).documents == 1
        assert store.quotes() == coded
        assert recode(store, everything=True).documents == 1  # replaced, never added twice
        assert store.quotes() == coded and store.counts()["quotes"] == 1
        assert recode(store).documents == 0  # the coder was recorded


def test_watch_a_folder(tmp_path, db_url):
    folder = tmp_path / "in"
    write(folder, range(2))
    rounds = []
    with open_store(db_url) as store:
        def grow(_seconds: float) -> None:
            write(folder, range(2, 4))
        for report in watch(str(folder), store, interval=1, rounds=2, settle=0, sleep=grow):
            rounds.append((report.read, report.stored, report.already_stored))
    assert rounds == [(2, 2, 0), (2, 2, 0)]  # the second poll reads only the two new files


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>{items}</channel></rss>"""
ITEM = ("<item><title>Item {n}</title><link>http://example.org/{n}</link>"
        "<pubDate>Mon, 06 Mar 2023 10:00:00 GMT</pubDate>"
        "<description>Japan urged China to release detained citizen number {n} on Monday.</description></item>")


class Feed(BaseHTTPRequestHandler):
    items = 1
    requests: list[tuple[str | None, int]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        etag = f'"v{Feed.items}"'
        if self.headers.get("If-None-Match") == etag:
            Feed.requests.append((self.headers.get("If-None-Match"), 304))
            self.send_response(304)
            self.end_headers()
            return
        body = FEED.format(items="".join(ITEM.format(n=n) for n in range(Feed.items))).encode()
        Feed.requests.append((self.headers.get("If-None-Match"), 200))
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_watch_a_feed_with_conditional_get(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    Feed.items, Feed.requests = 1, []
    plan = iter([lambda: None, lambda: setattr(Feed, "items", 3)])
    try:
        with open_store(str(tmp_path / "f.db")) as store:
            stored = [r.stored for r in watch(url, store, interval=1, rounds=3, sleep=lambda s: next(plan)())]
            assert store.counts()["documents"] == 3
    finally:
        server.shutdown()
    assert stored == [1, 0, 2]
    assert [code for _, code in Feed.requests] == [200, 304, 200]
    assert Feed.requests[1][0] == '"v1"'


class Broken(BaseHTTPRequestHandler):
    """A feed's server that answers with bytes that are no feed, then with the feed."""

    answers: list[bytes] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        body = Broken.answers.pop(0)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_watched_feed_that_answers_garbage_is_reported_and_polled_again(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Broken)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    Broken.answers = [b"\x00\xff<not a feed", FEED.format(items=ITEM.format(n=1)).encode()]
    try:
        with open_store(str(tmp_path / "f.db")) as store:
            reports = list(watch(url, store, interval=1, rounds=2, sleep=lambda s: None))
            assert store.counts()["documents"] == 1
    finally:
        server.shutdown()
    assert [(r.stored, r.skipped) for r in reports] == [(0, 1), (1, 0)]
    problem = reports[0].problems[0]
    assert problem.source == url and "not an RSS or Atom feed" in problem.reason
    assert "the feed's own" in problem.reason and ".txt" not in problem.reason
