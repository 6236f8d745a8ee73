"""A corpus of hostile inputs, made here, ingested in one run with two good
articles (issue 26): no crash, no hang, every bad input named on one line,
the good articles stored, exit 1, and the whole run under 1 GB of memory.

The kinds: encodings and binary files, NUL and control characters, JSON
Python cannot parse (huge numbers, deep nesting) and JSON of the wrong
shape, bad sidecars, symbolic link loops, named pipes, sockets and devices,
oversized files and feeds, texts too long for the parser, hostile HTML and
XML, hostile file names, and URLs on a local server that fail, never end,
drip or send too much.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventwire.ingest.paths import source_name
from eventwire.safetext import printable

MAX_BYTES = 3_000_000
GOOD = {
    "good-1.txt": ("TOKYO, May 4 (Kyodo) -- Japanese Defense Minister Yasukazu Hamada held talks with "
                   "his Australian counterpart Richard Marles in Tokyo on Thursday, the ministry said.\n"),
    "good-2.txt": ("BEIJING, Dec. 26 (Xinhua) -- China and Vietnam held their annual border defense "
                   "talks in Beijing on Monday, the defense ministry said.\n"),
}
#: hostile inputs that hold an article after all: they are read, not skipped
RECOVERED = {
    "nested-10000-divs.html": ("<html><body>" + "<div>" * 10_000 + "<p>Seoul and Tokyo resumed "
                               "military talks on Friday, officials said.</p>" + "</div>" * 10_000
                               + "</body></html>"),
}
HOSTILE_HTML_DEEP_EMPTY = "<html><body>" + "<div>" * 10_000 + "</div>" * 10_000 + "</body></html>"
BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10))
                  .replace("&lol0;", "&lol;")
                  + ']><rss version="2.0"><channel><title>&lol9;</title><item><title>x</title>'
                  "<description>&lol9;</description></item></channel></rss>")


def _files() -> dict[str, bytes]:
    """Each hostile file of the folder: name -> content."""
    rng = random.Random(26)
    jsonl = {  # one bad line each
        "huge-number.jsonl": '{"text": "x", "n": 1' + "0" * 5000 + "}\n",
        "deep-nesting.jsonl": '{"text": "x", "y": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
        "deep-objects.jsonl": '{"text": "x", "y": ' + '{"a":' * 50_000 + "1" + "}" * 50_000 + "}\n",
        "invalid-json.jsonl": "{not json at all}\n",
        "truncated-json.jsonl": '{"text": "Talks resumed on Mon\n',
        "array-line.jsonl": "[1, 2, 3]\n",
        "string-line.jsonl": '"just a string"\n',
        "no-text-field.jsonl": '{"title": "A headline only"}\n',
        "blank-text.jsonl": '{"text": "   "}\n',
        "text-is-number.jsonl": '{"text": 42}\n',
        "text-is-list.jsonl": '{"text": ["Talks", "resumed"]}\n',
        "text-is-null.jsonl": '{"text": null}\n',
        "lone-surrogate-text.jsonl": '{"text": "\\udfff\\ud800"}\n',  # not a pair: unstorable
        "invisible-text.jsonl": '{"text": "\\u200b\\u200c\\u2060"}\n',
    }
    files = {name: text.encode("utf-8") for name, text in jsonl.items()}
    files.update({
        "invalid-utf8.jsonl": b'{"text": "\xff\xfe\xfa"}\n',
        "bom-then-garbage.jsonl": b"\xef\xbb\xbf{oops}\n",
        "empty.txt": b"",
        "blank.txt": b"   \n\n\t  \n",
        "bom-only.txt": b"\xef\xbb\xbf",
        "nul-bytes.txt": b"Talks resumed\x00\x00 on Monday",
        "random-bytes": bytes(rng.getrandbits(8) for _ in range(4096)),
        "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        "archive.txt.gz": gzip.compress(b"Talks resumed on Monday." * 50, mtime=0),
        "zip-as-text.txt": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(300),
        "document.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\x00\x01\x02\x03endstream",
        "utf16-no-bom.txt": "Talks resumed on Monday.".encode("utf-16-le"),
        "utf32.txt": "Talks resumed on Monday.".encode("utf-32"),
        "control-characters.txt": ("Talks\x01\x02\x03 resumed\x04\x05\x06 on\x07\x08 Monday" * 20).encode(),
        "utf16-blank.txt": "   \n ".encode("utf-16"),
        "zero-width-only.txt": "\u200b\u200c\u200d\u2060\ufeff".encode(),
        "boilerplate-only.txt": b"Photo: VCG\nRead more\nShare this article\nBack to top\n",
        "oversized.txt": b"Talks resumed. " * (MAX_BYTES // 15 + 1000),
        "too-long-for-the-parser.txt": b"The talks went on and on " * 44_000,  # one paragraph, 1.1M chars
        "oversized.html": b"<html><body>" + b"<p>Talks resumed.</p>" * (MAX_BYTES // 21 + 100),
        "empty-page.html": b"<html><head><title>Nothing</title></head><body></body></html>",
        "script-only.html": b"<html><body><script>" + b"var x = 1;" * 1000 + b"</script></body></html>",
        "comments-only.html": b"<html><body><!-- " + b"hidden " * 1000 + b"--></body></html>",
        "style-only.html": b"<html><head><style>p { color: red }</style></head><body></body></html>",
        "deep-empty-divs.html": HOSTILE_HTML_DEEP_EMPTY.encode(),
        "not-a-feed.xml": b"This file says it is a feed but holds plain prose.\n",
        "feed-without-entries.xml": b"<?xml version='1.0'?><rss version='2.0'><channel><title>Desk</title>"
                                    b"</channel></rss>",
        "feed-entry-without-text.xml": b"<?xml version='1.0'?><rss version='2.0'><channel><title>D</title>"
                                       b"<item><title>Only a title</title></item></channel></rss>",
        "oversized-feed.xml": (b"<?xml version='1.0'?><rss version='2.0'><channel><title>D</title>"
                               + b"<item><title>T</title><description>Talks resumed.</description></item>"
                               * (MAX_BYTES // 70 + 100) + b"</channel></rss>"),
        "name-with-escapes-\x1b[31mRED\x1b]0;owned\x07.txt": b"\x00binary",
        "name-with-newline-\nand-tab\t.txt": b"",
        "name-with-bidi-\u202eexe.txt": b"\x00",
        "n" * 200 + ".txt": b"",
    })
    return files


#: inputs whose one entry is read, then refused when normalised or coded
READ_THEN_REFUSED = {"lone-surrogate-text.jsonl", "invisible-text.jsonl", "feed-entry-without-text.xml"}
#: sidecars, each spoiling its (good) article: the sidecar is named
SIDECARS = {
    "huge-number-sidecar.txt": '{"title": 1' + "0" * 5000 + "}",
    "deep-sidecar.txt": '{"title": ' + "[" * 20_000 + "]" * 20_000 + "}",
    "list-sidecar.txt": "[1, 2]",
    "bad-date-sidecar.txt": '{"published": "yesterday"}',
    "number-title-sidecar.txt": '{"title": 5}',
    "huge-sidecar.txt": '{"title": "T"' + " " * 100_000 + "}",
}


def build(folder: Path) -> tuple[list[str], set[str], list[str]]:
    """Write the corpus; return the paths to give, the sources that must be
    named as skipped, and the names of what must be stored."""
    folder.mkdir()
    expected: set[str] = set()
    for name, data in _files().items():
        path = folder / os.fsdecode(name.encode())
        path.write_bytes(data)
        # a line the reader refuses is "file:1"; an entry read, then refused, "file#1"
        expected.add(f"{source_name(path)}#1" if name in READ_THEN_REFUSED else
                     f"{source_name(path)}:1" if name.endswith(".jsonl") else source_name(path))
    not_utf8 = folder / os.fsdecode(b"latin1-name-\xe9-\xff.txt")
    not_utf8.write_bytes(b"\x00\x01")
    expected.add(source_name(not_utf8))
    for name, sidecar in SIDECARS.items():
        (folder / name).write_text(GOOD["good-1.txt"].replace("Thursday", name), encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(sidecar, encoding="utf-8")
        expected.add(str(folder / f"{name}.meta.json"))
    for name, data in {**GOOD, **RECOVERED}.items():
        (folder / name).write_text(data, encoding="utf-8")
    (folder / "loop-a").symlink_to(folder / "loop-b")
    (folder / "loop-b").symlink_to(folder / "loop-a")
    (folder / "self-loop").symlink_to(folder / "self-loop")
    (folder / "broken-link.txt").symlink_to(folder / "does-not-exist")
    (folder / "dev-zero.xml").symlink_to("/dev/zero")
    (folder / "dev-urandom.txt").symlink_to("/dev/urandom")
    os.mkfifo(folder / "named-pipe.txt")
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(folder / "a-socket.txt"))
    listening.close()
    expected |= {str(folder / name) for name in ("loop-a", "loop-b", "self-loop", "broken-link.txt",
                                                  "dev-zero.xml", "dev-urandom.txt", "named-pipe.txt",
                                                  "a-socket.txt")}
    # and named on the command line
    outside = folder.parent / "named"
    outside.mkdir()
    os.mkfifo(outside / "pipe.jsonl")
    (outside / "zero.xml").symlink_to("/dev/zero")
    (outside / "loop").symlink_to(outside / "loop")
    named = [str(outside / "pipe.jsonl"), str(outside / "zero.xml"), str(outside / "loop"),
             str(outside / "missing.txt"), "ftp://127.0.0.1/not-supported.txt"]
    expected |= set(named)
    # expat refuses to expand it (a warning), and the entries found are read
    (folder / "billion-laughs.xml").write_text(BILLION_LAUGHS, encoding="utf-8")
    return [str(folder), *named], expected, [*GOOD, *RECOVERED]


class Hostile(BaseHTTPRequestHandler):
    """URLs that fail, never end, drip, or send too much."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        route = getattr(self, "_" + self.path.strip("/").replace("-", "_"), None)
        try:
            route() if route else self.send_error(404)
        except OSError:  # the client hung up, as it should
            pass

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _server_error(self) -> None:
        self._send(500, "text/plain", b"boom")

    def _forbidden(self) -> None:
        self._send(403, "text/plain", b"no")

    def _empty(self) -> None:
        self._send(200, "text/html", b"")

    def _binary(self) -> None:
        self._send(200, "application/octet-stream", bytes(range(256)) * 10)

    def _fake_feed(self) -> None:
        self._send(200, "application/rss+xml", b"<html><body>An error page, not a feed</body></html>")

    def _redirect_loop(self) -> None:
        self.send_response(302)
        self.send_header("Location", "/redirect-loop")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(50 * MAX_BYTES))
        self.end_headers()
        for _ in range(50 * MAX_BYTES // 65_536):
            self.wfile.write(b"a" * 65_536)

    def _endless(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        while True:
            self.wfile.write(b"10000\r\n" + b"b" * 65_536 + b"\r\n")

    def _drip(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        for _ in range(100_000):
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(0.2)

    def _drip_headers(self) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for _ in range(100_000):
            self.wfile.write(b"X")
            self.wfile.flush()
            time.sleep(0.2)

    def _silent(self) -> None:
        time.sleep(120)

    def log_message(self, *args: object) -> None:
        pass


URL_PATHS = ["/missing", "/server-error", "/forbidden", "/empty", "/binary", "/fake-feed",
             "/redirect-loop", "/huge", "/endless", "/drip", "/drip-headers", "/silent"]


@pytest.fixture
def hostile_urls() -> Iterator[list[str]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # a port nobody listens on
    refused = f"http://127.0.0.1:{closed.getsockname()[1]}/nobody-home"
    closed.close()
    yield [base + path for path in URL_PATHS] + [refused, "http://[not-a-host/x"]
    server.shutdown()


def _tree_rss(pid: int) -> int:
    """Memory of a process and all its descendants, in bytes: their proportional
    set sizes, so that the coder the workers share copy-on-write with the fork
    server (spaCy, the dictionary, the event model) counts once, not once a
    process as summed resident sizes count it."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in rollup.splitlines()
                       if line.startswith("Pss:")), 0)
        todo.extend(int(child) for child in children)
    return total


def test_a_hostile_corpus_is_ingested_in_one_run(tmp_path, hostile_urls):
    paths, expected, stored_names = build(tmp_path / "corpus")
    expected |= set(hostile_urls)
    assert len(expected) >= 67 + 10  # the 67 kinds, and more
    db = tmp_path / "hostile.db"
    cmd = [sys.executable, "-m", "eventwire", "ingest", *paths, *hostile_urls, "--db", str(db),
           "--workers", "2", "--max-bytes", str(MAX_BYTES), "--fetch-timeout", "3", "--quiet"]
    err_path = tmp_path / "err.txt"
    peak = 0
    with err_path.open("w") as err:
        run = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL,
                               env={**os.environ, "COLUMNS": "1000"})
        deadline = time.monotonic() + 900  # a hang fails the test rather than the suite
        while run.poll() is None:
            assert time.monotonic() < deadline, "the ingest hangs"
            peak = max(peak, _tree_rss(run.pid))
            time.sleep(0.1)
    stderr = err_path.read_text(encoding="utf-8")
    assert run.returncode == 1, stderr
    assert "Traceback" not in stderr and not re.search(r"\w(Error|Exception):", stderr), stderr
    lines = stderr.splitlines()
    warned = [line for line in lines if line.startswith("WARNING eventwire")]
    assert len(warned) == 1 and "billion-laughs.xml: feed is malformed" in warned[0]
    assert "amplification" in warned[0]  # the entities were refused, not expanded
    skipped = [line for line in lines if line.startswith("skipped ")]
    assert len(skipped) + len(warned) == len(lines), stderr
    for source in expected:  # each bad input named, on one line
        shown = f"skipped {printable(source, one_line=True)}: "
        assert len([line for line in skipped if line.startswith(shown)]) == 1, (source, stderr)
    assert len(skipped) == len(expected), stderr
    from eventwire.store import open_store
    with open_store(str(db), create=False) as store:
        titles = {Path(d.source).name for d in store.documents()}
    assert set(stored_names) <= titles
    print(f"peak memory {peak / 1e6:.0f} MB")
    assert peak < 1_000_000_000, f"peak memory {peak / 1e6:.0f} MB"
