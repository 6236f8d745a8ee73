"""Counting an ingest's articles before reading them, for its progress bar (issue 25)."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

from eventwire.ingest import read_inputs
from eventwire.ingest.counting import expected_articles

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_count_is_what_reading_gives(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Seoul accused Pyongyang of firing missiles.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "one"}\n\n{"text": "two"}\n{"no": 3}\n', encoding="utf-8")
    (tmp_path / "c").write_text('{"text": "sniffed as JSON Lines"}\n{"text": "again"}\n', encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    paths = [str(tmp_path), str(EXAMPLES), str(tmp_path / "missing.txt")]
    assert expected_articles(paths) == sum(1 for _ in read_inputs(paths))


def test_standard_input_and_web_addresses_cannot_be_counted() -> None:
    assert expected_articles([str(EXAMPLES), "-"]) is None
    assert expected_articles(["https://example.org/feed.xml"]) is None


def _terminal_output(*argv: str) -> str:
    """What ``eventwire`` writes to a terminal (a pseudo-terminal, as at a prompt)."""
    leader, follower = pty.openpty()
    shown = b""
    try:
        process = subprocess.Popen([sys.executable, "-m", "eventwire", *argv], stdout=follower,
                                   stderr=follower, env={**os.environ, "COLUMNS": "100"})
        os.close(follower)
        while True:
            ready = select.select([leader], [], [], 1.0)[0]
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the program has closed the terminal
                    break
                if not chunk:
                    break
                shown += chunk
            elif process.poll() is not None:
                break
        assert process.wait(timeout=120) == 0
    finally:
        os.close(leader)
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode("utf-8", "replace"))


def test_an_ingest_of_files_shows_a_bar_with_the_share_done_and_the_time_left(tmp_path: Path) -> None:
    shown = _terminal_output("ingest", str(EXAMPLES), "--db", str(tmp_path / "e.db"),
                             "--engine", "local", "--show", "0")
    frames = [f for f in re.split(r"[\r\n]", shown) if "%" in f]
    assert frames, shown
    assert any(re.search(r"━+\s+\d{1,3}%\s+\d+/24\s+(?:-:--:--|\d+:\d\d:\d\d) left", f) for f in frames)
    assert "stored (new)" in shown  # the summary follows
