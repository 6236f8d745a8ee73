"""Every document has a time bound, wherever it runs (issue 26).

The slow work here never ends on its own (an exponential regular expression,
an endless loop) or takes many times the bound, so no test depends on how
busy the machine is.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from eventwire.timebound import TimedOut, time_bound
from eventwire.pipeline import ingest
from eventwire.store import open_store

GOOD = ("TOKYO, May 4 (Kyodo) -- Japanese Defense Minister Yasukazu Hamada held talks with "
        "his Australian counterpart Richard Marles in Tokyo on Thursday, the ministry said.\n")


def _endless_regex() -> None:
    # 2^60 ways to fail: never ends, and runs inside one C call
    re.match(r"(a+)+$", "a" * 60 + "b")


def _endless_loop() -> None:
    while True:
        pass


@pytest.mark.parametrize("work", [_endless_regex, _endless_loop], ids=["regex", "loop"])
def test_a_bound_interrupts_work_in_the_main_thread(work):
    with pytest.raises(TimedOut), time_bound(0.2):
        work()


def test_a_bound_interrupts_work_in_another_thread():
    # a Dask worker codes in a thread of its own, where no signal arrives
    caught: list[BaseException] = []

    def bounded() -> None:
        try:
            with time_bound(0.2):
                _endless_loop()
        except TimedOut as exc:
            caught.append(exc)

    worker = threading.Thread(target=bounded, daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive() and len(caught) == 1


@pytest.mark.parametrize("in_thread", [False, True], ids=["main", "thread"])
def test_work_done_in_time_is_left_alone_and_nothing_fires_later(in_thread):
    import time
    results: list[str] = []

    def run() -> None:
        with time_bound(2.0):  # far longer than the block takes, however busy the machine
            results.append("done")
        time.sleep(2.3)  # past the bound: nothing may strike now
        results.append("after")

    if in_thread:
        worker = threading.Thread(target=run)
        worker.start()
        worker.join()
    else:
        run()
    assert results == ["done", "after"]


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    # sixteen million characters: over ten seconds to normalise on an idle machine,
    # several times the bound below (and a good article needs a fraction of it)
    words = "The envoys met again in Geneva on Monday as the talks went on "
    (folder / "b_huge.txt").write_text((words * (16_000_000 // len(words))).strip() + ".\n",
                                       encoding="utf-8")
    (folder / "c_good.txt").write_text(GOOD.replace("Thursday", "Friday"), encoding="utf-8")
    return folder


@pytest.mark.parametrize("engine", ["local", "process", "dask"])
def test_a_document_over_its_time_is_skipped_and_the_run_goes_on(tmp_path, engine):
    corpus = _corpus(tmp_path / "in")
    with open_store(str(tmp_path / "t.db")) as store:
        report = ingest([str(corpus)], store, engine=engine, workers=2, doc_timeout=3.0,
                        max_bytes=20_000_000)
    assert report.stored == 2
    [problem] = report.problems
    assert problem.source == str(corpus / "b_huge.txt")
    assert problem.reason.startswith("took longer than 3 s to normalise; skipped")
    assert "--doc-timeout" in problem.reason


def test_a_text_over_the_parsers_limit_is_skipped_with_one_line(tmp_path, caplog):
    # spaCy refuses texts over 1,000,000 characters (E088): two tracebacks in
    # the log, and an "internal error" for the user
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_long.txt").write_text("The talks went on. " * 60_000, encoding="utf-8")
    with open_store(str(tmp_path / "t.db")) as store:
        report = ingest([str(folder)], store, engine="local")
    assert report.stored == 1
    [problem] = report.problems
    assert problem.reason == ("text is 1,139,999 characters, over the 1,000,000 the parser takes; "
                              "split it into smaller files")
    assert "Traceback" not in caplog.text and "internal error" not in caplog.text


def test_a_web_page_slow_to_read_is_skipped_at_its_time(tmp_path):
    # the article of a page is looked for in the caller, before any worker:
    # nine megabytes of table cells take trafilatura many seconds
    from eventwire.ingest import read_inputs
    page = tmp_path / "tables.html"
    page.write_text("<html><body><table>" + "<tr><td>cell text here</td></tr>" * 280_000
                    + "</table><p>Talks resumed.</p></body></html>", encoding="utf-8")
    [problem] = list(read_inputs([str(page)], max_bytes=20_000_000, doc_timeout=0.5))
    assert problem.reason.startswith("took longer than 0.5 s to read as HTML; skipped")
