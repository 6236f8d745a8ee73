"""Hostile inputs (issue 26): each is one problem with a reason, never a crash or a hang."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest

from eventwire.ingest import iter_files, read_inputs
from eventwire.records import InputProblem
from eventwire.watch import ReadFiles, Settling, poll_folder

GOOD = "Russia attacked Ukraine on Monday, the ministry said.\n"
LONG_NUMBER = '{"text": "x", "n": 1' + "0" * 5000 + "}\n"
DEEP = '{"text": "x", "y": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
#: deeper than Python parses, and small enough for a sidecar
DEEPISH = '{"title": "x", "y": ' + "[" * 20_000 + "]" * 20_000 + "}\n"


def _finishes(function, seconds: float = 60.0):  # type: ignore[no-untyped-def]
    """``function()``'s value, failing the test (not hanging it) if it waits for ever."""
    box: list[object] = []
    worker = threading.Thread(target=lambda: box.append(function()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert box, f"still running after {seconds} s: the reader waits for ever"
    return box[0]


@pytest.mark.parametrize("line", [LONG_NUMBER, DEEP], ids=["long-number", "deep-nesting"])
def test_a_json_line_python_cannot_parse_is_a_problem_and_the_others_are_read(tmp_path, read, line):
    path = tmp_path / "b.jsonl"
    path.write_text('{"text": "First."}\n' + line + '{"text": "Third."}\n', encoding="utf-8")
    articles, problems = read(path)
    assert [a.text for a in articles] == ["First.", "Third."]
    assert [p.source for p in problems] == [f"{path}:2"]
    assert problems[0].reason.startswith("line holds ")
    assert problems[0].reason.endswith("fix or remove the line")


def test_a_long_number_says_how_long(tmp_path, read):
    path = tmp_path / "b.jsonl"
    path.write_text(LONG_NUMBER, encoding="utf-8")
    _, problems = read(path)
    assert "a number of 5001 digits (at most 4300" in problems[0].reason


@pytest.mark.parametrize("line", [LONG_NUMBER, DEEP], ids=["long-number", "deep-nesting"])
def test_sniffing_standard_input_survives_what_json_cannot_parse(line):
    # the first line is tried as JSON to tell JSON Lines from text
    items = list(read_inputs(["-"], stdin=io.BytesIO(line.encode())))
    assert len(items) == 1


@pytest.mark.parametrize("body", [LONG_NUMBER, DEEPISH], ids=["long-number", "deep-nesting"])
def test_a_sidecar_python_cannot_parse_skips_its_article_with_a_reason(tmp_path, read, body):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(body, encoding="utf-8")
    articles, problems = read(tmp_path)
    assert articles == [] and len(problems) == 1
    assert problems[0].reason.startswith("bad sidecar metadata: holds ")


def test_a_huge_sidecar_is_not_read_whole(tmp_path, read):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    with (tmp_path / "a.txt.meta.json").open("w") as side:
        side.write('{"title": "T"' + " " * 1_000_000 + "}")  # valid, and far too big
    _, problems = read(tmp_path)
    assert "far more than metadata needs" in problems[0].reason


def test_a_symlink_loop_in_a_folder_is_reported_as_a_loop(tmp_path, read):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    articles, problems = read(tmp_path)
    assert [a.source for a in articles] == [str(tmp_path / "good.txt")]
    assert [p.source for p in problems] == [str(tmp_path / "a"), str(tmp_path / "b")]
    assert all("symbolic link loop" in p.reason for p in problems)


def test_a_symlink_loop_named_on_the_command_line_is_a_loop_not_a_missing_file(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    [problem] = list(iter_files([str(tmp_path / "a")]))
    assert isinstance(problem, InputProblem)
    assert "symbolic link loop" in problem.reason and "no such" not in problem.reason


def test_a_named_pipe_in_a_folder_is_skipped_without_waiting(tmp_path, read):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "p.txt")  # nobody writes to it: opening it would wait for ever
    articles, problems = _finishes(lambda: read(tmp_path))
    assert len(articles) == 1
    assert [p.source for p in problems] == [str(tmp_path / "p.txt")]
    assert "named pipe" in problems[0].reason and "skipped" in problems[0].reason


def test_a_named_pipe_or_device_given_by_name_is_refused(tmp_path, read):
    os.mkfifo(tmp_path / "p.txt")
    (tmp_path / "z.xml").symlink_to("/dev/zero")  # the feed reader would read for ever
    _, problems = _finishes(lambda: read(tmp_path / "p.txt", tmp_path / "z.xml"))
    assert ["named pipe" in problems[0].reason, "character device" in problems[1].reason] == [True, True]
    assert all("not a regular file" in p.reason for p in problems)


def test_a_watched_folder_with_a_named_pipe_polls_on_and_reports_it_once(tmp_path):
    from eventwire.store import open_store
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "p.txt")
    settling, read_files = Settling(), ReadFiles()
    with open_store(str(tmp_path / "w.db")) as store:
        reports = [_finishes(lambda: poll_folder(str(folder), store, settling, read_files, settle=0,
                                                 max_bytes=10_000_000, engine="local"))
                   for _ in range(2)]
    assert [r.stored for r in reports] == [1, 0]
    assert [[p.source for p in r.problems] for r in reports] == [[str(folder / "p.txt")], []]


def test_a_feed_is_read_no_further_than_max_bytes(tmp_path, read):
    feed = tmp_path / "big.xml"
    entry = "<item><title>T</title><description>" + "word " * 200 + "</description></item>\n"
    feed.write_text("<rss version='2.0'><channel><title>C</title>\n" + entry * 100
                    + "</channel></rss>\n", encoding="utf-8")
    articles, problems = read(feed, max_bytes=50_000)
    assert articles == [] and len(problems) == 1
    assert problems[0].reason.startswith("feed is ") and "over the 50.0 kB limit" in problems[0].reason
    assert len(read(feed)[0]) == 100  # under the default limit, every entry


class _Zeros(io.RawIOBase):
    """A stream of zero bytes, as /dev/zero gives, that counts what was read
    (and ends at 200 MB, so that a reader without a limit cannot eat the machine)."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        n = min(len(buffer), 200_000_000 - self.given)
        buffer[:n] = bytes(n)
        self.given += n
        return n


def test_an_endless_feed_is_read_no_further_than_the_limit():
    from eventwire.ingest.reader import _guarded, _stream_articles
    zeros = _Zeros()
    items = list(_guarded("z.xml", _stream_articles(io.BufferedReader(zeros), "z.xml", "feed",
                                                   1_000_000, path=None)))
    assert "over the 1.0 MB limit" in items[0].reason
    assert zeros.given <= 1_000_000 + 2 * io.DEFAULT_BUFFER_SIZE + 65_536


def test_a_file_name_that_is_not_utf8_is_a_printable_source(tmp_path, read):
    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes: not UTF-8
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    articles, _ = read(tmp_path)
    assert articles[0].source == str(tmp_path / "caf\\xe9.txt")
    articles[0].source.encode("utf-8")  # storable and printable


def test_metadata_that_cannot_be_stored_is_cleaned(tmp_path, read):
    # "\ud800" is valid JSON, and no database takes it as text
    path = tmp_path / "s.jsonl"
    path.write_text('{"text": "Talks resumed.", "title": "A\\ud800B", "url": "http://x.example/\\udfff",'
                    ' "source": "Desk\\u001b[31m"}\n', encoding="utf-8")
    [article], _ = read(path)
    assert (article.title, article.url, article.outlet) == ("AB", "http://x.example/", "Desk[31m")
