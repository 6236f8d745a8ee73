"""Watching a folder: a file is read only once it has stopped changing."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.errors import UsageError
from eventwire.store import open_store
from eventwire.watch import SETTLE_S, Settling, watch

REPORT = "SEOUL, March 6 (Yonhap) -- South Korea urged North Korea on Monday to return to talks on item {n}.\n"


def write(path: Path, text: str, age: float = 0.0) -> Path:
    """Write ``path``; ``age`` seconds sets its modification time that far back."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if age:
        stamp = time.time() - age
        os.utime(path, (stamp, stamp))
    return path


def _sort(settling: Settling, files: list[Path], **when: float) -> tuple[list[Path], int]:
    """``Settling.sort``, with the ready files' paths (their states aside)."""
    ready, waiting = settling.sort(files, **when)
    return list(ready), waiting


def test_old_files_are_ready_and_fresh_ones_wait(tmp_path: Path) -> None:
    old = write(tmp_path / "old.txt", "x", age=60)
    fresh = write(tmp_path / "fresh.txt", "y")
    ready, waiting = _sort(Settling(), [old, fresh], settle=5, now=time.time())
    assert ready == [old] and waiting == 1
    stat = old.stat()  # each ready file comes with its state, taken before it is read
    assert Settling().sort([old], settle=5, now=time.time())[0] == {old: (stat.st_size, stat.st_mtime_ns)}


def test_a_file_that_keeps_its_size_and_time_is_ready_after_the_settle_time(tmp_path: Path) -> None:
    # stamped in the future, as by a network share whose clock is ahead of ours
    path = write(tmp_path / "ahead.txt", "z", age=-3600)
    settling, now = Settling(), time.time()
    assert _sort(settling, [path], settle=5, now=now) == ([], 1)
    assert _sort(settling, [path], settle=5, now=now + 4) == ([], 1)
    assert _sort(settling, [path], settle=5, now=now + 5) == ([path], 0)
    assert settling.changing == {}


def test_a_file_written_again_starts_its_wait_afresh(tmp_path: Path) -> None:
    path = write(tmp_path / "growing.txt", "a", age=-3600)
    settling, now = Settling(), time.time()
    assert _sort(settling, [path], settle=5, now=now) == ([], 1)
    write(path, "a longer text", age=-3600)  # the download goes on
    assert _sort(settling, [path], settle=5, now=now + 5) == ([], 1)
    assert _sort(settling, [path], settle=5, now=now + 10) == ([path], 0)


def test_files_gone_are_forgotten_and_settle_zero_reads_everything(tmp_path: Path) -> None:
    path = write(tmp_path / "brief.txt", "b", age=-3600)
    settling = Settling()
    _sort(settling, [path], settle=5, now=time.time())
    path.unlink()
    assert _sort(settling, [], settle=5, now=time.time()) == ([], 0) and settling.changing == {}
    fresh = write(tmp_path / "now.txt", "c")
    assert _sort(Settling(), [fresh], settle=0, now=time.time()) == ([fresh], 0)


def test_a_watched_folder_stores_a_file_once_it_is_whole(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "done.txt", REPORT.format(n=1), age=60)
    partial = write(folder / "coming.txt", REPORT.format(n=2)[:40])  # still being written
    rounds = []

    def finish(_seconds: float) -> None:
        write(partial, REPORT.format(n=2), age=60)  # written out, and left alone since

    with open_store(str(tmp_path / "w.db")) as store:
        for report in watch(str(folder), store, interval=1, rounds=2, sleep=finish):
            rounds.append((report.read, report.stored, report.waiting))
        texts = sorted(d.text for d in store.documents())
    assert rounds == [(1, 1, 1), (1, 1, 0)]  # done.txt is not read again
    # the file was stored whole, and once: never its first 40 characters
    assert len(texts) == 2 and all(t.rstrip().endswith(".") for t in texts)


