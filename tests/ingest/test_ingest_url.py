"""URLs as inputs: a page and a feed served on 127.0.0.1, and failures as problems."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from eventwire.ingest import read_inputs
from eventwire.records import InputProblem, RawArticle

PAGE = b"""<!doctype html><html><head><title>Envoys meet</title></head><body><article>
<p>Japanese and Chinese diplomats met in Beijing on Tuesday to discuss the maritime hotline and
agreed to hold another round of consultations before the end of the year, officials said.</p>
</article></body></html>"""
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
<item><title>One</title><link>http://example.org/1</link><description>Seoul urged Pyongyang to talk.</description></item>
<item><title>Two</title><link>http://example.org/2</link><description>Tokyo protested to Beijing.</description></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        routes = {"/page": (PAGE, "text/html; charset=utf-8"), "/feed": (FEED, "application/rss+xml")}
        if self.path not in routes:
            self.send_error(404)
            return
        body, kind = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_page_by_url(base):
    [article] = list(read_inputs([f"{base}/page"]))
    assert isinstance(article, RawArticle)
    assert "maritime hotline" in article.text and article.source == f"{base}/page"


def test_feed_by_url(base):
    articles = list(read_inputs([f"{base}/feed"]))
    assert [a.title for a in articles if isinstance(a, RawArticle)] == ["One", "Two"]


def test_missing_page_and_unreachable_host_are_problems(base):
    problems = list(read_inputs([f"{base}/nope", "http://127.0.0.1:9/x"]))
    assert all(isinstance(p, InputProblem) for p in problems)
    assert "404" in problems[0].reason
    assert "cannot fetch" in problems[1].reason


class Slow(BaseHTTPRequestHandler):
    """Servers that never finish: a byte of the body, or of the headers, every
    0.2 s (each wait is short, so no socket timeout trips), or nothing at all."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        try:
            if self.path == "/drip-body":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.flush()
                self._drip(b"<html><body><p>" + b"x" * 100_000)
            elif self.path == "/drip-headers":
                self._drip(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X" * 100_000)
            else:  # /silent
                time.sleep(300)
        except OSError:  # the client hung up: as it should
            pass

    def _drip(self, data: bytes) -> None:
        for byte in data:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.2)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def slow() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers", "/silent"])
def test_a_fetch_that_never_ends_stops_at_its_deadline(slow, path):
    # the timeout was per read: a byte every few seconds never tripped it
    box: list[list[object]] = []
    started = time.monotonic()
    reader = threading.Thread(target=lambda: box.append(list(read_inputs([slow + path],
                                                                         fetch_timeout=1.0))),
                              daemon=True)
    reader.start()
    reader.join(120)
    assert box, "the fetch did not stop"
    [problem] = box[0]
    assert isinstance(problem, InputProblem) and problem.source == slow + path
    assert problem.reason.startswith("the server took longer than 1 s to send it")
    assert time.monotonic() - started < 60  # bounded by the deadline, not by the server


def test_a_fetch_timeout_that_bounds_nothing_is_refused(capsys, tmp_path):
    from eventwire.cli import main
    with pytest.raises(SystemExit) as done:
        main(["ingest", "http://127.0.0.1:1/x", "--db", str(tmp_path / "t.db"), "--fetch-timeout", "0"])
    assert done.value.code == 2
    assert "--fetch-timeout must be a number of seconds above 0" in capsys.readouterr().err


def test_a_socket_timeout_at_the_deadline_counts_as_the_deadline():
    # on a busy machine the socket's own timeout (as long as the deadline) can fire
    # before the deadline's timer thread runs: the user gets the same reason
    from eventwire.ingest.fetch import _Deadline
    deadline = _Deadline(0.05)  # its timer never started: only the clock says it passed
    assert not deadline.passed()
    time.sleep(0.06)
    assert deadline.passed() and not deadline.expired