def test_bad_settle_times_are_refused_before_the_database_is_made(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "never.db"
    with pytest.raises(SystemExit) as exit_info:
        main(["watch", str(tmp_path), "--db", str(db), "--settle", "-1", "--rounds", "1"])
    assert exit_info.value.code == 2
    assert "--settle must be zero or more seconds" in capsys.readouterr().err
    assert not db.exists()
    with open_store(str(tmp_path / "w.db")) as store, pytest.raises(UsageError, match="--settle"):
        next(watch(str(tmp_path), store, settle=-1))


@pytest.mark.parametrize("options, message", [
    (["--interval", "0"], "--interval must be at least 1 second"),
    (["--interval", "nan"], "--interval must be at least 1 second"),
    (["--rounds", "0"], "--rounds must be at least 1"),
])
def test_a_busy_or_empty_watch_is_refused_before_the_database_is_made(tmp_path: Path, capsys, options,  # type: ignore[no-untyped-def]
                                                                       message) -> None:
    db = tmp_path / "never.db"
    with pytest.raises(SystemExit) as exit_info:
        main(["watch", str(tmp_path), "--db", str(db), *options])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not db.exists()
    with open_store(str(tmp_path / "w.db")) as store, pytest.raises(UsageError, match="--interval"):
        next(watch(str(tmp_path), store, interval=0.5))


def test_the_command_says_what_waits(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    write(folder / "coming.txt", REPORT.format(n=3))
    with pytest.raises(SystemExit) as exit_info:
        main(["watch", str(folder), "--db", str(tmp_path / "w.db"), "--rounds", "1"])
    assert "poll 1: 0 new, 0 already stored, 0 skipped, 0 events, 1 still being written" \
        in capsys.readouterr().out
    assert exit_info.value.code == 0


def test_a_bad_file_is_reported_once_and_read_again_when_mended(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    bad = write(folder / "empty.txt", "", age=60)
    lines = write(folder / "wire.jsonl", '{"text": "' + REPORT.format(n=1).strip() + '"}\n{"oops"\n', age=60)

    def mend(_: float) -> None:
        if calls.pop(0):
            write(bad, REPORT.format(n=2), age=60)
            with lines.open("a", encoding="utf-8") as out:
                out.write('{"text": "' + REPORT.format(n=3).strip() + '"}\n')
            os.utime(lines, (time.time() - 30, time.time() - 30))

    calls = [False, True]
    with open_store(str(tmp_path / "w.db")) as store:
        reports = list(watch(str(folder), store, interval=1, rounds=3, settle=5, sleep=mend))
    assert [(r.stored, sorted(p.source for p in r.problems)) for r in reports] == [
        (1, [str(bad), f"{lines}:2"]),  # the empty file, and the bad line of the JSON Lines
        (0, []),  # unchanged since: neither read nor reported again
        (2, [f"{lines}:2"]),  # mended, and grown by a line: read again
    ]


def test_a_file_changed_in_place_is_read_again_and_the_others_are_not(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for n in range(3):
        write(folder / f"r{n}.txt", REPORT.format(n=n), age=60)
    edits = [lambda: None, lambda: write(folder / "r1.txt", REPORT.format(n=9), age=30)]
    with open_store(str(tmp_path / "w.db")) as store:
        reads = [(r.read, r.stored) for r in watch(str(folder), store, interval=1, rounds=3,
                                                     sleep=lambda _: edits.pop(0)())]
        assert store.counts()["documents"] == 4
    assert reads == [(3, 3), (0, 0), (1, 1)]


def test_a_file_the_database_refused_is_read_again_at_the_next_poll(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from eventwire.errors import StoreError
    from eventwire.store.store import Store
    folder = tmp_path / "in"
    refused = write(folder / "refused.txt", REPORT.format(n=1), age=60)
    write(folder / "fine.txt", REPORT.format(n=2), age=60)
    save_many = Store.save_many
    locked = [True]

    def flaky(self, coded, after=None):  # type: ignore[no-untyped-def]
        coded = list(coded)
        if locked[0] and any(c.document.source == str(refused) for c in coded):
            raise StoreError("database is locked")
        return save_many(self, coded, after)

    monkeypatch.setattr(Store, "save_many", flaky)
    with open_store(str(tmp_path / "w.db")) as store:
        reports = list(watch(str(folder), store, interval=1, rounds=3, sleep=lambda _: locked.__setitem__(0, False)))
        assert store.counts()["documents"] == 2
    assert [(r.read, r.stored, [p.retry for p in r.problems]) for r in reports] == [
        (2, 1, [True]),  # the database refused one: not the file's fault
        (1, 1, []),  # so the next poll reads it again, and stores it
        (0, 0, []),
    ]


def test_the_command_exits_1_when_a_poll_skipped_an_input(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    write(folder / "report.txt", REPORT.format(n=1), age=60)
    write(folder / "empty.txt", "", age=60)
    with pytest.raises(SystemExit) as exit_info:
        main(["watch", str(folder), "--db", str(tmp_path / "w.db"), "--rounds", "2", "--interval", "1"])
    captured = capsys.readouterr()
    assert "poll 1: 1 new, 0 already stored, 1 skipped" in captured.out
    assert "empty.txt" in captured.err
    assert exit_info.value.code == 1


def test_the_help_gives_the_default_settle_time(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main(["watch", "--help"])
    assert f"(default: {SETTLE_S:g})" in " ".join(capsys.readouterr().out.split())
